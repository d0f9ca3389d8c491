/* SPDX-License-Identifier: GPL-2.0-only */
/* accept3: the socket-activated side of the listen-fds test. Prints
 * LISTEN_FDS, LISTEN_PID against its own pid, and LISTEN_FDNAMES, then
 * accepts one connection on fd 3 and prints the line it reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
	const char *n = getenv("LISTEN_FDS"), *pid = getenv("LISTEN_PID"), *names = getenv("LISTEN_FDNAMES");
	char line[256];
	ssize_t r;
	int c;

	printf("fds=%s pid=%s self=%s names=%s\n", n ? n : "-",
	       pid && atoi(pid) == getpid() ? "matches" : pid ? pid : "-",
	       pid && atoi(pid) == getpid() ? "yes" : "no", names ? names : "-");
	fflush(stdout);
	if ((c = accept(3, NULL, NULL)) < 0) {
		perror("accept on fd 3");
		return 1;
	}
	r = read(c, line, sizeof(line) - 1);
	line[r > 0 ? r : 0] = 0;
	printf("got: %s", line);
	return 0;
}
