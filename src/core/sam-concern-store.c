/* sam-concern-store.c: concerns about young persons and their triage
 *
 * A concern (oro, signal) is what a member of staff saw, logged with its
 * categories and the risk and protective factors seen (DESIGN §2.1).
 * Social services triage it: assess it, link it to a case, or close it
 * with feedback to the reporter (§2.2). The reporter always sees their own
 * concerns and where triage has got to (§3).
 *
 * Every change and every read is written to the audit log in the same
 * transaction as the work itself, with ids only, never the description.
 * A listing is written as one SEARCH row whose reason is `count:N`; the
 * object type tells the two listings apart: `concern` for the reporter's
 * own concerns, `concern_inbox` for social services' inbox. Opening one
 * concern is one VIEW row that names the person and the case.
 *
 * Catalogue codes are checked directly against the `catalogue` table, so
 * this store depends on the seeded data only, not on another store's API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-concern-store"

#include "config.h"

#include "sam-concern-store.h"

#include <glib/gi18n-lib.h>

#include "sam-audit.h"
#include "sam-database-private.h"
#include "sam-store-private.h"
#include "sam-error.h"
#include "sam-policy.h"
#include "sam-validate.h"

/* Catalogue codes are short identifiers such as `school_absence`. */
#define CODE_MAX_CHARS 64

/* Codes come back joined by the ASCII unit separator: a control character
 * that validation never lets into a code. */
#define CODE_SEPARATOR "\x1f"

static const struct
{
  const char *id;
  const char *label;
} urgencies[SAM_N_CONCERN_URGENCIES] = {
  [SAM_CONCERN_URGENCY_LOW] = { "low", N_("Low") },
  [SAM_CONCERN_URGENCY_MEDIUM] = { "medium", N_("Medium") },
  [SAM_CONCERN_URGENCY_HIGH] = { "high", N_("High") },
  [SAM_CONCERN_URGENCY_ACUTE] = { "acute", N_("Acute") },
};

static const struct
{
  const char *id;
  const char *label;
} statuses[SAM_N_CONCERN_STATUSES] = {
  [SAM_CONCERN_STATUS_RECEIVED] = { "received", N_("Received") },
  [SAM_CONCERN_STATUS_ASSESSED] = { "assessed", N_("Assessed") },
  [SAM_CONCERN_STATUS_LED_TO_CASE] = { "led_to_case", N_("Led to case") },
  [SAM_CONCERN_STATUS_NO_ACTION] = { "no_action", N_("No action") },
};

#define CODES_OF(kind) \
  "(SELECT group_concat (code, char (31)) FROM concern_codes" \
  "  WHERE concern_id = c.id AND kind = '" kind "')"

#define CONCERN_COLUMNS \
  "c.id, c.person_id, c.case_id, c.reporter_id, u.display_name, c.agency_id, a.name," \
  " c.observed_on, c.urgency, c.description, c.report_to_social, c.status, c.feedback," \
  " c.created_at, c.updated_at, " \
  CODES_OF ("concern_category") ", " CODES_OF ("risk_factor") ", " \
  CODES_OF ("protective_factor")

#define CONCERN_FROM \
  " FROM concerns c JOIN users u ON u.id = c.reporter_id JOIN agencies a ON a.id = c.agency_id"

/* The inbox: acute first, then formal reports of concern (orosanmälan),
 * then the rest; oldest first within each group, as a queue is worked. */
#define INBOX_ORDER \
  " ORDER BY c.urgency = 'acute' DESC, c.report_to_social DESC, c.created_at, c.id"

enum
{
  COLUMN_ID,
  COLUMN_PERSON_ID,
  COLUMN_CASE_ID,
  COLUMN_REPORTER_ID,
  COLUMN_REPORTER_NAME,
  COLUMN_AGENCY_ID,
  COLUMN_AGENCY_NAME,
  COLUMN_OBSERVED_ON,
  COLUMN_URGENCY,
  COLUMN_DESCRIPTION,
  COLUMN_REPORT_TO_SOCIAL,
  COLUMN_STATUS,
  COLUMN_FEEDBACK,
  COLUMN_CREATED_AT,
  COLUMN_UPDATED_AT,
  COLUMN_CATEGORIES,
  COLUMN_RISK_FACTORS,
  COLUMN_PROTECTIVE_FACTORS,
};

/* Helpers ------------------------------------------------------------------ */

static SamDatabase *
database_of (SamSession *session)
{
  return sam_session_get_database (session);
}

/* Rows -------------------------------------------------------------------- */

static GStrv
split_codes (sqlite3_stmt *stmt,
             int           column)
{
  const char *joined = (const char *) sqlite3_column_text (stmt, column);

  if (joined == NULL)
    return g_new0 (char *, 1);

  return g_strsplit (joined, CODE_SEPARATOR, -1);
}

static SamConcern *
concern_from_row (sqlite3_stmt *stmt)
{
  SamConcern *concern = g_new0 (SamConcern, 1);

  concern->id = sqlite3_column_int64 (stmt, COLUMN_ID);
  concern->person_id = sqlite3_column_int64 (stmt, COLUMN_PERSON_ID);
  concern->case_id = sqlite3_column_int64 (stmt, COLUMN_CASE_ID);
  concern->reporter_id = sqlite3_column_int64 (stmt, COLUMN_REPORTER_ID);
  concern->reporter_name = _sam_store_column_dup (stmt, COLUMN_REPORTER_NAME);
  concern->agency_id = sqlite3_column_int64 (stmt, COLUMN_AGENCY_ID);
  concern->agency_name = _sam_store_column_dup (stmt, COLUMN_AGENCY_NAME);
  concern->observed_on = _sam_store_column_dup (stmt, COLUMN_OBSERVED_ON);
  /* The schema's CHECK rules out anything else; were it ever bypassed, an
   * unreadable urgency had better draw attention than hide. */
  if (!sam_concern_urgency_from_string ((const char *) sqlite3_column_text (stmt, COLUMN_URGENCY),
                                        &concern->urgency))
    concern->urgency = SAM_CONCERN_URGENCY_ACUTE;
  concern->description = _sam_store_column_dup (stmt, COLUMN_DESCRIPTION);
  concern->report_to_social = sqlite3_column_int (stmt, COLUMN_REPORT_TO_SOCIAL) != 0;
  if (!sam_concern_status_from_string ((const char *) sqlite3_column_text (stmt, COLUMN_STATUS),
                                       &concern->status))
    concern->status = SAM_CONCERN_STATUS_RECEIVED;
  concern->feedback = _sam_store_column_dup (stmt, COLUMN_FEEDBACK);
  concern->created_at = _sam_store_column_dup (stmt, COLUMN_CREATED_AT);
  concern->updated_at = _sam_store_column_dup (stmt, COLUMN_UPDATED_AT);
  concern->categories = split_codes (stmt, COLUMN_CATEGORIES);
  concern->risk_factors = split_codes (stmt, COLUMN_RISK_FACTORS);
  concern->protective_factors = split_codes (stmt, COLUMN_PROTECTIVE_FACTORS);

  return concern;
}

static SamConcern *
load_concern (SamSession  *session,
              gint64       concern_id,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT " CONCERN_COLUMNS CONCERN_FROM " WHERE c.id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, concern_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return concern_from_row (stmt);

  if (rc == SQLITE_DONE)
    {
      g_autofree char *id = _sam_store_id_to_string (concern_id);

      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
                   _("Concern: there is no concern with the id %s."), id);
    }
  else
    _sam_database_set_error (database_of (session), error, rc, _("Reading a concern"));

  return NULL;
}

/* Runs a listing whose SQL may bind the signed-in user as ?1. */
static GPtrArray *
list_concerns (SamSession  *session,
               const char  *where_and_order,
               guint        limit,
               GError     **error)
{
  g_autoptr(GPtrArray) concerns = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  int rc;

  concerns = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_concern_free);
  /* The limit is ?2 whether or not the filter uses the user as ?1, so
   * that binding stays the same; SQLite reads a negative LIMIT as none. */
  sql = g_strconcat ("SELECT " CONCERN_COLUMNS CONCERN_FROM, where_and_order, " LIMIT ?2", NULL);
  stmt = _sam_database_prepare (database_of (session), sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, sam_session_get_user_id (session));
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (sqlite3_int64) limit : -1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (concerns, concern_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Listing concerns"));
      return NULL;
    }

  return g_steal_pointer (&concerns);
}

/* Validation --------------------------------------------------------------- */

static gboolean
row_exists (SamSession  *session,
            const char  *sql,
            gint64       id,
            gboolean    *out_exists,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _sam_database_prepare (database_of (session), sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Checking a concern"));
      return FALSE;
    }

  *out_exists = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
validate_person (SamSession  *session,
                 gint64       person_id,
                 GError     **error)
{
  gboolean exists = FALSE;

  if (person_id <= 0)
    return _sam_store_invalid (error, _("Young person: choose the young person the concern is about."));

  if (!row_exists (session, "SELECT 1 FROM persons WHERE id = ?1", person_id, &exists, error))
    return FALSE;

  if (!exists)
    return _sam_store_invalid (error, _("Young person: this young person is not registered. Search for "
                             "them again, or register them first."));

  return TRUE;
}

/* The day something was seen cannot lie ahead: a future date is a typing
 * mistake, and it would sort the concern wrongly. "Today" is the local
 * calendar day, the one the reporter lives in. */
static gboolean
validate_observed_on (const char  *observed_on,
                      GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate observed;
  GDate today;

  if (!sam_validate_date (_("Observed on"), observed_on, &observed, error))
    return FALSE;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today,
                  (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));

  if (g_date_compare (&observed, &today) > 0)
    return _sam_store_invalid (error, _("Observed on: the date lies in the future. Write the day it "
                             "was observed."));

  return TRUE;
}

static gboolean
validate_urgency (SamConcernUrgency   urgency,
                  GError            **error)
{
  if ((guint) urgency < SAM_N_CONCERN_URGENCIES)
    return TRUE;

  return _sam_store_invalid (error, _("Urgency: choose low, medium, high or acute."));
}

static gboolean
code_in_catalogue (SamSession  *session,
                   const char  *kind,
                   const char  *code,
                   gboolean    *out_known,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT 1 FROM catalogue WHERE kind = ?1 AND code = ?2", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Reading the catalogue"));
      return FALSE;
    }

  *out_known = rc == SQLITE_ROW;
  return TRUE;
}

/* Each code must be a well-formed identifier before it is looked up, and
 * before it is quoted back in a message. */
static gboolean
validate_codes (SamSession          *session,
                const char          *field,
                const char          *kind,
                const char * const  *codes,
                gboolean             required,
                GError             **error)
{
  if (required && (codes == NULL || codes[0] == NULL))
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                   _("%s: choose at least one."), field);
      return FALSE;
    }

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      gboolean known = FALSE;

      if (!sam_validate_text (field, codes[i], 1, CODE_MAX_CHARS, SAM_TEXT_SINGLE_LINE, error) ||
          !code_in_catalogue (session, kind, codes[i], &known, error))
        return FALSE;

      if (!known)
        {
          g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                       _("%s: “%s” is not in the catalogue. Choose from the list."),
                       field, codes[i]);
          return FALSE;
        }
    }

  return TRUE;
}

/* In the order the concern form shows the fields, so that the first error
 * is the first field to fix. */
static gboolean
validate_draft (SamSession             *session,
                const SamConcernDraft  *draft,
                GError                **error)
{
  return validate_person (session, draft->person_id, error) &&
         validate_observed_on (draft->observed_on, error) &&
         validate_urgency (draft->urgency, error) &&
         validate_codes (session, _("Categories"), "concern_category", draft->categories,
                         TRUE, error) &&
         sam_validate_text (_("Description"), draft->description, 1, SAM_LONG_TEXT_MAX_CHARS,
                            SAM_TEXT_MULTI_LINE, error) &&
         validate_codes (session, _("Risk factors"), "risk_factor", draft->risk_factors,
                         FALSE, error) &&
         validate_codes (session, _("Protective factors"), "protective_factor",
                         draft->protective_factors, FALSE, error);
}

/* Writing ------------------------------------------------------------------ */

static gboolean
insert_concern (SamSession             *session,
                const SamConcernDraft  *draft,
                gint64                 *out_id,
                GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _sam_store_now_utc ();

  stmt = _sam_database_prepare (database_of (session),
                                "INSERT INTO concerns (person_id, reporter_id, agency_id,"
                                "  observed_on, urgency, description, report_to_social,"
                                "  created_at, updated_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, draft->person_id);
  sqlite3_bind_int64 (stmt, 2, sam_session_get_user_id (session));
  sqlite3_bind_int64 (stmt, 3, sam_session_get_agency_id (session));
  sqlite3_bind_text (stmt, 4, draft->observed_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, urgencies[draft->urgency].id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, draft->description, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, draft->report_to_social ? 1 : 0);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);

  if (!_sam_store_step_done (session, stmt, _("Saving a concern"), error))
    return FALSE;

  *out_id = sqlite3_last_insert_rowid (_sam_database_get_handle (database_of (session)));
  return TRUE;
}

/* A code chosen twice is kept once: the form's intent is clear. */
static gboolean
insert_codes (SamSession          *session,
              gint64               concern_id,
              const char          *kind,
              const char * const  *codes,
              GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (codes == NULL || codes[0] == NULL)
    return TRUE;

  stmt = _sam_database_prepare (database_of (session),
                                "INSERT OR IGNORE INTO concern_codes (concern_id, kind, code)"
                                " VALUES (?1, ?2, ?3)",
                                error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; codes[i] != NULL; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, concern_id);
      sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, codes[i], -1, SQLITE_TRANSIENT);
      if (!_sam_store_step_done (session, stmt, _("Saving a concern’s codes"), error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
save_new_concern (SamSession             *session,
                  const SamConcernDraft  *draft,
                  gint64                 *out_id,
                  GError                **error)
{
  gint64 id = 0;

  if (!validate_draft (session, draft, error) ||
      !insert_concern (session, draft, &id, error) ||
      !insert_codes (session, id, "concern_category", draft->categories, error) ||
      !insert_codes (session, id, "risk_factor", draft->risk_factors, error) ||
      !insert_codes (session, id, "protective_factor", draft->protective_factors, error) ||
      !_sam_store_audit (session, SAM_AUDIT_CREATE, "concern", id, draft->person_id, 0,
              draft->report_to_social ? "report_to_social" : NULL, error))
    return FALSE;

  *out_id = id;
  return TRUE;
}

/* Triage ------------------------------------------------------------------- */

static gboolean
validate_outcome (SamConcernStatus   outcome,
                  gint64             case_id,
                  const char        *feedback,
                  GError           **error)
{
  gboolean needs_feedback = outcome == SAM_CONCERN_STATUS_NO_ACTION;

  if (outcome != SAM_CONCERN_STATUS_ASSESSED &&
      outcome != SAM_CONCERN_STATUS_LED_TO_CASE &&
      outcome != SAM_CONCERN_STATUS_NO_ACTION)
    return _sam_store_invalid (error, _("Outcome: choose assessed, led to case or no action."));

  if (outcome == SAM_CONCERN_STATUS_LED_TO_CASE && case_id <= 0)
    return _sam_store_invalid (error, _("Case: choose the case the concern leads to."));

  if (outcome != SAM_CONCERN_STATUS_LED_TO_CASE && case_id != 0)
    return _sam_store_invalid (error, _("Case: only the outcome “led to case” links a case."));

  /* The reporter reads the feedback; closing without a reason leaves them
   * wondering whether anyone read their concern at all. */
  return sam_validate_text (_("Feedback"), feedback, needs_feedback ? 1 : 0,
                            SAM_SHORT_TEXT_MAX_CHARS, SAM_TEXT_SINGLE_LINE, error);
}

static gboolean
check_transition (const SamConcern  *concern,
                  SamConcernStatus   outcome,
                  GError           **error)
{
  if (concern->status == SAM_CONCERN_STATUS_LED_TO_CASE ||
      concern->status == SAM_CONCERN_STATUS_NO_ACTION)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                   _("Status: this concern is already triaged as “%s” and cannot be "
                     "triaged again."),
                   sam_concern_status_get_label (concern->status));
      return FALSE;
    }

  if (concern->status == SAM_CONCERN_STATUS_ASSESSED && outcome == SAM_CONCERN_STATUS_ASSESSED)
    return _sam_store_invalid (error, _("Status: this concern is already assessed. Link it to a case, or "
                             "close it with feedback to the reporter."));

  return TRUE;
}

/* The case must exist, be about the same young person, and still be open:
 * a concern about one child never lands in another child's case. */
static gboolean
check_case (SamSession        *session,
            const SamConcern  *concern,
            gint64             case_id,
            GError           **error)
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
    return _sam_store_invalid (error, _("Case: there is no such case. Choose an existing case."));
  if (rc != SQLITE_ROW)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Reading a case"));
      return FALSE;
    }

  if (sqlite3_column_int64 (stmt, 0) != concern->person_id)
    return _sam_store_invalid (error, _("Case: the case is about another young person."));

  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "closed") == 0)
    return _sam_store_invalid (error, _("Case: the case is closed. Open a new case instead."));

  return TRUE;
}

static gboolean
update_status (SamSession        *session,
               gint64             concern_id,
               SamConcernStatus   outcome,
               gint64             case_id,
               const char        *feedback,
               GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _sam_store_now_utc ();

  /* Feedback given earlier stays unless new feedback replaces it. */
  stmt = _sam_database_prepare (database_of (session),
                                "UPDATE concerns SET status = ?2, case_id = ?3,"
                                "  feedback = coalesce (?4, feedback), updated_at = ?5"
                                " WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, concern_id);
  sqlite3_bind_text (stmt, 2, statuses[outcome].id, -1, SQLITE_STATIC);
  if (case_id > 0)
    sqlite3_bind_int64 (stmt, 3, case_id);
  else
    sqlite3_bind_null (stmt, 3);
  if (feedback != NULL && *feedback != '\0')
    sqlite3_bind_text (stmt, 4, feedback, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);

  return _sam_store_step_done (session, stmt, _("Saving a concern’s status"), error);
}

static gboolean
triage (SamSession        *session,
        gint64             concern_id,
        SamConcernStatus   outcome,
        gint64             case_id,
        const char        *feedback,
        GError           **error)
{
  g_autoptr(SamConcern) concern = NULL;
  g_autofree char *reason = g_strconcat ("triage:", statuses[outcome].id, NULL);

  concern = load_concern (session, concern_id, error);

  return concern != NULL &&
         check_transition (concern, outcome, error) &&
         (case_id <= 0 || check_case (session, concern, case_id, error)) &&
         update_status (session, concern_id, outcome, case_id, feedback, error) &&
         _sam_store_audit (session, SAM_AUDIT_UPDATE, "concern", concern_id, concern->person_id,
                case_id, reason, error);
}

/* Public API --------------------------------------------------------------- */

/**
 * sam_concern_free:
 * @concern: (nullable): a concern
 *
 * Frees @concern and everything it holds.
 */
void
sam_concern_free (SamConcern *concern)
{
  if (concern == NULL)
    return;

  g_free (concern->reporter_name);
  g_free (concern->agency_name);
  g_free (concern->observed_on);
  g_free (concern->description);
  g_free (concern->feedback);
  g_strfreev (concern->categories);
  g_strfreev (concern->risk_factors);
  g_strfreev (concern->protective_factors);
  g_free (concern->created_at);
  g_free (concern->updated_at);
  g_free (concern);
}

/**
 * sam_concern_urgency_to_string:
 * @urgency: an urgency
 *
 * Returns: the id stored in the database, such as `acute`
 */
const char *
sam_concern_urgency_to_string (SamConcernUrgency urgency)
{
  g_return_val_if_fail ((guint) urgency < SAM_N_CONCERN_URGENCIES, NULL);

  return urgencies[urgency].id;
}

gboolean
sam_concern_urgency_from_string (const char        *string,
                                 SamConcernUrgency *out_urgency)
{
  g_return_val_if_fail (out_urgency != NULL, FALSE);

  for (guint i = 0; string != NULL && i < SAM_N_CONCERN_URGENCIES; i++)
    {
      if (g_str_equal (string, urgencies[i].id))
        {
          *out_urgency = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * sam_concern_urgency_get_label:
 * @urgency: an urgency
 *
 * Returns: the translated label a person reads
 */
const char *
sam_concern_urgency_get_label (SamConcernUrgency urgency)
{
  g_return_val_if_fail ((guint) urgency < SAM_N_CONCERN_URGENCIES, NULL);

  return _(urgencies[urgency].label);
}

/**
 * sam_concern_status_to_string:
 * @status: a status
 *
 * Returns: the id stored in the database, such as `led_to_case`
 */
const char *
sam_concern_status_to_string (SamConcernStatus status)
{
  g_return_val_if_fail ((guint) status < SAM_N_CONCERN_STATUSES, NULL);

  return statuses[status].id;
}

gboolean
sam_concern_status_from_string (const char       *string,
                                SamConcernStatus *out_status)
{
  g_return_val_if_fail (out_status != NULL, FALSE);

  for (guint i = 0; string != NULL && i < SAM_N_CONCERN_STATUSES; i++)
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
 * sam_concern_status_get_label:
 * @status: a status
 *
 * Returns: the translated label the reporter reads
 */
const char *
sam_concern_status_get_label (SamConcernStatus status)
{
  g_return_val_if_fail ((guint) status < SAM_N_CONCERN_STATUSES, NULL);

  return _(statuses[status].label);
}

/**
 * sam_concern_store_create:
 * @session: the signed-in reporter
 * @draft: what the concern form holds
 * @error: return location for a #GError
 *
 * Logs a concern under the reporter's own agency. Every field is checked
 * first; a refusal is %SAM_STORE_ERROR_INVALID with a message that starts
 * with the field's name, and nothing is saved. The concern, its codes and
 * its audit row (CREATE, with the concern and the person) are written in
 * one transaction.
 *
 * Returns: (transfer full): the new concern, status received, or %NULL
 */
SamConcern *
sam_concern_store_create (SamSession             *session,
                          const SamConcernDraft  *draft,
                          GError                **error)
{
  SamDatabase *database;
  gint64 id = 0;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (draft != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sam_policy_check (session, SAM_OPERATION_CONCERN_CREATE, error))
    return NULL;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  if (!save_new_concern (session, draft, &id, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return load_concern (session, id, error);
}

/**
 * sam_concern_store_list_mine:
 * @session: the signed-in user
 * @limit: the most concerns to return, the newest; 0 for all
 * @error: return location for a #GError
 *
 * The concerns the signed-in user reported, newest first, each with its
 * status and the feedback from social services. Audited as one SEARCH
 * row, object type `concern`, reason `count:N` with N the number
 * returned.
 *
 * Returns: (transfer container) (element-type SamConcern): the concerns,
 *   or %NULL
 */
GPtrArray *
sam_concern_store_list_mine (SamSession  *session,
                             guint        limit,
                             GError     **error)
{
  g_autoptr(GPtrArray) concerns = NULL;
  g_autofree char *reason = NULL;
  SamAccessTarget own = { 0 };
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The reporter's right to their own concerns is CONCERN_VIEW's reporter
   * rule; roles without person-level data are refused here. */
  own.concern_reporter_id = sam_session_get_user_id (session);
  if (!sam_policy_check_target (session, SAM_OPERATION_CONCERN_VIEW, &own, error))
    return NULL;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  concerns = list_concerns (session,
                            " WHERE c.reporter_id = ?1 ORDER BY c.created_at DESC, c.id DESC",
                            limit, error);
  reason = concerns != NULL ? g_strdup_printf ("count:%u", concerns->len) : NULL;
  if (concerns == NULL ||
      !_sam_store_audit (session, SAM_AUDIT_SEARCH, "concern", 0, 0, 0, reason, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return g_steal_pointer (&concerns);
}

/**
 * sam_concern_store_list_inbox:
 * @session: the signed-in social worker or coordinator
 * @limit: the most concerns to return, the first in the order below; 0
 *   for all
 * @error: return location for a #GError
 *
 * The concerns waiting for an outcome: received, or assessed but not yet
 * linked to a case or closed. Marking a concern assessed records that
 * someone has looked at it; it stays in the queue until it is resolved.
 * Acute ones first, then formal reports of concern, then the rest, oldest
 * first within each.
 * Audited as one SEARCH row, object type `concern_inbox`, reason
 * `count:N` with N the number returned.
 *
 * Returns: (transfer container) (element-type SamConcern): the concerns,
 *   or %NULL
 */
GPtrArray *
sam_concern_store_list_inbox (SamSession  *session,
                              guint        limit,
                              GError     **error)
{
  g_autoptr(GPtrArray) concerns = NULL;
  g_autofree char *reason = NULL;
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sam_policy_check (session, SAM_OPERATION_CONCERN_INBOX, error))
    return NULL;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  concerns = list_concerns (session, " WHERE c.status IN ('received', 'assessed')" INBOX_ORDER,
                            limit, error);
  reason = concerns != NULL ? g_strdup_printf ("count:%u", concerns->len) : NULL;
  if (concerns == NULL ||
      !_sam_store_audit (session, SAM_AUDIT_SEARCH, "concern_inbox", 0, 0, 0, reason, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return g_steal_pointer (&concerns);
}

/**
 * sam_concern_store_get:
 * @session: the signed-in user
 * @concern_id: the concern to open
 * @error: return location for a #GError
 *
 * Opens one concern. The reporter and social services may; so may the
 * team of the case it led to, while the concern is their own agency's or a
 * consent in force covers both agencies. Audited as one VIEW row with the
 * person and the case.
 *
 * Returns: (transfer full): the concern, or %NULL with
 *   %SAM_POLICY_ERROR_DENIED or %SAM_STORE_ERROR_NOT_FOUND
 */
SamConcern *
sam_concern_store_get (SamSession  *session,
                       gint64       concern_id,
                       GError     **error)
{
  g_autoptr(SamConcern) concern = NULL;
  SamAccessTarget target = { 0 };
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_sam_store_role_may (session, SAM_OPERATION_CONCERN_VIEW, error))
    return NULL;

  concern = load_concern (session, concern_id, error);
  if (concern == NULL)
    return NULL;

  target.case_id = concern->case_id;
  target.item_agency_id = concern->agency_id;
  target.concern_reporter_id = concern->reporter_id;
  if (!sam_policy_check_target (session, SAM_OPERATION_CONCERN_VIEW, &target, error))
    return NULL;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  if (!_sam_store_audit (session, SAM_AUDIT_VIEW, "concern", concern->id, concern->person_id,
              concern->case_id, NULL, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return g_steal_pointer (&concern);
}

/**
 * sam_concern_store_assess:
 * @session: the signed-in social worker or coordinator
 * @concern_id: the concern to triage
 * @outcome: %SAM_CONCERN_STATUS_ASSESSED, %SAM_CONCERN_STATUS_LED_TO_CASE
 *   or %SAM_CONCERN_STATUS_NO_ACTION
 * @case_id: for %SAM_CONCERN_STATUS_LED_TO_CASE, the existing, open case
 *   of the same young person; otherwise 0
 * @feedback: (nullable): feedback the reporter reads, one line of at most
 *   %SAM_SHORT_TEXT_MAX_CHARS characters; required for
 *   %SAM_CONCERN_STATUS_NO_ACTION
 * @error: return location for a #GError
 *
 * Triages a concern. A received concern may be assessed, linked to a case
 * or closed; an assessed one may be linked or closed. Linked and closed
 * concerns are final, and triaging them again is refused. Audited as one
 * UPDATE row whose reason is `triage:` and the new status.
 *
 * Linking does not ask for a place on the case's team: triage is social
 * services' task across the whole inbox (DESIGN §2.2).
 *
 * Returns: (transfer full): the concern as it now is, or %NULL
 */
SamConcern *
sam_concern_store_assess (SamSession        *session,
                          gint64             concern_id,
                          SamConcernStatus   outcome,
                          gint64             case_id,
                          const char        *feedback,
                          GError           **error)
{
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sam_policy_check (session, SAM_OPERATION_CONCERN_TRIAGE, error) ||
      !validate_outcome (outcome, case_id, feedback, error))
    return NULL;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  if (!triage (session, concern_id, outcome, case_id, feedback, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return load_concern (session, concern_id, error);
}

/* Concerns of one case ------------------------------------------------------- */

/* Keeps only the concerns the viewer may read, as the chronology does. */
static void
keep_visible (SamSession *session,
              GPtrArray  *concerns,
              gint64      case_id)
{
  for (guint i = concerns->len; i > 0; i--)
    {
      SamConcern *concern = g_ptr_array_index (concerns, i - 1);
      SamAccessTarget target = {
        .case_id = case_id,
        .item_agency_id = concern->agency_id,
        .concern_reporter_id = concern->reporter_id,
      };

      if (!sam_policy_may (session, SAM_OPERATION_CONCERN_VIEW, &target))
        g_ptr_array_remove_index (concerns, i - 1);
    }
}

static gint64
case_person_id (SamSession *session,
                gint64      case_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _sam_database_prepare (database_of (session), "SELECT person_id FROM cases WHERE id = ?1", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, case_id);

  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/**
 * sam_concern_store_list_for_case:
 * @session: someone who may open the case
 * @case_id: the case
 * @error: return location for a #GError
 *
 * The concerns linked to a case that the viewer may read (the reporter,
 * social services, or the team under the agency rule), newest first. A
 * concern the viewer may not read is simply absent. Audited as one VIEW
 * row, object type `concern`, with the case and the person, reason
 * `count:N`.
 *
 * Returns: (transfer container) (element-type SamConcern): the concerns,
 *   or %NULL
 */
GPtrArray *
sam_concern_store_list_for_case (SamSession  *session,
                                 gint64       case_id,
                                 GError     **error)
{
  g_autoptr(GPtrArray) concerns = NULL;
  g_autofree char *where = NULL;
  g_autofree char *reason = NULL;
  gint64 person_id;
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sam_policy_check_target (session, SAM_OPERATION_CASE_VIEW,
                                &(SamAccessTarget) { .case_id = case_id }, error))
    return NULL;

  person_id = case_person_id (session, case_id);
  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  /* list_concerns() binds the user as ?1; the id is a number, safe inline. */
  where = g_strdup_printf (" WHERE c.case_id = %" G_GINT64_FORMAT " ORDER BY c.created_at DESC, c.id DESC",
                           case_id);
  concerns = list_concerns (session, where, 0, error);
  if (concerns != NULL)
    keep_visible (session, concerns, case_id);
  reason = concerns != NULL ? g_strdup_printf ("count:%u", concerns->len) : NULL;
  if (concerns == NULL ||
      !_sam_store_audit (session, SAM_AUDIT_VIEW, "concern", 0, person_id, case_id, reason, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return g_steal_pointer (&concerns);
}
