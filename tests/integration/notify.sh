#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# supervisor.notify: the workload's READY=1 and STATUS= reach the state
# file, cella's own NOTIFY_SOCKET (MAINPID = the workload's host pid), and
# the wait of run -d.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

need_pkg python3

notify_ini() {
	mkini nt <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c '$1; : $T_MARK'
user = app
[supervisor]
notify = yes
EOF
}

t_begin "run -d returns only when READY=1 has come; state shows ready=1"
notify_ini '/usr/bin/notify -s800 READY=1; exec sleep 1000'
start=$(date +%s%N)
c_run run -d "$INI"
ms=$((($(date +%s%N) - start) / 1000000))
t_rc 0
[ "$ms" -ge 700 ] || t_fail "run -d returned after $ms ms, before READY=1 (sent at 800 ms)"
c_run state nt
t_contains "ready=1" "$OUT" "state"
c_run stop nt
t_rc 0

t_begin "the workload finds NOTIFY_SOCKET inside; cella passes READY and STATUS on with MAINPID"
# shellcheck disable=SC2016 # expanded inside the container
notify_ini 'echo "inside: $NOTIFY_SOCKET"; /usr/bin/notify "STATUS=warming up" READY=1 "STATUS=serving"; sleep 0.3'
c_capture /usr/bin/python3 "$T_TOP/tests/helpers/notify-listen.py" "$T_DIR/mgr.sock" "$T_DIR/msgs" \
	"$CELLA" run "$INI"
t_rc 0
t_eq "inside: /run/notify/notify.sock" "$OUT" "workload output"
t_match "^STATUS=warming up
READY=1\|MAINPID=[0-9]+
cmdline of MAINPID: /bin/sh -c .*$T_MARK
STATUS=serving$" "$(cat "$T_DIR/msgs")" "what cella's manager received"

t_begin "run -d with notify: a workload that dies before READY=1 gives its status"
notify_ini 'exit 3'
c_run run -d "$INI"
t_rc 3
t_file_absent "$CELLA_STATE_DIR/nt" "state dir"

t_begin "without notify there is no NOTIFY_SOCKET inside, even when cella has one"
mkini nn <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'echo "[\$NOTIFY_SOCKET]"'
EOF
NOTIFY_SOCKET=/tmp/nowhere c_run run "$INI"
t_rc 0
t_eq "[]" "$OUT" "NOTIFY_SOCKET inside"

t_begin "notify with a read-only root: /run/notify is made in a tmpfs on /run"
rmdir "$ROOTFS/run/notify" 2>/dev/null # an earlier test's, on a writable root
mkini ro <<EOF
[root]
path = $ROOTFS
readonly = yes
[mounts]
tmpfs = /run
[process]
exec = /bin/sh -c '/usr/bin/notify READY=1; echo "\$NOTIFY_SOCKET"'
[supervisor]
notify = yes
EOF
c_run run "$INI"
t_rc 0
t_eq "/run/notify/notify.sock" "$OUT" "NOTIFY_SOCKET inside"
t_file_absent "$ROOTFS/run/notify" "the directory in the image"

t_begin "a run without notify leaves a host file named notify.sock alone"
# (An empty notify directory once made cella unlink /notify.sock.)
marker=/notify.sock
if [ -e "$marker" ]; then
	t_fail "$marker exists on the host already; not touching it"
else
	: >"$marker"
	t_defer rm -f "$marker"
	mkini plain <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/true
EOF
	c_run run "$INI"
	t_rc 0
	t_file_exists "$marker" "the host's $marker"
fi

t_begin "root inside reaches the socket and nothing of the host: no host directory to fill, all gone at the end"
mkini ntroot <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'touch /run/notify/planted-$T_MARK 2>/dev/null && echo PLANTED; dd if=/dev/zero of=/run/notify/fill bs=64k count=16 2>/dev/null && echo FILLED; /usr/bin/notify READY=1 && echo NOTIFIED; ls /run/notify'
[supervisor]
notify = yes
EOF
c_run run "$INI"
t_rc 0
t_eq "NOTIFIED
notify.sock" "$OUT" "what root inside could do"
t_eq "" "$(find "$CELLA_STATE_DIR" -mindepth 1 2>/dev/null)" "the state directory after the end"

t_begin "a workload flooding the notify socket does not keep the supervisor from a stop"
# Four senders that never stop: cella must still see the stop, the
# workload's end and its own clean-up (it reads a bounded number of
# messages a wake-up, then looks at its other duties).
notify_ini '/usr/bin/notify READY=1; for i in 1 2 3 4; do /usr/bin/notify -F STATUS=flood-$T_MARK & done; exec sleep 1000'
c_run run -d "$INI"
t_rc 0
sleep 0.5
start=$(date +%s%N)
c_run stop nt --timeout 2s
ms=$((($(date +%s%N) - start) / 1000000))
t_rc 0
[ "$ms" -lt 8000 ] || t_fail "stop took $ms ms under the flood"
t_wait_for 10 sh -c "! pgrep -f 'STATUS=[f]lood-$T_MARK' >/dev/null" || t_fail "flooders left running"
t_file_absent "$CELLA_STATE_DIR/nt" "state dir"
