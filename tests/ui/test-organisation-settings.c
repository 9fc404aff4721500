/* test-organisation-settings.c: the organisation's settings in the app
 *
 * An administrator changes them on the Preferences window's Organisation
 * page, through the core; a refused value stays as typed beside the
 * core's message. Anyone else finds no such page. For every user the
 * auto-lock follows the bounds, and the meeting reminders the defaults
 * unless the user chose their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-organisation-settings"

#include "config.h"

#include <adwaita.h>

#include "sam-lock-monitor.h"
#include "sam-preferences-window.h"
#include "sam-reminder-service.h"
#include "sam-ui-test-util.h"
#include "sam-unlock-page.h"
#include "sam-window.h"
#include "samverka-core.h"

#define UNLOCK_TIMEOUT 60

#define SARA_NAME       "sara"
#define SARA_PASSPHRASE "sara passphrase 1"

typedef struct
{
  SamTestDatabase *db;
  SamSession      *admin;
  SamSession      *social;
  GSettings       *settings;
} Fixture;

static SamSession *
unlock (const char *path,
        const char *user,
        const char *passphrase)
{
  g_autoptr(SamSecret) secret = sam_secret_new_from_string (passphrase);
  g_autoptr(GError) error = NULL;
  SamSession *session = sam_session_unlock (path, user, secret, &error);

  g_assert_no_error (error);

  return session;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->db = sam_test_database_new (FALSE);
  sam_test_database_add_user (fixture->db, SARA_NAME, "Sara Socialsekreterare", SAM_ROLE_SOCIAL,
                              "Socialtjänsten", SAM_AGENCY_KIND_SOCIAL_SERVICES,
                              SARA_PASSPHRASE, NULL);
  fixture->admin = unlock (fixture->db->path, TEST_ADMIN_NAME, TEST_ADMIN_PASSPHRASE);
  fixture->social = unlock (fixture->db->path, SARA_NAME, SARA_PASSPHRASE);
  fixture->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (fixture->settings, "auto-lock-minutes");
  g_settings_reset (fixture->settings, "meeting-reminder-first-hours");
  g_settings_reset (fixture->settings, "meeting-reminder-second-minutes");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_settings_reset (fixture->settings, "auto-lock-minutes");
  g_settings_reset (fixture->settings, "meeting-reminder-first-hours");
  g_settings_reset (fixture->settings, "meeting-reminder-second-minutes");
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->social);
  g_clear_object (&fixture->admin);
  g_clear_pointer (&fixture->db, sam_test_database_free);
}

/* Audited changes of the organisation's settings */
static guint
query_changes (SamSession *session)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  SamAuditFilter filter;
  guint n = 0;

  sam_audit_filter_init (&filter);
  filter.action = SAM_AUDIT_UPDATE;
  records = sam_audit_list (session, &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    {
      SamAuditRecord *record = g_ptr_array_index (records, i);

      if (g_strcmp0 (record->object_type, "setting") == 0 && record->outcome == SAM_AUDIT_OUTCOME_OK)
        n++;
    }

  return n;
}

static void
save_bounds (Fixture *fixture,
             guint    min_minutes,
             guint    max_minutes)
{
  g_autoptr(GError) error = NULL;
  SamSettings settings;

  g_assert_true (sam_settings_load (fixture->admin, &settings, &error));
  settings.values[SAM_SETTING_AUTO_LOCK_MIN_MINUTES] = min_minutes;
  settings.values[SAM_SETTING_AUTO_LOCK_MAX_MINUTES] = max_minutes;
  g_assert_true (sam_settings_save (fixture->admin, &settings, &error));
  g_assert_no_error (error);
}

static SamPreferencesWindow *
open_preferences (Fixture    *fixture,
                  SamSession *session)
{
  SamPreferencesWindow *window = sam_preferences_window_new (fixture->settings, session, NULL);

  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  sam_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (window)), 10);

  return window;
}

static void
close_preferences (SamPreferencesWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static GtkWidget *
child (SamPreferencesWindow *window,
       const char           *name)
{
  return sam_test_child (GTK_WIDGET (window), SAM_TYPE_PREFERENCES_WINDOW, name);
}

static const char *
row_text (SamPreferencesWindow *window,
          const char           *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (child (window, name)));
}

static void
type_and_save (SamPreferencesWindow *window,
               const char           *name,
               const char           *text)
{
  sam_test_type (GTK_WIDGET (window), SAM_TYPE_PREFERENCES_WINDOW, name, text);
  g_signal_emit_by_name (child (window, "save_button"), "clicked");
}

static void
show_organisation_page (SamPreferencesWindow *window)
{
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window),
                                           ADW_PREFERENCES_PAGE (child (window, "organisation_page")));
  sam_test_wait_until (gtk_widget_get_mapped (child (window, "summary_k_row")), 10);
}

static void
on_organisation_changed (SamPreferencesWindow *window,
                         guint                *count)
{
  (*count)++;
}

static void
test_admin_changes_k (Fixture       *fixture,
                      gconstpointer  data)
{
  SamPreferencesWindow *window = open_preferences (fixture, fixture->admin);
  guint changed = 0;

  g_signal_connect (window, "organisation-changed", G_CALLBACK (on_organisation_changed), &changed);
  show_organisation_page (window);
  g_assert_true (sam_test_shows_text (GTK_WIDGET (window), "Smallest number shown in summaries"));
  g_assert_cmpstr (row_text (window, "summary_k_row"), ==, "5");
  g_assert_cmpstr (row_text (window, "auto_lock_max_row"), ==, "30");
  g_assert_cmpstr (row_text (window, "first_reminder_default_row"), ==, "24");

  type_and_save (window, "summary_k_row", "7");

  g_assert_cmpuint (sam_stats_get_k (fixture->social, NULL), ==, 7);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_false (gtk_widget_get_visible (child (window, "organisation_error_label")));

  close_preferences (window);
}

static void
test_admin_refused_value (Fixture       *fixture,
                          gconstpointer  data)
{
  SamPreferencesWindow *window = open_preferences (fixture, fixture->admin);
  GtkWidget *error_label = child (window, "organisation_error_label");
  g_autoptr(GError) error = NULL;
  SamSettings settings;
  guint changed = 0;

  g_signal_connect (window, "organisation-changed", G_CALLBACK (on_organisation_changed), &changed);
  show_organisation_page (window);

  /* Below the floor: the core's message names the setting, the typed
   * value stays, nothing is saved. */
  type_and_save (window, "summary_k_row", "2");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "Smallest number shown in summaries"));
  g_assert_cmpstr (row_text (window, "summary_k_row"), ==, "2");
  g_assert_true (gtk_widget_has_css_class (child (window, "summary_k_row"), "error"));
  g_assert_cmpuint (sam_stats_get_k (fixture->admin, NULL), ==, 5);

  /* Crossed bounds, refused as a whole with the other values. */
  sam_test_type (GTK_WIDGET (window), SAM_TYPE_PREFERENCES_WINDOW, "summary_k_row", "8");
  sam_test_type (GTK_WIDGET (window), SAM_TYPE_PREFERENCES_WINDOW, "auto_lock_max_row", "10");
  type_and_save (window, "auto_lock_min_row", "20");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "Shortest lock after idle"));
  g_assert_cmpstr (row_text (window, "auto_lock_min_row"), ==, "20");
  g_assert_true (gtk_widget_has_css_class (child (window, "auto_lock_min_row"), "error"));
  g_assert_false (gtk_widget_has_css_class (child (window, "summary_k_row"), "error"));
  g_assert_cmpstr (row_text (window, "auto_lock_max_row"), ==, "10");
  g_assert_true (sam_settings_load (fixture->admin, &settings, &error));
  g_assert_cmpuint (settings.values[SAM_SETTING_SUMMARY_K], ==, 5);
  g_assert_cmpuint (settings.values[SAM_SETTING_AUTO_LOCK_MIN_MINUTES], ==, 1);
  g_assert_cmpuint (settings.values[SAM_SETTING_AUTO_LOCK_MAX_MINUTES], ==, 30);
  g_assert_cmpuint (changed, ==, 0);

  /* Put right, it saves and the message goes. */
  type_and_save (window, "auto_lock_min_row", "2");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_true (sam_settings_load (fixture->social, &settings, &error));
  g_assert_cmpuint (settings.values[SAM_SETTING_SUMMARY_K], ==, 8);
  g_assert_cmpuint (settings.values[SAM_SETTING_AUTO_LOCK_MIN_MINUTES], ==, 2);
  g_assert_cmpuint (settings.values[SAM_SETTING_AUTO_LOCK_MAX_MINUTES], ==, 10);
  g_assert_cmpuint (changed, ==, 1);

  /* The administrator's own auto-lock now offers the new range. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (child (window, "auto_lock_spin")))), ==, 10);

  close_preferences (window);
}

static void
test_no_organisation_for_others (Fixture       *fixture,
                                 gconstpointer  data)
{
  SamSession *sessions[] = { fixture->social, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (sessions); i++)
    {
      SamPreferencesWindow *window = open_preferences (fixture, sessions[i]);

      g_assert_true (sam_test_shows_text (GTK_WIDGET (window), "Lock After Idle"));
      g_assert_false (sam_test_holds_text (GTK_WIDGET (window), "Organisation"));
      g_assert_false (sam_test_holds_text (GTK_WIDGET (window), "Smallest number shown in summaries"));
      g_assert_null (gtk_widget_get_parent (child (window, "organisation_page")));
      /* Not even the action saves anything. */
      gtk_widget_activate_action (GTK_WIDGET (window), "preferences.save-organisation", NULL);
      g_assert_cmpint (query_changes (fixture->admin), ==, 0);

      close_preferences (window);
    }

  /* The administrator's, for contrast. */
  {
    SamPreferencesWindow *window = open_preferences (fixture, fixture->admin);

    g_assert_nonnull (gtk_widget_get_parent (child (window, "organisation_page")));
    g_assert_true (sam_test_holds_text (GTK_WIDGET (window), "Organisation"));
    close_preferences (window);
  }
}

static void
unlock_window (SamWindow *window)
{
  GtkWidget *unlock_page = sam_test_child (GTK_WIDGET (window), SAM_TYPE_WINDOW, "unlock_page");

  sam_test_type (unlock_page, SAM_TYPE_UNLOCK_PAGE, "user_row", SARA_NAME);
  sam_test_type (unlock_page, SAM_TYPE_UNLOCK_PAGE, "passphrase_row", SARA_PASSPHRASE);
  g_signal_emit_by_name (sam_test_child (unlock_page, SAM_TYPE_UNLOCK_PAGE, "unlock_button"), "clicked");
  sam_test_wait_until (!sam_unlock_page_get_busy (SAM_UNLOCK_PAGE (unlock_page)), UNLOCK_TIMEOUT);
  g_assert_nonnull (sam_window_get_session (window));
}

static void
test_auto_lock_bounds (Fixture       *fixture,
                       gconstpointer  data)
{
  SamWindow *window;
  SamLockMonitor *monitor;
  SamPreferencesWindow *preferences;
  GtkSpinButton *spin;

  save_bounds (fixture, 2, 10);
  g_settings_set_uint (fixture->settings, "auto-lock-minutes", 60);

  window = g_object_new (SAM_TYPE_WINDOW, "database-path", fixture->db->path, NULL);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  sam_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (window)), 10);
  unlock_window (window);

  /* The user's choice is clamped, not rejected or overwritten. */
  monitor = sam_window_get_lock_monitor (window);
  g_assert_cmpuint (sam_lock_monitor_get_idle_minutes (monitor), ==, 60);
  g_assert_cmpuint (sam_lock_monitor_get_effective_minutes (monitor), ==, 10);
  g_settings_set_uint (fixture->settings, "auto-lock-minutes", 1);
  sam_test_wait_until (sam_lock_monitor_get_idle_minutes (monitor) == 1, 10);
  g_assert_cmpuint (sam_lock_monitor_get_effective_minutes (monitor), ==, 2);
  g_settings_set_uint (fixture->settings, "auto-lock-minutes", 60);
  sam_test_wait_until (sam_lock_monitor_get_idle_minutes (monitor) == 60, 10);

  /* The user's Preferences offer only the bounds, and opening them
   * changes nothing. */
  preferences = open_preferences (fixture, sam_window_get_session (window));
  spin = GTK_SPIN_BUTTON (child (preferences, "auto_lock_spin"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 10);
  g_assert_cmpfloat (gtk_adjustment_get_lower (gtk_spin_button_get_adjustment (spin)), ==, 2);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (spin)), ==, 10);
  g_assert_true (sam_test_shows_text (GTK_WIDGET (preferences), "allows 2 to 10"));
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "auto-lock-minutes"), ==, 60);
  gtk_spin_button_set_value (spin, 4);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "auto-lock-minutes"), ==, 4);
  sam_test_wait_until (sam_lock_monitor_get_effective_minutes (monitor) == 4, 10);
  close_preferences (preferences);

  /* New bounds apply when the window reads them again. */
  save_bounds (fixture, 5, 20);
  sam_window_reload_organisation_settings (window);
  g_assert_cmpuint (sam_lock_monitor_get_effective_minutes (monitor), ==, 5);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_reminder_defaults (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SamReminderService) service = sam_reminder_service_new (fixture->settings);
  g_autoptr(GError) error = NULL;
  SamPreferencesWindow *preferences;
  guint first;
  guint second;

  g_assert_true (sam_settings_set (fixture->admin, SAM_SETTING_MEETING_REMINDER_FIRST_HOURS, 48, &error));
  g_assert_true (sam_settings_set (fixture->admin, SAM_SETTING_MEETING_REMINDER_SECOND_MINUTES, 15, &error));
  g_assert_no_error (error);

  /* Locked: nothing to read but the built-in defaults. */
  sam_reminder_service_get_lead_times (service, &first, &second);
  g_assert_cmpuint (first, ==, 24);
  g_assert_cmpuint (second, ==, 60);

  /* The user chose nothing: the organisation's defaults. */
  sam_reminder_service_set_session (service, fixture->social);
  sam_reminder_service_get_lead_times (service, &first, &second);
  g_assert_cmpuint (first, ==, 48);
  g_assert_cmpuint (second, ==, 15);

  preferences = open_preferences (fixture, fixture->social);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (preferences, "first_reminder_spin"))), ==, 48);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (preferences, "second_reminder_spin"))), ==, 15);
  /* Showing the default does not make it the user's choice. */
  g_assert_null (g_settings_get_user_value (fixture->settings, "meeting-reminder-first-hours"));

  /* The user's own choice wins, even one equal to the schema's default. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (preferences, "first_reminder_spin")), 24);
  close_preferences (preferences);
  g_assert_cmpuint (g_settings_get_uint (fixture->settings, "meeting-reminder-first-hours"), ==, 24);
  sam_reminder_service_get_lead_times (service, &first, &second);
  g_assert_cmpuint (first, ==, 24);
  g_assert_cmpuint (second, ==, 15);

  sam_reminder_service_set_session (service, NULL);
}

int
main (int   argc,
      char *argv[])
{
  sam_test_init (&argc, &argv);

  g_test_add ("/organisation-settings/admin-changes-k", Fixture, NULL,
              fixture_set_up, test_admin_changes_k, fixture_tear_down);
  g_test_add ("/organisation-settings/admin-refused-value", Fixture, NULL,
              fixture_set_up, test_admin_refused_value, fixture_tear_down);
  g_test_add ("/organisation-settings/no-organisation-for-others", Fixture, NULL,
              fixture_set_up, test_no_organisation_for_others, fixture_tear_down);
  g_test_add ("/organisation-settings/auto-lock-bounds", Fixture, NULL,
              fixture_set_up, test_auto_lock_bounds, fixture_tear_down);
  g_test_add ("/organisation-settings/reminder-defaults", Fixture, NULL,
              fixture_set_up, test_reminder_defaults, fixture_tear_down);

  return g_test_run ();
}
