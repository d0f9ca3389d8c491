/* SPDX-License-Identifier: GPL-2.0-only */
/* value.h - parsers for the value kinds of the INI file; pure, no side effects.
 * Each returns 0 or -EINVAL (-ERANGE for numbers out of range); *why, when
 * given, points at a short static reason for the error message. */
#ifndef CELLA_VALUE_H
#define CELLA_VALUE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/resource.h>

#define SIZE_MAX_VALUE UINT64_MAX /* "max" */

/* The index of W in WORDS ("a\0b\0...\0"), or -1. */
int word_index(const char *words, const char *w);
int parse_bool(const char *s, bool *out);
int parse_size(const char *s, uint64_t *out);
/* Durations: 500ms, 10s, 2m, 1h; a bare number is seconds. */
int parse_duration_ms(const char *s, long long *out);
int parse_long(const char *s, long min, long max, long *out);
int parse_octal_mode(const char *s, unsigned *out);
/* Signal names with or without SIG (TERM, SIGTERM, term) or numbers. */
int parse_signal(const char *s);
const char *signal_name(int sig);
/* "N", "SOFT:HARD", "infinity" (also for either half). */
int parse_rlimit(const char *s, struct rlimit *out);
/* Index of an rlimit name (as, core, ...) or -1. */
int rlimit_resource(const char *name);
/* A capability name: net_bind_service, CAP_NET_BIND_SERVICE; the number or -1. */
int parse_capability(const char *s);

/* Split like a shell splits words: single quotes, double quotes (with \" \\
 * \$ \` escapes), backslash; no expansion. Returns a NULL-terminated malloc'd
 * vector (free with free_words) or NULL with *why set. */
char **split_words(const char *s, const char **why);
void free_words(char **v);
int count_words(char *const *v);

/* A container name: [A-Za-z0-9_.-], 1..64 characters, not "." or "..". */
bool valid_name(const char *s);

#endif
