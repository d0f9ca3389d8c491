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

struct notify {
	int fd;               /* bound datagram socket, -1 when off */
	char dir[4200];       /* its directory on the host, bound into the container */
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
/* Create STATE_DIR/NAME/notify/notify.sock (cella's side). */
int notify_open(struct notify *n, struct state *st) __attribute__((warn_unused_result));
/* Remove the socket and its directory. */
void notify_close(struct notify *n);
/* The supervisor's watch: READY=1 and STATUS= from the workload. */
void notify_watch(struct supervisor *s, struct watch *w, short revents);
#else
static inline int notify_open(struct notify *n, struct state *st) { (void)st; n->fd = -1; return 0; }
static inline void notify_close(struct notify *n) { (void)n; }
static inline void notify_watch(struct supervisor *s, struct watch *w, short r) { (void)s; (void)w; (void)r; }
#endif

#endif
