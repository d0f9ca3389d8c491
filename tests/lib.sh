# SPDX-License-Identifier: GPL-2.0-only
# tests/lib.sh: the harness of the integration tests; source it.
#
# A test is the block from `t_begin NAME` to `t_end` (the next t_begin or the
# end of the file closes an open test too). Assertions record a reason and go
# on, so one run shows every broken expectation of a test. t_end runs the
# test's deferred cleanups (t_defer), then the leak checker (no mount under the
# rootfs or the test dirs, no state dir, no process whose command line holds
# the test's marker), and prints `ok - FILE: NAME` or `FAIL - FILE: NAME: why`.
#
# Every test gets a fresh directory $T_DIR whose name is its unique marker
# $T_MARK, so any cella started on an INI file in it carries the marker in its
# command line; workloads that should die with the test put "$T_MARK" in
# theirs too.
#
# shellcheck shell=bash disable=SC2034 # RC, OUT, ERR are for the test files

set -u

T_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CELLA=${CELLA:-$T_TOP/build/cella}
case $CELLA in /*) ;; *) CELLA=$PWD/$CELLA ;; esac
ROOTFS=${ROOTFS:-$T_TOP/build/rootfs}
case $ROOTFS in /*) ;; *) ROOTFS=$PWD/$ROOTFS ;; esac
T_FILE=$(basename "$0" .sh)
T_TIMEOUT=${T_TIMEOUT:-30}

# One temp dir per file: under run.sh's when there is one. A file run on its
# own builds the default rootfs itself (a no-op when it is up to date).
if [ -n "${CELLA_TEST_TMP:-}" ]; then
	T_BASE=$(mktemp -d "$CELLA_TEST_TMP/$T_FILE.XXXXXX")
else
	T_BASE=$(mktemp -d /tmp/cella-test.XXXXXX)
	if [ "$ROOTFS" = "$T_TOP/build/rootfs" ]; then
		bash "$T_TOP/scripts/mkrootfs.sh" "$ROOTFS" >&2 ||
			echo "# scripts/mkrootfs.sh $ROOTFS failed" >&2
	fi
fi
export CELLA_STATE_DIR=$T_BASE/state
mkdir -p "$CELLA_STATE_DIR"

T_PASS=0
T_FAILED=0
T_NAME=
T_N=0
T_REASONS=()
T_DEFER=()
T_RUN_NAMES=()
declare -A T_BG_OUT=()

# --- tests ------------------------------------------------------------------

t_begin() {
	[ -z "$T_NAME" ] || t_end
	T_NAME=$1
	T_N=$((T_N + 1))
	T_MARK=ct$$x$T_N
	T_DIR=$T_BASE/$T_MARK
	mkdir -p "$T_DIR"
	T_REASONS=()
	T_DEFER=()
	T_RUN_NAMES=()
	RC='' OUT='' ERR=''
	INI=
	T_ERRFILE=$T_DIR/err
	BG=
	C_ENV=()
	C_WRAP=()
	C_STDIN=
}

t_fail() { T_REASONS+=("$*"); }

t_end() {
	[ -n "$T_NAME" ] || return 0
	local i
	for ((i = ${#T_DEFER[@]} - 1; i >= 0; i--)); do
		eval "${T_DEFER[i]}" >/dev/null 2>&1
	done
	T_DEFER=()
	t_check_leaks
	if [ ${#T_REASONS[@]} -eq 0 ]; then
		T_PASS=$((T_PASS + 1))
		echo "ok - $T_FILE: $T_NAME"
	else
		T_FAILED=$((T_FAILED + 1))
		echo "FAIL - $T_FILE: $T_NAME: ${T_REASONS[0]}"
		for ((i = 1; i < ${#T_REASONS[@]}; i++)); do
			echo "    ${T_REASONS[i]}"
		done
	fi
	T_NAME=
}

# Run at the end of the test, last registered first (eval'd: quote for it).
t_defer() { T_DEFER+=("$*"); }

# A container name used with the default state dir (/run/cella), for the leak
# checker.
t_uses_name() { T_RUN_NAMES+=("$1"); }

t_finish() {
	t_end
	if [ -n "${CELLA_TEST_RESULTS:-}" ]; then
		echo "$T_PASS $T_FAILED" >>"$CELLA_TEST_RESULTS"
	else
		echo "$T_PASS passed, $T_FAILED failed"
	fi
	t_remove_base
}

t_remove_base() {
	local m
	# Never recurse into something still mounted.
	for m in $(t_mounts_under "$T_BASE" | sort -r); do
		umount -l "$m" 2>/dev/null
	done
	rm -rf --one-file-system "$T_BASE"
}

trap 't_finish' EXIT
trap 'exit 130' INT TERM

# --- assertions -------------------------------------------------------------

t_short() { printf '%s' "$1" | head -c 300 | tr '\n' '|'; }

t_eq() {
	[ "$1" = "$2" ] || t_fail "${3:-value}: expected '$(t_short "$1")', got '$(t_short "$2")'"
}

t_ne() {
	[ "$1" != "$2" ] || t_fail "${3:-value}: expected anything but '$(t_short "$1")'"
}

t_match() {
	[[ $2 =~ $1 ]] || t_fail "${3:-value}: '$(t_short "$2")' does not match /$1/"
}

t_nomatch() {
	[[ ! $2 =~ $1 ]] || t_fail "${3:-value}: '$(t_short "$2")' matches /$1/ but should not"
}

t_contains() {
	case $2 in *"$1"*) ;; *) t_fail "${3:-value}: '$(t_short "$2")' lacks '$1'" ;; esac
}

t_file_absent() {
	if [ -e "$1" ] || [ -L "$1" ]; then t_fail "${2:-$1}: exists but should not"; fi
}
t_file_exists() { [ -e "$1" ] || t_fail "${2:-$1}: missing"; }
t_dir_exists() { [ -d "$1" ] || t_fail "${2:-$1}: not a directory"; }

# t_rc N: the last run's exit status (with its stderr in the reason).
t_rc() {
	[ "$RC" = "$1" ] && return 0
	local why="exit status: expected $1, got $RC"
	case $RC in 124) why="$why (timed out)" ;; esac
	t_fail "$why; stderr: '$(t_short "$ERR")'"
	return 1
}

# t_one_line [REGEX]: stderr of the last run is exactly one non-empty line
# (matching REGEX).
t_one_line() {
	local n
	n=$(grep -c '' "$T_ERRFILE" 2>/dev/null) || n=0
	if [ "$n" -ne 1 ] || [ -z "$ERR" ]; then
		t_fail "stderr: expected exactly one line, got $n: '$(t_short "$ERR")'"
	fi
	if [ -n "${1:-}" ]; then
		t_match "$1" "$ERR" "stderr line"
	fi
}

# --- running cella ----------------------------------------------------------

# mkini NAME <<EOF ... EOF: the INI file $T_DIR/NAME.ini, path in $INI.
mkini() {
	INI=$T_DIR/$1.ini
	cat >"$INI"
}

# c_run ARG...: `cella ARG...` with a timeout; sets RC, OUT, ERR. C_ENV, when
# set, is a list of env(1) arguments for cella's environment; C_WRAP a command
# that runs cella (e.g. setpriv ... --).
C_ENV=()
C_WRAP=()
c_run() {
	T_ERRFILE=$T_DIR/err
	timeout -k 5 "$T_TIMEOUT" "${C_WRAP[@]}" env "${C_ENV[@]}" "$CELLA" "$@" \
		</dev/null >"$T_DIR/out" 2>"$T_ERRFILE"
	RC=$?
	OUT=$(cat "$T_DIR/out")
	ERR=$(cat "$T_ERRFILE")
}

# c_capture CMD...: any command, like c_run (timeout, RC, OUT, ERR); stdin
# from C_STDIN when set.
c_capture() {
	T_ERRFILE=$T_DIR/err
	timeout -k 5 "$T_TIMEOUT" "$@" <"${C_STDIN:-/dev/null}" >"$T_DIR/out" 2>"$T_ERRFILE"
	RC=$?
	OUT=$(cat "$T_DIR/out")
	ERR=$(cat "$T_ERRFILE")
}

# c_bg ARG...: `cella ARG...` in the background; its pid in BG. Bash starts
# background jobs with SIGINT and SIGQUIT ignored: env resets them, so cella
# starts as it would from an init script or a terminal.
C_BG_N=0
c_bg() {
	C_BG_N=$((C_BG_N + 1))
	local p=$T_DIR/bg$C_BG_N
	env --default-signal "${C_ENV[@]}" "$CELLA" "$@" \
		</dev/null >"$p.out" 2>"$p.err" &
	BG=$!
	T_BG_OUT[$BG]=$p
	t_defer "c_reap $BG"
}

# c_reap PID: kill a c_bg cella that c_wait has not collected.
c_reap() {
	[ -n "${T_BG_OUT[$1]:-}" ] || return 0
	kill -9 "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	unset "T_BG_OUT[$1]"
}

# c_wait PID [SECS]: wait for a c_bg cella (KILL after SECS); sets RC, OUT,
# ERR (RC 124 when it had to be killed). Polls /proc rather than running a
# watchdog subshell.
c_wait() {
	local pid=$1 n=$((${2:-$T_TIMEOUT} * 20)) p=${T_BG_OUT[$1]} line st
	# (bash's "Killed" job notices go to /dev/null)
	{
		while [ $n -gt 0 ]; do
			read -r line 2>/dev/null <"/proc/$pid/stat" || break
			st=${line##*) }
			[ "${st%% *}" != Z ] || break
			sleep 0.05
			n=$((n - 1))
		done
		[ $n -gt 0 ] || kill -9 "$pid" 2>/dev/null
		wait "$pid"
		RC=$?
	} 2>/dev/null
	[ $n -gt 0 ] || RC=124
	unset "T_BG_OUT[$pid]"
	T_ERRFILE=$p.err
	OUT=$(cat "$p.out")
	ERR=$(cat "$p.err")
}

# t_wait_for SECS CMD...: poll CMD until it succeeds; 1 on timeout.
t_wait_for() {
	local n=$(($1 * 20))
	shift
	while ! "$@"; do
		n=$((n - 1))
		[ $n -gt 0 ] || return 1
		sleep 0.05
	done
}

# The host pids of processes whose command line contains $1. The pattern is
# written so that grep's own command line does not match it.
marker_pids() {
	local m=$1
	grep -l -a -e "[${m:0:1}]${m:1}" /proc/[0-9]*/cmdline 2>/dev/null |
		sed -e 's|^/proc/||' -e 's|/cmdline$||' | grep -v -x -e "$$" -e "$BASHPID"
}

# bg_alive: the last c_bg cella is still running.
bg_alive() {
	local line st
	read -r line 2>/dev/null <"/proc/$BG/stat" || return 1
	st=${line##*) }
	[ "${st%% *}" != Z ]
}

# marker_pid PREFIX: the pid of the process with the test's marker whose
# command line starts with PREFIX (e.g. "/bin/sh "), waiting up to 10 s (or
# until the last c_bg cella has ended).
marker_pid() {
	local n=200 p
	while [ $n -gt 0 ]; do
		[ -z "${BG:-}" ] || bg_alive || n=1
		for p in $(marker_pids "$T_MARK"); do
			case $(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null) in
			"$1"*) echo "$p"; return 0 ;;
			esac
		done
		sleep 0.05
		n=$((n - 1))
	done
	return 1
}

# Mount points at or below DIR in this mount namespace.
t_mounts_under() {
	awk -v d="$1" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo
}

# --- the leak checker -------------------------------------------------------

t_check_leaks() {
	local pids p m d n=0
	while pids=$(marker_pids "$T_MARK") && [ -n "$pids" ] && [ $n -lt 40 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	for p in $pids; do
		t_fail "leak: process $p still running: $(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | head -c 200)"
		kill -9 "$p" 2>/dev/null
	done
	for m in $(t_mounts_under "$ROOTFS"; t_mounts_under "$T_BASE"); do
		t_fail "leak: $m is still mounted on the host"
	done
	for m in $( (t_mounts_under "$ROOTFS"; t_mounts_under "$T_BASE") | sort -r); do
		umount -l "$m" 2>/dev/null
	done
	for d in "$CELLA_STATE_DIR"/*/; do
		[ -d "$d" ] || continue
		d=${d%/}
		t_fail "leak: state dir $d left behind"
		rm -rf "$d"
	done
	for d in "${T_RUN_NAMES[@]}"; do
		if [ -e "/run/cella/$d" ]; then
			t_fail "leak: state dir /run/cella/$d left behind"
			rm -rf "/run/cella/${d:?}"
		fi
	done
}

# --- inside the container ---------------------------------------------------

# bit HEX N: 1 when bit N of the hex mask HEX is set.
bit() { echo $(((16#$1 >> $2) & 1)); }

# statusfield NAME TEXT: the value of "NAME:" in /proc/PID/status text.
statusfield() { printf '%s\n' "$2" | awk -v k="$1:" '$1 == k { $1 = ""; sub(/^[ \t]+/, ""); print; exit }'; }

# need_pkg PKG...: install Debian packages the tests use.
need_pkg() {
	if [ -x "$T_TOP/scripts/ensure-packages.sh" ]; then
		"$T_TOP/scripts/ensure-packages.sh" "$@" >&2
	else
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2
	fi
}
