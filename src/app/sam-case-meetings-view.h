/* sam-case-meetings-view.h: the Meetings view of a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_CASE_MEETINGS_VIEW (sam_case_meetings_view_get_type ())

G_DECLARE_FINAL_TYPE (SamCaseMeetingsView, sam_case_meetings_view, SAM, CASE_MEETINGS_VIEW, AdwBin)

GtkWidget *sam_case_meetings_view_new         (void);
void       sam_case_meetings_view_load        (SamCaseMeetingsView *self,
                                               SamSession          *session,
                                               gint64               case_id);
void       sam_case_meetings_view_clear       (SamCaseMeetingsView *self);
guint      sam_case_meetings_view_get_n_items (SamCaseMeetingsView *self);

G_END_DECLS
