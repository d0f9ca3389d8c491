#!/bin/bash
# Chroot mode is hardened (SPEC [root]): without CAP_SYS_CHROOT and
# CAP_SYS_ADMIN the workload can neither chroot out, mount a procfs nor make
# a mount namespace of its own. tests/helpers/escape.c tries all three.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

escape_ini() {
	mkini escape <<EOF
[root]
path = $ROOTFS
pivot = $1
[process]
exec = /usr/bin/escape $T_DIR/hostmark
cwd = /tmp
[mounts]
tmpfs = /tmp
EOF
}

t_begin "chroot mode: chroot, mount and unshare fail with EPERM, the host stays out"
touch "$T_DIR/hostmark"
escape_ini no
c_run run "$INI"
t_rc 0
t_match '^mount: EPERM' "$(grep '^mount:' <<<"$OUT")" "mount(proc)"
t_match '^unshare: EPERM' "$(grep '^unshare:' <<<"$OUT")" "unshare(CLONE_NEWNS)"
t_match '^chroot: EPERM' "$(grep '^chroot:' <<<"$OUT")" "chroot escape"
t_eq "host: invisible" "$(grep '^host:' <<<"$OUT")" "host marker"

t_begin "chroot mode drops CAP_SYS_CHROOT and CAP_SYS_ADMIN"
mkini caps <<EOF
[root]
path = $ROOTFS
pivot = no
[process]
exec = /bin/cat /proc/self/status
EOF
c_run run "$INI"
t_rc 0
bnd=$(statusfield CapBnd "$OUT")
t_eq 0 "$(bit "$bnd" 18)" "CAP_SYS_CHROOT in CapBnd ($bnd)"
t_eq 0 "$(bit "$bnd" 21)" "CAP_SYS_ADMIN in CapBnd ($bnd)"
t_eq 1 "$(bit "$bnd" 12)" "CAP_NET_ADMIN in CapBnd ($bnd)"

t_begin "chroot mode keeps CAP_SYS_ADMIN when keep names it"
mkini caps <<EOF
[root]
path = $ROOTFS
pivot = no
[process]
exec = /bin/cat /proc/self/status
[capabilities]
keep = sys_admin
EOF
c_run run "$INI"
t_rc 0
t_eq 0000000000200000 "$(statusfield CapBnd "$OUT")" "CapBnd"

t_begin "pivot mode: the same attempts do not reach the host either"
touch "$T_DIR/hostmark"
escape_ini yes
c_run run "$INI"
t_rc 0
t_match '^chroot: ' "$(grep '^chroot:' <<<"$OUT")" "chroot escape ran"
t_eq "host: invisible" "$(grep '^host:' <<<"$OUT")" "host marker"
