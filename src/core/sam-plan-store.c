/* sam-plan-store.c: the joint action plan (åtagandeplan) of a case
 *
 * A plan holds goals, each with an observable indicator, and actions
 * (insatser): an intervention type from the catalogue, a responsible
 * agency and person, start and due dates and a status (DESIGN §2, step 7).
 *
 * Writing (DESIGN §3, "Writing"): social services on the case's team, and
 * SSPF coordinators, manage the plan (PLAN_MANAGE): they add and change
 * goals and actions, every field. The agency responsible for an action
 * moves its status along (ACTION_UPDATE, with the responsible agency as
 * the item's agency): planned → ongoing → done, or planned or ongoing →
 * cancelled. Nothing changes in a closed case.
 *
 * Every write is one transaction holding the row, a `plan_changes` row
 * (what the chronology shows: "created", "updated", "status:done", by whom
 * and for which agency) and an audit row (CREATE or UPDATE, object
 * `plan_goal` or `plan_action`, reason the same change code).
 *
 * Reading follows CASE_ITEM_VIEW. A goal's item agency is the agency that
 * recorded it. An action belongs to two agencies: the one responsible for
 * it and the one that recorded it (the agency of its "created" change).
 * The viewer sees it when either agency's items are open to them: their
 * own agency's, or another's under a consent covering both. So the
 * responsible agency's team members always see their own actions, and
 * social services always see the actions they wrote, even before a
 * consent lets the agencies share anything else. An action whose goal is
 * hidden keeps its goal_id; the goal is simply absent from the plan.
 *
 * Audit of reading: opening a plan is one VIEW row (object `plan`, with
 * the case and the person, reason `count:N`, goals and actions shown);
 * the due list is one SEARCH row (object `plan_due`, reason `count:N`),
 * like the concern inbox, since it spans cases.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-plan-store"

#include "config.h"

#include "sam-plan-store.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sam-chronology.h"
#include "sam-database-private.h"
#include "sam-error.h"
#include "sam-plan-store-private.h"
#include "sam-policy.h"
#include "sam-store-private.h"
#include "sam-validate.h"

/* The CHECKs on plan_goals and plan_actions (migration 6). */
#define PLAN_TEXT_MAX_CHARS 2000

#define STATUS_CONTEXT "plan action status"

static const struct
{
  const char *id;
  const char *label;
} statuses[SAM_N_PLAN_ACTION_STATUSES] = {
  [SAM_PLAN_ACTION_PLANNED] = { "planned", NC_("plan action status", "Planned") },
  [SAM_PLAN_ACTION_ONGOING] = { "ongoing", NC_("plan action status", "Ongoing") },
  [SAM_PLAN_ACTION_DONE] = { "done", NC_("plan action status", "Done") },
  [SAM_PLAN_ACTION_CANCELLED] = { "cancelled", NC_("plan action status", "Cancelled") },
};

/* Rows from, columns to. Done and cancelled are final: a new need is a
 * new action, so the plan's history stays readable. */
static const gboolean transitions[SAM_N_PLAN_ACTION_STATUSES][SAM_N_PLAN_ACTION_STATUSES] = {
  /*                            planned ongoing done   cancelled */
  [SAM_PLAN_ACTION_PLANNED]   = { FALSE, TRUE,  FALSE, TRUE },
  [SAM_PLAN_ACTION_ONGOING]   = { FALSE, FALSE, TRUE,  TRUE },
  [SAM_PLAN_ACTION_DONE]      = { FALSE, FALSE, FALSE, FALSE },
  [SAM_PLAN_ACTION_CANCELLED] = { FALSE, FALSE, FALSE, FALSE },
};

#define GOAL_SELECT \
  "SELECT g.id, g.case_id, g.description, g.indicator, g.created_by, u.display_name," \
  "       g.agency_id, a.name, g.created_at, g.updated_at" \
  "  FROM plan_goals g JOIN users u ON u.id = g.created_by JOIN agencies a ON a.id = g.agency_id"

/* The recording agency is the agency of the action's "created" change. */
#define RECORDED_AGENCY(action) \
  "(SELECT p.agency_id FROM plan_changes p WHERE p.case_id = " action ".case_id" \
  "   AND p.action_id = " action ".id AND p.change = 'created')"

#define ACTION_SELECT \
  "SELECT x.id, x.case_id, c.number, x.goal_id, x.description, x.intervention_code," \
  "       x.responsible_agency_id, a.name, x.responsible_user_id, u.display_name," \
  "       x.starts_on, x.due_on, x.status, x.created_at, x.updated_at," \
  "       " RECORDED_AGENCY ("x") \
  "  FROM plan_actions x JOIN cases c ON c.id = x.case_id" \
  "  JOIN agencies a ON a.id = x.responsible_agency_id" \
  "  LEFT JOIN users u ON u.id = x.responsible_user_id"

enum
{
  GOAL_ID,
  GOAL_CASE_ID,
  GOAL_DESCRIPTION,
  GOAL_INDICATOR,
  GOAL_CREATED_BY,
  GOAL_CREATED_BY_NAME,
  GOAL_AGENCY_ID,
  GOAL_AGENCY_NAME,
  GOAL_CREATED_AT,
  GOAL_UPDATED_AT,
};

enum
{
  ACTION_ID,
  ACTION_CASE_ID,
  ACTION_CASE_NUMBER,
  ACTION_GOAL_ID,
  ACTION_DESCRIPTION,
  ACTION_INTERVENTION,
  ACTION_AGENCY_ID,
  ACTION_AGENCY_NAME,
  ACTION_USER_ID,
  ACTION_USER_NAME,
  ACTION_STARTS_ON,
  ACTION_DUE_ON,
  ACTION_STATUS,
  ACTION_CREATED_AT,
  ACTION_UPDATED_AT,
  ACTION_RECORDED_AGENCY_ID,
};

/* The case a write goes to, as far as the write needs it. */
typedef struct
{
  gint64   id;
  gint64   person_id;
  gboolean closed;
} CaseFacts;

/* What the policy said about one agency's items in one case, asked once
 * per pair in a reading rather than once per row. */
typedef struct
{
  SamSession *session;
  GHashTable *verdicts;
} Visibility;

/* Helpers ------------------------------------------------------------------ */

static SamDatabase *
database_of (SamSession *session)
{
  return sam_session_get_database (session);
}

static gboolean
exists (SamSession  *session,
        const char  *sql,
        gint64       a,
        gint64       b)
{
  g_autoptr(sqlite3_stmt) stmt = _sam_database_prepare (database_of (session), sql, NULL);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);

  return sqlite3_step (stmt) == SQLITE_ROW;
}

static void
bind_id_or_null (sqlite3_stmt *stmt,
                 int           index,
                 gint64        id)
{
  if (id != 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

static void
visibility_init (Visibility *self,
                 SamSession *session)
{
  self->session = session;
  self->verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
visibility_clear (Visibility *self)
{
  g_clear_pointer (&self->verdicts, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Visibility, visibility_clear)

static gboolean
agency_visible (Visibility *self,
                gint64      case_id,
                gint64      agency_id)
{
  SamAccessTarget target = { .case_id = case_id, .item_agency_id = agency_id };
  g_autofree char *key = NULL;
  gpointer known;
  gboolean verdict;

  key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, case_id, agency_id);
  if (g_hash_table_lookup_extended (self->verdicts, key, NULL, &known))
    return GPOINTER_TO_INT (known);

  verdict = sam_policy_may (self->session, SAM_OPERATION_CASE_ITEM_VIEW, &target);
  g_hash_table_insert (self->verdicts, g_steal_pointer (&key), GINT_TO_POINTER (verdict));

  return verdict;
}

/* See the top of the file: the responsible agency's or the recording
 * agency's items. */
static gboolean
action_visible (Visibility *self,
                gint64      case_id,
                gint64      responsible_agency_id,
                gint64      recorded_agency_id)
{
  return agency_visible (self, case_id, responsible_agency_id) ||
         (recorded_agency_id != 0 && recorded_agency_id != responsible_agency_id &&
          agency_visible (self, case_id, recorded_agency_id));
}

static gboolean
action_row_visible (Visibility   *self,
                    sqlite3_stmt *stmt)
{
  return action_visible (self, sqlite3_column_int64 (stmt, ACTION_CASE_ID),
                         sqlite3_column_int64 (stmt, ACTION_AGENCY_ID),
                         sqlite3_column_int64 (stmt, ACTION_RECORDED_AGENCY_ID));
}

/* Rows ----------------------------------------------------------------------- */

static SamPlanGoal *
goal_from_row (sqlite3_stmt *stmt)
{
  SamPlanGoal *goal = g_new0 (SamPlanGoal, 1);

  goal->id = sqlite3_column_int64 (stmt, GOAL_ID);
  goal->case_id = sqlite3_column_int64 (stmt, GOAL_CASE_ID);
  goal->description = _sam_store_column_dup (stmt, GOAL_DESCRIPTION);
  goal->indicator = _sam_store_column_dup (stmt, GOAL_INDICATOR);
  goal->created_by = sqlite3_column_int64 (stmt, GOAL_CREATED_BY);
  goal->created_by_name = _sam_store_column_dup (stmt, GOAL_CREATED_BY_NAME);
  goal->agency_id = sqlite3_column_int64 (stmt, GOAL_AGENCY_ID);
  goal->agency_name = _sam_store_column_dup (stmt, GOAL_AGENCY_NAME);
  goal->created_at = _sam_store_column_dup (stmt, GOAL_CREATED_AT);
  goal->updated_at = _sam_store_column_dup (stmt, GOAL_UPDATED_AT);

  return goal;
}

static void
set_intervention (SamPlanAction *action)
{
  const SamCatalogueEntry *entry;

  entry = sam_catalogue_lookup (SAM_CATALOGUE_KIND_INTERVENTION, action->intervention_code);
  if (entry == NULL)
    {
      /* A retired code keeps its records; it just has no label. */
      action->intervention_label = g_strdup (action->intervention_code);
      action->evidence_level = SAM_EVIDENCE_LEVEL_NONE;
      return;
    }

  action->intervention_label = g_strdup (sam_catalogue_entry_get_label (entry));
  action->evidence_level = entry->evidence_level;
}

static SamPlanAction *
action_from_row (sqlite3_stmt *stmt)
{
  SamPlanAction *action = g_new0 (SamPlanAction, 1);

  action->id = sqlite3_column_int64 (stmt, ACTION_ID);
  action->case_id = sqlite3_column_int64 (stmt, ACTION_CASE_ID);
  action->case_number = _sam_store_column_dup (stmt, ACTION_CASE_NUMBER);
  action->goal_id = sqlite3_column_int64 (stmt, ACTION_GOAL_ID);
  action->description = _sam_store_column_dup (stmt, ACTION_DESCRIPTION);
  action->intervention_code = _sam_store_column_dup (stmt, ACTION_INTERVENTION);
  action->responsible_agency_id = sqlite3_column_int64 (stmt, ACTION_AGENCY_ID);
  action->responsible_agency_name = _sam_store_column_dup (stmt, ACTION_AGENCY_NAME);
  action->responsible_user_id = sqlite3_column_int64 (stmt, ACTION_USER_ID);
  action->responsible_user_name = _sam_store_column_dup (stmt, ACTION_USER_NAME);
  action->starts_on = _sam_store_column_dup (stmt, ACTION_STARTS_ON);
  action->due_on = _sam_store_column_dup (stmt, ACTION_DUE_ON);
  if (!sam_plan_action_status_from_string ((const char *) sqlite3_column_text (stmt, ACTION_STATUS),
                                           &action->status))
    action->status = SAM_PLAN_ACTION_PLANNED;
  action->created_at = _sam_store_column_dup (stmt, ACTION_CREATED_AT);
  action->updated_at = _sam_store_column_dup (stmt, ACTION_UPDATED_AT);
  set_intervention (action);

  return action;
}

/* Reads one row by id, without a policy check or an audit row: for the
 * store's own use once the caller has been checked. */
static sqlite3_stmt *
step_one (SamSession  *session,
          const char  *sql,
          gint64       id,
          const char  *missing,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (session), sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_steal_pointer (&stmt);

  if (rc == SQLITE_DONE)
    _sam_store_not_found (error, "%s", missing);
  else
    _sam_database_set_error (database_of (session), error, rc, _("Reading the plan"));

  return NULL;
}

static SamPlanGoal *
load_goal (SamSession  *session,
           gint64       goal_id,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = step_one (session, GOAL_SELECT " WHERE g.id = ?1", goal_id,
                   _("Goal: there is no such goal."), error);

  return stmt != NULL ? goal_from_row (stmt) : NULL;
}

static SamPlanAction *
load_action (SamSession  *session,
             gint64       action_id,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = step_one (session, ACTION_SELECT " WHERE x.id = ?1", action_id,
                   _("Action: there is no such action."), error);

  return stmt != NULL ? action_from_row (stmt) : NULL;
}

static gboolean
load_case_facts (SamSession  *session,
                 gint64       case_id,
                 CaseFacts   *out_facts,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id = _sam_store_id_to_string (case_id);
  g_autofree char *missing = g_strdup_printf (_("Case: there is no case with id %s."), id);

  stmt = step_one (session, "SELECT person_id, status = 'closed' FROM cases WHERE id = ?1",
                   case_id, missing, error);
  if (stmt == NULL)
    return FALSE;

  out_facts->id = case_id;
  out_facts->person_id = sqlite3_column_int64 (stmt, 0);
  out_facts->closed = sqlite3_column_int (stmt, 1) != 0;

  return TRUE;
}

/* The due list spans cases, so no case's rule applies: only the role (no
 * person-level data for managers and administrators), and a session that
 * is unlocked and past its one-time passphrase. */
static gboolean
check_front_line (SamSession  *session,
                  GError     **error)
{
  if (!_sam_store_role_may (session, SAM_OPERATION_CASE_VIEW, error))
    return FALSE;

  /* Only reached for a locked session or a one-time passphrase, which
   * sam_policy_check() refuses with its own message. */
  if (sam_session_is_locked (session) || sam_session_get_must_change_passphrase (session))
    return sam_policy_check (session, SAM_OPERATION_CASE_VIEW, error);

  return TRUE;
}

/* Writing: checks -------------------------------------------------------------- */

/* The case exists, the policy allows @operation on it (with @item_agency_id
 * as the item's agency, or 0), and it is not closed. */
static gboolean
check_case_writable (SamSession    *session,
                     gint64         case_id,
                     SamOperation   operation,
                     gint64         item_agency_id,
                     CaseFacts     *out_facts,
                     GError       **error)
{
  SamAccessTarget target = { .case_id = case_id, .item_agency_id = item_agency_id };

  if (!load_case_facts (session, case_id, out_facts, error) ||
      !sam_policy_check_target (session, operation, &target, error))
    return FALSE;

  if (out_facts->closed)
    return _sam_store_invalid (error, _("Case: the case is closed, so its plan can no longer "
                                        "change."));

  return TRUE;
}

static gboolean
validate_goal (const char  *description,
               const char  *indicator,
               GError     **error)
{
  return sam_validate_text (_("Goal"), description, 1, PLAN_TEXT_MAX_CHARS, SAM_TEXT_MULTI_LINE,
                            error) &&
         sam_validate_text (_("Indicator"), indicator, 1, PLAN_TEXT_MAX_CHARS,
                            SAM_TEXT_MULTI_LINE, error);
}

/* @current_code is the code the action holds now, or %NULL for a new one:
 * an action may keep a code the catalogue has since retired. */
static gboolean
validate_intervention (const char  *code,
                       const char  *current_code,
                       GError     **error)
{
  if (code == NULL || *code == '\0')
    return _sam_store_invalid (error, _("Intervention: choose an intervention type."));

  if (g_strcmp0 (code, current_code) == 0 ||
      sam_catalogue_lookup (SAM_CATALOGUE_KIND_INTERVENTION, code) != NULL)
    return TRUE;

  return _sam_store_invalid (error, _("Intervention: choose one of the catalogue’s intervention "
                                      "types."));
}

static gboolean
validate_responsible (SamSession                *session,
                      gint64                     case_id,
                      const SamPlanActionDraft  *draft,
                      GError                   **error)
{
  if (!exists (session, "SELECT 1 FROM agencies WHERE id = ?1 AND kind <> 'administration'"
                        " AND ?2 = ?2", draft->responsible_agency_id, 0))
    return _sam_store_invalid (error, _("Responsible agency: choose one of the agencies that work "
                                        "in SSPF."));

  if (draft->responsible_user_id == 0)
    return TRUE;

  if (!exists (session, "SELECT 1 FROM users WHERE id = ?1 AND agency_id = ?2 AND disabled = 0",
               draft->responsible_user_id, draft->responsible_agency_id))
    return _sam_store_invalid (error, _("Responsible person: choose someone who works at the "
                                        "responsible agency."));

  if (!exists (session, "SELECT 1 FROM case_team WHERE case_id = ?1 AND user_id = ?2"
                        " UNION ALL SELECT 1 FROM cases WHERE id = ?1 AND coordinator_id = ?2",
               case_id, draft->responsible_user_id))
    return _sam_store_invalid (error, _("Responsible person: add them to the case’s team first."));

  return TRUE;
}

static gboolean
validate_dates (const SamPlanActionDraft  *draft,
                GError                   **error)
{
  GDate starts, due;

  g_date_clear (&starts, 1);
  g_date_clear (&due, 1);

  return sam_validate_date (_("Start date"), draft->starts_on, &starts, error) &&
         sam_validate_date (_("Due date"), draft->due_on, &due, error) &&
         sam_validate_date_range (_("Start date"), &starts, _("Due date"), &due, error);
}

static gboolean
validate_action (SamSession                *session,
                 gint64                     case_id,
                 const SamPlanActionDraft  *draft,
                 const char                *current_code,
                 GError                   **error)
{
  if (draft->goal_id != 0 &&
      !exists (session, "SELECT 1 FROM plan_goals WHERE id = ?1 AND case_id = ?2",
               draft->goal_id, case_id))
    return _sam_store_invalid (error, _("Goal: choose one of this case’s goals, or none."));

  return sam_validate_text (_("Action"), draft->description, 1, PLAN_TEXT_MAX_CHARS,
                            SAM_TEXT_MULTI_LINE, error) &&
         validate_intervention (draft->intervention_code, current_code, error) &&
         validate_responsible (session, case_id, draft, error) &&
         validate_dates (draft, error);
}

static gboolean
validate_status_change (SamPlanActionStatus   from,
                        SamPlanActionStatus   to,
                        GError              **error)
{
  if (to >= SAM_N_PLAN_ACTION_STATUSES)
    return _sam_store_invalid (error, _("Status: choose one of the action statuses."));

  if (from == to)
    return _sam_store_invalid (error, _("Status: the action is already “%s”."),
                               sam_plan_action_status_get_label (to));

  if (!sam_plan_action_status_can_change (from, to))
    return _sam_store_invalid (error, _("Status: an action that is “%s” cannot become “%s”."),
                               sam_plan_action_status_get_label (from),
                               sam_plan_action_status_get_label (to));

  return TRUE;
}

/* Writing: rows -------------------------------------------------------------------- */

/* The plan_changes row and the audit row that go with every write. */
static gboolean
record_change (SamSession       *session,
               const CaseFacts  *facts,
               gint64            goal_id,
               gint64            action_id,
               const char       *change,
               const char       *now,
               GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SamAuditAction audit_action = g_str_equal (change, "created") ? SAM_AUDIT_CREATE
                                                                : SAM_AUDIT_UPDATE;

  stmt = _sam_database_prepare (database_of (session),
                                "INSERT INTO plan_changes (case_id, goal_id, action_id, change,"
                                "  changed_by, agency_id, changed_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, facts->id);
  bind_id_or_null (stmt, 2, goal_id);
  bind_id_or_null (stmt, 3, action_id);
  sqlite3_bind_text (stmt, 4, change, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, sam_session_get_user_id (session));
  sqlite3_bind_int64 (stmt, 6, sam_session_get_agency_id (session));
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);

  return _sam_store_step_done (session, stmt, _("Saving the plan"), error) &&
         _sam_store_audit (session, audit_action, goal_id != 0 ? "plan_goal" : "plan_action",
                           goal_id != 0 ? goal_id : action_id, facts->person_id, facts->id,
                           change, error);
}

static gboolean
insert_goal (SamSession       *session,
             const CaseFacts  *facts,
             const char       *description,
             const char       *indicator,
             gint64           *out_id,
             GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _sam_store_now_utc ();

  stmt = _sam_database_prepare (database_of (session),
                                "INSERT INTO plan_goals (case_id, description, indicator,"
                                "  created_by, agency_id, created_at, updated_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, facts->id);
  sqlite3_bind_text (stmt, 2, description, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, indicator, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, sam_session_get_user_id (session));
  sqlite3_bind_int64 (stmt, 5, sam_session_get_agency_id (session));
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);

  if (!_sam_store_step_done (session, stmt, _("Saving the plan"), error))
    return FALSE;

  *out_id = sqlite3_last_insert_rowid (_sam_database_get_handle (database_of (session)));
  return record_change (session, facts, *out_id, 0, "created", now, error);
}

static gboolean
update_goal (SamSession       *session,
             const CaseFacts  *facts,
             gint64            goal_id,
             const char       *description,
             const char       *indicator,
             GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _sam_store_now_utc ();

  stmt = _sam_database_prepare (database_of (session),
                                "UPDATE plan_goals SET description = ?2, indicator = ?3,"
                                "  updated_at = ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, goal_id);
  sqlite3_bind_text (stmt, 2, description, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, indicator, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);

  return _sam_store_step_done (session, stmt, _("Saving the plan"), error) &&
         record_change (session, facts, goal_id, 0, "updated", now, error);
}

static void
bind_draft (sqlite3_stmt              *stmt,
            const SamPlanActionDraft  *draft)
{
  bind_id_or_null (stmt, 2, draft->goal_id);
  sqlite3_bind_text (stmt, 3, draft->description, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, draft->intervention_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, draft->responsible_agency_id);
  bind_id_or_null (stmt, 6, draft->responsible_user_id);
  sqlite3_bind_text (stmt, 7, draft->starts_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, draft->due_on, -1, SQLITE_TRANSIENT);
}

/* The draft's fields are ?2 to ?8 of both statements below. */
static gboolean
insert_action (SamSession                *session,
               const CaseFacts           *facts,
               const SamPlanActionDraft  *draft,
               gint64                    *out_id,
               GError                   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _sam_store_now_utc ();

  stmt = _sam_database_prepare (database_of (session),
                                "INSERT INTO plan_actions (case_id, goal_id, description,"
                                "  intervention_code, responsible_agency_id, responsible_user_id,"
                                "  starts_on, due_on, created_by, created_at, updated_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, facts->id);
  bind_draft (stmt, draft);
  sqlite3_bind_int64 (stmt, 9, sam_session_get_user_id (session));
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_TRANSIENT);

  if (!_sam_store_step_done (session, stmt, _("Saving the plan"), error))
    return FALSE;

  *out_id = sqlite3_last_insert_rowid (_sam_database_get_handle (database_of (session)));
  return record_change (session, facts, 0, *out_id, "created", now, error);
}

static gboolean
update_action (SamSession                *session,
               const CaseFacts           *facts,
               gint64                     action_id,
               const SamPlanActionDraft  *draft,
               GError                   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _sam_store_now_utc ();

  stmt = _sam_database_prepare (database_of (session),
                                "UPDATE plan_actions SET goal_id = ?2, description = ?3,"
                                "  intervention_code = ?4, responsible_agency_id = ?5,"
                                "  responsible_user_id = ?6, starts_on = ?7, due_on = ?8,"
                                "  updated_at = ?9 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, action_id);
  bind_draft (stmt, draft);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_TRANSIENT);

  return _sam_store_step_done (session, stmt, _("Saving the plan"), error) &&
         record_change (session, facts, 0, action_id, "updated", now, error);
}

static gboolean
save_status (SamSession           *session,
             const CaseFacts      *facts,
             gint64                action_id,
             SamPlanActionStatus   status,
             GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _sam_store_now_utc ();
  g_autofree char *change = g_strconcat ("status:", statuses[status].id, NULL);

  stmt = _sam_database_prepare (database_of (session),
                                "UPDATE plan_actions SET status = ?2, updated_at = ?3 WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, action_id);
  sqlite3_bind_text (stmt, 2, statuses[status].id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);

  return _sam_store_step_done (session, stmt, _("Saving the plan"), error) &&
         record_change (session, facts, 0, action_id, change, now, error);
}

/* Runs the write @save as one transaction: its rows, the plan change and
 * the audit row commit or vanish together. */
#define IN_TRANSACTION(session, error, save) \
  (_sam_database_begin (database_of (session), (error)) && \
   (((save) && _sam_database_commit (database_of (session), (error))) || \
    (_sam_database_rollback (database_of (session)), FALSE)))

/* Reading ---------------------------------------------------------------------------- */

static gboolean
read_goals (Visibility  *visibility,
            gint64       case_id,
            GPtrArray   *goals,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (visibility->session),
                                GOAL_SELECT " WHERE g.case_id = ?1 ORDER BY g.created_at, g.id",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (agency_visible (visibility, case_id, sqlite3_column_int64 (stmt, GOAL_AGENCY_ID)))
        g_ptr_array_add (goals, goal_from_row (stmt));
    }

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (visibility->session), error, rc, _("Reading the plan"));
      return FALSE;
    }

  return TRUE;
}

/* Steps @stmt to its end and keeps the actions @visibility lets through,
 * at most @limit of them (0: all). */
static gboolean
read_actions (Visibility    *visibility,
              sqlite3_stmt  *stmt,
              guint          limit,
              GPtrArray     *actions,
              GError       **error)
{
  int rc = SQLITE_DONE;

  while ((limit == 0 || actions->len < limit) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (action_row_visible (visibility, stmt))
        g_ptr_array_add (actions, action_from_row (stmt));
    }

  if (limit != 0 && actions->len >= limit)
    return TRUE;

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (visibility->session), error, rc, _("Reading the plan"));
      return FALSE;
    }

  return TRUE;
}

static SamPlan *
plan_new (void)
{
  SamPlan *plan = g_new0 (SamPlan, 1);

  plan->goals = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_plan_goal_free);
  plan->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_plan_action_free);

  return plan;
}

static SamPlan *
read_plan (SamSession       *session,
           const CaseFacts  *facts,
           GError          **error)
{
  g_auto(Visibility) visibility = { 0 };
  g_autoptr(SamPlan) plan = plan_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *reason = NULL;

  visibility_init (&visibility, session);
  if (!read_goals (&visibility, facts->id, plan->goals, error))
    return NULL;

  stmt = _sam_database_prepare (database_of (session),
                                ACTION_SELECT " WHERE x.case_id = ?1"
                                " ORDER BY x.starts_on, x.due_on, x.id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, facts->id);
  if (!read_actions (&visibility, stmt, 0, plan->actions, error))
    return NULL;

  reason = g_strdup_printf ("count:%u", plan->goals->len + plan->actions->len);
  if (!_sam_store_audit (session, SAM_AUDIT_VIEW, "plan", facts->id, facts->person_id, facts->id,
                         reason, error))
    return NULL;

  return g_steal_pointer (&plan);
}

static GPtrArray *
read_due_actions (SamSession  *session,
                  const char  *before_date,
                  guint        limit,
                  GError     **error)
{
  g_auto(Visibility) visibility = { 0 };
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_plan_action_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *reason = NULL;

  /* Narrowed in SQL to the viewer's cases; the policy decides row by row. */
  stmt = _sam_database_prepare (database_of (session),
                                ACTION_SELECT
                                " WHERE x.status IN ('planned', 'ongoing') AND x.due_on < ?1"
                                "   AND c.status <> 'closed'"
                                "   AND (?2 OR c.coordinator_id = ?3 OR EXISTS (SELECT 1 FROM"
                                "        case_team t WHERE t.case_id = x.case_id AND t.user_id = ?3))"
                                " ORDER BY x.due_on, x.id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, before_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, sam_session_get_role (session) == SAM_ROLE_COORDINATOR);
  sqlite3_bind_int64 (stmt, 3, sam_session_get_user_id (session));

  visibility_init (&visibility, session);
  if (!read_actions (&visibility, stmt, limit, actions, error))
    return NULL;

  reason = g_strdup_printf ("count:%u", actions->len);
  if (!_sam_store_audit (session, SAM_AUDIT_SEARCH, "plan_due", 0, 0, 0, reason, error))
    return NULL;

  return g_steal_pointer (&actions);
}

/* Chronology ------------------------------------------------------------------------------ */

enum
{
  CHANGE_ID,
  CHANGE_TIME,
  CHANGE_AUTHOR_ID,
  CHANGE_AUTHOR_NAME,
  CHANGE_AGENCY_ID,
  CHANGE_AGENCY_NAME,
  CHANGE_CODE,
  CHANGE_GOAL_ID,
  CHANGE_GOAL_AGENCY_ID,
  CHANGE_GOAL_TEXT,
  CHANGE_ACTION_AGENCY_ID,
  CHANGE_ACTION_TEXT,
  CHANGE_ACTION_RECORDED_AGENCY_ID,
};

static const char changes_sql[] =
  "SELECT p.id, p.changed_at, p.changed_by, u.display_name, p.agency_id, a.name, p.change,"
  "       p.goal_id, g.agency_id, g.description,"
  "       x.responsible_agency_id, x.description, " RECORDED_AGENCY ("x")
  "  FROM plan_changes p JOIN users u ON u.id = p.changed_by JOIN agencies a ON a.id = p.agency_id"
  "  LEFT JOIN plan_goals g ON g.id = p.goal_id LEFT JOIN plan_actions x ON x.id = p.action_id"
  " WHERE p.case_id = ?1";

/* "Action added: …", "Action status: Done — …": the item's text, with the
 * goal's or action's description as it reads now. */
static char *
describe_change (sqlite3_stmt *stmt)
{
  const char *change = (const char *) sqlite3_column_text (stmt, CHANGE_CODE);
  gboolean goal = sqlite3_column_type (stmt, CHANGE_GOAL_ID) != SQLITE_NULL;
  const char *text = (const char *) sqlite3_column_text (stmt, goal ? CHANGE_GOAL_TEXT
                                                                     : CHANGE_ACTION_TEXT);
  SamPlanActionStatus status;

  if (g_strcmp0 (change, "created") == 0)
    return g_strdup_printf (goal ? _("Goal added: %s") : _("Action added: %s"), text);

  if (!goal && g_str_has_prefix (change, "status:") &&
      sam_plan_action_status_from_string (change + strlen ("status:"), &status))
    return g_strdup_printf (_("Action status: %s — %s"),
                            sam_plan_action_status_get_label (status), text);

  return g_strdup_printf (goal ? _("Goal changed: %s") : _("Action changed: %s"), text);
}

static gboolean
change_visible (Visibility   *visibility,
                gint64        case_id,
                sqlite3_stmt *stmt)
{
  if (sqlite3_column_type (stmt, CHANGE_GOAL_ID) != SQLITE_NULL)
    return agency_visible (visibility, case_id, sqlite3_column_int64 (stmt, CHANGE_GOAL_AGENCY_ID));

  return action_visible (visibility, case_id, sqlite3_column_int64 (stmt, CHANGE_ACTION_AGENCY_ID),
                         sqlite3_column_int64 (stmt, CHANGE_ACTION_RECORDED_AGENCY_ID));
}

static SamChronologyItem *
chronology_item_from_row (sqlite3_stmt *stmt)
{
  SamChronologyItem *item = g_new0 (SamChronologyItem, 1);

  item->kind = SAM_CHRONOLOGY_PLAN_CHANGED;
  item->object_id = sqlite3_column_int64 (stmt, CHANGE_ID);
  item->time = _sam_store_column_dup (stmt, CHANGE_TIME);
  item->author_id = sqlite3_column_int64 (stmt, CHANGE_AUTHOR_ID);
  item->author_name = _sam_store_column_dup (stmt, CHANGE_AUTHOR_NAME);
  item->agency_id = sqlite3_column_int64 (stmt, CHANGE_AGENCY_ID);
  item->agency_name = _sam_store_column_dup (stmt, CHANGE_AGENCY_NAME);
  item->title = sam_chronology_kind_get_title (SAM_CHRONOLOGY_PLAN_CHANGED);
  item->text = describe_change (stmt);

  return item;
}

gboolean
_sam_plan_store_read_chronology (SamSession  *session,
                                 gint64       case_id,
                                 GPtrArray   *items,
                                 GError     **error)
{
  g_auto(Visibility) visibility = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (items != NULL, FALSE);

  stmt = _sam_database_prepare (database_of (session), changes_sql, error);
  if (stmt == NULL)
    return FALSE;

  visibility_init (&visibility, session);
  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (change_visible (&visibility, case_id, stmt))
        g_ptr_array_add (items, chronology_item_from_row (stmt));
    }

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Reading the chronology"));
      return FALSE;
    }

  return TRUE;
}

/* Public API: statuses and freeing ----------------------------------------------------- */

/**
 * sam_plan_action_status_to_string:
 * @status: a status
 *
 * Returns: the status's stable id, as stored: "planned", "ongoing", "done"
 *   or "cancelled"
 */
const char *
sam_plan_action_status_to_string (SamPlanActionStatus status)
{
  g_return_val_if_fail (status < SAM_N_PLAN_ACTION_STATUSES, NULL);

  return statuses[status].id;
}

/**
 * sam_plan_action_status_from_string:
 * @string: (nullable): a status id
 * @out_status: (out): the status
 *
 * Returns: %TRUE when @string is a status id
 */
gboolean
sam_plan_action_status_from_string (const char          *string,
                                    SamPlanActionStatus *out_status)
{
  g_return_val_if_fail (out_status != NULL, FALSE);

  for (guint i = 0; string != NULL && i < SAM_N_PLAN_ACTION_STATUSES; i++)
    {
      if (g_str_equal (string, statuses[i].id))
        {
          *out_status = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * sam_plan_action_status_get_label:
 * @status: a status
 *
 * Returns: the status's name in the user's language, such as "Ongoing"
 */
const char *
sam_plan_action_status_get_label (SamPlanActionStatus status)
{
  g_return_val_if_fail (status < SAM_N_PLAN_ACTION_STATUSES, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, STATUS_CONTEXT, statuses[status].label);
}

/**
 * sam_plan_action_status_can_change:
 * @from: the status now
 * @to: the status wanted
 *
 * Returns: whether an action may move from @from to @to: planned →
 *   ongoing → done, or planned or ongoing → cancelled
 */
gboolean
sam_plan_action_status_can_change (SamPlanActionStatus from,
                                   SamPlanActionStatus to)
{
  g_return_val_if_fail (from < SAM_N_PLAN_ACTION_STATUSES, FALSE);
  g_return_val_if_fail (to < SAM_N_PLAN_ACTION_STATUSES, FALSE);

  return transitions[from][to];
}

/**
 * sam_plan_goal_free:
 * @goal: (nullable): a goal
 *
 * Frees @goal and its strings.
 */
void
sam_plan_goal_free (SamPlanGoal *goal)
{
  if (goal == NULL)
    return;

  g_free (goal->description);
  g_free (goal->indicator);
  g_free (goal->created_by_name);
  g_free (goal->agency_name);
  g_free (goal->created_at);
  g_free (goal->updated_at);
  g_free (goal);
}

/**
 * sam_plan_action_free:
 * @action: (nullable): an action
 *
 * Frees @action and its strings.
 */
void
sam_plan_action_free (SamPlanAction *action)
{
  if (action == NULL)
    return;

  g_free (action->case_number);
  g_free (action->description);
  g_free (action->intervention_code);
  g_free (action->intervention_label);
  g_free (action->responsible_agency_name);
  g_free (action->responsible_user_name);
  g_free (action->starts_on);
  g_free (action->due_on);
  g_free (action->created_at);
  g_free (action->updated_at);
  g_free (action);
}

/**
 * sam_plan_free:
 * @plan: (nullable): a plan
 *
 * Frees @plan with its goals and actions.
 */
void
sam_plan_free (SamPlan *plan)
{
  if (plan == NULL)
    return;

  g_clear_pointer (&plan->goals, g_ptr_array_unref);
  g_clear_pointer (&plan->actions, g_ptr_array_unref);
  g_free (plan);
}

/* Public API: writing ---------------------------------------------------------------------- */

/**
 * sam_plan_store_add_goal:
 * @session: social services on the case's team, or an SSPF coordinator
 * @case_id: the case, not closed
 * @description: the goal, 1 to 2000 characters
 * @indicator: what will show that it is reached, 1 to 2000 characters
 * @error: return location for a #GError
 *
 * Adds a goal to the case's plan, recorded for the writer's agency. The
 * goal, its "created" plan change and its audit row are written together.
 * A field in error is named in a %SAM_STORE_ERROR_INVALID message, and
 * nothing is saved.
 *
 * Returns: (transfer full): the new goal, or %NULL
 */
SamPlanGoal *
sam_plan_store_add_goal (SamSession  *session,
                         gint64       case_id,
                         const char  *description,
                         const char  *indicator,
                         GError     **error)
{
  CaseFacts facts = { 0 };
  gint64 id = 0;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_sam_store_role_may (session, SAM_OPERATION_PLAN_MANAGE, error) ||
      !check_case_writable (session, case_id, SAM_OPERATION_PLAN_MANAGE, 0, &facts, error) ||
      !validate_goal (description, indicator, error) ||
      !IN_TRANSACTION (session, error,
                       insert_goal (session, &facts, description, indicator, &id, error)))
    return NULL;

  return load_goal (session, id, error);
}

/**
 * sam_plan_store_update_goal:
 * @session: social services on the case's team, or an SSPF coordinator
 * @goal_id: the goal
 * @description: the goal, 1 to 2000 characters
 * @indicator: its indicator, 1 to 2000 characters
 * @error: return location for a #GError
 *
 * Rewrites a goal. It stays recorded for the agency that wrote it; the
 * "updated" plan change names the writer and their agency.
 *
 * Returns: (transfer full): the goal as saved, or %NULL
 */
SamPlanGoal *
sam_plan_store_update_goal (SamSession  *session,
                            gint64       goal_id,
                            const char  *description,
                            const char  *indicator,
                            GError     **error)
{
  g_autoptr(SamPlanGoal) current = NULL;
  CaseFacts facts = { 0 };

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_sam_store_role_may (session, SAM_OPERATION_PLAN_MANAGE, error) ||
      !(current = load_goal (session, goal_id, error)) ||
      !check_case_writable (session, current->case_id, SAM_OPERATION_PLAN_MANAGE, 0, &facts,
                            error) ||
      !validate_goal (description, indicator, error) ||
      !IN_TRANSACTION (session, error,
                       update_goal (session, &facts, goal_id, description, indicator, error)))
    return NULL;

  return load_goal (session, goal_id, error);
}

/**
 * sam_plan_store_add_action:
 * @session: social services on the case's team, or an SSPF coordinator
 * @case_id: the case, not closed
 * @draft: the action: a goal of the same case or none, a description, an
 *   intervention type of the catalogue, an existing responsible agency, a
 *   responsible person of that agency on the case's team or none, and real
 *   start and due dates with the due date on or after the start
 * @error: return location for a #GError
 *
 * Adds a planned action to the case's plan. The action, its "created"
 * plan change and its audit row are written together. A field in error
 * is named in a %SAM_STORE_ERROR_INVALID message, and nothing is saved.
 *
 * Returns: (transfer full): the new action, or %NULL
 */
SamPlanAction *
sam_plan_store_add_action (SamSession                *session,
                           gint64                     case_id,
                           const SamPlanActionDraft  *draft,
                           GError                   **error)
{
  CaseFacts facts = { 0 };
  gint64 id = 0;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (draft != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_sam_store_role_may (session, SAM_OPERATION_PLAN_MANAGE, error) ||
      !check_case_writable (session, case_id, SAM_OPERATION_PLAN_MANAGE, 0, &facts, error) ||
      !validate_action (session, case_id, draft, NULL, error) ||
      !IN_TRANSACTION (session, error, insert_action (session, &facts, draft, &id, error)))
    return NULL;

  return load_action (session, id, error);
}

/**
 * sam_plan_store_update_action:
 * @session: social services on the case's team, or an SSPF coordinator
 * @action_id: the action
 * @draft: every field, as for sam_plan_store_add_action(); an action may
 *   keep an intervention code the catalogue has since retired
 * @error: return location for a #GError
 *
 * Rewrites an action's fields; its status changes only through
 * sam_plan_store_set_action_status().
 *
 * Returns: (transfer full): the action as saved, or %NULL
 */
SamPlanAction *
sam_plan_store_update_action (SamSession                *session,
                              gint64                     action_id,
                              const SamPlanActionDraft  *draft,
                              GError                   **error)
{
  g_autoptr(SamPlanAction) current = NULL;
  CaseFacts facts = { 0 };

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (draft != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_sam_store_role_may (session, SAM_OPERATION_PLAN_MANAGE, error) ||
      !(current = load_action (session, action_id, error)) ||
      !check_case_writable (session, current->case_id, SAM_OPERATION_PLAN_MANAGE, 0, &facts,
                            error) ||
      !validate_action (session, current->case_id, draft, current->intervention_code, error) ||
      !IN_TRANSACTION (session, error,
                       update_action (session, &facts, action_id, draft, error)))
    return NULL;

  return load_action (session, action_id, error);
}

/**
 * sam_plan_store_set_action_status:
 * @session: a team member of the agency responsible for the action, or
 *   social services on the case's team, or an SSPF coordinator
 * @action_id: the action
 * @status: the new status
 * @error: return location for a #GError
 *
 * Moves an action along planned → ongoing → done, or from planned or
 * ongoing to cancelled. A refused step is a %SAM_STORE_ERROR_INVALID
 * naming "Status"; a refused writer is %SAM_POLICY_ERROR_DENIED. The
 * status, its plan change ("status:done", …) and its audit row (reason the
 * same code) are written together.
 *
 * Returns: %TRUE on success
 */
gboolean
sam_plan_store_set_action_status (SamSession           *session,
                                  gint64                action_id,
                                  SamPlanActionStatus   status,
                                  GError              **error)
{
  g_autoptr(SamPlanAction) current = NULL;
  CaseFacts facts = { 0 };

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _sam_store_role_may (session, SAM_OPERATION_ACTION_UPDATE, error) &&
         (current = load_action (session, action_id, error)) != NULL &&
         check_case_writable (session, current->case_id, SAM_OPERATION_ACTION_UPDATE,
                              current->responsible_agency_id, &facts, error) &&
         validate_status_change (current->status, status, error) &&
         IN_TRANSACTION (session, error, save_status (session, &facts, action_id, status, error));
}

/* Public API: reading ------------------------------------------------------------------------ */

/**
 * sam_plan_store_get:
 * @session: someone who may open the case
 * @case_id: the case
 * @error: return location for a #GError
 *
 * Opens a case's plan: the goals and actions the viewer may see (see the
 * top of sam-plan-store.c), goals oldest first, actions by start date.
 * Audited as one VIEW row (object `plan`, reason `count:N`).
 *
 * Returns: (transfer full): the plan, or %NULL
 */
SamPlan *
sam_plan_store_get (SamSession  *session,
                    gint64       case_id,
                    GError     **error)
{
  SamAccessTarget target = { .case_id = case_id };
  g_autoptr(SamPlan) plan = NULL;
  CaseFacts facts = { 0 };
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_sam_store_role_may (session, SAM_OPERATION_CASE_VIEW, error) ||
      !load_case_facts (session, case_id, &facts, error) ||
      !sam_policy_check_target (session, SAM_OPERATION_CASE_VIEW, &target, error))
    return NULL;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  plan = read_plan (session, &facts, error);
  if (plan == NULL || !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return g_steal_pointer (&plan);
}

/**
 * sam_plan_store_list_due_actions:
 * @session: a front-line user
 * @before_date: a date, YYYY-MM-DD; actions due before it are listed
 * @limit: the most actions to return, or 0 for all
 * @error: return location for a #GError
 *
 * The actions still planned or ongoing whose due date is before
 * @before_date, in cases that are not closed, for the Due page and the
 * reminders: across every case for an SSPF coordinator, otherwise across
 * the cases whose team the viewer is on or which they coordinate. Each
 * action carries its case number and appears only if the viewer may see
 * it. Audited as one SEARCH row (object `plan_due`, reason `count:N`).
 *
 * Returns: (transfer container) (element-type SamPlanAction): the
 *   actions, earliest due first, or %NULL
 */
GPtrArray *
sam_plan_store_list_due_actions (SamSession  *session,
                                 const char  *before_date,
                                 guint        limit,
                                 GError     **error)
{
  g_autoptr(GPtrArray) actions = NULL;
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_front_line (session, error) ||
      !sam_validate_date (_("Due before"), before_date, NULL, error))
    return NULL;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  actions = read_due_actions (session, before_date, limit, error);
  if (actions == NULL || !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return g_steal_pointer (&actions);
}
