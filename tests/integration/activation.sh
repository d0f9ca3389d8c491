#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# supervisor.listen-fds: sockets passed to cella by socket activation reach
# the workload at fd 3 with LISTEN_PID rewritten to its own pid.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

need_pkg python3
ACTIVATE=$T_TOP/tests/helpers/activate.py

for init in yes no; do
	t_begin "a passed socket is fd 3 inside, LISTEN_PID is the workload's, the host connects (init=$init)"
	mkini act <<EOF
[root]
path = $ROOTFS
[process]
exec = /usr/bin/accept3
init = $init
[supervisor]
listen-fds = yes
EOF
	c_capture /usr/bin/python3 "$ACTIVATE" "$CELLA" run "$INI"
	t_rc 0
	t_eq "fds=1 pid=matches self=yes names=web
got: hello from the host" "$OUT" "what the workload saw"
done

t_begin "run -d passes the sockets too (LISTEN_PID names the cella that was started)"
mkini actd <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'exec /usr/bin/accept3 >/tmp/done 2>&1'
[mounts]
bind = $T_DIR /tmp
[supervisor]
listen-fds = yes
EOF
c_capture /usr/bin/python3 "$ACTIVATE" "$CELLA" run -d "$INI"
t_rc 0
t_wait_for 10 grep -qs '^got:' "$T_DIR/done" || t_fail "the workload never got the connection"
t_eq "fds=1 pid=matches self=yes names=web
got: hello from the host" "$(cat "$T_DIR/done" 2>/dev/null)" "what the detached workload saw"

t_begin "without listen-fds the socket is closed and nothing is passed"
mkini noact <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'ls /proc/self/fd | tr "\n" " "; env | grep -c LISTEN_'
EOF
c_capture /usr/bin/python3 "$ACTIVATE" "$CELLA" run "$INI"
t_eq "0 1 2 3 0" "$OUT" "fds (3 is ls's own) and LISTEN_ variables"

# What reaches the workload when LISTEN_* overstate or do not name cella:
# never one of cella's own files (its state directory, the lock).
fds_ini() {
	mkini fds <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'echo "LISTEN_FDS=\${LISTEN_FDS-unset} LISTEN_PID=\${LISTEN_PID-unset} LISTEN_FDNAMES=\${LISTEN_FDNAMES-unset}"; fds=; for f in /proc/\$\$/fd/*; do [ -e "\$f" ] && fds="\$fds \${f##*/}"; done; echo "fds:\$fds"'
[supervisor]
listen-fds = yes
EOF
}

t_begin "LISTEN_FDS=3 with one socket: only fd 3 is passed, LISTEN_FDS=1, none of cella's files"
fds_ini
C_ENV=(ACT_FDS=3 ACT_CONNECT=no)
c_capture env "${C_ENV[@]}" /usr/bin/python3 "$ACTIVATE" "$CELLA" run "$INI"
C_ENV=()
t_rc 0
t_eq "LISTEN_FDS=1 LISTEN_PID=2 LISTEN_FDNAMES=unset
fds: 0 1 2 3" "$OUT" "what the workload got"

for pid in none other; do
	t_begin "LISTEN_PID $pid: nothing is passed and the variables are unset"
	fds_ini
	c_capture env ACT_PID=$pid ACT_CONNECT=no /usr/bin/python3 "$ACTIVATE" "$CELLA" run "$INI"
	t_rc 0
	t_eq "LISTEN_FDS=unset LISTEN_PID=unset LISTEN_FDNAMES=unset
fds: 0 1 2" "$OUT" "what the workload got"
done
