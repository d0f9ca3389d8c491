/* SPDX-License-Identifier: GPL-2.0-only */
/* seccomp.h - [seccomp]: the system call filter, generated as classic BPF
 * by cella (no libseccomp) for the architecture it was built for. */
#ifndef CELLA_SECCOMP_H
#define CELLA_SECCOMP_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "subsys.h"

/* A program ready to install: len 0 means no filter. hold: capabilities
 * (CAP_SYS_ADMIN's bit) the process must hold beyond the workload's until
 * seccomp_install drops them: installing without no_new_privs needs it. */
struct seccomp_filter {
	unsigned short len;
	void *insns;          /* struct sock_filter[len], malloc'd */
	uint64_t hold;
};

/* The settings as cella exec reads them from the state directory. */
#define SECCOMP_STATE_FILE "seccomp"

#if HAVE_SECCOMP
/* The default profile, for the unit test: NR | WHEN << 10 of each call the
 * architecture has, then 0; the names of those it lacks ("name\0...\0"). */
extern const uint16_t seccomp_profile[];
extern const char seccomp_profile_absent[];
/* The number of system call NAME on this architecture (>= 0); -1 for a
 * call the default profile lists that this architecture lacks (accepted,
 * absent); -ENOENT for a name that is neither. */
int seccomp_syscall_nr(const char *name);
/* The filter of S for a workload that keeps the capabilities KEEP and has
 * no_new_privs NNP. 0, or -errno logged. */
int seccomp_build(const struct seccomp_conf *s, uint64_t keep, bool nnp, struct seccomp_filter *f);
/* Install F (nothing when its len is 0), then give up f->hold when
 * DROP_HOLD. The last thing before the exec. 0, or -errno logged. */
int seccomp_install(const struct seccomp_filter *f, bool drop_hold);
/* "default", "none" or "custom" (deny or allow given): for cella state. */
const char *seccomp_profile_name(const struct seccomp_conf *s);
/* Whether S asks for a filter at all. */
static inline bool seccomp_wanted(const struct seccomp_conf *s)
{
	if (s->profile == SECCOMP_DEFAULT)
		return true;
	for (unsigned i = 0; i < sizeof(s->deny) / sizeof(s->deny[0]); i++)
		if (s->deny[i])
			return true;
	return false;
}
#else
static inline int seccomp_syscall_nr(const char *name) { (void)name; return -ENOENT; }
static inline int seccomp_build(const struct seccomp_conf *s, uint64_t keep, bool nnp, struct seccomp_filter *f)
{
	(void)s; (void)keep; (void)nnp;
	*f = (struct seccomp_filter){ 0 };
	return 0;
}
static inline int seccomp_install(const struct seccomp_filter *f, bool drop_hold) { (void)f; (void)drop_hold; return 0; }
static inline const char *seccomp_profile_name(const struct seccomp_conf *s) { (void)s; return "none"; }
static inline bool seccomp_wanted(const struct seccomp_conf *s) { (void)s; return false; }
#endif

#endif
