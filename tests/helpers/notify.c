/* SPDX-License-Identifier: GPL-2.0-only */
/* notify: sd_notify(3) in a few lines, for the notify test: sends each
 * argument as one datagram to $NOTIFY_SOCKET, after an optional delay
 * (first argument "-sMS"); "-F" first sends them over and over, for ever,
 * ignoring errors (the flood test). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *path = getenv("NOTIFY_SOCKET");
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd, i = 1, flood = 0;

	if (!path || strlen(path) >= sizeof(sun.sun_path)) {
		fprintf(stderr, "notify: no NOTIFY_SOCKET\n");
		return 1;
	}
	strcpy(sun.sun_path, path);
	if (i < argc && !strncmp(argv[i], "-s", 2))
		usleep(atoi(argv[i++] + 2) * 1000);
	if (i < argc && !strcmp(argv[i], "-F"))
		flood = ++i;
	if ((fd = socket(AF_UNIX, SOCK_DGRAM, 0)) < 0)
		return 1;
	while (flood)
		for (i = flood; i < argc; i++)
			(void)sendto(fd, argv[i], strlen(argv[i]), 0, (struct sockaddr *)&sun, sizeof(sun));
	for (; i < argc; i++)
		if (sendto(fd, argv[i], strlen(argv[i]), 0, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
			perror("notify: sendto");
			return 1;
		}
	return 0;
}
