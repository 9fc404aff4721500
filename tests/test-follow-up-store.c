/* test-follow-up-store.c: scheduling, holding and cancelling follow-ups
 *
 * Plan goals belong to the plan store; here they are made with SQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-factor-world.h"

#define RISK(code, score)       { SAM_CATALOGUE_KIND_RISK_FACTOR, code, NULL, score }
#define PROTECTIVE(code, score) { SAM_CATALOGUE_KIND_PROTECTIVE_FACTOR, code, NULL, score }

static gint64
schedule (SamSession *session,
          gint64      case_id,
          const char *due_on)
{
  g_autoptr(GError) error = NULL;
  gint64 id = sam_follow_up_store_schedule (session, case_id, due_on, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_goal (SamSession *author,
          gint64      case_id,
          const char *description)
{
  return insert (author,
                 "INSERT INTO plan_goals (case_id, description, indicator, created_by, agency_id,"
                 " created_at, updated_at) VALUES (%" G_GINT64_FORMAT ", '%s', 'Indikator',"
                 " %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", '2026-01-20T10:00:00Z',"
                 " '2026-01-20T10:00:00Z')",
                 case_id, description, sam_session_get_user_id (author),
                 sam_session_get_agency_id (author));
}

static GPtrArray *
list_for_case (SamSession *session,
               gint64      case_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *follow_ups = sam_follow_up_store_list_for_case (session, case_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (follow_ups);
  return follow_ups;
}

static SamFollowUp *
get (SamSession *session,
     gint64      id)
{
  g_autoptr(GError) error = NULL;
  SamFollowUp *follow_up = sam_follow_up_store_get (session, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (follow_up);
  return follow_up;
}

static void
hold (SamSession *session,
      gint64      id,
      const char *held_on)
{
  g_autoptr(GError) error = NULL;
  SamFollowUpHoldDraft draft = { .held_on = held_on };

  g_assert_true (sam_follow_up_store_hold (session, id, &draft, &error));
  g_assert_no_error (error);
}

static gint64
audit_rows (SamSession *session)
{
  return count_rows (session, "SELECT count(*) FROM audit_log");
}

/* Tests ---------------------------------------------------------------------- */

static void
test_schedule (SamTestFixture *fixture,
               gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SamFollowUp) follow_up = NULL;
  const char *bad_dates[] = { NULL, "", "2026-13-01", "2026-02-29", "1 mars", "2026-3-1" };
  gint64 id;

  world_init (&world, fixture, FALSE);

  /* Awaiting consent: not yet. */
  g_assert_cmpint (sam_follow_up_store_schedule (world.social, world.case_id, "2026-06-01",
                                                 &error), ==, 0);
  assert_invalid (error, "Case");
  g_clear_error (&error);

  world.consent = activate_case (world.social, world.case_id, world.guardian,
                                 sam_session_get_agency_id (world.school));

  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      g_assert_cmpint (sam_follow_up_store_schedule (world.social, world.case_id, bad_dates[i],
                                                     &error), ==, 0);
      assert_invalid (error, "Due date");
      g_clear_error (&error);
    }
  g_assert_cmpint (count_rows (world.social, "SELECT count(*) FROM follow_ups"), ==, 0);

  id = schedule (world.social, world.case_id, "2026-06-01");
  follow_up = get (world.social, id);
  g_assert_cmpint (follow_up->case_id, ==, world.case_id);
  g_assert_true (g_str_has_prefix (follow_up->case_number, "SV-"));
  g_assert_cmpstr (follow_up->due_on, ==, "2026-06-01");
  g_assert_cmpint (follow_up->status, ==, SAM_FOLLOW_UP_STATUS_SCHEDULED);
  g_assert_null (follow_up->held_on);
  g_assert_null (follow_up->notes);
  g_assert_cmpint (follow_up->mapping_id, ==, 0);
  g_assert_cmpuint (follow_up->attainment->len, ==, 0);
  g_assert_cmpint (follow_up->created_by, ==, sam_session_get_user_id (world.social));
  g_assert_cmpstr (follow_up->agency_name, ==, SAM_TEST_SOCIAL);
  g_assert_cmpint (follow_up->held_by, ==, 0);
  g_assert_null (follow_up->held_by_name);
  g_assert_cmpint (count_rows (world.social,
                               "SELECT count(*) FROM audit_log WHERE action = 'create'"
                               " AND object_type = 'follow_up' AND object_id = %" G_GINT64_FORMAT
                               " AND person_id = %" G_GINT64_FORMAT, id, world.person), ==, 1);

  /* Not twice on one day; a case in follow-up still takes new ones. */
  g_assert_cmpint (sam_follow_up_store_schedule (world.social, world.case_id, "2026-06-01",
                                                 &error), ==, 0);
  assert_invalid (error, "Due date");
  g_clear_error (&error);
  g_assert_true (sam_case_store_set_status (world.social, world.case_id, SAM_CASE_STATUS_FOLLOW_UP,
                                            NULL, &error));
  g_assert_no_error (error);
  schedule (world.coordinator, world.case_id, "2026-09-01");

  /* A closed case: never. */
  g_assert_true (sam_case_store_set_status (world.social, world.case_id, SAM_CASE_STATUS_CLOSED,
                                            "goals_met", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sam_follow_up_store_schedule (world.social, world.case_id, "2026-12-01",
                                                 &error), ==, 0);
  assert_invalid (error, "Case");
  g_assert_cmpint (count_rows (world.social, "SELECT count(*) FROM follow_ups"), ==, 2);
}

static void
test_refused (SamTestFixture *fixture,
              gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamSession) manager = NULL;
  g_autoptr(SamSession) admin = NULL;
  SamSession *others[4];
  gint64 id;

  world_init (&world, fixture, TRUE);
  manager = sam_test_unlock_user (fixture->path, "manager");
  admin = sam_test_unlock_admin (fixture->path);
  others[0] = world.school;
  others[1] = world.social2;
  others[2] = manager;
  others[3] = admin;
  id = schedule (world.social, world.case_id, "2026-06-01");

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr(GError) error = NULL;
      SamFollowUpHoldDraft draft = { .held_on = "2026-06-01" };

      g_test_message ("refused %u", i);
      g_assert_cmpint (sam_follow_up_store_schedule (others[i], world.case_id, "2026-07-01",
                                                     &error), ==, 0);
      assert_denied (error);
      g_clear_error (&error);
      g_assert_false (sam_follow_up_store_hold (others[i], id, &draft, &error));
      assert_denied (error);
      g_clear_error (&error);
      g_assert_false (sam_follow_up_store_cancel (others[i], id, &error));
      assert_denied (error);
    }

  /* Managers and administrators read nothing, not even the reminders. */
  {
    SamSession *readers[] = { manager, admin };

    for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) due = sam_follow_up_store_list_due (readers[i], "2027-01-01", 0,
                                                                 &error);
        g_autoptr(GPtrArray) listed = NULL;
        g_autoptr(SamFollowUp) one = NULL;

        assert_denied (error);
        g_assert_null (due);
        g_clear_error (&error);
        listed = sam_follow_up_store_list_for_case (readers[i], world.case_id, &error);
        assert_denied (error);
        g_assert_null (listed);
        g_clear_error (&error);
        one = sam_follow_up_store_get (readers[i], id, &error);
        assert_denied (error);
        g_assert_null (one);
      }
  }

  g_assert_cmpint (count_rows (world.social, "SELECT count(*) FROM follow_ups"), ==, 1);
  g_assert_cmpint (count_rows (world.social, "SELECT count(*) FROM follow_ups"
                               " WHERE status = 'scheduled'"), ==, 1);

  /* An unknown follow-up is not found, for someone who may manage them. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (sam_follow_up_store_cancel (world.social, id + 100, &error));
    g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND);
  }
}

static void
test_state_machine (SamTestFixture *fixture,
                    gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GError) error = NULL;
  SamFollowUpHoldDraft draft = { .held_on = "2026-06-02" };
  gint64 held, cancelled;

  world_init (&world, fixture, TRUE);
  held = schedule (world.social, world.case_id, "2026-06-01");
  cancelled = schedule (world.social, world.case_id, "2026-09-01");

  hold (world.social, held, "2026-06-02");
  g_assert_false (sam_follow_up_store_hold (world.social, held, &draft, &error));
  assert_invalid (error, "Status");
  g_clear_error (&error);
  g_assert_false (sam_follow_up_store_cancel (world.social, held, &error));
  assert_invalid (error, "Status");
  g_clear_error (&error);

  g_assert_true (sam_follow_up_store_cancel (world.social, cancelled, &error));
  g_assert_no_error (error);
  g_assert_false (sam_follow_up_store_cancel (world.social, cancelled, &error));
  assert_invalid (error, "Status");
  g_clear_error (&error);
  g_assert_false (sam_follow_up_store_hold (world.social, cancelled, &draft, &error));
  assert_invalid (error, "Status");
  g_clear_error (&error);

  {
    g_autoptr(SamFollowUp) a = get (world.social, held);
    g_autoptr(SamFollowUp) b = get (world.social, cancelled);

    g_assert_cmpint (a->status, ==, SAM_FOLLOW_UP_STATUS_HELD);
    g_assert_cmpstr (a->held_on, ==, "2026-06-02");
    g_assert_cmpint (a->held_by, ==, sam_session_get_user_id (world.social));
    g_assert_nonnull (a->held_by_name);
    g_assert_cmpint (b->status, ==, SAM_FOLLOW_UP_STATUS_CANCELLED);
    g_assert_null (b->held_on);
  }

  g_assert_cmpint (count_rows (world.social,
                               "SELECT count(*) FROM audit_log WHERE action = 'update'"
                               " AND object_type = 'follow_up' AND reason = 'status:cancelled'"),
                   ==, 1);

  /* The statuses' names. */
  for (guint i = 0; i < SAM_N_FOLLOW_UP_STATUSES; i++)
    {
      SamFollowUpStatus status;

      g_assert_true (sam_follow_up_status_from_string (sam_follow_up_status_to_string (i), &status));
      g_assert_cmpint (status, ==, i);
      g_assert_nonnull (sam_follow_up_status_get_label (i));
    }
  g_assert_cmpstr (sam_follow_up_status_to_string (SAM_FOLLOW_UP_STATUS_HELD), ==, "held");
  g_assert_false (sam_follow_up_status_from_string ("planned", &(SamFollowUpStatus) { 0 }));

  /* A closed case's follow-up can be cancelled, not held. */
  {
    gint64 late = schedule (world.social, world.case_id, "2026-10-01");
    gint64 tidy = schedule (world.social, world.case_id, "2026-10-02");

    g_assert_true (sam_case_store_set_status (world.social, world.case_id, SAM_CASE_STATUS_CLOSED,
                                              "moved", &error));
    g_assert_no_error (error);
    g_assert_false (sam_follow_up_store_hold (world.social, late, &draft, &error));
    assert_invalid (error, "Case");
    g_clear_error (&error);
    g_assert_true (sam_follow_up_store_cancel (world.social, tidy, &error));
    g_assert_no_error (error);
  }
}

static void
test_hold (SamTestFixture *fixture,
           gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SamFollowUp) follow_up = NULL;
  const SamFactorScore scores[] = { RISK ("school_absence", 1), PROTECTIVE ("trusted_adult", 3) };
  const SamFactorScore before[] = { RISK ("school_absence", 3) };
  gint64 goal_a, goal_b, id;
  SamGoalAttainment attainment[2];
  SamFollowUpHoldDraft draft = {
    .held_on = "2026-06-03",
    .notes = "Närvaron har blivit bättre.",
    .scores = scores,
    .n_scores = G_N_ELEMENTS (scores),
    .attainment = attainment,
    .n_attainment = G_N_ELEMENTS (attainment),
  };
  const SamGoalAttainment *rated;

  world_init (&world, fixture, TRUE);
  goal_a = add_goal (world.social, world.case_id, "Går i skolan varje dag");
  goal_b = add_goal (world.social, world.case_id, "Har en fritidsaktivitet");
  attainment[0] = (SamGoalAttainment) { .goal_id = goal_b, .attainment = 4 };
  attainment[1] = (SamGoalAttainment) { .goal_id = goal_a, .attainment = 0 };
  g_assert_cmpint (sam_mapping_store_record (world.social, world.case_id, "2026-01-20", NULL,
                                             before, 1, &error), >, 0);
  g_assert_no_error (error);

  id = schedule (world.social, world.case_id, "2026-06-01");
  g_assert_true (sam_follow_up_store_hold (world.social, id, &draft, &error));
  g_assert_no_error (error);

  follow_up = get (world.social, id);
  g_assert_cmpint (follow_up->status, ==, SAM_FOLLOW_UP_STATUS_HELD);
  g_assert_cmpstr (follow_up->held_on, ==, "2026-06-03");
  g_assert_cmpstr (follow_up->notes, ==, "Närvaron har blivit bättre.");
  g_assert_cmpint (follow_up->mapping_id, >, 0);
  g_assert_cmpuint (follow_up->attainment->len, ==, 2);
  rated = &g_array_index (follow_up->attainment, SamGoalAttainment, 0);
  g_assert_cmpint (rated->goal_id, ==, goal_a);
  g_assert_cmpstr (rated->goal_description, ==, "Går i skolan varje dag");
  g_assert_cmpint (rated->attainment, ==, 0);
  rated = &g_array_index (follow_up->attainment, SamGoalAttainment, 1);
  g_assert_cmpint (rated->goal_id, ==, goal_b);
  g_assert_cmpint (rated->attainment, ==, 4);

  /* The re-scoring is a mapping of the held day, linked both ways. */
  {
    g_autoptr(GPtrArray) mappings = sam_mapping_store_list (world.social, world.case_id, &error);
    g_autoptr(GPtrArray) series = NULL;
    const SamMapping *latest;
    int change = 0;

    g_assert_no_error (error);
    g_assert_cmpuint (mappings->len, ==, 2);
    latest = g_ptr_array_index (mappings, 1);
    g_assert_cmpint (latest->id, ==, follow_up->mapping_id);
    g_assert_cmpint (latest->follow_up_id, ==, id);
    g_assert_cmpstr (latest->scored_on, ==, "2026-06-03");
    g_assert_null (latest->comment);
    g_assert_cmpuint (latest->scores->len, ==, 2);

    series = sam_mapping_store_get_series (world.social, world.case_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (((SamFactorSeries *) g_ptr_array_index (series, 0))->code, ==, "school_absence");
    g_assert_true (sam_factor_series_get_change (g_ptr_array_index (series, 0), NULL, NULL, &change));
    g_assert_cmpint (change, ==, -2);
  }

  g_assert_cmpint (count_rows (world.social,
                               "SELECT count(*) FROM audit_log WHERE action = 'update'"
                               " AND object_type = 'follow_up' AND reason = 'status:held'"
                               " AND object_id = %" G_GINT64_FORMAT " AND person_id = %" G_GINT64_FORMAT,
                               id, world.person), ==, 1);
  g_assert_cmpint (count_rows (world.social,
                               "SELECT count(*) FROM audit_log WHERE action = 'create'"
                               " AND object_type = 'mapping' AND reason = 'follow_up'"
                               " AND object_id = %" G_GINT64_FORMAT, follow_up->mapping_id), ==, 1);
  g_assert_cmpint (count_rows (world.social,
                               "SELECT count(*) FROM audit_log WHERE instr (coalesce (reason, ''),"
                               " 'Närvaron') > 0"), ==, 0);

  /* Held without re-scoring or ratings: no mapping. */
  {
    g_autoptr(SamFollowUp) plain = NULL;
    gint64 second = schedule (world.social, world.case_id, "2026-09-01");

    hold (world.social, second, "2026-09-01");
    plain = get (world.social, second);
    g_assert_cmpint (plain->mapping_id, ==, 0);
    g_assert_null (plain->notes);
    g_assert_cmpuint (plain->attainment->len, ==, 0);
    g_assert_cmpint (count_rows (world.social, "SELECT count(*) FROM mappings"), ==, 2);
  }
}

typedef struct
{
  const char *field;
  const char *held_on;
  const char *notes;
  guint       n_scores;       /* of the bad or good scores */
  gboolean    bad_scores;
  int         attainment;
  gboolean    twice;
  gboolean    foreign_goal;
} BadHold;

static void
test_atomic (SamTestFixture *fixture,
             gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autofree char *tomorrow = date_from_today (1);
  g_autofree char *long_notes = g_strnfill (SAM_LONG_TEXT_MAX_CHARS + 1, 'n');
  const SamFactorScore good[] = { RISK ("school_absence", 1) };
  const SamFactorScore bad[] = { RISK ("school_absence", 5) };
  gint64 goal, other_goal, id, other_case, other_guardian, audit_before;
  const BadHold holds[] = {
    { "Held on", NULL, NULL, 1, FALSE, 2, FALSE, FALSE },
    { "Held on", "2026-06-31", NULL, 1, FALSE, 2, FALSE, FALSE },
    { "Held on", tomorrow, NULL, 1, FALSE, 2, FALSE, FALSE },
    { "Notes", "2026-06-03", long_notes, 1, FALSE, 2, FALSE, FALSE },
    { "School absence", "2026-06-03", NULL, 1, TRUE, 2, FALSE, FALSE },
    { "Goal attainment", "2026-06-03", NULL, 1, FALSE, 5, FALSE, FALSE },
    { "Goal attainment", "2026-06-03", NULL, 1, FALSE, -1, FALSE, FALSE },
    { "Goal attainment", "2026-06-03", NULL, 1, FALSE, 2, TRUE, FALSE },
    /* Checked only as the ratings are written, after the mapping: the
     * whole hold must roll back. */
    { "Goal attainment", "2026-06-03", NULL, 1, FALSE, 2, FALSE, TRUE },
  };

  world_init (&world, fixture, TRUE);
  other_case = open_case (world.social, &other_guardian);
  goal = add_goal (world.social, world.case_id, "Mål");
  other_goal = add_goal (world.social, other_case, "Annat ärendes mål");
  id = schedule (world.social, world.case_id, "2026-06-01");
  audit_before = audit_rows (world.social);

  for (guint i = 0; i < G_N_ELEMENTS (holds); i++)
    {
      g_autoptr(GError) error = NULL;
      SamGoalAttainment attainment[2] = {
        { .goal_id = holds[i].foreign_goal ? other_goal : goal, .attainment = holds[i].attainment },
        { .goal_id = goal, .attainment = 1 },
      };
      SamFollowUpHoldDraft draft = {
        .held_on = holds[i].held_on,
        .notes = holds[i].notes,
        .scores = holds[i].bad_scores ? bad : good,
        .n_scores = holds[i].n_scores,
        .attainment = attainment,
        .n_attainment = holds[i].twice ? 2 : 1,
      };

      g_test_message ("bad hold %u", i);
      g_assert_false (sam_follow_up_store_hold (world.social, id, &draft, &error));
      assert_invalid (error, holds[i].field);
    }

  g_assert_cmpint (count_rows (world.social, "SELECT count(*) FROM mappings"), ==, 0);
  g_assert_cmpint (count_rows (world.social, "SELECT count(*) FROM mapping_scores"), ==, 0);
  g_assert_cmpint (count_rows (world.social, "SELECT count(*) FROM goal_attainment"), ==, 0);
  g_assert_cmpint (count_rows (world.social, "SELECT count(*) FROM follow_ups"
                               " WHERE status = 'scheduled' AND held_on IS NULL AND notes IS NULL"
                               " AND mapping_id IS NULL AND held_by IS NULL"), ==, 1);
  g_assert_cmpint (audit_rows (world.social), ==, audit_before);

  /* And the same follow-up can still be held properly. */
  {
    g_autoptr(GError) error = NULL;
    SamGoalAttainment attainment = { .goal_id = goal, .attainment = 3 };
    SamFollowUpHoldDraft draft = {
      .held_on = "2026-06-03", .scores = good, .n_scores = 1,
      .attainment = &attainment, .n_attainment = 1,
    };

    g_assert_true (sam_follow_up_store_hold (world.social, id, &draft, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count_rows (world.social, "SELECT count(*) FROM mappings"), ==, 1);
    g_assert_cmpint (count_rows (world.social, "SELECT count(*) FROM goal_attainment"), ==, 1);
  }
}

static void
test_visibility (SamTestFixture *fixture,
                 gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  world_init (&world, fixture, TRUE);
  id = schedule (world.social, world.case_id, "2026-06-01");
  hold (world.social, id, "2026-06-02");
  schedule (world.social, world.case_id, "2026-09-01");

  {
    g_autoptr(GPtrArray) by_social = list_for_case (world.social, world.case_id);
    g_autoptr(GPtrArray) by_school = list_for_case (world.school, world.case_id);
    g_autoptr(GPtrArray) by_police = list_for_case (world.police, world.case_id);
    g_autoptr(GPtrArray) by_coordinator = list_for_case (world.coordinator, world.case_id);
    g_autoptr(GPtrArray) by_school2 = sam_follow_up_store_list_for_case (world.school2,
                                                                         world.case_id, &error);
    g_autoptr(SamFollowUp) hidden = NULL;

    g_assert_cmpuint (by_social->len, ==, 2);
    g_assert_cmpstr (((SamFollowUp *) g_ptr_array_index (by_social, 0))->due_on, ==, "2026-06-01");
    g_assert_cmpstr (((SamFollowUp *) g_ptr_array_index (by_social, 1))->due_on, ==, "2026-09-01");
    g_assert_cmpuint (by_school->len, ==, 2);
    g_assert_cmpuint (by_police->len, ==, 0);
    g_assert_cmpuint (by_coordinator->len, ==, 2);
    assert_denied (error);
    g_assert_null (by_school2);
    g_clear_error (&error);

    /* One the police may not see is, for them, not there. */
    hidden = sam_follow_up_store_get (world.police, id, &error);
    g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND);
    g_assert_null (hidden);
    g_clear_error (&error);
  }

  g_assert_true (sam_case_store_withdraw_consent (world.social, world.consent, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) by_school = list_for_case (world.school, world.case_id);

    g_assert_cmpuint (by_school->len, ==, 0);
  }

  g_assert_cmpint (count_rows (world.social,
                               "SELECT count(*) FROM audit_log WHERE action = 'view'"
                               " AND object_type = 'follow_up' AND reason = 'count:0'"
                               " AND user_id = %" G_GINT64_FORMAT,
                               sam_session_get_user_id (world.school)), ==, 1);
}

static guint
count_for_case (GPtrArray *due,
                gint64     case_id)
{
  guint n = 0;

  for (guint i = 0; i < due->len; i++)
    n += ((SamFollowUp *) g_ptr_array_index (due, i))->case_id == case_id;

  return n;
}

static GPtrArray *
list_due (SamSession *session,
          const char *before,
          guint       limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *due = sam_follow_up_store_list_due (session, before, limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (due);
  return due;
}

static void
test_due (SamTestFixture *fixture,
          gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 case_b, guardian_b, case_c, guardian_c, closed_due;

  world_init (&world, fixture, TRUE);

  /* Case B is social2's alone; case C will be closed. */
  case_b = open_case (world.social2, &guardian_b);
  activate_case (world.social2, case_b, guardian_b, sam_session_get_agency_id (world.school));
  case_c = open_case (world.social, &guardian_c);
  activate_case (world.social, case_c, guardian_c, sam_session_get_agency_id (world.school));

  schedule (world.social, world.case_id, "2026-03-01");
  schedule (world.social, world.case_id, "2026-05-01");
  schedule (world.social, world.case_id, "2026-08-01");
  hold (world.social, schedule (world.social, world.case_id, "2026-02-01"), "2026-02-01");
  g_assert_true (sam_follow_up_store_cancel (world.social,
                                             schedule (world.social, world.case_id, "2026-02-15"),
                                             &error));
  g_assert_no_error (error);
  schedule (world.social2, case_b, "2026-04-01");
  closed_due = schedule (world.social, case_c, "2026-01-01");
  g_assert_cmpint (closed_due, >, 0);
  g_assert_true (sam_case_store_set_status (world.social, case_c, SAM_CASE_STATUS_CLOSED,
                                            "moved", &error));
  g_assert_no_error (error);

  {
    g_autoptr(GPtrArray) all = list_due (world.coordinator, "2026-06-01", 0);
    const SamFollowUp *first;

    /* Scheduled, before 1 June, open cases: 1 March, 1 April, 1 May. */
    g_assert_cmpuint (all->len, ==, 3);
    first = g_ptr_array_index (all, 0);
    g_assert_cmpstr (first->due_on, ==, "2026-03-01");
    g_assert_cmpint (first->case_id, ==, world.case_id);
    g_assert_true (g_str_has_prefix (first->case_number, "SV-"));
    g_assert_cmpstr (((SamFollowUp *) g_ptr_array_index (all, 1))->due_on, ==, "2026-04-01");
    g_assert_cmpint (((SamFollowUp *) g_ptr_array_index (all, 1))->case_id, ==, case_b);
    g_assert_cmpstr (((SamFollowUp *) g_ptr_array_index (all, 2))->due_on, ==, "2026-05-01");
  }

  {
    g_autoptr(GPtrArray) strict = list_due (world.coordinator, "2026-05-01", 0);
    g_autoptr(GPtrArray) limited = list_due (world.coordinator, "2026-12-31", 2);
    g_autoptr(GPtrArray) by_social = list_due (world.social, "2026-12-31", 0);
    g_autoptr(GPtrArray) by_social2 = list_due (world.social2, "2026-12-31", 0);
    g_autoptr(GPtrArray) by_school = list_due (world.school, "2026-12-31", 0);
    g_autoptr(GPtrArray) by_police = list_due (world.police, "2026-12-31", 0);
    g_autoptr(GPtrArray) by_school2 = list_due (world.school2, "2026-12-31", 0);

    g_assert_cmpuint (strict->len, ==, 2);
    g_assert_cmpuint (limited->len, ==, 2);
    g_assert_cmpstr (((SamFollowUp *) g_ptr_array_index (limited, 1))->due_on, ==, "2026-04-01");
    g_assert_cmpuint (by_social->len, ==, 3);
    g_assert_cmpuint (count_for_case (by_social, world.case_id), ==, 3);
    g_assert_cmpuint (by_social2->len, ==, 1);
    g_assert_cmpuint (count_for_case (by_social2, case_b), ==, 1);
    /* On case A's team, under its consent; not on case B's. */
    g_assert_cmpuint (by_school->len, ==, 3);
    g_assert_cmpuint (count_for_case (by_school, world.case_id), ==, 3);
    /* On the team, but no consent covers the police. */
    g_assert_cmpuint (by_police->len, ==, 0);
    g_assert_cmpuint (by_school2->len, ==, 0);
  }

  g_assert_null (sam_follow_up_store_list_due (world.social, "2026-02-30", 0, &error));
  assert_invalid (error, "Due before");

  g_assert_cmpint (count_rows (world.social,
                               "SELECT count(*) FROM audit_log WHERE action = 'search'"
                               " AND object_type = 'follow_up_due' AND reason = 'count:3'"), >=, 1);
}

static const SamChronologyItem *
find_item (GPtrArray         *items,
           SamChronologyKind  kind,
           gint64             object_id)
{
  for (guint i = 0; i < items->len; i++)
    {
      const SamChronologyItem *item = g_ptr_array_index (items, i);

      if (item->kind == kind && item->object_id == object_id)
        return item;
    }

  return NULL;
}

static guint
count_kind (GPtrArray         *items,
            SamChronologyKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    n += ((SamChronologyItem *) g_ptr_array_index (items, i))->kind == kind;

  return n;
}

static void
test_chronology (SamTestFixture *fixture,
                 gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) police_items = NULL;
  const SamFactorScore scores[] = { RISK ("school_absence", 1) };
  SamFollowUpHoldDraft draft = {
    .held_on = "2026-06-02", .notes = "Uppföljningens anteckningar",
    .scores = scores, .n_scores = 1,
  };
  const SamChronologyItem *item;
  gint64 id, mapping;

  world_init (&world, fixture, TRUE);
  mapping = sam_mapping_store_record (world.social, world.case_id, "2026-01-20", NULL, scores, 1,
                                      &error);
  g_assert_no_error (error);
  id = schedule (world.social, world.case_id, "2026-06-01");
  g_assert_true (sam_follow_up_store_hold (world.coordinator, id, &draft, &error));
  g_assert_no_error (error);

  items = sam_chronology_for_case (world.school, world.case_id, &error);
  g_assert_no_error (error);

  item = find_item (items, SAM_CHRONOLOGY_FOLLOW_UP_SCHEDULED, id);
  g_assert_nonnull (item);
  g_assert_cmpstr (item->title, ==, "Follow-up scheduled");
  g_assert_cmpstr (item->text, ==, "Due on 2026-06-01");
  g_assert_cmpint (item->author_id, ==, sam_session_get_user_id (world.social));
  g_assert_cmpstr (item->agency_name, ==, SAM_TEST_SOCIAL);

  item = find_item (items, SAM_CHRONOLOGY_FOLLOW_UP_HELD, id);
  g_assert_nonnull (item);
  g_assert_cmpstr (item->title, ==, "Follow-up held");
  g_assert_cmpstr (item->text, ==, "Uppföljningens anteckningar");
  g_assert_cmpint (item->author_id, ==, sam_session_get_user_id (world.coordinator));
  g_assert_cmpstr (item->agency_name, ==, SAM_TEST_SOCIAL);

  /* The mapping made at the follow-up is told by the follow-up only. */
  g_assert_cmpuint (count_kind (items, SAM_CHRONOLOGY_MAPPING_RECORDED), ==, 1);
  g_assert_nonnull (find_item (items, SAM_CHRONOLOGY_MAPPING_RECORDED, mapping));
  g_assert_cmpint (count_rows (world.social, "SELECT count(*) FROM mappings"), ==, 2);

  /* No consent covers the police: none of it. */
  police_items = sam_chronology_for_case (world.police, world.case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_kind (police_items, SAM_CHRONOLOGY_FOLLOW_UP_SCHEDULED), ==, 0);
  g_assert_cmpuint (count_kind (police_items, SAM_CHRONOLOGY_FOLLOW_UP_HELD), ==, 0);
  g_assert_cmpuint (count_kind (police_items, SAM_CHRONOLOGY_MAPPING_RECORDED), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (sam_security_init (NULL));

#define ADD(path, func) \
  g_test_add (path, SamTestFixture, NULL, set_up, func, sam_test_fixture_tear_down)

  ADD ("/follow-up/schedule", test_schedule);
  ADD ("/follow-up/refused", test_refused);
  ADD ("/follow-up/state-machine", test_state_machine);
  ADD ("/follow-up/hold", test_hold);
  ADD ("/follow-up/atomic", test_atomic);
  ADD ("/follow-up/visibility", test_visibility);
  ADD ("/follow-up/due", test_due);
  ADD ("/follow-up/chronology", test_chronology);

#undef ADD

  return g_test_run ();
}
