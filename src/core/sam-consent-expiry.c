/* sam-consent-expiry.c: consents that run out soon, for reminders
 *
 * A consent "expires" on its valid_to date. The reminders (DESIGN §7) want
 * the ones that end between today and a date two weeks out, on cases that
 * are still open and that the viewer works on: every SSPF case for a
 * coordinator, otherwise the cases whose team they are on or which they
 * coordinate. A consent that has been withdrawn is no longer running out,
 * and one that a later consent already carries on past the window (the
 * family signed again) is no reason to remind anyone.
 *
 * Audit: one SEARCH row (object `consent_expiring`, reason `count:N`).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-consent-expiry"

#include "config.h"

#include "sam-consent-expiry.h"

#include <glib/gi18n-lib.h>

#include "sam-database-private.h"
#include "sam-policy.h"
#include "sam-store-private.h"
#include "sam-validate.h"

/**
 * sam_expiring_consent_free:
 * @consent: (nullable): an expiring consent
 *
 * Frees @consent.
 */
void
sam_expiring_consent_free (SamExpiringConsent *consent)
{
  if (consent == NULL)
    return;

  g_free (consent->case_number);
  g_free (consent->valid_to);
  g_free (consent);
}

static SamExpiringConsent *
expiring_consent_from_row (sqlite3_stmt *stmt)
{
  SamExpiringConsent *consent = g_new0 (SamExpiringConsent, 1);

  consent->consent_id = sqlite3_column_int64 (stmt, 0);
  consent->case_id = sqlite3_column_int64 (stmt, 1);
  consent->case_number = _sam_store_column_dup (stmt, 2);
  consent->valid_to = _sam_store_column_dup (stmt, 3);

  return consent;
}

/* The candidates by the cases the viewer works on; the policy then drops
 * any case they may not open after all. */
static GPtrArray *
read_expiring (SamSession  *session,
               const char  *today,
               const char  *before_date,
               GError     **error)
{
  g_autoptr(GPtrArray) consents = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_expiring_consent_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int step;

  stmt = _sam_database_prepare (sam_session_get_database (session),
                                "SELECT s.id, s.case_id, c.number, s.valid_to"
                                " FROM consents s JOIN cases c ON c.id = s.case_id"
                                " WHERE s.withdrawn_at IS NULL AND s.valid_to IS NOT NULL"
                                "   AND s.valid_to >= ?1 AND s.valid_to < ?2"
                                "   AND c.status <> 'closed'"
                                "   AND (?3 OR c.coordinator_id = ?4"
                                "        OR EXISTS (SELECT 1 FROM case_team t"
                                "                    WHERE t.case_id = c.id AND t.user_id = ?4))"
                                "   AND NOT EXISTS (SELECT 1 FROM consents n"
                                "                    WHERE n.case_id = s.case_id AND n.id <> s.id"
                                "                      AND n.withdrawn_at IS NULL"
                                "                      AND n.valid_from <= s.valid_to"
                                "                      AND (n.valid_to IS NULL OR n.valid_to >= ?2))"
                                " ORDER BY s.valid_to, s.id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, before_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, sam_session_get_role (session) == SAM_ROLE_COORDINATOR);
  sqlite3_bind_int64 (stmt, 4, sam_session_get_user_id (session));

  while ((step = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(SamExpiringConsent) consent = expiring_consent_from_row (stmt);
      SamAccessTarget target = { .case_id = consent->case_id };

      if (sam_policy_may (session, SAM_OPERATION_CASE_VIEW, &target))
        g_ptr_array_add (consents, g_steal_pointer (&consent));
    }

  if (step != SQLITE_DONE)
    {
      _sam_database_set_error (sam_session_get_database (session), error, step,
                               _("Reading expiring consents"));
      return NULL;
    }

  return g_steal_pointer (&consents);
}

/**
 * sam_case_store_list_expiring_consents:
 * @session: a front-line user
 * @before_date: `YYYY-MM-DD`: consents whose last valid day is before this
 *   day; today plus 15 days gives "within 14 days"
 * @error: return location for a #GError
 *
 * The consents in force or about to be that end between today and
 * @before_date, soonest first: not withdrawn, not already followed by a
 * consent that runs past @before_date, on cases that are not closed and
 * that the viewer works on (every SSPF case for a coordinator) and may
 * open. Managers and administrators are refused. Audited as one SEARCH row
 * (object `consent_expiring`, reason `count:N`).
 *
 * Returns: (transfer container) (element-type SamExpiringConsent): the
 *   consents, or %NULL with @error set
 */
GPtrArray *
sam_case_store_list_expiring_consents (SamSession  *session,
                                       const char  *before_date,
                                       GError     **error)
{
  g_autoptr(GPtrArray) consents = NULL;
  g_autofree char *today = NULL;
  g_autofree char *reason = NULL;
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_sam_store_role_may (session, SAM_OPERATION_CASE_VIEW, error) ||
      !sam_validate_date (C_("consent", "Expiring before"), before_date, NULL, error))
    return NULL;

  today = _sam_store_today ();
  database = sam_session_get_database (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  consents = read_expiring (session, today, before_date, error);
  reason = consents != NULL ? g_strdup_printf ("count:%u", consents->len) : NULL;
  if (consents == NULL ||
      !_sam_store_audit (session, SAM_AUDIT_SEARCH, "consent_expiring", 0, 0, 0, reason, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return g_steal_pointer (&consents);
}
