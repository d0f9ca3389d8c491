/* SPDX-License-Identifier: GPL-2.0-only */
/* keys.c - every key of the INI file: its setter and the table that
 * drives parsing (config.c) and cella check. */
#include "keys.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "seccomp.h"
#include "subsys.h"
#include "value.h"

/* ---- setters: each returns NULL, or the reason the value is bad ---- */

static const char oom[] = "out of memory";

/* One more element of SIZE bytes at the end of the array *ARRAY of N
 * (ARRAY points at the pointer): the new one, zeroed, and a zeroed one after
 * it (a NULL-terminated vector's end); NULL when out of memory. */
static void *grow(void *array, int n, size_t size)
{
	char *a;
	memcpy(&a, array, sizeof(a));
	if (!(a = realloc(a, (n + 2) * size)))
		return NULL;
	memcpy(array, &a, sizeof(a));
	return memset(a + n * size, 0, 2 * size);
}

/* Replaces (and frees) what *dst held: --set overrides a key of the file. */
static const char *dup_into(char **dst, const char *v)
{
	char *s;
	if (!*v)
		return "empty value";
	if (!(s = strdup(v)))
		return oom;
	free(*dst);
	*dst = s;
	return NULL;
}

static const char *path_into(char **dst, const char *v)
{
	return v[0] != '/' ? "not an absolute path" : dup_into(dst, v);
}

static const char *bool_into(bool *dst, const char *v)
{
	return parse_bool(v, dst) < 0 ? "expected yes or no" : NULL;
}

/* Words into a NULL-terminated vector (*W, which the caller frees with
 * free_words), at least one; their number in *N. */
static const char *split(const char *v, char ***w, int *n)
{
	const char *why;
	if (!(*w = split_words(v, &why)))
		return why;
	if (!(*n = count_words(*w)))
		return "empty value";
	return NULL;
}

static const char *words_into(char ***dst, const char *v)
{
	char **w;
	int n;
	const char *why = split(v, &w, &n);
	if (!why) {
		free_words(*dst);
		*dst = w;
		return NULL;
	}
	free_words(w);
	return why;
}

static const char *set_name(struct config *c, const char *v)
{
	return valid_name(v) ? dup_into(&c->name, v) : "use 1 to 64 of A-Z a-z 0-9 _ . -";
}

static const char *set_hostname(struct config *c, const char *v)
{
	return strlen(v) > 64 ? "longer than 64 characters" : dup_into(&c->hostname, v);
}

static const char *set_pivot(struct config *c, const char *v)
{
	bool b;
	if (!strcmp(v, "auto")) c->pivot = PIVOT_AUTO;
	else if (parse_bool(v, &b) == 0) c->pivot = b ? PIVOT_YES : PIVOT_NO;
	else return "expected yes, no or auto";
	return NULL;
}

static const char *set_user(struct config *c, const char *v)
{
	const char *colon = strchr(v, ':');
	if (v[0] == ':' || (colon && (!colon[1] || strchr(colon + 1, ':'))))
		return "expected UID[:GID] or NAME[:GROUP]";
	return dup_into(&c->user, v);
}

static const char *set_env(struct config *c, const char *v)
{
	const char *eq = strchr(v, '=');
	char **e;
	if (!eq || eq == v)
		return "expected NAME=VALUE";
	if (!(e = grow(&c->env, c->nenv, sizeof(char *))) || dup_into(e, v))
		return oom;
	c->nenv++;
	return NULL;
}

static const char *set_pass_env(struct config *c, const char *v)
{
	const char *why = words_into(&c->pass_env, v);
	for (char **p = c->pass_env; !why && *p; p++)
		if (strchr(*p, '='))
			why = "expected variable names";
	return why;
}

static const char *set_umask(struct config *c, const char *v)
{
	if (parse_octal_mode(v, &c->umask) < 0 || c->umask > 0777)
		return "expected an octal mode (0022)";
	return NULL;
}

static const char *set_oom(struct config *c, const char *v)
{
	if (parse_long(v, -1000, 1000, &c->oom_score_adj) < 0)
		return "expected a number from -1000 to 1000";
	c->oom_set = true;
	return NULL;
}

static const char *set_stop_signal(struct config *c, const char *v)
{
	int s = parse_signal(v);
	if (s < 0)
		return "unknown signal";
	c->stop_signal = s;
	return NULL;
}

static const char *duration_into(long long *dst, const char *v)
{
	return parse_duration_ms(v, dst) < 0 ? "expected a duration (500ms, 10s, 2m)" : NULL;
}

/* Called for limit-NAME keys, which the table cannot list one by one. */
int config_set_limit(struct config *c, int r, const char *v, struct kctx *k)
{
	if (parse_rlimit(v, &c->rlim[r]) < 0) {
		k->why = "expected N, SOFT:HARD or infinity (SOFT <= HARD)";
		return -EINVAL;
	}
	c->rlim_set |= 1u << r;
	return 0;
}

static const char *set_ns(struct config *c, enum ns_kind ns, const char *v)
{
	bool joinable = ns == NS_NET || ns == NS_UTS || ns == NS_IPC || ns == NS_PID;
	if (joinable && v[0] == '/') {
		c->ns[ns].enabled = false;
		return dup_into(&c->ns[ns].join, v);
	}
	if (parse_bool(v, &c->ns[ns].enabled) < 0)
		return joinable ? "expected yes, no or a namespace path" : "expected yes or no";
	free(c->ns[ns].join);
	c->ns[ns].join = NULL;
	return NULL;
}

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

static const char *add_id_map(struct config *c, int which, const char *v, int line)
{
	unsigned long long n[3];
	char **w;
	struct id_map *m;
	int i = 0;
	const char *why = split(v, &w, &i);

	if (!why) {
		for (i = 0; i < 3 && w[i] && parse_id(w[i], &n[i]); i++)
			;
		why = i < 3 || w[3] ? "expected INSIDE OUTSIDE COUNT (each < 2^32)"
		    : !n[2] ? "COUNT must be at least 1"
		    : n[0] + n[2] > 0xffffffffULL || n[1] + n[2] > 0xffffffffULL ? "range goes past 4294967294" : NULL;
	}
	free_words(w);
	if (why)
		return why;
	if (!(m = grow(&c->id_maps[which], c->nid_maps[which], sizeof(*m))))
		return oom;
	c->nid_maps[which]++;
	*m = (struct id_map){ (unsigned long)n[0], (unsigned long)n[1], (unsigned long)n[2], line };
	return NULL;
}

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

/* I: the key, in the order of the bits (CG_* is 1 << I); path is 7. */
_Static_assert(CG_MEM_MAX == 1 << 0 && CG_PIDS == 1 << 2 && CG_CPU_MAX == 1 << 3 && CG_CPUS == 1 << 6, "the cgroup keys' I");
static const char *set_cgroup(struct config *c, unsigned i, const char *v)
{
	struct cg_conf *g = &c->cg;
	long long n;
	long l = 100000;
	char q[32];
	const char *p;

	g->on = true;
	if (i == 7) {
		/* Components neither empty nor "." or "..": it stays where it
		 * is put; no newline (the state keeps it on one line). */
		const char *part = v + (*v == '/');
		for (p = part; *p != '\n'; p++)
			if (!*p || *p == '/') {
				size_t len = (size_t)(p - part);
				if (!len || (part[0] == '.' && (len == 1 || (len == 2 && part[1] == '.'))))
					break;
				if (!*p)
					return dup_into(&g->path, v);
				part = p + 1;
			}
		return "expected a path without empty, . or .. parts";
	}
	g->set |= 1u << i;
	switch (i) {
	case 0: case 1:
		return parse_size(v, i ? &g->mem_high : &g->mem_max) < 0 ? "expected a size (64M) or max" : NULL;
	case 2:
		if (max_or_long(v, 1, 4194304, &n) < 0)
			return "expected a number or max";
		g->pids_max = (uint64_t)n; /* (-1: SIZE_MAX_VALUE, max) */
		return NULL;
	case 3: {
		/* QUOTA [PERIOD] */
		size_t ql = strcspn(v, " ");
		if (ql < sizeof(q) && (!v[ql] || parse_long(v + ql + 1, 1000, 1000000, &l) == 0)) {
			g->cpu_period = l;
			memcpy(q, v, ql);
			q[ql] = 0;
			if (max_or_long(q, 1000, 0x7fffffff, &g->cpu_quota) == 0)
				return NULL;
		}
		return "expected QUOTA [PERIOD] in us: max or 1000 up, 1000 to 1000000";
	}
	case 4: case 5:
		return parse_long(v, 1, 10000, i == 4 ? &g->cpu_weight : &g->io_weight) < 0 ?
			"expected a weight from 1 to 10000" : NULL;
	}
	/* cpuset.cpus: a list such as 0-3,6 (the kernel checks the CPUs).
	 * One pass: digits, and separators neither first, nor two in a row,
	 * nor last (SEP: the last character was one, or none yet). */
	bool sep = true;
	for (p = v; *p; p++)
		if (*p >= '0' && *p <= '9')
			sep = false;
		else if ((*p == ',' || *p == '-') && !sep)
			sep = true;
		else
			break;
	return sep || *p ? "expected a CPU list such as 0-3,6" : dup_into(&g->cpus, v);
}

/* Names into a bit set: capabilities (CAPS: the value replaces the set;
 * and "all", "default", "none"; into *NAMED too, when given) or system
 * calls (their numbers on this architecture; one it has not is left out). */
static const char *names_into(uint64_t *set, uint64_t *named, bool caps, const char *v, struct kctx *k)
{
	char **w;
	int n;
	const char *why = split(v, &w, &n);

	if (caps) {
		*set = 0;
		if (named)
			*named = 0;
	}
	for (char **p = w; !why && *p; p++) {
		int nr = caps ? parse_capability(*p) : seccomp_syscall_nr(*p);
		switch (caps ? word_index("all\0default\0none\0", *p) : -1) {
		case 0: *set = ~0ULL; break;
		case 1: *set |= CAPS_DEFAULT; break;
		case 2: *set = 0; break;
		default:
			if (nr >= 0) {
				set[nr / 64] |= 1ULL << (nr % 64);
				if (named)
					*named |= 1ULL << nr;
			} else if (caps || nr == -ENOENT) {
				snprintf(k->buf, sizeof(k->buf), "unknown %s '%.64s'", caps ? "capability" : "system call", *p);
				why = k->buf;
			}
		}
	}
	free_words(w);
	return why;
}

/* Mount values are words: TARGET [flags], SOURCE TARGET [flags], PATH...;
 * the mounts take the words themselves. */
static const char *set_mount(struct config *c, enum mount_kind kind, const char *v, struct kctx *k)
{
	char **w;
	int n = 0, i;
	bool bind = kind == M_BIND, many = kind >= M_MASK;
	const char *why = split(v, &w, &n);
	struct mount_conf *m;

	/* The paths: every word of mask and readonly, bind's first two,
	 * the first of the others. */
	for (i = 0; !why && i < (many ? n : 1 + bind); i++)
		if (i < n && w[i][0] != '/') {
			snprintf(k->buf, sizeof(k->buf), "'%s' is not an absolute path", w[i]);
			why = k->buf;
		}
	if (!why) {
		if ((kind == M_PROC || kind == M_DEV) && n != 1)
			why = "expected TARGET";
		else if (kind == M_SYSFS && (n > 2 || (n == 2 && strcmp(w[1], "rw"))))
			why = "expected TARGET [rw]";
		else if (kind == M_TMPFS && n > 2)
			why = "expected TARGET [OPTIONS]";
		else if (bind && n < 2)
			why = "expected SOURCE TARGET [ro] [rec]";
		for (i = 2; bind && i < n; i++)
			if (strcmp(w[i], "ro") && strcmp(w[i], "rec"))
				why = "expected SOURCE TARGET [ro] [rec]";
	}
	for (i = 0; !why && i < (many ? n : 1); i++) {
		if (!(m = grow(&c->mounts, c->nmounts, sizeof(*m)))) {
			why = oom;
			break;
		}
		c->nmounts++;
		m->kind = kind;
		m->line = k->line;
		m->target = w[i + bind];
		w[i + bind] = NULL;
		if (bind) {
			m->source = w[0];
			w[0] = NULL;
			for (int j = 2; j < n; j++)
				(w[j][1] == 'o' ? &m->ro : &m->rec)[0] = true;
		} else if (n == 2) {
			/* sysfs rw, tmpfs OPTIONS */
			m->rw = kind == M_SYSFS;
			if (kind == M_TMPFS) {
				m->data = w[1];
				w[1] = NULL;
			}
		}
	}
	for (i = 0; i < n; i++)
		free(w[i]);
	free(w);
	return why;
}

static const char *set_log(struct config *c, const char *v)
{
	if (log_parse_target(v) < 0)
		return "expected auto, stderr, kmsg, syslog or an absolute path";
	return dup_into(&c->log, v);
}

/* A value that is one of WORDS ("a\0b\0c\0"): its index in *OUT; else the
 * reason, "expected a, b or c", in k->buf (and *OUT as it was). */
static const char *one_of(const char *v, const char *words, int *out, struct kctx *k)
{
	/* (the lists are short: k->buf holds them) */
	char *b = stpcpy(k->buf, "expected ");
	int i = word_index(words, v);
	if (i >= 0) {
		*out = i;
		return NULL;
	}
	for (const char *p = words; *p; p += strlen(p) + 1) {
		if (p != words)
			b = stpcpy(b, p[strlen(p) + 1] ? ", " : " or ");
		b = stpcpy(b, p);
	}
	return k->buf;
}

#if HAVE_NETWORK
/* ---- [network]: names and addresses checked here, used by network.c ---- */

/* 1 to MAX words of V into *W (freed by the caller, also on error). */
static const char *net_words(const char *v, char ***w, int *n, int max)
{
	const char *why = split(v, w, n);
	return why ?: *n > max ? "too many words" : NULL;
}

/* What the kernel takes (dev_valid_name), less '%' (a pattern for it) and
 * anything but printable ASCII. */
static const char *ifname_into(char *dst, const char *v, struct kctx *k)
{
	size_t n = strlen(v);
	for (const char *p = v; *p; p++)
		if (*p <= ' ' || *p > '~' || strchr("/:%", *p))
			n = 0;
	if (n == 0 || n > 15 || (v[0] == '.' && n <= 2 && v[n - 1] == '.')) {
		snprintf(k->buf, sizeof(k->buf), "'%s' is not an interface name (1-15 printable, no / : %%, not . ..)", v);
		return k->buf;
	}
	memcpy(dst, v, n + 1);
	return NULL;
}

/* ADDR/PREFIX (want_prefix) or ADDR. */
static const char *addr_into(struct net_addr *a, const char *v, bool want_prefix)
{
	char buf[64], *slash = NULL;
	long pfx = -1;
	int fam = strchr(v, ':') ? AF_INET6 : AF_INET;

	bool fits = strlen(v) < sizeof(buf);

	if (fits && (slash = strchr(strcpy(buf, v), '/')))
		*slash++ = 0;
	if (!fits || inet_pton(fam, buf, a->a) != 1 || !slash != !want_prefix ||
	    (slash && parse_long(slash, 0, fam == AF_INET ? 32 : 128, &pfx) < 0))
		return want_prefix ? "expected an IPv4 or IPv6 ADDRESS/PREFIX" : "expected an IPv4 or IPv6 address";
	a->family = fam;
	a->prefix = pfx;
	return NULL;
}

/* KIND 0: veth HOSTIF [INSIDEIF]; 1: macvlan PARENT [INSIDEIF [MODE]];
 * 2: move IF [INSIDENAME] (one more). */
static const char *set_net_names(struct config *c, int kind, const char *v, struct kctx *k)
{
	char **w, (*dst)[16] = kind ? c->net.macvlan : c->net.veth;
	int n = 0, i = 2;
	const char *why = net_words(v, &w, &n, kind == 1 ? 3 : 2);

	if (!why && kind == 2 && !(dst = grow(&c->net.move, c->net.nmove, sizeof(*c->net.move))))
		why = oom;
	if (!why)
		why = ifname_into(dst[0], w[0], k) ?: ifname_into(dst[1], n > 1 ? w[1] : kind == 2 ? w[0] : "eth0", k);
	/* MACVLAN_MODE_*: 1 << the index. */
	if (!why && n > 2)
		why = one_of(w[2], "private\0vepa\0bridge\0passthru\0", &i, k);
	if (kind == 1)
		c->net.macvlan_mode = 1 << i;
	c->net.nmove += kind == 2 && !why;
	free_words(w);
	return why;
}

static const char *set_net_address(struct config *c, const char *v)
{
	struct net_addr *a;
	const char *why;
	if (!(a = grow(&c->net.addr, c->net.naddr, sizeof(*a))))
		return oom;
	if (!(why = addr_into(a, v, true)))
		c->net.naddr++;
	return why;
}

static const char *set_net_gateway(struct config *c, const char *v, struct kctx *k)
{
	struct net_addr a;
	const char *why = addr_into(&a, v, false);
	if (why)
		return why;
	if (c->net.gw[a.family == AF_INET6].family && k->line)
		return "a second gateway of that family";
	c->net.gw[a.family == AF_INET6] = a;
	return NULL;
}

static const char *set_net_mtu(struct config *c, const char *v)
{
	long m;
	if (parse_long(v, 68, 65535, &m) < 0)
		return "expected a number from 68 to 65535";
	c->net.mtu = (unsigned)m;
	return NULL;
}
#endif

/* What the setter of a key does (F_*), with an argument: the offset of
 * its field in struct config, or a kind. */
enum {
	F_BOOL, F_STR, F_PATH, F_WORDS, F_DUR, F_NS, F_MOUNT, F_IDMAP, F_CAPS, F_SCNAMES,
	F_NAME, F_HOSTNAME, F_PIVOT, F_USER, F_ENV, F_PASSENV, F_UMASK, F_OOM, F_STOPSIG,
	F_CGROUP, F_LOG, F_RESTART, F_ONEXIT, F_SCPROFILE, F_SCACTION,
	/* [network]: from here on */
	F_NET_NAMES, F_NET_BRIDGE, F_NET_HOSTADDR, F_NET_ADDRESS, F_NET_GATEWAY, F_NET_MTU,
};
#define OP(f, arg) ((f) << 10 | (arg))
/* (The array of size -1 stops the build where a field lies beyond the 10
 * bits of the argument: widen key_op then.) */
#define FIELD(f, member) \
	OP(f, offsetof(struct config, member) + 0 * sizeof(char[offsetof(struct config, member) < 1024 ? 1 : -1]))
_Static_assert(F_NET_MTU < 64, "widen key_op");

/* The key table: every key of the file (see keys.h). */
#define KEYS(X)                                                                \
	X(container, "name", OP(F_NAME, 0), 0, 1)                            \
	X(container, "hostname", OP(F_HOSTNAME, 0), 0, 1)                    \
	X(root, "path", FIELD(F_PATH, root_path), 0, 1)                      \
	X(root, "pivot", OP(F_PIVOT, 0), 0, 1)                               \
	X(root, "readonly", FIELD(F_BOOL, root_readonly), 0, 1)              \
	X(root, "idmap", FIELD(F_BOOL, root_idmap), 0, HAVE_USERNS)          \
	X(process, "exec", FIELD(F_WORDS, exec), 0, 1)                       \
	X(process, "cwd", FIELD(F_PATH, cwd), 0, 1)                          \
	X(process, "user", OP(F_USER, 0), 0, 1)                              \
	X(process, "groups", FIELD(F_WORDS, groups), 0, 1)                   \
	X(process, "env", OP(F_ENV, 0), K_REPEAT, 1)                         \
	X(process, "pass-env", OP(F_PASSENV, 0), 0, 1)                       \
	X(process, "umask", OP(F_UMASK, 0), 0, 1)                            \
	X(process, "no-new-privs", FIELD(F_BOOL, no_new_privs), 0, 1)        \
	X(process, "oom-score-adj", OP(F_OOM, 0), 0, 1)                      \
	X(process, "init", FIELD(F_BOOL, init), 0, 1)                        \
	X(process, "terminal", FIELD(F_BOOL, terminal), 0, HAVE_TERMINAL)    \
	X(process, "stop-signal", OP(F_STOPSIG, 0), 0, 1)                    \
	X(process, "stop-timeout", FIELD(F_DUR, stop_timeout_ms), 0, 1)      \
	X(namespaces, "pid", OP(F_NS, NS_PID), 0, 1)                         \
	X(namespaces, "mount", OP(F_NS, NS_MOUNT), 0, 1)                     \
	X(namespaces, "uts", OP(F_NS, NS_UTS), 0, 1)                         \
	X(namespaces, "ipc", OP(F_NS, NS_IPC), 0, 1)                         \
	X(namespaces, "net", OP(F_NS, NS_NET), 0, 1)                         \
	X(namespaces, "cgroup", OP(F_NS, NS_CGROUP), 0, 1)                   \
	X(namespaces, "time", OP(F_NS, NS_TIME), 0, 1)                       \
	X(namespaces, "user", OP(F_NS, NS_USER), 0, HAVE_USERNS)             \
	X(namespaces, "uid-map", OP(F_IDMAP, 0), K_REPEAT, HAVE_USERNS)      \
	X(namespaces, "gid-map", OP(F_IDMAP, 1), K_REPEAT, HAVE_USERNS)      \
	X(capabilities, "keep", FIELD(F_CAPS, cap_keep), 0, 1)               \
	X(capabilities, "drop", FIELD(F_CAPS, cap_drop), 0, 1)               \
	X(mounts, "proc", OP(F_MOUNT, M_PROC), K_REPEAT, 1)                  \
	X(mounts, "sysfs", OP(F_MOUNT, M_SYSFS), K_REPEAT, 1)                \
	X(mounts, "dev", OP(F_MOUNT, M_DEV), K_REPEAT, 1)                    \
	X(mounts, "tmpfs", OP(F_MOUNT, M_TMPFS), K_REPEAT, 1)                \
	X(mounts, "bind", OP(F_MOUNT, M_BIND), K_REPEAT, 1)                  \
	X(mounts, "mask", OP(F_MOUNT, M_MASK), K_REPEAT, 1)                  \
	X(mounts, "readonly", OP(F_MOUNT, M_READONLY), K_REPEAT, 1)          \
	X(mounts, "defaults", FIELD(F_BOOL, mount_defaults), K_REPEAT, 1)    \
	X(cgroup, "path", OP(F_CGROUP, 7), 0, HAVE_CGROUP)                   \
	X(cgroup, "memory.max", OP(F_CGROUP, 0), 0, HAVE_CGROUP)             \
	X(cgroup, "memory.high", OP(F_CGROUP, 1), 0, HAVE_CGROUP)            \
	X(cgroup, "pids.max", OP(F_CGROUP, 2), 0, HAVE_CGROUP)               \
	X(cgroup, "cpu.max", OP(F_CGROUP, 3), 0, HAVE_CGROUP)                \
	X(cgroup, "cpu.weight", OP(F_CGROUP, 4), 0, HAVE_CGROUP)             \
	X(cgroup, "io.weight", OP(F_CGROUP, 5), 0, HAVE_CGROUP)              \
	X(cgroup, "cpuset.cpus", OP(F_CGROUP, 6), 0, HAVE_CGROUP)            \
	X(network, "veth", OP(F_NET_NAMES, 0), 0, HAVE_NETWORK)               \
	X(network, "bridge", OP(F_NET_BRIDGE, 0), 0, HAVE_NETWORK)           \
	X(network, "host-address", OP(F_NET_HOSTADDR, 0), 0, HAVE_NETWORK)   \
	X(network, "macvlan", OP(F_NET_NAMES, 1), 0, HAVE_NETWORK)            \
	X(network, "move", OP(F_NET_NAMES, 2), K_REPEAT, HAVE_NETWORK)        \
	X(network, "address", OP(F_NET_ADDRESS, 0), K_REPEAT, HAVE_NETWORK)  \
	X(network, "gateway", OP(F_NET_GATEWAY, 0), K_REPEAT, HAVE_NETWORK)  \
	X(network, "mtu", OP(F_NET_MTU, 0), 0, HAVE_NETWORK)                 \
	X(seccomp, "profile", OP(F_SCPROFILE, 0), 0, HAVE_SECCOMP)           \
	X(seccomp, "deny", FIELD(F_SCNAMES, seccomp.deny), K_REPEAT, HAVE_SECCOMP) \
	X(seccomp, "allow", FIELD(F_SCNAMES, seccomp.allow), K_REPEAT, HAVE_SECCOMP) \
	X(seccomp, "action", OP(F_SCACTION, 0), 0, HAVE_SECCOMP)             \
	X(supervisor, "restart", OP(F_RESTART, 0), 0, HAVE_PID1)             \
	X(supervisor, "restart-delay", FIELD(F_DUR, restart_delay_ms), 0, HAVE_PID1) \
	X(supervisor, "restart-max-delay", FIELD(F_DUR, restart_max_delay_ms), 0, HAVE_PID1) \
	X(supervisor, "on-exit", OP(F_ONEXIT, 0), 0, HAVE_PID1)              \
	X(supervisor, "pid-file", FIELD(F_STR, pid_file), 0, 1)              \
	X(supervisor, "notify", FIELD(F_BOOL, notify), 0, HAVE_NOTIFY)       \
	X(supervisor, "listen-fds", FIELD(F_BOOL, listen_fds), 0, HAVE_LISTEN_FDS) \
	X(supervisor, "subreaper", FIELD(F_BOOL, subreaper), 0, 1)           \
	X(supervisor, "log", OP(F_LOG, 0), 0, 1)

/* The table in three arrays rather than an array of structs with two
 * string pointers a key (32 bytes each): the names in one string, the
 * section and flags in a byte, what the setter does in two (F_* and its
 * argument; rather than a pointer to a setter a key, most of them a line
 * that calls a shared one with a field). The keys this build has first,
 * then those of subsystems it has not: these have names and flags (to be
 * refused as "not supported", not as unknown) but no key_op, and the
 * setters only they use are left out of the binary (HAVE_X in
 * config_key_set). */
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
#define KEY_OP(s, n, op, fl, b) KEY_IF(b)(op,)
static const char key_names[] = KEYS(KEY_NAME) KEYS(KEY_NAME_OUT);
const uint8_t config_key_flags[] = { KEYS(KEY_FLAGS) KEYS(KEY_FLAGS_OUT) };
static const uint16_t key_op[] = { KEYS(KEY_OP) };
const unsigned config_nkeys = sizeof(config_key_flags);
const unsigned config_nset = sizeof(key_op) / sizeof(key_op[0]);
_Static_assert(sizeof(config_key_flags) <= KEYS_MAX, "raise KEYS_MAX");

int config_section(const char *s)
{
	return word_index(section_names, s);
}

/* The index of NAME in key_names among the keys of SECTION, or -1 (-2:
 * no such section). */
int config_key(const char *section, const char *name)
{
	int s = config_section(section), i = 0;
	for (const char *p = key_names; *p; p += strlen(p) + 1, i++)
		if ((config_key_flags[i] & K_SECTION) == s && !strcmp(p, name))
			return i;
	return s < 0 ? -2 : -1;
}

int config_key_set(unsigned i, struct config *c, const char *v, struct kctx *k)
{
	unsigned a = key_op[i] & 1023;
	void *f = (char *)c + a;
	const char *why = NULL;
	int n;

	if (HAVE_NETWORK && key_op[i] >> 10 >= F_NET_NAMES) {
		if (!c->net.any)
			c->net.line = k->line;
		c->net.any = true;
	}
	switch (key_op[i] >> 10) {
	case F_BOOL: why = bool_into(f, v); break;
	case F_STR: why = dup_into(f, v); break;
	case F_PATH: why = path_into(f, v); break;
	case F_WORDS: why = words_into(f, v); break;
	case F_DUR: why = duration_into(f, v); break;
	case F_NS: why = set_ns(c, a, v); break;
	case F_MOUNT: why = set_mount(c, a, v, k); break;
	case F_IDMAP: if (HAVE_USERNS) why = add_id_map(c, a, v, k->line); break;
	case F_CAPS: why = names_into(f, f == &c->cap_keep ? &c->cap_named : NULL, true, v, k); break;
	case F_SCNAMES: if (HAVE_SECCOMP) why = names_into(f, NULL, false, v, k); break;
	case F_NAME: why = set_name(c, v); break;
	case F_HOSTNAME: why = set_hostname(c, v); break;
	case F_PIVOT: why = set_pivot(c, v); break;
	case F_USER: why = set_user(c, v); break;
	case F_ENV: why = set_env(c, v); break;
	case F_PASSENV: why = set_pass_env(c, v); break;
	case F_UMASK: why = set_umask(c, v); break;
	case F_OOM: why = set_oom(c, v); break;
	case F_STOPSIG: why = set_stop_signal(c, v); break;
	case F_CGROUP: if (HAVE_CGROUP) why = set_cgroup(c, a, v); break;
	case F_LOG: why = set_log(c, v); break;
	/* In the order of enum restart_policy, on_exit, seccomp_profile,
	 * seccomp_action. */
	case F_RESTART:
		if (HAVE_PID1 && !(why = one_of(v, "no\0on-failure\0always\0", &n, k)))
			c->restart = (enum restart_policy)n;
		break;
	case F_ONEXIT:
		if (HAVE_PID1 && !(why = one_of(v, "poweroff\0reboot\0halt\0", &n, k)))
			c->on_exit = (enum on_exit)n;
		break;
	case F_SCPROFILE:
		if (HAVE_SECCOMP && !(why = one_of(v, "default\0none\0", &n, k)))
			c->seccomp.profile = (uint8_t)n;
		break;
	case F_SCACTION:
		if (HAVE_SECCOMP && !(why = one_of(v, "errno\0kill\0log\0", &n, k)))
			c->seccomp.action = (uint8_t)n;
		break;
#if HAVE_NETWORK
	case F_NET_NAMES: why = set_net_names(c, a, v, k); break;
	case F_NET_BRIDGE: why = ifname_into(c->net.bridge, v, k); break;
	case F_NET_HOSTADDR: why = addr_into(&c->net.host_addr, v, true); break;
	case F_NET_ADDRESS: why = set_net_address(c, v); break;
	case F_NET_GATEWAY: why = set_net_gateway(c, v, k); break;
	case F_NET_MTU: why = set_net_mtu(c, v); break;
#endif
	}
	k->why = why;
	return why ? -EINVAL : 0;
}
