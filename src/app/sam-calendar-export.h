/* sam-calendar-export.h: saving a meeting invitation as an .ics file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "samverka-core.h"

G_BEGIN_DECLS

void sam_calendar_export_meeting (GtkWindow        *parent,
                                  SamSession       *session,
                                  const SamMeeting *meeting);

G_END_DECLS
