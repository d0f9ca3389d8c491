#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# supervisor.restart in launcher mode (PID 1 mode is in boot.sh): how often,
# with what delay and log, what stops it, and a fresh container every time.
# shellcheck source=../lib.sh disable=SC2016 # $n is the workload's, not ours
. "$(dirname "$0")/../lib.sh"

# restart_ini POLICY EXEC: a container that counts its runs in $T_DIR/share/runs.
restart_ini() {
	mkdir -p "$T_DIR/share"
	rm -f "$T_DIR/share/runs"
	mkini rs <<EOF
[root]
path = $ROOTFS
[mounts]
bind = $T_DIR/share /mnt
tmpfs = /tmp
[process]
exec = /bin/sh -c 'n=\$(cat /mnt/runs 2>/dev/null || echo 0); n=\$((n+1)); echo \$n >/mnt/runs; $2'
[supervisor]
restart = $1
restart-delay = 100ms
restart-max-delay = 1s
EOF
}
runs() { cat "$T_DIR/share/runs" 2>/dev/null || echo 0; }

t_begin "on-failure: two failures and a success are three runs, each restart logged"
restart_ini on-failure '[ $n -ge 3 ] || exit 4'
c_run run "$INI"
t_rc 0
t_eq 3 "$(runs)" "runs"
t_eq "cella: rs: restart 1 in 100 ms (the last run ended with status 4)
cella: rs: restart 2 in 200 ms (the last run ended with status 4)" "$ERR" "stderr"

t_begin "on-failure does not restart after success; no does not restart at all"
restart_ini on-failure 'exit 0'
c_run run "$INI"
t_rc 0
t_eq 1 "$(runs)" "runs after success"
restart_ini no 'exit 5'
c_run run "$INI"
t_rc 5
t_eq 1 "$(runs)" "runs with restart = no"

t_begin "the delay doubles up to restart-max-delay"
restart_ini on-failure '[ $n -ge 6 ] || exit 1'
c_run run "$INI"
t_rc 0
t_eq "100 200 400 800 1000" "$(grep -o 'in [0-9]* ms' <<<"$ERR" | awk '{ printf "%s%s", s, $2; s = " " }')" "delays"

t_begin "every start gets a fresh container: nothing left from the last run"
restart_ini on-failure 'ls /tmp >>/mnt/seen; touch /tmp/left-over; hostname >>/mnt/seen; [ $n -ge 2 ] || exit 1'
c_run run "$INI"
t_rc 0
t_eq 2 "$(runs)" "runs"
t_nomatch left-over "$(cat "$T_DIR/share/seen")" "the second run's /tmp"

t_begin "always: SIGTERM to cella stops the workload and ends the restarts"
restart_ini always 'echo running >/mnt/state; exec sleep 1000'
c_bg run "$INI"
t_wait_for 10 test -f "$T_DIR/share/state" || t_fail "the workload never started"
kill -TERM "$BG"
c_wait "$BG" 10
t_rc 143
t_eq 1 "$(runs)" "runs"
t_file_absent "$CELLA_STATE_DIR/rs" "state dir"

t_begin "the state file counts restarts"
restart_ini always '[ $n -ge 3 ] && exec sleep 1000; exit 0'
c_bg run "$INI"
third_running() {
	grep -q '^state=running' "$CELLA_STATE_DIR/rs/state" 2>/dev/null && [ "$(runs)" = 3 ]
}
t_wait_for 10 third_running || t_fail "the third run never came"
t_match '^restarts=2$' "$(grep '^restarts=' "$CELLA_STATE_DIR/rs/state" 2>/dev/null)" "state restarts"
t_match '^exit_status=0$' "$(grep '^exit_status=' "$CELLA_STATE_DIR/rs/state" 2>/dev/null)" "state exit_status"
kill -TERM "$BG"
c_wait "$BG" 10

t_begin "a workload killed by SIGINT (^C) is not restarted"
restart_ini always 'kill -INT $$'
c_run run "$INI"
t_rc 130
t_eq 1 "$(runs)" "runs"
