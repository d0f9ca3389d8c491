#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# fetch-busybox.sh OUTDIR: Debian's busybox source (the upstream .orig
# tarball of busybox/bookworm), checked against the pinned sha256 and cached
# as OUTDIR/busybox_VERSION.orig.tar.bz2. A second run with a good tarball in
# place does nothing.
#
# The mechanism is scripts/build-deps.sh's: a private deb-src list, index and
# cache (here in a temporary directory, removed afterwards), so the system's
# apt configuration is not touched.
set -euo pipefail

# The pin. bookworm's point releases (1:1.35.0-4+deb12uN) keep this orig
# tarball; the Debian patches are not needed.
BUSYBOX_SRC=busybox/bookworm
BUSYBOX_VER=1.35.0
BUSYBOX_TAR=busybox_1.35.0.orig.tar.bz2
BUSYBOX_SHA256=faeeb244c35a348a334f4a59e44626ee870fb07b6884d68c10ae8bc19f83a694
MIRROR=http://deb.debian.org/debian

die() { echo "fetch-busybox: $*" >&2; exit 1; }
say() { echo "  FETCH   $*"; }

[ $# -eq 1 ] || die "usage: $0 OUTDIR"
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
mkdir -p "$1"
out=$(cd "$1" && pwd)
tar=$out/$BUSYBOX_TAR

sum() { sha256sum <"$1" | cut -d' ' -f1; }
[ -f "$tar" ] && [ "$(sum "$tar")" = "$BUSYBOX_SHA256" ] && exit 0
[ ! -e "$tar" ] || say "cached $BUSYBOX_TAR has the wrong sha256: fetching it again"

"$top/scripts/ensure-packages.sh" apt debian-archive-keyring gpgv
apt=$(mktemp -d "${TMPDIR:-/tmp}/cella-busybox-src.XXXXXX")
trap 'rm -rf "$apt"' EXIT
mkdir -p "$apt/sources.list.d" "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/dl"
cat >"$apt/sources.list.d/cella-deb-src.sources" <<EOT
Types: deb-src
URIs: $MIRROR
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOT
opts=(-q -o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$apt/sources.list.d"
	-o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache")
say "apt-get update (private deb-src index in $apt)"
apt-get "${opts[@]}" update >/dev/null
# apt downloads as the unprivileged _apt user.
if [ "$(id -u)" = 0 ] && id _apt >/dev/null 2>&1; then chown _apt "$apt/dl"; fi
say "apt-get source --download-only $BUSYBOX_SRC"
(cd "$apt/dl" && apt-get "${opts[@]}" source --download-only "$BUSYBOX_SRC" >/dev/null) ||
	die "apt-get source $BUSYBOX_SRC failed"
[ -f "$apt/dl/$BUSYBOX_TAR" ] ||
	die "apt-get source did not fetch $BUSYBOX_TAR (has busybox $BUSYBOX_VER left bookworm?)"
got=$(sum "$apt/dl/$BUSYBOX_TAR")
[ "$got" = "$BUSYBOX_SHA256" ] ||
	die "sha256 mismatch for $BUSYBOX_TAR: expected $BUSYBOX_SHA256, got $got (refusing to build from an unverified tarball)"
mv -f "$apt/dl/$BUSYBOX_TAR" "$tar"
say "$tar"
