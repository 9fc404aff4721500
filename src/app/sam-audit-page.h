/* sam-audit-page.h: the administrator's review of the audit log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_AUDIT_PAGE (sam_audit_page_get_type ())

G_DECLARE_FINAL_TYPE (SamAuditPage, sam_audit_page, SAM, AUDIT_PAGE, AdwBin)

GtkWidget  *sam_audit_page_new             (void);
void        sam_audit_page_show_list       (SamAuditPage  *self,
                                            const char    *list_name);
const char *sam_audit_page_get_visible_list (SamAuditPage *self);
guint       sam_audit_page_get_n_rows      (SamAuditPage  *self,
                                            const char    *list_name);
guint64     sam_audit_page_get_row_seq     (SamAuditPage  *self,
                                            const char    *list_name,
                                            guint          index);
const char *sam_audit_page_get_anchor      (SamAuditPage  *self);
const char *sam_audit_page_get_verify_text (SamAuditPage  *self);
gboolean    sam_audit_page_export_extract  (SamAuditPage  *self,
                                            const char    *path,
                                            GError       **error);

G_END_DECLS
