/* sam-reminder-planner.h: which reminders are due for a session, now
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sam-session.h"

G_BEGIN_DECLS

/**
 * SamReminderKind:
 * @SAM_REMINDER_MEETING: an SSPF meeting starts within a lead time
 * @SAM_REMINDER_ACTION: a plan action is due today or overdue
 * @SAM_REMINDER_FOLLOW_UP: a follow-up is due today or overdue
 * @SAM_REMINDER_CONSENT: a consent runs out within
 *   %SAM_REMINDER_CONSENT_DAYS days
 * @SAM_REMINDER_INBOX: new concerns wait in the inbox
 * @SAM_REMINDER_BREAK_GLASS: emergency access was used (administrators)
 *
 * What a reminder is about (DESIGN §7).
 */
typedef enum
{
  SAM_REMINDER_MEETING,
  SAM_REMINDER_ACTION,
  SAM_REMINDER_FOLLOW_UP,
  SAM_REMINDER_CONSENT,
  SAM_REMINDER_INBOX,
  SAM_REMINDER_BREAK_GLASS,
} SamReminderKind;

/**
 * SAM_REMINDER_CONSENT_DAYS:
 *
 * A consent ending within this many days from today is reminded of.
 */
#define SAM_REMINDER_CONSENT_DAYS 14

/**
 * SAM_REMINDER_BREAK_GLASS_HOURS:
 *
 * How far back an administrator is told of emergency access that this
 * planner has not told them of yet.
 */
#define SAM_REMINDER_BREAK_GLASS_HOURS 24

/**
 * SAM_REMINDER_DUE_LIMIT:
 *
 * The most meetings, and the most actions and follow-ups, one run reads.
 * A coordinator sees every case: at 100 000 cases hundreds can be due at
 * once, and no one reads hundreds of notifications; the app shows a count
 * and the Due page instead. One more is read, to know there are more.
 */
#define SAM_REMINDER_DUE_LIMIT 100

/**
 * SAM_REMINDER_LEAD_DEFAULT:
 *
 * A lead time for sam_reminder_planner_set_lead_times(): the
 * organisation's default, read from the database when the run plans
 * (sam_settings_load()).
 */
#define SAM_REMINDER_LEAD_DEFAULT G_MAXUINT

/**
 * SamReminder:
 * @id: a stable key: the same reminder has the same key at every run, so
 *   that it is shown once. Such as `meeting:42:24h`, `meeting:42:60m`,
 *   `action:7:overdue:2026-11-24`, `follow-up:3:due:2026-11-25`,
 *   `consent:5:expiring:2026-12-01`, `inbox:17` (the newest concern) or
 *   `break-glass:812` (the audit seq of the newest emergency access)
 * @kind: what it is about
 * @case_id: the case to open, or 0 (the inbox, the audit log)
 * @case_number: (nullable): that case's number, or %NULL
 * @summary: the notification's title, translated
 * @body: its text, translated
 *
 * One reminder. @summary and @body carry no name and no case text: at most
 * a case number, a date or time, and a count, because notification servers
 * keep history on disk and show it on lock screens. Free with
 * sam_reminder_free().
 */
typedef struct
{
  char            *id;
  SamReminderKind  kind;
  gint64           case_id;
  char            *case_number;
  char            *summary;
  char            *body;
} SamReminder;

void sam_reminder_free (SamReminder *reminder);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamReminder, sam_reminder_free)

#define SAM_TYPE_REMINDER_PLANNER (sam_reminder_planner_get_type ())
G_DECLARE_FINAL_TYPE (SamReminderPlanner, sam_reminder_planner, SAM, REMINDER_PLANNER, GObject)

SamReminderPlanner *sam_reminder_planner_new              (guint                first_hours,
                                                           guint                second_minutes);
void                sam_reminder_planner_set_lead_times   (SamReminderPlanner  *self,
                                                           guint                first_hours,
                                                           guint                second_minutes);
GPtrArray          *sam_reminder_planner_plan             (SamReminderPlanner  *self,
                                                           SamSession          *session,
                                                           GDateTime           *now,
                                                           GError             **error);
void                sam_reminder_planner_plan_async       (SamReminderPlanner  *self,
                                                           SamSession          *session,
                                                           GDateTime           *now,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
GPtrArray          *sam_reminder_planner_plan_finish      (SamReminderPlanner  *self,
                                                           GAsyncResult        *result,
                                                           gboolean            *out_truncated,
                                                           GError             **error);
void                sam_reminder_planner_mark_shown       (SamReminderPlanner  *self,
                                                           SamSession          *session,
                                                           const SamReminder   *reminder);

G_END_DECLS
