/* sam-case-plan-view.h: a case's joint action plan, goals and actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_CASE_PLAN_VIEW (sam_case_plan_view_get_type ())

G_DECLARE_FINAL_TYPE (SamCasePlanView, sam_case_plan_view, SAM, CASE_PLAN_VIEW, GtkWidget)

SamCasePlanView *sam_case_plan_view_new     (void);
void             sam_case_plan_view_load    (SamCasePlanView  *self,
                                             SamSession       *session,
                                             gint64            case_id);
void             sam_case_plan_view_refresh (SamCasePlanView  *self);
void             sam_case_plan_view_clear   (SamCasePlanView  *self);

G_END_DECLS
