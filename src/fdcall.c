/* SPDX-License-Identifier: GPL-2.0-only */
/* fdcall.c - fchmod, fchown and fchdir with one fallback between them,
 * and readlinkat.
 *
 * The kernel refuses fchmod and fchown on an O_PATH descriptor (EBADF);
 * musl then makes the change through /proc/self/fd/N, which names the
 * file itself. These do the same with one helper and fmt.c's snprintf
 * instead of three copies and musl's __procfdname (600 bytes for the
 * three). fchdir needs no fallback: the kernel takes O_PATH there since
 * 3.5. Like open.c, weak definitions for musl builds only, on the targets
 * of libc.h's REPLACE_LIBC_SYSCALLS. */
#include "libc.h"
#if REPLACE_LIBC_SYSCALLS

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* by_fd: system call NR on FD with A and B; for an open descriptor it
 * refuses with EBADF, AT_NR (fchmodat, fchownat) on its /proc name. */
static int by_fd(long nr, long at_nr, int fd, long a, long b)
{
	char name[32];
	long r = syscall(nr, fd, a, b);

	if (r >= 0 || errno != EBADF || fcntl(fd, F_GETFD) < 0)
		return (int)r;
	snprintf(name, sizeof(name), "/proc/self/fd/%d", fd);
	return (int)syscall(at_nr, AT_FDCWD, name, a, b, 0);
}

__attribute__((weak)) int fchmod(int fd, mode_t mode)
{
	return by_fd(SYS_fchmod, SYS_fchmodat, fd, mode, 0);
}

__attribute__((weak)) int fchown(int fd, uid_t uid, gid_t gid)
{
	return by_fd(SYS_fchown, SYS_fchownat, fd, uid, gid);
}

__attribute__((weak)) int fchdir(int fd)
{
	return (int)syscall(SYS_fchdir, fd);
}

/* readlinkat: resolve.c reads a symlink by its O_PATH descriptor. As
 * musl's, a size of 0 is no error (the kernel's EINVAL): 0 bytes read. */
__attribute__((weak)) ssize_t readlinkat(int fd, const char *restrict path, char *restrict buf,
					 size_t size)
{
	char dummy;
	long r = syscall(SYS_readlinkat, fd, path, size ? buf : &dummy, size ? size : 1);

	return !size && r > 0 ? 0 : r;
}

#endif
