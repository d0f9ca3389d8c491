/* SPDX-License-Identifier: GPL-2.0-only */
/* notify.h - supervisor.notify: the workload's sd_notify socket. */
#ifndef CELLA_NOTIFY_H
#define CELLA_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "subsys.h"
#include "supervisor.h"

/* Where the workload finds it (NOTIFY_SOCKET), inside the container. */
#define NOTIFY_DIR_INSIDE "/run/notify"
#define NOTIFY_SOCKET_INSIDE NOTIFY_DIR_INSIDE "/notify.sock"

struct state;

/* The tmpfs the socket lives on, inside. */
#define NOTIFY_TMPFS_OPTIONS "mode=0755,size=4k,nr_inodes=8"

struct notify {
	int fd;               /* datagram socket (bound by the child), -1 when off */
	struct state *st;     /* ready=1 goes here */
	int *ready_fd;        /* run -d waits for READY=1 on this */
	pid_t workload;       /* MAINPID for cella's own NOTIFY_SOCKET */
};

/* One datagram of the workload (NUL-terminated, changed in place): what
 * to pass on to cella's own NOTIFY_SOCKET (READY=1 with MAINPID=workload,
 * and STATUS= lines) goes into out; its length is returned, and *ready
 * tells whether READY=1 came. Anything else in it is ignored. */
size_t notify_parse(char *buf, pid_t workload, char *out, size_t outlen, bool *ready);

#if HAVE_NOTIFY
/* The socket, not bound yet: the child binds it inside the container. */
int notify_open(struct notify *n, struct state *st) __attribute__((warn_unused_result));
/* In the child, after the root switch: bind FD at NOTIFY_SOCKET_INSIDE (on
 * the tmpfs mounted at NOTIFY_DIR_INSIDE), then make that tmpfs read-only. */
int notify_bind_inside(int fd) __attribute__((warn_unused_result));
void notify_close(struct notify *n);
/* The supervisor's watch: READY=1 and STATUS= from the workload. */
void notify_watch(struct supervisor *s, struct watch *w, short revents);
#else
static inline int notify_open(struct notify *n, struct state *st) { (void)st; n->fd = -1; return 0; }
static inline int notify_bind_inside(int fd) { (void)fd; return 0; }
static inline void notify_close(struct notify *n) { (void)n; }
static inline void notify_watch(struct supervisor *s, struct watch *w, short r) { (void)s; (void)w; (void)r; }
#endif

#endif
