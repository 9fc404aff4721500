/* sam-export.h: what every export and printout of a case's data goes through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-audit.h"
#include "sam-session.h"

G_BEGIN_DECLS

gboolean sam_export_record         (SamSession      *session,
                                    SamAuditAction   action,
                                    const char      *object_type,
                                    gint64           object_id,
                                    gint64           case_id,
                                    const char      *reason,
                                    GError         **error);
gboolean sam_export_needs_warning  (SamSession      *session,
                                    gint64           case_id);
gboolean sam_export_write_private  (const char      *path,
                                    const char      *contents,
                                    gssize           length,
                                    GError         **error);

G_END_DECLS
