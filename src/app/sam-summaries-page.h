/* sam-summaries-page.h: the manager's anonymised summaries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_SUMMARIES_PAGE (sam_summaries_page_get_type ())

G_DECLARE_FINAL_TYPE (SamSummariesPage, sam_summaries_page, SAM, SUMMARIES_PAGE, AdwBin)

GtkWidget           *sam_summaries_page_new         (void);
const SamStatsTable *sam_summaries_page_get_table   (SamSummariesPage  *self);
gboolean             sam_summaries_page_export_csv  (SamSummariesPage  *self,
                                                     const char        *path,
                                                     GError           **error);
gboolean             sam_summaries_page_export_report (SamSummariesPage  *self,
                                                       const char        *path,
                                                       GError           **error);
const SamStatsTable *sam_summaries_page_get_programme (SamSummariesPage  *self,
                                                       SamStatsDimension  dimension);

G_END_DECLS
