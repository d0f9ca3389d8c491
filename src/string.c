/* SPDX-License-Identifier: GPL-2.0-only */
/* string.c - the string functions of <string.h> cella uses, one byte at
 * a time.
 *
 * musl's read a word at a time (strlen, strchrnul, memchr) or build a
 * bitmap of the set (strspn, strcspn): fast on long strings, 100 to 240
 * bytes each, 1.9 KB for these (strtok_r and strcasecmp with them). cella's strings are names, paths and
 * lines of a configuration: tens of bytes, where a loop of bytes is as
 * fast. Like open.c, weak definitions for musl builds only. strcpy goes
 * without musl's stpcpy, strchr and getenv (env.c) without its
 * strchrnul, so that their members stay out. The loops must not become
 * calls of the functions they define (GCC sees a memset in a loop of
 * stores): no loop-pattern distribution in this file. */
#include "libc.h"
#if REPLACE_LIBC

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NOPAT __attribute__((weak, optimize("no-tree-loop-distribute-patterns")))

NOPAT size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

NOPAT char *strchrnul(const char *s, int c)
{
	while (*s && *s != (char)c)
		s++;
	return (char *)s;
}

NOPAT char *strchr(const char *s, int c)
{
	s = strchrnul(s, c);
	return *s == (char)c ? (char *)s : NULL;
}

NOPAT void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

NOPAT void *memset(void *d, int c, size_t n)
{
	unsigned char *p = d;

	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

NOPAT char *strcpy(char *restrict d, const char *restrict s)
{
	char *r = d;

	while ((*d++ = *s++))
		;
	return r;
}

/* span: the length of the start of S whose bytes are (IN) or are not in
 * SET. strchr finds the NUL too: it ends the span either way. */
static __attribute__((noinline)) size_t span(const char *s, const char *set, int in)
{
	const char *p = s;

	while (*p && !strchr(set, *p) == !in)
		p++;
	return p - s;
}

NOPAT size_t strspn(const char *s, const char *set)
{
	return span(s, set, 1);
}

NOPAT size_t strcspn(const char *s, const char *set)
{
	return span(s, set, 0);
}

NOPAT int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *l = (const void *)a, *r = (const void *)b;

	if (!n--)
		return 0;
	for (; *l && *r && n && *l == *r; l++, r++, n--)
		;
	return *l - *r;
}

NOPAT int strcmp(const char *a, const char *b)
{
	const unsigned char *l = (const void *)a, *r = (const void *)b;

	for (; *l && *l == *r; l++, r++)
		;
	return *l - *r;
}

NOPAT int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *l = a, *r = b;

	for (; n; n--, l++, r++)
		if (*l != *r)
			return *l - *r;
	return 0;
}

NOPAT size_t strnlen(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i])
		i++;
	return i;
}

NOPAT char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	do
		if (*s == (char)c)
			last = s;
	while (*s++);
	return (char *)last;
}

/* copy: a copy of at most N bytes of S, NUL-terminated. */
static char *copy(const char *s, size_t n)
{
	size_t l = strnlen(s, n);
	char *d = malloc(l + 1);

	if (d) {
		memcpy(d, s, l);
		d[l] = 0;
	}
	return d;
}

NOPAT char *strndup(const char *s, size_t n)
{
	return copy(s, n);
}

NOPAT char *strdup(const char *s)
{
	return copy(s, -1);
}

/* strtok_r: as musl's, over the spans above. */
NOPAT char *strtok_r(char *restrict s, const char *restrict sep, char **restrict p)
{
	if (!s && !(s = *p))
		return NULL;
	s += strspn(s, sep);
	if (!*s)
		return *p = NULL;
	*p = s + strcspn(s, sep);
	if (**p)
		*(*p)++ = 0;
	else
		*p = NULL;
	return s;
}

/* strcasecmp: ASCII, as musl's tolower in its only (C) locale. */
NOPAT int strcasecmp(const char *a, const char *b)
{
	const unsigned char *l = (const void *)a, *r = (const void *)b;

	for (;; l++, r++) {
		int x = (unsigned)*l - 'A' < 26 ? *l | 32 : *l, y = (unsigned)*r - 'A' < 26 ? *r | 32 : *r;
		if (x != y || !x)
			return x - y;
	}
}

#endif
