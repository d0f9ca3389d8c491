#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# spdx.sh [--check] [FILE...]: give every source file of the tree an
# SPDX-License-Identifier line at its top (after a #! line), unless one of
# its first three lines already has one; run it again at any time, it only
# adds what is missing. --check changes nothing: it lists the files that
# lack the line and fails when there are any.
#
# Without FILEs: the tracked and new files of the tree that are source
# (C, shell, Python, Makefile, Kconfig, scripts); documentation, man pages,
# INI examples and fuzz inputs are not.
set -eu

LICENSE_ID=GPL-2.0-only

check=0
if [ "${1:-}" = --check ]; then
	check=1
	shift
fi
cd "$(dirname "$0")/.."

if [ $# -eq 0 ]; then
	# shellcheck disable=SC2046 # file names without blanks, one a word
	set -- $( (git ls-files -co --exclude-standard 2>/dev/null || find . -path ./build -prune -o -type f -print) |
		sed 's|^\./||' | grep -v -e '^build/' -e '^tests/fuzz/corpus/' -e '^tests/fuzz/crashes/' |
		grep -E '(\.(c|h|sh|py)|^Makefile|/Makefile|^Kconfig|/Kconfig|^\.ci/run|^scripts/deps\.pins)$' |
		sort)
fi

missing=0
for f in "$@"; do
	[ -f "$f" ] || continue
	if head -n 3 "$f" | grep -q 'SPDX-License-Identifier:'; then
		continue
	fi
	missing=$((missing + 1))
	if [ "$check" = 1 ]; then
		echo "$f"
		continue
	fi
	case $f in
	*.c | *.h) line="/* SPDX-License-Identifier: $LICENSE_ID */" ;;
	*) line="# SPDX-License-Identifier: $LICENSE_ID" ;;
	esac
	tmp=$f.spdx-tmp
	if head -n 1 "$f" | grep -q '^#!'; then
		{ head -n 1 "$f"; echo "$line"; tail -n +2 "$f"; } >"$tmp"
	else
		{ echo "$line"; cat "$f"; } >"$tmp"
	fi
	# Keep the file's mode (scripts stay executable).
	chmod "$(stat -c %a "$f")" "$tmp"
	mv "$tmp" "$f"
	echo "  SPDX    $f"
done
if [ "$check" = 1 ] && [ "$missing" -gt 0 ]; then
	echo "spdx.sh: $missing file(s) without an SPDX-License-Identifier line (scripts/spdx.sh adds it)" >&2
	exit 1
fi
exit 0
