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
 * namespace may raise only). 0, or -errno logged. */
int userns_setup_child(const struct config *c, pid_t child);
/* In the child after GO: root inside (cella's own ids are not mapped, and
 * an unmapped fsuid may create no file). 0, or -errno logged. */
int userns_become_root(const struct config *c);
#else
static inline int userns_setup_child(const struct config *c, pid_t child) { (void)c; (void)child; return 0; }
static inline int userns_become_root(const struct config *c) { (void)c; return 0; }
#endif

#endif
