/* SPDX-License-Identifier: GPL-2.0-only */
/* exec.h - the workload's process attributes and the exec itself. */
#ifndef CELLA_EXEC_H
#define CELLA_EXEC_H

#include <sys/types.h>

#include "config.h"

/* Build the environment exactly as the spec lists it: PATH (unless env
 * sets it), container=cella, HOME, then env, then pass-env from `from`,
 * then, with listen_fds > 0, LISTEN_FDS, LISTEN_FDNAMES (of those fds) and
 * LISTEN_PID (this process). A later entry replaces an earlier one of the
 * same name (HOME only when home is not NULL). NULL on ENOMEM. */
char **exec_build_env(const struct config *c, const char *home, char *const *from, int listen_fds);
#define LISTEN_FDS_MAX 1024

/* Socket activation, first thing at cella's start (before it opens any
 * file): when LISTEN_PID is cella's own pid, note which fds of the
 * LISTEN_FDS range are open, and put placeholders (close-on-exec) into the
 * holes so that none of cella's own files lands there. Otherwise unset
 * LISTEN_FDS, LISTEN_PID and LISTEN_FDNAMES: nothing is passed. */
void exec_claim_listen_fds(void);
/* In the child, with supervisor.listen-fds: move the noted fds down to
 * 3, 4, ... and return their number (0 without the key), or -errno. */
int exec_pass_listen_fds(const struct config *c);

/* oom_score_adj through /proc, before the root switch. */
int exec_set_oom(const struct config *c) __attribute__((warn_unused_result));
/* Resource limits and the umask. */
int exec_set_limits(const struct config *c) __attribute__((warn_unused_result));
/* Mark every fd from FIRST up close-on-exec (3, or past the passed
 * sockets), and those below it from 3 up inheritable. */
int exec_close_fds(int first) __attribute__((warn_unused_result));

/* execve argv[0] (looked up in PATH of env when it has no slash). Returns
 * only on failure, already logged, with errno set: 127 when the program is
 * not there, else 126 (also for one whose #! interpreter or ELF loader is
 * missing, which execve reports as ENOENT too). */
int exec_workload(char *const *argv, char *const *env);

#endif
