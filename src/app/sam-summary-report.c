/* sam-summary-report.c: the manager's summary as an A4 PDF report
 *
 * A situation report ("lägesbild") a municipality can attach to its own:
 * what was counted and how (measure, dimensions, period, k and what the
 * withheld mark means), the chart drawn by the same code as on screen,
 * the table, and the programme's cases by target area and prevention
 * level. Every number is the string the core gave; a withheld entry is
 * printed as its mark, and the charts draw it as the screen does, so the
 * report cannot reveal what the page withholds.
 *
 * The pages are drawn with cairo straight onto a PDF surface in memory,
 * A4 in points, then written in one go into a file readable by its owner
 * only. Auditing the export is the caller's: the report knows no session.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-summary-report"

#include "config.h"

#include "sam-summary-report.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "sam-bar-chart.h"
#include "sam-line-chart.h"

#define PAGE_WIDTH   595.276   /* A4 in points */
#define PAGE_HEIGHT  841.890
#define MARGIN       56.0
#define CONTENT      (PAGE_WIDTH - 2 * MARGIN)
#define BOTTOM       (PAGE_HEIGHT - MARGIN)
/* The charts are laid out in screen pixels; three quarters of a pixel per
 * point keeps their proportions and fits a bar chart's labels on A4. */
#define CHART_SCALE  0.75
#define CELL_PADDING 3.0

typedef struct
{
  cairo_t     *cr;
  PangoLayout *layout;
  double       y;
  guint        page;
} Writer;

/* Pages ---------------------------------------------------------------------- */

static void
set_font (Writer     *writer,
          const char *font)
{
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  /* Markup leaves its attributes in the layout; plain text after it must
   * not inherit a bold heading. */
  pango_layout_set_attributes (writer->layout, NULL);
  pango_layout_set_font_description (writer->layout, description);
}

static void
draw_footer (Writer *writer)
{
  g_autofree char *number = g_strdup_printf ("%u", writer->page);
  /* Translators: the footer of each page of the report; %s is its number */
  g_autofree char *text = g_strdup_printf (_("Samverka · Page %s"), number);
  int width;

  set_font (writer, "Sans 8");
  pango_layout_set_width (writer->layout, -1);
  pango_layout_set_text (writer->layout, text, -1);
  pango_layout_get_pixel_size (writer->layout, &width, NULL);
  cairo_set_source_rgb (writer->cr, 0.35, 0.35, 0.35);
  cairo_move_to (writer->cr, PAGE_WIDTH - MARGIN - width, PAGE_HEIGHT - MARGIN / 2 - 6);
  pango_cairo_show_layout (writer->cr, writer->layout);
  cairo_set_source_rgb (writer->cr, 0, 0, 0);
}

static void
next_page (Writer *writer)
{
  draw_footer (writer);
  cairo_show_page (writer->cr);
  writer->page++;
  writer->y = MARGIN;
}

/* Starts a new page unless @height still fits on this one. */
static void
make_room (Writer *writer,
           double  height)
{
  if (writer->y + height > BOTTOM && writer->y > MARGIN)
    next_page (writer);
}

/* Text ----------------------------------------------------------------------- */

static void
write_markup (Writer     *writer,
              const char *font,
              const char *markup,
              double      space_before,
              double      space_after)
{
  int height;

  set_font (writer, font);
  pango_layout_set_width (writer->layout, (int) (CONTENT * PANGO_SCALE));
  pango_layout_set_ellipsize (writer->layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_wrap (writer->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (writer->layout, markup, -1);
  pango_layout_get_pixel_size (writer->layout, NULL, &height);
  writer->y += space_before;
  make_room (writer, height);
  cairo_move_to (writer->cr, MARGIN, writer->y);
  pango_cairo_show_layout (writer->cr, writer->layout);
  writer->y += height + space_after;
}

static void
write_text (Writer     *writer,
            const char *font,
            const char *text,
            double      space_before,
            double      space_after)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  write_markup (writer, font, escaped, space_before, space_after);
}

static void
write_field (Writer     *writer,
             const char *label,
             const char *value)
{
  /* Translators: a field of the report, "Measure: Cases" */
  g_autofree char *markup = g_markup_printf_escaped (_("<b>%s:</b> %s"), label, value);

  write_markup (writer, "Sans 10", markup, 0, 2);
}

/* Tables --------------------------------------------------------------------- */

typedef struct
{
  double label_width;
  double cell_width;
  double row_height;
} Columns;

static void
draw_cell (Writer     *writer,
           const char *text,
           double      x,
           double      width,
           gboolean    number)
{
  int text_width;

  pango_layout_set_width (writer->layout, (int) ((width - 2 * CELL_PADDING) * PANGO_SCALE));
  pango_layout_set_ellipsize (writer->layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (writer->layout, text, -1);
  pango_layout_get_pixel_size (writer->layout, &text_width, NULL);
  /* Numbers right-aligned, as in the table on screen. */
  cairo_move_to (writer->cr, number ? x + width - CELL_PADDING - text_width : x + CELL_PADDING,
                 writer->y + CELL_PADDING);
  pango_cairo_show_layout (writer->cr, writer->layout);
}

static void
draw_rule (Writer *writer,
           double  width)
{
  cairo_save (writer->cr);
  cairo_set_line_width (writer->cr, width);
  cairo_move_to (writer->cr, MARGIN, writer->y);
  cairo_line_to (writer->cr, MARGIN + CONTENT, writer->y);
  cairo_stroke (writer->cr);
  cairo_restore (writer->cr);
}

static void
draw_row (Writer          *writer,
          const Columns   *columns,
          const char      *label,
          const char     **cells,
          gboolean         bold)
{
  set_font (writer, bold ? "Sans Bold 9" : "Sans 9");
  draw_cell (writer, label, MARGIN, columns->label_width, FALSE);
  for (guint c = 0; cells[c] != NULL; c++)
    draw_cell (writer, cells[c], MARGIN + columns->label_width + c * columns->cell_width,
               columns->cell_width, TRUE);
  writer->y += columns->row_height;
}

static void
draw_heading_row (Writer              *writer,
                  const Columns       *columns,
                  const SamStatsTable *table)
{
  draw_row (writer, columns, table->row_heading, (const char **) table->columns, TRUE);
  draw_rule (writer, 0.8);
}

/* The width of the longest label, so that the numbers get the rest. */
static double
widest_label (Writer              *writer,
              const SamStatsTable *table)
{
  int widest;

  pango_layout_set_width (writer->layout, -1);
  pango_layout_set_text (writer->layout, table->row_heading, -1);
  pango_layout_get_pixel_size (writer->layout, &widest, NULL);
  for (guint r = 0; r < table->rows->len; r++)
    {
      int width;

      pango_layout_set_text (writer->layout, ((SamStatsRow *) g_ptr_array_index (table->rows, r))->label, -1);
      pango_layout_get_pixel_size (writer->layout, &width, NULL);
      widest = MAX (widest, width);
    }
  return widest;
}

/* The table as on screen, its heading again at the top of each page it
 * runs on to. */
static void
write_table (Writer              *writer,
             const SamStatsTable *table)
{
  guint n_columns = g_strv_length (table->columns);
  int text_height;
  Columns columns;

  set_font (writer, "Sans Bold 9");
  pango_layout_set_text (writer->layout, "0", -1);
  pango_layout_get_pixel_size (writer->layout, NULL, &text_height);
  columns.row_height = text_height + 2 * CELL_PADDING;
  columns.label_width = CLAMP (widest_label (writer, table) + 2 * CELL_PADDING, CONTENT * 0.25, n_columns > 2 ? CONTENT * 0.5 : CONTENT * 0.7);
  columns.cell_width = (CONTENT - columns.label_width) / MAX (n_columns, 1);

  make_room (writer, 3 * columns.row_height);
  draw_heading_row (writer, &columns, table);
  for (guint r = 0; r < table->rows->len; r++)
    {
      SamStatsRow *row = g_ptr_array_index (table->rows, r);
      gboolean total = r + 1 == table->rows->len;

      if (writer->y + columns.row_height > BOTTOM)
        {
          next_page (writer);
          draw_heading_row (writer, &columns, table);
        }
      if (total)
        draw_rule (writer, 0.5);
      draw_row (writer, &columns, row->label, (const char **) row->cells, total);
    }
  writer->y += 8;
}

/* Charts --------------------------------------------------------------------- */

static void
draw_chart_at (Writer  *writer,
               double   height,
               gpointer chart,
               gboolean over_time)
{
  static const GdkRGBA black = { 0, 0, 0, 1 };
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (writer->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 10");
  double width = CONTENT / CHART_SCALE;

  pango_layout_set_font_description (layout, font);
  make_room (writer, height * CHART_SCALE);
  cairo_save (writer->cr);
  cairo_translate (writer->cr, MARGIN, writer->y);
  cairo_scale (writer->cr, CHART_SCALE, CHART_SCALE);
  if (over_time)
    sam_line_chart_draw (chart, writer->cr, layout, &black, width, height);
  else
    sam_bar_chart_draw (chart, writer->cr, layout, &black, width);
  cairo_restore (writer->cr);
  writer->y += height * CHART_SCALE + 12;
}

static void
write_chart (Writer              *writer,
             const SamStatsTable *table,
             gboolean             over_time)
{
  if (over_time)
    {
      SamLineChart *chart = g_object_ref_sink (sam_line_chart_new ());

      sam_line_chart_set_table (chart, table);
      if (sam_line_chart_get_n_series (chart) > 0)
        draw_chart_at (writer, sam_line_chart_get_height_for_width (chart, CONTENT / CHART_SCALE),
                       chart, TRUE);
      g_object_unref (chart);
    }
  else
    {
      SamBarChart *chart = g_object_ref_sink (sam_bar_chart_new ());

      sam_bar_chart_set_table (chart, table);
      if (sam_bar_chart_get_n_bars (chart) > 0)
        draw_chart_at (writer, sam_bar_chart_get_height (chart), chart, FALSE);
      g_object_unref (chart);
    }
}

/* Sections ------------------------------------------------------------------- */

static char *
period_text (const SamStatsTable *table)
{
  if (table->from == NULL && table->to == NULL)
    return g_strdup (_("All years"));
  /* Translators: the range a summary counts, after widening to whole years */
  return g_strdup_printf (_("From %s to %s"), table->from != NULL ? table->from : "…",
                          table->to != NULL ? table->to : "…");
}

static const char *
dimension_label (const SamStatsTable *table,
                 guint                index)
{
  SamStatsDimension dimension;

  if (g_strv_length (table->dimensions) <= index ||
      !sam_stats_dimension_from_string (table->dimensions[index], &dimension))
    /* Translators: no second dimension in the report's description */
    return C_("second dimension", "None");
  return sam_stats_dimension_get_label (dimension);
}

static void
write_withheld (Writer              *writer,
                const SamStatsTable *table)
{
  g_autofree char *k = g_strdup_printf ("%u", table->k);
  /* Translators: the legend under a summary; the first %s is the mark,
   * such as "<5", the others are k, such as 5 */
  g_autofree char *text = g_strdup_printf (_("%s: withheld, because it is below %s or could reveal a number below %s."),
                                           table->withheld, k, k);

  write_field (writer, _("Smallest number shown"), k);
  write_field (writer, _("Withheld"), text);
}

static void
write_title (Writer *writer)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  /* Translators: the heading of the PDF report, a situation report such as
   * a municipality's "lägesbild" */
  write_text (writer, "Sans Bold 20", _("Situation Report"), 0, 4);
  write_text (writer, "Sans 12", _("Anonymised summary of the collaboration on young people at risk"), 0, 4);
  write_field (writer, _("Created"), date);
}

static void
write_summary (Writer                 *writer,
               const SamSummaryReport *report)
{
  const SamStatsTable *table = report->table;
  g_autofree char *period = period_text (table);

  write_text (writer, "Sans Bold 14", _("Summary"), 14, 6);
  write_field (writer, _("Measure"), sam_stats_measure_get_label (table->measure));
  write_field (writer, _("Rows by"), dimension_label (table, 0));
  write_field (writer, _("Columns by"), dimension_label (table, 1));
  write_field (writer, _("Period"), period);
  write_withheld (writer, table);
  writer->y += 10;
  write_chart (writer, table, report->over_time);
  write_table (writer, table);
}

static void
write_programme (Writer                 *writer,
                 const SamSummaryReport *report)
{
  const SamStatsTable *tables[] = { report->by_target_area, report->by_prevention_level };
  g_autofree char *period = NULL;

  if (report->by_target_area == NULL && report->by_prevention_level == NULL)
    return;

  period = period_text (tables[report->by_target_area != NULL ? 0 : 1]);
  make_room (writer, 160);
  write_text (writer, "Sans Bold 14", _("Programme Summary"), 14, 6);
  write_text (writer, "Sans 10", _("Cases by the programme’s target areas and prevention levels. A case with several target areas counts once under each, so their total can exceed the number of cases."), 0, 4);
  write_field (writer, _("Measure"), sam_stats_measure_get_label (SAM_STATS_MEASURE_CASES));
  write_field (writer, _("Period"), period);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (tables[i] != NULL)
      {
        writer->y += 12;
        write_table (writer, tables[i]);
      }
}

/* Output --------------------------------------------------------------------- */

static cairo_status_t
append_to_bytes (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * sam_summary_report_render:
 * @report: what to report; @report->table is required
 * @error: return location for a #GError
 *
 * Draws the report as an A4 PDF in memory: the title, the summary's
 * description, chart and table, and the programme summary when given.
 *
 * Returns: (transfer full) (nullable): the PDF, or %NULL when cairo failed
 */
GBytes *
sam_summary_report_render (const SamSummaryReport  *report,
                           GError                 **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  Writer writer = { NULL, NULL, MARGIN, 1 };

  g_return_val_if_fail (report != NULL && report->table != NULL, NULL);

  surface = cairo_pdf_surface_create_for_stream (append_to_bytes, pdf, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Situation Report"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Samverka");
  writer.cr = cairo_create (surface);
  writer.layout = pango_cairo_create_layout (writer.cr);
  cairo_set_source_rgb (writer.cr, 0, 0, 0);

  write_title (&writer);
  write_summary (&writer, report);
  write_programme (&writer, report);
  draw_footer (&writer);
  cairo_show_page (writer.cr);

  g_object_unref (writer.layout);
  cairo_destroy (writer.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The report could not be drawn: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

/**
 * sam_summary_report_write_pdf:
 * @report: what to report
 * @path: the file to write
 * @error: return location for a #GError
 *
 * Renders the report and writes it into @path at once, readable by its
 * owner only (mode 0600), replacing what was there. The caller audits the
 * export first.
 *
 * Returns: %TRUE when written
 */
gboolean
sam_summary_report_write_pdf (const SamSummaryReport  *report,
                              const char              *path,
                              GError                 **error)
{
  g_autoptr(GBytes) pdf = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (path != NULL, FALSE);

  pdf = sam_summary_report_render (report, error);
  if (pdf == NULL)
    return FALSE;
  data = g_bytes_get_data (pdf, &length);
  return sam_export_write_private (path, data, (gssize) length, error);
}
