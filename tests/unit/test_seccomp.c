/* SPDX-License-Identifier: GPL-2.0-only */
/* test_seccomp.c - [seccomp]'s names and the program it makes, run here by
 * a small classic BPF interpreter for every system call number (so the
 * cross builds check their own program under qemu-user too). Prints the
 * filter's length and how many instructions an allowed call runs. */
#include "unit.h"

#include "subsys.h"

#if HAVE_SECCOMP
#include <errno.h>
#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <sys/syscall.h>

#include "seccomp.h"

static unsigned steps;

static uint32_t run(const struct seccomp_filter *f, uint32_t arch, int nr, uint64_t arg0)
{
	const struct sock_filter *p = f->insns;
	struct seccomp_data d = { .nr = nr, .arch = arch, .args = { arg0 } };
	uint32_t a = 0;

	steps = 0;
	for (unsigned pc = 0; pc < f->len; pc++, steps++) {
		const struct sock_filter *i = &p[pc];
		switch (i->code) {
		case BPF_LD | BPF_W | BPF_ABS: memcpy(&a, (const char *)&d + i->k, 4); break;
		case BPF_JMP | BPF_JA: pc += i->k; break;
		case BPF_JMP | BPF_JEQ | BPF_K: pc += a == i->k ? i->jt : i->jf; break;
		case BPF_JMP | BPF_JGE | BPF_K: pc += a >= i->k ? i->jt : i->jf; break;
		case BPF_JMP | BPF_JSET | BPF_K: pc += (a & i->k) ? i->jt : i->jf; break;
		case BPF_RET | BPF_K: steps++; return i->k;
		default: return 0xdead;
		}
	}
	return 0xbad; /* fell off the end */
}

static uint32_t native(void)
{
	struct seccomp_filter f;
	uint32_t arch;
	struct seccomp_conf s = { 0 };
	/* The first instruction loads the arch, the second compares it. */
	if (seccomp_build(&s, 0, true, &f) < 0)
		return 0;
	arch = ((const struct sock_filter *)f.insns)[1].k;
	free(f.insns);
	return arch;
}

#define DENIED (SECCOMP_RET_ERRNO | EPERM)
#ifndef SYS_clock_settime
#define SYS_clock_settime SYS_clock_settime64 /* musl's name on 32-bit arm */
#endif

int main(void)
{
	struct seccomp_conf s = { 0 };
	struct seccomp_filter f;
	const uint32_t arch = native();
	const char *p;

	/* The profile's names this architecture lacks are accepted, absent. */
	for (p = seccomp_profile_absent; *p; p += strlen(p) + 1)
		CHECK_INT(seccomp_syscall_nr(p), -1);

	CHECK_INT(seccomp_syscall_nr("getppid"), SYS_getppid);
	CHECK_INT(seccomp_syscall_nr("userfaultfd"), SYS_userfaultfd);
	CHECK_INT(seccomp_syscall_nr("nosuchcall"), -ENOENT);
	CHECK_INT(seccomp_syscall_nr(""), -ENOENT);
#ifndef SYS_iopl
	CHECK_INT(seccomp_syscall_nr("iopl"), -1); /* listed, absent here */
#endif

	/* The default profile, keep = none. */
	CHECK_INT(seccomp_build(&s, 0, true, &f), 0);
	CHECK(f.len > 0 && f.len < 400, "length %u", f.len);
	CHECK_INT(f.hold, 0);
	/* Every entry of the profile, with an argument its checks refuse. */
	for (const uint16_t *e = seccomp_profile; *e; e++)
		CHECK(run(&f, arch, *e & 0x3ff, CLONE_NEWUSER | 6) != SECCOMP_RET_ALLOW, "profile's %u allowed", *e & 0x3ff);
	CHECK_INT(run(&f, arch, SYS_getppid, 0), SECCOMP_RET_ALLOW);
	unsigned allowed_steps = steps;
	CHECK_INT(run(&f, arch ^ 1, SYS_getppid, 0), SECCOMP_RET_KILL_PROCESS);
	CHECK_INT(run(&f, arch, SYS_userfaultfd, 0), DENIED);
	CHECK_INT(run(&f, arch, SYS_mount, 0), DENIED);
	CHECK_INT(run(&f, arch, SYS_clone3, 0), SECCOMP_RET_ERRNO | ENOSYS);
	CHECK_INT(run(&f, arch, SYS_clone, CLONE_NEWUSER | 17), DENIED);
	CHECK_INT(run(&f, arch, SYS_clone, 0x3d0f00), SECCOMP_RET_ALLOW); /* a thread */
	CHECK_INT(run(&f, arch, SYS_unshare, CLONE_NEWUSER), DENIED);
	CHECK_INT(run(&f, arch, SYS_unshare, CLONE_NEWNS), SECCOMP_RET_ALLOW);
	uint64_t ok[] = { 0, 8, 0x20000, 0x20008, 0xffffffff, 0x100000000ULL };
	for (unsigned i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		CHECK_INT(run(&f, arch, SYS_personality, ok[i]), SECCOMP_RET_ALLOW);
	CHECK_INT(run(&f, arch, SYS_personality, 0xffffffff), SECCOMP_RET_ALLOW);
	unsigned query_steps = steps;
	CHECK_INT(run(&f, arch, SYS_personality, 6), DENIED);
#ifdef __x86_64__
	CHECK_INT(run(&f, arch, 0x40000000 | SYS_getpid, 0), SECCOMP_RET_KILL_PROCESS);
#endif
	CHECK_INT(run(&f, arch, -1, 0), SECCOMP_RET_ALLOW); /* a tracer's skip */
	/* Every number: denied exactly when the profile lists it. */
	unsigned ndenied = 0, maxsteps = 0;
	for (int nr = 0; nr < SECCOMP_NR_LIMIT; nr++) {
		uint32_t r = run(&f, arch, nr, 0);
		CHECK(r == SECCOMP_RET_ALLOW || r == DENIED || r == (SECCOMP_RET_ERRNO | ENOSYS),
		      "nr %d: %#x", nr, r);
		ndenied += r == DENIED;
		if (steps > maxsteps)
			maxsteps = steps;
	}
	CHECK(ndenied >= 35, "only %u numbers denied", ndenied);
	printf("seccomp: default profile (keep = none): %u BPF instructions, %u numbers denied; "
	       "getppid runs %u, personality(0xffffffff) %u, the longest path %u\n", f.len, ndenied,
	       allowed_steps, query_steps, maxsteps);
	free(f.insns);

	/* A kept capability lifts its entries; no_new_privs = no holds sys_admin. */
	CHECK_INT(seccomp_build(&s, 1ULL << CAP_SYS_TIME, false, &f), 0);
	CHECK_INT(f.hold, 1ULL << CAP_SYS_ADMIN);
	CHECK_INT(run(&f, arch, SYS_clock_settime, 0), SECCOMP_RET_ALLOW);
	CHECK_INT(run(&f, arch, SYS_mount, 0), DENIED);
	free(f.insns);
	CHECK_INT(seccomp_build(&s, ~0ULL, false, &f), 0);
	CHECK_INT(f.hold, 0);
	CHECK_INT(run(&f, arch, SYS_mount, 0), SECCOMP_RET_ALLOW);
	CHECK_INT(run(&f, arch, SYS_keyctl, 0), DENIED);
	printf("seccomp: default profile (keep = all): %u BPF instructions\n", f.len);
	free(f.insns);

	/* allow, deny, action. */
	s.allow[SYS_userfaultfd / 64] |= 1ULL << (SYS_userfaultfd % 64);
	s.deny[SYS_getppid / 64] |= 1ULL << (SYS_getppid % 64);
	s.action = SECCOMP_KILL;
	CHECK_INT(seccomp_build(&s, 0, true, &f), 0);
	CHECK_INT(run(&f, arch, SYS_userfaultfd, 0), SECCOMP_RET_ALLOW);
	CHECK_INT(run(&f, arch, SYS_getppid, 0), SECCOMP_RET_KILL_PROCESS);
	CHECK_INT(run(&f, arch, SYS_clone3, 0), SECCOMP_RET_ERRNO | ENOSYS);
	CHECK_STR(seccomp_profile_name(&s), "custom");
	free(f.insns);
	/* deny = capset cannot be with no_new_privs = no and no sys_admin. */
	s.deny[SYS_capset / 64] |= 1ULL << (SYS_capset % 64);
	stderr_begin();
	CHECK_INT(seccomp_build(&s, 0, false, &f), -EINVAL);
	CHECK(strstr(stderr_end(), "deny = capset") != NULL, "message: %s", unit_err);

	/* profile = none: no filter, unless deny names calls. */
	memset(&s, 0, sizeof(s));
	s.profile = SECCOMP_NONE;
	CHECK_INT(seccomp_build(&s, 0, true, &f), 0);
	CHECK_INT(f.len, 0);
	CHECK_STR(seccomp_profile_name(&s), "none");
	s.deny[SYS_getppid / 64] |= 1ULL << (SYS_getppid % 64);
	CHECK_INT(seccomp_build(&s, 0, true, &f), 0);
	CHECK_INT(run(&f, arch, SYS_getppid, 0), DENIED);
	CHECK_INT(run(&f, arch, SYS_mount, 0), SECCOMP_RET_ALLOW);
	free(f.insns);

	/* Every call denied: longer than 255 instructions, the far jumps. */
	for (int nr = 0; nr < SECCOMP_NR_LIMIT; nr++)
		if (nr != SYS_getpid && nr != SYS_capset)
			s.deny[nr / 64] |= 1ULL << (nr % 64);
	CHECK_INT(seccomp_build(&s, 0, true, &f), 0);
	CHECK(f.len > 255, "length %u", f.len);
	CHECK_INT(run(&f, arch, SYS_getpid, 0), SECCOMP_RET_ALLOW);
	CHECK_INT(run(&f, arch, SYS_getppid, 0), DENIED);
	CHECK_INT(run(&f, arch, SYS_capset, 0), SECCOMP_RET_ALLOW);
	free(f.insns);

	return unit_report();
}
#else
int main(void)
{
	printf("0 passed, 0 failed (no CONFIG_SECCOMP)\n");
	return 0;
}
#endif
