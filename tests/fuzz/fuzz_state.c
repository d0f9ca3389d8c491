/* SPDX-License-Identifier: GPL-2.0-only */
/* fuzz_state.c - the "KEY<sep>value" readers: state_value() and state_pid()
 * on a state file (STATE_DIR/NAME/state, read by the lifecycle commands and
 * `cella exec`), text_value() with ':' on /proc/PID/status of a container
 * process (read by `cella exec`, whose Name: line the workload chooses).
 *
 * The input is the file's text; every key cella asks for is looked up with
 * buffers of several sizes, each an exact-size heap block so that ASan sees
 * a write past it. */
#include <stdbool.h>

#include "fileio.h"
#include "fuzz.h"
#include "state.h"

static const char *const state_keys[] = {
	"name", "state", "pid", "monitor_pid", "config", "started", "restarts",
	"exit_status", "ready",
};
static const char *const status_keys[] = {
	"Uid", "Gid", "Groups", "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb",
	"NoNewPrivs", "Name",
};
static const size_t sizes[] = { 1, 2, 8, 32, 512 };

static void check_value(const char *got, const char *buf, size_t len)
{
	FUZZ_ASSERT(got == buf);
	FUZZ_ASSERT(strlen(buf) < len);
	FUZZ_ASSERT(!strchr(buf, '\n'));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_cstr(data, size);

	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		char *buf = malloc(sizes[s]);
		if (!buf)
			abort();
		for (size_t i = 0; i < sizeof(state_keys) / sizeof(state_keys[0]); i++)
			check_value(state_value(text, state_keys[i], buf, sizes[s]), buf, sizes[s]);
		for (size_t i = 0; i < sizeof(status_keys) / sizeof(status_keys[0]); i++)
			check_value(text_value(text, status_keys[i], ':', buf, sizes[s]), buf, sizes[s]);
		free(buf);
	}
	for (size_t i = 0; i < sizeof(state_keys) / sizeof(state_keys[0]); i++) {
		pid_t pid = state_pid(text, state_keys[i]);
		/* 0 or a pid that kill() takes as one process, never a group. */
		FUZZ_ASSERT(pid >= 0);
	}
	free(text);
	return 0;
}
