/* SPDX-License-Identifier: GPL-2.0-only */
/* run.c - the recipe of `cella run`, in the order of the SPEC's "Order of
 * run": the lock, then for each start the child in its namespaces, what is
 * set up from outside while it waits, its setup and exec, supervision, and
 * the clean-up. Shared by `cella run`, `run -d` and PID 1 mode.
 *
 * The README's "what happens when you run" list follows run_container()
 * step by step; keep the two in step. */
#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cgroup.h"
#include "child.h"
#include "exec.h"
#include "log.h"
#include "network.h"
#include "notify.h"
#include "ns.h"
#include "ready.h"
#include "restart.h"
#include "seccomp.h"
#include "state.h"
#include "supervisor.h"
#include "sync.h"
#include "sys.h"
#include "terminal.h"
#include "userns.h"
#include "value.h"

extern char **environ;

#define EXIT_SETUP 125

/* Digits only, no newline, written whole (rename) so no reader sees half.
 * The temporary file gets a fresh name, made with O_EXCL (mkostemp) in the
 * pid file's own directory so that the rename stays on one filesystem: in
 * a directory others can write, a fixed name such as PATH.tmp could be made
 * in advance by another user, who would then own the pid file. */
static int write_pid_file(const char *path, pid_t pid)
{
	char *tmp, buf[16];
	int n = snprintf(buf, sizeof(buf), "%d", (int)pid), fd, e = 0;

	if (asprintf(&tmp, "%s.XXXXXX", path) < 0)
		return -ENOMEM;
	if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
		e = errno;
	} else {
		errno = 0;
		/* (mkostemp makes it 0600; a pid file is for everyone to read.) */
		if (fchmod(fd, 0644) < 0 || write(fd, buf, n) != n)
			e = errno ? errno : EIO;
		if (close(fd) < 0 && !e)
			e = errno;
		if (!e && rename(tmp, path) < 0)
			e = errno;
		if (e)
			unlink(tmp);
	}
	if (e)
		log_error("pid file %s: %s", path, strerror(e));
	free(tmp);
	return -e;
}

/* Steps 3 to 5 for one start of the workload: a fresh set of namespaces
 * every time. Returns the workload's exit status, or 125/126/127 when it
 * never ran. */
static int start_and_supervise(const struct config *c, struct state *st, struct supervisor *sv,
			       int *ready_fd)
{
	struct child_args ca = { .c = c, .environ_from = environ, .mask = st->saved_mask };
	struct notify n = { .fd = -1, .ready_fd = ready_fd };
	struct terminal tty = { .master = -1 };
	struct netrun net = { .on = false };
	int ns_fds[NS_COUNT], sp[2], code, status = EXIT_SETUP, pty = -1;
	struct cgroup cg = { 0 };

	/* supervisor.notify: the socket exists before the child, which binds
	 * it inside the container. */
	if (c->notify && notify_open(&n, st) < 0)
		return EXIT_SETUP;
	ca.notify_fd = n.fd;
	/* Namespaces to join are opened before anything is created. */
	if (ns_open_joins(c, ns_fds) < 0)
		goto out_notify;
	ca.ns_fds = ns_fds;
	/* With a pty of its own the workload needs no share of cella's. */
	ca.foreground = !c->terminal && tcgetpgrp(0) == getpgrp(); /* (-1 when 0 is no terminal) */
	if (sync_pair(sp) < 0) {
		log_error("socketpair: %s", strerror(errno));
		ns_close_joins(ns_fds);
		goto out_notify;
	}
	ca.sync_fd = sp[1];

	/* 3. The child, in its new namespaces; it waits for GO. Joining a pid
	 * namespace and creating a time namespace affect children only, so
	 * they happen here, just before. */
	if (ns_prepare_parent(c, ns_fds) < 0) {
		sv->child = -1; /* (logged) */
	} else if ((sv->child = sys_clone_fork(cgroup_clone_flags(c, ns_clone_flags(c)))) < 0) {
		log_error("clone: %s", strerror(errno));
	} else if (sv->child == 0) {
		close(sp[0]);
		child_main(&ca);
	}
	close(sp[1]);
	ns_close_joins(ns_fds);
	/* What cella sets up from outside (cgroup, id maps, network) goes
	 * here, while the child waits. The cgroup first: the child is in it
	 * before GO, so the workload runs no code outside it. */
	int root_fd = -1, go = sv->child > 0 ? cgroup_setup(c, st->dir_fd, sv->child, &cg) : -ECHILD;
	if (cg.n)
		st->cgroup = cg.path[0];
	if (go == 0)
		go = userns_setup_child(c, sv->child, &root_fd);
	if (go == 0)
		go = network_setup(c, &net, sv->child, st->dir_fd);
	bool setup_ok = go == 0; /* (a failure above is logged) */
	/* GO carries the idmapped root of root.idmap. */
	if (setup_ok)
		go = root_fd >= 0 ? sync_send_fd(sp[0], SYNC_GO, root_fd) : sync_send(sp[0], SYNC_GO, 0, NULL);
	/* Without GO the child waits for ever, and cella for it: it is
	 * killed instead, whatever the reason. A child that failed before GO
	 * has said why (or closed its end): that is the line, read below,
	 * not this one. */
	if (setup_ok && go < 0) {
		if (poll(&(struct pollfd){ .fd = sp[0], .events = POLLIN }, 1, 0) == 1)
			go = 0;
		else
			log_error("container setup: sending GO to the child: %s", strerror(-go));
	}
	if (root_fd >= 0)
		close(root_fd);

	/* 4. The child switches root, mounts, drops privileges and execs; a
	 * failure on the way comes back as one line. */
	code = go == 0 ? sync_wait_exec(sp[0], &sv->workload, &pty) : EXIT_SETUP;
	if (code != 0) {
		/* Undo what step 3 created: the child and all it started.
		 * Nothing else exists outside the child's namespaces. (run -d
		 * hears of it once the state directory is gone, or, with
		 * restarts, now: see run_container.) */
		status = code;
		(void)state_write(st, "aborting");
		if (sv->child > 0) {
			kill(sv->child, SIGKILL);
			supervisor_kill_children();
		}
		if (pty >= 0)
			close(pty);
	}
	/* (On a failure the socket stays open until the child is killed, so
	 * that the child never finds it closed and reports a second line.) */
	close(sp[0]);
	if (code == 0) {
		if (sv->workload <= 0)
			sv->workload = sv->child;

		/* 5. Running: state and pid file, then supervise until the end. */
		state_set_pid(st, sv->workload);
		(void)state_write(st, "running");
		if (c->pid_file)
			(void)write_pid_file(c->pid_file, sv->workload);
		if (c->notify) {
			/* run -d waits for READY=1 instead (or for the end). */
			n.workload = sv->workload;
			sv->watches[sv->nwatches++] = (struct watch){ .fd = n.fd, .fn = notify_watch, .data = &n };
		} else {
			ready_tell(ready_fd, 0);
		}
		if (pty >= 0)
			terminal_attach(&tty, pty, sv);
		status = supervisor_run(sv);
	}
	/* 6. (and after a failed start) What step 3 set up from outside:
	 * everything left in the cgroup is killed and the cgroup removed;
	 * the interfaces made for the container are deleted and the moved
	 * ones brought back (through the namespace fd cella still holds). */
	cgroup_destroy(&cg);
	st->cgroup = NULL;
	network_teardown(c, &net);
	terminal_detach(&tty);
	if (ca.foreground)
		(void)tcsetpgrp(0, getpgrp());
	if (code == 0 && c->pid_file && unlink(c->pid_file) < 0 && errno != ENOENT)
		log_warn("pid file %s: remove: %s", c->pid_file, strerror(errno));
out_notify:
	notify_close(&n);
	return status;
}

void run_container(const struct config *c, const struct run_mode *m, struct run_result *res)
{
	struct state st = { .lock_fd = -1, .dir_fd = -1 };
	long long delay = 0;
	bool pid1 = m->pid1;
	int ready_fd = m->ready_fd;

	memset(res, 0, sizeof(*res));
	res->status = EXIT_SETUP;
	/* 2. One container of a name: the lock, held until the end. */
	if (state_acquire(&st, c->name, c->file) < 0) {
		ready_tell(&ready_fd, EXIT_SETUP);
		return;
	}
	st.monitor_pid = getpid();
	st.started = time(NULL);
	/* What cella exec gives its command: the environment the config
	 * gives the workload (less HOME, which is the user's), never what the
	 * container shows in /proc/PID/environ. */
	if (HAVE_LIFECYCLE) {
		char **env = exec_build_env(c, NULL, environ, 0);
		int r = env ? state_write_env(&st, env) : -ENOMEM;
		free_words(env);
		/* [seccomp]: cella exec builds the same filter from these. */
		st.seccomp = seccomp_profile_name(&c->seccomp);
		if (r == 0 && seccomp_wanted(&c->seccomp))
			r = state_write_file(&st, SECCOMP_STATE_FILE, &c->seccomp, sizeof(c->seccomp));
		if (r < 0)
			goto out;
	}
	/* Orphans of the workload come back to cella, which reaps them. */
	if (c->subreaper && !pid1 && prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0)
		log_warn("subreaper: %s", strerror(errno));
	/* Signals are blocked from here on and read in the supervisor loop;
	 * the child inherits the mask and restores the old one before exec. */
	supervisor_block_signals(&st.saved_mask);
	/* As PID 1, signals have been blocked since boot: the workload starts
	 * with none blocked, as a process the kernel started would. */
	if (pid1)
		sigemptyset(&st.saved_mask);
	for (;;) {
		struct supervisor sv = {
			.st = &st,
			.stop_signal = c->stop_signal,
			.stop_timeout_ms = c->stop_timeout_ms,
			.pid_ns = c->ns[NS_PID].enabled,
			.pid1 = pid1,
		};
		/* (The clock only where a restart will need it: a system
		 * call on targets without a vDSO or where clock.c stands in.) */
		long long t0 = c->restart != RESTART_NO ? now_ms() : 0;

		/* (A restart wrote starting before its delay already.) */
		if (st.restarts == 0 && state_write(&st, "starting") < 0)
			break;
		res->status = start_and_supervise(c, &st, &sv, &ready_fd);
		res->stop_requested = sv.stop_requested;
		res->reboot_request = sv.reboot_request;
		/* supervisor.restart: a fresh start after a delay that doubles
		 * while the workload keeps failing fast. Not after a stop
		 * request, nor after ^C (the workload killed by SIGINT in a
		 * launcher), nor, as PID 1, after a reboot request. */
		if (sv.stop_requested || !restart_wanted(c, res->status) ||
		    (!pid1 && res->status == 128 + SIGINT && !sv.reboot_request) ||
		    (pid1 && sv.reboot_request))
			break;
		/* run -d returns with the first run's status while the restarts
		 * go on. */
		ready_tell(&ready_fd, res->status);
		delay = restart_next_delay(c, delay, now_ms() - t0);
		st.restarts++;
		log_info("restart %d in %lld ms (the last run ended with status %d)", st.restarts, delay, res->status);
		st.exit_status = res->status;
		/* The workload is gone until the next start: no pid to signal,
		 * and not ready. */
		state_set_pid(&st, 0);
		if (st.ready > 0)
			st.ready = 0;
		(void)state_write(&st, "starting");
		if ((res->stop_requested = supervisor_sleep(delay, pid1)))
			break;
	}
	/* 6. The workload ended for good (and the rest with it): clean up,
	 * then tell a waiting run -d, which finds the name free. */
out:
	state_release(&st);
	ready_tell(&ready_fd, res->status);
}

/* run -d: a supervising cella stays behind in a session of its own; this
 * one returns once the workload has exec'd (0), or with the setup error. */
int run_detached(const struct config *c)
{
	struct run_result res;
	int p[2], code, fd;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) < 0 || (pid = fork()) < 0) {
		log_error("detach: %s", strerror(errno));
		return EXIT_SETUP;
	}
	if (pid > 0) {
		close(p[1]);
		if (read(p[0], &code, sizeof(code)) != sizeof(code))
			code = EXIT_SETUP; /* it died without a word */
		return code;
	}
	close(p[0]);
	/* Off the caller's terminal and session, so that its hangup or ^C
	 * does not reach the container; output still goes where it went. */
	setsid();
	if ((fd = open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0) {
		dup2(fd, 0);
		close(fd);
	}
	run_container(c, &(struct run_mode){ .ready_fd = p[1] }, &res);
	_exit(res.status);
}

