/* test-audit.c: the tamper-evident audit log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sodium.h>

#include "sam-audit-hash.h"
#include "sam-database-private.h"
#include "sam-test-util.h"

#define USER_PASSPHRASE "user passphrase 123"

static GPtrArray *logged_anchors;

/* Keeps what would go to the system journal; the rest goes on as usual. */
static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, SAM_AUDIT_LOG_FIELD_ANCHOR))
        {
          g_ptr_array_add (logged_anchors, g_strdup (fields[i].value));
          return G_LOG_WRITER_HANDLED;
        }
    }

  return g_log_writer_default (level, fields, n_fields, user_data);
}

static sqlite3 *
handle_of (SamSession *session)
{
  return _sam_database_get_handle (sam_session_get_database (session));
}

static gint64
query_int (SamSession *session,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (session), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (SamSession *session,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (session), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
exec_sql (SamSession *session,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (handle_of (session), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gboolean
exec_may_fail (SamSession *session,
               const char *sql)
{
  return sqlite3_exec (handle_of (session), sql, NULL, NULL, NULL) == SQLITE_OK;
}

static gint64
n_rows (SamSession *session)
{
  return query_int (session, "SELECT count(*) FROM audit_log");
}

static char *
last_row (SamSession *session)
{
  return query_text (session,
                     "SELECT action || '|' || coalesce (object_type, '') || '|' ||"
                     "       coalesce (reason, '') || '|' || outcome || '|' || coalesce (role, '')"
                     "  FROM audit_log ORDER BY seq DESC LIMIT 1");
}

static void
assert_intact (SamSession *session)
{
  g_autoptr(GError) error = NULL;
  guint64 checked = 0;

  g_assert_true (sam_audit_verify (session, NULL, &checked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (checked, ==, (guint64) n_rows (session));
}

static void
assert_broken (SamSession           *session,
               const SamAuditAnchor *anchor,
               const char           *expected_in_message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sam_audit_verify (session, anchor, NULL, &error));
  g_assert_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_INTEGRITY);
  if (strstr (error->message, expected_in_message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected_in_message);
}

/* A session with some history: agencies and a user, and a few logins. */
static SamSession *
unlock_with_history (SamTestFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSecret) passphrase = sam_secret_new_from_string (USER_PASSPHRASE);
  SamSession *admin = sam_test_unlock_admin (fixture->path);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Skola %u", i);
      g_autoptr(SamAgency) agency = sam_directory_add_agency (admin, name, SAM_AGENCY_KIND_SCHOOL,
                                                              NULL, &error);
      g_assert_no_error (error);
    }
  {
    g_autoptr(SamUser) user = sam_directory_add_user (admin, "sara", "Sara", SAM_ROLE_SCHOOL,
                                                      "Skola 0", passphrase, NULL, &error);
    g_assert_no_error (error);
  }

  return admin;
}

static void
test_creation_login_and_lock (SamTestFixture *fixture,
                              gconstpointer   data)
{
  g_autoptr(SamSession) admin = sam_test_unlock_admin (fixture->path);
  g_autofree char *first = query_text (admin, "SELECT group_concat (action || '|' || object_type, ' ')"
                                              " FROM audit_log WHERE seq <= 3");
  g_autofree char *second = query_text (admin, "SELECT action || '|' || role || '|' || user_id FROM audit_log WHERE seq = 4");
  g_autofree char *user_id = g_strdup_printf ("%" G_GINT64_FORMAT, sam_session_get_user_id (admin));
  g_autofree char *expected_login = g_strconcat ("login|admin|", user_id, NULL);

  g_assert_cmpstr (first, ==, "create|database create|agency create|user");
  g_assert_cmpstr (second, ==, expected_login);
  g_assert_cmpint (n_rows (admin), ==, 4);
  assert_intact (admin);

  sam_session_lock (admin);
  g_clear_object (&admin);

  admin = sam_test_unlock_admin (fixture->path);
  g_assert_cmpint (query_int (admin, "SELECT count(*) FROM audit_log WHERE action = 'lock'"), ==, 1);
  g_assert_cmpint (n_rows (admin), ==, 6);
}

static void
test_failed_logins_recorded (SamTestFixture *fixture,
                             gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) session = NULL;
  g_autofree char *failed = NULL;

  for (guint i = 0; i < 2; i++)
    {
      session = sam_test_unlock (fixture->path, SAM_TEST_ADMIN, "not the passphrase", &error);
      g_assert_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WRONG_PASSPHRASE);
      g_clear_error (&error);
    }

  session = sam_test_unlock_admin (fixture->path);
  failed = query_text (session, "SELECT action || '|' || reason || '|' || outcome FROM audit_log"
                                " WHERE action = 'login_failed'");
  g_assert_cmpstr (failed, ==, "login_failed|attempts:2|failed");
}

typedef struct
{
  const char *name;
  const char *expected;
} Step;

static void
test_one_row_per_operation (SamTestFixture *fixture,
                            gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) admin = sam_test_unlock_admin (fixture->path);
  g_autoptr(SamSession) sara = NULL;
  g_autoptr(SamSecret) passphrase = sam_secret_new_from_string (USER_PASSPHRASE);
  g_autoptr(SamSecret) renewed = sam_secret_new_from_string ("a renewed passphrase");
  g_autofree char *backup = g_build_filename (fixture->directory, "backup.db", NULL);
  g_autofree char *all_text = NULL;
  gint64 before;

#define EXPECT_ONE_ROW(session, call, expected) \
  G_STMT_START { \
    g_autofree char *row = NULL; \
    before = n_rows (session); \
    call; \
    g_assert_no_error (error); \
    g_assert_cmpint (n_rows (session), ==, before + 1); \
    row = last_row (session); \
    g_assert_cmpstr (row, ==, expected); \
  } G_STMT_END

  EXPECT_ONE_ROW (admin, { g_autoptr(SamAgency) a = sam_directory_add_agency (admin, "Skola Hemlig",
                                                    SAM_AGENCY_KIND_SCHOOL, "Område Hemligt", &error); },
                  "create|agency||ok|admin");
  EXPECT_ONE_ROW (admin, { g_autoptr(SamUser) u = sam_directory_add_user (admin, "sara", "Sara Hemlig",
                                                  SAM_ROLE_SCHOOL, "Skola Hemlig", passphrase, NULL, &error); },
                  "create|user|school|ok|admin");
  EXPECT_ONE_ROW (admin, sam_directory_reset_passphrase (admin, "sara", passphrase, NULL, &error),
                  "user_change|user|passphrase_reset|ok|admin");
  EXPECT_ONE_ROW (admin, sam_maintenance_verify (admin, &error), "verify|database||ok|admin");
  EXPECT_ONE_ROW (admin, sam_maintenance_backup (admin, backup, &error), "backup|database||ok|admin");

  sara = sam_test_unlock (fixture->path, "sara", USER_PASSPHRASE, &error);
  g_assert_no_error (error);
  EXPECT_ONE_ROW (sara, sam_session_change_passphrase (sara, renewed, &error),
                  "user_change|user|passphrase_changed|ok|school");
  sam_session_lock (sara);

  EXPECT_ONE_ROW (admin, sam_directory_disable_user (admin, "sara", &error),
                  "user_change|user|disabled|ok|admin");

#undef EXPECT_ONE_ROW

  /* Ids and codes only: none of the names or places appear. */
  all_text = query_text (admin, "SELECT group_concat (coalesce (time, '') || coalesce (role, '') ||"
                                " action || coalesce (object_type, '') || coalesce (reason, '') ||"
                                " outcome, ' ') FROM audit_log");
  g_assert_null (strstr (all_text, "Hemlig"));
  g_assert_null (strstr (all_text, "sara"));
  assert_intact (admin);
}

static void
test_refusal_recorded (SamTestFixture *fixture,
                       gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) admin = unlock_with_history (fixture);
  g_autoptr(SamSession) sara = NULL;
  g_autoptr(SamUser) user = NULL;
  g_autofree char *row = NULL;
  gint64 before;

  sara = sam_test_unlock (fixture->path, "sara", USER_PASSPHRASE, &error);
  g_assert_no_error (error);
  before = n_rows (sara);

  user = sam_directory_add_user (sara, "mallory", "Mallory", SAM_ROLE_ADMIN, "Skola 0", NULL, NULL,
                                 &error);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_assert_cmpint (n_rows (sara), ==, before + 1);
  row = last_row (sara);
  g_assert_cmpstr (row, ==, "create|user|operation:user-add|denied|school");
}

static void
test_triggers_refuse_changes (SamTestFixture *fixture,
                              gconstpointer   data)
{
  g_autoptr(SamSession) admin = unlock_with_history (fixture);
  gint64 rows = n_rows (admin);

  g_assert_false (exec_may_fail (admin, "UPDATE audit_log SET reason = 'x' WHERE seq = 2"));
  g_assert_false (exec_may_fail (admin, "DELETE FROM audit_log WHERE seq = 2"));
  g_assert_false (exec_may_fail (admin, "DELETE FROM audit_log"));
  /* Out of order, or not chained to the head. */
  g_assert_false (exec_may_fail (admin, "INSERT INTO audit_log (seq, time, action, outcome, prev_hash, hash)"
                                        " VALUES (1000, 't', 'view', 'ok', zeroblob (32), zeroblob (32))"));
  g_assert_false (exec_may_fail (admin, "INSERT INTO audit_log (seq, time, action, outcome, prev_hash, hash)"
                                        " SELECT max (seq) + 1, 't', 'view', 'ok', zeroblob (32), zeroblob (32)"
                                        " FROM audit_log"));
  g_assert_cmpint (n_rows (admin), ==, rows);
  assert_intact (admin);
}

/* What an insider holding the key does first. */
static void
drop_triggers (SamSession *session)
{
  exec_sql (session, "DROP TRIGGER audit_log_append_only;"
                     "DROP TRIGGER audit_log_no_update;"
                     "DROP TRIGGER audit_log_no_delete;");
}

static void
test_tamper_each_column (SamTestFixture *fixture,
                         gconstpointer   data)
{
  static const char * const edits[] = {
    "time = '2020-01-01T00:00:00.000000Z'",
    "user_id = coalesce (user_id, 0) + 1",
    "role = 'coordinator'",
    "agency_id = coalesce (agency_id, 0) + 1",
    "action = 'view'",
    "object_type = 'case'",
    "object_id = coalesce (object_id, 0) + 7",
    "person_id = 42",
    "case_id = 42",
    "reason = 'other'",
    "outcome = 'denied'",
    "prev_hash = randomblob (32)",
    "hash = randomblob (32)",
  };
  g_autoptr(SamSession) admin = unlock_with_history (fixture);
  g_autofree char *dump = g_build_filename (fixture->directory, "pristine.sql", NULL);

  drop_triggers (admin);
  exec_sql (admin, "CREATE TEMP TABLE pristine AS SELECT * FROM audit_log");

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE audit_log SET %s WHERE seq = 3", edits[i]);

      exec_sql (admin, sql);
      assert_broken (admin, NULL, "entry 3");

      /* Put it back for the next column, and check that the copy is whole. */
      exec_sql (admin, "DELETE FROM audit_log; INSERT INTO audit_log SELECT * FROM pristine");
      assert_intact (admin);
    }
}

static void
test_tamper_delete_row (SamTestFixture *fixture,
                        gconstpointer   data)
{
  g_autoptr(SamSession) admin = unlock_with_history (fixture);

  drop_triggers (admin);
  exec_sql (admin, "DELETE FROM audit_log WHERE seq = 4");
  assert_broken (admin, NULL, "entry 4");
}

static void
test_tamper_delete_and_renumber (SamTestFixture *fixture,
                                 gconstpointer   data)
{
  g_autoptr(SamSession) admin = unlock_with_history (fixture);

  /* Close the gap, too: then the chain no longer links. */
  drop_triggers (admin);
  exec_sql (admin, "DELETE FROM audit_log WHERE seq = 4;"
                   "UPDATE audit_log SET seq = seq - 1 WHERE seq > 4");
  assert_broken (admin, NULL, "entry 4");
}

static void
test_tamper_reorder (SamTestFixture *fixture,
                     gconstpointer   data)
{
  g_autoptr(SamSession) admin = unlock_with_history (fixture);

  drop_triggers (admin);
  exec_sql (admin, "UPDATE audit_log SET seq = -1 WHERE seq = 3;"
                   "UPDATE audit_log SET seq = 3 WHERE seq = 4;"
                   "UPDATE audit_log SET seq = 4 WHERE seq = -1");
  assert_broken (admin, NULL, "entry 3");
}

/* The row encoding of docs/audit.md, written out again here so that a
 * forger's rebuilt chain is a real one. */
static void
put_int (GString *s, sqlite3_stmt *stmt, int column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    g_string_append (s, "N;");
  else
    g_string_append_printf (s, "I%" G_GINT64_FORMAT ";", (gint64) sqlite3_column_int64 (stmt, column));
}

static void
put_text (GString *s, sqlite3_stmt *stmt, int column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL)
    g_string_append (s, "N;");
  else
    g_string_append_printf (s, "T%zu:%s;", strlen (text), text);
}

static void
rebuild_chain_from (SamSession *session,
                    gint64      first_seq)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  guint8 prev[32] = { 0 };

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (session),
                                       "SELECT seq, time, user_id, role, agency_id, action, object_type,"
                                       " object_id, person_id, case_id, reason, outcome, prev_hash"
                                       " FROM audit_log ORDER BY seq", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GString) s = g_string_new ("samverka-audit-v1;");
      gint64 seq = sqlite3_column_int64 (stmt, 0);
      guint8 *hash = g_malloc (32);
      crypto_hash_sha256_state state;

      if (seq == first_seq)
        memcpy (prev, sqlite3_column_blob (stmt, 12), 32);
      put_int (s, stmt, 0);
      put_text (s, stmt, 1);
      put_int (s, stmt, 2);
      put_text (s, stmt, 3);
      put_int (s, stmt, 4);
      for (int c = 5; c <= 6; c++)
        put_text (s, stmt, c);
      for (int c = 7; c <= 9; c++)
        put_int (s, stmt, c);
      for (int c = 10; c <= 11; c++)
        put_text (s, stmt, c);

      crypto_hash_sha256_init (&state);
      crypto_hash_sha256_update (&state, prev, 32);
      crypto_hash_sha256_update (&state, (const guint8 *) s->str, s->len);
      crypto_hash_sha256_final (&state, hash);

      if (seq >= first_seq)
        {
          g_array_append_val (seqs, seq);
          g_ptr_array_add (hashes, g_memdup2 (prev, 32));
          g_ptr_array_add (hashes, g_memdup2 (hash, 32));
        }
      memcpy (prev, hash, 32);
      g_free (hash);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint i = 0; i < seqs->len; i++)
    {
      g_autoptr(sqlite3_stmt) update = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (handle_of (session),
                                           "UPDATE audit_log SET prev_hash = ?1, hash = ?2 WHERE seq = ?3",
                                           -1, &update, NULL), ==, SQLITE_OK);
      sqlite3_bind_blob (update, 1, g_ptr_array_index (hashes, 2 * i), 32, SQLITE_STATIC);
      sqlite3_bind_blob (update, 2, g_ptr_array_index (hashes, 2 * i + 1), 32, SQLITE_STATIC);
      sqlite3_bind_int64 (update, 3, g_array_index (seqs, gint64, i));
      g_assert_cmpint (sqlite3_step (update), ==, SQLITE_DONE);
    }
}

static void
test_rebuilt_chain_needs_anchor (SamTestFixture *fixture,
                                 gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) admin = unlock_with_history (fixture);
  SamAuditAnchor anchor;

  g_assert_true (sam_audit_get_head (admin, &anchor, &error));
  g_assert_no_error (error);

  /* An insider changes entry 3 and recomputes every hash from there: the
   * chain alone cannot tell. The anchor kept elsewhere can. */
  drop_triggers (admin);
  exec_sql (admin, "UPDATE audit_log SET reason = 'forged' WHERE seq = 3");
  assert_broken (admin, NULL, "entry 3");
  rebuild_chain_from (admin, 3);
  assert_intact (admin);
  assert_broken (admin, &anchor, "anchor");
}

static void
test_cut_tail_needs_anchor (SamTestFixture *fixture,
                            gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) admin = unlock_with_history (fixture);
  g_autofree char *text = NULL;
  SamAuditAnchor anchor, parsed;

  g_assert_true (sam_audit_get_head (admin, &anchor, &error));
  g_assert_true (sam_audit_verify (admin, &anchor, NULL, &error));
  g_assert_no_error (error);

  text = sam_audit_anchor_to_string (&anchor);
  g_assert_true (sam_audit_anchor_parse (text, &parsed, &error));
  g_assert_cmpuint (parsed.seq, ==, anchor.seq);
  g_assert_cmpmem (parsed.hash, 32, anchor.hash, 32);

  drop_triggers (admin);
  exec_sql (admin, "DELETE FROM audit_log WHERE seq >= (SELECT max (seq) - 1 FROM audit_log)");
  assert_intact (admin);
  assert_broken (admin, &anchor, "cut off");
}

static void
test_anchor_parse (void)
{
  static const char * const bad[] = {
    "", "12", "12:", ":abcd", "x:0000000000000000000000000000000000000000000000000000000000000000",
    "0:0000000000000000000000000000000000000000000000000000000000000000",
    "12:000000000000000000000000000000000000000000000000000000000000000",
    "12:zz00000000000000000000000000000000000000000000000000000000000000",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      SamAuditAnchor anchor;

      g_assert_false (sam_audit_anchor_parse (bad[i], &anchor, &error));
      g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "Anchor"));
    }
}

static void
test_head_logged_at_lock (SamTestFixture *fixture,
                          gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) admin = unlock_with_history (fixture);
  g_autoptr(SamSession) again = NULL;
  g_autofree char *expected = NULL;
  SamAuditAnchor head;

  g_ptr_array_set_size (logged_anchors, 0);
  sam_session_lock (admin);
  g_assert_cmpuint (logged_anchors->len, ==, 1);

  /* The logged head is the lock row itself. */
  again = sam_test_unlock_admin (fixture->path);
  g_assert_true (sam_audit_get_head (again, &head, &error));
  head.seq -= 1;  /* before this login */
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (handle_of (again),
                                         "SELECT hash FROM audit_log WHERE seq = ?1", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    sqlite3_bind_int64 (stmt, 1, (gint64) head.seq);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    memcpy (head.hash, sqlite3_column_blob (stmt, 0), 32);
  }
  expected = sam_audit_anchor_to_string (&head);
  g_assert_cmpstr (g_ptr_array_index (logged_anchors, 0), ==, expected);
}

static void
test_list_and_extract (SamTestFixture *fixture,
                       gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) admin = unlock_with_history (fixture);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) created = NULL;
  g_autoptr(GPtrArray) newest = NULL;
  g_autoptr(GPtrArray) extract = NULL;
  SamDatabase *database = sam_session_get_database (admin);
  SamAuditFilter filter;

  /* Two views of person 17, one of person 18. */
  g_assert_true (_sam_database_begin (database, &error));
  for (guint i = 0; i < 3; i++)
    {
      SamAuditEvent event = {
        .action = SAM_AUDIT_VIEW,
        .object_type = "person",
        .object_id = i < 2 ? 17 : 18,
        .person_id = i < 2 ? 17 : 18,
        .outcome = SAM_AUDIT_OUTCOME_OK,
      };

      g_assert_true (_sam_audit_append (database, admin, &event, &error));
    }
  g_assert_true (_sam_database_commit (database, &error));
  g_assert_no_error (error);

  all = sam_audit_list (admin, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, (guint) n_rows (admin));
  g_assert_cmpuint (((SamAuditRecord *) g_ptr_array_index (all, 0))->seq, ==, 1);

  sam_audit_filter_init (&filter);
  filter.action = SAM_AUDIT_CREATE;
  created = sam_audit_list (admin, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (created->len, ==, 7);  /* database, its agency and admin, three agencies, one user */

  sam_audit_filter_init (&filter);
  filter.limit = 2;
  newest = sam_audit_list (admin, &filter, &error);
  g_assert_cmpuint (newest->len, ==, 2);
  g_assert_cmpuint (((SamAuditRecord *) g_ptr_array_index (newest, 1))->seq, ==, (guint64) n_rows (admin));
  g_assert_cmpuint (((SamAuditRecord *) g_ptr_array_index (newest, 0))->seq, ==, (guint64) n_rows (admin) - 1);

  extract = sam_audit_extract (admin, 17, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (extract->len, ==, 2);
  for (guint i = 0; i < extract->len; i++)
    {
      SamAuditRecord *record = g_ptr_array_index (extract, i);

      g_assert_cmpint (record->person_id, ==, 17);
      g_assert_cmpstr (record->user_name, ==, SAM_TEST_ADMIN);
      g_assert_cmpint (record->action, ==, SAM_AUDIT_VIEW);
    }
}

/* A case number picks that case's rows; an unknown one picks none, never
 * every row. */
static void
test_list_by_case_number (SamTestFixture *fixture,
                          gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) admin = unlock_with_history (fixture);
  g_autoptr(GPtrArray) unknown = NULL;
  g_autoptr(GPtrArray) known = NULL;
  SamDatabase *database = sam_session_get_database (admin);
  gint64 person_id;
  SamAuditFilter filter;
  SamAuditEvent event = {
    .action = SAM_AUDIT_VIEW,
    .object_type = "case",
    .object_id = 0,
    .case_id = 0,
    .outcome = SAM_AUDIT_OUTCOME_OK,
  };

  /* The smallest person and case the schema takes; the stores would need
   * a whole SSPF directory for this. */
  exec_sql (admin, "INSERT INTO persons (given_name, family_name, birth_date, created_at, created_by)"
                   " SELECT 'Test', 'Person', '2012-01-01', '2026-01-01T00:00:00Z', id"
                   "   FROM users WHERE name = 'admin'");
  person_id = query_int (admin, "SELECT max(id) FROM persons");
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO cases (number, person_id, prevention_level, opened_at)"
                                            " VALUES ('SV-2026-0042', %" G_GINT64_FORMAT ", 'selective',"
                                            " '2026-01-01')", person_id);
    exec_sql (admin, sql);
  }
  event.case_id = event.object_id = query_int (admin, "SELECT id FROM cases WHERE number = 'SV-2026-0042'");
  g_assert_true (_sam_database_begin (database, &error));
  g_assert_true (_sam_audit_append (database, admin, &event, &error));
  g_assert_true (_sam_database_commit (database, &error));
  g_assert_no_error (error);

  sam_audit_filter_init (&filter);
  filter.case_number = "SV-2026-0042";
  known = sam_audit_list (admin, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (known->len, ==, 1);
  g_assert_cmpint (((SamAuditRecord *) g_ptr_array_index (known, 0))->case_id, ==, event.case_id);

  filter.case_number = "SV-2026-9999";
  unknown = sam_audit_list (admin, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unknown->len, ==, 0);

  /* Writing out the extract leaves one EXPORT row about the person. */
  g_assert_true (sam_audit_record_extract_export (admin, person_id, &error));
  g_assert_no_error (error);
  {
    g_autofree char *row = last_row (admin);

    g_assert_cmpstr (row, ==, "export|audit_extract|audit_extract|ok|admin");
  }
  assert_intact (admin);
}

static void
test_review_is_for_admins (SamTestFixture *fixture,
                           gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) admin = unlock_with_history (fixture);
  g_autoptr(SamSession) sara = sam_test_unlock (fixture->path, "sara", USER_PASSPHRASE, &error);
  g_autoptr(GPtrArray) records = NULL;
  SamAuditAnchor anchor;

  g_assert_no_error (error);
  g_assert_false (sam_audit_get_head (sara, &anchor, &error));
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (sam_audit_verify (sara, NULL, NULL, &error));
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  records = sam_audit_extract (sara, 17, &error);
  g_assert_null (records);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
}

/* The chain's hash moved from libsodium to libcrypto: the bytes hashed and
 * the digest must not change, or every log written before would break. */
static void
test_hash_known_vector (void)
{
  static const char canonical[] =
    "samverka-audit-v1;I7;T27:2026-11-26T03:00:00.000000Z;I2;T5:admin;N;T4:view;"
    "T4:case;I12;I5;N;T7:closing;T2:ok;";
  guint8 prev[SAM_AUDIT_HASH_LENGTH];
  guint8 expected[SAM_AUDIT_HASH_LENGTH];
  guint8 ours[SAM_AUDIT_HASH_LENGTH];
  char hex[SAM_AUDIT_HASH_LENGTH * 2 + 1];
  crypto_hash_sha256_state state;
  g_autoptr(SamAuditHasher) hasher = _sam_audit_hasher_new ();

  for (guint i = 0; i < sizeof prev; i++)
    prev[i] = (guint8) (i + 1);

  crypto_hash_sha256_init (&state);
  crypto_hash_sha256_update (&state, prev, sizeof prev);
  crypto_hash_sha256_update (&state, (const guint8 *) canonical, strlen (canonical));
  crypto_hash_sha256_final (&state, expected);
  /* Written down once, from Python's hashlib, so that both libraries are checked. */
  sodium_bin2hex (hex, sizeof hex, expected, sizeof expected);
  g_assert_cmpstr (hex, ==, "2d018f8e2bcc19c652f231caf013475e0366b4728a153059cd1f740c68ac91f9");

  _sam_audit_hash_row (prev, (const guint8 *) canonical, strlen (canonical), ours);
  g_assert_cmpmem (ours, sizeof ours, expected, sizeof expected);

  /* A reused hasher starts afresh each time. */
  for (guint round = 0; round < 3; round++)
    {
      memset (ours, 0, sizeof ours);
      _sam_audit_hasher_hash (hasher, prev, (const guint8 *) canonical, strlen (canonical), ours);
      g_assert_cmpmem (ours, sizeof ours, expected, sizeof expected);
    }

  /* An empty canonical form hashes the previous hash alone. */
  crypto_hash_sha256 (expected, prev, sizeof prev);
  _sam_audit_hasher_hash (hasher, prev, (const guint8 *) "", 0, ours);
  g_assert_cmpmem (ours, sizeof ours, expected, sizeof expected);
}

/* Fixtures whose verification runs in batches of GPOINTER_TO_UINT (data)
 * rows, so that a short log takes the two-thread path. */
static void
set_up_batched (SamTestFixture *fixture,
                gconstpointer   data)
{
  sam_test_fixture_set_up (fixture, data);
  _sam_audit_set_verify_batch_rows (GPOINTER_TO_UINT (data));
}

static void
tear_down_batched (SamTestFixture *fixture,
                   gconstpointer   data)
{
  _sam_audit_set_verify_batch_rows (0);
  sam_test_fixture_tear_down (fixture, data);
}

static void
assert_broken_at (SamSession           *session,
                  const SamAuditAnchor *anchor,
                  gint64                seq)
{
  g_autofree char *entry = g_strdup_printf ("entry %" G_GINT64_FORMAT ":", seq);

  assert_broken (session, anchor, entry);
}

static const guint batch_sizes[] = { 1, 2, 3, 5, 0 };

/* Every row changed in turn, under every batch size: a row at the start,
 * in the middle and at the end of a batch, and in the last, partial one. */
static void
test_tamper_every_row_every_batch (SamTestFixture *fixture,
                                   gconstpointer   data)
{
  g_autoptr(SamSession) admin = unlock_with_history (fixture);
  gint64 rows = n_rows (admin);

  drop_triggers (admin);
  exec_sql (admin, "CREATE TEMP TABLE pristine AS SELECT * FROM audit_log");
  g_assert_cmpint (rows, >, 7);

  for (guint b = 0; b < G_N_ELEMENTS (batch_sizes); b++)
    {
      _sam_audit_set_verify_batch_rows (batch_sizes[b]);
      assert_intact (admin);

      for (gint64 seq = 1; seq <= rows; seq++)
        {
          g_autofree char *sql = g_strdup_printf ("UPDATE audit_log SET reason = 'forged'"
                                                  " WHERE seq = %" G_GINT64_FORMAT, seq);

          exec_sql (admin, sql);
          assert_broken_at (admin, NULL, seq);
          exec_sql (admin, "DELETE FROM audit_log; INSERT INTO audit_log SELECT * FROM pristine");
        }
    }

  _sam_audit_set_verify_batch_rows (0);
}

/* Two breaks, one found by hashing and one by reading: the earlier is
 * reported whichever thread finds it, and whichever finds it first. */
static void
test_tamper_earliest_wins (SamTestFixture *fixture,
                           gconstpointer   data)
{
  g_autoptr(SamSession) admin = unlock_with_history (fixture);
  gint64 rows = n_rows (admin);
  g_autofree char *change_last = g_strdup_printf ("UPDATE audit_log SET reason = 'forged'"
                                                  " WHERE seq = %" G_GINT64_FORMAT, rows - 1);
  g_autofree char *delete_last = g_strdup_printf ("DELETE FROM audit_log"
                                                  " WHERE seq = %" G_GINT64_FORMAT, rows - 1);
  g_autofree char *relink_last = g_strdup_printf ("UPDATE audit_log SET prev_hash = randomblob (32)"
                                                  " WHERE seq = %" G_GINT64_FORMAT, rows);

  drop_triggers (admin);
  exec_sql (admin, "CREATE TEMP TABLE pristine AS SELECT * FROM audit_log");

  for (guint b = 0; b < G_N_ELEMENTS (batch_sizes); b++)
    {
      _sam_audit_set_verify_batch_rows (batch_sizes[b]);

      /* Contents changed early, a row missing late. */
      exec_sql (admin, "UPDATE audit_log SET reason = 'forged' WHERE seq = 3");
      exec_sql (admin, delete_last);
      assert_broken_at (admin, NULL, 3);
      exec_sql (admin, "DELETE FROM audit_log; INSERT INTO audit_log SELECT * FROM pristine");

      /* Contents changed early, a link broken in the last row. */
      exec_sql (admin, "UPDATE audit_log SET outcome = 'failed' WHERE seq = 2");
      exec_sql (admin, relink_last);
      assert_broken (admin, NULL, "contents were changed");
      assert_broken_at (admin, NULL, 2);
      exec_sql (admin, "DELETE FROM audit_log; INSERT INTO audit_log SELECT * FROM pristine");

      /* A row missing early, contents changed late. */
      exec_sql (admin, "DELETE FROM audit_log WHERE seq = 4");
      exec_sql (admin, change_last);
      assert_broken (admin, NULL, "missing");
      assert_broken_at (admin, NULL, 4);
      exec_sql (admin, "DELETE FROM audit_log; INSERT INTO audit_log SELECT * FROM pristine");

      assert_intact (admin);
    }

  _sam_audit_set_verify_batch_rows (0);
}

/* The anchor's own row changed: its contents are reported, not the anchor;
 * a rebuilt chain is caught by the anchor in the last, partial batch. */
static void
test_anchor_in_last_batch (SamTestFixture *fixture,
                           gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) admin = unlock_with_history (fixture);
  SamAuditAnchor anchor;
  g_autofree char *change_head = NULL;

  g_assert_true (sam_audit_get_head (admin, &anchor, &error));
  g_assert_no_error (error);
  change_head = g_strdup_printf ("UPDATE audit_log SET reason = 'forged'"
                                 " WHERE seq = %" G_GUINT64_FORMAT, anchor.seq);

  drop_triggers (admin);
  exec_sql (admin, "CREATE TEMP TABLE pristine AS SELECT * FROM audit_log");

  for (guint b = 0; b < G_N_ELEMENTS (batch_sizes); b++)
    {
      _sam_audit_set_verify_batch_rows (batch_sizes[b]);
      g_assert_true (sam_audit_verify (admin, &anchor, NULL, &error));
      g_assert_no_error (error);

      exec_sql (admin, change_head);
      assert_broken (admin, &anchor, "contents were changed");
      rebuild_chain_from (admin, (gint64) anchor.seq);
      assert_intact (admin);
      assert_broken (admin, &anchor, "anchor");
      assert_broken_at (admin, &anchor, (gint64) anchor.seq);
      exec_sql (admin, "DELETE FROM audit_log; INSERT INTO audit_log SELECT * FROM pristine");
    }

  _sam_audit_set_verify_batch_rows (0);
}

/* Two ranges on two connections --------------------------------------------- */

/* Verification reads a long log in two ranges, split after row mid; here a
 * short log is split by the test knob. The whole chain read on one
 * connection is the reference: the split must give the same verdict, the
 * same message and the same count, and the tests also name the entry each
 * tamper must be reported at, so that a split that agreed with a wrong
 * whole would still fail. */

#define NEVER_SPLIT G_MAXUINT64

static gint64
head_seq (SamSession *session)
{
  return query_int (session, "SELECT coalesce (max (seq), 0) FROM audit_log");
}

/* A log long enough for a split anywhere to leave several rows in each
 * range. */
static SamSession *
unlock_with_long_history (SamTestFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  SamSession *admin = unlock_with_history (fixture);

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("Fritidsgård %u", i);
      g_autoptr(SamAgency) agency = sam_directory_add_agency (admin, name, SAM_AGENCY_KIND_LEISURE,
                                                              NULL, &error);
      g_assert_no_error (error);
    }

  g_assert_cmpint (n_rows (admin), >=, 20);
  return admin;
}

/* Verifies whole and split after @mid, and checks they agree.
 *
 * Returns: (transfer full) (nullable): the message, or %NULL when intact */
static char *
verify_both_ways (SamSession           *session,
                  const SamAuditAnchor *anchor,
                  guint64               mid,
                  guint64              *out_n_rows)
{
  g_autoptr(GError) whole_error = NULL;
  g_autoptr(GError) split_error = NULL;
  guint64 whole_rows = 0, split_rows = 0;
  gboolean whole, split;
  guint64 head = (guint64) head_seq (session);

  _sam_audit_set_verify_split (NEVER_SPLIT, FALSE);
  whole = sam_audit_verify (session, anchor, &whole_rows, &whole_error);
  g_assert_cmpuint (_sam_audit_get_verify_ranges (), ==, 1);

  _sam_audit_set_verify_split (mid, FALSE);
  split = sam_audit_verify (session, anchor, &split_rows, &split_error);
  g_assert_cmpuint (_sam_audit_get_verify_ranges (), ==, mid < head ? 2 : 1);
  _sam_audit_set_verify_split (0, FALSE);

  g_assert_cmpint (whole, ==, split);
  if (whole)
    {
      g_assert_no_error (split_error);
      g_assert_cmpuint (whole_rows, ==, split_rows);
      if (out_n_rows != NULL)
        *out_n_rows = split_rows;
      return NULL;
    }

  g_assert_error (split_error, whole_error->domain, whole_error->code);
  g_assert_cmpstr (split_error->message, ==, whole_error->message);
  return g_strdup (split_error->message);
}

static void
assert_split_broken_at (SamSession           *session,
                        const SamAuditAnchor *anchor,
                        guint64               mid,
                        gint64                seq,
                        const char           *says)
{
  g_autofree char *message = verify_both_ways (session, anchor, mid, NULL);
  g_autofree char *entry = g_strdup_printf ("entry %" G_GINT64_FORMAT ":", seq);

  if (message == NULL)
    g_error ("split after %" G_GUINT64_FORMAT ": intact, not broken at %s", mid, entry);
  if (strstr (message, entry) == NULL || strstr (message, says) == NULL)
    g_error ("split after %" G_GUINT64_FORMAT ": “%s” does not say “%s” and “%s”",
             mid, message, entry, says);
}

static void
assert_split_intact (SamSession *session,
                     guint64     mid,
                     gint64      rows)
{
  guint64 checked = 0;
  g_autofree char *message = verify_both_ways (session, NULL, mid, &checked);

  g_assert_null (message);
  g_assert_cmpuint (checked, ==, (guint64) rows);
}

static void
restore_pristine (SamSession *session)
{
  exec_sql (session, "DELETE FROM audit_log; INSERT INTO audit_log SELECT * FROM pristine");
}

static void
tamper_row (SamSession *session,
            const char *prefix,
            gint64      seq)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, seq);
  g_autofree char *sql = g_strconcat (prefix, number, NULL);

  exec_sql (session, sql);
}

typedef struct
{
  const char *sql;    /* ends with "seq = ", for the seq */
  const char *says;   /* in the message, reported at that seq */
} Tamper;

static const Tamper tampers[] = {
  { "UPDATE audit_log SET reason = 'forged' WHERE seq = ", "contents were changed" },
  { "UPDATE audit_log SET hash = randomblob (32) WHERE seq = ", "contents were changed" },
  { "UPDATE audit_log SET prev_hash = randomblob (32) WHERE seq = ", "does not follow" },
  { "DELETE FROM audit_log WHERE seq = ", "missing" },
};

#define DELETE_ROW (&tampers[G_N_ELEMENTS (tampers) - 1])

/* Every tamper at every row, under splits after the first row, early, in
 * the middle, late and before the last row: so each row is in turn the
 * first and last of a range, the boundary and the middle of each. */
static void
test_split_every_row (SamTestFixture *fixture,
                      gconstpointer   data)
{
  g_autoptr(SamSession) admin = unlock_with_long_history (fixture);
  gint64 rows = n_rows (admin);
  guint64 mids[] = { 1, 3, (guint64) rows / 2, (guint64) rows - 2, (guint64) rows - 1 };
  static const guint batches[] = { 3, 0 };

  drop_triggers (admin);
  exec_sql (admin, "CREATE TEMP TABLE pristine AS SELECT * FROM audit_log");

  for (guint b = 0; b < G_N_ELEMENTS (batches); b++)
    for (guint m = 0; m < G_N_ELEMENTS (mids); m++)
      {
        _sam_audit_set_verify_batch_rows (batches[b]);
        assert_split_intact (admin, mids[m], rows);

        for (guint t = 0; t < G_N_ELEMENTS (tampers); t++)
          for (gint64 seq = 1; seq <= rows; seq++)
            {
              tamper_row (admin, tampers[t].sql, seq);
              /* The last row deleted: a shorter, intact log (only an anchor
               * tells, see the cut-tail tests). */
              if (&tampers[t] == DELETE_ROW && seq == rows)
                assert_split_intact (admin, mids[m], rows - 1);
              else
                assert_split_broken_at (admin, NULL, mids[m], seq, tampers[t].says);
              restore_pristine (admin);
            }
      }

  _sam_audit_set_verify_batch_rows (0);
}

/* Rows missing around the boundary, several at once: the first range
 * ending early, the second starting late, a gap across the split. */
static void
test_split_gap_at_boundary (SamTestFixture *fixture,
                            gconstpointer   data)
{
  g_autoptr(SamSession) admin = unlock_with_long_history (fixture);
  gint64 rows = n_rows (admin);
  gint64 mid = rows / 2;
  g_autofree char *cut_end_of_first = g_strdup_printf ("DELETE FROM audit_log WHERE seq BETWEEN"
                                                       " %" G_GINT64_FORMAT " AND %" G_GINT64_FORMAT,
                                                       mid - 2, mid);
  g_autofree char *cut_start_of_second = g_strdup_printf ("DELETE FROM audit_log WHERE seq BETWEEN"
                                                          " %" G_GINT64_FORMAT " AND %" G_GINT64_FORMAT,
                                                          mid + 1, mid + 2);
  g_autofree char *cut_across = g_strdup_printf ("DELETE FROM audit_log WHERE seq BETWEEN"
                                                 " %" G_GINT64_FORMAT " AND %" G_GINT64_FORMAT,
                                                 mid, mid + 1);
  g_autofree char *swap_across = g_strdup_printf ("UPDATE audit_log SET seq = -1 WHERE seq = %" G_GINT64_FORMAT ";"
                                                  "UPDATE audit_log SET seq = %" G_GINT64_FORMAT
                                                  " WHERE seq = %" G_GINT64_FORMAT ";"
                                                  "UPDATE audit_log SET seq = %" G_GINT64_FORMAT
                                                  " WHERE seq = -1",
                                                  mid, mid, mid + 1, mid + 1);
  g_autofree char *renumber = g_strdup_printf ("DELETE FROM audit_log WHERE seq = %" G_GINT64_FORMAT ";"
                                               "UPDATE audit_log SET seq = seq - 1"
                                               " WHERE seq > %" G_GINT64_FORMAT,
                                               mid, mid);

  drop_triggers (admin);
  exec_sql (admin, "CREATE TEMP TABLE pristine AS SELECT * FROM audit_log");

  exec_sql (admin, cut_end_of_first);
  assert_split_broken_at (admin, NULL, (guint64) mid, mid - 2, "missing");
  restore_pristine (admin);

  exec_sql (admin, cut_start_of_second);
  assert_split_broken_at (admin, NULL, (guint64) mid, mid + 1, "missing");
  restore_pristine (admin);

  exec_sql (admin, cut_across);
  assert_split_broken_at (admin, NULL, (guint64) mid, mid, "missing");
  restore_pristine (admin);

  /* Rows mid and mid + 1 swapped: row mid no longer follows row mid - 1. */
  exec_sql (admin, swap_across);
  assert_split_broken_at (admin, NULL, (guint64) mid, mid, "does not follow");
  restore_pristine (admin);

  /* Row mid deleted and the gap closed: the new row mid does not follow. */
  exec_sql (admin, renumber);
  assert_split_broken_at (admin, NULL, (guint64) mid, mid, "does not follow");
  restore_pristine (admin);

  assert_split_intact (admin, (guint64) mid, rows);
}

/* Breaks in both ranges, of every kind: the earlier is reported, whichever
 * range finishes first. */
static void
test_split_earliest_wins (SamTestFixture *fixture,
                          gconstpointer   data)
{
  g_autoptr(SamSession) admin = unlock_with_long_history (fixture);
  gint64 rows = n_rows (admin);
  gint64 mid = rows / 2;
  gint64 firsts[] = { 1, mid / 2, mid };
  gint64 seconds[] = { mid + 1, rows - 1 };

  drop_triggers (admin);
  exec_sql (admin, "CREATE TEMP TABLE pristine AS SELECT * FROM audit_log");

  for (guint a = 0; a < G_N_ELEMENTS (firsts); a++)
    for (guint b = 0; b < G_N_ELEMENTS (seconds); b++)
      for (guint ta = 0; ta < G_N_ELEMENTS (tampers); ta++)
        for (guint tb = 0; tb < G_N_ELEMENTS (tampers); tb++)
          {
            tamper_row (admin, tampers[tb].sql, seconds[b]);
            tamper_row (admin, tampers[ta].sql, firsts[a]);
            assert_split_broken_at (admin, NULL, (guint64) mid, firsts[a], tampers[ta].says);
            restore_pristine (admin);
          }
}

static void
anchor_at (SamSession     *session,
           gint64          seq,
           SamAuditAnchor *anchor)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (session),
                                       "SELECT hash FROM audit_log WHERE seq = ?1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, seq);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_bytes (stmt, 0), ==, SAM_AUDIT_HASH_LENGTH);
  anchor->seq = (guint64) seq;
  memcpy (anchor->hash, sqlite3_column_blob (stmt, 0), SAM_AUDIT_HASH_LENGTH);
}

/* An anchor in either range, at the boundary and at the head: intact, the
 * anchor's row changed (its contents are reported), the chain rebuilt
 * after it (the anchor is), and the log cut before it. */
static void
test_split_anchor_each_range (SamTestFixture *fixture,
                              gconstpointer   data)
{
  g_autoptr(SamSession) admin = unlock_with_long_history (fixture);
  gint64 rows = n_rows (admin);
  gint64 mid = rows / 2;
  gint64 anchored[] = { 2, mid, mid + 1, rows - 2, rows };

  drop_triggers (admin);
  exec_sql (admin, "CREATE TEMP TABLE pristine AS SELECT * FROM audit_log");

  for (guint i = 0; i < G_N_ELEMENTS (anchored); i++)
    {
      SamAuditAnchor anchor;
      g_autofree char *message = NULL;
      g_autofree char *cut = g_strdup_printf ("DELETE FROM audit_log WHERE seq >= %" G_GINT64_FORMAT,
                                              anchored[i]);
      guint64 checked = 0;

      anchor_at (admin, anchored[i], &anchor);
      g_assert_null (verify_both_ways (admin, &anchor, (guint64) mid, &checked));
      g_assert_cmpuint (checked, ==, (guint64) rows);

      tamper_row (admin, tampers[0].sql, anchored[i]);
      assert_split_broken_at (admin, &anchor, (guint64) mid, anchored[i], "contents were changed");
      rebuild_chain_from (admin, anchored[i]);
      assert_split_intact (admin, (guint64) mid, rows);
      assert_split_broken_at (admin, &anchor, (guint64) mid, anchored[i], "anchor");
      restore_pristine (admin);

      exec_sql (admin, cut);
      message = verify_both_ways (admin, &anchor, (guint64) mid, NULL);
      g_assert_nonnull (message);
      g_assert_nonnull (strstr (message, "cut off"));
      restore_pristine (admin);
    }
}

/* No second connection: the whole chain on the first, with the same
 * result; the knob stands for any error opening it. */
static void
test_split_reader_fails (SamTestFixture *fixture,
                         gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) admin = unlock_with_long_history (fixture);
  gint64 rows = n_rows (admin);
  gint64 mid = rows / 2;
  guint64 checked = 0;

  drop_triggers (admin);
  exec_sql (admin, "CREATE TEMP TABLE pristine AS SELECT * FROM audit_log");

  _sam_audit_set_verify_split ((guint64) mid, TRUE);
  g_assert_true (sam_audit_verify (admin, NULL, &checked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (_sam_audit_get_verify_ranges (), ==, 1);
  g_assert_cmpuint (checked, ==, (guint64) rows);

  tamper_row (admin, tampers[0].sql, mid + 1);
  assert_broken_at (admin, NULL, mid + 1);
  g_assert_cmpuint (_sam_audit_get_verify_ranges (), ==, 1);
  restore_pristine (admin);

  tamper_row (admin, DELETE_ROW->sql, mid);
  assert_broken_at (admin, NULL, mid);
  g_assert_cmpuint (_sam_audit_get_verify_ranges (), ==, 1);

  _sam_audit_set_verify_split (0, FALSE);
}

/* Inside a transaction a second connection would not see the caller's own
 * rows: one range, which does. */
static void
test_split_not_in_transaction (SamTestFixture *fixture,
                               gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) admin = unlock_with_long_history (fixture);
  SamDatabase *database = sam_session_get_database (admin);
  gint64 rows = n_rows (admin);
  guint64 checked = 0;

  _sam_audit_set_verify_split ((guint64) rows / 2, FALSE);
  g_assert_true (_sam_database_begin (database, &error));
  g_assert_no_error (error);
  g_assert_true (_sam_audit_verify_chain (database, NULL, &checked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (_sam_audit_get_verify_ranges (), ==, 1);
  g_assert_cmpuint (checked, ==, (guint64) rows);
  _sam_database_rollback (database);

  g_assert_true (_sam_audit_verify_chain (database, NULL, &checked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (_sam_audit_get_verify_ranges (), ==, 2);
  _sam_audit_set_verify_split (0, FALSE);
}

/* The second connection reads what the first committed, and can never
 * write. */
static void
test_split_reader_is_read_only (SamTestFixture *fixture,
                                gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) admin = unlock_with_history (fixture);
  SamDatabase *database = sam_session_get_database (admin);
  g_autoptr(SamDatabase) reader = _sam_database_open_reader (database, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  g_assert_cmpstr (sam_database_get_id (reader), ==, sam_database_get_id (database));
  g_assert_null (sam_database_get_key (reader));

  stmt = _sam_database_prepare (reader, "SELECT count (*) FROM audit_log", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, n_rows (admin));

  g_assert_false (_sam_database_exec (reader, "CREATE TABLE scratch (x)", &error));
  g_assert_nonnull (error);
  g_assert_cmpint (sqlite3_extended_errcode (_sam_database_get_handle (reader)) & 0xff, ==,
                   SQLITE_READONLY);
}

int
main (int   argc,
      char *argv[])
{
  logged_anchors = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_init (&argc, &argv, NULL);
  g_assert_true (sam_security_init (NULL));

#define ADD(path, func) \
  g_test_add (path, SamTestFixture, NULL, sam_test_fixture_set_up, func, sam_test_fixture_tear_down)

  ADD ("/audit/creation-login-lock", test_creation_login_and_lock);
  ADD ("/audit/failed-logins", test_failed_logins_recorded);
  ADD ("/audit/one-row-per-operation", test_one_row_per_operation);
  ADD ("/audit/refusal", test_refusal_recorded);
  ADD ("/audit/triggers", test_triggers_refuse_changes);
  ADD ("/audit/tamper/each-column", test_tamper_each_column);
  ADD ("/audit/tamper/delete-row", test_tamper_delete_row);
  ADD ("/audit/tamper/delete-and-renumber", test_tamper_delete_and_renumber);
  ADD ("/audit/tamper/reorder", test_tamper_reorder);
  ADD ("/audit/tamper/rebuilt-chain", test_rebuilt_chain_needs_anchor);
  ADD ("/audit/tamper/cut-tail", test_cut_tail_needs_anchor);
  ADD ("/audit/head-logged-at-lock", test_head_logged_at_lock);
  ADD ("/audit/list-and-extract", test_list_and_extract);
  ADD ("/audit/list-by-case-number", test_list_by_case_number);
  ADD ("/audit/review-is-for-admins", test_review_is_for_admins);
  g_test_add_func ("/audit/anchor-parse", test_anchor_parse);
  g_test_add_func ("/audit/hash/known-vector", test_hash_known_vector);
  ADD ("/audit/tamper/every-row-every-batch", test_tamper_every_row_every_batch);
  ADD ("/audit/tamper/earliest-wins", test_tamper_earliest_wins);
  ADD ("/audit/tamper/anchor-in-last-batch", test_anchor_in_last_batch);
  ADD ("/audit/split/every-row", test_split_every_row);
  ADD ("/audit/split/gap-at-boundary", test_split_gap_at_boundary);
  ADD ("/audit/split/earliest-wins", test_split_earliest_wins);
  ADD ("/audit/split/anchor-each-range", test_split_anchor_each_range);
  ADD ("/audit/split/reader-fails", test_split_reader_fails);
  ADD ("/audit/split/not-in-transaction", test_split_not_in_transaction);
  ADD ("/audit/split/reader-is-read-only", test_split_reader_is_read_only);

  /* The tamper tests again, verifying in batches of two rows: two threads. */
#define ADD_BATCHED(path, func) \
  g_test_add (path, SamTestFixture, GUINT_TO_POINTER (2), set_up_batched, func, tear_down_batched)

  ADD_BATCHED ("/audit/threaded/tamper/each-column", test_tamper_each_column);
  ADD_BATCHED ("/audit/threaded/tamper/delete-row", test_tamper_delete_row);
  ADD_BATCHED ("/audit/threaded/tamper/delete-and-renumber", test_tamper_delete_and_renumber);
  ADD_BATCHED ("/audit/threaded/tamper/reorder", test_tamper_reorder);
  ADD_BATCHED ("/audit/threaded/tamper/rebuilt-chain", test_rebuilt_chain_needs_anchor);
  ADD_BATCHED ("/audit/threaded/tamper/cut-tail", test_cut_tail_needs_anchor);

#undef ADD_BATCHED

#undef ADD

  {
    int status = g_test_run ();

    g_ptr_array_unref (logged_anchors);
    return status;
  }
}
