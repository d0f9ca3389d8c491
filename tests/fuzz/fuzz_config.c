/* SPDX-License-Identifier: GPL-2.0-only */
/* fuzz_config.c - config_parse_string() on arbitrary INI text: the file
 * `cella run` and `cella check` read as root, and PID 1 mode reads from
 * the kernel command line's path. The input is the whole file. */
#include <stdbool.h>

#include "config.h"
#include "fuzz.h"
#include "log.h"
#include "value.h"

/* What the run steps after config_load take for granted. */
static void check_result(const struct config *c)
{
	FUZZ_ASSERT(c->name && valid_name(c->name));
	FUZZ_ASSERT(c->exec && c->exec[0]);
	FUZZ_ASSERT(c->cwd && c->cwd[0] == '/');
	FUZZ_ASSERT(c->umask <= 0777);
	FUZZ_ASSERT(c->restart_max_delay_ms >= c->restart_delay_ms);
	FUZZ_ASSERT(!c->hostname || strlen(c->hostname) <= 64);
	for (int i = 0; i < c->nenv; i++)
		FUZZ_ASSERT(c->env[i] && strchr(c->env[i], '=') && c->env[i][0] != '=');
	FUZZ_ASSERT(!c->env || !c->env[c->nenv]);
	for (int i = 0; i < c->nmounts; i++) {
		const struct mount_conf *m = &c->mounts[i];
		FUZZ_ASSERT(m->target && m->target[0] == '/');
		FUZZ_ASSERT(m->kind != M_BIND || (m->source && m->source[0] == '/'));
	}
	FUZZ_ASSERT(c->ns[NS_MOUNT].enabled || (c->nmounts == 0 && !c->root_path));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;
	char *text;

	/* config_load refuses a file with a NUL byte before parsing. */
	if (memchr(data, 0, size))
		return 0;
	text = fuzz_cstr(data, size);
	log_capture(); /* messages formatted but kept in memory: quiet and fast */
	if (config_parse_string(&c, "/etc/cella/fuzz.ini", text, NULL) == 0)
		check_result(&c);
	config_free(&c);
	free(text);
	return 0;
}
