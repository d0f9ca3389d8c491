/* SPDX-License-Identifier: GPL-2.0-only */
/* sync.c - messages between cella and its child before the workload runs. */
#include "sync.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"

int sync_pair(int fds[2])
{
	int on = 1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) < 0)
		return -errno;
	/* The kernel then attaches each sender's credentials, with its pid
	 * translated into our pid namespace: that is how the parent learns the
	 * host pid of a workload started by the init inside. */
	if (setsockopt(fds[0], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)) < 0) {
		int e = errno;
		close(fds[0]);
		close(fds[1]);
		return -e;
	}
	return 0;
}

/* One message, with TEXT (cut to fit) and, when PASS >= 0, that fd. A
 * message without one goes by send (sendto(2)): the GO of cella to its
 * child is the first sendto that tests/integration/hardening.sh and
 * network.sh make fail or find by strace. */
static int send_msg(int fd, int type, int code, const char *text, int pass)
{
	struct sync_msg m = { .type = type, .code = code };
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u = { 0 };
	struct iovec iov = { .iov_base = &m, .iov_len = sizeof(m) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };

	if (text)
		snprintf(m.text, sizeof(m.text), "%s", text);
	if (pass >= 0) {
		struct cmsghdr *c = (struct cmsghdr *)u.buf;
		mh.msg_control = u.buf;
		mh.msg_controllen = sizeof(u.buf);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &pass, sizeof(int));
	}
	for (;;) {
		ssize_t n = pass < 0 ? send(fd, &m, sizeof(m), MSG_NOSIGNAL) : sendmsg(fd, &mh, MSG_NOSIGNAL);
		if (n == (ssize_t)sizeof(m))
			return 0;
		if (n < 0 && errno == EINTR)
			continue;
		return n < 0 ? -errno : -EIO;
	}
}

int sync_send(int fd, int type, int code, const char *text)
{
	return send_msg(fd, type, code, text, -1);
}

int sync_send_fd(int fd, int type, int pass)
{
	return send_msg(fd, type, 0, NULL, pass);
}

int sync_recv(int fd, struct sync_msg *m, pid_t *pid)
{
	union {
		char buf[CMSG_SPACE(sizeof(struct ucred)) + CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov = { .iov_base = m, .iov_len = sizeof(*m) };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = u.buf, .msg_controllen = sizeof(u.buf),
	};
	ssize_t n;

	do
		n = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if (n == 0)
		return 0;
	if (n != (ssize_t)sizeof(*m))
		return -EPROTO;
	m->text[sizeof(m->text) - 1] = 0;
	m->fd = -1;
	/* (CMSG_DATA is aligned for a long: the ucred and the int are read
	 * in place.) */
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level != SOL_SOCKET)
			continue;
		if (c->cmsg_type == SCM_CREDENTIALS && pid)
			*pid = ((struct ucred *)CMSG_DATA(c))->pid;
		else if (c->cmsg_type == SCM_RIGHTS)
			m->fd = *(int *)CMSG_DATA(c);
	}
	return 1;
}

int sync_wait_exec(int fd, pid_t *pid, int *pty)
{
	struct sync_msg m;
	bool hello = false;
	int r;

	while ((r = sync_recv(fd, &m, pid)) == 1) {
		if (m.type == SYNC_HELLO) {
			hello = true;
		} else if (m.type == SYNC_PTY) {
			*pty = m.fd;
		} else if (m.type == SYNC_ERROR) {
			log_error("%s", m.text);
			return m.code;
		}
	}
	if (r == 0 && hello)
		return 0;
	if (r < 0 && hello) {
		/* It said HELLO and went on to exec: whatever the exec did, its
		 * status will come from the supervisor (a failed exec exits
		 * 126 or 127 there). */
		log_warn("sync socket: receive after the workload's start: %s", strerror(-r));
		return 0;
	}
	if (r < 0)
		log_error("sync socket: receive: %s", strerror(-r));
	else
		log_error("container setup failed: the container's process ended before it reported (killed?)");
	return 125;
}
