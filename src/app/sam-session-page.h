/* sam-session-page.h: who is signed in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_SESSION_PAGE (sam_session_page_get_type ())

G_DECLARE_FINAL_TYPE (SamSessionPage, sam_session_page, SAM, SESSION_PAGE, AdwBin)

GtkWidget  *sam_session_page_new         (void);
SamSession *sam_session_page_get_session (SamSessionPage *self);
void        sam_session_page_set_session (SamSessionPage *self,
                                          SamSession     *session);

G_END_DECLS
