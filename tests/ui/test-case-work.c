/* test-case-work.c: the plan, follow-up and mapping views of the case page
 * and their dialogs, driven through their real widgets and actions on a
 * real encrypted database
 *
 * With SAM_CASE_WORK_SCREENSHOT=SECONDS and SAM_CASE_WORK_VIEW=plan or
 * mapping set, shows that view as social services for that long instead of
 * testing, for a screenshot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-case-work"

#include "config.h"

#include <adwaita.h>

#include "sam-action-dialog.h"
#include "sam-case-follow-ups-view.h"
#include "sam-case-mapping-view.h"
#include "sam-case-page.h"
#include "sam-case-plan-view.h"
#include "sam-factor-chart.h"
#include "sam-factor-scores-group.h"
#include "sam-follow-up-dialog.h"
#include "sam-goal-dialog.h"
#include "sam-test-util.h"
#include "sam-ui-test-util.h"
#include "samverka-core.h"

#define GIVEN_NAME     "Maja"
#define FAMILY_NAME    "Ros"
#define GUARDIAN       "Anna Ros"
#define GOAL_TEXT      "Maja attends school every day"
#define INDICATOR_TEXT "Absence under five per cent"
#define ACTION_TEXT    "Daily check-in with the school counsellor"
#define SOCIAL_ACTION  "Family counselling sessions"
#define FOLLOW_UP_NOTE "Attendance much better since March"
#define FIRST_MAPPED   "2026-01-10"

typedef struct
{
  SamTestFixture  base;
  gint64          case_id;
  char           *case_number;
} Fixture;

/* The world ------------------------------------------------------------------ */

static const SamCatalogueEntry *
first_entry (SamCatalogueKind kind)
{
  guint n = 0;
  const SamCatalogueEntry *entries = sam_catalogue_list (kind, &n);

  g_assert_cmpuint (n, >, 0);
  return &entries[0];
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

static void
consent_and_activate (SamSession *social,
                      gint64      case_id,
                      gint64      guardian_id)
{
  g_autoptr(GError) error = NULL;
  gint64 agencies[] = {
    sam_test_agency_id (social, SAM_TEST_SOCIAL),
    sam_test_agency_id (social, SAM_TEST_SCHOOL),
    sam_test_agency_id (social, SAM_TEST_SCHOOL2),
  };
  SamConsentDraft draft = {
    .purpose = "SSPF",
    .valid_from = "2026-01-01",
    .guardian_ids = &guardian_id,
    .n_guardians = 1,
    .young_person_signed = TRUE,
    .signed_on = "2026-01-01",
    .agency_ids = agencies,
    .n_agencies = G_N_ELEMENTS (agencies),
  };

  g_assert_cmpint (sam_case_store_record_consent (social, case_id, &draft, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (sam_case_store_set_status (social, case_id, SAM_CASE_STATUS_ACTIVE, NULL, &error));
  g_assert_no_error (error);
}

/* An active case opened by "social" for a 15-year-old, with the school
 * ("school") and the other school ("school2") on its team and a consent
 * for social services and both schools in force. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(SamSession) social = NULL;
  g_autoptr(SamPerson) person = NULL;
  g_autoptr(SamGuardian) guardian = NULL;
  g_autoptr(SamCase) opened = NULL;
  g_autoptr(GError) error = NULL;
  const char *areas[] = { first_entry (SAM_CATALOGUE_KIND_TARGET_AREA)->code, NULL };
  SamPersonDraft draft = { .given_name = GIVEN_NAME, .family_name = FAMILY_NAME, .birth_date = "2010-05-01" };
  SamGuardianDraft with_custody = { .name = GUARDIAN, .custody = TRUE };

  sam_test_fixture_set_up (&fixture->base, data);
  sam_test_populate_sspf (fixture->base.path);
  social = sam_test_unlock_user (fixture->base.path, "social");

  person = sam_person_store_create (social, &draft, &error);
  g_assert_no_error (error);
  guardian = sam_person_store_add_guardian (social, person->id, &with_custody, &error);
  g_assert_no_error (error);
  opened = sam_case_store_create (social, person->id, SAM_PREVENTION_INDICATED, areas, &error);
  g_assert_no_error (error);
  fixture->case_id = opened->id;
  fixture->case_number = g_strdup (opened->number);
  add_to_team (social, fixture->case_id, fixture->base.path, "school");
  add_to_team (social, fixture->case_id, fixture->base.path, "school2");
  consent_and_activate (social, fixture->case_id, guardian->id);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->case_number, g_free);
  sam_test_fixture_tear_down (&fixture->base, data);
}

static char *
days_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* A goal by social services, an action for it at the school and one at
 * social services. Returns the school's action's id. */
static gint64
add_plan (Fixture *fixture)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->base.path, "social");
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPlanGoal) goal = NULL;
  g_autoptr(SamPlanAction) school_action = NULL;
  g_autoptr(SamPlanAction) social_action = NULL;
  g_autofree char *today = days_from_today (0);
  g_autofree char *due = days_from_today (30);
  SamPlanActionDraft draft = {
    .description = ACTION_TEXT,
    .intervention_code = first_entry (SAM_CATALOGUE_KIND_INTERVENTION)->code,
    .responsible_agency_id = sam_test_agency_id (social, SAM_TEST_SCHOOL),
    .starts_on = today,
    .due_on = due,
  };

  goal = sam_plan_store_add_goal (social, fixture->case_id, GOAL_TEXT, INDICATOR_TEXT, &error);
  g_assert_no_error (error);
  draft.goal_id = goal->id;
  school_action = sam_plan_store_add_action (social, fixture->case_id, &draft, &error);
  g_assert_no_error (error);
  draft.description = SOCIAL_ACTION;
  draft.responsible_agency_id = sam_session_get_agency_id (social);
  social_action = sam_plan_store_add_action (social, fixture->case_id, &draft, &error);
  g_assert_no_error (error);

  return school_action->id;
}

static const SamCatalogueEntry *
risk_factor (void)
{
  return first_entry (SAM_CATALOGUE_KIND_RISK_FACTOR);
}

static const SamCatalogueEntry *
protective_factor (void)
{
  return first_entry (SAM_CATALOGUE_KIND_PROTECTIVE_FACTOR);
}

/* The first mapping: the first risk factor strongly present (3), the
 * first protective factor weak (1). */
static void
add_mapping (Fixture *fixture)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->base.path, "social");
  g_autoptr(GError) error = NULL;
  SamFactorScore scores[] = {
    { .kind = SAM_CATALOGUE_KIND_RISK_FACTOR, .code = risk_factor ()->code, .score = 3 },
    { .kind = SAM_CATALOGUE_KIND_PROTECTIVE_FACTOR, .code = protective_factor ()->code, .score = 1 },
  };

  g_assert_cmpint (sam_mapping_store_record (social, fixture->case_id, FIRST_MAPPED, NULL, scores,
                                             G_N_ELEMENTS (scores), &error), >, 0);
  g_assert_no_error (error);
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
  g_autoptr(GError) error = NULL;

  shown.session = sam_test_unlock_user (fixture->base.path, user);
  shown.window = GTK_WINDOW (gtk_window_new ());
  g_object_ref (shown.window);
  gtk_window_set_default_size (shown.window, 1000, 760);
  shown.page = sam_case_page_new ();
  gtk_window_set_child (shown.window, GTK_WIDGET (shown.page));
  gtk_window_present (shown.window);
  sam_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (shown.page)), 10);
  g_assert_true (sam_case_page_load (shown.page, shown.session, fixture->case_id, &error));
  g_assert_no_error (error);

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
show_view (Shown      *shown,
           const char *name)
{
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (page_child (shown, "view_stack")), name);
  sam_test_spin (50);
}

static GtkWidget *
plan_child (Shown      *shown,
            const char *name)
{
  return sam_test_child (page_child (shown, "plan_view"), SAM_TYPE_CASE_PLAN_VIEW, name);
}

static GtkWidget *
follow_ups_child (Shown      *shown,
                  const char *name)
{
  return sam_test_child (page_child (shown, "follow_ups_view"), SAM_TYPE_CASE_FOLLOW_UPS_VIEW, name);
}

static GtkWidget *
mapping_child (Shown      *shown,
               const char *name)
{
  return sam_test_child (page_child (shown, "mapping_view"), SAM_TYPE_CASE_MAPPING_VIEW, name);
}

static void
activate (GtkWidget  *widget,
          const char *action,
          GVariant   *parameter)
{
  /* A widget-class action does not take a floating parameter. */
  g_autoptr(GVariant) owned = parameter != NULL ? g_variant_ref_sink (parameter) : NULL;

  g_assert_true (gtk_widget_activate_action_variant (widget, action, owned));
  sam_test_spin (50);
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
collect (GtkWidget *root,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static GPtrArray *
find_all (GtkWidget *root,
          GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect (root, type, found);
  return found;
}

static void
select_string (AdwComboRow *row,
               const char  *text)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }

  g_error ("no “%s” to choose", text);
}

static SamPlanActionStatus
action_status (Fixture *fixture,
               gint64   action_id)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->base.path, "social");
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPlan) plan = sam_plan_store_get (social, fixture->case_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < plan->actions->len; i++)
    {
      SamPlanAction *action = g_ptr_array_index (plan->actions, i);

      if (action->id == action_id)
        return action->status;
    }

  g_assert_not_reached ();
}

/* Tests ---------------------------------------------------------------------- */

static void
add_goal_through_dialog (Shown *shown)
{
  GtkWindow *dialog;

  activate (page_child (shown, "plan_view"), "plan.add-goal", NULL);
  dialog = find_toplevel (SAM_TYPE_GOAL_DIALOG);
  g_assert_nonnull (dialog);
  sam_test_type (GTK_WIDGET (dialog), SAM_TYPE_GOAL_DIALOG, "description_row", GOAL_TEXT);
  sam_test_type (GTK_WIDGET (dialog), SAM_TYPE_GOAL_DIALOG, "indicator_row", INDICATOR_TEXT);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  activate (GTK_WIDGET (dialog), "goal.save", NULL);
  g_assert_null (dialog);
}

/* "Edit…" opens the goal as it is; the change shows in the plan. */
static void
edit_goal_through_dialog (Fixture *fixture,
                          Shown   *shown)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPlan) plan = sam_plan_store_get (shown->session, fixture->case_id, &error);
  GtkWindow *dialog;
  GtkWidget *indicator;

  g_assert_no_error (error);
  g_assert_cmpuint (plan->goals->len, ==, 1);
  activate (page_child (shown, "plan_view"), "plan.edit-goal",
            g_variant_new_int64 (((SamPlanGoal *) g_ptr_array_index (plan->goals, 0))->id));
  dialog = find_toplevel (SAM_TYPE_GOAL_DIALOG);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  indicator = sam_test_child (GTK_WIDGET (dialog), SAM_TYPE_GOAL_DIALOG, "indicator_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (indicator)), ==, INDICATOR_TEXT);

  /* An empty indicator is refused at its field, the goal kept. */
  gtk_editable_set_text (GTK_EDITABLE (indicator), "");
  activate (GTK_WIDGET (dialog), "goal.save", NULL);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_has_css_class (indicator, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sam_test_child (GTK_WIDGET (dialog), SAM_TYPE_GOAL_DIALOG,
                                                                         "description_row"))), ==, GOAL_TEXT);

  gtk_editable_set_text (GTK_EDITABLE (indicator), "No unexplained absence");
  activate (GTK_WIDGET (dialog), "goal.save", NULL);
  g_assert_null (dialog);
  g_assert_true (sam_test_shows_text (plan_child (shown, "plan_list"), "Indicator: No unexplained absence"));
  g_assert_false (sam_test_holds_text (plan_child (shown, "plan_list"), INDICATOR_TEXT));
}

static void
test_plan_dialogs (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(Shown) shown = show_page (fixture, "social");
  g_autofree char *due = days_from_today (30);
  GtkWindow *dialog;
  GtkWidget *due_row;

  show_view (&shown, "plan");
  g_assert_true (gtk_widget_get_visible (plan_child (&shown, "buttons_box")));
  add_goal_through_dialog (&shown);
  g_assert_true (sam_test_shows_text (plan_child (&shown, "plan_list"), GOAL_TEXT));
  g_assert_true (sam_test_shows_text (plan_child (&shown, "plan_list"), INDICATOR_TEXT));

  activate (page_child (&shown, "plan_view"), "plan.add-action", NULL);
  dialog = find_toplevel (SAM_TYPE_ACTION_DIALOG);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  sam_test_type (GTK_WIDGET (dialog), SAM_TYPE_ACTION_DIALOG, "description_row", ACTION_TEXT);
  select_string (ADW_COMBO_ROW (sam_test_child (GTK_WIDGET (dialog), SAM_TYPE_ACTION_DIALOG, "goal_row")), GOAL_TEXT);
  select_string (ADW_COMBO_ROW (sam_test_child (GTK_WIDGET (dialog), SAM_TYPE_ACTION_DIALOG, "agency_row")),
                 SAM_TEST_SCHOOL);
  sam_test_type (GTK_WIDGET (dialog), SAM_TYPE_ACTION_DIALOG, "due_on_row", "2026-13-45");

  /* A bad date: the dialog stays, marks the field, keeps the input. */
  activate (GTK_WIDGET (dialog), "action.save", NULL);
  g_assert_nonnull (dialog);
  due_row = sam_test_child (GTK_WIDGET (dialog), SAM_TYPE_ACTION_DIALOG, "due_on_row");
  g_assert_true (gtk_widget_has_css_class (due_row, "error"));
  g_assert_true (gtk_widget_get_visible (sam_test_child (GTK_WIDGET (dialog), SAM_TYPE_ACTION_DIALOG, "error_label")));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (sam_test_child (GTK_WIDGET (dialog),
                                                                                     SAM_TYPE_ACTION_DIALOG,
                                                                                     "error_label"))),
                                   "Due date:"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sam_test_child (GTK_WIDGET (dialog), SAM_TYPE_ACTION_DIALOG,
                                                                         "description_row"))), ==, ACTION_TEXT);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (due_row)), ==, "2026-13-45");
  g_assert_false (sam_test_holds_text (plan_child (&shown, "plan_list"), ACTION_TEXT));

  sam_test_type (GTK_WIDGET (dialog), SAM_TYPE_ACTION_DIALOG, "due_on_row", due);
  activate (GTK_WIDGET (dialog), "action.save", NULL);
  g_assert_null (dialog);

  g_assert_true (sam_test_shows_text (plan_child (&shown, "plan_list"), ACTION_TEXT));
  g_assert_true (sam_test_shows_text (plan_child (&shown, "plan_list"), "Responsible: " SAM_TEST_SCHOOL));
  g_assert_true (sam_test_shows_text (plan_child (&shown, "plan_list"), "evidence:"));
  edit_goal_through_dialog (fixture, &shown);

  /* The chronology has both. */
  g_assert_true (sam_test_holds_text (page_child (&shown, "chronology_list"), GOAL_TEXT));
  g_assert_true (sam_test_holds_text (page_child (&shown, "chronology_list"), ACTION_TEXT));
}

static guint
count_status_controls (Shown *shown)
{
  g_autoptr(GPtrArray) drop_downs = find_all (plan_child (shown, "plan_list"), GTK_TYPE_DROP_DOWN);

  return drop_downs->len;
}

static void
test_status_by_responsible (Fixture       *fixture,
                            gconstpointer  data)
{
  gint64 action_id = add_plan (fixture);

  {
    g_auto(Shown) shown = show_page (fixture, "school");
    g_autoptr(GPtrArray) drop_downs = NULL;
    GtkDropDown *drop_down;
    GListModel *labels;
    guint ongoing = G_MAXUINT;

    show_view (&shown, "plan");
    g_assert_true (sam_test_shows_text (plan_child (&shown, "plan_list"), ACTION_TEXT));
    g_assert_true (sam_test_shows_text (plan_child (&shown, "plan_list"), SOCIAL_ACTION));
    /* The school manages no plan, and updates only its own action; it
     * may print the plan for the family. */
    g_assert_false (gtk_widget_get_visible (plan_child (&shown, "add_goal_button")));
    g_assert_false (gtk_widget_get_visible (plan_child (&shown, "add_action_button")));
    g_assert_true (gtk_widget_get_visible (plan_child (&shown, "print_button")));
    g_assert_cmpuint (count_status_controls (&shown), ==, 1);

    drop_downs = find_all (plan_child (&shown, "plan_list"), GTK_TYPE_DROP_DOWN);
    drop_down = g_ptr_array_index (drop_downs, 0);
    labels = gtk_drop_down_get_model (drop_down);
    for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (labels), i),
                     sam_plan_action_status_get_label (SAM_PLAN_ACTION_ONGOING)) == 0)
        ongoing = i;
    g_assert_cmpuint (ongoing, <, g_list_model_get_n_items (labels));

    gtk_drop_down_set_selected (drop_down, ongoing);
    sam_test_spin (50);
    g_assert_cmpint (action_status (fixture, action_id), ==, SAM_PLAN_ACTION_ONGOING);
    g_assert_false (gtk_widget_get_visible (plan_child (&shown, "error_label")));
    g_assert_true (sam_test_holds_text (page_child (&shown, "chronology_list"), ACTION_TEXT));

    /* The other views show what the school may see, and no refusal. */
    g_assert_false (gtk_widget_get_visible (follow_ups_child (&shown, "error_label")));
    g_assert_false (gtk_widget_get_visible (mapping_child (&shown, "error_label")));
  }

  {
    g_auto(Shown) shown = show_page (fixture, "school2");

    show_view (&shown, "plan");
    /* Rydsskolan sees the plan, and is responsible for nothing in it. */
    g_assert_true (sam_test_shows_text (plan_child (&shown, "plan_list"), ACTION_TEXT));
    g_assert_cmpuint (count_status_controls (&shown), ==, 0);
    g_assert_false (gtk_widget_get_visible (plan_child (&shown, "add_goal_button")));
    g_assert_false (gtk_widget_get_visible (plan_child (&shown, "add_action_button")));
  }
}

static const char *
chart_summary (Shown *shown)
{
  return sam_factor_chart_get_summary (SAM_FACTOR_CHART (mapping_child (shown, "chart")));
}

static guint
chart_points (Shown *shown)
{
  GPtrArray *series = sam_factor_chart_get_series (SAM_FACTOR_CHART (mapping_child (shown, "chart")));
  guint n = 0;

  for (guint i = 0; series != NULL && i < series->len; i++)
    n += ((SamFactorSeries *) g_ptr_array_index (series, i))->points->len;

  return n;
}

static void
schedule (Shown      *shown,
          const char *date)
{
  sam_test_type (page_child (shown, "follow_ups_view"), SAM_TYPE_CASE_FOLLOW_UPS_VIEW, "due_on_row", date);
  activate (page_child (shown, "follow_ups_view"), "follow-ups.schedule", NULL);
}

static gint64
scheduled_follow_up (Fixture *fixture)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->base.path, "social");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) follow_ups = sam_follow_up_store_list_for_case (social, fixture->case_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (follow_ups->len, ==, 1);
  return ((SamFollowUp *) g_ptr_array_index (follow_ups, 0))->id;
}

static void
hold_through_dialog (Shown  *shown,
                     gint64  follow_up_id)
{
  GtkWindow *dialog;
  SamFactorScoresGroup *scores;
  g_autoptr(GPtrArray) spins = NULL;

  activate (page_child (shown, "follow_ups_view"), "follow-ups.hold", g_variant_new_int64 (follow_up_id));
  dialog = find_toplevel (SAM_TYPE_FOLLOW_UP_DIALOG);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  /* Pre-filled from the first mapping. */
  scores = SAM_FACTOR_SCORES_GROUP (sam_test_child (GTK_WIDGET (dialog), SAM_TYPE_FOLLOW_UP_DIALOG, "scores_group"));
  {
    g_autoptr(GArray) before = sam_factor_scores_group_get_scores (scores);

    g_assert_cmpuint (before->len, ==, 2);
    g_assert_cmpint (g_array_index (before, SamFactorScore, 0).score, ==, 3);
    g_assert_cmpint (g_array_index (before, SamFactorScore, 1).score, ==, 1);
  }
  sam_factor_scores_group_set_score (scores, risk_factor ()->code, 1);
  sam_factor_scores_group_set_score (scores, protective_factor ()->code, 2);

  spins = find_all (sam_test_child (GTK_WIDGET (dialog), SAM_TYPE_FOLLOW_UP_DIALOG, "goals_group"),
                    GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpuint (spins->len, ==, 1);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 0), 3);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (sam_test_child (GTK_WIDGET (dialog),
                                                                                     SAM_TYPE_FOLLOW_UP_DIALOG,
                                                                                     "notes_view"))),
                            FOLLOW_UP_NOTE, -1);

  /* A day in the future is refused at its field; the new scores stay. */
    {
      g_autofree char *today = days_from_today (0);
      g_autoptr(GArray) kept = NULL;
      GtkWidget *held_on = sam_test_child (GTK_WIDGET (dialog), SAM_TYPE_FOLLOW_UP_DIALOG, "held_on_row");

      gtk_editable_set_text (GTK_EDITABLE (held_on), "2099-01-01");
      activate (GTK_WIDGET (dialog), "follow-up.save", NULL);
      g_assert_nonnull (dialog);
      g_assert_true (gtk_widget_has_css_class (held_on, "error"));
      kept = sam_factor_scores_group_get_scores (scores);
      g_assert_cmpint (g_array_index (kept, SamFactorScore, 0).score, ==, 1);
      g_assert_cmpint (g_array_index (kept, SamFactorScore, 1).score, ==, 2);
      gtk_editable_set_text (GTK_EDITABLE (held_on), today);
    }

  activate (GTK_WIDGET (dialog), "follow-up.save", NULL);
  g_assert_null (dialog);
}

static SamCase *
read_case (Fixture *fixture)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->base.path, "social");
  g_autoptr(GError) error = NULL;
  SamCase *current = sam_case_store_get (social, fixture->case_id, &error);

  g_assert_no_error (error);
  return current;
}

static void
test_follow_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *due = days_from_today (-1);
  g_autofree char *heading = g_strdup_printf ("Follow-up due %s", due);
  const SamCatalogueEntry *reason = first_entry (SAM_CATALOGUE_KIND_CLOSING_REASON);
  g_autoptr(SamCase) moved = NULL;
  g_autoptr(SamCase) closed = NULL;
  g_auto(Shown) shown = { 0 };
  GtkWindow *message;

  add_plan (fixture);
  add_mapping (fixture);
  shown = show_page (fixture, "social");

  show_view (&shown, "mapping");
  before = g_strdup_printf ("%s: 3", risk_factor ()->label_en);
  g_assert_nonnull (strstr (chart_summary (&shown), before));
  g_assert_cmpuint (chart_points (&shown), ==, 2);
  g_assert_true (sam_test_shows_text (mapping_child (&shown, "table_grid"), "no change"));

  show_view (&shown, "follow-ups");
  /* A bad date keeps what was typed and says which field. */
  schedule (&shown, "2026-02-30");
  g_assert_true (gtk_widget_get_visible (follow_ups_child (&shown, "error_label")));
  g_assert_true (gtk_widget_has_css_class (follow_ups_child (&shown, "due_on_row"), "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (follow_ups_child (&shown, "due_on_row"))), ==, "2026-02-30");

  schedule (&shown, due);
  g_assert_false (gtk_widget_get_visible (follow_ups_child (&shown, "error_label")));
  g_assert_true (sam_test_shows_text (follow_ups_child (&shown, "follow_ups_list"), heading));
  g_assert_false (gtk_widget_get_visible (follow_ups_child (&shown, "next_step_box")));

  hold_through_dialog (&shown, scheduled_follow_up (fixture));
  g_assert_true (sam_test_shows_text (follow_ups_child (&shown, "follow_ups_list"), FOLLOW_UP_NOTE));
  g_assert_true (sam_test_shows_text (follow_ups_child (&shown, "follow_ups_list"), GOAL_TEXT " — 3 of 4"));

  /* The chart and the table now show the change. */
  show_view (&shown, "mapping");
  after = g_strdup_printf ("%s: 3 → 1", risk_factor ()->label_en);
  g_assert_nonnull (strstr (chart_summary (&shown), after));
  g_assert_cmpuint (chart_points (&shown), ==, 4);
  g_assert_true (sam_test_shows_text (mapping_child (&shown, "table_grid"), "-2, better"));
  g_assert_true (sam_test_shows_text (mapping_child (&shown, "table_grid"), "+1, better"));

  /* Then the case moves on, and is closed with a reason. */
  show_view (&shown, "follow-ups");
  g_assert_true (gtk_widget_get_visible (follow_ups_child (&shown, "next_step_box")));
  activate (page_child (&shown, "follow_ups_view"), "follow-ups.move-to-follow-up", NULL);
  moved = read_case (fixture);
  g_assert_cmpint (moved->status, ==, SAM_CASE_STATUS_FOLLOW_UP);
  g_assert_true (sam_test_holds_text (page_child (&shown, "facts_grid"),
                                      sam_case_status_get_label (SAM_CASE_STATUS_FOLLOW_UP)));
  g_assert_false (gtk_widget_get_visible (follow_ups_child (&shown, "move_button")));

  activate (page_child (&shown, "follow_ups_view"), "follow-ups.close-case", NULL);
  message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (message);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (message), "close");
  sam_test_spin (50);
  closed = read_case (fixture);
  g_assert_cmpint (closed->status, ==, SAM_CASE_STATUS_CLOSED);
  g_assert_cmpstr (closed->closing_reason, ==, reason->code);
  g_assert_false (gtk_widget_get_visible (follow_ups_child (&shown, "next_step_box")));
  g_assert_false (gtk_widget_get_visible (follow_ups_child (&shown, "schedule_box")));
}

static void
test_clear (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(Shown) shown = { 0 };
  GtkWindow *dialog;

  add_plan (fixture);
  add_mapping (fixture);
  shown = show_page (fixture, "social");
  show_view (&shown, "plan");
  activate (page_child (&shown, "plan_view"), "plan.add-goal", NULL);
  dialog = find_toplevel (SAM_TYPE_GOAL_DIALOG);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  sam_test_type (GTK_WIDGET (dialog), SAM_TYPE_GOAL_DIALOG, "description_row", "Draft goal for " GIVEN_NAME);
  g_assert_true (sam_test_holds_text (GTK_WIDGET (shown.page), ACTION_TEXT));
  g_assert_cmpuint (chart_points (&shown), ==, 2);

  sam_case_page_clear (shown.page);
  sam_test_spin (50);

  g_assert_null (dialog);
  g_assert_false (sam_test_holds_text (GTK_WIDGET (shown.page), GOAL_TEXT));
  g_assert_false (sam_test_holds_text (GTK_WIDGET (shown.page), INDICATOR_TEXT));
  g_assert_false (sam_test_holds_text (GTK_WIDGET (shown.page), ACTION_TEXT));
  g_assert_false (sam_test_holds_text (GTK_WIDGET (shown.page), SOCIAL_ACTION));
  g_assert_false (sam_test_holds_text (GTK_WIDGET (shown.page), SAM_TEST_SCHOOL));
  g_assert_false (sam_test_holds_text (GTK_WIDGET (shown.page), fixture->case_number));
  g_assert_false (sam_test_holds_text (GTK_WIDGET (shown.page), risk_factor ()->label_en));
  g_assert_cmpuint (chart_points (&shown), ==, 0);
  g_assert_cmpstr (chart_summary (&shown), ==, "");
}

/* For a screenshot: social services' view of a case with a plan, a held
 * follow-up and two mappings. */
static void
run_screenshot (guint seconds)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  const char *view = g_getenv ("SAM_CASE_WORK_VIEW");
  Fixture fixture = { 0 };
  Shown shown;
  g_autofree char *due = days_from_today (-1);

  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  fixture_set_up (&fixture, NULL);
  add_plan (&fixture);
  add_mapping (&fixture);
  shown = show_page (&fixture, "social");
  gtk_window_maximize (shown.window);
  show_view (&shown, "follow-ups");
  schedule (&shown, due);
  hold_through_dialog (&shown, scheduled_follow_up (&fixture));
  show_view (&shown, view != NULL ? view : "plan");
  sam_test_spin (seconds * 1000);
  shown_clear (&shown);
  fixture_tear_down (&fixture, NULL);
}

int
main (int   argc,
      char *argv[])
{
  const char *screenshot = g_getenv ("SAM_CASE_WORK_SCREENSHOT");

  sam_test_init (&argc, &argv);

  if (screenshot != NULL)
    {
      run_screenshot ((guint) g_ascii_strtoull (screenshot, NULL, 10));
      return 0;
    }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/case-work/plan-dialogs", test_plan_dialogs);
  ADD ("/case-work/status-by-responsible", test_status_by_responsible);
  ADD ("/case-work/follow-up", test_follow_up);
  ADD ("/case-work/clear", test_clear);
#undef ADD

  return g_test_run ();
}
