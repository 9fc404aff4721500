/* sam-case-meetings-view.c
 *
 * The Meetings view of a case: its network meetings, upcoming first in
 * time order, then the past ones, newest first, each with its status in
 * words, its participants, agenda, minutes and decisions as far as the
 * core lets the viewer see them. Whoever may manage the case's meetings
 * (asked of the policy, never decided here) can schedule one, change a
 * planned one, and write the minutes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-case-meetings-view"

#include "config.h"

#include "sam-case-meetings-view.h"

#include <glib/gi18n.h>

#include "sam-calendar-export.h"
#include "sam-meeting-dialog.h"
#include "sam-meeting-format.h"
#include "sam-minutes-dialog.h"
#include "sam-minutes-print.h"

struct _SamCaseMeetingsView
{
  AdwBin            parent_instance;

  SamSession       *session;
  gint64            case_id;
  GPtrArray        *meetings;
  GtkWindow        *dialog;         /* weak: an open meeting or minutes dialog */

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkWidget        *schedule_button;
  GtkListBox       *upcoming_list;
  GtkListBox       *past_list;
};

G_DEFINE_FINAL_TYPE (SamCaseMeetingsView, sam_case_meetings_view, ADW_TYPE_BIN)

/* Helpers -------------------------------------------------------------------- */

static void
remove_all_rows (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void
set_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *label = sam_meeting_format_label (text, "dim-label");

  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_label_set_xalign (GTK_LABEL (label), 0.5);
  gtk_list_box_set_placeholder (list, label);
}

static void
show_toast (SamCaseMeetingsView *self,
            const char          *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
may_manage (SamCaseMeetingsView *self)
{
  SamAccessTarget target = { .case_id = self->case_id };

  return self->session != NULL &&
         sam_policy_may (self->session, SAM_OPERATION_MEETING_MANAGE, &target);
}

static GtkWindow *
parent_window (SamCaseMeetingsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
close_dialog (SamCaseMeetingsView *self)
{
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_clear_weak_pointer (&self->dialog);
}

static void
present_dialog (SamCaseMeetingsView *self,
                GtkWindow           *dialog)
{
  close_dialog (self);
  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (dialog);
}

/* Rows ----------------------------------------------------------------------- */

static char *
describe_participants (const SamMeeting *meeting)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < meeting->participants->len; i++)
    {
      SamMeetingParticipant *participant = g_ptr_array_index (meeting->participants, i);

      if (text->len > 0)
        g_string_append (text, ", ");
      if (participant->agency_name != NULL)
        /* Translators: a staff member taking part in a meeting, and their agency */
        g_string_append_printf (text, _("%s (%s)"), participant->display_name, participant->agency_name);
      else
        g_string_append (text, participant->display_name);
    }

  if (text->len == 0)
    return NULL;

  /* Translators: %s lists who takes part in a meeting */
  return g_strdup_printf (_("Participants: %s"), text->str);
}

static void
append_text (GtkWidget  *box,
             const char *heading,
             const char *text)
{
  if (text == NULL || text[0] == '\0')
    return;

  gtk_box_append (GTK_BOX (box), sam_meeting_format_label (heading, "caption-heading"));
  gtk_box_append (GTK_BOX (box), sam_meeting_format_label (text, NULL));
}

static GtkWidget *
row_button (const char *label,
            const char *action,
            gint64      meeting_id)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", meeting_id);

  return button;
}

/* Everyone who sees a meeting may take it out of Samverka, as a calendar
 * invitation while it is planned, or as printed minutes; the core checks
 * and audits each export. Only social services change it. */
static GtkWidget *
buttons_new (const SamMeeting *meeting,
             gboolean          manage)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  if (meeting->status == SAM_MEETING_PLANNED)
    gtk_box_append (GTK_BOX (buttons),
                    row_button (_("Add to Calendar…"), "meetings.calendar", meeting->id));
  gtk_box_append (GTK_BOX (buttons), row_button (_("Print…"), "meetings.print", meeting->id));
  if (manage && meeting->status == SAM_MEETING_PLANNED)
    gtk_box_append (GTK_BOX (buttons), row_button (_("Edit…"), "meetings.edit", meeting->id));
  if (manage)
    gtk_box_append (GTK_BOX (buttons), row_button (_("Minutes…"), "meetings.minutes", meeting->id));

  return buttons;
}

static GtkWidget *
meeting_row_new (SamCaseMeetingsView *self,
                 const SamMeeting    *meeting,
                 gboolean             manage)
{
  g_autofree char *when = sam_meeting_format_when (meeting);
  g_autofree char *participants = describe_participants (meeting);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = sam_meeting_format_label (when, "heading");

  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), sam_meeting_status_badge_new (meeting->status));
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), sam_meeting_format_label (meeting->place, "dim-label"));
  if (participants != NULL)
    gtk_box_append (GTK_BOX (box), sam_meeting_format_label (participants, "caption"));
  append_text (box, _("Agenda"), meeting->agenda);
  append_text (box, C_("meeting", "Minutes"), meeting->minutes);
  append_text (box, _("Decisions"), meeting->decisions);
  if (meeting->status != SAM_MEETING_CANCELLED)
    gtk_box_append (GTK_BOX (box), buttons_new (meeting, manage));

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, when,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  sam_meeting_status_get_label (meeting->status), -1);

  return row;
}

/* Listing -------------------------------------------------------------------- */

static gboolean
is_upcoming (const SamMeeting *meeting,
             GDateTime        *now)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (meeting->starts_at, NULL);

  return start != NULL && g_date_time_compare (start, now) >= 0;
}

static void
drop_rows (SamCaseMeetingsView *self)
{
  close_dialog (self);
  remove_all_rows (self->upcoming_list);
  remove_all_rows (self->past_list);
  g_clear_pointer (&self->meetings, g_ptr_array_unref);
}

/* The core lists by start time: upcoming ones keep that order, past ones
 * are shown newest first, since the last meeting is the one looked for. */
static void
fill (SamCaseMeetingsView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  gboolean manage = may_manage (self);

  gtk_widget_set_visible (self->schedule_button, manage);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.schedule", manage);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.edit", manage);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.minutes", manage);

  self->meetings = sam_meeting_store_list_for_case (self->session, self->case_id, &error);
  if (self->meetings == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  for (guint i = 0; i < self->meetings->len; i++)
    {
      SamMeeting *meeting = g_ptr_array_index (self->meetings, i);
      GtkWidget *row = meeting_row_new (self, meeting, manage);

      if (is_upcoming (meeting, now))
        gtk_list_box_append (self->upcoming_list, row);
      else
        gtk_list_box_prepend (self->past_list, row);
    }
}

static void
refresh (SamCaseMeetingsView *self)
{
  remove_all_rows (self->upcoming_list);
  remove_all_rows (self->past_list);
  g_clear_pointer (&self->meetings, g_ptr_array_unref);
  if (self->session != NULL)
    fill (self);
}

/* Signal callbacks ----------------------------------------------------------- */

static void
on_meeting_saved (SamCaseMeetingsView *self,
                  gint64               meeting_id)
{
  refresh (self);
  show_toast (self, _("Meeting saved."));
}

static void
on_minutes_changed (SamCaseMeetingsView *self,
                    gint64               meeting_id)
{
  refresh (self);
}

/* Actions -------------------------------------------------------------------- */

static void
open_meeting_dialog (SamCaseMeetingsView *self,
                     SamMeetingDialog    *dialog,
                     const GError        *error)
{
  if (dialog == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_meeting_saved), self, G_CONNECT_SWAPPED);
  present_dialog (self, GTK_WINDOW (dialog));
}

static void
schedule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SamCaseMeetingsView *self = SAM_CASE_MEETINGS_VIEW (widget);
  g_autoptr(GError) error = NULL;
  SamMeetingDialog *dialog;

  if (self->session == NULL)
    return;

  dialog = sam_meeting_dialog_new (parent_window (self), self->session, self->case_id, &error);
  open_meeting_dialog (self, dialog, error);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SamCaseMeetingsView *self = SAM_CASE_MEETINGS_VIEW (widget);
  g_autoptr(GError) error = NULL;
  SamMeetingDialog *dialog;

  if (self->session == NULL)
    return;

  dialog = sam_meeting_dialog_new_edit (parent_window (self), self->session,
                                        g_variant_get_int64 (parameter), &error);
  open_meeting_dialog (self, dialog, error);
}

static void
minutes_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SamCaseMeetingsView *self = SAM_CASE_MEETINGS_VIEW (widget);
  g_autoptr(GError) error = NULL;
  SamMinutesDialog *dialog;

  if (self->session == NULL)
    return;

  dialog = sam_minutes_dialog_new (parent_window (self), self->session,
                                   g_variant_get_int64 (parameter), &error);
  if (dialog == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  g_signal_connect_object (dialog, "changed", G_CALLBACK (on_minutes_changed), self, G_CONNECT_SWAPPED);
  present_dialog (self, GTK_WINDOW (dialog));
}

static const SamMeeting *
find_meeting (SamCaseMeetingsView *self,
              gint64               meeting_id)
{
  for (guint i = 0; self->meetings != NULL && i < self->meetings->len; i++)
    {
      const SamMeeting *meeting = g_ptr_array_index (self->meetings, i);

      if (meeting->id == meeting_id)
        return meeting;
    }

  return NULL;
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  SamCaseMeetingsView *self = SAM_CASE_MEETINGS_VIEW (widget);

  if (self->session != NULL)
    sam_print_minutes (parent_window (self), self->session, g_variant_get_int64 (parameter));
}

static void
calendar_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SamCaseMeetingsView *self = SAM_CASE_MEETINGS_VIEW (widget);
  const SamMeeting *meeting = find_meeting (self, g_variant_get_int64 (parameter));

  if (self->session != NULL && meeting != NULL)
    sam_calendar_export_meeting (parent_window (self), self->session, meeting);
}

/* Life cycle ----------------------------------------------------------------- */

static void
sam_case_meetings_view_dispose (GObject *object)
{
  SamCaseMeetingsView *self = (SamCaseMeetingsView *)object;

  close_dialog (self);
  g_clear_pointer (&self->meetings, g_ptr_array_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sam_case_meetings_view_parent_class)->dispose (object);
}

static void
sam_case_meetings_view_class_init (SamCaseMeetingsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_case_meetings_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-case-meetings-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SamCaseMeetingsView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SamCaseMeetingsView, schedule_button);
  gtk_widget_class_bind_template_child (widget_class, SamCaseMeetingsView, upcoming_list);
  gtk_widget_class_bind_template_child (widget_class, SamCaseMeetingsView, past_list);

  gtk_widget_class_install_action (widget_class, "meetings.schedule", NULL, schedule_action);
  gtk_widget_class_install_action (widget_class, "meetings.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "meetings.minutes", "x", minutes_action);
  gtk_widget_class_install_action (widget_class, "meetings.print", "x", print_action);
  gtk_widget_class_install_action (widget_class, "meetings.calendar", "x", calendar_action);
}

static void
sam_case_meetings_view_init (SamCaseMeetingsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  set_placeholder (self->upcoming_list, _("No meeting is planned."));
  set_placeholder (self->past_list, _("No past meetings."));
  sam_case_meetings_view_clear (self);
}

/* Public API ----------------------------------------------------------------- */

/**
 * sam_case_meetings_view_new:
 *
 * Returns: (transfer floating): an empty view
 */
GtkWidget *
sam_case_meetings_view_new (void)
{
  return g_object_new (SAM_TYPE_CASE_MEETINGS_VIEW, NULL);
}

/**
 * sam_case_meetings_view_load:
 * @self: a #SamCaseMeetingsView
 * @session: the signed-in user; kept until sam_case_meetings_view_clear()
 * @case_id: the case
 *
 * Lists the case's meetings the viewer may see (one audited listing). A
 * refusal is shown as a toast and leaves the view empty.
 */
void
sam_case_meetings_view_load (SamCaseMeetingsView *self,
                             SamSession          *session,
                             gint64               case_id)
{
  g_return_if_fail (SAM_IS_CASE_MEETINGS_VIEW (self));
  g_return_if_fail (SAM_IS_SESSION (session));

  drop_rows (self);
  g_set_object (&self->session, session);
  self->case_id = case_id;
  fill (self);
}

/**
 * sam_case_meetings_view_clear:
 * @self: a #SamCaseMeetingsView
 *
 * Closes any dialog the view opened, empties it and drops the session, as
 * locking requires.
 */
void
sam_case_meetings_view_clear (SamCaseMeetingsView *self)
{
  g_return_if_fail (SAM_IS_CASE_MEETINGS_VIEW (self));

  drop_rows (self);
  g_clear_object (&self->session);
  self->case_id = 0;
  gtk_widget_set_visible (self->schedule_button, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.schedule", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.edit", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.minutes", FALSE);
}

/**
 * sam_case_meetings_view_get_n_items:
 *
 * Returns: how many meetings the view lists
 */
guint
sam_case_meetings_view_get_n_items (SamCaseMeetingsView *self)
{
  g_return_val_if_fail (SAM_IS_CASE_MEETINGS_VIEW (self), 0);

  return self->meetings != NULL ? self->meetings->len : 0;
}
