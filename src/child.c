/* SPDX-License-Identifier: GPL-2.0-only */
/* child.c - the steps inside the container, in order, up to the exec. */
#include "child.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "caps.h"
#include "cgroup.h"
#include "creds.h"
#include "exec.h"
#include "init.h"
#include "log.h"
#include "mounts.h"
#include "notify.h"
#include "ns.h"
#include "rootfs.h"
#include "seccomp.h"
#include "sync.h"
#include "terminal.h"
#include "userns.h"

static __attribute__((noreturn)) void fail(const struct child_args *a, int code)
{
	const char *msg = log_captured();
	/* Every path here has logged its cause; the fallback text would be a
	 * bug, and the fault-injection tests look for it. */
	if (sync_send(a->sync_fd, SYNC_ERROR, code, msg[0] ? msg : "container setup failed") < 0)
		(void)!write(2, "cella: ", 7), (void)!write(2, msg, strlen(msg)), (void)!write(2, "\n", 1);
	_exit(code);
}

#define STEP(a, call) do { if ((call) < 0) fail(a, 125); } while (0)

/* The signal mask back as cella found it. Dispositions need no reset:
 * cella installs no handler, and exec resets handled ones anyway; an
 * ignored signal stays ignored, as nohup expects. */
static void reset_signals(const sigset_t *mask)
{
	sigprocmask(SIG_SETMASK, mask, NULL);
}

/* The death signal is lost if cella died before it was set; cella holds
 * the other end of the sync socket until the exec, so a hang-up says so. */
static int set_death_signal(int sync_fd)
{
	struct pollfd p = { .fd = sync_fd, .events = POLLIN };
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0) {
		log_error("parent-death signal: %s", strerror(errno));
		return -errno;
	}
	if (poll(&p, 1, 0) > 0 && (p.revents & POLLHUP))
		_exit(137);
	return 0;
}

/* The workload side: credentials, limits, capabilities, exec. */
static __attribute__((noreturn)) void become_workload(const struct child_args *a, uint64_t keep,
						      const struct seccomp_filter *sf, int gate)
{
	const struct config *c = a->c;
	struct creds cr;
	char **env;
	int r;

	/* Its own process group in the terminal's foreground, so that ^C
	 * reaches it once, from the terminal, and not again through cella. */
	if (a->foreground && setpgid(0, 0) == 0)
		(void)tcsetpgrp(0, getpgrp());
	/* The user is looked up in the container's /etc, so after the switch. */
	STEP(a, creds_resolve(c->user, c->groups, &cr));
	/* process.terminal: a pty of the container's own, owned by the user. */
	if (c->terminal)
		STEP(a, terminal_child(a->sync_fd, cr.uid, true));
	STEP(a, exec_set_limits(c));
	/* Bounding set while still privileged (it needs CAP_SETPCAP), then
	 * the user switch with KEEPCAPS, then the sets themselves. */
	STEP(a, caps_apply_bounding(keep));
	STEP(a, creds_apply(&cr));
	STEP(a, caps_apply_hold(keep, sf->hold, cr.uid != 0));
	if (c->no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
		log_error("no_new_privs: %s", strerror(errno));
		fail(a, 125);
	}
	/* chdir as the user, so that its permissions apply. */
	if (chdir(c->cwd) < 0) {
		log_error("cwd %s: %s", c->cwd, strerror(errno));
		fail(a, 125);
	}
	/* Sockets passed to cella (supervisor.listen-fds) stay at 3... */
	int nlisten = exec_pass_listen_fds(c);
	if (nlisten < 0)
		fail(a, 125);
	if (!(env = exec_build_env(c, cr.home, a->environ_from, nlisten)))
		fail(a, 125);
	/* After the credential change, which clears it. */
	STEP(a, set_death_signal(a->sync_fd));
	STEP(a, exec_close_fds(3 + nlisten));
	/* The kernel attaches our pid as cella sees it to this message. */
	if ((r = sync_send(a->sync_fd, SYNC_HELLO, 0, NULL)) < 0) {
		log_error("sync socket: send: %s", strerror(-r));
		fail(a, 125);
	}
	/* With an init: not before it is as weak as we are about to be
	 * (init_run closes its end; EOF also if it died, having killed us). */
	if (gate >= 0) {
		char b;
		(void)read(gate, &b, 1);
		close(gate);
	}
	reset_signals(&a->mask);
	/* [seccomp] last: nothing of cella's runs under the filter but the
	 * exec (and the report of its failure). */
	STEP(a, seccomp_install(sf, true));
	fail(a, exec_workload(c->exec, env));
}

void child_main(const struct child_args *a)
{
	const struct config *c = a->c;
	struct sync_msg m;
	bool chroot_mode;
	int r;

	log_capture();
	/* Not to be read or traced while it holds every capability (the
	 * exec of the workload makes it dumpable again, as any process). */
	(void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	/* Device nodes and targets get exactly the modes asked for; the
	 * workload's umask is set later, in exec_set_limits. */
	umask(0);
	/* Wait until cella has done what must happen from outside. */
	if ((r = sync_recv(a->sync_fd, &m, NULL)) != 1 || m.type != SYNC_GO) {
		/* r == 0: cella is gone (it reports its own failure). */
		if (r == 0)
			_exit(125);
		log_error("sync socket: receive: %s", r < 0 ? strerror(-r) : "not the go-ahead");
		fail(a, 125);
	}
	STEP(a, userns_become_root(c));
	/* In its cgroup now (moved in before GO): seen as / from here on. */
	STEP(a, cgroup_unshare(c));
	STEP(a, ns_join(a->ns_fds));
	/* Everything below happens in our own mount namespace; make it
	 * private first so that nothing propagates back to the host. */
	STEP(a, rootfs_prepare(c));
	STEP(a, userns_mount_root(c, m.fd));
	/* oom_score_adj through the host's /proc, still reachable here. */
	if (!userns_on(c)) /* (else cella wrote it from outside) */
		STEP(a, exec_set_oom(c));
	if (c->hostname)
		STEP(a, ns_set_hostname(c->hostname));
	if (c->ns[NS_NET].enabled)
		STEP(a, ns_loopback_up());
	/* Mounts go in below the new root while bind sources are reachable. */
	STEP(a, mounts_setup(c));
	if (a->notify_fd >= 0)
		STEP(a, mounts_tmpfs(c, NOTIFY_DIR_INSIDE, NOTIFY_TMPFS_OPTIONS));
	STEP(a, rootfs_switch(c, &chroot_mode));
	/* Bound by path only now that the path cannot leave the root. */
	if (a->notify_fd >= 0)
		STEP(a, notify_bind_inside(a->notify_fd));
	/* Read-only last, after the mounts made their targets. */
	if (c->root_path && c->root_readonly)
		STEP(a, rootfs_make_readonly());
	/* The workload's capabilities, and its filter (also the init's). */
	uint64_t keep = caps_final(c, chroot_mode) & caps_held();
	struct seccomp_filter sf;
	STEP(a, seccomp_build(&c->seccomp, keep, c->no_new_privs, &sf));
	/* With a new pid namespace and init = yes, we stay as its PID 1 and the
	 * workload is our child, PID 2. */
	int gate[2] = { -1, -1 };
	if (c->init && c->ns[NS_PID].enabled) {
		const char *what = "pipe";
		pid_t w = pipe2(gate, O_CLOEXEC) < 0 ? -1 : (what = "fork", fork());
		if (w < 0) {
			log_error("%s: %s", what, strerror(errno));
			fail(a, 125);
		}
		if (w > 0) {
			close(gate[0]);
			init_run(w, a->sync_fd, &sf, gate[1]);
		}
		close(gate[1]);
	}
	become_workload(a, keep, &sf, gate[0]);
}
