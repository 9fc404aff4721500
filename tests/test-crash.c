/* test-crash.c: killing the process at any moment loses nothing committed
 *
 * A child process commits numbered rows in a loop and prints each number
 * once its commit has returned. The parent kills it with SIGKILL at a
 * random moment, reopens the database, checks it page by page, checks
 * that every reported row is there, that every row has its audit entry and
 * every audit entry its row, and that the audit chain holds. Then again,
 * 200 times.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <sodium.h>
#include <stdio.h>

#include "sam-database-private.h"
#include "sam-test-util.h"

#define N_KILLS          200
#define MAX_TOTAL_SECS   300
#define ROW_PREFIX       "Krasch "

/* The child: reads the data key in hex on stdin, never from argv. */
static int
run_child (const char *path,
           const char *first_row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSecret) hex = sam_secret_new (SAM_DATA_KEY_LENGTH * 2 + 1);
  g_autoptr(SamSecret) key = sam_secret_new (SAM_DATA_KEY_LENGTH);
  g_autoptr(SamKeyslotFile) keyslots = NULL;
  g_autoptr(SamDatabase) database = NULL;
  g_autoptr(SamSession) session = NULL;
  g_autofree char *keys_path = sam_keyslot_file_path_for_database (path);
  guint64 row = g_ascii_strtoull (first_row, NULL, 10);

  if (fread (sam_secret_get_mutable_data (hex), 1, SAM_DATA_KEY_LENGTH * 2, stdin) != SAM_DATA_KEY_LENGTH * 2 ||
      sodium_hex2bin (sam_secret_get_mutable_data (key), SAM_DATA_KEY_LENGTH,
                      sam_secret_get_string (hex), SAM_DATA_KEY_LENGTH * 2,
                      NULL, NULL, NULL) != 0)
    return 2;

  keyslots = sam_keyslot_file_load (keys_path, &error);
  database = keyslots != NULL ? _sam_database_open_with_key (path, keyslots, key, &error) : NULL;
  session = database != NULL ? _sam_session_new (database, SAM_TEST_ADMIN, 0, &error) : NULL;
  if (session == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 3;
    }

  for (;; row++)
    {
      g_autofree char *name = g_strdup_printf (ROW_PREFIX "%" G_GUINT64_FORMAT, row);
      g_autoptr(SamAgency) agency = sam_directory_add_agency (session, name, SAM_AGENCY_KIND_LEISURE,
                                                              NULL, &error);
      if (agency == NULL)
        {
          g_printerr ("child: %s\n", error->message);
          return 4;
        }

      /* Reported only after the commit has returned. */
      printf ("%" G_GUINT64_FORMAT "\n", row);
      fflush (stdout);
    }
}

static char *
self_path (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_file_read_link ("/proc/self/exe", &error);

  g_assert_no_error (error);
  return path;
}

static gint64
count (SamDatabase *database,
       const char  *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = _sam_database_prepare (database, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

static GHashTable *
rows_in_database (const char      *path,
                  SamKeyslotFile  *keyslots,
                  const SamSecret *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamDatabase) database = _sam_database_open_with_key (path, keyslots, key, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTable *rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_assert_no_error (error);
  g_assert_true (sam_database_check_integrity (database, &error));
  g_assert_no_error (error);

  /* A record never exists without its audit row, nor the reverse, and the
   * chain holds whatever moment the process died at. */
  g_assert_true (_sam_audit_verify_chain (database, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (database,
                          "SELECT count(*) FROM agencies a WHERE NOT EXISTS (SELECT 1 FROM audit_log l"
                          " WHERE l.action = 'create' AND l.object_type = 'agency' AND l.object_id = a.id)"),
                   ==, 0);
  g_assert_cmpint (count (database,
                          "SELECT count(*) FROM audit_log l WHERE l.action = 'create'"
                          " AND l.object_type = 'agency' AND NOT EXISTS (SELECT 1 FROM agencies a"
                          " WHERE a.id = l.object_id)"),
                   ==, 0);

  stmt = _sam_database_prepare (database,
                                "SELECT substr (name, length ('" ROW_PREFIX "') + 1) FROM agencies"
                                " WHERE name LIKE '" ROW_PREFIX "%'", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 *row = g_new (gint64, 1);

      *row = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (rows, row);
    }

  return rows;
}

/* Starts a child, waits for its first commit, lets it run a random few
 * milliseconds more, kills it, and returns the rows it reported. */
static GArray *
run_and_kill (const char      *exe,
              const char      *path,
              const SamSecret *key,
              guint64          first_row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *first = g_strdup_printf ("%" G_GUINT64_FORMAT, first_row);
  char hex[SAM_DATA_KEY_LENGTH * 2 + 1];
  GArray *reported = g_array_new (FALSE, FALSE, sizeof (gint64));
  char *line;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            exe, "--crash-child", path, first, NULL);
  g_assert_no_error (error);

  sodium_bin2hex (hex, sizeof hex, sam_secret_get_data (key), SAM_DATA_KEY_LENGTH);
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (child), hex, SAM_DATA_KEY_LENGTH * 2,
                             NULL, NULL, &error);
  sodium_memzero (hex, sizeof hex);
  g_assert_no_error (error);
  g_output_stream_close (g_subprocess_get_stdin_pipe (child), NULL, NULL);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL)
    g_error ("The child ended before its first commit");
  g_free (line);

  g_usleep (g_random_int_range (0, 25000));
  g_subprocess_force_exit (child);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));

  {
    gint64 row = (gint64) first_row;
    g_array_append_val (reported, row);
  }
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
    {
      gint64 row = g_ascii_strtoll (line, NULL, 10);

      g_array_append_val (reported, row);
      g_free (line);
    }

  return reported;
}

static void
test_kill_at_random_moments (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = g_dir_make_tmp ("samverka-crash-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (directory, "crash.db", NULL);
  g_autofree char *keys_path = sam_keyslot_file_path_for_database (path);
  g_autofree char *exe = self_path ();
  g_autoptr(SamDatabase) database = sam_test_create_database (path, NULL);
  g_autoptr(SamSecret) key = sam_secret_copy (sam_database_get_key (database));
  g_autoptr(SamKeyslotFile) keyslots = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  guint64 next_row = 1;
  guint total_reported = 0;
  guint kills;

  sam_database_close (database);
  keyslots = sam_keyslot_file_load (keys_path, &error);
  g_assert_no_error (error);

  for (kills = 0; kills < N_KILLS; kills++)
    {
      g_autoptr(GArray) reported = run_and_kill (exe, path, key, next_row);
      g_autoptr(GHashTable) rows = rows_in_database (path, keyslots, key);

      for (guint i = 0; i < reported->len; i++)
        {
          gint64 row = g_array_index (reported, gint64, i);

          if (!g_hash_table_contains (rows, &row))
            g_error ("Row %" G_GINT64_FORMAT " was reported committed but is missing after kill %u",
                     row, kills + 1);
        }

      total_reported += reported->len;
      next_row = (guint64) g_array_index (reported, gint64, reported->len - 1) + 1000;

      if (g_timer_elapsed (timer, NULL) > MAX_TOTAL_SECS)
        g_error ("Only %u kills in %d s; the machine is too slow for this test", kills + 1, MAX_TOTAL_SECS);
    }

  g_test_message ("%u kills, %u committed rows checked, %.1f s",
                  kills, total_reported, g_timer_elapsed (timer, NULL));
  g_assert_cmpuint (kills, ==, N_KILLS);
  g_assert_cmpuint (total_reported, >=, N_KILLS);

  sam_test_rm_rf (directory);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--crash-child"))
    {
      g_assert_true (sam_security_init (NULL));
      return run_child (argv[2], argv[3]);
    }

  g_test_init (&argc, &argv, NULL);
  g_assert_true (sam_security_init (NULL));

  g_test_add_func ("/crash/kill-at-random-moments", test_kill_at_random_moments);

  return g_test_run ();
}
