#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# kconfig-set.sh FILE [SYMBOL=VALUE | @FRAGMENT]...: set symbols in a busybox
# .config, each line of SYMBOL replaced (VALUE n: "# SYMBOL is not set";
# strings with their quotes, as in .config). @FRAGMENT: the CONFIG_X=... and
# "# CONFIG_X is not set" lines of the file FRAGMENT, in order.
# kconfig-set.sh --check FILE [SYMBOL=VALUE | @FRAGMENT]...: exit 1 (and say which) unless
# FILE has every one of them so.
set -eu
check=0
if [ "${1:-}" = --check ]; then check=1; shift; fi
[ $# -ge 1 ] || { echo "usage: $0 [--check] FILE [SYMBOL=VALUE | @FRAGMENT]..." >&2; exit 2; }
file=$1
shift
line() { # SYMBOL=VALUE -> its .config line
	case ${1#*=} in
	n) echo "# ${1%%=*} is not set" ;;
	*) echo "$1" ;;
	esac
}
set1() { # SYMBOL=VALUE
	sym=${1%%=*}
	case $sym in CONFIG_*) ;; *) echo "kconfig-set: '$1' is not CONFIG_X=VALUE" >&2; exit 2 ;; esac
	want=$(line "$1")
	if [ $check = 1 ]; then
		grep -qxF -e "$want" "$file" || { echo "kconfig-set: $file: busybox did not keep '$want'" >&2; bad=1; }
		return 0
	fi
	grep -v -e "^$sym=" -e "^# $sym is not set\$" "$file" >"$file.tmp" || :
	echo "$want" >>"$file.tmp"
	mv -f "$file.tmp" "$file"
}
bad=0
for a in "$@"; do
	case $a in
	@*)
		[ -f "${a#@}" ] || { echo "kconfig-set: ${a#@}: no such file" >&2; exit 2; }
		while IFS= read -r l; do
			case $l in
			CONFIG_*=*) set1 "$l" ;;
			"# CONFIG_"*" is not set") l=${l#\# }; set1 "${l% is not set}=n" ;;
			esac
		done <"${a#@}"
		;;
	*) set1 "$a" ;;
	esac
done
exit $bad
