/* test-leak.c: no personal data outside the encrypted database
 *
 * Unique markers go in through the API wherever text can go. Then every
 * file below a private root (the database, its -wal and -shm, the key
 * file, a backup, $TMPDIR, $HOME and the XDG folders) is searched for them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sam-test-util.h"

static char *root;
static char *markers[6];

static void
make_private_environment (void)
{
  static const char * const variables[] = {
    "HOME", "TMPDIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
    "XDG_STATE_HOME", "XDG_RUNTIME_DIR",
  };

  root = g_dir_make_tmp ("samverka-leak-XXXXXX", NULL);
  g_assert_nonnull (root);

  /* Before GLib caches any of them. */
  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      g_autofree char *lower = g_ascii_strdown (variables[i], -1);
      g_autofree char *path = g_build_filename (root, lower, NULL);

      g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
      g_setenv (variables[i], path, TRUE);
    }
  g_unsetenv ("SAMVERKA_DATABASE");
}

static void
make_markers (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    markers[i] = g_strdup_printf ("mrk%08x%08x%u", g_random_int (), g_random_int (), i);
}

static gboolean
contains (const char *haystack,
          gsize       length,
          const char *needle)
{
  gsize needle_length = strlen (needle);

  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (haystack + i, needle, needle_length) == 0)
      return TRUE;

  return FALSE;
}

/* Returns how many files were searched; fails on any marker. */
static guint
scan (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;
  guint n_files = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          n_files += scan (path);
          continue;
        }

      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      n_files++;

      for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
        {
          if (contains (contents, length, markers[i]))
            g_error ("The marker “%s” was found in plain text in %s", markers[i], path);
        }
    }

  return n_files;
}

static void
test_scanner_finds_markers (void)
{
  g_autofree char *text = g_strdup_printf ("prefix %s suffix", markers[0]);

  /* The search must work, or the real test proves nothing. */
  g_assert_true (contains (text, strlen (text), markers[0]));
  g_assert_false (contains (text, strlen (text), markers[1]));
}

static void
fill_database (const char *path,
               const char *backup)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSecret) passphrase = sam_secret_new_from_string ("leak test passphrase");
  g_autoptr(SamDatabase) database = NULL;
  g_autoptr(SamSession) admin = NULL;
  g_autoptr(SamAgency) agency = NULL;
  g_autoptr(SamUser) user = NULL;
  g_autoptr(SamSecret) one_time = NULL;
  g_autofree char *agency_name = g_strdup_printf ("Skola %s", markers[1]);
  g_autofree char *admin_agency = g_strdup_printf ("Förvaltning %s", markers[5]);
  SamDatabaseCreateOptions options = {
    .admin_name = markers[0],
    .admin_display_name = markers[0],
    .admin_passphrase = passphrase,
    .admin_agency_name = admin_agency,
    .kdf = sam_kdf_params_minimum (),
  };

  database = sam_database_create (path, &options, NULL, &error);
  g_assert_no_error (error);
  sam_database_close (database);

  admin = sam_test_unlock (path, markers[0], "leak test passphrase", &error);
  g_assert_no_error (error);

  agency = sam_directory_add_agency (admin, agency_name, SAM_AGENCY_KIND_SCHOOL, markers[2], &error);
  g_assert_no_error (error);
  user = sam_directory_add_user (admin, markers[3], markers[4], SAM_ROLE_SCHOOL, agency_name,
                                 NULL, &one_time, &error);
  g_assert_no_error (error);

  /* While it is open, the WAL holds the newest pages: scan it now too. */
  g_assert_cmpuint (scan (root), >=, 2);

  g_assert_true (sam_directory_reset_passphrase (admin, markers[3], NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sam_maintenance_verify (admin, &error));
  g_assert_no_error (error);
  g_assert_true (sam_maintenance_backup (admin, backup, &error));
  g_assert_no_error (error);
  g_assert_true (sam_directory_disable_user (admin, markers[3], &error));
  g_assert_no_error (error);

  sam_session_lock (admin);
}

static void
test_no_marker_in_any_file (void)
{
  g_autofree char *path = sam_database_default_path ();
  g_autofree char *backup = g_build_filename (g_get_user_data_dir (), "backups", "kopia.db", NULL);
  g_autofree char *keys = sam_keyslot_file_path_for_database (path);
  guint n_files;

  g_assert_true (g_str_has_prefix (path, root));
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  {
    g_autofree char *backups = g_path_get_dirname (backup);
    g_assert_cmpint (g_mkdir_with_parents (backups, 0700), ==, 0);
  }

  fill_database (path, backup);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (keys, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  n_files = scan (root);
  /* At least the database, its key file, the backup and its key file. */
  g_assert_cmpuint (n_files, >=, 4);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  make_private_environment ();
  g_test_init (&argc, &argv, NULL);
  g_assert_true (sam_security_init (NULL));
  make_markers ();

  g_test_add_func ("/leak/scanner-finds-markers", test_scanner_finds_markers);
  g_test_add_func ("/leak/no-marker-in-any-file", test_no_marker_in_any_file);

  status = g_test_run ();

  sam_test_rm_rf (root);
  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    g_free (markers[i]);
  g_free (root);

  return status;
}
