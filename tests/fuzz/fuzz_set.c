/* SPDX-License-Identifier: GPL-2.0-only */
/* fuzz_set.c - the command line's share of the configuration:
 * config_parse_string() with struct config_overrides from the input.
 *
 * Input: NUL-separated pieces. The first is the INI text; each further one
 * is a --set SECTION.KEY=VALUE argument, except "--name X", "--pid-file X"
 * and "-- ARG" (an argument after --, replacing process.exec). Arguments
 * may hold newlines, as argv strings can. */
#include <stdbool.h>

#include "config.h"
#include "fuzz.h"
#include "log.h"
#include "value.h"

#define MAX_PIECES 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_cstr(data, size), *text = buf;
	char *sets[MAX_PIECES], *args[MAX_PIECES + 1];
	struct config_overrides o = { .sets = sets };
	struct config c;
	int nargs = 0;

	for (char *p = buf + strlen(buf); p < buf + size && o.nsets < MAX_PIECES;) {
		char *piece = ++p;
		p += strlen(p);
		if (!strncmp(piece, "--name ", 7))
			o.name = piece + 7;
		else if (!strncmp(piece, "--pid-file ", 11))
			o.pid_file = piece + 11;
		else if (!strncmp(piece, "-- ", 3) && nargs < MAX_PIECES)
			args[nargs++] = piece + 3;
		else
			sets[o.nsets++] = piece;
	}
	args[nargs] = NULL;
	if (nargs)
		o.args = args;

	log_capture();
	if (config_parse_string(&c, "/etc/cella/fuzz.ini", text, &o) == 0) {
		FUZZ_ASSERT(c.name && valid_name(c.name));
		FUZZ_ASSERT(c.exec && c.exec[0]);
		FUZZ_ASSERT(!nargs || !strcmp(c.exec[0], args[0]));
		FUZZ_ASSERT(!o.pid_file || (c.pid_file && !strcmp(c.pid_file, o.pid_file)));
		FUZZ_ASSERT(!o.name || !strcmp(c.name, o.name));
		for (int i = 0; i < c.nmounts; i++)
			FUZZ_ASSERT(c.mounts[i].target && c.mounts[i].target[0] == '/');
	}
	config_free(&c);
	free(buf);
	return 0;
}
