/* SPDX-License-Identifier: GPL-2.0-only */
/* floor: the least code that isolates like a cella configuration, as the
 * benchmark's lower bound.  Usage: floor MODE ROOTFS PROGRAM [ARG...]
 *
 * MODE "min" is configs/bench.ini: new pid, mount, uts, ipc and net
 * namespaces; loopback up; ROOTFS becomes / by pivot_root; /proc; a /dev
 * tmpfs with cella's nodes, links, devpts and shm; the bounding,
 * permitted, effective and inheritable sets cut to cella's default
 * capabilities; no_new_privs; exec.
 *
 * MODE "default" is cella's defaults (a file with just root and exec): the
 * above, plus a cgroup namespace, a read-only /sys, the masked paths
 * (/dev/null or an empty read-only tmpfs over them), the read-only paths
 * (bind, remount read-only), and an init as PID 1 that keeps only CAP_KILL,
 * sets no_new_privs, reaps and exits with the workload's status; the
 * workload execs only once the init has done so (a pipe the init closes),
 * or it could find a PID 1 with every capability.
 *
 * What it leaves out is cella's own price, measured with it: reading an
 * INI file, the lock and state files, resolving every path inside the root
 * by file descriptor (openat2) instead of trusting it, the sync socket,
 * and supervising (signals, stop, status) from outside the namespaces. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

static void die(const char *what) { perror(what); _exit(125); }
#define T(x) do { if ((x) < 0) die(#x); } while (0)

/* cella's default keep set (src/config.h CAPS_DEFAULT). */
#define KEEP ((1ULL << 0) | (1ULL << 1) | (1ULL << 3) | (1ULL << 4) | (1ULL << 5) | \
	      (1ULL << 6) | (1ULL << 7) | (1ULL << 8) | (1ULL << 10) | (1ULL << 18) | (1ULL << 31))

/* <linux/capability.h>'s, which musl-gcc does not see. */
#define CAP_KILL 5
static void capset_to(unsigned long long keep, int inheritable)
{
	struct { unsigned version; int pid; } h = { 0x20080522 /* _LINUX_CAPABILITY_VERSION_3 */, 0 };
	struct { unsigned effective, permitted, inheritable; } d[2] = {
		{ (unsigned)keep, (unsigned)keep, inheritable ? (unsigned)keep : 0 },
		{ (unsigned)(keep >> 32), (unsigned)(keep >> 32), inheritable ? (unsigned)(keep >> 32) : 0 },
	};
	T(syscall(SYS_capset, &h, d));
}

static void path(char *buf, const char *root, const char *p)
{
	snprintf(buf, 4096, "%s%s", root, p);
}

int main(int argc, char **argv)
{
	static const struct { const char *name; int major, minor; } dev[] = {
		{ "null", 1, 3 }, { "zero", 1, 5 }, { "full", 1, 7 },
		{ "random", 1, 8 }, { "urandom", 1, 9 }, { "tty", 5, 0 },
	};
	static const struct { const char *from, *to; } links[] = {
		{ "pts/ptmx", "ptmx" }, { "/proc/self/fd", "fd" }, { "/proc/self/fd/0", "stdin" },
		{ "/proc/self/fd/1", "stdout" }, { "/proc/self/fd/2", "stderr" },
	};
	static const char *masks[] = { "/proc/kcore", "/proc/keys", "/proc/timer_list",
		"/proc/sched_debug", "/proc/scsi", "/sys/firmware" };
	static const char *ro[] = { "/proc/sys", "/proc/sysrq-trigger", "/proc/irq", "/proc/bus" };
	char p[4096], q[4096];
	int status, def, gate[2];
	pid_t pid;

	if (argc < 4 || (strcmp(argv[1], "min") && strcmp(argv[1], "default"))) {
		fprintf(stderr, "usage: floor min|default ROOTFS PROGRAM [ARG...]\n");
		return 125;
	}
	def = !strcmp(argv[1], "default");
	const char *root = argv[2];

	T(unshare(CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET |
		  (def ? CLONE_NEWCGROUP : 0)));
	T(pid = fork());
	if (pid == 0) { /* PID 1 of the new pid namespace */
		T(mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
		T(mount(root, root, NULL, MS_BIND | MS_REC, NULL));

		struct ifreq ifr = { .ifr_name = "lo" };
		int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		T(s);
		T(ioctl(s, SIOCGIFFLAGS, &ifr));
		ifr.ifr_flags |= IFF_UP;
		T(ioctl(s, SIOCSIFFLAGS, &ifr));
		close(s);

		path(p, root, "/proc");
		T(mount("proc", p, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL));
		path(p, root, "/dev");
		T(mount("tmpfs", p, "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=755,size=512k"));
		umask(0);
		for (unsigned i = 0; i < sizeof dev / sizeof dev[0]; i++) {
			snprintf(p, sizeof p, "%s/dev/%s", root, dev[i].name);
			T(mknod(p, S_IFCHR | 0666, makedev(dev[i].major, dev[i].minor)));
		}
		for (unsigned i = 0; i < sizeof links / sizeof links[0]; i++) {
			snprintf(p, sizeof p, "%s/dev/%s", root, links[i].to);
			T(symlink(links[i].from, p));
		}
		path(p, root, "/dev/pts");
		T(mkdir(p, 0755));
		T(mount("devpts", p, "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620"));
		path(p, root, "/dev/shm");
		T(mkdir(p, 0755));
		T(mount("tmpfs", p, "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777"));

		if (def) {
			struct stat st;
			path(p, root, "/sys");
			T(mount("sysfs", p, "sysfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL));
			path(q, root, "/dev/null");
			for (unsigned i = 0; i < sizeof masks / sizeof masks[0]; i++) {
				path(p, root, masks[i]);
				if (stat(p, &st) < 0)
					continue;
				if (S_ISDIR(st.st_mode))
					T(mount("tmpfs", p, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
						"size=0,mode=555"));
				else
					T(mount(q, p, NULL, MS_BIND, NULL));
			}
			for (unsigned i = 0; i < sizeof ro / sizeof ro[0]; i++) {
				path(p, root, ro[i]);
				if (access(p, F_OK) < 0)
					continue;
				T(mount(p, p, NULL, MS_BIND | MS_REC, NULL));
				T(mount(NULL, p, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL));
			}
		}

		T(chdir(root));
		T(syscall(SYS_pivot_root, ".", "."));
		T(umount2(".", MNT_DETACH));
		T(chdir("/"));
		umask(022);

		if (def) { /* an init as PID 1, the workload its child */
			sigset_t all;
			sigfillset(&all);
			sigprocmask(SIG_BLOCK, &all, NULL);
			T(pipe2(gate, O_CLOEXEC));
			pid_t w = fork();
			T(w);
			if (w > 0) {
				capset_to(1ULL << CAP_KILL, 0);
				T(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
				close(gate[1]);
				for (;;) {
					int sig = sigwaitinfo(&all, NULL);
					if (sig != SIGCHLD) {
						if (sig > 0)
							kill(w, sig);
						continue;
					}
					while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
						if (pid == w)
							_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
				}
			}
			sigprocmask(SIG_UNBLOCK, &all, NULL);
		}
		for (int cap = 0; cap <= 63; cap++)
			if (!(KEEP >> cap & 1) && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0) {
				if (errno == EINVAL)
					break;
				die("PR_CAPBSET_DROP");
			}
		capset_to(KEEP, 1);
		T(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
		if (def) {
			char b;
			close(gate[1]);
			(void)read(gate[0], &b, 1);
		}
		execv(argv[3], argv + 3);
		die(argv[3]);
	}
	T(waitpid(pid, &status, 0));
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
