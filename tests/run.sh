#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# tests/run.sh [FILTER...]: runs the unit test binaries (build/unit/test_*),
# the same built with sanitizers (asan-test_*), the replay of the stored fuzz
# inputs (fuzz-TARGET) and the integration tests (tests/integration/*.sh)
# whose names contain one of the FILTERs (all when none), as root, no
# terminal needed. Prints an ok/FAIL line per test and, as its very last
# line, `N passed, N failed`; exits 0 only when nothing failed.
#
# Environment: CELLA (the binary, default build/cella), ROOTFS (default
# build/rootfs, built with scripts/mkrootfs.sh when it is the default).
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1

passed=0
failed=0

matches() {
	local f
	[ $# -gt 1 ] || return 0
	for f in "${@:2}"; do
		case $1 in *"$f"*) return 0 ;; esac
	done
	return 1
}

summary() { echo "$passed passed, $failed failed"; }

if [ "$(id -u)" -ne 0 ]; then
	echo "tests/run.sh: the integration tests need root" >&2
	failed=$((failed + 1))
	summary
	exit 1
fi

tmp=$(mktemp -d /tmp/cella-tests.XXXXXX)
cleanup() {
	awk -v d="$tmp" 'index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo |
		sort -r | while read -r m; do umount -l "$m" 2>/dev/null; done
	rm -rf --one-file-system "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- unit tests: each binary prints its own "N passed, N failed" ------------
for t in build/unit/test_*; do
	if [ ! -f "$t" ] || [ ! -x "$t" ]; then continue; fi
	matches "$(basename "$t")" "$@" || continue
	timeout -k 5 300 "$t" </dev/null >"$tmp/unit.out" 2>&1
	rc=$?
	cat "$tmp/unit.out"
	line=$(grep -E '^([A-Za-z]+: )?[0-9]+ passed, [0-9]+ failed' "$tmp/unit.out" | tail -n 1)
	if [ -z "$line" ]; then
		echo "FAIL - $t: no 'N passed, N failed' line (exit status $rc)"
		failed=$((failed + 1))
		continue
	fi
	line=${line#*: }
	read -r p _ f _ <<<"${line//,/ }"
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "FAIL - $t: exit status $rc"
		failed=$((failed + 1))
	fi
done

# --- sanitizer builds (make check builds them; see the Makefile) ------------
# A sanitizer report fails the test even when the exit status hides it.
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=0:print_summary=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
sanitizer_report() {
	grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: (Address|Leak|Undefined)' "$1"
}
# The end of a failed run's output, indented.
show_tail() { tail -n 40 "$1" | sed 's/^/    /'; }

# The unit tests again, with ASan, UBSan and LeakSanitizer: one test each.
asan_tests=()
for t in build/asan/unit/test_*; do
	[ -f "$t" ] && [ -x "$t" ] && asan_tests+=("$t")
done
if [ ${#asan_tests[@]} -eq 0 ] && matches asan-unit "$@"; then
	echo "FAIL - asan unit tests: none in build/asan/unit (make check builds them)"
	failed=$((failed + 1))
fi
for t in "${asan_tests[@]}"; do
	name=asan-$(basename "$t")
	matches "$name" "$@" || continue
	timeout -k 5 300 "$t" </dev/null >"$tmp/asan.out" 2>&1
	rc=$?
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$tmp/asan.out" | tail -n 1)
	why=
	if sanitizer_report "$tmp/asan.out"; then why="sanitizer report (exit status $rc)"
	elif [ "$rc" -ne 0 ]; then why="exit status $rc"
	elif [ -z "$line" ]; then why="no 'N passed, N failed' line"
	elif [ "${line##*, }" != "0 failed" ]; then why=$line
	fi
	if [ -z "$why" ]; then
		echo "ok - $name (ASan+UBSan+LSan): $line, no sanitizer report"
		passed=$((passed + 1))
	else
		show_tail "$tmp/asan.out"
		echo "FAIL - $name (ASan+UBSan+LSan): $why"
		failed=$((failed + 1))
	fi
done

# Every stored fuzz input (tests/fuzz/corpus/T and crashes/T) through its
# harness built with the sanitizers: one test per harness.
nfiles() { find "$1" -maxdepth 1 -type f ! -name '.*' 2>/dev/null | wc -l; }
fuzz_targets=()
if [ -f build/fuzz/replay/targets ]; then
	read -r -a fuzz_targets <build/fuzz/replay/targets
elif matches fuzz-replay "$@"; then
	echo "FAIL - fuzz replay: build/fuzz/replay/targets missing (make check builds the harnesses)"
	failed=$((failed + 1))
fi
for t in "${fuzz_targets[@]}"; do
	name=fuzz-$t
	matches "$name" "$@" || continue
	corpus=tests/fuzz/corpus/$t crashes=tests/fuzz/crashes/$t
	ncorpus=$(nfiles "$corpus") ncrashes=$(nfiles "$crashes")
	dirs=("$corpus")
	[ -d "$crashes" ] && dirs+=("$crashes")
	timeout -k 5 300 "build/fuzz/replay/fuzz_$t" "${dirs[@]}" </dev/null >"$tmp/replay.out" 2>&1
	rc=$?
	got=$(sed -n 's/^replayed \([0-9]*\) inputs$/\1/p' "$tmp/replay.out" | tail -n 1)
	why=
	if sanitizer_report "$tmp/replay.out"; then why="sanitizer report (exit status $rc)"
	elif [ "$rc" -ne 0 ]; then why="exit status $rc"
	elif [ "$ncorpus" -eq 0 ]; then why="no seed inputs in $corpus"
	elif [ "${got:-x}" != $((ncorpus + ncrashes)) ]; then
		why="replayed ${got:-no} inputs of $((ncorpus + ncrashes))"
	fi
	if [ -z "$why" ]; then
		echo "ok - $name: replayed $ncorpus corpus and $ncrashes crash inputs with ASan+UBSan+LSan, no report"
		passed=$((passed + 1))
	else
		show_tail "$tmp/replay.out"
		echo "FAIL - $name: $why"
		failed=$((failed + 1))
	fi
done

# --- integration tests ------------------------------------------------------
files=()
for f in tests/integration/*.sh; do
	[ -f "$f" ] && matches "$(basename "$f")" "$@" && files+=("$f")
done

if [ ${#files[@]} -gt 0 ]; then
	if [ -z "${ROOTFS:-}" ]; then
		export ROOTFS=$top/build/rootfs
		if ! bash scripts/mkrootfs.sh "$ROOTFS" >"$tmp/mkrootfs.log" 2>&1; then
			cat "$tmp/mkrootfs.log"
			echo "FAIL - mkrootfs: scripts/mkrootfs.sh $ROOTFS failed"
			failed=$((failed + 1))
		fi
	fi
	export CELLA=${CELLA:-$top/build/cella}
	case $CELLA in /*) ;; *) CELLA=$top/$CELLA ;; esac
	[ -x "$CELLA" ] || echo "# note: $CELLA does not exist; every test will fail"
	export CELLA_TEST_TMP=$tmp
fi

for f in "${files[@]}"; do
	export CELLA_TEST_RESULTS=$tmp/results
	: >"$CELLA_TEST_RESULTS"
	timeout -k 10 900 bash "$f" </dev/null 2>&1
	rc=$?
	if [ -s "$CELLA_TEST_RESULTS" ]; then
		read -r p f_ <"$CELLA_TEST_RESULTS"
		passed=$((passed + p))
		failed=$((failed + f_))
	else
		echo "FAIL - $f: ended without reporting its counts (exit status $rc)"
		failed=$((failed + 1))
	fi
done

summary
[ "$failed" -eq 0 ]
