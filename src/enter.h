/* SPDX-License-Identifier: GPL-2.0-only */
/* enter.h - cella exec: run a command inside a running container. */
#ifndef CELLA_ENTER_H
#define CELLA_ENTER_H

#include "subsys.h"

#if HAVE_LIFECYCLE
/* cella exec [--user U] [--cwd DIR] [--env K=V]... NAME [--] CMD [ARG...]
 * (arguments after "exec"). The exit status as for run: CMD's, or
 * 125/126/127. */
int enter_main(int argc, char **argv);
#else
static inline int enter_main(int argc, char **argv) { (void)argc; (void)argv; return 125; }
#endif

#endif
