/* SPDX-License-Identifier: GPL-2.0-only */
/* stat.c - fstatat, fstat, stat and lstat as one system call each.
 *
 * musl's fstatat reads the kernel's struct stat into one of its own and
 * copies it field by field, with fallbacks for kernels before 3.6 (fstat
 * of an O_PATH descriptor through /proc/self/fd): 550 bytes. On x86_64
 * and aarch64 the kernel's struct stat (newfstatat) is the C library's,
 * and cella needs a far newer kernel anyway (openat2 or its walk,
 * close_range). Like open.c, weak definitions for musl builds only, and
 * only on those targets (the 32-bit ones and some others have a struct
 * of another shape: musl's stays there). */
#include "libc.h"
#if REPLACE_LIBC_SYSCALLS

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

__attribute__((weak)) int fstatat(int fd, const char *restrict path, struct stat *restrict st,
				  int flag)
{
	return (int)syscall(SYS_newfstatat, fd, path, st, flag);
}

/* fstat: by the descriptor alone (a negative one is EBADF, not the
 * working directory that AT_FDCWD with an empty path would be). */
__attribute__((weak)) int fstat(int fd, struct stat *st)
{
	return (int)syscall(SYS_fstat, fd, st);
}

__attribute__((weak)) int stat(const char *restrict path, struct stat *restrict st)
{
	return fstatat(AT_FDCWD, path, st, 0);
}

__attribute__((weak)) int lstat(const char *restrict path, struct stat *restrict st)
{
	return fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

#endif
