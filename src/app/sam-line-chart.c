/* sam-line-chart.c
 *
 * A line per column of a summary table whose rows are periods (years or
 * quarters), so that a manager sees how a count moves over time. The rows
 * are the points along the time axis; the total row is left out. A one-way
 * table has one line; a two-way table has a line per value of the second
 * dimension and its total column is left out too, as in a printed chart
 * it would dwarf the lines it sums. At most SAM_LINE_CHART_MAX_SERIES
 * lines are drawn; the table under the chart holds all of them.
 *
 * Colour is never the only cue: each line has its own dash pattern and
 * marker, shown again in the legend. A withheld entry ("<5") or one that
 * is not a number ("–") is a gap in its line, never a point at zero or at
 * k, so the chart cannot be read for a number the core withheld. Screen
 * readers get the values as text in the accessible description.
 *
 * The drawing is sam_line_chart_draw(), on any cairo context, so that the
 * PDF report draws exactly what the screen shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-line-chart"

#include "config.h"

#include "sam-line-chart.h"

#include "sam-chart-scale.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#define PLOT_HEIGHT    220
#define Y_LABEL_WIDTH  56
#define RIGHT_MARGIN   16
#define TITLE_HEIGHT   34
#define X_LABEL_HEIGHT 28
#define LEGEND_ROW     22
#define LEGEND_COLUMN  190
#define LEGEND_GAP     8
#define X_PADDING      16
#define MARKER_SIZE    4.5
#define N_TICKS        4
#define MIN_WIDTH      360

typedef struct
{
  char     *name;
  double   *values;
  gboolean *drawn;      /* FALSE: withheld or not a number, a gap */
  GStrv     texts;      /* the entries as the core gave them */
} Series;

struct _SamLineChart
{
  GtkWidget  parent_instance;

  GStrv      points;    /* the periods, in order */
  GPtrArray *series;    /* Series */
  char      *heading;   /* what the value axis measures */
  char      *summary;
};

G_DEFINE_FINAL_TYPE (SamLineChart, sam_line_chart, GTK_TYPE_WIDGET)

/* GNOME palette shades that read on a light and on a dark background. */
static const double colours[SAM_LINE_CHART_MAX_SERIES][3] = {
  { 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0 },  /* blue 3 */
  { 0xe6 / 255.0, 0x61 / 255.0, 0x00 / 255.0 },  /* orange 4 */
  { 0x26 / 255.0, 0xa2 / 255.0, 0x69 / 255.0 },  /* green 5 */
  { 0xc0 / 255.0, 0x61 / 255.0, 0xcb / 255.0 },  /* purple 2 */
  { 0xe0 / 255.0, 0x1b / 255.0, 0x24 / 255.0 },  /* red 3 */
  { 0xb5 / 255.0, 0x83 / 255.0, 0x5a / 255.0 },  /* brown 2 */
};

static const double dash_solid[] = { 1 };
static const double dash_dashed[] = { 8, 4 };
static const double dash_dotted[] = { 2, 3 };
static const double dash_dash_dot[] = { 8, 3, 2, 3 };
static const double dash_long[] = { 14, 5 };
static const double dash_dash_dot_dot[] = { 8, 3, 2, 3, 2, 3 };

static const struct
{
  const double *dashes;
  int           n_dashes;
} dash_patterns[SAM_LINE_CHART_MAX_SERIES] = {
  { dash_solid, 0 },
  { dash_dashed, G_N_ELEMENTS (dash_dashed) },
  { dash_dotted, G_N_ELEMENTS (dash_dotted) },
  { dash_dash_dot, G_N_ELEMENTS (dash_dash_dot) },
  { dash_long, G_N_ELEMENTS (dash_long) },
  { dash_dash_dot_dot, G_N_ELEMENTS (dash_dash_dot_dot) },
};

typedef enum
{
  MARKER_CIRCLE,
  MARKER_SQUARE,
  MARKER_TRIANGLE,
  MARKER_DIAMOND,
  MARKER_CROSS,
  MARKER_RING,
} Marker;

/* Series --------------------------------------------------------------------- */

static void
series_free (gpointer data)
{
  Series *series = data;

  g_free (series->name);
  g_free (series->values);
  g_free (series->drawn);
  g_strfreev (series->texts);
  g_free (series);
}

static Series *
series_new (const SamStatsTable *table,
            guint                column,
            guint                n_points)
{
  Series *series = g_new0 (Series, 1);

  series->name = g_strdup (table->columns[column]);
  series->values = g_new0 (double, n_points);
  series->drawn = g_new0 (gboolean, n_points);
  series->texts = g_new0 (char *, n_points + 1);
  for (guint p = 0; p < n_points; p++)
    {
      const char *cell = ((SamStatsRow *) g_ptr_array_index (table->rows, p))->cells[column];
      char *end = NULL;

      series->texts[p] = g_strdup (cell);
      if (g_strcmp0 (cell, table->withheld) == 0)
        continue;
      series->values[p] = g_ascii_strtod (cell, &end);
      series->drawn[p] = end != cell && series->values[p] >= 0;
    }
  return series;
}

/* The columns that are lines: all but a two-way table's total, whose
 * column code is empty like a one-way table's single column. */
static gboolean
column_is_series (const SamStatsTable *table,
                  guint                column)
{
  guint n_columns = g_strv_length (table->columns);

  return n_columns == 1 || (table->column_codes[column] != NULL && table->column_codes[column][0] != '\0');
}

static void
update_summary (SamLineChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);
      g_autoptr(GString) values = g_string_new (NULL);

      for (guint p = 0; self->points[p] != NULL; p++)
        {
          if (values->len > 0)
            g_string_append (values, ", ");
          /* Translators: one point of a chart for screen readers, "2025: 12" */
          g_string_append_printf (values, _("%s: %s"), self->points[p], series->texts[p]);
        }
      if (text->len > 0)
        g_string_append (text, "; ");
      /* Translators: one line of a chart for screen readers: the line's
       * name, then its points, "Female — 2024: 12, 2025: <5" */
      g_string_append_printf (text, _("%s — %s"), series->name, values->str);
    }

  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&text), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->summary, -1);
}

/* Scale ---------------------------------------------------------------------- */

/* The smallest and largest value drawn; zero when nothing is. */
static void
value_range (SamLineChart *self,
             double       *out_low,
             double       *out_high)
{
  *out_low = 0;
  *out_high = 0;
  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);

      for (guint p = 0; self->points[p] != NULL; p++)
        if (series->drawn[p])
          {
            *out_low = MIN (*out_low, series->values[p]);
            *out_high = MAX (*out_high, series->values[p]);
          }
    }
}

static gboolean
values_are_whole (SamLineChart *self)
{
  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);

      for (guint p = 0; self->points[p] != NULL; p++)
        if (series->drawn[p] && series->values[p] != floor (series->values[p]))
          return FALSE;
    }
  return TRUE;
}

/* Drawing -------------------------------------------------------------------- */

static void
set_text (PangoLayout *layout,
          const char  *text,
          double       max_width)
{
  pango_layout_set_width (layout, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (layout, max_width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_text (layout, text, -1);
}

/* Draws @text with its point at (x, y): @xalign 0 left, 0.5 centre, 1 right;
 * vertically centred. */
static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       xalign,
           double       max_width)
{
  int width, height;

  set_text (layout, text, max_width);
  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - width * xalign, y - height / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
set_series_style (cairo_t       *cr,
                  guint          index,
                  gboolean       dashed)
{
  cairo_set_source_rgb (cr, colours[index][0], colours[index][1], colours[index][2]);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_dash (cr, dash_patterns[index].dashes, dashed ? dash_patterns[index].n_dashes : 0, 0);
}

static void
draw_marker (cairo_t *cr,
             guint    index,
             double   x,
             double   y)
{
  double r = MARKER_SIZE;

  cairo_new_path (cr);
  switch ((Marker) index)
    {
    case MARKER_CIRCLE:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case MARKER_SQUARE:
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      cairo_fill (cr);
      break;
    case MARKER_TRIANGLE:
      cairo_move_to (cr, x, y - r * 1.2);
      cairo_line_to (cr, x + r * 1.1, y + r * 0.8);
      cairo_line_to (cr, x - r * 1.1, y + r * 0.8);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;
    case MARKER_DIAMOND:
      cairo_move_to (cr, x, y - r * 1.3);
      cairo_line_to (cr, x + r * 1.3, y);
      cairo_line_to (cr, x, y + r * 1.3);
      cairo_line_to (cr, x - r * 1.3, y);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;
    case MARKER_CROSS:
      cairo_move_to (cr, x - r, y - r);
      cairo_line_to (cr, x + r, y + r);
      cairo_move_to (cr, x + r, y - r);
      cairo_line_to (cr, x - r, y + r);
      cairo_stroke (cr);
      break;
    case MARKER_RING:
    default:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_stroke (cr);
      break;
    }
}

static guint
legend_columns (SamLineChart *self,
                double        width)
{
  guint fit = MAX ((guint) (width / LEGEND_COLUMN), 1);

  return MAX (MIN (fit, self->series->len), 1);
}

/* A single line needs no legend: the measure above the plot names it. */
static double
legend_height (SamLineChart *self,
               double        width)
{
  guint columns = legend_columns (self, width);

  if (self->series->len < 2)
    return 0;
  return ((self->series->len + columns - 1) / columns) * LEGEND_ROW + LEGEND_GAP;
}

static void
draw_legend (SamLineChart  *self,
             cairo_t       *cr,
             PangoLayout   *layout,
             const GdkRGBA *foreground,
             double         width)
{
  guint columns = legend_columns (self, width);
  double column_width = width / columns;

  if (self->series->len < 2)
    return;
  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = g_ptr_array_index (self->series, s);
      double x = (s % columns) * column_width;
      double y = (s / columns) * LEGEND_ROW + LEGEND_ROW / 2.0;

      cairo_save (cr);
      set_series_style (cr, s, TRUE);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + 32, y);
      cairo_stroke (cr);
      set_series_style (cr, s, FALSE);
      draw_marker (cr, s, x + 16, y);
      cairo_restore (cr);
      gdk_cairo_set_source_rgba (cr, foreground);
      draw_text (cr, layout, series->name, x + 40, y, 0, column_width - 48);
    }
}

typedef struct
{
  double left;
  double top;
  double width;
  double height;
  SamChartScale scale;
  guint  n_points;
} Plot;

static double
plot_x (const Plot *plot,
        guint       point)
{
  if (plot->n_points < 2)
    return plot->left + plot->width / 2;
  return plot->left + X_PADDING + point * (plot->width - 2 * X_PADDING) / (plot->n_points - 1);
}

static double
plot_y (const Plot *plot,
        double      value)
{
  return plot->top + plot->height - plot->height * sam_chart_scale_fraction (&plot->scale, value);
}

static void
draw_value_axis (SamLineChart  *self,
                 cairo_t       *cr,
                 PangoLayout   *layout,
                 const GdkRGBA *foreground,
                 const Plot    *plot)
{
  const SamChartScale *scale = &plot->scale;

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  for (double tick = scale->low; tick <= scale->high + scale->step / 2; tick += scale->step)
    {
      double y = round (plot_y (plot, tick)) + 0.5;
      g_autofree char *number = sam_chart_scale_format (scale, tick);

      cairo_set_source_rgba (cr, foreground->red, foreground->green, foreground->blue,
                             fabs (tick) < scale->step / 2 ? 0.6 * foreground->alpha : 0.15 * foreground->alpha);
      cairo_move_to (cr, plot->left, y);
      cairo_line_to (cr, plot->left + plot->width, y);
      cairo_stroke (cr);
      gdk_cairo_set_source_rgba (cr, foreground);
      draw_text (cr, layout, number, plot->left - 8, y, 1, 0);
    }
  cairo_restore (cr);
  gdk_cairo_set_source_rgba (cr, foreground);
  draw_text (cr, layout, self->heading, 0, plot->top - TITLE_HEIGHT + 8, 0, plot->left + plot->width);
}

/* Every label if they fit, else every second, third…, so that they never
 * overlap. */
static void
draw_time_axis (SamLineChart  *self,
                cairo_t       *cr,
                PangoLayout   *layout,
                const GdkRGBA *foreground,
                const Plot    *plot)
{
  int widest = 0;
  guint every;

  for (guint p = 0; p < plot->n_points; p++)
    {
      int width;

      set_text (layout, self->points[p], 0);
      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }
  every = MAX ((guint) ceil ((widest + 12.0) * plot->n_points / plot->width), 1);

  gdk_cairo_set_source_rgba (cr, foreground);
  cairo_set_line_width (cr, 1);
  for (guint p = 0; p < plot->n_points; p += every)
    {
      double x = round (plot_x (plot, p)) + 0.5;

      cairo_move_to (cr, x, plot->top + plot->height);
      cairo_line_to (cr, x, plot->top + plot->height + 4);
      cairo_stroke (cr);
      draw_text (cr, layout, self->points[p], x, plot->top + plot->height + X_LABEL_HEIGHT / 2.0 + 2, 0.5, 0);
    }
}

/* The line breaks at every gap; a point between two gaps shows as its
 * marker alone. */
static void
draw_series (cairo_t      *cr,
             const Series *series,
             guint         index,
             const Plot   *plot)
{
  gboolean pen_down = FALSE;

  cairo_save (cr);
  set_series_style (cr, index, TRUE);
  cairo_new_path (cr);
  for (guint p = 0; p < plot->n_points; p++)
    {
      if (!series->drawn[p])
        {
          pen_down = FALSE;
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, plot_x (plot, p), plot_y (plot, series->values[p]));
      else
        cairo_move_to (cr, plot_x (plot, p), plot_y (plot, series->values[p]));
      pen_down = TRUE;
    }
  cairo_stroke (cr);

  set_series_style (cr, index, FALSE);
  for (guint p = 0; p < plot->n_points; p++)
    if (series->drawn[p])
      draw_marker (cr, index, plot_x (plot, p), plot_y (plot, series->values[p]));
  cairo_restore (cr);
}

/* GtkWidget ------------------------------------------------------------------ */

static void
sam_line_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  SamLineChart *self = SAM_LINE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  double height;
  g_autoptr(PangoLayout) layout = NULL;
  GdkRGBA color;
  cairo_t *cr;

  if (self->series->len == 0)
    return;

  height = sam_line_chart_get_height_for_width (self, width);
  layout = gtk_widget_create_pango_layout (widget, NULL);
  /* The theme's text colour, so that the dark style is followed;
   * gtk_widget_get_color() comes only with 4.10. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  sam_line_chart_draw (self, cr, layout, &color, width, height);
  cairo_destroy (cr);
}

static GtkSizeRequestMode
sam_line_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sam_line_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  SamLineChart *self = SAM_LINE_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = self->series->len > 0 ? MIN_WIDTH : 0;
  else
    *minimum = *natural = (int) ceil (sam_line_chart_get_height_for_width (self, for_size >= 0 ? for_size
                                                                                              : MIN_WIDTH));
}

static void
sam_line_chart_finalize (GObject *object)
{
  SamLineChart *self = (SamLineChart *)object;

  g_clear_pointer (&self->points, g_strfreev);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->heading, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (sam_line_chart_parent_class)->finalize (object);
}

static void
sam_line_chart_class_init (SamLineChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sam_line_chart_finalize;
  widget_class->snapshot = sam_line_chart_snapshot;
  widget_class->measure = sam_line_chart_measure;
  widget_class->get_request_mode = sam_line_chart_get_request_mode;

  gtk_widget_class_set_css_name (widget_class, "linechart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sam_line_chart_init (SamLineChart *self)
{
  self->points = g_new0 (char *, 1);
  self->series = g_ptr_array_new_with_free_func (series_free);
  self->heading = g_strdup ("");
  self->summary = g_strdup ("");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Summary chart over time"), -1);
}

/* Public API ----------------------------------------------------------------- */

/**
 * sam_line_chart_new:
 *
 * Returns: (transfer floating): an empty chart
 */
SamLineChart *
sam_line_chart_new (void)
{
  return g_object_new (SAM_TYPE_LINE_CHART, NULL);
}

/**
 * sam_line_chart_set_table:
 * @self: a #SamLineChart
 * @table: (nullable): a table from sam_stats_run() whose rows are
 *   periods, or %NULL for none
 *
 * Draws a line per column of @table (but a two-way table's total), with a
 * point per row (but the total row), and describes the lines for screen
 * readers. The chart copies what it needs; @table may be freed afterwards.
 */
void
sam_line_chart_set_table (SamLineChart        *self,
                          const SamStatsTable *table)
{
  guint n_points;

  g_return_if_fail (SAM_IS_LINE_CHART (self));

  g_ptr_array_set_size (self->series, 0);
  g_clear_pointer (&self->points, g_strfreev);
  g_clear_pointer (&self->heading, g_free);
  if (table != NULL && table->rows->len > 1 && g_strv_length (table->columns) > 0)
    {
      /* The total row is last. */
      n_points = table->rows->len - 1;
      self->points = g_new0 (char *, n_points + 1);
      for (guint p = 0; p < n_points; p++)
        self->points[p] = g_strdup (((SamStatsRow *) g_ptr_array_index (table->rows, p))->label);
      for (guint c = 0; table->columns[c] != NULL && self->series->len < SAM_LINE_CHART_MAX_SERIES; c++)
        if (column_is_series (table, c))
          g_ptr_array_add (self->series, series_new (table, c, n_points));
      self->heading = g_strdup (sam_stats_measure_get_label (table->measure));
    }
  if (self->points == NULL)
    self->points = g_new0 (char *, 1);
  if (self->heading == NULL)
    self->heading = g_strdup ("");

  update_summary (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * sam_line_chart_get_n_series:
 * @self: a #SamLineChart
 *
 * Returns: how many lines the chart draws
 */
guint
sam_line_chart_get_n_series (SamLineChart *self)
{
  g_return_val_if_fail (SAM_IS_LINE_CHART (self), 0);

  return self->series->len;
}

/**
 * sam_line_chart_get_n_points:
 * @self: a #SamLineChart
 *
 * Returns: how many periods the time axis has
 */
guint
sam_line_chart_get_n_points (SamLineChart *self)
{
  g_return_val_if_fail (SAM_IS_LINE_CHART (self), 0);

  return g_strv_length (self->points);
}

/**
 * sam_line_chart_get_summary:
 * @self: a #SamLineChart
 *
 * Returns: the accessible description: each line's name and its
 *   "period: value" points, the lines separated by semicolons
 */
const char *
sam_line_chart_get_summary (SamLineChart *self)
{
  g_return_val_if_fail (SAM_IS_LINE_CHART (self), NULL);

  return self->summary;
}

/**
 * sam_line_chart_get_height_for_width:
 * @self: a #SamLineChart
 * @width: the width to draw in, in the units of the cairo context
 *
 * Returns: the height the chart needs at @width: the legend, the plot and
 *   its axes; 0 when there is nothing to draw
 */
double
sam_line_chart_get_height_for_width (SamLineChart *self,
                                     double        width)
{
  g_return_val_if_fail (SAM_IS_LINE_CHART (self), 0);

  if (self->series->len == 0)
    return 0;
  return legend_height (self, width) + TITLE_HEIGHT + PLOT_HEIGHT + X_LABEL_HEIGHT;
}

/**
 * sam_line_chart_draw:
 * @self: a #SamLineChart
 * @cr: where to draw, the chart's top left at the origin
 * @layout: a layout in the font to use; its text and width are changed
 * @foreground: the colour of text and axes
 * @width: the width to fill
 * @height: the height, as from sam_line_chart_get_height_for_width()
 *
 * Draws the chart: the legend, the measure, the value axis with round
 * ticks, the periods and a line per series. The widget and the PDF report
 * both draw with this.
 */
void
sam_line_chart_draw (SamLineChart  *self,
                     cairo_t       *cr,
                     PangoLayout   *layout,
                     const GdkRGBA *foreground,
                     double         width,
                     double         height)
{
  double top;
  double low, high;
  Plot plot;

  g_return_if_fail (SAM_IS_LINE_CHART (self));

  if (self->series->len == 0 || self->points[0] == NULL)
    return;

  top = legend_height (self, width) + TITLE_HEIGHT;
  plot = (Plot) { Y_LABEL_WIDTH, top, MAX (width - Y_LABEL_WIDTH - RIGHT_MARGIN, 1),
                  MAX (height - top - X_LABEL_HEIGHT, 1), { 0 }, g_strv_length (self->points) };
  value_range (self, &low, &high);
  sam_chart_scale_init (&plot.scale, low, high, N_TICKS, values_are_whole (self));

  cairo_save (cr);
  draw_legend (self, cr, layout, foreground, width);
  draw_value_axis (self, cr, layout, foreground, &plot);
  draw_time_axis (self, cr, layout, foreground, &plot);
  for (guint s = 0; s < self->series->len; s++)
    draw_series (cr, g_ptr_array_index (self->series, s), s, &plot);
  cairo_restore (cr);
}
