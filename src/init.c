/* SPDX-License-Identifier: GPL-2.0-only */
/* init.c - the init inside the pid namespace: reap, forward, exit with the
 * workload's status. All signals are blocked (inherited) and read here. */
#include "init.h"

#include <errno.h>
#include <linux/capability.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "caps.h"
#include "log.h"
#include "seccomp.h"
#include "supervisor.h"
#include "sync.h"

/* The init is cella code in the container: give it nothing the workload
 * could borrow. CAP_KILL remains so that it can signal a workload that runs
 * as another user. A failure is fatal: an init left with every capability
 * for the container's life is worse than no container. */
static int harden(void)
{
	uint64_t kill_only = 1ULL << CAP_KILL;

	log_capture(); /* the first error from here on is the one to tell */
	/* Its bounding set stays as it is: that set only limits what an exec
	 * may gain, and the init never execs (one capset, not a prctl for
	 * each capability). */
	if (caps_set_own(kill_only) < 0)
		return -EPERM;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 || prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0) {
		log_error("no_new_privs or not dumpable: %s", strerror(errno));
		return -errno;
	}
	return 0;
}

/* A failure of the init's own hardening: the workload goes, and cella
 * hears the one line, WHAT and the error captured (log_capture). */
static __attribute__((noreturn)) void init_fail(pid_t workload, int sync_fd, const char *what)
{
	char msg[480];

	snprintf(msg, sizeof(msg), "%s: %s", what, log_captured());
	kill(workload, SIGKILL);
	(void)sync_send(sync_fd, SYNC_ERROR, 125, msg);
	_exit(125);
}

void init_run(pid_t workload, int sync_fd, const struct seccomp_filter *sf, int gate)
{
	struct pollfd pfd = { .fd = sync_fd, .events = POLLIN };

	if (harden() < 0)
		init_fail(workload, sync_fd, "the container's init could not drop its own capabilities");
	/* The workload's filter too: the init is visible in the container
	 * and should reach no more of the kernel than the workload does. */
	if (seccomp_install(sf, false) < 0)
		init_fail(workload, sync_fd, "the container's init");
	/* Only now may the workload exec: until then this PID 1, which it
	 * can see, held every capability and no filter. (A filter that
	 * denies close leaves the pipe open: a byte then.) */
	if (close(gate) < 0 && write(gate, "", 1) != 1) {
		log_error("the workload's gate: %s", strerror(errno));
		init_fail(workload, sync_fd, "the container's init");
	}
	/* If cella died before this point the death signal was missed: the
	 * sync socket tells, since cella holds its end until the exec. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0) {
		log_error("parent-death signal: %s", strerror(errno));
		init_fail(workload, sync_fd, "the container's init");
	}
	if (poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLHUP))
		_exit(137);
	close(sync_fd);

	for (;;) {
		int sig = supervisor_sigwait(-1);
		if (sig < 0)
			continue;
		if (sig != SIGCHLD) {
			kill(workload, sig);
			continue;
		}
		/* Reap everything: orphans are re-parented to us. Check the
		 * workload on every pass rather than trusting one SIGCHLD a
		 * child (several exits may merge into one signal). */
		for (;;) {
			int st;
			pid_t p = waitpid(-1, &st, WNOHANG);
			if (p <= 0)
				break;
			if (p == workload)
				_exit(supervisor_exit_code(st));
		}
	}
}
