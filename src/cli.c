/* SPDX-License-Identifier: GPL-2.0-only */
/* cli.c - parsing of the command line; the help text kept next to the
 * parser. One text: `cella COMMAND --help` prints COMMAND's entry of it
 * (README and cella(8) are the full reference). */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "subsys.h"
#include "cgroup.h"
#include "lifecycle.h"
#include "log.h"

/* An entry: "  COMMAND ..." and its lines that start with more spaces. */
static const char usage[] =
	"usage: cella COMMAND [OPTION]...\n"
	"\n"
	"Isolate and supervise one workload described by an INI file.\n"
	"\n"
	"  run " LIFECYCLE_USAGE_DETACH "[--name NAME] [--pid-file FILE] [--set SECTION.KEY=VALUE]...\n"
	"      CONFIG [-- ARG...]   start the workload and supervise it\n"
	"  check CONFIG             validate CONFIG; exit 0, or 125 with the first error\n"
	LIFECYCLE_USAGE
	CGROUP_USAGE
	"  help [COMMAND], COMMAND --help, --version\n"
	"\n"
	"Exit status of run: the workload's (N, or 128+signal); 125 when cella\n"
	"failed, 126 when the program could not be executed, 127 when not found.\n"
	LIFECYCLE_USAGE_STATUS
	CGROUP_USAGE_STATUS
	"State: $CELLA_STATE_DIR or /run/cella. See cella(8) and cella.ini(5).\n";

void cli_usage(int fd)
{
	(void)!write(fd, usage, sizeof(usage) - 1);
}

bool cli_command_help(const char *cmd)
{
	size_t n = strlen(cmd);
	const char *p = usage, *e;

	do {
		if (!(p = strchr(p, '\n')))
			return false;
		p++;
	} while (p[0] != ' ' || p[1] != ' ' || strncmp(p + 2, cmd, n) || p[n + 2] != ' ');
	for (e = p; *(e = strchr(e, '\n') + 1) == ' ' && e[2] == ' ';)
		;
	(void)!write(1, "usage: cella ", 13);
	(void)!write(1, p + 2, e - p - 2);
	return true;
}
