/* sam-export.c: what every export and printout of a case's data goes through
 *
 * Data that leaves the encrypted database (a calendar file, a PDF, paper)
 * is out of the policy's reach from then on. So an export is asked of the
 * policy like a read of the case (SAM_OPERATION_CASE_VIEW), and leaves one
 * EXPORT or PRINT row in the audit log with a code as reason (`ics`,
 * `minutes`, `plan`). A young person with a protected identity (skyddad
 * identitet) makes every export of their case something the user is warned
 * about first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-export"

#include "config.h"

#include "sam-export.h"

#include <glib/gi18n-lib.h>

#include "sam-database-private.h"
#include "sam-error.h"
#include "sam-policy.h"
#include "sam-store-private.h"

static const char case_facts_sql[] =
  "SELECT c.person_id, p.protected_identity FROM cases c"
  " JOIN persons p ON p.id = c.person_id WHERE c.id = ?1";

/* The young person of @case_id and whether their identity is protected. */
static gboolean
read_case_facts (SamSession  *session,
                 gint64       case_id,
                 gint64      *out_person_id,
                 gboolean    *out_protected,
                 GError     **error)
{
  SamDatabase *database = sam_session_get_database (session);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id = NULL;
  int rc;

  if (!(stmt = _sam_database_prepare (database, case_facts_sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_person_id = sqlite3_column_int64 (stmt, 0);
      *out_protected = sqlite3_column_int (stmt, 1) != 0;
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database, error, rc, "read case");
      return FALSE;
    }

  id = _sam_store_id_to_string (case_id);
  return _sam_store_not_found (error, _("Case %s does not exist."), id);
}

static gboolean
may_export_case (SamSession  *session,
                 gint64       case_id,
                 GError     **error)
{
  return _sam_store_role_may (session, SAM_OPERATION_CASE_VIEW, error) &&
         sam_policy_check_target (session, SAM_OPERATION_CASE_VIEW,
                                  &(SamAccessTarget) { .case_id = case_id }, error);
}

/**
 * sam_export_record:
 * @session: someone who may open the case
 * @action: %SAM_AUDIT_EXPORT for a file, %SAM_AUDIT_PRINT for paper
 * @object_type: what was exported, such as "meeting" or "plan"
 * @object_id: its id, or 0
 * @case_id: the case it belongs to
 * @reason: a code for the kind of document, such as "ics" or "minutes";
 *   never free text
 * @error: return location for a #GError
 *
 * Records that data of @case_id left the database, in one audit row. Asks
 * the policy first, as an opening of the case would: a refused export is
 * %SAM_POLICY_ERROR_DENIED (and logged as refused), and then nothing may
 * be written out.
 *
 * Returns: %TRUE when recorded; the caller may go on writing the file
 */
gboolean
sam_export_record (SamSession      *session,
                   SamAuditAction   action,
                   const char      *object_type,
                   gint64           object_id,
                   gint64           case_id,
                   const char      *reason,
                   GError         **error)
{
  SamDatabase *database;
  gint64 person_id = 0;
  gboolean is_protected = FALSE;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (action == SAM_AUDIT_EXPORT || action == SAM_AUDIT_PRINT, FALSE);
  g_return_val_if_fail (object_type != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!may_export_case (session, case_id, error) ||
      !read_case_facts (session, case_id, &person_id, &is_protected, error))
    return FALSE;

  database = sam_session_get_database (session);
  if (!_sam_database_begin (database, error))
    return FALSE;

  if (!_sam_store_audit (session, action, object_type, object_id, person_id, case_id, reason,
                         error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return FALSE;
    }

  return TRUE;
}

/**
 * sam_export_needs_warning:
 * @session: the signed-in user
 * @case_id: the case about to be exported or printed
 *
 * Whether the user must be warned before data of @case_id leaves the
 * database: its young person has a protected identity. When that cannot be
 * established (the case is unknown, or the user may not open it) the
 * answer is %TRUE, because a needless warning costs less than a missing
 * one; the export itself is then refused by sam_export_record().
 *
 * Returns: %TRUE when the user must confirm first
 */
gboolean
sam_export_needs_warning (SamSession *session,
                          gint64      case_id)
{
  gint64 person_id = 0;
  gboolean is_protected = TRUE;

  g_return_val_if_fail (SAM_IS_SESSION (session), TRUE);

  if (!sam_policy_may (session, SAM_OPERATION_CASE_VIEW,
                       &(SamAccessTarget) { .case_id = case_id }) ||
      !read_case_facts (session, case_id, &person_id, &is_protected, NULL))
    return TRUE;

  return is_protected;
}

/**
 * sam_export_write_private:
 * @path: where the user chose to save
 * @contents: the bytes
 * @length: their length, or -1 for a nul-terminated string
 * @error: return location for a #GError
 *
 * Writes an export readable by its owner only (mode 0600), atomically, so
 * that neither other accounts nor a half-written file ever see it.
 *
 * Returns: %TRUE when written
 */
gboolean
sam_export_write_private (const char  *path,
                          const char  *contents,
                          gssize       length,
                          GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  return g_file_set_contents_full (path, contents, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
