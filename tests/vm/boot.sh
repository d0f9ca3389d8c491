#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# tests/vm/boot.sh INITRD LOG [TIMEOUT] [APPEND...]: boot the kernel of
# tests/vm/fetch-kernel.sh with INITRD in qemu (no KVM needed) and write the
# serial console, cleaned of escape codes and CRs, to LOG.
#
# Kernel command line: console=ttyS0 quiet panic=-1 cryptomgr.notests
# rdinit=/init APPEND... A later word wins, so APPEND can override (e.g.
# loglevel=7); cryptomgr.notests skips the crypto self-tests (0.5 s a boot).
# After TIMEOUT seconds (default 60) qemu is killed. A halted guest ("reboot:
# System halted") would idle forever: qemu is stopped when the line appears.
#
# The last line of LOG, also printed on stdout, says how the VM ended:
#   boot.sh: end=E status=N time=S kernel=K
# E: poweroff, reboot, halt (the kernel's "reboot: ..." line), panic ("Kernel
# panic - not syncing"), timeout, debug-exit (the guest wrote V to I/O port
# 0xf4 of -device isa-debug-exit: qemu exits with 2V+1), unknown.
# Exit status: qemu's (0 for poweroff, reboot, halt and panic), 124 on timeout.
#
# VM_ARCH=arm64 or armhf boots fetch-kernel.sh's kernel of that architecture
# (VM_DIR build/vm/ARCH) in qemu-system-aarch64 -M virt -cpu cortex-a57 or
# qemu-system-arm -M virt -cpu cortex-a15, console=ttyAMA0; there is no
# debug-exit port and no keyboard for Ctrl-Alt-Del there.
#
# Environment: VM_ARCH (amd64), VM_DIR (build/vm, build/vm/ARCH), VM_KERNEL
# (VM_DIR/vmlinux, else VM_DIR/vmlinuz), VM_MEM (MiB, 256), VM_QEMU_OPTS (more qemu arguments),
# VM_SEND_AFTER (a console text: once it appears, the qemu monitor command
# VM_SEND is sent once; default "sendkey ctrl-alt-delete", which the kernel
# turns into a restart, or SIGINT to PID 1 once it disabled Ctrl-Alt-Del).
set -u

[ $# -ge 2 ] || { echo "usage: $0 INITRD LOG [TIMEOUT] [APPEND...]" >&2; exit 2; }
initrd=$1 log=$2 timeout=${3:-60}
shift $(($# < 3 ? $# : 3))
top=$(cd "$(dirname "$0")/../.." && pwd)
die() { echo "boot.sh: $*" >&2; exit 125; }
case ${VM_ARCH:-amd64} in
amd64)
	vmdir=${VM_DIR:-$top/build/vm} console=ttyS0
	qemu=(qemu-system-x86_64 -device "isa-debug-exit,iobase=0xf4,iosize=0x04")
	;;
arm64)
	vmdir=${VM_DIR:-$top/build/vm/arm64} console=ttyAMA0
	qemu=(qemu-system-aarch64 -M virt -cpu cortex-a57)
	;;
armhf)
	vmdir=${VM_DIR:-$top/build/vm/armhf} console=ttyAMA0
	qemu=(qemu-system-arm -M virt -cpu cortex-a15)
	;;
*) die "VM_ARCH '$VM_ARCH': want amd64, arm64 or armhf" ;;
esac
kernel=${VM_KERNEL:-$vmdir/vmlinux}
[ -n "${VM_KERNEL:-}" ] || [ -s "$kernel" ] || kernel=$vmdir/vmlinuz
[ -s "$kernel" ] || die "$kernel missing: run ${VM_ARCH:+VM_ARCH=$VM_ARCH }tests/vm/fetch-kernel.sh"
[ -f "$initrd" ] || die "$initrd: no such file"
case $timeout in '' | *[!0-9]*) die "TIMEOUT '$timeout' is not a number of seconds" ;; esac

# Milliseconds since the epoch, in $now (no fork).
tick() { now=${EPOCHREALTIME//[.,]/}; now=$((now / 1000)); }

tmp=$(mktemp -d /tmp/cella-vm.XXXXXX)
raw=$tmp/console
qpid=
trap '[ -z "$qpid" ] || kill "$qpid" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# The monitor on two FIFOs: boot.sh writes mon.in; nobody reads mon.out (its
# few lines fit in the pipe).
mkfifo "$tmp/mon.in" "$tmp/mon.out"
: >"$raw" # before qemu's shell opens it: the loop below may be first
send_after=${VM_SEND_AFTER:-}

tick
start=$now
# timeout(1) too: a qemu that outlives a killed boot.sh still ends.
# shellcheck disable=SC2086 # VM_QEMU_OPTS: words
timeout -k 5 $((timeout + 30)) "${qemu[@]}" -no-reboot \
	-m "${VM_MEM:-256}" -nodefaults -nic none -display none \
	-serial stdio -monitor "pipe:$tmp/mon" \
	-kernel "$kernel" -initrd "$initrd" ${VM_QEMU_OPTS:-} \
	-append "console=$console quiet panic=-1 cryptomgr.notests rdinit=/init $*" \
	</dev/null >"$raw" 2>&1 &
qpid=$!

why=
while kill -0 "$qpid" 2>/dev/null; do
	tick
	if [ -n "$send_after" ] && grep -qF -e "$send_after" "$raw"; then
		echo "${VM_SEND:-sendkey ctrl-alt-delete}" >"$tmp/mon.in"
		send_after=
	fi
	if [ $((now - start)) -ge $((timeout * 1000)) ]; then
		why=timeout
	elif grep -q 'reboot: System halted' "$raw"; then
		why=halted
		sleep 0.2 # the rest of the console
	fi
	if [ -n "$why" ]; then
		kill "$qpid" 2>/dev/null
		break
	fi
	sleep 0.1
done
wait "$qpid"
rc=$?
qpid=
tick
case $why in timeout) rc=124 ;; halted) rc=0 ;; esac

sed -e 's/\x1b\[[0-9;?]*[a-zA-Z]//g' -e 's/\x1bc//g' -e 's/\r$//' "$raw" >"$log"

if grep -q 'Kernel panic - not syncing' "$log"; then end=panic
elif grep -q 'reboot: Power down' "$log"; then end=poweroff
elif grep -q 'reboot: Restarting system' "$log"; then end=reboot
elif grep -q 'reboot: System halted' "$log"; then end=halt
elif [ "$why" = timeout ]; then end=timeout
elif [ $((rc % 2)) -eq 1 ] && [ "$rc" -ge 3 ]; then end=debug-exit
else end=unknown
fi
ms=$((now - start))
secs=$((ms / 1000)).$(printf %02d $((ms % 1000 / 10)))
line="boot.sh: end=$end status=$rc time=${secs}s kernel=${kernel##*/}"
echo "$line" >>"$log"
echo "$line"
exit "$rc"
