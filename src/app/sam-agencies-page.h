/* sam-agencies-page.h: the administrator's Agencies section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_AGENCIES_PAGE (sam_agencies_page_get_type ())

G_DECLARE_FINAL_TYPE (SamAgenciesPage, sam_agencies_page, SAM, AGENCIES_PAGE, AdwBin)

GtkWidget *sam_agencies_page_new             (void);
void       sam_agencies_page_refresh         (SamAgenciesPage *self);
guint      sam_agencies_page_get_n_agencies  (SamAgenciesPage *self);
guint      sam_agencies_page_get_n_areas     (SamAgenciesPage *self);

G_END_DECLS
