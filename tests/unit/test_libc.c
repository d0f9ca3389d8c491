/* SPDX-License-Identifier: GPL-2.0-only */
/* test_libc.c - the smaller stand-ins for members of musl (src/fork.c,
 * clock.c, stat.c, mkostemp.c, inet.c, strerror.c, rlimit.c,
 * open.c, env.c, cwd.c, ttyname.c, string.c, fdcall.c,
 * mmap.c, statfs.c, tty.c, dir.c), compiled here under other names, against
 * the C library's own. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The replacements copy musl's behaviour; where glibc's differs (the
 * STATIC=0 package build runs these tests against glibc), only the checks
 * of their own run. */
#ifdef __GLIBC__
#define MUSL 0
#else
#define MUSL 1
#endif
#undef __GLIBC__
#include "../../src/libc.h"

#define strlen cella_strlen
#define strchrnul cella_strchrnul
#define strchr cella_strchr
#define memchr cella_memchr
#define memset cella_memset
#define strcpy cella_strcpy
#define strspn cella_strspn
#define strcspn cella_strcspn
#define strncmp cella_strncmp
#define getenv cella_getenv
#define strtok_r cella_strtok_r
#define strcmp cella_strcmp
#define strdup cella_strdup
#define strndup cella_strndup
#define memcmp cella_memcmp
#define strnlen cella_strnlen
#define strrchr cella_strrchr
#define strcasecmp cella_strcasecmp
#define openat cella_openat
#define fork cella_fork
#define pthread_atfork cella_pthread_atfork
#define mkostemp cella_mkostemp
#define inet_pton cella_inet_pton
#define strerror cella_strerror
#define open cella_open
#define fcntl cella_fcntl
#define unsetenv cella_unsetenv
#define getcwd cella_getcwd
#define ttyname_r cella_ttyname_r
/* the bare system calls (libc.h) */
#if REPLACE_LIBC_SYSCALLS
#define opendir cella_opendir
#define readdir cella_readdir
#define closedir cella_closedir
#define isatty cella_isatty
#define tcgetpgrp cella_tcgetpgrp
#define tcsetpgrp cella_tcsetpgrp
#define readlinkat cella_readlinkat
#define statfs(p, b) cella_statfs(p, b)
#define fstatfs(f, b) cella_fstatfs(f, b)
#define fstatvfs(f, b) cella_fstatvfs(f, b)
#define clock_gettime(c, t) cella_clock_gettime(c, t)
#define time(t) cella_time(t)
#define fstatat(d, p, s, f) cella_fstatat(d, p, s, f)
#define fstat(d, s) cella_fstat(d, s)
#define stat(p, s) cella_stat(p, s)
#define lstat(p, s) cella_lstat(p, s)
#define nanosleep(r, m) cella_nanosleep(r, m)
#define usleep(u) cella_usleep(u)
#define getrlimit(r, l) cella_getrlimit(r, l)
#define setrlimit(r, l) cella_setrlimit(r, l)
#define sendmsg(f, m, g) cella_sendmsg(f, m, g)
#define recvmsg(f, m, g) cella_recvmsg(f, m, g)
#define socket(d, t, p) cella_socket(d, t, p)
#define socketpair(d, t, p, f) cella_socketpair(d, t, p, f)
#define pipe2(f, g) cella_pipe2(f, g)
#define dup3(o, n, f) cella_dup3(o, n, f)
#define fchmod(f, m) cella_fchmod(f, m)
#define fchown(f, u, g) cella_fchown(f, u, g)
#define fchdir(f) cella_fchdir(f)
#define mmap(a, l, p, f, d, o) cella_mmap(a, l, p, f, d, o)
#define munmap(a, l) cella_munmap(a, l)
#define signalfd(f, m, g) cella_signalfd(f, m, g)
#endif
#include "../../src/string.c"
#include "../../src/open.c"
#include "../../src/fdcall.c"
#include "../../src/tty.c"
#include "../../src/dir.c"
#include "../../src/fork.c"
#include "../../src/clock.c"
#include "../../src/stat.c"
#include "../../src/mkostemp.c"
#include "../../src/inet.c"
#include "../../src/strerror.c"
#include "../../src/rlimit.c"
#include "../../src/env.c"
#include "../../src/cwd.c"
#include "../../src/ttyname.c"
#include "../../src/mmap.c"
#include "../../src/statfs.c"
#undef strlen
#undef strchrnul
#undef strchr
#undef memchr
#undef memset
#undef strcpy
#undef strspn
#undef strcspn
#undef strncmp
#undef getenv
#undef strtok_r
#undef strcmp
#undef strdup
#undef strndup
#undef opendir
#undef readdir
#undef closedir
#undef memcmp
#undef strnlen
#undef strrchr
#undef isatty
#undef tcgetpgrp
#undef tcsetpgrp
#undef readlinkat
#undef strcasecmp
#undef openat
#undef statfs
#undef fstatfs
#undef fstatvfs
#undef fork
#undef pthread_atfork
#undef clock_gettime
#undef time
#undef fstatat
#undef fstat
#undef stat
#undef lstat
#undef mkostemp
#undef inet_pton
#undef strerror
#undef nanosleep
#undef usleep
#undef getrlimit
#undef setrlimit
#undef sendmsg
#undef recvmsg
#undef open
#undef fcntl
#undef socket
#undef socketpair
#undef pipe2
#undef dup3
#undef unsetenv
#undef fchmod
#undef fchown
#undef fchdir
#undef mmap
#undef munmap
#undef signalfd
#undef getcwd
#undef ttyname_r

#include "unit.h"

/* --- fork and pthread_atfork ------------------------------------------------ */

static char seq[16];
static void add(char c)
{
	size_t n = strlen(seq);
	if (n + 1 < sizeof(seq))
		seq[n] = c;
}
static void prep_a(void) { add('a'); }
static void par_a(void) { add('A'); }
static void chi_a(void) { add('1'); }
static void prep_b(void) { add('b'); }
static void par_b(void) { add('B'); }
static void chi_b(void) { add('2'); }

static volatile sig_atomic_t got_usr1;
static void on_usr1(int sig) { (void)sig; got_usr1 = 1; }

/* forked: the order of the handlers in the parent and in the child (read
 * through a pipe), and whether raise() in the child reaches the child
 * (musl's raise signals the thread id the C library cached). */
static void forked(pid_t (*f)(void), char *parent, char *child, int *raised)
{
	int p[2];
	pid_t pid;

	memset(seq, 0, sizeof(seq));
	if (pipe(p) < 0)
		abort();
	pid = f();
	if (pid == 0) {
		char out[sizeof(seq) + 1];
		got_usr1 = 0;
		signal(SIGUSR1, on_usr1);
		raise(SIGUSR1);
		snprintf(out, sizeof(out), "%s%c", seq, got_usr1 ? '!' : '-');
		if (write(p[1], out, strlen(out)) < 0)
			_exit(2);
		_exit(0);
	}
	close(p[1]);
	strcpy(parent, seq);
	ssize_t n = read(p[0], child, 15);
	child[n > 0 ? n : 0] = 0;
	close(p[0]);
	*raised = n > 0 && child[n - 1] == '!';
	if (n > 0)
		child[n - 1] = 0;
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "the child exits 0");
}

static void test_fork(void)
{
	char p1[16], c1[16], p2[16], c2[16];
	int r1, r2;

	CHECK_INT(pthread_atfork(prep_a, par_a, chi_a), 0);
	CHECK_INT(pthread_atfork(prep_b, par_b, chi_b), 0);
	forked(fork, p1, c1, &r1);
	CHECK_INT(cella_pthread_atfork(prep_a, par_a, chi_a), 0);
	CHECK_INT(cella_pthread_atfork(prep_b, par_b, chi_b), 0);
	/* musl's handlers stay with musl's fork: cella_fork calls _Fork. */
	forked(cella_fork, p2, c2, &r2);
	CHECK_STR(p1, "baAB");
	CHECK_STR(c1, "ba12");
	CHECK_STR(p2, "baAB");
	CHECK_STR(c2, "ba12");
	CHECK(r1 && r2, "raise() in the child reaches the child (musl %d, cella %d)", r1, r2);
	CHECK_INT(cella_pthread_atfork(NULL, NULL, NULL), 0);
	CHECK_INT(cella_pthread_atfork(NULL, NULL, NULL), 0);
	CHECK_INT(cella_pthread_atfork(NULL, NULL, NULL), ENOMEM);
}

/* --- clock_gettime and time ------------------------------------------------- */

#if REPLACE_LIBC_SYSCALLS
static void test_clock(void)
{
	static const clockid_t ids[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME,
					 CLOCK_PROCESS_CPUTIME_ID };
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct timespec a, b, c;
		CHECK_INT(clock_gettime(ids[i], &a), 0);
		CHECK_INT(cella_clock_gettime(ids[i], &b), 0);
		CHECK_INT(clock_gettime(ids[i], &c), 0);
		long long ta = a.tv_sec * 1000000000LL + a.tv_nsec,
			  tb = b.tv_sec * 1000000000LL + b.tv_nsec,
			  tc = c.tv_sec * 1000000000LL + c.tv_nsec;
		CHECK(ta <= tb && tb <= tc && b.tv_nsec >= 0 && b.tv_nsec < 1000000000,
		      "clock %d: %lld <= %lld <= %lld", (int)ids[i], ta, tb, tc);
	}
	struct timespec ts;
	errno = 0;
	CHECK(cella_clock_gettime(12345, &ts) == -1 && errno == EINVAL,
	      "an unknown clock: -1 EINVAL (%d)", errno);
	time_t t0 = time(NULL), t1, t2 = cella_time(&t1), t3 = time(NULL);
	CHECK(t0 <= t2 && t2 <= t3 && t1 == t2, "time: %lld <= %lld <= %lld", (long long)t0,
	      (long long)t2, (long long)t3);
}
#endif

/* --- fstatat, fstat, stat, lstat ------------------------------------------- */

#if REPLACE_LIBC_SYSCALLS
/* same_stat: every field but the access time (which reading may move). */
static int same_stat(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_mode == b->st_mode &&
	       a->st_nlink == b->st_nlink && a->st_uid == b->st_uid && a->st_gid == b->st_gid &&
	       a->st_rdev == b->st_rdev && a->st_size == b->st_size &&
	       a->st_blksize == b->st_blksize && a->st_blocks == b->st_blocks &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

#define SAME(call_musl, call_cella)                                                       \
	do {                                                                                \
		struct stat sa, sb;                                                         \
		memset(&sa, 0x55, sizeof(sa));                                              \
		memset(&sb, 0xaa, sizeof(sb));                                              \
		errno = 0;                                                                  \
		int ra = call_musl, ea = errno;                                             \
		errno = 0;                                                                  \
		int rb = call_cella, eb = errno;                                            \
		CHECK(ra == rb && ea == eb && (ra < 0 || same_stat(&sa, &sb)),             \
		      "%s: musl %d errno %d, cella %d errno %d", #call_cella, ra, ea, rb, eb); \
	} while (0)

static void test_stat(void)
{
	static const char *paths[] = { "/", "/dev/null", "/proc/self/exe", "/proc/self",
				       "/nonexistent/x", "", "/dev/null/x" };
	int dir = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int opath = open("/dev/null", O_PATH | O_CLOEXEC);
	int file = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		const char *p = paths[i];
		SAME(stat(p, &sa), cella_stat(p, &sb));
		SAME(lstat(p, &sa), cella_lstat(p, &sb));
		SAME(fstatat(AT_FDCWD, p, &sa, AT_SYMLINK_NOFOLLOW),
		     cella_fstatat(AT_FDCWD, p, &sb, AT_SYMLINK_NOFOLLOW));
	}
	SAME(fstatat(dir, "self", &sa, 0), cella_fstatat(dir, "self", &sb, 0));
	SAME(fstatat(dir, "self", &sa, AT_SYMLINK_NOFOLLOW),
	     cella_fstatat(dir, "self", &sb, AT_SYMLINK_NOFOLLOW));
	SAME(fstatat(dir, "", &sa, AT_EMPTY_PATH), cella_fstatat(dir, "", &sb, AT_EMPTY_PATH));
	SAME(fstatat(opath, "", &sa, AT_EMPTY_PATH), cella_fstatat(opath, "", &sb, AT_EMPTY_PATH));
	SAME(fstatat(-1, "x", &sa, 0), cella_fstatat(-1, "x", &sb, 0));
	SAME(fstatat(dir, "self", &sa, 0x12345), cella_fstatat(dir, "self", &sb, 0x12345));
	SAME(fstat(dir, &sa), cella_fstat(dir, &sb));
	SAME(fstat(opath, &sa), cella_fstat(opath, &sb));
	SAME(fstat(file, &sa), cella_fstat(file, &sb));
	SAME(fstat(-1, &sa), cella_fstat(-1, &sb));
	SAME(fstat(AT_FDCWD, &sa), cella_fstat(AT_FDCWD, &sb));
	SAME(fstat(9999, &sa), cella_fstat(9999, &sb));
	close(dir);
	close(opath);
	close(file);
}
#endif

/* --- mkostemp ------------------------------------------------------------- */

static void check_temp(int (*mk)(char *, int), const char *who)
{
	char t[64] = "/tmp/cella-unit-libc.XXXXXX";
	int fd = mk(t, O_CLOEXEC | O_APPEND);
	struct stat st;
	int ok = fd >= 0 && strncmp(t, "/tmp/cella-unit-libc.", 21) == 0 && strlen(t) == 27 &&
		 strcmp(t + 21, "XXXXXX") != 0;
	for (int i = 21; ok && i < 27; i++)
		ok = (t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' && t[i] <= 'z');
	CHECK(ok, "%s: fd %d, name %s", who, fd, t);
	if (fd < 0)
		return;
	CHECK(fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 07777) == 0600 &&
		      st.st_size == 0,
	      "%s: a new regular file of mode 0600", who);
	CHECK(fcntl(fd, F_GETFD) == FD_CLOEXEC, "%s: O_CLOEXEC", who);
	CHECK((fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND)) == (O_RDWR | O_APPEND),
	      "%s: O_RDWR and the flags asked", who);
	/* The same name again: O_EXCL. */
	CHECK(open(t, O_RDWR | O_CREAT | O_EXCL, 0600) < 0 && errno == EEXIST, "%s: O_EXCL", who);
	unlink(t);
	close(fd);

	static const char *bad[] = { "", "XXXXX", "/tmp/cella-unit-libc.XXXXX",
				     "/tmp/cella-unit-libc.XXXXXXy" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		strcpy(t, bad[i]);
		errno = 0;
		fd = mk(t, 0);
		CHECK(fd == -1 && errno == EINVAL && !strcmp(t, bad[i]), "%s: '%s' is EINVAL",
		      who, bad[i]);
	}
	strcpy(t, "/nonexistent/cella-unit-libc.XXXXXX");
	errno = 0;
	fd = mk(t, 0);
	CHECK(fd == -1 && errno == ENOENT && !strcmp(t, "/nonexistent/cella-unit-libc.XXXXXX"),
	      "%s: ENOENT and the X's back (%s)", who, t);
}

/* --- inet_pton ------------------------------------------------------------ */

static int pton_differs;

static void same_pton(int af, const char *s)
{
	unsigned char a[16], b[16];
	memset(a, 0x11, sizeof(a));
	memset(b, 0x11, sizeof(b));
	errno = 0;
	int ra = inet_pton(af, s, a), ea = errno;
	errno = 0;
	int rb = cella_inet_pton(af, s, b), eb = errno;
	if (ra != rb || ea != eb || (ra == 1 && memcmp(a, b, af == AF_INET ? 4 : 16))) {
		if (pton_differs++ < 10)
			printf("inet_pton(%d, \"%s\"): musl %d errno %d, cella %d errno %d\n", af, s,
			       ra, ea, rb, eb);
	}
}

static void test_pton(void)
{
	static const char *forms[] = {
		"0.0.0.0", "255.255.255.255", "10.0.0.1", "192.168.1.254", "1.2.3.4", "01.2.3.4",
		"1.2.3.04", "256.1.1.1", "1.2.3", "1.2.3.4.", "1.2.3.4.5", ".1.2.3.4", "1..2.3",
		"1.2.3.4 ", " 1.2.3.4", "1000.1.1.1", "0x1.2.3.4", "", "::", "::1", "1::", "1::2",
		"fe80::1", "FE80::AbCd:1", "2001:db8::8a2e:370:7334", "1:2:3:4:5:6:7:8",
		"1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7::", "::1:2:3:4:5:6:7",
		"::1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8::", ":::", "1:::2", "1::2::3", ":1::2",
		"1::2:", ":1:2:3:4:5:6:7:8", "12345::", "::ffff:1.2.3.4", "::1.2.3.4",
		"1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5::1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4",
		"1:2:3:4:5:1.2.3.4", "::ffff:1.2.3", "::ffff:1.2.3.4.5", "::ffff:01.2.3.4",
		"::ffff:256.2.3.4", "::1.2.3.4:5", "1.2.3.4::", "::a.b.c.d", "0:0:0:0:0:0:0:0",
		"0000:0000:0000:0000:0000:0000:0000:0000", "00000::", "g::", "::g", "1:2:3:4::5:6:7",
		"1:2:3:4::5:6:7:8", "::ffff:1234.2.3.4", "abcd::ef01:1.2.3.4",
	};
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		same_pton(AF_INET, forms[i]);
		same_pton(AF_INET6, forms[i]);
		same_pton(AF_UNIX, forms[i]);
	}
	/* Random strings over the characters that matter, and random edits
	 * of valid addresses. */
	static const char alpha[] = "0123456789abcdefABCDEFgx:.:.::..0";
	unsigned seed = 7;
	char s[48];
	for (int round = 0; round < 400000; round++) {
		seed = seed * 1103515245 + 12345;
		int n = (seed >> 8) % 40;
		if (round & 1) {
			const char *f = forms[(seed >> 4) % (sizeof(forms) / sizeof(forms[0]))];
			snprintf(s, sizeof(s), "%s", f);
			n = strlen(s);
			seed = seed * 1103515245 + 12345;
			if (n)
				s[(seed >> 8) % n] = alpha[(seed >> 16) % (sizeof(alpha) - 1)];
		} else {
			for (int k = 0; k < n; k++) {
				seed = seed * 1103515245 + 12345;
				s[k] = alpha[(seed >> 16) % (sizeof(alpha) - 1)];
			}
			s[n] = 0;
		}
		same_pton(AF_INET, s);
		same_pton(AF_INET6, s);
	}
	CHECK(pton_differs == 0, "inet_pton differs from the C library's for %d inputs",
	      pton_differs);
}

/* --- strerror ------------------------------------------------------------- */

#if defined(__x86_64__) || defined(__i386__) || defined(__aarch64__) || defined(__arm__) || \
	defined(__riscv)
static void test_strerror(void)
{
	int differs = 0;

	for (long long e = -5000; MUSL && e < 5000; e++) {
		int i = e < -4990 ? INT_MIN + (int)(e + 5000) : e > 4990 ? INT_MAX - (int)(4999 - e) : e;
		const char *a = strerror(i), *b = cella_strerror(i);
		if (strcmp(a, b) && differs++ < 10)
			printf("strerror(%d): musl '%s', cella '%s'\n", i, a, b);
	}
	CHECK(differs == 0, "strerror differs from the C library's for %d errnos", differs);
	CHECK_STR(cella_strerror(ENOENT), "No such file or directory");
	CHECK_STR(cella_strerror(EOPNOTSUPP), "Not supported");
	CHECK_STR(cella_strerror(0), "No error information");
}
#endif

/* --- the bare system calls: sleeps, rlimit, signal, descriptors ----------- */

#if REPLACE_LIBC_SYSCALLS

static long long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* fdflags: close-on-exec, the status flags that matter, or -errno. */
static int fdflags(int r, int fd)
{
	if (r < 0)
		return -errno;
	return (fcntl(fd, F_GETFD) & FD_CLOEXEC) << 8 | (fcntl(fd, F_GETFL) & (O_NONBLOCK | O_ACCMODE));
}

#define SAME_FD(musl_call, cella_call, fd)                                               \
	do {                                                                           \
		errno = 0;                                                             \
		int R = musl_call, ra_ = R, fa_ = fdflags(R, fd);                        \
		if (R >= 0)                                                            \
			close(fd);                                                     \
		errno = 0;                                                             \
		R = cella_call;                                                        \
		int rb_ = R, fb_ = fdflags(R, fd);                                     \
		if (R >= 0)                                                            \
			close(fd);                                                     \
		CHECK((ra_ < 0) == (rb_ < 0) && fa_ == fb_, "%s: musl %d (%x), cella %d (%x)", \
		      #cella_call, ra_, fa_, rb_, fb_);                                   \
	} while (0)

static void test_syscalls(void)
{
	long long t0 = now_ns();
	CHECK_INT(cella_nanosleep(&(struct timespec){ .tv_nsec = 20000000 }, NULL), 0);
	long long t1 = now_ns();
	CHECK_INT(cella_usleep(30000), 0);
	long long t2 = now_ns();
	CHECK(t1 - t0 >= 20000000 && t2 - t1 >= 30000000, "the sleeps last: %lld, %lld ns",
	      t1 - t0, t2 - t1);
	errno = 0;
	CHECK(cella_nanosleep(&(struct timespec){ .tv_nsec = 1000000000 }, NULL) == -1 &&
		      errno == EINVAL,
	      "nanosleep of 1e9 ns is EINVAL");

	for (int r = 0; r < RLIM_NLIMITS; r++) {
		struct rlimit a, b;
		int ra = getrlimit(r, &a), rb = cella_getrlimit(r, &b);
		CHECK(ra == rb && a.rlim_cur == b.rlim_cur && a.rlim_max == b.rlim_max,
		      "getrlimit(%d)", r);
	}
	errno = 0;
	struct rlimit rl;
	CHECK(cella_getrlimit(999, &rl) == -1 && errno == EINVAL, "getrlimit(999) is EINVAL");

	/* setrlimit: a soft limit lowered and raised again, read back by
	 * musl's getrlimit; a soft limit above the hard one is EINVAL. */
	struct rlimit was, lo;
	getrlimit(RLIMIT_NOFILE, &was);
	lo = (struct rlimit){ was.rlim_cur / 2, was.rlim_max };
	CHECK_INT(cella_setrlimit(RLIMIT_NOFILE, &lo), 0);
	CHECK(getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur == lo.rlim_cur && rl.rlim_max == lo.rlim_max,
	      "setrlimit set the soft limit");
	CHECK_INT(cella_setrlimit(RLIMIT_NOFILE, &was), 0);
	errno = 0;
	lo = (struct rlimit){ was.rlim_max == RLIM_INFINITY ? RLIM_INFINITY : was.rlim_max + 1, was.rlim_max };
	CHECK(was.rlim_max == RLIM_INFINITY || (cella_setrlimit(RLIMIT_NOFILE, &lo) == -1 && errno == EINVAL),
	      "setrlimit above the hard limit is EINVAL");
	CHECK(getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur == was.rlim_cur, "the limit is back");

	/* sendmsg, recvmsg: a message and an fd over a socket pair, in both
	 * directions between musl's and cella's. */
	{
		int sp[2], fd = -1;
		char data[4] = "abc", got[4] = "";
		union { struct cmsghdr h; char b[CMSG_SPACE(sizeof(int))]; } cm;
		struct iovec io = { data, sizeof(data) };
		struct msghdr mh;
		CHECK_INT(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp), 0);
		for (int dir = 0; dir < 2; dir++) {
			memset(&cm, 0, sizeof(cm));
			mh = (struct msghdr){ .msg_iov = &io, .msg_iovlen = 1, .msg_control = cm.b,
					      .msg_controllen = sizeof(cm.b) };
			cm.h = (struct cmsghdr){ .cmsg_len = CMSG_LEN(sizeof(int)), .cmsg_level = SOL_SOCKET,
						 .cmsg_type = SCM_RIGHTS };
			memcpy(CMSG_DATA(&cm.h), &sp[0], sizeof(int));
			io = (struct iovec){ data, sizeof(data) };
			CHECK_INT(dir ? sendmsg(sp[0], &mh, 0) : cella_sendmsg(sp[0], &mh, 0), 4);
			memset(&cm, 0, sizeof(cm));
			io = (struct iovec){ got, sizeof(got) };
			mh = (struct msghdr){ .msg_iov = &io, .msg_iovlen = 1, .msg_control = cm.b,
					      .msg_controllen = sizeof(cm.b) };
			CHECK_INT(dir ? cella_recvmsg(sp[1], &mh, 0) : recvmsg(sp[1], &mh, 0), 4);
			CHECK(!memcmp(got, "abc", 4), "the data came through");
			memcpy(&fd, CMSG_DATA(&cm.h), sizeof(int));
			CHECK(cm.h.cmsg_type == SCM_RIGHTS && fd >= 0 && fd != sp[0], "an fd came through: %d", fd);
			if (fd >= 0)
				close(fd);
		}
		errno = 0;
		CHECK(cella_sendmsg(-1, &mh, 0) == -1 && errno == EBADF, "sendmsg to -1 is EBADF");
		close(sp[0]);
		close(sp[1]);
	}

	static const int types[] = { SOCK_DGRAM, SOCK_STREAM | SOCK_CLOEXEC,
				     SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, SOCK_RAW, 12345 };
	int fds[2];
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		SAME_FD(socket(AF_UNIX, types[i], 0), cella_socket(AF_UNIX, types[i], 0), R);
		SAME_FD(socketpair(AF_UNIX, types[i], 0, fds),
			cella_socketpair(AF_UNIX, types[i], 0, fds), fds[0]);
		SAME_FD(socket(AF_INET, types[i], 0), cella_socket(AF_INET, types[i], 0), R);
		SAME_FD(socket(9999, types[i], 0), cella_socket(9999, types[i], 0), R);
	}
	static const int pflags[] = { 0, O_CLOEXEC, O_NONBLOCK, O_CLOEXEC | O_NONBLOCK, O_DIRECT,
				      O_RDWR };
	for (size_t i = 0; i < sizeof(pflags) / sizeof(pflags[0]); i++) {
		int q[2] = { -1, -1 };
		SAME_FD(pipe2(fds, pflags[i]), cella_pipe2(fds, pflags[i]), fds[1]);
		if (pipe(q) == 0) {
			close(fds[0]);
			if (MUSL || pflags[i] == 0 || pflags[i] == O_CLOEXEC) {
				SAME_FD(dup3(q[0], 100, pflags[i]), cella_dup3(q[0], 100, pflags[i]), 100);
				SAME_FD(dup3(q[0], q[0], pflags[i]), cella_dup3(q[0], q[0], pflags[i]), 101);
				SAME_FD(dup3(-1, 100, pflags[i]), cella_dup3(-1, 100, pflags[i]), 100);
			}
			close(q[0]);
			close(q[1]);
		}
	}

	/* fchmod, fchown, fchdir: also on an O_PATH descriptor (musl goes
	 * through /proc/self/fd for the first two). */
	char dir[] = "/tmp/cella-unit-fd.XXXXXX";
	if (mkdtemp(dir)) {
		char file[64];
		snprintf(file, sizeof(file), "%s/f", dir);
		int f = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		int p = open(file, O_PATH | O_CLOEXEC), d = open(dir, O_PATH | O_CLOEXEC);
		int here = open(".", O_PATH | O_CLOEXEC);
		struct stat st;
		for (int k = !MUSL; k < 2; k++) {
			int (*fn)(int, mode_t) = k ? cella_fchmod : fchmod;
			CHECK(fn(f, 0640) == 0 && stat(file, &st) == 0 && (st.st_mode & 0777) == 0640,
			      "fchmod %d of an open file", k);
			CHECK(fn(p, 0604) == 0 && stat(file, &st) == 0 && (st.st_mode & 0777) == 0604,
			      "fchmod %d of an O_PATH descriptor", k);
			errno = 0;
			CHECK(fn(-1, 0600) == -1 && errno == EBADF, "fchmod %d of -1: EBADF", k);
			errno = 0;
			CHECK(fn(999, 0600) == -1 && errno == EBADF, "fchmod %d of a closed fd", k);
		}
		/* Other owners as root; as anyone else (the package build's
		 * nobody), the own ones, which fchown allows. */
		uid_t u0 = geteuid(), u1 = u0 ? u0 : 1234;
		gid_t g1 = u0 ? getegid() : 4321;
		CHECK(cella_fchown(p, u1, g1) == 0 && stat(file, &st) == 0 && st.st_uid == u1 &&
			      st.st_gid == g1,
		      "fchown of an O_PATH descriptor");
		CHECK(cella_fchown(f, u0, -1) == 0 && stat(file, &st) == 0 && st.st_uid == u0 &&
			      st.st_gid == g1,
		      "fchown of an open file, the group kept");
		errno = 0;
		CHECK(cella_fchown(999, 0, 0) == -1 && errno == EBADF, "fchown of a closed fd");
		char a[4096];
		CHECK(cella_fchdir(d) == 0 && getcwd(a, sizeof(a)) && !strcmp(a, dir),
		      "fchdir to an O_PATH descriptor");
		errno = 0;
		CHECK(cella_fchdir(f) == -1 && errno == ENOTDIR, "fchdir to a file: ENOTDIR");
		if (fchdir(here) < 0)
			abort();
		close(here);
		close(f);
		close(p);
		close(d);
		unlink(file);
		rmdir(dir);
	}

	/* mmap, munmap */
	char *m1 = cella_mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m1 != MAP_FAILED, "an anonymous mapping");
	if (m1 != MAP_FAILED) {
		m1[0] = m1[8191] = 1;
		char *m2 = cella_mmap(m1 + 4096, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
				      -1, 0);
		CHECK(m2 == m1 + 4096 && m2[4095] == 0, "MAP_FIXED over it");
		CHECK_INT(cella_munmap(m1, 8192), 0);
	}
	errno = 0;
	CHECK(cella_mmap(NULL, (size_t)PTRDIFF_MAX + 1, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1,
			 0) == MAP_FAILED &&
		      errno == ENOMEM,
	      "a mapping of PTRDIFF_MAX bytes: ENOMEM");
	errno = 0;
	CHECK(cella_mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 999, 0) == MAP_FAILED && errno == EBADF,
	      "a mapping of a closed fd: EBADF");
	errno = 0;
	CHECK(cella_mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 1) == MAP_FAILED &&
		      errno == EINVAL,
	      "an offset not of a page: EINVAL");
	errno = 0;
	CHECK(cella_munmap((void *)1, 4096) == -1 && errno == EINVAL, "munmap of no page: EINVAL");

	/* openat */
	int here = open(".", O_PATH | O_DIRECTORY | O_CLOEXEC), fd;
	SAME_FD(openat(here, "/dev/null", O_RDONLY | O_CLOEXEC), cella_openat(here, "/dev/null", O_RDONLY | O_CLOEXEC), R);
	SAME_FD(openat(here, "/dev/null", O_WRONLY | O_NONBLOCK), cella_openat(here, "/dev/null", O_WRONLY | O_NONBLOCK), R);
	SAME_FD(openat(here, "/nonexistent", O_RDONLY), cella_openat(here, "/nonexistent", O_RDONLY), R);
	SAME_FD(openat(-1, "x", O_RDONLY), cella_openat(-1, "x", O_RDONLY), R);
	int tmpd = open("/tmp", O_PATH | O_DIRECTORY | O_CLOEXEC);
	mode_t um = umask(022);
	fd = cella_openat(tmpd, "cella-unit-openat", O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
	struct stat st;
	CHECK(fd >= 0 && fstat(fd, &st) == 0 && (st.st_mode & 0777) == 0640, "openat O_CREAT with a mode");
	int fd2 = openat(tmpd, "cella-unit-openat", O_RDONLY | O_CLOEXEC);
	int fd3 = cella_openat(tmpd, "cella-unit-openat", O_RDONLY | O_CLOEXEC);
	CHECK(fd >= 0 && fd2 >= 0 && fd3 >= 0 && fcntl(fd2, F_GETFL) == fcntl(fd3, F_GETFL),
	      "openat: the status flags of musl's (O_LARGEFILE)");
	close(fd2);
	close(fd3);
	close(fd);
	unlinkat(tmpd, "cella-unit-openat", 0);
	fd = cella_openat(tmpd, ".", O_RDWR | O_TMPFILE | O_CLOEXEC, 0600);
	CHECK(fd >= 0 && fstat(fd, &st) == 0 && (st.st_mode & 0777) == 0600 && st.st_nlink == 0,
	      "openat O_TMPFILE with a mode");
	close(fd);
	close(tmpd);
	close(here);
	umask(um);

	/* statfs, fstatfs, fstatvfs */
	static const char *fs[] = { "/", "/proc", "/sys", "/dev", "/tmp", "/nonexistent" };
	for (size_t i = 0; i < sizeof(fs) / sizeof(fs[0]); i++) {
		struct statfs a, b;
		struct statvfs va, vb;
		memset(&a, 1, sizeof(a));
		memset(&b, 1, sizeof(b));
		memset(&va, 2, sizeof(va));
		memset(&vb, 3, sizeof(vb));
		int ra = statfs(fs[i], &a), rb = cella_statfs(fs[i], &b);
		CHECK(ra == rb && (ra < 0 || (a.f_type == b.f_type && a.f_flags == b.f_flags &&
					      a.f_bsize == b.f_bsize && a.f_namelen == b.f_namelen)),
		      "statfs(%s)", fs[i]);
		int d = open(fs[i], O_RDONLY | O_CLOEXEC);
		if (d < 0)
			continue;
		ra = fstatfs(d, &a);
		rb = cella_fstatfs(d, &b);
		CHECK(ra == 0 && rb == 0 && a.f_type == b.f_type && a.f_flags == b.f_flags, "fstatfs(%s)", fs[i]);
		ra = fstatvfs(d, &va);
		rb = cella_fstatvfs(d, &vb);
		/* the free counts may move between the calls: not compared */
		CHECK(ra == 0 && rb == 0 && vb.f_flag == (unsigned long)b.f_flags &&
			      vb.f_bsize == (unsigned long)b.f_bsize &&
			      (!MUSL || va.f_flag == vb.f_flag) && va.f_bsize == vb.f_bsize && va.f_frsize == vb.f_frsize &&
			      va.f_blocks == vb.f_blocks && va.f_files == vb.f_files &&
			      (!MUSL || va.f_fsid == vb.f_fsid) &&
			      va.f_namemax == vb.f_namemax,
		      "fstatvfs(%s)", fs[i]);
		close(d);
	}
	errno = 0;
	struct statvfs vv;
	CHECK(cella_fstatvfs(999, &vv) == -1 && errno == EBADF, "fstatvfs of a closed fd");

	/* signalfd */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	SAME_FD(signalfd(-1, &set, SFD_CLOEXEC), cella_signalfd(-1, &set, SFD_CLOEXEC), R);
	SAME_FD(signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK),
		cella_signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK), R);
	SAME_FD(signalfd(-1, &set, 0), cella_signalfd(-1, &set, 0), R);
	SAME_FD(signalfd(-1, &set, 12345), cella_signalfd(-1, &set, 12345), R);
	SAME_FD(signalfd(999, &set, 0), cella_signalfd(999, &set, 0), R);
}
#endif

/* --- unsetenv, getcwd, ttyname_r ------------------------------------------ */

static void test_paths(void)
{
	static const char *names[] = { "A", "AB", "B", "", "A=", "=A", "C", "LISTEN_FDS", "X" };
	static char *env[] = { "A=1", "AB=2", "A=3", "B", "C=", "A", "=A", "LISTEN_FDS=3",
			       "LISTEN_PID=1", "A=4" };
	char *e1[16], *e2[16];
	size_t ne = sizeof(env) / sizeof(env[0]);

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char **saved = __environ;
		memcpy(e1, env, sizeof(env));
		e1[ne] = NULL;
		memcpy(e2, env, sizeof(env));
		e2[ne] = NULL;
		__environ = e1;
		errno = 0;
		int ra = unsetenv(names[i]), ea = errno;
		__environ = e2;
		errno = 0;
		int rb = cella_unsetenv(names[i]), eb = errno;
		__environ = saved;
		int same = !MUSL || (ra == rb && ea == eb);
		for (size_t k = 0; MUSL && same && k <= ne; k++)
			same = e1[k] == e2[k];
		CHECK(same, "unsetenv(\"%s\"): musl %d errno %d, cella %d errno %d", names[i], ra, ea,
		      rb, eb);
	}
	{
		char **saved = __environ;
		__environ = NULL;
		CHECK_INT(cella_unsetenv("A"), 0);
		__environ = saved;
	}

	char a[4096], b[4096], *p;
	CHECK(getcwd(a, sizeof(a)) && cella_getcwd(b, sizeof(b)) == b && !strcmp(a, b),
	      "getcwd: %s", b);
	CHECK((p = cella_getcwd(NULL, 0)) && !strcmp(p, a), "getcwd(NULL, 0) allocates");
	free(p);
	size_t l = strlen(a);
	errno = 0;
	CHECK(!cella_getcwd(b, l) && errno == ERANGE, "getcwd into too small a buffer: ERANGE");
	errno = 0;
	CHECK(!cella_getcwd(b, 0) && errno == EINVAL, "getcwd of size 0: EINVAL");
	char dir[] = "/tmp/cella-unit-cwd.XXXXXX";
	int cwd = open(".", O_PATH | O_CLOEXEC);
	if (mkdtemp(dir) && chdir(dir) == 0 && rmdir(dir) == 0) {
		errno = 0;
		char *ra = getcwd(a, sizeof(a));
		int ea = errno;
		errno = 0;
		char *rb = cella_getcwd(b, sizeof(b));
		CHECK(!ra && !rb && ea == errno, "getcwd in a removed directory: musl %d, cella %d",
		      ea, errno);
	}
	if (fchdir(cwd) < 0)
		abort();
	close(cwd);

	int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC), t = -1;
	if (m >= 0 && grantpt(m) == 0 && unlockpt(m) == 0)
		t = open(ptsname(m), O_RDWR | O_NOCTTY | O_CLOEXEC);
	int nul = open("/dev/null", O_RDONLY | O_CLOEXEC);
	struct {
		int fd;
		size_t size;
	} cases[] = { { t, sizeof(a) }, { t, 5 }, { t, 10 }, { nul, sizeof(a) }, { -1, sizeof(a) },
		      { 999, sizeof(a) } };
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(a, 'a', sizeof(a));
		memset(b, 'a', sizeof(b));
		int ra = ttyname_r(cases[i].fd, a, cases[i].size);
		int rb = cella_ttyname_r(cases[i].fd, b, cases[i].size);
		CHECK((!MUSL || ra == rb) && (ra || rb || !strcmp(a, b)), "ttyname_r(%d, %zu): musl %d %s, cella %d %s",
		      cases[i].fd, cases[i].size, ra, ra ? "" : a, rb, rb ? "" : b);
	}
	CHECK(t >= 0, "a pseudo-terminal to test ttyname_r with");
#if REPLACE_LIBC_SYSCALLS /* tty.c, fdcall.c */
	int fds[] = { t, m, nul, -1, 999 };
	for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) {
		errno = 0;
		int ra = isatty(fds[i]), ea = errno;
		errno = 0;
		int rb = cella_isatty(fds[i]), eb = errno;
		CHECK(ra == rb && (ra || ea == eb), "isatty(%d): musl %d %d, cella %d %d", fds[i], ra, ea,
		      rb, eb);
		errno = 0;
		ra = tcgetpgrp(fds[i]), ea = errno;
		errno = 0;
		rb = cella_tcgetpgrp(fds[i]), eb = errno;
		CHECK(ra == rb && (ra >= 0 || ea == eb), "tcgetpgrp(%d): musl %d %d, cella %d %d", fds[i],
		      ra, ea, rb, eb);
	}
	/* A terminal of our own (a new session) to set the group of. */
	pid_t kid = fork();
	if (kid == 0) {
		int ok = setsid() > 0;
		int ct = open(ptsname(m), O_RDWR | O_CLOEXEC); /* the controlling terminal */
		ok = ok && ct >= 0 && cella_tcsetpgrp(ct, getpgrp()) == 0 && cella_tcgetpgrp(ct) == getpgrp();
		errno = 0;
		ok = ok && cella_tcsetpgrp(ct, 999999) == -1 && errno == ESRCH;
		errno = 0;
		ok = ok && cella_tcsetpgrp(nul, getpgrp()) == -1 && errno == ENOTTY;
		_exit(ok ? 0 : 1);
	}
	int kst;
	CHECK(kid > 0 && waitpid(kid, &kst, 0) == kid && WIFEXITED(kst) && WEXITSTATUS(kst) == 0,
	      "tcsetpgrp on a controlling terminal, ESRCH for no group, ENOTTY for no terminal");

	/* readlinkat */
	int pd = open("/proc/self", O_PATH | O_CLOEXEC | O_NOFOLLOW);
	static const size_t sizes[] = { 0, 1, 3, 4096 };
	for (size_t i = !MUSL; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		memset(a, 'x', sizeof(a));
		memset(b, 'x', sizeof(b));
		errno = 0;
		ssize_t ra = readlinkat(AT_FDCWD, "/proc/self", a, sizes[i]);
		int ea = errno;
		errno = 0;
		ssize_t rb = cella_readlinkat(AT_FDCWD, "/proc/self", b, sizes[i]);
		CHECK(ra == rb && ea == errno && !memcmp(a, b, sizeof(a)), "readlinkat of size %zu",
		      sizes[i]);
		ra = readlinkat(pd, "", a, sizes[i]);
		rb = cella_readlinkat(pd, "", b, sizes[i]);
		CHECK(ra == rb && !memcmp(a, b, sizeof(a)), "readlinkat of an O_PATH link, size %zu",
		      sizes[i]);
	}
	errno = 0;
	CHECK(cella_readlinkat(AT_FDCWD, "/", a, sizeof(a)) == -1 && errno == EINVAL,
	      "readlinkat of no symlink: EINVAL");
	close(pd);
#endif
	close(t);
	close(m);
	close(nul);
}

/* --- dir.c ---------------------------------------------------------------- */

#if REPLACE_LIBC_SYSCALLS

/* names: the entries of PATH as one string (readdir's order), or NULL
 * and errno. */
static char *names(DIR *(*op)(const char *), struct dirent *(*rd)(DIR *), int (*cl)(DIR *),
		   const char *path, char *out, size_t size)
{
	DIR *d = op(path);
	struct dirent *e;
	size_t n = 0;

	if (!d)
		return NULL;
	out[0] = 0;
	errno = 0;
	while ((e = rd(d)) && n + 300 < size)
		n += snprintf(out + n, size - n, "%s/%d/%llu ", e->d_name, e->d_type,
			      (unsigned long long)e->d_ino);
	int err = errno;
	CHECK_INT(cl(d), 0);
	errno = err;
	return out;
}

static void test_dir(void)
{
	static char a[65536], b[65536];
	static const char *paths[] = { "/", "/dev", "/proc/self/fd", "/etc", "/nonexistent", "/dev/null" };
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		errno = 0;
		char *ra = names(opendir, readdir, closedir, paths[i], a, sizeof(a));
		int ea = errno;
		errno = 0;
		char *rb = names(cella_opendir, cella_readdir, cella_closedir, paths[i], b, sizeof(b));
		int eb = errno;
		/* /proc/self/fd holds the directory's own descriptor: same count */
		CHECK(!ra == !rb && ea == eb && (!ra || i == 2 || !strcmp(a, b)),
		      "readdir(%s): musl %s errno %d, cella %s errno %d", paths[i], ra ? "list" : "NULL", ea,
		      rb ? "list" : "NULL", eb);
	}
	/* A directory removed while open: the end, errno untouched. */
	char dir[] = "/tmp/cella-unit-dir.XXXXXX";
	if (mkdtemp(dir)) {
		DIR *d = cella_opendir(dir);
		rmdir(dir);
		errno = 12345;
		CHECK(d && !cella_readdir(d) && errno == 12345, "readdir of a removed directory");
		if (d)
			cella_closedir(d);
	}
}

#endif

/* --- string.c and getenv ------------------------------------------------- */

static int sgn(long v) { return (v > 0) - (v < 0); }

static unsigned RND(void)
{
	static unsigned seed = 11;
	seed = seed * 1103515245 + 12345;
	return (seed >> 16) & 0x7fff;
}

static void test_string(void)
{
	static const char alpha[] = "abcAB@[`{=/ \t\n\200\377xyzXZ";
	int bad = 0;
	char a[64], b[64], set[8], d1[80], d2[80];

	for (int round = 0; round < 100000; round++) {
		int n = RND() % 40, m = RND() % 6;
		for (int k = 0; k < n; k++)
			a[k] = alpha[RND() % (sizeof(alpha) - 1)];
		a[n] = 0;
		memcpy(b, a, n + 1);
		if (n && RND() % 2)
			b[RND() % n] = alpha[RND() % (sizeof(alpha) - 1)];
		if (RND() % 4 == 0)
			b[RND() % (n + 1)] = 0;
		for (int k = 0; k < m; k++)
			set[k] = alpha[RND() % (sizeof(alpha) - 1)];
		set[m] = 0;
		int c = RND() % 3 == 0 ? 0 : RND() % 5 == 0 ? -128 + (int)(RND() % 600) :
					    (unsigned char)alpha[RND() % (sizeof(alpha) - 1)];
		size_t lim = RND() % 45;
		bad += strlen(a) != cella_strlen(a);
		bad += strchrnul(a, c) != cella_strchrnul(a, c);
		bad += strchr(a, c) != cella_strchr(a, c);
		bad += memchr(a, c, lim < (size_t)n ? lim : (size_t)n) !=
		       cella_memchr(a, c, lim < (size_t)n ? lim : (size_t)n);
		bad += strspn(a, set) != cella_strspn(a, set);
		bad += strcspn(a, set) != cella_strcspn(a, set);
		bad += sgn(strncmp(a, b, lim)) != sgn(cella_strncmp(a, b, lim));
		bad += sgn(strcasecmp(a, b)) != sgn(cella_strcasecmp(a, b));
		bad += sgn(strcmp(a, b)) != sgn(cella_strcmp(a, b));
		bad += sgn(memcmp(a, b, lim < (size_t)n ? lim : (size_t)n)) !=
		       sgn(cella_memcmp(a, b, lim < (size_t)n ? lim : (size_t)n));
		bad += strnlen(a, lim) != cella_strnlen(a, lim);
		bad += strrchr(a, c) != cella_strrchr(a, c);
		char *x = strndup(a, lim), *y = cella_strndup(a, lim);
		bad += !x || !y || strcmp(x, y);
		free(x);
		free(y);
		x = strdup(a);
		y = cella_strdup(a);
		bad += !x || !y || strcmp(x, y);
		free(x);
		free(y);
		memcpy(d1, a, n + 1);
		memcpy(d2, a, n + 1);
		char *s1 = NULL, *s2 = NULL, *t1 = strtok_r(d1, set, &s1), *t2 = cella_strtok_r(d2, set, &s2);
		for (int k = 0; k < 50; k++) {
			if ((t1 ? t1 - d1 : -1) != (t2 ? t2 - d2 : -1) || (MUSL && (s1 ? s1 - d1 : -1) != (s2 ? s2 - d2 : -1)) ||
			    memcmp(d1, d2, n + 1)) {
				bad++;
				break;
			}
			if (!t1)
				break;
			t1 = strtok_r(NULL, set, &s1);
			t2 = cella_strtok_r(NULL, set, &s2);
		}
		memset(d1, 0x5a, sizeof(d1));
		memset(d2, 0x5a, sizeof(d2));
		bad += strcpy(d1 + 1, a) != d1 + 1 || cella_strcpy(d2 + 1, a) != d2 + 1 ||
		       memcmp(d1, d2, sizeof(d1));
		bad += memset(d1 + 2, c, lim) != d1 + 2 || cella_memset(d2 + 2, c, lim) != d2 + 2 ||
		       memcmp(d1, d2, sizeof(d1));
	}
	CHECK(bad == 0, "the string functions differ from the C library's %d times", bad);

	static char *env[] = { "A=1", "AB=2", "B", "=x", "C=", "A=3", NULL };
	static const char *names[] = { "A", "AB", "B", "C", "", "=x", "A=1", "D" };
	char **saved = __environ;
	__environ = env;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		CHECK(getenv(names[i]) == cella_getenv(names[i]), "getenv(\"%s\")", names[i]);
	__environ = NULL;
	CHECK(cella_getenv("A") == NULL, "getenv without an environment");
	__environ = saved;
}

int main(void)
{
#if REPLACE_LIBC_SYSCALLS
	test_dir();
#endif
	test_string();
	test_paths();
#if REPLACE_LIBC_SYSCALLS
	test_syscalls();
#endif
#if defined(__x86_64__) || defined(__i386__) || defined(__aarch64__) || defined(__arm__) || \
	defined(__riscv)
	test_strerror();
#endif
	test_pton();
	test_fork();
#if REPLACE_LIBC_SYSCALLS
	test_clock();
#endif
#if REPLACE_LIBC_SYSCALLS
	test_stat();
#endif
	if (MUSL)
		check_temp(mkostemp, "musl");
	check_temp(cella_mkostemp, "cella");
	return unit_report();
}
