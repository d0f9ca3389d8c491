/* SPDX-License-Identifier: GPL-2.0-only */
/* cli.c - parsing of the command line; help texts kept next to the parser. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "subsys.h"
#include "cgroup.h"
#include "enter.h"
#include "lifecycle.h"
#include "log.h"

static const char usage[] =
	"usage: cella COMMAND [OPTION]...\n"
	"\n"
	"Isolate and supervise one workload described by an INI file.\n"
	"\n"
	"commands:\n"
	"  run [OPTION]... CONFIG [-- ARG...]   start the workload and wait for it\n"
	"  check CONFIG                         validate CONFIG; exit 0, or 125 with the first error\n"
	LIFECYCLE_USAGE
	CGROUP_USAGE
	"  --help, help [COMMAND]               this text, or one command's\n"
	"  --version                            print the version\n"
	"\n"
	"exit status of run: the workload's (N, or 128+signal); 125 when cella\n"
	"failed (usage, configuration, setup), 126 when the program could not be\n"
	"executed, 127 when it was not found.\n"
	LIFECYCLE_USAGE_STATUS
	CGROUP_USAGE_STATUS
	"State: $CELLA_STATE_DIR or /run/cella. See cella(8) and cella.ini(5).\n";

static const char run_help[] =
	"usage: cella run [OPTION]... CONFIG [-- ARG...]\n"
	"\n"
	"Read CONFIG, build the isolation it describes, exec the workload and stay\n"
	"beside it: forward signals, reap, and exit with the workload's status.\n"
	"\n"
	LIFECYCLE_USAGE_DETACH
	"  --name NAME              the container's name (default: container.name,\n"
	"                           else CONFIG's file name without .ini)\n"
	"  --pid-file FILE          write the workload's host pid to FILE\n"
	"  --set SECTION.KEY=VALUE  override a key of CONFIG (repeatable; a\n"
	"                           repeatable key gets one more value)\n"
	"  -- ARG...                run ARG... instead of process.exec\n";

static const char check_help[] =
	"usage: cella check CONFIG\n"
	"\n"
	"Parse and validate CONFIG as run would, without creating anything.\n"
	"Exit 0 when valid; otherwise print the first error as FILE:LINE: ...\n"
	"and exit 125.\n";

void cli_usage(int fd)
{
	(void)!write(fd, usage, sizeof(usage) - 1);
}

bool cli_command_help(const char *cmd, int fd)
{
	const char *t = !strcmp(cmd, "run") ? run_help : !strcmp(cmd, "check") ? check_help : NULL;
	if (!t && (lifecycle_is_command(cmd) || (HAVE_LIFECYCLE && !strcmp(cmd, "exec")))) {
		char *argv[] = { "--help", NULL };
		(void)fd;
		if (!strcmp(cmd, "exec"))
			(void)enter_main(1, argv);
		else
			(void)lifecycle_main(cmd, 1, argv);
		return true;
	}
	if (!t && HAVE_CGROUP && !strcmp(cmd, "stats")) {
		char *argv[] = { "--help", NULL };
		(void)cgroup_stats_main(1, argv);
		return true;
	}
	if (t)
		(void)!write(fd, t, strlen(t));
	return t != NULL;
}

/* "--opt VALUE" or "--opt=VALUE"; advances *i past the value. */
static const char *opt_value(int argc, char **argv, int *i, const char *opt)
{
	size_t n = strlen(opt);
	if (strncmp(argv[*i], opt, n))
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n])
		return NULL;
	if (*i + 1 >= argc) {
		log_plain("run: %s needs a value", opt);
		return "";
	}
	return argv[++*i];
}

int cli_parse_run(int argc, char **argv, struct run_opts *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	for (i = 0; i < argc; i++) {
		const char *a = argv[i], *v;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			cli_command_help("run", 1);
			return 1;
		}
		if (!strcmp(a, "-d") || !strcmp(a, "--detach")) {
			if (!HAVE_LIFECYCLE) {
				log_plain("run: %s is not supported by this build of cella", a);
				return -EINVAL;
			}
			o->detach = true;
		} else if ((v = opt_value(argc, argv, &i, "--name"))) {
			if (!*v) return -EINVAL;
			o->ov.name = v;
		} else if ((v = opt_value(argc, argv, &i, "--pid-file"))) {
			if (!*v) return -EINVAL;
			o->ov.pid_file = v;
		} else if ((v = opt_value(argc, argv, &i, "--set"))) {
			char **s;
			if (!*v) return -EINVAL;
			if (!(s = realloc(o->ov.sets, (o->ov.nsets + 1) * sizeof(char *))))
				return -ENOMEM;
			o->ov.sets = s;
			s[o->ov.nsets++] = (char *)v;
		} else if (a[0] == '-' && a[1]) {
			log_plain("run: unknown option '%s' (see cella run --help)", a);
			return -EINVAL;
		} else {
			break;
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

int cli_parse_check(int argc, char **argv, const char **config)
{
	if (argc == 1 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h"))) {
		cli_command_help("check", 1);
		return 1;
	}
	if (argc != 1 || argv[0][0] == '-') {
		log_plain("check: expected exactly one CONFIG (see cella check --help)");
		return -EINVAL;
	}
	*config = argv[0];
	return 0;
}
