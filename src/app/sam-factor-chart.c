/* sam-factor-chart.c
 *
 * Small multiples: one panel per factor, its score (0–3) at each mapping,
 * dates along the bottom. Risk factors are drawn with a solid line and
 * square markers, protective factors with a dashed line and open circles,
 * and each panel's title names the kind, so that the difference never
 * rests on colour alone. Screen readers get the same as a sentence per
 * factor, "School absence: 3 → 1", in the accessible description.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-factor-chart"

#include "config.h"

#include "sam-factor-chart.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#define PANEL_WIDTH_MIN 260
#define PANEL_HEIGHT    132
#define PANEL_GAP       12
#define TITLE_HEIGHT    22
#define AXIS_WIDTH      18
#define DATES_HEIGHT    18
#define MARKER_SIZE     7

struct _SamFactorChart
{
  GtkWidget   parent_instance;

  GPtrArray  *series;     /* SamFactorSeries */
  char       *summary;
};

G_DEFINE_FINAL_TYPE (SamFactorChart, sam_factor_chart, GTK_TYPE_WIDGET)

/* Helpers -------------------------------------------------------------------- */

static guint
n_series (SamFactorChart *self)
{
  return self->series != NULL ? self->series->len : 0;
}

static guint
columns_for_width (int width)
{
  return MAX (1, (width + PANEL_GAP) / (PANEL_WIDTH_MIN + PANEL_GAP));
}

static char *
describe_series (const SamFactorSeries *series)
{
  int first, latest;

  if (!sam_factor_series_get_change (series, &first, &latest, NULL))
    return g_strdup (series->label);
  if (series->points->len == 1)
    /* Translators: a factor scored once: its label and the score */
    return g_strdup_printf (_("%s: %d"), series->label, first);

  /* Translators: a factor's first and latest score, "School absence: 3 → 1" */
  return g_strdup_printf (_("%s: %d → %d"), series->label, first, latest);
}

static void
update_summary (SamFactorChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n_series (self); i++)
    {
      g_autofree char *line = describe_series (g_ptr_array_index (self->series, i));

      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, line);
    }

  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&text), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->summary, -1);
}

/* Days since the first point, to place each point along the x axis by date. */
static double
day_number (const char *date)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *iso = g_strconcat (date, "T00:00:00Z", NULL);

  time = g_date_time_new_from_iso8601 (iso, NULL);
  return time != NULL ? g_date_time_to_unix (time) / 86400.0 : 0;
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
  cairo_move_to (cr, x - width * align, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_axes (cairo_t      *cr,
           PangoLayout  *layout,
           double        x,
           double        y,
           double        width,
           double        height)
{
  for (int score = 0; score <= SAM_FACTOR_SCORE_MAX; score++)
    {
      double ty = y + height - height * score / SAM_FACTOR_SCORE_MAX;
      char number[4];

      g_snprintf (number, sizeof number, "%d", score);
      draw_text (cr, layout, number, x - 8, ty - 8, 1.0);
      cairo_save (cr);
      cairo_set_line_width (cr, 1);
      cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, score == 0 ? 0.8 : 0.3);
      cairo_move_to (cr, x, ty + 0.5);
      cairo_line_to (cr, x + width, ty + 0.5);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
}

static void
draw_marker (cairo_t  *cr,
             gboolean  risk,
             double    x,
             double    y)
{
  if (risk)
    {
      cairo_rectangle (cr, x - MARKER_SIZE / 2.0, y - MARKER_SIZE / 2.0, MARKER_SIZE, MARKER_SIZE);
      cairo_fill (cr);
      return;
    }

  cairo_save (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_arc (cr, x, y, MARKER_SIZE / 2.0, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_line (cairo_t               *cr,
           const SamFactorSeries *series,
           double                 x,
           double                 y,
           double                 width,
           double                 height)
{
  GArray *points = series->points;
  gboolean risk = series->kind == SAM_CATALOGUE_KIND_RISK_FACTOR;
  double first = day_number (g_array_index (points, SamFactorPoint, 0).date);
  double span = day_number (g_array_index (points, SamFactorPoint, points->len - 1).date) - first;
  static const double dash[] = { 6, 4 };

  /* Risk: a warm red, solid; protective: a blue, dashed. */
  if (risk)
    cairo_set_source_rgb (cr, 0.75, 0.11, 0.16);
  else
    cairo_set_source_rgb (cr, 0.11, 0.42, 0.80);
  cairo_set_line_width (cr, 2);
  if (!risk)
    cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);

  for (guint i = 0; i < points->len; i++)
    {
      const SamFactorPoint *point = &g_array_index (points, SamFactorPoint, i);
      double px = span > 0 ? x + width * (day_number (point->date) - first) / span : x + width / 2;
      double py = y + height - height * point->score / SAM_FACTOR_SCORE_MAX;

      if (i == 0)
        cairo_move_to (cr, px, py);
      else
        cairo_line_to (cr, px, py);
    }
  cairo_stroke (cr);

  for (guint i = 0; i < points->len; i++)
    {
      const SamFactorPoint *point = &g_array_index (points, SamFactorPoint, i);
      double px = span > 0 ? x + width * (day_number (point->date) - first) / span : x + width / 2;

      draw_marker (cr, risk, px, y + height - height * point->score / SAM_FACTOR_SCORE_MAX);
    }
}

static void
draw_panel (SamFactorChart        *self,
            cairo_t               *cr,
            const SamFactorSeries *series,
            double                 x,
            double                 y,
            double                 width)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  g_autoptr(PangoLayout) small = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  /* Translators: a chart panel's title: the factor and its kind */
  g_autofree char *title = g_strdup_printf (_("%s (%s)"), series->label,
                                            series->kind == SAM_CATALOGUE_KIND_RISK_FACTOR
                                              ? _("risk") : _("protective"));
  GArray *points = series->points;
  double plot_x = x + AXIS_WIDTH + 8, plot_y = y + TITLE_HEIGHT + 8;
  double plot_w = width - AXIS_WIDTH - 18, plot_h = PANEL_HEIGHT - TITLE_HEIGHT - DATES_HEIGHT - 16;

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
  pango_layout_set_attributes (small, attrs);
  pango_layout_set_width (layout, (int) width * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  draw_text (cr, layout, title, x, y, 0);
  draw_axes (cr, small, plot_x, plot_y, plot_w, plot_h);
  draw_text (cr, small, g_array_index (points, SamFactorPoint, 0).date, plot_x, plot_y + plot_h + 4, 0);
  if (points->len > 1)
    draw_text (cr, small, g_array_index (points, SamFactorPoint, points->len - 1).date,
               plot_x + plot_w, plot_y + plot_h + 4, 1.0);
  cairo_save (cr);
  /* Inset, so that no marker sits on the axis labels. */
  draw_line (cr, series, plot_x + MARKER_SIZE, plot_y, plot_w - 2 * MARKER_SIZE, plot_h);
  cairo_restore (cr);
}

/* GtkWidget ------------------------------------------------------------------ */

static void
sam_factor_chart_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  SamFactorChart *self = SAM_FACTOR_CHART (widget);
  int width = gtk_widget_get_width (widget);
  guint columns = columns_for_width (width);
  double panel_width = (width - (columns - 1.0) * PANEL_GAP) / columns;
  guint rows = (n_series (self) + columns - 1) / columns;
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  GdkRGBA color;
  cairo_t *cr;

  if (n_series (self) == 0)
    return;

  /* The text colour of the theme, light or dark; gtk_widget_get_color()
   * comes only with GTK 4.10. */
  gtk_style_context_get_color (style, &color);
  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (0, 0, width, rows * (PANEL_HEIGHT + PANEL_GAP)));
  for (guint i = 0; i < n_series (self); i++)
    {
      gdk_cairo_set_source_rgba (cr, &color);
      draw_panel (self, cr, g_ptr_array_index (self->series, i),
                  (i % columns) * (panel_width + PANEL_GAP), (i / columns) * (PANEL_HEIGHT + PANEL_GAP),
                  panel_width);
    }
  cairo_destroy (cr);
}

static void
sam_factor_chart_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  SamFactorChart *self = SAM_FACTOR_CHART (widget);
  guint columns, rows;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = n_series (self) > 0 ? PANEL_WIDTH_MIN : 0;
      *natural = n_series (self) > 0 ? 2 * PANEL_WIDTH_MIN + PANEL_GAP : 0;
      return;
    }

  columns = columns_for_width (for_size >= 0 ? for_size : PANEL_WIDTH_MIN);
  rows = (n_series (self) + columns - 1) / columns;
  *minimum = *natural = rows > 0 ? rows * (PANEL_HEIGHT + PANEL_GAP) - PANEL_GAP : 0;
}

static GtkSizeRequestMode
sam_factor_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sam_factor_chart_finalize (GObject *object)
{
  SamFactorChart *self = (SamFactorChart *)object;

  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (sam_factor_chart_parent_class)->finalize (object);
}

static void
sam_factor_chart_class_init (SamFactorChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sam_factor_chart_finalize;
  widget_class->snapshot = sam_factor_chart_snapshot;
  widget_class->measure = sam_factor_chart_measure;
  widget_class->get_request_mode = sam_factor_chart_get_request_mode;

  gtk_widget_class_set_css_name (widget_class, "factorchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sam_factor_chart_init (SamFactorChart *self)
{
  self->summary = g_strdup ("");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Factor scores over time"), -1);
}

/* Public API ----------------------------------------------------------------- */

/**
 * sam_factor_chart_new:
 *
 * Returns: (transfer floating): an empty chart
 */
SamFactorChart *
sam_factor_chart_new (void)
{
  return g_object_new (SAM_TYPE_FACTOR_CHART, NULL);
}

/**
 * sam_factor_chart_set_series:
 * @self: a #SamFactorChart
 * @series: (element-type SamFactorSeries) (nullable): the factors to
 *   draw, as sam_mapping_store_get_series() returns them, or %NULL for none
 *
 * Draws @series, keeping a reference, and describes them for screen readers.
 */
void
sam_factor_chart_set_series (SamFactorChart *self,
                             GPtrArray      *series)
{
  g_return_if_fail (SAM_IS_FACTOR_CHART (self));

  if (series != NULL)
    g_ptr_array_ref (series);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  self->series = series;
  update_summary (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * sam_factor_chart_get_series:
 * @self: a #SamFactorChart
 *
 * Returns: (transfer none) (element-type SamFactorSeries) (nullable): what
 *   the chart draws
 */
GPtrArray *
sam_factor_chart_get_series (SamFactorChart *self)
{
  g_return_val_if_fail (SAM_IS_FACTOR_CHART (self), NULL);

  return self->series;
}

/**
 * sam_factor_chart_get_summary:
 * @self: a #SamFactorChart
 *
 * Returns: the accessible description: each factor's first and latest
 *   score, such as "School absence: 3 → 1", separated by semicolons
 */
const char *
sam_factor_chart_get_summary (SamFactorChart *self)
{
  g_return_val_if_fail (SAM_IS_FACTOR_CHART (self), NULL);

  return self->summary;
}
