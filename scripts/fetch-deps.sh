#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# fetch-deps.sh SRCDIR NAME...: make sure the pinned source tarball of each
# NAME (inih, capng; pins in scripts/deps.pins) is in SRCDIR with its pinned
# sha256. A missing one is downloaded from Debian's archive with apt-get
# source through a private apt setup that leaves the system's apt alone (the
# sources list, indexes and cache live in SRCDIR/../apt), but only where
# scripts/apt-allowed.sh allows apt; elsewhere (NO_APT=1, a normal user, not
# Debian) a missing tarball is an error that says where to get it.
set -euo pipefail

die() { echo "fetch-deps: $*" >&2; exit 1; }
say() { echo "  FETCH   $*"; }

[ $# -ge 2 ] || die "usage: $0 SRCDIR inih|capng..."
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=deps.pins
. "$here/deps.pins"
mkdir -p "$1"
src=$(cd "$1" && pwd)
shift

sum_ok() { # FILE SHA256
	[ -f "$1" ] && [ "$(sha256sum <"$1" | cut -d' ' -f1)" = "$2" ]
}

# NAME -> tarball, sha256, apt source, pool directory
tars=() sums=() debsrcs=() pools=()
for name in "$@"; do
	case $name in
	inih) tars+=("$INIH_TAR") sums+=("$INIH_SHA256") debsrcs+=("$INIH_DEBSRC") pools+=(libi/libinih) ;;
	capng) tars+=("$CAPNG_TAR") sums+=("$CAPNG_SHA256") debsrcs+=("$CAPNG_DEBSRC") pools+=(libc/libcap-ng) ;;
	*) die "unknown source '$name' (inih, capng)" ;;
	esac
done

# One fetch at a time per cache: make -j runs the rules that need inih and
# libcap-ng at once, and apt locks its private index; the second one then
# finds what the first fetched.
mkdir -p "$src"
exec 9>"$src/.fetch.lock"
flock 9

need=()
for i in "${!tars[@]}"; do
	sum_ok "$src/${tars[i]}" "${sums[i]}" && continue
	if [ -e "$src/${tars[i]}" ]; then
		mv "$src/${tars[i]}" "$src/${tars[i]}.bad"
		say "${tars[i]} has the wrong sha256 (moved to ${tars[i]}.bad)"
	fi
	need+=("$i")
done
[ ${#need[@]} -gt 0 ] || exit 0

if ! "$here/apt-allowed.sh"; then
	for i in "${need[@]}"; do
		echo "fetch-deps: missing source ${tars[i]} (sha256 ${sums[i]}) in $src;" \
			"apt is not used with NO_APT=1, as a normal user or off Debian:" \
			"put it there (it is $DEBIAN_MIRROR/pool/main/${pools[i]}/${tars[i]})" >&2
		[ "${tars[i]}" != "$INIH_TAR" ] ||
			echo "fetch-deps: or give make INIH_SRC=DIR (inih $INIH_VER's ini.c and ini.h) or INIH_SRC=$INIH_TAR" >&2
	done
	exit 1
fi

# Debian's source packages through a private deb-src index
# (scripts/apt-private.sh: the system's apt is left alone), fetched into a
# scratch directory and checked there before they enter SRCDIR.
apt=$(dirname "$src")/apt
dl=$(mktemp -d "${TMPDIR:-/tmp}/cella-deps.XXXXXX")
# The indexes (about 40 MB) go too: stale by the next fetch anyway.
trap 'rm -rf "$dl"; "$here/apt-private.sh" "$apt" src forget' EXIT
pkgs=()
for i in "${need[@]}"; do pkgs+=("${debsrcs[i]}"); done
say "apt-get source --download-only ${pkgs[*]}"
CELLA_DEBIAN_MIRROR=$DEBIAN_MIRROR "$here/apt-private.sh" "$apt" src source "$dl" "${pkgs[@]}" >/dev/null ||
	die "apt-get source failed"
for i in "${need[@]}"; do
	f=${tars[i]}
	[ -f "$dl/$f" ] || die "apt-get source did not fetch $f (has the package version changed in Debian?)"
	if ! sum_ok "$dl/$f" "${sums[i]}"; then
		mv "$dl/$f" "$src/$f.bad"
		die "sha256 mismatch for $f: expected ${sums[i]}, got $(sha256sum <"$src/$f.bad" | cut -d' ' -f1) (moved to $src/$f.bad; refusing to build from an unverified tarball)"
	fi
	mv "$dl/$f" "$src/$f"
done
