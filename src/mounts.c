/* SPDX-License-Identifier: GPL-2.0-only */
/* mounts.c - proc, sysfs, dev, tmpfs, bind, mask and read-only mounts.
 *
 * Every target is resolved inside the new root by fd (resolve.h) and the
 * mount goes onto /proc/self/fd/N: a path string of the container's tree
 * is never handed to the kernel from the host side. */
#include "mounts.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h> /* (the ST_ bits) */
#include <sys/sysmacros.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "log.h"
#include "resolve.h"
#include "sys.h"
#include "userns.h"
#include "value.h"

#ifndef TMPFS_MAGIC
#define TMPFS_MAGIC 0x01021994
#endif

/* open_target: a target that does not exist is no error (-ENOENT, not
 * logged): nothing to mask or make read-only where nothing is. */
#define IF_EXISTS 8

/* The mount being made, for messages that name it as the file does. */
struct mnt {
	const struct config *c;
	const struct mount_conf *m;
	int root;               /* the new root (or /), O_PATH */
	struct stat root_st;
};

/* The kinds' names in enum mount_kind's order, one string. */
static const char kind_names[] = "proc\0sysfs\0dev\0tmpfs\0bind\0mask\0readonly";

static const char *kind_name(enum mount_kind k)
{
	const char *s = kind_names;
	while (k--)
		s += strlen(s) + 1;
	return s;
}

/* E 0: errno. */
static int fail(const struct mnt *t, const char *what, int e)
{
	if (!e)
		e = errno;
	log_error("mounts.%s %s: %s: %s", kind_name(t->m->kind), t->m->target, what, strerror(e));
	return -e;
}

/* The target, resolved inside the root; missing parts created as asked.
 * An fd, or -errno already logged. Resolved again after a mount on it, so
 * that the lookup crosses into the mount (the fd of the target names what
 * lies underneath): whatever a rename did meanwhile, the result is inside
 * the root. */
static int open_target(struct mnt *t, int create)
{
	struct resolve_opts o = { .create = create & ~IF_EXISTS, .ro = t->c->root_readonly,
				  .ro_dev = t->root_st.st_dev };
	int fd = resolve_in_root(t->root, t->m->target, &o);

	if (fd >= 0 || (fd == -ENOENT && (create & IF_EXISTS)))
		return fd;
	return fail(t, fd == -EROFS ? "create target (root.readonly = yes)" : "resolve target", -fd);
}

static int do_mount(const struct mnt *t, const char *src, int fd, const char *type, unsigned long flags,
		    const char *data)
{
	char p[32];
	return mount(src, resolve_fd_path(fd, p), type, flags, data) < 0 ? fail(t, "mount", 0) : 0;
}

int mounts_remount_readonly_fd(int fd)
{
	struct statfs sf;
	char p[32];

	/* Without the flags the remount would drop nosuid, nodev, noexec and
	 * the atime ones. statfs's f_flags (what fstatvfs copies into its
	 * f_flag, Linux 2.6.36+) has the ST_ bits, which are the MS_ ones but
	 * for relatime. */
	_Static_assert(ST_NOSUID == MS_NOSUID && ST_NODEV == MS_NODEV && ST_NOEXEC == MS_NOEXEC &&
		       ST_NOATIME == MS_NOATIME && ST_NODIRATIME == MS_NODIRATIME, "ST_ and MS_ bits");
	if (fstatfs(fd, &sf) < 0)
		return -errno;
	return mount(NULL, resolve_fd_path(fd, p), NULL,
		     MS_BIND | MS_REMOUNT | MS_RDONLY | (sf.f_flags & (ST_NOSUID | ST_NODEV | ST_NOEXEC | ST_NOATIME | ST_NODIRATIME)) |
		     (sf.f_flags & ST_RELATIME ? MS_RELATIME : 0), NULL) < 0 ? -errno : 0;
}

int mounts_remount_readonly(const char *path)
{
	int fd = open(path, O_PATH | O_CLOEXEC), r;
	if (fd < 0)
		return -errno;
	r = mounts_remount_readonly_fd(fd);
	if (r < 0)
		errno = -r;
	close(fd);
	return r;
}

/* The mount on the target read-only; with REC all below it too (Linux
 * 5.12+; on an older kernel the mount itself only). */
static int remount_ro(struct mnt *t, bool rec)
{
	struct sys_mount_attr a = { .attr_set = MOUNT_ATTR_RDONLY };
	int fd = open_target(t, RESOLVE_EXISTING), r = -ENOSYS;

	if (fd < 0)
		return fd;
	if (rec)
		r = sys_mount_setattr(fd, "", AT_EMPTY_PATH | AT_RECURSIVE, &a) < 0 ? -errno : 0;
	if (r == -ENOSYS)
		r = mounts_remount_readonly_fd(fd);
	close(fd);
	return r < 0 ? fail(t, "remount read-only", -r) : 0;
}

/* A bind of SRC onto the target FD (with FLAGS: MS_REC), then with RO 1
 * the target read-only, with RO 2 all below it too. */
static int bind(struct mnt *t, const char *src, int fd, unsigned long flags, int ro)
{
	int r = do_mount(t, src, fd, NULL, MS_BIND | flags, NULL);
	return r == 0 && ro ? remount_ro(t, ro > 1) : r;
}

/* The null device to bind over masked files: the container's own when its
 * /dev is already mounted (a host without devtmpfs on /dev, early in an
 * initramfs, has none), if it really is 1:3; else the host's. */
static int null_device(struct mnt *t)
{
	struct resolve_opts o = { .create = RESOLVE_EXISTING };
	struct stat st;
	int fd = resolve_in_root(t->root, "/dev/null", &o);

	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3))
		return fd;
	if (fd >= 0)
		close(fd);
	fd = open("/dev/null", O_PATH | O_CLOEXEC);
	return fd < 0 ? fail(t, "/dev/null", 0) : fd;
}

/* --- /dev ----------------------------------------------------------------- */

/* An entry of the new /dev tmpfs (DEV, an fd of its root, which nothing
 * else can reach yet): an empty file to bind over, its fd the target. */
static int dev_file(struct mnt *t, int dev, const char *name, mode_t mode)
{
	int fd = openat(dev, name, O_RDONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
	return fd < 0 ? fail(t, name, 0) : fd;
}

/* Bind SRC onto a new empty file NAME of /dev. */
static int dev_bind(struct mnt *t, int dev, const char *name, mode_t mode, const char *src)
{
	int fd = dev_file(t, dev, name, mode), r;

	if (fd < 0)
		return fd;
	r = bind(t, src, fd, 0, 0);
	close(fd);
	return r;
}

static int dev_dir_mount(struct mnt *t, int dev, const char *name, const char *type,
			 unsigned long flags, const char *data)
{
	int fd, r;
	if (mkdirat(dev, name, 0755) < 0 && errno != EEXIST)
		return fail(t, name, 0);
	if ((fd = openat(dev, name, O_PATH | O_NOFOLLOW | O_DIRECTORY | O_CLOEXEC)) < 0)
		return fail(t, name, 0);
	r = do_mount(t, type, fd, type, flags, data);
	close(fd);
	return r;
}

static int populate_dev(struct mnt *t, int dev)
{
	/* Each: major, minor, name. (Numbers this small make the dev_t
	 * major << 8 | minor, as makedev() would.) */
	static const char nodes[] = "\1\3null\0\1\5zero\0\1\7full\0\1\10random\0\1\11urandom\0\5\0tty";
	/* Each: name, target. */
	static const char links[] = "ptmx\0pts/ptmx\0fd\0/proc/self/fd\0stdin\0/proc/self/fd/0\0"
		"stdout\0/proc/self/fd/1\0stderr\0/proc/self/fd/2";
	char host[PATH_MAX];
	int r;

	for (const char *p = nodes; p < nodes + sizeof(nodes); p += strlen(p + 2) + 3) {
		const char *name = p + 2;
		if (mknodat(dev, name, S_IFCHR | 0666, (dev_t)(p[0] << 8 | p[1])) == 0)
			continue;
		if (errno != EPERM)
			return fail(t, name, 0);
		/* Where mknod is not allowed, a bind of the host's node. */
		snprintf(host, sizeof(host), "/dev/%s", name);
		if ((r = dev_bind(t, dev, name, 0666, host)) < 0)
			return r;
	}
	for (const char *p = links; p < links + sizeof(links);) {
		const char *name = p, *to = p + strlen(p) + 1;
		if (symlinkat(to, dev, name) < 0)
			return fail(t, name, 0);
		p = to + strlen(to) + 1;
	}
	/* A devpts instance of its own: the container's ptys are not the host's. */
	if ((r = dev_dir_mount(t, dev, "pts", "devpts", MS_NOSUID | MS_NOEXEC,
			       "newinstance,ptmxmode=0666,mode=0620")) < 0 ||
	    (r = dev_dir_mount(t, dev, "shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777")) < 0)
		return r;
	/* The console. With process.terminal the workload's own pty is bound
	 * over an empty placeholder later (terminal.c); otherwise the terminal
	 * cella was started on, when there is one. (By its name: a mount of
	 * the old namespace, as /proc/self/fd/0 is, cannot be bound here.) */
	if (t->c->terminal) {
		r = dev_file(t, dev, "console", 0600);
		return r < 0 ? r : close(r);
	}
	return isatty(0) && ttyname_r(0, host, sizeof(host)) == 0 ? dev_bind(t, dev, "console", 0600, host) : 0;
}

static int mount_dev(struct mnt *t, int target)
{
	struct statfs sf;
	struct stat a, b;
	int dev, r;

	if ((r = do_mount(t, "tmpfs", target, "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=755,size=512k")) < 0)
		return r;
	if ((dev = open_target(t, RESOLVE_EXISTING)) < 0)
		return dev;
	/* The tmpfs just made, and not a directory a rename put in its
	 * place: another filesystem than the target's, and a tmpfs. */
	if (fstat(dev, &a) < 0 || fstat(target, &b) < 0 || fstatfs(dev, &sf) < 0 ||
	    a.st_dev == b.st_dev || sf.f_type != TMPFS_MAGIC) {
		close(dev);
		return fail(t, "the target changed during setup", EBUSY);
	}
	/* *at() calls need a real directory fd, not O_PATH. */
	r = openat(dev, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	close(dev);
	if (r < 0)
		return fail(t, "open", 0);
	dev = r;
	r = populate_dev(t, dev);
	close(dev);
	return r;
}

/* --- the other kinds ------------------------------------------------------- */

/* tmpfs options: the flag words become mount flags, the rest is data. */
static int mount_tmpfs(struct mnt *t, int target)
{
	/* The first six set their flag, the next four clear it. */
	static const char words[] = "ro\0nosuid\0nodev\0noexec\0noatime\0relatime\0rw\0suid\0dev\0exec";
	static const unsigned flag[] = { MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_NOATIME, MS_RELATIME };
	unsigned long flags = MS_NOSUID | MS_NODEV;
	char opts[512], *d = opts, *save = NULL;

	snprintf(opts, sizeof(opts), "%s", t->m->data ? t->m->data : "");
	/* The data is written back over the options (never ahead of them). */
	for (char *o = strtok_r(opts, ",", &save); o; o = strtok_r(NULL, ",", &save)) {
		const char *w = words;
		unsigned i = 0;
		while (i < 10 && strcmp(o, w))
			i++, w += strlen(w) + 1;
		if (i < 6) {
			flags |= flag[i];
		} else if (i < 10) {
			flags &= ~(unsigned long)flag[i - 6];
		} else {
			if (d > opts)
				*d++ = ',';
			while (*o)
				*d++ = *o++;
		}
	}
	*d = 0;
	return do_mount(t, "tmpfs", target, "tmpfs", flags, opts);
}

static int mount_bind(struct mnt *t)
{
	const struct mount_conf *m = t->m;
	struct stat st;
	int fd, r;

	if (stat(m->source, &st) < 0)
		return fail(t, m->source, 0);
	if ((fd = open_target(t, S_ISDIR(st.st_mode) ? RESOLVE_MKDIR : RESOLVE_MKFILE)) < 0)
		return fd;
	r = bind(t, m->source, fd, m->rec ? MS_REC : 0, m->ro);
	close(fd);
	return r;
}

/* mask and readonly: nothing to do where nothing is (/proc/scsi on many
 * kernels). */
static int mount_mask(struct mnt *t, int fd)
{
	struct stat st;
	char p[32];
	int null, r;

	if (fstat(fd, &st) < 0)
		return fail(t, "stat", 0);
	if (S_ISDIR(st.st_mode))
		return do_mount(t, "tmpfs", fd, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
				"size=0,mode=555");
	if ((null = null_device(t)) < 0)
		return null;
	r = bind(t, resolve_fd_path(null, p), fd, 0, 0);
	close(null);
	return r;
}

static int mount_one(struct mnt *t)
{
	const struct mount_conf *m = t->m;
	char p[32];
	int fd, r;

	if (m->kind == M_BIND)
		return mount_bind(t);
	fd = open_target(t, m->kind >= M_MASK ? RESOLVE_EXISTING | IF_EXISTS : RESOLVE_MKDIR);
	if (fd < 0)
		return fd == -ENOENT && m->kind >= M_MASK ? 0 : fd;
	/* (ifs, not a switch: its table of addresses is bigger) */
	if (m->kind == M_MASK)
		r = mount_mask(t, fd);
	else if (m->kind == M_READONLY)
		r = bind(t, resolve_fd_path(fd, p), fd, MS_REC, 1);
	else if (m->kind == M_PROC)
		r = do_mount(t, "proc", fd, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	/* In a user namespace the kernel mounts sysfs only for a network
	 * namespace of its own; without one, the host's /sys is bound
	 * read-only, its submounts too (rw does not apply). */
	else if (m->kind == M_SYSFS && userns_on(t->c) && !t->c->ns[NS_NET].enabled)
		r = bind(t, "/sys", fd, MS_REC, 2);
	else if (m->kind == M_SYSFS)
		r = do_mount(t, "sysfs", fd, "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC | (m->rw ? 0 : MS_RDONLY), NULL);
	else if (m->kind == M_DEV)
		r = mount_dev(t, fd);
	else
		r = mount_tmpfs(t, fd);
	close(fd);
	return r;
}

/* The N mounts of M, in order, each resolved inside the root: root.path
 * (already bound onto itself, so this is the mount that becomes /), or
 * the host's /. */
static int mount_list(const struct config *c, const struct mount_conf *m, int n)
{
	const char *root = c->root_path ? c->root_path : "/";
	struct mnt t = { .c = c };
	int r = 0;

	t.root = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (t.root < 0 || fstat(t.root, &t.root_st) < 0) {
		r = -errno;
		log_error("mounts: open the root %s: %s", root, strerror(-r));
	}
	for (int i = 0; r == 0 && i < n; i++) {
		t.m = &m[i];
		r = mount_one(&t);
	}
	if (t.root >= 0)
		close(t.root);
	return r;
}

int mounts_setup(const struct config *c)
{
	return mount_list(c, c->mounts, c->nmounts);
}

int mounts_tmpfs(const struct config *c, const char *target, const char *options)
{
	struct mount_conf m = { .kind = M_TMPFS, .target = (char *)target, .data = (char *)options };
	return mount_list(c, &m, 1);
}
