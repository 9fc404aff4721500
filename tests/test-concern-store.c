/* test-concern-store.c: concerns, the inbox, triage, access and audit
 *
 * Persons, guardians, cases, teams and consents are made with SQL, so that
 * these tests depend on no other store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sam-database-private.h"
#include "sam-test-util.h"

#define MARKER "ZQXJ-concern-marker-7731"

typedef struct
{
  SamTestFixture  base;
  SamSession     *admin;        /* runs the setup SQL and reads the audit log */
  GStrv           categories;   /* two concern category codes */
  GStrv           risks;        /* two risk factor codes */
  GStrv           protectives;  /* one protective factor code */
} Fixture;

/* SQL helpers -------------------------------------------------------------- */

static sqlite3 *
handle_of (SamSession *session)
{
  return _sam_database_get_handle (sam_session_get_database (session));
}

static void
exec_sql (Fixture    *fixture,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (handle_of (fixture->admin), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (fixture->admin), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (Fixture    *fixture,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (fixture->admin), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Codes of @kind that no other kind of concern code shares, so that
 * using one under the wrong kind must fail. From the seeded catalogue;
 * test entries stand in for any it lacks. */
#define EXCLUSIVE_CODES \
  " FROM catalogue WHERE kind = '%s' AND code NOT IN (SELECT code FROM catalogue WHERE kind <> '%s'" \
  "   AND kind IN ('concern_category', 'risk_factor', 'protective_factor'))"

static GStrv
catalogue_codes (Fixture    *fixture,
                 const char *kind,
                 guint       n)
{
  g_autofree char *count_sql = g_strdup_printf ("SELECT count (*)" EXCLUSIVE_CODES, kind, kind);
  g_autofree char *select_sql = g_strdup_printf ("SELECT code" EXCLUSIVE_CODES " ORDER BY sort, code LIMIT %u",
                                                 kind, kind, n);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;

  for (guint i = (guint) query_int (fixture, count_sql); i < n; i++)
    {
      g_autofree char *insert = g_strdup_printf ("INSERT INTO catalogue (kind, code, label_en, label_sv, sort)"
                                                 " VALUES ('%s', 'test_%s_%u', 'Test', 'Test', %u)",
                                                 kind, kind, i, 1000 + i);
      exec_sql (fixture, insert);
    }

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (fixture->admin), select_sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));

  return g_strv_builder_end (builder);
}

static gint64
add_person (Fixture *fixture,
            guint    age)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO persons (given_name, family_name, birth_date,"
                                          "  created_at, created_by)"
                                          " VALUES ('Test', 'Person', date ('now', '-%u years', '-1 month'),"
                                          "         '2025-01-01T00:00:00Z', %" G_GINT64_FORMAT ")",
                                          age, sam_session_get_user_id (fixture->admin));

  exec_sql (fixture, sql);
  return sqlite3_last_insert_rowid (handle_of (fixture->admin));
}

static gint64
add_guardian (Fixture *fixture,
              gint64   person_id)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO guardians (person_id, name, custody)"
                                          " VALUES (%" G_GINT64_FORMAT ", 'Guardian', 1)", person_id);

  exec_sql (fixture, sql);
  return sqlite3_last_insert_rowid (handle_of (fixture->admin));
}

static gint64
add_case (Fixture    *fixture,
          gint64      person_id,
          const char *status)
{
  static guint number = 0;
  gboolean closed = g_str_equal (status, "closed");
  g_autofree char *sql = g_strdup_printf ("INSERT INTO cases (number, person_id, prevention_level, status,"
                                          "  closing_reason, opened_at, closed_at)"
                                          " VALUES ('SV-2025-%04u', %" G_GINT64_FORMAT ", 'indicated', '%s',"
                                          "         %s, '2025-01-01T00:00:00Z', %s)",
                                          ++number, person_id, status,
                                          closed ? "'other'" : "NULL",
                                          closed ? "'2025-02-01T00:00:00Z'" : "NULL");

  exec_sql (fixture, sql);
  return sqlite3_last_insert_rowid (handle_of (fixture->admin));
}

static void
add_to_team (Fixture    *fixture,
             gint64      case_id,
             SamSession *member)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO case_team (case_id, user_id)"
                                          " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                                          case_id, sam_session_get_user_id (member));

  exec_sql (fixture, sql);
}

/* A consent in force since 2020 that names @agencies and is signed by
 * every guardian with custody of the case's young person. */
static gint64
add_consent (Fixture      *fixture,
             gint64        case_id,
             const gint64 *agencies,
             guint         n_agencies)
{
  g_autofree char *consent = g_strdup_printf ("INSERT INTO consents (case_id, purpose, valid_from,"
                                              "  recorded_by, recorded_at)"
                                              " VALUES (%" G_GINT64_FORMAT ", 'SSPF', '2020-01-01',"
                                              "         %" G_GINT64_FORMAT ", '2020-01-01T00:00:00Z')",
                                              case_id, sam_session_get_user_id (fixture->admin));
  g_autofree char *signatories = NULL;
  gint64 consent_id;

  exec_sql (fixture, consent);
  consent_id = sqlite3_last_insert_rowid (handle_of (fixture->admin));

  signatories = g_strdup_printf ("INSERT INTO consent_signatories (consent_id, guardian_id, signed_on)"
                                 " SELECT %" G_GINT64_FORMAT ", g.id, '2020-01-01'"
                                 " FROM guardians g JOIN cases c ON c.person_id = g.person_id"
                                 " WHERE c.id = %" G_GINT64_FORMAT " AND g.custody = 1",
                                 consent_id, case_id);
  exec_sql (fixture, signatories);

  for (guint i = 0; i < n_agencies; i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO consent_agencies (consent_id, agency_id)"
                                              " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                                              consent_id, agencies[i]);
      exec_sql (fixture, sql);
    }

  return consent_id;
}

static void
withdraw_consent (Fixture *fixture,
                  gint64   consent_id)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE consents SET withdrawn_at = '2025-06-01T00:00:00Z'"
                                          " WHERE id = %" G_GINT64_FORMAT, consent_id);

  exec_sql (fixture, sql);
}

/* Audit helpers ------------------------------------------------------------ */

static gint64
audit_head (Fixture *fixture)
{
  return query_int (fixture, "SELECT coalesce (max (seq), 0) FROM audit_log");
}

/* Asserts that exactly one row was appended after @since, and that it says
 * what it should. Ids of 0 and a NULL reason must be NULL in the row. */
static void
assert_one_audit_row (Fixture    *fixture,
                      gint64      since,
                      SamSession *actor,
                      const char *action,
                      const char *object_type,
                      gint64      object_id,
                      gint64      person_id,
                      gint64      case_id,
                      const char *reason,
                      const char *outcome)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (audit_head (fixture), ==, since + 1);

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (fixture->admin),
                                       "SELECT user_id, action, object_type, object_id, person_id, case_id,"
                                       "       reason, outcome FROM audit_log WHERE seq = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, since + 1);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, sam_session_get_user_id (actor));
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, action);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, object_type);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, object_id);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 4), ==, person_id);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 5), ==, case_id);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 6), ==, reason);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 7), ==, outcome);
}

/* Fixture ------------------------------------------------------------------ */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  sam_test_fixture_set_up (&fixture->base, data);
  sam_test_populate_sspf (fixture->base.path);
  fixture->admin = sam_test_unlock_admin (fixture->base.path);
  fixture->categories = catalogue_codes (fixture, "concern_category", 2);
  fixture->risks = catalogue_codes (fixture, "risk_factor", 2);
  fixture->protectives = catalogue_codes (fixture, "protective_factor", 1);

  g_assert_cmpuint (g_strv_length (fixture->categories), ==, 2);
  g_assert_cmpuint (g_strv_length (fixture->risks), ==, 2);
  g_assert_cmpuint (g_strv_length (fixture->protectives), ==, 1);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->categories, g_strfreev);
  g_clear_pointer (&fixture->risks, g_strfreev);
  g_clear_pointer (&fixture->protectives, g_strfreev);
  g_clear_object (&fixture->admin);
  sam_test_fixture_tear_down (&fixture->base, data);
}

static SamSession *
unlock (Fixture    *fixture,
        const char *user)
{
  return sam_test_unlock_user (fixture->base.path, user);
}

static SamConcernDraft
valid_draft (Fixture *fixture,
             gint64   person_id)
{
  SamConcernDraft draft = {
    .person_id = person_id,
    .observed_on = "2025-03-14",
    .urgency = SAM_CONCERN_URGENCY_MEDIUM,
    .description = "Absent three days a week.\nSeen with older youths\tafter school.",
    .report_to_social = FALSE,
    .categories = (const char * const *) fixture->categories,
    .risk_factors = (const char * const *) fixture->risks,
    .protective_factors = (const char * const *) fixture->protectives,
  };

  return draft;
}

static SamConcern *
create_concern (Fixture            *fixture,
                SamSession         *reporter,
                gint64              person_id,
                SamConcernUrgency   urgency,
                gboolean            report_to_social)
{
  g_autoptr(GError) error = NULL;
  SamConcernDraft draft = valid_draft (fixture, person_id);
  SamConcern *concern;

  draft.urgency = urgency;
  draft.report_to_social = report_to_social;
  concern = sam_concern_store_create (reporter, &draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (concern);

  return concern;
}

/* Tests -------------------------------------------------------------------- */

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(SamSession) school = unlock (fixture, "school");
  g_autoptr(SamConcern) concern = NULL;
  g_autoptr(SamConcern) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 person_id = add_person (fixture, 13);
  const char *twice[] = { fixture->categories[0], fixture->categories[1], fixture->categories[0], NULL };
  SamConcernDraft draft = valid_draft (fixture, person_id);
  gint64 since;

  draft.urgency = SAM_CONCERN_URGENCY_HIGH;
  draft.report_to_social = TRUE;
  draft.categories = twice;

  since = audit_head (fixture);
  concern = sam_concern_store_create (school, &draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (concern);

  g_assert_cmpint (concern->id, >, 0);
  g_assert_cmpint (concern->person_id, ==, person_id);
  g_assert_cmpint (concern->case_id, ==, 0);
  g_assert_cmpint (concern->reporter_id, ==, sam_session_get_user_id (school));
  g_assert_cmpstr (concern->reporter_name, ==, "school");
  g_assert_cmpint (concern->agency_id, ==, sam_test_agency_id (fixture->admin, SAM_TEST_SCHOOL));
  g_assert_cmpstr (concern->agency_name, ==, SAM_TEST_SCHOOL);
  g_assert_cmpstr (concern->observed_on, ==, "2025-03-14");
  g_assert_cmpint (concern->urgency, ==, SAM_CONCERN_URGENCY_HIGH);
  g_assert_cmpstr (concern->description, ==, draft.description);
  g_assert_true (concern->report_to_social);
  g_assert_cmpint (concern->status, ==, SAM_CONCERN_STATUS_RECEIVED);
  g_assert_null (concern->feedback);
  g_assert_nonnull (concern->created_at);
  g_assert_cmpstr (concern->created_at, ==, concern->updated_at);

  /* A code chosen twice is kept once. */
  g_assert_cmpuint (g_strv_length (concern->categories), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) concern->categories, fixture->categories[0]));
  g_assert_true (g_strv_contains ((const char * const *) concern->categories, fixture->categories[1]));
  g_assert_cmpuint (g_strv_length (concern->risk_factors), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) concern->risk_factors, fixture->risks[1]));
  g_assert_cmpuint (g_strv_length (concern->protective_factors), ==, 1);
  g_assert_cmpstr (concern->protective_factors[0], ==, fixture->protectives[0]);

  assert_one_audit_row (fixture, since, school, "create", "concern", concern->id, person_id, 0,
                        "report_to_social", "ok");

  /* Opening it is one VIEW row naming the person. */
  since = audit_head (fixture);
  again = sam_concern_store_get (school, concern->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->description, ==, draft.description);
  g_assert_cmpuint (g_strv_length (again->categories), ==, 2);
  assert_one_audit_row (fixture, since, school, "view", "concern", concern->id, person_id, 0,
                        NULL, "ok");
}

static void
test_create_minimal (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SamSession) police = unlock (fixture, "police");
  g_autoptr(SamConcern) concern = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *longest = g_strnfill (SAM_LONG_TEXT_MAX_CHARS, 'x');
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 person_id = add_person (fixture, 16);
  SamConcernDraft draft = valid_draft (fixture, person_id);
  gint64 since;

  /* No factors, today's date and the longest description all pass; the
   * concern's agency is the police officer's own. */
  today = g_date_time_format (now, "%Y-%m-%d");
  draft.observed_on = today;
  draft.description = longest;
  draft.risk_factors = NULL;
  draft.protective_factors = NULL;
  draft.urgency = SAM_CONCERN_URGENCY_ACUTE;

  since = audit_head (fixture);
  concern = sam_concern_store_create (police, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (concern->agency_id, ==, sam_test_agency_id (fixture->admin, SAM_TEST_POLICE));
  g_assert_cmpint (g_utf8_strlen (concern->description, -1), ==, SAM_LONG_TEXT_MAX_CHARS);
  g_assert_cmpuint (g_strv_length (concern->risk_factors), ==, 0);
  g_assert_cmpuint (g_strv_length (concern->protective_factors), ==, 0);
  g_assert_cmpint (concern->urgency, ==, SAM_CONCERN_URGENCY_ACUTE);
  g_assert_false (concern->report_to_social);
  assert_one_audit_row (fixture, since, police, "create", "concern", concern->id, person_id, 0,
                        NULL, "ok");
}

typedef enum
{
  BREAK_PERSON_ZERO,
  BREAK_PERSON_UNKNOWN,
  BREAK_OBSERVED_MISSING,
  BREAK_OBSERVED_SHAPE,
  BREAK_OBSERVED_NO_SUCH_DAY,
  BREAK_OBSERVED_FUTURE,
  BREAK_URGENCY,
  BREAK_CATEGORIES_NULL,
  BREAK_CATEGORIES_EMPTY,
  BREAK_CATEGORIES_UNKNOWN,
  BREAK_CATEGORIES_WRONG_KIND,
  BREAK_DESCRIPTION_NULL,
  BREAK_DESCRIPTION_BLANK,
  BREAK_DESCRIPTION_TOO_LONG,
  BREAK_DESCRIPTION_CONTROL,
  BREAK_DESCRIPTION_NOT_UTF8,
  BREAK_RISK_UNKNOWN,
  BREAK_RISK_WRONG_KIND,
  BREAK_RISK_NEWLINE,
  BREAK_PROTECTIVE_UNKNOWN,
  BREAK_PROTECTIVE_WRONG_KIND,
  N_BREAKS
} Break;

static const char * const break_fields[N_BREAKS] = {
  [BREAK_PERSON_ZERO] = "Young person: ",
  [BREAK_PERSON_UNKNOWN] = "Young person: ",
  [BREAK_OBSERVED_MISSING] = "Observed on: ",
  [BREAK_OBSERVED_SHAPE] = "Observed on: ",
  [BREAK_OBSERVED_NO_SUCH_DAY] = "Observed on: ",
  [BREAK_OBSERVED_FUTURE] = "Observed on: ",
  [BREAK_URGENCY] = "Urgency: ",
  [BREAK_CATEGORIES_NULL] = "Categories: ",
  [BREAK_CATEGORIES_EMPTY] = "Categories: ",
  [BREAK_CATEGORIES_UNKNOWN] = "Categories: ",
  [BREAK_CATEGORIES_WRONG_KIND] = "Categories: ",
  [BREAK_DESCRIPTION_NULL] = "Description: ",
  [BREAK_DESCRIPTION_BLANK] = "Description: ",
  [BREAK_DESCRIPTION_TOO_LONG] = "Description: ",
  [BREAK_DESCRIPTION_CONTROL] = "Description: ",
  [BREAK_DESCRIPTION_NOT_UTF8] = "Description: ",
  [BREAK_RISK_UNKNOWN] = "Risk factors: ",
  [BREAK_RISK_WRONG_KIND] = "Risk factors: ",
  [BREAK_RISK_NEWLINE] = "Risk factors: ",
  [BREAK_PROTECTIVE_UNKNOWN] = "Protective factors: ",
  [BREAK_PROTECTIVE_WRONG_KIND] = "Protective factors: ",
};

static void
test_create_validation (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SamSession) school = unlock (fixture, "school");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *tomorrow_text = g_date_time_format (tomorrow, "%Y-%m-%d");
  g_autofree char *too_long = g_strnfill (SAM_LONG_TEXT_MAX_CHARS + 1, 'x');
  const char *empty[] = { NULL };
  const char *unknown[] = { "no_such_code", NULL };
  const char *newline[] = { "school\nabsence", NULL };
  const char *category[] = { fixture->categories[0], NULL };
  const char *risk[] = { fixture->risks[0], NULL };
  gint64 person_id = add_person (fixture, 13);
  gint64 since = audit_head (fixture);

  for (guint i = 0; i < N_BREAKS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SamConcern) concern = NULL;
      SamConcernDraft draft = valid_draft (fixture, person_id);

      switch ((Break) i)
        {
        case BREAK_PERSON_ZERO: draft.person_id = 0; break;
        case BREAK_PERSON_UNKNOWN: draft.person_id = person_id + 1000; break;
        case BREAK_OBSERVED_MISSING: draft.observed_on = NULL; break;
        case BREAK_OBSERVED_SHAPE: draft.observed_on = "14/03/2025"; break;
        case BREAK_OBSERVED_NO_SUCH_DAY: draft.observed_on = "2025-02-30"; break;
        case BREAK_OBSERVED_FUTURE: draft.observed_on = tomorrow_text; break;
        case BREAK_URGENCY: draft.urgency = (SamConcernUrgency) 17; break;
        case BREAK_CATEGORIES_NULL: draft.categories = NULL; break;
        case BREAK_CATEGORIES_EMPTY: draft.categories = empty; break;
        case BREAK_CATEGORIES_UNKNOWN: draft.categories = unknown; break;
        case BREAK_CATEGORIES_WRONG_KIND: draft.categories = risk; break;
        case BREAK_DESCRIPTION_NULL: draft.description = NULL; break;
        case BREAK_DESCRIPTION_BLANK: draft.description = " \n\t "; break;
        case BREAK_DESCRIPTION_TOO_LONG: draft.description = too_long; break;
        case BREAK_DESCRIPTION_CONTROL: draft.description = "Bell \a here"; break;
        case BREAK_DESCRIPTION_NOT_UTF8: draft.description = "Trasig \xc3\x28 text"; break;
        case BREAK_RISK_UNKNOWN: draft.risk_factors = unknown; break;
        case BREAK_RISK_WRONG_KIND: draft.risk_factors = category; break;
        case BREAK_RISK_NEWLINE: draft.risk_factors = newline; break;
        case BREAK_PROTECTIVE_UNKNOWN: draft.protective_factors = unknown; break;
        case BREAK_PROTECTIVE_WRONG_KIND: draft.protective_factors = risk; break;
        case N_BREAKS:
        default: g_assert_not_reached ();
        }

      concern = sam_concern_store_create (school, &draft, &error);
      if (concern != NULL)
        g_error ("case %u: the draft was accepted", i);
      g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, break_fields[i]))
        g_error ("case %u: “%s” does not start with “%s”", i, error->message, break_fields[i]);
    }

  /* Nothing half-saved, and nothing audited. */
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM concerns"), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM concern_codes"), ==, 0);
  g_assert_cmpint (audit_head (fixture), ==, since);
}

static void
set_created_at (Fixture    *fixture,
                gint64      concern_id,
                const char *time)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE concerns SET created_at = '%s' WHERE id = %" G_GINT64_FORMAT,
                                          time, concern_id);

  exec_sql (fixture, sql);
}

static void
test_inbox_order (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(SamSession) school = unlock (fixture, "school");
  g_autoptr(SamSession) social = unlock (fixture, "social");
  g_autoptr(GPtrArray) inbox = NULL;
  g_autoptr(GError) error = NULL;
  gint64 person_id = add_person (fixture, 14);
  static const struct
  {
    SamConcernUrgency urgency;
    gboolean          report;
    const char       *created_at;
  } rows[] = {
    /* a */ { SAM_CONCERN_URGENCY_LOW, FALSE, "2025-01-01T10:05:00Z" },
    /* b */ { SAM_CONCERN_URGENCY_MEDIUM, TRUE, "2025-01-01T10:02:00Z" },
    /* c */ { SAM_CONCERN_URGENCY_ACUTE, FALSE, "2025-01-01T10:04:00Z" },
    /* d */ { SAM_CONCERN_URGENCY_HIGH, FALSE, "2025-01-01T10:01:00Z" },
    /* e */ { SAM_CONCERN_URGENCY_ACUTE, TRUE, "2025-01-01T10:03:00Z" },
    /* f */ { SAM_CONCERN_URGENCY_LOW, TRUE, "2025-01-01T10:00:00Z" },
    /* g */ { SAM_CONCERN_URGENCY_ACUTE, TRUE, "2025-01-01T09:00:00Z" },
  };
  /* Acute first, formal reports next, oldest first within each group;
   * g is assessed but not resolved, so it stays, first as the oldest
   * acute report. */
  static const guint expected[] = { 6, 4, 2, 5, 1, 3, 0 };
  gint64 ids[G_N_ELEMENTS (rows)];
  gint64 since;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(SamConcern) concern = create_concern (fixture, school, person_id, rows[i].urgency,
                                                      rows[i].report);
      ids[i] = concern->id;
      set_created_at (fixture, concern->id, rows[i].created_at);
    }

  {
    g_autoptr(SamConcern) assessed = sam_concern_store_assess (social, ids[6], SAM_CONCERN_STATUS_ASSESSED,
                                                               0, NULL, &error);
    g_assert_no_error (error);
  }

  since = audit_head (fixture);
  inbox = sam_concern_store_list_inbox (social, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inbox->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      SamConcern *concern = g_ptr_array_index (inbox, i);

      g_assert_cmpint (concern->id, ==, ids[expected[i]]);
      g_assert_cmpint (concern->status, ==, i == 0 ? SAM_CONCERN_STATUS_ASSESSED
                                                   : SAM_CONCERN_STATUS_RECEIVED);
      g_assert_cmpuint (g_strv_length (concern->categories), ==, 2);
    }
  assert_one_audit_row (fixture, since, social, "search", "concern_inbox", 0, 0, 0, "count:7", "ok");

  /* Only social services see the inbox; the refusal is audited. */
  for (guint i = 0; i < 3; i++)
    {
      const char *users[] = { "school", "police", "leisure" };
      g_autoptr(SamSession) other = unlock (fixture, users[i]);
      g_autoptr(GPtrArray) refused = NULL;
      g_autoptr(GError) denied = NULL;

      since = audit_head (fixture);
      refused = sam_concern_store_list_inbox (other, 0, &denied);
      g_assert_null (refused);
      g_assert_error (denied, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
      assert_one_audit_row (fixture, since, other, "view", "concern", 0, 0, 0,
                            "operation:concern-inbox", "denied");
    }

  /* The coordinator sees the same inbox. */
  {
    g_autoptr(SamSession) coordinator = unlock (fixture, "coordinator");
    g_autoptr(GPtrArray) same = sam_concern_store_list_inbox (coordinator, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (same->len, ==, G_N_ELEMENTS (expected));
  }
}

/* A limit bounds both listings in SQL: the first in each one's order,
 * and the audit row counts what was returned. 0 lists all. */
static void
test_list_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(SamSession) school = unlock (fixture, "school");
  g_autoptr(SamSession) social = unlock (fixture, "social");
  g_autoptr(GPtrArray) inbox = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) all_mine = NULL;
  g_autoptr(GError) error = NULL;
  gint64 person_id = add_person (fixture, 13);
  static const struct
  {
    SamConcernUrgency urgency;
    const char       *created_at;
  } rows[] = {
    /* a */ { SAM_CONCERN_URGENCY_LOW, "2025-01-01T10:00:00Z" },
    /* b */ { SAM_CONCERN_URGENCY_ACUTE, "2025-01-01T11:00:00Z" },
    /* c */ { SAM_CONCERN_URGENCY_LOW, "2025-01-01T12:00:00Z" },
  };
  gint64 ids[G_N_ELEMENTS (rows)];
  gint64 since;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(SamConcern) concern = create_concern (fixture, school, person_id, rows[i].urgency, FALSE);

      ids[i] = concern->id;
      set_created_at (fixture, concern->id, rows[i].created_at);
    }

  /* The inbox: the acute b, then the oldest of the rest, a; c is left out. */
  since = audit_head (fixture);
  inbox = sam_concern_store_list_inbox (social, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inbox->len, ==, 2);
  g_assert_cmpint (((SamConcern *) g_ptr_array_index (inbox, 0))->id, ==, ids[1]);
  g_assert_cmpint (((SamConcern *) g_ptr_array_index (inbox, 1))->id, ==, ids[0]);
  assert_one_audit_row (fixture, since, social, "search", "concern_inbox", 0, 0, 0, "count:2", "ok");

  all = sam_concern_store_list_inbox (social, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);

  /* Mine: the newest two, c then b. */
  since = audit_head (fixture);
  mine = sam_concern_store_list_mine (school, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mine->len, ==, 2);
  g_assert_cmpint (((SamConcern *) g_ptr_array_index (mine, 0))->id, ==, ids[2]);
  g_assert_cmpint (((SamConcern *) g_ptr_array_index (mine, 1))->id, ==, ids[1]);
  assert_one_audit_row (fixture, since, school, "search", "concern", 0, 0, 0, "count:2", "ok");

  all_mine = sam_concern_store_list_mine (school, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all_mine->len, ==, 3);
}

static void
test_reporter_sees_feedback (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(SamSession) school = unlock (fixture, "school");
  g_autoptr(SamSession) school2 = unlock (fixture, "school2");
  g_autoptr(SamSession) social = unlock (fixture, "social");
  g_autoptr(SamConcern) first = NULL;
  g_autoptr(SamConcern) second = NULL;
  g_autoptr(SamConcern) closed = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) theirs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 person_id = add_person (fixture, 12);
  const char *feedback = "Vårdnadshavarna har kontaktats; skolan följer upp.";
  gint64 since;

  first = create_concern (fixture, school, person_id, SAM_CONCERN_URGENCY_LOW, FALSE);
  second = create_concern (fixture, school, person_id, SAM_CONCERN_URGENCY_HIGH, TRUE);
  set_created_at (fixture, first->id, "2025-01-01T08:00:00Z");

  closed = sam_concern_store_assess (social, first->id, SAM_CONCERN_STATUS_NO_ACTION, 0, feedback, &error);
  g_assert_no_error (error);
  g_assert_cmpint (closed->status, ==, SAM_CONCERN_STATUS_NO_ACTION);
  g_assert_cmpstr (closed->feedback, ==, feedback);

  since = audit_head (fixture);
  mine = sam_concern_store_list_mine (school, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mine->len, ==, 2);
  /* Newest first. */
  g_assert_cmpint (((SamConcern *) g_ptr_array_index (mine, 0))->id, ==, second->id);
  g_assert_cmpint (((SamConcern *) g_ptr_array_index (mine, 0))->status, ==, SAM_CONCERN_STATUS_RECEIVED);
  g_assert_null (((SamConcern *) g_ptr_array_index (mine, 0))->feedback);
  g_assert_cmpint (((SamConcern *) g_ptr_array_index (mine, 1))->id, ==, first->id);
  g_assert_cmpint (((SamConcern *) g_ptr_array_index (mine, 1))->status, ==, SAM_CONCERN_STATUS_NO_ACTION);
  g_assert_cmpstr (((SamConcern *) g_ptr_array_index (mine, 1))->feedback, ==, feedback);
  assert_one_audit_row (fixture, since, school, "search", "concern", 0, 0, 0, "count:2", "ok");

  /* Another school's user has no concerns of their own, and sees none. */
  since = audit_head (fixture);
  theirs = sam_concern_store_list_mine (school2, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (theirs->len, ==, 0);
  assert_one_audit_row (fixture, since, school2, "search", "concern", 0, 0, 0, "count:0", "ok");

  /* The reporter still opens a closed concern, with its feedback. */
  {
    g_autoptr(SamConcern) reopened = sam_concern_store_get (school, first->id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (reopened->feedback, ==, feedback);
    g_assert_cmpint (reopened->status, ==, SAM_CONCERN_STATUS_NO_ACTION);
  }

  g_assert_cmpstr (sam_concern_status_get_label (SAM_CONCERN_STATUS_NO_ACTION), ==, "No action");
  g_assert_cmpstr (sam_concern_status_to_string (SAM_CONCERN_STATUS_LED_TO_CASE), ==, "led_to_case");
}

/* Tries a triage that must be refused, and checks that the message names
 * @field and that nothing changed. */
static void
assert_triage_refused (Fixture          *fixture,
                       SamSession       *session,
                       gint64            concern_id,
                       SamConcernStatus  outcome,
                       gint64            case_id,
                       const char       *feedback,
                       GQuark            domain,
                       int               code,
                       const char       *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamConcern) result = NULL;
  g_autofree char *before_sql = g_strdup_printf ("SELECT status || '|' || coalesce (case_id, '') || '|' ||"
                                                 " coalesce (feedback, '') || '|' || updated_at"
                                                 " FROM concerns WHERE id = %" G_GINT64_FORMAT,
                                                 concern_id);
  g_autofree char *before = query_text (fixture, before_sql);
  g_autofree char *after = NULL;
  gint64 since = audit_head (fixture);

  result = sam_concern_store_assess (session, concern_id, outcome, case_id, feedback, &error);
  g_assert_null (result);
  g_assert_error (error, domain, code);
  if (field != NULL && !g_str_has_prefix (error->message, field))
    g_error ("“%s” does not start with “%s”", error->message, field);

  after = query_text (fixture, before_sql);
  g_assert_cmpstr (after, ==, before);
  if (domain != SAM_POLICY_ERROR)
    g_assert_cmpint (audit_head (fixture), ==, since);
}

static SamConcern *
assess_ok (Fixture          *fixture,
           SamSession       *session,
           const SamConcern *concern,
           SamConcernStatus  outcome,
           gint64            case_id,
           const char       *feedback)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = g_strconcat ("triage:", sam_concern_status_to_string (outcome), NULL);
  gint64 since = audit_head (fixture);
  SamConcern *result;

  result = sam_concern_store_assess (session, concern->id, outcome, case_id, feedback, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (result->status, ==, outcome);
  assert_one_audit_row (fixture, since, session, "update", "concern", concern->id,
                        concern->person_id, case_id, reason, "ok");

  return result;
}

static void
test_triage_transitions (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SamSession) school = unlock (fixture, "school");
  g_autoptr(SamSession) social = unlock (fixture, "social");
  g_autoptr(SamSession) coordinator = unlock (fixture, "coordinator");
  g_autofree char *long_feedback = g_strnfill (SAM_SHORT_TEXT_MAX_CHARS + 1, 'f');
  g_autofree char *longest_feedback = g_strnfill (SAM_SHORT_TEXT_MAX_CHARS, 'f');
  gint64 person_id = add_person (fixture, 13);
  gint64 other_person_id = add_person (fixture, 13);
  gint64 case_id = add_case (fixture, person_id, "active");
  gint64 other_case_id = add_case (fixture, other_person_id, "active");
  gint64 closed_case_id = add_case (fixture, person_id, "closed");
  g_autoptr(SamConcern) a = create_concern (fixture, school, person_id, SAM_CONCERN_URGENCY_LOW, FALSE);
  g_autoptr(SamConcern) b = create_concern (fixture, school, person_id, SAM_CONCERN_URGENCY_LOW, FALSE);
  g_autoptr(SamConcern) c = create_concern (fixture, school, person_id, SAM_CONCERN_URGENCY_LOW, FALSE);

  /* Outcome and its companions are checked before anything is read. */
  assert_triage_refused (fixture, social, a->id, SAM_CONCERN_STATUS_RECEIVED, 0, NULL,
                         SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Outcome: ");
  assert_triage_refused (fixture, social, a->id, (SamConcernStatus) 99, 0, NULL,
                         SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Outcome: ");
  assert_triage_refused (fixture, social, a->id, SAM_CONCERN_STATUS_LED_TO_CASE, 0, NULL,
                         SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Case: ");
  assert_triage_refused (fixture, social, a->id, SAM_CONCERN_STATUS_LED_TO_CASE, case_id + 1000, NULL,
                         SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Case: ");
  assert_triage_refused (fixture, social, a->id, SAM_CONCERN_STATUS_LED_TO_CASE, other_case_id, NULL,
                         SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Case: ");
  assert_triage_refused (fixture, social, a->id, SAM_CONCERN_STATUS_LED_TO_CASE, closed_case_id, NULL,
                         SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Case: ");
  assert_triage_refused (fixture, social, a->id, SAM_CONCERN_STATUS_ASSESSED, case_id, NULL,
                         SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Case: ");
  assert_triage_refused (fixture, social, a->id, SAM_CONCERN_STATUS_NO_ACTION, 0, NULL,
                         SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Feedback: ");
  assert_triage_refused (fixture, social, a->id, SAM_CONCERN_STATUS_NO_ACTION, 0, "   ",
                         SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Feedback: ");
  assert_triage_refused (fixture, social, a->id, SAM_CONCERN_STATUS_NO_ACTION, 0, long_feedback,
                         SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Feedback: ");
  assert_triage_refused (fixture, social, a->id, SAM_CONCERN_STATUS_NO_ACTION, 0, "two\nlines",
                         SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Feedback: ");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SamConcern) missing = NULL;
    gint64 since = audit_head (fixture);

    missing = sam_concern_store_assess (social, c->id + 1000, SAM_CONCERN_STATUS_ASSESSED, 0, NULL, &error);
    g_assert_null (missing);
    g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND);
    g_assert_true (g_str_has_prefix (error->message, "Concern: "));
    g_assert_cmpint (audit_head (fixture), ==, since);
  }

  /* Only social services triage, not even the reporter. */
  assert_triage_refused (fixture, school, a->id, SAM_CONCERN_STATUS_ASSESSED, 0, NULL,
                         SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED, NULL);

  /* a: received → assessed → led to case, then final. */
  {
    g_autoptr(SamConcern) assessed = assess_ok (fixture, social, a, SAM_CONCERN_STATUS_ASSESSED, 0,
                                                "Under utredning");
    g_autoptr(SamConcern) linked = NULL;

    g_assert_cmpint (assessed->case_id, ==, 0);
    g_assert_cmpstr (assessed->feedback, ==, "Under utredning");
    assert_triage_refused (fixture, social, a->id, SAM_CONCERN_STATUS_ASSESSED, 0, NULL,
                           SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Status: ");

    linked = assess_ok (fixture, coordinator, a, SAM_CONCERN_STATUS_LED_TO_CASE, case_id, NULL);
    g_assert_cmpint (linked->case_id, ==, case_id);
    g_assert_cmpstr (linked->updated_at, >=, assessed->updated_at);
    /* Feedback given earlier stays when the next step gives none. */
    g_assert_cmpstr (linked->feedback, ==, "Under utredning");

    assert_triage_refused (fixture, social, a->id, SAM_CONCERN_STATUS_NO_ACTION, 0, "Late",
                           SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Status: ");
    assert_triage_refused (fixture, social, a->id, SAM_CONCERN_STATUS_ASSESSED, 0, NULL,
                           SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Status: ");
  }

  /* b: received → led to case straight away, with feedback. */
  {
    g_autoptr(SamConcern) linked = assess_ok (fixture, social, b, SAM_CONCERN_STATUS_LED_TO_CASE, case_id,
                                              "Ärende öppnat");

    g_assert_cmpint (linked->case_id, ==, case_id);
    g_assert_cmpstr (linked->feedback, ==, "Ärende öppnat");
    assert_triage_refused (fixture, social, b->id, SAM_CONCERN_STATUS_LED_TO_CASE, case_id, NULL,
                           SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Status: ");
  }

  /* c: received → no action with the longest feedback, then final. */
  {
    g_autoptr(SamConcern) closed = assess_ok (fixture, social, c, SAM_CONCERN_STATUS_NO_ACTION, 0,
                                              longest_feedback);

    g_assert_cmpstr (closed->feedback, ==, longest_feedback);
    g_assert_cmpint (closed->case_id, ==, 0);
    assert_triage_refused (fixture, social, c->id, SAM_CONCERN_STATUS_ASSESSED, 0, NULL,
                           SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Status: ");
    assert_triage_refused (fixture, social, c->id, SAM_CONCERN_STATUS_LED_TO_CASE, case_id, NULL,
                           SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Status: ");
  }
}

static void
assert_get (SamSession *session,
            gint64      concern_id,
            gboolean    allowed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamConcern) concern = sam_concern_store_get (session, concern_id, &error);

  if (allowed)
    {
      g_assert_no_error (error);
      g_assert_cmpint (concern->id, ==, concern_id);
    }
  else
    {
      g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
      g_assert_null (concern);
    }
}

static void
test_roles_without_person_data (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(SamSession) school = unlock (fixture, "school");
  gint64 person_id = add_person (fixture, 13);
  g_autoptr(SamConcern) concern = create_concern (fixture, school, person_id, SAM_CONCERN_URGENCY_LOW, FALSE);
  const char *names[] = { "manager", SAM_TEST_ADMIN };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(SamSession) session = i == 0 ? unlock (fixture, names[i])
                                             : sam_test_unlock_admin (fixture->base.path);
      SamConcernDraft draft = valid_draft (fixture, person_id);
      g_autoptr(GError) create_error = NULL;
      g_autoptr(GError) mine_error = NULL;
      g_autoptr(GError) inbox_error = NULL;
      g_autoptr(GError) missing_error = NULL;
      g_autoptr(GError) assess_error = NULL;
      g_autoptr(SamConcern) created = NULL;
      g_autoptr(SamConcern) missing = NULL;
      g_autoptr(SamConcern) assessed = NULL;
      g_autoptr(GPtrArray) mine = NULL;
      g_autoptr(GPtrArray) inbox = NULL;
      gint64 since = audit_head (fixture);

      created = sam_concern_store_create (session, &draft, &create_error);
      g_assert_error (create_error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
      mine = sam_concern_store_list_mine (session, 0, &mine_error);
      g_assert_error (mine_error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
      inbox = sam_concern_store_list_inbox (session, 0, &inbox_error);
      g_assert_error (inbox_error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
      assert_get (session, concern->id, FALSE);
      /* Refused before anything is read: not even "no such concern". */
      missing = sam_concern_store_get (session, concern->id + 1000, &missing_error);
      g_assert_error (missing_error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
      assessed = sam_concern_store_assess (session, concern->id, SAM_CONCERN_STATUS_ASSESSED, 0, NULL,
                                           &assess_error);
      g_assert_error (assess_error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);

      g_assert_null (created);
      g_assert_null (mine);
      g_assert_null (inbox);
      g_assert_null (assessed);

      /* Each refusal is one "denied" row. */
      g_assert_cmpint (audit_head (fixture), ==, since + 6);
      {
        g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM audit_log WHERE seq > %" G_GINT64_FORMAT
                                                " AND outcome = 'denied'", since);
        g_assert_cmpint (query_int (fixture, sql), ==, 6);
      }
    }

  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM concerns"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT status = 'received' FROM concerns"), ==, 1);
}

static void
test_who_sees_a_concern (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SamSession) school = unlock (fixture, "school");
  g_autoptr(SamSession) school2 = unlock (fixture, "school2");
  g_autoptr(SamSession) leisure = unlock (fixture, "leisure");
  g_autoptr(SamSession) police = unlock (fixture, "police");
  g_autoptr(SamSession) social = unlock (fixture, "social");
  g_autoptr(SamSession) social2 = unlock (fixture, "social2");
  g_autoptr(SamSession) coordinator = unlock (fixture, "coordinator");
  gint64 person_id = add_person (fixture, 13);
  gint64 case_id = add_case (fixture, person_id, "active");
  g_autoptr(SamConcern) concern = create_concern (fixture, school, person_id, SAM_CONCERN_URGENCY_HIGH, TRUE);
  g_autoptr(SamConcern) linked = NULL;
  g_autoptr(GError) error = NULL;
  gint64 school_agency = sam_test_agency_id (fixture->admin, SAM_TEST_SCHOOL);
  gint64 police_agency = sam_test_agency_id (fixture->admin, SAM_TEST_POLICE);
  gint64 leisure_agency = sam_test_agency_id (fixture->admin, SAM_TEST_LEISURE);
  gint64 school_and_police[] = { school_agency, police_agency };
  gint64 school_and_leisure[] = { school_agency, leisure_agency };
  gint64 consent_id;
  gint64 since;

  add_guardian (fixture, person_id);
  add_guardian (fixture, person_id);

  /* Before any case: the reporter and social services only. */
  assert_get (school, concern->id, TRUE);
  assert_get (school2, concern->id, FALSE);
  assert_get (leisure, concern->id, FALSE);
  assert_get (police, concern->id, FALSE);
  assert_get (social, concern->id, TRUE);
  assert_get (social2, concern->id, TRUE);
  assert_get (coordinator, concern->id, TRUE);

  /* A refusal is one "denied" row for the case. */
  since = audit_head (fixture);
  assert_get (school2, concern->id, FALSE);
  assert_one_audit_row (fixture, since, school2, "view", "concern", 0, 0, 0,
                        "operation:concern-view", "denied");

  linked = sam_concern_store_assess (social, concern->id, SAM_CONCERN_STATUS_LED_TO_CASE, case_id, NULL, &error);
  g_assert_no_error (error);
  add_to_team (fixture, case_id, police);
  add_to_team (fixture, case_id, leisure);

  /* On the team, but no consent yet. */
  assert_get (police, concern->id, FALSE);

  /* A consent that names the school and leisure, not the police. */
  consent_id = add_consent (fixture, case_id, school_and_leisure, 2);
  assert_get (police, concern->id, FALSE);
  assert_get (leisure, concern->id, TRUE);
  withdraw_consent (fixture, consent_id);
  assert_get (leisure, concern->id, FALSE);

  /* A consent that covers both agencies opens it to the team. */
  consent_id = add_consent (fixture, case_id, school_and_police, 2);
  since = audit_head (fixture);
  assert_get (police, concern->id, TRUE);
  assert_one_audit_row (fixture, since, police, "view", "concern", concern->id, person_id, case_id,
                        NULL, "ok");
  assert_get (leisure, concern->id, FALSE);
  assert_get (school2, concern->id, FALSE);

  /* Withdrawal takes effect at once. */
  withdraw_consent (fixture, consent_id);
  assert_get (police, concern->id, FALSE);
  assert_get (school, concern->id, TRUE);

  /* A consent that one guardian with custody has not signed is not in force. */
  consent_id = add_consent (fixture, case_id, school_and_police, 2);
  assert_get (police, concern->id, TRUE);
  {
    g_autofree char *sql = g_strdup_printf ("DELETE FROM consent_signatories WHERE rowid IN"
                                            " (SELECT rowid FROM consent_signatories WHERE consent_id = %"
                                            G_GINT64_FORMAT " LIMIT 1)", consent_id);
    exec_sql (fixture, sql);
  }
  assert_get (police, concern->id, FALSE);
}

static void
test_no_text_in_audit (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(SamSession) school = unlock (fixture, "school");
  g_autoptr(SamSession) social = unlock (fixture, "social");
  g_autoptr(GError) error = NULL;
  g_autoptr(SamConcern) concern = NULL;
  g_autoptr(SamConcern) again = NULL;
  g_autoptr(SamConcern) closed = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) inbox = NULL;
  gint64 person_id = add_person (fixture, 15);
  SamConcernDraft draft = valid_draft (fixture, person_id);
  guint64 n_rows = 0;

  draft.description = "Seen near the station. " MARKER;
  concern = sam_concern_store_create (school, &draft, &error);
  g_assert_no_error (error);
  inbox = sam_concern_store_list_inbox (social, 0, &error);
  g_assert_no_error (error);
  again = sam_concern_store_get (social, concern->id, &error);
  g_assert_no_error (error);
  closed = sam_concern_store_assess (social, concern->id, SAM_CONCERN_STATUS_NO_ACTION, 0,
                                     "Handled. " MARKER, &error);
  g_assert_no_error (error);
  mine = sam_concern_store_list_mine (school, 0, &error);
  g_assert_no_error (error);

  /* The marker is in the data, so the search below can find it … */
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM concerns WHERE instr (description, '" MARKER "')"
                                       " AND instr (feedback, '" MARKER "')"), ==, 1);
  /* … but never in the audit log. */
  g_assert_cmpint (query_int (fixture,
                              "SELECT count (*) FROM audit_log WHERE instr (coalesce (time, '') || '|' ||"
                              " coalesce (role, '') || '|' || action || '|' || coalesce (object_type, '') || '|' ||"
                              " coalesce (reason, '') || '|' || outcome, '" MARKER "')"), ==, 0);

  /* And the chain is whole after all of it. */
  g_assert_true (sam_audit_verify (fixture->admin, NULL, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, >, 5);
}

static void
test_locked_session (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SamSession) school = unlock (fixture, "school");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mine = NULL;

  sam_session_lock (school);
  mine = sam_concern_store_list_mine (school, 0, &error);
  g_assert_null (mine);
  g_assert_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED);
}

static guint
count_for_case (SamSession *session,
                gint64      case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) concerns = sam_concern_store_list_for_case (session, case_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (concerns);
  for (guint i = 0; i < concerns->len; i++)
    g_assert_cmpint (((SamConcern *) g_ptr_array_index (concerns, i))->case_id, ==, case_id);

  return concerns->len;
}

static void
test_list_for_case (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SamSession) school = unlock (fixture, "school");
  g_autoptr(SamSession) school2 = unlock (fixture, "school2");
  g_autoptr(SamSession) police = unlock (fixture, "police");
  g_autoptr(SamSession) social = unlock (fixture, "social");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  gint64 person_id = add_person (fixture, 13);
  gint64 case_id = add_case (fixture, person_id, "active");
  gint64 other_case = add_case (fixture, add_person (fixture, 14), "active");
  g_autoptr(SamConcern) first = create_concern (fixture, school, person_id, SAM_CONCERN_URGENCY_HIGH, TRUE);
  g_autoptr(SamConcern) second = create_concern (fixture, police, person_id, SAM_CONCERN_URGENCY_LOW, FALSE);
  g_autoptr(SamConcern) unlinked = create_concern (fixture, school, person_id, SAM_CONCERN_URGENCY_LOW, FALSE);
  g_autoptr(SamConcern) linked = NULL;
  gint64 school_and_police[] = {
    sam_test_agency_id (fixture->admin, SAM_TEST_SCHOOL),
    sam_test_agency_id (fixture->admin, SAM_TEST_POLICE),
  };
  gint64 since;

  add_guardian (fixture, person_id);
  add_to_team (fixture, case_id, school);
  add_to_team (fixture, case_id, police);
  add_to_team (fixture, case_id, social);
  add_to_team (fixture, other_case, school);
  for (guint i = 0; i < 2; i++)
    {
      g_clear_pointer (&linked, sam_concern_free);
      linked = sam_concern_store_assess (social, i == 0 ? first->id : second->id,
                                         SAM_CONCERN_STATUS_LED_TO_CASE, case_id, NULL, &error);
      g_assert_no_error (error);
    }

  /* Without consent, each agency sees its own; social services all. The
   * concern that is not linked is never part of the case. */
  g_assert_cmpuint (count_for_case (social, case_id), ==, 2);
  g_assert_cmpuint (count_for_case (school, case_id), ==, 1);
  g_assert_cmpuint (count_for_case (police, case_id), ==, 1);
  g_assert_cmpuint (count_for_case (school, other_case), ==, 0);

  add_consent (fixture, case_id, school_and_police, 2);
  g_assert_cmpuint (count_for_case (police, case_id), ==, 2);

  since = audit_head (fixture);
  g_assert_cmpuint (count_for_case (school, case_id), ==, 2);
  assert_one_audit_row (fixture, since, school, "view", "concern", 0, person_id, case_id, "count:2", "ok");

  refused = sam_concern_store_list_for_case (school2, case_id, &error);
  g_assert_null (refused);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/concern-store/create", test_create);
  ADD ("/concern-store/create-minimal", test_create_minimal);
  ADD ("/concern-store/create-validation", test_create_validation);
  ADD ("/concern-store/inbox-order", test_inbox_order);
  ADD ("/concern-store/list-limit", test_list_limit);
  ADD ("/concern-store/reporter-sees-feedback", test_reporter_sees_feedback);
  ADD ("/concern-store/triage-transitions", test_triage_transitions);
  ADD ("/concern-store/roles-without-person-data", test_roles_without_person_data);
  ADD ("/concern-store/who-sees-a-concern", test_who_sees_a_concern);
  ADD ("/concern-store/no-text-in-audit", test_no_text_in_audit);
  ADD ("/concern-store/locked-session", test_locked_session);
  ADD ("/concern-store/list-for-case", test_list_for_case);
#undef ADD

  return g_test_run ();
}
