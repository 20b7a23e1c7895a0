/*
 * xmalloc: allocation wrappers that abort on out-of-memory.
 *
 * The catalogue and the kiosk cannot do anything useful without memory, so
 * they abort with a message instead of threading NULL checks everywhere
 * (tmux xmalloc.c). sync/ network code uses them only for small, bounded
 * allocations; sizes that come from the network are capped before.
 */
#ifndef CATALOG_XMALLOC_H
#define CATALOG_XMALLOC_H

#include <stddef.h>
#include <stdarg.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* xstrdup that passes NULL through. */
char *xstrdup0(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/*
 * Keep freed memory at the top of the heap (up to 32 MiB) instead of
 * returning it to the kernel at every free (glibc's default beyond
 * 128 KiB). SQLite frees and reallocates its statement buffers for each
 * row an import or a delta writes; trimming the heap each time cost an
 * import a third of its time in brk(), page faults and TLB flushes.
 * Peak memory is unchanged. Programs call it first thing in main().
 */
void xmalloc_keep_heap(void);

#endif
