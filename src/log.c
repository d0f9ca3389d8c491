/* SPDX-License-Identifier: GPL-2.0-only */
/* log.c - message formatting and the log targets (stderr, kmsg, syslog, file). */
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <syslog.h>
#include <unistd.h>

static int target = LOG_TO_STDERR;
static int target_fd = -1;
static const char *cname;
static int capturing;
static char captured[512];

/* The index of V in "auto", "stderr", "kmsg", "syslog" (1 + its enum
 * log_target), 4 for anything else (a file). */
static int target_kind(const char *v)
{
	static const char names[] = "auto\0stderr\0kmsg\0syslog\0";
	int k = 0;
	for (const char *p = names; *p; p += strlen(p) + 1, k++)
		if (!strcmp(v, p))
			break;
	return k;
}

int log_parse_target(const char *v)
{
	/* Anything else is a file; it must be an absolute path so that the
	 * meaning does not depend on where cella was started from. */
	return target_kind(v) < 4 || v[0] == '/' ? 0 : -EINVAL;
}

int log_open(const char *v, int pid1_mode)
{
	/* A sockaddr_un as long as its path: connect takes the length. */
	static const struct { sa_family_t family; char path[9]; } sun = { AF_UNIX, "/dev/log" };
	int k = target_kind(v ? v : "auto");

	if (k == 0) {
		k = pid1_mode ? 1 + LOG_TO_KMSG : 1 + LOG_TO_STDERR;
		v = pid1_mode ? "kmsg" : "stderr";
	}
	target = k - 1;
	if (target == LOG_TO_STDERR)
		return 0;
	if (target == LOG_TO_SYSLOG) {
		target_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (target_fd >= 0 &&
		    connect(target_fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
			close(target_fd);
			target_fd = -1;
		}
	} else {
		target_fd = target == LOG_TO_KMSG ? open("/dev/kmsg", O_WRONLY | O_CLOEXEC | O_NOCTTY)
			: open(v, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0640);
	}
	if (target_fd < 0) {
		int e = errno;
		target = LOG_TO_STDERR;
		log_plain("log %s: %s", v, strerror(e));
		return -e;
	}
	return 0;
}

void log_set_name(const char *name) { cname = name; }
void log_capture(void) { capturing = 1; captured[0] = 0; }
const char *log_captured(void) { return captured; }

/* A format's first byte below 16 is its syslog priority (log.h), with
 * UNNAMED for a line without the container's name; else LOG_ERR. One
 * buffer: "<N>" (only kmsg and syslog get it), then "cella: NAME: ", the
 * message and its newline. */
#define UNNAMED 8
void log_error(const char *fmt, ...)
{
	char line[640];
	int saved = errno, prio = LOG_ERR, h, n, m;
	va_list ap;

	if ((unsigned char)*fmt < 16)
		prio = *fmt++;
	/* "<N>" is 3 bytes for kmsg (facility 0) and 4 for syslog's daemon */
	h = target == LOG_TO_KMSG ? 3 : 4;
	n = snprintf(line, 96, !(prio & UNNAMED) && cname ? "<%d>cella: %s: " : "<%d>cella: ",
		     (h == 3 ? 0 : LOG_DAEMON) | (prio & 7), cname);
	va_start(ap, fmt);
	m = vsnprintf(line + n, 512, fmt, ap);
	va_end(ap);
	if ((unsigned)m > 511)
		m = 511;
	prio &= 7;
	if (capturing && prio <= LOG_ERR) {
		if (!captured[0])
			memcpy(captured, line + n, m + 1);
		goto out;
	}
	n += m;
	line[n++] = '\n';
	/* Errors always reach stderr: the contract is one line there. */
	if (target == LOG_TO_STDERR || prio <= LOG_ERR)
		(void)!write(2, line + h, n - h);
	if (target != LOG_TO_STDERR && target_fd >= 0)
		(void)!write(target_fd, line + (target == LOG_TO_FILE ? h : 0), n - (target == LOG_TO_FILE ? h : 0));
out:
	errno = saved;
}
