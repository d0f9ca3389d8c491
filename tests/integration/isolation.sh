#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Namespaces and the root switch (SPEC [namespaces], [root]): pid numbers,
# hostname, a network namespace with only lo, the host's files and mounts
# out of sight, a read-only root, and chroot mode.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

t_begin "the workload is PID 1 with init=no"
mkini pid1 <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'echo \$\$'
init = no
EOF
c_run run "$INI"
t_rc 0
t_eq 1 "$OUT" "pid inside"

t_begin "the workload is PID 2 under cella's init with init=yes"
mkini pid2 <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'echo \$\$; tr "\\000" " " </proc/1/cmdline'
init = yes
EOF
c_run run "$INI"
t_rc 0
t_eq 2 "$(sed -n 1p <<<"$OUT")" "pid inside"
t_match 'cella' "$(sed -n 2p <<<"$OUT")" "/proc/1/cmdline inside"

t_begin "the host's processes are out of sight"
mkini ps <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'ls -d /proc/[0-9]* | wc -l'
init = no
EOF
c_run run "$INI"
t_rc 0
# sh, and ls or wc: at most three pids.
t_match '^[1-3]$' "$OUT" "number of pids in /proc"

t_begin "hostname is set inside and not on the host"
before=$(hostname)
mkini uts <<EOF
[container]
hostname = box-$T_MARK
[root]
path = $ROOTFS
[process]
exec = /bin/hostname
EOF
c_run run "$INI"
t_rc 0
t_eq "box-$T_MARK" "$OUT" "hostname inside"
t_eq "$before" "$(hostname)" "hostname of the host"

t_begin "the network namespace has only lo, and it is up"
mkini net <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'ls /sys/class/net; ip link show lo'
EOF
c_run run "$INI"
t_rc 0
t_eq lo "$(sed -n 1p <<<"$OUT")" "interfaces in /sys/class/net"
t_match '^[0-9]+: lo: <([A-Z_]+,)*UP[,>]' "$(sed -n 2p <<<"$OUT")" "ip link show lo"
t_eq 3 "$(grep -c '' <<<"$OUT")" "lines of output"

t_begin "a host file is invisible after the root switch"
touch "$T_DIR/hostmark"
mkini hostfile <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'cat /etc/hostname; test -e $T_DIR/hostmark && echo VISIBLE; test -d $T_TOP && echo TOP VISIBLE; echo end'
EOF
c_run run "$INI"
t_rc 0
t_eq "cella-rootfs
end" "$OUT" "output"

t_begin "mountinfo inside shows only / and /proc (old root detached)"
mkini mountinfo <<EOF
[root]
path = $ROOTFS
pivot = yes
[process]
exec = /bin/sh -c 'cut -d" " -f5 /proc/self/mountinfo'
[mounts]
defaults = no
proc = /proc
EOF
c_run run "$INI"
t_rc 0
t_eq "/
/proc" "$OUT" "mount points inside"

t_begin "root.readonly = yes makes the root read-only"
mkini ro <<EOF
[root]
path = $ROOTFS
readonly = yes
[process]
exec = /bin/sh -c 'touch /x-$T_MARK && echo WROTE; cat /etc/hostname'
EOF
c_run run "$INI"
t_rc 0
t_eq cella-rootfs "$OUT" "output"
t_file_absent "$ROOTFS/x-$T_MARK"
rm -f "$ROOTFS/x-$T_MARK"

t_begin "the root is writable by default"
mkini rw <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'touch /x-$T_MARK && echo wrote'
EOF
c_run run "$INI"
t_rc 0
t_eq wrote "$OUT" "output"
t_file_exists "$ROOTFS/x-$T_MARK"
rm -f "$ROOTFS/x-$T_MARK"

t_begin "chroot mode (pivot = no) switches root too"
touch "$T_DIR/hostmark"
mkini chroot <<EOF
[root]
path = $ROOTFS
pivot = no
[process]
exec = /bin/sh -c 'cat /etc/hostname; test -e $T_DIR/hostmark && echo VISIBLE; echo \$\$; echo end'
init = no
EOF
c_run run "$INI"
t_rc 0
t_eq "cella-rootfs
1
end" "$OUT" "output"

# In chroot mode the old root stays below the new one in the container's
# mount namespace; a process that joins the namespace (its root is the
# namespace's root) sees all of it: only the container's own procfs and sysfs
# may be there.
t_begin "chroot mode unmounts the host's procfs and sysfs"
mkini chroot <<EOF
[root]
path = $ROOTFS
pivot = no
[process]
exec = /bin/sh -c 'sleep 1000 & wait; : $T_MARK'
EOF
c_bg run "$INI"
if pid=$(marker_pid "/bin/sh "); then
	nsenter -t "$pid" -m /bin/sleep 30 &
	peek=$!
	t_defer "kill $peek"
	t_wait_for 5 grep -q . "/proc/$peek/mountinfo"
	t_ne "$(readlink /proc/self/ns/mnt)" "$(readlink "/proc/$peek/ns/mnt")" \
		"mount namespace of the container"
	fs=$(grep -E ' - (proc|sysfs) ' "/proc/$peek/mountinfo" | cut -d' ' -f5 |
		grep -x -e /proc -e /sys | sort)
	t_eq "/proc
/sys" "$fs" "procfs and sysfs mounted on /proc and /sys in the container's namespace"
	kill "$peek"
	kill -TERM "$BG"
else
	t_fail "the workload never appeared"
fi
c_wait "$BG" 10
t_rc 143

t_begin "ipc namespace is new"
mkini ipc <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'readlink /proc/self/ns/ipc'
EOF
c_run run "$INI"
t_rc 0
t_match '^ipc:\[[0-9]+\]$' "$OUT" "ipc namespace inside"
t_ne "$(readlink /proc/self/ns/ipc)" "$OUT" "ipc namespace"
