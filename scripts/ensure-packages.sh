#!/bin/sh
# ensure-packages.sh PKG...: install the Debian packages that are missing, so a
# fresh Debian 12 machine builds and tests cella with no manual steps.
#
# Quiet when everything is installed. Otherwise one "apt-get update", then one
# "apt-get install" of just the missing packages. Calls are serialised with a
# lock, because make and the tests may run several at once and apt would
# refuse the second one.
set -eu

[ $# -gt 0 ] || exit 0

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
