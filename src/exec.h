/* exec.h - the workload's process attributes and the exec itself. */
#ifndef CELLA_EXEC_H
#define CELLA_EXEC_H

#include "config.h"

/* Build the environment exactly as the spec lists it: PATH (unless env
 * sets it), container=cella, HOME, then env, then pass-env from `from`.
 * A later entry replaces an earlier one of the same name. NULL on ENOMEM. */
char **exec_build_env(const struct config *c, const char *home, char *const *from);

/* oom_score_adj through /proc, before the root switch. */
int exec_set_oom(const struct config *c) __attribute__((warn_unused_result));
/* Resource limits and the umask. */
int exec_set_limits(const struct config *c) __attribute__((warn_unused_result));
/* Mark every fd from 3 up close-on-exec. */
int exec_close_fds(void) __attribute__((warn_unused_result));

/* execve argv[0] (looked up in PATH of env when it has no slash). Returns
 * only on failure: -errno, already logged; 127 for ENOENT, else 126. */
int exec_workload(char *const *argv, char *const *env);

#endif
