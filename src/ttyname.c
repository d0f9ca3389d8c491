/* SPDX-License-Identifier: GPL-2.0-only */
/* ttyname.c - ttyname_r through readlinkat, without musl's readlink.
 *
 * mounts.c binds the terminal of cella's standard input as the
 * container's console. The same steps as musl's: a terminal, the name
 * /proc/self/fd/N links to (ERANGE if it does not fit), and that name
 * must still be the same file as the descriptor (ENODEV otherwise: a
 * terminal of another namespace, or one since replaced). Like open.c, a
 * weak definition for musl builds only. */
#include "libc.h"
#if REPLACE_LIBC

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

__attribute__((weak)) int ttyname_r(int fd, char *name, size_t size)
{
	struct stat a, b;
	char proc[32];
	ssize_t l;

	if (!isatty(fd))
		return errno;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	if ((l = readlinkat(AT_FDCWD, proc, name, size)) < 0)
		return errno;
	if ((size_t)l == size)
		return ERANGE;
	name[l] = 0;
	if (stat(name, &a) || fstat(fd, &b))
		return errno;
	return a.st_dev != b.st_dev || a.st_ino != b.st_ino ? ENODEV : 0;
}

#endif
