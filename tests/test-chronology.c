/* test-chronology.c: a case's time line, its filter and its audit row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sam-database-private.h"
#include "sam-test-util.h"

typedef struct
{
  SamSession *social;         /* opens the case, so coordinates it */
  SamSession *school;         /* on the case's team */
  SamSession *police;         /* on the case's team */
  SamSession *school2;        /* not on the team */
  gint64      person;
  gint64      guardian;
  gint64      case_id;
  gint64      school_agency;
  gint64      social_agency;
  gint64      police_agency;
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

static void
add_to_team (World      *world,
             SamSession *member)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_case_store_add_team_member (world->social, world->case_id,
                                                 sam_session_get_user_id (member), &error));
  g_assert_no_error (error);
}

/* A case for a twelve-year-old with one guardian, opened on 10 January,
 * with the school and the police on its team. */
static void
world_init (World          *world,
            SamTestFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamCase) self = NULL;

  world->social = sam_test_unlock_user (fixture->path, "social");
  world->school = sam_test_unlock_user (fixture->path, "school");
  world->police = sam_test_unlock_user (fixture->path, "police");
  world->school2 = sam_test_unlock_user (fixture->path, "school2");
  world->school_agency = sam_test_agency_id (world->social, SAM_TEST_SCHOOL);
  world->social_agency = sam_test_agency_id (world->social, SAM_TEST_SOCIAL);
  world->police_agency = sam_test_agency_id (world->social, SAM_TEST_POLICE);

  world->person = insert (world->social,
                          "INSERT INTO persons (given_name, family_name, birth_date, created_at,"
                          " created_by) VALUES ('Maja', 'Ros', '2014-06-01', '2026-01-01T00:00:00Z', 1)");
  world->guardian = insert (world->social,
                            "INSERT INTO guardians (person_id, name, custody)"
                            " VALUES (%" G_GINT64_FORMAT ", 'Vårdnadshavare', 1)", world->person);
  self = sam_case_store_create (world->social, world->person, SAM_PREVENTION_SELECTIVE, NULL, &error);
  g_assert_no_error (error);
  world->case_id = self->id;
  insert (world->social, "UPDATE cases SET opened_at = '2026-01-10T09:00:00Z' WHERE id = %" G_GINT64_FORMAT,
          world->case_id);
  add_to_team (world, world->school);
  add_to_team (world, world->police);
}

static void
world_clear (World *world)
{
  g_clear_object (&world->social);
  g_clear_object (&world->school);
  g_clear_object (&world->police);
  g_clear_object (&world->school2);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (World, world_clear)

static gint64
add_note (World      *world,
          SamSession *author,
          const char *written_at,
          const char *text,
          gboolean    shared_in_sspf)
{
  return insert (author,
                 "INSERT INTO notes (case_id, author_id, agency_id, written_at, text, shared_in_sspf)"
                 " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", '%s', '%s', %d)",
                 world->case_id, sam_session_get_user_id (author), sam_session_get_agency_id (author),
                 written_at, text, shared_in_sspf ? 1 : 0);
}

static gint64
add_concern (World      *world,
             SamSession *reporter,
             const char *created_at,
             const char *text)
{
  return insert (reporter,
                 "INSERT INTO concerns (person_id, case_id, reporter_id, agency_id, observed_on,"
                 " urgency, description, report_to_social, created_at, updated_at)"
                 " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ","
                 " %" G_GINT64_FORMAT ", '2026-01-01', 'high', '%s', 1, '%s', '%s')",
                 world->person, world->case_id, sam_session_get_user_id (reporter),
                 sam_session_get_agency_id (reporter), text, created_at, created_at);
}

static gint64
record_consent (World        *world,
                const gint64 *agencies,
                guint         n_agencies,
                const char   *recorded_at)
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
  gint64 id = sam_case_store_record_consent (world->social, world->case_id, &draft, &error);

  g_assert_no_error (error);
  insert (world->social, "UPDATE consents SET recorded_at = '%s' WHERE id = %" G_GINT64_FORMAT,
          recorded_at, id);
  return id;
}

static void
withdraw_consent (World      *world,
                  gint64      consent,
                  const char *withdrawn_at)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_case_store_withdraw_consent (world->social, consent, &error));
  g_assert_no_error (error);
  insert (world->social, "UPDATE consents SET withdrawn_at = '%s' WHERE id = %" G_GINT64_FORMAT,
          withdrawn_at, consent);
}

static GPtrArray *
chronology (SamSession *session,
            gint64      case_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = sam_chronology_for_case (session, case_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (items);
  return items;
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

static gboolean
shows (SamSession        *session,
       gint64             case_id,
       SamChronologyKind  kind,
       gint64             object_id)
{
  g_autoptr(GPtrArray) items = chronology (session, case_id);

  return find_item (items, kind, object_id) != NULL;
}

/* Tests ---------------------------------------------------------------------- */

static void
test_order (SamTestFixture *fixture,
            gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gint64 agencies[2];
  gint64 concern, consent, first_note, second_note, closing_note;
  const SamChronologyItem *item;
  static const struct
  {
    SamChronologyKind  kind;
    const char        *time;
  } expected[] = {
    { SAM_CHRONOLOGY_CONCERN, "2026-01-05T08:00:00Z" },
    { SAM_CHRONOLOGY_CASE_OPENED, "2026-01-10T09:00:00Z" },
    { SAM_CHRONOLOGY_CONSENT_RECORDED, "2026-01-12T10:00:00Z" },
    { SAM_CHRONOLOGY_NOTE, "2026-01-15T13:00:00Z" },
    { SAM_CHRONOLOGY_NOTE, "2026-01-15T13:00:00Z" },
    { SAM_CHRONOLOGY_CONSENT_WITHDRAWN, "2026-02-01T12:00:00Z" },
    { SAM_CHRONOLOGY_NOTE, "2026-03-01T16:00:00Z" },
    { SAM_CHRONOLOGY_CASE_CLOSED, "2026-03-01T16:00:00Z" },
  };

  world_init (&world, fixture);
  agencies[0] = world.school_agency;
  agencies[1] = world.social_agency;

  /* Written out of order on purpose. */
  closing_note = add_note (&world, world.school, "2026-03-01T16:00:00Z", "Avslutande anteckning", TRUE);
  first_note = add_note (&world, world.school, "2026-01-15T13:00:00Z", "Första anteckningen", TRUE);
  consent = record_consent (&world, agencies, 2, "2026-01-12T10:00:00Z");
  concern = add_concern (&world, world.school, "2026-01-05T08:00:00Z", "Oro för frånvaro");
  second_note = add_note (&world, world.school, "2026-01-15T13:00:00Z", "Andra anteckningen", TRUE);
  withdraw_consent (&world, consent, "2026-02-01T12:00:00Z");
  g_assert_true (sam_case_store_set_status (world.social, world.case_id, SAM_CASE_STATUS_CLOSED,
                                            "consent_withdrawn", &error));
  g_assert_no_error (error);
  insert (world.social, "UPDATE cases SET closed_at = '2026-03-01T16:00:00Z' WHERE id = %" G_GINT64_FORMAT,
          world.case_id);

  items = chronology (world.school, world.case_id);
  g_assert_cmpuint (items->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < items->len; i++)
    {
      item = g_ptr_array_index (items, i);
      g_assert_cmpint (item->kind, ==, expected[i].kind);
      g_assert_cmpstr (item->time, ==, expected[i].time);
      g_assert_cmpstr (item->title, ==, sam_chronology_kind_get_title (item->kind));
    }

  /* At the same time, the note written first (the lower id) comes first,
   * and the closing comes after what was written as the case closed. */
  g_assert_cmpint (((SamChronologyItem *) g_ptr_array_index (items, 3))->object_id, ==, first_note);
  g_assert_cmpint (((SamChronologyItem *) g_ptr_array_index (items, 4))->object_id, ==, second_note);
  g_assert_cmpint (((SamChronologyItem *) g_ptr_array_index (items, 6))->object_id, ==, closing_note);

  /* Who and which agency, and the text where there is one. */
  item = find_item (items, SAM_CHRONOLOGY_CONCERN, concern);
  g_assert_cmpstr (item->title, ==, "Concern logged");
  g_assert_cmpint (item->author_id, ==, sam_session_get_user_id (world.school));
  g_assert_cmpstr (item->author_name, ==, "school");
  g_assert_cmpint (item->agency_id, ==, world.school_agency);
  g_assert_cmpstr (item->agency_name, ==, SAM_TEST_SCHOOL);
  g_assert_cmpstr (item->text, ==, "Oro för frånvaro");

  item = find_item (items, SAM_CHRONOLOGY_CONSENT_RECORDED, consent);
  g_assert_cmpstr (item->title, ==, "Consent recorded");
  g_assert_cmpint (item->author_id, ==, sam_session_get_user_id (world.social));
  g_assert_cmpstr (item->agency_name, ==, SAM_TEST_SOCIAL);
  g_assert_cmpstr (item->text, ==, "Samverkan kring skolgång och fritid");

  item = find_item (items, SAM_CHRONOLOGY_CONSENT_WITHDRAWN, consent);
  g_assert_cmpstr (item->title, ==, "Consent withdrawn");
  g_assert_cmpint (item->author_id, ==, 0);
  g_assert_null (item->text);

  item = find_item (items, SAM_CHRONOLOGY_NOTE, first_note);
  g_assert_cmpstr (item->title, ==, "Note");
  g_assert_cmpstr (item->text, ==, "Första anteckningen");
  g_assert_cmpstr (item->author_name, ==, "school");

  item = find_item (items, SAM_CHRONOLOGY_CASE_OPENED, world.case_id);
  g_assert_cmpstr (item->title, ==, "Case opened");
  g_assert_null (item->author_name);
  g_assert_null (item->text);

  g_assert_cmpstr (sam_chronology_kind_to_string (SAM_CHRONOLOGY_CONSENT_WITHDRAWN), ==,
                   "consent_withdrawn");
}

static void
test_filter (SamTestFixture *fixture,
             gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GPtrArray) items = NULL;
  gint64 agencies[3];
  gint64 school_note, police_note, internal_note, shared_note;
  gint64 police_concern, school_concern, consent;

  world_init (&world, fixture);
  school_note = add_note (&world, world.school, "2026-01-20T10:00:00Z", "Skolans anteckning", TRUE);
  police_note = add_note (&world, world.police, "2026-01-21T10:00:00Z", "Polisens anteckning", TRUE);
  internal_note = add_note (&world, world.social, "2026-01-22T10:00:00Z", "Intern anteckning", FALSE);
  shared_note = add_note (&world, world.social, "2026-01-23T10:00:00Z", "Delad anteckning", TRUE);
  police_concern = add_concern (&world, world.police, "2026-01-02T10:00:00Z", "Polisens oro");
  school_concern = add_concern (&world, world.school, "2026-01-03T10:00:00Z", "Skolans oro");

  /* No consent: the school sees its own agency's items and the opening. */
  items = chronology (world.school, world.case_id);
  g_assert_nonnull (find_item (items, SAM_CHRONOLOGY_NOTE, school_note));
  g_assert_nonnull (find_item (items, SAM_CHRONOLOGY_CONCERN, school_concern));
  g_assert_nonnull (find_item (items, SAM_CHRONOLOGY_CASE_OPENED, world.case_id));
  g_assert_cmpuint (items->len, ==, 3);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Social services see all concerns and their own notes, internal too. */
  items = chronology (world.social, world.case_id);
  g_assert_nonnull (find_item (items, SAM_CHRONOLOGY_NOTE, internal_note));
  g_assert_nonnull (find_item (items, SAM_CHRONOLOGY_NOTE, shared_note));
  g_assert_nonnull (find_item (items, SAM_CHRONOLOGY_CONCERN, police_concern));
  g_assert_nonnull (find_item (items, SAM_CHRONOLOGY_CONCERN, school_concern));
  g_assert_null (find_item (items, SAM_CHRONOLOGY_NOTE, police_note));
  g_assert_cmpuint (items->len, ==, 5);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* A consent covering school, social services and police opens their
   * items to each other; the internal note stays closed. Consent events
   * show to the whole team, the police included. */
  agencies[0] = world.school_agency;
  agencies[1] = world.social_agency;
  agencies[2] = world.police_agency;
  consent = record_consent (&world, agencies, 3, "2026-01-15T10:00:00Z");
  items = chronology (world.school, world.case_id);
  g_assert_nonnull (find_item (items, SAM_CHRONOLOGY_NOTE, police_note));
  g_assert_nonnull (find_item (items, SAM_CHRONOLOGY_NOTE, shared_note));
  g_assert_nonnull (find_item (items, SAM_CHRONOLOGY_CONCERN, police_concern));
  g_assert_nonnull (find_item (items, SAM_CHRONOLOGY_CONSENT_RECORDED, consent));
  g_assert_null (find_item (items, SAM_CHRONOLOGY_NOTE, internal_note));
  g_assert_cmpuint (items->len, ==, 7);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* Withdrawn: closed again at once, while the consent's own events stay. */
  withdraw_consent (&world, consent, "2026-02-01T10:00:00Z");
  items = chronology (world.school, world.case_id);
  g_assert_null (find_item (items, SAM_CHRONOLOGY_NOTE, police_note));
  g_assert_null (find_item (items, SAM_CHRONOLOGY_NOTE, shared_note));
  g_assert_null (find_item (items, SAM_CHRONOLOGY_CONCERN, police_concern));
  g_assert_nonnull (find_item (items, SAM_CHRONOLOGY_CONSENT_RECORDED, consent));
  g_assert_nonnull (find_item (items, SAM_CHRONOLOGY_CONSENT_WITHDRAWN, consent));
  g_assert_cmpuint (items->len, ==, 5);
  g_clear_pointer (&items, g_ptr_array_unref);

  g_assert_true (shows (world.police, world.case_id, SAM_CHRONOLOGY_CONSENT_WITHDRAWN, consent));
  g_assert_false (shows (world.police, world.case_id, SAM_CHRONOLOGY_NOTE, school_note));
  g_assert_true (shows (world.police, world.case_id, SAM_CHRONOLOGY_NOTE, police_note));
}

static void
test_refused (SamTestFixture *fixture,
              gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamSession) manager = NULL;
  g_autoptr(SamSession) admin = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gint64 denied_before;

  world_init (&world, fixture);
  manager = sam_test_unlock_user (fixture->path, "manager");
  admin = sam_test_unlock_admin (fixture->path);
  denied_before = count_rows (world.social, "SELECT count (*) FROM audit_log WHERE outcome = 'denied'");

  items = sam_chronology_for_case (world.school2, world.case_id, &error);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_assert_null (items);
  g_clear_error (&error);

  items = sam_chronology_for_case (manager, world.case_id, &error);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);

  items = sam_chronology_for_case (admin, world.case_id, &error);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);

  /* Each refusal is logged once, against the case. */
  g_assert_cmpint (count_rows (world.social, "SELECT count (*) FROM audit_log WHERE outcome = 'denied'"),
                   ==, denied_before + 3);

  items = sam_chronology_for_case (world.social, world.case_id + 1000, &error);
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Break-the-glass lets social services in for its hour. */
  {
    g_autoptr(SamSession) social2 = sam_test_unlock_user (fixture->path, "social2");

    items = sam_chronology_for_case (social2, world.case_id, &error);
    g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
    g_clear_error (&error);
    g_assert_true (sam_case_store_break_glass (social2, world.case_id,
                                               "Akut läge, behöver se ärendet nu", &error));
    g_assert_no_error (error);
    items = chronology (social2, world.case_id);
    g_assert_nonnull (find_item (items, SAM_CHRONOLOGY_CASE_OPENED, world.case_id));
  }

  /* A locked session gets told so. */
  sam_session_lock (world.school);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = sam_chronology_for_case (world.school, world.case_id, &error);
  g_assert_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED);
  g_assert_null (items);
}

static void
test_audit (SamTestFixture *fixture,
            gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *expected = NULL;
  gint64 before;

  world_init (&world, fixture);
  add_note (&world, world.school, "2026-01-20T10:00:00Z", "Hemlig-markör-text", TRUE);
  add_concern (&world, world.police, "2026-01-02T10:00:00Z", "Annan hemlig-markör");

  for (guint opening = 1; opening <= 2; opening++)
    {
      before = count_rows (world.social, "SELECT count (*) FROM audit_log");
      items = chronology (world.school, world.case_id);
      g_assert_cmpint (count_rows (world.social, "SELECT count (*) FROM audit_log"), ==, before + 1);

      g_assert_cmpint (sqlite3_prepare_v2 (handle_of (world.social),
                                           "SELECT action, object_type, object_id, case_id, person_id,"
                                           " user_id, reason, outcome FROM audit_log"
                                           " ORDER BY seq DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      expected = g_strdup_printf ("count:%u", items->len);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "view");
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "chronology");
      g_assert_cmpint (sqlite3_column_int64 (stmt, 2), ==, world.case_id);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, world.case_id);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 4), ==, world.person);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 5), ==, sam_session_get_user_id (world.school));
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 6), ==, expected);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 7), ==, "ok");
      g_clear_pointer (&stmt, sqlite3_finalize);
      g_clear_pointer (&expected, g_free);
      g_clear_pointer (&items, g_ptr_array_unref);
    }

  /* No text in the log. */
  g_assert_cmpint (count_rows (world.social,
                               "SELECT count (*) FROM audit_log WHERE instr (coalesce (reason, '')"
                               " || coalesce (object_type, ''), 'markör') > 0"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (sam_security_init (NULL));

#define ADD(path, func) \
  g_test_add (path, SamTestFixture, NULL, set_up, func, sam_test_fixture_tear_down)

  ADD ("/chronology/order", test_order);
  ADD ("/chronology/filter", test_filter);
  ADD ("/chronology/refused", test_refused);
  ADD ("/chronology/audit", test_audit);

#undef ADD

  return g_test_run ();
}
