/* SPDX-License-Identifier: GPL-2.0-only */
/* restart.c - the restart policy and its back-off; pure, unit-tested. */
#include "restart.h"

bool restart_wanted(const struct config *c, int status)
{
	switch (c->restart) {
	case RESTART_ALWAYS:
		return true;
	case RESTART_ON_FAILURE:
		return status != 0;
	case RESTART_NO:
		break;
	}
	return false;
}

long long restart_next_delay(const struct config *c, long long prev_ms, long long ran_ms)
{
	long long d;

	/* A run that lasted is not a crash loop: start over from the base. */
	if (prev_ms <= 0 || ran_ms >= c->restart_max_delay_ms)
		return c->restart_delay_ms;
	d = prev_ms * 2;
	return d > c->restart_max_delay_ms ? c->restart_max_delay_ms : d;
}
