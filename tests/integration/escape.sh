#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
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

t_begin "chroot mode with keep = all drops the capabilities that leave a chroot"
mkini caps <<EOF
[root]
path = $ROOTFS
pivot = no
[process]
exec = /bin/cat /proc/self/status
[capabilities]
keep = all
EOF
c_run run "$INI"
t_rc 0
for set in Bnd Eff Prm; do
	v=$(statusfield Cap$set "$OUT")
	# sys_chroot 18, sys_admin 21, dac_read_search 2, sys_ptrace 19,
	# sys_module 16, sys_rawio 17, mknod 27; sys_boot 22 as always
	for b in 18 21 2 19 16 17 27 22; do
		t_eq 0 "$(bit "$v" $b)" "capability $b in Cap$set ($v)"
	done
	t_eq 1 "$(bit "$v" 12)" "CAP_NET_ADMIN in Cap$set ($v)"
done

t_begin "chroot mode keeps each of them when keep names it"
mkini caps <<EOF
[root]
path = $ROOTFS
pivot = no
[process]
exec = /bin/cat /proc/self/status
[capabilities]
keep = default dac_read_search sys_ptrace mknod
EOF
c_run run "$INI"
t_rc 0
# the default set less sys_chroot (not named), plus the three named
t_eq 00000000880805ff "$(statusfield CapBnd "$OUT")" "CapBnd"

t_begin "chroot mode, keep = all: open_by_handle_at cannot open the host filesystem's root"
touch "$T_DIR/hostmark"
mkini handle <<EOF
[root]
path = $ROOTFS
pivot = no
[process]
exec = /usr/bin/escape $T_DIR/hostmark
cwd = /tmp
[mounts]
tmpfs = /tmp
[capabilities]
keep = all
EOF
c_run run "$INI"
t_rc 0
t_match '^handle: EPERM' "$(grep '^handle:' <<<"$OUT")" "open_by_handle_at"
t_eq "host by handle: invisible" "$(grep '^host by handle:' <<<"$OUT")" "host marker through the handle"
t_eq "host: invisible" "$(grep '^host:' <<<"$OUT")" "host marker"

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

# Early in an initramfs the host has no /proc: cella mounts a private one in
# its own mount namespace (SPEC [root]). unshare gives this test a mount
# namespace of its own without /proc to start cella in.
for pivot in no yes; do
	t_begin "pivot = $pivot works when the host has no /proc mounted"
	mkini noproc <<EOF
[root]
path = $ROOTFS
pivot = $pivot
[process]
exec = /bin/sh -c 'test -r /proc/self/status && echo WORKS'
EOF
	c_capture unshare -m --propagation private sh -c "umount -l /proc && ! test -e /proc/self && exec '$CELLA' run '$INI'"
	t_rc 0
	t_eq WORKS "$OUT" "the workload's output"
done
