/* notify.c - sd_notify for the workload: READY=1 and STATUS= are recorded
 * in the state file, passed on to cella's own NOTIFY_SOCKET (MAINPID set to
 * the workload's host pid), and end the wait of `run -d`. */
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
#include "run.h"
#include "state.h"

int notify_open(struct notify *n, struct state *st)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int e;

	n->st = st;
	snprintf(n->dir, sizeof(n->dir), "%s/notify", st->dir);
	if (snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/notify.sock", n->dir) >= (int)sizeof(sun.sun_path)) {
		log_error("notify socket %s/notify.sock: path too long", n->dir);
		return -ENAMETOOLONG;
	}
	n->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (n->fd < 0 || (mkdir(n->dir, 0755) < 0 && errno != EEXIST) ||
	    (unlink(sun.sun_path) < 0 && errno != ENOENT) ||
	    bind(n->fd, (struct sockaddr *)&sun, sizeof(sun)) < 0 ||
	    /* Any user in the container may notify, as with systemd. */
	    chmod(sun.sun_path, 0666) < 0) {
		e = errno;
		log_error("notify socket %s: %s", sun.sun_path, strerror(e));
		notify_close(n);
		return -e;
	}
	st->ready = 0;
	return 0;
}

void notify_close(struct notify *n)
{
	char path[4300];

	if (n->fd >= 0)
		close(n->fd);
	n->fd = -1;
	if (!n->dir[0])
		return; /* never opened */
	snprintf(path, sizeof(path), "%s/notify.sock", n->dir);
	unlink(path);
	rmdir(n->dir);
	n->dir[0] = 0;
}

/* To cella's own NOTIFY_SOCKET, when it has one (a path, or @abstract). */
static void pass_on(const char *msg, size_t len)
{
	const char *to = getenv("NOTIFY_SOCKET");
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	socklen_t sl;
	int fd;

	if (!to || !*to || strlen(to) >= sizeof(sun.sun_path))
		return;
	strcpy(sun.sun_path, to);
	if (sun.sun_path[0] == '@')
		sun.sun_path[0] = 0;
	sl = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(to) + (to[0] != '@'));
	if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return;
	if (sendto(fd, msg, len, MSG_NOSIGNAL, (struct sockaddr *)&sun, sl) < 0)
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
	while ((len = recv(n->fd, buf, sizeof(buf) - 1, 0)) > 0) {
		bool ready;
		size_t o;
		buf[len] = 0;
		o = notify_parse(buf, n->workload, out, sizeof(out), &ready);
		if (ready) {
			if (n->st && n->st->ready != 1) {
				n->st->ready = 1;
				(void)state_write(n->st, n->st->status);
			}
			run_tell_ready(n->ready_fd, 0);
		}
		if (o)
			pass_on(out, o);
	}
}
