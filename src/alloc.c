/* SPDX-License-Identifier: GPL-2.0-only */
/* alloc.c - malloc, free, realloc and calloc for a static musl build.
 *
 * cella allocates a few kilobytes while it reads its configuration and
 * sets up, from one thread, and keeps little of it. musl's mallocng is
 * built for many threads and long-lived heaps (about 8 KB of code in the
 * binary, and a brk page plus an mmap'd page for its metadata in the
 * supervisor); its lite bump allocator cannot be chosen once anything
 * calls free. This is a first-fit free list, ordered by address, whose
 * neighbours merge, over 64 KB arenas from mmap (touched pages only count)
 * and a mapping of its own for anything larger than half an arena.
 *
 * Only with musl, which supports replacing malloc (src/malloc/replaced.c):
 * glibc and uClibc have internal allocations (memalign among them) that
 * must meet their own free. Weak, so that a C library member defining
 * them anyway wins instead of clashing. Not thread-safe: cella has one
 * thread per process (fork, never pthread_create). */
#include "libc.h"
#if REPLACE_LIBC

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#define ALIGN 16
#define ARENA (64 * 1024)
#define MAPPED 1 /* low bit of size: a mapping of its own */

/* A block: this header, then the caller's bytes. size counts both. */
struct blk {
	size_t size;
	struct blk *next; /* free blocks only; over the caller's bytes otherwise */
};
#define HDR ALIGN /* sizeof(size) rounded up, keeping the bytes aligned */

static struct blk *free_list;
static char *bump, *bump_end; /* the unused rest of the newest arena */

static void *map(size_t n)
{
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

/* Into the list, in address order; merged with an adjacent neighbour. */
static void release(struct blk *b)
{
	struct blk **pp = &free_list, *prev = NULL;

	while (*pp && *pp < b) {
		prev = *pp;
		pp = &(*pp)->next;
	}
	b->next = *pp;
	*pp = b;
	if (b->next && (char *)b + b->size == (char *)b->next) {
		b->size += b->next->size;
		b->next = b->next->next;
	}
	if (prev && (char *)prev + prev->size == (char *)b) {
		prev->size += b->size;
		prev->next = b->next;
	}
}

__attribute__((weak)) void *malloc(size_t n)
{
	size_t size;
	struct blk *b, **pp;

	if (n > SIZE_MAX / 2) {
		errno = ENOMEM;
		return NULL;
	}
	size = (n + HDR + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (size > ARENA / 2) {
		size = (size + 4095) & ~(size_t)4095;
		if (!(b = map(size))) {
			errno = ENOMEM;
			return NULL;
		}
		b->size = size | MAPPED;
		return (char *)b + HDR;
	}
	for (pp = &free_list; (b = *pp); pp = &b->next) {
		if (b->size < size)
			continue;
		if (b->size - size >= 2 * HDR) { /* split: the rest stays free */
			struct blk *rest = (struct blk *)((char *)b + size);
			rest->size = b->size - size;
			rest->next = b->next;
			*pp = rest;
			b->size = size;
		} else {
			*pp = b->next;
		}
		return (char *)b + HDR;
	}
	if ((size_t)(bump_end - bump) < size) {
		char *a = map(ARENA);
		if (!a) {
			errno = ENOMEM;
			return NULL;
		}
		if (bump_end - bump >= 2 * HDR) { /* the old arena's rest */
			b = (struct blk *)bump;
			b->size = bump_end - bump;
			release(b);
		}
		bump = a;
		bump_end = a + ARENA;
	}
	b = (struct blk *)bump;
	b->size = size;
	bump += size;
	return (char *)b + HDR;
}

__attribute__((weak)) void free(void *p)
{
	struct blk *b;

	if (!p)
		return;
	b = (struct blk *)((char *)p - HDR);
	if (b->size & MAPPED) {
		munmap(b, b->size & ~(size_t)MAPPED);
		return;
	}
	/* The newest block of the arena: back to the unused rest. */
	if ((char *)b + b->size == bump) {
		bump = (char *)b;
		return;
	}
	release(b);
}

__attribute__((weak)) void *realloc(void *p, size_t n)
{
	struct blk *b;
	size_t have;
	void *q;

	if (!p)
		return malloc(n);
	b = (struct blk *)((char *)p - HDR);
	have = (b->size & ~(size_t)MAPPED) - HDR;
	if (n <= have)
		return p;
	/* The newest block grows into the arena's rest in place. */
	if (!(b->size & MAPPED) && (char *)b + b->size == bump && n <= SIZE_MAX / 2) {
		size_t size = (n + HDR + ALIGN - 1) & ~(size_t)(ALIGN - 1);
		if (size <= (size_t)(bump_end - (char *)b)) {
			b->size = size;
			bump = (char *)b + size;
			return p;
		}
	}
	if (!(q = malloc(n)))
		return NULL;
	memcpy(q, p, have);
	free(p);
	return q;
}

__attribute__((weak)) void *calloc(size_t n, size_t m)
{
	void *p;

	if (m && n > SIZE_MAX / m) {
		errno = ENOMEM;
		return NULL;
	}
	if ((p = malloc(n * m)))
		memset(p, 0, n * m);
	return p;
}

#endif
