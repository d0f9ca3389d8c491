/* SPDX-License-Identifier: GPL-2.0-only */
/* mountinfo.c - /proc/self/mountinfo, read whole and split without sscanf. */
#include "mountinfo.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"

/* Undo mountinfo's octal escapes (\040 for a space) in place. */
static void unescape(char *s)
{
	char *d = s;
	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
		    s[3] >= '0' && s[3] <= '7') {
			*d++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 3;
		} else {
			*d++ = *s;
		}
	}
	*d = 0;
}

/* "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw": the
 * fifth field is the mount point, the first after " - " the type. */
int mountinfo_parse_line(char *line, char **mp, char **fstype)
{
	char *sep = line, *p = line, *t;

	/* strchr and strncmp, not strstr: musl's two-way search is 1 KB */
	while ((sep = strchr(sep, ' ')) && strncmp(sep, " - ", 3))
		sep++;
	if (!sep)
		return -EINVAL;
	*sep = 0;
	for (int i = 0; i < 4; i++) {
		if (!(p = strchr(p, ' ')))
			return -EINVAL;
		p++;
	}
	p[strcspn(p, " ")] = 0;
	t = sep + 3;
	t[strcspn(t, " ")] = 0;
	if (!*p || !*t)
		return -EINVAL;
	unescape(p);
	*mp = p;
	*fstype = t;
	return 0;
}

int mountinfo_each(int (*fn)(const char *mp, const char *fstype, void *arg), void *arg)
{
	char *buf = read_file("/proc/self/mountinfo", 16 << 20, NULL), *line, *save = NULL;
	int r = 0;

	if (!buf)
		return -errno;
	for (line = strtok_r(buf, "\n", &save); line && !r; line = strtok_r(NULL, "\n", &save)) {
		char *mp, *fstype;
		if (mountinfo_parse_line(line, &mp, &fstype) == 0)
			r = fn(mp, fstype, arg);
	}
	free(buf);
	return r;
}
