/* sam-factor-chart.h: small charts of factor scores over time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_FACTOR_CHART (sam_factor_chart_get_type ())

G_DECLARE_FINAL_TYPE (SamFactorChart, sam_factor_chart, SAM, FACTOR_CHART, GtkWidget)

SamFactorChart *sam_factor_chart_new         (void);
void            sam_factor_chart_set_series  (SamFactorChart  *self,
                                              GPtrArray       *series);
GPtrArray      *sam_factor_chart_get_series  (SamFactorChart  *self);
const char     *sam_factor_chart_get_summary (SamFactorChart  *self);

G_END_DECLS
