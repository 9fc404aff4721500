/* sam-unlock-page.h: user name and passphrase
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SAM_TYPE_UNLOCK_PAGE (sam_unlock_page_get_type ())

G_DECLARE_FINAL_TYPE (SamUnlockPage, sam_unlock_page, SAM, UNLOCK_PAGE, AdwBin)

GtkWidget  *sam_unlock_page_new               (void);
const char *sam_unlock_page_get_database_path (SamUnlockPage *self);
void        sam_unlock_page_set_database_path (SamUnlockPage *self,
                                               const char    *database_path);
gboolean    sam_unlock_page_get_busy          (SamUnlockPage *self);
void        sam_unlock_page_reset             (SamUnlockPage *self);

G_END_DECLS
