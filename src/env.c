/* SPDX-License-Identifier: GPL-2.0-only */
/* env.c - unsetenv without musl's strchrnul and setenv bookkeeping.
 *
 * exec.c takes the LISTEN_* variables out of the environment with it.
 * musl's (210 bytes) also frees strings its setenv allocated; cella never
 * calls setenv or putenv, so there are none. The same rules: a name that
 * is empty or holds '=' is EINVAL, every entry NAME=... goes, the order
 * of the rest is kept. Like open.c, a weak definition for musl builds
 * only. */
#include "libc.h"
#if REPLACE_LIBC

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **__environ;

__attribute__((weak)) int unsetenv(const char *name)
{
	size_t l = 0;
	char **e, **to;

	while (name[l] && name[l] != '=')
		l++;
	if (!l || name[l]) {
		errno = EINVAL;
		return -1;
	}
	if ((e = to = __environ)) {
		for (; *e; e++)
			if (strncmp(name, *e, l) || (*e)[l] != '=')
				*to++ = *e;
		*to = NULL;
	}
	return 0;
}

#endif
