/* SPDX-License-Identifier: GPL-2.0-only */
/* fileio.h - whole-file reads without stdio (fewer syscalls on the start-up path). */
#ifndef CELLA_FILEIO_H
#define CELLA_FILEIO_H

#include <fcntl.h>
#include <stddef.h>
#include <sys/types.h>

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

/* Write the N bytes of BUF in one write (a /proc, /sys or cgroup setting
 * takes no second) to NAME below DIR_FD (AT_FDCWD: a path), opened
 * write-only and close-on-exec with FLAGS (O_CREAT: with MODE): 0, or
 * -errno with errno set (EIO for a short write; a failed close counts). */
int write_file_at(int dir_fd, const char *name, const void *buf, size_t n, int flags, mode_t mode);
/* The same for the existing file PATH. */
static inline int write_file(const char *path, const char *buf, int n)
{
	return write_file_at(AT_FDCWD, path, buf, (size_t)n, 0, 0);
}

/* In TEXT of "KEY<sep>value" lines (a state file, /proc/PID/status): the
 * value of KEY, leading blanks skipped, copied into buf ("" when absent). */
const char *text_value(const char *text, const char *key, char sep, char *buf, size_t len);

#endif
