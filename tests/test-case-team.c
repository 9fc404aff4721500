/* test-case-team.c: listing a case's coordinator and team
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sam-database-private.h"
#include "sam-test-util.h"

typedef struct
{
  SamTestFixture  base;
  gint64          case_id;
} Fixture;

static gint64
count_team_audit (SamSession *session)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *handle = _sam_database_get_handle (sam_session_get_database (session));

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT count (*) FROM audit_log"
                                       " WHERE object_type = 'case_team' AND action = 'view'"
                                       "   AND outcome = 'ok'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

static void
add_to_team (SamSession *social,
             gint64      case_id,
             const char *path,
             const char *user)
{
  g_autoptr(SamSession) member = sam_test_unlock_user (path, user);
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_case_store_add_team_member (social, case_id, sam_session_get_user_id (member), &error));
  g_assert_no_error (error);
}

/* "social" opens a case, and so coordinates it; school and police join. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SamSession) social = NULL;
  g_autoptr(SamPerson) person = NULL;
  g_autoptr(SamCase) opened = NULL;
  g_autoptr(GError) error = NULL;
  SamPersonDraft draft = { .given_name = "Maja", .family_name = "Ros", .birth_date = "2012-05-01" };
  guint n = 0;
  const SamCatalogueEntry *areas = sam_catalogue_list (SAM_CATALOGUE_KIND_TARGET_AREA, &n);
  const char *codes[] = { areas[0].code, NULL };

  sam_test_fixture_set_up (&fixture->base, data);
  sam_test_populate_sspf (fixture->base.path);
  social = sam_test_unlock_user (fixture->base.path, "social");
  person = sam_person_store_create (social, &draft, &error);
  g_assert_no_error (error);
  opened = sam_case_store_create (social, person->id, SAM_PREVENTION_INDICATED, codes, &error);
  g_assert_no_error (error);
  fixture->case_id = opened->id;
  add_to_team (social, fixture->case_id, fixture->base.path, "school");
  add_to_team (social, fixture->case_id, fixture->base.path, "police");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  sam_test_fixture_tear_down (&fixture->base, data);
}

static void
test_lists_coordinator_first (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->base.path, "social");
  g_autoptr(SamSession) school = sam_test_unlock_user (fixture->base.path, "school");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) team = NULL;
  gint64 before = count_team_audit (social);
  SamTeamMember *first;
  gboolean school_listed = FALSE;

  team = sam_case_team_list (social, fixture->case_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (team);
  g_assert_cmpuint (team->len, ==, 3);

  first = g_ptr_array_index (team, 0);
  g_assert_cmpint (first->user_id, ==, sam_session_get_user_id (social));
  g_assert_true (first->is_coordinator);
  g_assert_cmpstr (first->agency_name, ==, SAM_TEST_SOCIAL);

  for (guint i = 1; i < team->len; i++)
    {
      SamTeamMember *member = g_ptr_array_index (team, i);

      g_assert_false (member->is_coordinator);
      if (member->user_id == sam_session_get_user_id (school))
        {
          school_listed = TRUE;
          g_assert_cmpstr (member->agency_name, ==, SAM_TEST_SCHOOL);
          g_assert_cmpint (member->agency_id, ==, sam_session_get_agency_id (school));
        }
    }
  g_assert_true (school_listed);
  g_assert_cmpint (count_team_audit (social), ==, before + 1);
}

static void
test_refuses_outsiders (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SamSession) school2 = sam_test_unlock_user (fixture->base.path, "school2");
  g_autoptr(SamSession) manager = sam_test_unlock_user (fixture->base.path, "manager");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) team = NULL;
  gint64 before = count_team_audit (school2);

  team = sam_case_team_list (school2, fixture->case_id, &error);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_assert_null (team);
  g_clear_error (&error);

  team = sam_case_team_list (manager, fixture->case_id, &error);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_assert_null (team);
  g_assert_cmpint (count_team_audit (school2), ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/case-team/lists-coordinator-first", Fixture, NULL,
              fixture_set_up, test_lists_coordinator_first, fixture_tear_down);
  g_test_add ("/case-team/refuses-outsiders", Fixture, NULL,
              fixture_set_up, test_refuses_outsiders, fixture_tear_down);

  return g_test_run ();
}
