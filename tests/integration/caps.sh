#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# [capabilities] (SPEC): the five sets in /proc/self/status, CAP_SYS_BOOT,
# keep, drop, ambient for a non-root user, unknown names; no_new_privs.
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"

# caps_run [CAPS-SECTION-LINES] [PROCESS-LINES]: runs cat /proc/self/status
# with those lines; OUT holds the status text.
caps_run() {
	mkini caps <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/cat /proc/self/status
${2:-}
[capabilities]
${1:-}
EOF
	c_run run "$INI"
	t_rc 0
}

cap() { statusfield "Cap$1" "$OUT"; }

CAP_NET_ADMIN=12
CAP_NET_RAW=13
CAP_SYS_ADMIN=21
CAP_SYS_BOOT=22

# default: chown dac_override fowner fsetid kill setgid setuid setpcap
# net_bind_service sys_chroot setfcap (Podman's set).
DEFAULT_SET=00000000800405fb

t_begin "the default is Podman's set: no sys_admin, sys_module, dac_read_search, sys_ptrace, sys_boot"
caps_run
for set in Bnd Eff Prm Inh; do
	t_eq $DEFAULT_SET "$(cap $set)" "Cap$set"
done
t_eq 0000000000000000 "$(cap Amb)" "CapAmb (root needs none)"

t_begin "keep = default names the same set; default plus a name adds it"
caps_run "keep = default net_raw"
for set in Bnd Eff Prm; do
	t_eq 00000000800425fb "$(cap $set)" "Cap$set"
done

t_begin "keep = all keeps every capability but CAP_SYS_BOOT"
caps_run "keep = all"
for set in Bnd Eff Prm Inh Amb; do
	t_eq 0 "$(bit "$(cap $set)" $CAP_SYS_BOOT)" "CAP_SYS_BOOT in Cap$set ($(cap $set))"
done
for set in Bnd Eff Prm; do
	t_eq 1 "$(bit "$(cap $set)" $CAP_SYS_ADMIN)" "CAP_SYS_ADMIN in Cap$set ($(cap $set))"
	t_eq 1 "$(bit "$(cap $set)" $CAP_NET_RAW)" "CAP_NET_RAW in Cap$set ($(cap $set))"
done

t_begin "keep = net_bind_service keeps exactly that"
caps_run "keep = net_bind_service"
for set in Bnd Eff Prm Inh; do
	t_eq 0000000000000400 "$(cap $set)" "Cap$set"
done

t_begin "keep accepts CAP_ names"
caps_run "keep = CAP_NET_BIND_SERVICE CAP_NET_RAW"
for set in Bnd Eff Prm; do
	t_eq 0000000000002400 "$(cap $set)" "Cap$set"
done

t_begin "keep = none keeps nothing"
caps_run "keep = none"
for set in Bnd Eff Prm Inh Amb; do
	t_eq 0000000000000000 "$(cap $set)" "Cap$set"
done

t_begin "drop = net_raw removes CAP_NET_RAW and still CAP_SYS_BOOT"
caps_run "keep = all
drop = net_raw"
for set in Bnd Eff Prm; do
	t_eq 0 "$(bit "$(cap $set)" $CAP_NET_RAW)" "CAP_NET_RAW in Cap$set ($(cap $set))"
	t_eq 0 "$(bit "$(cap $set)" $CAP_SYS_BOOT)" "CAP_SYS_BOOT in Cap$set ($(cap $set))"
	t_eq 1 "$(bit "$(cap $set)" $CAP_NET_ADMIN)" "CAP_NET_ADMIN in Cap$set ($(cap $set))"
done

t_begin "keep = sys_boot keeps CAP_SYS_BOOT"
caps_run "keep = sys_boot"
for set in Bnd Eff Prm; do
	t_eq 0000000000400000 "$(cap $set)" "Cap$set"
done

t_begin "keep then drop: drop wins"
caps_run "keep = net_bind_service net_raw
drop = net_raw"
for set in Bnd Eff Prm; do
	t_eq 0000000000000400 "$(cap $set)" "Cap$set"
done

t_begin "a non-root user gets the kept capabilities as ambient"
caps_run "keep = net_bind_service" "user = 1000"
for set in Amb Eff Prm Inh Bnd; do
	t_eq 0000000000000400 "$(cap $set)" "Cap$set"
done
t_match '^1000[[:space:]]' "$(statusfield Uid "$OUT")" "Uid"

t_begin "a non-root user with keep = all gets them ambient, but not CAP_SYS_BOOT"
caps_run "keep = all" "user = 1000"
for set in Bnd Amb Eff; do
	t_eq 0 "$(bit "$(cap $set)" $CAP_SYS_BOOT)" "CAP_SYS_BOOT in Cap$set ($(cap $set))"
	t_eq 1 "$(bit "$(cap $set)" $CAP_SYS_ADMIN)" "CAP_SYS_ADMIN in Cap$set ($(cap $set))"
done

t_begin "an unknown capability name is 125 naming file and line"
mkini badcap <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/echo RAN
[capabilities]
keep = net_bind_service cap_frobnicate
EOF
c_run run "$INI"
t_rc 125
t_one_line '(^|[ /])badcap\.ini:6:.*frobnicate'
t_nomatch RAN "$OUT" "workload output"

t_begin "no_new_privs is set by default"
caps_run
t_eq 1 "$(statusfield NoNewPrivs "$OUT")" "NoNewPrivs"

t_begin "no-new-privs = no leaves it unset"
caps_run "" "no-new-privs = no"
t_eq 0 "$(statusfield NoNewPrivs "$OUT")" "NoNewPrivs"

t_begin "ping works with CAP_NET_RAW and not without it"
for drop in sys_boot net_raw; do
	mkini ping <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'ping -c 1 -W 2 127.0.0.1 >/dev/null 2>&1 && echo sent || echo refused'
[capabilities]
keep = default net_raw
drop = $drop
EOF
	c_run run "$INI"
	t_rc 0
	case $drop in
	net_raw) t_eq refused "$OUT" "ping without CAP_NET_RAW" ;;
	*) t_eq sent "$OUT" "ping with CAP_NET_RAW" ;;
	esac
done

# The init never execs: one capset leaves it CAP_KILL (to signal a workload
# of another user) and nothing inheritable; its bounding set, which only
# limits what an exec gains, is not dropped a capability at a time.
t_begin "the container's init holds CAP_KILL only, nothing inheritable, no_new_privs"
mkini initcaps <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/cat /proc/1/status
[capabilities]
keep = all
EOF
c_run run "$INI"
t_rc 0
t_eq 0000000000000020 "$(statusfield CapPrm "$OUT")" "init's CapPrm"
t_eq 0000000000000020 "$(statusfield CapEff "$OUT")" "init's CapEff"
t_eq 0000000000000000 "$(statusfield CapInh "$OUT")" "init's CapInh"
t_eq 0000000000000000 "$(statusfield CapAmb "$OUT")" "init's CapAmb"
t_eq 1 "$(statusfield NoNewPrivs "$OUT")" "init's NoNewPrivs"

# PR_SET_NO_NEW_PRIVS = 38; with no-new-privs = no only the init makes
# that call, so only the init's hardening fails.
t_begin "the container's init failing to harden itself is fatal: 125, one line, nothing runs"
mkini initdrop <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'sleep 0.5; echo RAN; : $T_MARK'
no-new-privs = no
[capabilities]
keep = all
EOF
c_capture "$ROOTFS/usr/bin/prctl-deny" 38 1 "$CELLA" run "$INI"
t_rc 125
t_one_line "init could not drop its own capabilities: no_new_privs or not dumpable: Operation not permitted"
t_nomatch RAN "$OUT" "workload output"
