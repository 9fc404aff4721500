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
  SAM_N_OPERATIONS
} SamOperation;

gboolean    sam_policy_allows          (SamRole        role,
                                        SamOperation   operation);
gboolean    sam_policy_check           (SamSession    *session,
                                        SamOperation   operation,
                                        GError       **error);
const char *sam_operation_to_string    (SamOperation   operation);

G_END_DECLS
