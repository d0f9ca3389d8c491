#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""notify-listen.py SOCKET OUT CMD...: be a service manager for CMD: bind a
datagram socket at SOCKET, run CMD with NOTIFY_SOCKET pointing at it,
write every message received (one per line, newlines as |) to OUT until
CMD exits, and exit with CMD's status. After a message with MAINPID=N, a
line "cmdline of MAINPID: ..." tells which process N is."""
import os
import socket
import subprocess
import sys

path, out = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
s.settimeout(0.2)
p = subprocess.Popen(sys.argv[3:], env=dict(os.environ, NOTIFY_SOCKET=path))
with open(out, "w") as f:
    while True:
        try:
            msg = s.recv(4096).decode().strip()
            f.write(msg.replace("\n", "|") + "\n")
            for field in msg.split("\n"):
                if field.startswith("MAINPID="):
                    try:
                        with open("/proc/%s/cmdline" % field[8:], "rb") as c:
                            cmd = c.read().replace(b"\0", b" ").decode().strip()
                    except OSError:
                        cmd = "(gone)"
                    f.write("cmdline of MAINPID: " + cmd + "\n")
            f.flush()
        except socket.timeout:
            if p.poll() is not None:
                break
sys.exit(p.returncode)
