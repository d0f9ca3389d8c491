/* SPDX-License-Identifier: GPL-2.0-only */
/* value.c - parsing of booleans, sizes, durations, signals, limits, words. */
#include "value.h"

#include <cap-ng.h>
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int word_index(const char *words, const char *w)
{
	int i = 0;
	for (const char *p = words; *p; p += strlen(p) + 1, i++)
		if (!strcmp(p, w))
			return i;
	return -1;
}

int parse_bool(const char *s, bool *out)
{
	/* Four spellings of yes, then four of no. */
	int i = word_index("yes\0true\0on\0" "1\0no\0false\0off\0" "0\0", s);
	if (i < 0)
		return -EINVAL;
	*out = i < 4;
	return 0;
}

/* An unsigned decimal with nothing after it but *end; no sign, no spaces. */
static int parse_u64(const char *s, uint64_t *out, char **end)
{
	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	unsigned long long v = strtoull(s, end, 10);
	if (errno == ERANGE)
		return -ERANGE;
	*out = v;
	return 0;
}

/* A number with an optional unit of UNITS ("a\0b\0...\0"), times MULT[0]
 * without one, MULT[1 + its index] with one; at most MAX. */
static int parse_scaled(const char *s, const char *units, const uint32_t *mult, uint64_t max, uint64_t *out)
{
	uint64_t v;
	char *end;
	int r, i = 0;

	if ((r = parse_u64(s, &v, &end)) < 0)
		return r;
	if (*end && (i = word_index(units, end) + 1) == 0)
		return -EINVAL;
	if (v > max / mult[i])
		return -ERANGE;
	*out = v * mult[i];
	return 0;
}

int parse_size(const char *s, uint64_t *out)
{
	static const uint32_t mult[] = { 1, 1 << 10, 1 << 10, 1 << 20, 1 << 20, 1 << 30, 1 << 30 };
	if (!strcmp(s, "max")) {
		*out = SIZE_MAX_VALUE;
		return 0;
	}
	return parse_scaled(s, "k\0K\0m\0M\0g\0G\0", mult, UINT64_MAX, out);
}

int parse_duration_ms(const char *s, long long *out)
{
	static const uint32_t mult[] = { 1000, 1, 1000, 60000, 3600000 };
	return parse_scaled(s, "ms\0s\0m\0h\0", mult, INT64_MAX / 2, (uint64_t *)out);
}

int parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	const char *p = s;

	if (*p == '-' || *p == '+')
		p++;
	if (!isdigit((unsigned char)*p))
		return -EINVAL;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (*end)
		return -EINVAL;
	if (errno == ERANGE || v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

int parse_octal_mode(const char *s, unsigned *out)
{
	unsigned v = 0;
	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '7')
			return -EINVAL;
		if ((v = v * 8 + (unsigned)(*s - '0')) > 07777)
			return -ERANGE;
	}
	*out = v;
	return 0;
}

/* The names in one string, the numbers (which differ between
 * architectures) in a byte each, in the same order. */
static const char sig_names[] = "HUP\0INT\0QUIT\0ILL\0TRAP\0ABRT\0BUS\0FPE\0KILL\0USR1\0SEGV\0USR2\0"
	"PIPE\0ALRM\0TERM\0CHLD\0CONT\0STOP\0TSTP\0TTIN\0TTOU\0URG\0XCPU\0XFSZ\0VTALRM\0PROF\0"
	"WINCH\0IO\0PWR\0SYS\0";
static const unsigned char sig_nrs[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGKILL, SIGUSR1, SIGSEGV, SIGUSR2,
	SIGPIPE, SIGALRM, SIGTERM, SIGCHLD, SIGCONT, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU, SIGURG, SIGXCPU, SIGXFSZ,
	SIGVTALRM, SIGPROF, SIGWINCH, SIGIO, SIGPWR, SIGSYS,
};

/* C in upper case (ASCII; toupper and tolower are musl members of their
 * own, used here only). */
static int upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 32 : c;
}

/* S past PREFIX (upper case) when S starts with it in any case; else S.
 * (strncasecmp, musl's 180 bytes, for two prefixes.) */
static const char *past(const char *s, const char *prefix)
{
	size_t i;
	for (i = 0; prefix[i]; i++)
		if (upper((unsigned char)s[i]) != prefix[i])
			return s;
	return s + i;
}

int parse_signal(const char *s)
{
	long n;
	int i = 0;
	if (parse_long(s, 1, _NSIG - 1, &n) == 0)
		return (int)n;
	s = past(s, "SIG");
	for (const char *p = sig_names; *p; p += strlen(p) + 1, i++)
		if (!strcasecmp(s, p))
			return sig_nrs[i];
	return -EINVAL;
}

const char *signal_name(int sig)
{
	const char *p = sig_names;
	for (unsigned i = 0; i < sizeof(sig_nrs); i++, p += strlen(p) + 1)
		if (sig_nrs[i] == sig)
			return p;
	return "?";
}

int rlimit_resource(const char *name)
{
	/* The numbers by name (they differ between architectures). */
	static const unsigned char res[] = {
		RLIMIT_CPU, RLIMIT_FSIZE, RLIMIT_DATA, RLIMIT_STACK, RLIMIT_CORE, RLIMIT_RSS,
		RLIMIT_NPROC, RLIMIT_NOFILE, RLIMIT_MEMLOCK, RLIMIT_AS, RLIMIT_LOCKS,
		RLIMIT_SIGPENDING, RLIMIT_MSGQUEUE, RLIMIT_NICE, RLIMIT_RTPRIO, RLIMIT_RTTIME,
	};
	int i = word_index("cpu\0fsize\0data\0stack\0core\0rss\0nproc\0nofile\0memlock\0as\0locks\0"
			   "sigpending\0msgqueue\0nice\0rtprio\0rttime\0", name);
	return i < 0 ? -1 : res[i];
}

static int parse_rlim_one(const char *s, rlim_t *out)
{
	uint64_t v;
	char *end;

	if (word_index("infinity\0unlimited\0", s) >= 0) {
		*out = RLIM_INFINITY;
		return 0;
	}
	if (parse_u64(s, &v, &end) < 0 || *end)
		return -EINVAL;
	*out = (rlim_t)v;
	return 0;
}

int parse_rlimit(const char *s, struct rlimit *out)
{
	char buf[64], *colon;

	if (strlen(s) >= sizeof(buf))
		return -EINVAL;
	if ((colon = strchr(strcpy(buf, s), ':')))
		*colon++ = 0;
	/* N is SOFT and HARD. */
	if (parse_rlim_one(buf, &out->rlim_cur) < 0 || parse_rlim_one(colon ? colon : buf, &out->rlim_max) < 0)
		return -EINVAL;
	/* RLIM_INFINITY is the largest value, so this also covers it. */
	return out->rlim_cur > out->rlim_max ? -ERANGE : 0;
}

int parse_capability(const char *s)
{
	char buf[64];
	size_t i;

	s = past(s, "CAP_");
	for (i = 0; s[i] && i < sizeof(buf) - 1; i++)
		buf[i] = s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i];
	if (s[i] || i == 0)
		return -1;
	buf[i] = 0;
	int cap = capng_name_to_capability(buf);
	return cap < 0 ? -1 : cap;
}

void free_words(char **v)
{
	if (!v)
		return;
	for (char **p = v; *p; p++)
		free(*p);
	free(v);
}

int count_words(char *const *v)
{
	int n = 0;
	while (v && v[n])
		n++;
	return n;
}

char **split_words(const char *s, const char **why)
{
	/* At most (len + 1) / 2 words, each of at most len bytes (in w, then
	 * a copy of its own). */
	size_t len = strlen(s);
	char **v = calloc(len / 2 + 2, sizeof(char *)), *w = malloc(len + 1), **r;
	int n = 0;

	*why = "out of memory";
	if (!v || !w)
		goto fail;
	for (;;) {
		size_t l = 0;
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		/* A word: even '' is one. */
		while (*s && *s != ' ' && *s != '\t') {
			char q = *s++;
			if (q == '\'' || q == '"') {
				for (; *s != q; s++) {
					if (!*s) {
						*why = q == '"' ? "unterminated double quote" : "unterminated single quote";
						goto fail;
					}
					if (q == '"' && *s == '\\' && s[1] && strchr("\"\\$`", s[1]))
						s++;
					w[l++] = *s;
				}
				s++;
			} else if (q == '\\') {
				if (!*s) {
					*why = "backslash at end of value";
					goto fail;
				}
				w[l++] = *s++;
			} else {
				w[l++] = q;
			}
		}
		if (!(v[n++] = strndup(w, l)))
			goto fail;
	}
	free(w);
	return (r = realloc(v, (n + 1) * sizeof(char *))) ? r : v;
fail:
	free(w);
	free_words(v);
	return NULL;
}

bool valid_name(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64 || (s[0] == '.' && n <= 2 && s[n - 1] == '.'))
		return false;
	for (; *s; s++)
		if (!((*s | 32) >= 'a' && (*s | 32) <= 'z') && !isdigit((unsigned char)*s) && *s != '_' && *s != '.' && *s != '-')
			return false;
	return true;
}
