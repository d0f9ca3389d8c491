#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Orphans are reaped (SPEC process.init, supervisor.subreaper): the workload
# makes 100 orphans that exit; none may stay a zombie. The helper
# tests/helpers/orphans.c makes them, counts the zombies and tells who adopted
# them: its parent must (cella's init, or cella as subreaper), not the host's
# init, which would reap them too.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

t_begin "100 orphans are reaped by cella's init (init=yes)"
mkini reap <<EOF
[root]
path = $ROOTFS
[process]
exec = /usr/bin/orphans 100 --count
init = yes
EOF
c_run run "$INI"
t_rc 0
t_eq "orphans: 100
zombies: 0
reaper: parent" "$OUT" "orphans made, zombies left, who adopted them"

t_begin "no zombie at all is left in the pid namespace (init=yes)"
mkini reap <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'echo \$\$; orphans 100 >/dev/null; sleep 1; ls -d /proc/[0-9]* | wc -l; grep -l "^State:.*Z" /dev/null /proc/[0-9]*/status | wc -l'
init = yes
EOF
c_run run "$INI"
t_rc 0
t_eq 2 "$(sed -n 1p <<<"$OUT")" "the workload's pid"
t_match '^[2-5]$' "$(sed -n 2p <<<"$OUT")" "processes in the pid namespace (init, sh, ls, wc)"
t_eq 0 "$(sed -n 3p <<<"$OUT")" "zombies in the pid namespace"

t_begin "100 orphans are reaped by cella as subreaper (pid = no)"
mkini reap <<EOF
[root]
path = $ROOTFS
[process]
exec = /usr/bin/orphans 100 --count
[namespaces]
pid = no
EOF
c_run run "$INI"
t_rc 0
t_eq "orphans: 100
zombies: 0
reaper: parent" "$OUT" "orphans made, zombies left, who adopted them"

# The control: with init=no the helper is PID 1 itself and does not reap, so
# the count must see every orphan; this also shows that init=no adds nothing
# between cella and the workload.
t_begin "a PID 1 workload that does not reap keeps 100 zombies (init=no)"
mkini reap <<EOF
[root]
path = $ROOTFS
[process]
exec = /usr/bin/orphans 100 --count
init = no
EOF
c_run run "$INI"
t_rc 0
t_eq "orphans: 100
zombies: 100
reaper: self" "$OUT" "orphans made, zombies left, who adopted them"
