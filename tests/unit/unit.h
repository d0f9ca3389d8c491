/* SPDX-License-Identifier: GPL-2.0-only */
/* unit.h - a few macros for the C unit tests; each binary ends with the
 * line "N passed, N failed" and exits non-zero when anything failed. */
#ifndef CELLA_UNIT_H
#define CELLA_UNIT_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int unit_passed, unit_failed;

#define CHECK(cond, ...)                                                   \
	do {                                                               \
		if (cond) {                                                \
			unit_passed++;                                     \
		} else {                                                   \
			unit_failed++;                                     \
			printf("FAIL %s:%d: ", __FILE__, __LINE__);        \
			printf(__VA_ARGS__);                               \
			printf("\n");                                      \
		}                                                          \
	} while (0)

#define CHECK_STR(got, want)                                               \
	do {                                                               \
		const char *g_ = (got), *w_ = (want);                      \
		CHECK(g_ && !strcmp(g_, w_), "%s: got '%s', want '%s'",   \
		      #got, g_ ? g_ : "(null)", w_);                      \
	} while (0)

#define CHECK_INT(got, want)                                               \
	do {                                                               \
		long long g_ = (long long)(got), w_ = (long long)(want);   \
		CHECK(g_ == w_, "%s: got %lld, want %lld", #got, g_, w_); \
	} while (0)

/* Everything written to stderr between the two calls, as one string. */
static int unit_saved_fd = -1;
static FILE *unit_tmp;
static char unit_err[4096];

static inline void stderr_begin(void)
{
	fflush(stderr);
	unit_tmp = tmpfile();
	unit_saved_fd = dup(2);
	dup2(fileno(unit_tmp), 2);
}

static inline const char *stderr_end(void)
{
	size_t n;
	fflush(stderr);
	dup2(unit_saved_fd, 2);
	close(unit_saved_fd);
	rewind(unit_tmp);
	n = fread(unit_err, 1, sizeof(unit_err) - 1, unit_tmp);
	unit_err[n] = 0;
	fclose(unit_tmp);
	return unit_err;
}

static inline int unit_report(void)
{
	printf("%d passed, %d failed\n", unit_passed, unit_failed);
	return unit_failed ? 1 : 0;
}

#endif
