/* sam-case-follow-ups-view.h: a case's follow-ups, and what comes after them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_CASE_FOLLOW_UPS_VIEW (sam_case_follow_ups_view_get_type ())

G_DECLARE_FINAL_TYPE (SamCaseFollowUpsView, sam_case_follow_ups_view, SAM, CASE_FOLLOW_UPS_VIEW, GtkWidget)

SamCaseFollowUpsView *sam_case_follow_ups_view_new             (void);
void                  sam_case_follow_ups_view_load            (SamCaseFollowUpsView  *self,
                                                                SamSession            *session,
                                                                gint64                 case_id,
                                                                SamCaseStatus          status);
void                  sam_case_follow_ups_view_set_case_status (SamCaseFollowUpsView  *self,
                                                                SamCaseStatus          status);
void                  sam_case_follow_ups_view_refresh         (SamCaseFollowUpsView  *self);
void                  sam_case_follow_ups_view_clear           (SamCaseFollowUpsView  *self);

G_END_DECLS
