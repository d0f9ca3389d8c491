#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/vm/fetch-kernel.sh [OUTDIR]: what the boot tests need on the host, and
# Debian's kernel for the architecture VM_ARCH (default amd64; arm64, armhf),
# cached in OUTDIR (default build/vm, and build/vm/ARCH for the others).
#
# amd64: qemu-system-x86, cpio and busybox-static (through
# scripts/ensure-packages.sh), and the kernel of linux-image-amd64 from the
# system's apt:
#
#   OUTDIR/vmlinuz         the bzImage
#   OUTDIR/vmlinux         the same kernel uncompressed, an ELF with a PVH
#                          entry: qemu starts it directly, which skips the
#                          xz decompression (about 2.5 s of a 4.5 s boot
#                          without KVM). boot.sh prefers it.
#   OUTDIR/kernel-package  the package's name
#
# arm64, armhf: qemu-system-arm, cpio and busybox-static; the kernel of
# linux-image-arm64 / linux-image-armmp and that architecture's
# busybox-static, downloaded through a private apt index of that
# architecture (scripts/apt-private.sh; the system's apt is not touched):
#
#   OUTDIR/vmlinuz          the kernel (arm64: gzipped Image; armhf: zImage)
#   OUTDIR/busybox          static busybox for the initramfs and the rootfs
#   OUTDIR/kernel-package   "PACKAGE VERSION" of each, a line each
#
# The kernel is the one the metapackage depends on at the first run;
# VM_KERNEL_PACKAGE=linux-image-6.1.0-NN-arm64 (or PACKAGE=VERSION) pins
# another. Cached: a second run touches neither apt nor the network; delete
# OUTDIR/vmlinuz to fetch a newer kernel.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
arch=${VM_ARCH:-amd64}
die() { echo "fetch-kernel: $*" >&2; exit 1; }
case $arch in
amd64) qemu=qemu-system-x86 meta=linux-image-amd64 dflt=$top/build/vm ;;
arm64) qemu=qemu-system-arm meta=linux-image-arm64 dflt=$top/build/vm/arm64 ;;
armhf) qemu=qemu-system-arm meta=linux-image-armmp dflt=$top/build/vm/armhf ;;
*) die "VM_ARCH '$arch': want amd64, arm64 or armhf" ;;
esac
out=${1:-$dflt}

# The host's busybox-static also gives the applet list for a foreign one.
"$top/scripts/ensure-packages.sh" "$qemu" cpio busybox-static
mkdir -p "$out"
cd "$out"
tmp=
trap 'rm -rf "$tmp" vmlinux.tmp' EXIT

# --- a foreign architecture ----------------------------------------------------
if [ "$arch" != amd64 ]; then
	[ -s vmlinuz ] && [ -s busybox ] && [ -s kernel-package ] && exit 0
	apt=$top/build/vm/apt
	tmp=$(mktemp -d "$out/.fetch.XXXXXX")
	pkg=${VM_KERNEL_PACKAGE:-}
	if [ -z "$pkg" ]; then
		pkg=$("$top/scripts/apt-private.sh" "$apt" "$arch" depends "$meta" |
			grep -m 1 -x "linux-image-[0-9].*") || die "the $arch index has no $meta"
	fi
	"$top/scripts/apt-private.sh" "$apt" "$arch" download "$tmp" "$pkg" busybox-static
	"$top/scripts/apt-private.sh" "$apt" "$arch" forget
	: >"$tmp/packages"
	for deb in "$tmp"/*.deb; do
		dpkg-deb -x "$deb" "$tmp/x"
		echo "$(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)" >>"$tmp/packages"
	done
	cp "$tmp"/x/boot/vmlinuz-* "$tmp/vmlinuz"
	cp "$tmp/x/bin/busybox" "$tmp/busybox"
	chmod 0755 "$tmp/busybox"
	mv -f "$tmp/vmlinuz" vmlinuz
	mv -f "$tmp/busybox" busybox
	mv -f "$tmp/packages" kernel-package
	echo "fetch-kernel: $out/vmlinuz and busybox from: $(tr '\n' ' ' <kernel-package)" >&2
	exit 0
fi

# --- amd64 ---------------------------------------------------------------------
if [ ! -s vmlinuz ]; then
	# linux-image-amd64 is the metapackage; it depends on the versioned image.
	image() {
		apt-cache depends "$meta" 2>/dev/null |
			sed -n 's/^ *Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -n 1
	}
	pkg=${VM_KERNEL_PACKAGE:-$(image)}
	if [ -z "$pkg" ]; then
		apt-get update -q >&2
		pkg=$(image)
	fi
	[ -n "$pkg" ] || die "apt knows no $meta"
	tmp=$(mktemp -d "$out/.fetch.XXXXXX")
	chown _apt "$tmp" 2>/dev/null || : # apt-get download writes as _apt
	(cd "$tmp" && apt-get download -q "$pkg" >&2)
	dpkg -x "$tmp/${pkg%%=*}_"*.deb "$tmp/x"
	cp "$tmp"/x/boot/vmlinuz-* vmlinuz.tmp
	mv -f vmlinuz.tmp vmlinuz
	echo "${pkg%%=*}" >kernel-package
	echo "fetch-kernel: $out/vmlinuz from $pkg" >&2
fi

# Like the kernel's scripts/extract-vmlinux: decompress from each offset of
# the format's magic until the result is an ELF file.
unpack() {
	# shellcheck disable=SC2013 # one number a line
	for off in $(LC_ALL=C grep -obUaP "$1" vmlinuz | cut -d: -f1); do
		tail -c +$((off + 1)) vmlinuz | $2 >vmlinux.tmp 2>/dev/null || :
		readelf -h vmlinux.tmp >/dev/null 2>&1 && return 0
	done
	return 1
}
if [ ! -s vmlinux ]; then
	if unpack '\xfd7zXZ\x00' 'xz -dc --single-stream' ||
		unpack '\x1f\x8b\x08' 'gzip -dc'; then
		if readelf -n vmlinux.tmp | grep -q 'Unknown note type: (0x00000012)'; then
			mv -f vmlinux.tmp vmlinux
		else
			echo "fetch-kernel: the kernel has no PVH entry; boot.sh uses vmlinuz" >&2
		fi
	else
		echo "fetch-kernel: could not decompress vmlinuz; boot.sh uses it as is" >&2
	fi
fi
