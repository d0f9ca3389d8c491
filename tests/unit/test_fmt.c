/* SPDX-License-Identifier: GPL-2.0-only */
/* test_fmt.c - src/fmt.c (printf family) and src/scan.c (sscanf), compiled
 * here under other names, against the C library's own. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#define CELLA_LIBC_TEST 1
#define vsnprintf cella_vsnprintf
#define snprintf cella_snprintf
#define vasprintf cella_vasprintf
#define asprintf cella_asprintf
#define printf cella_printf
#define vsscanf cella_vsscanf
#define sscanf cella_sscanf
#define strtoull cella_strtoull
#define strtoll cella_strtoll
#define strtoul cella_strtoul
#define strtol cella_strtol
#define atoi cella_atoi
#define atoll cella_atoll
#include "../../src/fmt.c"
#include "../../src/scan.c"
#undef vsnprintf
#undef snprintf
#undef vasprintf
#undef asprintf
#undef printf
#undef vsscanf
#undef sscanf
#undef strtoull
#undef strtoll
#undef strtoul
#undef strtol
#undef atoi
#undef atoll

#include "unit.h"

/* Both formatters, every buffer size from 0 to past the end: the same text,
 * the same return value. */
#define SAME(...)                                                                  \
	do {                                                                       \
		char w[128], g[128];                                               \
		int wn = snprintf(w, sizeof(w), __VA_ARGS__);                      \
		int gn = cella_snprintf(g, sizeof(g), __VA_ARGS__);                \
		CHECK(wn == gn && !strcmp(w, g), "%s: got %d '%s', want %d '%s'",  \
		      #__VA_ARGS__, gn, g, wn, w);                                 \
		for (size_t cap = 0; cap < (size_t)wn + 2 && cap < sizeof(g); cap++) { \
			memset(g, 'Z', sizeof(g));                                 \
			gn = cella_snprintf(cap ? g : NULL, cap, __VA_ARGS__);     \
			CHECK(gn == wn && (!cap || (strlen(g) == (cap - 1 < (size_t)wn ? cap - 1 : (size_t)wn) && \
				!strncmp(g, w, strlen(g)))), "%s in %zu bytes", #__VA_ARGS__, cap); \
		}                                                                  \
	} while (0)

static void test_printf(void)
{
	SAME("plain");
	SAME("%s|%5s|%-5s|%.2s|%.*s|%*s", "abc", "ab", "ab", "abc", 1, "xyz", -4, "q");
	SAME("%d %i %u %ld %lu %lld %llu", -12, 0, 4000000000u, -1L, 99UL, -9223372036854775807LL - 1,
	     18446744073709551615ULL);
	SAME("%02lld|%5d|%-5d|%05d|%+d|% d|%.3d|%8.3d|%-8.3d|%.0d", 7LL, 42, 42, -42, 5, 5, 7, -7, 7, 0);
	SAME("%x %X %#x %#o %o %08x %zu %zd %hhu %hd %jd %td", 255u, 255u, 255u, 8u, 0u, 0xbeefu,
	     (size_t)123, (ssize_t)-3, 300, 70000, (intmax_t)-5, (ptrdiff_t)9);
	SAME("%hhd %hhd %hd %hd %hhx %hx %hho %hhu %hu", -200, 200, -70000, 40000, -1, -1, -1, -1, -1);
	SAME("%lx %#lX %jx %jd %zx %td %lli %#llo", -1L, 0xabcdefUL, (uintmax_t)-1,
	     (intmax_t)-9223372036854775807LL - 1, (size_t)-1, (ptrdiff_t)-7, -5LL, 8LL);
	SAME("%#X|%#x|%#o|%#.0o|%#o|%#.5o|%#.2o|%#5o|%X|%+i|% i", 0u, 0u, 0u, 0u, 8u, 8u, 8u, 8u, 0xABCDEFu, -3, 3);
	SAME("%c%c%-3c|%3c|", 'a', 'b', 'c', 'd');
	SAME("100%% %s", "done");
	SAME("%p", (void *)0x1234);
	SAME("<%d>%s", 30, "cella: x\n");

	char *s = NULL;
	CHECK_INT(cella_asprintf(&s, "%s=%d", "LISTEN_FDS", 3), 12);
	CHECK_STR(s, "LISTEN_FDS=3");
	free(s);
}

static void test_scanf(void)
{
	unsigned a = 0, b = 0;
	unsigned long lo = 0, hi = 0;
	int d = 0, n = 0;
	char w[16] = "";

	/* libcap-ng's line of /proc/PID/status */
	CHECK_INT(cella_sscanf("CapBnd:\t000001ffffffffff\n", "CapBnd:  %08x%08x", &a, &b), 2);
	CHECK(a == 0x1ff && b == 0xffffffff, "CapBnd: %x %x", a, b);
	CHECK_INT(cella_sscanf("12\t34\n", "%lu %lu", &lo, &hi), 2);
	CHECK(lo == 12 && hi == 34, "%lu %lu", lo, hi);
	CHECK_INT(cella_sscanf("-5 word rest", "%d %15s%n", &d, w, &n), 2);
	CHECK(d == -5 && !strcmp(w, "word") && n == 7, "%d '%s' %d", d, w, n);
	CHECK_INT(cella_sscanf("x1", "%d", &d), 0);
	CHECK_INT(cella_sscanf("", "%d", &d), EOF);
	CHECK_INT(cella_sscanf("ab:7", "ab:%*d"), 0);
}

/* Value, end and errno as the C library's, for every base of interest. */
static void test_strto(void)
{
	static const char *in[] = {
		"0", "42", "  -17x", "+9", "0x1f", "0X1F", "0x", "0xg", "017", "08", "-0",
		"18446744073709551615", "18446744073709551616", "-18446744073709551615",
		"9223372036854775807", "9223372036854775808", "-9223372036854775808",
		"-9223372036854775809", "4294967295", "4294967296", "-2147483649", "zz", "",
		"   ", "-", "+x", "1e5", "\t\n 77 ", "ffffffffffffffffff",
	};
	static const int bases[] = { 0, 8, 10, 16, 36 };
	for (unsigned i = 0; i < sizeof(in) / sizeof(in[0]); i++)
		for (unsigned b = 0; b < sizeof(bases) / sizeof(bases[0]); b++) {
			const char *s = in[i];
			char *we, *ge;
			int wer, ger;
#define STRTO(fn, fmt)                                                               \
	do {                                                                         \
		errno = 0;                                                           \
		__typeof__(fn(s, &we, bases[b])) w = fn(s, &we, bases[b]);           \
		wer = errno;                                                         \
		errno = 0;                                                           \
		__typeof__(w) g = cella_##fn(s, &ge, bases[b]);                      \
		ger = errno;                                                         \
		/* no digits: musl says EINVAL, glibc nothing; these say EINVAL */ \
		if (we == s && wer == 0 && ger == EINVAL)                            \
			ger = 0;                                                     \
		CHECK(w == g && we == ge && wer == ger, #fn "('%s', %d): got " fmt " +%d errno %d, want " fmt " +%d errno %d", \
		      s, bases[b], g, (int)(ge - s), ger, w, (int)(we - s), wer); \
	} while (0)
			STRTO(strtoull, "%llu");
			STRTO(strtoll, "%lld");
			STRTO(strtoul, "%lu");
			STRTO(strtol, "%ld");
		}
	/* atoi and atoll: the same where the number fits (beyond, the
	 * behaviour is undefined: musl's wraps, these saturate). */
	for (unsigned i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		long long v;
		errno = 0;
		v = strtoll(in[i], NULL, 10);
		if (errno == ERANGE)
			continue;
		CHECK(atoll(in[i]) == cella_atoll(in[i]), "atoll('%s')", in[i]);
		if (v == (int)v)
			CHECK(atoi(in[i]) == cella_atoi(in[i]), "atoi('%s')", in[i]);
	}
}

int main(void)
{
	test_printf();
	test_scanf();
	test_strto();
	return unit_report();
}
