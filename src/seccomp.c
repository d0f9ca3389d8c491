/* SPDX-License-Identifier: GPL-2.0-only */
/* seccomp.c - [seccomp]: system call names and numbers of the build's
 * architecture (build/include/syscalls.h, from the target's own
 * <sys/syscall.h>), the default profile of the SPEC, the classic BPF
 * program made from them, and its install. No libseccomp. */
#include "seccomp.h"

#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log.h"
#include "syscalls.h"

/* The architecture the numbers are for; any other one (i386 or x32 code
 * on x86_64, arm code on aarch64) is killed whatever `action` says. */
#if defined(__x86_64__) && !defined(__ILP32__)
#define ARCH AUDIT_ARCH_X86_64
#define X32_BIT 0x40000000u /* __X32_SYSCALL_BIT: x32 numbers, same arch */
#elif defined(__aarch64__) && !defined(__AARCH64EB__)
#define ARCH AUDIT_ARCH_AARCH64
#elif defined(__arm__) && !defined(__ARMEB__)
#define ARCH AUDIT_ARCH_ARM
#elif defined(__i386__)
#define ARCH AUDIT_ARCH_I386
#elif defined(__riscv) && __riscv_xlen == 64
#define ARCH AUDIT_ARCH_RISCV64
#else
#error "seccomp.c: no AUDIT_ARCH for this target: build with CONFIG_SECCOMP off"
#endif

/* The low 32 bits of argument N (little-endian targets only, above). The
 * flags of clone and unshare and personality's value are ints to the
 * kernel, which ignores the high half. */
#define ARG_LO(n) ((uint32_t)offsetof(struct seccomp_data, args[n]))

#ifndef SECCOMP_LEAF
/* Entries per leaf of the binary search (see tree()); a big number makes
 * it one linear list. */
#define SECCOMP_LEAF 4
#endif

static const uint8_t sc_names[] = { SC_NAMES };
static const uint8_t sc_prefixes[] = { SC_PREFIXES }, sc_prefix_counts[] = { SC_PREFIX_COUNTS };
static const uint8_t sc_chars[] = { SC_CHARS }, sc_char_counts[] = { SC_CHAR_COUNTS };
static const uint8_t sc_nrs[] = { SC_NRS };

/* N bits at bit POS of B (scripts/syscalls.sh packs them from the lowest
 * bit up: the numbers, 9 bits each on x86_64). */
static unsigned bits(const uint8_t *b, unsigned pos, unsigned n)
{
	b += pos / 8;
	return ((unsigned)b[0] | (unsigned)b[1] << 8 | (unsigned)b[2] << 16) >> (pos % 8) & ((1u << n) - 1);
}

/* What the filter does with one number. */
enum { ALLOW, DENY, NOSYS, NEWUSER, PERSONALITY };

/* The default profile (SPEC [seccomp]): the capability that lifts the
 * entry, or what is always done (59 + what the filter does: a number
 * below 64, packed with the call's number in 16 bits). On 32-bit arm musl
 * names the kernel's clock_settime, settimeofday and their time64 forms
 * clock_settime32, settimeofday_time32, clock_settime64 and
 * clock_adjtime64: listed too, absent elsewhere. */
enum { ALWAYS = 59 + DENY, ANSWER_NOSYS, ARG_NEWUSER, ARG_PERSONALITY };
#define PROFILE(X)                                                             \
	X(acct, CAP_SYS_PACCT) X(add_key, ALWAYS) X(adjtimex, CAP_SYS_TIME)    \
	X(bpf, CAP_SYS_ADMIN) X(clock_adjtime, CAP_SYS_TIME)                   \
	X(clock_adjtime64, CAP_SYS_TIME) X(clock_settime, CAP_SYS_TIME)        \
	X(clock_settime32, CAP_SYS_TIME) X(clock_settime64, CAP_SYS_TIME)      \
	X(clone, ARG_NEWUSER)                                                  \
	X(clone3, ANSWER_NOSYS) X(delete_module, CAP_SYS_MODULE)               \
	X(fanotify_init, CAP_SYS_ADMIN) X(finit_module, CAP_SYS_MODULE)        \
	X(fsconfig, CAP_SYS_ADMIN) X(fsmount, CAP_SYS_ADMIN)                   \
	X(fsopen, CAP_SYS_ADMIN) X(fspick, CAP_SYS_ADMIN)                      \
	X(init_module, CAP_SYS_MODULE) X(ioperm, CAP_SYS_RAWIO)                \
	X(iopl, CAP_SYS_RAWIO) X(kcmp, CAP_SYS_PTRACE)                         \
	X(kexec_file_load, CAP_SYS_BOOT) X(kexec_load, CAP_SYS_BOOT)           \
	X(keyctl, ALWAYS) X(lookup_dcookie, CAP_SYS_ADMIN)                     \
	X(mount, CAP_SYS_ADMIN) X(mount_setattr, CAP_SYS_ADMIN)                \
	X(move_mount, CAP_SYS_ADMIN) X(open_by_handle_at, CAP_DAC_READ_SEARCH) \
	X(open_tree, CAP_SYS_ADMIN) X(perf_event_open, CAP_SYS_ADMIN)          \
	X(personality, ARG_PERSONALITY) X(pivot_root, CAP_SYS_ADMIN)           \
	X(process_vm_readv, CAP_SYS_PTRACE)                                    \
	X(process_vm_writev, CAP_SYS_PTRACE) X(ptrace, CAP_SYS_PTRACE)         \
	X(quotactl, CAP_SYS_ADMIN) X(reboot, CAP_SYS_BOOT)                     \
	X(request_key, ALWAYS) X(setns, CAP_SYS_ADMIN)                         \
	X(settimeofday, CAP_SYS_TIME) X(settimeofday_time32, CAP_SYS_TIME)     \
	X(swapoff, CAP_SYS_ADMIN)                                              \
	X(swapon, CAP_SYS_ADMIN) X(umount2, CAP_SYS_ADMIN)                     \
	X(unshare, ARG_NEWUSER) X(userfaultfd, ALWAYS)
/* Resolved by the preprocessor: SCN_name is "~, NR" when this architecture
 * has the call (syscalls.h), else the bare name: the argument after it
 * picks. A present entry is its number | WHEN << 10; an absent one's name
 * is in seccomp_profile_absent instead. */
#define SC_2(a, b, ...) b
#define SC_3(a, b, c, ...) c
#define SC_PICK(i, ...) SC_##i(__VA_ARGS__)
#define P_HAS(n, c) SC_PICK(2, SCN_##n, ) | c << 10,
#define P_LACKS(n, c)
#define P_ENTRY(n, c) SC_PICK(3, SCN_##n, P_HAS, P_LACKS)(n, c)
#define P_ABSENT(n, c) SC_PICK(3, SCN_##n, "", #n "\0")
const uint16_t seccomp_profile[] = { PROFILE(P_ENTRY) 0 };
const char seccomp_profile_absent[] = PROFILE(P_ABSENT);

static const char *next(const char *p) { return p + strlen(p) + 1; }

/* The next symbol of sc_names at *POS: canonical Huffman codes, COUNT[L]
 * of them L + 1 bits long, for the symbols of TABLE in that order. */
static unsigned sym(unsigned *pos, const uint8_t *count, const uint8_t *table)
{
	unsigned code = 0, first = 0;
	for (;; count++, code <<= 1, ++*pos) {
		code |= sc_names[*pos / 8] >> *pos % 8 & 1;
		if (code - first < *count)
			return ++*pos, table[code - first];
		table += *count;
		first = (first + *count) << 1;
	}
}

int seccomp_syscall_nr(const char *name)
{
	char t[SC_NAME_MAX], *q;
	unsigned pos = 0;
	const char *p;

	/* Each name: the length it shares with the one before, its other
	 * characters, 0 (scripts/syscalls.sh). */
	for (unsigned i = 0; i < SC_COUNT; i++) {
		q = t + sym(&pos, sc_prefix_counts, sc_prefixes);
		while ((*q++ = (char)sym(&pos, sc_char_counts, sc_chars)))
			;
		if (!strcmp(t, name))
			return (int)bits(sc_nrs, i * SC_NR_BITS, SC_NR_BITS);
	}
	for (p = seccomp_profile_absent; *p; p = next(p))
		if (!strcmp(p, name))
			return -1;
	return -ENOENT;
}


const char *seccomp_profile_name(const struct seccomp_conf *s)
{
	for (unsigned i = 0; i < SECCOMP_NR_LIMIT / 64; i++)
		if (s->deny[i] || (s->allow[i] && s->profile == SECCOMP_DEFAULT))
			return "custom";
	return s->profile == SECCOMP_DEFAULT ? "default" : "none";
}

static __attribute__((noinline)) int fail(const char *what, int e)
{
	log_error("[seccomp]: %s: %s", what, strerror(e));
	return -e;
}

/* ---- the program ---- */

struct rule { uint16_t nr; uint8_t what; };
struct prog { struct sock_filter *i; unsigned n; uint32_t deny; };

#define INSN(code, k, jt, jf) { code, jt, jf, k }
#define RET(k) INSN(BPF_RET | BPF_K, k, 0, 0)
#define LD(off) INSN(BPF_LD | BPF_W | BPF_ABS, off, 0, 0)
#define JEQ(k, t, f) INSN(BPF_JMP | BPF_JEQ | BPF_K, k, t, f)
#define DENY_RET RET(0) /* (in code[]: the configured action) */

/* The instructions cella copies: the head, then what follows the
 * comparison of the number in each kind of entry (see entry()). */
static const struct sock_filter code[] = {
	LD(offsetof(struct seccomp_data, arch)),
	JEQ(ARCH, 1, 0),
	RET(SECCOMP_RET_KILL_PROCESS),
	LD(offsetof(struct seccomp_data, nr)),
#ifdef X32_BIT
	/* But -1, which a tracer sets to skip a call (strace's fault
	 * injection), and the kernel then runs through the filter again. */
	INSN(BPF_JMP | BPF_JSET | BPF_K, X32_BIT, 0, 2),
	JEQ(0xffffffff, 1, 0),
	RET(SECCOMP_RET_KILL_PROCESS),
#define HEAD_LEN 7
#else
#define HEAD_LEN 4
#endif
	/* DENY */
	DENY_RET,
	/* NOSYS */
	RET(SECCOMP_RET_ERRNO | ENOSYS),
	/* NEWUSER: clone's flags are argument 0 on x86_64, arm and aarch64 */
	LD(ARG_LO(0)),
	INSN(BPF_JMP | BPF_JSET | BPF_K, CLONE_NEWUSER, 0, 1),
	DENY_RET,
	RET(SECCOMP_RET_ALLOW),
	/* PERSONALITY: PER_LINUX, PER_LINUX32, their UNAME26 forms, query */
	LD(ARG_LO(0)),
	JEQ(0, 5, 0),
	JEQ(8, 4, 0),
	JEQ(0x20000, 3, 0),
	JEQ(0x20008, 2, 0),
	JEQ(0xffffffff, 1, 0),
	DENY_RET,
	RET(SECCOMP_RET_ALLOW),
};
/* Where each kind's instructions start in code[] (and end: the next's). */
static const uint8_t code_at[] = { [DENY] = HEAD_LEN, HEAD_LEN + 1, HEAD_LEN + 2, HEAD_LEN + 6, HEAD_LEN + 14 };

static void copy(struct prog *p, unsigned from, unsigned to)
{
	while (from < to) {
		struct sock_filter f = code[from++];
		if (f.code == (BPF_RET | BPF_K) && !f.k)
			f.k = p->deny;
		p->i[p->n++] = f;
	}
}

static void put(struct prog *p, uint16_t op, uint32_t k, uint8_t jt, uint8_t jf)
{
	p->i[p->n++] = (struct sock_filter)INSN(op, k, jt, jf);
}

/* A binary search over the sorted numbers down to leaves of SECCOMP_LEAF
 * entries: an allowed call (nearly every call) runs about
 * log2(n / SECCOMP_LEAF) + SECCOMP_LEAF + 1 comparisons, not n. In a leaf
 * each entry compares the number and returns; the last instruction
 * allows. Every jump is short and forward, but the one over a left half
 * longer than 255 instructions, through a BPF_JA. */
static void tree(struct prog *p, const struct rule *r, unsigned n)
{
	unsigned h = n / 2, at = p->n, left;
	if (n <= SECCOMP_LEAF) {
		for (; n--; r++) {
			unsigned from = code_at[r->what], to = code_at[r->what + 1];
			put(p, BPF_JMP | BPF_JEQ | BPF_K, r->nr, 0, (uint8_t)(to - from));
			copy(p, from, to);
		}
		put(p, BPF_RET | BPF_K, SECCOMP_RET_ALLOW, 0, 0);
		return;
	}
	p->n++;
	tree(p, r, h);
	left = p->n - at - 1;
	if (left > 255) {
		memmove(&p->i[at + 2], &p->i[at + 1], left * sizeof(*p->i));
		p->i[at + 1] = (struct sock_filter)INSN(BPF_JMP | BPF_JA, left, 0, 0);
		p->n++;
	}
	p->i[at] = (struct sock_filter)INSN(BPF_JMP | BPF_JGE | BPF_K, r[h].nr, left > 255 ? 0 : left, left > 255);
	tree(p, r + h, n - h);
}

int seccomp_build(const struct seccomp_conf *s, uint64_t keep, bool nnp, struct seccomp_filter *f)
{
	static const uint32_t actions[] = {
		[SECCOMP_ERRNO] = SECCOMP_RET_ERRNO | EPERM,
		[SECCOMP_KILL] = SECCOMP_RET_KILL_PROCESS,
		[SECCOMP_LOG] = SECCOMP_RET_LOG,
	};
	uint8_t what[SECCOMP_NR_LIMIT] = { 0 };
	struct rule r[SECCOMP_NR_LIMIT];
	struct prog p = { .deny = actions[s->action] };
	unsigned n = 0;

	*f = (struct seccomp_filter){ 0 };
	if (!seccomp_wanted(s))
		return 0;
	if (s->profile == SECCOMP_DEFAULT)
		for (const uint16_t *e = seccomp_profile; *e; e++) {
			unsigned w = *e >> 10;
			what[*e & 0x3ff] = w > ALWAYS ? w - 59 : w == ALWAYS || !(keep >> w & 1) ? DENY : ALLOW;
		}
	/* allow takes entries out of the profile; deny adds (and wins). */
	for (unsigned nr = 0; nr < SECCOMP_NR_LIMIT; nr++) {
		if (seccomp_in(s->allow, nr))
			what[nr] = ALLOW;
		if (seccomp_in(s->deny, nr))
			what[nr] = DENY;
		if (what[nr])
			r[n++] = (struct rule){ (uint16_t)nr, what[nr] };
	}
	/* Without no_new_privs only CAP_SYS_ADMIN may install a filter: held
	 * until the install, then dropped with capset, which must get through. */
	if (!nnp && !(keep >> CAP_SYS_ADMIN & 1)) {
		f->hold = 1ULL << CAP_SYS_ADMIN;
		if (what[SYS_capset] == DENY && s->action != SECCOMP_LOG) {
			/* (README says why: CAP_SYS_ADMIN goes with capset) */
			log_error("[seccomp]: deny = capset needs process.no-new-privs = yes or sys_admin kept");
			return -EINVAL;
		}
	}
	/* (at most 9 instructions an entry, 1 a leaf, 2 a node of the tree) */
	if (!(p.i = malloc((HEAD_LEN + 12 * n + 1) * sizeof(*p.i))))
		return fail("the filter", ENOMEM);
	copy(&p, 0, HEAD_LEN);
	tree(&p, r, n);
	if (p.n > BPF_MAXINSNS) {
		log_error("[seccomp]: a filter of %u instructions is too long", p.n);
		free(p.i);
		return -E2BIG;
	}
	f->len = (unsigned short)p.n;
	f->insns = p.i;
	return 0;
}

int seccomp_install(const struct seccomp_filter *f, bool drop_hold)
{
	struct sock_fprog prog = { .len = f->len, .filter = f->insns };
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2];
	const char *what = "install the filter";

	if (!f->len)
		return 0;
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) < 0)
		return fail(what, errno);
	if (!drop_hold || !f->hold)
		return 0;
	/* Out of all three sets; it was never in the ambient or bounding one. */
	if (syscall(SYS_capget, &h, d) < 0 ||
	    (d[0].effective &= ~(uint32_t)f->hold, d[0].permitted &= ~(uint32_t)f->hold,
	     d[0].inheritable &= ~(uint32_t)f->hold, syscall(SYS_capset, &h, d) < 0))
		return fail("drop CAP_SYS_ADMIN after the install", errno);
	return 0;
}
