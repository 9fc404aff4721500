/* sam-calendar-export.c: saving a meeting invitation as an .ics file
 *
 * The user asks for it, so the file may leave the encrypted database; the
 * core writes only the case number, the place, the times and the
 * participating agencies into it, never a name (sam-meeting-ics.c). A
 * protected identity is warned about first, as every export is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-calendar-export"

#include "config.h"

#include "sam-calendar-export.h"

#include <glib/gi18n.h>

#include "sam-export-warning.h"
#include "sam-print-document.h"

typedef struct
{
  GtkWindow  *parent;       /* weak */
  SamSession *session;
  gint64      meeting_id;
  char       *case_number;
} CalendarExport;

static void
calendar_export_free (gpointer data)
{
  CalendarExport *export = data;

  g_clear_weak_pointer (&export->parent);
  g_clear_object (&export->session);
  g_free (export->case_number);
  g_free (export);
}

static void
on_file_chosen (GtkNativeDialog *chooser,
                int              response,
                gpointer         data)
{
  CalendarExport *export = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      !sam_session_is_locked (export->session) &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL &&
      !sam_meeting_export_ics_file (export->session, export->meeting_id, path, &error))
    sam_print_show_error (export->parent, error);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  calendar_export_free (export);
}

static void
choose_file (gpointer data)
{
  CalendarExport *export = data;
  CalendarExport *copy = g_new0 (CalendarExport, 1);
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  /* The confirmation frees @data when it is done; the chooser gets its own. */
  g_set_weak_pointer (&copy->parent, export->parent);
  copy->session = g_object_ref (export->session);
  copy->meeting_id = export->meeting_id;
  copy->case_number = g_strdup (export->case_number);

  chooser = gtk_file_chooser_native_new (_("Save Calendar Invitation"), copy->parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Named by the case number, which the file carries anyway. */
  name = g_strdup_printf ("%s.ics", copy->case_number);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen), copy);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * sam_calendar_export_meeting:
 * @parent: (nullable): the window to put the dialogs on
 * @session: the signed-in session
 * @meeting: the meeting, as the core listed it
 *
 * Warns about a protected identity if the case has one, asks where to
 * save, and writes the invitation there. The core checks the policy and
 * audits the export; a refusal is shown in a dialog.
 */
void
sam_calendar_export_meeting (GtkWindow        *parent,
                             SamSession       *session,
                             const SamMeeting *meeting)
{
  CalendarExport *export;

  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));
  g_return_if_fail (SAM_IS_SESSION (session));
  g_return_if_fail (meeting != NULL);

  export = g_new0 (CalendarExport, 1);
  g_set_weak_pointer (&export->parent, parent);
  export->session = g_object_ref (session);
  export->meeting_id = meeting->id;
  export->case_number = g_strdup (meeting->case_number);

  sam_export_confirm (parent, session, meeting->case_id, choose_file, export,
                      calendar_export_free);
}
