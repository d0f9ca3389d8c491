/* SPDX-License-Identifier: GPL-2.0-only */
/* restart.h - supervisor.restart: whether and when to start the workload again. */
#ifndef CELLA_RESTART_H
#define CELLA_RESTART_H

#include <stdbool.h>

#include "config.h"
#include "subsys.h"

#if HAVE_PID1
/* Whether a run that ended with STATUS (exit status, 128+signal for a
 * signal) is followed by another under c->restart. */
bool restart_wanted(const struct config *c, int status);
/* The delay before the next start: restart-delay after a run that lasted
 * restart-max-delay or longer, else the previous delay doubled (the first
 * time: restart-delay), never above restart-max-delay. */
long long restart_next_delay(const struct config *c, long long prev_ms, long long ran_ms);
#else
static inline bool restart_wanted(const struct config *c, int status) { (void)c; (void)status; return false; }
static inline long long restart_next_delay(const struct config *c, long long p, long long r)
{ (void)c; (void)p; (void)r; return 0; }
#endif

#endif
