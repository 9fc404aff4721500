/* test-print.c: the minutes and the family's plan saved as PDF through
 * GtkPrintOperation, and the warning before a protected identity leaves
 * the database
 *
 * The PDFs are read back with pdftotext and pdfinfo (poppler-utils).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-print"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "sam-database-private.h"
#include "sam-export-warning.h"
#include "sam-minutes-print.h"
#include "sam-plan-print.h"
#include "sam-test-util.h"
#include "sam-ui-test-util.h"
#include "samverka-core.h"

#define GIVEN_NAME    "Majken"
#define FAMILY_NAME   "Rosenqvist"
#define GUARDIAN      "Gunnel Rosenqvist"
#define PLACE         "Ekholmsskolan, konferensrummet"
#define AGENDA        "Skolnärvaro och fritid"
#define MINUTES_LAST  "Sista raden i protokollet"
#define DECISIONS     "Mentor från vecka 12"
#define GOAL          "Majken går i skolan varje dag"
#define INDICATOR     "Närvaro över 90 procent en hel termin"
#define ACTION        "Mentorssamtal varje vecka"

typedef struct
{
  SamTestFixture  base;
  char           *out_dir;
  gint64          person_id;
  gint64          guardian_id;
  gint64          case_id;
  gint64          meeting_id;
  char           *case_number;
} Fixture;

/* The world ------------------------------------------------------------------ */

static void
add_person (Fixture    *fixture,
            SamSession *social)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPerson) person = NULL;
  g_autoptr(SamGuardian) guardian = NULL;
  SamPersonDraft draft = { .given_name = GIVEN_NAME, .family_name = FAMILY_NAME,
                           .birth_date = "2014-05-01" };
  SamGuardianDraft with_custody = { .name = GUARDIAN, .custody = TRUE };

  person = sam_person_store_create (social, &draft, &error);
  g_assert_no_error (error);
  fixture->person_id = person->id;
  guardian = sam_person_store_add_guardian (social, person->id, &with_custody, &error);
  g_assert_no_error (error);
  fixture->guardian_id = guardian->id;
}

static void
add_to_team (Fixture    *fixture,
             SamSession *social,
             SamSession *member)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_case_store_add_team_member (social, fixture->case_id,
                                                 sam_session_get_user_id (member), &error));
  g_assert_no_error (error);
}

static void
record_consent (Fixture    *fixture,
                SamSession *social)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  gint64 agencies[] = {
    sam_test_agency_id (social, SAM_TEST_SOCIAL),
    sam_test_agency_id (social, SAM_TEST_SCHOOL),
  };
  SamConsentDraft draft = {
    .purpose = "Samverkan kring skolgång",
    .valid_from = today,
    .guardian_ids = &fixture->guardian_id,
    .n_guardians = 1,
    .signed_on = today,
    .agency_ids = agencies,
    .n_agencies = G_N_ELEMENTS (agencies),
  };

  g_assert_cmpint (sam_case_store_record_consent (social, fixture->case_id, &draft, &error), >, 0);
  g_assert_no_error (error);
}

/* Minutes long enough to run over more than one page. */
static char *
long_minutes (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 1; i <= 90; i++)
    g_string_append_printf (text, "Punkt %u: samtal om skolgången.\n", i);
  g_string_append (text, MINUTES_LAST);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_meeting (Fixture    *fixture,
             SamSession *social,
             SamSession *school)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *minutes = long_minutes ();
  gint64 users[] = { sam_session_get_user_id (social), sam_session_get_user_id (school) };
  SamMeetingDraft draft = {
    .starts_at = "2030-03-14T13:00:00Z",
    .duration_minutes = 90,
    .place = PLACE,
    .agenda = AGENDA,
    .user_ids = users,
    .n_users = G_N_ELEMENTS (users),
    .guardian_ids = &fixture->guardian_id,
    .n_guardians = 1,
  };

  fixture->meeting_id = sam_meeting_store_schedule (social, fixture->case_id, &draft, &error);
  g_assert_no_error (error);
  g_assert_true (sam_meeting_store_record_minutes (social, fixture->meeting_id, minutes, DECISIONS,
                                                   &error));
  g_assert_no_error (error);
}

static void
add_plan (Fixture    *fixture,
          SamSession *social,
          SamSession *school)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPlanGoal) goal = NULL;
  g_autoptr(SamPlanAction) action = NULL;
  SamPlanActionDraft draft = {
    .description = ACTION,
    .intervention_code = "mentor",
    .responsible_agency_id = sam_session_get_agency_id (school),
    .responsible_user_id = sam_session_get_user_id (school),
    .starts_on = "2026-02-01",
    .due_on = "2026-06-01",
  };

  goal = sam_plan_store_add_goal (social, fixture->case_id, GOAL, INDICATOR, &error);
  g_assert_no_error (error);
  draft.goal_id = goal->id;
  action = sam_plan_store_add_action (social, fixture->case_id, &draft, &error);
  g_assert_no_error (error);
}

/* A case opened by "social" for a twelve-year-old, the school on its team
 * under a consent, one meeting with long minutes, a goal and an action. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SamSession) social = NULL;
  g_autoptr(SamSession) school = NULL;
  g_autoptr(SamCase) opened = NULL;
  g_autoptr(GError) error = NULL;

  sam_test_fixture_set_up (&fixture->base, data);
  sam_test_populate_sspf (fixture->base.path);
  social = sam_test_unlock_user (fixture->base.path, "social");
  school = sam_test_unlock_user (fixture->base.path, "school");

  add_person (fixture, social);
  opened = sam_case_store_create (social, fixture->person_id, SAM_PREVENTION_SELECTIVE, NULL, &error);
  g_assert_no_error (error);
  fixture->case_id = opened->id;
  fixture->case_number = g_strdup (opened->number);
  add_to_team (fixture, social, school);
  record_consent (fixture, social);
  add_meeting (fixture, social, school);
  add_plan (fixture, social, school);

  fixture->out_dir = g_dir_make_tmp ("samverka-print-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  sam_test_rm_rf (fixture->out_dir);
  g_clear_pointer (&fixture->out_dir, g_free);
  g_clear_pointer (&fixture->case_number, g_free);
  sam_test_fixture_tear_down (&fixture->base, data);
}

/* Reading back --------------------------------------------------------------- */

static char *
run_tool (const char *tool,
          const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  const char *argv[] = { tool, "-enc", "UTF-8", path, NULL, NULL };
  int status = 0;

  if (g_str_equal (tool, "pdftotext"))
    argv[4] = "-";

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s", tool, err);

  return out;
}

static guint
page_count (const char *path)
{
  g_autofree char *info = run_tool ("pdfinfo", path);
  const char *pages = strstr (info, "\nPages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("\nPages:"), NULL, 10);
}

/* The text with its lines joined, so that a wrapped phrase still matches. */
static char *
pdf_text (const char *path)
{
  g_autofree char *text = run_tool ("pdftotext", path);
  g_auto(GStrv) words = g_strsplit_set (text, " \n\f", -1);
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, words[i]);
    }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the PDF's text:\n%s", needle, text);
}

static gint64
count_audit (Fixture    *fixture,
             const char *action,
             const char *object_type,
             const char *reason)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->base.path, "social");
  sqlite3 *db = _sam_database_get_handle (sam_session_get_database (social));
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT count (*) FROM audit_log WHERE action = ?1"
                                       " AND object_type = ?2 AND reason = ?3 AND outcome = 'ok'"
                                       " AND case_id = ?4 AND person_id = ?5",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, object_type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, fixture->case_id);
  sqlite3_bind_int64 (stmt, 5, fixture->person_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

static void
assert_private (const char *path)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
}

/* Tests ---------------------------------------------------------------------- */

static void
test_minutes_pdf (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(SamSession) school = sam_test_unlock_user (fixture->base.path, "school");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->out_dir, "protokoll.pdf", NULL);
  g_autofree char *text = NULL;

  g_assert_cmpint (count_audit (fixture, "export", "meeting", "minutes"), ==, 0);
  g_assert_true (sam_export_minutes_pdf (school, fixture->meeting_id, path, &error));
  g_assert_no_error (error);
  assert_private (path);

  /* Ninety points of minutes do not fit on one page, and none is lost. */
  g_assert_cmpuint (page_count (path), >=, 2);
  text = pdf_text (path);
  assert_contains (text, fixture->case_number);
  assert_contains (text, PLACE);
  assert_contains (text, AGENDA);
  assert_contains (text, "Punkt 1:");
  assert_contains (text, MINUTES_LAST);
  assert_contains (text, DECISIONS);
  assert_contains (text, GUARDIAN);
  assert_contains (text, SAM_TEST_SCHOOL);
  assert_contains (text, "2030-03-14 13:00");
  g_assert_cmpint (count_audit (fixture, "export", "meeting", "minutes"), ==, 1);
}

static void
test_plan_pdf (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->base.path, "social");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->out_dir, "plan.pdf", NULL);
  g_autofree char *text = NULL;
  const SamCatalogueEntry *mentor = sam_catalogue_lookup (SAM_CATALOGUE_KIND_INTERVENTION, "mentor");

  g_assert_nonnull (mentor);
  g_assert_true (sam_export_plan_pdf (social, fixture->case_id, path, &error));
  g_assert_no_error (error);
  assert_private (path);
  g_assert_cmpuint (page_count (path), >=, 1);

  /* Swedish whatever the user's language: the test runs untranslated. */
  text = pdf_text (path);
  assert_contains (text, "Vår plan");
  assert_contains (text, "Åtagandeplan för ärende");
  assert_contains (text, fixture->case_number);
  assert_contains (text, "Det här vill vi uppnå");
  assert_contains (text, GOAL);
  assert_contains (text, INDICATOR);
  assert_contains (text, "Det här ska göras");
  assert_contains (text, ACTION);
  assert_contains (text, mentor->label_sv);
  assert_contains (text, "Ansvarig: school, " SAM_TEST_SCHOOL);
  assert_contains (text, "Klart senast: 2026-06-01");
  assert_contains (text, "Läge: Planerad");
  assert_contains (text, "Hör till: Mål 1");
  g_assert_null (strstr (text, "Planned"));
  g_assert_cmpint (count_audit (fixture, "export", "plan", "plan"), ==, 1);
}

/* A user who may not see the case gets no file and no export row. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(SamSession) outsider = sam_test_unlock_user (fixture->base.path, "school2");
  g_autoptr(GError) error = NULL;
  g_autofree char *minutes = g_build_filename (fixture->out_dir, "m.pdf", NULL);
  g_autofree char *plan = g_build_filename (fixture->out_dir, "p.pdf", NULL);

  g_assert_false (sam_export_minutes_pdf (outsider, fixture->meeting_id, minutes, &error));
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (sam_export_plan_pdf (outsider, fixture->case_id, plan, &error));
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);

  g_assert_false (g_file_test (minutes, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (plan, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_audit (fixture, "export", "meeting", "minutes"), ==, 0);
  g_assert_cmpint (count_audit (fixture, "export", "plan", "plan"), ==, 0);
}

static void
count_call (gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
set_protected (Fixture *fixture)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->base.path, "social");
  g_autofree char *sql = g_strdup_printf ("UPDATE persons SET protected_identity = 1 WHERE id = %"
                                          G_GINT64_FORMAT, fixture->person_id);

  g_assert_cmpint (sqlite3_exec (_sam_database_get_handle (sam_session_get_database (social)), sql,
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

/* No warning for an ordinary case; for a protected identity, the export
 * goes on only once the user chooses to continue. */
static void
test_protected_warning (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->base.path, "social");
  GtkWindow *dialog;
  guint calls = 0;

  dialog = sam_export_confirm (NULL, social, fixture->case_id, count_call, &calls, NULL);
  g_assert_null (dialog);
  g_assert_cmpuint (calls, ==, 1);

  set_protected (fixture);

  dialog = sam_export_confirm (NULL, social, fixture->case_id, count_call, &calls, NULL);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "export"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_assert_cmpuint (calls, ==, 1);
  gtk_window_destroy (dialog);

  dialog = sam_export_confirm (NULL, social, fixture->case_id, count_call, &calls, NULL);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "export");
  g_assert_cmpuint (calls, ==, 2);
  gtk_window_destroy (dialog);
  sam_test_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  sam_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/print/minutes-pdf", test_minutes_pdf);
  ADD ("/print/plan-pdf", test_plan_pdf);
  ADD ("/print/refused", test_refused);
  ADD ("/print/protected-warning", test_protected_warning);
#undef ADD

  return g_test_run ();
}
