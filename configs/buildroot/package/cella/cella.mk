################################################################################
#
# cella
#
################################################################################

CELLA_VERSION = 0.1.0
# The release tarball; the site is a placeholder until the project publishes
# releases (to build a checkout, see README.md, "Packages").
CELLA_SITE = https://cella.example.org/releases
CELLA_LICENSE = GPL-2.0-only, BSD-3-Clause (inih)
CELLA_LICENSE_FILES = LICENSE inih/LICENSE.txt
CELLA_DEPENDENCIES = libcap-ng

# inih's ini.c is always compiled into cella, from the release tarball that
# scripts/build-deps.sh pins (as Debian's archive keeps it), never from a
# libinih package: cella and ini.c must agree on the INI_* options.
CELLA_INIH_VERSION = 59
CELLA_INIH_SOURCE = libinih_$(CELLA_INIH_VERSION).orig.tar.gz
CELLA_EXTRA_DOWNLOADS = \
	https://deb.debian.org/debian/pool/main/libi/libinih/$(CELLA_INIH_SOURCE)

# Into $(@D)/inih, after an extract or, for CELLA_OVERRIDE_SRCDIR, an rsync
# (which downloads nothing: the tarball must already be in the download dir).
define CELLA_EXTRACT_INIH
	mkdir -p $(@D)/inih
	$(call suitable-extractor,$(CELLA_INIH_SOURCE)) \
		$(CELLA_DL_DIR)/$(CELLA_INIH_SOURCE) | \
		$(TAR) --strip-components=1 -C $(@D)/inih $(TAR_OPTIONS) -
endef
CELLA_POST_EXTRACT_HOOKS += CELLA_EXTRACT_INIH
CELLA_POST_RSYNC_HOOKS += CELLA_EXTRACT_INIH

# cella's Kconfig symbols, each from BR2_PACKAGE_CELLA_<symbol>. The .config
# names every one, so the build needs no kconfig tool. There is no
# BR2_PACKAGE_CELLA_DEBUG: CONFIG_DEBUG (-O0 -g) stays off, BR2_ENABLE_DEBUG
# and BR2_STRIP_* decide about debugging.
CELLA_KCONFIG_SYMBOLS = LIFECYCLE TERMINAL PID1 CGROUP NETWORK USERNS NOTIFY SECCOMP DEBUG

define CELLA_CONFIGURE_CMDS
	( $(foreach s,$(CELLA_KCONFIG_SYMBOLS),\
		$(if $(BR2_PACKAGE_CELLA_$(s)),\
			echo 'CONFIG_$(s)=y',\
			echo '# CONFIG_$(s) is not set');) ) > $(@D)/.config
endef

# The same variables for the build and the install, or the install would
# rebuild: no apt, inih from above, buildroot's compiler and flags, libcap-ng
# from the staging dir (DEPS=system), the in-tree Kconfig script rather
# than whatever the host has, and no stripping by cella's Makefile
# (target-finalize strips per BR2_STRIP_*).
CELLA_MAKE_OPTS = \
	$(TARGET_CONFIGURE_OPTS) \
	NO_APT=1 \
	DEPS=system \
	KCONFIG_CONF=scripts/kconfig.sh \
	SKIP_STRIP=y \
	INIH_SRC=$(@D)/inih \
	STATIC=$(if $(BR2_STATIC_LIBS),1,0)

define CELLA_BUILD_CMDS
	$(TARGET_MAKE_ENV) $(MAKE) -C $(@D) $(CELLA_MAKE_OPTS)
endef

define CELLA_INSTALL_TARGET_CMDS
	$(TARGET_MAKE_ENV) $(MAKE) -C $(@D) $(CELLA_MAKE_OPTS) \
		DESTDIR=$(TARGET_DIR) PREFIX=/usr install
endef

# cella as the init (provides/init.in): absolute, so that the link works
# with and without a merged /usr.
ifeq ($(BR2_INIT_CELLA),y)
define CELLA_INSTALL_INIT_LINK
	mkdir -p $(TARGET_DIR)/sbin
	ln -sf /usr/sbin/cella $(TARGET_DIR)/sbin/init
endef
CELLA_POST_INSTALL_TARGET_HOOKS += CELLA_INSTALL_INIT_LINK
endif

$(eval $(generic-package))
