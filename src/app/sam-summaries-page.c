/* sam-summaries-page.c: the manager's anonymised summaries (DESIGN §6)
 *
 * The page asks sam_stats_run() for a table and shows it as the core gives
 * it: a bar chart of the rows and, underneath, the table itself, every
 * entry the same string the core returned, the withheld ones as "<k". It
 * never computes a number of its own from the table, so it cannot undo
 * the core's suppression; the chart draws a withheld entry as a hatched
 * outline that reaches to k, not a bar of any particular height.
 *
 * The table is run again whenever a control changes: the measure and
 * dimensions at once, the dates when their entry is applied. What the
 * core refuses (a bad date, a rate by two dimensions, the same dimension
 * twice) is shown in its own words above the chart, and the old table is
 * cleared so that it is never read as the answer to the new question.
 *
 * When the rows are periods (years, quarters, months), the table is charted as
 * lines over time instead of bars; withheld entries are gaps in the lines.
 *
 * The programme summary runs the cases measure by target area and by
 * prevention level through the same core call, so the same suppression
 * applies, for the municipality's report on the programme.
 *
 * Exporting writes the same table as CSV, or an A4 PDF report with the
 * chart, the table and the programme summary, into a file readable by its
 * owner only, after sam_stats_record_export() has audited it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-summaries-page"

#include "config.h"

#include "sam-summaries-page.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sam-bar-chart.h"
#include "sam-line-chart.h"
#include "sam-summary-report.h"
#include "sam-workspace-page.h"

struct _SamSummariesPage
{
  AdwBin            parent_instance;

  SamSession       *session;
  SamStatsTable    *table;
  SamStatsTable    *by_target_area;
  SamStatsTable    *by_prevention_level;

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkScrolledWindow *scrolled_window;
  AdwComboRow      *measure_row;
  AdwComboRow      *first_row;
  AdwComboRow      *second_row;
  AdwEntryRow      *from_row;
  AdwEntryRow      *to_row;
  GtkLabel         *error_label;
  GtkLabel         *range_label;
  GtkStack         *chart_stack;
  SamBarChart      *chart;
  SamLineChart     *line_chart;
  GtkGrid          *table_grid;
  GtkLabel         *legend_label;
  GtkWidget        *programme_box;
  GtkLabel         *programme_range_label;
  GtkGrid          *target_area_grid;
  GtkGrid          *prevention_level_grid;
};

static void sam_summaries_page_workspace_page_init (SamWorkspacePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SamSummariesPage, sam_summaries_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (SAM_TYPE_WORKSPACE_PAGE,
                                                      sam_summaries_page_workspace_page_init))

/* Showing a table ------------------------------------------------------------ */

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
attach_cell (GtkGrid    *grid,
             const char *text,
             int         column,
             int         row,
             gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  /* Labels left, numbers right, as in a printed table. */
  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0.0 : 1.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (column == 0)
    {
      /* A long value, such as a target area, wraps instead of widening
       * the page. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
    }
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  if (column > 0)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

static void
fill_grid (GtkGrid             *grid,
           const SamStatsTable *table)
{
  attach_cell (grid, table->row_heading, 0, 0, TRUE);
  for (guint c = 0; table->columns[c] != NULL; c++)
    attach_cell (grid, table->columns[c], c + 1, 0, TRUE);

  for (guint r = 0; r < table->rows->len; r++)
    {
      SamStatsRow *row = g_ptr_array_index (table->rows, r);
      gboolean total = r + 1 == table->rows->len;

      attach_cell (grid, row->label, 0, r + 1, total);
      for (guint c = 0; row->cells[c] != NULL; c++)
        attach_cell (grid, row->cells[c], c + 1, r + 1, total);
    }
}

/* Whether rows of this dimension follow one another in time, so that the
 * table reads as lines over time. */
static gboolean
is_period_dimension (const SamStatsTable *table)
{
  SamStatsDimension dimension;

  if (table == NULL || table->dimensions[0] == NULL ||
      !sam_stats_dimension_from_string (table->dimensions[0], &dimension))
    return FALSE;
  return sam_stats_dimension_is_period (dimension);
}

static char *
range_text (const SamStatsTable *table)
{
  if (table->from == NULL && table->to == NULL)
    return g_strdup (_("All years"));
  /* Translators: the range a summary counts, after widening to whole years */
  return g_strdup_printf (_("From %s to %s"), table->from != NULL ? table->from : "…",
                          table->to != NULL ? table->to : "…");
}

static void
show_range (SamSummariesPage *self)
{
  g_autofree char *text = range_text (self->table);

  gtk_label_set_text (self->range_label, text);
}

static void
show_legend (SamSummariesPage *self)
{
  g_autofree char *k = g_strdup_printf ("%u", self->table->k);
  /* Translators: the legend under a summary; the first %s is the mark,
   * such as "<5", the others are k, such as 5 */
  g_autofree char *text = g_strdup_printf (_("%s: withheld, because it is below %s or could reveal a number below %s."),
                                           self->table->withheld, k, k);

  gtk_label_set_text (self->legend_label, text);
}

static void
show_table (SamSummariesPage *self,
            SamStatsTable    *table)
{
  g_clear_pointer (&self->table, sam_stats_table_free);
  self->table = table;
  clear_grid (self->table_grid);
  sam_bar_chart_set_table (self->chart, table);
  sam_line_chart_set_table (self->line_chart, table);
  gtk_stack_set_visible_child (self->chart_stack, is_period_dimension (table) ? GTK_WIDGET (self->line_chart)
                                                                             : GTK_WIDGET (self->chart));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "summaries.export-csv", table != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "summaries.export-report", table != NULL);
  if (table == NULL)
    {
      gtk_label_set_text (self->range_label, "");
      gtk_label_set_text (self->legend_label, "");
      return;
    }

  fill_grid (self->table_grid, table);
  show_range (self);
  show_legend (self);
}

static void
show_error (SamSummariesPage *self,
            const GError     *error)
{
  gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

/* Reading the controls ------------------------------------------------------- */

/* An empty entry means "no bound"; anything else goes to the core, which
 * checks the date and names the field when it is wrong. */
static const char *
entry_date (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return text[0] != '\0' ? text : NULL;
}

static void
read_query (SamSummariesPage *self,
            SamStatsQuery    *query)
{
  guint second = adw_combo_row_get_selected (self->second_row);

  query->measure = adw_combo_row_get_selected (self->measure_row);
  query->dimensions[0] = adw_combo_row_get_selected (self->first_row);
  /* The second list starts with "None". */
  query->dimensions[1] = second > 0 ? second - 1 : query->dimensions[0];
  query->n_dimensions = second > 0 ? 2 : 1;
  query->from = entry_date (self->from_row);
  query->to = entry_date (self->to_row);
}

/* The programme summary ------------------------------------------------------ */

static void
clear_programme (SamSummariesPage *self)
{
  g_clear_pointer (&self->by_target_area, sam_stats_table_free);
  g_clear_pointer (&self->by_prevention_level, sam_stats_table_free);
  clear_grid (self->target_area_grid);
  clear_grid (self->prevention_level_grid);
  gtk_label_set_text (self->programme_range_label, "");
  gtk_widget_set_visible (self->programme_box, FALSE);
}

/* Cases by @dimension over the range of the table shown, or of the date
 * entries when none is, through the same core call as any summary. */
static SamStatsTable *
run_cases_by (SamSummariesPage   *self,
              SamStatsDimension   dimension,
              GError            **error)
{
  SamStatsQuery query = { SAM_STATS_MEASURE_CASES, { dimension, dimension }, 1, NULL, NULL };

  query.from = self->table != NULL ? self->table->from : entry_date (self->from_row);
  query.to = self->table != NULL ? self->table->to : entry_date (self->to_row);
  return sam_stats_run (self->session, &query, error);
}

static gboolean
run_programme (SamSummariesPage  *self,
               GError           **error)
{
  g_autoptr(SamStatsTable) by_area = NULL;
  g_autoptr(SamStatsTable) by_level = NULL;
  g_autofree char *range = NULL;

  clear_programme (self);
  by_area = run_cases_by (self, SAM_STATS_DIMENSION_TARGET_AREA, error);
  if (by_area == NULL)
    return FALSE;
  by_level = run_cases_by (self, SAM_STATS_DIMENSION_PREVENTION_LEVEL, error);
  if (by_level == NULL)
    return FALSE;

  fill_grid (self->target_area_grid, by_area);
  fill_grid (self->prevention_level_grid, by_level);
  range = range_text (by_area);
  gtk_label_set_text (self->programme_range_label, range);
  self->by_target_area = g_steal_pointer (&by_area);
  self->by_prevention_level = g_steal_pointer (&by_level);
  gtk_widget_set_visible (self->programme_box, TRUE);
  return TRUE;
}

/* Once laid out, the programme summary is scrolled into view: it sits
 * under a table that can be longer than the window. */
static gboolean
scroll_to_programme_cb (GtkWidget     *widget,
                        GdkFrameClock *clock,
                        gpointer       user_data)
{
  SamSummariesPage *self = SAM_SUMMARIES_PAGE (widget);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  GtkWidget *content = gtk_scrolled_window_get_child (self->scrolled_window);
  double x, y;

  if (!gtk_widget_get_visible (self->programme_box))
    return G_SOURCE_REMOVE;
  /* Not laid out yet: the scrolled range does not reach it. */
  if (gtk_widget_get_height (self->programme_box) == 0)
    return G_SOURCE_CONTINUE;
  if (gtk_widget_translate_coordinates (self->programme_box, content, 0, 0, &x, &y))
    gtk_adjustment_set_value (adjustment, y);
  return G_SOURCE_REMOVE;
}

static void
programme_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SamSummariesPage *self = SAM_SUMMARIES_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)
    return;

  run_programme (self, &error);
  show_error (self, error);
  if (error == NULL)
    gtk_widget_add_tick_callback (widget, scroll_to_programme_cb, NULL, NULL);
}

/* Running -------------------------------------------------------------------- */

static void
run (SamSummariesPage *self)
{
  g_autoptr(GError) error = NULL;
  SamStatsQuery query = { 0 };
  SamStatsTable *table;
  gboolean with_programme = self->by_target_area != NULL;

  if (self->session == NULL)
    return;

  read_query (self, &query);
  table = sam_stats_run (self->session, &query, &error);
  show_table (self, table);
  /* The programme summary shown follows the new range, or goes with the
   * table, so that it is never read as the answer to the new question. */
  if (table == NULL)
    clear_programme (self);
  else if (with_programme)
    run_programme (self, &error);
  show_error (self, error);
}

static void
on_control_changed (SamSummariesPage *self)
{
  run (self);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  run (SAM_SUMMARIES_PAGE (widget));
}

/* Exporting ------------------------------------------------------------------ */

static void
append_field (GString    *csv,
              const char *field,
              gboolean    first)
{
  if (!first)
    g_string_append_c (csv, ',');
  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (csv, field);
      return;
    }

  g_string_append_c (csv, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

/* RFC 4180: a heading line, then one line per row, CRLF at each end. */
static char *
table_to_csv (const SamStatsTable *table)
{
  GString *csv = g_string_new (NULL);

  append_field (csv, table->row_heading, TRUE);
  for (guint c = 0; table->columns[c] != NULL; c++)
    append_field (csv, table->columns[c], FALSE);
  g_string_append (csv, "\r\n");

  for (guint r = 0; r < table->rows->len; r++)
    {
      SamStatsRow *row = g_ptr_array_index (table->rows, r);

      append_field (csv, row->label, TRUE);
      for (guint c = 0; row->cells[c] != NULL; c++)
        append_field (csv, row->cells[c], FALSE);
      g_string_append (csv, "\r\n");
    }

  return g_string_free (csv, FALSE);
}

/* The audit reason: the breakdown as codes, like the run's own row. A
 * report also says that it holds the programme summary. */
static char *
export_reason (const SamStatsTable *table,
               const char          *format)
{
  g_autofree char *by = g_strjoinv (",", table->dimensions);

  return g_strdup_printf ("by:%s;measure:%s;format:%s", by, sam_stats_measure_to_string (table->measure),
                          format);
}

typedef gboolean (*ExportFunc) (SamSummariesPage  *self,
                                const char        *path,
                                GError           **error);

static void
export_response_cb (GtkNativeDialog  *dialog,
                    int               response,
                    SamSummariesPage *self)
{
  ExportFunc export = g_object_get_data (G_OBJECT (dialog), "sam-export-func");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = file != NULL ? g_file_get_path (file) : NULL;
      if (path != NULL && !export (self, path, &error))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      else if (path != NULL)
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Summary exported")));
    }

  g_object_unref (dialog);
}

/* Asks where to save, then exports with @export into the file chosen. */
static void
choose_export_file (SamSummariesPage *self,
                    const char       *title,
                    const char       *name,
                    ExportFunc        export)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "sam-export-func", export);
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SamSummariesPage *self = SAM_SUMMARIES_PAGE (widget);

  if (self->table != NULL)
    choose_export_file (self, _("Export Summary"), "summary.csv", sam_summaries_page_export_csv);
}

/* Named after the last year counted, or this year when the range is open. */
static char *
report_file_name (const SamStatsTable *table)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *year = table->to != NULL ? g_strndup (table->to, 4) : g_date_time_format (now, "%Y");

  return g_strdup_printf ("samverka-summary-%s.pdf", year);
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SamSummariesPage *self = SAM_SUMMARIES_PAGE (widget);
  g_autofree char *name = NULL;

  if (self->table == NULL)
    return;

  name = report_file_name (self->table);
  choose_export_file (self, _("Export Report"), name, sam_summaries_page_export_report);
}

/* SamWorkspacePage ----------------------------------------------------------- */

static void
reset_controls (SamSummariesPage *self)
{
  /* Blocked, so that resetting does not run a summary per control. */
  g_signal_handlers_block_by_func (self->measure_row, on_control_changed, self);
  g_signal_handlers_block_by_func (self->first_row, on_control_changed, self);
  g_signal_handlers_block_by_func (self->second_row, on_control_changed, self);
  adw_combo_row_set_selected (self->measure_row, SAM_STATS_MEASURE_CASES);
  adw_combo_row_set_selected (self->first_row, SAM_STATS_DIMENSION_YEAR);
  adw_combo_row_set_selected (self->second_row, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), "");
  g_signal_handlers_unblock_by_func (self->measure_row, on_control_changed, self);
  g_signal_handlers_unblock_by_func (self->first_row, on_control_changed, self);
  g_signal_handlers_unblock_by_func (self->second_row, on_control_changed, self);
}

static void
sam_summaries_page_set_session (SamWorkspacePage *page,
                                SamSession       *session)
{
  SamSummariesPage *self = SAM_SUMMARIES_PAGE (page);

  if (self->session == session)
    return;

  show_table (self, NULL);
  show_error (self, NULL);
  clear_programme (self);
  reset_controls (self);
  g_set_object (&self->session, session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "summaries.run", session != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "summaries.programme", session != NULL);
  run (self);
}

static void
sam_summaries_page_workspace_page_init (SamWorkspacePageInterface *iface)
{
  iface->set_session = sam_summaries_page_set_session;
}

/* Life cycle ----------------------------------------------------------------- */

static GListModel *
measure_labels (void)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < SAM_STATS_N_MEASURES; i++)
    gtk_string_list_append (labels, sam_stats_measure_get_label (i));
  return G_LIST_MODEL (labels);
}

static GListModel *
dimension_labels (gboolean with_none)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  if (with_none)
    /* Translators: no second dimension: the table has one column */
    gtk_string_list_append (labels, C_("second dimension", "None"));
  for (guint i = 0; i < SAM_STATS_N_DIMENSIONS; i++)
    gtk_string_list_append (labels, sam_stats_dimension_get_label (i));
  return G_LIST_MODEL (labels);
}

static void
sam_summaries_page_dispose (GObject *object)
{
  SamSummariesPage *self = SAM_SUMMARIES_PAGE (object);

  g_clear_pointer (&self->table, sam_stats_table_free);
  g_clear_pointer (&self->by_target_area, sam_stats_table_free);
  g_clear_pointer (&self->by_prevention_level, sam_stats_table_free);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sam_summaries_page_parent_class)->dispose (object);
}

static void
sam_summaries_page_class_init (SamSummariesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_summaries_page_dispose;

  g_type_ensure (SAM_TYPE_BAR_CHART);
  g_type_ensure (SAM_TYPE_LINE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-summaries-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SamSummariesPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SamSummariesPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, SamSummariesPage, measure_row);
  gtk_widget_class_bind_template_child (widget_class, SamSummariesPage, first_row);
  gtk_widget_class_bind_template_child (widget_class, SamSummariesPage, second_row);
  gtk_widget_class_bind_template_child (widget_class, SamSummariesPage, from_row);
  gtk_widget_class_bind_template_child (widget_class, SamSummariesPage, to_row);
  gtk_widget_class_bind_template_child (widget_class, SamSummariesPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, SamSummariesPage, range_label);
  gtk_widget_class_bind_template_child (widget_class, SamSummariesPage, chart_stack);
  gtk_widget_class_bind_template_child (widget_class, SamSummariesPage, chart);
  gtk_widget_class_bind_template_child (widget_class, SamSummariesPage, line_chart);
  gtk_widget_class_bind_template_child (widget_class, SamSummariesPage, table_grid);
  gtk_widget_class_bind_template_child (widget_class, SamSummariesPage, legend_label);
  gtk_widget_class_bind_template_child (widget_class, SamSummariesPage, programme_box);
  gtk_widget_class_bind_template_child (widget_class, SamSummariesPage, programme_range_label);
  gtk_widget_class_bind_template_child (widget_class, SamSummariesPage, target_area_grid);
  gtk_widget_class_bind_template_child (widget_class, SamSummariesPage, prevention_level_grid);

  gtk_widget_class_install_action (widget_class, "summaries.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "summaries.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "summaries.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "summaries.programme", NULL, programme_action);
}

static void
sam_summaries_page_init (SamSummariesPage *self)
{
  g_autoptr(GListModel) measures = measure_labels ();
  g_autoptr(GListModel) firsts = dimension_labels (FALSE);
  g_autoptr(GListModel) seconds = dimension_labels (TRUE);

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_combo_row_set_model (self->measure_row, measures);
  adw_combo_row_set_model (self->first_row, firsts);
  adw_combo_row_set_model (self->second_row, seconds);
  g_signal_connect_swapped (self->measure_row, "notify::selected", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->first_row, "notify::selected", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->second_row, "notify::selected", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->from_row, "apply", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->from_row, "entry-activated", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->to_row, "apply", G_CALLBACK (on_control_changed), self);
  g_signal_connect_swapped (self->to_row, "entry-activated", G_CALLBACK (on_control_changed), self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "summaries.run", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "summaries.export-csv", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "summaries.export-report", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "summaries.programme", FALSE);
}

/* Public API ----------------------------------------------------------------- */

/**
 * sam_summaries_page_new:
 *
 * Returns: (transfer floating): an empty page; it shows a summary once
 *   sam_workspace_page_set_session() gives it a manager's session
 */
GtkWidget *
sam_summaries_page_new (void)
{
  return g_object_new (SAM_TYPE_SUMMARIES_PAGE, NULL);
}

/**
 * sam_summaries_page_get_table:
 * @self: a #SamSummariesPage
 *
 * Returns: (transfer none) (nullable): the table shown, or %NULL when
 *   none is
 */
const SamStatsTable *
sam_summaries_page_get_table (SamSummariesPage *self)
{
  g_return_val_if_fail (SAM_IS_SUMMARIES_PAGE (self), NULL);

  return self->table;
}

/**
 * sam_summaries_page_export_csv:
 * @self: a #SamSummariesPage showing a table
 * @path: the file to write
 * @error: return location for a #GError
 *
 * Audits the export, then writes the table shown as CSV (the row heading
 * and columns, then each row with its label, the total last) into @path,
 * readable by its owner only. Nothing is written when the audit fails.
 *
 * Returns: %TRUE when written
 */
gboolean
sam_summaries_page_export_csv (SamSummariesPage  *self,
                               const char        *path,
                               GError           **error)
{
  g_autofree char *reason = NULL;
  g_autofree char *csv = NULL;

  g_return_val_if_fail (SAM_IS_SUMMARIES_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->session == NULL || self->table == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("There is no summary to export."));
      return FALSE;
    }

  reason = export_reason (self->table, "csv");
  if (!sam_stats_record_export (self->session, reason, error))
    return FALSE;

  csv = table_to_csv (self->table);
  return g_file_set_contents_full (path, csv, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/**
 * sam_summaries_page_export_report:
 * @self: a #SamSummariesPage showing a table
 * @path: the file to write
 * @error: return location for a #GError
 *
 * Runs the programme summary unless it is shown, audits the export, then
 * writes the A4 PDF report the "Export Report" menu item writes: the
 * table shown with its chart, and the programme summary, into @path,
 * readable by its owner only. Nothing is written when a run or the audit
 * fails.
 *
 * Returns: %TRUE when written
 */
gboolean
sam_summaries_page_export_report (SamSummariesPage  *self,
                                  const char        *path,
                                  GError           **error)
{
  g_autofree char *reason = NULL;
  SamSummaryReport report = { NULL };

  g_return_val_if_fail (SAM_IS_SUMMARIES_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->session == NULL || self->table == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("There is no summary to export."));
      return FALSE;
    }
  if (self->by_target_area == NULL && !run_programme (self, error))
    return FALSE;

  reason = export_reason (self->table, "pdf;programme:target-area,prevention-level");
  if (!sam_stats_record_export (self->session, reason, error))
    return FALSE;

  report.table = self->table;
  report.over_time = is_period_dimension (self->table);
  report.by_target_area = self->by_target_area;
  report.by_prevention_level = self->by_prevention_level;
  return sam_summary_report_write_pdf (&report, path, error);
}

/**
 * sam_summaries_page_get_programme:
 * @self: a #SamSummariesPage
 * @dimension: %SAM_STATS_DIMENSION_TARGET_AREA or
 *   %SAM_STATS_DIMENSION_PREVENTION_LEVEL
 *
 * Returns: (transfer none) (nullable): that table of the programme summary
 *   shown, or %NULL when none is
 */
const SamStatsTable *
sam_summaries_page_get_programme (SamSummariesPage  *self,
                                  SamStatsDimension  dimension)
{
  g_return_val_if_fail (SAM_IS_SUMMARIES_PAGE (self), NULL);

  if (dimension == SAM_STATS_DIMENSION_TARGET_AREA)
    return self->by_target_area;
  if (dimension == SAM_STATS_DIMENSION_PREVENTION_LEVEL)
    return self->by_prevention_level;
  return NULL;
}
