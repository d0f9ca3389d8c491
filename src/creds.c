/* SPDX-License-Identifier: GPL-2.0-only */
/* creds.c - user and group lookup in the container's files, and the switch. */
#include "creds.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "fileio.h"
#include "log.h"
#include "sys.h"
#include "value.h"

/* Field I (0-based) of a colon-separated line into out. */
static bool field(const char *line, int i, char *out, size_t len)
{
	for (; i > 0; i--) {
		line += strcspn(line, ":\n");
		if (*line != ':')
			return false; /* the line ends first */
		line++;
	}
	size_t n = strcspn(line, ":\n");
	if (n >= len)
		return false;
	memcpy(out, line, n);
	out[n] = 0;
	return true;
}

static bool numeric(const char *s, unsigned long *v)
{
	long n;
	if (parse_long(s, 0, 0x7fffffffL, &n) < 0)
		return false;
	*v = (unsigned long)n;
	return true;
}

/* Each line of TEXT in turn. */
#define EACH_LINE(text, line) \
	for (const char *line = (text); line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)

/* The first line of TEXT (passwd or group) with NIDS numeric ids from
 * field 2 on (into ID) that names NAME in field 0 or, when NAME is a
 * number, has it as its id; NULL when there is none. */
static const char *find(const char *text, const char *name, unsigned long *id, int nids)
{
	unsigned long want;
	bool by_id = numeric(name, &want);
	char f[256];

	EACH_LINE(text, line) {
		int i = 0;
		while (i < nids && field(line, 2 + i, f, sizeof(f)) && numeric(f, &id[i]))
			i++;
		if (i == nids && (by_id ? id[0] == want : field(line, 0, f, sizeof(f)) && !strcmp(f, name)))
			return line;
	}
	return NULL;
}

int creds_find_user(const char *passwd, const char *name, uid_t *uid, gid_t *gid,
		    char *home, size_t homelen)
{
	unsigned long id[2];
	const char *line = find(passwd, name, id, 2);

	if (!line)
		return -ENOENT;
	*uid = (uid_t)id[0];
	*gid = (gid_t)id[1];
	if (!field(line, 5, home, homelen))
		snprintf(home, homelen, "/");
	return 0;
}

/* A number need not be in /etc/group. */
int creds_find_group(const char *group, const char *name, gid_t *gid)
{
	unsigned long g;

	if (!numeric(name, &g) && !find(group, name, &g, 1))
		return -ENOENT;
	*gid = (gid_t)g;
	return 0;
}

/* A file of the container's /etc: its text, "" when it does not exist;
 * NULL, logged, when it cannot be read (a FIFO, a device, a huge file). */
static char *read_etc(const char *path, const char *user)
{
	char *s = read_regular_file(path, 1 << 20, NULL);
	if (s)
		return s;
	if (errno == ENOENT)
		return strdup("");
	log_error("process.user %s: %s: %s", user, path, read_error(errno));
	return NULL;
}

int creds_resolve(const char *user, char *const *groups, struct creds *out)
{
	const char *u = user ? user : "0";
	char name[256], *colon, *passwd = read_etc("/etc/passwd", u), *group = NULL;
	unsigned long n;
	int r = -ENOENT;

	memset(out, 0, sizeof(*out));
	out->home[0] = '/';
	snprintf(name, sizeof(name), "%s", u);
	if ((colon = strchr(name, ':')))
		*colon++ = 0;
	/* /etc/group only when a group is named. */
	if (passwd)
		group = colon || groups ? read_etc("/etc/group", u) : strdup("");
	if (!passwd || !group) {
		r = -EIO;
		goto out;
	}
	if (creds_find_user(passwd, name, &out->uid, &out->gid, out->home, sizeof(out->home)) < 0) {
		/* A number need not be in passwd (as in every container tool):
		 * the group is then the one given, or 0. */
		if (!numeric(name, &n)) {
			log_error("process.user %s: no such user in /etc/passwd", name);
			goto out;
		}
		out->uid = (uid_t)n;
	}
	if (colon && creds_find_group(group, colon, &out->gid) < 0) {
		log_error("process.user %s: no such group '%s' in /etc/group", u, colon);
		goto out;
	}
	for (char *const *g = groups; g && *g; g++) {
		if (out->ngroups == CREDS_MAX_GROUPS) {
			log_error("process.groups: more than %d groups", CREDS_MAX_GROUPS);
			r = -E2BIG;
			goto out;
		}
		if (creds_find_group(group, *g, &out->groups[out->ngroups++]) < 0) {
			log_error("process.groups: no such group '%s' in /etc/group", *g);
			goto out;
		}
	}
	r = 0;
out:
	free(passwd);
	free(group);
	return r;
}

int creds_apply(const struct creds *c)
{
	const char *step = "setgroups";

	/* Keep the permitted set across the uid change; caps_apply then sets
	 * exactly the kept capabilities (and clears the rest). */
	if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
		step = "keepcaps";
	else if (sys_setgroups(c->ngroups, c->groups) < 0)
		step = "setgroups";
	else if (sys_setresgid(c->gid) < 0)
		step = "setgid";
	else if (sys_setresuid(c->uid) < 0)
		step = "setuid";
	else
		return 0;
	int e = errno;
	log_error("%s to %u:%u: %s", step, (unsigned)c->uid, (unsigned)c->gid, strerror(e));
	return -e;
}
