/* test-preferences.c: the preferences window and app.preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-preferences"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sam-application.h"
#include "sam-preferences-window.h"
#include "sam-ui-test-util.h"
#include "sam-window.h"

#define SETTINGS_TIMEOUT 10

static GtkSpinButton *
spin (SamPreferencesWindow *window,
      const char           *name)
{
  return GTK_SPIN_BUTTON (sam_test_child (GTK_WIDGET (window), SAM_TYPE_PREFERENCES_WINDOW, name));
}

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

static SamPreferencesWindow *
open_preferences (GSettings *settings)
{
  SamPreferencesWindow *window = sam_preferences_window_new (settings, NULL, NULL);

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

static void
test_preferences_auto_lock (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  SamPreferencesWindow *window;
  GtkSpinButton *auto_lock;

  g_settings_reset (settings, "auto-lock-minutes");
  window = open_preferences (settings);
  auto_lock = spin (window, "auto_lock_spin");

  g_assert_true (sam_preferences_window_get_settings (window) == settings);
  g_assert_true (sam_test_shows_text (GTK_WIDGET (window), "Lock After Idle"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (auto_lock)));

  /* The default, five minutes, within the schema's 1 to 120. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (auto_lock), ==, 5);
  gtk_spin_button_set_value (auto_lock, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (auto_lock), ==, 1);
  gtk_spin_button_set_value (auto_lock, 500);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (auto_lock), ==, 120);

  /* A change is saved at once, and a change elsewhere shows at once. */
  gtk_spin_button_set_value (auto_lock, 12);
  g_assert_cmpuint (g_settings_get_uint (settings, "auto-lock-minutes"), ==, 12);
  g_settings_set_uint (settings, "auto-lock-minutes", 30);
  sam_test_wait_until (gtk_spin_button_get_value_as_int (auto_lock) == 30, SETTINGS_TIMEOUT);

  /* Typed by keyboard, as a person would. */
  gtk_editable_set_text (GTK_EDITABLE (auto_lock), "45");
  gtk_spin_button_update (auto_lock);
  g_assert_cmpuint (g_settings_get_uint (settings, "auto-lock-minutes"), ==, 45);

  close_preferences (window);
  g_settings_reset (settings, "auto-lock-minutes");
}

static void
test_preferences_reminders (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  SamPreferencesWindow *window = open_preferences (settings);
  GtkSpinButton *first = spin (window, "first_reminder_spin");
  GtkSpinButton *second = spin (window, "second_reminder_spin");

  g_assert_true (sam_test_shows_text (GTK_WIDGET (window), "First Reminder"));
  g_assert_true (sam_test_shows_text (GTK_WIDGET (window), "Second Reminder"));
  g_assert_true (sam_test_shows_text (GTK_WIDGET (window), "never a name"));

  /* A day and an hour ahead by default. */
  g_assert_cmpint (gtk_spin_button_get_value_as_int (first), ==, 24);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (second), ==, 60);

  gtk_spin_button_set_value (first, 48);
  gtk_spin_button_set_value (second, 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "meeting-reminder-first-hours"), ==, 48);
  g_assert_cmpuint (g_settings_get_uint (settings, "meeting-reminder-second-minutes"), ==, 0);

  /* Not beyond the schema's range: a week, twelve hours. */
  gtk_spin_button_set_value (first, 1000);
  gtk_spin_button_set_value (second, 100000);
  g_assert_cmpuint (g_settings_get_uint (settings, "meeting-reminder-first-hours"), ==, 168);
  g_assert_cmpuint (g_settings_get_uint (settings, "meeting-reminder-second-minutes"), ==, 720);

  close_preferences (window);
  g_settings_reset (settings, "meeting-reminder-first-hours");
  g_settings_reset (settings, "meeting-reminder-second-minutes");
}

static void
test_preferences_accessible (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  SamPreferencesWindow *window = open_preferences (settings);
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (window), GTK_TYPE_SPIN_BUTTON, spins);
  g_assert_cmpuint (spins->len, ==, 3);

  /* Every control has a name a screen reader can say. */
  for (guint i = 0; i < spins->len; i++)
    {
      GtkAccessible *accessible = g_ptr_array_index (spins, i);

      g_assert_true (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL));
    }
  gtk_test_accessible_assert_property (spin (window, "auto_lock_spin"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Lock after idle, in minutes");

  /* Each row's title is also its mnemonic, so Alt and a letter reach every
   * control by keyboard. */
  collect_widgets (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (rows, i);

      g_assert_true (adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row)));
      g_assert_true (GTK_IS_SPIN_BUTTON (adw_action_row_get_activatable_widget (row)));
    }

  close_preferences (window);
}

/* The application's action, menu item and shortcut */

typedef struct
{
  SamApplication *app;
  gboolean        checked;
} RunData;

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *item_action = NULL;
      g_autoptr(GMenuModel) section = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action) &&
          g_str_equal (item_action, action))
        return TRUE;

      section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }

  return FALSE;
}

static gboolean
overlay_has_accelerator (GtkWidget  *overlay,
                         const char *accelerator)
{
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();

  collect_widgets (overlay, GTK_TYPE_SHORTCUTS_SHORTCUT, shortcuts);
  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *accel = NULL;

      g_object_get (g_ptr_array_index (shortcuts, i), "accelerator", &accel, NULL);
      if (g_strcmp0 (accel, accelerator) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
check_preferences_action (gpointer user_data)
{
  RunData *data = user_data;
  GtkApplication *app = GTK_APPLICATION (data->app);
  GtkWindow *window = gtk_application_get_active_window (app);
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, "app.preferences");
  g_autoptr(GPtrArray) menu_buttons = g_ptr_array_new ();
  GtkWindow *preferences;

  g_assert_true (SAM_IS_WINDOW (window));
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>comma"));

  /* In the primary menu and in the shortcuts window. */
  collect_widgets (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, menu_buttons);
  g_assert_cmpuint (menu_buttons->len, >=, 1);
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (g_ptr_array_index (menu_buttons, 0)),
                                  "app.preferences"));
  g_assert_true (overlay_has_accelerator (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))),
                                          "<Control>comma"));

  g_assert_null (find_toplevel (SAM_TYPE_PREFERENCES_WINDOW));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = find_toplevel (SAM_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (preferences) == window);
  g_assert_true (gtk_window_get_modal (preferences));
  gtk_window_destroy (preferences);

  data->checked = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);

  return G_SOURCE_REMOVE;
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window,
                 RunData        *data)
{
  if (SAM_IS_WINDOW (window))
    g_idle_add (check_preferences_action, data);
}

static void
test_preferences_action (void)
{
  g_autofree char *dir = g_dir_make_tmp ("samverka-prefs-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "none.db", NULL);
  char *argv[] = { (char *) "samverka", (char *) "--database", path, NULL };
  RunData data = { 0 };

  data.app = sam_application_new ();
  g_application_set_flags (G_APPLICATION (data.app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (data.app, "window-added", G_CALLBACK (on_window_added), &data);

  g_assert_cmpint (g_application_run (G_APPLICATION (data.app), G_N_ELEMENTS (argv) - 1, argv), ==, 0);
  g_assert_true (data.checked);
  g_assert_finalize_object (data.app);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  sam_test_init (&argc, &argv);

  g_test_add_func ("/preferences/auto-lock", test_preferences_auto_lock);
  g_test_add_func ("/preferences/reminders", test_preferences_reminders);
  g_test_add_func ("/preferences/accessible", test_preferences_accessible);
  g_test_add_func ("/preferences/action", test_preferences_action);

  return g_test_run ();
}
