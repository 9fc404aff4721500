/* test-triage-cases.c: the open cases a concern can be linked to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sam-test-util.h"

typedef struct
{
  SamTestFixture  base;
  SamSession     *school;
  SamSession     *social;
  gint64          person_id;
  gint64          other_person_id;
} Fixture;

static gint64
register_person (SamSession *session,
                 const char *given_name,
                 const char *birth_date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPerson) person = NULL;
  SamPersonDraft draft = {
    .given_name = given_name,
    .family_name = "Triagesson",
    .birth_date = birth_date,
  };

  person = sam_person_store_create (session, &draft, &error);
  g_assert_no_error (error);

  return person->id;
}

static gint64
open_case (Fixture *fixture,
           gint64   person_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamCase) opened = NULL;

  opened = sam_case_store_create (fixture->social, person_id, SAM_PREVENTION_INDICATED, NULL, &error);
  g_assert_no_error (error);

  return opened->id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  sam_test_fixture_set_up (&fixture->base, data);
  sam_test_populate_sspf (fixture->base.path);
  fixture->school = sam_test_unlock_user (fixture->base.path, "school");
  fixture->social = sam_test_unlock_user (fixture->base.path, "social");
  fixture->person_id = register_person (fixture->school, "Tove", "2011-04-02");
  fixture->other_person_id = register_person (fixture->school, "Tor", "2010-09-12");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->school);
  g_clear_object (&fixture->social);
  sam_test_fixture_tear_down (&fixture->base, data);
}

static gboolean
contains_case (GPtrArray *cases,
               gint64     case_id)
{
  for (guint i = 0; i < cases->len; i++)
    {
      SamCase *listed = g_ptr_array_index (cases, i);

      if (listed->id == case_id)
        return TRUE;
    }

  return FALSE;
}

/* Only the person's own cases, and only open ones: those are the cases
 * sam_concern_store_assess() accepts. */
static void
test_lists_open_cases_of_person (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  gint64 open_id = open_case (fixture, fixture->person_id);
  gint64 closed_id = open_case (fixture, fixture->person_id);
  gint64 other_id = open_case (fixture, fixture->other_person_id);

  g_assert_true (sam_case_store_set_status (fixture->social, closed_id, SAM_CASE_STATUS_CLOSED,
                                            "other", &error));
  g_assert_no_error (error);

  cases = sam_triage_list_open_cases (fixture->social, fixture->person_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cases);
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_true (contains_case (cases, open_id));
  g_assert_false (contains_case (cases, closed_id));
  g_assert_false (contains_case (cases, other_id));
  g_assert_cmpint (((SamCase *) g_ptr_array_index (cases, 0))->person_id, ==, fixture->person_id);
  g_assert_nonnull (((SamCase *) g_ptr_array_index (cases, 0))->number);
}

static void
test_empty_without_cases (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;

  cases = sam_triage_list_open_cases (fixture->social, fixture->person_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cases);
  g_assert_cmpuint (cases->len, ==, 0);
}

/* Triage is social services' task; a reporter may not list a child's cases. */
static void
test_refused_to_reporter (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;

  open_case (fixture, fixture->person_id);
  cases = sam_triage_list_open_cases (fixture->school, fixture->person_id, &error);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_assert_null (cases);
}

static void
test_audited (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(SamSession) admin = sam_test_unlock_admin (fixture->base.path);
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  SamAuditFilter filter;
  SamAuditRecord *last;

  open_case (fixture, fixture->person_id);
  cases = sam_triage_list_open_cases (fixture->social, fixture->person_id, &error);
  g_assert_no_error (error);

  sam_audit_filter_init (&filter);
  filter.user_id = sam_session_get_user_id (fixture->social);
  filter.action = SAM_AUDIT_SEARCH;
  records = sam_audit_list (admin, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, >, 0);

  last = g_ptr_array_index (records, records->len - 1);
  g_assert_cmpstr (last->object_type, ==, "case");
  g_assert_cmpint (last->person_id, ==, fixture->person_id);
  g_assert_cmpstr (last->reason, ==, "triage_cases:1");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/triage-cases/open-cases-of-person", test_lists_open_cases_of_person);
  ADD ("/triage-cases/empty", test_empty_without_cases);
  ADD ("/triage-cases/refused-to-reporter", test_refused_to_reporter);
  ADD ("/triage-cases/audited", test_audited);
#undef ADD

  return g_test_run ();
}
