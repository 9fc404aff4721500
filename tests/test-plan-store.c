/* test-plan-store.c: the joint action plan: validation, the status machine,
 * who writes what, plan changes and audit rows, visibility, the due list
 * and the chronology
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sam-database-private.h"
#include "sam-test-util.h"

typedef struct
{
  SamSession *social;         /* opens the case, so coordinates it */
  SamSession *school;         /* on the case's team */
  SamSession *police;         /* on the case's team */
  SamSession *school2;        /* another school, not on the team */
  SamSession *social2;        /* social services, not on the team */
  SamSession *coordinator;    /* the SSPF coordinator role: every case */
  gint64      person;
  gint64      guardian;
  gint64      case_id;
  gint64      school_agency;
  gint64      social_agency;
  gint64      police_agency;
  gint64      school2_agency;
} World;

static void
set_up (SamTestFixture *fixture,
        gconstpointer   data)
{
  sam_test_fixture_set_up (fixture, data);
  sam_test_populate_sspf (fixture->path);
}

static sqlite3 *
handle_of (SamSession *session)
{
  return _sam_database_get_handle (sam_session_get_database (session));
}

static void
exec_sql (SamSession *session,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (handle_of (session), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

G_GNUC_PRINTF (2, 3)
static gint64
insert (SamSession *session,
        const char *format,
        ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  exec_sql (session, sql);
  return sqlite3_last_insert_rowid (handle_of (session));
}

static gint64
count_rows (SamSession *session,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (session), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

/* Everything a write leaves behind, as one number per table. */
typedef struct
{
  gint64 goals;
  gint64 actions;
  gint64 changes;
  gint64 audit_ok;
} Counts;

static Counts
counts (SamSession *session)
{
  Counts self = {
    .goals = count_rows (session, "SELECT count (*) FROM plan_goals"),
    .actions = count_rows (session, "SELECT count (*) FROM plan_actions"),
    .changes = count_rows (session, "SELECT count (*) FROM plan_changes"),
    .audit_ok = count_rows (session, "SELECT count (*) FROM audit_log WHERE outcome = 'ok'"),
  };

  return self;
}

static void
assert_unchanged (SamSession   *session,
                  const Counts *before)
{
  Counts now = counts (session);

  g_assert_cmpint (now.goals, ==, before->goals);
  g_assert_cmpint (now.actions, ==, before->actions);
  g_assert_cmpint (now.changes, ==, before->changes);
  g_assert_cmpint (now.audit_ok, ==, before->audit_ok);
}

static void
add_to_team (SamSession *social,
             gint64      case_id,
             SamSession *member)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_case_store_add_team_member (social, case_id, sam_session_get_user_id (member),
                                                 &error));
  g_assert_no_error (error);
}

static gint64
open_case (World      *world,
           const char *given_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamCase) self = NULL;
  gint64 person;

  person = insert (world->social,
                   "INSERT INTO persons (given_name, family_name, birth_date, created_at, created_by)"
                   " VALUES ('%s', 'Ros', '2014-06-01', '2026-01-01T00:00:00Z', 1)", given_name);
  self = sam_case_store_create (world->social, person, SAM_PREVENTION_SELECTIVE, NULL, &error);
  g_assert_no_error (error);

  return self->id;
}

/* A case for a twelve-year-old with one guardian, coordinated by social
 * services, with the school and the police on its team. */
static void
world_init (World          *world,
            SamTestFixture *fixture)
{
  world->social = sam_test_unlock_user (fixture->path, "social");
  world->school = sam_test_unlock_user (fixture->path, "school");
  world->police = sam_test_unlock_user (fixture->path, "police");
  world->school2 = sam_test_unlock_user (fixture->path, "school2");
  world->social2 = sam_test_unlock_user (fixture->path, "social2");
  world->coordinator = sam_test_unlock_user (fixture->path, "coordinator");
  world->school_agency = sam_test_agency_id (world->social, SAM_TEST_SCHOOL);
  world->social_agency = sam_test_agency_id (world->social, SAM_TEST_SOCIAL);
  world->police_agency = sam_test_agency_id (world->social, SAM_TEST_POLICE);
  world->school2_agency = sam_test_agency_id (world->social, SAM_TEST_SCHOOL2);

  world->case_id = open_case (world, "Maja");
  world->person = count_rows (world->social, "SELECT person_id FROM cases ORDER BY id DESC LIMIT 1");
  world->guardian = insert (world->social,
                            "INSERT INTO guardians (person_id, name, custody)"
                            " VALUES (%" G_GINT64_FORMAT ", 'Vårdnadshavare', 1)", world->person);
  add_to_team (world->social, world->case_id, world->school);
  add_to_team (world->social, world->case_id, world->police);
}

static void
world_clear (World *world)
{
  g_clear_object (&world->social);
  g_clear_object (&world->school);
  g_clear_object (&world->police);
  g_clear_object (&world->school2);
  g_clear_object (&world->social2);
  g_clear_object (&world->coordinator);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (World, world_clear)

static SamPlanActionDraft
draft_for (SamSession *responsible,
           const char *description)
{
  SamPlanActionDraft draft = {
    .description = description,
    .intervention_code = "mentor",
    .responsible_agency_id = sam_session_get_agency_id (responsible),
    .responsible_user_id = sam_session_get_user_id (responsible),
    .starts_on = "2026-02-01",
    .due_on = "2026-03-01",
  };

  return draft;
}

static SamPlanGoal *
add_goal (SamSession *session,
          gint64      case_id,
          const char *description)
{
  g_autoptr(GError) error = NULL;
  SamPlanGoal *goal = sam_plan_store_add_goal (session, case_id, description,
                                               "Närvaro över 90 % en hel termin", &error);

  g_assert_no_error (error);
  g_assert_nonnull (goal);
  return goal;
}

static SamPlanAction *
add_action (SamSession               *session,
            gint64                    case_id,
            const SamPlanActionDraft *draft)
{
  g_autoptr(GError) error = NULL;
  SamPlanAction *action = sam_plan_store_add_action (session, case_id, draft, &error);

  g_assert_no_error (error);
  g_assert_nonnull (action);
  return action;
}

static void
set_status (SamSession          *session,
            gint64               action_id,
            SamPlanActionStatus  status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_plan_store_set_action_status (session, action_id, status, &error));
  g_assert_no_error (error);
}

/* The error is a field error whose message starts with @field. */
static void
assert_invalid (GError     *error,
                const char *field)
{
  g_autofree char *prefix = g_strconcat (field, ":", NULL);

  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("“%s” does not name the field %s", error->message, field);
}

static SamPlan *
get_plan (SamSession *session,
          gint64      case_id)
{
  g_autoptr(GError) error = NULL;
  SamPlan *plan = sam_plan_store_get (session, case_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static gboolean
has_goal (SamPlan *plan,
          gint64   goal_id)
{
  for (guint i = 0; i < plan->goals->len; i++)
    if (((SamPlanGoal *) g_ptr_array_index (plan->goals, i))->id == goal_id)
      return TRUE;

  return FALSE;
}

static gboolean
has_action (GPtrArray *actions,
            gint64     action_id)
{
  for (guint i = 0; i < actions->len; i++)
    if (((SamPlanAction *) g_ptr_array_index (actions, i))->id == action_id)
      return TRUE;

  return FALSE;
}

static void
record_consent (World        *world,
                const gint64 *agencies,
                guint         n_agencies)
{
  g_autoptr(GError) error = NULL;
  SamConsentDraft draft = {
    .purpose = "Samverkan kring skolgång och fritid",
    .valid_from = "2026-01-01",
    .guardian_ids = &world->guardian,
    .n_guardians = 1,
    .signed_on = "2026-01-01",
    .agency_ids = agencies,
    .n_agencies = n_agencies,
  };

  sam_case_store_record_consent (world->social, world->case_id, &draft, &error);
  g_assert_no_error (error);
}

/* Tests ---------------------------------------------------------------------- */

static void
test_goal_validation (SamTestFixture *fixture,
                      gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamPlanGoal) goal = NULL;
  g_autoptr(SamPlanGoal) updated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *too_long = g_strnfill (2001, 'a');
  Counts before;
  static const struct
  {
    const char *description;
    const char *indicator;
    const char *field;
  } bad[] = {
    { NULL, "Indikator", "Goal" },
    { "   ", "Indikator", "Goal" },
    { "Mål", NULL, "Indicator" },
    { "Mål", "", "Indicator" },
    { "Mål", "Bell \a", "Indicator" },
  };

  world_init (&world, fixture);
  before = counts (world.social);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_null (sam_plan_store_add_goal (world.social, world.case_id, bad[i].description,
                                              bad[i].indicator, &error));
      assert_invalid (error, bad[i].field);
      g_clear_error (&error);
    }
  g_assert_null (sam_plan_store_add_goal (world.social, world.case_id, too_long, "Indikator", &error));
  assert_invalid (error, "Goal");
  g_clear_error (&error);
  g_assert_null (sam_plan_store_add_goal (world.social, world.case_id, "Mål", too_long, &error));
  assert_invalid (error, "Indicator");
  g_clear_error (&error);
  assert_unchanged (world.social, &before);

  /* 2000 characters is allowed, and stored as written. */
  too_long[2000] = '\0';
  goal = add_goal (world.social, world.case_id, too_long);
  g_assert_cmpstr (goal->description, ==, too_long);
  g_assert_cmpstr (goal->indicator, ==, "Närvaro över 90 % en hel termin");
  g_assert_cmpint (goal->case_id, ==, world.case_id);
  g_assert_cmpint (goal->created_by, ==, sam_session_get_user_id (world.social));
  g_assert_cmpstr (goal->created_by_name, ==, "social");
  g_assert_cmpint (goal->agency_id, ==, world.social_agency);
  g_assert_cmpstr (goal->agency_name, ==, SAM_TEST_SOCIAL);
  g_assert_nonnull (goal->created_at);
  g_assert_cmpstr (goal->created_at, ==, goal->updated_at);

  /* Updating validates the same way, and saves nothing on failure. */
  before = counts (world.social);
  g_assert_null (sam_plan_store_update_goal (world.social, goal->id, "Nytt mål", " ", &error));
  assert_invalid (error, "Indicator");
  g_clear_error (&error);
  g_assert_null (sam_plan_store_update_goal (world.social, goal->id + 100, "Nytt mål", "Ny", &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_unchanged (world.social, &before);

  updated = sam_plan_store_update_goal (world.social, goal->id, "Nytt mål", "Ny indikator", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (updated->description, ==, "Nytt mål");
  g_assert_cmpstr (updated->indicator, ==, "Ny indikator");
  g_assert_cmpint (updated->agency_id, ==, world.social_agency);

  /* An unknown case, and a closed one. */
  g_assert_null (sam_plan_store_add_goal (world.social, world.case_id + 100, "Mål", "Ind", &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (sam_case_store_set_status (world.social, world.case_id, SAM_CASE_STATUS_CLOSED,
                                            "other", &error));
  g_assert_no_error (error);
  before = counts (world.social);
  g_assert_null (sam_plan_store_add_goal (world.social, world.case_id, "Mål", "Ind", &error));
  assert_invalid (error, "Case");
  g_clear_error (&error);
  g_assert_null (sam_plan_store_update_goal (world.social, goal->id, "Mål", "Ind", &error));
  assert_invalid (error, "Case");
  g_clear_error (&error);
  assert_unchanged (world.social, &before);
}

static void
test_action_validation (SamTestFixture *fixture,
                        gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamPlanGoal) goal = NULL;
  g_autoptr(SamPlanGoal) other_goal = NULL;
  g_autoptr(SamPlanAction) action = NULL;
  g_autoptr(SamPlanAction) updated = NULL;
  g_autoptr(GError) error = NULL;
  SamPlanActionDraft draft;
  gint64 other_case;
  Counts before;

  world_init (&world, fixture);
  goal = add_goal (world.social, world.case_id, "Gå i skolan");
  other_case = open_case (&world, "Olle");
  other_goal = add_goal (world.social, other_case, "Annat ärendes mål");
  before = counts (world.social);

#define EXPECT_INVALID(field, change) \
  G_STMT_START { \
    draft = draft_for (world.school, "Mentor varje vecka"); \
    draft.goal_id = goal->id; \
    change; \
    g_assert_null (sam_plan_store_add_action (world.social, world.case_id, &draft, &error)); \
    assert_invalid (error, field); \
    g_clear_error (&error); \
  } G_STMT_END

  EXPECT_INVALID ("Goal", draft.goal_id = other_goal->id);
  EXPECT_INVALID ("Goal", draft.goal_id = other_goal->id + 100);
  EXPECT_INVALID ("Action", draft.description = "");
  EXPECT_INVALID ("Action", draft.description = NULL);
  EXPECT_INVALID ("Intervention", draft.intervention_code = NULL);
  EXPECT_INVALID ("Intervention", draft.intervention_code = "astrology");
  EXPECT_INVALID ("Intervention", draft.intervention_code = "school_absence"); /* a risk factor */
  EXPECT_INVALID ("Responsible agency", draft.responsible_agency_id = 0);
  EXPECT_INVALID ("Responsible agency", draft.responsible_agency_id = 9999);
  EXPECT_INVALID ("Responsible person",
                  draft.responsible_user_id = sam_session_get_user_id (world.police));
  EXPECT_INVALID ("Responsible person", draft.responsible_user_id = 9999);
  /* Of the right agency, but not on the team. */
  EXPECT_INVALID ("Responsible person",
                  draft.responsible_agency_id = world.school2_agency;
                  draft.responsible_user_id = sam_session_get_user_id (world.school2));
  EXPECT_INVALID ("Start date", draft.starts_on = NULL);
  EXPECT_INVALID ("Start date", draft.starts_on = "2026-02-30");
  EXPECT_INVALID ("Due date", draft.due_on = "2026-13-01");
  EXPECT_INVALID ("Due date", draft.due_on = "1.3.2026");
  EXPECT_INVALID ("Due date", draft.due_on = "2026-01-31");
  assert_unchanged (world.social, &before);

  /* A valid draft, with the goal, is saved as written. */
  draft = draft_for (world.school, "Mentor varje vecka");
  draft.goal_id = goal->id;
  action = add_action (world.social, world.case_id, &draft);
  g_assert_cmpint (action->case_id, ==, world.case_id);
  g_assert_nonnull (action->case_number);
  g_assert_true (g_str_has_prefix (action->case_number, "SV-"));
  g_assert_cmpint (action->goal_id, ==, goal->id);
  g_assert_cmpstr (action->description, ==, "Mentor varje vecka");
  g_assert_cmpstr (action->intervention_code, ==, "mentor");
  g_assert_cmpstr (action->intervention_label, ==, "Mentor");
  g_assert_cmpint (action->evidence_level, ==, SAM_EVIDENCE_LEVEL_PROMISING);
  g_assert_cmpint (action->responsible_agency_id, ==, world.school_agency);
  g_assert_cmpstr (action->responsible_agency_name, ==, SAM_TEST_SCHOOL);
  g_assert_cmpint (action->responsible_user_id, ==, sam_session_get_user_id (world.school));
  g_assert_cmpstr (action->responsible_user_name, ==, "school");
  g_assert_cmpstr (action->starts_on, ==, "2026-02-01");
  g_assert_cmpstr (action->due_on, ==, "2026-03-01");
  g_assert_cmpint (action->status, ==, SAM_PLAN_ACTION_PLANNED);

  /* Update: the same checks, every field; no goal and no person is fine,
   * and the due date may equal the start. The case's coordinator may be
   * responsible. */
  before = counts (world.social);
  draft.due_on = "2026-01-01";
  g_assert_null (sam_plan_store_update_action (world.social, action->id, &draft, &error));
  assert_invalid (error, "Due date");
  g_clear_error (&error);
  assert_unchanged (world.social, &before);

  draft = draft_for (world.social, "Föräldrastöd");
  draft.intervention_code = "fft";
  draft.due_on = draft.starts_on;
  updated = sam_plan_store_update_action (world.social, action->id, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (updated->goal_id, ==, 0);
  g_assert_cmpstr (updated->description, ==, "Föräldrastöd");
  g_assert_cmpint (updated->evidence_level, ==, SAM_EVIDENCE_LEVEL_ESTABLISHED);
  g_assert_cmpint (updated->responsible_agency_id, ==, world.social_agency);
  g_assert_cmpstr (updated->due_on, ==, "2026-02-01");
  g_clear_pointer (&updated, sam_plan_action_free);

  draft.responsible_user_id = 0;
  updated = sam_plan_store_update_action (world.social, action->id, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (updated->responsible_user_id, ==, 0);
  g_assert_null (updated->responsible_user_name);

  g_assert_null (sam_plan_store_update_action (world.social, action->id + 100, &draft, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An action may keep an intervention the catalogue has retired. */
  exec_sql (world.social, "UPDATE plan_actions SET intervention_code = 'retired_code'");
  g_clear_pointer (&updated, sam_plan_action_free);
  draft.intervention_code = "retired_code";
  updated = sam_plan_store_update_action (world.social, action->id, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (updated->intervention_label, ==, "retired_code");
  g_assert_cmpint (updated->evidence_level, ==, SAM_EVIDENCE_LEVEL_NONE);

#undef EXPECT_INVALID
}

static void
test_status_machine (SamTestFixture *fixture,
                     gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamPlanAction) first = NULL;
  g_autoptr(SamPlanAction) second = NULL;
  g_autoptr(SamPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  SamPlanActionDraft draft;
  SamPlanActionStatus status;
  Counts before;
  static const struct
  {
    SamPlanActionStatus from;
    SamPlanActionStatus to;
    gboolean            allowed;
  } matrix[] = {
    { SAM_PLAN_ACTION_PLANNED, SAM_PLAN_ACTION_ONGOING, TRUE },
    { SAM_PLAN_ACTION_PLANNED, SAM_PLAN_ACTION_DONE, FALSE },
    { SAM_PLAN_ACTION_PLANNED, SAM_PLAN_ACTION_CANCELLED, TRUE },
    { SAM_PLAN_ACTION_ONGOING, SAM_PLAN_ACTION_PLANNED, FALSE },
    { SAM_PLAN_ACTION_ONGOING, SAM_PLAN_ACTION_DONE, TRUE },
    { SAM_PLAN_ACTION_ONGOING, SAM_PLAN_ACTION_CANCELLED, TRUE },
    { SAM_PLAN_ACTION_DONE, SAM_PLAN_ACTION_ONGOING, FALSE },
    { SAM_PLAN_ACTION_DONE, SAM_PLAN_ACTION_CANCELLED, FALSE },
    { SAM_PLAN_ACTION_CANCELLED, SAM_PLAN_ACTION_PLANNED, FALSE },
    { SAM_PLAN_ACTION_CANCELLED, SAM_PLAN_ACTION_DONE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (matrix); i++)
    g_assert_cmpint (sam_plan_action_status_can_change (matrix[i].from, matrix[i].to), ==,
                     matrix[i].allowed);
  for (guint i = 0; i < SAM_N_PLAN_ACTION_STATUSES; i++)
    {
      g_assert_false (sam_plan_action_status_can_change (i, i));
      g_assert_true (sam_plan_action_status_from_string (sam_plan_action_status_to_string (i), &status));
      g_assert_cmpint (status, ==, i);
    }
  g_assert_false (sam_plan_action_status_from_string ("finished", &status));
  g_assert_cmpstr (sam_plan_action_status_to_string (SAM_PLAN_ACTION_CANCELLED), ==, "cancelled");
  g_assert_cmpstr (sam_plan_action_status_get_label (SAM_PLAN_ACTION_DONE), ==, "Done");

  world_init (&world, fixture);
  draft = draft_for (world.school, "Läxhjälp");
  first = add_action (world.social, world.case_id, &draft);
  second = add_action (world.social, world.case_id, &draft);
  before = counts (world.social);

  /* Straight to done is refused, naming the status. */
  g_assert_false (sam_plan_store_set_action_status (world.school, first->id, SAM_PLAN_ACTION_DONE, &error));
  assert_invalid (error, "Status");
  g_assert_nonnull (strstr (error->message, "Planned"));
  g_assert_nonnull (strstr (error->message, "Done"));
  g_clear_error (&error);
  g_assert_false (sam_plan_store_set_action_status (world.school, first->id, SAM_PLAN_ACTION_PLANNED,
                                                    &error));
  assert_invalid (error, "Status");
  g_clear_error (&error);
  g_assert_false (sam_plan_store_set_action_status (world.school, first->id, SAM_N_PLAN_ACTION_STATUSES,
                                                    &error));
  assert_invalid (error, "Status");
  g_clear_error (&error);
  assert_unchanged (world.social, &before);

  set_status (world.school, first->id, SAM_PLAN_ACTION_ONGOING);
  g_assert_false (sam_plan_store_set_action_status (world.school, first->id, SAM_PLAN_ACTION_PLANNED,
                                                    &error));
  assert_invalid (error, "Status");
  g_clear_error (&error);
  set_status (world.school, first->id, SAM_PLAN_ACTION_DONE);
  g_assert_false (sam_plan_store_set_action_status (world.school, first->id, SAM_PLAN_ACTION_CANCELLED,
                                                    &error));
  assert_invalid (error, "Status");
  g_clear_error (&error);

  set_status (world.social, second->id, SAM_PLAN_ACTION_CANCELLED);
  g_assert_false (sam_plan_store_set_action_status (world.social, second->id, SAM_PLAN_ACTION_ONGOING,
                                                    &error));
  assert_invalid (error, "Status");
  g_clear_error (&error);

  plan = get_plan (world.social, world.case_id);
  g_assert_cmpuint (plan->actions->len, ==, 2);
  g_assert_cmpint (((SamPlanAction *) g_ptr_array_index (plan->actions, 0))->status, ==,
                   SAM_PLAN_ACTION_DONE);
  g_assert_cmpint (((SamPlanAction *) g_ptr_array_index (plan->actions, 1))->status, ==,
                   SAM_PLAN_ACTION_CANCELLED);

  g_assert_false (sam_plan_store_set_action_status (world.social, second->id + 100,
                                                    SAM_PLAN_ACTION_ONGOING, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing moves in a closed case. */
  g_clear_pointer (&second, sam_plan_action_free);
  second = add_action (world.social, world.case_id, &draft);
  g_assert_true (sam_case_store_set_status (world.social, world.case_id, SAM_CASE_STATUS_CLOSED,
                                            "other", &error));
  g_assert_no_error (error);
  before = counts (world.social);
  g_assert_false (sam_plan_store_set_action_status (world.school, second->id, SAM_PLAN_ACTION_ONGOING,
                                                    &error));
  assert_invalid (error, "Case");
  g_clear_error (&error);
  g_assert_null (sam_plan_store_update_action (world.social, second->id, &draft, &error));
  assert_invalid (error, "Case");
  g_clear_error (&error);
  assert_unchanged (world.social, &before);
}

static void
assert_denied (GError **error)
{
  g_assert_error (*error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (error);
}

static void
test_who_writes (SamTestFixture *fixture,
                 gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamSession) manager = NULL;
  g_autoptr(SamSession) admin = NULL;
  g_autoptr(SamPlanGoal) goal = NULL;
  g_autoptr(SamPlanGoal) coordinators_goal = NULL;
  g_autoptr(SamPlanAction) school_action = NULL;
  g_autoptr(SamPlanAction) police_action = NULL;
  g_autoptr(SamPlanAction) social_action = NULL;
  g_autoptr(GError) error = NULL;
  SamPlanActionDraft school_draft, police_draft;
  Counts before;
  gint64 denied_before;
  SamSession *outsiders[2];

  world_init (&world, fixture);
  manager = sam_test_unlock_user (fixture->path, "manager");
  admin = sam_test_unlock_admin (fixture->path);
  school_draft = draft_for (world.school, "Mentor");
  police_draft = draft_for (world.police, "Föräldrasamtal");
  police_draft.intervention_code = "worried_parent_conversation";
  goal = add_goal (world.social, world.case_id, "Gå i skolan");
  school_action = add_action (world.social, world.case_id, &school_draft);
  police_action = add_action (world.social, world.case_id, &police_draft);

  /* The SSPF coordinator role manages every case's plan, team or not. */
  coordinators_goal = add_goal (world.coordinator, world.case_id, "Trygg fritid");
  social_action = add_action (world.coordinator, world.case_id, &(SamPlanActionDraft) {
                                .description = "Kontaktperson", .intervention_code = "contact_person",
                                .responsible_agency_id = world.social_agency,
                                .starts_on = "2026-02-01", .due_on = "2026-06-30" });

  before = counts (world.social);
  denied_before = count_rows (world.social, "SELECT count (*) FROM audit_log WHERE outcome = 'denied'");

  /* The school changes nothing but its own actions' status. */
  g_assert_null (sam_plan_store_add_goal (world.school, world.case_id, "Mål", "Ind", &error));
  assert_denied (&error);
  g_assert_null (sam_plan_store_update_goal (world.school, goal->id, "Mål", "Ind", &error));
  assert_denied (&error);
  g_assert_null (sam_plan_store_add_action (world.school, world.case_id, &school_draft, &error));
  assert_denied (&error);
  g_assert_null (sam_plan_store_update_action (world.school, school_action->id, &school_draft, &error));
  assert_denied (&error);
  g_assert_false (sam_plan_store_set_action_status (world.school, police_action->id,
                                                    SAM_PLAN_ACTION_ONGOING, &error));
  assert_denied (&error);
  g_assert_false (sam_plan_store_set_action_status (world.school, social_action->id,
                                                    SAM_PLAN_ACTION_ONGOING, &error));
  assert_denied (&error);

  /* Outside the team: neither another school nor another social worker. */
  outsiders[0] = world.school2;
  outsiders[1] = world.social2;
  for (guint i = 0; i < G_N_ELEMENTS (outsiders); i++)
    {
      g_assert_null (sam_plan_store_add_goal (outsiders[i], world.case_id, "Mål", "Ind", &error));
      assert_denied (&error);
      g_assert_false (sam_plan_store_set_action_status (outsiders[i], school_action->id,
                                                        SAM_PLAN_ACTION_ONGOING, &error));
      assert_denied (&error);
    }

  /* Managers and administrators never. */
  g_assert_null (sam_plan_store_add_goal (manager, world.case_id, "Mål", "Ind", &error));
  assert_denied (&error);
  g_assert_null (sam_plan_store_add_action (admin, world.case_id, &school_draft, &error));
  assert_denied (&error);
  g_assert_false (sam_plan_store_set_action_status (manager, school_action->id,
                                                    SAM_PLAN_ACTION_ONGOING, &error));
  assert_denied (&error);
  g_assert_null (sam_plan_store_get (admin, world.case_id, &error));
  assert_denied (&error);

  /* Every refusal is logged, and nothing was written. */
  assert_unchanged (world.social, &before);
  g_assert_cmpint (count_rows (world.social, "SELECT count (*) FROM audit_log WHERE outcome = 'denied'"),
                   ==, denied_before + 14);

  /* Each agency moves its own action; social services move any. */
  set_status (world.school, school_action->id, SAM_PLAN_ACTION_ONGOING);
  set_status (world.police, police_action->id, SAM_PLAN_ACTION_ONGOING);
  set_status (world.social, school_action->id, SAM_PLAN_ACTION_DONE);
  set_status (world.coordinator, social_action->id, SAM_PLAN_ACTION_CANCELLED);
}

/* The newest audit row: its action, object, reason and case. */
static void
assert_last_audit (SamSession *session,
                   const char *action,
                   const char *object_type,
                   gint64      object_id,
                   const char *reason,
                   gint64      case_id,
                   gint64      person_id,
                   gint64      user_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (session),
                                       "SELECT action, object_type, object_id, reason, case_id,"
                                       " person_id, user_id, outcome FROM audit_log"
                                       " ORDER BY seq DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, action);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, object_type);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 2), ==, object_id);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, reason);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 4), ==, case_id);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 5), ==, person_id);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 6), ==, user_id);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 7), ==, "ok");
}

/* The newest plan change. */
static void
assert_last_change (SamSession *session,
                    gint64      goal_id,
                    gint64      action_id,
                    const char *change,
                    SamSession *writer)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (session),
                                       "SELECT coalesce (goal_id, 0), coalesce (action_id, 0), change,"
                                       " changed_by, agency_id FROM plan_changes"
                                       " ORDER BY id DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, goal_id);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, action_id);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, change);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, sam_session_get_user_id (writer));
  g_assert_cmpint (sqlite3_column_int64 (stmt, 4), ==, sam_session_get_agency_id (writer));
}

static void
assert_one_more (SamSession   *session,
                 const Counts *before,
                 gint64        goals,
                 gint64        actions)
{
  Counts now = counts (session);

  g_assert_cmpint (now.goals, ==, before->goals + goals);
  g_assert_cmpint (now.actions, ==, before->actions + actions);
  g_assert_cmpint (now.changes, ==, before->changes + 1);
  g_assert_cmpint (now.audit_ok, ==, before->audit_ok + 1);
}

static void
test_changes_and_audit (SamTestFixture *fixture,
                        gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamPlanGoal) goal = NULL;
  g_autoptr(SamPlanGoal) updated_goal = NULL;
  g_autoptr(SamPlanAction) action = NULL;
  g_autoptr(SamPlanAction) updated = NULL;
  g_autoptr(GError) error = NULL;
  SamPlanActionDraft draft;
  gint64 social_id, school_id;
  Counts before;

  world_init (&world, fixture);
  social_id = sam_session_get_user_id (world.social);
  school_id = sam_session_get_user_id (world.school);

  before = counts (world.social);
  goal = add_goal (world.social, world.case_id, "Gå i skolan");
  assert_one_more (world.social, &before, 1, 0);
  assert_last_change (world.social, goal->id, 0, "created", world.social);
  assert_last_audit (world.social, "create", "plan_goal", goal->id, "created", world.case_id,
                     world.person, social_id);

  before = counts (world.social);
  updated_goal = sam_plan_store_update_goal (world.social, goal->id, "Gå i skolan varje dag", "Närvaro",
                                             &error);
  g_assert_no_error (error);
  assert_one_more (world.social, &before, 0, 0);
  assert_last_change (world.social, goal->id, 0, "updated", world.social);
  assert_last_audit (world.social, "update", "plan_goal", goal->id, "updated", world.case_id,
                     world.person, social_id);

  before = counts (world.social);
  draft = draft_for (world.school, "Mentor");
  action = add_action (world.social, world.case_id, &draft);
  assert_one_more (world.social, &before, 0, 1);
  assert_last_change (world.social, 0, action->id, "created", world.social);
  assert_last_audit (world.social, "create", "plan_action", action->id, "created", world.case_id,
                     world.person, social_id);

  before = counts (world.social);
  updated = sam_plan_store_update_action (world.social, action->id, &draft, &error);
  g_assert_no_error (error);
  assert_one_more (world.social, &before, 0, 0);
  assert_last_audit (world.social, "update", "plan_action", action->id, "updated", world.case_id,
                     world.person, social_id);

  /* The school's status change is recorded for the school. */
  before = counts (world.social);
  set_status (world.school, action->id, SAM_PLAN_ACTION_ONGOING);
  assert_one_more (world.social, &before, 0, 0);
  assert_last_change (world.social, 0, action->id, "status:ongoing", world.school);
  assert_last_audit (world.social, "update", "plan_action", action->id, "status:ongoing", world.case_id,
                     world.person, school_id);

  /* One transaction: when the plan change cannot be written, neither the
   * action nor its audit row is; when the audit row cannot, nothing is. */
  exec_sql (world.social, "CREATE TEMP TRIGGER refuse_change BEFORE INSERT ON main.plan_changes"
                          " BEGIN SELECT RAISE (ABORT, 'refused'); END");
  before = counts (world.social);
  g_assert_null (sam_plan_store_add_action (world.social, world.case_id, &draft, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (sam_plan_store_set_action_status (world.social, action->id, SAM_PLAN_ACTION_DONE,
                                                    &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  assert_unchanged (world.social, &before);
  exec_sql (world.social, "DROP TRIGGER temp.refuse_change");

  exec_sql (world.social, "CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON main.audit_log"
                          " WHEN NEW.object_type IN ('plan_goal', 'plan_action')"
                          " BEGIN SELECT RAISE (ABORT, 'refused'); END");
  g_assert_null (sam_plan_store_add_goal (world.social, world.case_id, "Mål", "Ind", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (sam_plan_store_set_action_status (world.social, action->id, SAM_PLAN_ACTION_DONE,
                                                    &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  assert_unchanged (world.social, &before);
  g_assert_cmpint (count_rows (world.social, "SELECT count (*) FROM plan_actions WHERE status = 'ongoing'"),
                   ==, 1);
  exec_sql (world.social, "DROP TRIGGER temp.refuse_audit");

  /* No text in the log. */
  g_assert_cmpint (count_rows (world.social,
                               "SELECT count (*) FROM audit_log WHERE instr (coalesce (reason, ''),"
                               " 'Mentor') > 0 OR instr (coalesce (reason, ''), 'skolan') > 0"), ==, 0);
}

static void
test_visibility (SamTestFixture *fixture,
                 gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamPlanGoal) goal = NULL;
  g_autoptr(SamPlanAction) school_action = NULL;
  g_autoptr(SamPlanAction) police_action = NULL;
  g_autoptr(SamPlanAction) social_action = NULL;
  g_autoptr(SamPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  SamPlanActionDraft draft;
  gint64 agencies[2];
  gint64 before;

  world_init (&world, fixture);
  goal = add_goal (world.social, world.case_id, "Gå i skolan");
  draft = draft_for (world.school, "Mentor");
  draft.goal_id = goal->id;
  draft.starts_on = "2026-02-03";
  school_action = add_action (world.social, world.case_id, &draft);
  draft = draft_for (world.police, "Föräldrasamtal");
  draft.starts_on = "2026-02-02";
  police_action = add_action (world.social, world.case_id, &draft);
  draft = draft_for (world.social, "Kontaktperson");
  draft.starts_on = "2026-02-01";
  social_action = add_action (world.social, world.case_id, &draft);

  /* No consent: each agency sees its own actions; social services also
   * see what they wrote. */
  plan = get_plan (world.school, world.case_id);
  g_assert_cmpuint (plan->goals->len, ==, 0);
  g_assert_cmpuint (plan->actions->len, ==, 1);
  g_assert_true (has_action (plan->actions, school_action->id));
  g_assert_cmpint (((SamPlanAction *) g_ptr_array_index (plan->actions, 0))->goal_id, ==, goal->id);
  g_clear_pointer (&plan, sam_plan_free);

  plan = get_plan (world.police, world.case_id);
  g_assert_cmpuint (plan->goals->len, ==, 0);
  g_assert_cmpuint (plan->actions->len, ==, 1);
  g_assert_true (has_action (plan->actions, police_action->id));
  g_clear_pointer (&plan, sam_plan_free);

  before = count_rows (world.social, "SELECT count (*) FROM audit_log");
  plan = get_plan (world.social, world.case_id);
  g_assert_true (has_goal (plan, goal->id));
  g_assert_cmpuint (plan->actions->len, ==, 3);
  /* By start date. */
  g_assert_cmpint (((SamPlanAction *) g_ptr_array_index (plan->actions, 0))->id, ==, social_action->id);
  g_assert_cmpint (((SamPlanAction *) g_ptr_array_index (plan->actions, 2))->id, ==, school_action->id);
  g_clear_pointer (&plan, sam_plan_free);
  g_assert_cmpint (count_rows (world.social, "SELECT count (*) FROM audit_log"), ==, before + 1);
  assert_last_audit (world.social, "view", "plan", world.case_id, "count:4", world.case_id,
                     world.person, sam_session_get_user_id (world.social));

  /* Consent covering the school and social services opens their items to
   * each other, the police's action included, since social services wrote
   * it. The police, not covered, still see only their own. */
  agencies[0] = world.school_agency;
  agencies[1] = world.social_agency;
  record_consent (&world, agencies, 2);
  plan = get_plan (world.school, world.case_id);
  g_assert_true (has_goal (plan, goal->id));
  g_assert_cmpuint (plan->actions->len, ==, 3);
  g_clear_pointer (&plan, sam_plan_free);

  plan = get_plan (world.police, world.case_id);
  g_assert_cmpuint (plan->goals->len, ==, 0);
  g_assert_cmpuint (plan->actions->len, ==, 1);
  g_clear_pointer (&plan, sam_plan_free);

  /* Off the team: refused and logged. Unknown case: not found. */
  g_assert_null (sam_plan_store_get (world.school2, world.case_id, &error));
  assert_denied (&error);
  g_assert_null (sam_plan_store_get (world.social2, world.case_id, &error));
  assert_denied (&error);
  g_assert_null (sam_plan_store_get (world.social, world.case_id + 100, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  plan = get_plan (world.coordinator, world.case_id);
  g_assert_cmpuint (plan->goals->len, ==, 1);
  g_assert_cmpuint (plan->actions->len, ==, 3);
}

static GPtrArray *
due (SamSession *session,
     const char *before_date,
     guint       limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *actions = sam_plan_store_list_due_actions (session, before_date, limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (actions);
  return actions;
}

static void
test_due (SamTestFixture *fixture,
          gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamSession) manager = NULL;
  g_autoptr(SamPlanAction) school_action = NULL;
  g_autoptr(SamPlanAction) police_action = NULL;
  g_autoptr(SamPlanAction) done_action = NULL;
  g_autoptr(SamPlanAction) other_action = NULL;
  g_autoptr(SamPlanAction) closed_action = NULL;
  g_autoptr(SamCase) other_case = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GError) error = NULL;
  SamPlanActionDraft draft;
  gint64 other_id, closed_id;
  SamPlanAction *first;

  world_init (&world, fixture);
  manager = sam_test_unlock_user (fixture->path, "manager");

  draft = draft_for (world.school, "Mentor");
  draft.starts_on = "2026-01-01";
  draft.due_on = "2026-01-10";
  school_action = add_action (world.social, world.case_id, &draft);
  draft = draft_for (world.police, "Föräldrasamtal");
  draft.starts_on = "2026-01-01";
  draft.due_on = "2026-02-01";
  police_action = add_action (world.social, world.case_id, &draft);
  set_status (world.police, police_action->id, SAM_PLAN_ACTION_ONGOING);
  draft.due_on = "2026-01-05";
  done_action = add_action (world.social, world.case_id, &draft);
  set_status (world.police, done_action->id, SAM_PLAN_ACTION_ONGOING);
  set_status (world.police, done_action->id, SAM_PLAN_ACTION_DONE);
  draft.due_on = "2026-06-01";
  sam_plan_action_free (add_action (world.social, world.case_id, &draft));   /* not due yet */

  /* Another case, social2's alone, and a closed one. */
  other_id = open_case (&world, "Olle");
  add_to_team (world.social, other_id, world.social2);
  draft = draft_for (world.social2, "Kontaktperson");
  draft.due_on = "2026-02-15";
  other_action = add_action (world.social, other_id, &draft);
  closed_id = open_case (&world, "Kim");
  draft = draft_for (world.social, "Avslutat");
  draft.due_on = "2026-02-15";
  closed_action = add_action (world.social, closed_id, &draft);
  g_assert_true (sam_case_store_set_status (world.social, closed_id, SAM_CASE_STATUS_CLOSED, "other",
                                            &error));
  g_assert_no_error (error);

  /* The school: only its own action, with the case number. */
  actions = due (world.school, "2026-03-01", 0);
  g_assert_cmpuint (actions->len, ==, 1);
  first = g_ptr_array_index (actions, 0);
  g_assert_cmpint (first->id, ==, school_action->id);
  g_assert_cmpstr (first->case_number, ==, school_action->case_number);
  g_assert_cmpstr (first->due_on, ==, "2026-01-10");
  g_clear_pointer (&actions, g_ptr_array_unref);
  assert_last_audit (world.school, "search", "plan_due", 0, "count:1", 0, 0,
                     sam_session_get_user_id (world.school));

  /* Social services: every case they are on, earliest due first; done and
   * not yet due left out; before is strict. */
  actions = due (world.social, "2026-03-01", 0);
  g_assert_cmpuint (actions->len, ==, 3);
  g_assert_cmpint (((SamPlanAction *) g_ptr_array_index (actions, 0))->id, ==, school_action->id);
  g_assert_cmpint (((SamPlanAction *) g_ptr_array_index (actions, 1))->id, ==, police_action->id);
  g_assert_cmpint (((SamPlanAction *) g_ptr_array_index (actions, 2))->id, ==, other_action->id);
  g_assert_false (has_action (actions, closed_action->id));
  g_clear_pointer (&actions, g_ptr_array_unref);

  actions = due (world.social, "2026-02-01", 0);
  g_assert_cmpuint (actions->len, ==, 1);
  g_clear_pointer (&actions, g_ptr_array_unref);
  actions = due (world.social, "2026-03-01", 2);
  g_assert_cmpuint (actions->len, ==, 2);
  g_clear_pointer (&actions, g_ptr_array_unref);

  /* social2 is on the other case only; the coordinator role sees all. */
  actions = due (world.social2, "2026-03-01", 0);
  g_assert_cmpuint (actions->len, ==, 1);
  g_assert_true (has_action (actions, other_action->id));
  g_clear_pointer (&actions, g_ptr_array_unref);
  actions = due (world.coordinator, "2026-03-01", 0);
  g_assert_cmpuint (actions->len, ==, 3);
  g_clear_pointer (&actions, g_ptr_array_unref);
  actions = due (world.school2, "2026-03-01", 0);
  g_assert_cmpuint (actions->len, ==, 0);
  g_clear_pointer (&actions, g_ptr_array_unref);

  g_assert_null (sam_plan_store_list_due_actions (world.social, "2026-02-30", 0, &error));
  assert_invalid (error, "Due before");
  g_clear_error (&error);
  g_assert_null (sam_plan_store_list_due_actions (manager, "2026-03-01", 0, &error));
  assert_denied (&error);
}

static const SamChronologyItem *
find_plan_item (GPtrArray  *items,
                const char *text)
{
  for (guint i = 0; i < items->len; i++)
    {
      const SamChronologyItem *item = g_ptr_array_index (items, i);

      if (item->kind == SAM_CHRONOLOGY_PLAN_CHANGED && g_strcmp0 (item->text, text) == 0)
        return item;
    }

  return NULL;
}

static guint
count_plan_items (GPtrArray *items)
{
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    n += ((SamChronologyItem *) g_ptr_array_index (items, i))->kind == SAM_CHRONOLOGY_PLAN_CHANGED;

  return n;
}

static void
test_chronology (SamTestFixture *fixture,
                 gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamPlanGoal) goal = NULL;
  g_autoptr(SamPlanAction) school_action = NULL;
  g_autoptr(SamPlanAction) police_action = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  const SamChronologyItem *item;
  SamPlanActionDraft draft;
  gint64 goal_id;

  world_init (&world, fixture);
  goal = add_goal (world.social, world.case_id, "Gå i skolan");
  draft = draft_for (world.school, "Mentor varje vecka");
  school_action = add_action (world.social, world.case_id, &draft);
  draft = draft_for (world.police, "Föräldrasamtal");
  police_action = add_action (world.social, world.case_id, &draft);
  set_status (world.school, school_action->id, SAM_PLAN_ACTION_ONGOING);

  g_assert_cmpstr (sam_chronology_kind_to_string (SAM_CHRONOLOGY_PLAN_CHANGED), ==, "plan_changed");
  g_assert_cmpstr (sam_chronology_kind_get_title (SAM_CHRONOLOGY_PLAN_CHANGED), ==, "Plan changed");

  items = sam_chronology_for_case (world.social, world.case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_plan_items (items), ==, 4);
  item = find_plan_item (items, "Goal added: Gå i skolan");
  g_assert_nonnull (item);
  g_assert_cmpstr (item->title, ==, "Plan changed");
  g_assert_cmpstr (item->author_name, ==, "social");
  g_assert_cmpint (item->agency_id, ==, world.social_agency);
  g_assert_cmpstr (item->agency_name, ==, SAM_TEST_SOCIAL);
  g_assert_nonnull (item->time);
  g_assert_nonnull (find_plan_item (items, "Action added: Mentor varje vecka"));
  g_assert_nonnull (find_plan_item (items, "Action added: Föräldrasamtal"));
  item = find_plan_item (items, "Action status: Ongoing — Mentor varje vecka");
  g_assert_nonnull (item);
  g_assert_cmpint (item->author_id, ==, sam_session_get_user_id (world.school));
  g_assert_cmpstr (item->agency_name, ==, SAM_TEST_SCHOOL);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* The school, without consent: its own action's changes only. */
  items = sam_chronology_for_case (world.school, world.case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_plan_items (items), ==, 2);
  g_assert_nonnull (find_plan_item (items, "Action added: Mentor varje vecka"));
  g_assert_nonnull (find_plan_item (items, "Action status: Ongoing — Mentor varje vecka"));
  g_assert_null (find_plan_item (items, "Goal added: Gå i skolan"));
  g_clear_pointer (&items, g_ptr_array_unref);

  items = sam_chronology_for_case (world.police, world.case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_plan_items (items), ==, 1);
  g_assert_nonnull (find_plan_item (items, "Action added: Föräldrasamtal"));
  g_clear_pointer (&items, g_ptr_array_unref);

  /* An edited goal shows as changed, with its text as it reads now. */
  goal_id = goal->id;
  g_clear_pointer (&goal, sam_plan_goal_free);
  goal = sam_plan_store_update_goal (world.social, goal_id, "Gå i skolan varje dag", "Närvaro", &error);
  g_assert_no_error (error);
  items = sam_chronology_for_case (world.coordinator, world.case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_plan_items (items), ==, 5);
  g_assert_nonnull (find_plan_item (items, "Goal changed: Gå i skolan varje dag"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (sam_security_init (NULL));

#define ADD(path, func) \
  g_test_add (path, SamTestFixture, NULL, set_up, func, sam_test_fixture_tear_down)

  ADD ("/plan-store/goal-validation", test_goal_validation);
  ADD ("/plan-store/action-validation", test_action_validation);
  ADD ("/plan-store/status-machine", test_status_machine);
  ADD ("/plan-store/who-writes", test_who_writes);
  ADD ("/plan-store/changes-and-audit", test_changes_and_audit);
  ADD ("/plan-store/visibility", test_visibility);
  ADD ("/plan-store/due", test_due);
  ADD ("/plan-store/chronology", test_chronology);

#undef ADD

  return g_test_run ();
}
