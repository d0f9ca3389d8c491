#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# process.user and process.groups (SPEC [process]): numbers and names looked
# up in the container's /etc/passwd and /etc/group.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

# user_run PROCESS-LINES: runs `id` and prints the Uid/Gid/Groups lines of
# /proc/self/status; OUT line 1 is id's output.
user_run() {
	mkini user <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'id; grep -E "^(Uid|Gid|Groups):" /proc/self/status'
$1
EOF
	c_run run "$INI"
	t_rc 0
}
ids() { statusfield "$1" "$OUT" | awk '{ $1 = $1; print }'; }

# cella is started with supplementary groups 5 and 6: none may stay.
t_begin "the default user is root with no supplementary groups"
C_WRAP=(setpriv --groups "5,6" --)
user_run ""
t_eq "0 0 0 0" "$(ids Uid)" "Uid"
t_eq "0 0 0 0" "$(ids Gid)" "Gid"
t_eq "" "$(ids Groups)" "Groups"

t_begin "user = 1000 runs as uid 1000"
C_WRAP=(setpriv --groups "5,6" --)
user_run "user = 1000"
t_eq "1000 1000 1000 1000" "$(ids Uid)" "Uid"
t_match '^uid=1000\(app\) ' "$(sed -n 1p <<<"$OUT")" "id"
t_nomatch '(^| )(0|5|6)( |$)' "$(ids Groups)" "Groups (cella's own left)"

t_begin "user = app is looked up in the container's passwd"
user_run "user = app"
t_eq "1000 1000 1000 1000" "$(ids Uid)" "Uid"
t_eq "1000 1000 1000 1000" "$(ids Gid)" "Gid"
t_match '^uid=1000\(app\) gid=1000\(app\)' "$(sed -n 1p <<<"$OUT")" "id"

t_begin "user = app:extra sets the group"
user_run "user = app:extra"
t_eq "1000 1000 1000 1000" "$(ids Uid)" "Uid"
t_eq "2000 2000 2000 2000" "$(ids Gid)" "Gid"
t_match '^uid=1000\(app\) gid=2000\(extra\)' "$(sed -n 1p <<<"$OUT")" "id"

t_begin "user = 1000:2000 numbers"
user_run "user = 1000:2000"
t_eq "1000 1000 1000 1000" "$(ids Uid)" "Uid"
t_eq "2000 2000 2000 2000" "$(ids Gid)" "Gid"

t_begin "groups = extra 2001 sets the supplementary groups"
user_run "user = app
groups = extra 2001"
t_eq "1000 1000 1000 1000" "$(ids Uid)" "Uid"
t_eq "2000 2001" "$(tr ' ' '\n' <<<"$(ids Groups)" | sort -n | xargs)" "Groups"
t_match 'groups=.*2000\(extra\)' "$(sed -n 1p <<<"$OUT")" "id"
t_match 'groups=.*2001' "$(sed -n 1p <<<"$OUT")" "id"

t_begin "HOME follows the user"
mkini home <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'echo \$HOME'
user = app
EOF
c_run run "$INI"
t_rc 0
t_eq /home/app "$OUT" "HOME"

t_begin "an unknown user name is 125 with one line naming it"
mkini nouser <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/echo RAN
user = nosuchuser$T_MARK
EOF
c_run run "$INI"
t_rc 125
t_one_line "nosuchuser$T_MARK"
t_nomatch RAN "$OUT" "workload output"

t_begin "an unknown group name is 125 with one line naming it"
mkini nogroup <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/echo RAN
user = app
groups = nosuchgroup$T_MARK
EOF
c_run run "$INI"
t_rc 125
t_one_line "nosuchgroup$T_MARK"
t_nomatch RAN "$OUT" "workload output"
