/* SPDX-License-Identifier: GPL-2.0-only */
/* netlink.c - the rtnetlink messages cella needs, built by hand (no libmnl,
 * no iproute2): requests one at a time, each acknowledged before the next. */
#include "netlink.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int nl_open(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	return fd < 0 ? -errno : fd;
}

void *nl_new(struct nlbuf *m, int type, int flags, size_t hdrlen)
{
	memset(m, 0, NLMSG_SPACE(hdrlen));
	m->h.nlmsg_len = NLMSG_LENGTH(hdrlen);
	m->h.nlmsg_type = type;
	m->h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	m->nnest = 0;
	return NLMSG_DATA(&m->h);
}

/* (Messages are small and fixed by cella, never by input: the buffer is
 * big enough for the largest, a veth with its peer.) */
void nl_put(struct nlbuf *m, int type, const void *data, size_t len)
{
	struct rtattr *a = (struct rtattr *)((char *)m + NLMSG_ALIGN(m->h.nlmsg_len));
	a->rta_type = type;
	a->rta_len = RTA_LENGTH(len);
	if (data)
		memcpy(RTA_DATA(a), data, len);
	else /* (at most 3: a veth's info, data and peer) */
		memset(RTA_DATA(a), 0, len), m->nest[m->nnest++] = a;
	m->h.nlmsg_len = NLMSG_ALIGN(m->h.nlmsg_len) + RTA_ALIGN(a->rta_len);
}

void nl_str(struct nlbuf *m, int type, const char *s) { nl_put(m, type, s, strlen(s) + 1); }
void nl_u32(struct nlbuf *m, int type, unsigned v) { nl_put(m, type, &v, 4); }

int nl_talk(int fd, struct nlbuf *m, struct nllink *l)
{
	static unsigned seq;
	char buf[8192] __attribute__((aligned(NLMSG_ALIGNTO)));
	ssize_t n;

	for (int i = 0; i < m->nnest; i++)
		m->nest[i]->rta_len = (char *)m + m->h.nlmsg_len - (char *)m->nest[i];
	m->h.nlmsg_seq = ++seq;
	m->lost = 0;
	if (send(fd, m, m->h.nlmsg_len, 0) < 0)
		return -errno;
	m->lost = 1;
	for (;;) {
		struct sockaddr_nl from;
		socklen_t flen = sizeof(from);
		if ((n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen)) < 0)
			return -errno;
		/* Only the kernel's answers: a process with CAP_NET_ADMIN in
		 * the container's namespace can send to this socket too. */
		if (from.nl_pid != 0)
			continue;
		for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != m->h.nlmsg_seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR) {
				m->lost = 0;
				return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
			}
			if (h->nlmsg_type == RTM_NEWLINK && l) {
				struct ifinfomsg *ifi = NLMSG_DATA(h);
				int len = IFLA_PAYLOAD(h);
				l->index = ifi->ifi_index;
				l->flags = ifi->ifi_flags;
				for (struct rtattr *a = IFLA_RTA(ifi); RTA_OK(a, len); a = RTA_NEXT(a, len))
					if (a->rta_type == IFLA_IFNAME && RTA_PAYLOAD(a) <= sizeof(l->name))
						memcpy(l->name, RTA_DATA(a), RTA_PAYLOAD(a));
					else if (a->rta_type == IFLA_MTU && RTA_PAYLOAD(a) == 4)
						memcpy(&l->mtu, RTA_DATA(a), 4);
			}
		}
	}
}

int nl_link(int fd, const char *name, int index, struct nllink *l)
{
	struct nlbuf m;
	struct ifinfomsg *ifi = nl_new(&m, RTM_GETLINK, 0, sizeof(*ifi));

	memset(l, 0, sizeof(*l));
	ifi->ifi_index = index;
	if (name)
		nl_str(&m, IFLA_IFNAME, name);
	return nl_talk(fd, &m, l);
}
