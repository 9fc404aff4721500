/* test-reminders.c: SamReminderService against a fake notification server
 *
 * The fake org.freedesktop.Notifications runs on its own thread, with its
 * own connection to the test's private session bus: libnotify calls Notify
 * synchronously from the main thread, so a server answering from the main
 * thread would never get to answer. It records every call and can send
 * ActionInvoked like a real server does when a notification is clicked.
 *
 * The service plans in a worker thread: each test waits for its runs
 * through an emission hook on ::run-finished, iterating the main context,
 * never by sleeping.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-reminders"

#include "config.h"

#include "sam-audit-page.h"
#include "sam-database-private.h"
#include "sam-reminder-service.h"
#include "sam-ui-test-util.h"
#include "sam-unlock-page.h"
#include "sam-window.h"
#include "sam-workspace.h"
#include "samverka-core.h"

#define BUS_TIMEOUT 30

#define NOTIFY_NAME  "org.freedesktop.Notifications"
#define NOTIFY_PATH  "/org/freedesktop/Notifications"
#define NOTIFY_IFACE "org.freedesktop.Notifications"

static const char notify_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "    <signal name='NotificationClosed'><arg type='u'/><arg type='u'/></signal>"
  "    <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
  "  </interface>"
  "</node>";

typedef struct
{
  guint   id;
  char   *app_name;
  char   *icon;
  char   *summary;
  char   *body;
  GStrv   actions;
} Call;

typedef struct
{
  GMutex           lock;
  GCond            cond;
  gboolean         ready;
  gboolean         releasing;
  GPtrArray       *calls;
  GArray          *closed;
  guint            next_id;

  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  GDBusConnection *connection;
  guint            registration_id;
} FakeServer;

static FakeServer server;

static void
call_free (Call *call)
{
  g_free (call->app_name);
  g_free (call->icon);
  g_free (call->summary);
  g_free (call->body);
  g_strfreev (call->actions);
  g_free (call);
}

static guint
record_notify (GVariant *parameters)
{
  Call *call = g_new0 (Call, 1);
  g_autoptr(GVariant) hints = NULL;
  guint replaces;
  gint timeout;

  g_variant_get (parameters, "(susss^as@a{sv}i)", &call->app_name, &replaces, &call->icon,
                 &call->summary, &call->body, &call->actions, &hints, &timeout);

  g_mutex_lock (&server.lock);
  call->id = ++server.next_id;
  g_ptr_array_add (server.calls, call);
  g_mutex_unlock (&server.lock);

  return call->id;
}

static void
on_method_call (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  if (g_str_equal (method_name, "Notify"))
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(u)", record_notify (parameters)));
    }
  else if (g_str_equal (method_name, "CloseNotification"))
    {
      guint id;

      g_variant_get (parameters, "(u)", &id);
      g_mutex_lock (&server.lock);
      g_array_append_val (server.closed, id);
      g_mutex_unlock (&server.lock);
      g_dbus_connection_emit_signal (connection, NULL, NOTIFY_PATH, NOTIFY_IFACE,
                                     "NotificationClosed", g_variant_new ("(uu)", id, 3), NULL);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "GetCapabilities"))
    {
      const char *caps[] = { "actions", "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
    }
  else
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(ssss)", "fake", "Samverka tests",
                                                            "1.0", "1.2"));
    }
}

static void
on_name_acquired (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  g_mutex_lock (&server.lock);
  server.ready = TRUE;
  g_cond_signal (&server.cond);
  g_mutex_unlock (&server.lock);
}

static void
on_name_lost (GDBusConnection *connection,
              const char      *name,
              gpointer         user_data)
{
  gboolean releasing;

  g_mutex_lock (&server.lock);
  releasing = server.releasing;
  g_mutex_unlock (&server.lock);
  if (!releasing)
    g_error ("The fake notification server could not own %s", name);
}

static gpointer
server_thread (gpointer data)
{
  static const GDBusInterfaceVTable vtable = { on_method_call, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;

  g_main_context_push_thread_default (server.context);

  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  server.connection = g_dbus_connection_new_for_address_sync (
    address,
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);

  node = g_dbus_node_info_new_for_xml (notify_xml, &error);
  g_assert_no_error (error);
  server.registration_id = g_dbus_connection_register_object (server.connection, NOTIFY_PATH,
                                                              node->interfaces[0], &vtable,
                                                              NULL, NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (server.connection, NOTIFY_NAME, G_BUS_NAME_OWNER_FLAGS_NONE,
                                on_name_acquired, on_name_lost, NULL, NULL);

  g_main_loop_run (server.loop);
  g_main_context_pop_thread_default (server.context);
  return NULL;
}

static void
server_start (void)
{
  g_mutex_init (&server.lock);
  g_cond_init (&server.cond);
  server.calls = g_ptr_array_new_with_free_func ((GDestroyNotify) call_free);
  server.closed = g_array_new (FALSE, FALSE, sizeof (guint));
  server.context = g_main_context_new ();
  server.loop = g_main_loop_new (server.context, FALSE);
  server.thread = g_thread_new ("fake-notifications", server_thread, NULL);

  g_mutex_lock (&server.lock);
  while (!server.ready)
    g_cond_wait (&server.cond, &server.lock);
  g_mutex_unlock (&server.lock);
}

static guint
n_calls (void)
{
  guint n;

  g_mutex_lock (&server.lock);
  n = server.calls->len;
  g_mutex_unlock (&server.lock);
  return n;
}

static guint
n_closed (void)
{
  guint n;

  g_mutex_lock (&server.lock);
  n = server.closed->len;
  g_mutex_unlock (&server.lock);
  return n;
}

/* Only read from the main thread once the calls it looks at are in:
 * libnotify's calls are synchronous, so they are by the time show returns. */
static Call *
call_at (guint i)
{
  Call *call;

  g_mutex_lock (&server.lock);
  call = g_ptr_array_index (server.calls, i);
  g_mutex_unlock (&server.lock);
  return call;
}

static void
click (guint id)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (server.connection, NULL, NOTIFY_PATH, NOTIFY_IFACE,
                                 "ActionInvoked", g_variant_new ("(us)", id, "default"), &error);
  g_assert_no_error (error);
}

/* Every Notify call on the bus, answered or not: a monitor connection
 * (org.freedesktop.DBus.Monitoring) sees them all, also those sent to a
 * name nobody owns, so that a call made with no server shows. */
static gint n_notify_sent;
static GDBusConnection *monitor;

static GDBusMessage *
monitor_filter (GDBusConnection *connection,
                GDBusMessage    *message,
                gboolean         incoming,
                gpointer         user_data)
{
  if (!incoming || g_dbus_message_get_message_type (message) != G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    return message;

  if (g_strcmp0 (g_dbus_message_get_member (message), "Notify") == 0 &&
      g_strcmp0 (g_dbus_message_get_interface (message), NOTIFY_IFACE) == 0)
    g_atomic_int_inc (&n_notify_sent);

  /* A monitor must never answer: drop every call it sees. */
  g_object_unref (message);
  return NULL;
}

static void
monitor_start (void)
{
  const char *rules[] = { "type='method_call',interface='" NOTIFY_IFACE "'", NULL };
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);

  g_assert_no_error (error);
  monitor = g_dbus_connection_new_for_address_sync (
    address,
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_add_filter (monitor, monitor_filter, NULL, NULL);
  reply = g_dbus_connection_call_sync (monitor, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus.Monitoring", "BecomeMonitor",
                                       g_variant_new ("(^asu)", rules, 0), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

/* Puts the server's name back on the bus after test_no_server released
 * it; from the server's thread, like every call on its connection. */
static gboolean
server_return (gpointer data)
{
  g_mutex_lock (&server.lock);
  server.releasing = FALSE;
  g_mutex_unlock (&server.lock);
  g_bus_own_name_on_connection (server.connection, NOTIFY_NAME, G_BUS_NAME_OWNER_FLAGS_NONE,
                                NULL, on_name_lost, NULL, NULL);
  return G_SOURCE_REMOVE;
}

/* Runs --------------------------------------------------------------------- */

/* How many runs of any service have finished: the emission hook counts
 * them, whoever made the service (the window does too). */
static guint n_runs;

static gboolean
count_run (GSignalInvocationHint *hint,
           guint                  n_values,
           const GValue          *values,
           gpointer               user_data)
{
  n_runs++;
  return TRUE;
}

/* A service that knows whether the fake server is on the bus. */
static SamReminderService *
service_new (GSettings *settings)
{
  SamReminderService *service = sam_reminder_service_new (settings);

  sam_test_wait_until (sam_reminder_service_has_server (service), BUS_TIMEOUT);
  return service;
}

/* Sets @session, which starts a run, and waits for it to finish. */
static void
start (SamReminderService *service,
       SamSession         *session)
{
  guint before = n_runs;

  sam_reminder_service_set_session (service, session);
  /* Planning is not done on this thread: nothing is shown yet. */
  g_assert_true (sam_reminder_service_is_running (service));
  sam_test_wait_until (n_runs > before, BUS_TIMEOUT);
  g_assert_false (sam_reminder_service_is_running (service));
}

static void
run (SamReminderService *service)
{
  guint before = n_runs;

  g_assert_true (sam_reminder_service_run (service));
  g_assert_true (sam_reminder_service_is_running (service));
  sam_test_wait_until (n_runs > before, BUS_TIMEOUT);
}

/* The database ------------------------------------------------------------ */

/* A demo database with made-up young persons, their guardians and their
 * cases, meetings, plans and follow-ups. */
#define DEMO_PERSONS 25
#define DEMO_SEED    7

static SamTestDatabase *database;

static SamTestDatabase *
database_new (void)
{
  g_autoptr(GError) error = NULL;
  SamTestDatabase *db = g_new0 (SamTestDatabase, 1);

  db->dir = g_dir_make_tmp ("samverka-reminders-XXXXXX", &error);
  g_assert_no_error (error);
  db->path = g_build_filename (db->dir, "demo.db", NULL);
  g_assert_true (sam_demo_create_scaled (db->path, DEMO_PERSONS, DEMO_SEED, &error));
  g_assert_no_error (error);

  return db;
}

static SamSession *
unlock (const char *user)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strconcat (user, SAM_DEMO_PASSPHRASE_SUFFIX, NULL);
  g_autoptr(SamSecret) passphrase = sam_secret_new_from_string (text);
  SamSession *session = sam_session_unlock (database->path, user, passphrase, &error);

  g_assert_no_error (error);
  return session;
}

static sqlite3 *
handle_of (SamSession *session)
{
  return _sam_database_get_handle (sam_session_get_database (session));
}

/* An active case whose team the session's user is on. */
static gint64
team_case (SamSession *session)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT c.id FROM cases c JOIN case_team t"
                                          " ON t.case_id = c.id WHERE c.status = 'active'"
                                          " AND t.user_id = %" G_GINT64_FORMAT
                                          " ORDER BY c.id LIMIT 1",
                                          sam_session_get_user_id (session));

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (session), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
schedule_meeting (SamSession *session,
                  gint64      case_id,
                  GTimeSpan   seconds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, seconds);
  g_autofree char *starts_at = g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
  SamMeetingDraft draft = {
    .starts_at = starts_at,
    .duration_minutes = 45,
    .place = "Skolans konferensrum",
  };

  g_assert_cmpint (sam_meeting_store_schedule (session, case_id, &draft, &error), >, 0);
  g_assert_no_error (error);
}

/* Every name in the database: young persons, guardians, staff. */
static GPtrArray *
collect_names (SamSession *session)
{
  static const char *queries[] = {
    "SELECT given_name FROM persons", "SELECT family_name FROM persons",
    "SELECT name FROM guardians", "SELECT display_name FROM users",
  };
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (handle_of (session), queries[q], -1, &stmt, NULL), ==,
                       SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_auto(GStrv) parts = g_regex_split_simple ("[\\s,.]+",
                                                      (const char *) sqlite3_column_text (stmt, 0),
                                                      0, 0);

          for (guint i = 0; parts[i] != NULL; i++)
            if (g_utf8_strlen (parts[i], -1) >= 3)
              g_ptr_array_add (names, g_regex_escape_string (parts[i], -1));
        }
    }

  g_assert_cmpuint (names->len, >, DEMO_PERSONS);
  return names;
}

static void
assert_no_names (guint      from,
                 GPtrArray *names)
{
  for (guint i = from; i < n_calls (); i++)
    {
      Call *call = call_at (i);

      for (guint n = 0; n < names->len; n++)
        {
          g_autofree char *pattern = g_strdup_printf ("(?<!\\p{L})%s(?!\\p{L})",
                                                      (char *) g_ptr_array_index (names, n));

          if (g_regex_match_simple (pattern, call->summary, G_REGEX_CASELESS, 0) ||
              g_regex_match_simple (pattern, call->body, G_REGEX_CASELESS, 0))
            g_error ("notification %u carries the name \"%s\"", call->id,
                     (char *) g_ptr_array_index (names, n));
        }
    }
}

static guint
find_call (guint       from,
           const char *case_number,
           const char *summary)
{
  for (guint i = from; i < n_calls (); i++)
    {
      Call *call = call_at (i);

      if (g_str_equal (call->summary, summary) && strstr (call->body, case_number) != NULL)
        return call->id;
    }

  return 0;
}

#define COUNT_PATTERN "^(More than )?(\\d+) reminders about your cases$"

/* The one notification that counts many reminders, as its index + 1, or 0. */
static guint
find_count_call (guint from)
{
  for (guint i = from; i < n_calls (); i++)
    if (g_regex_match_simple (COUNT_PATTERN, call_at (i)->summary, 0, 0))
      return i + 1;

  return 0;
}

static guint
count_of (const Call *call)
{
  g_autoptr(GRegex) regex = g_regex_new (COUNT_PATTERN, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *number = NULL;

  g_assert_true (g_regex_match (regex, call->summary, 0, &match));
  number = g_match_info_fetch (match, 2);
  return (guint) g_ascii_strtoull (number, NULL, 10);
}

/* The count carries no case number and no name; its action opens Due. */
static void
assert_count_call (const Call *call,
                   GPtrArray  *names)
{
  g_autofree char *text = g_strconcat (call->summary, "\n", call->body, NULL);

  g_assert_false (g_regex_match_simple ("SV-\\d", text, 0, 0));
  g_assert_cmpstr (call->app_name, ==, "Samverka");
  g_assert_cmpstr (call->actions[0], ==, "default");
  g_assert_cmpstr (call->actions[1], ==, "Open Due");
  g_assert_cmpuint (count_of (call), >, SAM_REMINDER_INDIVIDUAL_MAX);
}

/* The test ---------------------------------------------------------------- */

static void
on_open_case (SamReminderService *service,
              gint64              case_id,
              gint64             *out_case_id)
{
  *out_case_id = case_id;
}

static void
on_open_due (SamReminderService *service,
             guint              *n_opened)
{
  (*n_opened)++;
}

/* Many reminders at unlock come as one count; what comes later, one by
 * one. */
static void
test_reminders (void)
{
  g_autoptr(SamReminderService) service = service_new (NULL);
  g_autoptr(SamSession) session = unlock ("social");
  g_autoptr(SamSession) again = NULL;
  g_autoptr(SamCase) the_case = NULL;
  g_autoptr(GPtrArray) names = collect_names (session);
  g_autoptr(GError) error = NULL;
  gint64 case_id = team_case (session);
  gint64 opened = 0;
  guint n_due_opened = 0;
  guint first_run, count, meeting_call, i;
  Call *call;

  the_case = sam_case_store_get (session, case_id, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "open-case", G_CALLBACK (on_open_case), &opened);
  g_signal_connect (service, "open-due", G_CALLBACK (on_open_due), &n_due_opened);

  /* Locked, nothing: no session yet. */
  g_assert_false (sam_reminder_service_run (service));
  g_assert_false (sam_reminder_service_is_running (service));
  g_assert_cmpuint (n_calls (), ==, 0);

  /* Unlocking plans in a worker; its result comes later. The social
   * worker has many things due: one count stands for those about cases. */
  start (service, session);
  first_run = n_calls ();
  g_test_message ("%u notifications at unlock", first_run);
  g_assert_cmpuint (first_run, >=, 1);
  g_assert_cmpuint (first_run, <=, 1 + SAM_REMINDER_INDIVIDUAL_MAX);
  g_assert_cmpuint (sam_reminder_service_get_n_shown (service), ==, first_run);
  g_assert_cmpuint (sam_reminder_service_get_n_waiting (service), ==, 0);
  count = find_count_call (0);
  g_assert_cmpuint (count, !=, 0);
  assert_count_call (call_at (count - 1), names);
  g_assert_cmpuint (find_count_call (count), ==, 0);
  for (i = 0; i < first_run; i++)
    {
      call = call_at (i);
      g_assert_cmpstr (call->app_name, ==, "Samverka");
      g_assert_cmpstr (call->icon, ==, APPLICATION_ID);
      g_assert_nonnull (call->actions);
      g_assert_cmpstr (call->actions[0], ==, "default");
      g_assert_cmpstr (call->summary, !=, "");
      g_assert_cmpstr (call->body, !=, "");
    }
  assert_no_names (0, names);

  /* The same reminders are not shown again, nor counted again. */
  run (service);
  g_assert_cmpuint (n_calls (), ==, first_run);

  /* Clicking the count opens the Due page. */
  click (call_at (count - 1)->id);
  sam_test_wait_until (n_due_opened == 1, BUS_TIMEOUT);

  /* One new meeting: shown by itself, with its case number. */
  schedule_meeting (session, case_id, 30 * 60);
  run (service);
  g_assert_cmpuint (n_calls (), ==, first_run + 1);
  meeting_call = find_call (first_run, the_case->number, "SSPF meeting coming up");
  g_assert_cmpuint (meeting_call, !=, 0);
  assert_no_names (first_run, names);

  /* Clicking opens the right case. */
  click (meeting_call);
  sam_test_wait_until (opened != 0, BUS_TIMEOUT);
  g_assert_cmpint (opened, ==, case_id);
  opened = 0;

  /* The core locks the session: a new meeting is due, but nothing is
   * shown. A click meanwhile waits for the unlock. */
  schedule_meeting (session, case_id, 40 * 60);
  sam_session_lock (session);
  g_assert_false (sam_reminder_service_run (service));
  g_assert_cmpuint (n_calls (), ==, first_run + 1);
  click (meeting_call);
  sam_test_wait_until (sam_reminder_service_get_pending_case (service) != 0, BUS_TIMEOUT);
  g_assert_cmpint (sam_reminder_service_get_pending_case (service), ==, case_id);
  g_assert_cmpint (opened, ==, 0);

  /* The window locks: every notification still shown is closed. */
  sam_reminder_service_set_session (service, NULL);
  g_assert_cmpuint (n_closed (), ==, first_run + 1);
  g_assert_false (sam_reminder_service_run (service));
  g_assert_cmpuint (n_calls (), ==, first_run + 1);

  /* The same user unlocks: the clicked case opens, only the new meeting
   * is shown, and it too carries no name. */
  again = unlock ("social");
  start (service, again);
  g_assert_cmpint (opened, ==, case_id);
  g_assert_cmpint (sam_reminder_service_get_pending_case (service), ==, 0);
  g_assert_cmpuint (n_calls (), ==, first_run + 2);
  g_assert_cmpuint (find_call (first_run + 1, the_case->number, "SSPF meeting coming up"), !=, 0);
  assert_no_names (first_run + 1, names);

  sam_reminder_service_set_session (service, NULL);
}

static gboolean
weak_ref_is_empty (GWeakRef *ref)
{
  g_autoptr(GObject) object = g_weak_ref_get (ref);

  return object == NULL;
}

/* Locked while a run is planning: it is dropped, and the session is let
 * go of, since the worker holds it only weakly; at most for the one list
 * read it may be in, which the lock ends. */
static void
test_lock_in_flight (void)
{
  g_autoptr(SamReminderService) service = service_new (NULL);
  SamSession *session = unlock ("coordinator");
  guint runs = n_runs;
  GWeakRef dropped;

  sam_reminder_service_set_session (service, session);
  g_assert_true (sam_reminder_service_is_running (service));
  /* As the window does: the core locks, then the service lets go. */
  sam_session_lock (session);
  sam_reminder_service_set_session (service, NULL);
  g_assert_false (sam_reminder_service_is_running (service));
  g_weak_ref_init (&dropped, session);
  g_object_unref (session);
  sam_test_wait_until (weak_ref_is_empty (&dropped), BUS_TIMEOUT);
  g_weak_ref_clear (&dropped);

  /* A new run of a new session finishes; the dropped one never does. */
  session = unlock ("coordinator");
  start (service, session);
  g_assert_cmpuint (n_runs, ==, runs + 1);
  sam_reminder_service_set_session (service, NULL);
  g_object_unref (session);
}

/* Unlocked before the service has heard from the bus: the run's result is
 * held until the watch answers, then shown, with no second run. */
static void
test_first_run (void)
{
  g_autoptr(SamReminderService) service = sam_reminder_service_new (NULL);
  g_autoptr(SamSession) session = unlock ("social");
  g_autoptr(GPtrArray) names = collect_names (session);
  guint before = n_calls ();
  guint runs = n_runs;

  sam_reminder_service_set_session (service, session);
  sam_test_wait_until (n_runs > runs, BUS_TIMEOUT);
  g_assert_cmpuint (n_runs, ==, runs + 1);
  g_assert_true (sam_reminder_service_has_server (service));
  g_assert_false (sam_reminder_service_is_running (service));
  g_assert_cmpuint (sam_reminder_service_get_n_waiting (service), ==, 0);
  g_assert_cmpuint (find_count_call (before), !=, 0);
  assert_no_names (before, names);
  sam_reminder_service_set_session (service, NULL);
}

/* Another user's reminders are their own, and a manager gets none. */
static void
test_other_users (void)
{
  g_autoptr(SamReminderService) service = service_new (NULL);
  g_autoptr(SamSession) manager = unlock ("manager");
  g_autoptr(SamSession) coordinator = unlock ("coordinator");
  g_autoptr(GPtrArray) names = collect_names (coordinator);
  guint before = n_calls ();

  start (service, manager);
  run (service);
  g_assert_cmpuint (n_calls (), ==, before);
  sam_reminder_service_set_session (service, NULL);

  /* The coordinator sees every case: far more than a few are due, and
   * one count stands for them. */
  start (service, coordinator);
  g_assert_cmpuint (n_calls (), >, before);
  g_assert_cmpuint (find_count_call (before), !=, 0);
  assert_count_call (call_at (find_count_call (before) - 1), names);
  assert_no_names (before, names);
  sam_reminder_service_set_session (service, NULL);
}

static guint
count_summary (guint       from,
               const char *summary)
{
  guint n = 0;

  for (guint i = from; i < n_calls (); i++)
    n += g_str_equal (call_at (i)->summary, summary);

  return n;
}

/* The lead times come from the settings at each run; 0 turns them off.
 * Runs after /reminders/notify, whose meetings start within the hour. */
static void
test_lead_times (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(SamReminderService) service = NULL;
  g_autoptr(SamSession) session = unlock ("social");
  guint before = n_calls ();
  guint after_first;

  g_settings_set_uint (settings, "meeting-reminder-first-hours", 0);
  g_settings_set_uint (settings, "meeting-reminder-second-minutes", 0);
  service = service_new (settings);
  start (service, session);
  after_first = n_calls ();
  g_assert_cmpuint (after_first, >, before);
  g_assert_cmpuint (count_summary (before, "SSPF meeting coming up"), ==, 0);

  g_settings_set_uint (settings, "meeting-reminder-second-minutes", 60);
  run (service);
  g_assert_cmpuint (n_calls (), >=, after_first + 2);
  g_assert_cmpuint (count_summary (after_first, "SSPF meeting coming up"), ==,
                    n_calls () - after_first);

  sam_reminder_service_set_session (service, NULL);
  g_settings_reset (settings, "meeting-reminder-first-hours");
  g_settings_reset (settings, "meeting-reminder-second-minutes");
}

static gboolean
heartbeat (gpointer data)
{
  guint *ticks = data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

/* With no notification server on the bus, libnotify is not called at all
 * (it would wait for D-Bus on this thread): the run finishes, nothing is
 * shown or counted as shown, no warning (they are fatal here), and the
 * main loop keeps turning. When a server appears, the reminders go out. */
static void
test_no_server (void)
{
  g_autoptr(SamReminderService) service = service_new (NULL);
  g_autoptr(SamSession) session = unlock ("social");
  g_autoptr(GPtrArray) names = collect_names (session);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint before = n_calls ();
  guint ticks = 0;
  guint ticks_after;
  guint source;
  gint sent;

  g_mutex_lock (&server.lock);
  server.releasing = TRUE;
  g_mutex_unlock (&server.lock);
  reply = g_dbus_connection_call_sync (server.connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "ReleaseName", g_variant_new ("(s)", NOTIFY_NAME),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  /* The object stays: a libnotify proxy that still sends to the old
   * owner's unique name would be recorded, and fail the test. */
  sam_test_wait_until (!sam_reminder_service_has_server (service), BUS_TIMEOUT);

  sent = g_atomic_int_get (&n_notify_sent);
  source = g_timeout_add (10, heartbeat, &ticks);
  start (service, session);
  g_assert_cmpuint (sam_reminder_service_get_n_shown (service), ==, 0);
  g_assert_cmpuint (sam_reminder_service_get_n_waiting (service), >, SAM_REMINDER_INDIVIDUAL_MAX);
  g_assert_cmpuint (n_calls (), ==, before);
  g_assert_cmpint (g_atomic_int_get (&n_notify_sent), ==, sent);

  /* Not stuck in a D-Bus call: the heartbeat goes on, well within the
   * 25 seconds D-Bus would make a call wait. */
  ticks_after = ticks;
  sam_test_wait_until (ticks >= ticks_after + 5, 5);
  g_source_remove (source);

  /* A server comes: the service plans again and shows, as one count. */
  g_main_context_invoke (server.context, server_return, NULL);
  sam_test_wait_until (find_count_call (before) != 0, BUS_TIMEOUT);
  sam_test_wait_until (!sam_reminder_service_is_running (service), BUS_TIMEOUT);
  g_assert_true (sam_reminder_service_has_server (service));
  g_assert_cmpuint (sam_reminder_service_get_n_waiting (service), ==, 0);
  g_assert_cmpuint (sam_reminder_service_get_n_shown (service), ==, n_calls () - before);
  sam_test_wait_until (g_atomic_int_get (&n_notify_sent) > sent, BUS_TIMEOUT);
  assert_count_call (call_at (find_count_call (before) - 1), names);
  assert_no_names (before, names);
  sam_reminder_service_set_session (service, NULL);
}

/* Emergency access, for the administrator ------------------------------------ */

#define GLASS_REASON "Glasmarkör: akut fara hemma, Storgatan 3"
#define GLASS_SUMMARY "Emergency access was used"

static guint
find_glass_call (guint from)
{
  for (guint i = from; i < n_calls (); i++)
    {
      Call *call = call_at (i);

      if (g_str_has_prefix (call->summary, GLASS_SUMMARY))
        return i + 1;
    }

  return 0;
}

/* The text carries no name, no case number and nothing of the reason. */
static void
assert_glass_call_anonymous (guint      from,
                             GPtrArray *names)
{
  g_auto(GStrv) reason_words = g_strsplit_set (GLASS_REASON, " :,", -1);

  for (guint i = from; i < n_calls (); i++)
    {
      Call *call = call_at (i);
      g_autofree char *text = g_strconcat (call->summary, "\n", call->body, NULL);

      g_assert_false (g_regex_match_simple ("SV-\\d", text, 0, 0));
      for (guint w = 0; reason_words[w] != NULL; w++)
        if (g_utf8_strlen (reason_words[w], -1) >= 3)
          g_assert_null (strstr (text, reason_words[w]));
    }
  assert_no_names (from, names);
}

static GtkWidget *
window_child (SamWindow  *window,
              const char *name)
{
  return sam_test_child (GTK_WIDGET (window), SAM_TYPE_WINDOW, name);
}

/* Signs in through the window's unlock page, as a person would. */
static void
sign_in (SamWindow  *window,
         const char *user)
{
  g_autofree char *passphrase = g_strconcat (user, SAM_DEMO_PASSPHRASE_SUFFIX, NULL);
  GtkWidget *unlock_page = window_child (window, "unlock_page");

  gtk_editable_set_text (GTK_EDITABLE (sam_test_child (unlock_page, SAM_TYPE_UNLOCK_PAGE, "user_row")),
                         user);
  gtk_editable_set_text (GTK_EDITABLE (sam_test_child (unlock_page, SAM_TYPE_UNLOCK_PAGE,
                                                       "passphrase_row")),
                         passphrase);
  g_signal_emit_by_name (sam_test_child (unlock_page, SAM_TYPE_UNLOCK_PAGE, "unlock_button"),
                         "clicked");
  sam_test_wait_until (sam_window_get_session (window) != NULL, 60);
}

static SamWindow *
create_window (void)
{
  SamWindow *window = g_object_new (SAM_TYPE_WINDOW, "database-path", database->path, NULL);

  /* GTK owns toplevels; keep our own reference for g_assert_finalize_object(). */
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  sam_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (window)), 10);

  return window;
}

static gboolean
shows_break_glass_list (SamWorkspace *workspace)
{
  GtkWidget *page = sam_workspace_get_page (workspace, SAM_WORKSPACE_SECTION_AUDIT_LOG);

  return g_strcmp0 (sam_workspace_get_section (workspace), SAM_WORKSPACE_SECTION_AUDIT_LOG) == 0 &&
         SAM_IS_AUDIT_PAGE (page) &&
         g_strcmp0 (sam_audit_page_get_visible_list (SAM_AUDIT_PAGE (page)), "break-glass") == 0;
}

/* A social worker uses emergency access; only the administrator is told,
 * with no name, case number or reason, once; clicking the notification
 * opens the audit log's emergency access list. */
static void
test_break_glass (void)
{
  g_autoptr(SamSession) social = unlock ("social");
  g_autoptr(SamSession) coordinator = unlock ("coordinator");
  g_autoptr(SamReminderService) service = service_new (NULL);
  g_autoptr(GPtrArray) names = collect_names (social);
  g_autoptr(GError) error = NULL;
  SamWorkspace *workspace;
  SamAuditPage *audit_page;
  SamWindow *window;
  guint before, glass, runs;
  Call *call;

  g_assert_true (sam_case_store_break_glass (social, team_case (social), GLASS_REASON, &error));
  g_assert_no_error (error);

  /* Not for the coordinator, nor for the social worker. */
  before = n_calls ();
  start (service, coordinator);
  g_assert_cmpuint (find_glass_call (before), ==, 0);
  sam_reminder_service_set_session (service, NULL);
  start (service, social);
  g_assert_cmpuint (find_glass_call (before), ==, 0);
  sam_reminder_service_set_session (service, NULL);

  /* The administrator unlocks the app and is told, once. */
  before = n_calls ();
  window = create_window ();
  sign_in (window, "admin");
  sam_test_wait_until (find_glass_call (before) != 0, BUS_TIMEOUT);
  glass = find_glass_call (before);
  call = call_at (glass - 1);
  g_assert_cmpstr (call->summary, ==, GLASS_SUMMARY);
  g_assert_true (g_str_has_prefix (call->body, "At "));
  g_assert_cmpstr (call->actions[0], ==, "default");
  g_assert_cmpstr (call->actions[1], ==, "Open Audit Log");
  assert_glass_call_anonymous (before, names);
  g_assert_cmpuint (find_glass_call (glass), ==, 0);

  workspace = SAM_WORKSPACE (window_child (window, "workspace"));
  g_assert_false (shows_break_glass_list (workspace));

  /* Clicking opens the emergency access list, which lists it. */
  click (call->id);
  sam_test_wait_until (shows_break_glass_list (workspace), BUS_TIMEOUT);
  audit_page = SAM_AUDIT_PAGE (sam_workspace_get_page (workspace, SAM_WORKSPACE_SECTION_AUDIT_LOG));
  g_assert_cmpuint (sam_audit_page_get_n_rows (audit_page, "break-glass"), >=, 1);

  /* Locking and unlocking again in the same run does not repeat it: the
   * window's run finishes and shows nothing. */
  sam_window_lock (window);
  before = n_calls ();
  runs = n_runs;
  sign_in (window, "admin");
  sam_test_wait_until (n_runs > runs, BUS_TIMEOUT);
  g_assert_cmpuint (find_glass_call (before), ==, 0);

  sam_window_lock (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
on_open_break_glass (SamReminderService *service,
                     guint              *n_opened)
{
  (*n_opened)++;
}

/* Clicked as the core locks: the list opens after the same user unlocks. */
static void
test_break_glass_after_unlock (void)
{
  g_autoptr(SamReminderService) service = service_new (NULL);
  g_autoptr(SamSession) admin = unlock ("admin");
  g_autoptr(SamSession) again = NULL;
  guint before = n_calls ();
  guint n_opened = 0;
  guint glass;

  g_signal_connect (service, "open-break-glass", G_CALLBACK (on_open_break_glass), &n_opened);
  start (service, admin);
  glass = find_glass_call (before);
  g_assert_cmpuint (glass, !=, 0);

  sam_session_lock (admin);
  click (call_at (glass - 1)->id);
  sam_test_wait_until (sam_reminder_service_has_pending (service), BUS_TIMEOUT);
  g_assert_cmpuint (n_opened, ==, 0);
  g_assert_cmpint (sam_reminder_service_get_pending_case (service), ==, 0);
  sam_reminder_service_set_session (service, NULL);

  again = unlock ("admin");
  before = n_calls ();
  start (service, again);
  g_assert_cmpuint (n_opened, ==, 1);
  g_assert_false (sam_reminder_service_has_pending (service));
  /* Shown once in this run: not again. */
  g_assert_cmpuint (find_glass_call (before), ==, 0);
  sam_reminder_service_set_session (service, NULL);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  sam_test_init (&argc, &argv);
  server_start ();
  monitor_start ();
  database = database_new ();
  g_type_class_ref (SAM_TYPE_REMINDER_SERVICE);
  g_signal_add_emission_hook (g_signal_lookup ("run-finished", SAM_TYPE_REMINDER_SERVICE), 0,
                              count_run, NULL, NULL);

  g_test_add_func ("/reminders/notify", test_reminders);
  g_test_add_func ("/reminders/lock-in-flight", test_lock_in_flight);
  g_test_add_func ("/reminders/first-run", test_first_run);
  g_test_add_func ("/reminders/other-users", test_other_users);
  g_test_add_func ("/reminders/lead-times", test_lead_times);
  g_test_add_func ("/reminders/break-glass", test_break_glass);
  g_test_add_func ("/reminders/break-glass-after-unlock", test_break_glass_after_unlock);
  /* Last: it takes the fake server off the bus. */
  g_test_add_func ("/reminders/no-server", test_no_server);

  status = g_test_run ();
  sam_test_database_free (database);
  return status;
}
