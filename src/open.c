/* SPDX-License-Identifier: GPL-2.0-only */
/* open.c - open(2) without musl's extra fcntl.
 *
 * musl's open() follows an O_CLOEXEC open with fcntl(F_SETFD, FD_CLOEXEC)
 * for kernels before 2.6.23, which ignored the flag; cella opens every
 * file close-on-exec and runs on far newer kernels (openat2 or its walk,
 * close_range), so that is one system call per file for nothing: a start
 * opens five or six. Like fmt.c, a weak definition for musl builds only;
 * openat(AT_FDCWD, ...) is the same system call without the addition. */
#include <features.h> /* says which C library */
#if !defined(__GLIBC__) && !defined(__UCLIBC__) && !defined(__BIONIC__)

#include <fcntl.h>
#include <stdarg.h>

__attribute__((weak)) int open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return openat(AT_FDCWD, path, flags, mode);
}

#endif
