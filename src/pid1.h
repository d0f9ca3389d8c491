/* SPDX-License-Identifier: GPL-2.0-only */
/* pid1.h - cella as the machine's init (init=/sbin/cella, rdinit=). */
#ifndef CELLA_PID1_H
#define CELLA_PID1_H

#include <stdbool.h>
#include <unistd.h>

#include "subsys.h"

#if HAVE_PID1
/* Started by the kernel: pid 1, and no cella command (the kernel passes
 * the command line's unknown words to init as arguments; they are not
 * commands). As pid 1 with a command, as in a container image, cella is
 * an ordinary launcher. */
bool pid1_wanted(int argc, char **argv);
/* Boot, run the workload per the file, then power off, reboot or halt.
 * Never returns. */
__attribute__((noreturn)) void pid1_main(void);
#else
static inline bool pid1_wanted(int argc, char **argv) { (void)argc; (void)argv; return false; }
static inline void pid1_main(void) { }
#endif

#endif
