/* SPDX-License-Identifier: GPL-2.0-only */
/* lifecycle.c - cella list, state, kill and stop. Each reads the state
 * directory; a container is running while its supervising cella holds the
 * lock, whatever its files say. */
#include "lifecycle.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "state.h"
#include "supervisor.h"
#include "sys.h"
#include "value.h"

#define EXIT_USAGE 2
#define EXIT_FAILED 1

/* The commands, with the arguments each takes (for the one line of a
 * usage error) and their number at most; the least is 1 but for list. */
static const char commands[][6] = { "list", "state", "kill", "stop" };
static const char synopsis[][21] = { "at most -q", "NAME", "NAME [SIGNAL]", "NAME [--timeout DUR]" };
static const unsigned char max_args[] = { 1, 1, 2, 3 };

static int command_index(const char *cmd)
{
	int i = 4;
	while (--i >= 0 && strcmp(cmd, commands[i]))
		;
	return i;
}

/* 59s, 59m59s, 23h59m, 1d00h: the two largest units. */
static void format_uptime(time_t secs, char *buf, size_t len)
{
	static const unsigned span[] = { 1, 60, 3600, 86400 };
	int i = 3;
	long long s = secs;

	while (i > 0 && s < span[i])
		i--;
	if (!i)
		snprintf(buf, len, "%llds", s);
	else
		snprintf(buf, len, "%lld%c%02lld%c", s / span[i], "smhd"[i], s % span[i] / span[i - 1], "smhd"[i - 1]);
}

static int cmd_list(bool quiet)
{
	static const char row[] = "%-20s %-9s %-8s %-8s %s\n";
	struct dirent *e;
	DIR *d;

	if (!quiet)
		printf(row, "NAME", "STATE", "PID", "UPTIME", "CONFIG");
	if (!(d = opendir(state_base())))
		return 0; /* nothing has run yet */
	while ((e = readdir(d))) {
		char st[16], pid[16], started[32], config[4096], up[32];
		const char *s = "stopped", *p = "-", *u = "-";
		char *text;
		long long t0;
		int alive;

		if (e->d_name[0] == '.' || !valid_name(e->d_name))
			continue;
		/* Read first: a dead cella's files go when the probe finds its
		 * lock free, and it is shown once more, as stopped. */
		text = state_read(e->d_name);
		alive = state_probe(e->d_name);
		if (!text || alive < 0 || (quiet && !alive)) {
			/* gone, or between lock and first write */
		} else if (quiet) {
			printf("%s\n", e->d_name);
		} else {
			if (alive) {
				t0 = atoll(state_value(text, "started", started, sizeof(started)));
				format_uptime(t0 > 0 ? time(NULL) - t0 : 0, up, sizeof(up));
				s = state_value(text, "state", st, sizeof(st));
				p = state_value(text, "pid", pid, sizeof(pid));
				u = up;
			}
			printf(row, e->d_name, s, p, u, state_value(text, "config", config, sizeof(config)));
		}
		free(text);
	}
	closedir(d);
	return 0;
}

/* Send SIG to the workload that the state text names by its pid and start
 * time, and to no other process: 0; -ESRCH when there is no process of that
 * pid (or no pid yet); -ESTALE when the pid is another process's now (the
 * workload has ended and its pid was reused, or the state lies); or -errno.
 * With a pidfd (Linux 5.3+) the check and the signal concern one process,
 * so that the pid cannot be reused in between; on an older kernel (or where
 * a seccomp filter refuses pidfd_open) only a reuse in the instant between
 * check and kill(2) could escape the check. A failure is logged as one line,
 * "CMD NAME: ...", unless it is -ESRCH and QUIET_ESRCH. */
static int signal_workload(const char *cmd, const char *name, const char *text, int sig, bool quiet_esrch)
{
	pid_t pid = state_pid(text, "pid");
	int fd = -1, r = -ESRCH;

	if (pid > 0) {
		fd = sys_pidfd_open(pid);
		r = fd >= 0 || errno == ENOSYS || errno == EPERM ? state_is_workload(pid, state_pid_start(text))
		    /* (EINVAL: a thread of some process, never the workload.) */
		    : errno == EINVAL ? -ESTALE : -errno;
	}
	if (r == 0 && (fd >= 0 ? sys_pidfd_send_signal(fd, sig) : kill(pid, sig)) < 0)
		r = -errno;
	if (fd >= 0)
		close(fd);
	if (r == 0 || (r == -ESRCH && quiet_esrch))
		;
	else if (pid <= 0 || r == -ESRCH)
		log_plain("%s %s: the workload is %s", cmd, name, pid <= 0 ? "not running yet" : "no longer running");
	else if (r == -ESTALE)
		log_plain("%s %s: the workload is no longer running (pid %d is another process now)", cmd, name, (int)pid);
	else
		log_plain("%s %s: pid %d: %s", cmd, name, (int)pid, strerror(-r));
	return r;
}

/* Wait until no cella holds NAME's lock; false after ms milliseconds. */
static bool wait_stopped(const char *name, long long ms)
{
	for (long long end = now_ms() + ms; now_ms() < end; ) {
		if (state_probe(name) <= 0)
			return true;
		nanosleep(&(struct timespec){ .tv_nsec = 20000000 }, NULL);
	}
	return state_probe(name) <= 0;
}

static int cmd_stop(const char *name, const char *text, long long timeout)
{
	pid_t monitor = state_pid(text, "monitor_pid");
	bool failed = false;
	int r;

	/* The supervising cella knows the stop-signal and stop-timeout: a TERM
	 * asks it to use them (and ends any restarts). */
	if (monitor <= 0 || kill(monitor, SIGTERM) < 0) {
		log_plain("stop %s: %s", name, monitor <= 0 ? "no supervisor pid" : strerror(errno));
		return EXIT_FAILED;
	}
	/* KILL after --timeout, to the workload only: a workload that has
	 * just ended (-ESRCH) is what we wait for anyway; a pid that is
	 * another process's now is reported, and the supervisor, which knows
	 * its workload, still finishes the stop. */
	if (timeout >= 0 && !wait_stopped(name, timeout) && (r = signal_workload("stop", name, text, SIGKILL, true)) < 0 &&
	    r != -ESRCH)
		failed = true;
	/* The supervisor escalates to KILL itself after stop-timeout; this
	 * bound only keeps a wedged one from holding us forever. */
	if (!wait_stopped(name, 24 * 3600 * 1000LL)) {
		if (!failed)
			log_plain("stop %s: still running", name);
		return EXIT_FAILED;
	}
	return failed ? EXIT_FAILED : 0;
}

int lifecycle_main(const char *cmd, int argc, char **argv)
{
	int i = command_index(cmd), sig = SIGTERM, r;
	long long timeout = -1;
	char *text;

	if (i < 0)
		return -1;
	if (argc < (i > 0) || argc > max_args[i] || (i == 0 && argc && strcmp(argv[0], "-q")) ||
	    (i == 3 && argc != 1 && (argc != 3 || strcmp(argv[1], "--timeout")))) {
		log_plain("%s: expected %s (see cella %s --help)", cmd, synopsis[i], cmd);
		return EXIT_USAGE;
	}
	if (i == 0)
		return cmd_list(argc);
	if (i == 2 && argc == 2 && (sig = parse_signal(argv[1])) < 0) {
		log_plain("kill: unknown signal '%s'", argv[1]);
		return EXIT_USAGE;
	}
	if (i == 3 && argc == 3 && parse_duration_ms(argv[2], &timeout) < 0) {
		log_plain("stop: bad duration '%s' for --timeout", argv[2]);
		return EXIT_USAGE;
	}
	if (!(text = state_read_running(argv[0])))
		return EXIT_FAILED;
	r = 0;
	if (i == 1)
		(void)!write(1, text, strlen(text));
	else if (i == 2)
		r = signal_workload("kill", argv[0], text, sig, false) < 0 ? EXIT_FAILED : 0;
	else
		r = cmd_stop(argv[0], text, timeout);
	free(text);
	return r;
}
