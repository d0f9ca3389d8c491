/* SPDX-License-Identifier: GPL-2.0-only */
/* vi: set sw=4 ts=4: */
/*
 * cella as a busybox applet: the whole of cella (every command, and PID 1
 * mode when the kernel starts busybox as /sbin/cella) behind one entry.
 *
 * This file is only the glue. cella itself comes linked into one object
 * whose only global symbol is cella_entry() (src/main.c's main, renamed),
 * inside the archive libcella.a that busybox-integration/Makefile builds
 * and hands to busybox as CONFIG_EXTRA_LDLIBS="cella"; so no name of cella,
 * inih or libcap-ng can clash with one of busybox.
 *
 * The //usage: block is written into the copy of this file that the
 * Makefile puts into the busybox tree, from `cella --help` as src/cli.c has
 * it for the same .config: `busybox cella --help` cannot fall out of step.
 */
//config:config CELLA
//config:	bool "cella (containers from one INI file, also as PID 1)"
//config:	default y
//config:	depends on !NOMMU
//config:	select SHOW_USAGE
//config:	select FEATURE_VERBOSE_USAGE
//config:	help
//config:	cella reads one INI file, builds the isolation it describes
//config:	(namespaces, root filesystem, mounts, capabilities, limits),
//config:	execs the workload and supervises it: `cella run web.ini`
//config:	from an inittab line, a runit run script or an init script,
//config:	and list, state, kill, stop, exec for running containers.
//config:	Started by the kernel as /sbin/cella (init= or rdinit=) it is
//config:	the system's PID 1 and runs /etc/cella/init.ini.
//config:
//config:	cella is linked from libcella.a, built by cella's
//config:	busybox-integration/Makefile, which also sets the
//config:	CONFIG_EXTRA_LDFLAGS and CONFIG_EXTRA_LDLIBS it needs.
//config:	Busybox answers `cella --help` itself, so this applet turns
//config:	on the usage messages.

//applet:IF_CELLA(APPLET(cella, BB_DIR_SBIN, BB_SUID_DROP))

//kbuild:lib-$(CONFIG_CELLA) += cella.o

// USAGE: generated from src/cli.c by busybox-integration/Makefile

#include "libbb.h"

/* src/main.c's main(), compiled with -Dmain=cella_entry. */
int cella_entry(int argc, char **argv);

int cella_main(int argc, char **argv) MAIN_EXTERNALLY_VISIBLE;
int cella_main(int argc UNUSED_PARAM, char **argv)
{
	/* When cella is the only applet, busybox calls it directly: then
	 * "/path/to/busybox cella ..." arrives with "cella" still in argv[1],
	 * and after "busybox cella ..." argc still counts the "busybox" that
	 * was dropped. Everywhere else argv[0] is the applet's name (or the
	 * path it was started by: "/sbin/cella" as PID 1), as cella expects.
	 * Hence: drop the word, and count argv. */
	if (argv[1] && strcmp(argv[1], "cella") == 0
	 && is_prefixed_with(bb_basename(argv[0]), "busybox")
	) {
		argv++;
	}
	return cella_entry(string_array_len(argv), argv);
}
