/* sam-case-plan-view.c
 *
 * The plan (åtagandeplan) of one case: each goal with its indicator, and
 * under it the actions that serve it, with the responsible agency and
 * person, the intervention and its evidence level, the dates and the
 * status. Actions for no goal, or for a goal the viewer may not see, come
 * last.
 *
 * The view asks the policy which controls to offer: plan managers add and
 * change goals and actions; whoever may update an action (its responsible
 * agency, or a plan manager) gets a status drop-down on it. The core
 * decides again on every change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-case-plan-view"

#include "config.h"

#include "sam-case-plan-view.h"

#include <glib/gi18n.h>

#include "sam-action-dialog.h"
#include "sam-goal-dialog.h"
#include "sam-plan-print.h"

struct _SamCasePlanView
{
  GtkWidget    parent_instance;

  SamSession  *session;
  gint64       case_id;
  SamPlan     *plan;
  GtkWindow   *dialog;          /* weak: an open dialog about this plan */
  guint        refresh_source;

  /* Template widgets */
  GtkWidget   *box;
  GtkWidget   *buttons_box;
  GtkLabel    *error_label;
  GtkListBox  *plan_list;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (SamCasePlanView, sam_case_plan_view, GTK_TYPE_WIDGET)

/* Small helpers -------------------------------------------------------------- */

static GtkWidget *
text_label (const char *text,
            const char *style_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);

  return label;
}

static gboolean
may (SamCasePlanView *self,
     SamOperation     operation,
     gint64           item_agency_id)
{
  SamAccessTarget target = { .case_id = self->case_id, .item_agency_id = item_agency_id };

  return self->session != NULL && sam_policy_may (self->session, operation, &target);
}

static void
show_error (SamCasePlanView *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
remove_all_rows (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void
close_dialog (SamCasePlanView *self)
{
  GtkWindow *dialog = self->dialog;

  if (dialog == NULL)
    return;

  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  self->dialog = NULL;
  gtk_window_destroy (dialog);
}

static void
present_dialog (SamCasePlanView *self,
                GtkWindow       *dialog)
{
  close_dialog (self);
  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  gtk_window_present (dialog);
}

static GtkWindow *
parent_window (SamCasePlanView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static GtkWidget *
edit_button (const char *action_name,
             gint64      id,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_label (_("Edit…"));

  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  gtk_widget_set_tooltip_text (button, tooltip);

  return button;
}

static GtkWidget *
list_row_new (GtkWidget *child)
{
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_widget_set_margin_top (child, 12);
  gtk_widget_set_margin_bottom (child, 12);
  gtk_widget_set_margin_start (child, 12);
  gtk_widget_set_margin_end (child, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), child);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

/* Goals ---------------------------------------------------------------------- */

static GtkWidget *
goal_row_new (SamCasePlanView   *self,
              const SamPlanGoal *goal)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  /* Translators: what will show that a goal of the plan is reached */
  g_autofree char *indicator = g_strdup_printf (_("Indicator: %s"), goal->indicator);
  GtkWidget *row;

  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), text_label (_("Goal"), "caption-heading"));
  gtk_box_append (GTK_BOX (text), text_label (goal->description, "title-4"));
  gtk_box_append (GTK_BOX (text), text_label (indicator, NULL));
  gtk_box_append (GTK_BOX (box), text);
  if (may (self, SAM_OPERATION_PLAN_MANAGE, 0))
    gtk_box_append (GTK_BOX (box), edit_button ("plan.edit-goal", goal->id, _("Change the goal")));

  row = list_row_new (box);
  gtk_widget_add_css_class (row, "plan-goal");

  return row;
}

/* Actions -------------------------------------------------------------------- */

static gboolean
refresh_after_status (gpointer user_data)
{
  SamCasePlanView *self = SAM_CASE_PLAN_VIEW (user_data);

  self->refresh_source = 0;
  sam_case_plan_view_refresh (self);
  g_signal_emit (self, signals [CHANGED], 0);

  return G_SOURCE_REMOVE;
}

static void
on_status_selected (GtkDropDown     *drop_down,
                    GParamSpec      *pspec,
                    SamCasePlanView *self)
{
  GArray *statuses = g_object_get_data (G_OBJECT (drop_down), "statuses");
  gint64 action_id = *(gint64 *) g_object_get_data (G_OBJECT (drop_down), "action-id");
  guint selected = gtk_drop_down_get_selected (drop_down);
  g_autoptr(GError) error = NULL;

  /* Position 0 is the status the action has. */
  if (selected == 0 || selected >= statuses->len)
    return;

  if (!sam_plan_store_set_action_status (self->session, action_id,
                                         g_array_index (statuses, SamPlanActionStatus, selected), &error))
    {
      gtk_drop_down_set_selected (drop_down, 0);
      show_error (self, error->message);
      return;
    }

  /* The drop-down is still inside its own change: rebuild the rows, and
   * with them the drop-down, once it is done. */
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_after_status, self);
}

/* A drop-down of the status the action has and the ones it may move to. */
static GtkWidget *
status_drop_down_new (SamCasePlanView     *self,
                      const SamPlanAction *action)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GArray *statuses = g_array_new (FALSE, FALSE, sizeof (SamPlanActionStatus));
  GtkWidget *drop_down;

  for (SamPlanActionStatus status = 0; status < SAM_N_PLAN_ACTION_STATUSES; status++)
    if (status == action->status || sam_plan_action_status_can_change (action->status, status))
      {
        if (status == action->status)
          g_array_prepend_val (statuses, status);
        else
          g_array_append_val (statuses, status);
      }
  for (guint i = 0; i < statuses->len; i++)
    gtk_string_list_append (labels,
                            sam_plan_action_status_get_label (g_array_index (statuses, SamPlanActionStatus, i)));

  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (drop_down, _("Change the action’s status"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Status"), -1);
  g_object_set_data_full (G_OBJECT (drop_down), "statuses", statuses, (GDestroyNotify) g_array_unref);
  g_object_set_data_full (G_OBJECT (drop_down), "action-id", g_memdup2 (&action->id, sizeof (gint64)), g_free);
  g_signal_connect_object (drop_down, "notify::selected", G_CALLBACK (on_status_selected), self, 0);

  return drop_down;
}

static char *
describe_responsible (const SamPlanAction *action)
{
  if (action->responsible_user_name == NULL)
    /* Translators: %s is the agency responsible for a plan action */
    return g_strdup_printf (_("Responsible: %s"), action->responsible_agency_name);

  /* Translators: the agency and the person responsible for a plan action */
  return g_strdup_printf (_("Responsible: %s, %s"), action->responsible_agency_name,
                          action->responsible_user_name);
}

static GtkWidget *
action_text_new (const SamPlanAction *action)
{
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  /* Translators: an intervention type and, in words, its evidence level */
  g_autofree char *intervention = g_strdup_printf (_("%s · evidence: %s"), action->intervention_label,
                                                   sam_evidence_level_get_label (action->evidence_level));
  g_autofree char *responsible = describe_responsible (action);
  /* Translators: a plan action's start and due dates */
  g_autofree char *dates = g_strdup_printf (_("From %s, due %s"), action->starts_on, action->due_on);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), text_label (action->description, "heading"));
  gtk_box_append (GTK_BOX (text), text_label (intervention, NULL));
  gtk_box_append (GTK_BOX (text), text_label (responsible, NULL));
  gtk_box_append (GTK_BOX (text), text_label (dates, "dim-label"));

  return text;
}

static GtkWidget *
action_row_new (SamCasePlanView     *self,
                const SamPlanAction *action)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *row;
  gboolean final = !sam_plan_action_status_can_change (action->status, SAM_PLAN_ACTION_DONE) &&
                   !sam_plan_action_status_can_change (action->status, SAM_PLAN_ACTION_CANCELLED);

  gtk_box_append (GTK_BOX (box), action_text_new (action));
  if (!final && may (self, SAM_OPERATION_ACTION_UPDATE, action->responsible_agency_id))
    gtk_box_append (GTK_BOX (box), status_drop_down_new (self, action));
  else
    {
      GtkWidget *status = text_label (sam_plan_action_status_get_label (action->status), "dim-label");

      /* One word, beside a wrapping text: it must never be the one to wrap. */
      gtk_label_set_wrap (GTK_LABEL (status), FALSE);
      gtk_widget_set_valign (status, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (box), status);
    }
  if (!final && may (self, SAM_OPERATION_PLAN_MANAGE, 0))
    gtk_box_append (GTK_BOX (box), edit_button ("plan.edit-action", action->id, _("Change the action")));

  row = list_row_new (box);
  /* Indented under the goal it serves. */
  gtk_widget_set_margin_start (box, 36);

  return row;
}

static void
append_actions_for (SamCasePlanView *self,
                    gint64           goal_id,
                    gboolean         orphans)
{
  for (guint i = 0; i < self->plan->actions->len; i++)
    {
      SamPlanAction *action = g_ptr_array_index (self->plan->actions, i);
      gboolean goal_shown = FALSE;

      for (guint j = 0; orphans && j < self->plan->goals->len; j++)
        goal_shown |= ((SamPlanGoal *) g_ptr_array_index (self->plan->goals, j))->id == action->goal_id;

      if (orphans ? !goal_shown : action->goal_id == goal_id)
        gtk_list_box_append (self->plan_list, action_row_new (self, action));
    }
}

static void
show_plan (SamCasePlanView *self)
{
  gboolean orphans = FALSE;

  for (guint i = 0; i < self->plan->goals->len; i++)
    {
      SamPlanGoal *goal = g_ptr_array_index (self->plan->goals, i);

      gtk_list_box_append (self->plan_list, goal_row_new (self, goal));
      append_actions_for (self, goal->id, FALSE);
    }

  for (guint i = 0; i < self->plan->actions->len && !orphans; i++)
    {
      gint64 goal_id = ((SamPlanAction *) g_ptr_array_index (self->plan->actions, i))->goal_id;
      gboolean found = FALSE;

      for (guint j = 0; j < self->plan->goals->len; j++)
        found |= ((SamPlanGoal *) g_ptr_array_index (self->plan->goals, j))->id == goal_id;
      orphans = !found;
    }

  if (orphans)
    {
      GtkWidget *heading = text_label (_("Actions for no goal"), "caption-heading");

      gtk_list_box_append (self->plan_list, list_row_new (heading));
      append_actions_for (self, 0, TRUE);
    }
}

static const SamPlanGoal *
find_goal (SamCasePlanView *self,
           gint64           goal_id)
{
  for (guint i = 0; self->plan != NULL && i < self->plan->goals->len; i++)
    if (((SamPlanGoal *) g_ptr_array_index (self->plan->goals, i))->id == goal_id)
      return g_ptr_array_index (self->plan->goals, i);

  return NULL;
}

static const SamPlanAction *
find_action (SamCasePlanView *self,
             gint64           action_id)
{
  for (guint i = 0; self->plan != NULL && i < self->plan->actions->len; i++)
    if (((SamPlanAction *) g_ptr_array_index (self->plan->actions, i))->id == action_id)
      return g_ptr_array_index (self->plan->actions, i);

  return NULL;
}

/* Signal callbacks ----------------------------------------------------------- */

static void
on_saved (SamCasePlanView *self,
          gint64           id,
          GtkWindow       *dialog)
{
  g_assert (SAM_IS_CASE_PLAN_VIEW (self));

  sam_case_plan_view_refresh (self);
  g_signal_emit (self, signals [CHANGED], 0);
}

/* Actions -------------------------------------------------------------------- */

/* The family's copy: the print dialog also saves it as a PDF. The export
 * warning and the audit row come with it (sam-plan-print.c). */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SamCasePlanView *self = SAM_CASE_PLAN_VIEW (widget);

  if (self->session != NULL)
    sam_print_plan (parent_window (self), self->session, self->case_id);
}

static void
add_goal_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SamCasePlanView *self = SAM_CASE_PLAN_VIEW (widget);
  SamGoalDialog *dialog = sam_goal_dialog_new (parent_window (self), self->session, self->case_id, NULL);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_saved), self, G_CONNECT_SWAPPED);
  present_dialog (self, GTK_WINDOW (dialog));
}

static void
edit_goal_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SamCasePlanView *self = SAM_CASE_PLAN_VIEW (widget);
  const SamPlanGoal *goal = find_goal (self, g_variant_get_int64 (parameter));
  SamGoalDialog *dialog;

  if (goal == NULL)
    return;

  dialog = sam_goal_dialog_new (parent_window (self), self->session, self->case_id, goal);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_saved), self, G_CONNECT_SWAPPED);
  present_dialog (self, GTK_WINDOW (dialog));
}

static void
add_action_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SamCasePlanView *self = SAM_CASE_PLAN_VIEW (widget);
  SamActionDialog *dialog = sam_action_dialog_new (parent_window (self), self->session, self->case_id,
                                                   self->plan != NULL ? self->plan->goals : NULL, NULL);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_saved), self, G_CONNECT_SWAPPED);
  present_dialog (self, GTK_WINDOW (dialog));
}

static void
edit_action_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SamCasePlanView *self = SAM_CASE_PLAN_VIEW (widget);
  const SamPlanAction *action = find_action (self, g_variant_get_int64 (parameter));
  SamActionDialog *dialog;

  if (action == NULL)
    return;

  dialog = sam_action_dialog_new (parent_window (self), self->session, self->case_id, self->plan->goals,
                                  action);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_saved), self, G_CONNECT_SWAPPED);
  present_dialog (self, GTK_WINDOW (dialog));
}

/* Life cycle ----------------------------------------------------------------- */

static void
sam_case_plan_view_dispose (GObject *object)
{
  SamCasePlanView *self = (SamCasePlanView *)object;

  close_dialog (self);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SAM_TYPE_CASE_PLAN_VIEW);
  g_clear_pointer (&self->plan, sam_plan_free);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sam_case_plan_view_parent_class)->dispose (object);
}

static void
sam_case_plan_view_class_init (SamCasePlanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_case_plan_view_dispose;

  /**
   * SamCasePlanView::changed:
   * @self: the view
   *
   * The user changed the plan: the case's chronology has a new entry.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-case-plan-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SamCasePlanView, box);
  gtk_widget_class_bind_template_child (widget_class, SamCasePlanView, buttons_box);
  /* Named for the tests only; the actions show and hide them. */
  gtk_widget_class_bind_template_child_full (widget_class, "print_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "add_goal_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "add_action_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, SamCasePlanView, error_label);
  gtk_widget_class_bind_template_child (widget_class, SamCasePlanView, plan_list);

  gtk_widget_class_install_action (widget_class, "plan.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "plan.add-goal", NULL, add_goal_action);
  gtk_widget_class_install_action (widget_class, "plan.add-action", NULL, add_action_action);
  gtk_widget_class_install_action (widget_class, "plan.edit-goal", "x", edit_goal_action);
  gtk_widget_class_install_action (widget_class, "plan.edit-action", "x", edit_action_action);
}

static void
sam_case_plan_view_init (SamCasePlanView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API ----------------------------------------------------------------- */

/**
 * sam_case_plan_view_new:
 *
 * Returns: (transfer floating): a new, empty plan view
 */
SamCasePlanView *
sam_case_plan_view_new (void)
{
  return g_object_new (SAM_TYPE_CASE_PLAN_VIEW, NULL);
}

/**
 * sam_case_plan_view_load:
 * @self: a #SamCasePlanView
 * @session: the signed-in user
 * @case_id: the case whose plan to show
 *
 * Shows the plan of @case_id as @session may see it.
 */
void
sam_case_plan_view_load (SamCasePlanView *self,
                         SamSession      *session,
                         gint64           case_id)
{
  g_return_if_fail (SAM_IS_CASE_PLAN_VIEW (self));
  g_return_if_fail (SAM_IS_SESSION (session));

  sam_case_plan_view_clear (self);
  g_set_object (&self->session, session);
  self->case_id = case_id;
  sam_case_plan_view_refresh (self);
}

/**
 * sam_case_plan_view_refresh:
 * @self: a #SamCasePlanView
 *
 * Reads the plan again and asks the policy again which controls to offer.
 */
void
sam_case_plan_view_refresh (SamCasePlanView *self)
{
  g_autoptr(GError) error = NULL;
  gboolean manage;

  g_return_if_fail (SAM_IS_CASE_PLAN_VIEW (self));

  remove_all_rows (self->plan_list);
  g_clear_pointer (&self->plan, sam_plan_free);
  if (self->session == NULL)
    return;

  manage = may (self, SAM_OPERATION_PLAN_MANAGE, 0);
  /* Printing is for everyone who sees the plan; the other buttons hide
   * with their disabled actions. */
  gtk_widget_set_visible (self->buttons_box, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.add-goal", manage);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.add-action", manage);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.edit-goal", manage);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.edit-action", manage);

  self->plan = sam_plan_store_get (self->session, self->case_id, &error);
  if (self->plan == NULL)
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  show_plan (self);
}

/**
 * sam_case_plan_view_clear:
 * @self: a #SamCasePlanView
 *
 * Forgets the case: closes any open dialog and empties every widget that
 * showed something of the plan.
 */
void
sam_case_plan_view_clear (SamCasePlanView *self)
{
  g_return_if_fail (SAM_IS_CASE_PLAN_VIEW (self));

  close_dialog (self);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  remove_all_rows (self->plan_list);
  show_error (self, NULL);
  g_clear_pointer (&self->plan, sam_plan_free);
  g_clear_object (&self->session);
  self->case_id = 0;
  gtk_widget_set_visible (self->buttons_box, FALSE);
}
