/* sam-follow-up-store.c: follow-ups, with re-scored factors and goal attainment
 *
 * A follow-up (uppföljning, DESIGN §2 step 8) is scheduled for a date and
 * then held or cancelled. When it is held, the social worker writes notes,
 * re-scores the factors and rates each plan goal's attainment 0 to 4. The
 * re-scoring is a new mapping (sam-mapping-store.c), linked from the
 * follow-up by mapping_id and written in the same transaction, so that
 * the factor series run through every follow-up.
 *
 * Social services on the case's team schedule, hold and cancel follow-ups
 * (FOLLOW_UP_MANAGE). A follow-up is scheduled only on an active case or
 * one in follow-up: while a case awaits consent there is no joint plan
 * whose goals could be followed up, and a follow-up shared with the team
 * would have no legal basis yet; a closed case takes nothing new. Holding
 * needs a case that is not closed; cancelling is always possible, so that
 * a closed case's leftover dates can be tidied away. Moving the case to
 * follow-up or closing it after a follow-up is the caller's next step,
 * through sam_case_store_set_status().
 *
 * A follow-up is its scheduling agency's information, and once held also
 * its holder's: the viewer sees it only when the policy's item rule
 * (CASE_ITEM_VIEW) allows both agencies. A goal's description shows only
 * where the rule allows the goal's agency too.
 *
 * The reminder list (list_due) shows scheduled follow-ups due before a
 * date on cases that are not closed: every SSPF case for a coordinator,
 * otherwise the cases the viewer is on the team of or coordinates, each
 * item filtered by the policy.
 *
 * Audit: scheduling is one CREATE row (object `follow_up`); holding one
 * UPDATE row (reason `status:held`), plus the mapping's CREATE row
 * (reason `follow_up`) when factors were re-scored; cancelling one UPDATE
 * row (reason `status:cancelled`). Reading a case's follow-ups or one
 * follow-up is one VIEW row; the reminder list one SEARCH row (object
 * `follow_up_due`, reason `count:N`).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-follow-up-store"

#include "config.h"

#include "sam-follow-up-store.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sam-database-private.h"
#include "sam-error.h"
#include "sam-mapping-store-private.h"
#include "sam-policy.h"
#include "sam-store-private.h"
#include "sam-validate.h"

#define FOLLOW_UP_COLUMNS \
  "f.id, f.case_id, c.number, f.due_on, f.status, f.held_on, f.notes, f.mapping_id," \
  " f.created_by, cu.display_name, f.agency_id, a.name, f.created_at, f.held_by," \
  " hu.display_name, hu.agency_id, f.updated_at"

#define FOLLOW_UP_FROM \
  " FROM follow_ups f JOIN cases c ON c.id = f.case_id" \
  " JOIN users cu ON cu.id = f.created_by JOIN agencies a ON a.id = f.agency_id" \
  " LEFT JOIN users hu ON hu.id = f.held_by"

enum
{
  COLUMN_ID,
  COLUMN_CASE_ID,
  COLUMN_CASE_NUMBER,
  COLUMN_DUE_ON,
  COLUMN_STATUS,
  COLUMN_HELD_ON,
  COLUMN_NOTES,
  COLUMN_MAPPING_ID,
  COLUMN_CREATED_BY,
  COLUMN_CREATED_BY_NAME,
  COLUMN_AGENCY_ID,
  COLUMN_AGENCY_NAME,
  COLUMN_CREATED_AT,
  COLUMN_HELD_BY,
  COLUMN_HELD_BY_NAME,
  COLUMN_HELD_BY_AGENCY,
  COLUMN_UPDATED_AT,
};

static const struct
{
  const char *id;
  const char *label;
} statuses[SAM_N_FOLLOW_UP_STATUSES] = {
  [SAM_FOLLOW_UP_STATUS_SCHEDULED] = { "scheduled", NC_("follow-up status", "Scheduled") },
  [SAM_FOLLOW_UP_STATUS_HELD] = { "held", NC_("follow-up status", "Held") },
  [SAM_FOLLOW_UP_STATUS_CANCELLED] = { "cancelled", NC_("follow-up status", "Cancelled") },
};

/* What a write needs to know about the follow-up and its case. */
typedef struct
{
  gint64             case_id;
  gint64             person_id;
  SamFollowUpStatus  status;
  char              *case_status;
} Target;

static void
target_clear (Target *self)
{
  g_clear_pointer (&self->case_status, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Target, target_clear)

/* One reading: the policy is asked once per case and agency. */
typedef struct
{
  SamSession *session;
  GHashTable *verdicts;   /* "case:agency" → visible */
  GPtrArray  *follow_ups;
} Reading;

static void
reading_clear (Reading *self)
{
  g_clear_pointer (&self->verdicts, g_hash_table_unref);
  g_clear_pointer (&self->follow_ups, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reading, reading_clear)

/* Helpers ------------------------------------------------------------------ */

static SamDatabase *
database_of (SamSession *session)
{
  return sam_session_get_database (session);
}

static void
reading_init (Reading    *self,
              SamSession *session)
{
  self->session = session;
  self->verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->follow_ups = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_follow_up_free);
}

static void
clear_attainment (gpointer data)
{
  SamGoalAttainment *item = data;

  g_free ((char *) item->goal_description);
}

static SamFollowUp *
follow_up_from_row (sqlite3_stmt *stmt)
{
  SamFollowUp *self = g_new0 (SamFollowUp, 1);

  self->id = sqlite3_column_int64 (stmt, COLUMN_ID);
  self->case_id = sqlite3_column_int64 (stmt, COLUMN_CASE_ID);
  self->case_number = _sam_store_column_dup (stmt, COLUMN_CASE_NUMBER);
  self->due_on = _sam_store_column_dup (stmt, COLUMN_DUE_ON);
  sam_follow_up_status_from_string ((const char *) sqlite3_column_text (stmt, COLUMN_STATUS),
                                    &self->status);
  self->held_on = _sam_store_column_dup (stmt, COLUMN_HELD_ON);
  self->notes = _sam_store_column_dup (stmt, COLUMN_NOTES);
  self->mapping_id = sqlite3_column_int64 (stmt, COLUMN_MAPPING_ID);
  self->created_by = sqlite3_column_int64 (stmt, COLUMN_CREATED_BY);
  self->created_by_name = _sam_store_column_dup (stmt, COLUMN_CREATED_BY_NAME);
  self->agency_id = sqlite3_column_int64 (stmt, COLUMN_AGENCY_ID);
  self->agency_name = _sam_store_column_dup (stmt, COLUMN_AGENCY_NAME);
  self->created_at = _sam_store_column_dup (stmt, COLUMN_CREATED_AT);
  self->held_by = sqlite3_column_int64 (stmt, COLUMN_HELD_BY);
  self->held_by_name = _sam_store_column_dup (stmt, COLUMN_HELD_BY_NAME);
  self->updated_at = _sam_store_column_dup (stmt, COLUMN_UPDATED_AT);
  self->attainment = g_array_new (FALSE, FALSE, sizeof (SamGoalAttainment));
  g_array_set_clear_func (self->attainment, clear_attainment);

  return self;
}

/* Validation --------------------------------------------------------------- */

/* A follow-up is held on a day that has been, in the local calendar. */
static gboolean
validate_held_on (const char  *held_on,
                  GError     **error)
{
  g_autofree char *today = _sam_store_today ();

  if (!sam_validate_date (C_("follow-up", "Held on"), held_on, NULL, error))
    return FALSE;

  if (strcmp (held_on, today) > 0)
    return _sam_store_invalid (error, _("Held on: the date lies in the future. Write the day "
                                        "the follow-up was held."));

  return TRUE;
}

static gboolean
validate_attainment (const SamGoalAttainment  *attainment,
                     guint                     n_attainment,
                     GError                  **error)
{
  if (n_attainment > 0 && attainment == NULL)
    return _sam_store_invalid (error, _("Goal attainment: the ratings are missing."));

  for (guint i = 0; i < n_attainment; i++)
    {
      if (attainment[i].attainment < 0 || attainment[i].attainment > SAM_GOAL_ATTAINMENT_MAX)
        return _sam_store_invalid (error, _("Goal attainment: a rating must be from 0 to 4, "
                                            "not %d."), attainment[i].attainment);

      for (guint j = 0; j < i; j++)
        {
          if (attainment[j].goal_id == attainment[i].goal_id)
            return _sam_store_invalid (error, _("Goal attainment: a goal is rated twice. Keep "
                                                "one rating."));
        }
    }

  return TRUE;
}

/* In the order the follow-up form shows the fields. The goals' belonging
 * to the case is checked as they are written. */
static gboolean
validate_hold_draft (const SamFollowUpHoldDraft  *draft,
                     GError                     **error)
{
  return validate_held_on (draft->held_on, error) &&
         sam_validate_text (C_("follow-up", "Notes"), draft->notes, 0, SAM_LONG_TEXT_MAX_CHARS,
                            SAM_TEXT_MULTI_LINE, error) &&
         (draft->n_scores == 0 ||
          _sam_mapping_validate_scores (draft->scores, draft->n_scores, error)) &&
         validate_attainment (draft->attainment, draft->n_attainment, error);
}

/* Reading one for a write ------------------------------------------------- */

static gboolean
read_case (SamSession  *session,
           gint64       case_id,
           Target      *target,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT person_id, status FROM cases WHERE id = ?1", error);
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

  target->case_id = case_id;
  target->person_id = sqlite3_column_int64 (stmt, 0);
  target->case_status = _sam_store_column_dup (stmt, 1);

  return TRUE;
}

static gboolean
read_target (SamSession  *session,
             gint64       follow_up_id,
             Target      *target,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT case_id, status FROM follow_ups WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, follow_up_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return _sam_store_not_found (error, _("Follow-up: there is no such follow-up."));
  if (rc != SQLITE_ROW)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Reading a follow-up"));
      return FALSE;
    }

  sam_follow_up_status_from_string ((const char *) sqlite3_column_text (stmt, 1), &target->status);
  return read_case (session, sqlite3_column_int64 (stmt, 0), target, error);
}

/* Reads the follow-up and its case, then asks the policy about the case:
 * the role first, so that a role that may never manage follow-ups learns
 * nothing, not even whether the follow-up exists. */
static gboolean
open_for_change (SamSession  *session,
                 gint64       follow_up_id,
                 Target      *target,
                 GError     **error)
{
  return _sam_store_role_may (session, SAM_OPERATION_FOLLOW_UP_MANAGE, error) &&
         read_target (session, follow_up_id, target, error) &&
         sam_policy_check_target (session, SAM_OPERATION_FOLLOW_UP_MANAGE,
                                  &(SamAccessTarget) { .case_id = target->case_id }, error);
}

static gboolean
check_scheduled (const Target  *target,
                 GError       **error)
{
  if (target->status == SAM_FOLLOW_UP_STATUS_SCHEDULED)
    return TRUE;

  if (target->status == SAM_FOLLOW_UP_STATUS_HELD)
    return _sam_store_invalid (error, _("Status: the follow-up has already been held; only a "
                                        "scheduled follow-up can change."));

  return _sam_store_invalid (error, _("Status: the follow-up is cancelled; only a scheduled "
                                      "follow-up can change."));
}

/* Scheduling --------------------------------------------------------------- */

static gboolean
check_case_schedulable (const Target  *target,
                        GError       **error)
{
  if (g_str_equal (target->case_status, "closed"))
    return _sam_store_invalid (error, _("Case: the case is closed; no follow-up can be "
                                        "scheduled."));

  if (g_str_equal (target->case_status, "pending_consent"))
    return _sam_store_invalid (error, _("Case: the case awaits consent. Schedule follow-ups "
                                        "once it is active."));

  return TRUE;
}

static gboolean
check_no_twin (SamSession  *session,
               gint64       case_id,
               const char  *due_on,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT 1 FROM follow_ups"
                                " WHERE case_id = ?1 AND due_on = ?2 AND status = 'scheduled'",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, due_on, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _sam_store_invalid (error, _("Due date: a follow-up is already scheduled on that "
                                        "day."));
  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Reading the follow-ups"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
insert_follow_up (SamSession  *session,
                  gint64       case_id,
                  const char  *due_on,
                  gint64      *out_id,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _sam_store_now_utc ();

  stmt = _sam_database_prepare (database_of (session),
                                "INSERT INTO follow_ups (case_id, due_on, created_by, agency_id,"
                                "  created_at, updated_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, due_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, sam_session_get_user_id (session));
  sqlite3_bind_int64 (stmt, 4, sam_session_get_agency_id (session));
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);

  if (!_sam_store_step_done (session, stmt, _("Saving a follow-up"), error))
    return FALSE;

  *out_id = sqlite3_last_insert_rowid (_sam_database_get_handle (database_of (session)));
  return TRUE;
}

static gboolean
save_schedule (SamSession  *session,
               gint64       case_id,
               const char  *due_on,
               gint64      *out_id,
               GError     **error)
{
  g_auto(Target) target = { 0 };

  return read_case (session, case_id, &target, error) &&
         check_case_schedulable (&target, error) &&
         check_no_twin (session, case_id, due_on, error) &&
         insert_follow_up (session, case_id, due_on, out_id, error) &&
         _sam_store_audit (session, SAM_AUDIT_CREATE, "follow_up", *out_id, target.person_id,
                           case_id, NULL, error);
}

/* Holding and cancelling --------------------------------------------------- */

static gboolean
update_held (SamSession                  *session,
             gint64                       follow_up_id,
             const SamFollowUpHoldDraft  *draft,
             gint64                       mapping_id,
             GError                     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _sam_store_now_utc ();

  stmt = _sam_database_prepare (database_of (session),
                                "UPDATE follow_ups SET status = 'held', held_on = ?2,"
                                "  notes = nullif (?3, ''), mapping_id = nullif (?4, 0),"
                                "  held_by = ?5, updated_at = ?6"
                                " WHERE id = ?1 AND status = 'scheduled'",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, follow_up_id);
  sqlite3_bind_text (stmt, 2, draft->held_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, draft->notes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, mapping_id);
  sqlite3_bind_int64 (stmt, 5, sam_session_get_user_id (session));
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);

  return _sam_store_step_done (session, stmt, _("Saving a follow-up"), error);
}

/* Each rating names a goal of the follow-up's own case: the INSERT writes
 * nothing otherwise, and the whole hold is rolled back. */
static gboolean
insert_attainment (SamSession                  *session,
                   gint64                       follow_up_id,
                   const Target                *target,
                   const SamFollowUpHoldDraft  *draft,
                   GError                     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = _sam_database_get_handle (database_of (session));

  stmt = _sam_database_prepare (database_of (session),
                                "INSERT INTO goal_attainment (follow_up_id, goal_id, attainment)"
                                " SELECT ?1, id, ?3 FROM plan_goals WHERE id = ?2 AND case_id = ?4",
                                error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < draft->n_attainment; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, follow_up_id);
      sqlite3_bind_int64 (stmt, 2, draft->attainment[i].goal_id);
      sqlite3_bind_int (stmt, 3, draft->attainment[i].attainment);
      sqlite3_bind_int64 (stmt, 4, target->case_id);

      if (!_sam_store_step_done (session, stmt, _("Saving a follow-up"), error))
        return FALSE;

      if (sqlite3_changes (db) != 1)
        return _sam_store_invalid (error, _("Goal attainment: a rated goal is not a goal of "
                                            "this case’s plan."));
    }

  return TRUE;
}

static gboolean
save_hold (SamSession                  *session,
           gint64                       follow_up_id,
           const SamFollowUpHoldDraft  *draft,
           GError                     **error)
{
  g_auto(Target) target = { 0 };
  gint64 mapping_id = 0;

  if (!read_target (session, follow_up_id, &target, error) ||
      !check_scheduled (&target, error))
    return FALSE;

  if (g_str_equal (target.case_status, "closed"))
    return _sam_store_invalid (error, _("Case: the case is closed; its follow-ups can no longer "
                                        "be held."));

  if (draft->n_scores > 0 &&
      !_sam_mapping_insert (session, target.case_id, target.person_id, draft->held_on, NULL,
                            draft->scores, draft->n_scores, "follow_up", &mapping_id, error))
    return FALSE;

  return update_held (session, follow_up_id, draft, mapping_id, error) &&
         insert_attainment (session, follow_up_id, &target, draft, error) &&
         _sam_store_audit (session, SAM_AUDIT_UPDATE, "follow_up", follow_up_id,
                           target.person_id, target.case_id, "status:held", error);
}

static gboolean
save_cancel (SamSession  *session,
             gint64       follow_up_id,
             GError     **error)
{
  g_auto(Target) target = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _sam_store_now_utc ();

  if (!read_target (session, follow_up_id, &target, error) ||
      !check_scheduled (&target, error))
    return FALSE;

  stmt = _sam_database_prepare (database_of (session),
                                "UPDATE follow_ups SET status = 'cancelled', updated_at = ?2"
                                " WHERE id = ?1 AND status = 'scheduled'",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, follow_up_id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);

  return _sam_store_step_done (session, stmt, _("Saving a follow-up"), error) &&
         _sam_store_audit (session, SAM_AUDIT_UPDATE, "follow_up", follow_up_id,
                           target.person_id, target.case_id, "status:cancelled", error);
}

/* Reading ------------------------------------------------------------------ */

static gboolean
agency_visible (Reading *self,
                gint64   case_id,
                gint64   agency_id)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                          case_id, agency_id);
  SamAccessTarget target = { .case_id = case_id, .item_agency_id = agency_id };
  gpointer known;
  gboolean visible;

  if (g_hash_table_lookup_extended (self->verdicts, key, NULL, &known))
    return GPOINTER_TO_INT (known);

  visible = sam_policy_may (self->session, SAM_OPERATION_CASE_ITEM_VIEW, &target);
  g_hash_table_insert (self->verdicts, g_steal_pointer (&key), GINT_TO_POINTER (visible));

  return visible;
}

static gboolean
row_visible (Reading      *self,
             sqlite3_stmt *stmt)
{
  gint64 case_id = sqlite3_column_int64 (stmt, COLUMN_CASE_ID);

  if (!agency_visible (self, case_id, sqlite3_column_int64 (stmt, COLUMN_AGENCY_ID)))
    return FALSE;

  return sqlite3_column_type (stmt, COLUMN_HELD_BY) == SQLITE_NULL ||
         agency_visible (self, case_id, sqlite3_column_int64 (stmt, COLUMN_HELD_BY_AGENCY));
}

static gboolean
read_attainment (Reading      *self,
                 SamFollowUp  *follow_up,
                 GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (self->session),
                                "SELECT g.goal_id, p.description, p.agency_id, g.attainment"
                                "  FROM goal_attainment g JOIN plan_goals p ON p.id = g.goal_id"
                                " WHERE g.follow_up_id = ?1 ORDER BY g.goal_id",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, follow_up->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SamGoalAttainment item = {
        .goal_id = sqlite3_column_int64 (stmt, 0),
        .attainment = sqlite3_column_int (stmt, 3),
      };

      if (agency_visible (self, follow_up->case_id, sqlite3_column_int64 (stmt, 2)))
        item.goal_description = _sam_store_column_dup (stmt, 1);
      g_array_append_val (follow_up->attainment, item);
    }

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (self->session), error, rc, _("Reading the follow-ups"));
      return FALSE;
    }

  return TRUE;
}

/* Steps @stmt to its end, keeping the visible rows, at most @limit of them
 * (0: all). */
static gboolean
read_rows (Reading       *self,
           sqlite3_stmt  *stmt,
           guint          limit,
           GError       **error)
{
  int rc = SQLITE_DONE;

  while ((limit == 0 || self->follow_ups->len < limit) &&
         (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SamFollowUp *follow_up;

      if (!row_visible (self, stmt))
        continue;

      follow_up = follow_up_from_row (stmt);
      g_ptr_array_add (self->follow_ups, follow_up);
      if (follow_up->status == SAM_FOLLOW_UP_STATUS_HELD &&
          !read_attainment (self, follow_up, error))
        return FALSE;
    }

  if (limit != 0 && self->follow_ups->len >= limit)
    return TRUE;

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (self->session), error, rc, _("Reading the follow-ups"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_for_case (Reading  *self,
               gint64    case_id,
               gint64    follow_up_id,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _sam_database_prepare (database_of (self->session),
                                "SELECT " FOLLOW_UP_COLUMNS FOLLOW_UP_FROM
                                " WHERE f.case_id = ?1 AND (?2 = 0 OR f.id = ?2)"
                                " ORDER BY f.due_on, f.id",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, follow_up_id);

  return read_rows (self, stmt, 0, error);
}

/* The follow-ups the viewer might be reminded of, soonest first, by the
 * follow_ups_due index. The policy filters them one by one after. */
static gboolean
read_due (Reading     *self,
          const char  *before_date,
          guint        limit,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _sam_database_prepare (database_of (self->session),
                                "SELECT " FOLLOW_UP_COLUMNS FOLLOW_UP_FROM
                                " WHERE f.status = 'scheduled' AND f.due_on < ?1"
                                "   AND c.status <> 'closed'"
                                "   AND (?2 OR c.coordinator_id = ?3"
                                "        OR EXISTS (SELECT 1 FROM case_team t"
                                "                    WHERE t.case_id = c.id AND t.user_id = ?3))"
                                " ORDER BY f.due_on, f.id",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, before_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, sam_session_get_role (self->session) == SAM_ROLE_COORDINATOR);
  sqlite3_bind_int64 (stmt, 3, sam_session_get_user_id (self->session));

  return read_rows (self, stmt, limit, error);
}

static GPtrArray *
read_case_follow_ups (SamSession  *session,
                      gint64       case_id,
                      gint64       follow_up_id,
                      GError     **error)
{
  g_auto(Reading) reading = { 0 };
  g_auto(Target) target = { 0 };
  g_autofree char *reason = NULL;
  SamDatabase *database = database_of (session);

  reading_init (&reading, session);
  if (!_sam_database_begin (database, error))
    return NULL;

  if (!read_case (session, case_id, &target, error) ||
      !read_for_case (&reading, case_id, follow_up_id, error))
    goto failed;

  reason = g_strdup_printf ("count:%u", reading.follow_ups->len);
  if (!_sam_store_audit (session, SAM_AUDIT_VIEW, "follow_up", follow_up_id, target.person_id,
                         case_id, reason, error) ||
      !_sam_database_commit (database, error))
    goto failed;

  return g_steal_pointer (&reading.follow_ups);

failed:
  _sam_database_rollback (database);
  return NULL;
}

static gint64
case_of_follow_up (SamSession  *session,
                   gint64       follow_up_id,
                   GError     **error)
{
  g_auto(Target) target = { 0 };

  if (!read_target (session, follow_up_id, &target, error))
    return 0;

  return target.case_id;
}

/* Public API --------------------------------------------------------------- */

/**
 * sam_follow_up_status_to_string:
 * @status: a follow-up status
 *
 * Returns: the status's stable id: "scheduled", "held" or "cancelled"
 */
const char *
sam_follow_up_status_to_string (SamFollowUpStatus status)
{
  g_return_val_if_fail (status < SAM_N_FOLLOW_UP_STATUSES, NULL);

  return statuses[status].id;
}

/**
 * sam_follow_up_status_from_string:
 * @string: (nullable): a status id
 * @out_status: (out): the status
 *
 * Returns: whether @string is a status id
 */
gboolean
sam_follow_up_status_from_string (const char        *string,
                                  SamFollowUpStatus *out_status)
{
  g_return_val_if_fail (out_status != NULL, FALSE);

  for (guint i = 0; i < SAM_N_FOLLOW_UP_STATUSES; i++)
    {
      if (g_strcmp0 (string, statuses[i].id) == 0)
        {
          *out_status = (SamFollowUpStatus) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * sam_follow_up_status_get_label:
 * @status: a follow-up status
 *
 * Returns: the status's translated label, such as "Held"
 */
const char *
sam_follow_up_status_get_label (SamFollowUpStatus status)
{
  g_return_val_if_fail (status < SAM_N_FOLLOW_UP_STATUSES, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "follow-up status", statuses[status].label);
}

/**
 * sam_follow_up_free:
 * @follow_up: (nullable): a follow-up
 *
 * Frees @follow_up and everything it holds.
 */
void
sam_follow_up_free (SamFollowUp *follow_up)
{
  if (follow_up == NULL)
    return;

  g_free (follow_up->case_number);
  g_free (follow_up->due_on);
  g_free (follow_up->held_on);
  g_free (follow_up->notes);
  g_clear_pointer (&follow_up->attainment, g_array_unref);
  g_free (follow_up->created_by_name);
  g_free (follow_up->agency_name);
  g_free (follow_up->created_at);
  g_free (follow_up->held_by_name);
  g_free (follow_up->updated_at);
  g_free (follow_up);
}

/**
 * sam_follow_up_store_schedule:
 * @session: social services on the case's team, its coordinator, or an
 *   SSPF coordinator
 * @case_id: an active case or one in follow-up
 * @due_on: the day it is due, `YYYY-MM-DD`; a past day is allowed, for a
 *   follow-up recorded late
 * @error: return location for a #GError
 *
 * Schedules a follow-up under the scheduler's agency. Refused with
 * %SAM_STORE_ERROR_INVALID, naming the field, for a bad date, a date on
 * which one is already scheduled, or a case that awaits consent or is
 * closed. The follow-up and its audit row (CREATE) are written together.
 *
 * Returns: the new follow-up's id, or 0 with @error set
 */
gint64
sam_follow_up_store_schedule (SamSession  *session,
                              gint64       case_id,
                              const char  *due_on,
                              GError     **error)
{
  SamDatabase *database;
  gint64 id = 0;

  g_return_val_if_fail (SAM_IS_SESSION (session), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!sam_policy_check_target (session, SAM_OPERATION_FOLLOW_UP_MANAGE,
                                &(SamAccessTarget) { .case_id = case_id }, error) ||
      !sam_validate_date (C_("follow-up", "Due date"), due_on, NULL, error))
    return 0;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return 0;

  if (!save_schedule (session, case_id, due_on, &id, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return 0;
    }

  return id;
}

/**
 * sam_follow_up_store_hold:
 * @session: social services on the case's team, its coordinator, or an
 *   SSPF coordinator
 * @follow_up_id: a scheduled follow-up of a case that is not closed
 * @draft: what was recorded at it
 * @error: return location for a #GError
 *
 * Records a scheduled follow-up as held: its notes, the re-scored factors
 * as a new mapping linked to it, and the goals' attainment. Everything and
 * its audit rows are written in one transaction; a bad field is
 * %SAM_STORE_ERROR_INVALID naming the field, and then nothing is saved,
 * not even the mapping. Afterwards the caller may move the case on with
 * sam_case_store_set_status().
 *
 * Returns: %TRUE when held
 */
gboolean
sam_follow_up_store_hold (SamSession                  *session,
                          gint64                       follow_up_id,
                          const SamFollowUpHoldDraft  *draft,
                          GError                     **error)
{
  g_auto(Target) target = { 0 };
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!open_for_change (session, follow_up_id, &target, error) ||
      !check_scheduled (&target, error) ||
      !validate_hold_draft (draft, error))
    return FALSE;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return FALSE;

  if (!save_hold (session, follow_up_id, draft, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return FALSE;
    }

  return TRUE;
}

/**
 * sam_follow_up_store_cancel:
 * @session: social services on the case's team, its coordinator, or an
 *   SSPF coordinator
 * @follow_up_id: a scheduled follow-up
 * @error: return location for a #GError
 *
 * Cancels a scheduled follow-up, also on a closed case. The change and its
 * audit row (UPDATE) are written together.
 *
 * Returns: %TRUE when cancelled
 */
gboolean
sam_follow_up_store_cancel (SamSession  *session,
                            gint64       follow_up_id,
                            GError     **error)
{
  g_auto(Target) target = { 0 };
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!open_for_change (session, follow_up_id, &target, error) ||
      !check_scheduled (&target, error))
    return FALSE;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return FALSE;

  if (!save_cancel (session, follow_up_id, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return FALSE;
    }

  return TRUE;
}

/**
 * sam_follow_up_store_get:
 * @session: someone who may open the follow-up's case
 * @follow_up_id: a follow-up
 * @error: return location for a #GError
 *
 * One follow-up with its goal attainment. One the viewer may not see is
 * %SAM_STORE_ERROR_NOT_FOUND, as if it did not exist. Audited as one VIEW
 * row.
 *
 * Returns: (transfer full): the follow-up, or %NULL with @error set
 */
SamFollowUp *
sam_follow_up_store_get (SamSession  *session,
                         gint64       follow_up_id,
                         GError     **error)
{
  g_autoptr(GPtrArray) found = NULL;
  gint64 case_id;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_sam_store_role_may (session, SAM_OPERATION_CASE_VIEW, error))
    return NULL;

  case_id = case_of_follow_up (session, follow_up_id, error);
  if (case_id == 0 ||
      !sam_policy_check_target (session, SAM_OPERATION_CASE_VIEW,
                                &(SamAccessTarget) { .case_id = case_id }, error))
    return NULL;

  found = read_case_follow_ups (session, case_id, follow_up_id, error);
  if (found == NULL)
    return NULL;

  if (found->len == 0)
    {
      _sam_store_not_found (error, _("Follow-up: there is no such follow-up."));
      return NULL;
    }

  return g_ptr_array_steal_index (found, 0);
}

/**
 * sam_follow_up_store_list_for_case:
 * @session: someone who may open the case
 * @case_id: the case
 * @error: return location for a #GError
 *
 * The case's follow-ups the viewer may see, by due date, with the held
 * ones' goal attainment. Audited as one VIEW row.
 *
 * Returns: (transfer container) (element-type SamFollowUp): the
 *   follow-ups, or %NULL with @error set
 */
GPtrArray *
sam_follow_up_store_list_for_case (SamSession  *session,
                                   gint64       case_id,
                                   GError     **error)
{
  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sam_policy_check_target (session, SAM_OPERATION_CASE_VIEW,
                                &(SamAccessTarget) { .case_id = case_id }, error))
    return NULL;

  return read_case_follow_ups (session, case_id, 0, error);
}

/**
 * sam_follow_up_store_list_due:
 * @session: a front-line user
 * @before_date: `YYYY-MM-DD`: follow-ups due strictly before this day; pass
 *   tomorrow for everything due today or overdue
 * @limit: the most to return, or 0 for all
 * @error: return location for a #GError
 *
 * The scheduled follow-ups due before @before_date, soonest first, on cases
 * that are not closed and that the viewer works on (every SSPF case for a
 * coordinator), each only where the viewer may see it. For reminders: each
 * carries its case number. Managers and administrators are refused.
 * Audited as one SEARCH row with the count.
 *
 * Returns: (transfer container) (element-type SamFollowUp): the
 *   follow-ups, or %NULL with @error set
 */
GPtrArray *
sam_follow_up_store_list_due (SamSession  *session,
                              const char  *before_date,
                              guint        limit,
                              GError     **error)
{
  g_auto(Reading) reading = { 0 };
  g_autofree char *reason = NULL;
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_sam_store_role_may (session, SAM_OPERATION_CASE_VIEW, error) ||
      !sam_validate_date (C_("follow-up", "Due before"), before_date, NULL, error))
    return NULL;

  reading_init (&reading, session);
  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  if (!read_due (&reading, before_date, limit, error))
    goto failed;

  reason = g_strdup_printf ("count:%u", reading.follow_ups->len);
  if (!_sam_store_audit (session, SAM_AUDIT_SEARCH, "follow_up_due", 0, 0, 0, reason, error) ||
      !_sam_database_commit (database, error))
    goto failed;

  return g_steal_pointer (&reading.follow_ups);

failed:
  _sam_database_rollback (database);
  return NULL;
}
