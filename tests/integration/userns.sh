#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# User namespaces (SPEC [namespaces] user, uid-map, gid-map): root inside is
# an unprivileged uid outside; the maps are written by cella while the child
# waits; proc, sysfs, devpts, tmpfs and /dev work inside; cella exec joins
# the user namespace; bad maps and failed map writes are one line and 125.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

command -v strace >/dev/null || need_pkg strace

MAPS="uid-map = 0 100000 65536
gid-map = 0 100000 65536"

# uns_ini NAME PROCESS-LINES [MORE-LINES]: a container of the test rootfs
# (read-only: it is root-owned, so root inside, 100000 outside, can create
# nothing in it) in a new user namespace.
uns_ini() {
	mkini "$1" <<EOF
[root]
path = $ROOTFS
readonly = yes
[process]
$2
[namespaces]
user = yes
$MAPS
${3:-}
EOF
}

t_begin "root inside is uid 0 there, 100000 on the host"
uns_ini id "exec = /bin/sh -c 'id; cat /proc/self/uid_map /proc/self/gid_map; cat /proc/self/setgroups; : $T_MARK'"
c_run run "$INI"
t_rc 0
t_match '^uid=0\(root\) gid=0\(root\)' "$(sed -n 1p <<<"$OUT")" "id inside"
t_eq "0 100000 65536|0 100000 65536|allow" "$(sed -n 2,4p <<<"$OUT" | awk '{ $1 = $1; print }' | paste -sd'|')" \
	"uid_map, gid_map, setgroups"

t_begin "ps and stat /proc/PID on the host show the outside uid"
uns_ini ps "exec = /bin/sh -c 'sleep 1000; : $T_MARK'"
c_run run -d "$INI"
t_rc 0
pid=$(marker_pid "/bin/sh ") || t_fail "no workload"
t_eq "100000 100000" "$(stat -c '%u %g' "/proc/$pid" 2>&1)" "stat /proc/PID"
t_eq "100000" "$(ps -o uid= -p "$pid" | tr -d ' ')" "ps"
t_eq "100000 100000 100000 100000" "$(statusfield Uid "$(cat "/proc/$pid/status")" | awk '{ $1 = $1; print }')" "Uid in status"
c_run stop ps --timeout 1s

t_begin "process.user = 1000 inside is 101000 outside"
uns_ini user "exec = /bin/sh -c 'id -u; sleep 1000; : $T_MARK'
user = 1000"
c_run run -d "$INI"
t_rc 0
pid=$(marker_pid "/bin/sh ") || t_fail "no workload"
t_eq "101000 101000" "$(stat -c '%u %g' "/proc/$pid" 2>&1)" "stat /proc/PID"
c_run exec user id -u
t_eq "1000" "$OUT" "id -u inside"
c_run stop user --timeout 1s

t_begin "root inside cannot write a root-owned host file bound read-write"
# (A bind source is looked up by root inside, 100000 outside: it must be
# able to reach it, which it cannot in the test's own directory.)
host=$(mktemp -d /tmp/cella-uns.XXXXXX)
t_defer "rm -rf $host"
chmod 755 "$host"
echo secret >"$host/file"
chmod 644 "$host/file"
uns_ini bindrw "exec = /bin/sh -c 'echo hacked > /mnt/file; echo write=\$?; chmod 666 /mnt/file; echo chmod=\$?; rm -f /mnt/file; echo rm=\$?; : $T_MARK'" "[mounts]
bind = $host /mnt"
c_run run "$INI"
t_rc 0
t_eq "write=1 chmod=1 rm=1" "$(echo $OUT)" "the writes inside"
t_match 'Permission denied|Operation not permitted|Read-only' "$ERR" "why"
t_eq "secret 644 0" "$(cat "$host/file") $(stat -c '%a %u' "$host/file")" "the file on the host"

t_begin "proc, sysfs (net = yes), /dev/null, /dev/pts and tmpfs work inside"
uns_ini mounts "exec = /bin/sh -c 'test -e /proc/\$\$/status && echo proc \$\$; ls /sys/class/net; echo hi > /dev/null && echo null; test -c /dev/pts/ptmx && echo pts; echo x > /tmp/x && echo tmpfs; cat /dev/zero | head -c 3 | wc -c; grep -E \" /(proc|sys|dev/pts|tmp) \" /proc/self/mounts | cut -d\" \" -f1,3 | sort; : $T_MARK'" "[mounts]
tmpfs = /tmp"
c_run run "$INI"
t_rc 0
t_eq "proc 2|lo|null|pts|tmpfs|3|devpts devpts|proc proc|sysfs sysfs|tmpfs tmpfs" "$(sed 's/^ *//' <<<"$OUT" | paste -sd'|')" "inside"

t_begin "net = no: the host's /sys is bound read-only, submounts too"
# (other tests may add and remove interfaces meanwhile: one that stays)
hostif=$(ls /sys/class/net | grep -v -x lo | head -n 1)
uns_ini sysro "exec = /bin/sh -c 'test -e /sys/class/net/$hostif && echo $hostif; touch /sys/kernel/x; echo touch=\$?; awk \"\\\$2 ~ /^\\/sys/ && \\\$4 !~ /^ro/\" /proc/self/mounts; : $T_MARK'" "net = no"
c_run run "$INI"
t_rc 0
t_eq "$hostif" "$(sed -n 1p <<<"$OUT")" "the host's interface in /sys/class/net"
t_eq "touch=1" "$(sed -n 2p <<<"$OUT")" "a write to /sys"
t_eq "" "$(sed -n '3,$p' <<<"$OUT")" "read-write mounts below /sys"

t_begin "capabilities are the user namespace's only: no mknod, no host userns, maps fixed"
uns_ini caps "exec = /bin/sh -c 'mknod /tmp/sda b 8 0; echo mknod=\$?; echo \"0 0 1\" > /proc/self/uid_map; echo map=\$?; : $T_MARK'
[capabilities]
keep = all" "[mounts]
tmpfs = /tmp"
c_run run "$INI"
t_rc 0
t_eq "mknod=1 map=1" "$(echo $OUT)" "inside"

t_begin "the workload's user namespace is not the host's, nor is its owner"
uns_ini ns "exec = /bin/sh -c 'sleep 1000; : $T_MARK'"
c_run run -d "$INI"
t_rc 0
pid=$(marker_pid "/bin/sh ") || t_fail "no workload"
t_ne "$(readlink /proc/self/ns/user)" "$(readlink "/proc/$pid/ns/user" 2>&1)" "user namespace"
# Every namespace of the container is owned by its user namespace: the
# ioctl NS_GET_USERNS is not in busybox, so compare through nsenter: with
# only the user namespace joined, root may set the hostname of the
# container's uts namespace.
c_capture nsenter -t "$pid" -U -u hostname nsowned
t_rc 0
c_run exec ns hostname
t_eq nsowned "$OUT" "the hostname set with only the user namespace joined"
c_run stop ns --timeout 1s

t_begin "cella exec joins the user namespace first and runs with the inside ids"
uns_ini exec "exec = /bin/sh -c 'sleep 1000; : $T_MARK'
user = app"
c_run run -d "$INI"
t_rc 0
pid=$(marker_pid "/bin/sh ") || t_fail "no workload"
c_run exec exec /bin/sh -c 'id; cat /proc/self/status | grep -E "^(Uid|CapEff):"; readlink /proc/self/ns/user'
t_rc 0
t_match '^uid=1000\(app\) gid=1000\(app\)' "$(sed -n 1p <<<"$OUT")" "id"
t_eq "1000 1000 1000 1000" "$(statusfield Uid "$OUT" | awk '{ $1 = $1; print }')" "Uid"
t_eq "$(readlink "/proc/$pid/ns/user")" "$(sed -n '$p' <<<"$OUT")" "user namespace"
c_run exec --user 0 exec /bin/sh -c 'id -u; echo x > /etc/passwd; echo w=$?'
t_eq "0|w=1" "$(paste -sd'|' <<<"$OUT")" "exec --user 0"
c_capture strace -f -qq -o "$T_DIR/trace" -e trace=setns "$CELLA" exec exec /bin/true
t_rc 0
t_match '^[0-9]+ +setns\([0-9]+, CLONE_NEWUSER\)' "$(grep -m1 setns "$T_DIR/trace")" "the first setns"
c_run stop exec --timeout 1s

t_begin "bad maps at check: one line naming file:line, 125"
uns_ini badmap "exec = /bin/true" "uid-map = 5 100000 1"
c_run check "$INI"
t_rc 125
t_one_line "badmap.ini:1[0-9]: uid-map 5 100000 1 overlaps the one of line [0-9]+"
mkini nouser <<EOF
[process]
exec = /bin/true
[namespaces]
uid-map = 0 100000 1
EOF
c_run check "$INI"
t_rc 125
t_one_line "nouser.ini:4: uid-map needs namespaces.user = yes"
uns_ini count0 "exec = /bin/true" "gid-map = 70000 200000 0"
c_run check "$INI"
t_rc 125
t_one_line "count0.ini:1[0-9]: bad value '70000 200000 0' for 'gid-map' in \[namespaces\]: COUNT must be at least 1"

# cella's own process (strace without -f): the N-th write and openat that
# reach the map files, found in a first traced run.
uns_fault() {
	local call=$1 err=$2 n
	c_capture strace -qq -o "$T_DIR/trace0" -e trace=open,openat,write "$CELLA" run "$INI"
	# (open: musl's open(2) where the architecture has one, else openat)
	[ "$call" != open ] || grep -q '^open(' "$T_DIR/trace0" || call=openat
	n=$(awk -v c="$call" -v f="$3" '$0 ~ "^" c "\\(" { k++ } $0 ~ f { print k; exit }' "$T_DIR/trace0")
	if [ -z "$n" ]; then
		t_fail "no $call of $3 in $(t_short "$(cat "$T_DIR/trace0")")"
		return
	fi
	c_capture strace -qq -o "$T_DIR/trace" -e trace="$call" -e inject="$call:error=$err:when=$n" "$CELLA" run "$INI"
	t_rc 125
	t_one_line "$4"
}

t_begin "a failure writing the uid map: one line, 125, nothing left"
uns_ini fault1 "exec = /bin/sh -c ': $T_MARK'"
uns_fault write EPERM '^write\([0-9]+, "0 100000 65536' "fault1: namespaces.uid-map: write /proc/[0-9]+/uid_map: Operation not permitted"

t_begin "a failure opening the gid map: one line, 125, nothing left"
uns_ini fault2 "exec = /bin/sh -c ': $T_MARK'"
uns_fault openat EACCES '"gid_map"' "fault2: namespaces.gid-map: write /proc/[0-9]+/gid_map: Permission denied"

t_begin "a uid outside the map: one line, 125"
uns_ini unmapped "exec = /bin/true
user = 70000"
c_run run "$INI"
t_rc 125
t_one_line "setgid to 70000:0|setuid to 70000:0"

t_begin "root.idmap: the root-owned root is root's inside, and stays root's on the host"
# A writable idmapped root must be out of other users' reach: the rootfs
# bound below a directory of mode 0700 that root inside (100000 outside)
# owns. (Not in T_DIR, which the child, 100000 on the host, cannot enter.)
PRIV=$(mktemp -d /tmp/cella-idmap.XXXXXX)
mkdir "$PRIV/root"
mount --bind "$ROOTFS" "$PRIV/root"
trap 'umount "$PRIV/root" 2>/dev/null; rm -r "$PRIV"; t_finish' EXIT
chown 100000 "$PRIV"
mkini idmap <<EOF
[root]
path = $PRIV/root
idmap = yes
[process]
exec = /bin/sh -c 'stat -c "%u %g" /bin/busybox /etc; test -w /etc && echo etc-writable; grep -c " / .*idmapped" /proc/self/mountinfo; : $T_MARK'
[namespaces]
user = yes
$MAPS
EOF
c_run run "$INI"
t_rc 0
t_eq "0 0|0 0|etc-writable|1" "$(paste -sd'|' <<<"$OUT")" "inside"
t_eq "0 0" "$(stat -c '%u %g' "$ROOTFS/etc")" "on the host"

t_begin "root.idmap with a writable root that other users can reach: one line, 125; with readonly = yes it runs"
# (What root inside writes there is root's on disk: a setuid-root file
# there would be a way to root for any user of the host who can reach it.)
mkini idmapopen <<EOF
[root]
path = $ROOTFS
idmap = yes
[process]
exec = /bin/sh -c ': $T_MARK'
[namespaces]
user = yes
$MAPS
EOF
c_run check "$INI"
t_rc 125
t_one_line "idmapopen.ini:3: root.idmap with a writable root: other users can reach $ROOTFS, .* a directory of mode 0700 owned by 100000 \\(root inside\\), or set root.readonly = yes"
c_run run "$INI"
t_rc 125
t_one_line "idmapopen.ini:3: root.idmap with a writable root"
sed -i "s#^path = .*#path = $PRIV/root#" "$INI"
chmod 711 "$PRIV"
c_run check "$INI"
t_rc 125
t_one_line "root.idmap with a writable root: other users can reach $PRIV/root"
chmod 700 "$PRIV"
chown 0 "$PRIV"
c_run check "$INI"
t_rc 125
t_one_line "root.idmap with a writable root: other users can reach $PRIV/root"
chown 100000 "$PRIV"
c_run check "$INI"
t_rc 0
sed -i "s#^path = .*#path = $ROOTFS\nreadonly = yes#" "$INI"
c_run run "$INI"
t_rc 0

t_begin "root.idmap without a user namespace: one line at check, 125"
mkini idmapnouser <<EOF
[root]
path = $ROOTFS
idmap = yes
[process]
exec = /bin/true
EOF
c_run check "$INI"
t_rc 125
t_one_line "idmapnouser.ini:3: root.idmap needs root.path and namespaces.user = yes"

t_begin "root.idmap on a kernel without idmapped mounts: one line naming the requirement, 125, nothing left"
mkini idmapold <<EOF
[root]
path = $ROOTFS
idmap = yes
readonly = yes
[process]
exec = /bin/sh -c ': $T_MARK'
[namespaces]
user = yes
$MAPS
EOF
c_capture strace -qq -o /dev/null -e trace=mount_setattr -e inject=mount_setattr:error=ENOSYS "$CELLA" run "$INI"
t_rc 125
t_one_line "idmapold: root.idmap: idmapped mount of $ROOTFS: Function not implemented \(needs Linux 5.12\+"

t_begin "root.idmap: a failure mounting the idmapped root in the child: one line, 125, nothing left"
mkini idmapmove <<EOF
[root]
path = $ROOTFS
idmap = yes
readonly = yes
[process]
exec = /bin/sh -c ': $T_MARK'
[namespaces]
user = yes
$MAPS
EOF
c_capture strace -f -qq -o /dev/null -e trace=move_mount -e inject=move_mount:error=EPERM "$CELLA" run "$INI"
t_rc 125
t_one_line "idmapmove: root.idmap: mount the idmapped $ROOTFS: Operation not permitted"

t_begin "a failure opening /proc/CHILD: one line, 125, nothing left"
uns_ini fault3 "exec = /bin/sh -c ': $T_MARK'"
uns_fault open ENOENT '"/proc/[0-9]+", ' "fault3: user namespace: open /proc/[0-9]+: No such file or directory"

t_begin "root.idmap: a failure opening the child's ns/user or cloning the tree: one line, 125, nothing left"
mkini fault4 <<EOF
[root]
path = $ROOTFS
idmap = yes
readonly = yes
[process]
exec = /bin/sh -c ': $T_MARK'
[namespaces]
user = yes
$MAPS
EOF
uns_fault openat EACCES '"ns/user"' "fault4: root.idmap: idmapped mount of $ROOTFS: Permission denied"
c_capture strace -qq -o /dev/null -e trace=open_tree -e inject=open_tree:error=EPERM "$CELLA" run "$INI"
t_rc 125
t_one_line "fault4: root.idmap: idmapped mount of $ROOTFS: Operation not permitted"

t_begin "a failure becoming root inside: one line, 125, nothing left"
uns_ini fault5 "exec = /bin/sh -c ': $T_MARK'"
# (cella's own process makes no setresuid call before the child's)
c_capture strace -f -qq -o /dev/null -e trace=setresuid -e inject=setresuid:error=EPERM:when=1 "$CELLA" run "$INI"
t_rc 125
t_one_line "fault5: user namespace: become root inside: Operation not permitted"

t_begin "pivot_root failing in a user namespace does not fall back to chroot mode: one line, 125"
uns_ini nochroot "exec = /bin/sh -c ': $T_MARK'"
c_capture strace -f -qq -o /dev/null -e trace=pivot_root -e inject=pivot_root:error=EINVAL "$CELLA" run "$INI"
t_rc 125
t_one_line "nochroot: pivot_root into $ROOTFS: Invalid argument \(chroot mode is not possible in a user namespace\)"

t_begin "while cella writes the maps, no other user can reach the waiting child"
uns_ini window "exec = /bin/sh -c ': $T_MARK'"
c_capture strace -qq -o "$T_DIR/trace0" -e trace=write "$CELLA" run "$INI"
n=$(awk '/^write\(/ { k++ } /"0 100000 65536/ { print k; exit }' "$T_DIR/trace0")
# The uid_map write is held up for 2 s; meanwhile, as nobody:
strace -qq -o /dev/null -e trace=write -e inject="write:delay_enter=2000000:when=${n:-1}" \
	"$CELLA" run "$INI" >"$T_DIR/w.out" 2>"$T_DIR/w.err" &
spid=$!
t_defer "kill $spid 2>/dev/null"
child=""
for _ in $(seq 40); do
	for c in $(pgrep -f "$T_MARK"); do
		[ "$(awk '$1 == "NSpid:" { print NF }' "/proc/$c/status" 2>/dev/null)" = 3 ] && child=$c
	done
	[ -n "$child" ] && break
	sleep 0.05
done
if [ -z "$child" ]; then
	t_fail "no waiting child found"
else
	t_eq "0" "$(stat -c %u "/proc/$child/uid_map")" "owner of its /proc files"
	nob=(setpriv --reuid 65534 --regid 65534 --clear-groups --)
	t_ne 0 "$("${nob[@]}" sh -c "echo '0 65534 1' > /proc/$child/uid_map" 2>/dev/null; echo $?)" "nobody writes its uid_map"
	t_ne 0 "$("${nob[@]}" cat "/proc/$child/environ" >/dev/null 2>&1; echo $?)" "nobody reads its environ"
	t_ne 0 "$("${nob[@]}" ls "/proc/$child/fd/" >/dev/null 2>&1; echo $?)" "nobody lists its fds"
fi
wait "$spid"
t_eq 0 "$?" "the run after the delay"

t_begin "every open, write and mount call of cella's own process failing in turn: 125 and one line, or a run; nothing left"
mkini sweep <<EOF
[root]
path = $ROOTFS
idmap = yes
readonly = yes
[process]
exec = /bin/sh -c ': $T_MARK'
oom-score-adj = 100
[namespaces]
user = yes
$MAPS
EOF
calls=(open openat write open_tree mount_setattr)
c_capture strace -qq -o "$T_DIR/trace0" -e trace="$(IFS=,; echo "${calls[*]}")" "$CELLA" run "$INI"
t_rc 0
runs=0
for call in "${calls[@]}"; do
	total=$(grep -c "^$call(" "$T_DIR/trace0")
	for n in $(seq "$total"); do
		c_capture strace -qq -o /dev/null -e trace="$call" -e inject="$call:error=EIO:when=$n" "$CELLA" run "$INI"
		runs=$((runs + 1))
		lines=$(grep -c '' "$T_ERRFILE")
		if [ "$RC" = 0 ]; then
			:
		elif [ "$RC" != 125 ] || [ "$lines" != 1 ] || grep -qE 'setup failed|without a word' "$T_ERRFILE"; then
			t_fail "$call #$n: exit $RC, stderr '$(t_short "$ERR")'"
		fi
		t_check_leaks
	done
done
echo "# sweep: $runs runs"
[ "$runs" -gt 10 ] || t_fail "only $runs runs"

t_begin "the workload cannot re-enter the host's user namespace, even with an fd of it and keep = all"
# No root.path: the host's nsenter; the fd comes in as a socket-activation
# fd (supervisor.listen-fds), the one way cella lets an fd through.
mkini reenter <<EOF
[process]
exec = /bin/sh -c 'readlink /proc/self/fd/3; nsenter --user=/proc/self/fd/3 /bin/true; echo nsenter=\$?; : $T_MARK'
[capabilities]
keep = all
[namespaces]
user = yes
$MAPS
[supervisor]
listen-fds = yes
EOF
c_capture sh -c 'export LISTEN_PID=$$ LISTEN_FDS=1; exec "$0" run "$1" 3</proc/self/ns/user' "$CELLA" "$INI"
t_rc 0
t_eq "$(readlink /proc/self/ns/user)|nsenter=1" "$(paste -sd'|' <<<"$OUT")" "inside"
t_match "Operation not permitted" "$ERR" "nsenter's error"

t_finish
