/* SPDX-License-Identifier: GPL-2.0-only */
/* terminal.h - process.terminal and exec -t: a pty for the workload from
 * the container's own devpts, relayed to cella's stdio. */
#ifndef CELLA_TERMINAL_H
#define CELLA_TERMINAL_H

#include <errno.h>
#include <stdbool.h>
#include <sys/types.h>
#include <termios.h>

#include "subsys.h"
#include "supervisor.h"

struct terminal {
	int master;            /* -1: none */
	bool raw;              /* cella's stdin was put in raw mode */
	bool lost;             /* output could not be written (said once) */
	struct termios saved;  /* ... and this is how to put it back */
};

#if HAVE_TERMINAL
/* Workload side, after the root switch: open a pty through /dev/ptmx, send
 * its master to cella over SYNC_FD, make the pty this process's
 * controlling terminal and its stdin, stdout and stderr; OWNER owns it. */
int terminal_child(int sync_fd, uid_t owner, bool console) __attribute__((warn_unused_result));
/* cella's side: relay between its stdio and MASTER in the supervisor's
 * loop; stdin raw and the window size passed on when it is a terminal. */
void terminal_attach(struct terminal *t, int master, struct supervisor *s);
/* After the workload: the rest of its output, then cella's terminal back. */
void terminal_detach(struct terminal *t);
#else
static inline int terminal_child(int sync_fd, uid_t owner, bool console) { (void)sync_fd; (void)owner; (void)console; return -ENOSYS; }
static inline void terminal_attach(struct terminal *t, int m, struct supervisor *s) { (void)t; (void)m; (void)s; }
static inline void terminal_detach(struct terminal *t) { (void)t; }
#endif

#endif
