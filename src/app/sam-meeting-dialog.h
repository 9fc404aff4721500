/* sam-meeting-dialog.h: scheduling a meeting, or changing a planned one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_MEETING_DIALOG (sam_meeting_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SamMeetingDialog, sam_meeting_dialog, SAM, MEETING_DIALOG, AdwWindow)

SamMeetingDialog *sam_meeting_dialog_new       (GtkWindow   *parent,
                                                SamSession  *session,
                                                gint64       case_id,
                                                GError     **error);
SamMeetingDialog *sam_meeting_dialog_new_edit  (GtkWindow   *parent,
                                                SamSession  *session,
                                                gint64       meeting_id,
                                                GError     **error);
gint64            sam_meeting_dialog_get_meeting_id (SamMeetingDialog *self);

G_END_DECLS
