/* SPDX-License-Identifier: GPL-2.0-only */
/* fileio.h - whole-file reads without stdio (fewer syscalls on the start-up path). */
#ifndef CELLA_FILEIO_H
#define CELLA_FILEIO_H

#include <stddef.h>

/* The contents of PATH as a NUL-terminated malloc'd string (at most MAX
 * bytes are read); NULL with errno set. *len, when given, gets the length. */
char *read_file(const char *path, size_t max, size_t *len);
/* The same for a file of the container's tree, read while privileged: it
 * must be a regular file of at most MAX bytes, not of procfs or sysfs
 * (else EINVAL or EFBIG), and opening it never blocks (a FIFO is refused,
 * not waited on). */
char *read_regular_file(const char *path, size_t max, size_t *len);
/* Why a read_regular_file failed with errno E, for the one line. */
const char *read_error(int e);

/* Write the N bytes of BUF to the existing file PATH (a /proc or /sys
 * setting) in one write: 0, or -errno with errno set. */
int write_file(const char *path, const char *buf, int n);

/* In TEXT of "KEY<sep>value" lines (a state file, /proc/PID/status): the
 * value of KEY, leading blanks skipped, copied into buf ("" when absent). */
const char *text_value(const char *text, const char *key, char sep, char *buf, size_t len);

#endif
