/* test-person-store.c: young persons, guardians, duplicates and their audit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sam-database-private.h"
#include "sam-test-util.h"

/* Birth number 000 is never assigned (see sam-personnummer.c), so these
 * numbers belong to nobody. The two with other birth numbers test the sex
 * the number encodes; they come from test-validate.c. */
#define BIRTH_DATE  "2011-03-15"
#define PNR_MALE    "900103-2391"
#define PNR_FEMALE  "19900101-2385"

/* Helpers ------------------------------------------------------------------- */

static void
fixture_set_up (SamTestFixture *fixture,
                gconstpointer   data)
{
  sam_test_fixture_set_up (fixture, data);
  sam_test_populate_sspf (fixture->path);
}

/* A valid number for @date (YYYYMMDD) and @birth_number, computed here
 * independently of sam-personnummer.c: Luhn over YYMMDDNNN. */
static char *
pnr (const char *date,
     const char *birth_number)
{
  g_autofree char *nine = g_strconcat (date + 2, birth_number, NULL);
  guint sum = 0;

  for (guint i = 0; i < 9; i++)
    {
      guint product = (guint) (nine[i] - '0') * (i % 2 == 0 ? 2 : 1);

      sum += product / 10 + product % 10;
    }

  return g_strdup_printf ("%s-%s%u", date, birth_number, (10 - sum % 10) % 10);
}

/* How the store keeps a number: twelve digits, no dash. */
static char *
digits_only (const char *number)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = number; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
    }

  return g_string_free (digits, FALSE);
}

static sqlite3 *
handle_of (SamSession *session)
{
  return _sam_database_get_handle (sam_session_get_database (session));
}

static gint64
query_int (SamSession *session,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (session), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (SamSession *session,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (session), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
exec_sql (SamSession *session,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (handle_of (session), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
audit_rows (SamSession *session)
{
  return query_int (session, "SELECT count (*) FROM audit_log");
}

/* The newest audit row as action|object_type|object_id|person_id|case_id|reason|outcome. */
static char *
last_audit (SamSession *session)
{
  return query_text (session,
                     "SELECT action || '|' || coalesce (object_type, '') || '|' ||"
                     " coalesce (object_id, 0) || '|' || coalesce (person_id, 0) || '|' ||"
                     " coalesce (case_id, 0) || '|' || coalesce (reason, '') || '|' || outcome"
                     " FROM audit_log ORDER BY seq DESC LIMIT 1");
}

static void
assert_last_audit (SamSession *session,
                   gint64      rows_before,
                   const char *expected)
{
  g_autofree char *row = last_audit (session);

  g_assert_cmpint (audit_rows (session), ==, rows_before + 1);
  g_assert_cmpstr (row, ==, expected);
}

static gint64
user_id (SamSession *session,
         const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM users WHERE name = '%s'", name);

  return query_int (session, sql);
}

static gint64
area_id (SamSession *session,
         const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM areas WHERE name = '%s'", name);

  return query_int (session, sql);
}

/* The case store is written elsewhere; a row is all the policy needs. */
static gint64
add_case (SamSession  *session,
          gint64       person_id,
          const char  *coordinator,
          const char  *team_member)
{
  static guint number = 0;
  g_autofree char *sql = NULL;
  g_autofree char *coordinator_id = NULL;
  gint64 case_id;

  coordinator_id = coordinator != NULL
                   ? g_strdup_printf ("%" G_GINT64_FORMAT, user_id (session, coordinator))
                   : g_strdup ("NULL");
  sql = g_strdup_printf ("INSERT INTO cases (number, person_id, coordinator_id, prevention_level,"
                         " opened_at) VALUES ('SV-2025-%04u', %" G_GINT64_FORMAT ", %s, 'indicated',"
                         " '2025-01-01')",
                         ++number, person_id, coordinator_id);
  exec_sql (session, sql);
  case_id = sqlite3_last_insert_rowid (handle_of (session));

  if (team_member != NULL)
    {
      g_autofree char *team = g_strdup_printf ("INSERT INTO case_team (case_id, user_id)"
                                               " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                                               case_id, user_id (session, team_member));
      exec_sql (session, team);
    }

  return case_id;
}

static SamPersonDraft
valid_draft (void)
{
  SamPersonDraft draft = {
    .given_name = "Elsa",
    .family_name = "Lindqvist",
    .birth_date = BIRTH_DATE,
  };

  return draft;
}

static gint64
create (SamSession           *session,
        const SamPersonDraft *draft)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPerson) person = sam_person_store_create (session, draft, &error);

  g_assert_no_error (error);
  g_assert_nonnull (person);
  g_assert_cmpint (person->id, >, 0);

  return person->id;
}

static void
assert_denied (GError *error)
{
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_assert_cmpuint (strlen (error->message), >, 10);
}

/* Create and get -------------------------------------------------------------- */

static void
test_create_get (SamTestFixture *fixture,
                 gconstpointer   data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  g_autoptr(SamPerson) created = NULL;
  g_autoptr(SamPerson) person = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = pnr ("20110315", "000");
  g_autofree char *normalized = digits_only (number);
  g_autofree char *expected = NULL;
  SamPersonDraft draft = valid_draft ();
  gint64 rows;

  draft.personnummer = number;
  draft.address = "Storgatan 1, 582 22 Linköping";
  draft.school_id = sam_test_agency_id (social, SAM_TEST_SCHOOL);
  draft.area_id = area_id (social, "Ekholmen");

  rows = audit_rows (social);
  created = sam_person_store_create (social, &draft, &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("create|person|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|0||ok",
                              created->id, created->id);
  assert_last_audit (social, rows, expected);
  g_clear_pointer (&expected, g_free);

  rows = audit_rows (social);
  person = sam_person_store_get (social, created->id, &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("view|person|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|0||ok",
                              created->id, created->id);
  assert_last_audit (social, rows, expected);

  g_assert_cmpint (person->id, ==, created->id);
  g_assert_cmpstr (person->personnummer, ==, normalized);
  g_assert_cmpuint (strlen (person->personnummer), ==, 12);
  g_assert_cmpstr (person->given_name, ==, "Elsa");
  g_assert_cmpstr (person->family_name, ==, "Lindqvist");
  g_assert_cmpstr (person->birth_date, ==, BIRTH_DATE);
  g_assert_cmpstr (person->address, ==, "Storgatan 1, 582 22 Linköping");
  g_assert_cmpint (person->school_id, ==, draft.school_id);
  g_assert_cmpstr (person->school_name, ==, SAM_TEST_SCHOOL);
  g_assert_cmpint (person->area_id, ==, draft.area_id);
  g_assert_cmpstr (person->area_name, ==, "Ekholmen");
  g_assert_false (person->protected_identity);
  g_assert_false (person->hidden_protected);
  /* A demo-series number is nobody's: flagged, and its sex is not taken
   * as the person's gender. */
  g_assert_true (person->demo);
  g_assert_cmpint (person->gender, ==, SAM_GENDER_UNKNOWN);
}

static void
test_create_variants (SamTestFixture *fixture,
                      gconstpointer   data)
{
  g_autoptr(SamSession) school = sam_test_unlock_user (fixture->path, "school");
  g_autoptr(SamPerson) male = NULL;
  g_autoptr(SamPerson) chosen = NULL;
  g_autoptr(SamPerson) no_number = NULL;
  g_autoptr(GError) error = NULL;
  SamPersonDraft draft = valid_draft ();

  /* School staff may register a pupil: the number's sex is the default
   * gender, and the birth date comes from the number. */
  draft.personnummer = PNR_MALE;
  draft.birth_date = NULL;
  male = sam_person_store_create (school, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (male->gender, ==, SAM_GENDER_MALE);
  g_assert_cmpstr (male->birth_date, ==, "1990-01-03");
  g_assert_cmpstr (male->personnummer, ==, "199001032391");
  g_assert_false (male->demo);

  /* An explicit gender wins over the number. */
  draft.personnummer = PNR_FEMALE;
  draft.birth_date = "1990-01-01";
  draft.gender = "other";
  chosen = sam_person_store_create (school, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chosen->gender, ==, SAM_GENDER_OTHER);

  /* Without a number, the birth date is enough. */
  draft.personnummer = "";
  draft.birth_date = BIRTH_DATE;
  draft.gender = NULL;
  no_number = sam_person_store_create (school, &draft, &error);
  g_assert_no_error (error);
  g_assert_null (no_number->personnummer);
  g_assert_cmpint (no_number->gender, ==, SAM_GENDER_UNKNOWN);
  g_assert_false (no_number->demo);

  g_assert_cmpint (query_int (school, "SELECT count (*) FROM persons"), ==, 3);
}

/* Validation ------------------------------------------------------------------ */

typedef enum
{
  BREAK_PNR_CHECK_DIGIT,
  BREAK_PNR_NO_SUCH_DATE,
  BREAK_PNR_11_DIGITS,
  BREAK_PNR_9_DIGITS,
  BREAK_PNR_LETTERS,
  BREAK_GIVEN_EMPTY,
  BREAK_GIVEN_BLANK,
  BREAK_GIVEN_TOO_LONG,
  BREAK_GIVEN_NEWLINE,
  BREAK_FAMILY_NULL,
  BREAK_FAMILY_TOO_LONG,
  BREAK_BIRTH_MISMATCH,
  BREAK_BIRTH_MISSING,
  BREAK_BIRTH_NO_SUCH_DAY,
  BREAK_BIRTH_SHAPE,
  BREAK_BIRTH_FUTURE,
  BREAK_GENDER,
  BREAK_ADDRESS_TOO_LONG,
  BREAK_SCHOOL_NOT_A_SCHOOL,
  BREAK_SCHOOL_UNKNOWN,
  BREAK_AREA_UNKNOWN,
  N_BREAKS
} Break;

static const char * const break_fields[N_BREAKS] = {
  [BREAK_PNR_CHECK_DIGIT] = "Personal identity number: ",
  [BREAK_PNR_NO_SUCH_DATE] = "Personal identity number: ",
  [BREAK_PNR_11_DIGITS] = "Personal identity number: ",
  [BREAK_PNR_9_DIGITS] = "Personal identity number: ",
  [BREAK_PNR_LETTERS] = "Personal identity number: ",
  [BREAK_GIVEN_EMPTY] = "Given name: ",
  [BREAK_GIVEN_BLANK] = "Given name: ",
  [BREAK_GIVEN_TOO_LONG] = "Given name: ",
  [BREAK_GIVEN_NEWLINE] = "Given name: ",
  [BREAK_FAMILY_NULL] = "Family name: ",
  [BREAK_FAMILY_TOO_LONG] = "Family name: ",
  [BREAK_BIRTH_MISMATCH] = "Birth date: ",
  [BREAK_BIRTH_MISSING] = "Birth date: ",
  [BREAK_BIRTH_NO_SUCH_DAY] = "Birth date: ",
  [BREAK_BIRTH_SHAPE] = "Birth date: ",
  [BREAK_BIRTH_FUTURE] = "Birth date: ",
  [BREAK_GENDER] = "Gender: ",
  [BREAK_ADDRESS_TOO_LONG] = "Address: ",
  [BREAK_SCHOOL_NOT_A_SCHOOL] = "School: ",
  [BREAK_SCHOOL_UNKNOWN] = "School: ",
  [BREAK_AREA_UNKNOWN] = "Area: ",
};

/* A valid number with its last digit changed. */
static char *
wrong_check_digit (const char *date)
{
  char *number = pnr (date, "000");
  gsize last = strlen (number) - 1;

  number[last] = (char) ('0' + (number[last] - '0' + 1) % 10);
  return number;
}

static void
break_draft (SamPersonDraft *draft,
             Break           which,
             SamSession     *session,
             const char     *scratch)
{
  switch (which)
    {
    case BREAK_PNR_CHECK_DIGIT: draft->personnummer = scratch; break;
    case BREAK_PNR_NO_SUCH_DATE: draft->personnummer = scratch; break;
    case BREAK_PNR_11_DIGITS: draft->personnummer = "20110315000"; break;
    case BREAK_PNR_9_DIGITS: draft->personnummer = "110315000"; break;
    case BREAK_PNR_LETTERS: draft->personnummer = "110315-00A1"; break;
    case BREAK_GIVEN_EMPTY: draft->given_name = ""; break;
    case BREAK_GIVEN_BLANK: draft->given_name = "   "; break;
    case BREAK_GIVEN_TOO_LONG: draft->given_name = scratch; break;
    case BREAK_GIVEN_NEWLINE: draft->given_name = "Elsa\nMaria"; break;
    case BREAK_FAMILY_NULL: draft->family_name = NULL; break;
    case BREAK_FAMILY_TOO_LONG: draft->family_name = scratch; break;
    case BREAK_BIRTH_MISMATCH: draft->personnummer = scratch; draft->birth_date = "2011-03-16"; break;
    case BREAK_BIRTH_MISSING: draft->birth_date = NULL; break;
    case BREAK_BIRTH_NO_SUCH_DAY: draft->birth_date = "2011-02-29"; break;
    case BREAK_BIRTH_SHAPE: draft->birth_date = "15/03/2011"; break;
    case BREAK_BIRTH_FUTURE: draft->birth_date = scratch; break;
    case BREAK_GENDER: draft->gender = "girl"; break;
    case BREAK_ADDRESS_TOO_LONG: draft->address = scratch; break;
    case BREAK_SCHOOL_NOT_A_SCHOOL:
      draft->school_id = sam_test_agency_id (session, SAM_TEST_SOCIAL);
      break;
    case BREAK_SCHOOL_UNKNOWN: draft->school_id = 9999; break;
    case BREAK_AREA_UNKNOWN: draft->area_id = 9999; break;
    case N_BREAKS:
    default: g_assert_not_reached ();
    }
}

static char *
scratch_for (Break which)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);

  switch (which)
    {
    case BREAK_PNR_CHECK_DIGIT: return wrong_check_digit ("20110315");
    case BREAK_PNR_NO_SUCH_DATE: return pnr ("20110230", "000");
    case BREAK_GIVEN_TOO_LONG:
    case BREAK_FAMILY_TOO_LONG: return g_strnfill (SAM_NAME_MAX_CHARS + 1, 'a');
    case BREAK_BIRTH_MISMATCH: return pnr ("20110315", "000");
    case BREAK_BIRTH_FUTURE: return g_date_time_format (tomorrow, "%Y-%m-%d");
    case BREAK_ADDRESS_TOO_LONG: return g_strnfill (SAM_SHORT_TEXT_MAX_CHARS + 1, 'g');
    default: return NULL;
    }
}

static void
test_validation (SamTestFixture *fixture,
                 gconstpointer   data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  gint64 rows = audit_rows (social);

  for (guint i = 0; i < N_BREAKS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SamPerson) person = NULL;
      g_autofree char *scratch = scratch_for ((Break) i);
      SamPersonDraft draft = valid_draft ();

      break_draft (&draft, (Break) i, social, scratch);
      person = sam_person_store_create (social, &draft, &error);
      if (person != NULL)
        g_error ("case %u: the draft was accepted", i);
      g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, break_fields[i]))
        g_error ("case %u: “%s” does not start with “%s”", i, error->message, break_fields[i]);
    }

  /* Nothing half-saved, and nothing audited. */
  g_assert_cmpint (query_int (social, "SELECT count (*) FROM persons"), ==, 0);
  g_assert_cmpint (audit_rows (social), ==, rows);
}

/* Ten and twelve digits name the same person; the second registration is
 * refused, and the message says what to do. */
static void
test_exists (SamTestFixture *fixture,
             gconstpointer   data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPerson) again = NULL;
  g_autofree char *twelve = pnr ("20110315", "000");
  g_autofree char *ten = g_strdup (twelve + 2);
  SamPersonDraft draft = valid_draft ();
  gint64 rows;

  draft.personnummer = twelve;
  create (social, &draft);

  rows = audit_rows (social);
  draft.personnummer = ten;
  draft.given_name = "Annan";
  again = sam_person_store_create (social, &draft, &error);
  g_assert_null (again);
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_EXISTS);
  g_assert_true (g_str_has_prefix (error->message, "Personal identity number: "));
  g_assert_nonnull (strstr (error->message, "already registered"));
  g_assert_nonnull (strstr (error->message, twelve));

  g_assert_cmpint (query_int (social, "SELECT count (*) FROM persons"), ==, 1);
  g_assert_cmpint (audit_rows (social), ==, rows);
}

/* Duplicates ---------------------------------------------------------------- */

static GPtrArray *
find (SamSession *session,
      const char *number,
      const char *given,
      const char *family,
      const char *birth_date,
      const char *expected_reason)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strconcat ("search|person|0|0|0|", expected_reason, "|ok", NULL);
  gint64 rows = audit_rows (session);
  GPtrArray *matches;

  matches = sam_person_store_find_duplicates (session, number, given, family, birth_date, &error);
  g_assert_no_error (error);
  g_assert_nonnull (matches);
  assert_last_audit (session, rows, expected);

  return matches;
}

static SamPersonMatch *
match_at (GPtrArray *matches,
          guint      index)
{
  return g_ptr_array_index (matches, index);
}

static void
test_duplicates (SamTestFixture *fixture,
                 gconstpointer   data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  g_autoptr(SamSession) school = sam_test_unlock_user (fixture->path, "school");
  g_autofree char *number = pnr ("20100704", "000");
  SamPersonDraft asa = valid_draft ();
  SamPersonDraft karl = valid_draft ();
  gint64 asa_id, karl_id;

  asa.given_name = "Åsa";
  asa.family_name = "Öberg-Lind";
  karl.given_name = "Karl Johan";
  karl.family_name = "Svensson";
  karl.personnummer = number;
  karl.birth_date = NULL;
  asa_id = create (social, &asa);
  karl_id = create (social, &karl);

  {
    /* By number, in its ten-digit form. */
    g_autoptr(GPtrArray) matches = find (school, number + 2, NULL, NULL, NULL, "count:1");

    g_assert_cmpuint (matches->len, ==, 1);
    g_assert_cmpint (match_at (matches, 0)->id, ==, karl_id);
    g_assert_cmpint (match_at (matches, 0)->match, ==, SAM_PERSON_MATCH_PERSONNUMMER);
    g_assert_cmpstr (match_at (matches, 0)->given_name, ==, "Karl Johan");
    g_assert_cmpstr (match_at (matches, 0)->birth_date, ==, "2010-07-04");
  }
  {
    /* By name and birth date, forgiving case, accents and the hyphen. */
    g_autoptr(GPtrArray) matches = find (school, NULL, "ASA", "oberg lind", BIRTH_DATE, "count:1");

    g_assert_cmpuint (matches->len, ==, 1);
    g_assert_cmpint (match_at (matches, 0)->id, ==, asa_id);
    g_assert_cmpint (match_at (matches, 0)->match, ==, SAM_PERSON_MATCH_NAME_AND_BIRTH_DATE);
  }
  {
    /* One of several given names is enough; the number need not be known. */
    g_autoptr(GPtrArray) matches = find (school, NULL, "Johan", "Svensson", "2010-07-04", "count:1");

    g_assert_cmpuint (matches->len, ==, 1);
    g_assert_cmpint (match_at (matches, 0)->id, ==, karl_id);
  }
  {
    /* Found both ways, listed once, as the stronger match. */
    g_autoptr(GPtrArray) matches = find (school, number, "Karl", "Svensson", NULL, "count:1");

    g_assert_cmpuint (matches->len, ==, 1);
    g_assert_cmpint (match_at (matches, 0)->match, ==, SAM_PERSON_MATCH_PERSONNUMMER);
  }
  {
    g_autoptr(GPtrArray) other_day = find (school, NULL, "Åsa", "Öberg-Lind", "2011-03-16", "count:0");
    g_autoptr(GPtrArray) other_family = find (school, NULL, "Åsa", "Öberg", BIRTH_DATE, "count:0");
    g_autoptr(GPtrArray) other_given = find (school, NULL, "Elsa", "Öberg-Lind", BIRTH_DATE, "count:0");

    g_assert_cmpuint (other_day->len, ==, 0);
    g_assert_cmpuint (other_family->len, ==, 0);
    g_assert_cmpuint (other_given->len, ==, 0);
  }
}

static void
test_duplicates_validation (SamTestFixture *fixture,
                            gconstpointer   data)
{
  g_autoptr(SamSession) school = sam_test_unlock_user (fixture->path, "school");
  g_autofree char *number = pnr ("20110315", "000");
  gint64 rows = audit_rows (school);
  static const struct
  {
    const char *number;
    const char *given;
    const char *family;
    const char *birth_date;
    const char *field;
  } cases[] = {
    { NULL, NULL, NULL, NULL, "Given name: " },
    { NULL, "Elsa", NULL, BIRTH_DATE, "Family name: " },
    { NULL, "Elsa", "Lindqvist", NULL, "Birth date: " },
    { NULL, "Elsa", "Lindqvist", "2011-13-01", "Birth date: " },
    { "20110315-0002", NULL, NULL, NULL, "Personal identity number: " },
    { "201103150", NULL, NULL, NULL, "Personal identity number: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) matches = NULL;

      matches = sam_person_store_find_duplicates (school, cases[i].number, cases[i].given,
                                                  cases[i].family, cases[i].birth_date, &error);
      g_assert_null (matches);
      g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, cases[i].field))
        g_error ("case %u: “%s” does not start with “%s”", i, error->message, cases[i].field);
    }

  /* The number and the birth date must agree. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) matches = sam_person_store_find_duplicates (school, number, NULL, NULL,
                                                                     "2011-03-16", &error);

    g_assert_null (matches);
    g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, "Birth date: "));
  }

  g_assert_cmpint (audit_rows (school), ==, rows);
}

/* Policy -------------------------------------------------------------------- */

static void
assert_all_refused (SamSession *session,
                    gint64      person_id)
{
  SamPersonDraft draft = valid_draft ();
  SamGuardianDraft guardian = { .name = "Anna Lindqvist", .custody = TRUE };
  gint64 persons = query_int (session, "SELECT count (*) FROM persons");
  gint64 rows = audit_rows (session);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) matches = sam_person_store_find_duplicates (session, NULL, "Elsa",
                                                                     "Lindqvist", BIRTH_DATE, &error);
    g_assert_null (matches);
    assert_denied (error);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SamPerson) person = sam_person_store_create (session, &draft, &error);
    g_assert_null (person);
    assert_denied (error);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SamPerson) person = sam_person_store_get (session, person_id, &error);
    g_assert_null (person);
    assert_denied (error);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SamGuardian) added = sam_person_store_add_guardian (session, person_id, &guardian, &error);
    g_assert_null (added);
    assert_denied (error);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) guardians = sam_person_store_list_guardians (session, person_id, &error);
    g_assert_null (guardians);
    assert_denied (error);
  }

  /* Each refusal is on record, and nothing changed. */
  g_assert_cmpint (audit_rows (session), ==, rows + 5);
  g_assert_cmpint (query_int (session, "SELECT count (*) FROM audit_log WHERE outcome = 'denied'"
                                       " AND seq > (SELECT max (seq) - 5 FROM audit_log)"), ==, 5);
  g_assert_cmpint (query_int (session, "SELECT count (*) FROM persons"), ==, persons);
}

static void
test_manager_and_admin_refused (SamTestFixture *fixture,
                                gconstpointer   data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  g_autoptr(SamSession) manager = sam_test_unlock_user (fixture->path, "manager");
  g_autoptr(SamSession) admin = sam_test_unlock_admin (fixture->path);
  SamPersonDraft draft = valid_draft ();
  gint64 person_id = create (social, &draft);

  /* Even the coordinator's chair does not open the record to them. */
  add_case (social, person_id, "manager", "admin");

  assert_all_refused (manager, person_id);
  assert_all_refused (admin, person_id);
}

static void
test_school_needs_relation (SamTestFixture *fixture,
                            gconstpointer   data)
{
  g_autoptr(SamSession) school = sam_test_unlock_user (fixture->path, "school");
  g_autoptr(SamSession) school2 = sam_test_unlock_user (fixture->path, "school2");
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  SamPersonDraft draft = valid_draft ();
  gint64 person_id = create (school, &draft);
  gint64 other_case_id, case_id;
  gint64 rows;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SamPerson) person = NULL;

    rows = audit_rows (school);
    person = sam_person_store_get (school, person_id, &error);
    g_assert_null (person);
    assert_denied (error);
    assert_last_audit (school, rows, "view|person|0|0|0|operation:person-view|denied");
  }

  /* Two cases, and the school is on the second one's team only: that
   * one lets it in, and the audit row says so. */
  other_case_id = add_case (social, person_id, NULL, "leisure");
  case_id = add_case (social, person_id, "social", "school");

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SamPerson) person = NULL;
    g_autofree char *expected = NULL;

    rows = audit_rows (school);
    person = sam_person_store_get (school, person_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (person->given_name, ==, "Elsa");
    expected = g_strdup_printf ("view|person|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%"
                                G_GINT64_FORMAT "||ok", person_id, person_id, case_id);
    assert_last_audit (school, rows, expected);
  }
  {
    /* Another school's staff are not on the team. */
    g_autoptr(GError) error = NULL;
    g_autoptr(SamPerson) person = NULL;
    g_autofree char *expected = NULL;

    rows = audit_rows (school2);
    person = sam_person_store_get (school2, person_id, &error);
    g_assert_null (person);
    assert_denied (error);
    expected = g_strdup_printf ("view|person|0|0|%" G_GINT64_FORMAT "|operation:person-view|denied",
                                other_case_id);
    assert_last_audit (school2, rows, expected);
  }
  {
    /* A team member reads guardians but does not register them. */
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) guardians = sam_person_store_list_guardians (school, person_id, &error);
    g_autoptr(SamGuardian) added = NULL;
    SamGuardianDraft guardian = { .name = "Anna Lindqvist", .custody = TRUE };

    g_assert_no_error (error);
    g_assert_cmpuint (guardians->len, ==, 0);
    added = sam_person_store_add_guardian (school, person_id, &guardian, &error);
    g_assert_null (added);
    assert_denied (error);
  }
  {
    /* Social services see the person without being on the team. */
    g_autoptr(SamSession) social2 = sam_test_unlock_user (fixture->path, "social2");
    g_autoptr(GError) error = NULL;
    g_autoptr(SamPerson) person = sam_person_store_get (social2, person_id, &error);
    g_autoptr(SamPerson) missing = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (person);
    missing = sam_person_store_get (social2, person_id + 100, &error);
    g_assert_null (missing);
    g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND);
  }
  {
    /* For everyone else, a missing person is just not theirs to see. */
    g_autoptr(GError) error = NULL;
    g_autoptr(SamPerson) missing = sam_person_store_get (school, person_id + 100, &error);

    g_assert_null (missing);
    assert_denied (error);
  }
}

/* Protected identity ---------------------------------------------------------- */

static SamPerson *
get (SamSession *session,
     gint64      person_id)
{
  g_autoptr(GError) error = NULL;
  SamPerson *person = sam_person_store_get (session, person_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (person);
  return person;
}

static void
assert_hidden (SamPerson *person)
{
  g_assert_true (person->protected_identity);
  g_assert_true (person->hidden_protected);
  g_assert_null (person->address);
  g_assert_cmpint (person->school_id, ==, 0);
  g_assert_null (person->school_name);
  g_assert_cmpint (person->area_id, ==, 0);
  g_assert_null (person->area_name);
  /* The rest of the record is still there. */
  g_assert_cmpstr (person->given_name, ==, "Elsa");
}

static void
test_protected_identity (SamTestFixture *fixture,
                         gconstpointer   data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  g_autoptr(SamSession) school = sam_test_unlock_user (fixture->path, "school");
  g_autoptr(SamSession) coordinator = sam_test_unlock_user (fixture->path, "coordinator");
  g_autoptr(SamPerson) by_member = NULL;
  g_autoptr(SamPerson) by_coordinator = NULL;
  g_autoptr(SamPerson) by_coordinator_role = NULL;
  g_autoptr(SamPerson) open_by_member = NULL;
  SamPersonDraft draft = valid_draft ();
  gint64 protected_id, open_id;

  draft.address = "Skyddad adress 1";
  draft.school_id = sam_test_agency_id (social, SAM_TEST_SCHOOL);
  draft.area_id = area_id (social, "Ekholmen");
  draft.protected_identity = TRUE;
  protected_id = create (social, &draft);
  draft.protected_identity = FALSE;
  draft.given_name = "Öppen";
  open_id = create (social, &draft);

  /* An older case without a coordinator, then the current one. */
  add_case (social, protected_id, NULL, "school");
  add_case (social, protected_id, "social", "school");
  add_case (social, open_id, "social", "school");

  by_member = get (school, protected_id);
  assert_hidden (by_member);

  by_coordinator = get (social, protected_id);
  g_assert_false (by_coordinator->hidden_protected);
  g_assert_cmpstr (by_coordinator->address, ==, "Skyddad adress 1");
  g_assert_cmpstr (by_coordinator->school_name, ==, SAM_TEST_SCHOOL);
  g_assert_cmpstr (by_coordinator->area_name, ==, "Ekholmen");

  /* The coordinator role sees every case, but is not this case's coordinator. */
  by_coordinator_role = get (coordinator, protected_id);
  assert_hidden (by_coordinator_role);

  open_by_member = get (school, open_id);
  g_assert_false (open_by_member->hidden_protected);
  g_assert_cmpstr (open_by_member->address, ==, "Skyddad adress 1");
  g_assert_cmpstr (open_by_member->school_name, ==, SAM_TEST_SCHOOL);
}

/* Guardians --------------------------------------------------------------------- */

static void
expect_guardian_error (SamSession             *session,
                       gint64                  person_id,
                       const SamGuardianDraft *draft,
                       int                     code,
                       const char             *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamGuardian) guardian = sam_person_store_add_guardian (session, person_id, draft, &error);

  g_assert_null (guardian);
  g_assert_error (error, SAM_STORE_ERROR, code);
  if (!g_str_has_prefix (error->message, field))
    g_error ("“%s” does not start with “%s”", error->message, field);
}

static void
test_guardians (SamTestFixture *fixture,
                gconstpointer   data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  g_autoptr(SamSession) school = sam_test_unlock_user (fixture->path, "school");
  g_autoptr(SamGuardian) mother = NULL;
  g_autoptr(GPtrArray) guardians = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *own = pnr ("20110315", "000");
  g_autofree char *mothers = pnr ("19800101", "000");
  g_autofree char *mothers_normalized = digits_only (mothers);
  g_autofree char *expected = NULL;
  g_autofree char *too_long = g_strnfill (41, '1');
  g_autofree char *mistyped = wrong_check_digit ("19800101");
  SamPersonDraft draft = valid_draft ();
  SamGuardianDraft guardian = { .name = "Anna Lindqvist", .personnummer = mothers,
                                .phone = "+46 70-123 45 67", .custody = TRUE };
  gint64 person_id, rows;

  draft.personnummer = own;
  person_id = create (social, &draft);

  /* Before there is a case, social services register guardians. */
  rows = audit_rows (social);
  mother = sam_person_store_add_guardian (social, person_id, &guardian, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mother->person_id, ==, person_id);
  g_assert_cmpstr (mother->name, ==, "Anna Lindqvist");
  g_assert_cmpstr (mother->personnummer, ==, mothers_normalized);
  g_assert_cmpstr (mother->phone, ==, "+46 70-123 45 67");
  g_assert_true (mother->custody);
  expected = g_strdup_printf ("create|guardian|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|0||ok",
                              mother->id, person_id);
  assert_last_audit (social, rows, expected);
  g_clear_pointer (&expected, g_free);

  {
    /* School staff do not. */
    g_autoptr(GError) denied = NULL;
    g_autoptr(SamGuardian) none = sam_person_store_add_guardian (school, person_id, &guardian, &denied);

    g_assert_null (none);
    assert_denied (denied);
  }

  /* Validation, each naming its field. */
  {
    SamGuardianDraft bad = guardian;

    bad.personnummer = NULL;
    bad.name = "";
    expect_guardian_error (social, person_id, &bad, SAM_STORE_ERROR_INVALID, "Name: ");
    bad.name = "Anna\tLindqvist";
    expect_guardian_error (social, person_id, &bad, SAM_STORE_ERROR_INVALID, "Name: ");
    bad.name = "Per Lindqvist";
    bad.phone = "070-abc";
    expect_guardian_error (social, person_id, &bad, SAM_STORE_ERROR_INVALID, "Phone: ");
    bad.phone = too_long;
    expect_guardian_error (social, person_id, &bad, SAM_STORE_ERROR_INVALID, "Phone: ");
    bad.phone = "+ -";
    expect_guardian_error (social, person_id, &bad, SAM_STORE_ERROR_INVALID, "Phone: ");
    bad.phone = NULL;
    bad.personnummer = mistyped;
    expect_guardian_error (social, person_id, &bad, SAM_STORE_ERROR_INVALID,
                           "Personal identity number: ");
    bad.personnummer = own;
    expect_guardian_error (social, person_id, &bad, SAM_STORE_ERROR_INVALID,
                           "Personal identity number: ");
    bad.personnummer = mothers;
    expect_guardian_error (social, person_id, &bad, SAM_STORE_ERROR_EXISTS,
                           "Personal identity number: ");
  }
  {
    g_autoptr(GError) missing = NULL;
    g_autoptr(SamGuardian) none = sam_person_store_add_guardian (social, person_id + 100, &guardian,
                                                                 &missing);

    g_assert_null (none);
    g_assert_error (missing, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND);
  }

  /* Once there is a case, its social services team does it. */
  {
    g_autoptr(SamSession) social2 = sam_test_unlock_user (fixture->path, "social2");
    g_autoptr(GError) denied = NULL;
    g_autoptr(SamGuardian) father = NULL;
    SamGuardianDraft second = { .name = "Per Lindqvist", .custody = FALSE };
    gint64 case_id = add_case (social, person_id, "social", "school");

    father = sam_person_store_add_guardian (social2, person_id, &second, &denied);
    g_assert_null (father);
    assert_denied (denied);

    rows = audit_rows (social);
    father = sam_person_store_add_guardian (social, person_id, &second, &error);
    g_assert_no_error (error);
    g_assert_null (father->personnummer);
    g_assert_null (father->phone);
    g_assert_false (father->custody);
    expected = g_strdup_printf ("create|guardian|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%"
                                G_GINT64_FORMAT "||ok", father->id, person_id, case_id);
    assert_last_audit (social, rows, expected);
    g_clear_pointer (&expected, g_free);

    rows = audit_rows (school);
    guardians = sam_person_store_list_guardians (school, person_id, &error);
    g_assert_no_error (error);
    expected = g_strdup_printf ("view|guardian|0|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "||ok",
                                person_id, case_id);
    assert_last_audit (school, rows, expected);
  }

  g_assert_cmpuint (guardians->len, ==, 2);
  g_assert_cmpstr (((SamGuardian *) g_ptr_array_index (guardians, 0))->name, ==, "Anna Lindqvist");
  g_assert_cmpstr (((SamGuardian *) g_ptr_array_index (guardians, 1))->name, ==, "Per Lindqvist");
  g_assert_cmpint (query_int (social, "SELECT count (*) FROM guardians"), ==, 2);
}

/* Audit rows hold ids and counts, never what identifies a person. */
static void
test_audit_holds_no_text (SamTestFixture *fixture,
                          gconstpointer   data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GPtrArray) guardians = NULL;
  g_autoptr(SamPerson) person = NULL;
  g_autoptr(SamGuardian) guardian = NULL;
  g_autofree char *number = pnr ("20110315", "000");
  g_autofree char *guardian_number = pnr ("19800101", "000");
  g_autofree char *everything = NULL;
  SamPersonDraft draft = valid_draft ();
  SamGuardianDraft guardian_draft = { .name = "Gunhild Fjällström", .personnummer = guardian_number,
                                      .phone = "013-20 60 00", .custody = TRUE };
  const char *secrets[] = {
    "Elsa", "Lindqvist", "Fjällström", "Gunhild", "Hemliga vägen", "013-20", "2011-03-15",
    "20110315", "110315", "19800101", "800101",
  };
  gint64 person_id;

  draft.personnummer = number;
  draft.address = "Hemliga vägen 7";
  person_id = create (social, &draft);
  matches = sam_person_store_find_duplicates (social, number, "Elsa", "Lindqvist", NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&matches, g_ptr_array_unref);
  matches = sam_person_store_find_duplicates (social, NULL, "Elsa", "Lindqvist", BIRTH_DATE, &error);
  g_assert_no_error (error);
  person = sam_person_store_get (social, person_id, &error);
  g_assert_no_error (error);
  guardian = sam_person_store_add_guardian (social, person_id, &guardian_draft, &error);
  g_assert_no_error (error);
  guardians = sam_person_store_list_guardians (social, person_id, &error);
  g_assert_no_error (error);

  everything = query_text (social,
                           "SELECT group_concat (coalesce (time, '') || '|' || coalesce (role, '') ||"
                           " '|' || action || '|' || coalesce (object_type, '') || '|' ||"
                           " coalesce (reason, '') || '|' || outcome, '\n') FROM audit_log");
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      if (strstr (everything, secrets[i]) != NULL)
        g_error ("the audit log holds “%s”:\n%s", secrets[i], everything);
    }

  g_assert_cmpint (query_int (social, "SELECT count (*) FROM audit_log WHERE action = 'search'"
                                      " AND reason = 'count:1'"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, SamTestFixture, NULL, fixture_set_up, func, sam_test_fixture_tear_down)

  ADD ("/person-store/create-get", test_create_get);
  ADD ("/person-store/create-variants", test_create_variants);
  ADD ("/person-store/validation", test_validation);
  ADD ("/person-store/exists", test_exists);
  ADD ("/person-store/duplicates", test_duplicates);
  ADD ("/person-store/duplicates-validation", test_duplicates_validation);
  ADD ("/person-store/manager-and-admin-refused", test_manager_and_admin_refused);
  ADD ("/person-store/school-needs-relation", test_school_needs_relation);
  ADD ("/person-store/protected-identity", test_protected_identity);
  ADD ("/person-store/guardians", test_guardians);
  ADD ("/person-store/audit-holds-no-text", test_audit_holds_no_text);

#undef ADD

  return g_test_run ();
}
