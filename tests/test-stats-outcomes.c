/* test-stats-outcomes.c: the summaries' period, outcome and activity
 * measures (active and closed cases, meetings held, factor change, goal
 * attainment, interventions by evidence level)
 *
 * A small municipality is built through the real stores (cases, consent,
 * mappings, goals, follow-ups, meetings, plan actions) and its published
 * values are checked exactly, with k = 3. Only the dates the stores stamp
 * with today (a case's opening and closing) are moved into earlier years
 * afterwards, so that the periods have something to count. A generated
 * demo municipality then checks the rules on many tables: no small count,
 * no mean over fewer than k cases, no line that gives a withheld entry
 * away, and no two summaries a year apart that differ by 1 to k − 1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sam-stats-private.h"
#include "test-factor-world.h"

#define SCALE 160
#define K     3

static SamTestFixture known;
static char *demo_directory;
static char *demo_path;

/* Helpers ------------------------------------------------------------------- */

static SamStatsTable *
run (SamSession        *session,
     SamStatsMeasure    measure,
     SamStatsDimension  a,
     int                b,
     const char        *from,
     const char        *to)
{
  g_autoptr(GError) error = NULL;
  SamStatsQuery query = { measure, { a, b >= 0 ? (SamStatsDimension) b : a }, b >= 0 ? 2 : 1, from, to };
  SamStatsTable *table = sam_stats_run (session, &query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

static gboolean
is_withheld (SamStatsTable *table,
             const char    *cell)
{
  return strcmp (cell, table->withheld) == 0;
}

static gint64
cell_value (const char *cell)
{
  return g_ascii_strtoll (cell, NULL, 10);
}

/* The cell of the row with @code (NULL: the total, the last row) in @column. */
static const char *
cell_for (SamStatsTable *table,
          const char    *code,
          guint          column)
{
  if (code == NULL)
    return ((SamStatsRow *) g_ptr_array_index (table->rows, table->rows->len - 1))->cells[column];
  for (guint r = 0; r < table->rows->len; r++)
    {
      SamStatsRow *row = g_ptr_array_index (table->rows, r);

      if (g_strcmp0 (row->code, code) == 0)
        return row->cells[column];
    }

  return NULL;
}

static void
assert_cell (SamStatsTable *table,
             const char    *code,
             guint          column,
             const char    *expected)
{
  g_assert_cmpstr (cell_for (table, code, column), ==, expected);
}

/* The known municipality ------------------------------------------------------ */

typedef struct
{
  const char *gender;
  const char *risk;        /* scored twice: first, then latest */
  int         risk_scores[2];
  const char *protective;
  int         protective_scores[2];
  int         attainment;  /* the goal's latest rating */
  const char *intervention;
} KnownCase;

/* Risk change: school absence −2, −1, −1, 0 (mean −1.0 over 4); criminal
 * peers +1 (1 case); substance use 0, 0, 0 (3 cases). Protective change:
 * trusted adult 1, 1, 2, 0 (mean 1.0 over 4); future plans 0 (1 case);
 * positive leisure 0, 0, 0. Attainment: female 3 (two goals, 4 and 2),
 * 2, 2, 1, 4, 0 (mean 2.0 over 6); male 1; unknown 3. */
static const KnownCase known_cases[] = {
  { "female", "school_absence", { 3, 1 }, "trusted_adult", { 0, 1 }, 4, "mst" },
  { "female", "school_absence", { 2, 1 }, "trusted_adult", { 1, 2 }, 2, "fft" },
  { "female", "school_absence", { 3, 2 }, "trusted_adult", { 0, 2 }, 2, "mst" },
  { "female", "school_absence", { 1, 1 }, "trusted_adult", { 2, 2 }, 1, "mentor" },
  { "female", "criminal_peers", { 1, 2 }, "future_plans", { 1, 1 }, 4, "mentor" },
  { "female", "substance_use", { 2, 2 }, "positive_leisure", { 1, 1 }, 0, "mentor" },
  { "male", "substance_use", { 2, 2 }, "positive_leisure", { 1, 1 }, 1, "other" },
  { "unknown", "substance_use", { 2, 2 }, "positive_leisure", { 1, 1 }, 3, "exit_support" },
};

/* When the cases were opened and closed, moved into the past afterwards. */
static const struct
{
  const char *opened;
  const char *closed;
  const char *reason;
} known_dates[] = {
  { "2024-03-15", NULL, NULL }, { "2024-03-15", NULL, NULL }, { "2024-03-15", NULL, NULL },
  { "2024-03-15", "2025-03-05", "moved" },
  { "2024-11-10", "2025-02-20", "goals_met" }, { "2024-11-10", "2025-02-20", "goals_met" },
  { "2025-06-01", NULL, NULL }, { "2025-06-01", NULL, NULL },
};

static gint64
known_open_case (SamSession *social,
                 const char *gender)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamCase) self = NULL;
  gint64 person, guardian;

  person = insert (social, "INSERT INTO persons (given_name, family_name, birth_date, gender, created_at,"
                           " created_by) VALUES ('Alex', 'Berg', '2012-04-01', '%s', '2024-01-01T00:00:00Z', 1)",
                   gender);
  guardian = insert (social, "INSERT INTO guardians (person_id, name, custody)"
                             " VALUES (%" G_GINT64_FORMAT ", 'Vårdnadshavare', 1)", person);
  self = sam_case_store_create (social, person, SAM_PREVENTION_SELECTIVE, NULL, &error);
  g_assert_no_error (error);
  activate_case (social, self->id, guardian, sam_test_agency_id (social, SAM_TEST_SCHOOL));

  return self->id;
}

static void
known_map (SamSession *social,
           gint64      case_id,
           const char *scored_on,
           const char *risk,
           int         risk_score,
           const char *protective,
           int         protective_score)
{
  g_autoptr(GError) error = NULL;
  SamFactorScore scores[] = {
    { SAM_CATALOGUE_KIND_RISK_FACTOR, risk, NULL, risk_score },
    { SAM_CATALOGUE_KIND_PROTECTIVE_FACTOR, protective, NULL, protective_score },
  };

  g_assert_cmpint (sam_mapping_store_record (social, case_id, scored_on, NULL, scores, 2, &error), >, 0);
  g_assert_no_error (error);
}

static void
known_hold (SamSession              *social,
            gint64                   case_id,
            const char              *day,
            const SamGoalAttainment *ratings,
            guint                    n_ratings)
{
  g_autoptr(GError) error = NULL;
  SamFollowUpHoldDraft draft = { .held_on = day, .attainment = ratings, .n_attainment = n_ratings };
  gint64 follow_up = sam_follow_up_store_schedule (social, case_id, day, &error);

  g_assert_no_error (error);
  g_assert_true (sam_follow_up_store_hold (social, follow_up, &draft, &error));
  g_assert_no_error (error);
}

static gint64
known_goal (SamSession *social,
            gint64      case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPlanGoal) goal = sam_plan_store_add_goal (social, case_id, "Går i skolan", "Närvaro", &error);

  g_assert_no_error (error);
  return goal->id;
}

static gint64
known_action (SamSession *social,
              gint64      case_id,
              const char *intervention,
              const char *day)
{
  g_autoptr(GError) error = NULL;
  SamPlanActionDraft draft = {
    .description = "Insats", .intervention_code = intervention,
    .responsible_agency_id = sam_session_get_agency_id (social), .starts_on = day, .due_on = day,
  };
  g_autoptr(SamPlanAction) action = sam_plan_store_add_action (social, case_id, &draft, &error);

  g_assert_no_error (error);
  return action->id;
}

static void
known_meeting (SamSession *social,
               gint64      case_id,
               const char *starts_at,
               gboolean    held)
{
  g_autoptr(GError) error = NULL;
  gint64 users[] = { sam_session_get_user_id (social) };
  SamMeetingDraft draft = { .starts_at = starts_at, .duration_minutes = 60, .place = "Skolan",
                            .user_ids = users, .n_users = 1 };
  gint64 meeting = sam_meeting_store_schedule (social, case_id, &draft, &error);

  g_assert_no_error (error);
  if (held)
    {
      g_assert_true (sam_meeting_store_set_status (social, meeting, SAM_MEETING_HELD, &error));
      g_assert_no_error (error);
    }
}

/* The mappings, goals, follow-ups, actions and meetings of every case. */
static void
known_work (SamSession *social,
            gint64     *ids)
{
  g_autofree char *early = date_from_today (-40);
  g_autofree char *late = date_from_today (-20);
  g_autofree char *earlier = date_from_today (-15);
  g_autofree char *latest = date_from_today (-5);
  g_autofree char *past = g_strconcat (latest, "T10:00:00Z", NULL);
  g_autofree char *future = date_from_today (30);
  g_autofree char *coming = g_strconcat (future, "T10:00:00Z", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (known_cases); i++)
    {
      const KnownCase *c = &known_cases[i];
      SamGoalAttainment rating = { known_goal (social, ids[i]), NULL, c->attainment };

      known_map (social, ids[i], early, c->risk, c->risk_scores[0], c->protective, c->protective_scores[0]);
      known_map (social, ids[i], late, c->risk, c->risk_scores[1], c->protective, c->protective_scores[1]);
      known_action (social, ids[i], c->intervention, late);
      if (i == 0)
        {
          /* A second goal, rated 2; the first was rated 0 at an earlier
           * follow-up, which the latest rating replaces. */
          SamGoalAttainment first[] = { { rating.goal_id, NULL, 0 }, { known_goal (social, ids[i]), NULL, 2 } };

          known_hold (social, ids[i], earlier, first, 2);
        }
      known_hold (social, ids[i], latest, &rating, 1);
      if (i < 5)
        known_meeting (social, ids[i], past, TRUE);
    }

  /* Not counted either: a mapping between the first and the latest,
   * recorded after both, with other scores; and a second mapping on the
   * first date, recorded later, with another risk score. The first goes
   * by date, then by the order of recording. */
  {
    g_autofree char *between = date_from_today (-30);

    known_map (social, ids[0], between, "school_absence", 0, "trusted_adult", 3);
    known_map (social, ids[1], early, "school_absence", 0, "trusted_adult", 1);
  }

  /* Not counted: a mapping scored once, a planned meeting, a cancelled
   * action. */
  known_map (social, ids[8], early, "school_absence", 3, "trusted_adult", 0);
  known_action (social, ids[8], "other", late);
  known_meeting (social, ids[8], coming, FALSE);
  g_assert_true (sam_plan_store_set_action_status (social, known_action (social, ids[7], "mst", late),
                                                   SAM_PLAN_ACTION_CANCELLED, NULL));
}

static void
build_known (void)
{
  g_autoptr(SamSession) social = NULL;
  g_autoptr(SamSession) admin = NULL;
  gint64 ids[G_N_ELEMENTS (known_cases) + 1];

  sam_test_fixture_set_up (&known, NULL);
  sam_test_populate_sspf (known.path);
  social = sam_test_unlock_user (known.path, "social");
  admin = sam_test_unlock_admin (known.path);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    ids[i] = known_open_case (social, i < G_N_ELEMENTS (known_cases) ? known_cases[i].gender : "other");
  known_work (social, ids);

  /* Case 8, opened today, carries only what must not be counted. */
  for (guint i = 0; i < G_N_ELEMENTS (known_dates); i++)
    {
      if (known_dates[i].closed != NULL)
        g_assert_true (sam_case_store_set_status (social, ids[i], SAM_CASE_STATUS_CLOSED,
                                                  known_dates[i].reason, NULL));
      insert (admin, "UPDATE cases SET opened_at = '%sT09:00:00Z', closed_at = %s%s%s WHERE id = %" G_GINT64_FORMAT,
              known_dates[i].opened, known_dates[i].closed != NULL ? "'" : "",
              known_dates[i].closed != NULL ? known_dates[i].closed : "NULL",
              known_dates[i].closed != NULL ? "T09:00:00Z'" : "", ids[i]);
    }
  g_assert_true (sam_stats_set_k (admin, K, NULL));
}

/* Exact values of the known municipality --------------------------------------- */

static void
test_known_factor_change (void)
{
  g_autoptr(SamSession) manager = sam_test_unlock_user (known.path, "manager");
  g_autoptr(SamStatsTable) risk = run (manager, SAM_STATS_MEASURE_FACTOR_CHANGE,
                                       SAM_STATS_DIMENSION_RISK_FACTOR, -1, NULL, NULL);
  g_autoptr(SamStatsTable) protective = run (manager, SAM_STATS_MEASURE_FACTOR_CHANGE,
                                             SAM_STATS_DIMENSION_PROTECTIVE_FACTOR, -1, NULL, NULL);

  g_assert_cmpuint (risk->k, ==, K);
  g_assert_cmpuint (risk->rows->len, ==, 4);
  assert_cell (risk, "school_absence", 0, "4");
  assert_cell (risk, "school_absence", 1, "-1.0");
  /* One case: withheld, and with it the next smallest, substance use. */
  assert_cell (risk, "criminal_peers", 0, "<3");
  assert_cell (risk, "criminal_peers", 1, "<3");
  assert_cell (risk, "substance_use", 0, "<3");
  assert_cell (risk, "substance_use", 1, "<3");
  /* The withheld four are +1, 0, 0, 0: their pooled mean gives no one
   * away, so the total's mean shows: (−4 + 1) / 8. */
  assert_cell (risk, NULL, 0, "8");
  assert_cell (risk, NULL, 1, "-0.4");

  assert_cell (protective, "trusted_adult", 0, "4");
  assert_cell (protective, "trusted_adult", 1, "1.0");
  assert_cell (protective, "future_plans", 1, "<3");
  assert_cell (protective, "positive_leisure", 1, "<3");
  /* The withheld four all changed by 0: the total's mean (0.5) would
   * give each of them away, with the published row. */
  assert_cell (protective, NULL, 0, "8");
  assert_cell (protective, NULL, 1, "<3");
}

static void
test_known_goal_attainment (void)
{
  g_autoptr(SamSession) manager = sam_test_unlock_user (known.path, "manager");
  g_autoptr(SamStatsTable) table = run (manager, SAM_STATS_MEASURE_GOAL_ATTAINMENT,
                                        SAM_STATS_DIMENSION_GENDER, -1, NULL, NULL);

  /* Case 0 is (4 + 2) / 2 = 3: the latest rating of each goal. */
  assert_cell (table, "female", 0, "6");
  assert_cell (table, "female", 1, "2.0");
  assert_cell (table, "male", 0, "<3");
  assert_cell (table, "male", 1, "<3");
  assert_cell (table, "unknown", 1, "<3");
  /* The two withheld cases pool to fewer than k: the total's mean
   * would be their mean. */
  assert_cell (table, NULL, 0, "8");
  assert_cell (table, NULL, 1, "<3");
  g_assert_null (cell_for (table, "other", 0));
}

static void
test_known_activity (void)
{
  g_autoptr(SamSession) manager = sam_test_unlock_user (known.path, "manager");
  g_autofree char *this_year = date_from_today (0);
  g_autoptr(SamStatsTable) meetings = run (manager, SAM_STATS_MEASURE_MEETINGS_HELD,
                                           SAM_STATS_DIMENSION_YEAR, -1, NULL, NULL);
  g_autoptr(SamStatsTable) levels = run (manager, SAM_STATS_MEASURE_INTERVENTIONS,
                                         SAM_STATS_DIMENSION_EVIDENCE_LEVEL, -1, NULL, NULL);
  g_autoptr(SamStatsTable) types = run (manager, SAM_STATS_MEASURE_INTERVENTIONS,
                                        SAM_STATS_DIMENSION_INTERVENTION, -1, NULL, NULL);
  g_autoptr(SamStatsTable) closed = run (manager, SAM_STATS_MEASURE_CLOSED_CASES,
                                         SAM_STATS_DIMENSION_CLOSING_REASON, -1, NULL, NULL);

  this_year[4] = '\0';
  assert_cell (meetings, this_year, 0, "5");
  g_assert_cmpuint (meetings->rows->len, ==, 2);

  /* Three established (MST twice, FFT), three promising (mentor), three
   * uncertain (other twice, exit support); the cancelled MST not counted. */
  assert_cell (levels, "established", 0, "3");
  assert_cell (levels, "promising", 0, "3");
  assert_cell (levels, "uncertain", 0, "3");
  assert_cell (levels, NULL, 0, "9");
  g_assert_cmpstr (((SamStatsRow *) g_ptr_array_index (levels->rows, 0))->label, ==, "Established");

  /* By the action's own intervention, not every intervention of its case:
   * the case with a cancelled MST and an exit support counts once, under
   * exit support. */
  assert_cell (types, "mentor", 0, "3");
  assert_cell (types, "mst", 0, "<3");
  assert_cell (types, NULL, 0, "9");

  assert_cell (closed, "goals_met", 0, "<3");
  assert_cell (closed, "moved", 0, "<3");
  assert_cell (closed, NULL, 0, "3");
}

static void
test_known_active (void)
{
  g_autoptr(SamSession) manager = sam_test_unlock_user (known.path, "manager");
  g_autoptr(SamStatsTable) years = run (manager, SAM_STATS_MEASURE_ACTIVE_CASES,
                                        SAM_STATS_DIMENSION_YEAR, -1, NULL, NULL);
  g_autoptr(SamStatsTable) months = run (manager, SAM_STATS_MEASURE_ACTIVE_CASES,
                                         SAM_STATS_DIMENSION_MONTH, -1, "2025-01-01", "2025-12-31");
  g_autoptr(SamStatsTable) one_year = run (manager, SAM_STATS_MEASURE_ACTIVE_CASES,
                                           SAM_STATS_DIMENSION_GENDER, -1, "2025-04-01", NULL);

  /* Once in every year a case was open: 6, all 8, then 5 and today's. */
  assert_cell (years, "2024", 0, "6");
  assert_cell (years, "2025", 0, "8");
  assert_cell (years, NULL, 0, "20");

  /* A case closed on 20 February still counts in February; one closed
   * on 5 March in March. */
  g_assert_cmpuint (months->rows->len, ==, 13);
  assert_cell (months, "2025-01", 0, "6");
  assert_cell (months, "2025-02", 0, "6");
  assert_cell (months, "2025-03", 0, "4");
  assert_cell (months, "2025-04", 0, "3");
  assert_cell (months, "2025-06", 0, "5");
  assert_cell (months, "2025-12", 0, "5");
  assert_cell (months, NULL, 0, "57");

  /* From 2025: 8 case-years in 2025 and 6 since: female 6 + 3, male
   * 1 + 1, unknown 1 + 1 and other 0 + 1; each small one withheld. */
  assert_cell (one_year, "female", 0, "9");
  assert_cell (one_year, "male", 0, "<3");
  assert_cell (one_year, "other", 0, "<3");
  assert_cell (one_year, NULL, 0, "14");
}

static void
test_known_refused (void)
{
  static const char *others[] = { "school", "social", "police", "coordinator" };
  g_autoptr(SamSession) admin = sam_test_unlock_admin (known.path);

  for (guint m = SAM_STATS_MEASURE_ACTIVE_CASES; m < SAM_STATS_N_MEASURES; m++)
    for (guint i = 0; i < G_N_ELEMENTS (others); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(SamSession) session = sam_test_unlock_user (known.path, others[i]);
        SamStatsQuery query = { m, { SAM_STATS_DIMENSION_RISK_FACTOR }, 1, NULL, NULL };
        g_autoptr(SamStatsTable) table = sam_stats_run (session, &query, &error);

        g_assert_null (table);
        g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
      }
  g_assert_cmpint (count_rows (admin, "SELECT count (*) FROM audit_log WHERE object_type = 'summary'"
                                      " AND outcome = 'denied'"), ==,
                   (SAM_STATS_N_MEASURES - SAM_STATS_MEASURE_ACTIVE_CASES) * G_N_ELEMENTS (others));
}

static void
test_known_bad_queries (void)
{
  g_autoptr(SamSession) manager = sam_test_unlock_user (known.path, "manager");
  const SamStatsQuery bad[] = {
    { SAM_STATS_MEASURE_FACTOR_CHANGE, { SAM_STATS_DIMENSION_AREA }, 1 },
    { SAM_STATS_MEASURE_FACTOR_CHANGE, { SAM_STATS_DIMENSION_RISK_FACTOR, SAM_STATS_DIMENSION_GENDER }, 2 },
    { SAM_STATS_MEASURE_GOAL_ATTAINMENT, { SAM_STATS_DIMENSION_AREA, SAM_STATS_DIMENSION_GENDER }, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SamStatsTable) table = sam_stats_run (manager, &bad[i], &error);

      g_assert_null (table);
      g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
    }

  g_assert_true (sam_stats_dimension_is_period (SAM_STATS_DIMENSION_MONTH));
  g_assert_true (sam_stats_dimension_is_period (SAM_STATS_DIMENSION_QUARTER));
  g_assert_false (sam_stats_dimension_is_period (SAM_STATS_DIMENSION_EVIDENCE_LEVEL));
}

/* Generated municipality -------------------------------------------------------- */

static SamSession *
unlock_demo (const char *user)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *passphrase = g_strconcat (user, SAM_DEMO_PASSPHRASE_SUFFIX, NULL);
  SamSession *session = sam_test_unlock (demo_path, user, passphrase, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

/* No count in 1 … k − 1 shows, no line has exactly one withheld count,
 * and a mean shows only beside a published count of at least k; the
 * total's mean only when the withheld rows pool at least k cases. */
static guint
assert_safe (SamStatsTable *table,
             gboolean       two_way)
{
  gboolean ratio = _sam_stats_measure_is_ratio (table->measure);
  guint n_count_columns = ratio ? 1 : g_strv_length (table->columns);
  guint withheld = 0;

  for (guint c = 0; c < n_count_columns; c++)
    {
      guint in_column = 0;
      gint64 pooled = cell_value (cell_for (table, NULL, c));

      for (guint r = 0; r < table->rows->len; r++)
        {
          SamStatsRow *row = g_ptr_array_index (table->rows, r);

          if (is_withheld (table, row->cells[c]))
            in_column++;
          else
            {
              g_assert_false (cell_value (row->cells[c]) >= 1 && cell_value (row->cells[c]) < table->k);
              if (r + 1 < table->rows->len)
                pooled -= cell_value (row->cells[c]);
            }
        }
      g_assert_cmpuint (in_column, !=, 1);
      withheld += in_column;

      if (_sam_stats_measure_is_mean (table->measure) &&
          !is_withheld (table, cell_for (table, NULL, 1)) && pooled != 0)
        g_assert_cmpint (pooled, >=, table->k);
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      SamStatsRow *row = g_ptr_array_index (table->rows, r);
      guint in_row = 0;

      if (ratio && !is_withheld (table, row->cells[1]) && g_strcmp0 (row->cells[1], "–") != 0)
        {
          g_assert_false (is_withheld (table, row->cells[0]));
          g_assert_cmpint (cell_value (row->cells[0]), >=, table->k);
        }
      for (guint c = 0; two_way && row->cells[c] != NULL; c++)
        in_row += is_withheld (table, row->cells[c]);
      g_assert_cmpuint (in_row, !=, 1);
    }

  return withheld;
}

static void
test_demo_tables (void)
{
  g_autoptr(SamSession) manager = unlock_demo ("manager");
  static const char *ranges[][2] = { { NULL, NULL }, { "2025-01-01", "2025-12-31" }, { "2024-05-10", NULL } };
  guint tables = 0, withheld = 0, means = 0;

  for (guint m = SAM_STATS_MEASURE_ACTIVE_CASES; m < SAM_STATS_N_MEASURES; m++)
    for (guint a = 0; a < SAM_STATS_N_DIMENSIONS; a++)
      for (int b = -1; b < SAM_STATS_N_DIMENSIONS; b++)
        for (guint f = 0; f < G_N_ELEMENTS (ranges); f++)
          {
            g_autoptr(SamStatsTable) table = NULL;
            SamStatsQuery query = { m, { a, b >= 0 ? (SamStatsDimension) b : a }, b >= 0 ? 2 : 1, NULL, NULL };

            if ((guint) b == a || (b >= 0 && (a + (guint) b + f) % 5 != 0) ||
                !_sam_stats_check_measure (&query, NULL))
              continue;
            table = run (manager, m, a, b, ranges[f][0], ranges[f][1]);
            withheld += assert_safe (table, b >= 0);
            for (guint r = 0; _sam_stats_measure_is_mean (m) && r < table->rows->len; r++)
              means += !is_withheld (table, ((SamStatsRow *) g_ptr_array_index (table->rows, r))->cells[1]);
            tables++;
          }

  g_test_message ("%u tables, %u entries withheld, %u means shown", tables, withheld, means);
  g_assert_cmpuint (tables, >, 200);
  g_assert_cmpuint (withheld, >, 100);
  g_assert_cmpuint (means, >, 10);
}

/* Two summaries whose ranges differ by a year or more at one end never
 * both publish an entry whose difference is 1 to k − 1 units. */
static void
test_demo_differencing (void)
{
  g_autoptr(SamSession) manager = unlock_demo ("manager");
  static const char *starts[] = { "2023-01-01", "2024-01-01", "2025-01-01", "2026-01-01" };
  static const struct { SamStatsMeasure measure; SamStatsDimension dimension; } tables[] = {
    { SAM_STATS_MEASURE_ACTIVE_CASES, SAM_STATS_DIMENSION_AREA },
    { SAM_STATS_MEASURE_CLOSED_CASES, SAM_STATS_DIMENSION_CLOSING_REASON },
    { SAM_STATS_MEASURE_MEETINGS_HELD, SAM_STATS_DIMENSION_GENDER },
    { SAM_STATS_MEASURE_INTERVENTIONS, SAM_STATS_DIMENSION_EVIDENCE_LEVEL },
    { SAM_STATS_MEASURE_FACTOR_CHANGE, SAM_STATS_DIMENSION_RISK_FACTOR },
    { SAM_STATS_MEASURE_GOAL_ATTAINMENT, SAM_STATS_DIMENSION_AREA },
  };
  guint pairs = 0;

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
      for (guint j = i + 1; j < G_N_ELEMENTS (starts); j++)
        {
          SamStatsMeasure m = tables[t].measure;
          SamStatsDimension d = tables[t].dimension;
          g_autoptr(SamStatsTable) wide = run (manager, m, d, -1, starts[i], NULL);
          g_autoptr(SamStatsTable) narrow = run (manager, m, d, -1, starts[j], NULL);
          g_autoptr(SamStatsTable) early = run (manager, m, d, -1, NULL, starts[i]);
          g_autoptr(SamStatsTable) later = run (manager, m, d, -1, NULL, starts[j]);
          SamStatsTable *pair[2][2] = { { wide, narrow }, { later, early } };

          for (guint p = 0; p < 2; p++)
            for (guint r = 0; r < pair[p][0]->rows->len; r++)
              {
                SamStatsRow *row = g_ptr_array_index (pair[p][0]->rows, r);
                gboolean total = r + 1 == pair[p][0]->rows->len;
                const char *other = total || row->code != NULL ? cell_for (pair[p][1], row->code, 0) : NULL;
                gint64 diff;

                if (other == NULL || is_withheld (pair[p][0], row->cells[0]) || is_withheld (pair[p][1], other))
                  continue;
                diff = cell_value (row->cells[0]) - cell_value (other);
                g_assert_cmpint (diff, >=, 0);
                g_assert_false (diff >= 1 && diff < pair[p][0]->k);
                pairs++;
              }
        }

  g_test_message ("%u published pairs compared", pairs);
  g_assert_cmpuint (pairs, >, 60);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (sam_security_init (NULL));

  build_known ();
  demo_directory = g_dir_make_tmp ("samverka-outcomes-XXXXXX", NULL);
  demo_path = g_build_filename (demo_directory, "demo.db", NULL);
  g_assert_true (sam_demo_create_scaled (demo_path, SCALE, 7, &error));
  g_assert_no_error (error);

  g_test_add_func ("/stats-outcomes/known/factor-change", test_known_factor_change);
  g_test_add_func ("/stats-outcomes/known/goal-attainment", test_known_goal_attainment);
  g_test_add_func ("/stats-outcomes/known/activity", test_known_activity);
  g_test_add_func ("/stats-outcomes/known/active", test_known_active);
  g_test_add_func ("/stats-outcomes/known/refused", test_known_refused);
  g_test_add_func ("/stats-outcomes/known/bad-queries", test_known_bad_queries);
  g_test_add_func ("/stats-outcomes/demo/tables", test_demo_tables);
  g_test_add_func ("/stats-outcomes/demo/differencing", test_demo_differencing);

  status = g_test_run ();

  sam_test_fixture_tear_down (&known, NULL);
  sam_test_rm_rf (demo_directory);
  g_free (demo_directory);
  g_free (demo_path);
  return status;
}
