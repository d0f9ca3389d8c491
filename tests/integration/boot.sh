#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# PID 1 mode, proven on a real kernel: Debian's amd64 kernel boots in qemu
# with an initramfs whose /init is the static cella; the serial console is
# the evidence. See tests/vm/README.md for the harness.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=../vm/lib.sh
. "$(dirname "$0")/../vm/lib.sh"

ROOT=$(vm_rootfs)

# boot_with NAME INI [APPEND...]: an initramfs with cella as /init (or
# $INIT; cella is also /sbin/cella), INI as /etc/cella/init.ini (or at
# $INI_AT) and the busybox rootfs at /srv/rootfs, booted.
boot_with() {
	local name=$1 ini=$2
	shift 2
	vm_initramfs "$name" "${INIT:-$CELLA}" "$ini:${INI_AT:-/etc/cella/init.ini}" "$ROOT:/srv/rootfs" \
		"$CELLA:/sbin/cella" "$(vm_file host-marker <<<"initramfs only"):/host-marker" || return 1
	vm_boot "$name" "$@"
}

no_panic() {
	vm_expect_absent "$VM_LOG" "Kernel panic" "Attempted to kill init"
}

t_begin "a workload that exits 0 ends in a clean power-off"
ini=$(vm_file init.ini <<'EOF'
[container]
name = app
[root]
path = /srv/rootfs
[process]
exec = /bin/sh -c 'echo "app: pid $$ up"; exit 0'
EOF
)
# No log key: PID 1 logs to /dev/kmsg, which the console shows with the
# kernel's timestamp in front ("] cella: ...") at loglevel 7.
boot_with poweroff "$ini" loglevel=7
vm_expect_end poweroff
vm_expect_in_order "$VM_LOG" "app: pid 2 up" "] cella: app: the workload ended with status 0: poweroff" \
	"reboot: Power down"
no_panic

t_begin "cella.config= names the file; on-exit = reboot takes the reboot path"
ini=$(vm_file init.ini <<'EOF'
[root]
path = /srv/rootfs
[process]
exec = /bin/sh -c 'echo "app: up"; exit 3'
[supervisor]
on-exit = reboot
log = stderr
EOF
)
INI_AT=/etc/other.ini boot_with on-exit-reboot "$ini" cella.config=/etc/other.ini
vm_expect_end reboot
vm_expect_in_order "$VM_LOG" "app: up" "status 3: reboot" "reboot: Restarting system"
no_panic

t_begin "restart = on-failure: two failures, one success, exactly three runs, then on-exit"
ini=$(vm_file init.ini <<'EOF'
[root]
path = /srv/rootfs
[process]
exec = /bin/sh -c 'n=$(cat /runs 2>/dev/null || echo 0); n=$((n+1)); echo $n >/runs; echo "app: run $n"; [ $n -ge 3 ]'
[supervisor]
restart = on-failure
restart-delay = 100ms
log = stderr
EOF
)
boot_with restart "$ini"
vm_expect_end poweroff
vm_expect_in_order "$VM_LOG" "app: run 1" "restart 1 in 100 ms (the last run ended with status 1)" \
	"app: run 2" "restart 2 in 200 ms" "app: run 3" "status 0: poweroff" "reboot: Power down"
vm_expect_count "$VM_LOG" 3 "app: run "
no_panic

t_begin "a root inside the initramfs: MS_MOVE + chroot, and the escapes fail"
ini=$(vm_file init.ini <<'EOF'
[root]
path = /srv/rootfs
[process]
exec = /bin/sh -c 'cd /tmp && /usr/bin/escape /host-marker; mount -t proc proc /mnt && echo "proc: mounted" || echo "proc: refused"; grep -E "^Cap(Bnd|Eff)" /proc/self/status'
[mounts]
tmpfs = /tmp
[supervisor]
log = stderr
EOF
)
boot_with initramfs-root "$ini"
vm_expect_end poweroff
vm_expect_in_order "$VM_LOG" "root is a ramdisk: entering /srv/rootfs with MS_MOVE + chroot" \
	"chroot: EPERM" "host: invisible" "proc: refused"
vm_expect_absent "$VM_LOG" "host: VISIBLE" "chroot: ok" "mount: ok" "unshare: ok" "proc: mounted"
# The default set less CAP_SYS_CHROOT (18), which chroot mode drops.
vm_expect_in_order "$VM_LOG" "CapEff:	00000000800005fb" "CapBnd:	00000000800005fb"
no_panic

t_begin "SIGTERM to PID 1 stops the workload with its stop-signal first, then reboots"
ini=$(vm_file init.ini <<'EOF'
[root]
path = /srv/rootfs
[namespaces]
pid = no
[process]
exec = /bin/sh -c 'trap "echo app: got TERM; exit 0" TERM; echo "app: asking PID 1 to stop"; kill -TERM 1; while :; do sleep 1; done'
[supervisor]
log = stderr
EOF
)
boot_with sigterm "$ini"
vm_expect_end reboot
vm_expect_in_order "$VM_LOG" "app: asking PID 1 to stop" "app: got TERM" "reboot: stopping all processes" \
	"reboot: Restarting system"
no_panic

t_begin "Ctrl-Alt-Del arrives as SIGINT and reboots in order"
ini=$(vm_file init.ini <<'EOF'
[root]
path = /srv/rootfs
[process]
exec = /bin/sh -c 'trap "echo app: got TERM; exit 0" TERM; echo "app: waiting"; while :; do sleep 1; done'
[supervisor]
log = stderr
EOF
)
VM_SEND_AFTER="app: waiting" boot_with ctrl-alt-del "$ini"
vm_expect_end reboot
vm_expect_in_order "$VM_LOG" "app: waiting" "app: got TERM" "reboot: Restarting system"
no_panic

t_begin "a broken config is logged and ends in power-off, not a panic"
ini=$(vm_file init.ini <<'EOF'
[process]
exec = /bin/true
hostnmae = x
EOF
)
boot_with broken "$ini"
vm_expect_end poweroff
vm_expect_in_order "$VM_LOG" "cella: /etc/cella/init.ini:3: unknown key 'hostnmae' in [process]" \
	"no usable configuration" "reboot: Power down"
no_panic

t_begin "reboot(2) in the container (keep = sys_boot) reboots the machine"
ini=$(vm_file init.ini <<'EOF'
[root]
path = /srv/rootfs
[capabilities]
keep = all sys_boot
[process]
exec = /bin/sh -c 'echo "app: rebooting"; reboot -f; sleep 5; echo "app: still here"'
[supervisor]
log = stderr
EOF
)
boot_with container-reboot "$ini"
vm_expect_end reboot
vm_expect_in_order "$VM_LOG" "app: rebooting" "the workload asked for a reboot" "reboot: Restarting system"
vm_expect_absent "$VM_LOG" "app: still here"
no_panic

t_begin "dropped capabilities are also gone from the usermode helper's sets"
ini=$(vm_file init.ini <<'EOF'
[root]
path = /srv/rootfs
[capabilities]
keep = net_bind_service chown
[process]
exec = /bin/sh -c 'echo "umh: $(cat /proc/sys/kernel/usermodehelper/bset | tr "\t" " ") / $(cat /proc/sys/kernel/usermodehelper/inheritable | tr "\t" " ")"'
[supervisor]
log = stderr
EOF
)
boot_with usermodehelper "$ini"
vm_expect_end poweroff
# net_bind_service (10) and chown (0): 1025 in the low word, 0 in the high,
# in both sets (the kernel starts them full).
vm_expect_in_order "$VM_LOG" "umh: 1025 0 / 1025 0"
no_panic

for sig in USR1:halt USR2:poweroff; do
	t_begin "SIG${sig%%:*} to PID 1 ends in ${sig#*:}"
	ini=$(vm_file init.ini <<EOF
[root]
path = /srv/rootfs
[namespaces]
pid = no
[process]
exec = /bin/sh -c 'trap "echo app: stopped; exit 0" TERM; kill -${sig%%:*} 1; while :; do sleep 1; done'
[supervisor]
log = stderr
EOF
)
	boot_with "sig${sig%%:*}" "$ini"
	vm_expect_end "${sig#*:}"
	vm_expect_in_order "$VM_LOG" "app: stopped" "${sig#*:}: stopping all processes"
	no_panic
done

t_begin "poweroff(2) in the container (keep = sys_boot) powers the machine off"
ini=$(vm_file init.ini <<'EOF'
[root]
path = /srv/rootfs
[capabilities]
keep = all sys_boot
[process]
exec = /bin/sh -c 'echo "app: powering off"; poweroff -f; sleep 5; echo "app: still here"'
[supervisor]
on-exit = reboot
log = stderr
EOF
)
boot_with container-poweroff "$ini"
vm_expect_end poweroff
vm_expect_in_order "$VM_LOG" "app: powering off" "the workload asked for a power-off" "reboot: Power down"
vm_expect_absent "$VM_LOG" "app: still here"
no_panic

# Launcher mode meets reboot(2) too; inside the VM, since a mistake here on
# the host would reboot the host.
t_begin "a launcher exits 129 when its container reboots, 130 when it powers off"
ini=$(vm_file launch.ini <<'EOF'
[root]
path = /srv/rootfs
[capabilities]
keep = all sys_boot
[process]
exec = /bin/sh -c 'reboot -f'
EOF
)
init=$(vm_file launcher-init <<'EOF'
#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t devtmpfs dev /dev
/sbin/cella run /etc/cella/init.ini; echo "launcher: reboot -> $?"
/sbin/cella run --set 'process.exec=/bin/sh -c "poweroff -f"' /etc/cella/init.ini; echo "launcher: poweroff -> $?"
/bin/busybox poweroff -f
EOF
)
chmod +x "$init"
INIT=$init boot_with launcher "$ini"
vm_expect_end poweroff
vm_expect_in_order "$VM_LOG" "launcher: reboot -> 129" "launcher: poweroff -> 130"
no_panic
