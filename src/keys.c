/* SPDX-License-Identifier: GPL-2.0-only */
/* keys.c - every key of the INI file: its setter and the table that
 * drives parsing (config.c) and cella check. */
#include "keys.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "seccomp.h"
#include "subsys.h"
#include "value.h"

/* ---- setters: each returns 0, or -EINVAL with k->why set ---- */

/* Replaces (and frees) what *dst held: --set overrides a key of the file. */
static int dup_into(char **dst, const char *v, struct kctx *k)
{
	char *s;
	if (!*v) { k->why = "empty value"; return -EINVAL; }
	if (!(s = strdup(v))) { k->why = "out of memory"; return -ENOMEM; }
	free(*dst);
	*dst = s;
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
	c->env[c->nenv] = NULL;
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
int config_set_limit(struct config *c, int r, const char *v, struct kctx *k)
{
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
NS_SETTER(NS_USER, set_ns_user)

/* uid-map, gid-map: INSIDE OUTSIDE COUNT, as the kernel takes them (a
 * range must not wrap past 2^32 - 1); overlaps are found in validate. */
static bool parse_id(const char *s, unsigned long long *out)
{
	unsigned long long v = 0;
	for (const char *p = s; *p && v <= 0xffffffffULL; p++)
		v = *p >= '0' && *p <= '9' ? v * 10 + (unsigned)(*p - '0') : ~0ULL;
	*out = v;
	return *s && v <= 0xffffffffULL;
}

static int add_id_map(struct config *c, int which, const char *v, struct kctx *k)
{
	unsigned long long n[3];
	char **w = split_words(v, &k->why);
	struct id_map *m;
	int i = 0;

	if (!w)
		return -EINVAL;
	while (i < 3 && w[i] && parse_id(w[i], &n[i]))
		i++;
	k->why = i < 3 || w[3] ? "expected INSIDE OUTSIDE COUNT (numbers below 2^32)"
	       : !n[2] ? "COUNT must be at least 1"
	       : n[0] + n[2] > 0xffffffffULL || n[1] + n[2] > 0xffffffffULL ? "range goes past 4294967294" : NULL;
	free_words(w);
	if (k->why)
		return -EINVAL;
	if (!(m = realloc(c->id_maps[which], (c->nid_maps[which] + 1) * sizeof(*m)))) {
		k->why = "out of memory";
		return -ENOMEM;
	}
	c->id_maps[which] = m;
	m[c->nid_maps[which]++] = (struct id_map){ (unsigned long)n[0], (unsigned long)n[1], (unsigned long)n[2], k->line };
	return 0;
}
static int set_uid_map(struct config *c, const char *v, struct kctx *k) { return add_id_map(c, 0, v, k); }
static int set_gid_map(struct config *c, const char *v, struct kctx *k) { return add_id_map(c, 1, v, k); }
static int set_root_idmap(struct config *c, const char *v, struct kctx *k) { return bool_into(&c->root_idmap, v, k); }

/* [cgroup]: the syntax only; whether the host has the controller is seen
 * at run (cgroup.c). */
/* "max" (-1) or a number from LO to HI into *OUT. */
static int max_or_long(const char *v, long lo, long hi, long long *out)
{
	long l = -1;
	if (strcmp(v, "max") && parse_long(v, lo, hi, &l) < 0)
		return -EINVAL;
	*out = l;
	return 0;
}

static int set_cgroup(struct config *c, const char *v, struct kctx *k)
{
	struct cg_conf *g = &c->cg;
	/* The keys but path, in the order of their bits (CG_* is 1 << i). */
	static const char *const names[] = { "memory.max", "memory.high", "pids.max", "cpu.max", "cpu.weight",
					     "io.weight", "cpuset.cpus" };
	unsigned i = 0;
	long long n;
	long l = 100000;
	char q[32];
	int r;

	g->on = true;
	if (!strcmp(k->key, "path")) {
		/* Components neither empty nor "." or "..": it stays where it
		 * is put; no newline (the state keeps it on one line). */
		for (const char *p = v + (*v == '/'); ; p += strcspn(p, "/") + 1) {
			size_t len = strcspn(p, "/");
			if (!len || (p[0] == '.' && (len == 1 || (len == 2 && p[1] == '.'))) || strchr(v, '\n')) {
				k->why = "expected a cgroup path without empty, . or .. parts";
				return -EINVAL;
			}
			if (!p[len])
				return dup_into(&g->path, v, k);
		}
	}
	while (strcmp(k->key, names[i]))
		i++;
	g->set |= 1u << i;
	k->why = "expected a size (64M) or max";
	switch (i) {
	case 0: case 1:
		return parse_size(v, i ? &g->mem_high : &g->mem_max) < 0 ? -EINVAL : 0;
	case 2:
		k->why = "expected a number of processes or max";
		r = max_or_long(v, 1, 4194304, &n);
		g->pids_max = (uint64_t)n; /* (-1: SIZE_MAX_VALUE, max) */
		return r;
	case 3: {
		/* QUOTA [PERIOD] */
		k->why = "expected QUOTA [PERIOD] in microseconds, QUOTA max or 1000 and up, PERIOD 1000 to 1000000";
		size_t ql = strcspn(v, " ");
		if (ql >= sizeof(q) || (v[ql] && parse_long(v + ql + 1, 1000, 1000000, &l) < 0))
			return -EINVAL;
		g->cpu_period = l;
		memcpy(q, v, ql);
		q[ql] = 0;
		return max_or_long(q, 1000, 0x7fffffff, &g->cpu_quota);
	}
	case 4: case 5:
		k->why = "expected a weight from 1 to 10000";
		return parse_long(v, 1, 10000, i == 4 ? &g->cpu_weight : &g->io_weight) < 0 ? -EINVAL : 0;
	}
	/* cpuset.cpus: a list such as 0-3,6 (the kernel checks the CPUs). */
	k->why = "expected a CPU list such as 0-3,6";
	/* One pass: digits, and separators neither first, nor two in a row,
	 * nor last (SEP: the last character was one, or none yet). */
	bool sep = true;
	for (const char *p = v; *p; p++)
		if (*p >= '0' && *p <= '9')
			sep = false;
		else if ((*p == ',' || *p == '-') && !sep)
			sep = true;
		else
			return -EINVAL;
	return sep ? -EINVAL : dup_into(&g->cpus, v, k);
}

/* (Left out of a build without CGROUP.) */
#define CG_SETTER (HAVE_CGROUP ? set_cgroup : NULL)

/* "all", "default", "none" or capability names into a bit set. */
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
		} else if (!strcmp(*p, "default")) {
			*set |= CAPS_DEFAULT;
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
			if (!(m = add_mount(c, kind, k)))
				goto out;
			if (!(m->target = strdup(w[i]))) {
				k->why = "out of memory";
				r = -ENOMEM;
				goto out;
			}
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
	if (!m->target || (kind == M_BIND && !m->source) || (kind == M_TMPFS && n == 2 && !m->data)) {
		k->why = "out of memory";
		r = -ENOMEM;
		goto out;
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

#if HAVE_NETWORK
/* ---- [network]: names and addresses checked here, used by network.c ---- */

static void net_mark(struct config *c, struct kctx *k)
{
	if (!c->net.any)
		c->net.line = k->line;
	c->net.any = true;
}

static int net_words(struct config *c, const char *v, char ***w, int max, struct kctx *k)
{
	int n;
	net_mark(c, k);
	if (!(*w = split_words(v, &k->why)))
		return -EINVAL;
	if ((n = count_words(*w)) == 0 || n > max) {
		free_words(*w);
		k->why = n ? "too many words" : "empty value";
		return -EINVAL;
	}
	return n;
}

/* What the kernel takes (dev_valid_name), less '%' (a pattern for it) and
 * anything but printable ASCII. */
static int ifname_into(char *dst, const char *v, struct kctx *k)
{
	size_t n = strlen(v);
	for (const char *p = v; *p; p++)
		if (*p <= ' ' || *p > '~' || strchr("/:%", *p))
			n = 0;
	if (n == 0 || n > 15 || !strcmp(v, ".") || !strcmp(v, "..")) {
		snprintf(k->buf, sizeof(k->buf), "'%s' is not an interface name (1 to 15 printable characters but / : %%, not . or ..)", v);
		k->why = k->buf;
		return -EINVAL;
	}
	memcpy(dst, v, n + 1);
	return 0;
}

/* ADDR/PREFIX (want_prefix) or ADDR. */
static int addr_into(struct net_addr *a, const char *v, bool want_prefix, struct kctx *k)
{
	char buf[64], *slash;
	long pfx = -1;
	int fam = strchr(v, ':') ? AF_INET6 : AF_INET;

	snprintf(buf, sizeof(buf), "%s", v);
	if ((slash = strchr(buf, '/')))
		*slash++ = 0;
	if (strlen(v) >= sizeof(buf) || inet_pton(fam, buf, a->a) != 1 || !slash != !want_prefix ||
	    (slash && parse_long(slash, 0, fam == AF_INET ? 32 : 128, &pfx) < 0)) {
		k->why = want_prefix ? "expected an IPv4 or IPv6 ADDRESS/PREFIX" : "expected an IPv4 or IPv6 address";
		return -EINVAL;
	}
	a->family = fam;
	a->prefix = pfx;
	return 0;
}

static int set_net_veth(struct config *c, const char *v, struct kctx *k)
{
	char **w;
	int n = net_words(c, v, &w, 2, k), r;
	if (n < 0)
		return n;
	r = ifname_into(c->net.veth[0], w[0], k) ?: ifname_into(c->net.veth[1], n > 1 ? w[1] : "eth0", k);
	free_words(w);
	return r;
}

static int set_net_macvlan(struct config *c, const char *v, struct kctx *k)
{
	/* MACVLAN_MODE_*: 1 << the index. */
	static const char *const modes[] = { "private", "vepa", "bridge", "passthru", NULL };
	char **w;
	int n = net_words(c, v, &w, 3, k), r, i = 2;
	if (n < 0)
		return n;
	r = ifname_into(c->net.macvlan[0], w[0], k) ?: ifname_into(c->net.macvlan[1], n > 1 ? w[1] : "eth0", k);
	if (!r && n > 2)
		r = one_of(w[2], modes, &i, "MODE is bridge, private, vepa or passthru", k);
	c->net.macvlan_mode = 1 << i;
	free_words(w);
	return r;
}

static int set_net_move(struct config *c, const char *v, struct kctx *k)
{
	char **w, (*m)[2][16];
	int n = net_words(c, v, &w, 2, k), r = -ENOMEM;
	if (n < 0)
		return n;
	if ((m = realloc(c->net.move, (c->net.nmove + 1) * sizeof(*m)))) {
		c->net.move = m;
		m += c->net.nmove;
		r = ifname_into((*m)[0], w[0], k) ?: ifname_into((*m)[1], w[n - 1], k);
		c->net.nmove += !r;
	} else {
		k->why = "out of memory";
	}
	free_words(w);
	return r;
}

static int set_net_bridge(struct config *c, const char *v, struct kctx *k)
{
	net_mark(c, k);
	return ifname_into(c->net.bridge, v, k);
}

static int set_net_host_addr(struct config *c, const char *v, struct kctx *k)
{
	net_mark(c, k);
	return addr_into(&c->net.host_addr, v, true, k);
}

static int set_net_address(struct config *c, const char *v, struct kctx *k)
{
	struct net_addr *a;
	net_mark(c, k);
	if (!(a = realloc(c->net.addr, (c->net.naddr + 1) * sizeof(*a)))) { k->why = "out of memory"; return -ENOMEM; }
	c->net.addr = a;
	if (addr_into(&a[c->net.naddr], v, true, k) < 0)
		return -EINVAL;
	c->net.naddr++;
	return 0;
}

static int set_net_gateway(struct config *c, const char *v, struct kctx *k)
{
	struct net_addr a;
	net_mark(c, k);
	if (addr_into(&a, v, false, k) < 0)
		return -EINVAL;
	if (c->net.gw[a.family == AF_INET6].family && k->line) {
		k->why = a.family == AF_INET6 ? "a second IPv6 gateway" : "a second IPv4 gateway";
		return -EINVAL;
	}
	c->net.gw[a.family == AF_INET6] = a;
	return 0;
}

static int set_net_mtu(struct config *c, const char *v, struct kctx *k)
{
	long m;
	net_mark(c, k);
	if (parse_long(v, 68, 65535, &m) < 0) { k->why = "expected a number from 68 to 65535"; return -EINVAL; }
	c->net.mtu = (unsigned)m;
	return 0;
}
#define NET_SETTER(fn) fn
#else
#define NET_SETTER(fn) NULL
#endif

/* A setter of a subsystem this build has not: left out of the binary. */
#define USERNS_FN(fn) (HAVE_USERNS ? fn : NULL)

/* [seccomp]: profile, action, and deny/allow names into bit maps. */
static int set_sc_profile(struct config *c, const char *v, struct kctx *k)
{
	static const char *const w[] = { "default", "none", NULL }; /* enum seccomp_profile */
	int i, r = one_of(v, w, &i, "expected default or none", k);
	if (r == 0)
		c->seccomp.profile = (uint8_t)i;
	return r;
}

static int set_sc_action(struct config *c, const char *v, struct kctx *k)
{
	static const char *const w[] = { "errno", "kill", "log", NULL }; /* enum seccomp_action */
	int i, r = one_of(v, w, &i, "expected errno, kill or log", k);
	if (r == 0)
		c->seccomp.action = (uint8_t)i;
	return r;
}

static int sc_names_into(uint64_t *map, const char *v, struct kctx *k)
{
	char **w = split_words(v, &k->why);
	int r = 0;

	if (!w)
		return -EINVAL;
	if (!w[0]) { k->why = "empty value"; r = -EINVAL; }
	for (char **p = w; r == 0 && *p; p++) {
		int nr = seccomp_syscall_nr(*p);
		if (nr == -ENOENT) {
			snprintf(k->buf, sizeof(k->buf), "unknown system call '%.64s'", *p);
			k->why = k->buf;
			r = -EINVAL;
		} else if (nr >= 0) {
			map[nr / 64] |= 1ULL << (nr % 64);
		}
	}
	free_words(w);
	return r;
}

static int set_sc_deny(struct config *c, const char *v, struct kctx *k) { return sc_names_into(c->seccomp.deny, v, k); }
static int set_sc_allow(struct config *c, const char *v, struct kctx *k) { return sc_names_into(c->seccomp.allow, v, k); }

/* The key table: every key of the file (see keys.h). */
#define KEYS(X)                                                                \
	X(container, "name", set_name, 0, 1)                                 \
	X(container, "hostname", set_hostname, 0, 1)                         \
	X(root, "path", set_root_path, 0, 1)                                 \
	X(root, "pivot", set_pivot, 0, 1)                                    \
	X(root, "readonly", set_root_ro, 0, 1)                               \
	X(root, "idmap", USERNS_FN(set_root_idmap), 0, HAVE_USERNS)          \
	X(process, "exec", set_exec, 0, 1)                                   \
	X(process, "cwd", set_cwd, 0, 1)                                     \
	X(process, "user", set_user, 0, 1)                                   \
	X(process, "groups", set_groups, 0, 1)                               \
	X(process, "env", set_env, K_REPEAT, 1)                              \
	X(process, "pass-env", set_pass_env, 0, 1)                           \
	X(process, "umask", set_umask, 0, 1)                                 \
	X(process, "no-new-privs", set_nnp, 0, 1)                            \
	X(process, "oom-score-adj", set_oom, 0, 1)                           \
	X(process, "init", set_init, 0, 1)                                   \
	X(process, "terminal", set_terminal, 0, HAVE_TERMINAL)               \
	X(process, "stop-signal", set_stop_signal, 0, 1)                     \
	X(process, "stop-timeout", set_stop_timeout, 0, 1)                   \
	X(namespaces, "pid", set_ns_pid, 0, 1)                               \
	X(namespaces, "mount", set_ns_mount, 0, 1)                           \
	X(namespaces, "uts", set_ns_uts, 0, 1)                               \
	X(namespaces, "ipc", set_ns_ipc, 0, 1)                               \
	X(namespaces, "net", set_ns_net, 0, 1)                               \
	X(namespaces, "cgroup", set_ns_cgroup, 0, 1)                         \
	X(namespaces, "time", set_ns_time, 0, 1)                             \
	X(namespaces, "user", USERNS_FN(set_ns_user), 0, HAVE_USERNS)        \
	X(namespaces, "uid-map", USERNS_FN(set_uid_map), K_REPEAT, HAVE_USERNS) \
	X(namespaces, "gid-map", USERNS_FN(set_gid_map), K_REPEAT, HAVE_USERNS) \
	X(capabilities, "keep", set_cap_keep, 0, 1)                          \
	X(capabilities, "drop", set_cap_drop, 0, 1)                          \
	X(mounts, "proc", set_m_proc, K_REPEAT, 1)                           \
	X(mounts, "sysfs", set_m_sysfs, K_REPEAT, 1)                         \
	X(mounts, "dev", set_m_dev, K_REPEAT, 1)                             \
	X(mounts, "tmpfs", set_m_tmpfs, K_REPEAT, 1)                         \
	X(mounts, "bind", set_m_bind, K_REPEAT, 1)                           \
	X(mounts, "mask", set_m_mask, K_REPEAT, 1)                           \
	X(mounts, "readonly", set_m_readonly, K_REPEAT, 1)                   \
	X(mounts, "defaults", set_m_defaults, K_REPEAT, 1)                   \
	X(cgroup, "path", CG_SETTER, 0, HAVE_CGROUP)                         \
	X(cgroup, "memory.max", CG_SETTER, 0, HAVE_CGROUP)                   \
	X(cgroup, "memory.high", CG_SETTER, 0, HAVE_CGROUP)                  \
	X(cgroup, "pids.max", CG_SETTER, 0, HAVE_CGROUP)                     \
	X(cgroup, "cpu.max", CG_SETTER, 0, HAVE_CGROUP)                      \
	X(cgroup, "cpu.weight", CG_SETTER, 0, HAVE_CGROUP)                   \
	X(cgroup, "io.weight", CG_SETTER, 0, HAVE_CGROUP)                    \
	X(cgroup, "cpuset.cpus", CG_SETTER, 0, HAVE_CGROUP)                  \
	X(network, "veth", NET_SETTER(set_net_veth), 0, HAVE_NETWORK)                     \
	X(network, "bridge", NET_SETTER(set_net_bridge), 0, HAVE_NETWORK)                 \
	X(network, "host-address", NET_SETTER(set_net_host_addr), 0, HAVE_NETWORK)        \
	X(network, "macvlan", NET_SETTER(set_net_macvlan), 0, HAVE_NETWORK)               \
	X(network, "move", NET_SETTER(set_net_move), K_REPEAT, HAVE_NETWORK)              \
	X(network, "address", NET_SETTER(set_net_address), K_REPEAT, HAVE_NETWORK)        \
	X(network, "gateway", NET_SETTER(set_net_gateway), K_REPEAT, HAVE_NETWORK)        \
	X(network, "mtu", NET_SETTER(set_net_mtu), 0, HAVE_NETWORK)                       \
	X(seccomp, "profile", set_sc_profile, 0, HAVE_SECCOMP)                \
	X(seccomp, "deny", set_sc_deny, K_REPEAT, HAVE_SECCOMP)               \
	X(seccomp, "allow", set_sc_allow, K_REPEAT, HAVE_SECCOMP)             \
	X(seccomp, "action", set_sc_action, 0, HAVE_SECCOMP)                  \
	X(supervisor, "restart", set_restart, 0, HAVE_PID1)                  \
	X(supervisor, "restart-delay", set_restart_delay, 0, HAVE_PID1)      \
	X(supervisor, "restart-max-delay", set_restart_max, 0, HAVE_PID1)    \
	X(supervisor, "on-exit", set_on_exit, 0, HAVE_PID1)                  \
	X(supervisor, "pid-file", set_pid_file, 0, 1)                        \
	X(supervisor, "notify", set_notify, 0, HAVE_NOTIFY)                  \
	X(supervisor, "listen-fds", set_listen_fds, 0, HAVE_LISTEN_FDS)      \
	X(supervisor, "subreaper", set_subreaper, 0, 1)                      \
	X(supervisor, "log", set_log, 0, 1)

/* The table in three arrays rather than an array of structs with two
 * string pointers a key (32 bytes each): the names in one string, the
 * section and flags in a byte, the setter. The keys this build has first,
 * then those of subsystems it has not: these have names and flags (to be
 * refused as "not supported", not as unknown) but no setter slot, so
 * neither the 8 bytes of a slot nor the setter is in the binary. */
#define SECTIONS(X) X(container) X(root) X(process) X(namespaces) X(capabilities) \
	X(mounts) X(cgroup) X(network) X(supervisor) X(seccomp)
#define SECTION_ENUM(s) S_##s,
enum { SECTIONS(SECTION_ENUM) };
_Static_assert((int)S_seccomp <= (int)K_SECTION, "widen K_SECTION");
#define SECTION_NAME(s) #s "\0"
static const char section_names[] = SECTIONS(SECTION_NAME);

/* KEY_IF(b)(x) is x where b expands to 1, nothing where 0; KEY_IFNOT the
 * reverse (b is 1 or a HAVE_ symbol, which src/subsys.h defines as 0 or 1). */
#define KEY_IF_1(...) __VA_ARGS__
#define KEY_IF_0(...)
#define KEY_IFNOT_1(...)
#define KEY_IFNOT_0(...) __VA_ARGS__
#define KEY_IF_(b) KEY_IF_##b
#define KEY_IF(b) KEY_IF_(b)
#define KEY_IFNOT_(b) KEY_IFNOT_##b
#define KEY_IFNOT(b) KEY_IFNOT_(b)
#define KEY_NAME(s, n, fn, fl, b) KEY_IF(b)(n "\0")
#define KEY_NAME_OUT(s, n, fn, fl, b) KEY_IFNOT(b)(n "\0")
#define KEY_FLAGS(s, n, fn, fl, b) KEY_IF(b)(S_##s | fl,)
#define KEY_FLAGS_OUT(s, n, fn, fl, b) KEY_IFNOT(b)(S_##s | fl,)
#define KEY_SET(s, n, fn, fl, b) KEY_IF(b)(fn,)
#define KEY_SET_OUT(s, n, fn, fl, b) KEY_IFNOT(b)(fn,)
static const char key_names[] = KEYS(KEY_NAME) KEYS(KEY_NAME_OUT);
const uint8_t config_key_flags[] = { KEYS(KEY_FLAGS) KEYS(KEY_FLAGS_OUT) };
int (*const config_key_set[])(struct config *c, const char *v, struct kctx *k) = { KEYS(KEY_SET) };
const unsigned config_nkeys = sizeof(config_key_flags);
const unsigned config_nset = sizeof(config_key_set) / sizeof(config_key_set[0]);
/* The setters of keys not built, named only so that the compiler does not
 * warn they are unused; the array is not referenced, so neither it nor
 * they reach the binary. */
static int (*const unbuilt[])(struct config *c, const char *v, struct kctx *k) __attribute__((unused)) = { KEYS(KEY_SET_OUT) NULL };
_Static_assert(sizeof(config_key_flags) <= KEYS_MAX, "raise KEYS_MAX");

/* The index of NAME in the strings "a\0b\0...\0", or -1; with FLAGS, only
 * where FLAGS[index] & K_SECTION is SECTION. */
static int find(const char *names, const char *name, const uint8_t *flags, int section)
{
	int i = 0;
	for (const char *p = names; *p; p += strlen(p) + 1, i++)
		if ((!flags || (flags[i] & K_SECTION) == section) && !strcmp(p, name))
			return i;
	return -1;
}

int config_section(const char *s)
{
	return find(section_names, s, NULL, 0);
}

int config_key(const char *section, const char *name)
{
	int s = config_section(section);
	return s < 0 ? -1 : find(key_names, name, config_key_flags, s);
}
