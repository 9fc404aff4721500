/* sam-export-warning.h: the warning before a protected identity's data leaves the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "samverka-core.h"

G_BEGIN_DECLS

/**
 * SamExportConfirmedFunc:
 * @user_data: the data given to sam_export_confirm()
 *
 * Goes on with an export the user has confirmed, or that needed no warning.
 */
typedef void (*SamExportConfirmedFunc) (gpointer user_data);

GtkWindow *sam_export_confirm (GtkWindow              *parent,
                               SamSession             *session,
                               gint64                  case_id,
                               SamExportConfirmedFunc  confirmed,
                               gpointer                user_data,
                               GDestroyNotify          destroy);

G_END_DECLS
