/* SPDX-License-Identifier: GPL-2.0-only */
/* sysc: tries system calls of [seccomp]'s default profile with harmless
 * arguments (bad pointers, bad descriptors, flags that change nothing) and
 * prints NAME=ERRNO for each (0: the call succeeded), so a test can tell a
 * call the filter refused (EPERM, or death by SIGSYS with action = kill)
 * from one the kernel answered.
 *
 * usage: sysc all            every call of the profile this arch has
 *        sysc NAME...        those calls only
 *        sysc pers VALUE     personality(VALUE), then personality(0)
 *        sysc threads        getpid, fork, pthread_create: "threads=ok"
 *        sysc x32            getpid by its x32 number (x86_64)
 *        sysc chmod PATH     chmod(PATH, 0755) by its own number
 *        sysc loop N [CALL]  getppid, personality(0xffffffff) or unshare(0)
 *                            N times: nanoseconds a call, for bench/run.sh */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BAD ((long)1) /* a pointer that faults */

struct call { const char *name; long nr; long a[6]; };

#define C(n, ...) { #n, SYS_##n, { __VA_ARGS__ } },
static const struct call calls[] = {
#ifdef SYS_acct
	C(acct, BAD)
#endif
	C(add_key, BAD, BAD, BAD, 0, 0)
#ifdef SYS_adjtimex
	C(adjtimex, BAD)
#endif
#ifdef SYS_clock_adjtime
	C(clock_adjtime, 0, BAD)
#endif
#ifdef SYS_clock_adjtime64
	C(clock_adjtime64, 0, BAD)
#endif
#ifdef SYS_clock_settime
	C(clock_settime, 0, BAD)
#endif
#ifdef SYS_clock_settime32
	C(clock_settime32, 0, BAD)
#endif
#ifdef SYS_clock_settime64
	C(clock_settime64, 0, BAD)
#endif
	C(bpf, -1, 0, 0)
	C(delete_module, BAD, 0)
	C(fanotify_init, -1, 0)
	C(finit_module, -1, BAD, 0)
#ifdef SYS_fsconfig
	C(fsconfig, -1, 0, 0, 0, 0)
	C(fsmount, -1, 0, 0)
	C(fsopen, BAD, 0)
	C(fspick, -1, BAD, 0)
#endif
	C(init_module, BAD, 0, BAD)
#ifdef SYS_ioperm
	C(ioperm, 0, 0, 0)
	C(iopl, 0)
#endif
	C(kcmp, 0, 0, -1, 0, 0)
#ifdef SYS_kexec_file_load
	C(kexec_file_load, -1, -1, 0, BAD, -1)
#endif
	C(kexec_load, 0, 0, BAD, -1)
	C(keyctl, -1, 0, 0, 0, 0)
#ifdef SYS_lookup_dcookie
	C(lookup_dcookie, 0, BAD, 0)
#endif
	C(mount, BAD, BAD, BAD, 0, 0)
#ifdef SYS_mount_setattr
	C(mount_setattr, -1, BAD, 0, BAD, 0)
#endif
#ifdef SYS_move_mount
	C(move_mount, -1, BAD, -1, BAD, 0)
#endif
	C(open_by_handle_at, -1, BAD, 0)
#ifdef SYS_open_tree
	C(open_tree, -1, BAD, 0)
#endif
	C(perf_event_open, BAD, 0, -1, -1, 0)
	C(pivot_root, BAD, BAD)
	C(process_vm_readv, 0, 0, 0, 0, 0, 0)
	C(process_vm_writev, 0, 0, 0, 0, 0, 0)
	C(ptrace, -1, 0, 0, 0)
	C(quotactl, 0, BAD, 0, 0)
	C(reboot, 0, 0, 0, 0)
	C(request_key, BAD, BAD, BAD, 0)
	C(setns, -1, 0)
#ifdef SYS_settimeofday
	C(settimeofday, BAD, 0)
#endif
#ifdef SYS_settimeofday_time32
	C(settimeofday_time32, BAD, 0)
#endif
	C(swapoff, BAD)
	C(swapon, BAD, 0)
	C(umount2, BAD, 0)
	C(userfaultfd, -1)
	/* Argument checks: allowed forms are tried by `pers` and `threads`. */
	C(personality, 6 /* PER_BSD */)
	C(unshare, CLONE_NEWUSER)
	C(clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0)
	/* ENOSYS from the filter; EFAULT (the bad struct) from the kernel. */
#ifndef SYS_clone3
#define SYS_clone3 435
#endif
	C(clone3, BAD, 88)
};

static long try(const struct call *c)
{
	long r = syscall(c->nr, c->a[0], c->a[1], c->a[2], c->a[3], c->a[4], c->a[5]);
	if (r == 0 && c->nr == SYS_clone)
		_exit(0); /* the child of a clone that got through */
	if (r > 0 && c->nr == SYS_clone)
		waitpid((pid_t)r, NULL, __WALL);
	if (r >= 0 && c->nr == SYS_personality)
		syscall(SYS_personality, 0);
	return r < 0 ? errno : 0;
}

static void *thread(void *arg) { return arg; }

int main(int argc, char **argv)
{
	const unsigned n = sizeof(calls) / sizeof(calls[0]);
	int rc = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2) {
		fprintf(stderr, "usage: sysc all | NAME... | nr N | pers VALUE | threads | x32 | chmod PATH | loop N\n");
		return 2;
	}
	/* nr N: a call by its number (those the C library has no name for),
	 * with bad arguments: NrN=ERRNO. */
	if (!strcmp(argv[1], "nr") && argc == 3) {
		long nr = strtol(argv[2], NULL, 10), r = syscall(nr, -1L, 0L, 0L, 0L, 0L, 0L);
		printf("nr%ld=%d\n", nr, r < 0 ? errno : 0);
		return 0;
	}
	if (!strcmp(argv[1], "pers") && argc == 3) {
		long r = syscall(SYS_personality, strtoul(argv[2], NULL, 0));
		printf("personality=%d\n", r < 0 ? errno : 0);
		syscall(SYS_personality, 0);
		return 0;
	}
	if (!strcmp(argv[1], "threads")) {
		pthread_t t;
		int st;
		pid_t p = fork();
		if (p == 0)
			_exit(7);
		if (getpid() <= 0 || p < 0 || waitpid(p, &st, 0) != p || !WIFEXITED(st) || WEXITSTATUS(st) != 7 ||
		    pthread_create(&t, NULL, thread, NULL) || pthread_join(t, NULL)) {
			printf("threads=failed: %s\n", strerror(errno));
			return 1;
		}
		printf("threads=ok\n");
		return 0;
	}
	if (!strcmp(argv[1], "x32")) {
		long r = syscall(0x40000000L | 39);
		printf("x32=%d\n", r < 0 ? errno : 0);
		return 0;
	}
	if (!strcmp(argv[1], "chmod") && argc == 3) {
#ifdef SYS_chmod
		long r = syscall(SYS_chmod, argv[2], 0755);
#else
		long r = syscall(SYS_fchmodat, AT_FDCWD, argv[2], 0755);
#endif
		printf("chmod=%d\n", r < 0 ? errno : 0);
		return 0;
	}
	if (!strcmp(argv[1], "loop") && argc >= 3) {
		long count = strtol(argv[2], NULL, 10);
		struct timespec a, b;
		clock_gettime(CLOCK_MONOTONIC, &a);
		/* personality's query: an argument check, which the kernel's
		 * cache of always-allowed calls (Linux 5.11+) cannot skip. */
		const char *call = argc > 3 ? argv[3] : "getppid";
		long nr = !strcmp(call, "personality") ? SYS_personality : !strcmp(call, "unshare") ? SYS_unshare : SYS_getppid;
		long arg = nr == SYS_personality ? 0xffffffffL : 0;
		for (long i = 0; i < count; i++)
			syscall(nr, arg);
		clock_gettime(CLOCK_MONOTONIC, &b);
		printf("%lld\n", ((b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec)) / (count ? count : 1));
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		bool found = false;
		for (unsigned j = 0; j < n; j++)
			if (!strcmp(argv[i], "all") || !strcmp(argv[i], calls[j].name)) {
				printf("%s=%ld\n", calls[j].name, try(&calls[j]));
				found = true;
			}
		if (!found) {
			printf("%s=unknown\n", argv[i]);
			rc = 1;
		}
	}
	return rc;
}
