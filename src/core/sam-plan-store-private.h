/* sam-plan-store-private.h: the plan's share of a case's chronology
 *
 * For sam-chronology.c only. Not installed; not for the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-session.h"

G_BEGIN_DECLS

/* Appends a SamChronologyItem of kind SAM_CHRONOLOGY_PLAN_CHANGED to
 * @items for each of the case's plan changes the viewer may see. No
 * policy check on the case and no audit row: the caller does both. */
gboolean  _sam_plan_store_read_chronology  (SamSession  *session,
                                            gint64       case_id,
                                            GPtrArray   *items,
                                            GError     **error);

G_END_DECLS
