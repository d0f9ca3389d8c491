/* SPDX-License-Identifier: GPL-2.0-only */
/* cli.h - the command line: commands, options, --help and --version. */
#ifndef CELLA_CLI_H
#define CELLA_CLI_H

#include <stdbool.h>

#include "config.h"

#define CELLA_VERSION "0.1.0"

struct run_opts {
	const char *config;
	bool detach;
	struct config_overrides ov;
};

/* argv after the command name. 0, 1 when --help was printed, or -EINVAL
 * after one line on stderr. */
int cli_parse_run(int argc, char **argv, struct run_opts *o);
int cli_parse_check(int argc, char **argv, const char **config);

void cli_usage(int fd);
/* Help of one command; false if there is no such command. */
bool cli_command_help(const char *cmd, int fd);

#endif
