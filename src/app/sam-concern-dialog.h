/* sam-concern-dialog.h: the quick concern form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_CONCERN_DIALOG (sam_concern_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SamConcernDialog, sam_concern_dialog, SAM, CONCERN_DIALOG, AdwWindow)

GtkWidget  *sam_concern_dialog_new                (GtkWindow        *parent,
                                                   SamSession       *session);
SamSession *sam_concern_dialog_get_session        (SamConcernDialog *self);
gint64      sam_concern_dialog_get_person_id      (SamConcernDialog *self);

G_END_DECLS
