/* SPDX-License-Identifier: GPL-2.0-only */
/* sync.h - the parent/child handshake over a SOCK_SEQPACKET socketpair.
 *
 * parent                         child
 *   --- GO (setup from outside done) -->
 *                                <-- HELLO (from the process that will exec;
 *                                          the kernel attaches its pid as the
 *                                          parent sees it)
 *                                <-- ERROR code + one line, then it exits
 *   EOF on the socket: exec succeeded (the child's end is close-on-exec).
 */
#ifndef CELLA_SYNC_H
#define CELLA_SYNC_H

#include <sys/types.h>

enum sync_type { SYNC_GO = 1, SYNC_HELLO, SYNC_ERROR, SYNC_PTY };

struct sync_msg {
	int type;
	int code;       /* exit status for SYNC_ERROR: 125, 126 or 127 */
	int fd;         /* on receipt: an fd that came with it (SYNC_PTY: the
	                 * pty master), else -1 */
	char text[480];
};

/* socketpair with SO_PASSCRED on the parent's end (fds[0]). */
int sync_pair(int fds[2]);
int sync_send(int fd, int type, int code, const char *text);
/* A message carrying PASS (SCM_RIGHTS). */
int sync_send_fd(int fd, int type, int pass);
/* 1 with a message (and the sender's pid in *pid when given), 0 on EOF,
 * or -errno. */
int sync_recv(int fd, struct sync_msg *m, pid_t *pid);
/* cella's side of step 4: read until the exec (EOF after a HELLO; *pid is
 * then the exec'd process as cella sees it, *pty a pty master if one came)
 * or the child's error, which is logged as its one line. 0, or the exit
 * status to use (125/126/127). */
int sync_wait_exec(int fd, pid_t *pid, int *pty);

#endif
