/* sam-chart-scale.h: the value axis the summary charts share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * SamChartScale:
 * @low: the first tick: 0, or below it when a value is negative
 * @high: the last tick: above 0 and every value
 * @step: between two ticks: 1, 2 or 5 times a power of ten
 * @decimals: how many decimals a tick is printed with
 *
 * A value axis with round ticks that always include zero, so that bars
 * start from it and a mean below zero points the other way.
 */
typedef struct
{
  double low;
  double high;
  double step;
  int    decimals;
} SamChartScale;

void    sam_chart_scale_init     (SamChartScale       *scale,
                                  double               low,
                                  double               high,
                                  guint                n_ticks,
                                  gboolean             whole);
double  sam_chart_scale_fraction (const SamChartScale *scale,
                                  double               value);
char   *sam_chart_scale_format   (const SamChartScale *scale,
                                  double               tick);

G_END_DECLS
