/* sam-action-dialog.c
 *
 * Adds an action (insats) to a case's plan, or changes one: what is done,
 * for which goal, the intervention type with its evidence level, the
 * responsible agency and person, and the start and due dates. The core
 * checks every field and names the one it refuses; the dialog marks that
 * field and keeps everything the user filled in.
 *
 * No core call lists a case's team, so the responsible person offered is
 * the user themself, when the chosen agency is theirs; an action being
 * changed keeps the person it had.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-action-dialog"

#include "config.h"

#include "sam-action-dialog.h"

#include <glib/gi18n.h>

struct _SamActionDialog
{
  AdwWindow     parent_instance;

  SamSession   *session;
  gint64        case_id;
  gint64        action_id;          /* 0: a new action */
  GArray       *goal_ids;           /* gint64, by goal_row position; 0 first */
  GArray       *agency_ids;         /* gint64, by agency_row position */
  GArray       *person_ids;         /* gint64, by person_row position; 0 first */
  gint64        kept_person_id;     /* the person an edited action had */
  char         *kept_person_name;

  /* Template widgets */
  GtkLabel     *error_label;
  AdwComboRow  *goal_row;
  AdwEntryRow  *description_row;
  AdwComboRow  *intervention_row;
  AdwComboRow  *agency_row;
  AdwComboRow  *person_row;
  AdwEntryRow  *starts_on_row;
  AdwEntryRow  *due_on_row;
};

enum {
  SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (SamActionDialog, sam_action_dialog, ADW_TYPE_WINDOW)

/* Helpers -------------------------------------------------------------------- */

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gint64
selected_id (AdwComboRow *row,
             GArray      *ids)
{
  guint selected = adw_combo_row_get_selected (row);

  return selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}

static void
select_id (AdwComboRow *row,
           GArray      *ids,
           gint64       id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      adw_combo_row_set_selected (row, i);
}

static const SamCatalogueEntry *
selected_intervention (SamActionDialog *self)
{
  guint n = 0;
  const SamCatalogueEntry *entries = sam_catalogue_list (SAM_CATALOGUE_KIND_INTERVENTION, &n);
  guint selected = adw_combo_row_get_selected (self->intervention_row);

  return selected < n ? &entries[selected] : NULL;
}

static void
fill_goals (SamActionDialog *self,
            GPtrArray       *goals)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  gint64 none = 0;

  gtk_string_list_append (model, _("No goal"));
  g_array_append_val (self->goal_ids, none);
  for (guint i = 0; goals != NULL && i < goals->len; i++)
    {
      SamPlanGoal *goal = g_ptr_array_index (goals, i);

      gtk_string_list_append (model, goal->description);
      g_array_append_val (self->goal_ids, goal->id);
    }

  adw_combo_row_set_model (self->goal_row, G_LIST_MODEL (model));
}

static void
fill_interventions (SamActionDialog *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint n = 0;
  const SamCatalogueEntry *entries = sam_catalogue_list (SAM_CATALOGUE_KIND_INTERVENTION, &n);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (model, sam_catalogue_entry_get_label (&entries[i]));

  adw_combo_row_set_model (self->intervention_row, G_LIST_MODEL (model));
}

static void
fill_agencies (SamActionDialog *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) agencies = sam_directory_list_agencies (self->session, &error);

  if (agencies == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  for (guint i = 0; i < agencies->len; i++)
    {
      SamAgency *agency = g_ptr_array_index (agencies, i);

      /* The municipality's administration takes no part in SSPF work. */
      if (agency->kind == SAM_AGENCY_KIND_ADMINISTRATION)
        continue;

      gtk_string_list_append (model, agency->name);
      g_array_append_val (self->agency_ids, agency->id);
    }

  adw_combo_row_set_model (self->agency_row, G_LIST_MODEL (model));
  select_id (self->agency_row, self->agency_ids, sam_session_get_agency_id (self->session));
}

/* The people who can be named for the chosen agency: nobody, the person an
 * edited action already had, and the user when the agency is theirs. */
static void
fill_people (SamActionDialog *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  gint64 agency_id = selected_id (self->agency_row, self->agency_ids);
  gint64 none = 0, me = sam_session_get_user_id (self->session);

  g_array_set_size (self->person_ids, 0);
  gtk_string_list_append (model, _("No one named"));
  g_array_append_val (self->person_ids, none);
  if (self->kept_person_id != 0 && self->kept_person_id != me)
    {
      gtk_string_list_append (model, self->kept_person_name);
      g_array_append_val (self->person_ids, self->kept_person_id);
    }
  if (agency_id == sam_session_get_agency_id (self->session))
    {
      gtk_string_list_append (model, sam_session_get_display_name (self->session));
      g_array_append_val (self->person_ids, me);
    }

  adw_combo_row_set_model (self->person_row, G_LIST_MODEL (model));
}

static void
show_evidence (SamActionDialog *self)
{
  const SamCatalogueEntry *entry = selected_intervention (self);
  g_autofree char *text = NULL;

  if (entry == NULL)
    return;

  /* Translators: %s is an evidence level such as "Established" */
  text = g_strdup_printf (_("Evidence: %s"), sam_evidence_level_get_label (entry->evidence_level));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->intervention_row), text);
}

static void
clear_errors (SamActionDialog *self)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->goal_row), GTK_WIDGET (self->description_row), GTK_WIDGET (self->intervention_row),
    GTK_WIDGET (self->agency_row), GTK_WIDGET (self->person_row), GTK_WIDGET (self->starts_on_row),
    GTK_WIDGET (self->due_on_row),
  };

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_label_set_text (self->error_label, "");
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (rows[i], "error");
}

/* The core's messages start with the field's name, "Due date: …": mark
 * that field and move there. */
static void
show_error (SamActionDialog *self,
            const char      *message)
{
  struct { const char *field; GtkWidget *row; } fields[] = {
    { _("Goal"), GTK_WIDGET (self->goal_row) },
    { _("Action"), GTK_WIDGET (self->description_row) },
    { _("Intervention"), GTK_WIDGET (self->intervention_row) },
    { _("Responsible agency"), GTK_WIDGET (self->agency_row) },
    { _("Responsible person"), GTK_WIDGET (self->person_row) },
    { _("Start date"), GTK_WIDGET (self->starts_on_row) },
    { _("Due date"), GTK_WIDGET (self->due_on_row) },
  };

  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *prefix = g_strconcat (fields[i].field, ":", NULL);

      if (g_str_has_prefix (message, prefix))
        {
          gtk_widget_add_css_class (fields[i].row, "error");
          gtk_widget_grab_focus (fields[i].row);
          return;
        }
    }
}

/* Signal callbacks ----------------------------------------------------------- */

static void
on_intervention_selected (SamActionDialog *self)
{
  show_evidence (self);
}

static void
on_agency_selected (SamActionDialog *self)
{
  fill_people (self);
}

static void
on_date_row_changed (AdwEntryRow     *row,
                     SamActionDialog *self)
{
  const char *text = row_text (row);

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
  SamActionDialog *self = SAM_ACTION_DIALOG (widget);
  const SamCatalogueEntry *intervention = selected_intervention (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPlanAction) action = NULL;
  SamPlanActionDraft draft = {
    .goal_id = selected_id (self->goal_row, self->goal_ids),
    .description = row_text (self->description_row),
    .intervention_code = intervention != NULL ? intervention->code : NULL,
    .responsible_agency_id = selected_id (self->agency_row, self->agency_ids),
    .responsible_user_id = selected_id (self->person_row, self->person_ids),
    .starts_on = row_text (self->starts_on_row),
    .due_on = row_text (self->due_on_row),
  };

  clear_errors (self);
  if (self->action_id != 0)
    action = sam_plan_store_update_action (self->session, self->action_id, &draft, &error);
  else
    action = sam_plan_store_add_action (self->session, self->case_id, &draft, &error);
  if (action == NULL)
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals [SAVED], 0, action->id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Life cycle ----------------------------------------------------------------- */

static void
sam_action_dialog_dispose (GObject *object)
{
  SamActionDialog *self = (SamActionDialog *)object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (sam_action_dialog_parent_class)->dispose (object);
}

static void
sam_action_dialog_finalize (GObject *object)
{
  SamActionDialog *self = (SamActionDialog *)object;

  g_clear_pointer (&self->goal_ids, g_array_unref);
  g_clear_pointer (&self->agency_ids, g_array_unref);
  g_clear_pointer (&self->person_ids, g_array_unref);
  g_clear_pointer (&self->kept_person_name, g_free);

  G_OBJECT_CLASS (sam_action_dialog_parent_class)->finalize (object);
}

static void
sam_action_dialog_class_init (SamActionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_action_dialog_dispose;
  object_class->finalize = sam_action_dialog_finalize;

  /**
   * SamActionDialog::saved:
   * @self: the dialog
   * @action_id: the action's id
   *
   * The action was saved; the dialog closes right after.
   */
  signals [SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-action-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SamActionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SamActionDialog, goal_row);
  gtk_widget_class_bind_template_child (widget_class, SamActionDialog, description_row);
  gtk_widget_class_bind_template_child (widget_class, SamActionDialog, intervention_row);
  gtk_widget_class_bind_template_child (widget_class, SamActionDialog, agency_row);
  gtk_widget_class_bind_template_child (widget_class, SamActionDialog, person_row);
  gtk_widget_class_bind_template_child (widget_class, SamActionDialog, starts_on_row);
  gtk_widget_class_bind_template_child (widget_class, SamActionDialog, due_on_row);
  gtk_widget_class_bind_template_callback (widget_class, on_intervention_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_agency_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_date_row_changed);

  gtk_widget_class_install_action (widget_class, "action.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "action.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sam_action_dialog_init (SamActionDialog *self)
{
  self->goal_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->agency_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->person_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API ----------------------------------------------------------------- */

static void
fill_from_action (SamActionDialog     *self,
                  const SamPlanAction *action)
{
  guint n = 0;
  const SamCatalogueEntry *entries = sam_catalogue_list (SAM_CATALOGUE_KIND_INTERVENTION, &n);

  self->action_id = action->id;
  self->kept_person_id = action->responsible_user_id;
  self->kept_person_name = g_strdup (action->responsible_user_name);
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Action"));
  select_id (self->goal_row, self->goal_ids, action->goal_id);
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), action->description);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (entries[i].code, action->intervention_code) == 0)
      adw_combo_row_set_selected (self->intervention_row, i);
  select_id (self->agency_row, self->agency_ids, action->responsible_agency_id);
  fill_people (self);
  select_id (self->person_row, self->person_ids, action->responsible_user_id);
  gtk_editable_set_text (GTK_EDITABLE (self->starts_on_row), action->starts_on);
  gtk_editable_set_text (GTK_EDITABLE (self->due_on_row), action->due_on);
}

/**
 * sam_action_dialog_new:
 * @parent: (nullable): the window to stay above
 * @session: a user who may manage the case's plan
 * @case_id: the case
 * @goals: (element-type SamPlanGoal) (nullable): the plan's goals, to
 *   choose from
 * @action: (nullable): the action to change, or %NULL to add one
 *
 * Emits #SamActionDialog::saved once the core has saved the action.
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
SamActionDialog *
sam_action_dialog_new (GtkWindow           *parent,
                       SamSession          *session,
                       gint64               case_id,
                       GPtrArray           *goals,
                       const SamPlanAction *action)
{
  SamActionDialog *self;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);

  self = g_object_new (SAM_TYPE_ACTION_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->case_id = case_id;
  fill_goals (self, goals);
  fill_interventions (self);
  fill_agencies (self);
  fill_people (self);
  show_evidence (self);
  /* Most actions start the day they are agreed. */
  gtk_editable_set_text (GTK_EDITABLE (self->starts_on_row), today);
  if (action != NULL)
    fill_from_action (self, action);

  return self;
}
