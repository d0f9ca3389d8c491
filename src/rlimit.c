/* SPDX-License-Identifier: GPL-2.0-only */
/* rlimit.c - getrlimit as prlimit64.
 *
 * musl's getrlimit falls back to the old getrlimit system call for
 * kernels before 2.6.36 and rewrites the infinity of targets whose
 * kernel spells it otherwise (160 bytes); on the targets of libc.h's
 * REPLACE_LIBC_SYSCALLS it is the one system call. exec.c reads
 * RLIMIT_NOFILE with it. Like open.c, a weak definition for musl builds
 * only. */
#include "libc.h"
#if REPLACE_LIBC_SYSCALLS

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

__attribute__((weak)) int getrlimit(int resource, struct rlimit *rl)
{
	return (int)syscall(SYS_prlimit64, 0, resource, 0, rl);
}

#endif
