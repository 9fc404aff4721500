/* sam-validate.h: field validators shared by every store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * SAM_NAME_MAX_CHARS:
 *
 * The longest name, in characters: a person's name, an agency, a school, a
 * user's display name. Long enough for any real Swedish name with
 * middle names and double surnames, short enough for one line of a list.
 */
#define SAM_NAME_MAX_CHARS        120

/**
 * SAM_SHORT_TEXT_MAX_CHARS:
 *
 * The longest short text, in characters: a title, a place, a goal's
 * indicator, a closing reason. Anything longer belongs in a long text.
 */
#define SAM_SHORT_TEXT_MAX_CHARS  200

/**
 * SAM_LONG_TEXT_MAX_CHARS:
 *
 * The longest free text, in characters: a concern's description, a journal
 * note, meeting minutes. About eight printed pages; it bounds what one row,
 * the search index and a print can hold.
 */
#define SAM_LONG_TEXT_MAX_CHARS   20000

/**
 * SAM_DATE_MIN_YEAR:
 *
 * The earliest year sam_validate_date() accepts. Birth dates of guardians
 * reach back this far; nothing in a case does.
 */
#define SAM_DATE_MIN_YEAR         1900

/**
 * SAM_DATE_MAX_YEAR:
 *
 * The latest year sam_validate_date() accepts. A year past it is a typing
 * mistake, not a plan.
 */
#define SAM_DATE_MAX_YEAR         2200

/**
 * SamTextKind:
 * @SAM_TEXT_SINGLE_LINE: one line: no control characters at all, and no
 *   space at the start or the end
 * @SAM_TEXT_MULTI_LINE: free text: line breaks and tabs are allowed, other
 *   control characters are not
 */
typedef enum
{
  SAM_TEXT_SINGLE_LINE,
  SAM_TEXT_MULTI_LINE,
} SamTextKind;

gboolean sam_validate_text        (const char          *field,
                                   const char          *text,
                                   guint                min_chars,
                                   guint                max_chars,
                                   SamTextKind          kind,
                                   GError             **error);
gboolean sam_validate_date        (const char          *field,
                                   const char          *iso_text,
                                   GDate               *out,
                                   GError             **error);
gboolean sam_validate_date_range  (const char          *from_field,
                                   const GDate         *from,
                                   const char          *to_field,
                                   const GDate         *to,
                                   GError             **error);
gboolean sam_validate_int_range   (const char          *field,
                                   gint64               value,
                                   gint64               min,
                                   gint64               max,
                                   GError             **error);
gboolean sam_validate_choice      (const char          *field,
                                   const char          *value,
                                   const char * const  *allowed,
                                   GError             **error);

G_END_DECLS
