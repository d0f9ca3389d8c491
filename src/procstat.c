/* SPDX-License-Identifier: GPL-2.0-only */
/* procstat.c - /proc/PID/stat without stdio or sscanf. */
#include "procstat.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Field 4 is ppid, field 22 starttime (1-based, as proc(5) counts). */
int procstat_parse(const char *text, struct procstat *out)
{
	const char *p = strrchr(text, ')');
	unsigned long long v = 0;
	char *end;

	/* After ")": " S ppid pgrp ... " — field 3 is the state letter. */
	if (!p || p[1] != ' ' || !p[2] || p[3] != ' ')
		return -EINVAL;
	out->state = p[2];
	p += 4;
	/* Fields 4 to 22: numbers (some may be negative), one space after
	 * each but the last. */
	for (int i = 4; i <= 22; i++, p = end + 1) {
		const char *s = p + (*p == '-');
		if (*s < '0' || *s > '9')
			return -EINVAL;
		v = strtoull(s, &end, 10);
		if (i == 4) {
			if (v > 0x7fffffff)
				return -EINVAL;
			out->ppid = (pid_t)v;
		}
		if (*end != ' ' && (i < 22 || (*end != '\n' && *end)))
			return -EINVAL;
	}
	out->starttime = v;
	return 0;
}

int procstat_read(pid_t pid, struct procstat *out)
{
	char path[32], buf[1024];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return n < 0 ? -errno : -ENOENT;
	buf[n] = 0;
	return procstat_parse(buf, out);
}
