/* sam-case-follow-ups-view.c
 *
 * The follow-ups of one case: schedule one for a day, hold it (scores,
 * goal attainment, notes, in #SamFollowUpDialog) or cancel it. Once a
 * follow-up has been held, social services are offered the next step for
 * the case: move it to follow-up, or close it with a reason from the
 * catalogue. The policy decides which controls show; the core decides
 * again on every change.
 *
 * The case's status comes from the case page, which has read the case
 * already, so that showing this view writes no extra audit row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-case-follow-ups-view"

#include "config.h"

#include "sam-case-follow-ups-view.h"

#include <glib/gi18n.h>

#include "sam-follow-up-dialog.h"

struct _SamCaseFollowUpsView
{
  GtkWidget      parent_instance;

  SamSession    *session;
  gint64         case_id;
  SamCaseStatus  case_status;
  gboolean       any_held;
  GtkWindow     *dialog;          /* weak: an open dialog about this case */

  /* Template widgets */
  GtkWidget     *box;
  GtkWidget     *schedule_box;
  AdwEntryRow   *due_on_row;
  GtkLabel      *error_label;
  GtkWidget     *next_step_box;
  GtkWidget     *move_button;
  GtkWidget     *close_button;
  GtkListBox    *follow_ups_list;
};

enum {
  CHANGED,
  CASE_STATUS_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (SamCaseFollowUpsView, sam_case_follow_ups_view, GTK_TYPE_WIDGET)

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
may (SamCaseFollowUpsView *self,
     SamOperation          operation)
{
  SamAccessTarget target = { .case_id = self->case_id };

  return self->session != NULL && sam_policy_may (self->session, operation, &target);
}

static void
show_error (SamCaseFollowUpsView *self,
            const char           *message)
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
close_dialog (SamCaseFollowUpsView *self)
{
  GtkWindow *dialog = self->dialog;

  if (dialog == NULL)
    return;

  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  self->dialog = NULL;
  gtk_window_destroy (dialog);
}

static void
present_dialog (SamCaseFollowUpsView *self,
                GtkWindow            *dialog)
{
  close_dialog (self);
  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  gtk_window_present (dialog);
}

static GtkWindow *
parent_window (SamCaseFollowUpsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static GtkWidget *
row_button (const char *label,
            const char *action_name,
            gint64      id)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);

  return button;
}

/* The list ------------------------------------------------------------------- */

static void
append_attainment (GtkWidget         *box,
                   const SamFollowUp *follow_up)
{
  for (guint i = 0; i < follow_up->attainment->len; i++)
    {
      SamGoalAttainment *rating = &g_array_index (follow_up->attainment, SamGoalAttainment, i);
      g_autofree char *text = NULL;

      /* A goal of an agency the viewer may not see stays unnamed. */
      if (rating->goal_description == NULL)
        continue;

      /* Translators: a goal and its attainment at a follow-up, such as "… — 3 of 4" */
      text = g_strdup_printf (_("%s — %d of %d"), rating->goal_description, rating->attainment,
                              SAM_GOAL_ATTAINMENT_MAX);
      gtk_box_append (GTK_BOX (box), text_label (text, NULL));
    }
}

static GtkWidget *
follow_up_row_new (SamCaseFollowUpsView *self,
                   const SamFollowUp    *follow_up)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  /* Translators: a follow-up's heading, %s is its due date */
  g_autofree char *heading = g_strdup_printf (_("Follow-up due %s"), follow_up->due_on);
  GtkWidget *title = text_label (heading, "heading");
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), text_label (sam_follow_up_status_get_label (follow_up->status), "dim-label"));
  gtk_box_append (GTK_BOX (box), top);

  if (follow_up->status == SAM_FOLLOW_UP_STATUS_HELD)
    {
      /* Translators: when a follow-up was held, and who recorded it */
      g_autofree char *held = g_strdup_printf (_("Held %s, recorded by %s"), follow_up->held_on,
                                               follow_up->held_by_name != NULL ? follow_up->held_by_name : "");

      gtk_box_append (GTK_BOX (box), text_label (held, "caption"));
      if (follow_up->notes != NULL)
        gtk_box_append (GTK_BOX (box), text_label (follow_up->notes, NULL));
      append_attainment (box, follow_up);
    }
  else if (follow_up->status == SAM_FOLLOW_UP_STATUS_SCHEDULED && may (self, SAM_OPERATION_FOLLOW_UP_MANAGE))
    {
      GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *hold = row_button (_("Hold…"), "follow-ups.hold", follow_up->id);

      gtk_widget_set_halign (buttons, GTK_ALIGN_END);
      gtk_widget_add_css_class (hold, "suggested-action");
      gtk_box_append (GTK_BOX (buttons), row_button (_("Cancel Follow-up"), "follow-ups.cancel", follow_up->id));
      gtk_box_append (GTK_BOX (buttons), hold);
      gtk_box_append (GTK_BOX (box), buttons);
    }

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

/* After a follow-up is held, social services decide where the case goes. */
static void
update_next_step (SamCaseFollowUpsView *self)
{
  gboolean manage = self->any_held && may (self, SAM_OPERATION_CASE_MANAGE);
  gboolean move = manage && self->case_status == SAM_CASE_STATUS_ACTIVE;
  gboolean close = manage && (self->case_status == SAM_CASE_STATUS_ACTIVE ||
                              self->case_status == SAM_CASE_STATUS_FOLLOW_UP);

  gtk_widget_set_visible (self->next_step_box, move || close);
  gtk_widget_set_visible (self->move_button, move);
  gtk_widget_set_visible (self->close_button, close);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "follow-ups.move-to-follow-up", move);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "follow-ups.close-case", close);
}

static void
set_status (SamCaseFollowUpsView *self,
            SamCaseStatus         status,
            const char           *closing_reason)
{
  g_autoptr(GError) error = NULL;

  if (!sam_case_store_set_status (self->session, self->case_id, status, closing_reason, &error))
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  self->case_status = status;
  update_next_step (self);
  sam_case_follow_ups_view_refresh (self);
  g_signal_emit (self, signals [CASE_STATUS_CHANGED], 0);
}

/* Signal callbacks ----------------------------------------------------------- */

static void
on_held (SamCaseFollowUpsView *self,
         gint64                follow_up_id,
         SamFollowUpDialog    *dialog)
{
  g_assert (SAM_IS_CASE_FOLLOW_UPS_VIEW (self));

  sam_case_follow_ups_view_refresh (self);
  g_signal_emit (self, signals [CHANGED], 0);
}

static void
on_close_response (AdwMessageDialog     *dialog,
                   const char           *response,
                   SamCaseFollowUpsView *self)
{
  GtkDropDown *reasons = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  guint n = 0;
  const SamCatalogueEntry *entries = sam_catalogue_list (SAM_CATALOGUE_KIND_CLOSING_REASON, &n);
  guint selected = gtk_drop_down_get_selected (reasons);

  if (g_strcmp0 (response, "close") != 0 || selected >= n)
    return;

  set_status (self, SAM_CASE_STATUS_CLOSED, entries[selected].code);
}

/* Actions -------------------------------------------------------------------- */

static void
schedule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SamCaseFollowUpsView *self = SAM_CASE_FOLLOW_UPS_VIEW (widget);
  g_autoptr(GError) error = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->due_on_row), "error");
  if (sam_follow_up_store_schedule (self->session, self->case_id,
                                    gtk_editable_get_text (GTK_EDITABLE (self->due_on_row)), &error) == 0)
    {
      show_error (self, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->due_on_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->due_on_row));
      return;
    }

  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->due_on_row), "");
  sam_case_follow_ups_view_refresh (self);
  g_signal_emit (self, signals [CHANGED], 0);
}

static SamMapping *
latest_mapping (GPtrArray *mappings)
{
  if (mappings == NULL || mappings->len == 0)
    return NULL;

  return g_ptr_array_index (mappings, mappings->len - 1);
}

static void
hold_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SamCaseFollowUpsView *self = SAM_CASE_FOLLOW_UPS_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mappings = NULL;
  g_autoptr(SamPlan) plan = NULL;
  SamFollowUpDialog *dialog;

  if (!(mappings = sam_mapping_store_list (self->session, self->case_id, &error)) ||
      !(plan = sam_plan_store_get (self->session, self->case_id, &error)))
    {
      show_error (self, error->message);
      return;
    }

  dialog = sam_follow_up_dialog_new (parent_window (self), self->session, g_variant_get_int64 (parameter),
                                     latest_mapping (mappings), plan->goals);
  g_signal_connect_object (dialog, "held", G_CALLBACK (on_held), self, G_CONNECT_SWAPPED);
  present_dialog (self, GTK_WINDOW (dialog));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SamCaseFollowUpsView *self = SAM_CASE_FOLLOW_UPS_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (!sam_follow_up_store_cancel (self->session, g_variant_get_int64 (parameter), &error))
    {
      show_error (self, error->message);
      return;
    }

  sam_case_follow_ups_view_refresh (self);
  g_signal_emit (self, signals [CHANGED], 0);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  set_status (SAM_CASE_FOLLOW_UPS_VIEW (widget), SAM_CASE_STATUS_FOLLOW_UP, NULL);
}

static GtkWidget *
closing_reasons_new (void)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint n = 0;
  const SamCatalogueEntry *entries = sam_catalogue_list (SAM_CATALOGUE_KIND_CLOSING_REASON, &n);
  GtkWidget *drop_down;

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (labels, sam_catalogue_entry_get_label (&entries[i]));

  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Closing reason"), -1);

  return drop_down;
}

static void
close_case_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SamCaseFollowUpsView *self = SAM_CASE_FOLLOW_UPS_VIEW (widget);
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), _("Close the Case?"),
                                              _("Choose why the case is closed. A closed case’s plan and "
                                                "follow-ups can no longer change."));

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), closing_reasons_new ());
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "close", _("C_lose Case"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), self, 0);
  present_dialog (self, GTK_WINDOW (dialog));
}

/* Life cycle ----------------------------------------------------------------- */

static void
sam_case_follow_ups_view_dispose (GObject *object)
{
  SamCaseFollowUpsView *self = (SamCaseFollowUpsView *)object;

  close_dialog (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SAM_TYPE_CASE_FOLLOW_UPS_VIEW);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sam_case_follow_ups_view_parent_class)->dispose (object);
}

static void
sam_case_follow_ups_view_class_init (SamCaseFollowUpsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_case_follow_ups_view_dispose;

  /**
   * SamCaseFollowUpsView::changed:
   * @self: the view
   *
   * A follow-up was scheduled, held or cancelled: the case's chronology
   * and mapping have changed.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * SamCaseFollowUpsView::case-status-changed:
   * @self: the view
   *
   * The user moved the case to follow-up or closed it.
   */
  signals [CASE_STATUS_CHANGED] =
    g_signal_new ("case-status-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-case-follow-ups-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SamCaseFollowUpsView, box);
  gtk_widget_class_bind_template_child (widget_class, SamCaseFollowUpsView, schedule_box);
  gtk_widget_class_bind_template_child (widget_class, SamCaseFollowUpsView, due_on_row);
  gtk_widget_class_bind_template_child (widget_class, SamCaseFollowUpsView, error_label);
  gtk_widget_class_bind_template_child (widget_class, SamCaseFollowUpsView, next_step_box);
  gtk_widget_class_bind_template_child (widget_class, SamCaseFollowUpsView, move_button);
  gtk_widget_class_bind_template_child (widget_class, SamCaseFollowUpsView, close_button);
  gtk_widget_class_bind_template_child (widget_class, SamCaseFollowUpsView, follow_ups_list);

  gtk_widget_class_install_action (widget_class, "follow-ups.schedule", NULL, schedule_action);
  gtk_widget_class_install_action (widget_class, "follow-ups.hold", "x", hold_action);
  gtk_widget_class_install_action (widget_class, "follow-ups.cancel", "x", cancel_action);
  gtk_widget_class_install_action (widget_class, "follow-ups.move-to-follow-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "follow-ups.close-case", NULL, close_case_action);
}

static void
sam_case_follow_ups_view_init (SamCaseFollowUpsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API ----------------------------------------------------------------- */

/**
 * sam_case_follow_ups_view_new:
 *
 * Returns: (transfer floating): a new, empty follow-ups view
 */
SamCaseFollowUpsView *
sam_case_follow_ups_view_new (void)
{
  return g_object_new (SAM_TYPE_CASE_FOLLOW_UPS_VIEW, NULL);
}

/**
 * sam_case_follow_ups_view_load:
 * @self: a #SamCaseFollowUpsView
 * @session: the signed-in user
 * @case_id: the case whose follow-ups to show
 * @status: the case's status, as the caller read it
 *
 * Shows the follow-ups of @case_id as @session may see them.
 */
void
sam_case_follow_ups_view_load (SamCaseFollowUpsView *self,
                               SamSession           *session,
                               gint64                case_id,
                               SamCaseStatus         status)
{
  g_return_if_fail (SAM_IS_CASE_FOLLOW_UPS_VIEW (self));
  g_return_if_fail (SAM_IS_SESSION (session));

  sam_case_follow_ups_view_clear (self);
  g_set_object (&self->session, session);
  self->case_id = case_id;
  self->case_status = status;
  sam_case_follow_ups_view_refresh (self);
}

/**
 * sam_case_follow_ups_view_set_case_status:
 * @self: a #SamCaseFollowUpsView
 * @status: the case's status, after the caller read it again
 *
 * Offers the next steps that status allows.
 */
void
sam_case_follow_ups_view_set_case_status (SamCaseFollowUpsView *self,
                                          SamCaseStatus         status)
{
  g_return_if_fail (SAM_IS_CASE_FOLLOW_UPS_VIEW (self));

  self->case_status = status;
  update_next_step (self);
}

/**
 * sam_case_follow_ups_view_refresh:
 * @self: a #SamCaseFollowUpsView
 *
 * Reads the follow-ups again and asks the policy again what to offer.
 */
void
sam_case_follow_ups_view_refresh (SamCaseFollowUpsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) follow_ups = NULL;
  gboolean manage;

  g_return_if_fail (SAM_IS_CASE_FOLLOW_UPS_VIEW (self));

  remove_all_rows (self->follow_ups_list);
  self->any_held = FALSE;
  if (self->session == NULL)
    return;

  manage = may (self, SAM_OPERATION_FOLLOW_UP_MANAGE) && self->case_status != SAM_CASE_STATUS_CLOSED;
  gtk_widget_set_visible (self->schedule_box, manage);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "follow-ups.schedule", manage);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "follow-ups.hold", manage);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "follow-ups.cancel", manage);

  if ((follow_ups = sam_follow_up_store_list_for_case (self->session, self->case_id, &error)) == NULL)
    {
      show_error (self, error->message);
      update_next_step (self);
      return;
    }

  for (guint i = 0; i < follow_ups->len; i++)
    {
      SamFollowUp *follow_up = g_ptr_array_index (follow_ups, i);

      self->any_held |= follow_up->status == SAM_FOLLOW_UP_STATUS_HELD;
      gtk_list_box_append (self->follow_ups_list, follow_up_row_new (self, follow_up));
    }
  update_next_step (self);
}

/**
 * sam_case_follow_ups_view_clear:
 * @self: a #SamCaseFollowUpsView
 *
 * Forgets the case: closes any open dialog and empties every widget that
 * showed something of it.
 */
void
sam_case_follow_ups_view_clear (SamCaseFollowUpsView *self)
{
  g_return_if_fail (SAM_IS_CASE_FOLLOW_UPS_VIEW (self));

  close_dialog (self);
  remove_all_rows (self->follow_ups_list);
  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->due_on_row), "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->due_on_row), "error");
  g_clear_object (&self->session);
  self->case_id = 0;
  self->any_held = FALSE;
  gtk_widget_set_visible (self->schedule_box, FALSE);
  update_next_step (self);
}
