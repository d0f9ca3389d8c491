/* SPDX-License-Identifier: GPL-2.0-only */
/* resolve.h - paths of the container's tree, resolved inside its root and
 * used by file descriptor.
 *
 * The tree is hostile: another container sharing the filesystem can swap a
 * directory for a symlink between a check and a use. So a target is never
 * turned into a host path string; it is resolved from an fd of the new root
 * with every symlink followed as if that root were /, and the result is an
 * O_PATH fd that mount(2) reaches through /proc/self/fd/N. */
#ifndef CELLA_RESOLVE_H
#define CELLA_RESOLVE_H

#include <stdbool.h>
#include <sys/types.h>

enum resolve_create {
	RESOLVE_EXISTING,  /* a missing component is -ENOENT */
	RESOLVE_MKDIR,     /* create missing directories */
	RESOLVE_MKFILE,    /* the same, and the last component as an empty file */
};

struct resolve_opts {
	enum resolve_create create;
	/* Refuse (-EROFS) to create anything in a directory on this device:
	 * a read-only root's image is not changed (a tmpfs in it may be). */
	bool ro;
	dev_t ro_dev;
};

/* PATH (absolute or not, as seen inside) below the directory ROOT_FD: an
 * O_PATH | O_CLOEXEC fd of what it names, or -errno (-ELOOP after 40
 * symlinks, -ENOENT, -ENOTDIR, -EROFS). openat2(RESOLVE_IN_ROOT) where the
 * kernel has it (5.6+), else, and to create, a walk one component at a
 * time with O_PATH | O_NOFOLLOW. */
int resolve_in_root(int root_fd, const char *path, const struct resolve_opts *o);

/* "/proc/self/fd/N" for mount(2) and friends; buf of at least 32 bytes. */
const char *resolve_fd_path(int fd, char *buf);

/* For tests: never use openat2 (as on a kernel older than 5.6). */
extern bool resolve_no_openat2;

#endif
