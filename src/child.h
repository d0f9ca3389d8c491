/* SPDX-License-Identifier: GPL-2.0-only */
/* child.h - the container side of `run`: from clone to exec. */
#ifndef CELLA_CHILD_H
#define CELLA_CHILD_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

#include "config.h"

struct child_args {
	const struct config *c;
	int sync_fd;               /* the child's end of the sync socket */
	const int *ns_fds;         /* namespaces to join, by enum ns_kind */
	sigset_t mask;             /* the signal mask to restore before exec */
	bool foreground;           /* cella owns its terminal's foreground */
	char *const *environ_from; /* cella's own environment, for pass-env */
	int notify_fd;             /* supervisor.notify: the socket to bind inside, or -1 */
};

/* Set up the container as the file says and exec the workload. Any failure
 * is sent to cella as one message and the child exits; never returns. */
__attribute__((noreturn)) void child_main(const struct child_args *a);

#endif
