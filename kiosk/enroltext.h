/*
 * enroltext: the enrolment checks' problem codes (catalog/enrol.h) in
 * the screen's language. catalog/ holds no UI text; this is where the
 * words for "the phone number has too few digits" and the like live.
 */
#ifndef KIOSK_ENROLTEXT_H
#define KIOSK_ENROLTEXT_H

#include "catalog/enrol.h"

/* The problem in the interface language, naming the field; malloc'd. */
char *kiosk_enroltext(enum catalog_enrol_problem p);

#endif
