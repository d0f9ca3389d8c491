/* SPDX-License-Identifier: GPL-2.0-only */
/* statfs.c - statfs, fstatfs and fstatvfs as the system calls.
 *
 * musl keeps the four of statfs and statvfs in one member with the size
 * arguments and conversions of its 32-bit targets (320 bytes). On the
 * targets of libc.h's REPLACE_LIBC_SYSCALLS the kernel's struct statfs
 * is the C library's; fstatvfs fills struct statvfs from it as musl's
 * does. cgroup.c, fileio.c and mounts.c read a filesystem's type and
 * flags with them. Like open.c, weak definitions for musl builds only. */
#include "libc.h"
#if REPLACE_LIBC_SYSCALLS

#include <string.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

__attribute__((weak)) int statfs(const char *path, struct statfs *buf)
{
	return (int)syscall(SYS_statfs, path, buf);
}

__attribute__((weak)) int fstatfs(int fd, struct statfs *buf)
{
	return (int)syscall(SYS_fstatfs, fd, buf);
}

__attribute__((weak)) int fstatvfs(int fd, struct statvfs *out)
{
	struct statfs in;

	if (fstatfs(fd, &in) < 0)
		return -1;
	memset(out, 0, sizeof(*out));
	out->f_bsize = in.f_bsize;
	out->f_frsize = in.f_frsize ? in.f_frsize : in.f_bsize;
	out->f_blocks = in.f_blocks;
	out->f_bfree = in.f_bfree;
	out->f_bavail = in.f_bavail;
	out->f_files = in.f_files;
	out->f_ffree = out->f_favail = in.f_ffree;
	out->f_fsid = in.f_fsid.__val[0];
	out->f_flag = in.f_flags;
	out->f_namemax = in.f_namelen;
	return 0;
}

#endif
