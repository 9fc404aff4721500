/* test-lock-monitor.c: SamLockMonitor against a fake screensaver and logind,
 * and the window that it locks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-lock-monitor"

#include "config.h"

#include <adwaita.h>
#include <unistd.h>

#include "sam-lock-monitor-private.h"
#include "sam-lock-monitor.h"
#include "sam-workspace.h"
#include "sam-ui-test-util.h"
#include "sam-unlock-page.h"
#include "sam-window.h"
#include "samverka-core.h"

#define BUS_TIMEOUT    30
#define UNLOCK_TIMEOUT 60

#define LOGIND_NAME          "org.freedesktop.login1"
#define LOGIND_PATH          "/org/freedesktop/login1"
#define LOGIND_MANAGER_IFACE "org.freedesktop.login1.Manager"
#define LOGIND_SESSION_IFACE "org.freedesktop.login1.Session"
#define OUR_SESSION_PATH     "/org/freedesktop/login1/session/_33"
#define OTHER_SESSION_PATH   "/org/freedesktop/login1/session/_34"

/* A signal of the test's own, sent after the signal under test from the
 * same connection. The bus keeps the order, and GDBus dispatches in that
 * order, so once the marker has arrived the signal before it has been
 * handled too: "nothing happened" becomes something a test can assert. */
#define MARKER_IFACE  "se.samverka.Test.Marker"
#define MARKER_PATH   "/se/samverka/Test/Marker"
#define MARKER_SIGNAL "Marker"

static const char logind_xml[] =
  "<node>"
  "  <interface name='" LOGIND_MANAGER_IFACE "'>"
  "    <method name='GetSession'>"
  "      <arg type='s' name='session_id' direction='in'/>"
  "      <arg type='o' name='object_path' direction='out'/>"
  "    </method>"
  "    <method name='GetSessionByPID'>"
  "      <arg type='u' name='pid' direction='in'/>"
  "      <arg type='o' name='object_path' direction='out'/>"
  "    </method>"
  "    <signal name='PrepareForSleep'>"
  "      <arg type='b' name='start'/>"
  "    </signal>"
  "  </interface>"
  "</node>";

typedef struct
{
  /* Plays the screensavers and logind, as other processes would. */
  GDBusConnection *emitter;
  /* The monitor's two buses: both on the test's private bus. */
  GDBusConnection *session_bus;
  GDBusConnection *system_bus;
  GSettings       *settings;
  SamLockMonitor  *monitor;

  GPtrArray       *reasons;
  /* Per lock-requested: microseconds since the last activity the test gave */
  GArray          *idle_at_lock;
  gint64           last_activity;

  guint            marker_subscriptions[2];
  guint            markers_sent;
  guint            markers_seen[2];
  guint            names_acquired;
  guint            owner_ids[3];
  guint            logind_registration;
  guint            get_session_calls;
} Fixture;

static GDBusConnection *
connect_to_test_bus (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  GDBusConnection *connection;

  g_assert_no_error (error);
  connection = g_dbus_connection_new_for_address_sync (address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);

  return connection;
}

static void
on_lock_requested (SamLockMonitor *monitor,
                   const char     *reason,
                   Fixture        *fixture)
{
  gint64 idle = g_get_monotonic_time () - fixture->last_activity;

  g_ptr_array_add (fixture->reasons, g_strdup (reason));
  g_array_append_val (fixture->idle_at_lock, idle);
}

static void
on_marker (GDBusConnection *connection,
           const char      *sender_name,
           const char      *object_path,
           const char      *interface_name,
           const char      *signal_name,
           GVariant        *parameters,
           gpointer         user_data)
{
  guint *seen = user_data;
  guint32 number;

  g_variant_get (parameters, "(u)", &number);
  *seen = MAX (*seen, number);
}

static void
emit (GDBusConnection *from,
      const char      *path,
      const char      *iface,
      const char      *name,
      GVariant        *parameters)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (from, NULL, path, iface, name, parameters, &error);
  g_assert_no_error (error);
}

/* Sends a marker from @from and waits until both of the monitor's
 * connections have seen it. Repeats it while the subscriptions are still
 * being set up. */
static void
flush (Fixture         *fixture,
       GDBusConnection *from)
{
  guint number = ++fixture->markers_sent;
  gint64 deadline = g_get_monotonic_time () + BUS_TIMEOUT * G_USEC_PER_SEC;

  while (fixture->markers_seen[0] < number || fixture->markers_seen[1] < number)
    {
      gint64 resend = g_get_monotonic_time () + 200 * G_TIME_SPAN_MILLISECOND;

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      emit (from, MARKER_PATH, MARKER_IFACE, MARKER_SIGNAL, g_variant_new ("(u)", number));
      while ((fixture->markers_seen[0] < number || fixture->markers_seen[1] < number) &&
             g_get_monotonic_time () < resend)
        sam_test_iterate ();
    }
}

/* Emits a signal that should lock until the monitor reacts: the monitor
 * subscribes asynchronously, and GDBus first learns who owns the name.
 * Afterwards the flush lets the extra copies arrive before the test goes on. */
static void
emit_until_lock (Fixture    *fixture,
                 const char *path,
                 const char *iface,
                 const char *name,
                 GVariant   *parameters)
{
  g_autoptr(GVariant) owned = parameters ? g_variant_ref_sink (parameters) : NULL;
  gint64 deadline = g_get_monotonic_time () + BUS_TIMEOUT * G_USEC_PER_SEC;

  while (fixture->reasons->len == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      emit (fixture->emitter, path, iface, name, owned);
      sam_test_spin (100);
    }

  flush (fixture, fixture->emitter);
}

static void
clear_reasons (Fixture *fixture)
{
  g_ptr_array_set_size (fixture->reasons, 0);
  g_array_set_size (fixture->idle_at_lock, 0);
}

static void
assert_reasons (Fixture    *fixture,
                guint       count,
                const char *reason)
{
  g_assert_cmpuint (fixture->reasons->len, ==, count);
  for (guint i = 0; i < fixture->reasons->len; i++)
    g_assert_cmpstr (g_ptr_array_index (fixture->reasons, i), ==, reason);
}

static void
on_name_acquired (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  guint *acquired = user_data;

  (*acquired)++;
}

static void
on_name_lost (GDBusConnection *connection,
              const char      *name,
              gpointer         user_data)
{
  g_error ("The test lost the bus name %s", name);
}

static void
logind_method_call (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *object_path,
                    const char            *interface_name,
                    const char            *method_name,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  Fixture *fixture = user_data;

  /* Whichever way the monitor asks, this process is in session _33. */
  if (g_str_equal (method_name, "GetSessionByPID"))
    {
      guint32 pid;

      g_variant_get (parameters, "(u)", &pid);
      g_assert_cmpuint (pid, ==, (guint32) getpid ());
    }

  fixture->get_session_calls++;
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", OUR_SESSION_PATH));
}

static const GDBusInterfaceVTable logind_vtable = { logind_method_call, NULL, NULL, { 0 } };

static void
own_fake_services (Fixture *fixture)
{
  static const char * const names[] = {
    "org.freedesktop.ScreenSaver",
    "org.gnome.ScreenSaver",
    LOGIND_NAME,
  };
  g_autoptr(GDBusNodeInfo) node = NULL;
  g_autoptr(GError) error = NULL;

  node = g_dbus_node_info_new_for_xml (logind_xml, &error);
  g_assert_no_error (error);
  fixture->logind_registration =
    g_dbus_connection_register_object (fixture->emitter, LOGIND_PATH, node->interfaces[0],
                                       &logind_vtable, fixture, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    fixture->owner_ids[i] = g_bus_own_name_on_connection (fixture->emitter, names[i],
                                                          G_BUS_NAME_OWNER_FLAGS_NONE,
                                                          on_name_acquired, on_name_lost,
                                                          &fixture->names_acquired, NULL);
  sam_test_wait_until (fixture->names_acquired == G_N_ELEMENTS (names), BUS_TIMEOUT);
}

static void
subscribe_markers (Fixture *fixture)
{
  GDBusConnection *connections[] = { fixture->session_bus, fixture->system_bus };

  for (guint i = 0; i < G_N_ELEMENTS (connections); i++)
    fixture->marker_subscriptions[i] =
      g_dbus_connection_signal_subscribe (connections[i], NULL, MARKER_IFACE, MARKER_SIGNAL,
                                          MARKER_PATH, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                          on_marker, &fixture->markers_seen[i], NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->reasons = g_ptr_array_new_with_free_func (g_free);
  fixture->idle_at_lock = g_array_new (FALSE, FALSE, sizeof (gint64));
  fixture->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (fixture->settings, "auto-lock-minutes");

  fixture->emitter = connect_to_test_bus ();
  fixture->session_bus = connect_to_test_bus ();
  fixture->system_bus = connect_to_test_bus ();
  own_fake_services (fixture);

  fixture->monitor = sam_lock_monitor_new (fixture->settings, fixture->session_bus, fixture->system_bus);
  g_signal_connect (fixture->monitor, "lock-requested", G_CALLBACK (on_lock_requested), fixture);
  subscribe_markers (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->monitor);

  g_dbus_connection_signal_unsubscribe (fixture->session_bus, fixture->marker_subscriptions[0]);
  g_dbus_connection_signal_unsubscribe (fixture->system_bus, fixture->marker_subscriptions[1]);
  for (guint i = 0; i < G_N_ELEMENTS (fixture->owner_ids); i++)
    g_bus_unown_name (fixture->owner_ids[i]);
  g_dbus_connection_unregister_object (fixture->emitter, fixture->logind_registration);

  /* Let queued callbacks run before their connections go. */
  sam_test_spin (50);
  g_clear_object (&fixture->emitter);
  g_clear_object (&fixture->session_bus);
  g_clear_object (&fixture->system_bus);
  g_clear_object (&fixture->settings);
  g_clear_pointer (&fixture->reasons, g_ptr_array_unref);
  g_clear_pointer (&fixture->idle_at_lock, g_array_unref);
}

static void
check_screensaver (Fixture    *fixture,
                   const char *path,
                   const char *iface)
{
  clear_reasons (fixture);
  sam_lock_monitor_set_armed (fixture->monitor, TRUE);

  emit_until_lock (fixture, path, iface, "ActiveChanged", g_variant_new ("(b)", TRUE));
  g_assert_cmpuint (fixture->reasons->len, >=, 1);
  assert_reasons (fixture, fixture->reasons->len, SAM_LOCK_REASON_SCREENSAVER);

  /* The screen coming back locks nothing. */
  clear_reasons (fixture);
  emit (fixture->emitter, path, iface, "ActiveChanged", g_variant_new ("(b)", FALSE));
  flush (fixture, fixture->emitter);
  assert_reasons (fixture, 0, NULL);

  /* Each blanking is one request. */
  emit (fixture->emitter, path, iface, "ActiveChanged", g_variant_new ("(b)", TRUE));
  flush (fixture, fixture->emitter);
  assert_reasons (fixture, 1, SAM_LOCK_REASON_SCREENSAVER);

  /* Nothing to lock, nothing requested. */
  clear_reasons (fixture);
  sam_lock_monitor_set_armed (fixture->monitor, FALSE);
  emit (fixture->emitter, path, iface, "ActiveChanged", g_variant_new ("(b)", TRUE));
  flush (fixture, fixture->emitter);
  assert_reasons (fixture, 0, NULL);
}

static void
test_lock_monitor_screensaver (Fixture       *fixture,
                               gconstpointer  data)
{
  check_screensaver (fixture, "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver");
  check_screensaver (fixture, "/ScreenSaver", "org.freedesktop.ScreenSaver");
  check_screensaver (fixture, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver");
}

static void
test_lock_monitor_screensaver_impostor (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr(GDBusConnection) impostor = connect_to_test_bus ();

  /* Make sure the monitor listens at all. */
  sam_lock_monitor_set_armed (fixture->monitor, TRUE);
  emit_until_lock (fixture, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver",
                   "ActiveChanged", g_variant_new ("(b)", TRUE));
  clear_reasons (fixture);

  /* A program that does not own the screensaver's name is not obeyed, and
   * neither is a malformed signal from the real one. */
  emit (impostor, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver",
        "ActiveChanged", g_variant_new ("(b)", TRUE));
  flush (fixture, impostor);
  emit (fixture->emitter, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver",
        "ActiveChanged", g_variant_new ("(s)", "true"));
  flush (fixture, fixture->emitter);
  assert_reasons (fixture, 0, NULL);
}

static void
test_lock_monitor_logind (Fixture       *fixture,
                          gconstpointer  data)
{
  sam_lock_monitor_set_armed (fixture->monitor, TRUE);

  /* The monitor asks logind which session is its own. */
  sam_test_wait_until (fixture->get_session_calls == 1, BUS_TIMEOUT);

  emit_until_lock (fixture, OUR_SESSION_PATH, LOGIND_SESSION_IFACE, "Lock", NULL);
  assert_reasons (fixture, fixture->reasons->len, SAM_LOCK_REASON_SESSION_LOCK);

  /* Locking another user's session is no business of ours. */
  clear_reasons (fixture);
  emit (fixture->emitter, OTHER_SESSION_PATH, LOGIND_SESSION_IFACE, "Lock", NULL);
  flush (fixture, fixture->emitter);
  assert_reasons (fixture, 0, NULL);

  /* Waking up locks nothing; going to sleep does. */
  emit (fixture->emitter, LOGIND_PATH, LOGIND_MANAGER_IFACE, "PrepareForSleep", g_variant_new ("(b)", FALSE));
  flush (fixture, fixture->emitter);
  assert_reasons (fixture, 0, NULL);
  emit (fixture->emitter, LOGIND_PATH, LOGIND_MANAGER_IFACE, "PrepareForSleep", g_variant_new ("(b)", TRUE));
  flush (fixture, fixture->emitter);
  assert_reasons (fixture, 1, SAM_LOCK_REASON_SLEEP);

  /* Disarmed, neither asks for anything. */
  clear_reasons (fixture);
  sam_lock_monitor_set_armed (fixture->monitor, FALSE);
  emit (fixture->emitter, OUR_SESSION_PATH, LOGIND_SESSION_IFACE, "Lock", NULL);
  emit (fixture->emitter, LOGIND_PATH, LOGIND_MANAGER_IFACE, "PrepareForSleep", g_variant_new ("(b)", TRUE));
  flush (fixture, fixture->emitter);
  assert_reasons (fixture, 0, NULL);
}

static void
activity (Fixture *fixture)
{
  fixture->last_activity = g_get_monotonic_time ();
  sam_lock_monitor_activity (fixture->monitor);
}

static void
test_lock_monitor_idle (Fixture       *fixture,
                        gconstpointer  data)
{
  const guint timeout_ms = 300;
  gint64 until;

  _sam_lock_monitor_set_timeout_ms (fixture->monitor, timeout_ms);

  /* Disarmed, the timer does not run. */
  activity (fixture);
  sam_test_spin (3 * timeout_ms);
  assert_reasons (fixture, 0, NULL);

  /* Armed and left alone, it locks once, and not before the idle time. */
  fixture->last_activity = g_get_monotonic_time ();
  sam_lock_monitor_set_armed (fixture->monitor, TRUE);
  sam_test_wait_until (fixture->reasons->len > 0, BUS_TIMEOUT);
  assert_reasons (fixture, 1, SAM_LOCK_REASON_IDLE);
  g_assert_cmpint (g_array_index (fixture->idle_at_lock, gint64, 0), >=, timeout_ms * 1000);
  sam_test_spin (3 * timeout_ms);
  assert_reasons (fixture, 1, SAM_LOCK_REASON_IDLE);

  /* Input keeps it unlocked: whenever a request comes, it came a full idle
   * time after the last input. Then, left alone, it locks again. */
  clear_reasons (fixture);
  until = g_get_monotonic_time () + 5 * timeout_ms * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < until)
    {
      activity (fixture);
      sam_test_spin (timeout_ms / 6);
    }
  sam_test_wait_until (fixture->reasons->len > 0, BUS_TIMEOUT);
  for (guint i = 0; i < fixture->idle_at_lock->len; i++)
    g_assert_cmpint (g_array_index (fixture->idle_at_lock, gint64, i), >=, timeout_ms * 1000);

  /* Disarming stops a running timer. */
  clear_reasons (fixture);
  activity (fixture);
  sam_lock_monitor_set_armed (fixture->monitor, FALSE);
  sam_test_spin (3 * timeout_ms);
  assert_reasons (fixture, 0, NULL);
}

static void
test_lock_monitor_settings (Fixture       *fixture,
                            gconstpointer  data)
{
  g_assert_cmpuint (sam_lock_monitor_get_idle_minutes (fixture->monitor), ==, 5);

  /* The preference applies at once, without a restart. */
  g_settings_set_uint (fixture->settings, "auto-lock-minutes", 17);
  sam_test_wait_until (sam_lock_monitor_get_idle_minutes (fixture->monitor) == 17, BUS_TIMEOUT);

  g_settings_set_uint (fixture->settings, "auto-lock-minutes", 1);
  sam_test_wait_until (sam_lock_monitor_get_idle_minutes (fixture->monitor) == 1, BUS_TIMEOUT);

  /* Minutes are long: an armed monitor does not lock right away. */
  sam_lock_monitor_set_armed (fixture->monitor, TRUE);
  flush (fixture, fixture->emitter);
  assert_reasons (fixture, 0, NULL);
}

static void
test_lock_monitor_for_user (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  SamLockMonitor *monitor = sam_lock_monitor_new_for_user (settings);

  /* The buses may come or not (CI has no system bus); either way without a
   * warning, which would fail the test. */
  sam_lock_monitor_set_armed (monitor, TRUE);
  sam_test_spin (500);
  g_assert_true (sam_lock_monitor_get_armed (monitor));
  g_assert_finalize_object (monitor);

  /* Dropped before the buses answer: the answers must not touch it. */
  monitor = sam_lock_monitor_new_for_user (NULL);
  g_assert_finalize_object (monitor);
  sam_test_spin (500);
}

/* The window */

#define ANNA_NAME         "anna"
#define ANNA_DISPLAY_NAME "Anna Andersson"
#define ANNA_PASSPHRASE   "anna passphrase 1"
#define ANNA_AGENCY       "Socialtjänsten Ryd"

static GtkWidget *
window_child (SamWindow  *window,
              const char *name)
{
  return sam_test_child (GTK_WIDGET (window), SAM_TYPE_WINDOW, name);
}

static const char *
visible_page (SamWindow *window)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (window_child (window, "stack")));
}

static void
unlock_window (SamWindow *window)
{
  GtkWidget *unlock_page = window_child (window, "unlock_page");

  sam_test_type (unlock_page, SAM_TYPE_UNLOCK_PAGE, "user_row", ANNA_NAME);
  sam_test_type (unlock_page, SAM_TYPE_UNLOCK_PAGE, "passphrase_row", ANNA_PASSPHRASE);
  g_signal_emit_by_name (sam_test_child (unlock_page, SAM_TYPE_UNLOCK_PAGE, "unlock_button"), "clicked");
  sam_test_wait_until (!sam_unlock_page_get_busy (SAM_UNLOCK_PAGE (unlock_page)), UNLOCK_TIMEOUT);
  g_assert_cmpstr (visible_page (window), ==, "session");
}

static void
test_window_screensaver_locks (void)
{
  g_autoptr(SamTestDatabase) db = sam_test_database_new (FALSE);
  g_autoptr(GDBusConnection) screensaver = connect_to_test_bus ();
  gint64 deadline = g_get_monotonic_time () + BUS_TIMEOUT * G_USEC_PER_SEC;
  SamSession *session;
  SamWindow *window;
  guint owner_id;
  guint acquired = 0;

  sam_test_database_add_user (db, ANNA_NAME, ANNA_DISPLAY_NAME, SAM_ROLE_SOCIAL,
                              ANNA_AGENCY, SAM_AGENCY_KIND_SOCIAL_SERVICES,
                              ANNA_PASSPHRASE, NULL);
  owner_id = g_bus_own_name_on_connection (screensaver, "org.gnome.ScreenSaver",
                                           G_BUS_NAME_OWNER_FLAGS_NONE,
                                           on_name_acquired, on_name_lost, &acquired, NULL);
  sam_test_wait_until (acquired == 1, BUS_TIMEOUT);

  window = g_object_new (SAM_TYPE_WINDOW, "database-path", db->path, NULL);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  sam_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (window)), 10);

  unlock_window (window);
  session = sam_window_get_session (window);
  g_object_add_weak_pointer (G_OBJECT (session), (gpointer *) &session);
  g_assert_true (sam_test_shows_text (GTK_WIDGET (window), ANNA_DISPLAY_NAME));

  /* The screen blanks: until the window notices (its bus connection comes
   * up asynchronously), keep saying so. */
  while (sam_window_get_session (window) != NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      emit (screensaver, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver",
            "ActiveChanged", g_variant_new ("(b)", TRUE));
      sam_test_spin (100);
    }

  /* Locked as by hand: the session and the database are closed, and no
   * widget holds Anna's details any more. */
  g_assert_null (session);
  g_assert_cmpstr (visible_page (window), ==, "unlock");
  g_assert_null (sam_workspace_get_session (SAM_WORKSPACE (window_child (window, "workspace"))));
  g_assert_false (sam_test_holds_text (GTK_WIDGET (window), ANNA_DISPLAY_NAME));
  g_assert_false (sam_test_holds_text (GTK_WIDGET (window), ANNA_AGENCY));

  g_bus_unown_name (owner_id);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  sam_test_init (&argc, &argv);

  g_test_add ("/lock-monitor/screensaver", Fixture, NULL,
              fixture_set_up, test_lock_monitor_screensaver, fixture_tear_down);
  g_test_add ("/lock-monitor/screensaver-impostor", Fixture, NULL,
              fixture_set_up, test_lock_monitor_screensaver_impostor, fixture_tear_down);
  g_test_add ("/lock-monitor/logind", Fixture, NULL,
              fixture_set_up, test_lock_monitor_logind, fixture_tear_down);
  g_test_add ("/lock-monitor/idle", Fixture, NULL,
              fixture_set_up, test_lock_monitor_idle, fixture_tear_down);
  g_test_add ("/lock-monitor/settings", Fixture, NULL,
              fixture_set_up, test_lock_monitor_settings, fixture_tear_down);
  g_test_add_func ("/lock-monitor/for-user", test_lock_monitor_for_user);
  g_test_add_func ("/lock-monitor/window-screensaver", test_window_screensaver_locks);

  return g_test_run ();
}
