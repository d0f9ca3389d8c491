/* SPDX-License-Identifier: GPL-2.0-only */
/* procstat.h - the few fields of /proc/PID/stat that cella needs. */
#ifndef CELLA_PROCSTAT_H
#define CELLA_PROCSTAT_H

#include <sys/types.h>

struct procstat {
	char state;                    /* R, S, Z, ... */
	pid_t ppid;
	unsigned long long starttime;  /* clock ticks after boot: with the
	                                * pid, what names one process */
};

/* Parse the text of /proc/PID/stat. The comm field may hold any bytes,
 * spaces and parentheses included, so the fields are counted from the last
 * ')'. 0, or -EINVAL. */
int procstat_parse(const char *text, struct procstat *out);
/* Read and parse /proc/PID/stat: 0, or -errno (-ENOENT: no such process). */
int procstat_read(pid_t pid, struct procstat *out);

#endif
