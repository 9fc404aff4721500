/* sam-reminder-service.h: reminders through libnotify while unlocked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "samverka-core.h"

G_BEGIN_DECLS

/* How often the service plans while a session is unlocked, in seconds.
 * Each run reads through the stores, which audit what they list: every
 * five minutes keeps that to a few hundred rows a working day, and a
 * reminder an hour ahead still comes 55 to 60 minutes before. */
#define SAM_REMINDER_INTERVAL_SECONDS 300

/* More new reminders about cases than this at once are shown as one
 * notification with their count, which opens the Due page. */
#define SAM_REMINDER_INDIVIDUAL_MAX 3

#define SAM_TYPE_REMINDER_SERVICE (sam_reminder_service_get_type ())

G_DECLARE_FINAL_TYPE (SamReminderService, sam_reminder_service, SAM, REMINDER_SERVICE, GObject)

SamReminderService *sam_reminder_service_new              (GSettings           *settings);
SamSession         *sam_reminder_service_get_session      (SamReminderService  *self);
void                sam_reminder_service_set_session      (SamReminderService  *self,
                                                           SamSession          *session);
gboolean            sam_reminder_service_run              (SamReminderService  *self);
gboolean            sam_reminder_service_is_running       (SamReminderService  *self);
gboolean            sam_reminder_service_has_server       (SamReminderService  *self);
guint               sam_reminder_service_get_n_waiting    (SamReminderService  *self);
guint               sam_reminder_service_get_n_shown      (SamReminderService  *self);
gint64              sam_reminder_service_get_pending_case (SamReminderService  *self);
gboolean            sam_reminder_service_has_pending      (SamReminderService  *self);
void                sam_reminder_service_get_lead_times   (SamReminderService  *self,
                                                           guint               *out_first_hours,
                                                           guint               *out_second_minutes);

G_END_DECLS
