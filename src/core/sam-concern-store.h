/* sam-concern-store.h: concerns about young persons and their triage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-session.h"

G_BEGIN_DECLS

/**
 * SamConcernUrgency:
 * @SAM_CONCERN_URGENCY_LOW: can wait for the next regular review
 * @SAM_CONCERN_URGENCY_MEDIUM: should be looked at within days
 * @SAM_CONCERN_URGENCY_HIGH: should be looked at soon
 * @SAM_CONCERN_URGENCY_ACUTE: the young person may be in danger now
 *
 * How soon the reporter thinks social services must act.
 */
typedef enum
{
  SAM_CONCERN_URGENCY_LOW,
  SAM_CONCERN_URGENCY_MEDIUM,
  SAM_CONCERN_URGENCY_HIGH,
  SAM_CONCERN_URGENCY_ACUTE,
  SAM_N_CONCERN_URGENCIES
} SamConcernUrgency;

/**
 * SamConcernStatus:
 * @SAM_CONCERN_STATUS_RECEIVED: new, waiting in the inbox
 * @SAM_CONCERN_STATUS_ASSESSED: social services have looked at it
 * @SAM_CONCERN_STATUS_LED_TO_CASE: linked to a case; final
 * @SAM_CONCERN_STATUS_NO_ACTION: closed with feedback to the reporter; final
 *
 * The status the reporter sees (DESIGN §2.1).
 */
typedef enum
{
  SAM_CONCERN_STATUS_RECEIVED,
  SAM_CONCERN_STATUS_ASSESSED,
  SAM_CONCERN_STATUS_LED_TO_CASE,
  SAM_CONCERN_STATUS_NO_ACTION,
  SAM_N_CONCERN_STATUSES
} SamConcernStatus;

/**
 * SamConcern:
 * @id: the concern's id
 * @person_id: the young person it is about
 * @case_id: the case it led to, or 0
 * @reporter_id: the user who logged it
 * @reporter_name: the reporter's display name
 * @agency_id: the reporter's agency when it was logged
 * @agency_name: that agency's name
 * @observed_on: the day it was observed, `YYYY-MM-DD`
 * @urgency: how urgent the reporter thinks it is
 * @description: what was observed, free text
 * @report_to_social: %TRUE for a formal report of concern (orosanmälan)
 * @status: where triage has got to
 * @feedback: (nullable): social services' feedback to the reporter
 * @categories: catalogue codes of kind `concern_category`, at least one
 * @risk_factors: catalogue codes of kind `risk_factor`, maybe empty
 * @protective_factors: catalogue codes of kind `protective_factor`, maybe empty
 * @created_at: when it was logged, ISO 8601 UTC
 * @updated_at: when it last changed, ISO 8601 UTC
 *
 * A concern as read back. Free with sam_concern_free().
 */
typedef struct
{
  gint64             id;
  gint64             person_id;
  gint64             case_id;
  gint64             reporter_id;
  char              *reporter_name;
  gint64             agency_id;
  char              *agency_name;
  char              *observed_on;
  SamConcernUrgency  urgency;
  char              *description;
  gboolean           report_to_social;
  SamConcernStatus   status;
  char              *feedback;
  GStrv              categories;
  GStrv              risk_factors;
  GStrv              protective_factors;
  char              *created_at;
  char              *updated_at;
} SamConcern;

/**
 * SamConcernDraft:
 * @person_id: the young person, who must already be registered
 * @observed_on: the day it was observed, `YYYY-MM-DD`, not in the future
 * @urgency: how urgent it is
 * @description: what was observed, 1 to %SAM_LONG_TEXT_MAX_CHARS characters
 * @report_to_social: whether this is a formal report of concern
 * @categories: (array zero-terminated=1): concern category codes, at least one
 * @risk_factors: (array zero-terminated=1) (nullable): risk factor codes
 * @protective_factors: (array zero-terminated=1) (nullable): protective
 *   factor codes
 *
 * What the concern form hands in. Every pointer is borrowed: the caller
 * keeps ownership, so a draft can live on the stack.
 */
typedef struct
{
  gint64               person_id;
  const char          *observed_on;
  SamConcernUrgency    urgency;
  const char          *description;
  gboolean             report_to_social;
  const char * const  *categories;
  const char * const  *risk_factors;
  const char * const  *protective_factors;
} SamConcernDraft;

void         sam_concern_free                  (SamConcern             *concern);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamConcern, sam_concern_free)

const char  *sam_concern_urgency_to_string     (SamConcernUrgency       urgency);
gboolean     sam_concern_urgency_from_string   (const char             *string,
                                                SamConcernUrgency      *out_urgency);
const char  *sam_concern_urgency_get_label     (SamConcernUrgency       urgency);
const char  *sam_concern_status_to_string      (SamConcernStatus        status);
gboolean     sam_concern_status_from_string    (const char             *string,
                                                SamConcernStatus       *out_status);
const char  *sam_concern_status_get_label      (SamConcernStatus        status);

SamConcern  *sam_concern_store_create          (SamSession             *session,
                                                const SamConcernDraft  *draft,
                                                GError                **error);
GPtrArray   *sam_concern_store_list_mine       (SamSession             *session,
                                                guint                   limit,
                                                GError                **error);
GPtrArray   *sam_concern_store_list_inbox      (SamSession             *session,
                                                guint                   limit,
                                                GError                **error);
GPtrArray   *sam_concern_store_list_for_case   (SamSession             *session,
                                                gint64                  case_id,
                                                GError                **error);
SamConcern  *sam_concern_store_get             (SamSession             *session,
                                                gint64                  concern_id,
                                                GError                **error);
SamConcern  *sam_concern_store_assess          (SamSession             *session,
                                                gint64                  concern_id,
                                                SamConcernStatus        outcome,
                                                gint64                  case_id,
                                                const char             *feedback,
                                                GError                **error);

G_END_DECLS
