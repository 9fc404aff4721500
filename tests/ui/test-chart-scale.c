/* test-chart-scale.c: the summary charts' value axis, and bars below zero
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "sam-bar-chart.h"
#include "sam-chart-scale.h"
#include "sam-ui-test-util.h"

#define WIDTH 600

static void
test_scale_counts (void)
{
  SamChartScale scale;
  g_autofree char *top = NULL;

  sam_chart_scale_init (&scale, 0, 7, 4, TRUE);
  g_assert_cmpfloat (scale.low, ==, 0);
  g_assert_cmpfloat (scale.step, ==, 2);
  g_assert_cmpfloat (scale.high, ==, 8);
  top = sam_chart_scale_format (&scale, scale.high);
  g_assert_cmpstr (top, ==, "8");

  /* Whole counts never step by a fraction, however few. */
  sam_chart_scale_init (&scale, 0, 2, 4, TRUE);
  g_assert_cmpfloat (scale.step, ==, 1);
  g_assert_cmpint (scale.decimals, ==, 0);

  /* Nothing to show still gives an axis. */
  sam_chart_scale_init (&scale, 0, 0, 4, TRUE);
  g_assert_cmpfloat (scale.high, >, scale.low);
}

static void
test_scale_below_zero (void)
{
  SamChartScale scale;
  g_autofree char *low = NULL;
  g_autofree char *zero = NULL;
  g_autofree char *expected_low = NULL;
  g_autofree char *expected_zero = NULL;

  /* Factor change: every mean below zero. */
  sam_chart_scale_init (&scale, -0.9, -0.3, 4, FALSE);
  g_assert_cmpfloat (scale.low, <=, -0.9);
  g_assert_cmpfloat (scale.high, ==, 0);
  g_assert_cmpfloat (scale.step, ==, 0.5);
  g_assert_cmpint (scale.decimals, ==, 1);
  g_assert_cmpfloat (sam_chart_scale_fraction (&scale, 0), ==, 1);
  g_assert_cmpfloat (sam_chart_scale_fraction (&scale, scale.low), ==, 0);

  /* Ticks follow the locale's decimal mark, as the printf family does. */
  expected_low = g_strdup_printf ("%.1f", -1.0);
  expected_zero = g_strdup_printf ("%.1f", 0.0);
  low = sam_chart_scale_format (&scale, scale.low);
  g_assert_cmpstr (low, ==, expected_low);
  /* A tick reached by adding fractions prints as 0, not -0. */
  zero = sam_chart_scale_format (&scale, -1.0 + 0.5 + 0.5 - 1e-16);
  g_assert_cmpstr (zero, ==, expected_zero);

  /* Goal attainment, 0 to 4: the ticks keep their fraction. */
  sam_chart_scale_init (&scale, 0, 3.3, 4, FALSE);
  g_assert_cmpfloat (scale.step, ==, 1);
  g_assert_cmpfloat (scale.high, ==, 4);
}

static GStrv
strv_of_one (const char *text)
{
  GStrv strv = g_new0 (char *, 2);

  strv[0] = g_strdup (text);
  return strv;
}

static void
row_free (gpointer data)
{
  SamStatsRow *row = data;

  g_free (row->code);
  g_free (row->label);
  g_strfreev (row->cells);
  g_free (row);
}

/* Change in factor scores by risk factor: two means below zero. */
static SamStatsTable *
factor_change_table (void)
{
  SamStatsTable *table = g_new0 (SamStatsTable, 1);
  const char *labels[] = { "School absence", "Criminal peers", "Total" };
  const char *cells[] = { "-0.9", "-0.3", "-0.6" };

  table->measure = SAM_STATS_MEASURE_FACTOR_CHANGE;
  table->k = 5;
  table->withheld = g_strdup ("<5");
  table->dimensions = strv_of_one ("risk-factor");
  table->row_heading = g_strdup ("Risk factor");
  table->column_codes = strv_of_one ("");
  table->columns = strv_of_one ("Change in factor scores");
  table->rows = g_ptr_array_new_with_free_func (row_free);
  for (guint r = 0; r < G_N_ELEMENTS (labels); r++)
    {
      SamStatsRow *row = g_new0 (SamStatsRow, 1);

      row->label = g_strdup (labels[r]);
      row->cells = strv_of_one (cells[r]);
      g_ptr_array_add (table->rows, row);
    }
  return table;
}

/* The leftmost and rightmost column of the bars' blue in the row at @y. */
static gboolean
blue_extent (cairo_surface_t *surface,
             int              y,
             int             *out_left,
             int             *out_right)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  *out_left = -1;
  *out_right = -1;
  cairo_surface_flush (surface);
  for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
    {
      guint32 pixel = *(guint32 *) (data + y * stride + x * 4);
      guint red = (pixel >> 16) & 0xff, blue = pixel & 0xff;

      if (blue > 0xc0 && red < 0x60)
        {
          if (*out_left < 0)
            *out_left = x;
          *out_right = x;
        }
    }
  return *out_left >= 0;
}

static void
test_bars_below_zero (void)
{
  static const GdkRGBA black = { 0, 0, 0, 1 };
  g_autoptr(SamStatsTable) table = factor_change_table ();
  SamBarChart *chart = g_object_ref_sink (sam_bar_chart_new ());
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoLayout *layout;
  int first_left, first_right, second_left, second_right;

  sam_bar_chart_set_table (chart, table);
  g_assert_cmpuint (sam_bar_chart_get_n_bars (chart), ==, 2);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, sam_bar_chart_get_height (chart));
  cr = cairo_create (surface);
  layout = pango_cairo_create_layout (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  sam_bar_chart_draw (chart, cr, layout, &black, WIDTH);

  /* Both bars are drawn, end at the same zero line and run left from it,
   * the larger decrease three times as long. Bars are 22 px high with 8
   * between. */
  g_assert_true (blue_extent (surface, 11, &first_left, &first_right));
  g_assert_true (blue_extent (surface, 30 + 11, &second_left, &second_right));
  g_assert_cmpint (ABS (first_right - second_right), <=, 1);
  g_assert_cmpint (first_left, <, second_left);
  g_assert_cmpfloat (fabs ((double) (first_right - first_left) / (second_right - second_left) - 3), <, 0.1);

  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_object_unref (chart);
}

int
main (int   argc,
      char *argv[])
{
  sam_test_init (&argc, &argv);

  g_test_add_func ("/chart-scale/counts", test_scale_counts);
  g_test_add_func ("/chart-scale/below-zero", test_scale_below_zero);
  g_test_add_func ("/chart-scale/bars-below-zero", test_bars_below_zero);

  return g_test_run ();
}
