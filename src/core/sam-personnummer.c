/* sam-personnummer.c: Swedish personal identity and coordination numbers
 *
 * A personnummer is YYMMDD-NNNC: the birth date, a three-digit birth number
 * (födelsenummer) whose last digit gives the legal sex, and a Luhn check
 * digit over the nine digits before it. Skatteverket stores it with twelve
 * digits, the century first, and so do we. A samordningsnummer
 * (coordination number) has the same layout with 60 added to the day.
 *
 * Sources: Skatteverket, Rättslig vägledning, "Personnummer"
 * (https://www4.skatteverket.se/rattsligvagledning/edition/2020.9/330245.html)
 * and Skatteverket's notice SKV M 2010:3 on samordningsnummer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-personnummer"

#include "config.h"

#include "sam-personnummer.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "sam-error.h"

#define COORDINATION_DAY_OFFSET 60
#define FIRST_YEAR              1800
#define LAST_YEAR               2099

/* The demo series (DESIGN §8: demo data never carries a number that could
 * belong to a real person).
 *
 * Skatteverket publishes test numbers ("testpersonnummer", open data) that
 * are never assigned, but Samverka cannot ship that list yet. Demo numbers
 * use the birth number 000 instead, which Skatteverket never assigns:
 *
 * - for a personnummer, Skatteverket's legal guidance (the page cited at the
 *   top of this file) says the birth number is one of 001 to 999, and counts
 *   999 numbers per date: 499 for women, 500 for men;
 * - for a samordningsnummer, SKV M 2010:3 (section 2) says the individual
 *   number is drawn from the series 001 to 999.
 *
 * So a demo number has a real date and a valid check digit, and passes
 * every check in this file, yet lies outside both series by Skatteverket's
 * own rule. (A system that refuses 000 refuses it too; for demo data, that
 * is welcome.) The price: 0 is even, so every demo number reads as legal
 * sex female, and there are only two per birth date (one personnummer, one
 * samordningsnummer). Replace this with Skatteverket's list, or add it,
 * once the project can ship that list. */
#define DEMO_SERIAL     "000"
#define DEMO_FIRST_YEAR 1950
#define DEMO_LAST_YEAR  2019

/* The text as written, before anything is checked about its meaning. */
typedef struct
{
  char   digits[13];  /* the digits only, NUL-terminated */
  guint  n_digits;    /* 10 or 12 */
  char   separator;   /* '-', '+' or '\0' */
} Lexed;

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

static guint
two_digits (const char *p)
{
  return (guint) (p[0] - '0') * 10 + (guint) (p[1] - '0');
}

/* Modulus 10 with the weights 2 and 1, over YYMMDDNNN. */
static guint
luhn_digit (const char *nine)
{
  guint sum = 0;

  for (guint i = 0; i < 9; i++)
    {
      guint product = (guint) (nine[i] - '0') * (i % 2 == 0 ? 2 : 1);

      sum += product / 10 + product % 10;
    }

  return (10 - sum % 10) % 10;
}

/* The last ten digits: YYMMDDNNNC. */
static const char *
ten_digits (const Lexed *lexed)
{
  return lexed->digits + lexed->n_digits - 10;
}

static guint
real_day (guint encoded_day)
{
  return encoded_day > COORDINATION_DAY_OFFSET ? encoded_day - COORDINATION_DAY_OFFSET
                                               : encoded_day;
}

static gboolean
lex_characters (const char  *text,
                Lexed       *lexed,
                const char **out_separator,
                GError     **error)
{
  const char *separator = NULL;

  lexed->n_digits = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (lexed->n_digits < 12)
            lexed->digits[lexed->n_digits] = *p;
          lexed->n_digits++;
        }
      else if ((*p == '-' || *p == '+') && separator == NULL)
        separator = p;
      else
        return invalid (error, _("Personal identity number: use only digits, with a dash (-) "
                                 "or a plus (+) before the last four."));
    }

  *out_separator = separator;
  return TRUE;
}

static gboolean
lex (const char  *text,
     Lexed       *lexed,
     GError     **error)
{
  const char *separator = NULL;

  if (*text == '\0')
    return invalid (error, _("Personal identity number: this field is required."));

  if (!lex_characters (text, lexed, &separator, error))
    return FALSE;

  if (lexed->n_digits != 10 && lexed->n_digits != 12)
    return invalid (error, _("Personal identity number: write 10 digits (YYMMDD-NNNN) or "
                             "12 digits (YYYYMMDD-NNNN), not %u."),
                    lexed->n_digits);

  lexed->digits[lexed->n_digits] = '\0';
  lexed->separator = separator != NULL ? *separator : '\0';

  if (separator != NULL && strlen (separator + 1) != 4)
    return invalid (error, _("Personal identity number: put the dash or plus right before the "
                             "last four digits."));

  if (lexed->separator == '+' && lexed->n_digits == 12)
    return invalid (error, _("Personal identity number: a plus (+) is used only with 10 digits; "
                             "with 12 digits, write a dash or nothing."));

  return TRUE;
}

/* The largest year that ends in @yy and is not after @latest. */
static int
latest_year_ending_in (guint yy,
                       int   latest)
{
  return latest - (((latest - (int) yy) % 100) + 100) % 100;
}

/* Ten digits carry no century. Without a plus, take the most recent one that
 * does not put the birth date in the future. Skatteverket prints the plus
 * from the calendar year a person turns 100, so with a plus the birth year
 * is at most this year minus 100: that reads back what
 * sam_personnummer_format_short() writes. */
static int
resolve_year (const Lexed *lexed,
              GDateTime   *today)
{
  const char *ten = ten_digits (lexed);
  int today_year, today_month, today_day;
  guint month = two_digits (ten + 2);
  guint day = real_day (two_digits (ten + 4));
  int year;

  if (lexed->n_digits == 12)
    return (int) (two_digits (lexed->digits) * 100 + two_digits (lexed->digits + 2));

  g_date_time_get_ymd (today, &today_year, &today_month, &today_day);

  if (lexed->separator == '+')
    return latest_year_ending_in (two_digits (ten), today_year - 100);

  year = latest_year_ending_in (two_digits (ten), today_year);
  if (year == today_year &&
      (month > (guint) today_month || (month == (guint) today_month && day > (guint) today_day)))
    year -= 100;

  return year;
}

static gboolean
check_birth_date (int          year,
                  const char  *ten,
                  GDate       *out,
                  GError     **error)
{
  guint month = two_digits (ten + 2);
  guint encoded_day = two_digits (ten + 4);
  guint day = real_day (encoded_day);

  if (year < FIRST_YEAR || year > LAST_YEAR)
    return invalid (error, _("Personal identity number: the century must be 18, 19 or 20."));

  if (month < 1 || month > 12)
    return invalid (error, _("Personal identity number: the month must be 01 to 12, not %02u."),
                    month);

  if (encoded_day == 0 || encoded_day > 91 ||
      (encoded_day > 31 && encoded_day <= COORDINATION_DAY_OFFSET))
    return invalid (error, _("Personal identity number: the day must be 01 to 31, or 61 to 91 "
                             "for a coordination number, not %02u."),
                    encoded_day);

  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return invalid (error, _("Personal identity number: the birth date %04d-%02u-%02u does not "
                             "exist."),
                    year, month, day);

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

static gboolean
check_not_future (const GDate  *birth_date,
                  GDateTime    *today,
                  GError      **error)
{
  int year, month, day;
  GDate today_date;

  g_date_time_get_ymd (today, &year, &month, &day);
  g_date_clear (&today_date, 1);
  g_date_set_dmy (&today_date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  if (g_date_compare (birth_date, &today_date) > 0)
    return invalid (error, _("Personal identity number: the birth date %04u-%02u-%02u is in the "
                             "future."),
                    (guint) g_date_get_year (birth_date), (guint) g_date_get_month (birth_date),
                    (guint) g_date_get_day (birth_date));

  return TRUE;
}

static void
fill (SamPersonnummer *out,
      int              year,
      const char      *ten,
      const GDate     *birth_date)
{
  g_snprintf (out->normalized, sizeof out->normalized, "%04d%.8s", year, ten + 2);
  out->birth_date = *birth_date;
  out->is_coordination_number = two_digits (ten + 4) > COORDINATION_DAY_OFFSET;
  out->legal_sex = (ten[8] - '0') % 2 == 1 ? SAM_LEGAL_SEX_MALE : SAM_LEGAL_SEX_FEMALE;
}

static void
random_demo_birth_date (GRand *rand,
                        GDate *out)
{
  GDate first, last;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, G_DATE_JANUARY, DEMO_FIRST_YEAR);
  g_date_clear (&last, 1);
  g_date_set_dmy (&last, 31, G_DATE_DECEMBER, DEMO_LAST_YEAR);

  g_date_clear (out, 1);
  g_date_set_julian (out, (guint32) g_rand_int_range (rand,
                                                      (gint32) g_date_get_julian (&first),
                                                      (gint32) g_date_get_julian (&last) + 1));
}

/**
 * sam_personnummer_parse:
 * @text: what the user wrote
 * @today: the reference date for the century and the future check
 * @out: (out caller-allocates): the parsed number; untouched on failure
 * @error: return location for a #GError
 *
 * Parses and checks a personnummer or samordningsnummer. Accepted, after
 * trimming surrounding whitespace: `YYMMDD-NNNC`, `YYMMDD+NNNC` (100 years or
 * older), `YYMMDDNNNC`, `YYYYMMDD-NNNC` and `YYYYMMDDNNNC`.
 *
 * Ten digits take the most recent century that does not put the birth date
 * after @today; with a plus, the century of someone who turns 100 or more in
 * @today's year. The birth date must exist (day + 60 for a samordningsnummer)
 * and not be after @today, and the check digit must match.
 *
 * The error is %SAM_STORE_ERROR_INVALID, and its message starts with
 * "Personal identity number:" and says what is wrong.
 *
 * Returns: %TRUE when @text is a valid number
 */
gboolean
sam_personnummer_parse (const char       *text,
                        GDateTime        *today,
                        SamPersonnummer  *out,
                        GError          **error)
{
  g_autofree char *trimmed = NULL;
  const char *ten;
  Lexed lexed = { 0 };
  GDate birth_date;
  int year;

  g_return_val_if_fail (today != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (!lex (trimmed, &lexed, error))
    return FALSE;

  ten = ten_digits (&lexed);
  year = resolve_year (&lexed, today);
  if (!check_birth_date (year, ten, &birth_date, error))
    return FALSE;

  if ((guint) (ten[9] - '0') != luhn_digit (ten))
    return invalid (error, _("Personal identity number: the check digit (the last digit) does "
                             "not match the others; look for a mistyped digit."));

  if (!check_not_future (&birth_date, today, error))
    return FALSE;

  fill (out, year, ten, &birth_date);
  return TRUE;
}

/**
 * sam_personnummer_format:
 * @pnr: a parsed number
 *
 * Returns: (transfer full): the display form with twelve digits,
 *   `YYYYMMDD-NNNC`
 */
char *
sam_personnummer_format (const SamPersonnummer *pnr)
{
  g_return_val_if_fail (pnr != NULL, NULL);

  return g_strdup_printf ("%.8s-%.4s", pnr->normalized, pnr->normalized + 8);
}

/**
 * sam_personnummer_format_short:
 * @pnr: a parsed number
 * @today: the reference date for the separator
 *
 * The ten-digit form that Skatteverket prints on certificates: a plus
 * instead of the dash from the calendar year the person turns 100.
 * sam_personnummer_parse() with the same @today reads it back.
 *
 * Returns: (transfer full): `YYMMDD-NNNC` or `YYMMDD+NNNC`
 */
char *
sam_personnummer_format_short (const SamPersonnummer *pnr,
                               GDateTime             *today)
{
  char separator;

  g_return_val_if_fail (pnr != NULL, NULL);
  g_return_val_if_fail (today != NULL, NULL);

  separator = g_date_time_get_year (today) - (int) g_date_get_year (&pnr->birth_date) >= 100
              ? '+' : '-';

  return g_strdup_printf ("%.6s%c%.4s", pnr->normalized + 2, separator, pnr->normalized + 8);
}

/**
 * sam_personnummer_is_demo_series:
 * @pnr: a parsed number
 *
 * Whether @pnr belongs to Samverka's demo series: birth number 000, which
 * Skatteverket never assigns to a personnummer or a samordningsnummer, so
 * no real person can have it. A store can use this to keep demo numbers out
 * of a real database.
 *
 * Returns: %TRUE for a demo number
 */
gboolean
sam_personnummer_is_demo_series (const SamPersonnummer *pnr)
{
  g_return_val_if_fail (pnr != NULL, FALSE);

  return memcmp (pnr->normalized + 8, DEMO_SERIAL, 3) == 0;
}

/**
 * sam_personnummer_generate_demo:
 * @rand: the random source; a seeded #GRand gives the same numbers every run
 * @birth_date_in: (nullable): the birth date to use, or %NULL for a random
 *   date from 1950 to 2019
 * @out: (out caller-allocates): the generated number
 *
 * Makes a number in the demo series (see sam_personnummer_is_demo_series()):
 * a personnummer or a samordningsnummer, chosen at random, with birth
 * number 000 and a valid check digit.
 *
 * There are only two demo numbers per birth date, and all read as legal sex
 * female, so demo data must draw its sex separately and cope with repeats.
 * The number parses as long as its birth date is not in the future.
 */
void
sam_personnummer_generate_demo (GRand           *rand,
                                const GDate     *birth_date_in,
                                SamPersonnummer *out)
{
  GDate birth_date;
  char ten[11];
  guint day;

  g_return_if_fail (rand != NULL);
  g_return_if_fail (birth_date_in == NULL || g_date_valid (birth_date_in));
  g_return_if_fail (birth_date_in == NULL ||
                    (g_date_get_year (birth_date_in) >= FIRST_YEAR &&
                     g_date_get_year (birth_date_in) <= LAST_YEAR));
  g_return_if_fail (out != NULL);

  if (birth_date_in != NULL)
    birth_date = *birth_date_in;
  else
    random_demo_birth_date (rand, &birth_date);

  day = g_date_get_day (&birth_date);
  if (g_rand_boolean (rand))
    day += COORDINATION_DAY_OFFSET;

  g_snprintf (ten, sizeof ten, "%02u%02u%02u" DEMO_SERIAL "0",
              g_date_get_year (&birth_date) % 100u, (guint) g_date_get_month (&birth_date), day);
  ten[9] = (char) ('0' + luhn_digit (ten));

  fill (out, g_date_get_year (&birth_date), ten, &birth_date);
}
