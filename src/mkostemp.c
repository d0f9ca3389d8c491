/* SPDX-License-Identifier: GPL-2.0-only */
/* mkostemp.c - mkostemp without musl's mkostemps and __randname.
 *
 * The pid file's temporary (run.c) is cella's one caller. musl's
 * __randname reads the clock through clock_gettime's vDSO lookup (0.7 KB
 * that clock.c otherwise leaves out) and its mkostemps handles a suffix
 * cella never has. This is the same: six letters of the clock and the
 * pid, O_CREAT|O_EXCL with mode 0600, 100 tries while the name exists,
 * the X's put back on failure. Like open.c, a weak definition for musl
 * builds only. */
#include "libc.h"
#if REPLACE_LIBC

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

__attribute__((weak)) int mkostemp(char *template, int flags)
{
	size_t l = strlen(template);
	char *x = template + l - 6;
	int fd, tries = 100;

	if (l < 6 || memcmp(x, "XXXXXX", 6)) {
		errno = EINVAL;
		return -1;
	}
	do {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		unsigned long r = ts.tv_sec + ts.tv_nsec + getpid() * 65537UL + tries;
		for (int i = 0; i < 6; i++, r >>= 5)
			x[i] = 'A' + (r & 15) + (r & 16) * 2;
		fd = openat(AT_FDCWD, template, (flags & ~O_ACCMODE) | O_RDWR | O_CREAT | O_EXCL,
			    0600);
		if (fd >= 0)
			return fd;
	} while (--tries && errno == EEXIST);
	memcpy(x, "XXXXXX", 6);
	return -1;
}

#endif
