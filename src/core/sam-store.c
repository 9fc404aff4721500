/* sam-store.c: the steps every store shares (see sam-store-private.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-store"

#include "config.h"

#include "sam-store-private.h"

#include "sam-database-private.h"
#include "sam-error.h"

/* Times are stored as ISO 8601 UTC with a Z, so that they sort as text. */
char *
_sam_store_time_utc (gint64 offset_seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, (gdouble) offset_seconds);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

char *
_sam_store_now_utc (void)
{
  return _sam_store_time_utc (0);
}

/* Today's date where the user is: "is this date in the future" is a
 * question about the local calendar. */
char *
_sam_store_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Ids go into messages as text: xgettext cannot read G_GINT64_FORMAT. */
char *
_sam_store_id_to_string (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

char *
_sam_store_column_dup (sqlite3_stmt *stmt,
                       int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
set_store_error (GError     **error,
                 int          code,
                 const char  *format,
                 va_list      args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_set_error_literal (error, SAM_STORE_ERROR, code, message);
  return FALSE;
}

/* Sets a SAM_STORE_ERROR_INVALID whose message names the field, and
 * returns %FALSE, so that a validator can `return _sam_store_invalid (…)`. */
gboolean
_sam_store_invalid (GError     **error,
                    const char  *format,
                    ...)
{
  va_list args;

  va_start (args, format);
  set_store_error (error, SAM_STORE_ERROR_INVALID, format, args);
  va_end (args);

  return FALSE;
}

gboolean
_sam_store_not_found (GError     **error,
                      const char  *format,
                      ...)
{
  va_list args;

  va_start (args, format);
  set_store_error (error, SAM_STORE_ERROR_NOT_FOUND, format, args);
  va_end (args);

  return FALSE;
}

/* Appends a successful event to the audit log, in the transaction the
 * caller holds, so that the action and its row commit or vanish together. */
gboolean
_sam_store_audit (SamSession      *session,
                  SamAuditAction   action,
                  const char      *object_type,
                  gint64           object_id,
                  gint64           person_id,
                  gint64           case_id,
                  const char      *reason,
                  GError         **error)
{
  SamAuditEvent event = {
    .action = action,
    .object_type = object_type,
    .object_id = object_id,
    .person_id = person_id,
    .case_id = case_id,
    .reason = reason,
    .outcome = SAM_AUDIT_OUTCOME_OK,
  };

  return _sam_audit_append (sam_session_get_database (session), session, &event, error);
}

gboolean
_sam_store_step_done (SamSession    *session,
                      sqlite3_stmt  *stmt,
                      const char    *what,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (sam_session_get_database (session), error, rc, what);
      return FALSE;
    }

  return TRUE;
}

/* Refuses a role that may never perform @operation before anything is
 * read, so that not even "no such record" reaches it. */
gboolean
_sam_store_role_may (SamSession    *session,
                     SamOperation   operation,
                     GError       **error)
{
  if (sam_policy_allows (sam_session_get_role (session), operation))
    return TRUE;

  return sam_policy_check (session, operation, error);
}
