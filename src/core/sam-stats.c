/* sam-stats.c: anonymised summaries for managers (DESIGN §6)
 *
 * A summary is counted in SQL with GROUP BY: what reaches this process is
 * one count per period, row value and column value (with a sum beside it
 * for a rate or a mean), never a row about a person. What a measure's
 * units are, and which date places them in a period, is in
 * sam-stats-measures.c. Concerns broken down only by period, reporting
 * agency and category are summed instead from concern_counts, which
 * triggers keep (schema step 8), into the same counts: the query over
 * every concern took 1.5 s at 100 000 young persons. The counts are then
 * laid out as a table and passed through small-cell suppression
 * (sam-stats-suppress.c) before anything leaves this file. Only the
 * manager role may run a summary; the policy table says so, and every run
 * is audited with the measure and dimensions as its reason.
 *
 * Two summaries whose ranges differ at one end would give away, by
 * difference, whoever was counted in the years between. Ranges are
 * therefore widened to whole years, and an entry is withheld whenever
 * reaching one or more years further at either end would add 1 to k − 1
 * units (_sam_stats_extension_discloses()). docs/statistics.md has the
 * details and the limits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-stats"

#include "config.h"

#include "sam-stats.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "sam-case-store.h"
#include "sam-catalogue.h"
#include "sam-concern-store.h"
#include "sam-database-private.h"
#include "sam-error.h"
#include "sam-person-store.h"
#include "sam-policy.h"
#include "sam-stats-private.h"
#include "sam-store-private.h"

#define META_K "summary_k"
#define MAX_K  100

/* In the templates below, {P} stands for the period's date column and @
 * for the dimension's place (1 or 2), so that two joins never collide. */
#define QUARTER_OF_P "substr ({P}, 1, 4) || '-Q' || ((CAST (substr ({P}, 6, 2) AS INTEGER) + 2) / 3)"
#define AGE_AT_P \
  "(CAST (substr ({P}, 1, 4) AS INTEGER) - CAST (substr (p.birth_date, 1, 4) AS INTEGER)" \
  " - (substr ({P}, 6, 5) < substr (p.birth_date, 6, 5)))"
#define CONCERN_CODES_OF_CASE(kind) \
  "LEFT JOIN concerns k@ ON k@.case_id = c.id" \
  " LEFT JOIN concern_codes x@ ON x@.concern_id = k@.id AND x@.kind = '" kind "'"
#define CONCERN_CODES_OF_CONCERN(kind) \
  "LEFT JOIN concern_codes x@ ON x@.concern_id = k.id AND x@.kind = '" kind "'"
#define ACTION_LEVELS \
  "LEFT JOIN plan_actions a@ ON a@.case_id = c.id" \
  " LEFT JOIN catalogue v@ ON v@.kind = 'intervention' AND v@.code = a@.intervention_code"

static const struct
{
  const char *id;
  const char *label;
  const char *none;           /* the label of a missing value */
  const char *case_expr;
  const char *case_join;
  const char *concern_expr;
  const char *concern_join;
} dimensions[SAM_STATS_N_DIMENSIONS] = {
  [SAM_STATS_DIMENSION_YEAR] =
    { "year", N_("Year"), N_("None"), "substr ({P}, 1, 4)", NULL, "substr ({P}, 1, 4)", NULL },
  [SAM_STATS_DIMENSION_QUARTER] =
    { "quarter", N_("Quarter"), N_("None"), QUARTER_OF_P, NULL, QUARTER_OF_P, NULL },
  [SAM_STATS_DIMENSION_AREA] =
    { "area", N_("Area"), N_("No area"), "CAST (p.area_id AS TEXT)", NULL,
      "CAST (p.area_id AS TEXT)", NULL },
  [SAM_STATS_DIMENSION_AGENCY] =
    { "agency", N_("Reporting agency"), N_("No concern"),
      "(SELECT CAST (k0.agency_id AS TEXT) FROM concerns k0 WHERE k0.case_id = c.id"
      " ORDER BY k0.observed_on, k0.id LIMIT 1)", NULL,
      "CAST (k.agency_id AS TEXT)", NULL },
  [SAM_STATS_DIMENSION_AGE_BAND] =
    { "age-band", N_("Age"), N_("None"),
      "CASE WHEN " AGE_AT_P " BETWEEN 10 AND 12 THEN '10-12'"
      " WHEN " AGE_AT_P " BETWEEN 13 AND 15 THEN '13-15'"
      " WHEN " AGE_AT_P " BETWEEN 16 AND 18 THEN '16-18'"
      " WHEN " AGE_AT_P " BETWEEN 19 AND 21 THEN '19-21' ELSE 'other' END", NULL,
      "CASE WHEN " AGE_AT_P " BETWEEN 10 AND 12 THEN '10-12'"
      " WHEN " AGE_AT_P " BETWEEN 13 AND 15 THEN '13-15'"
      " WHEN " AGE_AT_P " BETWEEN 16 AND 18 THEN '16-18'"
      " WHEN " AGE_AT_P " BETWEEN 19 AND 21 THEN '19-21' ELSE 'other' END", NULL },
  [SAM_STATS_DIMENSION_GENDER] =
    { "gender", N_("Gender"), N_("None"), "p.gender", NULL, "p.gender", NULL },
  [SAM_STATS_DIMENSION_PREVENTION_LEVEL] =
    { "prevention-level", N_("Prevention level"), N_("No case"),
      "c.prevention_level", NULL, "c.prevention_level", NULL },
  [SAM_STATS_DIMENSION_TARGET_AREA] =
    { "target-area", N_("Target area"), N_("No target area"),
      "t@.code", "LEFT JOIN case_target_areas t@ ON t@.case_id = c.id",
      "t@.code", "LEFT JOIN case_target_areas t@ ON t@.case_id = c.id" },
  [SAM_STATS_DIMENSION_CONCERN_CATEGORY] =
    { "concern-category", N_("Concern category"), N_("No category"),
      "x@.code", CONCERN_CODES_OF_CASE ("concern_category"),
      "x@.code", CONCERN_CODES_OF_CONCERN ("concern_category") },
  [SAM_STATS_DIMENSION_RISK_FACTOR] =
    { "risk-factor", N_("Risk factor"), N_("No risk factor"),
      "x@.code", CONCERN_CODES_OF_CASE ("risk_factor"),
      "x@.code", CONCERN_CODES_OF_CONCERN ("risk_factor") },
  [SAM_STATS_DIMENSION_INTERVENTION] =
    { "intervention", N_("Intervention type"), N_("No intervention"),
      "a@.intervention_code", "LEFT JOIN plan_actions a@ ON a@.case_id = c.id",
      "a@.intervention_code", "LEFT JOIN plan_actions a@ ON a@.case_id = c.id" },
  [SAM_STATS_DIMENSION_STATUS] =
    { "status", N_("Status"), N_("None"), "c.status", NULL, "k.status", NULL },
  [SAM_STATS_DIMENSION_CLOSING_REASON] =
    { "closing-reason", N_("Closing reason"), N_("Not closed"),
      "c.closing_reason", NULL, "c.closing_reason", NULL },
  [SAM_STATS_DIMENSION_MONTH] =
    { "month", N_("Month"), N_("None"), "substr ({P}, 1, 7)", NULL, "substr ({P}, 1, 7)", NULL },
  [SAM_STATS_DIMENSION_PROTECTIVE_FACTOR] =
    { "protective-factor", N_("Protective factor"), N_("No protective factor"),
      "x@.code", CONCERN_CODES_OF_CASE ("protective_factor"),
      "x@.code", CONCERN_CODES_OF_CONCERN ("protective_factor") },
  [SAM_STATS_DIMENSION_EVIDENCE_LEVEL] =
    { "evidence-level", N_("Evidence level"), N_("No evidence level"), "v@.evidence_level", ACTION_LEVELS,
      "v@.evidence_level", ACTION_LEVELS },
};

static const struct
{
  const char *id;
  const char *label;
  const char *count_label;   /* the heading of its count column */
} measures[SAM_STATS_N_MEASURES] = {
  [SAM_STATS_MEASURE_CASES] = { "cases", N_("Cases"), N_("Cases") },
  [SAM_STATS_MEASURE_CONCERNS] = { "concerns", N_("Concerns"), N_("Concerns") },
  [SAM_STATS_MEASURE_CONSENT_RATE] = { "consent-rate", N_("Consent rate"), N_("Cases") },
  [SAM_STATS_MEASURE_DAYS_TO_MEETING] =
    { "days-to-meeting", N_("Median days from concern to first meeting"),
      N_("Cases with a meeting") },
  [SAM_STATS_MEASURE_ACTIVE_CASES] = { "active-cases", N_("Active cases"), N_("Active cases") },
  [SAM_STATS_MEASURE_CLOSED_CASES] = { "closed-cases", N_("Closed cases"), N_("Closed cases") },
  [SAM_STATS_MEASURE_MEETINGS_HELD] = { "meetings-held", N_("Meetings held"), N_("Meetings") },
  [SAM_STATS_MEASURE_FACTOR_CHANGE] =
    { "factor-change", N_("Change in factor scores"), N_("Cases scored twice") },
  [SAM_STATS_MEASURE_GOAL_ATTAINMENT] = { "goal-attainment", N_("Goal attainment"), N_("Cases rated") },
  [SAM_STATS_MEASURE_INTERVENTIONS] = { "interventions", N_("Interventions"), N_("Plan actions") },
};

/* The counts as GROUP BY returned them, laid out by year, row and
 * column; @second holds the consented cases for the consent rate. */
typedef struct
{
  GPtrArray *years;        /* of char *: the years, sorted */
  GPtrArray *row_codes;    /* of char *, NULL for a missing value */
  GPtrArray *column_codes;
  GArray    *first;        /* gint64 [year][row][column] */
  GArray    *second;
} Counts;

static void
counts_clear (Counts *counts)
{
  g_clear_pointer (&counts->years, g_ptr_array_unref);
  g_clear_pointer (&counts->row_codes, g_ptr_array_unref);
  g_clear_pointer (&counts->column_codes, g_ptr_array_unref);
  g_clear_pointer (&counts->first, g_array_unref);
  g_clear_pointer (&counts->second, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Counts, counts_clear)

/* SQL ----------------------------------------------------------------------- */

static gboolean
based_on_concerns (SamStatsMeasure measure)
{
  return measure == SAM_STATS_MEASURE_CONCERNS;
}

static char *
fill_template (const char           *template,
               const SamStatsSource *source,
               guint                 place)
{
  GString *text = g_string_new (template);
  char digit[2] = { (char) ('1' + place), '\0' };

  g_string_replace (text, "{P}", source->period, 0);
  g_string_replace (text, "@", digit, 0);

  return g_string_free (text, FALSE);
}

/* Whether a dimension reads the young person (p), who is then joined. */
static gboolean
reads_person (SamStatsDimension dimension)
{
  return dimension == SAM_STATS_DIMENSION_AREA ||
         dimension == SAM_STATS_DIMENSION_AGE_BAND ||
         dimension == SAM_STATS_DIMENSION_GENDER;
}

/* The dimension's value and, through @out_join, the join it needs. */
static char *
dimension_expr (const SamStatsQuery  *query,
                const SamStatsSource *source,
                guint                 place,
                char                **out_join)
{
  SamStatsDimension d = query->dimensions[place];
  const char *expr = source->concerns ? dimensions[d].concern_expr : dimensions[d].case_expr;
  const char *join = source->concerns ? dimensions[d].concern_join : dimensions[d].case_join;

  _sam_stats_dimension_override (query->measure, d, &expr, &join);
  if (out_join != NULL)
    *out_join = join != NULL ? fill_template (join, source, place) : g_strdup ("");

  return fill_template (expr, source, place);
}

/* The distinct units with their year, row value, column value (or '')
 * and the value the second figure sums; @n_dimensions may be 0. */
static char *
units_sql (const SamStatsQuery  *query,
           const SamStatsSource *source,
           guint                 n_dimensions)
{
  g_autofree char *year = fill_template ("substr ({P}, 1, 4)", source, 0);
  g_autofree char *d1 = NULL, *j1 = NULL, *d2 = NULL, *j2 = NULL;
  gboolean person = FALSE;

  d1 = n_dimensions >= 1 ? dimension_expr (query, source, 0, &j1) : g_strdup ("''");
  d2 = n_dimensions == 2 ? dimension_expr (query, source, 1, &j2) : g_strdup ("''");
  for (guint i = 0; i < n_dimensions; i++)
    person |= reads_person (query->dimensions[i]);

  return g_strdup_printf ("SELECT DISTINCT %s AS q, %s AS d1, %s AS d2, %s AS uid, %s AS v%s%s %s %s%s",
                          year, d1, d2, source->unit, source->value, source->from,
                          person ? source->person_join : "",
                          j1 != NULL ? j1 : "", j2 != NULL ? j2 : "", source->where);
}

/* One count per year, row value and column value, and the sum of the
 * units' values. Every year, not only those in the range: the years
 * around it tell which entries a neighbouring range would give away. */
static char *
counts_sql (const SamStatsQuery *query)
{
  SamStatsSource source;
  g_autofree char *units = NULL;

  _sam_stats_source_for (query, &source);
  units = units_sql (query, &source, query->n_dimensions);

  return g_strdup_printf ("%sSELECT q, d1, d2, count (*), CAST (coalesce (sum (v), 0) AS INTEGER)"
                          " FROM (%s) GROUP BY q, d1, d2",
                          source.with != NULL ? source.with : "", units);
}

/* Whether summaries of concerns may read concern_counts (schema step 8);
 * the tests turn it off to compare with the query over every concern. */
static gboolean use_kept_counts = TRUE;

/**
 * _sam_stats_set_use_counts:
 * @use: %FALSE to count every summary from its units, as before the kept
 *   counts of concerns existed
 *
 * For the tests, which check that both ways give the same tables.
 */
void
_sam_stats_set_use_counts (gboolean use)
{
  use_kept_counts = use;
}

/* Whether the counts of @query are in concern_counts: concerns broken
 * down by period, reporting agency and concern category only. */
static gboolean
reads_kept_counts (const SamStatsQuery *query)
{
  if (!use_kept_counts || query->measure != SAM_STATS_MEASURE_CONCERNS)
    return FALSE;

  for (guint i = 0; i < query->n_dimensions; i++)
    if (!sam_stats_dimension_is_period (query->dimensions[i]) &&
        query->dimensions[i] != SAM_STATS_DIMENSION_AGENCY &&
        query->dimensions[i] != SAM_STATS_DIMENSION_CONCERN_CATEGORY)
      return FALSE;

  return TRUE;
}

/* A dimension's value in a row k of concern_counts. The period and agency
 * read the same columns as for a concern, the month standing for the
 * date: year, quarter and month read only its first seven characters. A
 * concern without a category is the 'none' row, NULL as in the LEFT JOIN. */
static char *
kept_dimension_expr (SamStatsDimension dimension)
{
  SamStatsSource source = { .period = "k.month" };

  if (dimension == SAM_STATS_DIMENSION_CONCERN_CATEGORY)
    return g_strdup ("CASE k.scope WHEN 'code' THEN k.code END");

  return fill_template (dimensions[dimension].concern_expr, &source, 0);
}

/* The same rows as counts_sql() gives for such a query, summed from the
 * kept counts: by category, a concern counts once in each of its
 * categories or once as "No category" (the rows other than 'all');
 * otherwise once (the 'all' rows). No value is summed beside the count. */
static char *
kept_counts_sql (const SamStatsQuery *query)
{
  g_autofree char *d1 = kept_dimension_expr (query->dimensions[0]);
  g_autofree char *d2 = query->n_dimensions == 2 ? kept_dimension_expr (query->dimensions[1])
                                                 : g_strdup ("''");
  gboolean by_category = FALSE;

  for (guint i = 0; i < query->n_dimensions; i++)
    by_category |= query->dimensions[i] == SAM_STATS_DIMENSION_CONCERN_CATEGORY;

  return g_strdup_printf ("SELECT substr (k.month, 1, 4) AS q, %s AS d1, %s AS d2, sum (k.n), 0"
                          " FROM concern_counts k WHERE k.scope %s AND k.n > 0 GROUP BY q, d1, d2",
                          d1, d2, by_category ? "<> 'all'" : "= 'all'");
}

static char *
chosen_counts_sql (const SamStatsQuery *query)
{
  return reads_kept_counts (query) ? kept_counts_sql (query) : counts_sql (query);
}

/* Over the range: with @figure "median", the median of the units' values
 * per row value (with @by_row FALSE, over every unit once), by SQLite's
 * window functions; with "extremes", their least and greatest value. */
static char *
range_sql (const SamStatsQuery *query,
           gboolean             by_row,
           const char          *figure)
{
  SamStatsSource source;
  g_autofree char *units = NULL;

  _sam_stats_source_for (query, &source);
  units = units_sql (query, &source, by_row ? 1 : 0);
  if (g_str_equal (figure, "extremes"))
    return g_strdup_printf ("%sSELECT d1, min (v), max (v) FROM (%s)"
                            " WHERE q BETWEEN substr (?1, 1, 4) AND substr (?2, 1, 4) GROUP BY d1",
                            source.with != NULL ? source.with : "", units);

  return g_strdup_printf ("%sSELECT d1, avg (v) FROM"
                          " (SELECT d1, v, row_number () OVER (PARTITION BY d1 ORDER BY v) AS rn,"
                          "   count (*) OVER (PARTITION BY d1) AS n FROM (%s)"
                          "  WHERE q BETWEEN substr (?1, 1, 4) AND substr (?2, 1, 4))"
                          " WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY d1",
                          source.with != NULL ? source.with : "", units);
}

/* Reading ------------------------------------------------------------------- */

/* The catalogue a dimension's codes come from; concern category is 0. */
static const SamCatalogueKind kinds[SAM_STATS_N_DIMENSIONS] = {
  [SAM_STATS_DIMENSION_PREVENTION_LEVEL] = SAM_CATALOGUE_KIND_PREVENTION_LEVEL,
  [SAM_STATS_DIMENSION_TARGET_AREA] = SAM_CATALOGUE_KIND_TARGET_AREA,
  [SAM_STATS_DIMENSION_CONCERN_CATEGORY] = SAM_CATALOGUE_KIND_CONCERN_CATEGORY,
  [SAM_STATS_DIMENSION_RISK_FACTOR] = SAM_CATALOGUE_KIND_RISK_FACTOR,
  [SAM_STATS_DIMENSION_PROTECTIVE_FACTOR] = SAM_CATALOGUE_KIND_PROTECTIVE_FACTOR,
  [SAM_STATS_DIMENSION_INTERVENTION] = SAM_CATALOGUE_KIND_INTERVENTION,
  [SAM_STATS_DIMENSION_CLOSING_REASON] = SAM_CATALOGUE_KIND_CLOSING_REASON,
};

static guint
code_index (GPtrArray  *codes,
            const char *code)
{
  for (guint i = 0; i < codes->len; i++)
    if (g_strcmp0 (g_ptr_array_index (codes, i), code) == 0)
      return i;

  g_ptr_array_add (codes, g_strdup (code));
  return codes->len - 1;
}

static gint64 *
count_at (Counts *counts,
          GArray *array,
          guint   year,
          guint   row,
          guint   column)
{
  gsize index = ((gsize) year * counts->row_codes->len + row) * counts->column_codes->len + column;

  return &g_array_index (array, gint64, index);
}

typedef struct
{
  guint  year, row, column;
  gint64 first, second;
} Record;

static void
bind_range (sqlite3_stmt *stmt,
            const char   *from,
            const char   *to)
{
  sqlite3_bind_text (stmt, 1, from != NULL ? from : "0000-01-01", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to != NULL ? to : "9999-12-31", -1, SQLITE_TRANSIENT);
}

/* Sorts a value's code: catalogue order, then the code; missing last. */
static int
compare_codes (const char        *a,
               const char        *b,
               SamStatsDimension  dimension)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);

  if (kinds[dimension] != 0 || dimension == SAM_STATS_DIMENSION_CONCERN_CATEGORY)
    {
      const SamCatalogueEntry *ea = sam_catalogue_lookup (kinds[dimension], a);
      const SamCatalogueEntry *eb = sam_catalogue_lookup (kinds[dimension], b);

      if (ea != NULL && eb != NULL && ea->sort != eb->sort)
        return ea->sort < eb->sort ? -1 : 1;
    }

  if (dimension == SAM_STATS_DIMENSION_EVIDENCE_LEVEL)
    return (int) _sam_stats_evidence_level_of (a) - (int) _sam_stats_evidence_level_of (b);

  if (dimension == SAM_STATS_DIMENSION_AREA || dimension == SAM_STATS_DIMENSION_AGENCY)
    {
      gint64 ia = g_ascii_strtoll (a, NULL, 10), ib = g_ascii_strtoll (b, NULL, 10);

      return ia < ib ? -1 : ia > ib;
    }

  return strcmp (a, b);
}

static int
compare_code_pointers (gconstpointer a,
                       gconstpointer b,
                       gpointer      dimension)
{
  return compare_codes (*(const char **) a, *(const char **) b, GPOINTER_TO_UINT (dimension));
}

/* The position of every code after sorting, so records can be placed. */
static guint *
sort_axis (GPtrArray         *codes,
           SamStatsDimension  dimension)
{
  g_autoptr(GPtrArray) unsorted = g_ptr_array_new_with_free_func (g_free);
  guint *position = g_new0 (guint, MAX (codes->len, 1));

  for (guint i = 0; i < codes->len; i++)
    g_ptr_array_add (unsorted, g_strdup (g_ptr_array_index (codes, i)));
  g_ptr_array_sort_with_data (codes, compare_code_pointers, GUINT_TO_POINTER (dimension));
  for (guint i = 0; i < unsorted->len; i++)
    for (guint j = 0; j < codes->len; j++)
      if (g_strcmp0 (g_ptr_array_index (unsorted, i), g_ptr_array_index (codes, j)) == 0)
        position[i] = j;

  return position;
}

static void
place_records (Counts              *counts,
               GArray              *records,
               const SamStatsQuery *query)
{
  g_autofree guint *year_at = sort_axis (counts->years, SAM_STATS_DIMENSION_QUARTER);
  g_autofree guint *row_at = sort_axis (counts->row_codes, query->dimensions[0]);
  g_autofree guint *column_at = sort_axis (counts->column_codes,
                                           query->n_dimensions == 2 ? query->dimensions[1]
                                                                    : SAM_STATS_DIMENSION_YEAR);
  gsize size = (gsize) counts->years->len * counts->row_codes->len * counts->column_codes->len;

  counts->first = g_array_set_size (g_array_new (FALSE, TRUE, sizeof (gint64)), size);
  counts->second = g_array_set_size (g_array_new (FALSE, TRUE, sizeof (gint64)), size);
  for (guint i = 0; i < records->len; i++)
    {
      Record *r = &g_array_index (records, Record, i);
      guint y = year_at[r->year], row = row_at[r->row], column = column_at[r->column];

      *count_at (counts, counts->first, y, row, column) += r->first;
      *count_at (counts, counts->second, y, row, column) += r->second;
    }
}

static gboolean
read_counts (SamSession           *session,
             const SamStatsQuery  *query,
             Counts               *counts,
             GError              **error)
{
  g_autofree char *sql = chosen_counts_sql (query);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (Record));
  int rc;

  stmt = _sam_database_prepare (sam_session_get_database (session), sql, error);
  if (stmt == NULL)
    return FALSE;

  counts->years = g_ptr_array_new_with_free_func (g_free);
  counts->row_codes = g_ptr_array_new_with_free_func (g_free);
  counts->column_codes = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Record record = {
        .year = code_index (counts->years, (const char *) sqlite3_column_text (stmt, 0)),
        .row = code_index (counts->row_codes, (const char *) sqlite3_column_text (stmt, 1)),
        .column = code_index (counts->column_codes, (const char *) sqlite3_column_text (stmt, 2)),
        .first = sqlite3_column_int64 (stmt, 3),
        .second = sqlite3_column_int64 (stmt, 4),
      };

      g_array_append_val (records, record);
    }
  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (sam_session_get_database (session), error, rc, "summary");
      return FALSE;
    }

  place_records (counts, records, query);
  return TRUE;
}

/* Per row code (a NULL key for a missing value), and overall under "":
 * the median, or the least and greatest value (range_sql()). */
static gboolean
read_figures (SamSession           *session,
              const SamStatsQuery  *query,
              const char           *from,
              const char           *to,
              gboolean              by_row,
              const char           *figure,
              GHashTable           *figures,
              GError              **error)
{
  g_autofree char *sql = range_sql (query, by_row, figure);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (sam_session_get_database (session), sql, error);
  if (stmt == NULL)
    return FALSE;

  bind_range (stmt, from, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      double *values = g_new (double, 2);

      values[0] = sqlite3_column_double (stmt, 1);
      values[1] = sqlite3_column_double (stmt, 2);
      g_hash_table_insert (figures, g_strdup (code != NULL ? code : "\x01"), values);
    }
  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (sam_session_get_database (session), error, rc, "summary");
      return FALSE;
    }

  return TRUE;
}

/* Whether a year lies in the table's range. */
static gboolean
year_inside (const char    *year,
             SamStatsTable *table)
{
  return (table->from == NULL || strncmp (year, table->from, 4) >= 0) &&
         (table->to == NULL || strncmp (year, table->to, 4) <= 0);
}

/* Keeps @keep's codes of an axis; the rest are dropped. */
static GPtrArray *
kept_codes (GPtrArray      *codes,
            const gboolean *keep)
{
  GPtrArray *kept = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < codes->len; i++)
    if (keep[i])
      g_ptr_array_add (kept, g_strdup (g_ptr_array_index (codes, i)));

  return kept;
}

/* Drops the row and column values that occur only outside the range, such
 * as the other years of a breakdown by year. Safe: a value counted 1 to
 * k − 1 times just beyond the range is withheld by the wider summary. */
static void
prune_outside_only (Counts        *counts,
                    SamStatsTable *table)
{
  guint n_y = counts->years->len, R = counts->row_codes->len, C = counts->column_codes->len;
  g_autofree gboolean *row_kept = g_new0 (gboolean, MAX (R, 1));
  g_autofree gboolean *column_kept = g_new0 (gboolean, MAX (C, 1));
  Counts pruned = { 0 };

  for (guint y = 0; y < n_y; y++)
    for (guint r = 0; r < R; r++)
      for (guint c = 0; c < C; c++)
        if (year_inside (g_ptr_array_index (counts->years, y), table) &&
            *count_at (counts, counts->first, y, r, c) > 0)
          row_kept[r] = column_kept[c] = TRUE;

  pruned.years = g_ptr_array_ref (counts->years);
  pruned.row_codes = kept_codes (counts->row_codes, row_kept);
  pruned.column_codes = kept_codes (counts->column_codes, column_kept);
  if (pruned.column_codes->len == 0)
    g_ptr_array_add (pruned.column_codes, g_strdup (""));
  pruned.first = g_array_set_size (g_array_new (FALSE, TRUE, sizeof (gint64)),
                                   (gsize) n_y * pruned.row_codes->len * pruned.column_codes->len);
  pruned.second = g_array_set_size (g_array_new (FALSE, TRUE, sizeof (gint64)), pruned.first->len);

  for (guint y = 0; y < n_y; y++)
    for (guint r = 0, pr = 0; r < R; r++)
      {
        if (!row_kept[r])
          continue;
        for (guint c = 0, pc = 0; c < C; c++)
          if (column_kept[c])
            {
              *count_at (&pruned, pruned.first, y, pr, pc) = *count_at (counts, counts->first, y, r, c);
              *count_at (&pruned, pruned.second, y, pr, pc) = *count_at (counts, counts->second, y, r, c);
              pc++;
            }
        pr++;
      }

  counts_clear (counts);
  *counts = pruned;
}

/* Suppression --------------------------------------------------------------- */

/* The grid of one count, summed over the years of the range. An entry is
 * flagged at once when a range reaching one or more years further, at
 * either end, would count 1 to k − 1 more there: of two such summaries
 * the narrower one withholds, so that an unfiltered summary loses
 * nothing to this rule. */
static SamStatsGrid *
grid_of (Counts        *counts,
         GArray        *array,
         SamStatsTable *table,
         gboolean       two_way)
{
  guint n_y = counts->years->len, R = counts->row_codes->len, C = counts->column_codes->len;
  gsize n_entries = (gsize) (R + 1) * (C + 1);
  SamStatsGrid *grid = _sam_stats_grid_new (R, C, two_way);
  g_autofree gint64 *before = g_new0 (gint64, n_entries * MAX (n_y, 1));
  g_autofree gint64 *after = g_new0 (gint64, n_entries * MAX (n_y, 1));
  guint n_before = 0, n_after = 0;

  for (guint y = 0; y < n_y; y++)
    {
      const char *year = g_ptr_array_index (counts->years, y);
      gboolean inside = year_inside (year, table);
      g_autoptr(SamStatsGrid) one = _sam_stats_grid_new (R, C, two_way);

      for (guint r = 0; r < R; r++)
        for (guint c = 0; c < C; c++)
          *_sam_stats_grid_value (inside ? grid : one, r, c) += *count_at (counts, array, y, r, c);
      if (inside)
        continue;

      _sam_stats_grid_sum_margins (one);
      if (table->from != NULL && strncmp (year, table->from, 4) < 0)
        {
          /* Nearest year first: the sorted years run upwards. */
          memmove (&before[n_entries], before, n_entries * n_before * sizeof (gint64));
          memcpy (before, one->values, n_entries * sizeof (gint64));
          n_before++;
        }
      else
        memcpy (&after[n_entries * n_after++], one->values, n_entries * sizeof (gint64));
    }
  _sam_stats_grid_sum_margins (grid);

  for (gsize i = 0; i < n_entries; i++)
    {
      g_autofree gint64 *b = g_new0 (gint64, MAX (n_before, 1));
      g_autofree gint64 *a = g_new0 (gint64, MAX (n_after, 1));

      for (guint y = 0; y < n_before; y++)
        b[y] = before[y * n_entries + i];
      for (guint y = 0; y < n_after; y++)
        a[y] = after[y * n_entries + i];
      if (_sam_stats_extension_discloses (b, n_before, table->k) ||
          _sam_stats_extension_discloses (a, n_after, table->k))
        grid->suppressed[i] = TRUE;
    }

  return grid;
}

/* Formatting ---------------------------------------------------------------- */

static char *
value_label (SamSession        *session,
             SamStatsMeasure    measure,
             SamStatsDimension  dimension,
             const char        *code)
{
  const SamCatalogueEntry *entry;
  SamGender gender;
  SamCaseStatus case_status;
  SamConcernStatus concern_status;

  if (code == NULL)
    return g_strdup (_(dimensions[dimension].none));

  switch (dimension)
    {
    case SAM_STATS_DIMENSION_AREA:
    case SAM_STATS_DIMENSION_AGENCY:
      {
        g_autoptr(sqlite3_stmt) stmt = NULL;

        stmt = _sam_database_prepare (sam_session_get_database (session),
                                      dimension == SAM_STATS_DIMENSION_AREA
                                        ? "SELECT name FROM areas WHERE id = ?1"
                                        : "SELECT name FROM agencies WHERE id = ?1", NULL);
        if (stmt == NULL)
          return g_strdup (code);
        sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (code, NULL, 10));
        return sqlite3_step (stmt) == SQLITE_ROW ? _sam_store_column_dup (stmt, 0) : g_strdup (code);
      }

    case SAM_STATS_DIMENSION_AGE_BAND:
      if (strcmp (code, "other") == 0)
        return g_strdup (_("Other ages"));
      /* An en dash between the ages, as in "13–15". */
      return strlen (code) == 5 ? g_strdup_printf ("%.2s–%.2s", code, code + 3) : g_strdup (code);

    case SAM_STATS_DIMENSION_GENDER:
      return g_strdup (sam_gender_from_string (code, &gender) ? sam_gender_get_label (gender) : code);

    case SAM_STATS_DIMENSION_STATUS:
      if (based_on_concerns (measure) && sam_concern_status_from_string (code, &concern_status))
        return g_strdup (sam_concern_status_get_label (concern_status));
      if (!based_on_concerns (measure) && sam_case_status_from_string (code, &case_status))
        return g_strdup (sam_case_status_get_label (case_status));
      return g_strdup (code);

    case SAM_STATS_DIMENSION_EVIDENCE_LEVEL:
      return g_strdup (_sam_stats_evidence_level_of (code) != SAM_EVIDENCE_LEVEL_NONE
                       ? sam_evidence_level_get_label (_sam_stats_evidence_level_of (code)) : code);

    case SAM_STATS_DIMENSION_YEAR:
    case SAM_STATS_DIMENSION_QUARTER:
    case SAM_STATS_DIMENSION_MONTH:
      return g_strdup (code);

    default:
      entry = sam_catalogue_lookup (kinds[dimension], code);
      return g_strdup (entry != NULL ? sam_catalogue_entry_get_label (entry) : code);
    }
}

static char *
count_text (SamStatsGrid  *grid,
            guint          row,
            guint          column,
            const char    *withheld)
{
  if (*_sam_stats_grid_suppressed (grid, row, column))
    return g_strdup (withheld);

  return g_strdup_printf ("%" G_GINT64_FORMAT, *_sam_stats_grid_value (grid, row, column));
}

static void
sam_stats_row_free (SamStatsRow *row)
{
  g_free (row->code);
  g_free (row->label);
  g_strfreev (row->cells);
  g_free (row);
}

static void
add_row (SamStatsTable *table,
         const char    *code,
         char          *label,
         GPtrArray     *cells)
{
  SamStatsRow *row = g_new0 (SamStatsRow, 1);

  row->code = g_strdup (code);
  row->label = label;
  g_ptr_array_add (cells, NULL);
  row->cells = (GStrv) g_ptr_array_free (cells, FALSE);
  g_ptr_array_add (table->rows, row);
}

static GStrv
strv_of (GPtrArray *array)
{
  g_ptr_array_add (array, NULL);
  return (GStrv) g_ptr_array_free (array, FALSE);
}

/* Counts by one or two dimensions: the grid as it is, with its totals. */
static void
fill_counts (SamSession          *session,
             SamStatsTable       *table,
             const SamStatsQuery *query,
             Counts              *counts,
             SamStatsGrid        *grid)
{
  gboolean two_way = query->n_dimensions == 2;
  GPtrArray *codes = g_ptr_array_new ();
  GPtrArray *headings = g_ptr_array_new ();

  for (guint c = 0; two_way && c < grid->n_columns; c++)
    {
      const char *code = g_ptr_array_index (counts->column_codes, c);

      g_ptr_array_add (codes, g_strdup (code != NULL ? code : ""));
      g_ptr_array_add (headings, value_label (session, query->measure, query->dimensions[1], code));
    }
  g_ptr_array_add (codes, g_strdup (""));
  g_ptr_array_add (headings, g_strdup (two_way ? _("Total") : _(measures[query->measure].count_label)));
  table->column_codes = strv_of (codes);
  table->columns = strv_of (headings);

  for (guint r = 0; r <= grid->n_rows; r++)
    {
      GPtrArray *cells = g_ptr_array_new ();
      const char *code = r < grid->n_rows ? g_ptr_array_index (counts->row_codes, r) : NULL;

      for (guint c = 0; c < grid->n_columns + (two_way ? 1 : 0); c++)
        g_ptr_array_add (cells, count_text (grid, r, c, table->withheld));
      add_row (table, code, r < grid->n_rows
                              ? value_label (session, query->measure, query->dimensions[0], code)
                              : g_strdup (_("Total")),
               cells);
    }
}

/* The rate or the median beside the count it rests on. */
static void
fill_ratio (SamSession          *session,
            SamStatsTable       *table,
            const SamStatsQuery *query,
            Counts              *counts,
            SamStatsGrid        *cases,
            SamStatsGrid        *second,
            GHashTable          *medians,
            const gboolean      *mean_withheld)
{
  GPtrArray *codes = g_ptr_array_new ();
  GPtrArray *headings = g_ptr_array_new ();

  g_ptr_array_add (codes, g_strdup (""));
  g_ptr_array_add (codes, g_strdup (""));
  g_ptr_array_add (headings, g_strdup (_(measures[query->measure].count_label)));
  g_ptr_array_add (headings, g_strdup (_(measures[query->measure].label)));
  table->column_codes = strv_of (codes);
  table->columns = strv_of (headings);

  for (guint r = 0; r <= cases->n_rows; r++)
    {
      GPtrArray *cells = g_ptr_array_new ();
      gboolean total = r == cases->n_rows;
      const char *code = !total ? g_ptr_array_index (counts->row_codes, r) : NULL;

      g_ptr_array_add (cells, count_text (cases, r, 0, table->withheld));
      if (mean_withheld != NULL)
        g_ptr_array_add (cells, _sam_stats_mean_text (cases, second, mean_withheld, r, table->withheld));
      else if (second != NULL)
        g_ptr_array_add (cells, _sam_stats_rate_text (cases, second, r, table->withheld));
      else
        g_ptr_array_add (cells, _sam_stats_median_text (cases, r, medians, total ? "" : code, table->withheld));
      add_row (table, code, !total ? value_label (session, query->measure, query->dimensions[0], code)
                                   : g_strdup (_("Total")),
               cells);
    }
}

/* Checks and the run --------------------------------------------------------- */

/* Widens a date to the first (@end FALSE) or last day of its year. */
static char *
widen_to_year (const char  *text,
                  const char  *field,
                  gboolean     end,
                  GError     **error)
{
  guint year = 0, month = 0, day = 0;
  if (text == NULL)
    return NULL;

  if (strlen (text) != 10 || sscanf (text, "%4u-%2u-%2u", &year, &month, &day) != 3 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      _sam_store_invalid (error, _("%s: write a date such as 2026-07-01, not “%s”."), field, text);
      return NULL;
    }

  return g_strdup_printf (end ? "%04u-12-31" : "%04u-01-01", year);
}

static gboolean
check_query (const SamStatsQuery  *query,
             GError              **error)
{
  if (query->measure >= SAM_STATS_N_MEASURES)
    return _sam_store_invalid (error, _("Measure: choose one of the listed measures."));
  for (guint i = 0; i < MIN (query->n_dimensions, 2u); i++)
    if (query->dimensions[i] >= SAM_STATS_N_DIMENSIONS)
      return _sam_store_invalid (error, _("Breakdown: choose one of the listed dimensions."));
  if (query->n_dimensions == 2 && query->dimensions[0] == query->dimensions[1])
    return _sam_store_invalid (error, _("Breakdown: choose two different dimensions."));

  return _sam_stats_check_measure (query, error);
}

static char *
audit_reason (const SamStatsQuery *query)
{
  return g_strdup_printf ("by:%s%s%s;measure:%s", dimensions[query->dimensions[0]].id,
                          query->n_dimensions == 2 ? "," : "",
                          query->n_dimensions == 2 ? dimensions[query->dimensions[1]].id : "",
                          measures[query->measure].id);
}

static SamStatsTable *
table_new (const SamStatsQuery *query,
           guint                k,
           char                *from,
           char                *to)
{
  SamStatsTable *table = g_new0 (SamStatsTable, 1);
  GPtrArray *ids = g_ptr_array_new ();

  table->measure = query->measure;
  table->k = k;
  table->withheld = g_strdup_printf ("<%u", k);
  table->from = from;
  table->to = to;
  for (guint i = 0; i < query->n_dimensions; i++)
    g_ptr_array_add (ids, g_strdup (dimensions[query->dimensions[i]].id));
  table->dimensions = strv_of (ids);
  table->row_heading = query->n_dimensions == 2
                       ? g_strdup_printf ("%s / %s", _(dimensions[query->dimensions[0]].label),
                                          _(dimensions[query->dimensions[1]].label))
                       : g_strdup (_(dimensions[query->dimensions[0]].label));
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_stats_row_free);

  return table;
}

/* Whether every unit in the withheld rows has the same value, from each
 * row's least and greatest value. */
static gboolean
pooled_all_equal (Counts       *counts,
                  SamStatsGrid *grid,
                  GHashTable   *extremes)
{
  double low = G_MAXDOUBLE, high = -G_MAXDOUBLE;

  for (guint r = 0; r < grid->n_rows; r++)
    {
      const char *code = g_ptr_array_index (counts->row_codes, r);
      double *range = g_hash_table_lookup (extremes, code != NULL ? code : "\x01");

      if (!*_sam_stats_grid_suppressed (grid, r, 0) || range == NULL)
        continue;
      low = MIN (low, range[0]);
      high = MAX (high, range[1]);
    }

  return low == high;
}

static gboolean
compute (SamSession          *session,
         const SamStatsQuery *query,
         SamStatsTable       *table,
         GError             **error)
{
  g_auto(Counts) counts = { 0 };
  g_autoptr(SamStatsGrid) first = NULL;
  g_autoptr(SamStatsGrid) second = NULL;
  g_autoptr(GHashTable) figures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree gboolean *mean_withheld = NULL;

  if (!read_counts (session, query, &counts, error))
    return FALSE;
  prune_outside_only (&counts, table);

  first = grid_of (&counts, counts.first, table, query->n_dimensions == 2);
  if (query->measure == SAM_STATS_MEASURE_CONSENT_RATE)
    {
      g_autoptr(GArray) rest = g_array_copy (counts.first);
      g_autoptr(SamStatsGrid) without = NULL;

      /* The cases without consent, year by year, so that a neighbouring
       * range cannot give away a few refusals either. */
      for (guint i = 0; i < rest->len; i++)
        g_array_index (rest, gint64, i) -= g_array_index (counts.second, gint64, i);
      without = grid_of (&counts, rest, table, FALSE);
      second = grid_of (&counts, counts.second, table, FALSE);
      for (gsize i = 0; i < (gsize) (second->n_rows + 1) * (second->n_columns + 1); i++)
        second->suppressed[i] |= without->suppressed[i];
      _sam_stats_flag_small_complements (second, first, table->k);
      _sam_stats_suppress (second, table->k);
    }
  _sam_stats_suppress (first, table->k);

  if (query->measure == SAM_STATS_MEASURE_DAYS_TO_MEETING &&
      (!read_figures (session, query, table->from, table->to, TRUE, "median", figures, error) ||
       !read_figures (session, query, table->from, table->to, FALSE, "median", figures, error)))
    return FALSE;

  if (_sam_stats_measure_is_mean (query->measure))
    {
      /* The sums of the units' values, as the counts were laid out. */
      second = grid_of (&counts, counts.second, table, FALSE);
      mean_withheld = g_new0 (gboolean, first->n_rows + 1);
      if (!read_figures (session, query, table->from, table->to, TRUE, "extremes", figures, error))
        return FALSE;
      _sam_stats_withhold_pooled_mean (first, mean_withheld, pooled_all_equal (&counts, first, figures),
                                       table->k);
    }

  if (!_sam_stats_measure_is_ratio (query->measure))
    fill_counts (session, table, query, &counts, first);
  else
    fill_ratio (session, table, query, &counts, first, second, figures, mean_withheld);

  return TRUE;
}

/* The lines of _sam_stats_counts_text(), inside its transaction. */
static gboolean
read_counts_lines (SamSession           *session,
                   const SamStatsQuery  *query,
                   GPtrArray            *lines,
                   GError              **error)
{
  g_autofree char *sql = chosen_counts_sql (query);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (sam_session_get_database (session), sql, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *column[3];

      for (int i = 0; i < 3; i++)
        column[i] = sqlite3_column_type (stmt, i) != SQLITE_NULL
                    ? (const char *) sqlite3_column_text (stmt, i) : "(null)";
      g_ptr_array_add (lines, g_strdup_printf ("%s|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT,
                                               column[0], column[1], column[2],
                                               (gint64) sqlite3_column_int64 (stmt, 3),
                                               (gint64) sqlite3_column_int64 (stmt, 4)));
    }
  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (sam_session_get_database (session), error, rc, "summary");
      return FALSE;
    }

  return TRUE;
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * _sam_stats_counts_text:
 * @session: a manager's session
 * @query: what to count
 * @error: return location for a #GError
 *
 * The counts a summary starts from, before any suppression: one sorted
 * line per year, row value and column value, "q|d1|d2|count|sum", a
 * missing value as "(null)". For the tests, which compare the kept counts
 * with the units' query where a withheld entry would hide a difference.
 * Checked and audited as sam_stats_run() is.
 *
 * Returns: (transfer full): the lines, or %NULL with @error set
 */
char *
_sam_stats_counts_text (SamSession           *session,
                        const SamStatsQuery  *query,
                        GError              **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new ("");
  g_autofree char *reason = NULL;
  SamDatabase *database;

  if (!sam_policy_check (session, SAM_OPERATION_SUMMARY_RUN, error) || !check_query (query, error))
    return NULL;

  database = sam_session_get_database (session);
  reason = audit_reason (query);
  if (!_sam_database_begin (database, error))
    return NULL;
  if (!read_counts_lines (session, query, lines, error) ||
      !_sam_store_audit (session, SAM_AUDIT_VIEW, "summary", 0, 0, 0, reason, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (lines, i));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Public API ---------------------------------------------------------------- */

/**
 * sam_stats_dimension_to_string:
 * @dimension: a dimension
 *
 * Returns: its id, such as "age-band", as the CLI and audit reasons use it
 */
const char *
sam_stats_dimension_to_string (SamStatsDimension dimension)
{
  g_return_val_if_fail (dimension < SAM_STATS_N_DIMENSIONS, NULL);

  return dimensions[dimension].id;
}

/**
 * sam_stats_dimension_from_string:
 * @string: an id such as "area" or "age-band"
 * @out_dimension: (out): the dimension
 *
 * Returns: whether @string names a dimension
 */
gboolean
sam_stats_dimension_from_string (const char        *string,
                                 SamStatsDimension *out_dimension)
{
  for (guint i = 0; string != NULL && i < SAM_STATS_N_DIMENSIONS; i++)
    if (strcmp (string, dimensions[i].id) == 0)
      {
        *out_dimension = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * sam_stats_dimension_get_label:
 * @dimension: a dimension
 *
 * Returns: its name in the user's language
 */
const char *
sam_stats_dimension_get_label (SamStatsDimension dimension)
{
  g_return_val_if_fail (dimension < SAM_STATS_N_DIMENSIONS, NULL);

  return _(dimensions[dimension].label);
}

/**
 * sam_stats_dimension_is_period:
 * @dimension: a dimension
 *
 * Returns: whether it is a period of the measure's date: year, quarter
 *   or month
 */
gboolean
sam_stats_dimension_is_period (SamStatsDimension dimension)
{
  return dimension == SAM_STATS_DIMENSION_YEAR || dimension == SAM_STATS_DIMENSION_QUARTER ||
         dimension == SAM_STATS_DIMENSION_MONTH;
}

/**
 * sam_stats_measure_is_count:
 * @measure: a measure
 *
 * Returns: whether the table's last column counts (cases, concerns, …),
 *   rather than giving a rate, a median or a mean, which may be a
 *   fraction or below zero
 */
gboolean
sam_stats_measure_is_count (SamStatsMeasure measure)
{
  g_return_val_if_fail (measure < SAM_STATS_N_MEASURES, FALSE);

  return !_sam_stats_measure_is_ratio (measure);
}

/**
 * sam_stats_measure_to_string:
 * @measure: a measure
 *
 * Returns: its id, such as "consent-rate"
 */
const char *
sam_stats_measure_to_string (SamStatsMeasure measure)
{
  g_return_val_if_fail (measure < SAM_STATS_N_MEASURES, NULL);

  return measures[measure].id;
}

/**
 * sam_stats_measure_from_string:
 * @string: an id such as "cases" or "consent-rate"
 * @out_measure: (out): the measure
 *
 * Returns: whether @string names a measure
 */
gboolean
sam_stats_measure_from_string (const char      *string,
                               SamStatsMeasure *out_measure)
{
  for (guint i = 0; string != NULL && i < SAM_STATS_N_MEASURES; i++)
    if (strcmp (string, measures[i].id) == 0)
      {
        *out_measure = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * sam_stats_measure_get_label:
 * @measure: a measure
 *
 * Returns: its name in the user's language
 */
const char *
sam_stats_measure_get_label (SamStatsMeasure measure)
{
  g_return_val_if_fail (measure < SAM_STATS_N_MEASURES, NULL);

  return _(measures[measure].label);
}

/**
 * sam_stats_get_k:
 * @session: an unlocked session
 * @error: return location for a #GError
 *
 * The smallest count a summary publishes, as the administrator set it;
 * %SAM_STATS_DEFAULT_K until then. Never below %SAM_STATS_MIN_K, whatever
 * the database says.
 *
 * Returns: k, or 0 on error
 */
guint
sam_stats_get_k (SamSession  *session,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint64 k = SAM_STATS_DEFAULT_K;

  g_return_val_if_fail (SAM_IS_SESSION (session), 0);

  if (!_sam_policy_check_session (session, error))
    return 0;

  stmt = _sam_database_prepare (sam_session_get_database (session),
                                "SELECT value FROM meta WHERE key = '" META_K "'", error);
  if (stmt == NULL)
    return 0;

  if (sqlite3_step (stmt) == SQLITE_ROW &&
      !g_ascii_string_to_unsigned ((const char *) sqlite3_column_text (stmt, 0), 10,
                                   SAM_STATS_MIN_K, MAX_K, &k, NULL))
    k = SAM_STATS_DEFAULT_K;

  return (guint) k;
}

/**
 * sam_stats_set_k:
 * @session: an administrator's session
 * @k: the smallest count to publish, from %SAM_STATS_MIN_K
 * @error: return location for a #GError
 *
 * Sets k for every later summary, and audits the change.
 *
 * Returns: %TRUE when set
 */
gboolean
sam_stats_set_k (SamSession  *session,
                 guint        k,
                 GError     **error)
{
  SamDatabase *database;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *value = NULL;
  g_autofree char *reason = NULL;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);

  if (!sam_policy_check (session, SAM_OPERATION_SUMMARY_CONFIGURE, error))
    return FALSE;

  if (k < SAM_STATS_MIN_K || k > MAX_K)
    {
      g_autofree char *low = g_strdup_printf ("%u", SAM_STATS_MIN_K);
      g_autofree char *high = g_strdup_printf ("%u", MAX_K);

      return _sam_store_invalid (error, _("Smallest number shown: choose from %s to %s."), low, high);
    }

  database = sam_session_get_database (session);
  value = g_strdup_printf ("%u", k);
  reason = g_strdup_printf (META_K ":%u", k);
  if (!_sam_database_begin (database, error))
    return FALSE;

  stmt = _sam_database_prepare (database, "INSERT OR REPLACE INTO meta (key, value) VALUES ('" META_K "', ?1)",
                                error);
  if (stmt != NULL)
    sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  if (stmt == NULL ||
      !_sam_store_step_done (session, stmt, "summary_k", error) ||
      !_sam_store_audit (session, SAM_AUDIT_UPDATE, "setting", 0, 0, 0, reason, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return FALSE;
    }

  return TRUE;
}

/**
 * sam_stats_run:
 * @session: a manager's session
 * @query: what to count and how to break it down
 * @error: return location for a #GError
 *
 * Counts in the database, lays the counts out as a table and withholds
 * every entry that could show fewer than k units, directly, through the
 * totals, or by difference with a summary over a range that reaches
 * further at one end. The run is audited (view of "summary", with the
 * breakdown as its reason) in the same transaction as the reading.
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
SamStatsTable *
sam_stats_run (SamSession           *session,
               const SamStatsQuery  *query,
               GError              **error)
{
  g_autoptr(SamStatsTable) table = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *reason = NULL;
  SamDatabase *database;
  guint k;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!sam_policy_check (session, SAM_OPERATION_SUMMARY_RUN, error) ||
      !check_query (query, error))
    return NULL;

  if ((query->from != NULL && !(from = widen_to_year (query->from, _("From"), FALSE, error))) ||
      (query->to != NULL && !(to = widen_to_year (query->to, _("To"), TRUE, error))))
    return NULL;
  if (from != NULL && to != NULL && strcmp (from, to) > 0)
    {
      _sam_store_invalid (error, _("To: the end of the range must come after its start."));
      return NULL;
    }

  if ((k = sam_stats_get_k (session, error)) == 0)
    return NULL;

  database = sam_session_get_database (session);
  table = table_new (query, k, g_steal_pointer (&from), g_steal_pointer (&to));
  reason = audit_reason (query);
  if (!_sam_database_begin (database, error))
    return NULL;
  if (!compute (session, query, table, error) ||
      !_sam_store_audit (session, SAM_AUDIT_VIEW, "summary", 0, 0, 0, reason, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return g_steal_pointer (&table);
}

/* An audit reason is a code such as "by:area;measure:cases;format:csv",
 * never free text that could name someone. */
static gboolean
reason_is_code (const char *reason)
{
  if (reason == NULL || *reason == '\0')
    return FALSE;
  for (const char *p = reason; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("_:;,-", *p) == NULL)
      return FALSE;
  return TRUE;
}

/**
 * sam_stats_record_export:
 * @session: a manager's session
 * @reason: a code for what was exported, such as
 *   "by:area;measure:cases;format:csv": letters, digits and "_:;,-" only
 * @error: return location for a #GError
 *
 * Audits that a summary left the application (export of "summary"). The
 * caller writes the file; a summary holds no personal data, so this needs
 * only the right to run summaries, not the case-view right that
 * sam_export_record() asks for.
 *
 * Returns: %TRUE when recorded
 */
gboolean
sam_stats_record_export (SamSession  *session,
                         const char  *reason,
                         GError     **error)
{
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);

  if (!sam_policy_check (session, SAM_OPERATION_SUMMARY_RUN, error))
    return FALSE;
  if (!reason_is_code (reason))
    return _sam_store_invalid (error, _("Export reason: use a code of letters, digits and _:;,- only."));

  database = sam_session_get_database (session);
  if (!_sam_database_begin (database, error))
    return FALSE;
  if (!_sam_store_audit (session, SAM_AUDIT_EXPORT, "summary", 0, 0, 0, reason, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return FALSE;
    }

  return TRUE;
}

/**
 * sam_stats_table_free:
 * @table: (nullable): a table from sam_stats_run()
 */
void
sam_stats_table_free (SamStatsTable *table)
{
  if (table == NULL)
    return;

  g_free (table->withheld);
  g_free (table->from);
  g_free (table->to);
  g_strfreev (table->dimensions);
  g_free (table->row_heading);
  g_strfreev (table->column_codes);
  g_strfreev (table->columns);
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_free (table);
}
