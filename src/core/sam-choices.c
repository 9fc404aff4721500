/* sam-choices.c: the short lists a filter chooses from
 *
 * The case list narrows by area and by coordinator (SamCaseFilter); a
 * person choosing one needs the names behind the ids. Neither list holds
 * personal data about young persons: areas are districts, and the
 * coordinators are staff, named as they are on every case they run.
 *
 * Who may ask. Areas group agencies as well as young persons, so every
 * role that may list agencies may list them. The staff who may coordinate
 * a case are listed for the roles that manage cases (social services), who
 * are the ones to pick a coordinator; the policy's table decides that.
 *
 * Neither list is audited: like the agency list, it is directory data,
 * not a query about anyone's case.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-choices"

#include "config.h"

#include "sam-choices.h"

#include <glib/gi18n-lib.h>

#include "sam-database-private.h"
#include "sam-policy.h"
#include "sam-store-private.h"

/* Only enabled users whose role may coordinate a case. */
#define COORDINATORS_SQL \
  "SELECT id, display_name FROM users" \
  " WHERE disabled = 0 AND role IN ('social', 'coordinator')" \
  " ORDER BY display_name COLLATE NOCASE, id"

#define AREAS_SQL "SELECT id, name FROM areas ORDER BY name COLLATE NOCASE, id"

static GPtrArray *
read_choices (SamSession  *session,
              const char  *sql,
              const char  *what,
              GError     **error)
{
  SamDatabase *database = sam_session_get_database (session);
  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_choice_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database, sql, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SamChoice *choice = g_new0 (SamChoice, 1);

      choice->id = sqlite3_column_int64 (stmt, 0);
      choice->name = _sam_store_column_dup (stmt, 1);
      g_ptr_array_add (choices, choice);
    }

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database, error, rc, what);
      return NULL;
    }

  return g_steal_pointer (&choices);
}

/**
 * sam_choice_free:
 * @choice: (nullable): a #SamChoice
 */
void
sam_choice_free (SamChoice *choice)
{
  if (choice == NULL)
    return;

  g_free (choice->name);
  g_free (choice);
}

/**
 * sam_choices_list_areas:
 * @session: the signed-in user
 * @error: return location for a #GError
 *
 * Lists the areas (districts), by name, for the case list's area filter.
 * Every role that may list agencies may list areas.
 *
 * Returns: (transfer full) (element-type SamChoice): the areas, or %NULL
 */
GPtrArray *
sam_choices_list_areas (SamSession  *session,
                        GError     **error)
{
  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);

  if (!_sam_store_role_may (session, SAM_OPERATION_AGENCY_LIST, error))
    return NULL;

  return read_choices (session, AREAS_SQL, _("Listing areas"), error);
}

/**
 * sam_choices_list_coordinators:
 * @session: the signed-in user
 * @error: return location for a #GError
 *
 * Lists the enabled users who may coordinate a case (roles `social` and
 * `coordinator`), by display name, for the case list's coordinator filter.
 * Only the roles that manage cases may ask; others are refused with
 * %SAM_POLICY_ERROR_DENIED.
 *
 * Returns: (transfer full) (element-type SamChoice): the users, or %NULL
 */
GPtrArray *
sam_choices_list_coordinators (SamSession  *session,
                               GError     **error)
{
  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);

  if (!_sam_store_role_may (session, SAM_OPERATION_CASE_MANAGE, error))
    return NULL;

  return read_choices (session, COORDINATORS_SQL, _("Listing coordinators"), error);
}
