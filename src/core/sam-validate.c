/* sam-validate.c: field validators shared by every store
 *
 * Every store checks its input with these before it writes anything, so a
 * refused record is never half-saved (DESIGN §9). Each validator takes the
 * field's translated display name and starts its message with it, so the
 * person reading the message knows which field to fix.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-validate"

#include "config.h"

#include "sam-validate.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "sam-error.h"

#define LINE_SEPARATOR      0x2028
#define PARAGRAPH_SEPARATOR 0x2029

static gboolean invalid (GError     **error,
                         const char  *format,
                         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
required (GError     **error,
          const char  *field)
{
  return invalid (error, _("%s: this field is required."), field);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

/* Unicode's own line and paragraph separators break a line as surely as
 * '\n' does, so a single line refuses them too. */
static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == LINE_SEPARATOR || c == PARAGRAPH_SEPARATOR;
}

static gboolean
is_allowed_character (gunichar    c,
                      SamTextKind kind)
{
  if (kind == SAM_TEXT_MULTI_LINE && (is_line_break (c) || c == '\t'))
    return TRUE;

  return !g_unichar_iscntrl (c) && !is_line_break (c);
}

static gboolean
check_characters (const char   *field,
                  const char   *text,
                  SamTextKind   kind,
                  GError      **error)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (is_allowed_character (g_utf8_get_char (p), kind))
        continue;

      if (kind == SAM_TEXT_SINGLE_LINE)
        return invalid (error, _("%s: write it on one line, without tabs or other control "
                                 "characters."),
                        field);

      return invalid (error, _("%s: remove the control characters; only line breaks and tabs "
                               "are allowed."),
                      field);
    }

  return TRUE;
}

static gboolean
has_outer_space (const char *text)
{
  gsize length = strlen (text);

  if (length == 0)
    return FALSE;

  return g_unichar_isspace (g_utf8_get_char (text)) ||
         g_unichar_isspace (g_utf8_get_char (g_utf8_find_prev_char (text, text + length)));
}

static gboolean
check_length (const char  *field,
              const char  *text,
              guint        min_chars,
              guint        max_chars,
              GError     **error)
{
  glong n_chars = g_utf8_strlen (text, -1);

  if (n_chars < (glong) min_chars)
    return invalid (error,
                    g_dngettext (GETTEXT_PACKAGE,
                                 "%s: write at least %u character (now %ld).",
                                 "%s: write at least %u characters (now %ld).",
                                 min_chars),
                    field, min_chars, n_chars);

  if (n_chars > (glong) max_chars)
    return invalid (error,
                    g_dngettext (GETTEXT_PACKAGE,
                                 "%s: write at most %u character (now %ld).",
                                 "%s: write at most %u characters (now %ld).",
                                 max_chars),
                    field, max_chars, n_chars);

  return TRUE;
}

/* Exactly `DDDD-DD-DD` in ASCII digits, so nothing else needs escaping when
 * the text is quoted back in a message. */
static gboolean
has_iso_date_shape (const char *text)
{
  if (strlen (text) != 10)
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      gboolean is_dash_position = i == 4 || i == 7;

      if (is_dash_position ? text[i] != '-' : !g_ascii_isdigit (text[i]))
        return FALSE;
    }

  return TRUE;
}

static guint
parse_digits (const char *text,
              guint       n_digits)
{
  guint value = 0;

  for (guint i = 0; i < n_digits; i++)
    value = value * 10 + (guint) (text[i] - '0');

  return value;
}

/**
 * sam_validate_text:
 * @field: the field's translated display name, such as "Description"
 * @text: (nullable): the text; %NULL counts as empty
 * @min_chars: the fewest characters; 0 makes the field optional
 * @max_chars: the most characters, such as %SAM_LONG_TEXT_MAX_CHARS
 * @kind: one line, or free text with line breaks
 * @error: return location for a #GError
 *
 * Checks that @text is UTF-8, holds only the characters @kind allows and has
 * between @min_chars and @max_chars characters (not bytes). A required field
 * that holds only white space counts as empty.
 *
 * Returns: %TRUE when @text is valid; otherwise %FALSE with a
 *   %SAM_STORE_ERROR_INVALID error whose message starts with @field
 */
gboolean
sam_validate_text (const char   *field,
                   const char   *text,
                   guint         min_chars,
                   guint         max_chars,
                   SamTextKind   kind,
                   GError      **error)
{
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (min_chars <= max_chars, FALSE);
  g_return_val_if_fail (kind == SAM_TEXT_SINGLE_LINE || kind == SAM_TEXT_MULTI_LINE, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    text = "";

  if (!g_utf8_validate (text, -1, NULL))
    return invalid (error, _("%s: the text is damaged (not valid UTF-8); type it again."),
                    field);

  if (min_chars > 0 && is_blank (text))
    return required (error, field);

  if (!check_characters (field, text, kind, error))
    return FALSE;

  if (kind == SAM_TEXT_SINGLE_LINE && has_outer_space (text))
    return invalid (error, _("%s: remove the space at the start or the end."), field);

  return check_length (field, text, min_chars, max_chars, error);
}

/**
 * sam_validate_date:
 * @field: the field's translated display name, such as "Meeting date"
 * @iso_text: (nullable): the date as `YYYY-MM-DD`
 * @out: (out caller-allocates) (optional): the date; untouched on failure
 * @error: return location for a #GError
 *
 * Accepts only `YYYY-MM-DD`, a date that exists, in a year from
 * %SAM_DATE_MIN_YEAR to %SAM_DATE_MAX_YEAR.
 *
 * Returns: %TRUE when @iso_text is a valid date; otherwise %FALSE with a
 *   %SAM_STORE_ERROR_INVALID error whose message starts with @field
 */
gboolean
sam_validate_date (const char  *field,
                   const char  *iso_text,
                   GDate       *out,
                   GError     **error)
{
  guint year, month, day;

  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (iso_text == NULL || *iso_text == '\0')
    return required (error, field);

  if (!has_iso_date_shape (iso_text))
    return invalid (error, _("%s: write the date as YYYY-MM-DD, for example 2026-03-14."),
                    field);

  year = parse_digits (iso_text, 4);
  month = parse_digits (iso_text + 5, 2);
  day = parse_digits (iso_text + 8, 2);

  if (year < SAM_DATE_MIN_YEAR || year > SAM_DATE_MAX_YEAR)
    return invalid (error, _("%s: the year must be from %d to %d, not %u."),
                    field, SAM_DATE_MIN_YEAR, SAM_DATE_MAX_YEAR, year);

  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return invalid (error, _("%s: %s is not a date."), field, iso_text);

  if (out != NULL)
    {
      g_date_clear (out, 1);
      g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
    }

  return TRUE;
}

/**
 * sam_validate_date_range:
 * @from_field: the translated display name of the start, such as "Valid from"
 * @from: (nullable): the start; %NULL or a cleared #GDate means no start
 * @to_field: the translated display name of the end, such as "Valid to"
 * @to: (nullable): the end; %NULL or a cleared #GDate means no end
 * @error: return location for a #GError
 *
 * Checks that @to is on or after @from. An open end always passes, since
 * a consent, say, may run until it is withdrawn.
 *
 * Returns: %TRUE when the range is valid; otherwise %FALSE with a
 *   %SAM_STORE_ERROR_INVALID error whose message starts with @to_field,
 *   the field to correct
 */
gboolean
sam_validate_date_range (const char   *from_field,
                         const GDate  *from,
                         const char   *to_field,
                         const GDate  *to,
                         GError      **error)
{
  g_return_val_if_fail (from_field != NULL, FALSE);
  g_return_val_if_fail (to_field != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (from == NULL || to == NULL || !g_date_valid (from) || !g_date_valid (to))
    return TRUE;

  if (g_date_compare (to, from) < 0)
    return invalid (error, _("%s: must be on or after %s."), to_field, from_field);

  return TRUE;
}

/**
 * sam_validate_int_range:
 * @field: the field's translated display name, such as "Goal attainment"
 * @value: the value
 * @min: the smallest value allowed
 * @max: the largest value allowed
 * @error: return location for a #GError
 *
 * Checks that @value lies from @min to @max, both included: a factor score
 * 0–3, say, or goal attainment 0–4.
 *
 * Returns: %TRUE when @value is in range; otherwise %FALSE with a
 *   %SAM_STORE_ERROR_INVALID error whose message starts with @field
 */
gboolean
sam_validate_int_range (const char  *field,
                        gint64       value,
                        gint64       min,
                        gint64       max,
                        GError     **error)
{
  char min_text[24], max_text[24], value_text[24];

  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (min <= max, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (value >= min && value <= max)
    return TRUE;

  /* Numbers go in as text: xgettext cannot read G_GINT64_FORMAT. */
  g_snprintf (min_text, sizeof min_text, "%" G_GINT64_FORMAT, min);
  g_snprintf (max_text, sizeof max_text, "%" G_GINT64_FORMAT, max);
  g_snprintf (value_text, sizeof value_text, "%" G_GINT64_FORMAT, value);

  return invalid (error, _("%s: must be from %s to %s, not %s."),
                  field, min_text, max_text, value_text);
}

/**
 * sam_validate_choice:
 * @field: the field's translated display name, such as "Prevention level"
 * @value: (nullable): the chosen identifier
 * @allowed: (array zero-terminated=1): the identifiers allowed; not empty
 * @error: return location for a #GError
 *
 * Checks that @value is exactly one of @allowed. Identifiers are compared as
 * they are, case and all, because they are stored as they are.
 *
 * Returns: %TRUE when @value is allowed; otherwise %FALSE with a
 *   %SAM_STORE_ERROR_INVALID error whose message starts with @field and
 *   lists the choices
 */
gboolean
sam_validate_choice (const char         *field,
                     const char         *value,
                     const char * const *allowed,
                     GError            **error)
{
  g_autofree char *choices = NULL;

  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (allowed != NULL && allowed[0] != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (value == NULL || *value == '\0')
    return required (error, field);

  if (g_strv_contains (allowed, value))
    return TRUE;

  choices = g_strjoinv (", ", (char **) allowed);
  return invalid (error, _("%s: choose one of %s."), field, choices);
}
