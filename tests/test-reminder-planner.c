/* test-reminder-planner.c: the reminders a session is due, on a real database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "test-factor-world.h"

/* A time @seconds from now, as the meeting store takes it. */
static char *
iso_from_now (GDateTime *now,
              GTimeSpan  seconds)
{
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, seconds);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

static gint64
schedule_meeting (SamSession *session,
                  gint64      case_id,
                  GDateTime  *now,
                  GTimeSpan   seconds)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *starts_at = iso_from_now (now, seconds);
  SamMeetingDraft draft = {
    .starts_at = starts_at,
    .duration_minutes = 60,
    .place = "Hemma hos Maja Ros, Storgatan 3",
    .agenda = "Maja Ros och skolan",
  };
  gint64 id = sam_meeting_store_schedule (session, case_id, &draft, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_action (World      *world,
            int         due_in_days)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPlanAction) action = NULL;
  g_autofree char *starts_on = date_from_today (-30);
  g_autofree char *due_on = date_from_today (due_in_days);
  SamPlanActionDraft draft = {
    .description = "Läxhjälp för Maja Ros varje tisdag",
    .intervention_code = "mentor",
    .responsible_agency_id = sam_session_get_agency_id (world->school),
    .starts_on = starts_on,
    .due_on = due_on,
  };

  action = sam_plan_store_add_action (world->social, world->case_id, &draft, &error);
  g_assert_no_error (error);
  return action->id;
}

static gint64
schedule_follow_up (World *world,
                    int    due_in_days)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *due_on = date_from_today (due_in_days);
  gint64 id = sam_follow_up_store_schedule (world->social, world->case_id, due_on, &error);

  g_assert_no_error (error);
  return id;
}

static gint64
record_consent (World      *world,
                gint64      case_id,
                gint64      guardian,
                const char *valid_to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *valid_from = date_from_today (-60);
  SamSession *session = world->social;
  gint64 agencies[] = {
    sam_session_get_agency_id (world->social),
    sam_session_get_agency_id (world->school),
  };
  SamConsentDraft draft = {
    .purpose = "Samverkan kring Maja Ros",
    .valid_from = valid_from,
    .valid_to = valid_to,
    .guardian_ids = &guardian,
    .n_guardians = 1,
    .signed_on = valid_from,
    .agency_ids = agencies,
    .n_agencies = G_N_ELEMENTS (agencies),
  };
  gint64 id = sam_case_store_record_consent (session, case_id, &draft, &error);

  g_assert_no_error (error);
  return id;
}

static gint64
log_concern (World *world)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamConcern) concern = NULL;
  g_autofree char *today = date_from_today (0);
  const char *categories[] = { "school_absence", NULL };
  SamConcernDraft draft = {
    .person_id = world->person,
    .observed_on = today,
    .urgency = SAM_CONCERN_URGENCY_MEDIUM,
    .description = "Maja Ros kom inte till skolan",
    .categories = categories,
  };

  concern = sam_concern_store_create (world->school, &draft, &error);
  g_assert_no_error (error);
  return concern->id;
}

static GPtrArray *
plan (SamSession *session,
      GDateTime  *now,
      guint       first_hours,
      guint       second_minutes)
{
  g_autoptr(SamReminderPlanner) planner = sam_reminder_planner_new (first_hours, second_minutes);
  g_autoptr(GError) error = NULL;
  GPtrArray *reminders = sam_reminder_planner_plan (planner, session, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reminders);
  return reminders;
}

static SamReminder *
find (GPtrArray  *reminders,
      const char *id)
{
  for (guint i = 0; i < reminders->len; i++)
    {
      SamReminder *reminder = g_ptr_array_index (reminders, i);

      if (g_str_equal (reminder->id, id))
        return reminder;
    }

  return NULL;
}

static guint
count_kind (GPtrArray       *reminders,
            SamReminderKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < reminders->len; i++)
    n += ((SamReminder *) g_ptr_array_index (reminders, i))->kind == kind;

  return n;
}

/* Every name and every free text the database holds: none may reach a
 * notification. Words of three letters or more, so that "Ros" counts. */
static GPtrArray *
collect_personal_words (SamSession *session)
{
  static const char *queries[] = {
    "SELECT given_name FROM persons", "SELECT family_name FROM persons",
    "SELECT name FROM guardians", "SELECT display_name FROM users",
    "SELECT place FROM meetings", "SELECT agenda FROM meetings",
    "SELECT description FROM plan_actions", "SELECT purpose FROM consents",
    "SELECT description FROM concerns",
  };
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (handle_of (session), queries[q], -1, &stmt, NULL), ==,
                       SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_auto(GStrv) parts = NULL;

          if (sqlite3_column_text (stmt, 0) == NULL)
            continue;
          parts = g_regex_split_simple ("[\\s,.:]+", (const char *) sqlite3_column_text (stmt, 0),
                                        0, 0);
          for (guint i = 0; parts[i] != NULL; i++)
            if (g_utf8_strlen (parts[i], -1) >= 3)
              g_ptr_array_add (words, g_strdup (parts[i]));
        }
    }

  g_assert_cmpuint (words->len, >, 10);
  return words;
}

static void
assert_no_personal_words (GPtrArray *reminders,
                          GPtrArray *words)
{
  for (guint i = 0; i < reminders->len; i++)
    {
      SamReminder *reminder = g_ptr_array_index (reminders, i);

      for (guint w = 0; w < words->len; w++)
        {
          g_autofree char *escaped = g_regex_escape_string (g_ptr_array_index (words, w), -1);
          g_autofree char *pattern = g_strdup_printf ("(?<!\\p{L})%s(?!\\p{L})", escaped);

          if (g_regex_match_simple (pattern, reminder->summary, G_REGEX_CASELESS, 0) ||
              g_regex_match_simple (pattern, reminder->body, G_REGEX_CASELESS, 0))
            g_error ("reminder %s carries \"%s\"", reminder->id,
                     (char *) g_ptr_array_index (words, w));
        }
    }
}

static void
test_meetings (SamTestFixture *fixture,
               gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) both = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) first_only = NULL;
  g_autoptr(GPtrArray) second_only = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) for_police = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *soon_key = NULL;
  g_autofree char *later_key = NULL;
  SamReminder *soon;
  gint64 in_half_hour, in_five_hours, in_three_days, cancelled;

  world_init (&world, fixture, TRUE);
  in_half_hour = schedule_meeting (world.social, world.case_id, now, 30 * 60);
  in_five_hours = schedule_meeting (world.social, world.case_id, now, 5 * 3600);
  in_three_days = schedule_meeting (world.social, world.case_id, now, 3 * 86400);
  cancelled = schedule_meeting (world.social, world.case_id, now, 2 * 3600);
  g_assert_true (sam_meeting_store_set_status (world.social, cancelled, SAM_MEETING_CANCELLED,
                                               &error));
  g_assert_no_error (error);

  /* The defaults: a day and an hour ahead. Only the shortest lead time a
   * meeting falls within counts; a cancelled meeting is no reminder. */
  both = plan (world.social, now, 24, 60);
  g_assert_cmpuint (count_kind (both, SAM_REMINDER_MEETING), ==, 2);
  soon_key = g_strdup_printf ("meeting:%" G_GINT64_FORMAT ":60m", in_half_hour);
  later_key = g_strdup_printf ("meeting:%" G_GINT64_FORMAT ":24h", in_five_hours);
  soon = find (both, soon_key);
  g_assert_nonnull (soon);
  g_assert_nonnull (find (both, later_key));
  g_assert_cmpint (soon->case_id, ==, world.case_id);
  g_assert_nonnull (soon->case_number);
  g_assert_true (g_str_has_prefix (soon->case_number, "SV-"));
  g_assert_nonnull (strstr (soon->body, soon->case_number));
  {
    g_autoptr(GDateTime) starts = g_date_time_add_seconds (now, 30 * 60);
    g_autofree char *when = g_date_time_format (starts, "%Y-%m-%d %H:%M");

    g_assert_nonnull (strstr (soon->body, when));
  }

  /* A second run gives the same keys. */
  again = plan (world.social, now, 24, 60);
  g_assert_cmpuint (again->len, ==, both->len);
  for (guint i = 0; i < both->len; i++)
    g_assert_cmpstr (((SamReminder *) g_ptr_array_index (again, i))->id, ==,
                     ((SamReminder *) g_ptr_array_index (both, i))->id);

  /* The lead times decide; 0 turns a reminder off. */
  first_only = plan (world.social, now, 24, 0);
  g_assert_cmpuint (count_kind (first_only, SAM_REMINDER_MEETING), ==, 2);
  g_clear_pointer (&soon_key, g_free);
  soon_key = g_strdup_printf ("meeting:%" G_GINT64_FORMAT ":24h", in_half_hour);
  g_assert_nonnull (find (first_only, soon_key));
  second_only = plan (world.social, now, 0, 60);
  g_assert_cmpuint (count_kind (second_only, SAM_REMINDER_MEETING), ==, 1);
  none = plan (world.social, now, 0, 0);
  g_assert_cmpuint (count_kind (none, SAM_REMINDER_MEETING), ==, 0);

  /* Four days ahead, the meeting in three days is within a 96-hour lead. */
  {
    g_autoptr(GPtrArray) long_lead = plan (world.social, now, 96, 60);
    g_autofree char *far_key = g_strdup_printf ("meeting:%" G_GINT64_FORMAT ":96h", in_three_days);

    g_assert_cmpuint (count_kind (long_lead, SAM_REMINDER_MEETING), ==, 3);
    g_assert_nonnull (find (long_lead, far_key));
  }

  /* The police are on the team but the meeting is social services'
   * information, which their consent does not cover. */
  for_police = plan (world.police, now, 24, 60);
  g_assert_cmpuint (count_kind (for_police, SAM_REMINDER_MEETING), ==, 0);
}

static void
test_due (SamTestFixture *fixture,
          gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GPtrArray) for_school2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *yesterday = date_from_today (-1);
  g_autofree char *today = date_from_today (0);
  g_autofree char *overdue_key = NULL;
  g_autofree char *today_key = NULL;
  g_autofree char *follow_key = NULL;
  g_autofree char *follow_today_key = NULL;
  SamReminder *overdue;
  gint64 late, due_today, done, follow_late, follow_today;

  world_init (&world, fixture, TRUE);
  late = add_action (&world, -1);
  due_today = add_action (&world, 0);
  add_action (&world, 5);
  done = add_action (&world, -3);
  g_assert_true (sam_plan_store_set_action_status (world.social, done, SAM_PLAN_ACTION_CANCELLED, &error));
  g_assert_no_error (error);
  follow_late = schedule_follow_up (&world, -1);
  follow_today = schedule_follow_up (&world, 0);
  schedule_follow_up (&world, 7);

  reminders = plan (world.school, now, 24, 60);
  g_assert_cmpuint (count_kind (reminders, SAM_REMINDER_ACTION), ==, 2);
  overdue_key = g_strdup_printf ("action:%" G_GINT64_FORMAT ":overdue:%s", late, yesterday);
  today_key = g_strdup_printf ("action:%" G_GINT64_FORMAT ":due:%s", due_today, today);
  overdue = find (reminders, overdue_key);
  g_assert_nonnull (overdue);
  g_assert_cmpint (overdue->case_id, ==, world.case_id);
  g_assert_nonnull (strstr (overdue->body, yesterday));
  g_assert_nonnull (strstr (overdue->body, overdue->case_number));
  g_assert_cmpstr (overdue->summary, ==, "Plan action overdue");
  g_assert_cmpstr (find (reminders, today_key)->summary, ==, "Plan action due today");

  g_assert_cmpuint (count_kind (reminders, SAM_REMINDER_FOLLOW_UP), ==, 2);
  follow_key = g_strdup_printf ("follow-up:%" G_GINT64_FORMAT ":overdue:%s", follow_late, yesterday);
  follow_today_key = g_strdup_printf ("follow-up:%" G_GINT64_FORMAT ":due:%s", follow_today, today);
  g_assert_nonnull (find (reminders, follow_key));
  g_assert_nonnull (find (reminders, follow_today_key));

  /* The school hears nothing of consents or of the inbox. */
  g_assert_cmpuint (count_kind (reminders, SAM_REMINDER_CONSENT), ==, 0);
  g_assert_cmpuint (count_kind (reminders, SAM_REMINDER_INBOX), ==, 0);

  /* Not on the team: nothing at all. */
  for_school2 = plan (world.school2, now, 24, 60);
  g_assert_cmpuint (for_school2->len, ==, 0);
}

static void
test_consents (SamTestFixture *fixture,
               gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *in_ten = date_from_today (10);
  g_autofree char *in_twenty = date_from_today (20);
  g_autofree char *ten_key = NULL;
  g_autofree char *yesterday = date_from_today (-1);
  gint64 case_b, guardian_b, case_c, guardian_c, case_d, guardian_d, expiring, withdrawn;

  world_init (&world, fixture, FALSE);
  case_b = open_case (world.social, &guardian_b);
  case_c = open_case (world.social, &guardian_c);
  case_d = open_case (world.social, &guardian_d);
  /* Ran out yesterday: no longer "expiring". */
  record_consent (&world, case_d, guardian_d, yesterday);
  expiring = record_consent (&world, case_b, guardian_b, in_ten);
  record_consent (&world, case_c, guardian_c, in_twenty);
  withdrawn = record_consent (&world, world.case_id, world.guardian, in_ten);
  g_assert_true (sam_case_store_withdraw_consent (world.social, withdrawn, &error));
  g_assert_no_error (error);

  {
    g_autoptr(GPtrArray) reminders = plan (world.social, now, 24, 60);
    SamReminder *reminder;

    g_assert_cmpuint (count_kind (reminders, SAM_REMINDER_CONSENT), ==, 1);
    ten_key = g_strdup_printf ("consent:%" G_GINT64_FORMAT ":expiring:%s", expiring, in_ten);
    reminder = find (reminders, ten_key);
    g_assert_nonnull (reminder);
    g_assert_cmpint (reminder->case_id, ==, case_b);
    g_assert_nonnull (strstr (reminder->body, in_ten));
  }

  /* social2 is on none of these cases; the coordinator sees every case. */
  {
    g_autoptr(GPtrArray) for_social2 = plan (world.social2, now, 24, 60);
    g_autoptr(GPtrArray) for_coordinator = plan (world.coordinator, now, 24, 60);

    g_assert_cmpuint (count_kind (for_social2, SAM_REMINDER_CONSENT), ==, 0);
    g_assert_cmpuint (count_kind (for_coordinator, SAM_REMINDER_CONSENT), ==, 1);
  }

  /* The family signs again, until further notice: nothing runs out. */
  record_consent (&world, case_b, guardian_b, NULL);
  {
    g_autoptr(GPtrArray) renewed = plan (world.social, now, 24, 60);

    g_assert_cmpuint (count_kind (renewed, SAM_REMINDER_CONSENT), ==, 0);
  }

  g_assert_cmpint (count_rows (world.social,
                               "SELECT count(*) FROM audit_log WHERE action = 'search'"
                               " AND object_type = 'consent_expiring' AND reason = 'count:1'"), ==, 2);

  /* The query itself: a bad date names its field; managers get nothing. */
  {
    g_autoptr(SamSession) manager = sam_test_unlock_user (fixture->path, "manager");
    g_autoptr(GPtrArray) bad = NULL;
    g_autoptr(GPtrArray) refused = NULL;

    bad = sam_case_store_list_expiring_consents (world.social, "2026-13-45", &error);
    g_assert_null (bad);
    assert_invalid (error, "Expiring before");
    g_clear_error (&error);
    refused = sam_case_store_list_expiring_consents (manager, in_twenty, &error);
    g_assert_null (refused);
    assert_denied (error);
  }
}

static void
test_inbox (SamTestFixture *fixture,
            gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) one = NULL;
  g_autoptr(GPtrArray) two = NULL;
  g_autoptr(GPtrArray) for_school = NULL;
  g_autofree char *one_key = NULL;
  g_autofree char *two_key = NULL;
  gint64 first, second;

  world_init (&world, fixture, TRUE);
  first = log_concern (&world);
  one = plan (world.social, now, 24, 60);
  one_key = g_strdup_printf ("inbox:%" G_GINT64_FORMAT, first);
  g_assert_nonnull (find (one, one_key));
  g_assert_cmpint (find (one, one_key)->case_id, ==, 0);
  g_assert_cmpstr (find (one, one_key)->body, ==, "1 new concern is waiting in the inbox.");

  second = log_concern (&world);
  two = plan (world.coordinator, now, 24, 60);
  two_key = g_strdup_printf ("inbox:%" G_GINT64_FORMAT, second);
  g_assert_nonnull (find (two, two_key));
  g_assert_cmpstr (find (two, two_key)->body, ==, "2 new concerns are waiting in the inbox.");

  for_school = plan (world.school, now, 24, 60);
  g_assert_cmpuint (count_kind (for_school, SAM_REMINDER_INBOX), ==, 0);
}

/* Everything at once, for every front-line user: no name, no place, no
 * description in any summary or body. Managers and administrators get
 * nothing. */
static void
test_no_personal_data (SamTestFixture *fixture,
                       gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(SamSession) manager = NULL;
  g_autoptr(SamSession) admin = NULL;
  g_autofree char *in_ten = date_from_today (10);
  SamSession *viewers[6];
  guint total = 0;
  gint64 case_b, guardian_b;

  world_init (&world, fixture, TRUE);
  schedule_meeting (world.social, world.case_id, now, 20 * 60);
  schedule_meeting (world.social, world.case_id, now, 6 * 3600);
  add_action (&world, -2);
  schedule_follow_up (&world, -2);
  case_b = open_case (world.social, &guardian_b);
  record_consent (&world, case_b, guardian_b, in_ten);
  log_concern (&world);
  words = collect_personal_words (world.social);

  viewers[0] = world.social;
  viewers[1] = world.school;
  viewers[2] = world.police;
  viewers[3] = world.school2;
  viewers[4] = world.social2;
  viewers[5] = world.coordinator;
  for (guint i = 0; i < G_N_ELEMENTS (viewers); i++)
    {
      g_autoptr(GPtrArray) reminders = plan (viewers[i], now, 24, 60);

      assert_no_personal_words (reminders, words);
      total += reminders->len;
    }
  /* social: 2 meetings, action, follow-up, consent, inbox. */
  g_assert_cmpuint (total, >=, 6);

  manager = sam_test_unlock_user (fixture->path, "manager");
  admin = sam_test_unlock_admin (fixture->path);
  {
    g_autoptr(GPtrArray) for_manager = plan (manager, now, 24, 60);
    g_autoptr(GPtrArray) for_admin = plan (admin, now, 24, 60);

    g_assert_cmpuint (for_manager->len, ==, 0);
    g_assert_cmpuint (for_admin->len, ==, 0);
  }
}

/* Emergency access ---------------------------------------------------------- */

#define GLASS_REASON "Akut: Maja Ros hotad i hemmet på Storgatan 3"

static void
break_glass (SamSession *session,
             gint64      case_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sam_case_store_break_glass (session, case_id, GLASS_REASON, &error));
  g_assert_no_error (error);
}

static GPtrArray *
plan_with (SamReminderPlanner *planner,
           SamSession         *session,
           GDateTime          *now)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *reminders = sam_reminder_planner_plan (planner, session, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reminders);
  return reminders;
}

/* The text names no user, no case and carries no word of the reason. */
static void
assert_glass_text_anonymous (const SamReminder *reminder,
                             World             *world,
                             const char        *case_number)
{
  g_autofree char *text = g_strconcat (reminder->summary, "\n", reminder->body, NULL);
  g_auto(GStrv) reason_words = g_strsplit_set (GLASS_REASON, " :", -1);
  const char *user_names[] = {
    sam_session_get_user_name (world->social2),
    sam_session_get_display_name (world->social2),
  };

  g_assert_null (reminder->case_number);
  g_assert_cmpint (reminder->case_id, ==, 0);
  g_assert_null (strstr (text, case_number));
  g_assert_false (g_regex_match_simple ("SV-\\d", text, 0, 0));
  for (guint i = 0; i < G_N_ELEMENTS (user_names); i++)
    g_assert_null (strstr (text, user_names[i]));
  for (guint i = 0; reason_words[i] != NULL; i++)
    if (g_utf8_strlen (reason_words[i], -1) >= 3)
      g_assert_null (strstr (text, reason_words[i]));
}

static void
test_break_glass (SamTestFixture *fixture,
                  gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) two_days_later = NULL;
  g_autoptr(SamReminderPlanner) planner = sam_reminder_planner_new (24, 60);
  g_autoptr(SamReminderPlanner) restarted = sam_reminder_planner_new (24, 60);
  g_autoptr(SamReminderPlanner) later = sam_reminder_planner_new (24, 60);
  g_autoptr(SamSession) admin = NULL;
  g_autoptr(SamSession) manager = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) after_mark = NULL;
  g_autoptr(GPtrArray) after_new = NULL;
  g_autoptr(GPtrArray) after_restart = NULL;
  g_autoptr(GPtrArray) stale = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(SamCase) the_case = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_key = NULL;
  SamReminder *reminder;
  gint64 case_b, guardian_b;

  world_init (&world, fixture, TRUE);
  the_case = sam_case_store_get (world.social, world.case_id, &error);
  g_assert_no_error (error);
  case_b = open_case (world.social, &guardian_b);
  admin = sam_test_unlock_admin (fixture->path);
  manager = sam_test_unlock_user (fixture->path, "manager");

  /* Nothing yet: the administrator gets no reminder at all. */
  now = g_date_time_new_now_utc ();
  first = plan_with (planner, admin, now);
  g_assert_cmpuint (first->len, ==, 0);
  g_clear_pointer (&first, g_ptr_array_unref);

  /* Two grants; a school user's attempt is refused and does not count. */
  break_glass (world.social2, world.case_id);
  g_assert_true (sam_case_store_end_break_glass (world.social2, world.case_id, &error));
  g_assert_no_error (error);
  break_glass (world.social2, case_b);
  g_assert_false (sam_case_store_break_glass (world.school2, case_b, GLASS_REASON, &error));
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);

  g_clear_pointer (&now, g_date_time_unref);
  now = g_date_time_new_now_utc ();
  first = plan_with (planner, admin, now);
  g_assert_cmpuint (first->len, ==, 1);
  reminder = g_ptr_array_index (first, 0);
  g_assert_cmpint (reminder->kind, ==, SAM_REMINDER_BREAK_GLASS);
  g_assert_true (g_str_has_prefix (reminder->id, "break-glass:"));
  g_assert_cmpstr (reminder->summary, ==, "Emergency access was used 2 times");
  g_assert_true (g_regex_match_simple ("^Most recently at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\.",
                                       reminder->body, 0, 0));
  assert_glass_text_anonymous (reminder, &world, the_case->number);
  words = collect_personal_words (world.social);
  assert_no_personal_words (first, words);
  first_key = g_strdup (reminder->id);

  /* Not shown yet: planned again, with the same key. */
  again = plan_with (planner, admin, now);
  g_assert_cmpuint (again->len, ==, 1);
  g_assert_cmpstr (((SamReminder *) g_ptr_array_index (again, 0))->id, ==, first_key);

  /* Shown: not repeated. */
  sam_reminder_planner_mark_shown (planner, admin, reminder);
  after_mark = plan_with (planner, admin, now);
  g_assert_cmpuint (after_mark->len, ==, 0);

  /* A new grant makes a new reminder, of that one alone. */
  break_glass (world.social, case_b);
  after_new = plan_with (planner, admin, now);
  g_assert_cmpuint (after_new->len, ==, 1);
  reminder = g_ptr_array_index (after_new, 0);
  g_assert_cmpstr (reminder->summary, ==, "Emergency access was used");
  g_assert_true (g_str_has_prefix (reminder->body, "At "));
  g_assert_cmpstr (reminder->id, !=, first_key);
  assert_glass_text_anonymous (reminder, &world, the_case->number);

  /* A planner of a new run of the app looks back a day and counts all
   * three; two days later there is nothing left to tell. */
  after_restart = plan_with (restarted, admin, now);
  g_assert_cmpuint (after_restart->len, ==, 1);
  g_assert_cmpstr (((SamReminder *) g_ptr_array_index (after_restart, 0))->summary, ==,
                   "Emergency access was used 3 times");
  two_days_later = g_date_time_add_days (now, 2);
  stale = plan_with (later, admin, two_days_later);
  g_assert_cmpuint (count_kind (stale, SAM_REMINDER_BREAK_GLASS), ==, 0);

  /* No other role hears of it. */
  {
    SamSession *others[] = { world.social, world.social2, world.coordinator, world.school,
                             world.police, manager };

    for (guint i = 0; i < G_N_ELEMENTS (others); i++)
      {
        g_autoptr(GPtrArray) reminders = plan_with (planner, others[i], now);

        g_assert_cmpuint (count_kind (reminders, SAM_REMINDER_BREAK_GLASS), ==, 0);
      }
  }
}

/* Asynchronous planning ---------------------------------------------------------- */

typedef struct
{
  gboolean   done;
  GPtrArray *reminders;
  gboolean   truncated;
  GError    *error;
} Planned;

static void
planned_clear (Planned *planned)
{
  g_clear_pointer (&planned->reminders, g_ptr_array_unref);
  g_clear_error (&planned->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Planned, planned_clear)

static void
on_planned (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Planned *planned = user_data;

  planned->reminders = sam_reminder_planner_plan_finish (SAM_REMINDER_PLANNER (object), result,
                                                         &planned->truncated, &planned->error);
  planned->done = TRUE;
}

/* Iterates this thread's main context until the run is back. */
static void
wait_planned (Planned *planned)
{
  while (!planned->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
plan_async (SamReminderPlanner *planner,
            SamSession         *session,
            GDateTime          *now,
            GCancellable       *cancellable,
            Planned            *planned)
{
  sam_reminder_planner_plan_async (planner, session, now, cancellable, on_planned, planned);
  /* The result comes through the main context, never at once. */
  g_assert_false (planned->done);
}

static void
assert_same_keys (GPtrArray *a,
                  GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (((SamReminder *) g_ptr_array_index (a, i))->id, ==,
                     ((SamReminder *) g_ptr_array_index (b, i))->id);
}

/* In a worker: the same reminders as on the calling thread, and the
 * organisation's lead times when the user has none of their own. */
static void
test_async (SamTestFixture *fixture,
            gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_auto(Planned) planned = { 0 };
  g_autoptr(SamReminderPlanner) planner = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) sync = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  gint64 meeting;

  world_init (&world, fixture, TRUE);
  meeting = schedule_meeting (world.social, world.case_id, now, 30 * 60);
  add_action (&world, -1);
  schedule_follow_up (&world, 0);
  log_concern (&world);

  planner = sam_reminder_planner_new (SAM_REMINDER_LEAD_DEFAULT, SAM_REMINDER_LEAD_DEFAULT);
  sync = sam_reminder_planner_plan (planner, world.social, now, &error);
  g_assert_no_error (error);
  plan_async (planner, world.social, now, NULL, &planned);
  wait_planned (&planned);
  g_assert_no_error (planned.error);
  g_assert_false (planned.truncated);
  assert_same_keys (planned.reminders, sync);
  g_assert_cmpuint (count_kind (planned.reminders, SAM_REMINDER_ACTION), ==, 1);
  g_assert_cmpuint (count_kind (planned.reminders, SAM_REMINDER_FOLLOW_UP), ==, 1);
  g_assert_cmpuint (count_kind (planned.reminders, SAM_REMINDER_INBOX), ==, 1);

  /* The default second lead time, 60 minutes, read in the worker. */
  key = g_strdup_printf ("meeting:%" G_GINT64_FORMAT ":60m", meeting);
  g_assert_nonnull (find (planned.reminders, key));
}

/* More due than SAM_REMINDER_DUE_LIMIT: that many, and word of more. */
static void
test_limit (SamTestFixture *fixture,
            gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_auto(Planned) planned = { 0 };
  g_auto(Planned) at_limit = { 0 };
  g_autoptr(SamReminderPlanner) planner = sam_reminder_planner_new (24, 60);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  gint64 last = 0;

  world_init (&world, fixture, TRUE);
  for (guint i = 0; i < SAM_REMINDER_DUE_LIMIT; i++)
    last = add_action (&world, -1 - (int) (i % 20));

  /* Exactly the limit: all of them, nothing more to tell. */
  plan_async (planner, world.social, now, NULL, &at_limit);
  wait_planned (&at_limit);
  g_assert_no_error (at_limit.error);
  g_assert_false (at_limit.truncated);
  g_assert_cmpuint (count_kind (at_limit.reminders, SAM_REMINDER_ACTION), ==,
                    SAM_REMINDER_DUE_LIMIT);

  /* One more, and a follow-up, which has a list of its own. */
  add_action (&world, -2);
  schedule_follow_up (&world, -1);
  plan_async (planner, world.social, now, NULL, &planned);
  wait_planned (&planned);
  g_assert_no_error (planned.error);
  g_assert_true (planned.truncated);
  g_assert_cmpuint (count_kind (planned.reminders, SAM_REMINDER_ACTION), ==,
                    SAM_REMINDER_DUE_LIMIT);
  g_assert_cmpuint (count_kind (planned.reminders, SAM_REMINDER_FOLLOW_UP), ==, 1);
  g_assert_true (last > 0);
}

/* Locked while the worker waits for the connection: it ends with LOCKED
 * and lists nothing; cancelled, it returns CANCELLED; a session let go of
 * is not kept alive by it. */
static void
test_async_lock (SamTestFixture *fixture,
                 gconstpointer   data)
{
  g_auto(World) world = { 0 };
  g_auto(Planned) locked = { 0 };
  g_auto(Planned) cancelled = { 0 };
  g_auto(Planned) gone = { 0 };
  g_autoptr(SamReminderPlanner) planner = sam_reminder_planner_new (24, 60);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SamDatabase) database = NULL;
  g_autoptr(SamSession) social = NULL;
  gint64 audit_rows;

  world_init (&world, fixture, TRUE);
  add_action (&world, -1);

  /* The worker waits on the connection, which this thread holds. */
  database = g_object_ref (sam_session_get_database (world.school));
  _sam_database_lock (database);
  plan_async (planner, world.school, now, NULL, &locked);
  sam_session_lock (world.school);
  _sam_database_unlock (database);
  wait_planned (&locked);
  g_assert_error (locked.error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED);
  g_assert_null (locked.reminders);

  /* Cancelled before it read: nothing read, nothing logged. */
  audit_rows = count_rows (world.social, "SELECT COUNT(*) FROM audit_log");
  g_clear_object (&database);
  database = g_object_ref (sam_session_get_database (world.social));
  _sam_database_lock (database);
  plan_async (planner, world.social, now, cancellable, &cancelled);
  g_cancellable_cancel (cancellable);
  _sam_database_unlock (database);
  wait_planned (&cancelled);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count_rows (world.social, "SELECT COUNT(*) FROM audit_log"), ==, audit_rows);

  /* Let go of, locked and dropped while the worker waits: it holds the
   * session only weakly, so the session is finalized at once. */
  social = sam_test_unlock_user (fixture->path, "social");
  g_clear_object (&database);
  database = g_object_ref (sam_session_get_database (social));
  _sam_database_lock (database);
  plan_async (planner, social, now, NULL, &gone);
  sam_session_lock (social);
  g_assert_finalize_object (g_steal_pointer (&social));
  _sam_database_unlock (database);
  wait_planned (&gone);
  g_assert_error (gone.error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED);
}

static void
add_test (const char *path,
          void      (*func) (SamTestFixture *, gconstpointer))
{
  g_test_add (path, SamTestFixture, NULL, set_up, func, sam_test_fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_test ("/reminder-planner/meetings", test_meetings);
  add_test ("/reminder-planner/due", test_due);
  add_test ("/reminder-planner/consents", test_consents);
  add_test ("/reminder-planner/inbox", test_inbox);
  add_test ("/reminder-planner/no-personal-data", test_no_personal_data);
  add_test ("/reminder-planner/break-glass", test_break_glass);
  add_test ("/reminder-planner/async", test_async);
  add_test ("/reminder-planner/limit", test_limit);
  add_test ("/reminder-planner/async-lock", test_async_lock);

  return g_test_run ();
}
