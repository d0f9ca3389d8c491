/* SPDX-License-Identifier: GPL-2.0-only */
/* caps.h - capability sets with libcap-ng. */
#ifndef CELLA_CAPS_H
#define CELLA_CAPS_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"

/* The set the workload keeps: keep, less drop, less CAP_SYS_BOOT unless
 * keep names it; in chroot mode also less sys_chroot, sys_admin,
 * dac_read_search, sys_ptrace, sys_module, sys_rawio and mknod, each
 * unless keep names it ("all" does not name). */
uint64_t caps_final(const struct config *c, bool chroot_mode);
/* What this process holds now (permitted and in the bounding set): "all"
 * means all of these, since nobody can give more than it has. */
uint64_t caps_held(void);
/* Drop from the bounding set everything not in keep. Needs CAP_SETPCAP,
 * so it runs before the user switch. */
int caps_apply_bounding(uint64_t keep) __attribute__((warn_unused_result));
/* Set permitted, effective and inheritable to keep; for a non-root user
 * (after the switch, with PR_SET_KEEPCAPS) also raise them as ambient. */
int caps_apply(uint64_t keep, bool ambient) __attribute__((warn_unused_result));
/* The same, and HOLD also effective and permitted (not inheritable, not
 * ambient) until seccomp_install drops it ([seccomp] without
 * no_new_privs needs CAP_SYS_ADMIN to install the filter). */
int caps_apply_hold(uint64_t keep, uint64_t hold, bool ambient) __attribute__((warn_unused_result));

/* Only effective and permitted = KEEP, inheritable empty, the bounding set
 * left alone: for a process of cella's that never execs. 0 or -errno. */
int caps_set_own(uint64_t keep);

#endif
