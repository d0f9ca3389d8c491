/* SPDX-License-Identifier: GPL-2.0-only */
/* keys.h - the key table of the INI file and its setters; used by config.c
 * only, which owns the parse. */
#ifndef CELLA_KEYS_H
#define CELLA_KEYS_H

#include <stdbool.h>

#include "config.h"

/* What a setter sees: where the value came from, for messages. */
struct kctx {
	const char *section, *key;
	int line;          /* where the key is (0: from the command line) */
	const char *why;   /* reason for a bad value */
	char buf[160];     /* room for a formatted reason */
};

enum { K_REPEAT = 1 };

/* One key: its setter (0, or -EINVAL with k->why set), whether it repeats,
 * and whether this build has it (a key whose subsystem is not built is
 * rejected, not silently ignored). */
struct key {
	const char *section, *name;
	int (*set)(struct config *c, const char *v, struct kctx *k);
	int flags;
	int built;
};

#define KEYS_MAX 128
extern const struct key config_keys[];
extern const unsigned config_nkeys;

/* limit-NAME keys, which the table cannot list one by one; NAME known. */
int config_set_limit(struct config *c, const char *res, const char *v, struct kctx *k);
bool config_known_section(const char *s);

#endif
