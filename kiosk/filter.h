/*
 * filter: what a person has narrowed a list down to, by answering the
 * simple questions (Where? When? Cost? Online or on site? Language of the
 * lessons?) or by typing a word. A filter turns into a catalog_query and
 * into short words for the screen ("Zuid-Holland", "Free"), remembers the
 * order in which answers were given (so "drop the last choice" knows
 * which), and is copied by value between screens (each question screen
 * keeps its own copy, so Back restores the earlier answers).
 *
 * Where: a province, or a distance around a position: the kiosk's home
 * (--home, "Near me") or a place of the catalogue typed by name (its
 * position from catalog_search_place()), within 10, 25 or 50 km or at any
 * distance, nearest first. Without --home, "Near me" is the home province
 * (--province); a place without a known position narrows to its province.
 * When: starts within a month or three months, or later than three
 * months. Counts say "1000+" when the catalogue stopped counting.
 *
 * The questions are one table (struct kiosk_question, filter.c): a row
 * has the kind, the question, a builder of its answers, and how an
 * answer is applied, dropped and put in words. The answers offered come
 * from the catalogue's vocabularies (catalog/vocab.h: provinces, modes,
 * instruction languages) and are translated here. Adding a question is
 * one row and one builder; screen_ask.c shows any row.
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
	KIOSK_FILTER_NKINDS,
	/* Follow-up questions of Where? (they set KIOSK_FILTER_WHERE). */
	KIOSK_FILTER_PROVINCES = 100,	/* the province list */
	KIOSK_FILTER_RADIUS = 102	/* How far? after a place or Near me */
};

/* Start windows of the When question, in days (0: any time). */
#define KIOSK_FILTER_SOON 31
#define KIOSK_FILTER_QUARTER 92
/* Radius of "Near me" and of a place until How far? is answered, in km;
 * KIOSK_FILTER_ANY_KM: any distance, the nearest first. */
#define KIOSK_FILTER_KM 25
#define KIOSK_FILTER_ANY_KM (-1)

#define KIOSK_FILTER_TEXT_MAX 128

struct kiosk_filter {
	char	 theme[64];		/* theme key or "" */
	char	 province[64];		/* "" for anywhere */
	char	 place[KIOSK_FILTER_TEXT_MAX];	/* place name or "" */
	int	 near;			/* 1: around lat, lon */
	double	 lat, lon;		/* the place, or the kiosk ("" place) */
	int	 km;			/* with near: radius or ANY_KM */
	int	 days;			/* 0, SOON or QUARTER: starts within */
	int	 after;			/* 0 or QUARTER: starts after */
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
/* The question in a few words ("Where?"), translated. */
const char *kiosk_filter_question(int kind);
/* Matches for f (offset 0, no rows), or -1 when the search failed;
 * *capped (may be NULL) is 1 when the catalogue stopped counting, so
 * there are at least that many. */
long kiosk_filter_total(const struct kiosk_filter *f, struct kiosk_app *app,
    int *capped);
/* A count in words: "12 offers", "1000+ offers", "none right now" or
 * (n < 0) "cannot count right now"; a new string. */
char *kiosk_filter_offers(long n, int capped);
/* Where: around lat, lon (a place name, or "" for the kiosk itself)
 * within km (or ANY_KM); the province answer goes. */
void kiosk_filter_set_near(struct kiosk_filter *f, const char *place,
    double lat, double lon, int km);
/* Wipe what was typed (a place or a word). */
void kiosk_filter_wipe(struct kiosk_filter *f);

/* Where choosing an answer leads (screen_ask.c acts on it). */
enum kiosk_answer_next {
	KIOSK_ANSWER_SET,	/* applied: the next question or the list */
	KIOSK_ANSWER_RADIUS,	/* applied, then How far? */
	KIOSK_ANSWER_PROVINCES,	/* the province list; nothing applied */
	KIOSK_ANSWER_PLACE	/* type a place name; nothing applied */
};

/* One answer a question offers. */
struct kiosk_answer {
	char	*label;		/* shown, translated; a new string */
	char	*detail;	/* a new string, or NULL: show the count */
	int	 next;		/* enum kiosk_answer_next */
	int	 prune;		/* leave it out when it finds nothing */
	/* The value apply() sets: */
	int	 num;		/* a number, mode or radius */
	char	 text[64];	/* a code: province or language tag */
	int	 near;		/* Where: around lat, lon within num km */
	double	 lat, lon;
};

struct kiosk_answers {
	struct kiosk_answer	*v;
	size_t			 n, alloc;
};

/* One narrowing question. */
struct kiosk_question {
	int		 kind;		/* enum kiosk_filter_question */
	int		 sets;		/* the answer kind it sets (kind, or
					 * WHERE for a follow-up) */
	const char	*question;	/* msgid: "Where?" */
	const char	*any;		/* msgid of "drop it" in change mode */
	const char	*skip;		/* msgid of "drop it" in the flow */
	/* Append the answers offered for f (may be NULL: none offered). */
	void		(*answers)(struct kiosk_app *app,
			    const struct kiosk_filter *f,
			    struct kiosk_answers *out);
	/* Set answer a in f (may be NULL with answers NULL). */
	void		(*apply)(struct kiosk_filter *f,
			    const struct kiosk_answer *a);
	/* 1 when f has an answer; drop it; the answer in words (a new
	 * string). NULL in a follow-up row: those of `sets`. */
	int		(*active)(const struct kiosk_filter *f);
	void		(*drop)(struct kiosk_filter *f);
	char		*(*words)(const struct kiosk_filter *f,
			    struct kiosk_format *fmt);
};

/* The row of kind, or NULL when there is none. */
const struct kiosk_question *kiosk_filter_row(int kind);
/* The answers of kind's question for f, in out (initially zeroed). */
void kiosk_filter_answers(int kind, struct kiosk_app *app,
    const struct kiosk_filter *f, struct kiosk_answers *out);
/* Apply answer a of kind's question to f and note it as the newest. */
void kiosk_filter_apply(struct kiosk_filter *f, int kind,
    const struct kiosk_answer *a);
/* Free the answers and empty out. */
void kiosk_filter_answers_done(struct kiosk_answers *out);

#endif
