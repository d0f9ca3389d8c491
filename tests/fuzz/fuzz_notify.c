/* SPDX-License-Identifier: GPL-2.0-only */
/* fuzz_notify.c - notify_parse() on an sd_notify datagram from the
 * workload (any user in the container may send one). Besides memory
 * safety, the promise that matters: what is passed on to cella's own
 * NOTIFY_SOCKET is only READY=1, MAINPID= with the workload's host pid,
 * and STATUS= lines, so the container cannot speak for cella (no MAINPID of
 * its choosing, no FDSTORE=, no WATCHDOG=).
 *
 * The input is the datagram (notify_watch reads at most 4095 bytes and
 * NUL-terminates them); it is parsed with the real output size and with
 * small ones that cut lines short. */
#include <stdbool.h>

#include "fuzz.h"
#include "notify.h"

#define WORKLOAD 4242
#define DGRAM_MAX 4095

static const size_t outlens[] = { 4200, 1, 9, 17, 32, 100 };

static void check_out(const char *out, size_t o, size_t outlen)
{
	FUZZ_ASSERT(o < outlen);
	FUZZ_ASSERT(strlen(out) == o);
	FUZZ_ASSERT(o == 0 || out[o - 1] == '\n');
	for (const char *l = out; *l; l = strchr(l, '\n') + 1) {
		size_t n = strcspn(l, "\n");
		bool ok = (n == 7 && !strncmp(l, "READY=1", 7)) ||
			  (n == 12 && !strncmp(l, "MAINPID=4242", 12)) ||
			  !strncmp(l, "STATUS=", 7);
		if (!ok)
			fprintf(stderr, "passed on: '%.*s'\n", (int)n, l);
		FUZZ_ASSERT(ok);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len = size < DGRAM_MAX ? size : DGRAM_MAX;
	bool ready;

	for (size_t i = 0; i < sizeof(outlens) / sizeof(outlens[0]); i++) {
		char *buf = fuzz_cstr(data, len), *out = malloc(outlens[i]);
		size_t o;
		if (!out)
			abort();
		o = notify_parse(buf, WORKLOAD, out, outlens[i], &ready);
		check_out(out, o, outlens[i]);
		/* With room for it, READY=1 is always passed on with MAINPID. */
		if (ready && i == 0)
			FUZZ_ASSERT(strstr(out, "READY=1\nMAINPID=4242\n"));
		free(out);
		free(buf);
	}
	/* No room at all: nothing written, nothing returned. */
	{
		char *buf = fuzz_cstr(data, len), out = 'x';
		FUZZ_ASSERT(notify_parse(buf, WORKLOAD, &out, 0, &ready) == 0 && out == 'x' && !ready);
		free(buf);
	}
	return 0;
}
