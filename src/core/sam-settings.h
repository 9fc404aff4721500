/* sam-settings.h: the municipality's settings, held in the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-session.h"

G_BEGIN_DECLS

/**
 * SamSetting:
 * @SAM_SETTING_SUMMARY_K: the smallest count a summary publishes, from
 *   %SAM_STATS_MIN_K (id `summary-k`)
 * @SAM_SETTING_AUTO_LOCK_MIN_MINUTES: the shortest idle time a user may
 *   choose before Samverka locks (id `auto-lock-min-minutes`)
 * @SAM_SETTING_AUTO_LOCK_MAX_MINUTES: the longest such idle time
 *   (id `auto-lock-max-minutes`)
 * @SAM_SETTING_MEETING_REMINDER_FIRST_HOURS: the first meeting reminder's
 *   lead time for users who chose none; 0 turns it off
 *   (id `meeting-reminder-first-hours`)
 * @SAM_SETTING_MEETING_REMINDER_SECOND_MINUTES: the second one's; 0 turns
 *   it off (id `meeting-reminder-second-minutes`)
 *
 * What the administrator sets for every user of the database.
 */
typedef enum
{
  SAM_SETTING_SUMMARY_K,
  SAM_SETTING_AUTO_LOCK_MIN_MINUTES,
  SAM_SETTING_AUTO_LOCK_MAX_MINUTES,
  SAM_SETTING_MEETING_REMINDER_FIRST_HOURS,
  SAM_SETTING_MEETING_REMINDER_SECOND_MINUTES,
  SAM_N_SETTINGS
} SamSetting;

/**
 * SamSettings:
 * @values: one value per #SamSetting
 *
 * A whole set of the municipality's settings, as loaded or to be saved.
 */
typedef struct
{
  guint values[SAM_N_SETTINGS];
} SamSettings;

const char *sam_setting_to_string          (SamSetting         setting);
gboolean    sam_setting_from_string        (const char        *string,
                                            SamSetting        *out_setting);
const char *sam_setting_get_label          (SamSetting         setting);
guint       sam_setting_get_default        (SamSetting         setting);
guint       sam_setting_get_minimum        (SamSetting         setting);
guint       sam_setting_get_maximum        (SamSetting         setting);
gboolean    sam_setting_parse              (SamSetting         setting,
                                            const char        *text,
                                            guint             *out_value,
                                            GError           **error);

void        sam_settings_init_defaults     (SamSettings       *settings);
gboolean    sam_settings_validate          (const SamSettings *settings,
                                            GError           **error);
gboolean    sam_settings_load              (SamSession        *session,
                                            SamSettings       *out_settings,
                                            GError           **error);
gboolean    sam_settings_save              (SamSession        *session,
                                            const SamSettings *settings,
                                            GError           **error);
gboolean    sam_settings_set               (SamSession        *session,
                                            SamSetting         setting,
                                            guint              value,
                                            GError           **error);
guint       sam_settings_clamp_auto_lock   (const SamSettings *settings,
                                            guint              minutes);

G_END_DECLS
