/* SPDX-License-Identifier: GPL-2.0-only */
/* mountinfo.h - /proc/self/mountinfo, line by line. */
#ifndef CELLA_MOUNTINFO_H
#define CELLA_MOUNTINFO_H

/* Split one line of mountinfo in place: *mp gets the mount point (octal
 * escapes such as \040 undone), *fstype the filesystem type. 0, or -EINVAL
 * for a line that is not of that shape (never trusted to be). */
int mountinfo_parse_line(char *line, char **mp, char **fstype);

/* Calls fn(mount_point, fstype, arg) for each line of /proc/self/mountinfo
 * until fn returns non-zero (which is returned). The file is read whole
 * first, since fn may unmount /proc itself. -errno when it cannot be read
 * (not logged: the caller knows what it needed it for). */
int mountinfo_each(int (*fn)(const char *mp, const char *fstype, void *arg), void *arg);

#endif
