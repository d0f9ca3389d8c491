/* SPDX-License-Identifier: GPL-2.0-only */
/* fuzz_procstat.c - procstat_parse() on the text of /proc/PID/stat, whose
 * comm field (in parentheses) any process may set to any bytes but NUL.
 * procstat_read() reads at most 1023 bytes and NUL-terminates them; the
 * harness gives the parser whatever the input is. */
#include "fuzz.h"
#include "procstat.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_cstr(data, size);
	struct procstat ps;

	if (procstat_parse(text, &ps) == 0) {
		/* A ppid is a pid: kill() and the reaper treat it as one. */
		FUZZ_ASSERT(ps.ppid >= 0);
		FUZZ_ASSERT(ps.state != 0);
	}
	free(text);
	return 0;
}
