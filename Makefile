# SPDX-License-Identifier: GPL-2.0-only
# Makefile for cella: plain GNU make (4.3 or later). `make help` lists targets.
#
#   make                   static musl build: build/cella
#   make STATIC=0          dynamic build against the system's libcap-ng
#   make STATIC=1 DEPS=system   static, against the toolchain's libcap-ng.a
#   make CROSS_COMPILE=aarch64-linux-musl-    cross build (CC defaults to ...gcc)
#   make V=1               show the commands
#   make install DESTDIR=... PREFIX=...
#
# A package builder (buildroot, Yocto) runs, as a normal user and offline:
#   make NO_APT=1 CC=... CFLAGS=... LDFLAGS=... STATIC=0|1 DEPS=system \
#        INIH_SRC=DIR SKIP_STRIP=y DESTDIR=... PREFIX=/usr all install
#
# Everything built goes to build/. On Debian, as root, missing packages are
# installed by scripts/ensure-packages.sh, so a fresh Debian 12 machine needs
# no manual steps; elsewhere (NO_APT=1, a normal user, another distribution)
# apt is never run and a missing tool is an error that names it.

PREFIX  ?= /usr/local
DESTDIR ?=
STATIC  ?= 1
V       ?= 0
# busybox's name: y leaves the binary unstripped (oe-core's QA refuses a
# binary the package stripped itself).
SKIP_STRIP ?=

# inih's compile-time options, for inih's ini.c and cella's sources alike:
# the handler's signature and the line buffer depend on them. cella always
# compiles ini.c itself (see "inih" below), so these hold in every build.
INIH_FLAGS := -DINI_HANDLER_LINENO=1 -DINI_MAX_LINE=1024 -DINI_ALLOW_INLINE_COMMENTS=0 -DINI_ALLOW_MULTILINE=0 -DINI_STOP_ON_FIRST_ERROR=0 -DINI_USE_STACK=1

# Optimisation for the static libcap-ng of DEPS=build: DEPS_CFLAGS, set
# under "toolchain" once CC is known.

# The pinned sources: INIH_*, CAPNG_* (shared with the scripts).
include scripts/deps.pins

# --- build mode --------------------------------------------------------------
ifeq ($(filter 0 1,$(STATIC)),)
  $(error STATIC=$(STATIC): use STATIC=1 (static) or STATIC=0 (dynamic))
endif
# Where libcap-ng comes from: "build" compiles the pinned source into
# build/deps (scripts/build-deps.sh; static only), "system" links the one the
# toolchain finds (-lcap-ng: the sysroot's libcap-ng.a with STATIC=1, .so
# with STATIC=0). Not guessed from the compiler's search path: Debian's
# musl-gcc "finds" glibc's libcap-ng.a there, which does not link.
ifeq ($(STATIC),1)
  DEPS ?= build
else
  DEPS ?= system
endif
ifeq ($(filter build system,$(DEPS)),)
  $(error DEPS=$(DEPS): use DEPS=build (libcap-ng from its pinned source) or DEPS=system (the toolchain's))
endif
ifeq ($(STATIC)$(DEPS),0build)
  $(error DEPS=build makes a static libcap-ng only: STATIC=0 needs DEPS=system)
endif

# apt is used only where scripts/apt-allowed.sh allows it: not with NO_APT=1,
# not as a normal user, not off Debian. The scripts make runs see the same
# answer in NO_APT (0 or 1).
ifeq ($(shell NO_APT='$(NO_APT)' scripts/apt-allowed.sh && echo yes),yes)
  override NO_APT := 0
else
  override NO_APT := 1
endif
export NO_APT

# --- toolchain ---------------------------------------------------------------
# CC and AR from the command line or the environment win; make's built-in
# defaults (cc, ar) are replaced.
ifeq ($(origin CC),default)
  ifeq ($(STATIC)$(DEPS)$(CROSS_COMPILE),1build)
    CC := musl-gcc
  else
    CC := $(CROSS_COMPILE)gcc
  endif
endif
ifeq ($(origin AR),default)
  AR := $(CROSS_COMPILE)ar
endif
# -Oz where the compiler has it, as for cella's own objects (128 bytes
# less of libcap-ng than -Os). Every probe of the compiler carries CFLAGS:
# a packager's compiler sees no compile without its flags.
ifeq ($(origin DEPS_CFLAGS),undefined)
  DEPS_CFLAGS := $(if $(shell $(CC) $(CFLAGS) -Oz -x c -c -o /dev/null /dev/null 2>/dev/null && echo y),-Oz,-Os) \
	-ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables -fno-unwind-tables
endif

# The static libraries of one target live apart from another target's; the
# downloaded source tarballs are shared.
DEPS_DIR    ?= build/deps$(if $(CROSS_COMPILE),-$(patsubst %-,%,$(notdir $(CROSS_COMPILE))))
DEPS_SRCDIR ?= build/deps/src

# --- quiet output --------------------------------------------------------------
ifeq ($(V),1)
  Q :=
  msg = @true
else
  Q := @
  msg = @printf '  %-7s %s\n'
endif

comma := ,
escsq = $(subst ','\'',$(1))
# Write $(2) into file $(1) only when it differs, so its mtime says "changed".
write-if-changed = @mkdir -p $(dir $(1)); printf '%s\n' '$(call escsq,$(2))' | cmp -s - $(1) || printf '%s\n' '$(call escsq,$(2))' > $(1)
# The words of $(1) that are not commands in PATH.
# (PATH passed on: make 4.3's $(shell) does not see a PATH this file exports,
# such as the cross toolchain's below.)
missing-tools = $(strip $(foreach t,$(1),$(if $(shell PATH='$(call escsq,$(PATH))' command -v '$(call escsq,$(t))' 2>/dev/null),,$(t))))

all:
.PHONY: all FORCE
FORCE:

# Goals that need no configuration, and goals that change it.
config-goals := defconfig allnoconfig allyesconfig olddefconfig menuconfig savedefconfig
noconfig-goals := clean distclean help uninstall $(config-goals)
need-build := $(if $(MAKECMDGOALS),$(filter-out $(noconfig-goals),$(MAKECMDGOALS)),all)

ifneq ($(and $(filter $(config-goals),$(MAKECMDGOALS)),$(need-build)),)
# A configuration goal changes what the others build (`make allnoconfig all`):
# run each goal in its own make, in the order given.
$(MAKECMDGOALS): mixed-goals ; @:
mixed-goals:
	$(Q)set -e; for g in $(MAKECMDGOALS); do $(MAKE) --no-print-directory $$g; done
.PHONY: mixed-goals
else # not mixed: the rest of this file

# --- packages and tools --------------------------------------------------------
# Debian packages, only the ones this build uses (checking takes a few
# milliseconds), installed where apt is allowed. kconfig-frontends for the
# real kconfig-conf (without it scripts/kconfig.sh stands in).
PKGS := kconfig-frontends
ifeq ($(DEPS),build)
  ifeq ($(CC),musl-gcc)
    PKGS += musl-tools gcc
  endif
else
  PKGS += libcap-ng-dev
  ifeq ($(CC),gcc)
    PKGS += gcc
  endif
endif
# The sanitizer builds of `make check` and the fuzzers of `make fuzz` (see
# "sanitizer builds and fuzzing" below) link against the system's libcap-ng.
SAN_CC  ?= gcc
FUZZ_CC ?= clang-14
ifneq ($(filter check sanitize-build,$(need-build)),)
  PKGS += libcap-ng-dev $(if $(filter gcc,$(SAN_CC)),gcc) \
	$(if $(filter clang-%,$(SAN_CC)),$(SAN_CC) $(patsubst clang-%,libclang-rt-%-dev,$(SAN_CC)))
endif
ifneq ($(filter fuzz fuzz-build,$(need-build)),)
  PKGS += libcap-ng-dev \
	$(if $(filter clang-%,$(FUZZ_CC)),$(FUZZ_CC) $(patsubst clang-%,libclang-rt-%-dev,$(FUZZ_CC)))
endif
ifeq ($(NO_APT),0)
ifneq ($(need-build)$(filter $(config-goals),$(MAKECMDGOALS)),)
  $(shell scripts/ensure-packages.sh $(if $(need-build),$(PKGS),kconfig-frontends) >&2)
  ifneq ($(.SHELLSTATUS),0)
    $(error scripts/ensure-packages.sh failed: cannot install $(PKGS))
  endif
endif
endif

# A musl cross compiler that scripts/cross-toolchain.sh knows how to make
# (CROSS_COMPILE=aarch64-linux-musl- or arm-linux-musleabihf-) is built once
# into build/deps-TRIPLE/toolchain and put on PATH, unless another is on
# PATH; for aarch64-linux-gnu- and arm-linux-gnueabihf- it installs Debian's.
ifneq ($(and $(need-build),$(CROSS_COMPILE)),)
  ifeq ($(CC),$(CROSS_COMPILE)gcc)
    CROSS_BIN := $(shell scripts/cross-toolchain.sh --if-known $(CROSS_COMPILE))
    ifneq ($(.SHELLSTATUS),0)
      $(error scripts/cross-toolchain.sh failed for CROSS_COMPILE=$(CROSS_COMPILE))
    endif
    export PATH := $(if $(CROSS_BIN),$(CROSS_BIN):)$(PATH)
  endif
endif

# The tools this build runs, in PATH: installed above, or (NO_APT=1)
# required.
TOOLS := $(firstword $(CC)) tar sha256sum
ifeq ($(STATIC)$(DEPS),1build)
  TOOLS += $(firstword $(AR))
endif
TOOLS += $(if $(filter install,$(need-build)),install) \
	$(if $(filter check sanitize-build,$(need-build)),$(SAN_CC)) \
	$(if $(filter fuzz fuzz-build,$(need-build)),$(FUZZ_CC))
ifneq ($(need-build),)
  missing := $(call missing-tools,$(TOOLS))
  ifneq ($(missing),)
    $(error missing tool$(if $(word 2,$(missing)),s): $(missing) (not in PATH$(if $(filter 1,$(NO_APT)),; apt is not used with NO_APT=1$(comma) as a normal user or off Debian: install $(if $(word 2,$(missing)),them,it)$(comma) or set CC=/CROSS_COMPILE=)))
  endif
endif

# --- Kconfig -----------------------------------------------------------------
# .config is the user's; build/include/autoconf.h (for C) and
# build/include/config/auto.conf (for this file) are generated from it by
# kconfig-conf (kconfig-frontends), or, where that is missing, by
# scripts/kconfig.sh (shell and awk, the same command line; it reads every
# default from Kconfig). KCONFIG_CONF=scripts/kconfig.sh picks the script.
# kconfig-conf --silentoldconfig writes per-symbol files into include/config/
# of the current directory, hence `cd build`.
ifeq ($(origin KCONFIG_CONF),undefined)
  KCONFIG_CONF := $(if $(shell command -v kconfig-conf 2>/dev/null),kconfig-conf,scripts/kconfig.sh)
endif
# Run from build/ too: a relative path is made absolute.
KCONFIG_PROG := $(if $(findstring /,$(KCONFIG_CONF)),$(abspath $(KCONFIG_CONF)),$(KCONFIG_CONF))
AUTOCONF    := build/include/autoconf.h
AUTOCONF_MK := build/include/config/auto.conf
KCONF       := KCONFIG_CONFIG=.config $(KCONFIG_PROG)

ifneq ($(need-build),)
-include $(AUTOCONF_MK)
endif

.config:
	$(msg) CONFIG "configs/defconfig -> .config"
	$(Q)cp configs/defconfig .config
	$(Q)$(KCONF) --olddefconfig Kconfig >/dev/null

# --olddefconfig first: with a new symbol and no terminal, --silentoldconfig
# would stop to ask.
$(AUTOCONF) $(AUTOCONF_MK) &: .config Kconfig $(filter %/kconfig.sh,$(KCONFIG_PROG))
	$(msg) KCONFIG "$(AUTOCONF) ($(notdir $(KCONFIG_PROG)))"
	$(Q)mkdir -p build/include/config
	$(Q)$(KCONF) --olddefconfig Kconfig >/dev/null
	$(Q)cd build && KCONFIG_CONFIG=../.config KCONFIG_AUTOHEADER=include/autoconf.h \
		KCONFIG_AUTOCONFIG=include/config/auto.conf \
		$(KCONFIG_PROG) --silentoldconfig ../Kconfig </dev/null >/dev/null
	$(Q)touch $(AUTOCONF) $(AUTOCONF_MK)

defconfig:
	$(msg) CONFIG ".config (defconfig)"
	$(Q)$(KCONF) --defconfig=configs/defconfig Kconfig >/dev/null
allnoconfig:
	$(msg) CONFIG ".config (allnoconfig)"
	$(Q)$(KCONF) --allnoconfig Kconfig >/dev/null
# DEBUG is a build mode, not a feature: allyesconfig leaves it off.
allyesconfig:
	$(msg) CONFIG ".config (allyesconfig, without DEBUG)"
	$(Q)mkdir -p build
	$(Q)echo '# CONFIG_DEBUG is not set' > build/allyes.config
	$(Q)KCONFIG_ALLCONFIG=build/allyes.config $(KCONF) --allyesconfig Kconfig >/dev/null
olddefconfig: .config
	$(msg) CONFIG ".config (olddefconfig)"
	$(Q)$(KCONF) --olddefconfig Kconfig >/dev/null
# menuconfig needs kconfig-frontends (installed above where apt is allowed).
ifneq ($(filter menuconfig,$(MAKECMDGOALS)),)
  ifneq ($(call missing-tools,kconfig-mconf),)
    $(error menuconfig needs kconfig-mconf (kconfig-frontends), which is not in PATH; edit .config instead, then make olddefconfig)
  endif
endif
menuconfig: .config
	$(Q)KCONFIG_CONFIG=.config kconfig-mconf Kconfig
savedefconfig: .config
	$(Q)mkdir -p build
	$(Q)$(KCONF) --savedefconfig=build/defconfig Kconfig
	@echo "wrote build/defconfig; copy it to configs/defconfig to make it the default"
.PHONY: $(config-goals)

# --- sources -----------------------------------------------------------------
src-core := main.c run.c cli.c config.c keys.c value.c log.c fileio.c state.c sync.c child.c ns.c \
	mountinfo.c procstat.c fmt.c scan.c alloc.c open.c fopen.c \
	rootfs.c resolve.c mounts.c caps.c creds.c exec.c supervisor.c init.c
src-core += fork.c
src-core += clock.c
src-core += stat.c
src-core += mkostemp.c
src-core += inet.c
src-core += strerror.c
src-core += rlimit.c
src-core += env.c
src-core += cwd.c
src-core += ttyname.c
src-core += string.c
src-core += fdcall.c
src-core += mmap.c
src-core += statfs.c
src-core += tty.c
src-core += dir.c
src-y := $(src-core)
src-$(CONFIG_LIFECYCLE) += lifecycle.c enter.c
src-$(CONFIG_TERMINAL)  += terminal.c
src-$(CONFIG_PID1)      += pid1.c restart.c
src-$(CONFIG_CGROUP)    += cgroup.c
src-$(CONFIG_NETWORK)   += network.c netlink.c
src-$(CONFIG_USERNS)    += userns.c
src-$(CONFIG_NOTIFY)    += notify.c
src-$(CONFIG_SECCOMP)   += seccomp.c

# inih's ini.c is one of cella's objects (see "inih" below).
OBJS := $(addprefix build/obj/,$(src-y:.c=.o)) build/obj/ini.o

# --- flags -------------------------------------------------------------------
# CFLAGS (command line or environment) replace only the optimisation and
# debug defaults; what cella needs (CPPFLAGS of its own, -std, warnings)
# stays. CPPFLAGS and LDFLAGS are added to cella's own.
ifeq ($(CONFIG_DEBUG),y)
  OPT_CFLAGS   := -O0 -g
  SIZE_CFLAGS  :=
  SIZE_LDFLAGS :=
  STRIP_FLAGS  :=
else
  # No unwind tables: C has no exceptions, musl's thread cancellation does
  # not unwind, and .eh_frame was 11 KB of the static binary.
  # -Oz (GCC 12, clang) where the compiler has it: 1.5 KB less than -Os,
  # and no start-up time measurably lost (hyperfine, cella-min). Asked
  # only when CFLAGS does not replace it (a packager's compiler sees no
  # compile without its flags).
  OPT_CFLAGS   := -Os
  ifeq ($(origin CFLAGS),undefined)
    OPT_CFLAGS := $(if $(shell $(CC) -Oz -x c -c -o /dev/null /dev/null 2>/dev/null && echo y),-Oz,-Os)
  endif
  SIZE_CFLAGS  := -ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables -fno-unwind-tables
  # No floating point anywhere in cella (HACKING.md "Footprint"): without
  # vector registers a variadic function (log_error, perr, snprintf, ...)
  # does not save the eight of them that could carry double arguments.
  # Asked of the compiler: not every target has the flag.
  SIZE_CFLAGS  += $(if $(shell $(CC) $(CFLAGS) -mgeneral-regs-only -x c -c -o /dev/null /dev/null 2>/dev/null && echo y),-mgeneral-regs-only)
  # -z noseparate-code: one read-only, executable segment for the ELF
  # headers, code and constants instead of three, each padded to a page
  # (4 KB of the file; binutils' default since 2.31 keeps constants out of
  # the executable pages, a hardening that does little in a static binary
  # whose code offers every gadget anyway).
  SIZE_LDFLAGS := -Wl,--gc-sections -Wl,-z,noseparate-code
  # Static: no RELRO, whose alignment pads the file by up to a page (a
  # static non-PIE binary has no dynamic linker to make it read-only), and
  # the data segment packed right after the code in the file.
  # Objects for that static non-PIE link need not be position-independent
  # (the compiler's default may be -fPIE): absolute addresses are shorter
  # than PC-relative ones, and constant tables of pointers go to .rodata
  # with the code, not .data.rel.ro, whose pages each process has of its
  # own: 1.8 KB less on x86_64.
  ifeq ($(STATIC),1)
    SIZE_CFLAGS  += -fno-pie
    SIZE_LDFLAGS += -Wl,-z,norelro -Wl,-z,common-page-size=64
    # x86: the C library's functions without their alignment padding
    # (scripts/libc-text.ld says why).
    ifneq ($(filter x86_64-% i386-% i486-% i586-% i686-%,$(shell $(CC) -dumpmachine 2>/dev/null)),)
      SIZE_LDFLAGS += -Wl,-T,scripts/libc-text.ld
    endif
  endif
  STRIP_FLAGS  := -s
endif
ifneq ($(origin CFLAGS),undefined)
  OPT_CFLAGS :=
endif
ifneq ($(filter y yes 1,$(SKIP_STRIP)),)
  STRIP_FLAGS :=
endif

# -iquote, not -I, for src/: src/features.h would otherwise stand in for the
# C library's own <features.h>. build/inih before any system ini.h.
BASE_CPPFLAGS := -D_GNU_SOURCE -Ibuild/include -iquote src
INIH_CPPFLAGS := -Ibuild/inih $(INIH_FLAGS)
WARN_CFLAGS   := -Wall -Wextra -std=gnu11

ifeq ($(DEPS),build)
  DEPS_LIBS    := $(DEPS_DIR)/lib/libcap-ng.a
  LIB_CPPFLAGS := -I$(DEPS_DIR)/include -isystem $(DEPS_DIR)/khdrs
  LIBS         := $(DEPS_LIBS)
else
  DEPS_LIBS    :=
  LIB_CPPFLAGS :=
  LIBS         := -lcap-ng
endif
LINK_FLAGS := $(if $(filter 1,$(STATIC)),-static)

ALL_CPPFLAGS := $(BASE_CPPFLAGS) $(INIH_CPPFLAGS) $(LIB_CPPFLAGS) $(CPPFLAGS)
ALL_CFLAGS   := $(OPT_CFLAGS) $(SIZE_CFLAGS) $(WARN_CFLAGS) $(CFLAGS)
ALL_LDFLAGS  := $(LINK_FLAGS) $(SIZE_LDFLAGS) $(STRIP_FLAGS) $(LDFLAGS)
# inih's own code: the same flags but cella's warnings.
INIH_CFLAGS  := $(OPT_CFLAGS) $(SIZE_CFLAGS) $(CFLAGS)

# Unit tests: the pure objects again, unoptimised enough to debug, unstripped.
UNIT_CFLAGS  := -Og -g $(WARN_CFLAGS) $(CFLAGS)
UNIT_LDFLAGS := $(LINK_FLAGS) $(LDFLAGS)

# A change of compiler or flags (STATIC=0 after STATIC=1, CFLAGS=..., DEBUG)
# rebuilds everything: the objects depend on this file's content.
FLAGS_FILE := build/flags
$(FLAGS_FILE): FORCE
	$(call write-if-changed,$@,$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) | $(ALL_LDFLAGS) $(LIBS) | $(INIH_CFLAGS) | $(UNIT_CFLAGS) $(UNIT_LDFLAGS))

# --- inih ----------------------------------------------------------------------
# The INI parser is inih's ini.c of the pinned release (scripts/deps.pins),
# compiled here with INIH_FLAGS in every build mode (static, STATIC=0, cross,
# package builders), so the same file means the same thing everywhere; a
# system libinih (Debian's forces line numbers on, buildroot's and meta-oe's
# take 200-byte lines, inline comments and multi-line values) is never
# linked. scripts/inih-src.sh puts ini.c and ini.h into build/inih from
#   INIH_SRC=        the pinned tarball in DEPS_SRCDIR, fetched when missing
#                    (apt, where allowed)
#   INIH_SRC=DIR     an unpacked copy (a package builder's second source),
#                    its ini.c and ini.h checked against the pinned sha256
#   INIH_SRC=FILE    the pinned tarball itself, checked against its sha256
INIH_SRC ?=
INIH_FILES := build/inih/ini.c build/inih/ini.h
$(INIH_FILES) &: scripts/inih-src.sh scripts/deps.pins build/inih/source
	$(msg) INIH "$(or $(INIH_SRC),$(DEPS_SRCDIR)/$(INIH_TAR)) -> build/inih"
	$(Q)scripts/inih-src.sh build/inih '$(call escsq,$(DEPS_SRCDIR))' '$(call escsq,$(INIH_SRC))'
	$(Q)touch $(INIH_FILES)
build/inih/source: FORCE
	$(call write-if-changed,$@,$(INIH_SRC))

build/obj/ini.o: build/inih/ini.c $(FLAGS_FILE)
	$(msg) CC $<
	@mkdir -p $(@D)
	$(Q)$(CC) $(INIH_CPPFLAGS) $(CPPFLAGS) $(INIH_CFLAGS) -c -o $@ $<

# --- static libcap-ng (scripts/build-deps.sh, DEPS=build) ------------------------
# build-deps.sh itself does nothing when the library exists and was built
# with the same settings; "want" records the settings make passes to it.
ifeq ($(DEPS),build)
DEPS_WANT := $(DEPS_DIR)/want
$(DEPS_WANT): FORCE
	$(call write-if-changed,$@,CC=$(CC) AR=$(AR) CROSS_COMPILE=$(CROSS_COMPILE) DEPS_CFLAGS=$(DEPS_CFLAGS))

$(DEPS_LIBS) &: scripts/build-deps.sh scripts/deps.pins $(DEPS_WANT)
	$(Q)CC='$(call escsq,$(CC))' AR='$(call escsq,$(AR))' \
		CROSS_COMPILE='$(call escsq,$(CROSS_COMPILE))' \
		DEPS_CFLAGS='$(call escsq,$(DEPS_CFLAGS))' \
		DEPS_SRCDIR='$(call escsq,$(abspath $(DEPS_SRCDIR)))' \
		scripts/build-deps.sh $(DEPS_DIR)

endif
deps: $(DEPS_LIBS) $(INIH_FILES)
.PHONY: deps

# --- cella -------------------------------------------------------------------
all: build/cella

build/cella: $(OBJS) $(DEPS_LIBS) $(FLAGS_FILE) scripts/libc-text.ld
	$(msg) LD $@
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -Wl,-Map=$@.map -o $@ $(OBJS) $(LIBS)

# The target's system call names and numbers for src/seccomp.c, from the
# compiler's own <sys/syscall.h> (a cross build gets its architecture's).
SYSCALLS_H := build/include/syscalls.h
$(SYSCALLS_H): scripts/syscalls.sh $(FLAGS_FILE) | $(DEPS_LIBS)
	$(msg) GEN $@
	$(Q)scripts/syscalls.sh $@ $(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS)
$(foreach d,obj unit/obj asan/unit/obj fuzz/replay/obj fuzz/libfuzzer/obj,build/$(d)/seccomp.o): $(SYSCALLS_H)

# autoconf.h: the next make after a configuration change rebuilds everything.
build/obj/%.o: src/%.c $(AUTOCONF) $(FLAGS_FILE) | $(DEPS_LIBS) $(INIH_FILES)
	$(msg) CC $<
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# --- unit tests --------------------------------------------------------------
UNIT_SRCS  := $(wildcard tests/unit/test_*.c)
UNIT_TESTS := $(patsubst tests/unit/%.c,build/unit/%,$(UNIT_SRCS))
UNIT_OBJS  := $(addprefix build/unit/obj/,config.o keys.o value.o log.o fileio.o creds.o resolve.o \
	ini.o $(if $(CONFIG_PID1),restart.o) $(if $(CONFIG_SECCOMP),seccomp.o))

build/unit/obj/%.o: src/%.c $(AUTOCONF) $(FLAGS_FILE) | $(DEPS_LIBS) $(INIH_FILES)
	$(msg) CC $@
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CPPFLAGS) $(UNIT_CFLAGS) -MMD -MP -c -o $@ $<
build/unit/obj/ini.o: build/inih/ini.c $(FLAGS_FILE)
	$(msg) CC $@
	@mkdir -p $(@D)
	$(Q)$(CC) $(INIH_CPPFLAGS) $(CPPFLAGS) -Og -g $(CFLAGS) -c -o $@ $<

build/unit/test_%: tests/unit/test_%.c $(UNIT_OBJS) $(DEPS_LIBS) $(AUTOCONF) $(FLAGS_FILE)
	$(msg) CCLD $@
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CPPFLAGS) -iquote tests/unit $(UNIT_CFLAGS) $(UNIT_LDFLAGS) -MMD -MP \
		-o $@ $< $(UNIT_OBJS) $(LIBS)

# Made only through the pattern rule above: keep them, they are not temporary.
.SECONDARY: $(UNIT_OBJS)

unit-build: $(UNIT_TESTS)
unit: unit-build
	@fail=0; for t in $(UNIT_TESTS); do \
		printf '  %-7s %s\n' UNIT $$t; $$t || { echo "FAILED: $$t" >&2; fail=1; }; \
	done; exit $$fail
.PHONY: unit unit-build

# --- sanitizer builds and fuzzing ---------------------------------------------
# `make check` builds, and tests/run.sh runs:
#  - the unit tests with ASan and UBSan (LeakSanitizer included):
#    build/asan/unit/test_*, SAN_CC (gcc), dynamically linked against the
#    system's libcap-ng: a STATIC=0 build;
#  - each fuzz harness tests/fuzz/fuzz_TARGET.c with tests/fuzz/replay.c for
#    main() and the same sanitizers: build/fuzz/replay/fuzz_TARGET, fed every
#    file of tests/fuzz/corpus/TARGET and tests/fuzz/crashes/TARGET once.
# `make fuzz` builds the harnesses with clang's libFuzzer
# (build/fuzz/libfuzzer/) and runs each for FUZZ_SECONDS (tests/fuzz/fuzz.sh).
#
# Both parse INI text with the ini.c of build/inih and INIH_FLAGS, as every
# build of cella does.
FUZZ_ALL     := config set state procstat mountinfo $(if $(filter y,$(CONFIG_NOTIFY)),notify)
FUZZ_TARGETS ?= $(FUZZ_ALL)
FUZZ_SECONDS ?= 60
# The objects of src/ each harness links (notify.c only when it is built;
# state.c calls cgroup.c when that is built).
fuzz-objs-cgroup    := $(if $(filter y,$(CONFIG_CGROUP)),cgroup mountinfo)
fuzz-objs-config    := config keys value log fileio ini $(if $(filter y,$(CONFIG_SECCOMP)),seccomp)
fuzz-objs-set       := $(fuzz-objs-config)
# (state.c renames interfaces back after a SIGKILL: network.c's recover)
fuzz-objs-state     := state value log fileio procstat $(if $(filter y,$(CONFIG_NETWORK)),network netlink) $(fuzz-objs-cgroup)
fuzz-objs-procstat  := procstat
fuzz-objs-mountinfo := mountinfo fileio
fuzz-objs-notify    := notify state value log fileio procstat mounts resolve $(if $(filter y,$(CONFIG_NETWORK)),network netlink) $(fuzz-objs-cgroup)

SAN_FLAGS   := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_CFLAGS  := -O1 -g $(SAN_FLAGS)
FUZZ_CFLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_LDFLAGS := -fsanitize=fuzzer,address,undefined
FUZZ_CPPFLAGS := $(BASE_CPPFLAGS) $(INIH_CPPFLAGS) -iquote tests/fuzz

# The unit tests with sanitizers.
ASAN_UNIT_TESTS := $(patsubst tests/unit/%.c,build/asan/unit/%,$(UNIT_SRCS))
ASAN_UNIT_OBJS  := $(patsubst build/unit/obj/%,build/asan/unit/obj/%,$(UNIT_OBJS))
ASAN_CPPFLAGS   := $(BASE_CPPFLAGS) $(INIH_CPPFLAGS)

build/asan/flags: FORCE
	$(call write-if-changed,$@,$(SAN_CC) $(ASAN_CPPFLAGS) $(SAN_CFLAGS) $(WARN_CFLAGS))
build/asan/unit/obj/%.o: src/%.c $(AUTOCONF) build/asan/flags | $(INIH_FILES)
	$(msg) CC $@
	@mkdir -p $(@D)
	$(Q)$(SAN_CC) $(ASAN_CPPFLAGS) $(SAN_CFLAGS) $(WARN_CFLAGS) -MMD -MP -c -o $@ $<
build/asan/unit/obj/ini.o: build/inih/ini.c build/asan/flags
	$(msg) CC $@
	@mkdir -p $(@D)
	$(Q)$(SAN_CC) $(INIH_CPPFLAGS) $(SAN_CFLAGS) -c -o $@ $<
build/asan/unit/test_%: tests/unit/test_%.c $(ASAN_UNIT_OBJS) $(AUTOCONF) build/asan/flags
	$(msg) CCLD $@
	@mkdir -p $(@D)
	$(Q)$(SAN_CC) $(ASAN_CPPFLAGS) -iquote tests/unit $(SAN_CFLAGS) $(WARN_CFLAGS) -MMD -MP \
		-o $@ $< $(ASAN_UNIT_OBJS) -lcap-ng

# Two flavours of the harnesses: replay (SAN_CC, make check) and libfuzzer
# (FUZZ_CC, make fuzz). $(1) flavour, $(2) compiler, $(3) compile flags.
define fuzz-flavour
build/fuzz/$(1)/flags: FORCE
	$$(call write-if-changed,$$@,$(2) $$(FUZZ_CPPFLAGS) $(3) $$(WARN_CFLAGS) | $(4))
build/fuzz/$(1)/obj/fuzz_%.o: tests/fuzz/fuzz_%.c $$(AUTOCONF) build/fuzz/$(1)/flags | $$(INIH_FILES)
	$$(msg) CC $$@
	@mkdir -p $$(@D)
	$$(Q)$(2) $$(FUZZ_CPPFLAGS) $(3) $$(WARN_CFLAGS) -MMD -MP -c -o $$@ $$<
build/fuzz/$(1)/obj/replay.o: tests/fuzz/replay.c build/fuzz/$(1)/flags
	$$(msg) CC $$@
	@mkdir -p $$(@D)
	$$(Q)$(2) $$(FUZZ_CPPFLAGS) $(3) $$(WARN_CFLAGS) -MMD -MP -c -o $$@ $$<
build/fuzz/$(1)/obj/%.o: src/%.c $$(AUTOCONF) build/fuzz/$(1)/flags | $$(INIH_FILES)
	$$(msg) CC $$@
	@mkdir -p $$(@D)
	$$(Q)$(2) $$(FUZZ_CPPFLAGS) $(3) $$(WARN_CFLAGS) -MMD -MP -c -o $$@ $$<
# inih's own code (no warnings of ours).
build/fuzz/$(1)/obj/ini.o: build/inih/ini.c build/fuzz/$(1)/flags
	$$(msg) CC $$@
	@mkdir -p $$(@D)
	$$(Q)$(2) $$(INIH_FLAGS) $(3) -c -o $$@ $$<
endef
$(eval $(call fuzz-flavour,replay,$(SAN_CC),$(SAN_CFLAGS),$(SAN_FLAGS)))
$(eval $(call fuzz-flavour,libfuzzer,$(FUZZ_CC),$(FUZZ_CFLAGS),$(FUZZ_LDFLAGS)))

# $(1) target: its two binaries.
define fuzz-target
build/fuzz/replay/fuzz_$(1): build/fuzz/replay/obj/fuzz_$(1).o build/fuzz/replay/obj/replay.o \
		$(patsubst %,build/fuzz/replay/obj/%.o,$(fuzz-objs-$(1)))
	$$(msg) CCLD $$@
	$$(Q)$$(SAN_CC) $$(SAN_FLAGS) -o $$@ $$^ -lcap-ng
build/fuzz/libfuzzer/fuzz_$(1): build/fuzz/libfuzzer/obj/fuzz_$(1).o \
		$(patsubst %,build/fuzz/libfuzzer/obj/%.o,$(fuzz-objs-$(1)))
	$$(msg) CCLD $$@
	$$(Q)$$(FUZZ_CC) $$(FUZZ_LDFLAGS) -o $$@ $$^ -lcap-ng
endef
$(foreach t,$(FUZZ_ALL),$(eval $(call fuzz-target,$(t))))

FUZZ_REPLAY := $(FUZZ_ALL:%=build/fuzz/replay/fuzz_%)
FUZZ_BINS   := $(FUZZ_TARGETS:%=build/fuzz/libfuzzer/fuzz_%)
FUZZ_OBJS   := $(wildcard build/fuzz/*/obj/*.o)
.SECONDARY: $(ASAN_UNIT_OBJS)

# The harnesses tests/run.sh replays: every one this configuration builds.
build/fuzz/replay/targets: FORCE
	$(call write-if-changed,$@,$(FUZZ_ALL))

sanitize-build: $(ASAN_UNIT_TESTS) $(FUZZ_REPLAY) build/fuzz/replay/targets
fuzz-build: $(FUZZ_BINS)
fuzz: fuzz-build
	$(Q)bash tests/fuzz/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)
.PHONY: sanitize-build fuzz-build fuzz

# --- running -----------------------------------------------------------------
# tests/run.sh runs the unit test binaries itself (the plain and the
# sanitizer builds), then the fuzz replays and the integration tests.
check: build/cella unit-build sanitize-build
	$(Q)bash tests/run.sh
demo: build/cella
	$(Q)bash scripts/demo.sh
bench: build/cella
	$(Q)bash bench/run.sh
# Where the bytes go (build/cella.map), against configs/size-baseline.
size: build/cella
	$(Q)bash scripts/size.sh
.PHONY: check demo bench size

# --- install -----------------------------------------------------------------
# Give install the same variables as the build (CC, CFLAGS, STATIC, ...), as
# buildroot and Yocto do: other ones would rebuild build/cella first.
BINDIR  ?= $(PREFIX)/sbin
MANDIR  ?= $(PREFIX)/share/man
INSTALL ?= install
MAN_PAGES := man/cella.8 man/cella.ini.5

install: build/cella
	$(msg) INSTALL $(DESTDIR)$(BINDIR)/cella
	$(Q)$(INSTALL) -D -m 0755 build/cella $(DESTDIR)$(BINDIR)/cella
	$(Q)set -e; for m in $(MAN_PAGES); do \
		s=$${m##*.}; \
		$(INSTALL) -D -m 0644 $$m $(DESTDIR)$(MANDIR)/man$$s/$${m##*/}; \
	done
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/cella $(DESTDIR)$(MANDIR)/man8/cella.8 \
		$(DESTDIR)$(MANDIR)/man5/cella.ini.5
.PHONY: install uninstall

-include $(OBJS:.o=.d) $(UNIT_OBJS:.o=.d) $(UNIT_TESTS:=.d)
-include $(ASAN_UNIT_OBJS:.o=.d) $(ASAN_UNIT_TESTS:=.d) $(FUZZ_OBJS:.o=.d)

endif # not mixed

# --- cleaning ----------------------------------------------------------------
# clean keeps build/deps*: the downloaded sources and the built libcap-ng.
clean:
	$(Q)if [ -d build ]; then \
		find build -mindepth 1 -maxdepth 1 ! -name 'deps*' -exec rm -rf {} +; fi
distclean:
	$(Q)rm -rf build .config .config.old

help:
	@echo 'Targets:'
	@echo '  all (default)   build build/cella'
	@echo '  unit            build and run the C unit tests (build/unit/test_*)'
	@echo '  check           build everything, then tests/run.sh (unit tests, also with ASan/UBSan;'
	@echo '                  replay of the fuzz corpora and crashes; integration tests)'
	@echo '  fuzz            build the libFuzzer harnesses (tests/fuzz/) with clang and run each'
	@echo '                  for FUZZ_SECONDS (default 60); FUZZ_TARGETS="config set ..." picks some'
	@echo '  demo, bench     build, then scripts/demo.sh or bench/run.sh'
	@echo '  size            build, then scripts/size.sh: bytes per object and musl/libcap-ng member'
	@echo '                  (build/cella.map) against configs/size-baseline; allnoconfig, cross sizes'
	@echo '  install         to $$(DESTDIR)$$(PREFIX)/sbin and share/man (BINDIR, MANDIR); uninstall'
	@echo '  deps            only the sources of inih (build/inih) and, with DEPS=build, the static'
	@echo '                  libcap-ng (build/deps)'
	@echo '  defconfig allnoconfig allyesconfig olddefconfig menuconfig savedefconfig'
	@echo '                  (kconfig-conf, else scripts/kconfig.sh; menuconfig needs kconfig-mconf)'
	@echo '  clean           remove build/ but build/deps; distclean: all of build/ and .config'
	@echo 'Variables:'
	@echo '  STATIC=1|0      static (default) or dynamic'
	@echo '  DEPS=build|system  libcap-ng built from its pinned source (static only; default with'
	@echo '                  STATIC=1) or the toolchain'\''s -lcap-ng (default with STATIC=0)'
	@echo '  CC CROSS_COMPILE AR  toolchain (default: musl-gcc for STATIC=1 DEPS=build, else'
	@echo '                  $$(CROSS_COMPILE)gcc)'
	@echo '  CFLAGS          replaces the optimisation/debug defaults (-Os); cella'\''s own flags stay'
	@echo '  CPPFLAGS LDFLAGS  added to cella'\''s own'
	@echo '  SKIP_STRIP=y    do not strip the binary (default: -s unless CONFIG_DEBUG)'
	@echo '  DESTDIR PREFIX  install root and prefix (default /usr/local)'
	@echo '  NO_APT=1        never run apt (also the default as a normal user or off Debian);'
	@echo '                  a missing tool is then an error'
	@echo '  INIH_SRC=DIR|FILE  inih $(INIH_VER) source: an unpacked copy or the tarball (default: the'
	@echo '                  tarball in DEPS_SRCDIR=build/deps/src, fetched with apt when missing)'
	@echo '  KCONFIG_CONF    kconfig-conf (default when in PATH) or scripts/kconfig.sh'
	@echo '  V=1             show the commands'
	@echo '  SAN_CC (gcc) FUZZ_CC (clang-14) FUZZ_SECONDS FUZZ_TARGETS'
	@echo 'Cross builds: make CROSS_COMPILE=aarch64-linux-musl- (or arm-linux-musleabihf-) builds'
	@echo '  a static build/cella for the target; when $$(CROSS_COMPILE)gcc is not on PATH,'
	@echo '  scripts/cross-toolchain.sh makes it first (build/deps-TRIPLE/toolchain). make check'
	@echo '  builds both and boots them in qemu (tests/integration/cross.sh).'
.PHONY: clean distclean help
