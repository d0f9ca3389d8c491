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

int log_parse_target(const char *v)
{
	if (!strcmp(v, "auto") || !strcmp(v, "stderr") || !strcmp(v, "kmsg") ||
	    !strcmp(v, "syslog"))
		return 0;
	/* Anything else is a file; it must be an absolute path so that the
	 * meaning does not depend on where cella was started from. */
	return v[0] == '/' ? 0 : -EINVAL;
}

int log_open(const char *v, int pid1_mode)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX, .sun_path = "/dev/log" };

	if (!v || !strcmp(v, "auto"))
		v = pid1_mode ? "kmsg" : "stderr";
	if (!strcmp(v, "stderr")) {
		target = LOG_TO_STDERR;
		return 0;
	}
	if (!strcmp(v, "kmsg")) {
		target_fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC | O_NOCTTY);
		target = LOG_TO_KMSG;
	} else if (!strcmp(v, "syslog")) {
		target_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (target_fd >= 0 &&
		    connect(target_fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
			close(target_fd);
			target_fd = -1;
		}
		target = LOG_TO_SYSLOG;
	} else {
		target_fd = open(v, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0640);
		target = LOG_TO_FILE;
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

/* prio: a syslog priority; named: prefix the container's name. */
static void vlog(int prio, int named, const char *fmt, va_list ap)
{
	char msg[512];
	char line[600];
	int n;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (capturing && prio <= LOG_ERR) {
		if (!captured[0])
			snprintf(captured, sizeof(captured), "%s", msg);
		return;
	}
	if (named && cname)
		n = snprintf(line, sizeof(line), "cella: %s: %s\n", cname, msg);
	else
		n = snprintf(line, sizeof(line), "cella: %s\n", msg);
	if (n < 0)
		return;
	if (n >= (int)sizeof(line))
		n = sizeof(line) - 1;

	/* Errors always reach stderr: the contract is one line there. */
	if (target == LOG_TO_STDERR || prio <= LOG_ERR)
		(void)!write(2, line, n);
	if (target == LOG_TO_STDERR || target_fd < 0)
		return;
	if (target == LOG_TO_FILE) {
		(void)!write(target_fd, line, n);
	} else {
		char rec[640];
		int facility = target == LOG_TO_KMSG ? 0 : LOG_DAEMON;
		int m = snprintf(rec, sizeof(rec), "<%d>%s", facility | prio, line);
		if (m > 0)
			(void)!write(target_fd, rec, m < (int)sizeof(rec) ? m : (int)sizeof(rec) - 1);
	}
}

#define LOGFN(fn, prio, named)                      \
	void fn(const char *fmt, ...)               \
	{                                           \
		va_list ap;                         \
		int saved = errno;                  \
		va_start(ap, fmt);                  \
		vlog(prio, named, fmt, ap);         \
		va_end(ap);                         \
		errno = saved;                      \
	}
LOGFN(log_error, LOG_ERR, 1)
LOGFN(log_warn, LOG_WARNING, 1)
LOGFN(log_info, LOG_INFO, 1)
LOGFN(log_plain, LOG_ERR, 0)
