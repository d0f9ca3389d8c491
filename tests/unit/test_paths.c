/* SPDX-License-Identifier: GPL-2.0-only */
/* test_paths.c - mount targets resolved inside the root; passwd and group
 * lookups. Uses a scratch directory with real symlinks. */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <sys/stat.h>

#include "creds.h"
#include "resolve.h"
#include "unit.h"

static char root[PATH_MAX];
static int root_fd = -1;

/* PATH resolved inside the root names the same inode as WANT_INSIDE. */
static void check_resolve(const char *path, const char *want_inside)
{
	struct resolve_opts o = { .create = RESOLVE_EXISTING };
	char want[PATH_MAX];
	struct stat a, b;
	int fd = resolve_in_root(root_fd, path, &o);

	snprintf(want, sizeof(want), "%s%s", root, want_inside);
	CHECK(fd >= 0 && fstat(fd, &a) == 0 && stat(want, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev,
	      "resolve %s (%s): got %d, want %s", path, resolve_no_openat2 ? "walk" : "openat2", fd, want);
	if (fd >= 0)
		close(fd);
}

static void check_error(const char *path, enum resolve_create create, int want)
{
	struct resolve_opts o = { .create = create };
	int fd = resolve_in_root(root_fd, path, &o);
	CHECK(fd == want, "resolve %s (%s): got %d, want %d", path, resolve_no_openat2 ? "walk" : "openat2", fd, want);
	if (fd >= 0)
		close(fd);
}

/* Creating: directories and a file, through symlinks, never outside. */
static void check_create(const char *path, enum resolve_create create, const char *want_inside, bool dir)
{
	struct resolve_opts o = { .create = create };
	char want[PATH_MAX];
	struct stat a, b;
	int fd = resolve_in_root(root_fd, path, &o);

	snprintf(want, sizeof(want), "%s%s", root, want_inside);
	CHECK(fd >= 0 && fstat(fd, &a) == 0 && stat(want, &b) == 0 && a.st_ino == b.st_ino &&
	      S_ISDIR(b.st_mode) == dir, "create %s (%s): got %d, want %s", path,
	      resolve_no_openat2 ? "walk" : "openat2", fd, want);
	if (fd >= 0)
		close(fd);
}

static void test_resolve_once(void)
{
	char p[PATH_MAX + 64];
#define AT(rel) (snprintf(p, sizeof(p), "%s%s", root, rel), p)
	check_resolve("/etc", "/etc");
	check_resolve("/etc/", "/etc");
	check_resolve("/", "/");
	check_resolve("", "/");
	check_resolve("/lib/x", "/var/lib/x");
	check_resolve("/var/up/etc", "/etc");
	check_resolve("/esc", "/host");
	check_resolve("/var/rel/x", "/var/lib/x");
	check_resolve("/./etc/./passwd", "/etc/passwd");
	check_resolve("/../../etc", "/etc");
	check_resolve("/var/lib/../../etc", "/etc");
	check_error("/loop1/x", RESOLVE_EXISTING, -ELOOP);
	check_error("/nothere", RESOLVE_EXISTING, -ENOENT);
	check_error("/etc/passwd/x", RESOLVE_EXISTING, -ENOTDIR);
	/* A dangling absolute symlink: its target is made inside the root. */
	check_create("/dangle/sub", RESOLVE_MKDIR, "/made/sub", true);
	check_create("/new/dir/../file", RESOLVE_MKFILE, "/new/file", false);
	check_create("/lib/f", RESOLVE_MKFILE, "/var/lib/f", false);
	struct stat st;
	CHECK(stat(AT("/../made"), &st) < 0 && stat(AT("/../host"), &st) < 0, "nothing made outside the root");
	unlink(AT("/var/lib/f"));
	unlink(AT("/new/file"));
	rmdir(AT("/new/dir"));
	rmdir(AT("/new"));
	rmdir(AT("/made/sub"));
	rmdir(AT("/made"));
	/* A read-only root: nothing is created on its device. */
	struct resolve_opts ro = { .create = RESOLVE_MKDIR, .ro = true, .ro_dev = st.st_dev };
	CHECK(stat(root, &st) == 0 && (ro.ro_dev = st.st_dev, resolve_in_root(root_fd, "/rodir/x", &ro)) == -EROFS,
	      "read-only root: -EROFS");
	CHECK(stat(AT("/rodir"), &st) < 0, "read-only root: nothing made");
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
	mkdir(AT("/etc"), 0755);
	close(open(AT("/etc/passwd"), O_WRONLY | O_CREAT, 0644));
	mkdir(AT("/host"), 0755);
	mkdir(AT("/var"), 0755);
	mkdir(AT("/var/lib"), 0755);
	mkdir(AT("/var/lib/x"), 0755);
	symlink("/var/lib", AT("/lib"));           /* absolute: stays inside */
	symlink("../../../../..", AT("/var/up"));  /* climbs: stops at the root */
	symlink("/etc/../../../host", AT("/esc")); /* absolute with .. */
	symlink("lib", AT("/var/rel"));            /* relative */
	symlink("loop2", AT("/loop1"));
	symlink("loop1", AT("/loop2"));
	symlink("/../../made", AT("/dangle"));     /* dangling, climbing */
	root_fd = open(root, O_PATH | O_DIRECTORY);

	test_resolve_once();
	resolve_no_openat2 = true; /* the walk of kernels before 5.6 */
	test_resolve_once();
	resolve_no_openat2 = false;

	close(root_fd);
	unlink(AT("/lib"));
	unlink(AT("/var/up"));
	unlink(AT("/esc"));
	unlink(AT("/var/rel"));
	unlink(AT("/loop1"));
	unlink(AT("/loop2"));
	unlink(AT("/dangle"));
	unlink(AT("/etc/passwd"));
	rmdir(AT("/var/lib/x"));
	rmdir(AT("/var/lib"));
	rmdir(AT("/var"));
	rmdir(AT("/etc"));
	rmdir(AT("/host"));
	CHECK(rmdir(root) == 0, "scratch root left empty: %s", strerror(errno));
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
