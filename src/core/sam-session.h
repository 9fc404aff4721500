/* sam-session.h: the signed-in user, with role and agency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sam-database.h"
#include "sam-role.h"
#include "sam-secret.h"

G_BEGIN_DECLS

#define SAM_TYPE_SESSION (sam_session_get_type ())

G_DECLARE_FINAL_TYPE (SamSession, sam_session, SAM, SESSION, GObject)

SamSession  *sam_session_unlock                 (const char           *database_path,
                                                 const char           *user_name,
                                                 const SamSecret      *passphrase,
                                                 GError              **error);
void         sam_session_unlock_async           (const char           *database_path,
                                                 const char           *user_name,
                                                 const SamSecret      *passphrase,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
SamSession  *sam_session_unlock_finish          (GAsyncResult         *result,
                                                 GError              **error);
void         sam_session_lock                   (SamSession           *self);
gboolean     sam_session_is_locked              (SamSession           *self);
SamDatabase *sam_session_get_database           (SamSession           *self);
gint64       sam_session_get_user_id            (SamSession           *self);
const char  *sam_session_get_user_name          (SamSession           *self);
const char  *sam_session_get_display_name       (SamSession           *self);
SamRole      sam_session_get_role               (SamSession           *self);
gint64       sam_session_get_agency_id          (SamSession           *self);
const char  *sam_session_get_agency_name        (SamSession           *self);
SamAgencyKind sam_session_get_agency_kind       (SamSession           *self);
guint        sam_session_get_failed_attempts    (SamSession           *self);
gboolean     sam_session_get_must_change_passphrase (SamSession       *self);
gboolean     sam_session_is_demo                (SamSession           *self);
gboolean     sam_session_change_passphrase      (SamSession           *self,
                                                 const SamSecret      *new_passphrase,
                                                 GError              **error);
void         sam_session_change_passphrase_async (SamSession          *self,
                                                 const SamSecret      *new_passphrase,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean     sam_session_change_passphrase_finish (SamSession         *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
