/* SPDX-License-Identifier: GPL-2.0-only */
/* dir.c - opendir, readdir and closedir over getdents64.
 *
 * The same as musl's (a 2 KB buffer the kernel fills, struct dirent
 * being the kernel's linux_dirent64, a directory removed meanwhile ending
 * the list without an error) in fewer bytes; musl also keeps the
 * position for telldir, which cella does not call. cgroup.c walks a
 * cgroup's children with them. The three go together: DIR is theirs.
 * Like open.c, weak definitions for musl builds only, on the targets of
 * libc.h's REPLACE_LIBC_SYSCALLS. */
#include "libc.h"
#if REPLACE_LIBC_SYSCALLS

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

struct __dirstream {
	int fd;
	unsigned pos, len;
	char buf[2048] __attribute__((aligned(8)));
};

__attribute__((weak)) DIR *opendir(const char *name)
{
	int fd = open(name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;

	if (fd < 0)
		return NULL;
	if (!(d = malloc(sizeof(*d)))) {
		close(fd);
		return NULL;
	}
	d->fd = fd;
	d->pos = d->len = 0;
	return d;
}

__attribute__((weak)) struct dirent *readdir(DIR *d)
{
	struct dirent *e;

	if (d->pos >= d->len) {
		int saved = errno;
		long n = syscall(SYS_getdents64, d->fd, d->buf, sizeof(d->buf));
		if (n <= 0) {
			if (n < 0 && errno == ENOENT)
				errno = saved;
			return NULL;
		}
		d->pos = 0;
		d->len = (unsigned)n;
	}
	e = (struct dirent *)(d->buf + d->pos);
	d->pos += e->d_reclen;
	return e;
}

__attribute__((weak)) int closedir(DIR *d)
{
	int r = close(d->fd);

	free(d);
	return r;
}

#endif
