#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# scripts/size.sh — `make size`: where the bytes of build/cella go.
#
# From the linker's map (build/cella.map, written by every link): the bytes
# of each cella object and of each member of musl's libc.a and libcap-ng.a
# that the static link pulled in (text = code and read-only data, data =
# initialised data; bss takes no room in the file), against the figures of
# the last release in configs/size-baseline. Then the stripped file of this
# build, of allnoconfig and of each cross target whose toolchain is present
# (scripts/cross-toolchain.sh), each built in a copy of the tree under
# build/size/ so that this tree's build/ is not touched.
#
#   scripts/size.sh                 print all of that
#   scripts/size.sh --baseline      write configs/size-baseline from this tree
#   SIZE_QUICK=1                    this build only (no allnoconfig, no cross)
set -euo pipefail
cd "$(dirname "$0")/.."
TOP=$PWD
BASE=configs/size-baseline
MAP=build/cella.map
OUT=build/size
mkdir -p "$OUT"

log() { printf 'size: %s\n' "$*" >&2; }

# mapsum MAP: "KIND NAME TEXT DATA BSS" for each input file of the link.
# The map names input sections after "Linker script and memory map"; a long
# section name puts address, size and file on the next line. Output
# sections that are not loaded (.comment, .debug_*) do not count.
mapsum() {
	awk '
	function hex(s,   i, v) {
		v = 0; s = tolower(substr(s, 3))
		for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return v
	}
	/^Linker script and memory map/ { inmap = 1; next }
	!inmap { next }
	/^[^ ]/ { split($0, a, " "); out = a[1]; next }
	{
		line = $0
		if (pending != "") { line = pending " " line; pending = "" }
		n = split(line, f, " ")
		if (n == 1 && f[1] ~ /^\./) { pending = f[1]; next }
		if ((f[1] !~ /^\./ && f[1] != "COMMON") || n < 4 || f[2] !~ /^0x/ || f[3] !~ /^0x/) next
		if (out == "" || out ~ /^\.(comment|debug|note\.GNU-stack|gnu\.attributes|stab|ARM\.attributes)/) next
		sz = hex(f[3]); if (!sz) next
		obj = f[4]; for (i = 5; i <= n; i++) obj = obj " " f[i]
		cls = out ~ /bss/ ? "b" : out ~ /^\.(data|tdata|init_array|fini_array|got|ctors|dtors)/ ? "d" : "t"
		S[obj, cls] += sz; O[obj] = 1
	}
	END {
		for (o in O) {
			kind = "cella"; name = o
			if (o ~ /libcap-ng\.a\(/) kind = "libcap-ng"
			else if (o ~ /libc\.a\(/) kind = "musl"
			else if (o ~ /libgcc/) kind = "libgcc"
			else if (o ~ /crt[^\/]*\.o$/ || o ~ /\/lib\/.*\.o$/) kind = "crt"
			if (match(name, /\([^()]*\)$/)) name = substr(name, RSTART + 1, RLENGTH - 2)
			sub(/.*\//, "", name)
			printf "%s %s %d %d %d\n", kind, name, S[o, "t"], S[o, "d"], S[o, "b"]
		}
	}' "$1"
}

# file_size BIN: bytes of BIN stripped.
file_size() {
	local strip=${2:-strip}
	"$strip" -o "$OUT/stripped" "$1" && stat -c %s "$OUT/stripped"
}

# copy_build DIR MAKEARGS...: the tracked and new files of the tree in DIR
# (times kept, so that a second run rebuilds only what changed), the
# downloaded and built dependencies shared, then make there.
copy_build() {
	local dir=$1
	shift
	mkdir -p "$dir/build"
	find "$dir" -mindepth 1 -maxdepth 1 ! -name build ! -name .config -exec rm -rf {} +
	{ git ls-files -co --exclude-standard 2>/dev/null ||
		find . -path ./build -prune -o -type f -print; } |
		grep -v -e '^build/' -e '^\.config' | cpio -pdm --quiet "$dir"
	for d in build/deps*; do
		[ -e "$d" ] && ln -sfn "$TOP/$d" "$dir/$d"
	done
	[ -e build/inih ] && ln -sfn "$TOP/build/inih" "$dir/build/inih"
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$dir" -s -j2 "$@" >"$dir/make.log" 2>&1
}

kb() { awk -v n="$1" 'BEGIN { printf "%.1f KB", n / 1024 }'; }
# row LABEL NOW LAST: "NOW (LAST, +-DIFF)"
cmp_row() {
	awk -v l="$1" -v n="$2" -v b="${3:-}" -v t="${4:-}" 'BEGIN {
		s = sprintf("  %-26s %7d bytes = %6.1f KB", l, n, n / 1024)
		if (b != "") s = s sprintf("   last %7d, %+6d (%+.1f%%)", b, n - b, (n - b) * 100 / b)
		if (t != "") s = s sprintf("   target <= %d KB: %s", t, n <= t * 1024 ? "met" : sprintf("missed by %.1f KB", (n - t * 1024) / 1024))
		print s
	}'
}

last() { [ -f "$BASE" ] && awk -v k="$1" '$1 == k { print $2 }' "$BASE" || true; }

# --- this build -----------------------------------------------------------
[ -f "$MAP" ] || { log "$MAP missing: run make first"; exit 1; }
[ build/cella -nt "$MAP" ] && log "warning: build/cella is newer than $MAP"
mapsum "$MAP" | sort -k1,1 -k3,3nr >"$OUT/now"

if [ "${1:-}" = --baseline ]; then
	{
		echo "# configs/size-baseline: the figures \`make size\` compares with (scripts/size.sh --baseline)."
		echo "# KEY BYTES: KIND:MEMBER text+data of the x86_64 defconfig link; file:BUILD the stripped binary."
		awk '{ printf "%s:%s %d\n", $1, $2, $3 + $4 }' "$OUT/now"
	} >"$BASE.new"
	# the file sizes of the builds below are appended by the run itself
	BASELINE_OUT=$BASE.new
fi

echo "size of build/cella (x86_64, this tree's .config), from $MAP:"
echo ""
printf '  %-10s %-26s %7s %6s %6s   %7s %7s\n' kind member text data bss last change
awk -v base="$BASE" '
	BEGIN { while ((getline l < base) > 0) { split(l, f, " "); if (f[1] !~ /^#/) B[f[1]] = f[2] } }
	{
		key = $1 ":" $2; now = $3 + $4; seen[key] = 1
		l = (key in B) ? B[key] : "-"
		c = (key in B) ? sprintf("%+d", now - B[key]) : "new"
		printf "  %-10s %-26s %7d %6d %6d   %7s %7s\n", $1, $2, $3, $4, $5, l, c
		T[$1] += now; tt += $3; td += $4; tb += $5
	}
	END {
		for (k in B) if (k !~ /^file:/ && !(k in seen)) {
			split(k, f, ":"); printf "  %-10s %-26s %7s %6s %6s   %7d %7s\n", f[1], f[2], "-", "-", "-", B[k], "gone"
			LB[f[1]] += B[k]
		}
		for (k in B) if (k !~ /^file:/) { split(k, f, ":"); BT[f[1]] += B[k] }
		print ""
		for (k in T) printf "  %-37s %7d bytes   last %7d, %+d\n", k " (text+data)", T[k], BT[k], T[k] - BT[k]
		printf "  %-37s %7d + %d data (+ %d bss)\n", "all (text + data)", tt, td, tb
	}' "$OUT/now"
echo ""

echo "stripped binaries:"
n=$(file_size build/cella)
cmp_row "x86_64 (this build)" "$n" "$(last file:x86_64)" 100
[ -n "${BASELINE_OUT:-}" ] && echo "file:x86_64 $n" >>"$BASELINE_OUT"

if [ -z "${SIZE_QUICK:-}" ]; then
	# allnoconfig, in a copy of the tree
	log "allnoconfig: building in $OUT/allnoconfig"
	rm -f "$OUT/allnoconfig/.config"
	if copy_build "$OUT/allnoconfig" allnoconfig && copy_build "$OUT/allnoconfig" all; then
		n=$(file_size "$OUT/allnoconfig/build/cella")
		cmp_row "x86_64 allnoconfig" "$n" "$(last file:allnoconfig)" 70
		[ -n "${BASELINE_OUT:-}" ] && echo "file:allnoconfig $n" >>"$BASELINE_OUT"
	else
		echo "  x86_64 allnoconfig         failed: $(tail -n 1 "$OUT/allnoconfig/make.log")"
	fi
	# cross targets whose toolchain is here (or on PATH)
	for t in aarch64-linux-musl:aarch64 arm-linux-musleabihf:armhf; do
		triple=${t%%:*} arch=${t#*:}
		bin=$TOP/build/deps-$triple/toolchain/bin
		if [ ! -x "$bin/$triple-gcc" ] && ! command -v "$triple-gcc" >/dev/null; then
			printf '  %-26s not built: no %s-gcc (scripts/cross-toolchain.sh %s makes it)\n' "$arch" "$triple" "$arch"
			continue
		fi
		log "$arch: building in $OUT/$triple"
		rm -f "$OUT/$triple/.config"
		if PATH=$bin:$PATH copy_build "$OUT/$triple" CROSS_COMPILE="$triple-" all; then
			n=$(PATH=$bin:$PATH file_size "$OUT/$triple/build/cella" "$triple-strip")
			cmp_row "$arch (defconfig)" "$n" "$(last "file:$arch")"
			[ -n "${BASELINE_OUT:-}" ] && echo "file:$arch $n" >>"$BASELINE_OUT"
		else
			printf '  %-26s failed: %s\n' "$arch" "$(tail -n 1 "$OUT/$triple/make.log")"
		fi
	done
fi
if [ -n "${BASELINE_OUT:-}" ]; then
	mv "$BASELINE_OUT" "$BASE"
	log "wrote $BASE"
fi
