/* SPDX-License-Identifier: GPL-2.0-only */
/* mmap.c - mmap and munmap without musl's wait for other threads.
 *
 * musl's wait, before a MAP_FIXED mmap and before munmap, for any thread
 * inside its dynamic linker's or malloc's critical section (__vm_wait);
 * cella has one thread. What stays of musl's: a length of PTRDIFF_MAX or
 * more is ENOMEM, and the kernel's EPERM for an anonymous mapping where
 * no address was asked is ENOMEM. alloc.c and the supervisor map memory.
 * Like open.c, weak definitions for musl builds only, on the targets of
 * libc.h's REPLACE_LIBC_SYSCALLS (SYS_mmap with a byte offset). */
#include "libc.h"
#if REPLACE_LIBC_SYSCALLS

#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

__attribute__((weak)) void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	long r;

	if (len >= PTRDIFF_MAX) {
		errno = ENOMEM;
		return MAP_FAILED;
	}
	r = syscall(SYS_mmap, addr, len, prot, flags, fd, off);
	if (r == -1 && errno == EPERM && !addr && (flags & MAP_ANONYMOUS) && !(flags & MAP_FIXED))
		errno = ENOMEM;
	return (void *)r;
}

__attribute__((weak)) int munmap(void *addr, size_t len)
{
	return (int)syscall(SYS_munmap, addr, len);
}

#endif
