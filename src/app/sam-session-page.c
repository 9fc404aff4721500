/* sam-session-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-session-page"

#include "config.h"

#include "sam-session-page.h"

#include <glib/gi18n.h>

struct _SamSessionPage
{
  AdwBin         parent_instance;

  SamSession    *session;

  /* Template widgets */
  AdwAvatar     *avatar;
  GtkLabel      *display_name_label;
  GtkLabel      *failed_attempts_label;
  GtkLabel      *user_name_label;
  GtkLabel      *role_label;
  GtkLabel      *agency_label;
  GtkLabel      *path_label;
  GtkLabel      *schema_label;
  GtkLabel      *cipher_label;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (SamSessionPage, sam_session_page, ADW_TYPE_BIN)

/* AdwAvatar takes the first letters of the first and the last word; keep
 * only words that start with a letter, so that “Maria Ek (demo)” becomes
 * “ME”, not “M(”. */
static char *
sam_session_page_dup_avatar_text (const char *display_name)
{
  g_auto(GStrv) words = g_strsplit (display_name, " ", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_unichar_isalpha (g_utf8_get_char (words[i])))
        g_strv_builder_add (builder, words[i]);
    }

  kept = g_strv_builder_end (builder);

  return g_strjoinv (" ", kept);
}

/* Forget everything that was shown: locking must leave no personal data
 * behind in any widget. */
static void
sam_session_page_clear (SamSessionPage *self)
{
  g_assert (SAM_IS_SESSION_PAGE (self));

  adw_avatar_set_text (self->avatar, NULL);
  gtk_label_set_text (self->display_name_label, "");
  gtk_label_set_text (self->failed_attempts_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->failed_attempts_label), FALSE);
  gtk_label_set_text (self->user_name_label, "");
  gtk_label_set_text (self->role_label, "");
  gtk_label_set_text (self->agency_label, "");
  gtk_label_set_text (self->path_label, "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->path_label), NULL);
  gtk_label_set_text (self->schema_label, "");
  gtk_label_set_text (self->cipher_label, "");
}

static void
sam_session_page_show_failed_attempts (SamSessionPage *self,
                                       guint           failed_attempts)
{
  g_autofree char *text = NULL;

  g_assert (SAM_IS_SESSION_PAGE (self));

  if (failed_attempts == 0)
    return;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u failed unlock attempt since your last sign-in",
                                       "%u failed unlock attempts since your last sign-in",
                                       failed_attempts),
                          failed_attempts);
  gtk_label_set_text (self->failed_attempts_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->failed_attempts_label), TRUE);
}

static void
sam_session_page_show_database (SamSessionPage *self,
                                SamDatabase    *database)
{
  g_autofree char *schema = NULL;
  g_autofree char *cipher_version = NULL;
  g_autofree char *cipher = NULL;

  g_assert (SAM_IS_SESSION_PAGE (self));
  g_assert (SAM_IS_DATABASE (database));

  gtk_label_set_text (self->path_label, sam_database_get_path (database));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->path_label), sam_database_get_path (database));

  schema = g_strdup_printf ("%u", sam_database_get_schema_version (database));
  gtk_label_set_text (self->schema_label, schema);

  cipher_version = sam_database_get_cipher_version (database);
  /* Translators: %s is the version of SQLCipher, e.g. “4.6.1 community” */
  cipher = g_strdup_printf (_("SQLCipher %s"), cipher_version ? cipher_version : "");
  gtk_label_set_text (self->cipher_label, cipher);
}

static void
sam_session_page_show_session (SamSessionPage *self)
{
  g_autofree char *avatar_text = NULL;
  const char *display_name;

  g_assert (SAM_IS_SESSION_PAGE (self));
  g_assert (SAM_IS_SESSION (self->session));

  display_name = sam_session_get_display_name (self->session);
  if (display_name == NULL || display_name[0] == '\0')
    display_name = sam_session_get_user_name (self->session);

  avatar_text = sam_session_page_dup_avatar_text (display_name);
  adw_avatar_set_text (self->avatar, avatar_text);
  gtk_label_set_text (self->display_name_label, display_name);
  gtk_label_set_text (self->user_name_label, sam_session_get_user_name (self->session));
  gtk_label_set_text (self->role_label, sam_role_get_label (sam_session_get_role (self->session)));
  gtk_label_set_text (self->agency_label, sam_session_get_agency_name (self->session));

  sam_session_page_show_failed_attempts (self, sam_session_get_failed_attempts (self->session));
  sam_session_page_show_database (self, sam_session_get_database (self->session));
}

static void
sam_session_page_dispose (GObject *object)
{
  SamSessionPage *self = (SamSessionPage *)object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (sam_session_page_parent_class)->dispose (object);
}

static void
sam_session_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SamSessionPage *self = SAM_SESSION_PAGE (object);

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
sam_session_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SamSessionPage *self = SAM_SESSION_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      sam_session_page_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_session_page_class_init (SamSessionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_session_page_dispose;
  object_class->get_property = sam_session_page_get_property;
  object_class->set_property = sam_session_page_set_property;

  /**
   * SamSessionPage:session:
   *
   * The signed-in session to show, or %NULL to show nothing.
   */
  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         SAM_TYPE_SESSION,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-session-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SamSessionPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, SamSessionPage, display_name_label);
  gtk_widget_class_bind_template_child (widget_class, SamSessionPage, failed_attempts_label);
  gtk_widget_class_bind_template_child (widget_class, SamSessionPage, user_name_label);
  gtk_widget_class_bind_template_child (widget_class, SamSessionPage, role_label);
  gtk_widget_class_bind_template_child (widget_class, SamSessionPage, agency_label);
  gtk_widget_class_bind_template_child (widget_class, SamSessionPage, path_label);
  gtk_widget_class_bind_template_child (widget_class, SamSessionPage, schema_label);
  gtk_widget_class_bind_template_child (widget_class, SamSessionPage, cipher_label);
}

static void
sam_session_page_init (SamSessionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sam_session_page_new (void)
{
  return g_object_new (SAM_TYPE_SESSION_PAGE, NULL);
}

/**
 * sam_session_page_get_session:
 * @self: a #SamSessionPage
 *
 * Returns: (transfer none) (nullable): the session shown
 */
SamSession *
sam_session_page_get_session (SamSessionPage *self)
{
  g_return_val_if_fail (SAM_IS_SESSION_PAGE (self), NULL);

  return self->session;
}

/**
 * sam_session_page_set_session:
 * @self: a #SamSessionPage
 * @session: (nullable): the session to show
 *
 * Shows who is signed in. %NULL empties every label, as locking requires.
 */
void
sam_session_page_set_session (SamSessionPage *self,
                              SamSession     *session)
{
  g_return_if_fail (SAM_IS_SESSION_PAGE (self));
  g_return_if_fail (!session || SAM_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  sam_session_page_clear (self);

  if (self->session != NULL)
    sam_session_page_show_session (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}
