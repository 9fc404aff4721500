/* sam-workspace.h: the signed-in window's sidebar and pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

/* The sections of the sidebar (issue 4, DESIGN §8). Which roles see which
 * is the table in sam-workspace.c; a section is listed only once a page
 * type is added for it. */
#define SAM_WORKSPACE_SECTION_CONCERNS_MINE "concerns-mine"
#define SAM_WORKSPACE_SECTION_CONCERN_INBOX "concern-inbox"
#define SAM_WORKSPACE_SECTION_CASES         "cases"
#define SAM_WORKSPACE_SECTION_MEETINGS      "meetings"
#define SAM_WORKSPACE_SECTION_DUE           "due"
#define SAM_WORKSPACE_SECTION_SUMMARIES     "summaries"
#define SAM_WORKSPACE_SECTION_USERS         "users"
#define SAM_WORKSPACE_SECTION_AGENCIES      "agencies"
#define SAM_WORKSPACE_SECTION_AUDIT_LOG     "audit-log"

#define SAM_TYPE_WORKSPACE (sam_workspace_get_type ())

G_DECLARE_FINAL_TYPE (SamWorkspace, sam_workspace, SAM, WORKSPACE, AdwBin)

/* Makes a new page for a section; see sam_workspace_add_page_factory(). */
typedef GtkWidget *(*SamWorkspacePageFactory) (void);

GtkWidget   *sam_workspace_new               (void);
SamSession  *sam_workspace_get_session       (SamWorkspace *self);
void         sam_workspace_set_session       (SamWorkspace *self,
                                              SamSession   *session);
void         sam_workspace_add_page_type     (SamWorkspace *self,
                                              const char   *section_id,
                                              GType         page_type);
void         sam_workspace_add_page_factory  (SamWorkspace *self,
                                              const char   *section_id,
                                              SamWorkspacePageFactory factory);
GStrv        sam_workspace_dup_section_ids   (SamWorkspace *self);
GtkWidget   *sam_workspace_get_page          (SamWorkspace *self,
                                              const char   *section_id);
const char  *sam_workspace_get_section       (SamWorkspace *self);
gboolean     sam_workspace_set_section       (SamWorkspace *self,
                                              const char   *section_id);
void         sam_workspace_show_detail       (SamWorkspace *self,
                                              GtkWidget    *page,
                                              const char   *title);
void         sam_workspace_close_detail      (SamWorkspace *self);
GtkWidget   *sam_workspace_get_detail        (SamWorkspace *self);

G_END_DECLS
