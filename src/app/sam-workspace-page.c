/* sam-workspace-page.c
 *
 * The workspace creates its pages when a session begins and destroys them
 * when it ends (see sam-workspace.c). A page learns of the session through
 * set_session(), and tells the workspace that a person chose a case with
 * the interface's #SamWorkspacePage::case-activated signal, which the
 * workspace forwards as its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-workspace-page"

#include "config.h"

#include "sam-workspace-page.h"

enum {
  CASE_ACTIVATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_INTERFACE (SamWorkspacePage, sam_workspace_page, GTK_TYPE_WIDGET)

static void
sam_workspace_page_default_init (SamWorkspacePageInterface *iface)
{
  /**
   * SamWorkspacePage::case-activated:
   * @self: the page
   * @case_id: the case a person chose to open
   *
   * Emitted when a person activates a case on the page (Enter or a double
   * click). The case has not been opened yet: whoever opens it goes
   * through the core, which checks the policy and writes the audit row.
   */
  signals [CASE_ACTIVATED] =
    g_signal_new ("case-activated",
                  G_TYPE_FROM_INTERFACE (iface),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

/**
 * sam_workspace_page_set_session:
 * @self: a #SamWorkspacePage
 * @session: (nullable): the signed-in session, or %NULL to empty the page
 *
 * Shows what @session may see. %NULL, as locking does, empties every model
 * and widget of the page that showed personal data.
 */
void
sam_workspace_page_set_session (SamWorkspacePage *self,
                                SamSession       *session)
{
  g_return_if_fail (SAM_IS_WORKSPACE_PAGE (self));
  g_return_if_fail (!session || SAM_IS_SESSION (session));

  SAM_WORKSPACE_PAGE_GET_IFACE (self)->set_session (self, session);
}

/**
 * sam_workspace_page_focus_search:
 * @self: a #SamWorkspacePage
 *
 * Moves the focus to the page's search field (Ctrl+F).
 *
 * Returns: %TRUE if the page has a search field
 */
gboolean
sam_workspace_page_focus_search (SamWorkspacePage *self)
{
  SamWorkspacePageInterface *iface;

  g_return_val_if_fail (SAM_IS_WORKSPACE_PAGE (self), FALSE);

  iface = SAM_WORKSPACE_PAGE_GET_IFACE (self);
  if (iface->focus_search == NULL)
    return FALSE;

  return iface->focus_search (self);
}

/**
 * sam_workspace_page_emit_case_activated:
 * @self: a #SamWorkspacePage
 * @case_id: the case chosen
 *
 * For implementations: emits #SamWorkspacePage::case-activated.
 */
void
sam_workspace_page_emit_case_activated (SamWorkspacePage *self,
                                        gint64            case_id)
{
  g_return_if_fail (SAM_IS_WORKSPACE_PAGE (self));
  g_return_if_fail (case_id > 0);

  g_signal_emit (self, signals [CASE_ACTIVATED], 0, case_id);
}
