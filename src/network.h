/* SPDX-License-Identifier: GPL-2.0-only */
/* network.h - [network]: the interfaces cella makes or moves into the
 * container's network namespace, their addresses and routes, set up by the
 * parent while the child waits and undone when the container ends. */
#ifndef CELLA_NETWORK_H
#define CELLA_NETWORK_H

#include <stdbool.h>
#include <sys/types.h>

#include "config.h"
#include "subsys.h"

/* What network_teardown undoes; zeroed before network_setup. */
struct netrun {
	bool on;
	int nl, nl_in;      /* rtnetlink sockets: the host's, the container's */
	int ns;             /* the container's network namespace */
	int dir_fd;         /* the state directory: "net" lists moved interfaces */
	bool veth;          /* the host end exists */
	int nmoved;
	struct moved { int index; bool up; unsigned mtu; } *moved;
};

#if HAVE_NETWORK
/* Make the container's network from outside; CHILD waits in its new
 * namespaces. On failure (logged, one line) all made so far is undone. */
int network_setup(const struct config *c, struct netrun *n, pid_t child, int dir_fd);
/* Moved interfaces back to the host, the veth's host end deleted (the rest
 * dies with the namespace, held until here). Safe to call twice. */
void network_teardown(const struct config *c, struct netrun *n);
/* After a cella killed by SIGKILL: the interfaces the kernel gave back
 * under their inside names get their own names again. */
void network_recover(int dir_fd);
#else
static inline int network_setup(const struct config *c, struct netrun *n, pid_t child, int dir_fd)
{
	(void)c, (void)n, (void)child, (void)dir_fd;
	return 0;
}
static inline void network_teardown(const struct config *c, struct netrun *n) { (void)c, (void)n; }
static inline void network_recover(int dir_fd) { (void)dir_fd; }
#endif

#endif
