#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# apt-private.sh DIR INDEX COMMAND [ARG...]: apt with a package index of its
# own in DIR, which leaves the system's apt configuration, indexes and
# dpkg database alone. The cross builds and the foreign boot tests use it
# to fetch Debian packages of another architecture, or source packages.
#
# INDEX
#   src          deb-src of bookworm and trixie (main)
#   ARCH         binary packages of that Debian architecture (arm64, armhf,
#                amd64, ...) from bookworm, bookworm-updates and
#                bookworm-security (main); apt sees ARCH as the native one,
#                so names need no ":ARCH"
# COMMAND
#   update                 fetch the index (done by the others when missing)
#   depends PKG            the names PKG depends on, one a line
#   version PKG            the version apt would pick
#   download DEST PKG...   the .deb files (PKG or PKG=VERSION) into DEST
#   source DEST SRC...     source packages, download only (SRC or SRC/SUITE)
#   forget                 remove the index (tens of MB); the next call
#                          fetches it again
#
# The index is fetched once and kept until `forget`: callers cache what they
# fetched and forget the index afterwards. Needs root (apt downloads as _apt).
set -euo pipefail

MIRROR=${CELLA_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY=${CELLA_DEBIAN_SECURITY:-http://deb.debian.org/debian-security}

die() { echo "apt-private: $*" >&2; exit 1; }
[ $# -ge 3 ] || die "usage: $0 DIR src|ARCH update|depends|version|download|source|forget [ARG...]"
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1"
dir=$(cd "$1" && pwd)/$2
index=$2 cmd=$3
shift 3

case $index in
'' | */* | .*) die "bad index name '$index'" ;;
esac

if [ "$cmd" = forget ]; then
	rm -rf "$dir/lists" "$dir/cache"
	exit 0
fi

"$here/ensure-packages.sh" apt debian-archive-keyring gpgv

mkdir -p "$dir/sources.list.d" "$dir/lists/partial" "$dir/cache/archives/partial"
: >>"$dir/status" # no package is installed in this apt's view
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
if [ "$index" = src ]; then
	cat >"$dir/sources.list.d/cella.sources" <<-EOF
	Types: deb-src
	URIs: $MIRROR
	Suites: bookworm trixie
	Components: main
	Signed-By: $keyring
	EOF
	arch=$(dpkg --print-architecture)
else
	cat >"$dir/sources.list.d/cella.sources" <<-EOF
	Types: deb
	URIs: $MIRROR
	Suites: bookworm bookworm-updates
	Components: main
	Signed-By: $keyring

	Types: deb
	URIs: $SECURITY
	Suites: bookworm-security
	Components: main
	Signed-By: $keyring
	EOF
	arch=$index
fi
opts=(-q -o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$dir/sources.list.d"
	-o "Dir::State::Lists=$dir/lists" -o "Dir::Cache=$dir/cache"
	-o "Dir::State::status=$dir/status"
	-o "APT::Architecture=$arch" -o "APT::Architectures=$arch")

update() {
	echo "apt-private: apt-get update ($index index in $dir)" >&2
	apt-get "${opts[@]}" update >/dev/null || die "apt-get update failed ($index)"
}
have_index() {
	compgen -G "$dir/lists/*_Packages*" >/dev/null || compgen -G "$dir/lists/*_Sources*" >/dev/null
}

# apt-get download and source write as the unprivileged _apt user: a
# directory it can write, moved into DEST after.
fetch_into() { # DEST apt-get-args...
	local dest=$1 dl f
	shift
	mkdir -p "$dest"
	dl=$(mktemp -d "${TMPDIR:-/tmp}/cella-apt.XXXXXX")
	if [ "$(id -u)" = 0 ] && id _apt >/dev/null 2>&1; then chown _apt "$dl"; fi
	if ! (cd "$dl" && apt-get "${opts[@]}" "$@" >"$dl.log" 2>&1); then
		cat "$dl.log" >&2
		rm -rf "$dl" "$dl.log"
		die "apt-get $* failed"
	fi
	rm -f "$dl.log"
	for f in "$dl"/*; do
		[ -f "$f" ] && mv -f "$f" "$dest/"
	done
	rm -rf "$dl"
}

if [ "$cmd" = update ]; then
	update
	exit 0
fi
have_index || update

case $cmd in
depends)
	[ $# -eq 1 ] || die "usage: depends PKG"
	apt-cache "${opts[@]}" depends "$1" | sed -n 's/^ *Depends: \([^<>]*\)$/\1/p'
	;;
version)
	[ $# -eq 1 ] || die "usage: version PKG"
	apt-cache "${opts[@]}" policy "$1" | sed -n 's/^ *Candidate: //p' | grep -v '(none)' ||
		die "no package $1 in the $index index"
	;;
download)
	[ $# -ge 2 ] || die "usage: download DEST PKG..."
	dest=$1
	shift
	fetch_into "$dest" download "$@"
	;;
source)
	[ $# -ge 2 ] || die "usage: source DEST SRC..."
	dest=$1
	shift
	fetch_into "$dest" source --download-only "$@"
	;;
*) die "unknown command '$cmd'" ;;
esac
