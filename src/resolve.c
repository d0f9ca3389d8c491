/* SPDX-License-Identifier: GPL-2.0-only */
/* resolve.c - resolving inside the new root, by fd (see resolve.h). */
#include "resolve.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_openat2
#define SYS_openat2 437 /* the same number on every architecture */
#endif
#define RESOLVE_NO_MAGICLINKS_ 0x02
#define RESOLVE_IN_ROOT_ 0x10

#define MAXLINKS 40
#define MAXDEPTH 128

bool resolve_no_openat2;

struct open_how_ { unsigned long long flags, mode, resolve; };

/* The kernel's own resolution: one syscall, and exactly the semantics the
 * walk below imitates. -ENOSYS when the kernel has no openat2. */
static int kernel_resolve(int root_fd, const char *path)
{
	struct open_how_ how = {
		.flags = O_PATH | O_CLOEXEC,
		.resolve = RESOLVE_IN_ROOT_ | RESOLVE_NO_MAGICLINKS_,
	};
	int fd;

	if (resolve_no_openat2)
		return -ENOSYS;
	do
		fd = (int)syscall(SYS_openat2, root_fd, path, &how, sizeof(how));
	while (fd < 0 && errno == EAGAIN); /* a rename raced the lookup */
	if (fd >= 0)
		return fd;
	if (errno == ENOSYS || errno == EPERM /* a seccomp filter that does not know it */)
		resolve_no_openat2 = true;
	return -errno;
}

/* Create the missing component NAME in DIR: a directory, or with FILE an
 * empty file. Someone else creating it first is fine: it is then opened
 * (and followed, when it is a symlink) like any other. */
static int create(int dir, const char *name, bool file, const struct resolve_opts *o)
{
	struct stat st;
	int fd;

	if (o->ro && fstat(dir, &st) == 0 && st.st_dev == o->ro_dev)
		return -EROFS;
	if (!file)
		return mkdirat(dir, name, 0755) < 0 && errno != EEXIST ? -errno : 0;
	fd = openat(dir, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0644);
	if (fd < 0)
		return errno == EEXIST ? 0 : -errno;
	close(fd);
	return 0;
}

/* The walk: a stack of O_PATH fds, one per component, so that ".." pops
 * (never above the root) instead of asking the kernel for a parent that a
 * rename may have moved outside. A symlink's text is put in front of what
 * is left; an absolute one starts again from the root. */
static int walk(int root_fd, const char *path, const struct resolve_opts *o)
{
	size_t len = strlen(path);
	char *buf, *todo, *p, *lnk;
	int stack[MAXDEPTH], depth = 0, links = 0, r = 0;

	if (len >= PATH_MAX)
		return -ENAMETOOLONG;
	if (!(buf = todo = malloc(2 * PATH_MAX)))
		return -ENOMEM;
	lnk = buf + PATH_MAX;
	memcpy(todo, path, len + 1);
	stack[0] = root_fd;
	p = todo;
	while (*p) {
		char *comp = p + strspn(p, "/"), *end;
		bool last;
		struct stat st;
		int fd;

		if (!*comp)
			break;
		end = comp + strcspn(comp, "/");
		p = end + strspn(end, "/");
		last = !*p;
		*end = 0;
		if (!strcmp(comp, "."))
			continue;
		if (!strcmp(comp, "..")) {
			if (depth > 0)
				close(stack[depth--]);
			continue;
		}
		fd = openat(stack[depth], comp, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0 && errno == ENOENT && o->create != RESOLVE_EXISTING) {
			if ((r = create(stack[depth], comp, last && o->create == RESOLVE_MKFILE, o)) < 0)
				break;
			fd = openat(stack[depth], comp, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		}
		if (fd < 0 || fstat(fd, &st) < 0) {
			r = -errno;
			if (fd >= 0)
				close(fd);
			break;
		}
		if (S_ISLNK(st.st_mode)) {
			ssize_t n = readlinkat(fd, "", lnk, PATH_MAX - 1);
			size_t pl = strlen(p);
			close(fd);
			if (++links > MAXLINKS) { r = -ELOOP; break; }
			if (n <= 0) { r = n < 0 ? -errno : -ENOENT; break; }
			if ((size_t)n + 1 + pl >= PATH_MAX) { r = -ENAMETOOLONG; break; }
			/* The link's text, "/" and what is left, in the other
			 * buffer, which becomes the one walked. */
			lnk[n] = '/';
			memcpy(lnk + n + 1, p, pl + 1);
			p = lnk;
			lnk = todo;
			todo = p;
			if (*p == '/')
				while (depth > 0)
					close(stack[depth--]);
			continue;
		}
		r = !last && !S_ISDIR(st.st_mode) ? -ENOTDIR : depth + 1 >= MAXDEPTH ? -ENAMETOOLONG : 0;
		if (r < 0) {
			close(fd);
			break;
		}
		stack[++depth] = fd;
	}
	free(buf);
	if (r == 0 && depth == 0) {
		/* The root itself. */
		if ((r = openat(root_fd, ".", O_PATH | O_CLOEXEC)) < 0)
			r = -errno;
		return r;
	}
	if (r == 0)
		r = stack[depth--];
	while (depth > 0)
		close(stack[depth--]);
	return r;
}

int resolve_in_root(int root_fd, const char *path, const struct resolve_opts *o)
{
	int r = kernel_resolve(root_fd, *path ? path : "/");
	/* The walk where the kernel cannot, and to create what is missing. */
	if (r >= 0 || (r != -ENOSYS && !(r == -ENOENT && o->create != RESOLVE_EXISTING)))
		return r;
	return walk(root_fd, path, o);
}

const char *resolve_fd_path(int fd, char *buf)
{
	snprintf(buf, 32, "/proc/self/fd/%d", fd);
	return buf;
}
