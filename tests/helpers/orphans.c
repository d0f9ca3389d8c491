/* SPDX-License-Identifier: GPL-2.0-only */
/* orphans N [--count]: makes N orphans (double fork) that exit shortly after
 * their parent, so they are reparented to the reaper (PID 1 of the pid
 * namespace, or the nearest subreaper) and must be reaped by it. Prints
 * "orphans: N" once all intermediate children are gone; with --count, waits
 * a second and prints "zombies: K", the processes named "orphans" that are
 * zombies, and "reaper: parent|self|other", which process adopted the first
 * orphan (this one's parent, this one, or another). This process reaps only
 * its own direct children.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

static int zombies(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	char path[300], line[256];
	int n = 0;

	if (!d) {
		perror("/proc");
		return -1;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof path, "/proc/%s/status", e->d_name);
		FILE *f = fopen(path, "r");
		if (!f)
			continue;
		int named = 0, zombie = 0;
		while (fgets(line, sizeof line, f)) {
			if (!strncmp(line, "Name:", 5) && strstr(line, "orphans"))
				named = 1;
			if (!strncmp(line, "State:", 6) && strchr(line, 'Z'))
				zombie = 1;
		}
		fclose(f);
		n += named && zombie;
	}
	closedir(d);
	return n;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 100;
	int count = argc > 2 && !strcmp(argv[2], "--count");
	int made = 0, fds[2];

	if (pipe(fds) != 0) {
		perror("pipe");
		return 1;
	}
	for (int i = 0; i < n; i++) {
		pid_t child = fork();
		if (child < 0) {
			perror("fork");
			break;
		}
		if (child == 0) {
			pid_t grandchild = fork();
			if (grandchild == 0) {
				/* outlive the parent, then exit as an orphan;
				 * the first says who adopted it */
				sleep_ms(50);
				if (i == 0) {
					pid_t reaper = getppid();
					if (write(fds[1], &reaper, sizeof reaper) < 0)
						_exit(1);
				}
				_exit(0);
			}
			_exit(grandchild > 0 ? 0 : 1);
		}
		int status;
		if (waitpid(child, &status, 0) == child && WIFEXITED(status) &&
		    WEXITSTATUS(status) == 0)
			made++;
	}
	printf("orphans: %d\n", made);
	fflush(stdout);
	pid_t reaper = 0;
	if (made > 0 && read(fds[0], &reaper, sizeof reaper) != sizeof reaper)
		reaper = 0;
	if (count) {
		sleep_ms(1000);
		printf("zombies: %d\n", zombies());
		printf("reaper: %s\n", reaper == getppid() ? "parent" :
		       reaper == getpid() ? "self" : "other");
	}
	return made == n ? 0 : 1;
}
