/* sam-minutes-dialog.h: a meeting's minutes and decisions, and its outcome
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_MINUTES_DIALOG (sam_minutes_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SamMinutesDialog, sam_minutes_dialog, SAM, MINUTES_DIALOG, AdwWindow)

SamMinutesDialog *sam_minutes_dialog_new            (GtkWindow         *parent,
                                                     SamSession        *session,
                                                     gint64             meeting_id,
                                                     GError           **error);
gint64            sam_minutes_dialog_get_meeting_id (SamMinutesDialog  *self);

G_END_DECLS
