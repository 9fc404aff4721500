/* test-policy.c: the access policy as a whole matrix (DESIGN §3)
 *
 * Every role × every person-level operation × {team, not team,
 * break-the-glass} × {no consent, consent covering all agencies, consent
 * covering only school and social services, withdrawn consent} × items from
 * the viewer's own agency, other agencies and social services' internal
 * and shared notes. The expected answer comes from a model written out
 * here from DESIGN §3, independently of the policy table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sam-database-private.h"
#include "sam-test-util.h"

typedef enum { NOT_RELATED, ON_TEAM, BREAK_GLASS, N_RELATIONS } Relation;
typedef enum { NO_CONSENT, CONSENT_ALL, CONSENT_SCHOOL_SOCIAL, CONSENT_WITHDRAWN, N_CONSENTS } Consent;

static const char * const subjects[] = {
  "school", "school2", "leisure", "police", "social2", "coordinator", "manager", "admin",
};

typedef struct
{
  SamSession *owner;            /* "social": opened every case */
  gint64      cases[N_CONSENTS];
  gint64      school, school2, social, police, leisure;
} World;

static void
exec_sql (SamSession *session,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (_sam_database_get_handle (sam_session_get_database (session)), sql, NULL, NULL,
                    &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
user_id (SamSession *session,
         const char *name)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  sqlite3_prepare_v2 (_sam_database_get_handle (sam_session_get_database (session)),
                      "SELECT id FROM users WHERE name = ?1", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

/* A case for a twelve-year-old with one guardian, whose signature is all
 * that a consent needs. */
static gint64
make_case (World   *world,
           Consent  consent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamCase) self = NULL;
  sqlite3 *handle = _sam_database_get_handle (sam_session_get_database (world->owner));
  gint64 person, guardian;

  exec_sql (world->owner, "INSERT INTO persons (given_name, family_name, birth_date, created_at,"
                          " created_by) VALUES ('Ung', 'Person', '2014-06-01', '2026-01-01T00:00:00Z', 1)");
  person = sqlite3_last_insert_rowid (handle);
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO guardians (person_id, name, custody)"
                                            " VALUES (%" G_GINT64_FORMAT ", 'Förälder', 1)", person);
    exec_sql (world->owner, sql);
    guardian = sqlite3_last_insert_rowid (handle);
  }

  self = sam_case_store_create (world->owner, person, SAM_PREVENTION_SELECTIVE, NULL, &error);
  g_assert_no_error (error);

  if (consent != NO_CONSENT)
    {
      gint64 all[] = { world->school, world->school2, world->social, world->police, world->leisure };
      gint64 few[] = { world->school, world->social };
      SamConsentDraft draft = {
        .purpose = "Samverkan i SSPF",
        .valid_from = "2026-01-01",
        .guardian_ids = &guardian,
        .n_guardians = 1,
        .signed_on = "2026-01-01",
        .agency_ids = consent == CONSENT_SCHOOL_SOCIAL ? few : all,
        .n_agencies = consent == CONSENT_SCHOOL_SOCIAL ? 2 : 5,
      };
      gint64 id = sam_case_store_record_consent (world->owner, self->id, &draft, &error);

      g_assert_no_error (error);
      if (consent == CONSENT_WITHDRAWN)
        g_assert_true (sam_case_store_withdraw_consent (world->owner, id, &error));
      g_assert_no_error (error);
    }

  return self->id;
}

/* The model ------------------------------------------------------------------ */

static gboolean
consent_covers (const World *world,
                Consent      consent,
                gint64       a,
                gint64       b)
{
  switch (consent)
    {
    case CONSENT_ALL:
      return TRUE;
    case CONSENT_SCHOOL_SOCIAL:
      return (a == world->school || a == world->social) && (b == world->school || b == world->social);
    case NO_CONSENT:
    case CONSENT_WITHDRAWN:
    case N_CONSENTS:
    default:
      return FALSE;
    }
}

static gboolean
expected (const World           *world,
          SamRole                role,
          gint64                 own_agency,
          Relation               relation,
          Consent                consent,
          SamOperation           operation,
          const SamAccessTarget *target)
{
  gboolean social = role == SAM_ROLE_SOCIAL || role == SAM_ROLE_COORDINATOR;
  gboolean front_line = role != SAM_ROLE_MANAGER && role != SAM_ROLE_ADMIN;
  /* Rule 2: a coordinator may see every SSPF case. */
  gboolean related = role == SAM_ROLE_COORDINATOR || relation != NOT_RELATED;
  /* Rule 3, with social services' internal notes kept inside. */
  gboolean item = related &&
                  (target->item_agency_id == own_agency ||
                   (!target->item_is_social_internal &&
                    consent_covers (world, consent, own_agency, target->item_agency_id)));

  /* DESIGN §6: summaries are the manager's, their small-number rule the
   * administrator's; neither holds a person. */
  if (operation == SAM_OPERATION_SUMMARY_RUN)
    return role == SAM_ROLE_MANAGER;
  if (operation == SAM_OPERATION_SUMMARY_CONFIGURE)
    return role == SAM_ROLE_ADMIN;
  /* DESIGN §8, Preferences: the municipality's settings are the
   * administrator's to change. */
  if (operation == SAM_OPERATION_SETTINGS_WRITE)
    return role == SAM_ROLE_ADMIN;

  /* Rule 1: managers and administrators never get person-level data. */
  if (!front_line)
    return FALSE;

  switch (operation)
    {
    case SAM_OPERATION_PERSON_FIND:
    case SAM_OPERATION_PERSON_CREATE:
    case SAM_OPERATION_CONCERN_CREATE:
      return TRUE;
    case SAM_OPERATION_CONCERN_INBOX:
    case SAM_OPERATION_CONCERN_TRIAGE:
    case SAM_OPERATION_CASE_CREATE:
    case SAM_OPERATION_BREAK_GLASS:
      return social;
    case SAM_OPERATION_PERSON_VIEW:
      return social || related;
    case SAM_OPERATION_CASE_VIEW:
    case SAM_OPERATION_NOTE_WRITE:
      return related;
    case SAM_OPERATION_CASE_MANAGE:
    case SAM_OPERATION_CONSENT_MANAGE:
    case SAM_OPERATION_MEETING_MANAGE:
    case SAM_OPERATION_MAPPING_WRITE:
    case SAM_OPERATION_PLAN_MANAGE:
    case SAM_OPERATION_FOLLOW_UP_MANAGE:
      return social && related;
    case SAM_OPERATION_ACTION_UPDATE:
      /* Each agency updates its own actions (DESIGN §3, "Writing"). */
      return related && (social || target->item_agency_id == own_agency);
    case SAM_OPERATION_CASE_ITEM_VIEW:
      return item;
    case SAM_OPERATION_CONCERN_VIEW:
      return social || item;
    default:
      g_assert_not_reached ();
    }
}

/* The matrix -------------------------------------------------------------------- */

static void
set_relation (World      *world,
              SamSession *subject,
              gint64      case_id,
              Relation    relation,
              gboolean    on)
{
  g_autoptr(GError) error = NULL;
  gint64 id = sam_session_get_user_id (subject);

  if (relation == ON_TEAM)
    {
      if (on)
        g_assert_true (sam_case_store_add_team_member (world->owner, case_id, id, &error));
      else
        g_assert_true (sam_case_store_remove_team_member (world->owner, case_id, id, &error));
    }
  else if (relation == BREAK_GLASS)
    {
      if (on)
        g_assert_true (sam_case_store_break_glass (subject, case_id, "Akut läge i matristestet", &error));
      else
        g_assert_true (sam_case_store_end_break_glass (subject, case_id, &error));
    }
  g_assert_no_error (error);
}

static guint
check_subject (World      *world,
               SamSession *subject,
               Relation    relation,
               Consent     consent)
{
  gint64 case_id = world->cases[consent];
  gint64 own = sam_session_get_agency_id (subject);
  const SamAccessTarget targets[] = {
    { .case_id = case_id, .item_agency_id = own },
    { .case_id = case_id, .item_agency_id = world->school },
    { .case_id = case_id, .item_agency_id = world->police },
    { .case_id = case_id, .item_agency_id = world->leisure },
    { .case_id = case_id, .item_agency_id = world->social, .item_is_social_internal = TRUE },
    { .case_id = case_id, .item_agency_id = world->social },
  };
  SamRole role = sam_session_get_role (subject);
  guint checked = 0;

  for (SamOperation op = SAM_OPERATION_PERSON_FIND; op < SAM_N_OPERATIONS; op++)
    for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
      {
        gboolean want = expected (world, role, own, relation, consent, op, &targets[t]);
        gboolean got = sam_policy_may (subject, op, &targets[t]);

        if (want != got)
          g_error ("%s, relation %d, consent %d, %s, item of agency %" G_GINT64_FORMAT "%s: "
                   "expected %s", sam_session_get_user_name (subject), relation, consent,
                   sam_operation_to_string (op), targets[t].item_agency_id,
                   targets[t].item_is_social_internal ? " (internal)" : "",
                   want ? "allowed" : "denied");
        checked++;
      }

  return checked;
}

static void
test_matrix (SamTestFixture *fixture,
             gconstpointer   data)
{
  World world = { 0 };
  guint checked = 0;

  sam_test_populate_sspf (fixture->path);
  world.owner = sam_test_unlock_user (fixture->path, "social");
  world.school = sam_test_agency_id (world.owner, SAM_TEST_SCHOOL);
  world.school2 = sam_test_agency_id (world.owner, SAM_TEST_SCHOOL2);
  world.social = sam_test_agency_id (world.owner, SAM_TEST_SOCIAL);
  world.police = sam_test_agency_id (world.owner, SAM_TEST_POLICE);
  world.leisure = sam_test_agency_id (world.owner, SAM_TEST_LEISURE);
  for (Consent c = 0; c < N_CONSENTS; c++)
    world.cases[c] = make_case (&world, c);

  for (guint s = 0; s < G_N_ELEMENTS (subjects); s++)
    {
      g_autoptr(SamSession) subject = s + 1 == G_N_ELEMENTS (subjects)
                                      ? sam_test_unlock_admin (fixture->path)
                                      : sam_test_unlock_user (fixture->path, subjects[s]);
      SamRole role = sam_session_get_role (subject);
      gboolean front_line = role != SAM_ROLE_MANAGER && role != SAM_ROLE_ADMIN;
      gboolean can_break_glass = role == SAM_ROLE_SOCIAL || role == SAM_ROLE_COORDINATOR;

      for (Relation r = 0; r < N_RELATIONS; r++)
        {
          /* Only front-line staff can be on a team; only social services
           * can break the glass. */
          if ((r == ON_TEAM && !front_line) || (r == BREAK_GLASS && !can_break_glass))
            continue;

          for (Consent c = 0; c < N_CONSENTS; c++)
            {
              set_relation (&world, subject, world.cases[c], r, TRUE);
              checked += check_subject (&world, subject, r, c);
              set_relation (&world, subject, world.cases[c], r, FALSE);
            }
        }
    }

  g_test_message ("%u policy decisions checked", checked);
  g_assert_cmpuint (checked, >, 3000);
  g_object_unref (world.owner);
}

/* Rule 1 through the real calls, not only the table. */
static void
test_no_person_data_for_manager_or_admin (SamTestFixture *fixture,
                                          gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) social = NULL;
  g_autoptr(SamCase) opened = NULL;
  sqlite3 *handle;
  gint64 person;

  sam_test_populate_sspf (fixture->path);
  social = sam_test_unlock_user (fixture->path, "social");
  handle = _sam_database_get_handle (sam_session_get_database (social));
  exec_sql (social, "INSERT INTO persons (given_name, family_name, birth_date, created_at, created_by)"
                    " VALUES ('Ung', 'Person', '2014-06-01', '2026-01-01T00:00:00Z', 1)");
  person = sqlite3_last_insert_rowid (handle);
  opened = sam_case_store_create (social, person, SAM_PREVENTION_SELECTIVE, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SamSession) session = i == 0 ? sam_test_unlock_user (fixture->path, "manager")
                                             : sam_test_unlock_admin (fixture->path);
      g_autoptr(SamCase) seen = NULL;
      g_autoptr(SamCase) created = NULL;

      seen = sam_case_store_get (session, opened->id, &error);
      g_assert_null (seen);
      g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
      g_clear_error (&error);

      created = sam_case_store_create (session, person, SAM_PREVENTION_SELECTIVE, NULL, &error);
      g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
      g_clear_error (&error);

      g_assert_false (sam_case_store_break_glass (session, opened->id, "Vill se allt nu direkt", &error));
      g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
      g_clear_error (&error);

      g_assert_false (sam_case_store_is_shared (session, opened->id));
    }

  (void) user_id;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (sam_security_init (NULL));

  g_test_add ("/policy/matrix", SamTestFixture, NULL, sam_test_fixture_set_up, test_matrix,
              sam_test_fixture_tear_down);
  g_test_add ("/policy/no-person-data-for-manager-or-admin", SamTestFixture, NULL,
              sam_test_fixture_set_up, test_no_person_data_for_manager_or_admin,
              sam_test_fixture_tear_down);

  return g_test_run ();
}
