/* sam-line-chart.h: a line chart of one summary table over time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_LINE_CHART (sam_line_chart_get_type ())

/* How many series a chart draws; the table holds the rest. */
#define SAM_LINE_CHART_MAX_SERIES 6

G_DECLARE_FINAL_TYPE (SamLineChart, sam_line_chart, SAM, LINE_CHART, GtkWidget)

SamLineChart *sam_line_chart_new          (void);
void          sam_line_chart_set_table    (SamLineChart        *self,
                                           const SamStatsTable *table);
guint         sam_line_chart_get_n_series (SamLineChart        *self);
guint         sam_line_chart_get_n_points (SamLineChart        *self);
const char   *sam_line_chart_get_summary  (SamLineChart        *self);
double        sam_line_chart_get_height_for_width (SamLineChart *self,
                                           double               width);
void          sam_line_chart_draw         (SamLineChart        *self,
                                           cairo_t             *cr,
                                           PangoLayout         *layout,
                                           const GdkRGBA       *foreground,
                                           double               width,
                                           double               height);

G_END_DECLS
