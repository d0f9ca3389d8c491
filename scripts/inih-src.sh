#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# inih-src.sh OUTDIR DEPS_SRCDIR [INIH_SRC]: put the pinned release of inih
# (scripts/deps.pins) into OUTDIR: ini.c, ini.h and its LICENSE.txt. cella's
# build compiles that ini.c itself with its own INI_* flags, in every build
# mode, so no system libinih (with other flags) ever changes what an INI file
# means.
#
# INIH_SRC (make's variable of that name) picks the source:
#   empty      the pinned tarball in DEPS_SRCDIR, fetched there first when
#              missing (scripts/fetch-deps.sh; apt only where allowed)
#   DIR        an unpacked copy, e.g. a package builder's second source;
#              its ini.c and ini.h must have the pinned sha256
#   FILE       the pinned tarball itself, checked against its sha256
set -euo pipefail

die() { echo "inih-src: $*" >&2; exit 1; }

[ $# -ge 2 ] && [ $# -le 3 ] || die "usage: $0 OUTDIR DEPS_SRCDIR [INIH_SRC]"
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=deps.pins
. "$here/deps.pins"
out=$1 srcdir=$2 given=${3:-}

sha() { sha256sum <"$1" | cut -d' ' -f1; }

mkdir -p "$out"
tmp=$(mktemp -d "$out/.new.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

untar() { # TARBALL
	local got
	got=$(sha "$1")
	[ "$got" = "$INIH_SHA256" ] ||
		die "$1 is not inih $INIH_VER's $INIH_TAR: sha256 $got, expected $INIH_SHA256"
	tar -xzf "$1" -C "$tmp" --strip-components=1 --wildcards \
		'*/ini.c' '*/ini.h' '*/LICENSE.txt'
}

if [ -z "$given" ]; then
	"$here/fetch-deps.sh" "$srcdir" inih
	untar "$srcdir/$INIH_TAR"
elif [ -d "$given" ]; then
	for f in ini.c:$INIH_C_SHA256 ini.h:$INIH_H_SHA256; do
		name=${f%%:*} want=${f#*:}
		[ -f "$given/$name" ] || die "INIH_SRC=$given has no $name"
		got=$(sha "$given/$name")
		[ "$got" = "$want" ] ||
			die "INIH_SRC=$given/$name is not inih $INIH_VER's: sha256 $got, expected $want (cella pins inih $INIH_VER, $INIH_TAR)"
		cp "$given/$name" "$tmp/$name"
	done
	if [ -f "$given/LICENSE.txt" ]; then cp "$given/LICENSE.txt" "$tmp/"; fi
elif [ -f "$given" ]; then
	untar "$given"
else
	die "INIH_SRC=$given: no such directory or file"
fi

for f in "$tmp"/*; do
	mv -f "$f" "$out/"
done
