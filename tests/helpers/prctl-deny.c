/* SPDX-License-Identifier: GPL-2.0-only */
/* prctl-deny: runs CMD with a seccomp filter that fails one prctl(2) call,
 * prctl(OPTION, ARG2, ...), with EPERM, and lets everything else through:
 * a fault in one process of cella's (one that makes exactly that call)
 * that strace cannot single out.
 *
 * usage: prctl-deny OPTION ARG2 CMD [ARG...]   (numbers) */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/* From <linux/filter.h> and <linux/seccomp.h>, which musl-gcc lacks. */
struct sock_filter { uint16_t code; uint8_t jt, jf; uint32_t k; };
struct sock_fprog { unsigned short len; struct sock_filter *filter; };
struct seccomp_data { int nr; uint32_t arch; uint64_t instruction_pointer; uint64_t args[6]; };
#define BPF_LD 0x00
#define BPF_W 0x00
#define BPF_ABS 0x20
#define BPF_JMP 0x05
#define BPF_JEQ 0x10
#define BPF_K 0x00
#define BPF_RET 0x06
#define BPF_STMT(code, k) { (uint16_t)(code), 0, 0, k }
#define BPF_JUMP(code, k, jt, jf) { (uint16_t)(code), jt, jf, k }
#define SECCOMP_MODE_FILTER 2
#define SECCOMP_RET_ERRNO 0x00050000U
#define SECCOMP_RET_ALLOW 0x7fff0000U

/* The low 32 bits of an argument (little-endian). */
#define ARG(n) offsetof(struct seccomp_data, args[n])

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: prctl-deny OPTION ARG2 CMD [ARG...]\n");
		return 2;
	}
	unsigned option = (unsigned)strtoul(argv[1], NULL, 0), arg2 = (unsigned)strtoul(argv[2], NULL, 0);
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_prctl, 0, 5),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG(0)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, option, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG(1)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, arg2, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = sizeof(f) / sizeof(f[0]), .filter = f };
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0) {
		perror("seccomp");
		return 1;
	}
	execv(argv[3], argv + 3);
	perror(argv[3]);
	return 127;
}
