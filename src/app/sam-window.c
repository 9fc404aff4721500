/* sam-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-window"

#include "config.h"

#include "sam-window.h"

#include <glib/gi18n.h>

#include "sam-agencies-page.h"
#include "sam-audit-page.h"
#include "sam-case-page.h"
#include "sam-concern-dialog.h"
#include "sam-concern-list-page.h"
#include "sam-due-page.h"
#include "sam-lock-monitor.h"
#include "sam-meetings-page.h"
#include "sam-passphrase-page.h"
#include "sam-reminder-service.h"
#include "sam-summaries-page.h"
#include "sam-unlock-page.h"
#include "sam-users-page.h"
#include "sam-workspace.h"

struct _SamWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  char                 *database_path;
  SamSession           *session;
  SamLockMonitor       *lock_monitor;
  SamReminderService   *reminders;
  /* Remembered after a lock: the file stays a demo database. */
  guint                 database_is_demo : 1;

  /* Template widgets */
  AdwHeaderBar         *header_bar;
  GtkStack             *stack;
  SamUnlockPage        *unlock_page;
  SamPassphrasePage    *passphrase_page;
  SamWorkspace         *workspace;
};

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (SamWindow, sam_window, ADW_TYPE_APPLICATION_WINDOW)

static void
sam_window_update_title (SamWindow *self)
{
  g_assert (SAM_IS_WINDOW (self));

  if (self->database_is_demo)
    gtk_window_set_title (GTK_WINDOW (self), _("Samverka — DEMO"));
  else
    gtk_window_set_title (GTK_WINDOW (self), _("Samverka"));
}

static void
sam_window_show_page (SamWindow  *self,
                      const char *name,
                      GtkWidget  *page)
{
  g_assert (SAM_IS_WINDOW (self));

  /* The workspace has header bars of its own, one per leaflet column. */
  gtk_widget_set_visible (GTK_WIDGET (self->header_bar), page != GTK_WIDGET (self->workspace));
  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_grab_focus (page);
}

static void
sam_window_show_session (SamWindow *self)
{
  g_assert (SAM_IS_WINDOW (self));
  g_assert (SAM_IS_SESSION (self->session));

  sam_passphrase_page_set_session (self->passphrase_page, NULL);
  sam_window_reload_organisation_settings (self);
  sam_workspace_set_session (self->workspace, self->session);
  sam_window_show_page (self, "session", GTK_WIDGET (self->workspace));
  /* Last: a reminder clicked while locked opens its case from here, so
   * the workspace must already show the session. */
  sam_reminder_service_set_session (self->reminders, self->session);
}

static void
on_unlock_page_unlocked (SamWindow  *self,
                         SamSession *session)
{
  g_assert (SAM_IS_WINDOW (self));
  g_assert (SAM_IS_SESSION (session));

  if (self->session != NULL)
    sam_window_lock (self);

  self->session = g_object_ref (session);
  self->database_is_demo = sam_session_is_demo (session);
  sam_window_update_title (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", TRUE);

  if (sam_session_get_must_change_passphrase (session))
    {
      sam_passphrase_page_set_session (self->passphrase_page, session);
      sam_window_show_page (self, "passphrase", GTK_WIDGET (self->passphrase_page));
    }
  else
    {
      sam_window_show_session (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}

static void
on_passphrase_page_passphrase_changed (SamWindow *self)
{
  g_assert (SAM_IS_WINDOW (self));

  if (self->session != NULL)
    sam_window_show_session (self);
}

static void
sam_window_lock_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  sam_window_lock (SAM_WINDOW (widget));
}

/* Auto-lock (issue 4): a SamLockMonitor per window. It is armed exactly
 * while the window holds a session, and every input event in the window
 * counts as activity. See sam-lock-monitor.c for why each trigger locks. */

static void
on_lock_monitor_lock_requested (SamWindow      *self,
                                const char     *reason,
                                SamLockMonitor *monitor)
{
  g_assert (SAM_IS_WINDOW (self));

  g_debug ("Locking automatically: %s", reason);
  sam_window_lock (self);
}

static void
on_window_session_changed (SamWindow *self)
{
  g_assert (SAM_IS_WINDOW (self));

  sam_lock_monitor_set_armed (self->lock_monitor, self->session != NULL);
}

static gboolean
on_window_input (SamWindow *self,
                 GdkEvent  *event)
{
  g_assert (SAM_IS_WINDOW (self));

  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_MOTION_NOTIFY:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
      sam_lock_monitor_activity (self->lock_monitor);
      break;

    default:
      break;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
sam_window_init_auto_lock (SamWindow *self)
{
  GtkEventController *controller;

  g_assert (SAM_IS_WINDOW (self));

  self->lock_monitor = sam_lock_monitor_new_for_user (self->settings);
  g_signal_connect_object (self->lock_monitor, "lock-requested",
                           G_CALLBACK (on_lock_monitor_lock_requested),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::session",
                    G_CALLBACK (on_window_session_changed), NULL);

  /* Capture phase: the window sees every event before the focused widget
   * can consume it. */
  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "event", G_CALLBACK (on_window_input), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* The workspace's pages ------------------------------------------------------ */

static GtkWidget *
new_my_concerns_page (void)
{
  return sam_concern_list_page_new (SAM_CONCERN_LIST_MINE);
}

static GtkWidget *
new_concern_inbox_page (void)
{
  return sam_concern_list_page_new (SAM_CONCERN_LIST_INBOX);
}

/* A case from any section opens as the workspace's detail page. The page
 * asks the core, which checks the policy and writes the audit row; when
 * the core refuses, the page itself offers emergency access to those who
 * may use it, or says why not. */
static void
on_workspace_case_activated (SamWindow    *self,
                             gint64        case_id,
                             SamWorkspace *workspace)
{
  SamCasePage *page;

  g_assert (SAM_IS_WINDOW (self));

  if (self->session == NULL)
    return;

  page = sam_case_page_new ();
  sam_workspace_show_detail (self->workspace, GTK_WIDGET (page), _("Case"));
  sam_case_page_load (page, self->session, case_id, NULL);
}

static void
on_concern_dialog_saved (SamWindow *self,
                         gint64     concern_id)
{
  GtkWidget *page;

  g_assert (SAM_IS_WINDOW (self));

  page = sam_workspace_get_page (self->workspace, SAM_WORKSPACE_SECTION_CONCERNS_MINE);
  if (page != NULL)
    sam_concern_list_page_refresh (SAM_CONCERN_LIST_PAGE (page));
}

static void
sam_window_new_concern_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  SamWindow *self = SAM_WINDOW (widget);
  GtkWidget *dialog;

  if (self->session == NULL ||
      !sam_policy_allows (sam_session_get_role (self->session), SAM_OPERATION_CONCERN_CREATE))
    return;

  dialog = sam_concern_dialog_new (GTK_WINDOW (self), self->session);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_concern_dialog_saved), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Only roles that log concerns have the action, so Ctrl+N does nothing for
 * a manager or an administrator. */
static void
sam_window_update_actions (SamWindow *self)
{
  gboolean logs_concerns;

  g_assert (SAM_IS_WINDOW (self));

  logs_concerns = self->session != NULL &&
                  sam_policy_allows (sam_session_get_role (self->session),
                                     SAM_OPERATION_CONCERN_CREATE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-concern", logs_concerns);
}

/* Reminders ------------------------------------------------------------------ */

/* A click on a reminder: the service only asks while the same user is
 * unlocked; one clicked while locked waits for their unlock. */
static void
on_reminder_open_case (SamWindow *self,
                       gint64     case_id)
{
  g_assert (SAM_IS_WINDOW (self));

  gtk_window_present (GTK_WINDOW (self));
  on_workspace_case_activated (self, case_id, self->workspace);
}

static void
on_reminder_open_inbox (SamWindow *self)
{
  g_assert (SAM_IS_WINDOW (self));

  gtk_window_present (GTK_WINDOW (self));
  sam_workspace_set_section (self->workspace, SAM_WORKSPACE_SECTION_CONCERN_INBOX);
}

static void
on_reminder_open_due (SamWindow *self)
{
  g_assert (SAM_IS_WINDOW (self));

  gtk_window_present (GTK_WINDOW (self));
  sam_workspace_set_section (self->workspace, SAM_WORKSPACE_SECTION_DUE);
}

static void
on_reminder_open_break_glass (SamWindow *self)
{
  GtkWidget *page;

  g_assert (SAM_IS_WINDOW (self));

  gtk_window_present (GTK_WINDOW (self));
  sam_workspace_set_section (self->workspace, SAM_WORKSPACE_SECTION_AUDIT_LOG);
  page = sam_workspace_get_page (self->workspace, SAM_WORKSPACE_SECTION_AUDIT_LOG);
  if (SAM_IS_AUDIT_PAGE (page))
    sam_audit_page_show_list (SAM_AUDIT_PAGE (page), "break-glass");
}

static void
sam_window_init_reminders (SamWindow *self)
{
  g_assert (SAM_IS_WINDOW (self));

  self->reminders = sam_reminder_service_new (self->settings);
  g_signal_connect_object (self->reminders, "open-case", G_CALLBACK (on_reminder_open_case), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reminders, "open-inbox", G_CALLBACK (on_reminder_open_inbox), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reminders, "open-break-glass",
                           G_CALLBACK (on_reminder_open_break_glass), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reminders, "open-due", G_CALLBACK (on_reminder_open_due), self,
                           G_CONNECT_SWAPPED);
}

static void
sam_window_init_workspace (SamWindow *self)
{
  g_assert (SAM_IS_WINDOW (self));

  sam_workspace_add_page_factory (self->workspace, SAM_WORKSPACE_SECTION_CONCERNS_MINE,
                                  new_my_concerns_page);
  sam_workspace_add_page_factory (self->workspace, SAM_WORKSPACE_SECTION_CONCERN_INBOX,
                                  new_concern_inbox_page);
  sam_workspace_add_page_type (self->workspace, SAM_WORKSPACE_SECTION_MEETINGS, SAM_TYPE_MEETINGS_PAGE);
  sam_workspace_add_page_type (self->workspace, SAM_WORKSPACE_SECTION_DUE, SAM_TYPE_DUE_PAGE);
  sam_workspace_add_page_type (self->workspace, SAM_WORKSPACE_SECTION_AUDIT_LOG, SAM_TYPE_AUDIT_PAGE);
  sam_workspace_add_page_type (self->workspace, SAM_WORKSPACE_SECTION_USERS, SAM_TYPE_USERS_PAGE);
  sam_workspace_add_page_type (self->workspace, SAM_WORKSPACE_SECTION_AGENCIES,
                               SAM_TYPE_AGENCIES_PAGE);
  sam_workspace_add_page_type (self->workspace, SAM_WORKSPACE_SECTION_SUMMARIES, SAM_TYPE_SUMMARIES_PAGE);
  g_signal_connect_object (self->workspace, "case-activated",
                           G_CALLBACK (on_workspace_case_activated), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::session", G_CALLBACK (sam_window_update_actions), NULL);
  sam_window_update_actions (self);
}

static void
sam_window_save_state (SamWindow *self)
{
  int width;
  int height;

  g_assert (SAM_IS_WINDOW (self));

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
sam_window_restore_state (SamWindow *self)
{
  g_assert (SAM_IS_WINDOW (self));

  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static GSettings *
sam_window_create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Running from the build tree without GSETTINGS_SCHEMA_DIR must not abort;
   * the window then just forgets its size. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);

  if (schema == NULL)
    {
      g_message ("The GSettings schema %s is not installed; the window size will not be kept",
                 APPLICATION_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
sam_window_constructed (GObject *object)
{
  SamWindow *self = (SamWindow *)object;

  G_OBJECT_CLASS (sam_window_parent_class)->constructed (object);

  sam_unlock_page_set_database_path (self->unlock_page, self->database_path);
  gtk_widget_grab_focus (GTK_WIDGET (self->unlock_page));
}

static void
sam_window_dispose (GObject *object)
{
  SamWindow *self = (SamWindow *)object;

  /* Closing the window must wipe the key like a lock does. */
  if (self->session != NULL)
    sam_window_lock (self);

  /* Here rather than in close-request, so that app.quit, which destroys the
   * windows, keeps the size too. */
  sam_window_save_state (self);
  g_clear_object (&self->reminders);
  g_clear_object (&self->lock_monitor);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sam_window_parent_class)->dispose (object);
}

static void
sam_window_finalize (GObject *object)
{
  SamWindow *self = (SamWindow *)object;

  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (sam_window_parent_class)->finalize (object);
}

static void
sam_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SamWindow *self = SAM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SamWindow *self = SAM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      self->database_path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_window_class_init (SamWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sam_window_constructed;
  object_class->dispose = sam_window_dispose;
  object_class->finalize = sam_window_finalize;
  object_class->get_property = sam_window_get_property;
  object_class->set_property = sam_window_set_property;

  /**
   * SamWindow:database-path:
   *
   * The database this window unlocks.
   */
  properties [PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * SamWindow:session:
   *
   * The signed-in session, or %NULL while locked.
   */
  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         SAM_TYPE_SESSION,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SAM_TYPE_PASSPHRASE_PAGE);
  g_type_ensure (SAM_TYPE_UNLOCK_PAGE);
  g_type_ensure (SAM_TYPE_WORKSPACE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SamWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, passphrase_page);
  gtk_widget_class_bind_template_child (widget_class, SamWindow, workspace);
  gtk_widget_class_bind_template_callback (widget_class, on_unlock_page_unlocked);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_page_passphrase_changed);

  gtk_widget_class_install_action (widget_class, "win.lock", NULL, sam_window_lock_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.lock", NULL);
  gtk_widget_class_install_action (widget_class, "win.new-concern", NULL,
                                   sam_window_new_concern_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-concern", NULL);
}

static void
sam_window_init (SamWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", FALSE);

  self->settings = sam_window_create_settings ();
  sam_window_restore_state (self);
  sam_window_init_auto_lock (self);
  sam_window_init_workspace (self);
  sam_window_init_reminders (self);
}

/**
 * sam_window_new:
 * @application: (nullable): the application
 * @database_path: the database to unlock
 *
 * Returns: (transfer none): a new window, owned by GTK until destroyed
 */
SamWindow *
sam_window_new (SamApplication *application,
                const char     *database_path)
{
  g_return_val_if_fail (!application || SAM_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (database_path != NULL, NULL);

  return g_object_new (SAM_TYPE_WINDOW,
                       "application", application,
                       "database-path", database_path,
                       NULL);
}

/**
 * sam_window_get_database_path:
 * @self: a #SamWindow
 *
 * Returns: the database this window unlocks
 */
const char *
sam_window_get_database_path (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);

  return self->database_path;
}

/**
 * sam_window_get_session:
 * @self: a #SamWindow
 *
 * Returns: (transfer none) (nullable): the signed-in session
 */
SamSession *
sam_window_get_session (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);

  return self->session;
}

/**
 * sam_window_get_lock_monitor:
 * @self: a #SamWindow
 *
 * Returns: (transfer none): the monitor that locks the window's session
 */
SamLockMonitor *
sam_window_get_lock_monitor (SamWindow *self)
{
  g_return_val_if_fail (SAM_IS_WINDOW (self), NULL);

  return self->lock_monitor;
}

/**
 * sam_window_reload_organisation_settings:
 * @self: a #SamWindow
 *
 * Reads the organisation's settings (sam-settings.h) from the unlocked
 * database again and applies its bounds to the auto-lock. Done at every
 * unlock; call it after an administrator changed them. Does nothing while
 * locked.
 */
void
sam_window_reload_organisation_settings (SamWindow *self)
{
  g_autoptr(GError) error = NULL;
  SamSettings settings;

  g_return_if_fail (SAM_IS_WINDOW (self));

  if (self->session == NULL)
    return;

  if (!sam_settings_load (self->session, &settings, &error))
    {
      g_debug ("Could not read the organisation's settings: %s", error->message);
      return;
    }

  sam_lock_monitor_set_bounds (self->lock_monitor,
                               settings.values[SAM_SETTING_AUTO_LOCK_MIN_MINUTES],
                               settings.values[SAM_SETTING_AUTO_LOCK_MAX_MINUTES]);
}

/**
 * sam_window_lock:
 * @self: a #SamWindow
 *
 * Locks the session: the core closes the database and wipes the key, every
 * widget that showed personal data is emptied, and the unlock page comes
 * back with an empty passphrase field. Does nothing while locked.
 */
void
sam_window_lock (SamWindow *self)
{
  g_autoptr(SamSession) session = NULL;

  g_return_if_fail (SAM_IS_WINDOW (self));

  if (self->session == NULL)
    return;

  session = g_steal_pointer (&self->session);
  g_debug ("Locking the session of user %" G_GINT64_FORMAT,
           sam_session_get_user_id (session));

  /* No reminder may show, or stay on screen, while locked. */
  sam_reminder_service_set_session (self->reminders, NULL);

  sam_session_lock (session);

  sam_workspace_set_session (self->workspace, NULL);
  sam_passphrase_page_set_session (self->passphrase_page, NULL);
  sam_unlock_page_reset (self->unlock_page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lock", FALSE);

  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    sam_window_show_page (self, "unlock", GTK_WIDGET (self->unlock_page));

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}
