/* sam-schema.c: the schema, as numbered migration steps
 *
 * PRAGMA user_version holds the number of steps applied. Each step runs in
 * one transaction together with the bump of user_version, so a crash leaves
 * the database at the previous version, never between two.
 *
 * Never edit a step that has shipped; append a new one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-schema"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sam-database-private.h"
#include "sam-error.h"

static const char * const migrations[] = {
  /* 1: the database's identity, areas, agencies and users. */
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE areas ("
  "  id   INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length (name) BETWEEN 1 AND 80)"
  ");"
  "CREATE TABLE agencies ("
  "  id         INTEGER PRIMARY KEY,"
  "  name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length (name) BETWEEN 1 AND 120),"
  "  kind       TEXT NOT NULL CHECK (kind IN ('school', 'social_services', 'police',"
  "                                           'leisure', 'administration')),"
  "  area_id    INTEGER REFERENCES areas (id),"
  "  created_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'))"
  ");"
  "CREATE TABLE users ("
  "  id                     INTEGER PRIMARY KEY,"
  "  name                   TEXT NOT NULL UNIQUE,"
  "  display_name           TEXT NOT NULL CHECK (length (display_name) BETWEEN 1 AND 120),"
  "  role                   TEXT NOT NULL CHECK (role IN ('school', 'leisure', 'police', 'social',"
  "                                                       'coordinator', 'manager', 'admin')),"
  "  agency_id              INTEGER NOT NULL REFERENCES agencies (id),"
  "  disabled               INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
  "  must_change_passphrase INTEGER NOT NULL DEFAULT 0 CHECK (must_change_passphrase IN (0, 1)),"
  "  created_at             TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'))"
  ");"
  "CREATE INDEX users_agency ON users (agency_id);",

  /* 2: the audit log (DESIGN §5). Ids and codes only, never names or text.
   * Rows are chained: hash = SHA-256 (prev_hash ‖ canonical row), see
   * sam-audit.c. The triggers are defence in depth: whoever holds the key
   * can drop them, but then the chain or an anchor gives them away. */
  "CREATE TABLE audit_log ("
  "  seq         INTEGER PRIMARY KEY,"
  "  time        TEXT NOT NULL,"
  "  user_id     INTEGER,"
  "  role        TEXT,"
  "  agency_id   INTEGER,"
  "  action      TEXT NOT NULL,"
  "  object_type TEXT,"
  "  object_id   INTEGER,"
  "  person_id   INTEGER,"
  "  case_id     INTEGER,"
  "  reason      TEXT,"
  "  outcome     TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),"
  "  prev_hash   BLOB NOT NULL CHECK (length (prev_hash) = 32),"
  "  hash        BLOB NOT NULL CHECK (length (hash) = 32)"
  ");"
  "CREATE INDEX audit_log_user ON audit_log (user_id, seq);"
  "CREATE INDEX audit_log_person ON audit_log (person_id, seq) WHERE person_id IS NOT NULL;"
  "CREATE INDEX audit_log_case ON audit_log (case_id, seq) WHERE case_id IS NOT NULL;"
  "CREATE INDEX audit_log_action ON audit_log (action, seq);"
  "CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log"
  "  WHEN NEW.seq IS NOT (SELECT coalesce (max (seq), 0) + 1 FROM audit_log)"
  "    OR NEW.prev_hash IS NOT coalesce ((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1),"
  "                                      zeroblob (32))"
  "BEGIN"
  "  SELECT RAISE (ABORT, 'audit rows are only appended, in order');"
  "END;"
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
  "BEGIN"
  "  SELECT RAISE (ABORT, 'the audit log cannot be changed');"
  "END;"
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
  "BEGIN"
  "  SELECT RAISE (ABORT, 'the audit log cannot be changed');"
  "END;",
};

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error_literal (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_FAILED,
                           message != NULL ? message : sqlite3_errmsg (db));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_user_version (sqlite3  *db,
                   guint    *out_version,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_FAILED,
                           sqlite3_errmsg (db));
      return FALSE;
    }

  *out_version = (guint) MAX (sqlite3_column_int (stmt, 0), 0);
  return TRUE;
}

static gboolean
apply_step (sqlite3     *db,
            guint        version,
            const char  *sql,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u", version);
  guint current = 0;

  if (!exec_sql (db, "BEGIN IMMEDIATE", &local_error))
    goto failed;

  /* Another process may have applied this step while we waited for the
   * write lock: read the version again, now that we hold it. */
  if (!read_user_version (db, &current, &local_error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      goto failed;
    }
  if (current >= version)
    return exec_sql (db, "COMMIT", error);

  if (!exec_sql (db, sql, &local_error) ||
      !exec_sql (db, bump, &local_error) ||
      !exec_sql (db, "COMMIT", &local_error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      goto failed;
    }

  return TRUE;

failed:
  g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_FAILED,
               _("Updating the database to schema version %u failed: %s"),
               version, local_error->message);
  return FALSE;
}

/**
 * _sam_schema_apply:
 * @db: an open, keyed connection
 * @steps: migration steps; step i brings the schema to version i + 1
 * @n_steps: the number of steps
 * @error: return location for a #GError
 *
 * Applies the steps the database has not had yet.
 *
 * Returns: %TRUE on success
 */
gboolean
_sam_schema_apply (sqlite3            *db,
                   const char * const *steps,
                   guint               n_steps,
                   GError            **error)
{
  guint version;

  if (!read_user_version (db, &version, error))
    return FALSE;

  if (version > n_steps)
    {
      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_TOO_NEW,
                   _("The database has schema version %u, but this version of Samverka "
                     "only knows up to version %u. Update Samverka to open it."),
                   version, n_steps);
      return FALSE;
    }

  for (guint i = version; i < n_steps; i++)
    {
      if (!apply_step (db, i + 1, steps[i], error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_sam_schema_migrate (sqlite3  *db,
                     GError  **error)
{
  return _sam_schema_apply (db, migrations, G_N_ELEMENTS (migrations), error);
}

guint
_sam_schema_get_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}
