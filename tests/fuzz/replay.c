/* SPDX-License-Identifier: GPL-2.0-only */
/* replay.c - main() for the fuzz harnesses without a fuzzing engine: feeds
 * each file named (or each regular file in each directory named, in name
 * order) to LLVMFuzzerTestOneInput once. Built with ASan and UBSan by
 * `make check`, which fails on any report, on a non-zero exit, and when the
 * count on the last line ("replayed N inputs") is not the number of files. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int replayed;

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (!f || fseek(f, 0, SEEK_END) < 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		if (f)
			fclose(f);
		return -1;
	}
	/* An exact-size heap copy: ASan sees a read past the input's end. */
	if (!(buf = malloc(n ? (size_t)n : 1)) || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "replay: %s: short read\n", path);
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	/* Named before it runs: a sanitizer report follows the name. */
	printf("  %s (%ld bytes)\n", path, n);
	fflush(stdout);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	replayed++;
	return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int replay_path(const char *path)
{
	struct stat st;
	struct dirent **ents;
	int n, r = 0;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return replay_file(path);
	if ((n = scandir(path, &ents, NULL, by_name)) < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char sub[4096];
		if (ents[i]->d_name[0] != '.') {
			snprintf(sub, sizeof(sub), "%s/%s", path, ents[i]->d_name);
			if (stat(sub, &st) == 0 && S_ISREG(st.st_mode) && replay_file(sub) < 0)
				r = -1;
		}
		free(ents[i]);
	}
	free(ents);
	return r;
}

int main(int argc, char **argv)
{
	int r = 0;

	for (int i = 1; i < argc; i++)
		if (replay_path(argv[i]) < 0)
			r = 1;
	printf("replayed %d inputs\n", replayed);
	return r;
}
