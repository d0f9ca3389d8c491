/* SPDX-License-Identifier: GPL-2.0-only */
/* mountinfo.c - /proc/self/mountinfo, read whole and split without sscanf. */
#include "mountinfo.h"

#include <errno.h>
#include <stdbool.h>
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
 * fifth field is the mount point, the first after the "-" that ends the
 * optional fields (from the seventh on) the type. */
int mountinfo_parse_line(char *line, char **mp, char **fstype)
{
	char *p = line, *f;
	bool dash = false;

	for (int i = 0;; i++) {
		bool end;
		f = p;
		p += strcspn(p, " ");
		end = !*p;
		*p++ = 0;
		if (i == 4)
			*mp = f;
		else if (dash)
			break;
		else if (i > 4)
			dash = !strcmp(f, "-");
		if (end)
			return -EINVAL;
	}
	if (!**mp || !*f)
		return -EINVAL;
	unescape(*mp);
	*fstype = f;
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
