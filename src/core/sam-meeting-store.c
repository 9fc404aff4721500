/* sam-meeting-store.c: SSPF network meetings (nätverksmöten)
 *
 * A meeting belongs to one case (DESIGN §2, step 6): when and where, who
 * takes part (staff from the case's team, the young person's guardians,
 * the young person), the agenda, the minutes and the decisions.
 *
 * Writing is for social services on the case's team, its coordinator and
 * SSPF coordinators (SAM_OPERATION_MEETING_MANAGE). A meeting belongs to
 * the agency of whoever scheduled it, and is read under the policy's item
 * rule like any other agency's entry (SAM_OPERATION_CASE_ITEM_VIEW): the
 * viewer's own agency's meetings, or another agency's while a consent in
 * force covers both. A meeting the viewer may not see is not listed.
 *
 * The status machine: planned → held, planned → cancelled; held and
 * cancelled are final. A meeting can be marked held once its start time
 * has come, not before. Minutes are not required to mark it held, because
 * they are often written up afterwards; minutes and decisions can be
 * recorded while it is planned (during the meeting) or held, never once
 * cancelled. Only a planned meeting can be moved or have its agenda or
 * participants changed. A closed case gets no new meetings and none
 * changed in advance (moved, agenda, participants); what
 * happened at its meetings (minutes, held, cancelled) can still be
 * recorded after it closed.
 *
 * Audit: scheduling is one CREATE row (object `meeting`), each change one
 * UPDATE row with a code as reason (`reschedule`, `agenda`, `participants`,
 * `minutes`, `status:held`); opening a meeting is one VIEW row, a listing one VIEW
 * row (object `meetings`, reason `count:N`). Never any text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-meeting-store"

#include "config.h"

#include "sam-meeting-store.h"

#include <glib/gi18n-lib.h>

#include "sam-audit.h"
#include "sam-database-private.h"
#include "sam-error.h"
#include "sam-meeting-store-private.h"
#include "sam-policy.h"
#include "sam-store-private.h"
#include "sam-validate.h"

#define MIN_DURATION_MINUTES 5
#define MAX_DURATION_MINUTES 600

#define MEETING_COLUMNS \
  "m.id, m.case_id, c.number, m.starts_at, m.duration_minutes, m.place, m.status, m.agenda," \
  " m.minutes, m.decisions, m.created_by, u.display_name, m.agency_id, a.name, m.created_at," \
  " m.updated_at, c.person_id"

#define MEETING_FROM \
  " FROM meetings m JOIN cases c ON c.id = m.case_id" \
  " JOIN users u ON u.id = m.created_by JOIN agencies a ON a.id = m.agency_id"

enum
{
  COLUMN_ID,
  COLUMN_CASE_ID,
  COLUMN_CASE_NUMBER,
  COLUMN_STARTS_AT,
  COLUMN_DURATION,
  COLUMN_PLACE,
  COLUMN_STATUS,
  COLUMN_AGENDA,
  COLUMN_MINUTES,
  COLUMN_DECISIONS,
  COLUMN_CREATED_BY,
  COLUMN_CREATED_BY_NAME,
  COLUMN_AGENCY_ID,
  COLUMN_AGENCY_NAME,
  COLUMN_CREATED_AT,
  COLUMN_UPDATED_AT,
  COLUMN_PERSON_ID,
};

/* The range query's two shapes. The meetings in the window come from
 * meetings_starts (the coordinator role, every case) or from meetings_case
 * over the viewer's own cases: the team, the cases they coordinate and
 * their emergency access. Never from a scan of every case. */
static const char range_all_sql[] =
  "SELECT " MEETING_COLUMNS MEETING_FROM
  " WHERE m.starts_at >= ?1 AND m.starts_at < ?2"
  " ORDER BY m.starts_at, m.id";

static const char range_related_sql[] =
  "SELECT " MEETING_COLUMNS MEETING_FROM
  " WHERE m.starts_at >= ?1 AND m.starts_at < ?2"
  "   AND m.case_id IN (SELECT case_id FROM case_team WHERE user_id = ?3"
  "                     UNION SELECT id FROM cases WHERE coordinator_id = ?3"
  "                     UNION SELECT case_id FROM break_glass"
  "                            WHERE user_id = ?3 AND ended_at IS NULL AND ends_at > ?4)"
  " ORDER BY m.starts_at, m.id";

static const struct
{
  const char *id;
  const char *label;
} statuses[SAM_N_MEETING_STATUSES] = {
  [SAM_MEETING_PLANNED] = { "planned", NC_("meeting status", "Planned") },
  [SAM_MEETING_HELD] = { "held", NC_("meeting status", "Held") },
  [SAM_MEETING_CANCELLED] = { "cancelled", NC_("meeting status", "Cancelled") },
};

/* Rows from, columns to: only a planned meeting moves. */
static const gboolean transitions[SAM_N_MEETING_STATUSES][SAM_N_MEETING_STATUSES] = {
  /*                         planned held   cancelled */
  [SAM_MEETING_PLANNED]   = { FALSE,  TRUE,  TRUE },
  [SAM_MEETING_HELD]      = { FALSE,  FALSE, FALSE },
  [SAM_MEETING_CANCELLED] = { FALSE,  FALSE, FALSE },
};

/* What a write needs to know about its case. */
typedef struct
{
  gint64   id;
  gint64   person_id;
  gboolean closed;
} CaseFacts;

/* What a change needs to know about its meeting. */
typedef struct
{
  gint64            id;
  gint64            case_id;
  gint64            person_id;
  gint64            agency_id;
  SamMeetingStatus  status;
  gboolean          case_closed;
  char             *starts_at;
} MeetingFacts;

/* One listing being read: the policy is asked once per case and agency. */
typedef struct
{
  SamSession *session;
  GPtrArray  *meetings;
  GHashTable *verdicts;
  guint       limit;
} Listing;

/* Helpers ------------------------------------------------------------------ */

static void
meeting_facts_clear (MeetingFacts *facts)
{
  g_clear_pointer (&facts->starts_at, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MeetingFacts, meeting_facts_clear)

static void
listing_clear (Listing *self)
{
  g_clear_pointer (&self->meetings, g_ptr_array_unref);
  g_clear_pointer (&self->verdicts, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Listing, listing_clear)

static SamDatabase *
database_of (SamSession *session)
{
  return sam_session_get_database (session);
}

static gint64
last_insert_id (SamSession *session)
{
  return sqlite3_last_insert_rowid (_sam_database_get_handle (database_of (session)));
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
status_from_column (sqlite3_stmt     *stmt,
                    int               column,
                    SamMeetingStatus *out_status)
{
  return sam_meeting_status_from_string ((const char *) sqlite3_column_text (stmt, column), out_status);
}

/* Parses ISO 8601 into the stored form, YYYY-MM-DDTHH:MM:SSZ. A time
 * without a zone is the user's local time. */
static char *
parse_time (const char  *field,
            const char  *text,
            GError     **error)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) utc = NULL;
  int year;

  if (text == NULL || *text == '\0')
    {
      _sam_store_invalid (error, _("%s: enter a date and a time."), field);
      return NULL;
    }

  parsed = g_date_time_new_from_iso8601 (text, local);
  if (parsed == NULL)
    {
      _sam_store_invalid (error, _("%s: write an existing date and time, such as 2026-03-14T13:00:00Z."),
                          field);
      return NULL;
    }

  utc = g_date_time_to_utc (parsed);
  year = g_date_time_get_year (utc);
  if (year < SAM_DATE_MIN_YEAR || year > SAM_DATE_MAX_YEAR)
    {
      _sam_store_invalid (error, _("%s: the year must be from %d to %d, not %u."),
                          field, SAM_DATE_MIN_YEAR, SAM_DATE_MAX_YEAR, (guint) year);
      return NULL;
    }

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
read_case_facts (SamSession  *session,
                 gint64       case_id,
                 CaseFacts   *out_facts,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT person_id, status = 'closed' FROM cases WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_autofree char *id = _sam_store_id_to_string (case_id);

      return _sam_store_not_found (error, _("Case: there is no case with id %s."), id);
    }
  if (rc != SQLITE_ROW)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Reading a case"));
      return FALSE;
    }

  out_facts->id = case_id;
  out_facts->person_id = sqlite3_column_int64 (stmt, 0);
  out_facts->closed = sqlite3_column_int (stmt, 1) != 0;
  return TRUE;
}

static gboolean
read_meeting_facts (SamSession    *session,
                    gint64         meeting_id,
                    MeetingFacts  *out_facts,
                    GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT m.case_id, c.person_id, m.agency_id, m.status,"
                                "       c.status = 'closed', m.starts_at"
                                "  FROM meetings m JOIN cases c ON c.id = m.case_id WHERE m.id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, meeting_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return _sam_store_not_found (error, _("Meeting: there is no such meeting."));
  if (rc != SQLITE_ROW)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Reading a meeting"));
      return FALSE;
    }

  out_facts->id = meeting_id;
  out_facts->case_id = sqlite3_column_int64 (stmt, 0);
  out_facts->person_id = sqlite3_column_int64 (stmt, 1);
  out_facts->agency_id = sqlite3_column_int64 (stmt, 2);
  if (!status_from_column (stmt, 3, &out_facts->status))
    out_facts->status = SAM_MEETING_PLANNED;
  out_facts->case_closed = sqlite3_column_int (stmt, 4) != 0;
  out_facts->starts_at = _sam_store_column_dup (stmt, 5);
  return TRUE;
}

/* Managing a meeting takes managing the case's meetings and seeing this
 * one: no one minutes a meeting they could not read. */
static gboolean
check_manage (SamSession    *session,
              gint64         meeting_id,
              MeetingFacts  *out_facts,
              GError       **error)
{
  if (!_sam_store_role_may (session, SAM_OPERATION_MEETING_MANAGE, error) ||
      !read_meeting_facts (session, meeting_id, out_facts, error))
    return FALSE;

  return sam_policy_check_target (session, SAM_OPERATION_MEETING_MANAGE,
                                  &(SamAccessTarget) { .case_id = out_facts->case_id }, error) &&
         sam_policy_check_target (session, SAM_OPERATION_CASE_ITEM_VIEW,
                                  &(SamAccessTarget) { .case_id = out_facts->case_id,
                                                       .item_agency_id = out_facts->agency_id },
                                  error);
}

/* Validation ------------------------------------------------------------------- */

static gboolean
validate_when_where (const char  *starts_at,
                     guint        duration_minutes,
                     const char  *place,
                     char       **out_starts_at,
                     GError     **error)
{
  *out_starts_at = parse_time (_("Start time"), starts_at, error);

  return *out_starts_at != NULL &&
         sam_validate_int_range (_("Duration"), duration_minutes,
                                 MIN_DURATION_MINUTES, MAX_DURATION_MINUTES, error) &&
         sam_validate_text (_("Place"), place, 1, SAM_SHORT_TEXT_MAX_CHARS, SAM_TEXT_SINGLE_LINE,
                            error);
}

static gboolean
check_staff (SamSession  *session,
             gint64       case_id,
             gint64       user_id,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *name;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT u.display_name, u.disabled,"
                                "       EXISTS (SELECT 1 FROM case_team t"
                                "                WHERE t.case_id = ?1 AND t.user_id = u.id)"
                                "       OR EXISTS (SELECT 1 FROM cases c"
                                "                   WHERE c.id = ?1 AND c.coordinator_id = u.id)"
                                "  FROM users u WHERE u.id = ?2",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, user_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _sam_store_invalid (error, _("Participants: one of the chosen staff members does not exist."));

  name = (const char *) sqlite3_column_text (stmt, 0);
  if (sqlite3_column_int (stmt, 1) != 0)
    return _sam_store_invalid (error, _("Participants: %s’s account is disabled."), name);
  if (sqlite3_column_int (stmt, 2) == 0)
    return _sam_store_invalid (error, _("Participants: %s is not on this case’s team. "
                                        "Add them to the team first."), name);

  return TRUE;
}

static gboolean
check_guardian (SamSession  *session,
                gint64       case_id,
                gint64       guardian_id,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT 1 FROM guardians g JOIN cases c ON c.person_id = g.person_id"
                                " WHERE c.id = ?1 AND g.id = ?2",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, guardian_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _sam_store_invalid (error, _("Participants: one of the chosen guardians is not a guardian "
                                        "of this case’s young person."));

  return TRUE;
}

static gboolean
validate_participants (SamSession             *session,
                       gint64                  case_id,
                       const SamMeetingDraft  *draft,
                       GError                **error)
{
  for (guint i = 0; i < draft->n_users; i++)
    {
      if (!check_staff (session, case_id, draft->user_ids[i], error))
        return FALSE;
    }

  for (guint i = 0; i < draft->n_guardians; i++)
    {
      if (!check_guardian (session, case_id, draft->guardian_ids[i], error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
validate_draft (SamSession             *session,
                const CaseFacts        *facts,
                const SamMeetingDraft  *draft,
                char                  **out_starts_at,
                GError                **error)
{
  if (facts->closed)
    return _sam_store_invalid (error, _("Case: the case is closed; it can have no new meetings."));

  return validate_when_where (draft->starts_at, draft->duration_minutes, draft->place,
                              out_starts_at, error) &&
         sam_validate_text (_("Agenda"), draft->agenda, 0, SAM_LONG_TEXT_MAX_CHARS,
                            SAM_TEXT_MULTI_LINE, error) &&
         validate_participants (session, facts->id, draft, error);
}

static gboolean
validate_status_change (const MeetingFacts  *facts,
                        SamMeetingStatus     status,
                        GError             **error)
{
  g_autofree char *now = NULL;

  if (status >= SAM_N_MEETING_STATUSES)
    return _sam_store_invalid (error, _("Status: choose planned, held or cancelled."));

  if (!sam_meeting_status_can_change (facts->status, status))
    return _sam_store_invalid (error, _("Status: a meeting that is “%s” cannot become “%s”."),
                               sam_meeting_status_get_label (facts->status),
                               sam_meeting_status_get_label (status));

  now = _sam_store_now_utc ();
  if (status == SAM_MEETING_HELD && g_strcmp0 (facts->starts_at, now) > 0)
    return _sam_store_invalid (error, _("Status: the meeting has not started yet; it can be marked "
                                        "held from its start time."));

  return TRUE;
}

/* Writing ------------------------------------------------------------------ */

static gboolean
insert_meeting (SamSession             *session,
                gint64                  case_id,
                const char             *starts_at,
                const SamMeetingDraft  *draft,
                gint64                 *out_id,
                GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _sam_store_now_utc ();

  stmt = _sam_database_prepare (database_of (session),
                                "INSERT INTO meetings (case_id, starts_at, duration_minutes, place,"
                                "  agenda, created_by, agency_id, created_at, updated_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, starts_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, (int) draft->duration_minutes);
  sqlite3_bind_text (stmt, 4, draft->place, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 5, draft->agenda);
  sqlite3_bind_int64 (stmt, 6, sam_session_get_user_id (session));
  sqlite3_bind_int64 (stmt, 7, sam_session_get_agency_id (session));
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
  if (!_sam_store_step_done (session, stmt, _("Saving a meeting"), error))
    return FALSE;

  *out_id = last_insert_id (session);
  return TRUE;
}

/* One participant: a user, a guardian (both > 0), or neither for the
 * young person. A repeat is ignored by the unique index. */
static gboolean
insert_participant (SamSession  *session,
                    gint64       meeting_id,
                    gint64       user_id,
                    gint64       guardian_id,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _sam_database_prepare (database_of (session),
                                "INSERT OR IGNORE INTO meeting_participants"
                                "  (meeting_id, user_id, guardian_id, is_young_person)"
                                " VALUES (?1, nullif (?2, 0), nullif (?3, 0), ?2 = 0 AND ?3 = 0)",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, meeting_id);
  sqlite3_bind_int64 (stmt, 2, user_id);
  sqlite3_bind_int64 (stmt, 3, guardian_id);

  return _sam_store_step_done (session, stmt, _("Saving a meeting’s participants"), error);
}

static gboolean
insert_participants (SamSession             *session,
                     gint64                  meeting_id,
                     const SamMeetingDraft  *draft,
                     GError                **error)
{
  for (guint i = 0; i < draft->n_users; i++)
    {
      if (!insert_participant (session, meeting_id, draft->user_ids[i], 0, error))
        return FALSE;
    }

  for (guint i = 0; i < draft->n_guardians; i++)
    {
      if (!insert_participant (session, meeting_id, 0, draft->guardian_ids[i], error))
        return FALSE;
    }

  return !draft->include_young_person || insert_participant (session, meeting_id, 0, 0, error);
}

static gboolean
save_meeting (SamSession             *session,
              const CaseFacts        *facts,
              const char             *starts_at,
              const SamMeetingDraft  *draft,
              gint64                 *out_id,
              GError                **error)
{
  return insert_meeting (session, facts->id, starts_at, draft, out_id, error) &&
         insert_participants (session, *out_id, draft, error) &&
         _sam_store_audit (session, SAM_AUDIT_CREATE, "meeting", *out_id, facts->person_id,
                           facts->id, NULL, error);
}

/* An UPDATE of one meeting with ?1 its id and ?2 the time of the change;
 * the caller binds the rest. */
static sqlite3_stmt *
prepare_update (SamSession  *session,
                gint64       meeting_id,
                const char  *sql,
                GError     **error)
{
  g_autofree char *now = _sam_store_now_utc ();
  sqlite3_stmt *stmt = _sam_database_prepare (database_of (session), sql, error);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, meeting_id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  return stmt;
}

static gboolean
replace_participants (SamSession             *session,
                      gint64                  meeting_id,
                      const SamMeetingDraft  *draft,
                      GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _sam_database_prepare (database_of (session),
                                "DELETE FROM meeting_participants WHERE meeting_id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, meeting_id);
  return _sam_store_step_done (session, stmt, _("Saving a meeting’s participants"), error) &&
         insert_participants (session, meeting_id, draft, error);
}

/* Runs @stmt, bound, then replaces the participants with @participants'
 * when given, and writes the audit row: all in one transaction. */
static gboolean
commit_update (SamSession             *session,
               const MeetingFacts     *facts,
               sqlite3_stmt           *stmt,
               const SamMeetingDraft  *participants,
               const char             *reason,
               GError                **error)
{
  SamDatabase *database = database_of (session);

  if (!_sam_database_begin (database, error))
    return FALSE;

  if (!_sam_store_step_done (session, stmt, _("Saving a meeting"), error) ||
      (participants != NULL && !replace_participants (session, facts->id, participants, error)) ||
      !_sam_store_audit (session, SAM_AUDIT_UPDATE, "meeting", facts->id, facts->person_id,
                         facts->case_id, reason, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return FALSE;
    }

  return TRUE;
}

/* Reading ------------------------------------------------------------------ */

static SamMeetingParticipant *
participant_from_row (sqlite3_stmt *stmt)
{
  SamMeetingParticipant *participant = g_new0 (SamMeetingParticipant, 1);

  participant->user_id = sqlite3_column_int64 (stmt, 0);
  participant->guardian_id = sqlite3_column_int64 (stmt, 1);
  if (sqlite3_column_int (stmt, 2) != 0)
    participant->kind = SAM_MEETING_PARTICIPANT_YOUNG_PERSON;
  else if (participant->guardian_id != 0)
    participant->kind = SAM_MEETING_PARTICIPANT_GUARDIAN;
  else
    participant->kind = SAM_MEETING_PARTICIPANT_USER;
  participant->display_name = _sam_store_column_dup (stmt, 3);
  participant->agency_id = sqlite3_column_int64 (stmt, 4);
  participant->agency_name = _sam_store_column_dup (stmt, 5);

  return participant;
}

/* Staff by name, then guardians, then the young person. */
static gboolean
load_participants (SamSession  *session,
                   SamMeeting  *meeting,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT p.user_id, p.guardian_id, p.is_young_person,"
                                "       coalesce (u.display_name, g.name,"
                                "                 y.given_name || ' ' || y.family_name),"
                                "       u.agency_id, a.name"
                                "  FROM meeting_participants p"
                                "  LEFT JOIN users u ON u.id = p.user_id"
                                "  LEFT JOIN agencies a ON a.id = u.agency_id"
                                "  LEFT JOIN guardians g ON g.id = p.guardian_id"
                                "  LEFT JOIN meetings m ON p.is_young_person = 1 AND m.id = p.meeting_id"
                                "  LEFT JOIN cases c ON c.id = m.case_id"
                                "  LEFT JOIN persons y ON y.id = c.person_id"
                                " WHERE p.meeting_id = ?1"
                                " ORDER BY p.is_young_person, p.guardian_id IS NOT NULL,"
                                "          coalesce (u.display_name, g.name), p.id",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, meeting->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (meeting->participants, participant_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Reading a meeting"));
      return FALSE;
    }

  return TRUE;
}

static SamMeeting *
meeting_from_row (sqlite3_stmt *stmt)
{
  SamMeeting *meeting = g_new0 (SamMeeting, 1);

  meeting->id = sqlite3_column_int64 (stmt, COLUMN_ID);
  meeting->case_id = sqlite3_column_int64 (stmt, COLUMN_CASE_ID);
  meeting->case_number = _sam_store_column_dup (stmt, COLUMN_CASE_NUMBER);
  meeting->starts_at = _sam_store_column_dup (stmt, COLUMN_STARTS_AT);
  meeting->duration_minutes = (guint) sqlite3_column_int (stmt, COLUMN_DURATION);
  meeting->place = _sam_store_column_dup (stmt, COLUMN_PLACE);
  if (!status_from_column (stmt, COLUMN_STATUS, &meeting->status))
    meeting->status = SAM_MEETING_PLANNED;
  meeting->agenda = _sam_store_column_dup (stmt, COLUMN_AGENDA);
  meeting->minutes = _sam_store_column_dup (stmt, COLUMN_MINUTES);
  meeting->decisions = _sam_store_column_dup (stmt, COLUMN_DECISIONS);
  meeting->created_by = sqlite3_column_int64 (stmt, COLUMN_CREATED_BY);
  meeting->created_by_name = _sam_store_column_dup (stmt, COLUMN_CREATED_BY_NAME);
  meeting->agency_id = sqlite3_column_int64 (stmt, COLUMN_AGENCY_ID);
  meeting->agency_name = _sam_store_column_dup (stmt, COLUMN_AGENCY_NAME);
  meeting->created_at = _sam_store_column_dup (stmt, COLUMN_CREATED_AT);
  meeting->updated_at = _sam_store_column_dup (stmt, COLUMN_UPDATED_AT);
  meeting->participants =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sam_meeting_participant_free);

  return meeting;
}

/* Reads one meeting with its participants, without a policy check or an
 * audit row: for the store's own use once the caller has been checked. */
static SamMeeting *
load_meeting (SamSession  *session,
              gint64       meeting_id,
              gint64      *out_person_id,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(SamMeeting) meeting = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT " MEETING_COLUMNS MEETING_FROM " WHERE m.id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, meeting_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      _sam_store_not_found (error, _("Meeting: there is no such meeting."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Reading a meeting"));
      return NULL;
    }

  meeting = meeting_from_row (stmt);
  *out_person_id = sqlite3_column_int64 (stmt, COLUMN_PERSON_ID);
  if (!load_participants (session, meeting, error))
    return NULL;

  return g_steal_pointer (&meeting);
}

static gboolean
listing_may_see (Listing      *self,
                 sqlite3_stmt *stmt)
{
  SamAccessTarget target = {
    .case_id = sqlite3_column_int64 (stmt, COLUMN_CASE_ID),
    .item_agency_id = sqlite3_column_int64 (stmt, COLUMN_AGENCY_ID),
  };
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                          target.case_id, target.item_agency_id);
  gpointer known;
  gboolean verdict;

  if (g_hash_table_lookup_extended (self->verdicts, key, NULL, &known))
    return GPOINTER_TO_INT (known);

  verdict = sam_policy_may (self->session, SAM_OPERATION_CASE_ITEM_VIEW, &target);
  g_hash_table_insert (self->verdicts, g_steal_pointer (&key), GINT_TO_POINTER (verdict));
  return verdict;
}

/* Steps @stmt to its end or to the limit, keeping what the viewer may see. */
static gboolean
listing_read (Listing       *self,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  int rc = SQLITE_DONE;

  while ((self->limit == 0 || self->meetings->len < self->limit) &&
         (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SamMeeting *meeting;

      if (!listing_may_see (self, stmt))
        continue;

      meeting = meeting_from_row (stmt);
      g_ptr_array_add (self->meetings, meeting);
      if (!load_participants (self->session, meeting, error))
        return FALSE;
    }

  if (self->limit != 0 && self->meetings->len >= self->limit)
    return TRUE;

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (self->session), error, rc, _("Reading the meetings"));
      return FALSE;
    }

  return TRUE;
}

static void
listing_init (Listing    *self,
              SamSession *session,
              guint       limit)
{
  self->session = session;
  self->meetings = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_meeting_free);
  self->verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->limit = limit;
}

static gboolean
audit_listing (Listing     *self,
               gint64       person_id,
               gint64       case_id,
               GError     **error)
{
  g_autofree char *reason = g_strdup_printf ("count:%u", self->meetings->len);

  return _sam_store_audit (self->session, SAM_AUDIT_VIEW, "meetings", 0, person_id, case_id,
                           reason, error);
}

static gboolean
read_case_meetings (Listing          *self,
                    const CaseFacts  *facts,
                    GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _sam_database_prepare (database_of (self->session),
                                "SELECT " MEETING_COLUMNS MEETING_FROM
                                " WHERE m.case_id = ?1 ORDER BY m.starts_at, m.id",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, facts->id);
  return listing_read (self, stmt, error) &&
         audit_listing (self, facts->person_id, facts->id, error);
}

static gboolean
read_range (Listing     *self,
            const char  *from,
            const char  *to,
            GError     **error)
{
  gboolean all_cases = sam_session_get_role (self->session) == SAM_ROLE_COORDINATOR;
  g_autofree char *now = _sam_store_now_utc ();
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _sam_database_prepare (database_of (self->session),
                                _sam_meeting_store_get_range_sql (all_cases), error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  if (!all_cases)
    {
      sqlite3_bind_int64 (stmt, 3, sam_session_get_user_id (self->session));
      sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
    }

  return listing_read (self, stmt, error) && audit_listing (self, 0, 0, error);
}

/* Public API: names and the state machine ---------------------------------- */

/**
 * sam_meeting_status_to_string:
 * @status: a meeting status
 *
 * Returns: the status's stable id: "planned", "held" or "cancelled"
 */
const char *
sam_meeting_status_to_string (SamMeetingStatus status)
{
  g_return_val_if_fail (status < SAM_N_MEETING_STATUSES, NULL);

  return statuses[status].id;
}

/**
 * sam_meeting_status_from_string:
 * @string: (nullable): a status id
 * @out_status: (out): the status
 *
 * Returns: whether @string is a meeting status's id
 */
gboolean
sam_meeting_status_from_string (const char       *string,
                                SamMeetingStatus *out_status)
{
  g_return_val_if_fail (out_status != NULL, FALSE);

  for (guint i = 0; string != NULL && i < SAM_N_MEETING_STATUSES; i++)
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
 * sam_meeting_status_get_label:
 * @status: a meeting status
 *
 * Returns: the status's translated name, such as "Held"
 */
const char *
sam_meeting_status_get_label (SamMeetingStatus status)
{
  g_return_val_if_fail (status < SAM_N_MEETING_STATUSES, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "meeting status", statuses[status].label);
}

/**
 * sam_meeting_status_can_change:
 * @from: the current status
 * @to: the wanted status
 *
 * Returns: whether the state machine allows the step: planned to held or
 *   to cancelled, nothing else
 */
gboolean
sam_meeting_status_can_change (SamMeetingStatus from,
                               SamMeetingStatus to)
{
  g_return_val_if_fail (from < SAM_N_MEETING_STATUSES, FALSE);
  g_return_val_if_fail (to < SAM_N_MEETING_STATUSES, FALSE);

  return transitions[from][to];
}

/**
 * sam_meeting_participant_free:
 * @participant: (nullable): a participant
 *
 * Frees @participant and its strings.
 */
void
sam_meeting_participant_free (SamMeetingParticipant *participant)
{
  if (participant == NULL)
    return;

  g_free (participant->display_name);
  g_free (participant->agency_name);
  g_free (participant);
}

/**
 * sam_meeting_free:
 * @meeting: (nullable): a meeting
 *
 * Frees @meeting, its strings and its participants.
 */
void
sam_meeting_free (SamMeeting *meeting)
{
  if (meeting == NULL)
    return;

  g_free (meeting->case_number);
  g_free (meeting->starts_at);
  g_free (meeting->place);
  g_free (meeting->agenda);
  g_free (meeting->minutes);
  g_free (meeting->decisions);
  g_free (meeting->created_by_name);
  g_free (meeting->agency_name);
  g_free (meeting->created_at);
  g_free (meeting->updated_at);
  g_clear_pointer (&meeting->participants, g_ptr_array_unref);
  g_free (meeting);
}

/* Public API: writing -------------------------------------------------------- */

/**
 * sam_meeting_store_schedule:
 * @session: social services on the case's team, its coordinator, or an
 *   SSPF coordinator
 * @case_id: the case, not closed
 * @draft: the meeting; see #SamMeetingDraft for what is accepted
 * @error: return location for a #GError
 *
 * Schedules a planned meeting under the caller's agency. Bad input is
 * %SAM_STORE_ERROR_INVALID with a message that names the field; a refusal
 * is %SAM_POLICY_ERROR_DENIED. The meeting, its participants and its audit
 * row (CREATE) are written in one transaction, or nothing is.
 *
 * Returns: the new meeting's id, or 0 with @error set
 */
gint64
sam_meeting_store_schedule (SamSession             *session,
                            gint64                  case_id,
                            const SamMeetingDraft  *draft,
                            GError                **error)
{
  g_autofree char *starts_at = NULL;
  CaseFacts facts = { 0 };
  SamDatabase *database;
  gint64 id = 0;

  g_return_val_if_fail (SAM_IS_SESSION (session), 0);
  g_return_val_if_fail (draft != NULL, 0);
  g_return_val_if_fail (draft->n_users == 0 || draft->user_ids != NULL, 0);
  g_return_val_if_fail (draft->n_guardians == 0 || draft->guardian_ids != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_sam_store_role_may (session, SAM_OPERATION_MEETING_MANAGE, error) ||
      !read_case_facts (session, case_id, &facts, error) ||
      !sam_policy_check_target (session, SAM_OPERATION_MEETING_MANAGE,
                                &(SamAccessTarget) { .case_id = case_id }, error) ||
      !validate_draft (session, &facts, draft, &starts_at, error))
    return 0;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return 0;

  if (!save_meeting (session, &facts, starts_at, draft, &id, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return 0;
    }

  return id;
}

/**
 * sam_meeting_store_reschedule:
 * @session: someone who may manage the case's meetings and see this one
 * @meeting_id: a planned meeting of a case that is not closed
 * @starts_at: the new start, as in #SamMeetingDraft
 * @duration_minutes: the new length, 5 to 600
 * @place: the new place
 * @error: return location for a #GError
 *
 * Moves a planned meeting. Audited as UPDATE, reason `reschedule`.
 *
 * Returns: %TRUE on success
 */
gboolean
sam_meeting_store_reschedule (SamSession  *session,
                              gint64       meeting_id,
                              const char  *starts_at,
                              guint        duration_minutes,
                              const char  *place,
                              GError     **error)
{
  g_auto(MeetingFacts) facts = { 0 };
  g_autofree char *utc = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_manage (session, meeting_id, &facts, error))
    return FALSE;

  if (facts.case_closed)
    return _sam_store_invalid (error, _("Case: the case is closed; its meetings can no longer be moved."));
  if (facts.status != SAM_MEETING_PLANNED)
    return _sam_store_invalid (error, _("Start time: only a planned meeting can be moved."));

  if (!validate_when_where (starts_at, duration_minutes, place, &utc, error) ||
      !(stmt = prepare_update (session, meeting_id,
                               "UPDATE meetings SET updated_at = ?2, starts_at = ?3,"
                               " duration_minutes = ?4, place = ?5 WHERE id = ?1", error)))
    return FALSE;

  sqlite3_bind_text (stmt, 3, utc, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, (int) duration_minutes);
  sqlite3_bind_text (stmt, 5, place, -1, SQLITE_TRANSIENT);

  return commit_update (session, &facts, stmt, NULL, "reschedule", error);
}

/**
 * sam_meeting_store_update_agenda:
 * @session: someone who may manage the case's meetings and see this one
 * @meeting_id: a planned meeting of a case that is not closed
 * @agenda: (nullable): the agenda, up to %SAM_LONG_TEXT_MAX_CHARS
 *   characters; %NULL or empty clears it
 * @error: return location for a #GError
 *
 * Replaces a planned meeting's agenda. Audited as UPDATE, reason `agenda`.
 *
 * Returns: %TRUE on success
 */
gboolean
sam_meeting_store_update_agenda (SamSession  *session,
                                 gint64       meeting_id,
                                 const char  *agenda,
                                 GError     **error)
{
  g_auto(MeetingFacts) facts = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_manage (session, meeting_id, &facts, error))
    return FALSE;

  if (facts.case_closed)
    return _sam_store_invalid (error, _("Case: the case is closed; its meetings’ agendas can no longer change."));
  if (facts.status != SAM_MEETING_PLANNED)
    return _sam_store_invalid (error, _("Agenda: only a planned meeting’s agenda can change."));

  if (!sam_validate_text (_("Agenda"), agenda, 0, SAM_LONG_TEXT_MAX_CHARS, SAM_TEXT_MULTI_LINE, error) ||
      !(stmt = prepare_update (session, meeting_id,
                               "UPDATE meetings SET updated_at = ?2, agenda = ?3 WHERE id = ?1", error)))
    return FALSE;

  bind_text_or_null (stmt, 3, agenda);
  return commit_update (session, &facts, stmt, NULL, "agenda", error);
}

/**
 * sam_meeting_store_set_participants:
 * @session: someone who may manage the case's meetings and see this one
 * @meeting_id: a planned meeting of a case that is not closed
 * @draft: only its participants are read (@user_ids, @guardian_ids,
 *   @include_young_person), under the same rules as when scheduling
 * @error: return location for a #GError
 *
 * Replaces a planned meeting's participants. Audited as UPDATE, reason
 * `participants`.
 *
 * Returns: %TRUE on success
 */
gboolean
sam_meeting_store_set_participants (SamSession             *session,
                                    gint64                  meeting_id,
                                    const SamMeetingDraft  *draft,
                                    GError                **error)
{
  g_auto(MeetingFacts) facts = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);
  g_return_val_if_fail (draft->n_users == 0 || draft->user_ids != NULL, FALSE);
  g_return_val_if_fail (draft->n_guardians == 0 || draft->guardian_ids != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_manage (session, meeting_id, &facts, error))
    return FALSE;

  if (facts.case_closed)
    return _sam_store_invalid (error, _("Case: the case is closed; its meetings’ participants can no "
                                        "longer change."));
  if (facts.status != SAM_MEETING_PLANNED)
    return _sam_store_invalid (error, _("Participants: only a planned meeting’s participants can change."));

  if (!validate_participants (session, facts.case_id, draft, error) ||
      !(stmt = prepare_update (session, meeting_id,
                               "UPDATE meetings SET updated_at = ?2 WHERE id = ?1", error)))
    return FALSE;

  return commit_update (session, &facts, stmt, draft, "participants", error);
}

/**
 * sam_meeting_store_record_minutes:
 * @session: someone who may manage the case's meetings and see this one
 * @meeting_id: a planned or held meeting
 * @minutes: (nullable): the minutes, up to %SAM_LONG_TEXT_MAX_CHARS
 *   characters; %NULL or empty clears them
 * @decisions: (nullable): the decisions, likewise
 * @error: return location for a #GError
 *
 * Replaces the minutes and the decisions together. Allowed while the
 * meeting is planned (minuted as it goes) or held, also once the case is
 * closed; never for a cancelled meeting. Audited as UPDATE, reason
 * `minutes`.
 *
 * Returns: %TRUE on success
 */
gboolean
sam_meeting_store_record_minutes (SamSession  *session,
                                  gint64       meeting_id,
                                  const char  *minutes,
                                  const char  *decisions,
                                  GError     **error)
{
  g_auto(MeetingFacts) facts = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_manage (session, meeting_id, &facts, error))
    return FALSE;

  if (facts.status == SAM_MEETING_CANCELLED)
    return _sam_store_invalid (error, _("Minutes: a cancelled meeting has no minutes."));

  if (!sam_validate_text (C_("meeting", "Minutes"), minutes, 0, SAM_LONG_TEXT_MAX_CHARS,
                          SAM_TEXT_MULTI_LINE, error) ||
      !sam_validate_text (_("Decisions"), decisions, 0, SAM_LONG_TEXT_MAX_CHARS, SAM_TEXT_MULTI_LINE,
                          error) ||
      !(stmt = prepare_update (session, meeting_id,
                               "UPDATE meetings SET updated_at = ?2, minutes = ?3, decisions = ?4"
                               " WHERE id = ?1", error)))
    return FALSE;

  bind_text_or_null (stmt, 3, minutes);
  bind_text_or_null (stmt, 4, decisions);
  return commit_update (session, &facts, stmt, NULL, "minutes", error);
}

/**
 * sam_meeting_store_set_status:
 * @session: someone who may manage the case's meetings and see this one
 * @meeting_id: a planned meeting
 * @status: %SAM_MEETING_HELD, from its start time on, or
 *   %SAM_MEETING_CANCELLED
 * @error: return location for a #GError
 *
 * Moves a planned meeting to held or cancelled; both are final. Any other
 * step is %SAM_STORE_ERROR_INVALID with a message starting "Status".
 * Minutes are not required to mark a meeting held. Audited as UPDATE,
 * reason `status:held` or `status:cancelled`.
 *
 * Returns: %TRUE on success
 */
gboolean
sam_meeting_store_set_status (SamSession        *session,
                              gint64             meeting_id,
                              SamMeetingStatus   status,
                              GError           **error)
{
  g_auto(MeetingFacts) facts = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *reason = NULL;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_manage (session, meeting_id, &facts, error) ||
      !validate_status_change (&facts, status, error) ||
      !(stmt = prepare_update (session, meeting_id,
                               "UPDATE meetings SET updated_at = ?2, status = ?3 WHERE id = ?1", error)))
    return FALSE;

  sqlite3_bind_text (stmt, 3, statuses[status].id, -1, SQLITE_STATIC);
  reason = g_strconcat ("status:", statuses[status].id, NULL);
  return commit_update (session, &facts, stmt, NULL, reason, error);
}

/* Public API: reading -------------------------------------------------------- */

/**
 * sam_meeting_store_get:
 * @session: someone who may see the meeting: the case's team, under the
 *   agency rule
 * @meeting_id: the meeting
 * @error: return location for a #GError
 *
 * Opens one meeting with its participants. A meeting the viewer may not
 * see is refused (%SAM_POLICY_ERROR_DENIED, logged); an unknown one is
 * %SAM_STORE_ERROR_NOT_FOUND. One VIEW row per opening.
 *
 * Returns: (transfer full): the meeting, or %NULL
 */
SamMeeting *
sam_meeting_store_get (SamSession  *session,
                       gint64       meeting_id,
                       GError     **error)
{
  g_autoptr(SamMeeting) meeting = NULL;
  SamDatabase *database;
  gint64 person_id = 0;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_sam_store_role_may (session, SAM_OPERATION_CASE_ITEM_VIEW, error) ||
      !(meeting = load_meeting (session, meeting_id, &person_id, error)) ||
      !sam_policy_check_target (session, SAM_OPERATION_CASE_ITEM_VIEW,
                                &(SamAccessTarget) { .case_id = meeting->case_id,
                                                     .item_agency_id = meeting->agency_id },
                                error))
    return NULL;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  if (!_sam_store_audit (session, SAM_AUDIT_VIEW, "meeting", meeting_id, person_id,
                         meeting->case_id, NULL, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return g_steal_pointer (&meeting);
}

/**
 * sam_meeting_store_list_for_case:
 * @session: someone who may open the case
 * @case_id: the case
 * @error: return location for a #GError
 *
 * The case's meetings the viewer may see, by start time. Another agency's
 * meeting without a consent covering both agencies is simply absent. One
 * VIEW row (object `meetings`, reason `count:N`) for the listing.
 *
 * Returns: (transfer container) (element-type SamMeeting): the meetings,
 *   or %NULL with @error set
 */
GPtrArray *
sam_meeting_store_list_for_case (SamSession  *session,
                                 gint64       case_id,
                                 GError     **error)
{
  g_auto(Listing) listing = { 0 };
  CaseFacts facts = { 0 };
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_sam_store_role_may (session, SAM_OPERATION_CASE_VIEW, error) ||
      !read_case_facts (session, case_id, &facts, error) ||
      !sam_policy_check_target (session, SAM_OPERATION_CASE_VIEW,
                                &(SamAccessTarget) { .case_id = case_id }, error))
    return NULL;

  listing_init (&listing, session, 0);
  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  if (!read_case_meetings (&listing, &facts, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return g_steal_pointer (&listing.meetings);
}

/**
 * sam_meeting_store_list_range:
 * @session: a front-line user
 * @from_iso: the window's start, included, ISO 8601 as in #SamMeetingDraft
 * @to_iso: the window's end, excluded
 * @limit: the most meetings to return, or 0 for all
 * @error: return location for a #GError
 *
 * The meetings of every case the viewer may open (its team, the cases
 * they coordinate, emergency access; every case for an SSPF coordinator)
 * that start in the window and that the viewer may see, by start time:
 * for the Meetings page and reminders. Each carries its case number. One
 * VIEW row (object `meetings`, reason `count:N`). Managers and
 * administrators are refused.
 *
 * Returns: (transfer container) (element-type SamMeeting): the meetings,
 *   or %NULL with @error set
 */
GPtrArray *
sam_meeting_store_list_range (SamSession  *session,
                              const char  *from_iso,
                              const char  *to_iso,
                              guint        limit,
                              GError     **error)
{
  g_auto(Listing) listing = { 0 };
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_sam_store_role_may (session, SAM_OPERATION_CASE_ITEM_VIEW, error) ||
      !(from = parse_time (_("From"), from_iso, error)) ||
      !(to = parse_time (_("To"), to_iso, error)))
    return NULL;

  if (g_strcmp0 (from, to) >= 0)
    {
      _sam_store_invalid (error, _("To: the end must come after the start."));
      return NULL;
    }

  listing_init (&listing, session, limit);
  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  if (!read_range (&listing, from, to, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return g_steal_pointer (&listing.meetings);
}

const char *
_sam_meeting_store_get_range_sql (gboolean all_cases)
{
  return all_cases ? range_all_sql : range_related_sql;
}
