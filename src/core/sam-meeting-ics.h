/* sam-meeting-ics.h: a meeting as an iCalendar invitation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-session.h"

G_BEGIN_DECLS

char     *sam_meeting_export_ics       (SamSession  *session,
                                        gint64       meeting_id,
                                        GError     **error);
gboolean  sam_meeting_export_ics_file  (SamSession  *session,
                                        gint64       meeting_id,
                                        const char  *path,
                                        GError     **error);

G_END_DECLS
