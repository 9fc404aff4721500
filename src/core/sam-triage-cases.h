/* sam-triage-cases.h: the open cases a concern can be linked to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-case-store.h"
#include "sam-session.h"

G_BEGIN_DECLS

GPtrArray *sam_triage_list_open_cases (SamSession  *session,
                                       gint64       person_id,
                                       GError     **error);

G_END_DECLS
