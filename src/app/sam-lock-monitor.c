/* sam-lock-monitor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-lock-monitor"

#include "config.h"

#include "sam-lock-monitor.h"

#include <unistd.h>

#include "sam-lock-monitor-private.h"

/* Why each trigger locks:
 *
 * - idle: a person who walks away from an unlocked Samverka leaves personal
 *   data on screen for whoever passes. "Idle" means no input in Samverka's
 *   own windows: GNOME's org.gnome.Mutter.IdleMonitor exists on one desktop
 *   only, and time spent in other programs is time nobody looks at the case
 *   either. So working in a mail program for five minutes locks Samverka,
 *   which is the safe side.
 * - screensaver: when the desktop blanks or locks the screen, the person has
 *   left or been away long enough; Samverka must not wait for its own timer.
 *   GNOME sends org.gnome.ScreenSaver.ActiveChanged, KDE and others
 *   org.freedesktop.ScreenSaver.ActiveChanged.
 * - session-lock: logind's Session.Lock is what `loginctl lock-session` and
 *   the desktop's lock screen ask every program of the session to obey.
 * - sleep: a suspended laptop can be carried off and woken elsewhere, and the
 *   monotonic clock the idle timer runs on stops while it sleeps; so lock on
 *   logind's PrepareForSleep(true), before the machine goes down.
 */

#define DEFAULT_IDLE_MINUTES 5
#define MIN_IDLE_MINUTES     1
#define MAX_IDLE_MINUTES     120

#define LOGIND_NAME          "org.freedesktop.login1"
#define LOGIND_PATH          "/org/freedesktop/login1"
#define LOGIND_MANAGER_IFACE "org.freedesktop.login1.Manager"
#define LOGIND_SESSION_IFACE "org.freedesktop.login1.Session"

/* The screensavers whose ActiveChanged (b) we obey. Both the name and the
 * interface are the same string. */
static const char * const screensaver_names[] = {
  "org.freedesktop.ScreenSaver",
  "org.gnome.ScreenSaver",
};

struct _SamLockMonitor
{
  GObject          parent_instance;

  GSettings       *settings;
  GDBusConnection *session_bus;
  GDBusConnection *system_bus;
  GCancellable    *cancellable;

  guint            screensaver_subscriptions[G_N_ELEMENTS (screensaver_names)];
  guint            sleep_subscription;
  guint            session_lock_subscription;

  /* g_get_monotonic_time() of the last input, in µs */
  gint64           last_activity;
  guint            idle_source;
  guint            idle_minutes;
  /* The organisation's bounds on the user's choice (sam-settings.h) */
  guint            min_minutes;
  guint            max_minutes;
  guint            timeout_ms_override;

  guint            armed : 1;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_SESSION_BUS,
  PROP_SYSTEM_BUS,
  PROP_ARMED,
  PROP_IDLE_MINUTES,
  N_PROPS
};

enum {
  LOCK_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (SamLockMonitor, sam_lock_monitor, G_TYPE_OBJECT)

static void
sam_lock_monitor_request_lock (SamLockMonitor *self,
                               const char     *reason)
{
  g_assert (SAM_IS_LOCK_MONITOR (self));

  if (!self->armed)
    return;

  g_debug ("Lock requested: %s", reason);
  g_signal_emit (self, signals [LOCK_REQUESTED], 0, reason);
}

static gint64
sam_lock_monitor_idle_limit_us (SamLockMonitor *self)
{
  g_assert (SAM_IS_LOCK_MONITOR (self));

  if (self->timeout_ms_override > 0)
    return (gint64) self->timeout_ms_override * 1000;

  return (gint64) sam_lock_monitor_get_effective_minutes (self) * 60 * G_USEC_PER_SEC;
}

static gboolean sam_lock_monitor_idle_timeout (gpointer user_data);

static void
sam_lock_monitor_schedule_idle_check (SamLockMonitor *self,
                                      gint64          delay_us)
{
  guint delay_ms;

  g_assert (SAM_IS_LOCK_MONITOR (self));

  g_clear_handle_id (&self->idle_source, g_source_remove);

  /* Round up: a check that comes early only schedules another one. */
  delay_ms = (guint) ((MAX (delay_us, 0) + 999) / 1000);

  /* Minute-long timers need no millisecond precision; whole seconds let
   * GLib batch the wake-up with others. */
  if (delay_ms >= 10 * 1000)
    self->idle_source = g_timeout_add_seconds ((delay_ms + 999) / 1000,
                                               sam_lock_monitor_idle_timeout,
                                               self);
  else
    self->idle_source = g_timeout_add (delay_ms, sam_lock_monitor_idle_timeout, self);
}

/* Input only records the time, since motion events come by the hundred. The
 * timer looks at that time when it fires and sleeps on if there was input. */
static gboolean
sam_lock_monitor_idle_timeout (gpointer user_data)
{
  SamLockMonitor *self = user_data;
  gint64 idle_us;
  gint64 limit_us;

  g_assert (SAM_IS_LOCK_MONITOR (self));

  self->idle_source = 0;
  idle_us = g_get_monotonic_time () - self->last_activity;
  limit_us = sam_lock_monitor_idle_limit_us (self);

  if (idle_us < limit_us)
    sam_lock_monitor_schedule_idle_check (self, limit_us - idle_us);
  else
    sam_lock_monitor_request_lock (self, SAM_LOCK_REASON_IDLE);

  return G_SOURCE_REMOVE;
}

/* After a change of the idle time: the new limit counts from the last input,
 * so a shorter limit that has already passed locks at once. */
static void
sam_lock_monitor_reschedule (SamLockMonitor *self)
{
  gint64 idle_us;

  g_assert (SAM_IS_LOCK_MONITOR (self));

  if (!self->armed)
    return;

  idle_us = g_get_monotonic_time () - self->last_activity;
  sam_lock_monitor_schedule_idle_check (self, sam_lock_monitor_idle_limit_us (self) - idle_us);
}

static gboolean
sam_lock_monitor_signal_is_true (GVariant *parameters)
{
  gboolean value = FALSE;

  /* Anyone on the bus may send anything; ignore what is not a (b). */
  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return FALSE;

  g_variant_get (parameters, "(b)", &value);

  return value;
}

static void
on_screensaver_active_changed (GDBusConnection *connection,
                               const char      *sender_name,
                               const char      *object_path,
                               const char      *interface_name,
                               const char      *signal_name,
                               GVariant        *parameters,
                               gpointer         user_data)
{
  SamLockMonitor *self = user_data;

  g_assert (SAM_IS_LOCK_MONITOR (self));

  /* ActiveChanged (false) is the screen coming back: nothing to do. */
  if (sam_lock_monitor_signal_is_true (parameters))
    sam_lock_monitor_request_lock (self, SAM_LOCK_REASON_SCREENSAVER);
}

static void
on_logind_prepare_for_sleep (GDBusConnection *connection,
                             const char      *sender_name,
                             const char      *object_path,
                             const char      *interface_name,
                             const char      *signal_name,
                             GVariant        *parameters,
                             gpointer         user_data)
{
  SamLockMonitor *self = user_data;

  g_assert (SAM_IS_LOCK_MONITOR (self));

  /* PrepareForSleep (false) comes after waking up, too late to matter. */
  if (sam_lock_monitor_signal_is_true (parameters))
    sam_lock_monitor_request_lock (self, SAM_LOCK_REASON_SLEEP);
}

static void
on_logind_session_lock (GDBusConnection *connection,
                        const char      *sender_name,
                        const char      *object_path,
                        const char      *interface_name,
                        const char      *signal_name,
                        GVariant        *parameters,
                        gpointer         user_data)
{
  SamLockMonitor *self = user_data;

  g_assert (SAM_IS_LOCK_MONITOR (self));

  sam_lock_monitor_request_lock (self, SAM_LOCK_REASON_SESSION_LOCK);
}

static void
sam_lock_monitor_watch_session_bus (SamLockMonitor  *self,
                                    GDBusConnection *bus)
{
  g_assert (SAM_IS_LOCK_MONITOR (self));
  g_assert (G_IS_DBUS_CONNECTION (bus));
  g_assert (self->session_bus == NULL);

  self->session_bus = g_object_ref (bus);

  /* No object path: GNOME uses /org/gnome/ScreenSaver, KDE both
   * /ScreenSaver and /org/freedesktop/ScreenSaver. The sender is the
   * well-known name, so another program cannot lock us by pretending. */
  for (guint i = 0; i < G_N_ELEMENTS (screensaver_names); i++)
    self->screensaver_subscriptions[i] =
      g_dbus_connection_signal_subscribe (bus,
                                          screensaver_names[i],
                                          screensaver_names[i],
                                          "ActiveChanged",
                                          NULL,
                                          NULL,
                                          G_DBUS_SIGNAL_FLAGS_NONE,
                                          on_screensaver_active_changed,
                                          self,
                                          NULL);
}

static void
on_logind_session_found (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GDBusConnection *bus = G_DBUS_CONNECTION (object);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  SamLockMonitor *self;
  const char *session_path;

  reply = g_dbus_connection_call_finish (bus, result, &error);

  /* Cancelled means the monitor is gone: do not touch it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = SAM_LOCK_MONITOR (user_data);

  /* No logind (containers, CI, other init systems): the other triggers
   * still work, so this is no reason to warn. */
  if (reply == NULL)
    {
      g_debug ("No logind session to watch: %s", error->message);
      return;
    }

  g_variant_get (reply, "(&o)", &session_path);
  g_debug ("Watching the logind session %s", session_path);

  self->session_lock_subscription =
    g_dbus_connection_signal_subscribe (bus,
                                        LOGIND_NAME,
                                        LOGIND_SESSION_IFACE,
                                        "Lock",
                                        session_path,
                                        NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_logind_session_lock,
                                        self,
                                        NULL);
}

/* Session.Lock goes to one session's object; ask logind which is ours. */
static void
sam_lock_monitor_find_logind_session (SamLockMonitor *self)
{
  const char *session_id = g_getenv ("XDG_SESSION_ID");
  const char *method;
  GVariant *parameters;

  g_assert (SAM_IS_LOCK_MONITOR (self));

  if (session_id != NULL && *session_id != '\0')
    {
      method = "GetSession";
      parameters = g_variant_new ("(s)", session_id);
    }
  else
    {
      method = "GetSessionByPID";
      parameters = g_variant_new ("(u)", (guint32) getpid ());
    }

  g_dbus_connection_call (self->system_bus,
                          LOGIND_NAME,
                          LOGIND_PATH,
                          LOGIND_MANAGER_IFACE,
                          method,
                          parameters,
                          G_VARIANT_TYPE ("(o)"),
                          G_DBUS_CALL_FLAGS_NONE,
                          -1,
                          self->cancellable,
                          on_logind_session_found,
                          self);
}

static void
sam_lock_monitor_watch_system_bus (SamLockMonitor  *self,
                                   GDBusConnection *bus)
{
  g_assert (SAM_IS_LOCK_MONITOR (self));
  g_assert (G_IS_DBUS_CONNECTION (bus));
  g_assert (self->system_bus == NULL);

  self->system_bus = g_object_ref (bus);

  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (bus,
                                        LOGIND_NAME,
                                        LOGIND_MANAGER_IFACE,
                                        "PrepareForSleep",
                                        LOGIND_PATH,
                                        NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_logind_prepare_for_sleep,
                                        self,
                                        NULL);

  sam_lock_monitor_find_logind_session (self);
}

/* Returns the bus, or %NULL when there is none or the monitor is gone
 * (then *self_out stays %NULL too). */
static GDBusConnection *
sam_lock_monitor_finish_bus_get (GAsyncResult    *result,
                                 gpointer         user_data,
                                 SamLockMonitor **self_out)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;

  *self_out = NULL;
  bus = g_bus_get_finish (result, &error);

  /* Cancelled means the monitor is gone: do not touch it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;

  *self_out = SAM_LOCK_MONITOR (user_data);

  /* No session or system bus (CI, containers): the idle timer still works,
   * so this is no reason to warn. */
  if (bus == NULL)
    g_debug ("A bus to watch for locks is missing: %s", error->message);

  return g_steal_pointer (&bus);
}

static void
on_session_bus_ready (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GDBusConnection) bus = NULL;
  SamLockMonitor *self;

  bus = sam_lock_monitor_finish_bus_get (result, user_data, &self);
  if (bus != NULL)
    sam_lock_monitor_watch_session_bus (self, bus);
}

static void
on_system_bus_ready (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GDBusConnection) bus = NULL;
  SamLockMonitor *self;

  bus = sam_lock_monitor_finish_bus_get (result, user_data, &self);
  if (bus != NULL)
    sam_lock_monitor_watch_system_bus (self, bus);
}

static void
sam_lock_monitor_unsubscribe (GDBusConnection *bus,
                              guint           *subscription)
{
  if (*subscription != 0)
    g_dbus_connection_signal_unsubscribe (bus, *subscription);
  *subscription = 0;
}

static void
sam_lock_monitor_constructed (GObject *object)
{
  SamLockMonitor *self = (SamLockMonitor *)object;
  g_autoptr(GDBusConnection) session_bus = g_steal_pointer (&self->session_bus);
  g_autoptr(GDBusConnection) system_bus = g_steal_pointer (&self->system_bus);

  G_OBJECT_CLASS (sam_lock_monitor_parent_class)->constructed (object);

  /* Applies changes at once: the property's setter reschedules the timer. */
  if (self->settings != NULL)
    g_settings_bind (self->settings, "auto-lock-minutes",
                     self, "idle-minutes",
                     G_SETTINGS_BIND_GET);

  if (session_bus != NULL)
    sam_lock_monitor_watch_session_bus (self, session_bus);
  if (system_bus != NULL)
    sam_lock_monitor_watch_system_bus (self, system_bus);
}

static void
sam_lock_monitor_dispose (GObject *object)
{
  SamLockMonitor *self = (SamLockMonitor *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->idle_source, g_source_remove);

  if (self->session_bus != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (self->screensaver_subscriptions); i++)
        sam_lock_monitor_unsubscribe (self->session_bus, &self->screensaver_subscriptions[i]);
    }

  if (self->system_bus != NULL)
    {
      sam_lock_monitor_unsubscribe (self->system_bus, &self->sleep_subscription);
      sam_lock_monitor_unsubscribe (self->system_bus, &self->session_lock_subscription);
    }

  if (self->settings != NULL)
    g_settings_unbind (self, "idle-minutes");

  g_clear_object (&self->session_bus);
  g_clear_object (&self->system_bus);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sam_lock_monitor_parent_class)->dispose (object);
}

static void
sam_lock_monitor_finalize (GObject *object)
{
  SamLockMonitor *self = (SamLockMonitor *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sam_lock_monitor_parent_class)->finalize (object);
}

static void
sam_lock_monitor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SamLockMonitor *self = SAM_LOCK_MONITOR (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_SESSION_BUS:
      g_value_set_object (value, self->session_bus);
      break;

    case PROP_SYSTEM_BUS:
      g_value_set_object (value, self->system_bus);
      break;

    case PROP_ARMED:
      g_value_set_boolean (value, self->armed);
      break;

    case PROP_IDLE_MINUTES:
      g_value_set_uint (value, self->idle_minutes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_lock_monitor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SamLockMonitor *self = SAM_LOCK_MONITOR (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    /* Kept until constructed() starts watching them. */
    case PROP_SESSION_BUS:
      self->session_bus = g_value_dup_object (value);
      break;

    case PROP_SYSTEM_BUS:
      self->system_bus = g_value_dup_object (value);
      break;

    case PROP_ARMED:
      sam_lock_monitor_set_armed (self, g_value_get_boolean (value));
      break;

    case PROP_IDLE_MINUTES:
      sam_lock_monitor_set_idle_minutes (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_lock_monitor_class_init (SamLockMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sam_lock_monitor_constructed;
  object_class->dispose = sam_lock_monitor_dispose;
  object_class->finalize = sam_lock_monitor_finalize;
  object_class->get_property = sam_lock_monitor_get_property;
  object_class->set_property = sam_lock_monitor_set_property;

  /**
   * SamLockMonitor:settings:
   *
   * The settings whose `auto-lock-minutes` the idle time follows, or %NULL
   * to keep #SamLockMonitor:idle-minutes as it is set.
   */
  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * SamLockMonitor:session-bus:
   *
   * The session bus, where the screensavers announce themselves; %NULL
   * to not watch any.
   */
  properties [PROP_SESSION_BUS] =
    g_param_spec_object ("session-bus", NULL, NULL,
                         G_TYPE_DBUS_CONNECTION,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * SamLockMonitor:system-bus:
   *
   * The system bus, where logind sends Lock and PrepareForSleep; %NULL
   * to not watch it.
   */
  properties [PROP_SYSTEM_BUS] =
    g_param_spec_object ("system-bus", NULL, NULL,
                         G_TYPE_DBUS_CONNECTION,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * SamLockMonitor:armed:
   *
   * Whether there is anything to lock. Only an armed monitor runs its idle
   * timer and emits #SamLockMonitor::lock-requested.
   */
  properties [PROP_ARMED] =
    g_param_spec_boolean ("armed", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * SamLockMonitor:idle-minutes:
   *
   * How many minutes without input lock.
   */
  properties [PROP_IDLE_MINUTES] =
    g_param_spec_uint ("idle-minutes", NULL, NULL,
                       MIN_IDLE_MINUTES, MAX_IDLE_MINUTES, DEFAULT_IDLE_MINUTES,
                       (G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SamLockMonitor::lock-requested:
   * @self: a #SamLockMonitor
   * @reason: why: %SAM_LOCK_REASON_IDLE, %SAM_LOCK_REASON_SCREENSAVER,
   *   %SAM_LOCK_REASON_SESSION_LOCK or %SAM_LOCK_REASON_SLEEP
   *
   * The database should lock now. Emitted only while armed.
   */
  signals [LOCK_REQUESTED] =
    g_signal_new ("lock-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
sam_lock_monitor_init (SamLockMonitor *self)
{
  self->cancellable = g_cancellable_new ();
  self->idle_minutes = DEFAULT_IDLE_MINUTES;
  self->min_minutes = MIN_IDLE_MINUTES;
  self->max_minutes = G_MAXUINT;
  self->last_activity = g_get_monotonic_time ();
}

/**
 * sam_lock_monitor_new:
 * @settings: (nullable): the settings with `auto-lock-minutes`
 * @session_bus: (nullable): where to watch the screensavers
 * @system_bus: (nullable): where to watch logind
 *
 * Creates a disarmed monitor on the given connections. Tests pass private
 * ones here; the app uses sam_lock_monitor_new_for_user().
 *
 * Returns: (transfer full): a new #SamLockMonitor
 */
SamLockMonitor *
sam_lock_monitor_new (GSettings       *settings,
                      GDBusConnection *session_bus,
                      GDBusConnection *system_bus)
{
  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (!session_bus || G_IS_DBUS_CONNECTION (session_bus), NULL);
  g_return_val_if_fail (!system_bus || G_IS_DBUS_CONNECTION (system_bus), NULL);

  return g_object_new (SAM_TYPE_LOCK_MONITOR,
                       "settings", settings,
                       "session-bus", session_bus,
                       "system-bus", system_bus,
                       NULL);
}

/**
 * sam_lock_monitor_new_for_user:
 * @settings: (nullable): the settings with `auto-lock-minutes`
 *
 * Creates a disarmed monitor that connects to the user's session bus and
 * the system bus by itself, without blocking. A missing bus or logind only
 * leaves those triggers out.
 *
 * Returns: (transfer full): a new #SamLockMonitor
 */
SamLockMonitor *
sam_lock_monitor_new_for_user (GSettings *settings)
{
  SamLockMonitor *self;

  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);

  self = sam_lock_monitor_new (settings, NULL, NULL);
  g_bus_get (G_BUS_TYPE_SESSION, self->cancellable, on_session_bus_ready, self);
  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, on_system_bus_ready, self);

  return self;
}

/**
 * sam_lock_monitor_activity:
 * @self: a #SamLockMonitor
 *
 * Tells the monitor that the person just used Samverka, which restarts the
 * idle time. Cheap enough to call for every input event.
 */
void
sam_lock_monitor_activity (SamLockMonitor *self)
{
  g_return_if_fail (SAM_IS_LOCK_MONITOR (self));

  self->last_activity = g_get_monotonic_time ();

  /* After an idle lock request the timer is gone; input starts it again. */
  if (self->armed && self->idle_source == 0)
    sam_lock_monitor_schedule_idle_check (self, sam_lock_monitor_idle_limit_us (self));
}

/**
 * sam_lock_monitor_get_armed:
 * @self: a #SamLockMonitor
 *
 * Returns: whether the monitor may request a lock
 */
gboolean
sam_lock_monitor_get_armed (SamLockMonitor *self)
{
  g_return_val_if_fail (SAM_IS_LOCK_MONITOR (self), FALSE);

  return self->armed;
}

/**
 * sam_lock_monitor_set_armed:
 * @self: a #SamLockMonitor
 * @armed: whether a database is unlocked
 *
 * Arm the monitor when a database is unlocked and disarm it when it locks.
 * Arming starts the idle time afresh; a disarmed monitor runs no timer.
 */
void
sam_lock_monitor_set_armed (SamLockMonitor *self,
                            gboolean        armed)
{
  g_return_if_fail (SAM_IS_LOCK_MONITOR (self));

  armed = !!armed;
  if (self->armed == armed)
    return;

  self->armed = armed;

  if (armed)
    {
      self->last_activity = g_get_monotonic_time ();
      sam_lock_monitor_schedule_idle_check (self, sam_lock_monitor_idle_limit_us (self));
    }
  else
    {
      g_clear_handle_id (&self->idle_source, g_source_remove);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ARMED]);
}

/**
 * sam_lock_monitor_get_idle_minutes:
 * @self: a #SamLockMonitor
 *
 * Returns: the idle time the user chose, in minutes; see
 *   sam_lock_monitor_get_effective_minutes() for the one the monitor counts
 */
guint
sam_lock_monitor_get_idle_minutes (SamLockMonitor *self)
{
  g_return_val_if_fail (SAM_IS_LOCK_MONITOR (self), 0);

  return self->idle_minutes;
}

/**
 * sam_lock_monitor_set_idle_minutes:
 * @self: a #SamLockMonitor
 * @idle_minutes: minutes, 1 to 120
 *
 * Sets the idle time. It counts from the last input, so a shorter time that
 * has already passed requests a lock at once. Bound to `auto-lock-minutes`
 * when the monitor has settings.
 */
void
sam_lock_monitor_set_idle_minutes (SamLockMonitor *self,
                                   guint           idle_minutes)
{
  g_return_if_fail (SAM_IS_LOCK_MONITOR (self));
  g_return_if_fail (idle_minutes >= MIN_IDLE_MINUTES && idle_minutes <= MAX_IDLE_MINUTES);

  if (self->idle_minutes == idle_minutes)
    return;

  self->idle_minutes = idle_minutes;
  sam_lock_monitor_reschedule (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_IDLE_MINUTES]);
}

void
_sam_lock_monitor_set_timeout_ms (SamLockMonitor *self,
                                  guint           timeout_ms)
{
  g_return_if_fail (SAM_IS_LOCK_MONITOR (self));

  self->timeout_ms_override = timeout_ms;
  sam_lock_monitor_reschedule (self);
}

/**
 * sam_lock_monitor_set_bounds:
 * @self: a #SamLockMonitor
 * @min_minutes: the shortest idle time the organisation allows, from 1
 * @max_minutes: the longest, from @min_minutes
 *
 * Sets the organisation's bounds on the idle time (the settings
 * `auto-lock-min-minutes` and `auto-lock-max-minutes` of sam-settings.h).
 * A user's #SamLockMonitor:idle-minutes outside them is not changed, only
 * brought inside them when the monitor counts.
 */
void
sam_lock_monitor_set_bounds (SamLockMonitor *self,
                             guint           min_minutes,
                             guint           max_minutes)
{
  g_return_if_fail (SAM_IS_LOCK_MONITOR (self));
  g_return_if_fail (min_minutes >= 1 && min_minutes <= max_minutes);

  if (self->min_minutes == min_minutes && self->max_minutes == max_minutes)
    return;

  self->min_minutes = min_minutes;
  self->max_minutes = max_minutes;
  sam_lock_monitor_reschedule (self);
}

/**
 * sam_lock_monitor_get_effective_minutes:
 * @self: a #SamLockMonitor
 *
 * Returns: the minutes without input after which the monitor requests a
 *   lock: #SamLockMonitor:idle-minutes brought within the bounds
 */
guint
sam_lock_monitor_get_effective_minutes (SamLockMonitor *self)
{
  g_return_val_if_fail (SAM_IS_LOCK_MONITOR (self), 0);

  return CLAMP (self->idle_minutes, self->min_minutes, self->max_minutes);
}
