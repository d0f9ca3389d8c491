# tests/packages/buildroot.mk: what buildroot's generic-package does with
# configs/buildroot/package/cella/cella.mk, without buildroot, so that the
# package contract test runs the real cella.mk's commands.
#
#   make -C WORKDIR -f tests/packages/buildroot.mk STEP
#
# WORKDIR/br.config stands in for buildroot's .config and toolchain: it sets
# BR2_* symbols, BUILD_DIR, DL_DIR, TARGET_DIR, BR2_EXTERNAL_CELLA_PATH and
# TARGET_CC, TARGET_CFLAGS, TARGET_LDFLAGS (the host compiler and Debian's
# libcap-ng play the toolchain and staging dir). The source is expected in
# BUILD_DIR/cella-VERSION already, and inih's tarball in DL_DIR/cella (the
# test puts them there: nothing is downloaded).
#
# STEP: extract (the post-extract hooks), configure, build, install-target,
# each after the ones before it, as in buildroot (stamp files in the package
# dir); printvar-NAME prints a variable.

include br.config

# package/Makefile.in, package/pkg-utils.mk, package/pkg-generic.mk: the
# parts cella.mk uses, with the same names and forms.
MAKE := make -j2
TAR := tar
TAR_OPTIONS := -xf
INFLATE.gz := gzip -d -c
suitable-extractor = $(INFLATE$(suffix $(1)))
define sep


endef
TARGET_CPPFLAGS ?= -D_LARGEFILE_SOURCE -D_LARGEFILE64_SOURCE -D_FILE_OFFSET_BITS=64
TARGET_MAKE_ENV = PATH=$(PATH)
TARGET_CONFIGURE_OPTS = \
	$(TARGET_MAKE_ENV) \
	AR="ar" AS="as" LD="ld" NM="nm" \
	CC="$(TARGET_CC)" GCC="$(TARGET_CC)" CPP="$(TARGET_CC) -E" CXX="g++" \
	RANLIB="ranlib" READELF="readelf" STRIP="strip" \
	OBJCOPY="objcopy" OBJDUMP="objdump" \
	AR_FOR_BUILD="ar" CC_FOR_BUILD="gcc" CFLAGS_FOR_BUILD="-O2" \
	DEFAULT_ASSEMBLER="as" DEFAULT_LINKER="ld" \
	CPPFLAGS="$(TARGET_CPPFLAGS)" CFLAGS="$(TARGET_CFLAGS)" \
	CXXFLAGS="$(TARGET_CFLAGS)" LDFLAGS="$(TARGET_LDFLAGS)" \
	PKG_CONFIG="pkg-config" STAGING_DIR="/"
generic-package :=

include $(BR2_EXTERNAL_CELLA_PATH)/external.mk

CELLA_DL_DIR = $(DL_DIR)/cella
CELLA_DIR = $(BUILD_DIR)/cella-$(CELLA_VERSION)

$(CELLA_DIR)/.stamp_extracted:
	$(foreach hook,$(CELLA_POST_EXTRACT_HOOKS),$(call $(hook))$(sep))
	touch $@
$(CELLA_DIR)/.stamp_configured: $(CELLA_DIR)/.stamp_extracted
	$(CELLA_CONFIGURE_CMDS)
	touch $@
$(CELLA_DIR)/.stamp_built: $(CELLA_DIR)/.stamp_configured
	$(CELLA_BUILD_CMDS)
	touch $@
$(CELLA_DIR)/.stamp_target_installed: $(CELLA_DIR)/.stamp_built
	$(CELLA_INSTALL_TARGET_CMDS)
	$(foreach hook,$(CELLA_POST_INSTALL_TARGET_HOOKS),$(call $(hook))$(sep))
	touch $@

extract: $(CELLA_DIR)/.stamp_extracted
configure: $(CELLA_DIR)/.stamp_configured
build: $(CELLA_DIR)/.stamp_built
install-target: $(CELLA_DIR)/.stamp_target_installed
printvar-%:
	@printf '%s\n' '$($*)'
.PHONY: extract configure build install-target
