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
#include <sys/statvfs.h>
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

/* The mount being made, for messages that name it as the file does. */
struct mnt {
	const struct config *c;
	const struct mount_conf *m;
	int root;               /* the new root (or /), O_PATH */
	struct stat root_st;
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

/* The target, resolved inside the root; missing parts created as asked.
 * An fd, or -errno already logged. */
static int open_target(struct mnt *t, const char *path, enum resolve_create create)
{
	struct resolve_opts o = { .create = create, .ro = t->c->root_readonly, .ro_dev = t->root_st.st_dev };
	int fd = resolve_in_root(t->root, path, &o);

	if (fd == -EROFS) {
		log_error("mounts.%s %s: target does not exist and root.readonly = yes",
			  kind_name(t->m->kind), t->m->target);
		return fd;
	}
	return fd < 0 ? fail(t, "resolve target", -fd) : fd;
}

static int do_mount(const struct mnt *t, const char *src, int fd, const char *type, unsigned long flags,
		    const char *data)
{
	char p[32];
	if (mount(src, resolve_fd_path(fd, p), type, flags, data) < 0)
		return fail(t, "mount", errno);
	return 0;
}

int mounts_remount_readonly_fd(int fd)
{
	struct statvfs sv;
	unsigned long f = MS_BIND | MS_REMOUNT | MS_RDONLY;
	char p[32];

	/* Without the flags the remount would drop nosuid, nodev, noexec. */
	if (fstatvfs(fd, &sv) < 0)
		return -errno;
	{
		if (sv.f_flag & ST_NOSUID) f |= MS_NOSUID;
		if (sv.f_flag & ST_NODEV) f |= MS_NODEV;
		if (sv.f_flag & ST_NOEXEC) f |= MS_NOEXEC;
		if (sv.f_flag & ST_NOATIME) f |= MS_NOATIME;
		if (sv.f_flag & ST_NODIRATIME) f |= MS_NODIRATIME;
		if (sv.f_flag & ST_RELATIME) f |= MS_RELATIME;
	}
	return mount(NULL, resolve_fd_path(fd, p), NULL, f, NULL) < 0 ? -errno : 0;
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

/* The mount just made on the target: resolved again, so that the lookup
 * crosses into it (the fd of the target names what lies underneath).
 * Whatever a rename did meanwhile, the result is inside the root. */
static int reopen_target(struct mnt *t)
{
	return open_target(t, t->m->target, RESOLVE_EXISTING);
}

static int remount_ro(struct mnt *t)
{
	int fd = reopen_target(t), r;
	if (fd < 0)
		return fd;
	r = mounts_remount_readonly_fd(fd);
	close(fd);
	return r < 0 ? fail(t, "remount read-only", -r) : 0;
}

/* The mount on the target and all below it read-only (Linux 5.12+); on
 * an older kernel the mount itself only. */
static int remount_ro_rec(struct mnt *t)
{
	struct sys_mount_attr a = { .attr_set = MOUNT_ATTR_RDONLY };
	int fd = reopen_target(t), r;

	if (fd < 0)
		return fd;
	r = sys_mount_setattr(fd, "", AT_EMPTY_PATH | AT_RECURSIVE, &a) < 0 ? -errno : 0;
	close(fd);
	return r == -ENOSYS ? remount_ro(t) : r < 0 ? fail(t, "make read-only", -r) : 0;
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
	return fd < 0 ? fail(t, "/dev/null", errno) : fd;
}

/* --- /dev ----------------------------------------------------------------- */

/* An entry of the new /dev tmpfs (DEV, an fd of its root): an empty file
 * to bind over, opened as a target. */
static int dev_file(struct mnt *t, int dev, const char *name, mode_t mode)
{
	int fd = openat(dev, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
	if (fd < 0)
		return fail(t, name, errno);
	close(fd);
	fd = openat(dev, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	return fd < 0 ? fail(t, name, errno) : fd;
}

/* A device node; where mknod is not allowed, a bind of the host's node. */
static int dev_node(struct mnt *t, int dev, const char *name, unsigned maj, unsigned min)
{
	char host[64];
	int fd, r;

	if (mknodat(dev, name, S_IFCHR | 0666, makedev(maj, min)) == 0)
		return 0;
	if (errno != EPERM)
		return fail(t, name, errno);
	snprintf(host, sizeof(host), "/dev/%s", name);
	if ((fd = dev_file(t, dev, name, 0666)) < 0)
		return fd;
	r = do_mount(t, host, fd, NULL, MS_BIND, NULL);
	close(fd);
	return r;
}

static int dev_dir_mount(struct mnt *t, int dev, const char *name, const char *type,
			 unsigned long flags, const char *data)
{
	int fd, r;
	if (mkdirat(dev, name, 0755) < 0 && errno != EEXIST)
		return fail(t, name, errno);
	if ((fd = openat(dev, name, O_PATH | O_NOFOLLOW | O_DIRECTORY | O_CLOEXEC)) < 0)
		return fail(t, name, errno);
	r = do_mount(t, type, fd, type, flags, data);
	close(fd);
	return r;
}

/* The console. With process.terminal the workload's own pty is bound over
 * an empty placeholder later (terminal.c); otherwise the terminal cella was
 * started on, when there is one. */
static int dev_console(struct mnt *t, int dev)
{
	char tty[PATH_MAX];
	int fd, r;

	if (t->c->terminal) {
		fd = dev_file(t, dev, "console", 0600);
		return fd < 0 ? fd : close(fd);
	}
	if (!isatty(0) || ttyname_r(0, tty, sizeof(tty)) != 0)
		return 0;
	if ((fd = dev_file(t, dev, "console", 0600)) < 0)
		return fd;
	r = do_mount(t, tty, fd, NULL, MS_BIND, NULL);
	close(fd);
	return r;
}

static int populate_dev(struct mnt *t, int dev)
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

	for (unsigned i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++)
		if ((r = dev_node(t, dev, nodes[i].name, nodes[i].maj, nodes[i].min)) < 0)
			return r;
	for (unsigned i = 0; i < sizeof(links) / sizeof(links[0]); i++)
		if (symlinkat(links[i].to, dev, links[i].name) < 0)
			return fail(t, links[i].name, errno);
	/* A devpts instance of its own: the container's ptys are not the host's. */
	if ((r = dev_dir_mount(t, dev, "pts", "devpts", MS_NOSUID | MS_NOEXEC,
			       "newinstance,ptmxmode=0666,mode=0620")) < 0 ||
	    (r = dev_dir_mount(t, dev, "shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777")) < 0)
		return r;
	return dev_console(t, dev);
}

static int mount_dev(struct mnt *t, int target)
{
	struct statfs sf;
	struct stat a, b;
	int dev, r;

	if ((r = do_mount(t, "tmpfs", target, "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=755,size=512k")) < 0)
		return r;
	if ((dev = reopen_target(t)) < 0)
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
		return fail(t, "open", errno);
	dev = r;
	r = populate_dev(t, dev);
	close(dev);
	return r;
}

/* --- the other kinds ------------------------------------------------------- */

/* tmpfs options: the flag words become mount flags, the rest is data. */
static int mount_tmpfs(struct mnt *t, int target, const char *opts_in)
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

	snprintf(opts, sizeof(opts), "%s", opts_in ? opts_in : "");
	for (char *o = strtok_r(opts, ",", &save); o; o = strtok_r(NULL, ",", &save)) {
		unsigned i;
		for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (!strcmp(o, words[i].word)) {
				flags = (flags | words[i].set) & ~words[i].clear;
				break;
			}
		if (i == sizeof(words) / sizeof(words[0]) && dl < sizeof(data))
			dl += snprintf(data + dl, sizeof(data) - dl, "%s%s", dl ? "," : "", o);
	}
	return do_mount(t, "tmpfs", target, "tmpfs", flags, data);
}

static int mount_bind(struct mnt *t)
{
	const struct mount_conf *m = t->m;
	struct stat st;
	int fd, r;

	if (stat(m->source, &st) < 0)
		return fail(t, m->source, errno);
	if ((fd = open_target(t, m->target, S_ISDIR(st.st_mode) ? RESOLVE_MKDIR : RESOLVE_MKFILE)) < 0)
		return fd;
	r = do_mount(t, m->source, fd, NULL, MS_BIND | (m->rec ? MS_REC : 0), NULL);
	close(fd);
	if (r == 0 && m->ro)
		r = remount_ro(t);
	return r;
}

/* mask and readonly: nothing to do where nothing is (/proc/scsi on many
 * kernels). */
static int open_existing(struct mnt *t)
{
	struct resolve_opts o = { .create = RESOLVE_EXISTING };
	int fd = resolve_in_root(t->root, t->m->target, &o);
	if (fd == -ENOENT)
		return -ENOENT;
	return fd < 0 ? fail(t, "resolve target", -fd) : fd;
}

static int mount_mask(struct mnt *t)
{
	struct stat st;
	int fd = open_existing(t), null, r;

	if (fd < 0)
		return fd == -ENOENT ? 0 : fd;
	if (fstat(fd, &st) < 0) {
		r = fail(t, "stat", errno);
	} else if (S_ISDIR(st.st_mode)) {
		r = do_mount(t, "tmpfs", fd, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
			     "size=0,mode=555");
	} else if ((null = null_device(t)) < 0) {
		r = null;
	} else {
		char p[32];
		r = do_mount(t, resolve_fd_path(null, p), fd, NULL, MS_BIND, NULL);
		close(null);
	}
	close(fd);
	return r;
}

static int mount_readonly(struct mnt *t)
{
	char p[32];
	int fd = open_existing(t), r;

	if (fd < 0)
		return fd == -ENOENT ? 0 : fd;
	r = do_mount(t, resolve_fd_path(fd, p), fd, NULL, MS_BIND | MS_REC, NULL);
	close(fd);
	return r < 0 ? r : remount_ro(t);
}

static int mount_one(struct mnt *t)
{
	const struct mount_conf *m = t->m;
	int fd, r;

	switch (m->kind) {
	case M_BIND:
		return mount_bind(t);
	case M_MASK:
		return mount_mask(t);
	case M_READONLY:
		return mount_readonly(t);
	case M_PROC:
	case M_SYSFS:
	case M_DEV:
	case M_TMPFS:
		break;
	}
	if ((fd = open_target(t, m->target, RESOLVE_MKDIR)) < 0)
		return fd;
	switch (m->kind) {
	case M_PROC:
		r = do_mount(t, "proc", fd, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
		break;
	case M_SYSFS:
		/* In a user namespace the kernel mounts sysfs only for a network
		 * namespace of its own; without one, the host's /sys is bound
		 * read-only, its submounts too (rw does not apply). */
		if (userns_on(t->c) && !t->c->ns[NS_NET].enabled)
			r = do_mount(t, "/sys", fd, NULL, MS_BIND | MS_REC, NULL) ?: remount_ro_rec(t);
		else
			r = do_mount(t, "sysfs", fd, "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC | (m->rw ? 0 : MS_RDONLY), NULL);
		break;
	case M_DEV:
		r = mount_dev(t, fd);
		break;
	default:
		r = mount_tmpfs(t, fd, m->data);
		break;
	}
	close(fd);
	return r;
}

/* The root every target is resolved in: root.path (already bound onto
 * itself, so this is the mount that becomes /), or the host's /. */
static int open_root(const struct config *c, struct mnt *t)
{
	const char *root = c->root_path ? c->root_path : "/";
	t->c = c;
	t->root = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (t->root < 0 || fstat(t->root, &t->root_st) < 0) {
		int e = errno;
		log_error("mounts: open the root %s: %s", root, strerror(e));
		if (t->root >= 0)
			close(t->root);
		return -e;
	}
	return 0;
}

int mounts_setup(const struct config *c)
{
	struct mnt t;
	int r = open_root(c, &t);

	if (r < 0)
		return r;
	for (int i = 0; r == 0 && i < c->nmounts; i++) {
		t.m = &c->mounts[i];
		r = mount_one(&t);
	}
	close(t.root);
	return r;
}

int mounts_tmpfs(const struct config *c, const char *target, const char *options)
{
	struct mount_conf m = { .kind = M_TMPFS, .target = (char *)target, .data = (char *)options };
	struct mnt t;
	int r = open_root(c, &t), fd;

	if (r < 0)
		return r;
	t.m = &m;
	if ((fd = open_target(&t, target, RESOLVE_MKDIR)) < 0) {
		close(t.root);
		return fd;
	}
	r = mount_tmpfs(&t, fd, options);
	close(fd);
	close(t.root);
	return r;
}
