#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The command line of run (SPEC "Command line"): --set, -- ARG..., --name,
# and the default name.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

t_begin "--set process.exec overrides the file's exec"
mkini set <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/echo from-file
EOF
c_run run --set "process.exec=/bin/echo from  'the set'" "$INI"
t_rc 0
t_eq "from the set" "$OUT" "output"

t_begin "--set is repeatable and applies each key"
mkini set <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'umask; hostname'
EOF
c_run run --set process.umask=0077 --set container.hostname=set-host "$INI"
t_rc 0
t_eq "0077
set-host" "$OUT" "output"

t_begin "-- ARG... replaces exec"
mkini args <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/echo from-file
EOF
c_run run "$INI" -- /bin/echo "a  b" c
t_rc 0
t_eq "a  b c" "$OUT" "output"

t_begin "-- ARG... stands in for a missing exec"
mkini args <<EOF
[root]
path = $ROOTFS
EOF
# shellcheck disable=SC2016 # expanded by the sh inside
c_run run "$INI" -- /bin/sh -c 'echo "$0" $#' zero one two
t_rc 0
t_eq "zero 2" "$OUT" "output"

t_begin "the name is the file name without .ini"
mkini "web-$T_MARK" <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'sleep 1000 & wait; : $T_MARK'
EOF
c_bg run "$INI"
if marker_pid "/bin/sh " >/dev/null; then
	t_dir_exists "$CELLA_STATE_DIR/web-$T_MARK"
else
	t_fail "the workload never appeared"
fi
kill -TERM "$BG"
c_wait "$BG" 10
t_rc 143

t_begin "[container] name sets the name"
mkini named <<EOF
[container]
name = n-$T_MARK
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'sleep 1000 & wait; : $T_MARK'
EOF
c_bg run "$INI"
if marker_pid "/bin/sh " >/dev/null; then
	t_dir_exists "$CELLA_STATE_DIR/n-$T_MARK"
	t_file_absent "$CELLA_STATE_DIR/named"
else
	t_fail "the workload never appeared"
fi
kill -TERM "$BG"
c_wait "$BG" 10
t_rc 143

t_begin "--name overrides the name"
mkini named <<EOF
[container]
name = n-$T_MARK
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'sleep 1000 & wait; : $T_MARK'
EOF
c_bg run --name "o-$T_MARK" "$INI"
if marker_pid "/bin/sh " >/dev/null; then
	t_dir_exists "$CELLA_STATE_DIR/o-$T_MARK"
	t_file_absent "$CELLA_STATE_DIR/n-$T_MARK"
else
	t_fail "the workload never appeared"
fi
kill -TERM "$BG"
c_wait "$BG" 10
t_rc 143

t_begin "a bad --name is 125 with one line"
mkini badname <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/echo RAN
EOF
c_run run --name "bad/name" "$INI"
t_rc 125
t_one_line 'bad/name'
t_nomatch RAN "$OUT" "workload output"

t_begin "run without a config is 125 with one line"
c_run run
t_rc 125
t_one_line
