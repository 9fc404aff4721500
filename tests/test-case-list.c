/* test-case-list.c: the lazy, policy-filtered case list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sam-database-private.h"
#include "sam-test-util.h"

/* Helpers --------------------------------------------------------------------------- */

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

static gint64
query_int (SamSession *session,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (session), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

static GArray *
query_ids (SamSession *session,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (session), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  return ids;
}

static gint64
user_id (SamSession *session,
         const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM users WHERE name = '%s'", name);

  return query_int (session, sql);
}

static gint64
area_id (SamSession *session,
         const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM areas WHERE name = '%s'", name);

  return query_int (session, sql);
}

static guint
count_list_audit (SamSession *session,
                  const char *outcome)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE object_type = 'case_list'"
                                          " AND action = 'search' AND outcome = '%s'", outcome);

  return (guint) query_int (session, sql);
}

static gint64
add_person (SamSession *session,
            const char *family,
            const char *given,
            const char *birth_date,
            gint64      area,
            gboolean    protected_identity,
            gint64     *out_guardian)
{
  g_autofree char *sql = NULL;
  g_autofree char *guardian = NULL;
  gint64 person;

  sql = g_strdup_printf ("INSERT INTO persons (given_name, family_name, birth_date, area_id,"
                         " protected_identity, created_at, created_by) VALUES ('%s', '%s', '%s',"
                         " nullif (%" G_GINT64_FORMAT ", 0), %d, '2026-01-01T00:00:00Z', 1)",
                         given, family, birth_date, area, protected_identity ? 1 : 0);
  exec_sql (session, sql);
  person = sqlite3_last_insert_rowid (handle_of (session));

  guardian = g_strdup_printf ("INSERT INTO guardians (person_id, name, custody)"
                              " VALUES (%" G_GINT64_FORMAT ", 'Förälder', 1)", person);
  exec_sql (session, guardian);
  if (out_guardian != NULL)
    *out_guardian = sqlite3_last_insert_rowid (handle_of (session));

  return person;
}

/* Opens a case through the store, then sets when it was opened, so that
 * the order is known. */
static gint64
open_case (SamSession *social,
           gint64      person,
           const char *opened_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamCase) self = sam_case_store_create (social, person, SAM_PREVENTION_INDICATED, NULL, &error);
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  sql = g_strdup_printf ("UPDATE cases SET opened_at = '%s' WHERE id = %" G_GINT64_FORMAT,
                         opened_at, self->id);
  exec_sql (social, sql);

  return self->id;
}

static void
add_to_team (SamSession *social,
             gint64      case_id,
             gint64      user)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_case_store_add_team_member (social, case_id, user, &error));
  g_assert_no_error (error);
}

static gint64
record_consent_full (SamSession *social,
                     gint64      case_id,
                     gint64      guardian,
                     gboolean    young_person,
                     const char *valid_from,
                     const char *valid_to)
{
  g_autoptr(GError) error = NULL;
  gint64 agencies[] = { sam_test_agency_id (social, SAM_TEST_SCHOOL),
                        sam_test_agency_id (social, SAM_TEST_SOCIAL) };
  SamConsentDraft draft = {
    .purpose = "Samverkan kring stöd i skolan",
    .valid_from = valid_from,
    .valid_to = valid_to,
    .guardian_ids = &guardian,
    .n_guardians = 1,
    .young_person_signed = young_person,
    .signed_on = "2026-01-01",
    .agency_ids = agencies,
    .n_agencies = 2,
  };
  gint64 id = sam_case_store_record_consent (social, case_id, &draft, &error);

  g_assert_no_error (error);
  return id;
}

static gint64
record_consent (SamSession *social,
                gint64      case_id,
                gint64      guardian)
{
  return record_consent_full (social, case_id, guardian, FALSE, "2026-01-01", NULL);
}

static SamCaseList *
new_list (SamSession          *session,
          const SamCaseFilter *filter)
{
  g_autoptr(GError) error = NULL;
  SamCaseList *list = sam_case_list_new (session, filter, &error);

  g_assert_no_error (error);
  g_assert_true (SAM_IS_CASE_LIST (list));
  g_assert_true (G_IS_LIST_MODEL (list));

  return list;
}

static void items_changed_cb (GListModel *model,
                              guint       position,
                              guint       removed,
                              guint       added,
                              gpointer    emissions);

/* The row at @position, its page loaded first if need be. A page load
 * announces itself with items-changed; those emissions are not what the
 * tests that count them are about, so they are not counted here. */
static SamCaseRow *
row_at (SamCaseList *list,
        guint        position)
{
  SamCaseRow *row = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_true (SAM_IS_CASE_ROW (row));
  if (sam_case_row_get_is_placeholder (row))
    {
      g_object_unref (row);
      g_signal_handlers_block_matched (list, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, items_changed_cb, NULL);
      _sam_case_list_wait_idle (list);
      g_signal_handlers_unblock_matched (list, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, items_changed_cb, NULL);
      row = g_list_model_get_item (G_LIST_MODEL (list), position);
      g_assert_true (SAM_IS_CASE_ROW (row));
    }

  g_assert_false (sam_case_row_get_is_placeholder (row));
  return row;
}

/* Every row's badge is the policy's own answer. */
static void
assert_badges (SamSession  *session,
               SamCaseList *list)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SamCaseRow) row = row_at (list, i);

      g_assert_cmpint (sam_case_row_get_consent_in_force (row), ==,
                       _sam_policy_consent_in_force (session, sam_case_row_get_id (row), 0, 0));
    }
}

/* The case ids of the whole list, in order. */
static GArray *
list_ids (SamCaseList *list)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SamCaseRow) row = row_at (list, i);
      gint64 id = sam_case_row_get_id (row);

      g_array_append_val (ids, id);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n));

  return ids;
}

static void
assert_ids (GArray       *actual,
            const gint64 *expected,
            guint         n_expected)
{
  g_assert_cmpmem (actual->data, actual->len * sizeof (gint64), expected, n_expected * sizeof (gint64));
}

static guint
count_filtered (SamSession          *session,
                const SamCaseFilter *filter)
{
  g_autoptr(SamCaseList) list = new_list (session, filter);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  g_assert_finalize_object (g_steal_pointer (&list));
  return n;
}

typedef struct
{
  guint n;
  guint position;
  guint removed;
  guint added;
} Emissions;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    data)
{
  Emissions *emissions = data;

  emissions->n++;
  emissions->position = position;
  emissions->removed = removed;
  emissions->added = added;
}

static void
watch (SamCaseList *list,
       Emissions   *emissions)
{
  *emissions = (Emissions) { 0 };
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), emissions);
}

static void
assert_emitted (Emissions *emissions,
                guint      removed,
                guint      added)
{
  g_assert_cmpuint (emissions->n, ==, 1);
  g_assert_cmpuint (emissions->position, ==, 0);
  g_assert_cmpuint (emissions->removed, ==, removed);
  g_assert_cmpuint (emissions->added, ==, added);
  *emissions = (Emissions) { 0 };
}

static void
refresh (SamCaseList *list)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_case_list_refresh (list, &error));
  g_assert_no_error (error);
}

/* A small municipality ---------------------------------------------------------------- */

typedef struct
{
  SamSession *social;
  gint64      school, school2, leisure, police, social_id, social2, coordinator;
  gint64      ekholmen, ryd;
  gint64      cases[6];
  gint64      guardians[6];
} World;

/* Six cases, opened a day apart (cases[5] newest; 1 and 2 in the same
 * second), all by "social", who coordinates and is on every team:
 *   0  school and leisure on the team; consent in force
 *   1  school on the team; protected identity, living in Ryd
 *   2  coordinated by social2 instead; police on the team
 *   3  closed; nobody else on the team
 *   4  school2 on the team; Ryd
 *   5  nobody else; Ekholmen */
static void
build_world (World      *world,
             const char *path)
{
  static const char * const opened[] = {
    "2026-01-01T08:00:00Z", "2026-01-02T08:00:00Z", "2026-01-02T08:00:00Z",
    "2026-01-04T08:00:00Z", "2026-01-05T08:00:00Z", "2026-01-06T08:00:00Z",
  };
  g_autoptr(GError) error = NULL;
  SamSession *social = world->social = sam_test_unlock_user (path, "social");

  world->school = user_id (social, "school");
  world->school2 = user_id (social, "school2");
  world->leisure = user_id (social, "leisure");
  world->police = user_id (social, "police");
  world->social_id = user_id (social, "social");
  world->social2 = user_id (social, "social2");
  world->coordinator = user_id (social, "coordinator");
  world->ekholmen = area_id (social, "Ekholmen");
  world->ryd = area_id (social, "Ryd");

  for (guint i = 0; i < G_N_ELEMENTS (world->cases); i++)
    {
      g_autofree char *family = g_strdup_printf ("Familj%u", i);
      gint64 area = i == 1 || i == 4 ? world->ryd : i == 5 ? world->ekholmen : 0;
      gint64 person = add_person (social, family, "Ung", "2013-03-03", area, i == 1,
                                  &world->guardians[i]);

      world->cases[i] = open_case (social, person, opened[i]);
    }

  add_to_team (social, world->cases[0], world->school);
  add_to_team (social, world->cases[0], world->leisure);
  add_to_team (social, world->cases[1], world->school);
  add_to_team (social, world->cases[2], world->police);
  add_to_team (social, world->cases[4], world->school2);
  g_assert_true (sam_case_store_set_coordinator (social, world->cases[2], world->social2, &error));
  g_assert_no_error (error);
  record_consent (social, world->cases[0], world->guardians[0]);
  g_assert_true (sam_case_store_set_status (social, world->cases[3], SAM_CASE_STATUS_CLOSED,
                                            "goals_met", &error));
  g_assert_no_error (error);
}

static void
world_clear (World *world)
{
  g_clear_object (&world->social);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (World, world_clear)

/* Every row is one the policy lets the viewer open, and every case the
 * policy lets them open is a row. */
static void
assert_matches_policy (SamSession *session,
                       gint64     *all_cases,
                       guint       n_cases)
{
  g_autoptr(SamCaseList) list = new_list (session, NULL);
  g_autoptr(GArray) ids = list_ids (list);
  guint n_allowed = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      SamAccessTarget target = { .case_id = g_array_index (ids, gint64, i) };

      g_assert_true (sam_policy_may (session, SAM_OPERATION_CASE_VIEW, &target));
    }

  for (guint i = 0; i < n_cases; i++)
    {
      SamAccessTarget target = { .case_id = all_cases[i] };
      gboolean listed = FALSE;

      for (guint j = 0; j < ids->len; j++)
        listed |= g_array_index (ids, gint64, j) == all_cases[i];
      g_assert_cmpint (listed, ==, sam_policy_may (session, SAM_OPERATION_CASE_VIEW, &target));
      n_allowed += listed;
    }

  g_assert_cmpuint (n_allowed, ==, ids->len);
  assert_badges (session, list);
  g_assert_finalize_object (g_steal_pointer (&list));
}

/* Tests ------------------------------------------------------------------------------- */

static void
test_order_and_rows (SamTestFixture *fixture,
                     gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamCaseList) list = NULL;
  g_autoptr(SamCaseRow) row = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) thirteen = g_date_time_add_years (now, -13);
  g_autoptr(GDateTime) almost = g_date_time_add_days (thirteen, 1);
  g_autofree char *birthday = g_date_time_format (thirteen, "%Y-%m-%d");
  g_autofree char *tomorrow = g_date_time_format (almost, "%Y-%m-%d");
  g_autofree char *sql = NULL;
  g_autofree char *number = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  SamCaseFilter filter;
  guint status = 99, age = 0;
  gboolean consent = FALSE;

  build_world (&world, fixture->path);

  list = new_list (world.social, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == SAM_TYPE_CASE_ROW);

  /* Newest first; cases 1 and 2 were opened in the same second, so the
   * higher id comes first. */
  ids = list_ids (list);
  assert_ids (ids, (gint64[]) { world.cases[5], world.cases[4], world.cases[3], world.cases[2],
                                world.cases[1], world.cases[0] }, 6);
  g_clear_pointer (&ids, g_array_unref);
  g_assert_finalize_object (g_steal_pointer (&list));

  sam_case_filter_init (&filter);
  filter.sort = SAM_CASE_SORT_OLDEST_FIRST;
  list = new_list (world.social, &filter);
  ids = list_ids (list);
  assert_ids (ids, world.cases, 6);
  g_clear_pointer (&ids, g_array_unref);

  /* What a row shows: the oldest case has a consent in force. */
  row = row_at (list, 0);
  g_object_get (row, "number", &number, "person-name", &name, "status", &status,
                "status-label", &label, "age", &age, "consent-in-force", &consent, NULL);
  g_assert_true (g_str_has_prefix (number, "SV-"));
  g_assert_cmpstr (name, ==, "Familj0, Ung");
  g_assert_cmpuint (status, ==, SAM_CASE_STATUS_PENDING_CONSENT);
  g_assert_cmpstr (label, ==, sam_case_status_get_label (SAM_CASE_STATUS_PENDING_CONSENT));
  g_assert_true (consent);
  g_assert_true (sam_case_row_get_consent_in_force (row));
  g_assert_cmpint (sam_case_row_get_coordinator_id (row), ==, world.social_id);
  g_assert_cmpstr (sam_case_row_get_opened_at (row), ==, "2026-01-01T08:00:00Z");
  g_assert_null (sam_case_row_get_next_date (row));
  g_clear_object (&row);

  row = row_at (list, 3);
  g_assert_cmpint (sam_case_row_get_status (row), ==, SAM_CASE_STATUS_CLOSED);
  g_assert_cmpstr (sam_case_row_get_status_label (row), ==,
                   sam_case_status_get_label (SAM_CASE_STATUS_CLOSED));
  g_assert_false (sam_case_row_get_consent_in_force (row));
  g_clear_object (&row);

  row = row_at (list, 2);
  g_assert_cmpint (sam_case_row_get_coordinator_id (row), ==, world.social2);
  g_clear_object (&row);
  g_assert_finalize_object (g_steal_pointer (&list));

  /* Age in whole years today: thirteen on the birthday, twelve the day
   * before it. */
  sql = g_strdup_printf ("UPDATE persons SET birth_date = '%s' WHERE family_name = 'Familj5';"
                         "UPDATE persons SET birth_date = '%s' WHERE family_name = 'Familj4'",
                         birthday, tomorrow);
  exec_sql (world.social, sql);
  list = new_list (world.social, NULL);
  row = row_at (list, 0);
  g_assert_cmpuint (sam_case_row_get_age (row), ==, 13);
  g_clear_object (&row);
  row = row_at (list, 1);
  g_assert_cmpuint (sam_case_row_get_age (row), ==, 12);
  g_clear_object (&row);
  g_assert_finalize_object (g_steal_pointer (&list));
}

/* The badge follows the policy's consent test in every case it knows. */
static void
test_consent_badge (SamTestFixture *fixture,
                    gconstpointer   data)
{
  static const struct
  {
    const char *birth_date;
    gboolean    young_person_signed;
    const char *valid_from;
    const char *valid_to;
    gboolean    withdraw;
    gboolean    second_guardian;
    gboolean    in_force;
  } cases[] = {
    { "2013-03-03", FALSE, "2026-01-01", NULL, FALSE, FALSE, TRUE },
    { "2013-03-03", FALSE, "2026-01-01", NULL, TRUE, FALSE, FALSE },          /* withdrawn */
    { "2013-03-03", FALSE, "2025-01-01", "2025-12-31", FALSE, FALSE, FALSE }, /* run out */
    { "2013-03-03", FALSE, "2099-01-01", NULL, FALSE, FALSE, FALSE },         /* not yet */
    { "2008-03-03", FALSE, "2026-01-01", NULL, FALSE, FALSE, FALSE },         /* over 15, unsigned */
    { "2008-03-03", TRUE, "2026-01-01", NULL, FALSE, FALSE, TRUE },
    { "2013-03-03", FALSE, "2026-01-01", NULL, FALSE, TRUE, FALSE },          /* a guardian missing */
  };
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  g_autoptr(SamCaseList) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[G_N_ELEMENTS (cases)];

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *opened = g_strdup_printf ("2026-01-%02uT08:00:00Z", i + 1);
      gint64 guardian, consent;
      gint64 person = add_person (social, "Familj", "Ung", cases[i].birth_date, 0, FALSE, &guardian);

      ids[i] = open_case (social, person, opened);
      consent = record_consent_full (social, ids[i], guardian, cases[i].young_person_signed,
                                     cases[i].valid_from, cases[i].valid_to);
      if (cases[i].withdraw)
        g_assert_true (sam_case_store_withdraw_consent (social, consent, &error));
      g_assert_no_error (error);
      if (cases[i].second_guardian)
        {
          g_autofree char *sql = g_strdup_printf ("INSERT INTO guardians (person_id, name, custody)"
                                                  " VALUES (%" G_GINT64_FORMAT ", 'Förälder 2', 1)",
                                                  person);
          exec_sql (social, sql);
        }
    }

  list = new_list (social, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* Newest first: case i is at the end, counting back. */
      g_autoptr(SamCaseRow) row = row_at (list, G_N_ELEMENTS (cases) - 1 - i);

      g_assert_cmpint (sam_case_row_get_id (row), ==, ids[i]);
      g_assert_cmpint (sam_case_row_get_consent_in_force (row), ==, cases[i].in_force);
    }
  assert_badges (social, list);
  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
test_filters (SamTestFixture *fixture,
              gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamSession) school = sam_test_unlock_user (fixture->path, "school");
  g_autoptr(SamSession) coordinator = sam_test_unlock_user (fixture->path, "coordinator");
  g_autoptr(SamSession) social2 = sam_test_unlock_user (fixture->path, "social2");
  g_autoptr(GError) error = NULL;
  SamCaseFilter filter;

  build_world (&world, fixture->path);

  /* Status. */
  sam_case_filter_init (&filter);
  filter.status = SAM_CASE_STATUS_CLOSED;
  g_assert_cmpuint (count_filtered (world.social, &filter), ==, 1);
  filter.status = SAM_CASE_STATUS_PENDING_CONSENT;
  g_assert_cmpuint (count_filtered (world.social, &filter), ==, 5);
  filter.status = SAM_CASE_STATUS_ACTIVE;
  g_assert_cmpuint (count_filtered (world.social, &filter), ==, 0);

  /* Coordinator. */
  sam_case_filter_init (&filter);
  filter.coordinator_id = world.social2;
  g_assert_cmpuint (count_filtered (world.social, &filter), ==, 1);
  g_assert_cmpuint (count_filtered (coordinator, &filter), ==, 1);
  filter.coordinator_id = world.social_id;
  g_assert_cmpuint (count_filtered (world.social, &filter), ==, 5);

  /* Area. Case 1's young person has a protected identity: only the
   * coordinator of their case may find them by where they live. */
  sam_case_filter_init (&filter);
  filter.area_id = world.ryd;
  g_assert_cmpuint (count_filtered (world.social, &filter), ==, 2);
  g_assert_cmpuint (count_filtered (coordinator, &filter), ==, 1);
  g_assert_cmpuint (count_filtered (school, &filter), ==, 0);
  filter.area_id = world.ekholmen;
  g_assert_cmpuint (count_filtered (world.social, &filter), ==, 1);
  g_assert_cmpuint (count_filtered (school, &filter), ==, 0);

  /* Mine: the coordinator role sees all six, but is on no team yet. */
  sam_case_filter_init (&filter);
  filter.mine = TRUE;
  g_assert_cmpuint (count_filtered (coordinator, NULL), ==, 6);
  g_assert_cmpuint (count_filtered (coordinator, &filter), ==, 0);
  add_to_team (world.social, world.cases[3], world.coordinator);
  g_assert_cmpuint (count_filtered (coordinator, &filter), ==, 1);
  /* social2 coordinates case 2; emergency access is not "mine". */
  g_assert_true (sam_case_store_break_glass (social2, world.cases[5],
                                             "Akut läge, polisen har ringt om pojken", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_filtered (social2, NULL), ==, 2);
  g_assert_cmpuint (count_filtered (social2, &filter), ==, 1);
  g_assert_cmpuint (count_filtered (school, &filter), ==, 2);

  /* Filters combine. */
  filter.status = SAM_CASE_STATUS_PENDING_CONSENT;
  filter.area_id = world.ryd;
  g_assert_cmpuint (count_filtered (world.social, &filter), ==, 2);
  filter.coordinator_id = world.social2;
  g_assert_cmpuint (count_filtered (world.social, &filter), ==, 0);
}

static void
test_visibility (SamTestFixture *fixture,
                 gconstpointer   data)
{
  static const char * const viewers[] = {
    "school", "school2", "leisure", "police", "social", "social2", "coordinator",
  };
  static const struct
  {
    const char *user;
    guint       n_cases;
  } expected[] = {
    { "school", 2 }, { "school2", 1 }, { "leisure", 1 }, { "police", 1 },
    { "social", 6 }, { "social2", 1 }, { "coordinator", 6 },
  };
  g_auto(World) world = { 0 };
  g_autoptr(GError) error = NULL;

  build_world (&world, fixture->path);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(SamSession) session = sam_test_unlock_user (fixture->path, expected[i].user);

      g_assert_cmpuint (count_filtered (session, NULL), ==, expected[i].n_cases);
    }

  for (guint i = 0; i < G_N_ELEMENTS (viewers); i++)
    {
      g_autoptr(SamSession) session = sam_test_unlock_user (fixture->path, viewers[i]);

      assert_matches_policy (session, world.cases, G_N_ELEMENTS (world.cases));
    }

  /* The school user sees exactly the cases they are on the team of. */
  {
    g_autoptr(SamSession) school = sam_test_unlock_user (fixture->path, "school");
    g_autoptr(SamCaseList) list = new_list (school, NULL);
    g_autoptr(GArray) ids = list_ids (list);

    assert_ids (ids, (gint64[]) { world.cases[1], world.cases[0] }, 2);
    g_clear_pointer (&ids, g_array_unref);
    g_assert_finalize_object (g_steal_pointer (&list));
  }

  /* Managers and administrators get no list, and the refusal is logged. */
  {
    g_autoptr(SamSession) manager = sam_test_unlock_user (fixture->path, "manager");
    g_autoptr(SamSession) admin = sam_test_unlock_admin (fixture->path);
    g_autoptr(SamCaseList) list = NULL;

    g_assert_cmpuint (count_list_audit (manager, "denied"), ==, 0);
    list = sam_case_list_new (manager, NULL, &error);
    g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
    g_assert_null (list);
    g_clear_error (&error);
    list = sam_case_list_new (admin, NULL, &error);
    g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
    g_assert_null (list);
    g_clear_error (&error);
    g_assert_cmpuint (count_list_audit (manager, "denied"), ==, 2);
  }

  /* Break-the-glass: the case is there while the grant is. */
  {
    g_autoptr(SamSession) social2 = sam_test_unlock_user (fixture->path, "social2");
    g_autoptr(SamCaseList) list = new_list (social2, NULL);
    Emissions emissions;

    watch (list, &emissions);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
    g_assert_true (sam_case_store_break_glass (social2, world.cases[4],
                                               "Akut: polisen har ringt om flickan i kväll", &error));
    g_assert_no_error (error);
    refresh (list);
    assert_emitted (&emissions, 1, 2);
    assert_matches_policy (social2, world.cases, G_N_ELEMENTS (world.cases));

    g_assert_true (sam_case_store_end_break_glass (social2, world.cases[4], &error));
    g_assert_no_error (error);
    refresh (list);
    assert_emitted (&emissions, 2, 1);
    assert_matches_policy (social2, world.cases, G_N_ELEMENTS (world.cases));
    g_assert_finalize_object (g_steal_pointer (&list));
  }
}

/* A grant running out takes its case off the list by itself. */
static gboolean
quit_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_break_glass_expiry (SamTestFixture *fixture,
                         gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamSession) social2 = NULL;
  g_autoptr(SamCaseList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) soon = g_date_time_add_seconds (now, 2);
  g_autofree char *ends = g_date_time_format (soon, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *sql = g_strdup_printf ("UPDATE break_glass SET ends_at = '%s'", ends);
  gboolean timed_out = FALSE;
  Emissions emissions;
  guint timeout;

  build_world (&world, fixture->path);
  social2 = sam_test_unlock_user (fixture->path, "social2");
  g_assert_true (sam_case_store_break_glass (social2, world.cases[4],
                                             "Akut: polisen har ringt om flickan i kväll", &error));
  g_assert_no_error (error);
  exec_sql (social2, sql);

  list = new_list (social2, NULL);
  watch (list, &emissions);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  timeout = g_timeout_add_seconds (10, quit_cb, &timed_out);
  while (emissions.n == 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);

  assert_emitted (&emissions, 2, 1);
  assert_matches_policy (social2, world.cases, G_N_ELEMENTS (world.cases));
  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
test_refresh (SamTestFixture *fixture,
              gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamSession) school = NULL;
  g_autoptr(SamCaseList) list = NULL;
  g_autoptr(SamCaseRow) row = NULL;
  g_autoptr(SamCase) opened = NULL;
  g_autoptr(GError) error = NULL;
  Emissions emissions;
  guint n_audit;
  gint64 guardian, person, added;

  build_world (&world, fixture->path);
  school = sam_test_unlock_user (fixture->path, "school");
  list = new_list (school, NULL);
  watch (list, &emissions);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  n_audit = count_list_audit (school, "ok");

  /* Nothing written: nothing emitted, nothing logged. */
  refresh (list);
  refresh (list);
  g_assert_cmpuint (emissions.n, ==, 0);
  g_assert_cmpuint (count_list_audit (school, "ok"), ==, n_audit);

  /* Opening a case writes an audit row, but changes no row of the list. */
  opened = sam_case_store_get (school, world.cases[0], &error);
  g_assert_no_error (error);
  refresh (list);
  g_assert_cmpuint (emissions.n, ==, 0);
  g_assert_cmpuint (count_list_audit (school, "ok"), ==, n_audit);

  /* Writes that do not touch the school user's cases change nothing. */
  add_to_team (world.social, world.cases[5], world.police);
  refresh (list);
  g_assert_cmpuint (emissions.n, ==, 0);

  /* A new case with the school user on its team: one emission, replacing
   * all, and one audit row. */
  person = add_person (world.social, "Nyfamilj", "Ung", "2012-12-12", 0, FALSE, &guardian);
  added = open_case (world.social, person, "2026-02-01T08:00:00Z");
  add_to_team (world.social, added, world.school);
  refresh (list);
  assert_emitted (&emissions, 2, 3);
  g_assert_cmpuint (count_list_audit (school, "ok"), ==, n_audit + 1);
  row = row_at (list, 0);
  g_assert_cmpint (sam_case_row_get_id (row), ==, added);
  g_assert_false (sam_case_row_get_consent_in_force (row));
  g_clear_object (&row);
  refresh (list);
  g_assert_cmpuint (emissions.n, ==, 0);

  /* Same count, new content: a consent in force changes the badge. */
  record_consent (world.social, added, guardian);
  refresh (list);
  assert_emitted (&emissions, 3, 3);
  row = row_at (list, 0);
  g_assert_true (sam_case_row_get_consent_in_force (row));
  g_clear_object (&row);

  /* And a status change. */
  g_assert_true (sam_case_store_set_status (world.social, added, SAM_CASE_STATUS_ACTIVE, NULL, &error));
  g_assert_no_error (error);
  refresh (list);
  assert_emitted (&emissions, 3, 3);
  row = row_at (list, 0);
  g_assert_cmpint (sam_case_row_get_status (row), ==, SAM_CASE_STATUS_ACTIVE);
  g_clear_object (&row);

  /* Taken off the team: gone at the next refresh. */
  g_assert_true (sam_case_store_remove_team_member (world.social, added, world.school, &error));
  g_assert_no_error (error);
  refresh (list);
  assert_emitted (&emissions, 3, 2);
  assert_matches_policy (school, world.cases, G_N_ELEMENTS (world.cases));

  g_assert_finalize_object (g_steal_pointer (&list));
}

/* A new day changes ages and consents without a write: a refresh must
 * look. The day is moved on by moving east, from UTC−12 to UTC+14. */
static void
test_new_day (SamTestFixture *fixture,
              gconstpointer   data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  g_autoptr(GTimeZone) east = g_time_zone_new_identifier ("Etc/GMT-14");
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autoptr(SamCaseList) list = NULL;
  g_autoptr(SamCaseRow) row = NULL;
  g_autofree char *birth_date = NULL;
  Emissions emissions;

  if (east == NULL)
    {
      g_test_skip ("No time zone data");
      return;
    }

  /* Thirteen years old on the east's date, which is a later day than the
   * west's. */
  tomorrow = g_date_time_new_now (east);
  if (g_date_time_get_month (tomorrow) == 2 && g_date_time_get_day_of_month (tomorrow) == 29)
    {
      g_test_skip ("No thirteenth birthday on 29 February");
      return;
    }
  birth_date = g_strdup_printf ("%04d-%02d-%02d", g_date_time_get_year (tomorrow) - 13,
                                g_date_time_get_month (tomorrow),
                                g_date_time_get_day_of_month (tomorrow));
  open_case (social, add_person (social, "Familj", "Ung", birth_date, 0, FALSE, NULL),
             "2026-01-01T08:00:00Z");

  g_setenv ("TZ", "Etc/GMT+12", TRUE);
  list = new_list (social, NULL);
  watch (list, &emissions);
  row = row_at (list, 0);
  g_assert_cmpuint (sam_case_row_get_age (row), ==, 12);
  g_clear_object (&row);
  refresh (list);
  g_assert_cmpuint (emissions.n, ==, 0);

  g_setenv ("TZ", "Etc/GMT-14", TRUE);
  refresh (list);
  assert_emitted (&emissions, 1, 1);
  row = row_at (list, 0);
  g_assert_cmpuint (sam_case_row_get_age (row), ==, 13);
  g_clear_object (&row);
  g_setenv ("TZ", "UTC", TRUE);

  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
count_notify_cb (SamCaseList *list,
                 GParamSpec  *pspec,
                 guint       *n_notify)
{
  (*n_notify)++;
}

static void
test_clear_and_lock (SamTestFixture *fixture,
                     gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamCaseList) list = NULL;
  g_autoptr(SamCaseRow) row = NULL;
  g_autoptr(GError) error = NULL;
  guint loaded, cached, n_notify = 0;
  Emissions emissions;

  build_world (&world, fixture->path);
  list = new_list (world.social, NULL);
  watch (list, &emissions);
  g_signal_connect (list, "notify::n-items", G_CALLBACK (count_notify_cb), &n_notify);

  row = row_at (list, 0);
  g_clear_object (&row);
  _sam_case_list_get_page_stats (list, &loaded, NULL, &cached);
  g_assert_cmpuint (cached, ==, 1);

  sam_case_list_clear (list);
  assert_emitted (&emissions, 6, 0);
  g_assert_cmpuint (n_notify, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 0));
  _sam_case_list_get_page_stats (list, NULL, NULL, &cached);
  g_assert_cmpuint (cached, ==, 0);

  /* Clearing an empty list says nothing. */
  sam_case_list_clear (list);
  g_assert_cmpuint (emissions.n, ==, 0);

  /* A refresh fills it again. */
  refresh (list);
  assert_emitted (&emissions, 0, 6);

  /* Locking empties it by itself; it stays empty. */
  sam_session_lock (world.social);
  assert_emitted (&emissions, 6, 0);
  g_assert_false (sam_case_list_refresh (list, &error));
  g_assert_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED);
  g_assert_cmpuint (emissions.n, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_clear_error (&error);

  g_assert_null (sam_case_list_new (world.social, NULL, &error));
  g_assert_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED);

  g_assert_finalize_object (g_steal_pointer (&list));
}

static void
test_audit (SamTestFixture *fixture,
            gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamSession) admin = NULL;
  g_autoptr(SamCaseList) list = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  SamAuditFilter filter;
  SamAuditRecord *record;
  guint before;

  build_world (&world, fixture->path);
  before = (guint) query_int (world.social, "SELECT count(*) FROM audit_log");

  /* One row for the listing; none for reading every row. */
  list = new_list (world.social, NULL);
  ids = list_ids (list);
  g_assert_cmpuint (query_int (world.social, "SELECT count(*) FROM audit_log"), ==, before + 1);
  g_assert_finalize_object (g_steal_pointer (&list));

  admin = sam_test_unlock_admin (fixture->path);
  sam_audit_filter_init (&filter);
  filter.action = SAM_AUDIT_SEARCH;
  filter.user_id = world.social_id;
  records = sam_audit_list (admin, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpstr (record->object_type, ==, "case_list");
  g_assert_cmpstr (record->reason, ==, "count:6");
  g_assert_cmpint (record->outcome, ==, SAM_AUDIT_OUTCOME_OK);
  g_assert_cmpint (record->case_id, ==, 0);
  g_assert_cmpint (record->person_id, ==, 0);
}

/* Many cases ------------------------------------------------------------------------- */

/* @n young persons and their cases, written straight into the tables in
 * one transaction: coordinated by social (every fifth by social2), with the
 * coordinator on the team, the school user on every seventh, a consent in
 * force on half of them, and three cases opened in each minute, so that
 * the sort key has ties. Meant for a fresh database. */
static void
add_many_cases (SamSession *social,
                guint       n)
{
  g_autofree char *persons = NULL;
  g_autofree char *cases = NULL;
  g_autofree char *team = NULL;
  g_autofree char *consents = NULL;
  gint64 first = query_int (social, "SELECT coalesce (max (id), 0) + 1 FROM persons");
  gint64 social_id = user_id (social, "social");
  gint64 social2 = user_id (social, "social2");
  gint64 school = user_id (social, "school");

  persons = g_strdup_printf ("WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %u)"
                             " INSERT INTO persons (given_name, family_name, birth_date, created_at, created_by)"
                             " SELECT 'Ung' || i, 'Person' || i, printf ('%%04d-%%02d-%%02d', 2006 + i %% 10,"
                             "   1 + i %% 12, 1 + i %% 28), '2026-01-01T00:00:00Z', 1 FROM n", n);
  cases = g_strdup_printf ("INSERT INTO cases (number, person_id, coordinator_id, prevention_level, status,"
                           "                   closing_reason, opened_at, closed_at)"
                           " SELECT printf ('SV-2024-%%04d', p.id), p.id,"
                           "   CASE p.id %% 5 WHEN 0 THEN %" G_GINT64_FORMAT " ELSE %" G_GINT64_FORMAT " END,"
                           "   'indicated',"
                           "   CASE p.id %% 4 WHEN 0 THEN 'pending_consent' WHEN 1 THEN 'active'"
                           "                  WHEN 2 THEN 'follow_up' ELSE 'closed' END,"
                           "   CASE p.id %% 4 WHEN 3 THEN 'goals_met' END,"
                           "   strftime ('%%Y-%%m-%%dT%%H:%%M:%%SZ', '2024-01-01', '+' || (p.id / 3) || ' minutes'),"
                           "   CASE p.id %% 4 WHEN 3 THEN '2025-01-01T00:00:00Z' END"
                           " FROM persons p WHERE p.id >= %" G_GINT64_FORMAT,
                           social2, social_id, first);
  team = g_strdup_printf ("INSERT INTO case_team (case_id, user_id)"
                          " SELECT id, coordinator_id FROM cases WHERE person_id >= %" G_GINT64_FORMAT
                          " UNION ALL SELECT id, %" G_GINT64_FORMAT " FROM cases"
                          "  WHERE person_id >= %" G_GINT64_FORMAT " AND id %% 7 = 0",
                          first, school, first);

  /* Active and follow-up cases have a consent in force: signed by the one
   * guardian and by the young person. */
  consents = g_strdup_printf ("INSERT INTO guardians (person_id, name, custody)"
                              " SELECT id, 'Förälder', 1 FROM persons WHERE id >= %" G_GINT64_FORMAT ";"
                              "INSERT INTO consents (id, case_id, purpose, valid_from, recorded_by, recorded_at)"
                              " SELECT id, id, 'Samverkan', '2024-01-01', %" G_GINT64_FORMAT ","
                              "   '2024-01-01T00:00:00Z' FROM cases"
                              " WHERE person_id >= %" G_GINT64_FORMAT " AND status IN ('active', 'follow_up');"
                              "INSERT INTO consent_signatories (consent_id, guardian_id, is_young_person, signed_on)"
                              " SELECT k.id, g.id, 0, '2024-01-01' FROM consents k JOIN cases c ON c.id = k.case_id"
                              "   JOIN guardians g ON g.person_id = c.person_id WHERE c.person_id >= %" G_GINT64_FORMAT
                              " UNION ALL SELECT k.id, NULL, 1, '2024-01-01' FROM consents k"
                              "   JOIN cases c ON c.id = k.case_id WHERE c.person_id >= %" G_GINT64_FORMAT,
                              first, social_id, first, first, first);

  exec_sql (social, "BEGIN IMMEDIATE");
  exec_sql (social, persons);
  exec_sql (social, cases);
  exec_sql (social, team);
  exec_sql (social, consents);
  exec_sql (social, "COMMIT");
}

/* The index the paging queries want (see the report for migration 4); a
 * no-op once the schema has it. */
static void
ensure_index (SamSession *session)
{
  exec_sql (session, "CREATE INDEX IF NOT EXISTS cases_opened ON cases (opened_at, id)");
}

static void
test_paging (SamTestFixture *fixture,
             gconstpointer   data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  g_autoptr(SamSession) coordinator = sam_test_unlock_user (fixture->path, "coordinator");
  g_autoptr(SamCaseList) list = NULL;
  g_autoptr(SamCaseRow) first = NULL;
  g_autoptr(SamCaseRow) last = NULL;
  g_autoptr(SamCaseRow) again = NULL;
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GArray) ids = NULL;
  guint loaded, by_offset, cached;

  add_many_cases (social, 5000);
  ensure_index (social);
  expected = query_ids (social, "SELECT id FROM cases ORDER BY opened_at DESC, id DESC");
  g_assert_cmpuint (expected->len, ==, 5000);

  list = new_list (coordinator, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5000);
  _sam_case_list_get_page_stats (list, &loaded, NULL, &cached);
  g_assert_cmpuint (loaded, ==, 0);
  g_assert_cmpuint (cached, ==, 0);

  /* The first and the last item: two pages, nothing in between. */
  first = row_at (list, 0);
  last = row_at (list, 4999);
  _sam_case_list_get_page_stats (list, &loaded, &by_offset, &cached);
  g_assert_cmpuint (loaded, ==, 2);
  g_assert_cmpuint (by_offset, ==, 1);
  g_assert_cmpuint (cached, ==, 2);
  g_assert_cmpint (sam_case_row_get_id (first), ==, g_array_index (expected, gint64, 0));
  g_assert_cmpint (sam_case_row_get_id (last), ==, g_array_index (expected, gint64, 4999));

  /* A cached row is the same object. */
  again = row_at (list, 0);
  g_assert_true (again == first);
  g_clear_object (&again);
  _sam_case_list_get_page_stats (list, &loaded, NULL, NULL);
  g_assert_cmpuint (loaded, ==, 2);

  /* Walking forwards reads every page after the first, each from the one
   * before (the last page again: it was the least recently used by
   * then), and never holds more than the cache's worth. */
  ids = list_ids (list);
  g_assert_cmpmem (ids->data, ids->len * sizeof (gint64), expected->data, expected->len * sizeof (gint64));
  _sam_case_list_get_page_stats (list, &loaded, &by_offset, &cached);
  g_assert_cmpuint (loaded, ==, 2 + (5000 + SAM_CASE_LIST_PAGE_SIZE - 1) / SAM_CASE_LIST_PAGE_SIZE - 1);
  g_assert_cmpuint (by_offset, ==, 1);
  g_assert_cmpuint (cached, ==, SAM_CASE_LIST_MAX_PAGES);
  g_clear_pointer (&ids, g_array_unref);
  g_clear_object (&first);
  g_clear_object (&last);
  assert_badges (coordinator, list);
  g_assert_finalize_object (g_steal_pointer (&list));

  /* Walking backwards from the end reads each page from the one after. */
  list = new_list (coordinator, NULL);
  for (guint i = 5000; i-- > 0;)
    {
      g_autoptr(SamCaseRow) row = row_at (list, i);

      g_assert_cmpint (sam_case_row_get_id (row), ==, g_array_index (expected, gint64, i));
    }
  _sam_case_list_get_page_stats (list, &loaded, &by_offset, NULL);
  g_assert_cmpuint (loaded, ==, (5000 + SAM_CASE_LIST_PAGE_SIZE - 1) / SAM_CASE_LIST_PAGE_SIZE);
  g_assert_cmpuint (by_offset, ==, 1);
  g_assert_finalize_object (g_steal_pointer (&list));

  /* The relation path pages the same way: the school user's cases. */
  {
    g_autoptr(SamSession) school = sam_test_unlock_user (fixture->path, "school");
    g_autoptr(GArray) own = query_ids (social, "SELECT c.id FROM cases c JOIN case_team t ON t.case_id = c.id"
                                               " AND t.user_id = (SELECT id FROM users WHERE name = 'school')"
                                               " ORDER BY c.opened_at DESC, c.id DESC");
    SamCaseFilter filter;

    sam_case_filter_init (&filter);
    list = new_list (school, &filter);
    g_assert_cmpuint (own->len, ==, 714);
    ids = list_ids (list);
    g_assert_cmpmem (ids->data, ids->len * sizeof (gint64), own->data, own->len * sizeof (gint64));
    _sam_case_list_get_page_stats (list, &loaded, &by_offset, NULL);
    g_assert_cmpuint (loaded, ==, (714 + SAM_CASE_LIST_PAGE_SIZE - 1) / SAM_CASE_LIST_PAGE_SIZE);
    g_assert_cmpuint (by_offset, ==, 0);
    g_clear_pointer (&ids, g_array_unref);
    g_assert_finalize_object (g_steal_pointer (&list));

    /* Oldest first, with a status filter, against the same query in SQL. */
    g_clear_pointer (&own, g_array_unref);
    own = query_ids (social, "SELECT id FROM cases WHERE status = 'active' ORDER BY opened_at, id");
    filter.status = SAM_CASE_STATUS_ACTIVE;
    filter.sort = SAM_CASE_SORT_OLDEST_FIRST;
    list = new_list (coordinator, &filter);
    ids = list_ids (list);
    g_assert_cmpuint (own->len, ==, 1250);
    g_assert_cmpmem (ids->data, ids->len * sizeof (gint64), own->data, own->len * sizeof (gint64));
    g_clear_pointer (&ids, g_array_unref);
    g_assert_finalize_object (g_steal_pointer (&list));
  }

  /* A viewer with many cases: social coordinates four in five. A jump into
   * the middle, then on both ways from there. */
  {
    g_autoptr(GArray) own = query_ids (social, "SELECT c.id FROM cases c WHERE c.coordinator_id ="
                                               " (SELECT id FROM users WHERE name = 'social')"
                                               " OR EXISTS (SELECT 1 FROM case_team t WHERE t.case_id = c.id"
                                               "   AND t.user_id = (SELECT id FROM users WHERE name = 'social'))"
                                               " ORDER BY c.opened_at DESC, c.id DESC");
    guint middle = 2000;

    list = new_list (social, NULL);
    g_assert_cmpuint (own->len, ==, 4000);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4000);
    for (guint i = middle; i < own->len; i++)
      {
        g_autoptr(SamCaseRow) row = row_at (list, i);

        g_assert_cmpint (sam_case_row_get_id (row), ==, g_array_index (own, gint64, i));
      }
    for (guint i = middle; i-- > 0;)
      {
        g_autoptr(SamCaseRow) row = row_at (list, i);

        g_assert_cmpint (sam_case_row_get_id (row), ==, g_array_index (own, gint64, i));
      }
    /* From the middle's page to the last, then down to the first: the
     * middle's page again only if the cache dropped it meanwhile. Only
     * the jump needed an OFFSET. */
    {
      guint middle_page = middle / SAM_CASE_LIST_PAGE_SIZE;
      guint forward = (4000 + SAM_CASE_LIST_PAGE_SIZE - 1) / SAM_CASE_LIST_PAGE_SIZE - middle_page;
      guint backward = middle_page + (forward > SAM_CASE_LIST_MAX_PAGES ? 1 : 0);

      _sam_case_list_get_page_stats (list, &loaded, &by_offset, NULL);
      g_assert_cmpuint (loaded, ==, forward + backward);
    }
    g_assert_cmpuint (by_offset, ==, 1);
    assert_matches_policy (social, (gint64 *) (gpointer) expected->data, expected->len);
    g_assert_finalize_object (g_steal_pointer (&list));
  }
}

static void
open_first_case (SamSession *social)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamCase) opened = sam_case_store_get (social, 1, &error);

  g_assert_no_error (error);
}

/* The case at @position of the coordinator's list, newest first. */
static gint64
case_at (SamSession *session,
         guint       position)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM cases ORDER BY opened_at DESC, id DESC"
                                          " LIMIT 1 OFFSET %u", position);

  return query_int (session, sql);
}

/* Moves case @id next to the case at @position, giving it the same
 * opening time. */
static void
move_case (SamSession *session,
           gint64      id,
           guint       position)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE cases SET opened_at = (SELECT opened_at FROM cases"
                                          " WHERE id = %" G_GINT64_FORMAT ")"
                                          " WHERE id = %" G_GINT64_FORMAT,
                                          case_at (session, position), id);

  exec_sql (session, sql);
}

static void
assert_list_order (SamSession  *session,
                   SamCaseList *list)
{
  g_autoptr(GArray) expected = query_ids (session, "SELECT id FROM cases ORDER BY opened_at DESC, id DESC");
  g_autoptr(GArray) ids = list_ids (list);

  g_assert_cmpmem (ids->data, ids->len * sizeof (gint64), expected->data, expected->len * sizeof (gint64));
}

static void
hold_pages (SamCaseList *list,
            guint        first,
            guint        last)
{
  for (guint i = first; i <= last; i++)
    g_object_unref (row_at (list, i * SAM_CASE_LIST_PAGE_SIZE));
}

/* With many pages: a refresh compares the pages the list holds, by their
 * rows and by where they begin, and nothing else. */
static void
test_refresh_pages (SamTestFixture *fixture,
                    gconstpointer   data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  g_autoptr(SamSession) coordinator = sam_test_unlock_user (fixture->path, "coordinator");
  g_autoptr(SamCaseList) list = NULL;
  g_autoptr(SamCaseRow) row = NULL;
  g_autofree char *sql = NULL;
  Emissions emissions;
  gint64 id;

  add_many_cases (social, 5000);
  ensure_index (social);
  list = new_list (coordinator, NULL);
  watch (list, &emissions);
  hold_pages (list, 0, 0);
  hold_pages (list, 10, 10);

  /* A change on a page it does not hold: nothing to tell; the page is
   * read as it is now when asked for. */
  id = case_at (social, 4000);
  sql = g_strdup_printf ("UPDATE cases SET status = 'closed', closing_reason = 'moved',"
                         " closed_at = '2026-01-01T00:00:00Z' WHERE id = %" G_GINT64_FORMAT, id);
  exec_sql (social, sql);
  refresh (list);
  g_assert_cmpuint (emissions.n, ==, 0);
  row = row_at (list, 4000);
  g_assert_cmpint (sam_case_row_get_id (row), ==, id);
  g_assert_cmpint (sam_case_row_get_status (row), ==, SAM_CASE_STATUS_CLOSED);
  g_clear_object (&row);

  /* A case moves onto a page it holds. */
  move_case (social, case_at (social, 3000), 0);
  refresh (list);
  assert_emitted (&emissions, 5000, 5000);
  assert_list_order (social, list);

  /* A case moves from after a page it holds to before it, both off the
   * pages it holds: the page's rows are the same, but not where it
   * begins. */
  sam_case_list_clear (list);
  refresh (list);
  emissions = (Emissions) { 0 };
  hold_pages (list, 10, 10);
  move_case (social, case_at (social, 4500), 100);
  refresh (list);
  assert_emitted (&emissions, 5000, 5000);

  /* A case moves within pages it does not hold, taking with it the first
   * row of a page it has read and dropped: nothing to tell, and no page is
   * then read from the stale key. */
  sam_case_list_clear (list);
  refresh (list);
  emissions = (Emissions) { 0 };
  hold_pages (list, 0, SAM_CASE_LIST_MAX_PAGES + 1);
  move_case (social, case_at (social, SAM_CASE_LIST_PAGE_SIZE), 10);
  refresh (list);
  g_assert_cmpuint (emissions.n, ==, 0);
  assert_list_order (social, list);

  g_assert_finalize_object (g_steal_pointer (&list));
}

/* Not a pass mark: how long the list takes, for the report. Set
 * SAM_TEST_CASE_LIST_N to try another size. */
static void
test_timing (SamTestFixture *fixture,
             gconstpointer   data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  const char *size = g_getenv ("SAM_TEST_CASE_LIST_N");
  guint n = size != NULL ? (guint) g_ascii_strtoull (size, NULL, 10) : 5000;
  const char * const viewers[] = { "coordinator", "school" };

  add_many_cases (social, n);
  ensure_index (social);

  for (guint v = 0; v < G_N_ELEMENTS (viewers); v++)
    {
      g_autoptr(SamSession) session = sam_test_unlock_user (fixture->path, viewers[v]);
      g_autoptr(SamCaseList) list = NULL;
      g_autoptr(SamCaseRow) row = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 created, first_page, walked, unchanged, at_top, at_end;
      guint n_items;

      list = new_list (session, NULL);
      created = g_get_monotonic_time ();
      row = row_at (list, 0);
      first_page = g_get_monotonic_time ();

      /* Someone opens a case: an audit row, and nothing else, is written.
       * The list holds its first page, as when the user is at the top. */
      open_first_case (social);
      at_top = g_get_monotonic_time ();
      refresh (list);
      at_top = g_get_monotonic_time () - at_top;

      n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
      walked = g_get_monotonic_time ();
      for (guint i = 0; i < n_items; i++)
        g_object_unref (row_at (list, i));
      walked = g_get_monotonic_time () - walked;

      unchanged = g_get_monotonic_time ();
      refresh (list);
      unchanged = g_get_monotonic_time () - unchanged;

      /* Now it holds the last pages, the dearest to check. */
      open_first_case (social);
      at_end = g_get_monotonic_time ();
      refresh (list);
      at_end = g_get_monotonic_time () - at_end;

      g_test_message ("%s, %u of %u cases: create %.1f ms, first page %.1f ms, walk all %.1f ms"
                      " (%.1f us a row); refresh: unchanged %.2f ms, after a write %.1f ms at the"
                      " top, %.1f ms at the end",
                      viewers[v], n_items, n,
                      (created - start) / 1000.0, (first_page - created) / 1000.0,
                      walked / 1000.0, n_items > 0 ? (double) walked / n_items : 0.0,
                      unchanged / 1000.0, at_top / 1000.0, at_end / 1000.0);
      g_assert_cmpuint (n_items, >, 0);
      g_clear_object (&row);
      g_assert_finalize_object (g_steal_pointer (&list));
    }
}

/* Async pages ------------------------------------------------------------------------ */

/* Counts every emission, page loads included. */
static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Emissions  *emissions)
{
  emissions->n++;
  emissions->position = position;
  emissions->removed = removed;
  emissions->added = added;
}

static void
wait_for_emission (SamCaseList *list,
                   Emissions   *emissions)
{
  while (emissions->n == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (_sam_case_list_is_loading (list));
}

static void
assert_changed (Emissions *emissions,
                guint      position,
                guint      n)
{
  g_assert_cmpuint (emissions->n, ==, 1);
  g_assert_cmpuint (emissions->position, ==, position);
  g_assert_cmpuint (emissions->removed, ==, n);
  g_assert_cmpuint (emissions->added, ==, n);
  *emissions = (Emissions) { 0 };
}

static void
assert_placeholder_at (SamCaseList *list,
                       guint        position)
{
  g_autoptr(SamCaseRow) row = g_list_model_get_item (G_LIST_MODEL (list), position);
  gboolean placeholder = FALSE;

  g_assert_true (SAM_IS_CASE_ROW (row));
  g_assert_true (sam_case_row_get_is_placeholder (row));
  g_object_get (row, "placeholder", &placeholder, NULL);
  g_assert_true (placeholder);
  g_assert_cmpint (sam_case_row_get_id (row), ==, 0);
  g_assert_cmpstr (sam_case_row_get_number (row), ==, "");
  g_assert_cmpstr (sam_case_row_get_person_name (row), ==, "");
}

/* A row whose page is not held comes back at once as a placeholder; the
 * page is read in a worker, and items-changed replaces exactly its range
 * with the real rows. */
static void
test_async_pages (SamTestFixture *fixture,
                  gconstpointer   data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  g_autoptr(SamSession) coordinator = sam_test_unlock_user (fixture->path, "coordinator");
  g_autoptr(SamCaseList) list = NULL;
  g_autoptr(SamCaseRow) row = NULL;
  g_autoptr(GArray) expected = NULL;
  Emissions emissions = { 0 };
  const guint in_page_1 = SAM_CASE_LIST_PAGE_SIZE + SAM_CASE_LIST_PAGE_SIZE / 3;
  const guint last_page = 600 / SAM_CASE_LIST_PAGE_SIZE * SAM_CASE_LIST_PAGE_SIZE;
  guint loaded;

  add_many_cases (social, 600);
  expected = query_ids (social, "SELECT id FROM cases ORDER BY opened_at DESC, id DESC");
  list = new_list (coordinator, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 600);
  g_signal_connect (list, "items-changed", G_CALLBACK (count_changes_cb), &emissions);

  /* Page 1: two rows of it asked for, one load. */
  assert_placeholder_at (list, in_page_1);
  assert_placeholder_at (list, in_page_1 + 1);
  g_assert_true (_sam_case_list_is_loading (list));
  g_assert_cmpuint (emissions.n, ==, 0);
  wait_for_emission (list, &emissions);
  assert_changed (&emissions, SAM_CASE_LIST_PAGE_SIZE, SAM_CASE_LIST_PAGE_SIZE);
  _sam_case_list_get_page_stats (list, &loaded, NULL, NULL);
  g_assert_cmpuint (loaded, ==, 1);

  row = g_list_model_get_item (G_LIST_MODEL (list), in_page_1);
  g_assert_false (sam_case_row_get_is_placeholder (row));
  g_assert_cmpint (sam_case_row_get_id (row), ==, g_array_index (expected, gint64, in_page_1));
  g_clear_object (&row);
  g_assert_false (_sam_case_list_is_loading (list));

  /* The last, short page: only its own rows change. */
  g_assert_cmpuint (600 % SAM_CASE_LIST_PAGE_SIZE, !=, 0);
  assert_placeholder_at (list, 599);
  wait_for_emission (list, &emissions);
  assert_changed (&emissions, last_page, 600 - last_page);
  row = g_list_model_get_item (G_LIST_MODEL (list), 599);
  g_assert_cmpint (sam_case_row_get_id (row), ==, g_array_index (expected, gint64, 599));
  g_clear_object (&row);

  /* A refresh that changes the listing drops a load begun before it: the
   * one emission is the refresh's, and the page is read again when asked. */
  assert_placeholder_at (list, 0);
  sam_case_list_clear (list);
  assert_emitted (&emissions, 600, 0);
  refresh (list);
  assert_emitted (&emissions, 0, 600);
  _sam_case_list_wait_idle (list);
  g_assert_cmpuint (emissions.n, ==, 0);
  assert_placeholder_at (list, 0);
  wait_for_emission (list, &emissions);
  assert_changed (&emissions, 0, SAM_CASE_LIST_PAGE_SIZE);

  g_assert_finalize_object (g_steal_pointer (&list));
}

/* Locking while pages load: the lock waits for a worker reading, a load
 * that starts after it finds the database closed, and neither touches
 * the list, which the lock emptied, nor the connection, which is gone. */
static void
test_lock_while_loading (SamTestFixture *fixture,
                         gconstpointer   data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  g_autoptr(SamSession) coordinator = sam_test_unlock_user (fixture->path, "coordinator");
  g_autoptr(SamCaseList) list = NULL;
  g_autoptr(GError) error = NULL;
  Emissions emissions = { 0 };

  add_many_cases (social, 1200);
  list = new_list (coordinator, NULL);
  g_signal_connect (list, "items-changed", G_CALLBACK (count_changes_cb), &emissions);

  for (guint i = 0; i < 5; i++)
    assert_placeholder_at (list, i * SAM_CASE_LIST_PAGE_SIZE);
  g_assert_true (_sam_case_list_is_loading (list));
  g_assert_cmpuint (emissions.n, ==, 0);

  sam_session_lock (coordinator);
  g_assert_true (sam_session_is_locked (coordinator));
  g_assert_cmpuint (emissions.n, ==, 1);
  g_assert_cmpuint (emissions.removed, ==, 1200);
  g_assert_cmpuint (emissions.added, ==, 0);
  emissions = (Emissions) { 0 };

  /* Whatever the loads found, nothing of it arrives. */
  _sam_case_list_wait_idle (list);
  g_assert_cmpuint (emissions.n, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 0));
  g_assert_false (sam_case_list_refresh (list, &error));
  g_assert_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED);

  g_assert_finalize_object (g_steal_pointer (&list));
}

/* The UI's way: the count, the comparison and the audit row in a worker,
 * applied on this thread; cancelled or overtaken results are dropped. */
static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static SamCaseList *
new_list_async (SamSession    *session,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sam_case_list_new_async (session, NULL, cancellable, result_cb, &result);
  return sam_case_list_new_finish (wait_result (&result), error);
}

static gboolean
refresh_async (SamCaseList   *list,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sam_case_list_refresh_async (list, cancellable, result_cb, &result);
  return sam_case_list_refresh_finish (wait_result (&result), error);
}

static void
test_async_listing (SamTestFixture *fixture,
                    gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamSession) school = NULL;
  g_autoptr(SamSession) manager = NULL;
  g_autoptr(SamCaseList) list = NULL;
  g_autoptr(SamCaseList) refused = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Emissions emissions;
  guint n_audit;
  gint64 guardian, person, added;

  build_world (&world, fixture->path);
  school = sam_test_unlock_user (fixture->path, "school");
  n_audit = count_list_audit (school, "ok");

  /* Counted and logged as by sam_case_list_new(). */
  list = new_list_async (school, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (SAM_IS_CASE_LIST (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (count_list_audit (school, "ok"), ==, n_audit + 1);
  watch (list, &emissions);

  /* Nothing written: nothing emitted, nothing logged. */
  g_assert_true (refresh_async (list, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (emissions.n, ==, 0);
  g_assert_cmpuint (count_list_audit (school, "ok"), ==, n_audit + 1);

  /* A new case on the school user's team arrives with the refresh. */
  person = add_person (world.social, "Nyfamilj", "Ung", "2012-12-12", 0, FALSE, &guardian);
  added = open_case (world.social, person, "2026-02-01T08:00:00Z");
  add_to_team (world.social, added, world.school);
  g_cancellable_cancel (cancelled);
  g_assert_false (refresh_async (list, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (emissions.n, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  g_assert_true (refresh_async (list, NULL, &error));
  g_assert_no_error (error);
  assert_emitted (&emissions, 2, 3);
  g_assert_cmpuint (count_list_audit (school, "ok"), ==, n_audit + 2);

  /* A refresh overtaken by a clear is dropped: the list stays empty. */
  g_assert_true (sam_case_store_remove_team_member (world.social, added, world.school, &error));
  g_assert_no_error (error);
  sam_case_list_refresh_async (list, NULL, result_cb, &result);
  sam_case_list_clear (list);
  assert_emitted (&emissions, 3, 0);
  g_assert_true (sam_case_list_refresh_finish (wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (emissions.n, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_clear_object (&result);

  /* Refused at once, and logged, for a manager. */
  manager = sam_test_unlock_user (fixture->path, "manager");
  refused = new_list_async (manager, NULL, &error);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_assert_null (refused);
  g_clear_error (&error);
  g_assert_cmpuint (count_list_audit (manager, "denied"), ==, 1);

  /* Locked before the worker's answer: no list. */
  sam_case_list_new_async (school, NULL, NULL, result_cb, &result);
  sam_session_lock (school);
  g_assert_null (sam_case_list_new_finish (wait_result (&result), &error));
  g_assert_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED);
  g_clear_error (&error);
  g_clear_object (&result);

  /* And a refresh of a list whose session is locked empties it. */
  g_assert_false (refresh_async (list, NULL, &error));
  g_assert_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED);

  g_assert_finalize_object (g_steal_pointer (&list));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (sam_security_init (NULL));

#define ADD(path, func) \
  g_test_add (path, SamTestFixture, NULL, set_up, func, sam_test_fixture_tear_down)

  ADD ("/case-list/order-and-rows", test_order_and_rows);
  ADD ("/case-list/consent-badge", test_consent_badge);
  ADD ("/case-list/filters", test_filters);
  ADD ("/case-list/visibility", test_visibility);
  ADD ("/case-list/break-glass-expiry", test_break_glass_expiry);
  ADD ("/case-list/refresh", test_refresh);
  ADD ("/case-list/new-day", test_new_day);
  ADD ("/case-list/clear-and-lock", test_clear_and_lock);
  ADD ("/case-list/audit", test_audit);
  ADD ("/case-list/paging", test_paging);
  ADD ("/case-list/refresh-pages", test_refresh_pages);
  ADD ("/case-list/async-pages", test_async_pages);
  ADD ("/case-list/lock-while-loading", test_lock_while_loading);
  ADD ("/case-list/timing", test_timing);
  ADD ("/case-list/async-listing", test_async_listing);

#undef ADD

  return g_test_run ();
}
