/* SPDX-License-Identifier: GPL-2.0-only */
/* pid1.c - PID 1 mode: boot setup, the workload, the shutdown path.
 *
 * Setup may fail; this file may not: every path ends in reboot(2) called
 * from a child, and PID 1 itself never returns (its exit would panic the
 * kernel). */
#include "pid1.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "caps.h"
#include "cgroup.h"
#include "config.h"
#include "fileio.h"
#include "log.h"
#include "mountinfo.h"
#include "run.h"
#include "supervisor.h"

#define DEFAULT_CONFIG "/etc/cella/init.ini"

bool pid1_wanted(int argc, char **argv)
{
	static const char commands[] =
		"run\0check\0list\0state\0kill\0stop\0exec\0help\0--help\0-h\0--version\0";
	if (getpid() != 1)
		return false;
	for (const char *p = commands; argc > 1 && *p; p += strlen(p) + 1)
		if (!strcmp(argv[1], p))
			return false;
	return true;
}

/* fds 0, 1, 2 on the console, whatever the kernel left us. */
static void open_console(void)
{
	int fd = open("/dev/console", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return;
	for (int i = 0; i < 3; i++)
		if (fcntl(i, F_GETFD) < 0 || !isatty(i))
			dup2(fd, i);
	if (fd > 2)
		close(fd);
}

/* Mount TYPE on DIR unless something is mounted there already (another
 * device than /'s). */
static void mount_missing(const char *dir, const char *type, unsigned long flags, const char *data)
{
	struct stat root, st;

	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return;
	if (stat("/", &root) == 0 && stat(dir, &st) == 0 && st.st_dev != root.st_dev)
		return;
	if (mount(type, dir, type, flags, data) < 0)
		log_warn("mount %s on %s: %s", type, dir, strerror(errno));
}

/* cella.config=PATH from the kernel command line, else the default. */
static char *config_path(void)
{
	char *cmdline = read_file("/proc/cmdline", 65536, NULL), *p, *end;
	char *path = NULL;

	/* Word by word (no strstr: musl's two-way search is 1 KB). */
	for (p = cmdline; p && *p; p++) {
		if ((p != cmdline && p[-1] != ' ') || strncmp(p, "cella.config=", 13))
			continue;
		p += strlen("cella.config=");
		end = p + strcspn(p, " \n");
		path = strndup(p, end - p);
		break;
	}
	free(cmdline);
	return path ? path : strdup(DEFAULT_CONFIG);
}

/* Kernel helpers (modprobe, hotplug) are spawned with the usermode helper's
 * bounding and inheritable sets: take from them what the workload may not
 * have, or a helper started later could hand it back (busybox run-init).
 * The kernel keeps of each set only what is also in the "LO\tHI" written
 * (it never adds), so KEEP is written as it is. */
static void drop_usermodehelper_caps(uint64_t keep)
{
	static const char *const files[] = {
		"/proc/sys/kernel/usermodehelper/bset",
		"/proc/sys/kernel/usermodehelper/inheritable",
	};
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%u\t%u\n", (unsigned)keep, (unsigned)(keep >> 32));

	for (unsigned i = 0; i < 2; i++)
		if (write_file(files[i], buf, n) < 0)
			log_warn("%s: %s", files[i], strerror(errno));
}

/* What PID 1 does at the end, by enum on_exit: the reboot(2) command and
 * its name. */
static const struct {
	unsigned cmd;
	char name[12];
} actions[] = {
	[ON_EXIT_POWEROFF] = { RB_POWER_OFF, "poweroff" },
	[ON_EXIT_REBOOT] = { RB_AUTOBOOT, "reboot" },
	[ON_EXIT_HALT] = { RB_HALT_SYSTEM, "halt" },
};

struct mounts_seen { char *mp[256]; int n; };

static int collect_mount(const char *mp, const char *fstype, void *arg)
{
	struct mounts_seen *m = arg;
	(void)fstype;
	if (strcmp(mp, "/") && m->n < 256)
		m->mp[m->n++] = strdup(mp);
	return 0;
}

/* Unmount everything but / (last mounted first); an appliance's data must
 * reach the disk before the power goes. */
static void unmount_all(void)
{
	struct mounts_seen m = { .n = 0 };

	(void)mountinfo_each(collect_mount, &m);
	while (m.n-- > 0) {
		if (m.mp[m.n] && umount2(m.mp[m.n], 0) < 0)
			(void)umount2(m.mp[m.n], MNT_DETACH);
		free(m.mp[m.n]);
	}
}

/* Reap until no process is left (as PID 1 every process is ours to reap)
 * or MS milliseconds have passed. */
static void wait_all_gone(long long ms)
{
	long long end = now_ms() + ms, left;

	for (;;) {
		pid_t p;
		while ((p = waitpid(-1, NULL, WNOHANG)) > 0)
			;
		if (p < 0 && errno == ECHILD)
			return;
		if ((left = end - now_ms()) <= 0)
			return;
		/* A SIGCHLD, or another signal: the end is near anyway. */
		(void)supervisor_sigwait(left);
	}
}

/* The busybox init shutdown: everyone TERM, a moment, everyone KILL, sync,
 * unmount, then reboot(2) from a child so that PID 1 itself never ends. */
static __attribute__((noreturn)) void shutdown_machine(enum on_exit a)
{
	unsigned cmd = actions[a].cmd;
	pid_t p;

	log_info("%s: stopping all processes", actions[a].name);
	kill(-1, SIGTERM);
	wait_all_gone(1000);
	kill(-1, SIGKILL);
	wait_all_gone(1000);
	sync();
	unmount_all();
	sync();
	log_info("%s", actions[a].name);
	p = fork();
	if (p == 0) {
		reboot(cmd);
		_exit(0);
	}
	if (p < 0)
		reboot(cmd);
	for (;;) {
		(void)supervisor_sleep(60000, true);
		/* reboot(2) does not return; if it failed, try again. */
		if (waitpid(-1, NULL, WNOHANG) > 0 || p < 0)
			reboot(cmd);
	}
}

void pid1_main(void)
{
	struct config c;
	char *file;
	struct run_result res;
	enum on_exit a;
	sigset_t old;

	/* Signals first: nothing may reach a default action in PID 1. */
	supervisor_block_signals(&old);
	mount_missing("/dev", "devtmpfs", MS_NOSUID, "mode=0755");
	open_console();
	mount_missing("/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	mount_missing("/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	mount_missing("/run", "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755");
	(void)log_open("kmsg", 1);
	/* Ctrl-Alt-Del then arrives as SIGINT instead of an instant reboot. */
	reboot(RB_DISABLE_CAD);

	file = config_path();
	if (!file || config_load(&c, file, NULL) < 0) {
		log_error("no usable configuration (%s): powering off", file ? file : "?");
		shutdown_machine(ON_EXIT_POWEROFF);
	}
	log_set_name(c.name);
	cgroup_mount_pid1(&c);
	if (c.log && log_open(c.log, 1) < 0)
		(void)log_open("kmsg", 1);
	a = c.on_exit;
	drop_usermodehelper_caps(caps_final(&c, false));

	run_container(&c, &(struct run_mode){ .pid1 = true, .ready_fd = -1 }, &res);
	if (res.stop_requested) {
		/* What a stop signal to PID 1 means, as in busybox init:
		 * SIGTERM and SIGINT (Ctrl-Alt-Del) reboot. */
		a = res.stop_requested == SIGUSR1 ? ON_EXIT_HALT
		    : res.stop_requested == SIGUSR2 ? ON_EXIT_POWEROFF : ON_EXIT_REBOOT;
	} else if (res.reboot_request) {
		/* reboot(2) inside the container's pid namespace (it kept
		 * CAP_SYS_BOOT): SIGHUP asks for a restart, SIGINT for a power-off
		 * or halt, which the kernel does not tell apart; on-exit = halt
		 * decides. */
		log_info("the workload asked for %s", res.reboot_request == SIGHUP ? "a reboot" : "a power-off");
		a = res.reboot_request == SIGHUP ? ON_EXIT_REBOOT
		    : c.on_exit == ON_EXIT_HALT ? ON_EXIT_HALT : ON_EXIT_POWEROFF;
	} else {
		log_info("the workload ended with status %d: %s", res.status, actions[a].name);
	}
	shutdown_machine(a);
}
