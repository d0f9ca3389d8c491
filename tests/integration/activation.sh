#!/bin/bash
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
