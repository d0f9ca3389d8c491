#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# cross-toolchain.sh [--if-known] TARGET [OUTDIR]: a musl cross compiler for
# TARGET, assembled from Debian's gnu cross gcc and musl 1.2.3 built from
# Debian's pinned source package; prints the directory of its programs (and
# nothing else on stdout), so that
#
#   PATH=$(scripts/cross-toolchain.sh aarch64-linux-musl):$PATH
#   make CROSS_COMPILE=aarch64-linux-musl-
#
# builds a static cella for aarch64 (the Makefile does the first line itself
# when CROSS_COMPILE names a TARGET below and its gcc is not on PATH).
#
# TARGET   aarch64-linux-musl (alias aarch64, arm64) or arm-linux-musleabihf
#          (alias armhf, arm); a CROSS_COMPILE prefix (with the trailing '-'
#          and a directory in front) is accepted too
# OUTDIR   default build/deps-TRIPLE/toolchain, next to the static libraries
#          of that target, so that `make clean` keeps it
# --if-known  the Makefile's call, for every CROSS_COMPILE: print nothing
#          and exit 0 for an unknown TARGET, a prefix with a directory, or
#          when another TARGET-gcc is on PATH already
#
# aarch64-linux-gnu and arm-linux-gnueabihf (glibc) are known too: their
# Debian packages, libc6-dev-ARCH-cross included, are installed and the
# directory of the gnu gcc printed (nothing with --if-known).
# --list   the known targets: TRIPLE DEBIAN-ARCH GNU-TRIPLE QEMU-ARCH, a line each
#
# OUTDIR/bin holds TRIPLE-gcc (a wrapper: the gnu cross gcc with
# OUTDIR/lib/musl-gcc.specs, like Debian's musl-gcc) and TRIPLE-ar, -ranlib,
# -strip, -nm, -objcopy, -objdump, -readelf, -size, -ld, -as, ... (links to
# the gnu binutils). OUTDIR/include, OUTDIR/lib: musl's headers and static
# libc. The compiler sees no kernel headers, as musl-gcc does not:
# scripts/build-deps.sh makes build/deps-TRIPLE/khdrs for that.
#
# Debian packages (installed when missing): gcc-GNU-TRIPLE,
# linux-libc-dev-ARCH-cross. The musl source comes through a private apt
# index (scripts/apt-private.sh) and is checked against the sum below. Cold:
# about 30 s for aarch64, 2 min for armhf; then cached (a stamp of the
# inputs), and a second run only prints the directory.
set -euo pipefail

MUSL_SRC=musl/bookworm
MUSL_VER=1.2.3
MUSL_TAR=musl_1.2.3.orig.tar.gz
MUSL_SHA256=7d5b0b6062521e4627e099e4c9dc8248d32a30285e959b7eecaa780cf8cfd4a4

# TRIPLE            Debian arch  gnu triple            musl's name of the arch
TARGETS='
aarch64-linux-musl   arm64  aarch64-linux-gnu      aarch64
arm-linux-musleabihf armhf  arm-linux-gnueabihf    armhf
'
BINUTILS='addr2line ar as c++filt elfedit gprof ld nm objcopy objdump ranlib readelf size strings strip'

die() { echo "cross-toolchain: $*" >&2; exit 1; }
say() { echo "  CROSS   $*" >&2; }

if_known=0
case ${1:-} in
--list)
	printf '%s\n' "$TARGETS" | awk 'NF { print $1, $2, $3, ($1 ~ /^arm-/ ? "arm" : "aarch64") }'
	exit 0
	;;
--if-known) if_known=1; shift ;;
esac
if [ $# -lt 1 ] || [ $# -gt 2 ]; then die "usage: $0 [--if-known] TARGET [OUTDIR] | --list"; fi

want=${1##*/}
want=${want%-}
case $want in
aarch64 | arm64) want=aarch64-linux-musl ;;
arm | armhf) want=arm-linux-musleabihf ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")

# A gnu triple of the table: Debian's own cross compiler, glibc included
# (a static glibc build links, with NSS warnings, at about 860 KB). Nothing
# to build; the packages are installed, and its directory is printed
# (nothing with --if-known: it is on PATH already).
read -r triple debarch gnu muslarch < <(printf '%s\n' "$TARGETS" | awk -v t="$want" '$3 == t') || :
if [ -n "${triple:-}" ]; then
	"$here/ensure-packages.sh" "gcc-$gnu" "binutils-$gnu" "libc6-dev-$debarch-cross" \
		"linux-libc-dev-$debarch-cross" make >&2
	[ "$if_known" = 1 ] || dirname "$(command -v "$gnu-gcc")"
	exit 0
fi

read -r triple debarch gnu muslarch < <(printf '%s\n' "$TARGETS" | awk -v t="$want" '$1 == t') || :
# The Makefile asks for every CROSS_COMPILE: a prefix with a directory is
# the caller's own toolchain.
case $1 in */*) [ "$if_known" = 0 ] || exit 0 ;; esac
if [ -z "${triple:-}" ]; then
	[ "$if_known" = 0 ] || exit 0
	die "unknown target '$1' (known: $(printf '%s\n' "$TARGETS" | awk 'NF { printf "%s ", $1 }'))"
fi

out=${2:-$top/build/deps-$triple/toolchain}
mkdir -p "$out"
out=$(cd "$out" && pwd -P) # the stamp and the specs name the real path
bin=$out/bin

# Another TRIPLE-gcc on PATH (a toolchain of the caller's) wins.
if [ "$if_known" = 1 ] && p=$(command -v "$triple-gcc") && [ "$p" != "$bin/$triple-gcc" ]; then
	exit 0
fi

"$here/ensure-packages.sh" "gcc-$gnu" "binutils-$gnu" "linux-libc-dev-$debarch-cross" make >&2

# One build at a time per OUTDIR (make -j may ask twice).
exec 9>"$out/.lock"
flock 9

stamp=$(printf '%s\n' "musl $MUSL_VER $MUSL_SHA256" "out=$out" \
	"gcc=$("$gnu-gcc" -dumpfullversion 2>/dev/null || "$gnu-gcc" -dumpversion)" \
	"script=$(sha256sum <"$0" | cut -d' ' -f1)")
if [ -x "$bin/$triple-gcc" ] && [ -f "$out/stamp" ] && [ "$(cat "$out/stamp")" = "$stamp" ]; then
	echo "$bin"
	exit 0
fi
rm -f "$out/stamp"

# --- source -------------------------------------------------------------------
sum_ok() { [ -f "$1" ] && [ "$(sha256sum <"$1" | cut -d' ' -f1)" = "$MUSL_SHA256" ]; }
src=$out/src
mkdir -p "$src"
if ! sum_ok "$src/$MUSL_TAR"; then
	# Another target's toolchain may have it already.
	for f in "$top"/build/deps-*/toolchain/src/"$MUSL_TAR"; do
		if sum_ok "$f"; then cp "$f" "$src/$MUSL_TAR.tmp" && mv "$src/$MUSL_TAR.tmp" "$src/$MUSL_TAR"; break; fi
	done
fi
if ! sum_ok "$src/$MUSL_TAR"; then
	say "musl $MUSL_VER source ($MUSL_SRC)"
	apt=$out/apt
	dl=$(mktemp -d "$out/.src.XXXXXX")
	"$here/apt-private.sh" "$apt" src source "$dl" "$MUSL_SRC" >&2 ||
		{ rm -rf "$dl"; die "could not fetch the musl source"; }
	"$here/apt-private.sh" "$apt" src forget
	[ -f "$dl/$MUSL_TAR" ] || { rm -rf "$dl"; die "apt-get source did not fetch $MUSL_TAR (has the version changed in Debian?)"; }
	mv -f "$dl/$MUSL_TAR" "$src/$MUSL_TAR.new"
	rm -rf "$dl"
	if ! sum_ok "$src/$MUSL_TAR.new"; then
		mv -f "$src/$MUSL_TAR.new" "$src/$MUSL_TAR.bad"
		die "sha256 mismatch for $MUSL_TAR (kept as $src/$MUSL_TAR.bad; refusing to build from an unverified tarball)"
	fi
	mv -f "$src/$MUSL_TAR.new" "$src/$MUSL_TAR"
fi

# --- musl ---------------------------------------------------------------------
work=$(mktemp -d "$out/.work.XXXXXX")
trap 'rm -rf "$work"' EXIT
tar -xzf "$src/$MUSL_TAR" -C "$work"
m=$work/musl-$MUSL_VER
log=$work/build.log
# Nothing of the caller's build may leak into libc's (make passes these on).
unset CC CFLAGS CPPFLAGS LDFLAGS CROSS_COMPILE MAKEFLAGS MFLAGS MAKELEVEL
rm -rf "${out:?}/include" "${out:?}/lib" "${out:?}/bin"
say "musl $MUSL_VER for $triple (configure, make; a minute or two)"
(cd "$m" && ./configure --target="$gnu" CROSS_COMPILE="$gnu-" --prefix="$out" \
	--disable-shared --syslibdir="$out/lib") >"$log" 2>&1 ||
	{ tail -n 30 "$log" >&2; die "musl configure failed (log above)"; }
make -C "$m" -j"$(nproc)" install >"$log" 2>&1 ||
	{ tail -n 30 "$log" >&2; die "musl build failed (log above)"; }
rm -f "$out/bin/musl-gcc" # configure's wrapper for the host compiler, not ours

# --- the wrappers -------------------------------------------------------------
sh "$m/tools/musl-gcc.specs.sh" "$out/include" "$out/lib" "/lib/ld-musl-$muslarch.so.1" \
	>"$out/lib/musl-gcc.specs"
mkdir -p "$bin"
cat >"$bin/$triple-gcc" <<EOF
#!/bin/sh
# $gnu-gcc with musl $MUSL_VER (scripts/cross-toolchain.sh)
exec "\${REALGCC:-$gnu-gcc}" "\$@" -specs "$out/lib/musl-gcc.specs"
EOF
chmod 0755 "$bin/$triple-gcc"
ln -sfn "$triple-gcc" "$bin/$triple-cc"
for t in $BINUTILS; do
	p=$(command -v "$gnu-$t") || continue
	ln -sfn "$p" "$bin/$triple-$t"
done

# --- does it build a static program of that architecture? -------------------
printf '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n' >"$work/t.c"
"$bin/$triple-gcc" -static -Os -o "$work/t" "$work/t.c" ||
	die "the new $triple-gcc cannot build a static program"
case $("$bin/$triple-readelf" -h "$work/t" | sed -n 's/^ *Machine: *//p') in
AArch64) [ "$muslarch" = aarch64 ] ;;
ARM) [ "$muslarch" = armhf ] ;;
*) false ;;
esac || die "$triple-gcc built a program of the wrong architecture"
! "$bin/$triple-readelf" -l "$work/t" | grep -q INTERP || die "$triple-gcc -static built a dynamic program"

printf '%s\n' "$stamp" >"$out/stamp"
say "$bin/$triple-gcc ready"
echo "$bin"
