#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# usage.sh APPLET.C: APPLET.C with its "// USAGE:" line replaced by the
# //usage: block of `cella --help`, which comes on stdin. Busybox prints
# "Usage: cella " + trivial + full, so the help's first line "usage: cella
# X" gives the trivial usage X and the lines after the blank one the full.
set -eu
[ $# -eq 1 ] || { echo "usage: $0 APPLET.C <HELP" >&2; exit 2; }
awk -v tmpl="$1" '
function cstr(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return s }
{ help[NR] = $0 }
END {
	if (NR < 3 || help[1] !~ /^usage: cella / || help[2] != "") {
		print "usage.sh: the help text does not start with \"usage: cella ...\" and a blank line" > "/dev/stderr"
		exit 1
	}
	block = "//usage:#define cella_trivial_usage\n//usage:       \"" cstr(substr(help[1], 14)) "\"\n"
	block = block "//usage:#define cella_full_usage \"\\n\\n\""
	for (i = 3; i <= NR; i++)
		block = block "\n//usage:       \"" cstr(help[i]) (i < NR ? "\\n" : "") "\""
	n = 0
	while ((getline line < tmpl) > 0) {
		if (line ~ /^\/\/ USAGE:/) { print block; n++ } else print line
	}
	if (n != 1) {
		print "usage.sh: " tmpl " has " n " \"// USAGE:\" lines, expected one" > "/dev/stderr"
		exit 1
	}
}'
