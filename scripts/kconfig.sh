#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# kconfig.sh MODE KCONFIG: what the Makefile needs of kconfig-conf
# (kconfig-frontends), for hosts without it: a package builder on any
# distribution builds from .config alone, or from configs/defconfig and the
# defaults in Kconfig. POSIX sh and awk; no python.
#
# The same command line and environment as kconfig-conf, so the Makefile
# runs either:
#   --olddefconfig        .config: what it sets, defaults for the rest
#   --silentoldconfig     the same, and the C header and the make fragment
#   --defconfig=FILE      .config from FILE, defaults for the rest
#   --alldefconfig        .config with every default
#   --allnoconfig         .config with every bool that has a prompt off
#   --allyesconfig        .config with every bool that has a prompt on
#   --savedefconfig=FILE  FILE: only what differs from the defaults
#   KCONFIG_CONFIG (.config), KCONFIG_AUTOHEADER (include/generated/autoconf.h),
#   KCONFIG_AUTOCONFIG (include/config/auto.conf), KCONFIG_ALLCONFIG (values
#   that all*config keeps), CONFIG_ (the prefix, CONFIG_).
#
# The defaults come from Kconfig itself, so they cannot drift from it. The
# script knows only the part of the language Kconfig uses (bool, string,
# int and hex symbols with a prompt and one unconditional default; menu,
# comment, help); anything else (depends on, select, choice, if, source,
# a conditional default, ...) stops it with an error naming the line, rather
# than have it give another answer than kconfig-conf. tests/integration/
# kconfig.sh compares the two for defconfig, allnoconfig and allyesconfig.
set -eu

die() { echo "kconfig.sh: $*" >&2; exit 1; }

[ $# -eq 2 ] || die "usage: $0 --olddefconfig|--silentoldconfig|--defconfig=FILE|--alldefconfig|--allnoconfig|--allyesconfig|--savedefconfig=FILE Kconfig"
input=
case $1 in
--olddefconfig | --oldconfig) mode=old ;;
--silentoldconfig | --syncconfig) mode=silent ;;
--alldefconfig) mode=alldef ;;
--allnoconfig) mode=allno ;;
--allyesconfig) mode=allyes ;;
--defconfig=*) mode=defconfig input=${1#--defconfig=} ;;
--savedefconfig=*) mode=savedef input=${1#--savedefconfig=} ;;
*) die "unknown mode $1" ;;
esac
kconfig=$2
[ -f "$kconfig" ] || die "$kconfig: no such file"
config=${KCONFIG_CONFIG:-.config}
header=${KCONFIG_AUTOHEADER:-include/generated/autoconf.h}
autoconf=${KCONFIG_AUTOCONFIG:-include/config/auto.conf}
allconfig=${KCONFIG_ALLCONFIG:-}
prefix=${CONFIG_-CONFIG_}

if [ "$mode" = defconfig ] && [ ! -f "$input" ]; then
	die "$input: no such file"
fi
if [ -n "$allconfig" ] && [ ! -f "$allconfig" ]; then
	die "KCONFIG_ALLCONFIG=$allconfig: no such file"
fi

# Where the results go first; moved in place only when the whole run worked.
tmpc=$config.kconfig-tmp tmph=$header.kconfig-tmp tmpa=$autoconf.kconfig-tmp
trap 'rm -f "$tmpc" "$tmph" "$tmpa"' EXIT
if [ "$mode" = silent ]; then
	mkdir -p "$(dirname "$header")" "$(dirname "$autoconf")"
fi

# The user's values: .config for old/silent/savedef, FILE for defconfig, the
# allconfig file for all*config.
case $mode in
old | silent | savedef) values=$config ;;
defconfig) values=$input ;;
*) values=$allconfig ;;
esac
[ -z "$values" ] || [ -f "$values" ] || values=

awk -v mode="$mode" -v values="$values" -v prefix="$prefix" -v kfile="$kconfig" \
	-v outc="$tmpc" -v outh="$tmph" -v outa="$tmpa" -v outs="$input" '
function fail(msg) { failat(FNR, msg) }
function failat(l, msg) { printf "kconfig.sh: %s:%d: %s\n", kfile, l, msg > "/dev/stderr"; bad = 1; exit 1 }
function indent(s,    n, i, c) {
	n = 0
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == " ") n++
		else if (c == "\t") n = n - n % 8 + 8
		else break
	}
	return n
}
# A quoted string at the start of s (after blanks): sets qrest to the rest.
function quoted(s,    i, c, out) {
	sub(/^[ \t]+/, "", s)
	if (substr(s, 1, 1) != "\"") return ""
	out = ""
	for (i = 2; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\\") { i++; out = out substr(s, i, 1); continue }
		if (c == "\"") { qrest = substr(s, i + 1); return "\"" out "\"" }
		out = out c
	}
	fail("unterminated string")
}
function rest_empty(s) { sub(/^[ \t]+/, "", s); sub(/^#.*/, "", s); return s == "" }
function check_value(sym, v) {
	t = type[sym]
	if (t == "bool") return v == "y" || v == "n"
	if (t == "int") return v ~ /^-?[0-9]+$/
	if (t == "hex") return v ~ /^0[xX][0-9a-fA-F]+$/
	return v ~ /^".*"$/
}
# A symbol type line: bool, bool "prompt", ...
function set_type(t, s) {
	if (cur == "") fail($1 " outside a config entry")
	if (type[cur] != "") fail("a second type for " cur)
	type[cur] = t
	sub(/^[ \t]*[a-z_]+/, "", s)
	if (!rest_empty(s)) {
		if (quoted(s) == "" || !rest_empty(qrest)) fail("cannot read the prompt of " cur " (only a plain \"prompt\" is understood)")
		prompt[cur] = 1
	}
}

# --- Kconfig ------------------------------------------------------------------
{
	line = $0
	if (inhelp) {
		if (line ~ /^[ \t]*$/) next
		if (helpind < 0) helpind = indent(line) > helpkw ? indent(line) : 0
		if (helpind > 0 && indent(line) >= helpind) next
		inhelp = 0
	}
	sub(/^[ \t]+/, "", line)
	if (line == "" || line ~ /^#/) next
	kw = $1
	if (kw == "mainmenu") { title = quoted(substr(line, 9)); gsub(/^"|"$/, "", title); next }
	if (kw == "menu") {
		m = quoted(substr(line, 5)); if (m == "" || !rest_empty(qrest)) fail("cannot read the menu title")
		gsub(/^"|"$/, "", m); n++; item[n] = "menu"; text[n] = m; depth++; cur = ""; next
	}
	if (kw == "endmenu") { if (!depth--) fail("endmenu without menu"); cur = ""; next }
	if (kw == "comment") { cur = ""; next }
	if (kw == "config") {
		if (NF != 2 || $2 !~ /^[A-Za-z0-9_]+$/) fail("bad config line")
		cur = $2
		if (cur in type) fail(cur " is defined twice (not understood by this script)")
		type[cur] = ""; symline[cur] = FNR; n++; item[n] = "sym"; text[n] = cur; nsyms++
		next
	}
	if (kw == "bool" || kw == "boolean") { set_type("bool", line); next }
	if (kw == "string" || kw == "int" || kw == "hex") { set_type(kw, line); next }
	if (kw == "def_bool") {
		set_type("bool", "bool"); kw = "default"; sub(/^def_bool/, "default", line)
	}
	if (kw == "prompt") {
		if (cur == "" || quoted(substr(line, 7)) == "" || !rest_empty(qrest)) fail("cannot read the prompt")
		prompt[cur] = 1; next
	}
	if (kw == "default") {
		if (cur == "") fail("default outside a config entry")
		if (cur in def) fail("a second default for " cur " (conditional defaults are not understood by this script)")
		v = substr(line, 8); sub(/^[ \t]+/, "", v)
		if (substr(v, 1, 1) == "\"") { v = quoted(v); r = qrest }
		else { r = v; sub(/^[^ \t#]+/, "", r); sub(/[ \t#].*$/, "", v) }
		if (!rest_empty(r)) fail("only a plain \"default VALUE\" is understood (not \"default ... if ...\")")
		def[cur] = v; next
	}
	if (kw == "help" || kw == "---help---") { inhelp = 1; helpind = -1; helpkw = indent($0); next }
	fail("\"" kw "\" is not understood by scripts/kconfig.sh (use kconfig-conf from kconfig-frontends, or teach the script)")
}

# --- values -------------------------------------------------------------------
# Reads a .config-style file into val[] (only symbols that have a prompt:
# kconfig-conf ignores a value set for one without).
function read_values(file,    l, s, v, nl) {
	nl = 0
	while ((getline l < file) > 0) {
		nl++
		if (l ~ "^# " prefix "[A-Za-z0-9_]+ is not set$") {
			s = l; sub("^# " prefix, "", s); sub(/ is not set$/, "", s); v = "n"
		} else if (l ~ "^" prefix "[A-Za-z0-9_]+=") {
			s = l; sub("^" prefix, "", s); sub(/=.*/, "", s)
			v = l; sub("^" prefix "[A-Za-z0-9_]+=", "", v)
		} else if (l ~ /^[ \t]*(#.*)?$/) {
			continue
		} else {
			printf "kconfig.sh: %s:%d: ignoring \"%s\"\n", file, nl, l > "/dev/stderr"
			continue
		}
		if (!(s in type)) continue
		if (!check_value(s, v)) {
			printf "kconfig.sh: %s:%d: bad value %s for %s (%s); using its default\n", file, nl, v, s, type[s] > "/dev/stderr"
			continue
		}
		if (prompt[s]) val[s] = v
	}
	close(file)
}
function header_comment(out, c) {
	print c > out
	print c " Automatically generated file; DO NOT EDIT." > out
	print c " " title > out
	print c > out
}
END {
	if (bad) exit 1
	if (depth) fail("menu without endmenu")
	for (i = 1; i <= n; i++) {
		if (item[i] != "sym") continue
		s = text[i]
		if (type[s] == "") failat(symline[s], s " has no type")
		if (!(s in def)) {
			if (type[s] == "bool") def[s] = "n"
			else if (type[s] == "string") def[s] = "\"\""
			else failat(symline[s], s " (" type[s] ") has no default")
		}
		if (!check_value(s, def[s])) failat(symline[s], "the default " def[s] " of " s " is not a plain " type[s] " value")
	}
	if (values != "") read_values(values)
	for (i = 1; i <= n; i++) {
		if (item[i] != "sym") continue
		s = text[i]
		if (s in val) continue
		if (prompt[s] && type[s] == "bool" && mode == "allno") val[s] = "n"
		else if (prompt[s] && type[s] == "bool" && mode == "allyes") val[s] = "y"
		else val[s] = def[s]
	}

	if (mode == "savedef") {
		for (i = 1; i <= n; i++) {
			s = text[i]
			if (item[i] != "sym" || !prompt[s] || val[s] == def[s]) continue
			if (type[s] == "bool" && val[s] == "n") print "# " prefix s " is not set" > outs
			else print prefix s "=" val[s] > outs
		}
		printf "" > outs
		exit 0
	}

	header_comment(outc, "#")
	for (i = 1; i <= n; i++) {
		s = text[i]
		if (item[i] == "menu") { print "" > outc; print "#" > outc; print "# " s > outc; print "#" > outc; continue }
		if (type[s] == "bool" && val[s] == "n") print "# " prefix s " is not set" > outc
		else print prefix s "=" val[s] > outc
	}
	if (mode != "silent") exit 0

	print "/*" > outh
	header_comment(outh, " *")
	print " */" > outh
	header_comment(outa, "#")
	for (i = 1; i <= n; i++) {
		s = text[i]
		if (item[i] != "sym" || (type[s] == "bool" && val[s] == "n")) continue
		print "#define " prefix s " " (type[s] == "bool" ? "1" : val[s]) > outh
		print prefix s "=" val[s] > outa
	}
}' "$kconfig"

case $mode in
savedef) exit 0 ;;
esac
# Like kconfig-conf: .config is rewritten only when it changes.
if [ -f "$config" ] && cmp -s "$tmpc" "$config"; then
	rm -f "$tmpc"
else
	mv -f "$tmpc" "$config"
fi
if [ "$mode" = silent ]; then
	mv -f "$tmph" "$header"
	mv -f "$tmpa" "$autoconf"
fi
