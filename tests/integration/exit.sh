#!/bin/bash
# Exit statuses (SPEC "Exit status"): the workload's status passes through,
# 128+S for a signal, 126 for a program that cannot be executed, 127 for one
# that does not exist.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

for init in yes no; do
	for n in 0 1 7 255; do
		t_begin "exit status $n passes through (init=$init)"
		mkini exit <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'echo ran; exit $n'
init = $init
EOF
		c_run run "$INI"
		t_rc "$n"
		t_eq ran "$OUT" "workload output"
	done
done

t_begin "kill -9 of itself is 137 (init=yes, workload is PID 2)"
mkini sig <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'kill -9 \$\$; echo survived'
init = yes
EOF
c_run run "$INI"
t_rc 137
t_eq "" "$OUT" "workload output"

t_begin "kill -TERM of itself is 143 (init=yes)"
mkini sig <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'kill -TERM \$\$; echo survived'
init = yes
EOF
c_run run "$INI"
t_rc 143
t_eq "" "$OUT" "workload output"

# A pid namespace's init cannot be killed from inside it, so the self-kill
# cases for init=no run without a pid namespace.
t_begin "kill -9 of itself is 137 (init=no, pid=no)"
mkini sig <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'kill -9 \$\$; echo survived'
init = no
[namespaces]
pid = no
EOF
c_run run "$INI"
t_rc 137
t_eq "" "$OUT" "workload output"

t_begin "kill -TERM of itself is 143 (init=no, pid=no)"
mkini sig <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'kill -TERM \$\$; echo survived'
init = no
[namespaces]
pid = no
EOF
c_run run "$INI"
t_rc 143
t_eq "" "$OUT" "workload output"

t_begin "SIGKILL from the host to a PID 1 workload is 137 (init=no)"
mkini sig <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'sleep 1000 & wait; : $T_MARK'
init = no
EOF
c_bg run "$INI"
if pid=$(marker_pid "/bin/sh "); then
	kill -KILL "$pid"
else
	t_fail "the workload never appeared"
fi
c_wait "$BG" 10
t_rc 137

t_begin "a program that is not executable is 126 with one line"
mkdir -p "$T_DIR/share"
printf '#!/bin/sh\necho ran\n' >"$T_DIR/share/script.sh"
chmod 644 "$T_DIR/share/script.sh"
mkini noexec <<EOF
[root]
path = $ROOTFS
[process]
exec = /mnt/script.sh
[mounts]
bind = $T_DIR/share /mnt
EOF
c_run run "$INI"
t_rc 126
t_one_line '/mnt/script\.sh'
t_eq "" "$OUT" "workload output"

t_begin "a missing program is 127 with one line"
mkini missing <<EOF
[root]
path = $ROOTFS
[process]
exec = /no/such/program-$T_MARK
EOF
c_run run "$INI"
t_rc 127
t_one_line "/no/such/program-$T_MARK"

t_begin "a program missing from PATH is 127 with one line"
mkini missing <<EOF
[root]
path = $ROOTFS
[process]
exec = no-such-program-$T_MARK
EOF
c_run run "$INI"
t_rc 127
t_one_line "no-such-program-$T_MARK"

t_begin "a program found through PATH runs"
mkini path <<EOF
[root]
path = $ROOTFS
[process]
exec = echo found
EOF
c_run run "$INI"
t_rc 0
t_eq found "$OUT" "workload output"
