#!/bin/bash
# Kconfig: `make allnoconfig && make` and `make allyesconfig && make` both
# build, pass the unit tests, and run a workload; a subsystem left out is
# left out of the binary, and its keys are refused. Built in a copy of the
# tree (with the cached build/deps), so the tree under test is not touched.
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
