/* sam-triage-cases.c: the open cases a concern can be linked to
 *
 * Triage links a concern to a case of the same young person that is still
 * open (DESIGN §2.2). Social services triage the whole inbox, so, like
 * sam_concern_store_assess(), this listing asks for the triage right, not a
 * place on each case's team. It returns only what the link needs: the
 * cases' numbers, statuses and dates, never their content.
 *
 * Audit: one SEARCH row, object type `case`, with the person and reason
 * `triage_cases:N`, the number of cases listed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-triage-cases"

#include "config.h"

#include "sam-triage-cases.h"

#include <glib/gi18n-lib.h>

#include "sam-audit.h"
#include "sam-database-private.h"
#include "sam-error.h"
#include "sam-policy.h"
#include "sam-store-private.h"

enum
{
  COLUMN_ID,
  COLUMN_NUMBER,
  COLUMN_COORDINATOR_ID,
  COLUMN_PREVENTION_LEVEL,
  COLUMN_STATUS,
  COLUMN_OPENED_AT,
  COLUMN_TARGET_AREAS,
};

/* Codes come back joined by the ASCII unit separator, which no code holds. */
#define CODE_SEPARATOR "\x1f"

static SamCase *
case_from_row (sqlite3_stmt *stmt,
               gint64        person_id)
{
  SamCase *found = g_new0 (SamCase, 1);
  const char *level = (const char *) sqlite3_column_text (stmt, COLUMN_PREVENTION_LEVEL);
  const char *areas = (const char *) sqlite3_column_text (stmt, COLUMN_TARGET_AREAS);

  found->id = sqlite3_column_int64 (stmt, COLUMN_ID);
  found->number = _sam_store_column_dup (stmt, COLUMN_NUMBER);
  found->person_id = person_id;
  found->coordinator_id = sqlite3_column_int64 (stmt, COLUMN_COORDINATOR_ID);
  found->prevention_level = g_strcmp0 (level, "selective") == 0 ? SAM_PREVENTION_SELECTIVE
                                                                : SAM_PREVENTION_INDICATED;
  if (!sam_case_status_from_string ((const char *) sqlite3_column_text (stmt, COLUMN_STATUS),
                                    &found->status))
    found->status = SAM_CASE_STATUS_PENDING_CONSENT;
  found->opened_at = _sam_store_column_dup (stmt, COLUMN_OPENED_AT);
  found->target_areas = areas != NULL ? g_strsplit (areas, CODE_SEPARATOR, -1) : g_new0 (char *, 1);

  return found;
}

static GPtrArray *
read_open_cases (SamSession  *session,
                 gint64       person_id,
                 GError     **error)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_case_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SamDatabase *database = sam_session_get_database (session);
  int rc;

  stmt = _sam_database_prepare (database,
                                "SELECT c.id, c.number, c.coordinator_id, c.prevention_level,"
                                "  c.status, c.opened_at,"
                                "  (SELECT group_concat (code, char (31)) FROM case_target_areas"
                                "    WHERE case_id = c.id)"
                                " FROM cases c"
                                " WHERE c.person_id = ?1 AND c.status <> 'closed'"
                                " ORDER BY c.opened_at DESC, c.id DESC",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, person_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (cases, case_from_row (stmt, person_id));

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database, error, rc, _("Reading a young person’s cases"));
      return NULL;
    }

  return g_steal_pointer (&cases);
}

/**
 * sam_triage_list_open_cases:
 * @session: the signed-in social worker or coordinator
 * @person_id: the young person a concern is about
 * @error: return location for a #GError
 *
 * Lists the young person's cases that are not closed, newest first: the
 * cases sam_concern_store_assess() can link a concern about them to.
 * Refused with %SAM_POLICY_ERROR_DENIED to anyone who may not triage.
 *
 * Returns: (transfer container) (element-type SamCase): the cases, maybe
 *   empty, or %NULL on error
 */
GPtrArray *
sam_triage_list_open_cases (SamSession  *session,
                            gint64       person_id,
                            GError     **error)
{
  g_autoptr(GPtrArray) cases = NULL;
  g_autofree char *reason = NULL;
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sam_policy_check (session, SAM_OPERATION_CONCERN_TRIAGE, error))
    return NULL;

  if (person_id <= 0)
    {
      _sam_store_invalid (error, _("Young person: choose the young person the concern is about."));
      return NULL;
    }

  database = sam_session_get_database (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  cases = read_open_cases (session, person_id, error);
  reason = cases != NULL ? g_strdup_printf ("triage_cases:%u", cases->len) : NULL;
  if (cases == NULL ||
      !_sam_store_audit (session, SAM_AUDIT_SEARCH, "case", 0, person_id, 0, reason, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return g_steal_pointer (&cases);
}
