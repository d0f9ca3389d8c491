/* SPDX-License-Identifier: GPL-2.0-only */
/* tty.c - isatty, tcgetpgrp and tcsetpgrp as the ioctl system call.
 *
 * musl's go through its variadic ioctl (which on 32-bit targets converts
 * time64 structures, none of them these); the system call itself is the
 * same. isatty keeps musl's errno: EBADF for a bad descriptor, ENOTTY for
 * anything else that is not a terminal. Like open.c, weak definitions for
 * musl builds only, on the targets of libc.h's REPLACE_LIBC_SYSCALLS. */
#include "libc.h"
#if REPLACE_LIBC_SYSCALLS

#include <errno.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

__attribute__((weak)) int isatty(int fd)
{
	struct winsize ws;

	if (syscall(SYS_ioctl, fd, TIOCGWINSZ, &ws) == 0)
		return 1;
	if (errno != EBADF)
		errno = ENOTTY;
	return 0;
}

__attribute__((weak)) pid_t tcgetpgrp(int fd)
{
	int pgrp;

	return syscall(SYS_ioctl, fd, TIOCGPGRP, &pgrp) < 0 ? -1 : pgrp;
}

__attribute__((weak)) int tcsetpgrp(int fd, pid_t pgrp)
{
	int p = pgrp;

	return (int)syscall(SYS_ioctl, fd, TIOCSPGRP, &p);
}

#endif
