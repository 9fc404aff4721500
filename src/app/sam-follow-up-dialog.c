/* sam-follow-up-dialog.c
 *
 * Records a follow-up as held: the day, the notes, the factors scored
 * again (starting from the latest mapping) and each goal's attainment from
 * 0 (not attained) to 4 (fully attained). A refused save marks the field
 * the core names and keeps everything entered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-follow-up-dialog"

#include "config.h"

#include "sam-follow-up-dialog.h"

#include <glib/gi18n.h>

#include "sam-factor-scores-group.h"

struct _SamFollowUpDialog
{
  AdwWindow              parent_instance;

  SamSession            *session;
  gint64                 follow_up_id;
  GPtrArray             *goal_spins;    /* GtkSpinButton, with "goal-id" data */

  /* Template widgets */
  GtkLabel              *error_label;
  AdwEntryRow           *held_on_row;
  GtkTextView           *notes_view;
  AdwPreferencesGroup   *goals_group;
  SamFactorScoresGroup  *scores_group;
};

enum {
  HELD,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (SamFollowUpDialog, sam_follow_up_dialog, ADW_TYPE_WINDOW)

/* Helpers -------------------------------------------------------------------- */

static void
add_goal_rows (SamFollowUpDialog *self,
               GPtrArray         *goals)
{
  for (guint i = 0; goals != NULL && i < goals->len; i++)
    {
      SamPlanGoal *goal = g_ptr_array_index (goals, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin = gtk_spin_button_new_with_range (0, SAM_GOAL_ATTAINMENT_MAX, 1);
      /* Translators: the accessible name of a goal's rating, %s is the goal */
      g_autofree char *name = g_strdup_printf (_("Attainment of %s"), goal->description);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), goal->description);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), goal->indicator);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      g_object_set_data_full (G_OBJECT (spin), "goal-id", g_memdup2 (&goal->id, sizeof (gint64)), g_free);
      adw_preferences_group_add (self->goals_group, row);
      g_ptr_array_add (self->goal_spins, spin);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->goals_group), self->goal_spins->len > 0);
}

static GArray *
attainment (SamFollowUpDialog *self)
{
  GArray *ratings = g_array_new (FALSE, TRUE, sizeof (SamGoalAttainment));

  for (guint i = 0; i < self->goal_spins->len; i++)
    {
      GtkSpinButton *spin = g_ptr_array_index (self->goal_spins, i);
      SamGoalAttainment rating = {
        .goal_id = *(gint64 *) g_object_get_data (G_OBJECT (spin), "goal-id"),
        .attainment = gtk_spin_button_get_value_as_int (spin),
      };

      g_array_append_val (ratings, rating);
    }

  return ratings;
}

static char *
notes_text (SamFollowUpDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
clear_errors (SamFollowUpDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_label_set_text (self->error_label, "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->held_on_row), "error");
}

static void
show_error (SamFollowUpDialog *self,
            const char        *message)
{
  struct { const char *field; GtkWidget *widget; } fields[] = {
    { C_("follow-up", "Held on"), GTK_WIDGET (self->held_on_row) },
    { C_("follow-up", "Notes"), GTK_WIDGET (self->notes_view) },
    { _("Goal attainment"), GTK_WIDGET (self->goals_group) },
    { C_("mapping", "Scores"), GTK_WIDGET (self->scores_group) },
    { C_("mapping", "Scored on"), GTK_WIDGET (self->held_on_row) },
  };

  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *prefix = g_strconcat (fields[i].field, ":", NULL);

      if (g_str_has_prefix (message, prefix))
        {
          if (ADW_IS_ENTRY_ROW (fields[i].widget))
            gtk_widget_add_css_class (fields[i].widget, "error");
          gtk_widget_child_focus (fields[i].widget, GTK_DIR_TAB_FORWARD);
          return;
        }
    }
}

/* Signal callbacks ----------------------------------------------------------- */

static void
on_date_row_changed (AdwEntryRow       *row,
                     SamFollowUpDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (text[0] == '\0' || sam_validate_date ("", text, NULL, NULL))
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
}

/* Actions -------------------------------------------------------------------- */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SamFollowUpDialog *self = SAM_FOLLOW_UP_DIALOG (widget);
  g_autoptr(GArray) scores = sam_factor_scores_group_get_scores (self->scores_group);
  g_autoptr(GArray) ratings = attainment (self);
  g_autofree char *notes = notes_text (self);
  g_autoptr(GError) error = NULL;
  SamFollowUpHoldDraft draft = {
    .held_on = gtk_editable_get_text (GTK_EDITABLE (self->held_on_row)),
    .notes = notes[0] != '\0' ? notes : NULL,
    .scores = scores->len > 0 ? (const SamFactorScore *) scores->data : NULL,
    .n_scores = scores->len,
    .attainment = ratings->len > 0 ? (const SamGoalAttainment *) ratings->data : NULL,
    .n_attainment = ratings->len,
  };

  clear_errors (self);
  if (!sam_follow_up_store_hold (self->session, self->follow_up_id, &draft, &error))
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals [HELD], 0, self->follow_up_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Life cycle ----------------------------------------------------------------- */

static void
sam_follow_up_dialog_dispose (GObject *object)
{
  SamFollowUpDialog *self = (SamFollowUpDialog *)object;

  g_clear_pointer (&self->goal_spins, g_ptr_array_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sam_follow_up_dialog_parent_class)->dispose (object);
}

static void
sam_follow_up_dialog_class_init (SamFollowUpDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_follow_up_dialog_dispose;

  /**
   * SamFollowUpDialog::held:
   * @self: the dialog
   * @follow_up_id: the follow-up
   *
   * The follow-up was recorded as held; the dialog closes right after.
   */
  signals [HELD] =
    g_signal_new ("held",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (SAM_TYPE_FACTOR_SCORES_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-follow-up-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SamFollowUpDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SamFollowUpDialog, held_on_row);
  gtk_widget_class_bind_template_child (widget_class, SamFollowUpDialog, notes_view);
  gtk_widget_class_bind_template_child (widget_class, SamFollowUpDialog, goals_group);
  gtk_widget_class_bind_template_child (widget_class, SamFollowUpDialog, scores_group);
  gtk_widget_class_bind_template_callback (widget_class, on_date_row_changed);

  gtk_widget_class_install_action (widget_class, "follow-up.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "follow-up.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sam_follow_up_dialog_init (SamFollowUpDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  self->goal_spins = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Most follow-ups are recorded the day they are held. */
  gtk_editable_set_text (GTK_EDITABLE (self->held_on_row), today);
}

/* Public API ----------------------------------------------------------------- */

/**
 * sam_follow_up_dialog_new:
 * @parent: (nullable): the window to stay above
 * @session: a user who may manage the case's follow-ups
 * @follow_up_id: a scheduled follow-up
 * @latest: (nullable): the case's latest mapping, whose factors are
 *   offered for scoring again
 * @goals: (element-type SamPlanGoal) (nullable): the plan's goals, to rate
 *
 * Emits #SamFollowUpDialog::held once the core has recorded it.
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
SamFollowUpDialog *
sam_follow_up_dialog_new (GtkWindow        *parent,
                          SamSession       *session,
                          gint64            follow_up_id,
                          const SamMapping *latest,
                          GPtrArray        *goals)
{
  SamFollowUpDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);

  self = g_object_new (SAM_TYPE_FOLLOW_UP_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->follow_up_id = follow_up_id;
  sam_factor_scores_group_set_scores (self->scores_group, latest);
  add_goal_rows (self, goals);

  return self;
}
