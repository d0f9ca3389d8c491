/* SPDX-License-Identifier: GPL-2.0-only */
/* ns.c - creating and joining namespaces; loopback up without iproute2. */
#include "ns.h"

#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "sys.h"

static const int ns_flag[NS_COUNT] = {
	[NS_PID] = CLONE_NEWPID, [NS_MOUNT] = CLONE_NEWNS, [NS_UTS] = CLONE_NEWUTS,
	[NS_IPC] = CLONE_NEWIPC, [NS_NET] = CLONE_NEWNET, [NS_CGROUP] = CLONE_NEWCGROUP,
	[NS_USER] = CLONE_NEWUSER, [NS_TIME] = CLONE_NEWTIME,
};

unsigned long ns_clone_flags(const struct config *c)
{
	unsigned long f = 0;
	for (int i = 0; i < NS_COUNT; i++)
		if (c->ns[i].enabled && i != NS_TIME)
			f |= ns_flag[i];
	/* "when the kernel has it": an old kernel without cgroup namespaces
	 * has no /proc/self/ns/cgroup, and then cella does without. */
	if ((f & CLONE_NEWCGROUP) && access("/proc/self/ns/cgroup", F_OK) < 0 && errno == ENOENT)
		f &= ~(unsigned long)CLONE_NEWCGROUP;
	return f;
}

/* -errno, logged as "WHAT ARG: reason". */
static int fail(const char *what, const char *arg)
{
	int e = errno;
	log_error("%s%s: %s", what, arg, strerror(e));
	return -e;
}

int ns_open_joins(const struct config *c, int fds[NS_COUNT])
{
	for (int i = 0; i < NS_COUNT; i++)
		fds[i] = -1;
	for (int i = 0; i < NS_COUNT; i++) {
		if (!c->ns[i].join)
			continue;
		fds[i] = open(c->ns[i].join, O_RDONLY | O_CLOEXEC);
		if (fds[i] < 0) {
			int e = errno;
			log_error("namespaces.%s: open %s: %s", ns_names[i], c->ns[i].join, strerror(e));
			ns_close_joins(fds);
			return -e;
		}
	}
	return 0;
}

void ns_close_joins(int fds[NS_COUNT])
{
	for (int i = 0; i < NS_COUNT; i++)
		if (fds[i] >= 0) {
			close(fds[i]);
			fds[i] = -1;
		}
}

static int join_one(const int fds[NS_COUNT], int i)
{
	if (fds[i] < 0)
		return 0;
	if (setns(fds[i], ns_flag[i]) < 0) {
		int e = errno;
		log_error("join %s namespace: %s%s", ns_names[i], strerror(e),
			  e == EINVAL ? " (not a namespace of that kind)" : "");
		return -e;
	}
	return 0;
}

int ns_prepare_parent(const struct config *c, const int fds[NS_COUNT])
{
	int r = join_one(fds, NS_PID);
	if (r < 0)
		return r;
	return c->ns[NS_TIME].enabled && unshare(CLONE_NEWTIME) < 0 ? fail("time namespace", "") : 0;
}

int ns_join(const int fds[NS_COUNT])
{
	static const int order[] = { NS_NET, NS_UTS, NS_IPC };
	for (unsigned i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		int r = join_one(fds, order[i]);
		if (r < 0)
			return r;
	}
	return 0;
}

int ns_loopback_up(void)
{
	struct ifreq ifr = { .ifr_name = "lo" };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int r = 0;

	if (fd < 0 || ioctl(fd, SIOCGIFFLAGS, &ifr) < 0 ||
	    (!(ifr.ifr_flags & IFF_UP) && (ifr.ifr_flags |= IFF_UP, ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)))
		r = fail("bring up loopback", "");
	if (fd >= 0)
		close(fd);
	return r;
}

int ns_set_hostname(const char *name)
{
	return sethostname(name, strlen(name)) < 0 ? fail("sethostname ", name) : 0;
}
