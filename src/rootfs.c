/* SPDX-License-Identifier: GPL-2.0-only */
/* rootfs.c - pivot_root, the ramdisk fallback (MS_MOVE + chroot) and its
 * hardening. */
#include "rootfs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "fileio.h"
#include "log.h"
#include "mounts.h"
#include "mountinfo.h"
#include "sys.h"
#include "userns.h"

/* -errno, logged as "WHAT PATH: reason". */
static int fail(const char *what, const char *path)
{
	int e = errno;
	log_error("%s %s: %s", what, path, strerror(e));
	return -e;
}

int rootfs_prepare(const struct config *c)
{
	if (!c->ns[NS_MOUNT].enabled)
		return 0;
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return fail("make private", "/");
	/* Mounts reach their targets through /proc/self/fd, and chroot mode
	 * reads mountinfo to find what to unmount: early in an initramfs the
	 * host may have no /proc yet. Then one of our own, in our own mount
	 * namespace (the chroot hardening unmounts it again). */
	if (access("/proc/self/fd", F_OK) < 0 &&
	    mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		return fail("the host has no /proc; mount a private one on", "/proc");
	if (c->root_path && mount(c->root_path, c->root_path, NULL, MS_BIND | MS_REC, NULL) < 0)
		return fail("bind onto itself", c->root_path);
	return 0;
}

static int is_ramdisk_root(const char *mp, const char *fstype, void *arg)
{
	(void)arg;
	return !strcmp(mp, "/") && (!strcmp(fstype, "rootfs") || !strcmp(fstype, "ramfs"));
}

static bool root_is_ramdisk(void)
{
	return mountinfo_each(is_ramdisk_root, NULL) > 0;
}

struct outside { const char *root; size_t rootlen; char **list; int n; };

static int collect_outside(const char *mp, const char *fstype, void *arg)
{
	struct outside *o = arg;
	char **l;
	if (strcmp(fstype, "proc") && strcmp(fstype, "sysfs"))
		return 0;
	if (!strncmp(mp, o->root, o->rootlen) && (mp[o->rootlen] == '/' || !mp[o->rootlen]))
		return 0;
	if (!(l = realloc(o->list, (o->n + 1) * sizeof(char *))))
		return -ENOMEM;
	o->list = l;
	return (o->list[o->n++] = strdup(mp)) ? 0 : -ENOMEM;
}

/* The chroot hardening: a procfs or sysfs left mounted outside the new root
 * would let a process that escapes the chroot (or one that mounts a new
 * proc, which the kernel allows only where one is already fully visible)
 * reach the host. Unmount them all, last mounted first. */
static int unmount_outside_proc_sys(const char *root)
{
	struct outside o = { .root = root, .rootlen = strlen(root) };
	int r = mountinfo_each(collect_outside, &o);

	if (r < 0) {
		errno = -r;
		fail("chroot hardening: read", "/proc/self/mountinfo");
	}
	for (int i = o.n - 1; i >= 0 && r >= 0; i--)
		if (umount2(o.list[i], MNT_DETACH) < 0 && errno != EINVAL && errno != ENOENT)
			r = fail("chroot hardening: unmount", o.list[i]);
	for (int i = 0; i < o.n; i++)
		free(o.list[i]);
	free(o.list);
	return r < 0 ? r : 0;
}

/* quiet: the caller falls back on EINVAL and reports nothing then. */
static int do_pivot(const char *root, bool quiet)
{
	const char *why = "";
	int e;

	/* pivot_root(".", ".") stacks the old root on top of the new one;
	 * detaching it then leaves the new root alone, and no put_old
	 * directory is needed (so a read-only root works too). */
	if (chdir(root) < 0)
		return fail("enter", root);
	if (sys_pivot_root(".", ".") == 0) {
		if (umount2(".", MNT_DETACH) == 0 && chdir("/") == 0)
			return 0;
		return fail("detach the old root after pivot_root into", root);
	}
	e = errno;
	if (quiet && e == EINVAL)
		return -e;
	if (e == EINVAL)
		why = root_is_ramdisk() ? " (a ramdisk root: set root.pivot = auto)"
					: " (/ is no mount point: in a chroot? set root.pivot = no)";
	else if (e == EPERM)
		why = " (needs CAP_SYS_ADMIN)";
	log_error("pivot_root into %s: %s%s", root, strerror(e), why);
	return -e;
}

static int do_move_chroot(const char *root)
{
	const char *step = "enter";
	int r = unmount_outside_proc_sys(root);

	if (r < 0)
		return r;
	if (chdir(root) == 0) {
		step = "move to /";
		if (mount(".", "/", NULL, MS_MOVE, NULL) == 0) {
			step = "chroot into";
			if (chroot(".") == 0 && chdir("/") == 0)
				return 0;
		}
	}
	r = -errno;
	log_error("chroot mode: %s %s: %s", step, root, strerror(-r));
	return r;
}

int rootfs_switch(const struct config *c, bool *chroot_mode)
{
	*chroot_mode = false;
	if (!c->root_path)
		return 0;
	switch (c->pivot) {
	case PIVOT_YES:
		return do_pivot(c->root_path, false);
	case PIVOT_NO:
		*chroot_mode = true;
		return do_move_chroot(c->root_path);
	case PIVOT_AUTO:
		break;
	}
	/* auto: pivot_root first; its EINVAL is how a ramdisk root shows
	 * (mountinfo is read only then, to say why: early in an initramfs
	 * /proc may not even be mounted). */
	int r = do_pivot(c->root_path, true);
	if (r != -EINVAL)
		return r;
	/* (The hardening cannot unmount the host's locked /proc and /sys.) */
	if (userns_on(c)) {
		log_error("pivot_root into %s: %s (chroot mode is not possible in a user namespace)",
			  c->root_path, strerror(-r));
		return r;
	}
	log_info("%s: entering %s with MS_MOVE + chroot (hardened)",
		 root_is_ramdisk() ? "root is a ramdisk" : "pivot_root: Invalid argument", c->root_path);
	*chroot_mode = true;
	return do_move_chroot(c->root_path);
}

int rootfs_make_readonly(void)
{
	/* (errno is set on a failure) */
	return mounts_remount_readonly("/") < 0 ? fail("remount read-only", "/") : 0;
}
