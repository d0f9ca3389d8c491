#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# process.terminal and exec -t: the workload gets a pty of the container's
# own devpts; cella relays it, in raw mode, with window size changes.
# shellcheck source=../lib.sh disable=SC2016 # $vars are the workload's
. "$(dirname "$0")/../lib.sh"

need_pkg python3
DRIVE=$T_TOP/tests/helpers/pty-drive.py

term_ini() {
	mkini tt <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c '$1; : $T_MARK'
terminal = yes
user = app
init = ${2:-yes}
EOF
}

for init in yes no; do
	t_begin "terminal = yes from a terminal: a tty inside, its size, SIGWINCH, typed input (init=$init)"
	term_ini 'trap "echo winch: \$(stty size)" WINCH; [ -t 0 ] && echo "stdin: tty"; echo "size: $(stty size)"; stat -c "owner: %U" $(tty); echo resize-me; sleep 1; echo type-me; read x; echo "read: $x"' "$init"
	c_capture /usr/bin/python3 "$DRIVE" "$CELLA" run "$INI"
	t_rc 0
	t_contains "stdin: tty" "$OUT" "stdin"
	t_contains "size: 30 100" "$OUT" "first size"
	t_contains "owner: app" "$OUT" "the pty's owner"
	t_contains "winch: 40 120" "$OUT" "size after SIGWINCH"
	t_contains "read: typed line" "$OUT" "typed input"
done

t_begin "terminal = yes with a pipe for stdin: still a tty inside, output comes back"
term_ini '[ -t 0 ] && echo "stdin: tty"; read x; echo "read: $x"; tty'
C_STDIN=$T_DIR/in
echo "piped line" >"$C_STDIN"
c_capture "$CELLA" run "$INI"
t_rc 0
t_contains "stdin: tty" "$OUT" "stdin"
t_contains "read: piped line" "$OUT" "piped input"
t_match "/dev/pts/[0-9]+" "$OUT" "the pty is the container's devpts"
unset C_STDIN

t_begin "terminal = yes without a /dev mount is 125 with one line"
mkini nodev <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/true
terminal = yes
[mounts]
defaults = no
proc = /proc
EOF
c_run run "$INI"
t_rc 125
t_one_line 'process.terminal: /dev/ptmx'

t_begin "exec -t gives the command a pty of the container's own, relayed"
mkini tx <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'sleep 1000; : $T_MARK'
user = app
EOF
c_run run -d "$INI"
t_rc 0
c_capture /usr/bin/python3 "$DRIVE" "$CELLA" exec -t tx /bin/sh -c '[ -t 0 ] && echo "stdin: tty"; echo "size: $(stty size)"; stat -c "owner: %U" $(tty); echo type-me; read x; echo "read: $x"; exit 3'
t_rc 3
t_contains "stdin: tty" "$OUT" "stdin"
t_contains "size: 30 100" "$OUT" "size"
t_contains "owner: app" "$OUT" "the pty's owner"
t_contains "read: typed line" "$OUT" "typed input"
c_run stop tx --timeout 1s

t_begin "terminal = yes: /dev/console is the workload's own pty, not the operator's terminal"
term_ini 'echo "console: $(stat -c "%d %i" /dev/console)"; echo "stdin: $(stat -L -c "%d %i" /proc/self/fd/0)"'
c_capture /usr/bin/python3 "$DRIVE" "$CELLA" run "$INI"
t_rc 0
console=$(grep '^console:' <<<"$OUT")
stdin=$(grep '^stdin:' <<<"$OUT")
t_match '^console: [0-9]+ [0-9]+$' "$console" "/dev/console"
t_eq "${stdin#stdin: }" "${console#console: }" "/dev/console against the workload's pty"
