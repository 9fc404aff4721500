/* test-factor-world.h: the SSPF case the mapping and follow-up tests share
 *
 * A case about a twelve-year-old with one guardian with custody, opened by
 * "social" (so its coordinator), with the school and the police on its
 * team. Made active under a consent that covers social services and the
 * school, not the police. Included by test-mapping-store.c and
 * test-follow-up-store.c only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-database-private.h"
#include "sam-test-util.h"

typedef struct
{
  SamSession *social;         /* opened the case: its coordinator */
  SamSession *school;         /* on the team, covered by the consent */
  SamSession *police;         /* on the team, not covered */
  SamSession *school2;        /* not on the team */
  SamSession *social2;        /* social services, not on the team */
  SamSession *coordinator;    /* the SSPF coordinator role: every case */
  gint64      person;
  gint64      guardian;
  gint64      case_id;
  gint64      consent;
} World;

static inline void
set_up (SamTestFixture *fixture,
        gconstpointer   data)
{
  sam_test_fixture_set_up (fixture, data);
  sam_test_populate_sspf (fixture->path);
}

static inline sqlite3 *
handle_of (SamSession *session)
{
  return _sam_database_get_handle (sam_session_get_database (session));
}

static inline void
exec_sql (SamSession *session,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (handle_of (session), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

G_GNUC_PRINTF (2, 3)
static inline gint64
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

G_GNUC_PRINTF (2, 3)
static inline gint64
count_rows (SamSession *session,
            const char *format,
            ...)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (session), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

static inline void
add_to_team (SamSession *manager,
             gint64      case_id,
             SamSession *member)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_case_store_add_team_member (manager, case_id,
                                                 sam_session_get_user_id (member), &error));
  g_assert_no_error (error);
}

/* A case of its own young person, opened by @opener, still awaiting
 * consent. */
static inline gint64
open_case (SamSession *opener,
           gint64     *out_guardian)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamCase) self = NULL;
  gint64 person;

  person = insert (opener,
                   "INSERT INTO persons (given_name, family_name, birth_date, created_at,"
                   " created_by) VALUES ('Maja', 'Ros', '2014-06-01', '2026-01-01T00:00:00Z', 1)");
  *out_guardian = insert (opener,
                          "INSERT INTO guardians (person_id, name, custody)"
                          " VALUES (%" G_GINT64_FORMAT ", 'Vårdnadshavare', 1)", person);
  self = sam_case_store_create (opener, person, SAM_PREVENTION_SELECTIVE, NULL, &error);
  g_assert_no_error (error);

  return self->id;
}

/* A consent for social services and @agency, then the case made active. */
static inline gint64
activate_case (SamSession *manager,
               gint64      case_id,
               gint64      guardian,
               gint64      agency)
{
  g_autoptr(GError) error = NULL;
  gint64 agencies[] = { sam_session_get_agency_id (manager), agency };
  SamConsentDraft draft = {
    .purpose = "Samverkan kring skolgång och fritid",
    .valid_from = "2026-01-01",
    .guardian_ids = &guardian,
    .n_guardians = 1,
    .signed_on = "2026-01-01",
    .agency_ids = agencies,
    .n_agencies = G_N_ELEMENTS (agencies),
  };
  gint64 consent = sam_case_store_record_consent (manager, case_id, &draft, &error);

  g_assert_no_error (error);
  g_assert_true (sam_case_store_set_status (manager, case_id, SAM_CASE_STATUS_ACTIVE, NULL, &error));
  g_assert_no_error (error);

  return consent;
}

static inline void
world_init (World          *world,
            SamTestFixture *fixture,
            gboolean        active)
{
  world->social = sam_test_unlock_user (fixture->path, "social");
  world->school = sam_test_unlock_user (fixture->path, "school");
  world->police = sam_test_unlock_user (fixture->path, "police");
  world->school2 = sam_test_unlock_user (fixture->path, "school2");
  world->social2 = sam_test_unlock_user (fixture->path, "social2");
  world->coordinator = sam_test_unlock_user (fixture->path, "coordinator");

  world->case_id = open_case (world->social, &world->guardian);
  world->person = count_rows (world->social, "SELECT person_id FROM cases WHERE id = %" G_GINT64_FORMAT,
                              world->case_id);
  add_to_team (world->social, world->case_id, world->school);
  add_to_team (world->social, world->case_id, world->police);

  if (active)
    world->consent = activate_case (world->social, world->case_id, world->guardian,
                                    sam_session_get_agency_id (world->school));
}

static inline void
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

/* A local date @days from today, as the stores' "today" reckons it. */
static inline char *
date_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static inline void
assert_invalid (GError     *error,
                const char *field)
{
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, field))
    g_error ("“%s” does not name the field “%s”", error->message, field);
}

static inline void
assert_denied (GError *error)
{
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
}
