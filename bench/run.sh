#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# bench/run.sh — `make bench`: the start-up cost of cella against the least
# code that isolates the same way (bench/floor.c), a plain chroot, bubblewrap
# and crun, in one hyperfine run; then cella's binary size and the resident
# memory of its supervisor (with tini's for comparison).  See bench/README.md.
#
# Environment: CELLA (default build/cella), BENCH_RUNS (200), BENCH_WARMUP (20).
# Needs root.  A missing or failing cella only marks its rows "failed".
set -euo pipefail

cd "$(dirname "$0")/.."
TOP=$PWD
OUT=$TOP/build/bench
CELLA=${CELLA:-$TOP/build/cella}
CONFIG=$TOP/configs/bench.ini
RUNS=${BENCH_RUNS:-200}
WARMUP=${BENCH_WARMUP:-20}
UNIFIED=/sys/fs/cgroup/unified

say() { printf '%s\n' "$*"; }
log() { printf 'bench: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root (namespaces, mounts, mknod)"
mkdir -p "$OUT"
TMP=$(mktemp -d /tmp/cella-bench.XXXXXX)
CRUN_ROOT=$TMP/crun-state
BG_PIDS=()

cleanup() {
	local p id
	for p in "${BG_PIDS[@]}"; do
		kill "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	if [ -d "$CRUN_ROOT" ] && command -v crun >/dev/null; then
		for id in $(crun --root "$CRUN_ROOT" list -q 2>/dev/null); do
			crun --root "$CRUN_ROOT" delete -f "$id" >/dev/null 2>&1 || true
		done
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- packages ----------------------------------------------------------------
PKGS=(hyperfine bubblewrap crun musl-tools busybox-static tini jq file binutils)
if [ -f scripts/ensure-packages.sh ]; then
	bash scripts/ensure-packages.sh "${PKGS[@]}" >&2
else
	missing=()
	for p in "${PKGS[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
			missing+=("$p")
	done
	if [ "${#missing[@]}" -gt 0 ]; then
		log "installing ${missing[*]}"
		apt-get update -qq >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends "${missing[@]}" >&2
	fi
fi

# --- rootfs: bench-private, so the tests' build/rootfs is never touched ----
ROOTFS=$OUT/rootfs
minimal_rootfs() {
	local a
	rm -rf "$ROOTFS"
	mkdir -p "$ROOTFS"/bin "$ROOTFS"/etc "$ROOTFS"/tmp
	cp /bin/busybox "$ROOTFS"/bin/busybox
	for a in sh true sleep; do ln -s busybox "$ROOTFS/bin/$a"; done
	echo 'root:x:0:0:root:/root:/bin/sh' >"$ROOTFS"/etc/passwd
	echo 'root:x:0:' >"$ROOTFS"/etc/group
}
if [ -f scripts/mkrootfs.sh ] &&
	bash scripts/mkrootfs.sh "$ROOTFS" >"$OUT"/mkrootfs.log 2>&1 &&
	[ -x "$ROOTFS"/bin/true ] && [ -x "$ROOTFS"/bin/sleep ]; then
	log "rootfs: $ROOTFS (scripts/mkrootfs.sh)"
else
	log "rootfs: scripts/mkrootfs.sh missing or failed; minimal busybox rootfs in $ROOTFS"
	minimal_rootfs
fi
mkdir -p "$ROOTFS"/proc "$ROOTFS"/dev "$ROOTFS"/sys # mount points the floor needs

# --- the floor, and crun's wrapper -----------------------------------------
for prog in floor crunwrap; do
	musl-gcc -static -Os -Wall -Wextra -o "$OUT/$prog" "bench/$prog.c"
	strip "$OUT/$prog"
done

# --- the commands ------------------------------------------------------------
# Each is run once first; one that fails is left out of the hyperfine run and
# its row says "failed" with the reason.
declare -A CMD WHY
ORDER=()
add() { # NAME COMMAND-LINE (hyperfine splits it into words; no shell)
	local name=$1 cmd=$2 err rc
	ORDER+=("$name")
	if err=$(timeout -k 1 20 bash -c "$cmd" 2>&1 >/dev/null </dev/null); then
		CMD[$name]=$cmd
	else
		rc=$?
		err=$(printf '%s\n' "$err" | head -n 1)
		WHY[$name]="exit $rc${err:+: $err}"
		log "$name: failed once, left out: ${WHY[$name]}"
	fi
}

add direct "chroot $ROOTFS /bin/true"
add floor "$OUT/floor $ROOTFS /bin/true"

if [ -x "$CELLA" ]; then
	# set here, not with env(1) on the command line, so that no extra exec
	# is timed; hyperfine passes it on
	export CELLA_STATE_DIR=$TMP/cella-state
	mkdir -p "$CELLA_STATE_DIR"
	add cella "$CELLA run --set root.path=$ROOTFS $CONFIG"
	# [seccomp]: the same without the filter (its build, install and the
	# state file cella exec reads)
	add cella-nosc "$CELLA run --set root.path=$ROOTFS --set seccomp.profile=none $CONFIG"
	# the same with a user namespace: root inside is 100000 outside
	# (hyperfine -N cannot pass a --set value with spaces: a file)
	{ cat "$CONFIG"; printf '\n[namespaces]\nuser = yes\nuid-map = 0 100000 65536\ngid-map = 0 100000 65536\n'; } \
		>"$TMP"/bench-userns.ini
	add cella-userns "$CELLA run --set root.path=$ROOTFS $TMP/bench-userns.ini"
else
	ORDER+=(cella)
	WHY[cella]="$CELLA does not exist"
	log "cella: ${WHY[cella]}"
fi

add bwrap "bwrap --unshare-pid --unshare-net --unshare-uts --unshare-ipc --bind $ROOTFS / --proc /proc --dev /dev /bin/true"

# crun: an OCI bundle made from `crun spec`, then edited.  On a hybrid
# cgroup host (v1 controllers + an empty cgroup2 at /sys/fs/cgroup/unified)
# crun refuses to run ("cgroups in hybrid mode not supported"), so it runs
# under bench/crunwrap.c: a private mount namespace without that mount.  The
# wrapper's own cost is measured as "crun-wrap" (the wrapper exec'ing the
# host's /bin/true) and subtracted from crun's row.
BUNDLE=$OUT/crun
rm -rf "$BUNDLE" && mkdir -p "$BUNDLE" "$CRUN_ROOT"
(cd "$BUNDLE" && crun spec)
jq --arg root "$ROOTFS" '
	.root = {path: $root, readonly: false}
	| .process.args = ["/bin/true"]
	| .process.terminal = false
	| .linux.namespaces = [{type: "pid"}, {type: "mount"}, {type: "uts"},
	                       {type: "ipc"}, {type: "network"}]' \
	"$BUNDLE"/config.json >"$BUNDLE"/config.json.new
mv "$BUNDLE"/config.json.new "$BUNDLE"/config.json

HYBRID=""
if [ "$(stat -f -c %T /sys/fs/cgroup)" != cgroup2fs ] &&
	[ "$(stat -f -c %T "$UNIFIED" 2>/dev/null)" = cgroup2fs ]; then
	HYBRID=1
fi
CRUN="crun --root $CRUN_ROOT"
if crun --help 2>&1 | grep -q -- --cgroup-manager; then
	CRUN="$CRUN --cgroup-manager=disabled"
fi
# crunwrap turns @id into id-PID: a container id unique to each run
crun_cmd="$OUT/crunwrap $CRUN run --bundle $BUNDLE @id"
wrap_cmd="$OUT/crunwrap /bin/true"
add crun "$crun_cmd"
add crun-wrap "$wrap_cmd"

# --- one hyperfine run -------------------------------------------------------
# Should a command fail part-way (hyperfine stops at the first failing run),
# it is marked failed and the run is repeated without it.
HF=(hyperfine --warmup "$WARMUP" --runs "$RUNS" --style basic
	--export-json "$OUT"/results.json)
HOW="hyperfine -N"
if hyperfine -N --runs 1 --style none true >/dev/null 2>&1; then HF+=(-N); else HOW="hyperfine"; fi
while :; do
	args=()
	for name in "${ORDER[@]}"; do
		[ -n "${CMD[$name]:-}" ] && args+=(-n "$name" "${CMD[$name]}")
	done
	[ "${#args[@]}" -gt 0 ] || die "nothing to measure"
	log "hyperfine: $((${#args[@]} / 3)) commands, $RUNS runs each after $WARMUP warm-up runs (output: $OUT/hyperfine.txt)"
	if "${HF[@]}" "${args[@]}" >"$OUT"/hyperfine.txt 2>&1; then break; fi
	bad=$(sed -n 's/^Benchmark [0-9]*: //p' "$OUT"/hyperfine.txt | tail -n 1)
	if [ -z "$bad" ] || [ -z "${CMD[$bad]:-}" ]; then
		cat "$OUT"/hyperfine.txt >&2
		die "hyperfine failed"
	fi
	# hyperfine hides the output; one more run shows why
	err=$(timeout -k 1 20 bash -c "${CMD[$bad]}" 2>&1 >/dev/null </dev/null | head -n 1) || true
	WHY[$bad]="failed during hyperfine ($(grep -o -m 1 'non-zero exit code: [0-9]*' "$OUT"/hyperfine.txt || echo "see $OUT/hyperfine.txt"))${err:+: $err}"
	unset "CMD[$bad]"
	log "$bad: ${WHY[$bad]}"
done

# name mean_ms sd_ms median_ms, one line a command
jq -r '.results[] | "\(.command) \(.mean * 1000) \(.stddev * 1000) \(.median * 1000)"' \
	"$OUT"/results.json >"$TMP"/times

say ""
say "start-up: run /bin/true isolated, $RUNS runs each ($HOW)"
say ""
say "                 mean ± sd (ms)   median (ms)   mean vs floor"
for name in "${ORDER[@]}"; do
	[ "$name" = crun-wrap ] && continue
	printf '%s %s\n' "$name" "${WHY[$name]:-}"
done | awk '
	FILENAME == ARGV[1] { mean[$1] = $2; sd[$1] = $3; med[$1] = $4; next }
	{
		name = $1; $1 = ""; why = substr($0, 2)
		if (!(name in mean)) { printf "  %-12s %8s   %s\n", name, "failed", why; next }
		m = mean[name]; s = sd[name]; d = med[name]; note = ""
		if (name == "crun" && ("crun-wrap" in mean)) {
			note = sprintf("  (%.2f ms minus the %.2f ms wrapper)", m, mean["crun-wrap"])
			m -= mean["crun-wrap"]; s = sqrt(s * s + sd["crun-wrap"] ^ 2)
			d -= med["crun-wrap"]
		} else if (name == "crun")
			note = "  (wrapper included: measuring it alone failed)"
		ratio = ("floor" in mean) ? sprintf("%5.2fx", m / mean["floor"]) : "   -"
		printf "  %-12s %8.2f ± %-6.2f %9.2f      %s%s\n", name, m, s, d, ratio, note
	}' "$TMP"/times -
say ""
say "  floor: bench/floor.c, the least code that isolates the same way (= 1.00x)"
say "  cella-userns: cella with namespaces.user = yes (uid-map, gid-map 0 100000 65536)"
say "  targets: cella <= 1.5x, bubblewrap about 3x, crun about 5x the floor"
say "  crun: runs under build/bench/crunwrap, a private mount namespace without"
why=""
[ -z "$HYBRID" ] || why=" (crun refuses this host's hybrid cgroups)"
say "        $UNIFIED$why,"
say "        with${CRUN#crun --root "$CRUN_ROOT"} --root TMP; the wrapper's own cost"
say "        (crun-wrap: it exec'ing the host's /bin/true) is subtracted"

# --- [network]: made by cella, or by ip(8) around a plain run ---------------
# The same veth pair (host end 10.214.0.1/24, eth0 inside 10.214.0.2/24, both
# up) made by cella's [network] over rtnetlink, and by bench/ip-net.sh: ip
# netns add, six ip commands, a cella run that joins the namespace, ip link
# del, ip netns del (a /bin/sh script: its own start is part of the price).
NET_RUNS=${BENCH_NET_RUNS:-50}
say ""
if [ -x "$CELLA" ] && command -v ip >/dev/null; then
	NETSET="--set network.veth=cbh0 --set network.host-address=10.214.0.1/24 --set network.address=10.214.0.2/24"
	cmds=(-n cella "$CELLA run --set root.path=$ROOTFS $CONFIG"
		-n cella-net "$CELLA run --set root.path=$ROOTFS $NETSET $CONFIG"
		-n ip-net "/bin/sh $TOP/bench/ip-net.sh $CELLA $ROOTFS $CONFIG")
	if hyperfine --warmup 5 --runs "$NET_RUNS" --style basic -N --export-json "$OUT"/net.json \
		"${cmds[@]}" >"$OUT"/net.txt 2>&1; then
		say "start-up with a veth pair and addresses, $NET_RUNS runs each:"
		say ""
		say "             mean ± sd (ms)   median (ms)"
		jq -r '.results[] | "\(.command) \(.mean * 1000) \(.stddev * 1000) \(.median * 1000)"' "$OUT"/net.json |
			awk '{ printf "  %-10s %7.2f ± %-6.2f %9.2f\n", $1, $2, $3, $4 }'
		say ""
		say "  cella: no [network] (loopback only); cella-net: [network] veth,"
		say "  host-address, address; ip-net: bench/ip-net.sh (ip netns, ip link, ip addr"
		say "  around a cella run that joins the namespace)"
	else
		say "[network] start-up: failed (see $OUT/net.txt)"
	fi
else
	say "[network] start-up: skipped (no $CELLA or no ip)"
fi
if [ -f build/obj/network.o ]; then
	say ""
	say "code of [network] (text bytes of the objects):"
	size build/obj/network.o build/obj/netlink.o | awk 'NR > 1 { printf "  %-24s %6d\n", $6, $1; t += $1 } END { printf "  %-24s %6d\n", "total", t }'
fi

# --- size ------------------------------------------------------------------
say ""
say "size of build/cella, stripped (target < 150 KB):"
if [ -f "$CELLA" ]; then
	if strip -o "$TMP"/cella.stripped "$CELLA" 2>"$TMP"/strip.err; then
		size=$(stat -c %s "$TMP"/cella.stripped)
		awk -v n="$size" 'BEGIN { printf "  %d bytes = %.1f KB\n", n, n / 1024 }'
	else
		say "  failed: strip: $(head -n 1 "$TMP"/strip.err)"
	fi
	say "  $(file -b "$CELLA")"
else
	say "  failed: $CELLA does not exist"
fi

# --- [seccomp]: the cost of a system call under the filter --------------------
# tests/helpers/sysc.c in the rootfs loops a call N times and prints the
# nanoseconds a call; the median of 5 runs, default profile against none.
# getppid: an allowed call (Linux 5.11+ skips the filter for it through its
# cache of always-allowed calls); personality(0xffffffff) and unshare(0):
# calls the filter checks by argument, so it runs on every call.
say ""
N=1000000
say "[seccomp]: nanoseconds a system call inside, N=$N, median of 5 runs"
if [ -x "$ROOTFS"/usr/bin/sysc ] && [ -x "$CELLA" ]; then
	for call in getppid personality unshare; do
		line=$(printf '  %-12s' "$call")
		for p in default none; do
			ns=$(for i in 1 2 3 4 5; do
				CELLA_STATE_DIR=$TMP/cella-state "$CELLA" run --set root.path="$ROOTFS" \
					--set seccomp.profile=$p "$CONFIG" -- /usr/bin/sysc loop $N $call 2>/dev/null
			done | sort -n | sed -n 3p)
			line="$line  $p ${ns:-failed} ns"
		done
		say "$line"
	done
else
	say "  failed: no $ROOTFS/usr/bin/sysc (scripts/mkrootfs.sh) or no $CELLA"
fi

# --- supervisor memory -------------------------------------------------------
# reap PID: wait for it, at most 10 s, then kill it; its exit status
reap() {
	local tries=1000
	# (kill -0 succeeds on a zombie; its State says Z)
	while grep -q '^State:[[:space:]]*[^Z]' /proc/"$1"/status 2>/dev/null &&
		[ "$tries" -gt 0 ]; do
		sleep 0.01
		tries=$((tries - 1))
	done
	kill -KILL "$1" 2>/dev/null || true
	wait "$1"
}
# mem LABEL PID: VmRSS and Pss of PID once a process below it runs sleep.
below() { # PID: its descendants
	local c
	# shellcheck disable=SC2013 # the file holds space-separated pids
	for c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
		echo "$c"
		below "$c"
	done
}
mem() {
	local label=$1 pid=$2 tries=200 c found="" rss pss
	while [ -z "$found" ] && [ "$tries" -gt 0 ] && kill -0 "$pid" 2>/dev/null; do
		for c in $(below "$pid"); do
			[ "$(cat /proc/"$c"/comm 2>/dev/null)" = sleep ] && found=$c
		done
		tries=$((tries - 1))
		sleep 0.01
	done
	rss=$(awk '$1 == "VmRSS:" { print $2 }' /proc/"$pid"/status 2>/dev/null || true)
	pss=$(awk '$1 == "Pss:" { print $2 }' /proc/"$pid"/smaps_rollup 2>/dev/null || true)
	if [ -z "$found" ] || [ -z "$rss" ] || [ -z "$pss" ]; then
		printf '  %-22s failed (no sleeping workload below pid %s)\n' "$label" "$pid"
		return 1
	fi
	printf '  %-22s VmRSS %5d kB   Pss %5d kB\n' "$label" "$rss" "$pss"
}

say ""
say "resident memory of the supervisor while its workload sleeps (target < 100 kB):"
if [ -x "$CELLA" ]; then
	mkdir -p "$TMP"/cella-mem
	CELLA_STATE_DIR=$TMP/cella-mem "$CELLA" run --set root.path="$ROOTFS" \
		"$CONFIG" -- /bin/sleep 4 >/dev/null 2>"$TMP"/cella-mem.err &
	pid=$!
	BG_PIDS+=("$pid")
	mem "cella (at start)" "$pid" || true
	# After a second the supervisor gives back the code pages setup used.
	sleep 1.5
	mem "cella (after 1.5 s)" "$pid" || true
	reap "$pid" || say "  cella: exit $?: $(head -n 1 "$TMP"/cella-mem.err)"
else
	printf '  %-22s failed: %s does not exist\n' cella "$CELLA"
fi
"$OUT"/floor "$ROOTFS" /bin/sleep 2 &
pid=$!
BG_PIDS+=("$pid")
mem "floor (for reference)" "$pid" || true
wait "$pid" || true
for t in tini tini-static; do
	command -v "$t" >/dev/null || continue
	"$t" -s -- sleep 2 &
	pid=$!
	BG_PIDS+=("$pid")
	mem "$t ($(file -b "$(command -v "$t")" | grep -o -E '(static|dynamic)'))" "$pid" || true
	reap "$pid" || true
done
BG_PIDS=()
