/* sam-mapping-store-private.h: recording a mapping inside another write
 *
 * A follow-up re-scores the factors as a new mapping, in the follow-up's
 * own transaction (sam-follow-up-store.c). Not installed; not for the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-mapping-store.h"

G_BEGIN_DECLS

gboolean _sam_mapping_validate_scores (const SamFactorScore  *scores,
                                       guint                  n_scores,
                                       GError               **error);
gboolean _sam_mapping_insert          (SamSession            *session,
                                       gint64                 case_id,
                                       gint64                 person_id,
                                       const char            *scored_on,
                                       const char            *comment,
                                       const SamFactorScore  *scores,
                                       guint                  n_scores,
                                       const char            *audit_reason,
                                       gint64                *out_id,
                                       GError               **error);

G_END_DECLS
