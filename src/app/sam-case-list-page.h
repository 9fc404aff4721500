/* sam-case-list-page.h: the cases a user may see, searchable and filtered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_CASE_LIST_PAGE (sam_case_list_page_get_type ())

G_DECLARE_FINAL_TYPE (SamCaseListPage, sam_case_list_page, SAM, CASE_LIST_PAGE, AdwBin)

GtkWidget   *sam_case_list_page_new        (void);
SamSession  *sam_case_list_page_get_session (SamCaseListPage *self);
GListModel  *sam_case_list_page_get_cases  (SamCaseListPage *self);

/* For tests. */
const char  *_sam_case_list_page_get_shown_query (SamCaseListPage *self);
gboolean     _sam_case_list_page_is_listing      (SamCaseListPage *self);

G_END_DECLS
