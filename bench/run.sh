#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# bench/run.sh — `make bench`: the start-up cost of cella (configs/bench.ini
# and cella's defaults) against the least code that isolates the same way
# (bench/floor.c min and default), a plain chroot, bubblewrap, crun and tini,
# in one hyperfine run; the system calls of each start; start-up against the
# number of bind and tmpfs mounts; cella's binary size; the memory of its
# supervisor once settled (foreground, run -d, with and without a terminal
# relay).  See bench/README.md.
#
# Environment: CELLA (default build/cella), BENCH_RUNS (200), BENCH_WARMUP (20),
# BENCH_SCALE_RUNS (20: each point of the mounts scale).
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
	umount "$TMP/run" 2>/dev/null || true
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

# cella's defaults: a file with nothing but what it must say
DEFAULT=$TMP/default.ini
printf '[container]\nname = benchdef\n[process]\nexec = /bin/true\n' >"$DEFAULT"
# cella's state directory on a tmpfs, as its default /run/cella is on a
# real system (this machine's /tmp or /run may be a disk filesystem, where
# creating and removing the lock and state files costs several times more).
mkdir -p "$TMP/run"
mount -t tmpfs -o mode=0755,size=4m cella-bench "$TMP/run"
if [ -x "$CELLA" ]; then
	# set here, not with env(1) on the command line, so that no extra exec
	# is timed; hyperfine passes it on
	export CELLA_STATE_DIR=$TMP/run/cella-state
	mkdir -p "$CELLA_STATE_DIR"
fi

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
add_cella() { # NAME ARGS
	if [ -x "$CELLA" ]; then
		add "$1" "$CELLA run --set root.path=$ROOTFS $2"
	else
		ORDER+=("$1")
		WHY[$1]="$CELLA does not exist"
	fi
}

add direct "chroot $ROOTFS /bin/true"
add floor-min "$OUT/floor min $ROOTFS /bin/true"
add_cella cella-min "$CONFIG"
add floor-def "$OUT/floor default $ROOTFS /bin/true"
add_cella cella-def "$DEFAULT"
# [seccomp]: the default configuration without the filter (its build,
# install and the state file cella exec reads)
add_cella cella-def-nosc "--set seccomp.profile=none $DEFAULT"
# with a user namespace: root inside is 100000 outside (hyperfine -N cannot
# pass a --set value with spaces: a file)
{ cat "$DEFAULT"; printf '\n[namespaces]\nuser = yes\nuid-map = 0 100000 65536\ngid-map = 0 100000 65536\n'; } \
	>"$TMP"/bench-userns.ini
add_cella cella-def-userns "$TMP/bench-userns.ini"
# [cgroup]: the minimal configuration with a cgroup of its own (no limit:
# made, the child moved in, killed-and-removed at the end; on a hybrid host
# one directory in each of cgroup2 and the v1 memory, pids and cpuacct
# hierarchies)
add_cella cella-min-cgroup "--set cgroup.pids.max=max $CONFIG"
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
add crun "$OUT/crunwrap $CRUN run --bundle $BUNDLE @id"
add crun-wrap "$OUT/crunwrap /bin/true"
if command -v tini-static >/dev/null; then
	add tini "$(command -v tini-static) -s -- /bin/true"
fi

# --- one hyperfine run -------------------------------------------------------
# hyperfine_rows OUTFILE RUNS WARMUP NAME...: the named commands in one run;
# one that fails part-way (hyperfine stops at the first failing run) is
# marked failed and the run repeated without it. "name mean sd median" (ms)
# lines go to OUTFILE.
HOW="hyperfine -N"
NOSHELL=(-N)
if ! hyperfine -N --runs 1 --style none true >/dev/null 2>&1; then HOW="hyperfine"; NOSHELL=(); fi
hyperfine_rows() {
	local out=$1 runs=$2 warmup=$3 name bad err
	shift 3
	while :; do
		args=()
		for name in "$@"; do
			[ -n "${CMD[$name]:-}" ] && args+=(-n "$name" "${CMD[$name]}")
		done
		[ "${#args[@]}" -gt 0 ] || { : >"$out"; return 0; }
		if hyperfine "${NOSHELL[@]}" --warmup "$warmup" --runs "$runs" --style basic \
			--export-json "$out.json" "${args[@]}" >"$out.txt" 2>&1; then break; fi
		bad=$(sed -n 's/^Benchmark [0-9]*: //p' "$out.txt" | tail -n 1)
		if [ -z "$bad" ] || [ -z "${CMD[$bad]:-}" ]; then
			cat "$out.txt" >&2
			die "hyperfine failed"
		fi
		# hyperfine hides the output; one more run shows why
		err=$(timeout -k 1 20 bash -c "${CMD[$bad]}" 2>&1 >/dev/null </dev/null | head -n 1) || true
		WHY[$bad]="failed during hyperfine ($(grep -o -m 1 'non-zero exit code: [0-9]*' "$out.txt" || echo "see $out.txt"))${err:+: $err}"
		unset "CMD[$bad]"
		log "$bad: ${WHY[$bad]}"
	done
	jq -r '.results[] | "\(.command) \(.mean * 1000) \(.stddev * 1000) \(.median * 1000)"' \
		"$out.json" >"$out"
}

log "hyperfine: ${#ORDER[@]} commands, $RUNS runs each after $WARMUP warm-up runs (output: $OUT/startup.txt)"
hyperfine_rows "$OUT/startup" "$RUNS" "$WARMUP" "${ORDER[@]}"
cp "$OUT/startup.json" "$OUT/results.json"

say ""
say "start-up: run /bin/true isolated, $RUNS runs each ($HOW)"
say ""
say "              mean ± sd (ms)   median (ms)   vs its floor"
for name in "${ORDER[@]}"; do
	[ "$name" = crun-wrap ] && continue
	printf '%s %s\n' "$name" "${WHY[$name]:-}"
done | awk '
	FILENAME == ARGV[1] { mean[$1] = $2; sd[$1] = $3; med[$1] = $4; next }
	{
		name = $1; $1 = ""; why = substr($0, 2)
		if (!(name in mean)) { printf "  %-16s %8s   %s\n", name, "failed", why; next }
		m = mean[name]; s = sd[name]; d = med[name]; note = ""
		if (name == "crun" && ("crun-wrap" in mean)) {
			note = sprintf("  (%.2f ms minus the %.2f ms wrapper)", m, mean["crun-wrap"])
			m -= mean["crun-wrap"]; s = sqrt(s * s + sd["crun-wrap"] ^ 2)
			d -= med["crun-wrap"]
		} else if (name == "crun")
			note = "  (wrapper included: measuring it alone failed)"
		fl = name ~ /-def/ ? "floor-def" : "floor-min"
		ratio = "   -"
		if (name != "direct" && name != "tini" && (fl in mean))
			ratio = sprintf("%5.2fx %s", m / mean[fl], fl)
		printf "  %-16s %8.2f ± %-6.2f %9.2f      %s%s\n", name, m, s, d, ratio, note
		M[name] = m; D[name] = d
	}
	END {
		print ""
		for (i = 0; i < 2; i++) {
			c = i ? "cella-def" : "cella-min"; f = i ? "floor-def" : "floor-min"
			if ((c in M) && (f in M))
				printf "  %s / %s = %.2fx by the mean, %.2fx by the median (target <= 1.20x: %s)\n",
					c, f, M[c] / M[f], D[c] / D[f],
					M[c] / M[f] <= 1.2 ? "met" : sprintf("missed by %.2f ms", M[c] - 1.2 * M[f])
		}
	}' "$OUT/startup" -
say ""
say "  -min: configs/bench.ini; -def: cella's defaults (a file with root and exec only)."
say "  floor-min, floor-def: bench/floor.c doing the same isolation with the least code"
say "  (namespaces, loopback, mounts, /dev, masks, read-only paths, capability sets,"
say "  no_new_privs, an init as PID 1 for -def), = 1.00x. bwrap and crun against floor-min"
say "  (they do about what bench.ini does); direct (a chroot) and tini (an init, no"
say "  isolation) for scale. cella-def-nosc: the defaults with seccomp.profile = none;"
say "  cella-def-userns: the defaults with namespaces.user = yes (0 -> 100000, 65536 ids)."
say "  crun: runs under build/bench/crunwrap, a private mount namespace without"
why=""
[ -z "$HYBRID" ] || why=" (crun refuses this host's hybrid cgroups)"
say "        $UNIFIED$why,"
say "        with${CRUN#crun --root "$CRUN_ROOT"} --root TMP; the wrapper's own cost"
say "        (crun-wrap: it exec'ing the host's /bin/true) is subtracted"

# --- system calls ------------------------------------------------------------
say ""
say "system calls of one start (strace -f -c; all processes):"
if command -v strace >/dev/null; then
	for name in floor-min cella-min floor-def cella-def; do
		if [ -z "${CMD[$name]:-}" ]; then
			printf '  %-10s failed\n' "$name"
			continue
		fi
		# shellcheck disable=SC2086 # the command line is words
		strace -f -c -o "$OUT/strace-$name.txt" ${CMD[$name]} >/dev/null 2>&1 </dev/null || true
		awk -v n="$name" '
			$NF == "total" { total = $4 }
			$NF == "prctl" { prctl = $4 }
			$NF == "mount" { mount = $4 }
			END { printf "  %-10s %4d calls (prctl %d, mount %d)\n", n, total, prctl, mount }' \
			"$OUT/strace-$name.txt"
	done
	say "  (build/bench/strace-NAME.txt has the table of each)"
else
	say "  not measured: strace is not installed"
fi

# --- scale: start-up against the number of mounts ----------------------------
# configs/bench.ini plus N bind or N tmpfs mounts onto directories made
# beforehand (mkdir is not a mount's cost); N = 0 is the bench.ini row.
say ""
SCALE_RUNS=${BENCH_SCALE_RUNS:-20}
say "scale: start-up of cella-min with N more mounts, $SCALE_RUNS runs each ($HOW):"
say ""
if [ -x "$CELLA" ]; then
	mkdir -p "$TMP/bindsrc" "$ROOTFS/bench-m"
	for i in $(seq 0 499); do mkdir -p "$ROOTFS/bench-m/$i"; done
	add base-0 "$CELLA run --set root.path=$ROOTFS $CONFIG"
	SCALE=(base-0)
	for kind in bind tmpfs; do
		for n in 1 10 100 500; do
			ini=$TMP/scale-$kind-$n.ini
			# bench.ini ends with its [mounts] section
			{
				cat "$CONFIG"
				for i in $(seq 0 $((n - 1))); do
					if [ "$kind" = bind ]; then
						echo "bind = $TMP/bindsrc /bench-m/$i"
					else
						echo "tmpfs = /bench-m/$i size=64k"
					fi
				done
			} >"$ini"
			add "$kind-$n" "$CELLA run --set root.path=$ROOTFS $ini"
			SCALE+=("$kind-$n")
		done
	done
	hyperfine_rows "$OUT/scale" "$SCALE_RUNS" 3 "${SCALE[@]}"
	say "  mounts     bind: mean (ms)  ms/mount     tmpfs: mean (ms)  ms/mount"
	awk -v base="$(awk '$1 == "base-0" { print $2 }' "$OUT/scale")" '
		{ split($1, a, "-"); m[a[1], a[2]] = $2 }
		END {
			for (i = 1; i <= 4; i++) {
				n = i == 1 ? 1 : i == 2 ? 10 : i == 3 ? 100 : 500
				line = sprintf("  %6d", n)
				for (k = 0; k < 2; k++) {
					kind = k ? "tmpfs" : "bind"
					if ((kind, n) in m)
						line = line sprintf("     %12.2f  %9.3f", m[kind, n], base != "" ? (m[kind, n] - base) / n : 0)
					else
						line = line sprintf("     %12s  %9s", "failed", "-")
				}
				print line
			}
		}' "$OUT/scale"
	# cella's own work per mount, free of the machine's noise: the system
	# calls of a start with 10 and with 500 mounts
	if command -v strace >/dev/null; then
		for kind in bind tmpfs; do
			for n in 10 500; do
				# shellcheck disable=SC2086 # the command line is words
				strace -f -c -o "$OUT/strace-$kind-$n.txt" ${CMD[$kind-$n]:-false} >/dev/null 2>&1 </dev/null || true
			done
			awk -v k="$kind" '
				$NF == "total" { c[++i] = $4 }
				END { if (i == 2) printf "  %s: %d system calls with 10 mounts, %d with 500: %.2f a mount\n", k, c[1], c[2], (c[2] - c[1]) / 490 }' \
				"$OUT/strace-$kind-10.txt" "$OUT/strace-$kind-500.txt"
		done
	fi
	say "  ms/mount: (mean - the mean without them) / N; flat = the same at 10, 100 and 500"
	say "  (without them: $(awk '$1 == "base-0" { printf "%.2f ms", $2 }' "$OUT/scale"))"
	rm -rf "$ROOTFS/bench-m"
else
	say "  failed: $CELLA does not exist"
fi

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
say "size of build/cella, stripped (target <= 100 KB with every subsystem; make size has the detail):"
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
	wait "$1" 2>/dev/null
}
below() { # PID: its descendants
	local c
	# shellcheck disable=SC2013 # the file holds space-separated pids
	for c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
		echo "$c"
		below "$c"
	done
}
# mem LABEL PID [RSS-TARGET PSS-TARGET]: VmRSS and Pss of PID once a process
# below it runs sleep.
mem() {
	local label=$1 pid=$2 tries=200 c found="" rss pss t=""
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
		printf '  %-34s failed (no sleeping workload below pid %s)\n' "$label" "$pid"
		return 1
	fi
	if [ -n "${3:-}" ]; then
		t="   targets met"
		if [ "$rss" -gt "$3" ] || [ "$pss" -gt "$4" ]; then
			t="   missed:"
			[ "$rss" -le "$3" ] || t="$t VmRSS by $((rss - $3)) kB"
			[ "$pss" -le "$4" ] || t="$t Pss by $((pss - $4)) kB"
		fi
	fi
	printf '  %-34s VmRSS %5d kB   Pss %5d kB%s\n' "$label" "$rss" "$pss" "$t"
}
# settled LABEL PID: mem once the supervisor has trimmed itself (after 1 s)
settled() {
	sleep 1.5
	mem "$1" "$2" 64 48 || true
}

say ""
say "memory of the supervisor once settled (1.5 s after the start), target VmRSS <= 64 kB, Pss <= 48 kB:"
if [ -x "$CELLA" ]; then
	export CELLA_STATE_DIR=$TMP/run/cella-mem
	mkdir -p "$CELLA_STATE_DIR"
	for term in no yes; do
		# foreground; with terminal = yes stdin is a pipe, which the relay
		# serves like a terminal (the workload gets a pty all the same)
		sleep 5 | "$CELLA" run --set root.path="$ROOTFS" --set process.terminal="$term" \
			"$CONFIG" -- /bin/sleep 4 >/dev/null 2>"$TMP"/cella-mem.err &
		pid=$!
		BG_PIDS+=("$pid")
		# $! is the last command of the pipeline: cella
		mem "cella run, terminal=$term (at start)" "$pid" >/dev/null || true
		settled "cella run, terminal=$term" "$pid"
		reap "$pid" || say "  cella: exit $?: $(head -n 1 "$TMP"/cella-mem.err)"
		# run -d: the supervisor is monitor_pid of the state file
		if "$CELLA" run -d --set root.path="$ROOTFS" --set process.terminal="$term" \
			--set container.name=benchd "$CONFIG" -- /bin/sleep 4 >/dev/null 2>"$TMP"/cella-mem.err </dev/null; then
			mpid=$(sed -n 's/^monitor_pid=//p' "$CELLA_STATE_DIR"/benchd/state 2>/dev/null || true)
			if [ -n "$mpid" ]; then
				settled "cella run -d, terminal=$term" "$mpid"
			else
				say "  cella run -d, terminal=$term: no monitor_pid in the state file"
			fi
			"$CELLA" stop benchd --timeout 1s >/dev/null 2>&1 || true
		else
			printf '  %-34s failed: %s\n' "cella run -d, terminal=$term" "$(head -n 1 "$TMP"/cella-mem.err)"
		fi
	done
else
	printf '  %-34s failed: %s does not exist\n' cella "$CELLA"
fi
"$OUT"/floor default "$ROOTFS" /bin/sleep 2 &
pid=$!
BG_PIDS+=("$pid")
mem "floor default (for reference)" "$pid" || true
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
