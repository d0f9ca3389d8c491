/* SPDX-License-Identifier: GPL-2.0-only */
/* usage-text.c - prints `cella --help` as src/cli.c has it for this .config,
 * the source of the busybox applet's //usage: block.
 *
 * Built for the build machine (HOSTCC), not the target, so that a cross
 * build can run it too. cli.c is the help text alone and calls into no other
 * file. */
#include "cli.c"

int main(void)
{
	cli_usage(1);
	return 0;
}
