/* test-concern-dialog.c: the quick concern form, driven as a counsellor would
 *
 * Set SAM_TEST_SCREENSHOT_SECONDS to hold the filled-in form on screen
 * that long, so that `import -window root` can take a screenshot of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-concern-dialog"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "sam-concern-dialog.h"
#include "sam-test-util.h"
#include "sam-ui-test-util.h"
#include "samverka-core.h"

#define DESCRIPTION "Absent three days this week; said someone threatens him on the way."

typedef struct
{
  SamTestFixture    base;
  SamSession       *school;
  gint64            tove_id;
  SamConcernDialog *dialog;
  gint64            saved_id;
} Fixture;

static gint64
register_person (SamSession *session,
                 const char *given_name,
                 const char *family_name,
                 const char *birth_date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPerson) person = NULL;
  SamPersonDraft draft = {
    .given_name = given_name,
    .family_name = family_name,
    .birth_date = birth_date,
  };

  person = sam_person_store_create (session, &draft, &error);
  g_assert_no_error (error);

  return person->id;
}

static void
saved_cb (SamConcernDialog *dialog,
          gint64            concern_id,
          Fixture          *fixture)
{
  fixture->saved_id = concern_id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  sam_test_fixture_set_up (&fixture->base, data);
  sam_test_populate_sspf (fixture->base.path);
  fixture->school = sam_test_unlock_user (fixture->base.path, "school");
  fixture->tove_id = register_person (fixture->school, "Tove", "Lund", "2011-04-02");

  fixture->dialog = SAM_CONCERN_DIALOG (sam_concern_dialog_new (NULL, fixture->school));
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog), (gpointer *) &fixture->dialog);
  g_signal_connect (fixture->dialog, "saved", G_CALLBACK (saved_cb), fixture);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  sam_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (fixture->dialog)), 10);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  g_assert_null (fixture->dialog);
  g_clear_object (&fixture->school);
  sam_test_fixture_tear_down (&fixture->base, data);
}

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  return sam_test_child (GTK_WIDGET (fixture->dialog), SAM_TYPE_CONCERN_DIALOG, name);
}

static void
type (Fixture    *fixture,
      const char *row,
      const char *text)
{
  sam_test_type (GTK_WIDGET (fixture->dialog), SAM_TYPE_CONCERN_DIALOG, row, text);
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

static void
check (Fixture    *fixture,
       const char *container,
       const char *code)
{
  GtkWidget *button = find_named (child (fixture, container), code);

  g_assert_nonnull (button);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (button), TRUE);
}

static gboolean
is_checked (Fixture    *fixture,
            const char *container,
            const char *code)
{
  return gtk_check_button_get_active (GTK_CHECK_BUTTON (find_named (child (fixture, container), code)));
}

static void
set_description (Fixture    *fixture,
                 const char *text)
{
  GtkTextView *view = GTK_TEXT_VIEW (child (fixture, "description_view"));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static int
description_length (Fixture *fixture)
{
  GtkTextView *view = GTK_TEXT_VIEW (child (fixture, "description_view"));

  return gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (view));
}

static const char *
label_text (Fixture    *fixture,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (child (fixture, name)));
}

static gboolean
label_shown (Fixture    *fixture,
             const char *name)
{
  return gtk_widget_get_visible (child (fixture, name));
}

static void
pick_first_match (Fixture *fixture)
{
  GtkListBox *matches = GTK_LIST_BOX (child (fixture, "matches_list"));

  sam_test_wait_until (gtk_list_box_get_row_at_index (matches, 0) != NULL, 10);
  g_signal_emit_by_name (matches, "row-activated", gtk_list_box_get_row_at_index (matches, 0));
}

static guint
count_mine (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mine = sam_concern_store_list_mine (fixture->school, 0, &error);

  g_assert_no_error (error);
  return mine->len;
}

static char *
tomorrow (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) next = g_date_time_add_days (now, 1);

  return g_date_time_format (next, "%Y-%m-%d");
}

/* A personnummer with a wrong check digit is flagged inline, under the
 * field, by the core's message that names the field, and nothing saves. */
static void
test_malformed_personnummer (Fixture       *fixture,
                             gconstpointer  data)
{
  type (fixture, "personnummer_row", "20110402-1235");
  sam_test_wait_until (label_shown (fixture, "person_error_label"), 10);

  g_assert_true (g_str_has_prefix (label_text (fixture, "person_error_label"),
                                   "Personal identity number:"));
  g_assert_true (gtk_widget_has_css_class (child (fixture, "personnummer_row"), "error"));
  g_assert_false (gtk_widget_is_sensitive (child (fixture, "save_button")));

  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "concern.save", NULL);
  g_assert_cmpuint (count_mine (fixture), ==, 0);
  g_assert_nonnull (fixture->dialog);

  /* Fixing it clears the error and lets the form save again. */
  type (fixture, "personnummer_row", "");
  sam_test_wait_until (!label_shown (fixture, "person_error_label"), 10);
  g_assert_true (gtk_widget_is_sensitive (child (fixture, "save_button")));
}

/* Typing the name and birth date of a registered pupil lists them; picking
 * them chooses them for the concern. */
static void
test_duplicate_search_and_pick (Fixture       *fixture,
                                gconstpointer  data)
{
  type (fixture, "given_name_row", "tove");
  type (fixture, "family_name_row", "Lund");
  type (fixture, "birth_date_row", "2011-04-02");
  sam_test_wait_until (gtk_widget_get_visible (child (fixture, "matches_list")), 10);
  g_assert_true (sam_test_shows_text (child (fixture, "matches_list"), "Tove Lund"));

  pick_first_match (fixture);
  g_assert_cmpint (sam_concern_dialog_get_person_id (fixture->dialog), ==, fixture->tove_id);
  g_assert_true (gtk_widget_get_visible (child (fixture, "chosen_row")));
  g_assert_false (gtk_widget_get_visible (child (fixture, "matches_list")));
  /* Reporters do not register guardians: the policy keeps that to social services. */
  g_assert_false (gtk_widget_get_visible (child (fixture, "guardian_group")));
}

/* Nobody matches: register the pupil as new; searching again finds them. */
static void
test_register_new_person (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;

  type (fixture, "given_name_row", "Nils");
  type (fixture, "family_name_row", "Nyberg");
  type (fixture, "birth_date_row", "2012-05-06");
  sam_test_wait_until (sam_test_shows_text (child (fixture, "search_hint_label"), "Nobody registered"), 10);

  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "concern.register-person", NULL);
  g_assert_cmpint (sam_concern_dialog_get_person_id (fixture->dialog), >, 0);

  matches = sam_person_store_find_duplicates (fixture->school, NULL, "Nils", "Nyberg", "2012-05-06",
                                              &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matches->len, ==, 1);
  g_assert_cmpint (((SamPersonMatch *) g_ptr_array_index (matches, 0))->id, ==,
                   sam_concern_dialog_get_person_id (fixture->dialog));
}

static void
fill_form (Fixture    *fixture,
           const char *description)
{
  type (fixture, "given_name_row", "Tove");
  type (fixture, "family_name_row", "Lund");
  type (fixture, "birth_date_row", "2011-04-02");
  pick_first_match (fixture);
  check (fixture, "categories_box", "school_absence");
  check (fixture, "categories_box", "threats");
  check (fixture, "risk_row", "weak_school_attachment");
  check (fixture, "protective_row", "trusted_adult");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (fixture, "urgency_row")), SAM_CONCERN_URGENCY_HIGH);
  set_description (fixture, description);
  gtk_switch_set_active (GTK_SWITCH (child (fixture, "report_switch")), TRUE);
}

static void
assert_input_kept (Fixture    *fixture,
                   int         description_chars,
                   const char *observed_on)
{
  g_assert_nonnull (fixture->dialog);
  g_assert_cmpint (sam_concern_dialog_get_person_id (fixture->dialog), ==, fixture->tove_id);
  g_assert_true (is_checked (fixture, "categories_box", "school_absence"));
  g_assert_true (is_checked (fixture, "categories_box", "threats"));
  g_assert_true (is_checked (fixture, "risk_row", "weak_school_attachment"));
  g_assert_true (is_checked (fixture, "protective_row", "trusted_adult"));
  g_assert_cmpint (description_length (fixture), ==, description_chars);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (fixture, "urgency_row"))), ==,
                    SAM_CONCERN_URGENCY_HIGH);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (child (fixture, "report_switch"))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (fixture, "observed_on_row"))), ==,
                   observed_on);
  g_assert_cmpuint (count_mine (fixture), ==, 0);
}

static void
pause_for_screenshot (void)
{
  const char *seconds = g_getenv ("SAM_TEST_SCREENSHOT_SECONDS");

  if (seconds != NULL)
    sam_test_spin ((guint) g_ascii_strtoull (seconds, NULL, 10) * 1000);
}

/* Refusals show beside the field they name, and the form keeps everything. */
static void
test_failed_save_keeps_input (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *too_long = g_strnfill (SAM_LONG_TEXT_MAX_CHARS + 1, 'x');
  g_autofree char *future = tomorrow ();
  g_autofree char *today = NULL;

  today = g_strdup (gtk_editable_get_text (GTK_EDITABLE (child (fixture, "observed_on_row"))));
  fill_form (fixture, too_long);
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "concern.save", NULL);
  g_assert_true (label_shown (fixture, "description_error_label"));
  g_assert_true (g_str_has_prefix (label_text (fixture, "description_error_label"), "Description:"));
  assert_input_kept (fixture, SAM_LONG_TEXT_MAX_CHARS + 1, today);

  set_description (fixture, DESCRIPTION);
  type (fixture, "observed_on_row", future);
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "concern.save", NULL);
  g_assert_false (label_shown (fixture, "description_error_label"));
  g_assert_true (label_shown (fixture, "when_error_label"));
  g_assert_true (g_str_has_prefix (label_text (fixture, "when_error_label"), "Observed on:"));
  assert_input_kept (fixture, (int) strlen (DESCRIPTION), future);
}

/* A complete form saves: the concern is in the database as typed. */
static void
test_save (Fixture       *fixture,
           gconstpointer  data)
{
  const char *text = DESCRIPTION;
  g_autoptr(SamConcern) concern = NULL;
  g_autoptr(GError) error = NULL;

  fill_form (fixture, text);
  pause_for_screenshot ();
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "concern.save", NULL);

  g_assert_cmpint (fixture->saved_id, >, 0);
  g_assert_null (fixture->dialog);

  concern = sam_concern_store_get (fixture->school, fixture->saved_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (concern->person_id, ==, fixture->tove_id);
  g_assert_cmpstr (concern->description, ==, text);
  g_assert_cmpint (concern->urgency, ==, SAM_CONCERN_URGENCY_HIGH);
  g_assert_true (concern->report_to_social);
  g_assert_cmpint (concern->status, ==, SAM_CONCERN_STATUS_RECEIVED);
  g_assert_true (g_strv_contains ((const char * const *) concern->categories, "school_absence"));
  g_assert_true (g_strv_contains ((const char * const *) concern->categories, "threats"));
  g_assert_true (g_strv_contains ((const char * const *) concern->risk_factors, "weak_school_attachment"));
  g_assert_true (g_strv_contains ((const char * const *) concern->protective_factors, "trusted_adult"));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

/* What a click on one of the question's buttons does. */
static void
answer (AdwMessageDialog *question,
        const char       *response)
{
  g_object_add_weak_pointer (G_OBJECT (question), (gpointer *) &question);
  adw_message_dialog_response (question, response);
  /* Discarding closes the form, and the question with it. */
  if (question != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (question), (gpointer *) &question);
      gtk_window_destroy (GTK_WINDOW (question));
    }
}

/* Cancel with something typed asks first; keeping goes back to the form. */
static void
test_cancel_asks (Fixture       *fixture,
                  gconstpointer  data)
{
  AdwMessageDialog *question;

  set_description (fixture, "Something");
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "concern.cancel", NULL);
  sam_test_wait_until ((question = find_message_dialog ()) != NULL, 10);
  g_assert_nonnull (fixture->dialog);

  answer (question, "keep");
  sam_test_wait_until (find_message_dialog () == NULL, 10);
  g_assert_nonnull (fixture->dialog);
  g_assert_cmpint (description_length (fixture), ==, 9);

  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "concern.cancel", NULL);
  sam_test_wait_until ((question = find_message_dialog ()) != NULL, 10);
  answer (question, "discard");
  sam_test_wait_until (fixture->dialog == NULL, 10);
}

/* An empty form closes at once; locking closes even a filled one. */
static void
test_cancel_empty_and_lock (Fixture       *fixture,
                            gconstpointer  data)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "concern.cancel", NULL);
  sam_test_wait_until (fixture->dialog == NULL, 10);

  fixture->dialog = SAM_CONCERN_DIALOG (sam_concern_dialog_new (NULL, fixture->school));
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog), (gpointer *) &fixture->dialog);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  set_description (fixture, "Something");
  sam_session_lock (fixture->school);
  sam_test_wait_until (fixture->dialog == NULL, 10);
  g_assert_null (find_message_dialog ());
}

int
main (int   argc,
      char *argv[])
{
  sam_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/concern-dialog/malformed-personnummer", test_malformed_personnummer);
  ADD ("/concern-dialog/duplicate-search", test_duplicate_search_and_pick);
  ADD ("/concern-dialog/register-new-person", test_register_new_person);
  ADD ("/concern-dialog/failed-save-keeps-input", test_failed_save_keeps_input);
  ADD ("/concern-dialog/save", test_save);
  ADD ("/concern-dialog/cancel-asks", test_cancel_asks);
  ADD ("/concern-dialog/cancel-empty-and-lock", test_cancel_empty_and_lock);
#undef ADD

  return g_test_run ();
}
