#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The busybox applet (busybox-integration/): busybox built with cella inside
# runs cella's commands, answers --help with cella's help, and works from
# the three places the examples show: a busybox inittab (booted for real in
# qemu, with busybox init as PID 1), a runit service, an init.d script. And
# busybox started as /sbin/cella by the kernel is cella's PID 1 mode, on
# x86_64 and, built with CROSS_COMPILE=aarch64-linux-musl- in a copy of the
# tree (build/cross/busybox-aarch64-linux-musl), on aarch64.
#
# The tests use BUSYBOX_CONFIG=mini (allnoconfig + init + cella, about 10 s
# to build); defconfig + cella is built too (about 80 s on two cores the
# first time; CELLA_TEST_BUSYBOX_DEFCONFIG=0 skips it). Both are cached in
# build/busybox/: a run with nothing changed builds nothing.
# shellcheck disable=SC2016 # $... in single quotes is for the shells inside
# shellcheck source-path=SCRIPTDIR source=../lib.sh
. "$(dirname "$0")/../lib.sh"
# shellcheck source=../vm/lib.sh
. "$(dirname "$0")/../vm/lib.sh"

BB=$T_TOP/build/busybox/native-mini/busybox
BBD=$T_TOP/build/busybox/native-defconfig/busybox
EX=$T_TOP/busybox-integration/examples

# bb_make ARG...: make -C busybox-integration, on its own two jobs (not
# make check's jobserver, which a test cannot reach).
bb_make() {
	T_TIMEOUT=900 c_capture env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
		make -C "$T_TOP/busybox-integration" -j2 "$@"
}

# bb ARG...: `busybox cella ARG...` of the mini build, like c_run.
bb() { c_capture "$BB" cella "$@"; }

# A container of the test rootfs that runs until stopped.
sleeper() {
	mkini "$1" <<EOF
[container]
name = $1
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'echo "$1: up"; trap "echo $1: got TERM; exit 0" TERM; while :; do sleep 0.2; done; : $T_MARK'
stop-timeout = 2s
EOF
}

is_static() { [ -f "$1" ] && ! readelf -l "$1" 2>/dev/null | grep -q INTERP; }

# --- the build ----------------------------------------------------------------

t_begin "make -C busybox-integration BUSYBOX_CONFIG=mini: a static busybox with init and cella"
bb_make BUSYBOX_CONFIG=mini
t_rc 0
is_static "$BB" || t_fail "$BB: missing or not static"
t_eq "cella halt init poweroff reboot" "$("$BB" --list 2>&1 | sort | tr '\n' ' ' | sed 's/ $//')" "busybox --list"
echo "# busybox mini + cella: $(stat -c %s "$BB" 2>/dev/null) bytes; cella alone: $(stat -c %s "$CELLA") bytes"
[ "$(nm "$T_TOP/build/busybox/native-mini/cella-all.o" 2>/dev/null | grep -c ' [A-TV-Z] ')" = 1 ] ||
	t_fail "cella-all.o has global symbols besides cella_entry: $(nm "$T_TOP/build/busybox/native-mini/cella-all.o" | grep ' [A-TV-Z] ' | head -5 | tr '\n' ' ')"

t_begin "a second make builds nothing"
before=$(stat -c %Y.%s "$BB" 2>/dev/null)
start=$EPOCHSECONDS
bb_make BUSYBOX_CONFIG=mini
t_rc 0
t_eq "$before" "$(stat -c %Y.%s "$BB" 2>/dev/null)" "busybox's mtime and size"
t_nomatch 'BUSYBOX|CONFIG|  CC|  AR' "$OUT" "make's output"
[ $((EPOCHSECONDS - start)) -le 10 ] || t_fail "took $((EPOCHSECONDS - start)) s"

if [ "${CELLA_TEST_BUSYBOX_DEFCONFIG:-1}" != 0 ]; then
	t_begin "make -C busybox-integration: defconfig + cella builds; the applet runs a container"
	bb_make
	t_rc 0
	is_static "$BBD" || t_fail "$BBD: missing or not static"
	n=$("$BBD" --list 2>/dev/null | wc -l)
	[ "$n" -gt 300 ] || t_fail "busybox --list: $n applets"
	echo "# busybox defconfig + cella: $(stat -c %s "$BBD" 2>/dev/null) bytes, $n applets"
	c_capture "$BBD" cella --version
	t_rc 0
	t_eq "cella $("$CELLA" --version | cut -d' ' -f2)" "$OUT" "busybox cella --version"
	mkini dc <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'echo "pid=\$\$"; exit 4'
EOF
	c_capture "$BBD" cella run "$INI"
	t_rc 4
	t_eq "pid=2" "$OUT" "workload output"
	c_capture "$BBD" cella --help
	t_rc 0
	t_eq "$("$CELLA" --help)" "$(sed -e '1,2d' -e '3s/^Usage:/usage:/' <<<"$ERR")" "busybox cella --help, less busybox's banner"
fi

# --- the applet: cella's commands --------------------------------------------

t_begin "busybox cella --help is cella --help (busybox's banner and 'Usage:' aside)"
bb --help
t_rc 0
t_eq "" "$OUT" "stdout"
t_match '^BusyBox v1\.35\.0 .* multi-call binary\.$' "$(head -n 1 <<<"$ERR")" "banner"
t_eq "$("$CELLA" --help)" "$(sed -e '1,2d' -e '3s/^Usage:/usage:/' <<<"$ERR")" "the help text"

t_begin "busybox cella --version, help run, help exec: cella's own"
for args in --version "help run" "help exec" "run --help"; do
	# shellcheck disable=SC2086 # the words of args
	bb $args
	t_rc 0
	# shellcheck disable=SC2086
	t_eq "$("$CELLA" $args 2>&1)" "$OUT$ERR" "busybox cella $args"
done

t_begin "busybox cella run: a container on the test rootfs, the workload's status"
mkini r1 <<EOF
[container]
hostname = bb-run
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'echo "pid=\$\$ host=\$(hostname) user=\$(id -u)"; exit 7'
EOF
bb run "$INI"
t_rc 7
t_eq "pid=2 host=bb-run user=0" "$OUT" "workload output"
bb run --set process.user=app "$INI" -- /bin/sh -c 'id -un; kill -TERM $$'
t_rc 143
t_eq "app" "$OUT" "--set and -- ARG..."

t_begin "a link named cella runs the applet; check passes and fails as cella's"
ln -s "$BB" "$T_DIR/cella"
mkini ok <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/true
EOF
c_capture "$T_DIR/cella" check "$INI"
t_rc 0
mkini bad <<EOF
[process]
exec = /bin/true
hostnmae = x
EOF
c_capture "$T_DIR/cella" check "$INI"
t_rc 125
t_one_line "^cella: $INI:3: unknown key 'hostnmae' in \[process\]$"
c_capture "$T_DIR/cella" frobnicate
t_rc 125
t_one_line "unknown command 'frobnicate'"

t_begin "run -d, list, state, exec, kill, stop through the applet"
sleeper bbd
# (The workload's output goes to a file of its own: it outlives the command.)
"$BB" cella run -d "$INI" >"$T_DIR/bbd.out" 2>&1
# shellcheck disable=SC2034 # RC and ERR are for t_rc
RC=$? ERR=$(cat "$T_DIR/bbd.out")
t_rc 0
bb list -q
t_rc 0
t_eq "bbd" "$OUT" "list -q"
bb list
t_match "^bbd +running +[0-9]+ " "$(sed -n 2p <<<"$OUT")" "list"
bb state bbd
t_rc 0
t_contains "state=running" "$OUT" "state"
t_contains "config=$INI" "$OUT" "state"
pid=$(sed -n 's/^pid=//p' <<<"$OUT")
bb exec bbd /bin/sh -c 'echo "in: $(cat /etc/hostname) ppid=$PPID"'
t_rc 0
t_eq "in: cella-rootfs ppid=0" "$OUT" "exec"
bb exec bbd /bin/sh -c 'exit 5'
t_rc 5
bb kill bbd CONT
t_rc 0
bb stop bbd
t_rc 0
t_eq "bbd: up
bbd: got TERM" "$(cat "$T_DIR/bbd.out")" "the workload's output"
t_file_absent "$CELLA_STATE_DIR/bbd" "state dir after stop"
[ ! -e "/proc/$pid" ] || t_fail "the workload $pid is still there"
bb state bbd
t_rc 1

# --- init.d -------------------------------------------------------------------

t_begin "examples/init.d/cella-web: start (run -d), status (cella state), stop"
mkini web <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'echo "web: up"; while :; do sleep 0.2; done; : $T_MARK'
stop-timeout = 1s
EOF
sed -e "s#^CONFIG=.*#CONFIG=$INI#" -e "s#^CELLA=.*#CELLA=\"$BB cella\"#" \
	-e "s#^LOG=.*#LOG=$T_DIR/web.log#" "$EX/init.d/cella-web" >"$T_DIR/cella-web"
chmod +x "$T_DIR/cella-web"
t_defer "'$T_DIR/cella-web' stop"
c_capture "$T_DIR/cella-web" status
t_rc 3
t_eq "web is not running" "$OUT" "status before start"
c_capture "$T_DIR/cella-web" start
t_rc 0
t_eq "Starting web: ok" "$OUT" "start"
c_capture "$T_DIR/cella-web" status
t_rc 0
t_match '^web is running \(pid [0-9]+\)$' "$OUT" "status"
pid=$(sed -n 's/.*(pid \([0-9]*\))$/\1/p' <<<"$OUT")
t_match "sh -c echo \"web: up\"" "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" "the pid status names"
c_capture "$T_DIR/cella-web" start
t_rc 0
t_eq "web: already running" "$OUT" "second start"
c_capture "$T_DIR/cella-web" stop
t_rc 0
t_eq "Stopping web: ok" "$OUT" "stop"
t_file_absent "$CELLA_STATE_DIR/web" "state dir after stop"
c_capture "$T_DIR/cella-web" status
t_rc 3
t_eq "web: up" "$(cat "$T_DIR/web.log")" "the log"

t_begin "examples/init.d/cella-web: a start that fails says why and returns its status"
mkini web <<EOF
[root]
path = $ROOTFS
[process]
exec = /nonexistent
EOF
sed -e "s#^CONFIG=.*#CONFIG=$INI#" -e "s#^CELLA=.*#CELLA=\"$BB cella\"#" \
	-e "s#^LOG=.*#LOG=$T_DIR/web.log#" "$EX/init.d/cella-web" >"$T_DIR/cella-web"
c_capture sh "$T_DIR/cella-web" start
t_rc 127
t_match '^Starting web: failed \(127\): cella: web: exec /nonexistent: No such file or directory$' "$OUT" "start"
c_capture sh "$T_DIR/cella-web" status
t_rc 3

# --- runit ----------------------------------------------------------------------

need_pkg runit
# sv_status DIR: the first word of `sv status` ("run:", "down:", ...).
sv_word() { sv status "$1" 2>/dev/null | cut -d' ' -f1; }
# A copy of examples/runit/web for the container of $INI, down at first.
runit_service() {
	local sv=$T_DIR/sv/web
	mkdir -p "$sv"
	sed -e "s#/sbin/cella#$BB cella#" -e "s#/etc/cella/web.ini#$INI#" "$EX/runit/web/run" >"$sv/run"
	cp "$EX/runit/web/finish" "$sv/finish"
	chmod +x "$sv/run" "$sv/finish"
	touch "$sv/down"
	env --default-signal runsv "$sv" </dev/null >"$T_DIR/runsv.out" 2>&1 &
	t_defer "sv exit '$sv'; sleep 0.3; kill -9 $! 2>/dev/null; wait $! 2>/dev/null"
	t_wait_for 10 test -p "$sv/supervise/control" || t_fail "runsv did not start"
	SV=$sv
}

t_begin "examples/runit/web: sv up starts the container, sv down stops it cleanly, a dead workload comes back"
sleeper web
runit_service
t_eq "down:" "$(sv_word "$SV")" "sv status before up"
c_capture sv up "$SV"
t_rc 0
t_wait_for 10 bash -c "'$BB' cella state web 2>/dev/null | grep -qx state=running" ||
	t_fail "the container did not start: $(cat "$T_DIR/runsv.out")"
t_eq "run:" "$(sv_word "$SV")" "sv status"
svpid=$(sv status "$SV" | sed -n 's/^run: [^ ]* (pid \([0-9]*\)).*/\1/p')
t_match "cella run $INI" "$(tr '\0' ' ' <"/proc/$svpid/cmdline" 2>/dev/null)" "runsv's child is cella"
old=$("$BB" cella state web | sed -n 's/^pid=//p')
"$BB" cella kill web KILL
t_wait_for 10 bash -c "p=\$('$BB' cella state web 2>/dev/null | sed -n 's/^pid=//p'); [ -n \"\$p\" ] && [ \"\$p\" != 0 ] && [ \"\$p\" != $old ]" ||
	t_fail "runsv did not start the container again"
c_capture sv -w 10 down "$SV"
t_rc 0
t_match '^ok: down: ' "$OUT" "sv down"
t_eq "down:" "$(sv_word "$SV")" "sv status after down"
t_file_absent "$CELLA_STATE_DIR/web" "state dir after sv down"
runsv=$(pgrep -f "runsv $SV")
t_eq "" "$(marker_pids "$T_MARK" | grep -v -x -e "$runsv")" "processes after sv down"
t_eq "2 1" "$(grep -c '^web: up$' "$T_DIR/runsv.out") $(grep -c '^web: got TERM$' "$T_DIR/runsv.out")" \
	"starts and TERMs the workload saw"

t_begin "examples/runit/web: finish takes the service down after cella's own failure (125)"
mkini web <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/true
hostnmae = x
EOF
runit_service
c_capture sv up "$SV"
t_wait_for 10 grep -q "down until 'sv up web'" "$T_DIR/runsv.out" || t_fail "finish did not run: $(cat "$T_DIR/runsv.out")"
sleep 1.5
t_eq "down:" "$(sv_word "$SV")" "sv status"
t_eq 1 "$(grep -c "unknown key 'hostnmae'" "$T_DIR/runsv.out")" "cella's attempts"

# --- boots --------------------------------------------------------------------

ROOT=$(vm_rootfs)

# bb_initramfs NAME [SRC:DEST]...: the boot tests' initramfs (Debian's busybox
# for sh, mount and the rest; the busybox rootfs at /srv/rootfs) with the
# applet's busybox as /bin/busybox-cella, and /sbin/cella and /sbin/init
# links to it (relative ones, which resolve on the host too, where
# mkinitramfs.sh looks).
bb_initramfs() {
	local name=$1 l=$T_DIR/links
	shift
	mkdir -p "$l/bin" "$l/sbin"
	cp "$BB" "$l/bin/busybox-cella"
	ln -sfn ../bin/busybox-cella "$l/sbin/cella"
	ln -sfn ../bin/busybox-cella "$l/sbin/init"
	vm_initramfs "$name" "$BB" "$l/bin/busybox-cella:/bin/busybox-cella" "$l/sbin/cella:/sbin/cella" \
		"$ROOT:/srv/rootfs" "$@"
}

t_begin "boot: busybox init runs examples/inittab; both containers start, a killed one respawns"
for c in web worker; do
	vm_file "$c.ini" >/dev/null <<EOF
[container]
name = $c
[root]
path = /srv/rootfs
[process]
exec = /bin/sh -c 'echo "$c: up"; trap "echo $c: got TERM; exit 0" TERM; while :; do sleep 1; done'
stop-timeout = 3s
EOF
done
# The example as it is, and one line for the test's driver.
{ cat "$EX/inittab"; echo "::once:/bin/sh /driver.sh"; } | vm_file inittab >/dev/null
vm_file driver.sh >/dev/null <<'EOF'
running() { /sbin/cella state "$1" 2>/dev/null | grep -qx state=running; }
pid_of() { /sbin/cella state "$1" 2>/dev/null | sed -n 's/^pid=//p'; }
wait_for() {
	n=0
	until eval "$1"; do
		n=$((n + 1))
		[ $n -lt 100 ] || return 1
		sleep 0.2
	done
}
wait_for 'running web && running worker' || echo "driver: the containers are not running"
/sbin/cella list -q | sed 's/^/driver: running: /'
old=$(pid_of worker)
echo "driver: cella kill worker KILL ($old)"
/sbin/cella kill worker KILL
if wait_for 'new=$(pid_of worker); [ -n "$new" ] && [ "$new" != 0 ] && [ "$new" != "$old" ] && running worker'; then
	echo "driver: worker respawned"
else
	echo "driver: worker did not come back"
fi
echo "driver: the end; init parent of web's cella: $(cat /proc/$(/sbin/cella state web | sed -n 's/^monitor_pid=//p')/stat | cut -d' ' -f4)"
poweroff
EOF
bb_initramfs inittab "$T_DIR/links/sbin/init:/sbin/init" "$T_DIR/inittab:/etc/inittab" \
	"$T_DIR/web.ini:/etc/cella/web.ini" "$T_DIR/worker.ini:/etc/cella/worker.ini" \
	"$T_DIR/driver.sh:/driver.sh"
vm_boot inittab rdinit=/sbin/init
vm_expect_end poweroff
vm_expect_in_order "$VM_LOG" "driver: running: web" "driver: cella kill worker KILL" "worker: up" \
	"driver: worker respawned" "driver: the end; init parent of web's cella: 1" \
	"worker: got TERM" "web: got TERM" "reboot: Power down"
vm_expect_in_order "$VM_LOG" "driver: running: worker"
vm_expect_count "$VM_LOG" 1 "web: up"
vm_expect_count "$VM_LOG" 2 "worker: up"
vm_expect_absent "$VM_LOG" "Kernel panic" "did not come back" "are not running"

t_begin "boot: busybox started as /sbin/cella by the kernel is cella's PID 1 mode"
vm_file init.ini >/dev/null <<'EOF'
[container]
name = app
[root]
path = /srv/rootfs
[process]
exec = /bin/sh -c 'echo "app: pid $$ up, init $(cat /proc/1/cmdline)"; exit 0'
EOF
bb_initramfs pid1 "$T_DIR/init.ini:/etc/cella/init.ini"
vm_boot pid1 rdinit=/sbin/cella loglevel=7
vm_expect_end poweroff
vm_expect_in_order "$VM_LOG" "app: pid 2 up, init /sbin/cella" \
	"] cella: app: the workload ended with status 0: poweroff" "reboot: Power down"
vm_expect_absent "$VM_LOG" "Kernel panic" "Attempted to kill init"

# --- aarch64 ----------------------------------------------------------------------

# The mini applet build for aarch64, booted once as rdinit=/sbin/cella. The
# busybox-integration Makefile includes the top-level one and compiles
# cella's objects into build/obj: a cross build there would clobber the
# native objects of the tree under test, so it builds in a copy of the tree
# (cross.sh's way), build/cross/busybox-aarch64-linux-musl, incremental, from
# the busybox source the native build unpacked (only read).
t_begin "aarch64: the mini applet busybox, cross-built static, booted as rdinit=/sbin/cella -> poweroff"
triple=aarch64-linux-musl
tree=$T_TOP/build/cross/busybox-$triple
BBA=$tree/build/busybox/$triple-mini/busybox
T_TIMEOUT=900 c_capture "$T_TOP/scripts/cross-toolchain.sh" "$triple"
t_rc 0
toolbin=$OUT
t0=$EPOCHSECONDS
# The tracked and new files, times kept so make rebuilds only what changed;
# tree/build stays, and build/deps-TRIPLE (toolchain, libraries) is shared.
mkdir -p "$tree/build" "$T_TOP/build/deps-$triple"
cmp -s "$T_TOP/configs/defconfig" "$tree/configs/defconfig" || rm -f "$tree/.config" "$tree/.config.old"
find "$tree" -mindepth 1 -maxdepth 1 ! -name build ! -name .config ! -name .config.old -exec rm -rf {} +
(cd "$T_TOP" && { git ls-files -co --exclude-standard 2>/dev/null ||
	find . -path ./build -prune -o -type f -print; }) |
	grep -v -e '^build/' -e '^\.config' | (cd "$T_TOP" && cpio -pdm --quiet "$tree")
ln -sfn "$T_TOP/build/deps-$triple" "$tree/build/deps-$triple"
start=$EPOCHSECONDS
T_TIMEOUT=900 c_capture env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL PATH="$toolbin:$PATH" \
	make -C "$tree/busybox-integration" -j2 BUSYBOX_CONFIG=mini CROSS_COMPILE="$triple-" \
	BUSYBOX_SRC="$T_TOP/build/busybox/busybox-1.35.0"
t_rc 0 || t_fail "make: $(t_short "$ERR")"
echo "# busybox mini + cella, aarch64: $(stat -c %s "$BBA" 2>/dev/null) bytes (make: $((EPOCHSECONDS - start)) s)"
if [ -f "$BBA" ]; then
	t_eq AArch64 "$(readelf -h "$BBA" | sed -n 's/^ *Machine: *//p')" "ELF machine"
	t_match '^EXEC' "$(readelf -h "$BBA" | sed -n 's/^ *Type: *//p')" "ELF type (static, not PIE)"
	is_static "$BBA" || t_fail "$BBA is dynamically linked"
	vm_use_arch arm64
	VM_TIMEOUT=${VM_CROSS_TIMEOUT:-150}
	ROOT=$(vm_rootfs) || ROOT=
	vm_file init.ini >/dev/null <<'INI'
[container]
name = app
[root]
path = /srv/rootfs
[process]
exec = /bin/sh -c 'echo "app: aarch64 applet: pid $$ up on $(uname -m), init $(cat /proc/1/cmdline)"; exit 0'
INI
	if [ -n "$ROOT" ] && BB=$BBA bb_initramfs arm64-pid1 "$T_DIR/init.ini:/etc/cella/init.ini"; then
		vm_boot arm64-pid1 rdinit=/sbin/cella loglevel=7
		vm_expect_end poweroff
		vm_expect_in_order "$VM_LOG" "app: aarch64 applet: pid 2 up on aarch64, init /sbin/cella" \
			"] cella: app: the workload ended with status 0: poweroff" "reboot: Power down"
		vm_expect_absent "$VM_LOG" "Kernel panic" "Attempted to kill init"
	else
		t_fail "no rootfs or initramfs for arm64: not booted"
	fi
	vm_use_arch amd64
	echo "# busybox aarch64: the test took $((EPOCHSECONDS - t0)) s (toolchain check aside)"
else
	t_fail "no $BBA after make"
fi
