/* sam-case-store.c: cases, their team, consent and emergency access
 *
 * A case holds one young person. Its status follows a checked state
 * machine, and it becomes active only once a consent is in force: signed
 * by every guardian with custody, and by the young person from 15.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-case-store"

#include "config.h"

#include "sam-case-store.h"

#include <glib/gi18n-lib.h>

#include "sam-database-private.h"
#include "sam-store-private.h"
#include "sam-error.h"
#include "sam-policy.h"
#include "sam-validate.h"

#define CASE_COLUMNS "id, number, person_id, coordinator_id, prevention_level, status," \
                     " closing_reason, opened_at, closed_at"

static const struct
{
  const char *id;
  const char *label;
} statuses[SAM_N_CASE_STATUSES] = {
  [SAM_CASE_STATUS_PENDING_CONSENT] = { "pending_consent", N_("Awaiting consent") },
  [SAM_CASE_STATUS_ACTIVE] = { "active", N_("Active") },
  [SAM_CASE_STATUS_FOLLOW_UP] = { "follow_up", N_("Follow-up") },
  [SAM_CASE_STATUS_CLOSED] = { "closed", N_("Closed") },
};

/* Allowed transitions, rows from, columns to. A closed case stays closed:
 * a new concern opens a new case. */
static const gboolean transitions[SAM_N_CASE_STATUSES][SAM_N_CASE_STATUSES] = {
  /*                                   pending active follow closed */
  [SAM_CASE_STATUS_PENDING_CONSENT] = { FALSE, TRUE,  FALSE, TRUE },
  [SAM_CASE_STATUS_ACTIVE]          = { FALSE, FALSE, TRUE,  TRUE },
  [SAM_CASE_STATUS_FOLLOW_UP]       = { FALSE, TRUE,  FALSE, TRUE },
  [SAM_CASE_STATUS_CLOSED]          = { FALSE, FALSE, FALSE, FALSE },
};

static const char * const prevention_levels[SAM_N_PREVENTION_LEVELS] = {
  [SAM_PREVENTION_SELECTIVE] = "selective",
  [SAM_PREVENTION_INDICATED] = "indicated",
};

/* Must match the CHECK on cases.closing_reason (migration 3). */
static const char * const closing_reasons[] = {
  "goals_met", "consent_declined", "consent_withdrawn", "moved", "transferred", "aged_out",
  "other", NULL,
};

/* Helpers ------------------------------------------------------------------- */

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
case_not_found (GError **error,
                gint64   case_id)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);

  g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
               _("Case: there is no case with id %s."), id);
}

static gboolean
in_catalogue (SamSession  *session,
              const char  *kind,
              const char  *code)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT 1 FROM catalogue WHERE kind = ?1 AND code = ?2", NULL);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);

  return sqlite3_step (stmt) == SQLITE_ROW;
}

static SamCase *
case_from_row (sqlite3_stmt *stmt)
{
  SamCase *self = g_new0 (SamCase, 1);
  const char *level = (const char *) sqlite3_column_text (stmt, 4);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  self->person_id = sqlite3_column_int64 (stmt, 2);
  self->coordinator_id = sqlite3_column_int64 (stmt, 3);
  self->prevention_level = g_strcmp0 (level, "selective") == 0 ? SAM_PREVENTION_SELECTIVE
                                                                 : SAM_PREVENTION_INDICATED;
  if (!sam_case_status_from_string ((const char *) sqlite3_column_text (stmt, 5), &self->status))
    self->status = SAM_CASE_STATUS_PENDING_CONSENT;
  self->closing_reason = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  self->opened_at = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  self->closed_at = g_strdup ((const char *) sqlite3_column_text (stmt, 8));

  return self;
}

static GStrv
load_target_areas (SamSession *session,
                   gint64      case_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT code FROM case_target_areas WHERE case_id = ?1 ORDER BY code",
                                NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, case_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
    }

  return g_strv_builder_end (builder);
}

static char *
load_display_name (SamSession *session,
                   gint64      user_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _sam_database_prepare (database_of (session), "SELECT display_name FROM users WHERE id = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);

  return sqlite3_step (stmt) == SQLITE_ROW ? _sam_store_column_dup (stmt, 0) : NULL;
}

/* Reads a case without a policy check or an audit row: for the store's own
 * use once the caller has been checked. */
static SamCase *
load_case (SamSession  *session,
           gint64       case_id,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SamCase *self;
  int rc;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT " CASE_COLUMNS " FROM cases WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        case_not_found (error, case_id);
      else
        _sam_database_set_error (database_of (session), error, rc, _("Reading a case"));
      return NULL;
    }

  self = case_from_row (stmt);
  self->target_areas = load_target_areas (session, case_id);
  self->coordinator_name = load_display_name (session, self->coordinator_id);

  return self;
}

static gboolean
check_case (SamSession    *session,
            SamOperation   operation,
            gint64         case_id,
            GError       **error)
{
  SamAccessTarget target = { .case_id = case_id };

  if (!exists (session, "SELECT 1 FROM cases WHERE id = ?1 AND ?2 = ?2", case_id, 0))
    {
      case_not_found (error, case_id);
      return FALSE;
    }

  return sam_policy_check_target (session, operation, &target, error);
}

/* Break-the-glass grants end by themselves after an hour; the end is
 * written to the log the first time anyone looks. */
static void
expire_break_glass (SamSession *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(GArray) grants = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  g_autofree char *now = _sam_store_time_utc (0);
  SamDatabase *database = database_of (session);

  if (sam_session_is_locked (session))
    return;

  select = _sam_database_prepare (database,
                                  "SELECT id, case_id FROM break_glass"
                                  " WHERE user_id = ?1 AND ended_at IS NULL AND ends_at <= ?2", NULL);
  if (select == NULL)
    return;
  sqlite3_bind_int64 (select, 1, sam_session_get_user_id (session));
  sqlite3_bind_text (select, 2, now, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (select) == SQLITE_ROW)
    {
      gint64 pair[2] = { sqlite3_column_int64 (select, 0), sqlite3_column_int64 (select, 1) };

      g_array_append_vals (grants, pair, 1);
    }
  g_clear_pointer (&select, sqlite3_finalize);

  for (guint i = 0; i < grants->len; i++)
    {
      gint64 *pair = &g_array_index (grants, gint64, 2 * i);
      g_autoptr(sqlite3_stmt) update = NULL;

      if (!_sam_database_begin (database, &error))
        break;
      update = _sam_database_prepare (database,
                                      "UPDATE break_glass SET ended_at = ends_at WHERE id = ?1", &error);
      if (update != NULL)
        sqlite3_bind_int64 (update, 1, pair[0]);
      if (update == NULL || !_sam_store_step_done (session, update, _("Ending emergency access"), &error) ||
          !_sam_store_audit (session, SAM_AUDIT_BREAK_GLASS_END, "break_glass", pair[0], 0, pair[1], "expired",
                  &error) ||
          !_sam_database_commit (database, &error))
        {
          _sam_database_rollback (database);
          break;
        }
    }

  if (error != NULL)
    g_warning ("Could not end expired emergency access: %s", error->message);
}

/* Public API: names and the state machine --------------------------------- */

const char *
sam_case_status_to_string (SamCaseStatus status)
{
  g_return_val_if_fail (status < SAM_N_CASE_STATUSES, NULL);

  return statuses[status].id;
}

gboolean
sam_case_status_from_string (const char    *string,
                             SamCaseStatus *out_status)
{
  g_return_val_if_fail (out_status != NULL, FALSE);

  for (guint i = 0; string != NULL && i < SAM_N_CASE_STATUSES; i++)
    {
      if (g_str_equal (string, statuses[i].id))
        {
          *out_status = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
sam_case_status_get_label (SamCaseStatus status)
{
  g_return_val_if_fail (status < SAM_N_CASE_STATUSES, NULL);

  return _(statuses[status].label);
}

const char *
sam_prevention_level_to_string (SamPreventionLevel level)
{
  g_return_val_if_fail (level < SAM_N_PREVENTION_LEVELS, NULL);

  return prevention_levels[level];
}

/**
 * sam_case_status_can_change:
 * @from: the current status
 * @to: the wanted status
 *
 * Returns: whether the state machine allows the step
 */
gboolean
sam_case_status_can_change (SamCaseStatus from,
                            SamCaseStatus to)
{
  g_return_val_if_fail (from < SAM_N_CASE_STATUSES, FALSE);
  g_return_val_if_fail (to < SAM_N_CASE_STATUSES, FALSE);

  return transitions[from][to];
}

void
sam_case_free (SamCase *self)
{
  if (self == NULL)
    return;

  g_free (self->number);
  g_free (self->closing_reason);
  g_free (self->opened_at);
  g_free (self->closed_at);
  g_strfreev (self->target_areas);
  g_free (self->coordinator_name);
  g_free (self);
}

/* Creating and reading -------------------------------------------------------- */

static gboolean
validate_new_case (SamSession          *session,
                   gint64               person_id,
                   SamPreventionLevel   prevention_level,
                   const char * const  *target_areas,
                   GError             **error)
{
  if (!exists (session, "SELECT 1 FROM persons WHERE id = ?1 AND ?2 = ?2", person_id, 0))
    return _sam_store_invalid (error, _("Young person: choose a registered young person for the case."));

  if (prevention_level >= SAM_N_PREVENTION_LEVELS)
    return _sam_store_invalid (error, _("Prevention level: choose selective or indicated."));

  for (guint i = 0; target_areas != NULL && target_areas[i] != NULL; i++)
    {
      if (!in_catalogue (session, "target_area", target_areas[i]))
        {
          g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                       _("Target areas: “%s” is not one of the programme’s target areas."),
                       target_areas[i]);
          return FALSE;
        }
    }

  return TRUE;
}

/* SV-YYYY-NNNN, numbered from 1 each year. */
static char *
next_case_number (SamSession  *session,
                  GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int year = g_date_time_get_year (now);
  int rc;

  stmt = _sam_database_prepare (database_of (session),
                                "INSERT INTO case_numbers (year, last) VALUES (?1, 1)"
                                " ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, year);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Numbering a case"));
      return NULL;
    }

  return g_strdup_printf ("SV-%04d-%04" G_GINT64_FORMAT, year, (gint64) sqlite3_column_int64 (stmt, 0));
}

static gboolean
insert_case (SamSession          *session,
             const char          *number,
             gint64               person_id,
             SamPreventionLevel   prevention_level,
             const char * const  *target_areas,
             gint64              *out_id,
             GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _sam_store_time_utc (0);
  gint64 user_id = sam_session_get_user_id (session);

  stmt = _sam_database_prepare (database_of (session),
                                "INSERT INTO cases (number, person_id, coordinator_id, prevention_level,"
                                "                   opened_at) VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, person_id);
  sqlite3_bind_int64 (stmt, 3, user_id);
  sqlite3_bind_text (stmt, 4, prevention_levels[prevention_level], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  if (!_sam_store_step_done (session, stmt, _("Opening a case"), error))
    return FALSE;

  *out_id = sqlite3_last_insert_rowid (_sam_database_get_handle (database_of (session)));
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Whoever opens the case coordinates it and is on its team. */
  stmt = _sam_database_prepare (database_of (session),
                                "INSERT INTO case_team (case_id, user_id) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, *out_id);
  sqlite3_bind_int64 (stmt, 2, user_id);
  if (!_sam_store_step_done (session, stmt, _("Opening a case"), error))
    return FALSE;

  for (guint i = 0; target_areas != NULL && target_areas[i] != NULL; i++)
    {
      g_autoptr(sqlite3_stmt) area = NULL;

      area = _sam_database_prepare (database_of (session),
                                    "INSERT OR IGNORE INTO case_target_areas (case_id, code) VALUES (?1, ?2)",
                                    error);
      if (area == NULL)
        return FALSE;
      sqlite3_bind_int64 (area, 1, *out_id);
      sqlite3_bind_text (area, 2, target_areas[i], -1, SQLITE_TRANSIENT);
      if (!_sam_store_step_done (session, area, _("Opening a case"), error))
        return FALSE;
    }

  return TRUE;
}

/**
 * sam_case_store_create:
 * @session: a social worker or coordinator
 * @person_id: the young person
 * @prevention_level: selective or indicated
 * @target_areas: (nullable) (array zero-terminated=1): target_area codes
 * @error: return location for a #GError
 *
 * Opens a case numbered SV-YYYY-NNNN, awaiting consent, with the caller as
 * its coordinator and first team member.
 *
 * Returns: (transfer full): the case, or %NULL
 */
SamCase *
sam_case_store_create (SamSession          *session,
                       gint64               person_id,
                       SamPreventionLevel   prevention_level,
                       const char * const  *target_areas,
                       GError             **error)
{
  g_autofree char *number = NULL;
  SamDatabase *database;
  gint64 case_id = 0;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);

  if (!sam_policy_check (session, SAM_OPERATION_CASE_CREATE, error) ||
      !validate_new_case (session, person_id, prevention_level, target_areas, error))
    return NULL;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  if (!(number = next_case_number (session, error)) ||
      !insert_case (session, number, person_id, prevention_level, target_areas, &case_id, error) ||
      !_sam_store_audit (session, SAM_AUDIT_CREATE, "case", case_id, person_id, case_id, NULL, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return load_case (session, case_id, error);
}

/**
 * sam_case_store_get:
 * @session: a member of the case's team, its coordinator, or someone with
 *   emergency access
 * @case_id: the case
 * @error: return location for a #GError
 *
 * Opens a case: one audit row per opening.
 *
 * Returns: (transfer full): the case, or %NULL
 */
SamCase *
sam_case_store_get (SamSession  *session,
                    gint64       case_id,
                    GError     **error)
{
  g_autoptr(SamCase) self = NULL;
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);

  expire_break_glass (session);
  if (!check_case (session, SAM_OPERATION_CASE_VIEW, case_id, error) ||
      !(self = load_case (session, case_id, error)))
    return NULL;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;
  if (!_sam_store_audit (session, SAM_AUDIT_VIEW, "case", case_id, self->person_id, case_id, NULL, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/* Status ------------------------------------------------------------------------ */

static gboolean
consent_in_force (SamSession *session,
                  gint64      case_id)
{
  return _sam_policy_consent_in_force (session, case_id, 0, 0);
}

static gboolean
validate_status_change (SamSession      *session,
                        const SamCase   *current,
                        SamCaseStatus    status,
                        const char      *closing_reason,
                        GError         **error)
{
  if (status >= SAM_N_CASE_STATUSES)
    return _sam_store_invalid (error, _("Status: choose one of the case statuses."));

  if (!sam_case_status_can_change (current->status, status))
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                   _("Status: a case that is “%s” cannot become “%s”."),
                   sam_case_status_get_label (current->status), sam_case_status_get_label (status));
      return FALSE;
    }

  if (status == SAM_CASE_STATUS_CLOSED)
    {
      if (closing_reason == NULL)
        return _sam_store_invalid (error, _("Closing reason: choose why the case is closed."));
      if (!g_strv_contains (closing_reasons, closing_reason))
        return _sam_store_invalid (error, _("Closing reason: choose one of the listed reasons."));
    }
  else if (closing_reason != NULL)
    return _sam_store_invalid (error, _("Closing reason: only a case being closed has one."));

  if (status == SAM_CASE_STATUS_ACTIVE && !consent_in_force (session, current->id))
    return _sam_store_invalid (error, _("Status: the case can become active once a consent is in force, "
                             "signed by every guardian with custody and, from 15, by the young "
                             "person."));

  return TRUE;
}

/**
 * sam_case_store_set_status:
 * @session: social services on the case's team
 * @case_id: the case
 * @status: the new status
 * @closing_reason: (nullable): a closing_reason code, required to close
 * @error: return location for a #GError
 *
 * Moves the case along its state machine; an impossible step is refused
 * with a message saying which.
 *
 * Returns: %TRUE on success
 */
gboolean
sam_case_store_set_status (SamSession     *session,
                           gint64          case_id,
                           SamCaseStatus   status,
                           const char     *closing_reason,
                           GError        **error)
{
  g_autoptr(SamCase) current = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _sam_store_time_utc (0);
  g_autofree char *reason = NULL;
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);

  if (!check_case (session, SAM_OPERATION_CASE_MANAGE, case_id, error) ||
      !(current = load_case (session, case_id, error)) ||
      !validate_status_change (session, current, status, closing_reason, error))
    return FALSE;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return FALSE;

  stmt = _sam_database_prepare (database,
                                "UPDATE cases SET status = ?2, closing_reason = ?3, closed_at = ?4"
                                " WHERE id = ?1", error);
  reason = g_strconcat ("status:", statuses[status].id,
                        closing_reason != NULL ? ":" : NULL, closing_reason, NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, case_id);
      sqlite3_bind_text (stmt, 2, statuses[status].id, -1, SQLITE_STATIC);
      if (closing_reason != NULL)
        sqlite3_bind_text (stmt, 3, closing_reason, -1, SQLITE_TRANSIENT);
      if (status == SAM_CASE_STATUS_CLOSED)
        sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
    }

  if (stmt == NULL || !_sam_store_step_done (session, stmt, _("Changing the status"), error) ||
      !_sam_store_audit (session, SAM_AUDIT_UPDATE, "case", case_id, current->person_id, case_id, reason, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return FALSE;
    }

  return TRUE;
}

/* Team ------------------------------------------------------------------------------ */

static gboolean
check_colleague (SamSession  *session,
                 gint64       user_id,
                 gboolean     must_be_social,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SamRole role;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT role FROM users WHERE id = ?1 AND disabled = 0", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, user_id);
  if (sqlite3_step (stmt) != SQLITE_ROW ||
      !sam_role_from_string ((const char *) sqlite3_column_text (stmt, 0), &role))
    return _sam_store_invalid (error, _("Team member: there is no such enabled user."));

  /* Managers and administrators never see person-level data, so they
   * cannot be on a team either (DESIGN §3, rule 1). */
  if (role == SAM_ROLE_MANAGER || role == SAM_ROLE_ADMIN)
    return _sam_store_invalid (error, _("Team member: managers and administrators cannot be on a case’s team."));

  if (must_be_social && role != SAM_ROLE_SOCIAL && role != SAM_ROLE_COORDINATOR)
    return _sam_store_invalid (error, _("Coordinator: only a social worker or an SSPF coordinator can "
                             "coordinate a case."));

  return TRUE;
}

static gboolean
change_team (SamSession  *session,
             gint64       case_id,
             gint64       user_id,
             const char  *sql,
             const char  *reason,
             GError     **error)
{
  g_autoptr(SamCase) current = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SamDatabase *database = database_of (session);

  if (!(current = load_case (session, case_id, error)) ||
      !_sam_database_begin (database, error))
    return FALSE;

  stmt = _sam_database_prepare (database, sql, error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, case_id);
      sqlite3_bind_int64 (stmt, 2, user_id);
    }

  if (stmt == NULL || !_sam_store_step_done (session, stmt, _("Changing the team"), error) ||
      !_sam_store_audit (session, SAM_AUDIT_UPDATE, "case_team", user_id, current->person_id, case_id, reason,
              error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return FALSE;
    }

  return TRUE;
}

gboolean
sam_case_store_add_team_member (SamSession  *session,
                                gint64       case_id,
                                gint64       user_id,
                                GError     **error)
{
  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);

  if (!check_case (session, SAM_OPERATION_CASE_MANAGE, case_id, error) ||
      !check_colleague (session, user_id, FALSE, error))
    return FALSE;

  return change_team (session, case_id, user_id,
                      "INSERT OR IGNORE INTO case_team (case_id, user_id) VALUES (?1, ?2)",
                      "team_add", error);
}

gboolean
sam_case_store_remove_team_member (SamSession  *session,
                                   gint64       case_id,
                                   gint64       user_id,
                                   GError     **error)
{
  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);

  if (!check_case (session, SAM_OPERATION_CASE_MANAGE, case_id, error))
    return FALSE;

  if (exists (session, "SELECT 1 FROM cases WHERE id = ?1 AND coordinator_id = ?2", case_id, user_id))
    return _sam_store_invalid (error, _("Team member: the coordinator stays on the team; choose another "
                             "coordinator first."));

  return change_team (session, case_id, user_id,
                      "DELETE FROM case_team WHERE case_id = ?1 AND user_id = ?2",
                      "team_remove", error);
}

gboolean
sam_case_store_set_coordinator (SamSession  *session,
                                gint64       case_id,
                                gint64       user_id,
                                GError     **error)
{
  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);

  if (!check_case (session, SAM_OPERATION_CASE_MANAGE, case_id, error) ||
      !check_colleague (session, user_id, TRUE, error))
    return FALSE;

  /* The coordinator is always on the team: one statement for each. */
  return change_team (session, case_id, user_id,
                      "INSERT OR IGNORE INTO case_team (case_id, user_id) VALUES (?1, ?2)",
                      "team_add", error) &&
         change_team (session, case_id, user_id,
                      "UPDATE cases SET coordinator_id = ?2 WHERE id = ?1",
                      "coordinator", error);
}

/* Consent ------------------------------------------------------------------------------ */

static gboolean
validate_consent (SamSession             *session,
                  gint64                  case_id,
                  const SamConsentDraft  *draft,
                  GError                **error)
{
  GDate from, to, signed_on;

  g_date_clear (&from, 1);
  g_date_clear (&to, 1);
  g_date_clear (&signed_on, 1);

  if (!sam_validate_text (_("Purpose"), draft->purpose, 1, 2000, SAM_TEXT_MULTI_LINE, error) ||
      !sam_validate_date (_("Valid from"), draft->valid_from, &from, error) ||
      (draft->valid_to != NULL && !sam_validate_date (_("Valid to"), draft->valid_to, &to, error)) ||
      !sam_validate_date_range (_("Valid from"), &from, _("Valid to"),
                                draft->valid_to != NULL ? &to : NULL, error) ||
      !sam_validate_date (_("Signed on"), draft->signed_on, &signed_on, error))
    return FALSE;

  if (draft->n_guardians == 0 && !draft->young_person_signed)
    return _sam_store_invalid (error, _("Signatories: record who signed the consent."));

  for (guint i = 0; i < draft->n_guardians; i++)
    {
      if (!exists (session,
                   "SELECT 1 FROM guardians g JOIN cases c ON c.person_id = g.person_id"
                   " WHERE c.id = ?1 AND g.id = ?2", case_id, draft->guardian_ids[i]))
        return _sam_store_invalid (error, _("Signatories: a signing guardian is not a guardian of this young "
                                 "person."));
    }

  if (draft->n_agencies < 2)
    return _sam_store_invalid (error, _("Agencies: name at least two agencies that may share information "
                             "with each other."));

  for (guint i = 0; i < draft->n_agencies; i++)
    {
      if (!exists (session, "SELECT 1 FROM agencies WHERE id = ?1 AND ?2 = ?2", draft->agency_ids[i], 0))
        return _sam_store_invalid (error, _("Agencies: one of the agencies does not exist."));
    }

  return TRUE;
}

static gboolean
insert_consent (SamSession             *session,
                gint64                  case_id,
                const SamConsentDraft  *draft,
                gint64                 *out_id,
                GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _sam_store_time_utc (0);
  SamDatabase *database = database_of (session);

  stmt = _sam_database_prepare (database,
                                "INSERT INTO consents (case_id, purpose, valid_from, valid_to,"
                                "                      recorded_by, recorded_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, draft->purpose, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, draft->valid_from, -1, SQLITE_TRANSIENT);
  if (draft->valid_to != NULL)
    sqlite3_bind_text (stmt, 4, draft->valid_to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, sam_session_get_user_id (session));
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  if (!_sam_store_step_done (session, stmt, _("Recording consent"), error))
    return FALSE;
  *out_id = sqlite3_last_insert_rowid (_sam_database_get_handle (database));

  for (guint i = 0; i <= draft->n_guardians; i++)
    {
      g_autoptr(sqlite3_stmt) signatory = NULL;
      gboolean young_person = i == draft->n_guardians;

      if (young_person && !draft->young_person_signed)
        break;

      signatory = _sam_database_prepare (database,
                                         "INSERT INTO consent_signatories (consent_id, guardian_id,"
                                         "  is_young_person, signed_on) VALUES (?1, ?2, ?3, ?4)", error);
      if (signatory == NULL)
        return FALSE;
      sqlite3_bind_int64 (signatory, 1, *out_id);
      if (!young_person)
        sqlite3_bind_int64 (signatory, 2, draft->guardian_ids[i]);
      sqlite3_bind_int (signatory, 3, young_person ? 1 : 0);
      sqlite3_bind_text (signatory, 4, draft->signed_on, -1, SQLITE_TRANSIENT);
      if (!_sam_store_step_done (session, signatory, _("Recording consent"), error))
        return FALSE;
    }

  for (guint i = 0; i < draft->n_agencies; i++)
    {
      g_autoptr(sqlite3_stmt) agency = NULL;

      agency = _sam_database_prepare (database,
                                      "INSERT OR IGNORE INTO consent_agencies (consent_id, agency_id)"
                                      " VALUES (?1, ?2)", error);
      if (agency == NULL)
        return FALSE;
      sqlite3_bind_int64 (agency, 1, *out_id);
      sqlite3_bind_int64 (agency, 2, draft->agency_ids[i]);
      if (!_sam_store_step_done (session, agency, _("Recording consent"), error))
        return FALSE;
    }

  return TRUE;
}

/**
 * sam_case_store_record_consent:
 * @session: social services on the case's team
 * @case_id: the case
 * @draft: the consent as signed
 * @error: return location for a #GError
 *
 * Records a written consent. It lets the agencies it names share with each
 * other from @draft->valid_from, once every guardian with custody (and the
 * young person from 15) has signed.
 *
 * Returns: the consent's id, or 0
 */
gint64
sam_case_store_record_consent (SamSession             *session,
                               gint64                  case_id,
                               const SamConsentDraft  *draft,
                               GError                **error)
{
  g_autoptr(SamCase) current = NULL;
  SamDatabase *database;
  gint64 consent_id = 0;

  g_return_val_if_fail (SAM_IS_SESSION (session), 0);
  g_return_val_if_fail (draft != NULL, 0);

  if (!check_case (session, SAM_OPERATION_CONSENT_MANAGE, case_id, error) ||
      !(current = load_case (session, case_id, error)) ||
      !validate_consent (session, case_id, draft, error))
    return 0;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return 0;

  if (!insert_consent (session, case_id, draft, &consent_id, error) ||
      !_sam_store_audit (session, SAM_AUDIT_CONSENT_CHANGE, "consent", consent_id, current->person_id, case_id,
              "recorded", error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return 0;
    }

  return consent_id;
}

/**
 * sam_case_store_withdraw_consent:
 * @session: social services on the case's team
 * @consent_id: the consent
 * @error: return location for a #GError
 *
 * Withdrawal takes effect at once: from the commit on, no agency sees what
 * only this consent let it see.
 *
 * Returns: %TRUE on success
 */
gboolean
sam_case_store_withdraw_consent (SamSession  *session,
                                 gint64       consent_id,
                                 GError     **error)
{
  g_autoptr(sqlite3_stmt) lookup = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _sam_store_time_utc (0);
  SamDatabase *database;
  gint64 case_id, person_id;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);

  database = database_of (session);
  lookup = _sam_database_prepare (database,
                                  "SELECT k.case_id, c.person_id, k.withdrawn_at FROM consents k"
                                  "  JOIN cases c ON c.id = k.case_id WHERE k.id = ?1", error);
  if (lookup == NULL)
    return FALSE;
  sqlite3_bind_int64 (lookup, 1, consent_id);
  if (sqlite3_step (lookup) != SQLITE_ROW)
    return _sam_store_invalid (error, _("Consent: there is no such consent."));
  case_id = sqlite3_column_int64 (lookup, 0);
  person_id = sqlite3_column_int64 (lookup, 1);
  if (sqlite3_column_type (lookup, 2) != SQLITE_NULL)
    return _sam_store_invalid (error, _("Consent: it has already been withdrawn."));
  g_clear_pointer (&lookup, sqlite3_finalize);

  if (!check_case (session, SAM_OPERATION_CONSENT_MANAGE, case_id, error) ||
      !_sam_database_begin (database, error))
    return FALSE;

  stmt = _sam_database_prepare (database, "UPDATE consents SET withdrawn_at = ?2 WHERE id = ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, consent_id);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
    }

  if (stmt == NULL || !_sam_store_step_done (session, stmt, _("Withdrawing consent"), error) ||
      !_sam_store_audit (session, SAM_AUDIT_CONSENT_CHANGE, "consent", consent_id, person_id, case_id,
              "withdrawn", error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return FALSE;
    }

  return TRUE;
}

/**
 * sam_case_store_is_shared:
 * @session: someone who may see the case
 * @case_id: the case
 *
 * Returns: whether a consent is in force on the case, for its badge
 */
gboolean
sam_case_store_is_shared (SamSession *session,
                          gint64      case_id)
{
  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);

  return sam_policy_may (session, SAM_OPERATION_CASE_VIEW, &(SamAccessTarget) { .case_id = case_id }) &&
         consent_in_force (session, case_id);
}

/* The consent listing: one row per consent, with whether it is in force
 * today. The rule must stay the policy's (sam-policy.c, rule 3's consent);
 * test-case-store checks that both agree. */
#define CONSENT_LIST_SQL \
  "SELECT k.id, k.purpose, k.valid_from, k.valid_to, k.withdrawn_at, k.recorded_by, u.display_name," \
  "       k.recorded_at," \
  "       k.withdrawn_at IS NULL AND k.valid_from <= ?2 AND (k.valid_to IS NULL OR k.valid_to >= ?2)" \
  "       AND NOT EXISTS (SELECT 1 FROM guardians g WHERE g.person_id = p.id AND g.custody = 1" \
  "                         AND NOT EXISTS (SELECT 1 FROM consent_signatories s" \
  "                                          WHERE s.consent_id = k.id AND s.guardian_id = g.id))" \
  "       AND (date (p.birth_date, '+15 years') > ?2" \
  "            OR EXISTS (SELECT 1 FROM consent_signatories s" \
  "                        WHERE s.consent_id = k.id AND s.is_young_person = 1))" \
  "  FROM consents k JOIN cases c ON c.id = k.case_id JOIN persons p ON p.id = c.person_id" \
  "  LEFT JOIN users u ON u.id = k.recorded_by" \
  " WHERE k.case_id = ?1 ORDER BY k.recorded_at DESC, k.id DESC"

static void
signatory_free (SamConsentSignatory *signatory)
{
  g_free (signatory->name);
  g_free (signatory->signed_on);
  g_free (signatory);
}

void
sam_consent_free (SamConsent *consent)
{
  if (consent == NULL)
    return;

  g_free (consent->purpose);
  g_free (consent->valid_from);
  g_free (consent->valid_to);
  g_free (consent->withdrawn_at);
  g_free (consent->recorded_by_name);
  g_free (consent->recorded_at);
  g_clear_pointer (&consent->signatories, g_ptr_array_unref);
  g_clear_pointer (&consent->agency_ids, g_array_unref);
  g_strfreev (consent->agency_names);
  g_free (consent);
}

static SamConsent *
consent_from_row (sqlite3_stmt *stmt,
                  gint64        case_id)
{
  SamConsent *consent = g_new0 (SamConsent, 1);

  consent->id = sqlite3_column_int64 (stmt, 0);
  consent->case_id = case_id;
  consent->purpose = _sam_store_column_dup (stmt, 1);
  consent->valid_from = _sam_store_column_dup (stmt, 2);
  consent->valid_to = _sam_store_column_dup (stmt, 3);
  consent->withdrawn_at = _sam_store_column_dup (stmt, 4);
  consent->recorded_by = sqlite3_column_int64 (stmt, 5);
  consent->recorded_by_name = _sam_store_column_dup (stmt, 6);
  consent->recorded_at = _sam_store_column_dup (stmt, 7);
  consent->in_force = sqlite3_column_int (stmt, 8) != 0;
  consent->signatories = g_ptr_array_new_with_free_func ((GDestroyNotify) signatory_free);
  consent->agency_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  return consent;
}

/* Young person last, guardians by name. */
static gboolean
load_signatories (SamSession  *session,
                  SamConsent  *consent,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT s.guardian_id, g.name, s.is_young_person, s.signed_on"
                                "  FROM consent_signatories s LEFT JOIN guardians g ON g.id = s.guardian_id"
                                " WHERE s.consent_id = ?1 ORDER BY s.is_young_person, g.name", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, consent->id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      SamConsentSignatory *signatory = g_new0 (SamConsentSignatory, 1);

      signatory->guardian_id = sqlite3_column_int64 (stmt, 0);
      signatory->name = _sam_store_column_dup (stmt, 1);
      signatory->is_young_person = sqlite3_column_int (stmt, 2) != 0;
      signatory->signed_on = _sam_store_column_dup (stmt, 3);
      g_ptr_array_add (consent->signatories, signatory);
    }

  return TRUE;
}

static gboolean
load_consent_agencies (SamSession  *session,
                       SamConsent  *consent,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT a.id, a.name FROM consent_agencies ca JOIN agencies a ON a.id = ca.agency_id"
                                " WHERE ca.consent_id = ?1 ORDER BY a.name", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, consent->id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (consent->agency_ids, id);
      g_strv_builder_add (names, (const char *) sqlite3_column_text (stmt, 1));
    }
  consent->agency_names = g_strv_builder_end (names);

  return TRUE;
}

static GPtrArray *
read_consents (SamSession  *session,
               gint64       case_id,
               GError     **error)
{
  g_autoptr(GPtrArray) consents = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_consent_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *today = _sam_store_today ();
  int rc;

  stmt = _sam_database_prepare (database_of (session), CONSENT_LIST_SQL, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (consents, consent_from_row (stmt, case_id));
  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Reading the consents"));
      return NULL;
    }

  for (guint i = 0; i < consents->len; i++)
    {
      if (!load_signatories (session, g_ptr_array_index (consents, i), error) ||
          !load_consent_agencies (session, g_ptr_array_index (consents, i), error))
        return NULL;
    }

  return g_steal_pointer (&consents);
}

/**
 * sam_case_store_list_consents:
 * @session: someone who may open the case
 * @case_id: the case
 * @error: return location for a #GError
 *
 * Lists the case's consents, newest first, with their signatories and
 * agencies. Everyone who may open the case sees them, as in the
 * chronology: the consent is the team's legal basis for sharing. Audited
 * as one VIEW row (object `consent`, reason `count:N`).
 *
 * Returns: (transfer container) (element-type SamConsent): the consents,
 *   or %NULL
 */
GPtrArray *
sam_case_store_list_consents (SamSession  *session,
                              gint64       case_id,
                              GError     **error)
{
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(SamCase) current = NULL;
  g_autofree char *reason = NULL;
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);

  expire_break_glass (session);
  if (!check_case (session, SAM_OPERATION_CASE_VIEW, case_id, error) ||
      !(current = load_case (session, case_id, error)))
    return NULL;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  consents = read_consents (session, case_id, error);
  reason = consents != NULL ? g_strdup_printf ("count:%u", consents->len) : NULL;
  if (consents == NULL ||
      !_sam_store_audit (session, SAM_AUDIT_VIEW, "consent", 0, current->person_id, case_id, reason, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return g_steal_pointer (&consents);
}

/* Break-the-glass ---------------------------------------------------------------------- */

/**
 * sam_case_store_break_glass:
 * @session: a social worker or coordinator
 * @case_id: a case they are not on
 * @reason: why they need access now, in their own words
 * @error: return location for a #GError
 *
 * Grants emergency access to the case for %SAM_BREAK_GLASS_MINUTES. The
 * reason is kept for the administrator's review, apart from the audit log,
 * which holds ids only.
 *
 * Returns: %TRUE on success
 */
gboolean
sam_case_store_break_glass (SamSession  *session,
                            gint64       case_id,
                            const char  *reason,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(SamCase) current = NULL;
  g_autofree char *now = _sam_store_time_utc (0);
  g_autofree char *ends = _sam_store_time_utc (SAM_BREAK_GLASS_MINUTES * 60);
  SamDatabase *database;
  gint64 grant_id;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);

  if (!sam_policy_check_target (session, SAM_OPERATION_BREAK_GLASS,
                                &(SamAccessTarget) { .case_id = case_id }, error) ||
      !sam_validate_text (_("Reason"), reason, SAM_BREAK_GLASS_REASON_MIN_CHARS, 2000,
                          SAM_TEXT_MULTI_LINE, error) ||
      !(current = load_case (session, case_id, error)))
    return FALSE;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return FALSE;

  stmt = _sam_database_prepare (database,
                                "INSERT INTO break_glass (user_id, case_id, reason, started_at, ends_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, sam_session_get_user_id (session));
      sqlite3_bind_int64 (stmt, 2, case_id);
      sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, ends, -1, SQLITE_TRANSIENT);
    }

  if (stmt == NULL || !_sam_store_step_done (session, stmt, _("Granting emergency access"), error))
    goto failed;

  grant_id = sqlite3_last_insert_rowid (_sam_database_get_handle (database));
  if (!_sam_store_audit (session, SAM_AUDIT_BREAK_GLASS_START, "break_glass", grant_id, current->person_id,
              case_id, NULL, error) ||
      !_sam_database_commit (database, error))
    goto failed;

  return TRUE;

failed:
  _sam_database_rollback (database);
  return FALSE;
}

gboolean
sam_case_store_end_break_glass (SamSession  *session,
                                gint64       case_id,
                                GError     **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _sam_store_time_utc (0);
  SamDatabase *database;
  gint64 grant_id;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);

  expire_break_glass (session);
  database = database_of (session);
  select = _sam_database_prepare (database,
                                  "SELECT id FROM break_glass WHERE user_id = ?1 AND case_id = ?2"
                                  " AND ended_at IS NULL", error);
  if (select == NULL)
    return FALSE;
  sqlite3_bind_int64 (select, 1, sam_session_get_user_id (session));
  sqlite3_bind_int64 (select, 2, case_id);
  if (sqlite3_step (select) != SQLITE_ROW)
    return _sam_store_invalid (error, _("Case: you have no emergency access to this case."));
  grant_id = sqlite3_column_int64 (select, 0);

  if (!_sam_database_begin (database, error))
    return FALSE;

  stmt = _sam_database_prepare (database, "UPDATE break_glass SET ended_at = ?2 WHERE id = ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, grant_id);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
    }

  if (stmt == NULL || !_sam_store_step_done (session, stmt, _("Ending emergency access"), error) ||
      !_sam_store_audit (session, SAM_AUDIT_BREAK_GLASS_END, "break_glass", grant_id, 0, case_id, "ended", error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return FALSE;
    }

  return TRUE;
}

/**
 * sam_case_store_break_glass_remaining:
 * @session: the signed-in user
 * @case_id: a case
 *
 * Returns: the seconds of emergency access left on @case_id, for the
 *   banner, or 0
 */
guint
sam_case_store_break_glass_remaining (SamSession *session,
                                      gint64      case_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) ends = NULL;

  g_return_val_if_fail (SAM_IS_SESSION (session), 0);

  expire_break_glass (session);
  if (sam_session_is_locked (session))
    return 0;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT max (ends_at) FROM break_glass WHERE user_id = ?1"
                                " AND case_id = ?2 AND ended_at IS NULL", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, sam_session_get_user_id (session));
  sqlite3_bind_int64 (stmt, 2, case_id);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return 0;

  ends = g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, 0), NULL);
  if (ends == NULL)
    return 0;

  return (guint) MAX (g_date_time_difference (ends, now) / G_TIME_SPAN_SECOND, 0);
}
