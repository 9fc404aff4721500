/* sam-preferences-window.c
 *
 * The user's own preferences, saved at once in GSettings, and for an
 * administrator the organisation's settings, held in the database and
 * saved through the core (sam-settings.h) with a Save button: they are
 * several values checked together, and a refused value stays as typed
 * beside the core's message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-preferences-window"

#include "config.h"

#include "sam-preferences-window.h"

#include <glib/gi18n.h>

/* The range of the users' own `auto-lock-minutes` in the schema. */
#define AUTO_LOCK_SCHEMA_MIN 1
#define AUTO_LOCK_SCHEMA_MAX 120

struct _SamPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  SamSession           *session;
  /* The organisation's settings as last read from the database */
  SamSettings           organisation;

  /* Template widgets */
  AdwActionRow         *auto_lock_row;
  GtkSpinButton        *auto_lock_spin;
  GtkSpinButton        *first_reminder_spin;
  GtkSpinButton        *second_reminder_spin;
  AdwPreferencesPage   *organisation_page;
  AdwEntryRow          *summary_k_row;
  AdwEntryRow          *auto_lock_min_row;
  AdwEntryRow          *auto_lock_max_row;
  AdwEntryRow          *first_reminder_default_row;
  AdwEntryRow          *second_reminder_default_row;
  GtkLabel             *organisation_error_label;
  GtkButton            *save_button;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_SESSION,
  N_PROPS
};

enum {
  ORGANISATION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

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

/* A reminder the user never set shows the organisation's default, which
 * is what the reminders use (sam_reminder_service_get_lead_times()). */
static gboolean
sam_preferences_window_map_reminder (SamPreferencesWindow *self,
                                     const char           *key,
                                     SamSetting            setting,
                                     GValue               *value,
                                     GVariant             *variant)
{
  g_autoptr(GVariant) user_value = g_settings_get_user_value (self->settings, key);

  g_assert (SAM_IS_PREFERENCES_WINDOW (self));

  if (user_value == NULL && self->session != NULL)
    g_value_set_double (value, self->organisation.values[setting]);
  else
    g_value_set_double (value, g_variant_get_uint32 (variant));

  return TRUE;
}

static gboolean
first_reminder_get_mapping (GValue   *value,
                            GVariant *variant,
                            gpointer  user_data)
{
  return sam_preferences_window_map_reminder (user_data, "meeting-reminder-first-hours",
                                              SAM_SETTING_MEETING_REMINDER_FIRST_HOURS, value, variant);
}

static gboolean
second_reminder_get_mapping (GValue   *value,
                             GVariant *variant,
                             gpointer  user_data)
{
  return sam_preferences_window_map_reminder (user_data, "meeting-reminder-second-minutes",
                                              SAM_SETTING_MEETING_REMINDER_SECOND_MINUTES, value, variant);
}

static GVariant *
reminder_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  return g_variant_new_uint32 ((guint32) (g_value_get_double (value) + 0.5));
}

static void
sam_preferences_window_bind_reminders (SamPreferencesWindow *self)
{
  g_assert (SAM_IS_PREFERENCES_WINDOW (self));

  g_settings_unbind (gtk_spin_button_get_adjustment (self->first_reminder_spin), "value");
  g_settings_unbind (gtk_spin_button_get_adjustment (self->second_reminder_spin), "value");
  g_settings_bind_with_mapping (self->settings, "meeting-reminder-first-hours",
                                gtk_spin_button_get_adjustment (self->first_reminder_spin), "value",
                                G_SETTINGS_BIND_DEFAULT,
                                first_reminder_get_mapping, reminder_set_mapping, self, NULL);
  g_settings_bind_with_mapping (self->settings, "meeting-reminder-second-minutes",
                                gtk_spin_button_get_adjustment (self->second_reminder_spin), "value",
                                G_SETTINGS_BIND_DEFAULT,
                                second_reminder_get_mapping, reminder_set_mapping, self, NULL);
}

/* The spin offers only what the organisation allows. It is unbound while
 * its range changes, so that a stored choice outside the bounds is shown
 * clamped without being overwritten: the lock monitor clamps it too. */
static void
sam_preferences_window_bind_auto_lock (SamPreferencesWindow *self)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (self->auto_lock_spin);
  guint lower = AUTO_LOCK_SCHEMA_MIN;
  guint upper = AUTO_LOCK_SCHEMA_MAX;

  g_assert (SAM_IS_PREFERENCES_WINDOW (self));

  if (self->session != NULL)
    {
      g_autofree char *low = NULL;
      g_autofree char *high = NULL;
      g_autofree char *subtitle = NULL;

      upper = MIN (self->organisation.values[SAM_SETTING_AUTO_LOCK_MAX_MINUTES], AUTO_LOCK_SCHEMA_MAX);
      lower = MIN (self->organisation.values[SAM_SETTING_AUTO_LOCK_MIN_MINUTES], upper);
      low = g_strdup_printf ("%u", self->organisation.values[SAM_SETTING_AUTO_LOCK_MIN_MINUTES]);
      high = g_strdup_printf ("%u", self->organisation.values[SAM_SETTING_AUTO_LOCK_MAX_MINUTES]);
      /* TRANSLATORS: the two %s are numbers of minutes */
      subtitle = g_strdup_printf (_("Minutes without input in Samverka before it locks and asks for "
                                    "the passphrase again. Your organisation allows %s to %s."),
                                  low, high);
      adw_action_row_set_subtitle (self->auto_lock_row, subtitle);
    }

  g_settings_unbind (adjustment, "value");
  gtk_adjustment_set_lower (adjustment, lower);
  gtk_adjustment_set_upper (adjustment, upper);
  sam_preferences_window_bind (self, "auto-lock-minutes", self->auto_lock_spin);
}

static AdwEntryRow *
sam_preferences_window_organisation_row (SamPreferencesWindow *self,
                                         SamSetting            setting)
{
  AdwEntryRow *rows[SAM_N_SETTINGS] = {
    [SAM_SETTING_SUMMARY_K] = self->summary_k_row,
    [SAM_SETTING_AUTO_LOCK_MIN_MINUTES] = self->auto_lock_min_row,
    [SAM_SETTING_AUTO_LOCK_MAX_MINUTES] = self->auto_lock_max_row,
    [SAM_SETTING_MEETING_REMINDER_FIRST_HOURS] = self->first_reminder_default_row,
    [SAM_SETTING_MEETING_REMINDER_SECOND_MINUTES] = self->second_reminder_default_row,
  };

  g_assert (SAM_IS_PREFERENCES_WINDOW (self));

  return rows[setting];
}

static void
sam_preferences_window_show_organisation_error (SamPreferencesWindow *self,
                                                const char           *message,
                                                AdwEntryRow          *row)
{
  g_assert (SAM_IS_PREFERENCES_WINDOW (self));

  for (SamSetting s = 0; s < SAM_N_SETTINGS; s++)
    gtk_widget_remove_css_class (GTK_WIDGET (sam_preferences_window_organisation_row (self, s)), "error");

  gtk_label_set_text (self->organisation_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->organisation_error_label), message != NULL);
  if (row != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static void
sam_preferences_window_fill_organisation (SamPreferencesWindow *self)
{
  g_assert (SAM_IS_PREFERENCES_WINDOW (self));

  for (SamSetting s = 0; s < SAM_N_SETTINGS; s++)
    {
      g_autofree char *text = g_strdup_printf ("%u", self->organisation.values[s]);

      gtk_editable_set_text (GTK_EDITABLE (sam_preferences_window_organisation_row (self, s)), text);
    }
}

/* The core's field errors begin with the setting's name. */
static AdwEntryRow *
sam_preferences_window_row_named_by (SamPreferencesWindow *self,
                                     const GError         *error)
{
  g_assert (SAM_IS_PREFERENCES_WINDOW (self));

  if (!g_error_matches (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID))
    return NULL;

  for (SamSetting s = 0; s < SAM_N_SETTINGS; s++)
    if (g_str_has_prefix (error->message, sam_setting_get_label (s)))
      return sam_preferences_window_organisation_row (self, s);

  return NULL;
}

/* Reads every row, stopping at the first the core refuses to read. */
static gboolean
sam_preferences_window_read_organisation (SamPreferencesWindow  *self,
                                          SamSettings           *out_settings,
                                          AdwEntryRow          **out_row,
                                          GError               **error)
{
  g_assert (SAM_IS_PREFERENCES_WINDOW (self));

  for (SamSetting s = 0; s < SAM_N_SETTINGS; s++)
    {
      AdwEntryRow *row = sam_preferences_window_organisation_row (self, s);
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

      if (!sam_setting_parse (s, text, &out_settings->values[s], error))
        {
          *out_row = row;
          return FALSE;
        }
    }

  return TRUE;
}

static void
sam_preferences_window_save_organisation (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  SamPreferencesWindow *self = SAM_PREFERENCES_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  AdwEntryRow *row = NULL;
  SamSettings settings;

  if (self->session == NULL)
    return;

  if (!sam_preferences_window_read_organisation (self, &settings, &row, &error))
    {
      sam_preferences_window_show_organisation_error (self, error->message, row);
      return;
    }

  if (!sam_settings_save (self->session, &settings, &error))
    {
      sam_preferences_window_show_organisation_error (self, error->message,
                                                      sam_preferences_window_row_named_by (self, error));
      return;
    }

  self->organisation = settings;
  sam_preferences_window_show_organisation_error (self, NULL, NULL);
  sam_preferences_window_bind_auto_lock (self);
  sam_preferences_window_bind_reminders (self);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("The organisation’s settings were saved")));
  g_signal_emit (self, signals [ORGANISATION_CHANGED], 0);
}

/* Without a session there is nothing to read; for anyone but an
 * administrator the page is not there at all. */
static void
sam_preferences_window_load_organisation (SamPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  gboolean writable;

  g_assert (SAM_IS_PREFERENCES_WINDOW (self));

  sam_settings_init_defaults (&self->organisation);
  if (self->session != NULL &&
      !sam_settings_load (self->session, &self->organisation, &error))
    {
      g_debug ("Could not read the organisation's settings: %s", error->message);
      g_clear_object (&self->session);
    }

  writable = self->session != NULL &&
             sam_policy_allows (sam_session_get_role (self->session), SAM_OPERATION_SETTINGS_WRITE);
  if (writable)
    {
      sam_preferences_window_fill_organisation (self);
      /* Enter in any of the rows saves. */
      gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
    }
  else
    adw_preferences_window_remove (ADW_PREFERENCES_WINDOW (self), self->organisation_page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.save-organisation", writable);
}

static void
sam_preferences_window_constructed (GObject *object)
{
  SamPreferencesWindow *self = (SamPreferencesWindow *)object;

  G_OBJECT_CLASS (sam_preferences_window_parent_class)->constructed (object);

  sam_preferences_window_load_organisation (self);
  sam_preferences_window_bind_auto_lock (self);
  sam_preferences_window_bind_reminders (self);
}

static void
sam_preferences_window_dispose (GObject *object)
{
  SamPreferencesWindow *self = (SamPreferencesWindow *)object;

  /* The reminders' mappings read the settings and the session: no change
   * may reach them once those are gone. */
  if (self->settings != NULL)
    {
      g_settings_unbind (gtk_spin_button_get_adjustment (self->auto_lock_spin), "value");
      g_settings_unbind (gtk_spin_button_get_adjustment (self->first_reminder_spin), "value");
      g_settings_unbind (gtk_spin_button_get_adjustment (self->second_reminder_spin), "value");
    }
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

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

    case PROP_SESSION:
      g_value_set_object (value, self->session);
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

    case PROP_SESSION:
      self->session = g_value_dup_object (value);
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

  /**
   * SamPreferencesWindow:session:
   *
   * The unlocked session whose organisation's settings the window shows,
   * or %NULL while locked. An administrator's session also shows the
   * Organisation page to change them.
   */
  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         SAM_TYPE_SESSION,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SamPreferencesWindow::organisation-changed:
   * @self: a #SamPreferencesWindow
   *
   * An administrator saved the organisation's settings.
   */
  signals [ORGANISATION_CHANGED] =
    g_signal_new ("organisation-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SamPreferencesWindow, auto_lock_row);
  gtk_widget_class_bind_template_child (widget_class, SamPreferencesWindow, auto_lock_spin);
  gtk_widget_class_bind_template_child (widget_class, SamPreferencesWindow, first_reminder_spin);
  gtk_widget_class_bind_template_child (widget_class, SamPreferencesWindow, second_reminder_spin);
  gtk_widget_class_bind_template_child (widget_class, SamPreferencesWindow, organisation_page);
  gtk_widget_class_bind_template_child (widget_class, SamPreferencesWindow, summary_k_row);
  gtk_widget_class_bind_template_child (widget_class, SamPreferencesWindow, auto_lock_min_row);
  gtk_widget_class_bind_template_child (widget_class, SamPreferencesWindow, auto_lock_max_row);
  gtk_widget_class_bind_template_child (widget_class, SamPreferencesWindow, first_reminder_default_row);
  gtk_widget_class_bind_template_child (widget_class, SamPreferencesWindow, second_reminder_default_row);
  gtk_widget_class_bind_template_child (widget_class, SamPreferencesWindow, organisation_error_label);
  gtk_widget_class_bind_template_child (widget_class, SamPreferencesWindow, save_button);

  gtk_widget_class_install_action (widget_class, "preferences.save-organisation", NULL,
                                   sam_preferences_window_save_organisation);
}

static void
sam_preferences_window_init (SamPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sam_preferences_window_new:
 * @settings: the application's settings
 * @session: (nullable): the unlocked session, for the organisation's
 *   settings; %NULL while locked
 * @parent: (nullable): the window to stay on top of
 *
 * Returns: (transfer none): a new modal preferences window, owned by GTK
 *   until destroyed
 */
SamPreferencesWindow *
sam_preferences_window_new (GSettings  *settings,
                            SamSession *session,
                            GtkWindow  *parent)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (!session || SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (SAM_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       "session", session,
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
