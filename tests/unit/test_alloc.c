/* SPDX-License-Identifier: GPL-2.0-only */
/* test_alloc.c - src/alloc.c (the static build's malloc), compiled here
 * under other names: random allocations, frees and reallocs keep every
 * block's bytes, never overlap, and stay aligned. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#define malloc cella_malloc
#define free cella_free
#define realloc cella_realloc
#define calloc cella_calloc
#undef __GLIBC__
#include "../../src/alloc.c"
#undef malloc
#undef free
#undef realloc
#undef calloc

#include "unit.h"

#define N 400
static unsigned char *p[N];
static size_t len[N];

static int intact(int i)
{
	for (size_t k = 0; k < len[i]; k++)
		if (p[i][k] != (unsigned char)(i + k))
			return 0;
	return 1;
}

static void fill(int i)
{
	for (size_t k = 0; k < len[i]; k++)
		p[i][k] = (unsigned char)(i + k);
}

int main(void)
{
	unsigned seed = 1;
	int bad = 0, misaligned = 0;

	for (int round = 0; round < 20000; round++) {
		seed = seed * 1103515245 + 12345;
		int i = (seed >> 8) % N;
		size_t n = (seed >> 16) % 5 == 0 ? (seed >> 4) % 70000 : (seed >> 4) % 600;
		if (p[i] && !intact(i))
			bad++;
		switch ((seed >> 20) % 3) {
		case 0:
			cella_free(p[i]);
			p[i] = NULL;
			len[i] = 0;
			break;
		case 1: {
			unsigned char *q = cella_realloc(p[i], n);
			if (!q)
				break;
			size_t keep = len[i] < n ? len[i] : n;
			for (size_t k = 0; k < keep; k++)
				if (q[k] != (unsigned char)(i + k)) {
					bad++;
					break;
				}
			p[i] = q;
			len[i] = n;
			fill(i);
			break;
		}
		default:
			cella_free(p[i]);
			p[i] = cella_calloc(1, n);
			len[i] = n;
			for (size_t k = 0; p[i] && k < n; k++)
				if (p[i][k]) {
					bad++;
					break;
				}
			if (p[i])
				fill(i);
		}
		if (p[i] && ((uintptr_t)p[i] & 15))
			misaligned++;
	}
	for (int i = 0; i < N; i++)
		if (p[i] && !intact(i))
			bad++;
	CHECK(bad == 0, "%d blocks lost their bytes", bad);
	CHECK(misaligned == 0, "%d blocks not 16-byte aligned", misaligned);
	errno = 0;
	CHECK(cella_malloc(SIZE_MAX - 8) == NULL && errno == ENOMEM, "huge malloc fails with ENOMEM");
	CHECK(cella_calloc(SIZE_MAX / 2, 4) == NULL, "calloc overflow fails");
	return unit_report();
}
