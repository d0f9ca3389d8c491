/* pid1.h - cella as the machine's init (init=/sbin/cella, rdinit=). */
#ifndef CELLA_PID1_H
#define CELLA_PID1_H

#include <stdbool.h>
#include <unistd.h>

#include "subsys.h"

#if HAVE_PID1
/* Started by the kernel: no arguments and pid 1. */
static inline bool pid1_wanted(int argc) { return argc == 1 && getpid() == 1; }
/* Boot, run the workload per the file, then power off, reboot or halt.
 * Never returns. */
__attribute__((noreturn)) void pid1_main(void);
#else
static inline bool pid1_wanted(int argc) { (void)argc; return false; }
static inline void pid1_main(void) { }
#endif

#endif
