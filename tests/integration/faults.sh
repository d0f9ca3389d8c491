#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Fault injection (SPEC "Exit status", "Lifecycle and files"): every system
# call of cella's setup fails, at each of its calls in turn, in both root
# modes (root.pivot = yes: pivot_root; no: MS_MOVE + chroot). Each run must
# either be refused -- 125 (126/127 when it is the workload's exec), exactly
# one line on stderr that names what failed and gives the cause -- or, when
# the call is one cella can do without, run the workload (exit 0, its
# output); and in both cases leave nothing behind: no mount, no state
# directory, no pid file, no process. Anything else is BAD -- but for a
# call of the cleanup after the workload's start (an unlink that fails
# cannot be undone), where one line that tells what is left will do.
#
# How: strace -e inject=SYSCALL:error=EIO:when=N. strace counts N in each
# traced process on its own, so one injection fails the N-th call of every
# process that gets that far. To give every call of every process a run:
#  - cella's own process: strace without -f (its children are not traced);
#  - the processes cella starts (the child that sets up the container and
#    then is its init, and the workload until its exec): strace -f, with
#    cella started by `burn SYSCALL N` (tests/helpers/burn.c), whose N calls
#    that fail anyway push cella's own calls of SYSCALL out of reach. The
#    init hardens itself while the workload sets up, so both fail at N;
#  - a workload call that the child's own N-th call, failing first, keeps
#    from running: strace -P PATH, where only the calls on PATH count; or,
#    for a call on no path, the same configuration with process.init = no,
#    where the child itself becomes the workload after its setup, so the
#    workload's call k is the child's call (the child's calls before its
#    fork) + k.
# strace's log says which calls did fail (INJECTED); a call that no run
# failed makes its test fail too. The workload (tests/helpers/ran.c) prints
# RAN with writev, so no fault lands in it after its exec.
#
# F_ONLY="ROW..." (e.g. "mount mknod=EPERM") runs only those rows of the matrix.
#
# The matrix (syscall x outcome, both modes) goes to stdout ("# " lines) and
# to build/faults-matrix.txt, followed there by every run, BAD ones first,
# with the calls it failed and what cella said.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

command -v strace >/dev/null || need_pkg strace

T_TIMEOUT=5
F_BURN=$ROOTFS/usr/bin/burn
F_MATRIX=$T_TOP/build/faults-matrix.txt
# The calls to fail: those of the issue, then every other call of cella's
# setup whose failure it has to handle. Names this architecture lacks (open,
# mkdir, stat... on arm64) are left out below.
F_CALLS="clone unshare setns mount umount2 pivot_root chroot mkdir mkdirat
	mknod mknodat open openat openat2 write prctl capset setresuid setgroups
	socketpair sendmsg sendto execve
	fork setresgid capget sethostname socket ioctl setsockopt bind chmod
	unlink symlink chdir flock rename renameat prlimit64 close_range statfs
	stat lstat newfstatat read readlink access poll recvmsg setsid dup2
	fchown signalfd4 pipe2"
# SYSCALL=ERRNO rows: an errno that cella answers with another path
# (mknod or mknodat EPERM, as in a user namespace: bind the host's node
# instead; musl uses one or the other, depending on the caller).
F_VARIANTS="mknod=EPERM mknodat=EPERM"
# Lines that say that something failed but not what.
F_GENERIC='setup failed|without a word|child is gone'

# musl's strerror() texts of the injected errnos.
f_why() {
	case $1 in
	EIO) echo 'I/O error' ;;
	EPERM) echo 'Operation not permitted' ;;
	esac
}

calls=()
for s in $F_CALLS; do
	strace -qq -o /dev/null -e trace="$s" true 2>/dev/null && calls+=("$s")
done
F_CALLS=${calls[*]}
F_TRACE=$(tr ' ' ',' <<<"$F_CALLS")

# The container joins the IPC namespace of a "sidecar" (the setns call);
# the holder has no marker, so it is not a leak.
setsid unshare --ipc sleep 3600 </dev/null >/dev/null 2>&1 &
F_HOLDER=$!
trap 'kill "$F_HOLDER" 2>/dev/null; t_finish' EXIT
f_holder_ready() { [ "$(readlink "/proc/$F_HOLDER/ns/ipc")" != "$(readlink /proc/self/ns/ipc)" ]; }
t_wait_for 5 f_holder_ready || echo "# unshare --ipc: no IPC namespace of its own to join"

# The configuration the faults are injected into: the default mounts, a
# tmpfs, a read-only bind, a mask, a read-only path, a read-only root, a
# hostname, a user with a supplementary group, limits, oom score, a
# terminal, a joined and a time namespace, notify (its socket bound in), a
# cgroup with limits (when this build has [cgroup]).
# f_ini MODE: $T_DIR/fault.ini, and $T_DIR/noinit.ini (process.init = no)
# in $F_NOINIT.
f_ini() {
	local time=
	[ ! -e /proc/self/ns/time ] || time='time = yes'
	F_CGROUP=
	if "$CELLA" help stats >/dev/null 2>&1; then
		F_CGROUP=$'[cgroup]\npids.max = 100\nmemory.max = 256M\ncpu.weight = 100'
	fi
	mkdir -p "$T_DIR/share"
	mkini fault <<EOF
[container]
hostname = box
[root]
path = $ROOTFS
pivot = $1
readonly = yes
[namespaces]
ipc = /proc/$F_HOLDER/ns/ipc
$time
[process]
exec = /usr/bin/ran $T_MARK
user = app
groups = extra
cwd = /home/app
terminal = yes
limit-nofile = 512
oom-score-adj = 100
[supervisor]
notify = yes
[mounts]
tmpfs = /tmp size=1M
tmpfs = /run mode=755
bind = $T_DIR/share /mnt ro
mask = /etc/hostname
readonly = /home
$F_CGROUP
EOF
	F_NOINIT=$T_DIR/noinit.ini
	sed 's/^\[process\]$/&\ninit = no/' "$INI" >"$F_NOINIT"
}

# f_calls DIR: "SYSCALL ROLE N INJECTED TIME CALL" for each call in the
# strace logs DIR/t.* of one run: N counts the calls of SYSCALL of that
# process, INJECTED is 1 when strace failed it, TIME is strace's -ttt time
# (or 0). ROLE: cella (the process that calls clone; its first execve, its
# own start, is not counted, as strace does not inject there), child (the
# process it clones) or workload (any other: the child's fork).
f_calls() {
	local f p0='' p1='' role
	for f in "$1"/t.*; do
		p1=$(sed -n 's/^[0-9.]* *clone(.*) = \([0-9][0-9]*\)$/\1/p' "$f" | head -n 1)
		if [ -n "$p1" ]; then p0=${f##*.} && break; fi
	done
	for f in "$1"/t.*; do
		[ -f "$f" ] || continue
		case ${f##*.} in
		"$p0") role=cella ;;
		"$p1") role=child ;;
		*) if [ -z "$p0" ]; then role=cella; else role=workload; fi ;;
		esac
		awk -v role="$role" '
			{ t = 0; if (match($0, /^[0-9]+\.[0-9]+ /)) {
				t = substr($0, 1, RLENGTH - 1); $0 = substr($0, RLENGTH + 1) }
			  i = index($0, "("); if (i < 2) next
			  s = substr($0, 1, i - 1); if (s !~ /^[a-z0-9_]+$/) next }
			role == "cella" && NR == 1 && s == "execve" { next }
			{ n[s]++; inj = / \(INJECTED\)$/ ? 1 : 0
			  print s, role, n[s], inj, t, substr($0, 1, 120) }' "$f"
	done
}

# f_path CALL: the path a call works on, as strace -y shows it, in F_P: its
# first argument when that is a string ("PATH") or an fd (N<PATH>).
f_path() {
	local str='^[a-z0-9_]+\("([^"]*)"' fd='^[a-z0-9_]+\([0-9]+<([^>]*)>'
	F_P=
	if [[ $1 =~ $str ]] || [[ $1 =~ $fd ]]; then F_P=${BASH_REMATCH[1]}; fi
}

# f_run WHO SYSCALL N [PATH]: `cella run` with the N-th call of SYSCALL
# failing with $F_ERRNO, in cella's process (WHO=cella), in the processes it
# starts (kids; noinit: the same with process.init = no), or counting only
# the calls on PATH (path). RC, OUT, ERR as c_capture; the strace logs in
# $T_DIR/log.
f_run() {
	local who=$1 s=$2 n=$3 log=$T_DIR/log pre=() ini=$INI
	local st=(strace -qq -y -e signal=none -e trace="$s,clone"
		-e inject="$s:error=$F_ERRNO:when=$n")
	rm -rf "$log"
	mkdir -p "$log"
	case $who in
	cella) st+=(-o "$log/t.0") ;;
	kids | noinit)
		st+=(-ff -o "$log/t")
		[ "${F_CNT[$s:cella]:-0}" -eq 0 ] || pre=("$F_BURN" "$s" "$n")
		[ "$who" = kids ] || ini=$F_NOINIT
		;;
	path) st+=(-ff -o "$log/t" -P "$4") ;;
	esac
	rm -f "$T_DIR/pid"
	c_capture "${st[@]}" "${pre[@]}" "$CELLA" run --pid-file "$T_DIR/pid" "$ini"
}

# f_leaks: what the last run left behind, through the harness's leak
# checker (which also removes it); sets F_LEAKS.
f_leaks() {
	local before=${#T_REASONS[@]} i
	F_LEAKS=
	t_check_leaks
	# the cgroup of container "fault", in each hierarchy of ours
	local ctrls path mp
	while IFS=: read -r _ ctrls path; do
		case $ctrls in
		'') mp=$(awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo) ;;
		name=*) continue ;;
		*) mp=/sys/fs/cgroup/${ctrls%%,*} ;;
		esac
		[ "$path" != / ] || path=
		if [ -n "$mp" ] && [ -d "$mp$path/cella/fault" ]; then
			T_REASONS+=("leak: cgroup $mp$path/cella/fault")
			rmdir "$mp$path/cella/fault"
		fi
	done </proc/self/cgroup
	for ((i = before; i < ${#T_REASONS[@]}; i++)); do
		F_LEAKS+="${F_LEAKS:+; }${T_REASONS[i]#leak: }"
	done
	T_REASONS=("${T_REASONS[@]:0:before}")
	if [ -e "$T_DIR/pid" ]; then
		F_LEAKS+="${F_LEAKS:+; }pid file $T_DIR/pid"
		rm -f "$T_DIR/pid"
	fi
}

# f_judge: the class of the last run (ran, warned, refused, BAD) in
# F_CLASS, what is wrong in F_BAD; F_TOLD when it ended with 0 and one
# line that gives the cause.
f_judge() {
	local n why
	why=$(f_why "$F_ERRNO")
	n=$(grep -c '' "$T_ERRFILE")
	f_leaks
	F_BAD='' F_TOLD=''
	[ "$RC" != 0 ] || [ "$n" != 1 ] || [[ $ERR != *"$why"* ]] || F_TOLD=1
	if [ "$RC" = 124 ] || [ "$RC" = 137 ]; then
		F_BAD="hung (killed after ${T_TIMEOUT}s)"
	elif [ "$RC" = 0 ]; then
		if [ "$n" -gt 1 ]; then
			F_BAD="exit 0 with $n lines on stderr"
		elif [ "$n" -eq 0 ] && [[ $OUT != *RAN* ]]; then
			F_BAD="exit 0, but no workload output and not a word why"
		fi
		F_CLASS=ran
		[ "$n" -eq 0 ] || F_CLASS=warned
	elif [[ $RC =~ ^12[567]$ ]]; then
		if [ "$n" -ne 1 ]; then
			F_BAD="$n lines on stderr"
		elif [[ $ERR =~ $F_GENERIC ]]; then
			F_BAD="the line names no cause"
		elif [[ $ERR != "cella: "* ]]; then
			F_BAD="the line is not cella's"
		elif [[ $ERR != *"$why"* ]]; then
			F_BAD="the line does not give the cause ($why)"
		elif [[ $OUT == *RAN* ]]; then
			F_BAD="refused, yet the workload ran"
		fi
		F_CLASS=refused
	else
		F_BAD="exit status $RC"
	fi
	[ -z "$F_LEAKS" ] || F_BAD+="${F_BAD:+; }left behind: $F_LEAKS"
	[ -z "$F_BAD" ] || F_CLASS=BAD
}

declare -A F_CNT F_PRE F_TEXT F_PATH F_POST F_COV F_M
F_BADS=()
F_WARNS=()
F_RANS=()
F_REFS=()
F_MISSED=()

# f_one WHO SYSCALL N [PATH ROLE K]: one run, judged and counted; marks the
# calls that were failed (or, for WHO=path, call K of ROLE; for WHO=noinit,
# workload call K when the child's call N failed) as covered.
f_one() {
	local who=$1 s=$2 n=$3 row=$F_ROW line hit='' role k inj text post=1
	f_run "$@"
	f_judge
	while read -r _ role k inj _ text; do
		[ "$inj" = 1 ] || continue
		if [ "$who" = path ]; then
			f_path "$text"
			[ "$F_P" = "$4" ] || continue
			role=$5 k=$6
		elif [ "$who" = noinit ]; then
			if [ "$role" != child ] || [ "$k" != "$n" ]; then continue; fi
			role=workload k=$6
		elif [ "$who" = cella ] && [ "$role" != cella ]; then
			continue
		elif [ "$who" = kids ] && [ "$role" = cella ]; then
			continue # a call of burn
		fi
		F_COV[$F_MODE:$row:$role:$k]=1
		hit+="${hit:+, }$role #$k: $text"
		[ -n "${F_POST[$s:$role:$k]:-}" ] || post=''
	done < <(f_calls "$T_DIR/log")
	# The cleanup at the end cannot always undo (an unlink that fails):
	# after the workload's start, what is left must at least be told.
	if [ "$F_CLASS" = BAD ] && [ -n "$hit" ] && [ -n "$post" ] && [ -n "$F_TOLD" ] &&
		[ "$F_BAD" = "left behind: $F_LEAKS" ]; then
		F_CLASS=warned
		ERR+=" (left behind: $F_LEAKS)"
	fi
	F_M[$F_MODE:$row:runs]=$((${F_M[$F_MODE:$row:runs]:-0} + 1))
	F_M[$F_MODE:$row:$F_CLASS]=$((${F_M[$F_MODE:$row:$F_CLASS]:-0} + 1))
	line="pivot=$F_MODE $row when=$n ($who${4:+ -P $4}) failed [${hit:-nothing}]: exit $RC"
	line+=", stderr: '$(t_short "$ERR")'"
	if [ "$F_CLASS" = BAD ]; then
		line+=" -- $F_BAD"
		F_BADS+=("$line")
		t_fail "$line"
	elif [ "$F_CLASS" = warned ]; then
		F_WARNS+=("$line")
	elif [ "$F_CLASS" = ran ]; then
		F_RANS+=("$line")
	else
		F_REFS+=("$line")
	fi
}

# f_row MODE SYSCALL ERRNO: every call of SYSCALL failing in turn.
f_row() {
	local s=$2 n k max role path i other key
	F_MODE=$1 F_ERRNO=$3 F_ROW=$s
	[ "$F_ERRNO" = EIO ] || F_ROW=$s=$F_ERRNO
	for ((n = 1; n <= ${F_CNT[$s:cella]:-0}; n++)); do
		f_one cella "$s" "$n"
	done
	max=${F_CNT[$s:child]:-0}
	[ "${F_CNT[$s:workload]:-0}" -le "$max" ] || max=${F_CNT[$s:workload]}
	for ((n = 1; n <= max; n++)); do
		f_one kids "$s" "$n"
	done
	# A call that an earlier failure kept from running: by its path, when
	# no other process makes a call of SYSCALL on that path.
	for role in child workload; do
		for ((n = 1; n <= ${F_CNT[$s:$role]:-0}; n++)); do
			[ -z "${F_COV[$F_MODE:$F_ROW:$role:$n]:-}" ] || continue
			path=${F_PATH[$s:$role:$n]:-}
			[ -n "$path" ] || continue
			k=0 other=
			for key in "${!F_PATH[@]}"; do
				if [[ $key != "$s:"* ]] || [ "${F_PATH[$key]}" != "$path" ]; then continue; fi
				i=${key##*:}
				if [[ $key != "$s:$role:"* ]]; then
					other=1
				elif [ "$i" -le "$n" ]; then
					k=$((k + 1))
				fi
			done
			[ -z "$other" ] || continue
			f_one path "$s" "$k" "$path" "$role" "$n"
		done
	done
	# A workload call on no path that the init's call, failing at the same
	# time, kept from running: as the child's, without an init.
	for ((n = 1; n <= ${F_CNT[$s:workload]:-0}; n++)); do
		[ -z "${F_COV[$F_MODE:$F_ROW:workload:$n]:-}" ] || continue
		f_one noinit "$s" $((${F_PRE[$s]:-0} + n)) "" workload "$n"
	done
	# Calls after the workload's start (the supervisor's) come a varying
	# number of times: one more try for a call that no run reached.
	for role in cella child workload; do
		for ((n = 1; n <= ${F_CNT[$s:$role]:-0}; n++)); do
			[ -z "${F_COV[$F_MODE:$F_ROW:$role:$n]:-}" ] || continue
			if [ "$role" = cella ]; then f_one cella "$s" "$n"; else f_one kids "$s" "$n"; fi
			[ -z "${F_COV[$F_MODE:$F_ROW:$role:$n]:-}" ] || continue
			F_M[$F_MODE:$F_ROW:missed]=$((${F_M[$F_MODE:$F_ROW:missed]:-0} + 1))
			line="pivot=$F_MODE $F_ROW: no run failed $role #$n: ${F_TEXT[$s:$role:$n]}"
			if [ -n "${F_POST[$s:$role:$n]:-}" ]; then
				F_MISSED+=("$line (after the workload's start: not counted as a failure)")
			else
				F_MISSED+=("$line")
				t_fail "$line"
			fi
		done
	done
}

F_MODES=()
for mode in yes no; do
	t_begin "pivot=$mode: the configuration runs under strace (its calls counted)"
	f_ini "$mode"
	mkdir -p "$T_DIR/clean"
	c_capture strace -qq -y -ttt -e signal=none -ff -o "$T_DIR/clean/t" -e trace="$F_TRACE" \
		"$CELLA" run --pid-file "$T_DIR/pid" "$INI"
	t_rc 0
	t_contains RAN "$OUT" "workload output"
	t_eq "" "$ERR" "stderr"
	t_file_absent "$T_DIR/pid"
	[ ${#T_REASONS[@]} -eq 0 ] || continue
	F_CNT=() F_PRE=() F_TEXT=() F_PATH=() F_POST=()
	f_calls "$T_DIR/clean" >"$T_DIR/calls"
	# The workload's start: its execve that succeeded; the child's fork.
	start=$(awk '$1 == "execve" && $2 == "workload" && / = 0$/ { print $5; exit }' "$T_DIR/calls")
	fork=$(awk '$1 == "fork" && $2 == "child" { print $5; exit }' "$T_DIR/calls")
	while read -r s role n _ time text; do
		F_CNT[$s:$role]=$n
		if [ "$role" = child ] && [ -n "$fork" ] && [[ $time < $fork ]]; then F_PRE[$s]=$n; fi
		F_TEXT[$s:$role:$n]=$text
		f_path "$text"
		F_PATH[$s:$role:$n]=$F_P
		# (-ttt times have a fixed width: compared as strings)
		if [ -n "$start" ] && [[ $time > $start ]]; then F_POST[$s:$role:$n]=1; fi
	done <"$T_DIR/calls"
	F_MODES+=("$mode")
	for s in $F_CALLS; do
		F_M[$mode:$s:calls]="${F_CNT[$s:cella]:-0}+${F_CNT[$s:child]:-0}+${F_CNT[$s:workload]:-0}"
	done
	for v in $F_VARIANTS; do
		F_M[$mode:$v:calls]=${F_M[$mode:${v%%=*}:calls]}
	done

	for row in $F_CALLS $F_VARIANTS; do
		s=${row%%=*} e=EIO
		[ "$s" = "$row" ] || e=${row#*=}
		[ "${F_M[$mode:$row:calls]}" != 0+0+0 ] || continue
		[ -z "${F_ONLY:-}" ] || [[ " $F_ONLY " == *" $row "* ]] || continue
		t_begin "pivot=$mode: each call of $s failing ($e): refused with one line that says why, or ran; nothing left"
		f_ini "$mode"
		f_row "$mode" "$s" "$e"
	done
done
t_end

# --- the matrix ---------------------------------------------------------------
f_matrix() {
	local row m k c
	printf '%-13s' "syscall"
	for m in "${F_MODES[@]}"; do
		printf ' | %-22s %4s %4s %4s %4s %4s %4s' "pivot=$m: calls" runs ran warn refd BAD miss
	done
	printf '\n'
	for row in $F_CALLS $F_VARIANTS; do
		printf '%-13s' "$row"
		for m in "${F_MODES[@]}"; do
			c=${F_M[$m:$row:calls]:-}
			[ "$c" != 0+0+0 ] || c=-
			printf ' | %-22s' "$c"
			for k in runs ran warned refused BAD missed; do
				printf ' %4s' "${F_M[$m:$row:$k]:-0}"
			done
		done
		printf '\n'
	done
}
{
	echo "cella fault-injection matrix (tests/integration/faults.sh), $(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -r)"
	echo "calls: cella+child+workload, the calls of each process in a clean run; every call is failed"
	echo "with EIO (or the errno of the row) in a run of its own or together with the same-numbered call of"
	echo "another process; ran: the workload ran; warn: it ran, with one line on stderr; refd: refused"
	echo "with one line that gives the cause; miss: calls no run managed to fail."
	echo
	f_matrix
	echo
	echo "BAD runs (${#F_BADS[@]}):"
	for l in "${F_BADS[@]}"; do echo "  $l"; done
	echo
	echo "runs that ran with a warning (${#F_WARNS[@]}):"
	for l in "${F_WARNS[@]}"; do echo "  $l"; done
	echo
	echo "runs that ran without a word: the failed call was done without (${#F_RANS[@]}):"
	for l in "${F_RANS[@]}"; do echo "  $l"; done
	echo
	echo "runs refused as they should be (${#F_REFS[@]}):"
	for l in "${F_REFS[@]}"; do echo "  $l"; done
	echo
	echo "calls no run failed (${#F_MISSED[@]}):"
	for l in "${F_MISSED[@]}"; do echo "  $l"; done
} >"$F_MATRIX.tmp" && mv -f "$F_MATRIX.tmp" "$F_MATRIX"
sed -n '1,/^BAD runs/p' "$F_MATRIX" | sed '$d' | sed 's/^/# /'
echo "# (the BAD runs, the warnings and the calls no run failed: $F_MATRIX)"
