#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# [process] (SPEC): the exact environment, cwd, umask, rlimits,
# oom-score-adj, and no file descriptors above 2.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

DEFPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# env is run directly (not through sh, which adds PWD, SHLVL...).
t_begin "the environment is exactly PATH, container and HOME"
mkini env <<EOF
[root]
path = $ROOTFS
[process]
exec = /usr/bin/env
EOF
C_ENV=(CELLA_T_SECRET=hidden)
c_run run "$INI"
t_rc 0
t_eq "HOME=/root
PATH=$DEFPATH
container=cella" "$(LC_ALL=C sort <<<"$OUT")" "environment"

t_begin "env and pass-env add exactly their variables"
mkini env <<EOF
[root]
path = $ROOTFS
[process]
exec = /usr/bin/env
env = FOO=bar
env = SPACED=a b
env = EMPTY=
pass-env = CELLA_T_PASS CELLA_T_PASS2
EOF
C_ENV=(CELLA_T_PASS=passed CELLA_T_PASS2=two CELLA_T_SECRET=hidden)
c_run run "$INI"
t_rc 0
t_eq "CELLA_T_PASS2=two
CELLA_T_PASS=passed
EMPTY=
FOO=bar
HOME=/root
PATH=$DEFPATH
SPACED=a b
container=cella" "$(LC_ALL=C sort <<<"$OUT")" "environment"

t_begin "env can replace PATH"
mkini envpath <<EOF
[root]
path = $ROOTFS
[process]
exec = /usr/bin/env
env = PATH=/bin
user = app
EOF
c_run run "$INI"
t_rc 0
t_eq "HOME=/home/app
PATH=/bin
container=cella" "$(LC_ALL=C sort <<<"$OUT")" "environment"

t_begin "cwd is / by default, whatever cella's own is"
mkini cwd <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/readlink /proc/self/cwd
EOF
cd "$T_DIR" || exit 1
c_run run "$INI"
cd / || exit 1
t_rc 0
t_eq / "$OUT" "cwd"

t_begin "cwd sets the working directory"
mkini cwd <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/readlink /proc/self/cwd
cwd = /home/app
EOF
c_run run "$INI"
t_rc 0
t_eq /home/app "$OUT" "cwd"

t_begin "a missing cwd is 125 with one line naming it"
mkini nocwd <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/echo RAN
cwd = /no/such/dir-$T_MARK
EOF
c_run run "$INI"
t_rc 125
t_one_line "/no/such/dir-$T_MARK"
t_nomatch RAN "$OUT" "workload output"
t_file_absent "$ROOTFS/no"

t_begin "umask sets the umask"
mkini umask <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c umask
umask = 0027
EOF
c_run run "$INI"
t_rc 0
t_eq 0027 "$OUT" "umask"

t_begin "umask is 0022 by default, whatever cella's own is"
mkini umask <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c umask
EOF
old=$(umask)
umask 0077
c_run run "$INI"
umask "$old"
t_rc 0
t_eq 0022 "$OUT" "umask"

# limits NAME: "SOFT HARD" of a /proc/self/limits line in OUT.
limits() { grep "^$1 " <<<"$OUT" | sed "s/^$1 *//" | awk '{ print $1, $2 }'; }

t_begin "limit-nofile = 100:200 and limit-core = 0"
mkini limits <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'ulimit -n; ulimit -Hn; cat /proc/self/limits'
limit-nofile = 100:200
limit-core = 0
EOF
c_run run "$INI"
t_rc 0
t_eq "100
200" "$(sed -n 1,2p <<<"$OUT")" "ulimit -n, ulimit -Hn"
t_eq "100 200" "$(limits 'Max open files')" "Max open files"
t_eq "0 0" "$(limits 'Max core file size')" "Max core file size"

t_begin "a limit of N sets both, infinity is unlimited"
mkini limits <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/cat /proc/self/limits
limit-nofile = 150
limit-fsize = infinity
limit-nproc = 500:600
EOF
c_run run "$INI"
t_rc 0
t_eq "150 150" "$(limits 'Max open files')" "Max open files"
t_eq "unlimited unlimited" "$(limits 'Max file size')" "Max file size"
t_eq "500 600" "$(limits 'Max processes')" "Max processes"

t_begin "oom-score-adj sets /proc/self/oom_score_adj"
mkini oom <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/cat /proc/self/oom_score_adj
oom-score-adj = 500
EOF
c_run run "$INI"
t_rc 0
t_eq 500 "$OUT" "oom_score_adj"

t_begin "oom-score-adj out of range is 125 naming file and line"
mkini oombad <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/echo RAN
oom-score-adj = 1001
EOF
c_run run "$INI"
t_rc 125
t_one_line '(^|[ /])oombad\.ini:5:'

t_begin "file descriptors above 2 are closed"
mkini fds <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/ls /proc/self/fd
EOF
exec 5</etc/hostname 9</etc/hostname
c_run run "$INI"
exec 5<&- 9<&-
t_rc 0
# 3 is the directory ls reads.
t_eq "0 1 2 3" "$(xargs <<<"$OUT")" "open fds"

t_begin "the workload's stdin, stdout and stderr are cella's"
mkini stdio <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'read -r line; echo "out:\$line"; echo "err:\$line" >&2'
EOF
echo hello-stdin >"$T_DIR/in"
C_STDIN=$T_DIR/in
c_capture "$CELLA" run "$INI"
t_rc 0
t_eq "out:hello-stdin" "$OUT" "stdout"
t_eq "err:hello-stdin" "$ERR" "stderr"
