/* SPDX-License-Identifier: GPL-2.0-only */
/* config.c - the INI file into struct config: reading, the inih callback,
 * defaults, --set, validation (the keys themselves are in keys.c).
 * Pure: reads the file and fills the struct; creates nothing. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* inih's ini.c is compiled by cella's build with INIH_FLAGS (the Makefile),
 * in every build mode: the same INI_* settings here and there. */
#include <ini.h>
#if !INI_HANDLER_LINENO || INI_ALLOW_MULTILINE || INI_ALLOW_INLINE_COMMENTS
#error "compile config.c and inih's ini.c with the Makefile's INIH_FLAGS"
#endif

#include "fileio.h"
#include "keys.h"
#include "log.h"
#include "subsys.h"
#include "value.h"

/* inih's stack buffer holds INI_MAX_LINE bytes including newline and NUL. */
#define MAX_LINE (INI_MAX_LINE - 2)
#define MAX_FILE (1 << 20)

const int config_max_line = MAX_LINE;

const char ns_names[NS_COUNT][8] = {
	[NS_PID] = "pid", [NS_MOUNT] = "mount", [NS_UTS] = "uts", [NS_IPC] = "ipc",
	[NS_NET] = "net", [NS_CGROUP] = "cgroup", [NS_USER] = "user", [NS_TIME] = "time",
};

/* Parsing state shared by the inih callback and --set. */
struct parse {
	struct config *c;
	const char *file;
	const char *where;      /* "--set ..." instead of FILE:LINE */
	int error;              /* first error seen; later lines are ignored */
	int seen[KEYS_MAX];        /* line of the first occurrence */
	int seen_limit[RLIMIT_COUNT];
	int line;               /* line of the key being applied */
};

static int key_line(const struct parse *p, const char *section, const char *name);

/* LINE < 0: the line of the key the message starts with (SECTION.KEY
 * followed by a space, '=' or ':'), when the file has it. */
static void perr(struct parse *p, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* root.idmap with a writable root: what root inside makes there is root's
 * on disk, a setuid-root file too. Host users cannot run it when a
 * directory above the root is closed to group and others, and owned by
 * OWNER, the container's root as the host sees it (the child, which
 * mounts the root by its path, must go through it). Above it: the root
 * itself is root's inside, who could open it up. The walk goes by "..",
 * fd to fd, up to / (whose ".." is itself). */
static bool private_parent(const char *path, unsigned long owner)
{
	struct stat st, up;
	int fd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC), dir;
	bool closed = false;

	if (fd < 0 || fstat(fd, &st) < 0)
		goto out;
	for (int depth = 0; !closed && depth < 256; depth++) {
		if ((dir = openat(fd, "..", O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0)
			break;
		close(fd);
		fd = dir;
		if (fstat(fd, &up) < 0 || (up.st_dev == st.st_dev && up.st_ino == st.st_ino))
			break;
		closed = up.st_uid == owner && !(up.st_mode & 011);
		st = up;
	}
out:
	if (fd >= 0)
		close(fd);
	return closed;
}
static void perr(struct parse *p, int line, const char *fmt, ...)
{
	char msg[400], sk[64], *dot;
	size_t n;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line < 0 && (n = strcspn(msg, " =:")) < sizeof(sk)) {
		memcpy(sk, msg, n);
		sk[n] = 0;
		line = (dot = strchr(sk, '.')) ? (*dot = 0, key_line(p, sk, dot + 1)) : 0;
	}
	if (p->where || line <= 0)
		log_plain("%s: %s", p->where ?: p->file, msg);
	else
		log_plain("%s:%d: %s", p->file, line, msg);
	p->error = -EINVAL;
}

/* Apply one SECTION/KEY=VALUE; `override` (from --set) replaces instead of
 * counting as a second occurrence. Returns 0 or -EINVAL (already logged). */
static int apply(struct parse *p, const char *section, const char *name,
		 const char *value, int line, bool override)
{
	struct kctx k = { .section = section, .key = name, .line = line };
	int i = config_key(section, name), res = -1, *seen, r;

	if (i == -2) {
		perr(p, line, "unknown section [%s]", section);
		return -EINVAL;
	}
	/* limit-NAME: a key of [process] the table cannot list one by one. */
	if (!strcmp(section, "process") && !strncmp(name, "limit-", 6))
		res = rlimit_resource(name + 6);
	if (res >= 0)
		seen = &p->seen_limit[res];
	else if ((unsigned)i < config_nset)
		seen = &p->seen[i];
	else {
		perr(p, line, i < 0 ? "unknown key '%s' in [%s]" : "key '%s' in [%s] is not supported by this build of cella",
		     name, section);
		return -EINVAL;
	}
	if (*seen && (res >= 0 || !(config_key_flags[i] & K_REPEAT)) && !override) {
		perr(p, line, "key '%s' in [%s] given twice (first on line %d)", name, section, *seen);
		return -EINVAL;
	}
	if (!*seen)
		*seen = line ? line : -1;
	if ((r = res >= 0 ? config_set_limit(p->c, res, value, &k) : config_key_set(i, p->c, value, &k)) < 0) {
		perr(p, line, "bad value '%s' for '%s' in [%s]: %s", value, name, section, k.why);
		return r;
	}
	return 0;
}

static int on_key(void *user, const char *section, const char *name, const char *value, int line)
{
	struct parse *p = user;
	if (p->error)
		return 1; /* report only the first error */
	apply(p, section, name, value, line, false);
	return 1;
}

static __attribute__((noinline)) void set_defaults(struct config *c, const char *file)
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
	c->cap_keep = CAPS_DEFAULT;
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
		const char *nl = strchrnul(s, '\n'), *end;
		char name[64];
		if (nl - s > MAX_LINE) {
			perr(p, line, "line longer than %d characters", MAX_LINE);
			return -EINVAL;
		}
		s += strspn(s, " \t");
		if (*s == '[') {
			if (!(end = strchr(s, ']')) || end > nl || (size_t)(end - s - 1) >= sizeof(name)) {
				perr(p, line, "bad section header");
				return -EINVAL;
			}
			memcpy(name, s + 1, end - s - 1);
			name[end - s - 1] = 0;
			if (config_section(name) < 0) {
				perr(p, line, "unknown section [%s]", name);
				return -EINVAL;
			}
		}
		if (!*nl)
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
		perr(p, 0, "name '%s' from the file name is not valid; set container.name", c->name);
		return -EINVAL;
	}
	return 0;
}

/* Mounts that defaults = yes puts first, in the spec's order: each the
 * digit of its enum mount_kind, then the target. */
static int add_default_mounts(struct config *c)
{
	static const char d[] = "0/proc\0" "2/dev\0" "1/sys\0"
		"5/proc/kcore\0" "5/proc/keys\0" "5/proc/timer_list\0" "5/proc/sched_debug\0"
		"5/proc/scsi\0" "5/sys/firmware\0"
		"6/proc/sys\0" "6/proc/sysrq-trigger\0" "6/proc/irq\0" "6/proc/bus\0";
	_Static_assert(M_PROC == 0 && M_SYSFS == 1 && M_DEV == 2 && M_MASK == 5 && M_READONLY == 6, "kinds in d[]");
	enum { ND = 13 };
	struct mount_conf *m = calloc(c->nmounts + ND, sizeof(*m));
	const char *p = d;

	if (!m)
		return -ENOMEM;
	/* c->mounts owns the targets as soon as it is m: config_free frees
	 * them all, also after a failed strdup. */
	if (c->nmounts)
		memcpy(m + ND, c->mounts, c->nmounts * sizeof(*m));
	free(c->mounts);
	c->mounts = m;
	c->nmounts += ND;
	for (int i = 0; i < ND; i++, p += strlen(p) + 1) {
		m[i].kind = (enum mount_kind)(*p - '0');
		m[i].is_default = true;
		if (!(m[i].target = strdup(p + 1)))
			return -ENOMEM;
	}
	return 0;
}

/* The line a key was first given on, 0 when not in the file. */
static int key_line(const struct parse *p, const char *section, const char *name)
{
	int i = config_key(section, name);
	return i >= 0 && p->seen[i] > 0 ? p->seen[i] : 0;
}

static bool ranges_meet(unsigned long long a, unsigned long long b, unsigned long long n, unsigned long long m)
{
	return a < b + m && b < a + n;
}

/* namespaces.user: maps the kernel takes in one write each (at most 340
 * lines and less than a page; no overlap inside or outside), root mapped
 * (the child sets the container up as root inside), and nothing that needs
 * rights over the host's namespaces or mounts. */
static int validate_userns(struct parse *p)
{
	static const char *const kn[2] = { "uid-map", "gid-map" };
	struct config *c = p->c;
	bool on = c->ns[NS_USER].enabled;

	for (int w = 0; w < 2; w++) {
		const struct id_map *m = c->id_maps[w];
		int n = c->nid_maps[w], len = 0, root = 0;
		if (!on && n) {
			perr(p, m[0].line, "%s needs namespaces.user = yes", kn[w]);
			return -EINVAL;
		}
		if (on && !n) {
			perr(p, -1, "namespaces.user = yes needs %s", kn[w]);
			return -EINVAL;
		}
		for (int i = 0; i < n; i++) {
			for (int j = 0; j < i; j++)
				if (ranges_meet(m[i].inside, m[j].inside, m[i].count, m[j].count) ||
				    ranges_meet(m[i].outside, m[j].outside, m[i].count, m[j].count)) {
					perr(p, m[i].line, "%s %lu %lu %lu overlaps the one of line %d", kn[w],
					     m[i].inside, m[i].outside, m[i].count, m[j].line);
					return -EINVAL;
				}
			len += snprintf(NULL, 0, "%lu %lu %lu\n", m[i].inside, m[i].outside, m[i].count);
			root |= m[i].inside == 0;
			if (i == 340 || len >= 4096) {
				perr(p, m[i].line, "%s: more than the kernel takes (340 lines, 4 KB)", kn[w]);
				return -EINVAL;
			}
		}
		if (n && !root) {
			perr(p, m[0].line, "%s must map 0 inside (root)", kn[w]);
			return -EINVAL;
		}
	}
	if (c->root_idmap && (!on || !c->root_path)) {
		perr(p, -1, "root.idmap needs root.path and namespaces.user = yes");
		return -EINVAL;
	}
	for (int i = 0; on && i < NS_COUNT; i++)
		if (c->ns[i].join) {
			perr(p, -1, "namespaces.%s: cannot join with namespaces.user = yes", ns_names[i]);
			return -EINVAL;
		}
	/* The kernel mounts proc in a user namespace only for a pid
	 * namespace it owns. */
	for (int i = -1; on && !c->ns[NS_PID].enabled && i < c->nmounts; i++)
		if (i < 0 ? c->mount_defaults && c->ns[NS_MOUNT].enabled : c->mounts[i].kind == M_PROC) {
			perr(p, i < 0 ? -1 : c->mounts[i].line, "%sproc in a user namespace needs namespaces.pid = yes",
			     i < 0 ? "namespaces.pid = no: [mounts] defaults' " : "");
			return -EINVAL;
		}
	if (on && c->root_path && c->pivot == PIVOT_NO) {
		perr(p, -1, "root.pivot = no (chroot) is not possible with namespaces.user = yes");
		return -EINVAL;
	}
	return 0;
}

/* The names inside: veth's, macvlan's, then move's ("" when not given). */
static __attribute__((noinline)) const char *inside_name(const struct net_conf *n, int i)
{
	return i == 0 ? n->veth[1] : i == 1 ? n->macvlan[1] : n->move[i - 2][1];
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
		perr(p, 0, "missing process.exec (or a command after --)");
		return -EINVAL;
	}
	if (c->restart_max_delay_ms < c->restart_delay_ms) {
		perr(p, -1, "supervisor.restart-max-delay is below restart-delay");
		return -EINVAL;
	}
	if (c->hostname && !c->ns[NS_UTS].enabled) {
		perr(p, -1, "container.hostname needs namespaces.uts = yes");
		return -EINVAL;
	}
	if (!c->ns[NS_MOUNT].enabled) {
		if (c->root_path) {
			perr(p, -1, "root.path needs namespaces.mount = yes");
			return -EINVAL;
		}
		for (int i = 0; i < c->nmounts; i++) {
			perr(p, c->mounts[i].line, "mount %s needs namespaces.mount = yes", c->mounts[i].target);
			return -EINVAL;
		}
		/* defaults = yes means nothing without a mount namespace. */
		c->mount_defaults = false;
		if (c->notify) {
			perr(p, -1, "supervisor.notify needs namespaces.mount = yes");
			return -EINVAL;
		}
	}
	/* [network]: what network.c would otherwise find out halfway. */
	if (HAVE_NETWORK && c->net.any) {
		const struct net_conf *n = &c->net;
		const char *why = NULL, *dup = NULL, *a;
		bool iface = n->veth[0][0] || n->macvlan[0][0];

		if (!c->ns[NS_NET].enabled)
			why = "[network] needs namespaces.net = yes";
		else if ((n->bridge[0] || n->host_addr.family) && !n->veth[0][0])
			why = "bridge and host-address need veth";
		else if (n->mtu && !iface)
			why = "mtu needs veth or macvlan";
		else if ((n->naddr || n->gw[0].family || n->gw[1].family) && !iface && !n->nmove)
			why = "address and gateway need veth, macvlan or move";
		for (int i = 0; i < 2 + n->nmove; i++)
			for (int j = 0; *(a = inside_name(n, i)) && j <= i; j++)
				if (!strcmp(a, "lo") || (j < i && !strcmp(a, inside_name(n, j))))
					dup = a;
		if (why || dup) {
			if (why)
				perr(p, n->line, "%s", why);
			else
				perr(p, n->line, "interface %s twice inside (lo is there already)", dup);
			return -EINVAL;
		}
	}
	if (c->root_path && (stat(c->root_path, &st) < 0 || (errno = ENOTDIR, !S_ISDIR(st.st_mode)))) {
		perr(p, -1, "root.path %s: %s", c->root_path, strerror(errno));
		return -EINVAL;
	}
	/* The container's init runs under the workload's filter (init.c):
	 * refused these (action = errno), it could neither wait for a signal
	 * nor reap, and the start would hang. (kill ends it; log lets them.) */
	static const struct { short nr; char name[22]; } init_calls[] = {
		{ SYS_wait4, "wait4" }, { SYS_rt_sigtimedwait, "rt_sigtimedwait" },
#ifdef SYS_rt_sigtimedwait_time64
		{ SYS_rt_sigtimedwait_time64, "rt_sigtimedwait_time64" },
#endif
	};
	for (unsigned i = 0; HAVE_SECCOMP && c->init && c->ns[NS_PID].enabled && c->seccomp.action == SECCOMP_ERRNO &&
			     i < sizeof(init_calls) / sizeof(init_calls[0]); i++)
		if (seccomp_in(c->seccomp.deny, (unsigned)init_calls[i].nr)) {
			perr(p, -1, "seccomp.deny = %s: the container's init (process.init = yes) runs under the "
				    "filter and needs it", init_calls[i].name);
			return -EINVAL;
		}
	/* (Only where root inside is mapped: nobody else can be root on disk.) */
	for (int i = 0; HAVE_USERNS && c->root_idmap && !c->root_readonly && i < c->nid_maps[0]; i++) {
		const struct id_map *m = &c->id_maps[0][i];
		if (m->inside == 0 && !private_parent(c->root_path, m->outside)) {
			perr(p, -1, "root.idmap with a writable root: other users can reach %s, and a setuid "
				    "file made inside would be root's for them too: put it below a directory of "
				    "mode 0700 owned by %lu (root inside), or set root.readonly = yes",
			     c->root_path, m->outside);
			return -EINVAL;
		}
	}
	for (int i = 0; i < c->nmounts; i++) {
		struct mount_conf *m = &c->mounts[i];
		if (m->kind == M_BIND && lstat(m->source, &st) < 0) {
			perr(p, m->line, "bind source %s: %s", m->source, strerror(errno));
			return -EINVAL;
		}
	}
	if (HAVE_USERNS && validate_userns(p) < 0)
		return -EINVAL;
	for (int i = 0; i < NS_COUNT; i++)
		if (c->ns[i].join && access(c->ns[i].join, F_OK) < 0) {
			perr(p, -1, "namespaces.%s = %s: %s", ns_names[i], c->ns[i].join, strerror(errno));
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
		if (!(p->c->name = strdup(o->name)))
			return -ENOMEM;
	}
	if (o->pid_file) {
		free(p->c->pid_file);
		if (!(p->c->pid_file = strdup(o->pid_file)))
			return -ENOMEM;
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

void config_free(struct config *c)
{
#define O(member) offsetof(struct config, member)
	/* The members the struct owns: vectors of words (NULL-terminated;
	 * env is kept so too), then single blocks. */
	static const uint16_t owned[] = {
		O(exec), O(groups), O(env), O(pass_env),
		O(name), O(hostname), O(root_path), O(cwd), O(user), O(pid_file), O(log),
		O(net.move), O(net.addr), O(id_maps[0]), O(id_maps[1]), O(cg.path), O(cg.cpus),
	};
#undef O
	for (unsigned i = 0; i < sizeof(owned) / sizeof(owned[0]); i++) {
		void *p = *(void **)((char *)c + owned[i]);
		if (i < 4)
			free_words(p);
		else
			free(p);
	}
	for (int i = 0; i < NS_COUNT; i++)
		free(c->ns[i].join);
	for (int i = 0; i < c->nmounts; i++) {
		free(c->mounts[i].source);
		free(c->mounts[i].target);
		free(c->mounts[i].data);
	}
	free(c->mounts);
	memset(c, 0, sizeof(*c));
}

int config_load(struct config *c, const char *file, const struct config_overrides *o)
{
	size_t len;
	char *text;
	int r;

	/* Defined even when the file cannot be read: config_free may follow. */
	set_defaults(c, file);
	/* A FIFO (or a device) would block check and run for ever. */
	if (!(text = read_regular_file(file, MAX_FILE, &len))) {
		r = -errno;
		log_plain("%s: %s", file, read_error(-r));
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
