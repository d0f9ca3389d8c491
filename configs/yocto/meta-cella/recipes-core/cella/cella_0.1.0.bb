# nooelint: oelint.var.bbclassextend,oelint.var.suggestedvar.BUGTRACKER
# (no BBCLASSEXTEND: a native cella has no use; no BUGTRACKER: none yet)
SUMMARY = "Small init-and-isolate tool for embedded Linux"
DESCRIPTION = "cella reads one INI file, builds the isolation it describes \
               (namespaces, root filesystem, mounts, capabilities, no_new_privs), \
               execs the workload and supervises it. It runs from a shell, an \
               init script or a runit/s6 run script, or as the system's PID 1."
HOMEPAGE = "https://cella.example.org"
SECTION = "base"
# inih's ini.c (BSD-3-Clause) is compiled into the binary.
LICENSE = "GPL-2.0-only & BSD-3-Clause"
LIC_FILES_CHKSUM = "file://LICENSE;md5=b234ee4d69f5fce4486a80fdaf4a4263 \
                    file://inih/LICENSE.txt;md5=a7a95d2af90376e85a05318794e6f202"

DEPENDS = "libcap-ng"
CVE_PRODUCT = "cella"

# The release tarball (the site is a placeholder until the project publishes
# releases), and inih's release tarball as Debian's archive keeps it, the one
# scripts/build-deps.sh pins: ini.c is always compiled into cella, never taken
# from meta-oe's libinih, so that it and cella agree on the INI_* options.
# (inih's tarball name carries inih's version, not PV)
# nooelint: oelint.vars.downloadfilename
SRC_URI = "https://cella.example.org/releases/${BP}.tar.gz;name=cella \
           https://deb.debian.org/debian/pool/main/libi/libinih/libinih_59.orig.tar.gz;name=inih;subdir=${BP}/inih;striplevel=1 \
           "
SRC_URI[cella.sha256sum] = "0000000000000000000000000000000000000000000000000000000000000000"
SRC_URI[inih.sha256sum] = "062279922805f5e9a369551a08d5ddb506140fe50774183ffdbb7c22bb97e3f4"

# cella's Kconfig symbols (lower case), each on when PACKAGECONFIG has it;
# CONFIG_DEBUG stays off (OE's DEBUG_BUILD and the -dbg package do that).
# "static" links cella statically, which needs libcap-ng's static library:
# oe-core builds none unless told, e.g. DISABLE_STATIC:pn-libcap-ng = "" in
# local.conf.
CELLA_KCONFIG_SYMBOLS = "lifecycle terminal pid1 cgroup network userns notify seccomp"
PACKAGECONFIG ??= "${CELLA_KCONFIG_SYMBOLS}"
PACKAGECONFIG[lifecycle] = ""
PACKAGECONFIG[terminal] = ""
PACKAGECONFIG[pid1] = ""
PACKAGECONFIG[cgroup] = ""
PACKAGECONFIG[network] = ""
PACKAGECONFIG[userns] = ""
PACKAGECONFIG[notify] = ""
PACKAGECONFIG[seccomp] = ""
PACKAGECONFIG[static] = ""

# The same for do_compile and do_install (oe_runmake): no apt, inih from
# above, OE's compiler and flags, libcap-ng of the sysroot (DEPS=system),
# the in-tree Kconfig script (not the host's kconfig-conf), and no stripping by cella's Makefile (OE
# strips into -dbg and rejects binaries that come stripped).
EXTRA_OEMAKE = "'CC=${CC}' 'CFLAGS=${CFLAGS}' 'CPPFLAGS=${CPPFLAGS}' 'LDFLAGS=${LDFLAGS}' 'AR=${AR}' \
                NO_APT=1 DEPS=system KCONFIG_CONF=scripts/kconfig.sh \
                SKIP_STRIP=y V=1 INIH_SRC=${S}/inih \
                STATIC=${@bb.utils.contains('PACKAGECONFIG', 'static', '1', '0', d)}"

# A complete .config, so that the build needs no kconfig tool.
do_configure() {
    for sym in ${CELLA_KCONFIG_SYMBOLS}; do
        name=CONFIG_$(echo "$sym" | tr 'a-z' 'A-Z')
        case " ${PACKAGECONFIG} " in
        *" $sym "*) echo "$name=y" ;;
        *) echo "# $name is not set" ;;
        esac
    done > ${S}/.config
    echo "# CONFIG_DEBUG is not set" >> ${S}/.config
}

do_install() {
    oe_runmake install DESTDIR=${D} PREFIX=${prefix}
}
