#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Packages: buildroot's check-package finds no warning in configs/buildroot
# and oelint-adv no finding in configs/yocto/meta-cella (and each finds a
# planted fault); the packages agree with the tree (version, inih pin);
# and the package contract: the commands of the real cella.mk (run through
# tests/packages/buildroot.mk) and of the real recipe (tests/packages/
# bitbake.py) configure, build and install cella in a copy of the tree as a
# non-root user with no network, no apt and no kconfig tool, and what they
# install is what the package promises.
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

TOOLS=${CELLA_PKG_TOOLS:-$T_TOP/../shared/tools}
BR=$T_TOP/configs/buildroot
LAYER=$T_TOP/configs/yocto/meta-cella
RECIPE=$(echo "$LAYER"/recipes-core/cella/cella_*.bb)
CHECK_PACKAGE=$TOOLS/buildroot-check-package/check-package
OELINT=$TOOLS/oelint/lint
# No network here: oelint would only warn that it cannot reach HOMEPAGE.
OELINT_ARGS=(--quiet --suppress oelint.vars.homepageping)

# What the linters and the contract builds need (the linters' own wrappers
# would apt-get them otherwise).
need_pkg python3-magic flake8 python3-regex python3-deprecated python3-colorama \
	python3-urllib3 gcc make libcap-ng-dev binutils util-linux cpio

# The inih pin (scripts/deps.pins), and its tarball as `make` cached it.
build_deps_var() { sed -n "s/^$1=//p" "$T_TOP/scripts/deps.pins"; }
INIH_TAR=$(build_deps_var INIH_TAR)
INIH_SHA256=$(build_deps_var INIH_SHA256)
INIH_CACHED=$T_TOP/build/deps/src/$INIH_TAR

sha256() { sha256sum <"$1" | cut -d' ' -f1; }
md5() { md5sum <"$1" | cut -d' ' -f1; }

# --- the linters ----------------------------------------------------------------

# check-package knows Kconfig files by the name Config.*: provides/init.in
# is checked as a copy named so.
br_lint_files() { # DIR: the files of the external tree to check (init.in copied into DIR)
	cp "$BR/provides/init.in" "$1/Config.in"
	printf '%s\n' "$BR"/package/cella/* "$BR/Config.in" "$BR/external.mk" "$1/Config.in"
}

t_begin "check-package: 0 warnings in the buildroot tree"
if [ ! -x "$CHECK_PACKAGE" ]; then
	t_fail "$CHECK_PACKAGE missing (set CELLA_PKG_TOOLS to ../shared/tools)"
else
	mapfile -t files < <(br_lint_files "$T_DIR")
	c_capture "$CHECK_PACKAGE" -b "${files[@]}"
	t_rc 0
	t_contains "0 warnings generated" "$ERR" "check-package summary"
	t_eq "" "$OUT" "check-package warnings"
	# Each file went through its checks (an unknown file type is skipped).
	c_capture "$CHECK_PACKAGE" -b --dry-run "${files[@]}"
	for f in "${files[@]}"; do
		case $f in */external.mk) continue ;; esac # skipped next to external.desc, as in buildroot
		t_contains "$f: would run:" "$OUT" "check-package --dry-run"
	done
fi

t_begin "check-package finds a planted fault in cella.mk"
if [ -x "$CHECK_PACKAGE" ]; then
	mkdir -p "$T_DIR/cella"
	sed 's/^CELLA_VERSION = .*/& /' "$BR/package/cella/cella.mk" >"$T_DIR/cella/cella.mk"
	c_capture "$CHECK_PACKAGE" -b "$T_DIR/cella/cella.mk"
	t_rc 1
	t_contains "1 warnings generated" "$ERR" "check-package summary"
	t_contains "cella.mk:7: line contains trailing whitespace" "$OUT" "check-package warning"
else
	t_fail "$CHECK_PACKAGE missing"
fi

t_begin "oelint-adv: no finding in the recipe and layer.conf"
if [ ! -x "$OELINT" ]; then
	t_fail "$OELINT missing (set CELLA_PKG_TOOLS to ../shared/tools)"
elif [ ! -f "$RECIPE" ]; then
	t_fail "no recipe: $RECIPE"
else
	c_capture "$OELINT" "${OELINT_ARGS[@]}" "$RECIPE" "$LAYER/conf/layer.conf"
	t_rc 0
	t_eq "" "$OUT$ERR" "oelint-adv findings"
fi

t_begin "oelint-adv finds a planted fault in the recipe (no LICENSE)"
if [ -x "$OELINT" ] && [ -f "$RECIPE" ]; then
	grep -v '^LICENSE = ' "$RECIPE" >"$T_DIR/$(basename "$RECIPE")"
	c_capture "$OELINT" "${OELINT_ARGS[@]}" "$T_DIR/$(basename "$RECIPE")"
	t_rc 1
	t_contains ":error:oelint.var.mandatoryvar.LICENSE:" "$OUT$ERR" "oelint-adv finding"
else
	t_fail "$OELINT or the recipe missing"
fi

# --- the packages and the tree agree -------------------------------------------

# The workspace of the contract builds: readable by the builder (nobody),
# outside the test directories, which are private to root.
BUILDER=nobody
new_workspace() {
	W=$(mktemp -d /tmp/cella-pkg.XXXXXX)
	chmod 755 "$W"
	t_defer "rm -rf '$W'"
	# apt, dpkg and the kconfig tools come first in PATH and only log that
	# they were asked.
	mkdir -p "$W/fakebin"
	: >"$W/tools.log"
	chown "$BUILDER" "$W/tools.log"
	local t
	for t in apt apt-get apt-cache dpkg dpkg-query kconfig-conf kconfig-mconf kconfig-nconf musl-gcc; do
		printf '#!/bin/sh\necho "%s $*" >>%s\nexit 1\n' "$t" "$W/tools.log" >"$W/fakebin/$t"
		chmod 755 "$W/fakebin/$t"
	done
}

# The tracked and new files of the tree, as a release tarball holds them.
copy_tree() { # DEST
	mkdir -p "$1"
	(cd "$T_TOP" && { git ls-files -co --exclude-standard 2>/dev/null || find . -path ./build -prune -o -type f -print; }) |
		grep -v '^build/' | (cd "$T_TOP" && cpio -pdm --quiet "$1")
}

# as_builder CMD...: CMD as the unprivileged builder, with no network and the
# fake tools first in PATH (sets RC, OUT, ERR).
as_builder() {
	T_TIMEOUT=600 c_capture unshare --net -- \
		setpriv --reuid="$BUILDER" --regid="$(id -g "$BUILDER")" --clear-groups -- \
		env -i HOME="$W" LANG=C PATH="$W/fakebin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin" "$@"
	# A failed build shows its last lines in the test's output.
	[ "$RC" = 0 ] || { printf '%s\n%s\n' "$OUT" "$ERR" | tail -n 15 | sed 's/^/# /'; }
}

no_tools_asked() { # STEP
	[ ! -s "$W/tools.log" ] ||
		t_fail "$1 ran apt, dpkg or a kconfig tool: $(tr '\n' '|' <"$W/tools.log")"
	: >"$W/tools.log"
}

# dotconfig FILE ON...: FILE names every symbol of Kconfig, =y exactly for ON.
check_dotconfig() {
	local f=$1 sym want
	shift
	[ -f "$f" ] || { t_fail "no $f"; return; }
	for sym in $(sed -n 's/^config \([A-Z0-9_]*\)$/\1/p' "$T_TOP/Kconfig"); do
		if [[ " $* " == *" $sym "* ]]; then want="CONFIG_$sym=y"; else want="# CONFIG_$sym is not set"; fi
		grep -qxF "$want" "$f" || t_fail "$f: no line '$want': $(tr '\n' '|' <"$f")"
	done
}

# check_binary FILE dynamic|static PID1(y|n) LDFLAGS-SYMBOL: what a
# package's cella must be.
check_binary() {
	local bin=$1 link=$2 pid1=$3 lsym=$4 needed
	[ -x "$bin" ] || { t_fail "not installed: $bin"; return; }
	c_capture "$bin" --version
	t_eq "cella $VERSION" "$OUT" "$bin --version"
	needed=$(readelf -d "$bin" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
	if [ "$link" = dynamic ]; then
		t_contains "libcap-ng.so" "$needed" "NEEDED of $bin"
		t_nomatch "libinih" "$needed" "NEEDED of $bin (inih is compiled in)"
	else
		readelf -l "$bin" | grep -q INTERP && t_fail "$bin is not static: it has a program interpreter"
		t_eq "" "$needed" "NEEDED of the static $bin"
	fi
	# Unstripped (SKIP_STRIP=y): the package system strips, and OE rejects
	# binaries that come stripped.
	if ! readelf -S "$bin" | grep -q '\.symtab'; then
		t_fail "$bin is stripped (SKIP_STRIP=y not honoured?)"
	elif ! readelf -s "$bin" | grep -qw "$lsym"; then
		t_fail "$bin: LDFLAGS not used (no symbol $lsym)"
	fi
	if [ "$pid1" = y ]; then
		grep -q 'cella.config=' "$bin" || t_fail "$bin lacks the PID 1 code (CONFIG_PID1)"
	else
		grep -q 'cella.config=' "$bin" && t_fail "$bin holds the PID 1 code"
	fi
}

# cc_wrapper PATH: a compiler that logs its arguments to $W/cc.log, then
# runs gcc: the package's compiler.
cc_wrapper() {
	mkdir -p "$(dirname "$1")"
	printf '#!/bin/sh\nprintf "%%s\\n" "$*" >>%s\nexec gcc "$@"\n' "$W/cc.log" >"$1"
	chmod 755 "$1"
	: >"$W/cc.log"
	chown "$BUILDER" "$W/cc.log"
}

# check_cc_log INIH MARK...: every compile went through the package's
# compiler with the MARKs (-D flags of its CC and CFLAGS), and inih's ini.c
# was compiled from INIH.
check_cc_log() {
	local inih=$1 m bad
	shift
	grep -q -e ' -c ' "$W/cc.log" || { t_fail "the package's compiler compiled nothing"; return; }
	for m in "$@"; do
		bad=$(grep -e ' -c ' "$W/cc.log" | grep -v -e "-D$m\( \|$\)" | head -n 1)
		[ -z "$bad" ] || t_fail "a compile without -D$m: $bad"
	done
	# The Makefile checks INIH_SRC's ini.c against the pin and compiles it
	# as build/inih/ini.c (or in place): either way, that file's text.
	local compiled
	compiled=$(grep -e ' -c ' "$W/cc.log" | grep -o -e '[^ ]*/ini\.c' | head -n 1)
	case $compiled in /*) ;; *) compiled=$(dirname "$inih")/$compiled ;; esac
	[ -n "$compiled" ] && cmp -s "$inih/ini.c" "$compiled" ||
		t_fail "ini.c not compiled from INIH_SRC=$inih (compiled: ${compiled:-none})"
	grep -q -e 'build/deps' "$W/cc.log" && t_fail "the build used build/deps: $(grep -m1 -e build/deps "$W/cc.log")"
}

VERSION=$(sed -n 's/^#define CELLA_VERSION "\(.*\)"$/\1/p' "$T_TOP/src/cli.h")

# printvar for the buildroot stub needs only the external tree's path.
br_var() { # NAME
	local d
	d=$(mktemp -d "$T_DIR/brvar.XXXXXX")
	echo "BR2_EXTERNAL_CELLA_PATH = $BR" >"$d/br.config"
	make -s -C "$d" -f "$T_TOP/tests/packages/buildroot.mk" "printvar-$1"
}
bb_var() { # NAME | NAME FLAG (expanded)
	if [ $# -eq 2 ]; then
		python3 "$T_TOP/tests/packages/bitbake.py" "$RECIPE" --flag "$1" "$2" S=/S
	else
		python3 "$T_TOP/tests/packages/bitbake.py" "$RECIPE" --print "$1" S=/S
	fi
}
# The SRC_URI entry with name=NAME.
bb_src_uri() { bb_var SRC_URI | tr ' ' '\n' | grep -e ";name=$1\(;\|$\)"; }

t_begin "the packages agree with the tree: version, inih pin, cached tarball"
t_ne "" "$VERSION" "CELLA_VERSION in src/cli.h"
t_eq "$VERSION" "$(br_var CELLA_VERSION)" "CELLA_VERSION in cella.mk"
t_eq "$VERSION" "$(bb_var PV)" "PV of $(basename "$RECIPE")"
t_eq "$INIH_TAR" "$(basename "$(br_var CELLA_EXTRA_DOWNLOADS)")" "cella.mk's CELLA_EXTRA_DOWNLOADS"
t_eq "$INIH_TAR" "$(basename "$(bb_src_uri inih | cut -d';' -f1)")" "the recipe's inih SRC_URI"
t_eq "sha256  $INIH_SHA256  $INIH_TAR" "$(grep -F "  $INIH_TAR" "$BR/package/cella/cella.hash")" "cella.hash"
t_eq "$INIH_SHA256" "$(bb_var SRC_URI inih.sha256sum)" "SRC_URI[inih.sha256sum]"
# The contract builds take inih from the tarball `make` cached (make check
# builds the static binary first); nothing is downloaded here.
if [ -f "$INIH_CACHED" ]; then
	t_eq "$INIH_SHA256" "$(sha256 "$INIH_CACHED")" "sha256 of $INIH_CACHED"
else
	t_fail "$INIH_CACHED missing: run make (the static build caches it) first"
fi

# --- the package contract: buildroot ---------------------------------------------

# br_build NAME "BR2_X=y ..." TARGET_LDFLAGS: the steps of cella.mk as
# buildroot runs them; the package dir in BRD, the target dir in TGT.
br_build() {
	local opts=$2 ldflags=$3 o
	new_workspace
	local ext=$W/br-external
	cp -r "$BR" "$ext"
	cp "$T_TOP/tests/packages/buildroot.mk" "$W/"
	# The toolchain: the host's gcc behind a wrapper, as buildroot's.
	cc_wrapper "$W/host/bin/x86_64-buildroot-linux-gnu-gcc"
	{
		echo "BR2_EXTERNAL_CELLA_PATH = $ext"
		echo "BUILD_DIR = $W/build"
		echo "DL_DIR = $W/dl"
		echo "TARGET_DIR = $W/target"
		echo "TARGET_CC = $W/host/bin/x86_64-buildroot-linux-gnu-gcc"
		echo "TARGET_CFLAGS = -D_LARGEFILE_SOURCE -D_LARGEFILE64_SOURCE -D_FILE_OFFSET_BITS=64 -Os -g0 -DBR_TARGET_CFLAGS"
		echo "TARGET_LDFLAGS = $ldflags"
		echo "BR2_PACKAGE_CELLA = y"
		for o in $opts; do echo "${o%%=*} = ${o#*=}"; done
	} >"$W/br.config"
	BRD=$W/build/cella-$VERSION
	TGT=$W/target
	copy_tree "$BRD"
	mkdir -p "$W/dl/cella" "$TGT"
	[ -f "$INIH_CACHED" ] && cp "$INIH_CACHED" "$W/dl/cella/$(basename "$(br_var CELLA_EXTRA_DOWNLOADS)")"
	chown -R "$BUILDER" "$W/build" "$TGT"

	as_builder make -C "$W" -f "$W/buildroot.mk" extract
	t_rc 0 || return 1
	no_tools_asked "extract"
	t_file_exists "$BRD/inih/ini.c" "ini.c from the post-extract hook"
	t_file_exists "$BRD/inih/ini.h" "ini.h from the post-extract hook"
	# legal-info: every CELLA_LICENSE_FILES entry, with its sum in cella.hash.
	local lic sum
	for lic in $(br_var CELLA_LICENSE_FILES); do
		sum=$(awk -v f="$lic" '$1 == "sha256" && $3 == f { print $2 }' "$BR/package/cella/cella.hash")
		if [ ! -f "$BRD/$lic" ]; then t_fail "license file $lic missing"
		else t_eq "$sum" "$(sha256 "$BRD/$lic")" "sha256 of $lic (cella.hash)"; fi
	done

	as_builder make -C "$W" -f "$W/buildroot.mk" configure
	t_rc 0 || return 1
	no_tools_asked "configure"

	as_builder make -C "$W" -f "$W/buildroot.mk" build
	t_rc 0 || return 1
	no_tools_asked "build"
	local before
	before=$(stat -c %Y.%i "$BRD/build/cella" 2>/dev/null)
	sleep 1.1
	as_builder make -C "$W" -f "$W/buildroot.mk" install-target
	t_rc 0 || return 1
	no_tools_asked "install-target"
	t_eq "$before" "$(stat -c %Y.%i "$BRD/build/cella" 2>/dev/null)" "build/cella after the install (rebuilt?)"
	t_file_exists "$TGT/usr/sbin/cella"
	t_file_exists "$TGT/usr/share/man/man8/cella.8"
	t_file_exists "$TGT/usr/share/man/man5/cella.ini.5"
}

t_begin "buildroot: cella.mk builds and installs cella dynamically against libcap-ng, inih compiled in"
if br_build default "BR2_PACKAGE_CELLA_LIFECYCLE=y BR2_PACKAGE_CELLA_TERMINAL=y BR2_PACKAGE_CELLA_PID1=y BR2_PACKAGE_CELLA_CGROUP=y BR2_PACKAGE_CELLA_NETWORK=y BR2_PACKAGE_CELLA_USERNS=y BR2_PACKAGE_CELLA_NOTIFY=y BR2_PACKAGE_CELLA_SECCOMP=y" \
	"-Wl,--defsym=br_target_ldflags=0"; then
	check_dotconfig "$BRD/.config" LIFECYCLE TERMINAL PID1 CGROUP NETWORK USERNS NOTIFY SECCOMP
	check_binary "$TGT/usr/sbin/cella" dynamic y br_target_ldflags
	check_cc_log "$BRD/inih" BR_TARGET_CFLAGS
	t_file_absent "$TGT/sbin/init" "/sbin/init without BR2_INIT_CELLA"
fi

t_begin "buildroot: BR2_STATIC_LIBS links cella statically; options map to Kconfig; BR2_INIT_CELLA links /sbin/init"
if br_build static "BR2_STATIC_LIBS=y BR2_INIT_CELLA=y BR2_PACKAGE_CELLA_PID1=y" \
	"-static -Wl,--defsym=br_target_ldflags=0"; then
	check_dotconfig "$BRD/.config" PID1
	check_binary "$TGT/usr/sbin/cella" static y br_target_ldflags
	check_cc_log "$BRD/inih" BR_TARGET_CFLAGS
	t_eq "/usr/sbin/cella" "$(readlink "$TGT/sbin/init")" "/sbin/init"
fi

# --- the package contract: Yocto -------------------------------------------------

# oe_build NAME BBAPPEND-TEXT LDFLAGS: do_configure, do_compile, do_install of
# the recipe (with the bbappend), as bitbake would run them; S in OES, D in OED.
oe_build() {
	local append=$2 ldflags=$3 inih subdir strip t lic file sum
	new_workspace
	printf '%s\n' "$append" >"$W/cella.bbappend"
	OES=$W/oe/cella-$VERSION
	OED=$W/oe/image
	local vars=(S="$OES" D="$OED" prefix=/usr
		"CC=$W/host/bin/x86_64-poky-linux-gcc -DOE_CC_MARK"
		"CFLAGS=-O2 -pipe -g -feliminate-unused-debug-types -DOE_CFLAGS_MARK"
		CPPFLAGS= AR=gcc-ar
		"LDFLAGS=-Wl,-O1 -Wl,--hash-style=gnu -Wl,--as-needed $ldflags")
	# The toolchain: the host's gcc behind a wrapper; CC carries flags, as OE's.
	cc_wrapper "$W/host/bin/x86_64-poky-linux-gcc"
	copy_tree "$OES"
	# do_unpack: inih's tarball into the subdir= its SRC_URI entry names,
	# without striplevel= leading components.
	inih=$(python3 "$T_TOP/tests/packages/bitbake.py" "$RECIPE" --print SRC_URI "${vars[@]}" |
		tr ' ' '\n' | grep -e ';name=inih\(;\|$\)')
	subdir=$(printf '%s\n' "$inih" | tr ';' '\n' | sed -n 's/^subdir=//p')
	strip=$(printf '%s\n' "$inih" | tr ';' '\n' | sed -n 's/^striplevel=//p')
	mkdir -p "$W/oe/$subdir"
	[ -f "$INIH_CACHED" ] && tar -xzf "$INIH_CACHED" -C "$W/oe/$subdir" --strip-components="${strip:-0}"
	# ... where the recipe's INIH_SRC expects ini.c.
	OE_INIH=$(python3 "$T_TOP/tests/packages/bitbake.py" "$RECIPE" --print EXTRA_OEMAKE "${vars[@]}" |
		tr ' ' '\n' | sed -n 's/^INIH_SRC=//p')
	t_file_exists "$OE_INIH/ini.c" "ini.c in INIH_SRC=$OE_INIH"
	mkdir -p "$OED"
	chown -R "$BUILDER" "$W/oe"
	# do_populate_lic: every LIC_FILES_CHKSUM entry, with its md5.
	for lic in $(python3 "$T_TOP/tests/packages/bitbake.py" "$RECIPE" --print LIC_FILES_CHKSUM "${vars[@]}"); do
		file=${lic#file://}
		file=${file%%;*}
		sum=$(printf '%s\n' "$lic" | tr ';' '\n' | sed -n 's/^md5=//p')
		if [ ! -f "$OES/$file" ]; then t_fail "LIC_FILES_CHKSUM: $file missing"
		else t_eq "$sum" "$(md5 "$OES/$file")" "md5 of $file (LIC_FILES_CHKSUM)"; fi
	done
	for t in do_configure do_compile do_install; do
		python3 "$T_TOP/tests/packages/bitbake.py" "$RECIPE" --bbappend "$W/cella.bbappend" \
			--task "$t" "${vars[@]}" >"$W/run.$t" || { t_fail "bitbake.py --task $t failed"; return 1; }
	done

	as_builder sh "$W/run.do_configure"
	t_rc 0 || return 1
	no_tools_asked "do_configure"
	as_builder sh "$W/run.do_compile"
	t_rc 0 || return 1
	no_tools_asked "do_compile"
	local before
	before=$(stat -c %Y.%i "$OES/build/cella" 2>/dev/null)
	sleep 1.1
	as_builder sh "$W/run.do_install"
	t_rc 0 || return 1
	no_tools_asked "do_install"
	t_eq "$before" "$(stat -c %Y.%i "$OES/build/cella" 2>/dev/null)" "build/cella after do_install (rebuilt?)"
	# Only what the default FILES package: sbindir (cella) and mandir (-doc).
	t_eq "usr/sbin/cella usr/share/man/man5/cella.ini.5 usr/share/man/man8/cella.8" \
		"$(cd "$OED" && find . -type f -o -type l | sed 's|^\./||' | sort | tr '\n' ' ' | sed 's/ $//')" \
		"files in \${D}"
}

t_begin "Yocto: the recipe builds and installs cella dynamically against libcap-ng, inih compiled in"
if oe_build default "" "-Wl,--defsym=oe_ldflags_mark=0"; then
	check_dotconfig "$OES/.config" LIFECYCLE TERMINAL PID1 CGROUP NETWORK USERNS NOTIFY SECCOMP
	check_binary "$OED/usr/sbin/cella" dynamic y oe_ldflags_mark
	check_cc_log "$OE_INIH" OE_CC_MARK OE_CFLAGS_MARK
fi

t_begin "Yocto: PACKAGECONFIG static links cella statically; PACKAGECONFIG maps to Kconfig"
if oe_build static 'PACKAGECONFIG = "static terminal"' "-Wl,--defsym=oe_ldflags_mark=0"; then
	check_dotconfig "$OES/.config" TERMINAL
	check_binary "$OED/usr/sbin/cella" static n oe_ldflags_mark
	check_cc_log "$OE_INIH" OE_CC_MARK OE_CFLAGS_MARK
fi
