/* SPDX-License-Identifier: GPL-2.0-only */
/* supervisor.h - cella beside the running workload: forward, reap, report. */
#ifndef CELLA_SUPERVISOR_H
#define CELLA_SUPERVISOR_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

struct state;
struct supervisor;

/* A file descriptor the loop watches besides signals (the notify socket,
 * a terminal): fn runs when it is readable or hung up. */
struct watch {
	int fd;
	void (*fn)(struct supervisor *s, struct watch *w, short revents);
	void *data;
};
#define SUPERVISOR_WATCHES 3

struct supervisor {
	struct watch watches[SUPERVISOR_WATCHES]; /* fd -1: done with */
	int nwatches;
	/* A signal for cella itself (SIGWINCH with a terminal): true when
	 * handled, else it is passed on to the workload. */
	bool (*on_signal)(struct supervisor *s, int sig);
	void *signal_data;
	struct state *st;     /* state=stopping on a stop request */
	pid_t child;          /* cella's direct child: the init, or the workload */
	pid_t workload;       /* host pid that signals go to */
	int stop_signal;      /* what SIGTERM to cella becomes */
	long long stop_timeout_ms;
	bool pid_ns;          /* a new pid namespace: the kernel kills the rest */
	bool pid1;            /* cella is the machine's init (see below) */
	int stop_requested;   /* out: the signal that asked cella to stop, or 0 */
	int reboot_request;   /* out: SIGHUP (restart) or SIGINT (power off,
	                       * halt) when the workload called reboot(2) in
	                       * its pid namespace, else 0 */
};

/* Block every signal that can be blocked and is not a fault; the set is
 * read synchronously in the loop, never in a handler. Called before the
 * child is created, which inherits the mask and unblocks before exec. */
void supervisor_block_signals(sigset_t *old);
/* The wait status as an exit status: N, or 128+signal. */
int supervisor_exit_code(int wait_status);
/* Run until the workload ends; then kill what is left of it (without a pid
 * namespace: every remaining child of cella, which is their subreaper) and
 * return the exit status. Never fails: it logs and keeps reaping.
 *
 * A stop request (SIGTERM; as PID 1 also SIGINT, SIGUSR1, SIGUSR2, the
 * busybox init signals) sends the workload its stop-signal, then KILL after
 * stop-timeout, and is recorded in s->stop_requested. Other signals are
 * passed on to the workload. */
int supervisor_run(struct supervisor *s);
/* True for the signals that ask cella to stop (see above). */
bool supervisor_is_stop_signal(int sig, bool pid1);
/* Wait up to ms milliseconds, reaping strays, unless a stop signal comes
 * first: then return that signal, else 0. */
int supervisor_sleep(long long ms, bool pid1);
/* sigtimedwait for any signal, at most MS milliseconds (< 0: no limit). */
int supervisor_sigwait(long long ms);
/* CLOCK_MONOTONIC in milliseconds. */
long long now_ms(void);
/* Kill and reap every remaining child of cella. */
void supervisor_kill_children(void);

#endif
