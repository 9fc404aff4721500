/* sam-meeting-format.c: how meetings and due items read in the widgets
 *
 * Meetings are stored in UTC and shown in local time; a status is shown
 * in words, its colour only repeating them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-meeting-format"

#include "config.h"

#include "sam-meeting-format.h"

#include <glib/gi18n.h>

/**
 * sam_meeting_format_local_time:
 * @iso: (nullable): ISO 8601, as the core writes it
 *
 * Returns: @iso in local time, "YYYY-MM-DD HH:MM"
 */
char *
sam_meeting_format_local_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso != NULL ? iso : "");

  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/**
 * sam_meeting_format_when:
 * @meeting: a meeting
 *
 * Returns: when it starts and how long it lasts, such as
 *   "2026-03-14 13:00 · 60 min"
 */
char *
sam_meeting_format_when (const SamMeeting *meeting)
{
  g_autofree char *start = NULL;

  g_return_val_if_fail (meeting != NULL, NULL);

  start = sam_meeting_format_local_time (meeting->starts_at);
  /* Translators: a meeting's start, local time, and its length in minutes */
  return g_strdup_printf (_("%s · %u min"), start, meeting->duration_minutes);
}

static const char *
status_css_class (SamMeetingStatus status)
{
  switch (status)
    {
    case SAM_MEETING_PLANNED:
      return "accent";
    case SAM_MEETING_HELD:
      return "success";
    case SAM_MEETING_CANCELLED:
    case SAM_N_MEETING_STATUSES:
    default:
      return "dim-label";
    }
}

/**
 * sam_meeting_status_badge_new:
 * @status: a meeting's status
 *
 * Returns: (transfer floating): the status in words, as a badge
 */
GtkWidget *
sam_meeting_status_badge_new (SamMeetingStatus status)
{
  GtkWidget *badge = gtk_label_new (sam_meeting_status_get_label (status));

  gtk_widget_set_valign (badge, GTK_ALIGN_START);
  gtk_widget_add_css_class (badge, "caption-heading");
  gtk_widget_add_css_class (badge, status_css_class (status));
  gtk_widget_set_name (badge, "status");

  return badge;
}

/**
 * sam_meeting_format_label:
 * @text: the text, never markup
 * @css_class: (nullable): a style class
 *
 * Returns: (transfer floating): a start-aligned label that wraps
 */
GtkWidget *
sam_meeting_format_label (const char *text,
                          const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/**
 * sam_meeting_format_iso_in_days:
 * @days: days from now, negative for the past
 *
 * Returns: that moment, ISO 8601 UTC, for the core's time windows
 */
char *
sam_meeting_format_iso_in_days (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * sam_meeting_format_date_in_days:
 * @days: days from today, negative for the past
 *
 * Returns: that day in local time, YYYY-MM-DD
 */
char *
sam_meeting_format_date_in_days (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}
