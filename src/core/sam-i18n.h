/* sam-i18n.h: where the app and the CLI find their translations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *sam_i18n_get_localedir (void);
void        sam_i18n_init          (void);

G_END_DECLS
