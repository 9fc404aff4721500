/* sam-ui-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-ui-test"

#include "config.h"

#include "sam-ui-test-util.h"

#include <glib/gstdio.h>

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            remove_tree (child);
          else
            g_unlink (child);
        }
    }

  g_rmdir (path);
}

/**
 * sam_test_database_new:
 * @demo: whether to create a demo database (sam_demo_create())
 *
 * Creates a database in a new temporary directory. A plain one has only the
 * administrator %TEST_ADMIN_NAME.
 */
SamTestDatabase *
sam_test_database_new (gboolean demo)
{
  g_autoptr(GError) error = NULL;
  SamTestDatabase *db = g_new0 (SamTestDatabase, 1);

  db->dir = g_dir_make_tmp ("samverka-ui-XXXXXX", &error);
  g_assert_no_error (error);
  db->path = g_build_filename (db->dir, "test.db", NULL);

  if (demo)
    {
      g_assert_true (sam_demo_create (db->path, &error));
      g_assert_no_error (error);
    }
  else
    {
      g_autoptr(SamSecret) passphrase = sam_secret_new_from_string (TEST_ADMIN_PASSPHRASE);
      g_autoptr(SamSecret) recovery = NULL;
      g_autoptr(SamDatabase) database = NULL;
      SamDatabaseCreateOptions options = {
        .admin_name = TEST_ADMIN_NAME,
        .admin_display_name = TEST_ADMIN_DISPLAY_NAME,
        .admin_passphrase = passphrase,
        .admin_agency_name = TEST_ADMIN_AGENCY,
        .kdf = sam_kdf_params_minimum (),
        .demo = FALSE,
      };

      database = sam_database_create (db->path, &options, &recovery, &error);
      g_assert_no_error (error);
      g_assert_nonnull (database);
      sam_database_close (database);
    }

  return db;
}

void
sam_test_database_free (SamTestDatabase *db)
{
  remove_tree (db->dir);
  g_free (db->dir);
  g_free (db->path);
  g_free (db);
}

/**
 * sam_test_database_add_user:
 * @passphrase: (nullable): the passphrase, or %NULL for a one-time one that
 *   must be changed at the first unlock
 *
 * Adds a user as the administrator, creating @agency if needed.
 */
void
sam_test_database_add_user (SamTestDatabase  *db,
                            const char       *name,
                            const char       *display_name,
                            SamRole           role,
                            const char       *agency,
                            SamAgencyKind     agency_kind,
                            const char       *passphrase,
                            char            **out_one_time_passphrase)
{
  g_autoptr(SamSecret) admin_passphrase = sam_secret_new_from_string (TEST_ADMIN_PASSPHRASE);
  g_autoptr(SamSecret) secret = NULL;
  g_autoptr(SamSecret) one_time = NULL;
  g_autoptr(SamSession) session = NULL;
  g_autoptr(SamAgency) found = NULL;
  g_autoptr(SamUser) user = NULL;
  g_autoptr(GError) error = NULL;

  session = sam_session_unlock (db->path, TEST_ADMIN_NAME, admin_passphrase, &error);
  g_assert_no_error (error);

  found = sam_directory_find_agency (session, agency, NULL);
  if (found == NULL)
    {
      found = sam_directory_add_agency (session, agency, agency_kind, NULL, &error);
      g_assert_no_error (error);
    }

  if (passphrase != NULL)
    secret = sam_secret_new_from_string (passphrase);

  user = sam_directory_add_user (session, name, display_name, role, agency, secret,
                                 passphrase == NULL ? &one_time : NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);

  if (out_one_time_passphrase != NULL)
    {
      g_assert_nonnull (one_time);
      *out_one_time_passphrase = g_strdup (sam_secret_get_string (one_time));
    }

  sam_session_lock (session);
}

/**
 * sam_test_init:
 *
 * gtk_test_init() and adw_init(), plus the core's sam_security_init().
 */
void
sam_test_init (int    *argc,
               char ***argv)
{
  g_autoptr(GError) error = NULL;

  /* Under Xvfb GL is a software renderer that only slows the tests down,
   * and Mesa's EGL driver leaks at start-up, which fails the sanitizer run.
   * The tests look at widgets, not at pixels. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();

  if (!sam_security_init (&error))
    g_error ("%s", error->message);
}

static gboolean
wake_up (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* One blocking iteration that cannot block for more than 50 ms. */
void
sam_test_iterate (void)
{
  guint source = g_timeout_add (50, wake_up, NULL);

  g_main_context_iteration (NULL, TRUE);
  g_source_remove (source);
}

void
sam_test_spin (guint milliseconds)
{
  gint64 until = g_get_monotonic_time () + (gint64) milliseconds * 1000;

  while (g_get_monotonic_time () < until)
    sam_test_iterate ();
}

static const char *
widget_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  if (GTK_IS_TEXT (widget))
    return gtk_editable_get_text (GTK_EDITABLE (widget));

  return NULL;
}

static gboolean
find_text (GtkWidget  *widget,
           const char *text,
           gboolean    mapped_only)
{
  const char *own;

  if (mapped_only && !gtk_widget_get_mapped (widget))
    return FALSE;

  own = widget_text (widget);
  if (own != NULL && strstr (own, text) != NULL)
    return TRUE;

  if (gtk_widget_get_tooltip_text (widget) != NULL &&
      strstr (gtk_widget_get_tooltip_text (widget), text) != NULL &&
      !mapped_only)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (find_text (child, text, mapped_only))
        return TRUE;
    }

  return FALSE;
}

/**
 * sam_test_shows_text:
 *
 * Returns: whether a label or text field that is on screen (mapped) below
 *   @root contains @text: what a person would see
 */
gboolean
sam_test_shows_text (GtkWidget  *root,
                     const char *text)
{
  return find_text (root, text, TRUE);
}

/**
 * sam_test_holds_text:
 *
 * Returns: whether any label, text field or tooltip below @root contains
 *   @text, shown or not
 */
gboolean
sam_test_holds_text (GtkWidget  *root,
                     const char *text)
{
  return find_text (root, text, FALSE);
}

GtkWidget *
sam_test_child (GtkWidget  *widget,
                GType       widget_type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (widget, widget_type, name);

  g_assert_nonnull (child);
  g_assert_true (GTK_IS_WIDGET (child));

  return GTK_WIDGET (child);
}

void
sam_test_type (GtkWidget  *widget,
               GType       widget_type,
               const char *name,
               const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (sam_test_child (widget, widget_type, name)), text);
}

/* LeakSanitizer (the CI's sanitizer run) reads this at start-up. fontconfig
 * keeps its caches until exit by design; what it holds is not ours. */
const char *__lsan_default_suppressions (void);

const char *
__lsan_default_suppressions (void)
{
  return "leak:libfontconfig.so\n";
}
