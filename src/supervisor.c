/* SPDX-License-Identifier: GPL-2.0-only */
/* supervisor.c - the loop after the exec: signals in, signals on, reaping. */
#include "supervisor.h"

#include <ctype.h>
#include <limits.h>
#include <poll.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <link.h>
#include <sys/auxv.h>
#include <stdint.h>
#include <sys/mman.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "procstat.h"
#include "state.h"
#include "value.h"

/* Faults are never blocked: a blocked SIGSEGV from a real fault kills.
 * Their numbers are below 32 on every architecture: bits of the first
 * word of a sigset_t (signal N is bit N - 1, as sigdelset sets them). */
#define FAULTS (1UL << (SIGSEGV - 1) | 1UL << (SIGBUS - 1) | 1UL << (SIGFPE - 1) | 1UL << (SIGILL - 1) | \
		1UL << (SIGTRAP - 1) | 1UL << (SIGSYS - 1) | 1UL << (SIGABRT - 1))

void supervisor_block_signals(sigset_t *old)
{
	sigset_t set;
	sigfillset(&set);
	((unsigned long *)&set)[0] &= ~FAULTS;
	sigprocmask(SIG_SETMASK, &set, old);
	/* SIG_IGN for SIGCHLD, inherited from whoever started cella, would
	 * make the kernel reap our children behind our back. SIG_DFL is 0,
	 * so the kernel's struct sigaction for it is all zeroes on every
	 * architecture (whatever the order of its fields): rt_sigaction by
	 * its system call, since musl's sigaction would bring 650 bytes that
	 * nothing else in cella needs. */
	unsigned long dfl[8] = { 0 };
	(void)syscall(SYS_rt_sigaction, SIGCHLD, dfl, NULL, _NSIG / 8);
}

int supervisor_exit_code(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return 125;
}

long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* PPid of /proc/PID/stat, or -1. */
static pid_t parent_of(const char *pid)
{
	struct procstat ps;
	return procstat_read(atoi(pid), &ps) == 0 ? ps.ppid : -1;
}

void supervisor_kill_children(void)
{
	pid_t self = getpid();

	/* Killing a child re-parents its own children to us (the subreaper),
	 * so scan, kill and reap until no child is left. */
	for (;;) {
		DIR *d = opendir("/proc");
		struct dirent *e;
		int st;

		while (d && (e = readdir(d)))
			if (isdigit((unsigned char)e->d_name[0]) && parent_of(e->d_name) == self)
				kill(atoi(e->d_name), SIGKILL);
		if (d)
			closedir(d);
		if (waitpid(-1, &st, 0) < 0 && errno == ECHILD)
			return;
	}
}

bool supervisor_is_stop_signal(int sig, bool pid1)
{
	if (sig == SIGTERM)
		return true;
	return pid1 && (sig == SIGINT || sig == SIGUSR1 || sig == SIGUSR2);
}

static void reap_strays(void)
{
	int st;
	while (waitpid(-1, &st, WNOHANG) > 0)
		;
}

int supervisor_sigwait(long long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };
	sigset_t set;

	sigfillset(&set);
	return sigtimedwait(&set, NULL, ms < 0 ? NULL : &ts);
}

int supervisor_sleep(long long ms, bool pid1)
{
	long long end = now_ms() + ms;

	for (long long left; (left = end - now_ms()) > 0; ) {
		int sig = supervisor_sigwait(left);
		if (sig > 0 && supervisor_is_stop_signal(sig, pid1))
			return sig;
		reap_strays();
	}
	return 0;
}

/* Give back the pages that setup touched and the loop below does not need
 * for months: cella's own code, the stack below this frame, the clean pages
 * of its data. The kernel maps up to 16 neighbouring pages of a file on
 * each fault ("fault-around") but never beyond the mapping, so the
 * read-only segments are also cut into one-page mappings (alternating
 * madvise hints keep them from merging); a fault then brings back just the
 * page it needs. Costs a few dozen madvise calls, so it waits until the
 * workload has run for a second. The program headers come from the aux
 * vector (what dl_iterate_phdr reads for a static binary, without it and
 * sysconf in the binary). */
__attribute__((noinline)) static void trim_resident_memory(void)
{
	const ElfW(Phdr) *ph = (const ElfW(Phdr) *)getauxval(AT_PHDR);
	size_t n = ph ? getauxval(AT_PHNUM) : 0, pg = getauxval(AT_PAGESZ);
	uintptr_t base = 0, sp = (uintptr_t)__builtin_frame_address(0);

	for (size_t i = 0; i < n; i++)
		if (ph[i].p_type == PT_PHDR)
			base = (uintptr_t)ph - ph[i].p_vaddr; /* a static PIE */
	/* The stack below this function's frame is unused now, but for its
	 * own variables (noinline keeps its caller's out of the way) and the
	 * madvise calls' frames: 1 KB is left for them. The kernel keeps a
	 * gap of 1 MB (stack_guard_gap) free below the stack, so the 256 KB
	 * below may be stack or nothing (madvise then says ENOMEM for the
	 * hole and still frees the stack's part). */
	sp = (sp - 1024) & ~(uintptr_t)(pg - 1);
	if (sp > 65 * pg)
		(void)madvise((void *)(sp - 64 * pg), 64 * pg, MADV_DONTNEED);
	/* The segments from the last: the data first, then the code, so that
	 * little of it runs again before the loop sleeps; the first segment
	 * holds the program headers, which are not read again once it is
	 * gone. Data: only the pages that equal the file go (dirty ones would
	 * need swap); before Linux 5.4, EINVAL. */
	for (size_t i = n; i-- > 0;) {
		uintptr_t start = (base + ph[i].p_vaddr) & ~(uintptr_t)(pg - 1);
		uintptr_t end = (base + ph[i].p_vaddr + ph[i].p_memsz + pg - 1) & ~(uintptr_t)(pg - 1);
		int hint = MADV_NORMAL;

		if (ph[i].p_type != PT_LOAD)
			continue;
		if (ph[i].p_flags & PF_W) {
			(void)madvise((void *)start, end - start, 21 /* MADV_PAGEOUT */);
			continue;
		}
		for (uintptr_t p = start; p < end; p += pg, hint ^= MADV_NORMAL ^ MADV_RANDOM)
			(void)madvise((void *)p, pg, hint);
		(void)madvise((void *)start, end - start, MADV_DONTNEED);
	}
}

/* Wait for a signal (read from SFD) or a watched fd, at most timeout ms
 * (-1: no limit). The signal number, 0 when a watch was served, or -1 with
 * errno EAGAIN on timeout. */
static int wait_event(struct supervisor *s, int sfd, long long timeout)
{
	struct pollfd p[1 + SUPERVISOR_WATCHES];
	struct signalfd_siginfo si;
	int n = 1, r;

	/* (Only the n entries polled are set: the kernel reads no others.) */
	p[0] = (struct pollfd){ .fd = sfd, .events = POLLIN };
	for (int i = 0; i < s->nwatches; i++)
		p[n++] = (struct pollfd){ .fd = s->watches[i].fd, .events = POLLIN };
	r = poll(p, n, timeout < 0 ? -1 : (int)(timeout > INT_MAX ? INT_MAX : timeout));
	if (r == 0) {
		errno = EAGAIN;
		return -1;
	}
	if (r < 0)
		return 0; /* EINTR: go round */
	for (int i = 1; i < n; i++)
		if (p[i].revents)
			s->watches[i - 1].fn(s, &s->watches[i - 1], p[i].revents);
	if ((p[0].revents & POLLIN) && read(sfd, &si, sizeof(si)) == sizeof(si))
		return (int)si.ssi_signo;
	return 0;
}

#define NEVER (~0ULL)

int supervisor_run(struct supervisor *s)
{
	sigset_t set;
	/* Times in ms of now_ms(); NEVER is later than any. trim_at is set
	 * on the first pass (one clock read fewer). */
	unsigned long long deadline = NEVER, trim_at = 0;
	int sfd, status;

	/* The signals stay blocked; with fds to watch, a signalfd lets poll()
	 * wait for them and the fds at once. Without, sigtimedwait alone. */
	sigfillset(&set);
	sfd = s->nwatches ? signalfd(-1, &set, SFD_CLOEXEC) : -1;
	if (s->nwatches && sfd < 0)
		log_warn("signalfd: %s: the terminal and notify socket are not served", strerror(errno));
	for (;;) {
		unsigned long long now = (unsigned long long)now_ms(), next;
		long long left = -1;
		int sig, st;
		pid_t p;

		if (!trim_at)
			trim_at = now + 1000;
		if (now >= trim_at) {
			trim_resident_memory();
			trim_at = NEVER;
		}
		next = deadline < trim_at ? deadline : trim_at;
		if (next != NEVER)
			left = next > now ? (long long)(next - now) : 0;
		if (sfd >= 0) {
			sig = wait_event(s, sfd, left);
		} else {
			/* Nothing to watch (or no signalfd): signals only. */
			sig = supervisor_sigwait(left);
		}
		if (sig < 0 && errno == EAGAIN && (unsigned long long)now_ms() >= deadline) {
			log_warn("workload did not stop within stop-timeout: sending KILL");
			kill(s->child, SIGKILL);
			kill(s->workload, SIGKILL);
			deadline = NEVER;
		} else if (sig > 0 && supervisor_is_stop_signal(sig, s->pid1)) {
			/* A stop request: the workload's own stop-signal, then KILL
			 * after stop-timeout. */
			if (!s->stop_requested) {
				s->stop_requested = sig;
				(void)state_write(s->st, "stopping");
			}
			kill(s->workload, s->stop_signal);
			if (deadline == NEVER)
				deadline = (unsigned long long)(now_ms() + s->stop_timeout_ms);
		} else if (sig > 0 && sig != SIGCHLD && !(s->on_signal && s->on_signal(s, sig))) {
			kill(s->workload, sig);
		}
		/* Reap on every pass; one SIGCHLD may stand for several exits. */
		while ((p = waitpid(-1, &st, WNOHANG)) > 0)
			if (p == s->child) {
				if (!s->pid_ns)
					supervisor_kill_children();
				/* An init of a pid namespace dies by SIGHUP or SIGINT
				 * only through reboot(2) inside it: as PID 1 of the
				 * namespace it cannot be killed by those otherwise
				 * (cella's init blocks them; a workload as PID 1 is
				 * immune to signals it has no handler for). */
				if (s->pid_ns && WIFSIGNALED(st) &&
				    (WTERMSIG(st) == SIGHUP || WTERMSIG(st) == SIGINT))
					s->reboot_request = WTERMSIG(st);
				status = supervisor_exit_code(st);
				if (sfd >= 0)
					close(sfd);
				return status;
			}
	}
}
