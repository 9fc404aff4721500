/* sam-users-page.h: the administrator's Users section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_USERS_PAGE (sam_users_page_get_type ())

G_DECLARE_FINAL_TYPE (SamUsersPage, sam_users_page, SAM, USERS_PAGE, AdwBin)

GtkWidget *sam_users_page_new          (void);
void       sam_users_page_refresh      (SamUsersPage *self);
guint      sam_users_page_get_n_users  (SamUsersPage *self);

G_END_DECLS
