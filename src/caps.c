/* SPDX-License-Identifier: GPL-2.0-only */
/* caps.c - computing and applying the workload's capabilities. */
#include "caps.h"

#include <cap-ng.h>
#include <errno.h>
#include <linux/capability.h>
#include <string.h>
#include <sys/prctl.h>

#include "log.h"
#include "sys.h"
#include <unistd.h>

#define BIT(c) (1ULL << (c))

uint64_t caps_final(const struct config *c, bool chroot_mode)
{
	uint64_t keep = c->cap_keep & ~c->cap_drop;

	keep &= ~(BIT(CAP_SYS_BOOT) & ~c->cap_named);
	/* A chroot is left with any of these: chroot again (sys_chroot),
	 * mount or unshare (sys_admin), open_by_handle_at on an inode of the
	 * filesystem below (dac_read_search), another process's root through
	 * ptrace (sys_ptrace), the kernel itself (sys_module, sys_rawio), a
	 * device node of the host's disk (mknod). */
	if (chroot_mode)
		keep &= ~((BIT(CAP_SYS_CHROOT) | BIT(CAP_SYS_ADMIN) | BIT(CAP_DAC_READ_SEARCH) |
			   BIT(CAP_SYS_PTRACE) | BIT(CAP_SYS_MODULE) | BIT(CAP_SYS_RAWIO) |
			   BIT(CAP_MKNOD)) & ~c->cap_named);
	return keep;
}

/* The permitted set from capget(2) directly: libcap-ng's own reading also
 * parses /proc/PID/status twice, and on a start-up path of a few
 * milliseconds every syscall counts. */
uint64_t caps_held(void)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d) < 0)
		return ~0ULL; /* let capset report what is wrong */
	return d[0].permitted | (uint64_t)d[1].permitted << 32;
}

/* Effective and permitted become KEEP, inheritable (and so ambient)
 * empty, the bounding set untouched: for cella's own processes that never
 * exec (the container's init), where the bounding set, which only limits
 * what an exec may gain, would cost one prctl a capability. One capset(2),
 * without libcap-ng's start-up probing in that process. */
int caps_set_own(uint64_t keep)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2] = {
		{ .effective = (uint32_t)keep, .permitted = (uint32_t)keep },
		{ .effective = (uint32_t)(keep >> 32), .permitted = (uint32_t)(keep >> 32) },
	};

	if (syscall(SYS_capset, &h, d) < 0) {
		int e = errno;
		log_error("set capabilities: %s", strerror(e));
		return -e;
	}
	return 0;
}

int caps_apply_bounding(uint64_t keep)
{
	/* PR_CAPBSET_DROP one by one (as libcap-ng does), stopping at the
	 * first number the kernel does not know. */
	for (int cap = 0; cap < 64; cap++) {
		if (keep & BIT(cap))
			continue;
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0) {
			if (errno == EINVAL)
				break;
			int e = errno;
			log_error("drop %s from the bounding set: %s", capng_capability_to_name(cap), strerror(e));
			return -e;
		}
	}
	return 0;
}

int caps_apply(uint64_t keep, bool ambient)
{
	return caps_apply_hold(keep, 0, ambient);
}

int caps_apply_hold(uint64_t keep, uint64_t hold, bool ambient)
{
	int r;

	/* libcap-ng's state: nothing but KEEP, and HOLD. Capabilities the
	 * running kernel does not know are refused by capng_update and so
	 * left out. */
	capng_clear(CAPNG_SELECT_BOTH);
	for (unsigned cap = 0; cap < 64; cap++)
		if ((keep | hold) & BIT(cap))
			(void)capng_update(CAPNG_ADD, CAPNG_EFFECTIVE | CAPNG_PERMITTED |
				(keep & BIT(cap) ? CAPNG_INHERITABLE : 0), cap);
	if ((r = capng_apply(CAPNG_SELECT_CAPS)) < 0) {
		log_error("set capabilities: %s (libcap-ng %d)", strerror(errno ? errno : EPERM), r);
		return -EPERM;
	}
	/* A kernel older than 4.3 has no ambient set: nothing more to do. */
	if (!ambient || (prctl(PR_CAP_AMBIENT, 1 /* IS_SET */, 0, 0, 0) < 0 && errno == EINVAL))
		return 0;
	for (int cap = 0; cap < 64; cap++)
		if ((keep & BIT(cap)) && capng_have_capability(CAPNG_PERMITTED, cap) && prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) < 0) {
			int e = errno;
			log_error("raise ambient capability %s: %s", capng_capability_to_name(cap), strerror(e));
			return -e;
		}
	return 0;
}
