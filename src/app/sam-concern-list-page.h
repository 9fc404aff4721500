/* sam-concern-list-page.h: "My concerns" and the concern inbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

/**
 * SamConcernListMode:
 * @SAM_CONCERN_LIST_MINE: the concerns the viewer reported, with status and
 *   feedback
 * @SAM_CONCERN_LIST_INBOX: social services' inbox of concerns to triage
 *
 * What a #SamConcernListPage lists.
 */
typedef enum
{
  SAM_CONCERN_LIST_MINE,
  SAM_CONCERN_LIST_INBOX,
} SamConcernListMode;

#define SAM_TYPE_CONCERN_LIST_MODE (sam_concern_list_mode_get_type ())
GType sam_concern_list_mode_get_type (void);

#define SAM_TYPE_CONCERN_LIST_PAGE (sam_concern_list_page_get_type ())

G_DECLARE_FINAL_TYPE (SamConcernListPage, sam_concern_list_page, SAM, CONCERN_LIST_PAGE, AdwBin)

GtkWidget          *sam_concern_list_page_new          (SamConcernListMode  mode);
SamConcernListMode  sam_concern_list_page_get_mode     (SamConcernListPage *self);
SamSession         *sam_concern_list_page_get_session  (SamConcernListPage *self);
void                sam_concern_list_page_set_session  (SamConcernListPage *self,
                                                        SamSession         *session);
void                sam_concern_list_page_refresh      (SamConcernListPage *self);
guint               sam_concern_list_page_get_n_items  (SamConcernListPage *self);
gboolean            sam_concern_list_page_is_loading   (SamConcernListPage *self);

G_END_DECLS
