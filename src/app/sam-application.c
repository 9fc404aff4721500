/* sam-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-application"

#include "config.h"

#include "sam-application.h"

#include <glib/gi18n.h>

#include "sam-mnemonic-labels.h"
#include "sam-preferences-window.h"
#include "sam-utils.h"
#include "sam-window.h"
#include "samverka-core.h"

struct _SamApplication
{
  AdwApplication  parent_instance;

  char           *database_path;
  GError         *security_error;
};

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (SamApplication, sam_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database at PATH instead of the default one"), N_("PATH") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

static SamWindow *
sam_application_find_window (SamApplication *self)
{
  g_assert (SAM_IS_APPLICATION (self));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (SAM_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

static void
sam_application_quit_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  SamApplication *self = user_data;
  GList *windows;

  g_assert (SAM_IS_APPLICATION (self));

  /* Destroying the windows locks their sessions, which wipes the keys. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))))
    gtk_window_destroy (windows->data);

  g_application_quit (G_APPLICATION (self));
}

static void
sam_application_about_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  SamApplication *self = user_data;
  GtkWindow *parent;
  GtkWidget *about;

  g_assert (SAM_IS_APPLICATION (self));

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Samverka"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Samverka developers"),
                        "comments", _("Early, coordinated prevention work with young people at risk, "
                                      "shared between school, social services, police and leisure (SSPF)."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
sam_application_shortcuts_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  SamApplication *self = user_data;
  GtkWindow *window;

  g_assert (SAM_IS_APPLICATION (self));

  /* GtkApplication loaded gtk/help-overlay.ui from our resources and gave
   * every application window a win.show-help-overlay action for it. */
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
sam_application_preferences_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  SamApplication *self = user_data;
  g_autoptr(GSettings) settings = NULL;
  SamPreferencesWindow *preferences;
  GtkWindow *window;
  SamSession *session = NULL;

  g_assert (SAM_IS_APPLICATION (self));

  /* Without the schema there is nothing to show; sam_settings_new() said so. */
  settings = sam_settings_new ();
  if (settings == NULL)
    return;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (SAM_IS_WINDOW (window))
    session = sam_window_get_session (SAM_WINDOW (window));

  preferences = sam_preferences_window_new (settings, session, window);
  /* The window's auto-lock follows the bounds an administrator saves. */
  if (SAM_IS_WINDOW (window))
    g_signal_connect_object (preferences, "organisation-changed",
                             G_CALLBACK (sam_window_reload_organisation_settings), window,
                             G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { "quit", sam_application_quit_action },
  { "about", sam_application_about_action },
  { "shortcuts", sam_application_shortcuts_action },
  { "preferences", sam_application_preferences_action },
};

static int
sam_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  SamApplication *self = SAM_APPLICATION (application);
  const char *database_path = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "samverka", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "database", "^&ay", &database_path))
    {
      g_autofree char *absolute = g_canonicalize_filename (database_path, NULL);

      sam_application_set_database_path (self, absolute);
    }

  return G_APPLICATION_CLASS (sam_application_parent_class)->handle_local_options (application, options);
}

static void
sam_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *no_accels[] = { NULL };
  SamApplication *self = SAM_APPLICATION (application);

  G_APPLICATION_CLASS (sam_application_parent_class)->startup (application);

  sam_mnemonic_labels_init ();

  if (!sam_security_init (&self->security_error))
    g_printerr ("%s\n", self->security_error->message);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts", shortcuts_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  /* app.shortcuts owns Ctrl+? now; GtkApplication gave it to the window's
   * action as well. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", no_accels);
}

static void
sam_application_activate (GApplication *application)
{
  SamApplication *self = SAM_APPLICATION (application);
  SamWindow *window;

  /* Without locked key memory and disabled core dumps, the key could reach
   * the disk. Refuse to open any database then. */
  if (self->security_error != NULL)
    {
      g_application_quit (application);
      return;
    }

  window = sam_application_find_window (self);
  if (window == NULL)
    {
      g_autofree char *default_path = NULL;
      const char *path = self->database_path;

      if (path == NULL)
        path = default_path = sam_database_default_path ();

      window = sam_window_new (self, path);
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
sam_application_finalize (GObject *object)
{
  SamApplication *self = (SamApplication *)object;

  g_clear_pointer (&self->database_path, g_free);
  g_clear_error (&self->security_error);

  G_OBJECT_CLASS (sam_application_parent_class)->finalize (object);
}

static void
sam_application_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SamApplication *self = SAM_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_application_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SamApplication *self = SAM_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      sam_application_set_database_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_application_class_init (SamApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = sam_application_finalize;
  object_class->get_property = sam_application_get_property;
  object_class->set_property = sam_application_set_property;

  app_class->handle_local_options = sam_application_handle_local_options;
  app_class->startup = sam_application_startup;
  app_class->activate = sam_application_activate;

  /**
   * SamApplication:database-path:
   *
   * The database that new windows open. %NULL means the default one, see
   * sam_database_default_path().
   */
  properties [PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sam_application_init (SamApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Coordinated prevention work with young people (SSPF)."));
}

/**
 * sam_application_new:
 *
 * Returns: (transfer full): the application
 */
SamApplication *
sam_application_new (void)
{
  return g_object_new (SAM_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/**
 * sam_application_get_database_path:
 * @self: a #SamApplication
 *
 * Returns: (nullable): the path given with --database, if any
 */
const char *
sam_application_get_database_path (SamApplication *self)
{
  g_return_val_if_fail (SAM_IS_APPLICATION (self), NULL);

  return self->database_path;
}

/**
 * sam_application_set_database_path:
 * @self: a #SamApplication
 * @database_path: (nullable): the database that new windows open
 */
void
sam_application_set_database_path (SamApplication *self,
                                   const char     *database_path)
{
  g_return_if_fail (SAM_IS_APPLICATION (self));

  if (g_strcmp0 (self->database_path, database_path) == 0)
    return;

  g_free (self->database_path);
  self->database_path = g_strdup (database_path);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DATABASE_PATH]);
}
