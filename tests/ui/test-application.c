/* test-application.c: SamApplication, its options and its actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-application"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sam-application.h"
#include "sam-ui-test-util.h"
#include "sam-window.h"

static SamApplication *
create_application (void)
{
  SamApplication *app = sam_application_new ();

  /* Tests run one after another on a private bus; let each have its own
   * instance instead of talking to the previous one. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);

  return app;
}

static gboolean
accels_contain (GtkApplication *app,
                const char     *action,
                const char     *accel)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, action);

  return g_strv_contains ((const char * const *) accels, accel);
}

typedef struct
{
  SamApplication *app;
  char           *expected_path;
  gboolean        checked;
} RunData;

static GtkWindow *
find_toplevel (GType type)
{
  /* (transfer none) */
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
check_running_app (gpointer user_data)
{
  RunData *data = user_data;
  GtkApplication *app = GTK_APPLICATION (data->app);
  SamWindow *window;
  GtkWindow *about;
  GtkShortcutsWindow *overlay;

  g_auto(GStrv) overlay_accels = NULL;

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "shortcuts"));
  g_assert_true (accels_contain (app, "app.quit", "<Control>q"));
  g_assert_true (accels_contain (app, "app.shortcuts", "<Control>question"));
  /* Ctrl+? belongs to app.shortcuts alone. */
  overlay_accels = gtk_application_get_accels_for_action (app, "win.show-help-overlay");
  g_assert_cmpuint (g_strv_length (overlay_accels), ==, 0);

  window = SAM_WINDOW (gtk_application_get_active_window (app));
  g_assert_true (SAM_IS_WINDOW (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpstr (sam_window_get_database_path (window), ==, data->expected_path);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Samverka");

  /* The database does not exist: the unlock page says so. */
  g_assert_true (sam_test_shows_text (GTK_WIDGET (window), "samverka-cli init"));

  /* Activating again presents the same window instead of a second one. */
  g_application_activate (G_APPLICATION (app));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (app)), ==, 1);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "Samverka");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
  gtk_window_destroy (about);

  /* The shortcuts window comes from gtk/help-overlay.ui in our resources. */
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  gtk_window_present (GTK_WINDOW (window));
  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));

  /* Quitting keeps the window size. */
  gtk_window_set_default_size (GTK_WINDOW (window), 811, 611);

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
    g_idle_add (check_running_app, data);
}

static void
test_application_run (void)
{
  SamApplication *app = create_application ();
  g_autofree char *dir = g_dir_make_tmp ("samverka-app-XXXXXX", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  g_autoptr(GSettings) settings = NULL;
  RunData data = { 0 };
  char *argv[] = { (char *) "samverka", (char *) "--database", (char *) "relative.db", NULL };
  int status;

  /* A relative --database is made absolute, so that the window does not
   * depend on the working directory. */
  g_assert_cmpint (g_chdir (dir), ==, 0);
  data.app = app;
  data.expected_path = g_build_filename (dir, "relative.db", NULL);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), &data);

  status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (data.checked);
  g_assert_cmpstr (sam_application_get_database_path (app), ==, data.expected_path);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_finalize_object (app);

  settings = g_settings_new (APPLICATION_ID);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 811);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 611);

  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_rmdir (dir);
  g_free (data.expected_path);
}

int
main (int   argc,
      char *argv[])
{
  sam_test_init (&argc, &argv);

  g_test_add_func ("/application/run", test_application_run);

  return g_test_run ();
}
