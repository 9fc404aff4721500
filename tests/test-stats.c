/* test-stats.c: manager summaries and their small-cell suppression
 *
 * The suppression is checked twice: on generated tables, where an
 * independent linear-algebra check confirms that no withheld entry can be
 * solved from the published ones, and on summaries of a generated demo
 * municipality, where every table of every pair of dimensions, with and
 * without date ranges, is checked for small numbers, for lines that give
 * a withheld entry away, and for pairs of ranges that differ at one end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sam-database-private.h"
#include "sam-stats-private.h"
#include "sam-test-util.h"

#define SCALE 300

static char *demo_directory;
static char *demo_path;

static SamSession *
unlock_demo (const char *user)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *passphrase = g_strconcat (user, SAM_DEMO_PASSPHRASE_SUFFIX, NULL);
  SamSession *session = sam_test_unlock (demo_path, user, passphrase, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

static gint64
query_int (SamSession *session,
           const char *sql,
           const char *text1,
           const char *text2)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_sam_database_get_handle (sam_session_get_database (session)),
                                       sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text1 != NULL)
    sqlite3_bind_text (stmt, 1, text1, -1, SQLITE_TRANSIENT);
  if (text2 != NULL)
    sqlite3_bind_text (stmt, 2, text2, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

/* Generated tables ------------------------------------------------------------ */

/* The rank of a dense matrix, by Gaussian elimination. */
static guint
rank_of (double *m,
         guint   n_rows,
         guint   n_columns)
{
  guint rank = 0;

  for (guint c = 0; c < n_columns && rank < n_rows; c++)
    {
      guint pivot = rank;

      for (guint r = rank + 1; r < n_rows; r++)
        if (fabs (m[r * n_columns + c]) > fabs (m[pivot * n_columns + c]))
          pivot = r;
      if (fabs (m[pivot * n_columns + c]) < 1e-9)
        continue;
      for (guint j = 0; j < n_columns; j++)
        {
          double t = m[rank * n_columns + j];

          m[rank * n_columns + j] = m[pivot * n_columns + j];
          m[pivot * n_columns + j] = t;
        }
      for (guint r = 0; r < n_rows; r++)
        {
          double f = m[r * n_columns + c] / m[rank * n_columns + c];

          if (r == rank || f == 0)
            continue;
          for (guint j = 0; j < n_columns; j++)
            m[r * n_columns + j] -= f * m[rank * n_columns + j];
        }
      rank++;
    }

  return rank;
}

/* The equations of the table (each line sums to its total), restricted to
 * the withheld entries: an entry is determined by the published ones
 * exactly when its unit vector lies in the span of these rows. */
static guint
build_equations (SamStatsGrid *grid,
                 guint        *index,
                 guint         n_withheld,
                 double       *m)
{
  guint R = grid->n_rows, C = grid->n_columns, n = 0;

  for (guint line = 0; line < R + 1 + C + 1; line++)
    {
      gboolean is_row = line <= R;
      guint fixed = is_row ? line : line - R - 1;

      if (is_row && !grid->row_totals)
        continue;
      if (!is_row && !grid->row_totals && fixed == C)
        continue;
      memset (&m[n * n_withheld], 0, n_withheld * sizeof (double));
      for (guint i = 0; i <= (is_row ? C : R); i++)
        {
          guint r = is_row ? fixed : i, c = is_row ? i : fixed;
          guint flat = r * (C + 1) + c;
          gboolean total = is_row ? i == C : i == R;

          for (guint w = 0; w < n_withheld; w++)
            if (index[w] == flat)
              m[n * n_withheld + w] = total ? -1 : 1;
        }
      n++;
    }

  return n;
}

static void
assert_nothing_solvable (SamStatsGrid *grid)
{
  guint R = grid->n_rows, C = grid->n_columns, n_lines = R + C + 2;
  g_autofree guint *index = g_new0 (guint, (R + 1) * (C + 1));
  guint n_withheld = 0;

  for (guint r = 0; r <= R; r++)
    for (guint c = 0; c <= C; c++)
      if (_sam_stats_grid_is_used (grid, r, c) && *_sam_stats_grid_suppressed (grid, r, c))
        index[n_withheld++] = r * (C + 1) + c;

  for (guint w = 0; w < n_withheld; w++)
    {
      g_autofree double *m = g_new0 (double, (n_lines + 1) * MAX (n_withheld, 1));
      guint n = build_equations (grid, index, n_withheld, m);
      guint before = rank_of (m, n, n_withheld);

      n = build_equations (grid, index, n_withheld, m);
      memset (&m[n * n_withheld], 0, n_withheld * sizeof (double));
      m[n * n_withheld + w] = 1;
      g_assert_cmpuint (rank_of (m, n + 1, n_withheld), ==, before + 1);
    }
}

static void
assert_lines_safe (SamStatsGrid *grid,
                   guint         k)
{
  guint R = grid->n_rows, C = grid->n_columns;

  for (guint r = 0; r <= R; r++)
    for (guint c = 0; c <= C; c++)
      {
        gint64 v = *_sam_stats_grid_value (grid, r, c);

        if (_sam_stats_grid_is_used (grid, r, c) && !*_sam_stats_grid_suppressed (grid, r, c))
          g_assert_false (v >= 1 && v < (gint64) k);
      }

  for (guint c = 0; c <= C; c++)
    {
      guint n = 0;

      if (!_sam_stats_grid_is_used (grid, 0, c))
        continue;
      for (guint r = 0; r <= R; r++)
        n += *_sam_stats_grid_suppressed (grid, r, c);
      g_assert_cmpuint (n, !=, 1);
    }
  for (guint r = 0; grid->row_totals && r <= R; r++)
    {
      guint n = 0;

      for (guint c = 0; c <= C; c++)
        n += *_sam_stats_grid_suppressed (grid, r, c);
      g_assert_cmpuint (n, !=, 1);
    }
}

static void
test_generated (void)
{
  GRand *rand = g_rand_new_with_seed (20261125);
  guint withheld_total = 0;

  for (guint round = 0; round < 400; round++)
    {
      gboolean two_way = g_rand_boolean (rand);
      guint R = g_rand_int_range (rand, 1, 9), C = two_way ? g_rand_int_range (rand, 1, 7) : 1;
      guint k = g_rand_int_range (rand, SAM_STATS_MIN_K, 8);
      g_autoptr(SamStatsGrid) grid = _sam_stats_grid_new (R, C, two_way);
      gboolean *preset = NULL;

      /* Mostly small numbers, some zeros, a few large. */
      for (guint r = 0; r < R; r++)
        for (guint c = 0; c < C; c++)
          *_sam_stats_grid_value (grid, r, c) = g_rand_int_range (rand, 0, 4) == 0
                                                ? 0 : g_rand_int_range (rand, 1, 3 * k);
      _sam_stats_grid_sum_margins (grid);
      if (g_rand_int_range (rand, 0, 5) == 0)
        *(preset = _sam_stats_grid_suppressed (grid, g_rand_int_range (rand, 0, R), 0)) = TRUE;

      _sam_stats_suppress (grid, k);

      if (preset != NULL)
        g_assert_true (*preset);
      assert_lines_safe (grid, k);
      assert_nothing_solvable (grid);
      for (guint i = 0; i < (R + 1) * (C + 1); i++)
        withheld_total += grid->suppressed[i];
    }

  /* The generator must have produced work to do. */
  g_assert_cmpuint (withheld_total, >, 400);
  g_rand_free (rand);
}

/* The classic case: one small cell, withheld with the cheapest cycle of
 * other cells through its row and column. */
static void
test_known_table (void)
{
  static const gint64 body[3][3] = { { 2, 10, 20 }, { 7, 30, 9 }, { 40, 8, 50 } };
  g_autoptr(SamStatsGrid) grid = _sam_stats_grid_new (3, 3, TRUE);

  for (guint r = 0; r < 3; r++)
    for (guint c = 0; c < 3; c++)
      *_sam_stats_grid_value (grid, r, c) = body[r][c];
  _sam_stats_grid_sum_margins (grid);
  g_assert_cmpint (*_sam_stats_grid_value (grid, 3, 3), ==, 176);

  _sam_stats_suppress (grid, 5);

  /* The cheapest cycle through the 2: 20, 9 and 7 (36), rather than
   * 10, 30 and 7 (47) or 10, 8 and 40 (58). */
  g_assert_true (*_sam_stats_grid_suppressed (grid, 0, 0));
  g_assert_true (*_sam_stats_grid_suppressed (grid, 0, 2));
  g_assert_true (*_sam_stats_grid_suppressed (grid, 1, 2));
  g_assert_true (*_sam_stats_grid_suppressed (grid, 1, 0));
  g_assert_false (*_sam_stats_grid_suppressed (grid, 0, 1));
  g_assert_false (*_sam_stats_grid_suppressed (grid, 3, 3));
  g_assert_false (*_sam_stats_grid_suppressed (grid, 2, 2));
  assert_lines_safe (grid, 5);
  assert_nothing_solvable (grid);
}

static void
test_extension (void)
{
  static const gint64 safe[] = { 0, 5, 6, 0, 7 };
  static const gint64 small_first[] = { 2, 9, 9 };
  static const gint64 small_after_zeros[] = { 0, 0, 1, 9 };
  static const gint64 small_only_further[] = { 6, 1, 6 };

  g_assert_false (_sam_stats_extension_discloses (safe, G_N_ELEMENTS (safe), 5));
  g_assert_true (_sam_stats_extension_discloses (small_first, G_N_ELEMENTS (small_first), 5));
  g_assert_true (_sam_stats_extension_discloses (small_after_zeros, G_N_ELEMENTS (small_after_zeros), 5));
  /* Reaching past the 6 always adds at least 6. */
  g_assert_false (_sam_stats_extension_discloses (small_only_further, G_N_ELEMENTS (small_only_further), 5));
  g_assert_false (_sam_stats_extension_discloses (NULL, 0, 5));
}

/* Summaries of the demo municipality --------------------------------------------- */

static SamStatsTable *
run (SamSession        *session,
     SamStatsMeasure    measure,
     SamStatsDimension  a,
     int                b,
     const char        *from,
     const char        *to)
{
  g_autoptr(GError) error = NULL;
  SamStatsQuery query = { measure, { a, b >= 0 ? (SamStatsDimension) b : a }, b >= 0 ? 2 : 1, from, to };
  SamStatsTable *table = sam_stats_run (session, &query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

static gboolean
is_withheld (SamStatsTable *table,
             const char    *cell)
{
  return strcmp (cell, table->withheld) == 0;
}

static gint64
cell_value (const char *cell)
{
  return g_ascii_strtoll (cell, NULL, 10);
}

/* No small number shows, and no line has exactly one withheld entry next
 * to its published total. */
static guint
assert_table_safe (SamStatsTable *table,
                   gboolean       two_way)
{
  guint n_columns = g_strv_length (table->columns);
  guint withheld = 0;

  g_assert_cmpuint (table->rows->len, >=, 1);
  for (guint c = 0; c < n_columns; c++)
    {
      guint in_column = 0;

      for (guint r = 0; r < table->rows->len; r++)
        {
          SamStatsRow *row = g_ptr_array_index (table->rows, r);

          if (is_withheld (table, row->cells[c]))
            in_column++;
          else
            g_assert_false (cell_value (row->cells[c]) >= 1 && cell_value (row->cells[c]) < table->k);
        }
      g_assert_cmpuint (in_column, !=, 1);
      withheld += in_column;
    }

  for (guint r = 0; two_way && r < table->rows->len; r++)
    {
      SamStatsRow *row = g_ptr_array_index (table->rows, r);
      guint in_row = 0;

      for (guint c = 0; c < n_columns; c++)
        in_row += is_withheld (table, row->cells[c]);
      g_assert_cmpuint (in_row, !=, 1);
    }

  return withheld;
}

static void
test_every_pair (void)
{
  g_autoptr(SamSession) manager = unlock_demo ("manager");
  static const char *ranges[][2] = { { NULL, NULL }, { "2025-01-01", "2025-12-31" }, { "2024-05-10", NULL } };
  guint tables = 0, withheld = 0;

  for (guint m = SAM_STATS_MEASURE_CASES; m <= SAM_STATS_MEASURE_CONCERNS; m++)
    for (guint a = 0; a < SAM_STATS_N_DIMENSIONS; a++)
      for (int b = -1; b < SAM_STATS_N_DIMENSIONS; b++)
        for (guint f = 0; f < G_N_ELEMENTS (ranges); f++)
          {
            g_autoptr(SamStatsTable) table = NULL;

            if ((guint) b == a || (b >= 0 && f > 0 && (a + (guint) b) % 3 != 0))
              continue;
            table = run (manager, m, a, b, ranges[f][0], ranges[f][1]);
            withheld += assert_table_safe (table, b >= 0);
            tables++;
          }

  g_test_message ("%u tables, %u entries withheld", tables, withheld);
  g_assert_cmpuint (tables, >, 300);
  g_assert_cmpuint (withheld, >, 100);
}

/* Counts agree with the same counts taken directly in SQL, as admin. */
static void
test_counts_match_sql (void)
{
  g_autoptr(SamSession) manager = unlock_demo ("manager");
  g_autoptr(SamSession) admin = unlock_demo ("admin");
  g_autoptr(SamStatsTable) table = run (manager, SAM_STATS_MEASURE_CASES, SAM_STATS_DIMENSION_GENDER,
                                        SAM_STATS_DIMENSION_STATUS, NULL, NULL);
  g_autoptr(SamStatsTable) concerns = run (manager, SAM_STATS_MEASURE_CONCERNS,
                                           SAM_STATS_DIMENSION_YEAR, -1, NULL, NULL);
  guint compared = 0;

  for (guint r = 0; r + 1 < table->rows->len; r++)
    {
      SamStatsRow *row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; table->column_codes[c][0] != '\0'; c++)
        {
          if (is_withheld (table, row->cells[c]))
            continue;
          g_assert_cmpint (cell_value (row->cells[c]), ==,
                           query_int (admin, "SELECT count (*) FROM cases c JOIN persons p ON p.id = c.person_id"
                                             " WHERE p.gender = ?1 AND c.status = ?2",
                                      row->code, table->column_codes[c]));
          compared++;
        }
    }
  g_assert_cmpuint (compared, >, 2);

  {
    SamStatsRow *total = g_ptr_array_index (table->rows, table->rows->len - 1);
    guint last = g_strv_length (table->columns) - 1;

    g_assert_null (total->code);
    g_assert_cmpint (cell_value (total->cells[last]), ==,
                     query_int (admin, "SELECT count (*) FROM cases", NULL, NULL));
  }

  for (guint r = 0; r + 1 < concerns->rows->len; r++)
    {
      SamStatsRow *row = g_ptr_array_index (concerns->rows, r);

      if (!is_withheld (concerns, row->cells[0]))
        g_assert_cmpint (cell_value (row->cells[0]), ==,
                         query_int (admin, "SELECT count (*) FROM concerns WHERE substr (observed_on, 1, 4) = ?1",
                                    row->code, NULL));
    }
}

static const char *
cell_for (SamStatsTable *table,
          const char    *row_code,
          guint          column)
{
  for (guint r = 0; r < table->rows->len; r++)
    {
      SamStatsRow *row = g_ptr_array_index (table->rows, r);

      if (g_strcmp0 (row->code, row_code) == 0)
        return row->cells[column];
    }

  return NULL;
}

/* Two summaries whose ranges differ at one end by a year or more never
 * both publish an entry whose difference is 1 to k − 1. */
static void
test_differencing (void)
{
  g_autoptr(SamSession) manager = unlock_demo ("manager");
  static const char *starts[] = { "2022-01-01", "2023-01-01", "2024-01-01", "2025-01-01", "2026-01-01",
                                  "2027-01-01" };
  static const SamStatsDimension dims[] = { SAM_STATS_DIMENSION_GENDER, SAM_STATS_DIMENSION_AREA,
                                            SAM_STATS_DIMENSION_STATUS, SAM_STATS_DIMENSION_AGE_BAND };
  guint pairs = 0;

  for (guint d = 0; d < G_N_ELEMENTS (dims); d++)
    for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
      for (guint j = i + 1; j < G_N_ELEMENTS (starts); j++)
        {
          /* Same end, starts differing; then same start, ends differing. */
          g_autoptr(SamStatsTable) wide = run (manager, SAM_STATS_MEASURE_CASES, dims[d], -1, starts[i], NULL);
          g_autoptr(SamStatsTable) narrow = run (manager, SAM_STATS_MEASURE_CASES, dims[d], -1, starts[j], NULL);
          g_autoptr(SamStatsTable) early = run (manager, SAM_STATS_MEASURE_CASES, dims[d], -1, NULL, starts[i]);
          g_autoptr(SamStatsTable) later = run (manager, SAM_STATS_MEASURE_CASES, dims[d], -1, NULL, starts[j]);
          SamStatsTable *pair[2][2] = { { wide, narrow }, { later, early } };

          for (guint p = 0; p < 2; p++)
            for (guint r = 0; r < pair[p][0]->rows->len; r++)
              {
                SamStatsRow *row = g_ptr_array_index (pair[p][0]->rows, r);
                const char *other = cell_for (pair[p][1], row->code, 0);
                gint64 diff;

                if (other == NULL || is_withheld (pair[p][0], row->cells[0]) ||
                    is_withheld (pair[p][1], other))
                  continue;
                diff = cell_value (row->cells[0]) - cell_value (other);
                g_assert_cmpint (diff, >=, 0);
                g_assert_false (diff >= 1 && diff < pair[p][0]->k);
                pairs++;
              }
        }

  g_test_message ("%u published pairs compared", pairs);
  g_assert_cmpuint (pairs, >, 100);
}

#define DAYS_SQL \
  "SELECT d FROM (SELECT (julianday ((SELECT min (substr (m.starts_at, 1, 10)) FROM meetings m" \
  " WHERE m.case_id = c.id AND m.status = 'held')) - julianday ((SELECT min (k.observed_on)" \
  " FROM concerns k WHERE k.case_id = c.id))) AS d FROM cases c) WHERE d >= 0"

/* The median the plain way: every value, sorted, in this process. */
static double
sql_median (SamSession *admin)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (double));

  sqlite3_prepare_v2 (_sam_database_get_handle (sam_session_get_database (admin)),
                      DAYS_SQL " ORDER BY d", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      double d = sqlite3_column_double (stmt, 0);

      g_array_append_val (days, d);
    }
  g_assert_cmpuint (days->len, >, 0);

  return (g_array_index (days, double, (days->len - 1) / 2) +
          g_array_index (days, double, days->len / 2)) / 2;
}

static void
test_rates (void)
{
  g_autoptr(SamSession) manager = unlock_demo ("manager");
  g_autoptr(SamSession) admin = unlock_demo ("admin");
  g_autoptr(SamStatsTable) consent = run (manager, SAM_STATS_MEASURE_CONSENT_RATE,
                                          SAM_STATS_DIMENSION_PREVENTION_LEVEL, -1, NULL, NULL);
  g_autoptr(SamStatsTable) days = run (manager, SAM_STATS_MEASURE_DAYS_TO_MEETING,
                                       SAM_STATS_DIMENSION_GENDER, -1, NULL, NULL);
  SamStatsRow *total = g_ptr_array_index (consent->rows, consent->rows->len - 1);
  gint64 n = query_int (admin, "SELECT count (*) FROM cases", NULL, NULL);
  gint64 yes = query_int (admin, "SELECT count (*) FROM cases c WHERE EXISTS"
                                 " (SELECT 1 FROM consents s WHERE s.case_id = c.id)", NULL, NULL);
  g_autofree char *rate = g_strdup_printf ("%d %%", (int) floor (100.0 * yes / n + 0.5));
  gint64 with_meeting;

  assert_table_safe (consent, FALSE);
  assert_table_safe (days, FALSE);
  g_assert_cmpint (cell_value (total->cells[0]), ==, n);
  g_assert_cmpstr (total->cells[1], ==, rate);

  /* The median of the demo's days, straight from SQL as admin. */
  with_meeting = query_int (admin, "SELECT count (*) FROM (" DAYS_SQL ")", NULL, NULL);
  total = g_ptr_array_index (days->rows, days->rows->len - 1);
  g_assert_cmpint (cell_value (total->cells[0]), ==, with_meeting);
  g_assert_cmpint (with_meeting, >, 10);
  g_assert_cmpfloat (g_ascii_strtod (total->cells[1], NULL), ==, sql_median (admin));
  for (guint r = 0; r < days->rows->len; r++)
    {
      SamStatsRow *row = g_ptr_array_index (days->rows, r);

      g_assert_cmpint (is_withheld (days, row->cells[0]), ==, is_withheld (days, row->cells[1]));
    }
}

static void
test_refused (void)
{
  static const char *others[] = { "school", "leisure", "police", "social", "coordinator", "admin" };
  SamStatsQuery query = { SAM_STATS_MEASURE_CASES, { SAM_STATS_DIMENSION_AREA }, 1, NULL, NULL };
  g_autoptr(SamSession) admin = unlock_demo ("admin");
  gint64 denied_before = query_int (admin, "SELECT count (*) FROM audit_log WHERE object_type = 'summary'"
                                           " AND outcome = 'denied'", NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SamSession) session = unlock_demo (others[i]);
      g_autoptr(SamStatsTable) table = sam_stats_run (session, &query, &error);

      g_assert_null (table);
      g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
    }

  g_assert_cmpint (query_int (admin, "SELECT count (*) FROM audit_log WHERE object_type = 'summary'"
                                     " AND outcome = 'denied'", NULL, NULL),
                   ==, denied_before + G_N_ELEMENTS (others));
}

#define ASSERT_DENIED(call) \
  G_STMT_START { \
    g_autoptr(GError) denied = NULL; \
    g_assert_null (call); \
    g_assert_error (denied, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED); \
  } G_STMT_END

/* The manager reaches aggregates only: every person-level store call
 * refuses. */
static void
test_manager_no_person_data (void)
{
  g_autoptr(SamSession) manager = unlock_demo ("manager");
  g_autoptr(SamSession) admin = unlock_demo ("admin");
  gint64 case_id = query_int (admin, "SELECT min (id) FROM cases", NULL, NULL);
  gint64 person_id = query_int (admin, "SELECT min (id) FROM persons", NULL, NULL);
  gint64 concern_id = query_int (admin, "SELECT min (id) FROM concerns", NULL, NULL);

  ASSERT_DENIED (sam_case_store_get (manager, case_id, &denied));
  ASSERT_DENIED (sam_person_store_get (manager, person_id, &denied));
  ASSERT_DENIED (sam_concern_store_get (manager, concern_id, &denied));
  ASSERT_DENIED (sam_concern_store_list_inbox (manager, 0, &denied));
  ASSERT_DENIED (sam_concern_store_list_for_case (manager, case_id, &denied));
  ASSERT_DENIED (sam_note_store_list (manager, case_id, &denied));
  ASSERT_DENIED (sam_plan_store_get (manager, case_id, &denied));
  ASSERT_DENIED (sam_meeting_store_list_for_case (manager, case_id, &denied));
  ASSERT_DENIED (sam_chronology_for_case (manager, case_id, &denied));
  ASSERT_DENIED (sam_search (manager, "a", 0, &denied));
}

static void
test_audit (void)
{
  g_autoptr(SamSession) manager = unlock_demo ("manager");
  g_autoptr(SamSession) admin = unlock_demo ("admin");
  const char *sql = "SELECT count (*) FROM audit_log WHERE object_type = 'summary' AND action = 'view'"
                    " AND outcome = 'ok' AND reason = ?1 AND user_id = (SELECT id FROM users WHERE name = 'manager')";
  gint64 before = query_int (admin, sql, "by:area,status;measure:cases", NULL);
  g_autoptr(SamStatsTable) table = run (manager, SAM_STATS_MEASURE_CASES, SAM_STATS_DIMENSION_AREA,
                                        SAM_STATS_DIMENSION_STATUS, NULL, NULL);

  g_assert_cmpint (query_int (admin, sql, "by:area,status;measure:cases", NULL), ==, before + 1);
  g_assert_true (sam_audit_verify (admin, NULL, NULL, NULL));
}

/* Exporting a summary is audited for the manager; other roles and free
 * text as the reason are refused, and nothing is recorded for them. */
static void
test_record_export (void)
{
  g_autoptr(SamSession) manager = unlock_demo ("manager");
  g_autoptr(SamSession) social = unlock_demo ("social");
  g_autoptr(SamSession) admin = unlock_demo ("admin");
  g_autoptr(GError) error = NULL;
  const char *sql = "SELECT count (*) FROM audit_log WHERE object_type = 'summary' AND action = 'export'"
                    " AND outcome = 'ok' AND reason = ?1";
  const char *reason = "by:area;measure:cases;format:csv";
  gint64 before = query_int (admin, sql, reason, NULL);

  g_assert_true (sam_stats_record_export (manager, reason, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (admin, sql, reason, NULL), ==, before + 1);

  g_assert_false (sam_stats_record_export (social, reason, &error));
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);

  g_assert_false (sam_stats_record_export (manager, "sent to Anna Svensson", &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  g_assert_cmpint (query_int (admin, sql, reason, NULL), ==, before + 1);
  g_assert_cmpint (query_int (admin, "SELECT count (*) FROM audit_log WHERE reason = ?1",
                              "sent to Anna Svensson", NULL), ==, 0);
  g_assert_true (sam_audit_verify (admin, NULL, NULL, NULL));
}

static void
test_bad_queries (void)
{
  g_autoptr(SamSession) manager = unlock_demo ("manager");
  const SamStatsQuery bad[] = {
    { SAM_STATS_MEASURE_CONSENT_RATE, { SAM_STATS_DIMENSION_AREA, SAM_STATS_DIMENSION_GENDER }, 2 },
    { SAM_STATS_MEASURE_CASES, { SAM_STATS_DIMENSION_AREA, SAM_STATS_DIMENSION_AREA }, 2 },
    { SAM_STATS_MEASURE_CASES, { SAM_STATS_DIMENSION_AREA }, 0 },
    { SAM_STATS_MEASURE_CASES, { SAM_STATS_DIMENSION_AREA }, 1, "2025-02-30" },
    { SAM_STATS_MEASURE_CASES, { SAM_STATS_DIMENSION_AREA }, 1, "2026-01-01", "2025-01-01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SamStatsTable) table = sam_stats_run (manager, &bad[i], &error);

      g_assert_null (table);
      g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
    }

  {
    g_autoptr(SamStatsTable) table = run (manager, SAM_STATS_MEASURE_CASES, SAM_STATS_DIMENSION_YEAR,
                                          -1, "2025-02-14", "2025-05-02");

    /* Widened to whole years. */
    g_assert_cmpstr (table->from, ==, "2025-01-01");
    g_assert_cmpstr (table->to, ==, "2025-12-31");
  }
}

/* Last, as it changes k for the shared database. */
static void
test_k (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) manager = unlock_demo ("manager");
  g_autoptr(SamSession) admin = unlock_demo ("admin");
  g_autoptr(SamStatsTable) table = NULL;

  g_assert_cmpuint (sam_stats_get_k (manager, &error), ==, SAM_STATS_DEFAULT_K);
  g_assert_no_error (error);

  for (guint k = 0; k < SAM_STATS_MIN_K; k++)
    {
      g_assert_false (sam_stats_set_k (admin, k, &error));
      g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_false (sam_stats_set_k (manager, 7, &error));
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpuint (sam_stats_get_k (manager, NULL), ==, SAM_STATS_DEFAULT_K);

  g_assert_true (sam_stats_set_k (admin, 8, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (admin, "SELECT count (*) FROM audit_log WHERE object_type = 'setting'"
                                     " AND reason = 'summary_k:8' AND outcome = 'ok'", NULL, NULL), ==, 1);

  table = run (manager, SAM_STATS_MEASURE_CASES, SAM_STATS_DIMENSION_AREA, SAM_STATS_DIMENSION_GENDER, NULL, NULL);
  g_assert_cmpuint (table->k, ==, 8);
  g_assert_cmpstr (table->withheld, ==, "<8");
  assert_table_safe (table, TRUE);

  g_assert_true (sam_stats_set_k (admin, SAM_STATS_DEFAULT_K, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (sam_security_init (NULL));

  demo_directory = g_dir_make_tmp ("samverka-stats-XXXXXX", NULL);
  demo_path = g_build_filename (demo_directory, "demo.db", NULL);
  g_assert_true (sam_demo_create_scaled (demo_path, SCALE, 11, &error));
  g_assert_no_error (error);

  g_test_add_func ("/stats/suppress/generated", test_generated);
  g_test_add_func ("/stats/suppress/known-table", test_known_table);
  g_test_add_func ("/stats/suppress/extension", test_extension);
  g_test_add_func ("/stats/demo/every-pair", test_every_pair);
  g_test_add_func ("/stats/demo/counts-match-sql", test_counts_match_sql);
  g_test_add_func ("/stats/demo/differencing", test_differencing);
  g_test_add_func ("/stats/demo/rates", test_rates);
  g_test_add_func ("/stats/demo/refused", test_refused);
  g_test_add_func ("/stats/demo/manager-no-person-data", test_manager_no_person_data);
  g_test_add_func ("/stats/demo/audit", test_audit);
  g_test_add_func ("/stats/demo/record-export", test_record_export);
  g_test_add_func ("/stats/demo/bad-queries", test_bad_queries);
  g_test_add_func ("/stats/demo/k", test_k);

  status = g_test_run ();

  sam_test_rm_rf (demo_directory);
  g_free (demo_directory);
  g_free (demo_path);
  return status;
}
