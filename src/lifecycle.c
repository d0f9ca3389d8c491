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

static const char *const commands[] = { "list", "state", "kill", "stop" };

bool lifecycle_is_command(const char *cmd)
{
	for (unsigned i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(cmd, commands[i]))
			return true;
	return false;
}

static void format_uptime(time_t secs, char *buf, size_t len)
{
	if (secs < 60) snprintf(buf, len, "%llds", (long long)secs);
	else if (secs < 3600) snprintf(buf, len, "%lldm%02llds", (long long)secs / 60, (long long)secs % 60);
	else if (secs < 86400) snprintf(buf, len, "%lldh%02lldm", (long long)secs / 3600, (long long)secs % 3600 / 60);
	else snprintf(buf, len, "%lldd%02lldh", (long long)secs / 86400, (long long)secs % 86400 / 3600);
}

static int cmd_list(int argc, char **argv)
{
	bool quiet = argc == 1 && !strcmp(argv[0], "-q");
	struct dirent *e;
	DIR *d;

	if (argc > 1 || (argc == 1 && !quiet)) {
		log_plain("list: expected at most -q (see cella list --help)");
		return EXIT_USAGE;
	}
	if (!quiet)
		printf("%-20s %-9s %-8s %-8s %s\n", "NAME", "STATE", "PID", "UPTIME", "CONFIG");
	if (!(d = opendir(state_base())))
		return 0; /* nothing has run yet */
	while ((e = readdir(d))) {
		char st[16], pid[16], started[32], config[4096], up[32];
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
			free(text);
			continue; /* gone, or between lock and first write */
		}
		if (quiet) {
			printf("%s\n", e->d_name);
			free(text);
			continue;
		}
		state_value(text, "started", started, sizeof(started));
		t0 = atoll(started);
		format_uptime(t0 > 0 ? time(NULL) - t0 : 0, up, sizeof(up));
		if (!alive) {
			snprintf(st, sizeof(st), "stopped");
			snprintf(pid, sizeof(pid), "-");
			snprintf(up, sizeof(up), "-");
		} else {
			state_value(text, "state", st, sizeof(st));
			state_value(text, "pid", pid, sizeof(pid));
		}
		printf("%-20s %-9s %-8s %-8s %s\n", e->d_name, st, pid, up,
		       state_value(text, "config", config, sizeof(config)));
		free(text);
	}
	closedir(d);
	return 0;
}

static int cmd_state(int argc, char **argv)
{
	char *text;

	if (argc != 1) {
		log_plain("state: expected NAME (see cella state --help)");
		return EXIT_USAGE;
	}
	if (!(text = state_read_running(argv[0])))
		return EXIT_FAILED;
	(void)!write(1, text, strlen(text));
	free(text);
	return 0;
}

/* Send SIG to the workload that the state text names by its pid and start
 * time, and to no other process: 0; -ESRCH when there is no process of that
 * pid (or no pid yet); -ESTALE when the pid is another process's now (the
 * workload has ended and its pid was reused, or the state lies); or -errno.
 * With a pidfd (Linux 5.3+) the check and the signal concern one process,
 * so that the pid cannot be reused in between; on an older kernel (or where
 * a seccomp filter refuses pidfd_open) only a reuse in the instant between
 * check and kill(2) could escape the check. */
static int signal_workload(const char *text, int sig)
{
	pid_t pid = state_pid(text, "pid");
	unsigned long long start = state_pid_start(text);
	int fd, r;

	if (pid <= 0)
		return -ESRCH;
	fd = sys_pidfd_open(pid);
	if (fd < 0 && errno == ESRCH)
		return -ESRCH;
	/* (EINVAL: a thread of some process, never the workload.) */
	if (fd < 0 && errno == EINVAL)
		return -ESTALE;
	if (fd < 0 && errno != ENOSYS && errno != EPERM)
		return -errno;
	r = state_is_workload(pid, start);
	if (r == 0 && (fd >= 0 ? sys_pidfd_send_signal(fd, sig) : kill(pid, sig)) < 0)
		r = errno == ESRCH ? -ESRCH : -errno;
	if (fd >= 0)
		close(fd);
	return r;
}

/* The one line for signal_workload's error R. */
static void signal_failed(const char *cmd, const char *name, const char *text, int r)
{
	pid_t pid = state_pid(text, "pid");

	if (pid <= 0)
		log_plain("%s %s: the workload is not running yet", cmd, name);
	else if (r == -ESTALE)
		log_plain("%s %s: the workload is no longer running (pid %d is another process now)", cmd, name, (int)pid);
	else if (r == -ESRCH)
		log_plain("%s %s: the workload is no longer running", cmd, name);
	else
		log_plain("%s %s: pid %d: %s", cmd, name, (int)pid, strerror(-r));
}

static int cmd_kill(int argc, char **argv)
{
	int sig = SIGTERM, r;
	char *text;

	if (argc < 1 || argc > 2) {
		log_plain("kill: expected NAME [SIGNAL] (see cella kill --help)");
		return EXIT_USAGE;
	}
	if (argc == 2 && (sig = parse_signal(argv[1])) < 0) {
		log_plain("kill: unknown signal '%s'", argv[1]);
		return EXIT_USAGE;
	}
	if (!(text = state_read_running(argv[0])))
		return EXIT_FAILED;
	if ((r = signal_workload(text, sig)) < 0)
		signal_failed("kill", argv[0], text, r);
	free(text);
	return r < 0 ? EXIT_FAILED : 0;
}

/* Wait until no cella holds NAME's lock; false after ms milliseconds. */
static bool wait_stopped(const char *name, long long ms)
{
	for (long long end = now_ms() + ms; now_ms() < end; ) {
		if (state_probe(name) <= 0)
			return true;
		usleep(20000);
	}
	return state_probe(name) <= 0;
}

static int cmd_stop(int argc, char **argv)
{
	long long timeout = -1;
	bool failed = false;
	pid_t monitor;
	char *text;
	int r;

	if (argc == 3 && !strcmp(argv[1], "--timeout")) {
		if (parse_duration_ms(argv[2], &timeout) < 0) {
			log_plain("stop: bad duration '%s' for --timeout", argv[2]);
			return EXIT_USAGE;
		}
	} else if (argc != 1) {
		log_plain("stop: expected NAME [--timeout DUR] (see cella stop --help)");
		return EXIT_USAGE;
	}
	if (!(text = state_read_running(argv[0])))
		return EXIT_FAILED;
	monitor = state_pid(text, "monitor_pid");
	/* The supervising cella knows the stop-signal and stop-timeout: a TERM
	 * asks it to use them (and ends any restarts). */
	if (monitor <= 0 || kill(monitor, SIGTERM) < 0) {
		log_plain("stop %s: %s", argv[0], monitor <= 0 ? "no supervisor pid" : strerror(errno));
		free(text);
		return EXIT_FAILED;
	}
	/* KILL after --timeout, to the workload only: a workload that has
	 * just ended (-ESRCH) is what we wait for anyway; a pid that is
	 * another process's now is reported, and the supervisor, which knows
	 * its workload, still finishes the stop. */
	if (timeout >= 0 && !wait_stopped(argv[0], timeout) &&
	    (r = signal_workload(text, SIGKILL)) < 0 && r != -ESRCH) {
		signal_failed("stop", argv[0], text, r);
		failed = true;
	}
	free(text);
	/* The supervisor escalates to KILL itself after stop-timeout; this
	 * bound only keeps a wedged one from holding us forever. */
	if (!wait_stopped(argv[0], 24 * 3600 * 1000LL)) {
		if (!failed)
			log_plain("stop %s: still running", argv[0]);
		return EXIT_FAILED;
	}
	return failed ? EXIT_FAILED : 0;
}

int lifecycle_main(const char *cmd, int argc, char **argv)
{
	static int (*const fn[])(int, char **) = { cmd_list, cmd_state, cmd_kill, cmd_stop };
	for (unsigned i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (!strcmp(cmd, commands[i]))
			return fn[i](argc, argv);
	}
	return EXIT_USAGE;
}
