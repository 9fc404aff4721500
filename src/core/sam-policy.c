/* sam-policy.c
 *
 * The access policy as one declarative table: role × operation → allowed.
 * The UI and the CLI only ask; they never decide by themselves. Later
 * operations on case data add rules that also look at team membership,
 * agency and consent (DESIGN §3).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-policy"

#include "config.h"

#include "sam-policy.h"

#include <glib/gi18n-lib.h>

#include "sam-audit.h"
#include "sam-database-private.h"
#include "sam-error.h"

#define NONE        0u
#define ROLE(r)     (1u << (r))
#define ADMIN_ONLY  ROLE (SAM_ROLE_ADMIN)
#define EVERY_ROLE  ((1u << SAM_N_ROLES) - 1)

static const struct
{
  const char     *id;
  guint           roles;
  SamAuditAction  audit_action;   /* what a refusal is logged as */
  const char     *object_type;
  const char     *denied;         /* what a person can do about a refusal */
} policy[SAM_N_OPERATIONS] = {
  [SAM_OPERATION_USER_LIST] =
    { "user-list", ADMIN_ONLY, SAM_AUDIT_VIEW, "user",
      N_("Only an administrator can list users.") },
  [SAM_OPERATION_USER_ADD] =
    { "user-add", ADMIN_ONLY, SAM_AUDIT_CREATE, "user",
      N_("Only an administrator can add users. Ask your administrator.") },
  [SAM_OPERATION_USER_DISABLE] =
    { "user-disable", ADMIN_ONLY, SAM_AUDIT_USER_CHANGE, "user",
      N_("Only an administrator can disable users.") },
  [SAM_OPERATION_USER_RESET_PASSPHRASE] =
    { "user-reset-passphrase", ADMIN_ONLY, SAM_AUDIT_USER_CHANGE, "user",
      N_("Only an administrator can reset another user’s passphrase. You can change your own.") },
  [SAM_OPERATION_AGENCY_LIST] =
    { "agency-list", EVERY_ROLE, SAM_AUDIT_VIEW, "agency", NULL },
  [SAM_OPERATION_AGENCY_ADD] =
    { "agency-add", ADMIN_ONLY, SAM_AUDIT_CREATE, "agency",
      N_("Only an administrator can add agencies.") },
  [SAM_OPERATION_DATABASE_VERIFY] =
    { "database-verify", ADMIN_ONLY, SAM_AUDIT_VERIFY, "database",
      N_("Only an administrator can verify the database.") },
  [SAM_OPERATION_DATABASE_BACKUP] =
    { "database-backup", ADMIN_ONLY, SAM_AUDIT_BACKUP, "database",
      N_("Only an administrator can make backups.") },
  [SAM_OPERATION_DATABASE_RESTORE] =
    { "database-restore", ADMIN_ONLY, SAM_AUDIT_RESTORE, "database",
      N_("Only an administrator can restore a backup.") },
  [SAM_OPERATION_AUDIT_REVIEW] =
    { "audit-review", ADMIN_ONLY, SAM_AUDIT_VIEW, "audit_log",
      N_("Only an administrator can review the audit log.") },
};

/* A refusal is itself an event worth keeping: someone tried. Written in a
 * transaction of its own, unless the caller already holds one. */
static void
audit_refusal (SamSession   *session,
               SamOperation  operation)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = g_strconcat ("operation:", policy[operation].id, NULL);
  SamDatabase *database = sam_session_get_database (session);
  gboolean own_transaction = sqlite3_get_autocommit (_sam_database_get_handle (database));
  SamAuditEvent event = {
    .action = policy[operation].audit_action,
    .object_type = policy[operation].object_type,
    .reason = reason,
    .outcome = SAM_AUDIT_OUTCOME_DENIED,
  };

  if ((own_transaction && !_sam_database_begin (database, &error)) ||
      !_sam_audit_append (database, session, &event, &error) ||
      (own_transaction && !_sam_database_commit (database, &error)))
    {
      if (own_transaction)
        _sam_database_rollback (database);
      g_warning ("Could not log a refused operation: %s", error->message);
    }
}

/**
 * sam_policy_allows:
 * @role: a role
 * @operation: an operation
 *
 * Returns: whether @role may perform @operation at all
 */
gboolean
sam_policy_allows (SamRole      role,
                   SamOperation operation)
{
  g_return_val_if_fail (role < SAM_N_ROLES, FALSE);
  g_return_val_if_fail (operation < SAM_N_OPERATIONS, FALSE);

  return (policy[operation].roles & ROLE (role)) != 0;
}

/**
 * sam_policy_check:
 * @session: the signed-in user
 * @operation: what they want to do
 * @error: return location for a #GError
 *
 * Refuses with %SAM_POLICY_ERROR_DENIED when the role may not, and with
 * %SAM_POLICY_ERROR_MUST_CHANGE_PASSPHRASE while a one-time passphrase is
 * still in use, and %SAM_DATABASE_ERROR_LOCKED once the session is locked.
 *
 * Returns: %TRUE when allowed
 */
gboolean
sam_policy_check (SamSession    *session,
                  SamOperation   operation,
                  GError       **error)
{
  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (operation < SAM_N_OPERATIONS, FALSE);

  if (sam_session_is_locked (session))
    {
      g_set_error_literal (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED,
                           _("The database is locked. Unlock it to go on."));
      return FALSE;
    }

  if (sam_session_get_must_change_passphrase (session))
    {
      g_set_error_literal (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_MUST_CHANGE_PASSPHRASE,
                           _("You are signed in with a one-time passphrase. "
                             "Choose your own passphrase first."));
      return FALSE;
    }

  if (!sam_policy_allows (sam_session_get_role (session), operation))
    {
      audit_refusal (session, operation);
      g_set_error_literal (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED,
                           _(policy[operation].denied));
      return FALSE;
    }

  return TRUE;
}

const char *
sam_operation_to_string (SamOperation operation)
{
  g_return_val_if_fail (operation < SAM_N_OPERATIONS, NULL);

  return policy[operation].id;
}
