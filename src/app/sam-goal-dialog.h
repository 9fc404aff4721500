/* sam-goal-dialog.h: adding or changing a goal of a case's plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_GOAL_DIALOG (sam_goal_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SamGoalDialog, sam_goal_dialog, SAM, GOAL_DIALOG, AdwWindow)

SamGoalDialog *sam_goal_dialog_new (GtkWindow          *parent,
                                    SamSession         *session,
                                    gint64              case_id,
                                    const SamPlanGoal  *goal);

G_END_DECLS
