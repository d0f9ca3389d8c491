/* SPDX-License-Identifier: GPL-2.0-only */
/* fork.c - fork and pthread_atfork for a program with one thread.
 *
 * musl's fork takes, around its _Fork, every lock of the C library that
 * another thread could hold (the thread list, malloc, stdio, the dynamic
 * linker) and brings its reader-writer locks, the futex wait with a
 * timeout and the locks' own code along: 1.6 KB that a process of one
 * thread never needs. cella never starts a thread. What stays is what a
 * fork must do: the handlers of pthread_atfork (libcap-ng registers one,
 * which forgets the pid it cached, so the child does not read the
 * parent's /proc/PID/status) around musl's _Fork, which blocks the
 * signals and gives the child its own thread id. Like open.c, a weak
 * definition for musl builds only (musl 1.2.2 and later have _Fork). */
#include "libc.h"
#if REPLACE_LIBC

#include <errno.h>
#include <pthread.h>
#include <sys/types.h>

pid_t _Fork(void);

/* Enough for libcap-ng's one handler and a few more; a full table fails
 * with ENOMEM, as musl's does when its malloc fails. */
#define ATFORK_MAX 4
static struct {
	void (*fn[3])(void); /* prepare, parent, child */
} atfork[ATFORK_MAX];
static unsigned char natfork;

__attribute__((weak)) int pthread_atfork(void (*prepare)(void), void (*parent)(void),
					 void (*child)(void))
{
	if (natfork == ATFORK_MAX)
		return ENOMEM;
	atfork[natfork].fn[0] = prepare;
	atfork[natfork].fn[1] = parent;
	atfork[natfork].fn[2] = child;
	natfork++;
	return 0;
}

/* run_atfork: the prepare handlers in the reverse order of registration,
 * the parent's and the child's in that order (POSIX). */
static void run_atfork(int which)
{
	for (int k = 0; k < natfork; k++) {
		int i = which ? k : natfork - 1 - k;
		if (atfork[i].fn[which])
			atfork[i].fn[which]();
	}
}

__attribute__((weak)) pid_t fork(void)
{
	run_atfork(0);
	pid_t pid = _Fork();
	int e = errno;
	run_atfork(pid ? 1 : 2);
	errno = e;
	return pid;
}

#endif
