#!/bin/bash
# tests/run.sh [FILTER...]: runs the unit test binaries (build/unit/test_*)
# and the integration tests (tests/integration/*.sh) whose file names contain
# one of the FILTERs (all when none), as root, no terminal needed. Prints an
# ok/FAIL line per test and, as its very last line, `N passed, N failed`;
# exits 0 only when nothing failed.
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
