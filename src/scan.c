/* SPDX-License-Identifier: GPL-2.0-only */
/* scan.c - sscanf for integers and strings only, and strtol and its kin.
 *
 * cella parses its numbers itself (value.c, strtoul); the one sscanf left
 * in the static link is libcap-ng's, reading "CapBnd:  %08x%08x" from
 * /proc/PID/status. musl's sscanf would bring vfscanf and its float parser
 * (floatscan, long double arithmetic): 11 KB for two hex numbers. Like
 * fmt.c this is a weak definition that only stands in for the C library's
 * member in the static link; the unit, sanitizer and fuzz builds do not
 * link it.
 *
 * Format: white space (any amount, also none), literal characters, %% and
 * %[*][WIDTH][hh|h|l|ll|z|j|t]CONV with CONV one of d i u x X o (through
 * strtoll/strtoull, so with their prefixes and signs), s, c and n. Returns
 * the number of assignments, or EOF when the input ends before the first.
 *
 * strtol, strtoul, strtoll and strtoull: musl's go through its FILE-based
 * integer scanner (intscan, shgetc: 2.5 KB); these read the string, and
 * atoi and atoll call them. */
/* Only with musl (or under test): another C library's own callers stay
 * with its own. */
#include "libc.h"
#if REPLACE_LIBC || defined(CELLA_LIBC_TEST)
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* skip_space: past isspace()'s characters (one copy of its inline code). */
static __attribute__((noinline)) const char *skip_space(const char *p)
{
	while (isspace((unsigned char)*p))
		p++;
	return p;
}

/* An integer in BASE (0: by its prefix) whose magnitude may be LIM, or
 * LIM + 1 when negative and SIGNED. Beyond: ERANGE and that limit. */
static unsigned long long num(const char *s, char **end, int base, unsigned long long lim, int sgn)
{
	const char *p = skip_space(s);
	unsigned long long v = 0, cap;
	int neg = 0, any = 0, over = 0;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 32) == 'x' && isxdigit((unsigned char)p[2])) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}
	if (base < 2 || base > 36) {
		errno = EINVAL;
		if (end)
			*end = (char *)s;
		return 0;
	}
	cap = sgn && neg ? lim + 1 : lim;
	for (;; p++) {
		unsigned c = (unsigned char)*p, d = c - '0' < 10 ? c - '0' : (c | 32) - 'a' < 26 ? (c | 32) - 'a' + 10 : 99;
		if (d >= (unsigned)base)
			break;
		any = 1;
		if (v > (cap - d) / base)
			over = 1;
		else
			v = v * base + d;
	}
	if (end)
		*end = (char *)(any ? p : s);
	if (!any) {
		errno = EINVAL; /* as musl's (POSIX allows it; glibc leaves errno) */
		return 0;
	}
	if (over) {
		errno = ERANGE;
		return sgn && neg ? -cap : cap;
	}
	return neg ? -v : v;
}

__attribute__((weak)) unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
	return num(s, end, base, ULLONG_MAX, 0);
}

__attribute__((weak)) long long strtoll(const char *restrict s, char **restrict end, int base)
{
	return (long long)num(s, end, base, LLONG_MAX, 1);
}

__attribute__((weak)) unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	return (unsigned long)num(s, end, base, ULONG_MAX, 0);
}

__attribute__((weak)) long strtol(const char *restrict s, char **restrict end, int base)
{
	return (long)num(s, end, base, LONG_MAX, 1);
}

/* musl's atoi and atoll have parsers of their own (170 bytes each); the
 * standard defines them as these (less errno, which no caller reads). */
__attribute__((weak)) int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

__attribute__((weak)) long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}

static void store(void *p, int lng, uintmax_t v)
{
	switch (lng) {
	case -2: *(unsigned char *)p = (unsigned char)v; break;
	case -1: *(unsigned short *)p = (unsigned short)v; break;
	case 1: *(unsigned long *)p = (unsigned long)v; break;
	case 2: *(unsigned long long *)p = v; break;
	case 3: *(size_t *)p = (size_t)v; break;
	case 4: *(uintmax_t *)p = v; break;
	default: *(unsigned *)p = (unsigned)v;
	}
}

__attribute__((weak)) int vsscanf(const char *restrict s, const char *restrict f, va_list ap)
{
	const char *start = s;
	int n = 0;

	for (; *f; f++) {
		if (isspace((unsigned char)*f)) {
			s = skip_space(s);
			continue;
		}
		if (*f != '%' || f[1] == '%') {
			if (*f == '%')
				f++;
			if (*s != *f)
				break;
			s++;
			continue;
		}
		f++;
		int skip = *f == '*', lng;
		size_t width = 0;
		if (skip)
			f++;
		while (*f >= '0' && *f <= '9')
			width = width * 10 + (size_t)(*f++ - '0');
		lng = libc_length((const char **)&f);
		/* Every conversion but %% takes its pointer here, also one
		 * the input then fails: nothing reads the arguments after. */
		void *dst = skip || !*f ? NULL : va_arg(ap, void *);
		if (*f == 'n') {
			if (dst)
				store(dst, lng, (uintmax_t)(s - start));
			continue;
		}
		if (*f != 'c')
			s = skip_space(s);
		if (!*s)
			return n ? n : EOF;

		if (*f == 'c' || *f == 's') {
			size_t len = 0, max = width ? width : *f == 'c' ? 1 : SIZE_MAX;
			while (s[len] && len < max && (*f == 'c' || !isspace((unsigned char)s[len])))
				len++;
			if (*f == 'c' && len < max)
				break;
			if (dst) {
				char *d = dst;
				memcpy(d, s, len);
				if (*f == 's')
					d[len] = 0;
				n++;
			}
			s += len;
			continue;
		}

		int base;
		switch (*f) {
		case 'd': case 'u': base = 10; break;
		case 'i': base = 0; break;
		case 'o': base = 8; break;
		case 'x': case 'X': base = 16; break;
		default: return n; /* not supported */
		}
		char num[64], *end;
		size_t len = strlen(s);
		if (width && width < len)
			len = width;
		if (len >= sizeof(num))
			len = sizeof(num) - 1;
		memcpy(num, s, len);
		num[len] = 0;
		uintmax_t v = *f == 'd' || *f == 'i' ? (uintmax_t)strtoll(num, &end, base)
						      : (uintmax_t)strtoull(num, &end, base);
		if (end == num)
			break;
		s += end - num;
		if (dst) {
			store(dst, lng, v);
			n++;
		}
	}
	return n;
}

__attribute__((weak)) int sscanf(const char *restrict s, const char *restrict f, ...)
{
	va_list ap;
	int n;

	va_start(ap, f);
	n = vsscanf(s, f, ap);
	va_end(ap);
	return n;
}

#endif
