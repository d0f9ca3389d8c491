/* SPDX-License-Identifier: GPL-2.0-only */
/* ran [ARG...]: prints "RAN" and exits 0, for the fault-injection test
 * (tests/integration/faults.sh). Its whole life is execve, arch_prctl,
 * set_tid_address, one ioctl (musl asks whether stdout is a terminal) and
 * one writev (musl's stdio writes with writev): none of the calls that test
 * injects into cella's setup, except the execve, so a fault meant for cella
 * never lands in the workload after its exec. The arguments are ignored
 * (the test passes its marker, so that a leaked workload is found).
 */
#include <stdio.h>

int main(void)
{
	fputs("RAN\n", stdout);
	return 0;
}
