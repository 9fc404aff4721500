/* sam-meeting-dialog.c
 *
 * Schedules a network meeting for a case (DESIGN §2, step 6): when, how
 * long, where, who takes part and the agenda. The same dialog changes a
 * planned meeting: it moves it, rewrites its agenda or its participants,
 * each only when the user changed it.
 *
 * The participants offered are the case's coordinator and team, each with
 * their agency, the young person, and every guardian, as the core lists
 * them. Date and time are checked as they are typed; the core checks
 * everything again, and its message names the field, so the dialog shows
 * it right below that field. A refused save keeps every field as the user
 * left it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-meeting-dialog"

#include "config.h"

#include "sam-meeting-dialog.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#define DEFAULT_DURATION_MINUTES 60

struct _SamMeetingDialog
{
  AdwWindow             parent_instance;

  SamSession           *session;
  gint64                case_id;
  SamMeeting           *meeting;          /* the meeting as it was, in edit mode */
  GPtrArray            *user_checks;      /* GtkCheckButton, "user-id" data */
  GPtrArray            *guardian_checks;  /* GtkCheckButton, "guardian-id" data */
  GtkCheckButton       *young_person_check;

  /* Template widgets */
  AdwEntryRow          *date_row;
  AdwEntryRow          *time_row;
  GtkWidget            *duration_row;
  GtkSpinButton        *duration_spin;
  AdwEntryRow          *place_row;
  GtkLabel             *when_error_label;
  AdwPreferencesGroup  *participants_group;
  GtkLabel             *participants_error_label;
  GtkWidget            *agenda_frame;
  GtkTextView          *agenda_view;
  GtkLabel             *agenda_error_label;
  GtkLabel             *error_label;
};

enum {
  SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (SamMeetingDialog, sam_meeting_dialog, ADW_TYPE_WINDOW)

/* Helpers -------------------------------------------------------------------- */

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* "13:30" or "9:05", as people type a time of day. */
static gboolean
parse_time_of_day (const char *text,
                   int        *out_hour,
                   int        *out_minute)
{
  int hour, minute, consumed = 0;

  if (text == NULL || sscanf (text, "%2d:%2d%n", &hour, &minute, &consumed) != 2 ||
      text[consumed] != '\0' || strlen (text) < 4 || text[strlen (text) - 3] != ':')
    return FALSE;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return FALSE;

  *out_hour = hour;
  *out_minute = minute;
  return TRUE;
}

/* The date and time typed, in local time, as ISO 8601 with its offset,
 * which the core stores in UTC. */
static char *
compose_starts_at (const char  *date_text,
                   const char  *time_text,
                   GError     **error)
{
  g_autoptr(GDateTime) local = NULL;
  GDate date;
  int hour, minute;

  g_date_clear (&date, 1);
  if (!sam_validate_date (_("Date"), date_text, &date, error))
    return NULL;

  if (!parse_time_of_day (time_text, &hour, &minute))
    {
      g_set_error_literal (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                           _("Time: write the time as HH:MM, such as 13:30."));
      return NULL;
    }

  local = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                 g_date_get_day (&date), hour, minute, 0);
  return g_date_time_format_iso8601 (local);
}

/* A row with a check box in front; the whole row toggles it. */
static GtkCheckButton *
add_check_row (AdwPreferencesGroup *group,
               const char          *title,
               const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_preferences_group_add (group, row);

  return GTK_CHECK_BUTTON (check);
}

static void
set_check_id (GtkCheckButton *check,
              const char     *key,
              gint64          id)
{
  g_object_set_data_full (G_OBJECT (check), key, g_memdup2 (&id, sizeof (gint64)), g_free);
}

static GArray *
checked_ids (GPtrArray  *checks,
             const char *key)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (checks, i);

      if (gtk_check_button_get_active (check))
        g_array_append_val (ids, *(gint64 *) g_object_get_data (G_OBJECT (check), key));
    }

  return ids;
}

/* Whether the meeting being changed had this participant. */
static gboolean
had_participant (SamMeetingDialog          *self,
                 SamMeetingParticipantKind  kind,
                 gint64                     id)
{
  for (guint i = 0; self->meeting != NULL && i < self->meeting->participants->len; i++)
    {
      SamMeetingParticipant *participant = g_ptr_array_index (self->meeting->participants, i);

      if (participant->kind != kind)
        continue;
      if (kind == SAM_MEETING_PARTICIPANT_YOUNG_PERSON ||
          (kind == SAM_MEETING_PARTICIPANT_USER && participant->user_id == id) ||
          (kind == SAM_MEETING_PARTICIPANT_GUARDIAN && participant->guardian_id == id))
        return TRUE;
    }

  return FALSE;
}

/* A new meeting invites whoever schedules it; a meeting being changed
 * starts from the participants it has. */
static gboolean
initially_checked (SamMeetingDialog          *self,
                   SamMeetingParticipantKind  kind,
                   gint64                     id)
{
  if (self->meeting != NULL)
    return had_participant (self, kind, id);

  return kind == SAM_MEETING_PARTICIPANT_USER && id == sam_session_get_user_id (self->session);
}

/* Participants --------------------------------------------------------------- */

static gboolean
add_staff (SamMeetingDialog  *self,
           GError           **error)
{
  g_autoptr(GPtrArray) team = sam_case_team_list (self->session, self->case_id, error);

  if (team == NULL)
    return FALSE;

  for (guint i = 0; i < team->len; i++)
    {
      SamTeamMember *member = g_ptr_array_index (team, i);
      g_autofree char *subtitle = member->is_coordinator
        /* Translators: %s is an agency; the staff member coordinates the case */
        ? g_strdup_printf (_("%s · coordinator"), member->agency_name)
        : g_strdup (member->agency_name);
      GtkCheckButton *check = add_check_row (self->participants_group, member->display_name, subtitle);

      set_check_id (check, "user-id", member->user_id);
      gtk_check_button_set_active (check, initially_checked (self, SAM_MEETING_PARTICIPANT_USER,
                                                             member->user_id));
      g_ptr_array_add (self->user_checks, check);
    }

  return TRUE;
}

static gboolean
add_family (SamMeetingDialog  *self,
            GError           **error)
{
  g_autoptr(SamCase) current = NULL;
  g_autoptr(SamPerson) person = NULL;
  g_autoptr(GPtrArray) guardians = NULL;
  g_autofree char *name = NULL;

  if (!(current = sam_case_store_get (self->session, self->case_id, error)) ||
      !(person = sam_person_store_get (self->session, current->person_id, error)) ||
      !(guardians = sam_person_store_list_guardians (self->session, current->person_id, error)))
    return FALSE;

  name = g_strdup_printf ("%s %s", person->given_name, person->family_name);
  self->young_person_check = add_check_row (self->participants_group, name, _("The young person"));
  gtk_check_button_set_active (self->young_person_check,
                               initially_checked (self, SAM_MEETING_PARTICIPANT_YOUNG_PERSON, 0));

  for (guint i = 0; i < guardians->len; i++)
    {
      SamGuardian *guardian = g_ptr_array_index (guardians, i);
      GtkCheckButton *check = add_check_row (self->participants_group, guardian->name,
                                             guardian->custody ? _("Guardian with custody") : _("Parent"));

      set_check_id (check, "guardian-id", guardian->id);
      gtk_check_button_set_active (check, initially_checked (self, SAM_MEETING_PARTICIPANT_GUARDIAN,
                                                             guardian->id));
      g_ptr_array_add (self->guardian_checks, check);
    }

  return TRUE;
}

/* The meeting being changed, in the fields, in local time. */
static void
fill_from_meeting (SamMeetingDialog *self)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (self->meeting->starts_at, NULL);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  if (local != NULL)
    {
      g_autofree char *date = g_date_time_format (local, "%Y-%m-%d");
      g_autofree char *time = g_date_time_format (local, "%H:%M");

      gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
      gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
    }

  gtk_spin_button_set_value (self->duration_spin, self->meeting->duration_minutes);
  gtk_editable_set_text (GTK_EDITABLE (self->place_row), self->meeting->place);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->agenda_view),
                            self->meeting->agenda != NULL ? self->meeting->agenda : "", -1);
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Meeting"));
}

/* Errors --------------------------------------------------------------------- */

static void
hide_error (GtkLabel *label)
{
  gtk_label_set_text (label, "");
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
}

static void
clear_errors (SamMeetingDialog *self)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->date_row), GTK_WIDGET (self->time_row), self->duration_row,
    GTK_WIDGET (self->place_row), self->agenda_frame,
  };

  hide_error (self->when_error_label);
  hide_error (self->participants_error_label);
  hide_error (self->agenda_error_label);
  hide_error (self->error_label);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (rows[i], "error");
}

static void
show_at (GtkLabel   *label,
         GtkWidget  *field,
         GtkWidget  *also,
         const char *message)
{
  gtk_label_set_text (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  gtk_widget_add_css_class (field, "error");
  if (also != NULL)
    gtk_widget_add_css_class (also, "error");
  gtk_widget_child_focus (field, GTK_DIR_TAB_FORWARD);
}

static gboolean
names_field (const char *message,
             const char *field)
{
  g_autofree char *prefix = g_strconcat (field, ":", NULL);

  return g_str_has_prefix (message, prefix);
}

/* The core's messages start with the field's name, "Place: …": the
 * message goes right below that field, which is marked and focused. */
static void
show_error (SamMeetingDialog *self,
            const char       *message)
{
  GtkWidget *date = GTK_WIDGET (self->date_row);
  GtkWidget *time = GTK_WIDGET (self->time_row);

  if (names_field (message, _("Start time")))
    show_at (self->when_error_label, date, time, message);
  else if (names_field (message, _("Date")))
    show_at (self->when_error_label, date, NULL, message);
  else if (names_field (message, _("Time")))
    show_at (self->when_error_label, time, NULL, message);
  else if (names_field (message, _("Duration")))
    show_at (self->when_error_label, self->duration_row, NULL, message);
  else if (names_field (message, _("Place")))
    show_at (self->when_error_label, GTK_WIDGET (self->place_row), NULL, message);
  else if (names_field (message, _("Participants")))
    show_at (self->participants_error_label, GTK_WIDGET (self->participants_group), NULL, message);
  else if (names_field (message, _("Agenda")))
    show_at (self->agenda_error_label, self->agenda_frame, NULL, message);
  else
    {
      gtk_label_set_text (self->error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

/* Saving --------------------------------------------------------------------- */

static gint64
schedule (SamMeetingDialog       *self,
          const SamMeetingDraft  *draft,
          GError                **error)
{
  return sam_meeting_store_schedule (self->session, self->case_id, draft, error);
}

static gboolean
participants_changed (SamMeetingDialog      *self,
                      const SamMeetingDraft *draft)
{
  guint before = 0;

  for (guint i = 0; i < draft->n_users; i++)
    if (!had_participant (self, SAM_MEETING_PARTICIPANT_USER, draft->user_ids[i]))
      return TRUE;
  for (guint i = 0; i < draft->n_guardians; i++)
    if (!had_participant (self, SAM_MEETING_PARTICIPANT_GUARDIAN, draft->guardian_ids[i]))
      return TRUE;
  if (draft->include_young_person != had_participant (self, SAM_MEETING_PARTICIPANT_YOUNG_PERSON, 0))
    return TRUE;

  before = self->meeting->participants->len;
  return before != draft->n_users + draft->n_guardians + (draft->include_young_person ? 1 : 0);
}

/* Each part is its own audited change, made only when the user changed
 * it; a refusal stops there with the fields as they are. */
static gboolean
update (SamMeetingDialog       *self,
        const SamMeetingDraft  *draft,
        GError                **error)
{
  const SamMeeting *was = self->meeting;
  gint64 id = was->id;
  g_autoptr(GDateTime) old_start = g_date_time_new_from_iso8601 (was->starts_at, NULL);
  g_autoptr(GDateTime) new_start = g_date_time_new_from_iso8601 (draft->starts_at, NULL);
  gboolean moved = old_start == NULL || new_start == NULL || !g_date_time_equal (old_start, new_start) ||
                   was->duration_minutes != draft->duration_minutes ||
                   g_strcmp0 (was->place, draft->place) != 0;

  if (moved && !sam_meeting_store_reschedule (self->session, id, draft->starts_at,
                                              draft->duration_minutes, draft->place, error))
    return FALSE;
  if (g_strcmp0 (was->agenda != NULL ? was->agenda : "", draft->agenda) != 0 &&
      !sam_meeting_store_update_agenda (self->session, id, draft->agenda, error))
    return FALSE;
  if (participants_changed (self, draft) &&
      !sam_meeting_store_set_participants (self->session, id, draft, error))
    return FALSE;

  return TRUE;
}

static gint64
save (SamMeetingDialog  *self,
      const char        *starts_at,
      GError           **error)
{
  g_autoptr(GArray) users = checked_ids (self->user_checks, "user-id");
  g_autoptr(GArray) guardians = checked_ids (self->guardian_checks, "guardian-id");
  g_autofree char *agenda = view_text (self->agenda_view);
  SamMeetingDraft draft = {
    .starts_at = starts_at,
    .duration_minutes = gtk_spin_button_get_value_as_int (self->duration_spin),
    .place = row_text (self->place_row),
    .agenda = agenda,
    .user_ids = (const gint64 *) users->data,
    .n_users = users->len,
    .guardian_ids = (const gint64 *) guardians->data,
    .n_guardians = guardians->len,
    .include_young_person = self->young_person_check != NULL &&
                            gtk_check_button_get_active (self->young_person_check),
  };

  if (self->meeting == NULL)
    return schedule (self, &draft, error);

  return update (self, &draft, error) ? self->meeting->id : 0;
}

/* Signal callbacks ----------------------------------------------------------- */

static void
on_date_row_changed (SamMeetingDialog *self)
{
  const char *text = row_text (self->date_row);
  GDate date;

  g_date_clear (&date, 1);
  if (text[0] == '\0' || sam_validate_date ("", text, &date, NULL))
    gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
}

static void
on_time_row_changed (SamMeetingDialog *self)
{
  const char *text = row_text (self->time_row);
  int hour, minute;

  if (text[0] == '\0' || parse_time_of_day (text, &hour, &minute))
    gtk_widget_remove_css_class (GTK_WIDGET (self->time_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->time_row), "error");
}

/* Actions -------------------------------------------------------------------- */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SamMeetingDialog *self = SAM_MEETING_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *starts_at = NULL;
  gint64 meeting_id = 0;

  clear_errors (self);
  starts_at = compose_starts_at (row_text (self->date_row), row_text (self->time_row), &error);
  if (starts_at != NULL)
    meeting_id = save (self, starts_at, &error);

  if (meeting_id == 0)
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals [SAVED], 0, meeting_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Life cycle ----------------------------------------------------------------- */

static void
sam_meeting_dialog_dispose (GObject *object)
{
  SamMeetingDialog *self = (SamMeetingDialog *)object;

  g_clear_pointer (&self->user_checks, g_ptr_array_unref);
  g_clear_pointer (&self->guardian_checks, g_ptr_array_unref);
  g_clear_pointer (&self->meeting, sam_meeting_free);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sam_meeting_dialog_parent_class)->dispose (object);
}

static void
sam_meeting_dialog_class_init (SamMeetingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_meeting_dialog_dispose;

  /**
   * SamMeetingDialog::saved:
   * @self: the dialog
   * @meeting_id: the meeting scheduled or changed
   *
   * The core saved the meeting; the dialog closes right after.
   */
  signals [SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-meeting-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SamMeetingDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, SamMeetingDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, SamMeetingDialog, duration_row);
  gtk_widget_class_bind_template_child (widget_class, SamMeetingDialog, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, SamMeetingDialog, place_row);
  gtk_widget_class_bind_template_child (widget_class, SamMeetingDialog, when_error_label);
  gtk_widget_class_bind_template_child (widget_class, SamMeetingDialog, participants_group);
  gtk_widget_class_bind_template_child (widget_class, SamMeetingDialog, participants_error_label);
  gtk_widget_class_bind_template_child (widget_class, SamMeetingDialog, agenda_frame);
  gtk_widget_class_bind_template_child (widget_class, SamMeetingDialog, agenda_view);
  gtk_widget_class_bind_template_child (widget_class, SamMeetingDialog, agenda_error_label);
  gtk_widget_class_bind_template_child (widget_class, SamMeetingDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_date_row_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_time_row_changed);

  gtk_widget_class_install_action (widget_class, "meeting.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "meeting.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sam_meeting_dialog_init (SamMeetingDialog *self)
{
  self->user_checks = g_ptr_array_new ();
  self->guardian_checks = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_spin_button_set_value (self->duration_spin, DEFAULT_DURATION_MINUTES);
}

static SamMeetingDialog *
new_dialog (GtkWindow   *parent,
            SamSession  *session,
            gint64       case_id,
            SamMeeting  *meeting,
            GError     **error)
{
  SamMeetingDialog *self = g_object_new (SAM_TYPE_MEETING_DIALOG, "transient-for", parent, NULL);

  self->session = g_object_ref (session);
  self->case_id = case_id;
  self->meeting = meeting;
  if (!add_staff (self, error) || !add_family (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  if (meeting != NULL)
    fill_from_meeting (self);

  return self;
}

/* Public API ----------------------------------------------------------------- */

/**
 * sam_meeting_dialog_new:
 * @parent: (nullable): the window to stay above
 * @session: someone who may manage the case's meetings
 * @case_id: the case the meeting is for
 * @error: return location for a #GError
 *
 * A form for a new meeting. Emits #SamMeetingDialog::saved once the core
 * has scheduled it.
 *
 * Returns: (transfer none) (nullable): the dialog, not yet shown, or
 *   %NULL with @error set when the case's team or family cannot be read
 */
SamMeetingDialog *
sam_meeting_dialog_new (GtkWindow   *parent,
                        SamSession  *session,
                        gint64       case_id,
                        GError     **error)
{
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return new_dialog (parent, session, case_id, NULL, error);
}

/**
 * sam_meeting_dialog_new_edit:
 * @parent: (nullable): the window to stay above
 * @session: someone who may manage the case's meetings
 * @meeting_id: a planned meeting
 * @error: return location for a #GError
 *
 * A form to move a planned meeting, or change its agenda or participants.
 *
 * Returns: (transfer none) (nullable): the dialog, not yet shown, or
 *   %NULL with @error set
 */
SamMeetingDialog *
sam_meeting_dialog_new_edit (GtkWindow   *parent,
                             SamSession  *session,
                             gint64       meeting_id,
                             GError     **error)
{
  SamMeeting *meeting;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  meeting = sam_meeting_store_get (session, meeting_id, error);
  if (meeting == NULL)
    return NULL;

  return new_dialog (parent, session, meeting->case_id, meeting, error);
}

/**
 * sam_meeting_dialog_get_meeting_id:
 *
 * Returns: the meeting being changed, or 0 for a new one
 */
gint64
sam_meeting_dialog_get_meeting_id (SamMeetingDialog *self)
{
  g_return_val_if_fail (SAM_IS_MEETING_DIALOG (self), 0);

  return self->meeting != NULL ? self->meeting->id : 0;
}
