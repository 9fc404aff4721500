/* sam-follow-up-store.h: follow-ups, with re-scored factors and goal attainment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-mapping-store.h"
#include "sam-session.h"

G_BEGIN_DECLS

/**
 * SAM_GOAL_ATTAINMENT_MAX:
 *
 * The highest goal attainment rating; the lowest is 0 (not attained).
 */
#define SAM_GOAL_ATTAINMENT_MAX 4

/**
 * SamFollowUpStatus:
 * @SAM_FOLLOW_UP_STATUS_SCHEDULED: planned for its due date
 * @SAM_FOLLOW_UP_STATUS_HELD: held, with notes, scores and goal attainment
 * @SAM_FOLLOW_UP_STATUS_CANCELLED: will not be held
 *
 * Where a follow-up stands. Only a scheduled follow-up changes: to held
 * or to cancelled, and then no more.
 */
typedef enum
{
  SAM_FOLLOW_UP_STATUS_SCHEDULED,
  SAM_FOLLOW_UP_STATUS_HELD,
  SAM_FOLLOW_UP_STATUS_CANCELLED,
  SAM_N_FOLLOW_UP_STATUSES
} SamFollowUpStatus;

/**
 * SamGoalAttainment:
 * @goal_id: a goal of the follow-up's case (plan_goals)
 * @goal_description: the goal's description when read back; %NULL where
 *   the viewer may not see the goal's agency's items; ignored when holding
 * @attainment: 0 (not attained) to %SAM_GOAL_ATTAINMENT_MAX (fully attained)
 *
 * One goal's rating at a follow-up. The description is owned by the
 * #SamFollowUp it was read with.
 */
typedef struct
{
  gint64      goal_id;
  const char *goal_description;
  int         attainment;
} SamGoalAttainment;

/**
 * SamFollowUp:
 * @id: the follow-up's id
 * @case_id: the case
 * @case_number: the case's number, such as SV-2026-0042
 * @due_on: the day it is due, `YYYY-MM-DD`
 * @status: where it stands
 * @held_on: (nullable): the day it was held, `YYYY-MM-DD`, when held
 * @notes: (nullable): what was said, when held
 * @mapping_id: the mapping re-scored at it, or 0
 * @attainment: (element-type SamGoalAttainment): the goals' ratings, in
 *   goal order; empty unless held
 * @created_by: who scheduled it
 * @created_by_name: that user's display name
 * @agency_id: the scheduler's agency, whose information it is
 * @agency_name: that agency's name
 * @created_at: when it was scheduled, ISO 8601 UTC
 * @held_by: who recorded it as held, or 0
 * @held_by_name: (nullable): that user's display name
 * @updated_at: when it last changed (held or cancelled), ISO 8601 UTC
 *
 * One follow-up as read back. Free with sam_follow_up_free().
 */
typedef struct
{
  gint64             id;
  gint64             case_id;
  char              *case_number;
  char              *due_on;
  SamFollowUpStatus  status;
  char              *held_on;
  char              *notes;
  gint64             mapping_id;
  GArray            *attainment;
  gint64             created_by;
  char              *created_by_name;
  gint64             agency_id;
  char              *agency_name;
  char              *created_at;
  gint64             held_by;
  char              *held_by_name;
  char              *updated_at;
} SamFollowUp;

/**
 * SamFollowUpHoldDraft:
 * @held_on: the day it was held, `YYYY-MM-DD`, not in the future
 * @notes: (nullable): what was said, at most %SAM_LONG_TEXT_MAX_CHARS
 *   characters
 * @scores: (array length=n_scores) (nullable): the re-scored factors,
 *   recorded as a new mapping scored on @held_on; none: no re-scoring
 * @n_scores: the number of @scores
 * @attainment: (array length=n_attainment) (nullable): goal ratings, each
 *   a goal of the case rated 0 to %SAM_GOAL_ATTAINMENT_MAX, no goal twice
 * @n_attainment: the number of @attainment
 *
 * What a follow-up records when it is held.
 */
typedef struct
{
  const char              *held_on;
  const char              *notes;
  const SamFactorScore    *scores;
  guint                    n_scores;
  const SamGoalAttainment *attainment;
  guint                    n_attainment;
} SamFollowUpHoldDraft;

const char  *sam_follow_up_status_to_string   (SamFollowUpStatus            status);
gboolean     sam_follow_up_status_from_string (const char                  *string,
                                               SamFollowUpStatus           *out_status);
const char  *sam_follow_up_status_get_label   (SamFollowUpStatus            status);

void         sam_follow_up_free               (SamFollowUp                 *follow_up);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamFollowUp, sam_follow_up_free)

gint64       sam_follow_up_store_schedule     (SamSession                  *session,
                                               gint64                       case_id,
                                               const char                  *due_on,
                                               GError                     **error);
gboolean     sam_follow_up_store_hold         (SamSession                  *session,
                                               gint64                       follow_up_id,
                                               const SamFollowUpHoldDraft  *draft,
                                               GError                     **error);
gboolean     sam_follow_up_store_cancel       (SamSession                  *session,
                                               gint64                       follow_up_id,
                                               GError                     **error);
SamFollowUp *sam_follow_up_store_get          (SamSession                  *session,
                                               gint64                       follow_up_id,
                                               GError                     **error);
GPtrArray   *sam_follow_up_store_list_for_case (SamSession                 *session,
                                               gint64                       case_id,
                                               GError                     **error);
GPtrArray   *sam_follow_up_store_list_due     (SamSession                  *session,
                                               const char                  *before_date,
                                               guint                        limit,
                                               GError                     **error);

G_END_DECLS
