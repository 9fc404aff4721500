/* test-meetings-ui.c: the meeting and minutes dialogs, a case's Meetings
 * view, and the Meetings and Due pages, driven through their real widgets
 * and actions on a real encrypted database
 *
 * With SAM_MEETINGS_SCREENSHOT=SECONDS set, shows the Meetings page and the
 * meeting dialog as the case's coordinator for that long instead of
 * testing, for a screenshot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-meetings-ui"

#include "config.h"

#include <adwaita.h>

#include "sam-case-meetings-view.h"
#include "sam-case-page.h"
#include "sam-database-private.h"
#include "sam-due-page-private.h"
#include "sam-meeting-dialog.h"
#include "sam-meetings-page-private.h"
#include "sam-minutes-dialog.h"
#include "sam-test-util.h"
#include "sam-ui-test-util.h"
#include "sam-workspace-page.h"
#include "samverka-core.h"

#define GIVEN_NAME     "Maja"
#define FAMILY_NAME    "Ros"
#define GUARDIAN       "Anna Ros"
#define PLACE          "Ekholmsskolan, room 4"
#define AGENDA         "School attendance and the leisure club"
#define MINUTES        "Maja joined the football group on Tuesdays"
#define DECISIONS      "The school counsellor calls home every Friday"
#define ACTION_TEXT    "Homework support twice a week"
#define PAST_PLACE     "Socialkontoret, room 2"
#define RECENT_PLACE   "Fritidsgården Ryd, the hall"

/* How long a page's load in its worker may take before the test fails. */
#define LOAD_SECONDS   30

typedef struct
{
  SamTestFixture  base;
  gint64          case_id;
  gint64          person_id;
  gint64          guardian_id;
  char           *case_number;
} Fixture;

/* The world ------------------------------------------------------------------ */

static const char *
first_code (SamCatalogueKind kind)
{
  guint n = 0;
  const SamCatalogueEntry *entries = sam_catalogue_list (kind, &n);

  g_assert_cmpuint (n, >, 0);
  return entries[0].code;
}

static void
add_to_team (SamSession *social,
             gint64      case_id,
             const char *path,
             const char *user)
{
  g_autoptr(SamSession) member = sam_test_unlock_user (path, user);
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_case_store_add_team_member (social, case_id, sam_session_get_user_id (member), &error));
  g_assert_no_error (error);
}

/* A case opened by "social", who coordinates it, for a young person with
 * one guardian; the school is on its team. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SamSession) social = NULL;
  g_autoptr(SamPerson) person = NULL;
  g_autoptr(SamGuardian) guardian = NULL;
  g_autoptr(SamCase) opened = NULL;
  g_autoptr(GError) error = NULL;
  SamPersonDraft draft = { .given_name = GIVEN_NAME, .family_name = FAMILY_NAME, .birth_date = "2012-05-01" };
  SamGuardianDraft with_custody = { .name = GUARDIAN, .custody = TRUE };
  const char *areas[] = { first_code (SAM_CATALOGUE_KIND_TARGET_AREA), NULL };

  sam_test_fixture_set_up (&fixture->base, data);
  sam_test_populate_sspf (fixture->base.path);
  social = sam_test_unlock_user (fixture->base.path, "social");

  person = sam_person_store_create (social, &draft, &error);
  g_assert_no_error (error);
  fixture->person_id = person->id;
  guardian = sam_person_store_add_guardian (social, person->id, &with_custody, &error);
  g_assert_no_error (error);
  fixture->guardian_id = guardian->id;
  opened = sam_case_store_create (social, person->id, SAM_PREVENTION_INDICATED, areas, &error);
  g_assert_no_error (error);
  fixture->case_id = opened->id;
  fixture->case_number = g_strdup (opened->number);
  add_to_team (social, fixture->case_id, fixture->base.path, "school");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->case_number, g_free);
  sam_test_fixture_tear_down (&fixture->base, data);
}

static char *
iso_in_hours (int hours)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_hours (now, hours);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
date_in_days (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static gint64
schedule_in_core (Fixture    *fixture,
                  SamSession *session,
                  int         hours,
                  const char *place)
{
  g_autofree char *starts_at = iso_in_hours (hours);
  g_autoptr(GError) error = NULL;
  gint64 user = sam_session_get_user_id (session);
  SamMeetingDraft draft = {
    .starts_at = starts_at,
    .duration_minutes = 60,
    .place = place,
    .agenda = AGENDA,
    .user_ids = &user,
    .n_users = 1,
  };
  gint64 id = sam_meeting_store_schedule (session, fixture->case_id, &draft, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static GPtrArray *
meetings_of (Fixture    *fixture,
             SamSession *session)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *meetings = sam_meeting_store_list_for_case (session, fixture->case_id, &error);

  g_assert_no_error (error);
  return meetings;
}

/* Widgets -------------------------------------------------------------------- */

typedef struct
{
  GtkWindow  *window;
  GtkWidget  *widget;
  SamSession *session;
} Shown;

static Shown
show (Fixture    *fixture,
      const char *user,
      GtkWidget  *widget)
{
  Shown shown = { 0 };

  shown.session = sam_test_unlock_user (fixture->base.path, user);
  shown.window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (shown.window);
  gtk_window_set_default_size (shown.window, 1000, 760);
  shown.widget = widget;
  gtk_window_set_child (shown.window, widget);
  gtk_window_present (shown.window);
  sam_test_wait_until (gtk_widget_get_mapped (widget), 10);

  return shown;
}

static void
shown_clear (Shown *shown)
{
  gtk_window_destroy (shown->window);
  g_assert_finalize_object (shown->window);
  g_clear_object (&shown->session);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Shown, shown_clear)

static Shown
show_view (Fixture    *fixture,
           const char *user)
{
  Shown shown = show (fixture, user, sam_case_meetings_view_new ());

  sam_case_meetings_view_load (SAM_CASE_MEETINGS_VIEW (shown.widget), shown.session, fixture->case_id);
  return shown;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }

  return NULL;
}

static GtkWidget *
find_widget (GtkWidget     *root,
             gboolean     (*match) (GtkWidget *, gconstpointer),
             gconstpointer  data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static void
set_check (GtkWindow  *dialog,
           const char *title,
           gboolean    active)
{
  GtkWidget *row = find_widget (GTK_WIDGET (dialog), is_row_titled, title);

  g_assert_nonnull (row);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row))),
                               active);
}

static GtkWidget *
child_of (GtkWindow  *dialog,
          GType       type,
          const char *name)
{
  return sam_test_child (GTK_WIDGET (dialog), type, name);
}

static void
set_view_text (GtkWidget  *view,
               const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static char *
get_view_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static GtkWindow *
open_schedule_dialog (Shown *shown)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (shown->widget, "meetings.schedule", NULL));
  sam_test_iterate ();
  dialog = find_toplevel (SAM_TYPE_MEETING_DIALOG);
  g_assert_nonnull (dialog);

  return dialog;
}

static void
fill_meeting (GtkWindow  *dialog,
              const char *date,
              const char *time,
              const char *place)
{
  gtk_editable_set_text (GTK_EDITABLE (child_of (dialog, SAM_TYPE_MEETING_DIALOG, "date_row")), date);
  gtk_editable_set_text (GTK_EDITABLE (child_of (dialog, SAM_TYPE_MEETING_DIALOG, "time_row")), time);
  gtk_editable_set_text (GTK_EDITABLE (child_of (dialog, SAM_TYPE_MEETING_DIALOG, "place_row")), place);
  set_view_text (child_of (dialog, SAM_TYPE_MEETING_DIALOG, "agenda_view"), AGENDA);
}

static gboolean
participated (const SamMeeting          *meeting,
              SamMeetingParticipantKind  kind,
              gint64                     id)
{
  for (guint i = 0; i < meeting->participants->len; i++)
    {
      SamMeetingParticipant *participant = g_ptr_array_index (meeting->participants, i);

      if (participant->kind == kind &&
          (kind == SAM_MEETING_PARTICIPANT_YOUNG_PERSON ||
           participant->user_id == id || participant->guardian_id == id))
        return TRUE;
    }

  return FALSE;
}

/* Tests ---------------------------------------------------------------------- */

static void
test_schedule (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(Shown) shown = show_view (fixture, "social");
  g_autoptr(SamSession) school = sam_test_unlock_user (fixture->base.path, "school");
  g_autofree char *date = date_in_days (3);
  g_autofree char *name = g_strdup_printf ("%s %s", GIVEN_NAME, FAMILY_NAME);
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *expected = NULL;
  SamMeeting *meeting;
  GtkWindow *dialog;

  g_assert_true (gtk_widget_get_visible (sam_test_child (shown.widget, SAM_TYPE_CASE_MEETINGS_VIEW,
                                                         "schedule_button")));
  dialog = open_schedule_dialog (&shown);
  /* The team with agencies, the young person and the guardian are offered. */
  g_assert_true (sam_test_holds_text (GTK_WIDGET (dialog), SAM_TEST_SCHOOL));
  fill_meeting (dialog, date, "13:30", PLACE);
  set_check (dialog, sam_session_get_display_name (school), TRUE);
  set_check (dialog, name, TRUE);
  set_check (dialog, GUARDIAN, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "meeting.save", NULL);
  sam_test_iterate ();
  g_assert_null (find_toplevel (SAM_TYPE_MEETING_DIALOG));

  meetings = meetings_of (fixture, shown.session);
  g_assert_cmpuint (meetings->len, ==, 1);
  meeting = g_ptr_array_index (meetings, 0);
  g_assert_cmpstr (meeting->place, ==, PLACE);
  g_assert_cmpstr (meeting->agenda, ==, AGENDA);
  g_assert_cmpint (meeting->status, ==, SAM_MEETING_PLANNED);
  start = g_date_time_new_from_iso8601 (meeting->starts_at, NULL);
  local = g_date_time_to_local (start);
  start_text = g_date_time_format (local, "%Y-%m-%d %H:%M");
  expected = g_strdup_printf ("%s 13:30", date);
  g_assert_cmpstr (start_text, ==, expected);
  g_assert_cmpuint (meeting->participants->len, ==, 4);
  g_assert_true (participated (meeting, SAM_MEETING_PARTICIPANT_USER, sam_session_get_user_id (shown.session)));
  g_assert_true (participated (meeting, SAM_MEETING_PARTICIPANT_USER, sam_session_get_user_id (school)));
  g_assert_true (participated (meeting, SAM_MEETING_PARTICIPANT_GUARDIAN, fixture->guardian_id));
  g_assert_true (participated (meeting, SAM_MEETING_PARTICIPANT_YOUNG_PERSON, 0));

  /* The view lists it with its status in words. */
  g_assert_cmpuint (sam_case_meetings_view_get_n_items (SAM_CASE_MEETINGS_VIEW (shown.widget)), ==, 1);
  g_assert_true (sam_test_holds_text (sam_test_child (shown.widget, SAM_TYPE_CASE_MEETINGS_VIEW, "upcoming_list"),
                                      PLACE));
  g_assert_true (sam_test_holds_text (shown.widget, sam_meeting_status_get_label (SAM_MEETING_PLANNED)));
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(Shown) shown = show_view (fixture, "social");
  g_autoptr(SamSession) school = sam_test_unlock_user (fixture->base.path, "school");
  g_autoptr(SamMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = schedule_in_core (fixture, shown.session, 48, PLACE);
  GtkWindow *dialog;

  sam_case_meetings_view_load (SAM_CASE_MEETINGS_VIEW (shown.widget), shown.session, fixture->case_id);
  g_assert_true (gtk_widget_activate_action (shown.widget, "meetings.edit", "x", id));
  sam_test_iterate ();
  dialog = find_toplevel (SAM_TYPE_MEETING_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child_of (dialog, SAM_TYPE_MEETING_DIALOG, "place_row"))),
                   ==, PLACE);
  gtk_editable_set_text (GTK_EDITABLE (child_of (dialog, SAM_TYPE_MEETING_DIALOG, "place_row")), PAST_PLACE);
  set_check (dialog, sam_session_get_display_name (school), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "meeting.save", NULL);
  sam_test_iterate ();
  g_assert_null (find_toplevel (SAM_TYPE_MEETING_DIALOG));

  meeting = sam_meeting_store_get (shown.session, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (meeting->place, ==, PAST_PLACE);
  g_assert_cmpstr (meeting->agenda, ==, AGENDA);
  g_assert_true (participated (meeting, SAM_MEETING_PARTICIPANT_USER, sam_session_get_user_id (school)));
}

static void
test_bad_input_kept (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(Shown) shown = show_view (fixture, "social");
  g_autofree char *date = date_in_days (3);
  g_autoptr(GPtrArray) meetings = NULL;
  g_autofree char *agenda = NULL;
  GtkWindow *dialog = open_schedule_dialog (&shown);
  GtkWidget *time_row = child_of (dialog, SAM_TYPE_MEETING_DIALOG, "time_row");
  GtkWidget *place_row = child_of (dialog, SAM_TYPE_MEETING_DIALOG, "place_row");
  GtkLabel *when_error = GTK_LABEL (child_of (dialog, SAM_TYPE_MEETING_DIALOG, "when_error_label"));

  /* A time that does not exist is marked while typed, and refused. */
  fill_meeting (dialog, date, "25:99", PLACE);
  g_assert_true (gtk_widget_has_css_class (time_row, "error"));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "meeting.save", NULL);
  sam_test_iterate ();
  g_assert_true (find_toplevel (SAM_TYPE_MEETING_DIALOG) == dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (when_error)));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (when_error), "Time:"));
  g_assert_true (gtk_widget_has_css_class (time_row, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (time_row)), ==, "25:99");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (place_row)), ==, PLACE);
  agenda = get_view_text (child_of (dialog, SAM_TYPE_MEETING_DIALOG, "agenda_view"));
  g_assert_cmpstr (agenda, ==, AGENDA);

  /* The core's own refusal goes to the field it names: no place. */
  gtk_editable_set_text (GTK_EDITABLE (time_row), "13:30");
  g_assert_false (gtk_widget_has_css_class (time_row, "error"));
  gtk_editable_set_text (GTK_EDITABLE (place_row), "");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "meeting.save", NULL);
  sam_test_iterate ();
  g_assert_true (find_toplevel (SAM_TYPE_MEETING_DIALOG) == dialog);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (when_error), "Place:"));
  g_assert_true (gtk_widget_has_css_class (place_row, "error"));
  g_assert_false (gtk_widget_has_css_class (time_row, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (time_row)), ==, "13:30");

  meetings = meetings_of (fixture, shown.session);
  g_assert_cmpuint (meetings->len, ==, 0);
  gtk_window_destroy (dialog);
}

static void
test_minutes_and_held (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(Shown) shown = show_view (fixture, "social");
  g_autoptr(SamMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = schedule_in_core (fixture, shown.session, -2, PAST_PLACE);
  GtkWindow *dialog;

  sam_case_meetings_view_load (SAM_CASE_MEETINGS_VIEW (shown.widget), shown.session, fixture->case_id);
  g_assert_true (sam_test_holds_text (sam_test_child (shown.widget, SAM_TYPE_CASE_MEETINGS_VIEW, "past_list"),
                                      PAST_PLACE));
  g_assert_true (gtk_widget_activate_action (shown.widget, "meetings.minutes", "x", id));
  sam_test_iterate ();
  dialog = find_toplevel (SAM_TYPE_MINUTES_DIALOG);
  g_assert_nonnull (dialog);
  set_view_text (child_of (dialog, SAM_TYPE_MINUTES_DIALOG, "minutes_view"), MINUTES);
  set_view_text (child_of (dialog, SAM_TYPE_MINUTES_DIALOG, "decisions_view"), DECISIONS);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "minutes.mark-held", NULL);
  sam_test_iterate ();
  g_assert_null (find_toplevel (SAM_TYPE_MINUTES_DIALOG));

  meeting = sam_meeting_store_get (shown.session, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (meeting->status, ==, SAM_MEETING_HELD);
  g_assert_cmpstr (meeting->minutes, ==, MINUTES);
  g_assert_cmpstr (meeting->decisions, ==, DECISIONS);
  g_assert_true (sam_test_holds_text (shown.widget, MINUTES));
  g_assert_true (sam_test_holds_text (shown.widget, sam_meeting_status_get_label (SAM_MEETING_HELD)));
}

static void
test_cancel_confirmed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(Shown) shown = show_view (fixture, "social");
  g_autoptr(SamMeeting) kept = NULL;
  g_autoptr(SamMeeting) cancelled = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = schedule_in_core (fixture, shown.session, 24, PLACE);
  GtkWindow *dialog;
  GtkWindow *confirm;

  sam_case_meetings_view_load (SAM_CASE_MEETINGS_VIEW (shown.widget), shown.session, fixture->case_id);
  g_assert_true (gtk_widget_activate_action (shown.widget, "meetings.minutes", "x", id));
  sam_test_iterate ();
  dialog = find_toplevel (SAM_TYPE_MINUTES_DIALOG);
  g_assert_nonnull (dialog);

  /* Keeping the meeting changes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "minutes.cancel-meeting", NULL);
  sam_test_iterate ();
  confirm = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirm);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "keep");
  sam_test_iterate ();
  kept = sam_meeting_store_get (shown.session, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kept->status, ==, SAM_MEETING_PLANNED);
  g_assert_true (find_toplevel (SAM_TYPE_MINUTES_DIALOG) == dialog);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "minutes.cancel-meeting", NULL);
  sam_test_iterate ();
  confirm = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirm);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "cancel-meeting");
  sam_test_iterate ();
  g_assert_null (find_toplevel (SAM_TYPE_MINUTES_DIALOG));
  cancelled = sam_meeting_store_get (shown.session, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cancelled->status, ==, SAM_MEETING_CANCELLED);
  g_assert_true (sam_test_holds_text (shown.widget, sam_meeting_status_get_label (SAM_MEETING_CANCELLED)));
}

static void
test_school_cannot_schedule (Fixture       *fixture,
                             gconstpointer  data)
{
  g_auto(Shown) shown = show_view (fixture, "school");

  g_assert_false (gtk_widget_get_visible (sam_test_child (shown.widget, SAM_TYPE_CASE_MEETINGS_VIEW,
                                                          "schedule_button")));
  gtk_widget_activate_action (shown.widget, "meetings.schedule", NULL);
  sam_test_iterate ();
  g_assert_null (find_toplevel (SAM_TYPE_MEETING_DIALOG));
}

static void
on_case_activated (SamWorkspacePage *page,
                   gint64            case_id,
                   gint64           *out_case_id)
{
  *out_case_id = case_id;
}

static void
activate_first_row (GtkWidget *list)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);

  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);
}

static const char *
stack_page (GtkWidget *page,
            GType      type)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (sam_test_child (page, type, "stack")));
}

static void
wait_for_meetings (GtkWidget *page)
{
  sam_test_wait_until (!sam_meetings_page_is_loading (SAM_MEETINGS_PAGE (page)), LOAD_SECONDS);
}

static void
wait_for_due (GtkWidget *page)
{
  sam_test_wait_until (!sam_due_page_is_loading (SAM_DUE_PAGE (page)), LOAD_SECONDS);
}

static guint
n_rows (GtkWidget *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), n) != NULL)
    n++;

  return n;
}

static const char *
note_of (GtkWidget  *page,
         GType       type,
         const char *name)
{
  GtkWidget *note = sam_test_child (page, type, name);

  return gtk_widget_get_visible (note) ? gtk_label_get_label (GTK_LABEL (note)) : NULL;
}

static void
test_meetings_page (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->base.path, "social");
  g_auto(Shown) shown = { 0 };
  gint64 activated = 0;

  schedule_in_core (fixture, social, 24, PLACE);
  schedule_in_core (fixture, social, -24, PAST_PLACE);

  shown = show (fixture, "social", sam_meetings_page_new ());
  g_signal_connect (shown.widget, "case-activated", G_CALLBACK (on_case_activated), &activated);
  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (shown.widget), shown.session);
  /* The listing runs in a worker: a spinner, not "No Meetings", until it is in. */
  g_assert_true (sam_meetings_page_is_loading (SAM_MEETINGS_PAGE (shown.widget)));
  g_assert_cmpstr (stack_page (shown.widget, SAM_TYPE_MEETINGS_PAGE), ==, "loading");
  wait_for_meetings (shown.widget);
  g_assert_cmpstr (stack_page (shown.widget, SAM_TYPE_MEETINGS_PAGE), ==, "list");
  g_assert_cmpuint (sam_meetings_page_get_n_items (SAM_MEETINGS_PAGE (shown.widget)), ==, 2);
  g_assert_false (gtk_widget_get_visible (sam_test_child (shown.widget, SAM_TYPE_MEETINGS_PAGE, "upcoming_note")));
  g_assert_false (gtk_widget_get_visible (sam_test_child (shown.widget, SAM_TYPE_MEETINGS_PAGE, "past_note")));
  g_assert_true (sam_test_shows_text (sam_test_child (shown.widget, SAM_TYPE_MEETINGS_PAGE, "upcoming_list"),
                                      PLACE));
  g_assert_true (sam_test_shows_text (sam_test_child (shown.widget, SAM_TYPE_MEETINGS_PAGE, "past_list"),
                                      PAST_PLACE));
  g_assert_true (sam_test_shows_text (shown.widget, fixture->case_number));

  activate_first_row (sam_test_child (shown.widget, SAM_TYPE_MEETINGS_PAGE, "upcoming_list"));
  g_assert_cmpint (activated, ==, fixture->case_id);

  /* Locking leaves nothing of the database behind. */
  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (shown.widget), NULL);
  g_assert_cmpuint (sam_meetings_page_get_n_items (SAM_MEETINGS_PAGE (shown.widget)), ==, 0);
  g_assert_false (sam_test_holds_text (shown.widget, PLACE));
  g_assert_false (sam_test_holds_text (shown.widget, PAST_PLACE));
  g_assert_false (sam_test_holds_text (shown.widget, fixture->case_number));
}

/* Follow-ups wait for the consent: one for social services and the
 * school, then the case made active. */
static void
activate_case (Fixture    *fixture,
               SamSession *social)
{
  g_autoptr(SamSession) school = sam_test_unlock_user (fixture->base.path, "school");
  g_autoptr(GError) error = NULL;
  g_autofree char *today = date_in_days (0);
  gint64 agencies[] = { sam_session_get_agency_id (social), sam_session_get_agency_id (school) };
  SamConsentDraft draft = {
    .purpose = "Samverkan kring skolgång och fritid",
    .valid_from = today,
    .guardian_ids = &fixture->guardian_id,
    .n_guardians = 1,
    .signed_on = today,
    .agency_ids = agencies,
    .n_agencies = G_N_ELEMENTS (agencies),
  };

  g_assert_cmpint (sam_case_store_record_consent (social, fixture->case_id, &draft, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (sam_case_store_set_status (social, fixture->case_id, SAM_CASE_STATUS_ACTIVE, NULL, &error));
  g_assert_no_error (error);
}

static void
add_action (Fixture    *fixture,
            SamSession *social,
            int         due_in_days,
            const char *description)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPlanAction) action = NULL;
  g_autofree char *started = date_in_days (-20);
  g_autofree char *due = date_in_days (due_in_days);
  SamPlanActionDraft draft = {
    .description = description,
    .intervention_code = first_code (SAM_CATALOGUE_KIND_INTERVENTION),
    .responsible_agency_id = sam_session_get_agency_id (social),
    .starts_on = started,
    .due_on = due,
  };

  action = sam_plan_store_add_action (social, fixture->case_id, &draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (action);
}

static void
add_overdue_work (Fixture    *fixture,
                  SamSession *social)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *follow_up_due = date_in_days (-1);

  activate_case (fixture, social);
  add_action (fixture, social, -3, ACTION_TEXT);
  g_assert_cmpint (sam_follow_up_store_schedule (social, fixture->case_id, follow_up_due, &error), >, 0);
  g_assert_no_error (error);
}

static void
test_due_page (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->base.path, "social");
  g_auto(Shown) shown = { 0 };
  GtkWidget *overdue;
  gint64 activated = 0;

  add_overdue_work (fixture, social);
  schedule_in_core (fixture, social, 72, PLACE);
  /* The family's consent runs out in five days. */
  {
    g_autofree char *ends = date_in_days (5);
    g_autofree char *sql = g_strdup_printf ("UPDATE consents SET valid_to = '%s' WHERE case_id = %"
                                            G_GINT64_FORMAT, ends, fixture->case_id);

    g_assert_cmpint (sqlite3_exec (_sam_database_get_handle (sam_session_get_database (social)),
                                   sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }

  shown = show (fixture, "social", sam_due_page_new ());
  g_signal_connect (shown.widget, "case-activated", G_CALLBACK (on_case_activated), &activated);
  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (shown.widget), shown.session);
  /* The listings run in a worker: a spinner, not "Nothing Due", until they are in. */
  g_assert_true (sam_due_page_is_loading (SAM_DUE_PAGE (shown.widget)));
  g_assert_cmpstr (stack_page (shown.widget, SAM_TYPE_DUE_PAGE), ==, "loading");
  wait_for_due (shown.widget);
  g_assert_cmpstr (stack_page (shown.widget, SAM_TYPE_DUE_PAGE), ==, "list");
  g_assert_cmpuint (sam_due_page_get_n_items (SAM_DUE_PAGE (shown.widget)), ==, 4);
  g_assert_false (gtk_widget_get_visible (sam_test_child (shown.widget, SAM_TYPE_DUE_PAGE, "overdue_note")));
  g_assert_true (sam_test_shows_text (sam_test_child (shown.widget, SAM_TYPE_DUE_PAGE, "week_list"),
                                      "The consent expires; ask the family to renew it"));

  overdue = sam_test_child (shown.widget, SAM_TYPE_DUE_PAGE, "overdue_list");
  g_assert_true (sam_test_shows_text (overdue, ACTION_TEXT));
  g_assert_true (sam_test_shows_text (overdue, "Follow-up"));
  g_assert_true (sam_test_shows_text (overdue, fixture->case_number));
  g_assert_true (sam_test_shows_text (sam_test_child (shown.widget, SAM_TYPE_DUE_PAGE, "week_list"), PLACE));
  g_assert_false (gtk_widget_get_visible (sam_test_child (shown.widget, SAM_TYPE_DUE_PAGE, "later_list")));

  activate_first_row (overdue);
  g_assert_cmpint (activated, ==, fixture->case_id);

  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (shown.widget), NULL);
  g_assert_cmpuint (sam_due_page_get_n_items (SAM_DUE_PAGE (shown.widget)), ==, 0);
  g_assert_false (sam_test_holds_text (shown.widget, ACTION_TEXT));
  g_assert_false (sam_test_holds_text (shown.widget, PLACE));
  g_assert_false (sam_test_holds_text (shown.widget, fixture->case_number));
}

/* More than the cap: the page shows that many a group and says there are
 * more; a newer load replaces an older one instead of adding to it. */
static void
test_meetings_page_cap (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->base.path, "social");
  g_auto(Shown) shown = { 0 };
  GtkWidget *upcoming;
  GtkWidget *past;

  for (int i = 0; i < 3; i++)
    schedule_in_core (fixture, social, 24 + 2 * i, PLACE);
  /* The past 30 and 7 days hold four, more than the cap; the past day one. */
  for (int i = 0; i < 3; i++)
    schedule_in_core (fixture, social, -48 - 2 * i, PAST_PLACE);
  schedule_in_core (fixture, social, -2, RECENT_PLACE);

  shown = show (fixture, "social", sam_meetings_page_new ());
  _sam_meetings_page_set_cap (SAM_MEETINGS_PAGE (shown.widget), 2);
  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (shown.widget), shown.session);
  wait_for_meetings (shown.widget);

  upcoming = sam_test_child (shown.widget, SAM_TYPE_MEETINGS_PAGE, "upcoming_list");
  past = sam_test_child (shown.widget, SAM_TYPE_MEETINGS_PAGE, "past_list");
  g_assert_cmpuint (n_rows (upcoming), ==, 2);
  g_assert_cmpstr (note_of (shown.widget, SAM_TYPE_MEETINGS_PAGE, "upcoming_note"), ==,
                   "Showing the next 2 meetings only; there are more in the coming 60 days.");
  /* The newest of the past: the window narrowed to the day before. */
  g_assert_cmpuint (n_rows (past), ==, 1);
  g_assert_true (sam_test_shows_text (past, RECENT_PLACE));
  g_assert_false (sam_test_holds_text (past, PAST_PLACE));
  g_assert_cmpstr (note_of (shown.widget, SAM_TYPE_MEETINGS_PAGE, "past_note"), ==,
                   "Showing the past 1 day only; there are more meetings in the past 30 days.");
  g_assert_cmpuint (sam_meetings_page_get_n_items (SAM_MEETINGS_PAGE (shown.widget)), ==, 3);

  /* Under the cap all shows, and nothing is said; of two refreshes in a
   * row only the second fills the page. */
  _sam_meetings_page_set_cap (SAM_MEETINGS_PAGE (shown.widget), 10);
  gtk_widget_activate_action (shown.widget, "meetings.refresh", NULL);
  sam_meetings_page_refresh (SAM_MEETINGS_PAGE (shown.widget));
  g_assert_true (sam_meetings_page_is_loading (SAM_MEETINGS_PAGE (shown.widget)));
  sam_test_wait_until (_sam_meetings_page_get_n_running () == 0, LOAD_SECONDS);
  g_assert_false (sam_meetings_page_is_loading (SAM_MEETINGS_PAGE (shown.widget)));
  g_assert_cmpuint (n_rows (upcoming), ==, 3);
  g_assert_cmpuint (n_rows (past), ==, 4);
  g_assert_null (note_of (shown.widget, SAM_TYPE_MEETINGS_PAGE, "upcoming_note"));
  g_assert_null (note_of (shown.widget, SAM_TYPE_MEETINGS_PAGE, "past_note"));
}

static void
test_due_page_cap (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->base.path, "social");
  g_auto(Shown) shown = { 0 };
  GtkWidget *overdue;

  add_overdue_work (fixture, social);
  add_action (fixture, social, -5, "Mentor talks");
  add_action (fixture, social, -4, "Reading support");
  schedule_in_core (fixture, social, 72, PLACE);

  shown = show (fixture, "social", sam_due_page_new ());
  _sam_due_page_set_cap (SAM_DUE_PAGE (shown.widget), 2);
  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (shown.widget), shown.session);
  wait_for_due (shown.widget);

  /* Three actions reach the cap's listing of cap + 1: the follow-up and
   * the meeting, due after the last of them, may have other actions
   * before them and are left out, so This Week is not shown at all. */
  overdue = sam_test_child (shown.widget, SAM_TYPE_DUE_PAGE, "overdue_list");
  g_assert_cmpuint (n_rows (overdue), ==, 2);
  g_assert_true (sam_test_shows_text (overdue, "Mentor talks"));
  g_assert_true (sam_test_shows_text (overdue, "Reading support"));
  g_assert_false (sam_test_holds_text (shown.widget, ACTION_TEXT));
  g_assert_false (sam_test_holds_text (shown.widget, "Follow up the case"));
  g_assert_false (sam_test_holds_text (shown.widget, PLACE));
  g_assert_false (gtk_widget_get_visible (sam_test_child (shown.widget, SAM_TYPE_DUE_PAGE, "week_list")));
  g_assert_cmpstr (note_of (shown.widget, SAM_TYPE_DUE_PAGE, "overdue_note"), ==,
                   "Showing the 2 most overdue items only; more are due.");
  g_assert_cmpuint (sam_due_page_get_n_items (SAM_DUE_PAGE (shown.widget)), ==, 2);

  _sam_due_page_set_cap (SAM_DUE_PAGE (shown.widget), 10);
  gtk_widget_activate_action (shown.widget, "due.refresh", NULL);
  sam_due_page_refresh (SAM_DUE_PAGE (shown.widget));
  sam_test_wait_until (_sam_due_page_get_n_running () == 0, LOAD_SECONDS);
  g_assert_false (sam_due_page_is_loading (SAM_DUE_PAGE (shown.widget)));
  g_assert_cmpuint (n_rows (overdue), ==, 4);
  g_assert_true (sam_test_shows_text (overdue, "Follow up the case"));
  g_assert_true (sam_test_shows_text (sam_test_child (shown.widget, SAM_TYPE_DUE_PAGE, "week_list"), PLACE));
  g_assert_null (note_of (shown.widget, SAM_TYPE_DUE_PAGE, "overdue_note"));
}

static void
set_session_and_lock (Shown *shown)
{
  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (shown->widget), shown->session);
  /* As the window locks: the session, then the pages. */
  sam_session_lock (shown->session);
  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (shown->widget), NULL);
}

/* Locked while loading: the load is dropped, keeps nothing of the
 * session alive, and its late result shows nothing. */
static void
test_pages_lock_while_loading (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->base.path, "social");
  GtkWidget *pages[] = { sam_meetings_page_new (), sam_due_page_new () };

  add_overdue_work (fixture, social);
  schedule_in_core (fixture, social, 24, PLACE);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_auto(Shown) shown = show (fixture, "social", pages[i]);
      gpointer session = shown.session;

      g_object_add_weak_pointer (session, &session);
      set_session_and_lock (&shown);
      g_clear_object (&shown.session);
      /* Not held by the worker beyond the store call it was in. */
      sam_test_wait_until (session == NULL, LOAD_SECONDS);
      sam_test_wait_until (_sam_meetings_page_get_n_running () == 0 &&
                           _sam_due_page_get_n_running () == 0, LOAD_SECONDS);
      sam_test_iterate ();

      g_assert_cmpstr (stack_page (pages[i], G_OBJECT_TYPE (pages[i])), ==, "empty");
      g_assert_false (sam_test_holds_text (pages[i], PLACE));
      g_assert_false (sam_test_holds_text (pages[i], ACTION_TEXT));
      g_assert_false (sam_test_holds_text (pages[i], fixture->case_number));
    }
}

/* Gone while loading: the late result finds no page and does no harm. */
static void
test_pages_dispose_while_loading (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->base.path, "social");
  GtkWidget *pages[] = { sam_meetings_page_new (), sam_due_page_new () };

  add_overdue_work (fixture, social);
  schedule_in_core (fixture, social, 24, PLACE);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      Shown shown = show (fixture, "social", pages[i]);
      gpointer page = pages[i];

      g_object_add_weak_pointer (page, &page);
      sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (pages[i]), shown.session);
      shown_clear (&shown);
      g_assert_null (page);
      sam_test_wait_until (_sam_meetings_page_get_n_running () == 0 &&
                           _sam_due_page_get_n_running () == 0, LOAD_SECONDS);
      sam_test_iterate ();
    }
}

static void
test_view_clear (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->base.path, "social");
  g_auto(Shown) shown = { 0 };

  schedule_in_core (fixture, social, 24, PLACE);
  shown = show_view (fixture, "social");
  g_assert_true (sam_test_holds_text (shown.widget, AGENDA));
  open_schedule_dialog (&shown);

  sam_case_meetings_view_clear (SAM_CASE_MEETINGS_VIEW (shown.widget));
  sam_test_iterate ();
  g_assert_null (find_toplevel (SAM_TYPE_MEETING_DIALOG));
  g_assert_cmpuint (sam_case_meetings_view_get_n_items (SAM_CASE_MEETINGS_VIEW (shown.widget)), ==, 0);
  g_assert_false (sam_test_holds_text (shown.widget, AGENDA));
  g_assert_false (sam_test_holds_text (shown.widget, PLACE));
}

static void
test_case_page_view (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->base.path, "social");
  g_auto(Shown) shown = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *view;

  schedule_in_core (fixture, social, 24, PLACE);
  shown = show (fixture, "social", GTK_WIDGET (sam_case_page_new ()));
  g_assert_true (sam_case_page_load (SAM_CASE_PAGE (shown.widget), shown.session, fixture->case_id, &error));
  g_assert_no_error (error);

  /* The case page's Meetings view is loaded with the case... */
  view = sam_test_child (shown.widget, SAM_TYPE_CASE_PAGE, "meetings_view");
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (sam_test_child (shown.widget, SAM_TYPE_CASE_PAGE,
                                                                         "view_stack")), "meetings");
  sam_test_iterate ();
  g_assert_cmpuint (sam_case_meetings_view_get_n_items (SAM_CASE_MEETINGS_VIEW (view)), ==, 1);
  g_assert_true (sam_test_shows_text (view, PLACE));

  /* ...and emptied with it. */
  sam_case_page_clear (SAM_CASE_PAGE (shown.widget));
  g_assert_cmpuint (sam_case_meetings_view_get_n_items (SAM_CASE_MEETINGS_VIEW (view)), ==, 0);
  g_assert_false (sam_test_holds_text (shown.widget, PLACE));
  g_assert_false (sam_test_holds_text (shown.widget, AGENDA));
}

/* Screenshot ----------------------------------------------------------------- */

static void
run_screenshot (guint seconds)
{
  Fixture fixture = { 0 };
  g_autoptr(SamSession) social = NULL;
  Shown shown = { 0 };

  fixture_set_up (&fixture, NULL);
  social = sam_test_unlock_user (fixture.base.path, "social");
  add_overdue_work (&fixture, social);
  schedule_in_core (&fixture, social, 26, PLACE);
  schedule_in_core (&fixture, social, 24 * 9, PAST_PLACE);
  schedule_in_core (&fixture, social, -30, PAST_PLACE);

  shown = show (&fixture, "social", sam_meetings_page_new ());
  gtk_window_set_default_size (shown.window, 1280, 800);
  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (shown.widget), shown.session);
  wait_for_meetings (shown.widget);
  sam_test_spin (seconds * 1000);

  {
    g_autoptr(GError) error = NULL;
    SamMeetingDialog *dialog = sam_meeting_dialog_new (shown.window, shown.session, fixture.case_id, &error);

    g_assert_no_error (error);
    gtk_window_present (GTK_WINDOW (dialog));
    sam_test_spin (seconds * 1000);
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  shown_clear (&shown);
  fixture_tear_down (&fixture, NULL);
}

int
main (int   argc,
      char *argv[])
{
  const char *screenshot = g_getenv ("SAM_MEETINGS_SCREENSHOT");

  sam_test_init (&argc, &argv);

  if (screenshot != NULL)
    {
      run_screenshot ((guint) g_ascii_strtoull (screenshot, NULL, 10));
      return 0;
    }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/meetings/schedule", test_schedule);
  ADD ("/meetings/edit", test_edit);
  ADD ("/meetings/bad-input-kept", test_bad_input_kept);
  ADD ("/meetings/minutes-and-held", test_minutes_and_held);
  ADD ("/meetings/cancel-confirmed", test_cancel_confirmed);
  ADD ("/meetings/school-cannot-schedule", test_school_cannot_schedule);
  ADD ("/meetings/meetings-page", test_meetings_page);
  ADD ("/meetings/due-page", test_due_page);
  ADD ("/meetings/meetings-page-cap", test_meetings_page_cap);
  ADD ("/meetings/due-page-cap", test_due_page_cap);
  ADD ("/meetings/pages-lock-while-loading", test_pages_lock_while_loading);
  ADD ("/meetings/pages-dispose-while-loading", test_pages_dispose_while_loading);
  ADD ("/meetings/view-clear", test_view_clear);
  ADD ("/meetings/case-page-view", test_case_page_view);
#undef ADD

  return g_test_run ();
}
