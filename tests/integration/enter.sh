#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# cella exec without a window (SPEC [process], cella exec): no process it
# makes visible in the container holds more than the workload, nothing the
# container controls makes it block, and the command's environment comes
# from the config, never from the container's /proc/PID/environ.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

command -v strace >/dev/null || need_pkg strace

t_begin "exec --user with a FIFO as the container's /etc/passwd: one line and 125, no hang"
mkini fifo <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'mkfifo /etc/passwd /etc/group && touch /tmp/ready; sleep 1000; : $T_MARK'
[mounts]
tmpfs = /etc
tmpfs = /tmp
EOF
c_run run -d "$INI"
t_rc 0
T_TIMEOUT=5 t_wait_for 5 c_run exec fifo /bin/test -e /tmp/ready || t_fail "the workload made no FIFO"
T_TIMEOUT=5 c_run exec --user app fifo /bin/true
t_rc 125
t_one_line '/etc/passwd: not a regular file'
c_run stop fifo --timeout 1s

t_begin "exec: the process visible in the container is made only after the drop to the workload's sets"
mkini order <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'sleep 1000; : $T_MARK'
user = app
[capabilities]
keep = net_bind_service sys_ptrace
EOF
c_run run -d "$INI"
t_rc 0
c_capture strace -f -qq -o "$T_DIR/trace" -e trace=clone,clone3,fork,vfork,setns,capset,setresuid,prctl,execve \
	"$CELLA" exec order /bin/true
t_rc 0
# The command: the process that execs /bin/true; its creator, and the line
# where it was created.
cmd=$(awk '$2 ~ /^execve\("\/bin\/true"/ && / = 0$/ { print $1; exit }' "$T_DIR/trace")
line=$(awk -v c="$cmd" '$2 ~ /^(clone|clone3|fork|vfork|<\.\.\.)/ && $NF == c { print NR; exit }' "$T_DIR/trace")
parent=$(awk -v n="$line" 'NR == n { print $1 }' "$T_DIR/trace")
if [ -z "$cmd" ] || [ -z "$line" ]; then
	t_fail "could not find the command's creation in the trace: $(t_short "$(cat "$T_DIR/trace")")"
else
	before=$(awk -v n="$line" -v p="$parent" 'NR < n && $1 == p' "$T_DIR/trace")
	t_match 'setns\(.*CLONE_NEWPID' "$before" "its creator joined the pid namespace before"
	t_match 'setresuid\(1000, 1000, 1000' "$before" "its creator switched to the user before"
	t_match 'capset\(' "$before" "its creator set the capabilities before"
	t_match 'PR_SET_NO_NEW_PRIVS, 1' "$before" "its creator set no_new_privs before"
	t_nomatch 'capset|setresuid|setns' "$(awk -v c="$cmd" '$1 == c' "$T_DIR/trace")" \
		"calls of the visible process itself"
fi
c_run stop order --timeout 1s

t_begin "exec: the environment is the config's, not what the workload rewrote"
# shellcheck disable=SC2016 # expanded inside the container
mkini envc <<EOF
[root]
path = $ROOTFS
[process]
exec = /usr/bin/env PATH=/evil-path FROM_CONTAINER=1 /bin/sh -c 'sleep 1000; : $T_MARK'
env = FROM_CONFIG=yes
EOF
c_run run -d "$INI"
t_rc 0
# shellcheck disable=SC2016 # expanded inside the container
c_run exec envc /bin/sh -c 'echo "$PATH ${FROM_CONTAINER-unset} $FROM_CONFIG $HOME $container"'
t_rc 0
t_eq "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin unset yes /root cella" "$OUT" "exec's environment"
c_run stop envc --timeout 1s

t_begin "exec: the process in the container is not dumpable before its exec"
mkini dump <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'sleep 1000; : $T_MARK'
EOF
c_run run -d "$INI"
t_rc 0
c_capture strace -f -qq -o "$T_DIR/trace" -e trace=prctl,clone,clone3,fork,vfork "$CELLA" exec dump /bin/true
t_rc 0
t_match 'PR_SET_DUMPABLE, (SUID_DUMP_DISABLE|0)' "$(awk '$2 ~ /^(clone|fork|vfork)/ { exit } { print }' "$T_DIR/trace")" \
	"cella exec's calls before its first fork"
c_run stop dump --timeout 1s

t_begin "run: a FIFO as the image's /etc/passwd is one line and 125, not a hang"
cp -al "$ROOTFS" "$T_DIR/root"
t_defer "rm -rf --one-file-system '$T_DIR/root'"
rm "$T_DIR/root/etc/passwd"
mkfifo "$T_DIR/root/etc/passwd"
mkini runfifo <<EOF
[root]
path = $T_DIR/root
[process]
exec = /bin/echo RAN
user = app
EOF
T_TIMEOUT=5 c_run run "$INI"
t_rc 125
t_one_line 'process.user app: /etc/passwd: not a regular file'

t_begin "exec --user with /etc/passwd a symlink to /proc/kmsg: one line and 125, nothing read, no hang"
# /proc/kmsg is a "regular file" of procfs that blocks, and reading it as
# root takes the host's kernel messages away from its syslog.
mkini kmsg <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'ln -s /proc/kmsg /etc/passwd && touch /tmp/ready; sleep 1000; : $T_MARK'
[mounts]
tmpfs = /etc
tmpfs = /tmp
EOF
c_run run -d "$INI"
t_rc 0
T_TIMEOUT=5 t_wait_for 5 c_run exec kmsg /bin/test -e /tmp/ready || t_fail "the workload made no symlink"
T_TIMEOUT=5 c_run exec --user app kmsg /bin/true
t_rc 125
t_one_line '/etc/passwd: not a regular file'
c_run stop kmsg --timeout 1s
