/* sam-print-document.h: a document of headings and fields, printed or saved as PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_PRINT_DOCUMENT (sam_print_document_get_type ())

G_DECLARE_FINAL_TYPE (SamPrintDocument, sam_print_document, SAM, PRINT_DOCUMENT, GObject)

SamPrintDocument *sam_print_document_new            (SamSession        *session,
                                                     const char        *job_name);
void              sam_print_document_set_audit      (SamPrintDocument  *self,
                                                     const char        *object_type,
                                                     gint64             object_id,
                                                     gint64             case_id,
                                                     const char        *reason);
void              sam_print_document_add_title      (SamPrintDocument  *self,
                                                     const char        *text);
void              sam_print_document_add_heading    (SamPrintDocument  *self,
                                                     const char        *text);
void              sam_print_document_add_subheading (SamPrintDocument  *self,
                                                     const char        *text);
void              sam_print_document_add_field      (SamPrintDocument  *self,
                                                     const char        *label,
                                                     const char        *value);
void              sam_print_document_add_paragraph  (SamPrintDocument  *self,
                                                     const char        *text);
const char       *sam_print_document_get_markup     (SamPrintDocument  *self);
gint64            sam_print_document_get_case_id    (SamPrintDocument  *self);
gboolean          sam_print_document_export_pdf     (SamPrintDocument  *self,
                                                     const char        *path,
                                                     GError           **error);
void              sam_print_document_print          (SamPrintDocument  *self,
                                                     GtkWindow         *parent);
void              sam_print_show_error              (GtkWindow         *parent,
                                                     const GError      *error);

G_END_DECLS
