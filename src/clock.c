/* SPDX-License-Identifier: GPL-2.0-only */
/* clock.c - clock_gettime, time, nanosleep and usleep as plain system
 * calls.
 *
 * musl's clock_gettime looks the call up in the vDSO first (the lookup is
 * another 700 bytes of ELF parsing). cella reads the clock a few times in
 * a run (the start time in the state file, the supervisor's timeouts):
 * the system call costs it nothing it would notice. time() goes with it,
 * as musl's calls clock_gettime. musl's nanosleep goes through
 * clock_nanosleep and its cancellation point; cella has one thread.
 * Like open.c, weak definitions for musl builds only, and only where
 * libc.h's REPLACE_LIBC_SYSCALLS says the kernel's struct timespec is
 * the C library's (the 32-bit targets need clock_gettime64 and a
 * fallback: musl's stays there). */
#include "libc.h"
#if REPLACE_LIBC_SYSCALLS

#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

__attribute__((weak)) int clock_gettime(clockid_t clk, struct timespec *ts)
{
	return (int)syscall(SYS_clock_gettime, clk, ts);
}

__attribute__((weak)) time_t time(time_t *t)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

__attribute__((weak)) int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return (int)syscall(SYS_nanosleep, req, rem);
}

__attribute__((weak)) int usleep(unsigned us)
{
	struct timespec ts = { .tv_sec = us / 1000000, .tv_nsec = us % 1000000 * 1000 };

	return nanosleep(&ts, &ts);
}

#endif
