/* test-meeting-ics.c: a meeting as a calendar invitation, and what it must not say
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libical/ical.h>
#include <sys/stat.h>

#include "sam-database-private.h"
#include "sam-test-util.h"

#define YOUNG_GIVEN    "Majken"
#define YOUNG_FAMILY   "Rosenqvist"
#define GUARDIAN_NAME  "Gunnel Rosenqvist"
#define SCHOOL_STAFF   "Lärarinnan Bodil"
#define POLICE_STAFF   "Kommissarie Ebbesson"
#define SOCIAL_STAFF   "Handläggare Tuvesson"
#define AGENDA_TEXT    "Hemligt dagordningsord"
#define MINUTES_TEXT   "Hemligt protokollord"
#define DECISIONS_TEXT "Hemligt beslutsord"
#define PLACE          "Ekholmsskolan, konferensrummet"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

typedef struct
{
  SamSession *social;   /* opens the case, so coordinates it */
  SamSession *school;   /* on the team */
  SamSession *police;   /* on the team, outside any consent */
  SamSession *school2;  /* not on the team */
  gint64      person;
  gint64      guardian;
  gint64      case_id;
  char       *case_number;
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

G_GNUC_PRINTF (2, 3)
static gint64
exec_sql (SamSession *session,
          const char *format,
          ...)
{
  g_autofree char *sql = NULL;
  char *message = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  if (sqlite3_exec (handle_of (session), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
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
count_exports (World  *world,
               gint64  meeting_id)
{
  return count_rows (world->social,
                     "SELECT count (*) FROM audit_log WHERE action = 'export'"
                     " AND object_type = 'meeting' AND object_id = %" G_GINT64_FORMAT
                     " AND reason = 'ics' AND outcome = 'ok' AND case_id = %" G_GINT64_FORMAT
                     " AND person_id = %" G_GINT64_FORMAT,
                     meeting_id, world->case_id, world->person);
}

/* Staff get display names no agency name contains, so that a leak shows. */
static void
name_staff (World *world)
{
  exec_sql (world->social, "UPDATE users SET display_name = '" SCHOOL_STAFF "' WHERE name = 'school'");
  exec_sql (world->social, "UPDATE users SET display_name = '" POLICE_STAFF "' WHERE name = 'police'");
  exec_sql (world->social, "UPDATE users SET display_name = '" SOCIAL_STAFF "' WHERE name = 'social'");
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
  name_staff (world);

  world->person = exec_sql (world->social,
                            "INSERT INTO persons (given_name, family_name, birth_date, created_at, created_by)"
                            " VALUES ('" YOUNG_GIVEN "', '" YOUNG_FAMILY "', '2012-06-01',"
                            " '2026-01-01T00:00:00Z', 1)");
  world->guardian = exec_sql (world->social,
                              "INSERT INTO guardians (person_id, name, custody)"
                              " VALUES (%" G_GINT64_FORMAT ", '" GUARDIAN_NAME "', 1)", world->person);
  self = sam_case_store_create (world->social, world->person, SAM_PREVENTION_SELECTIVE, NULL, &error);
  g_assert_no_error (error);
  world->case_id = self->id;
  world->case_number = g_strdup (self->number);
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
  g_clear_pointer (&world->case_number, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (World, world_clear)

/* Social services and the school share under a consent in force, so the
 * school may see the meeting social services schedule. */
static void
record_consent (World *world)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  gint64 agencies[] = {
    sam_test_agency_id (world->social, SAM_TEST_SOCIAL),
    sam_test_agency_id (world->social, SAM_TEST_SCHOOL),
  };
  SamConsentDraft draft = {
    .purpose = "Samverkan kring skolgång",
    .valid_from = date,
    .guardian_ids = &world->guardian,
    .n_guardians = 1,
    .signed_on = date,
    .agency_ids = agencies,
    .n_agencies = G_N_ELEMENTS (agencies),
  };

  g_assert_cmpint (sam_case_store_record_consent (world->social, world->case_id, &draft, &error), >, 0);
  g_assert_no_error (error);
}

/* A meeting on 2030-03-14 at 13:00 UTC for 90 minutes with everyone. */
static gint64
schedule_full (World *world)
{
  g_autoptr(GError) error = NULL;
  gint64 users[] = {
    sam_session_get_user_id (world->social),
    sam_session_get_user_id (world->school),
    sam_session_get_user_id (world->police),
  };
  SamMeetingDraft draft = {
    .starts_at = "2030-03-14T14:00:00+01:00",
    .duration_minutes = 90,
    .place = PLACE,
    .agenda = AGENDA_TEXT,
    .user_ids = users,
    .n_users = G_N_ELEMENTS (users),
    .guardian_ids = &world->guardian,
    .n_guardians = 1,
    .include_young_person = TRUE,
  };
  gint64 id = sam_meeting_store_schedule (world->social, world->case_id, &draft, &error);

  g_assert_no_error (error);
  g_assert_true (sam_meeting_store_record_minutes (world->social, id, MINUTES_TEXT, DECISIONS_TEXT,
                                                   &error));
  g_assert_no_error (error);
  return id;
}

static char *
export (SamSession *session,
        gint64      meeting_id)
{
  g_autoptr(GError) error = NULL;
  char *text = sam_meeting_export_ics (session, meeting_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

static void
assert_no_names (const char *text)
{
  static const char *forbidden[] = {
    YOUNG_GIVEN, YOUNG_FAMILY, GUARDIAN_NAME, "Gunnel", SCHOOL_STAFF, "Bodil", POLICE_STAFF,
    "Ebbesson", SOCIAL_STAFF, "Tuvesson", AGENDA_TEXT, MINUTES_TEXT, DECISIONS_TEXT,
  };
  g_autofree char *folded = g_utf8_casefold (text, -1);

  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    {
      g_autofree char *needle = g_utf8_casefold (forbidden[i], -1);

      if (strstr (folded, needle) != NULL)
        g_error ("the calendar text contains “%s”:\n%s", forbidden[i], text);
    }
}

static const char *
property_text (icalcomponent *event,
               icalproperty_kind kind)
{
  icalproperty *property = icalcomponent_get_first_property (event, kind);

  g_assert_nonnull (property);
  return icalproperty_get_value_as_string (property);
}

static void
test_fields (SamTestFixture *fixture,
             gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(icalcomponent) calendar = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *uid = NULL;
  icalcomponent *event;
  struct icaltimetype start, end;
  gint64 meeting;

  world_init (&world, fixture);
  meeting = schedule_full (&world);

  text = export (world.social, meeting);
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  g_assert_cmpstr (property_text (calendar, ICAL_VERSION_PROPERTY), ==, "2.0");
  event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
  g_assert_nonnull (event);

  summary = g_strdup_printf ("SSPF meeting %s", world.case_number);
  g_assert_cmpstr (icalcomponent_get_summary (event), ==, summary);
  g_assert_cmpstr (icalcomponent_get_location (event), ==, PLACE);
  g_assert_cmpstr (icalcomponent_get_description (event), ==,
                   "Participating agencies: " SAM_TEST_SOCIAL ", " SAM_TEST_POLICE ", " SAM_TEST_SCHOOL);
  g_assert_cmpint (icalcomponent_get_status (event), ==, ICAL_STATUS_TENTATIVE);
  g_assert_nonnull (icalcomponent_get_first_property (event, ICAL_DTSTAMP_PROPERTY));

  start = icalcomponent_get_dtstart (event);
  end = icalcomponent_get_dtend (event);
  g_assert_true (icaltime_is_utc (start));
  g_assert_cmpstr (icaltime_as_ical_string (start), ==, "20300314T130000Z");
  g_assert_cmpstr (icaltime_as_ical_string (end), ==, "20300314T143000Z");

  uid = g_strdup (icalcomponent_get_uid (event));
  g_assert_true (g_str_has_prefix (uid, "meeting-"));
  assert_no_names (text);
  g_assert_cmpint (count_exports (&world, meeting), ==, 1);

  /* Exported again, it is the same calendar entry. */
  again = export (world.social, meeting);
  g_clear_pointer (&calendar, icalcomponent_free);
  calendar = icalparser_parse_string (again);
  event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
  g_assert_cmpstr (icalcomponent_get_uid (event), ==, uid);
  g_assert_cmpint (count_exports (&world, meeting), ==, 2);
}

static void
test_status (SamTestFixture *fixture,
             gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  g_autofree char *text = NULL;
  gint64 meeting;

  world_init (&world, fixture);
  meeting = schedule_full (&world);
  g_assert_true (sam_meeting_store_set_status (world.social, meeting, SAM_MEETING_CANCELLED, &error));
  g_assert_no_error (error);

  text = export (world.social, meeting);
  calendar = icalparser_parse_string (text);
  g_assert_cmpint (icalcomponent_get_status (icalcomponent_get_first_component (calendar,
                                                                               ICAL_VEVENT_COMPONENT)),
                   ==, ICAL_STATUS_CANCELLED);
  assert_no_names (text);
}

static void
test_file (SamTestFixture *fixture,
           gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  GStatBuf buf;
  gint64 meeting;

  world_init (&world, fixture);
  meeting = schedule_full (&world);
  path = g_build_filename (fixture->directory, "möte.ics", NULL);

  g_assert_true (sam_meeting_export_ics_file (world.social, meeting, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);

  text = sam_test_read_file (path, NULL);
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT));
  assert_no_names (text);
  g_assert_cmpint (count_exports (&world, meeting), ==, 1);
}

/* Who may not see the meeting gets nothing: no text, no file, no export
 * row; the refusal itself is logged. */
static void
test_refused (SamTestFixture *fixture,
              gconstpointer   data)
{
  SamSession *refused[2];
  g_auto(World) world = { 0 };
  gint64 meeting;

  world_init (&world, fixture);
  meeting = schedule_full (&world);
  refused[0] = world.school2;  /* not on the team */
  refused[1] = world.police;   /* on the team, outside any consent */

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (fixture->directory, "refused.ics", NULL);
      g_autofree char *text = NULL;
      gint64 denied = count_rows (world.social, "SELECT count (*) FROM audit_log WHERE outcome = 'denied'");

      text = sam_meeting_export_ics (refused[i], meeting, &error);
      g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
      g_assert_null (text);
      g_clear_error (&error);

      g_assert_false (sam_meeting_export_ics_file (refused[i], meeting, path, &error));
      g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_assert_cmpint (count_rows (world.social, "SELECT count (*) FROM audit_log WHERE outcome = 'denied'"),
                       ==, denied + 2);
    }
  g_assert_cmpint (count_exports (&world, meeting), ==, 0);

  /* Under a consent the school may see it, and export it. */
  record_consent (&world);
  g_free (export (world.school, meeting));
  g_assert_cmpint (count_exports (&world, meeting), ==, 1);
}

static void
test_protected_warning (SamTestFixture *fixture,
                        gconstpointer   data)
{
  g_auto(World) world = { 0 };

  world_init (&world, fixture);
  g_assert_false (sam_export_needs_warning (world.social, world.case_id));

  exec_sql (world.social, "UPDATE persons SET protected_identity = 1 WHERE id = %" G_GINT64_FORMAT,
            world.person);
  g_assert_true (sam_export_needs_warning (world.social, world.case_id));
  /* Who cannot tell is warned too; the export itself is then refused. */
  g_assert_true (sam_export_needs_warning (world.school2, world.case_id));
}

static void
test_record (SamTestFixture *fixture,
             gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GError) error = NULL;

  world_init (&world, fixture);
  g_assert_true (sam_export_record (world.school, SAM_AUDIT_PRINT, "plan", world.case_id,
                                    world.case_id, "plan", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (world.social,
                               "SELECT count (*) FROM audit_log WHERE action = 'print'"
                               " AND object_type = 'plan' AND reason = 'plan' AND outcome = 'ok'"
                               " AND person_id = %" G_GINT64_FORMAT, world.person), ==, 1);

  g_assert_false (sam_export_record (world.school2, SAM_AUDIT_EXPORT, "plan", world.case_id,
                                     world.case_id, "plan", &error));
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_assert_cmpint (count_rows (world.social,
                               "SELECT count (*) FROM audit_log WHERE action = 'export'"
                               " AND outcome = 'ok'"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (sam_security_init (NULL));

#define ADD(path, func) \
  g_test_add (path, SamTestFixture, NULL, set_up, func, sam_test_fixture_tear_down)

  ADD ("/meeting-ics/fields", test_fields);
  ADD ("/meeting-ics/status", test_status);
  ADD ("/meeting-ics/file", test_file);
  ADD ("/meeting-ics/refused", test_refused);
  ADD ("/meeting-ics/protected-warning", test_protected_warning);
  ADD ("/export/record", test_record);

#undef ADD

  return g_test_run ();
}
