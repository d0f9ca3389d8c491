/* mounts.c - proc, sysfs, dev, tmpfs, bind, mask and read-only mounts. */
#include "mounts.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "log.h"
#include "value.h"

#define MAXLINKS 40

int mounts_resolve(const char *root, const char *path, char *out, size_t outlen)
{
	char todo[PATH_MAX], res[PATH_MAX] = "", full[PATH_MAX], link[PATH_MAX];
	size_t rootlen = strlen(root), reslen = 0;
	int links = 0;
	bool missing = false;
	char *p;

	if (snprintf(todo, sizeof(todo), "%s", path) >= (int)sizeof(todo))
		return -ENAMETOOLONG;
	p = todo;
	while (*p) {
		char *comp, *end;
		struct stat st;
		ssize_t n;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		comp = p;
		end = strchr(p, '/');
		p = end ? end + 1 : p + strlen(p);
		if (end)
			*end = 0;
		if (!strcmp(comp, "."))
			continue;
		if (!strcmp(comp, "..")) {
			char *slash = strrchr(res, '/');
			reslen = slash ? (size_t)(slash - res) : 0;
			res[reslen] = 0;
			continue;
		}
		if (reslen + 1 + strlen(comp) >= sizeof(res))
			return -ENAMETOOLONG;
		res[reslen] = '/';
		strcpy(res + reslen + 1, comp);
		if (missing) {
			reslen += 1 + strlen(comp);
			continue;
		}
		if (snprintf(full, sizeof(full), "%s%s", root, res) >= (int)sizeof(full))
			return -ENAMETOOLONG;
		if (lstat(full, &st) < 0) {
			if (errno != ENOENT)
				return -errno;
			missing = true; /* the rest is created later, as given */
			reslen += 1 + strlen(comp);
			continue;
		}
		if (!S_ISLNK(st.st_mode)) {
			reslen += 1 + strlen(comp);
			continue;
		}
		/* A symlink: splice its target in front of what is left, and
		 * start again from the root if it is absolute. */
		if (++links > MAXLINKS)
			return -ELOOP;
		n = readlink(full, link, sizeof(link) - 1);
		if (n < 0)
			return -errno;
		link[n] = 0;
		{
			size_t ll = strlen(link), pl = strlen(p);
			if (ll + 1 + pl >= sizeof(todo))
				return -ENAMETOOLONG;
			memmove(todo + ll + 1, p, pl + 1); /* p points into todo */
			memcpy(todo, link, ll);
			todo[ll] = '/';
		}
		p = todo;
		res[reslen] = 0;
		if (link[0] == '/')
			reslen = 0, res[0] = 0;
	}
	if (snprintf(out, outlen, "%s%s", root, reslen ? res : "/") >= (int)outlen)
		return -ENAMETOOLONG;
	(void)rootlen;
	return 0;
}

/* The mount being made, for messages that name it as the file does. */
struct mnt {
	const struct config *c;
	const struct mount_conf *m;
	char path[PATH_MAX];  /* resolved, on the host side */
};

static const char *kind_name(enum mount_kind k)
{
	static const char *const n[] = { "proc", "sysfs", "dev", "tmpfs", "bind", "mask", "readonly" };
	return n[k];
}

static int fail(const struct mnt *t, const char *what, int e)
{
	log_error("mounts.%s %s: %s: %s", kind_name(t->m->kind), t->m->target, what, strerror(e));
	return -e;
}

static int mkdir_parents(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		int r = mkdir(path, 0755);
		*p = '/';
		if (r < 0 && errno != EEXIST)
			return -errno;
	}
	return 0;
}

/* Create a missing target: a directory, or an empty file for a file bind.
 * Never in a read-only root: that would change the image underneath. */
/* Whether the nearest existing directory above PATH is on the root's own
 * filesystem (and not on a tmpfs mounted there earlier). */
static bool on_root_fs(const char *root, const char *path)
{
	char p[PATH_MAX];
	struct stat r, st;

	if (stat(root, &r) < 0)
		return true;
	snprintf(p, sizeof(p), "%s", path);
	for (char *slash; (slash = strrchr(p, '/')) && slash != p; ) {
		*slash = 0;
		if (stat(p, &st) == 0)
			return st.st_dev == r.st_dev;
	}
	return true;
}

static int ensure_target(struct mnt *t, bool file)
{
	struct stat st;
	int fd;

	if (lstat(t->path, &st) == 0)
		return 0;
	if (errno != ENOENT)
		return fail(t, "target", errno);
	/* A read-only root's image is not changed; a tmpfs in it may be. */
	if (t->c->root_readonly && on_root_fs(t->c->root_path, t->path)) {
		log_error("mounts.%s %s: target does not exist and root.readonly = yes",
			  kind_name(t->m->kind), t->m->target);
		return -ENOENT;
	}
	if (mkdir_parents(t->path) < 0)
		return fail(t, "create target", errno);
	if (!file)
		return mkdir(t->path, 0755) < 0 && errno != EEXIST ? fail(t, "create target", errno) : 0;
	fd = open(t->path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		return fail(t, "create target", errno);
	close(fd);
	return 0;
}

static int do_mount(struct mnt *t, const char *src, const char *type, unsigned long flags, const char *data)
{
	if (mount(src, t->path, type, flags, data) < 0)
		return fail(t, "mount", errno);
	return 0;
}

int mounts_remount_readonly(const char *path)
{
	struct statvfs sv;
	unsigned long f = MS_BIND | MS_REMOUNT | MS_RDONLY;

	if (statvfs(path, &sv) == 0) {
		if (sv.f_flag & ST_NOSUID) f |= MS_NOSUID;
		if (sv.f_flag & ST_NODEV) f |= MS_NODEV;
		if (sv.f_flag & ST_NOEXEC) f |= MS_NOEXEC;
		if (sv.f_flag & ST_NOATIME) f |= MS_NOATIME;
		if (sv.f_flag & ST_NODIRATIME) f |= MS_NODIRATIME;
		if (sv.f_flag & ST_RELATIME) f |= MS_RELATIME;
	}
	return mount(NULL, path, NULL, f, NULL) < 0 ? -errno : 0;
}

static int remount_ro(struct mnt *t, const char *path)
{
	int r = mounts_remount_readonly(path);
	return r < 0 ? fail(t, "remount read-only", -r) : 0;
}

/* The null device to bind over masked files: the container's own when its
 * /dev is already mounted, so that a host without devtmpfs on /dev (early
 * in an initramfs) works too. */
static const char *null_device(const struct mnt *t, char *buf)
{
	struct stat st;
	snprintf(buf, PATH_MAX, "%s/dev/null", t->c->root_path ? t->c->root_path : "");
	if (stat(buf, &st) == 0 && S_ISCHR(st.st_mode))
		return buf;
	return "/dev/null";
}

static int sub_path(const struct mnt *t, const char *name, char *out)
{
	if (snprintf(out, PATH_MAX, "%s/%s", t->path, name) >= PATH_MAX)
		return -ENAMETOOLONG;
	return 0;
}

/* A device node; where mknod is not allowed, a bind of the host's node. */
static int dev_node(struct mnt *t, const char *name, unsigned maj, unsigned min)
{
	char p[PATH_MAX], host[64];
	int fd;

	if (sub_path(t, name, p) < 0)
		return -ENAMETOOLONG;
	if (mknod(p, S_IFCHR | 0666, makedev(maj, min)) == 0)
		return 0;
	if (errno != EPERM)
		return fail(t, name, errno);
	snprintf(host, sizeof(host), "/dev/%s", name);
	if ((fd = open(p, O_WRONLY | O_CREAT | O_CLOEXEC, 0666)) < 0)
		return fail(t, name, errno);
	close(fd);
	if (mount(host, p, NULL, MS_BIND, NULL) < 0)
		return fail(t, name, errno);
	return 0;
}

static int dev_link(struct mnt *t, const char *name, const char *to)
{
	char p[PATH_MAX];
	if (sub_path(t, name, p) < 0)
		return -ENAMETOOLONG;
	return symlink(to, p) < 0 ? fail(t, name, errno) : 0;
}

static int dev_dir_mount(struct mnt *t, const char *name, const char *type,
			 unsigned long flags, const char *data)
{
	char p[PATH_MAX];
	if (sub_path(t, name, p) < 0)
		return -ENAMETOOLONG;
	if (mkdir(p, 0755) < 0 && errno != EEXIST)
		return fail(t, name, errno);
	if (mount(type, p, type, flags, data) < 0)
		return fail(t, name, errno);
	return 0;
}

/* The console: the terminal cella was started on, when there is one. */
static int dev_console(struct mnt *t)
{
	char tty[PATH_MAX], p[PATH_MAX];
	int fd;

	if (!isatty(0) || ttyname_r(0, tty, sizeof(tty)) != 0)
		return 0;
	if (sub_path(t, "console", p) < 0)
		return -ENAMETOOLONG;
	if ((fd = open(p, O_WRONLY | O_CREAT | O_CLOEXEC, 0600)) < 0)
		return fail(t, "console", errno);
	close(fd);
	if (mount(tty, p, NULL, MS_BIND, NULL) < 0)
		return fail(t, "console", errno);
	return 0;
}

static int mount_dev(struct mnt *t)
{
	static const struct { const char *name; unsigned maj, min; } nodes[] = {
		{ "null", 1, 3 }, { "zero", 1, 5 }, { "full", 1, 7 },
		{ "random", 1, 8 }, { "urandom", 1, 9 }, { "tty", 5, 0 },
	};
	static const struct { const char *name, *to; } links[] = {
		{ "ptmx", "pts/ptmx" }, { "fd", "/proc/self/fd" }, { "stdin", "/proc/self/fd/0" },
		{ "stdout", "/proc/self/fd/1" }, { "stderr", "/proc/self/fd/2" },
	};
	int r;

	if ((r = do_mount(t, "tmpfs", "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=755,size=512k")) < 0)
		return r;
	for (unsigned i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++)
		if ((r = dev_node(t, nodes[i].name, nodes[i].maj, nodes[i].min)) < 0)
			return r;
	for (unsigned i = 0; i < sizeof(links) / sizeof(links[0]); i++)
		if ((r = dev_link(t, links[i].name, links[i].to)) < 0)
			return r;
	/* A devpts instance of its own: the container's ptys are not the host's. */
	if ((r = dev_dir_mount(t, "pts", "devpts", MS_NOSUID | MS_NOEXEC,
			       "newinstance,ptmxmode=0666,mode=0620")) < 0 ||
	    (r = dev_dir_mount(t, "shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777")) < 0)
		return r;
	return dev_console(t);
}

/* tmpfs options: the flag words become mount flags, the rest is data. */
static int mount_tmpfs(struct mnt *t)
{
	static const struct { const char *word; unsigned long set, clear; } words[] = {
		{ "ro", MS_RDONLY, 0 }, { "rw", 0, MS_RDONLY },
		{ "nosuid", MS_NOSUID, 0 }, { "suid", 0, MS_NOSUID },
		{ "nodev", MS_NODEV, 0 }, { "dev", 0, MS_NODEV },
		{ "noexec", MS_NOEXEC, 0 }, { "exec", 0, MS_NOEXEC },
		{ "noatime", MS_NOATIME, 0 }, { "relatime", MS_RELATIME, 0 },
	};
	unsigned long flags = MS_NOSUID | MS_NODEV;
	char data[512] = "", opts[512], *save = NULL;
	size_t dl = 0;

	snprintf(opts, sizeof(opts), "%s", t->m->data ? t->m->data : "");
	for (char *o = strtok_r(opts, ",", &save); o; o = strtok_r(NULL, ",", &save)) {
		unsigned i;
		for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (!strcmp(o, words[i].word)) {
				flags = (flags | words[i].set) & ~words[i].clear;
				break;
			}
		if (i == sizeof(words) / sizeof(words[0]))
			dl += snprintf(data + dl, sizeof(data) - dl, "%s%s", dl ? "," : "", o);
	}
	return do_mount(t, "tmpfs", "tmpfs", flags, data);
}

static int mount_one(struct mnt *t)
{
	const struct mount_conf *m = t->m;
	struct stat st;
	int r;

	switch (m->kind) {
	case M_PROC:
		return ensure_target(t, false) ?:
		       do_mount(t, "proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	case M_SYSFS:
		return ensure_target(t, false) ?:
		       do_mount(t, "sysfs", "sysfs",
				MS_NOSUID | MS_NODEV | MS_NOEXEC | (m->rw ? 0 : MS_RDONLY), NULL);
	case M_DEV:
		return ensure_target(t, false) ?: mount_dev(t);
	case M_TMPFS:
		return ensure_target(t, false) ?: mount_tmpfs(t);
	case M_BIND:
		if (stat(m->source, &st) < 0)
			return fail(t, m->source, errno);
		if ((r = ensure_target(t, !S_ISDIR(st.st_mode))) < 0 ||
		    (r = do_mount(t, m->source, NULL, MS_BIND | (m->rec ? MS_REC : 0), NULL)) < 0)
			return r;
		return m->ro ? remount_ro(t, t->path) : 0;
	case M_MASK:
		/* Nothing to hide where nothing is (/proc/scsi on many kernels). */
		if (stat(t->path, &st) < 0)
			return errno == ENOENT ? 0 : fail(t, "stat", errno);
		if (S_ISDIR(st.st_mode))
			return do_mount(t, "tmpfs", "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
					"size=0,mode=555");
		{
			char null[PATH_MAX];
			return do_mount(t, null_device(t, null), NULL, MS_BIND, NULL);
		}
	case M_READONLY:
		if (stat(t->path, &st) < 0)
			return errno == ENOENT ? 0 : fail(t, "stat", errno);
		return do_mount(t, t->path, NULL, MS_BIND | MS_REC, NULL) ?: remount_ro(t, t->path);
	}
	return -EINVAL;
}

static int resolve_and_mount(const struct config *c, const struct mount_conf *m)
{
	struct mnt t = { .c = c, .m = m };
	int r = mounts_resolve(c->root_path ? c->root_path : "", m->target, t.path, sizeof(t.path));
	if (r < 0)
		return fail(&t, "resolve target", -r);
	return mount_one(&t);
}

int mounts_bind(const struct config *c, const char *source, const char *target)
{
	struct mount_conf m = { .kind = M_BIND, .source = (char *)source, .target = (char *)target };
	return resolve_and_mount(c, &m);
}

int mounts_setup(const struct config *c)
{
	for (int i = 0; i < c->nmounts; i++) {
		int r = resolve_and_mount(c, &c->mounts[i]);
		if (r < 0)
			return r;
	}
	return 0;
}
