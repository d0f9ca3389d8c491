/* SPDX-License-Identifier: GPL-2.0-only */
/* cgroup.h - [cgroup]: the container's own cgroup on v2, v1 and hybrid
 * hosts, its limits, its end (kill everything, rmdir), `cella stats`. */
#ifndef CELLA_CGROUP_H
#define CELLA_CGROUP_H

#include <sys/types.h>

#include "config.h"
#include "subsys.h"

#define CG_DIRS 8 /* the v2 directory and v1 hierarchies */

/* The container's directories, one a hierarchy; their paths are also in
 * STATE_DIR/NAME/cgroup, one a line, for exec, stats and a stale clean-up. */
struct cgroup {
	int n;
	char *path[CG_DIRS];
	int state_dir_fd;
};

#if HAVE_CGROUP
#define CGROUP_USAGE "  stats NAME               the cgroup's memory, pids and cpu figures\n"
#define CGROUP_USAGE_STATUS "stats: 0, 1 when NAME is unknown or has no cgroup, 2 on a usage error.\n"
/* Step 3, from outside while the child waits: make the cgroup (recorded in
 * the state directory first), write the limits, move CHILD in. 0, or
 * -errno logged as one line, with nothing left behind. */
int cgroup_setup(const struct config *c, int state_dir_fd, pid_t child, struct cgroup *cg);
/* Kill everything in it, remove it and its record. */
void cgroup_destroy(struct cgroup *cg);
/* The child, once in its cgroup: namespaces.cgroup, so that it sees its
 * cgroup as /. */
int cgroup_unshare(const struct config *c);
/* The clone flags without CLONE_NEWCGROUP when the child unshares later. */
unsigned long cgroup_clone_flags(const struct config *c, unsigned long f);
/* A dead cella's container (state directory DIR_FD without a held lock):
 * kill and remove what its record names. */
void cgroup_reap_stale(int dir_fd);
/* cella exec: the caller joins container NAME's cgroup. */
int cgroup_join(const char *name);
/* cella stats NAME ...: 0, 1 for an unknown name, 2 on a usage error. */
int cgroup_stats_main(int argc, char **argv);
/* PID 1 mode: /sys/fs/cgroup mounted and the controllers enabled. */
void cgroup_mount_pid1(const struct config *c);
#else
#define CGROUP_USAGE ""
#define CGROUP_USAGE_STATUS ""
static inline int cgroup_setup(const struct config *c, int fd, pid_t child, struct cgroup *cg)
{ (void)c; (void)fd; (void)child; cg->n = 0; return 0; }
static inline void cgroup_destroy(struct cgroup *cg) { (void)cg; }
static inline int cgroup_unshare(const struct config *c) { (void)c; return 0; }
static inline unsigned long cgroup_clone_flags(const struct config *c, unsigned long f) { (void)c; return f; }
static inline void cgroup_reap_stale(int dir_fd) { (void)dir_fd; }
static inline int cgroup_join(const char *name) { (void)name; return 0; }
static inline int cgroup_stats_main(int argc, char **argv) { (void)argc; (void)argv; return 2; }
static inline void cgroup_mount_pid1(const struct config *c) { (void)c; }
#endif

#endif
