/*
 * repo: where a repository's files are, as URLs.
 *
 * A repository is given as an http://, https:// or file:// URL of its
 * directory (or of its manifest.json), or as a plain directory path such
 * as a USB stick's mount point, which becomes a file:// URL. File names
 * come from the manifest, which allows only [A-Za-z0-9._-], so they are
 * appended without escaping.
 */
#ifndef SYNC_REPO_H
#define SYNC_REPO_H

/* The base URL (ending in '/') for repo; NULL and *cause when unusable. */
char *sync_repo_base(const char *repo, char **cause);
/* base + name, a new string. */
char *sync_repo_url(const char *base, const char *name);

#endif
