/* sam-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sam-test-util.h"

#include "sam-database-private.h"

#include <glib/gstdio.h>
#include <stdio.h>

void
sam_test_fixture_set_up (SamTestFixture *fixture,
                         gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamDatabase) database = NULL;

  fixture->directory = g_dir_make_tmp ("samverka-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->directory, "test.db", NULL);

  database = sam_test_create_database (fixture->path, &fixture->recovery_code);
  sam_database_close (database);
}

void
sam_test_fixture_tear_down (SamTestFixture *fixture,
                            gconstpointer   data)
{
  sam_test_rm_rf (fixture->directory);
  g_clear_pointer (&fixture->directory, g_free);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->recovery_code, sam_secret_free);
}

SamDatabase *
sam_test_create_database (const char  *path,
                          SamSecret  **out_recovery_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSecret) passphrase = sam_secret_new_from_string (SAM_TEST_ADMIN_PASSPHRASE);
  SamDatabaseCreateOptions options = {
    .admin_name = SAM_TEST_ADMIN,
    .admin_display_name = "Test Administrator",
    .admin_passphrase = passphrase,
    .admin_agency_name = "Kommunledningsförvaltningen",
    .kdf = sam_kdf_params_minimum (),
  };
  SamDatabase *database;

  database = sam_database_create (path, &options, out_recovery_code, &error);
  g_assert_no_error (error);
  g_assert_nonnull (database);

  return database;
}

SamSession *
sam_test_unlock (const char  *path,
                 const char  *user,
                 const char  *passphrase,
                 GError     **error)
{
  g_autoptr(SamSecret) secret = sam_secret_new_from_string (passphrase);

  return sam_session_unlock (path, user, secret, error);
}

SamSession *
sam_test_unlock_admin (const char *path)
{
  g_autoptr(GError) error = NULL;
  SamSession *session;

  session = sam_test_unlock (path, SAM_TEST_ADMIN, SAM_TEST_ADMIN_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);

  return session;
}

void
sam_test_populate_sspf (const char *path)
{
  static const struct
  {
    const char    *name;
    SamAgencyKind  kind;
    const char    *area;
  } agencies[] = {
    { SAM_TEST_SCHOOL, SAM_AGENCY_KIND_SCHOOL, "Ekholmen" },
    { SAM_TEST_SCHOOL2, SAM_AGENCY_KIND_SCHOOL, "Ryd" },
    { SAM_TEST_SOCIAL, SAM_AGENCY_KIND_SOCIAL_SERVICES, NULL },
    { SAM_TEST_POLICE, SAM_AGENCY_KIND_POLICE, NULL },
    { SAM_TEST_LEISURE, SAM_AGENCY_KIND_LEISURE, "Ryd" },
  };
  static const struct
  {
    const char *name;
    SamRole     role;
    const char *agency;
  } users[] = {
    { "school", SAM_ROLE_SCHOOL, SAM_TEST_SCHOOL },
    { "school2", SAM_ROLE_SCHOOL, SAM_TEST_SCHOOL2 },
    { "leisure", SAM_ROLE_LEISURE, SAM_TEST_LEISURE },
    { "police", SAM_ROLE_POLICE, SAM_TEST_POLICE },
    { "social", SAM_ROLE_SOCIAL, SAM_TEST_SOCIAL },
    { "social2", SAM_ROLE_SOCIAL, SAM_TEST_SOCIAL },
    { "coordinator", SAM_ROLE_COORDINATOR, SAM_TEST_SOCIAL },
    { "manager", SAM_ROLE_MANAGER, "Kommunledningsförvaltningen" },
  };
  g_autoptr(SamSession) admin = sam_test_unlock_admin (path);
  g_autoptr(SamSecret) passphrase = sam_secret_new_from_string (SAM_TEST_USER_PASSPHRASE);

  for (guint i = 0; i < G_N_ELEMENTS (agencies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SamAgency) agency = sam_directory_add_agency (admin, agencies[i].name, agencies[i].kind,
                                                              agencies[i].area, &error);
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SamUser) user = sam_directory_add_user (admin, users[i].name, users[i].name,
                                                        users[i].role, users[i].agency,
                                                        passphrase, NULL, &error);
      g_assert_no_error (error);
    }
}

SamSession *
sam_test_unlock_user (const char *path,
                      const char *user)
{
  g_autoptr(GError) error = NULL;
  SamSession *session = sam_test_unlock (path, user, SAM_TEST_USER_PASSPHRASE, &error);

  g_assert_no_error (error);
  return session;
}

gint64
sam_test_agency_id (SamSession *session,
                    const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamAgency) agency = sam_directory_find_agency (session, name, &error);

  g_assert_no_error (error);
  return agency->id;
}

void
sam_test_flip_byte (const char *path,
                    goffset     offset)
{
  FILE *file = g_fopen (path, "r+b");
  int c;

  g_assert_nonnull (file);
  g_assert_cmpint (fseeko (file, offset, SEEK_SET), ==, 0);
  c = fgetc (file);
  g_assert_cmpint (c, !=, EOF);
  g_assert_cmpint (fseeko (file, offset, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc (c ^ 0x5a, file), !=, EOF);
  g_assert_cmpint (fclose (file), ==, 0);
}

goffset
sam_test_file_size (const char *path)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);

  return buf.st_size;
}

void
sam_test_rm_rf (const char *directory)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (directory == NULL)
    return;

  dir = g_dir_open (directory, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (directory, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        sam_test_rm_rf (child);
      else
        g_unlink (child);
    }

  g_rmdir (directory);
}

char *
sam_test_read_file (const char *path,
                    gsize      *out_length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, out_length, &error);
  g_assert_no_error (error);

  return contents;
}

void
sam_test_write_file (const char *path,
                     const char *contents,
                     gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

/* Runs @sql on @session's connection as it is, past the stores and the
 * policy: for tests that set up or damage data directly. */
void
sam_test_exec_sql (SamSession *session,
                   const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (_sam_database_get_handle (sam_session_get_database (session)),
                    sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* The first column of the first row of @sql, which must give one. */
gint64
sam_test_query_int (SamSession *session,
                    const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_sam_database_get_handle (sam_session_get_database (session)),
                                       sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}
