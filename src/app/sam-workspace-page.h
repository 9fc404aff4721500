/* sam-workspace-page.h: what a page of the workspace implements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_WORKSPACE_PAGE (sam_workspace_page_get_type ())

G_DECLARE_INTERFACE (SamWorkspacePage, sam_workspace_page, SAM, WORKSPACE_PAGE, GtkWidget)

/**
 * SamWorkspacePageInterface:
 * @set_session: show what @session may see; %NULL empties every model and
 *   widget that showed personal data (required)
 * @focus_search: move the focus to the page's search field, if it has one;
 *   return %FALSE when it has none (optional)
 *
 * A page of #SamWorkspace's content: one section of the sidebar.
 */
struct _SamWorkspacePageInterface
{
  GTypeInterface parent_iface;

  void     (*set_session)  (SamWorkspacePage *self,
                            SamSession       *session);
  gboolean (*focus_search) (SamWorkspacePage *self);
};

void      sam_workspace_page_set_session          (SamWorkspacePage *self,
                                                   SamSession       *session);
gboolean  sam_workspace_page_focus_search         (SamWorkspacePage *self);
void      sam_workspace_page_emit_case_activated  (SamWorkspacePage *self,
                                                   gint64            case_id);

G_END_DECLS
