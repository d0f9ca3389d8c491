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
	int nnest;
	struct rtattr *nest[3]; /* open nests, closed by nl_talk */
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
/* Append an attribute of LEN bytes of DATA; DATA NULL: a nest, its first
 * LEN bytes zeroed (a header of its own), that holds everything appended
 * after it (nl_talk closes it). */
void nl_put(struct nlbuf *m, int type, const void *data, size_t len);
void nl_str(struct nlbuf *m, int type, const char *s);
void nl_u32(struct nlbuf *m, int type, unsigned v);
/* Close M's nests, send it and wait for its acknowledgement: 0 or the
 * kernel's -errno. When L is given, the RTM_NEWLINK answer before the ACK
 * is parsed into it. */
int nl_talk(int fd, struct nlbuf *m, struct nllink *l);
/* Look a link up by NAME (when not NULL) or INDEX. */
int nl_link(int fd, const char *name, int index, struct nllink *l);

#endif
