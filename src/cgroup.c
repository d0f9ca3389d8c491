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
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fileio.h"
#include "log.h"
#include "mountinfo.h"
#include "state.h"
#include "sys.h"
#include "value.h"

enum { C_MEMORY, C_PIDS, C_CPU, C_IO, C_CPUSET, C_CPUACCT, C_FREEZER, C_N };
_Static_assert(C_CPUACCT == C_N - 2, "v2 has all but the last two");
/* The controllers' v1 names, 9 bytes each with the "+" that enables one
 * in cgroup.subtree_control before (no table of pointers); v2 calls blkio
 * "io" and has neither cpuacct nor freezer. */
#define V1NAMES "+memory\0\0+pids\0\0\0\0+cpu\0\0\0\0\0+blkio\0\0\0+cpuset\0\0+cpuacct\0+freezer"
#define V1NAME(cn) (&V1NAMES[9 * (cn) + 1])
_Static_assert(sizeof(V1NAMES) == 9 * C_N, "9 bytes a name");
/* What v1 adds when mounted: figures for stats, a freezer for the kill. */
#define C_OPTIONAL ((1u << C_MEMORY) | (1u << C_PIDS) | (1u << C_CPUACCT) | (1u << C_FREEZER))

struct hier {
	char *leaf;       /* the container's cgroup in it */
	unsigned ctrl;    /* controllers usable there */
	bool v2, used;
};

static const char *cname(int cn, bool v2)
{
	return v2 && cn == C_IO ? &"+io"[1] : V1NAME(cn); /* (after its "+") */
}

/* The controllers named by the words of W (separated by ',' or ' ', up to
 * ':', '\n' or the end): one parser for mountinfo's options,
 * /proc/self/cgroup and the v2 files. */
static unsigned mask_of(const char *w, bool v2)
{
	unsigned m = 0;
	for (;; w++) {
		size_t n = strcspn(w, ", :\n");
		for (int c = 0; c < C_N - 2 * v2; c++) { /* (v2: up to C_CPUACCT) */
			const char *nm = cname(c, v2);
			/* (equal for n bytes: nm is not shorter than n) */
			if (!strncmp(w, nm, n) && !nm[n])
				m |= 1u << c;
		}
		w += n;
		if (*w != ',' && *w != ' ')
			return m;
	}
}

/* DIR/FILE into P: every path of a cgroup file is built here. */
static char *at(char *p, const char *dir, const char *file)
{
	snprintf(p, 4200, "%s/%s", dir, file);
	return p;
}

/* DIR less its last LEVELS components into P. */
static char *up(char *p, const char *dir, int levels)
{
	snprintf(p, 4200, "%s", dir);
	while (levels--)
		*strrchr(p, '/') = 0;
	return p;
}

/* VAL into PATH (below DIR_FD). */
static int write_at(int dir_fd, const char *path, const char *val)
{
	return write_file_at(dir_fd, path, val, strlen(val), O_NOFOLLOW, 0);
}

static int put(const char *dir, const char *file, const char *val)
{
	char p[4200];
	return write_at(AT_FDCWD, at(p, dir, file), val);
}

/* The one line for a failed write of VAL into DIR/FILE. */
#define WRITE_FAILED "cgroup %s/%s: write %s: %s"

/* The one line for a failed cgroup file or directory. */
static int fail(const char *what, const char *file, int r)
{
	log_error("cgroup %s%s%s: %s", what, *file ? "/" : "", file, strerror(-r));
	return r;
}

static int set(const char *dir, const char *file, const char *val)
{
	int r = put(dir, file, val);
	if (r < 0)
		log_error(WRITE_FAILED, dir, file, val, strerror(-r));
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
	return put(dir, "cgroup.subtree_control", cname(cn, true) - 1);
}

/* The cgroup mounts of /proc/self/mountinfo that hold cella's own cgroup
 * (its line of /proc/self/cgroup), and the container's cgroup in each:
 * path = /ABS below the mount point, path = REL and the default cella/NAME
 * below cella's own cgroup. h[0] is cgroup2's (unused when there is none):
 * that directory goes first, its cgroup.kill ends the processes before
 * the v1 ones are looked at (and it is the one state shows). */
static int discover(const struct config *c, struct hier *h)
{
	char *cg = read_file("/proc/self/cgroup", 1 << 16, NULL), *mi = cg ? read_file("/proc/self/mountinfo", 16 << 20, NULL) : NULL;
	char *save = NULL, *l, *mp, *fs, p[4200];
	const char *path = c->cg.path;
	int n = 1, err = mi ? 0 : fail(cg ? "/proc/self/mountinfo" : "/proc/self/cgroup", "", -errno);

	h[0] = (struct hier){ 0 };
	for (l = strtok_r(mi, "\n", &save); l && !err; l = strtok_r(NULL, "\n", &save)) {
		/* The super options are the line's last field, the root the
		 * one before the mount point. */
		char *opts = strrchr(l, ' ') + 1, *root;
		int k = 1;
		if (mountinfo_parse_line(l, &mp, &fs) < 0)
			continue;
		for (root = mp - 1; root[-1] != ' '; root--)
			;
		mp[-1] = 0;
		bool v2 = !strcmp(fs, "cgroup2");
		unsigned m = v2 ? 0 : mask_of(opts, false);
		while (k < n && h[k].ctrl != m)
			k++;
		/* (a hierarchy mounted twice: the first) */
		if (v2 ? h->v2 : strcmp(fs, "cgroup") || !m || k < n || n == CG_DIRS)
			continue;
		/* Its line in /proc/self/cgroup, ID:CONTROLLERS:PATH. */
		size_t rl = strlen(root) - !root[1]; /* ("/" is "") */
		for (char *q = cg, *a, *b, *e; (a = strchr(q, ':')) && (b = strchr(a + 1, ':')); q = e) {
			e = strchrnul(b, '\n');
			/* (the mount's root a whole-component prefix of it: a
			 * root of /a is not above /ab) */
			if ((v2 ? a + 1 != b : mask_of(a + 1, false) != m) || strncmp(b + 1, root, rl) ||
			    (b + 1 + rl != e && b[1 + rl] != '/'))
				continue;
			/* cella's cgroup below the mount's root ("/" is ""), then
			 * the container's below it, or PATH below the mount */
			int ol = (int)(e - b - 1 - rl);
			struct hier *x = v2 ? h : h + n++;
			bool abs = path && *path == '/';
			*x = (struct hier){ .ctrl = m, .v2 = v2, .used = v2 };
			if (asprintf(&x->leaf, "%s%.*s%s%s", mp, abs ? 0 : ol - (ol == 1), b + 1 + rl,
				     abs ? "" : path ? "/" : "/cella/", path ?: c->name) < 0) {
				err = fail(mp, "", -ENOMEM);
			} else if (v2) {
				/* v2: the controllers the parent may enable (when it is
				 * cella's own "cella", those enabled for it). */
				const char *f = path ? "cgroup.controllers" : "cgroup.subtree_control";
				char *sc = get(up(p, x->leaf, path ? 1 : 2), f);
				if (!sc && errno != ENOENT)
					err = fail(p, f, -errno);
				x->ctrl = mask_of(sc ?: "", true);
				free(sc);
			}
			break;
		}
	}
	free(cg);
	free(mi);
	for (int k = 0; err && k < n; k++)
		free(h[k].leaf);
	return err ?: n;
}

/* The controller of each key (bit k of CG_*). */
static const unsigned char key_ctrl[] = { C_MEMORY, C_MEMORY, C_PIDS, C_CPU, C_CPU, C_IO, C_CPUSET };

static unsigned needed(const struct cg_conf *g)
{
	unsigned m = 0;
	for (int k = 0; k < 7; k++)
		if (g->set >> k & 1)
			m |= 1u << key_ctrl[k];
	return m;
}

_Static_assert(offsetof(struct cg_conf, cpu_quota) == offsetof(struct cg_conf, mem_max) + 24, "the 64-bit keys in a row");

/* The file of each key on v2 and on v1 (cpu.max: on v1 the quota, after
 * cpu.cfs_period_us). */
#define LIM_FILES "memory.max\0memory.limit_in_bytes\0memory.high\0memory.soft_limit_in_bytes\0" \
				"pids.max\0pids.max\0cpu.max\0cpu.cfs_quota_us\0cpu.weight\0cpu.shares\0" \
				"io.weight\0blkio.weight\0cpuset.cpus\0cpuset.cpus"

/* The limits of the controllers CTRL into D, as they are on v2 or
 * translated for v1 (the conversions of runc and crun). */
__attribute__((noinline)) static int write_limits(const struct cg_conf *g, const char *d, unsigned ctrl, bool v1)
{
	/* bfq's and blkio's 10 to 1000 */
	long bfq = 10 + (g->io_weight - 1) * 990 / 9999;
	const char *f = LIM_FILES;
	int r = 0;

	for (int k = 0; !r && k < 7; k++, f += strlen(f) + 1, f += strlen(f) + 1) {
		const char *file = v1 ? f + strlen(f) + 1 : f;
		char v[48];
		/* The value (cpuset.cpus is a string): "max" (UINT64_MAX, a
		 * quota of -1) is -1; mem_max, mem_high, pids_max and cpu_quota
		 * are the 64-bit fields of keys 0 to 3, in a row. */
		long long x = k < 4 ? *(const long long *)((const char *)&g->mem_max + 8 * k)
			      : k == 4 ? (v1 ? 2 + (g->cpu_weight - 1) * 262142 / 9999 : g->cpu_weight)
			      : v1 ? bfq : g->io_weight;

		if (!(g->set >> k & 1) || !(ctrl >> key_ctrl[k] & 1))
			continue;
		if (k == 6) {
			r = set(d, file, g->cpus);
			continue;
		}
		/* -1: "max" on v2 and in pids.max, -1 in v1's other files */
		snprintf(v, sizeof(v), x < 0 && (!v1 || k == 2) ? "max" : "%lld", x);
		if (k == 3) {
			char per[24];
			snprintf(per, sizeof(per), "%lld", g->cpu_period);
			if (!v1)
				snprintf(v + strlen(v), 25, " %s", per);
			else if ((r = set(d, "cpu.cfs_period_us", per)))
				continue;
		}
		/* io: io.weight (v2) or blkio.weight (v1, CFQ), else the bfq
		 * file's 10 to 1000 */
		if (k == 5) {
			if (put(d, file, v) == 0)
				continue;
			snprintf(v, sizeof(v), "%ld", bfq);
			file = &"blkio.bfq.weight"[v1 ? 0 : 3];
		}
		r = set(d, file, v);
	}
	return r;
}

/* cpuset.cpus and cpuset.mems of TO's parent into TO. */
static int copy_cpuset(const char *to)
{
	const char *f = "cpuset.cpus";
	char from[4200];
	int r = 0;

	up(from, to, 1);
	for (int k = 0; !r && k < 2; k++, f = "cpuset.mems") {
		char *v = get(from, f);
		if (!v)
			return fail(from, f, -errno);
		v[strcspn(v, "\n")] = 0;
		r = set(to, f, v);
		free(v);
	}
	return r;
}

/* Kill what is in DIR: cgroup.kill (v2, 5.14+), else frozen (v2, or a v1
 * freezer directory), SIGKILL to each process listed, thawed. */
static void kill_in(const char *dir)
{
	const char *fz = "cgroup.freeze", *thaw = "0";
	char *procs;
	long pid = 0;

	if (put(dir, "cgroup.kill", "1") == 0)
		return;
	if (put(dir, fz, "1") < 0) {
		fz = "freezer.state", thaw = "THAWED";
		if (put(dir, fz, "FROZEN") < 0)
			fz = NULL;
	}
	/* (one pid a line) */
	for (char *p = procs = get(dir, "cgroup.procs"); p && *p; p++)
		if (*p == '\n') {
			if (pid > 0)
				kill((pid_t)pid, SIGKILL);
			pid = 0;
		} else {
			pid = pid * 10 + *p - '0';
		}
	free(procs);
	if (fz)
		put(dir, fz, thaw);
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
			/* (not "." nor "..") */
			if (e->d_type == DT_DIR && (e->d_name[0] != '.' || e->d_name[1 + (e->d_name[1] == '.')]) &&
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
 * again by its cella (which tries again on ENOENT). Then the record in
 * the state directory DIR_FD. */
static void kill_and_remove(int dir_fd, char **path, int n)
{
	unsigned left = (1u << n) - 1; /* (a bit a path) */

	for (int t = 0; left && t < 1000; t++) {
		for (int i = 0; i < n; i++)
			if (left >> i & 1 && purge(path[i], 0) == 0) {
				left &= ~(1u << i);
				*strrchr(path[i], '/') = 0; /* (absolute paths) */
				char *parent = strrchr(path[i], '/');
				if (parent && !strcmp(parent, "/cella"))
					rmdir(path[i]);
			}
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (left)
			usleep(t < 20 ? 1000 : 10000);
	}
	for (int i = 0; i < n; i++)
		if (left >> i & 1)
			log_warn("cgroup %s: still busy after 10 s: left behind", path[i]);
	unlinkat(dir_fd, "cgroup", 0);
}

/* The record's paths, one a line (read in the state directory DIR_FD into
 * BUF, of REC bytes). */
#define REC (CG_DIRS * 4100)
static int read_record(int dir_fd, char *buf, char **path)
{
	int fd = openat(dir_fd, "cgroup", O_RDONLY | O_CLOEXEC | O_NOFOLLOW), n = 0;
	ssize_t len = fd < 0 ? 0 : read(fd, buf, REC - 1);

	if (fd >= 0)
		close(fd);
	buf[len > 0 ? len : 0] = 0;
	/* (each path ends with a newline; an empty line is none) */
	for (char *l = buf, *e; n < CG_DIRS && (e = strchr(l, '\n')); l = e + 1)
		if (*l != '\n')
			*e = 0, path[n++] = l;
	return n;
}

void cgroup_destroy(struct cgroup *cg)
{
	if (!cg->n)
		return;
	kill_and_remove(cg->state_dir_fd, cg->path, cg->n);
	for (int i = 0; i < cg->n; i++)
		free(cg->path[i]);
	cg->n = 0;
}

void cgroup_reap_stale(int dir_fd)
{
	char buf[REC], *path[CG_DIRS];
	int n = read_record(dir_fd, buf, path);

	kill_and_remove(dir_fd, path, n);
}

/* Make H's leaf: its parent "cella" first when that is the default path
 * (made when missing, removed at the end when empty; any other parent must
 * exist), with the controllers enabled in the parent on v2 and, on v1, the
 * cpuset copied down (a cpuset takes no process without CPUs and memory
 * nodes). */
static int make_leaf(const struct cg_conf *g, struct hier *h, unsigned need)
{
	char parent[4200];
	const char *leaf = h->leaf;
	bool cpuset = h->ctrl >> C_CPUSET & 1;
	int r, tries = 0;

	up(parent, leaf, 1);
	/* (ENOENT below: another container's end removed "cella": again) */
again:
	if (!g->path && mkdir(parent, 0755) < 0 && errno != EEXIST)
		return fail(parent, "", -errno);
	for (int cn = 0; h->v2 && cn < C_CPUACCT; cn++) {
		if (!(h->ctrl >> cn & 1) || (r = enable(parent, cn)) == 0)
			continue;
		if (r == -ENOENT && !g->path && tries++ < 5)
			goto again;
		if (need >> cn & 1) {
			log_error(WRITE_FAILED, parent, "cgroup.subtree_control", cname(cn, true) - 1, strerror(-r));
			return r;
		}
		h->ctrl &= ~(1u << cn); /* (one for stats only) */
	}
	if (cpuset && !g->path && (r = copy_cpuset(parent)) < 0)
		return r;
	if (mkdir(leaf, 0755) < 0) {
		if (errno == ENOENT && !g->path && tries++ < 5)
			goto again;
		return fail(leaf, "", -errno);
	}
	return cpuset ? copy_cpuset(leaf) : 0;
}

int cgroup_setup(const struct config *c, int state_dir_fd, pid_t child, struct cgroup *cg)
{
	const struct cg_conf *g = &c->cg;
	struct hier h[CG_DIRS];
	unsigned need = needed(g), want = need | C_OPTIONAL, got = 0;
	int nh, r = 0;
	char pid[16], rec[REC];
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
	for (int i = 0; i < nh; i++) {
		h[i].ctrl &= want & ~got;
		got |= h[i].ctrl;
		h[i].used |= h[i].ctrl != 0;
	}
	if (need & ~got) {
		int cn = __builtin_ctz(need & ~got);
		log_error("[cgroup]: the %s controller is not available (not enabled in the parent on cgroup2, nor "
			  "mounted on v1)", cn == C_IO ? "io (v1: blkio)" : V1NAME(cn));
		r = -ENODEV;
	}
	/* The used ones to the front of h, their leaves CG's. */
	for (int i = 0; i < nh; i++)
		if (h[i].used && !r) {
			h[cg->n] = h[i];
			cg->path[cg->n] = h[i].leaf;
			len += snprintf(rec + len, sizeof(rec) - len, "%s\n", cg->path[cg->n++]);
		} else {
			free(h[i].leaf);
		}
	if (!r && !cg->n) {
		log_error("[cgroup]: cella's cgroup is not found in /proc/self/mountinfo");
		r = -ENODEV;
	}
	/* The record first: whatever is made after it, a dead cella's
	 * successor finds. */
	if (!r && (r = write_file_at(state_dir_fd, "cgroup", rec, len, O_CREAT | O_TRUNC | O_NOFOLLOW, 0644)) < 0)
		log_error("state cgroup record: %s", strerror(-r));
	/* Each directory and its limits, then the child, into every
	 * hierarchy. */
	for (int i = 0; i < cg->n && !r; i++)
		r = make_leaf(g, &h[i], need) ?: write_limits(g, h[i].leaf, h[i].ctrl, !h[i].v2);
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

static int record_of(const char *name, char *buf, char **path)
{
	char dir[4200];
	int fd = open(at(dir, state_base(), name), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW), n;

	if (fd < 0)
		return 0;
	n = read_record(fd, buf, path);
	close(fd);
	return n;
}

int cgroup_join(const char *name)
{
	char buf[REC], *path[CG_DIRS];
	int n = record_of(name, buf, path), r = 0;

	/* Only into a directory of a cgroup filesystem. */
	for (int i = 0; i < n && !r; i++) {
		struct statfs s;
		int fd = open(path[i], O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
		r = fd < 0 ? -errno : fstatfs(fd, &s) < 0 ? -errno : s.f_type != 0x27e0eb && s.f_type != 0x63677270 ? -EINVAL
							 : write_at(fd, "cgroup.procs", "0");
		if (fd >= 0)
			close(fd);
		if (r)
			fail(path[i], "", r);
	}
	return r;
}

int cgroup_stats_main(int argc, char **argv)
{
	/* Each figure: v2's file (also the key printed, but for
	 * cpu.usage_usec), then v1's; cpu: cpuacct.usage (ns), else
	 * cpu.stat's usage_usec (v1 first: a hybrid host's cgroup2 counts
	 * nothing). */
#define STATS_FILES "memory.current\0memory.usage_in_bytes\0memory.peak\0memory.max_usage_in_bytes\0" \
				    "pids.current\0\0cpuacct.usage\0cpu.stat"
	const char *f = STATS_FILES;
	char buf[REC], *path[CG_DIRS], *st;
	int n;

	/* (stats --help is main.c's, from cli.c's text.) */
	if (argc != 1) {
		log_plain("stats: expected NAME (see cella stats --help)");
		return 2;
	}
	if (!(st = state_read_running(argv[0])))
		return 1;
	free(st);
	n = record_of(argv[0], buf, path);
	if (!n)
		log_plain("%s: has no cgroup", argv[0]);
	for (int k = 0; k < 4 && n; k++, f += strlen(f) + 1, f += strlen(f) + 1)
		for (int i = 0; i < n * 2; i++) {
			int v1 = i >= n;
			char *v = get(path[i % n], v1 ? f + strlen(f) + 1 : f), buf[32];
			unsigned long long x;
			if (!v)
				continue;
			x = strtoull(k == 3 && v1 ? text_value(v, "usage_usec", ' ', buf, sizeof(buf)) : v, NULL, 10);
			free(v);
			printf("%s=%llu\n", k == 3 ? "cpu.usage_usec" : f, k == 3 && !v1 ? x / 1000 : x);
			break;
		}
	return n ? 0 : 1;
}

void cgroup_mount_pid1(const struct config *c)
{
	const char *top = "/sys/fs/cgroup";
	unsigned need = needed(&c->cg) | C_OPTIONAL;
	struct statfs s;
	char d[4200];

	/* Nothing mounted there: /sys/fs/cgroup is sysfs's own directory. */
	if (!c->cg.on || statfs(top, &s) < 0 || s.f_type != 0x62656572)
		return;
	if (mount("cgroup2", top, "cgroup2", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) == 0) {
		for (int cn = 0; cn < C_CPUACCT; cn++)
			if (need >> cn & 1)
				(void)enable(top, cn); /* (a missing one is named at run) */
		return;
	}
	/* A kernel without cgroup2: the v1 hierarchies, one a controller. */
	if (errno != ENODEV || mount("tmpfs", top, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=0755") < 0) {
		log_warn("mount cgroup on %s: %s", top, strerror(errno));
		return;
	}
	for (int cn = 0; cn < C_N; cn++)
		if (mkdir(at(d, top, V1NAME(cn)), 0755) == 0 &&
		    mount("cgroup", d, "cgroup", MS_NOSUID | MS_NODEV | MS_NOEXEC, V1NAME(cn)) < 0)
			rmdir(d);
}
