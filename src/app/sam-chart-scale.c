/* sam-chart-scale.c: the value axis the summary charts share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sam-chart-scale.h"

#include <math.h>

/* 1, 2 or 5 times a power of ten, so that the ticks read as round numbers;
 * never below 1 for whole counts, where a tick at 2.5 would mean nothing. */
static double
nice_step (double   span,
           guint    n_ticks,
           gboolean whole)
{
  double raw = span / MAX (n_ticks, 1);
  double magnitude;
  double fraction;
  double step;

  if (raw <= 0)
    return 1;
  magnitude = pow (10, floor (log10 (raw)));
  fraction = raw / magnitude;
  step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
  return whole ? MAX (step, 1) : step;
}

/**
 * sam_chart_scale_init:
 * @scale: the scale to set
 * @low: the smallest value to show; above zero counts as zero
 * @high: the largest value to show; below zero counts as zero
 * @n_ticks: about how many steps the axis should have
 * @whole: whether every value is a whole number
 *
 * Fits an axis from zero or below to above zero around the values, with a
 * round step.
 */
void
sam_chart_scale_init (SamChartScale *scale,
                      double         low,
                      double         high,
                      guint          n_ticks,
                      gboolean       whole)
{
  g_return_if_fail (scale != NULL);

  low = MIN (low, 0);
  high = MAX (high, 0);
  scale->step = nice_step (high - low, n_ticks, whole);
  scale->low = floor (low / scale->step) * scale->step;
  scale->high = ceil (high / scale->step) * scale->step;
  /* An empty or all-negative axis still shows a step above zero. */
  if (scale->high <= 0 && scale->low == 0)
    scale->high = scale->step;
  scale->decimals = scale->step >= 1 ? 0 : (int) ceil (-log10 (scale->step) - 1e-9);
}

/**
 * sam_chart_scale_fraction:
 * @scale: a scale
 * @value: a value
 *
 * Returns: where @value lies on the axis: 0 at @low, 1 at @high
 */
double
sam_chart_scale_fraction (const SamChartScale *scale,
                          double               value)
{
  g_return_val_if_fail (scale != NULL, 0);

  if (scale->high <= scale->low)
    return 0;
  return (value - scale->low) / (scale->high - scale->low);
}

/**
 * sam_chart_scale_format:
 * @scale: a scale
 * @tick: a tick's value
 *
 * Returns: (transfer full): the tick as printed on the axis, with the
 *   decimals its step needs and no "-0"
 */
char *
sam_chart_scale_format (const SamChartScale *scale,
                        double               tick)
{
  g_return_val_if_fail (scale != NULL, NULL);

  /* Stepping by a fraction leaves -1e-17 where 0 was meant. */
  if (fabs (tick) < scale->step / 1000)
    tick = 0;
  return g_strdup_printf ("%.*f", scale->decimals, tick);
}
