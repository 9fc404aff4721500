/* sam-factor-scores-group.c
 *
 * One row per risk and protective factor of the catalogue: a check box
 * saying the factor is scored, and its score from 0 to 3. A factor nobody
 * scored stays out of the mapping rather than being recorded as 0, so that
 * the charts show only what was assessed. Pre-filled from a mapping, the
 * group carries the factors that mapping scored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-factor-scores-group"

#include "config.h"

#include "sam-factor-scores-group.h"

#include <glib/gi18n.h>

struct _SamFactorScoresGroup
{
  AdwPreferencesGroup  parent_instance;

  GPtrArray           *rows;      /* AdwActionRow, with "entry" data: the catalogue entry */
};

G_DEFINE_FINAL_TYPE (SamFactorScoresGroup, sam_factor_scores_group, ADW_TYPE_PREFERENCES_GROUP)

static GtkCheckButton *
row_check (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "check");
}

static GtkSpinButton *
row_spin (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "spin");
}

static GtkWidget *
factor_row_new (const SamCatalogueEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, SAM_FACTOR_SCORE_MAX, 1);
  const char *label = sam_catalogue_entry_get_label (entry);
  /* Translators: the accessible name of a factor's score, %s is the factor */
  g_autofree char *score_name = g_strdup_printf (_("Score for %s"), label);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sam_catalogue_kind_get_label (entry->kind));
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, _("Score this factor"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, score_name, -1);
  g_object_bind_property (check, "active", spin, "sensitive", G_BINDING_SYNC_CREATE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data (G_OBJECT (row), "entry", (gpointer) entry);
  g_object_set_data (G_OBJECT (row), "check", check);
  g_object_set_data (G_OBJECT (row), "spin", spin);

  return row;
}

static void
add_kind (SamFactorScoresGroup *self,
          SamCatalogueKind      kind)
{
  guint n = 0;
  const SamCatalogueEntry *entries = sam_catalogue_list (kind, &n);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = factor_row_new (&entries[i]);

      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
    }
}

static GtkWidget *
find_row (SamFactorScoresGroup *self,
          const char           *code)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      const SamCatalogueEntry *entry = g_object_get_data (G_OBJECT (row), "entry");

      if (g_strcmp0 (entry->code, code) == 0)
        return row;
    }

  return NULL;
}

static void
sam_factor_scores_group_finalize (GObject *object)
{
  SamFactorScoresGroup *self = (SamFactorScoresGroup *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sam_factor_scores_group_parent_class)->finalize (object);
}

static void
sam_factor_scores_group_class_init (SamFactorScoresGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sam_factor_scores_group_finalize;
}

static void
sam_factor_scores_group_init (SamFactorScoresGroup *self)
{
  self->rows = g_ptr_array_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Factors"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Tick each factor you assessed and score it from 0 (not present) "
                                           "to 3 (strongly present)."));
  add_kind (self, SAM_CATALOGUE_KIND_RISK_FACTOR);
  add_kind (self, SAM_CATALOGUE_KIND_PROTECTIVE_FACTOR);
}

/**
 * sam_factor_scores_group_new:
 *
 * Returns: (transfer floating): a group with every factor of the
 *   catalogue, none ticked
 */
SamFactorScoresGroup *
sam_factor_scores_group_new (void)
{
  return g_object_new (SAM_TYPE_FACTOR_SCORES_GROUP, NULL);
}

/**
 * sam_factor_scores_group_set_scores:
 * @self: a #SamFactorScoresGroup
 * @mapping: (nullable): the mapping to start from, or %NULL for none
 *
 * Ticks and scores exactly the factors @mapping scored.
 */
void
sam_factor_scores_group_set_scores (SamFactorScoresGroup *self,
                                    const SamMapping     *mapping)
{
  g_return_if_fail (SAM_IS_FACTOR_SCORES_GROUP (self));

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      gtk_check_button_set_active (row_check (row), FALSE);
      gtk_spin_button_set_value (row_spin (row), 0);
    }

  for (guint i = 0; mapping != NULL && i < mapping->scores->len; i++)
    {
      const SamFactorScore *score = &g_array_index (mapping->scores, SamFactorScore, i);

      sam_factor_scores_group_set_score (self, score->code, score->score);
    }
}

/**
 * sam_factor_scores_group_set_score:
 * @self: a #SamFactorScoresGroup
 * @code: a risk or protective factor's catalogue code
 * @score: 0 to %SAM_FACTOR_SCORE_MAX, or -1 to leave the factor unscored
 *
 * Ticks and scores one factor, or unticks it.
 */
void
sam_factor_scores_group_set_score (SamFactorScoresGroup *self,
                                   const char           *code,
                                   int                   score)
{
  GtkWidget *row;

  g_return_if_fail (SAM_IS_FACTOR_SCORES_GROUP (self));

  if ((row = find_row (self, code)) == NULL)
    return;

  gtk_check_button_set_active (row_check (row), score >= 0);
  gtk_spin_button_set_value (row_spin (row), MAX (score, 0));
}

/**
 * sam_factor_scores_group_get_scores:
 * @self: a #SamFactorScoresGroup
 *
 * Returns: (transfer full) (element-type SamFactorScore): the ticked
 *   factors' scores, risk factors first, in catalogue order
 */
GArray *
sam_factor_scores_group_get_scores (SamFactorScoresGroup *self)
{
  GArray *scores = g_array_new (FALSE, TRUE, sizeof (SamFactorScore));

  g_return_val_if_fail (SAM_IS_FACTOR_SCORES_GROUP (self), scores);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      const SamCatalogueEntry *entry = g_object_get_data (G_OBJECT (row), "entry");
      SamFactorScore score = {
        .kind = entry->kind,
        .code = entry->code,
        .score = gtk_spin_button_get_value_as_int (row_spin (row)),
      };

      if (gtk_check_button_get_active (row_check (row)))
        g_array_append_val (scores, score);
    }

  return scores;
}
