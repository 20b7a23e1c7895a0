/*
 * report: the office turns the kiosks' weekly statistics into tables and
 * charts.
 *
 * Every *.stats file under a folder (recursively) is checked like an
 * enrolment in the inbox (enrfile.h): a known kiosk's signature, sealed to
 * this office's key, and its JSON must follow the rules of stats.h (the
 * kiosk and week inside match the signed header, every day lies in that
 * week, only known kinds of count, no word from fewer than
 * CATALOG_STATS_K sessions). A file must also carry the name it was
 * uploaded under (KIOSK-ID/S2026-W48.stats), and each kiosk's week is
 * read once: a second file for the same kiosk and week (a replay, or a
 * copy under another name or folder) is refused. Refused files are named
 * on the error stream with the reason and left where they are; the rest
 * make the report.
 *
 * The report is a folder: one CSV per table (daily.csv, languages.csv,
 * themes.csv, questions.csv, enrolments.csv, words.csv) and report.html,
 * one page with inline SVG charts (sessions per day per kiosk, languages,
 * themes, the top words that found nothing, enrolments per course) and no
 * outside resources, so it opens in any browser without a network. All
 * text from the uploads is HTML-escaped there and defused in the CSVs.
 * The charts and the CSVs are drawn from the same totals.
 */
#ifndef CATALOG_REPORT_H
#define CATALOG_REPORT_H

#include <stddef.h>
#include <stdio.h>

struct catalog_keys;

struct catalog_report_summary {
	size_t		 read;		/* weekly files used */
	size_t		 rejected;	/* refused (named on err) */
	size_t		 kiosks;	/* kiosks in the report */
};

/*
 * Read dir and write the report into outdir (made if missing; the files
 * in it are replaced). Refused files go to err. 0 when the report was
 * written (even if files were refused: see *summary), -1 and *cause when
 * dir could not be read or the report not written.
 */
int catalog_report_run(const char *dir, const struct catalog_keys *office,
    struct catalog_keys *const *kiosks, size_t nkiosks, const char *outdir,
    FILE *err, struct catalog_report_summary *summary, char **cause);

#endif
