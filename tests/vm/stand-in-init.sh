#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/vm/stand-in-init.sh: a busybox sh /init standing in for cella's PID 1
# mode, for the harness's self-test. It mounts /proc, /sys and /dev, prints
# "stand-in: up", sources /etc/stand-in.sh when there is one, then ends the
# VM as the kernel command line's stand-in.end= asks:
#   poweroff (default)  poweroff -f      (reboot(2) POWER_OFF)
#   reboot              reboot -f        (reboot(2) RESTART)
#   halt                halt -f          (reboot(2) HALT)
#   exit                exit 3           (the kernel panics: init exited)
#   hang                sleep forever    (the harness's timeout ends it)
#   debug-exit          write 5 to I/O port 0xf4: qemu exits with 11
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
end=poweroff
read -r cmdline </proc/cmdline
for arg in $cmdline; do
	case $arg in stand-in.end=*) end=${arg#*=} ;; esac
done
echo "stand-in: up, pid $$, end=$end"
# A test's own steps, if it put any in the initramfs.
# shellcheck disable=SC1091 # exists in the VM only
[ ! -f /etc/stand-in.sh ] || . /etc/stand-in.sh
case $end in
poweroff) poweroff -f ;;
reboot) reboot -f ;;
halt) halt -f ;;
exit) exit 3 ;;
debug-exit) printf '\005' | dd of=/dev/port bs=1 seek=244 count=1 2>/dev/null ;;
hang) while :; do sleep 60; done ;;
esac
echo "stand-in: $end returned"
sleep 5
