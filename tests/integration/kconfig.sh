#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Kconfig: `make allnoconfig && make` and `make allyesconfig && make` both
# build, pass the unit tests, and run a workload; a subsystem left out is
# left out of the binary, and its keys are refused. Built in a copy of the
# tree (with the cached build/deps), so the tree under test is not touched.
# scripts/kconfig.sh, the stand-in for kconfig-conf, gives the same
# results as kconfig-conf.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

# The tracked and new files of the tree, without build output.
copy_tree() {
	mkdir -p "$1/build"
	(cd "$T_TOP" && { git ls-files -co --exclude-standard 2>/dev/null || find . -path ./build -prune -o -type f -print; }) |
		grep -v '^build/' | (cd "$T_TOP" && cpio -pdm --quiet "$1")
	ln -s "$T_TOP/build/deps" "$1/build/deps"
}

for cfg in allnoconfig allyesconfig; do
	t_begin "make $cfg && make builds, passes the unit tests and runs a workload"
	tree=$T_DIR/tree
	copy_tree "$tree"
	T_TIMEOUT=300 c_capture make -C "$tree" -s "$cfg"
	t_rc 0
	T_TIMEOUT=300 c_capture make -C "$tree" -s all unit
	t_rc 0
	t_nomatch ' [1-9][0-9]* failed' "$OUT" "unit test summary"
	[ -x "$tree/build/cella" ] || t_fail "no build/cella after make"
	mkini kc <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'echo pid=\$\$; exit 9'
init = no
EOF
	CELLA_SAVED=$CELLA
	CELLA=$tree/build/cella
	c_run run "$INI"
	t_rc 9
	t_eq "pid=1" "$OUT" "workload output"

	# PID 1 mode and restarts are the one optional subsystem built so far.
	c_run check --help
	mkini restart <<EOF
[process]
exec = /bin/true
[supervisor]
restart = on-failure
EOF
	c_run check "$INI"
	if [ "$cfg" = allnoconfig ]; then
		t_rc 125
		t_one_line "restart.ini:4: key 'restart' in \[supervisor\] is not supported by this build of cella"
		grep -q 'cella.config=' "$tree/build/cella" && t_fail "allnoconfig binary holds the PID 1 code"
	else
		t_rc 0
		grep -q 'cella.config=' "$tree/build/cella" || t_fail "allyesconfig binary lacks the PID 1 code"
	fi
	CELLA=$CELLA_SAVED
	t_defer rm -rf "$tree"
done

# scripts/kconfig.sh stands in for kconfig-conf where kconfig-frontends is
# missing: both must make the same .config, autoconf.h and auto.conf, from
# no .config at all (configs/defconfig) and for each configuration goal.
kc_norm() { grep -E '^(CONFIG_|# CONFIG_.* is not set$|#define )' "$1" | sort; }
tree=$T_BASE/kctree
mkdir -p "$tree"
cp -r "$T_TOP/Kconfig" "$T_TOP/Makefile" "$T_TOP/configs" "$T_TOP/scripts" "$tree/"
for cfg in none defconfig allnoconfig allyesconfig; do
	t_begin "scripts/kconfig.sh and kconfig-conf agree: $cfg"
	for tool in kconfig-conf scripts/kconfig.sh; do
		rm -rf "$tree/build" "$tree/.config"
		if [ "$cfg" != none ]; then
			c_capture make -C "$tree" -s KCONFIG_CONF="$tool" "$cfg"
			t_rc 0
		fi
		c_capture make -C "$tree" -s KCONFIG_CONF="$tool" build/include/autoconf.h
		t_rc 0
		for f in .config build/include/autoconf.h build/include/config/auto.conf; do
			kc_norm "$tree/$f" >"$T_DIR/${tool##*/}.${f##*/}"
		done
	done
	for f in .config autoconf.h auto.conf; do
		# (allnoconfig's header and auto.conf set nothing)
		if [ ! -s "$T_DIR/kconfig-conf.$f" ] && { [ "$cfg" != allnoconfig ] || [ "$f" = .config ]; }; then
			t_fail "kconfig-conf made an empty $f"
		fi
		cmp -s "$T_DIR/kconfig-conf.$f" "$T_DIR/kconfig.sh.$f" ||
			t_fail "$f differs: $(diff "$T_DIR/kconfig-conf.$f" "$T_DIR/kconfig.sh.$f" | tr '\n' ' ')"
	done
	# The header lists exactly the symbols the configuration sets.
	case $cfg in
	allnoconfig) t_eq 0 "$(grep -c '^#define' "$T_DIR/kconfig.sh.autoconf.h")" "#defines of allnoconfig" ;;
	*) t_eq "$(grep -c '^config ' "$tree/Kconfig")" "$(($(grep -c '^#define' "$T_DIR/kconfig.sh.autoconf.h") + 1))" \
		"#defines (all but DEBUG)" ;;
	esac
done

t_begin "scripts/kconfig.sh refuses what it does not understand, naming the line"
printf 'config X\n\tbool "x"\n\tdepends on PID1\n' >>"$tree/Kconfig"
rm -rf "$tree/build" "$tree/.config"
c_capture make -C "$tree" -s KCONFIG_CONF=scripts/kconfig.sh build/include/autoconf.h
t_ne 0 "$RC" "exit status"
t_match "kconfig.sh: Kconfig:$(wc -l <"$tree/Kconfig"): \"depends\" is not understood" "$ERR" "message"
t_file_absent "$tree/build/include/autoconf.h"
