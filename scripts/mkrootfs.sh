#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# mkrootfs.sh DIR: a small real root filesystem from Debian's busybox-static,
# plus the static test helpers of tests/helpers, for the tests, `make demo`
# and the benchmark.
#
# DIR/bin/busybox and a symlink for every applet, the usual directories (and
# an empty /mnt the tests bind into), an /etc/passwd with root and app (1000),
# an /etc/group with root, app and extra (2000, app is a member),
# /etc/hostname ("cella-rootfs"). Helpers are built with
# `musl-gcc -static -Os` into DIR/usr/bin. A stamp file makes a second run
# with nothing changed a no-op (but for emptying the mount-point directories).
#
# For another architecture (the boot tests of tests/integration/cross.sh):
# BUSYBOX=PATH, a static busybox of that architecture (its applet list comes
# from the host's busybox-static when it cannot run here), and HELPER_CC, a
# compiler for it (e.g. aarch64-linux-musl-gcc of scripts/cross-toolchain.sh);
# a helper that does not build with it is left out.
set -eu

usage() { echo "usage: $0 DIR" >&2; exit 2; }
if [ $# -ne 1 ] || [ -z "$1" ]; then usage; fi

top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
dir=$(cd "$1" && pwd)
[ "$dir" != / ] || { echo "mkrootfs: refusing to build into /" >&2; exit 2; }
busybox=${BUSYBOX:-/bin/busybox}
helper_cc=${HELPER_CC:-musl-gcc}
stamp=$dir/.cella-rootfs-stamp

die() { echo "mkrootfs: $*" >&2; exit 1; }

# The packages come from ensure-packages.sh when the tree has it, else from
# apt-get directly.
need_packages() {
	if [ -x "$top/scripts/ensure-packages.sh" ]; then
		"$top/scripts/ensure-packages.sh" "$@"
		return
	fi
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii' ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return
	command -v apt-get >/dev/null || die "missing packages: ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "${missing[@]}" >&2
}

# Everything the result depends on: a changed input rebuilds.
fingerprint() {
	{
		# Contents only: the same file reached by another path is the same.
		for f in "$busybox" "$0" "$top"/tests/helpers/*; do
			[ -f "$f" ] && sha256sum <"$f"
		done
		command -v "$helper_cc"
	} 2>/dev/null | sha256sum | cut -d' ' -f1
}

need_packages busybox-static musl-tools
[ -x "$busybox" ] || die "$busybox missing after installing busybox-static"
# busybox-static and busybox both ship /bin/busybox; only a static one runs
# inside a root that has no libc.
if readelf -l "$busybox" 2>/dev/null | grep -q INTERP; then
	die "$busybox is dynamically linked (the busybox package replaced busybox-static?)"
fi

# The mount points must stay empty: a test of a broken build may have written
# into them (the root is writable by default). Cheap, so done every time.
scrub() {
	local d
	for d in proc sys dev mnt tmp run; do
		[ -d "$dir/$d" ] || continue
		mountpoint -q "$dir/$d" && continue
		find "$dir/$d" -mindepth 1 -maxdepth 1 -xdev -exec rm -rf --one-file-system {} +
	done
}
scrub

want=$(fingerprint)
if [ -f "$stamp" ] && [ -x "$dir/bin/busybox" ] &&
	[ "$(cat "$stamp")" = "$want" ]; then
	exit 0
fi

cd "$dir"

for d in bin sbin usr/bin usr/sbin proc dev sys tmp run etc root home/app \
	var/empty mnt; do
	mkdir -p "$d"
done
chmod 1777 tmp
chmod 0700 root
chown 1000:1000 home/app

install -m 0755 "$busybox" bin/busybox
# Absolute links: they resolve to the busybox of this root once it is '/'.
while read -r applet; do
	case "$applet" in
	bin/busybox | "") continue ;;
	esac
	[ -d "${applet%/*}" ] || mkdir -p "${applet%/*}"
	[ -L "$applet" ] || ln -sfn /bin/busybox "$applet"
done < <("$busybox" --list-full 2>/dev/null || /bin/busybox --list-full)

cat >etc/passwd <<'EOF'
root:x:0:0:root:/root:/bin/sh
app:x:1000:1000:app:/home/app:/bin/sh
EOF
cat >etc/group <<'EOF'
root:x:0:
app:x:1000:
extra:x:2000:app
EOF
echo cella-rootfs >etc/hostname
chmod 0644 etc/passwd etc/group etc/hostname

for src in "$top"/tests/helpers/*.c; do
	[ -f "$src" ] || continue
	name=$(basename "$src" .c)
	if [ -z "${HELPER_CC:-}" ]; then
		musl-gcc -static -Os -Wall -Wextra -o "usr/bin/$name.tmp" "$src" ||
			die "building helper $name failed"
	elif ! "$helper_cc" -static -Os -Wall -Wextra -o "usr/bin/$name.tmp" "$src" 2>"usr/bin/$name.err"; then
		# Some helpers are for the host tests only (burn names x86_64's
		# system calls): another architecture's rootfs goes without them.
		echo "mkrootfs: helper $name does not build with $helper_cc: left out ($(grep -m 1 'error:' "usr/bin/$name.err"))" >&2
		rm -f "usr/bin/$name.tmp" "usr/bin/$name.err"
		continue
	fi
	rm -f "usr/bin/$name.err"
	mv -f "usr/bin/$name.tmp" "usr/bin/$name"
done

echo "$want" >"$stamp"
echo "mkrootfs: $dir ready" >&2
