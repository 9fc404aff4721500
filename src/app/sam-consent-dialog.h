/* sam-consent-dialog.h: recording a written consent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_CONSENT_DIALOG (sam_consent_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SamConsentDialog, sam_consent_dialog, SAM, CONSENT_DIALOG, AdwWindow)

SamConsentDialog *sam_consent_dialog_new (GtkWindow        *parent,
                                          SamSession       *session,
                                          gint64            case_id,
                                          const SamPerson  *person,
                                          GPtrArray        *guardians);

G_END_DECLS
