/* sam-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-preferences-window"

#include "config.h"

#include "sam-preferences-window.h"

struct _SamPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* Template widgets */
  GtkSpinButton        *auto_lock_spin;
  GtkSpinButton        *first_reminder_spin;
  GtkSpinButton        *second_reminder_spin;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (SamPreferencesWindow, sam_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Every change is saved at once, as GNOME preferences are: there is no
 * Apply button to forget. */
static void
sam_preferences_window_bind (SamPreferencesWindow *self,
                             const char           *key,
                             GtkSpinButton        *spin)
{
  g_assert (SAM_IS_PREFERENCES_WINDOW (self));

  g_settings_bind (self->settings, key,
                   gtk_spin_button_get_adjustment (spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
sam_preferences_window_constructed (GObject *object)
{
  SamPreferencesWindow *self = (SamPreferencesWindow *)object;

  G_OBJECT_CLASS (sam_preferences_window_parent_class)->constructed (object);

  sam_preferences_window_bind (self, "auto-lock-minutes", self->auto_lock_spin);
  sam_preferences_window_bind (self, "meeting-reminder-first-hours", self->first_reminder_spin);
  sam_preferences_window_bind (self, "meeting-reminder-second-minutes", self->second_reminder_spin);
}

static void
sam_preferences_window_dispose (GObject *object)
{
  SamPreferencesWindow *self = (SamPreferencesWindow *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sam_preferences_window_parent_class)->dispose (object);
}

static void
sam_preferences_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SamPreferencesWindow *self = SAM_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  SamPreferencesWindow *self = SAM_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_preferences_window_class_init (SamPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sam_preferences_window_constructed;
  object_class->dispose = sam_preferences_window_dispose;
  object_class->get_property = sam_preferences_window_get_property;
  object_class->set_property = sam_preferences_window_set_property;

  /**
   * SamPreferencesWindow:settings:
   *
   * The application's settings (schema `se.samverka.Samverka`) that the
   * window shows and changes.
   */
  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SamPreferencesWindow, auto_lock_spin);
  gtk_widget_class_bind_template_child (widget_class, SamPreferencesWindow, first_reminder_spin);
  gtk_widget_class_bind_template_child (widget_class, SamPreferencesWindow, second_reminder_spin);
}

static void
sam_preferences_window_init (SamPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sam_preferences_window_new:
 * @settings: the application's settings
 * @parent: (nullable): the window to stay on top of
 *
 * Returns: (transfer none): a new modal preferences window, owned by GTK
 *   until destroyed
 */
SamPreferencesWindow *
sam_preferences_window_new (GSettings *settings,
                            GtkWindow *parent)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (SAM_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}

/**
 * sam_preferences_window_get_settings:
 * @self: a #SamPreferencesWindow
 *
 * Returns: (transfer none): the settings the window changes
 */
GSettings *
sam_preferences_window_get_settings (SamPreferencesWindow *self)
{
  g_return_val_if_fail (SAM_IS_PREFERENCES_WINDOW (self), NULL);

  return self->settings;
}
