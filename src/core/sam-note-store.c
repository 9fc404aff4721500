/* sam-note-store.c: the case journal, written per agency
 *
 * Each agency writes its own notes in a case's journal (DESIGN §2, §3
 * "Writing"). A note belongs to its author's agency. Who may read it
 * follows the policy's item rule: the viewer's own agency's notes, or
 * another agency's while a consent in force covers both agencies.
 *
 * Social services' notes are closed by default, because OSL secrecy also
 * holds between units: only a note its author marked "shared in SSPF" is
 * shown outside social services, and then only under consent. For every
 * other agency the flag means nothing (consent alone decides), so their
 * notes are stored with shared_in_sspf = 1, which keeps the column's
 * meaning simple: 0 marks a social services internal note, nothing else.
 *
 * Audit: writing is one CREATE row (object `note`); opening a case's
 * journal is one VIEW row (object `journal`, reason `count:N`, the number
 * of notes shown), never one per note, and never any text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-note-store"

#include "config.h"

#include "sam-note-store.h"

#include <glib/gi18n-lib.h>

#include "sam-audit.h"
#include "sam-database-private.h"
#include "sam-store-private.h"
#include "sam-error.h"
#include "sam-policy.h"
#include "sam-validate.h"

#define NOTE_COLUMNS \
  "n.id, n.case_id, n.author_id, u.display_name, n.agency_id, a.name, n.written_at, n.text," \
  " n.shared_in_sspf, a.kind"

#define NOTE_FROM \
  " FROM notes n JOIN users u ON u.id = n.author_id JOIN agencies a ON a.id = n.agency_id"

enum
{
  COLUMN_ID,
  COLUMN_CASE_ID,
  COLUMN_AUTHOR_ID,
  COLUMN_AUTHOR_NAME,
  COLUMN_AGENCY_ID,
  COLUMN_AGENCY_NAME,
  COLUMN_WRITTEN_AT,
  COLUMN_TEXT,
  COLUMN_SHARED_IN_SSPF,
  COLUMN_AGENCY_KIND,
};

/* What the policy said about one agency's notes in one listing. Every
 * note of an agency gets the same answer, so the policy is asked once per
 * agency and kind of note, not once per note. */
typedef struct
{
  gint64   agency_id;
  gboolean social_internal;
  gboolean visible;
} Verdict;

/* Helpers ------------------------------------------------------------------ */

static SamDatabase *
database_of (SamSession *session)
{
  return sam_session_get_database (session);
}

/* The case's young person, for the audit row: a person's log extract must
 * show who read their journal. */
static gboolean
case_person (SamSession  *session,
             gint64       case_id,
             gint64      *out_person_id,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT person_id FROM cases WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
                           _("Case: there is no such case."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Reading a case"));
      return FALSE;
    }

  *out_person_id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static SamNote *
note_from_row (sqlite3_stmt *stmt)
{
  SamNote *note = g_new0 (SamNote, 1);

  note->id = sqlite3_column_int64 (stmt, COLUMN_ID);
  note->case_id = sqlite3_column_int64 (stmt, COLUMN_CASE_ID);
  note->author_id = sqlite3_column_int64 (stmt, COLUMN_AUTHOR_ID);
  note->author_name = g_strdup ((const char *) sqlite3_column_text (stmt, COLUMN_AUTHOR_NAME));
  note->agency_id = sqlite3_column_int64 (stmt, COLUMN_AGENCY_ID);
  note->agency_name = g_strdup ((const char *) sqlite3_column_text (stmt, COLUMN_AGENCY_NAME));
  note->written_at = g_strdup ((const char *) sqlite3_column_text (stmt, COLUMN_WRITTEN_AT));
  note->text = g_strdup ((const char *) sqlite3_column_text (stmt, COLUMN_TEXT));
  note->shared_in_sspf = sqlite3_column_int (stmt, COLUMN_SHARED_IN_SSPF) != 0;

  return note;
}

/* Writing ------------------------------------------------------------------ */

static gboolean
insert_note (SamSession  *session,
             gint64       case_id,
             const char  *text,
             gboolean     shared_in_sspf,
             gint64      *out_id,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _sam_store_now_utc ();
  int rc;

  stmt = _sam_database_prepare (database_of (session),
                                "INSERT INTO notes (case_id, author_id, agency_id, written_at,"
                                "  text, shared_in_sspf)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_int64 (stmt, 2, sam_session_get_user_id (session));
  sqlite3_bind_int64 (stmt, 3, sam_session_get_agency_id (session));
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, shared_in_sspf ? 1 : 0);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Saving a note"));
      return FALSE;
    }

  *out_id = sqlite3_last_insert_rowid (_sam_database_get_handle (database_of (session)));
  return TRUE;
}

static gboolean
save_note (SamSession  *session,
           gint64       case_id,
           const char  *text,
           gboolean     shared_in_sspf,
           gint64      *out_id,
           GError     **error)
{
  gboolean social = sam_session_get_agency_kind (session) == SAM_AGENCY_KIND_SOCIAL_SERVICES;
  gint64 person_id = 0;

  /* See the top of the file: only social services may keep a note
   * internal; everyone else's is shareable under consent. */
  if (!social)
    shared_in_sspf = TRUE;

  return case_person (session, case_id, &person_id, error) &&
         insert_note (session, case_id, text, shared_in_sspf, out_id, error) &&
         _sam_store_audit (session, SAM_AUDIT_CREATE, "note", *out_id, person_id, case_id,
                social && shared_in_sspf ? "shared_in_sspf" : NULL, error);
}

static SamNote *
load_note (SamSession  *session,
           gint64       note_id,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT " NOTE_COLUMNS NOTE_FROM " WHERE n.id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, note_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return note_from_row (stmt);

  if (rc == SQLITE_DONE)
    g_set_error_literal (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
                         _("Note: there is no such note."));
  else
    _sam_database_set_error (database_of (session), error, rc, _("Reading a note"));

  return NULL;
}

/* Reading ------------------------------------------------------------------ */

static gboolean
note_visible (SamSession  *session,
              gint64       case_id,
              GArray      *verdicts,
              gint64       agency_id,
              gboolean     social_internal)
{
  SamAccessTarget target = { 0 };
  Verdict verdict;

  for (guint i = 0; i < verdicts->len; i++)
    {
      const Verdict *known = &g_array_index (verdicts, Verdict, i);

      if (known->agency_id == agency_id && known->social_internal == social_internal)
        return known->visible;
    }

  target.case_id = case_id;
  target.item_agency_id = agency_id;
  target.item_is_social_internal = social_internal;

  verdict.agency_id = agency_id;
  verdict.social_internal = social_internal;
  verdict.visible = sam_policy_may (session, SAM_OPERATION_CASE_ITEM_VIEW, &target);
  g_array_append_val (verdicts, verdict);

  return verdict.visible;
}

static gboolean
is_social_internal (sqlite3_stmt *stmt)
{
  return g_strcmp0 ((const char *) sqlite3_column_text (stmt, COLUMN_AGENCY_KIND),
                    "social_services") == 0 &&
         sqlite3_column_int (stmt, COLUMN_SHARED_IN_SSPF) == 0;
}

/* The journal in the order it was written. A note the viewer may not see
 * is simply not there: not even its existence is told. */
static GPtrArray *
read_visible_notes (SamSession  *session,
                    gint64       case_id,
                    GError     **error)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_note_free);
  g_autoptr(GArray) verdicts = g_array_new (FALSE, FALSE, sizeof (Verdict));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT " NOTE_COLUMNS NOTE_FROM
                                " WHERE n.case_id = ?1 ORDER BY n.written_at, n.id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (note_visible (session, case_id, verdicts,
                        sqlite3_column_int64 (stmt, COLUMN_AGENCY_ID),
                        is_social_internal (stmt)))
        g_ptr_array_add (notes, note_from_row (stmt));
    }

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Reading the journal"));
      return NULL;
    }

  return g_steal_pointer (&notes);
}

static GPtrArray *
open_journal (SamSession  *session,
              gint64       case_id,
              GError     **error)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autofree char *reason = NULL;
  gint64 person_id = 0;

  if (!case_person (session, case_id, &person_id, error))
    return NULL;

  notes = read_visible_notes (session, case_id, error);
  if (notes == NULL)
    return NULL;

  reason = g_strdup_printf ("count:%u", notes->len);
  if (!_sam_store_audit (session, SAM_AUDIT_VIEW, "journal", 0, person_id, case_id, reason, error))
    return NULL;

  return g_steal_pointer (&notes);
}

/* Public API --------------------------------------------------------------- */

/**
 * sam_note_free:
 * @note: (nullable): a note
 *
 * Frees @note and everything it holds.
 */
void
sam_note_free (SamNote *note)
{
  if (note == NULL)
    return;

  g_free (note->author_name);
  g_free (note->agency_name);
  g_free (note->written_at);
  g_free (note->text);
  g_free (note);
}

/**
 * sam_note_store_write:
 * @session: the signed-in team member
 * @case_id: the case whose journal to write in
 * @text: the note, 1 to %SAM_LONG_TEXT_MAX_CHARS characters; line breaks
 *   and tabs are allowed
 * @shared_in_sspf: for a social services author, whether the SSPF team may
 *   read it under consent; ignored for other agencies, whose notes consent
 *   alone governs
 * @error: return location for a #GError
 *
 * Writes a note under the author's own agency. Only the case's team, its
 * coordinator, or a holder of emergency access may. The note and its audit
 * row (CREATE, with the case and the person) are written together.
 *
 * Returns: (transfer full): the new note, or %NULL
 */
SamNote *
sam_note_store_write (SamSession  *session,
                      gint64       case_id,
                      const char  *text,
                      gboolean     shared_in_sspf,
                      GError     **error)
{
  SamAccessTarget target = { 0 };
  SamDatabase *database;
  gint64 id = 0;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  target.case_id = case_id;
  if (!sam_policy_check_target (session, SAM_OPERATION_NOTE_WRITE, &target, error) ||
      !sam_validate_text (_("Note"), text, 1, SAM_LONG_TEXT_MAX_CHARS, SAM_TEXT_MULTI_LINE,
                          error))
    return NULL;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  if (!save_note (session, case_id, text, shared_in_sspf, &id, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return load_note (session, id, error);
}

/**
 * sam_note_store_list:
 * @session: the signed-in user
 * @case_id: the case whose journal to open
 * @error: return location for a #GError
 *
 * Opens a case's journal. The viewer must be allowed to open the case at
 * all; then each note appears only if the policy lets the viewer see its
 * agency's items (DESIGN §3, rules 2 and 3, and social services' internal
 * notes). Audited as one VIEW row for the journal.
 *
 * Returns: (transfer container) (element-type SamNote): the notes the
 *   viewer may see, oldest first, or %NULL
 */
GPtrArray *
sam_note_store_list (SamSession  *session,
                     gint64       case_id,
                     GError     **error)
{
  g_autoptr(GPtrArray) notes = NULL;
  SamAccessTarget target = { 0 };
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  target.case_id = case_id;
  if (!sam_policy_check_target (session, SAM_OPERATION_CASE_VIEW, &target, error))
    return NULL;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  notes = open_journal (session, case_id, error);
  if (notes == NULL || !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return g_steal_pointer (&notes);
}
