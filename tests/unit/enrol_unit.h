/*
 * enrol_unit: helpers for the enrolment unit tests (a state database in a
 * temporary folder, small file helpers). Included by the test programs.
 */
#ifndef TESTS_ENROL_UNIT_H
#define TESTS_ENROL_UNIT_H

#include "config.h"

#include "unit.h"

#include <fcntl.h>
#include <sys/stat.h>

#include "catalog/state.h"

struct unit_state {
	char		 dir[64];
	char		*path;
	struct catalog_state *state;
};

static inline struct unit_state *
unit_state_new(void)
{
	struct unit_state *u = xcalloc(1, sizeof *u);
	char *cause = NULL;

	snprintf(u->dir, sizeof u->dir, "/tmp/leerpunt-unit.XXXXXX");
	assert_non_null(mkdtemp(u->dir));
	u->path = xasprintf("%s/sub/state.db", u->dir);
	if ((u->state = catalog_state_open(u->path, &cause)) == NULL)
		fail_msg("state: %s", cause);
	return u;
}

static inline void
unit_state_reopen(struct unit_state *u)
{
	char *cause = NULL;

	catalog_state_close(u->state);
	if ((u->state = catalog_state_open(u->path, &cause)) == NULL)
		fail_msg("state: %s", cause);
}

static inline void
unit_state_free(struct unit_state *u)
{
	char *cmd;

	if (u == NULL)
		return;
	catalog_state_close(u->state);
	cmd = xasprintf("rm -rf '%s'", u->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "# cannot remove %s\n", u->dir);
	free(cmd);
	free(u->path);
	free(u);
}

/* Write text to path (mode), replacing it. */
static inline void
unit_write(const char *path, const void *data, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

/* Read a whole (small) file into a new buffer. */
static inline unsigned char *
unit_read(const char *path, size_t *len)
{
	unsigned char *buf = xmalloc(1 << 20);
	int fd = open(path, O_RDONLY);
	ssize_t n;

	assert_true(fd >= 0);
	n = read(fd, buf, 1 << 20);
	assert_true(n >= 0);
	close(fd);
	*len = (size_t)n;
	return buf;
}

/* 1 when needle occurs in the len bytes of hay. */
static inline int
unit_contains(const unsigned char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	return n <= len && memmem(hay, len, needle, n) != NULL;
}

#endif
