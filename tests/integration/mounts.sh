#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# [mounts] (SPEC): proc, sysfs, dev, tmpfs, bind, mask, readonly, defaults.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

# mountline TARGET: the mountinfo line (of $OUT) whose mount point is TARGET.
mountline() { awk -v t="$1" '$5 == t' <<<"$OUT" | tail -n 1; }
# fstype LINE: the filesystem type of a mountinfo line.
fstype() {
	local t=${1##* - }
	echo "${t%% *}"
}
# mntopts LINE: the per-mount options of a mountinfo line.
mntopts() { cut -d' ' -f6 <<<"$1"; }

t_begin "proc is mounted where asked"
mkini proc <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/cat /proc/self/mountinfo
[mounts]
defaults = no
proc = /proc
EOF
c_run run "$INI"
t_rc 0
t_eq proc "$(fstype "$(mountline /proc)")" "type of /proc"

t_begin "sysfs is read-only by default"
mkini sysfs <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/cat /proc/self/mountinfo
[mounts]
defaults = no
proc = /proc
sysfs = /sys
EOF
c_run run "$INI"
t_rc 0
line=$(mountline /sys)
t_eq sysfs "$(fstype "$line")" "type of /sys"
t_match '^ro(,|$)' "$(mntopts "$line")" "options of /sys"

t_begin "sysfs with rw is read-write"
mkini sysfsrw <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/cat /proc/self/mountinfo
[mounts]
defaults = no
proc = /proc
sysfs = /sys rw
EOF
c_run run "$INI"
t_rc 0
line=$(mountline /sys)
t_eq sysfs "$(fstype "$line")" "type of /sys"
t_match '^rw(,|$)' "$(mntopts "$line")" "options of /sys"

t_begin "dev has the standard nodes, links and mounts"
mkini dev <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'for f in null zero full random urandom tty ptmx; do test -c /dev/\$f && echo \$f; done; for d in pts shm fd; do test -d /dev/\$d && echo \$d; done; for l in stdin stdout stderr; do test -L /dev/\$l && echo \$l; done; echo x >/dev/null && echo null-ok; head -c 4 /dev/zero | od -An -tx1 | tr -d " "; grep " /dev/pts " /proc/self/mountinfo | sed "s/.* - //" | cut -d" " -f1'
[mounts]
defaults = no
proc = /proc
dev = /dev
EOF
c_run run "$INI"
t_rc 0
t_eq "null
zero
full
random
urandom
tty
ptmx
pts
shm
fd
stdin
stdout
stderr
null-ok
00000000
devpts" "$OUT" "devices, directories and links found"

t_begin "dev is a tmpfs with a new devpts instance"
mkini devfs <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/cat /proc/self/mountinfo
[mounts]
defaults = no
proc = /proc
dev = /dev
EOF
c_run run "$INI"
t_rc 0
t_eq tmpfs "$(fstype "$(mountline /dev)")" "type of /dev"
pts=$(mountline /dev/pts)
t_eq devpts "$(fstype "$pts")" "type of /dev/pts"
hostpts=$(awk '$5 == "/dev/pts" { print $3 }' /proc/self/mountinfo)
t_nomatch "^($(tr '\n' '|' <<<"$hostpts" | sed 's/|$//'))\$" "$(cut -d' ' -f3 <<<"$pts")" "device of /dev/pts (the host's)"

t_begin "tmpfs takes a size option"
mkini tmpfs <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'grep " /tmp " /proc/self/mountinfo; df -k /tmp | tail -n 1; stat -c %a /tmp'
[mounts]
tmpfs = /tmp size=16M,mode=1777
EOF
c_run run "$INI"
t_rc 0
line=$(sed -n 1p <<<"$OUT")
t_eq tmpfs "$(fstype "$line")" "type of /tmp"
t_match 'size=16384k' "$line" "options of /tmp"
t_match '^[^ ]+ +16384 ' "$(sed -n 2p <<<"$OUT")" "df of /tmp"
t_eq 1777 "$(sed -n 3p <<<"$OUT")" "mode of /tmp"

t_begin "bind of a directory is read-write by default"
mkdir -p "$T_DIR/share"
echo hello >"$T_DIR/share/file"
mkini bind <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'cat /mnt/file; echo new >/mnt/new'
[mounts]
bind = $T_DIR/share /mnt
EOF
c_run run "$INI"
t_rc 0
t_eq hello "$OUT" "file read through the bind"
t_eq new "$(cat "$T_DIR/share/new" 2>/dev/null)" "file written through the bind"

t_begin "bind with ro is read-only"
mkdir -p "$T_DIR/share"
echo hello >"$T_DIR/share/file"
mkini bindro <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'cat /mnt/file; echo new >/mnt/new || echo refused'
[mounts]
bind = $T_DIR/share /mnt ro
EOF
c_run run "$INI"
t_rc 0
t_eq "hello
refused" "$OUT" "output"
t_file_absent "$T_DIR/share/new"

t_begin "bind of a file over an existing file"
echo "from-the-host" >"$T_DIR/hostname"
mkini bindfile <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'cat /etc/hostname; echo x >>/etc/hostname || echo refused'
[mounts]
bind = $T_DIR/hostname /etc/hostname ro
EOF
c_run run "$INI"
t_rc 0
t_eq "from-the-host
refused" "$OUT" "output"
t_eq "from-the-host" "$(cat "$T_DIR/hostname")" "the host file"
t_eq cella-rootfs "$(cat "$ROOTFS/etc/hostname")" "the rootfs file"

t_begin "bind creates a missing target, a file for a file"
echo "data" >"$T_DIR/file"
mkdir -p "$T_DIR/dir"
echo "in-dir" >"$T_DIR/dir/f"
mkini bindcreate <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'test -f /tmp/a/file && cat /tmp/a/file; test -d /tmp/b/dir && cat /tmp/b/dir/f'
[mounts]
tmpfs = /tmp
bind = $T_DIR/file /tmp/a/file
bind = $T_DIR/dir /tmp/b/dir
EOF
c_run run "$INI"
t_rc 0
t_eq "data
in-dir" "$OUT" "output"

t_begin "bind of a missing source is 125 with one line naming it"
mkini bindmissing <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/echo RAN
[mounts]
bind = $T_DIR/absent /mnt
EOF
c_run run "$INI"
t_rc 125
t_one_line "$T_DIR/absent"
t_nomatch RAN "$OUT" "workload output"

t_begin "mask hides a file and a directory"
mkdir -p "$T_DIR/share"
echo secret >"$T_DIR/share/file"
mkini mask <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'wc -c </etc/hostname; ls -A /mnt | wc -l; touch /mnt/x 2>/dev/null || echo refused'
[mounts]
bind = $T_DIR/share /mnt
mask = /etc/hostname /mnt
EOF
c_run run "$INI"
t_rc 0
t_eq "0
0
refused" "$OUT" "bytes in the masked file, entries in the masked dir, write"
t_file_absent "$T_DIR/share/x"

t_begin "readonly makes a path read-only"
mkdir -p "$T_DIR/share"
echo kept >"$T_DIR/share/file"
mkini readonly <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'cat /mnt/file; touch /mnt/x 2>/dev/null || echo refused'
[mounts]
bind = $T_DIR/share /mnt
readonly = /mnt
EOF
c_run run "$INI"
t_rc 0
t_eq "kept
refused" "$OUT" "output"
t_file_absent "$T_DIR/share/x"

t_begin "mounts are done in file order"
mkdir -p "$T_DIR/one" "$T_DIR/two"
echo one >"$T_DIR/one/f"
echo two >"$T_DIR/two/f"
mkini order <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/cat /mnt/f
[mounts]
bind = $T_DIR/one /mnt
bind = $T_DIR/two /mnt
EOF
c_run run "$INI"
t_rc 0
t_eq two "$OUT" "the file seen at /mnt/f"

# This kernel has no /proc/kcore or /proc/scsi; /proc/keys and
# /proc/timer_list are not empty on the host.
t_begin "defaults = yes masks and write-protects the usual paths"
mkini defaults <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'for f in kcore keys timer_list sched_debug; do test -e /proc/\$f && wc -c </proc/\$f; done; ls -A /proc/scsi /sys/firmware 2>/dev/null | grep -v -e : -e "^\$" | wc -l; echo x >/proc/sys/kernel/hostname || echo refused; echo h >/proc/sysrq-trigger || echo refused; hostname'
[container]
hostname = box
EOF
c_run run "$INI"
t_rc 0
t_eq "0
0" "$(grep '^[0-9]' <<<"$OUT" | head -n 2)" "sizes of /proc/keys and /proc/timer_list"
t_eq "refused
refused
box" "$(grep -v '^[0-9]' <<<"$OUT")" "writes to /proc/sys and /proc/sysrq-trigger, then the hostname"
t_eq 0 "$(grep '^[0-9]' <<<"$OUT" | tail -n 1)" "entries in /proc/scsi and /sys/firmware"

t_begin "defaults = yes mounts proc, dev and sysfs"
mkini defaultfs <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/cat /proc/self/mountinfo
EOF
c_run run "$INI"
t_rc 0
t_eq proc "$(fstype "$(mountline /proc)")" "type of /proc"
t_eq tmpfs "$(fstype "$(mountline /dev)")" "type of /dev"
t_eq sysfs "$(fstype "$(mountline /sys)")" "type of /sys"
t_match '^ro(,|$)' "$(mntopts "$(mountline /proc/sys)")" "options of /proc/sys"

t_begin "defaults = no mounts no /proc"
mkini nodefaults <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'for d in /proc /dev /sys; do ls -A \$d | wc -l; done'
[mounts]
defaults = no
EOF
c_run run "$INI"
t_rc 0
t_eq "0
0
0" "$OUT" "entries in /proc, /dev and /sys"

t_begin "a mount target in a read-only root is an error naming it"
mkini rotarget <<EOF
[root]
path = $ROOTFS
readonly = yes
[process]
exec = /bin/echo RAN
[mounts]
tmpfs = /new-$T_MARK
EOF
c_run run "$INI"
t_rc 125
t_one_line "/new-$T_MARK"
t_nomatch RAN "$OUT" "workload output"
t_file_absent "$ROOTFS/new-$T_MARK"

t_begin "a mount target that cannot be made is an error, not a mount left out"
# The walk's mkdirat of the missing target fails with ENOENT (as when a
# directory on the way is removed meanwhile): only mask and readonly may
# pass over a target that is not there.
command -v strace >/dev/null || need_pkg strace
mkini mkfail <<EOF2
[root]
path = $ROOTFS
[process]
exec = /bin/echo RAN
[mounts]
defaults = no
tmpfs = /new2-$T_MARK
EOF2
C_WRAP=(strace -f -qq -o /dev/null -e trace=mkdirat -e inject=mkdirat:error=ENOENT:when=1)
c_run run "$INI"
C_WRAP=()
t_rc 125
t_one_line "mounts.tmpfs /new2-$T_MARK: .*No such file"
t_nomatch RAN "$OUT" "workload output"
