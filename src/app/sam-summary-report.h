/* sam-summary-report.h: the manager's summary as an A4 PDF report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "samverka-core.h"

G_BEGIN_DECLS

/**
 * SamSummaryReport:
 * @table: the summary, as sam_stats_run() gave it
 * @over_time: %TRUE to chart @table as lines over its periods, %FALSE as bars
 * @by_target_area: (nullable): the programme summary's cases by target area
 * @by_prevention_level: (nullable): its cases by prevention level
 *
 * What goes into a report. The tables are printed as the core gave them,
 * withheld entries as their mark; the report computes no number.
 */
typedef struct
{
  const SamStatsTable *table;
  gboolean             over_time;
  const SamStatsTable *by_target_area;
  const SamStatsTable *by_prevention_level;
} SamSummaryReport;

GBytes   *sam_summary_report_render    (const SamSummaryReport  *report,
                                        GError                 **error);
gboolean  sam_summary_report_write_pdf (const SamSummaryReport  *report,
                                        const char              *path,
                                        GError                 **error);

G_END_DECLS
