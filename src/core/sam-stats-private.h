/* sam-stats-private.h: the small-cell suppression behind sam-stats.c
 *
 * Not installed; the tests use it to check the method on generated tables
 * as well as on the demo database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * SamStatsGrid:
 * @n_rows: rows of the table body
 * @n_columns: columns of the table body
 * @row_totals: whether each row has a published total; a one-way table
 *   (one column, a column total only) has none
 * @values: (n_rows + 1) × (n_columns + 1) counts, row-major: entry
 *   [r × (n_columns + 1) + n_columns] is row r's total, row n_rows holds
 *   the column totals and, last, the grand total. Every total is the sum
 *   of its line. Without @row_totals, the last column is unused.
 * @suppressed: as many flags; set on entry for cells that must be withheld
 *   whatever their value, and on return for every withheld entry
 *
 * A table with its margins, as the suppression sees it.
 */
typedef struct
{
  guint     n_rows;
  guint     n_columns;
  gboolean  row_totals;
  gint64   *values;
  gboolean *suppressed;
} SamStatsGrid;

SamStatsGrid *_sam_stats_grid_new             (guint          n_rows,
                                               guint          n_columns,
                                               gboolean       row_totals);
void          _sam_stats_grid_free            (SamStatsGrid  *grid);
gint64       *_sam_stats_grid_value           (SamStatsGrid  *grid,
                                               guint          row,
                                               guint          column);
gboolean     *_sam_stats_grid_suppressed      (SamStatsGrid  *grid,
                                               guint          row,
                                               guint          column);
gboolean      _sam_stats_grid_is_used         (SamStatsGrid  *grid,
                                               guint          row,
                                               guint          column);
void          _sam_stats_grid_sum_margins     (SamStatsGrid  *grid);
void          _sam_stats_suppress             (SamStatsGrid  *grid,
                                               guint          k);
gboolean      _sam_stats_extension_discloses  (const gint64  *outside,
                                               guint          n_periods,
                                               guint          k);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamStatsGrid, _sam_stats_grid_free)

G_END_DECLS
