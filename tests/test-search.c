/* test-search.c: full-text search, its index and its policy filter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sam-database-private.h"
#include "sam-test-util.h"

typedef struct
{
  SamSession *social;         /* opens every case, so coordinates it */
  SamSession *school;         /* put on cases' teams by the tests */
  SamSession *school2;        /* never on a team */
  SamSession *police;
  SamSession *coordinator;
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

static void
world_init (World          *world,
            SamTestFixture *fixture)
{
  world->social = sam_test_unlock_user (fixture->path, "social");
  world->school = sam_test_unlock_user (fixture->path, "school");
  world->school2 = sam_test_unlock_user (fixture->path, "school2");
  world->police = sam_test_unlock_user (fixture->path, "police");
  world->coordinator = sam_test_unlock_user (fixture->path, "coordinator");
  world->school_agency = sam_test_agency_id (world->social, SAM_TEST_SCHOOL);
  world->social_agency = sam_test_agency_id (world->social, SAM_TEST_SOCIAL);
  world->police_agency = sam_test_agency_id (world->social, SAM_TEST_POLICE);
}

static void
world_clear (World *world)
{
  g_clear_object (&world->social);
  g_clear_object (&world->school);
  g_clear_object (&world->school2);
  g_clear_object (&world->police);
  g_clear_object (&world->coordinator);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (World, world_clear)

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
            const char *sql,
            const char *text)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (session), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

/* A twelve-year-old with one guardian, whose signature makes a consent. */
static gint64
add_person (World      *world,
            const char *given_name,
            const char *family_name,
            const char *personnummer,
            gint64     *out_guardian)
{
  g_autofree char *number = personnummer != NULL ? g_strdup_printf ("'%s'", personnummer)
                                                 : g_strdup ("NULL");
  gint64 person;
  gint64 guardian;

  person = insert (world->social,
                   "INSERT INTO persons (given_name, family_name, personnummer, birth_date,"
                   " created_at, created_by) VALUES ('%s', '%s', %s, '2014-06-01',"
                   " '2026-01-01T00:00:00Z', 1)", given_name, family_name, number);
  guardian = insert (world->social,
                     "INSERT INTO guardians (person_id, name, custody)"
                     " VALUES (%" G_GINT64_FORMAT ", 'Vårdnadshavare', 1)", person);
  if (out_guardian != NULL)
    *out_guardian = guardian;

  return person;
}

static SamCase *
open_case (World  *world,
           gint64  person)
{
  g_autoptr(GError) error = NULL;
  SamCase *self = sam_case_store_create (world->social, person, SAM_PREVENTION_INDICATED, NULL,
                                         &error);

  g_assert_no_error (error);
  return self;
}

static void
add_to_team (World      *world,
             gint64      case_id,
             SamSession *member)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_case_store_add_team_member (world->social, case_id,
                                                 sam_session_get_user_id (member), &error));
  g_assert_no_error (error);
}

static gint64
add_note (SamSession *author,
          gint64      case_id,
          const char *text,
          gboolean    shared_in_sspf)
{
  return insert (author,
                 "INSERT INTO notes (case_id, author_id, agency_id, written_at, text, shared_in_sspf)"
                 " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ","
                 " '2026-02-01T10:00:00Z', '%s', %d)",
                 case_id, sam_session_get_user_id (author), sam_session_get_agency_id (author),
                 text, shared_in_sspf ? 1 : 0);
}

static gint64
add_concern (SamSession *reporter,
             gint64      person,
             gint64      case_id,
             const char *text)
{
  g_autofree char *case_value = case_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, case_id)
                                            : g_strdup ("NULL");

  return insert (reporter,
                 "INSERT INTO concerns (person_id, case_id, reporter_id, agency_id, observed_on,"
                 " urgency, description, report_to_social, created_at, updated_at)"
                 " VALUES (%" G_GINT64_FORMAT ", %s, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ","
                 " '2026-01-20', 'medium', '%s', 1, '2026-01-20T08:00:00Z', '2026-01-20T08:00:00Z')",
                 person, case_value, sam_session_get_user_id (reporter),
                 sam_session_get_agency_id (reporter), text);
}

static gint64
record_consent (World        *world,
                gint64        case_id,
                gint64        guardian,
                const gint64 *agencies,
                guint         n_agencies)
{
  g_autoptr(GError) error = NULL;
  SamConsentDraft draft = {
    .purpose = "Samverkan i SSPF",
    .valid_from = "2026-01-01",
    .guardian_ids = &guardian,
    .n_guardians = 1,
    .signed_on = "2026-01-01",
    .agency_ids = agencies,
    .n_agencies = n_agencies,
  };
  gint64 id = sam_case_store_record_consent (world->social, case_id, &draft, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static GPtrArray *
search (SamSession *session,
        const char *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = sam_search (session, query, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static const SamSearchHit *
find_hit (GPtrArray        *hits,
          SamSearchHitKind  kind,
          gint64            object_id)
{
  for (guint i = 0; i < hits->len; i++)
    {
      const SamSearchHit *hit = g_ptr_array_index (hits, i);

      if (hit->kind == kind && hit->object_id == object_id)
        return hit;
    }

  return NULL;
}

static gboolean
finds (SamSession       *session,
       const char       *query,
       SamSearchHitKind  kind,
       gint64            object_id)
{
  g_autoptr(GPtrArray) hits = search (session, query);

  return find_hit (hits, kind, object_id) != NULL;
}

static guint
n_hits (SamSession *session,
        const char *query)
{
  g_autoptr(GPtrArray) hits = search (session, query);

  return hits->len;
}

/* Finding ------------------------------------------------------------------ */

static void
test_names_and_numbers (SamTestFixture *fixture,
                        gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamCase) self = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *number_prefix = NULL;
  const SamSearchHit *hit;
  gint64 person, other;

  world_init (&world, fixture);
  person = add_person (&world, "Anna", "Söderström", "201406011239", NULL);
  other = add_person (&world, "Bertil", "Öberg", NULL, NULL);
  self = open_case (&world, person);

  /* Without diacritics, in any case, and by the start of a word. */
  hits = search (world.social, "soderstrom");
  hit = find_hit (hits, SAM_SEARCH_HIT_PERSON, person);
  g_assert_nonnull (hit);
  g_assert_cmpstr (hit->person_name, ==, "Anna Söderström");
  g_assert_cmpint (hit->case_id, ==, self->id);
  g_assert_cmpstr (hit->case_number, ==, self->number);
  g_assert_null (hit->snippet);
  hit = find_hit (hits, SAM_SEARCH_HIT_CASE, self->id);
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->person_id, ==, person);
  g_assert_cmpstr (hit->case_number, ==, self->number);
  g_assert_cmpuint (hits->len, ==, 2);

  g_assert_true (finds (world.social, "SÖDER", SAM_SEARCH_HIT_PERSON, person));
  g_assert_true (finds (world.social, "an sö", SAM_SEARCH_HIT_PERSON, person));
  g_assert_true (finds (world.social, "  anna   soderst  ", SAM_SEARCH_HIT_CASE, self->id));
  g_assert_true (finds (world.social, "oberg", SAM_SEARCH_HIT_PERSON, other));
  g_assert_false (finds (world.social, "soderstrm", SAM_SEARCH_HIT_PERSON, person));
  /* Every word must match. */
  g_assert_cmpuint (n_hits (world.social, "anna oberg"), ==, 0);

  /* By personnummer, written with 12 or 10 digits, with or without the dash. */
  g_assert_true (finds (world.social, "201406011239", SAM_SEARCH_HIT_PERSON, person));
  g_assert_true (finds (world.social, "20140601-1239", SAM_SEARCH_HIT_PERSON, person));
  g_assert_true (finds (world.social, "140601-1239", SAM_SEARCH_HIT_PERSON, person));
  g_assert_true (finds (world.social, "1406011239", SAM_SEARCH_HIT_PERSON, person));
  g_assert_false (finds (world.social, "140601-1238", SAM_SEARCH_HIT_PERSON, person));

  /* By case number, whole or begun. */
  g_assert_true (finds (world.social, self->number, SAM_SEARCH_HIT_CASE, self->id));
  number_prefix = g_strndup (self->number, strlen (self->number) - 2);
  g_assert_true (finds (world.social, number_prefix, SAM_SEARCH_HIT_CASE, self->id));
  g_assert_false (finds (world.social, "SV-1999", SAM_SEARCH_HIT_CASE, self->id));
}

static void
test_concern_and_note_text (SamTestFixture *fixture,
                            gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamCase) self = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  const SamSearchHit *hit;
  gint64 person, concern, note;

  world_init (&world, fixture);
  person = add_person (&world, "Cecilia", "Ek", NULL, NULL);
  self = open_case (&world, person);
  concern = add_concern (world.school, person, 0,
                         "Eleven har hög frånvaro sedan jullovet och umgås med äldre kamrater"
                         " som rektorn oroar sig för. Mentorn har pratat med vårdnadshavaren"
                         " två gånger utan att något har förändrats.");
  note = add_note (world.social, self->id, "Samtal med mamman om läxhjälp på fritidsgården.", TRUE);

  /* The reporter finds their own concern, though they are on no case. */
  hits = search (world.school, "franvaro");
  hit = find_hit (hits, SAM_SEARCH_HIT_CONCERN, concern);
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->person_id, ==, person);
  g_assert_cmpstr (hit->person_name, ==, "Cecilia Ek");
  g_assert_cmpint (hit->case_id, ==, 0);
  g_assert_null (hit->case_number);
  g_assert_nonnull (strstr (hit->snippet, "hög frånvaro sedan"));
  g_assert_cmpuint (g_utf8_strlen (hit->snippet, -1), <,
                    g_utf8_strlen ("Eleven har hög frånvaro sedan jullovet och umgås med äldre"
                                   " kamrater som rektorn oroar sig för. Mentorn har pratat med"
                                   " vårdnadshavaren två gånger utan att något har förändrats.", -1));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A snippet starts near the word that matched, marked as cut. */
  hits = search (world.school, "vardnadshav");
  hit = find_hit (hits, SAM_SEARCH_HIT_CONCERN, concern);
  g_assert_nonnull (hit);
  g_assert_true (g_str_has_prefix (hit->snippet, "…"));
  g_assert_nonnull (strstr (hit->snippet, "vårdnadshavaren"));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Social services see the whole inbox, and their own case's notes. */
  g_assert_true (finds (world.social, "franvaro jullovet", SAM_SEARCH_HIT_CONCERN, concern));
  hits = search (world.social, "laxhjalp");
  hit = find_hit (hits, SAM_SEARCH_HIT_NOTE, note);
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->case_id, ==, self->id);
  g_assert_cmpstr (hit->case_number, ==, self->number);
  g_assert_cmpstr (hit->person_name, ==, "Cecilia Ek");
  g_assert_cmpstr (hit->snippet, ==, "Samtal med mamman om läxhjälp på fritidsgården.");

  /* Others reach neither. */
  g_assert_cmpuint (n_hits (world.police, "franvaro"), ==, 0);
  g_assert_cmpuint (n_hits (world.school2, "laxhjalp"), ==, 0);
}

/* The index follows every change through its triggers. */
static void
test_index_follows_changes (SamTestFixture *fixture,
                            gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamCase) self = NULL;
  gint64 person, guardian, lonely, concern, note;

  world_init (&world, fixture);
  person = add_person (&world, "David", "Lund", NULL, &guardian);
  lonely = add_person (&world, "Erik", "Ensamsson", NULL, NULL);
  self = open_case (&world, person);
  add_to_team (&world, self->id, world.school);
  concern = add_concern (world.police, person, 0, "Stöld i centrum tillsammans med en grupp");
  note = add_note (world.school, self->id, "Mentorssamtal om skolarbetet", TRUE);

  /* A new name replaces the old, for the person and for the case. */
  g_assert_true (finds (world.school, "lund", SAM_SEARCH_HIT_CASE, self->id));
  insert (world.social, "UPDATE persons SET family_name = 'Strand' WHERE id = %" G_GINT64_FORMAT,
          person);
  g_assert_false (finds (world.social, "lund", SAM_SEARCH_HIT_PERSON, person));
  g_assert_false (finds (world.social, "lund", SAM_SEARCH_HIT_CASE, self->id));
  g_assert_true (finds (world.social, "david strand", SAM_SEARCH_HIT_PERSON, person));
  g_assert_true (finds (world.school, "strand", SAM_SEARCH_HIT_CASE, self->id));

  insert (world.social, "UPDATE persons SET personnummer = '201406011239' WHERE id = %" G_GINT64_FORMAT,
          person);
  g_assert_true (finds (world.school, "140601-1239", SAM_SEARCH_HIT_PERSON, person));

  /* Notes: edited and deleted. */
  insert (world.school, "UPDATE notes SET text = 'Utvecklingssamtal med eleven' WHERE id = %" G_GINT64_FORMAT,
          note);
  g_assert_false (finds (world.school, "mentorssamtal", SAM_SEARCH_HIT_NOTE, note));
  g_assert_true (finds (world.school, "utvecklingssamtal", SAM_SEARCH_HIT_NOTE, note));
  insert (world.school, "DELETE FROM notes WHERE id = %" G_GINT64_FORMAT, note);
  g_assert_false (finds (world.school, "utvecklingssamtal", SAM_SEARCH_HIT_NOTE, note));

  /* A concern linked to a case reaches the case's team, by its new scope
   * (and the policy, once a consent covers school and police). */
  g_assert_false (finds (world.school, "stold", SAM_SEARCH_HIT_CONCERN, concern));
  insert (world.social, "UPDATE concerns SET case_id = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
          self->id, concern);
  {
    gint64 agencies[] = { world.school_agency, world.police_agency, world.social_agency };

    record_consent (&world, self->id, guardian, agencies, G_N_ELEMENTS (agencies));
  }
  g_assert_true (finds (world.school, "stold", SAM_SEARCH_HIT_CONCERN, concern));
  insert (world.social, "UPDATE concerns SET description = 'Klotter vid skolan' WHERE id = %" G_GINT64_FORMAT,
          concern);
  g_assert_false (finds (world.school, "stold", SAM_SEARCH_HIT_CONCERN, concern));
  g_assert_true (finds (world.school, "klotter", SAM_SEARCH_HIT_CONCERN, concern));
  insert (world.social, "DELETE FROM concerns WHERE id = %" G_GINT64_FORMAT, concern);
  g_assert_false (finds (world.social, "klotter", SAM_SEARCH_HIT_CONCERN, concern));

  /* A person without a case can be deleted, and is gone from the index. */
  g_assert_true (finds (world.social, "ensamsson", SAM_SEARCH_HIT_PERSON, lonely));
  insert (world.social, "DELETE FROM guardians WHERE person_id = %" G_GINT64_FORMAT, lonely);
  insert (world.social, "DELETE FROM persons WHERE id = %" G_GINT64_FORMAT, lonely);
  g_assert_false (finds (world.social, "ensamsson", SAM_SEARCH_HIT_PERSON, lonely));

  /* The index agrees with itself after all of it. */
  exec_sql (world.social, "INSERT INTO search_index (search_index) VALUES ('integrity-check')");
}

/* Takes a freshly migrated database back to schema version 3: drops
 * what step 4 and the steps after it created, newest first. In a fresh
 * database, sqlite_schema lists objects in the order they were made.
 * A later step that alters a table of steps 1–3 would need undoing here
 * too. */
static void
back_to_version_3 (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) drops = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT 'DROP ' || type || ' IF EXISTS ' || name FROM sqlite_schema"
                                       " WHERE rowid >= (SELECT rowid FROM sqlite_schema"
                                       "                  WHERE name = 'search_index')"
                                       "   AND name NOT GLOB 'sqlite_*'"
                                       "   AND name NOT GLOB 'search_index_*'"   /* FTS5's own */
                                       " ORDER BY rowid DESC", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (drops, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));

  for (guint i = 0; i < drops->len; i++)
    {
      const char *drop = g_ptr_array_index (drops, i);

      if (sqlite3_exec (db, drop, NULL, NULL, NULL) != SQLITE_OK)
        g_error ("%s: %s", drop, sqlite3_errmsg (db));
    }

  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 3", NULL, NULL, NULL), ==, SQLITE_OK);
}

/* Rows written before the index existed are indexed by its migration:
 * a database at version 3 with rows, brought up to date. */
static void
test_migration_indexes_existing_rows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (_sam_schema_migrate (db, &error));
  g_assert_no_error (error);
  back_to_version_3 (db);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO agencies (name, kind) VALUES ('Skolan', 'school');"
                                 "INSERT INTO users (name, display_name, role, agency_id)"
                                 "  VALUES ('u', 'U', 'social', 1);"
                                 "INSERT INTO persons (given_name, family_name, personnummer, birth_date,"
                                 "  created_at, created_by)"
                                 "  VALUES ('Frida', 'Holmén', '201401011234', '2014-01-01', 'x', 1);"
                                 "INSERT INTO cases (number, person_id, prevention_level, opened_at)"
                                 "  VALUES ('SV-2025-0007', 1, 'selective', 'x');"
                                 "INSERT INTO concerns (person_id, reporter_id, agency_id, observed_on,"
                                 "  urgency, description, report_to_social, created_at, updated_at)"
                                 "  VALUES (1, 1, 1, '2025-01-01', 'low', 'Gammal oro', 0, 'x', 'x');"
                                 "INSERT INTO notes (case_id, author_id, agency_id, written_at, text)"
                                 "  VALUES (1, 1, 1, 'x', 'Gammal anteckning');"
                                 "INSERT INTO case_team (case_id, user_id) VALUES (1, 1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (_sam_schema_migrate (db, &error));
  g_assert_no_error (error);

  /* One row each, with the case's token on the person's row. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT group_concat (rowid, ' ') FROM (SELECT rowid"
                                           " FROM search_index WHERE search_index MATCH ?1 ORDER BY rowid)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  {
    static const struct
    {
      const char *match;
      const char *rowids;
    } expected[] = {
      /* (2 << 44) | 2 is person 1, | 3 case 1; (1 << 44) | 2 concern 1, | 3 note 1. */
      { "holmen", "35184372088834 35184372088835" },
      { "\"140101-1234\"", "35184372088834" },
      { "\"sv-2025-0007\"", "35184372088835" },
      { "gammal", "17592186044418 17592186044419" },
      { "scope : c1", "17592186044419 35184372088834 35184372088835" },
      { "scope : u1", "17592186044419 35184372088834 35184372088835" },
      { "scope : r1", "17592186044418" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        sqlite3_reset (stmt);
        sqlite3_bind_text (stmt, 1, expected[i].match, -1, SQLITE_STATIC);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, expected[i].rowids);
      }
  }
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);
}

/* Policy ---------------------------------------------------------------------- */

static void
test_policy_filter (SamTestFixture *fixture,
                    gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamCase) self = NULL;
  g_autoptr(GError) error = NULL;
  gint64 agencies[] = { 0, 0, 0 };
  gint64 person, guardian, consent;
  gint64 school_note, police_note, internal_note, shared_note, police_concern;

  world_init (&world, fixture);
  person = add_person (&world, "Gustav", "Zetterlund", NULL, &guardian);
  self = open_case (&world, person);
  add_to_team (&world, self->id, world.school);
  add_to_team (&world, self->id, world.police);
  school_note = add_note (world.school, self->id, "Zebrafinken i skolans note", TRUE);
  police_note = add_note (world.police, self->id, "Zebrafinken i polisens note", TRUE);
  internal_note = add_note (world.social, self->id, "Zebrafinken i socialtjänstens interna note", FALSE);
  shared_note = add_note (world.social, self->id, "Zebrafinken i socialtjänstens delade note", TRUE);
  police_concern = add_concern (world.police, person, self->id, "Zebrafinken sågs i polisens oro");

  /* Before consent: the team sees the case and its own agency's notes. */
  g_assert_true (finds (world.school, "zetterlund", SAM_SEARCH_HIT_CASE, self->id));
  g_assert_true (finds (world.school, "zetterlund", SAM_SEARCH_HIT_PERSON, person));
  g_assert_true (finds (world.school, "zebrafinken", SAM_SEARCH_HIT_NOTE, school_note));
  g_assert_cmpuint (n_hits (world.school, "zebrafinken"), ==, 1);
  g_assert_true (finds (world.police, "zebrafinken", SAM_SEARCH_HIT_NOTE, police_note));
  g_assert_true (finds (world.police, "zebrafinken", SAM_SEARCH_HIT_CONCERN, police_concern));
  g_assert_cmpuint (n_hits (world.police, "zebrafinken"), ==, 2);

  /* A school off the team sees nothing of it at all. */
  g_assert_cmpuint (n_hits (world.school2, "zetterlund"), ==, 0);
  g_assert_cmpuint (n_hits (world.school2, "zebrafinken"), ==, 0);

  /* Social services see their own notes, internal ones too, and the
   * concern; the school's and the police's notes need consent. */
  g_assert_true (finds (world.social, "zebrafinken", SAM_SEARCH_HIT_NOTE, internal_note));
  g_assert_true (finds (world.social, "zebrafinken", SAM_SEARCH_HIT_NOTE, shared_note));
  g_assert_true (finds (world.social, "zebrafinken", SAM_SEARCH_HIT_CONCERN, police_concern));
  g_assert_cmpuint (n_hits (world.social, "zebrafinken"), ==, 3);

  /* A consent that covers school and social services opens the shared
   * note to the school, not the police's note. */
  agencies[0] = world.school_agency;
  agencies[1] = world.social_agency;
  consent = record_consent (&world, self->id, guardian, agencies, 2);
  g_assert_true (finds (world.school, "zebrafinken", SAM_SEARCH_HIT_NOTE, shared_note));
  g_assert_false (finds (world.school, "zebrafinken", SAM_SEARCH_HIT_NOTE, police_note));
  g_assert_cmpuint (n_hits (world.school, "zebrafinken"), ==, 2);
  g_assert_true (sam_case_store_withdraw_consent (world.social, consent, &error));
  g_assert_no_error (error);

  /* One that covers the police too opens theirs; the internal note stays
   * inside social services whatever the consent. */
  agencies[2] = world.police_agency;
  consent = record_consent (&world, self->id, guardian, agencies, 3);
  g_assert_true (finds (world.school, "zebrafinken", SAM_SEARCH_HIT_NOTE, school_note));
  g_assert_true (finds (world.school, "zebrafinken", SAM_SEARCH_HIT_NOTE, police_note));
  g_assert_true (finds (world.school, "zebrafinken", SAM_SEARCH_HIT_NOTE, shared_note));
  g_assert_true (finds (world.school, "zebrafinken", SAM_SEARCH_HIT_CONCERN, police_concern));
  g_assert_false (finds (world.school, "zebrafinken", SAM_SEARCH_HIT_NOTE, internal_note));
  g_assert_cmpuint (n_hits (world.school, "zebrafinken"), ==, 4);
  g_assert_cmpuint (n_hits (world.school2, "zebrafinken"), ==, 0);

  /* Withdrawal closes it again at once. */
  g_assert_true (sam_case_store_withdraw_consent (world.social, consent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_hits (world.school, "zebrafinken"), ==, 1);

  /* Leaving the team ends it all. */
  g_assert_true (sam_case_store_remove_team_member (world.social, self->id,
                                                    sam_session_get_user_id (world.school), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_hits (world.school, "zebrafinken"), ==, 0);
  g_assert_cmpuint (n_hits (world.school, "zetterlund"), ==, 0);

  /* An SSPF coordinator sees every case, and social services' notes as
   * their own agency's. */
  g_assert_true (finds (world.coordinator, "zetterlund", SAM_SEARCH_HIT_CASE, self->id));
  g_assert_true (finds (world.coordinator, "zebrafinken", SAM_SEARCH_HIT_NOTE, internal_note));
  g_assert_false (finds (world.coordinator, "zebrafinken", SAM_SEARCH_HIT_NOTE, police_note));
}

/* A restricted user's hits are not crowded out by the rest of the
 * municipality's matches. */
static void
test_scope_before_window (SamTestFixture *fixture,
                          gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamCase) mine = NULL;
  g_autoptr(SamCase) theirs = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  gint64 person, other, note;

  world_init (&world, fixture);
  person = add_person (&world, "Hanna", "Lind", NULL, NULL);
  other = add_person (&world, "Ivar", "Lind", NULL, NULL);
  mine = open_case (&world, person);
  theirs = open_case (&world, other);
  add_to_team (&world, mine->id, world.school);
  note = add_note (world.school, mine->id, "Vanlig anteckning om rast", TRUE);

  /* Far more matches elsewhere than the ranking window holds, all newer. */
  exec_sql (world.social, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500)"
                          " INSERT INTO notes (case_id, author_id, agency_id, written_at, text, shared_in_sspf)"
                          " SELECT (SELECT max (id) FROM cases), 1, 1, '2026-03-01T00:00:00Z',"
                          "        'Vanlig anteckning om rast nummer ' || i, 1 FROM n");

  hits = search (world.school, "vanlig anteckning");
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_nonnull (find_hit (hits, SAM_SEARCH_HIT_NOTE, note));
  g_assert_cmpint (theirs->id, !=, mine->id);
}

/* Emergency access opens a case to social services for its hour. */
static void
test_break_glass (SamTestFixture *fixture,
                  gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamCase) self = NULL;
  g_autoptr(SamSession) social2 = NULL;
  g_autoptr(GError) error = NULL;
  gint64 person, note;

  world_init (&world, fixture);
  social2 = sam_test_unlock_user (fixture->path, "social2");
  person = add_person (&world, "Nils", "Quist", NULL, NULL);
  self = open_case (&world, person);
  note = add_note (world.social, self->id, "Quistens anteckning", FALSE);

  /* Social services see the person, but not the case or its notes. */
  g_assert_true (finds (social2, "quist", SAM_SEARCH_HIT_PERSON, person));
  g_assert_false (finds (social2, "quist", SAM_SEARCH_HIT_CASE, self->id));
  g_assert_false (finds (social2, "quistens", SAM_SEARCH_HIT_NOTE, note));

  g_assert_true (sam_case_store_break_glass (social2, self->id, "Akut läge, behöver se ärendet nu",
                                             &error));
  g_assert_no_error (error);
  g_assert_true (finds (social2, "quist", SAM_SEARCH_HIT_CASE, self->id));
  g_assert_true (finds (social2, "quistens", SAM_SEARCH_HIT_NOTE, note));

  g_assert_true (sam_case_store_end_break_glass (social2, self->id, &error));
  g_assert_no_error (error);
  g_assert_false (finds (social2, "quist", SAM_SEARCH_HIT_CASE, self->id));
}

static void
test_refused (SamTestFixture *fixture,
              gconstpointer   data)
{
  const char * const users[] = { "manager", SAM_TEST_ADMIN };
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  gint64 before = count_rows (social, "SELECT count (*) FROM audit_log WHERE action = 'search'", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SamSession) session = NULL;
      g_autoptr(GPtrArray) hits = NULL;

      session = g_str_equal (users[i], SAM_TEST_ADMIN) ? sam_test_unlock_admin (fixture->path)
                                                       : sam_test_unlock_user (fixture->path, users[i]);
      hits = sam_search (session, "anna", 10, &error);
      g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
      g_assert_null (hits);
    }

  /* Each refusal is one denied SEARCH row. */
  g_assert_cmpint (count_rows (social, "SELECT count (*) FROM audit_log WHERE action = 'search'", NULL),
                   ==, before + 2);
  g_assert_cmpint (count_rows (social, "SELECT count (*) FROM audit_log WHERE action = 'search'"
                                       " AND outcome = 'denied' AND role IN ('manager', 'admin')", NULL),
                   ==, 2);
}

/* Audit and validation ------------------------------------------------------------ */

static void
test_audit_one_row_no_text (SamTestFixture *fixture,
                            gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamCase) self = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  const char *all_columns = "SELECT count (*) FROM audit_log WHERE instr (lower ("
                            " coalesce (time, '') || coalesce (role, '') || action"
                            " || coalesce (object_type, '') || coalesce (reason, '')), lower (?1)) > 0";
  gint64 before;
  gint64 person;

  world_init (&world, fixture);
  person = add_person (&world, "Jonna", "Kvistmarker", NULL, NULL);
  self = open_case (&world, person);
  add_note (world.social, self->id, "Kvistmarker-anteckning", TRUE);

  before = count_rows (world.social, "SELECT count (*) FROM audit_log", NULL);
  hits = search (world.social, "kvistmarker");
  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_cmpint (count_rows (world.social, "SELECT count (*) FROM audit_log", NULL), ==, before + 1);
  expected = g_strdup_printf ("count:%u", hits->len);
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (handle_of (world.social),
                                         "SELECT action, object_type, reason, outcome, user_id, person_id,"
                                         " case_id FROM audit_log ORDER BY seq DESC LIMIT 1",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "search");
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "search");
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, expected);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "ok");
    g_assert_cmpint (sqlite3_column_int64 (stmt, 4), ==, sam_session_get_user_id (world.social));
  }

  /* A search that finds nothing is logged too, as count:0. */
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (world.school2, "kvistmarker");
  g_assert_cmpuint (hits->len, ==, 0);
  g_assert_cmpint (count_rows (world.social, "SELECT count (*) FROM audit_log", NULL), ==, before + 2);
  g_assert_cmpint (count_rows (world.social, "SELECT count (*) FROM audit_log WHERE seq ="
                                             " (SELECT max (seq) FROM audit_log) AND reason = 'count:0'",
                               NULL), ==, 1);

  /* The query is nowhere in the log. */
  g_assert_cmpint (count_rows (world.social, all_columns, "kvistmarker"), ==, 0);
  g_assert_cmpint (count_rows (world.social, all_columns, "count:3"), ==, 1);

  /* A refused query is no search: nothing is logged. */
  before = count_rows (world.social, "SELECT count (*) FROM audit_log", NULL);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = sam_search (world.social, "   ", 10, &error);
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Search"));
  g_assert_null (hits);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (world.social, "SELECT count (*) FROM audit_log", NULL), ==, before);
}

static void
test_validation (SamTestFixture *fixture,
                 gconstpointer   data)
{
  g_autoptr(SamSession) social = sam_test_unlock_user (fixture->path, "social");
  g_autofree char *longest = g_strnfill (SAM_SEARCH_MAX_CHARS, 'a');
  g_autofree char *too_long = g_strnfill (SAM_SEARCH_MAX_CHARS + 1, 'a');
  g_autoptr(GString) many = g_string_new (NULL);
  g_autoptr(GString) enough = g_string_new (NULL);
  const char * const refused[] = { "", " \t ", "line\nbreak", too_long, "\xff\xfe" };

  for (guint i = 0; i < SAM_SEARCH_MAX_WORDS; i++)
    g_string_append_printf (enough, "w%u ", i);
  g_string_append_printf (many, "%sw%u", enough->str, SAM_SEARCH_MAX_WORDS);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) hits = sam_search (social, refused[i], 10, &error);

      g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "Search"));
      g_assert_null (hits);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) hits = sam_search (social, many->str, 10, &error);

    g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
    g_assert_null (hits);
  }

  g_assert_cmpuint (n_hits (social, longest), ==, 0);
  g_assert_cmpuint (n_hits (social, enough->str), ==, 0);
  g_assert_cmpuint (n_hits (social, "x"), ==, 0);
}

static void
test_limit (SamTestFixture *fixture,
            gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  world_init (&world, fixture);
  for (guint i = 0; i < 5; i++)
    add_person (&world, "Klara", "Mossberg", NULL, NULL);

  hits = sam_search (world.social, "mossberg", 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);
  g_assert_cmpuint (n_hits (world.social, "mossberg"), ==, 5);
}

/* The best match comes first, not the newest: more of the words, in a
 * shorter text. */
static void
test_rank (SamTestFixture *fixture,
           gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamCase) self = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  gint64 person, best, middle, worst;

  world_init (&world, fixture);
  person = add_person (&world, "Otto", "Pil", NULL, NULL);
  self = open_case (&world, person);
  best = add_note (world.social, self->id, "Kanotpaddling, kanotpaddling och mer kanotpaddling", TRUE);
  middle = add_note (world.social, self->id, "Kanotpaddling på lördag", TRUE);
  worst = add_note (world.social, self->id, "Eleven berättade länge om sommaren, om familjen, om"
                    " skolan och om kompisarna, och till sist om kanotpaddling med morbror", TRUE);

  hits = search (world.social, "kanotpadd");
  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_cmpint (((SamSearchHit *) g_ptr_array_index (hits, 0))->object_id, ==, best);
  g_assert_cmpint (((SamSearchHit *) g_ptr_array_index (hits, 1))->object_id, ==, middle);
  g_assert_cmpint (((SamSearchHit *) g_ptr_array_index (hits, 2))->object_id, ==, worst);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A name: the person and the case, whose texts are short, before a
   * note that mentions it. */
  add_note (world.social, self->id, "Otto Pil kom till mötet men sa inte mycket om skolan eller"
            " om hur det går med läxorna", TRUE);
  hits = search (world.social, "otto pil");
  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_cmpint (((SamSearchHit *) g_ptr_array_index (hits, 2))->kind, ==, SAM_SEARCH_HIT_NOTE);
}

/* FTS5 syntax in a query is text: it neither fails nor finds more. */
static void
test_query_syntax_is_text (SamTestFixture *fixture,
                           gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamCase) self = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  const char * const nothing[] = {
    "alfa OR beta", "\"alfa\" OR NOT beta*", "alfa NOT beta", "name:x", "text:alfa",
    "{text}: alfa OR beta", "scope : person", "person", "concern", "NEAR(alfa beta)",
    "alfa AND beta", "c1", "r1", "\"", "*", "\"\"", "(", ")", ":", "-", "^", "alfa + beta",
    "alfa beta", "* OR *", "al\"\"fa",
  };
  const char * const only_alfa[] = {
    "\"alfa", "alfa\"", "\"alfa\" \"", "^alfa", "(alfa)", "alfa)", "alfa*", "ALFA",
  };
  gint64 person, alfa, beta;

  world_init (&world, fixture);
  person = add_person (&world, "Lova", "Nord", NULL, NULL);
  self = open_case (&world, person);
  alfa = add_note (world.social, self->id, "alfa", TRUE);
  beta = add_note (world.social, self->id, "beta", TRUE);
  g_assert_cmpint (alfa, !=, beta);

  /* Raw FTS5 would match one or both notes, or every person by the scope
   * token "person", or fail; as text, they match nothing. */
  for (guint i = 0; i < G_N_ELEMENTS (nothing); i++)
    {
      g_autoptr(GError) error = NULL;

      hits = sam_search (world.coordinator, nothing[i], 10, &error);
      g_assert_no_error (error);
      if (hits->len != 0)
        g_error ("“%s” found %u", nothing[i], hits->len);
      g_clear_pointer (&hits, g_ptr_array_unref);
    }

  /* Quotes and operators around a word leave the word. */
  for (guint i = 0; i < G_N_ELEMENTS (only_alfa); i++)
    {
      hits = search (world.coordinator, only_alfa[i]);
      if (hits->len != 1 || find_hit (hits, SAM_SEARCH_HIT_NOTE, alfa) == NULL)
        g_error ("“%s” found %u", only_alfa[i], hits->len);
      g_clear_pointer (&hits, g_ptr_array_unref);
    }

  /* Nor do they open anything to someone off the case. */
  for (guint i = 0; i < G_N_ELEMENTS (only_alfa); i++)
    g_assert_cmpuint (n_hits (world.school2, only_alfa[i]), ==, 0);
  g_assert_cmpuint (n_hits (world.school2, "* OR *"), ==, 0);
}

/* Async ------------------------------------------------------------------------ */

static void
got_result_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      data)
{
  GAsyncResult **out_result = data;

  g_assert_true (SAM_IS_SESSION (object));
  *out_result = g_object_ref (result);
}

static GPtrArray *
search_and_wait (SamSession    *session,
                 const char    *query,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  sam_search_async (session, query, 0, cancellable, got_result_cb, &result);
  /* The result always comes by the main loop, never from within the call. */
  g_assert_null (result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return sam_search_finish (result, error);
}

static gint64
count_searches (SamSession *session)
{
  return count_rows (session, "SELECT count (*) FROM audit_log WHERE action = 'search'", NULL);
}

/* The async search finds what the sync one does, in a worker, with its
 * one audit row; one cancelled before it starts is not run or logged. */
static void
test_async (SamTestFixture *fixture,
            gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamCase) self = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SamSession) manager = NULL;
  g_autoptr(GError) error = NULL;
  gint64 person, before;

  world_init (&world, fixture);
  person = add_person (&world, "Anna", "Söderström", "201406011239", NULL);
  add_person (&world, "Annika", "Ödman", NULL, NULL);
  self = open_case (&world, person);

  expected = search (world.social, "ann");
  g_assert_cmpuint (expected->len, ==, 3);
  before = count_searches (world.social);
  hits = search_and_wait (world.social, "ann", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hits);
  g_assert_cmpuint (hits->len, ==, expected->len);
  for (guint i = 0; i < hits->len; i++)
    {
      const SamSearchHit *a = g_ptr_array_index (hits, i);
      const SamSearchHit *b = g_ptr_array_index (expected, i);

      g_assert_cmpint (a->kind, ==, b->kind);
      g_assert_cmpint (a->object_id, ==, b->object_id);
      g_assert_cmpstr (a->person_name, ==, b->person_name);
    }
  g_assert_cmpint (count_searches (world.social), ==, before + 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Cancelled before it could start. */
  g_cancellable_cancel (cancellable);
  hits = search_and_wait (world.social, "ann", cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (hits);
  g_assert_cmpint (count_searches (world.social), ==, before + 1);
  g_clear_error (&error);

  /* Refusals and invalid queries come back as the sync call gives them. */
  hits = search_and_wait (world.social, "   ", NULL, &error);
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  g_assert_null (hits);
  g_clear_error (&error);

  manager = sam_test_unlock_user (fixture->path, "manager");
  hits = search_and_wait (manager, "ann", NULL, &error);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_assert_null (hits);
}

/* Locking while a search runs waits for it; one that starts after the
 * lock finds the database closed. */
static void
test_async_lock (SamTestFixture *fixture,
                 gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamSession) session = NULL;
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  world_init (&world, fixture);
  add_person (&world, "Anna", "Söderström", NULL, NULL);
  session = sam_test_unlock_user (fixture->path, "social");

  sam_search_async (session, "anna", 0, NULL, got_result_cb, &first);
  sam_session_lock (session);
  g_assert_true (sam_session_is_locked (session));
  sam_search_async (session, "anna", 0, NULL, got_result_cb, &second);
  while (first == NULL || second == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* The first ran before the lock or found it: either is right. */
  hits = sam_search_finish (first, &error);
  if (hits == NULL)
    g_assert_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED);
  g_clear_pointer (&hits, g_ptr_array_unref);
  g_clear_error (&error);

  hits = sam_search_finish (second, &error);
  g_assert_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED);
  g_assert_null (hits);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (sam_security_init (NULL));

#define ADD(path, func) \
  g_test_add (path, SamTestFixture, NULL, set_up, func, sam_test_fixture_tear_down)

  ADD ("/search/names-and-numbers", test_names_and_numbers);
  ADD ("/search/async", test_async);
  ADD ("/search/async-lock", test_async_lock);
  ADD ("/search/concern-and-note-text", test_concern_and_note_text);
  ADD ("/search/index-follows-changes", test_index_follows_changes);
  g_test_add_func ("/search/migration-indexes-existing-rows", test_migration_indexes_existing_rows);
  ADD ("/search/policy-filter", test_policy_filter);
  ADD ("/search/scope-before-window", test_scope_before_window);
  ADD ("/search/break-glass", test_break_glass);
  ADD ("/search/refused", test_refused);
  ADD ("/search/audit-one-row-no-text", test_audit_one_row_no_text);
  ADD ("/search/validation", test_validation);
  ADD ("/search/limit", test_limit);
  ADD ("/search/rank", test_rank);
  ADD ("/search/query-syntax-is-text", test_query_syntax_is_text);

#undef ADD

  return g_test_run ();
}
