/* SPDX-License-Identifier: GPL-2.0-only */
/* lifecycle.h - list, state, kill, stop: the running containers, seen from
 * outside through /run/cella (no daemon). */
#ifndef CELLA_LIFECYCLE_H
#define CELLA_LIFECYCLE_H

#include <stdbool.h>

#include "subsys.h"

#if HAVE_LIFECYCLE
/* Lines of cella --help: the entries of the commands and their exit
 * status, and run's option. */
#define LIFECYCLE_USAGE                                                              \
	"  list [-q]                running containers: NAME STATE PID UPTIME CONFIG\n" \
	"  state NAME               the state of NAME as key=value lines\n"            \
	"  kill NAME [SIGNAL]       signal the workload (default TERM)\n"              \
	"  stop NAME [--timeout DUR]  stop-signal, then KILL after stop-timeout\n"     \
	"  exec [-t] [--user U] [--cwd DIR] [--env K=V]... NAME [--] CMD [ARG...]\n"  \
	"      run CMD inside the running container NAME (-t: on a pty)\n"
#define LIFECYCLE_USAGE_STATUS                                                     \
	"exec: as run. list, state, kill, stop: 0, 1 when NAME is unknown or the\n" \
	"action failed, 2 on a usage error.\n"
#define LIFECYCLE_USAGE_DETACH "[-d] "
/* CMD (list, state, kill, stop) with the arguments after it: 0 on success,
 * 1 when the name is unknown or the action failed, 2 on a usage error; -1
 * when CMD is none of them. */
int lifecycle_main(const char *cmd, int argc, char **argv);
#else
#define LIFECYCLE_USAGE ""
#define LIFECYCLE_USAGE_STATUS ""
#define LIFECYCLE_USAGE_DETACH ""
static inline int lifecycle_main(const char *cmd, int argc, char **argv)
{ (void)cmd; (void)argc; (void)argv; return -1; }
#endif

#endif
