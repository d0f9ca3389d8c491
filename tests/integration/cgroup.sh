#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# [cgroup] on this host (v1 controllers beside an empty cgroup2: hybrid), and
# as a pure v1 host (the cgroup2 mount hidden in a private mount namespace).
# The qemu boot (boot.sh) covers cgroup v2. Every test checks that no
# cgroup directory of its container is left.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

# cg_dirs NAME: where cella puts container NAME, one line a hierarchy.
cg_dirs() {
	local ctrls path mp
	while IFS=: read -r _ ctrls path; do
		case $ctrls in
		'') mp=$(awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo) ;;
		name=*) continue ;;
		*) mp=/sys/fs/cgroup/${ctrls%%,*} ;;
		esac
		[ -n "$mp" ] || continue
		[ "$path" != / ] || path=
		echo "$mp$path/cella/$1"
	done </proc/self/cgroup
}

# cg_gone NAME: fail when a directory of NAME's cgroup is still there (and
# remove it, with what runs in it).
cg_gone() {
	local d p
	for d in $(cg_dirs "$1"); do
		[ -d "$d" ] || continue
		t_fail "leak: cgroup $d left behind"
		[ ! -e "$d/cgroup.kill" ] || echo 1 >"$d/cgroup.kill"
		for p in $(cat "$d"/cgroup.procs "$d"/*/cgroup.procs 2>/dev/null); do
			kill -9 "$p" 2>/dev/null
		done
		sleep 0.2
		rmdir "$d"/*/ "$d" 2>/dev/null
	done
}

# cg_file NAME FILE: the path of FILE in the running container NAME's cgroup.
cg_file() {
	local d
	for d in $(cat "$CELLA_STATE_DIR/$1/cgroup" 2>/dev/null); do
		[ -e "$d/$2" ] && { echo "$d/$2"; return 0; }
	done
	return 1
}

# box NAME EXEC [KEY = VALUE lines of [cgroup] from stdin]
box() {
	local name=$1 exec=$2 extra
	extra=$(cat)
	mkini "$name" <<EOF
[root]
path = $ROOTFS
[process]
exec = $exec
stop-timeout = 1s
[cgroup]
$extra
EOF
}

t_begin "check refuses bad values: one line naming the key, 125"
for kv in "memory.max = 12X" "memory.high = -1" "pids.max = 0" "pids.max = 10M" "cpu.max = 10" \
	"cpu.max = 20000 10" "cpu.max = max 2000000" "cpu.weight = 0" "cpu.weight = 10001" \
	"io.weight = x" "cpuset.cpus = a" "cpuset.cpus = 0,,1" "path = ../x" "path = a//b" "path = /a/./b"; do
	box bad "/bin/true" <<<"$kv"
	c_run check "$INI"
	t_rc 125 || t_fail "($kv)"
	t_one_line "bad.ini:[0-9]+: .*${kv%% *}"
done
box good "/bin/true" <<EOF
memory.max = 64M
memory.high = max
pids.max = max
cpu.max = max 50000
cpu.weight = 1
io.weight = 10000
cpuset.cpus = 0
path = x/y
EOF
c_run check "$INI"
t_rc 0

t_begin "the workload runs in its cgroup from the start and sees it as /; the limits are written translated"
N=${T_MARK}a
box "$N" "/bin/sh -c 'cat /proc/self/cgroup; sleep 1000; : $T_MARK'" <<EOF
memory.max = 64M
memory.high = 32M
pids.max = 20
cpu.max = 20000 50000
cpu.weight = 100
cpuset.cpus = 0
EOF
c_bg run "$INI"
t_wait_for 10 grep -qs pids "$T_DIR/bg$C_BG_N.out" || t_fail "no output"
t_nomatch '/cella|\.\.' "$(cat "$T_DIR/bg$C_BG_N.out")" "the workload's /proc/self/cgroup"
t_eq 67108864 "$(cat "$(cg_file "$N" memory.limit_in_bytes)")" "memory.limit_in_bytes"
t_eq 33554432 "$(cat "$(cg_file "$N" memory.soft_limit_in_bytes)")" "soft_limit_in_bytes"
t_eq 20 "$(cat "$(cg_file "$N" pids.max)")" "pids.max"
t_eq "20000 50000" "$(cat "$(cg_file "$N" cpu.cfs_quota_us)") $(cat "$(cg_file "$N" cpu.cfs_period_us)")" "cfs quota, period"
t_eq 2597 "$(cat "$(cg_file "$N" cpu.shares)")" "cpu.shares of weight 100"
t_eq 0 "$(cat "$(cg_file "$N" cpuset.cpus)")" "cpuset.cpus"
t_ne "" "$(cat "$(cg_file "$N" cpuset.mems)")" "cpuset.mems (the parent's)"
W=$(marker_pid "sleep 1000")
t_contains "$W" "$(cat "$(cg_file "$N" pids.max | xargs dirname)/cgroup.procs")" "the sleeper in the pids cgroup"
c_run state "$N"
t_match "cgroup=/sys/fs/cgroup/.*/cella/$N" "$OUT" "state"
c_run stop "$N"
c_wait "$BG"
cg_gone "$N"

t_begin "pids.max stops a fork bomb"
N=${T_MARK}b
box "$N" "/bin/sh -c 'for i in \$(seq 40); do sleep 100 & done; : $T_MARK'" <<<"pids.max = 10"
c_run run "$INI"
t_contains "can't fork" "$ERR" "the fork bomb's failures"
cg_gone "$N"

t_begin "pids.max with namespaces.pid = no: what is left in the cgroup is killed at the end"
N=${T_MARK}c
box "$N" "/bin/sh -c '(sleep 99$T_N &); echo started; : $T_MARK'" <<<"pids.max = 10"
sed -i 's/^\[cgroup\]/[namespaces]\npid = no\n[supervisor]\nsubreaper = no\n[cgroup]/' "$INI"
c_run run "$INI"
t_rc 0
t_eq "" "$(pgrep -fx "sleep 99$T_N")" "the double-forked sleeper"
cg_gone "$N"

t_begin "memory.max ends in an OOM kill reported as 137"
N=${T_MARK}d
box "$N" "/usr/bin/tail /dev/zero" <<<"memory.max = 16M"
c_run run "$INI"
t_rc 137
cg_gone "$N"

t_begin "cpu.max throttles (nr_throttled in cpu.stat); stats prints figures that change"
N=${T_MARK}e
box "$N" "/bin/sh -c 'while :; do :; done; : $T_MARK'" <<<"cpu.max = 10000 100000"
c_run run -d "$INI"
t_rc 0
sleep 0.6
c_run stats "$N"
t_rc 0
S1=$OUT
t_match '^memory.current=[0-9]+$' "$(grep memory.current <<<"$OUT")" "stats memory.current"
t_match '^memory.peak=[0-9]+$' "$(grep memory.peak <<<"$OUT")" "stats memory.peak"
t_match '^pids.current=[1-9][0-9]*$' "$(grep pids.current <<<"$OUT")" "stats pids.current"
t_match '^cpu.usage_usec=[0-9]+$' "$(grep cpu.usage_usec <<<"$OUT")" "stats cpu.usage_usec"
sleep 0.5
c_run stats "$N"
t_ne "$(grep cpu.usage <<<"$S1")" "$(grep cpu.usage <<<"$OUT")" "cpu.usage_usec after 0.5 s"
T=$(awk '$1 == "nr_throttled" { print $2 }' "$(cg_file "$N" cpu.cfs_quota_us | xargs dirname)/cpu.stat")
[ "${T:-0}" -gt 0 ] || t_fail "nr_throttled: '$T'"
U=$(sed -n 's/^cpu.usage_usec=//p' <<<"$OUT")
[ "${U:-999999999}" -lt 400000 ] || t_fail "cpu.usage_usec $U after 1.1 s at 10%"
c_run stats nosuch
t_rc 1
c_run stop "$N"
cg_gone "$N"

t_begin "exec joins the container's cgroup"
N=${T_MARK}f
box "$N" "/bin/sh -c 'sleep 1000; : $T_MARK'" <<<"pids.max = 50"
c_run run -d "$INI"
c_run exec "$N" /bin/sh -c 'cat /proc/self/cgroup; sleep 0.3'
t_rc 0
t_nomatch '\.\.' "$OUT" "exec's /proc/self/cgroup"
t_contains "pids:/" "$OUT"
c_bg exec "$N" /bin/sleep "7$T_N"
t_wait_for 5 eval '[ -n "$(pgrep -fx "/bin/sleep 7$T_N")" ]' || t_fail "the exec'd sleep is not running"
P=$(pgrep -fx "/bin/sleep 7$T_N")
for d in $(cat "$CELLA_STATE_DIR/$N/cgroup"); do
	grep -qx "${P:-none}" "$d/cgroup.procs" || t_fail "the exec'd sleep ($P) is not in $d"
done
c_run stop "$N"
c_wait "$BG"
cg_gone "$N"

t_begin "a missing controller: one line naming it, 125, nothing left"
N=${T_MARK}g
box "$N" "/bin/true" <<<"io.weight = 100"
c_capture unshare -m sh -c "umount /sys/fs/cgroup/blkio && exec $CELLA run $INI"
t_rc 125
t_one_line "the io \(v1: blkio\) controller is not available"
cg_gone "$N"

t_begin "pure v1 (no cgroup2 mount): limits, freeze-and-kill at the end"
N=${T_MARK}h
box "$N" "/bin/sh -c '(sleep 99$T_N &); echo x; : $T_MARK'" <<<"pids.max = 10"
sed -i 's/^\[cgroup\]/[namespaces]\npid = no\n[supervisor]\nsubreaper = no\n[cgroup]/' "$INI"
c_capture unshare -m sh -c "umount /sys/fs/cgroup/unified && exec $CELLA run $INI"
t_rc 0
t_eq "" "$(pgrep -fx "sleep 99$T_N")" "the sleeper"
cg_gone "$N"

t_begin "a v1 mount whose root is /X is not above cella's cgroup /Xb: not available, one line, 125"
# In a mount namespace of its own: the pids hierarchy seen only through
# a bind of .../XA, with cella's shell in .../XAb beside it (a prefix of
# the name, not a parent).
N=${T_MARK}p
box "$N" "/bin/true" <<<"pids.max = 10"
P=/sys/fs/cgroup/pids$(sed -n 's/^[0-9]*:pids:\(.*\)/\1/p' /proc/self/cgroup | sed 's|^/$||')
mkdir "$P/${N}A" "$P/${N}Ab"
mkdir -p "$T_DIR/pids"
c_capture unshare -m sh -c "echo \$\$ >$P/${N}Ab/cgroup.procs && mount --bind $P/${N}A $T_DIR/pids &&
	umount /sys/fs/cgroup/pids /sys/fs/cgroup/unified && exec $CELLA run $INI"
t_rc 125
t_one_line "\\[cgroup\\]: the pids controller is not available"
t_wait_for 5 rmdir "$P/${N}Ab" || t_fail "$P/${N}Ab stays"
rmdir "$P/${N}A"

t_begin "cgroup2 without cgroup.kill (kernels before 5.14): frozen, killed, thawed, removed"
N=${T_MARK}z
box "$N" "/bin/sh -c '(sleep 99$T_N &); echo x; : $T_MARK'" <<<"pids.max = 10"
sed -i 's/^\[cgroup\]/[namespaces]\npid = no\n[supervisor]\nsubreaper = no\n[cgroup]/' "$INI"
U=$(awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo)
U=$U$(sed -n 's/^0:://p' /proc/self/cgroup | sed 's|^/$||')/cella/$N
# strace fails the first open of the two files it watches: cgroup.kill's.
c_capture strace -f -o "$T_DIR/strace" -P "$U/cgroup.kill" -P "$U/cgroup.freeze" \
	-e trace=open,openat -e inject=open,openat:error=ENOENT:when=1 "$CELLA" run "$INI"
t_rc 0
grep -q 'cgroup\.kill".*(INJECTED)' "$T_DIR/strace" || t_fail "cgroup.kill was not tried: $(cat "$T_DIR/strace")"
grep -q 'cgroup\.freeze", O_WRONLY.* = [0-9]' "$T_DIR/strace" || t_fail "no freeze: $(cat "$T_DIR/strace")"
t_eq "" "$(pgrep -fx "sleep 99$T_N")" "the sleeper"
cg_gone "$N"

t_begin "pure v1: a process in a cgroup made below the container's is killed too, and that cgroup removed"
N=${T_MARK}s
box "$N" "/bin/sh -c '(sleep 99$T_N &); sleep 1000; : $T_MARK'" <<<"pids.max = 10"
sed -i 's/^\[cgroup\]/[namespaces]\npid = no\n[supervisor]\nsubreaper = no\n[cgroup]/' "$INI"
c_capture unshare -m sh -c "umount /sys/fs/cgroup/unified && exec $CELLA run -d $INI"
t_rc 0
t_wait_for 5 eval '[ -n "$(pgrep -fx "sleep 99$T_N")" ]' || t_fail "no sleeper"
S=$(pgrep -fx "sleep 99$T_N")
for d in $(cat "$CELLA_STATE_DIR/$N/cgroup"); do
	{ mkdir "$d/sub" && echo "$S" >"$d/sub/cgroup.procs"; } || t_fail "cannot move $S into $d/sub"
done
c_run stop "$N"
t_rc 0
t_eq "" "$(pgrep -fx "sleep 99$T_N")" "the sleeper in the sub-cgroup"
cg_gone "$N"

t_begin "kill -9 of cella with namespaces.pid = no: list kills the sleeper and removes the cgroup"
N=${T_MARK}i
box "$N" "/bin/sh -c '(sleep 99$T_N &); sleep 1000; : $T_MARK'" <<<"pids.max = 10"
sed -i 's/^\[cgroup\]/[namespaces]\npid = no\n[cgroup]/' "$INI"
c_run run -d "$INI"
M=$(sed -n 's/^monitor_pid=//p' "$CELLA_STATE_DIR/$N/state")
t_wait_for 5 eval '[ "$(pgrep -fx "sleep 99$T_N" | wc -l)" -ge 1 ]' || t_fail "no sleepers"
kill -9 "$M"
t_wait_for 5 flock -n "$CELLA_STATE_DIR/$N/lock" true || t_fail "the lock is still held"
t_ne "" "$(pgrep -fx "sleep 99$T_N")" "a sleeper outlives cella"
c_run list
t_eq "" "$(pgrep -fx "sleep 99$T_N")" "sleepers after list"
cg_gone "$N"
t_file_absent "$CELLA_STATE_DIR/$N"

t_begin "kill -9 of cella: the next run of the name cleans up first"
N=${T_MARK}j
box "$N" "/bin/sh -c '(sleep 99$T_N &); sleep 1000; : $T_MARK'" <<<"pids.max = 10"
sed -i 's/^\[cgroup\]/[namespaces]\npid = no\n[cgroup]/' "$INI"
c_run run -d "$INI"
M=$(sed -n 's/^monitor_pid=//p' "$CELLA_STATE_DIR/$N/state")
t_wait_for 5 eval '[ "$(pgrep -fx "sleep 99$T_N" | wc -l)" -ge 1 ]' || t_fail "no sleepers"
kill -9 "$M"
t_wait_for 5 flock -n "$CELLA_STATE_DIR/$N/lock" true || t_fail "the lock is still held"
c_run run "$INI" -- /bin/true
t_rc 0
t_eq "" "$(pgrep -fx "sleep 99$T_N")" "sleepers after the next run"
cg_gone "$N"

t_begin "faults in the cgroup writes: one line, 125, nothing left"
need_strace=$(command -v strace)
N=${T_MARK}k
box "$N" "/bin/true" <<EOF
memory.max = 64M
pids.max = 20
cpu.max = 20000
cpuset.cpus = 0
EOF
for sc in mkdir write openat; do
	for n in $(seq 1 40); do
		c_capture strace -o /dev/null -e trace=$sc -e "inject=$sc:error=EACCES:when=$n" "$CELLA" run "$INI"
		[ "$RC" = 0 ] && break
		if [ "$RC" != 125 ] || [ "$(grep -c '' "$T_ERRFILE")" != 1 ]; then
			t_fail "$sc when=$n: status $RC, stderr '$(t_short "$ERR")'"
		fi
		cg_gone "$N"
		[ -e "$CELLA_STATE_DIR/$N" ] && t_fail "$sc when=$n: state dir left" && rm -rf "${CELLA_STATE_DIR:?}/$N"
	done
	[ "$RC" = 0 ] || t_fail "$sc: never ran"
done
[ -n "$need_strace" ] || t_fail "strace is missing"

# --- cgroup v2: one qemu boot ----------------------------------------------
# cella is PID 1 with [cgroup] in its file, so it mounts cgroup2 on
# /sys/fs/cgroup and enables the controllers; its workload (no namespaces
# but the cgroup's, no root) is a script that runs `cella run` for each case
# below /sys/fs/cgroup/t (path = /t/NAME: the workload's own cgroup may not
# enable controllers, it has a process) and prints what it sees.
t_begin "cgroup v2 in a qemu boot: PID 1 mounts it; limits, OOM 137, throttling, stats, exec, kill at the end"
# shellcheck source=../vm/lib.sh
. "$(dirname "$0")/../vm/lib.sh"
VROOT=$(vm_rootfs)
vini=$(vm_file init.ini <<'EOF'
[container]
name = app
[namespaces]
pid = no
mount = no
uts = no
ipc = no
net = no
cgroup = no
[capabilities]
keep = all
[process]
exec = /bin/sh /cgtest.sh
[cgroup]
pids.max = 1000
memory.max = max
cpu.max = max
EOF
)
vscript=$(vm_file cgtest.sh <<'EOF'
# (busybox sh, in the initramfs)
box() { # NAME EXEC KEYS...
	n=$1 x=$2; shift 2
	{ printf '[root]\npath = /srv/rootfs\n[process]\nexec = %s\nstop-timeout = 1s\n[cgroup]\npath = /t/%s\n' "$x" "$n"
	  for k in "$@"; do echo "$k"; done; } >/tmp/$n.ini
}
left() { echo "cg: $1 left: [$(find /sys/fs/cgroup/t -mindepth 1 -type d)]"; }
sleepers() { ps -o args | grep -c "^sleep $1\$"; } # (busybox pgrep -f is not there)
echo "cg: mount $(awk '$2 == "/sys/fs/cgroup" { print $3 }' /proc/mounts)"
echo "cg: root subtree $(cat /sys/fs/cgroup/cgroup.subtree_control)"
echo "cg: pid1 workload in $(cat /proc/self/cgroup)"
mkdir /sys/fs/cgroup/t
echo "+pids +memory +cpu" >/sys/fs/cgroup/t/cgroup.subtree_control
box ns "/bin/cat /proc/self/cgroup" "pids.max = 10"
echo "cg: ns sees $(/sbin/cella run /tmp/ns.ini)"
left ns
box bomb "/bin/sh -c 'for i in \$(seq 40); do sleep 100 & done'" "pids.max = 10"
/sbin/cella run /tmp/bomb.ini 2>&1 | grep -c "can't fork" | sed 's/^/cg: bomb failures /'
left bomb
box oom "/usr/bin/tail /dev/zero" "memory.max = 16M"
/sbin/cella run /tmp/oom.ini
echo "cg: oom status $?"
left oom
box cpu "/bin/sh -c 'while :; do :; done'" "cpu.max = 10000 100000" "cpu.weight = 50" "memory.high = 64M"
/sbin/cella run -d /tmp/cpu.ini
sleep 1
echo "cg: cpu.max $(cat /sys/fs/cgroup/t/cpu/cpu.max) weight $(cat /sys/fs/cgroup/t/cpu/cpu.weight) high $(cat /sys/fs/cgroup/t/cpu/memory.high)"
echo "cg: throttled $(awk '$1 == "nr_throttled" { print ($2 > 0) ? "yes" : "no" }' /sys/fs/cgroup/t/cpu/cpu.stat)"
/sbin/cella stats cpu | sed 's/^/cg: stats /; s/=[0-9][0-9]*$/=N/'
/sbin/cella state cpu | grep cgroup= | sed 's/^/cg: state /'
echo "cg: exec in $(/sbin/cella exec cpu /bin/cat /proc/self/cgroup)"
/sbin/cella stop cpu
left cpu
box orphan "/bin/sh -c '(sleep 4242 &); :'" "pids.max = 10"
sed -i 's/^\[cgroup\]/[namespaces]\npid = no\n[supervisor]\nsubreaper = no\n[cgroup]/' /tmp/orphan.ini
/sbin/cella run /tmp/orphan.ini
echo "cg: orphan sleepers $(sleepers 4242)"
left orphan
# The default path, cella/NAME below cella's own cgroup: from the root
# cgroup (which may hold processes and enable controllers), beside the
# PID 1 workload's cella/app.
echo $$ >/sys/fs/cgroup/cgroup.procs
box dflt "/bin/sh -c '(sleep 4343 &); sleep 1000'" "pids.max = 10" "memory.max = 64M"
sed -i '/^path = /d; s/^\[cgroup\]/[namespaces]\npid = no\n[cgroup]/' /tmp/dflt.ini
/sbin/cella run -d /tmp/dflt.ini
echo "cg: dflt in $(cat /run/cella/dflt/cgroup) max $(cat /sys/fs/cgroup/cella/dflt/memory.max)"
echo "cg: dflt parent enables $(cat /sys/fs/cgroup/cella/cgroup.subtree_control)"
for i in 1 2 3 4 5 6 7 8 9 10; do [ "$(sleepers 4343)" = 0 ] || break; sleep 0.2; done
kill -9 "$(sed -n 's/^monitor_pid=//p' /run/cella/dflt/state)"
sleep 0.5
echo "cg: dflt after kill -9: $(sleepers 4343) sleeper"
/sbin/cella list >/dev/null
echo "cg: dflt after list: $(sleepers 4343) sleepers, [$(ls -d /sys/fs/cgroup/cella/dflt 2>/dev/null)]"
box noio /bin/true "io.weight = 100"
o=$(/sbin/cella run /tmp/noio.ini 2>&1)
echo "cg: noio $o status $?"
left noio
echo "cg: done"
EOF
)
vm_initramfs cgroup2 "$CELLA" "$vini:/etc/cella/init.ini" "$VROOT:/srv/rootfs" "$CELLA:/sbin/cella" "$vscript:/cgtest.sh"
vm_boot cgroup2
vm_expect_end poweroff
vm_expect_in_order "$VM_LOG" "cg: mount cgroup2" "cg: root subtree cpu memory pids" "cg: pid1 workload in 0::/cella/app" \
	"cg: ns sees 0::/" "cg: ns left: []" "cg: bomb failures " "cg: bomb left: []" "cg: oom status 137" "cg: oom left: []" \
	"cg: cpu.max 10000 100000 weight 50 high 67108864" "cg: throttled yes" \
	"cg: stats memory.current=N" "cg: stats memory.peak=N" "cg: stats pids.current=N" "cg: stats cpu.usage_usec=N" \
	"cg: state cgroup=/sys/fs/cgroup/t/cpu" "cg: exec in 0::/" "cg: cpu left: []" "cg: orphan sleepers 0" "cg: orphan left: []" \
	"cg: dflt in /sys/fs/cgroup/cella/dflt max 67108864" "cg: dflt parent enables cpu memory pids" \
	"cg: dflt after kill -9: 1 sleeper" "cg: dflt after list: 0 sleepers, []" \
	"cg: noio cella: noio: [cgroup]: the io (v1: blkio) controller is not available" "status 125" "cg: noio left: []" "cg: done"
vm_expect_absent "$VM_LOG" "cg: bomb failures 0" "Kernel panic"
