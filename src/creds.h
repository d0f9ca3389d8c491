/* SPDX-License-Identifier: GPL-2.0-only */
/* creds.h - the workload's user and groups, looked up inside the container. */
#ifndef CELLA_CREDS_H
#define CELLA_CREDS_H

#include <sys/types.h>

#define CREDS_MAX_GROUPS 64

struct creds {
	uid_t uid;
	gid_t gid;
	gid_t groups[CREDS_MAX_GROUPS];
	int ngroups;
	char home[256];
};

/* Resolve process.user and process.groups against /etc/passwd and
 * /etc/group as the process sees them (after the root switch). */
int creds_resolve(const char *user, char *const *groups, struct creds *out)
	__attribute__((warn_unused_result));
/* setgroups, setresgid, setresuid, keeping the permitted capabilities
 * (PR_SET_KEEPCAPS) so that caps_apply can set them afterwards. */
int creds_apply(const struct creds *c) __attribute__((warn_unused_result));

/* Pure helpers over the text of passwd/group files (unit-tested).
 * Look NAME (or, when numeric, the uid/gid) up; 0, or -ENOENT. */
int creds_find_user(const char *passwd, const char *name, uid_t *uid, gid_t *gid,
		    char *home, size_t homelen);
int creds_find_group(const char *group, const char *name, gid_t *gid);

#endif
