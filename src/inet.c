/* SPDX-License-Identifier: GPL-2.0-only */
/* inet.c - inet_pton, smaller than musl's.
 *
 * keys.c reads the addresses of [network] with it. musl's is 830 bytes,
 * built for speed (-O2, unrolled); this is the same grammar, written for
 * size: IPv4 as four decimal numbers of at most three digits without a
 * leading zero, each up to 255; IPv6 as up to eight groups of one to
 * four hex digits, one "::" for a run of zero groups, and an IPv4 address
 * in place of the last two. tests/unit/test_libc.c compares it with the C
 * library's over every form and a large number of malformed strings. Like
 * open.c, a weak definition for musl builds only. */
#include "libc.h"
#if REPLACE_LIBC

#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>

static int hexval(unsigned c)
{
	if (c - '0' < 10)
		return c - '0';
	c |= 32;
	return c - 'a' < 6 ? (int)(c - 'a' + 10) : -1;
}

static int pton4(const char *s, unsigned char *a)
{
	for (int i = 0; i < 4; i++) {
		int v = 0, j = 0;
		while (j < 3 && (unsigned)(s[j] - '0') < 10)
			v = v * 10 + s[j++] - '0';
		if (!j || (j > 1 && *s == '0') || v > 255)
			return 0;
		a[i] = v;
		s += j;
		if (*s++ != (i == 3 ? 0 : '.'))
			return 0;
	}
	return 1;
}

/* pton6: the groups in g as they come, "::" as one zero group at brk,
 * then spread to eight with the missing zeros after brk. */
static int pton6(const char *s, unsigned char *a)
{
	uint16_t g[8];
	int i, brk = -1, v4 = 0;

	if (*s == ':' && *++s != ':')
		return 0;
	for (i = 0;; i++) {
		if (*s == ':' && brk < 0) {
			brk = i;
			g[i & 7] = 0;
			if (!*++s)
				break;
			if (i == 7)
				return 0;
			continue;
		}
		int v = 0, j = 0, d;
		while (j < 4 && (d = hexval(s[j])) >= 0)
			v = v * 16 + d, j++;
		if (!j)
			return 0;
		g[i & 7] = v;
		if (!s[j] && (brk >= 0 || i == 7))
			break;
		if (i == 7)
			return 0;
		if (s[j] != ':') {
			/* The dotted tail takes groups i and i + 1. */
			if (s[j] != '.' || (i < 6 && brk < 0))
				return 0;
			v4 = 1;
			g[++i & 7] = 0;
			break;
		}
		s += j + 1;
	}
	for (int k = 0, m = 0; k < 8; k++) {
		unsigned v = brk >= 0 && k > brk && k <= brk + 7 - i ? 0 : g[m++];
		a[2 * k] = v >> 8;
		a[2 * k + 1] = v;
	}
	return v4 ? pton4(s, a + 12) : 1;
}

__attribute__((weak)) int inet_pton(int af, const char *restrict s, void *restrict a)
{
	if (af == AF_INET)
		return pton4(s, a);
	if (af == AF_INET6)
		return pton6(s, a);
	errno = EAFNOSUPPORT;
	return -1;
}

#endif
