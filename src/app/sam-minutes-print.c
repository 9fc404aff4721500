/* sam-minutes-print.c: a meeting's minutes on paper or as PDF
 *
 * The minutes as the team files them: the case number, when and where,
 * who took part and for which agency, the agenda, the minutes and the
 * decisions. Names are printed: the user asks for this document, and the
 * export is logged. The document is in the user's language.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-minutes-print"

#include "config.h"

#include "sam-minutes-print.h"

#include <glib/gi18n.h>

#include "sam-export-warning.h"

static char *
format_when (const SamMeeting *meeting)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (meeting->starts_at, NULL);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  if (utc == NULL)
    return g_strdup (meeting->starts_at);

  local = g_date_time_to_local (utc);
  end = g_date_time_add_minutes (local, (int) meeting->duration_minutes);
  start_text = g_date_time_format (local, "%Y-%m-%d %H:%M");
  end_text = g_date_time_format (end, "%H:%M");

  /* Translators: a meeting's time, such as "2026-03-14 13:00–14:30" */
  return g_strdup_printf (_("%s–%s"), start_text, end_text);
}

static char *
format_participant (const SamMeetingParticipant *participant)
{
  switch (participant->kind)
    {
    case SAM_MEETING_PARTICIPANT_GUARDIAN:
      /* Translators: a participant: a guardian's name */
      return g_strdup_printf (_("%s, guardian"), participant->display_name);
    case SAM_MEETING_PARTICIPANT_YOUNG_PERSON:
      /* Translators: a participant: the young person's name */
      return g_strdup_printf (_("%s, the young person"), participant->display_name);
    case SAM_MEETING_PARTICIPANT_USER:
    default:
      if (participant->agency_name == NULL)
        return g_strdup (participant->display_name);
      /* Translators: a participant: a staff member's name and agency */
      return g_strdup_printf (_("%s, %s"), participant->display_name, participant->agency_name);
    }
}

static void
add_participants (SamPrintDocument *document,
                  const SamMeeting *meeting)
{
  sam_print_document_add_heading (document, _("Participants"));
  if (meeting->participants->len == 0)
    sam_print_document_add_paragraph (document, NULL);

  for (guint i = 0; i < meeting->participants->len; i++)
    {
      g_autofree char *line = format_participant (g_ptr_array_index (meeting->participants, i));
      g_autofree char *item = g_strdup_printf ("• %s", line);

      sam_print_document_add_paragraph (document, item);
    }
}

static void
fill (SamPrintDocument *document,
      const SamMeeting *meeting)
{
  g_autofree char *when = format_when (meeting);

  sam_print_document_add_title (document, _("Meeting Minutes"));
  sam_print_document_add_field (document, _("Case"), meeting->case_number);
  sam_print_document_add_field (document, _("Time"), when);
  sam_print_document_add_field (document, _("Place"), meeting->place);
  sam_print_document_add_field (document, _("Status"), sam_meeting_status_get_label (meeting->status));
  sam_print_document_add_field (document, _("Called by"), meeting->created_by_name);
  add_participants (document, meeting);
  sam_print_document_add_heading (document, _("Agenda"));
  sam_print_document_add_paragraph (document, meeting->agenda);
  sam_print_document_add_heading (document, _("Minutes"));
  sam_print_document_add_paragraph (document, meeting->minutes);
  sam_print_document_add_heading (document, _("Decisions"));
  sam_print_document_add_paragraph (document, meeting->decisions);
}

static void
print_confirmed (gpointer user_data)
{
  SamPrintDocument *document = user_data;
  GtkWindow *parent = g_object_get_data (G_OBJECT (document), "sam-parent");

  sam_print_document_print (document, parent);
}

/**
 * sam_minutes_document_new:
 * @session: someone who may see the meeting
 * @meeting_id: the meeting
 * @error: return location for a #GError
 *
 * Reads the meeting (policy-checked, one VIEW row) and lays out its
 * minutes. Printing or exporting it writes the audit row (object
 * `meeting`, reason `minutes`).
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
SamPrintDocument *
sam_minutes_document_new (SamSession  *session,
                          gint64       meeting_id,
                          GError     **error)
{
  g_autoptr(SamMeeting) meeting = NULL;
  g_autofree char *job_name = NULL;
  SamPrintDocument *document;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);

  if (!(meeting = sam_meeting_store_get (session, meeting_id, error)))
    return NULL;

  /* Translators: a print job's name, with a case number such as SV-2026-0012 */
  job_name = g_strdup_printf (_("Minutes %s"), meeting->case_number);
  document = sam_print_document_new (session, job_name);
  sam_print_document_set_audit (document, "meeting", meeting_id, meeting->case_id, "minutes");
  fill (document, meeting);

  return document;
}

/**
 * sam_print_minutes:
 * @parent: (nullable): the window to print from
 * @session: the signed-in user
 * @meeting_id: the meeting
 *
 * Prints a meeting's minutes through the print dialog, after the
 * protected-identity warning when the case needs one. Errors are shown.
 */
void
sam_print_minutes (GtkWindow  *parent,
                   SamSession *session,
                   gint64      meeting_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPrintDocument) document = NULL;

  g_return_if_fail (SAM_IS_SESSION (session));

  if (!(document = sam_minutes_document_new (session, meeting_id, &error)))
    {
      sam_print_show_error (parent, error);
      return;
    }

  if (parent != NULL)
    g_object_set_data_full (G_OBJECT (document), "sam-parent", g_object_ref (parent), g_object_unref);
  sam_export_confirm (parent, session, sam_print_document_get_case_id (document), print_confirmed,
                      g_steal_pointer (&document), g_object_unref);
}

/**
 * sam_export_minutes_pdf:
 * @session: someone who may see the meeting
 * @meeting_id: the meeting
 * @path: the file the user chose
 * @error: return location for a #GError
 *
 * Saves a meeting's minutes as PDF, readable by its owner only, with one
 * EXPORT row (object `meeting`, reason `minutes`). Asks nothing: the
 * caller shows sam_export_confirm() first. A refused export writes nothing.
 *
 * Returns: %TRUE when saved
 */
gboolean
sam_export_minutes_pdf (SamSession  *session,
                        gint64       meeting_id,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(SamPrintDocument) document = NULL;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return (document = sam_minutes_document_new (session, meeting_id, error)) != NULL &&
         sam_print_document_export_pdf (document, path, error);
}
