/* sam-concern-list-page-private.h: testing hooks of SamConcernListPage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-concern-list-page.h"

G_BEGIN_DECLS

/* Lowers the most rows the page shows, so that a test need not log
 * hundreds of concerns to see the cap and its note. */
void  _sam_concern_list_page_set_cap         (SamConcernListPage *self,
                                              guint               cap);

/* Loads of any such page whose worker has not called back yet: a test
 * waits for none before it checks that a dropped load did no harm. */
guint _sam_concern_list_page_get_n_running   (void);

G_END_DECLS
