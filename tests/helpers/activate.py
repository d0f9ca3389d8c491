#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""activate.py CMD...: socket activation as systemd does it, for the
listen-fds test. Listens on a loopback port, runs CMD with the socket as
fd 3 and LISTEN_FDS=1, LISTEN_PID=its pid, LISTEN_FDNAMES=web, connects
once CMD has had a moment, sends a line, and exits with CMD's status.
ACT_FDS overrides the LISTEN_FDS value; ACT_PID=none leaves LISTEN_PID out,
ACT_PID=other sets it to another pid; ACT_CONNECT=no skips the connection.
(Not built into the rootfs: mkrootfs.sh compiles only the .c helpers.)"""
import os
import socket
import sys
import time

s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(1)
port = s.getsockname()[1]
pid = os.fork()
if pid == 0:
    os.dup2(s.fileno(), 3)
    os.set_inheritable(3, True)
    os.environ.update(LISTEN_FDS=os.environ.get("ACT_FDS", "1"), LISTEN_PID=str(os.getpid()),
                      LISTEN_FDNAMES="web")
    if os.environ.get("ACT_PID") == "none":
        del os.environ["LISTEN_PID"]
    elif os.environ.get("ACT_PID") == "other":
        os.environ["LISTEN_PID"] = str(os.getppid())
    os.execv(sys.argv[1], sys.argv[1:])
if os.environ.get("ACT_CONNECT") != "no":
    time.sleep(0.5)
    c = socket.create_connection(("127.0.0.1", port), timeout=10)
    c.sendall(b"hello from the host\n")
    c.close()
_, st = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(st) & 255)
