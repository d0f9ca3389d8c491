/* SPDX-License-Identifier: GPL-2.0-only */
/* netlink.h - rtnetlink requests built by hand: one message in a buffer,
 * attributes appended, nests closed, sent with an ACK awaited. */
#ifndef CELLA_NETLINK_H
#define CELLA_NETLINK_H

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stddef.h>

struct nlbuf {
	struct nlmsghdr h;
	char data[1024 - sizeof(struct nlmsghdr)];
	int lost; /* set by nl_talk: the request went out but its answer did
	           * not come, so it may have been done */
} __attribute__((aligned(NLMSG_ALIGNTO)));

/* A link as RTM_GETLINK answers it. */
struct nllink {
	int index;
	unsigned flags, mtu;
	char name[16];
};

/* A NETLINK_ROUTE socket in the caller's network namespace, or -errno. */
int nl_open(void);
/* Start message TYPE (NLM_F_REQUEST | NLM_F_ACK | FLAGS) with a zeroed
 * fixed header of HDRLEN bytes, which is returned. */
void *nl_new(struct nlbuf *m, int type, int flags, size_t hdrlen);
/* Append an attribute (DATA NULL: LEN zero bytes); returns it (a nest,
 * closed by nl_end). */
struct rtattr *nl_put(struct nlbuf *m, int type, const void *data, size_t len);
void nl_end(struct nlbuf *m, struct rtattr *nest);
/* Send M and wait for its acknowledgement: 0 or the kernel's -errno. When
 * L is given, the RTM_NEWLINK answer before the ACK is parsed into it. */
int nl_talk(int fd, struct nlbuf *m, struct nllink *l);
/* Look a link up by NAME (when not NULL) or INDEX. */
int nl_link(int fd, const char *name, int index, struct nllink *l);

#endif
