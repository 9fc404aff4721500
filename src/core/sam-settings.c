/* sam-settings.c: the municipality's settings, held in the database
 *
 * Some choices belong to the organisation, not to each user: how small a
 * count the summaries may publish, between which bounds a user may set the
 * auto-lock, and how long before a meeting users are reminded unless they
 * chose for themselves (DESIGN §8, Preferences). They live in the
 * encrypted database's meta table, so that every workstation that opens
 * the database follows them. Every unlocked session reads them; only an
 * administrator writes them, and each change is audited in the same
 * transaction, the setting's id as the reason.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-settings"

#include "config.h"

#include "sam-settings.h"

#include <glib/gi18n-lib.h>

#include "sam-database-private.h"
#include "sam-error.h"
#include "sam-policy.h"
#include "sam-stats.h"
#include "sam-store-private.h"

static const struct
{
  const char *id;
  const char *meta_key;   /* summary_k is the key sam-stats.c reads */
  const char *label;
  guint       default_value;
  guint       minimum;
  guint       maximum;
} settings_table[SAM_N_SETTINGS] = {
  [SAM_SETTING_SUMMARY_K] =
    { "summary-k", "summary_k", N_("Smallest number shown in summaries"),
      SAM_STATS_DEFAULT_K, SAM_STATS_MIN_K, 100 },
  [SAM_SETTING_AUTO_LOCK_MIN_MINUTES] =
    { "auto-lock-min-minutes", "auto_lock_min_minutes", N_("Shortest lock after idle"),
      1, 1, 240 },
  [SAM_SETTING_AUTO_LOCK_MAX_MINUTES] =
    { "auto-lock-max-minutes", "auto_lock_max_minutes", N_("Longest lock after idle"),
      30, 1, 240 },
  /* The same upper bounds as the users' own settings: a week, twelve hours. */
  [SAM_SETTING_MEETING_REMINDER_FIRST_HOURS] =
    { "meeting-reminder-first-hours", "meeting_reminder_first_hours", N_("First meeting reminder"),
      24, 0, 168 },
  [SAM_SETTING_MEETING_REMINDER_SECOND_MINUTES] =
    { "meeting-reminder-second-minutes", "meeting_reminder_second_minutes", N_("Second meeting reminder"),
      60, 0, 720 },
};

static gboolean
out_of_range (SamSetting   setting,
              GError     **error)
{
  g_autofree char *low = g_strdup_printf ("%u", settings_table[setting].minimum);
  g_autofree char *high = g_strdup_printf ("%u", settings_table[setting].maximum);

  /* TRANSLATORS: the first %s names the setting, such as "Longest lock after idle". */
  return _sam_store_invalid (error, _("%s: choose a whole number from %s to %s."),
                             _(settings_table[setting].label), low, high);
}

static gboolean
store_value (SamSession  *session,
             SamSetting   setting,
             guint        value,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _sam_database_prepare (sam_session_get_database (session),
                                "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, settings_table[setting].meta_key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, value);

  return _sam_store_step_done (session, stmt, settings_table[setting].id, error) &&
         _sam_store_audit (session, SAM_AUDIT_UPDATE, "setting", 0, 0, 0,
                           settings_table[setting].id, error);
}

/* Writes what changed, each with its audit row, in one transaction. */
static gboolean
store_changes (SamSession        *session,
               const SamSettings *current,
               const SamSettings *settings,
               GError           **error)
{
  SamDatabase *database = sam_session_get_database (session);

  if (!_sam_database_begin (database, error))
    return FALSE;

  for (SamSetting s = 0; s < SAM_N_SETTINGS; s++)
    {
      if (current->values[s] == settings->values[s])
        continue;

      if (!store_value (session, s, settings->values[s], error))
        {
          _sam_database_rollback (database);
          return FALSE;
        }
    }

  if (!_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return FALSE;
    }

  return TRUE;
}

/**
 * sam_setting_to_string:
 * @setting: a setting
 *
 * Returns: the setting's id, such as "summary-k", as the command line and
 *   the audit log name it
 */
const char *
sam_setting_to_string (SamSetting setting)
{
  g_return_val_if_fail (setting < SAM_N_SETTINGS, NULL);

  return settings_table[setting].id;
}

/**
 * sam_setting_from_string:
 * @string: a setting's id
 * @out_setting: (out): where to put the setting
 *
 * Returns: %TRUE if @string names a setting
 */
gboolean
sam_setting_from_string (const char *string,
                         SamSetting *out_setting)
{
  g_return_val_if_fail (out_setting != NULL, FALSE);

  for (SamSetting s = 0; string != NULL && s < SAM_N_SETTINGS; s++)
    if (g_strcmp0 (string, settings_table[s].id) == 0)
      {
        *out_setting = s;
        return TRUE;
      }

  return FALSE;
}

/**
 * sam_setting_get_label:
 * @setting: a setting
 *
 * Returns: the setting's name as a person reads it, translated
 */
const char *
sam_setting_get_label (SamSetting setting)
{
  g_return_val_if_fail (setting < SAM_N_SETTINGS, NULL);

  return _(settings_table[setting].label);
}

/**
 * sam_setting_get_default:
 * @setting: a setting
 *
 * Returns: the value until an administrator sets one
 */
guint
sam_setting_get_default (SamSetting setting)
{
  g_return_val_if_fail (setting < SAM_N_SETTINGS, 0);

  return settings_table[setting].default_value;
}

/**
 * sam_setting_get_minimum:
 * @setting: a setting
 *
 * Returns: the least value the setting takes
 */
guint
sam_setting_get_minimum (SamSetting setting)
{
  g_return_val_if_fail (setting < SAM_N_SETTINGS, 0);

  return settings_table[setting].minimum;
}

/**
 * sam_setting_get_maximum:
 * @setting: a setting
 *
 * Returns: the greatest value the setting takes
 */
guint
sam_setting_get_maximum (SamSetting setting)
{
  g_return_val_if_fail (setting < SAM_N_SETTINGS, 0);

  return settings_table[setting].maximum;
}

/**
 * sam_setting_parse:
 * @setting: a setting
 * @text: a value as typed, such as "7"
 * @out_value: (out): where to put the value
 * @error: return location for a #GError
 *
 * Reads a value for @setting, within its range. The error names the
 * setting.
 *
 * Returns: %TRUE when @text is a whole number in range
 */
gboolean
sam_setting_parse (SamSetting   setting,
                   const char  *text,
                   guint       *out_value,
                   GError     **error)
{
  guint64 value;

  g_return_val_if_fail (setting < SAM_N_SETTINGS, FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);

  if (text == NULL ||
      !g_ascii_string_to_unsigned (text, 10, settings_table[setting].minimum,
                                   settings_table[setting].maximum, &value, NULL))
    return out_of_range (setting, error);

  *out_value = (guint) value;
  return TRUE;
}

/**
 * sam_settings_init_defaults:
 * @settings: (out caller-allocates): the settings to fill
 *
 * Fills @settings with every setting's default.
 */
void
sam_settings_init_defaults (SamSettings *settings)
{
  g_return_if_fail (settings != NULL);

  for (SamSetting s = 0; s < SAM_N_SETTINGS; s++)
    settings->values[s] = settings_table[s].default_value;
}

/**
 * sam_settings_validate:
 * @settings: the settings to check
 * @error: return location for a #GError
 *
 * Checks every value against its range, and that the shortest auto-lock
 * is not longer than the longest. The error is %SAM_STORE_ERROR_INVALID
 * and names the first setting at fault.
 *
 * Returns: %TRUE when the settings may be saved
 */
gboolean
sam_settings_validate (const SamSettings  *settings,
                       GError            **error)
{
  g_return_val_if_fail (settings != NULL, FALSE);

  for (SamSetting s = 0; s < SAM_N_SETTINGS; s++)
    if (settings->values[s] < settings_table[s].minimum ||
        settings->values[s] > settings_table[s].maximum)
      return out_of_range (s, error);

  if (settings->values[SAM_SETTING_AUTO_LOCK_MIN_MINUTES] >
      settings->values[SAM_SETTING_AUTO_LOCK_MAX_MINUTES])
    return _sam_store_invalid (error,
                               /* TRANSLATORS: the two %s name the settings. */
                               _("%s: may not be longer than “%s”."),
                               _(settings_table[SAM_SETTING_AUTO_LOCK_MIN_MINUTES].label),
                               _(settings_table[SAM_SETTING_AUTO_LOCK_MAX_MINUTES].label));

  return TRUE;
}

/**
 * sam_settings_load:
 * @session: any unlocked session
 * @out_settings: (out caller-allocates): where to put the settings
 * @error: return location for a #GError
 *
 * Reads the municipality's settings. A setting never set, or one the
 * database holds out of range, reads as its default.
 *
 * Returns: %TRUE when read
 */
gboolean
sam_settings_load (SamSession   *session,
                   SamSettings  *out_settings,
                   GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SamSettings loaded;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (out_settings != NULL, FALSE);

  if (!_sam_policy_check_session (session, error))
    return FALSE;

  stmt = _sam_database_prepare (sam_session_get_database (session),
                                "SELECT value FROM meta WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sam_settings_init_defaults (&loaded);
  for (SamSetting s = 0; s < SAM_N_SETTINGS; s++)
    {
      guint64 value;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, settings_table[s].meta_key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW &&
          g_ascii_string_to_unsigned ((const char *) sqlite3_column_text (stmt, 0), 10,
                                      settings_table[s].minimum, settings_table[s].maximum,
                                      &value, NULL))
        loaded.values[s] = (guint) value;
    }

  /* sam_settings_save() never stores crossed bounds; should the database
   * hold them anyway, the longest wins, on the side of the user's choice. */
  if (loaded.values[SAM_SETTING_AUTO_LOCK_MIN_MINUTES] > loaded.values[SAM_SETTING_AUTO_LOCK_MAX_MINUTES])
    loaded.values[SAM_SETTING_AUTO_LOCK_MIN_MINUTES] = loaded.values[SAM_SETTING_AUTO_LOCK_MAX_MINUTES];

  *out_settings = loaded;
  return TRUE;
}

/**
 * sam_settings_save:
 * @session: an administrator's session
 * @settings: every setting's new value
 * @error: return location for a #GError
 *
 * Validates @settings as a whole, then writes each changed value with an
 * audit row, all in one transaction: on any error nothing is saved.
 *
 * Returns: %TRUE when saved
 */
gboolean
sam_settings_save (SamSession         *session,
                   const SamSettings  *settings,
                   GError            **error)
{
  SamSettings current;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  if (!sam_policy_check (session, SAM_OPERATION_SETTINGS_WRITE, error) ||
      !sam_settings_validate (settings, error) ||
      !sam_settings_load (session, &current, error))
    return FALSE;

  return store_changes (session, &current, settings, error);
}

/**
 * sam_settings_set:
 * @session: an administrator's session
 * @setting: the setting to change
 * @value: its new value
 * @error: return location for a #GError
 *
 * Changes one setting, keeping the others, as sam_settings_save() does.
 *
 * Returns: %TRUE when saved
 */
gboolean
sam_settings_set (SamSession  *session,
                  SamSetting   setting,
                  guint        value,
                  GError     **error)
{
  SamSettings settings;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (setting < SAM_N_SETTINGS, FALSE);

  if (!sam_settings_load (session, &settings, error))
    return FALSE;

  settings.values[setting] = value;

  return sam_settings_save (session, &settings, error);
}

/**
 * sam_settings_clamp_auto_lock:
 * @settings: the municipality's settings
 * @minutes: the idle time a user chose
 *
 * A user's choice outside the bounds is not refused, only brought inside
 * them, so that a setting made before the bounds still works.
 *
 * Returns: the idle time to lock after, in minutes
 */
guint
sam_settings_clamp_auto_lock (const SamSettings *settings,
                              guint              minutes)
{
  g_return_val_if_fail (settings != NULL, minutes);

  return CLAMP (minutes,
                settings->values[SAM_SETTING_AUTO_LOCK_MIN_MINUTES],
                settings->values[SAM_SETTING_AUTO_LOCK_MAX_MINUTES]);
}
