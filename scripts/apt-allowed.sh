#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# apt-allowed.sh: exit 0 when the build may run apt-get, else 1 (silently).
#
# NO_APT=1 forbids it, NO_APT=0 asks for it; unset (or empty) means: only as
# root on Debian (a package builder runs make as a normal user, on any
# distribution, often without network). The Makefile and the scripts it runs
# all decide with this one rule.
case ${NO_APT:-} in
1 | y | yes) exit 1 ;;
0 | n | no) exit 0 ;;
esac
[ "$(id -u)" = 0 ] && [ -f /etc/debian_version ] &&
	command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1
