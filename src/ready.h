/* SPDX-License-Identifier: GPL-2.0-only */
/* ready.h - run -d's pipe: how the first start went, told once. Used by the
 * run recipe and by the notify socket's READY=1 (kept out of both so that
 * neither calls the other). */
#ifndef CELLA_READY_H
#define CELLA_READY_H

#include <unistd.h>

/* Tell the waiting command how the start went (0: running, else the exit
 * status), once; *fd is -1 afterwards. No-op when *fd is -1. */
static inline void ready_tell(int *fd, int code)
{
	if (*fd < 0)
		return;
	(void)!write(*fd, &code, sizeof(code));
	close(*fd);
	*fd = -1;
}

#endif
