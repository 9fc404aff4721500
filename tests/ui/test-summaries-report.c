/* test-summaries-report.c: the Summaries page's line chart, PDF report and
 * programme summary, as a manager on a demo database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "sam-bar-chart.h"
#include "sam-database-private.h"
#include "sam-line-chart.h"
#include "sam-summaries-page.h"
#include "sam-ui-test-util.h"
#include "sam-workspace-page.h"

#define DEMO_PERSONS 120
#define DEMO_SEED    11
#define FROM         "2024-01-01"
#define TO           "2025-12-31"

typedef struct
{
  SamTestDatabase *db;
  SamSession      *manager;
  GtkWindow       *window;
  GtkWidget       *page;
} Fixture;

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  return sam_test_child (fixture->page, SAM_TYPE_SUMMARIES_PAGE, name);
}

static const SamStatsTable *
shown_table (Fixture *fixture)
{
  const SamStatsTable *table = sam_summaries_page_get_table (SAM_SUMMARIES_PAGE (fixture->page));

  g_assert_nonnull (table);
  return table;
}

static void
select_row (Fixture    *fixture,
            const char *name,
            guint       position)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (fixture, name)), position);
  sam_test_iterate ();
}

static void
apply_date (Fixture    *fixture,
            const char *name,
            const char *date)
{
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, name)), date);
  g_signal_emit_by_name (child (fixture, name), "apply");
  sam_test_iterate ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *passphrase = g_strconcat ("manager", SAM_DEMO_PASSPHRASE_SUFFIX, NULL);
  g_autoptr(SamSecret) secret = sam_secret_new_from_string (passphrase);

  fixture->db = g_new0 (SamTestDatabase, 1);
  fixture->db->dir = g_dir_make_tmp ("samverka-report-XXXXXX", &error);
  fixture->db->path = g_build_filename (fixture->db->dir, "demo.db", NULL);
  g_assert_true (sam_demo_create_scaled (fixture->db->path, DEMO_PERSONS, DEMO_SEED, &error));
  g_assert_no_error (error);
  fixture->manager = sam_session_unlock (fixture->db->path, "manager", secret, &error);
  g_assert_no_error (error);

  fixture->page = sam_summaries_page_new ();
  fixture->window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (fixture->window);
  gtk_window_set_default_size (fixture->window, 1000, 760);
  gtk_window_set_child (fixture->window, fixture->page);
  gtk_window_present (fixture->window);
  sam_test_wait_until (gtk_widget_get_mapped (fixture->page), 10);
  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (fixture->page), fixture->manager);
  sam_test_iterate ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (fixture->page), NULL);
  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->window);
  g_clear_object (&fixture->manager);
  sam_test_database_free (fixture->db);
}

/* The line chart ------------------------------------------------------------- */

/* The series a chart of @table should draw: every column but a two-way
 * table's total. */
static guint
expected_series (const SamStatsTable *table)
{
  guint n_columns = g_strv_length (table->columns);

  return n_columns == 1 ? 1 : MIN (n_columns - 1, SAM_LINE_CHART_MAX_SERIES);
}

static void
assert_line_chart_shown (Fixture *fixture)
{
  const SamStatsTable *table = shown_table (fixture);
  SamLineChart *chart = SAM_LINE_CHART (child (fixture, "line_chart"));
  const char *summary = sam_line_chart_get_summary (chart);

  g_assert_true (gtk_stack_get_visible_child (GTK_STACK (child (fixture, "chart_stack"))) == GTK_WIDGET (chart));
  sam_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (chart)), 10);
  g_assert_false (gtk_widget_get_mapped (child (fixture, "chart")));
  g_assert_cmpuint (sam_line_chart_get_n_series (chart), ==, expected_series (table));
  g_assert_cmpuint (sam_line_chart_get_n_points (chart), ==, table->rows->len - 1);
  sam_test_wait_until (gtk_widget_get_height (GTK_WIDGET (chart)) > 200, 10);

  /* The description names each line and every one of its values as the
   * table has it, withheld ones as the mark. */
  for (guint c = 0; c < expected_series (table); c++)
    {
      g_autofree char *name = g_strdup_printf ("%s — ", table->columns[c]);

      g_assert_nonnull (strstr (summary, name));
      for (guint r = 0; r + 1 < table->rows->len; r++)
        {
          SamStatsRow *row = g_ptr_array_index (table->rows, r);
          g_autofree char *point = g_strdup_printf ("%s: %s", row->label, row->cells[c]);

          g_assert_nonnull (strstr (summary, point));
        }
    }
}

static gboolean
has_withheld_cell (const SamStatsTable *table)
{
  for (guint r = 0; r < table->rows->len; r++)
    {
      SamStatsRow *row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; row->cells[c] != NULL; c++)
        if (g_str_equal (row->cells[c], table->withheld))
          return TRUE;
    }
  return FALSE;
}

static void
test_line_chart (Fixture       *fixture,
                 gconstpointer  data)
{
  /* The page opens on cases by year: one line. */
  g_assert_cmpstr (shown_table (fixture)->dimensions[0], ==, "year");
  assert_line_chart_shown (fixture);
  g_assert_cmpuint (sam_line_chart_get_n_series (SAM_LINE_CHART (child (fixture, "line_chart"))), ==, 1);

  /* By year and gender: a line per gender, some entries withheld. */
  select_row (fixture, "second_row", 1 + SAM_STATS_DIMENSION_GENDER);
  assert_line_chart_shown (fixture);
  g_assert_cmpuint (sam_line_chart_get_n_series (SAM_LINE_CHART (child (fixture, "line_chart"))), >, 1);
  g_assert_true (has_withheld_cell (shown_table (fixture)));

  /* By quarter, too, over time. */
  select_row (fixture, "second_row", 0);
  select_row (fixture, "first_row", SAM_STATS_DIMENSION_QUARTER);
  assert_line_chart_shown (fixture);

  /* By area, not over time: bars. */
  select_row (fixture, "first_row", SAM_STATS_DIMENSION_AREA);
  g_assert_true (gtk_stack_get_visible_child (GTK_STACK (child (fixture, "chart_stack"))) == child (fixture, "chart"));
  g_assert_cmpuint (sam_bar_chart_get_n_bars (SAM_BAR_CHART (child (fixture, "chart"))), ==,
                    shown_table (fixture)->rows->len - 1);
}

/* The programme summary ------------------------------------------------------ */

static const char *
grid_text (GtkWidget *grid,
           int        column,
           int        row)
{
  GtkWidget *label = gtk_grid_get_child_at (GTK_GRID (grid), column, row);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static void
assert_grid_shows (GtkWidget           *grid,
                   const SamStatsTable *table)
{
  g_assert_cmpstr (grid_text (grid, 0, 0), ==, table->row_heading);
  for (guint r = 0; r < table->rows->len; r++)
    {
      SamStatsRow *row = g_ptr_array_index (table->rows, r);

      g_assert_cmpstr (grid_text (grid, 0, r + 1), ==, row->label);
      for (guint c = 0; row->cells[c] != NULL; c++)
        g_assert_cmpstr (grid_text (grid, c + 1, r + 1), ==, row->cells[c]);
    }
  g_assert_null (gtk_grid_get_child_at (GTK_GRID (grid), 0, table->rows->len + 1));
}

static const SamStatsTable *
programme (Fixture           *fixture,
           SamStatsDimension  dimension)
{
  return sam_summaries_page_get_programme (SAM_SUMMARIES_PAGE (fixture->page), dimension);
}

static void
test_programme (Fixture       *fixture,
                gconstpointer  data)
{
  const SamStatsTable *by_area;
  const SamStatsTable *by_level;

  g_assert_false (gtk_widget_get_visible (child (fixture, "programme_box")));
  g_assert_null (programme (fixture, SAM_STATS_DIMENSION_TARGET_AREA));

  gtk_widget_activate_action (fixture->page, "summaries.programme", NULL);
  sam_test_iterate ();
  by_area = programme (fixture, SAM_STATS_DIMENSION_TARGET_AREA);
  by_level = programme (fixture, SAM_STATS_DIMENSION_PREVENTION_LEVEL);
  g_assert_nonnull (by_area);
  g_assert_nonnull (by_level);
  g_assert_true (gtk_widget_get_visible (child (fixture, "programme_box")));
  g_assert_true (gtk_widget_get_mapped (child (fixture, "target_area_grid")));
  g_assert_true (gtk_widget_get_mapped (child (fixture, "prevention_level_grid")));

  /* Cases, through the core, so with its suppression and its labels. */
  g_assert_cmpint (by_area->measure, ==, SAM_STATS_MEASURE_CASES);
  g_assert_cmpstr (by_area->dimensions[0], ==, "target-area");
  g_assert_cmpstr (by_level->dimensions[0], ==, "prevention-level");
  g_assert_cmpstr (by_area->row_heading, ==, sam_stats_dimension_get_label (SAM_STATS_DIMENSION_TARGET_AREA));
  g_assert_cmpuint (by_area->rows->len, >, 2);
  g_assert_cmpuint (by_level->rows->len, >, 2);
  assert_grid_shows (child (fixture, "target_area_grid"), by_area);
  assert_grid_shows (child (fixture, "prevention_level_grid"), by_level);

  /* A new range runs it again for that range. */
  apply_date (fixture, "from_row", FROM);
  by_area = programme (fixture, SAM_STATS_DIMENSION_TARGET_AREA);
  g_assert_nonnull (by_area);
  g_assert_cmpstr (by_area->from, ==, FROM);
  assert_grid_shows (child (fixture, "target_area_grid"), by_area);

  /* A question the core refuses takes the programme summary away too. */
  apply_date (fixture, "from_row", "2025-02-30");
  g_assert_null (programme (fixture, SAM_STATS_DIMENSION_TARGET_AREA));
  g_assert_false (gtk_widget_get_visible (child (fixture, "programme_box")));
  g_assert_null (gtk_widget_get_first_child (child (fixture, "target_area_grid")));
}

/* The PDF report ------------------------------------------------------------- */

static gint64
count_exports (SamSession *session,
               const char *reason)
{
  sqlite3 *handle = _sam_database_get_handle (sam_session_get_database (session));
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT count (*) FROM audit_log WHERE action = 'export'"
                                       " AND object_type = 'summary' AND outcome = 'ok' AND reason = ?1"
                                       " AND user_id = (SELECT id FROM users WHERE name = 'manager')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, reason, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return text;
}

/* Whether some line of @text reads exactly @label and then @cells, in
 * columns, as the report prints a row of a table. */
static gboolean
has_row (const char  *text,
         const char  *label,
         GStrv        cells)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *joined = g_strjoinv (" ", cells);
  g_autofree char *wanted = g_strdup_printf ("%s %s", label, joined);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) kept = NULL;
      g_autofree char *line = NULL;

      for (guint w = 0; words[w] != NULL; w++)
        if (words[w][0] != '\0')
          g_strv_builder_add (builder, words[w]);
      kept = g_strv_builder_end (builder);
      line = g_strjoinv (" ", kept);
      if (g_str_equal (line, wanted))
        return TRUE;
    }
  return FALSE;
}

static void
assert_report_holds_table (const char          *text,
                           const SamStatsTable *table)
{
  for (guint r = 0; r < table->rows->len; r++)
    {
      SamStatsRow *row = g_ptr_array_index (table->rows, r);

      if (!has_row (text, row->label, row->cells))
        g_error ("the report has no row “%s” with the core's entries", row->label);
    }
}

static void
test_report (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->db->dir, "samverka-summary-2025.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *period = g_strdup_printf ("From %s to %s", FROM, TO);
  const char *reason = "by:year,gender;measure:cases;format:pdf;programme:target-area,prevention-level";
  const SamStatsTable *table;
  gint64 before = count_exports (fixture->manager, reason);
  GStatBuf info;
  mode_t old_umask;

  select_row (fixture, "second_row", 1 + SAM_STATS_DIMENSION_GENDER);
  apply_date (fixture, "from_row", FROM);
  apply_date (fixture, "to_row", TO);
  table = shown_table (fixture);
  g_assert_cmpstr (table->from, ==, FROM);
  g_assert_true (has_withheld_cell (table));

  /* A common umask and a file already there, readable by all: the report
   * must still be the owner's alone. */
  old_umask = umask (022);
  g_assert_true (g_file_set_contents_full (path, "old", -1, G_FILE_SET_CONTENTS_NONE, 0644, &error));
  g_assert_true (sam_summaries_page_export_report (SAM_SUMMARIES_PAGE (fixture->page), path, &error));
  g_assert_no_error (error);
  umask (old_umask);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  g_assert_cmpint (count_exports (fixture->manager, reason), ==, before + 1);

  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "Situation Report"));
  g_assert_nonnull (strstr (text, "Programme Summary"));
  g_assert_nonnull (strstr (text, period));
  g_assert_nonnull (strstr (text, sam_stats_measure_get_label (SAM_STATS_MEASURE_CASES)));
  g_assert_nonnull (strstr (text, sam_stats_dimension_get_label (SAM_STATS_DIMENSION_GENDER)));
  g_assert_nonnull (strstr (text, "withheld, because it is below 5"));

  /* Every row as the core gave it: each published number in its place,
   * each withheld one as the mark and not as any number. */
  assert_report_holds_table (text, table);
  assert_report_holds_table (text, programme (fixture, SAM_STATS_DIMENSION_TARGET_AREA));
  assert_report_holds_table (text, programme (fixture, SAM_STATS_DIMENSION_PREVENTION_LEVEL));
  g_assert_nonnull (strstr (text, programme (fixture, SAM_STATS_DIMENSION_TARGET_AREA)->row_heading));
  g_assert_nonnull (strstr (text, programme (fixture, SAM_STATS_DIMENSION_PREVENTION_LEVEL)->row_heading));

  /* Locked: no report, and the file is left as it was. */
  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (fixture->page), NULL);
  g_unlink (path);
  g_assert_false (sam_summaries_page_export_report (SAM_SUMMARIES_PAGE (fixture->page), path, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A withheld entry is a gap, never a point at zero ----------------------------- */

static void
row_free (gpointer data)
{
  SamStatsRow *row = data;

  g_free (row->code);
  g_free (row->label);
  g_strfreev (row->cells);
  g_free (row);
}

static GStrv
strv_of_one (const char *text)
{
  GStrv strv = g_new0 (char *, 2);

  strv[0] = g_strdup (text);
  return strv;
}

/* Cases by year, 2023 to 2025, the middle year's entry @middle. */
static SamStatsTable *
table_with_middle (const char *middle)
{
  SamStatsTable *table = g_new0 (SamStatsTable, 1);
  const char *labels[] = { "2023", "2024", "2025", "Total" };
  const char *cells[] = { "10", middle, "10", "25" };

  table->measure = SAM_STATS_MEASURE_CASES;
  table->k = 5;
  table->withheld = g_strdup ("<5");
  table->dimensions = strv_of_one ("year");
  table->row_heading = g_strdup ("Year");
  table->column_codes = strv_of_one ("");
  table->columns = strv_of_one ("Cases");
  table->rows = g_ptr_array_new_with_free_func (row_free);
  for (guint r = 0; r < G_N_ELEMENTS (labels); r++)
    {
      SamStatsRow *row = g_new0 (SamStatsRow, 1);

      row->code = r + 1 < G_N_ELEMENTS (labels) ? g_strdup (labels[r]) : NULL;
      row->label = g_strdup (labels[r]);
      row->cells = strv_of_one (cells[r]);
      g_ptr_array_add (table->rows, row);
    }
  return table;
}

/* Whether the first line's blue shows anywhere in the column of pixels
 * around @x. */
static gboolean
column_has_line (cairo_surface_t *surface,
                 int              x)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  cairo_surface_flush (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int dx = -3; dx <= 3; dx++)
      {
        guint32 pixel = *(guint32 *) (data + y * stride + (x + dx) * 4);
        guint red = (pixel >> 16) & 0xff, blue = pixel & 0xff;

        if (blue > 0xc0 && red < 0x60)
          return TRUE;
      }
  return FALSE;
}

static gboolean
middle_is_drawn (const char *middle)
{
  static const GdkRGBA black = { 0, 0, 0, 1 };
  g_autoptr(SamStatsTable) table = table_with_middle (middle);
  SamLineChart *chart = g_object_ref_sink (sam_line_chart_new ());
  double height;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoLayout *layout;
  gboolean drawn;

  sam_line_chart_set_table (chart, table);
  g_assert_cmpuint (sam_line_chart_get_n_series (chart), ==, 1);
  height = sam_line_chart_get_height_for_width (chart, 600);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, (int) height);
  cr = cairo_create (surface);
  layout = pango_cairo_create_layout (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  sam_line_chart_draw (chart, cr, layout, &black, 600, height);
  /* The middle of three points is in the middle of the plot, which runs
   * from the value labels (56) to the right margin (16). */
  drawn = column_has_line (surface, 56 + (600 - 56 - 16) / 2);

  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_object_unref (chart);
  return drawn;
}

static void
test_withheld_gap (void)
{
  g_autoptr(SamStatsTable) table = table_with_middle ("<5");
  SamLineChart *chart = g_object_ref_sink (sam_line_chart_new ());

  /* A published 0, or any number, is drawn there; the mark is not. */
  g_assert_true (middle_is_drawn ("0"));
  g_assert_true (middle_is_drawn ("10"));
  g_assert_false (middle_is_drawn ("<5"));
  g_assert_false (middle_is_drawn ("–"));

  sam_line_chart_set_table (chart, table);
  g_assert_cmpstr (sam_line_chart_get_summary (chart), ==, "Cases — 2023: 10, 2024: <5, 2025: 10");
  g_object_unref (chart);
}

int
main (int   argc,
      char *argv[])
{
  sam_test_init (&argc, &argv);

  g_test_add_func ("/summaries-report/withheld-gap", test_withheld_gap);
  g_test_add ("/summaries-report/line-chart", Fixture, NULL, fixture_set_up, test_line_chart, fixture_tear_down);
  g_test_add ("/summaries-report/programme", Fixture, NULL, fixture_set_up, test_programme, fixture_tear_down);
  g_test_add ("/summaries-report/report", Fixture, NULL, fixture_set_up, test_report, fixture_tear_down);

  return g_test_run ();
}
