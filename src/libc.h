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

#if !defined(__GLIBC__) && !defined(__UCLIBC__) && !defined(__BIONIC__)
#define REPLACE_LIBC 1
#else
#define REPLACE_LIBC 0
#endif

#endif
