/* SPDX-License-Identifier: GPL-2.0-only */
/* config.h - the configuration: one struct filled by the parser, no side effects. */
#ifndef CELLA_CONFIG_H
#define CELLA_CONFIG_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/resource.h>

enum ns_kind { NS_PID, NS_MOUNT, NS_UTS, NS_IPC, NS_NET, NS_CGROUP, NS_USER, NS_TIME, NS_COUNT };
enum pivot_mode { PIVOT_AUTO, PIVOT_YES, PIVOT_NO };
enum restart_policy { RESTART_NO, RESTART_ON_FAILURE, RESTART_ALWAYS };
enum on_exit { ON_EXIT_POWEROFF, ON_EXIT_REBOOT, ON_EXIT_HALT };
enum mount_kind { M_PROC, M_SYSFS, M_DEV, M_TMPFS, M_BIND, M_MASK, M_READONLY };

struct ns_conf {
	bool enabled;  /* a new namespace */
	char *join;    /* or join this one (path to an ns file) */
};

struct mount_conf {
	enum mount_kind kind;
	char *source;  /* bind */
	char *target;  /* inside the container */
	char *data;    /* tmpfs options */
	bool ro, rec, rw;
	bool is_default; /* added by defaults = yes */
	int line;        /* in the file; 0 for defaults and --set */
};

#define RLIMIT_COUNT 16

/* [seccomp] (seccomp.c). Bit maps by system call number of the build's
 * architecture; cella exec reads the struct back from the state directory. */
#define SECCOMP_NR_LIMIT 1024
enum seccomp_profile { SECCOMP_DEFAULT, SECCOMP_NONE };
enum seccomp_action { SECCOMP_ERRNO, SECCOMP_KILL, SECCOMP_LOG };
struct seccomp_conf {
	uint8_t profile, action;  /* enum seccomp_profile, seccomp_action */
	uint64_t deny[SECCOMP_NR_LIMIT / 64], allow[SECCOMP_NR_LIMIT / 64];
};
/* Whether the bit map M (deny, allow) holds system call NR. */
static inline bool seccomp_in(const uint64_t *m, unsigned nr) { return m[nr / 64] >> (nr % 64) & 1; }

/* capabilities.keep = default: the set Podman gives a container (chown,
 * dac_override, fowner, fsetid, kill, setgid, setuid, setpcap,
 * net_bind_service, sys_chroot, setfcap), by number as in
 * <linux/capability.h>, which this header does not pull in. */
#define CAPS_DEFAULT ((1ULL << 0) | (1ULL << 1) | (1ULL << 3) | (1ULL << 4) | (1ULL << 5) | \
		      (1ULL << 6) | (1ULL << 7) | (1ULL << 8) | (1ULL << 10) | (1ULL << 18) | \
		      (1ULL << 31))

/* [cgroup] (cgroup.c): which keys are set, bit per key. */
enum { CG_MEM_MAX = 1, CG_MEM_HIGH = 2, CG_PIDS = 4, CG_CPU_MAX = 8, CG_CPU_W = 16, CG_IO_W = 32, CG_CPUS = 64 };
struct cg_conf {
	bool on;            /* the file has a [cgroup] key */
	unsigned set;       /* CG_* */
	char *path;         /* NULL: cella/NAME */
	uint64_t mem_max, mem_high, pids_max; /* SIZE_MAX_VALUE: max */
	long long cpu_quota, cpu_period;      /* quota -1: max */
	long cpu_weight, io_weight;
	char *cpus;
};

/* [network] (network.c): names are IFNAMSIZ arrays, "" when not given. */
struct net_addr {
	unsigned char family; /* AF_INET, AF_INET6; 0: none */
	unsigned char prefix;
	unsigned char a[16];
};

struct net_conf {
	bool any;               /* a [network] key was given */
	int line;               /* the first one's line, for messages */
	char veth[2][16];       /* HOSTIF, INSIDEIF */
	char bridge[16];
	char macvlan[2][16];    /* PARENT, INSIDEIF */
	int macvlan_mode;       /* MACVLAN_MODE_* */
	char (*move)[2][16];    /* IF, INSIDENAME */
	int nmove;
	struct net_addr host_addr;
	struct net_addr *addr;
	int naddr;
	struct net_addr gw[2];  /* IPv4, IPv6 */
	unsigned mtu;
};

struct config {
	const char *file;       /* as given, for messages */
	char *name;
	char *hostname;

	char *root_path;
	enum pivot_mode pivot;
	bool root_readonly;

	char **exec;
	char *cwd;
	char *user;
	char **groups;
	char **env;   int nenv;
	char **pass_env;
	unsigned umask;
	bool no_new_privs;
	struct rlimit rlim[RLIMIT_COUNT];
	uint32_t rlim_set;      /* bit per resource */
	long oom_score_adj;
	bool oom_set;
	bool init;
	int stop_signal;
	long long stop_timeout_ms;

	struct ns_conf ns[NS_COUNT];

	uint64_t cap_keep;      /* after "all"/"none"/names */
	uint64_t cap_named;     /* named explicitly in keep */
	uint64_t cap_drop;

	struct mount_conf *mounts; int nmounts;
	bool mount_defaults;

	char *pid_file;
	bool subreaper;
	char *log;
	enum restart_policy restart;
	long long restart_delay_ms, restart_max_delay_ms;
	enum on_exit on_exit;
	bool listen_fds;
	bool notify;
	bool terminal;

	/* User namespace (userns.c): namespaces.uid-map [0] and gid-map [1],
	 * in file order; root.idmap. */
	struct id_map { unsigned long inside, outside, count; int line; } *id_maps[2];
	int nid_maps[2];
	bool root_idmap;

	/* [seccomp] */
	struct seccomp_conf seccomp;

	struct net_conf net;

	struct cg_conf cg;
};

/* Options from the command line that feed the configuration. */
struct config_overrides {
	const char *name;        /* --name */
	const char *pid_file;    /* --pid-file */
	char **sets; int nsets;  /* --set SECTION.KEY=VALUE */
	char **args;             /* -- ARG... (replaces process.exec) */
};

/* Read, parse and validate FILE with the overrides applied. On error, one
 * line "cella: FILE:LINE: ..." is logged and -EINVAL (or -errno) returned;
 * nothing outside the struct is touched. */
int config_load(struct config *c, const char *file, const struct config_overrides *o);

/* Parse from a string (unit tests); `file` is used in messages only. */
int config_parse_string(struct config *c, const char *file, const char *text,
			const struct config_overrides *o);

/* Free every allocated member and zero the struct. Safe after a failed
 * config_load or config_parse_string (which may have filled part of it), on
 * a zeroed struct, and twice. */
void config_free(struct config *c);

/* The longest line the parser takes (inih's INI_MAX_LINE less newline and
 * NUL): 1022, in every build (cella compiles inih itself). */
extern const int config_max_line;

/* The namespace names as in the file, indexed by enum ns_kind. */
extern const char ns_names[NS_COUNT][8];

#endif
