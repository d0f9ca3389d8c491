#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# tests/vm/selftest.sh: the boot-test harness tested with a stand-in /init
# (tests/vm/stand-in-init.sh): it must tell a power-off, a reboot, a halt, a
# kernel panic, Ctrl-Alt-Del, a hang and a debug-exit apart, and give a
# container root inside the initramfs. Runs as root; last line
# `N passed, N failed`; each boot's time on stderr.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

stand_in=$VM_TOP/tests/vm/stand-in-init.sh
started=$SECONDS

# must_fail ASSERTION...: the assertion fails (in a subshell, muted).
must_fail() {
	# shellcheck disable=SC2317 # called by the assertion
	(t_fail() { :; }; "$@") && t_fail "no failure from: $*"
}

t_begin "the assertions tell right from wrong (no boot)"
log=$(vm_file console.log <<'EOF'
one two
three
boot.sh: end=poweroff status=0 time=1.00s kernel=vmlinux
EOF
)
vm_expect_in_order "$log" one two three
vm_expect_in_order "$log" one three
vm_expect_absent "$log" four "end=poweroff"
vm_expect_end poweroff "$log"
vm_expect_count "$log" 2 t
must_fail vm_expect_in_order "$log" two one
must_fail vm_expect_in_order "$log" three three
must_fail vm_expect_absent "$log" three
must_fail vm_expect_end reboot "$log"
must_fail vm_expect_count "$log" 1 t
t_eq 1 "$(vm_count "$log" o)" "lines with 'o'"

t_begin "power-off, with a container root inside the initramfs"
hook=$(vm_file stand-in.sh <<'EOF'
echo "hook: / is $(grep -m 1 '^[^ ]* / ' /proc/mounts | cut -d' ' -f1-3)"
unshare -m sh -c 'mount --bind /srv/rootfs /srv/rootfs && cd /srv/rootfs &&
	pivot_root . mnt && echo "hook: pivot_root worked"' 2>&1 | sed 's/^/hook: /'
chroot /srv/rootfs /bin/sh -c 'echo "hook: chroot: $(id -un) $(cat /etc/hostname)"'
EOF
)
vm_initramfs poweroff "$stand_in" "$hook:/etc/stand-in.sh" "$(vm_rootfs):/srv/rootfs"
vm_boot poweroff
vm_expect_end poweroff
t_eq 0 "$VM_RC" "boot.sh status"
vm_expect_in_order "$VM_LOG" "stand-in: up, pid 1, end=poweroff" \
	"hook: / is rootfs / rootfs" "Invalid argument" "hook: chroot: root cella-rootfs" \
	"reboot: Power down"
vm_expect_absent "$VM_LOG" "Kernel panic" "pivot_root worked" "returned"

vm_initramfs stand-in "$stand_in"
for end in reboot halt; do
	t_begin "$end"
	vm_boot $end stand-in.end=$end
	vm_expect_end $end
	t_eq 0 "$VM_RC" "boot.sh status"
	vm_expect_in_order "$VM_LOG" "stand-in: up, pid 1, end=$end"
	vm_expect_absent "$VM_LOG" "Kernel panic" "returned"
done

t_begin "init exits: kernel panic"
vm_boot panic stand-in.end=exit
vm_expect_end panic
vm_expect_in_order "$VM_LOG" "end=exit" \
	"Kernel panic - not syncing: Attempted to kill init! exitcode=0x00000300"
vm_expect_absent "$VM_LOG" "reboot: "

t_begin "Ctrl-Alt-Del from the monitor: the kernel restarts"
VM_SEND_AFTER="end=hang" vm_boot ctrl-alt-del stand-in.end=hang
vm_expect_end reboot

t_begin "hang: the timeout stops qemu"
VM_TIMEOUT=5 vm_boot hang stand-in.end=hang
vm_expect_end timeout
t_eq 124 "$VM_RC" "boot.sh status"
t_match '^5\.[0-9]+s$' "$VM_TIME" "time"

t_begin "debug-exit: the guest sets qemu's status"
vm_boot debug-exit stand-in.end=debug-exit
vm_expect_end debug-exit
t_eq 11 "$VM_RC" "boot.sh status"

t_end
echo "# vm: selftest took $((SECONDS - started)) s" >&2
