/* sam-stats-measures.c: where each summary measure's units come from, and
 * how a mean is withheld (DESIGN §6)
 *
 * sam-stats.c counts units with one query shape for every measure: the
 * distinct units per year, row value and column value, and a second
 * figure summed over them. This file says, per measure, what a unit is
 * (a case, a case-year, a concern, a meeting, a plan action, a case and
 * factor, a case's goal attainment), which date places it in a period,
 * and what the second figure sums.
 *
 * The means (factor change and goal attainment) are published beside the
 * number of cases they rest on. A mean is shown only where that count is
 * published, so a cell over fewer than k cases is withheld together with
 * its mean, and the counts' secondary suppression leaves at least two
 * withheld cells in the line. The total's mean and count still give the
 * withheld cells' pooled sum; the total's mean is therefore withheld too
 * when that pool is fewer than k cases, or when all its values are equal
 * (the pooled mean would then be every withheld cell's mean).
 * docs/statistics.md has the argument and its limits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-stats"

#include "config.h"

#include "sam-stats-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "sam-catalogue.h"
#include "sam-store-private.h"

#define CASE_FROM " FROM cases c"
#define UNIT_FROM " FROM u JOIN cases c ON c.id = u.case_id"
#define CASE_PERSON " JOIN persons p ON p.id = c.person_id"

/* Every month from the first case's opening to the current month, or the
 * latest opening or closing if a clock put that later. A case is open in
 * a month when it was opened in or before it and not closed before it.
 * The calendar is MATERIALIZED: as a co-routine SQLite generated it again
 * for every case it was joined to, three times slower at 100 000 persons. */
#define MONTHS \
  "WITH RECURSIVE bounds (first, last) AS (" \
  " SELECT substr (min (opened_at), 1, 7) || '-01'," \
  "  max (date ('now', 'start of month'), substr (max (max (opened_at)," \
  "       coalesce (max (closed_at), '')), 1, 7) || '-01') FROM cases)," \
  " months (m) AS MATERIALIZED (" \
  " SELECT first FROM bounds" \
  " UNION ALL SELECT date (m, '+1 month') FROM months, bounds WHERE m < bounds.last) "

/* Per case and factor scored in at least two mappings: the latest score
 * minus the first, dated by the latest mapping. "First" and "latest" go
 * by scoring date, then mapping id: one key of fixed width, the date, the
 * id in 19 digits (any rowid) and the score's one digit (0 to 3), so that min () and
 * max () of it pick the first and the latest score in one GROUP BY.
 * Numbering the scores with window functions and joining the first to
 * the latest gave the same units three times slower (6 s a query at
 * 100 000 persons). */
#define FACTOR_KEY "g.scored_on || printf ('%019d', g.id) || s.score"
#define FACTOR_UNITS(kind) \
  "WITH u AS (SELECT g.case_id, s.code," \
  "   CAST (substr (max (" FACTOR_KEY "), 30) AS INTEGER)" \
  "   - CAST (substr (min (" FACTOR_KEY "), 30) AS INTEGER) AS change," \
  "   max (g.scored_on) AS dated" \
  "  FROM mappings g JOIN mapping_scores s ON s.mapping_id = g.id WHERE s.kind = '" kind "'" \
  "  GROUP BY g.case_id, s.code HAVING count (*) > 1) "

/* Per case: the mean over its goals of each goal's latest rating at a
 * held follow-up, dated by the latest of those follow-ups. */
#define GOAL_UNITS \
  "WITH r AS (SELECT g.case_id, a.attainment, f.held_on," \
  "   row_number () OVER (PARTITION BY a.goal_id ORDER BY f.held_on DESC, f.id DESC) AS rank" \
  "  FROM goal_attainment a JOIN follow_ups f ON f.id = a.follow_up_id" \
  "  JOIN plan_goals g ON g.id = a.goal_id WHERE f.status = 'held')," \
  " u AS (SELECT case_id, avg (attainment) AS mean, max (held_on) AS dated" \
  "  FROM r WHERE rank = 1 GROUP BY case_id) "

/* Per case, the days from its first concern to its first held meeting,
 * worked out once: in the WHERE and again as the value, each case's two
 * lookups ran twice. */
#define DAYS_UNITS \
  "WITH u AS MATERIALIZED (SELECT c.id AS case_id, " SAM_STATS_DAYS_TO_MEETING " AS days FROM cases c) "

#define SCALED(expr) "CAST (round (1000 * (" expr ")) AS INTEGER)"

G_STATIC_ASSERT (SAM_STATS_MEAN_SCALE == 1000);

static const SamStatsSource sources[SAM_STATS_N_MEASURES] = {
  [SAM_STATS_MEASURE_CASES] =
    { NULL, CASE_FROM, CASE_PERSON, "substr (c.opened_at, 1, 10)", "c.id", "0", "", FALSE },
  [SAM_STATS_MEASURE_CONCERNS] =
    { NULL, " FROM concerns k LEFT JOIN cases c ON c.id = k.case_id", " JOIN persons p ON p.id = k.person_id",
      "k.observed_on", "k.id", "0", "", TRUE },
  [SAM_STATS_MEASURE_CONSENT_RATE] =
    { NULL, CASE_FROM, CASE_PERSON, "substr (c.opened_at, 1, 10)", "c.id",
      "EXISTS (SELECT 1 FROM consents s WHERE s.case_id = c.id)", "", FALSE },
  [SAM_STATS_MEASURE_DAYS_TO_MEETING] =
    { DAYS_UNITS, UNIT_FROM, CASE_PERSON, "substr (c.opened_at, 1, 10)", "c.id", "u.days",
      " WHERE u.days >= 0", FALSE },
  [SAM_STATS_MEASURE_ACTIVE_CASES] =
    { MONTHS, CASE_FROM " JOIN months cal ON cal.m BETWEEN substr (c.opened_at, 1, 7) || '-01'"
                        " AND coalesce (substr (c.closed_at, 1, 7) || '-01', '9999-12-01')",
      CASE_PERSON, "cal.m", "c.id", "0", "", FALSE },
  [SAM_STATS_MEASURE_CLOSED_CASES] =
    { NULL, CASE_FROM, CASE_PERSON, "substr (c.closed_at, 1, 10)", "c.id", "0",
      " WHERE c.closed_at IS NOT NULL", FALSE },
  [SAM_STATS_MEASURE_MEETINGS_HELD] =
    { NULL, " FROM meetings mt JOIN cases c ON c.id = mt.case_id", CASE_PERSON,
      "substr (mt.starts_at, 1, 10)", "mt.id", "0", " WHERE mt.status = 'held'", FALSE },
  [SAM_STATS_MEASURE_FACTOR_CHANGE] =
    { FACTOR_UNITS ("risk_factor"), UNIT_FROM, CASE_PERSON, "u.dated", "u.case_id || ':' || u.code",
      SCALED ("u.change"), "", FALSE },
  [SAM_STATS_MEASURE_GOAL_ATTAINMENT] =
    { GOAL_UNITS, UNIT_FROM, CASE_PERSON, "u.dated", "u.case_id", SCALED ("u.mean"), "", FALSE },
  [SAM_STATS_MEASURE_INTERVENTIONS] =
    { NULL, " FROM plan_actions pa JOIN cases c ON c.id = pa.case_id", CASE_PERSON,
      "pa.starts_on", "pa.id", "0", " WHERE pa.status <> 'cancelled'", FALSE },
};

/**
 * _sam_stats_source_for:
 * @query: a checked query
 * @out_source: (out): where its units come from
 *
 * The factor change reads the kind of factor its dimension names.
 */
void
_sam_stats_source_for (const SamStatsQuery *query,
                       SamStatsSource      *out_source)
{
  *out_source = sources[query->measure];

  if (query->measure == SAM_STATS_MEASURE_FACTOR_CHANGE &&
      query->dimensions[0] == SAM_STATS_DIMENSION_PROTECTIVE_FACTOR)
    out_source->with = FACTOR_UNITS ("protective_factor");
}

/**
 * _sam_stats_dimension_override:
 * @measure: a measure
 * @dimension: a dimension
 * @out_expr: (out): the dimension's value for this measure's unit; left
 *   alone when not overridden
 * @out_join: (out) (nullable): the join it needs; likewise
 *
 * A plan action's own intervention and evidence level, and a factor
 * change's own factor, rather than every value of the unit's case.
 *
 * Returns: whether the measure reads the dimension in its own way
 */
gboolean
_sam_stats_dimension_override (SamStatsMeasure     measure,
                               SamStatsDimension   dimension,
                               const char        **out_expr,
                               const char        **out_join)
{
  if (measure == SAM_STATS_MEASURE_INTERVENTIONS && dimension == SAM_STATS_DIMENSION_INTERVENTION)
    *out_expr = "pa.intervention_code";
  else if (measure == SAM_STATS_MEASURE_INTERVENTIONS && dimension == SAM_STATS_DIMENSION_EVIDENCE_LEVEL)
    *out_expr = "(SELECT v.evidence_level FROM catalogue v"
                " WHERE v.kind = 'intervention' AND v.code = pa.intervention_code)";
  else if (measure == SAM_STATS_MEASURE_FACTOR_CHANGE &&
           (dimension == SAM_STATS_DIMENSION_RISK_FACTOR || dimension == SAM_STATS_DIMENSION_PROTECTIVE_FACTOR))
    *out_expr = "u.code";
  else
    return FALSE;

  *out_join = NULL;
  return TRUE;
}

/**
 * _sam_stats_measure_is_mean:
 * @measure: a measure
 *
 * Returns: whether it publishes a mean beside the count of cases
 */
gboolean
_sam_stats_measure_is_mean (SamStatsMeasure measure)
{
  return measure == SAM_STATS_MEASURE_FACTOR_CHANGE || measure == SAM_STATS_MEASURE_GOAL_ATTAINMENT;
}

/**
 * _sam_stats_measure_is_ratio:
 * @measure: a measure
 *
 * Returns: whether it publishes a figure beside the count it rests on: a
 *   rate, a median or a mean; such measures take one dimension
 */
gboolean
_sam_stats_measure_is_ratio (SamStatsMeasure measure)
{
  return measure == SAM_STATS_MEASURE_CONSENT_RATE || measure == SAM_STATS_MEASURE_DAYS_TO_MEETING ||
         _sam_stats_measure_is_mean (measure);
}

/**
 * _sam_stats_check_measure:
 * @query: a query whose measure and dimensions are in range
 * @error: return location for a #GError
 *
 * Returns: whether the measure can be broken down as asked
 */
gboolean
_sam_stats_check_measure (const SamStatsQuery  *query,
                          GError              **error)
{
  gboolean ratio = _sam_stats_measure_is_ratio (query->measure);

  if (query->n_dimensions < 1 || query->n_dimensions > (ratio ? 1u : 2u))
    return _sam_store_invalid (error, ratio ? _("Breakdown: this measure takes one dimension.")
                                            : _("Breakdown: choose one or two dimensions."));
  if (query->measure == SAM_STATS_MEASURE_FACTOR_CHANGE &&
      query->dimensions[0] != SAM_STATS_DIMENSION_RISK_FACTOR &&
      query->dimensions[0] != SAM_STATS_DIMENSION_PROTECTIVE_FACTOR)
    return _sam_store_invalid (error, _("Breakdown: break the change in factor scores down by risk factor"
                                        " or by protective factor."));

  return TRUE;
}

/**
 * _sam_stats_withhold_pooled_mean:
 * @counts: a one-way table of cases, suppressed
 * @mean_withheld: (array): one flag per row, the total last; set where the
 *   row's mean must be withheld
 * @pooled_all_equal: whether the units of the withheld rows all have the
 *   same value
 * @k: the smallest count published
 *
 * A row's mean goes with its count. The total's mean goes too when, with
 * the published rows' means and counts, it would give the withheld rows'
 * pooled mean over fewer than k cases, or a pooled mean that is the value
 * of every one of them.
 */
void
_sam_stats_withhold_pooled_mean (SamStatsGrid *counts,
                                 gboolean     *mean_withheld,
                                 gboolean      pooled_all_equal,
                                 guint         k)
{
  guint R = counts->n_rows;
  gint64 pooled = *_sam_stats_grid_value (counts, R, 0);

  for (guint r = 0; r <= R; r++)
    mean_withheld[r] = *_sam_stats_grid_suppressed (counts, r, 0);
  for (guint r = 0; r < R; r++)
    if (!mean_withheld[r])
      pooled -= *_sam_stats_grid_value (counts, r, 0);

  if ((pooled >= 1 && pooled < (gint64) k) || (pooled >= 1 && pooled_all_equal))
    mean_withheld[R] = TRUE;
}

/**
 * _sam_stats_mean_text:
 * @counts: the cases per row
 * @sums: the sums of the scaled values per row
 * @mean_withheld: the rows whose mean is withheld
 * @row: a row, or the total's
 * @withheld: the table's withheld mark
 *
 * Returns: (transfer full): the mean to one decimal, the withheld mark,
 *   or a dash for no cases
 */
char *
_sam_stats_mean_text (SamStatsGrid   *counts,
                      SamStatsGrid   *sums,
                      const gboolean *mean_withheld,
                      guint           row,
                      const char     *withheld)
{
  gint64 n = *_sam_stats_grid_value (counts, row, 0);
  double mean;

  if (mean_withheld[row])
    return g_strdup (withheld);
  if (n == 0)
    return g_strdup ("–");

  mean = (double) *_sam_stats_grid_value (sums, row, 0) / SAM_STATS_MEAN_SCALE / (double) n;
  /* No "-0.0" for a fall too small to show. */
  if (fabs (mean) < 0.05)
    mean = 0;

  return g_strdup_printf ("%.1f", mean);
}

/* An evidence level by its code; SAM_EVIDENCE_LEVEL_NONE if unknown. */
SamEvidenceLevel
_sam_stats_evidence_level_of (const char *code)
{
  for (SamEvidenceLevel level = SAM_EVIDENCE_LEVEL_NONE + 1; level < SAM_N_EVIDENCE_LEVELS; level++)
    if (g_strcmp0 (code, sam_evidence_level_to_string (level)) == 0)
      return level;

  return SAM_EVIDENCE_LEVEL_NONE;
}

/* For the consent rate: the consented count is withheld, and so its rate,
 * also when the cases without consent are few; those can be read off as
 * the cases minus the consented. */
void
_sam_stats_flag_small_complements (SamStatsGrid *consented,
                                   SamStatsGrid *cases,
                                   guint         k)
{
  for (gsize i = 0; i < (gsize) (cases->n_rows + 1) * (cases->n_columns + 1); i++)
    {
      gint64 rest = cases->values[i] - consented->values[i];

      if (rest >= 1 && rest < (gint64) k)
        consented->suppressed[i] = TRUE;
    }
}

char *
_sam_stats_rate_text (SamStatsGrid *cases,
                      SamStatsGrid *consented,
                      guint         row,
                      const char   *withheld)
{
  gint64 n = *_sam_stats_grid_value (cases, row, 0);
  gint64 yes = *_sam_stats_grid_value (consented, row, 0);

  if (*_sam_stats_grid_suppressed (cases, row, 0) || *_sam_stats_grid_suppressed (consented, row, 0))
    return g_strdup (withheld);
  if (n == 0)
    return g_strdup ("–");

  /* TRANSLATORS: a percentage; %d is the number, e.g. "83 %" */
  return g_strdup_printf (_("%d %%"), (int) floor (100.0 * (double) yes / (double) n + 0.5));
}

char *
_sam_stats_median_text (SamStatsGrid *cases,
                        guint         row,
                        GHashTable   *medians,
                        const char   *key,
                        const char   *withheld)
{
  double *median = g_hash_table_lookup (medians, key != NULL ? key : "\x01");

  if (*_sam_stats_grid_suppressed (cases, row, 0))
    return g_strdup (withheld);
  if (median == NULL)
    return g_strdup ("–");

  return floor (*median) == *median ? g_strdup_printf ("%.0f", *median)
                                    : g_strdup_printf ("%.1f", *median);
}
