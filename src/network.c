/* SPDX-License-Identifier: GPL-2.0-only */
/* network.c - [network], done by cella's parent while the child waits for
 * GO: the veth pair is made with its peer directly in the child's network
 * namespace, a macvlan likewise, moved interfaces are sent there; the
 * addresses and routes inside go over a netlink socket that was opened in
 * that namespace. Every request is acknowledged before the next, so a
 * failure names its interface, and what was made is undone. */
#include "network.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/veth.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "netlink.h"
#include "sys.h"

/* Log a failure once, with what and which interface. */
static int fail(int r, const char *what, const char *name)
{
	log_error("network: %s %s: %s", what, name, strerror(-r));
	return r;
}

static void warn(int r, const char *what, const char *name)
{
	log_warn("network: %s %s: %s", what, name, strerror(-r));
}

static int talk(int fd, struct nlbuf *m, const char *what, const char *name)
{
	int r = nl_talk(fd, m, NULL);
	return r < 0 ? fail(r, what, name) : 0;
}

static int link_index(int fd, const char *name, const char *what)
{
	struct nllink l;
	int r = nl_link(fd, name, 0, &l);
	return r < 0 ? fail(r, what, name) : l.index;
}

/* An interface's NAME, the namespace NS (>= 0) it goes to, its MTU (when
 * not 0). */
static void link_attrs(struct nlbuf *m, const char *name, int ns, unsigned mtu)
{
	nl_str(m, IFLA_IFNAME, name);
	if (ns >= 0)
		nl_u32(m, IFLA_NET_NS_FD, ns);
	if (mtu)
		nl_u32(m, IFLA_MTU, mtu);
}

/* RTM_NEWLINK for interface INDEX (0: a new one), with link_attrs. FLAGS:
 * the message's (NLM_F_CREATE...) and IFF_UP to bring it up, else down
 * (IFF_UP is NLM_F_REQUEST's bit, which every request has anyway). */
_Static_assert(IFF_UP == NLM_F_REQUEST, "IFF_UP in the flags of the message");
static void link_msg(struct nlbuf *m, int flags, int index, const char *name, int ns, unsigned mtu)
{
	struct ifinfomsg *ifi = nl_new(m, RTM_NEWLINK, flags, sizeof(*ifi));
	ifi->ifi_index = index;
	ifi->ifi_flags = flags & IFF_UP;
	ifi->ifi_change = IFF_UP;
	link_attrs(m, name, ns, mtu);
}

/* IFLA_LINKINFO of KIND, then its IFLA_INFO_DATA: nests, which hold the
 * rest of the message. */
static void link_info(struct nlbuf *m, const char *kind)
{
	nl_put(m, IFLA_LINKINFO, NULL, 0);
	nl_str(m, IFLA_INFO_KIND, kind);
	nl_put(m, IFLA_INFO_DATA, NULL, 0);
}

static int add_addr(int fd, int index, const struct net_addr *a, const char *on)
{
	struct nlbuf m;
	struct ifaddrmsg *ifa = nl_new(&m, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, sizeof(*ifa));
	int len = a->family == AF_INET ? 4 : 16;

	ifa->ifa_family = a->family;
	ifa->ifa_prefixlen = a->prefix;
	/* Usable at once: no duplicate address detection for IPv6. */
	ifa->ifa_flags = IFA_F_NODAD;
	ifa->ifa_index = index;
	nl_put(&m, IFA_LOCAL, a->a, len);
	nl_put(&m, IFA_ADDRESS, a->a, len);
	return talk(fd, &m, "address on", on);
}

/* A socket of the container's namespace, made by a short-lived process
 * that shares cella's fd table (CLONE_FILES) and enters the namespace: cella
 * itself never leaves its own. The socket's number is its exit status. */
static int inside_socket(struct netrun *n)
{
	int st, fd;
	pid_t pid = sys_clone_fork(CLONE_FILES);

	if (pid == 0) {
		fd = setns(n->ns, CLONE_NEWNET) < 0 ? -errno : nl_open();
		if (fd < 0)
			fail(fd, "entering", "the container's namespace");
		_exit(fd < 0 || fd > 254 ? 255 : fd);
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0)
		return fail(-errno, "clone", "(the helper)");
	if (!WIFEXITED(st) || WEXITSTATUS(st) == 255)
		return -EIO;
	n->nl_in = WEXITSTATUS(st);
	return 0;
}

static int make_veth(const struct net_conf *nc, struct netrun *n)
{
	struct nlbuf m;
	struct nllink l;
	int br = 0, r, idx;

	if (nc->bridge[0] && (br = link_index(n->nl, nc->bridge, "bridge")) < 0)
		return br;
	/* HOSTIF must be free: then, should the answer to its creation be
	 * lost, the interface of that name is ours to delete. */
	if ((r = nl_link(n->nl, nc->veth[0], 0, &l)) != -ENODEV)
		return fail(r ? r : -EEXIST, "veth", nc->veth[0]);
	link_msg(&m, NLM_F_CREATE | NLM_F_EXCL | IFF_UP, 0, nc->veth[0], -1, nc->mtu);
	if (br)
		nl_u32(&m, IFLA_MASTER, br);
	link_info(&m, "veth");
	/* The peer: an ifinfomsg, then its attributes. */
	nl_put(&m, VETH_INFO_PEER, NULL, sizeof(struct ifinfomsg));
	link_attrs(&m, nc->veth[1], n->ns, nc->mtu);
	r = talk(n->nl, &m, "veth", nc->veth[0]);
	/* (Not after the kernel's refusal: HOSTIF may be someone else's.) */
	n->veth = r == 0 || m.lost;
	if (r < 0)
		return r;
	/* The peer comes up once it is made: not in the same request, where
	 * it has no peer of its own yet (ENOTCONN). */
	link_msg(&m, IFF_UP, 0, nc->veth[1], -1, 0);
	if ((r = talk(n->nl_in, &m, "veth", nc->veth[1])) < 0 || !nc->host_addr.family)
		return r;
	if ((idx = link_index(n->nl, nc->veth[0], "veth")) < 0)
		return idx;
	return add_addr(n->nl, idx, &nc->host_addr, nc->veth[0]);
}

static int make_macvlan(const struct net_conf *nc, struct netrun *n)
{
	struct nlbuf m;
	int parent = link_index(n->nl, nc->macvlan[0], "macvlan parent");

	if (parent < 0)
		return parent;
	link_msg(&m, NLM_F_CREATE | NLM_F_EXCL | IFF_UP, 0, nc->macvlan[1], n->ns, nc->mtu);
	nl_u32(&m, IFLA_LINK, parent);
	link_info(&m, "macvlan");
	nl_u32(&m, IFLA_MACVLAN_MODE, nc->macvlan_mode);
	return talk(n->nl, &m, "macvlan", nc->macvlan[1]);
}

/* The state directory's "net": INDEX UP INSIDENAME NAME a line, for
 * network_recover after a SIGKILL. Rewritten whole after each move. */
static int record_moves(const struct net_conf *nc, struct netrun *n)
{
	/* (a line: at most 10 + 1 + 1 + 1 + 15 + 1 + 15 + 1 bytes) */
	char *buf = malloc(48 * n->nmoved + 1);
	int len = 0, fd = -1, r = 0;

	for (int i = 0; buf && i < n->nmoved; i++)
		len += snprintf(buf + len, 48, "%d %d %s %s\n", n->moved[i].index, n->moved[i].up,
				nc->move[i][1], nc->move[i][0]);
	errno = ENOMEM;
	if (!buf || (fd = openat(n->dir_fd, "net", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644)) < 0 ||
	    write(fd, buf, len) != len)
		r = -errno;
	free(buf);
	if (fd >= 0 && close(fd) < 0 && !r)
		r = -errno;
	if (r < 0)
		log_error("network: state file net: %s", strerror(-r));
	return r;
}

static int move_in(const struct net_conf *nc, struct netrun *n, int i)
{
	struct nlbuf m;
	struct nllink l;
	int r = nl_link(n->nl, nc->move[i][0], 0, &l);

	if (r < 0)
		return fail(r, "move", nc->move[i][0]);
	link_msg(&m, IFF_UP, l.index, nc->move[i][1], n->ns, 0);
	r = talk(n->nl, &m, "move", nc->move[i][0]);
	/* Its index inside (the same unless taken there), for moving it out;
	 * 0 until known: looked up by its inside name then. */
	if (r == 0 || m.lost)
		n->moved[n->nmoved++] = (struct moved){ .up = l.flags & IFF_UP, .mtu = l.mtu };
	if (r < 0 || (r = link_index(n->nl_in, nc->move[i][1], "move")) < 0)
		return r;
	n->moved[n->nmoved - 1].index = r;
	return record_moves(nc, n);
}

int network_setup(const struct config *c, struct netrun *n, pid_t child, int dir_fd)
{
	const struct net_conf *nc = &c->net;
	const char *in;
	char path[32];
	int r, idx;

	if (!nc->any)
		return 0;
	*n = (struct netrun){ .on = true, .nl = -1, .nl_in = -1, .ns = -1, .dir_fd = dir_fd };
	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)child);
	if ((n->ns = open(path, O_RDONLY | O_CLOEXEC)) < 0 ||
	    (n->nl = nl_open()) < 0 ||
	    !(n->moved = calloc(nc->nmove + 1, sizeof(*n->moved)))) {
		r = -errno;
		log_error("network: %s", strerror(errno));
		goto fail;
	}
	if ((r = inside_socket(n)) < 0 ||
	    (nc->veth[0][0] && (r = make_veth(nc, n)) < 0) ||
	    (nc->macvlan[0][0] && (r = make_macvlan(nc, n)) < 0))
		goto fail;
	for (int i = 0; i < nc->nmove; i++)
		if ((r = move_in(nc, n, i)) < 0)
			goto fail;
	if (!nc->naddr && !nc->gw[0].family && !nc->gw[1].family)
		return 0;
	/* Addresses and routes go on the first interface inside. */
	in = nc->veth[1][0] ? nc->veth[1] : nc->macvlan[1][0] ? nc->macvlan[1] : nc->move[0][1];
	if ((r = idx = link_index(n->nl_in, in, "interface")) < 0)
		goto fail;
	for (int i = 0; i < nc->naddr; i++)
		if ((r = add_addr(n->nl_in, idx, &nc->addr[i], in)) < 0)
			goto fail;
	for (int i = 0; i < 2; i++) {
		struct nlbuf m;
		struct rtmsg *rt;
		if (!nc->gw[i].family)
			continue;
		rt = nl_new(&m, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, sizeof(*rt));
		rt->rtm_family = nc->gw[i].family;
		rt->rtm_table = RT_TABLE_MAIN;
		rt->rtm_protocol = RTPROT_BOOT;
		rt->rtm_type = RTN_UNICAST;
		nl_put(&m, RTA_GATEWAY, nc->gw[i].a, i ? 16 : 4);
		nl_u32(&m, RTA_OIF, idx);
		if ((r = talk(n->nl_in, &m, "gateway on", in)) < 0)
			goto fail;
	}
	return 0;
fail:
	network_teardown(c, n);
	return r;
}

void network_teardown(const struct config *c, struct netrun *n)
{
	const struct net_conf *nc = &c->net;
	struct nlbuf m;
	int r;

	if (!n->on)
		return;
	n->on = false;
	/* Moved ones go back under their own names, with the MTU they had
	 * (the workload may have changed it), up if they were. The
	 * record stays when one does not: a physical one comes back when
	 * the namespace dies, and the next list or run renames it. */
	bool back = true;
	for (int i = n->nmoved; i-- > 0;) {
		struct nllink l = { .index = n->moved[i].index };
		if (!l.index && nl_link(n->nl_in, nc->move[i][1], 0, &l) < 0)
			continue;
		link_msg(&m, n->moved[i].up, l.index, nc->move[i][0], -1, n->moved[i].mtu);
		/* (cella's own namespace: it never leaves it) */
		nl_u32(&m, IFLA_NET_NS_PID, getpid());
		if ((r = nl_talk(n->nl_in, &m, NULL)) < 0) {
			warn(r, "moving back to the host", nc->move[i][0]);
			back = false;
		}
	}
	if (n->nmoved && back)
		unlinkat(n->dir_fd, "net", 0);
	/* The peer would take the host end along when the namespace dies,
	 * but later (the kernel frees namespaces in the background). */
	if (n->veth) {
		nl_new(&m, RTM_DELLINK, 0, sizeof(struct ifinfomsg));
		nl_str(&m, IFLA_IFNAME, nc->veth[0]);
		if ((r = nl_talk(n->nl, &m, NULL)) < 0 && r != -ENODEV)
			warn(r, "deleting veth", nc->veth[0]);
	}
	free(n->moved);
	for (int *fd = &n->nl; fd <= &n->ns; fd++)
		if (*fd >= 0)
			close(*fd);
}

void network_recover(int dir_fd)
{
	char buf[4096], *p = buf, *e;
	int fd = openat(dir_fd, "net", O_RDONLY | O_CLOEXEC | O_NOFOLLOW), nl;
	ssize_t len;

	if (fd < 0)
		return;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	unlinkat(dir_fd, "net", 0);
	if (len <= 0 || (nl = nl_open()) < 0)
		return;
	buf[len] = 0;
	/* INDEX UP INSIDENAME NAME: renamed only if the kernel gave it back
	 * under the inside name, or as devINDEX when that name was taken. */
	while ((e = strchr(p, '\n'))) {
		struct nlbuf m;
		struct nllink l;
		char *f[4], *sv;
		int nf = 0;

		int r = -ENODEV;

		*e = 0;
		for (char *t = strtok_r(p, " ", &sv); t && nf < 4; t = strtok_r(NULL, " ", &sv))
			f[nf++] = t;
		/* The kernel frees a namespace in the background: a physical
		 * interface may take a moment to come back (1 s at most here;
		 * a virtual one never does). */
		for (int tries = 20; nf == 4 && r == -ENODEV && tries--;)
			if ((r = nl_link(nl, NULL, atoi(f[0]), &l)) == -ENODEV)
				nanosleep(&(struct timespec){ .tv_nsec = 50000000 }, NULL);
		if (r == 0 && strlen(f[3]) < 16 &&
		    (!strcmp(l.name, f[2]) || (!strncmp(l.name, "dev", 3) && !strcmp(l.name + 3, f[0])))) {
			link_msg(&m, f[1][0] == '1', l.index, f[3], -1, 0);
			if (nl_talk(nl, &m, NULL) == 0)
				log_info("network: %s is %s again", l.name, f[3]);
		}
		p = e + 1;
	}
	close(nl);
}
