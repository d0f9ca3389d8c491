#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Signal forwarding (SPEC "Order of run" step 5): each signal sent to the
# foreground cella reaches the workload exactly once, with and without
# cella's init.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

SIGNALS="HUP INT QUIT USR1 USR2 ALRM WINCH TERM"

# The workload traps every signal and appends its name to /mnt/got; it says
# ready once the traps are set and ends when /mnt/stop appears. `sleep & wait`
# lets a trap run at once.
write_script() {
	mkdir -p "$T_DIR/share"
	cat >"$T_DIR/share/sig.sh" <<'EOF'
for s in HUP INT QUIT USR1 USR2 ALRM WINCH TERM; do
	trap "echo $s >>/mnt/got" "$s"
done
echo ready >/mnt/ready
while [ ! -e /mnt/stop ]; do
	sleep 0.1 &
	wait $!
done
exit 0
EOF
}

ready_or_gone() { [ -e "$T_DIR/share/ready" ] || ! bg_alive; }

# seen N: the workload has recorded at least N signals.
seen() { [ "$(grep -c '' "$T_DIR/share/got" 2>/dev/null)" -ge "$1" ]; }

for init in yes no; do
	t_begin "each signal reaches the workload exactly once (init=$init)"
	write_script
	mkini sig <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh /mnt/sig.sh $T_MARK
init = $init
[mounts]
bind = $T_DIR/share /mnt
EOF
	c_bg run "$INI"
	if t_wait_for 10 ready_or_gone && [ -e "$T_DIR/share/ready" ]; then
		n=0
		for sig in $SIGNALS; do
			n=$((n + 1))
			kill -s "$sig" "$BG" 2>/dev/null || t_fail "cella is gone before SIG$sig"
			t_wait_for 5 seen "$n" ||
				t_fail "SIG$sig did not reach the workload"
		done
		sleep 0.3
	else
		t_fail "the workload never got ready"
	fi
	touch "$T_DIR/share/stop"
	c_wait "$BG" 10
	t_rc 0
	t_eq "$SIGNALS" "$(xargs <"$T_DIR/share/got" 2>/dev/null)" "signals seen by the workload, in order"
done

t_begin "SIGTERM to cella ends an untrapping workload with 143 (init=yes)"
mkini term <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'sleep 1000 & wait; : $T_MARK'
init = yes
EOF
c_bg run "$INI"
if marker_pid "/bin/sh " >/dev/null; then
	kill -TERM "$BG"
else
	t_fail "the workload never appeared"
fi
c_wait "$BG" 10
t_rc 143
