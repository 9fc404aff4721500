/* sam-consent-expiry.h: consents that run out soon, for reminders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-session.h"

G_BEGIN_DECLS

/**
 * SamExpiringConsent:
 * @consent_id: the consent
 * @case_id: its case
 * @case_number: the case's number, such as SV-2026-0042
 * @valid_to: the last day it is valid, `YYYY-MM-DD`
 *
 * A consent about to run out, as the reminders need it: ids, a case number
 * and a date, nothing a person wrote. Free with sam_expiring_consent_free().
 */
typedef struct
{
  gint64  consent_id;
  gint64  case_id;
  char   *case_number;
  char   *valid_to;
} SamExpiringConsent;

void       sam_expiring_consent_free              (SamExpiringConsent  *consent);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamExpiringConsent, sam_expiring_consent_free)

GPtrArray *sam_case_store_list_expiring_consents  (SamSession          *session,
                                                   const char          *before_date,
                                                   GError             **error);

G_END_DECLS
