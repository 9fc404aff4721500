/* sam-action-dialog.h: adding or changing an action of a case's plan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_ACTION_DIALOG (sam_action_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SamActionDialog, sam_action_dialog, SAM, ACTION_DIALOG, AdwWindow)

SamActionDialog *sam_action_dialog_new (GtkWindow            *parent,
                                        SamSession           *session,
                                        gint64                case_id,
                                        GPtrArray            *goals,
                                        const SamPlanAction  *action);

G_END_DECLS
