/* SPDX-License-Identifier: GPL-2.0-only */
/* open.c - open(2) without musl's extra fcntl, fcntl without its
 * compatibility code, and the calls that make descriptors with
 * O_CLOEXEC or SOCK_CLOEXEC without musl's fallbacks for kernels that
 * did not know the flags.
 *
 * musl's open() follows an O_CLOEXEC open with fcntl(F_SETFD, FD_CLOEXEC)
 * for kernels before 2.6.23, which ignored the flag; cella opens every
 * file close-on-exec and runs on far newer kernels (openat2 or its walk,
 * close_range), so that is one system call per file for nothing: a start
 * opens five or six. Like fmt.c, a weak definition for musl builds only;
 * openat(AT_FDCWD, ...) is the same system call without the addition. */
#include "libc.h"
#if REPLACE_LIBC

#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

/* mode: the argument after FLAGS when the call creates a file (O_CREAT,
 * O_TMPFILE, which holds O_DIRECTORY's bit), as musl's. */
#define MODE(flags, mode)                                                    \
	do {                                                                 \
		if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE) { \
			va_list ap;                                          \
			va_start(ap, flags);                                 \
			mode = va_arg(ap, mode_t);                           \
			va_end(ap);                                          \
		}                                                            \
	} while (0)

/* openat: musl's is a cancellation point (threads) of 150 bytes. */
__attribute__((weak)) int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;

	MODE(flags, mode);
	return (int)syscall(SYS_openat, dirfd, path, flags | O_LARGEFILE, mode);
}

__attribute__((weak)) int open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	MODE(flags, mode);
	return openat(AT_FDCWD, path, flags, mode);
}

/* fcntl: cella asks F_GETFD, F_SETFD, F_GETFL and F_SETFL. musl's wraps
 * the call in fallbacks for F_DUPFD_CLOEXEC (kernels before 2.6.24) and
 * F_GETOWN (400 bytes); this passes the call on, adding O_LARGEFILE to
 * F_SETFL as musl does, and takes fcntl64 where the target has it (32-bit
 * targets: the locks with a 64-bit off_t). */
__attribute__((weak)) int fcntl(int fd, int cmd, ...)
{
	unsigned long arg;
	va_list ap;

	va_start(ap, cmd);
	arg = va_arg(ap, unsigned long);
	va_end(ap);
	if (cmd == F_SETFL)
		arg |= O_LARGEFILE;
#ifdef SYS_fcntl64
	return (int)syscall(SYS_fcntl64, fd, cmd, arg);
#else
	return (int)syscall(SYS_fcntl, fd, cmd, arg);
#endif
}

/* socket, socketpair, pipe2, signalfd, dup3 (and sendmsg, recvmsg below): musl retries each without the
 * flag and sets it with fcntl where the kernel (before 2.6.27) refused
 * it, and dup3 loops on EBUSY (a race with another thread's open): 800
 * bytes for kernels and threads cella does not have. On the targets of
 * libc.h's REPLACE_LIBC_SYSCALLS, each is its system call. */
#if REPLACE_LIBC_SYSCALLS
__attribute__((weak)) int socket(int domain, int type, int protocol)
{
	return (int)syscall(SYS_socket, domain, type, protocol);
}

__attribute__((weak)) int socketpair(int domain, int type, int protocol, int fd[2])
{
	return (int)syscall(SYS_socketpair, domain, type, protocol, fd);
}

__attribute__((weak)) int pipe2(int fd[2], int flags)
{
	return (int)syscall(SYS_pipe2, fd, flags);
}

/* signalfd: musl's falls back to signalfd without flags (before 2.6.27). */
__attribute__((weak)) int signalfd(int fd, const sigset_t *mask, int flags)
{
	return (int)syscall(SYS_signalfd4, fd, mask, _NSIG / 8, flags);
}

__attribute__((weak)) int dup3(int old, int new, int flags)
{
#ifdef SYS_dup2
	/* As musl's where dup2 exists: other flags without O_CLOEXEC are
	 * ignored (it calls dup2 then). */
	if (!(flags & O_CLOEXEC))
		flags = 0;
#endif
	return (int)syscall(SYS_dup3, old, new, flags);
}

/* sendmsg, recvmsg: musl's copy the msghdr to zero the padding of its
 * 64-bit layout (msg_iovlen and msg_controllen are ints with a pad
 * beside them) and convert 32-bit timestamps (770 bytes). cella's
 * msghdrs and control buffers (sync.c) are zeroed where not set, and
 * carry no timestamp. */
__attribute__((weak)) ssize_t sendmsg(int fd, const struct msghdr *mh, int flags)
{
	return syscall(SYS_sendmsg, fd, mh, flags);
}

__attribute__((weak)) ssize_t recvmsg(int fd, struct msghdr *mh, int flags)
{
	return syscall(SYS_recvmsg, fd, mh, flags);
}
#endif

#endif
