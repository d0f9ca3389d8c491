/* SPDX-License-Identifier: GPL-2.0-only */
/* sys.h - raw syscalls and constants that musl or older headers may lack. */
#ifndef CELLA_SYS_H
#define CELLA_SYS_H

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP 0x02000000
#endif
#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif
#ifndef MS_PRIVATE
#define MS_PRIVATE (1 << 18)
#endif
#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif
#ifndef SYS_close_range
#define SYS_close_range 436 /* the same number on every architecture */
#endif
#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434 /* Linux 5.3; the same number on every architecture */
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424 /* Linux 5.1 */
#endif
#ifndef PR_SET_CHILD_SUBREAPER
#define PR_SET_CHILD_SUBREAPER 36
#endif
#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_RAISE 2
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#endif
#ifndef PROC_SUPER_MAGIC
#define PROC_SUPER_MAGIC 0x9fa0
#endif
#ifndef SYSFS_MAGIC
#define SYSFS_MAGIC 0x62656572
#endif

static inline int sys_pivot_root(const char *new_root, const char *put_old)
{
	return (int)syscall(SYS_pivot_root, new_root, put_old);
}

/* clone(2) used like fork(2): no new stack, so the child continues here.
 * The argument order (flags, stack, ...) holds on every architecture cella
 * targets (x86, arm, aarch64, riscv, mips, ppc); only s390 and cris swap
 * the first two. */
static inline pid_t sys_clone_fork(unsigned long flags)
{
	return (pid_t)syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);
}

/* The credential calls without libc's broadcast to other threads (musl's
 * __synccall costs three sigprocmask calls each): cella is single-threaded
 * when it switches user.
 *
 * On 32-bit arm (and i386, m68k, sh, ...) the plain numbers are the old
 * 16-bit calls: setresuid(100000) would set uid 34464, and setgroups would
 * read the gid_t array as 16-bit values. The 32-bit ones end in 32 there,
 * as musl's own wrappers use them. */
#ifdef SYS_setresuid32
#undef SYS_setresuid
#define SYS_setresuid SYS_setresuid32
#endif
#ifdef SYS_setresgid32
#undef SYS_setresgid
#define SYS_setresgid SYS_setresgid32
#endif
#ifdef SYS_setgroups32
#undef SYS_setgroups
#define SYS_setgroups SYS_setgroups32
#endif
static inline int sys_setgroups(size_t n, const gid_t *g)
{
	return (int)syscall(SYS_setgroups, n, g);
}
static inline int sys_setresgid(gid_t g)
{
	return (int)syscall(SYS_setresgid, g, g, g);
}
static inline int sys_setresuid(uid_t u)
{
	return (int)syscall(SYS_setresuid, u, u, u);
}

static inline int sys_pidfd_open(pid_t pid)
{
	return (int)syscall(SYS_pidfd_open, pid, 0);
}
static inline int sys_pidfd_send_signal(int pidfd, int sig)
{
	return (int)syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0);
}

#ifndef SYS_mount_setattr
#define SYS_mount_setattr 442 /* Linux 5.12; the same number on every architecture */
#endif
#ifndef AT_RECURSIVE
#define AT_RECURSIVE 0x8000
#endif
#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH 0x1000
#endif
#ifndef SYS_open_tree
#define SYS_open_tree 428 /* Linux 5.2 */
#endif
#ifndef SYS_move_mount
#define SYS_move_mount 429
#endif
#define OPEN_TREE_CLONE 1
#define OPEN_TREE_CLOEXEC O_CLOEXEC
#define MOVE_MOUNT_F_EMPTY_PATH 0x00000004
#define MOUNT_ATTR_RDONLY 0x00000001
#define MOUNT_ATTR_IDMAP 0x00100000
struct sys_mount_attr { unsigned long long attr_set, attr_clr, propagation, userns_fd; };
static inline int sys_mount_setattr(int fd, const char *path, unsigned flags, struct sys_mount_attr *a)
{
	return (int)syscall(SYS_mount_setattr, fd, path, flags, a, sizeof(*a));
}

static inline int sys_open_tree(const char *path, unsigned flags)
{
	return (int)syscall(SYS_open_tree, AT_FDCWD, path, flags);
}
static inline int sys_move_mount(int from_fd, const char *to_path)
{
	return (int)syscall(SYS_move_mount, from_fd, "", AT_FDCWD, to_path, MOVE_MOUNT_F_EMPTY_PATH);
}

static inline int sys_close_range_cloexec(unsigned int first)
{
	return (int)syscall(SYS_close_range, first, ~0U, CLOSE_RANGE_CLOEXEC);
}

#endif
