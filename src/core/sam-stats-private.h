/* sam-stats-private.h: the small-cell suppression behind sam-stats.c, and
 * where each measure's units come from (sam-stats-measures.c)
 *
 * Not installed; the tests use it to check the method on generated tables
 * as well as on the demo database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sam-catalogue.h"
#include "sam-stats.h"

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

/* Days from a case's first concern to its first held meeting. */
#define SAM_STATS_DAYS_TO_MEETING \
  "(julianday ((SELECT min (substr (m.starts_at, 1, 10)) FROM meetings m" \
  "             WHERE m.case_id = c.id AND m.status = 'held'))" \
  " - julianday ((SELECT min (k1.observed_on) FROM concerns k1 WHERE k1.case_id = c.id)))"

/**
 * SamStatsSource:
 * @with: (nullable): a WITH clause the FROM clause reads, such as the
 *   calendar of months or the units of a mean
 * @from: the FROM clause and its joins; it binds c (the case, NULL for a
 *   concern without one), and k for a concern
 * @person_join: the join that binds p (the young person), added only when
 *   a dimension reads the person: every unit has one, so leaving it out
 *   counts the same units and saves a lookup per unit
 * @period: the unit's date, `YYYY-MM-DD`: what {P} in the dimensions and
 *   the years of the suppression read
 * @unit: an expression unique per unit, counted once per cell
 * @value: per unit, what the second figure sums: consent 0 or 1, the
 *   days to the first meeting, or 1000 × the value of a mean
 * @where: "" or a WHERE clause choosing the units
 * @concerns: whether the unit is a concern: the dimensions then read the
 *   concern, not the case
 *
 * Where a measure's units come from, as SQL text. All of it is constant
 * text: no value from the query is pasted into SQL.
 */
typedef struct
{
  const char *with;
  const char *from;
  const char *person_join;
  const char *period;
  const char *unit;
  const char *value;
  const char *where;
  gboolean    concerns;
} SamStatsSource;

/* How much a mean's values are scaled so that sums stay whole numbers. */
#define SAM_STATS_MEAN_SCALE 1000

void              _sam_stats_source_for             (const SamStatsQuery  *query,
                                                     SamStatsSource       *out_source);
gboolean          _sam_stats_dimension_override     (SamStatsMeasure       measure,
                                                     SamStatsDimension     dimension,
                                                     const char          **out_expr,
                                                     const char          **out_join);
gboolean          _sam_stats_measure_is_mean        (SamStatsMeasure       measure);
gboolean          _sam_stats_measure_is_ratio       (SamStatsMeasure       measure);
gboolean          _sam_stats_check_measure          (const SamStatsQuery  *query,
                                                     GError              **error);
void              _sam_stats_withhold_pooled_mean   (SamStatsGrid         *counts,
                                                     gboolean             *mean_withheld,
                                                     gboolean              pooled_all_equal,
                                                     guint                 k);
char             *_sam_stats_mean_text              (SamStatsGrid         *counts,
                                                     SamStatsGrid         *sums,
                                                     const gboolean       *mean_withheld,
                                                     guint                 row,
                                                     const char           *withheld);
void              _sam_stats_flag_small_complements (SamStatsGrid         *consented,
                                                     SamStatsGrid         *cases,
                                                     guint                 k);
char             *_sam_stats_rate_text              (SamStatsGrid         *cases,
                                                     SamStatsGrid         *consented,
                                                     guint                 row,
                                                     const char           *withheld);
char             *_sam_stats_median_text            (SamStatsGrid         *cases,
                                                     guint                 row,
                                                     GHashTable           *medians,
                                                     const char           *key,
                                                     const char           *withheld);
SamEvidenceLevel  _sam_stats_evidence_level_of      (const char           *code);
void              _sam_stats_set_use_counts         (gboolean              use);
char             *_sam_stats_counts_text            (SamSession           *session,
                                                     const SamStatsQuery  *query,
                                                     GError              **error);

G_END_DECLS
