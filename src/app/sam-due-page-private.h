/* sam-due-page-private.h: testing hooks of SamDuePage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-due-page.h"

G_BEGIN_DECLS

/* Lowers the most rows a group shows, so that a test need not make
 * hundreds of due items to see the cap and its note. */
void _sam_due_page_set_cap (SamDuePage *self,
                            guint       cap);

/* Loads of any such page whose worker has not called back yet: a test
 * waits for none before it checks that a dropped load did no harm. */
guint _sam_due_page_get_n_running (void);

G_END_DECLS
