#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# tests/fuzz/fuzz.sh SECONDS TARGET...: `make fuzz`. Runs each libFuzzer
# harness build/fuzz/libfuzzer/fuzz_TARGET for SECONDS, one after the other
# (one job: the machine may be shared), and prints per target the execs
# done, execs/s, coverage, new corpus entries and findings, then a table.
#
# Corpus: the working copy build/fuzz/corpus/TARGET (new entries go there and
# stay for the next run) plus the seeds tests/fuzz/corpus/TARGET and every
# input that ever crashed, tests/fuzz/crashes/TARGET. A finding (crash,
# leak, timeout, out-of-memory) is copied to tests/fuzz/crashes/TARGET/,
# where `make check` replays it from then on: fix the parser, commit both.
# Exits 1 when anything was found.
#
# Environment: FUZZ_ARGS, more libFuzzer options (e.g. -use_value_profile=1).
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1

[ $# -ge 2 ] || { echo "usage: $0 SECONDS TARGET..." >&2; exit 2; }
secs=$1
shift
case $secs in '' | *[!0-9]*) echo "fuzz: FUZZ_SECONDS must be a number of seconds, not '$secs'" >&2; exit 2 ;; esac

# Longest input: INI files need room for lines over inih's limit (1022);
# a notify datagram is at most 4095 bytes, /proc lines far less.
max_len() {
	case $1 in
	config | set) echo 16384 ;;
	*) echo 4096 ;;
	esac
}
dict() {
	case $1 in
	config | set) echo tests/fuzz/config.dict ;;
	esac
}

nfiles() { find "$1" -maxdepth 1 -type f ! -name '.*' 2>/dev/null | wc -l; }
stat_of() { sed -n "s/^stat::$1: *//p" "$2" | tail -n 1; }

table=()
found_any=0
for t in "$@"; do
	bin=build/fuzz/libfuzzer/fuzz_$t
	work=build/fuzz/corpus/$t
	findings=build/fuzz/findings/$t
	log=build/fuzz/log/$t.log
	seeds=tests/fuzz/corpus/$t
	crashes=tests/fuzz/crashes/$t
	if [ ! -x "$bin" ]; then
		echo "fuzz $t: $bin not built" >&2
		found_any=1
		continue
	fi
	mkdir -p "$work" "$findings" "$(dirname "$log")"
	rm -f "$findings"/*
	dirs=("$work" "$seeds")
	[ -d "$crashes" ] && dirs+=("$crashes")
	opts=(-max_total_time="$secs" -print_final_stats=1 -timeout=10 -rss_limit_mb=1024
		-max_len="$(max_len "$t")" -artifact_prefix="$findings/")
	d=$(dict "$t")
	[ -n "$d" ] && opts+=(-dict="$d")
	before=$(nfiles "$work")
	echo "fuzz $t: ${secs}s, corpus $before + $(nfiles "$seeds") seeds + $(nfiles "$crashes") crashes (log: $log)"
	start=$(date +%s)
	# shellcheck disable=SC2086 # FUZZ_ARGS: words
	"$bin" "${opts[@]}" ${FUZZ_ARGS:-} "${dirs[@]}" </dev/null >"$log" 2>&1
	rc=$?
	took=$(($(date +%s) - start))

	execs=$(stat_of number_of_executed_units "$log")
	rate=$(stat_of average_exec_per_sec "$log")
	added=$(stat_of new_units_added "$log")
	# The last status line: "#N DONE cov: C ft: F corp: ..." (or the last
	# one before a crash).
	status=$(grep -E '^#[0-9]+.*cov: [0-9]+' "$log" | tail -n 1)
	cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$status")
	ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$status")
	after=$(nfiles "$work")

	n=0
	for f in "$findings"/*; do
		[ -f "$f" ] || continue
		case ${f##*/} in crash-* | leak-* | timeout-* | oom-*) ;; *) continue ;; esac
		mkdir -p "$crashes"
		cp "$f" "$crashes/"
		echo "fuzz $t: FINDING ${f##*/}, kept as $crashes/${f##*/}"
		n=$((n + 1))
	done
	if [ "$rc" -ne 0 ] && [ "$n" -eq 0 ]; then
		# Not a finding libFuzzer saved: the harness could not run.
		tail -n 20 "$log" | sed 's/^/    /'
		echo "fuzz $t: libFuzzer exited with status $rc and saved no input"
		n=1
	fi
	[ "$n" -eq 0 ] || { found_any=1; tail -n 40 "$log" | sed 's/^/    /'; }
	line=$(printf '%-10s %10s execs %6ss %8s/s  cov %5s  ft %6s  corpus %5s -> %-5s (+%s new)  findings %s' \
		"$t" "${execs:-?}" "$took" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$before" "$after" "${added:-?}" "$n")
	echo "fuzz $line"
	table+=("$line")
done

echo
echo "fuzz summary (${secs}s a target; working corpora in build/fuzz/corpus):"
printf '  %s\n' "${table[@]}"
if [ "$found_any" -ne 0 ]; then
	echo "fuzz: findings above; their inputs are in tests/fuzz/crashes/ (make check replays them)"
	exit 1
fi
