/* sam-case-list-row.h: one case in the case list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_CASE_LIST_ROW (sam_case_list_row_get_type ())

G_DECLARE_FINAL_TYPE (SamCaseListRow, sam_case_list_row, SAM, CASE_LIST_ROW, AdwBin)

GtkWidget  *sam_case_list_row_new       (void);
SamCaseRow *sam_case_list_row_get_row   (SamCaseListRow *self);
void        sam_case_list_row_set_row   (SamCaseListRow *self,
                                         SamCaseRow     *row);

G_END_DECLS
