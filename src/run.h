/* SPDX-License-Identifier: GPL-2.0-only */
/* run.h - the run recipe (run.c), shared by `cella run` and PID 1 mode. */
#ifndef CELLA_RUN_H
#define CELLA_RUN_H

#include <stdbool.h>
#include <sys/types.h>

#include "config.h"

struct run_result {
	int status;          /* the last exit status; 125/126/127: cella failed */
	int stop_requested;  /* the signal that asked cella to stop, or 0 */
	int reboot_request;  /* reboot(2) in the container: SIGHUP or SIGINT */
};

struct run_mode {
	bool pid1;     /* cella is the machine's init: a reboot request ends
	                * the restarts */
	int ready_fd;  /* run -d: where to write the outcome of the first
	                * start (an int: 0, or the exit status), else -1 */
};


/* Steps 2 to 6 of run, with restarts per supervisor.restart: take the
 * lock, start and supervise the workload, clean up. */
void run_container(const struct config *c, const struct run_mode *m, struct run_result *res);

/* run -d: a supervising cella stays behind in a session of its own, in
 * run_container; this returns once the workload has exec'd (0, or with
 * supervisor.notify once it is ready), or with the setup error. */
int run_detached(const struct config *c);

#endif
