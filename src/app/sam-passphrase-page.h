/* sam-passphrase-page.h: replace a one-time passphrase
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_PASSPHRASE_PAGE (sam_passphrase_page_get_type ())

G_DECLARE_FINAL_TYPE (SamPassphrasePage, sam_passphrase_page, SAM, PASSPHRASE_PAGE, AdwBin)

GtkWidget  *sam_passphrase_page_new         (void);
SamSession *sam_passphrase_page_get_session (SamPassphrasePage *self);
void        sam_passphrase_page_set_session (SamPassphrasePage *self,
                                             SamSession        *session);
gboolean    sam_passphrase_page_get_busy    (SamPassphrasePage *self);

G_END_DECLS
