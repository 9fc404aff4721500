/* sam-utils.h: small helpers shared by the app's widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

void       sam_password_row_use_secure_buffer (AdwPasswordEntryRow *row);
SamSecret *sam_password_row_take_secret       (AdwPasswordEntryRow *row);
void       sam_widget_drop_focus              (GtkWidget           *widget);
GSettings *sam_settings_new                   (void);

G_END_DECLS
