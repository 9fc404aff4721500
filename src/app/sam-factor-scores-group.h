/* sam-factor-scores-group.h: a form group scoring risk and protective factors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_FACTOR_SCORES_GROUP (sam_factor_scores_group_get_type ())

G_DECLARE_FINAL_TYPE (SamFactorScoresGroup, sam_factor_scores_group, SAM, FACTOR_SCORES_GROUP,
                      AdwPreferencesGroup)

SamFactorScoresGroup *sam_factor_scores_group_new        (void);
void                  sam_factor_scores_group_set_scores (SamFactorScoresGroup  *self,
                                                          const SamMapping      *mapping);
void                  sam_factor_scores_group_set_score  (SamFactorScoresGroup  *self,
                                                          const char            *code,
                                                          int                    score);
GArray               *sam_factor_scores_group_get_scores (SamFactorScoresGroup  *self);

G_END_DECLS
