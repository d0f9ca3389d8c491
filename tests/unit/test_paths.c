/* test_paths.c - mount targets resolved inside the root; passwd and group
 * lookups. Uses a scratch directory with real symlinks. */
#include <errno.h>
#include <limits.h>
#include <sys/stat.h>

#include "creds.h"
#include "mounts.h"
#include "unit.h"

static char root[PATH_MAX];

static void check_resolve(const char *path, const char *want_inside)
{
	char out[PATH_MAX], want[PATH_MAX];
	int r = mounts_resolve(root, path, out, sizeof(out));
	snprintf(want, sizeof(want), "%s%s", root, want_inside);
	CHECK(r == 0 && !strcmp(out, want), "resolve %s: got %s (%d), want %s", path, r ? "error" : out, r, want);
}

static void test_resolve(void)
{
	char p[PATH_MAX + 64];
	char tmpl[] = "/tmp/cella-unit-XXXXXX";

	if (!mkdtemp(tmpl)) {
		CHECK(0, "mkdtemp: %s", strerror(errno));
		return;
	}
	snprintf(root, sizeof(root), "%s", tmpl);
#define AT(rel) (snprintf(p, sizeof(p), "%s%s", root, rel), p)
	mkdir(AT("/etc"), 0755);
	mkdir(AT("/var"), 0755);
	mkdir(AT("/var/lib"), 0755);
	symlink("/var/lib", AT("/lib"));           /* absolute: stays inside */
	symlink("../../../../..", AT("/var/up"));  /* climbs: stops at the root */
	symlink("/etc/../../../host", AT("/esc")); /* absolute with .. */
	symlink("lib", AT("/var/rel"));            /* relative */
	symlink("loop2", AT("/loop1"));
	symlink("loop1", AT("/loop2"));

	check_resolve("/etc", "/etc");
	check_resolve("/etc/", "/etc");
	check_resolve("/", "/");
	check_resolve("/lib/x", "/var/lib/x");
	check_resolve("/var/up/etc", "/etc");
	check_resolve("/esc", "/host");
	check_resolve("/var/rel/y", "/var/lib/y");
	check_resolve("/new/dir/../file", "/new/file");
	check_resolve("/./etc/./x", "/etc/x");
	check_resolve("/../../etc", "/etc");
	char out[PATH_MAX];
	CHECK_INT(mounts_resolve(root, "/loop1/x", out, sizeof(out)), -ELOOP);

	unlink(AT("/lib"));
	unlink(AT("/var/up"));
	unlink(AT("/esc"));
	unlink(AT("/var/rel"));
	unlink(AT("/loop1"));
	unlink(AT("/loop2"));
	rmdir(AT("/var/lib"));
	rmdir(AT("/var"));
	rmdir(AT("/etc"));
	rmdir(root);
}

static const char passwd[] =
	"root:x:0:0:root:/root:/bin/sh\n"
	"broken line\n"
	"app:x:1000:1000:app:/home/app:/bin/sh\n"
	"nohome:x:1001:1002::\n";
static const char group[] = "root:x:0:\napp:x:1000:\nextra:x:2000:app\n";

static void test_creds(void)
{
	uid_t u = 99;
	gid_t g = 99;
	char home[64];

	CHECK(creds_find_user(passwd, "app", &u, &g, home, sizeof(home)) == 0 && u == 1000 && g == 1000 &&
	      !strcmp(home, "/home/app"), "user app");
	CHECK(creds_find_user(passwd, "1000", &u, &g, home, sizeof(home)) == 0 && u == 1000 &&
	      !strcmp(home, "/home/app"), "uid 1000 by number");
	CHECK(creds_find_user(passwd, "0", &u, &g, home, sizeof(home)) == 0 && u == 0 && !strcmp(home, "/root"),
	      "root");
	CHECK(creds_find_user(passwd, "nohome", &u, &g, home, sizeof(home)) == 0 && g == 1002 && !strcmp(home, ""),
	      "empty home field");
	CHECK_INT(creds_find_user(passwd, "bob", &u, &g, home, sizeof(home)), -ENOENT);
	CHECK_INT(creds_find_user(passwd, "4242", &u, &g, home, sizeof(home)), -ENOENT);
	CHECK_INT(creds_find_user(passwd, "broken line", &u, &g, home, sizeof(home)), -ENOENT);
	CHECK(creds_find_group(group, "extra", &g) == 0 && g == 2000, "group extra");
	CHECK(creds_find_group(group, "2001", &g) == 0 && g == 2001, "numeric group need not exist");
	CHECK_INT(creds_find_group(group, "nogroup", &g), -ENOENT);
	CHECK_INT(creds_find_group("", "root", &g), -ENOENT);
}

int main(void)
{
	test_resolve();
	test_creds();
	return unit_report();
}
