/* SPDX-License-Identifier: GPL-2.0-only */
/* state.c - per-container directory, lock and state file under /run/cella. */
#include "state.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cgroup.h"
#include "fileio.h"
#include "log.h"
#include "network.h"
#include "procstat.h"
#include "value.h"

const char *state_base(void)
{
	const char *d = getenv("CELLA_STATE_DIR");
	return d && *d ? d : "/run/cella";
}

/* mkdir -p of PATH, changed while it runs (the base directory: its parent
 * /run normally exists): 0 when the last directory was made, -EEXIST when
 * it was there, or -errno. */
static int mkdir_p(char *path)
{
	for (char *p = path + 1;; p++) {
		if (*p == '/' || !*p) {
			char c = *p;
			int r;
			*p = 0;
			r = mkdir(path, 0755) < 0 ? -errno : 0;
			*p = c;
			if (!c || (r && r != -EEXIST))
				return r;
		}
	}
}

/* Undo a failed state_acquire: remove the directory when this run made it.
 * Another cella may have entered it in the meantime and be the one that
 * holds, or is about to take, its lock: the lock file goes only while we
 * hold its lock ourselves (the other one then sees that its file is no
 * longer at the path and starts over), and rmdir leaves a directory that
 * is not empty. A directory that was there before is never touched. */
static void undo_acquire(const char *dir, int dir_fd, bool created)
{
	int fd;

	if (!created)
		return;
	if (dir_fd >= 0 && (fd = openat(dir_fd, "lock", O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) >= 0) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			unlinkat(dir_fd, "lock", 0);
		close(fd);
	}
	rmdir(dir);
}

/* Absolute, so that list and exec find it from anywhere: the working
 * directory in front of a relative path. Not realpath(), whose walk of
 * the symbolic links is 1.4 KB of the binary and a readlink a part. */
static const char *absolute(const char *path)
{
	char cwd[PATH_MAX], *p;

	while (path[0] == '.' && path[1] == '/')
		path += 2;
	if (path[0] == '/' || !getcwd(cwd, sizeof(cwd)) || asprintf(&p, "%s/%s", cwd, path) < 0)
		return path;
	return p;
}

static int acquire(struct state *s);

int state_acquire(struct state *s, const char *name, const char *config)
{
	int r;

	s->lock_fd = s->dir_fd = -1;
	s->name = name;
	s->config = absolute(config);
	s->exit_status = -1;
	s->ready = -1;
	if (asprintf(&s->dir, "%s/%s", state_base(), name) < 0)
		return -ENOMEM;
	r = strlen(s->dir) >= PATH_MAX ? -ENAMETOOLONG : acquire(s);
	if (r < 0) {
		free(s->dir);
		s->dir = NULL;
	}
	return r;
}

static int acquire(struct state *s)
{
	bool created = false;
	int r;

	/* The directory may vanish between open and flock when the previous
	 * owner cleans up; a lock on an unlinked file protects nothing, so
	 * check that the locked file is still the one at the path. */
	for (int tries = 0; tries < 100; tries++) {
		struct stat a, b;

		r = mkdir(s->dir, 0755) < 0 ? -errno : 0;
		/* The base directory only on the first run after boot. */
		if (r == -ENOENT)
			r = mkdir_p(s->dir);
		/* Only what this run made is removed on a failure below. */
		created = r == 0;
		if (r < 0 && r != -EEXIST)
			goto fail_dir;
		s->dir_fd = open(s->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
		if (s->dir_fd < 0) {
			if (errno == ENOENT)
				continue;
			r = -errno;
			goto fail_dir;
		}
		s->lock_fd = openat(s->dir_fd, "lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
		if (s->lock_fd < 0 || flock(s->lock_fd, LOCK_EX | LOCK_NB) < 0) {
			r = -errno;
			if (s->lock_fd >= 0)
				close(s->lock_fd);
			s->lock_fd = -1;
			if (r == -ENOENT) {
				close(s->dir_fd);
				s->dir_fd = -1;
				continue;
			}
			if (r == -EWOULDBLOCK) {
				/* (Another cella holds it: nothing to undo.) */
				log_error("already running (lock %s/lock is held)", s->dir);
				r = -EBUSY;
			} else {
				log_error("lock %s/lock: %s", s->dir, strerror(-r));
				undo_acquire(s->dir, s->dir_fd, created);
			}
			close(s->dir_fd);
			s->dir_fd = -1;
			return r;
		}
		/* (A removed directory has no lock file either.) */
		if (fstat(s->lock_fd, &a) == 0 && fstatat(s->dir_fd, "lock", &b, AT_SYMLINK_NOFOLLOW) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
			/* A dead cella's directory: its cgroup goes first (what
			 * is left in it is killed), what it moved comes back. */
			if (!created) {
				cgroup_reap_stale(s->dir_fd);
				network_recover(s->dir_fd);
			}
			return 0;
		}
		close(s->lock_fd);
		close(s->dir_fd);
		s->lock_fd = s->dir_fd = -1;
	}
	log_error("lock %s/lock: keeps disappearing", s->dir);
	return -EAGAIN;
fail_dir:
	log_error("state directory %s: %s", s->dir, strerror(-r));
	undo_acquire(s->dir, -1, created);
	return r;
}

void state_set_pid(struct state *s, pid_t pid)
{
	struct procstat ps;

	s->pid = pid;
	/* The workload has exec'd and cella has not reaped it yet, so it is
	 * there (with init=yes cella's init may have reaped it already: then
	 * it has ended, and 0 says that nothing is to be signalled). */
	s->pid_start = pid > 0 && procstat_read(pid, &ps) == 0 ? ps.starttime : 0;
}

/* STATE_DIR/NAME/FILE with MODE, holding LEN bytes of BUF: 0, or -errno
 * logged. */
static int write_at(struct state *s, const char *file, const void *buf, size_t len, mode_t mode)
{
	int r = write_file_at(s->dir_fd, file, buf, len, O_CREAT | O_TRUNC | O_NOFOLLOW, mode);

	if (r < 0)
		log_error("state %s/%s: %s", s->dir, file, strerror(-r));
	return r;
}

int state_write(struct state *s, const char *status)
{
	if (!s)
		return 0;
	char buf[1024];
	int n, r, es = s->exit_status, start = s->pid > 0 && s->pid_start > 0;

	s->status = status;
	/* (A precision of 0 prints 0 as nothing: an empty value while the exit
	 * status or the start time is unknown.) */
	n = snprintf(buf, sizeof(buf),
		     "name=%s\nstate=%s\npid=%d\nmonitor_pid=%d\nconfig=%.512s\nstarted=%lld\nrestarts=%d\n"
		     "exit_status=%.*d\npid_start=%.*llu\n",
		     s->name, status, (int)s->pid, (int)s->monitor_pid, s->config, (long long)s->started, s->restarts,
		     es >= 0, es >= 0 ? es : 0, start, start ? s->pid_start : 0ULL);
	if (s->ready >= 0)
		n += snprintf(buf + n, sizeof(buf) - n, "ready=%d\n", s->ready);
	if (s->seccomp)
		n += snprintf(buf + n, sizeof(buf) - n, "seccomp=%s\n", s->seccomp);
	if (s->cgroup)
		n += snprintf(buf + n, sizeof(buf) - n, "cgroup=%.400s\n", s->cgroup);
	/* Write a temporary file and rename it, so a reader never sees half. */
	r = write_at(s, ".state.tmp", buf, n, 0644);
	if (!r && renameat(s->dir_fd, ".state.tmp", s->dir_fd, "state") < 0) {
		r = -errno;
		log_error("state %s/state: %s", s->dir, strerror(-r));
	}
	if (r < 0)
		unlinkat(s->dir_fd, ".state.tmp", 0);
	return r;
}

int state_write_env(struct state *s, char *const *env)
{
	size_t n = 0, len = 0;
	char *buf;
	int r;

	for (char *const *e = env; *e; e++)
		n += strlen(*e) + 1;
	if (!(buf = malloc(n + 1)))
		return -ENOMEM;
	for (char *const *e = env; *e; e++) {
		size_t l = strlen(*e) + 1;
		memcpy(buf + len, *e, l);
		len += l;
	}
	/* 0600: an environment may hold secrets. */
	r = write_at(s, "env", buf, len, 0600);
	free(buf);
	return r;
}

int state_write_file(struct state *s, const char *file, const void *buf, size_t len)
{
	return write_at(s, file, buf, len, 0600);
}

/* Remove the files and the directory of a container whose lock we hold.
 * The lock goes while still held: a waiting cella then sees that its
 * locked file is no longer at the path and starts over. */
static void remove_files(int dir_fd, const char *dir)
{
	unlinkat(dir_fd, "state", 0);
	unlinkat(dir_fd, "env", 0);
	unlinkat(dir_fd, "seccomp", 0);
	unlinkat(dir_fd, ".state.tmp", 0);
	unlinkat(dir_fd, "lock", 0);
	rmdir(dir);
}

void state_release(struct state *s)
{
	if (s->lock_fd >= 0) {
		remove_files(s->dir_fd, s->dir);
		close(s->dir_fd);
		close(s->lock_fd);
		s->lock_fd = s->dir_fd = -1;
	}
	free(s->dir);
	s->dir = NULL;
}

int state_probe(const char *name)
{
	char dir[4096];
	int dir_fd, lock_fd, r;

	if (snprintf(dir, sizeof(dir), "%s/%s", state_base(), name) >= (int)sizeof(dir))
		return -ENAMETOOLONG;
	dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
	if (dir_fd < 0)
		return -ENOENT;
	lock_fd = openat(dir_fd, "lock", O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (lock_fd < 0) {
		/* No lock file: a run between mkdir and open, or debris. */
		r = errno == ENOENT ? 0 : -errno;
		close(dir_fd);
		return r;
	}
	if (flock(lock_fd, LOCK_EX | LOCK_NB) < 0) {
		r = errno == EWOULDBLOCK ? 1 : -errno;
	} else {
		cgroup_reap_stale(dir_fd); /* a dead cella's leftovers */
		network_recover(dir_fd);
		remove_files(dir_fd, dir);
		r = 0;
	}
	close(lock_fd);
	close(dir_fd);
	return r;
}

char *state_read(const char *name)
{
	char path[4200];
	snprintf(path, sizeof(path), "%s/%s/state", state_base(), name);
	return read_file(path, 65536, NULL);
}

const char *state_value(const char *text, const char *key, char *buf, size_t len)
{
	return text_value(text, key, '=', buf, len);
}

char *state_read_running(const char *name)
{
	char *text;

	if (!valid_name(name)) {
		log_plain("'%s' is not a container name", name);
		return NULL;
	}
	if (state_probe(name) <= 0 || !(text = state_read(name))) {
		log_plain("%s: no such container", name);
		return NULL;
	}
	return text;
}

pid_t state_pid(const char *text, const char *key)
{
	char buf[32];
	long n;
	if (parse_long(state_value(text, key, buf, sizeof(buf)), 1, 0x7fffffff, &n) < 0)
		return 0;
	return (pid_t)n;
}

int state_is_workload(pid_t pid, unsigned long long start)
{
	struct procstat ps;
	int r = procstat_read(pid, &ps);

	if (r == -ENOENT)
		return -ESRCH;
	if (r < 0)
		return r;
	/* No pid_start (a start that ended before cella could read it): no
	 * way to tell, so it is not taken for the workload. */
	return start && ps.starttime == start ? 0 : -ESTALE;
}

unsigned long long state_pid_start(const char *text)
{
	char buf[32], *end;
	unsigned long long v;

	state_value(text, "pid_start", buf, sizeof(buf));
	if (buf[0] < '0' || buf[0] > '9')
		return 0;
	errno = 0;
	v = strtoull(buf, &end, 10);
	return *end || errno ? 0 : v;
}
