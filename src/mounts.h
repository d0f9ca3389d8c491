/* SPDX-License-Identifier: GPL-2.0-only */
/* mounts.h - the [mounts] of the file, made inside the new root. */
#ifndef CELLA_MOUNTS_H
#define CELLA_MOUNTS_H

#include <stddef.h>

#include "config.h"

/* Make every mount of c->mounts, in file order, below root.path (or below /
 * without one), before the root switch so that bind sources are still
 * reachable. Every target is resolved inside the root and used by fd
 * (resolve.h): nothing that changes the tree meanwhile can send a mount, a
 * directory or a file outside it. Needs /proc (for /proc/self/fd). */
int mounts_setup(const struct config *c) __attribute__((warn_unused_result));

/* One more tmpfs at TARGET inside the root, made like a [mounts] tmpfs
 * with OPTIONS (for the notify socket's directory). */
int mounts_tmpfs(const struct config *c, const char *target, const char *options)
	__attribute__((warn_unused_result));

/* Remount the mount at PATH (or the one FD is the root of) read-only,
 * keeping its nosuid, nodev, noexec and atime flags (the kernel refuses to
 * clear locked ones, and they should stay anyway). 0 or -errno; the caller
 * reports. */
int mounts_remount_readonly(const char *path);
int mounts_remount_readonly_fd(int fd);

#endif
