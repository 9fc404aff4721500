/* sam-case-team.c: who works on a case
 *
 * The staff who may take part in a case's meetings are its team and its
 * coordinator (DESIGN §2, step 6). This lists them, enabled accounts only,
 * for whoever may open the case. Staff names are not case text, but the
 * listing says who works with a young person, so it is audited like any
 * other read of the case: one VIEW row (object `case_team`, reason
 * `count:N`).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-case-team"

#include "config.h"

#include "sam-case-team.h"

#include <glib/gi18n-lib.h>

#include "sam-database-private.h"
#include "sam-error.h"
#include "sam-policy.h"
#include "sam-store-private.h"

/* The coordinator first, then the team by agency and name; someone who is
 * both appears once. */
#define TEAM_SQL \
  "SELECT u.id, u.display_name, a.id, a.name, u.id = c.coordinator_id" \
  "  FROM cases c JOIN users u ON u.id = c.coordinator_id" \
  "    OR u.id IN (SELECT t.user_id FROM case_team t WHERE t.case_id = c.id)" \
  "  JOIN agencies a ON a.id = u.agency_id" \
  " WHERE c.id = ?1 AND u.disabled = 0" \
  " ORDER BY u.id = c.coordinator_id DESC, a.name, u.display_name, u.id"

static SamDatabase *
database_of (SamSession *session)
{
  return sam_session_get_database (session);
}

static gboolean
case_person (SamSession  *session,
             gint64       case_id,
             gint64      *out_person_id,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (session), "SELECT person_id FROM cases WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return _sam_store_not_found (error, _("Case: there is no such case."));
  if (rc != SQLITE_ROW)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Reading a case"));
      return FALSE;
    }

  *out_person_id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static SamTeamMember *
member_from_row (sqlite3_stmt *stmt)
{
  SamTeamMember *member = g_new0 (SamTeamMember, 1);

  member->user_id = sqlite3_column_int64 (stmt, 0);
  member->display_name = _sam_store_column_dup (stmt, 1);
  member->agency_id = sqlite3_column_int64 (stmt, 2);
  member->agency_name = _sam_store_column_dup (stmt, 3);
  member->is_coordinator = sqlite3_column_int (stmt, 4) != 0;

  return member;
}

static GPtrArray *
read_team (SamSession  *session,
           gint64       case_id,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_team_member_free);
  int rc;

  stmt = _sam_database_prepare (database_of (session), TEAM_SQL, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (members, member_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Reading a case’s team"));
      return NULL;
    }

  return g_steal_pointer (&members);
}

static GPtrArray *
list_and_audit (SamSession  *session,
                gint64       case_id,
                GError     **error)
{
  g_autoptr(GPtrArray) members = NULL;
  g_autofree char *reason = NULL;
  gint64 person_id = 0;

  if (!case_person (session, case_id, &person_id, error) ||
      !(members = read_team (session, case_id, error)))
    return NULL;

  reason = g_strdup_printf ("count:%u", members->len);
  if (!_sam_store_audit (session, SAM_AUDIT_VIEW, "case_team", case_id, person_id, case_id, reason, error))
    return NULL;

  return g_steal_pointer (&members);
}

/**
 * sam_team_member_free:
 * @member: (nullable): a team member
 */
void
sam_team_member_free (SamTeamMember *member)
{
  if (member == NULL)
    return;

  g_free (member->display_name);
  g_free (member->agency_name);
  g_free (member);
}

/**
 * sam_case_team_list:
 * @session: someone who may open the case
 * @case_id: the case
 * @error: return location for a #GError
 *
 * The case's coordinator and team members whose accounts are enabled:
 * the staff a meeting of the case can invite. The coordinator comes first,
 * then the team by agency and name. Refused, like opening the case, to
 * whoever may not open it. Audited as one VIEW row.
 *
 * Returns: (transfer container) (element-type SamTeamMember): the staff,
 *   or %NULL with @error set
 */
GPtrArray *
sam_case_team_list (SamSession  *session,
                    gint64       case_id,
                    GError     **error)
{
  g_autoptr(GPtrArray) members = NULL;
  SamAccessTarget target = { .case_id = case_id };
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sam_policy_check_target (session, SAM_OPERATION_CASE_VIEW, &target, error))
    return NULL;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  members = list_and_audit (session, case_id, error);
  if (members == NULL || !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return g_steal_pointer (&members);
}
