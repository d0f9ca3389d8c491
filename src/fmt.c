/* SPDX-License-Identifier: GPL-2.0-only */
/* fmt.c - the printf family, integers and strings only.
 *
 * musl's vfprintf always carries its floating-point formatter (fmt_fp and
 * the long double arithmetic behind it, about 10 KB of a static cella),
 * and cella never prints a float. These definitions take the place of the
 * C library's in the static link (an archive member is only pulled in for
 * a symbol nothing else defines), so every snprintf in cella, inih and
 * libcap-ng comes here. The unit, sanitizer and fuzz builds do not link
 * this file and keep the C library's. They are weak: should the C library
 * pull in its own member anyway (another libc than musl, a static glibc),
 * its definition wins instead of clashing with this one.
 *
 * Conversions: d i u x X o c s p % with the flags - 0 + space #, a width and
 * a precision (both also as *), and the lengths hh h l ll z j t. Anything
 * else (a float above all) prints as itself, which a test would see. The
 * return value is C99's: the length the whole output would have. */
/* Only with musl (or under test): another C library's own callers stay
 * with its own. */
#undef _FORTIFY_SOURCE /* its inline wrappers would clash with these */
#include "libc.h"
#if REPLACE_LIBC || defined(CELLA_LIBC_TEST)
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

struct out {
	char *buf;
	size_t cap; /* bytes buf can take, the final NUL included */
	size_t len; /* bytes the output has, also past cap */
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->len < o->cap) {
		size_t room = o->cap - 1 - o->len;
		memcpy(o->buf + o->len, s, n < room ? n : room);
	}
	o->len += n;
}

static void pad(struct out *o, char c, long n)
{
	while (n-- > 0)
		put(o, &c, 1);
}

/* One field: PREFIX (sign, 0x), ZEROS of precision, BODY; padded to width. */
static void field(struct out *o, const char *prefix, long zeros, const char *body, size_t n,
		  long width, int left, int zero_pad)
{
	size_t pl = strlen(prefix);
	long fill = width - (long)(pl + n) - (zeros > 0 ? zeros : 0);

	if (!left && !zero_pad)
		pad(o, ' ', fill);
	put(o, prefix, pl);
	if (!left && zero_pad)
		pad(o, '0', fill);
	pad(o, '0', zeros);
	put(o, body, n);
	if (left)
		pad(o, ' ', fill);
}

/* libc_length: the length modifier at *F, read past: 0 int, 1 long,
 * 2 long long, 3 size_t/ptrdiff_t, 4 intmax_t, -1 short, -2 char. Also
 * scan.c's. */
int libc_length(const char **f)
{
	int lng = 0;

	for (;; ++*f) {
		if (**f == 'l') lng = lng == 1 ? 2 : 1;
		else if (**f == 'h') lng = lng == -1 ? -2 : -1;
		else if (**f == 'z' || **f == 't') lng = 3;
		else if (**f == 'j') lng = 4;
		else return lng;
	}
}

/* arg: the next argument of length LNG (libc_length's, or 5 for a
 * pointer), sign-extended when SGN, else zero-extended: 64 bits or an int
 * travel alike whatever their type in every ABI cella runs on (pointers,
 * long, size_t). One copy of va_arg's code instead of one at each use. */
static __attribute__((noinline)) uintmax_t arg(va_list *ap, int lng, int sgn)
{
	unsigned v;

	if (lng == 2 || lng == 4 || (lng == 1 && sizeof(long) == 8) ||
	    (lng == 3 && sizeof(size_t) == 8) || (lng == 5 && sizeof(void *) == 8)) {
		unsigned long long w = va_arg(*ap, unsigned long long);
		return sgn ? (uintmax_t)(long long)w : w;
	}
	v = va_arg(*ap, unsigned);
	if (lng == -1)
		return sgn ? (uintmax_t)(short)v : (unsigned short)v;
	if (lng == -2)
		return sgn ? (uintmax_t)(signed char)v : (unsigned char)v;
	return sgn ? (uintmax_t)(int)v : v;
}

/* number: a width or precision, "*" (an int argument) or digits. */
static long number(const char *restrict *f, va_list *ap)
{
	long n = 0;

	if (**f == '*') {
		++*f;
		return (int)arg(ap, 0, 1);
	}
	while (**f >= '0' && **f <= '9')
		n = n * 10 + (*(*f)++ - '0');
	return n;
}

__attribute__((weak)) int vsnprintf(char *restrict buf, size_t cap, const char *restrict f, va_list ap0)
{
	struct out o = { buf, cap, 0 };
	va_list ap;

	va_copy(ap, ap0);
	for (; *f; f++) {
		const char *lit = f;
		while (*f && *f != '%')
			f++;
		put(&o, lit, f - lit);
		if (!*f)
			break;

		const char *spec = f++, *q;
		int fl = 0, lng;
		long width, prec = -1;
		/* fl: the bits of "-0+ #" */
		while (*f && (q = strchr("-0+ #", *f)))
			fl |= 1 << (q - "-0+ #"), f++;
#define LEFT 1
#define ZERO 2
#define PLUS 4
#define SPACE 8
#define ALT 16
		width = number(&f, &ap);
		if (width < 0)
			fl |= LEFT, width = -width;
		if (*f == '.') {
			f++;
			prec = number(&f, &ap);
		}
		lng = libc_length((const char **)&f);

		char num[3 * sizeof(uintmax_t) + 2], *end = num + sizeof(num);
		const char *prefix = "", *p = end;
		size_t n;
		long zeros = 0;
		int c = *f, zero_pad = 0;

		switch (c) {
		case '%':
			put(&o, "%", 1);
			continue;
		case 'c':
			num[0] = (char)arg(&ap, 0, 0);
			p = num;
			n = 1;
			break;
		case 's':
			p = (const char *)(uintptr_t)arg(&ap, 5, 0);
			if (!p)
				p = "(null)";
			n = prec >= 0 ? strnlen(p, prec) : strlen(p);
			break;
		case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': case 'p': {
			int sgn = c == 'd' || c == 'i';
			uintmax_t v = arg(&ap, c == 'p' ? 5 : lng, sgn);
			unsigned base = 10, d;
			if (sgn) {
				prefix = (intmax_t)v < 0 ? "-" : fl & PLUS ? "+" : fl & SPACE ? " " : "";
				if ((intmax_t)v < 0)
					v = -v;
			} else {
				base = c == 'o' ? 8 : c == 'u' ? 10 : 16;
				if (c == 'p')
					prefix = "0x";
				else if (fl & ALT && v && base == 16)
					prefix = c == 'X' ? "0X" : "0x";
			}
			char *q = end;
			while (v) {
				d = v % base;
				*--q = d < 10 ? '0' + d : (c == 'X' ? 'A' - 10 : 'a' - 10) + d;
				v /= base;
			}
			if (q == end && prec != 0)
				*--q = '0';
			p = q;
			n = end - q;
			zeros = prec > (long)n ? prec - (long)n : 0;
			/* %#o: a first digit 0, by the precision or a prefix */
			if (fl & ALT && base == 8 && !zeros && (!n || *p != '0'))
				prefix = "0";
			zero_pad = fl & ZERO && prec < 0;
			break;
		}
		default: /* not supported: show the conversion as written */
			if (!*f)
				f--;
			put(&o, spec, f + 1 - spec);
			continue;
		}
		field(&o, prefix, zeros, p, n, width, fl & LEFT, zero_pad);
	}
	va_end(ap);
	if (cap)
		buf[o.len < cap ? o.len : cap - 1] = 0;
	return o.len > INT32_MAX ? -1 : (int)o.len;
}

__attribute__((weak)) int snprintf(char *restrict buf, size_t cap, const char *restrict f, ...)
{
	va_list ap;
	int n;

	va_start(ap, f);
	n = vsnprintf(buf, cap, f, ap);
	va_end(ap);
	return n;
}

__attribute__((weak)) int vasprintf(char **s, const char *f, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, f, ap2);
	va_end(ap2);
	if (n < 0 || !(*s = malloc((size_t)n + 1)))
		return -1;
	return vsnprintf(*s, (size_t)n + 1, f, ap);
}

__attribute__((weak)) int asprintf(char **s, const char *f, ...)
{
	va_list ap;
	int n;

	va_start(ap, f);
	n = vasprintf(s, f, ap);
	va_end(ap);
	return n;
}

/* Standard output without stdio's FILE and buffer (2 KB of the binary):
 * cella prints a few lines (list, --version, help), each with one write,
 * so that they keep their order with write(1, ...) elsewhere. */
static int out(const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(1, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

__attribute__((weak)) int printf(const char *restrict f, ...)
{
	char small[256], *big = NULL, *s = small;
	va_list ap;
	int n;

	va_start(ap, f);
	n = vsnprintf(small, sizeof(small), f, ap);
	va_end(ap);
	if (n >= (int)sizeof(small)) {
		va_start(ap, f);
		n = vasprintf(&big, f, ap);
		va_end(ap);
		s = big;
	}
	if (n > 0 && out(s, (size_t)n) < 0)
		n = -1;
	free(big);
	return n;
}

/* What the compiler makes of printf("%s\n", s) and printf("text\n"). */
__attribute__((weak)) int puts(const char *s)
{
	struct iovec v[2] = { { (void *)s, strlen(s) }, { "\n", 1 } };
	return writev(1, v, 2) < 0 ? EOF : 0;
}

#endif
