/* test-summaries-page.c: the manager's summaries page on a demo database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "sam-bar-chart.h"
#include "sam-database-private.h"
#include "sam-summaries-page.h"
#include "sam-ui-test-util.h"
#include "sam-workspace-page.h"
#include "sam-workspace.h"

#define DEMO_PERSONS 120
#define DEMO_SEED    11

static GtkWidget *
child (GtkWidget  *page,
       const char *name)
{
  return sam_test_child (page, SAM_TYPE_SUMMARIES_PAGE, name);
}

static SamBarChart *
chart_of (GtkWidget *page)
{
  return SAM_BAR_CHART (child (page, "chart"));
}

static const char *
grid_text (GtkGrid *grid,
           int      column,
           int      row)
{
  GtkWidget *label = gtk_grid_get_child_at (grid, column, row);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

/* The grid shows the heading, the columns and every cell exactly as the
 * core gave them, and nothing more; the chart has a bar per row but the
 * total. */
static void
assert_page_shows (GtkWidget           *page,
                   const SamStatsTable *table)
{
  GtkGrid *grid = GTK_GRID (child (page, "table_grid"));
  guint n_columns = g_strv_length (table->columns);
  g_autofree char *first = NULL;

  g_assert_cmpstr (grid_text (grid, 0, 0), ==, table->row_heading);
  for (guint c = 0; c < n_columns; c++)
    g_assert_cmpstr (grid_text (grid, c + 1, 0), ==, table->columns[c]);
  for (guint r = 0; r < table->rows->len; r++)
    {
      SamStatsRow *row = g_ptr_array_index (table->rows, r);

      g_assert_cmpstr (grid_text (grid, 0, r + 1), ==, row->label);
      for (guint c = 0; c < n_columns; c++)
        g_assert_cmpstr (grid_text (grid, c + 1, r + 1), ==, row->cells[c]);
      g_assert_null (gtk_grid_get_child_at (grid, n_columns + 1, r + 1));
    }
  g_assert_null (gtk_grid_get_child_at (grid, 0, table->rows->len + 1));

  g_assert_cmpuint (sam_bar_chart_get_n_bars (chart_of (page)), ==, table->rows->len - 1);
  first = g_strdup_printf ("%s: %s", ((SamStatsRow *) g_ptr_array_index (table->rows, 0))->label,
                           ((SamStatsRow *) g_ptr_array_index (table->rows, 0))->cells[n_columns - 1]);
  g_assert_true (g_str_has_prefix (sam_bar_chart_get_summary (chart_of (page)), first));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (child (page, "legend_label"))),
                                   table->withheld));
}

static void
select_row (GtkWidget  *page,
            const char *name,
            guint       position)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (page, name)), position);
  sam_test_iterate ();
}

static void
append_csv_field (GString    *csv,
                  const char *field)
{
  if (strpbrk (field, ",\"\r\n") == NULL)
    g_string_append (csv, field);
  else
    {
      g_auto(GStrv) parts = g_strsplit (field, "\"", -1);
      g_autofree char *doubled = g_strjoinv ("\"\"", parts);

      g_string_append_printf (csv, "\"%s\"", doubled);
    }
}

/* What the CSV should hold, read back from the grid the page shows. */
static char *
grid_as_csv (GtkWidget *page)
{
  GtkGrid *grid = GTK_GRID (child (page, "table_grid"));
  GString *csv = g_string_new (NULL);

  for (int r = 0; gtk_grid_get_child_at (grid, 0, r) != NULL; r++)
    {
      for (int c = 0; gtk_grid_get_child_at (grid, c, r) != NULL; c++)
        {
          if (c > 0)
            g_string_append_c (csv, ',');
          append_csv_field (csv, grid_text (grid, c, r));
        }
      g_string_append (csv, "\r\n");
    }

  return g_string_free (csv, FALSE);
}

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

static void
check_export (GtkWidget  *page,
              SamSession *manager,
              const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "summary.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = grid_as_csv (page);
  const char *reason = "by:area;measure:cases;format:csv";
  gint64 before = count_exports (manager, reason);
  GStatBuf info;
  /* A common umask, that would leave a file readable by all unless the
   * page asks for 0600; and a file already there, readable by all. */
  mode_t old_umask = umask (022);

  g_assert_true (g_file_set_contents_full (path, "old", -1, G_FILE_SET_CONTENTS_NONE, 0644, &error));
  g_assert_true (sam_summaries_page_export_csv (SAM_SUMMARIES_PAGE (page), path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, expected);
  g_assert_true (g_str_has_prefix (contents, sam_stats_dimension_get_label (SAM_STATS_DIMENSION_AREA)));
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  umask (old_umask);
  g_assert_cmpint (count_exports (manager, reason), ==, before + 1);
  g_unlink (path);
}

/* What the core refuses is shown in its words, and no old table stays. */
static void
check_refusals (GtkWidget *page)
{
  GtkWidget *error_label = child (page, "error_label");

  select_row (page, "measure_row", SAM_STATS_MEASURE_CONSENT_RATE);
  select_row (page, "second_row", 1 + SAM_STATS_DIMENSION_GENDER);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_null (sam_summaries_page_get_table (SAM_SUMMARIES_PAGE (page)));
  g_assert_cmpuint (sam_bar_chart_get_n_bars (chart_of (page)), ==, 0);
  g_assert_null (gtk_widget_get_first_child (child (page, "table_grid")));

  select_row (page, "second_row", 0);
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_nonnull (sam_summaries_page_get_table (SAM_SUMMARIES_PAGE (page)));

  gtk_editable_set_text (GTK_EDITABLE (child (page, "from_row")), "2025-02-30");
  g_signal_emit_by_name (child (page, "from_row"), "apply");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (error_label)), "From"));
  g_assert_null (sam_summaries_page_get_table (SAM_SUMMARIES_PAGE (page)));

  gtk_editable_set_text (GTK_EDITABLE (child (page, "from_row")), "");
  g_signal_emit_by_name (child (page, "from_row"), "apply");
  select_row (page, "measure_row", SAM_STATS_MEASURE_CASES);
  g_assert_false (gtk_widget_get_visible (error_label));
}

static void
test_summaries_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamTestDatabase) db = g_new0 (SamTestDatabase, 1);
  g_autofree char *passphrase = g_strconcat ("manager", SAM_DEMO_PASSPHRASE_SUFFIX, NULL);
  g_autoptr(SamSecret) secret = sam_secret_new_from_string (passphrase);
  g_autoptr(SamSession) manager = NULL;
  GtkWidget *page = sam_summaries_page_new ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  const SamStatsTable *table;
  guint by_year;

  db->dir = g_dir_make_tmp ("samverka-summaries-XXXXXX", &error);
  db->path = g_build_filename (db->dir, "demo.db", NULL);
  g_assert_true (sam_demo_create_scaled (db->path, DEMO_PERSONS, DEMO_SEED, &error));
  g_assert_no_error (error);
  manager = sam_session_unlock (db->path, "manager", secret, &error);
  g_assert_no_error (error);

  g_object_ref (window);
  gtk_window_set_default_size (window, 1000, 760);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  sam_test_wait_until (gtk_widget_get_mapped (page), 10);

  /* Before a session, nothing; then cases by year. */
  g_assert_null (sam_summaries_page_get_table (SAM_SUMMARIES_PAGE (page)));
  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (page), manager);
  table = sam_summaries_page_get_table (SAM_SUMMARIES_PAGE (page));
  g_assert_nonnull (table);
  g_assert_cmpstr (table->dimensions[0], ==, "year");
  assert_page_shows (page, table);
  by_year = sam_bar_chart_get_n_bars (chart_of (page));

  /* By area: another table, another number of bars. */
  select_row (page, "first_row", SAM_STATS_DIMENSION_AREA);
  table = sam_summaries_page_get_table (SAM_SUMMARIES_PAGE (page));
  g_assert_cmpstr (table->dimensions[0], ==, "area");
  g_assert_cmpstr (table->row_heading, ==, sam_stats_dimension_get_label (SAM_STATS_DIMENSION_AREA));
  assert_page_shows (page, table);
  g_assert_cmpuint (sam_bar_chart_get_n_bars (chart_of (page)), !=, by_year);

  /* Two dimensions: the chart shows the row totals. */
  select_row (page, "second_row", 1 + SAM_STATS_DIMENSION_GENDER);
  table = sam_summaries_page_get_table (SAM_SUMMARIES_PAGE (page));
  g_assert_cmpuint (g_strv_length (table->dimensions), ==, 2);
  g_assert_cmpuint (g_strv_length (table->columns), >, 1);
  assert_page_shows (page, table);
  select_row (page, "second_row", 0);

  check_refusals (page);
  check_export (page, manager, db->dir);

  /* Locked: nothing of the summary stays. */
  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (page), NULL);
  g_assert_null (sam_summaries_page_get_table (SAM_SUMMARIES_PAGE (page)));
  g_assert_cmpuint (sam_bar_chart_get_n_bars (chart_of (page)), ==, 0);
  g_assert_cmpstr (sam_bar_chart_get_summary (chart_of (page)), ==, "");
  g_assert_null (gtk_widget_get_first_child (child (page, "table_grid")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (page, "legend_label"))), ==, "");
  g_assert_false (sam_summaries_page_export_csv (SAM_SUMMARIES_PAGE (page), "/nonexistent/x.csv", &error));
  g_clear_error (&error);

  gtk_window_destroy (window);
  g_assert_finalize_object (window);
}

/* The section is the manager's alone; a worker's workspace has none. */
static void
test_only_for_manager (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamTestDatabase) db = g_new0 (SamTestDatabase, 1);
  const char *roles[] = { "manager", "social", "admin" };

  db->dir = g_dir_make_tmp ("samverka-summaries-XXXXXX", &error);
  db->path = g_build_filename (db->dir, "demo.db", NULL);
  g_assert_true (sam_demo_create_scaled (db->path, 12, DEMO_SEED, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autofree char *passphrase = g_strconcat (roles[i], SAM_DEMO_PASSPHRASE_SUFFIX, NULL);
      g_autoptr(SamSecret) secret = sam_secret_new_from_string (passphrase);
      g_autoptr(SamSession) session = sam_session_unlock (db->path, roles[i], secret, &error);
      SamWorkspace *workspace = SAM_WORKSPACE (sam_workspace_new ());
      GtkWindow *window = GTK_WINDOW (gtk_window_new ());
      gboolean is_manager = g_str_equal (roles[i], "manager");
      g_auto(GStrv) ids = NULL;

      g_assert_no_error (error);
      g_object_ref (window);
      gtk_window_set_child (window, GTK_WIDGET (workspace));
      gtk_window_present (window);
      sam_workspace_add_page_type (workspace, SAM_WORKSPACE_SECTION_SUMMARIES, SAM_TYPE_SUMMARIES_PAGE);
      sam_workspace_set_session (workspace, session);
      ids = sam_workspace_dup_section_ids (workspace);
      g_assert_cmpint (g_strv_contains ((const char * const *) ids, SAM_WORKSPACE_SECTION_SUMMARIES), ==,
                       is_manager);
      if (is_manager)
        {
          GtkWidget *page = sam_workspace_get_page (workspace, SAM_WORKSPACE_SECTION_SUMMARIES);

          g_assert_true (SAM_IS_SUMMARIES_PAGE (page));
          g_assert_nonnull (sam_summaries_page_get_table (SAM_SUMMARIES_PAGE (page)));
        }
      sam_workspace_set_session (workspace, NULL);
      gtk_window_destroy (window);
      g_assert_finalize_object (window);
    }
}

int
main (int   argc,
      char *argv[])
{
  sam_test_init (&argc, &argv);

  g_test_add_func ("/summaries-page/manager", test_summaries_page);
  g_test_add_func ("/summaries-page/only-for-manager", test_only_for_manager);

  return g_test_run ();
}
