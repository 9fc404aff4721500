/* test-window.c: the unlock, passphrase and session pages in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "sam-passphrase-page.h"
#include "sam-ui-test-util.h"
#include "sam-unlock-page.h"
#include "sam-window.h"
#include "sam-workspace.h"
#include "samverka-core.h"

#define UNLOCK_TIMEOUT 60

#define ANNA_NAME         "anna"
#define ANNA_DISPLAY_NAME "Anna Andersson"
#define ANNA_PASSPHRASE   "anna passphrase 1"
#define ANNA_AGENCY       "Socialtjänsten Ryd"

static SamWindow *
create_window (const char *database_path)
{
  SamWindow *window;

  window = g_object_new (SAM_TYPE_WINDOW, "database-path", database_path, NULL);
  /* GTK owns toplevels; keep our own reference for g_assert_finalize_object(). */
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  sam_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (window)), 10);

  return window;
}

static void
destroy_window (SamWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static GtkWidget *
window_child (SamWindow  *window,
              const char *name)
{
  return sam_test_child (GTK_WIDGET (window), SAM_TYPE_WINDOW, name);
}

static GtkWidget *
unlock_child (SamWindow  *window,
              const char *name)
{
  return sam_test_child (window_child (window, "unlock_page"), SAM_TYPE_UNLOCK_PAGE, name);
}

static GtkWidget *
passphrase_child (SamWindow  *window,
                  const char *name)
{
  return sam_test_child (window_child (window, "passphrase_page"), SAM_TYPE_PASSPHRASE_PAGE, name);
}

static GtkWidget *
session_child (SamWindow  *window,
               const char *name)
{
  return sam_test_child (window_child (window, "workspace"), SAM_TYPE_WORKSPACE, name);
}

static const char *
visible_page (SamWindow *window)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (window_child (window, "stack")));
}

static const char *
editable_text (GtkWidget *widget)
{
  return gtk_editable_get_text (GTK_EDITABLE (widget));
}

static gboolean
unlock_busy (SamWindow *window)
{
  return sam_unlock_page_get_busy (SAM_UNLOCK_PAGE (window_child (window, "unlock_page")));
}

static void
type_credentials (SamWindow  *window,
                  const char *user_name,
                  const char *passphrase)
{
  gtk_editable_set_text (GTK_EDITABLE (unlock_child (window, "user_row")), user_name);
  gtk_editable_set_text (GTK_EDITABLE (unlock_child (window, "passphrase_row")), passphrase);
}

/* Presses Enter in the passphrase field, as a person would. */
static void
press_enter (GtkWidget *entry_row)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (entry_row));

  g_assert_true (GTK_IS_TEXT (text));
  g_signal_emit_by_name (text, "activate");
}

/* Types the credentials, clicks Unlock and waits for the core's answer. */
static void
unlock (SamWindow  *window,
        const char *user_name,
        const char *passphrase)
{
  GtkWidget *button = unlock_child (window, "unlock_button");

  type_credentials (window, user_name, passphrase);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");

  /* The passphrase leaves the field at once, and a spinner shows. */
  g_assert_cmpstr (editable_text (unlock_child (window, "passphrase_row")), ==, "");
  g_assert_true (unlock_busy (window));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (unlock_child (window, "spinner"))));
  g_assert_false (gtk_widget_is_sensitive (button));

  sam_test_wait_until (!unlock_busy (window), UNLOCK_TIMEOUT);
  g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (unlock_child (window, "spinner"))));
}

static SamTestDatabase *
database_with_anna (void)
{
  SamTestDatabase *db = sam_test_database_new (FALSE);

  sam_test_database_add_user (db, ANNA_NAME, ANNA_DISPLAY_NAME, SAM_ROLE_SOCIAL,
                              ANNA_AGENCY, SAM_AGENCY_KIND_SOCIAL_SERVICES,
                              ANNA_PASSPHRASE, NULL);
  return db;
}

static guint
countdown_seconds (SamWindow *window)
{
  const char *text = gtk_label_get_text (GTK_LABEL (unlock_child (window, "countdown_label")));

  while (*text != '\0' && !g_ascii_isdigit (*text))
    text++;
  g_assert_true (g_ascii_isdigit (*text));

  return (guint) g_ascii_strtoull (text, NULL, 10);
}

static void
test_window_unlock (void)
{
  g_autoptr(SamTestDatabase) db = database_with_anna ();
  SamWindow *window = create_window (db->path);
  GtkWidget *root = GTK_WIDGET (window);

  g_assert_cmpstr (visible_page (window), ==, "unlock");
  g_assert_true (gtk_widget_get_mapped (unlock_child (window, "user_row")));
  g_assert_true (gtk_widget_get_mapped (unlock_child (window, "passphrase_row")));
  g_assert_false (gtk_widget_get_visible (unlock_child (window, "error_label")));
  g_assert_false (sam_test_holds_text (root, ANNA_DISPLAY_NAME));
  g_assert_null (sam_window_get_session (window));

  /* Unlock stays insensitive until both fields hold something. */
  type_credentials (window, ANNA_NAME, "");
  g_assert_false (gtk_widget_is_sensitive (unlock_child (window, "unlock_button")));

  unlock (window, ANNA_NAME, ANNA_PASSPHRASE);

  g_assert_cmpstr (visible_page (window), ==, "session");
  g_assert_true (gtk_widget_get_mapped (window_child (window, "workspace")));
  /* The workspace brings its own header bars. */
  g_assert_false (gtk_widget_get_visible (window_child (window, "header_bar")));
  g_assert_true (sam_test_shows_text (root, ANNA_DISPLAY_NAME));
  g_assert_true (sam_test_shows_text (root, sam_role_get_label (SAM_ROLE_SOCIAL)));
  g_assert_true (sam_test_shows_text (root, ANNA_AGENCY));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (session_child (window, "path_label"))), ==, db->path);
  g_assert_false (gtk_widget_get_visible (session_child (window, "failed_attempts_label")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (session_child (window, "user_name_label"))), ==, ANNA_NAME);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (session_child (window, "cipher_label"))), "SQLCipher 4"));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Samverka");
  g_assert_null (strstr (gtk_window_get_title (GTK_WINDOW (window)), "DEMO"));

  g_assert_nonnull (sam_window_get_session (window));
  g_assert_cmpstr (sam_session_get_user_name (sam_window_get_session (window)), ==, ANNA_NAME);

  destroy_window (window);
}

static void
test_window_unlock_enter (void)
{
  g_autoptr(SamTestDatabase) db = sam_test_database_new (FALSE);
  SamWindow *window = create_window (db->path);

  /* Enter in the user name field moves on to the empty passphrase field
   * and unlocks nothing. */
  type_credentials (window, TEST_ADMIN_NAME, "");
  press_enter (unlock_child (window, "user_row"));
  g_assert_false (unlock_busy (window));

  gtk_editable_set_text (GTK_EDITABLE (unlock_child (window, "passphrase_row")), TEST_ADMIN_PASSPHRASE);
  press_enter (unlock_child (window, "passphrase_row"));
  g_assert_true (unlock_busy (window));
  sam_test_wait_until (!unlock_busy (window), UNLOCK_TIMEOUT);

  g_assert_cmpstr (visible_page (window), ==, "session");
  /* Markup characters in a display name are shown as they are. */
  g_assert_true (sam_test_shows_text (GTK_WIDGET (window), TEST_ADMIN_DISPLAY_NAME));
  g_assert_true (sam_test_shows_text (GTK_WIDGET (window), TEST_ADMIN_AGENCY));
  g_assert_true (sam_test_shows_text (GTK_WIDGET (window), sam_role_get_label (SAM_ROLE_ADMIN)));

  destroy_window (window);
}

static void
test_window_wrong_passphrase (void)
{
  g_autoptr(SamTestDatabase) db = database_with_anna ();
  SamWindow *window = create_window (db->path);
  GtkWidget *error_label;
  GtkWidget *failed_label;

  /* One failure must not start a back-off, or this test would wait. */
  g_assert_cmpuint (sam_keyslot_backoff_for_failures (1), ==, 0);

  unlock (window, ANNA_NAME, "not the passphrase");

  g_assert_cmpstr (visible_page (window), ==, "unlock");
  g_assert_null (sam_window_get_session (window));
  error_label = unlock_child (window, "error_label");
  g_assert_true (gtk_widget_get_mapped (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), ANNA_NAME));
  g_assert_cmpstr (editable_text (unlock_child (window, "passphrase_row")), ==, "");
  g_assert_cmpstr (editable_text (unlock_child (window, "user_row")), ==, ANNA_NAME);
  g_assert_false (gtk_widget_get_visible (unlock_child (window, "countdown_label")));
  g_assert_false (sam_test_holds_text (GTK_WIDGET (window), ANNA_DISPLAY_NAME));

  /* The next sign-in tells Anna about the failed attempt. */
  unlock (window, ANNA_NAME, ANNA_PASSPHRASE);
  g_assert_cmpstr (visible_page (window), ==, "session");
  g_assert_false (gtk_widget_get_visible (error_label));
  failed_label = session_child (window, "failed_attempts_label");
  g_assert_true (gtk_widget_get_mapped (failed_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (failed_label)), ==,
                   "1 failed unlock attempt since your last sign-in");

  destroy_window (window);
}

static void
test_window_unknown_user (void)
{
  g_autoptr(SamTestDatabase) db = database_with_anna ();
  SamWindow *window = create_window (db->path);
  GtkWidget *error_label = unlock_child (window, "error_label");

  unlock (window, "nobody", "some passphrase");

  g_assert_cmpstr (visible_page (window), ==, "unlock");
  g_assert_true (gtk_widget_get_mapped (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), !=, "");
  g_assert_cmpstr (editable_text (unlock_child (window, "passphrase_row")), ==, "");

  destroy_window (window);
}

static void
test_window_backoff (void)
{
  g_autoptr(SamTestDatabase) db = database_with_anna ();
  SamWindow *window = create_window (db->path);
  GtkWidget *countdown = unlock_child (window, "countdown_label");
  GtkWidget *button = unlock_child (window, "unlock_button");
  guint attempts = 0;
  guint first;

  /* Fail until the core starts a back-off: after the free tries. */
  while (!gtk_widget_get_visible (countdown))
    {
      g_assert_cmpuint (attempts, <, 3);
      unlock (window, ANNA_NAME, "wrong passphrase");
      attempts++;
    }

  g_assert_cmpuint (attempts, ==, 3);
  g_assert_true (gtk_widget_get_mapped (countdown));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (countdown)), "Try again in "));
  g_assert_cmpuint (countdown_seconds (window), >, 0);
  g_assert_cmpuint (countdown_seconds (window), <=, sam_keyslot_backoff_for_failures (3));
  g_assert_true (gtk_widget_get_mapped (unlock_child (window, "error_label")));

  /* A typed passphrase does not make Unlock sensitive, and Enter does
   * nothing while the back-off runs. */
  gtk_editable_set_text (GTK_EDITABLE (unlock_child (window, "passphrase_row")), ANNA_PASSPHRASE);
  g_assert_false (gtk_widget_is_sensitive (button));
  press_enter (unlock_child (window, "passphrase_row"));
  g_assert_false (unlock_busy (window));
  g_assert_cmpstr (editable_text (unlock_child (window, "passphrase_row")), ==, ANNA_PASSPHRASE);

  /* The back-off is Anna's: another user may try at once. */
  gtk_editable_set_text (GTK_EDITABLE (unlock_child (window, "user_row")), TEST_ADMIN_NAME);
  g_assert_false (gtk_widget_get_visible (countdown));
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_editable_set_text (GTK_EDITABLE (unlock_child (window, "user_row")), ANNA_NAME);
  g_assert_true (gtk_widget_get_visible (countdown));
  g_assert_false (gtk_widget_is_sensitive (button));

  /* When it ends, Unlock comes back by itself. */
  sam_test_wait_until (!gtk_widget_get_visible (countdown),
                       sam_keyslot_backoff_for_failures (3) + 2);
  g_assert_true (gtk_widget_is_sensitive (button));

  /* A fourth failure doubles it; the number counts down live. */
  unlock (window, ANNA_NAME, "wrong passphrase");
  g_assert_true (gtk_widget_get_mapped (countdown));
  first = countdown_seconds (window);
  g_assert_cmpuint (first, >, 1);
  g_assert_cmpuint (first, <=, sam_keyslot_backoff_for_failures (4));
  sam_test_wait_until (countdown_seconds (window) < first, 3);
  g_assert_true (gtk_widget_get_mapped (countdown));
  g_assert_false (gtk_widget_is_sensitive (button));

  destroy_window (window);
}

static gboolean
has_lock_shortcut (SamWindow *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (GTK_IS_NAMED_ACTION (action) &&
              g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "win.lock") &&
              g_str_equal (trigger, "<Control>l"))
            return TRUE;
        }
    }

  return FALSE;
}

static void
test_window_lock (void)
{
  g_autoptr(SamTestDatabase) db = database_with_anna ();
  SamWindow *window = create_window (db->path);
  GtkWidget *root = GTK_WIDGET (window);
  SamSession *session;

  g_assert_true (has_lock_shortcut (window));

  unlock (window, ANNA_NAME, ANNA_PASSPHRASE);
  g_assert_cmpstr (visible_page (window), ==, "session");
  g_assert_true (sam_test_shows_text (root, ANNA_DISPLAY_NAME));

  session = sam_window_get_session (window);
  g_assert_nonnull (session);
  g_object_add_weak_pointer (G_OBJECT (session), (gpointer *) &session);

  gtk_widget_activate_action (root, "win.lock", NULL);

  /* The window let go of the session, and it is gone. */
  g_assert_null (sam_window_get_session (window));
  g_assert_null (session);
  g_assert_null (sam_workspace_get_session (SAM_WORKSPACE (window_child (window, "workspace"))));

  g_assert_cmpstr (visible_page (window), ==, "unlock");
  g_assert_true (gtk_widget_get_visible (window_child (window, "header_bar")));
  sam_test_wait_until (gtk_widget_get_mapped (unlock_child (window, "passphrase_row")), 10);
  g_assert_cmpstr (editable_text (unlock_child (window, "passphrase_row")), ==, "");
  g_assert_cmpstr (editable_text (unlock_child (window, "user_row")), ==, ANNA_NAME);

  /* No widget, shown or hidden, still holds Anna's details. */
  g_assert_false (sam_test_holds_text (root, ANNA_DISPLAY_NAME));
  g_assert_false (sam_test_holds_text (root, ANNA_AGENCY));
  g_assert_false (sam_test_holds_text (window_child (window, "workspace"), ANNA_NAME));
  g_assert_false (sam_test_holds_text (window_child (window, "workspace"), db->path));

  /* Locked, the action does nothing; unlocking works again. */
  gtk_widget_activate_action (root, "win.lock", NULL);
  g_assert_cmpstr (visible_page (window), ==, "unlock");
  unlock (window, ANNA_NAME, ANNA_PASSPHRASE);
  g_assert_cmpstr (visible_page (window), ==, "session");
  g_assert_true (sam_test_shows_text (root, ANNA_DISPLAY_NAME));

  destroy_window (window);
}

static void
test_window_demo_title (void)
{
  g_autoptr(SamTestDatabase) db = sam_test_database_new (TRUE);
  g_autofree char *passphrase = g_strconcat ("social", SAM_DEMO_PASSPHRASE_SUFFIX, NULL);
  SamWindow *window = create_window (db->path);

  unlock (window, "social", passphrase);

  g_assert_cmpstr (visible_page (window), ==, "session");
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "DEMO"));
  g_assert_true (sam_test_shows_text (GTK_WIDGET (window), sam_role_get_label (SAM_ROLE_SOCIAL)));

  /* Locking does not make the file any less of a demo. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "DEMO"));

  destroy_window (window);
}

static void
test_window_must_change_passphrase (void)
{
  g_autoptr(SamTestDatabase) db = sam_test_database_new (FALSE);
  g_autofree char *one_time = NULL;
  const char *new_passphrase = "bo's own passphrase";
  SamWindow *window;
  GtkWidget *button;
  GtkWidget *hint;

  sam_test_database_add_user (db, "bo", "Bo Berg", SAM_ROLE_SCHOOL,
                              "Ekholmsskolan", SAM_AGENCY_KIND_SCHOOL,
                              NULL, &one_time);
  window = create_window (db->path);

  unlock (window, "bo", one_time);

  g_assert_cmpstr (visible_page (window), ==, "passphrase");
  g_assert_true (gtk_widget_get_mapped (passphrase_child (window, "new_row")));
  g_assert_null (sam_workspace_get_session (SAM_WORKSPACE (window_child (window, "workspace"))));
  button = passphrase_child (window, "change_button");
  hint = passphrase_child (window, "hint_label");
  g_assert_false (gtk_widget_is_sensitive (button));

  /* Too short */
  gtk_editable_set_text (GTK_EDITABLE (passphrase_child (window, "new_row")), "short");
  gtk_editable_set_text (GTK_EDITABLE (passphrase_child (window, "repeat_row")), "short");
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (hint)), "at least 10 characters"));

  /* Long enough, but the two differ */
  gtk_editable_set_text (GTK_EDITABLE (passphrase_child (window, "new_row")), new_passphrase);
  gtk_editable_set_text (GTK_EDITABLE (passphrase_child (window, "repeat_row")), "bo's own passphrasX");
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (hint)), ==, "The two passphrases do not match.");
  g_assert_true (gtk_widget_has_css_class (passphrase_child (window, "repeat_row"), "error"));

  gtk_editable_set_text (GTK_EDITABLE (passphrase_child (window, "repeat_row")), new_passphrase);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_false (gtk_widget_has_css_class (passphrase_child (window, "repeat_row"), "error"));

  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (editable_text (passphrase_child (window, "new_row")), ==, "");
  g_assert_cmpstr (editable_text (passphrase_child (window, "repeat_row")), ==, "");
  sam_test_wait_until (g_strcmp0 (visible_page (window), "session") == 0, UNLOCK_TIMEOUT);
  g_assert_true (sam_test_shows_text (GTK_WIDGET (window), "Bo Berg"));
  g_assert_true (sam_test_shows_text (GTK_WIDGET (window), "Ekholmsskolan"));

  /* Lock; the one-time passphrase is gone, the new one opens the session
   * page directly. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL);
  g_assert_cmpstr (visible_page (window), ==, "unlock");
  g_assert_false (sam_test_holds_text (GTK_WIDGET (window), "Bo Berg"));

  unlock (window, "bo", one_time);
  g_assert_cmpstr (visible_page (window), ==, "unlock");
  g_assert_true (gtk_widget_get_mapped (unlock_child (window, "error_label")));

  unlock (window, "bo", new_passphrase);
  g_assert_cmpstr (visible_page (window), ==, "session");
  g_assert_true (sam_test_shows_text (GTK_WIDGET (window), "Bo Berg"));

  destroy_window (window);
}

static void
test_window_missing_database (void)
{
  g_autofree char *dir = g_dir_make_tmp ("samverka-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "missing.db", NULL);
  SamWindow *window = create_window (path);
  GtkWidget *error_label = unlock_child (window, "error_label");

  g_assert_true (gtk_widget_get_mapped (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), path));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "samverka-cli init"));

  destroy_window (window);
  g_rmdir (dir);
}

static void
test_window_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(SamTestDatabase) db = sam_test_database_new (FALSE);
  SamWindow *window;
  int width;
  int height;

  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 700);

  window = create_window (db->path);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);

  gtk_window_set_default_size (GTK_WINDOW (window), 777, 555);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 777);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 555);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

int
main (int   argc,
      char *argv[])
{
  sam_test_init (&argc, &argv);

  g_test_add_func ("/window/unlock", test_window_unlock);
  g_test_add_func ("/window/unlock-enter", test_window_unlock_enter);
  g_test_add_func ("/window/wrong-passphrase", test_window_wrong_passphrase);
  g_test_add_func ("/window/unknown-user", test_window_unknown_user);
  g_test_add_func ("/window/backoff", test_window_backoff);
  g_test_add_func ("/window/lock", test_window_lock);
  g_test_add_func ("/window/demo-title", test_window_demo_title);
  g_test_add_func ("/window/must-change-passphrase", test_window_must_change_passphrase);
  g_test_add_func ("/window/missing-database", test_window_missing_database);
  g_test_add_func ("/window/size", test_window_size);

  return g_test_run ();
}
