#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The supervisor (SPEC [supervisor], "Lifecycle and files"): the pid file,
# the lock, the state directory, the workload dying with a killed cella, and
# what is left in the container dying with the workload.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

# sleeper NAME [PROCESS-LINES]: an INI whose workload waits to be killed.
sleeper() {
	mkini "$1" <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'sleep 1000 & wait; : $T_MARK'
${2:-}
EOF
}

no_marker_left() { [ -z "$(marker_pids "$T_MARK")" ]; }

# check_pid_file FILE: digits only, no newline, the workload's host pid.
check_pid_file() {
	local pid
	if ! t_wait_for 10 test -s "$1"; then
		t_fail "pid file $1 was not written"
		return
	fi
	pid=$(cat "$1")
	t_match '^[0-9]+$' "$pid" "pid file content"
	t_eq "${#pid}" "$(wc -c <"$1")" "pid file size (no newline)"
	t_match "^/bin/sh -c .*$T_MARK" "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" \
		"command line of the pid in the pid file"
}

t_begin "--pid-file holds the workload's host pid (init=yes)"
sleeper pidfile "init = yes"
c_bg run --pid-file "$T_DIR/pid" "$INI"
check_pid_file "$T_DIR/pid"
kill -TERM "$BG"
c_wait "$BG" 10
t_rc 143

t_begin "supervisor.pid-file holds the workload's host pid (init=no)"
sleeper pidkey "init = no
[supervisor]
pid-file = $T_DIR/pid"
c_bg run "$INI"
check_pid_file "$T_DIR/pid"
kill -KILL "$(cat "$T_DIR/pid" 2>/dev/null || echo "$BG")"
c_wait "$BG" 10
t_rc 137

t_begin "the state dir exists while running, with the lock and state=running"
sleeper statedir
c_bg run "$INI"
d=$CELLA_STATE_DIR/statedir
if marker_pid "/bin/sh " >/dev/null; then
	t_dir_exists "$d"
	t_file_exists "$d/lock"
	t_wait_for 5 grep -q '^state=running$' "$d/state" ||
		t_fail "state file: no state=running line: '$(t_short "$(cat "$d/state" 2>/dev/null)")'"
	t_match '(^|\|)pid=[0-9]+(\||$)' "$(tr '\n' '|' <"$d/state" 2>/dev/null)" "state file pid line"
	t_match '(^|\|)name=statedir(\||$)' "$(tr '\n' '|' <"$d/state" 2>/dev/null)" "state file name line"
else
	t_fail "the workload never appeared"
fi
kill -TERM "$BG"
c_wait "$BG" 10
t_rc 143
t_file_absent "$d" "state dir after the end"

t_begin "a second run of the same name fails with 125 while the first runs"
sleeper first
c_bg run --name "same-$T_MARK" "$INI"
first=$BG
if marker_pid "/bin/sh " >/dev/null; then
	mkini second <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/echo RAN
EOF
	c_run run --name "same-$T_MARK" "$INI"
	t_rc 125
	t_one_line "same-$T_MARK"
	t_nomatch RAN "$OUT" "second workload output"
	kill -0 "$first" 2>/dev/null || t_fail "the first cella died"
	t_dir_exists "$CELLA_STATE_DIR/same-$T_MARK" "the first's state dir"
else
	t_fail "the workload never appeared"
fi
kill -TERM "$first"
c_wait "$first" 10
t_rc 143

t_begin "SIGKILL of cella kills the workload and frees the lock"
sleeper killed
c_bg run --name "k-$T_MARK" "$INI"
if pid=$(marker_pid "/bin/sh "); then
	t_ne "$BG" "$pid" "the workload's pid (cella's)"
	kill -KILL "$BG"
	c_wait "$BG" 10
	t_wait_for 2 no_marker_left ||
		t_fail "the workload outlived cella by 2 s: $(marker_pids "$T_MARK" | xargs)"
	mkini again <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/echo again
EOF
	c_run run --name "k-$T_MARK" "$INI"
	t_rc 0
	t_eq again "$OUT" "second run's output"
else
	t_fail "the workload never appeared"
fi

t_begin "without CELLA_STATE_DIR the state dir is /run/cella/NAME"
name=run-$T_MARK
t_uses_name "$name"
sleeper default
C_ENV=(-u CELLA_STATE_DIR)
c_bg run --name "$name" "$INI"
if marker_pid "/bin/sh " >/dev/null; then
	t_dir_exists "/run/cella/$name"
	t_file_exists "/run/cella/$name/lock"
	t_file_absent "$CELLA_STATE_DIR/$name"
else
	t_fail "the workload never appeared"
fi
kill -TERM "$BG"
c_wait "$BG" 10
t_rc 143
t_file_absent "/run/cella/$name" "state dir after the end"

t_begin "what the workload leaves in the container dies with it (pid ns)"
mkini leftover <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'sh -c "sleep 1000; : $T_MARK" & exit 3'
EOF
c_run run "$INI"
t_rc 3
t_eq "" "$(marker_pids "$T_MARK")" "processes left"

t_begin "what the workload leaves in the container dies with it (pid = no)"
mkini leftover <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'sh -c "sleep 1000; : $T_MARK" & exit 3'
[namespaces]
pid = no
EOF
c_run run "$INI"
t_rc 3
sleep 0.2
t_eq "" "$(marker_pids "$T_MARK")" "processes left"
