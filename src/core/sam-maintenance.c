/* sam-maintenance.c: verify, backup, restore and recovery
 *
 * A backup is two files, DEST and DEST.keys: the encrypted database and its
 * key file, so that the same passphrases open it. Nothing in either is
 * readable without a passphrase or the recovery key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-maintenance"

#include "config.h"

#include "sam-maintenance.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sam-database-private.h"
#include "sam-error.h"
#include "sam-policy.h"

#define PARTIAL_SUFFIX   ".partial"
#define RESTORING_SUFFIX ".restoring"
#define BEFORE_SUFFIX    ".before-restore"

static gboolean
move_file (const char  *from,
           const char  *to,
           GError     **error)
{
  if (g_rename (from, to) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_IO,
                   _("“%s” could not be moved to “%s”: %s"),
                   from, to, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static void
remove_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal", ".keys" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static gboolean
refuse_existing (const char  *path,
                 const char  *field,
                 GError     **error)
{
  g_autofree char *keys = sam_keyslot_file_path_for_database (path);

  if (g_file_test (path, G_FILE_TEST_EXISTS) || g_file_test (keys, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_EXISTS,
                   _("%s: there is already a file at “%s”. Choose a new name."), field, path);
      return FALSE;
    }

  return TRUE;
}

/* Writes one audit row in a transaction of its own. */
static gboolean
audit_in_own_transaction (SamDatabase      *database,
                          SamSession       *session,
                          SamAuditAction    action,
                          const char       *reason,
                          GError          **error)
{
  SamAuditEvent event = {
    .action = action,
    .object_type = "database",
    .reason = reason,
    .outcome = SAM_AUDIT_OUTCOME_OK,
  };

  if (!_sam_database_begin (database, error))
    return FALSE;

  if (!_sam_audit_append (database, session, &event, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return FALSE;
    }

  return TRUE;
}

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) destination = g_file_new_for_path (to);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_copy (source, destination, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &local_error))
    {
      g_set_error (error, SAM_DATABASE_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                     ? SAM_DATABASE_ERROR_NOT_FOUND : SAM_DATABASE_ERROR_IO,
                   _("“%s” could not be copied: %s"), from, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* Opens the copy just written with the same key and checks every page. */
static gboolean
verify_copy (SamDatabase  *database,
             const char   *copy_path,
             GError      **error)
{
  g_autoptr(SamDatabase) copy = NULL;

  copy = _sam_database_open_with_key (copy_path, NULL, sam_database_get_key (database), error);
  if (copy == NULL || !sam_database_check_integrity (copy, error))
    return FALSE;

  if (g_strcmp0 (sam_database_get_id (copy), sam_database_get_id (database)) != 0)
    {
      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_INTEGRITY,
                   _("The backup “%s” does not read back as the same database."), copy_path);
      return FALSE;
    }

  sam_database_close (copy);
  return TRUE;
}

static gboolean
write_backup_keyslots (SamDatabase  *database,
                       const char   *destination,
                       const char   *salt,
                       GError      **error)
{
  g_autofree char *keys_path = sam_keyslot_file_path_for_database (destination);
  g_autofree char *source_keys = sam_keyslot_file_path_for_database (sam_database_get_path (database));
  g_autoptr(SamKeyslotFile) copy = NULL;

  /* A fresh, separate copy: the open database keeps its own key file's
   * path and salt. Reading needs no lock; saves are atomic renames. */
  copy = sam_keyslot_file_load (source_keys, error);
  if (copy == NULL)
    return FALSE;

  sam_keyslot_file_set_path (copy, keys_path);
  sam_keyslot_file_set_database_salt (copy, salt);

  return sam_keyslot_file_save (copy, error);
}

/**
 * sam_maintenance_verify:
 * @session: the signed-in administrator
 * @error: return location for a #GError
 *
 * Checks every page's HMAC, SQLite's own structure and the audit chain.
 *
 * Returns: %TRUE when the database is intact
 */
gboolean
sam_maintenance_verify (SamSession  *session,
                        GError     **error)
{
  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);

  SamDatabase *database;

  if (!sam_policy_check (session, SAM_OPERATION_DATABASE_VERIFY, error))
    return FALSE;

  database = sam_session_get_database (session);
  if (!sam_database_check_integrity (database, error) ||
      !_sam_audit_verify_chain (database, NULL, NULL, error))
    return FALSE;

  return audit_in_own_transaction (database, session, SAM_AUDIT_VERIFY, NULL, error);
}

/**
 * sam_maintenance_backup:
 * @session: the signed-in administrator
 * @destination: a new file; its key file goes beside it
 * @error: return location for a #GError
 *
 * Checks the database, copies it encrypted, and checks the copy before it
 * gets its final name.
 *
 * Returns: %TRUE on success
 */
gboolean
sam_maintenance_backup (SamSession  *session,
                        const char  *destination,
                        GError     **error)
{
  SamDatabase *database;
  g_autofree char *partial = NULL;
  g_autofree char *salt = NULL;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  if (!sam_policy_check (session, SAM_OPERATION_DATABASE_BACKUP, error) ||
      !refuse_existing (destination, _("Backup"), error))
    return FALSE;

  database = sam_session_get_database (session);
  partial = g_strconcat (destination, PARTIAL_SUFFIX, NULL);
  remove_files (partial);

  /* The backup's own row goes in first, so that the copy records itself. */
  if (!sam_database_check_integrity (database, error) ||
      !audit_in_own_transaction (database, session, SAM_AUDIT_BACKUP, NULL, error) ||
      !_sam_database_copy_to (database, partial, &salt, error) ||
      !verify_copy (database, partial, error) ||
      !write_backup_keyslots (database, destination, salt, error) ||
      !move_file (partial, destination, error))
    {
      g_autofree char *keys = sam_keyslot_file_path_for_database (destination);

      remove_files (partial);
      g_unlink (keys);
      return FALSE;
    }

  return TRUE;
}

static gboolean
copy_backup_beside (const char  *source_path,
                    const char  *restoring,
                    GError     **error)
{
  g_autofree char *source_keys = sam_keyslot_file_path_for_database (source_path);
  g_autofree char *restoring_keys = sam_keyslot_file_path_for_database (restoring);

  if (!g_file_test (source_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_NOT_FOUND,
                   _("There is no backup at “%s”."), source_path);
      return FALSE;
    }

  return copy_file (source_path, restoring, error) &&
         copy_file (source_keys, restoring_keys, error);
}

/* The checks run on a copy of the backup, but a person knows the backup by
 * its own name: say that one. */
static void
name_backup_in_error (GError     *error,
                      const char *restoring,
                      const char *source_path)
{
  g_autoptr(GString) message = NULL;
  g_autofree char *restoring_keys = sam_keyslot_file_path_for_database (restoring);
  g_autofree char *source_keys = sam_keyslot_file_path_for_database (source_path);

  if (error == NULL)
    return;

  message = g_string_new (error->message);
  g_string_replace (message, restoring_keys, source_keys, 0);
  g_string_replace (message, restoring, source_path, 0);
  g_free (error->message);
  error->message = g_string_free (g_steal_pointer (&message), FALSE);
}

/* Unlocks the copy as @admin_name, who must be an administrator in the
 * backup, and checks it page by page. Migrations, if any, touch only the
 * copy, never the backup itself. */
static gboolean
verify_restoring_copy (const char       *restoring,
                       const char       *admin_name,
                       const SamSecret  *admin_passphrase,
                       GError          **error)
{
  g_autoptr(SamSession) session = NULL;

  session = sam_session_unlock (restoring, admin_name, admin_passphrase, error);
  if (session == NULL)
    return FALSE;

  if (!sam_policy_check (session, SAM_OPERATION_DATABASE_RESTORE, error) ||
      !sam_database_check_integrity (sam_session_get_database (session), error) ||
      !_sam_audit_verify_chain (sam_session_get_database (session), NULL, NULL, error) ||
      !audit_in_own_transaction (sam_session_get_database (session), session,
                                 SAM_AUDIT_RESTORE, NULL, error))
    return FALSE;

  /* Closing checkpoints the WAL into the file and removes it. */
  sam_session_lock (session);
  return TRUE;
}

static gboolean
refuse_database_in_use (const char  *database_path,
                        GError     **error)
{
  g_autofree char *wal = g_strconcat (database_path, "-wal", NULL);

  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_IO,
                   _("The database “%s” is open or was not closed cleanly. Quit Samverka, "
                     "or unlock and lock it once, then restore."), database_path);
      return FALSE;
    }

  return TRUE;
}

/* The name the replaced database is kept under: stamped with the time, so
 * that a second restore never overwrites what the first one kept. */
static char *
set_aside_path (const char *database_path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  char *path = g_strconcat (database_path, BEFORE_SUFFIX, "-", stamp, NULL);

  for (guint n = 2; g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_free (path);
      path = g_strdup_printf ("%s%s-%s-%u", database_path, BEFORE_SUFFIX, stamp, n);
    }

  return path;
}

static gboolean
set_aside_current (const char  *database_path,
                   char       **out_before,
                   GError     **error)
{
  g_autofree char *keys = sam_keyslot_file_path_for_database (database_path);
  g_autofree char *before = NULL;
  g_autofree char *before_keys = NULL;

  *out_before = NULL;
  if (!g_file_test (database_path, G_FILE_TEST_EXISTS))
    return TRUE;

  before = set_aside_path (database_path);
  before_keys = sam_keyslot_file_path_for_database (before);

  if (!move_file (database_path, before, error))
    return FALSE;

  if (g_file_test (keys, G_FILE_TEST_EXISTS) && !move_file (keys, before_keys, error))
    {
      move_file (before, database_path, NULL);
      return FALSE;
    }

  *out_before = g_steal_pointer (&before);
  return TRUE;
}

/* Puts the set-aside database back after a failed swap. */
static void
undo_set_aside (const char *database_path,
                const char *before)
{
  g_autofree char *keys = sam_keyslot_file_path_for_database (database_path);
  g_autofree char *before_keys = sam_keyslot_file_path_for_database (before);

  if (before == NULL)
    return;

  move_file (before, database_path, NULL);
  move_file (before_keys, keys, NULL);
}

/**
 * sam_maintenance_restore:
 * @database_path: the database to replace (it need not exist)
 * @source_path: a backup made by sam_maintenance_backup()
 * @admin_name: an administrator in the backup
 * @admin_passphrase: their passphrase in the backup
 * @out_previous_path: (out) (optional): where the replaced database was
 *   kept, or %NULL when there was none
 * @error: return location for a #GError
 *
 * Copies the backup beside @database_path, unlocks and checks the copy, and
 * only then moves it into place. The database it replaces is kept beside
 * it as @database_path + ".before-restore-" + the time, with its key file;
 * if the swap fails halfway, it is put back.
 *
 * Returns: %TRUE on success
 */
gboolean
sam_maintenance_restore (const char       *database_path,
                         const char       *source_path,
                         const char       *admin_name,
                         const SamSecret  *admin_passphrase,
                         char            **out_previous_path,
                         GError          **error)
{
  g_autofree char *before = NULL;
  g_autofree char *restoring = NULL;
  g_autofree char *restoring_keys = NULL;
  g_autofree char *keys = NULL;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (source_path != NULL, FALSE);
  g_return_val_if_fail (admin_name != NULL, FALSE);
  g_return_val_if_fail (admin_passphrase != NULL, FALSE);

  if (!refuse_database_in_use (database_path, error))
    return FALSE;

  restoring = g_strconcat (database_path, RESTORING_SUFFIX, NULL);
  restoring_keys = sam_keyslot_file_path_for_database (restoring);
  keys = sam_keyslot_file_path_for_database (database_path);
  remove_files (restoring);

  if (!copy_backup_beside (source_path, restoring, error))
    {
      remove_files (restoring);
      return FALSE;
    }

  if (!verify_restoring_copy (restoring, admin_name, admin_passphrase, error))
    {
      if (error != NULL)
        name_backup_in_error (*error, restoring, source_path);
      remove_files (restoring);
      return FALSE;
    }

  if (!set_aside_current (database_path, &before, error))
    {
      remove_files (restoring);
      return FALSE;
    }

  if (!move_file (restoring, database_path, error) ||
      !move_file (restoring_keys, keys, error))
    {
      g_unlink (database_path);
      undo_set_aside (database_path, before);
      remove_files (restoring);
      return FALSE;
    }

  if (out_previous_path != NULL)
    *out_previous_path = g_steal_pointer (&before);

  return TRUE;
}

static gboolean
check_recoverable_admin (SamDatabase  *database,
                         const char   *admin_name,
                         gint64       *out_user_id,
                         GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _sam_database_prepare (database,
                                "SELECT id, role, disabled FROM users WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, admin_name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_UNKNOWN_USER,
                   _("There is no user “%s” in this database."), admin_name);
      return FALSE;
    }

  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "admin") != 0 ||
      sqlite3_column_int (stmt, 2) != 0)
    {
      g_set_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED,
                   _("The recovery key only resets the passphrase of an enabled "
                     "administrator, and “%s” is not one."), admin_name);
      return FALSE;
    }

  *out_user_id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
rewrap_admin_slot (SamDatabase      *database,
                   const char       *admin_name,
                   gint64            user_id,
                   const SamSecret  *new_passphrase,
                   GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SamKdfParams params = _sam_database_new_slot_params (database);
  SamKeyslotFile *keyslots;

  if (!_sam_database_begin (database, error))
    return FALSE;

  stmt = _sam_database_prepare (database,
                                "UPDATE users SET must_change_passphrase = 0 WHERE id = ?1", error);
  keyslots = stmt != NULL ? _sam_database_reload_keyslots (database, error) : NULL;
  if (keyslots == NULL)
    goto failed;

  sqlite3_bind_int64 (stmt, 1, user_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _sam_database_set_error (database, error,
                               sqlite3_errcode (_sam_database_get_handle (database)),
                               _("Changing the passphrase"));
      goto failed;
    }

  {
    SamAuditEvent event = {
      .action = SAM_AUDIT_RECOVER,
      .object_type = "user",
      .object_id = user_id,
      .reason = "recovery_key",
      .outcome = SAM_AUDIT_OUTCOME_OK,
    };

    if (!_sam_audit_append (database, NULL, &event, error))
      goto failed;
  }

  if (!sam_keyslot_file_set_slot (keyslots, admin_name, new_passphrase,
                                  sam_database_get_key (database), &params, error) ||
      !sam_keyslot_file_save (keyslots, error) ||
      !_sam_database_commit (database, error))
    goto failed;

  return TRUE;

failed:
  _sam_database_rollback (database);
  return FALSE;
}

/**
 * sam_maintenance_recover:
 * @database_path: the database
 * @recovery_code: the recovery key that `init` printed
 * @admin_name: the administrator whose passphrase is lost
 * @new_passphrase: their new passphrase
 * @error: return location for a #GError
 *
 * Opens the database with the recovery slot and gives @admin_name a new
 * passphrase.
 *
 * Returns: %TRUE on success
 */
gboolean
sam_maintenance_recover (const char       *database_path,
                         const SamSecret  *recovery_code,
                         const char       *admin_name,
                         const SamSecret  *new_passphrase,
                         GError          **error)
{
  g_autoptr(SamSecret) normalized = NULL;
  g_autoptr(SamDatabase) database = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 user_id = 0;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (recovery_code != NULL, FALSE);
  g_return_val_if_fail (admin_name != NULL, FALSE);
  g_return_val_if_fail (new_passphrase != NULL, FALSE);

  normalized = sam_secret_normalize_code (recovery_code);
  database = sam_database_open (database_path, SAM_KEYSLOT_RECOVERY, normalized, NULL, &local_error);
  if (database == NULL)
    {
      if (g_error_matches (local_error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WRONG_PASSPHRASE))
        g_set_error_literal (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WRONG_PASSPHRASE,
                             _("The recovery key is wrong."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return check_recoverable_admin (database, admin_name, &user_id, error) &&
         rewrap_admin_slot (database, admin_name, user_id, new_passphrase, error);
}
