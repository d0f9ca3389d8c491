/* fileio.h - whole-file reads without stdio (fewer syscalls on the start-up path). */
#ifndef CELLA_FILEIO_H
#define CELLA_FILEIO_H

#include <errno.h>
#include <stddef.h>

/* read_file's errno for a path that is neither a regular file nor a
 * directory (Linux has no EFTYPE; none of the calls read_file makes gives
 * this one). */
#define ENOTREG EMEDIUMTYPE

/* The contents of PATH as a NUL-terminated malloc'd string (at most MAX
 * bytes are read); NULL with errno set: EFBIG when there is more, EISDIR
 * or ENOTREG when PATH is not a regular file (a FIFO is never waited on). */
char *read_file(const char *path, size_t max, size_t *len);
/* The reason for read_file's errno E, for messages. */
const char *read_file_strerror(int e);

/* In TEXT of "KEY<sep>value" lines (a state file, /proc/PID/status): the
 * value of KEY, leading blanks skipped, copied into buf ("" when absent). */
const char *text_value(const char *text, const char *key, char sep, char *buf, size_t len);

#endif
