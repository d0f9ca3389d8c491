/* SPDX-License-Identifier: GPL-2.0-only */
/* main.c - command dispatch: each command's options, then its module (the
 * recipe of `cella run` is run.c). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

static bool is_help(const char *a)
{
	return !strcmp(a, "--help") || !strcmp(a, "-h");
}

/* run [-d] [--name NAME] [--pid-file FILE] [--set S.K=V]... CONFIG [-- ARG...];
 * "--opt VALUE" or "--opt=VALUE". 0, or -EINVAL after one line. */
static int parse_run(int argc, char **argv, struct run_opts *o)
{
	static const char names[][11] = { "--name", "--pid-file", "--set" };
	int i;

	memset(o, 0, sizeof(*o));
	for (i = 0; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		unsigned k;
		if (!strcmp(a, "-d") || !strcmp(a, "--detach")) {
			if (!HAVE_LIFECYCLE) {
				log_plain("run: %s is not supported by this build of cella", a);
				return -EINVAL;
			}
			o->detach = true;
			continue;
		}
		if (a[0] != '-' || !a[1])
			break;
		for (k = 0; k < 3; k++) {
			size_t n = strlen(names[k]);
			if (!strncmp(a, names[k], n) && (!a[n] || a[n] == '=')) {
				v = a[n] ? a + n + 1 : i + 1 < argc ? argv[++i] : "";
				break;
			}
		}
		if (k == 3) {
			log_plain("run: unknown option '%s' (see cella run --help)", a);
			return -EINVAL;
		}
		if (!*v) {
			log_plain("run: %s needs a value", names[k]);
			return -EINVAL;
		}
		if (k == 0) {
			o->ov.name = v;
		} else if (k == 1) {
			o->ov.pid_file = v;
		} else {
			char **s = realloc(o->ov.sets, (o->ov.nsets + 1) * sizeof(char *));
			if (!s)
				return -ENOMEM;
			o->ov.sets = s;
			s[o->ov.nsets++] = (char *)v;
		}
	}
	if (i >= argc) {
		log_plain("run: missing CONFIG (see cella run --help)");
		return -EINVAL;
	}
	o->config = argv[i++];
	if (i < argc) {
		if (strcmp(argv[i], "--") || i + 1 >= argc) {
			log_plain("run: unexpected '%s' after CONFIG (use -- ARG...)", argv[i]);
			return -EINVAL;
		}
		o->ov.args = argv + i + 1;
	}
	return 0;
}

static int cmd_run(int argc, char **argv)
{
	struct run_opts o;
	struct config c;
	struct run_result res;

	/* Before any file of cella's own is open. */
	if (HAVE_LISTEN_FDS)
		exec_claim_listen_fds();
	if (parse_run(argc, argv, &o))
		return EXIT_SETUP;
	/* 1. Parse and validate the whole file: on an error nothing has
	 * happened yet. */
	if (config_load(&c, o.config, &o.ov) < 0)
		return EXIT_SETUP;
	log_set_name(c.name);
	if (log_open(c.log, 0) < 0)
		return EXIT_SETUP;
	/* parse_run refuses -d when the build has no lifecycle. */
	if (HAVE_LIFECYCLE && o.detach)
		return run_detached(&c);
	run_container(&c, &(struct run_mode){ .ready_fd = -1 }, &res);
	return res.status;
}

static int cmd_check(int argc, char **argv)
{
	struct config c;
	int r;

	if (argc != 1 || argv[0][0] == '-') {
		log_plain("check: expected exactly one CONFIG (see cella check --help)");
		return EXIT_SETUP;
	}
	r = config_load(&c, argv[0], NULL);
	config_free(&c);
	return r < 0 ? EXIT_SETUP : 0;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;
	int r;

	/* Started by the kernel as init: never return from here. */
	if (pid1_wanted(argc, argv))
		pid1_main();
	if (!cmd) {
		cli_usage(2);
		return EXIT_SETUP;
	}
	if (is_help(cmd) || !strcmp(cmd, "help")) {
		if (argc <= 2)
			cli_usage(1);
		else if (!cli_command_help(argv[2])) {
			log_plain("help: unknown command '%s'", argv[2]);
			return EXIT_SETUP;
		}
		return 0;
	}
	/* COMMAND --help of every command here (one of a build without it
	 * gets the error below). */
	if (argc > 2 && is_help(argv[2]) && cli_command_help(cmd))
		return 0;
	if (!strcmp(cmd, "--version")) {
		(void)!write(1, "cella " CELLA_VERSION "\n", sizeof(CELLA_VERSION) + 6);
		return 0;
	}
	if (!strcmp(cmd, "run"))
		return cmd_run(argc - 2, argv + 2);
	if (!strcmp(cmd, "check"))
		return cmd_check(argc - 2, argv + 2);
	if ((r = lifecycle_main(cmd, argc - 2, argv + 2)) >= 0)
		return r;
	if (HAVE_LIFECYCLE && !strcmp(cmd, "exec"))
		return enter_main(argc - 2, argv + 2);
	if (HAVE_CGROUP && !strcmp(cmd, "stats"))
		return cgroup_stats_main(argc - 2, argv + 2);
	/* Known commands of subsystems this build leaves out (none when all
	 * are in). */
	if (!HAVE_LIFECYCLE || !HAVE_CGROUP) {
		static const char *const absent[] = { "list", "state", "kill", "stop", "exec", "stats" };
		for (unsigned i = 0; i < sizeof(absent) / sizeof(absent[0]); i++)
			if (!strcmp(cmd, absent[i])) {
				log_plain("'%s' is not supported by this build of cella", cmd);
				return strcmp(cmd, "exec") ? 2 : EXIT_SETUP;
			}
	}
	log_plain("unknown command '%s' (see cella --help)", cmd);
	return EXIT_SETUP;
}
