/* sam-bar-chart.h: a bar chart of one summary table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_BAR_CHART (sam_bar_chart_get_type ())

G_DECLARE_FINAL_TYPE (SamBarChart, sam_bar_chart, SAM, BAR_CHART, GtkWidget)

SamBarChart *sam_bar_chart_new         (void);
void         sam_bar_chart_set_table   (SamBarChart         *self,
                                        const SamStatsTable *table);
guint        sam_bar_chart_get_n_bars  (SamBarChart         *self);
const char  *sam_bar_chart_get_summary (SamBarChart         *self);
int          sam_bar_chart_get_height  (SamBarChart         *self);
void         sam_bar_chart_draw        (SamBarChart         *self,
                                        cairo_t             *cr,
                                        PangoLayout         *layout,
                                        const GdkRGBA       *foreground,
                                        double               width);

G_END_DECLS
