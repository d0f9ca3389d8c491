/* run.h - the run recipe (main.c), shared by `cella run` and PID 1 mode. */
#ifndef CELLA_RUN_H
#define CELLA_RUN_H

#include <stdbool.h>

#include "config.h"

/* Steps 2 to 6 of run, with restarts per supervisor.restart: take the
 * lock, start and supervise the workload, clean up. Returns the last exit
 * status (125/126/127 when cella failed); *stop_requested gets the signal
 * that asked cella to stop, or 0. pid1: cella is the machine's init. */
int run_container(const struct config *c, bool pid1, int *stop_requested);

#endif
