#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# A failure halfway leaves nothing (SPEC "Exit status", STYLE "Two phases"):
# the right status, one stderr line, and the leak checker (run after every
# test) finds no mount, no state dir and no process. Failures of each system
# call of the setup, injected with strace, are faults.sh's.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

t_begin "a bad bind source after other mounts: 125, one line, nothing left"
mkdir -p "$T_DIR/share"
mkini badbind <<EOF
[container]
hostname = box
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'sleep 1000; : $T_MARK'
[mounts]
tmpfs = /tmp
bind = $T_DIR/share /mnt
bind = $T_DIR/absent-$T_MARK /tmp/x
EOF
c_run run --pid-file "$T_DIR/pid" "$INI"
t_rc 125
t_one_line "$T_DIR/absent-$T_MARK"
t_file_absent "$T_DIR/pid"

t_begin "a missing cwd with init=yes: 125, one line, nothing left"
mkini nocwd <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'sleep 1000; : $T_MARK'
cwd = /nowhere-$T_MARK
init = yes
EOF
c_run run "$INI"
t_rc 125
t_one_line "/nowhere-$T_MARK"
t_file_absent "$ROOTFS/nowhere-$T_MARK"

t_begin "exec of a missing file with init=no: 127, one line, nothing left"
mkini noprog <<EOF
[root]
path = $ROOTFS
[process]
exec = /nowhere/prog-$T_MARK
init = no
EOF
c_run run "$INI"
t_rc 127
t_one_line "/nowhere/prog-$T_MARK"

t_begin "exec of a missing file with init=yes: 127, one line, nothing left"
mkini noprog <<EOF
[root]
path = $ROOTFS
[process]
exec = /nowhere/prog-$T_MARK
init = yes
EOF
c_run run "$INI"
t_rc 127
t_one_line "/nowhere/prog-$T_MARK"
