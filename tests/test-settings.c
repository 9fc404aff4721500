/* test-settings.c: the municipality's settings (DESIGN §8, Preferences)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sam-database-private.h"
#include "sam-test-util.h"

static gint64
query_int (SamSession *session,
           const char *sql,
           const char *text)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_sam_database_get_handle (sam_session_get_database (session)),
                                       sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

static gint64
count_changes (SamSession *session,
               const char *setting_id)
{
  return query_int (session,
                    "SELECT count (*) FROM audit_log WHERE object_type = 'setting'"
                    " AND action = 'update' AND outcome = 'ok' AND reason = ?1",
                    setting_id);
}

static SamSettings
load (SamSession *session)
{
  g_autoptr(GError) error = NULL;
  SamSettings settings;

  g_assert_true (sam_settings_load (session, &settings, &error));
  g_assert_no_error (error);

  return settings;
}

static void
assert_invalid_naming (GError     *error,
                       const char *label)
{
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  if (strstr (error->message, label) == NULL)
    g_error ("“%s” does not name “%s”", error->message, label);
}

static void
test_defaults (SamTestFixture *fixture,
               gconstpointer   data)
{
  g_autoptr(SamSession) social = NULL;
  SamSettings settings;
  SamSetting setting;

  sam_test_populate_sspf (fixture->path);
  social = sam_test_unlock_user (fixture->path, "social");
  settings = load (social);

  g_assert_cmpuint (settings.values[SAM_SETTING_SUMMARY_K], ==, 5);
  g_assert_cmpuint (settings.values[SAM_SETTING_AUTO_LOCK_MIN_MINUTES], ==, 1);
  g_assert_cmpuint (settings.values[SAM_SETTING_AUTO_LOCK_MAX_MINUTES], ==, 30);
  g_assert_cmpuint (settings.values[SAM_SETTING_MEETING_REMINDER_FIRST_HOURS], ==, 24);
  g_assert_cmpuint (settings.values[SAM_SETTING_MEETING_REMINDER_SECOND_MINUTES], ==, 60);

  for (SamSetting s = 0; s < SAM_N_SETTINGS; s++)
    {
      g_assert_true (sam_setting_from_string (sam_setting_to_string (s), &setting));
      g_assert_cmpint (setting, ==, s);
    }
  g_assert_false (sam_setting_from_string ("summary_k", &setting));
}

static void
test_admin_sets (SamTestFixture *fixture,
                 gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) admin = NULL;
  g_autoptr(SamSession) manager = NULL;
  g_autoptr(SamSession) school = NULL;
  SamSettings settings;

  sam_test_populate_sspf (fixture->path);
  admin = sam_test_unlock_admin (fixture->path);
  settings = load (admin);
  settings.values[SAM_SETTING_SUMMARY_K] = 7;
  settings.values[SAM_SETTING_AUTO_LOCK_MIN_MINUTES] = 2;
  settings.values[SAM_SETTING_AUTO_LOCK_MAX_MINUTES] = 10;
  g_assert_true (sam_settings_save (admin, &settings, &error));
  g_assert_no_error (error);
  g_assert_true (sam_settings_set (admin, SAM_SETTING_MEETING_REMINDER_SECOND_MINUTES, 0, &error));
  g_assert_no_error (error);

  /* Every unlocked user reads what the administrator set; the summaries
   * follow k. */
  manager = sam_test_unlock_user (fixture->path, "manager");
  school = sam_test_unlock_user (fixture->path, "school");
  g_assert_cmpuint (sam_stats_get_k (manager, NULL), ==, 7);
  settings = load (school);
  g_assert_cmpuint (settings.values[SAM_SETTING_SUMMARY_K], ==, 7);
  g_assert_cmpuint (settings.values[SAM_SETTING_AUTO_LOCK_MIN_MINUTES], ==, 2);
  g_assert_cmpuint (settings.values[SAM_SETTING_AUTO_LOCK_MAX_MINUTES], ==, 10);
  g_assert_cmpuint (settings.values[SAM_SETTING_MEETING_REMINDER_FIRST_HOURS], ==, 24);
  g_assert_cmpuint (settings.values[SAM_SETTING_MEETING_REMINDER_SECOND_MINUTES], ==, 0);

  /* One audit row per changed setting, its id the reason; none for the
   * ones left as they were. */
  g_assert_cmpint (count_changes (admin, "summary-k"), ==, 1);
  g_assert_cmpint (count_changes (admin, "auto-lock-min-minutes"), ==, 1);
  g_assert_cmpint (count_changes (admin, "auto-lock-max-minutes"), ==, 1);
  g_assert_cmpint (count_changes (admin, "meeting-reminder-second-minutes"), ==, 1);
  g_assert_cmpint (count_changes (admin, "meeting-reminder-first-hours"), ==, 0);

  /* A user's choice outside the bounds is clamped, not refused. */
  g_assert_cmpuint (sam_settings_clamp_auto_lock (&settings, 60), ==, 10);
  g_assert_cmpuint (sam_settings_clamp_auto_lock (&settings, 1), ==, 2);
  g_assert_cmpuint (sam_settings_clamp_auto_lock (&settings, 5), ==, 5);

  /* k is read where the summaries always read it. */
  g_assert_true (sam_stats_set_k (admin, 9, NULL));
  settings = load (school);
  g_assert_cmpuint (settings.values[SAM_SETTING_SUMMARY_K], ==, 9);
}

static void
test_validation (SamTestFixture *fixture,
                 gconstpointer   data)
{
  g_autoptr(SamSession) admin = NULL;
  const struct
  {
    SamSetting  setting;
    guint       value;
    const char *label;
  } bad[] = {
    { SAM_SETTING_SUMMARY_K, 2, "Smallest number shown in summaries" },
    { SAM_SETTING_SUMMARY_K, 101, "Smallest number shown in summaries" },
    { SAM_SETTING_AUTO_LOCK_MIN_MINUTES, 0, "Shortest lock after idle" },
    { SAM_SETTING_AUTO_LOCK_MAX_MINUTES, 241, "Longest lock after idle" },
    /* Beyond the default longest, 30. */
    { SAM_SETTING_AUTO_LOCK_MIN_MINUTES, 31, "Shortest lock after idle" },
    { SAM_SETTING_MEETING_REMINDER_FIRST_HOURS, 169, "First meeting reminder" },
    { SAM_SETTING_MEETING_REMINDER_SECOND_MINUTES, 721, "Second meeting reminder" },
  };
  SamSettings settings;
  guint value = 0;

  sam_test_populate_sspf (fixture->path);
  admin = sam_test_unlock_admin (fixture->path);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (sam_settings_set (admin, bad[i].setting, bad[i].value, &error));
      assert_invalid_naming (error, bad[i].label);
    }

  /* Several values at once: the good one is not saved beside the bad. */
  {
    g_autoptr(GError) error = NULL;

    settings = load (admin);
    settings.values[SAM_SETTING_SUMMARY_K] = 8;
    settings.values[SAM_SETTING_AUTO_LOCK_MAX_MINUTES] = 500;
    g_assert_false (sam_settings_save (admin, &settings, &error));
    assert_invalid_naming (error, "Longest lock after idle");
  }

  settings = load (admin);
  g_assert_cmpuint (settings.values[SAM_SETTING_SUMMARY_K], ==, 5);
  g_assert_cmpuint (settings.values[SAM_SETTING_AUTO_LOCK_MAX_MINUTES], ==, 30);
  g_assert_cmpint (query_int (admin, "SELECT count (*) FROM audit_log WHERE object_type = 'setting'"
                                     " AND outcome = 'ok'", NULL), ==, 0);

  /* As typed on the command line. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (sam_setting_parse (SAM_SETTING_MEETING_REMINDER_FIRST_HOURS, "ett dygn", &value, &error));
    assert_invalid_naming (error, "First meeting reminder");
    g_clear_error (&error);
    g_assert_false (sam_setting_parse (SAM_SETTING_SUMMARY_K, "-5", &value, &error));
    assert_invalid_naming (error, "Smallest number shown in summaries");
    g_clear_error (&error);
    g_assert_true (sam_setting_parse (SAM_SETTING_MEETING_REMINDER_SECOND_MINUTES, "0", &value, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (value, ==, 0);
  }
}

static void
test_denied (SamTestFixture *fixture,
             gconstpointer   data)
{
  static const char * const users[] = { "school", "social", "coordinator", "manager" };
  g_autoptr(SamSession) admin = NULL;

  sam_test_populate_sspf (fixture->path);

  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autoptr(SamSession) session = sam_test_unlock_user (fixture->path, users[i]);
      g_autoptr(GError) error = NULL;
      SamSettings settings = load (session);

      settings.values[SAM_SETTING_AUTO_LOCK_MAX_MINUTES] = 240;
      g_assert_false (sam_settings_save (session, &settings, &error));
      g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
      g_clear_error (&error);
      g_assert_false (sam_settings_set (session, SAM_SETTING_SUMMARY_K, 3, &error));
      g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
    }

  admin = sam_test_unlock_admin (fixture->path);
  g_assert_cmpuint (load (admin).values[SAM_SETTING_AUTO_LOCK_MAX_MINUTES], ==, 30);
  g_assert_cmpuint (sam_stats_get_k (admin, NULL), ==, 5);
  g_assert_cmpint (query_int (admin, "SELECT count (*) FROM audit_log WHERE object_type = 'setting'"
                                     " AND outcome = 'ok'", NULL), ==, 0);
}

/* A failure after the first value is written takes that value and its
 * audit row back with it. */
static void
test_one_transaction (SamTestFixture *fixture,
                      gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) admin = NULL;
  SamSettings settings;

  sam_test_populate_sspf (fixture->path);
  admin = sam_test_unlock_admin (fixture->path);
  g_assert_cmpint (sqlite3_exec (_sam_database_get_handle (sam_session_get_database (admin)),
                                 "CREATE TEMP TRIGGER refuse_second BEFORE INSERT ON meta"
                                 " WHEN NEW.key = 'meeting_reminder_second_minutes'"
                                 " BEGIN SELECT RAISE (ABORT, 'refused'); END",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  settings = load (admin);
  settings.values[SAM_SETTING_SUMMARY_K] = 11;
  settings.values[SAM_SETTING_MEETING_REMINDER_SECOND_MINUTES] = 15;
  g_assert_false (sam_settings_save (admin, &settings, &error));
  g_assert_nonnull (error);

  settings = load (admin);
  g_assert_cmpuint (settings.values[SAM_SETTING_SUMMARY_K], ==, 5);
  g_assert_cmpuint (sam_stats_get_k (admin, NULL), ==, 5);
  g_assert_cmpint (count_changes (admin, "summary-k"), ==, 0);

  /* And the database takes the next change. */
  g_assert_true (sam_settings_set (admin, SAM_SETTING_SUMMARY_K, 11, NULL));
  g_assert_cmpuint (sam_stats_get_k (admin, NULL), ==, 11);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (sam_security_init (NULL));

  g_test_add ("/settings/defaults", SamTestFixture, NULL, sam_test_fixture_set_up, test_defaults,
              sam_test_fixture_tear_down);
  g_test_add ("/settings/admin-sets", SamTestFixture, NULL, sam_test_fixture_set_up, test_admin_sets,
              sam_test_fixture_tear_down);
  g_test_add ("/settings/validation", SamTestFixture, NULL, sam_test_fixture_set_up, test_validation,
              sam_test_fixture_tear_down);
  g_test_add ("/settings/denied", SamTestFixture, NULL, sam_test_fixture_set_up, test_denied,
              sam_test_fixture_tear_down);
  g_test_add ("/settings/one-transaction", SamTestFixture, NULL, sam_test_fixture_set_up,
              test_one_transaction, sam_test_fixture_tear_down);

  return g_test_run ();
}
