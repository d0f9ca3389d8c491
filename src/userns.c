/* SPDX-License-Identifier: GPL-2.0-only */
/* userns.c - namespaces.user: the parent writes the child's id maps while
 * it waits; the child then becomes root inside.
 *
 * setgroups stays "allow": cella writes gid_map with CAP_SETGID in the
 * parent namespace, which is the case the kernel leaves it allowed for
 * (the container's root may then setgroups within its own gid map). */
#include "userns.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "log.h"
#include "sys.h"

/* One write, as the kernel wants it (a second write is refused). */
static int write_at(int dir, pid_t pid, const char *name, const char *text, int len, const char *what)
{
	int r = write_file_at(dir, name, text, (size_t)len, 0, 0);

	if (r < 0)
		log_error("%s: write /proc/%d/%s: %s", what, (int)pid, name, strerror(-r));
	return r;
}

/* root.idmap: root.path seen through the child's user namespace, so that
 * what root owns on disk is root's inside. Only the owner of the
 * filesystem's user namespace may make the mount: cella makes it, detached,
 * and hands it to the child (userns_mount_root). */
static int idmap_root(const struct config *c, int dir, int *root_fd)
{
	struct sys_mount_attr a = { .attr_set = MOUNT_ATTR_IDMAP };
	int ns = openat(dir, "ns/user", O_RDONLY | O_CLOEXEC), e = 0;

	*root_fd = -1;
	if (ns < 0)
		e = errno;
	else if ((*root_fd = sys_open_tree(c->root_path, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE)) < 0)
		e = errno;
	else if (a.userns_fd = (unsigned)ns, sys_mount_setattr(*root_fd, "", AT_EMPTY_PATH | AT_RECURSIVE, &a) < 0)
		e = errno;
	if (ns >= 0)
		close(ns);
	if (!e)
		return 0;
	if (*root_fd >= 0)
		close(*root_fd);
	*root_fd = -1;
	log_error("root.idmap: idmapped mount of %s: %s (needs Linux 5.12+ and a filesystem that supports them)",
		  c->root_path, strerror(e));
	return -e;
}

int userns_mount_root(const struct config *c, int root_fd)
{
	if (root_fd < 0)
		return 0;
	int r = sys_move_mount(root_fd, c->root_path) < 0 ? -errno : 0;
	if (r < 0)
		log_error("root.idmap: mount the idmapped %s: %s", c->root_path, strerror(-r));
	close(root_fd);
	return r;
}

int userns_setup_child(const struct config *c, pid_t child, int *root_fd)
{
	/* (the uid map, the gid map, oom_score_adj: each string 8 and 19
	 * bytes from the one before) */
	static const char file[] = "uid_map\0gid_map\0oom_score_adj",
			  key[] = "namespaces.uid-map\0namespaces.gid-map\0process.oom-score-adj";
	char buf[4096];
	int dir, r = 0;

	if (!userns_on(c))
		return 0;
	/* The child is ours and not reaped: the pid cannot be reused. */
	snprintf(buf, sizeof(buf), "/proc/%d", (int)child);
	if ((dir = open(buf, O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0) {
		r = -errno;
		log_error("user namespace: open %s: %s", buf, strerror(errno));
		return r;
	}
	for (int w = 0; w < 2 + c->oom_set && r == 0; w++) {
		int len = 0;
		/* (validate made sure it fits) */
		for (int i = 0; w < 2 && i < c->nid_maps[w]; i++) {
			const struct id_map *m = &c->id_maps[w][i];
			len += snprintf(buf + len, sizeof(buf) - len, "%lu %lu %lu\n", m->inside, m->outside, m->count);
		}
		if (w == 2)
			len = snprintf(buf, sizeof(buf), "%ld", c->oom_score_adj);
		r = write_at(dir, child, file + 8 * w, buf, len, key + 19 * w);
	}
	if (r == 0 && c->root_idmap)
		r = idmap_root(c, dir, root_fd);
	if (r < 0 && *root_fd >= 0) {
		close(*root_fd);
		*root_fd = -1;
	}
	close(dir);
	return r;
}

int userns_become_root(const struct config *c)
{
	if (!userns_on(c))
		return 0;
	/* (cella's supplementary groups go too: kernel checks would still
	 * count them, unmapped as they are.) */
	if (sys_setgroups(0, NULL) < 0 || sys_setresgid(0) < 0 || sys_setresuid(0) < 0) {
		int e = errno;
		log_error("user namespace: become root inside: %s", strerror(e));
		return -e;
	}
	return 0;
}
