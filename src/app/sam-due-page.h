/* sam-due-page.h: the Due section of the workspace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_DUE_PAGE (sam_due_page_get_type ())

G_DECLARE_FINAL_TYPE (SamDuePage, sam_due_page, SAM, DUE_PAGE, AdwBin)

GtkWidget *sam_due_page_new          (void);
void       sam_due_page_refresh      (SamDuePage *self);
guint      sam_due_page_get_n_items  (SamDuePage *self);
gboolean   sam_due_page_is_loading   (SamDuePage *self);

G_END_DECLS
