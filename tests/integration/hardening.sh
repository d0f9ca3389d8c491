#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Hardening (issue 7): failures that used to leave files behind, hang, or act
# on a file or pid that is not cella's own. Faults are injected with strace;
# every failure is 125 (or the status the SPEC gives), one stderr line, and
# the leak checker finds nothing left.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

command -v strace >/dev/null || need_pkg strace

# quick NAME: a container whose workload prints RAN.
quick() {
	mkini "$1" <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/echo RAN
EOF
}

# --- the state directory ----------------------------------------------------
# strace -P matches the path argument as written: the lock file is opened
# relative to the state directory's fd, as "lock". (Run from $T_DIR, which
# has no file of that name for strace to resolve it to.)

for fault in ENOSPC EPERM; do
	t_begin "the lock file cannot be created ($fault): 125, one line, no state dir"
	quick lk
	cd "$T_DIR" || t_fail "cd"
	c_capture strace -qq -o /dev/null -P lock -e trace=openat -e inject=openat:error=$fault "$CELLA" run "$INI"
	cd "$T_TOP" || t_fail "cd"
	t_rc 125
	t_one_line "lock $CELLA_STATE_DIR/lk/lock: "
	t_nomatch RAN "$OUT" "workload output"
	t_file_absent "$CELLA_STATE_DIR/lk" "state dir"
done

t_begin "flock of the lock file fails: 125, one line, no state dir"
quick fl
c_capture strace -qq -o /dev/null -e trace=flock -e inject=flock:error=ENOLCK:when=1 "$CELLA" run "$INI"
t_rc 125
t_one_line "lock $CELLA_STATE_DIR/fl/lock: No locks available"
t_nomatch RAN "$OUT" "workload output"
t_file_absent "$CELLA_STATE_DIR/fl" "state dir"

t_begin "a failed second run leaves the first one's state dir and lock alone"
mkini held <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'sleep 1000; : $T_MARK'
stop-timeout = 1s
EOF
c_run run -d "$INI"
t_rc 0
cd "$T_DIR" || t_fail "cd"
c_capture strace -qq -o /dev/null -P lock -e trace=openat -e inject=openat:error=ENOSPC "$CELLA" run "$INI"
cd "$T_TOP" || t_fail "cd"
t_rc 125
t_one_line "lock $CELLA_STATE_DIR/held/lock: No space left on device"
c_capture strace -qq -o /dev/null -e trace=flock -e inject=flock:error=ENOLCK:when=1 "$CELLA" run "$INI"
t_rc 125
t_file_exists "$CELLA_STATE_DIR/held/lock" "the first run's lock file"
c_run state held
t_rc 0
t_contains "state=running" "$OUT" "the first run"
c_run run -d "$INI"
t_rc 125
t_one_line 'already running'
c_run stop held
t_rc 0

# --- the pid file -----------------------------------------------------------

# sleeper NAME: a container that sleeps until stopped.
sleeper() {
	mkini "$1" <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'sleep 1000; : $T_MARK'
stop-timeout = 1s
EOF
}

t_begin "a PATH.tmp made in advance by another user does not become the pid file"
# A directory everyone may write to, without the sticky bit (whose
# protected_regular rule would hide the problem on some hosts).
mkdir "$T_DIR/shared"
chmod 0777 "$T_DIR/shared"
printf planted >"$T_DIR/shared/pid.tmp"
chown 65534:65534 "$T_DIR/shared/pid.tmp"
chmod 0666 "$T_DIR/shared/pid.tmp"
sleeper pf
c_run run -d --pid-file "$T_DIR/shared/pid" "$INI"
t_rc 0
c_run state pf
t_match '^[0-9]+$' "$(grep '^pid=' <<<"$OUT" | cut -d= -f2)" "state pid"
t_eq "$(grep '^pid=' <<<"$OUT" | cut -d= -f2)" "$(cat "$T_DIR/shared/pid")" "pid file contents"
t_eq "0:0 644" "$(stat -c '%u:%g %a' "$T_DIR/shared/pid")" "pid file owner and mode"
t_eq "65534:65534 666 planted" "$(stat -c '%u:%g %a' "$T_DIR/shared/pid.tmp") $(cat "$T_DIR/shared/pid.tmp")" \
	"the planted file"
t_eq "pid pid.tmp" "$(ls "$T_DIR/shared" | tr '\n' ' ' | sed 's/ $//')" "files in the directory"
c_run stop pf
t_rc 0
t_file_absent "$T_DIR/shared/pid" "pid file after stop"

# --- the handshake ------------------------------------------------------------
# strace without -f traces cella alone, whose first sendto(2) is the GO.

for init in yes no; do
	t_begin "sending GO to the child fails: the child is killed, 125, one line (init=$init)"
	mkini go <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'echo RAN; : $T_MARK'
init = $init
EOF
	T_TIMEOUT=10 c_capture strace -qq -o /dev/null -e trace=sendto -e inject=sendto:error=EPIPE:when=1 \
		"$CELLA" run --pid-file "$T_DIR/pid" "$INI"
	t_rc 125
	t_one_line 'sending GO to the child: Broken pipe'
	t_nomatch RAN "$OUT" "workload output"
	t_file_absent "$T_DIR/pid"
done

# --- the configuration file -------------------------------------------------

for cmd in check run; do
	t_begin "cella $cmd on a FIFO: 125 at once, one line naming it"
	mkfifo "$T_DIR/fifo.ini"
	start=$(date +%s%N)
	T_TIMEOUT=5 c_run "$cmd" "$T_DIR/fifo.ini"
	ms=$((($(date +%s%N) - start) / 1000000))
	t_rc 125
	t_one_line "$T_DIR/fifo\\.ini: not a regular file"
	[ "$ms" -lt 2000 ] || t_fail "it took $ms ms"
	t_file_absent "$CELLA_STATE_DIR/fifo" "state dir"
done

t_begin "cella check on a character device or a directory: 125, one line naming it"
c_run check /dev/null
t_rc 125
t_one_line '/dev/null: not a regular file'
c_run check "$T_DIR"
t_rc 125
t_one_line "$T_DIR: not a regular file"

# --- kill and stop signal the workload only -----------------------------------

# stubborn NAME: a container whose workload ignores TERM, so that its
# supervisor sends KILL only after stop-timeout (3s).
stubborn() {
	mkini "$1" <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'trap "" TERM; while :; do sleep 0.1; done; : $T_MARK'
stop-timeout = 3s
EOF
}

# alive PID: PID is there and not a zombie.
alive() {
	local line
	read -r line 2>/dev/null <"/proc/$1/stat" || return 1
	line=${line##*) }
	[ "${line%% *}" != Z ]
}

# running NAME: wait until the state file says running.
running() { t_wait_for 10 grep -qs '^state=running$' "$CELLA_STATE_DIR/$1/state"; }

t_begin "the state records pid_start, the workload's start time"
stubborn ps
c_bg run "$INI"
running ps || t_fail "never running"
c_run state ps
t_rc 0
pid=$(grep '^pid=' <<<"$OUT" | cut -d= -f2)
t_match '^pid_start=[0-9]+$' "$(grep '^pid_start=' <<<"$OUT")" "pid_start"
t_eq "$(awk '{ print $22 }' "/proc/$pid/stat" 2>/dev/null)" "$(grep '^pid_start=' <<<"$OUT" | cut -d= -f2)" \
	"pid_start against /proc/PID/stat field 22"
c_run kill ps KILL
t_rc 0
c_wait "$BG" 10
t_rc 137

for how in pidfd "no pidfd (pidfd_open: ENOSYS)"; do
	wrap=()
	[ "$how" = pidfd ] || wrap=(strace -qq -o /dev/null -e trace=pidfd_open -e inject=pidfd_open:error=ENOSYS)

	t_begin "kill and stop never signal a pid that is another process now ($how)"
	stubborn reuse
	c_bg run "$INI"
	running reuse || t_fail "never running"
	sleep 1000 &
	other=$!
	t_defer "kill -9 $other; wait $other"
	# Everything else of the state file stays as it was.
	sed -i "s/^pid=.*/pid=$other/" "$CELLA_STATE_DIR/reuse/state"
	for sig in TERM KILL; do
		c_capture "${wrap[@]}" "$CELLA" kill reuse "$sig"
		t_rc 1
		t_one_line "kill reuse: the workload is no longer running \\(pid $other is another process now\\)"
		alive "$other" || t_fail "kill $sig signalled the other process"
	done
	c_capture "${wrap[@]}" "$CELLA" stop reuse --timeout 1s
	t_rc 1
	t_one_line "stop reuse: the workload is no longer running \\(pid $other is another process now\\)"
	alive "$other" || t_fail "stop signalled the other process"
	# The supervisor, which knows its workload, still stopped it.
	t_file_absent "$CELLA_STATE_DIR/reuse" "state dir after stop"
	c_wait "$BG" 10
	t_rc 137

	t_begin "kill and stop --timeout reach the workload ($how)"
	stubborn sig
	c_bg run "$INI"
	running sig || t_fail "never running"
	c_capture "${wrap[@]}" "$CELLA" kill sig TERM
	t_rc 0
	alive "$(grep '^pid=' "$CELLA_STATE_DIR/sig/state" | cut -d= -f2)" || t_fail "the workload ended of an ignored TERM"
	start=$(date +%s%N)
	c_capture "${wrap[@]}" "$CELLA" stop sig --timeout 500ms
	ms=$((($(date +%s%N) - start) / 1000000))
	t_rc 0
	[ "$ms" -lt 2500 ] || t_fail "stop --timeout 500ms took $ms ms (the KILL did not come from stop)"
	c_wait "$BG" 10
	t_rc 137
done

t_begin "exec never joins a pid that is another process now"
stubborn exreuse
c_bg run "$INI"
running exreuse || t_fail "never running"
sleep 1000 &
other=$!
t_defer "kill -9 $other; wait $other"
sed -i "s/^pid=.*/pid=$other/" "$CELLA_STATE_DIR/exreuse/state"
c_run exec exreuse /bin/echo JOINED
t_rc 125
t_one_line "exreuse: the workload is no longer running \\(pid $other is another process now, or gone\\)"
t_nomatch JOINED "$OUT" "the command's output"
kill -TERM "$BG"   # the supervisor knows its workload (KILL after 3 s)
c_wait "$BG" 10
