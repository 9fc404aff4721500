/* sam-minutes-dialog.c
 *
 * Writes a meeting's minutes and decisions, during the meeting or after
 * it, and records how it ended: held, or cancelled after a confirmation,
 * since both are final (DESIGN §2, step 6). The core refuses to mark a
 * meeting held before it has started; the dialog then shows why and keeps
 * what was written, which is already saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-minutes-dialog"

#include "config.h"

#include "sam-minutes-dialog.h"

#include <glib/gi18n.h>

#include "sam-meeting-format.h"

struct _SamMinutesDialog
{
  AdwWindow     parent_instance;

  SamSession   *session;
  SamMeeting   *meeting;
  GtkWindow    *confirm;          /* weak: the cancel confirmation */

  /* Template widgets */
  GtkLabel     *summary_label;
  GtkLabel     *status_label;
  GtkWidget    *minutes_frame;
  GtkTextView  *minutes_view;
  GtkWidget    *decisions_frame;
  GtkTextView  *decisions_view;
  GtkLabel     *error_label;
  GtkWidget    *outcome_box;
  GtkWidget    *save_button;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (SamMinutesDialog, sam_minutes_dialog, ADW_TYPE_WINDOW)

/* Helpers -------------------------------------------------------------------- */

static char *
view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_view_text (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

static void
clear_errors (SamMinutesDialog *self)
{
  gtk_label_set_text (self->error_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_widget_remove_css_class (self->minutes_frame, "error");
  gtk_widget_remove_css_class (self->decisions_frame, "error");
}

static gboolean
names_field (const char *message,
             const char *field)
{
  g_autofree char *prefix = g_strconcat (field, ":", NULL);

  return g_str_has_prefix (message, prefix);
}

/* The message below the texts; the text it names is marked. */
static void
show_error (SamMinutesDialog *self,
            const char       *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  if (names_field (message, C_("meeting", "Minutes")))
    gtk_widget_add_css_class (self->minutes_frame, "error");
  else if (names_field (message, _("Decisions")))
    gtk_widget_add_css_class (self->decisions_frame, "error");
}

/* What can still be done depends on the status: a held meeting keeps its
 * minutes open for corrections, a cancelled one is closed. */
static void
show_meeting (SamMinutesDialog *self)
{
  gboolean planned = self->meeting->status == SAM_MEETING_PLANNED;
  gboolean cancelled = self->meeting->status == SAM_MEETING_CANCELLED;
  g_autofree char *when = sam_meeting_format_when (self->meeting);
  /* Translators: a meeting: when, the case's number and the place */
  g_autofree char *summary = g_strdup_printf (_("%s · %s · %s"), when, self->meeting->case_number,
                                              self->meeting->place);
  const char *classes[] = { "accent", "success", "dim-label" };

  gtk_label_set_text (self->summary_label, summary);
  gtk_label_set_text (self->status_label, sam_meeting_status_get_label (self->meeting->status));
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label),
                            planned ? "accent" : cancelled ? "dim-label" : "success");

  gtk_widget_set_visible (self->outcome_box, planned);
  gtk_widget_set_visible (self->save_button, !cancelled);
  gtk_text_view_set_editable (self->minutes_view, !cancelled);
  gtk_text_view_set_editable (self->decisions_view, !cancelled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "minutes.save", !cancelled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "minutes.mark-held", planned);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "minutes.cancel-meeting", planned);
}

static gboolean
save_minutes (SamMinutesDialog  *self,
              GError           **error)
{
  g_autofree char *minutes = view_text (self->minutes_view);
  g_autofree char *decisions = view_text (self->decisions_view);

  return sam_meeting_store_record_minutes (self->session, self->meeting->id, minutes, decisions, error);
}

/* The meeting changed in the database: whoever lists it reads it again. */
static void
changed (SamMinutesDialog *self)
{
  g_signal_emit (self, signals [CHANGED], 0, self->meeting->id);
}

static gboolean
destroy_idle (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

/* Closes the dialog once the confirmation that may have led here has
 * finished its own response: destroying its parent inside it would pull
 * it away from under its own signal emission. */
static void
close_soon (SamMinutesDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  /* Held past this call, it must not point at a parent that may go first. */
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_idle, g_object_ref (self), g_object_unref);
}

static void
set_status (SamMinutesDialog *self,
            SamMeetingStatus  status)
{
  g_autoptr(GError) error = NULL;

  if (!sam_meeting_store_set_status (self->session, self->meeting->id, status, &error))
    {
      show_error (self, error->message);
      return;
    }

  changed (self);
  close_soon (self);
}

/* Signal callbacks ----------------------------------------------------------- */

/* The confirmation outlives its response by an idle of GTK's own; it must
 * not point back at this dialog, which may be gone by then. */
static void
release_confirm (SamMinutesDialog *self)
{
  GtkWindow *confirm = self->confirm;

  if (confirm == NULL)
    return;

  g_clear_weak_pointer (&self->confirm);
  gtk_window_set_transient_for (confirm, NULL);
  gtk_window_destroy (confirm);
}

static void
on_confirm_response (SamMinutesDialog *self,
                     const char       *response)
{
  release_confirm (self);
  if (g_strcmp0 (response, "cancel-meeting") == 0)
    set_status (self, SAM_MEETING_CANCELLED);
}

/* Actions -------------------------------------------------------------------- */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SamMinutesDialog *self = SAM_MINUTES_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  clear_errors (self);
  if (!save_minutes (self, &error))
    {
      show_error (self, error->message);
      return;
    }

  changed (self);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
mark_held_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SamMinutesDialog *self = SAM_MINUTES_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  clear_errors (self);
  if (!save_minutes (self, &error))
    {
      show_error (self, error->message);
      return;
    }

  changed (self);
  set_status (self, SAM_MEETING_HELD);
}

static void
cancel_meeting_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SamMinutesDialog *self = SAM_MINUTES_DIALOG (widget);
  GtkWidget *dialog;

  clear_errors (self);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Cancel Meeting?"),
                                   _("The meeting is recorded as cancelled in the case’s chronology. "
                                     "This cannot be undone, and a cancelled meeting has no minutes."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Meeting"),
                                    "cancel-meeting", _("Cancel _Meeting"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel-meeting",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->confirm, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Life cycle ----------------------------------------------------------------- */

static void
sam_minutes_dialog_dispose (GObject *object)
{
  SamMinutesDialog *self = (SamMinutesDialog *)object;

  release_confirm (self);
  g_clear_pointer (&self->meeting, sam_meeting_free);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sam_minutes_dialog_parent_class)->dispose (object);
}

static void
sam_minutes_dialog_class_init (SamMinutesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_minutes_dialog_dispose;

  /**
   * SamMinutesDialog::changed:
   * @self: the dialog
   * @meeting_id: the meeting
   *
   * The core saved the minutes, or the meeting's new status.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-minutes-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SamMinutesDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SamMinutesDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, SamMinutesDialog, minutes_frame);
  gtk_widget_class_bind_template_child (widget_class, SamMinutesDialog, minutes_view);
  gtk_widget_class_bind_template_child (widget_class, SamMinutesDialog, decisions_frame);
  gtk_widget_class_bind_template_child (widget_class, SamMinutesDialog, decisions_view);
  gtk_widget_class_bind_template_child (widget_class, SamMinutesDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SamMinutesDialog, outcome_box);
  gtk_widget_class_bind_template_child (widget_class, SamMinutesDialog, save_button);

  gtk_widget_class_install_action (widget_class, "minutes.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "minutes.mark-held", NULL, mark_held_action);
  gtk_widget_class_install_action (widget_class, "minutes.cancel-meeting", NULL, cancel_meeting_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "minutes.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sam_minutes_dialog_init (SamMinutesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API ----------------------------------------------------------------- */

/**
 * sam_minutes_dialog_new:
 * @parent: (nullable): the window to stay above
 * @session: someone who may manage the meeting's case's meetings
 * @meeting_id: the meeting
 * @error: return location for a #GError
 *
 * Opens the meeting's minutes and decisions for writing. Emits
 * #SamMinutesDialog::changed after every change the core saved.
 *
 * Returns: (transfer none) (nullable): the dialog, not yet shown, or
 *   %NULL with @error set when the meeting cannot be read
 */
SamMinutesDialog *
sam_minutes_dialog_new (GtkWindow   *parent,
                        SamSession  *session,
                        gint64       meeting_id,
                        GError     **error)
{
  SamMinutesDialog *self;
  SamMeeting *meeting;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  meeting = sam_meeting_store_get (session, meeting_id, error);
  if (meeting == NULL)
    return NULL;

  self = g_object_new (SAM_TYPE_MINUTES_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->meeting = meeting;
  set_view_text (self->minutes_view, meeting->minutes);
  set_view_text (self->decisions_view, meeting->decisions);
  show_meeting (self);

  return self;
}

/**
 * sam_minutes_dialog_get_meeting_id:
 *
 * Returns: the meeting the dialog writes for
 */
gint64
sam_minutes_dialog_get_meeting_id (SamMinutesDialog *self)
{
  g_return_val_if_fail (SAM_IS_MINUTES_DIALOG (self), 0);

  return self->meeting->id;
}
