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

int parse_size(const char *s, uint64_t *out)
{
	uint64_t v, mult = 1;
	char *end;
	int r;

	if (!strcmp(s, "max")) {
		*out = SIZE_MAX_VALUE;
		return 0;
	}
	if ((r = parse_u64(s, &v, &end)) < 0)
		return r;
	switch (*end) {
	case 0: break;
	case 'k': case 'K': mult = 1ULL << 10; end++; break;
	case 'm': case 'M': mult = 1ULL << 20; end++; break;
	case 'g': case 'G': mult = 1ULL << 30; end++; break;
	default: return -EINVAL;
	}
	if (*end)
		return -EINVAL;
	if (v > UINT64_MAX / mult)
		return -ERANGE;
	*out = v * mult;
	return 0;
}

int parse_duration_ms(const char *s, long long *out)
{
	uint64_t v, mult;
	char *end;
	int r;

	if ((r = parse_u64(s, &v, &end)) < 0)
		return r;
	if (!strcmp(end, "ms")) mult = 1;
	else if (!*end || !strcmp(end, "s")) mult = 1000;
	else if (!strcmp(end, "m")) mult = 60000;
	else if (!strcmp(end, "h")) mult = 3600000;
	else return -EINVAL;
	if (v > (uint64_t)(INT64_MAX / 2) / mult)
		return -ERANGE;
	*out = (long long)(v * mult);
	return 0;
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

/* The name in the entry, not a pointer to it: half the bytes, and no
 * relocation. */
static const struct { unsigned char sig; char name[7]; } signals[] = {
	{ SIGHUP, "HUP" }, { SIGINT, "INT" }, { SIGQUIT, "QUIT" }, { SIGILL, "ILL" },
	{ SIGTRAP, "TRAP" }, { SIGABRT, "ABRT" }, { SIGBUS, "BUS" }, { SIGFPE, "FPE" },
	{ SIGKILL, "KILL" }, { SIGUSR1, "USR1" }, { SIGSEGV, "SEGV" }, { SIGUSR2, "USR2" },
	{ SIGPIPE, "PIPE" }, { SIGALRM, "ALRM" }, { SIGTERM, "TERM" }, { SIGCHLD, "CHLD" },
	{ SIGCONT, "CONT" }, { SIGSTOP, "STOP" }, { SIGTSTP, "TSTP" }, { SIGTTIN, "TTIN" },
	{ SIGTTOU, "TTOU" }, { SIGURG, "URG" }, { SIGXCPU, "XCPU" }, { SIGXFSZ, "XFSZ" },
	{ SIGVTALRM, "VTALRM" }, { SIGPROF, "PROF" }, { SIGWINCH, "WINCH" }, { SIGIO, "IO" },
	{ SIGPWR, "PWR" }, { SIGSYS, "SYS" },
};

/* S past PREFIX (upper case) when S starts with it in any case; else S.
 * (strncasecmp, musl's 180 bytes, for two prefixes.) */
static const char *past(const char *s, const char *prefix)
{
	size_t i;
	for (i = 0; prefix[i]; i++)
		if (toupper((unsigned char)s[i]) != prefix[i])
			return s;
	return s + i;
}

int parse_signal(const char *s)
{
	long n;
	if (parse_long(s, 1, _NSIG - 1, &n) == 0)
		return (int)n;
	s = past(s, "SIG");
	for (unsigned i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		if (!strcasecmp(s, signals[i].name))
			return signals[i].sig;
	return -EINVAL;
}

const char *signal_name(int sig)
{
	for (unsigned i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		if (signals[i].sig == sig)
			return signals[i].name;
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

static int parse_rlim_one(const char *s, size_t len, rlim_t *out)
{
	char buf[32];
	uint64_t v;
	char *end;

	if (len == 0 || len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, s, len);
	buf[len] = 0;
	if (!strcmp(buf, "infinity") || !strcmp(buf, "unlimited")) {
		*out = RLIM_INFINITY;
		return 0;
	}
	if (parse_u64(buf, &v, &end) < 0 || *end)
		return -EINVAL;
	*out = (rlim_t)v;
	return 0;
}

int parse_rlimit(const char *s, struct rlimit *out)
{
	const char *colon = strchr(s, ':');
	if (!colon) {
		if (parse_rlim_one(s, strlen(s), &out->rlim_cur) < 0)
			return -EINVAL;
		out->rlim_max = out->rlim_cur;
		return 0;
	}
	if (parse_rlim_one(s, colon - s, &out->rlim_cur) < 0 ||
	    parse_rlim_one(colon + 1, strlen(colon + 1), &out->rlim_max) < 0)
		return -EINVAL;
	/* RLIM_INFINITY is the largest value, so this also covers it. */
	if (out->rlim_cur > out->rlim_max)
		return -ERANGE;
	return 0;
}

int parse_capability(const char *s)
{
	char buf[64];
	size_t i;

	s = past(s, "CAP_");
	for (i = 0; s[i] && i < sizeof(buf) - 1; i++)
		buf[i] = (char)tolower((unsigned char)s[i]);
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

static int push_word(char ***v, int *n, char *w)
{
	char **nv = realloc(*v, (*n + 2) * sizeof(char *));
	if (!nv)
		return -ENOMEM;
	nv[(*n)++] = w;
	nv[*n] = NULL;
	*v = nv;
	return 0;
}

char **split_words(const char *s, const char **why)
{
	char **v = calloc(1, sizeof(char *));
	char *w = malloc(strlen(s) + 1);
	int n = 0;

	*why = "out of memory";
	if (!v || !w)
		goto fail;
	while (*s) {
		size_t len = 0;
		int have = 0; /* a word exists even when empty: '' */

		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		while (*s && *s != ' ' && *s != '\t') {
			have = 1;
			if (*s == '\'') {
				const char *q = strchr(s + 1, '\'');
				if (!q) { *why = "unterminated single quote"; goto fail; }
				memcpy(w + len, s + 1, q - s - 1);
				len += q - s - 1;
				s = q + 1;
			} else if (*s == '"') {
				for (s++; *s && *s != '"'; s++) {
					if (*s == '\\' && s[1] && strchr("\"\\$`", s[1]))
						s++;
					w[len++] = *s;
				}
				if (!*s) { *why = "unterminated double quote"; goto fail; }
				s++;
			} else if (*s == '\\') {
				if (!s[1]) { *why = "backslash at end of value"; goto fail; }
				w[len++] = s[1];
				s += 2;
			} else {
				w[len++] = *s++;
			}
		}
		if (have) {
			char *word = strndup(w, len);
			if (!word || push_word(&v, &n, word) < 0) {
				free(word);
				*why = "out of memory";
				goto fail;
			}
		}
	}
	free(w);
	return v;
fail:
	free(w);
	free_words(v);
	return NULL;
}

bool valid_name(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64 || !strcmp(s, ".") || !strcmp(s, ".."))
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '.' && *s != '-')
			return false;
	return true;
}
