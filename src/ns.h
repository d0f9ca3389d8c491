/* SPDX-License-Identifier: GPL-2.0-only */
/* ns.h - namespaces: which to create, which to join, loopback and hostname. */
#ifndef CELLA_NS_H
#define CELLA_NS_H

#include "config.h"

/* CLONE_NEW* flags for the namespaces to create with clone(2); the time
 * namespace is not among them (see ns_prepare_parent). */
unsigned long ns_clone_flags(const struct config *c);
/* Open the namespace files to join; fds[i] is -1 where nothing is joined. */
int ns_open_joins(const struct config *c, int fds[NS_COUNT]) __attribute__((warn_unused_result));
void ns_close_joins(int fds[NS_COUNT]);
/* In cella before clone: namespaces that take effect for children only
 * (joining a pid namespace, creating a time namespace). */
int ns_prepare_parent(const struct config *c, const int fds[NS_COUNT]) __attribute__((warn_unused_result));
/* In the child: join the other namespaces. */
int ns_join(const int fds[NS_COUNT]) __attribute__((warn_unused_result));
/* In the child, in a new net namespace: bring lo up. */
int ns_loopback_up(void) __attribute__((warn_unused_result));
int ns_set_hostname(const char *name) __attribute__((warn_unused_result));

#endif
