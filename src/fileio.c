/* SPDX-License-Identifier: GPL-2.0-only */
/* fileio.c - read a whole file in as few read(2) calls as its size allows. */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "sys.h"

static char *read_fd(int fd, size_t max, size_t *len, size_t cap);

char *read_file(const char *path, size_t max, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	return fd < 0 ? NULL : read_fd(fd, max, len, 8192);
}

char *read_regular_file(const char *path, size_t max, size_t *len)
{
	struct statfs sf;
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK), e;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || fstatfs(fd, &sf) < 0)
		e = errno;
	/* procfs and sysfs files say "regular" but are not: /proc/kmsg
	 * blocks, and read as root it takes the host's kernel messages. */
	else if (!S_ISREG(st.st_mode) || sf.f_type == PROC_SUPER_MAGIC || sf.f_type == SYSFS_MAGIC)
		e = EINVAL;
	else if ((size_t)st.st_size > max)
		e = EFBIG;
	else /* a buffer of its size: 8 KB for a short file would scatter what
	      * is allocated after it over more pages of the supervisor */
		return read_fd(fd, max, len, (size_t)st.st_size + 2);
	close(fd);
	errno = e;
	return NULL;
}

int write_file_at(int dir_fd, const char *name, const void *buf, size_t n, int flags, mode_t mode)
{
	int fd = openat(dir_fd, name, O_WRONLY | O_CLOEXEC | flags, mode), e = 0;
	ssize_t w;

	if (fd < 0)
		e = errno;
	else if ((w = write(fd, buf, n)) != (ssize_t)n)
		e = w < 0 ? errno : EIO;
	if (fd >= 0 && close(fd) < 0 && !e)
		e = errno;
	errno = e;
	return -e;
}

const char *read_error(int e)
{
	return e == EINVAL ? "not a regular file" : e == EFBIG ? "file too large" : strerror(e);
}

/* Reads FD to its end and closes it; CAP is the first buffer's size. */
static char *read_fd(int fd, size_t max, size_t *len, size_t cap)
{
	size_t n = 0;
	char *buf = NULL, *nb;
	ssize_t r;
	int e;

	for (;;) {
		if (n + 1 >= cap || !buf) {
			if (buf)
				cap *= 2;
			if (!(nb = realloc(buf, cap))) {
				e = ENOMEM;
				goto fail;
			}
			buf = nb;
		}
		r = read(fd, buf + n, (cap - 1 - n) < (max + 1 - n) ? cap - 1 - n : max + 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			e = errno;
			goto fail;
		}
		if (r == 0)
			break;
		n += r;
		if (n > max) {
			e = EFBIG;
			goto fail;
		}
	}
	close(fd);
	buf[n] = 0;
	if (len)
		*len = n;
	return buf;
fail:
	close(fd);
	free(buf);
	errno = e;
	return NULL;
}

const char *text_value(const char *text, const char *key, char sep, char *buf, size_t len)
{
	size_t k = strlen(key);

	buf[0] = 0;
	for (const char *l = text; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : l)
		if (!strncmp(l, key, k) && l[k] == sep) {
			l += k + 1;
			l += strspn(l, " \t");
			snprintf(buf, len, "%.*s", (int)strcspn(l, "\n"), l);
			break;
		}
	return buf;
}
