/* test-validate.c: personnummer and the field validators
 *
 * The numbers here are either Skatteverket's published test numbers
 * (testpersonnummer, which are never assigned), Skatteverket's own example
 * in SKV M 2010:3, or numbers with birth number 000, which is never
 * assigned at all: none can belong to a real person.
 *
 * Check digits were worked out by hand: the nine digits YYMMDDNNN are
 * weighted 2, 1, 2, 1 …, the digits of each product are added, and the
 * check digit is 10 minus the last digit of the sum (0 when that is 10).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sam-error.h"
#include "sam-personnummer.h"
#include "sam-validate.h"

#define N_PROPERTY_ROUNDS 10000

/* Every test reads numbers as of this day. */
static GDateTime *
reference_today (void)
{
  return g_date_time_new_utc (2026, 3, 14, 12, 0, 0);
}

/* Luhn written apart from sam-personnummer.c: from the right, double every
 * second digit, subtract 9 from a two-digit result; the total of all ten
 * digits must end in 0. */
static gboolean
luhn_holds (const char *ten)
{
  guint sum = 0;

  for (guint i = 0; i < 10; i++)
    {
      guint digit = (guint) (ten[9 - i] - '0');

      if (i % 2 == 1)
        digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }

  return sum % 10 == 0;
}

static void
assert_invalid (const GError *error,
                const char   *field,
                const char   *fragment)
{
  g_autofree char *prefix = g_strconcat (field, ": ", NULL);
  g_autofree char *start = NULL;

  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  start = g_strndup (error->message, strlen (prefix));
  g_assert_cmpstr (start, ==, prefix);

  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_test_message ("'%s' does not contain '%s'", error->message, fragment);
  g_assert_true (fragment == NULL || strstr (error->message, fragment) != NULL);
}

static void
assert_date (const GDate *date,
             guint        year,
             guint        month,
             guint        day)
{
  g_assert_true (g_date_valid (date));
  g_assert_cmpuint (g_date_get_year (date), ==, year);
  g_assert_cmpuint (g_date_get_month (date), ==, month);
  g_assert_cmpuint (g_date_get_day (date), ==, day);
}

static void
parse_ok (const char      *text,
          SamPersonnummer *out)
{
  g_autoptr(GDateTime) today = reference_today ();
  g_autoptr(GError) error = NULL;

  g_test_message ("parsing '%s'", text);
  g_assert_true (sam_personnummer_parse (text, today, out, &error));
  g_assert_no_error (error);
}

static void
parse_refused (const char *text,
               const char *fragment)
{
  g_autoptr(GDateTime) today = reference_today ();
  g_autoptr(GError) error = NULL;
  SamPersonnummer pnr;

  /* Refusal must leave the output untouched: nothing half-filled. */
  memset (&pnr, 0x5a, sizeof pnr);

  g_test_message ("refusing '%s'", text != NULL ? text : "(null)");
  g_assert_false (sam_personnummer_parse (text, today, &pnr, &error));
  assert_invalid (error, "Personal identity number", fragment);
  g_assert_cmpint (pnr.normalized[0], ==, 0x5a);
}

/* Personnummer ------------------------------------------------------------ */

static const struct
{
  const char  *text;
  const char  *normalized;
  guint        year, month, day;
  gboolean     coordination;
  SamLegalSex  sex;
} valid_numbers[] = {
  /* Skatteverket test number 199001012385.
   * 9·2=18→9, 0, 0·2=0, 1, 0·2=0, 1, 2·2=4, 3, 8·2=16→7: sum 25, check 5.
   * Birth number 238 ends in 8, even: female. */
  { "900101-2385", "199001012385", 1990, 1, 1, FALSE, SAM_LEGAL_SEX_FEMALE },
  { "9001012385", "199001012385", 1990, 1, 1, FALSE, SAM_LEGAL_SEX_FEMALE },
  { "19900101-2385", "199001012385", 1990, 1, 1, FALSE, SAM_LEGAL_SEX_FEMALE },
  { "199001012385", "199001012385", 1990, 1, 1, FALSE, SAM_LEGAL_SEX_FEMALE },
  /* Skatteverket test number 199001032391.
   * 9, 0, 0, 1, 0, 3, 4, 3, 9·2=18→9: sum 29, check 1. 239 ends in 9: male. */
  { "900103-2391", "199001032391", 1990, 1, 3, FALSE, SAM_LEGAL_SEX_MALE },
  /* Skatteverket test number 189001019802, 100 or older: a plus.
   * 9, 0, 0, 1, 0, 1, 9·2=18→9, 8, 0: sum 28, check 2. */
  { "900101+9802", "189001019802", 1890, 1, 1, FALSE, SAM_LEGAL_SEX_FEMALE },
  { "18900101-9802", "189001019802", 1890, 1, 1, FALSE, SAM_LEGAL_SEX_FEMALE },
  /* Skatteverket's own example of a samordningsnummer (SKV M 2010:3): a man
   * born 1970-10-03, birth number 239, day 03 + 60 = 63.
   * 7·2=14→5, 0, 1·2=2, 0, 6·2=12→3, 3, 4, 3, 9·2=18→9: sum 29, check 1. */
  { "701063-2391", "197010632391", 1970, 10, 3, TRUE, SAM_LEGAL_SEX_MALE },
  /* Leap day in a leap year. 0, 8, 0, 2, 2·2=4, 9, 0, 0, 0: sum 23, check 7. */
  { "080229-0007", "200802290007", 2008, 2, 29, FALSE, SAM_LEGAL_SEX_FEMALE },
  { "20080229-0007", "200802290007", 2008, 2, 29, FALSE, SAM_LEGAL_SEX_FEMALE },
  /* 2000 is a leap year (divisible by 400). 0, 0, 0, 2, 4, 9: sum 15, check 5. */
  { "000229-0005", "200002290005", 2000, 2, 29, FALSE, SAM_LEGAL_SEX_FEMALE },
  /* Coordination days 61 and 91 are the 1st and the 31st.
   * 701061000: 5, 0, 2, 0, 6·2=12→3, 1, 0, 0, 0: sum 11, check 9.
   * 701091000: 5, 0, 2, 0, 9·2=18→9, 1, 0, 0, 0: sum 17, check 3. */
  { "701061-0009", "197010610009", 1970, 10, 1, TRUE, SAM_LEGAL_SEX_FEMALE },
  { "7010910003", "197010910003", 1970, 10, 31, TRUE, SAM_LEGAL_SEX_FEMALE },
  /* Born today is not the future. 260314000: 4, 6, 0, 3, 2, 4: sum 19, check 1. */
  { "2603140001", "202603140001", 2026, 3, 14, FALSE, SAM_LEGAL_SEX_FEMALE },
  { "20260314-0001", "202603140001", 2026, 3, 14, FALSE, SAM_LEGAL_SEX_FEMALE },
  /* Tomorrow in this century would be the future, so the century before.
   * 260315000: 4, 6, 0, 3, 2, 5: sum 20, check 0. */
  { "260315-0000", "192603150000", 1926, 3, 15, FALSE, SAM_LEGAL_SEX_FEMALE },
  /* 1 January 2025 is in the past: this century, without a plus.
   * 250101000: 4, 5, 0, 1, 0, 1: sum 11, check 9. */
  { "250101-0009", "202501010009", 2025, 1, 1, FALSE, SAM_LEGAL_SEX_FEMALE },
  { "250101+0009", "192501010009", 1925, 1, 1, FALSE, SAM_LEGAL_SEX_FEMALE },
  /* Turns 100 on 1 April 2026. Skatteverket prints the plus from the start
   * of that year, so the plus means 1926 here, not 1826; and a dash reads
   * as 1926 too, because 2026-04-01 lies in the future.
   * 260401000: 4, 6, 0, 4, 0, 1: sum 15, check 5. */
  { "260401+0005", "192604010005", 1926, 4, 1, FALSE, SAM_LEGAL_SEX_FEMALE },
  { "260401-0005", "192604010005", 1926, 4, 1, FALSE, SAM_LEGAL_SEX_FEMALE },
  /* Born 1927, the person turns 99 this year: no plus yet, so a plus means
   * the century before. 270101000: 4, 7, 0, 1, 0, 1: sum 13, check 7. */
  { "270101+0007", "182701010007", 1827, 1, 1, FALSE, SAM_LEGAL_SEX_FEMALE },
  { "270101-0007", "192701010007", 1927, 1, 1, FALSE, SAM_LEGAL_SEX_FEMALE },
  /* Surrounding white space is trimmed. */
  { "  900101-2385 \t\n", "199001012385", 1990, 1, 1, FALSE, SAM_LEGAL_SEX_FEMALE },
};

static void
test_personnummer_valid (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (valid_numbers); i++)
    {
      SamPersonnummer pnr;

      parse_ok (valid_numbers[i].text, &pnr);
      g_assert_cmpstr (pnr.normalized, ==, valid_numbers[i].normalized);
      g_assert_true (luhn_holds (pnr.normalized + 2));
      assert_date (&pnr.birth_date, valid_numbers[i].year, valid_numbers[i].month,
                   valid_numbers[i].day);
      g_assert_cmpint (pnr.is_coordination_number, ==, valid_numbers[i].coordination);
      g_assert_cmpint (pnr.legal_sex, ==, valid_numbers[i].sex);
    }
}

static void
test_personnummer_refused (void)
{
  parse_refused (NULL, "required");
  parse_refused ("", "required");
  parse_refused ("   ", "required");

  parse_refused ("90010I-2385", "only digits");
  parse_refused ("ABCDEFGHIJ", "only digits");
  parse_refused ("900101 2385", "only digits");
  parse_refused ("900101--2385", "only digits");
  parse_refused ("900101-2385x", "only digits");
  parse_refused ("٩٠٠١٠١-٢٣٨٥", "only digits");

  parse_refused ("900101-238", "not 9");
  parse_refused ("19900101238", "not 11");
  parse_refused ("1990010123855", "not 13");

  parse_refused ("9001-012385", "right before the last four");
  parse_refused ("9001012385-", "right before the last four");
  parse_refused ("18900101+9802", "plus (+) is used only with 10 digits");

  /* One digit off: the check digit of 900101238 is 5, not 6. */
  parse_refused ("900101-2386", "check digit");
  parse_refused ("19900101-2386", "check digit");
  /* Two neighbouring digits swapped: 238 → 283. */
  parse_refused ("900101-2835", "check digit");

  /* 2009 is no leap year. 090229000: 0, 9, 0, 2, 4, 9: sum 24, check 6. */
  parse_refused ("090229-0006", "2009-02-29 does not exist");
  /* Nor is 1900 (divisible by 100, not by 400). */
  parse_refused ("19000229-0005", "1900-02-29 does not exist");
  /* A coordination day that maps to 29 or 31 February.
   * 700289000: 5, 0, 0, 2, 8·2=16→7, 9: sum 23, check 7.
   * 700291000: 5, 0, 0, 2, 9·2=18→9, 1: sum 17, check 3. */
  parse_refused ("700289-0007", "1970-02-29 does not exist");
  parse_refused ("700291-0003", "1970-02-31 does not exist");

  /* Days 32–60 and past 91 are neither kind. 701032000: 5, 0, 2, 0, 6, 2:
   * sum 15, check 5. 701060000: 5, 0, 2, 0, 3, 0: sum 10, check 0.
   * 701092000: 5, 0, 2, 0, 9, 2: sum 18, check 2. */
  parse_refused ("701032-0005", "not 32");
  parse_refused ("701060-0000", "not 60");
  parse_refused ("701092-0002", "not 92");
  parse_refused ("900100-0000", "not 00");

  /* 901301000: 9, 0, 2, 3, 0, 1: sum 15, check 5.
   * 900001000: 9, 0, 0, 0, 0, 1: sum 10, check 0. */
  parse_refused ("901301-0005", "month must be 01 to 12, not 13");
  parse_refused ("900001-0000", "month must be 01 to 12, not 00");

  /* 300101000: 6, 0, 0, 1, 0, 1: sum 8, check 2. */
  parse_refused ("20300101-0002", "2030-01-01 is in the future");
  parse_refused ("20260315-0000", "2026-03-15 is in the future");

  /* 000101000: sum 2, check 8. 991231000: 9·2=18→9, 9, 2, 2, 6, 1: sum 29,
   * check 1. */
  parse_refused ("21000101-0008", "century must be 18, 19 or 20");
  parse_refused ("17991231-0001", "century must be 18, 19 or 20");
}

static void
test_personnummer_format (void)
{
  g_autoptr(GDateTime) today = reference_today ();
  const struct
  {
    const char *text;
    const char *twelve;
    const char *ten;
  } cases[] = {
    { "9001012385", "19900101-2385", "900101-2385" },
    { "18900101-9802", "18900101-9802", "900101+9802" },
    { "701063-2391", "19701063-2391", "701063-2391" },
    { "260401-0005", "19260401-0005", "260401+0005" },
    { "250101-0009", "20250101-0009", "250101-0009" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SamPersonnummer pnr, twelve_again, ten_again;
      g_autofree char *twelve = NULL;
      g_autofree char *ten = NULL;

      parse_ok (cases[i].text, &pnr);
      twelve = sam_personnummer_format (&pnr);
      ten = sam_personnummer_format_short (&pnr, today);
      g_assert_cmpstr (twelve, ==, cases[i].twelve);
      g_assert_cmpstr (ten, ==, cases[i].ten);

      /* Both forms read back as the same number. */
      parse_ok (twelve, &twelve_again);
      parse_ok (ten, &ten_again);
      g_assert_cmpstr (twelve_again.normalized, ==, pnr.normalized);
      g_assert_cmpstr (ten_again.normalized, ==, pnr.normalized);
      g_assert_cmpint (g_date_compare (&ten_again.birth_date, &pnr.birth_date), ==, 0);
      g_assert_cmpint (ten_again.is_coordination_number, ==, pnr.is_coordination_number);
      g_assert_cmpint (ten_again.legal_sex, ==, pnr.legal_sex);
    }
}

static void
test_personnummer_demo_series (void)
{
  SamPersonnummer pnr;

  /* Skatteverket's test numbers and its example are real-format numbers,
   * not Samverka's demo series. */
  parse_ok ("900101-2385", &pnr);
  g_assert_false (sam_personnummer_is_demo_series (&pnr));
  parse_ok ("701063-2391", &pnr);
  g_assert_false (sam_personnummer_is_demo_series (&pnr));
  parse_ok ("18900101-9802", &pnr);
  g_assert_false (sam_personnummer_is_demo_series (&pnr));

  /* Birth number 000, in either kind of number. */
  parse_ok ("080229-0007", &pnr);
  g_assert_true (sam_personnummer_is_demo_series (&pnr));
  parse_ok ("701061-0009", &pnr);
  g_assert_true (sam_personnummer_is_demo_series (&pnr));
}

/* Everything a demo number must be, checked through the public parser. */
static void
assert_demo_number (const SamPersonnummer *pnr)
{
  g_autoptr(GDateTime) today = reference_today ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = sam_personnummer_format (pnr);
  SamPersonnummer again;

  g_assert_true (sam_personnummer_parse (text, today, &again, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (again.normalized, ==, pnr->normalized);
  g_assert_cmpint (g_date_compare (&again.birth_date, &pnr->birth_date), ==, 0);
  g_assert_cmpint (again.is_coordination_number, ==, pnr->is_coordination_number);
  g_assert_cmpint (again.legal_sex, ==, pnr->legal_sex);

  g_assert_true (luhn_holds (pnr->normalized + 2));
  g_assert_true (strncmp (pnr->normalized + 8, "000", 3) == 0);
  g_assert_true (sam_personnummer_is_demo_series (pnr));
  g_assert_true (sam_personnummer_is_demo_series (&again));
}

static void
test_demo_deterministic (void)
{
  g_autoptr(GRand) first = g_rand_new_with_seed (20260314);
  g_autoptr(GRand) second = g_rand_new_with_seed (20260314);
  g_autoptr(GRand) other = g_rand_new_with_seed (4711);
  guint differences = 0;

  for (guint i = 0; i < 1000; i++)
    {
      SamPersonnummer a, b, c;

      sam_personnummer_generate_demo (first, NULL, &a);
      sam_personnummer_generate_demo (second, NULL, &b);
      sam_personnummer_generate_demo (other, NULL, &c);

      g_assert_cmpstr (a.normalized, ==, b.normalized);
      g_assert_cmpint (g_date_compare (&a.birth_date, &b.birth_date), ==, 0);
      if (strcmp (a.normalized, c.normalized) != 0)
        differences++;
    }

  /* Another seed gives other numbers: the generator does use its GRand. */
  g_assert_cmpuint (differences, >, 900);
}

static void
test_demo_property (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1947);
  guint n_coordination = 0;
  guint n_distinct = 0;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < N_PROPERTY_ROUNDS; i++)
    {
      SamPersonnummer pnr;

      sam_personnummer_generate_demo (rand, NULL, &pnr);
      assert_demo_number (&pnr);

      /* The random birth dates stay in the documented range. */
      g_assert_cmpuint (g_date_get_year (&pnr.birth_date), >=, 1950);
      g_assert_cmpuint (g_date_get_year (&pnr.birth_date), <=, 2019);

      if (pnr.is_coordination_number)
        n_coordination++;
      if (g_hash_table_add (seen, g_strdup (pnr.normalized)))
        n_distinct++;
    }

  /* Both kinds appear, about half each. */
  g_assert_cmpuint (n_coordination, >, N_PROPERTY_ROUNDS * 4 / 10);
  g_assert_cmpuint (n_coordination, <, N_PROPERTY_ROUNDS * 6 / 10);
  /* The dates spread over the whole range: 70 years hold 51 134 demo
   * numbers, and 10 000 fair draws from them give about 9 080 distinct. */
  g_assert_cmpuint (n_distinct, >, N_PROPERTY_ROUNDS * 85 / 100);
}

static void
test_demo_given_birth_date (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint n_coordination = 0;
  GDate birth_date;

  /* 2012-06-30: 120630000 → 2, 2, 0, 6, 6, 0: sum 16, check 4;
   * as a coordination number 120690000 → 2, 2, 0, 6, 18→9, 0: sum 19, check 1. */
  g_date_clear (&birth_date, 1);
  g_date_set_dmy (&birth_date, 30, G_DATE_JUNE, 2012);

  for (guint i = 0; i < 64; i++)
    {
      SamPersonnummer pnr;

      sam_personnummer_generate_demo (rand, &birth_date, &pnr);
      assert_demo_number (&pnr);
      assert_date (&pnr.birth_date, 2012, 6, 30);

      if (pnr.is_coordination_number)
        {
          g_assert_cmpstr (pnr.normalized, ==, "201206900001");
          n_coordination++;
        }
      else
        {
          g_assert_cmpstr (pnr.normalized, ==, "201206300004");
        }
    }

  g_assert_cmpuint (n_coordination, >, 0);
  g_assert_cmpuint (n_coordination, <, 64);

  /* A leap day is a birth date like any other. */
  g_date_set_dmy (&birth_date, 29, G_DATE_FEBRUARY, 2008);
  for (guint i = 0; i < 8; i++)
    {
      SamPersonnummer pnr;

      sam_personnummer_generate_demo (rand, &birth_date, &pnr);
      assert_demo_number (&pnr);
      assert_date (&pnr.birth_date, 2008, 2, 29);
    }
}

/* Text -------------------------------------------------------------------- */

static void
text_ok (const char  *text,
         guint        min_chars,
         guint        max_chars,
         SamTextKind  kind)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_validate_text ("Name", text, min_chars, max_chars, kind, &error));
  g_assert_no_error (error);
}

static void
text_refused (const char  *text,
              guint        min_chars,
              guint        max_chars,
              SamTextKind  kind,
              const char  *fragment)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sam_validate_text ("Description", text, min_chars, max_chars, kind, &error));
  assert_invalid (error, "Description", fragment);
}

static void
test_text_single_line (void)
{
  text_ok ("Anna Berg", 1, SAM_NAME_MAX_CHARS, SAM_TEXT_SINGLE_LINE);
  text_ok ("Åsa Öberg-Ämtlind", 1, SAM_NAME_MAX_CHARS, SAM_TEXT_SINGLE_LINE);
  text_ok ("a", 1, 1, SAM_TEXT_SINGLE_LINE);
  /* Optional fields accept nothing. */
  text_ok ("", 0, SAM_SHORT_TEXT_MAX_CHARS, SAM_TEXT_SINGLE_LINE);
  text_ok (NULL, 0, SAM_SHORT_TEXT_MAX_CHARS, SAM_TEXT_SINGLE_LINE);

  text_refused ("", 1, SAM_NAME_MAX_CHARS, SAM_TEXT_SINGLE_LINE, "this field is required.");
  text_refused (NULL, 1, SAM_NAME_MAX_CHARS, SAM_TEXT_SINGLE_LINE, "this field is required.");
  text_refused ("   ", 1, SAM_NAME_MAX_CHARS, SAM_TEXT_SINGLE_LINE, "this field is required.");
  text_refused (" Anna", 1, SAM_NAME_MAX_CHARS, SAM_TEXT_SINGLE_LINE, "space at the start");
  text_refused ("Anna ", 1, SAM_NAME_MAX_CHARS, SAM_TEXT_SINGLE_LINE, "space at the start");
  text_refused ("Anna\u00a0", 1, SAM_NAME_MAX_CHARS, SAM_TEXT_SINGLE_LINE, "space at the start");
  text_refused ("An\tna", 1, SAM_NAME_MAX_CHARS, SAM_TEXT_SINGLE_LINE, "on one line");
  text_refused ("Anna\nBerg", 1, SAM_NAME_MAX_CHARS, SAM_TEXT_SINGLE_LINE, "on one line");
  text_refused ("Anna\u2028Berg", 1, SAM_NAME_MAX_CHARS, SAM_TEXT_SINGLE_LINE, "on one line");
  text_refused ("Anna\x1b[31m", 1, SAM_NAME_MAX_CHARS, SAM_TEXT_SINGLE_LINE, "on one line");
  text_refused ("Anna\xc2\x85", 1, SAM_NAME_MAX_CHARS, SAM_TEXT_SINGLE_LINE, "on one line");
  text_refused ("Anna\xff", 1, SAM_NAME_MAX_CHARS, SAM_TEXT_SINGLE_LINE, "UTF-8");
  text_refused ("Anna\xc3", 1, SAM_NAME_MAX_CHARS, SAM_TEXT_SINGLE_LINE, "UTF-8");
}

static void
test_text_multi_line (void)
{
  text_ok ("First line\nsecond line\twith a tab\r\nthird", 1, SAM_LONG_TEXT_MAX_CHARS,
           SAM_TEXT_MULTI_LINE);
  /* Free text may start or end with a line break or a space. */
  text_ok ("\n indented\n", 1, SAM_LONG_TEXT_MAX_CHARS, SAM_TEXT_MULTI_LINE);

  text_refused ("\n\t \n", 1, SAM_LONG_TEXT_MAX_CHARS, SAM_TEXT_MULTI_LINE,
                "this field is required.");
  text_refused ("bell\a", 1, SAM_LONG_TEXT_MAX_CHARS, SAM_TEXT_MULTI_LINE,
                "only line breaks and tabs");
  text_refused ("form\ffeed", 1, SAM_LONG_TEXT_MAX_CHARS, SAM_TEXT_MULTI_LINE,
                "only line breaks and tabs");
  text_refused ("\x7f", 1, SAM_LONG_TEXT_MAX_CHARS, SAM_TEXT_MULTI_LINE,
                "only line breaks and tabs");
  text_refused ("broken \xe2\x82", 1, SAM_LONG_TEXT_MAX_CHARS, SAM_TEXT_MULTI_LINE, "UTF-8");
}

static void
test_text_length (void)
{
  g_autofree char *at_limit = g_strnfill (SAM_LONG_TEXT_MAX_CHARS, 'x');
  g_autofree char *over_limit = g_strnfill (SAM_LONG_TEXT_MAX_CHARS + 1, 'x');
  g_autoptr(GString) swedish = g_string_new (NULL);

  text_ok (at_limit, 1, SAM_LONG_TEXT_MAX_CHARS, SAM_TEXT_MULTI_LINE);
  text_refused (over_limit, 1, SAM_LONG_TEXT_MAX_CHARS, SAM_TEXT_MULTI_LINE,
                "write at most 20000 characters (now 20001).");

  /* Characters, not bytes: "åäö" is three characters in six bytes. */
  text_ok ("åäö", 1, 3, SAM_TEXT_SINGLE_LINE);
  text_refused ("åäöx", 1, 3, SAM_TEXT_SINGLE_LINE, "write at most 3 characters (now 4).");
  for (guint i = 0; i < SAM_NAME_MAX_CHARS; i++)
    g_string_append (swedish, "ö");
  text_ok (swedish->str, 1, SAM_NAME_MAX_CHARS, SAM_TEXT_SINGLE_LINE);
  g_string_append (swedish, "ö");
  text_refused (swedish->str, 1, SAM_NAME_MAX_CHARS, SAM_TEXT_SINGLE_LINE,
                "write at most 120 characters (now 121).");

  text_refused ("a", 2, SAM_NAME_MAX_CHARS, SAM_TEXT_SINGLE_LINE,
                "write at least 2 characters (now 1).");
  text_refused ("ab", 1, 1, SAM_TEXT_SINGLE_LINE, "write at most 1 character (now 2).");
}

static void
test_text_limits (void)
{
  g_assert_cmpuint (SAM_NAME_MAX_CHARS, ==, 120);
  g_assert_cmpuint (SAM_SHORT_TEXT_MAX_CHARS, ==, 200);
  g_assert_cmpuint (SAM_LONG_TEXT_MAX_CHARS, ==, 20000);
}

/* Dates ------------------------------------------------------------------- */

static void
date_ok (const char *text,
         guint       year,
         guint       month,
         guint       day)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_assert_true (sam_validate_date ("Meeting date", text, &date, &error));
  g_assert_no_error (error);
  assert_date (&date, year, month, day);
}

static void
date_refused (const char *text,
              const char *fragment)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_assert_false (sam_validate_date ("Meeting date", text, &date, &error));
  assert_invalid (error, "Meeting date", fragment);
  g_assert_false (g_date_valid (&date));
}

static void
test_date (void)
{
  g_autoptr(GError) error = NULL;

  date_ok ("2026-03-14", 2026, 3, 14);
  date_ok ("2024-02-29", 2024, 2, 29);
  date_ok ("2000-02-29", 2000, 2, 29);
  date_ok ("1900-01-01", 1900, 1, 1);
  date_ok ("2200-12-31", 2200, 12, 31);
  /* Checking alone, without a place for the result. */
  g_assert_true (sam_validate_date ("Meeting date", "2026-12-31", NULL, &error));
  g_assert_no_error (error);

  date_refused ("2026-02-30", "2026-02-30 is not a date.");
  date_refused ("2023-02-29", "2023-02-29 is not a date.");
  date_refused ("1900-02-29", "1900-02-29 is not a date.");
  date_refused ("2026-13-01", "2026-13-01 is not a date.");
  date_refused ("2026-00-10", "2026-00-10 is not a date.");
  date_refused ("2026-04-31", "2026-04-31 is not a date.");
  date_refused ("2026-04-00", "2026-04-00 is not a date.");

  date_refused ("1899-12-31", "from 1900 to 2200, not 1899");
  date_refused ("2201-01-01", "from 1900 to 2200, not 2201");

  date_refused ("", "this field is required.");
  date_refused (NULL, "this field is required.");
  date_refused ("26-03-14", "YYYY-MM-DD");
  date_refused ("2026-3-14", "YYYY-MM-DD");
  date_refused ("2026/03/14", "YYYY-MM-DD");
  date_refused ("20260314", "YYYY-MM-DD");
  date_refused (" 2026-03-14", "YYYY-MM-DD");
  date_refused ("2026-03-14 ", "YYYY-MM-DD");
  date_refused ("2026-03-14T10:00", "YYYY-MM-DD");
  date_refused ("+026-03-14", "YYYY-MM-DD");
  date_refused ("２０２６-03-14", "YYYY-MM-DD");
}

static void
test_date_range (void)
{
  g_autoptr(GError) error = NULL;
  GDate early, late, cleared;

  g_date_clear (&early, 1);
  g_date_set_dmy (&early, 1, G_DATE_MARCH, 2026);
  g_date_clear (&late, 1);
  g_date_set_dmy (&late, 2, G_DATE_MARCH, 2026);
  g_date_clear (&cleared, 1);

  g_assert_true (sam_validate_date_range ("Valid from", &early, "Valid to", &late, &error));
  g_assert_no_error (error);
  g_assert_true (sam_validate_date_range ("Valid from", &early, "Valid to", &early, &error));
  g_assert_no_error (error);

  /* An open end: no date, or a cleared one. */
  g_assert_true (sam_validate_date_range ("Valid from", &late, "Valid to", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sam_validate_date_range ("Valid from", NULL, "Valid to", &early, &error));
  g_assert_no_error (error);
  g_assert_true (sam_validate_date_range ("Valid from", &late, "Valid to", &cleared, &error));
  g_assert_no_error (error);

  g_assert_false (sam_validate_date_range ("Valid from", &late, "Valid to", &early, &error));
  assert_invalid (error, "Valid to", "must be on or after Valid from.");
  g_clear_error (&error);

  g_assert_false (sam_validate_date_range ("Start", &late, "Due", &early, &error));
  assert_invalid (error, "Due", "must be on or after Start.");
}

/* Numbers and choices ----------------------------------------------------- */

static void
test_int_range (void)
{
  const struct
  {
    const char *field;
    gint64      value, min, max;
    gboolean    valid;
    const char *fragment;
  } cases[] = {
    { "Factor score", 0, 0, 3, TRUE, NULL },
    { "Factor score", 3, 0, 3, TRUE, NULL },
    { "Factor score", -1, 0, 3, FALSE, "must be from 0 to 3, not -1." },
    { "Factor score", 4, 0, 3, FALSE, "must be from 0 to 3, not 4." },
    { "Goal attainment", 4, 0, 4, TRUE, NULL },
    { "Goal attainment", 5, 0, 4, FALSE, "must be from 0 to 4, not 5." },
    { "Scale", G_MININT64, G_MININT64, G_MAXINT64, TRUE, NULL },
    { "Scale", G_MAXINT64, 0, 4, FALSE, "not 9223372036854775807." },
    { "Scale", G_MININT64, 0, 4, FALSE, "not -9223372036854775808." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean valid = sam_validate_int_range (cases[i].field, cases[i].value, cases[i].min,
                                               cases[i].max, &error);

      g_assert_cmpint (valid, ==, cases[i].valid);
      if (cases[i].valid)
        g_assert_no_error (error);
      else
        assert_invalid (error, cases[i].field, cases[i].fragment);
    }
}

static void
test_choice (void)
{
  static const char * const levels[] = { "selective", "indicated", NULL };
  const struct
  {
    const char *value;
    gboolean    valid;
    const char *fragment;
  } cases[] = {
    { "selective", TRUE, NULL },
    { "indicated", TRUE, NULL },
    { "universal", FALSE, "choose one of selective, indicated." },
    { "Selective", FALSE, "choose one of selective, indicated." },
    { "selective ", FALSE, "choose one of selective, indicated." },
    { "", FALSE, "this field is required." },
    { NULL, FALSE, "this field is required." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean valid = sam_validate_choice ("Prevention level", cases[i].value, levels, &error);

      g_assert_cmpint (valid, ==, cases[i].valid);
      if (cases[i].valid)
        g_assert_no_error (error);
      else
        assert_invalid (error, "Prevention level", cases[i].fragment);
    }
}

/* A field name chosen by the caller, in any language, leads the message. */
static void
test_field_name_leads (void)
{
  const char *field = "Beskrivning av oron";
  static const char * const allowed[] = { "a", NULL };
  g_autoptr(GError) text_error = NULL;
  g_autoptr(GError) date_error = NULL;
  g_autoptr(GError) int_error = NULL;
  g_autoptr(GError) choice_error = NULL;

  g_assert_false (sam_validate_text (field, "", 1, 10, SAM_TEXT_MULTI_LINE, &text_error));
  assert_invalid (text_error, field, NULL);
  g_assert_false (sam_validate_date (field, "2026-02-30", NULL, &date_error));
  assert_invalid (date_error, field, NULL);
  g_assert_false (sam_validate_int_range (field, 9, 0, 3, &int_error));
  assert_invalid (int_error, field, NULL);
  g_assert_false (sam_validate_choice (field, "b", allowed, &choice_error));
  assert_invalid (choice_error, field, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/personnummer/valid", test_personnummer_valid);
  g_test_add_func ("/personnummer/refused", test_personnummer_refused);
  g_test_add_func ("/personnummer/format", test_personnummer_format);
  g_test_add_func ("/personnummer/demo-series", test_personnummer_demo_series);
  g_test_add_func ("/personnummer/demo-deterministic", test_demo_deterministic);
  g_test_add_func ("/personnummer/demo-property", test_demo_property);
  g_test_add_func ("/personnummer/demo-given-birth-date", test_demo_given_birth_date);
  g_test_add_func ("/validate/text-single-line", test_text_single_line);
  g_test_add_func ("/validate/text-multi-line", test_text_multi_line);
  g_test_add_func ("/validate/text-length", test_text_length);
  g_test_add_func ("/validate/text-limits", test_text_limits);
  g_test_add_func ("/validate/date", test_date);
  g_test_add_func ("/validate/date-range", test_date_range);
  g_test_add_func ("/validate/int-range", test_int_range);
  g_test_add_func ("/validate/choice", test_choice);
  g_test_add_func ("/validate/field-name-leads", test_field_name_leads);

  return g_test_run ();
}
