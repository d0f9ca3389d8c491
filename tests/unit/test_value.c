/* SPDX-License-Identifier: GPL-2.0-only */
/* test_value.c - the value kinds of the INI file. */
#include <errno.h>
#include <signal.h>

#include "unit.h"
#include "value.h"

static void test_bool(void)
{
	static const char *yes[] = { "yes", "true", "on", "1" }, *no[] = { "no", "false", "off", "0" };
	static const char *bad[] = { "", "Yes", "y", "2", "enable", " yes" };
	bool b;
	for (int i = 0; i < 4; i++) {
		b = false;
		CHECK(parse_bool(yes[i], &b) == 0 && b, "'%s' is true", yes[i]);
		b = true;
		CHECK(parse_bool(no[i], &b) == 0 && !b, "'%s' is false", no[i]);
	}
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(parse_bool(bad[i], &b) == -EINVAL, "'%s' is not a boolean", bad[i]);
}

static void test_size(void)
{
	static const struct { const char *s; uint64_t v; } ok[] = {
		{ "0", 0 }, { "4096", 4096 }, { "1K", 1024 }, { "64M", 64ULL << 20 },
		{ "2G", 2ULL << 30 }, { "3k", 3072 }, { "max", UINT64_MAX },
	};
	static const char *bad[] = { "", "-1", "1X", "1.5M", "M", "64 M", "1KB", "0x10", "MAX" };
	uint64_t v;
	for (unsigned i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		v = 1;
		CHECK(parse_size(ok[i].s, &v) == 0 && v == ok[i].v, "size '%s' = %llu", ok[i].s,
		      (unsigned long long)v);
	}
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(parse_size(bad[i], &v) < 0, "'%s' is not a size", bad[i]);
	CHECK_INT(parse_size("99999999999999999999", &v), -ERANGE);
	CHECK_INT(parse_size("17179869184G", &v), -ERANGE);
}

static void test_duration(void)
{
	static const struct { const char *s; long long ms; } ok[] = {
		{ "500ms", 500 }, { "10s", 10000 }, { "2m", 120000 }, { "1h", 3600000 },
		{ "5", 5000 }, { "0", 0 }, { "0ms", 0 },
	};
	static const char *bad[] = { "", "1d", "ms", "-1", "1.5s", "10 s", "s" };
	long long v;
	for (unsigned i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		v = -1;
		CHECK(parse_duration_ms(ok[i].s, &v) == 0 && v == ok[i].ms, "duration '%s' = %lld", ok[i].s, v);
	}
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(parse_duration_ms(bad[i], &v) < 0, "'%s' is not a duration", bad[i]);
}

static void check_words(const char *in, const char *const *want)
{
	const char *why = NULL;
	char **w = split_words(in, &why);
	int n = 0;
	CHECK(w != NULL, "split '%s': %s", in, why ? why : "");
	if (!w)
		return;
	for (; want[n]; n++)
		CHECK(w[n] && !strcmp(w[n], want[n]), "split '%s' word %d: got '%s', want '%s'", in, n,
		      w[n] ? w[n] : "(end)", want[n]);
	CHECK(count_words(w) == n, "split '%s': %d words, want %d", in, count_words(w), n);
	free_words(w);
}

static void test_words(void)
{
	check_words("/bin/sh -c 'echo hi'", (const char *const[]){ "/bin/sh", "-c", "echo hi", NULL });
	check_words("  a\tb  ", (const char *const[]){ "a", "b", NULL });
	check_words("\"a b\" c", (const char *const[]){ "a b", "c", NULL });
	check_words("\"say \\\"hi\\\" \\$HOME \\n\"", (const char *const[]){ "say \"hi\" $HOME \\n", NULL });
	check_words("a\\ b c\\\\d", (const char *const[]){ "a b", "c\\d", NULL });
	check_words("'' x", (const char *const[]){ "", "x", NULL });
	check_words("pre'in side'post", (const char *const[]){ "prein sidepost", NULL });
	check_words("'it''s'", (const char *const[]){ "its", NULL });
	check_words("'a\"b' \"c'd\"", (const char *const[]){ "a\"b", "c'd", NULL });
	check_words("", (const char *const[]){ NULL });

	static const struct { const char *s, *why; } bad[] = {
		{ "'open", "unterminated single quote" },
		{ "\"open", "unterminated double quote" },
		{ "end\\", "backslash at end of value" },
	};
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *why = NULL;
		char **w = split_words(bad[i].s, &why);
		CHECK(w == NULL, "split '%s' fails", bad[i].s);
		CHECK_STR(why, bad[i].why);
		free_words(w);
	}
}

static void test_signal(void)
{
	CHECK_INT(parse_signal("TERM"), SIGTERM);
	CHECK_INT(parse_signal("SIGTERM"), SIGTERM);
	CHECK_INT(parse_signal("term"), SIGTERM);
	CHECK_INT(parse_signal("sigkill"), SIGKILL);
	CHECK_INT(parse_signal("HUP"), SIGHUP);
	CHECK_INT(parse_signal("WINCH"), SIGWINCH);
	CHECK_INT(parse_signal("15"), 15);
	CHECK_INT(parse_signal("34"), 34);
	CHECK(parse_signal("0") < 0, "signal 0 is refused");
	CHECK(parse_signal("65") < 0, "signal 65 is refused");
	CHECK(parse_signal("TERMINATE") < 0, "TERMINATE is not a signal");
	CHECK(parse_signal("") < 0, "empty is not a signal");
	CHECK_STR(signal_name(SIGUSR1), "USR1");
}

static void test_rlimit(void)
{
	struct rlimit r;
	CHECK(parse_rlimit("100", &r) == 0 && r.rlim_cur == 100 && r.rlim_max == 100, "rlimit N");
	CHECK(parse_rlimit("10:20", &r) == 0 && r.rlim_cur == 10 && r.rlim_max == 20, "rlimit S:H");
	CHECK(parse_rlimit("infinity", &r) == 0 && r.rlim_cur == RLIM_INFINITY && r.rlim_max == RLIM_INFINITY,
	      "rlimit infinity");
	CHECK(parse_rlimit("5:infinity", &r) == 0 && r.rlim_cur == 5 && r.rlim_max == RLIM_INFINITY,
	      "rlimit 5:infinity");
	CHECK_INT(parse_rlimit("20:10", &r), -ERANGE);
	CHECK(parse_rlimit("", &r) < 0, "empty rlimit");
	CHECK(parse_rlimit("1:", &r) < 0, "half rlimit");
	CHECK(parse_rlimit("x", &r) < 0, "word rlimit");
	CHECK(parse_rlimit("1:2:3", &r) < 0, "three-part rlimit");
	CHECK_INT(rlimit_resource("nofile"), RLIMIT_NOFILE);
	CHECK_INT(rlimit_resource("stack"), RLIMIT_STACK);
	CHECK_INT(rlimit_resource("rttime"), RLIMIT_RTTIME);
	CHECK_INT(rlimit_resource("files"), -1);
}

static void test_misc(void)
{
	unsigned m;
	long l;
	CHECK_INT(parse_capability("net_bind_service"), 10);
	CHECK_INT(parse_capability("CAP_NET_BIND_SERVICE"), 10);
	CHECK_INT(parse_capability("cap_sys_boot"), 22);
	CHECK_INT(parse_capability("SYS_ADMIN"), 21);
	CHECK_INT(parse_capability("net_bind"), -1);
	CHECK_INT(parse_capability(""), -1);
	CHECK_INT(parse_capability("CAP_"), -1);
	CHECK(parse_octal_mode("0027", &m) == 0 && m == 027, "umask 0027");
	CHECK(parse_octal_mode("777", &m) == 0 && m == 0777, "umask 777");
	CHECK(parse_octal_mode("8", &m) < 0, "8 is not octal");
	CHECK(parse_octal_mode("", &m) < 0, "empty mode");
	CHECK(parse_long("-1000", -1000, 1000, &l) == 0 && l == -1000, "long -1000");
	CHECK_INT(parse_long("1001", -1000, 1000, &l), -ERANGE);
	CHECK_INT(parse_long("12a", 0, 100, &l), -EINVAL);
	CHECK_INT(parse_long(" 1", 0, 100, &l), -EINVAL);
	CHECK(valid_name("web-1.a_b"), "valid name");
	CHECK(!valid_name(""), "empty name");
	CHECK(!valid_name(".."), "dotdot name");
	CHECK(!valid_name("a/b"), "slash in name");
	CHECK(!valid_name("a b"), "space in name");
	CHECK(valid_name("0123456789012345678901234567890123456789012345678901234567890123"), "64 chars");
	CHECK(!valid_name("01234567890123456789012345678901234567890123456789012345678901234"), "65 chars");
}

int main(void)
{
	test_bool();
	test_size();
	test_duration();
	test_words();
	test_signal();
	test_rlimit();
	test_misc();
	return unit_report();
}
