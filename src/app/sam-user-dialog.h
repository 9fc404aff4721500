/* sam-user-dialog.h: adds a user
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_USER_DIALOG (sam_user_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SamUserDialog, sam_user_dialog, SAM, USER_DIALOG, AdwWindow)

SamUserDialog *sam_user_dialog_new              (GtkWindow        *parent,
                                                 SamSession       *session);
AdwMessageDialog *sam_user_dialog_show_passphrase (GtkWindow      *parent,
                                                 const char       *user_name,
                                                 const SamSecret  *passphrase);

G_END_DECLS
