#!/bin/bash
# A failure halfway leaves nothing (SPEC "Exit status", STYLE "Two phases"):
# the right status, one stderr line, and the leak checker (run after every
# test) finds no mount, no state dir and no process. Fault injection with
# strace fails each mount(2) in turn.
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

command -v strace >/dev/null || need_pkg strace

# The configuration the faults are injected into: the defaults plus a few
# mounts of each kind.
fault_ini() {
	mkdir -p "$T_DIR/share"
	mkini fault <<EOF
[container]
hostname = box
[root]
path = $ROOTFS
readonly = yes
[process]
exec = /bin/echo RAN
[mounts]
tmpfs = /tmp size=1M
bind = $T_DIR/share /mnt ro
mask = /etc/hostname
EOF
}

# How many mount(2) calls the busiest cella process makes.
t_begin "strace sees cella's mount(2) calls"
fault_ini
c_capture strace -f -qq -e trace=mount -o "$T_DIR/trace" "$CELLA" run "$INI"
t_rc 0
t_eq RAN "$OUT" "workload output under strace"
MOUNTS=$(grep -o '^[0-9]* *mount(' "$T_DIR/trace" | sort | uniq -c | sort -n | tail -n 1 | awk '{ print $1 }')
MOUNTS=${MOUNTS:-0}
[ "$MOUNTS" -ge 3 ] || t_fail "only $MOUNTS mount(2) calls in one process"

for k in 1 2 $(((MOUNTS + 1) / 2)) $((MOUNTS - 1)) "$MOUNTS"; do
	[ "$k" -ge 1 ] || continue
	t_begin "mount(2) call $k of $MOUNTS failing with EIO: 125, one line, nothing left"
	fault_ini
	c_capture strace -f -qq -o /dev/null -e trace=mount \
		-e inject=mount:error=EIO:when="$k" "$CELLA" run "$INI"
	t_rc 125
	t_one_line '(I/O|Input/output) error'
	t_nomatch RAN "$OUT" "workload output"
done
