/* test-case-page.c: the case page and the consent dialog, driven through
 * their real widgets and actions on a real encrypted database
 *
 * With SAM_CASE_PAGE_SCREENSHOT=SECONDS set, shows the page as the case's
 * coordinator for that long instead of testing, for a screenshot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-case-page"

#include "config.h"

#include <adwaita.h>

#include "sam-case-page.h"
#include "sam-consent-dialog.h"
#include "sam-test-util.h"
#include "sam-ui-test-util.h"
#include "samverka-core.h"

#define GIVEN_NAME   "Maja"
#define FAMILY_NAME  "Ros"
#define BIRTH_DATE   "2010-05-01"      /* over 15: she signs the consent too */
#define GUARDIAN     "Anna Ros"
#define OTHER_PARENT "Per Ros"         /* no custody */
#define SOCIAL_NOTE  "Internal note from social services"
#define SCHOOL_NOTE  "Note from the school counsellor"
#define POLICE_NOTE  "Note from the local police"
#define CONCERN_TEXT "Absent from school most Mondays"
#define GOOD_REASON  "Acute threat reported by the police tonight"

typedef struct
{
  SamTestFixture  base;
  gint64          case_id;
  gint64          person_id;
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
write_note (const char *path,
            const char *user,
            gint64      case_id,
            const char *text,
            gboolean    shared)
{
  g_autoptr(SamSession) author = sam_test_unlock_user (path, user);
  g_autoptr(GError) error = NULL;
  g_autoptr(SamNote) note = sam_note_store_write (author, case_id, text, shared, &error);

  g_assert_no_error (error);
}

static void
add_person (Fixture    *fixture,
            SamSession *social)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPerson) person = NULL;
  g_autoptr(SamGuardian) guardian = NULL;
  g_autoptr(SamGuardian) parent = NULL;
  SamPersonDraft draft = { .given_name = GIVEN_NAME, .family_name = FAMILY_NAME, .birth_date = BIRTH_DATE };
  SamGuardianDraft with_custody = { .name = GUARDIAN, .custody = TRUE };
  SamGuardianDraft without = { .name = OTHER_PARENT, .custody = FALSE };

  person = sam_person_store_create (social, &draft, &error);
  g_assert_no_error (error);
  fixture->person_id = person->id;
  guardian = sam_person_store_add_guardian (social, person->id, &with_custody, &error);
  g_assert_no_error (error);
  parent = sam_person_store_add_guardian (social, person->id, &without, &error);
  g_assert_no_error (error);
}

static void
add_concern (Fixture    *fixture,
             SamSession *social)
{
  g_autoptr(SamSession) school = sam_test_unlock_user (fixture->base.path, "school");
  g_autoptr(GError) error = NULL;
  g_autoptr(SamConcern) concern = NULL;
  g_autoptr(SamConcern) linked = NULL;
  const char *categories[] = { first_code (SAM_CATALOGUE_KIND_CONCERN_CATEGORY), NULL };
  SamConcernDraft draft = {
    .person_id = fixture->person_id,
    .observed_on = "2026-01-05",
    .urgency = SAM_CONCERN_URGENCY_HIGH,
    .description = CONCERN_TEXT,
    .report_to_social = TRUE,
    .categories = categories,
  };

  concern = sam_concern_store_create (school, &draft, &error);
  g_assert_no_error (error);
  linked = sam_concern_store_assess (social, concern->id, SAM_CONCERN_STATUS_LED_TO_CASE, fixture->case_id,
                                     NULL, &error);
  g_assert_no_error (error);
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

/* A case opened by "social" for a 15-year-old with one guardian with
 * custody, the school and the police on its team, a concern from the
 * school, and a note from each agency; no consent yet. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SamSession) social = NULL;
  g_autoptr(SamCase) opened = NULL;
  g_autoptr(GError) error = NULL;
  const char *areas[] = { first_code (SAM_CATALOGUE_KIND_TARGET_AREA), NULL };

  sam_test_fixture_set_up (&fixture->base, data);
  sam_test_populate_sspf (fixture->base.path);
  social = sam_test_unlock_user (fixture->base.path, "social");

  add_person (fixture, social);
  opened = sam_case_store_create (social, fixture->person_id, SAM_PREVENTION_INDICATED, areas, &error);
  g_assert_no_error (error);
  fixture->case_id = opened->id;
  fixture->case_number = g_strdup (opened->number);
  add_to_team (social, fixture->case_id, fixture->base.path, "school");
  add_to_team (social, fixture->case_id, fixture->base.path, "police");
  add_concern (fixture, social);
  write_note (fixture->base.path, "social", fixture->case_id, SOCIAL_NOTE, FALSE);
  write_note (fixture->base.path, "school", fixture->case_id, SCHOOL_NOTE, TRUE);
  write_note (fixture->base.path, "police", fixture->case_id, POLICE_NOTE, TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->case_number, g_free);
  sam_test_fixture_tear_down (&fixture->base, data);
}

/* Widgets -------------------------------------------------------------------- */

typedef struct
{
  GtkWindow   *window;
  SamCasePage *page;
  SamSession  *session;
} Shown;

static Shown
show_page (Fixture    *fixture,
           const char *user)
{
  Shown shown = { 0 };

  shown.session = sam_test_unlock_user (fixture->base.path, user);
  shown.window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (shown.window);
  gtk_window_set_default_size (shown.window, 1000, 760);
  shown.page = sam_case_page_new ();
  gtk_window_set_child (shown.window, GTK_WIDGET (shown.page));
  gtk_window_present (shown.window);
  sam_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (shown.page)), 10);

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

static GtkWidget *
page_child (Shown      *shown,
            const char *name)
{
  return sam_test_child (GTK_WIDGET (shown->page), SAM_TYPE_CASE_PAGE, name);
}

static void
load (Shown  *shown,
      gint64  case_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_case_page_load (shown->page, shown->session, case_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sam_case_page_get_case_id (shown->page), ==, case_id);
}

static const char *
visible_page (Shown *shown)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (page_child (shown, "stack")));
}

static const char *
label_text (Shown      *shown,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (page_child (shown, name)));
}

static guint
count_rows (Shown      *shown,
            const char *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (page_child (shown, list)), n) != NULL)
    n++;

  return n;
}

static gboolean
list_holds (Shown      *shown,
            const char *list,
            const char *text)
{
  return sam_test_holds_text (page_child (shown, list), text);
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  sam_test_spin (50);
}

static GtkWidget *
find_widget (GtkWidget *root,
             gboolean (*match) (GtkWidget *, gconstpointer),
             gconstpointer data)
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
is_row_titled (GtkWidget    *widget,
               gconstpointer title)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_button_labelled (GtkWidget    *widget,
                    gconstpointer label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
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

static void
check_row (GtkWidget  *dialog,
           const char *title)
{
  GtkWidget *row = find_widget (dialog, is_row_titled, title);

  g_assert_nonnull (row);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row))),
                               TRUE);
}

static GtkWidget *
dialog_child (GtkWindow  *dialog,
              const char *name)
{
  return sam_test_child (GTK_WIDGET (dialog), SAM_TYPE_CONSENT_DIALOG, name);
}

/* Tests ---------------------------------------------------------------------- */

static guint
count_case_views (Fixture    *fixture,
                  SamSession *viewer)
{
  g_autoptr(SamSession) admin = sam_test_unlock_admin (fixture->base.path);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  SamAuditFilter filter;
  guint n = 0;

  sam_audit_filter_init (&filter);
  filter.case_id = fixture->case_id;
  filter.user_id = sam_session_get_user_id (viewer);
  filter.action = SAM_AUDIT_VIEW;
  rows = sam_audit_list (admin, &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      SamAuditRecord *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row->object_type, "case") == 0 && row->outcome == SAM_AUDIT_OUTCOME_OK)
        n++;
    }

  return n;
}

static void
test_header_and_views (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(Shown) shown = show_page (fixture, "social");
  guint views_before = count_case_views (fixture, shown.session);

  load (&shown, fixture->case_id);
  g_assert_cmpstr (visible_page (&shown), ==, "case");

  /* Opening the case wrote its audit row. */
  g_assert_cmpuint (count_case_views (fixture, shown.session), ==, views_before + 1);

  g_assert_cmpstr (label_text (&shown, "name_label"), ==, GIVEN_NAME " " FAMILY_NAME);
  g_assert_nonnull (strstr (label_text (&shown, "person_label"), BIRTH_DATE));
  g_assert_nonnull (strstr (label_text (&shown, "person_label"), "years old"));
  g_assert_cmpstr (label_text (&shown, "consent_badge"), ==, "No consent in force");
  g_assert_true (sam_test_shows_text (page_child (&shown, "facts_grid"), fixture->case_number));
  g_assert_true (sam_test_shows_text (page_child (&shown, "facts_grid"), GUARDIAN " (custody)"));
  g_assert_true (sam_test_shows_text (page_child (&shown, "facts_grid"), OTHER_PARENT));
  g_assert_false (sam_test_holds_text (page_child (&shown, "facts_grid"), OTHER_PARENT " (custody)"));
  g_assert_true (sam_test_shows_text (page_child (&shown, "facts_grid"), "Awaiting consent"));
  g_assert_true (sam_test_shows_text (page_child (&shown, "facts_grid"), "Indicated prevention"));
  /* No school or address was registered: no such line at all. */
  g_assert_false (sam_test_holds_text (page_child (&shown, "facts_grid"), "Address"));

  /* Social services see the concern and their own note, but not the
   * school's or the police's without consent. */
  g_assert_true (list_holds (&shown, "chronology_list", "Case opened"));
  g_assert_true (list_holds (&shown, "chronology_list", "Concern logged"));
  g_assert_true (list_holds (&shown, "chronology_list", SOCIAL_NOTE));
  g_assert_false (list_holds (&shown, "chronology_list", SCHOOL_NOTE));
  g_assert_cmpuint (count_rows (&shown, "concerns_list"), ==, 1);
  g_assert_true (list_holds (&shown, "concerns_list", CONCERN_TEXT));
  g_assert_cmpuint (count_rows (&shown, "notes_list"), ==, 1);
  g_assert_true (list_holds (&shown, "notes_list", SOCIAL_NOTE));
  g_assert_true (list_holds (&shown, "notes_list", "Within social services only"));

  g_assert_true (gtk_widget_get_visible (page_child (&shown, "record_consent_button")));
  g_assert_true (gtk_widget_get_visible (page_child (&shown, "compose_box")));
  g_assert_true (gtk_widget_get_visible (page_child (&shown, "shared_box")));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (page_child (&shown, "banner_revealer"))));
}

static void
test_school_without_consent (Fixture       *fixture,
                             gconstpointer  data)
{
  g_auto(Shown) shown = show_page (fixture, "school");
  GtkTextBuffer *buffer;

  load (&shown, fixture->case_id);

  g_assert_true (list_holds (&shown, "notes_list", SCHOOL_NOTE));
  g_assert_false (list_holds (&shown, "notes_list", SOCIAL_NOTE));
  g_assert_false (list_holds (&shown, "chronology_list", SOCIAL_NOTE));
  g_assert_false (list_holds (&shown, "chronology_list", POLICE_NOTE));
  g_assert_true (list_holds (&shown, "concerns_list", CONCERN_TEXT));
  g_assert_false (gtk_widget_get_visible (page_child (&shown, "record_consent_button")));
  g_assert_null (find_widget (page_child (&shown, "consents_list"), is_button_labelled, "Withdraw…"));
  /* The school writes notes, but cannot keep them internal. */
  g_assert_true (gtk_widget_get_visible (page_child (&shown, "compose_box")));
  g_assert_false (gtk_widget_get_visible (page_child (&shown, "shared_box")));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (page_child (&shown, "note_view")));
  gtk_text_buffer_set_text (buffer, "Met her mother today", -1);
  gtk_widget_activate_action (GTK_WIDGET (shown.page), "case.write-note", NULL);
  g_assert_true (list_holds (&shown, "notes_list", "Met her mother today"));
  g_assert_true (list_holds (&shown, "chronology_list", "Met her mother today"));
  g_assert_cmpuint (gtk_text_buffer_get_char_count (buffer), ==, 0);
}

static GtkWindow *
open_consent_dialog (Shown *shown)
{
  GtkWindow *dialog;

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (page_child (shown, "view_stack")), "consent");
  click (page_child (shown, "record_consent_button"));
  dialog = find_toplevel (SAM_TYPE_CONSENT_DIALOG);
  g_assert_nonnull (dialog);
  sam_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (dialog)), 10);

  return dialog;
}

static void
fill_consent (GtkWindow *dialog)
{
  /* The parent without custody is no signatory. */
  g_assert_null (find_widget (GTK_WIDGET (dialog), is_row_titled, OTHER_PARENT));
  check_row (GTK_WIDGET (dialog), GUARDIAN);
  check_row (GTK_WIDGET (dialog), GIVEN_NAME " " FAMILY_NAME);
  check_row (GTK_WIDGET (dialog), SAM_TEST_SCHOOL);
  check_row (GTK_WIDGET (dialog), SAM_TEST_SOCIAL);
  check_row (GTK_WIDGET (dialog), SAM_TEST_POLICE);
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "purpose_row")), "Samverkan i SSPF");
}

static void
record_consent (Shown *shown)
{
  GtkWindow *dialog = open_consent_dialog (shown);
  GtkWidget *valid_from = dialog_child (dialog, "valid_from_row");
  g_autofree char *today = g_strdup (gtk_editable_get_text (GTK_EDITABLE (valid_from)));

  fill_consent (dialog);

  /* A date that does not exist: refused, the input kept, the field named. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_editable_set_text (GTK_EDITABLE (valid_from), "2026-02-30");
  g_assert_true (gtk_widget_has_css_class (valid_from, "error"));
  click (dialog_child (dialog, "save_button"));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (valid_from)), ==, "2026-02-30");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog, "purpose_row"))), ==,
                   "Samverkan i SSPF");
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "error_label")));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (dialog_child (dialog, "error_label"))),
                                   "Valid from:"));
  g_assert_true (gtk_widget_has_css_class (valid_from, "error"));
  g_assert_cmpstr (label_text (shown, "consent_badge"), ==, "No consent in force");

  gtk_editable_set_text (GTK_EDITABLE (valid_from), today);
  g_assert_false (gtk_widget_has_css_class (valid_from, "error"));
  click (dialog_child (dialog, "save_button"));
  sam_test_wait_until (dialog == NULL, 10);
}

static void
withdraw_consent (Shown *shown)
{
  GtkWidget *button = find_widget (page_child (shown, "consents_list"), is_button_labelled, "Withdraw…");
  GtkWindow *dialog;

  g_assert_nonnull (button);
  click (button);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "withdraw");
  sam_test_spin (50);
}

static gboolean
police_sees_school_note (Fixture *fixture)
{
  g_auto(Shown) police = show_page (fixture, "police");

  load (&police, fixture->case_id);
  return list_holds (&police, "notes_list", SCHOOL_NOTE);
}

static void
test_consent (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(Shown) shown = show_page (fixture, "social");

  g_assert_false (police_sees_school_note (fixture));
  load (&shown, fixture->case_id);
  g_assert_false (list_holds (&shown, "chronology_list", "Consent recorded"));

  record_consent (&shown);
  g_assert_cmpstr (label_text (&shown, "consent_badge"), ==, "Consent in force");
  g_assert_true (list_holds (&shown, "chronology_list", "Consent recorded"));
  /* Under the consent, social services see the school's note at once. */
  g_assert_true (list_holds (&shown, "chronology_list", SCHOOL_NOTE));
  g_assert_true (list_holds (&shown, "consents_list", "In force"));
  g_assert_true (list_holds (&shown, "consents_list", GUARDIAN));
  g_assert_true (list_holds (&shown, "consents_list", "the young person"));
  g_assert_true (list_holds (&shown, "consents_list", SAM_TEST_POLICE));
  g_assert_true (police_sees_school_note (fixture));

  withdraw_consent (&shown);
  g_assert_cmpstr (label_text (&shown, "consent_badge"), ==, "No consent in force");
  g_assert_true (list_holds (&shown, "chronology_list", "Consent withdrawn"));
  g_assert_false (list_holds (&shown, "chronology_list", SCHOOL_NOTE));
  g_assert_true (list_holds (&shown, "consents_list", "Withdrawn"));
  g_assert_null (find_widget (page_child (&shown, "consents_list"), is_button_labelled, "Withdraw…"));
  g_assert_false (police_sees_school_note (fixture));
}

static void
test_break_glass (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(Shown) shown = show_page (fixture, "social2");
  g_autoptr(GError) error = NULL;
  GtkWidget *reason = NULL;

  g_assert_false (sam_case_page_load (shown.page, shown.session, fixture->case_id, &error));
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_assert_cmpstr (visible_page (&shown), ==, "glass");
  g_assert_false (sam_test_holds_text (GTK_WIDGET (shown.page), GIVEN_NAME));

  /* Too short: the core refuses, the reason stays, the message shows. */
  reason = page_child (&shown, "reason_row");
  gtk_editable_set_text (GTK_EDITABLE (reason), "urgent");
  click (page_child (&shown, "glass_button"));
  g_assert_cmpstr (visible_page (&shown), ==, "glass");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (reason)), ==, "urgent");
  g_assert_true (gtk_widget_get_visible (page_child (&shown, "reason_error_label")));
  g_assert_true (g_str_has_prefix (label_text (&shown, "reason_error_label"), "Reason:"));

  gtk_editable_set_text (GTK_EDITABLE (reason), GOOD_REASON);
  click (page_child (&shown, "glass_button"));
  g_assert_cmpstr (visible_page (&shown), ==, "case");
  g_assert_cmpstr (label_text (&shown, "name_label"), ==, GIVEN_NAME " " FAMILY_NAME);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (page_child (&shown, "banner_revealer"))));
  g_assert_nonnull (strstr (label_text (&shown, "banner_label"), "60 minutes left"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (reason)), ==, "");

  /* Ending it by hand drops the case from the page at once. */
  click (page_child (&shown, "end_glass_button"));
  g_assert_cmpstr (visible_page (&shown), ==, "glass");
  g_assert_false (sam_test_holds_text (GTK_WIDGET (shown.page), GIVEN_NAME));
  g_assert_cmpuint (sam_case_store_break_glass_remaining (shown.session, fixture->case_id), ==, 0);
}

static void
test_denied_without_break_glass (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_auto(Shown) shown = show_page (fixture, "school2");
  g_autoptr(GError) error = NULL;

  g_assert_false (sam_case_page_load (shown.page, shown.session, fixture->case_id, &error));
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_assert_cmpstr (visible_page (&shown), ==, "denied");
  g_assert_true (sam_test_shows_text (GTK_WIDGET (shown.page), "Ask its coordinator"));
  g_assert_false (sam_test_holds_text (GTK_WIDGET (shown.page), GIVEN_NAME));
}

static void
test_clear (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(Shown) shown = show_page (fixture, "social");
  GtkWindow *dialog;

  load (&shown, fixture->case_id);
  dialog = open_consent_dialog (&shown);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (page_child (&shown, "note_view"))),
                            "Draft about " GIVEN_NAME, -1);

  sam_case_page_clear (shown.page);
  sam_test_spin (50);

  /* Locking leaves nothing behind: not in a label, not in a field, not in
   * the open dialog. */
  g_assert_null (dialog);
  g_assert_cmpstr (visible_page (&shown), ==, "empty");
  g_assert_cmpint (sam_case_page_get_case_id (shown.page), ==, 0);
  g_assert_false (sam_test_holds_text (GTK_WIDGET (shown.page), GIVEN_NAME));
  g_assert_false (sam_test_holds_text (GTK_WIDGET (shown.page), FAMILY_NAME));
  g_assert_false (sam_test_holds_text (GTK_WIDGET (shown.page), GUARDIAN));
  g_assert_false (sam_test_holds_text (GTK_WIDGET (shown.page), fixture->case_number));
  g_assert_false (sam_test_holds_text (GTK_WIDGET (shown.page), SOCIAL_NOTE));
  g_assert_false (sam_test_holds_text (GTK_WIDGET (shown.page), CONCERN_TEXT));
  g_assert_cmpuint (gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (GTK_TEXT_VIEW (page_child (&shown, "note_view")))), ==, 0);
  g_assert_cmpuint (count_rows (&shown, "chronology_list"), ==, 0);
  g_assert_cmpuint (count_rows (&shown, "notes_list"), ==, 0);
}

/* For a screenshot: the coordinator's view, with a consent. */
static void
run_screenshot (guint seconds)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  Fixture fixture = { 0 };
  Shown shown;

  /* AdwApplication loads it in the app; here there is no application. */
  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  fixture_set_up (&fixture, NULL);
  shown = show_page (&fixture, "social");
  gtk_window_maximize (shown.window);
  load (&shown, fixture.case_id);
  record_consent (&shown);
  if (g_strcmp0 (g_getenv ("SAM_CASE_PAGE_VIEW"), "consent-dialog") == 0)
    open_consent_dialog (&shown);
  else if (g_getenv ("SAM_CASE_PAGE_VIEW") != NULL)
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (page_child (&shown, "view_stack")),
                                      g_getenv ("SAM_CASE_PAGE_VIEW"));
  sam_test_spin (seconds * 1000);
  shown_clear (&shown);
  fixture_tear_down (&fixture, NULL);
}

int
main (int   argc,
      char *argv[])
{
  const char *screenshot = g_getenv ("SAM_CASE_PAGE_SCREENSHOT");

  sam_test_init (&argc, &argv);

  if (screenshot != NULL)
    {
      run_screenshot ((guint) g_ascii_strtoull (screenshot, NULL, 10));
      return 0;
    }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/case-page/header-and-views", test_header_and_views);
  ADD ("/case-page/school-without-consent", test_school_without_consent);
  ADD ("/case-page/consent", test_consent);
  ADD ("/case-page/break-glass", test_break_glass);
  ADD ("/case-page/denied-without-break-glass", test_denied_without_break_glass);
  ADD ("/case-page/clear", test_clear);
#undef ADD

  return g_test_run ();
}
