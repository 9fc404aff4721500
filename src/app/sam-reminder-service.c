/* sam-reminder-service.c: reminders through libnotify while unlocked
 *
 * While the window holds an unlocked session, the service asks the core's
 * SamReminderPlanner what is due, at unlock and then every
 * %SAM_REMINDER_INTERVAL_SECONDS seconds, and
 * shows each reminder it has not shown before as a desktop notification
 * (DESIGN §7). The planner's texts carry no name and no case text, only a
 * case number, a date and a count: notification servers keep history on
 * disk and show it on the lock screen.
 *
 * Shown once: the service remembers the keys it has shown, per user, for
 * as long as it lives (the app's run). A lock clears the session, the
 * timer and every open notification but not those keys, so that the idle
 * lock does not repeat every overdue action at each unlock. They are not
 * kept across a restart: the keys hold case ids and dates, and nothing
 * about cases is written outside the encrypted database. The next run of
 * the app therefore reminds once more of what is still due.
 *
 * Nothing while locked: with no session, or with a session the core has
 * locked, a run does nothing, and locking closes every notification still
 * on screen.
 *
 * Clicking a notification (its default action) emits ::open-case with the
 * case's id, ::open-inbox for the inbox reminder, ::open-due for the count
 * of many reminders, or ::open-break-glass for an administrator's reminder
 * of emergency access. Once such a reminder is
 * on screen, the planner is told (sam_reminder_planner_mark_shown()), so
 * that the next one counts only later emergency access. Locking through
 * sam_reminder_service_set_session() closes every notification and drops
 * its action, so nothing from before can be clicked after it. A click can
 * still come in while the service holds a session the core has already
 * locked (the core locks first, then the window hands over %NULL): it is
 * kept as the pending case and emitted when the same user unlocks again,
 * after the window's unlock page. Another user's unlock drops it.
 *
 * Never on the UI thread. The planner's database work runs in a worker
 * (sam_reminder_planner_plan_async()), which holds the session only weakly,
 * so that locking frees it at once; the notifications are decided and
 * shown here, on the UI thread, when its result arrives. A newer run
 * cancels an older one, and a result arriving after a lock, a stop or
 * the service's end is dropped.
 *
 * Few notifications. The planner reads at most %SAM_REMINDER_DUE_LIMIT
 * meetings, actions and follow-ups. When more than
 * %SAM_REMINDER_INDIVIDUAL_MAX reminders about cases are new at once, the
 * service shows one notification with their count instead, which opens
 * the Due page; it holds no case number, no name, no case text. The inbox
 * and emergency access are one reminder each and are shown as they are.
 *
 * No server, no hang. libnotify talks to the server synchronously, and
 * with no server D-Bus may wait up to 25 seconds for each notification.
 * So the service watches org.freedesktop.Notifications on the session bus
 * (g_bus_watch_name(), asynchronous) and calls libnotify only while the
 * name has an owner. Without one, the reminders planned wait: they count
 * as not shown (sam_reminder_service_get_n_waiting()), and a run starts
 * when a server appears. A run that finishes before the watch has first
 * answered (at the app's start) is held until it does, not planned
 * twice. If showing fails all the same, the rest of that run waits too,
 * until the next run: a server that owns the name but does not answer
 * costs one timeout a run, not one per reminder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-reminder-service"

#include "config.h"

#include "sam-reminder-service.h"

#include <glib/gi18n.h>
#include <libnotify/notify.h>

#define NOTIFICATIONS_NAME "org.freedesktop.Notifications"

/* The key of the one notification that counts many reminders. */
#define SUMMARY_KEY "due-summary"

/* Where a click leads. */
typedef enum
{
  TARGET_CASE,
  TARGET_INBOX,
  TARGET_BREAK_GLASS,
  TARGET_DUE,
} Target;

/* What a notification's default action needs when it is clicked. */
typedef struct
{
  SamReminderService *service;
  Target              target;
  gint64              case_id;
  gint64              user_id;
} Click;

struct _SamReminderService
{
  GObject             parent_instance;

  GSettings          *settings;
  SamReminderPlanner *planner;
  SamSession         *session;
  guint               timeout_id;

  /* user id → set of reminder keys already shown to that user */
  GHashTable         *shown_by_user;
  /* reminder key → NotifyNotification still on screen */
  GHashTable         *open;
  guint               n_shown;
  guint               n_waiting;

  /* The run in flight, or NULL */
  GCancellable       *cancellable;

  guint               watch_id;
  gboolean            has_server;
  /* Whether the watch has answered yet; until it has, a run's result is
   * held here rather than planned again when it answers. */
  gboolean            server_known;
  GPtrArray          *held;
  gboolean            held_truncated;

  gboolean            pending;
  Target              pending_target;
  gint64              pending_case;
  gint64              pending_user;
};

G_DEFINE_FINAL_TYPE (SamReminderService, sam_reminder_service, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_OPEN_CASE,
  SIGNAL_OPEN_INBOX,
  SIGNAL_OPEN_BREAK_GLASS,
  SIGNAL_OPEN_DUE,
  SIGNAL_RUN_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
sam_reminder_service_is_unlocked (SamReminderService *self)
{
  return self->session != NULL && !sam_session_is_locked (self->session);
}

static void
sam_reminder_service_open (SamReminderService *self,
                           Target              target,
                           gint64              case_id)
{
  switch (target)
    {
    case TARGET_BREAK_GLASS:
      g_signal_emit (self, signals[SIGNAL_OPEN_BREAK_GLASS], 0);
      break;
    case TARGET_INBOX:
      g_signal_emit (self, signals[SIGNAL_OPEN_INBOX], 0);
      break;
    case TARGET_DUE:
      g_signal_emit (self, signals[SIGNAL_OPEN_DUE], 0);
      break;
    case TARGET_CASE:
    default:
      g_signal_emit (self, signals[SIGNAL_OPEN_CASE], 0, case_id);
      break;
    }
}

static void
on_default_action (NotifyNotification *notification,
                   char               *action,
                   gpointer            user_data)
{
  Click *click = user_data;
  SamReminderService *self = click->service;

  if (sam_reminder_service_is_unlocked (self) &&
      sam_session_get_user_id (self->session) == click->user_id)
    {
      sam_reminder_service_open (self, click->target, click->case_id);
      return;
    }

  /* Locked: the unlock page comes first, the case after it. */
  g_debug ("A reminder was clicked while locked; its case opens after unlock");
  self->pending = TRUE;
  self->pending_target = click->target;
  self->pending_case = click->case_id;
  self->pending_user = click->user_id;
}

static void
on_notification_closed (NotifyNotification *notification,
                        SamReminderService *self)
{
  const char *key = g_object_get_data (G_OBJECT (notification), "sam-reminder-key");

  if (key != NULL && g_hash_table_lookup (self->open, key) == notification)
    g_hash_table_remove (self->open, key);
}

static void
sam_reminder_service_forget_notification (gpointer data)
{
  NotifyNotification *notification = data;

  g_signal_handlers_disconnect_matched (notification, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                        on_notification_closed, NULL);
  notify_notification_clear_actions (notification);
  g_object_unref (notification);
}

static Target
target_of (const SamReminder *reminder)
{
  if (reminder->kind == SAM_REMINDER_BREAK_GLASS)
    return TARGET_BREAK_GLASS;

  return reminder->case_id != 0 ? TARGET_CASE : TARGET_INBOX;
}

static const char *
action_label (Target target)
{
  switch (target)
    {
    case TARGET_BREAK_GLASS:
      return _("Open Audit Log");
    case TARGET_INBOX:
      return _("Open Inbox");
    case TARGET_DUE:
      return _("Open Due");
    case TARGET_CASE:
    default:
      return _("Open Case");
    }
}

static NotifyNotification *
sam_reminder_service_build (SamReminderService *self,
                            const char         *key,
                            const char         *summary,
                            const char         *body,
                            Target              target,
                            gint64              case_id)
{
  NotifyNotification *notification;
  Click *click = g_new0 (Click, 1);

  notification = notify_notification_new (summary, body, APPLICATION_ID);
  notify_notification_set_app_name (notification, _("Samverka"));
  notify_notification_set_hint_string (notification, "desktop-entry", APPLICATION_ID);
  notify_notification_set_category (notification, "x-samverka.reminder");

  click->service = self;
  click->target = target;
  click->case_id = case_id;
  click->user_id = sam_session_get_user_id (self->session);
  notify_notification_add_action (notification, "default", action_label (target),
                                  on_default_action, click, g_free);

  g_object_set_data_full (G_OBJECT (notification), "sam-reminder-key", g_strdup (key), g_free);
  g_signal_connect (notification, "closed", G_CALLBACK (on_notification_closed), self);

  return notification;
}

static GHashTable *
sam_reminder_service_shown_keys (SamReminderService *self)
{
  gint64 user_id = sam_session_get_user_id (self->session);
  GHashTable *keys = g_hash_table_lookup (self->shown_by_user, &user_id);

  if (keys == NULL)
    {
      keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (self->shown_by_user, g_memdup2 (&user_id, sizeof user_id), keys);
    }

  return keys;
}

/* Shows @notification, kept under @key, unless there is no server. */
static gboolean
sam_reminder_service_notify (SamReminderService *self,
                             const char         *key,
                             NotifyNotification *notification)
{
  g_autoptr(GError) error = NULL;

  gboolean reused = g_hash_table_lookup (self->open, key) == notification;

  if (!notify_notification_show (notification, &error))
    {
      /* The server went away, or it refused: what is left waits. */
      g_debug ("Could not show a reminder: %s", error->message);
      if (reused)
        g_hash_table_remove (self->open, key);
      else
        sam_reminder_service_forget_notification (notification);
      return FALSE;
    }

  if (!reused)
    g_hash_table_replace (self->open, g_strdup (key), notification);
  self->n_shown++;
  return TRUE;
}

static gboolean
sam_reminder_service_show (SamReminderService *self,
                           const SamReminder  *reminder,
                           GHashTable         *shown)
{
  NotifyNotification *notification;

  notification = sam_reminder_service_build (self, reminder->id, reminder->summary,
                                             reminder->body, target_of (reminder),
                                             reminder->case_id);
  if (!sam_reminder_service_notify (self, reminder->id, notification))
    return FALSE;

  g_hash_table_add (shown, g_strdup (reminder->id));
  sam_reminder_planner_mark_shown (self->planner, self->session, reminder);
  return TRUE;
}

/* One notification for @reminders, all about cases: how many, no more.
 * It replaces the one of an earlier run if that is still on screen. */
static gboolean
sam_reminder_service_show_summary (SamReminderService *self,
                                   GPtrArray          *reminders,
                                   gboolean            truncated,
                                   GHashTable         *shown)
{
  NotifyNotification *notification;
  g_autofree char *summary = NULL;
  guint n = reminders->len;

  if (truncated)
    /* Translators: %u is how many reminders were read; there are more */
    summary = g_strdup_printf (ngettext ("More than %u reminder about your cases",
                                         "More than %u reminders about your cases", n),
                               n);
  else
    /* Translators: %u is how many meetings, actions, follow-ups and
     * consents are new */
    summary = g_strdup_printf (ngettext ("%u reminder about your cases",
                                         "%u reminders about your cases", n),
                               n);

  notification = g_hash_table_lookup (self->open, SUMMARY_KEY);
  if (notification == NULL)
    notification = sam_reminder_service_build (self, SUMMARY_KEY, summary, NULL, TARGET_DUE, 0);
  notify_notification_update (notification, summary,
                              _("Meetings, plan actions, follow-ups or consents are due. "
                                "Open Due to see them."),
                              APPLICATION_ID);
  if (!sam_reminder_service_notify (self, SUMMARY_KEY, notification))
    return FALSE;

  for (guint i = 0; i < reminders->len; i++)
    {
      SamReminder *reminder = g_ptr_array_index (reminders, i);

      g_hash_table_add (shown, g_strdup (reminder->id));
      sam_reminder_planner_mark_shown (self->planner, self->session, reminder);
    }

  return TRUE;
}

/* Decides, on the UI thread, what of a run's @reminders to show: those not
 * shown before; those about cases one by one up to
 * %SAM_REMINDER_INDIVIDUAL_MAX, else as one count. Without a server none,
 * and they wait. */
static void
sam_reminder_service_show_all (SamReminderService *self,
                               GPtrArray          *reminders,
                               gboolean            truncated)
{
  GHashTable *shown = sam_reminder_service_shown_keys (self);
  g_autoptr(GPtrArray) about_cases = g_ptr_array_new ();
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  guint n_new = 0;

  for (guint i = 0; i < reminders->len; i++)
    {
      SamReminder *reminder = g_ptr_array_index (reminders, i);

      if (g_hash_table_contains (shown, reminder->id))
        continue;
      g_ptr_array_add (target_of (reminder) == TARGET_CASE ? about_cases : others, reminder);
      n_new++;
    }

  self->n_waiting = n_new;
  if (!self->has_server || n_new == 0)
    return;

  if (about_cases->len > SAM_REMINDER_INDIVIDUAL_MAX)
    {
      if (!sam_reminder_service_show_summary (self, about_cases, truncated, shown))
        return;
      self->n_waiting -= about_cases->len;
    }
  else
    g_ptr_array_extend_and_steal (others, g_steal_pointer (&about_cases));

  for (guint i = 0; i < others->len; i++)
    {
      if (!sam_reminder_service_show (self, g_ptr_array_index (others, i), shown))
        return;
      self->n_waiting--;
    }
}

/* The user's own choice of @key if they made one, else the organisation's
 * default, which the planner reads in its worker. */
static guint
sam_reminder_service_lead_time (SamReminderService *self,
                                const char         *key)
{
  g_autoptr(GVariant) value = NULL;

  if (self->settings == NULL ||
      (value = g_settings_get_user_value (self->settings, key)) == NULL)
    return SAM_REMINDER_LEAD_DEFAULT;

  return g_variant_get_uint32 (value);
}

static void
sam_reminder_service_stop_run (SamReminderService *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static void
on_planned (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(SamReminderService) self = g_weak_ref_get (ref);
  g_autoptr(GPtrArray) reminders = NULL;
  g_autoptr(GError) error = NULL;
  gboolean truncated = FALSE;

  g_weak_ref_clear (ref);
  g_free (ref);

  reminders = sam_reminder_planner_plan_finish (SAM_REMINDER_PLANNER (object), result,
                                                &truncated, &error);
  /* Replaced by a newer run, stopped by a lock, or the service is gone. */
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  if (reminders == NULL)
    g_debug ("Could not plan reminders: %s", error->message);
  else if (!self->server_known)
    {
      g_clear_pointer (&self->held, g_ptr_array_unref);
      self->held = g_steal_pointer (&reminders);
      self->held_truncated = truncated;
      return;
    }
  else if (sam_reminder_service_is_unlocked (self))
    sam_reminder_service_show_all (self, reminders, truncated);

  g_signal_emit (self, signals[SIGNAL_RUN_FINISHED], 0, reminders != NULL);
}

/**
 * sam_reminder_service_run:
 * @self: a reminder service
 *
 * Starts planning now, in a worker thread, cancelling a run still in
 * flight; when it is done, on this thread, every reminder not shown to
 * this user before is shown, and ::run-finished is emitted. The service
 * runs by itself at unlock, every %SAM_REMINDER_INTERVAL_SECONDS seconds
 * and when a notification server appears; tests call this to run at once.
 * Does nothing while locked.
 *
 * Returns: %TRUE if a run started, %FALSE while locked
 */
gboolean
sam_reminder_service_run (SamReminderService *self)
{
  g_autoptr(GDateTime) now = NULL;
  GWeakRef *ref;

  g_return_val_if_fail (SAM_IS_REMINDER_SERVICE (self), FALSE);

  if (!sam_reminder_service_is_unlocked (self))
    return FALSE;

  sam_reminder_service_stop_run (self);
  self->cancellable = g_cancellable_new ();
  sam_reminder_planner_set_lead_times (self->planner,
                                       sam_reminder_service_lead_time (self, "meeting-reminder-first-hours"),
                                       sam_reminder_service_lead_time (self, "meeting-reminder-second-minutes"));
  now = g_date_time_new_now_utc ();
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  sam_reminder_planner_plan_async (self->planner, self->session, now, self->cancellable,
                                   on_planned, ref);
  return TRUE;
}

/**
 * sam_reminder_service_is_running:
 * @self: a reminder service
 *
 * Returns: whether a run is planning now
 */
gboolean
sam_reminder_service_is_running (SamReminderService *self)
{
  g_return_val_if_fail (SAM_IS_REMINDER_SERVICE (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * sam_reminder_service_get_n_waiting:
 * @self: a reminder service
 *
 * Returns: how many reminders the last run found new but could not show,
 *   for want of a notification server; they are shown when one appears
 */
guint
sam_reminder_service_get_n_waiting (SamReminderService *self)
{
  g_return_val_if_fail (SAM_IS_REMINDER_SERVICE (self), 0);

  return self->n_waiting;
}

/**
 * sam_reminder_service_has_server:
 * @self: a reminder service
 *
 * Returns: whether, as far as the service knows, a notification server
 *   owns org.freedesktop.Notifications on the session bus
 */
gboolean
sam_reminder_service_has_server (SamReminderService *self)
{
  g_return_val_if_fail (SAM_IS_REMINDER_SERVICE (self), FALSE);

  return self->has_server;
}

static gboolean
on_timeout (gpointer user_data)
{
  sam_reminder_service_run (user_data);
  return G_SOURCE_CONTINUE;
}

/* Takes every notification off the screen: a locked app shows nothing. */
static void
sam_reminder_service_close_all (SamReminderService *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->open);
  /* With no server they are off the screen already, and closing would
   * wait for D-Bus. */
  while (self->has_server && g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_autoptr(GError) error = NULL;

      if (!notify_notification_close (value, &error))
        g_debug ("Could not close a reminder: %s", error->message);
    }
  g_hash_table_remove_all (self->open);
}

/**
 * sam_reminder_service_set_session:
 * @self: a reminder service
 * @session: (nullable): the unlocked session, or %NULL when it locks
 *
 * Starts reminding @session's user, at once and then every
 * %SAM_REMINDER_INTERVAL_SECONDS seconds, or, with %NULL, stops: the
 * timer ends, a run in flight is dropped and every notification still
 * shown is closed. A case clicked while locked is opened now if @session is the
 * same user's.
 */
void
sam_reminder_service_set_session (SamReminderService *self,
                                  SamSession         *session)
{
  g_return_if_fail (SAM_IS_REMINDER_SERVICE (self));
  g_return_if_fail (session == NULL || SAM_IS_SESSION (session));

  if (self->session == session)
    return;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  sam_reminder_service_stop_run (self);
  sam_reminder_service_close_all (self);
  g_clear_pointer (&self->held, g_ptr_array_unref);
  self->n_waiting = 0;
  g_set_object (&self->session, session);

  if (session != NULL)
    {
      self->timeout_id = g_timeout_add_seconds (SAM_REMINDER_INTERVAL_SECONDS, on_timeout, self);
      sam_reminder_service_run (self);

      if (self->pending && self->pending_user == sam_session_get_user_id (session))
        sam_reminder_service_open (self, self->pending_target, self->pending_case);
      self->pending = FALSE;
      self->pending_case = 0;
      self->pending_user = 0;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * sam_reminder_service_get_session:
 * @self: a reminder service
 *
 * Returns: (transfer none) (nullable): the session reminded of, or %NULL
 */
SamSession *
sam_reminder_service_get_session (SamReminderService *self)
{
  g_return_val_if_fail (SAM_IS_REMINDER_SERVICE (self), NULL);

  return self->session;
}

/**
 * sam_reminder_service_get_n_shown:
 * @self: a reminder service
 *
 * Returns: how many notifications the service has shown since it was made
 */
guint
sam_reminder_service_get_n_shown (SamReminderService *self)
{
  g_return_val_if_fail (SAM_IS_REMINDER_SERVICE (self), 0);

  return self->n_shown;
}

/**
 * sam_reminder_service_get_pending_case:
 * @self: a reminder service
 *
 * Returns: the case a notification asked to open while locked, or 0
 */
gint64
sam_reminder_service_get_pending_case (SamReminderService *self)
{
  g_return_val_if_fail (SAM_IS_REMINDER_SERVICE (self), 0);

  return self->pending_case;
}

/**
 * sam_reminder_service_has_pending:
 * @self: a reminder service
 *
 * Returns: whether a notification clicked while locked waits for its
 *   user's unlock, be it a case, the inbox or the emergency access list
 */
gboolean
sam_reminder_service_has_pending (SamReminderService *self)
{
  g_return_val_if_fail (SAM_IS_REMINDER_SERVICE (self), FALSE);

  return self->pending;
}

/**
 * sam_reminder_service_new:
 * @settings: (nullable): the app's settings, for the meeting lead times;
 *   %NULL: the defaults, 24 hours and 60 minutes
 *
 * Creates a service that reminds nobody until a session is set.
 *
 * Returns: (transfer full): a new reminder service
 */
SamReminderService *
sam_reminder_service_new (GSettings *settings)
{
  SamReminderService *self;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SAM_TYPE_REMINDER_SERVICE, NULL);
  g_set_object (&self->settings, settings);
  return self;
}

static void
sam_reminder_service_dispose (GObject *object)
{
  SamReminderService *self = SAM_REMINDER_SERVICE (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->watch_id, g_bus_unwatch_name);
  sam_reminder_service_stop_run (self);
  if (self->open != NULL)
    sam_reminder_service_close_all (self);
  g_clear_pointer (&self->held, g_ptr_array_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->planner);

  G_OBJECT_CLASS (sam_reminder_service_parent_class)->dispose (object);
}

static void
sam_reminder_service_finalize (GObject *object)
{
  SamReminderService *self = SAM_REMINDER_SERVICE (object);

  g_hash_table_unref (self->open);
  g_hash_table_unref (self->shown_by_user);

  G_OBJECT_CLASS (sam_reminder_service_parent_class)->finalize (object);
}

static void
sam_reminder_service_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  SamReminderService *self = SAM_REMINDER_SERVICE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_reminder_service_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SamReminderService *self = SAM_REMINDER_SERVICE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      sam_reminder_service_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_reminder_service_class_init (SamReminderServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sam_reminder_service_dispose;
  object_class->finalize = sam_reminder_service_finalize;
  object_class->get_property = sam_reminder_service_get_property;
  object_class->set_property = sam_reminder_service_set_property;

  /**
   * SamReminderService:session:
   *
   * The unlocked session reminded of, or %NULL while locked.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         SAM_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SamReminderService::open-case:
   * @self: the service
   * @case_id: the case whose reminder was clicked
   *
   * A reminder about a case was clicked while its user's session is
   * unlocked, or that user has just unlocked after clicking it.
   */
  signals[SIGNAL_OPEN_CASE] =
    g_signal_new ("open-case", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * SamReminderService::open-inbox:
   * @self: the service
   *
   * The reminder of new concerns was clicked.
   */
  signals[SIGNAL_OPEN_INBOX] =
    g_signal_new ("open-inbox", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * SamReminderService::open-break-glass:
   * @self: the service
   *
   * An administrator's reminder of emergency access was clicked: the
   * audit log's emergency access list should open.
   */
  signals[SIGNAL_OPEN_BREAK_GLASS] =
    g_signal_new ("open-break-glass", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * SamReminderService::open-due:
   * @self: the service
   *
   * The notification counting many reminders was clicked: the Due page
   * should open.
   */
  signals[SIGNAL_OPEN_DUE] =
    g_signal_new ("open-due", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * SamReminderService::run-finished:
   * @self: the service
   * @planned: %FALSE if the planner failed
   *
   * A run's result has arrived and what it found is shown, or waits for a
   * notification server. Not emitted for a run replaced or stopped.
   */
  signals[SIGNAL_RUN_FINISHED] =
    g_signal_new ("run-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

/* The watch's first answer decides what becomes of a run that finished
 * before it: shown, or counted as waiting. Returns whether there was one. */
static gboolean
sam_reminder_service_show_held (SamReminderService *self)
{
  g_autoptr(GPtrArray) held = g_steal_pointer (&self->held);

  self->server_known = TRUE;
  if (held == NULL)
    return FALSE;

  if (sam_reminder_service_is_unlocked (self))
    sam_reminder_service_show_all (self, held, self->held_truncated);
  g_signal_emit (self, signals[SIGNAL_RUN_FINISHED], 0, TRUE);
  return TRUE;
}

static void
on_server_appeared (GDBusConnection *connection,
                    const char      *name,
                    const char      *name_owner,
                    gpointer         user_data)
{
  SamReminderService *self = user_data;

  self->has_server = TRUE;
  /* A run in flight shows when it is done; one done without a server
   * plans again, since what was due then may not be now. */
  if (!sam_reminder_service_show_held (self) &&
      self->n_waiting > 0 && !sam_reminder_service_is_running (self))
    sam_reminder_service_run (self);
}

static void
on_server_vanished (GDBusConnection *connection,
                    const char      *name,
                    gpointer         user_data)
{
  SamReminderService *self = user_data;

  self->has_server = FALSE;
  /* Gone with their server: nothing to close. */
  g_hash_table_remove_all (self->open);
  sam_reminder_service_show_held (self);
}

static void
sam_reminder_service_init (SamReminderService *self)
{
  /* libnotify's state is process-wide; the first service sets it up. */
  if (!notify_is_initted ())
    notify_init (_("Samverka"));

  self->planner = sam_reminder_planner_new (24, 60);
  self->shown_by_user = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                               (GDestroyNotify) g_hash_table_unref);
  self->open = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      sam_reminder_service_forget_notification);

  /* Asynchronous, unlike libnotify: whether a server is there is known
   * without ever waiting on the bus. No auto-start: starting a server is
   * the desktop's business. */
  self->watch_id = g_bus_watch_name (G_BUS_TYPE_SESSION, NOTIFICATIONS_NAME,
                                     G_BUS_NAME_WATCHER_FLAGS_NONE,
                                     on_server_appeared, on_server_vanished, self, NULL);
}

/* The user's own choice of @key if they made one, else @fallback. */
static guint
sam_reminder_service_user_choice (SamReminderService *self,
                                  const char         *key,
                                  guint               fallback)
{
  g_autoptr(GVariant) value = NULL;

  if (self->settings == NULL ||
      (value = g_settings_get_user_value (self->settings, key)) == NULL)
    return fallback;

  return g_variant_get_uint32 (value);
}

/**
 * sam_reminder_service_get_lead_times:
 * @self: a reminder service
 * @out_first_hours: (out): hours before a meeting of the first reminder; 0 for none
 * @out_second_minutes: (out): minutes before it of the second; 0 for none
 *
 * The lead times the service plans with: each the user's own setting if
 * they changed it, otherwise the organisation's default from the unlocked
 * database (sam-settings.h), otherwise the built-in default.
 */
void
sam_reminder_service_get_lead_times (SamReminderService *self,
                                     guint              *out_first_hours,
                                     guint              *out_second_minutes)
{
  g_autoptr(GError) error = NULL;
  SamSettings defaults;

  g_return_if_fail (SAM_IS_REMINDER_SERVICE (self));
  g_return_if_fail (out_first_hours != NULL && out_second_minutes != NULL);

  sam_settings_init_defaults (&defaults);
  if (sam_reminder_service_is_unlocked (self) &&
      !sam_settings_load (self->session, &defaults, &error))
    g_debug ("Could not read the organisation's reminder defaults: %s", error->message);

  *out_first_hours = sam_reminder_service_user_choice (self, "meeting-reminder-first-hours",
                                                       defaults.values[SAM_SETTING_MEETING_REMINDER_FIRST_HOURS]);
  *out_second_minutes = sam_reminder_service_user_choice (self, "meeting-reminder-second-minutes",
                                                          defaults.values[SAM_SETTING_MEETING_REMINDER_SECOND_MINUTES]);
}
