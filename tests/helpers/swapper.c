/* SPDX-License-Identifier: GPL-2.0-only */
/* swapper: what another container sharing the root filesystem can do while
 * cella sets a container up: exchange a directory and a symlink, again and
 * again (renameat2 RENAME_EXCHANGE), until killed.
 *
 * usage: swapper DIR SYMLINK */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: swapper DIR SYMLINK\n");
		return 2;
	}
	for (;;)
		if (syscall(SYS_renameat2, AT_FDCWD, argv[1], AT_FDCWD, argv[2], RENAME_EXCHANGE) < 0) {
			perror("renameat2");
			return 1;
		}
}
