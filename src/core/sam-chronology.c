/* sam-chronology.c: one time line of everything in a case
 *
 * The case page's chronology (DESIGN §2) merges the case's opening and
 * closing, its concerns, consent events, journal notes, mappings,
 * meetings, plan changes and follow-ups, oldest first.
 *
 * What the viewer sees follows DESIGN §3, item by item, silently: a
 * concern by CONCERN_VIEW (its reporter, social services, or the team
 * under the agency rule), a note by CASE_ITEM_VIEW (the viewer's own
 * agency's, or another's under a consent that covers both; social
 * services' internal notes never); mappings, meetings and follow-ups by
 * CASE_ITEM_VIEW with the agency that recorded them; plan changes as
 * sam-plan-store.c decides. An item the viewer may not see is not there
 * at all.
 *
 * Consent events are shown to everyone who may open the case: the consent
 * is the case's legal basis for sharing (12 kap. 2 § OSL), and each team
 * member must be able to tell whether, since when and for what they may
 * share. Its purpose is the consent's own text, written for the family to
 * sign, not an agency's information.
 *
 * Case-status history is not stored yet: the case's own opened_at and
 * closed_at give "Case opened" and "Case closed", without an author.
 * Break-the-glass grants are not case events but access events: the
 * audit log and the administrator's review list show them.
 *
 * Audit: opening the chronology is one VIEW row (object `chronology`,
 * with the case and the person, reason `count:N`, the number of items
 * shown), in the same transaction as the reading. A refusal is the
 * policy's denied row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-chronology"

#include "config.h"

#include "sam-chronology.h"

#include <glib/gi18n-lib.h>

#include "sam-audit.h"
#include "sam-database-private.h"
#include "sam-store-private.h"
#include "sam-error.h"
#include "sam-plan-store-private.h"
#include "sam-policy.h"

/* Every item query returns these columns first. */
enum
{
  COLUMN_ID,
  COLUMN_TIME,
  COLUMN_AUTHOR_ID,
  COLUMN_AUTHOR_NAME,
  COLUMN_AGENCY_ID,
  COLUMN_AGENCY_NAME,
  COLUMN_TEXT,
  COLUMN_EXTRA,   /* notes: social services internal; consents: withdrawn_at */
};

#define ITEM_JOINS(author) \
  " LEFT JOIN users u ON u.id = " author \
  " LEFT JOIN agencies a ON a.id = "

static const char concerns_sql[] =
  "SELECT k.id, k.created_at, k.reporter_id, u.display_name, k.agency_id, a.name,"
  "       k.description, NULL"
  "  FROM concerns k" ITEM_JOINS ("k.reporter_id") "k.agency_id"
  " WHERE k.case_id = ?1";

static const char consents_sql[] =
  "SELECT k.id, k.recorded_at, k.recorded_by, u.display_name, u.agency_id, a.name,"
  "       k.purpose, k.withdrawn_at"
  "  FROM consents k" ITEM_JOINS ("k.recorded_by") "u.agency_id"
  " WHERE k.case_id = ?1";

static const char notes_sql[] =
  "SELECT n.id, n.written_at, n.author_id, u.display_name, n.agency_id, a.name,"
  "       n.text, a.kind = 'social_services' AND n.shared_in_sspf = 0"
  "  FROM notes n" ITEM_JOINS ("n.author_id") "n.agency_id"
  " WHERE n.case_id = ?1";

/* Mapping and follow-ups (sam-mapping-store.c, sam-follow-up-store.c): a
 * mapping scored at a follow-up is told by the "Follow-up held" item, not
 * twice. A held follow-up is its holder's agency's item and its
 * scheduler's (COLUMN_EXTRA); the viewer needs both. */
static const char mappings_sql[] =
  "SELECT m.id, m.recorded_at, m.recorded_by, u.display_name, m.agency_id, a.name,"
  "       m.comment, NULL"
  "  FROM mappings m" ITEM_JOINS ("m.recorded_by") "m.agency_id"
  " WHERE m.case_id = ?1 AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.mapping_id = m.id)";

static const char follow_ups_scheduled_sql[] =
  "SELECT f.id, f.created_at, f.created_by, u.display_name, f.agency_id, a.name, f.due_on, NULL"
  "  FROM follow_ups f" ITEM_JOINS ("f.created_by") "f.agency_id"
  " WHERE f.case_id = ?1";

/* The unary + keeps SQLite from reading this through follow_ups_due, the
 * index on status: without statistics it rated both indexes alike, took
 * that one, and read every held follow-up in the database, 1 s at 100 000
 * cases instead of 0.3 ms. */
static const char follow_ups_held_sql[] =
  "SELECT f.id, f.updated_at, f.held_by, u.display_name, u.agency_id, a.name, f.notes,"
  "       f.agency_id"
  "  FROM follow_ups f" ITEM_JOINS ("f.held_by") "u.agency_id"
  " WHERE f.case_id = ?1 AND +f.status = 'held'";

static const struct
{
  const char *id;
  const char *title;
} kinds[SAM_N_CHRONOLOGY_KINDS] = {
  [SAM_CHRONOLOGY_CASE_OPENED] = { "case_opened", N_("Case opened") },
  [SAM_CHRONOLOGY_CONCERN] = { "concern", N_("Concern logged") },
  [SAM_CHRONOLOGY_CONSENT_RECORDED] = { "consent_recorded", N_("Consent recorded") },
  [SAM_CHRONOLOGY_CONSENT_WITHDRAWN] = { "consent_withdrawn", N_("Consent withdrawn") },
  [SAM_CHRONOLOGY_NOTE] = { "note", N_("Note") },
  [SAM_CHRONOLOGY_CASE_CLOSED] = { "case_closed", N_("Case closed") },
  [SAM_CHRONOLOGY_PLAN_CHANGED] = { "plan_changed", N_("Plan changed") },
  [SAM_CHRONOLOGY_MAPPING_RECORDED] = { "mapping_recorded", N_("Factors scored") },
  [SAM_CHRONOLOGY_FOLLOW_UP_SCHEDULED] = { "follow_up_scheduled", N_("Follow-up scheduled") },
  [SAM_CHRONOLOGY_FOLLOW_UP_HELD] = { "follow_up_held", N_("Follow-up held") },
  [SAM_CHRONOLOGY_MEETING_SCHEDULED] = { "meeting_scheduled", N_("Meeting scheduled") },
  [SAM_CHRONOLOGY_MEETING_HELD] = { "meeting_held", N_("Meeting held") },
  [SAM_CHRONOLOGY_MEETING_CANCELLED] = { "meeting_cancelled", N_("Meeting cancelled") },
};

/* One chronology being read. */
typedef struct
{
  SamSession *session;
  gint64      case_id;
  GPtrArray  *items;
  GHashTable *verdicts;   /* target key → visible */
} Chronology;

/* Helpers ------------------------------------------------------------------ */

static void
chronology_clear (Chronology *self)
{
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->verdicts, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Chronology, chronology_clear)

static SamDatabase *
database_of (SamSession *session)
{
  return sam_session_get_database (session);
}

static SamChronologyItem *
item_new (SamChronologyKind  kind,
          gint64             object_id,
          const char        *time)
{
  SamChronologyItem *item = g_new0 (SamChronologyItem, 1);

  item->kind = kind;
  item->object_id = object_id;
  item->time = g_strdup (time);
  item->title = _(kinds[kind].title);

  return item;
}

static SamChronologyItem *
item_from_row (SamChronologyKind  kind,
               sqlite3_stmt      *stmt)
{
  SamChronologyItem *item = item_new (kind, sqlite3_column_int64 (stmt, COLUMN_ID),
                                      (const char *) sqlite3_column_text (stmt, COLUMN_TIME));

  item->author_id = sqlite3_column_int64 (stmt, COLUMN_AUTHOR_ID);
  item->author_name = _sam_store_column_dup (stmt, COLUMN_AUTHOR_NAME);
  item->agency_id = sqlite3_column_int64 (stmt, COLUMN_AGENCY_ID);
  item->agency_name = _sam_store_column_dup (stmt, COLUMN_AGENCY_NAME);
  item->text = _sam_store_column_dup (stmt, COLUMN_TEXT);

  return item;
}

/* Oldest first. All times are ISO 8601 UTC as the stores write them
 * (YYYY-MM-DDTHH:MM:SSZ), so they sort as text. */
static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const SamChronologyItem *x = *(SamChronologyItem * const *) a;
  const SamChronologyItem *y = *(SamChronologyItem * const *) b;
  int by_time = g_strcmp0 (x->time, y->time);

  if (by_time != 0)
    return by_time;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;

  return x->object_id < y->object_id ? -1 : x->object_id > y->object_id;
}

static void
case_not_found (GError **error,
                gint64   case_id)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, case_id);

  g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
               _("Case: there is no case with id %s."), id);
}

/* Policy --------------------------------------------------------------------- */

/* sam_policy_may(), asked once per agency and kind of item: every note of
 * one agency in one case gets the same answer. */
static gboolean
may (Chronology             *self,
     SamOperation            operation,
     const SamAccessTarget  *target)
{
  g_autofree char *key = NULL;
  gpointer known;
  gboolean verdict;

  key = g_strdup_printf ("%d:%" G_GINT64_FORMAT ":%d:%" G_GINT64_FORMAT, operation,
                         target->item_agency_id, target->item_is_social_internal ? 1 : 0,
                         target->concern_reporter_id);
  if (g_hash_table_lookup_extended (self->verdicts, key, NULL, &known))
    return GPOINTER_TO_INT (known);

  verdict = sam_policy_may (self->session, operation, target);
  g_hash_table_insert (self->verdicts, g_steal_pointer (&key), GINT_TO_POINTER (verdict));

  return verdict;
}

static gboolean
concern_visible (Chronology   *self,
                 sqlite3_stmt *stmt)
{
  SamAccessTarget target = {
    .case_id = self->case_id,
    .item_agency_id = sqlite3_column_int64 (stmt, COLUMN_AGENCY_ID),
    .concern_reporter_id = sqlite3_column_int64 (stmt, COLUMN_AUTHOR_ID),
  };

  return may (self, SAM_OPERATION_CONCERN_VIEW, &target);
}

static gboolean
note_visible (Chronology   *self,
              sqlite3_stmt *stmt)
{
  SamAccessTarget target = {
    .case_id = self->case_id,
    .item_agency_id = sqlite3_column_int64 (stmt, COLUMN_AGENCY_ID),
    .item_is_social_internal = sqlite3_column_int (stmt, COLUMN_EXTRA) != 0,
  };

  return may (self, SAM_OPERATION_CASE_ITEM_VIEW, &target);
}

static gboolean
held_follow_up_visible (Chronology   *self,
                        sqlite3_stmt *stmt)
{
  SamAccessTarget holder = {
    .case_id = self->case_id,
    .item_agency_id = sqlite3_column_int64 (stmt, COLUMN_AGENCY_ID),
  };
  SamAccessTarget scheduler = {
    .case_id = self->case_id,
    .item_agency_id = sqlite3_column_int64 (stmt, COLUMN_EXTRA),
  };

  return may (self, SAM_OPERATION_CASE_ITEM_VIEW, &holder) &&
         may (self, SAM_OPERATION_CASE_ITEM_VIEW, &scheduler);
}

static SamChronologyItem *
follow_up_scheduled_item (sqlite3_stmt *stmt)
{
  SamChronologyItem *item = item_from_row (SAM_CHRONOLOGY_FOLLOW_UP_SCHEDULED, stmt);
  g_autofree char *due_on = g_steal_pointer (&item->text);

  item->text = g_strdup_printf (_("Due on %s"), due_on);
  return item;
}

/* Meetings ------------------------------------------------------------------- */

/* A meeting is its agency's item (sam-meeting-store.c): scheduled at
 * created_at, held at its start time, cancelled at updated_at (a cancelled
 * meeting changes no more). Every event carries whoever scheduled it. */
static const char meetings_sql[] =
  "SELECT m.id, m.created_at, m.created_by, u.display_name, m.agency_id, a.name,"
  "       m.place, m.status, m.starts_at, m.decisions, m.updated_at"
  "  FROM meetings m" ITEM_JOINS ("m.created_by") "m.agency_id"
  " WHERE m.case_id = ?1";

enum
{
  MEETING_COLUMN_STATUS = COLUMN_EXTRA,
  MEETING_COLUMN_STARTS_AT,
  MEETING_COLUMN_DECISIONS,
  MEETING_COLUMN_UPDATED_AT,
};

static void
add_meeting_event (Chronology        *self,
                   SamChronologyKind  kind,
                   sqlite3_stmt      *stmt,
                   int                time_column,
                   int                text_column)
{
  SamChronologyItem *item = item_from_row (kind, stmt);

  g_free (item->time);
  item->time = _sam_store_column_dup (stmt, time_column);
  g_free (item->text);
  item->text = text_column >= 0 ? _sam_store_column_dup (stmt, text_column) : NULL;
  g_ptr_array_add (self->items, item);
}

static void
add_meeting_row (Chronology   *self,
                 sqlite3_stmt *stmt)
{
  const char *status = (const char *) sqlite3_column_text (stmt, MEETING_COLUMN_STATUS);
  SamAccessTarget target = {
    .case_id = self->case_id,
    .item_agency_id = sqlite3_column_int64 (stmt, COLUMN_AGENCY_ID),
  };

  if (!may (self, SAM_OPERATION_CASE_ITEM_VIEW, &target))
    return;

  g_ptr_array_add (self->items, item_from_row (SAM_CHRONOLOGY_MEETING_SCHEDULED, stmt));
  if (g_strcmp0 (status, "held") == 0)
    add_meeting_event (self, SAM_CHRONOLOGY_MEETING_HELD, stmt, MEETING_COLUMN_STARTS_AT,
                       MEETING_COLUMN_DECISIONS);
  else if (g_strcmp0 (status, "cancelled") == 0)
    add_meeting_event (self, SAM_CHRONOLOGY_MEETING_CANCELLED, stmt, MEETING_COLUMN_UPDATED_AT, -1);
}

static gboolean
read_meetings (Chronology  *self,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (self->session), meetings_sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, self->case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_meeting_row (self, stmt);

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (self->session), error, rc, _("Reading the chronology"));
      return FALSE;
    }

  return TRUE;
}

/* Reading -------------------------------------------------------------------- */

static void
add_row (Chronology        *self,
         SamChronologyKind  kind,
         sqlite3_stmt      *stmt)
{
  switch (kind)
    {
    case SAM_CHRONOLOGY_CONCERN:
      if (concern_visible (self, stmt))
        g_ptr_array_add (self->items, item_from_row (kind, stmt));
      break;

    case SAM_CHRONOLOGY_NOTE:
      if (note_visible (self, stmt))
        g_ptr_array_add (self->items, item_from_row (kind, stmt));
      break;

    case SAM_CHRONOLOGY_CONSENT_RECORDED:
      /* Everyone who may open the case sees its consents; see above. */
      g_ptr_array_add (self->items, item_from_row (kind, stmt));
      if (sqlite3_column_type (stmt, COLUMN_EXTRA) != SQLITE_NULL)
        g_ptr_array_add (self->items,
                         item_new (SAM_CHRONOLOGY_CONSENT_WITHDRAWN,
                                   sqlite3_column_int64 (stmt, COLUMN_ID),
                                   (const char *) sqlite3_column_text (stmt, COLUMN_EXTRA)));
      break;

    case SAM_CHRONOLOGY_MAPPING_RECORDED:
      /* COLUMN_EXTRA is NULL: the note rule is the plain item rule. */
      if (note_visible (self, stmt))
        g_ptr_array_add (self->items, item_from_row (kind, stmt));
      break;

    case SAM_CHRONOLOGY_FOLLOW_UP_SCHEDULED:
      if (note_visible (self, stmt))
        g_ptr_array_add (self->items, follow_up_scheduled_item (stmt));
      break;

    case SAM_CHRONOLOGY_FOLLOW_UP_HELD:
      if (held_follow_up_visible (self, stmt))
        g_ptr_array_add (self->items, item_from_row (kind, stmt));
      break;

    case SAM_CHRONOLOGY_CASE_OPENED:
    case SAM_CHRONOLOGY_CONSENT_WITHDRAWN:
    case SAM_CHRONOLOGY_CASE_CLOSED:
    case SAM_CHRONOLOGY_PLAN_CHANGED:
    case SAM_N_CHRONOLOGY_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
read_rows (Chronology         *self,
           const char         *sql,
           SamChronologyKind   kind,
           GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (self->session), sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, self->case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_row (self, kind, stmt);

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (self->session), error, rc, _("Reading the chronology"));
      return FALSE;
    }

  return TRUE;
}

/* The case's own events, and its young person for the audit row. */
static gboolean
read_case (Chronology  *self,
           gint64      *out_person_id,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (self->session),
                                "SELECT person_id, opened_at, closed_at FROM cases WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, self->case_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        case_not_found (error, self->case_id);
      else
        _sam_database_set_error (database_of (self->session), error, rc, _("Reading the chronology"));
      return FALSE;
    }

  *out_person_id = sqlite3_column_int64 (stmt, 0);
  g_ptr_array_add (self->items, item_new (SAM_CHRONOLOGY_CASE_OPENED, self->case_id,
                                          (const char *) sqlite3_column_text (stmt, 1)));
  if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
    g_ptr_array_add (self->items, item_new (SAM_CHRONOLOGY_CASE_CLOSED, self->case_id,
                                            (const char *) sqlite3_column_text (stmt, 2)));

  return TRUE;
}

static gboolean
read_chronology (Chronology  *self,
                 gint64      *out_person_id,
                 GError     **error)
{
  g_assert (SAM_IS_SESSION (self->session));

  if (!read_case (self, out_person_id, error) ||
      !read_rows (self, concerns_sql, SAM_CHRONOLOGY_CONCERN, error) ||
      !read_rows (self, consents_sql, SAM_CHRONOLOGY_CONSENT_RECORDED, error) ||
      !read_rows (self, notes_sql, SAM_CHRONOLOGY_NOTE, error) ||
      !read_rows (self, mappings_sql, SAM_CHRONOLOGY_MAPPING_RECORDED, error) ||
      !read_rows (self, follow_ups_scheduled_sql, SAM_CHRONOLOGY_FOLLOW_UP_SCHEDULED, error) ||
      !read_rows (self, follow_ups_held_sql, SAM_CHRONOLOGY_FOLLOW_UP_HELD, error) ||
      !read_meetings (self, error) ||
      /* The plan filters its own changes, goal by goal, action by action. */
      !_sam_plan_store_read_chronology (self->session, self->case_id, self->items, error))
    return FALSE;

  g_ptr_array_sort (self->items, compare_items);
  return TRUE;
}

/* Whether the case exists, so that a wrong id is told apart from a
 * refusal; a locked session's error comes through as it is. */
static gboolean
check_case_exists (SamSession  *session,
                   gint64       case_id,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (session), "SELECT 1 FROM cases WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;

  if (rc == SQLITE_DONE)
    case_not_found (error, case_id);
  else
    _sam_database_set_error (database_of (session), error, rc, _("Reading the chronology"));

  return FALSE;
}

static gboolean
audit_opening (Chronology  *self,
               gint64       person_id,
               GError     **error)
{
  g_autofree char *reason = g_strdup_printf ("count:%u", self->items->len);
  SamAuditEvent event = {
    .action = SAM_AUDIT_VIEW,
    .object_type = "chronology",
    .object_id = self->case_id,
    .person_id = person_id,
    .case_id = self->case_id,
    .reason = reason,
    .outcome = SAM_AUDIT_OUTCOME_OK,
  };

  return _sam_audit_append (database_of (self->session), self->session, &event, error);
}

/* Public API ----------------------------------------------------------------- */

/**
 * sam_chronology_kind_to_string:
 * @kind: a chronology kind
 *
 * Returns: the kind's stable id, such as "consent_withdrawn"
 */
const char *
sam_chronology_kind_to_string (SamChronologyKind kind)
{
  g_return_val_if_fail (kind < SAM_N_CHRONOLOGY_KINDS, NULL);

  return kinds[kind].id;
}

/**
 * sam_chronology_kind_get_title:
 * @kind: a chronology kind
 *
 * Returns: the kind's translated heading, such as "Consent recorded"
 */
const char *
sam_chronology_kind_get_title (SamChronologyKind kind)
{
  g_return_val_if_fail (kind < SAM_N_CHRONOLOGY_KINDS, NULL);

  return _(kinds[kind].title);
}

/**
 * sam_chronology_item_free:
 * @item: (nullable): an item
 *
 * Frees @item and its strings.
 */
void
sam_chronology_item_free (SamChronologyItem *item)
{
  if (item == NULL)
    return;

  g_free (item->time);
  g_free (item->author_name);
  g_free (item->agency_name);
  g_free (item->text);
  g_free (item);
}

/**
 * sam_chronology_for_case:
 * @session: someone who may open the case: its team, its coordinator, an
 *   SSPF coordinator, or social services with emergency access
 * @case_id: the case
 * @error: return location for a #GError
 *
 * The case's chronology, oldest first: its opening and closing, its
 * concerns, consent events and journal notes, each with its author and
 * agency where they are recorded. Only the items the viewer may see are
 * there; consent events are there for everyone who may open the case.
 *
 * Refused with %SAM_POLICY_ERROR_DENIED (and logged) for anyone who may
 * not open the case; an unknown case is %SAM_STORE_ERROR_NOT_FOUND.
 * Opening the chronology writes one VIEW row to the audit log.
 *
 * Returns: (transfer container) (element-type SamChronologyItem): the
 *   items, or %NULL with @error set
 */
GPtrArray *
sam_chronology_for_case (SamSession  *session,
                         gint64       case_id,
                         GError     **error)
{
  g_auto(Chronology) chronology = { 0 };
  SamDatabase *database;
  gint64 person_id = 0;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_case_exists (session, case_id, error) ||
      !sam_policy_check_target (session, SAM_OPERATION_CASE_VIEW,
                                &(SamAccessTarget) { .case_id = case_id }, error))
    return NULL;

  chronology.session = session;
  chronology.case_id = case_id;
  chronology.items = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_chronology_item_free);
  chronology.verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  if (!read_chronology (&chronology, &person_id, error) ||
      !audit_opening (&chronology, person_id, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return g_steal_pointer (&chronology.items);
}
