/* sam-case-mapping-view.h: a case's factor scores and how they changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_CASE_MAPPING_VIEW (sam_case_mapping_view_get_type ())

G_DECLARE_FINAL_TYPE (SamCaseMappingView, sam_case_mapping_view, SAM, CASE_MAPPING_VIEW, GtkWidget)

SamCaseMappingView *sam_case_mapping_view_new     (void);
void                sam_case_mapping_view_load    (SamCaseMappingView  *self,
                                                   SamSession          *session,
                                                   gint64               case_id);
void                sam_case_mapping_view_refresh (SamCaseMappingView  *self);
void                sam_case_mapping_view_clear   (SamCaseMappingView  *self);

G_END_DECLS
