/* SPDX-License-Identifier: GPL-2.0-only */
/* main.c - command dispatch: each command's options, then its module (the
 * recipe of `cella run` is run.c). */
#include <stdio.h>
#include <string.h>

#include "cgroup.h"
#include "cli.h"
#include "config.h"
#include "run.h"
#include "enter.h"
#include "exec.h"
#include "lifecycle.h"
#include "log.h"
#include "pid1.h"

#define EXIT_SETUP 125

static int cmd_run(int argc, char **argv)
{
	struct run_opts o;
	struct config c;
	struct run_result res;
	int r;

	/* Before any file of cella's own is open. */
	if (HAVE_LISTEN_FDS)
		exec_claim_listen_fds();
	r = cli_parse_run(argc, argv, &o);
	if (r)
		return r > 0 ? 0 : EXIT_SETUP;
	/* 1. Parse and validate the whole file: on an error nothing has
	 * happened yet. */
	if (config_load(&c, o.config, &o.ov) < 0)
		return EXIT_SETUP;
	log_set_name(c.name);
	if (log_open(c.log, 0) < 0)
		return EXIT_SETUP;
	/* cli_parse_run refuses -d when the build has no lifecycle. */
	if (HAVE_LIFECYCLE && o.detach)
		return run_detached(&c);
	run_container(&c, &(struct run_mode){ .ready_fd = -1 }, &res);
	return res.status;
}

static int cmd_check(int argc, char **argv)
{
	const char *file;
	struct config c;
	int r = cli_parse_check(argc, argv, &file);

	if (r)
		return r > 0 ? 0 : EXIT_SETUP;
	r = config_load(&c, file, NULL);
	config_free(&c);
	return r < 0 ? EXIT_SETUP : 0;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;

	/* Started by the kernel as init: never return from here. */
	if (pid1_wanted(argc, argv))
		pid1_main();
	if (!cmd) {
		cli_usage(2);
		return EXIT_SETUP;
	}
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		if (argc > 2 && !cli_command_help(argv[2], 1)) {
			log_plain("help: unknown command '%s'", argv[2]);
			return EXIT_SETUP;
		}
		if (argc <= 2)
			cli_usage(1);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		printf("cella %s\n", CELLA_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "run"))
		return cmd_run(argc - 2, argv + 2);
	if (!strcmp(cmd, "check"))
		return cmd_check(argc - 2, argv + 2);
	if (lifecycle_is_command(cmd))
		return lifecycle_main(cmd, argc - 2, argv + 2);
	if (HAVE_LIFECYCLE && !strcmp(cmd, "exec"))
		return enter_main(argc - 2, argv + 2);
	if (HAVE_CGROUP && !strcmp(cmd, "stats"))
		return cgroup_stats_main(argc - 2, argv + 2);
	/* Known commands of subsystems this build leaves out. */
	static const char *const absent[] = { "list", "state", "kill", "stop", "exec", "stats" };
	for (unsigned i = 0; i < sizeof(absent) / sizeof(absent[0]); i++)
		if (!strcmp(cmd, absent[i])) {
			log_plain("'%s' is not supported by this build of cella", cmd);
			return strcmp(cmd, "exec") ? 2 : EXIT_SETUP;
		}
	log_plain("unknown command '%s' (see cella --help)", cmd);
	return EXIT_SETUP;
}
