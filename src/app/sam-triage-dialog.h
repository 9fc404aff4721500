/* sam-triage-dialog.h: social services' decision on one concern
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_TRIAGE_DIALOG (sam_triage_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SamTriageDialog, sam_triage_dialog, SAM, TRIAGE_DIALOG, AdwWindow)

GtkWidget *sam_triage_dialog_new             (GtkWindow       *parent,
                                              SamSession      *session,
                                              gint64           concern_id);
gint64     sam_triage_dialog_get_concern_id  (SamTriageDialog *self);

G_END_DECLS
