#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Mount targets are resolved inside the new root and used by fd (SPEC
# [mounts]): a symlink in the image is followed as if the root were /, and
# another container that shares the root filesystem and swaps a directory for
# a symlink during setup (tests/helpers/swapper.c) cannot make cella create
# anything, or mount anything, outside the root. Each test runs with the
# kernel's openat2 and with the walk that kernels before 5.6 get (forced by
# failing openat2 with ENOSYS under strace).
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

command -v strace >/dev/null || need_pkg strace

# A root of our own (hard links of the test rootfs), so that what is made
# inside it during the tests goes with the test.
own_root() {
	cp -al "$ROOTFS" "$T_DIR/root"
	t_defer "rm -rf --one-file-system '$T_DIR/root'"
}

for resolver in openat2 walk; do
	if [ $resolver = walk ]; then
		C_WRAP_R=(strace -f -qq -o /dev/null -e trace=openat2 -e inject=openat2:error=ENOSYS)
	else
		C_WRAP_R=()
	fi

	t_begin "($resolver) targets through symlinks in the image stay inside the root"
	own_root
	mkdir -p "$T_DIR/outside"
	ln -s "$T_DIR/outside" "$T_DIR/root/abs"            # absolute: host path
	ln -s "../../../../../../../../$T_DIR/outside" "$T_DIR/root/rel" # climbs
	ln -s "/nowhere-$T_MARK/deep" "$T_DIR/root/dangling"  # target missing
	mkini links <<EOF
[root]
path = $T_DIR/root
[process]
exec = /bin/sh -c 'test -d /abs/t1 && test -d /rel/t2 && test -d /dangling/t3 && test -f /abs/f && echo INSIDE'
[mounts]
tmpfs = /abs/t1
tmpfs = /rel/t2
tmpfs = /dangling/t3
bind = $T_DIR/links.ini /abs/f
EOF
	C_WRAP=("${C_WRAP_R[@]}")
	c_run run "$INI"
	C_WRAP=()
	t_rc 0
	t_eq INSIDE "$OUT" "the mounts, seen inside"
	t_eq "" "$(ls -A "$T_DIR/outside")" "the host directory the symlinks name"
	t_file_absent "/nowhere-$T_MARK"
	t_dir_exists "$T_DIR/root$T_DIR/outside/t1" "t1 made inside the root"
	t_dir_exists "$T_DIR/root/nowhere-$T_MARK/deep/t3" "the dangling symlink's target made inside"

	t_begin "($resolver) a directory swapped for a symlink during setup: nothing is made or mounted outside"
	own_root
	mkdir -p "$T_DIR/outside" "$T_DIR/root/race/a"
	ln -s "$T_DIR/outside" "$T_DIR/root/race/b"
	mkini race <<EOF
[root]
path = $T_DIR/root
[process]
exec = /bin/true
[mounts]
defaults = no
tmpfs = /race/a/x/y
bind = $T_DIR/race.ini /race/a/file
EOF
	"$ROOTFS/usr/bin/swapper" "$T_DIR/root/race/a" "$T_DIR/root/race/b" &
	swapper=$!
	t_defer "kill $swapper"
	C_WRAP=("${C_WRAP_R[@]}")
	n=0
	runs=${RACE_RUNS:-150}
	[ $resolver = walk ] && runs=$((runs / 3))
	for ((i = 0; i < runs; i++)); do
		c_run run "$INI"
		[ "$RC" = 0 ] && n=$((n + 1))
		if [ -n "$(ls -A "$T_DIR/outside")" ]; then
			t_fail "start $i made $(ls -A "$T_DIR/outside" | tr '\n' ' ')in the host directory $T_DIR/outside"
			break
		fi
		if [ -n "$(t_mounts_under "$T_DIR/outside")" ]; then
			t_fail "start $i left a mount at $(t_mounts_under "$T_DIR/outside")"
			break
		fi
	done
	C_WRAP=()
	kill "$swapper"
	wait "$swapper" 2>/dev/null
	kill -0 "$swapper" 2>/dev/null && t_fail "the swapper still runs"
	echo "# $resolver: $n of $i starts ran the workload while the swapper raced"
done
