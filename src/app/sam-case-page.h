/* sam-case-page.h: one case, its header and its views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_CASE_PAGE (sam_case_page_get_type ())

G_DECLARE_FINAL_TYPE (SamCasePage, sam_case_page, SAM, CASE_PAGE, AdwBin)

SamCasePage *sam_case_page_new          (void);
gboolean     sam_case_page_load         (SamCasePage  *self,
                                         SamSession   *session,
                                         gint64        case_id,
                                         GError      **error);
void         sam_case_page_refresh      (SamCasePage  *self);
void         sam_case_page_clear        (SamCasePage  *self);
gint64       sam_case_page_get_case_id  (SamCasePage  *self);

G_END_DECLS
