/* sam-mapping-dialog.h: scoring a case's risk and protective factors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_MAPPING_DIALOG (sam_mapping_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SamMappingDialog, sam_mapping_dialog, SAM, MAPPING_DIALOG, AdwWindow)

SamMappingDialog *sam_mapping_dialog_new (GtkWindow         *parent,
                                          SamSession        *session,
                                          gint64             case_id,
                                          const SamMapping  *latest);

G_END_DECLS
