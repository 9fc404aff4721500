/* sam-meetings-page.h: the Meetings section of the workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_MEETINGS_PAGE (sam_meetings_page_get_type ())

G_DECLARE_FINAL_TYPE (SamMeetingsPage, sam_meetings_page, SAM, MEETINGS_PAGE, AdwBin)

GtkWidget *sam_meetings_page_new          (void);
void       sam_meetings_page_refresh      (SamMeetingsPage *self);
guint      sam_meetings_page_get_n_items  (SamMeetingsPage *self);
gboolean   sam_meetings_page_is_loading   (SamMeetingsPage *self);

G_END_DECLS
