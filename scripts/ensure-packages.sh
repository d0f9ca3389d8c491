#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# ensure-packages.sh PKG...: install the Debian packages that are missing, so a
# fresh Debian 12 machine builds and tests cella with no manual steps.
#
# Quiet when everything is installed. Otherwise one "apt-get update", then one
# "apt-get install" of just the missing packages. Calls are serialised with a
# lock, because make and the tests may run several at once and apt would
# refuse the second one. apt is only used where scripts/apt-allowed.sh says
# so (not with NO_APT=1, not as a normal user, not off Debian); elsewhere a
# missing package is an error.
set -eu

[ $# -gt 0 ] || exit 0
# Not Debian: nothing to ask dpkg; the caller checks for the tools it needs.
command -v dpkg-query >/dev/null 2>&1 || exit 0

missing() {
	for pkg in "$@"; do
		status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null) || status=
		case "$status" in
		ii*) ;;
		*) printf '%s ' "$pkg" ;;
		esac
	done
}

need=$(missing "$@")
need=${need% }
[ -n "$need" ] || exit 0

# No apt when it is not wanted (scripts/apt-allowed.sh: NO_APT=1, not root,
# not Debian): the packages are then just required.
if ! "$(dirname "$0")/apt-allowed.sh"; then
	echo "ensure-packages: missing packages: $need (apt is not used with NO_APT=1, as a normal user or off Debian: install them first)" >&2
	exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "ensure-packages: missing packages: $need" >&2
	echo "ensure-packages: run as root, or: apt-get install $need" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
lock=/run/lock/cella-ensure-packages.lock
[ -d /run/lock ] || lock=/tmp/cella-ensure-packages.lock

(
	flock 9
	# Another call may have installed them while this one waited.
	need=$(missing "$@")
	need=${need% }
	[ -n "$need" ] || exit 0
	echo "ensure-packages: installing: $need" >&2
	apt-get update -q >&2
	# shellcheck disable=SC2086 # one package name a word
	apt-get install -y -q --no-install-recommends \
		-o DPkg::Lock::Timeout=300 $need >&2
) 9>"$lock"
