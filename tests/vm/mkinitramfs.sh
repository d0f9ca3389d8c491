#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# tests/vm/mkinitramfs.sh OUT INIT [SRC:DEST]...: a newc initramfs for the
# boot tests, gzipped (-1) when OUT ends in .gz. Uncompressed boots faster
# without KVM (the kernel's gunzip of a 4 MB archive costs up to 0.5 s).
#
#   /init           INIT (a static binary, or a script run by /bin/sh)
#   /bin/busybox    Debian's busybox-static ($VM_BUSYBOX, default the host's
#                   /bin/busybox; for another architecture's, the host's
#                   gives the applet list), a symlink for every applet
#                   (sh, mount, poweroff, ...) in /bin, /sbin, /usr/bin, /usr/sbin
#   /dev /proc /sys /run /tmp /etc /root /mnt   empty (/dev/console comes
#                   from the kernel's built-in initramfs)
#   DEST            a copy of SRC for each SRC:DEST (a file, or a directory
#                   copied whole: e.g. build/rootfs:/srv/rootfs for a container
#                   root inside the initramfs). DEST's parents are created.
#
# Owner root everywhere (cpio -R 0:0); modes are kept.
set -eu

usage() { echo "usage: $0 OUT[.gz] INIT [SRC:DEST]..." >&2; exit 2; }
[ $# -ge 2 ] || usage
out=$1 init=$2
shift 2
die() { echo "mkinitramfs: $*" >&2; exit 1; }
[ -f "$init" ] || die "$init: no such file"
# There is no libc in the initramfs: a dynamic INIT ends in a kernel panic.
if readelf -l "$init" 2>/dev/null | grep -q INTERP; then
	die "$init is dynamically linked; /init must be static"
fi
busybox=${VM_BUSYBOX:-/bin/busybox}
[ -x "$busybox" ] || die "$busybox missing (apt-get install busybox-static)"

mkdir -p "$(dirname "$out")"
tmp=$(mktemp -d "$(dirname "$out")/.initramfs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,dev,proc,sys,run,tmp,etc,root,mnt}
chmod 1777 "$root/tmp"
install -m 0755 "$init" "$root/init"
install -m 0755 "$busybox" "$root/bin/busybox"
# One process instead of ~400 ln: busybox links its applets into the root.
# One of another architecture cannot run here: the host's busybox-static
# (the same Debian version) names the applets.
if chroot "$root" /bin/busybox true 2>/dev/null; then
	chroot "$root" /bin/busybox --install -s || die "busybox --install (needs root)"
else
	[ -x /bin/busybox ] || die "/bin/busybox missing: the applet list of $busybox comes from it"
	/bin/busybox --list-full | while read -r applet; do
		[ -e "$root/$applet" ] || [ -L "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
	done
fi
rm -f "$root/linuxrc"
echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
echo 'root:x:0:' >"$root/etc/group"

for arg in "$@"; do
	src=${arg%%:*} dest=${arg#*:}
	case $arg in *:/*) ;; *) die "'$arg': want SRC:/DEST" ;; esac
	[ -e "$src" ] || die "$src: no such file or directory"
	mkdir -p "$root$(dirname "$dest")"
	rm -rf "${root:?}$dest"
	cp -a "$src" "$root$dest"
done

archive() { (cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet); }
case $out in
*.gz) archive | gzip -1 >"$tmp/out" ;;
*) archive >"$tmp/out" ;;
esac
mv -f "$tmp/out" "$out"
