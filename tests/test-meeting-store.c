/* test-meeting-store.c: network meetings, their rules, visibility and audit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sam-database-private.h"
#include "sam-meeting-store-private.h"
#include "sam-test-util.h"

typedef struct
{
  SamSession *social;         /* opens the case, so coordinates it */
  SamSession *school;         /* on the case's team */
  SamSession *police;         /* on the case's team */
  SamSession *school2;        /* not on the team */
  gint64      person;
  gint64      guardian;
  gint64      other_guardian; /* another young person's */
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

G_GNUC_PRINTF (2, 3)
static gint64
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

static gint64
count_audit (World *world)
{
  return count_rows (world->social, "SELECT count (*) FROM audit_log");
}

static gint64
count_meetings (World *world)
{
  return count_rows (world->social, "SELECT count (*) FROM meetings");
}

static gint64
count_participants (World *world)
{
  return count_rows (world->social, "SELECT count (*) FROM meeting_participants");
}

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* A time some hours from now, as the store writes times. */
static char *
hours_from_now (int hours)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_hours (now, hours);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

static gint64
add_person (SamSession *session,
            const char *given_name)
{
  return insert (session,
                 "INSERT INTO persons (given_name, family_name, birth_date, created_at, created_by)"
                 " VALUES ('%s', 'Ros', '2014-06-01', '2026-01-01T00:00:00Z', 1)", given_name);
}

static gint64
add_guardian (SamSession *session,
              gint64      person,
              const char *name)
{
  return insert (session,
                 "INSERT INTO guardians (person_id, name, custody) VALUES (%" G_GINT64_FORMAT ", '%s', 1)",
                 person, name);
}

static gint64
open_case (SamSession *opener,
           gint64      person)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamCase) self = sam_case_store_create (opener, person, SAM_PREVENTION_SELECTIVE, NULL, &error);

  g_assert_no_error (error);
  return self->id;
}

static void
add_to_team (SamSession *manager,
             gint64      case_id,
             SamSession *member)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_case_store_add_team_member (manager, case_id, sam_session_get_user_id (member),
                                                 &error));
  g_assert_no_error (error);
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
  world->school_agency = sam_test_agency_id (world->social, SAM_TEST_SCHOOL);
  world->social_agency = sam_test_agency_id (world->social, SAM_TEST_SOCIAL);
  world->police_agency = sam_test_agency_id (world->social, SAM_TEST_POLICE);

  world->person = add_person (world->social, "Maja");
  world->guardian = add_guardian (world->social, world->person, "Vårdnadshavare Ros");
  world->other_guardian = add_guardian (world->social, add_person (world->social, "Annan"), "Annan förälder");
  world->case_id = open_case (world->social, world->person);
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
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (World, world_clear)

static gint64
record_consent (World        *world,
                const gint64 *agencies,
                guint         n_agencies)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = today ();
  SamConsentDraft draft = {
    .purpose = "Samverkan kring skolgång",
    .valid_from = date,
    .guardian_ids = &world->guardian,
    .n_guardians = 1,
    .signed_on = date,
    .agency_ids = agencies,
    .n_agencies = n_agencies,
  };
  gint64 id = sam_case_store_record_consent (world->social, world->case_id, &draft, &error);

  g_assert_no_error (error);
  return id;
}

static SamMeetingDraft
simple_draft (const char *starts_at)
{
  SamMeetingDraft draft = {
    .starts_at = starts_at,
    .duration_minutes = 60,
    .place = "Ekholmsskolan, konferensrummet",
  };

  return draft;
}

static gint64
schedule (SamSession *session,
          gint64      case_id,
          const char *starts_at)
{
  g_autoptr(GError) error = NULL;
  SamMeetingDraft draft = simple_draft (starts_at);
  gint64 id = sam_meeting_store_schedule (session, case_id, &draft, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static GPtrArray *
list_for_case (SamSession *session,
               gint64      case_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *meetings = sam_meeting_store_list_for_case (session, case_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (meetings);
  return meetings;
}

static GPtrArray *
list_range (SamSession *session,
            const char *from,
            const char *to,
            guint       limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *meetings = sam_meeting_store_list_range (session, from, to, limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (meetings);
  return meetings;
}

static gboolean
lists (GPtrArray *meetings,
       gint64     meeting_id)
{
  for (guint i = 0; i < meetings->len; i++)
    {
      if (((SamMeeting *) g_ptr_array_index (meetings, i))->id == meeting_id)
        return TRUE;
    }

  return FALSE;
}

static char *
meeting_column (World      *world,
                gint64      meeting_id,
                const char *column)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM meetings WHERE id = %" G_GINT64_FORMAT,
                                          column, meeting_id);

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (world->social), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* The newest audit row, as "action object object_id case_id person_id reason outcome". */
static char *
last_audit (World *world)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (world->social),
                                       "SELECT action || ' ' || coalesce (object_type, '-') || ' '"
                                       "  || coalesce (object_id, 0) || ' ' || coalesce (case_id, 0)"
                                       "  || ' ' || coalesce (person_id, 0) || ' '"
                                       "  || coalesce (reason, '-') || ' ' || outcome"
                                       "  FROM audit_log ORDER BY seq DESC LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
assert_last_audit (World      *world,
                   const char *action,
                   const char *object,
                   gint64      object_id,
                   gint64      case_id,
                   gint64      person_id,
                   const char *reason)
{
  g_autofree char *row = last_audit (world);
  g_autofree char *expected = g_strdup_printf ("%s %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                                               " %" G_GINT64_FORMAT " %s ok",
                                               action, object, object_id, case_id, person_id,
                                               reason != NULL ? reason : "-");

  g_assert_cmpstr (row, ==, expected);
}

static void
assert_invalid (GError     *error,
                const char *field)
{
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, field))
    g_error ("“%s” does not name the field %s", error->message, field);
}

/* Scheduling ------------------------------------------------------------------ */

static void
test_schedule (SamTestFixture *fixture,
               gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SamMeeting) meeting = NULL;
  g_autoptr(SamCase) self = NULL;
  gint64 users[3];
  gint64 audit_before, id;
  const SamMeetingParticipant *participant;
  SamMeetingDraft draft = simple_draft ("2030-03-14T14:00:00+01:00");

  world_init (&world, fixture);
  users[0] = sam_session_get_user_id (world.school);
  users[1] = sam_session_get_user_id (world.social);
  users[2] = sam_session_get_user_id (world.school);   /* twice: counts once */
  draft.user_ids = users;
  draft.n_users = G_N_ELEMENTS (users);
  draft.guardian_ids = &world.guardian;
  draft.n_guardians = 1;
  draft.include_young_person = TRUE;
  draft.agenda = "1. Läget i skolan\n2. Fritiden";

  audit_before = count_audit (&world);
  id = sam_meeting_store_schedule (world.social, world.case_id, &draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* One meeting, four participants, one audit row in its transaction. */
  g_assert_cmpint (count_meetings (&world), ==, 1);
  g_assert_cmpint (count_participants (&world), ==, 4);
  g_assert_cmpint (count_audit (&world), ==, audit_before + 1);
  assert_last_audit (&world, "create", "meeting", id, world.case_id, world.person, NULL);

  meeting = sam_meeting_store_get (world.social, id, &error);
  g_assert_no_error (error);
  assert_last_audit (&world, "view", "meeting", id, world.case_id, world.person, NULL);
  self = sam_case_store_get (world.social, world.case_id, &error);
  g_assert_no_error (error);

  /* Stored in UTC, whatever zone it was written in. */
  g_assert_cmpstr (meeting->starts_at, ==, "2030-03-14T13:00:00Z");
  g_assert_cmpint (meeting->case_id, ==, world.case_id);
  g_assert_cmpstr (meeting->case_number, ==, self->number);
  g_assert_cmpuint (meeting->duration_minutes, ==, 60);
  g_assert_cmpstr (meeting->place, ==, "Ekholmsskolan, konferensrummet");
  g_assert_cmpint (meeting->status, ==, SAM_MEETING_PLANNED);
  g_assert_cmpstr (meeting->agenda, ==, "1. Läget i skolan\n2. Fritiden");
  g_assert_null (meeting->minutes);
  g_assert_null (meeting->decisions);
  g_assert_cmpint (meeting->created_by, ==, sam_session_get_user_id (world.social));
  g_assert_cmpstr (meeting->created_by_name, ==, "social");
  g_assert_cmpint (meeting->agency_id, ==, world.social_agency);
  g_assert_cmpstr (meeting->agency_name, ==, SAM_TEST_SOCIAL);
  g_assert_nonnull (meeting->created_at);
  g_assert_cmpstr (meeting->created_at, ==, meeting->updated_at);

  /* Staff by name, then the guardian, then the young person. */
  g_assert_cmpuint (meeting->participants->len, ==, 4);
  participant = g_ptr_array_index (meeting->participants, 0);
  g_assert_cmpint (participant->kind, ==, SAM_MEETING_PARTICIPANT_USER);
  g_assert_cmpstr (participant->display_name, ==, "school");
  g_assert_cmpint (participant->agency_id, ==, world.school_agency);
  g_assert_cmpstr (participant->agency_name, ==, SAM_TEST_SCHOOL);
  participant = g_ptr_array_index (meeting->participants, 1);
  g_assert_cmpstr (participant->display_name, ==, "social");
  g_assert_cmpint (participant->user_id, ==, sam_session_get_user_id (world.social));
  participant = g_ptr_array_index (meeting->participants, 2);
  g_assert_cmpint (participant->kind, ==, SAM_MEETING_PARTICIPANT_GUARDIAN);
  g_assert_cmpint (participant->guardian_id, ==, world.guardian);
  g_assert_cmpstr (participant->display_name, ==, "Vårdnadshavare Ros");
  g_assert_cmpint (participant->agency_id, ==, 0);
  g_assert_null (participant->agency_name);
  participant = g_ptr_array_index (meeting->participants, 3);
  g_assert_cmpint (participant->kind, ==, SAM_MEETING_PARTICIPANT_YOUNG_PERSON);
  g_assert_cmpstr (participant->display_name, ==, "Maja Ros");
  g_assert_cmpint (participant->user_id, ==, 0);
  g_assert_cmpint (participant->guardian_id, ==, 0);

  /* A time without a zone is local time (TZ=UTC here). */
  g_clear_pointer (&meeting, sam_meeting_free);
  draft = simple_draft ("2030-05-01T09:30:00");
  id = sam_meeting_store_schedule (world.social, world.case_id, &draft, &error);
  g_assert_no_error (error);
  meeting = sam_meeting_store_get (world.social, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (meeting->starts_at, ==, "2030-05-01T09:30:00Z");
  g_assert_cmpuint (meeting->participants->len, ==, 0);
  g_assert_null (meeting->agenda);
}

typedef struct
{
  const char *field;
  const char *starts_at;
  guint       duration;
  const char *place;
  gboolean    long_agenda;
  int         participant;   /* 0: none; see test_validation */
} BadDraft;

static void
test_validation (SamTestFixture *fixture,
                 gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamSession) social2 = NULL;
  g_autofree char *long_place = g_strnfill (201, 'x');
  g_autofree char *long_agenda = g_strnfill (20001, 'y');
  static const BadDraft bad[] = {
    { "Start time", NULL, 60, "Rum", FALSE, 0 },
    { "Start time", "", 60, "Rum", FALSE, 0 },
    { "Start time", "2030-02-30T10:00:00Z", 60, "Rum", FALSE, 0 },
    { "Start time", "2030-13-01T10:00:00Z", 60, "Rum", FALSE, 0 },
    { "Start time", "2030-03-14T25:00:00Z", 60, "Rum", FALSE, 0 },
    { "Start time", "i morgon klockan tio", 60, "Rum", FALSE, 0 },
    { "Start time", "1850-03-14T10:00:00Z", 60, "Rum", FALSE, 0 },
    { "Duration", "2030-03-14T10:00:00Z", 4, "Rum", FALSE, 0 },
    { "Duration", "2030-03-14T10:00:00Z", 601, "Rum", FALSE, 0 },
    { "Duration", "2030-03-14T10:00:00Z", 0, "Rum", FALSE, 0 },
    { "Place", "2030-03-14T10:00:00Z", 60, NULL, FALSE, 0 },
    { "Place", "2030-03-14T10:00:00Z", 60, "", FALSE, 0 },
    { "Place", "2030-03-14T10:00:00Z", 60, "   ", FALSE, 0 },
    { "Place", "2030-03-14T10:00:00Z", 60, "Rum\n2", FALSE, 0 },
    { "Place", "2030-03-14T10:00:00Z", 60, "(long)", FALSE, 0 },
    { "Agenda", "2030-03-14T10:00:00Z", 60, "Rum", TRUE, 0 },
    { "Participants", "2030-03-14T10:00:00Z", 60, "Rum", FALSE, 1 },  /* not on the team */
    { "Participants", "2030-03-14T10:00:00Z", 60, "Rum", FALSE, 2 },  /* no such user */
    { "Participants", "2030-03-14T10:00:00Z", 60, "Rum", FALSE, 3 },  /* disabled */
    { "Participants", "2030-03-14T10:00:00Z", 60, "Rum", FALSE, 4 },  /* another's guardian */
    { "Participants", "2030-03-14T10:00:00Z", 60, "Rum", FALSE, 5 },  /* no such guardian */
  };
  gint64 meetings_before, participants_before, audit_before;

  world_init (&world, fixture);
  social2 = sam_test_unlock_user (fixture->path, "social2");
  add_to_team (world.social, world.case_id, social2);
  g_clear_object (&social2);
  exec_sql (world.social, "UPDATE users SET disabled = 1 WHERE name = 'social2'");

  meetings_before = count_meetings (&world);
  participants_before = count_participants (&world);
  audit_before = count_audit (&world);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 user = 0, guardian = 0;
      SamMeetingDraft draft = {
        .starts_at = bad[i].starts_at,
        .duration_minutes = bad[i].duration,
        .place = g_strcmp0 (bad[i].place, "(long)") == 0 ? long_place : bad[i].place,
        .agenda = bad[i].long_agenda ? long_agenda : "Dagordning",
      };

      switch (bad[i].participant)
        {
        case 1: user = sam_session_get_user_id (world.school2); break;
        case 2: user = 9999; break;
        case 3: user = count_rows (world.social, "SELECT id FROM users WHERE name = 'social2'"); break;
        case 4: guardian = world.other_guardian; break;
        case 5: guardian = 9999; break;
        default: break;
        }
      /* A valid participant first: nothing of it may be saved either. */
      {
        gint64 users[2] = { sam_session_get_user_id (world.school), user };
        gint64 guardians[2] = { world.guardian, guardian };

        draft.user_ids = users;
        draft.n_users = user != 0 ? 2 : 1;
        draft.guardian_ids = guardians;
        draft.n_guardians = guardian != 0 ? 2 : 1;
        draft.include_young_person = TRUE;

        g_assert_cmpint (sam_meeting_store_schedule (world.social, world.case_id, &draft, &error), ==, 0);
      }
      assert_invalid (error, bad[i].field);

      g_assert_cmpint (count_meetings (&world), ==, meetings_before);
      g_assert_cmpint (count_participants (&world), ==, participants_before);
      g_assert_cmpint (count_audit (&world), ==, audit_before);
    }

  /* A closed case gets no new meetings. */
  {
    g_autoptr(GError) error = NULL;
    SamMeetingDraft draft = simple_draft ("2030-03-14T10:00:00Z");

    g_assert_true (sam_case_store_set_status (world.social, world.case_id, SAM_CASE_STATUS_CLOSED,
                                              "moved", &error));
    g_assert_no_error (error);
    meetings_before = count_meetings (&world);
    g_assert_cmpint (sam_meeting_store_schedule (world.social, world.case_id, &draft, &error), ==, 0);
    assert_invalid (error, "Case");
    g_assert_cmpint (count_meetings (&world), ==, meetings_before);
  }

  /* An unknown case is not found. */
  {
    g_autoptr(GError) error = NULL;
    SamMeetingDraft draft = simple_draft ("2030-03-14T10:00:00Z");

    g_assert_cmpint (sam_meeting_store_schedule (world.social, world.case_id + 100, &draft, &error), ==, 0);
    g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND);
  }
}

static void
test_participants (SamTestFixture *fixture,
                   gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamSession) social2 = NULL;
  g_autoptr(SamMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;
  SamMeetingDraft draft = simple_draft ("2030-03-14T10:00:00Z");
  gint64 users[2];
  gint64 id;

  world_init (&world, fixture);
  social2 = sam_test_unlock_user (fixture->path, "social2");

  /* The case's coordinator takes part even when not on the team's list. */
  exec_sql (world.social, "UPDATE cases SET coordinator_id = (SELECT id FROM users WHERE name = 'social2')");
  g_assert_cmpint (count_rows (world.social, "SELECT count (*) FROM case_team t JOIN users u ON u.id = t.user_id"
                                             " WHERE u.name = 'social2'"), ==, 0);
  users[0] = sam_session_get_user_id (social2);
  users[1] = sam_session_get_user_id (world.police);
  draft.user_ids = users;
  draft.n_users = 2;
  id = sam_meeting_store_schedule (world.social, world.case_id, &draft, &error);
  g_assert_no_error (error);

  meeting = sam_meeting_store_get (world.social, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (meeting->participants->len, ==, 2);
  g_assert_cmpstr (((SamMeetingParticipant *) g_ptr_array_index (meeting->participants, 0))->display_name,
                   ==, "police");
  g_assert_cmpstr (((SamMeetingParticipant *) g_ptr_array_index (meeting->participants, 0))->agency_name,
                   ==, SAM_TEST_POLICE);
  g_assert_cmpstr (((SamMeetingParticipant *) g_ptr_array_index (meeting->participants, 1))->display_name,
                   ==, "social2");

  /* Replaced while planned: the guardian and the young person instead;
   * a refused list leaves the saved one as it was. */
  {
    SamMeetingDraft others = { .guardian_ids = &world.guardian, .n_guardians = 1,
                               .include_young_person = TRUE };
    SamMeetingDraft foreign = { .guardian_ids = &world.other_guardian, .n_guardians = 1 };
    gint64 audit_before = count_audit (&world);

    g_assert_true (sam_meeting_store_set_participants (world.social, id, &others, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count_audit (&world), ==, audit_before + 1);
    assert_last_audit (&world, "update", "meeting", id, world.case_id, world.person, "participants");
    g_assert_false (sam_meeting_store_set_participants (world.social, id, &foreign, &error));
    assert_invalid (error, "Participants");
    g_clear_error (&error);
    g_assert_cmpint (count_audit (&world), ==, audit_before + 1);

    g_clear_pointer (&meeting, sam_meeting_free);
    meeting = sam_meeting_store_get (world.social, id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (meeting->participants->len, ==, 2);
    g_assert_cmpint (((SamMeetingParticipant *) g_ptr_array_index (meeting->participants, 0))->kind, ==,
                     SAM_MEETING_PARTICIPANT_GUARDIAN);
    g_assert_cmpint (((SamMeetingParticipant *) g_ptr_array_index (meeting->participants, 1))->kind, ==,
                     SAM_MEETING_PARTICIPANT_YOUNG_PERSON);

    /* Only while planned. */
    g_assert_true (sam_meeting_store_set_status (world.social, id, SAM_MEETING_CANCELLED, &error));
    g_assert_no_error (error);
    g_assert_false (sam_meeting_store_set_participants (world.social, id, &others, &error));
    assert_invalid (error, "Participants");
    g_clear_error (&error);
    g_assert_cmpint (count_rows (world.social, "SELECT count (*) FROM meeting_participants"
                                               " WHERE meeting_id = %" G_GINT64_FORMAT, id), ==, 2);
  }

  /* Taken off the team: no longer a participant of new meetings. */
  g_assert_true (sam_case_store_remove_team_member (social2, world.case_id,
                                                    sam_session_get_user_id (world.police), &error));
  g_assert_no_error (error);
  draft.n_users = 2;
  g_assert_cmpint (sam_meeting_store_schedule (world.social, world.case_id, &draft, &error), ==, 0);
  assert_invalid (error, "Participants");
  g_assert_nonnull (strstr (error->message, "police"));
}

/* Only social services on the case manage its meetings. */
static void
test_manage_refused (SamTestFixture *fixture,
                     gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamSession) social2 = NULL;
  g_autoptr(SamSession) manager = NULL;
  g_autoptr(GError) error = NULL;
  SamMeetingDraft draft = simple_draft ("2030-03-14T10:00:00Z");
  gint64 meetings_before, denied_before, id;

  world_init (&world, fixture);
  social2 = sam_test_unlock_user (fixture->path, "social2");
  manager = sam_test_unlock_user (fixture->path, "manager");
  id = schedule (world.social, world.case_id, "2030-03-01T10:00:00Z");
  meetings_before = count_meetings (&world);
  denied_before = count_rows (world.social, "SELECT count (*) FROM audit_log WHERE outcome = 'denied'");

  g_assert_cmpint (sam_meeting_store_schedule (world.school, world.case_id, &draft, &error), ==, 0);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (sam_meeting_store_schedule (social2, world.case_id, &draft, &error), ==, 0);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (sam_meeting_store_schedule (manager, world.case_id, &draft, &error), ==, 0);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  /* Not even whether a case exists reaches a role that may never. */
  g_assert_cmpint (sam_meeting_store_schedule (manager, world.case_id + 100, &draft, &error), ==, 0);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);

  g_assert_false (sam_meeting_store_record_minutes (world.school, id, "Protokoll", NULL, &error));
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (sam_meeting_store_set_status (social2, id, SAM_MEETING_CANCELLED, &error));
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);

  g_assert_cmpint (count_meetings (&world), ==, meetings_before);
  g_assert_cmpint (count_rows (world.social, "SELECT count (*) FROM audit_log WHERE outcome = 'denied'"),
                   ==, denied_before + 6);
  g_assert_cmpint (count_rows (world.social, "SELECT count (*) FROM meetings WHERE minutes IS NOT NULL"
                                             " OR status <> 'planned'"), ==, 0);

  /* An SSPF coordinator manages every case's meetings. */
  {
    g_autoptr(SamSession) coordinator = sam_test_unlock_user (fixture->path, "coordinator");

    g_assert_cmpint (sam_meeting_store_schedule (coordinator, world.case_id, &draft, &error), >, 0);
    g_assert_no_error (error);
  }

  g_assert_false (sam_meeting_store_set_status (world.social, id + 100, SAM_MEETING_CANCELLED, &error));
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND);
}

/* Status and changes ----------------------------------------------------------------- */

static void
assert_refused_change (World   *world,
                       gint64   meeting_id,
                       gboolean ok,
                       GError  *error,
                       const char *field,
                       gint64   audit_before,
                       const char *updated_before)
{
  g_autofree char *updated_after = meeting_column (world, meeting_id, "updated_at || status");

  g_assert_false (ok);
  assert_invalid (error, field);
  g_assert_cmpint (count_audit (world), ==, audit_before);
  g_assert_cmpstr (updated_after, ==, updated_before);
}

static void
test_status (SamTestFixture *fixture,
             gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autofree char *past = hours_from_now (-48);
  g_autofree char *future = hours_from_now (72);
  gint64 held, cancelled, upcoming, audit_before;

  world_init (&world, fixture);
  held = schedule (world.social, world.case_id, past);
  cancelled = schedule (world.social, world.case_id, future);
  upcoming = schedule (world.social, world.case_id, future);

  /* The machine itself. */
  for (guint from = 0; from < SAM_N_MEETING_STATUSES; from++)
    for (guint to = 0; to < SAM_N_MEETING_STATUSES; to++)
      g_assert_cmpint (sam_meeting_status_can_change (from, to), ==,
                       from == SAM_MEETING_PLANNED && to != SAM_MEETING_PLANNED);

  for (guint s = 0; s < SAM_N_MEETING_STATUSES; s++)
    {
      SamMeetingStatus back;

      g_assert_true (sam_meeting_status_from_string (sam_meeting_status_to_string (s), &back));
      g_assert_cmpint (back, ==, s);
      g_assert_nonnull (sam_meeting_status_get_label (s));
    }
  g_assert_cmpstr (sam_meeting_status_to_string (SAM_MEETING_CANCELLED), ==, "cancelled");
  g_assert_cmpstr (sam_meeting_status_get_label (SAM_MEETING_HELD), ==, "Held");
  {
    SamMeetingStatus unused;

    g_assert_false (sam_meeting_status_from_string ("postponed", &unused));
    g_assert_false (sam_meeting_status_from_string (NULL, &unused));
  }

  /* Refused steps change nothing and log nothing. */
  {
    struct { gint64 meeting; SamMeetingStatus to; } refused[] = {
      { upcoming, SAM_MEETING_HELD },       /* not started yet */
      { upcoming, SAM_MEETING_PLANNED },    /* already planned */
      { upcoming, SAM_N_MEETING_STATUSES }, /* no such status */
    };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *before = meeting_column (&world, refused[i].meeting, "updated_at || status");
        gboolean ok;

        audit_before = count_audit (&world);
        ok = sam_meeting_store_set_status (world.social, refused[i].meeting, refused[i].to, &error);
        assert_refused_change (&world, refused[i].meeting, ok, error, "Status", audit_before, before);
      }
  }

  /* Allowed: planned → held (started), planned → cancelled. */
  {
    g_autoptr(GError) error = NULL;

    audit_before = count_audit (&world);
    g_assert_true (sam_meeting_store_set_status (world.social, held, SAM_MEETING_HELD, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count_audit (&world), ==, audit_before + 1);
    assert_last_audit (&world, "update", "meeting", held, world.case_id, world.person, "status:held");

    g_assert_true (sam_meeting_store_set_status (world.social, cancelled, SAM_MEETING_CANCELLED, &error));
    g_assert_no_error (error);
    assert_last_audit (&world, "update", "meeting", cancelled, world.case_id, world.person,
                       "status:cancelled");
    g_assert_cmpint (count_rows (world.social, "SELECT count (*) FROM meetings WHERE status = 'held'"), ==, 1);
    g_assert_cmpint (count_rows (world.social, "SELECT count (*) FROM meetings WHERE status = 'cancelled'"),
                     ==, 1);
  }

  /* Held and cancelled are final. */
  {
    struct { gint64 meeting; SamMeetingStatus to; } refused[] = {
      { held, SAM_MEETING_PLANNED },
      { held, SAM_MEETING_CANCELLED },
      { held, SAM_MEETING_HELD },
      { cancelled, SAM_MEETING_PLANNED },
      { cancelled, SAM_MEETING_HELD },
    };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *before = meeting_column (&world, refused[i].meeting, "updated_at || status");
        gboolean ok;

        audit_before = count_audit (&world);
        ok = sam_meeting_store_set_status (world.social, refused[i].meeting, refused[i].to, &error);
        assert_refused_change (&world, refused[i].meeting, ok, error, "Status", audit_before, before);
      }
  }

  /* What else each status allows. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *before = NULL;
    g_autofree char *minutes = NULL;
    gboolean ok;

    /* Minutes on the held meeting, also once the case is closed. */
    g_assert_true (sam_case_store_set_status (world.social, world.case_id, SAM_CASE_STATUS_CLOSED,
                                              "goals_met", &error));
    g_assert_no_error (error);
    audit_before = count_audit (&world);
    g_assert_true (sam_meeting_store_record_minutes (world.social, held, "Protokoll\nrad två",
                                                     "Mentor från skolan", &error));
    g_assert_no_error (error);
    g_assert_cmpint (count_audit (&world), ==, audit_before + 1);
    assert_last_audit (&world, "update", "meeting", held, world.case_id, world.person, "minutes");
    minutes = meeting_column (&world, held, "minutes || '|' || decisions");
    g_assert_cmpstr (minutes, ==, "Protokoll\nrad två|Mentor från skolan");

    before = meeting_column (&world, held, "updated_at || status");
    audit_before = count_audit (&world);
    ok = sam_meeting_store_update_agenda (world.social, held, "Ny dagordning", &error);
    assert_refused_change (&world, held, ok, error, "Case", audit_before, before);
    g_clear_error (&error);
    ok = sam_meeting_store_reschedule (world.social, held, future, 60, "Rum", &error);
    assert_refused_change (&world, held, ok, error, "Case", audit_before, before);
    g_clear_error (&error);
    g_clear_pointer (&before, g_free);

    before = meeting_column (&world, cancelled, "updated_at || status");
    ok = sam_meeting_store_record_minutes (world.social, cancelled, "Protokoll", NULL, &error);
    assert_refused_change (&world, cancelled, ok, error, "Minutes", audit_before, before);
    g_clear_error (&error);

    /* A planned meeting of a closed case can still be cancelled. */
    g_assert_true (sam_meeting_store_set_status (world.social, upcoming, SAM_MEETING_CANCELLED, &error));
    g_assert_no_error (error);
  }
}

static void
test_changes (SamTestFixture *fixture,
              gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SamMeeting) meeting = NULL;
  g_autofree char *past = hours_from_now (-1);
  g_autofree char *long_text = g_strnfill (20001, 'z');
  g_autofree char *before = NULL;
  gint64 id, audit_before;
  gboolean ok;

  world_init (&world, fixture);
  id = schedule (world.social, world.case_id, "2030-03-01T10:00:00Z");

  audit_before = count_audit (&world);
  g_assert_true (sam_meeting_store_reschedule (world.social, id, "2030-03-02T09:00:00+01:00", 90,
                                               "Socialkontoret", &error));
  g_assert_no_error (error);
  assert_last_audit (&world, "update", "meeting", id, world.case_id, world.person, "reschedule");
  g_assert_true (sam_meeting_store_update_agenda (world.social, id, "Punkt 1", &error));
  g_assert_no_error (error);
  assert_last_audit (&world, "update", "meeting", id, world.case_id, world.person, "agenda");
  /* Minutes may be taken while the meeting goes on. */
  g_assert_true (sam_meeting_store_record_minutes (world.social, id, "Anteckningar", "", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_audit (&world), ==, audit_before + 3);

  meeting = sam_meeting_store_get (world.social, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (meeting->starts_at, ==, "2030-03-02T08:00:00Z");
  g_assert_cmpuint (meeting->duration_minutes, ==, 90);
  g_assert_cmpstr (meeting->place, ==, "Socialkontoret");
  g_assert_cmpstr (meeting->agenda, ==, "Punkt 1");
  g_assert_cmpstr (meeting->minutes, ==, "Anteckningar");
  g_assert_null (meeting->decisions);
  g_assert_cmpint (meeting->status, ==, SAM_MEETING_PLANNED);

  /* Bad input names its field and changes nothing. */
  before = meeting_column (&world, id, "updated_at || status || starts_at || place || agenda");
  audit_before = count_audit (&world);
#define REFUSED(call, field) \
  G_STMT_START { \
    g_autofree char *after = NULL; \
    ok = (call); \
    g_assert_false (ok); \
    assert_invalid (error, field); \
    g_clear_error (&error); \
    after = meeting_column (&world, id, "updated_at || status || starts_at || place || agenda"); \
    g_assert_cmpstr (after, ==, before); \
    g_assert_cmpint (count_audit (&world), ==, audit_before); \
  } G_STMT_END
  REFUSED (sam_meeting_store_reschedule (world.social, id, "2030-02-29T10:00:00Z", 60, "Rum", &error),
           "Start time");
  REFUSED (sam_meeting_store_reschedule (world.social, id, "2030-03-01T10:00:00Z", 700, "Rum", &error),
           "Duration");
  REFUSED (sam_meeting_store_reschedule (world.social, id, "2030-03-01T10:00:00Z", 60, "", &error),
           "Place");
  REFUSED (sam_meeting_store_update_agenda (world.social, id, long_text, &error), "Agenda");
  REFUSED (sam_meeting_store_record_minutes (world.social, id, long_text, NULL, &error), "Minutes");
  REFUSED (sam_meeting_store_record_minutes (world.social, id, NULL, long_text, &error), "Decisions");

  /* Once held, it cannot move and its agenda stays. */
  exec_sql (world.social, "UPDATE meetings SET starts_at = '2020-01-01T10:00:00Z'");
  g_clear_pointer (&before, g_free);
  g_assert_true (sam_meeting_store_set_status (world.social, id, SAM_MEETING_HELD, &error));
  g_assert_no_error (error);
  before = meeting_column (&world, id, "updated_at || status || starts_at || place || agenda");
  audit_before = count_audit (&world);
  REFUSED (sam_meeting_store_reschedule (world.social, id, past, 60, "Rum", &error), "Start time");
  REFUSED (sam_meeting_store_update_agenda (world.social, id, "Annan", &error), "Agenda");
#undef REFUSED
}

/* Visibility ---------------------------------------------------------------------- */

static void
test_visibility (SamTestFixture *fixture,
                 gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamSession) manager = NULL;
  g_autoptr(SamSession) admin = NULL;
  g_autoptr(SamSession) coordinator = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(SamMeeting) meeting = NULL;
  g_autoptr(GError) error = NULL;
  gint64 agencies[3];
  gint64 id, consent;

  world_init (&world, fixture);
  manager = sam_test_unlock_user (fixture->path, "manager");
  admin = sam_test_unlock_admin (fixture->path);
  coordinator = sam_test_unlock_user (fixture->path, "coordinator");
  id = schedule (world.social, world.case_id, "2030-03-01T10:00:00Z");

  /* Social services see their own agency's meeting. */
  meetings = list_for_case (world.social, world.case_id);
  g_assert_cmpuint (meetings->len, ==, 1);
  g_clear_pointer (&meetings, g_ptr_array_unref);

  /* The school is on the team, but without consent social services'
   * meeting is not the school's to see: absent from lists, refused
   * when asked for by id. */
  meetings = list_for_case (world.school, world.case_id);
  g_assert_cmpuint (meetings->len, ==, 0);
  g_clear_pointer (&meetings, g_ptr_array_unref);
  meetings = list_range (world.school, "2030-01-01T00:00:00Z", "2031-01-01T00:00:00Z", 0);
  g_assert_cmpuint (meetings->len, ==, 0);
  g_clear_pointer (&meetings, g_ptr_array_unref);
  meeting = sam_meeting_store_get (world.school, id, &error);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_assert_null (meeting);
  g_clear_error (&error);

  /* A consent of the school and the police leaves social services out. */
  agencies[0] = world.school_agency;
  agencies[1] = world.police_agency;
  consent = record_consent (&world, agencies, 2);
  meetings = list_for_case (world.school, world.case_id);
  g_assert_cmpuint (meetings->len, ==, 0);
  g_clear_pointer (&meetings, g_ptr_array_unref);
  g_assert_true (sam_case_store_withdraw_consent (world.social, consent, &error));
  g_assert_no_error (error);

  /* One covering the school and social services opens it. */
  agencies[0] = world.school_agency;
  agencies[1] = world.social_agency;
  consent = record_consent (&world, agencies, 2);
  meetings = list_for_case (world.school, world.case_id);
  g_assert_cmpuint (meetings->len, ==, 1);
  g_assert_true (lists (meetings, id));
  g_clear_pointer (&meetings, g_ptr_array_unref);
  meetings = list_range (world.school, "2030-01-01T00:00:00Z", "2031-01-01T00:00:00Z", 0);
  g_assert_true (lists (meetings, id));
  g_clear_pointer (&meetings, g_ptr_array_unref);
  meeting = sam_meeting_store_get (world.school, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (meeting->id, ==, id);
  g_clear_pointer (&meeting, sam_meeting_free);

  /* The police are on the team but outside that consent. */
  meetings = list_for_case (world.police, world.case_id);
  g_assert_cmpuint (meetings->len, ==, 0);
  g_clear_pointer (&meetings, g_ptr_array_unref);

  /* Withdrawn: closed again at once. */
  g_assert_true (sam_case_store_withdraw_consent (world.social, consent, &error));
  g_assert_no_error (error);
  meetings = list_for_case (world.school, world.case_id);
  g_assert_cmpuint (meetings->len, ==, 0);
  g_clear_pointer (&meetings, g_ptr_array_unref);

  /* Not on the team: the case is refused, the range is empty. */
  meetings = sam_meeting_store_list_for_case (world.school2, world.case_id, &error);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_assert_null (meetings);
  g_clear_error (&error);
  meetings = list_range (world.school2, "2030-01-01T00:00:00Z", "2031-01-01T00:00:00Z", 0);
  g_assert_cmpuint (meetings->len, ==, 0);
  g_clear_pointer (&meetings, g_ptr_array_unref);

  /* The SSPF coordinator (social services) sees every case's. */
  meetings = list_range (coordinator, "2030-01-01T00:00:00Z", "2031-01-01T00:00:00Z", 0);
  g_assert_true (lists (meetings, id));
  g_clear_pointer (&meetings, g_ptr_array_unref);

  /* Managers and administrators get nothing person-level at all. */
  for (guint i = 0; i < 2; i++)
    {
      SamSession *who = i == 0 ? manager : admin;

      meetings = sam_meeting_store_list_for_case (who, world.case_id, &error);
      g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
      g_assert_null (meetings);
      g_clear_error (&error);
      meetings = sam_meeting_store_list_range (who, "2030-01-01T00:00:00Z", "2031-01-01T00:00:00Z", 0, &error);
      g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
      g_assert_null (meetings);
      g_clear_error (&error);
      meeting = sam_meeting_store_get (who, id, &error);
      g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
      g_assert_null (meeting);
      g_clear_error (&error);
    }

  meeting = sam_meeting_store_get (world.social, id + 100, &error);
  g_assert_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A locked session is told so. */
  sam_session_lock (world.social);
  meetings = sam_meeting_store_list_for_case (world.social, world.case_id, &error);
  g_assert_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED);
  g_assert_null (meetings);
}

/* Audit ----------------------------------------------------------------------------- */

static void
test_audit (SamTestFixture *fixture,
            gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *minutes = NULL;
  SamMeetingDraft draft = simple_draft ("2030-03-01T10:00:00Z");
  gint64 id, audit_before, meetings_before, participants_before;

  world_init (&world, fixture);
  draft.place = "Platsmarkör";
  draft.agenda = "Dagordningsmarkör";
  id = schedule (world.social, world.case_id, "2030-03-01T10:00:00Z");
  g_assert_true (sam_meeting_store_record_minutes (world.social, id, "Protokollmarkör", "Beslutsmarkör",
                                                   &error));
  g_assert_no_error (error);

  /* Listings: one row each, with the count. */
  audit_before = count_audit (&world);
  meetings = list_for_case (world.social, world.case_id);
  g_assert_cmpint (count_audit (&world), ==, audit_before + 1);
  assert_last_audit (&world, "view", "meetings", 0, world.case_id, world.person, "count:1");
  g_clear_pointer (&meetings, g_ptr_array_unref);
  meetings = list_range (world.social, "2030-01-01T00:00:00Z", "2031-01-01T00:00:00Z", 0);
  g_assert_cmpint (count_audit (&world), ==, audit_before + 2);
  assert_last_audit (&world, "view", "meetings", 0, 0, 0, "count:1");
  g_clear_pointer (&meetings, g_ptr_array_unref);

  /* When the audit row cannot be written, nothing is: the meeting, its
   * participants and the row share one transaction. */
  exec_sql (world.social,
            "CREATE TEMP TRIGGER refuse_meeting_audit BEFORE INSERT ON main.audit_log"
            " WHEN NEW.object_type = 'meeting' BEGIN SELECT RAISE (ABORT, 'refused by the test'); END");
  meetings_before = count_meetings (&world);
  participants_before = count_participants (&world);
  audit_before = count_audit (&world);
  draft.user_ids = (gint64[]) { sam_session_get_user_id (world.school) };
  draft.n_users = 1;
  draft.include_young_person = TRUE;
  g_assert_cmpint (sam_meeting_store_schedule (world.social, world.case_id, &draft, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (sam_meeting_store_record_minutes (world.social, id, "Ändrat", NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (sam_meeting_store_set_status (world.social, id, SAM_MEETING_CANCELLED, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (sam_meeting_store_set_participants (world.social, id, &draft, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (count_meetings (&world), ==, meetings_before);
  g_assert_cmpint (count_participants (&world), ==, participants_before);
  g_assert_cmpint (count_audit (&world), ==, audit_before);
  minutes = meeting_column (&world, id, "minutes || status");
  g_assert_cmpstr (minutes, ==, "Protokollmarkörplanned");
  exec_sql (world.social, "DROP TRIGGER temp.refuse_meeting_audit");

  /* Once the log takes rows again, the same draft is saved. */
  g_assert_cmpint (sam_meeting_store_schedule (world.social, world.case_id, &draft, &error), >, 0);
  g_assert_no_error (error);

  /* No text in the log, and the chain holds. */
  g_assert_cmpint (count_rows (world.social,
                               "SELECT count (*) FROM audit_log WHERE instr (coalesce (reason, '')"
                               " || coalesce (object_type, ''), 'markör') > 0"), ==, 0);
  {
    g_autoptr(SamSession) admin = sam_test_unlock_admin (fixture->path);

    g_assert_true (sam_audit_verify (admin, NULL, NULL, &error));
    g_assert_no_error (error);
  }
}

/* The range --------------------------------------------------------------------------- */

static void
assert_range (GPtrArray          *meetings,
              const gint64       *expected,
              guint               n_expected)
{
  g_assert_cmpuint (meetings->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (((SamMeeting *) g_ptr_array_index (meetings, i))->id, ==, expected[i]);
}

static void
test_range (SamTestFixture *fixture,
            gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(SamSession) social2 = NULL;
  g_autoptr(SamSession) coordinator = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SamCase) other_case = NULL;
  gint64 other, a1, a2, a3, b1, b2, before_window, at_end;

  world_init (&world, fixture);
  social2 = sam_test_unlock_user (fixture->path, "social2");
  coordinator = sam_test_unlock_user (fixture->path, "coordinator");
  other = open_case (social2, add_person (social2, "Olle"));
  other_case = sam_case_store_get (social2, other, &error);
  g_assert_no_error (error);

  /* Scheduled out of order on purpose. */
  a3 = schedule (world.social, world.case_id, "2030-03-20T10:00:00Z");
  b1 = schedule (social2, other, "2030-03-05T08:00:00Z");
  a1 = schedule (world.social, world.case_id, "2030-03-02T10:00:00Z");
  a2 = schedule (world.social, world.case_id, "2030-03-10T10:00:00Z");
  b2 = schedule (social2, other, "2030-03-10T10:00:00Z");
  before_window = schedule (world.social, world.case_id, "2030-02-28T23:59:59Z");
  at_end = schedule (world.social, world.case_id, "2030-04-01T00:00:00Z");

  /* Social services see their own cases only, by start time; the window
   * includes its start and excludes its end. */
  meetings = list_range (world.social, "2030-03-01T00:00:00Z", "2030-04-01T00:00:00Z", 0);
  assert_range (meetings, (gint64[]) { a1, a2, a3 }, 3);
  g_clear_pointer (&meetings, g_ptr_array_unref);
  meetings = list_range (world.social, "2030-02-28T23:59:59Z", "2030-04-01T00:00:01Z", 0);
  assert_range (meetings, (gint64[]) { before_window, a1, a2, a3, at_end }, 5);
  g_clear_pointer (&meetings, g_ptr_array_unref);

  meetings = list_range (social2, "2030-03-01T00:00:00Z", "2030-04-01T00:00:00Z", 0);
  assert_range (meetings, (gint64[]) { b1, b2 }, 2);
  g_assert_cmpstr (((SamMeeting *) g_ptr_array_index (meetings, 0))->case_number, ==, other_case->number);
  g_clear_pointer (&meetings, g_ptr_array_unref);

  /* The SSPF coordinator sees both cases, interleaved by start; at the
   * same start, the earlier scheduled first. */
  meetings = list_range (coordinator, "2030-03-01T00:00:00Z", "2030-04-01T00:00:00Z", 0);
  assert_range (meetings, (gint64[]) { a1, b1, a2, b2, a3 }, 5);
  g_clear_pointer (&meetings, g_ptr_array_unref);
  meetings = list_range (coordinator, "2030-03-01T00:00:00Z", "2030-04-01T00:00:00Z", 2);
  assert_range (meetings, (gint64[]) { a1, b1 }, 2);
  g_clear_pointer (&meetings, g_ptr_array_unref);

  /* Joining the other case's team brings its meetings in; a cancelled
   * meeting stays listed, with its status. */
  add_to_team (social2, other, world.social);
  g_assert_true (sam_meeting_store_set_status (social2, b2, SAM_MEETING_CANCELLED, &error));
  g_assert_no_error (error);
  meetings = list_range (world.social, "2030-03-01T00:00:00Z", "2030-04-01T00:00:00Z", 0);
  assert_range (meetings, (gint64[]) { a1, b1, a2, b2, a3 }, 5);
  g_assert_cmpint (((SamMeeting *) g_ptr_array_index (meetings, 3))->status, ==, SAM_MEETING_CANCELLED);
  g_clear_pointer (&meetings, g_ptr_array_unref);

  /* Bad windows name their field. */
  meetings = sam_meeting_store_list_range (world.social, "2030-03-32T00:00:00Z", "2030-04-01T00:00:00Z", 0,
                                           &error);
  g_assert_null (meetings);
  assert_invalid (error, "From");
  g_clear_error (&error);
  meetings = sam_meeting_store_list_range (world.social, "2030-03-01T00:00:00Z", NULL, 0, &error);
  assert_invalid (error, "To");
  g_clear_error (&error);
  meetings = sam_meeting_store_list_range (world.social, "2030-03-01T00:00:00Z", "2030-03-01T00:00:00Z", 0,
                                           &error);
  assert_invalid (error, "To");
  g_clear_error (&error);
}

/* Neither query may read every meeting or every case: the window comes
 * from meetings_starts, the viewer's cases from their own indexes. */
static void
assert_plan_uses_indexes (SamSession *session,
                          gboolean    all_cases)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strconcat ("EXPLAIN QUERY PLAN ", _sam_meeting_store_get_range_sql (all_cases),
                                      NULL);
  g_autoptr(GString) plan = g_string_new (NULL);
  static const char * const full_scans[] = {
    "SCAN m", "SCAN c", "SCAN u", "SCAN a", "SCAN case_team", "SCAN cases", "SCAN break_glass",
  };

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (session), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));

  for (guint i = 0; i < G_N_ELEMENTS (full_scans); i++)
    {
      g_autofree char *line_start = g_strconcat (full_scans[i], "\n", NULL);
      g_autofree char *with_index = g_strconcat (full_scans[i], " USING", NULL);

      if (strstr (plan->str, line_start) != NULL || strstr (plan->str, with_index) != NULL)
        g_error ("The range query scans a whole table:\n%s", plan->str);
    }

  g_test_message ("%s", plan->str);
  if (all_cases && strstr (plan->str, "meetings_starts") == NULL)
    g_error ("The coordinator's range query does not read meetings_starts:\n%s", plan->str);
  if (!all_cases && strstr (plan->str, "meetings_") == NULL)
    g_error ("The range query reads meetings without an index:\n%s", plan->str);
}

static void
test_range_plan (SamTestFixture *fixture,
                 gconstpointer   data)
{
  g_autoptr(SamSession) social = NULL;

  social = sam_test_unlock_user (fixture->path, "social");
  assert_plan_uses_indexes (social, TRUE);
  assert_plan_uses_indexes (social, FALSE);
}

/* The chronology ------------------------------------------------------------------------ */

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

static GPtrArray *
chronology (SamSession *session,
            gint64      case_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = sam_chronology_for_case (session, case_id, &error);

  g_assert_no_error (error);
  return items;
}

static void
test_chronology (SamTestFixture *fixture,
                 gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *held_created = NULL;
  g_autofree char *cancelled_updated = NULL;
  const SamChronologyItem *item;
  gint64 agencies[2];
  gint64 planned, held, cancelled;

  world_init (&world, fixture);
  planned = schedule (world.social, world.case_id, "2030-03-01T10:00:00Z");
  held = schedule (world.social, world.case_id, "2026-01-20T09:00:00Z");
  cancelled = schedule (world.social, world.case_id, "2030-04-01T10:00:00Z");
  g_assert_true (sam_meeting_store_record_minutes (world.social, held, "Protokoll", "Mentor i skolan", &error));
  g_assert_true (sam_meeting_store_set_status (world.social, held, SAM_MEETING_HELD, &error));
  g_assert_true (sam_meeting_store_set_status (world.social, cancelled, SAM_MEETING_CANCELLED, &error));
  g_assert_no_error (error);
  held_created = meeting_column (&world, held, "created_at");
  cancelled_updated = meeting_column (&world, cancelled, "updated_at");

  items = chronology (world.social, world.case_id);
  item = find_item (items, SAM_CHRONOLOGY_MEETING_SCHEDULED, held);
  g_assert_nonnull (item);
  g_assert_cmpstr (item->title, ==, "Meeting scheduled");
  g_assert_cmpstr (item->time, ==, held_created);
  g_assert_cmpstr (item->text, ==, "Ekholmsskolan, konferensrummet");
  g_assert_cmpint (item->author_id, ==, sam_session_get_user_id (world.social));
  g_assert_cmpstr (item->author_name, ==, "social");
  g_assert_cmpint (item->agency_id, ==, world.social_agency);
  g_assert_cmpstr (item->agency_name, ==, SAM_TEST_SOCIAL);

  item = find_item (items, SAM_CHRONOLOGY_MEETING_HELD, held);
  g_assert_nonnull (item);
  g_assert_cmpstr (item->title, ==, "Meeting held");
  g_assert_cmpstr (item->time, ==, "2026-01-20T09:00:00Z");
  g_assert_cmpstr (item->text, ==, "Mentor i skolan");
  g_assert_cmpstr (item->agency_name, ==, SAM_TEST_SOCIAL);

  item = find_item (items, SAM_CHRONOLOGY_MEETING_CANCELLED, cancelled);
  g_assert_nonnull (item);
  g_assert_cmpstr (item->title, ==, "Meeting cancelled");
  g_assert_cmpstr (item->time, ==, cancelled_updated);
  g_assert_null (item->text);

  g_assert_nonnull (find_item (items, SAM_CHRONOLOGY_MEETING_SCHEDULED, planned));
  g_assert_null (find_item (items, SAM_CHRONOLOGY_MEETING_HELD, planned));
  g_assert_null (find_item (items, SAM_CHRONOLOGY_MEETING_CANCELLED, planned));
  g_assert_null (find_item (items, SAM_CHRONOLOGY_MEETING_CANCELLED, held));
  /* The opening, three scheduled, one held, one cancelled. */
  g_assert_cmpuint (items->len, ==, 6);
  for (guint i = 1; i < items->len; i++)
    g_assert_cmpstr (((SamChronologyItem *) g_ptr_array_index (items, i - 1))->time, <=,
                     ((SamChronologyItem *) g_ptr_array_index (items, i))->time);
  g_clear_pointer (&items, g_ptr_array_unref);

  g_assert_cmpstr (sam_chronology_kind_to_string (SAM_CHRONOLOGY_MEETING_HELD), ==, "meeting_held");
  g_assert_cmpstr (sam_chronology_kind_get_title (SAM_CHRONOLOGY_MEETING_CANCELLED), ==, "Meeting cancelled");

  /* The school without consent: only the opening. */
  items = chronology (world.school, world.case_id);
  g_assert_null (find_item (items, SAM_CHRONOLOGY_MEETING_SCHEDULED, planned));
  g_assert_null (find_item (items, SAM_CHRONOLOGY_MEETING_HELD, held));
  g_assert_cmpuint (items->len, ==, 1);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* With a consent covering the school and social services: all of it. */
  agencies[0] = world.school_agency;
  agencies[1] = world.social_agency;
  record_consent (&world, agencies, 2);
  items = chronology (world.school, world.case_id);
  g_assert_nonnull (find_item (items, SAM_CHRONOLOGY_MEETING_SCHEDULED, planned));
  g_assert_nonnull (find_item (items, SAM_CHRONOLOGY_MEETING_HELD, held));
  g_assert_nonnull (find_item (items, SAM_CHRONOLOGY_MEETING_CANCELLED, cancelled));
  g_clear_pointer (&items, g_ptr_array_unref);

  /* The police are outside that consent. */
  items = chronology (world.police, world.case_id);
  g_assert_null (find_item (items, SAM_CHRONOLOGY_MEETING_SCHEDULED, planned));
  g_assert_null (find_item (items, SAM_CHRONOLOGY_MEETING_HELD, held));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (sam_security_init (NULL));

#define ADD(path, func) \
  g_test_add (path, SamTestFixture, NULL, set_up, func, sam_test_fixture_tear_down)

  ADD ("/meeting-store/schedule", test_schedule);
  ADD ("/meeting-store/validation", test_validation);
  ADD ("/meeting-store/participants", test_participants);
  ADD ("/meeting-store/manage-refused", test_manage_refused);
  ADD ("/meeting-store/status", test_status);
  ADD ("/meeting-store/changes", test_changes);
  ADD ("/meeting-store/visibility", test_visibility);
  ADD ("/meeting-store/audit", test_audit);
  ADD ("/meeting-store/range", test_range);
  ADD ("/meeting-store/range-plan", test_range_plan);
  ADD ("/meeting-store/chronology", test_chronology);

#undef ADD

  return g_test_run ();
}
