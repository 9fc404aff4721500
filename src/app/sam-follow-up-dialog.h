/* sam-follow-up-dialog.h: holding a follow-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_FOLLOW_UP_DIALOG (sam_follow_up_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SamFollowUpDialog, sam_follow_up_dialog, SAM, FOLLOW_UP_DIALOG, AdwWindow)

SamFollowUpDialog *sam_follow_up_dialog_new (GtkWindow         *parent,
                                             SamSession        *session,
                                             gint64             follow_up_id,
                                             const SamMapping  *latest,
                                             GPtrArray         *goals);

G_END_DECLS
