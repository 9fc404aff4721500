/* test-note-store.c: the case journal, its visibility and its audit rows
 *
 * Persons, guardians, cases, teams and consents are made with SQL, so that
 * these tests depend on no other store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sam-database-private.h"
#include "sam-test-util.h"

#define MARKER "ZQXJ-note-marker-4417"

/* A case about a 13-year-old with one guardian with custody, whose team is
 * the school, the police and social services. Leisure, the second school
 * and the second social worker are not on it. */
typedef struct
{
  SamTestFixture  base;
  SamSession     *admin;        /* runs the setup SQL and reads the audit log */
  SamSession     *school;
  SamSession     *police;
  SamSession     *social;
  gint64          person_id;
  gint64          case_id;
  gint64          school_agency;
  gint64          police_agency;
  gint64          social_agency;
} Fixture;

/* SQL helpers -------------------------------------------------------------- */

static sqlite3 *
handle_of (SamSession *session)
{
  return _sam_database_get_handle (sam_session_get_database (session));
}

static void
exec_sql (Fixture    *fixture,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (handle_of (fixture->admin), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (fixture->admin), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

static gint64
add_person (Fixture *fixture,
            guint    age)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO persons (given_name, family_name, birth_date,"
                                          "  created_at, created_by)"
                                          " VALUES ('Test', 'Person', date ('now', '-%u years', '-1 month'),"
                                          "         '2025-01-01T00:00:00Z', %" G_GINT64_FORMAT ")",
                                          age, sam_session_get_user_id (fixture->admin));

  exec_sql (fixture, sql);
  return sqlite3_last_insert_rowid (handle_of (fixture->admin));
}

static gint64
add_guardian (Fixture *fixture,
              gint64   person_id)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO guardians (person_id, name, custody)"
                                          " VALUES (%" G_GINT64_FORMAT ", 'Guardian', 1)", person_id);

  exec_sql (fixture, sql);
  return sqlite3_last_insert_rowid (handle_of (fixture->admin));
}

static gint64
add_case (Fixture    *fixture,
          gint64      person_id,
          const char *status)
{
  static guint number = 0;
  gboolean closed = g_str_equal (status, "closed");
  g_autofree char *sql = g_strdup_printf ("INSERT INTO cases (number, person_id, prevention_level, status,"
                                          "  closing_reason, opened_at, closed_at)"
                                          " VALUES ('SV-2025-%04u', %" G_GINT64_FORMAT ", 'indicated', '%s',"
                                          "         %s, '2025-01-01T00:00:00Z', %s)",
                                          ++number, person_id, status,
                                          closed ? "'other'" : "NULL",
                                          closed ? "'2025-02-01T00:00:00Z'" : "NULL");

  exec_sql (fixture, sql);
  return sqlite3_last_insert_rowid (handle_of (fixture->admin));
}

static void
add_to_team (Fixture    *fixture,
             gint64      case_id,
             SamSession *member)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO case_team (case_id, user_id)"
                                          " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                                          case_id, sam_session_get_user_id (member));

  exec_sql (fixture, sql);
}

/* A consent in force since 2020 that names @agencies and is signed by
 * every guardian with custody of the case's young person. */
static gint64
add_consent (Fixture      *fixture,
             gint64        case_id,
             const gint64 *agencies,
             guint         n_agencies)
{
  g_autofree char *consent = g_strdup_printf ("INSERT INTO consents (case_id, purpose, valid_from,"
                                              "  recorded_by, recorded_at)"
                                              " VALUES (%" G_GINT64_FORMAT ", 'SSPF', '2020-01-01',"
                                              "         %" G_GINT64_FORMAT ", '2020-01-01T00:00:00Z')",
                                              case_id, sam_session_get_user_id (fixture->admin));
  g_autofree char *signatories = NULL;
  gint64 consent_id;

  exec_sql (fixture, consent);
  consent_id = sqlite3_last_insert_rowid (handle_of (fixture->admin));

  signatories = g_strdup_printf ("INSERT INTO consent_signatories (consent_id, guardian_id, signed_on)"
                                 " SELECT %" G_GINT64_FORMAT ", g.id, '2020-01-01'"
                                 " FROM guardians g JOIN cases c ON c.person_id = g.person_id"
                                 " WHERE c.id = %" G_GINT64_FORMAT " AND g.custody = 1",
                                 consent_id, case_id);
  exec_sql (fixture, signatories);

  for (guint i = 0; i < n_agencies; i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO consent_agencies (consent_id, agency_id)"
                                              " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                                              consent_id, agencies[i]);
      exec_sql (fixture, sql);
    }

  return consent_id;
}

static void
withdraw_consent (Fixture *fixture,
                  gint64   consent_id)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE consents SET withdrawn_at = '2025-06-01T00:00:00Z'"
                                          " WHERE id = %" G_GINT64_FORMAT, consent_id);

  exec_sql (fixture, sql);
}

/* Audit helpers ------------------------------------------------------------ */

static gint64
audit_head (Fixture *fixture)
{
  return query_int (fixture, "SELECT coalesce (max (seq), 0) FROM audit_log");
}

/* Asserts that exactly one row was appended after @since, and that it says
 * what it should. Ids of 0 and a NULL reason must be NULL in the row. */
static void
assert_one_audit_row (Fixture    *fixture,
                      gint64      since,
                      SamSession *actor,
                      const char *action,
                      const char *object_type,
                      gint64      object_id,
                      gint64      person_id,
                      gint64      case_id,
                      const char *reason,
                      const char *outcome)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (audit_head (fixture), ==, since + 1);

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (fixture->admin),
                                       "SELECT user_id, action, object_type, object_id, person_id, case_id,"
                                       "       reason, outcome FROM audit_log WHERE seq = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, since + 1);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, sam_session_get_user_id (actor));
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, action);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, object_type);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, object_id);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 4), ==, person_id);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 5), ==, case_id);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 6), ==, reason);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 7), ==, outcome);
}

/* Fixture ------------------------------------------------------------------ */

static SamSession *
unlock (Fixture    *fixture,
        const char *user)
{
  return sam_test_unlock_user (fixture->base.path, user);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  sam_test_fixture_set_up (&fixture->base, data);
  sam_test_populate_sspf (fixture->base.path);
  fixture->admin = sam_test_unlock_admin (fixture->base.path);
  fixture->school = unlock (fixture, "school");
  fixture->police = unlock (fixture, "police");
  fixture->social = unlock (fixture, "social");

  fixture->school_agency = sam_test_agency_id (fixture->admin, SAM_TEST_SCHOOL);
  fixture->police_agency = sam_test_agency_id (fixture->admin, SAM_TEST_POLICE);
  fixture->social_agency = sam_test_agency_id (fixture->admin, SAM_TEST_SOCIAL);

  fixture->person_id = add_person (fixture, 13);
  add_guardian (fixture, fixture->person_id);
  fixture->case_id = add_case (fixture, fixture->person_id, "active");
  add_to_team (fixture, fixture->case_id, fixture->school);
  add_to_team (fixture, fixture->case_id, fixture->police);
  add_to_team (fixture, fixture->case_id, fixture->social);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->school);
  g_clear_object (&fixture->police);
  g_clear_object (&fixture->social);
  g_clear_object (&fixture->admin);
  sam_test_fixture_tear_down (&fixture->base, data);
}

static SamNote *
write_ok (Fixture    *fixture,
          SamSession *author,
          const char *text,
          gboolean    shared_in_sspf)
{
  g_autoptr(GError) error = NULL;
  SamNote *note = sam_note_store_write (author, fixture->case_id, text, shared_in_sspf, &error);

  g_assert_no_error (error);
  g_assert_nonnull (note);

  return note;
}

/* Lists the journal as @viewer, checks its one audit row, and returns the
 * texts of the notes shown, joined by commas. */
static char *
visible (Fixture    *fixture,
         SamSession *viewer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GString) texts = g_string_new (NULL);
  g_autofree char *reason = NULL;
  gint64 since = audit_head (fixture);

  notes = sam_note_store_list (viewer, fixture->case_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (notes);

  for (guint i = 0; i < notes->len; i++)
    {
      SamNote *note = g_ptr_array_index (notes, i);

      g_assert_cmpint (note->case_id, ==, fixture->case_id);
      g_string_append_printf (texts, "%s%s", i > 0 ? "," : "", note->text);
    }

  reason = g_strdup_printf ("count:%u", notes->len);
  assert_one_audit_row (fixture, since, viewer, "view", "journal", 0, fixture->person_id,
                        fixture->case_id, reason, "ok");

  return g_string_free (g_steal_pointer (&texts), FALSE);
}

static void
assert_visible (Fixture    *fixture,
                SamSession *viewer,
                const char *expected)
{
  g_autofree char *texts = visible (fixture, viewer);

  g_assert_cmpstr (texts, ==, expected);
}

static void
assert_list_denied (Fixture    *fixture,
                    SamSession *viewer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  gint64 since = audit_head (fixture);

  notes = sam_note_store_list (viewer, fixture->case_id, &error);
  g_assert_null (notes);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  assert_one_audit_row (fixture, since, viewer, "view", "case", 0, 0, fixture->case_id,
                        "operation:case-view", "denied");
}

static void
assert_write_denied (Fixture    *fixture,
                     SamSession *author,
                     gint64      case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamNote) note = NULL;
  gint64 notes_before = query_int (fixture, "SELECT count (*) FROM notes");
  gint64 since = audit_head (fixture);

  note = sam_note_store_write (author, case_id, "Should not be saved", TRUE, &error);
  g_assert_null (note);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM notes"), ==, notes_before);
  assert_one_audit_row (fixture, since, author, "create", "note", 0, 0, case_id,
                        "operation:note-write", "denied");
}

/* Tests -------------------------------------------------------------------- */

static void
test_write (Fixture       *fixture,
            gconstpointer  data)
{
  const char *text = "Föräldrasamtal hölls.\nNästa steg:\tuppföljning om två veckor.";
  g_autoptr(SamNote) police_note = NULL;
  g_autoptr(SamNote) internal = NULL;
  g_autoptr(SamNote) shared = NULL;
  g_autoptr(SamNote) school_note = NULL;
  gint64 since;

  /* Outside social services the flag means nothing: stored as shared. */
  since = audit_head (fixture);
  police_note = write_ok (fixture, fixture->police, text, FALSE);
  g_assert_cmpint (police_note->id, >, 0);
  g_assert_cmpint (police_note->case_id, ==, fixture->case_id);
  g_assert_cmpint (police_note->author_id, ==, sam_session_get_user_id (fixture->police));
  g_assert_cmpstr (police_note->author_name, ==, "police");
  g_assert_cmpint (police_note->agency_id, ==, fixture->police_agency);
  g_assert_cmpstr (police_note->agency_name, ==, SAM_TEST_POLICE);
  g_assert_cmpstr (police_note->text, ==, text);
  g_assert_nonnull (police_note->written_at);
  g_assert_true (police_note->shared_in_sspf);
  assert_one_audit_row (fixture, since, fixture->police, "create", "note", police_note->id,
                        fixture->person_id, fixture->case_id, NULL, "ok");

  since = audit_head (fixture);
  internal = write_ok (fixture, fixture->social, "Internal assessment.", FALSE);
  g_assert_false (internal->shared_in_sspf);
  g_assert_cmpint (internal->agency_id, ==, fixture->social_agency);
  assert_one_audit_row (fixture, since, fixture->social, "create", "note", internal->id,
                        fixture->person_id, fixture->case_id, NULL, "ok");

  since = audit_head (fixture);
  shared = write_ok (fixture, fixture->social, "Shared summary.", TRUE);
  g_assert_true (shared->shared_in_sspf);
  assert_one_audit_row (fixture, since, fixture->social, "create", "note", shared->id,
                        fixture->person_id, fixture->case_id, "shared_in_sspf", "ok");

  since = audit_head (fixture);
  school_note = write_ok (fixture, fixture->school, "School note.", TRUE);
  g_assert_true (school_note->shared_in_sspf);
  assert_one_audit_row (fixture, since, fixture->school, "create", "note", school_note->id,
                        fixture->person_id, fixture->case_id, NULL, "ok");

  g_assert_cmpint (query_int (fixture, "SELECT group_concat (shared_in_sspf, '') FROM"
                                       " (SELECT shared_in_sspf FROM notes ORDER BY id)"), ==, 1011);
}

static void
test_write_validation (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *too_long = g_strnfill (SAM_LONG_TEXT_MAX_CHARS + 1, 'n');
  g_autofree char *longest = g_strnfill (SAM_LONG_TEXT_MAX_CHARS, 'n');
  const char *bad[] = { NULL, "", " \n\t ", too_long, "Bell \a here", "Trasig \xc3\x28 text" };
  gint64 since = audit_head (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SamNote) note = sam_note_store_write (fixture->school, fixture->case_id, bad[i], FALSE, &error);

      g_assert_null (note);
      g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, "Note: "))
        g_error ("case %u: “%s” does not start with “Note: ”", i, error->message);
    }

  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM notes"), ==, 0);
  g_assert_cmpint (audit_head (fixture), ==, since);

  {
    g_autoptr(SamNote) note = write_ok (fixture, fixture->school, longest, FALSE);

    g_assert_cmpint (g_utf8_strlen (note->text, -1), ==, SAM_LONG_TEXT_MAX_CHARS);
  }
}

static void
test_write_policy (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SamSession) leisure = unlock (fixture, "leisure");
  g_autoptr(SamSession) school2 = unlock (fixture, "school2");
  g_autoptr(SamSession) social2 = unlock (fixture, "social2");
  g_autoptr(SamSession) manager = unlock (fixture, "manager");
  g_autoptr(SamSession) coordinator = unlock (fixture, "coordinator");
  g_autoptr(SamNote) note = NULL;

  /* Only the team writes in a case's journal … */
  assert_write_denied (fixture, leisure, fixture->case_id);
  assert_write_denied (fixture, school2, fixture->case_id);
  assert_write_denied (fixture, social2, fixture->case_id);
  /* … never managers and administrators … */
  assert_write_denied (fixture, manager, fixture->case_id);
  assert_write_denied (fixture, fixture->admin, fixture->case_id);
  /* … and nobody in a case that does not exist. */
  assert_write_denied (fixture, coordinator, fixture->case_id + 1000);
  assert_write_denied (fixture, fixture->school, fixture->case_id + 1000);

  /* The coordinator role reaches every SSPF case; their note is social
   * services' own, internal unless shared. */
  note = write_ok (fixture, coordinator, "Coordinator note.", FALSE);
  g_assert_cmpint (note->agency_id, ==, fixture->social_agency);
  g_assert_false (note->shared_in_sspf);
}

static void
test_list_visibility (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(SamSession) leisure = unlock (fixture, "leisure");
  g_autoptr(SamSession) manager = unlock (fixture, "manager");
  g_autoptr(SamSession) coordinator = unlock (fixture, "coordinator");
  g_autoptr(SamNote) s = write_ok (fixture, fixture->school, "S", FALSE);
  g_autoptr(SamNote) p = write_ok (fixture, fixture->police, "P", FALSE);
  g_autoptr(SamNote) i = write_ok (fixture, fixture->social, "I", FALSE);
  g_autoptr(SamNote) h = write_ok (fixture, fixture->social, "H", TRUE);
  gint64 school_police[] = { fixture->school_agency, fixture->police_agency };
  gint64 everyone[] = { fixture->school_agency, fixture->police_agency, fixture->social_agency };
  gint64 consent_id;

  /* No consent: each agency sees its own notes only. */
  assert_visible (fixture, fixture->school, "S");
  assert_visible (fixture, fixture->police, "P");
  assert_visible (fixture, fixture->social, "I,H");
  assert_visible (fixture, coordinator, "I,H");

  /* Not on the team, or a role without person-level data: refused. */
  assert_list_denied (fixture, leisure);
  assert_list_denied (fixture, manager);
  assert_list_denied (fixture, fixture->admin);

  /* A consent covering the school and the police opens their notes to
   * each other, and nothing of social services'. */
  consent_id = add_consent (fixture, fixture->case_id, school_police, 2);
  assert_visible (fixture, fixture->school, "S,P");
  assert_visible (fixture, fixture->police, "S,P");
  assert_visible (fixture, fixture->social, "I,H");

  /* Withdrawn: gone at once. */
  withdraw_consent (fixture, consent_id);
  assert_visible (fixture, fixture->police, "P");
  assert_visible (fixture, fixture->school, "S");

  /* A consent covering all three: the shared social services note is
   * seen, the internal one never outside social services. */
  consent_id = add_consent (fixture, fixture->case_id, everyone, 3);
  assert_visible (fixture, fixture->police, "S,P,H");
  assert_visible (fixture, fixture->school, "S,P,H");
  assert_visible (fixture, fixture->social, "S,P,I,H");
  assert_visible (fixture, coordinator, "S,P,I,H");

  withdraw_consent (fixture, consent_id);
  assert_visible (fixture, fixture->police, "P");
  assert_visible (fixture, fixture->social, "I,H");

  g_assert_cmpint (s->id, <, p->id);
  g_assert_cmpint (i->id, <, h->id);
}

static void
test_no_text_in_audit (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(SamNote) note = write_ok (fixture, fixture->police, "Observed at the station. " MARKER, FALSE);
  g_autoptr(SamNote) internal = write_ok (fixture, fixture->social, MARKER " internal", FALSE);
  g_autofree char *police_sees = visible (fixture, fixture->police);
  g_autofree char *social_sees = visible (fixture, fixture->social);
  g_autoptr(GError) error = NULL;
  guint64 n_rows = 0;

  g_assert_nonnull (strstr (police_sees, MARKER));
  g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM notes WHERE instr (text, '" MARKER "')"), ==, 2);
  g_assert_cmpint (query_int (fixture,
                              "SELECT count (*) FROM audit_log WHERE instr (coalesce (time, '') || '|' ||"
                              " coalesce (role, '') || '|' || action || '|' || coalesce (object_type, '') || '|' ||"
                              " coalesce (reason, '') || '|' || outcome, '" MARKER "')"), ==, 0);

  g_assert_true (sam_audit_verify (fixture->admin, NULL, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, >, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/note-store/write", test_write);
  ADD ("/note-store/write-validation", test_write_validation);
  ADD ("/note-store/write-policy", test_write_policy);
  ADD ("/note-store/list-visibility", test_list_visibility);
  ADD ("/note-store/no-text-in-audit", test_no_text_in_audit);
#undef ADD

  return g_test_run ();
}
