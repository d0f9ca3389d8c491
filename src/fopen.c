/* SPDX-License-Identifier: GPL-2.0-only */
/* fopen.c - fopen, fgets and fclose for reading a file line by line, and
 * nothing else of stdio.
 *
 * The one user of stdio left in the static link is libcap-ng: it reads
 * /proc/PID/status with fopen("re"), __fsetlocking, fgets and fclose (the
 * bounding set and the process's sets, see "Footprint" in HACKING.md).
 * musl's versions bring its whole FILE machinery (buffer modes, locking,
 * the open-file list, flushing at exit, writing): 3 KB. These do what that
 * caller needs: a read-only FILE of our own (musl's headers leave struct
 * _IO_FILE incomplete), a buffer of 1 KB (a status file in two reads, as
 * musl's BUFSIZ does). No other stdio function may be given one of these
 * FILEs: nothing in cella uses stdio (fmt.c writes with write(2)), which
 * is why the busybox applet, whose own code does, does not link this file.
 *
 * Like fmt.c, weak definitions for musl builds only; the unit, sanitizer
 * and fuzz builds keep the C library's. */
#include "libc.h"
#if REPLACE_LIBC

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct _IO_FILE {
	int fd;
	unsigned pos, len; /* what buf holds, and how much of it was read */
	char buf[1024];
};

__attribute__((weak)) FILE *fopen(const char *path, const char *mode)
{
	FILE *f;
	int fd;

	if (mode[0] != 'r' || strchr(mode, '+')) {
		errno = EINVAL; /* reading only */
		return NULL;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return NULL;
	if (!(f = malloc(sizeof(*f)))) {
		close(fd);
		return NULL;
	}
	f->fd = fd;
	f->pos = f->len = 0;
	return f;
}

/* Up to N - 1 bytes, to the end of the line (its newline kept) or of the
 * file; NULL when nothing was read (the end, or an error). */
__attribute__((weak)) char *fgets(char *s, int n, FILE *f)
{
	int i = 0;

	while (i < n - 1) {
		if (f->pos == f->len) {
			ssize_t r = read(f->fd, f->buf, sizeof(f->buf));
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				break;
			f->pos = 0;
			f->len = (unsigned)r;
		}
		if ((s[i++] = f->buf[f->pos++]) == '\n')
			break;
	}
	if (n < 1 || (i == 0 && n > 1))
		return NULL; /* (N = 1: the empty string, as musl's) */
	s[i] = 0;
	return s;
}

__attribute__((weak)) int fclose(FILE *f)
{
	int r = close(f->fd);
	free(f);
	return r ? EOF : 0;
}

/* There is no locking to give up; 0, as musl's returns. */
__attribute__((weak)) int __fsetlocking(FILE *f, int type)
{
	(void)f;
	(void)type;
	return 0;
}

#endif
