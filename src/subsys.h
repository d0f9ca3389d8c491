/* SPDX-License-Identifier: GPL-2.0-only */
/* subsys.h - which optional subsystems this build has (from Kconfig).
 * HAVE_X is 1 only when CONFIG_X is set and the subsystem exists in code;
 * a subsystem not built is a header of stubs, and its keys are rejected. */
#ifndef CELLA_SUBSYS_H
#define CELLA_SUBSYS_H

#include "autoconf.h"

#ifdef CONFIG_PID1
#define HAVE_PID1 1
#else
#define HAVE_PID1 0
#endif

#ifdef CONFIG_LIFECYCLE
#define HAVE_LIFECYCLE 1
#else
#define HAVE_LIFECYCLE 0
#endif

#ifdef CONFIG_NOTIFY
#define HAVE_NOTIFY 1
#else
#define HAVE_NOTIFY 0
#endif
#define HAVE_LISTEN_FDS HAVE_NOTIFY

#ifdef CONFIG_USERNS
#define HAVE_USERNS 1
#else
#define HAVE_USERNS 0
#endif

#ifdef CONFIG_TERMINAL
#define HAVE_TERMINAL 1
#else
#define HAVE_TERMINAL 0
#endif

#ifdef CONFIG_SECCOMP
#define HAVE_SECCOMP 1
#else
#define HAVE_SECCOMP 0
#endif

#ifdef CONFIG_NETWORK
#define HAVE_NETWORK 1
#else
#define HAVE_NETWORK 0
#endif

#ifdef CONFIG_CGROUP
#define HAVE_CGROUP 1
#else
#define HAVE_CGROUP 0
#endif

#endif
