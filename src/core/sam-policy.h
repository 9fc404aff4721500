/* sam-policy.h: who may do what (DESIGN §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-session.h"

G_BEGIN_DECLS

typedef enum
{
  SAM_OPERATION_USER_LIST,
  SAM_OPERATION_USER_ADD,
  SAM_OPERATION_USER_DISABLE,
  SAM_OPERATION_USER_RESET_PASSPHRASE,
  SAM_OPERATION_AGENCY_LIST,
  SAM_OPERATION_AGENCY_ADD,
  SAM_OPERATION_DATABASE_VERIFY,
  SAM_OPERATION_DATABASE_BACKUP,
  SAM_OPERATION_DATABASE_RESTORE,
  SAM_OPERATION_AUDIT_REVIEW,
  SAM_OPERATION_USER_SET_ROLE,
  SAM_OPERATION_AREA_ADD,

  /* Person-level data (DESIGN §3): managers and administrators never. */
  SAM_OPERATION_PERSON_FIND,
  SAM_OPERATION_PERSON_CREATE,
  SAM_OPERATION_PERSON_VIEW,
  SAM_OPERATION_CONCERN_CREATE,
  SAM_OPERATION_CONCERN_VIEW,
  SAM_OPERATION_CONCERN_INBOX,
  SAM_OPERATION_CONCERN_TRIAGE,
  SAM_OPERATION_CASE_CREATE,
  SAM_OPERATION_CASE_VIEW,
  SAM_OPERATION_CASE_MANAGE,
  SAM_OPERATION_CONSENT_MANAGE,
  SAM_OPERATION_NOTE_WRITE,
  SAM_OPERATION_CASE_ITEM_VIEW,
  SAM_OPERATION_BREAK_GLASS,
  SAM_OPERATION_MEETING_MANAGE,
  SAM_OPERATION_MAPPING_WRITE,
  SAM_OPERATION_PLAN_MANAGE,
  SAM_OPERATION_ACTION_UPDATE,
  SAM_OPERATION_FOLLOW_UP_MANAGE,

  /* Aggregates only (DESIGN §6): tables that never hold a person. */
  SAM_OPERATION_SUMMARY_RUN,
  SAM_OPERATION_SUMMARY_CONFIGURE,

  /* The municipality's settings (sam-settings.h): every unlocked session
   * reads them, only an administrator changes them. */
  SAM_OPERATION_SETTINGS_WRITE,
  SAM_N_OPERATIONS
} SamOperation;

/**
 * SamAccessTarget:
 * @case_id: the case the item belongs to, or 0
 * @item_agency_id: the agency that wrote the item, or 0
 * @item_is_social_internal: a social services note not marked "shared in
 *   SSPF"; OSL secrecy keeps it inside its own agency whatever the consent
 * @concern_reporter_id: for a concern, who reported it, or 0
 *
 * What the policy needs to know about the thing a user wants to reach.
 */
typedef struct
{
  gint64   case_id;
  gint64   item_agency_id;
  gboolean item_is_social_internal;
  gint64   concern_reporter_id;
} SamAccessTarget;

gboolean    sam_policy_allows          (SamRole        role,
                                        SamOperation   operation);
gboolean    sam_policy_check           (SamSession    *session,
                                        SamOperation   operation,
                                        GError       **error);
gboolean    sam_policy_check_target    (SamSession             *session,
                                        SamOperation            operation,
                                        const SamAccessTarget  *target,
                                        GError                **error);
gboolean    sam_policy_may             (SamSession             *session,
                                        SamOperation            operation,
                                        const SamAccessTarget  *target);
const char *sam_operation_to_string    (SamOperation   operation);

G_END_DECLS
