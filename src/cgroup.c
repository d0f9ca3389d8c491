/* SPDX-License-Identifier: GPL-2.0-only */
/* cgroup.c - the container's cgroup. Each controller a key needs comes from
 * cgroup v2 when cella's own v2 cgroup has it in cgroup.subtree_control,
 * else from its v1 hierarchy: so an empty cgroup2 beside v1 controllers (a
 * hybrid host) serves only to track and kill the processes. The directory
 * is made below cella's own cgroup in each hierarchy used. */
#include "cgroup.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"
#include "log.h"
#include "mountinfo.h"
#include "state.h"
#include "sys.h"
#include "value.h"

enum { C_MEMORY, C_PIDS, C_CPU, C_IO, C_CPUSET, C_CPUACCT, C_FREEZER, C_N };
static const char *const v1name[C_N] = { "memory", "pids", "cpu", "blkio", "cpuset", "cpuacct", "freezer" };
static const char *const v2name[C_N] = { "memory", "pids", "cpu", "io", "cpuset", "", "" };
/* What v1 adds when mounted: figures for stats, a freezer for the kill. */
#define C_OPTIONAL ((1u << C_MEMORY) | (1u << C_PIDS) | (1u << C_CPUACCT) | (1u << C_FREEZER))

struct hier {
	char *mp, *base;  /* mount point; cella's own cgroup in it */
	char *leaf;       /* the container's cgroup in it */
	unsigned ctrl;    /* controllers usable there */
	bool v2, used;
};

/* Whether the SEP-separated LIST holds the word W. */
static bool has_word(const char *list, const char *w, char sep)
{
	size_t n = strlen(w);
	for (const char *p = list; p; p = strchr(p, sep), p = p ? p + 1 : NULL)
		if (!strncmp(p, w, n) && (p[n] == sep || !p[n] || p[n] == '\n'))
			return true;
	return false;
}

static int put(const char *dir, const char *file, const char *val)
{
	char p[4200];
	int fd, r = 0;
	size_t n = strlen(val);

	snprintf(p, sizeof(p), "%s/%s", dir, file);
	if ((fd = open(p, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		return -errno;
	if (write(fd, val, n) != (ssize_t)n)
		r = -errno;
	close(fd);
	return r;
}

static int set(const char *dir, const char *file, const char *val)
{
	int r = put(dir, file, val);
	if (r < 0)
		log_error("cgroup %s/%s: write %s: %s", dir, file, val, strerror(-r));
	return r;
}

static char *get(const char *dir, const char *file)
{
	char p[4200];
	snprintf(p, sizeof(p), "%s/%s", dir, file);
	return read_file(p, 1 << 16, NULL);
}

/* The hierarchies of /proc/self/cgroup that cella can find mounted, and
 * the container's cgroup in each: path = /ABS is below the mount point,
 * path = REL and the default cella/NAME below cella's own cgroup. */
static int discover(const struct config *c, struct hier *h, int max)
{
	char *cg = read_file("/proc/self/cgroup", 1 << 16, NULL), *mi = read_file("/proc/self/mountinfo", 16 << 20, NULL);
	char *save, *line, *l2, *s2;
	int n = 0;

	for (line = cg ? strtok_r(cg, "\n", &save) : NULL; mi && line && n < max; line = strtok_r(NULL, "\n", &save)) {
		char *ctrls = strchr(line, ':'), *own = ctrls ? strchr(ctrls + 1, ':') : NULL;
		unsigned m = 0;
		if (!own)
			continue;
		*own++ = 0;
		ctrls++;
		for (int c = 0; c < C_N; c++)
			if (*ctrls && has_word(ctrls, v1name[c], ','))
				m |= 1u << c;
		if (*ctrls && !m)
			continue; /* name=systemd and the like */
		char first[16];
		snprintf(first, sizeof(first), "%.*s", (int)strcspn(ctrls, ","), ctrls);
		/* Its mount: cgroup2, or the cgroup mount of these controllers. */
		char *copy = strdup(mi);
		for (l2 = copy ? strtok_r(copy, "\n", &s2) : NULL; l2; l2 = strtok_r(NULL, "\n", &s2)) {
			char *sep = strstr(l2, " - "), *opts = sep ? strchr(sep + 3, ' ') : NULL, *root = l2, *mp, *fs;
			opts = opts ? strchr(opts + 1, ' ') : NULL;
			for (int i = 0; i < 3 && root; i++)
				root = strchr(root, ' '), root = root ? root + 1 : NULL;
			if (!opts || !root || mountinfo_parse_line(l2, &mp, &fs) < 0)
				continue;
			mp[-1] = 0; /* (ends the root field) */
			if (*ctrls ? strcmp(fs, "cgroup") || !has_word(opts + 1, first, ',') : strcmp(fs, "cgroup2"))
				continue;
			/* The mount's root may be below the hierarchy's. */
			size_t rl = strcmp(root, "/") ? strlen(root) : 0;
			if (rl && strncmp(own, root, rl))
				continue;
			h[n] = (struct hier){ .mp = strdup(mp), .ctrl = m, .v2 = !*ctrls };
			if (asprintf(&h[n].base, "%s%s", mp, strcmp(own + rl, "/") ? own + rl : "") < 0)
				h[n].base = NULL;
			const char *p = c->cg.path;
			if (!h[n].mp || !h[n].base ||
			    (p && *p == '/' ? asprintf(&h[n].leaf, "%s%s", mp, p)
					    : asprintf(&h[n].leaf, "%s/%s%s", h[n].base, p ? "" : "cella/", p ? p : c->name)) < 0) {
				free(h[n].mp);
				free(h[n].base);
				break;
			}
			/* v2: the controllers the parent may enable (when it is
			 * cella's own "cella", those enabled for it). */
			if (h[n].v2) {
				char *sl = strrchr(h[n].leaf, '/'), *sc;
				*sl = 0;
				sc = p ? get(h[n].leaf, "cgroup.controllers") : get(h[n].base, "cgroup.subtree_control");
				*sl = '/';
				for (int c = 0; sc && c < C_CPUACCT; c++)
					if (has_word(sc, v2name[c], ' '))
						h[n].ctrl |= 1u << c;
				free(sc);
			}
			n++;
			break;
		}
		free(copy);
	}
	free(cg);
	free(mi);
	return n;
}

static unsigned needed(const struct cg_conf *g)
{
	return (g->set & (CG_MEM_MAX | CG_MEM_HIGH) ? 1u << C_MEMORY : 0) | (g->set & CG_PIDS ? 1u << C_PIDS : 0) |
	       (g->set & (CG_CPU_MAX | CG_CPU_W) ? 1u << C_CPU : 0) | (g->set & CG_IO_W ? 1u << C_IO : 0) |
	       (g->set & CG_CPUS ? 1u << C_CPUSET : 0);
}

static int write_limits(const struct cg_conf *g, char *const *path, const struct hier *h, int nh)
{
	char a[32], b[64];
	const char *d;
	int r = 0;

#define NUM(buf, v) (snprintf(buf, sizeof(buf), "%lld", (long long)(v)), buf)
#define BYTES(buf, v, max) ((v) == SIZE_MAX_VALUE ? (max) : (snprintf(buf, sizeof(buf), "%llu", (unsigned long long)(v)), buf))
	for (int i = 0, di = 0; i < nh; i++) {
		if (!h[i].used)
			continue;
		d = path[di++];
		bool v2 = h[i].v2;
		unsigned m = h[i].ctrl;
		if ((m & (1u << C_MEMORY)) && (g->set & CG_MEM_MAX))
			r = r ?: set(d, v2 ? "memory.max" : "memory.limit_in_bytes", BYTES(a, g->mem_max, v2 ? "max" : "-1"));
		if ((m & (1u << C_MEMORY)) && (g->set & CG_MEM_HIGH))
			r = r ?: set(d, v2 ? "memory.high" : "memory.soft_limit_in_bytes", BYTES(a, g->mem_high, v2 ? "max" : "-1"));
		if ((m & (1u << C_PIDS)) && (g->set & CG_PIDS))
			r = r ?: set(d, "pids.max", BYTES(a, g->pids_max, "max"));
		if ((m & (1u << C_CPU)) && (g->set & CG_CPU_MAX)) {
			if (v2) {
				snprintf(b, sizeof(b), "%s %lld", g->cpu_quota < 0 ? "max" : NUM(a, g->cpu_quota), g->cpu_period);
				r = r ?: set(d, "cpu.max", b);
			} else {
				r = r ?: set(d, "cpu.cfs_period_us", NUM(a, g->cpu_period));
				r = r ?: set(d, "cpu.cfs_quota_us", NUM(a, g->cpu_quota));
			}
		}
		/* The conversions of runc and crun. */
		if ((m & (1u << C_CPU)) && (g->set & CG_CPU_W))
			r = r ?: set(d, v2 ? "cpu.weight" : "cpu.shares",
				     NUM(a, v2 ? g->cpu_weight : 2 + (g->cpu_weight - 1) * 262142 / 9999));
		if ((m & (1u << C_IO)) && (g->set & CG_IO_W)) {
			/* blkio.weight (CFQ) or blkio.bfq.weight: 10 to 1000. */
			NUM(b, 10 + (g->io_weight - 1) * 990 / 9999);
			if (!r && put(d, v2 ? "io.weight" : "blkio.weight", v2 ? NUM(a, g->io_weight) : b) < 0)
				r = set(d, v2 ? "io.bfq.weight" : "blkio.bfq.weight", b);
		}
		if ((m & (1u << C_CPUSET)) && (g->set & CG_CPUS))
			r = r ?: set(d, "cpuset.cpus", g->cpus);
	}
	return r;
}

static void nap(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };
	nanosleep(&ts, NULL);
}

static int copy_cpuset(const char *to, const char *from)
{
	int r = 0;
	for (int k = 0; !r && k < 2; k++) {
		char *v = get(from, k ? "cpuset.mems" : "cpuset.cpus");
		if (v)
			v[strcspn(v, "\n")] = 0;
		r = v ? set(to, k ? "cpuset.mems" : "cpuset.cpus", v) : -errno;
		if (!v)
			log_error("cgroup %s/cpuset: %s", from, strerror(errno));
		free(v);
	}
	return r;
}

/* Kill what is in DIR: cgroup.kill (v2, 5.14+), else frozen (v2, or a v1
 * freezer directory), SIGKILL to each process listed, thawed. */
static void kill_in(const char *dir)
{
	char *procs, *p, *end;

	if (put(dir, "cgroup.kill", "1") == 0)
		return;
	bool v2f = put(dir, "cgroup.freeze", "1") == 0, v1f = !v2f && put(dir, "freezer.state", "FROZEN") == 0;
	if ((procs = get(dir, "cgroup.procs")))
		for (p = procs; *p; p = end + (*end != 0)) {
			long pid = strtol(p, &end, 10);
			if (end == p)
				break;
			if (pid > 0)
				kill((pid_t)pid, SIGKILL);
		}
	free(procs);
	if (v2f)
		put(dir, "cgroup.freeze", "0");
	if (v1f)
		put(dir, "freezer.state", "THAWED");
}

/* Until every directory of PATH is gone: rmdir, else kill what is in it,
 * reap (cella is the subreaper of its own), and try again. An empty
 * "cella" parent goes too; another container's is not empty, or is made
 * again by its cella (which tries again on ENOENT). */
static void kill_and_remove(char **path, int n)
{
	for (int t = 0, left = n; left && t < 1000; t++) {
		left = 0;
		for (int i = 0; i < n; i++) {
			if (!path[i])
				continue;
			if (rmdir(path[i]) == 0 || errno == ENOENT) {
				*strrchr(path[i], '/') = 0; /* (absolute paths) */
				char *parent = strrchr(path[i], '/');
				if (parent && !strcmp(parent, "/cella"))
					rmdir(path[i]);
				path[i] = NULL;
				continue;
			}
			left++;
			kill_in(path[i]);
		}
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (left)
			nap(t < 20 ? 1 : 10);
	}
	for (int i = 0; i < n; i++)
		if (path[i])
			log_warn("cgroup %s: cannot remove: %s", path[i], strerror(errno));
}

/* The record's paths, one a line (read in the state directory DIR_FD). */
static int read_record(int dir_fd, char **text, char **path)
{
	int fd = openat(dir_fd, "cgroup", O_RDONLY | O_CLOEXEC | O_NOFOLLOW), n = 0;
	char buf[CG_DIRS * 4100], *save = NULL, *l;
	ssize_t len = fd < 0 ? 0 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	buf[len > 0 ? len : 0] = 0;
	if (!(*text = strdup(buf)))
		return 0;
	for (l = strtok_r(*text, "\n", &save); l && n < CG_DIRS; l = strtok_r(NULL, "\n", &save))
		path[n++] = l;
	return n;
}

void cgroup_destroy(struct cgroup *cg)
{
	char *p[CG_DIRS];
	if (!cg->n)
		return;
	memcpy(p, cg->path, sizeof(p));
	kill_and_remove(p, cg->n);
	unlinkat(cg->state_dir_fd, "cgroup", 0);
	for (int i = 0; i < cg->n; i++)
		free(cg->path[i]);
	cg->n = 0;
}

void cgroup_reap_stale(int dir_fd)
{
	char *text, *path[CG_DIRS];
	int n = read_record(dir_fd, &text, path);

	if (n)
		kill_and_remove(path, n);
	free(text);
	unlinkat(dir_fd, "cgroup", 0);
}

int cgroup_setup(const struct config *c, int state_dir_fd, pid_t child, struct cgroup *cg)
{
	const struct cg_conf *g = &c->cg;
	struct hier h[CG_DIRS];
	unsigned need = needed(g), want = need | C_OPTIONAL;
	int nh, r = 0, fd;
	char pid[16], rec[CG_DIRS * 4100];
	size_t len = 0;

	cg->n = 0;
	cg->state_dir_fd = state_dir_fd;
	if (!g->on)
		return 0;
	nh = discover(c, h, CG_DIRS);
	/* Each controller from v2 if there, else from v1; v2 always (it
	 * tracks and kills) when cella is in a cgroup2 hierarchy. */
	for (int i = 0; i < nh; i++)
		h[i].used = h[i].v2;
	for (int cn = 0; cn < C_N; cn++) {
		int at = -1;
		for (int i = 0; i < nh; i++)
			if ((h[i].ctrl & (1u << cn)) && (at < 0 || h[i].v2))
				at = i;
		for (int i = 0; i < nh; i++)
			if (i != at)
				h[i].ctrl &= ~(1u << cn);
		if (at >= 0 && (want & (1u << cn)))
			h[at].used = true;
		else if (need & (1u << cn) && !r) {
			log_error("[cgroup]: the %s controller is not available (not enabled for the cgroup's parent "
				  "on cgroup2, nor a mounted v1 hierarchy)", cn == C_IO ? "io (v1: blkio)" : v1name[cn]);
			r = -ENODEV;
		}
	}
	for (int i = 0; i < nh && !r; i++) {
		if (!h[i].used)
			continue;
		cg->path[cg->n] = h[i].leaf;
		h[i].leaf = NULL;
		len += snprintf(rec + len, sizeof(rec) - len, "%s\n", cg->path[cg->n++]);
	}
	if (!r && !cg->n) {
		log_error("[cgroup]: cella's cgroup is not found in /proc/self/mountinfo");
		r = -ENODEV;
	}
	/* The record first: whatever is made after it, a dead cella's
	 * successor finds. */
	if (!r && ((fd = openat(state_dir_fd, "cgroup", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644)) < 0 ||
		   write(fd, rec, len) != (ssize_t)len || close(fd) < 0)) {
		r = -errno;
		log_error("state cgroup record: %s", strerror(errno));
	}
	for (int i = 0, d = 0; i < nh && !r; i++) {
		if (!h[i].used)
			continue;
		char *leaf = cg->path[d++], *parent = strndup(leaf, strrchr(leaf, '/') - leaf);
		bool cpuset = h[i].ctrl & (1u << C_CPUSET);
		for (int tries = 0; parent && !r && tries < 5; tries++) {
			/* The parent "cella" is made here and, when empty, removed
			 * at the end; any other parent must exist. */
			if (!g->path && mkdir(parent, 0755) < 0 && errno != EEXIST) {
				r = -errno;
				log_error("cgroup %s: %s", parent, strerror(errno));
			}
			for (int cn = 0; !r && h[i].v2 && cn < C_CPUACCT; cn++) {
				char plus[16];
				if (!(h[i].ctrl & (1u << cn) & want))
					continue;
				snprintf(plus, sizeof(plus), "+%s", v2name[cn]);
				if ((r = put(parent, "cgroup.subtree_control", plus)) < 0 && !(need & (1u << cn)))
					r = 0, h[i].ctrl &= ~(1u << cn);
				else if (r < 0)
					log_error("[cgroup]: the %s controller cannot be enabled in %s/cgroup.subtree_control: %s",
						  v2name[cn], parent, strerror(-r));
			}
			/* v1 cpuset: a cgroup takes no process before it has CPUs
			 * and memory nodes; the parent's are copied down. */
			if (!r && cpuset && !g->path)
				r = copy_cpuset(parent, h[i].base);
			if (r || mkdir(leaf, 0755) == 0)
				break;
			r = -errno;
			if (r == -ENOENT && !g->path) /* another container's end removed "cella" */
				r = 0;
			else
				log_error("cgroup %s: %s", leaf, strerror(-r));
		}
		if (!r && cpuset)
			r = copy_cpuset(leaf, parent);
		if (!parent && !r) {
			log_error("out of memory");
			r = -ENOMEM;
		}
		free(parent);
	}
	if (!r)
		r = write_limits(g, cg->path, h, nh);
	snprintf(pid, sizeof(pid), "%d", (int)child);
	for (int i = 0; i < cg->n && !r; i++)
		r = set(cg->path[i], "cgroup.procs", pid);
	for (int i = 0; i < nh; i++) {
		free(h[i].mp);
		free(h[i].base);
		free(h[i].leaf);
	}
	if (r)
		cgroup_destroy(cg);
	return r;
}

unsigned long cgroup_clone_flags(const struct config *c, unsigned long f)
{
	return c->cg.on ? f & ~(unsigned long)CLONE_NEWCGROUP : f;
}

int cgroup_unshare(const struct config *c)
{
	/* (EINVAL: a kernel without cgroup namespaces, then none.) */
	if (c->cg.on && c->ns[NS_CGROUP].enabled && unshare(CLONE_NEWCGROUP) < 0 && errno != EINVAL) {
		log_error("namespaces.cgroup: unshare: %s", strerror(errno));
		return -errno;
	}
	return 0;
}

static int record_of(const char *name, char **text, char **path)
{
	char dir[4200];
	int fd, n;

	snprintf(dir, sizeof(dir), "%s/%s", state_base(), name);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		return 0;
	n = read_record(fd, text, path);
	close(fd);
	return n;
}

int cgroup_join(const char *name)
{
	char *text = NULL, *path[CG_DIRS];
	int n = record_of(name, &text, path), r = 0;

	/* Only into a directory of a cgroup filesystem. */
	for (int i = 0; i < n && !r; i++) {
		struct statfs s;
		int fd = open(path[i], O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW), pfd = -1;
		if (fd < 0 || fstatfs(fd, &s) < 0 || (s.f_type != 0x27e0eb && s.f_type != 0x63677270) ||
		    (pfd = openat(fd, "cgroup.procs", O_WRONLY | O_CLOEXEC | O_NOFOLLOW)) < 0 || write(pfd, "0", 1) != 1) {
			r = errno ? -errno : -EINVAL;
			log_error("join cgroup %s: %s", path[i], strerror(-r));
		}
		if (pfd >= 0)
			close(pfd);
		if (fd >= 0)
			close(fd);
	}
	free(text);
	return r;
}

int cgroup_stats_main(int argc, char **argv)
{
	static const char *const keys[] = { "memory.current", "memory.peak", "pids.current", "cpu.usage_usec" };
	/* v2's file, then v1's; cpu: cpuacct.usage (ns), else cpu.stat's usage_usec. */
	static const char *const files[][2] = { { "memory.current", "memory.usage_in_bytes" },
						{ "memory.peak", "memory.max_usage_in_bytes" },
						{ "pids.current", "" },
						/* (v1 first: a hybrid host's cgroup2 counts nothing) */
						{ "cpuacct.usage", "cpu.stat" } };
	char *text = NULL, *path[CG_DIRS], *st;
	int n;

	if (argc >= 1 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h"))) {
		fputs("usage: cella stats NAME\n\nThe figures of container NAME's cgroup as key=value lines:\n"
		      "memory.current, memory.peak, pids.current, cpu.usage_usec (v2 names, also on v1).\n", stdout);
		return 0;
	}
	if (argc != 1) {
		log_plain("stats: expected NAME (see cella stats --help)");
		return 2;
	}
	if (!(st = state_read_running(argv[0])))
		return 1;
	free(st);
	n = record_of(argv[0], &text, path);
	if (!n)
		log_plain("%s: has no cgroup", argv[0]);
	for (int k = 0; k < 4 && n; k++)
		for (int i = 0; i < n * 2; i++) {
			int v1 = i >= n;
			char *v = get(path[i % n], files[k][v1]), buf[32];
			unsigned long long x;
			if (!v)
				continue;
			x = strtoull(k == 3 && v1 ? text_value(v, "usage_usec", ' ', buf, sizeof(buf)) : v, NULL, 10);
			free(v);
			printf("%s=%llu\n", keys[k], k == 3 && !v1 ? x / 1000 : x);
			break;
		}
	free(text);
	return n ? 0 : 1;
}

void cgroup_mount_pid1(const struct config *c)
{
	const char *top = "/sys/fs/cgroup";
	unsigned need = needed(&c->cg);
	struct statfs s;
	char d[64];

	/* Nothing mounted there: /sys/fs/cgroup is sysfs's own directory. */
	if (!c->cg.on || statfs(top, &s) < 0 || s.f_type != 0x62656572)
		return;
	if (mount("cgroup2", top, "cgroup2", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) == 0) {
		for (int cn = 0; cn < C_CPUACCT; cn++)
			if ((need | C_OPTIONAL) & (1u << cn)) {
				snprintf(d, sizeof(d), "+%s", v2name[cn]);
				(void)put(top, "cgroup.subtree_control", d); /* (a missing one is named at run) */
			}
		return;
	}
	/* A kernel without cgroup2: the v1 hierarchies, one a controller. */
	if (errno != ENODEV || mount("tmpfs", top, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=0755") < 0) {
		log_warn("mount cgroup on %s: %s", top, strerror(errno));
		return;
	}
	for (int cn = 0; cn < C_N; cn++) {
		snprintf(d, sizeof(d), "%s/%s", top, v1name[cn]);
		if (mkdir(d, 0755) == 0 && mount("cgroup", d, "cgroup", MS_NOSUID | MS_NODEV | MS_NOEXEC, v1name[cn]) < 0)
			rmdir(d);
	}
}
