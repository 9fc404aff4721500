/* sam-unlock-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-unlock-page"

#include "config.h"

#include "sam-unlock-page.h"

#include <glib/gi18n.h>

#include "sam-utils.h"
#include "samverka-core.h"

struct _SamUnlockPage
{
  AdwBin               parent_instance;

  char                *database_path;
  GCancellable        *cancellable;

  /* The back-off of one slot, counted down while that user is entered. */
  char                *backoff_user;
  gint64               backoff_until;
  guint                backoff_source;
  guint                backoff_shown;

  guint                busy : 1;

  /* Template widgets */
  AdwStatusPage       *status_page;
  AdwEntryRow         *user_row;
  AdwPasswordEntryRow *passphrase_row;
  GtkWidget           *message_box;
  GtkLabel            *error_label;
  GtkLabel            *countdown_label;
  GtkButton           *unlock_button;
  GtkStack            *unlock_button_stack;
  GtkSpinner          *spinner;
};

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_BUSY,
  N_PROPS
};

enum {
  UNLOCKED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (SamUnlockPage, sam_unlock_page, ADW_TYPE_BIN)

/* One unlock in flight. The passphrase lives here, in locked memory, until
 * the core is done with it. */
typedef struct
{
  SamUnlockPage *self;
  GCancellable  *cancellable;
  SamSecret     *passphrase;
  char          *user_name;
} UnlockAttempt;

static void
unlock_attempt_free (UnlockAttempt *attempt)
{
  g_clear_object (&attempt->self);
  g_clear_object (&attempt->cancellable);
  g_clear_pointer (&attempt->passphrase, sam_secret_free);
  g_clear_pointer (&attempt->user_name, g_free);
  g_free (attempt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UnlockAttempt, unlock_attempt_free)

static char *
sam_unlock_page_dup_user_name (SamUnlockPage *self)
{
  g_assert (SAM_IS_UNLOCK_PAGE (self));

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
}

static gboolean
sam_unlock_page_is_backed_off (SamUnlockPage *self)
{
  g_autofree char *user_name = NULL;

  g_assert (SAM_IS_UNLOCK_PAGE (self));

  if (self->backoff_source == 0)
    return FALSE;

  user_name = sam_unlock_page_dup_user_name (self);

  return g_strcmp0 (user_name, self->backoff_user) == 0;
}

static guint
sam_unlock_page_get_backoff_remaining (SamUnlockPage *self)
{
  gint64 remaining;

  g_assert (SAM_IS_UNLOCK_PAGE (self));

  remaining = self->backoff_until - g_get_monotonic_time ();
  if (remaining <= 0)
    return 0;

  return (guint) ((remaining + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

/* The error and the countdown share a box, so that they sit close together
 * and an empty box takes no room. */
static void
sam_unlock_page_update_message_box (SamUnlockPage *self)
{
  g_assert (SAM_IS_UNLOCK_PAGE (self));

  gtk_widget_set_visible (self->message_box,
                          gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ||
                          gtk_widget_get_visible (GTK_WIDGET (self->countdown_label)));
}

static void
sam_unlock_page_update_countdown (SamUnlockPage *self)
{
  g_autofree char *text = NULL;
  guint seconds;

  g_assert (SAM_IS_UNLOCK_PAGE (self));

  if (!sam_unlock_page_is_backed_off (self))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->countdown_label), FALSE);
      sam_unlock_page_update_message_box (self);
      self->backoff_shown = 0;
      return;
    }

  seconds = sam_unlock_page_get_backoff_remaining (self);
  if (seconds == self->backoff_shown)
    return;

  self->backoff_shown = seconds;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Try again in %u second",
                                       "Try again in %u seconds",
                                       seconds),
                          seconds);
  gtk_label_set_text (self->countdown_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->countdown_label), TRUE);
  sam_unlock_page_update_message_box (self);
}

static void
sam_unlock_page_update_actions (SamUnlockPage *self)
{
  const char *passphrase;
  g_autofree char *user_name = NULL;
  gboolean enabled;

  g_assert (SAM_IS_UNLOCK_PAGE (self));

  user_name = sam_unlock_page_dup_user_name (self);
  passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  enabled = !self->busy &&
            self->database_path != NULL &&
            user_name[0] != '\0' &&
            passphrase[0] != '\0' &&
            !sam_unlock_page_is_backed_off (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unlock-page.unlock", enabled);
}

static void
sam_unlock_page_show_error (SamUnlockPage *self,
                            const char    *message)
{
  g_assert (SAM_IS_UNLOCK_PAGE (self));

  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  sam_unlock_page_update_message_box (self);
}

static void
sam_unlock_page_hide_error (SamUnlockPage *self)
{
  g_assert (SAM_IS_UNLOCK_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_label_set_text (self->error_label, "");
  sam_unlock_page_update_message_box (self);
}

static void
sam_unlock_page_set_busy (SamUnlockPage *self,
                          gboolean       busy)
{
  g_assert (SAM_IS_UNLOCK_PAGE (self));

  busy = !!busy;
  if (self->busy == busy)
    return;

  self->busy = busy;

  /* A focused text field that turns insensitive never hears that it lost
   * the focus (its cursor keeps blinking, and GTK warns): drop the focus
   * first. */
  if (busy)
    sam_widget_drop_focus (GTK_WIDGET (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->passphrase_row), !busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_stack_set_visible_child_name (self->unlock_button_stack, busy ? "spinner" : "label");
  sam_unlock_page_update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

static void
sam_unlock_page_stop_backoff (SamUnlockPage *self)
{
  g_assert (SAM_IS_UNLOCK_PAGE (self));

  g_clear_handle_id (&self->backoff_source, g_source_remove);
  g_clear_pointer (&self->backoff_user, g_free);
  self->backoff_until = 0;
  self->backoff_shown = 0;

  sam_unlock_page_update_countdown (self);
  sam_unlock_page_update_actions (self);
}

static gboolean
sam_unlock_page_backoff_tick (gpointer user_data)
{
  SamUnlockPage *self = user_data;

  g_assert (SAM_IS_UNLOCK_PAGE (self));

  if (sam_unlock_page_get_backoff_remaining (self) == 0)
    {
      /* The source is being removed by returning; forget its id first. */
      self->backoff_source = 0;
      sam_unlock_page_stop_backoff (self);
      return G_SOURCE_REMOVE;
    }

  sam_unlock_page_update_countdown (self);

  return G_SOURCE_CONTINUE;
}

static void
sam_unlock_page_start_backoff (SamUnlockPage *self,
                               const char    *user_name,
                               guint          seconds)
{
  g_assert (SAM_IS_UNLOCK_PAGE (self));
  g_assert (seconds > 0);

  g_clear_handle_id (&self->backoff_source, g_source_remove);
  g_free (self->backoff_user);
  self->backoff_user = g_strdup (user_name);
  self->backoff_until = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  self->backoff_shown = 0;
  /* A few ticks a second keep the shown number within a frame or so of the
   * real deadline; the label only changes when the number does. */
  self->backoff_source = g_timeout_add (250, sam_unlock_page_backoff_tick, self);

  sam_unlock_page_update_countdown (self);
  sam_unlock_page_update_actions (self);
}

/* The sidecar counts failed attempts per slot. Read it, without unlocking
 * anything, to show how long this user has to wait. */
static void
sam_unlock_page_check_backoff (SamUnlockPage *self,
                               const char    *user_name)
{
  g_autoptr(SamKeyslotFile) keyslots = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *keyslots_path = NULL;
  guint seconds;

  g_assert (SAM_IS_UNLOCK_PAGE (self));

  keyslots_path = sam_keyslot_file_path_for_database (self->database_path);
  keyslots = sam_keyslot_file_load (keyslots_path, &error);
  if (keyslots == NULL)
    {
      g_debug ("Cannot read the back-off: %s", error->message);
      return;
    }

  seconds = sam_keyslot_file_get_backoff_seconds (keyslots, user_name);
  g_debug ("Back-off after a failed unlock: %u s", seconds);

  if (seconds > 0)
    sam_unlock_page_start_backoff (self, user_name, seconds);
}

static void
sam_unlock_page_check_database (SamUnlockPage *self)
{
  g_autofree char *message = NULL;

  g_assert (SAM_IS_UNLOCK_PAGE (self));

  if (self->database_path == NULL ||
      g_file_test (self->database_path, G_FILE_TEST_EXISTS))
    {
      sam_unlock_page_hide_error (self);
      return;
    }

  message = g_strdup_printf (_("There is no Samverka database at “%s”. "
                               "Create one with “samverka-cli init --admin NAME”, "
                               "or start Samverka with --database PATH."),
                             self->database_path);
  sam_unlock_page_show_error (self, message);
}

static void
sam_unlock_page_unlock_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(UnlockAttempt) attempt = user_data;
  g_autoptr(SamSession) session = NULL;
  g_autoptr(GError) error = NULL;
  SamUnlockPage *self = attempt->self;
  const char *user_name = attempt->user_name;

  g_assert (SAM_IS_UNLOCK_PAGE (self));

  session = sam_session_unlock_finish (result, &error);
  g_clear_pointer (&attempt->passphrase, sam_secret_free);

  /* Cancelled means the page was reset or is going away: show nothing, and
   * never keep a session that arrived too late. */
  if (g_cancellable_is_cancelled (attempt->cancellable))
    {
      if (session != NULL)
        sam_session_lock (session);
      return;
    }

  g_clear_object (&self->cancellable);
  sam_unlock_page_set_busy (self, FALSE);

  if (session == NULL)
    {
      g_debug ("Unlock failed: %s %d",
               g_quark_to_string (error->domain), error->code);

      sam_unlock_page_show_error (self, error->message);

      if (g_error_matches (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WRONG_PASSPHRASE) ||
          g_error_matches (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_BACKED_OFF))
        {
          sam_unlock_page_check_backoff (self, user_name);
          gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
        }
      else if (g_error_matches (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_UNKNOWN_USER) ||
               g_error_matches (error, SAM_STORE_ERROR, SAM_STORE_ERROR_DISABLED))
        {
          gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
        }
      else
        {
          gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
        }

      return;
    }

  g_debug ("Unlocked as user %" G_GINT64_FORMAT, sam_session_get_user_id (session));

  sam_unlock_page_hide_error (self);
  sam_unlock_page_stop_backoff (self);

  g_signal_emit (self, signals [UNLOCKED], 0, session);
}

static void
sam_unlock_page_unlock_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  SamUnlockPage *self = (SamUnlockPage *)widget;
  g_autofree char *user_name = NULL;
  UnlockAttempt *attempt;

  g_assert (SAM_IS_UNLOCK_PAGE (self));

  /* Enter reaches us even while the action is disabled. */
  if (self->busy || self->database_path == NULL || sam_unlock_page_is_backed_off (self))
    return;

  user_name = sam_unlock_page_dup_user_name (self);
  if (user_name[0] == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
      return;
    }

  if (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row))[0] == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      return;
    }

  attempt = g_new0 (UnlockAttempt, 1);
  attempt->self = g_object_ref (self);
  attempt->passphrase = sam_password_row_take_secret (self->passphrase_row);
  attempt->user_name = g_steal_pointer (&user_name);

  sam_unlock_page_hide_error (self);
  sam_unlock_page_set_busy (self, TRUE);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  attempt->cancellable = g_object_ref (self->cancellable);

  /* Argon2id takes about a second: the core runs it in a thread. */
  sam_session_unlock_async (self->database_path,
                            attempt->user_name,
                            attempt->passphrase,
                            attempt->cancellable,
                            sam_unlock_page_unlock_cb,
                            attempt);
}

static void
on_user_row_changed (SamUnlockPage *self)
{
  g_assert (SAM_IS_UNLOCK_PAGE (self));

  sam_unlock_page_update_countdown (self);
  sam_unlock_page_update_actions (self);
}

static void
on_passphrase_row_changed (SamUnlockPage *self)
{
  g_assert (SAM_IS_UNLOCK_PAGE (self));

  sam_unlock_page_update_actions (self);
}

static void
on_user_row_entry_activated (SamUnlockPage *self)
{
  g_assert (SAM_IS_UNLOCK_PAGE (self));

  if (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row))[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "unlock-page.unlock", NULL);
}

static void
on_passphrase_row_entry_activated (SamUnlockPage *self)
{
  g_assert (SAM_IS_UNLOCK_PAGE (self));

  gtk_widget_activate_action (GTK_WIDGET (self), "unlock-page.unlock", NULL);
}

static gboolean
sam_unlock_page_grab_focus (GtkWidget *widget)
{
  SamUnlockPage *self = (SamUnlockPage *)widget;
  g_autofree char *user_name = NULL;

  g_assert (SAM_IS_UNLOCK_PAGE (self));

  user_name = sam_unlock_page_dup_user_name (self);
  if (user_name[0] == '\0')
    return gtk_widget_grab_focus (GTK_WIDGET (self->user_row));

  return gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

static void
sam_unlock_page_dispose (GObject *object)
{
  SamUnlockPage *self = (SamUnlockPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->backoff_source, g_source_remove);

  G_OBJECT_CLASS (sam_unlock_page_parent_class)->dispose (object);
}

static void
sam_unlock_page_finalize (GObject *object)
{
  SamUnlockPage *self = (SamUnlockPage *)object;

  g_clear_pointer (&self->backoff_user, g_free);
  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (sam_unlock_page_parent_class)->finalize (object);
}

static void
sam_unlock_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SamUnlockPage *self = SAM_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_unlock_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SamUnlockPage *self = SAM_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      sam_unlock_page_set_database_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_unlock_page_class_init (SamUnlockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_unlock_page_dispose;
  object_class->finalize = sam_unlock_page_finalize;
  object_class->get_property = sam_unlock_page_get_property;
  object_class->set_property = sam_unlock_page_set_property;

  widget_class->grab_focus = sam_unlock_page_grab_focus;

  /**
   * SamUnlockPage:database-path:
   *
   * The database to unlock.
   */
  properties [PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * SamUnlockPage:busy:
   *
   * Whether an unlock is running.
   */
  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SamUnlockPage::unlocked:
   * @self: a #SamUnlockPage
   * @session: the new session
   *
   * Emitted when the user name and passphrase opened the database.
   */
  signals [UNLOCKED] =
    g_signal_new ("unlocked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, SAM_TYPE_SESSION);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SamUnlockPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, SamUnlockPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, SamUnlockPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, SamUnlockPage, message_box);
  gtk_widget_class_bind_template_child (widget_class, SamUnlockPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, SamUnlockPage, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, SamUnlockPage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, SamUnlockPage, unlock_button_stack);
  gtk_widget_class_bind_template_child (widget_class, SamUnlockPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_user_row_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_row_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_user_row_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_row_entry_activated);

  gtk_widget_class_install_action (widget_class, "unlock-page.unlock", NULL,
                                   sam_unlock_page_unlock_action);
}

static void
sam_unlock_page_init (SamUnlockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  sam_password_row_use_secure_buffer (self->passphrase_row);
  sam_unlock_page_update_actions (self);
}

GtkWidget *
sam_unlock_page_new (void)
{
  return g_object_new (SAM_TYPE_UNLOCK_PAGE, NULL);
}

/**
 * sam_unlock_page_get_database_path:
 * @self: a #SamUnlockPage
 *
 * Returns: (nullable): the database to unlock
 */
const char *
sam_unlock_page_get_database_path (SamUnlockPage *self)
{
  g_return_val_if_fail (SAM_IS_UNLOCK_PAGE (self), NULL);

  return self->database_path;
}

/**
 * sam_unlock_page_set_database_path:
 * @self: a #SamUnlockPage
 * @database_path: (nullable): the database to unlock
 */
void
sam_unlock_page_set_database_path (SamUnlockPage *self,
                                   const char    *database_path)
{
  g_return_if_fail (SAM_IS_UNLOCK_PAGE (self));

  if (g_strcmp0 (self->database_path, database_path) == 0)
    return;

  g_free (self->database_path);
  self->database_path = g_strdup (database_path);

  sam_unlock_page_reset (self);
  sam_unlock_page_stop_backoff (self);
  sam_unlock_page_check_database (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DATABASE_PATH]);
}

/**
 * sam_unlock_page_get_busy:
 * @self: a #SamUnlockPage
 *
 * Returns: whether an unlock is running
 */
gboolean
sam_unlock_page_get_busy (SamUnlockPage *self)
{
  g_return_val_if_fail (SAM_IS_UNLOCK_PAGE (self), FALSE);

  return self->busy;
}

/**
 * sam_unlock_page_reset:
 * @self: a #SamUnlockPage
 *
 * Cancels a running unlock, empties the passphrase and hides the last
 * error. The user name stays, so that the same person can sign in again
 * quickly; a running back-off goes on counting.
 */
void
sam_unlock_page_reset (SamUnlockPage *self)
{
  g_return_if_fail (SAM_IS_UNLOCK_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  sam_unlock_page_hide_error (self);
  sam_unlock_page_set_busy (self, FALSE);
  sam_unlock_page_update_countdown (self);
  sam_unlock_page_update_actions (self);
}
