/*
 * enroltext: problem codes of the enrolment checks in words (see
 * enroltext.h). Each message starts with the field it is about, so the
 * person hears which field to fix before how; the words are B1 in every
 * catalogue (locales/).
 */
#include "config.h"

#include "catalog/xmalloc.h"
#include "kiosk/enroltext.h"
#include "kiosk/lang.h"

char *
kiosk_enroltext(enum catalog_enrol_problem p)
{
	switch (p) {
	case CATALOG_ENROL_OK:
		return xstrdup(_("This looks right."));
	case CATALOG_ENROL_NAME_EMPTY:
		return xstrdup(_("Name: please fill in the name."));
	case CATALOG_ENROL_NAME_CHARACTER:
		return xstrdup(_("Name: it has a character that is not "
		    "allowed. Use letters, spaces and dashes."));
	case CATALOG_ENROL_NAME_LONG:
		return xasprintf(_("Name: it is too long. Use at most %d "
		    "characters."), CATALOG_ENROL_NAME_MAX);
	case CATALOG_ENROL_PHONE_BAD:
		return xstrdup(_("Phone: write a Dutch number of 10 digits "
		    "(06 1234 5678, 010 123 4567), +31 6 1234 5678, or a short "
		    "number like 14 010."));
	case CATALOG_ENROL_PHONE_SHORT:
		return xstrdup(_("Phone: a short number is 14 and the area "
		    "code, for example 14 010."));
	case CATALOG_ENROL_PHONE_MOBILE:
		return xstrdup(_("Phone: a mobile number has 10 digits: 06 "
		    "and 8 more, for example 06 1234 5678."));
	case CATALOG_ENROL_EMAIL_BAD:
		return xstrdup(_("E-mail: this is not an e-mail address. "
		    "Write it like name@example.nl."));
	case CATALOG_ENROL_NOTE_CHARACTER:
		return xstrdup(_("Note: it has a character that is not "
		    "allowed."));
	case CATALOG_ENROL_NOTE_LONG:
		return xasprintf(_("Note: it is too long. Use at most %d "
		    "characters."), CATALOG_ENROL_NOTE_MAX);
	case CATALOG_ENROL_CONTACT_MISSING:
		return xstrdup(_("Phone or e-mail: please fill in at least "
		    "one, so the course can reach the person."));
	case CATALOG_ENROL_CONSENT_MISSING:
		return xstrdup(_("Consent: read the consent text to the "
		    "person. Enrol only when they agree."));
	}
	return xstrdup(catalog_enrol_problem_text(p));
}
