/* SPDX-License-Identifier: GPL-2.0-only */
/* log.h - the one error convention and where messages go.
 *
 * Functions return 0 or -errno. The function that knows the cause logs it
 * once with log_error(), naming the path, key or value; callers pass the code
 * up without logging again. Only main and the supervisor decide to exit.
 *
 * Inside the container child (before exec) nothing may reach the terminal
 * directly: log_capture() keeps the first error instead, and the child sends
 * it to the parent over the sync socket, which prints it as the one line. */
#ifndef CELLA_LOG_H
#define CELLA_LOG_H

#include <stdarg.h>

enum log_target { LOG_TO_STDERR, LOG_TO_KMSG, LOG_TO_SYSLOG, LOG_TO_FILE };

/* Parse a supervisor.log value; 0 or -EINVAL. "auto" resolves later. */
int log_parse_target(const char *value);
/* Open the configured target; errors (one-line, to stderr) stay on stderr. */
int log_open(const char *value, int pid1_mode);
/* Name shown after "cella: " on run-time messages (the container's name). */
void log_set_name(const char *name);
/* Capture mode: keep the first error in memory; used by the child. */
void log_capture(void);
const char *log_captured(void);

void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The others are log_error with their priority as the format's first byte
 * (LOG_WARNING, LOG_INFO; LOG_ERR + 8 for no name): one variadic function
 * in the binary. FMT must be a string literal. */
#define log_warn(fmt, ...) log_error("\4" fmt, ##__VA_ARGS__)
#define log_info(fmt, ...) log_error("\6" fmt, ##__VA_ARGS__)
/* Configuration and usage errors: "cella: " + text, no container name. */
#define log_plain(fmt, ...) log_error("\13" fmt, ##__VA_ARGS__)

#endif
