/* SPDX-License-Identifier: GPL-2.0-only */
/* exec.c - environment, limits, fds, and exec with the shell's 126/127 rules. */
#include "exec.h"

#include <stdarg.h>
#include <stdbool.h>
#include <errno.h>
#include <elf.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "log.h"
#include "notify.h"
#include "subsys.h"
#include "sys.h"
#include "value.h"

#define DEFAULT_PATH "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

/* The environment being built: calloc'd with room for every entry and
 * the NULL after them; r becomes -ENOMEM when an entry could not be made. */
struct env {
	char **v;
	int n, r;
};

/* Put the NAME=VALUE that FMT makes into e, replacing an entry with the
 * same name. */
__attribute__((format(printf, 2, 3))) static void env_set(struct env *e, const char *fmt, ...)
{
	va_list ap;
	char *kv;
	size_t len;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&kv, fmt, ap);
	va_end(ap);
	if (r < 0) {
		e->r = -ENOMEM;
		return;
	}
	len = strcspn(kv, "=");
	for (int i = 0; i < e->n; i++)
		if (!strncmp(e->v[i], kv, len) && e->v[i][len] == '=') {
			free(e->v[i]);
			e->v[i] = kv;
			return;
		}
	e->v[e->n++] = kv;
}

static const char *env_get(char *const *env, const char *name)
{
	size_t len = strlen(name);
	for (; env && *env; env++)
		if (!strncmp(*env, name, len) && (*env)[len] == '=')
			return *env + len + 1;
	return NULL;
}

/* Socket activation as cella found it at its start: the fds of the
 * LISTEN_FDS range that were really open (ascending), and their names. */
static struct {
	int n;
	int fd[LISTEN_FDS_MAX];
	char names[4096];
} listen;

void exec_claim_listen_fds(void)
{
	const char *n = getenv("LISTEN_FDS"), *pid = getenv("LISTEN_PID"), *q = getenv("LISTEN_FDNAMES");
	long fds, p, nn = 1;
	int nul = -1;
	size_t o = 0;

	/* sd_listen_fds(3): the fds are ours only when LISTEN_PID says so. */
	if (!n || !pid || parse_long(n, 1, LISTEN_FDS_MAX, &fds) < 0 ||
	    parse_long(pid, 1, 0x7fffffff, &p) < 0 || p != getpid()) {
		unsetenv("LISTEN_FDS");
		unsetenv("LISTEN_PID");
		unsetenv("LISTEN_FDNAMES");
		return;
	}
	/* One name per fd, or none at all. */
	for (const char *c = q; c && *c; c++)
		nn += *c == ':';
	if (nn != fds)
		q = NULL;
	for (int i = 0; i < fds; i++) {
		int fd = 3 + i;
		size_t len = q ? strcspn(q, ":") : 0;
		if (fcntl(fd, F_GETFD) >= 0) {
			listen.fd[listen.n++] = fd;
			/* The names of the fds passed, ':' between them; none
			 * when they do not fit (listen.names is zeroed). */
			if (q && o + len + 1 < sizeof(listen.names)) {
				if (listen.n > 1)
					listen.names[o++] = ':';
				memcpy(listen.names + o, q, len);
				o += len;
			} else if (q) {
				listen.names[0] = 0;
				q = NULL;
			}
		} else {
			/* A hole in the range: a placeholder keeps cella's own
			 * files (lock, state directory, sockets) from landing
			 * there and being passed on as if they were sockets. */
			if (nul < 0 && (nul = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0)
				break;
			if (nul != fd && dup3(nul, fd, O_CLOEXEC) < 0)
				break;
			if (nul == fd)
				nul = -1;
		}
		if (q)
			q += len + (q[len] == ':');
	}
	if (nul >= 0)
		close(nul);
}

int exec_pass_listen_fds(const struct config *c)
{
	/* HAVE_: the key is refused where not built, and so is the code. */
	if (!HAVE_LISTEN_FDS || !c->listen_fds)
		return 0;
	/* Closed up from 3 on: fd[i] >= 3 + i, and each fd[j] with j < i was
	 * already copied down before 3 + i can close it. */
	for (int i = 0; i < listen.n; i++)
		if (listen.fd[i] != 3 + i && dup2(listen.fd[i], 3 + i) < 0) {
			int e = errno;
			log_error("supervisor.listen-fds: fd %d: %s", listen.fd[i], strerror(e));
			return -e;
		}
	return listen.n;
}

char **exec_build_env(const struct config *c, const char *home, char *const *from, int listen_fds)
{
	int max = 7 + c->nenv + (c->pass_env ? count_words(c->pass_env) : 0);
	struct env e = { .v = calloc(max + 1, sizeof(char *)) };

	if (!e.v)
		goto fail;
	env_set(&e, DEFAULT_PATH);
	env_set(&e, "container=cella");
	if (home)
		env_set(&e, "HOME=%s", home);
	for (int i = 0; i < c->nenv; i++)
		env_set(&e, "%s", c->env[i]);
	for (char **p = c->pass_env; p && *p; p++) {
		const char *v = env_get(from, *p);
		if (v)
			env_set(&e, "%s=%s", *p, v);
	}
	if (HAVE_NOTIFY && c->notify)
		env_set(&e, "NOTIFY_SOCKET=" NOTIFY_SOCKET_INSIDE);
	if (HAVE_LISTEN_FDS && listen_fds > 0) {
		env_set(&e, "LISTEN_FDS=%d", listen_fds);
		/* The pid as the workload sees it, in its own pid namespace. */
		env_set(&e, "LISTEN_PID=%d", (int)getpid());
		if (listen.names[0])
			env_set(&e, "LISTEN_FDNAMES=%s", listen.names);
	}
	if (e.r == 0)
		return e.v;
fail:
	log_error("environment: %s", strerror(ENOMEM));
	return NULL;
}

int exec_set_oom(const struct config *c)
{
	char buf[16];
	int e;

	if (!c->oom_set)
		return 0;
	e = write_file("/proc/self/oom_score_adj", buf, snprintf(buf, sizeof(buf), "%ld", c->oom_score_adj));
	if (e < 0)
		log_error("oom-score-adj %ld: %s", c->oom_score_adj, strerror(-e));
	return e;
}

int exec_set_limits(const struct config *c)
{
	for (int r = 0; r < RLIMIT_COUNT; r++)
		if ((c->rlim_set & (1u << r)) && setrlimit(r, &c->rlim[r]) < 0) {
			int e = errno;
			log_error("setrlimit %d: %s", r, strerror(e));
			return -e;
		}
	umask(c->umask);
	return 0;
}

int exec_close_fds(int first)
{
	struct rlimit rl;

	/* FD_CLOEXEC is the one fd flag: set or cleared without reading it
	 * first (EBADF for an fd that is not open). */
	for (int fd = 3; fd < first; fd++)
		if (fcntl(fd, F_SETFD, 0) < 0) {
			log_error("passed fd %d: %s", fd, strerror(errno));
			return -EBADF;
		}
	if (sys_close_range_cloexec((unsigned)first) == 0)
		return 0;
	/* Before Linux 5.11: every possible fd, by the limit. */
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY ||
	    rl.rlim_cur > 1 << 20)
		rl.rlim_cur = 1 << 20;
	for (int fd = first; fd < (int)rl.rlim_cur; fd++)
		(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	return 0;
}

/* A native-endian field of an ELF header: 8 bytes in an ELF64 file, 4 in
 * an ELF32 one. */
static unsigned long long elf_word(const unsigned char *p, bool is64)
{
	uint64_t v64;
	uint32_t v32;
	if (is64)
		return memcpy(&v64, p, 8), v64;
	return memcpy(&v32, p, 4), v32;
}

/* The path of an ELF file's interpreter (PT_INTERP: its dynamic loader)
 * in HEAD, the file's first n bytes (n < sizeof(head), head[n] = 0), or
 * NULL when it is no ELF file of this machine's byte order, has none, or
 * its program header or path lies beyond HEAD. The offsets are those of
 * Elf32_Ehdr and Elf32_Phdr; S (4 in an ELF64 file) shifts them to
 * Elf64's. */
static const char *elf_interp(unsigned char *head, size_t n)
{
	bool is64 = head[EI_CLASS] == ELFCLASS64;
	unsigned s = is64 ? 4 : 0, want = is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
	unsigned long long phoff, at, off, size;
	uint16_t phentsize, phnum;
	uint32_t type;

	if (n < sizeof(Elf64_Ehdr) || memcmp(head, ELFMAG, SELFMAG) ||
	    head[EI_DATA] != (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ? ELFDATA2LSB : ELFDATA2MSB) ||
	    (!is64 && head[EI_CLASS] != ELFCLASS32))
		return NULL;
	phoff = elf_word(head + 28 + s, is64);
	memcpy(&phentsize, head + 42 + 3 * s, 2);
	memcpy(&phnum, head + 44 + 3 * s, 2);
	for (unsigned i = 0; i < phnum; i++) {
		at = phoff + (unsigned long long)i * phentsize;
		if (phentsize < want || at > n - want)
			return NULL;
		memcpy(&type, head + at, 4);
		if (type != PT_INTERP)
			continue;
		off = elf_word(head + at + 4 + s, is64);
		size = elf_word(head + at + 16 + 4 * s, is64);
		if (off >= n || size > n - off)
			return NULL;
		return head[off] ? (const char *)head + off : NULL;
	}
	return NULL;
}

/* execve said ENOENT about PATH. When PATH is there after all, what is
 * missing is its interpreter: the program of its #! line or, for an ELF
 * file, its dynamic loader; that is 126 ("exists but could not be
 * executed"), not 127. Logs the one line and returns true then. Runs as the
 * workload, and reads the first 4 KB of the file at most (where the
 * program headers and the loader's path are, in every usual layout). */
static bool missing_interpreter(const char *path)
{
	unsigned char head[4096];
	char interp[256];
	const char *what = "bad interpreter ", *name = interp;
	struct stat st;
	ssize_t n = -1;
	size_t k = 0;
	int fd, e = errno;

	/* (errno as execve left it, for the PATH search that goes on.) */
	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode)) {
		errno = e;
		return false;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) >= 0) {
		n = read(fd, head, sizeof(head) - 1);
		close(fd);
	}
	if (n > 0)
		head[n] = 0;
	/* #!: as the kernel reads it, blanks, then the name up to a blank or
	 * the end of the line; ELF: the loader's path. Either is the file's,
	 * which the container wrote: control bytes (a \r of a DOS file, a
	 * newline that would make the one line two) are shown as ^M, ^J, as
	 * shells do. */
	const unsigned char *p = NULL;
	bool shebang = n >= 2 && head[0] == '#' && head[1] == '!';
	if (shebang)
		p = head + 2 + strspn((const char *)head + 2, " \t");
	else if (n > 0 && (p = (const unsigned char *)elf_interp(head, (size_t)n)))
		what = "bad ELF interpreter (dynamic loader) ";
	else
		what = "its interpreter (or dynamic loader) is missing";
	for (; p && *p && !(shebang && (*p == ' ' || *p == '\t' || *p == '\n')) && k < sizeof(interp) - 3; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			interp[k++] = '^';
			interp[k++] = (char)(*p ^ 0x40);
		} else {
			interp[k++] = (char)*p;
		}
	}
	interp[k] = 0;
	log_error("exec %s: %s%s: %s", path, what, name, strerror(ENOENT));
	return true;
}

int exec_workload(char *const *argv, char *const *env)
{
	const char *path, *name = argv[0];
	char buf[4096];
	int err = ENOENT;
	bool eacces = false;

	if (strchr(name, '/')) {
		execve(name, argv, env);
		err = errno;
		if (err == ENOENT && missing_interpreter(name))
			goto no_interpreter;
	} else {
		path = env_get(env, "PATH");
		for (const char *p = path ? path : ""; ; ) {
			size_t len = strcspn(p, ":");
			if (snprintf(buf, sizeof(buf), "%.*s%s%s", (int)len, p, len ? "/" : "", name) < (int)sizeof(buf)) {
				execve(buf, argv, env);
				/* As execvp: keep looking after ENOENT, remember EACCES;
				 * but a file that is there and lacks its interpreter
				 * is the program (as a shell finds it). */
				if (errno == ENOENT && missing_interpreter(buf))
					goto no_interpreter;
				if (errno == EACCES)
					eacces = true;
				else if (errno != ENOENT && errno != ENOTDIR)
					{ err = errno; break; }
			}
			if (!p[len])
				break;
			p += len + 1;
		}
		if (eacces && err == ENOENT)
			err = EACCES;
	}
	log_error("exec %s: %s", name, strerror(err));
	errno = err;
	return err == ENOENT || err == ENOTDIR ? 127 : 126;
no_interpreter:
	errno = ENOENT;
	return 126;
}
