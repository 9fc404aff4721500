/* sam-store-private.h: what every store in src/core needs, in one place
 *
 * The stores (persons, concerns, cases, notes, meetings, plans, follow-ups)
 * all read and write through the same few steps: a timestamp, an audit row
 * in the caller's transaction, a statement stepped to its end, a field
 * error, a role check before anything is read. Not installed; not for the
 * app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "sam-audit.h"
#include "sam-policy.h"
#include "sam-session.h"

G_BEGIN_DECLS

char     *_sam_store_now_utc        (void);
char     *_sam_store_time_utc       (gint64          offset_seconds);
char     *_sam_store_today          (void);
char     *_sam_store_id_to_string   (gint64          id);
char     *_sam_store_column_dup     (sqlite3_stmt   *stmt,
                                     int             column);
gboolean  _sam_store_invalid        (GError        **error,
                                     const char     *format,
                                     ...) G_GNUC_PRINTF (2, 3);
gboolean  _sam_store_not_found      (GError        **error,
                                     const char     *format,
                                     ...) G_GNUC_PRINTF (2, 3);
gboolean  _sam_store_audit          (SamSession     *session,
                                     SamAuditAction  action,
                                     const char     *object_type,
                                     gint64          object_id,
                                     gint64          person_id,
                                     gint64          case_id,
                                     const char     *reason,
                                     GError        **error);
gboolean  _sam_store_step_done      (SamSession     *session,
                                     sqlite3_stmt   *stmt,
                                     const char     *what,
                                     GError        **error);
gboolean  _sam_store_role_may       (SamSession     *session,
                                     SamOperation    operation,
                                     GError        **error);

G_END_DECLS
