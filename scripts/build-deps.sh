#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# build-deps.sh OUTDIR: a static build of libcap-ng from its pinned Debian
# source package (scripts/deps.pins), for the static build with DEPS=build,
# because Debian ships no musl build of it and its glibc .a does not link
# with musl. (inih is not built here: cella's own build compiles its ini.c,
# see scripts/inih-src.sh.)
#
# Result: OUTDIR/include/cap-ng.h, OUTDIR/lib/libcap-ng.a and OUTDIR/khdrs
# (kernel headers for musl-gcc; cap-ng.h needs them too). The tarball is
# checked against its pinned sum and cached in DEPS_SRCDIR
# (scripts/fetch-deps.sh, apt only where scripts/apt-allowed.sh allows it);
# once the library is built with the same settings, a second run does
# nothing.
#
# Environment (the Makefile passes these):
#   CC            compiler (default: ${CROSS_COMPILE}gcc when CROSS_COMPILE is
#                 set, else musl-gcc)
#   CROSS_COMPILE toolchain prefix, e.g. aarch64-linux-musl-
#   AR            archiver (default: ${CROSS_COMPILE}ar)
#   DEPS_CFLAGS   optimisation flags (default: -Os -ffunction-sections -fdata-sections
#                 -fno-asynchronous-unwind-tables -fno-unwind-tables)
#   DEPS_SRCDIR   the source tarballs (default: OUTDIR/src)
#   NO_APT        1: never run apt (see scripts/apt-allowed.sh)
set -euo pipefail

die() { echo "build-deps: $*" >&2; exit 1; }
say() { echo "  DEPS    $*"; }

[ $# -eq 1 ] || die "usage: $0 OUTDIR"
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=deps.pins
. "$here/deps.pins"
mkdir -p "$1"
out=$(cd "$1" && pwd)

CROSS_COMPILE=${CROSS_COMPILE:-}
if [ -z "${CC:-}" ]; then
	if [ -n "$CROSS_COMPILE" ]; then CC=${CROSS_COMPILE}gcc; else CC=musl-gcc; fi
fi
AR=${AR:-${CROSS_COMPILE}ar}
DEPS_CFLAGS=${DEPS_CFLAGS:--Os -ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables -fno-unwind-tables}
DEPS_SRCDIR=${DEPS_SRCDIR:-$out/src}

if [ "$CC" = musl-gcc ]; then
	"$here/ensure-packages.sh" musl-tools gcc make
fi
for t in "${CC%% *}" "${AR%% *}" make tar; do
	command -v "$t" >/dev/null || die "missing tool: $t"
done

# Everything that changes the result; a run with the same stamp does nothing.
stamp=$(printf '%s\n' \
	"capng $CAPNG_VER $CAPNG_SHA256" \
	"CC=$CC ($($CC -dumpmachine) $($CC -dumpversion))" "AR=$AR" \
	"DEPS_CFLAGS=$DEPS_CFLAGS" \
	"script=$(sha256sum < "$0" | cut -d' ' -f1)")
results=("$out/lib/libcap-ng.a" "$out/include/cap-ng.h")
uptodate=1
for f in "${results[@]}" "$out/khdrs/linux" "$out/stamp"; do
	[ -e "$f" ] || uptodate=0
done
if [ "$uptodate" = 1 ] && [ "$stamp" = "$(cat "$out/stamp")" ]; then
	# make asked because a prerequisite is newer (the script or "want" file
	# was touched without a change that matters): mark the library current.
	touch "$out/lib/libcap-ng.a"
	exit 0
fi

# --- kernel headers ---------------------------------------------------------
# musl-gcc does not look in /usr/include, and libcap-ng's configure (and
# cap-ng.h) need <linux/capability.h>: a directory of symlinks to just the
# kernel headers, passed with -isystem.
triplet=$($CC -dumpmachine)
gnu=${triplet/-musl/-gnu}        # aarch64-linux-musl -> aarch64-linux-gnu
build=$(gcc -dumpmachine 2>/dev/null || true)
# A cross target's headers come from Debian's linux-libc-dev-ARCH-cross
# (/usr/GNU/include: linux, asm and asm-generic of that architecture); the
# host's own from linux-libc-dev (/usr/include, asm in /usr/include/GNU).
kinc=
if [ "$gnu" != "$build" ]; then
	case $gnu in
	aarch64-linux-gnu) kpkg="linux-libc-dev-arm64-cross" ;;
	arm-linux-gnueabihf) kpkg="linux-libc-dev-armhf-cross" ;;
	arm-linux-gnueabi) kpkg="linux-libc-dev-armel-cross" ;;
	riscv64-linux-gnu) kpkg="linux-libc-dev-riscv64-cross" ;;
	*) kpkg= ;;
	esac
	[ -d "/usr/$gnu/include/asm" ] || [ -z "$kpkg" ] || "$here/ensure-packages.sh" "$kpkg"
	[ -d "/usr/$gnu/include/asm" ] && kinc=/usr/$gnu/include
elif [ ! -d "/usr/include/$gnu/asm" ]; then
	"$here/ensure-packages.sh" linux-libc-dev
fi
if [ -n "$kinc" ]; then
	linux=$kinc/linux asmgen=$kinc/asm-generic asm=$kinc/asm
else
	linux=/usr/include/linux asmgen=/usr/include/asm-generic asm=/usr/include/$gnu/asm
fi
if [ ! -d "$asm" ] || [ ! -d "$linux" ]; then
	die "no kernel headers for $gnu (looked in /usr/$gnu/include and /usr/include/$gnu/asm; install linux-libc-dev for that architecture, or linux-libc-dev-ARCH-cross)"
fi
khdrs=$out/khdrs
rm -rf "$khdrs"
mkdir -p "$khdrs"
ln -s "$linux" "$khdrs/linux"
ln -s "$asmgen" "$khdrs/asm-generic"
ln -s "$asm" "$khdrs/asm"

# --- source -----------------------------------------------------------------
"$here/fetch-deps.sh" "$DEPS_SRCDIR" capng ||
	die "no libcap-ng source (or link the toolchain's libcap-ng instead: make DEPS=system)"

# --- build ------------------------------------------------------------------
work=$(mktemp -d "$out/work.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$out/lib" "$out/include"
# libinih.a and ini.h of older versions of this script: nothing may use them.
rm -f "$out/stamp" "$out/lib/libinih.a" "$out/include/ini.h"

say "libcap-ng $CAPNG_VER (configure)"
tar -xzf "$DEPS_SRCDIR/$CAPNG_TAR" -C "$work"
capng=$work/libcap-ng-$CAPNG_VER
host=()
[ "$gnu" = "$build" ] || host=(--host="$gnu")
log=$work/capng.log
# -Dconstructor=unused: cap-ng.c's init_lib() is a library constructor that
# probes the kernel (cap_last_cap, four prctls) at every start of cella,
# also for commands that never touch a capability; without the attribute it
# runs on libcap-ng's first use instead (cap-ng.c's init() calls it "so
# static libs get initialized").
(cd "$capng" && ./configure CC="$CC" AR="$AR" CFLAGS="$DEPS_CFLAGS" \
	CPPFLAGS="-isystem $khdrs -Dconstructor=unused" "${host[@]}" \
	--enable-static --disable-shared --without-python --without-python3) > "$log" 2>&1 ||
	{ tail -n 30 "$log" >&2; die "libcap-ng configure failed (log above)"; }
say "libcap-ng $CAPNG_VER (make)"
make -C "$capng/src" -j"$(nproc)" > "$log" 2>&1 ||
	{ tail -n 30 "$log" >&2; die "libcap-ng build failed (log above)"; }
cp "$capng/src/.libs/libcap-ng.a" "$out/lib/libcap-ng.a"
cp "$capng/src/cap-ng.h" "$out/include/cap-ng.h"

printf '%s\n' "$stamp" > "$out/stamp"
say "done: $out/lib/libcap-ng.a"
