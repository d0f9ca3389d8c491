# Makefile for cella: plain GNU make (4.3 or later). `make help` lists targets.
#
#   make                   static musl build: build/cella
#   make STATIC=0          dynamic build against Debian's libcap-ng and libinih
#   make CROSS_COMPILE=aarch64-linux-musl-    cross build (CC defaults to ...gcc)
#   make V=1               show the commands
#   make install DESTDIR=... PREFIX=...
#
# Everything built goes to build/. Missing Debian packages are installed by
# scripts/ensure-packages.sh, so a fresh Debian 12 machine needs no manual steps.

PREFIX  ?= /usr/local
DESTDIR ?=
STATIC  ?= 1
V       ?= 0

# inih's compile-time options. libinih.a and cella's sources must agree on
# them: the handler's signature and the line buffer depend on them.
# scripts/build-deps.sh reads this line when it is run by hand.
INIH_FLAGS := -DINI_HANDLER_LINENO=1 -DINI_MAX_LINE=1024 -DINI_ALLOW_INLINE_COMMENTS=0 -DINI_ALLOW_MULTILINE=0 -DINI_STOP_ON_FIRST_ERROR=0 -DINI_USE_STACK=1

# Optimisation for the static libraries (not affected by CONFIG_DEBUG).
DEPS_CFLAGS ?= -Os -ffunction-sections -fdata-sections

# --- toolchain ---------------------------------------------------------------
# CC and AR from the command line or the environment win; make's built-in
# defaults (cc, ar) are replaced.
ifeq ($(origin CC),default)
  ifeq ($(STATIC)$(CROSS_COMPILE),1)
    CC := musl-gcc
  else
    CC := $(CROSS_COMPILE)gcc
  endif
endif
ifeq ($(origin AR),default)
  AR := $(CROSS_COMPILE)ar
endif

# The static libraries of one target live apart from another target's.
DEPS_DIR ?= build/deps$(if $(CROSS_COMPILE),-$(patsubst %-,%,$(notdir $(CROSS_COMPILE))))

# --- quiet output --------------------------------------------------------------
ifeq ($(V),1)
  Q :=
  msg = @true
else
  Q := @
  msg = @printf '  %-7s %s\n'
endif

escsq = $(subst ','\'',$(1))
# Write $(2) into file $(1) only when it differs, so its mtime says "changed".
write-if-changed = @mkdir -p $(dir $(1)); printf '%s\n' '$(call escsq,$(2))' | cmp -s - $(1) || printf '%s\n' '$(call escsq,$(2))' > $(1)

all:
.PHONY: all FORCE
FORCE:

# Goals that need no configuration, and goals that change it.
config-goals := defconfig allnoconfig allyesconfig olddefconfig menuconfig savedefconfig
noconfig-goals := clean distclean help $(config-goals)
need-build := $(if $(MAKECMDGOALS),$(filter-out $(noconfig-goals),$(MAKECMDGOALS)),all)

ifneq ($(and $(filter $(config-goals),$(MAKECMDGOALS)),$(need-build)),)
# A configuration goal changes what the others build (`make allnoconfig all`):
# run each goal in its own make, in the order given.
$(MAKECMDGOALS): mixed-goals ; @:
mixed-goals:
	$(Q)set -e; for g in $(MAKECMDGOALS); do $(MAKE) --no-print-directory $$g; done
.PHONY: mixed-goals
else # not mixed: the rest of this file

# --- packages ----------------------------------------------------------------
# Only the ones this build uses; checking takes a few milliseconds.
PKGS := kconfig-frontends
ifeq ($(STATIC),1)
  ifeq ($(CC),musl-gcc)
    PKGS += musl-tools gcc
  endif
else
  PKGS += libcap-ng-dev libinih-dev
  ifeq ($(CC),gcc)
    PKGS += gcc
  endif
endif
# The sanitizer builds of `make check` and the fuzzers of `make fuzz` (see
# "sanitizer builds and fuzzing" below) link against Debian's libraries.
SAN_CC  ?= gcc
FUZZ_CC ?= clang-14
ifneq ($(filter check sanitize-build,$(need-build)),)
  PKGS += libcap-ng-dev libinih-dev $(if $(filter gcc,$(SAN_CC)),gcc) \
	$(if $(filter clang-%,$(SAN_CC)),$(SAN_CC) $(patsubst clang-%,libclang-rt-%-dev,$(SAN_CC)))
endif
ifneq ($(filter fuzz fuzz-build,$(need-build)),)
  PKGS += libcap-ng-dev \
	$(if $(filter clang-%,$(FUZZ_CC)),$(FUZZ_CC) $(patsubst clang-%,libclang-rt-%-dev,$(FUZZ_CC)))
endif
ifneq ($(need-build)$(filter $(config-goals),$(MAKECMDGOALS)),)
  $(shell scripts/ensure-packages.sh $(if $(need-build),$(PKGS),kconfig-frontends) >&2)
  ifneq ($(.SHELLSTATUS),0)
    $(error scripts/ensure-packages.sh failed: cannot install $(PKGS))
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

# --- Kconfig -----------------------------------------------------------------
# .config is the user's; build/include/autoconf.h (for C) and
# build/include/config/auto.conf (for this file) are generated from it.
# kconfig-conf --silentoldconfig writes per-symbol files into include/config/
# of the current directory, hence `cd build`.
AUTOCONF    := build/include/autoconf.h
AUTOCONF_MK := build/include/config/auto.conf
KCONF       := KCONFIG_CONFIG=.config kconfig-conf

ifneq ($(need-build),)
-include $(AUTOCONF_MK)
endif

.config:
	$(msg) CONFIG "configs/defconfig -> .config"
	$(Q)cp configs/defconfig .config
	$(Q)$(KCONF) --olddefconfig Kconfig >/dev/null

# --olddefconfig first: with a new symbol and no terminal, --silentoldconfig
# would stop to ask.
$(AUTOCONF) $(AUTOCONF_MK) &: .config Kconfig
	$(msg) KCONFIG $(AUTOCONF)
	$(Q)mkdir -p build/include/config
	$(Q)$(KCONF) --olddefconfig Kconfig >/dev/null
	$(Q)cd build && KCONFIG_CONFIG=../.config KCONFIG_AUTOHEADER=include/autoconf.h \
		KCONFIG_AUTOCONFIG=include/config/auto.conf \
		kconfig-conf --silentoldconfig ../Kconfig </dev/null >/dev/null
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
menuconfig: .config
	$(Q)KCONFIG_CONFIG=.config kconfig-mconf Kconfig
savedefconfig: .config
	$(Q)mkdir -p build
	$(Q)$(KCONF) --savedefconfig=build/defconfig Kconfig
	@echo "wrote build/defconfig; copy it to configs/defconfig to make it the default"
.PHONY: $(config-goals)

# --- sources -----------------------------------------------------------------
src-core := main.c cli.c config.c keys.c value.c log.c fileio.c state.c sync.c child.c ns.c \
	mountinfo.c procstat.c \
	rootfs.c resolve.c mounts.c caps.c creds.c exec.c supervisor.c init.c
src-y := $(src-core)
src-$(CONFIG_LIFECYCLE) += lifecycle.c enter.c
src-$(CONFIG_TERMINAL)  += terminal.c
src-$(CONFIG_PID1)      += pid1.c restart.c
src-$(CONFIG_CGROUP)    += cgroup.c
src-$(CONFIG_NETWORK)   += network.c
src-$(CONFIG_USERNS)    += userns.c
src-$(CONFIG_NOTIFY)    += notify.c
# Temporary: the optional subsystems are not written yet, so the ones missing
# from src/ are skipped. Delete this line when they have all landed.
src-y := $(src-core) $(notdir $(wildcard $(addprefix src/,$(filter-out $(src-core),$(src-y)))))

OBJS := $(addprefix build/obj/,$(src-y:.c=.o))

# --- flags -------------------------------------------------------------------
ifeq ($(CONFIG_DEBUG),y)
  OPT_CFLAGS  := -O0 -g
  OPT_LDFLAGS :=
else
  OPT_CFLAGS  := -Os -ffunction-sections -fdata-sections
  OPT_LDFLAGS := -Wl,--gc-sections -s
endif

# -iquote, not -I, for src/: src/features.h would otherwise stand in for the
# C library's own <features.h>.
BASE_CPPFLAGS := -D_GNU_SOURCE -Ibuild/include -iquote src
WARN_CFLAGS   := -Wall -Wextra -std=gnu11

ifeq ($(STATIC),1)
  DEPS_LIBS  := $(DEPS_DIR)/lib/libinih.a $(DEPS_DIR)/lib/libcap-ng.a
  LIB_CPPFLAGS := -I$(DEPS_DIR)/include -isystem $(DEPS_DIR)/khdrs $(INIH_FLAGS)
  LIBS       := $(DEPS_LIBS)
  LINK_FLAGS := -static
else
  DEPS_LIBS  :=
  # Debian's libinih has other defaults; the C code adapts to it.
  LIB_CPPFLAGS := -DCELLA_SYSTEM_INIH=1
  LIBS       := -linih -lcap-ng
  LINK_FLAGS :=
endif

ALL_CPPFLAGS := $(BASE_CPPFLAGS) $(LIB_CPPFLAGS) $(CPPFLAGS)
ALL_CFLAGS   := $(OPT_CFLAGS) $(WARN_CFLAGS) $(CFLAGS)
ALL_LDFLAGS  := $(LINK_FLAGS) $(OPT_LDFLAGS) $(LDFLAGS)

# Unit tests: the pure objects again, unoptimised enough to debug, unstripped.
UNIT_CFLAGS  := -Og -g $(WARN_CFLAGS) $(CFLAGS)
UNIT_LDFLAGS := $(LINK_FLAGS) $(LDFLAGS)

# A change of compiler or flags (STATIC=0 after STATIC=1, CFLAGS=..., DEBUG)
# rebuilds everything: the objects depend on this file's content.
FLAGS_FILE := build/flags
$(FLAGS_FILE): FORCE
	$(call write-if-changed,$@,$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) | $(ALL_LDFLAGS) $(LIBS) | $(UNIT_CFLAGS) $(UNIT_LDFLAGS))

# --- static libraries (scripts/build-deps.sh) ----------------------------------
# build-deps.sh itself does nothing when the libraries exist and were built
# with the same settings; "want" records the settings make passes to it.
ifeq ($(STATIC),1)
DEPS_WANT := $(DEPS_DIR)/want
$(DEPS_WANT): FORCE
	$(call write-if-changed,$@,CC=$(CC) AR=$(AR) CROSS_COMPILE=$(CROSS_COMPILE) DEPS_CFLAGS=$(DEPS_CFLAGS) INIH_FLAGS=$(INIH_FLAGS))

$(DEPS_LIBS) &: scripts/build-deps.sh $(DEPS_WANT)
	$(Q)CC='$(call escsq,$(CC))' AR='$(call escsq,$(AR))' \
		CROSS_COMPILE='$(call escsq,$(CROSS_COMPILE))' \
		DEPS_CFLAGS='$(call escsq,$(DEPS_CFLAGS))' \
		INIH_FLAGS='$(call escsq,$(INIH_FLAGS))' \
		scripts/build-deps.sh $(DEPS_DIR)

endif
deps: $(DEPS_LIBS)
.PHONY: deps

# --- cella -------------------------------------------------------------------
all: build/cella

build/cella: $(OBJS) $(DEPS_LIBS) $(FLAGS_FILE)
	$(msg) LD $@
	$(Q)$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(OBJS) $(LIBS)

# autoconf.h: the next make after a configuration change rebuilds everything.
build/obj/%.o: src/%.c $(AUTOCONF) $(FLAGS_FILE) | $(DEPS_LIBS)
	$(msg) CC $<
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# --- unit tests --------------------------------------------------------------
UNIT_SRCS  := $(wildcard tests/unit/test_*.c)
UNIT_TESTS := $(patsubst tests/unit/%.c,build/unit/%,$(UNIT_SRCS))
UNIT_OBJS  := $(addprefix build/unit/obj/,config.o keys.o value.o log.o fileio.o creds.o resolve.o \
	$(if $(CONFIG_PID1),restart.o))

build/unit/obj/%.o: src/%.c $(AUTOCONF) $(FLAGS_FILE) | $(DEPS_LIBS)
	$(msg) CC $@
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CPPFLAGS) $(UNIT_CFLAGS) -MMD -MP -c -o $@ $<

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
#    build/asan/unit/test_*, SAN_CC (gcc) against Debian's shared libinih and
#    libcap-ng, as STATIC=0 builds;
#  - each fuzz harness tests/fuzz/fuzz_TARGET.c with tests/fuzz/replay.c for
#    main() and the same sanitizers: build/fuzz/replay/fuzz_TARGET, fed every
#    file of tests/fuzz/corpus/TARGET and tests/fuzz/crashes/TARGET once.
# `make fuzz` builds the harnesses with clang's libFuzzer
# (build/fuzz/libfuzzer/) and runs each for FUZZ_SECONDS (tests/fuzz/fuzz.sh).
#
# The harnesses parse INI text with inih's ini.c from the pinned source that
# scripts/build-deps.sh fetched, compiled with INIH_FLAGS: the parser of the
# shipped static binary (1022-character lines, no inline comments, ...), not
# Debian's libinih, whose defaults differ (see CELLA_SYSTEM_INIH).
FUZZ_ALL     := config set state procstat mountinfo $(if $(filter y,$(CONFIG_NOTIFY)),notify)
FUZZ_TARGETS ?= $(FUZZ_ALL)
FUZZ_SECONDS ?= 60
# The objects of src/ each harness links (notify.c only when it is built).
fuzz-objs-config    := config keys value log fileio ini
fuzz-objs-set       := $(fuzz-objs-config)
fuzz-objs-state     := state value log fileio procstat
fuzz-objs-procstat  := procstat
fuzz-objs-mountinfo := mountinfo fileio
fuzz-objs-notify    := notify state value log fileio procstat mounts resolve

SAN_FLAGS   := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_CFLAGS  := -O1 -g $(SAN_FLAGS)
FUZZ_CFLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_LDFLAGS := -fsanitize=fuzzer,address,undefined
FUZZ_CPPFLAGS := $(BASE_CPPFLAGS) $(INIH_FLAGS) -Ibuild/fuzz/inih -iquote tests/fuzz

# inih's source: the tarball build-deps.sh keeps in build/deps/src (the
# native build/deps). When it is missing (a STATIC=0 or cross make on a fresh
# tree), build-deps.sh runs as for a native static build; without its stamp
# it does not skip the fetch.
FUZZ_INIH_TAR := build/deps/src/$(shell sed -n 's/^INIH_TAR=//p' scripts/build-deps.sh)
FUZZ_INIH := build/fuzz/inih/ini.c build/fuzz/inih/ini.h
$(FUZZ_INIH) &: build/fuzz/inih/tarball | $(if $(CROSS_COMPILE),,$(DEPS_LIBS))
	$(msg) UNTAR "$(FUZZ_INIH_TAR) (ini.c, ini.h)"
	$(Q)test -f $(FUZZ_INIH_TAR) || { rm -f build/deps/stamp; \
		CC=musl-gcc AR=ar CROSS_COMPILE= DEPS_CFLAGS='$(call escsq,$(DEPS_CFLAGS))' \
		INIH_FLAGS='$(call escsq,$(INIH_FLAGS))' scripts/build-deps.sh build/deps; }
	$(Q)tar -xzf $(FUZZ_INIH_TAR) -C $(@D) --strip-components=1 --wildcards '*/ini.c' '*/ini.h'
	$(Q)touch $(FUZZ_INIH)
build/fuzz/inih/tarball: FORCE
	$(call write-if-changed,$@,$(FUZZ_INIH_TAR))

# The unit tests with sanitizers.
ASAN_UNIT_TESTS := $(patsubst tests/unit/%.c,build/asan/unit/%,$(UNIT_SRCS))
ASAN_UNIT_OBJS  := $(patsubst build/unit/obj/%,build/asan/unit/obj/%,$(UNIT_OBJS))
ASAN_CPPFLAGS   := $(BASE_CPPFLAGS) -DCELLA_SYSTEM_INIH=1

build/asan/flags: FORCE
	$(call write-if-changed,$@,$(SAN_CC) $(ASAN_CPPFLAGS) $(SAN_CFLAGS) $(WARN_CFLAGS))
build/asan/unit/obj/%.o: src/%.c $(AUTOCONF) build/asan/flags
	$(msg) CC $@
	@mkdir -p $(@D)
	$(Q)$(SAN_CC) $(ASAN_CPPFLAGS) $(SAN_CFLAGS) $(WARN_CFLAGS) -MMD -MP -c -o $@ $<
build/asan/unit/test_%: tests/unit/test_%.c $(ASAN_UNIT_OBJS) $(AUTOCONF) build/asan/flags
	$(msg) CCLD $@
	@mkdir -p $(@D)
	$(Q)$(SAN_CC) $(ASAN_CPPFLAGS) -iquote tests/unit $(SAN_CFLAGS) $(WARN_CFLAGS) -MMD -MP \
		-o $@ $< $(ASAN_UNIT_OBJS) -linih -lcap-ng

# Two flavours of the harnesses: replay (SAN_CC, make check) and libfuzzer
# (FUZZ_CC, make fuzz). $(1) flavour, $(2) compiler, $(3) compile flags.
define fuzz-flavour
build/fuzz/$(1)/flags: FORCE
	$$(call write-if-changed,$$@,$(2) $$(FUZZ_CPPFLAGS) $(3) $$(WARN_CFLAGS) | $(4))
build/fuzz/$(1)/obj/fuzz_%.o: tests/fuzz/fuzz_%.c $$(AUTOCONF) build/fuzz/$(1)/flags | $$(FUZZ_INIH)
	$$(msg) CC $$@
	@mkdir -p $$(@D)
	$$(Q)$(2) $$(FUZZ_CPPFLAGS) $(3) $$(WARN_CFLAGS) -MMD -MP -c -o $$@ $$<
build/fuzz/$(1)/obj/replay.o: tests/fuzz/replay.c build/fuzz/$(1)/flags
	$$(msg) CC $$@
	@mkdir -p $$(@D)
	$$(Q)$(2) $$(FUZZ_CPPFLAGS) $(3) $$(WARN_CFLAGS) -MMD -MP -c -o $$@ $$<
build/fuzz/$(1)/obj/%.o: src/%.c $$(AUTOCONF) build/fuzz/$(1)/flags | $$(FUZZ_INIH)
	$$(msg) CC $$@
	@mkdir -p $$(@D)
	$$(Q)$(2) $$(FUZZ_CPPFLAGS) $(3) $$(WARN_CFLAGS) -MMD -MP -c -o $$@ $$<
# inih's own code, as build-deps.sh compiles it (no warnings of ours).
build/fuzz/$(1)/obj/ini.o: build/fuzz/inih/ini.c build/fuzz/$(1)/flags
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
.PHONY: check demo bench

# --- install -----------------------------------------------------------------
BINDIR := $(PREFIX)/sbin
MANDIR := $(PREFIX)/share/man
MAN_PAGES := man/cella.8 man/cella.ini.5

install: build/cella
	$(msg) INSTALL $(DESTDIR)$(BINDIR)/cella
	$(Q)install -D -m 0755 build/cella $(DESTDIR)$(BINDIR)/cella
	$(Q)set -e; for m in $(MAN_PAGES); do \
		s=$${m##*.}; \
		if [ -f $$m ]; then \
			install -D -m 0644 $$m $(DESTDIR)$(MANDIR)/man$$s/$${m##*/}; \
		else echo "warning: $$m missing, not installed" >&2; fi; \
	done
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/cella $(DESTDIR)$(MANDIR)/man8/cella.8 \
		$(DESTDIR)$(MANDIR)/man5/cella.ini.5
.PHONY: install uninstall

-include $(OBJS:.o=.d) $(UNIT_OBJS:.o=.d) $(UNIT_TESTS:=.d)
-include $(ASAN_UNIT_OBJS:.o=.d) $(ASAN_UNIT_TESTS:=.d) $(FUZZ_OBJS:.o=.d)

endif # not mixed

# --- cleaning ----------------------------------------------------------------
# clean keeps build/deps*: the downloaded and compiled libraries.
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
	@echo '  install         to $$(DESTDIR)$$(PREFIX)/sbin and share/man'
	@echo '  deps            only the static libcap-ng and inih (build/deps)'
	@echo '  defconfig allnoconfig allyesconfig olddefconfig menuconfig savedefconfig'
	@echo '  clean           remove build/ but build/deps; distclean: all of build/ and .config'
	@echo 'Variables: STATIC=0|1 CC CROSS_COMPILE CFLAGS CPPFLAGS LDFLAGS DESTDIR PREFIX V=1'
	@echo '           SAN_CC (gcc) FUZZ_CC (clang-14) FUZZ_SECONDS FUZZ_TARGETS'
	@echo 'Cross builds: make CROSS_COMPILE=aarch64-linux-musl- (or arm-linux-musleabihf-) builds'
	@echo '  a static build/cella for the target; when $$(CROSS_COMPILE)gcc is not on PATH,'
	@echo '  scripts/cross-toolchain.sh makes it first (build/deps-TRIPLE/toolchain). make check'
	@echo '  builds both and boots them in qemu (tests/integration/cross.sh).'
.PHONY: clean distclean help
