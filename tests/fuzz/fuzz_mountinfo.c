/* SPDX-License-Identifier: GPL-2.0-only */
/* fuzz_mountinfo.c - mountinfo_parse_line() on /proc/self/mountinfo, whose
 * mount points a container names (directories it creates and mounts on).
 * The input is a whole file, split into lines as mountinfo_each() does. */
#include "fuzz.h"
#include "mountinfo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_cstr(data, size), *save = NULL;

	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *end = line + strlen(line), *mp = NULL, *fstype = NULL;
		if (mountinfo_parse_line(line, &mp, &fstype) < 0)
			continue;
		/* Both point into the line, the type is one non-empty word. */
		FUZZ_ASSERT(mp >= line && mp < end && fstype >= line && fstype < end);
		FUZZ_ASSERT(*fstype && !strchr(fstype, ' '));
		FUZZ_ASSERT(strlen(mp) <= (size_t)(end - mp));
	}
	free(text);
	return 0;
}
