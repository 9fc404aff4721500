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
#include "sam-store-private.h"
#include "sam-error.h"

#define NONE        0u
#define ROLE(r)     (1u << (r))
#define ADMIN_ONLY  ROLE (SAM_ROLE_ADMIN)
#define EVERY_ROLE  ((1u << SAM_N_ROLES) - 1)
#define SOCIAL      (ROLE (SAM_ROLE_SOCIAL) | ROLE (SAM_ROLE_COORDINATOR))
/* Managers and administrators are never here: they get no person-level
 * data from any call (DESIGN §3, rule 1). */
#define FRONT_LINE  (ROLE (SAM_ROLE_SCHOOL) | ROLE (SAM_ROLE_LEISURE) | ROLE (SAM_ROLE_POLICE) | SOCIAL)

/* What, beyond the role, must hold. */
typedef enum
{
  RULE_ROLE,              /* the role is enough */
  RULE_RELATION,          /* on the case's team, its coordinator, any case for the
                           * coordinator role, or break-the-glass (rule 2) */
  RULE_SOCIAL_OR_RELATION,/* social services see everything they triage */
  RULE_ITEM,              /* relation, and the item is the viewer's agency's own or a
                           * consent in force covers both agencies (rules 2 and 3) */
  RULE_CONCERN,           /* the reporter, social services, or as RULE_ITEM */
  RULE_OWN_ITEM,          /* relation, and the item is the viewer's agency's, or the
                           * viewer is social services (DESIGN §3, "Writing") */
} Rule;

static const struct
{
  const char     *id;
  guint           roles;
  Rule            rule;
  SamAuditAction  audit_action;   /* what a refusal is logged as */
  const char     *object_type;
  const char     *denied;         /* what a person can do about a refusal */
} policy[SAM_N_OPERATIONS] = {
  [SAM_OPERATION_USER_LIST] =
    { "user-list", ADMIN_ONLY, RULE_ROLE, SAM_AUDIT_VIEW, "user",
      N_("Only an administrator can list users.") },
  [SAM_OPERATION_USER_ADD] =
    { "user-add", ADMIN_ONLY, RULE_ROLE, SAM_AUDIT_CREATE, "user",
      N_("Only an administrator can add users. Ask your administrator.") },
  [SAM_OPERATION_USER_DISABLE] =
    { "user-disable", ADMIN_ONLY, RULE_ROLE, SAM_AUDIT_USER_CHANGE, "user",
      N_("Only an administrator can disable users.") },
  [SAM_OPERATION_USER_RESET_PASSPHRASE] =
    { "user-reset-passphrase", ADMIN_ONLY, RULE_ROLE, SAM_AUDIT_USER_CHANGE, "user",
      N_("Only an administrator can reset another user’s passphrase. You can change your own.") },
  [SAM_OPERATION_AGENCY_LIST] =
    { "agency-list", EVERY_ROLE, RULE_ROLE, SAM_AUDIT_VIEW, "agency", NULL },
  [SAM_OPERATION_AGENCY_ADD] =
    { "agency-add", ADMIN_ONLY, RULE_ROLE, SAM_AUDIT_CREATE, "agency",
      N_("Only an administrator can add agencies.") },
  [SAM_OPERATION_DATABASE_VERIFY] =
    { "database-verify", ADMIN_ONLY, RULE_ROLE, SAM_AUDIT_VERIFY, "database",
      N_("Only an administrator can verify the database.") },
  [SAM_OPERATION_DATABASE_BACKUP] =
    { "database-backup", ADMIN_ONLY, RULE_ROLE, SAM_AUDIT_BACKUP, "database",
      N_("Only an administrator can make backups.") },
  [SAM_OPERATION_DATABASE_RESTORE] =
    { "database-restore", ADMIN_ONLY, RULE_ROLE, SAM_AUDIT_RESTORE, "database",
      N_("Only an administrator can restore a backup.") },
  [SAM_OPERATION_AUDIT_REVIEW] =
    { "audit-review", ADMIN_ONLY, RULE_ROLE, SAM_AUDIT_VIEW, "audit_log",
      N_("Only an administrator can review the audit log.") },
  [SAM_OPERATION_USER_SET_ROLE] =
    { "user-set-role", ADMIN_ONLY, RULE_ROLE, SAM_AUDIT_ROLE_CHANGE, "user",
      N_("Only an administrator can change a user’s role.") },
  [SAM_OPERATION_AREA_ADD] =
    { "area-add", ADMIN_ONLY, RULE_ROLE, SAM_AUDIT_CREATE, "area",
      N_("Only an administrator can add areas.") },
  [SAM_OPERATION_PERSON_FIND] =
    { "person-find", FRONT_LINE, RULE_ROLE, SAM_AUDIT_SEARCH, "person",
      N_("Your role cannot look up young persons.") },
  [SAM_OPERATION_PERSON_CREATE] =
    { "person-create", FRONT_LINE, RULE_ROLE, SAM_AUDIT_CREATE, "person",
      N_("Your role cannot register young persons.") },
  [SAM_OPERATION_PERSON_VIEW] =
    { "person-view", FRONT_LINE, RULE_SOCIAL_OR_RELATION, SAM_AUDIT_VIEW, "person",
      N_("You are not on a case of this young person. Ask the case’s coordinator to add you "
         "to its team.") },
  [SAM_OPERATION_CONCERN_CREATE] =
    { "concern-create", FRONT_LINE, RULE_ROLE, SAM_AUDIT_CREATE, "concern",
      N_("Your role cannot log concerns.") },
  [SAM_OPERATION_CONCERN_VIEW] =
    { "concern-view", FRONT_LINE, RULE_CONCERN, SAM_AUDIT_VIEW, "concern",
      N_("Only the reporter, social services and the case’s team may read this concern.") },
  [SAM_OPERATION_CONCERN_INBOX] =
    { "concern-inbox", SOCIAL, RULE_ROLE, SAM_AUDIT_VIEW, "concern",
      N_("Only social services see the concern inbox.") },
  [SAM_OPERATION_CONCERN_TRIAGE] =
    { "concern-triage", SOCIAL, RULE_ROLE, SAM_AUDIT_UPDATE, "concern",
      N_("Only social services assess concerns.") },
  [SAM_OPERATION_CASE_CREATE] =
    { "case-create", SOCIAL, RULE_ROLE, SAM_AUDIT_CREATE, "case",
      N_("Only social services open cases.") },
  [SAM_OPERATION_CASE_VIEW] =
    { "case-view", FRONT_LINE, RULE_RELATION, SAM_AUDIT_VIEW, "case",
      N_("You are not on this case’s team. Ask its coordinator to add you; in an emergency, "
         "social services can use emergency access.") },
  [SAM_OPERATION_CASE_MANAGE] =
    { "case-manage", SOCIAL, RULE_RELATION, SAM_AUDIT_UPDATE, "case",
      N_("Only social services on this case’s team can change it.") },
  [SAM_OPERATION_CONSENT_MANAGE] =
    { "consent-manage", SOCIAL, RULE_RELATION, SAM_AUDIT_CONSENT_CHANGE, "consent",
      N_("Only social services on this case’s team can record consent.") },
  [SAM_OPERATION_NOTE_WRITE] =
    { "note-write", FRONT_LINE, RULE_RELATION, SAM_AUDIT_CREATE, "note",
      N_("Only the case’s team can write in its journal.") },
  [SAM_OPERATION_CASE_ITEM_VIEW] =
    { "case-item-view", FRONT_LINE, RULE_ITEM, SAM_AUDIT_VIEW, "case_item",
      N_("This entry belongs to another agency, and no consent in force lets it be shared "
         "with yours.") },
  [SAM_OPERATION_BREAK_GLASS] =
    { "break-glass", SOCIAL, RULE_ROLE, SAM_AUDIT_BREAK_GLASS_START, "case",
      N_("Only social services can use emergency access.") },
  [SAM_OPERATION_MEETING_MANAGE] =
    { "meeting-manage", SOCIAL, RULE_RELATION, SAM_AUDIT_UPDATE, "meeting",
      N_("Only social services on this case’s team can schedule and minute its meetings.") },
  [SAM_OPERATION_MAPPING_WRITE] =
    { "mapping-write", SOCIAL, RULE_RELATION, SAM_AUDIT_CREATE, "mapping",
      N_("Only social services on this case’s team can record the factor scores.") },
  [SAM_OPERATION_PLAN_MANAGE] =
    { "plan-manage", SOCIAL, RULE_RELATION, SAM_AUDIT_UPDATE, "plan",
      N_("Only social services on this case’s team can change the plan’s goals and actions.") },
  [SAM_OPERATION_ACTION_UPDATE] =
    { "action-update", FRONT_LINE, RULE_OWN_ITEM, SAM_AUDIT_UPDATE, "plan_action",
      N_("Only the agency responsible for this action, or social services on the case’s "
         "team, can update it.") },
  [SAM_OPERATION_FOLLOW_UP_MANAGE] =
    { "follow-up-manage", SOCIAL, RULE_RELATION, SAM_AUDIT_UPDATE, "follow_up",
      N_("Only social services on this case’s team can schedule and hold follow-ups.") },
  [SAM_OPERATION_SUMMARY_RUN] =
    { "summary-run", ROLE (SAM_ROLE_MANAGER), RULE_ROLE, SAM_AUDIT_VIEW, "summary",
      N_("Only a unit manager can run summaries. Ask a manager for the figures you need.") },
  [SAM_OPERATION_SUMMARY_CONFIGURE] =
    { "summary-configure", ADMIN_ONLY, RULE_ROLE, SAM_AUDIT_UPDATE, "setting",
      N_("Only an administrator can change how summaries protect small numbers.") },
  [SAM_OPERATION_SETTINGS_WRITE] =
    { "settings-write", ADMIN_ONLY, RULE_ROLE, SAM_AUDIT_UPDATE, "setting",
      N_("Only an administrator can change the organisation’s settings. Ask your administrator.") },
};

/* Facts ------------------------------------------------------------------ */

static gboolean
query_exists (SamSession  *session,
              const char  *sql,
              gint64       a,
              gint64       b,
              const char  *text)
{
  SamDatabase *database = sam_session_get_database (session);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gboolean exists;

  /* Pages ask from their workers too: holding the connection keeps a lock
   * on the UI thread from closing it under the statement. */
  _sam_database_lock (database);
  stmt = _sam_database_prepare (database, sql, &error);
  if (stmt == NULL)
    {
      /* Locked meanwhile: a worker's late question, denied without fuss. */
      if (!g_error_matches (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED))
        g_warning ("A policy query failed: %s", error->message);
      _sam_database_unlock (database);
      return FALSE;
    }

  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  if (text != NULL)
    sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);

  /* Anything but a row, an error included, denies. */
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  _sam_database_unlock (database);

  return exists;
}

static char *
today_local (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Rule 2: the team, the case's coordinator, the coordinator role for every
 * SSPF case, or an active break-the-glass grant. */
static gboolean
has_relation (SamSession *session,
              gint64      case_id)
{
  gint64 user_id = sam_session_get_user_id (session);
  g_autofree char *now = _sam_store_now_utc ();

  if (case_id <= 0)
    return FALSE;

  if (sam_session_get_role (session) == SAM_ROLE_COORDINATOR)
    return query_exists (session, "SELECT 1 FROM cases WHERE id = ?1", case_id, 0, NULL);

  return query_exists (session,
                       "SELECT 1 FROM case_team WHERE case_id = ?1 AND user_id = ?2"
                       " UNION ALL SELECT 1 FROM cases WHERE id = ?1 AND coordinator_id = ?2"
                       " UNION ALL SELECT 1 FROM break_glass WHERE case_id = ?1 AND user_id = ?2"
                       "   AND ended_at IS NULL AND ends_at > ?3",
                       case_id, user_id, now);
}

/* Rule 3's consent: one consent, in force today, signed by every guardian
 * with custody and by the young person from 15, naming both agencies. */
#define CONSENT_IN_FORCE_SQL \
  "SELECT 1 FROM consents k JOIN cases c ON c.id = k.case_id JOIN persons p ON p.id = c.person_id" \
  " WHERE k.case_id = ?1 AND " SAM_CONSENT_IN_FORCE_CONDITIONS ("?3")

gboolean
_sam_policy_consent_in_force (SamSession *session,
                              gint64      case_id,
                              gint64      agency_a,
                              gint64      agency_b)
{
  g_autofree char *today = today_local ();
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean with_agencies = agency_a != 0 && agency_b != 0;

  sql = g_strconcat (CONSENT_IN_FORCE_SQL,
                     with_agencies
                       ? "   AND EXISTS (SELECT 1 FROM consent_agencies WHERE consent_id = k.id AND agency_id = ?2)"
                         "   AND EXISTS (SELECT 1 FROM consent_agencies WHERE consent_id = k.id AND agency_id = ?4)"
                       : "   AND ?2 IS NULL AND ?4 IS NULL",
                     NULL);
  stmt = _sam_database_prepare (sam_session_get_database (session), sql, &error);
  if (stmt == NULL)
    {
      g_warning ("A consent query failed: %s", error->message);
      return FALSE;
    }

  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 3, today, -1, SQLITE_TRANSIENT);
  if (with_agencies)
    {
      sqlite3_bind_int64 (stmt, 2, agency_a);
      sqlite3_bind_int64 (stmt, 4, agency_b);
    }

  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
item_visible (SamSession             *session,
              const SamAccessTarget  *target)
{
  gint64 own_agency = sam_session_get_agency_id (session);

  if (!has_relation (session, target->case_id))
    return FALSE;

  if (target->item_agency_id == own_agency)
    return TRUE;

  /* OSL secrecy holds between units too: consent does not open social
   * services' internal notes; only "shared in SSPF" does. */
  if (target->item_is_social_internal)
    return FALSE;

  return _sam_policy_consent_in_force (session, target->case_id, own_agency, target->item_agency_id);
}

static gboolean
rule_holds (SamSession             *session,
            SamOperation            operation,
            const SamAccessTarget  *target)
{
  static const SamAccessTarget none = { 0 };
  gboolean social = (ROLE (sam_session_get_role (session)) & SOCIAL) != 0;

  if (target == NULL)
    target = &none;

  switch (policy[operation].rule)
    {
    case RULE_ROLE:
      return TRUE;

    case RULE_RELATION:
      return has_relation (session, target->case_id);

    case RULE_SOCIAL_OR_RELATION:
      return social || has_relation (session, target->case_id);

    case RULE_ITEM:
      return item_visible (session, target);

    case RULE_CONCERN:
      if (target->concern_reporter_id == sam_session_get_user_id (session) || social)
        return TRUE;
      return target->case_id > 0 && item_visible (session, target);

    case RULE_OWN_ITEM:
      return has_relation (session, target->case_id) &&
             (social || target->item_agency_id == sam_session_get_agency_id (session));

    default:
      g_assert_not_reached ();
    }
}

/* A refusal is itself an event worth keeping: someone tried. Written in a
 * transaction of its own, unless the caller already holds one. */
static void
audit_refusal (SamSession             *session,
               SamOperation            operation,
               const SamAccessTarget  *target)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = g_strconcat ("operation:", policy[operation].id, NULL);
  SamDatabase *database = sam_session_get_database (session);
  gboolean own_transaction = !_sam_database_in_transaction (database);
  SamAuditEvent event = {
    .action = policy[operation].audit_action,
    .object_type = policy[operation].object_type,
    .case_id = target != NULL ? target->case_id : 0,
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

/* Whether @session can act at all: unlocked, and past its one-time
 * passphrase. Shared with the case list, which checks before it pages. */
gboolean
_sam_policy_check_session (SamSession  *session,
                           GError     **error)
{
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

  return TRUE;
}

/**
 * sam_policy_check_target:
 * @session: the signed-in user
 * @operation: what they want to do
 * @target: (nullable): what they want to do it to
 * @error: return location for a #GError
 *
 * Checks the role, then the operation's rule against @target: team,
 * coordinator, break-the-glass and consent, as DESIGN §3 lays down. A
 * refusal is written to the audit log and returned as
 * %SAM_POLICY_ERROR_DENIED with a message saying what to do.
 *
 * Returns: %TRUE when allowed
 */
gboolean
sam_policy_check_target (SamSession             *session,
                         SamOperation            operation,
                         const SamAccessTarget  *target,
                         GError                **error)
{
  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (operation < SAM_N_OPERATIONS, FALSE);

  if (!_sam_policy_check_session (session, error))
    return FALSE;

  if (!sam_policy_allows (sam_session_get_role (session), operation) ||
      !rule_holds (session, operation, target))
    {
      audit_refusal (session, operation, target);
      g_set_error_literal (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED,
                           _(policy[operation].denied));
      return FALSE;
    }

  return TRUE;
}

/**
 * sam_policy_check:
 * @session: the signed-in user
 * @operation: an operation whose rule needs no target
 * @error: return location for a #GError
 *
 * Like sam_policy_check_target() without a target. Also refuses with
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
  return sam_policy_check_target (session, operation, NULL, error);
}

/**
 * sam_policy_may:
 * @session: the signed-in user
 * @operation: an operation
 * @target: (nullable): what it would apply to
 *
 * Asks without acting: for filtering what a list shows. Nothing is
 * audited; a hidden item is simply not there.
 *
 * Returns: whether sam_policy_check_target() would allow it
 */
gboolean
sam_policy_may (SamSession             *session,
                SamOperation            operation,
                const SamAccessTarget  *target)
{
  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (operation < SAM_N_OPERATIONS, FALSE);

  return !sam_session_is_locked (session) &&
         !sam_session_get_must_change_passphrase (session) &&
         sam_policy_allows (sam_session_get_role (session), operation) &&
         rule_holds (session, operation, target);
}

const char *
sam_operation_to_string (SamOperation operation)
{
  g_return_val_if_fail (operation < SAM_N_OPERATIONS, NULL);

  return policy[operation].id;
}
