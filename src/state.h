/* SPDX-License-Identifier: GPL-2.0-only */
/* state.h - /run/cella/NAME: the lock held for the container's life and the
 * state file, written atomically. */
#ifndef CELLA_STATE_H
#define CELLA_STATE_H

#include <signal.h>
#include <sys/types.h>
#include <time.h>

struct state {
	int dir_fd;         /* that directory: the files are opened relative
	                     * to it, which keeps the supervisor's stack small */
	int lock_fd;        /* flock'ed, close-on-exec */
	const char *name, *config;
	const char *status; /* starting, running, stopping, stopped, aborting */
	pid_t pid, monitor_pid;
	unsigned long long pid_start; /* pid's start time (/proc/PID/stat field
	                               * 22): with the pid, what names the
	                               * workload; 0 when unknown */
	time_t started;
	int restarts;
	int exit_status;    /* -1 while unknown */
	int ready;          /* supervisor.notify: 0 or 1 (READY=1 came); -1 off */
	const char *seccomp; /* [seccomp]: the profile in force; NULL: no line */
	const char *cgroup; /* [cgroup]: its directory, or NULL */
	sigset_t saved_mask; /* the signal mask cella was started with */
	char *dir;          /* STATE_DIR/NAME (malloc'd), for messages: not an
	                     * array of PATH_MAX, which would keep a page more
	                     * of the supervisor's stack resident */
};

/* The base directory: $CELLA_STATE_DIR or /run/cella. */
const char *state_base(void);

/* Create STATE_DIR/NAME and take its lock. -EBUSY (logged as "already
 * running") when another cella holds it. */
int state_acquire(struct state *s, const char *name, const char *config);
/* Record the workload's pid (0: none) and its start time, so that kill
 * and stop can tell it from a later process that got the same pid. */
void state_set_pid(struct state *s, pid_t pid);
/* Rewrite the state file with the current fields and status. */
int state_write(struct state *s, const char *status);
/* STATE_DIR/NAME/env: the workload's environment from the config (NUL
 * separated), for cella exec, which must not take it from the container. */
int state_write_env(struct state *s, char *const *env);
/* STATE_DIR/NAME/FILE (mode 0600) holding LEN bytes of BUF. */
int state_write_file(struct state *s, const char *file, const void *buf, size_t len);
/* Remove the files and the directory, then drop the lock. */
void state_release(struct state *s);

/* Look at container NAME from outside (the lifecycle commands): 1 when a
 * cella holds its lock, 0 when none does (a cella that died by SIGKILL: its
 * leftovers are removed, and the name is free again), -ENOENT when there is
 * no such container. */
int state_probe(const char *name);
/* The state file of NAME as text (malloc'd), or NULL with errno set. */
char *state_read(const char *name);
/* The state of a running container NAME (malloc'd); NULL, logged as one
 * line, when the name is not a name or no cella runs it. */
char *state_read_running(const char *name);
/* A pid field of state text, or 0. */
pid_t state_pid(const char *text, const char *key);
/* The workload's start time (pid_start) from state text, or 0 when the
 * key is absent or empty. */
unsigned long long state_pid_start(const char *text);
/* Whether PID is still the workload that started at START (pid_start):
 * 0; -ESRCH when there is no such process; -ESTALE when the pid is
 * another process's now, or START is 0 (unknown); or -errno. */
int state_is_workload(pid_t pid, unsigned long long start);
/* The value of KEY in state text, copied into buf ("" when absent). */
const char *state_value(const char *text, const char *key, char *buf, size_t len);

#endif
