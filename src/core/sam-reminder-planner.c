/* sam-reminder-planner.c: which reminders are due for a session, now
 *
 * The planner reads the stores the way the Due page does and turns what it
 * finds into reminders (DESIGN §7): meetings starting within the first or
 * second lead time, plan actions and follow-ups due today or overdue,
 * consents ending within two weeks, and, for those who triage, new
 * concerns in the inbox. It keeps no state: every run returns everything
 * due, each with a stable key, and the caller shows each key once.
 *
 * Each reminder's text is built from ids, case numbers, dates and counts
 * only. Names, places, descriptions and purposes never leave the store
 * structs, because a notification server keeps its history outside the
 * encrypted database and shows it on the lock screen.
 *
 * A meeting has one key per lead time (`meeting:42:24h`, `meeting:42:60m`)
 * and only the shortest lead time it falls within counts: someone who
 * unlocks half an hour before a meeting gets the one-hour reminder, not
 * both. Dated items carry their date in the key, so that an action moved
 * to a new due date is reminded of again, and an action due today is
 * reminded of once more the day after, as overdue.
 *
 * Every run reads through the stores, so it writes their audit rows: one
 * row per list. Meetings, actions and follow-ups are read up to
 * %SAM_REMINDER_DUE_LIMIT each (and one more, to know that there are
 * more): a coordinator sees every case, and at 100 000 cases the lists
 * would be thousands long.
 *
 * Threads. sam_reminder_planner_plan_async() runs the same steps in a
 * worker (GTask), following the case list's worker (sam-case-list.c): it
 * copies the planner's state (lead times, the emergency access mark) when
 * it starts, so that the worker never reads the planner, and holds the
 * session through a weak reference, strongly only during each step and
 * under the connection's mutex. Locking waits for one list read at most;
 * the next step finds the session locked and the run fails with
 * %SAM_DATABASE_ERROR_LOCKED. A lead time left to the organisation
 * (%SAM_REMINDER_LEAD_DEFAULT) is read from the database in the run too. Managers and administrators, who see no person-level data,
 * get no reminders about cases.
 *
 * Administrators are told of emergency access (break-the-glass, DESIGN §3
 * and §7) instead. The planner reads the break_glass_start rows of the last
 * %SAM_REMINDER_BREAK_GLASS_HOURS hours through sam_audit_list(), which the
 * policy allows for audit review only, and makes one reminder of those it
 * has not told this user of: "Emergency access was used 3 times" with the
 * time of the newest. It carries no user, no case number and no reason:
 * the administrator never sees case content, and the notification server
 * keeps its history outside the encrypted database. Here alone the planner
 * keeps state: per user, the audit seq of the newest start shown, which the
 * caller reports through sam_reminder_planner_mark_shown() once the
 * notification is on screen, so that a reminder that could not be shown
 * (no notification server) is planned again and nothing is lost.
 *
 * That mark lives in memory for the app's run. After a restart, the look-back
 * tells the administrator of the last day's emergency access once more.
 * That is deliberate: emergency access mostly happens while the
 * administrator's app is closed (at night, or on another workstation), so
 * the first unlock of the day must show it, and writing a per-user mark
 * into the database would add a table and a write at every reminder for a
 * repeat that happens at most once a day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-reminder-planner"

#include "config.h"

#include "sam-reminder-planner.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sam-audit.h"
#include "sam-concern-store.h"
#include "sam-consent-expiry.h"
#include "sam-database-private.h"
#include "sam-error.h"
#include "sam-follow-up-store.h"
#include "sam-meeting-store.h"
#include "sam-plan-store.h"
#include "sam-policy.h"
#include "sam-settings.h"

struct _SamReminderPlanner
{
  GObject parent_instance;

  guint       first_hours;
  guint       second_minutes;

  /* user id → audit seq of the newest emergency access shown to them */
  GHashTable *break_glass_shown;
};

G_DEFINE_FINAL_TYPE (SamReminderPlanner, sam_reminder_planner, G_TYPE_OBJECT)

/* What one run works with: the dates it reckons from, a copy of the
 * planner's state as it was when the run began (so that a run in a worker
 * never reads the planner while its owner changes it), and where it puts
 * what it finds. @session is set only while a step uses it. */
typedef struct
{
  SamSession *session;
  GDateTime  *now;
  char       *today;
  guint       first_hours;
  guint       second_minutes;
  guint64     break_glass_shown;
  gboolean    truncated;
  GPtrArray  *reminders;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->now, g_date_time_unref);
  g_clear_pointer (&run->today, g_free);
  g_clear_pointer (&run->reminders, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/**
 * sam_reminder_free:
 * @reminder: (nullable): a reminder
 *
 * Frees @reminder.
 */
void
sam_reminder_free (SamReminder *reminder)
{
  if (reminder == NULL)
    return;

  g_free (reminder->id);
  g_free (reminder->case_number);
  g_free (reminder->summary);
  g_free (reminder->body);
  g_free (reminder);
}

static void
sam_reminder_planner_finalize (GObject *object)
{
  SamReminderPlanner *self = SAM_REMINDER_PLANNER (object);

  g_hash_table_unref (self->break_glass_shown);

  G_OBJECT_CLASS (sam_reminder_planner_parent_class)->finalize (object);
}

static void
sam_reminder_planner_class_init (SamReminderPlannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sam_reminder_planner_finalize;
}

static void
sam_reminder_planner_init (SamReminderPlanner *self)
{
  self->break_glass_shown = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

/**
 * sam_reminder_planner_new:
 * @first_hours: the first meeting reminder, hours ahead; 0 for none
 * @second_minutes: the second meeting reminder, minutes ahead; 0 for none
 *
 * Creates a planner with the lead times of the preferences
 * (`meeting-reminder-first-hours`, `meeting-reminder-second-minutes`).
 *
 * Returns: (transfer full): a new planner
 */
SamReminderPlanner *
sam_reminder_planner_new (guint first_hours,
                          guint second_minutes)
{
  SamReminderPlanner *self = g_object_new (SAM_TYPE_REMINDER_PLANNER, NULL);

  sam_reminder_planner_set_lead_times (self, first_hours, second_minutes);
  return self;
}

/**
 * sam_reminder_planner_set_lead_times:
 * @self: a planner
 * @first_hours: the first meeting reminder, hours ahead; 0 for none;
 *   %SAM_REMINDER_LEAD_DEFAULT for the organisation's default
 * @second_minutes: the second meeting reminder, minutes ahead; 0 for
 *   none; %SAM_REMINDER_LEAD_DEFAULT for the organisation's default
 *
 * Changes the meeting lead times for the next run.
 */
void
sam_reminder_planner_set_lead_times (SamReminderPlanner *self,
                                     guint               first_hours,
                                     guint               second_minutes)
{
  g_return_if_fail (SAM_IS_REMINDER_PLANNER (self));

  self->first_hours = first_hours;
  self->second_minutes = second_minutes;
}

static void
add_reminder (Run             *run,
              char            *id,
              SamReminderKind  kind,
              gint64           case_id,
              const char      *case_number,
              char            *summary,
              char            *body)
{
  SamReminder *reminder = g_new0 (SamReminder, 1);

  reminder->id = id;
  reminder->kind = kind;
  reminder->case_id = case_id;
  reminder->case_number = g_strdup (case_number);
  reminder->summary = summary;
  reminder->body = body;
  g_ptr_array_add (run->reminders, reminder);
}

static char *
local_date (GDateTime *time,
            int        days)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);
  g_autoptr(GDateTime) then = g_date_time_add_days (local, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static char *
utc_iso (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* Meetings ---------------------------------------------------------------- */

/* The lead times that are on, in seconds, shortest first, each with its
 * key suffix; returns how many there are. */
static guint
lead_times (Run       *run,
            GTimeSpan  out_seconds[2],
            char      *out_suffixes[2])
{
  guint n = 0;

  if (run->first_hours > 0)
    {
      out_seconds[n] = (GTimeSpan) run->first_hours * 3600;
      out_suffixes[n++] = g_strdup_printf ("%uh", run->first_hours);
    }
  if (run->second_minutes > 0)
    {
      out_seconds[n] = (GTimeSpan) run->second_minutes * 60;
      out_suffixes[n++] = g_strdup_printf ("%um", run->second_minutes);
    }

  if (n == 2 && out_seconds[1] < out_seconds[0])
    {
      GTimeSpan seconds = out_seconds[0];
      char *suffix = out_suffixes[0];

      out_seconds[0] = out_seconds[1];
      out_suffixes[0] = out_suffixes[1];
      out_seconds[1] = seconds;
      out_suffixes[1] = suffix;
    }

  return n;
}

/* A lead time left to the organisation is read from the database here, in
 * the run, so that a run in a worker reads it there too. */
static gboolean
plan_lead_times (Run     *run,
                 GError **error)
{
  SamSettings defaults;

  if (run->first_hours != SAM_REMINDER_LEAD_DEFAULT &&
      run->second_minutes != SAM_REMINDER_LEAD_DEFAULT)
    return TRUE;

  sam_settings_init_defaults (&defaults);
  if (!sam_settings_load (run->session, &defaults, error))
    return FALSE;

  if (run->first_hours == SAM_REMINDER_LEAD_DEFAULT)
    run->first_hours = defaults.values[SAM_SETTING_MEETING_REMINDER_FIRST_HOURS];
  if (run->second_minutes == SAM_REMINDER_LEAD_DEFAULT)
    run->second_minutes = defaults.values[SAM_SETTING_MEETING_REMINDER_SECOND_MINUTES];

  return TRUE;
}

/* Keeps the first %SAM_REMINDER_DUE_LIMIT of a list read with one more,
 * and notes in @run that there were more. */
static void
bound_list (Run       *run,
            GPtrArray *list)
{
  if (list == NULL || list->len <= SAM_REMINDER_DUE_LIMIT)
    return;

  g_ptr_array_set_size (list, SAM_REMINDER_DUE_LIMIT);
  run->truncated = TRUE;
}

static void
add_meeting (Run              *run,
             const SamMeeting *meeting,
             const char       *suffix)
{
  g_autoptr(GDateTime) starts = g_date_time_new_from_iso8601 (meeting->starts_at, NULL);
  g_autoptr(GDateTime) local = g_date_time_to_local (starts);
  g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");

  add_reminder (run,
                g_strdup_printf ("meeting:%" G_GINT64_FORMAT ":%s", meeting->id, suffix),
                SAM_REMINDER_MEETING, meeting->case_id, meeting->case_number,
                g_strdup (_("SSPF meeting coming up")),
                /* Translators: %s is a case number, then a date and time */
                g_strdup_printf (_("Case %s: the meeting starts %s."),
                                 meeting->case_number, when));
}

static gboolean
plan_meetings (Run     *run,
               GError **error)
{
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GDateTime) until = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GTimeSpan seconds[2];
  char *suffixes[2] = { NULL, NULL };
  guint n_leads = lead_times (run, seconds, suffixes);

  if (n_leads > 0)
    {
      until = g_date_time_add_seconds (run->now, seconds[n_leads - 1]);
      from = utc_iso (run->now);
      to = utc_iso (until);
      meetings = sam_meeting_store_list_range (run->session, from, to,
                                               SAM_REMINDER_DUE_LIMIT + 1, error);
      bound_list (run, meetings);
    }

  for (guint i = 0; meetings != NULL && i < meetings->len; i++)
    {
      SamMeeting *meeting = g_ptr_array_index (meetings, i);
      g_autoptr(GDateTime) starts = g_date_time_new_from_iso8601 (meeting->starts_at, NULL);
      GTimeSpan ahead;

      if (meeting->status != SAM_MEETING_PLANNED || starts == NULL)
        continue;

      ahead = g_date_time_difference (starts, run->now) / G_TIME_SPAN_SECOND;
      for (guint lead = 0; lead < n_leads; lead++)
        {
          if (ahead < seconds[lead])
            {
              add_meeting (run, meeting, suffixes[lead]);
              break;
            }
        }
    }

  g_free (suffixes[0]);
  g_free (suffixes[1]);

  return n_leads == 0 || meetings != NULL;
}

/* Actions and follow-ups --------------------------------------------------- */

static const char *
due_state (Run        *run,
           const char *due_on)
{
  return g_strcmp0 (due_on, run->today) < 0 ? "overdue" : "due";
}

static void
add_action (Run                 *run,
            const SamPlanAction *action)
{
  const char *state = due_state (run, action->due_on);
  gboolean overdue = g_str_equal (state, "overdue");

  add_reminder (run,
                g_strdup_printf ("action:%" G_GINT64_FORMAT ":%s:%s", action->id, state, action->due_on),
                SAM_REMINDER_ACTION, action->case_id, action->case_number,
                g_strdup (overdue ? _("Plan action overdue") : _("Plan action due today")),
                /* Translators: %s is a case number, then a date */
                g_strdup_printf (_("Case %s: an action in the plan was due on %s."),
                                 action->case_number, action->due_on));
}

static void
add_follow_up (Run               *run,
               const SamFollowUp *follow_up)
{
  const char *state = due_state (run, follow_up->due_on);
  gboolean overdue = g_str_equal (state, "overdue");

  add_reminder (run,
                g_strdup_printf ("follow-up:%" G_GINT64_FORMAT ":%s:%s", follow_up->id, state,
                                 follow_up->due_on),
                SAM_REMINDER_FOLLOW_UP, follow_up->case_id, follow_up->case_number,
                g_strdup (overdue ? _("Follow-up overdue") : _("Follow-up due today")),
                /* Translators: %s is a case number, then a date */
                g_strdup_printf (_("Case %s: a follow-up was due on %s."),
                                 follow_up->case_number, follow_up->due_on));
}

static gboolean
plan_due (Run     *run,
          GError **error)
{
  g_autofree char *tomorrow = local_date (run->now, 1);
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) follow_ups = NULL;

  actions = sam_plan_store_list_due_actions (run->session, tomorrow, SAM_REMINDER_DUE_LIMIT + 1,
                                             error);
  if (actions == NULL)
    return FALSE;
  bound_list (run, actions);
  for (guint i = 0; i < actions->len; i++)
    add_action (run, g_ptr_array_index (actions, i));

  follow_ups = sam_follow_up_store_list_due (run->session, tomorrow, SAM_REMINDER_DUE_LIMIT + 1,
                                             error);
  if (follow_ups == NULL)
    return FALSE;
  bound_list (run, follow_ups);
  for (guint i = 0; i < follow_ups->len; i++)
    add_follow_up (run, g_ptr_array_index (follow_ups, i));

  return TRUE;
}

/* Consents and the inbox ------------------------------------------------- */

/* Only those who record consent can renew it, so only they hear of it. */
static gboolean
plan_consents (Run     *run,
               GError **error)
{
  g_autofree char *before = local_date (run->now, SAM_REMINDER_CONSENT_DAYS + 1);
  g_autoptr(GPtrArray) consents = NULL;

  if (!sam_policy_allows (sam_session_get_role (run->session), SAM_OPERATION_CONSENT_MANAGE))
    return TRUE;

  consents = sam_case_store_list_expiring_consents (run->session, before, error);
  if (consents == NULL)
    return FALSE;

  for (guint i = 0; i < consents->len; i++)
    {
      SamExpiringConsent *consent = g_ptr_array_index (consents, i);

      add_reminder (run,
                    g_strdup_printf ("consent:%" G_GINT64_FORMAT ":expiring:%s",
                                     consent->consent_id, consent->valid_to),
                    SAM_REMINDER_CONSENT, consent->case_id, consent->case_number,
                    g_strdup (_("Consent expiring")),
                    /* Translators: %s is a case number, then a date */
                    g_strdup_printf (_("Case %s: the consent is valid until %s."),
                                     consent->case_number, consent->valid_to));
    }

  return TRUE;
}

/* One reminder for all new concerns, keyed by the newest: a concern that
 * arrives later makes a new reminder, one triaged away does not. */
static gboolean
plan_inbox (Run     *run,
            GError **error)
{
  g_autoptr(GPtrArray) concerns = NULL;
  gint64 newest = 0;
  guint n = 0;

  if (!sam_policy_allows (sam_session_get_role (run->session), SAM_OPERATION_CONCERN_INBOX))
    return TRUE;

  /* All of them: the reminder counts the new ones and is keyed by the
   * newest id, and the inbox is ordered by urgency, not by id, so a
   * limited listing could miss both. It runs in the planner's worker. */
  concerns = sam_concern_store_list_inbox (run->session, 0, error);
  if (concerns == NULL)
    return FALSE;

  for (guint i = 0; i < concerns->len; i++)
    {
      SamConcern *concern = g_ptr_array_index (concerns, i);

      if (concern->status != SAM_CONCERN_STATUS_RECEIVED)
        continue;
      n++;
      newest = MAX (newest, concern->id);
    }

  if (n > 0)
    add_reminder (run, g_strdup_printf ("inbox:%" G_GINT64_FORMAT, newest),
                  SAM_REMINDER_INBOX, 0, NULL,
                  g_strdup (_("New concerns")),
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u new concern is waiting in the inbox.",
                                                "%u new concerns are waiting in the inbox.", n),
                                   n));

  return TRUE;
}

/* Emergency access (administrators) ---------------------------------------- */

#define BREAK_GLASS_KEY_PREFIX "break-glass:"

static guint64
break_glass_shown_seq (SamReminderPlanner *self,
                       SamSession         *session)
{
  gint64 user_id = sam_session_get_user_id (session);
  guint64 *seq = g_hash_table_lookup (self->break_glass_shown, &user_id);

  return seq != NULL ? *seq : 0;
}

static void
add_break_glass (Run                  *run,
                 const SamAuditRecord *newest,
                 guint                 n)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (newest->time, NULL);
  g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_local (time) : NULL;
  g_autofree char *when = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M")
                                        : g_strdup (newest->time);
  char *summary;
  char *body;

  if (n == 1)
    summary = g_strdup (_("Emergency access was used"));
  else
    /* Translators: %u is how many times emergency access began */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Emergency access was used %u time",
                                            "Emergency access was used %u times", n),
                               n);

  /* Translators: %s is a date and time */
  body = g_strdup_printf (n == 1 ? _("At %s. Review it in the audit log.")
                                 : _("Most recently at %s. Review them in the audit log."),
                          when);

  add_reminder (run, g_strdup_printf (BREAK_GLASS_KEY_PREFIX "%" G_GUINT64_FORMAT, newest->seq),
                SAM_REMINDER_BREAK_GLASS, 0, NULL, summary, body);
}

/* One reminder for every emergency access of the look-back not shown to
 * this user yet; attempts the policy refused are not emergency access. */
static gboolean
plan_break_glass (Run     *run,
                  GError **error)
{
  g_autoptr(GDateTime) since = g_date_time_add_hours (run->now, -SAM_REMINDER_BREAK_GLASS_HOURS);
  g_autofree char *from = utc_iso (since);
  g_autoptr(GPtrArray) starts = NULL;
  const SamAuditRecord *newest = NULL;
  guint64 shown = run->break_glass_shown;
  SamAuditFilter filter;
  guint n = 0;

  if (!sam_policy_allows (sam_session_get_role (run->session), SAM_OPERATION_AUDIT_REVIEW))
    return TRUE;

  sam_audit_filter_init (&filter);
  filter.action = SAM_AUDIT_BREAK_GLASS_START;
  filter.from_time = from;
  starts = sam_audit_list (run->session, &filter, error);
  if (starts == NULL)
    return FALSE;

  for (guint i = 0; i < starts->len; i++)
    {
      const SamAuditRecord *start = g_ptr_array_index (starts, i);

      if (start->outcome != SAM_AUDIT_OUTCOME_OK || start->seq <= shown)
        continue;
      n++;
      newest = start;
    }

  if (n > 0)
    add_break_glass (run, newest, n);

  return TRUE;
}

/* Planning, step by step ------------------------------------------------------ */

typedef gboolean (*PlanStep) (Run     *run,
                              GError **error);

/* In the order of the list returned. Managers and administrators see no
 * case: for them only the last step, which asks the policy itself. */
static const struct
{
  PlanStep step;
  gboolean cases;
} plan_steps[] = {
  { plan_lead_times, TRUE },
  { plan_meetings, TRUE },
  { plan_due, TRUE },
  { plan_consents, TRUE },
  { plan_inbox, TRUE },
  { plan_break_glass, FALSE },
};

/* Copies what a run needs from the planner, on the planner's thread. */
static void
run_init (Run                *run,
          SamReminderPlanner *self,
          SamSession         *session,
          GDateTime          *now)
{
  run->now = g_date_time_ref (now);
  run->today = local_date (now, 0);
  run->first_hours = self->first_hours;
  run->second_minutes = self->second_minutes;
  run->break_glass_shown = break_glass_shown_seq (self, session);
  run->reminders = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_reminder_free);
}

static gboolean
run_step (Run     *run,
          guint    step,
          GError **error)
{
  if (plan_steps[step].cases &&
      !sam_policy_allows (sam_session_get_role (run->session), SAM_OPERATION_CASE_VIEW))
    return TRUE;

  return plan_steps[step].step (run, error);
}

/**
 * sam_reminder_planner_plan:
 * @self: a planner
 * @session: an unlocked session
 * @now: the time to plan for
 * @error: return location for a #GError
 *
 * Lists every reminder due at @now for @session's user, meetings first,
 * then actions, follow-ups, consents and the inbox. Everything the stores
 * return is filtered by the policy. Managers get an empty list;
 * administrators get at most one reminder, of emergency access not yet
 * marked shown (see sam_reminder_planner_mark_shown()). Each list read
 * writes its audit row.
 *
 * Meetings, actions and follow-ups are each read up to
 * %SAM_REMINDER_DUE_LIMIT; sam_reminder_planner_plan_finish() tells
 * whether there were more. This runs on the calling thread: a user
 * interface plans with sam_reminder_planner_plan_async() instead.
 *
 * Returns: (transfer container) (element-type SamReminder): the reminders,
 *   or %NULL with @error set
 */
GPtrArray *
sam_reminder_planner_plan (SamReminderPlanner  *self,
                           SamSession          *session,
                           GDateTime           *now,
                           GError             **error)
{
  g_auto(Run) run = { 0 };

  g_return_val_if_fail (SAM_IS_REMINDER_PLANNER (self), NULL);
  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  run_init (&run, self, session, now);
  run.session = session;
  for (guint i = 0; i < G_N_ELEMENTS (plan_steps); i++)
    if (!run_step (&run, i, error))
      return NULL;

  return g_steal_pointer (&run.reminders);
}

/* What a run in a worker holds: not the session, which would keep it
 * alive through a lock, but a weak reference to it and the database,
 * whose mutex orders the steps with a lock. */
typedef struct
{
  Run          run;
  GWeakRef     session;
  SamDatabase *database;
} Planning;

static void
planning_free (gpointer data)
{
  Planning *planning = data;

  run_clear (&planning->run);
  g_weak_ref_clear (&planning->session);
  g_clear_object (&planning->database);
  g_free (planning);
}

/* One step, holding the connection and, only as long, the session: a lock
 * meanwhile waits for this one step, and the next finds the session gone
 * or locked. The session is let go of before the connection, so that the
 * worker never drops the last reference to a session (see sam-case-list.c). */
static gboolean
planning_step (Planning  *planning,
               guint      step,
               GError   **error)
{
  SamSession *session;
  gboolean done;

  _sam_database_lock (planning->database);
  session = g_weak_ref_get (&planning->session);
  if (session == NULL || sam_session_is_locked (session))
    {
      g_set_error_literal (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED,
                           _("The database is locked. Unlock it to go on."));
      done = FALSE;
    }
  else
    {
      planning->run.session = session;
      done = run_step (&planning->run, step, error);
      planning->run.session = NULL;
    }
  g_clear_object (&session);
  _sam_database_unlock (planning->database);

  return done;
}

static void
planning_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Planning *planning = task_data;

  for (guint i = 0; i < G_N_ELEMENTS (plan_steps); i++)
    {
      g_autoptr(GError) error = NULL;

      /* A run replaced or stopped reads, and logs, nothing more. */
      if (g_task_return_error_if_cancelled (task))
        return;

      if (!planning_step (planning, i, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * sam_reminder_planner_plan_async:
 * @self: a planner
 * @session: an unlocked session
 * @now: the time to plan for
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on this thread's main context when done
 * @user_data: for @callback
 *
 * Like sam_reminder_planner_plan(), but the database work runs in a worker
 * thread, so that the calling thread, the UI's, never waits on it. The
 * lead times and marks of @self are those of the time of this call. The
 * worker holds @session only weakly, and strongly only during each store
 * call, under the connection's mutex: locking @session meanwhile waits for
 * at most one list read, and the run then ends with
 * %SAM_DATABASE_ERROR_LOCKED. Cancelling stops it before its next list
 * read, and its result is then %G_IO_ERROR_CANCELLED.
 */
void
sam_reminder_planner_plan_async (SamReminderPlanner  *self,
                                 SamSession          *session,
                                 GDateTime           *now,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Planning *planning;

  g_return_if_fail (SAM_IS_REMINDER_PLANNER (self));
  g_return_if_fail (SAM_IS_SESSION (session));
  g_return_if_fail (now != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sam_reminder_planner_plan_async);
  g_task_set_name (task, "[samverka] reminder planning");

  planning = g_new0 (Planning, 1);
  run_init (&planning->run, self, session, now);
  g_weak_ref_init (&planning->session, session);
  planning->database = g_object_ref (sam_session_get_database (session));
  g_task_set_task_data (task, planning, planning_free);
  g_task_run_in_thread (task, planning_thread);
}

/**
 * sam_reminder_planner_plan_finish:
 * @self: a planner
 * @result: the #GAsyncResult given to the callback
 * @out_truncated: (out) (optional): whether meetings, actions or
 *   follow-ups were more than %SAM_REMINDER_DUE_LIMIT, so that some are
 *   not in the list
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type SamReminder): the reminders,
 *   or %NULL with @error set
 */
GPtrArray *
sam_reminder_planner_plan_finish (SamReminderPlanner  *self,
                                  GAsyncResult        *result,
                                  gboolean            *out_truncated,
                                  GError             **error)
{
  Planning *planning;

  g_return_val_if_fail (SAM_IS_REMINDER_PLANNER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        sam_reminder_planner_plan_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  planning = g_task_get_task_data (G_TASK (result));
  if (out_truncated != NULL)
    *out_truncated = planning->run.truncated;

  return g_steal_pointer (&planning->run.reminders);
}

/**
 * sam_reminder_planner_mark_shown:
 * @self: a planner
 * @session: the session @reminder was planned for
 * @reminder: a reminder from sam_reminder_planner_plan() that is now shown
 *
 * Tells the planner that @reminder reached the user. For emergency access
 * it means that the next runs leave out what @reminder counted, for as
 * long as @self lives; other reminders are shown once by their key, which
 * the caller remembers, and are not affected.
 */
void
sam_reminder_planner_mark_shown (SamReminderPlanner *self,
                                 SamSession         *session,
                                 const SamReminder  *reminder)
{
  gint64 user_id;
  guint64 seq;

  g_return_if_fail (SAM_IS_REMINDER_PLANNER (self));
  g_return_if_fail (SAM_IS_SESSION (session));
  g_return_if_fail (reminder != NULL);

  if (reminder->kind != SAM_REMINDER_BREAK_GLASS ||
      !g_str_has_prefix (reminder->id, BREAK_GLASS_KEY_PREFIX))
    return;

  seq = g_ascii_strtoull (reminder->id + strlen (BREAK_GLASS_KEY_PREFIX), NULL, 10);
  if (seq <= break_glass_shown_seq (self, session))
    return;

  user_id = sam_session_get_user_id (session);
  g_hash_table_replace (self->break_glass_shown, g_memdup2 (&user_id, sizeof user_id),
                        g_memdup2 (&seq, sizeof seq));
}
