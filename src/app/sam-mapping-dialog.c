/* sam-mapping-dialog.c
 *
 * Records a mapping (kartläggning): the day the factors were scored, a
 * comment, and a score from 0 to 3 for each factor assessed. Starts from
 * the latest mapping, if any. A refused save marks the field the core
 * names and keeps every score.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-mapping-dialog"

#include "config.h"

#include "sam-mapping-dialog.h"

#include <glib/gi18n.h>

#include "sam-factor-scores-group.h"

struct _SamMappingDialog
{
  AdwWindow              parent_instance;

  SamSession            *session;
  gint64                 case_id;

  /* Template widgets */
  GtkLabel              *error_label;
  AdwEntryRow           *scored_on_row;
  AdwEntryRow           *comment_row;
  SamFactorScoresGroup  *scores_group;
};

enum {
  RECORDED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (SamMappingDialog, sam_mapping_dialog, ADW_TYPE_WINDOW)

static void
clear_errors (SamMappingDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_label_set_text (self->error_label, "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->scored_on_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->comment_row), "error");
}

static void
show_error (SamMappingDialog *self,
            const char       *message)
{
  struct { const char *field; GtkWidget *row; } fields[] = {
    { C_("mapping", "Scored on"), GTK_WIDGET (self->scored_on_row) },
    { C_("mapping", "Comment"), GTK_WIDGET (self->comment_row) },
    { C_("mapping", "Scores"), GTK_WIDGET (self->scores_group) },
  };

  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *prefix = g_strconcat (fields[i].field, ":", NULL);

      if (g_str_has_prefix (message, prefix))
        {
          if (ADW_IS_ENTRY_ROW (fields[i].row))
            gtk_widget_add_css_class (fields[i].row, "error");
          gtk_widget_child_focus (fields[i].row, GTK_DIR_TAB_FORWARD);
          return;
        }
    }
}

static void
on_date_row_changed (AdwEntryRow      *row,
                     SamMappingDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (text[0] == '\0' || sam_validate_date ("", text, NULL, NULL))
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SamMappingDialog *self = SAM_MAPPING_DIALOG (widget);
  g_autoptr(GArray) scores = sam_factor_scores_group_get_scores (self->scores_group);
  const char *comment = gtk_editable_get_text (GTK_EDITABLE (self->comment_row));
  g_autoptr(GError) error = NULL;
  gint64 mapping_id;

  clear_errors (self);
  mapping_id = sam_mapping_store_record (self->session, self->case_id,
                                         gtk_editable_get_text (GTK_EDITABLE (self->scored_on_row)),
                                         comment[0] != '\0' ? comment : NULL,
                                         (const SamFactorScore *) scores->data, scores->len, &error);
  if (mapping_id == 0)
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals [RECORDED], 0, mapping_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
sam_mapping_dialog_dispose (GObject *object)
{
  SamMappingDialog *self = (SamMappingDialog *)object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (sam_mapping_dialog_parent_class)->dispose (object);
}

static void
sam_mapping_dialog_class_init (SamMappingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_mapping_dialog_dispose;

  /**
   * SamMappingDialog::recorded:
   * @self: the dialog
   * @mapping_id: the new mapping's id
   *
   * The mapping was saved; the dialog closes right after.
   */
  signals [RECORDED] =
    g_signal_new ("recorded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (SAM_TYPE_FACTOR_SCORES_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-mapping-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SamMappingDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SamMappingDialog, scored_on_row);
  gtk_widget_class_bind_template_child (widget_class, SamMappingDialog, comment_row);
  gtk_widget_class_bind_template_child (widget_class, SamMappingDialog, scores_group);
  gtk_widget_class_bind_template_callback (widget_class, on_date_row_changed);

  gtk_widget_class_install_action (widget_class, "mapping.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "mapping.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sam_mapping_dialog_init (SamMappingDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_editable_set_text (GTK_EDITABLE (self->scored_on_row), today);
}

/**
 * sam_mapping_dialog_new:
 * @parent: (nullable): the window to stay above
 * @session: a user who may write the case's mapping
 * @case_id: the case
 * @latest: (nullable): the latest mapping, to start from
 *
 * Emits #SamMappingDialog::recorded once the core has saved the mapping.
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
SamMappingDialog *
sam_mapping_dialog_new (GtkWindow        *parent,
                        SamSession       *session,
                        gint64            case_id,
                        const SamMapping *latest)
{
  SamMappingDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);

  self = g_object_new (SAM_TYPE_MAPPING_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->case_id = case_id;
  sam_factor_scores_group_set_scores (self->scores_group, latest);

  return self;
}
