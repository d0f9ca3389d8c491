/* SPDX-License-Identifier: GPL-2.0-only */
/* fuzz.h - shared by the fuzz harnesses (tests/fuzz/fuzz_*.c).
 *
 * Each harness defines LLVMFuzzerTestOneInput(). It is linked either with
 * libFuzzer (make fuzz: clang, coverage-guided) or with replay.c (make check:
 * gcc or clang with ASan and UBSan, the stored corpus and crashes fed once).
 * A harness checks what callers of its parser rely on; a broken promise
 * aborts, which both drivers report as a finding. */
#ifndef CELLA_FUZZ_H
#define CELLA_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken promise of the parser: say which, then abort (a finding). */
#define FUZZ_ASSERT(cond)                                                          \
	do {                                                                        \
		if (!(cond)) {                                                      \
			fprintf(stderr, "%s:%d: fuzz assertion failed: %s\n",       \
				__FILE__, __LINE__, #cond);                         \
			abort();                                                    \
		}                                                                   \
	} while (0)

/* The input as a malloc'd NUL-terminated string (inputs hold any bytes). */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = 0;
	return s;
}

#endif
