/* sam-plan-store.h: the joint action plan (åtagandeplan) of a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-catalogue.h"
#include "sam-session.h"

G_BEGIN_DECLS

/**
 * SamPlanActionStatus:
 * @SAM_PLAN_ACTION_PLANNED: agreed, not started
 * @SAM_PLAN_ACTION_ONGOING: under way
 * @SAM_PLAN_ACTION_DONE: carried out; final
 * @SAM_PLAN_ACTION_CANCELLED: called off; final
 *
 * Where a plan action stands. It runs planned → ongoing → done; a planned
 * or ongoing action may be cancelled. Done and cancelled are final.
 */
typedef enum
{
  SAM_PLAN_ACTION_PLANNED,
  SAM_PLAN_ACTION_ONGOING,
  SAM_PLAN_ACTION_DONE,
  SAM_PLAN_ACTION_CANCELLED,
  SAM_N_PLAN_ACTION_STATUSES
} SamPlanActionStatus;

/**
 * SamPlanGoal:
 * @id: the goal's id
 * @case_id: the case whose plan it belongs to
 * @description: the goal, free text
 * @indicator: what will show that the goal is reached
 * @created_by: the user who recorded it
 * @created_by_name: that user's display name
 * @agency_id: the agency that recorded it; the policy's item agency
 * @agency_name: that agency's name
 * @created_at: when it was recorded, ISO 8601 UTC
 * @updated_at: when it last changed, ISO 8601 UTC
 *
 * One goal of a plan. Free with sam_plan_goal_free().
 */
typedef struct
{
  gint64  id;
  gint64  case_id;
  char   *description;
  char   *indicator;
  gint64  created_by;
  char   *created_by_name;
  gint64  agency_id;
  char   *agency_name;
  char   *created_at;
  char   *updated_at;
} SamPlanGoal;

/**
 * SamPlanAction:
 * @id: the action's id
 * @case_id: the case whose plan it belongs to
 * @case_number: that case's number, such as "SV-2026-0042"
 * @goal_id: the goal it serves, or 0 for none. The goal itself may be
 *   hidden from a viewer who sees the action
 * @description: the action, free text
 * @intervention_code: an intervention code of the catalogue
 * @intervention_label: its label in the user's language; the code itself
 *   for a code the catalogue has retired
 * @evidence_level: the intervention's evidence level
 * @responsible_agency_id: the agency that carries it out
 * @responsible_agency_name: that agency's name
 * @responsible_user_id: the person responsible, or 0 for none
 * @responsible_user_name: (nullable): that person's display name
 * @starts_on: the start date, YYYY-MM-DD
 * @due_on: the due date, YYYY-MM-DD, on or after @starts_on
 * @status: where it stands
 * @created_at: when it was recorded, ISO 8601 UTC
 * @updated_at: when it last changed, ISO 8601 UTC
 *
 * One action (insats) of a plan. Free with sam_plan_action_free().
 */
typedef struct
{
  gint64               id;
  gint64               case_id;
  char                *case_number;
  gint64               goal_id;
  char                *description;
  char                *intervention_code;
  char                *intervention_label;
  SamEvidenceLevel     evidence_level;
  gint64               responsible_agency_id;
  char                *responsible_agency_name;
  gint64               responsible_user_id;
  char                *responsible_user_name;
  char                *starts_on;
  char                *due_on;
  SamPlanActionStatus  status;
  char                *created_at;
  char                *updated_at;
} SamPlanAction;

/**
 * SamPlanActionDraft:
 * @goal_id: a goal of the same case, or 0 for none
 * @description: the action, 1 to 2000 characters
 * @intervention_code: an intervention code of the catalogue
 * @responsible_agency_id: the agency that carries it out
 * @responsible_user_id: a user of that agency on the case's team, or 0
 * @starts_on: the start date, YYYY-MM-DD
 * @due_on: the due date, YYYY-MM-DD, on or after @starts_on
 *
 * What a plan editor fills in to add or change an action. The caller owns
 * the strings.
 */
typedef struct
{
  gint64      goal_id;
  const char *description;
  const char *intervention_code;
  gint64      responsible_agency_id;
  gint64      responsible_user_id;
  const char *starts_on;
  const char *due_on;
} SamPlanActionDraft;

/**
 * SamPlan:
 * @goals: (element-type SamPlanGoal): the goals the viewer may see, oldest
 *   first
 * @actions: (element-type SamPlanAction): the actions the viewer may see,
 *   by start date
 *
 * A case's plan as one viewer sees it. Free with sam_plan_free().
 */
typedef struct
{
  GPtrArray *goals;
  GPtrArray *actions;
} SamPlan;

const char    *sam_plan_action_status_to_string   (SamPlanActionStatus   status);
gboolean       sam_plan_action_status_from_string (const char           *string,
                                                   SamPlanActionStatus  *out_status);
const char    *sam_plan_action_status_get_label   (SamPlanActionStatus   status);
gboolean       sam_plan_action_status_can_change  (SamPlanActionStatus   from,
                                                   SamPlanActionStatus   to);

void           sam_plan_goal_free                 (SamPlanGoal          *goal);
void           sam_plan_action_free               (SamPlanAction        *action);
void           sam_plan_free                      (SamPlan              *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamPlanGoal, sam_plan_goal_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamPlanAction, sam_plan_action_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamPlan, sam_plan_free)

SamPlanGoal   *sam_plan_store_add_goal            (SamSession                *session,
                                                   gint64                     case_id,
                                                   const char                *description,
                                                   const char                *indicator,
                                                   GError                   **error);
SamPlanGoal   *sam_plan_store_update_goal         (SamSession                *session,
                                                   gint64                     goal_id,
                                                   const char                *description,
                                                   const char                *indicator,
                                                   GError                   **error);
SamPlanAction *sam_plan_store_add_action          (SamSession                *session,
                                                   gint64                     case_id,
                                                   const SamPlanActionDraft  *draft,
                                                   GError                   **error);
SamPlanAction *sam_plan_store_update_action       (SamSession                *session,
                                                   gint64                     action_id,
                                                   const SamPlanActionDraft  *draft,
                                                   GError                   **error);
gboolean       sam_plan_store_set_action_status   (SamSession                *session,
                                                   gint64                     action_id,
                                                   SamPlanActionStatus        status,
                                                   GError                   **error);
SamPlan       *sam_plan_store_get                 (SamSession                *session,
                                                   gint64                     case_id,
                                                   GError                   **error);
GPtrArray     *sam_plan_store_list_due_actions    (SamSession                *session,
                                                   const char                *before_date,
                                                   guint                      limit,
                                                   GError                   **error);

G_END_DECLS
