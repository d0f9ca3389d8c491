#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Joining existing namespaces (SPEC [namespaces]: a path instead of yes/no).
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

command -v ip >/dev/null || need_pkg iproute2
SLEEP=$(readlink -f "$(command -v sleep)")
# The holder has become sleep, so it is in its namespaces.
holder_ready() { [ "$(readlink "/proc/$HOLDER/exe")" = "$SLEEP" ]; }

# holder FLAGS...: a process in new namespaces (unshare FLAGS), pid in HOLDER.
holder() {
	unshare "$@" -- sleep 600 &
	HOLDER=$!
	t_defer "kill $HOLDER"
	t_wait_for 5 holder_ready ||
		t_fail "the namespace holder did not start"
}

t_begin "namespaces.net = /proc/PID/ns/net joins that network namespace"
holder --net
mkini joinnet <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/readlink /proc/self/ns/net
[namespaces]
net = /proc/$HOLDER/ns/net
EOF
c_run run "$INI"
t_rc 0
t_eq "$(readlink "/proc/$HOLDER/ns/net")" "$OUT" "network namespace inside"
t_ne "$(readlink /proc/self/ns/net)" "$OUT" "network namespace inside (the host's)"

t_begin "a joined network namespace keeps its interfaces"
holder --net
ip link add "d$T_N$$" type veth peer name "p$T_N$$" 2>/dev/null &&
	ip link set "p$T_N$$" netns "$HOLDER" &&
	t_defer "ip link del d$T_N$$"
mkini joinnet <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/ls /sys/class/net
[namespaces]
net = /proc/$HOLDER/ns/net
EOF
c_run run "$INI"
t_rc 0
t_eq "lo p$T_N$$" "$(xargs <<<"$OUT")" "interfaces inside"

t_begin "namespaces.uts = /proc/PID/ns/uts joins that UTS namespace"
holder --uts
nsenter -t "$HOLDER" -u hostname "j-$T_MARK"
mkini joinuts <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'readlink /proc/self/ns/uts; hostname'
[namespaces]
uts = /proc/$HOLDER/ns/uts
EOF
c_run run "$INI"
t_rc 0
t_eq "$(readlink "/proc/$HOLDER/ns/uts")
j-$T_MARK" "$OUT" "UTS namespace and hostname inside"

t_begin "namespaces.ipc = /proc/PID/ns/ipc joins that IPC namespace"
holder --ipc
mkini joinipc <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/readlink /proc/self/ns/ipc
[namespaces]
ipc = /proc/$HOLDER/ns/ipc
EOF
c_run run "$INI"
t_rc 0
t_eq "$(readlink "/proc/$HOLDER/ns/ipc")" "$OUT" "IPC namespace inside"

t_begin "joining a namespace path that does not exist is 125 with one line"
mkini joinmissing <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/echo RAN
[namespaces]
net = /proc/999999999/ns/net
EOF
c_run run "$INI"
t_rc 125
t_one_line '/proc/999999999/ns/net'
t_nomatch RAN "$OUT" "workload output"
