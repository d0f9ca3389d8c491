#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# tests/vm/fetch-kernel.sh [OUTDIR]: what the boot tests need on the host:
# qemu-system-x86, cpio and busybox-static (through scripts/ensure-packages.sh),
# and Debian's amd64 kernel from its package (default OUTDIR: build/vm):
#
#   OUTDIR/vmlinuz         the bzImage
#   OUTDIR/vmlinux         the same kernel uncompressed, an ELF with a PVH
#                          entry: qemu starts it directly, which skips the
#                          xz decompression (about 2.5 s of a 4.5 s boot
#                          without KVM). boot.sh prefers it.
#   OUTDIR/kernel-package  the package's name
#
# Cached: a second run touches neither apt nor the network.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$top/build/vm}
die() { echo "fetch-kernel: $*" >&2; exit 1; }

"$top/scripts/ensure-packages.sh" qemu-system-x86 cpio busybox-static
mkdir -p "$out"
cd "$out"
tmp=
trap 'rm -rf "$tmp" vmlinux.tmp' EXIT

if [ ! -s vmlinuz ]; then
	# linux-image-amd64 is the metapackage; it depends on the versioned image.
	image() {
		apt-cache depends linux-image-amd64 2>/dev/null |
			sed -n 's/^ *Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -n 1
	}
	pkg=$(image)
	if [ -z "$pkg" ]; then
		apt-get update -q >&2
		pkg=$(image)
	fi
	[ -n "$pkg" ] || die "apt knows no linux-image-amd64"
	tmp=$(mktemp -d "$out/.fetch.XXXXXX")
	chown _apt "$tmp" 2>/dev/null || : # apt-get download writes as _apt
	(cd "$tmp" && apt-get download -q "$pkg" >&2)
	dpkg -x "$tmp/${pkg}_"*.deb "$tmp/x"
	cp "$tmp"/x/boot/vmlinuz-* vmlinuz.tmp
	mv -f vmlinuz.tmp vmlinuz
	echo "$pkg" >kernel-package
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
