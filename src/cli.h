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

void cli_usage(int fd);
/* COMMAND --help: its entry of the usage, on stdout; false when the
 * build has no such command. */
bool cli_command_help(const char *cmd);

#endif
