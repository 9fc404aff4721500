/* sam-stats.h: anonymised summaries for managers (DESIGN §6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-session.h"

G_BEGIN_DECLS

/* What k is when the administrator has not set it, and the least it may be. */
#define SAM_STATS_DEFAULT_K 5
#define SAM_STATS_MIN_K     3

/**
 * SamStatsDimension:
 * @SAM_STATS_DIMENSION_YEAR: the year of the measure's date, such as the
 *   day a case was opened or a concern observed
 * @SAM_STATS_DIMENSION_QUARTER: the same by quarter, such as 2026-Q3
 * @SAM_STATS_DIMENSION_MONTH: the same by month, such as 2026-07
 * @SAM_STATS_DIMENSION_AREA: the young person's area
 * @SAM_STATS_DIMENSION_AGENCY: the reporting agency; for a case, that of its
 *   first concern
 * @SAM_STATS_DIMENSION_AGE_BAND: age at case opening or at the concern:
 *   10–12, 13–15, 16–18, 19–21, other
 * @SAM_STATS_DIMENSION_GENDER: gender
 * @SAM_STATS_DIMENSION_PREVENTION_LEVEL: selective or indicated
 * @SAM_STATS_DIMENSION_TARGET_AREA: the programme's target areas of the case
 * @SAM_STATS_DIMENSION_CONCERN_CATEGORY: what the concerns were about
 * @SAM_STATS_DIMENSION_RISK_FACTOR: risk factors seen in the concerns
 * @SAM_STATS_DIMENSION_INTERVENTION: intervention types of the plan's actions
 * @SAM_STATS_DIMENSION_STATUS: case status; for concerns, the concern's status
 * @SAM_STATS_DIMENSION_CLOSING_REASON: why the case was closed
 * @SAM_STATS_DIMENSION_PROTECTIVE_FACTOR: protective factors seen in the
 *   concerns; for %SAM_STATS_MEASURE_FACTOR_CHANGE, the scored factor
 * @SAM_STATS_DIMENSION_EVIDENCE_LEVEL: the evidence level of the
 *   interventions of the plan's actions, from the catalogue
 *
 * What a summary can be broken down by. Target area, concern category,
 * risk factor, protective factor, intervention and evidence level can hold
 * several values per case: a case then counts once under each, and the
 * totals count such mentions. For %SAM_STATS_MEASURE_FACTOR_CHANGE, risk
 * factor and protective factor are the scored factor itself.
 */
typedef enum
{
  SAM_STATS_DIMENSION_YEAR,
  SAM_STATS_DIMENSION_QUARTER,
  SAM_STATS_DIMENSION_AREA,
  SAM_STATS_DIMENSION_AGENCY,
  SAM_STATS_DIMENSION_AGE_BAND,
  SAM_STATS_DIMENSION_GENDER,
  SAM_STATS_DIMENSION_PREVENTION_LEVEL,
  SAM_STATS_DIMENSION_TARGET_AREA,
  SAM_STATS_DIMENSION_CONCERN_CATEGORY,
  SAM_STATS_DIMENSION_RISK_FACTOR,
  SAM_STATS_DIMENSION_INTERVENTION,
  SAM_STATS_DIMENSION_STATUS,
  SAM_STATS_DIMENSION_CLOSING_REASON,
  SAM_STATS_DIMENSION_MONTH,
  SAM_STATS_DIMENSION_PROTECTIVE_FACTOR,
  SAM_STATS_DIMENSION_EVIDENCE_LEVEL,
  SAM_STATS_N_DIMENSIONS
} SamStatsDimension;

/**
 * SamStatsMeasure:
 * @SAM_STATS_MEASURE_CASES: cases opened in the range
 * @SAM_STATS_MEASURE_CONCERNS: concerns observed in the range
 * @SAM_STATS_MEASURE_CONSENT_RATE: the share of cases opened in the range
 *   for which a consent was recorded; one dimension at most
 * @SAM_STATS_MEASURE_DAYS_TO_MEETING: the median number of days from a
 *   case's first concern to its first held SSPF meeting; one dimension at
 *   most
 * @SAM_STATS_MEASURE_ACTIVE_CASES: cases open at some time in each year
 *   (quarter, month) of the range; a case counts once in every period it
 *   was open in, so over several years the unit is a case-year
 * @SAM_STATS_MEASURE_CLOSED_CASES: cases closed in the range
 * @SAM_STATS_MEASURE_MEETINGS_HELD: held SSPF meetings, by their date
 * @SAM_STATS_MEASURE_FACTOR_CHANGE: the mean change of a factor's score
 *   from a case's first to its latest mapping, over the cases scored at
 *   least twice; by risk factor or by protective factor only
 * @SAM_STATS_MEASURE_GOAL_ATTAINMENT: the mean goal attainment (0–4) of
 *   cases, a case's attainment being the mean of its goals' latest
 *   ratings; one dimension at most
 * @SAM_STATS_MEASURE_INTERVENTIONS: plan actions, by their start date;
 *   broken down naturally by evidence level
 */
typedef enum
{
  SAM_STATS_MEASURE_CASES,
  SAM_STATS_MEASURE_CONCERNS,
  SAM_STATS_MEASURE_CONSENT_RATE,
  SAM_STATS_MEASURE_DAYS_TO_MEETING,
  SAM_STATS_MEASURE_ACTIVE_CASES,
  SAM_STATS_MEASURE_CLOSED_CASES,
  SAM_STATS_MEASURE_MEETINGS_HELD,
  SAM_STATS_MEASURE_FACTOR_CHANGE,
  SAM_STATS_MEASURE_GOAL_ATTAINMENT,
  SAM_STATS_MEASURE_INTERVENTIONS,
  SAM_STATS_N_MEASURES
} SamStatsMeasure;

/**
 * SamStatsQuery:
 * @measure: what to count
 * @dimensions: what to break it down by: the rows, then the columns
 * @n_dimensions: 1 or 2
 * @from: (nullable): the first day, YYYY-MM-DD; widened to its year's start
 * @to: (nullable): the last day, YYYY-MM-DD; widened to its year's end
 */
typedef struct
{
  SamStatsMeasure    measure;
  SamStatsDimension  dimensions[2];
  guint              n_dimensions;
  const char        *from;
  const char        *to;
} SamStatsQuery;

/**
 * SamStatsRow:
 * @code: (nullable): the value's code, such as "female"; %NULL for the total row
 * @label: the value as shown
 * @cells: one display string per column: a number, or the table's
 *   @withheld mark
 */
typedef struct
{
  char  *code;
  char  *label;
  GStrv  cells;
} SamStatsRow;

/**
 * SamStatsTable:
 * @measure: the measure
 * @k: the smallest count published
 * @withheld: what a withheld entry shows, such as "<5"
 * @from: (nullable): the first day counted, after widening
 * @to: (nullable): the last day counted, after widening
 * @dimensions: the ids of the dimensions, such as "area"
 * @row_heading: what the label column holds, such as "Area"
 * @column_codes: the code of each column's value, "" for a total or a measure
 * @columns: the heading of each column
 * @rows: (element-type SamStatsRow): the rows, the total last
 *
 * A summary as it may be shown: aggregates only, small numbers withheld.
 */
typedef struct
{
  SamStatsMeasure  measure;
  guint            k;
  char            *withheld;
  char            *from;
  char            *to;
  GStrv            dimensions;
  char            *row_heading;
  GStrv            column_codes;
  GStrv            columns;
  GPtrArray       *rows;
} SamStatsTable;

const char    *sam_stats_dimension_to_string    (SamStatsDimension   dimension);
gboolean       sam_stats_dimension_from_string  (const char         *string,
                                                 SamStatsDimension  *out_dimension);
const char    *sam_stats_dimension_get_label    (SamStatsDimension   dimension);
gboolean       sam_stats_dimension_is_period    (SamStatsDimension   dimension);
const char    *sam_stats_measure_to_string      (SamStatsMeasure     measure);
gboolean       sam_stats_measure_from_string    (const char         *string,
                                                 SamStatsMeasure    *out_measure);
const char    *sam_stats_measure_get_label      (SamStatsMeasure     measure);
gboolean       sam_stats_measure_is_count       (SamStatsMeasure     measure);

guint          sam_stats_get_k                  (SamSession         *session,
                                                 GError            **error);
gboolean       sam_stats_set_k                  (SamSession         *session,
                                                 guint               k,
                                                 GError            **error);
SamStatsTable *sam_stats_run                    (SamSession         *session,
                                                 const SamStatsQuery *query,
                                                 GError            **error);
gboolean       sam_stats_record_export          (SamSession         *session,
                                                 const char         *reason,
                                                 GError            **error);
void           sam_stats_table_free             (SamStatsTable      *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamStatsTable, sam_stats_table_free)

G_END_DECLS
