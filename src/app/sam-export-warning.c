/* sam-export-warning.c: the warning before a protected identity's data leaves the database
 *
 * A young person with a protected identity (skyddad identitet) may be in
 * danger if their whereabouts become known. A printout left on a desk or a
 * PDF in a mail is out of the database's protection, so every export and
 * printout of such a case is confirmed first (DESIGN, issue 5 "Exports").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-export-warning"

#include "config.h"

#include "sam-export-warning.h"

#include <adwaita.h>
#include <glib/gi18n.h>

typedef struct
{
  SamExportConfirmedFunc  confirmed;
  gpointer                user_data;
  GDestroyNotify          destroy;
} Pending;

static void
pending_free (Pending *pending)
{
  if (pending->destroy != NULL)
    pending->destroy (pending->user_data);
  g_free (pending);
}

static void
pending_notify (gpointer  data,
                GClosure *closure)
{
  pending_free (data);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Pending          *pending)
{
  if (g_strcmp0 (response, "export") == 0)
    pending->confirmed (pending->user_data);
}

/**
 * sam_export_confirm:
 * @parent: (nullable): the window the warning belongs to
 * @session: the signed-in user
 * @case_id: the case whose data is about to be printed or exported
 * @confirmed: what to do once confirmed
 * @user_data: data for @confirmed
 * @destroy: (nullable): frees @user_data once done with
 *
 * Calls @confirmed at once when the case needs no warning. Otherwise shows
 * a warning about the protected identity and calls @confirmed only when
 * the user chooses to go on (response `export`; `cancel` does nothing).
 *
 * Returns: (transfer none) (nullable): the warning shown, or %NULL when
 *   none was needed
 */
GtkWindow *
sam_export_confirm (GtkWindow              *parent,
                    SamSession             *session,
                    gint64                  case_id,
                    SamExportConfirmedFunc  confirmed,
                    gpointer                user_data,
                    GDestroyNotify          destroy)
{
  Pending *pending;
  GtkWidget *dialog;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (confirmed != NULL, NULL);

  if (!sam_export_needs_warning (session, case_id))
    {
      confirmed (user_data);
      if (destroy != NULL)
        destroy (user_data);
      return NULL;
    }

  pending = g_new0 (Pending, 1);
  *pending = (Pending) { confirmed, user_data, destroy };

  dialog = adw_message_dialog_new (parent, _("Protected Identity"),
                                   _("The young person in this case has a protected identity. "
                                     "A printout or a file is outside the database’s protection: "
                                     "keep it where no one else can see it, and destroy it when "
                                     "it is no longer needed."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Continue"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), pending,
                         pending_notify, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}
