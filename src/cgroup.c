/* SPDX-License-Identifier: GPL-2.0-only */
/* cgroup.c - the container's cgroup. Each controller a key needs comes from
 * cgroup v2 when the parent of the container's cgroup may enable it there,
 * else from its v1 hierarchy: so an empty cgroup2 beside v1 controllers (a
 * hybrid host) serves only to track and kill the processes. The directory
 * is made below cella's own cgroup in each hierarchy used, and its paths
 * are recorded in the state directory first (for exec, stats and the
 * clean-up after a dead cella). */
#include "cgroup.h"

#include <dirent.h>
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
	char *base;       /* cella's own cgroup in it */
	char *leaf;       /* the container's cgroup in it */
	unsigned ctrl;    /* controllers usable there */
	bool v2, used;
};

/* The controllers of NAMES (v1name or v2name; "" is none) among the
 * SEP-separated words of LIST (up to END): one parser for mountinfo's
 * options, /proc/self/cgroup and the v2 files. */
static unsigned mask_of(const char *list, const char *end, const char *const *names, char sep)
{
	unsigned m = 0;
	for (const char *w = list, *e; w < end; w = e + 1) {
		for (e = w; e < end && *e != sep; e++)
			;
		for (int c = 0; c < C_N; c++)
			if (*names[c] && strlen(names[c]) == (size_t)(e - w) && !strncmp(w, names[c], e - w))
				m |= 1u << c;
	}
	return m;
}

/* DIR/FILE into P: every path of a cgroup file is built here. */
static char *at(char *p, const char *dir, const char *file)
{
	snprintf(p, 4200, "%s/%s", dir, file);
	return p;
}

static int put(const char *dir, const char *file, const char *val)
{
	char p[4200];
	int fd, r = 0;
	size_t n = strlen(val);

	if ((fd = open(at(p, dir, file), O_WRONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
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
	return read_file(at(p, dir, file), 1 << 16, NULL);
}

/* "+NAME" into DIR's cgroup.subtree_control: controller CN for its children. */
static int enable(const char *dir, int cn)
{
	char plus[16] = "+";
	return put(dir, "cgroup.subtree_control", strcat(plus, v2name[cn]));
}

/* The cgroup mounts of /proc/self/mountinfo that hold cella's own cgroup
 * (its line of /proc/self/cgroup), and the container's cgroup in each:
 * path = /ABS below the mount point, path = REL and the default cella/NAME
 * below cella's own cgroup. h[0] is cgroup2's (unused when there is none):
 * that directory goes first, its cgroup.kill ends the processes before
 * the v1 ones are looked at (and it is the one state shows). */
static int discover(const struct config *c, struct hier *h)
{
	char *cg = read_file("/proc/self/cgroup", 1 << 16, NULL), *mi = read_file("/proc/self/mountinfo", 16 << 20, NULL);
	char *save = NULL, *l, *mp, *fs, *sc;
	const char *path = c->cg.path, *what = cg ? "/proc/self/mountinfo" : "/proc/self/cgroup";
	int n = 1, err = cg && mi ? 0 : -errno;

	h[0] = (struct hier){ 0 };
	for (l = !err ? strtok_r(mi, "\n", &save) : NULL; l && !err; l = strtok_r(NULL, "\n", &save)) {
		/* The super options are the line's last field, the root the
		 * one before the mount point. */
		char *opts = strrchr(l, ' ') + 1, *root;
		if (mountinfo_parse_line(l, &mp, &fs) < 0)
			continue;
		for (root = mp - 1; root[-1] != ' '; root--)
			;
		mp[-1] = 0;
		bool v2 = !strcmp(fs, "cgroup2");
		unsigned m = v2 ? 0 : mask_of(opts, opts + strlen(opts), v1name, ',');
		if (v2 ? false : strcmp(fs, "cgroup") || !m || n == CG_DIRS)
			continue;
		for (int k = 0; k < n; k++)
			if (h[k].v2 == v2 && (v2 || h[k].ctrl == m))
				m = ~0u; /* (a hierarchy mounted twice) */
		/* Its line in /proc/self/cgroup, ID:CONTROLLERS:PATH. */
		for (char *p = cg, *a, *b, *e; m != ~0u && p && (a = strchr(p, ':')) && (b = strchr(a + 1, ':'));
		     p = *e ? e + 1 : NULL) {
			size_t rl = strcmp(root, "/") ? strlen(root) : 0;
			e = strchrnul(b, '\n');
			if ((v2 ? a + 1 != b : mask_of(a + 1, b, v1name, ',') != m) || strncmp(b + 1, root, rl))
				continue;
			/* (cella's cgroup below the mount's root; "/" is "") */
			int ol = (int)(e - b - 1 - rl) - (e - b - 1 - rl == 1);
			struct hier *x = v2 ? h : h + n;
			*x = (struct hier){ .ctrl = m, .v2 = v2, .used = v2 };
			if (asprintf(&x->base, "%s%.*s", mp, ol, b + 1 + rl) < 0 ||
			    (path && *path == '/' ? asprintf(&x->leaf, "%s%s", mp, path)
						  : asprintf(&x->leaf, "%s/%s%s", x->base, path ? "" : "cella/",
							     path ? path : c->name)) < 0) {
				*x = (struct hier){ 0 }; /* (out of memory: not used) */
				break;
			}
			n += !v2;
			/* v2: the controllers the parent may enable (when it is
			 * cella's own "cella", those enabled for it). */
			if (v2) {
				char *sl = strrchr(x->leaf, '/');
				*sl = 0;
				sc = path ? get(x->leaf, "cgroup.controllers") : get(x->base, "cgroup.subtree_control");
				*sl = '/';
				if (!sc && errno != ENOENT) {
					err = -errno;
					what = x->base;
				}
				x->ctrl = sc ? mask_of(sc, sc + strcspn(sc, "\n"), v2name, ' ') : 0;
				free(sc);
			}
			break;
		}
	}
	/* (one message for the three reads that can fail) */
	if (err)
		log_error("[cgroup]: %s: %s", what, strerror(-err));
	free(cg);
	free(mi);
	for (int k = 0; err && k < n; k++) {
		free(h[k].base);
		free(h[k].leaf);
	}
	return err ?: n;
}

static unsigned needed(const struct cg_conf *g)
{
	return (g->set & (CG_MEM_MAX | CG_MEM_HIGH) ? 1u << C_MEMORY : 0) | (g->set & CG_PIDS ? 1u << C_PIDS : 0) |
	       (g->set & (CG_CPU_MAX | CG_CPU_W) ? 1u << C_CPU : 0) | (g->set & CG_IO_W ? 1u << C_IO : 0) |
	       (g->set & CG_CPUS ? 1u << C_CPUSET : 0);
}

/* The keys in the order they are written: the key, its controller, its
 * file on v2 and on v1. */
static const struct lim {
	unsigned char bit, ctrl;
	const char *f[2];
} lims[] = {
	{ CG_MEM_MAX, C_MEMORY, { "memory.max", "memory.limit_in_bytes" } },
	{ CG_MEM_HIGH, C_MEMORY, { "memory.high", "memory.soft_limit_in_bytes" } },
	{ CG_PIDS, C_PIDS, { "pids.max", "pids.max" } },
	{ CG_CPU_MAX, C_CPU, { "cpu.max", "cpu.cfs_period_us" } },
	{ CG_CPU_MAX, C_CPU, { NULL, "cpu.cfs_quota_us" } },
	{ CG_CPU_W, C_CPU, { "cpu.weight", "cpu.shares" } },
	{ CG_IO_W, C_IO, { "io.weight", "blkio.weight" } },
	{ CG_CPUS, C_CPUSET, { "cpuset.cpus", "cpuset.cpus" } },
};

/* The limits of the controllers CTRL into D, as they are on v2 or
 * translated for v1 (the conversions of runc and crun). */
static int write_limits(const struct cg_conf *g, const char *d, unsigned ctrl, bool v1)
{
	/* The value of each row of lims[] (cpuset.cpus is a string): "max"
	 * (UINT64_MAX, a quota of -1) is -1. */
	const long long val[] = { (long long)g->mem_max, (long long)g->mem_high, (long long)g->pids_max,
				  v1 ? g->cpu_period : g->cpu_quota, g->cpu_quota,
				  v1 ? 2 + (g->cpu_weight - 1) * 262142 / 9999 : g->cpu_weight,
				  v1 ? 10 + (g->io_weight - 1) * 990 / 9999 : g->io_weight, 0 };
	int r = 0;

	for (unsigned i = 0; !r && i < sizeof(lims) / sizeof(lims[0]); i++) {
		const char *f = lims[i].f[v1];
		char v[48];

		if (!(g->set & lims[i].bit) || !(ctrl & (1u << lims[i].ctrl)) || !f)
			continue;
		/* -1: "max" on v2 and in pids.max, -1 in v1's other files */
		snprintf(v, sizeof(v), val[i] < 0 && (!v1 || i == 2) ? "max" : "%lld", val[i]);
		if (i == 3 && !v1)
			snprintf(v + strlen(v), 24, " %lld", g->cpu_period);
		/* io: io.weight (v2) or blkio.weight (v1, CFQ), else the bfq
		 * file's 10 to 1000 */
		if (i == 6) {
			if (put(d, f, v) == 0)
				continue;
			snprintf(v, sizeof(v), "%ld", 10 + (g->io_weight - 1) * 990 / 9999);
			f = v1 ? "blkio.bfq.weight" : "io.bfq.weight";
		}
		r = set(d, f, i == 7 ? g->cpus : v);
	}
	return r;
}

static void nap(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };
	nanosleep(&ts, NULL);
}

/* cpuset.cpus and cpuset.mems of FROM into TO. */
static int copy_cpuset(const char *to, const char *from)
{
	static const char *const f[] = { "cpuset.cpus", "cpuset.mems" };
	int r = 0;
	for (int k = 0; !r && k < 2; k++) {
		char *v = get(from, f[k]);
		if (!v) {
			r = -errno;
			log_error("cgroup %s/%s: %s", from, f[k], strerror(-r));
		} else {
			v[strcspn(v, "\n")] = 0;
			r = set(to, f[k], v);
			free(v);
		}
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

/* rmdir DIR: 0; else kill what is in it and in the cgroups the container
 * made below it (when it could), depth first, for the next try. */
static int purge(const char *dir, int depth)
{
	struct dirent *e;
	char *sub;
	DIR *d;

	if (rmdir(dir) == 0 || errno == ENOENT)
		return 0;
	kill_in(dir);
	if (depth < 16 && (d = opendir(dir))) {
		while ((e = readdir(d)))
			if (e->d_type == DT_DIR && strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
			    asprintf(&sub, "%s/%s", dir, e->d_name) > 0) {
				purge(sub, depth + 1);
				free(sub);
			}
		closedir(d);
	}
	return -1;
}

/* Until every directory of PATH is gone: purge, reap (cella is the
 * subreaper of its own), and try again. An empty
 * "cella" parent goes too; another container's is not empty, or is made
 * again by its cella (which tries again on ENOENT). */
static void kill_and_remove(char **path, int n)
{
	for (int t = 0, left = n; left && t < 1000; t++) {
		left = 0;
		for (int i = 0; i < n; i++) {
			if (!path[i])
				continue;
			if (purge(path[i], 0) == 0) {
				*strrchr(path[i], '/') = 0; /* (absolute paths) */
				char *parent = strrchr(path[i], '/');
				if (parent && !strcmp(parent, "/cella"))
					rmdir(path[i]);
				path[i] = NULL;
				continue;
			}
			left++;
		}
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (left)
			nap(t < 20 ? 1 : 10);
	}
	for (int i = 0; i < n; i++)
		if (path[i])
			log_warn("cgroup %s: still busy after 10 s: left behind", path[i]);
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

/* Make LEAF in hierarchy H: its parent "cella" first when that is the
 * default path (made when missing, removed at the end when empty; any
 * other parent must exist), with the controllers enabled in the parent on
 * v2 and, on v1, the cpuset copied down (a cpuset takes no process without
 * CPUs and memory nodes). */
static int make_leaf(const struct cg_conf *g, struct hier *h, const char *leaf, unsigned need)
{
	char parent[4200];
	bool cpuset = h->ctrl & (1u << C_CPUSET);
	int r = 0;

	snprintf(parent, sizeof(parent), "%.*s", (int)(strrchr(leaf, '/') - leaf), leaf);
	for (int tries = 0; tries < 5; tries++) {
		/* (ENOENT below: another container's end removed "cella") */
		if (!g->path && mkdir(parent, 0755) < 0 && errno != EEXIST) {
			r = -errno;
			leaf = parent;
			break;
		}
		for (int cn = 0; h->v2 && cn < C_CPUACCT; cn++) {
			if (!(h->ctrl & (1u << cn)) || (r = enable(parent, cn)) == 0)
				continue;
			if (need & (1u << cn) && (r != -ENOENT || g->path)) {
				log_error("[cgroup]: the %s controller cannot be enabled in %s/cgroup.subtree_control: %s",
					  v2name[cn], parent, strerror(-r));
				return r;
			}
			if (!(need & (1u << cn)))
				h->ctrl &= ~(1u << cn), r = 0; /* (one for stats only) */
		}
		if (!r && cpuset && !g->path && (r = copy_cpuset(parent, h->base)) < 0)
			return r;
		if (!r && mkdir(leaf, 0755) == 0)
			return cpuset ? copy_cpuset(leaf, parent) : 0;
		r = r ?: -errno;
		if (r != -ENOENT || g->path)
			break;
	}
	log_error("cgroup %s: %s", leaf, strerror(-r));
	return r;
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
	if ((nh = discover(c, h)) < 0)
		return nh;
	/* With cgroup2 (h[0]) no v1 freezer is needed: cgroup.kill,
	 * cgroup.freeze. */
	if (h[0].v2)
		want &= ~(1u << C_FREEZER);
	/* Each controller from the first hierarchy that has it: v2 (h[0]) if
	 * there (a v1 controller is in one hierarchy only). v2 is used always
	 * (it tracks and kills) when cella is in a cgroup2 hierarchy. */
	for (int cn = 0; cn < C_N; cn++) {
		unsigned bit = 1u << cn;
		int at = -1;
		for (int i = 0; i < nh; i++)
			if (at >= 0 || !(want & h[i].ctrl & bit))
				h[i].ctrl &= ~bit;
			else
				at = i, h[i].used = true;
		if (at < 0 && need & bit && !r) {
			log_error("[cgroup]: the %s controller is not available (not enabled for the cgroup's parent "
				  "on cgroup2, nor a mounted v1 hierarchy)", cn == C_IO ? "io (v1: blkio)" : v1name[cn]);
			r = -ENODEV;
		}
	}
	for (int i = 0; i < nh && !r; i++)
		if (h[i].used) {
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
	/* Each directory and its limits, and h[i] freed in the same pass
	 * whatever happened (a used leaf is CG's now: NULL in h). */
	for (int i = 0, d = 0; i < nh; i++) {
		if (h[i].used && !r) {
			r = make_leaf(g, &h[i], cg->path[d], need) ?: write_limits(g, cg->path[d], h[i].ctrl, !h[i].v2);
			d++;
		}
		free(h[i].base);
		free(h[i].leaf);
	}
	/* The child last, into every hierarchy. */
	snprintf(pid, sizeof(pid), "%d", (int)child);
	for (int i = 0; i < cg->n && !r; i++)
		r = set(cg->path[i], "cgroup.procs", pid);
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

	if ((fd = open(at(dir, state_base(), name), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)) < 0)
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
		errno = 0;
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
	/* v2's file (also the key printed, but for cpu.usage_usec), then
	 * v1's; cpu: cpuacct.usage (ns), else cpu.stat's usage_usec. */
	static const char *const files[][2] = { { "memory.current", "memory.usage_in_bytes" },
						{ "memory.peak", "memory.max_usage_in_bytes" },
						{ "pids.current", "" },
						/* (v1 first: a hybrid host's cgroup2 counts nothing) */
						{ "cpuacct.usage", "cpu.stat" } };
	char *text = NULL, *path[CG_DIRS], *st;
	int n;

	if (argc >= 1 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h"))) {
		static const char help[] = "usage: cella stats NAME\n\nThe figures of container NAME's cgroup as key=value lines:\n"
					   "memory.current, memory.peak, pids.current, cpu.usage_usec (v2 names, also on v1).\n";
		(void)!write(1, help, sizeof(help) - 1);
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
			printf("%s=%llu\n", k == 3 ? "cpu.usage_usec" : files[k][0], k == 3 && !v1 ? x / 1000 : x);
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
	char d[4200];

	/* Nothing mounted there: /sys/fs/cgroup is sysfs's own directory. */
	if (!c->cg.on || statfs(top, &s) < 0 || s.f_type != 0x62656572)
		return;
	if (mount("cgroup2", top, "cgroup2", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) == 0) {
		for (int cn = 0; cn < C_CPUACCT; cn++)
			if ((need | C_OPTIONAL) & (1u << cn))
				(void)enable(top, cn); /* (a missing one is named at run) */
		return;
	}
	/* A kernel without cgroup2: the v1 hierarchies, one a controller. */
	if (errno != ENODEV || mount("tmpfs", top, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=0755") < 0) {
		log_warn("mount cgroup on %s: %s", top, strerror(errno));
		return;
	}
	for (int cn = 0; cn < C_N; cn++) {
		if (mkdir(at(d, top, v1name[cn]), 0755) == 0 && mount("cgroup", d, "cgroup", MS_NOSUID | MS_NODEV | MS_NOEXEC, v1name[cn]) < 0)
			rmdir(d);
	}
}
