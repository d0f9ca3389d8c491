/* SPDX-License-Identifier: GPL-2.0-only */
/* rootfs.h - switching the root: pivot_root, or MS_MOVE + chroot, hardened. */
#ifndef CELLA_ROOTFS_H
#define CELLA_ROOTFS_H

#include <stdbool.h>

#include "config.h"

/* In a new mount namespace: make every mount private, so that nothing done
 * for the container propagates back to the host; bind root.path onto itself
 * so that it is a mount point pivot_root and MS_MOVE accept. */
int rootfs_prepare(const struct config *c) __attribute__((warn_unused_result));
/* Make root.path the root. *chroot_mode tells whether MS_MOVE + chroot was
 * used, in which case the caller drops CAP_SYS_CHROOT and CAP_SYS_ADMIN. */
int rootfs_switch(const struct config *c, bool *chroot_mode) __attribute__((warn_unused_result));
/* Remount the new root read-only (after the mounts made their targets). */
int rootfs_make_readonly(void) __attribute__((warn_unused_result));

#endif
