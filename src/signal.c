/* SPDX-License-Identifier: GPL-2.0-only */
/* signal.c - signal() as the one rt_sigaction system call.
 *
 * musl's signal calls its sigaction, which serves threads (the signals
 * of its implementation, the lock of abort, cancellation; 650 bytes).
 * cella has one thread and one call, the supervisor's
 * signal(SIGCHLD, SIG_DFL). A handler returns through sa_restorer, a
 * rt_sigreturn of our own (x86_64 requires one; aarch64 would take the
 * vDSO's, this is the same code). Signals 32 to 34 stay refused as by
 * musl, whose threads use them. Like open.c, a weak definition for musl
 * builds only, on the targets of libc.h's REPLACE_LIBC_SYSCALLS. */
#include "libc.h"
#if REPLACE_LIBC_SYSCALLS

#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The kernel's struct sigaction on both targets. */
struct ksigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask;
};

#define K_SA_RESTORER 0x04000000

void cella_sigreturn(void);
__asm__(".pushsection .text.cella_sigreturn,\"ax\",%progbits\n"
	".local cella_sigreturn\n"
	".type cella_sigreturn,%function\n"
	"cella_sigreturn:\n"
#ifdef __x86_64__
	"	mov $15, %eax\n" /* SYS_rt_sigreturn */
	"	syscall\n"
#else
	"	mov x8, #139\n" /* SYS_rt_sigreturn */
	"	svc #0\n"
#endif
	".popsection\n");

__attribute__((weak)) void (*signal(int sig, void (*fn)(int)))(int)
{
	struct ksigaction sa = { fn, SA_RESTART | K_SA_RESTORER, cella_sigreturn, 0 }, old;

	if (sig - 32U < 3 || sig - 1U >= _NSIG - 1) {
		errno = EINVAL;
		return SIG_ERR;
	}
	if (syscall(SYS_rt_sigaction, sig, &sa, &old, sizeof(sa.mask)) < 0)
		return SIG_ERR;
	return old.handler;
}

#endif
