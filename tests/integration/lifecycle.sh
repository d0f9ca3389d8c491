#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The lifecycle without a daemon (SPEC "Lifecycle and files"): run -d, list,
# state, kill, stop, all through the files under the state directory.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

# sleeper NAME [KEY=VALUE...]: a container that sleeps until stopped.
sleeper() {
	mkini "$1" <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'sleep 1000; : $T_MARK'
stop-timeout = 1s
EOF
}

t_begin "run -d returns while the workload runs; the pid file is its host pid"
sleeper d1
c_run run -d --pid-file "$T_DIR/pid" "$INI"
t_rc 0
t_match '^[0-9]+$' "$(cat "$T_DIR/pid")" "pid file"
[ "$(wc -c <"$T_DIR/pid")" = "$(printf %s "$(cat "$T_DIR/pid")" | wc -c)" ] || t_fail "pid file has a newline"
t_match "sh -c sleep 1000; : $T_MARK" "$(tr '\0' ' ' <"/proc/$(cat "$T_DIR/pid")/cmdline" 2>/dev/null)" "the pid's command line"
c_run state d1
t_rc 0
t_contains "state=running" "$OUT" "state"
c_run stop d1
t_rc 0
t_file_absent "$CELLA_STATE_DIR/d1" "state dir after stop"
t_eq "" "$(marker_pids "$T_MARK")" "processes after stop"

t_begin "run -d reports a setup error with its status and one line"
mkini d2 <<EOF
[root]
path = $ROOTFS
[process]
exec = /nonexistent
EOF
c_run run -d "$INI"
t_rc 127
t_one_line 'exec /nonexistent: No such file or directory'
t_file_absent "$CELLA_STATE_DIR/d2" "state dir"

t_begin "state prints every key"
sleeper st1
c_run run -d "$INI"
c_run state st1
t_rc 0
t_eq "name state pid monitor_pid config started restarts exit_status pid_start seccomp" \
	"$(cut -d= -f1 <<<"$OUT" | tr '\n' ' ' | sed 's/ $//')" "keys in order"
t_contains "name=st1" "$OUT" "name"
t_contains "config=$INI" "$OUT" "config (absolute)"
t_contains "restarts=0" "$OUT" "restarts"
t_match "^monitor_pid=[0-9]+$" "$(grep monitor_pid <<<"$OUT")" "monitor_pid"
c_run stop st1

t_begin "kill sends TERM by default, a named or numbered signal otherwise"
mkini k1 <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'trap "echo USR1 >>/tmp/got" USR1; trap "echo HUP >>/tmp/got" HUP; trap "cat /tmp/got; exit 7" TERM; while :; do sleep 0.1; done; : $T_MARK'
[mounts]
tmpfs = /tmp
EOF
c_bg run "$INI"
t_wait_for 10 grep -qs state=running "$CELLA_STATE_DIR/k1/state" || t_fail "never running"
sleep 0.3
c_run kill k1 USR1
t_rc 0
sleep 0.3
c_run kill k1 1
t_rc 0
sleep 0.3
c_run kill k1
t_rc 0
c_wait "$BG" 10
t_rc 7
t_eq "USR1
HUP" "$OUT" "signals the workload saw"

t_begin "stop escalates to KILL for a workload that ignores TERM, within stop-timeout"
mkini s1 <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'trap "" TERM; while :; do sleep 0.1; done; : $T_MARK'
stop-timeout = 1s
EOF
c_run run -d "$INI"
start=$(date +%s%N)
c_run stop s1
ms=$((($(date +%s%N) - start) / 1000000))
t_rc 0
{ [ "$ms" -ge 900 ] && [ "$ms" -lt 3000 ]; } || t_fail "stop took $ms ms, expected about 1000"
t_file_absent "$CELLA_STATE_DIR/s1" "state dir"

t_begin "stop --timeout overrides stop-timeout"
mkini s1 <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'trap "" TERM; while :; do sleep 0.1; done; : $T_MARK'
stop-timeout = 30s
EOF
c_run run -d "$INI"
start=$(date +%s%N)
c_run stop s1 --timeout 300ms
ms=$((($(date +%s%N) - start) / 1000000))
t_rc 0
[ "$ms" -lt 2000 ] || t_fail "stop --timeout 300ms took $ms ms"

t_begin "ten names in parallel all run and all appear in list"
for i in 0 1 2 3 4 5 6 7 8 9; do
	sleeper "p$i"
	"$CELLA" run -d "$INI" >/dev/null 2>&1 &
done
wait
c_run list -q
t_rc 0
t_eq "p0 p1 p2 p3 p4 p5 p6 p7 p8 p9" "$(sort <<<"$OUT" | tr '\n' ' ' | sed 's/ $//')" "list -q"
c_run list
t_eq 11 "$(wc -l <<<"$OUT")" "list lines (header + 10)"
t_match '^p3 +running +[0-9]+ +[0-9]+s +/' "$(grep '^p3 ' <<<"$OUT")" "a list line"
for i in 0 1 2 3 4 5 6 7 8 9; do "$CELLA" stop "p$i" & done
wait
c_run list -q
t_eq "" "$OUT" "list after stopping all"

t_begin "a second run of a running name fails with 125 and leaves the first alone"
sleeper dup
c_run run -d "$INI"
c_run run -d "$INI"
t_rc 125
t_one_line 'already running'
c_run state dup
t_rc 0
t_contains "state=running" "$OUT" "the first"
c_run stop dup

t_begin "a supervisor killed with SIGKILL: the workload dies, list cleans up, the name runs again"
sleeper kk
c_run run -d "$INI"
monitor=$(grep '^monitor_pid=' "$CELLA_STATE_DIR/kk/state" | cut -d= -f2)
kill -KILL "$monitor"
gone() { [ -z "$(marker_pids "$T_MARK")" ]; }
t_wait_for 4 gone || t_fail "the workload outlived its supervisor"
t_dir_exists "$CELLA_STATE_DIR/kk" "leftover state dir before list"
c_run list
t_rc 0
t_match '^kk +stopped +- +- +/' "$(grep '^kk ' <<<"$OUT")" "list shows it stopped"
t_file_absent "$CELLA_STATE_DIR/kk" "state dir after list"
c_run list
t_nomatch '^kk ' "$OUT" "the second list"
c_run run -d "$INI"
t_rc 0
c_run stop kk
t_rc 0

t_begin "unknown names are 1, usage errors 2, each with one line"
c_run state nosuch
t_rc 1
t_one_line 'nosuch: no such container'
c_run kill nosuch
t_rc 1
c_run stop nosuch
t_rc 1
c_run kill a NOSIG
t_rc 2
t_one_line "unknown signal 'NOSIG'"
c_run stop a --timeout forever
t_rc 2
c_run list -x
t_rc 2

for init in yes no; do
	t_begin "exec joins the container: hostname, pids, root, capabilities, user (init=$init)"
	echo host-only >"$T_DIR/hostmark"
	mkini ex <<EOF
[container]
hostname = exbox
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'grep -E "^(Cap|NoNewPrivs)" /proc/self/status >/tmp/caps; sleep 1000; : $T_MARK'
user = app
init = $init
[capabilities]
keep = net_bind_service chown
[mounts]
tmpfs = /tmp mode=1777
EOF
	c_run run -d "$INI"
	t_rc 0
	# The workload has written /tmp/caps once its sleep runs.
	t_wait_for 5 sh -c "pgrep -x sleep -P \"\$(pgrep -d, -f '[s]leep 1000; : $T_MARK')\" >/dev/null"
	c_run exec ex /bin/sh -c "hostname; id -u; ps -o comm | grep -c '^sleep$'; [ -e $T_DIR/hostmark ] && echo host-visible; grep -E '^(Cap|NoNewPrivs)' /proc/self/status | diff - /tmp/caps && echo same-caps"
	t_rc 0
	t_eq "exbox
1000
1
same-caps" "$OUT" "what exec sees"
	c_run exec ex /bin/sh -c 'exit 42'
	t_rc 42
	c_run exec ex nosuchprogram
	t_rc 127
	t_one_line 'exec nosuchprogram: No such file or directory'
	# shellcheck disable=SC2016 # expanded inside the container
	c_run exec --user root --cwd /etc --env A=1 ex /bin/sh -c 'id -u; pwd; echo $A; echo $container; echo $HOME'
	t_rc 0
	t_eq "0
/etc
1
cella
/root" "$OUT" "exec with --user, --cwd, --env"
	c_run stop ex --timeout 1s
	t_rc 0
done

t_begin "exec into an unknown container is 125 with one line"
c_run exec nosuch /bin/true
t_rc 125
t_one_line 'nosuch: no such container'
