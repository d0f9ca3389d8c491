#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# scripts/demo.sh (`make demo`): run configs/demo.ini on a busybox root and let
# the workload report, from inside, the isolation it gets. Needs root.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/mkrootfs.sh build/rootfs
tmp=$(mktemp -d /tmp/cella-demo.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export CELLA_STATE_DIR=$tmp/state
# A file on the host's /tmp that the container must not see.
marker=$tmp/host-marker
echo "host only" >"$marker"

run=(build/cella run --set "root.path=$PWD/build/rootfs")
echo "# ${run[*]} --set process.env=HOST_MARKER=$marker configs/demo.ini"
echo "# (standard input: the report script; the workload is sh -s)"
rc=0
"${run[@]}" --set "process.env=HOST_MARKER=$marker" configs/demo.ini <<'EOF' || rc=$?
caps="chown dac_override dac_read_search fowner fsetid kill setgid setuid setpcap
linux_immutable net_bind_service net_broadcast net_admin net_raw ipc_lock ipc_owner
sys_module sys_rawio sys_chroot sys_ptrace sys_pacct sys_admin sys_boot sys_nice
sys_resource sys_time sys_tty_config mknod lease audit_write audit_control setfcap
mac_override mac_admin syslog wake_alarm block_suspend audit_read perfmon bpf
checkpoint_restore"
names() { i=0; s=; for c in $caps; do
	[ $(((0x$1 >> i) & 1)) = 1 ] && s="$s $c"; i=$((i + 1)); done; echo "${s:- (none)}"; }
h() { printf '\n== %s\n' "$*"; }

h "processes: this shell is PID $$; PID 1 is cella's init"
ps -o pid,user,args | cut -c1-78
h "hostname: $(hostname)"
h "network interfaces"
ip -o addr | awk '{ print "  " $2, $3, $4 }'
h "mounts: where, filesystem[:subtree] (binds, masks), options"
awk '{ split($0, t, " - "); split(t[2], f, " "); if ($4 != "/") f[1] = f[1] ":" $4;
	printf "  %-18s %-15s %s\n", $5, f[1], $6 }' /proc/self/mountinfo
h "host file $HOST_MARKER"
if [ -e "$HOST_MARKER" ]; then echo "  VISIBLE: isolation broken"; else echo "  not visible"; fi
h "user: $(id)"
echo "  umask $(umask), open files at most $(ulimit -n), cwd $(pwd)"
h "capabilities"
while read -r k v; do
	case $k in
	CapBnd:) bnd=$v; echo "  $k $v$(names "$v")" ;;
	Cap*) echo "  $k $v$(names "$v")" ;;
	NoNewPrivs:) echo "  $k $v" ;;
	esac
done </proc/self/status
if [ $(((0x$bnd >> 22) & 1)) = 0 ]; then echo "  CAP_SYS_BOOT (bit 22): not in the bounding set"
else echo "  CAP_SYS_BOOT (bit 22): PRESENT"; fi
h "environment (PWD and SHLVL are the shell's own)"
env | sort | sed 's/^/  /'
h "writes"
for f in /home/app/note /etc/note /proc/sys/kernel/hostname /tmp/note; do
	if err=$(echo x 2>&1 >"$f"); then echo "  $f: written"; else echo "  ${err#*sh: }"; fi
done
EOF
echo
echo "# cella exited with $rc"
status=$rc

echo
echo "# the same with process.exec = /usr/bin/nosuch:"
rc=0
"${run[@]}" --set process.exec=/usr/bin/nosuch configs/demo.ini </dev/null 2>&1 || rc=$?
echo "# cella exited with $rc"
exit "$status"
