/* test-database.c: the encrypted database, backups and recovery
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sam-checkpointer.h"
#include "sam-database-private.h"
#include "sam-test-util.h"

static char *
pragma_text (SamDatabase *database,
             const char  *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_sam_database_get_handle (database), sql, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
assert_pragma (SamDatabase *database,
               const char  *sql,
               const char  *expected)
{
  g_autofree char *value = pragma_text (database, sql);

  g_assert_cmpstr (value, ==, expected);
}

static void
add_agencies (const char *path,
              guint       n)
{
  g_autoptr(SamSession) session = sam_test_unlock_admin (path);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("Skola nummer %04u med ett långt namn för att fylla sidor", i);
      g_autoptr(SamAgency) agency = sam_directory_add_agency (session, name, SAM_AGENCY_KIND_SCHOOL,
                                                              "Ryd", &error);

      g_assert_no_error (error);
      g_assert_nonnull (agency);
    }
}

static guint
count_agencies (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) session = sam_test_unlock_admin (path);
  g_autoptr(GPtrArray) agencies = sam_directory_list_agencies (session, &error);

  g_assert_no_error (error);

  return agencies->len;
}

static SamSession *
unlock_expecting_error (const char *path,
                        GQuark      domain,
                        int         code)
{
  g_autoptr(GError) error = NULL;
  SamSession *session = sam_test_unlock (path, SAM_TEST_ADMIN, SAM_TEST_ADMIN_PASSPHRASE, &error);

  g_assert_null (session);
  g_assert_error (error, domain, code);
  /* No bare SQLite message: a person must learn which file and why. */
  g_assert_cmpstr (error->message, !=, "file is not a database");
  g_assert_nonnull (strstr (error->message, "“"));

  return NULL;
}

static void
test_open_settings (SamTestFixture *fixture,
                    gconstpointer   data)
{
  g_autoptr(SamSession) session = sam_test_unlock_admin (fixture->path);
  SamDatabase *database = sam_session_get_database (session);
  g_autofree char *cipher = sam_database_get_cipher_version (database);
  g_autofree char *header = NULL;
  gsize length;

  g_assert_true (g_str_has_prefix (cipher, "4."));
  g_assert_cmpuint (sam_database_get_schema_version (database), ==,
                    sam_database_get_latest_schema_version ());
  assert_pragma (database, "PRAGMA journal_mode", "wal");
  assert_pragma (database, "PRAGMA synchronous", "2");
  assert_pragma (database, "PRAGMA foreign_keys", "1");
  assert_pragma (database, "PRAGMA secure_delete", "1");
  assert_pragma (database, "PRAGMA temp_store", "2");
  g_assert_false (sam_database_is_demo (database));
  g_assert_nonnull (sam_database_get_id (database));

  g_assert_cmpstr (sam_session_get_user_name (session), ==, SAM_TEST_ADMIN);
  g_assert_cmpstr (sam_session_get_display_name (session), ==, "Test Administrator");
  g_assert_cmpint (sam_session_get_role (session), ==, SAM_ROLE_ADMIN);
  g_assert_cmpstr (sam_session_get_agency_name (session), ==, "Kommunledningsförvaltningen");
  g_assert_cmpint (sam_session_get_agency_kind (session), ==, SAM_AGENCY_KIND_ADMINISTRATION);

  /* The file is not a readable SQLite file. */
  header = sam_test_read_file (fixture->path, &length);
  g_assert_cmpuint (length, >, 16);
  g_assert_false (g_str_has_prefix (header, "SQLite format 3"));
}

static void
test_lock_wipes (SamTestFixture *fixture,
                 gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) session = sam_test_unlock_admin (fixture->path);
  g_autoptr(GPtrArray) agencies = NULL;
  SamDatabase *database = sam_session_get_database (session);

  g_assert_nonnull (sam_database_get_key (database));
  sam_session_lock (session);
  g_assert_true (sam_session_is_locked (session));
  g_assert_null (sam_database_get_key (database));
  g_assert_false (sam_database_is_open (database));

  agencies = sam_directory_list_agencies (session, &error);
  g_assert_null (agencies);
  g_assert_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED);
}

static void
test_create_refuses_existing (SamTestFixture *fixture,
                              gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSecret) passphrase = sam_secret_new_from_string ("another passphrase");
  g_autoptr(SamDatabase) database = NULL;
  SamDatabaseCreateOptions options = {
    .admin_name = "other",
    .admin_passphrase = passphrase,
    .kdf = sam_kdf_params_minimum (),
  };

  database = sam_database_create (fixture->path, &options, NULL, &error);
  g_assert_null (database);
  g_assert_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_EXISTS);

  /* The existing database still opens. */
  g_assert_cmpuint (count_agencies (fixture->path), ==, 1);
}

static void
test_create_invalid_leaves_nothing (SamTestFixture *fixture,
                                    gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSecret) short_passphrase = sam_secret_new_from_string ("short");
  g_autoptr(SamDatabase) database = NULL;
  g_autofree char *path = g_build_filename (fixture->directory, "new.db", NULL);
  g_autofree char *keys = sam_keyslot_file_path_for_database (path);
  SamDatabaseCreateOptions options = {
    .admin_name = "admin",
    .admin_passphrase = short_passphrase,
    .kdf = sam_kdf_params_minimum (),
  };

  database = sam_database_create (path, &options, NULL, &error);
  g_assert_null (database);
  g_assert_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WEAK_PASSPHRASE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (keys, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  options.admin_name = "Not A Name";
  database = sam_database_create (path, &options, NULL, &error);
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "User name"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_missing_and_foreign_files (SamTestFixture *fixture,
                                gconstpointer   data)
{
  g_autofree char *missing = g_build_filename (fixture->directory, "missing.db", NULL);
  g_autofree char *plain = g_build_filename (fixture->directory, "plain.db", NULL);
  g_autofree char *plain_keys = sam_keyslot_file_path_for_database (plain);
  g_autofree char *random = g_build_filename (fixture->directory, "random.db", NULL);
  g_autofree char *random_keys = sam_keyslot_file_path_for_database (random);
  g_autofree char *keys = sam_keyslot_file_path_for_database (fixture->path);
  g_autofree char *keys_contents = NULL;
  g_autofree char *noise = g_malloc (8192);
  sqlite3 *handle = NULL;

  unlock_expecting_error (missing, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_NOT_FOUND);

  /* A plain SQLite database with our key file beside it. */
  g_assert_cmpint (sqlite3_open (plain, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "CREATE TABLE t (x); INSERT INTO t VALUES (1)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
  keys_contents = sam_test_read_file (keys, NULL);
  sam_test_write_file (plain_keys, keys_contents, -1);
  unlock_expecting_error (plain, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_FOREIGN);

  /* Random bytes with our key file beside them. */
  for (guint i = 0; i < 8192; i++)
    noise[i] = (char) g_random_int_range (0, 256);
  sam_test_write_file (random, noise, 8192);
  sam_test_write_file (random_keys, keys_contents, -1);
  unlock_expecting_error (random, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_FOREIGN);

  /* A database without its key file. */
  g_assert_cmpint (g_unlink (random_keys), ==, 0);
  unlock_expecting_error (random, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_MISSING);
}

static void
test_swapped_key_file (SamTestFixture *fixture,
                       gconstpointer   data)
{
  g_autofree char *other = g_build_filename (fixture->directory, "other.db", NULL);
  g_autofree char *other_keys = sam_keyslot_file_path_for_database (other);
  g_autofree char *keys = sam_keyslot_file_path_for_database (fixture->path);
  g_autofree char *other_contents = NULL;
  g_autoptr(SamDatabase) database = sam_test_create_database (other, NULL);

  sam_database_close (database);

  /* The other database's key file, with the same admin and passphrase,
   * placed beside this one: refused as foreign, not as a wrong passphrase. */
  other_contents = sam_test_read_file (other_keys, NULL);
  sam_test_write_file (keys, other_contents, -1);
  unlock_expecting_error (fixture->path, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_FOREIGN);
}

static void
test_flipped_byte_header (SamTestFixture *fixture,
                          gconstpointer   data)
{
  /* Inside the first page, past the salt: its HMAC fails at open. */
  sam_test_flip_byte (fixture->path, 100);
  unlock_expecting_error (fixture->path, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_CORRUPT);
}

static void
test_flipped_byte_page (SamTestFixture *fixture,
                        gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) session = NULL;
  goffset size;

  add_agencies (fixture->path, 300);
  size = sam_test_file_size (fixture->path);
  g_assert_cmpint (size, >, 10 * 4096);

  /* In the middle of a page far from the first. */
  sam_test_flip_byte (fixture->path, (size / 4096 / 2) * 4096 + 2000);

  session = sam_test_unlock (fixture->path, SAM_TEST_ADMIN, SAM_TEST_ADMIN_PASSPHRASE, &error);
  if (session != NULL)
    {
      g_assert_false (sam_maintenance_verify (session, &error));
      g_assert_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_INTEGRITY);
    }
  else
    {
      g_assert_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_CORRUPT);
    }
}

static void
test_flipped_byte_second_page (SamTestFixture *fixture,
                               gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) session = NULL;

  /* The second page of a new database holds its meta table: damage there
   * is damage, not "not a Samverka database". */
  sam_test_flip_byte (fixture->path, 4096 + 2000);
  session = sam_test_unlock (fixture->path, SAM_TEST_ADMIN, SAM_TEST_ADMIN_PASSPHRASE, &error);
  if (session != NULL)
    {
      g_assert_false (sam_maintenance_verify (session, &error));
      g_assert_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_INTEGRITY);
    }
  else
    {
      g_assert_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_CORRUPT);
    }
}

static void
test_verify_intact (SamTestFixture *fixture,
                    gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) session = NULL;

  add_agencies (fixture->path, 50);
  session = sam_test_unlock_admin (fixture->path);
  g_assert_true (sam_maintenance_verify (session, &error));
  g_assert_no_error (error);
}

static void
test_too_new (SamTestFixture *fixture,
              gconstpointer   data)
{
  g_autoptr(SamSession) session = sam_test_unlock_admin (fixture->path);
  SamDatabase *database = sam_session_get_database (session);

  g_assert_cmpint (sqlite3_exec (_sam_database_get_handle (database), "PRAGMA user_version = 999",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sam_session_lock (session);

  unlock_expecting_error (fixture->path, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_TOO_NEW);
}

static void
test_migration_is_atomic (void)
{
  static const char * const steps[] = {
    "CREATE TABLE first (x)",
    "CREATE TABLE second (y); INSERT INTO no_such_table VALUES (1)",
    "CREATE TABLE third (z)",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &handle), ==, SQLITE_OK);

  g_assert_false (_sam_schema_apply (handle, steps, G_N_ELEMENTS (steps), &error));
  g_assert_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "2"));

  /* Step 1 stays; step 2 left no trace; step 3 never ran. */
  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT group_concat (name) FROM sqlite_master",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "first");
  g_clear_pointer (&stmt, sqlite3_finalize);

  g_assert_cmpint (sqlite3_prepare_v2 (handle, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Run again with the steps fixed, it goes on from version 1. */
  {
    static const char * const fixed[] = {
      "CREATE TABLE first (x)",
      "CREATE TABLE second (y)",
    };

    g_clear_error (&error);
    g_assert_true (_sam_schema_apply (handle, fixed, G_N_ELEMENTS (fixed), &error));
    g_assert_no_error (error);
  }

  sqlite3_close (handle);
}

static void
test_backup_and_restore (SamTestFixture *fixture,
                         gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) session = NULL;
  g_autoptr(SamSecret) passphrase = sam_secret_new_from_string (SAM_TEST_ADMIN_PASSPHRASE);
  g_autofree char *backup = g_build_filename (fixture->directory, "backup.db", NULL);
  g_autofree char *backup_keys = sam_keyslot_file_path_for_database (backup);
  g_autofree char *before = NULL;
  g_autofree char *second_before = NULL;

  add_agencies (fixture->path, 5);
  session = sam_test_unlock_admin (fixture->path);
  g_assert_true (sam_maintenance_backup (session, backup, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (backup_keys, G_FILE_TEST_IS_REGULAR));

  /* Never over an existing file. */
  g_assert_false (sam_maintenance_backup (session, backup, &error));
  g_assert_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_EXISTS);
  g_clear_error (&error);
  sam_session_lock (session);
  g_clear_object (&session);

  /* The backup opens with the same passphrase. */
  g_assert_cmpuint (count_agencies (backup), ==, 6);

  /* Change the database, then restore: the change is gone, the old file kept. */
  add_agencies (fixture->path, 0);
  {
    g_autoptr(SamSession) admin = sam_test_unlock_admin (fixture->path);
    g_autoptr(SamAgency) extra = sam_directory_add_agency (admin, "Ny skola", SAM_AGENCY_KIND_SCHOOL,
                                                           NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (count_agencies (fixture->path), ==, 7);

  g_assert_true (sam_maintenance_restore (fixture->path, backup, SAM_TEST_ADMIN, passphrase,
                                          &before, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (before, fixture->path));
  g_assert_nonnull (strstr (before, ".before-restore-"));
  g_assert_cmpuint (count_agencies (fixture->path), ==, 6);
  g_assert_cmpuint (count_agencies (before), ==, 7);

  /* A second restore keeps the first one's copy too. */
  g_assert_true (sam_maintenance_restore (fixture->path, backup, SAM_TEST_ADMIN, passphrase,
                                          &second_before, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (second_before, !=, before);
  g_assert_cmpuint (count_agencies (before), ==, 7);
  g_assert_cmpuint (count_agencies (second_before), ==, 6);
}

static void
test_restore_refuses_damaged_backup (SamTestFixture *fixture,
                                     gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) session = NULL;
  g_autoptr(SamSecret) passphrase = sam_secret_new_from_string (SAM_TEST_ADMIN_PASSPHRASE);
  g_autoptr(SamSecret) wrong = sam_secret_new_from_string ("not the passphrase");
  g_autofree char *backup = g_build_filename (fixture->directory, "backup.db", NULL);
  g_autofree char *restoring = g_strconcat (fixture->path, ".restoring", NULL);
  g_autofree char *missing = g_build_filename (fixture->directory, "missing.db", NULL);

  add_agencies (fixture->path, 100);
  session = sam_test_unlock_admin (fixture->path);
  g_assert_true (sam_maintenance_backup (session, backup, &error));
  g_assert_no_error (error);
  sam_session_lock (session);

  g_assert_false (sam_maintenance_restore (fixture->path, backup, SAM_TEST_ADMIN, wrong, NULL, &error));
  g_assert_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);

  g_assert_false (sam_maintenance_restore (fixture->path, missing, SAM_TEST_ADMIN, passphrase, NULL, &error));
  g_assert_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  sam_test_flip_byte (backup, sam_test_file_size (backup) / 2 + 100);
  g_assert_false (sam_maintenance_restore (fixture->path, backup, SAM_TEST_ADMIN, passphrase, NULL, &error));
  g_assert_true (g_error_matches (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_INTEGRITY) ||
                 g_error_matches (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_CORRUPT));
  g_assert_nonnull (strstr (error->message, backup));
  g_assert_null (strstr (error->message, ".restoring"));

  /* Nothing was replaced, and nothing is left lying around. */
  g_assert_false (g_file_test (restoring, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->directory, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_null (strstr (name, "before-restore"));
  }
  g_assert_cmpuint (count_agencies (fixture->path), ==, 101);
}

static void
test_recovery (SamTestFixture *fixture,
               gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSecret) wrong = sam_secret_new_from_string ("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF");
  g_autoptr(SamSecret) renewed = sam_secret_new_from_string ("a brand new admin passphrase");
  g_autoptr(SamSession) session = NULL;
  g_autofree char *lower = g_ascii_strdown (sam_secret_get_string (fixture->recovery_code), -1);
  g_autoptr(SamSecret) typed = sam_secret_new_from_string (lower);

  g_assert_false (sam_maintenance_recover (fixture->path, wrong, SAM_TEST_ADMIN, renewed, &error));
  g_assert_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WRONG_PASSPHRASE);
  g_assert_cmpstr (error->message, ==, "The recovery key is wrong.");
  g_clear_error (&error);

  g_assert_false (sam_maintenance_recover (fixture->path, typed, "nobody", renewed, &error));
  g_assert_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_UNKNOWN_USER);
  g_clear_error (&error);

  /* Typed in lower case: the same code. */
  g_assert_true (sam_maintenance_recover (fixture->path, typed, SAM_TEST_ADMIN, renewed, &error));
  g_assert_no_error (error);

  session = sam_test_unlock (fixture->path, SAM_TEST_ADMIN, SAM_TEST_ADMIN_PASSPHRASE, &error);
  g_assert_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  session = sam_test_unlock (fixture->path, SAM_TEST_ADMIN, "a brand new admin passphrase", &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
}

static void
on_changed (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;
  gboolean changed = sam_session_change_passphrase_finish (SAM_SESSION (object), result, error);

  g_assert_true (changed == (*error == NULL));
  *(gboolean *) g_object_get_data (object, "done") = TRUE;
}

static void
test_lock_during_passphrase_change (SamTestFixture *fixture,
                                    gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) session = sam_test_unlock_admin (fixture->path);
  g_autoptr(SamSecret) renewed = sam_secret_new_from_string ("a renewed admin passphrase");
  g_autoptr(SamSession) check = NULL;
  gboolean done = FALSE;

  /* Locking while the change runs in a thread must neither crash nor leave
   * the key file and the answer disagreeing. */
  g_object_set_data (G_OBJECT (session), "done", &done);
  sam_session_change_passphrase_async (session, renewed, NULL, on_changed, &error);
  g_usleep (G_USEC_PER_SEC / 20);
  sam_session_lock (session);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  check = sam_test_unlock (fixture->path, SAM_TEST_ADMIN,
                           error == NULL ? "a renewed admin passphrase" : SAM_TEST_ADMIN_PASSPHRASE,
                           NULL);
  g_assert_nonnull (check);
}

static void
test_default_path (void)
{
  g_autofree char *from_env = NULL;
  g_autofree char *from_xdg = NULL;

  g_setenv ("SAMVERKA_DATABASE", "/srv/samverka/kommun.db", TRUE);
  from_env = sam_database_default_path ();
  g_assert_cmpstr (from_env, ==, "/srv/samverka/kommun.db");

  g_unsetenv ("SAMVERKA_DATABASE");
  from_xdg = sam_database_default_path ();
  g_assert_true (g_str_has_prefix (from_xdg, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (from_xdg, "/samverka/samverka.db"));
}

static void
test_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = g_dir_make_tmp ("samverka-demo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (directory, "demo.db", NULL);
  static const char * const roles[] = {
    "school", "leisure", "police", "social", "coordinator", "manager", "admin",
  };

  g_assert_true (sam_demo_create (path, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autofree char *passphrase = g_strconcat (roles[i], SAM_DEMO_PASSPHRASE_SUFFIX, NULL);
      g_autoptr(SamSession) session = sam_test_unlock (path, roles[i], passphrase, &error);
      SamRole role;

      g_assert_no_error (error);
      g_assert_true (sam_session_is_demo (session));
      g_assert_true (sam_role_from_string (roles[i], &role));
      g_assert_cmpint (sam_session_get_role (session), ==, role);
      g_assert_true (g_str_has_suffix (sam_session_get_display_name (session), "(demo)"));
    }

  g_assert_false (sam_demo_create (path, &error));
  g_assert_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_EXISTS);

  sam_test_rm_rf (directory);
}

typedef struct
{
  SamDatabase *database;
  GMutex       mutex;
  GCond        cond;
  gboolean     begun;
  gboolean     go;
} Worker;

static gpointer
worker_transaction (gpointer data)
{
  Worker *worker = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (_sam_database_begin (worker->database, &error));
  g_assert_true (_sam_database_in_transaction (worker->database));
  g_assert_true (_sam_database_exec (worker->database,
                                     "INSERT INTO meta (key, value) VALUES ('thread-test', '1')",
                                     &error));

  g_mutex_lock (&worker->mutex);
  worker->begun = TRUE;
  g_cond_broadcast (&worker->cond);
  while (!worker->go)
    g_cond_wait (&worker->cond, &worker->mutex);
  g_mutex_unlock (&worker->mutex);

  g_assert_true (_sam_database_commit (worker->database, &error));
  g_assert_no_error (error);
  g_assert_false (_sam_database_in_transaction (worker->database));

  return NULL;
}

/* The rollback a store calls after a begin that failed. */
static gpointer
stray_rollback (gpointer data)
{
  _sam_database_rollback (data);
  return NULL;
}

/* One thread's transaction is its own: another thread neither sees itself
 * in it nor rolls it back, and waits for it to end. */
static void
test_transaction_threads (SamTestFixture *fixture,
                          gconstpointer   data)
{
  g_autoptr(SamSession) session = sam_test_unlock_admin (fixture->path);
  SamDatabase *database = sam_session_get_database (session);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  Worker worker = { .database = database };
  GThread *thread, *stray;

  g_mutex_init (&worker.mutex);
  g_cond_init (&worker.cond);
  thread = g_thread_new ("transaction", worker_transaction, &worker);
  g_mutex_lock (&worker.mutex);
  while (!worker.begun)
    g_cond_wait (&worker.cond, &worker.mutex);
  g_mutex_unlock (&worker.mutex);

  /* The connection is in a transaction, but not this thread's. */
  g_assert_false (sqlite3_get_autocommit (_sam_database_get_handle (database)));
  g_assert_false (_sam_database_in_transaction (database));

  stray = g_thread_new ("stray-rollback", stray_rollback, database);
  g_mutex_lock (&worker.mutex);
  worker.go = TRUE;
  g_cond_broadcast (&worker.cond);
  g_mutex_unlock (&worker.mutex);
  g_thread_join (thread);
  g_thread_join (stray);

  stmt = _sam_database_prepare (database, "SELECT value FROM meta WHERE key = 'thread-test'", NULL);
  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "1");

  g_mutex_clear (&worker.mutex);
  g_cond_clear (&worker.cond);
}

/* Writes over 1 000 pages of log in one commit and waits until the
 * database reports a checkpoint of the kind asked for. */
static void
fill_log_and_wait (SamDatabase *database,
                   gboolean     background)
{
  guint n_background = 0, n_inline = 0;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_assert_true (_sam_database_exec (database, "CREATE TABLE IF NOT EXISTS scratch (x BLOB)", NULL));
  g_assert_true (_sam_database_begin (database, NULL));
  g_assert_true (_sam_database_exec (database,
                                     "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200)"
                                     " INSERT INTO scratch SELECT randomblob (4000) FROM n", NULL));
  g_assert_true (_sam_database_commit (database, NULL));

  while ((background ? n_background : n_inline) == 0 && g_get_monotonic_time () < deadline)
    {
      g_usleep (10000);
      _sam_database_get_checkpoint_counts (database, &n_background, &n_inline);
    }

  g_assert_cmpuint (background ? n_background : n_inline, >=, 1);
  g_assert_cmpuint (background ? n_inline : n_background, ==, 0);
}

/* The commit that fills the log does not copy it back itself: a thread of
 * the database's does, on a connection of its own, and what was written is
 * there after the next unlock. Without a thread, the commit does it. */
static void
test_checkpoint_in_background (SamTestFixture *fixture,
                               gconstpointer   data)
{
  g_autoptr(SamSession) session = sam_test_unlock_admin (fixture->path);
  g_autoptr(SamSession) again = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  fill_log_and_wait (sam_session_get_database (session), TRUE);
  g_assert_true (_sam_database_exec (sam_session_get_database (session),
                                     "INSERT INTO meta (key, value) VALUES ('checkpoint-test', '1')", NULL));
  sam_session_lock (session);

  again = sam_test_unlock_admin (fixture->path);
  stmt = _sam_database_prepare (sam_session_get_database (again),
                                "SELECT value FROM meta WHERE key = 'checkpoint-test'", NULL);
  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  _sam_checkpointer_set_inline (TRUE);
  fill_log_and_wait (sam_session_get_database (again), FALSE);
  _sam_checkpointer_set_inline (FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (sam_security_init (NULL));

#define ADD(path, func) \
  g_test_add (path, SamTestFixture, NULL, sam_test_fixture_set_up, func, sam_test_fixture_tear_down)

  ADD ("/database/open-settings", test_open_settings);
  ADD ("/database/lock-wipes", test_lock_wipes);
  ADD ("/database/create-refuses-existing", test_create_refuses_existing);
  ADD ("/database/create-invalid-leaves-nothing", test_create_invalid_leaves_nothing);
  ADD ("/database/missing-and-foreign", test_missing_and_foreign_files);
  ADD ("/database/swapped-key-file", test_swapped_key_file);
  ADD ("/database/flipped-byte-header", test_flipped_byte_header);
  ADD ("/database/flipped-byte-page", test_flipped_byte_page);
  ADD ("/database/flipped-byte-second-page", test_flipped_byte_second_page);
  ADD ("/database/verify-intact", test_verify_intact);
  ADD ("/database/too-new", test_too_new);
  ADD ("/database/backup-and-restore", test_backup_and_restore);
  ADD ("/database/restore-refuses-damaged", test_restore_refuses_damaged_backup);
  ADD ("/database/recovery", test_recovery);
  ADD ("/database/lock-during-passphrase-change", test_lock_during_passphrase_change);
  ADD ("/database/transaction-threads", test_transaction_threads);
  ADD ("/database/checkpoint-in-background", test_checkpoint_in_background);
  g_test_add_func ("/database/migration-is-atomic", test_migration_is_atomic);
  g_test_add_func ("/database/default-path", test_default_path);
  g_test_add_func ("/database/demo", test_demo);

#undef ADD

  return g_test_run ();
}
