/* SPDX-License-Identifier: GPL-2.0-only */
/* floor: the least code that isolates like configs/bench.ini, as the
 * benchmark's lower bound.  Usage: floor ROOTFS PROGRAM [ARG...]
 * New pid, mount, uts, ipc and net namespaces; ROOTFS becomes / by
 * pivot_root; /proc and a /dev tmpfs with a few nodes; exec; wait. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

static void die(const char *what) { perror(what); exit(125); }
#define T(x) do { if ((x) < 0) die(#x); } while (0)

int main(int argc, char **argv)
{
	static const struct { const char *name; int major, minor; } dev[] = {
		{ "/dev/null", 1, 3 }, { "/dev/zero", 1, 5 }, { "/dev/full", 1, 7 },
		{ "/dev/random", 1, 8 }, { "/dev/urandom", 1, 9 }, { "/dev/tty", 5, 0 },
	};
	int status;
	pid_t pid;

	if (argc < 3) { fprintf(stderr, "usage: floor ROOTFS PROGRAM [ARG...]\n"); return 125; }
	T(unshare(CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET));
	T(pid = fork());
	if (pid == 0) {		/* PID 1 of the new pid namespace */
		T(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
		T(mount(argv[1], argv[1], NULL, MS_BIND | MS_REC, NULL));
		T(chdir(argv[1]));
		T(syscall(SYS_pivot_root, ".", "."));
		T(umount2(".", MNT_DETACH));
		T(chdir("/"));
		T(mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL));
		T(mount("tmpfs", "/dev", "tmpfs", MS_NOSUID | MS_STRICTATIME, "mode=755"));
		umask(0);
		for (unsigned i = 0; i < sizeof dev / sizeof dev[0]; i++)
			T(mknod(dev[i].name, S_IFCHR | 0666, makedev(dev[i].major, dev[i].minor)));
		execv(argv[2], argv + 2);
		die(argv[2]);
	}
	T(waitpid(pid, &status, 0));
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
