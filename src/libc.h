/* SPDX-License-Identifier: GPL-2.0-only */
/* libc.h - whether cella may replace functions of the C library.
 *
 * alloc.c, fmt.c, fopen.c, open.c and scan.c define smaller versions of
 * C library functions for static musl builds, which allow it (musl's
 * src/malloc/replaced.c and the like). glibc, uClibc and bionic call their
 * own internals from these functions and pair allocations with their own
 * free, so with them cella leaves the C library's in place. */
#ifndef CELLA_LIBC_H
#define CELLA_LIBC_H

#include <features.h> /* says which C library */

/* (A build may say -DREPLACE_LIBC=0 to keep every function of the C
 * library: the reference when a stand-in is suspected.) */
#ifndef REPLACE_LIBC
#if !defined(__GLIBC__) && !defined(__UCLIBC__) && !defined(__BIONIC__)
#define REPLACE_LIBC 1
#else
#define REPLACE_LIBC 0
#endif
#endif

/* REPLACE_LIBC_SYSCALLS: where a system call's wrapper may be the bare
 * system call (clock.c, stat.c, signal.c, the socket calls of open.c):
 * 64-bit x86 and arm, whose kernel structs (stat, timespec, sigaction)
 * are the C library's and which have every call cella makes as its own
 * system call. The 32-bit targets (time64, socketcall) keep musl's. */
#if REPLACE_LIBC && (defined(__x86_64__) && !defined(__ILP32__) || defined(__aarch64__))
#define REPLACE_LIBC_SYSCALLS 1
#else
#define REPLACE_LIBC_SYSCALLS 0
#endif

/* The length modifier of a printf or scanf conversion, read past (fmt.c,
 * also for scan.c). */
int libc_length(const char **f);

#endif
