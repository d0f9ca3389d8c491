/* SPDX-License-Identifier: GPL-2.0-only */
/* rlimit.c - getrlimit and setrlimit as prlimit64.
 *
 * musl's getrlimit falls back to the old getrlimit system call for
 * kernels before 2.6.36 and rewrites the infinity of targets whose
 * kernel spells it otherwise (160 bytes); its setrlimit sets every
 * thread's limits through __synccall (a kilobyte of thread machinery for
 * a process that has one). On the targets of libc.h's
 * REPLACE_LIBC_SYSCALLS each is the one system call (musl's struct
 * rlimit is the kernel's rlimit64). exec.c sets process.limit-* and
 * reads RLIMIT_NOFILE with them. Like open.c, a weak definition for musl
 * builds only. */
#include "libc.h"
#if REPLACE_LIBC_SYSCALLS

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

__attribute__((weak)) int getrlimit(int resource, struct rlimit *rl)
{
	return (int)syscall(SYS_prlimit64, 0, resource, 0, rl);
}

__attribute__((weak)) int setrlimit(int resource, const struct rlimit *rl)
{
	return (int)syscall(SYS_prlimit64, 0, resource, rl, 0);
}

#endif
