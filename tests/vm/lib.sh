# SPDX-License-Identifier: GPL-2.0-only
# tests/vm/lib.sh: helpers for boot tests (cella as PID 1 in qemu); source it,
# after tests/lib.sh when the test uses that harness: failed assertions then
# go to t_fail and count in its test; without it they print "FAIL: ..." on
# stderr and count in VM_FAILED. Every assertion returns 1 when it fails.
#
#   vm_initramfs NAME INIT [SRC:DEST]...  build VM_INITRD=$VM_LOGDIR/NAME.cpio
#   vm_boot NAME [APPEND...]              boot VM_INITRD, console in VM_LOG=$VM_LOGDIR/NAME.log;
#                                         sets VM_END, VM_RC (boot.sh's status), VM_TIME
#   vm_file NAME <<EOF ... EOF            a file with that text; prints its path
#   vm_rootfs                             prints the busybox root filesystem dir
#   vm_expect_end END [LOG]               poweroff|reboot|halt|panic|timeout|debug-exit
#   vm_expect_in_order LOG TEXT...        each TEXT on a line after the previous one
#   vm_expect_absent LOG TEXT...          no line contains any TEXT
#   vm_count LOG TEXT                     prints how many lines contain TEXT
#   vm_expect_count LOG N TEXT            exactly N lines contain TEXT
#   vm_use_arch ARCH                      amd64 (the default), arm64 or armhf from
#                                         here on: VM_DIR build/vm/ARCH, that
#                                         kernel and busybox, a rootfs of that
#                                         architecture (its helpers built with
#                                         scripts/cross-toolchain.sh)
#
# TEXTs are fixed strings. Initramfs and log of each boot stay in VM_LOGDIR
# (build/vm/logs) for a look after a failure, or to boot again by hand:
# tests/vm/boot.sh build/vm/logs/NAME.cpio /tmp/x.log 60 APPEND...
# VM_TIMEOUT (seconds, default 60) bounds each boot; boot.sh's VM_*
# variables pass through.
#
# shellcheck shell=bash
# shellcheck disable=SC2034 # VM_RC and friends are for the tests

VM_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VM_ARCH=${VM_ARCH:-amd64}
if [ "$VM_ARCH" = amd64 ]; then
	VM_DIR=${VM_DIR:-$VM_TOP/build/vm}
else
	VM_DIR=${VM_DIR:-$VM_TOP/build/vm/$VM_ARCH}
fi
VM_LOGDIR=${VM_LOGDIR:-$VM_DIR/logs}
VM_TIMEOUT=${VM_TIMEOUT:-60}
VM_FAILED=0
VM_READY=
VM_INITRD='' VM_LOG='' VM_END='' VM_RC='' VM_TIME=''
export VM_DIR VM_ARCH
if [ "$VM_ARCH" != amd64 ]; then export VM_BUSYBOX=$VM_DIR/busybox; fi

vm_use_arch() {
	case $1 in amd64 | arm64 | armhf) ;; *) vm_fail "vm_use_arch: unknown architecture '$1'"; return 1 ;; esac
	VM_ARCH=$1 VM_READY=
	if [ "$1" = amd64 ]; then
		VM_DIR=$VM_TOP/build/vm
		unset VM_BUSYBOX
	else
		VM_DIR=$VM_TOP/build/vm/$1
		export VM_BUSYBOX=$VM_DIR/busybox
	fi
	VM_LOGDIR=$VM_DIR/logs
}

vm_fail() {
	if declare -F t_fail >/dev/null; then
		t_fail "$*"
	else
		echo "FAIL: $*" >&2
		VM_FAILED=$((VM_FAILED + 1))
	fi
	return 1
}

# Kernel, qemu and packages, once per process.
vm_setup() {
	[ -z "$VM_READY" ] || return 0
	mkdir -p "$VM_LOGDIR"
	VM_ARCH=$VM_ARCH "$VM_TOP/tests/vm/fetch-kernel.sh" "$VM_DIR" >"$VM_LOGDIR/fetch-kernel.log" 2>&1 ||
		{ vm_fail "tests/vm/fetch-kernel.sh failed: see $VM_LOGDIR/fetch-kernel.log"; return 1; }
	VM_READY=1
}

vm_initramfs() {
	local name=$1
	shift
	vm_setup || return 1
	VM_INITRD=$VM_LOGDIR/$name.cpio
	rm -f "$VM_INITRD" # never boot an old one
	"$VM_TOP/tests/vm/mkinitramfs.sh" "$VM_INITRD" "$@" ||
		{ vm_fail "mkinitramfs $name failed"; return 1; }
}

vm_boot() {
	local name=$1 line
	shift
	vm_setup || return 1
	VM_LOG=$VM_LOGDIR/$name.log
	rm -f "$VM_LOG" # never judge an old one
	line=$("$VM_TOP/tests/vm/boot.sh" "$VM_INITRD" "$VM_LOG" "$VM_TIMEOUT" "$@")
	VM_RC=$?
	VM_END=$(vm_field end "$line")
	VM_TIME=$(vm_field time "$line")
	echo "# vm: $name: $VM_END in $VM_TIME" >&2
}

# vm_field KEY LINE: the value of KEY= in boot.sh's last line.
vm_field() { local v=${2##*" $1="}; [ "$v" != "$2" ] && echo "${v%% *}"; }

vm_file() {
	local d=${T_DIR:-$VM_LOGDIR/files}
	mkdir -p "$d"
	cat >"$d/$1"
	echo "$d/$1"
}

# A root filesystem from scripts/mkrootfs.sh (busybox, /etc/passwd, the test
# helpers), $VM_ROOTFS or build/vm/rootfs: its own, so that building it never
# races with the host tests' build/rootfs. Copy it into the initramfs with
# "$(vm_rootfs):/srv/rootfs".
# Another architecture's: its busybox, the helpers built with the musl
# cross compiler of scripts/cross-toolchain.sh.
vm_rootfs() {
	local dir=${VM_ROOTFS:-$VM_DIR/rootfs} env=() triple bin
	if [ "$VM_ARCH" != amd64 ]; then
		vm_setup || return 1
		triple=$("$VM_TOP/scripts/cross-toolchain.sh" --list | awk -v a="$VM_ARCH" '$2 == a { print $1 }')
		bin=$("$VM_TOP/scripts/cross-toolchain.sh" "$triple") ||
			{ vm_fail "scripts/cross-toolchain.sh $triple failed"; return 1; }
		env=(BUSYBOX="$VM_BUSYBOX" HELPER_CC="$bin/$triple-gcc")
	fi
	env "${env[@]}" bash "$VM_TOP/scripts/mkrootfs.sh" "$dir" >&2 || { vm_fail "mkrootfs.sh $dir failed"; return 1; }
	echo "$dir"
}

# The console lines of LOG, without boot.sh's own last line.
vm_console() { grep -v '^boot\.sh: end=' "$1" 2>/dev/null; }

# A failure's context: the log's path and its last lines.
vm_where() {
	local tail
	tail=$(vm_console "$1" | tail -n "${2:-4}" | tr '\n' '|')
	echo "(log $1: ...|${tail%|})"
}

vm_expect_end() {
	local log=${2:-$VM_LOG} end
	end=$(vm_field end "$(tail -n 1 "$log" 2>/dev/null)")
	[ "$end" = "$1" ] || vm_fail "VM ended by '${end:-?}', expected '$1' $(vm_where "$log")"
}

vm_expect_in_order() {
	local log=$1 missing
	shift
	missing=$(vm_console "$log" | awk '
		BEGIN { for (n = 1; n < ARGC; n++) want[n] = ARGV[n]; ARGC = 1; i = 1 }
		{
			s = $0
			while (i < n && (p = index(s, want[i])) > 0) {
				s = substr(s, p + length(want[i]))
				i++
			}
		}
		END { if (i < n) print want[i] }' "$@")
	[ -z "$missing" ] || vm_fail "'$missing' missing (order:$(printf " '%s'" "$@")) $(vm_where "$log")"
}

vm_expect_absent() {
	local log=$1 text hit bad=0
	shift
	for text in "$@"; do
		hit=$(vm_console "$log" | grep -F -m 1 -e "$text") || continue
		vm_fail "'$text' in the console: '$hit' (log $log)"
		bad=1
	done
	return $bad
}

vm_count() { vm_console "$1" | grep -c -F -e "$2"; }

vm_expect_count() {
	local n
	n=$(vm_count "$1" "$3")
	[ "$n" -eq "$2" ] || vm_fail "'$3' on $n lines, expected $2 (log $1)"
}
