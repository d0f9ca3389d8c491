/* SPDX-License-Identifier: GPL-2.0-only */
/* crunwrap: run a command in a private mount namespace where the empty
 * cgroup2 mount of a hybrid cgroup host (/sys/fs/cgroup/unified) is gone;
 * crun refuses to run while it is there.  An argument "@id" becomes
 * "id-PID", a container id unique to this run.  Where there is no such
 * mount nothing is unmounted.  Usage: crunwrap PROGRAM [ARG...]
 * A static stand-in for `unshare -m sh -c 'umount ...; exec crun ...'`,
 * whose own cost (several dynamically linked execs) would swamp crun's. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

static void die(const char *what) { perror(what); exit(125); }

int main(int argc, char **argv)
{
	char id[32];

	if (argc < 2) { fprintf(stderr, "usage: crunwrap PROGRAM [ARG...]\n"); return 125; }
	if (unshare(CLONE_NEWNS) < 0) die("unshare");
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) die("make / private");
	if (umount2("/sys/fs/cgroup/unified", MNT_DETACH) < 0 && errno != EINVAL && errno != ENOENT)
		die("umount /sys/fs/cgroup/unified");
	snprintf(id, sizeof id, "id-%d", (int)getpid());
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "@id") == 0)
			argv[i] = id;
	execvp(argv[1], argv + 1);
	die(argv[1]);
}
