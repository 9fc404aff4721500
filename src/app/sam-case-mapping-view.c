/* sam-case-mapping-view.c
 *
 * The mapping (kartläggning) of one case: each scored factor's change over
 * time as a small chart, and the same as a table of first score, latest
 * score and change. Whoever may write the mapping gets "Score Factors…";
 * follow-ups add the later scorings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-case-mapping-view"

#include "config.h"

#include "sam-case-mapping-view.h"

#include <glib/gi18n.h>

#include "sam-factor-chart.h"
#include "sam-mapping-dialog.h"

struct _SamCaseMappingView
{
  GtkWidget        parent_instance;

  SamSession      *session;
  gint64           case_id;
  GtkWindow       *dialog;          /* weak: an open dialog about this case */

  /* Template widgets */
  GtkWidget       *box;
  GtkWidget       *score_button;
  GtkLabel        *error_label;
  GtkLabel        *empty_label;
  SamFactorChart  *chart;
  GtkGrid         *table_grid;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (SamCaseMappingView, sam_case_mapping_view, GTK_TYPE_WIDGET)

/* Helpers -------------------------------------------------------------------- */

static void
show_error (SamCaseMappingView *self,
            const char         *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
close_dialog (SamCaseMappingView *self)
{
  GtkWindow *dialog = self->dialog;

  if (dialog == NULL)
    return;

  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  self->dialog = NULL;
  gtk_window_destroy (dialog);
}

static void
clear_table (SamCaseMappingView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table_grid))) != NULL)
    gtk_grid_remove (self->table_grid, child);
}

static void
attach_cell (SamCaseMappingView *self,
             const char         *text,
             int                 column,
             int                 row,
             const char         *style_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  gtk_label_set_wrap (GTK_LABEL (label), column == 0);
  gtk_widget_set_hexpand (label, column == 0);
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);
  gtk_grid_attach (self->table_grid, label, column, row, 1, 1);
}

/* "−2, better": for a risk factor a fall is an improvement, for a
 * protective factor a rise. */
static char *
describe_change (const SamFactorSeries *series,
                 int                    change)
{
  gboolean risk = series->kind == SAM_CATALOGUE_KIND_RISK_FACTOR;

  if (change == 0)
    return g_strdup (_("no change"));
  if ((change < 0) == risk)
    /* Translators: a factor's change in score that is an improvement; %+d is like +1 or -2 */
    return g_strdup_printf (_("%+d, better"), change);

  /* Translators: a factor's change in score that is a deterioration; %+d is like +1 or -2 */
  return g_strdup_printf (_("%+d, worse"), change);
}

static void
fill_table (SamCaseMappingView *self,
            GPtrArray          *series)
{
  const char *headings[] = { _("Factor"), _("Kind"), _("First"), _("Latest"), _("Change") };

  clear_table (self);
  if (series->len == 0)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    attach_cell (self, headings[i], i, 0, "heading");

  for (guint i = 0; i < series->len; i++)
    {
      SamFactorSeries *one = g_ptr_array_index (series, i);
      int first, latest, change;
      char first_text[4], latest_text[4];
      g_autofree char *change_text = NULL;

      if (!sam_factor_series_get_change (one, &first, &latest, &change))
        continue;

      g_snprintf (first_text, sizeof first_text, "%d", first);
      g_snprintf (latest_text, sizeof latest_text, "%d", latest);
      change_text = describe_change (one, change);
      attach_cell (self, one->label, 0, i + 1, NULL);
      attach_cell (self, sam_catalogue_kind_get_label (one->kind), 1, i + 1, "dim-label");
      attach_cell (self, first_text, 2, i + 1, "numeric");
      attach_cell (self, latest_text, 3, i + 1, "numeric");
      attach_cell (self, change_text, 4, i + 1, NULL);
    }
}

/* Signal callbacks ----------------------------------------------------------- */

static void
on_recorded (SamCaseMappingView *self,
             gint64              mapping_id,
             SamMappingDialog   *dialog)
{
  g_assert (SAM_IS_CASE_MAPPING_VIEW (self));

  sam_case_mapping_view_refresh (self);
  g_signal_emit (self, signals [CHANGED], 0);
}

/* Actions -------------------------------------------------------------------- */

static void
score_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SamCaseMappingView *self = SAM_CASE_MAPPING_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mappings = sam_mapping_store_list (self->session, self->case_id, &error);
  SamMappingDialog *dialog;

  if (mappings == NULL)
    {
      show_error (self, error->message);
      return;
    }

  close_dialog (self);
  dialog = sam_mapping_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->session,
                                   self->case_id,
                                   mappings->len > 0 ? g_ptr_array_index (mappings, mappings->len - 1) : NULL);
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (on_recorded), self, G_CONNECT_SWAPPED);
  self->dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Life cycle ----------------------------------------------------------------- */

static void
sam_case_mapping_view_dispose (GObject *object)
{
  SamCaseMappingView *self = (SamCaseMappingView *)object;

  close_dialog (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SAM_TYPE_CASE_MAPPING_VIEW);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sam_case_mapping_view_parent_class)->dispose (object);
}

static void
sam_case_mapping_view_class_init (SamCaseMappingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_case_mapping_view_dispose;

  /**
   * SamCaseMappingView::changed:
   * @self: the view
   *
   * The user recorded a mapping: the case's chronology has a new entry.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (SAM_TYPE_FACTOR_CHART);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-case-mapping-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SamCaseMappingView, box);
  gtk_widget_class_bind_template_child (widget_class, SamCaseMappingView, score_button);
  gtk_widget_class_bind_template_child (widget_class, SamCaseMappingView, error_label);
  gtk_widget_class_bind_template_child (widget_class, SamCaseMappingView, empty_label);
  gtk_widget_class_bind_template_child (widget_class, SamCaseMappingView, chart);
  gtk_widget_class_bind_template_child (widget_class, SamCaseMappingView, table_grid);

  gtk_widget_class_install_action (widget_class, "mapping.score", NULL, score_action);
}

static void
sam_case_mapping_view_init (SamCaseMappingView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API ----------------------------------------------------------------- */

/**
 * sam_case_mapping_view_new:
 *
 * Returns: (transfer floating): a new, empty mapping view
 */
SamCaseMappingView *
sam_case_mapping_view_new (void)
{
  return g_object_new (SAM_TYPE_CASE_MAPPING_VIEW, NULL);
}

/**
 * sam_case_mapping_view_load:
 * @self: a #SamCaseMappingView
 * @session: the signed-in user
 * @case_id: the case whose mapping to show
 *
 * Shows the factors of @case_id as @session may see them.
 */
void
sam_case_mapping_view_load (SamCaseMappingView *self,
                            SamSession         *session,
                            gint64              case_id)
{
  g_return_if_fail (SAM_IS_CASE_MAPPING_VIEW (self));
  g_return_if_fail (SAM_IS_SESSION (session));

  sam_case_mapping_view_clear (self);
  g_set_object (&self->session, session);
  self->case_id = case_id;
  sam_case_mapping_view_refresh (self);
}

/**
 * sam_case_mapping_view_refresh:
 * @self: a #SamCaseMappingView
 *
 * Reads the factors' series again, after a mapping or a follow-up.
 */
void
sam_case_mapping_view_refresh (SamCaseMappingView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) series = NULL;
  SamAccessTarget target = { 0 };
  gboolean write;

  g_return_if_fail (SAM_IS_CASE_MAPPING_VIEW (self));

  if (self->session == NULL)
    return;

  target.case_id = self->case_id;
  write = sam_policy_may (self->session, SAM_OPERATION_MAPPING_WRITE, &target);
  gtk_widget_set_visible (self->score_button, write);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mapping.score", write);

  series = sam_mapping_store_get_series (self->session, self->case_id, &error);
  if (series == NULL)
    {
      sam_factor_chart_set_series (self->chart, NULL);
      clear_table (self);
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), series->len == 0);
  sam_factor_chart_set_series (self->chart, series);
  fill_table (self, series);
}

/**
 * sam_case_mapping_view_clear:
 * @self: a #SamCaseMappingView
 *
 * Forgets the case: closes any open dialog and empties the chart and the
 * table.
 */
void
sam_case_mapping_view_clear (SamCaseMappingView *self)
{
  g_return_if_fail (SAM_IS_CASE_MAPPING_VIEW (self));

  close_dialog (self);
  sam_factor_chart_set_series (self->chart, NULL);
  clear_table (self);
  show_error (self, NULL);
  gtk_widget_set_visible (self->score_button, FALSE);
  g_clear_object (&self->session);
  self->case_id = 0;
}
