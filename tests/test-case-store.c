/* test-case-store.c: cases, team, consent and break-the-glass
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sam-database-private.h"
#include "sam-test-util.h"

static void
set_up (SamTestFixture *fixture,
        gconstpointer   data)
{
  sam_test_fixture_set_up (fixture, data);
  sam_test_populate_sspf (fixture->path);
}

static void
exec_sql (SamSession *session,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (_sam_database_get_handle (sam_session_get_database (session)), sql, NULL, NULL,
                    &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
last_id (SamSession *session)
{
  return sqlite3_last_insert_rowid (_sam_database_get_handle (sam_session_get_database (session)));
}

static gint64
user_id (SamSession *session,
         const char *name)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_sam_database_get_handle (sam_session_get_database (session)),
                                       "SELECT id FROM users WHERE name = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

/* A young person born on @birth_date with two guardians with custody;
 * written directly, as the person store is tested elsewhere. */
static gint64
add_person (SamSession *session,
            const char *birth_date,
            gint64     *out_guardians)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO persons (given_name, family_name, birth_date,"
                                          " created_at, created_by) VALUES ('Testa', 'Testsson', '%s',"
                                          " '2026-01-01T00:00:00Z', 1)", birth_date);
  gint64 person_id;

  exec_sql (session, sql);
  person_id = last_id (session);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *guardian = g_strdup_printf ("INSERT INTO guardians (person_id, name, custody)"
                                                   " VALUES (%" G_GINT64_FORMAT ", 'Förälder %u', 1)",
                                                   person_id, i);
      exec_sql (session, guardian);
      out_guardians[i] = last_id (session);
    }

  return person_id;
}

static SamCase *
open_case (SamSession *social,
           gint64      person_id)
{
  g_autoptr(GError) error = NULL;
  SamCase *self = sam_case_store_create (social, person_id, SAM_PREVENTION_INDICATED, NULL, &error);

  g_assert_no_error (error);
  return self;
}

static gint64
record_consent (SamSession   *social,
                gint64        case_id,
                const gint64 *guardians,
                guint         n_guardians,
                gboolean      young_person,
                const char   *valid_to,
                gint64        agency_a,
                gint64        agency_b)
{
  g_autoptr(GError) error = NULL;
  gint64 agencies[] = { agency_a, agency_b };
  SamConsentDraft draft = {
    .purpose = "Samverkan kring stöd i skolan och på fritiden",
    .valid_from = "2026-01-01",
    .valid_to = valid_to,
    .guardian_ids = guardians,
    .n_guardians = n_guardians,
    .young_person_signed = young_person,
    .signed_on = "2026-01-01",
    .agency_ids = agencies,
    .n_agencies = 2,
  };
  gint64 id = sam_case_store_record_consent (social, case_id, &draft, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_create_and_number (SamTestFixture *fixture,
                        gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  g_autoptr(SamSession) school = sam_test_unlock_user (fixture->path, "school");
  g_autoptr(SamSession) manager = sam_test_unlock_user (fixture->path, "manager");
  g_autoptr(SamCase) first = NULL;
  g_autoptr(SamCase) second = NULL;
  g_autoptr(SamCase) refused = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *expected = g_strdup_printf ("SV-%04d-0001", g_date_time_get_year (now));
  gint64 guardians[2];
  gint64 person = add_person (social, "2011-05-05", guardians);

  first = open_case (social, person);
  second = open_case (social, person);
  g_assert_cmpstr (first->number, ==, expected);
  g_assert_true (g_str_has_suffix (second->number, "-0002"));
  g_assert_cmpint (first->status, ==, SAM_CASE_STATUS_PENDING_CONSENT);
  g_assert_cmpint (first->coordinator_id, ==, sam_session_get_user_id (social));

  refused = sam_case_store_create (school, person, SAM_PREVENTION_INDICATED, NULL, &error);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  refused = sam_case_store_create (manager, person, SAM_PREVENTION_INDICATED, NULL, &error);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);

  refused = sam_case_store_create (social, 9999, SAM_PREVENTION_INDICATED, NULL, &error);
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Young person"));
  g_clear_error (&error);

  {
    const char * const areas[] = { "no_such_area", NULL };

    refused = sam_case_store_create (social, person, SAM_PREVENTION_INDICATED, areas, &error);
    g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, "Target areas"));
  }
}

static void
test_state_machine (void)
{
  static const gboolean expected[4][4] = {
    { FALSE, TRUE, FALSE, TRUE },
    { FALSE, FALSE, TRUE, TRUE },
    { FALSE, TRUE, FALSE, TRUE },
    { FALSE, FALSE, FALSE, FALSE },
  };

  for (SamCaseStatus from = 0; from < SAM_N_CASE_STATUSES; from++)
    for (SamCaseStatus to = 0; to < SAM_N_CASE_STATUSES; to++)
      g_assert_cmpint (sam_case_status_can_change (from, to), ==, expected[from][to]);
}

static void
expect_status_error (SamSession    *social,
                     gint64         case_id,
                     SamCaseStatus  status,
                     const char    *reason,
                     const char    *field)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sam_case_store_set_status (social, case_id, status, reason, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, field))
    g_error ("“%s” does not start with “%s”", error->message, field);
}

static void
test_status_and_consent (SamTestFixture *fixture,
                         gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  g_autoptr(SamCase) self = NULL;
  g_autoptr(SamCase) reread = NULL;
  gint64 school = sam_test_agency_id (social, SAM_TEST_SCHOOL);
  gint64 services = sam_test_agency_id (social, SAM_TEST_SOCIAL);
  gint64 guardians[2];
  gint64 person = add_person (social, "2008-03-01", guardians);  /* over 15 */
  gint64 consent;

  self = open_case (social, person);

  /* Not active without consent; one guardian is not enough; a young person
   * over 15 must sign too. */
  expect_status_error (social, self->id, SAM_CASE_STATUS_ACTIVE, NULL, "Status");
  record_consent (social, self->id, guardians, 1, TRUE, NULL, school, services);
  expect_status_error (social, self->id, SAM_CASE_STATUS_ACTIVE, NULL, "Status");
  record_consent (social, self->id, guardians, 2, FALSE, NULL, school, services);
  expect_status_error (social, self->id, SAM_CASE_STATUS_ACTIVE, NULL, "Status");
  g_assert_false (sam_case_store_is_shared (social, self->id));
  /* Expired consent does not count either. */
  record_consent (social, self->id, guardians, 2, TRUE, "2026-01-31", school, services);
  expect_status_error (social, self->id, SAM_CASE_STATUS_ACTIVE, NULL, "Status");

  consent = record_consent (social, self->id, guardians, 2, TRUE, NULL, school, services);
  g_assert_true (sam_case_store_is_shared (social, self->id));
  g_assert_true (sam_case_store_set_status (social, self->id, SAM_CASE_STATUS_ACTIVE, NULL, &error));
  g_assert_no_error (error);

  expect_status_error (social, self->id, SAM_CASE_STATUS_ACTIVE, NULL, "Status");
  expect_status_error (social, self->id, SAM_CASE_STATUS_FOLLOW_UP, "goals_met", "Closing reason");
  g_assert_true (sam_case_store_set_status (social, self->id, SAM_CASE_STATUS_FOLLOW_UP, NULL, &error));

  /* Withdrawal takes effect at once. */
  g_assert_true (sam_case_store_withdraw_consent (social, consent, &error));
  g_assert_no_error (error);
  g_assert_false (sam_case_store_is_shared (social, self->id));
  g_assert_false (sam_case_store_withdraw_consent (social, consent, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  expect_status_error (social, self->id, SAM_CASE_STATUS_CLOSED, NULL, "Closing reason");
  expect_status_error (social, self->id, SAM_CASE_STATUS_CLOSED, "bored", "Closing reason");
  g_assert_true (sam_case_store_set_status (social, self->id, SAM_CASE_STATUS_CLOSED,
                                            "consent_withdrawn", &error));
  g_assert_no_error (error);
  expect_status_error (social, self->id, SAM_CASE_STATUS_ACTIVE, NULL, "Status");

  reread = sam_case_store_get (social, self->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reread->status, ==, SAM_CASE_STATUS_CLOSED);
  g_assert_cmpstr (reread->closing_reason, ==, "consent_withdrawn");
  g_assert_nonnull (reread->closed_at);
}

static void
test_consent_validation (SamTestFixture *fixture,
                         gconstpointer   data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  g_autoptr(SamCase) self = NULL;
  gint64 school = sam_test_agency_id (social, SAM_TEST_SCHOOL);
  gint64 services = sam_test_agency_id (social, SAM_TEST_SOCIAL);
  gint64 guardians[2], other_guardians[2];
  gint64 person = add_person (social, "2012-01-01", guardians);
  gint64 two[] = { school, services };
  gint64 one[] = { school };
  const struct
  {
    SamConsentDraft draft;
    const char *field;
  } cases[] = {
    { { .purpose = "", .valid_from = "2026-01-01", .signed_on = "2026-01-01", .guardian_ids = guardians,
        .n_guardians = 2, .agency_ids = two, .n_agencies = 2 }, "Purpose" },
    { { .purpose = "Stöd", .valid_from = "2026-02-30", .signed_on = "2026-01-01", .guardian_ids = guardians,
        .n_guardians = 2, .agency_ids = two, .n_agencies = 2 }, "Valid from" },
    { { .purpose = "Stöd", .valid_from = "2026-03-01", .valid_to = "2026-02-01", .signed_on = "2026-01-01",
        .guardian_ids = guardians, .n_guardians = 2, .agency_ids = two, .n_agencies = 2 }, "Valid to" },
    { { .purpose = "Stöd", .valid_from = "2026-01-01", .signed_on = "2026-01-01", .agency_ids = two,
        .n_agencies = 2 }, "Signatories" },
    { { .purpose = "Stöd", .valid_from = "2026-01-01", .signed_on = "2026-01-01", .guardian_ids = other_guardians,
        .n_guardians = 1, .agency_ids = two, .n_agencies = 2 }, "Signatories" },
    { { .purpose = "Stöd", .valid_from = "2026-01-01", .signed_on = "2026-01-01", .guardian_ids = guardians,
        .n_guardians = 2, .agency_ids = one, .n_agencies = 1 }, "Agencies" },
  };

  add_person (social, "2012-02-02", other_guardians);
  self = open_case (social, person);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (sam_case_store_record_consent (social, self->id, &cases[i].draft, &error), ==, 0);
      g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, cases[i].field))
        g_error ("“%s” does not start with “%s”", error->message, cases[i].field);
    }
}

static void
test_team (SamTestFixture *fixture,
           gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  g_autoptr(SamSession) school = sam_test_unlock_user (fixture->path, "school");
  g_autoptr(SamSession) coordinator = sam_test_unlock_user (fixture->path, "coordinator");
  g_autoptr(SamCase) self = NULL;
  g_autoptr(SamCase) seen = NULL;
  gint64 guardians[2];
  gint64 person = add_person (social, "2012-01-01", guardians);

  self = open_case (social, person);

  seen = sam_case_store_get (school, self->id, &error);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);

  /* The coordinator role sees every SSPF case. */
  seen = sam_case_store_get (coordinator, self->id, &error);
  g_assert_no_error (error);
  g_clear_pointer (&seen, sam_case_free);

  g_assert_true (sam_case_store_add_team_member (social, self->id, user_id (social, "school"), &error));
  g_assert_no_error (error);
  seen = sam_case_store_get (school, self->id, &error);
  g_assert_no_error (error);
  g_clear_pointer (&seen, sam_case_free);

  /* A team member outside social services cannot manage the case. */
  g_assert_false (sam_case_store_add_team_member (school, self->id, user_id (social, "police"), &error));
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);

  g_assert_false (sam_case_store_add_team_member (social, self->id, user_id (social, "manager"), &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sam_case_store_remove_team_member (social, self->id, user_id (social, "social"), &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sam_case_store_set_coordinator (social, self->id, user_id (social, "school"), &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Coordinator"));
  g_clear_error (&error);

  g_assert_true (sam_case_store_remove_team_member (social, self->id, user_id (social, "school"), &error));
  seen = sam_case_store_get (school, self->id, &error);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
}

static void
test_break_glass (SamTestFixture *fixture,
                  gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  g_autoptr(SamSession) other = sam_test_unlock_user (fixture->path, "social2");
  g_autoptr(SamSession) school = sam_test_unlock_user (fixture->path, "school");
  g_autoptr(SamCase) self = NULL;
  g_autoptr(SamCase) seen = NULL;
  gint64 guardians[2];
  gint64 person = add_person (social, "2012-01-01", guardians);
  guint remaining;

  self = open_case (social, person);

  seen = sam_case_store_get (other, self->id, &error);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);

  g_assert_false (sam_case_store_break_glass (school, self->id, "I need to see this case now", &error));
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (sam_case_store_break_glass (other, self->id, "urgent", &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Reason"));
  g_clear_error (&error);

  g_assert_true (sam_case_store_break_glass (other, self->id,
                                             "Polisen ringde om akut hot mot pojken i kväll", &error));
  g_assert_no_error (error);
  remaining = sam_case_store_break_glass_remaining (other, self->id);
  g_assert_cmpuint (remaining, >, 59 * 60);
  g_assert_cmpuint (remaining, <=, 60 * 60);
  seen = sam_case_store_get (other, self->id, &error);
  g_assert_no_error (error);
  g_clear_pointer (&seen, sam_case_free);

  g_assert_true (sam_case_store_end_break_glass (other, self->id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sam_case_store_break_glass_remaining (other, self->id), ==, 0);
  seen = sam_case_store_get (other, self->id, &error);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);

  /* A grant runs out by itself, and its end is logged the next time. */
  g_assert_true (sam_case_store_break_glass (other, self->id,
                                             "Ny akut händelse, behöver se planen", &error));
  exec_sql (other, "UPDATE break_glass SET ends_at = '2020-01-01T00:00:00Z' WHERE ended_at IS NULL");
  seen = sam_case_store_get (other, self->id, &error);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);

  {
    g_autoptr(SamSession) admin = sam_test_unlock_admin (fixture->path);
    SamAuditFilter filter;
    g_autoptr(GPtrArray) starts = NULL;
    g_autoptr(GPtrArray) ends = NULL;

    sam_audit_filter_init (&filter);
    filter.action = SAM_AUDIT_BREAK_GLASS_START;
    starts = sam_audit_list (admin, &filter, &error);
    filter.action = SAM_AUDIT_BREAK_GLASS_END;
    ends = sam_audit_list (admin, &filter, &error);
    g_assert_no_error (error);
    /* The school user's refused attempt is there too, as denied. */
    g_assert_cmpuint (starts->len, ==, 3);
    g_assert_cmpint (((SamAuditRecord *) g_ptr_array_index (starts, 0))->outcome, ==, SAM_AUDIT_OUTCOME_DENIED);
    g_assert_cmpstr (((SamAuditRecord *) g_ptr_array_index (starts, 0))->role, ==, "school");
    for (guint i = 1; i < 3; i++)
      {
        SamAuditRecord *start = g_ptr_array_index (starts, i);

        g_assert_cmpint (start->outcome, ==, SAM_AUDIT_OUTCOME_OK);
        g_assert_cmpint (start->case_id, ==, self->id);
        g_assert_cmpint (start->person_id, ==, person);
      }
    g_assert_cmpuint (ends->len, ==, 2);
    g_assert_cmpstr (((SamAuditRecord *) g_ptr_array_index (ends, 0))->reason, ==, "ended");
    g_assert_cmpstr (((SamAuditRecord *) g_ptr_array_index (ends, 1))->reason, ==, "expired");
  }
}

static void
test_audit_rows (SamTestFixture *fixture,
                 gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  g_autoptr(SamCase) self = NULL;
  g_autoptr(SamCase) seen = NULL;
  g_autoptr(SamSession) admin = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  SamAuditFilter filter;
  gint64 guardians[2];
  gint64 person = add_person (social, "2012-01-01", guardians);

  self = open_case (social, person);
  seen = sam_case_store_get (social, self->id, &error);
  g_clear_pointer (&seen, sam_case_free);
  seen = sam_case_store_get (social, self->id, &error);
  g_assert_no_error (error);

  admin = sam_test_unlock_admin (fixture->path);
  sam_audit_filter_init (&filter);
  filter.case_id = self->id;
  rows = sam_audit_list (admin, &filter, &error);
  g_assert_no_error (error);
  /* Created once, opened twice: one row each, with the ids. */
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < rows->len; i++)
    {
      SamAuditRecord *row = g_ptr_array_index (rows, i);

      g_assert_cmpint (row->person_id, ==, person);
      g_assert_cmpint (row->action, ==, i == 0 ? SAM_AUDIT_CREATE : SAM_AUDIT_VIEW);
    }
}

static gboolean
any_in_force (GPtrArray *consents)
{
  for (guint i = 0; i < consents->len; i++)
    {
      if (((SamConsent *) g_ptr_array_index (consents, i))->in_force)
        return TRUE;
    }

  return FALSE;
}

static GPtrArray *
list_consents (SamSession *session,
               gint64      case_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *consents = sam_case_store_list_consents (session, case_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (consents);
  /* The listing's "in force" and the policy's must never disagree. */
  g_assert_cmpint (any_in_force (consents), ==, sam_case_store_is_shared (session, case_id));
  return consents;
}

static void
test_list_consents (SamTestFixture *fixture,
                    gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  g_autoptr(SamSession) school2 = sam_test_unlock_user (fixture->path, "school2");
  g_autoptr(SamSession) admin = NULL;
  g_autoptr(SamCase) self = NULL;
  g_autoptr(SamCase) seen = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 school = sam_test_agency_id (social, SAM_TEST_SCHOOL);
  gint64 services = sam_test_agency_id (social, SAM_TEST_SOCIAL);
  gint64 guardians[2];
  gint64 person = add_person (social, "2008-03-01", guardians);  /* over 15 */
  gint64 partial, full;
  SamConsent *newest;
  SamConsentSignatory *last;
  SamAuditFilter filter;

  self = open_case (social, person);
  seen = sam_case_store_get (social, self->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seen->coordinator_name, ==, "social");

  consents = list_consents (social, self->id);
  g_assert_cmpuint (consents->len, ==, 0);
  g_clear_pointer (&consents, g_ptr_array_unref);

  /* One guardian missing: recorded, but not in force. */
  partial = record_consent (social, self->id, guardians, 1, TRUE, NULL, school, services);
  full = record_consent (social, self->id, guardians, 2, TRUE, "2199-12-31", school, services);
  consents = list_consents (social, self->id);
  g_assert_cmpuint (consents->len, ==, 2);
  newest = g_ptr_array_index (consents, 0);
  g_assert_cmpint (newest->id, ==, full);
  g_assert_true (newest->in_force);
  g_assert_cmpstr (newest->valid_to, ==, "2199-12-31");
  g_assert_null (newest->withdrawn_at);
  g_assert_cmpstr (newest->recorded_by_name, ==, "social");
  g_assert_cmpuint (newest->signatories->len, ==, 3);
  last = g_ptr_array_index (newest->signatories, 2);
  g_assert_true (last->is_young_person);
  g_assert_null (last->name);
  g_assert_cmpstr (((SamConsentSignatory *) g_ptr_array_index (newest->signatories, 0))->name, ==,
                   "Förälder 0");
  g_assert_cmpuint (newest->agency_ids->len, ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) newest->agency_names, SAM_TEST_SCHOOL));
  g_assert_true (g_strv_contains ((const char * const *) newest->agency_names, SAM_TEST_SOCIAL));
  g_assert_cmpint (((SamConsent *) g_ptr_array_index (consents, 1))->id, ==, partial);
  g_assert_false (((SamConsent *) g_ptr_array_index (consents, 1))->in_force);
  g_clear_pointer (&consents, g_ptr_array_unref);

  g_assert_true (sam_case_store_withdraw_consent (social, full, &error));
  g_assert_no_error (error);
  consents = list_consents (social, self->id);
  newest = g_ptr_array_index (consents, 0);
  g_assert_false (newest->in_force);
  g_assert_nonnull (newest->withdrawn_at);

  /* Not on the team: refused like the case itself. */
  g_assert_null (sam_case_store_list_consents (school2, self->id, &error));
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);

  /* Each listing is one VIEW row of object `consent`, ids only. */
  admin = sam_test_unlock_admin (fixture->path);
  sam_audit_filter_init (&filter);
  filter.case_id = self->id;
  filter.action = SAM_AUDIT_VIEW;
  rows = sam_audit_list (admin, &filter, &error);
  g_assert_no_error (error);
  {
    guint listings = 0;

    for (guint i = 0; i < rows->len; i++)
      {
        SamAuditRecord *row = g_ptr_array_index (rows, i);

        if (g_strcmp0 (row->object_type, "consent") == 0 && row->outcome == SAM_AUDIT_OUTCOME_OK)
          {
            listings++;
            g_assert_cmpint (row->person_id, ==, person);
            g_assert_true (g_str_has_prefix (row->reason, "count:"));
          }
      }
    g_assert_cmpuint (listings, ==, 3);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (sam_security_init (NULL));

#define ADD(path, func) \
  g_test_add (path, SamTestFixture, NULL, set_up, func, sam_test_fixture_tear_down)

  g_test_add_func ("/case-store/state-machine", test_state_machine);
  ADD ("/case-store/create-and-number", test_create_and_number);
  ADD ("/case-store/status-and-consent", test_status_and_consent);
  ADD ("/case-store/consent-validation", test_consent_validation);
  ADD ("/case-store/team", test_team);
  ADD ("/case-store/break-glass", test_break_glass);
  ADD ("/case-store/audit-rows", test_audit_rows);
  ADD ("/case-store/list-consents", test_list_consents);

#undef ADD

  return g_test_run ();
}
