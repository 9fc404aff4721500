/* sam-goal-dialog.c
 *
 * Adds a goal to a case's plan, or changes one: the goal and the
 * observable indicator that will show it is reached. The core checks the
 * fields and names the one it refuses; the dialog marks that field and
 * keeps everything the user wrote.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-goal-dialog"

#include "config.h"

#include "sam-goal-dialog.h"

#include <glib/gi18n.h>

struct _SamGoalDialog
{
  AdwWindow     parent_instance;

  SamSession   *session;
  gint64        case_id;
  gint64        goal_id;        /* 0: a new goal */

  /* Template widgets */
  GtkLabel     *error_label;
  AdwEntryRow  *description_row;
  AdwEntryRow  *indicator_row;
};

enum {
  SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (SamGoalDialog, sam_goal_dialog, ADW_TYPE_WINDOW)

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
clear_errors (SamGoalDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_label_set_text (self->error_label, "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->description_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->indicator_row), "error");
}

/* The core's message starts with the field's name: mark it, move there. */
static void
show_error (SamGoalDialog *self,
            const char    *message)
{
  g_autofree char *indicator = g_strconcat (_("Indicator"), ":", NULL);
  g_autofree char *goal = g_strconcat (_("Goal"), ":", NULL);
  GtkWidget *row = NULL;

  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);

  if (g_str_has_prefix (message, indicator))
    row = GTK_WIDGET (self->indicator_row);
  else if (g_str_has_prefix (message, goal))
    row = GTK_WIDGET (self->description_row);

  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SamGoalDialog *self = SAM_GOAL_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPlanGoal) goal = NULL;

  clear_errors (self);
  if (self->goal_id != 0)
    goal = sam_plan_store_update_goal (self->session, self->goal_id, row_text (self->description_row),
                                       row_text (self->indicator_row), &error);
  else
    goal = sam_plan_store_add_goal (self->session, self->case_id, row_text (self->description_row),
                                    row_text (self->indicator_row), &error);
  if (goal == NULL)
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals [SAVED], 0, goal->id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
sam_goal_dialog_dispose (GObject *object)
{
  SamGoalDialog *self = (SamGoalDialog *)object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (sam_goal_dialog_parent_class)->dispose (object);
}

static void
sam_goal_dialog_class_init (SamGoalDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_goal_dialog_dispose;

  /**
   * SamGoalDialog::saved:
   * @self: the dialog
   * @goal_id: the goal's id
   *
   * The goal was saved; the dialog closes right after.
   */
  signals [SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-goal-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SamGoalDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SamGoalDialog, description_row);
  gtk_widget_class_bind_template_child (widget_class, SamGoalDialog, indicator_row);

  gtk_widget_class_install_action (widget_class, "goal.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "goal.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sam_goal_dialog_init (SamGoalDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sam_goal_dialog_new:
 * @parent: (nullable): the window to stay above
 * @session: a user who may manage the case's plan
 * @case_id: the case
 * @goal: (nullable): the goal to change, or %NULL to add one
 *
 * Emits #SamGoalDialog::saved once the core has saved the goal.
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
SamGoalDialog *
sam_goal_dialog_new (GtkWindow         *parent,
                     SamSession        *session,
                     gint64             case_id,
                     const SamPlanGoal *goal)
{
  SamGoalDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);

  self = g_object_new (SAM_TYPE_GOAL_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->case_id = case_id;
  if (goal != NULL)
    {
      self->goal_id = goal->id;
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Goal"));
      gtk_editable_set_text (GTK_EDITABLE (self->description_row), goal->description);
      gtk_editable_set_text (GTK_EDITABLE (self->indicator_row), goal->indicator);
    }

  return self;
}
