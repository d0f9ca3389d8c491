#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# User namespaces on a cgroup v2 kernel in qemu (Debian's amd64 kernel, cella
# and a launcher script as /init, tests/vm): a container with namespaces.user, and a
# root on the ramdisk, which needs chroot mode, refused in one line.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=../vm/lib.sh
. "$(dirname "$0")/../vm/lib.sh"

ROOT=$(vm_rootfs)

t_begin "in qemu from an initramfs: root inside a user namespace is 100000 outside; a ramdisk root is refused"
ini=$(vm_file init.ini <<'EOF'
[container]
name = uns
[process]
exec = /bin/sh -c 'echo "uns: id $(id -u) map $(cat /proc/self/uid_map | tr -s " ")"; echo "uns: sysfs $(ls /sys/class/net)"; echo x > /dev/null && echo "uns: null ok"'
[namespaces]
user = yes
uid-map = 0 100000 65536
gid-map = 0 100000 65536
[supervisor]
log = stderr
EOF
)
init=$(vm_file uns-init <<'EOF'
#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sys /sys
/bin/busybox mount -t devtmpfs dev /dev
/sbin/cella run /etc/cella/init.ini; echo "launcher: userns -> $?"
/sbin/cella run -d --name bg --set 'process.exec=/bin/sleep 30' /etc/cella/init.ini
echo "launcher: outside uid $(/bin/busybox stat -c %u /proc/$(/sbin/cella state bg | /bin/busybox sed -n 's/^pid=//p'))"
/sbin/cella stop bg
/sbin/cella run --set root.path=/srv/rootfs /etc/cella/init.ini; echo "launcher: ramdisk root -> $?"
/bin/busybox poweroff -f
EOF
)
chmod +x "$init"
vm_initramfs uns "$init" "$ini:/etc/cella/init.ini" "$ROOT:/srv/rootfs" "$CELLA:/sbin/cella" || t_fail "initramfs"
vm_boot uns
vm_expect_end poweroff
vm_expect_in_order "$VM_LOG" "uns: id 0 map  0 100000 65536" "uns: sysfs lo" "uns: null ok" "launcher: userns -> 0" \
	"launcher: outside uid 100000" \
	"cella: uns: pivot_root into /srv/rootfs: Invalid argument (chroot mode is not possible in a user namespace)" \
	"launcher: ramdisk root -> 125"
vm_expect_absent "$VM_LOG" "Kernel panic"

t_finish
