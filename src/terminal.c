/* SPDX-License-Identifier: GPL-2.0-only */
/* terminal.c - the workload's pty: opened inside the container (its devpts
 * instance, so the host's ptys stay out of reach), relayed by cella. */
#include "terminal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "sync.h"

/* process.terminal: the container's /dev/console is the workload's pty,
 * bound over the empty file that the [mounts] dev left for it (a /dev that
 * is not cella's keeps what it has). Never the operator's terminal. */
static int bind_console(const char *pts)
{
	struct stat st;
	if (lstat("/dev/console", &st) < 0 || !S_ISREG(st.st_mode) || st.st_size != 0)
		return 0;
	if (mount(pts, "/dev/console", NULL, MS_BIND, NULL) < 0) {
		log_error("process.terminal: bind %s to /dev/console: %s", pts, strerror(errno));
		return -errno;
	}
	return 0;
}

/* The size of cella's terminal (stdin), when it has one, onto the pty:
 * the workload's side (before its exec) or the master (on SIGWINCH). */
static void copy_window_size(int pty)
{
	struct winsize ws;
	if (ioctl(0, TIOCGWINSZ, &ws) == 0)
		(void)ioctl(pty, TIOCSWINSZ, &ws);
}

int terminal_child(int sync_fd, uid_t owner, bool console)
{
	char name[64];
	const char *what = "/dev/ptmx";
	unsigned n;
	int zero = 0, m, sl = -1, r = 0;

	m = open(what, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (m < 0 || ioctl(m, TIOCSPTLCK, &zero) < 0 || ioctl(m, TIOCGPTN, &n) < 0)
		goto fail;
	snprintf(name, sizeof(name), "/dev/pts/%u", n);
	what = name;
	if (console && (r = bind_console(name)) < 0)
		goto out;
	if ((sl = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0 || fchown(sl, owner, (gid_t)-1) < 0)
		goto fail;
	/* The size of cella's terminal before the workload runs: the parent
	 * copies it only once it attaches, which a quick workload (stty size)
	 * could otherwise beat and see 0 x 0. */
	copy_window_size(sl);
	if (sync_send_fd(sync_fd, SYNC_PTY, m) == 0 &&
	    /* A session of its own, with the pty as controlling terminal. */
	    setsid() >= 0 && ioctl(sl, TIOCSCTTY, 0) >= 0 &&
	    dup2(sl, 0) >= 0 && dup2(sl, 1) >= 0 && dup2(sl, 2) >= 0)
		goto out;
fail:
	r = -errno;
	log_error("process.terminal: %s: %s%s", what, strerror(-r), what == name ? "" : " (a [mounts] dev provides it)");
out:
	if (m >= 0)
		close(m);
	if (sl > 2)
		close(sl);
	return r;
}

/* Write all of buf, or give up on an error (the other side is gone):
 * 0 or -errno. */
static int write_all(int fd, const char *buf, ssize_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? -errno : -EIO;
		buf += w;
		n -= w;
	}
	return 0;
}

/* The workload's output that cannot reach cella's stdout is lost: say so,
 * once. */
static void to_stdout(struct terminal *t, const char *buf, ssize_t n)
{
	int r = write_all(1, buf, n);
	if (r < 0 && !t->lost) {
		t->lost = true;
		log_warn("process.terminal: the workload's output is lost: write to stdout: %s", strerror(-r));
	}
}

static void from_stdin(struct supervisor *s, struct watch *w, short revents)
{
	struct terminal *t = w->data;
	char buf[4096];
	ssize_t n = read(0, buf, sizeof(buf));

	(void)s;
	(void)revents;
	if (n > 0) {
		(void)write_all(t->master, buf, n);
		return;
	}
	if (n < 0 && errno == EINTR)
		return;
	/* End of input: a ^D for the workload's line discipline, as a
	 * terminal would send (in raw mode stdin does not end). */
	if (!t->raw)
		(void)write_all(t->master, "\x04", 1);
	w->fd = -1;
}

static void from_master(struct supervisor *s, struct watch *w, short revents)
{
	char buf[4096];
	ssize_t n = read(w->fd, buf, sizeof(buf));

	(void)s;
	(void)revents;
	if (n > 0)
		to_stdout(w->data, buf, n);
	else if (!(n < 0 && errno == EINTR))
		w->fd = -1; /* EIO: every slave is closed */
}

/* SIGWINCH: the new size goes to the pty, whose foreground gets it as its
 * own SIGWINCH from the kernel. */
static bool on_signal(struct supervisor *s, int sig)
{
	struct terminal *t = s->signal_data;
	if (sig != SIGWINCH)
		return false;
	copy_window_size(t->master);
	return true;
}

void terminal_attach(struct terminal *t, int master, struct supervisor *s)
{
	struct termios raw;

	t->master = master;
	t->raw = false;
	t->lost = false;
	/* tcgetattr and tcsetattr(TCSANOW) are these ioctls (and TCGETS
	 * fails on anything but a terminal, as isatty would). */
	if (ioctl(0, TCGETS, &t->saved) == 0) {
		raw = t->saved;
		cfmakeraw(&raw);
		t->raw = ioctl(0, TCSETS, &raw) == 0;
		copy_window_size(master);
	}
	s->watches[s->nwatches++] = (struct watch){ .fd = 0, .fn = from_stdin, .data = t };
	s->watches[s->nwatches++] = (struct watch){ .fd = master, .fn = from_master, .data = t };
	s->on_signal = on_signal;
	s->signal_data = t;
}

void terminal_detach(struct terminal *t)
{
	char buf[4096];
	ssize_t n;

	if (t->master < 0)
		return;
	/* What the workload wrote just before it ended. */
	fcntl(t->master, F_SETFL, fcntl(t->master, F_GETFL) | O_NONBLOCK);
	while ((n = read(t->master, buf, sizeof(buf))) > 0)
		to_stdout(t, buf, n);
	if (t->raw)
		(void)ioctl(0, TCSETS, &t->saved);
	close(t->master);
	t->master = -1;
}
