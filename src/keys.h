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

/* A key's byte of flags: its section's index, and whether it repeats. */
enum { K_SECTION = 0x0f, K_REPEAT = 0x10 };

/* The key table: flags of key I and, for I < config_nset, its setter
 * (keys from config_nset on are of subsystems this build has not: such a
 * key is rejected, not silently ignored). */
#define KEYS_MAX 128
extern const uint8_t config_key_flags[];
extern const unsigned config_nkeys, config_nset;
/* Set key I (< config_nset) from V: 0, or -EINVAL with k->why set. */
int config_key_set(unsigned i, struct config *c, const char *v, struct kctx *k);
/* The index of a section (-1: unknown), of a key of a section (-1; -2:
 * the section is unknown). */
int config_section(const char *s);
int config_key(const char *section, const char *name);

/* limit-NAME keys, which the table cannot list one by one; RES is
 * rlimit_resource(NAME). */
int config_set_limit(struct config *c, int res, const char *v, struct kctx *k);

#endif
