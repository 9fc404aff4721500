/* sam-meeting-store-private.h: for the meeting store's tests only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The SQL sam_meeting_store_list_range() runs: for the coordinator role
 * (@all_cases) or for a member of some cases' teams. Tests read its query
 * plan, so that a full scan of meetings or cases cannot creep in. */
const char *_sam_meeting_store_get_range_sql (gboolean all_cases);

G_END_DECLS
