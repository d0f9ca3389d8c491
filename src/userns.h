/* SPDX-License-Identifier: GPL-2.0-only */
/* userns.h - the user namespace: id maps written from outside, root inside. */
#ifndef CELLA_USERNS_H
#define CELLA_USERNS_H

#include <stdbool.h>
#include <sys/types.h>

#include "config.h"
#include "subsys.h"

static inline bool userns_on(const struct config *c)
{
	return HAVE_USERNS && c->ns[NS_USER].enabled;
}

#if HAVE_USERNS
/* In cella, while the child (cloned with CLONE_NEWUSER) waits for GO: its
 * uid_map and gid_map, and its oom_score_adj (which a process in a user
 * namespace may raise only); with root.idmap, *root_fd is the idmapped
 * root, detached, for the child (else -1). 0, or -errno logged. */
int userns_setup_child(const struct config *c, pid_t child, int *root_fd);
/* In the child: the idmapped root (when ROOT_FD >= 0, which is closed)
 * over root.path. */
int userns_mount_root(const struct config *c, int root_fd);
/* In the child after GO: root inside (cella's own ids are not mapped, and
 * an unmapped fsuid may create no file). 0, or -errno logged. */
int userns_become_root(const struct config *c);
#else
static inline int userns_setup_child(const struct config *c, pid_t child, int *root_fd)
{
	(void)c; (void)child; *root_fd = -1;
	return 0;
}
static inline int userns_mount_root(const struct config *c, int root_fd) { (void)c; (void)root_fd; return 0; }
static inline int userns_become_root(const struct config *c) { (void)c; return 0; }
#endif

#endif
