/* mounts.h - the [mounts] of the file, made inside the new root. */
#ifndef CELLA_MOUNTS_H
#define CELLA_MOUNTS_H

#include <stddef.h>

#include "config.h"

/* Make every mount of c->mounts, in file order, below root.path (or below /
 * without one), before the root switch so that bind sources are still
 * reachable. Targets are resolved inside the root: a symlink in the image
 * cannot send a mount outside it. */
int mounts_setup(const struct config *c) __attribute__((warn_unused_result));

/* One more bind mount of host directory SOURCE at TARGET inside the root,
 * made like a [mounts] bind (for the notify socket's directory). */
int mounts_bind(const struct config *c, const char *source, const char *target)
	__attribute__((warn_unused_result));

/* Remount the mount at PATH read-only, keeping its nosuid, nodev, noexec
 * and atime flags (the kernel refuses to clear locked ones, and they should
 * stay anyway). 0 or -errno; the caller reports. */
int mounts_remount_readonly(const char *path);

/* Resolve PATH (absolute, as seen inside) below ROOT ("" for the host root)
 * following symlinks as if ROOT were /, never leaving it. The result is
 * ROOT + the resolved path; components that do not exist are kept as given.
 * 0 or -errno (-ELOOP, -ENAMETOOLONG). */
int mounts_resolve(const char *root, const char *path, char *out, size_t outlen);

#endif
