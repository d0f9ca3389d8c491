/* SPDX-License-Identifier: GPL-2.0-only */
/* cwd.c - getcwd as the system call.
 *
 * musl's getcwd keeps a PATH_MAX buffer on the stack for a NULL buffer
 * and copies it with strdup (200 bytes); this one allocates PATH_MAX
 * bytes for it instead. The rest as musl's: a zero size is EINVAL, and a
 * directory the kernel cannot name from the root (unreachable, the
 * "(unreachable)" prefix) is ENOENT. state.c makes a relative state path
 * absolute with it. Like open.c, a weak definition for musl builds only. */
#include "libc.h"
#if REPLACE_LIBC

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

__attribute__((weak)) char *getcwd(char *buf, size_t size)
{
	char *b = buf;
	long r;

	if (!b && !(b = malloc(size = PATH_MAX)))
		return NULL;
	if (!size) {
		errno = EINVAL;
		return NULL;
	}
	r = syscall(SYS_getcwd, b, size);
	if (r >= 0 && (r == 0 || b[0] != '/')) {
		errno = ENOENT;
		r = -1;
	}
	if (r < 0) {
		if (!buf)
			free(b);
		return NULL;
	}
	return b;
}

#endif
