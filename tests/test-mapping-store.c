/* test-mapping-store.c: factor scores, their validation, series and visibility
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-factor-world.h"

#define RISK(code, score)       { SAM_CATALOGUE_KIND_RISK_FACTOR, code, NULL, score }
#define PROTECTIVE(code, score) { SAM_CATALOGUE_KIND_PROTECTIVE_FACTOR, code, NULL, score }

static gint64
record (SamSession           *session,
        gint64                case_id,
        const char           *scored_on,
        const SamFactorScore *scores,
        guint                 n_scores)
{
  g_autoptr(GError) error = NULL;
  gint64 id = sam_mapping_store_record (session, case_id, scored_on, NULL, scores, n_scores, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static GPtrArray *
list (SamSession *session,
      gint64      case_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *mappings = sam_mapping_store_list (session, case_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (mappings);
  return mappings;
}

static const SamFactorSeries *
find_series (GPtrArray  *all,
             const char *code)
{
  for (guint i = 0; i < all->len; i++)
    {
      const SamFactorSeries *series = g_ptr_array_index (all, i);

      if (g_str_equal (series->code, code))
        return series;
    }

  return NULL;
}

/* Tests ---------------------------------------------------------------------- */

static void
test_record (SamTestFixture *fixture,
             gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mappings = NULL;
  const SamMapping *mapping;
  const SamFactorScore *score;
  const SamFactorScore scores[] = {
    PROTECTIVE ("trusted_adult", 2),
    RISK ("school_absence", 3),
    RISK ("criminal_peers", 1),
  };
  gint64 id;

  world_init (&world, fixture, TRUE);

  id = sam_mapping_store_record (world.social, world.case_id, "2026-02-03", "Första kartläggningen",
                                 scores, G_N_ELEMENTS (scores), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  mappings = list (world.social, world.case_id);
  g_assert_cmpuint (mappings->len, ==, 1);
  mapping = g_ptr_array_index (mappings, 0);
  g_assert_cmpint (mapping->id, ==, id);
  g_assert_cmpint (mapping->case_id, ==, world.case_id);
  g_assert_cmpstr (mapping->scored_on, ==, "2026-02-03");
  g_assert_cmpstr (mapping->comment, ==, "Första kartläggningen");
  g_assert_cmpint (mapping->recorded_by, ==, sam_session_get_user_id (world.social));
  g_assert_cmpint (mapping->agency_id, ==, sam_session_get_agency_id (world.social));
  g_assert_cmpstr (mapping->agency_name, ==, SAM_TEST_SOCIAL);
  g_assert_nonnull (mapping->recorded_by_name);
  g_assert_nonnull (mapping->recorded_at);
  g_assert_cmpint (mapping->follow_up_id, ==, 0);

  /* Risk factors first, in catalogue order, with their labels. */
  g_assert_cmpuint (mapping->scores->len, ==, 3);
  score = &g_array_index (mapping->scores, SamFactorScore, 0);
  g_assert_cmpstr (score->code, ==, "school_absence");
  g_assert_cmpstr (score->label, ==, "School absence");
  g_assert_cmpint (score->score, ==, 3);
  score = &g_array_index (mapping->scores, SamFactorScore, 1);
  g_assert_cmpstr (score->code, ==, "criminal_peers");
  g_assert_cmpint (score->kind, ==, SAM_CATALOGUE_KIND_RISK_FACTOR);
  score = &g_array_index (mapping->scores, SamFactorScore, 2);
  g_assert_cmpstr (score->code, ==, "trusted_adult");
  g_assert_cmpint (score->kind, ==, SAM_CATALOGUE_KIND_PROTECTIVE_FACTOR);
  g_assert_cmpint (score->score, ==, 2);

  g_assert_cmpint (count_rows (world.social,
                               "SELECT count(*) FROM audit_log WHERE action = 'create'"
                               " AND object_type = 'mapping' AND object_id = %" G_GINT64_FORMAT
                               " AND case_id = %" G_GINT64_FORMAT " AND person_id = %" G_GINT64_FORMAT
                               " AND outcome = 'ok'", id, world.case_id, world.person), ==, 1);
  g_assert_cmpint (count_rows (world.social,
                               "SELECT count(*) FROM audit_log WHERE action = 'view'"
                               " AND object_type = 'mapping' AND reason = 'count:1'"), ==, 1);
  /* No content in the log. */
  g_assert_cmpint (count_rows (world.social,
                               "SELECT count(*) FROM audit_log WHERE instr (coalesce (reason, ''),"
                               " 'kartläggningen') > 0"), ==, 0);

  /* A case in any open status may be mapped, awaiting consent too. */
  {
    gint64 guardian;
    gint64 pending = open_case (world.social, &guardian);

    record (world.social, pending, "2026-02-03", scores, 1);
  }
}

typedef struct
{
  const char            *field;
  const char            *scored_on;
  const char            *comment;
  const SamFactorScore  *scores;
  guint                  n_scores;
} BadMapping;

static void
test_invalid (SamTestFixture *fixture,
              gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autofree char *tomorrow = date_from_today (1);
  g_autofree char *today = date_from_today (0);
  g_autofree char *long_comment = g_strnfill (SAM_MAPPING_COMMENT_MAX_CHARS + 1, 'x');
  const SamFactorScore good[] = { RISK ("school_absence", 2) };
  const SamFactorScore unknown[] = { RISK ("school_absence", 2), RISK ("no_such_factor", 1) };
  const SamFactorScore wrong_kind[] = { RISK ("trusted_adult", 1) };
  const SamFactorScore too_high[] = { PROTECTIVE ("trusted_adult", 4) };
  const SamFactorScore negative[] = { RISK ("school_absence", -1) };
  const SamFactorScore twice[] = { RISK ("school_absence", 1), RISK ("school_absence", 2) };
  const SamFactorScore no_code[] = { RISK (NULL, 1) };
  const SamFactorScore bad_kind[] = { { SAM_CATALOGUE_KIND_INTERVENTION, "mentor", NULL, 1 } };
  const BadMapping bad[] = {
    { "Scored on", NULL, NULL, good, 1 },
    { "Scored on", "2026-02-30", NULL, good, 1 },
    { "Scored on", "3.2.2026", NULL, good, 1 },
    { "Scored on", tomorrow, NULL, good, 1 },
    { "Scores", "2026-02-03", NULL, good, 0 },
    { "Scores", "2026-02-03", NULL, unknown, G_N_ELEMENTS (unknown) },
    { "Scores", "2026-02-03", NULL, wrong_kind, 1 },
    { "Scores", "2026-02-03", NULL, no_code, 1 },
    { "Scores", "2026-02-03", NULL, bad_kind, 1 },
    { "A trusted adult", "2026-02-03", NULL, too_high, 1 },
    { "School absence", "2026-02-03", NULL, negative, 1 },
    { "School absence", "2026-02-03", NULL, twice, G_N_ELEMENTS (twice) },
    { "Comment", "2026-02-03", long_comment, good, 1 },
    { "Comment", "2026-02-03", "bad \x01 control", good, 1 },
  };

  world_init (&world, fixture, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("bad mapping %u", i);
      g_assert_cmpint (sam_mapping_store_record (world.social, world.case_id, bad[i].scored_on,
                                                 bad[i].comment, bad[i].scores, bad[i].n_scores,
                                                 &error), ==, 0);
      assert_invalid (error, bad[i].field);
    }

  g_assert_cmpint (count_rows (world.social, "SELECT count(*) FROM mappings"), ==, 0);
  g_assert_cmpint (count_rows (world.social, "SELECT count(*) FROM mapping_scores"), ==, 0);
  g_assert_cmpint (count_rows (world.social,
                               "SELECT count(*) FROM audit_log WHERE object_type = 'mapping'"), ==, 0);

  /* The edges are fine: today, 0 and 3, the longest comment. */
  {
    const SamFactorScore edges[] = { RISK ("school_absence", 0), RISK ("criminal_peers", 3) };
    g_autoptr(GError) error = NULL;

    long_comment[SAM_MAPPING_COMMENT_MAX_CHARS] = '\0';
    g_assert_cmpint (sam_mapping_store_record (world.social, world.case_id, today, long_comment,
                                               edges, G_N_ELEMENTS (edges), &error), >, 0);
    g_assert_no_error (error);
    g_assert_cmpint (count_rows (world.social, "SELECT count(*) FROM mapping_scores"), ==, 2);
  }

  /* A closed case takes no more scores. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (sam_case_store_set_status (world.social, world.case_id, SAM_CASE_STATUS_CLOSED,
                                              "goals_met", &error));
    g_assert_no_error (error);
    g_assert_cmpint (sam_mapping_store_record (world.social, world.case_id, "2026-02-03", NULL,
                                               good, 1, &error), ==, 0);
    assert_invalid (error, "Case");
    g_assert_cmpint (count_rows (world.social, "SELECT count(*) FROM mappings"), ==, 1);
  }
}

static void
test_refused (SamTestFixture *fixture,
              gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamSession) manager = NULL;
  g_autoptr(SamSession) admin = NULL;
  const SamFactorScore good[] = { RISK ("school_absence", 2) };
  SamSession *writers[4];

  world_init (&world, fixture, TRUE);
  manager = sam_test_unlock_user (fixture->path, "manager");
  admin = sam_test_unlock_admin (fixture->path);
  writers[0] = world.school;    /* on the team, but not social services */
  writers[1] = world.social2;   /* social services, not on the team */
  writers[2] = manager;
  writers[3] = admin;

  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (sam_mapping_store_record (writers[i], world.case_id, "2026-02-03", NULL,
                                                 good, 1, &error), ==, 0);
      assert_denied (error);
    }

  /* The coordinator role may, on every case. */
  record (world.coordinator, world.case_id, "2026-02-03", good, 1);
  g_assert_cmpint (count_rows (world.social, "SELECT count(*) FROM mappings"), ==, 1);
  g_assert_cmpint (count_rows (world.social,
                               "SELECT count(*) FROM audit_log WHERE object_type = 'mapping'"
                               " AND outcome = 'denied'"), ==, 4);

  /* Nor may managers and administrators read them. */
  {
    SamSession *readers[] = { manager, admin, world.school2 };

    for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) mappings = sam_mapping_store_list (readers[i], world.case_id, &error);
        g_autoptr(GPtrArray) series = NULL;

        assert_denied (error);
        g_assert_null (mappings);
        g_clear_error (&error);
        series = sam_mapping_store_get_series (readers[i], world.case_id, &error);
        assert_denied (error);
        g_assert_null (series);
      }
  }
}

static void
test_series (SamTestFixture *fixture,
             gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  const SamFactorSeries *series;
  const SamFactorPoint *point;
  const SamFactorScore march[] = {
    RISK ("school_absence", 1), PROTECTIVE ("trusted_adult", 3), RISK ("criminal_peers", 2),
  };
  const SamFactorScore january[] = { RISK ("school_absence", 3), PROTECTIVE ("trusted_adult", 1) };
  const SamFactorScore february[] = { RISK ("school_absence", 2), RISK ("substance_use", 1) };
  gint64 id_march, id_january, id_february;
  int first = -1, latest = -1, change = 99;

  world_init (&world, fixture, TRUE);

  /* Recorded out of order: the series follow the day scored. */
  id_march = record (world.social, world.case_id, "2026-03-01", march, G_N_ELEMENTS (march));
  id_january = record (world.social, world.case_id, "2026-01-15", january, G_N_ELEMENTS (january));
  id_february = record (world.social, world.case_id, "2026-02-01", february, G_N_ELEMENTS (february));

  {
    g_autoptr(GPtrArray) mappings = list (world.social, world.case_id);

    g_assert_cmpuint (mappings->len, ==, 3);
    g_assert_cmpint (((SamMapping *) g_ptr_array_index (mappings, 0))->id, ==, id_january);
    g_assert_cmpint (((SamMapping *) g_ptr_array_index (mappings, 1))->id, ==, id_february);
    g_assert_cmpint (((SamMapping *) g_ptr_array_index (mappings, 2))->id, ==, id_march);
  }

  all = sam_mapping_store_get_series (world.social, world.case_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);

  /* Risk factors in catalogue order (substance use 60, school absence
   * 130, criminal peers 160), then the protective ones. */
  g_assert_cmpstr (((SamFactorSeries *) g_ptr_array_index (all, 0))->code, ==, "substance_use");
  g_assert_cmpstr (((SamFactorSeries *) g_ptr_array_index (all, 1))->code, ==, "school_absence");
  g_assert_cmpstr (((SamFactorSeries *) g_ptr_array_index (all, 2))->code, ==, "criminal_peers");
  g_assert_cmpstr (((SamFactorSeries *) g_ptr_array_index (all, 3))->code, ==, "trusted_adult");

  series = find_series (all, "school_absence");
  g_assert_cmpstr (series->label, ==, "School absence");
  g_assert_cmpuint (series->points->len, ==, 3);
  point = &g_array_index (series->points, SamFactorPoint, 0);
  g_assert_cmpstr (point->date, ==, "2026-01-15");
  g_assert_cmpint (point->score, ==, 3);
  g_assert_cmpint (point->mapping_id, ==, id_january);
  point = &g_array_index (series->points, SamFactorPoint, 2);
  g_assert_cmpstr (point->date, ==, "2026-03-01");
  g_assert_cmpint (point->mapping_id, ==, id_march);
  g_assert_true (sam_factor_series_get_change (series, &first, &latest, &change));
  g_assert_cmpint (first, ==, 3);
  g_assert_cmpint (latest, ==, 1);
  g_assert_cmpint (change, ==, -2);

  series = find_series (all, "trusted_adult");
  g_assert_cmpint (series->kind, ==, SAM_CATALOGUE_KIND_PROTECTIVE_FACTOR);
  g_assert_cmpuint (series->points->len, ==, 2);
  g_assert_true (sam_factor_series_get_change (series, &first, &latest, &change));
  g_assert_cmpint (change, ==, 2);

  /* Scored once: no change. */
  series = find_series (all, "substance_use");
  g_assert_cmpuint (series->points->len, ==, 1);
  g_assert_true (sam_factor_series_get_change (series, &first, &latest, &change));
  g_assert_cmpint (first, ==, 1);
  g_assert_cmpint (latest, ==, 1);
  g_assert_cmpint (change, ==, 0);
  g_assert_true (sam_factor_series_get_change (series, NULL, NULL, NULL));

  {
    SamFactorSeries empty = { SAM_CATALOGUE_KIND_RISK_FACTOR, "x", "x", NULL };

    g_assert_false (sam_factor_series_get_change (&empty, &first, &latest, &change));
  }

  g_assert_cmpint (count_rows (world.social,
                               "SELECT count(*) FROM audit_log WHERE action = 'view'"
                               " AND object_type = 'mapping_series' AND reason = 'count:3'"), ==, 1);
}

static void
test_visibility (SamTestFixture *fixture,
                 gconstpointer   data)
{
  g_auto(World) world = { 0 };
  const SamFactorScore good[] = { RISK ("school_absence", 2) };
  g_autoptr(GError) error = NULL;

  world_init (&world, fixture, TRUE);
  record (world.social, world.case_id, "2026-02-03", good, 1);

  /* Social services' own item; the school's under the consent; not the
   * police's, whom no consent covers. */
  {
    g_autoptr(GPtrArray) by_social = list (world.social, world.case_id);
    g_autoptr(GPtrArray) by_school = list (world.school, world.case_id);
    g_autoptr(GPtrArray) by_police = list (world.police, world.case_id);
    g_autoptr(GPtrArray) by_coordinator = list (world.coordinator, world.case_id);
    g_autoptr(GPtrArray) police_series = sam_mapping_store_get_series (world.police, world.case_id,
                                                                       &error);

    g_assert_no_error (error);
    g_assert_cmpuint (by_social->len, ==, 1);
    g_assert_cmpuint (by_school->len, ==, 1);
    g_assert_cmpuint (by_police->len, ==, 0);
    g_assert_cmpuint (by_coordinator->len, ==, 1);
    g_assert_cmpuint (police_series->len, ==, 0);
  }

  /* Withdrawn consent closes the school's view at once. */
  g_assert_true (sam_case_store_withdraw_consent (world.social, world.consent, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) by_school = list (world.school, world.case_id);
    g_autoptr(GPtrArray) by_social = list (world.social, world.case_id);

    g_assert_cmpuint (by_school->len, ==, 0);
    g_assert_cmpuint (by_social->len, ==, 1);
  }
}

static void
test_chronology (SamTestFixture *fixture,
                 gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GError) error = NULL;
  const SamFactorScore good[] = { RISK ("school_absence", 2) };
  gint64 id;
  gboolean found = FALSE;

  world_init (&world, fixture, TRUE);
  id = sam_mapping_store_record (world.social, world.case_id, "2026-02-03", "Kommentar", good, 1,
                                 &error);
  g_assert_no_error (error);

  {
    g_autoptr(GPtrArray) items = sam_chronology_for_case (world.school, world.case_id, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < items->len; i++)
      {
        const SamChronologyItem *item = g_ptr_array_index (items, i);

        if (item->kind != SAM_CHRONOLOGY_MAPPING_RECORDED)
          continue;
        g_assert_false (found);
        found = TRUE;
        g_assert_cmpint (item->object_id, ==, id);
        g_assert_cmpint (item->author_id, ==, sam_session_get_user_id (world.social));
        g_assert_cmpstr (item->agency_name, ==, SAM_TEST_SOCIAL);
        g_assert_cmpstr (item->title, ==, "Factors scored");
        g_assert_cmpstr (item->text, ==, "Kommentar");
      }
    g_assert_true (found);
  }

  {
    g_autoptr(GPtrArray) items = sam_chronology_for_case (world.police, world.case_id, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < items->len; i++)
      g_assert_cmpint (((SamChronologyItem *) g_ptr_array_index (items, i))->kind, !=,
                       SAM_CHRONOLOGY_MAPPING_RECORDED);
  }

  g_assert_cmpstr (sam_chronology_kind_to_string (SAM_CHRONOLOGY_MAPPING_RECORDED), ==,
                   "mapping_recorded");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (sam_security_init (NULL));

#define ADD(path, func) \
  g_test_add (path, SamTestFixture, NULL, set_up, func, sam_test_fixture_tear_down)

  ADD ("/mapping/record", test_record);
  ADD ("/mapping/invalid", test_invalid);
  ADD ("/mapping/refused", test_refused);
  ADD ("/mapping/series", test_series);
  ADD ("/mapping/visibility", test_visibility);
  ADD ("/mapping/chronology", test_chronology);

#undef ADD

  return g_test_run ();
}
