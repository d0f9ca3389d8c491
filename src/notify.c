/* SPDX-License-Identifier: GPL-2.0-only */
/* notify.c - sd_notify for the workload: READY=1 and STATUS= are recorded
 * in the state file, passed on to cella's own NOTIFY_SOCKET (MAINPID set to
 * the workload's host pid), and end the wait of `run -d`.
 *
 * The socket is cella's, but it is bound inside the container, on a small
 * tmpfs of its own that is then made read-only: the container reaches the
 * socket and nothing of the host (no directory of /run to fill). */
#include "notify.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "log.h"
#include "mounts.h"
#include "ready.h"
#include "state.h"

int notify_open(struct notify *n, struct state *st)
{
	n->st = st;
	n->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (n->fd < 0) {
		int e = errno;
		log_error("notify socket: %s", strerror(e));
		return -e;
	}
	st->ready = 0;
	return 0;
}

int notify_bind_inside(int fd)
{
	/* A sockaddr_un as long as its path: bind takes the length. */
	static const struct { sa_family_t family; char path[sizeof(NOTIFY_SOCKET_INSIDE)]; } sun = {
		AF_UNIX, NOTIFY_SOCKET_INSIDE
	};
	const char *step = "bind";

	if (bind(fd, (const struct sockaddr *)&sun, sizeof(sun)) == 0) {
		step = "chmod";
		/* Any user in the container may notify, as with systemd. */
		if (chmod(NOTIFY_SOCKET_INSIDE, 0666) == 0) {
			step = "remount read-only";
			if (mounts_remount_readonly(NOTIFY_DIR_INSIDE) == 0)
				return 0;
		}
	}
	int e = errno;
	log_error("supervisor.notify: %s %s: %s", step, NOTIFY_SOCKET_INSIDE, strerror(e));
	return -e;
}

void notify_close(struct notify *n)
{
	if (n->fd >= 0)
		close(n->fd);
	n->fd = -1;
}

/* To cella's own NOTIFY_SOCKET, when it has one (a path, or @abstract). */
static void pass_on(const char *msg, size_t len)
{
	const char *to = getenv("NOTIFY_SOCKET");
	struct sockaddr_un sun;
	size_t k;
	int fd;

	if (!to || !*to || (k = strlen(to)) >= sizeof(sun.sun_path))
		return;
	/* The path and its NUL, or an abstract name (@: a NUL) without one. */
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, to, k + 1);
	if (to[0] == '@')
		sun.sun_path[0] = 0, k--;
	if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return;
	if (sendto(fd, msg, len, MSG_NOSIGNAL, (struct sockaddr *)&sun,
		   (socklen_t)(offsetof(struct sockaddr_un, sun_path) + k + 1)) < 0)
		log_warn("NOTIFY_SOCKET %s: %s", to, strerror(errno));
	close(fd);
}

size_t notify_parse(char *buf, pid_t workload, char *out, size_t outlen, bool *ready)
{
	size_t o = 0;
	char *save = NULL;

	*ready = false;
	if (outlen == 0)
		return 0;
	out[0] = 0;
	for (char *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		int n = 0;
		if (!strcmp(l, "READY=1")) {
			*ready = true;
			n = snprintf(out + o, outlen - o, "READY=1\nMAINPID=%d\n", (int)workload);
		} else if (!strncmp(l, "STATUS=", 7)) {
			n = snprintf(out + o, outlen - o, "%s\n", l);
		}
		/* A line cut short is left out whole. */
		if (n < 0 || (size_t)n >= outlen - o) {
			out[o] = 0;
			break;
		}
		o += n;
	}
	return o;
}

void notify_watch(struct supervisor *s, struct watch *w, short revents)
{
	struct notify *n = w->data;
	char buf[4096], out[4200];
	ssize_t len;

	(void)s;
	(void)revents;
	/* A bounded number of messages a wake-up: a workload that floods the
	 * socket must not keep the supervisor from its signals and children.
	 * What is left wakes the poll again at once. */
	for (int i = 0; i < 16 && (len = read(n->fd, buf, sizeof(buf) - 1)) > 0; i++) {
		bool ready;
		size_t o;
		buf[len] = 0;
		o = notify_parse(buf, n->workload, out, sizeof(out), &ready);
		if (ready) {
			if (n->st && n->st->ready != 1) {
				n->st->ready = 1;
				(void)state_write(n->st, n->st->status);
			}
			ready_tell(n->ready_fd, 0);
		}
		if (o)
			pass_on(out, o);
	}
}
