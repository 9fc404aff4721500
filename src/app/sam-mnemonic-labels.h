/* sam-mnemonic-labels.h: accessible names without mnemonic underscores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void  sam_mnemonic_labels_init  (void);
char *sam_mnemonic_labels_strip (const char *label);

G_END_DECLS
