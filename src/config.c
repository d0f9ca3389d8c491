/* config.c - the INI file into struct config: key table, setters, validation.
 * Pure: reads the file and fills the struct; creates nothing. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#if CELLA_SYSTEM_INIH
#define INI_HANDLER_LINENO 1 /* Debian builds libinih with it; its header does not say so */
#endif
#include <ini.h>

#include "subsys.h"
#include "fileio.h"
#include "log.h"
#include "value.h"

/* inih's stack buffer holds INI_MAX_LINE bytes including newline and NUL. */
#define MAX_LINE (INI_MAX_LINE - 2)
#define MAX_FILE (1 << 20)

const int config_max_line = MAX_LINE;

const char *const ns_names[NS_COUNT] = {
	[NS_PID] = "pid", [NS_MOUNT] = "mount", [NS_UTS] = "uts", [NS_IPC] = "ipc",
	[NS_NET] = "net", [NS_CGROUP] = "cgroup", [NS_USER] = "user", [NS_TIME] = "time",
};

/* What a setter sees: where the value came from, for messages. */
struct kctx {
	const char *section, *key;
	int line;          /* where the key is (0: from the command line) */
	const char *why;   /* reason for a bad value */
	char buf[160];     /* room for a formatted reason */
};

typedef int (*setter)(struct config *c, const char *v, struct kctx *k);

enum { K_REPEAT = 1 };

/* ---- setters: each returns 0, or -EINVAL with k->why set ---- */

static int dup_into(char **dst, const char *v, struct kctx *k)
{
	if (!*v) { k->why = "empty value"; return -EINVAL; }
	if (!(*dst = strdup(v))) { k->why = "out of memory"; return -ENOMEM; }
	return 0;
}

static int want_abs_path(const char *v, struct kctx *k)
{
	if (v[0] != '/') { k->why = "must be an absolute path"; return -EINVAL; }
	return 0;
}

static int bool_into(bool *dst, const char *v, struct kctx *k)
{
	if (parse_bool(v, dst) < 0) { k->why = "expected yes or no"; return -EINVAL; }
	return 0;
}

static int words_into(char ***dst, const char *v, struct kctx *k)
{
	char **w = split_words(v, &k->why);
	if (!w)
		return -EINVAL;
	if (!w[0]) { free_words(w); k->why = "empty value"; return -EINVAL; }
	free_words(*dst);
	*dst = w;
	return 0;
}

static int set_name(struct config *c, const char *v, struct kctx *k)
{
	if (!valid_name(v)) {
		k->why = "use 1 to 64 of A-Z a-z 0-9 _ . -";
		return -EINVAL;
	}
	return dup_into(&c->name, v, k);
}

static int set_hostname(struct config *c, const char *v, struct kctx *k)
{
	if (strlen(v) > 64) { k->why = "longer than 64 characters"; return -EINVAL; }
	return dup_into(&c->hostname, v, k);
}

static int set_root_path(struct config *c, const char *v, struct kctx *k)
{
	return want_abs_path(v, k) ?: dup_into(&c->root_path, v, k);
}

static int set_pivot(struct config *c, const char *v, struct kctx *k)
{
	bool b;
	if (!strcmp(v, "auto")) c->pivot = PIVOT_AUTO;
	else if (parse_bool(v, &b) == 0) c->pivot = b ? PIVOT_YES : PIVOT_NO;
	else { k->why = "expected yes, no or auto"; return -EINVAL; }
	return 0;
}

static int set_root_ro(struct config *c, const char *v, struct kctx *k) { return bool_into(&c->root_readonly, v, k); }
static int set_exec(struct config *c, const char *v, struct kctx *k) { return words_into(&c->exec, v, k); }
static int set_cwd(struct config *c, const char *v, struct kctx *k)
{
	return want_abs_path(v, k) ?: dup_into(&c->cwd, v, k);
}

static int set_user(struct config *c, const char *v, struct kctx *k)
{
	const char *colon = strchr(v, ':');
	if (v[0] == ':' || (colon && (!colon[1] || strchr(colon + 1, ':')))) {
		k->why = "expected UID[:GID] or NAME[:GROUP]";
		return -EINVAL;
	}
	return dup_into(&c->user, v, k);
}

static int set_groups(struct config *c, const char *v, struct kctx *k) { return words_into(&c->groups, v, k); }

static int set_env(struct config *c, const char *v, struct kctx *k)
{
	const char *eq = strchr(v, '=');
	char **n;
	if (!eq || eq == v) { k->why = "expected NAME=VALUE"; return -EINVAL; }
	if (!(n = realloc(c->env, (c->nenv + 2) * sizeof(char *)))) { k->why = "out of memory"; return -ENOMEM; }
	c->env = n;
	if (dup_into(&c->env[c->nenv], v, k) < 0)
		return -ENOMEM;
	c->env[++c->nenv] = NULL;
	return 0;
}

static int set_pass_env(struct config *c, const char *v, struct kctx *k)
{
	int r = words_into(&c->pass_env, v, k);
	for (char **p = c->pass_env; r == 0 && *p; p++)
		if (strchr(*p, '=')) { k->why = "expected variable names"; return -EINVAL; }
	return r;
}

static int set_umask(struct config *c, const char *v, struct kctx *k)
{
	if (parse_octal_mode(v, &c->umask) < 0 || c->umask > 0777) {
		k->why = "expected an octal mode such as 0022";
		return -EINVAL;
	}
	return 0;
}

static int set_terminal(struct config *c, const char *v, struct kctx *k) { return bool_into(&c->terminal, v, k); }
static int set_nnp(struct config *c, const char *v, struct kctx *k) { return bool_into(&c->no_new_privs, v, k); }
static int set_init(struct config *c, const char *v, struct kctx *k) { return bool_into(&c->init, v, k); }

static int set_oom(struct config *c, const char *v, struct kctx *k)
{
	if (parse_long(v, -1000, 1000, &c->oom_score_adj) < 0) {
		k->why = "expected a number from -1000 to 1000";
		return -EINVAL;
	}
	c->oom_set = true;
	return 0;
}

static int set_stop_signal(struct config *c, const char *v, struct kctx *k)
{
	int s = parse_signal(v);
	if (s < 0) { k->why = "unknown signal"; return -EINVAL; }
	c->stop_signal = s;
	return 0;
}

static int set_duration(long long *dst, const char *v, struct kctx *k)
{
	if (parse_duration_ms(v, dst) < 0) {
		k->why = "expected a duration such as 500ms, 10s or 2m";
		return -EINVAL;
	}
	return 0;
}

static int set_stop_timeout(struct config *c, const char *v, struct kctx *k) { return set_duration(&c->stop_timeout_ms, v, k); }

/* Called for limit-NAME keys, which the table cannot list one by one. */
static int set_limit(struct config *c, const char *res, const char *v, struct kctx *k)
{
	int r = rlimit_resource(res);
	if (parse_rlimit(v, &c->rlim[r]) < 0) {
		k->why = "expected N, SOFT:HARD or infinity, with SOFT not above HARD";
		return -EINVAL;
	}
	c->rlim_set |= 1u << r;
	return 0;
}

static int set_ns(struct config *c, enum ns_kind ns, const char *v, struct kctx *k)
{
	bool joinable = ns == NS_NET || ns == NS_UTS || ns == NS_IPC || ns == NS_PID;
	if (joinable && v[0] == '/') {
		c->ns[ns].enabled = false;
		return dup_into(&c->ns[ns].join, v, k);
	}
	if (parse_bool(v, &c->ns[ns].enabled) < 0) {
		k->why = joinable ? "expected yes, no or the path of a namespace to join"
				  : "expected yes or no";
		return -EINVAL;
	}
	free(c->ns[ns].join);
	c->ns[ns].join = NULL;
	return 0;
}

#define NS_SETTER(kind, fn) \
	static int fn(struct config *c, const char *v, struct kctx *k) { return set_ns(c, kind, v, k); }
NS_SETTER(NS_PID, set_ns_pid)
NS_SETTER(NS_MOUNT, set_ns_mount)
NS_SETTER(NS_UTS, set_ns_uts)
NS_SETTER(NS_IPC, set_ns_ipc)
NS_SETTER(NS_NET, set_ns_net)
NS_SETTER(NS_CGROUP, set_ns_cgroup)
NS_SETTER(NS_TIME, set_ns_time)

/* "all", "none" or capability names into a bit set. */
static int caps_into(uint64_t *set, uint64_t *named, const char *v, struct kctx *k)
{
	char **w = split_words(v, &k->why);
	int r = 0;

	if (!w)
		return -EINVAL;
	*set = 0;
	for (char **p = w; *p; p++) {
		int cap;
		if (!strcmp(*p, "all")) {
			*set = ~0ULL;
		} else if (!strcmp(*p, "none")) {
			*set = 0;
		} else if ((cap = parse_capability(*p)) >= 0) {
			*set |= 1ULL << cap;
			if (named)
				*named |= 1ULL << cap;
		} else {
			snprintf(k->buf, sizeof(k->buf), "unknown capability '%s'", *p);
			k->why = k->buf;
			r = -EINVAL;
			break;
		}
	}
	if (!w[0]) { k->why = "empty value"; r = -EINVAL; }
	free_words(w);
	return r;
}

static int set_cap_keep(struct config *c, const char *v, struct kctx *k) { c->cap_named = 0; return caps_into(&c->cap_keep, &c->cap_named, v, k); }
static int set_cap_drop(struct config *c, const char *v, struct kctx *k) { return caps_into(&c->cap_drop, NULL, v, k); }

static struct mount_conf *add_mount(struct config *c, enum mount_kind kind, struct kctx *k)
{
	struct mount_conf *m = realloc(c->mounts, (c->nmounts + 1) * sizeof(*m));
	if (!m) { k->why = "out of memory"; return NULL; }
	c->mounts = m;
	m = &c->mounts[c->nmounts++];
	memset(m, 0, sizeof(*m));
	m->kind = kind;
	m->line = k->line;
	return m;
}

/* Mount values are words: TARGET [flags], SOURCE TARGET [flags], PATH... */
static int set_mount(struct config *c, enum mount_kind kind, const char *v, struct kctx *k)
{
	char **w = split_words(v, &k->why);
	int n = count_words(w), r = -EINVAL;
	struct mount_conf *m;

	if (!w)
		return -EINVAL;
	if (n == 0) { k->why = "empty value"; goto out; }
	for (int i = 0; i < n; i++)
		if (w[i][0] != '/' && !(kind == M_BIND && i >= 2) && !(kind == M_SYSFS && i == 1) &&
		    !(kind == M_TMPFS && i == 1)) {
			snprintf(k->buf, sizeof(k->buf), "'%s' is not an absolute path", w[i]);
			k->why = k->buf;
			goto out;
		}
	switch (kind) {
	case M_MASK:
	case M_READONLY:
		for (int i = 0; i < n; i++) {
			if (!(m = add_mount(c, kind, k)) || !(m->target = strdup(w[i])))
				goto out;
		}
		r = 0;
		goto out;
	case M_PROC:
	case M_DEV:
		if (n != 1) { k->why = "expected one target path"; goto out; }
		break;
	case M_SYSFS:
		if (n > 2 || (n == 2 && strcmp(w[1], "rw"))) { k->why = "expected TARGET [rw]"; goto out; }
		break;
	case M_TMPFS:
		if (n > 2) { k->why = "expected TARGET [OPTIONS]"; goto out; }
		break;
	case M_BIND:
		if (n < 2) { k->why = "expected SOURCE TARGET [ro] [rec]"; goto out; }
		for (int i = 2; i < n; i++)
			if (strcmp(w[i], "ro") && strcmp(w[i], "rec")) {
				snprintf(k->buf, sizeof(k->buf), "unknown bind option '%s' (ro, rec)", w[i]);
				k->why = k->buf;
				goto out;
			}
		break;
	}
	if (!(m = add_mount(c, kind, k)))
		goto out;
	if (kind == M_BIND) {
		m->source = strdup(w[0]);
		m->target = strdup(w[1]);
		for (int i = 2; i < n; i++) {
			m->ro |= !strcmp(w[i], "ro");
			m->rec |= !strcmp(w[i], "rec");
		}
	} else {
		m->target = strdup(w[0]);
		m->rw = kind == M_SYSFS && n == 2;
		if (kind == M_TMPFS && n == 2)
			m->data = strdup(w[1]);
	}
	r = 0;
out:
	free_words(w);
	return r;
}

#define MOUNT_SETTER(kind, fn) \
	static int fn(struct config *c, const char *v, struct kctx *k) { return set_mount(c, kind, v, k); }
MOUNT_SETTER(M_PROC, set_m_proc)
MOUNT_SETTER(M_SYSFS, set_m_sysfs)
MOUNT_SETTER(M_DEV, set_m_dev)
MOUNT_SETTER(M_TMPFS, set_m_tmpfs)
MOUNT_SETTER(M_BIND, set_m_bind)
MOUNT_SETTER(M_MASK, set_m_mask)
MOUNT_SETTER(M_READONLY, set_m_readonly)

static int set_m_defaults(struct config *c, const char *v, struct kctx *k) { return bool_into(&c->mount_defaults, v, k); }

static int set_pid_file(struct config *c, const char *v, struct kctx *k) { return dup_into(&c->pid_file, v, k); }
static int set_notify(struct config *c, const char *v, struct kctx *k) { return bool_into(&c->notify, v, k); }
static int set_listen_fds(struct config *c, const char *v, struct kctx *k) { return bool_into(&c->listen_fds, v, k); }
static int set_subreaper(struct config *c, const char *v, struct kctx *k) { return bool_into(&c->subreaper, v, k); }
static int set_log(struct config *c, const char *v, struct kctx *k)
{
	if (log_parse_target(v) < 0) {
		k->why = "expected auto, stderr, kmsg, syslog or an absolute file path";
		return -EINVAL;
	}
	return dup_into(&c->log, v, k);
}

/* A value that is one of WORDS (NULL-terminated): its index in *out. */
static int one_of(const char *v, const char *const *words, int *out, const char *why, struct kctx *k)
{
	for (int i = 0; words[i]; i++)
		if (!strcmp(v, words[i])) {
			*out = i;
			return 0;
		}
	k->why = why;
	return -EINVAL;
}

static int set_restart(struct config *c, const char *v, struct kctx *k)
{
	/* In the order of enum restart_policy. */
	static const char *const w[] = { "no", "on-failure", "always", NULL };
	int i, r = one_of(v, w, &i, "expected no, on-failure or always", k);
	if (r == 0)
		c->restart = (enum restart_policy)i;
	return r;
}

static int set_restart_delay(struct config *c, const char *v, struct kctx *k) { return set_duration(&c->restart_delay_ms, v, k); }
static int set_restart_max(struct config *c, const char *v, struct kctx *k) { return set_duration(&c->restart_max_delay_ms, v, k); }

static int set_on_exit(struct config *c, const char *v, struct kctx *k)
{
	/* In the order of enum on_exit. */
	static const char *const w[] = { "poweroff", "reboot", "halt", NULL };
	int i, r = one_of(v, w, &i, "expected poweroff, reboot or halt", k);
	if (r == 0)
		c->on_exit = (enum on_exit)i;
	return r;
}

/* The key table: every key of the file, its setter, whether it repeats,
 * and whether this build has it (a key whose subsystem is not built is
 * rejected, not silently ignored). */
#define KEYS(X)                                                                \
	X("container", "name", set_name, 0, 1)                                 \
	X("container", "hostname", set_hostname, 0, 1)                         \
	X("root", "path", set_root_path, 0, 1)                                 \
	X("root", "pivot", set_pivot, 0, 1)                                    \
	X("root", "readonly", set_root_ro, 0, 1)                               \
	X("process", "exec", set_exec, 0, 1)                                   \
	X("process", "cwd", set_cwd, 0, 1)                                     \
	X("process", "user", set_user, 0, 1)                                   \
	X("process", "groups", set_groups, 0, 1)                               \
	X("process", "env", set_env, K_REPEAT, 1)                              \
	X("process", "pass-env", set_pass_env, 0, 1)                           \
	X("process", "umask", set_umask, 0, 1)                                 \
	X("process", "no-new-privs", set_nnp, 0, 1)                            \
	X("process", "oom-score-adj", set_oom, 0, 1)                           \
	X("process", "init", set_init, 0, 1)                                   \
	X("process", "terminal", set_terminal, 0, HAVE_TERMINAL)               \
	X("process", "stop-signal", set_stop_signal, 0, 1)                     \
	X("process", "stop-timeout", set_stop_timeout, 0, 1)                   \
	X("namespaces", "pid", set_ns_pid, 0, 1)                               \
	X("namespaces", "mount", set_ns_mount, 0, 1)                           \
	X("namespaces", "uts", set_ns_uts, 0, 1)                               \
	X("namespaces", "ipc", set_ns_ipc, 0, 1)                               \
	X("namespaces", "net", set_ns_net, 0, 1)                               \
	X("namespaces", "cgroup", set_ns_cgroup, 0, 1)                         \
	X("namespaces", "time", set_ns_time, 0, 1)                             \
	X("namespaces", "user", NULL, 0, HAVE_USERNS)                          \
	X("namespaces", "uid-map", NULL, K_REPEAT, HAVE_USERNS)                \
	X("namespaces", "gid-map", NULL, K_REPEAT, HAVE_USERNS)                \
	X("capabilities", "keep", set_cap_keep, 0, 1)                          \
	X("capabilities", "drop", set_cap_drop, 0, 1)                          \
	X("mounts", "proc", set_m_proc, K_REPEAT, 1)                           \
	X("mounts", "sysfs", set_m_sysfs, K_REPEAT, 1)                         \
	X("mounts", "dev", set_m_dev, K_REPEAT, 1)                             \
	X("mounts", "tmpfs", set_m_tmpfs, K_REPEAT, 1)                         \
	X("mounts", "bind", set_m_bind, K_REPEAT, 1)                           \
	X("mounts", "mask", set_m_mask, K_REPEAT, 1)                           \
	X("mounts", "readonly", set_m_readonly, K_REPEAT, 1)                   \
	X("mounts", "defaults", set_m_defaults, K_REPEAT, 1)                   \
	X("cgroup", "path", NULL, 0, HAVE_CGROUP)                              \
	X("cgroup", "memory.max", NULL, 0, HAVE_CGROUP)                        \
	X("cgroup", "memory.high", NULL, 0, HAVE_CGROUP)                       \
	X("cgroup", "pids.max", NULL, 0, HAVE_CGROUP)                          \
	X("cgroup", "cpu.max", NULL, 0, HAVE_CGROUP)                           \
	X("cgroup", "cpu.weight", NULL, 0, HAVE_CGROUP)                        \
	X("cgroup", "io.weight", NULL, 0, HAVE_CGROUP)                         \
	X("cgroup", "cpuset.cpus", NULL, 0, HAVE_CGROUP)                       \
	X("network", "veth", NULL, 0, HAVE_NETWORK)                            \
	X("network", "address", NULL, K_REPEAT, HAVE_NETWORK)                  \
	X("network", "gateway", NULL, 0, HAVE_NETWORK)                         \
	X("network", "host-address", NULL, 0, HAVE_NETWORK)                    \
	X("network", "move", NULL, K_REPEAT, HAVE_NETWORK)                     \
	X("supervisor", "restart", set_restart, 0, HAVE_PID1)                  \
	X("supervisor", "restart-delay", set_restart_delay, 0, HAVE_PID1)      \
	X("supervisor", "restart-max-delay", set_restart_max, 0, HAVE_PID1)    \
	X("supervisor", "on-exit", set_on_exit, 0, HAVE_PID1)                  \
	X("supervisor", "pid-file", set_pid_file, 0, 1)                        \
	X("supervisor", "notify", set_notify, 0, HAVE_NOTIFY)                  \
	X("supervisor", "listen-fds", set_listen_fds, 0, HAVE_LISTEN_FDS)      \
	X("supervisor", "subreaper", set_subreaper, 0, 1)                      \
	X("supervisor", "log", set_log, 0, 1)

struct key {
	const char *section, *name;
	setter set;
	int flags;
	int built;
};

#define KEY_ENTRY(s, n, fn, fl, b) { s, n, fn, fl, b },
static const struct key keys[] = { KEYS(KEY_ENTRY) };
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static const char *const sections[] = {
	"container", "root", "process", "namespaces", "capabilities",
	"mounts", "cgroup", "network", "supervisor",
};

static bool known_section(const char *s)
{
	for (unsigned i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
		if (!strcmp(s, sections[i]))
			return true;
	return false;
}

/* Parsing state shared by the inih callback and --set. */
struct parse {
	struct config *c;
	const char *file;
	const char *where;      /* "--set ..." instead of FILE:LINE */
	int error;              /* first error seen; later lines are ignored */
	int seen[NKEYS];        /* line of the first occurrence */
	int seen_limit[RLIMIT_COUNT];
	int line;               /* line of the key being applied */
};

static void perr(struct parse *p, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void perr(struct parse *p, int line, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (p->where)
		log_plain("%s: %s", p->where, msg);
	else if (line > 0)
		log_plain("%s:%d: %s", p->file, line, msg);
	else
		log_plain("%s: %s", p->file, msg);
	p->error = -EINVAL;
}

/* Apply one SECTION/KEY=VALUE; `override` (from --set) replaces instead of
 * counting as a second occurrence. Returns 0 or -EINVAL (already logged). */
static int apply(struct parse *p, const char *section, const char *name,
		 const char *value, int line, bool override)
{
	struct kctx k = { .section = section, .key = name, .line = line };
	struct config *c = p->c;
	int r;

	if (!known_section(section)) {
		perr(p, line, "unknown section [%s]", section);
		return -EINVAL;
	}
	if (!strcmp(section, "process") && !strncmp(name, "limit-", 6)) {
		int res = rlimit_resource(name + 6);
		if (res < 0) {
			perr(p, line, "unknown key '%s' in [process] (limits: limit-as, limit-core, ... limit-stack)", name);
			return -EINVAL;
		}
		if (p->seen_limit[res] && !override) {
			perr(p, line, "key '%s' in [process] given twice (first on line %d)", name, p->seen_limit[res]);
			return -EINVAL;
		}
		p->seen_limit[res] = line ? line : -1;
		if (set_limit(c, name + 6, value, &k) < 0) {
			perr(p, line, "bad value '%s' for '%s' in [process]: %s", value, name, k.why);
			return -EINVAL;
		}
		return 0;
	}
	for (unsigned i = 0; i < NKEYS; i++) {
		const struct key *key = &keys[i];
		if (strcmp(key->section, section) || strcmp(key->name, name))
			continue;
		if (!key->built || !key->set) {
			perr(p, line, "key '%s' in [%s] is not supported by this build of cella", name, section);
			return -EINVAL;
		}
		if (p->seen[i] && !(key->flags & K_REPEAT) && !override) {
			perr(p, line, "key '%s' in [%s] given twice (first on line %d)", name, section, p->seen[i]);
			return -EINVAL;
		}
		if (!p->seen[i])
			p->seen[i] = line ? line : -1;
		if ((r = key->set(c, value, &k)) < 0) {
			perr(p, line, "bad value '%s' for '%s' in [%s]: %s", value, name, section, k.why);
			return r;
		}
		return 0;
	}
	perr(p, line, "unknown key '%s' in [%s]", name, section);
	return -EINVAL;
}

static int on_key(void *user, const char *section, const char *name, const char *value, int line)
{
	struct parse *p = user;
	if (p->error)
		return 1; /* report only the first error */
	apply(p, section, name, value, line, false);
	return 1;
}

static void set_defaults(struct config *c, const char *file)
{
	memset(c, 0, sizeof(*c));
	c->file = file;
	c->pivot = PIVOT_AUTO;
	c->umask = 022;
	c->no_new_privs = true;
	c->init = true;
	c->stop_signal = SIGTERM;
	c->stop_timeout_ms = 10000;
	c->ns[NS_PID].enabled = c->ns[NS_MOUNT].enabled = c->ns[NS_UTS].enabled = true;
	c->ns[NS_IPC].enabled = c->ns[NS_NET].enabled = c->ns[NS_CGROUP].enabled = true;
	c->cap_keep = ~0ULL;
	c->cap_drop = 0; /* CAP_SYS_BOOT is dropped by the rule in caps.c */
	c->mount_defaults = true;
	c->subreaper = true;
	c->restart_delay_ms = 1000;
	c->restart_max_delay_ms = 60000;
}

/* Lines longer than inih's buffer and unknown empty sections are checked
 * here, because inih splits the former and never reports the latter. */
static int prescan(struct parse *p, const char *text)
{
	int line = 1;
	for (const char *s = text; *s; line++) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		if (len > MAX_LINE) {
			perr(p, line, "line too long (more than %d characters)", MAX_LINE);
			return -EINVAL;
		}
		while (len && (*s == ' ' || *s == '\t')) { s++; len--; }
		if (len && *s == '[') {
			const char *end = memchr(s, ']', len);
			char name[64];
			if (!end || (size_t)(end - s - 1) >= sizeof(name)) {
				perr(p, line, "bad section header");
				return -EINVAL;
			}
			memcpy(name, s + 1, end - s - 1);
			name[end - s - 1] = 0;
			if (!known_section(name)) {
				perr(p, line, "unknown section [%s]", name);
				return -EINVAL;
			}
		}
		if (!nl)
			break;
		s = nl + 1;
	}
	return 0;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* The name defaults to the file name without .ini. */
static int default_name(struct parse *p)
{
	struct config *c = p->c;
	const char *b = base_name(p->file);
	size_t n = strlen(b);

	if (n > 4 && !strcmp(b + n - 4, ".ini"))
		n -= 4;
	if (!(c->name = strndup(b, n)))
		return -ENOMEM;
	if (!valid_name(c->name)) {
		perr(p, 0, "container name '%s' (from the file name) is not valid; set container.name", c->name);
		return -EINVAL;
	}
	return 0;
}

/* Mounts that defaults = yes puts first, in the spec's order. */
static int add_default_mounts(struct config *c)
{
	static const struct { enum mount_kind kind; const char *target; } d[] = {
		{ M_PROC, "/proc" }, { M_DEV, "/dev" }, { M_SYSFS, "/sys" },
		{ M_MASK, "/proc/kcore" }, { M_MASK, "/proc/keys" },
		{ M_MASK, "/proc/timer_list" }, { M_MASK, "/proc/sched_debug" },
		{ M_MASK, "/proc/scsi" }, { M_MASK, "/sys/firmware" },
		{ M_READONLY, "/proc/sys" }, { M_READONLY, "/proc/sysrq-trigger" },
		{ M_READONLY, "/proc/irq" }, { M_READONLY, "/proc/bus" },
	};
	int nd = sizeof(d) / sizeof(d[0]);
	struct mount_conf *m = calloc(c->nmounts + nd, sizeof(*m));

	if (!m)
		return -ENOMEM;
	for (int i = 0; i < nd; i++) {
		m[i].kind = d[i].kind;
		m[i].target = (char *)d[i].target;
		m[i].is_default = true;
	}
	if (c->nmounts)
		memcpy(m + nd, c->mounts, c->nmounts * sizeof(*m));
	free(c->mounts);
	c->mounts = m;
	c->nmounts += nd;
	return 0;
}

/* The line a key was first given on, 0 when not in the file. */
static int key_line(const struct parse *p, const char *section, const char *name)
{
	for (unsigned i = 0; i < NKEYS; i++)
		if (!strcmp(keys[i].section, section) && !strcmp(keys[i].name, name))
			return p->seen[i] > 0 ? p->seen[i] : 0;
	return 0;
}

/* Combinations that cannot work, and what the file left unsaid. */
static int validate(struct parse *p, const struct config_overrides *o)
{
	struct config *c = p->c;
	struct stat st;

	if (o && o->args && o->args[0]) {
		free_words(c->exec);
		c->exec = NULL;
		int n = count_words(o->args);
		if (!(c->exec = calloc(n + 1, sizeof(char *))))
			return -ENOMEM;
		for (int i = 0; i < n; i++)
			if (!(c->exec[i] = strdup(o->args[i])))
				return -ENOMEM;
	}
	if (!c->exec) {
		perr(p, 0, "missing required key 'exec' in [process] (or give the command after --)");
		return -EINVAL;
	}
	if (c->restart_max_delay_ms < c->restart_delay_ms) {
		perr(p, key_line(p, "supervisor", "restart-max-delay"),
		     "restart-max-delay is shorter than restart-delay");
		return -EINVAL;
	}
	if (c->hostname && !c->ns[NS_UTS].enabled) {
		perr(p, key_line(p, "container", "hostname"), "hostname needs namespaces.uts = yes");
		return -EINVAL;
	}
	if (!c->ns[NS_MOUNT].enabled) {
		if (c->root_path) {
			perr(p, key_line(p, "root", "path"), "root.path needs namespaces.mount = yes");
			return -EINVAL;
		}
		for (int i = 0; i < c->nmounts; i++) {
			perr(p, c->mounts[i].line, "[mounts] need namespaces.mount = yes (mount %s)", c->mounts[i].target);
			return -EINVAL;
		}
		/* defaults = yes means nothing without a mount namespace. */
		c->mount_defaults = false;
		if (c->notify) {
			perr(p, key_line(p, "supervisor", "notify"), "supervisor.notify needs namespaces.mount = yes");
			return -EINVAL;
		}
	}
	if (c->root_path && (stat(c->root_path, &st) < 0 || !S_ISDIR(st.st_mode))) {
		perr(p, key_line(p, "root", "path"), "root.path %s: %s", c->root_path,
		     errno ? strerror(errno) : "not a directory");
		return -EINVAL;
	}
	for (int i = 0; i < c->nmounts; i++) {
		struct mount_conf *m = &c->mounts[i];
		if (m->kind == M_BIND && lstat(m->source, &st) < 0) {
			perr(p, m->line, "bind source %s: %s", m->source, strerror(errno));
			return -EINVAL;
		}
	}
	for (int i = 0; i < NS_COUNT; i++)
		if (c->ns[i].join && access(c->ns[i].join, F_OK) < 0) {
			perr(p, key_line(p, "namespaces", ns_names[i]), "namespaces.%s = %s: %s",
			     ns_names[i], c->ns[i].join, strerror(errno));
			return -EINVAL;
		}
	if (c->mount_defaults && add_default_mounts(c) < 0)
		return -ENOMEM;
	if (!c->cwd && !(c->cwd = strdup("/")))
		return -ENOMEM;
	return 0;
}

/* One --set SECTION.KEY=VALUE; errors name the option, not a line. */
static int apply_set(struct parse *p, const char *set)
{
	char where[300], *s = strdup(set), *dot, *eq;
	int r = -EINVAL;

	if (!s)
		return -ENOMEM;
	snprintf(where, sizeof(where), "--set %s", set);
	p->where = where;
	eq = strchr(s, '=');
	dot = strchr(s, '.');
	if (!eq || !dot || dot > eq || dot == s) {
		perr(p, 0, "expected SECTION.KEY=VALUE");
	} else {
		*dot = *eq = 0;
		r = apply(p, s, dot + 1, eq + 1, 0, true);
	}
	p->where = NULL;
	free(s);
	return r;
}

/* --set, --name and --pid-file after the file. */
static int apply_overrides(struct parse *p, const struct config_overrides *o)
{
	if (!o)
		return 0;
	for (int i = 0; i < o->nsets; i++) {
		int r = apply_set(p, o->sets[i]);
		if (r < 0)
			return r;
	}
	if (o->name) {
		if (!valid_name(o->name)) {
			log_plain("--name %s: use 1 to 64 of A-Z a-z 0-9 _ . -", o->name);
			return -EINVAL;
		}
		free(p->c->name);
		p->c->name = strdup(o->name);
	}
	if (o->pid_file) {
		free(p->c->pid_file);
		p->c->pid_file = strdup(o->pid_file);
	}
	return 0;
}

int config_parse_string(struct config *c, const char *file, const char *text,
			const struct config_overrides *o)
{
	struct parse p = { .c = c, .file = file };
	int r;

	set_defaults(c, file);
	if (prescan(&p, text) < 0)
		return -EINVAL;
	r = ini_parse_string(text, on_key, &p);
	if (p.error)
		return p.error;
	if (r > 0) {
		perr(&p, r, "expected KEY = VALUE or [section]");
		return -EINVAL;
	}
	if (r < 0)
		return -ENOMEM;
	if ((r = apply_overrides(&p, o)) < 0)
		return r;
	/* After --name, which may stand in for a file name that is no name. */
	if (!c->name && (r = default_name(&p)) < 0)
		return r;
	return validate(&p, o);
}

int config_load(struct config *c, const char *file, const struct config_overrides *o)
{
	size_t len;
	char *text = read_file(file, MAX_FILE, &len);
	int r;

	if (!text) {
		r = -errno;
		log_plain("%s: %s", file, r == -EFBIG ? "file too large" : strerror(-r));
		return r;
	}
	if (memchr(text, 0, len)) {
		log_plain("%s: not a text file", file);
		free(text);
		return -EINVAL;
	}
	r = config_parse_string(c, file, text, o);
	free(text);
	return r;
}
