/* sam-minutes-print.h: a meeting's minutes on paper or as PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sam-print-document.h"

G_BEGIN_DECLS

SamPrintDocument *sam_minutes_document_new (SamSession   *session,
                                            gint64        meeting_id,
                                            GError      **error);
void              sam_print_minutes        (GtkWindow    *parent,
                                            SamSession   *session,
                                            gint64        meeting_id);
gboolean          sam_export_minutes_pdf   (SamSession   *session,
                                            gint64        meeting_id,
                                            const char   *path,
                                            GError      **error);

G_END_DECLS
