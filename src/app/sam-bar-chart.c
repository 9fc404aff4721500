/* sam-bar-chart.c
 *
 * Horizontal bars, one per row of a summary table, so that long labels
 * such as an agency's name stay readable at the left. The value charted is
 * the table's last column: the count of a one-way table, the row total of
 * a two-way one, or the rate or median of a ratio table. The total row is
 * left out; it would dwarf every other bar.
 *
 * A withheld entry ("<5") is drawn as an outlined, hatched bar reaching to
 * k with the mark beside it: it says "somewhere below k" without drawing a
 * number the core withheld. An entry that is not a number (a rate with no
 * cases, shown as "–") gets no bar, only its text. Screen readers get the
 * same as "label: value" pairs in the accessible description.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-bar-chart"

#include "config.h"

#include "sam-bar-chart.h"

#include "sam-chart-scale.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#define BAR_HEIGHT    22
#define BAR_GAP       8
#define LABEL_WIDTH   180
#define VALUE_WIDTH   64
#define AXIS_HEIGHT   40
#define MIN_WIDTH     360
#define N_TICKS       4
#define WITHHELD_MARK 12

typedef struct
{
  char     *label;
  char     *text;
  double    value;
  gboolean  withheld;
  gboolean  is_number;
} Bar;

struct _SamBarChart
{
  GtkWidget  parent_instance;

  GArray    *bars;       /* Bar */
  char      *heading;    /* what the value axis measures */
  guint      k;
  gboolean   counts;     /* else a rate, median or mean: fractions, below zero */
  char      *summary;
};

G_DEFINE_FINAL_TYPE (SamBarChart, sam_bar_chart, GTK_TYPE_WIDGET)

/* Helpers -------------------------------------------------------------------- */

static void
bar_clear (gpointer data)
{
  Bar *bar = data;

  g_free (bar->label);
  g_free (bar->text);
}

/* From zero, or the lowest mean below it, to the highest value. A withheld
 * count is drawn as long as k, so that it reads as "fewer than k"; a
 * withheld rate or mean has no length to suggest. */
static void
fit_scale (SamBarChart   *self,
           SamChartScale *scale)
{
  double low = 0;
  double high = 0;

  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);

      if (bar->withheld && self->counts)
        high = MAX (high, self->k);
      else if (!bar->withheld)
        {
          low = MIN (low, bar->value);
          high = MAX (high, bar->value);
        }
    }
  sam_chart_scale_init (scale, low, high, N_TICKS, self->counts);
}

static void
update_summary (SamBarChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);

      if (text->len > 0)
        g_string_append (text, "; ");
      /* Translators: one bar of a chart for screen readers, "Ryd: 12" */
      g_string_append_printf (text, _("%s: %s"), bar->label, bar->text);
    }

  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&text), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->summary, -1);
}

static void
add_bar (SamBarChart         *self,
         const SamStatsTable *table,
         const SamStatsRow   *row,
         guint                column)
{
  const char *cell = row->cells[column];
  char *end = NULL;
  Bar bar = { g_strdup (row->label), g_strdup (cell), 0, FALSE, FALSE };

  if (g_strcmp0 (cell, table->withheld) == 0)
    bar.withheld = TRUE;
  else
    {
      bar.value = g_ascii_strtod (cell, &end);
      bar.is_number = end != cell;
      if (!bar.is_number)
        bar.value = 0;
    }
  g_array_append_val (self->bars, bar);
}

/* Drawing -------------------------------------------------------------------- */

static void
draw_text (cairo_t      *cr,
           PangoLayout  *layout,
           const char   *text,
           double        x,
           double        y,
           double        align)
{
  int width, height;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - width * align, y - height / 2.0);
  pango_cairo_show_layout (cr, layout);
}

/* Diagonal lines inside the bar's outline, so that a withheld bar differs
 * from a counted one by more than colour. */
static void
draw_hatched (cairo_t *cr,
              double   x,
              double   y,
              double   width,
              double   height)
{
  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, x + 0.5, y + 0.5, MAX (width - 1, 1), height - 1);
  cairo_stroke_preserve (cr);
  cairo_clip (cr);
  for (double d = -height; d < width; d += 6)
    {
      cairo_move_to (cr, x + d, y + height);
      cairo_line_to (cr, x + d + height, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_axis (SamBarChart         *self,
           cairo_t             *cr,
           PangoLayout         *layout,
           const SamChartScale *scale,
           double               x,
           double               y,
           double               width)
{
  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, x, y + 0.5);
  cairo_line_to (cr, x + width, y + 0.5);
  cairo_stroke (cr);
  for (double tick = scale->low; tick <= scale->high + scale->step / 2; tick += scale->step)
    {
      double tx = x + width * sam_chart_scale_fraction (scale, tick);
      g_autofree char *number = sam_chart_scale_format (scale, tick);

      cairo_move_to (cr, tx + 0.5, y);
      cairo_line_to (cr, tx + 0.5, y + 4);
      cairo_stroke (cr);
      draw_text (cr, layout, number, tx, y + 12, 0.5);
    }
  cairo_restore (cr);
  draw_text (cr, layout, self->heading, x + width / 2, y + 30, 0.5);
}

/* A bar runs from the zero line to its value, leftwards when it is below
 * zero; its figure stands right of whichever end is further right. */
static void
draw_bar (SamBarChart         *self,
          cairo_t             *cr,
          PangoLayout         *layout,
          const SamChartScale *scale,
          const Bar           *bar,
          double               y,
          double               plot_width)
{
  double x = LABEL_WIDTH + 8;
  double zero = x + plot_width * sam_chart_scale_fraction (scale, 0);
  double end = x + plot_width * sam_chart_scale_fraction (scale, bar->value);
  double right;

  draw_text (cr, layout, bar->label, LABEL_WIDTH, y + BAR_HEIGHT / 2.0, 1.0);
  if (bar->withheld)
    {
      end = self->counts ? x + plot_width * sam_chart_scale_fraction (scale, self->k) : zero + WITHHELD_MARK;
      draw_hatched (cr, zero, y, end - zero, BAR_HEIGHT);
    }
  else if (bar->is_number && end != zero)
    {
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_rectangle (cr, MIN (zero, end), y, fabs (end - zero), BAR_HEIGHT);
      cairo_fill (cr);
      cairo_restore (cr);
    }
  right = MAX (zero, end);
  draw_text (cr, layout, bar->text, right + 6, y + BAR_HEIGHT / 2.0, 0);
}

/* GtkWidget ------------------------------------------------------------------ */

static int
chart_height (SamBarChart *self)
{
  guint n = self->bars->len;

  return n > 0 ? n * (BAR_HEIGHT + BAR_GAP) + AXIS_HEIGHT : 0;
}

static void
sam_bar_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  SamBarChart *self = SAM_BAR_CHART (widget);
  int width = gtk_widget_get_width (widget);
  g_autoptr(PangoLayout) layout = NULL;
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  GdkRGBA color;
  cairo_t *cr;

  if (self->bars->len == 0)
    return;

  layout = gtk_widget_create_pango_layout (widget, NULL);
  /* The theme's text colour; gtk_widget_get_color() comes only with 4.10. */
  gtk_style_context_get_color (style, &color);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, chart_height (self)));
  sam_bar_chart_draw (self, cr, layout, &color, width);
  cairo_destroy (cr);
}

static void
sam_bar_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  SamBarChart *self = SAM_BAR_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = self->bars->len > 0 ? MIN_WIDTH : 0;
  else
    *minimum = *natural = chart_height (self);
}

static void
sam_bar_chart_finalize (GObject *object)
{
  SamBarChart *self = (SamBarChart *)object;

  g_clear_pointer (&self->bars, g_array_unref);
  g_clear_pointer (&self->heading, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (sam_bar_chart_parent_class)->finalize (object);
}

static void
sam_bar_chart_class_init (SamBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sam_bar_chart_finalize;
  widget_class->snapshot = sam_bar_chart_snapshot;
  widget_class->measure = sam_bar_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sam_bar_chart_init (SamBarChart *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, bar_clear);
  self->heading = g_strdup ("");
  self->summary = g_strdup ("");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Summary chart"), -1);
}

/* Public API ----------------------------------------------------------------- */

/**
 * sam_bar_chart_new:
 *
 * Returns: (transfer floating): an empty chart
 */
SamBarChart *
sam_bar_chart_new (void)
{
  return g_object_new (SAM_TYPE_BAR_CHART, NULL);
}

/**
 * sam_bar_chart_set_table:
 * @self: a #SamBarChart
 * @table: (nullable): a table from sam_stats_run(), or %NULL for none
 *
 * Draws one bar per row of @table but its total, from the last column,
 * and describes the bars for screen readers. The chart copies what it
 * needs; @table may be freed afterwards.
 */
void
sam_bar_chart_set_table (SamBarChart         *self,
                         const SamStatsTable *table)
{
  guint n_columns;

  g_return_if_fail (SAM_IS_BAR_CHART (self));

  g_array_set_size (self->bars, 0);
  g_clear_pointer (&self->heading, g_free);
  self->k = 0;
  if (table != NULL && (n_columns = g_strv_length (table->columns)) > 0)
    {
      self->k = table->k;
      self->counts = sam_stats_measure_is_count (table->measure);
      self->heading = g_strdup (table->columns[n_columns - 1]);
      /* The total row is last. */
      for (guint r = 0; r + 1 < table->rows->len; r++)
        add_bar (self, table, g_ptr_array_index (table->rows, r), n_columns - 1);
    }
  if (self->heading == NULL)
    self->heading = g_strdup ("");

  update_summary (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * sam_bar_chart_get_height:
 * @self: a #SamBarChart
 *
 * Returns: the height the chart needs, whatever its width: a bar per row
 *   and the axis; 0 when there is nothing to draw
 */
int
sam_bar_chart_get_height (SamBarChart *self)
{
  g_return_val_if_fail (SAM_IS_BAR_CHART (self), 0);

  return chart_height (self);
}

/**
 * sam_bar_chart_draw:
 * @self: a #SamBarChart
 * @cr: where to draw, the chart's top left at the origin
 * @layout: a layout in the font to use; its text, width and ellipsizing
 *   are changed
 * @foreground: the colour of text, axis and withheld bars
 * @width: the width to fill; the height is sam_bar_chart_get_height()
 *
 * Draws the bars and the value axis. The widget and the PDF report both
 * draw with this.
 */
void
sam_bar_chart_draw (SamBarChart   *self,
                    cairo_t       *cr,
                    PangoLayout   *layout,
                    const GdkRGBA *foreground,
                    double         width)
{
  double plot_width = MAX (width - LABEL_WIDTH - 8 - VALUE_WIDTH, 1);
  SamChartScale scale;

  g_return_if_fail (SAM_IS_BAR_CHART (self));

  fit_scale (self, &scale);
  cairo_save (cr);
  pango_layout_set_width (layout, LABEL_WIDTH * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  gdk_cairo_set_source_rgba (cr, foreground);
  for (guint i = 0; i < self->bars->len; i++)
    draw_bar (self, cr, layout, &scale, &g_array_index (self->bars, Bar, i), i * (BAR_HEIGHT + BAR_GAP),
              plot_width);
  draw_axis (self, cr, layout, &scale, LABEL_WIDTH + 8, self->bars->len * (BAR_HEIGHT + BAR_GAP), plot_width);
  cairo_restore (cr);
}

/**
 * sam_bar_chart_get_n_bars:
 * @self: a #SamBarChart
 *
 * Returns: how many bars the chart draws
 */
guint
sam_bar_chart_get_n_bars (SamBarChart *self)
{
  g_return_val_if_fail (SAM_IS_BAR_CHART (self), 0);

  return self->bars->len;
}

/**
 * sam_bar_chart_get_summary:
 * @self: a #SamBarChart
 *
 * Returns: the accessible description: "label: value" for each bar,
 *   separated by semicolons
 */
const char *
sam_bar_chart_get_summary (SamBarChart *self)
{
  g_return_val_if_fail (SAM_IS_BAR_CHART (self), NULL);

  return self->summary;
}
