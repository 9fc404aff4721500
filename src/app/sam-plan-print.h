/* sam-plan-print.h: a case's plan on paper or as PDF, in Swedish for the family
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sam-print-document.h"

G_BEGIN_DECLS

SamPrintDocument *sam_plan_document_new (SamSession   *session,
                                         gint64        case_id,
                                         GError      **error);
void              sam_print_plan        (GtkWindow    *parent,
                                         SamSession   *session,
                                         gint64        case_id);
gboolean          sam_export_plan_pdf   (SamSession   *session,
                                         gint64        case_id,
                                         const char   *path,
                                         GError      **error);

G_END_DECLS
