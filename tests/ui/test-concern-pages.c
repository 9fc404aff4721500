/* test-concern-pages.c: "My concerns", the inbox and triage, end to end
 *
 * A counsellor logs a concern through the real dialog; social services see
 * it in the inbox and triage it through the real triage dialog; the
 * counsellor's list then shows what was decided. The pages load in a
 * worker; the tests wait for it, and see the cap, its note and a lock
 * while loading.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-concern-pages"

#include "config.h"

#include <adwaita.h>

#include "sam-concern-dialog.h"
#include "sam-concern-list-page-private.h"
#include "sam-test-util.h"
#include "sam-triage-dialog.h"
#include "sam-ui-test-util.h"
#include "samverka-core.h"

#define FEEDBACK "Handled together with the school nurse"
#define LOAD_SECONDS 30

typedef struct
{
  SamTestFixture      base;
  SamSession         *school;
  SamSession         *social;
  gint64              tove_id;
  GtkWindow          *school_window;
  GtkWindow          *social_window;
  SamConcernListPage *mine;
  SamConcernListPage *inbox;
  gint64              activated_case_id;
} Fixture;

static gint64
register_person (SamSession *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPerson) person = NULL;
  SamPersonDraft draft = {
    .given_name = "Tove",
    .family_name = "Lund",
    .birth_date = "2011-04-02",
  };

  person = sam_person_store_create (session, &draft, &error);
  g_assert_no_error (error);

  return person->id;
}

static GtkWindow *
window_with (SamConcernListPage *page)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 800, 600);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  sam_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (window)), 10);

  return window;
}

static void
wait_for (SamConcernListPage *page)
{
  sam_test_wait_until (!sam_concern_list_page_is_loading (page), LOAD_SECONDS);
}

static void
refresh_and_wait (SamConcernListPage *page)
{
  sam_concern_list_page_refresh (page);
  g_assert_true (sam_concern_list_page_is_loading (page));
  wait_for (page);
}

static void
case_activated_cb (SamConcernListPage *page,
                   gint64              case_id,
                   Fixture            *fixture)
{
  fixture->activated_case_id = case_id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  sam_test_fixture_set_up (&fixture->base, data);
  sam_test_populate_sspf (fixture->base.path);
  fixture->school = sam_test_unlock_user (fixture->base.path, "school");
  fixture->social = sam_test_unlock_user (fixture->base.path, "social");
  fixture->tove_id = register_person (fixture->school);

  fixture->mine = SAM_CONCERN_LIST_PAGE (sam_concern_list_page_new (SAM_CONCERN_LIST_MINE));
  fixture->inbox = SAM_CONCERN_LIST_PAGE (sam_concern_list_page_new (SAM_CONCERN_LIST_INBOX));
  g_signal_connect (fixture->mine, "case-activated", G_CALLBACK (case_activated_cb), fixture);
  fixture->school_window = window_with (fixture->mine);
  fixture->social_window = window_with (fixture->inbox);
  sam_concern_list_page_set_session (fixture->mine, fixture->school);
  sam_concern_list_page_set_session (fixture->inbox, fixture->social);
  wait_for (fixture->mine);
  wait_for (fixture->inbox);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->school_window);
  gtk_window_destroy (fixture->social_window);
  g_clear_object (&fixture->school);
  g_clear_object (&fixture->social);
  sam_test_fixture_tear_down (&fixture->base, data);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WINDOW (window);
    }

  return NULL;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
page_child (SamConcernListPage *page,
            const char         *name)
{
  return sam_test_child (GTK_WIDGET (page), SAM_TYPE_CONCERN_LIST_PAGE, name);
}

/* Logs a concern through the "Log concern" button and the real dialog. */
static void
log_concern_in_dialog (Fixture *fixture)
{
  SamConcernDialog *dialog;
  GtkListBox *matches;
  GtkWidget *form;

  g_assert_true (gtk_widget_get_visible (page_child (fixture->mine, "new_concern_button")));
  gtk_widget_activate_action (GTK_WIDGET (fixture->mine), "concerns.new", NULL);
  dialog = SAM_CONCERN_DIALOG (find_toplevel (SAM_TYPE_CONCERN_DIALOG));
  g_assert_nonnull (dialog);
  form = GTK_WIDGET (dialog);

  sam_test_type (form, SAM_TYPE_CONCERN_DIALOG, "given_name_row", "Tove");
  sam_test_type (form, SAM_TYPE_CONCERN_DIALOG, "family_name_row", "Lund");
  sam_test_type (form, SAM_TYPE_CONCERN_DIALOG, "birth_date_row", "2011-04-02");
  matches = GTK_LIST_BOX (sam_test_child (form, SAM_TYPE_CONCERN_DIALOG, "matches_list"));
  sam_test_wait_until (gtk_list_box_get_row_at_index (matches, 0) != NULL, 10);
  g_signal_emit_by_name (matches, "row-activated", gtk_list_box_get_row_at_index (matches, 0));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_named (form, "school_absence")), TRUE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (
                              sam_test_child (form, SAM_TYPE_CONCERN_DIALOG, "description_view"))),
                            "Absent most of this week.", -1);
  gtk_widget_activate_action (form, "concern.save", NULL);
  g_assert_null (find_toplevel (SAM_TYPE_CONCERN_DIALOG));
  wait_for (fixture->mine);
}

static void
log_concern_in_core (Fixture *fixture)
{
  const char *categories[] = { "violence", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(SamConcern) concern = NULL;
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  SamConcernDraft draft = {
    .person_id = fixture->tove_id,
    .urgency = SAM_CONCERN_URGENCY_MEDIUM,
    .description = "A fight in the schoolyard.",
    .categories = categories,
  };

  today = g_date_time_format (now, "%Y-%m-%d");
  draft.observed_on = today;
  concern = sam_concern_store_create (fixture->school, &draft, &error);
  g_assert_no_error (error);
}

static SamConcern *
only_mine (Fixture *fixture)
{
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GError) error = NULL;

  mine = sam_concern_store_list_mine (fixture->school, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mine->len, >=, 1);

  return g_ptr_array_steal_index (mine, 0);
}

static SamTriageDialog *
open_first_in_inbox (Fixture *fixture)
{
  GtkListBox *list = GTK_LIST_BOX (page_child (fixture->inbox, "list_box"));
  SamTriageDialog *dialog;

  refresh_and_wait (fixture->inbox);
  g_assert_cmpuint (sam_concern_list_page_get_n_items (fixture->inbox), >=, 1);
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 0));
  dialog = SAM_TRIAGE_DIALOG (find_toplevel (SAM_TYPE_TRIAGE_DIALOG));
  g_assert_nonnull (dialog);
  sam_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (dialog)), 10);

  return dialog;
}

/* Logged by school, received in the inbox, turned into a case; the
 * reporter sees "Led to case". */
static void
test_log_and_open_case (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SamConcern) concern = NULL;
  g_autoptr(SamConcern) triaged = NULL;
  g_autoptr(SamCase) opened = NULL;
  g_autoptr(GError) error = NULL;
  SamTriageDialog *dialog;
  gint64 school_id = sam_session_get_user_id (fixture->school);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (fixture->mine, "stack"))),
                   ==, "empty");
  log_concern_in_dialog (fixture);

  concern = only_mine (fixture);
  g_assert_cmpint (concern->person_id, ==, fixture->tove_id);
  g_assert_cmpuint (sam_concern_list_page_get_n_items (fixture->mine), ==, 1);
  g_assert_true (sam_test_shows_text (GTK_WIDGET (fixture->mine), "Received"));
  g_assert_true (sam_test_shows_text (GTK_WIDGET (fixture->mine), "School absence"));
  /* The reporter is on no case of Tove's: the core keeps her name from them. */
  g_assert_false (sam_test_holds_text (GTK_WIDGET (fixture->mine), "Tove"));

  refresh_and_wait (fixture->inbox);
  g_assert_cmpuint (sam_concern_list_page_get_n_items (fixture->inbox), ==, 1);
  g_assert_true (sam_test_shows_text (GTK_WIDGET (fixture->inbox), "Tove Lund"));
  g_assert_false (gtk_widget_get_visible (page_child (fixture->inbox, "new_concern_button")));

  dialog = open_first_in_inbox (fixture);
  g_assert_true (sam_test_shows_text (GTK_WIDGET (dialog), "Absent most of this week."));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_named (GTK_WIDGET (dialog), "public_places")), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "triage.open-case", NULL);
  g_assert_null (find_toplevel (SAM_TYPE_TRIAGE_DIALOG));
  wait_for (fixture->inbox);

  triaged = sam_concern_store_get (fixture->social, concern->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (triaged->status, ==, SAM_CONCERN_STATUS_LED_TO_CASE);
  g_assert_cmpint (triaged->case_id, >, 0);
  opened = sam_case_store_get (fixture->social, triaged->case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (opened->person_id, ==, fixture->tove_id);
  g_assert_true (g_strv_contains ((const char * const *) opened->target_areas, "public_places"));
  g_assert_cmpuint (sam_concern_list_page_get_n_items (fixture->inbox), ==, 0);

  refresh_and_wait (fixture->mine);
  g_assert_true (sam_test_shows_text (GTK_WIDGET (fixture->mine), "Led to case"));

  /* The reporter may open the case only once on its team. */
  g_signal_emit_by_name (page_child (fixture->mine, "list_box"), "row-activated",
                         gtk_list_box_get_row_at_index (GTK_LIST_BOX (page_child (fixture->mine, "list_box")), 0));
  g_assert_cmpint (fixture->activated_case_id, ==, 0);
  g_assert_true (sam_case_store_add_team_member (fixture->social, triaged->case_id, school_id, &error));
  g_assert_no_error (error);
  refresh_and_wait (fixture->mine);
  g_signal_emit_by_name (page_child (fixture->mine, "list_box"), "row-activated",
                         gtk_list_box_get_row_at_index (GTK_LIST_BOX (page_child (fixture->mine, "list_box")), 0));
  g_assert_cmpint (fixture->activated_case_id, ==, triaged->case_id);
  /* On the team, the reporter may see whom the concern is about. */
  g_assert_true (sam_test_shows_text (GTK_WIDGET (fixture->mine), "Tove Lund"));
}

/* Closing needs feedback; without it the core refuses and the dialog stays.
 * With it the reporter reads the feedback. */
static void
test_close_with_feedback (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(SamConcern) concern = NULL;
  SamTriageDialog *dialog;
  GtkWidget *feedback_row;

  log_concern_in_core (fixture);
  dialog = open_first_in_inbox (fixture);
  feedback_row = sam_test_child (GTK_WIDGET (dialog), SAM_TYPE_TRIAGE_DIALOG, "feedback_row");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "triage.close", NULL);
  g_assert_true (find_toplevel (SAM_TYPE_TRIAGE_DIALOG) == GTK_WINDOW (dialog));
  g_assert_true (sam_test_shows_text (GTK_WIDGET (dialog), "Feedback:"));

  gtk_editable_set_text (GTK_EDITABLE (feedback_row), FEEDBACK);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "triage.close", NULL);
  g_assert_null (find_toplevel (SAM_TYPE_TRIAGE_DIALOG));

  concern = only_mine (fixture);
  g_assert_cmpint (concern->status, ==, SAM_CONCERN_STATUS_NO_ACTION);
  g_assert_cmpstr (concern->feedback, ==, FEEDBACK);
  refresh_and_wait (fixture->mine);
  g_assert_true (sam_test_shows_text (GTK_WIDGET (fixture->mine), FEEDBACK));
  g_assert_true (sam_test_shows_text (GTK_WIDGET (fixture->mine), "No action"));
}

/* A second concern about the same child joins the case the first opened. */
static void
test_link_to_existing_case (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(SamCase) existing = NULL;
  g_autoptr(SamConcern) concern = NULL;
  g_autoptr(GError) error = NULL;
  SamTriageDialog *dialog;

  existing = sam_case_store_create (fixture->social, fixture->tove_id, SAM_PREVENTION_SELECTIVE, NULL,
                                    &error);
  g_assert_no_error (error);
  log_concern_in_core (fixture);

  dialog = open_first_in_inbox (fixture);
  g_assert_true (sam_test_holds_text (GTK_WIDGET (dialog), existing->number));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "triage.link-case", NULL);
  g_assert_null (find_toplevel (SAM_TYPE_TRIAGE_DIALOG));

  concern = only_mine (fixture);
  g_assert_cmpint (concern->status, ==, SAM_CONCERN_STATUS_LED_TO_CASE);
  g_assert_cmpint (concern->case_id, ==, existing->id);
}

/* "Mark assessed" records that social services have looked at it; the
 * concern stays in the inbox until it is linked to a case or closed. */
static void
test_mark_assessed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SamConcern) concern = NULL;
  SamTriageDialog *dialog;

  log_concern_in_core (fixture);
  dialog = open_first_in_inbox (fixture);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "triage.assess", NULL);
  g_assert_null (find_toplevel (SAM_TYPE_TRIAGE_DIALOG));

  concern = only_mine (fixture);
  g_assert_cmpint (concern->status, ==, SAM_CONCERN_STATUS_ASSESSED);
  refresh_and_wait (fixture->mine);
  g_assert_true (sam_test_shows_text (GTK_WIDGET (fixture->mine), "Assessed"));

  refresh_and_wait (fixture->inbox);
  g_assert_cmpuint (sam_concern_list_page_get_n_items (fixture->inbox), ==, 1);
  g_assert_true (sam_test_shows_text (GTK_WIDGET (fixture->inbox), "Assessed"));
}

/* Locking (no session) leaves no name and no concern on the pages, and
 * closes the dialogs they opened. */
static void
test_no_session_empties (Fixture       *fixture,
                         gconstpointer  data)
{
  log_concern_in_core (fixture);
  open_first_in_inbox (fixture);
  g_assert_true (sam_test_holds_text (GTK_WIDGET (fixture->inbox), "Tove Lund"));

  sam_concern_list_page_set_session (fixture->inbox, NULL);
  sam_concern_list_page_set_session (fixture->mine, NULL);

  g_assert_false (sam_test_holds_text (GTK_WIDGET (fixture->inbox), "Tove"));
  g_assert_false (sam_test_holds_text (GTK_WIDGET (fixture->mine), "Violence"));
  g_assert_cmpuint (sam_concern_list_page_get_n_items (fixture->inbox), ==, 0);
  g_assert_cmpuint (sam_concern_list_page_get_n_items (fixture->mine), ==, 0);
  g_assert_null (find_toplevel (SAM_TYPE_TRIAGE_DIALOG));
  g_assert_false (gtk_widget_is_sensitive (page_child (fixture->mine, "new_concern_button")));
}

static guint
n_rows (SamConcernListPage *page)
{
  GtkListBox *list = GTK_LIST_BOX (page_child (page, "list_box"));
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;

  return n;
}

static gboolean
note_shows (SamConcernListPage *page,
            const char         *text)
{
  GtkWidget *note = page_child (page, "more_note");

  return gtk_widget_get_visible (note) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (note)), text) == 0;
}

/* More concerns than the cap: the first cap rows, and a note that says
 * there are more; at the cap itself, no note. */
static void
test_cap (Fixture       *fixture,
          gconstpointer  data)
{
  for (guint i = 0; i < 3; i++)
    log_concern_in_core (fixture);

  _sam_concern_list_page_set_cap (fixture->inbox, 2);
  _sam_concern_list_page_set_cap (fixture->mine, 2);
  refresh_and_wait (fixture->inbox);
  refresh_and_wait (fixture->mine);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (fixture->inbox, "stack"))),
                   ==, "list");
  g_assert_cmpuint (sam_concern_list_page_get_n_items (fixture->inbox), ==, 2);
  g_assert_cmpuint (n_rows (fixture->inbox), ==, 2);
  g_assert_true (note_shows (fixture->inbox, "Showing the first 2 concerns only; more are waiting."));
  g_assert_cmpuint (n_rows (fixture->mine), ==, 2);
  g_assert_true (note_shows (fixture->mine, "Showing your 2 latest concerns only."));

  _sam_concern_list_page_set_cap (fixture->inbox, 3);
  refresh_and_wait (fixture->inbox);
  g_assert_cmpuint (n_rows (fixture->inbox), ==, 3);
  g_assert_false (gtk_widget_get_visible (page_child (fixture->inbox, "more_note")));
}

/* Locked while loading: the load is dropped, keeps nothing of the
 * session alive, and its late result shows nothing. */
static void
test_lock_while_loading (Fixture       *fixture,
                         gconstpointer  data)
{
  SamSession *social = sam_test_unlock_user (fixture->base.path, "social");
  gpointer weak = social;

  log_concern_in_core (fixture);
  g_object_add_weak_pointer (G_OBJECT (social), &weak);

  sam_concern_list_page_set_session (fixture->inbox, social);
  g_assert_true (sam_concern_list_page_is_loading (fixture->inbox));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (fixture->inbox, "stack"))),
                   ==, "loading");
  /* As the window locks: the session, then the pages. */
  sam_session_lock (social);
  sam_concern_list_page_set_session (fixture->inbox, NULL);
  g_object_unref (social);

  /* Not held by the worker beyond the store call it was in. */
  sam_test_wait_until (weak == NULL, LOAD_SECONDS);
  sam_test_wait_until (_sam_concern_list_page_get_n_running () == 0, LOAD_SECONDS);
  sam_test_iterate ();

  g_assert_false (sam_concern_list_page_is_loading (fixture->inbox));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (page_child (fixture->inbox, "stack"))),
                   ==, "empty");
  g_assert_cmpuint (sam_concern_list_page_get_n_items (fixture->inbox), ==, 0);
  g_assert_cmpuint (n_rows (fixture->inbox), ==, 0);
  g_assert_false (sam_test_holds_text (GTK_WIDGET (fixture->inbox), "Tove"));
}

int
main (int   argc,
      char *argv[])
{
  sam_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/concern-pages/log-and-open-case", test_log_and_open_case);
  ADD ("/concern-pages/close-with-feedback", test_close_with_feedback);
  ADD ("/concern-pages/link-to-existing-case", test_link_to_existing_case);
  ADD ("/concern-pages/mark-assessed", test_mark_assessed);
  ADD ("/concern-pages/no-session-empties", test_no_session_empties);
  ADD ("/concern-pages/cap", test_cap);
  ADD ("/concern-pages/lock-while-loading", test_lock_while_loading);
#undef ADD

  return g_test_run ();
}
