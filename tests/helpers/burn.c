/* SPDX-License-Identifier: GPL-2.0-only */
/* burn SYSCALL K PROGRAM [ARG...]: makes K calls of SYSCALL that fail
 * (every argument -1: a bad fd, a bad address or a bad option), then execs
 * PROGRAM. For the fault-injection test (tests/integration/faults.sh):
 * strace's when=N counts the calls of each traced process on its own, so
 * running cella under `burn SYSCALL N` pushes cella's own calls of SYSCALL
 * past N and an injection at when=N then lands only in the processes cella
 * starts. Runs on the host too (it is static).
 *
 * Only the calls listed are made: for each, arguments of -1 fail without
 * side effects (not flock: Linux 5.15+ returns 0 for LOCK_MAND before it
 * looks at the fd). Exit status 2, with a message, on a usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static const struct { const char *name; long nr; } calls[] = {
#define C(n) { #n, SYS_##n }
	C(open), C(openat), C(mkdir), C(mknod), C(write), C(read), C(prctl),
	C(sendto), C(sendmsg), C(recvmsg), C(ioctl), C(stat), C(lstat),
	C(newfstatat), C(statfs), C(socket), C(poll), C(access), C(unlink),
	C(chdir), C(readlink), C(rename), C(renameat), C(capget),
	C(capset), C(mount), C(umount2), C(symlink), C(chmod), C(bind),
	C(setsockopt), C(socketpair), C(setns), C(close_range), C(dup2),
	C(fchown), C(unshare),
#undef C
};

int main(int argc, char **argv)
{
	long nr = -1, k;
	char *end;

	if (argc < 4) {
		fprintf(stderr, "usage: burn SYSCALL K PROGRAM [ARG...]\n");
		return 2;
	}
	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		if (!strcmp(calls[i].name, argv[1]))
			nr = calls[i].nr;
	k = strtol(argv[2], &end, 10);
	if (nr < 0 || *end || k < 0) {
		fprintf(stderr, "burn: cannot burn '%s' x '%s'\n", argv[1], argv[2]);
		return 2;
	}
	while (k-- > 0)
		(void)syscall(nr, -1L, -1L, -1L, -1L, -1L, -1L);
	execv(argv[3], argv + 3);
	perror(argv[3]);
	return 127;
}
