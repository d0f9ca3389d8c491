/* SPDX-License-Identifier: GPL-2.0-only */
/* init.h - cella's minimal init, PID 1 inside the container (process.init). */
#ifndef CELLA_INIT_H
#define CELLA_INIT_H

#include <sys/types.h>

struct seccomp_filter;

/* Become the init for WORKLOAD: keep only CAP_KILL, install SF (the
 * workload's [seccomp] filter), then reap every child
 * and pass on any signal received, until the workload ends; exit with its
 * status (N, or 128+signal). Never returns. */
/* GATE: the write end of a pipe the workload waits on before its exec;
 * closed once the init has dropped its capabilities and installed SF. */
__attribute__((noreturn)) void init_run(pid_t workload, int sync_fd, const struct seccomp_filter *sf, int gate);

#endif
