#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Cross builds for aarch64 and armhf, built and booted: for each target,
# scripts/cross-toolchain.sh makes the musl cross compiler,
# `make CROSS_COMPILE=TRIPLE-` (in a copy of the tree, so the tree's own
# build/cella stays the host's) builds a static cella, and two boots of
# Debian's kernel for that architecture in qemu (-M virt) run it as /init:
#
# The unit tests of each cross build run under qemu-user too, and
# CROSS_COMPILE=aarch64-linux-gnu- (glibc) is built once. The boots:
#
#   1. the workload isolated (pid 2 in its own pid namespace, its hostname,
#      a read-only root, the capability set), the root inside the initramfs
#      entered with MS_MOVE + chroot and the escapes from it failing, a
#      failed first run restarted, and the exit of the second run ending in
#      a power-off;
#   2. a uid, gid and groups above 65535 set exactly (32-bit arm has 16-bit
#      and 32-bit credential calls), then SIGTERM to PID 1 taking the
#      reboot path.
#
# Cold (toolchains, libraries, kernels and busybox fetched and built once,
# cached under build/) takes a few minutes; warm, the builds are incremental
# and the four boots take 4-10 s each. Prints `# size:` (the static
# binaries, stripped) and `# cross:` timing lines.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=../vm/lib.sh
. "$(dirname "$0")/../vm/lib.sh"

VM_TIMEOUT=${VM_CROSS_TIMEOUT:-150} # armhf under load: up to 40 s a boot
# "TRIPLE DEBIAN-ARCH uname-m qemu-user"
TARGETS=("aarch64-linux-musl arm64 aarch64 qemu-aarch64" "arm-linux-musleabihf armhf armv7l qemu-arm")

declare -A SIZE=()
secs() { local t=$((${EPOCHREALTIME/./} / 10000)); echo "$((t / 100)).$(printf %02d $((t % 100)))"; }
since() { awk -v a="$1" -v b="$(secs)" 'BEGIN { printf "%.1fs", b - a }'; }

# copy_tree DIR TRIPLE: the tracked and new files of the tree in DIR, their
# times kept, so that make there rebuilds only what changed; DIR/build stays
# (and DIR/.config while configs/defconfig is unchanged), and build/deps-TRIPLE
# is the tree's own, toolchain and libraries cached for every copy.
copy_tree() {
	local dir=$1 triple=$2
	mkdir -p "$dir/build" "$T_TOP/build/deps-$triple"
	if ! cmp -s "$T_TOP/configs/defconfig" "$dir/configs/defconfig"; then
		rm -f "$dir/.config" "$dir/.config.old"
	fi
	find "$dir" -mindepth 1 -maxdepth 1 ! -name build ! -name .config ! -name .config.old \
		-exec rm -rf {} +
	(cd "$T_TOP" && { git ls-files -co --exclude-standard 2>/dev/null ||
		find . -path ./build -prune -o -type f -print; }) |
		grep -v -e '^build/' -e '^\.config' | (cd "$T_TOP" && cpio -pdm --quiet "$dir")
	ln -sfn "$T_TOP/build/deps-$triple" "$dir/build/deps-$triple"
}

# elf_field FILE FIELD: a field of readelf -h (Machine, Type, Flags).
elf_field() { readelf -h "$1" 2>/dev/null | sed -n "s/^ *$2: *//p"; }

no_panic() { vm_expect_absent "$VM_LOG" "Kernel panic" "Attempted to kill init"; }

for target in "${TARGETS[@]}"; do
	read -r triple arch uname_m qemu_user <<<"$target"
	tree=$T_TOP/build/cross/$triple
	bin=$tree/build/cella
	timing=()

	t_begin "$arch: scripts/cross-toolchain.sh makes $triple-gcc"
	t0=$(secs)
	T_TIMEOUT=900 c_capture "$T_TOP/scripts/cross-toolchain.sh" "$triple"
	t_rc 0
	timing+=("toolchain $(since "$t0")")
	toolbin=$OUT
	[ -x "$toolbin/$triple-gcc" ] || t_fail "no $toolbin/$triple-gcc"
	t_eq "$toolbin" "$(T_TIMEOUT=60 "$T_TOP/scripts/cross-toolchain.sh" "$arch" 2>&1)" "second run (alias $arch)"

	t_begin "$arch: make CROSS_COMPILE=$triple- builds a static cella (toolchain found by the Makefile)"
	t0=$(secs)
	copy_tree "$tree" "$triple"
	rm -f "$bin"
	# Not on PATH: the Makefile runs scripts/cross-toolchain.sh itself. Not
	# the outer make's jobserver either (run.sh is not a sub-make).
	T_TIMEOUT=900 c_capture env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
		make -C "$tree" -s -j2 CROSS_COMPILE="$triple-" all unit-build
	t_rc 0
	timing+=("build $(since "$t0")")
	if [ -x "$bin" ]; then
		case $arch in
		arm64) t_eq AArch64 "$(elf_field "$bin" Machine)" "ELF machine" ;;
		armhf)
			t_eq ARM "$(elf_field "$bin" Machine)" "ELF machine"
			t_contains "hard-float ABI" "$(elf_field "$bin" Flags)" "ELF flags"
			;;
		esac
		t_match '^EXEC' "$(elf_field "$bin" Type)" "ELF type (static, not PIE)"
		if readelf -l "$bin" | grep -q INTERP; then t_fail "$bin is dynamically linked"; fi
		if readelf -S "$bin" | grep -q '\.symtab'; then t_fail "$bin is not stripped"; fi
		SIZE[$arch]=$(stat -c %s "$bin")
		# The static libraries saw the target's kernel headers.
		gnu=$(readlink "$T_TOP/build/deps-$triple/khdrs/asm")
		t_match "^/usr/${triple%%-*}[^/]*-linux-gnu[a-z]*/include/asm\$" "$gnu" "build/deps-$triple/khdrs/asm"
	else
		t_fail "no $bin after make: $(t_short "$ERR")"
	fi

	# The pure code on a 32-bit or other 64-bit target (sizes, durations,
	# limits, names): qemu-user runs static binaries without binfmt.
	t_begin "$arch: the unit tests of the cross build pass under $qemu_user"
	need_pkg qemu-user
	units=("$tree"/build/unit/test_*)
	[ -x "${units[0]}" ] || t_fail "no unit tests in $tree/build/unit"
	for u in "${units[@]}"; do
		[ -x "$u" ] || continue
		T_TIMEOUT=300 c_capture "$qemu_user" "$u"
		t_rc 0 || t_fail "${u##*/}: $(t_short "$(tail -n 5 "$T_DIR/out")")"
		t_match '^[0-9]+ passed, 0 failed$' "$(tail -n 1 <<<"$OUT")" "${u##*/} summary"
	done

	vm_use_arch "$arch"
	ROOT=
	if [ -x "$bin" ]; then
		ROOT=$(vm_rootfs) || ROOT=
	fi
	marker=$(vm_file host-marker <<<"initramfs only")

	# boot_with NAME INI [SRC:DEST...]: cella as /init (and /sbin/cella),
	# INI as /etc/cella/init.ini, the rootfs of this architecture at
	# /srv/rootfs, and any more files.
	boot_with() {
		[ -n "$ROOT" ] || { t_fail "no cella or rootfs for $arch: not booted"; return 1; }
		vm_initramfs "$arch-$1" "$bin" "$2:/etc/cella/init.ini" "$ROOT:/srv/rootfs" \
			"$bin:/sbin/cella" "$marker:/host-marker" "${@:3}" || return 1
		t0=$(secs)
		vm_boot "$arch-$1"
		timing+=("boot $1 $(since "$t0")")
	}

	t_begin "$arch boot: isolated workload, restart, ramdisk root (MS_MOVE + chroot), exit -> poweroff"
	ini=$(vm_file init.ini <<EOF
[container]
name = app
hostname = cella-$arch
[root]
path = /srv/rootfs
readonly = yes
[process]
exec = /bin/sh -c 'n=\$(cat /mnt/runs 2>/dev/null || echo 0); n=\$((n + 1)); echo \$n >/mnt/runs; echo "app: run \$n pid \$\$ host \$(hostname) arch \$(uname -m)"; echo "app: \$(touch /probe 2>&1 || :)"; grep -E "^Cap(Bnd|Eff)" /proc/self/status; echo "app: sysc \$(/usr/bin/sysc all | tr "\n" " ")"; echo "app: \$(/usr/bin/sysc threads)"; if [ -x /usr/bin/sysc-arm32 ]; then /usr/bin/sysc-arm32 threads; echo "app: arm32 status \$?"; fi; cd /tmp && /usr/bin/escape /host-marker; [ \$n -ge 2 ]'
[mounts]
tmpfs = /tmp
# the run counter: the initramfs's /mnt, writable under the read-only root
bind = /mnt /mnt
[supervisor]
restart = on-failure
restart-delay = 100ms
log = stderr
EOF
)
	# On aarch64 a 32-bit arm program (the armhf build of sysc, run by the
	# kernel's compat layer) is another architecture: its first call kills it.
	extra=()
	if [ "$arch" = arm64 ] && armbin=$("$T_TOP/scripts/cross-toolchain.sh" arm-linux-musleabihf) &&
		"$armbin/arm-linux-musleabihf-gcc" -static -Os -o "$T_DIR/sysc-arm32" "$T_TOP/tests/helpers/sysc.c"; then
		extra=("$T_DIR/sysc-arm32:/srv/rootfs/usr/bin/sysc-arm32")
	fi
	if boot_with isolation "$ini" "${extra[@]}"; then
		vm_expect_end poweroff
		[ "$arch" != arm64 ] || vm_expect_in_order "$VM_LOG" "app: arm32 status 159"
		vm_expect_in_order "$VM_LOG" \
			"root is a ramdisk: entering /srv/rootfs with MS_MOVE + chroot" \
			"app: run 1 pid 2 host cella-$arch arch $uname_m" \
			"app: touch: /probe: Read-only file system" \
			"CapEff:	00000000800005fb" "CapBnd:	00000000800005fb" \
			"chroot: EPERM" "host: invisible" \
			"restart 1 in 100 ms (the last run ended with status 1)" \
			"app: run 2 pid 2 host cella-$arch" "host: invisible" \
			"the workload ended with status 0: poweroff" "reboot: Power down"
		vm_expect_count "$VM_LOG" 2 "app: run "
		# [seccomp]: every call of the default profile this architecture
		# has fails with EPERM (clone3 with ENOSYS); threads and fork work.
		vm_expect_in_order "$VM_LOG" "app: threads=ok"
		sysc=$(grep -m 1 -o 'app: sysc .*' "$VM_LOG")
		t_match ' mount=1 .* clone=1 clone3=38 ' "$sysc " "the default profile's calls on $arch"
		t_nomatch '=([02-9]|1[0-9])' "${sysc//clone3=38/}" "a call of the profile not denied on $arch"
		vm_expect_absent "$VM_LOG" "host: VISIBLE" "chroot: ok" "mount: ok" "unshare: ok"
		no_panic
	fi

	t_begin "$arch boot: uid, gid and groups above 65535 set exactly; SIGTERM to PID 1 -> reboot"
	ini=$(vm_file init.ini <<'EOF'
[root]
path = /srv/rootfs
[namespaces]
pid = no
[process]
user = 100000:100001
groups = 1000 2000 70000
exec = /bin/sh -c 'trap "echo app: got TERM; exit 0" TERM; echo "app: $(id)"; echo "app: asking PID 1 to stop"; kill -TERM 1; while :; do sleep 1; done'
[supervisor]
log = stderr
EOF
)
	if boot_with sigterm "$ini"; then
		vm_expect_end reboot
		vm_expect_in_order "$VM_LOG" \
			"app: uid=100000 gid=100001 groups=1000(app),2000(extra),70000" \
			"app: asking PID 1 to stop" "app: got TERM" "reboot: stopping all processes" \
			"reboot: Restarting system"
		no_panic
	fi

	t_end
	echo "# cross: $arch: ${timing[*]}; kernel $(sed -n 's/^\(linux-image-[^ ]*\) \(.*\)/\1 \2/p' "$VM_DIR/kernel-package" 2>/dev/null)"
done

# The SPEC's own example: Debian's gnu cross compiler, glibc, static (with
# NSS warnings from libcap-ng's passwd lookups); built, not booted.
t_begin "make CROSS_COMPILE=aarch64-linux-gnu- builds a static glibc cella (Debian's packages installed by the Makefile)"
tree=$T_TOP/build/cross/aarch64-linux-gnu
copy_tree "$tree" aarch64-linux-gnu
rm -f "$tree/build/cella"
T_TIMEOUT=900 c_capture env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
	make -C "$tree" -s -j2 CROSS_COMPILE=aarch64-linux-gnu-
t_rc 0
if [ -x "$tree/build/cella" ]; then
	t_eq AArch64 "$(elf_field "$tree/build/cella" Machine)" "ELF machine"
	if readelf -l "$tree/build/cella" | grep -q INTERP; then t_fail "dynamically linked"; fi
	SIZE[glibc]=$(stat -c %s "$tree/build/cella")
else
	t_fail "no $tree/build/cella after make"
fi
t_end

native=
if [ "$(elf_field "$CELLA" Machine)" = "Advanced Micro Devices X86-64" ]; then
	native=$(stat -c %s "$CELLA")
fi
echo "# size: x86_64 ${native:-?} aarch64 ${SIZE[arm64]:-?} armhf ${SIZE[armhf]:-?} (bytes; static musl, stripped, defconfig; aarch64 with glibc ${SIZE[glibc]:-?})"
