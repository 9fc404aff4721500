/* sam-meeting-ics.c: a meeting as an iCalendar invitation
 *
 * A calendar is not the encrypted database: it syncs to phones and mail
 * servers and is shared with colleagues. So the invitation carries only
 * what a calendar needs to place the meeting: when, where, the case number
 * and the agencies taking part. Never a person's name (staff, guardian or
 * young person), never the agenda, the minutes or the decisions.
 *
 * The UID is made of the meeting's id and the database's id, so that a
 * rescheduled meeting exported again replaces the earlier entry in the
 * calendar instead of adding a second one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-meeting-ics"

#include "config.h"

#include "sam-meeting-ics.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "sam-database.h"
#include "sam-error.h"
#include "sam-export.h"
#include "sam-meeting-store.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

#define PRODID "-//Samverka//Samverka//SV"

static struct icaltimetype
time_from_unix (gint64 unix_time)
{
  return icaltime_from_timet_with_zone ((time_t) unix_time, FALSE,
                                        icaltimezone_get_utc_timezone ());
}

static enum icalproperty_status
status_to_ical (SamMeetingStatus status)
{
  switch (status)
    {
    case SAM_MEETING_HELD:
      return ICAL_STATUS_CONFIRMED;
    case SAM_MEETING_CANCELLED:
      return ICAL_STATUS_CANCELLED;
    case SAM_MEETING_PLANNED:
    case SAM_N_MEETING_STATUSES:
    default:
      return ICAL_STATUS_TENTATIVE;
    }
}

/* The agencies taking part, each once, in the order of the participants.
 * Guardians and the young person have no agency and are not mentioned. */
static char *
agencies_line (const SamMeeting *meeting)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < meeting->participants->len; i++)
    {
      const SamMeetingParticipant *participant = g_ptr_array_index (meeting->participants, i);

      if (participant->agency_name == NULL ||
          g_ptr_array_find_with_equal_func (names, participant->agency_name, g_str_equal, NULL))
        continue;
      g_ptr_array_add (names, participant->agency_name);
    }
  g_ptr_array_add (names, NULL);

  return g_strjoinv (", ", (char **) names->pdata);
}

static char *
description_of (const SamMeeting *meeting)
{
  g_autofree char *agencies = agencies_line (meeting);

  if (*agencies == '\0')
    return g_strdup (_("SSPF network meeting."));

  /* Translators: %s is a list of agencies, such as "Ekholmsskolan, Socialtjänsten" */
  return g_strdup_printf (_("Participating agencies: %s"), agencies);
}

static char *
uid_of (SamSession       *session,
        const SamMeeting *meeting)
{
  SamDatabase *database = sam_session_get_database (session);
  const char *database_id = sam_database_get_id (database);

  return g_strdup_printf ("meeting-%" G_GINT64_FORMAT "-%s@samverka", meeting->id,
                          database_id != NULL ? database_id : "local");
}

static icalcomponent *
build_event (SamSession       *session,
             const SamMeeting *meeting,
             GError          **error)
{
  g_autoptr(GDateTime) starts = g_date_time_new_from_iso8601 (meeting->starts_at, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *uid = uid_of (session, meeting);
  g_autofree char *summary = NULL;
  g_autofree char *description = description_of (meeting);
  gint64 start;
  icalcomponent *event;

  if (starts == NULL)
    {
      g_set_error_literal (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                           _("Start time: the stored time cannot be read."));
      return NULL;
    }
  start = g_date_time_to_unix (starts);

  /* Translators: %s is a case number such as SV-2026-0012 */
  summary = g_strdup_printf (_("SSPF meeting %s"), meeting->case_number);

  event = icalcomponent_vanew (ICAL_VEVENT_COMPONENT,
                               icalproperty_new_uid (uid),
                               icalproperty_new_dtstamp (time_from_unix (g_date_time_to_unix (now))),
                               icalproperty_new_dtstart (time_from_unix (start)),
                               icalproperty_new_dtend (time_from_unix (start + meeting->duration_minutes * 60)),
                               icalproperty_new_summary (summary),
                               icalproperty_new_location (meeting->place),
                               icalproperty_new_description (description),
                               icalproperty_new_status (status_to_ical (meeting->status)),
                               (void *) 0);
  return event;
}

static char *
calendar_text (SamSession       *session,
               const SamMeeting *meeting,
               GError          **error)
{
  g_autoptr(icalcomponent) calendar = NULL;
  icalcomponent *event;
  char *ical_text;
  char *text;

  if (!(event = build_event (session, meeting, error)))
    return NULL;

  calendar = icalcomponent_vanew (ICAL_VCALENDAR_COMPONENT,
                                  icalproperty_new_version ("2.0"),
                                  icalproperty_new_prodid (PRODID),
                                  icalproperty_new_method (ICAL_METHOD_PUBLISH),
                                  event,
                                  (void *) 0);

  ical_text = icalcomponent_as_ical_string_r (calendar);
  text = g_strdup (ical_text);
  icalmemory_free_buffer (ical_text);
  return text;
}

/**
 * sam_meeting_export_ics:
 * @session: someone who may see the meeting
 * @meeting_id: the meeting
 * @error: return location for a #GError
 *
 * The meeting as an iCalendar (RFC 5545) VCALENDAR with one VEVENT:
 * UID, DTSTAMP, DTSTART and DTEND in UTC, the case number as SUMMARY, the
 * place as LOCATION, the participating agencies as DESCRIPTION, and
 * STATUS (planned: TENTATIVE, held: CONFIRMED, cancelled: CANCELLED).
 *
 * The meeting is opened through sam_meeting_store_get(), so a user who
 * may not see it is refused (%SAM_POLICY_ERROR_DENIED). Writes a VIEW row
 * and one EXPORT row (object `meeting`, reason `ics`).
 *
 * Returns: (transfer full): the calendar text, or %NULL with @error set
 */
char *
sam_meeting_export_ics (SamSession  *session,
                        gint64       meeting_id,
                        GError     **error)
{
  g_autoptr(SamMeeting) meeting = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(meeting = sam_meeting_store_get (session, meeting_id, error)) ||
      !(text = calendar_text (session, meeting, error)) ||
      !sam_export_record (session, SAM_AUDIT_EXPORT, "meeting", meeting_id, meeting->case_id,
                          "ics", error))
    return NULL;

  return g_steal_pointer (&text);
}

/**
 * sam_meeting_export_ics_file:
 * @session: someone who may see the meeting
 * @meeting_id: the meeting
 * @path: the file the user chose
 * @error: return location for a #GError
 *
 * Like sam_meeting_export_ics(), written to @path readable by its owner
 * only (mode 0600). Nothing is written when the export is refused.
 *
 * Returns: %TRUE when written
 */
gboolean
sam_meeting_export_ics_file (SamSession  *session,
                             gint64       meeting_id,
                             const char  *path,
                             GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(text = sam_meeting_export_ics (session, meeting_id, error)))
    return FALSE;

  return sam_export_write_private (path, text, -1, error);
}
