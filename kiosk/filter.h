/*
 * filter: what a person has narrowed a list down to, by answering the
 * simple questions (Where? When? Cost? Online or on site? Language of the
 * lessons?) or by typing a word. A filter turns into a catalog_query and
 * into short words for the screen ("Zuid-Holland", "Free"), remembers the
 * order in which answers were given (so "drop the last choice" knows
 * which), and is copied by value between screens (each question screen
 * keeps its own copy, so Back restores the earlier answers).
 *
 * Where: without distance search in the catalogue (catalog_query has no
 * lat/lon yet), "Near me" is the kiosk's configured home province and a
 * place name is narrowed to the province of that place.
 */
#ifndef KIOSK_FILTER_H
#define KIOSK_FILTER_H

#include <stddef.h>

#include "catalog/lang.h"

struct catalog_query;
struct kiosk_app;
struct kiosk_format;

enum kiosk_filter_question {
	KIOSK_FILTER_WHERE,
	KIOSK_FILTER_WHEN,
	KIOSK_FILTER_COST,
	KIOSK_FILTER_MODE,
	KIOSK_FILTER_LANG,
	KIOSK_FILTER_NQUESTIONS,
	KIOSK_FILTER_WORD = KIOSK_FILTER_NQUESTIONS,	/* typed word */
	KIOSK_FILTER_NKINDS
};

/* Start windows of the When question, in days (0: any time). */
#define KIOSK_FILTER_SOON 31
#define KIOSK_FILTER_QUARTER 92

#define KIOSK_FILTER_TEXT_MAX 128

struct kiosk_filter {
	char	 theme[64];		/* theme key or "" */
	char	 province[64];		/* "" for anywhere */
	char	 place[KIOSK_FILTER_TEXT_MAX];	/* place name or "" */
	int	 days;			/* 0, SOON or QUARTER */
	int	 free_only;
	int	 mode;			/* enum catalog_mode, 0 for any */
	char	 lang[CATALOG_LANG_MAX];	/* instruction language or "" */
	char	 text[KIOSK_FILTER_TEXT_MAX];	/* typed word or "" */
	/* Question kinds in the order they were answered, oldest first. */
	int	 order[KIOSK_FILTER_NKINDS];
	int	 norder;
};

void kiosk_filter_init(struct kiosk_filter *f);
/* Fill q from f (q must stay valid no longer than f). */
void kiosk_filter_query(const struct kiosk_filter *f, struct kiosk_app *app,
    struct catalog_query *q);
/* 1 when the question (or the word) has an answer that narrows. */
int kiosk_filter_active(const struct kiosk_filter *f, int kind);
/* Number of narrowing answers (the theme not counted). */
int kiosk_filter_count(const struct kiosk_filter *f);
/* The answer was set or changed: note kind as the newest. */
void kiosk_filter_touch(struct kiosk_filter *f, int kind);
/* Drop the answer of one kind. */
void kiosk_filter_drop(struct kiosk_filter *f, int kind);
/* The kind answered last that is still active, or -1. */
int kiosk_filter_last(const struct kiosk_filter *f);
/* The answer in words ("Free", "Zuid-Holland"), a new string; NULL when
 * the kind is not active. */
char *kiosk_filter_words(const struct kiosk_filter *f,
    struct kiosk_format *fmt, int kind);
/* All active answers joined with " · ", a new string ("" for none). */
char *kiosk_filter_summary(const struct kiosk_filter *f,
    struct kiosk_format *fmt);
/* The question in a few words ("Where?"). */
const char *kiosk_filter_question(int kind);
/* Matches for f (offset 0, no rows), or -1 when the search failed. */
long kiosk_filter_total(const struct kiosk_filter *f, struct kiosk_app *app);
/* Wipe what was typed (a place or a word). */
void kiosk_filter_wipe(struct kiosk_filter *f);

/* The twelve provinces, in Dutch as they are stored; *n is set. */
const char *const *kiosk_filter_provinces(size_t *n);
/* The province name as stored for any case, or NULL when unknown. */
const char *kiosk_filter_province_find(const char *name);

#endif
