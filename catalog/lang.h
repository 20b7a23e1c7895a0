/*
 * lang: language tags and the fallback chain.
 *
 * Tags are BCP 47. catalog_lang_canon() brings any variant ("NL_nl",
 * "nl-nl", "en_GB") to canonical form ("nl-NL", "en-GB") with ICU. Texts
 * are stored under the primary language subtag ("nl" for nl-NL and nl-BE)
 * because a kiosk that speaks Dutch wants Flemish text over English text.
 *
 * Reading a text walks a chain: the requested language, English, Dutch,
 * then any language present; the caller is told which one it got.
 */
#ifndef CATALOG_LANG_H
#define CATALOG_LANG_H

#include <stddef.h>

#define CATALOG_LANG_MAX 36	/* longest tag kept, with NUL */

/* Canonical BCP 47 form of tag into out; -1 when tag is not a valid tag. */
int catalog_lang_canon(const char *tag, char *out, size_t outsz);
/* Primary language subtag ("nl" for "nl-BE"), lower case; -1 if invalid. */
int catalog_lang_primary(const char *tag, char *out, size_t outsz);
/* The fallback chain for lang: up to 3 distinct tags, returns the count. */
size_t catalog_lang_chain(const char *lang, const char *chain[3]);
/* 1 when the script of lang is written right to left (ar, fa, he, ...). */
int catalog_lang_is_rtl(const char *lang);

#endif
