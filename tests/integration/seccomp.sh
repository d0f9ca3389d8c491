#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# [seccomp] (SPEC): the default profile denies each of its calls (EPERM, or
# SIGSYS with action = kill), its argument checks (personality, clone and
# unshare with CLONE_NEWUSER, clone3 -> ENOSYS), the entries a kept
# capability lifts, allow and deny, another architecture's numbers, no
# filter with profile = none, cella check, cella state, cella exec, the
# container's init, and no_new_privs = no. tests/helpers/sysc.c makes the
# calls inside and prints NAME=ERRNO.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

EPERM=1
ENOSYS=38
command -v strace >/dev/null || need_pkg strace

# sc_run EXEC [LINES...]: run EXEC with [seccomp] LINES (and any other
# section's lines after a "[section]" line among them); OUT, RC.
sc_run() {
	local exec=$1
	shift
	{
		printf '[root]\npath = %s\n[process]\nexec = %s\n[mounts]\ntmpfs = /tmp\n[seccomp]\n' "$ROOTFS" "$exec"
		printf '%s\n' "$@"
	} >"$T_DIR/sc.ini"
	INI=$T_DIR/sc.ini
	c_run run "$INI"
}

# value NAME: NAME's errno in OUT.
value() { printf '%s\n' "$OUT" | sed -n "s/^$1=//p"; }

t_begin "default profile: every call of it fails with EPERM, clone3 with ENOSYS; without a filter they reach the kernel"
sc_run "/usr/bin/sysc all"
t_rc 0
ALL=$OUT
names=$(printf '%s\n' "$ALL" | sed 's/=.*//')
t_ne "" "$names" "the helper's calls"
for n in $names; do
	case $n in
	clone3) t_eq $ENOSYS "$(value $n)" "$n" ;;
	*) t_eq $EPERM "$(value $n)" "$n" ;;
	esac
done
sc_run "/usr/bin/sysc all" "profile = none"
t_rc 0
# Bad pointers and descriptors: the kernel says EFAULT, EBADF or EINVAL
# where the filter said EPERM (many calls check a capability first).
for n in userfaultfd bpf keyctl add_key setns kcmp ptrace clone3; do
	t_ne $EPERM "$(value $n)" "$n without a filter"
done

t_begin "action = kill: each call of the profile kills the process (SIGSYS, 159); none does with profile = none"
for n in $names; do
	[ "$n" != clone3 ] || continue
	sc_run "/usr/bin/sysc $n" "action = kill"
	t_eq 159 "$RC" "$n with action = kill (stdout '$(t_short "$OUT")')"
done
sc_run "/usr/bin/sysc clone3" "action = kill"
t_rc 0
t_eq "clone3=$ENOSYS" "$OUT" "clone3 with action = kill"
sc_run "/usr/bin/sysc all" "profile = none" "action = kill"
t_rc 0

t_begin "action = log: the calls reach the kernel (logged)"
sc_run "/usr/bin/sysc userfaultfd bpf keyctl setns personality clone3" "action = log"
t_rc 0
for n in userfaultfd bpf keyctl setns clone3; do
	t_ne $EPERM "$(value $n)" "$n with action = log"
done
t_eq 0 "$(value personality)" "personality(PER_BSD) with action = log"

t_begin "allowed calls still work: getpid, fork, pthread_create, a busybox pipeline"
sc_run "/usr/bin/sysc threads"
t_rc 0
t_eq "threads=ok" "$OUT"
sc_run "/bin/sh -c 'echo a b | tr a-z A-Z | (read x y; echo \$y\$x)'"
t_rc 0
t_eq "BA" "$OUT"

t_begin "allow = userfaultfd lets exactly that call through"
sc_run "/usr/bin/sysc all" "allow = userfaultfd"
t_rc 0
t_ne $EPERM "$(value userfaultfd)" "userfaultfd"
for n in $names; do
	case $n in
	userfaultfd) ;;
	clone3) t_eq $ENOSYS "$(value $n)" "$n" ;;
	*) t_eq $EPERM "$(value $n)" "$n" ;;
	esac
done

t_begin "deny = chmod denies chmod (repeatable, several names a line)"
sc_run "/bin/sh -c 'touch /tmp/f; /usr/bin/sysc chmod /tmp/f'"
t_rc 0
t_eq "chmod=0" "$OUT" "without deny"
sc_run "/bin/sh -c 'touch /tmp/f; /usr/bin/sysc chmod /tmp/f'" "deny = fchmod chmod" "deny = fchmodat"
t_rc 0
t_eq "chmod=$EPERM" "$OUT" "with deny = chmod"
sc_run "/bin/sh -c 'touch /tmp/f; chmod 600 /tmp/f'" "profile = none" "deny = chmod fchmodat" "action = kill"
t_eq 159 "$RC" "busybox chmod with profile = none, deny = chmod, action = kill"

t_begin "unshare and clone with CLONE_NEWUSER are denied, even with every capability; clone3 gets ENOSYS"
sc_run "/usr/bin/sysc unshare clone clone3" "[capabilities]" "keep = all"
t_rc 0
t_eq "unshare=$EPERM clone=$EPERM clone3=$ENOSYS" "$(echo $OUT)"
sc_run "/usr/bin/unshare -U /bin/true" "[capabilities]" "keep = all"
t_ne 0 "$RC" "busybox unshare -U"

t_begin "personality: 0, 8, 0x20000, 0x20008 and 0xffffffff allowed, PER_BSD denied"
for v in 0x0 0x8 0x20000 0x20008 0xffffffff; do
	sc_run "/usr/bin/sysc pers $v"
	t_rc 0
	t_eq "personality=0" "$OUT" "personality($v)"
done
sc_run "/usr/bin/sysc pers 0x6"
t_eq "personality=$EPERM" "$OUT" "personality(PER_BSD)"
sc_run "/usr/bin/sysc pers 0x6" "allow = personality"
t_eq "personality=0" "$OUT" "personality(PER_BSD) with allow = personality"

t_begin "an x32 system call number on x86_64 kills the process (SIGSYS, 159) whatever action says"
if [ "$(uname -m)" = x86_64 ]; then
	for a in errno log; do
		sc_run "/usr/bin/sysc x32" "action = $a"
		t_eq 159 "$RC" "x32 getpid with action = $a (stdout '$OUT')"
	done
	sc_run "/usr/bin/sysc x32" "profile = none"
	t_rc 0
	t_ne "x32=0" "$OUT" "x32 getpid without a filter (no x32 on this kernel, or a pid)"
fi

t_begin "a kept capability lifts its entries: sys_time, sys_admin, sys_ptrace"
sc_run "/usr/bin/sysc clock_settime settimeofday adjtimex clock_adjtime mount" "[capabilities]" "keep = default sys_time"
t_rc 0
for n in clock_settime settimeofday adjtimex clock_adjtime; do
	t_eq 14 "$(value $n)" "$n with sys_time kept (EFAULT from the kernel)"
done
t_eq $EPERM "$(value mount)" "mount without sys_admin"
sc_run "/usr/bin/sysc mount umount2 setns ptrace kcmp keyctl" "[capabilities]" "keep = all"
t_rc 0
for n in mount umount2 setns ptrace kcmp; do
	t_ne $EPERM "$(value $n)" "$n with every capability"
done
t_eq $EPERM "$(value keyctl)" "keyctl, denied always"
# The mounts of the existing tests with keep = all still work.
sc_run "/bin/sh -c 'mount -t tmpfs x /mnt && umount /mnt && echo ok'" "[capabilities]" "keep = all"
t_rc 0
t_eq ok "$OUT"

t_begin "profile = none: no filter; the default: one filter, mode 2"
sc_run "/bin/grep ^Seccomp /proc/self/status" "profile = none"
t_rc 0
t_eq 0 "$(statusfield Seccomp "$OUT")" "Seccomp with profile = none"
sc_run "/bin/grep ^Seccomp /proc/self/status"
t_rc 0
t_eq 2 "$(statusfield Seccomp "$OUT")" "Seccomp"
t_eq 1 "$(statusfield Seccomp_filters "$OUT")" "Seccomp_filters"

t_begin "no-new-privs = no: the filter is installed and CAP_SYS_ADMIN, held for it, is gone"
for user in root app; do
	sc_run "/bin/grep -E '^(Seccomp|NoNewPrivs|Cap(Eff|Prm|Inh|Amb|Bnd))' /proc/self/status" \
		"[process]" "no-new-privs = no" "user = $user"
	t_rc 0
	t_eq 2 "$(statusfield Seccomp "$OUT")" "Seccomp ($user)"
	t_eq 0 "$(statusfield NoNewPrivs "$OUT")" "NoNewPrivs ($user)"
	for set in Eff Prm Inh Amb Bnd; do
		t_eq 0 "$(bit "$(statusfield Cap$set "$OUT")" 21)" "CAP_SYS_ADMIN in Cap$set ($user)"
	done
done
sc_run "/usr/bin/sysc mount" "[process]" "no-new-privs = no"
t_eq "mount=$EPERM" "$OUT"
sc_run "/bin/true" "deny = capset" "[process]" "no-new-privs = no"
t_rc 125
t_one_line "deny = capset needs process.no-new-privs = yes"
sc_run "/bin/true" "deny = capset" "[process]" "no-new-privs = no" "[capabilities]" "keep = all"
t_rc 0

t_begin "process.init = yes: the container's init has the filter too"
sc_run "/bin/grep ^Seccomp /proc/1/status" "[process]" "init = yes" "[namespaces]" "pid = yes"
t_rc 0
t_eq 2 "$(statusfield Seccomp "$OUT")" "the init's Seccomp"
# The race: the init forks the workload, then drops to CAP_KILL and
# installs the filter. strace holds the init 300 ms on the way out of its
# fork (the one fork system call of a start; the others are clone): a
# workload that did not wait for it would exec and see a PID 1 with every
# capability and no filter.
c_capture strace -qq -f -o /dev/null -e trace=fork -e inject=fork:delay_exit=300000 \
	"$CELLA" run "$INI"
t_rc 0
t_eq 2 "$(statusfield Seccomp "$OUT")" "the init's Seccomp, its fork held 300 ms"
sc_run "/bin/grep ^CapEff /proc/1/status" "[process]" "init = yes" "[namespaces]" "pid = yes"
c_capture strace -qq -f -o /dev/null -e trace=fork -e inject=fork:delay_exit=300000 \
	"$CELLA" run "$INI"
t_rc 0
t_eq 0000000000000020 "$(statusfield CapEff "$OUT")" "the init's CapEff (CAP_KILL alone), its fork held 300 ms"

t_begin "deny = close with an init: the workload still runs (the init's close of its gate is denied)"
# The init installs the workload's filter, then lets the workload exec by
# closing a pipe: with close denied (EPERM) the pipe stayed open, and the
# start hung for ever with the TERM of timeout(1) unheard.
sc_run "/bin/echo RAN" "deny = close" "[process]" "init = yes" "[namespaces]" "pid = yes"
t_rc 0
t_eq RAN "$OUT" "workload output"

t_begin "deny = wait4 or rt_sigtimedwait with an init: refused with one line (the init could not reap, the start would hang)"
for call in wait4 rt_sigtimedwait; do
	sc_run "/bin/true" "deny = $call" "[process]" "init = yes" "[namespaces]" "pid = yes"
	t_rc 125
	t_one_line "sc\\.ini:[0-9]+: seccomp\\.deny = $call: the container's init \\(process\\.init = yes\\) runs under the filter and needs it"
done
# Without an init, or with action = kill (which ends the init), it runs.
sc_run "/bin/echo RAN" "deny = wait4" "[process]" "init = no" "[namespaces]" "pid = yes"
t_rc 0
t_eq RAN "$OUT" "deny = wait4 with init = no"

t_begin "names newer than the C library's headers: deny = fchmodat2 (452) denies it; without, the kernel answers"
# (musl 1.2.3's <sys/syscall.h> ends at 446; scripts/syscalls.sh knows
# 447-469 by their common numbers.)
sc_run "/usr/bin/sysc nr 452" "deny = fchmodat2 file_setattr"
t_rc 0
t_eq "nr452=$EPERM" "$OUT" "fchmodat2 denied"
sc_run "/usr/bin/sysc nr 452"
t_rc 0
t_ne "nr452=$EPERM" "$OUT" "fchmodat2 without the deny"
t_ne "" "$OUT" "the helper's line"

t_begin "cella check: an unknown name is one line with file:line; a name of the profile is taken"
mkini bad <<EOF
[seccomp]
allow = userfaultfd
deny = nosuchcall
EOF
c_run check "$INI"
t_rc 125
t_one_line "(^|[ /])bad\.ini:3:.*unknown system call 'nosuchcall'"
mkini bad <<EOF
[seccomp]
action = maybe
EOF
c_run check "$INI"
t_rc 125
t_one_line "(^|[ /])bad\.ini:2:.*errno, kill or log"
mkini good <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/true
[seccomp]
allow = iopl ioperm clock_settime32
deny = getppid
EOF
c_run check "$INI"
t_rc 0

t_begin "cella state names the profile in force; cella exec's command gets the same filter"
for p in default none custom; do
	extra=
	case $p in
	none) extra="profile = none" ;;
	custom) extra="deny = chmod" ;;
	esac
	mkini "st$p" <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'sleep 1000; : $T_MARK'
[seccomp]
action = kill
$extra
EOF
	c_run run -d "$INI"
	t_rc 0
	c_run state "st$p"
	t_contains "seccomp=$p" "$OUT" "state of st$p"
	c_run exec "st$p" /bin/grep ^Seccomp /proc/self/status
	t_rc 0
	if [ $p = none ]; then
		t_eq 0 "$(statusfield Seccomp "$OUT")" "Seccomp of exec's command ($p)"
	else
		t_eq 2 "$(statusfield Seccomp "$OUT")" "Seccomp of exec's command ($p)"
		t_eq 1 "$(statusfield Seccomp_filters "$OUT")" "Seccomp_filters of exec's command ($p)"
		c_run exec "st$p" /usr/bin/sysc userfaultfd
		t_eq 159 "$RC" "userfaultfd in exec's command ($p, action = kill)"
	fi
	c_run stop "st$p" --timeout 1s
done
