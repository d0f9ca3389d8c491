#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Configuration errors (SPEC "Configuration file"): 125 and exactly one stderr
# line naming FILE:LINE, before anything is created; `cella check`; --set.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

# bad_config LINE [REGEX]: `cella run $INI` fails with 125 and one line naming
# the file and LINE (a regex: "4|6" allows either), and the workload (which
# would print RAN) never ran.
bad_config() {
	c_run run "$INI"
	t_rc 125
	t_one_line "(^|[ /])$(basename "$INI"):($1):"
	[ -z "${2:-}" ] || t_match "$2" "$ERR" "stderr line"
	t_nomatch RAN "$OUT" "workload output"
}

t_begin "unknown key is 125 naming file and line"
mkini badkey <<EOF
[root]
path = $ROOTFS
[container]
hostnmae = box
[process]
exec = /bin/echo RAN
EOF
bad_config 4 hostnmae

t_begin "unknown section is 125 naming file and line"
mkini badsection <<EOF
[root]
path = $ROOTFS
[contianer]
hostname = box
[process]
exec = /bin/echo RAN
EOF
bad_config 3 contianer

t_begin "bad boolean is 125 naming file and line"
mkini badbool <<EOF
[root]
path = $ROOTFS
readonly = maybe
[process]
exec = /bin/echo RAN
EOF
bad_config 3 maybe

t_begin "bad size is 125 naming file and line"
mkini badsize <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/echo RAN
[cgroup]
memory.max = 12Q
EOF
bad_config 6

t_begin "bad duration is 125 naming file and line"
mkini badduration <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/echo RAN
stop-timeout = 10parsecs
EOF
bad_config 5 10parsecs

t_begin "bad octal umask is 125 naming file and line"
mkini badumask <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/echo RAN
umask = 0998
EOF
bad_config 5 0998

t_begin "duplicate non-repeatable key is 125 naming the second line"
mkini dupkey <<EOF
[root]
path = $ROOTFS
[container]
hostname = one
hostname = two
[process]
exec = /bin/echo RAN
EOF
bad_config 5 hostname

t_begin "hostname with namespaces.uts = no is 125 naming file and line"
mkini hostnouts <<EOF
[root]
path = $ROOTFS
[container]
hostname = box
[process]
exec = /bin/echo RAN
[namespaces]
uts = no
EOF
bad_config "4|8"

# A missing key has no line of its own: the file is named, a line number may
# follow.
t_begin "missing process.exec is 125 naming the file"
mkini noexec <<EOF
[root]
path = $ROOTFS
[process]
cwd = /
EOF
c_run run "$INI"
t_rc 125
t_one_line "(^|[ /])noexec\.ini(:[0-9]+)?:.*exec"

t_begin "bad container name is 125 naming file and line"
mkini badname <<EOF
[container]
name = bad/name
[root]
path = $ROOTFS
[process]
exec = /bin/echo RAN
EOF
bad_config 2

t_begin "unknown rlimit is 125 naming file and line"
mkini badlimit <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/echo RAN
limit-bogus = 10
EOF
bad_config 5 limit-bogus

t_begin "line too long is 125 naming file and line"
long=$(head -c 100000 /dev/zero | tr '\0' A)
mkini longline <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/echo RAN $long
EOF
bad_config 4

t_begin "cella check exits 0 on a good file and runs nothing"
mkini good <<EOF
# a comment
; another
[container]
hostname = box
[root]
path = $ROOTFS
readonly = yes
[process]
exec = /bin/echo RAN
umask = 0027
stop-timeout = 500ms
limit-nofile = 100:200
[mounts]
tmpfs = /tmp size=16M,mode=1777
EOF
c_run check "$INI"
t_rc 0
t_eq "" "$ERR" "stderr"
t_nomatch RAN "$OUT" "output"

t_begin "cella check exits 125 with FILE:LINE on a bad file"
mkini bad <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/echo RAN
no-new-privs = perhaps
EOF
c_run check "$INI"
t_rc 125
t_one_line "(^|[ /])bad\.ini:5:"

t_begin "all boolean spellings are accepted"
mkini bools <<EOF
[root]
path = $ROOTFS
readonly = no
[process]
exec = /bin/echo RAN
no-new-privs = yes
init = true
[namespaces]
uts = on
ipc = 1
cgroup = false
time = off
[mounts]
defaults = 0
EOF
c_run check "$INI"
t_rc 0
t_eq "" "$ERR" "stderr"

t_begin "--set with an unknown key is 125 naming the option"
mkini good <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/echo RAN
EOF
c_run run --set nosuch.key=1 "$INI"
t_rc 125
t_one_line 'nosuch\.key'
t_nomatch RAN "$OUT" "workload output"

t_begin "--set with a bad value is 125 naming the option"
mkini good <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/echo RAN
EOF
c_run run --set process.umask=abc "$INI"
t_rc 125
t_one_line 'process\.umask'
t_nomatch RAN "$OUT" "workload output"

t_begin "--set of a non-repeatable key that the file has overrides it"
mkini good <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c umask
umask = 0022
EOF
c_run run --set process.umask=0077 "$INI"
t_rc 0
t_eq 0077 "$OUT" "umask inside"

t_begin "a missing config file is 125 with one line"
c_run run "$T_DIR/absent.ini"
t_rc 125
t_one_line 'absent\.ini'

