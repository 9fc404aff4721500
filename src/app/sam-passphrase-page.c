/* sam-passphrase-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-passphrase-page"

#include "config.h"

#include "sam-passphrase-page.h"

#include <glib/gi18n.h>

#include "sam-utils.h"

struct _SamPassphrasePage
{
  AdwBin               parent_instance;

  SamSession          *session;
  GCancellable        *cancellable;

  guint                busy : 1;

  /* Template widgets */
  AdwPasswordEntryRow *new_row;
  AdwPasswordEntryRow *repeat_row;
  GtkLabel            *hint_label;
  GtkLabel            *error_label;
  GtkButton           *change_button;
  GtkStack            *change_button_stack;
  GtkSpinner          *spinner;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BUSY,
  N_PROPS
};

enum {
  PASSPHRASE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (SamPassphrasePage, sam_passphrase_page, ADW_TYPE_BIN)

/* One change in flight; the new passphrase stays in locked memory until the
 * core is done with it. */
typedef struct
{
  SamPassphrasePage *self;
  GCancellable      *cancellable;
  SamSecret         *passphrase;
} ChangeAttempt;

static void
change_attempt_free (ChangeAttempt *attempt)
{
  g_clear_object (&attempt->self);
  g_clear_object (&attempt->cancellable);
  g_clear_pointer (&attempt->passphrase, sam_secret_free);
  g_free (attempt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChangeAttempt, change_attempt_free)

static void
sam_passphrase_page_set_row_error (AdwPasswordEntryRow *row,
                                   gboolean             error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* Says what is still missing, as the person types, and enables the button
 * only for a passphrase the core will accept. */
static void
sam_passphrase_page_validate (SamPassphrasePage *self)
{
  g_autofree char *hint = NULL;
  const char *new_text;
  const char *repeat_text;
  glong length;
  gboolean too_short;
  gboolean mismatch;

  g_assert (SAM_IS_PASSPHRASE_PAGE (self));

  new_text = gtk_editable_get_text (GTK_EDITABLE (self->new_row));
  repeat_text = gtk_editable_get_text (GTK_EDITABLE (self->repeat_row));
  length = g_utf8_strlen (new_text, -1);
  too_short = length < SAM_PASSPHRASE_MIN_LENGTH;
  mismatch = repeat_text[0] != '\0' && g_strcmp0 (new_text, repeat_text) != 0;

  if (mismatch)
    hint = g_strdup (_("The two passphrases do not match."));
  else if (too_short)
    hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Use at least %u character. A few unrelated words are easy to remember and hard to guess.",
                                         "Use at least %u characters. A few unrelated words are easy to remember and hard to guess.",
                                         SAM_PASSPHRASE_MIN_LENGTH),
                            (guint) SAM_PASSPHRASE_MIN_LENGTH);
  else if (repeat_text[0] == '\0')
    hint = g_strdup (_("Repeat the new passphrase."));
  else
    hint = g_strdup (_("The passphrases match."));

  gtk_label_set_text (self->hint_label, hint);
  sam_passphrase_page_set_row_error (self->new_row, too_short && new_text[0] != '\0' && repeat_text[0] != '\0');
  sam_passphrase_page_set_row_error (self->repeat_row, mismatch);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "passphrase-page.change",
                                 !self->busy &&
                                 self->session != NULL &&
                                 !too_short &&
                                 repeat_text[0] != '\0' &&
                                 !mismatch);
}

static void
sam_passphrase_page_set_busy (SamPassphrasePage *self,
                              gboolean           busy)
{
  g_assert (SAM_IS_PASSPHRASE_PAGE (self));

  busy = !!busy;
  if (self->busy == busy)
    return;

  self->busy = busy;

  /* A focused text field that turns insensitive never hears that it lost
   * the focus (its cursor keeps blinking, and GTK warns): drop the focus
   * first. */
  if (busy)
    sam_widget_drop_focus (GTK_WIDGET (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->repeat_row), !busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_stack_set_visible_child_name (self->change_button_stack, busy ? "spinner" : "label");
  sam_passphrase_page_validate (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

static void
sam_passphrase_page_show_error (SamPassphrasePage *self,
                                const char        *message)
{
  g_assert (SAM_IS_PASSPHRASE_PAGE (self));

  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
sam_passphrase_page_reset (SamPassphrasePage *self)
{
  g_assert (SAM_IS_PASSPHRASE_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_editable_set_text (GTK_EDITABLE (self->new_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_row), "");
  sam_passphrase_page_show_error (self, NULL);
  sam_passphrase_page_set_busy (self, FALSE);
  sam_passphrase_page_validate (self);
}

static void
sam_passphrase_page_change_cb (GObject      *object,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  SamSession *session = (SamSession *)object;
  g_autoptr(ChangeAttempt) attempt = user_data;
  g_autoptr(GError) error = NULL;
  SamPassphrasePage *self = attempt->self;
  gboolean changed;

  g_assert (SAM_IS_SESSION (session));
  g_assert (SAM_IS_PASSPHRASE_PAGE (self));

  changed = sam_session_change_passphrase_finish (session, result, &error);
  g_clear_pointer (&attempt->passphrase, sam_secret_free);

  if (g_cancellable_is_cancelled (attempt->cancellable))
    return;

  g_clear_object (&self->cancellable);
  sam_passphrase_page_set_busy (self, FALSE);

  if (!changed)
    {
      g_debug ("Changing the passphrase failed: %s %d",
               g_quark_to_string (error->domain), error->code);
      sam_passphrase_page_show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->new_row));
      return;
    }

  g_debug ("Passphrase changed for user %" G_GINT64_FORMAT,
           sam_session_get_user_id (session));

  g_signal_emit (self, signals [PASSPHRASE_CHANGED], 0);
}

static void
sam_passphrase_page_change_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  SamPassphrasePage *self = (SamPassphrasePage *)widget;
  ChangeAttempt *attempt;

  g_assert (SAM_IS_PASSPHRASE_PAGE (self));

  if (self->busy || self->session == NULL)
    return;

  attempt = g_new0 (ChangeAttempt, 1);
  attempt->self = g_object_ref (self);
  attempt->passphrase = sam_password_row_take_secret (self->new_row);
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_row), "");

  sam_passphrase_page_show_error (self, NULL);
  sam_passphrase_page_set_busy (self, TRUE);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  attempt->cancellable = g_object_ref (self->cancellable);

  /* Wrapping the key under the new passphrase runs Argon2id: in a thread. */
  sam_session_change_passphrase_async (self->session,
                                       attempt->passphrase,
                                       attempt->cancellable,
                                       sam_passphrase_page_change_cb,
                                       attempt);
}

static void
on_row_changed (SamPassphrasePage *self)
{
  g_assert (SAM_IS_PASSPHRASE_PAGE (self));

  sam_passphrase_page_validate (self);
}

static void
on_new_row_entry_activated (SamPassphrasePage *self)
{
  g_assert (SAM_IS_PASSPHRASE_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->repeat_row));
}

static void
on_repeat_row_entry_activated (SamPassphrasePage *self)
{
  g_assert (SAM_IS_PASSPHRASE_PAGE (self));

  gtk_widget_activate_action (GTK_WIDGET (self), "passphrase-page.change", NULL);
}

static gboolean
sam_passphrase_page_grab_focus (GtkWidget *widget)
{
  SamPassphrasePage *self = (SamPassphrasePage *)widget;

  g_assert (SAM_IS_PASSPHRASE_PAGE (self));

  return gtk_widget_grab_focus (GTK_WIDGET (self->new_row));
}

static void
sam_passphrase_page_dispose (GObject *object)
{
  SamPassphrasePage *self = (SamPassphrasePage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sam_passphrase_page_parent_class)->dispose (object);
}

static void
sam_passphrase_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SamPassphrasePage *self = SAM_PASSPHRASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_passphrase_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SamPassphrasePage *self = SAM_PASSPHRASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      sam_passphrase_page_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_passphrase_page_class_init (SamPassphrasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_passphrase_page_dispose;
  object_class->get_property = sam_passphrase_page_get_property;
  object_class->set_property = sam_passphrase_page_set_property;

  widget_class->grab_focus = sam_passphrase_page_grab_focus;

  /**
   * SamPassphrasePage:session:
   *
   * The session whose passphrase to change.
   */
  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         SAM_TYPE_SESSION,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * SamPassphrasePage:busy:
   *
   * Whether a change is running.
   */
  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SamPassphrasePage::passphrase-changed:
   * @self: a #SamPassphrasePage
   *
   * Emitted when the new passphrase has replaced the one-time passphrase.
   */
  signals [PASSPHRASE_CHANGED] =
    g_signal_new ("passphrase-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-passphrase-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SamPassphrasePage, new_row);
  gtk_widget_class_bind_template_child (widget_class, SamPassphrasePage, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, SamPassphrasePage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, SamPassphrasePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, SamPassphrasePage, change_button);
  gtk_widget_class_bind_template_child (widget_class, SamPassphrasePage, change_button_stack);
  gtk_widget_class_bind_template_child (widget_class, SamPassphrasePage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_new_row_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_repeat_row_entry_activated);

  gtk_widget_class_install_action (widget_class, "passphrase-page.change", NULL,
                                   sam_passphrase_page_change_action);
}

static void
sam_passphrase_page_init (SamPassphrasePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  sam_password_row_use_secure_buffer (self->new_row);
  sam_password_row_use_secure_buffer (self->repeat_row);
  sam_passphrase_page_validate (self);
}

GtkWidget *
sam_passphrase_page_new (void)
{
  return g_object_new (SAM_TYPE_PASSPHRASE_PAGE, NULL);
}

/**
 * sam_passphrase_page_get_session:
 * @self: a #SamPassphrasePage
 *
 * Returns: (transfer none) (nullable): the session whose passphrase to change
 */
SamSession *
sam_passphrase_page_get_session (SamPassphrasePage *self)
{
  g_return_val_if_fail (SAM_IS_PASSPHRASE_PAGE (self), NULL);

  return self->session;
}

/**
 * sam_passphrase_page_set_session:
 * @self: a #SamPassphrasePage
 * @session: (nullable): the session whose passphrase to change
 *
 * Setting a session, or %NULL, also empties both fields and cancels a
 * change that is still running.
 */
void
sam_passphrase_page_set_session (SamPassphrasePage *self,
                                 SamSession        *session)
{
  g_return_if_fail (SAM_IS_PASSPHRASE_PAGE (self));
  g_return_if_fail (!session || SAM_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  sam_passphrase_page_reset (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}

/**
 * sam_passphrase_page_get_busy:
 * @self: a #SamPassphrasePage
 *
 * Returns: whether a change is running
 */
gboolean
sam_passphrase_page_get_busy (SamPassphrasePage *self)
{
  g_return_val_if_fail (SAM_IS_PASSPHRASE_PAGE (self), FALSE);

  return self->busy;
}
