#!/bin/bash
# build-deps.sh OUTDIR: static musl builds of libcap-ng and inih from pinned
# Debian source packages, because Debian ships neither for musl and its glibc
# .a files do not link with musl.
#
# Result: OUTDIR/include/{cap-ng.h,ini.h}, OUTDIR/lib/{libcap-ng.a,libinih.a}
# and OUTDIR/khdrs (kernel headers for musl-gcc; cap-ng.h needs them too).
# The upstream tarballs are checked against the sums below and cached in
# OUTDIR/src; once the libraries are built with the same settings, a second
# run does nothing. The system's apt configuration is not touched: the sources
# list, indexes and cache live in OUTDIR/apt.
#
# Environment (the Makefile passes these):
#   CC            compiler (default: ${CROSS_COMPILE}gcc when CROSS_COMPILE is
#                 set, else musl-gcc)
#   CROSS_COMPILE toolchain prefix, e.g. aarch64-linux-musl-
#   AR            archiver (default: ${CROSS_COMPILE}ar)
#   DEPS_CFLAGS   optimisation flags (default: -Os -ffunction-sections -fdata-sections)
#   INIH_FLAGS    the -DINI_* flags; cella must be compiled with the same ones
#                 (default: the value of INIH_FLAGS in the Makefile)
set -euo pipefail

# Pins. libinih/bookworm (55) is gone from the archive and trixie's libcap-ng
# 0.8.5 tarball has no configure, hence the two suites.
CAPNG_SRC=libcap-ng/bookworm
CAPNG_VER=0.8.3
CAPNG_TAR=libcap-ng_0.8.3.orig.tar.gz
CAPNG_SHA256=bed6f6848e22bb2f83b5f764b2aef0ed393054e803a8e3a8711cb2a39e6b492d
INIH_SRC=libinih/trixie
INIH_VER=r59
INIH_TAR=libinih_59.orig.tar.gz
INIH_SHA256=062279922805f5e9a369551a08d5ddb506140fe50774183ffdbb7c22bb97e3f4
MIRROR=http://deb.debian.org/debian

die() { echo "build-deps: $*" >&2; exit 1; }
say() { echo "  DEPS    $*"; }

[ $# -eq 1 ] || die "usage: $0 OUTDIR"
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
mkdir -p "$1"
out=$(cd "$1" && pwd)

CROSS_COMPILE=${CROSS_COMPILE:-}
if [ -z "${CC:-}" ]; then
	if [ -n "$CROSS_COMPILE" ]; then CC=${CROSS_COMPILE}gcc; else CC=musl-gcc; fi
fi
AR=${AR:-${CROSS_COMPILE}ar}
DEPS_CFLAGS=${DEPS_CFLAGS:--Os -ffunction-sections -fdata-sections}
if [ -z "${INIH_FLAGS:-}" ]; then
	INIH_FLAGS=$(sed -n 's/^INIH_FLAGS[[:space:]]*[:?]*=[[:space:]]*//p' "$top/Makefile" 2>/dev/null || true)
	[ -n "$INIH_FLAGS" ] || die "INIH_FLAGS is not set and not found in $top/Makefile"
fi

if [ "$CC" = musl-gcc ]; then
	"$here/ensure-packages.sh" musl-tools gcc make
fi
command -v "${CC%% *}" >/dev/null || die "compiler not found: $CC"

# Everything that changes the result; a run with the same stamp does nothing.
stamp=$(printf '%s\n' \
	"capng $CAPNG_VER $CAPNG_SHA256" "inih $INIH_VER $INIH_SHA256" \
	"CC=$CC ($($CC -dumpmachine) $($CC -dumpversion))" "AR=$AR" \
	"DEPS_CFLAGS=$DEPS_CFLAGS" "INIH_FLAGS=$INIH_FLAGS" \
	"script=$(sha256sum < "$0" | cut -d' ' -f1)")
results=("$out/lib/libcap-ng.a" "$out/lib/libinih.a" "$out/include/cap-ng.h" "$out/include/ini.h")
uptodate=1
for f in "${results[@]}" "$out/khdrs/linux" "$out/stamp"; do
	[ -e "$f" ] || uptodate=0
done
if [ "$uptodate" = 1 ] && [ "$stamp" = "$(cat "$out/stamp")" ]; then
	# make asked because a prerequisite is newer (the script or "want" file
	# was touched without a change that matters): mark the libraries current.
	touch "$out/lib/libcap-ng.a" "$out/lib/libinih.a"
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

# --- sources ----------------------------------------------------------------
src=$out/src
mkdir -p "$src"

sum_ok() { # FILE SHA256
	[ -f "$1" ] && [ "$(sha256sum < "$1" | cut -d' ' -f1)" = "$2" ]
}

fetch() {
	local apt=$out/apt dl
	"$here/ensure-packages.sh" apt debian-archive-keyring gpgv
	mkdir -p "$apt/sources.list.d" "$apt/lists/partial" "$apt/cache/archives/partial"
	cat > "$apt/sources.list.d/cella-deb-src.sources" <<-EOF
	Types: deb-src
	URIs: $MIRROR
	Suites: bookworm trixie
	Components: main
	Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
	EOF
	local opts=(-q -o "Dir::Etc::SourceList=/dev/null"
		-o "Dir::Etc::SourceParts=$apt/sources.list.d"
		-o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache")
	say "apt-get update (private deb-src index in $apt)"
	apt-get "${opts[@]}" update >/dev/null
	# apt downloads as the unprivileged _apt user: give it a directory it can
	# write to, outside trees it may not be able to enter.
	dl=$(mktemp -d "${TMPDIR:-/tmp}/cella-deps.XXXXXX")
	if [ "$(id -u)" = 0 ] && id _apt >/dev/null 2>&1; then chown _apt "$dl"; fi
	say "apt-get source --download-only $CAPNG_SRC $INIH_SRC"
	(cd "$dl" && apt-get "${opts[@]}" source --download-only "$CAPNG_SRC" "$INIH_SRC" >/dev/null) ||
		{ rm -rf "$dl"; die "apt-get source failed"; }
	local f
	for f in "$CAPNG_TAR" "$INIH_TAR"; do
		[ -f "$dl/$f" ] || { rm -rf "$dl"; die "apt-get source did not fetch $f (has the package version changed in Debian?)"; }
		mv "$dl/$f" "$src/$f"
	done
	rm -rf "$dl"
	# The indexes (about 40 MB) are stale by the next fetch anyway.
	rm -rf "$apt/lists" "$apt/cache"
}

need_fetch=0
for pair in "$CAPNG_TAR:$CAPNG_SHA256" "$INIH_TAR:$INIH_SHA256"; do
	f=${pair%%:*}
	sum_ok "$src/$f" "${pair#*:}" && continue
	[ ! -e "$src/$f" ] || say "cached $f has the wrong sha256: fetching it again"
	need_fetch=1
done
[ "$need_fetch" = 0 ] || fetch
verify() { # TARBALL SHA256
	sum_ok "$src/$1" "$2" && return 0
	local got
	got=$(sha256sum < "$src/$1" | cut -d' ' -f1)
	mv "$src/$1" "$src/$1.bad"
	die "sha256 mismatch for $1: expected $2, got $got (moved to $src/$1.bad; refusing to build from an unverified tarball)"
}
verify "$CAPNG_TAR" "$CAPNG_SHA256"
verify "$INIH_TAR" "$INIH_SHA256"

# --- build ------------------------------------------------------------------
work=$(mktemp -d "$out/work.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$out/lib" "$out/include"
rm -f "$out/stamp"

say "inih $INIH_VER"
tar -xzf "$src/$INIH_TAR" -C "$work"
inih=$work/inih-$INIH_VER
# shellcheck disable=SC2086 # flags are word lists
$CC $DEPS_CFLAGS $INIH_FLAGS -c "$inih/ini.c" -o "$inih/ini.o"
rm -f "$out/lib/libinih.a"
$AR rcs "$out/lib/libinih.a" "$inih/ini.o"
cp "$inih/ini.h" "$out/include/ini.h"

say "libcap-ng $CAPNG_VER (configure)"
tar -xzf "$src/$CAPNG_TAR" -C "$work"
capng=$work/libcap-ng-$CAPNG_VER
host=()
[ "$gnu" = "$build" ] || host=(--host="$gnu")
log=$work/capng.log
(cd "$capng" && ./configure CC="$CC" AR="$AR" CFLAGS="$DEPS_CFLAGS" \
	CPPFLAGS="-isystem $khdrs" "${host[@]}" \
	--enable-static --disable-shared --without-python --without-python3) > "$log" 2>&1 ||
	{ tail -n 30 "$log" >&2; die "libcap-ng configure failed (log above)"; }
say "libcap-ng $CAPNG_VER (make)"
make -C "$capng/src" -j"$(nproc)" > "$log" 2>&1 ||
	{ tail -n 30 "$log" >&2; die "libcap-ng build failed (log above)"; }
cp "$capng/src/.libs/libcap-ng.a" "$out/lib/libcap-ng.a"
cp "$capng/src/cap-ng.h" "$out/include/cap-ng.h"

printf '%s\n' "$stamp" > "$out/stamp"
say "done: $out/lib/libcap-ng.a $out/lib/libinih.a"
