/* SPDX-License-Identifier: GPL-2.0-only */
/* test_config.c - every key, the defaults, and every error with its line. */
#include <errno.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/socket.h>

#include "config.h"
#include "restart.h"
#include "subsys.h"
#include "unit.h"
#include "value.h"

static struct config c;

/* Parse TEXT as the file "t.ini"; returns the result, stderr in `err`. */
static int parse(const char *text, const struct config_overrides *o, const char **err)
{
	config_free(&c); /* the previous test's */
	stderr_begin();
	int r = config_parse_string(&c, "t.ini", text, o);
	*err = stderr_end();
	return r;
}

static int ok(const char *text)
{
	const char *err;
	int r = parse(text, NULL, &err);
	if (r != 0)
		printf("unexpected error: %s", err);
	return r == 0;
}

/* TEXT must fail with exactly the one line WANT (after "cella: "). */
static void bad(const char *text, const char *want)
{
	const char *err;
	char line[600];
	int r = parse(text, NULL, &err);
	snprintf(line, sizeof(line), "cella: %s\n", want);
	CHECK(r < 0, "error expected for: %s", text);
	CHECK(!strcmp(err, line), "message\n  got:  %s  want: %s", err, line);
}

static void bad_set(const char *text, const char *set, const char *want)
{
	char *sets[] = { (char *)set };
	struct config_overrides o = { .sets = sets, .nsets = 1 };
	const char *err;
	char line[600];
	int r = parse(text, &o, &err);
	snprintf(line, sizeof(line), "cella: %s\n", want);
	CHECK(r < 0, "error expected for --set %s", set);
	CHECK(!strcmp(err, line), "message\n  got:  %s  want: %s", err, line);
}

#if HAVE_NETWORK
/* [network]: names, addresses and combinations refused at check. */
static void test_network(void)
{
	const char *x = "[process]\nexec = x\n[network]\n";
	char t[400];
#define NET(body) (snprintf(t, sizeof(t), "%s%s", x, body), t)
	CHECK(ok(NET("veth = cnh0\nbridge = br0\nhost-address = 10.0.0.1/24\naddress = 10.0.0.2/24\n"
		     "address = fd00::2/64\ngateway = 10.0.0.1\ngateway = fd00::1\nmtu = 1400\n")) &&
	      !strcmp(c.net.veth[0], "cnh0") && !strcmp(c.net.veth[1], "eth0") && c.net.naddr == 2 &&
	      c.net.addr[1].family == AF_INET6 && c.net.addr[1].prefix == 64 && c.net.gw[0].family == AF_INET &&
	      c.net.gw[1].family == AF_INET6 && c.net.mtu == 1400 && c.net.host_addr.prefix == 24,
	      "veth with addresses and gateways");
	CHECK(ok(NET("macvlan = eth1 mv0 vepa\nmove = wlan0\nmove = usb0 net1\n")) &&
	      !strcmp(c.net.macvlan[1], "mv0") && c.net.macvlan_mode == 2 && c.net.nmove == 2 &&
	      !strcmp(c.net.move[0][1], "wlan0") && !strcmp(c.net.move[1][1], "net1"), "macvlan and move");
	CHECK(ok(NET("macvlan = eth1\n")) && c.net.macvlan_mode == 4 && !strcmp(c.net.macvlan[1], "eth0"),
	      "macvlan defaults");
	bad(NET("veth = 0123456789abcdef\n"),
	    "t.ini:4: bad value '0123456789abcdef' for 'veth' in [network]: '0123456789abcdef' is not an interface name (1-15 printable, no / : %, not . ..)");
	bad(NET("veth = a ..\n"),
	    "t.ini:4: bad value 'a ..' for 'veth' in [network]: '..' is not an interface name (1-15 printable, no / : %, not . ..)");
	bad(NET("move = a/b\n"),
	    "t.ini:4: bad value 'a/b' for 'move' in [network]: 'a/b' is not an interface name (1-15 printable, no / : %, not . ..)");
	bad(NET("veth = a b c\n"), "t.ini:4: bad value 'a b c' for 'veth' in [network]: too many words");
	bad(NET("macvlan = a b fast\n"), "t.ini:4: bad value 'a b fast' for 'macvlan' in [network]: expected private, vepa, bridge or passthru");
	bad(NET("veth = a\naddress = 10.0.0.300/24\n"), "t.ini:5: bad value '10.0.0.300/24' for 'address' in [network]: expected an IPv4 or IPv6 ADDRESS/PREFIX");
	bad(NET("veth = a\naddress = 10.0.0.3/33\n"), "t.ini:5: bad value '10.0.0.3/33' for 'address' in [network]: expected an IPv4 or IPv6 ADDRESS/PREFIX");
	bad(NET("veth = a\naddress = 10.0.0.3\n"), "t.ini:5: bad value '10.0.0.3' for 'address' in [network]: expected an IPv4 or IPv6 ADDRESS/PREFIX");
	bad(NET("veth = a\ngateway = fd00::1/64\n"), "t.ini:5: bad value 'fd00::1/64' for 'gateway' in [network]: expected an IPv4 or IPv6 address");
	bad(NET("veth = a\ngateway = 10.0.0.1\ngateway = 10.0.0.2\n"), "t.ini:6: bad value '10.0.0.2' for 'gateway' in [network]: a second gateway of that family");
	bad(NET("veth = a\nmtu = 67\n"), "t.ini:5: bad value '67' for 'mtu' in [network]: expected a number from 68 to 65535");
	bad(NET("bridge = br0\n"), "t.ini:4: bridge and host-address need veth");
	bad(NET("move = a\nmtu = 1000\n"), "t.ini:4: mtu needs veth or macvlan");
	bad(NET("address = 10.0.0.2/8\n"), "t.ini:4: address and gateway need veth, macvlan or move");
	bad(NET("veth = a\nmacvlan = b\n"), "t.ini:4: interface eth0 twice inside (lo is there already)");
	bad(NET("move = a lo\n"), "t.ini:4: interface lo twice inside (lo is there already)");
	bad("[process]\nexec = x\n[namespaces]\nnet = no\n[network]\nveth = a\n", "t.ini:6: [network] needs namespaces.net = yes");
	bad("[process]\nexec = x\n[namespaces]\nnet = /proc/1/ns/net\n[network]\nveth = a\n", "t.ini:6: [network] needs namespaces.net = yes");
#undef NET
}
#endif

static void test_defaults(void)
{
	CHECK(ok("[process]\nexec = /bin/true\n"), "minimal file");
	CHECK_STR(c.name, "t");
	CHECK_STR(c.exec[0], "/bin/true");
	CHECK_STR(c.cwd, "/");
	CHECK(c.user == NULL, "user defaults to 0:0 (unset)");
	CHECK_INT(c.umask, 022);
	CHECK(c.no_new_privs, "no-new-privs defaults to yes");
	CHECK(c.init, "init defaults to yes");
	CHECK_INT(c.stop_signal, SIGTERM);
	CHECK_INT(c.stop_timeout_ms, 10000);
	CHECK_INT(c.pivot, PIVOT_AUTO);
	CHECK(!c.root_readonly, "root not read-only");
	for (int i = 0; i < NS_COUNT; i++) {
		bool want = i != NS_USER && i != NS_TIME;
		CHECK(c.ns[i].enabled == want, "namespaces.%s defaults to %d", ns_names[i], want);
	}
	CHECK(c.cap_keep == 0x800405fbULL && c.cap_drop == 0 && c.cap_named == 0, "keep = default (Podman's set)");
	CHECK(c.subreaper, "subreaper defaults to yes");
	CHECK(c.log == NULL, "log defaults to auto");
	CHECK(!c.oom_set && c.rlim_set == 0, "no oom or limits");
	/* defaults = yes: proc, dev, sysfs first, then masks and read-only paths. */
	CHECK_INT(c.nmounts, 13);
	if (c.nmounts == 13) {
		CHECK(c.mounts[0].kind == M_PROC && !strcmp(c.mounts[0].target, "/proc"), "proc first");
		CHECK(c.mounts[1].kind == M_DEV && !strcmp(c.mounts[1].target, "/dev"), "dev second");
		CHECK(c.mounts[2].kind == M_SYSFS && !strcmp(c.mounts[2].target, "/sys") && !c.mounts[2].rw,
		      "sysfs third, read-only");
		CHECK(c.mounts[3].kind == M_MASK && !strcmp(c.mounts[3].target, "/proc/kcore"), "mask kcore");
		CHECK(c.mounts[8].kind == M_MASK && !strcmp(c.mounts[8].target, "/sys/firmware"), "mask firmware");
		CHECK(c.mounts[9].kind == M_READONLY && !strcmp(c.mounts[9].target, "/proc/sys"), "ro /proc/sys");
		CHECK(c.mounts[12].kind == M_READONLY && !strcmp(c.mounts[12].target, "/proc/bus"), "ro /proc/bus");
	}
}

static void test_keys(void)
{
	CHECK(ok("# comment\n; comment\n"
		 "[container]\nname = web-1\nhostname = box\n"
		 "[root]\npath = /tmp\npivot = no\nreadonly = yes\n"
		 "[process]\nexec = /bin/sh -c 'echo \"a b\"'\ncwd = /srv\nuser = app:extra\n"
		 "groups = extra 2001\nenv = A=1\nenv = B=x=y\npass-env = TERM LANG\numask = 0027\n"
		 "no-new-privs = no\nlimit-nofile = 100:200\nlimit-core = 0\noom-score-adj = -500\n"
		 "init = no\nstop-signal = SIGINT\nstop-timeout = 1500ms\n"
		 "[namespaces]\npid = no\nuts = yes\nipc = off\nnet = /proc/self/ns/net\ncgroup = false\ntime = 1\n"
		 "[capabilities]\nkeep = net_bind_service CAP_CHOWN\ndrop = chown\n"
		 "[supervisor]\npid-file = /run/web.pid\nsubreaper = no\nlog = /var/log/cella.log\n"),
	      "every core key");
	CHECK_STR(c.name, "web-1");
	CHECK_STR(c.hostname, "box");
	CHECK_STR(c.root_path, "/tmp");
	CHECK_INT(c.pivot, PIVOT_NO);
	CHECK(c.root_readonly, "readonly");
	CHECK_INT(count_words(c.exec), 3);
	CHECK_STR(c.exec[2], "echo \"a b\"");
	CHECK_STR(c.cwd, "/srv");
	CHECK_STR(c.user, "app:extra");
	CHECK_INT(count_words(c.groups), 2);
	CHECK_INT(c.nenv, 2);
	CHECK_STR(c.env[1], "B=x=y");
	CHECK_STR(c.pass_env[1], "LANG");
	CHECK_INT(c.umask, 027);
	CHECK(!c.no_new_privs, "no-new-privs = no");
	CHECK(c.rlim_set == ((1u << RLIMIT_NOFILE) | (1u << RLIMIT_CORE)), "two limits set");
	CHECK(c.rlim[RLIMIT_NOFILE].rlim_cur == 100 && c.rlim[RLIMIT_NOFILE].rlim_max == 200, "nofile");
	CHECK(c.oom_set && c.oom_score_adj == -500, "oom");
	CHECK(!c.init, "init = no");
	CHECK_INT(c.stop_signal, SIGINT);
	CHECK_INT(c.stop_timeout_ms, 1500);
	CHECK(!c.ns[NS_PID].enabled && c.ns[NS_UTS].enabled && !c.ns[NS_IPC].enabled, "pid uts ipc");
	CHECK(!c.ns[NS_NET].enabled && c.ns[NS_NET].join && !strcmp(c.ns[NS_NET].join, "/proc/self/ns/net"),
	      "net joins a path");
	CHECK(!c.ns[NS_CGROUP].enabled && c.ns[NS_TIME].enabled, "cgroup time");
	CHECK(c.cap_keep == ((1ULL << 10) | 1ULL) && c.cap_named == c.cap_keep, "keep two caps");
	CHECK(c.cap_drop == 1ULL, "drop chown");
	CHECK_STR(c.pid_file, "/run/web.pid");
	CHECK(!c.subreaper, "subreaper = no");
	CHECK_STR(c.log, "/var/log/cella.log");
	CHECK(ok("[process]\nexec = x\n[capabilities]\nkeep = none\n") && c.cap_keep == 0, "keep = none");
	CHECK(ok("[process]\nexec = x\n[capabilities]\nkeep = all\n") && c.cap_keep == ~0ULL && c.cap_named == 0,
	      "keep = all names nothing");
	CHECK(ok("[process]\nexec = x\n[capabilities]\nkeep = default sys_ptrace\n") &&
	      c.cap_keep == (0x800405fbULL | 1ULL << 19) && c.cap_named == 1ULL << 19, "keep = default sys_ptrace");
	CHECK(ok("[process]\nexec = x\n[capabilities]\nkeep = all sys_boot\n") && c.cap_keep == ~0ULL &&
	      c.cap_named == 1ULL << 22, "keep = all sys_boot names sys_boot");
}

static void test_mounts(void)
{
	CHECK(ok("[process]\nexec = x\n[mounts]\ndefaults = no\nproc = /proc\nsysfs = /sys rw\ndev = /dev\n"
		 "tmpfs = /tmp size=16M,mode=1777\nbind = /etc /etc ro rec\nbind = /tmp /data\n"
		 "mask = /a /b\nreadonly = /c\n"),
	      "every mount kind");
	CHECK_INT(c.nmounts, 9);
	if (c.nmounts == 9) {
		CHECK(c.mounts[0].kind == M_PROC && c.mounts[0].line == 5, "proc on line 5");
		CHECK(c.mounts[1].kind == M_SYSFS && c.mounts[1].rw, "sysfs rw");
		CHECK(c.mounts[3].kind == M_TMPFS && !strcmp(c.mounts[3].data, "size=16M,mode=1777"), "tmpfs options");
		CHECK(c.mounts[4].kind == M_BIND && c.mounts[4].ro && c.mounts[4].rec &&
		      !strcmp(c.mounts[4].source, "/etc"), "bind ro rec");
		CHECK(c.mounts[5].kind == M_BIND && !c.mounts[5].ro && !strcmp(c.mounts[5].target, "/data"), "bind rw");
		CHECK(c.mounts[6].kind == M_MASK && c.mounts[7].kind == M_MASK && !strcmp(c.mounts[7].target, "/b"),
		      "mask makes one mount a path");
		CHECK(c.mounts[8].kind == M_READONLY, "readonly");
	}
	/* Explicit mounts come after the defaults. */
	CHECK(ok("[process]\nexec = x\n[mounts]\ntmpfs = /run\n") && c.nmounts == 14 &&
	      c.mounts[13].kind == M_TMPFS, "defaults first, then the file's mounts");
}

static void test_errors(void)
{
	bad("[process]\nexec = x\nhostnmae = a\n", "t.ini:3: unknown key 'hostnmae' in [process]");
	bad("[process]\nexec = x\n[bogus]\n", "t.ini:3: unknown section [bogus]");
	bad("[bogus]\na = 1\n", "t.ini:1: unknown section [bogus]");
	bad("[process]\nexec = x\nexec = y\n", "t.ini:3: key 'exec' in [process] given twice (first on line 2)");
	bad("[process]\nexec = x\nlimit-core = 1\nlimit-core = 2\n",
	    "t.ini:4: key 'limit-core' in [process] given twice (first on line 3)");
	bad("[process]\nexec = x\nlimit-files = 1\n",
	    "t.ini:3: unknown key 'limit-files' in [process]");
	bad("[process]\nexec = x\nno-new-privs = maybe\n",
	    "t.ini:3: bad value 'maybe' for 'no-new-privs' in [process]: expected yes or no");
	bad("[process]\nexec = x\nstop-timeout = 1d\n",
	    "t.ini:3: bad value '1d' for 'stop-timeout' in [process]: expected a duration (500ms, 10s, 2m)");
	bad("[process]\nexec = x\nstop-signal = NOPE\n",
	    "t.ini:3: bad value 'NOPE' for 'stop-signal' in [process]: unknown signal");
	bad("[process]\nexec = 'x\n", "t.ini:2: bad value ''x' for 'exec' in [process]: unterminated single quote");
	bad("[process]\nexec = x\numask = 9\n",
	    "t.ini:3: bad value '9' for 'umask' in [process]: expected an octal mode (0022)");
	bad("[process]\nexec = x\noom-score-adj = 1001\n",
	    "t.ini:3: bad value '1001' for 'oom-score-adj' in [process]: expected a number from -1000 to 1000");
	bad("[process]\nexec = x\nlimit-nofile = 20:10\n",
	    "t.ini:3: bad value '20:10' for 'limit-nofile' in [process]: expected N, SOFT:HARD or infinity (SOFT <= HARD)");
	bad("[process]\nexec = x\ncwd = srv\n", "t.ini:3: bad value 'srv' for 'cwd' in [process]: not an absolute path");
	bad("[process]\nexec = x\nuser = a:b:c\n",
	    "t.ini:3: bad value 'a:b:c' for 'user' in [process]: expected UID[:GID] or NAME[:GROUP]");
	bad("[process]\nexec = x\nenv = NOEQUALS\n", "t.ini:3: bad value 'NOEQUALS' for 'env' in [process]: expected NAME=VALUE");
	bad("[container]\nname = a/b\n[process]\nexec = x\n",
	    "t.ini:2: bad value 'a/b' for 'name' in [container]: use 1 to 64 of A-Z a-z 0-9 _ . -");
	bad("[root]\npivot = maybe\n", "t.ini:2: bad value 'maybe' for 'pivot' in [root]: expected yes, no or auto");
	bad("[namespaces]\nnet = lan\n",
	    "t.ini:2: bad value 'lan' for 'net' in [namespaces]: expected yes, no or a namespace path");
	bad("[namespaces]\ncgroup = /proc/1/ns/cgroup\n",
	    "t.ini:2: bad value '/proc/1/ns/cgroup' for 'cgroup' in [namespaces]: expected yes or no");
	bad("[capabilities]\nkeep = net_bind\n",
	    "t.ini:2: bad value 'net_bind' for 'keep' in [capabilities]: unknown capability 'net_bind'");
	bad("[mounts]\nbind = /etc\n", "t.ini:2: bad value '/etc' for 'bind' in [mounts]: expected SOURCE TARGET [ro] [rec]");
	bad("[mounts]\nbind = /etc /x rw\n",
	    "t.ini:2: bad value '/etc /x rw' for 'bind' in [mounts]: expected SOURCE TARGET [ro] [rec]");
	bad("[mounts]\nproc = proc\n", "t.ini:2: bad value 'proc' for 'proc' in [mounts]: 'proc' is not an absolute path");
	bad("[mounts]\nsysfs = /sys ro\n", "t.ini:2: bad value '/sys ro' for 'sysfs' in [mounts]: expected TARGET [rw]");
	bad("[supervisor]\nlog = somewhere\n",
	    "t.ini:2: bad value 'somewhere' for 'log' in [supervisor]: expected auto, stderr, kmsg, syslog or an absolute path");
	bad("[process]\nexec = x\n[container]\nhostname = a\n[namespaces]\nuts = no\n", "t.ini:4: container.hostname needs namespaces.uts = yes");
	bad("[process]\nexec = x\n[root]\npath = /tmp\n[namespaces]\nmount = no\n", "t.ini:4: root.path needs namespaces.mount = yes");
	bad("[process]\nexec = x\n[namespaces]\nmount = no\n[mounts]\ntmpfs = /x\n",
	    "t.ini:6: mount /x needs namespaces.mount = yes");
	bad("[process]\nexec = x\n[root]\npath = /nonexistent-cella\n",
	    "t.ini:4: root.path /nonexistent-cella: No such file or directory");
	bad("[process]\nexec = x\n[mounts]\nbind = /nonexistent-cella /x\n",
	    "t.ini:4: bind source /nonexistent-cella: No such file or directory");
	bad("[process]\nexec = x\n[namespaces]\nnet = /nonexistent-cella\n",
	    "t.ini:4: namespaces.net = /nonexistent-cella: No such file or directory");
	bad("[container]\nhostname = a\n", "t.ini: missing process.exec (or a command after --)");
	bad("[process]\nexec\n", "t.ini:2: expected KEY = VALUE or [section]");
	bad("[process\nexec = x\n", "t.ini:1: bad section header");

	char longline[1200] = "[process]\nexec = ", want[100];
	memset(longline + strlen(longline), 'a', 1100);
	longline[sizeof(longline) - 1] = 0;
	snprintf(want, sizeof(want), "t.ini:2: line longer than %d characters", config_max_line);
	bad(longline, want);
	/* The longest line that fits is taken whole. */
	memset(longline, 0, sizeof(longline));
	strcpy(longline, "[process]\nexec = ");
	memset(longline + strlen(longline), 'b', config_max_line - strlen("exec = "));
	CHECK(ok(longline) && strlen(c.exec[0]) == (size_t)config_max_line - 7, "a line of the maximum length");

	/* Keys of subsystems this build does not have are refused, not ignored. */
#if !HAVE_TERMINAL
	bad("[process]\nexec = x\nterminal = yes\n", "t.ini:3: key 'terminal' in [process] is not supported by this build of cella");
#else
	CHECK(ok("[process]\nexec = x\nterminal = yes\n") && c.terminal, "terminal = yes");
#endif
#if !HAVE_CGROUP
	bad("[cgroup]\nmemory.max = 64M\n", "t.ini:2: key 'memory.max' in [cgroup] is not supported by this build of cella");
#else
	CHECK(ok("[process]\nexec = x\n[cgroup]\nmemory.max = 64M\ncpu.max = max 50000\npids.max = max\ncpuset.cpus = 0-3,6\n") &&
	      c.cg.on && c.cg.mem_max == 64ULL << 20 && c.cg.cpu_quota == -1 && c.cg.cpu_period == 50000 &&
	      c.cg.pids_max == UINT64_MAX && !strcmp(c.cg.cpus, "0-3,6") &&
	      c.cg.set == (CG_MEM_MAX | CG_CPU_MAX | CG_PIDS | CG_CPUS), "[cgroup] values");
	bad("[cgroup]\ncpu.max = 500\n", "t.ini:2: bad value '500' for 'cpu.max' in [cgroup]: "
	    "expected QUOTA [PERIOD] in us: max or 1000 up, 1000 to 1000000");
	bad("[cgroup]\npath = a/../b\n", "t.ini:2: bad value 'a/../b' for 'path' in [cgroup]: "
	    "expected a path without empty, . or .. parts");
#endif
#if !HAVE_NETWORK
	bad("[network]\nveth = v0\n", "t.ini:2: key 'veth' in [network] is not supported by this build of cella");
#else
	test_network();
#endif
#if !HAVE_USERNS
	bad("[namespaces]\nuser = yes\n", "t.ini:2: key 'user' in [namespaces] is not supported by this build of cella");
	bad("[namespaces]\nuid-map = 0 1 1\n", "t.ini:2: key 'uid-map' in [namespaces] is not supported by this build of cella");
#else
#define UNS "[process]\nexec = x\n[namespaces]\n"
	CHECK(ok(UNS "user = yes\nuid-map = 0 100000 1000\nuid-map = 1000 1000 1\ngid-map = 0 100000 65536\n") &&
	      c.ns[NS_USER].enabled && c.nid_maps[0] == 2 && c.nid_maps[1] == 1 && c.id_maps[0][1].inside == 1000 &&
	      c.id_maps[0][1].outside == 1000 && c.id_maps[0][1].count == 1 && c.id_maps[1][0].count == 65536,
	      "uid-map and gid-map");
	CHECK(ok(UNS "user = yes\nuid-map = 0 4294967294 1\ngid-map = 4294967294 0 1\ngid-map = 0 1 1\n"),
	      "the largest ids");
	bad(UNS "user = yes\nuid-map = 0 100000 10\n", "t.ini:4: namespaces.user = yes needs gid-map");
	bad(UNS "user = yes\ngid-map = 0 100000 10\n", "t.ini:4: namespaces.user = yes needs uid-map");
	bad(UNS "uid-map = 0 100000 10\ngid-map = 0 100000 10\n", "t.ini:4: uid-map needs namespaces.user = yes");
	bad(UNS "user = no\nuid-map = 0 100000 10\ngid-map = 0 100000 10\n", "t.ini:5: uid-map needs namespaces.user = yes");
	bad(UNS "user = yes\nuid-map = 0 100000 10\nuid-map = 5 200000 1\ngid-map = 0 1 1\n",
	    "t.ini:6: uid-map 5 200000 1 overlaps the one of line 5");
	bad(UNS "user = yes\nuid-map = 0 100000 10\ngid-map = 0 1 1\ngid-map = 1 100009 1\ngid-map = 2 0 2\n",
	    "t.ini:8: gid-map 2 0 2 overlaps the one of line 6");
	bad(UNS "user = yes\nuid-map = 0 100000 0\n", "t.ini:5: bad value '0 100000 0' for 'uid-map' in [namespaces]: COUNT must be at least 1");
	bad(UNS "user = yes\nuid-map = 0 100000\n",
	    "t.ini:5: bad value '0 100000' for 'uid-map' in [namespaces]: expected INSIDE OUTSIDE COUNT (each < 2^32)");
	bad(UNS "uid-map = 0 100000 1 2\n",
	    "t.ini:4: bad value '0 100000 1 2' for 'uid-map' in [namespaces]: expected INSIDE OUTSIDE COUNT (each < 2^32)");
	bad(UNS "uid-map = -1 100000 1\n",
	    "t.ini:4: bad value '-1 100000 1' for 'uid-map' in [namespaces]: expected INSIDE OUTSIDE COUNT (each < 2^32)");
	bad(UNS "uid-map = 0 4294967296 1\n",
	    "t.ini:4: bad value '0 4294967296 1' for 'uid-map' in [namespaces]: expected INSIDE OUTSIDE COUNT (each < 2^32)");
	bad(UNS "uid-map = 0 4294967295 1\n",
	    "t.ini:4: bad value '0 4294967295 1' for 'uid-map' in [namespaces]: range goes past 4294967294");
	bad(UNS "user = yes\nuid-map = 1 100000 10\ngid-map = 0 1 1\n",
	    "t.ini:5: uid-map must map 0 inside (root)");
	bad(UNS "user = yes\nnet = /proc/1/ns/net\nuid-map = 0 1 1\ngid-map = 0 1 1\n",
	    "t.ini:5: namespaces.net: cannot join with namespaces.user = yes");
	bad("[root]\npath = /\npivot = no\n" UNS "user = yes\nuid-map = 0 1 1\ngid-map = 0 1 1\n",
	    "t.ini:3: root.pivot = no (chroot) is not possible with namespaces.user = yes");
	bad(UNS "user = yes\npid = no\nuid-map = 0 1 1\ngid-map = 0 1 1\n",
	    "t.ini:5: namespaces.pid = no: [mounts] defaults' proc in a user namespace needs namespaces.pid = yes");
	bad(UNS "user = yes\npid = no\nuid-map = 0 1 1\ngid-map = 0 1 1\n[mounts]\ndefaults = no\nproc = /p\n",
	    "t.ini:10: proc in a user namespace needs namespaces.pid = yes");
	CHECK(ok(UNS "user = yes\npid = no\nuid-map = 0 1 1\ngid-map = 0 1 1\n[mounts]\ndefaults = no\n"),
	      "user = yes, pid = no without proc");
	{
		/* The kernel's limit: 340 lines. */
		char text[16384];
		int n = snprintf(text, sizeof(text), UNS "user = yes\ngid-map = 0 1 1\n");
		for (int i = 0; i < 341; i++)
			n += snprintf(text + n, sizeof(text) - n, "uid-map = %d %d 1\n", i, 1000 + i);
		bad(text, "t.ini:346: uid-map: more than the kernel takes (340 lines, 4 KB)");
		text[strlen(text) - strlen("uid-map = 340 1340 1\n")] = 0;
		CHECK(ok(text) && c.nid_maps[0] == 340, "340 lines");
	}
#undef UNS
#endif
#if !HAVE_PID1
	bad("[supervisor]\nrestart = always\n", "t.ini:2: key 'restart' in [supervisor] is not supported by this build of cella");
	bad("[supervisor]\non-exit = reboot\n", "t.ini:2: key 'on-exit' in [supervisor] is not supported by this build of cella");
#endif
#if !HAVE_NOTIFY
	bad("[supervisor]\nnotify = yes\n", "t.ini:2: key 'notify' in [supervisor] is not supported by this build of cella");
#else
	CHECK(ok("[process]\nexec = x\n[supervisor]\nnotify = yes\nlisten-fds = on\n") && c.notify && c.listen_fds,
	      "notify and listen-fds");
	bad("[process]\nexec = x\n[namespaces]\nmount = no\n[supervisor]\nnotify = yes\n",
	    "t.ini:6: supervisor.notify needs namespaces.mount = yes");
#endif
}

#if HAVE_PID1
static void test_restart(void)
{
	CHECK(ok("[process]\nexec = x\n") && c.restart == RESTART_NO && c.restart_delay_ms == 1000 &&
	      c.restart_max_delay_ms == 60000 && c.on_exit == ON_EXIT_POWEROFF, "restart defaults");
	CHECK(ok("[process]\nexec = x\n[supervisor]\nrestart = on-failure\nrestart-delay = 100ms\n"
		 "restart-max-delay = 1s\non-exit = halt\n"), "restart keys");
	CHECK(c.restart == RESTART_ON_FAILURE && c.restart_delay_ms == 100 && c.restart_max_delay_ms == 1000 &&
	      c.on_exit == ON_EXIT_HALT, "restart values");
	/* on-failure: any non-zero status; always: every status. */
	CHECK(!restart_wanted(&c, 0) && restart_wanted(&c, 1) && restart_wanted(&c, 143), "on-failure");
	c.restart = RESTART_ALWAYS;
	CHECK(restart_wanted(&c, 0), "always");
	c.restart = RESTART_NO;
	CHECK(!restart_wanted(&c, 1), "no");
	/* Back-off: doubles after quick failures, capped; a long run resets. */
	CHECK_INT(restart_next_delay(&c, 0, 10), 100);
	CHECK_INT(restart_next_delay(&c, 100, 10), 200);
	CHECK_INT(restart_next_delay(&c, 800, 10), 1000);
	CHECK_INT(restart_next_delay(&c, 1000, 10), 1000);
	CHECK_INT(restart_next_delay(&c, 1000, 1000), 100);
	bad("[process]\nexec = x\n[supervisor]\nrestart = sometimes\n",
	    "t.ini:4: bad value 'sometimes' for 'restart' in [supervisor]: expected no, on-failure or always");
	bad("[process]\nexec = x\n[supervisor]\non-exit = explode\n",
	    "t.ini:4: bad value 'explode' for 'on-exit' in [supervisor]: expected poweroff, reboot or halt");
	bad("[process]\nexec = x\n[supervisor]\nrestart-delay = 10s\nrestart-max-delay = 5s\n",
	    "t.ini:5: supervisor.restart-max-delay is below restart-delay");
}
#endif

static void test_overrides(void)
{
	char *sets[] = { "process.user=1000", "process.env=C=3", "mounts.tmpfs=/run" };
	char *args[] = { "/bin/echo", "hi", NULL };
	struct config_overrides o = { .sets = sets, .nsets = 3, .args = args, .name = "other", .pid_file = "/p" };
	const char *err;

	CHECK(parse("[process]\nexec = x\nuser = 0\nenv = A=1\n", &o, &err) == 0, "overrides apply: %s", err);
	CHECK_STR(c.user, "1000");
	CHECK_INT(c.nenv, 2);
	CHECK_STR(c.exec[0], "/bin/echo");
	CHECK_INT(count_words(c.exec), 2);
	CHECK_STR(c.name, "other");
	CHECK_STR(c.pid_file, "/p");
	CHECK(c.nmounts == 14 && c.mounts[13].kind == M_TMPFS, "--set adds a mount");
	/* -- ARG makes exec optional. */
	struct config_overrides o2 = { .args = args };
	CHECK(parse("[container]\nhostname = a\n", &o2, &err) == 0, "exec from -- ARG: %s", err);

	bad_set("[process]\nexec = x\n", "process.user=a:b:c",
		"--set process.user=a:b:c: bad value 'a:b:c' for 'user' in [process]: expected UID[:GID] or NAME[:GROUP]");
	bad_set("[process]\nexec = x\n", "process.nokey=1", "--set process.nokey=1: unknown key 'nokey' in [process]");
	bad_set("[process]\nexec = x\n", "nosection=1", "--set nosection=1: expected SECTION.KEY=VALUE");
	bad_set("[process]\nexec = x\n", "bogus.key=1", "--set bogus.key=1: unknown section [bogus]");
}

/* inih is compiled by cella's build with the same INI_* flags in every build
 * mode (static musl, STATIC=0 glibc, cross, package builders): these lines
 * mean the same to all of them. (A system libinih did not agree: Debian's
 * cut ' ;' off as an inline comment and took 198 characters a line.) */
static void test_inih_settings(void)
{
	CHECK_INT(config_max_line, 1022);
	/* No inline comments: ';' and '#' after a value are part of it. */
	CHECK(ok("[process]\nexec = /bin/sh -c 'echo a ; echo b'\n"), "exec with ' ; '");
	CHECK(c.exec && c.exec[0] && c.exec[1] && c.exec[2] && !c.exec[3], "three words");
	CHECK_STR(c.exec[0], "/bin/sh");
	CHECK_STR(c.exec[2], "echo a ; echo b");
	CHECK(ok("[process]\nexec = x\nenv = A=1 ; 2 # 3\n") && c.nenv == 1, "env with ' ; '");
	CHECK_STR(c.env[0], "A=1 ; 2 # 3");
	/* A 900-character line is taken whole. */
	char line[1000];
	int n = snprintf(line, sizeof(line), "[process]\nexec = /bin/echo ");
	int arg = 900 - (n - (int)strlen("[process]\n"));
	memset(line + n, 'x', arg);
	line[n + arg] = 0;
	CHECK_INT(strlen(line) - strlen("[process]\n"), 900);
	CHECK(ok(line), "a 900-character line");
	CHECK(c.exec && c.exec[1] && strlen(c.exec[1]) == (size_t)arg && !c.exec[2], "its argument whole");
	/* No multi-line values: an indented line is a key of its own. */
	bad("[process]\nexec = x\n  more = y\n", "t.ini:3: unknown key 'more' in [process]");
}

int main(void)
{
	test_defaults();
	test_keys();
	test_mounts();
	test_errors();
	test_inih_settings();
	test_overrides();
#if HAVE_PID1
	test_restart();
#endif
	config_free(&c);
	/* Freeing twice, or a struct never filled, is harmless. */
	config_free(&c);
	CHECK(c.name == NULL && c.mounts == NULL && c.nmounts == 0, "config_free leaves a zeroed struct");
	return unit_report();
}
