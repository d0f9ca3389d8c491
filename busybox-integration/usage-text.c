/* SPDX-License-Identifier: GPL-2.0-only */
/* usage-text.c - prints `cella --help` as src/cli.c has it for this .config,
 * the source of the busybox applet's //usage: block.
 *
 * Built for the build machine (HOSTCC), not the target, so that a cross
 * build can run it too. Only cli_usage() runs; the rest of cli.c wants a
 * few functions of other files, which get stand-ins here. */
#include "cli.c"

#if HAVE_LIFECYCLE
int enter_main(int argc, char **argv) { (void)argc; (void)argv; return 125; }
bool lifecycle_is_command(const char *cmd) { (void)cmd; return false; }
int lifecycle_main(const char *cmd, int argc, char **argv) { (void)cmd; (void)argc; (void)argv; return 2; }
#endif
#if HAVE_CGROUP
int cgroup_stats_main(int argc, char **argv) { (void)argc; (void)argv; return 2; }
#endif
void log_plain(const char *fmt, ...) { (void)fmt; }

int main(void)
{
	cli_usage(1);
	return 0;
}
