#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The Makefile as a package builder drives it: buildroot and Yocto run make
# as a normal user, offline, with their own CC, CFLAGS, LDFLAGS, DESTDIR and
# PREFIX, without kconfig-frontends and without apt. Built in a copy of the
# tree owned by nobody, with a PATH that has no kconfig-conf and an apt-get
# that records being called and fails. Also: the same INI lines mean the same
# to the static musl build and to the STATIC=0 glibc build.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

T_TIMEOUT=300
NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)

# nobody must reach the work dir: the test dirs are mktemp's 0700.
chmod 711 "$T_BASE"
[ -z "${CELLA_TEST_TMP:-}" ] || chmod 711 "$CELLA_TEST_TMP"
W=$T_BASE/pkg
mkdir -p "$W"

# The tracked and new files of the tree, without build output.
(cd "$T_TOP" && { git ls-files -co --exclude-standard 2>/dev/null || find . -path ./build -prune -o -type f -print; }) |
	grep -v '^build/' | (cd "$T_TOP" && cpio -pdm --quiet "$W/tree")
rm -f "$W/tree/.config"

# inih's source as a package builder's second source: unpacked, given as
# INIH_SRC=DIR (from the tarball the tree under test has cached).
bash "$T_TOP/scripts/inih-src.sh" "$W/inih" "$T_TOP/build/deps/src" >"$W/inih.log" 2>&1 ||
	cat "$W/inih.log" >&2

# PATH: everything of the usual directories but kconfig-* and apt; apt-get
# and apt are shims that log and fail.
mkdir -p "$W/bin"
for d in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
	[ -d "$d" ] && ln -s "$d"/* "$W/bin/" 2>/dev/null
done
rm -f "$W/bin"/kconfig-* "$W/bin/apt" "$W/bin/apt-get"
for a in apt apt-get; do
	printf '#!/bin/sh\necho "%s $*" >>%s/apt.log\nexit 1\n' "$a" "$W" >"$W/bin/$a"
	chmod 755 "$W/bin/$a"
done
: >"$W/apt.log"
chmod 666 "$W/apt.log"
mkdir -p "$W/dest"
chown -R 65534:65534 "$W/tree" "$W/inih" "$W/dest"

# pkg_make ARG...: make in the tree as nobody, with that PATH, no network
# needed; RC, OUT (stdout and stderr).
pkg_make() {
	c_capture "${NOBODY[@]}" env -i PATH="$W/bin" HOME="$W" LC_ALL=C \
		make -C "$W/tree" --no-print-directory "$@"
	OUT="$OUT
$ERR"
}
no_apt_ran() {
	t_eq "" "$(cat "$W/apt.log")" "apt calls"
}

DEST=$W/dest
PKG_VARS=(NO_APT=1 CC=gcc "CFLAGS=-O2 -g -DCELLA_PKG_CFLAGS=1" "LDFLAGS=-Wl,-z,relro -Wl,-O1"
	STATIC=0 SKIP_STRIP=y "INIH_SRC=$W/inih" DESTDIR="$DEST" PREFIX=/usr)

t_begin "package build: nobody, NO_APT=1, no kconfig-conf, no .config, STATIC=0, CFLAGS, SKIP_STRIP=y"
"${NOBODY[@]}" env PATH="$W/bin" sh -c 'command -v kconfig-conf' >/dev/null &&
	t_fail "kconfig-conf is still in the test's PATH"
pkg_make -j2 V=1 "${PKG_VARS[@]}" all
t_rc 0
no_apt_ran
t_file_exists "$W/tree/.config" ".config from configs/defconfig"
t_contains "kconfig.sh --silentoldconfig" "$OUT" "header made by scripts/kconfig.sh"
t_match $'\n#define CONFIG_PID1 1\n' "$(cat "$W/tree/build/include/autoconf.h")" "autoconf.h"
# The compile and link lines (V=1).
line=$(grep -e ' -c -o build/obj/config.o ' <<<"$OUT")
t_contains "-O2 -g -DCELLA_PKG_CFLAGS=1" "$line" "CFLAGS in the compile of config.c"
t_contains "-D_GNU_SOURCE" "$line" "cella's CPPFLAGS kept"
t_contains "-iquote src" "$line" "cella's CPPFLAGS kept"
t_contains "-DINI_HANDLER_LINENO=1" "$line" "INIH_FLAGS for config.c"
t_nomatch ' -Os ' "$line" "the default optimisation replaced"
line=$(grep -e ' -c -o build/obj/ini.o ' <<<"$OUT")
t_contains "-O2 -g -DCELLA_PKG_CFLAGS=1" "$line" "CFLAGS in the compile of ini.c"
t_contains "-DINI_HANDLER_LINENO=1 -DINI_MAX_LINE=1024 -DINI_ALLOW_INLINE_COMMENTS=0" "$line" "INIH_FLAGS for ini.c"
line=$(grep -e ' -o build/cella ' <<<"$OUT")
t_contains "-Wl,-z,relro -Wl,-O1" "$line" "LDFLAGS in the link"
t_nomatch ' -s( |$)' "$line" "no -s with SKIP_STRIP=y"
t_nomatch ' -static( |$)' "$line" "no -static with STATIC=0"
t_contains " -lcap-ng" "$line" "the system's libcap-ng"
t_nomatch ' -linih' "$OUT" "no system libinih"
t_eq "$W/inih" "$(cat "$W/tree/build/inih/source")" "inih from INIH_SRC"
bin=$W/tree/build/cella
t_match 'dynamically linked' "$(file -b "$bin")" "file(1)"
t_match 'not stripped' "$(file -b "$bin")" "file(1)"
t_match '\.debug_info' "$(readelf -S -W "$bin")" "debug info from -g"
dyn=$(readelf -d "$bin")
t_match 'NEEDED.*\[libcap-ng\.so' "$dyn" "libcap-ng.so needed"
t_nomatch 'libinih' "$dyn" "libinih not needed"

t_begin "package install: DESTDIR, PREFIX=/usr, nothing rebuilt"
pkg_make V=1 "${PKG_VARS[@]}" install
t_rc 0
t_eq 0 "$(grep -c '^gcc ' <<<"$OUT")" "compiler runs during install"
no_apt_ran
t_eq "$DEST/usr/sbin/cella 755
$DEST/usr/share/man/man5/cella.ini.5 644
$DEST/usr/share/man/man8/cella.8 644" "$(find "$DEST" -type f -printf '%p %m\n' | sort)" "installed files"
t_match 'not stripped' "$(file -b "$DEST/usr/sbin/cella")" "installed binary"
c_capture "$DEST/usr/sbin/cella" --version
t_rc 0

t_begin "package build: the unit tests pass against the STATIC=0 glibc build"
pkg_make -j2 "${PKG_VARS[@]}" unit
t_rc 0
t_nomatch ' [1-9][0-9]* failed' "$OUT" "unit test summary"
t_match 'test_config' "$OUT" "test_config ran"
no_apt_ran

# The same INI lines through the static musl build under test ($CELLA) and
# the STATIC=0 glibc build of the package test.
long=$(printf '%0883d' 0 | tr 0 x) # "exec = /bin/echo " and 883: 900
for b in "$CELLA" "$bin"; do
	t_begin "'exec = sh -c \"echo a ; echo b\"' and a 900-character line: same in the $(file -b "$b" | grep -o -e 'statically linked' -e 'dynamically linked') build"
	mkini semi <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/sh -c 'echo a ; echo b'
init = no
EOF
	c_capture "$b" run "$INI"
	t_rc 0
	t_eq "a
b" "$OUT" "output"
	mkini long <<EOF
[root]
path = $ROOTFS
[process]
exec = /bin/echo $long
init = no
EOF
	t_eq 900 "$(($(sed -n 4p "$INI" | wc -c) - 1))" "line length"
	c_capture "$b" run "$INI"
	t_rc 0
	t_eq "$long" "$OUT" "output"
done

t_begin "static build against the toolchain's libcap-ng.a (DEPS=system), stripped by default"
pkg_make -j2 NO_APT=1 CC=gcc STATIC=1 DEPS=system "INIH_SRC=$W/inih"
t_rc 0
no_apt_ran
t_match 'statically linked' "$(file -b "$bin")" "file(1)"
t_match ', stripped$' "$(file -b "$bin")" "file(1)"
t_nomatch 'not stripped' "$(file -b "$bin")" "file(1)"
t_eq "" "$(readelf -d "$bin" | grep NEEDED)" "no shared libraries"
t_match 'statically linked' "$(file -b "$CELLA")" "the default build (musl)"
t_nomatch 'not stripped' "$(file -b "$CELLA")" "the default build (musl)"

t_begin "no apt without NO_APT=1 as a normal user, nor with NO_APT=1 as root: a missing package is an error"
c_capture "${NOBODY[@]}" env -i PATH="$W/bin" "$W/tree/scripts/ensure-packages.sh" cella-no-such-package
t_rc 1
t_contains "missing packages: cella-no-such-package" "$ERR" "message"
c_capture env -i PATH="$W/bin" NO_APT=1 "$W/tree/scripts/ensure-packages.sh" cella-no-such-package
t_rc 1
t_contains "missing packages: cella-no-such-package" "$ERR" "message"
no_apt_ran

t_begin "a missing tool, a missing source and a wrong inih are errors that name them"
pkg_make NO_APT=1 CC=cella-no-such-cc STATIC=0
t_rc 2
t_contains "missing tool: cella-no-such-cc" "$OUT" "message"
# The default static build needs libcap-ng's source, which is not there.
pkg_make NO_APT=1 "INIH_SRC=$W/inih" all
t_rc 2
t_contains "missing source libcap-ng_" "$OUT" "message"
t_contains "make DEPS=system" "$OUT" "hint"
cp -r "$W/inih" "$W/inih-bad"
echo '/* changed */' >>"$W/inih-bad/ini.c"
chown -R 65534:65534 "$W/inih-bad"
pkg_make NO_APT=1 STATIC=0 "INIH_SRC=$W/inih-bad" all
t_rc 2
t_contains "ini.c is not inih r59's" "$OUT" "message"
no_apt_ran

t_begin "every source file has an SPDX-License-Identifier line; scripts/spdx.sh adds missing ones, once"
c_capture "$T_TOP/scripts/spdx.sh" --check
t_rc 0
t_eq "" "$OUT" "files without the line"
printf '/* new.c - a new file */\nint x;\n' >"$W/tree/src/new.c"
printf '#!/bin/sh\necho new\n' >"$W/tree/scripts/new.sh"
chmod 755 "$W/tree/scripts/new.sh"
c_capture "$W/tree/scripts/spdx.sh"
t_rc 0
t_eq "  SPDX    scripts/new.sh
  SPDX    src/new.c" "$OUT" "files changed"
t_eq "/* SPDX-License-Identifier: GPL-2.0-only */
/* new.c - a new file */
int x;" "$(cat "$W/tree/src/new.c")" "new.c"
t_eq "#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
echo new" "$(cat "$W/tree/scripts/new.sh")" "new.sh"
t_eq 755 "$(stat -c %a "$W/tree/scripts/new.sh")" "mode of new.sh"
c_capture "$W/tree/scripts/spdx.sh"
t_rc 0
t_eq "" "$OUT" "a second run changes nothing"
