#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""pty-drive.py CMD...: run CMD on a new pseudo-terminal of 30 rows x 100
columns, as a person at a terminal would; once CMD prints "resize-me",
change the size to 40 x 120 (the kernel sends SIGWINCH); once it prints
"type-me", type "typed line" and Enter. Prints everything CMD wrote (CR
removed) and exits with CMD's status."""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time


def set_size(fd, rows, cols):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
set_size(fd, 30, 100)
out, done = b"", set()
deadline = time.time() + 20
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 0.1)
    if r:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        out += data
    if b"resize-me" in out and "resize" not in done:
        done.add("resize")
        set_size(fd, 40, 120)
    if b"type-me" in out and "type" not in done:
        done.add("type")
        os.write(fd, b"typed line\r")
_, st = os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors="replace").replace("\r", ""))
sys.exit(os.waitstatus_to_exitcode(st) & 255)
