/* SPDX-License-Identifier: GPL-2.0-only */
/* env.c - getenv and unsetenv without musl's strchrnul and setenv
 * bookkeeping.
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

/* getenv: the value of the first NAME=..., as musl's (which also stops
 * at an '=' in NAME; a name with one is never found that way either). */
__attribute__((weak)) char *getenv(const char *name)
{
	size_t l = 0;

	while (name[l] && name[l] != '=')
		l++;
	if (l && !name[l] && __environ)
		for (char **e = __environ; *e; e++)
			if (!strncmp(name, *e, l) && (*e)[l] == '=')
				return *e + l + 1;
	return NULL;
}

#endif
