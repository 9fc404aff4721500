/* sam-meeting-format.h: how meetings and due items read in the widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

char      *sam_meeting_format_local_time   (const char       *iso);
char      *sam_meeting_format_when         (const SamMeeting *meeting);
GtkWidget *sam_meeting_status_badge_new    (SamMeetingStatus  status);
GtkWidget *sam_meeting_format_label        (const char       *text,
                                            const char       *css_class);
char      *sam_meeting_format_iso_in_days  (int               days);
char      *sam_meeting_format_date_in_days (int               days);

G_END_DECLS
