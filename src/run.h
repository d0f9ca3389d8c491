/* run.h - the run recipe (main.c), shared by `cella run` and PID 1 mode. */
#ifndef CELLA_RUN_H
#define CELLA_RUN_H

#include <stdbool.h>

#include "config.h"

struct run_result {
	int status;          /* the last exit status; 125/126/127: cella failed */
	int stop_requested;  /* the signal that asked cella to stop, or 0 */
	int reboot_request;  /* reboot(2) in the container: SIGHUP or SIGINT */
};

/* Steps 2 to 6 of run, with restarts per supervisor.restart: take the
 * lock, start and supervise the workload, clean up. pid1: cella is the
 * machine's init, where a reboot request ends the restarts. */
void run_container(const struct config *c, bool pid1, struct run_result *res);

#endif
