/* SPDX-License-Identifier: GPL-2.0-only */
/* enter.c - cella exec: join every namespace and the root of a running
 * container's workload, take on its credentials, capability sets and
 * no_new_privs as the kernel shows them in /proc/PID/status (so that what
 * --set changed at run time holds too), and exec a command there.
 *
 * The order is the point (runc's and LXC's attach do the same): the
 * container's root may hold CAP_SYS_PTRACE, so no process of ours may be
 * visible in its pid namespace while it holds more than the workload.
 *
 *   cella exec (host, not dumpable) --fork--> joiner: joins the namespaces
 *   (the pid namespace applies to its children only, so the joiner itself
 *   stays invisible), enters the root, looks the user up (never blocking
 *   on a file of the container), drops to the workload's sets and
 *   no_new_privs --fork--> the command: visible only now; terminal, cwd,
 *   exec.
 *
 * The environment comes from what cella knows (the state directory's env
 * file, written from the config by cella run), never from the container. */
#include "enter.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "caps.h"
#include "cgroup.h"
#include "creds.h"
#include "exec.h"
#include "fileio.h"
#include "log.h"
#include "seccomp.h"
#include "state.h"
#include "supervisor.h"
#include "sync.h"
#include "sys.h"
#include "terminal.h"

#define EXIT_SETUP 125

struct enter {
	const char *name, *user, *cwd;
	bool tty;                 /* -t */
	bool foreground;          /* cella owns its terminal's foreground */
	char **env; int nenv;     /* --env K=V */
	char **argv;              /* CMD ARG... */
	pid_t pid;                /* the workload, on the host */
	unsigned long long pid_start; /* ... and its start time */
};

/* What the workload is: its ids and capability sets, from /proc. */
struct target {
	uid_t uid; gid_t gid;
	gid_t groups[CREDS_MAX_GROUPS]; int ngroups;
	uint64_t prm, bnd, amb;
	bool nnp;
};

/* The one line for a failed call on WHAT (a path, or what was done), from
 * errno: -errno. */
static __attribute__((noinline)) int log_errno(const char *what)
{
	int e = errno;
	log_error("%s: %s", what, strerror(e));
	return -e;
}

/* STATE_DIR/NAME/FILE, which cella run wrote: NULL with errno set, logged
 * unless it is ENOENT and QUIET_ENOENT. */
static char *read_state_file(const struct enter *e, const char *file, size_t max, size_t *len, bool quiet_enoent)
{
	char path[4200], *buf;

	snprintf(path, sizeof(path), "%s/%s/%s", state_base(), e->name, file);
	if (!(buf = read_file(path, max, len)) && !(quiet_enoent && errno == ENOENT))
		log_errno(path);
	return buf;
}

static int parse_args(int argc, char **argv, struct enter *e)
{
	int i;
	for (i = 0; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			i++; /* the end of options; NAME follows */
			break;
		}
		if (!strcmp(a, "-t")) {
			if (!HAVE_TERMINAL) {
				log_plain("exec: -t is not supported by this build of cella");
				return -EINVAL;
			}
			e->tty = true;
			continue;
		}
		static const char opts[][7] = { "--user", "--cwd", "--env" };
		unsigned k = 0;
		while (k < 3 && strcmp(a, opts[k]))
			k++;
		if (k == 3 || i + 1 >= argc) {
			log_plain("exec: unknown option or missing value '%s' (see cella exec --help)", a);
			return -EINVAL;
		}
		const char *v = argv[++i];
		if (k == 0) {
			e->user = v;
		} else if (k == 1) {
			if (v[0] != '/') {
				log_plain("exec: --cwd %s: must be an absolute path", v);
				return -EINVAL;
			}
			e->cwd = v;
		} else {
			char **n = realloc(e->env, (e->nenv + 2) * sizeof(char *));
			if (!strchr(v, '=') || v[0] == '=' || !n) {
				log_plain("exec: --env %s: expected NAME=VALUE", v);
				return -EINVAL;
			}
			e->env = n;
			e->env[e->nenv++] = (char *)v;
			e->env[e->nenv] = NULL;
		}
	}
	const char *missing = "NAME";
	if (i < argc) {
		e->name = argv[i++];
		if (i < argc && !strcmp(argv[i], "--"))
			i++;
		missing = "CMD";
	}
	if (i >= argc) {
		log_plain("exec: missing %s (see cella exec --help)", missing);
		return -EINVAL;
	}
	e->argv = argv + i;
	return 0;
}

/* The first number of KEY's line in /proc/PID/status, in BASE. */
static unsigned long long status_field(const char *status, const char *key, char *buf, int base)
{
	return strtoull(text_value(status, key, ':', buf, 512), NULL, base);
}

static int read_target(pid_t pid, struct target *t)
{
	char path[64], buf[512], *status, *g, *end;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if (!(status = read_file(path, 1 << 16, NULL)))
		return log_errno(path);
	t->uid = (uid_t)status_field(status, "Uid", buf, 10);
	t->gid = (gid_t)status_field(status, "Gid", buf, 10);
	t->ngroups = 0;
	text_value(status, "Groups", ':', buf, sizeof(buf));
	for (g = buf; t->ngroups < CREDS_MAX_GROUPS; g = end) {
		unsigned long v = strtoul(g, &end, 10);
		if (end == g)
			break;
		t->groups[t->ngroups++] = (gid_t)v;
	}
	t->prm = status_field(status, "CapPrm", buf, 16);
	t->bnd = status_field(status, "CapBnd", buf, 16);
	t->amb = status_field(status, "CapAmb", buf, 16);
	t->nnp = status_field(status, "NoNewPrivs", buf, 10) == 1;
	free(status);
	return 0;
}

/* The environment the config gives the workload (written by cella run
 * into the state directory, read here on the host), then --env on top; a
 * free slot is left for HOME, which depends on the user. */
static char **build_env(const struct enter *e)
{
	char *blob;
	size_t len;
	int n = 0;
	char **env;

	if (!(blob = read_state_file(e, "env", 1 << 20, &len, false)))
		return NULL;
	for (size_t i = 0; i < len; i++)
		n += blob[i] == 0;
	if (!(env = calloc(n + e->nenv + 2, sizeof(char *)))) {
		log_errno("environment");
		return NULL;
	}
	n = 0;
	for (size_t i = 0; i < len; i += strlen(blob + i) + 1)
		env[n++] = blob + i;
	for (int j = 0; j < e->nenv; j++) {
		size_t k = strcspn(e->env[j], "=") + 1;
		int i;
		for (i = 0; i < n && strncmp(env[i], e->env[j], k); i++)
			;
		env[i] = e->env[j];
		if (i == n)
			n++;
	}
	env[n] = NULL;
	return env;
}

/* HOME of the command's user, unless the config or --env set one. */
static int add_home(char **env, const char *home)
{
	char **v;
	for (v = env; *v; v++)
		if (!strncmp(*v, "HOME=", 5))
			return 0;
	if (asprintf(v, "HOME=%s", home) < 0) {
		*v = NULL;
		return log_errno("environment");
	}
	v[1] = NULL;
	return 0;
}

/* Namespaces in the order they are joined: the mount namespace last, since
 * /proc/PID/... is read from the host's. The user namespace comes first:
 * the others are owned by it, and our capabilities are then those inside
 * it; only the time namespace, which cella makes from outside (owned by
 * the host's), is joined before it. */
static const struct { char name[7]; int flag; } nss[] = {
	{ "time", CLONE_NEWTIME }, { "user", CLONE_NEWUSER },
	{ "cgroup", CLONE_NEWCGROUP }, { "ipc", CLONE_NEWIPC }, { "uts", CLONE_NEWUTS },
	{ "net", CLONE_NEWNET }, { "pid", CLONE_NEWPID }, { "mnt", CLONE_NEWNS },
};
#define NNS (sizeof(nss) / sizeof(nss[0]))

/* The pid is still the workload's: its start time is the one cella run
 * recorded (pid_start), so that a pid reused by another process is never
 * joined or read. Checked after the files of /proc/PID were opened: they
 * then belong to the workload. */
/* The workload's [seccomp] settings, which cella run left in the state
 * directory (none there: no filter), made into the filter for what the
 * command will keep. */
static int read_seccomp(const struct enter *e, const struct target *t, struct seccomp_filter *sf)
{
	char *buf;
	size_t len = 0;
	int r;

	*sf = (struct seccomp_filter){ 0 };
	if (!HAVE_SECCOMP)
		return 0;
	if (!(buf = read_state_file(e, SECCOMP_STATE_FILE, sizeof(struct seccomp_conf) + 1, &len, true)))
		return errno == ENOENT ? 0 : -errno;
	if (len != sizeof(struct seccomp_conf)) {
		log_error("%s/%s/" SECCOMP_STATE_FILE ": not written by this cella", state_base(), e->name);
		free(buf);
		return -EINVAL;
	}
	r = seccomp_build((const struct seccomp_conf *)buf, t->prm & t->bnd, t->nnp, sf);
	free(buf);
	return r;
}

static int still_workload(const struct enter *e)
{
	if (state_is_workload(e->pid, e->pid_start) == 0)
		return 0;
	log_error("the workload is no longer running (pid %d%s)", (int)e->pid,
		  e->pid_start ? " is another process now, or gone" : " has no recorded start time");
	return -ESRCH;
}

/* Join what differs from ours (a namespace the container shares with the
 * host is not joined: setns into one's own is fine, but pointless). */
static int join(const struct enter *e, struct target *t, int *root_fd)
{
	pid_t pid = e->pid;
	int fds[NNS];
	char path[64];
	int r = 0;

	for (unsigned i = 0; i < NNS; i++) {
		struct stat a, b;
		char self[64];
		snprintf(path, sizeof(path), "/proc/%d/ns/%.6s", (int)pid, nss[i].name);
		snprintf(self, sizeof(self), "/proc/self/ns/%.6s", nss[i].name);
		fds[i] = -1;
		if (stat(path, &a) < 0 || (stat(self, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev))
			continue;
		if ((fds[i] = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			r = log_errno(path);
	}
	snprintf(path, sizeof(path), "/proc/%d/root", (int)pid);
	if (r == 0 && (*root_fd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0)
		r = log_errno(path);
	if (r == 0)
		r = still_workload(e);
	for (unsigned i = 0; i < NNS; i++) {
		if (r == 0 && fds[i] >= 0 && setns(fds[i], nss[i].flag) < 0) {
			r = -errno;
			log_error("join the %s namespace: %s", nss[i].name, strerror(errno));
		}
		if (fds[i] >= 0)
			close(fds[i]);
		/* In the workload's user namespace, /proc shows its ids as
		 * they are there: the ids to take on. */
		if (r == 0 && fds[i] >= 0 && nss[i].flag == CLONE_NEWUSER)
			r = read_target(pid, t) ?: still_workload(e);
	}
	return r;
}

/* The joiner, in the container's namespaces but not visible in its pid
 * namespace: the root, the user, the workload's sets. 0, or -errno logged. */
static int drop_to_workload(const struct enter *e, const struct target *t, int root_fd, struct creds *cr,
			    uint64_t hold)
{
	struct creds mine;

	*cr = (struct creds){ .uid = t->uid, .gid = t->gid, .ngroups = t->ngroups };
	memcpy(cr->groups, t->groups, sizeof(t->groups));
	/* The workload's root, which also covers a container in chroot mode. */
	if (fchdir(root_fd) < 0 || chroot(".") < 0 || chdir("/") < 0)
		return log_errno("enter the container's root");
	close(root_fd);
	/* The user in the container's /etc (read so that it cannot block);
	 * without --user only for HOME. */
	if (e->user) {
		if (creds_resolve(e->user, NULL, cr) < 0)
			return -EINVAL;
	} else {
		char uid[16];
		snprintf(uid, sizeof(uid), "%u", (unsigned)t->uid);
		if (creds_resolve(uid, NULL, &mine) < 0)
			return -EINVAL;
		memcpy(cr->home, mine.home, sizeof(cr->home));
	}
	if (caps_apply_bounding(t->bnd) < 0 || creds_apply(cr) < 0)
		return -EPERM;
	/* The workload's sets; for another user, what it keeps becomes
	 * ambient as for a workload of that user. */
	if (caps_apply_hold(t->prm & t->bnd, hold, cr->uid != 0 && (e->user ? true : t->amb != 0)) < 0)
		return -EPERM;
	if (t->nnp && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return log_errno("no_new_privs");
	/* (The credential change cleared it.) */
	(void)prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	return 0;
}

/* The captured line of a failure, to cella exec over the sync socket. */
static __attribute__((noreturn)) void send_error(int sync_fd, int code)
{
	(void)sync_send(sync_fd, SYNC_ERROR, code, log_captured()[0] ? log_captured() : "exec failed");
	_exit(code);
}

/* The command's process, visible in the container with nothing more than
 * the workload has: terminal, cwd, exec. Failures go back over the sync
 * socket. */
static __attribute__((noreturn)) void run_command(const struct enter *e, const struct creds *cr, int sync_fd,
						  char **env)
{
	int code = EXIT_SETUP;

	(void)prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	/* -t: a pty of the container's devpts, as for process.terminal;
	 * otherwise, on cella's terminal, the foreground (^C once, as run). */
	if (e->tty && terminal_child(sync_fd, cr->uid, false) < 0)
		goto fail;
	if (!e->tty && e->foreground && setpgid(0, 0) == 0)
		(void)tcsetpgrp(0, getpgrp());
	if (chdir(e->cwd ? e->cwd : "/") < 0) {
		log_error("cwd %s: %s", e->cwd ? e->cwd : "/", strerror(errno));
		goto fail;
	}
	if (exec_close_fds(3) < 0 || sync_send(sync_fd, SYNC_HELLO, 0, NULL) < 0)
		goto fail;
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	code = exec_workload(e->argv, env);
fail:
	send_error(sync_fd, code);
}

/* The joiner: join, drop, then fork the command and wait for it, so that
 * cella's child is the command's parent on the host and its status comes
 * through. */
static __attribute__((noreturn)) void joiner(const struct enter *e, struct target *t, int sync_fd,
					     char **env, const struct seccomp_filter *sf)
{
	struct creds cr;
	int root_fd = -1, st;
	pid_t cmd;

	log_capture();
	(void)prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	/* The container's cgroup first, from the host (its paths are in the
	 * state directory, not in anything the container can change); the
	 * workload's [seccomp] filter before the command exists. */
	if (cgroup_join(e->name) < 0 || join(e, t, &root_fd) < 0 || drop_to_workload(e, t, root_fd, &cr, sf->hold) < 0 ||
	    add_home(env, cr.home) < 0 || seccomp_install(sf, true) < 0)
		goto fail;
	if ((cmd = fork()) < 0) {
		log_errno("fork");
		goto fail;
	}
	if (cmd == 0)
		run_command(e, &cr, sync_fd, env);
	close(sync_fd);
	while (waitpid(cmd, &st, 0) < 0 && errno == EINTR)
		;
	_exit(supervisor_exit_code(st));
fail:
	send_error(sync_fd, EXIT_SETUP);
}

int enter_main(int argc, char **argv)
{
	struct enter e = { 0 };
	struct target t = { 0 };
	struct terminal tty = { .master = -1 };
	char *text, **env;
	int sp[2], code;

	if (parse_args(argc, argv, &e) < 0)
		return EXIT_SETUP;
	/* Nothing of ours is to be read or traced by the container's root,
	 * from the start (the children inherit it until their exec). */
	(void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	if (!(text = state_read_running(e.name)))
		return EXIT_SETUP;
	log_set_name(e.name);
	e.pid = state_pid(text, "pid");
	e.pid_start = state_pid_start(text);
	free(text);
	if (e.pid <= 0) {
		log_error("the workload is not running yet");
		return EXIT_SETUP;
	}
	/* Read from the host's /proc, before joining anything. */
	struct seccomp_filter sf;
	if (read_target(e.pid, &t) < 0 || still_workload(&e) < 0 || read_seccomp(&e, &t, &sf) < 0 ||
	    !(env = build_env(&e)) || sync_pair(sp) < 0)
		return EXIT_SETUP;
	struct supervisor sv = { .stop_signal = SIGTERM, .stop_timeout_ms = 10000 };
	supervisor_block_signals(&(sigset_t){ 0 });
	e.foreground = !e.tty && isatty(0) && tcgetpgrp(0) == getpgrp();
	sv.child = fork();
	if (sv.child == 0) {
		close(sp[0]);
		joiner(&e, &t, sp[1], env, &sf);
	}
	close(sp[1]);
	if (sv.child < 0) {
		log_errno("fork");
		return EXIT_SETUP;
	}
	code = sync_wait_exec(sp[0], &sv.workload, &tty.master);
	close(sp[0]);
	if (code) {
		if (tty.master >= 0)
			close(tty.master);
		kill(sv.child, SIGKILL);
		waitpid(sv.child, NULL, 0);
		return code;
	}
	if (sv.workload <= 0)
		sv.workload = sv.child;
	sv.pid_ns = true; /* leave the container's other processes alone */
	if (tty.master >= 0)
		terminal_attach(&tty, tty.master, &sv);
	code = supervisor_run(&sv);
	terminal_detach(&tty);
	if (e.foreground)
		(void)tcsetpgrp(0, getpgrp());
	return code;
}
