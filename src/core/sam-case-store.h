/* sam-case-store.h: cases, their team, consent and emergency access
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-session.h"

G_BEGIN_DECLS

typedef enum
{
  SAM_CASE_STATUS_PENDING_CONSENT,
  SAM_CASE_STATUS_ACTIVE,
  SAM_CASE_STATUS_FOLLOW_UP,
  SAM_CASE_STATUS_CLOSED,
  SAM_N_CASE_STATUSES
} SamCaseStatus;

typedef enum
{
  SAM_PREVENTION_SELECTIVE,
  SAM_PREVENTION_INDICATED,
  SAM_N_PREVENTION_LEVELS
} SamPreventionLevel;

typedef struct
{
  gint64              id;
  char               *number;          /* SV-YYYY-NNNN */
  gint64              person_id;
  gint64              coordinator_id;  /* 0: none */
  SamPreventionLevel  prevention_level;
  SamCaseStatus       status;
  char               *closing_reason;  /* a closing_reason catalogue code, or NULL */
  char               *opened_at;
  char               *closed_at;
  GStrv               target_areas;    /* target_area catalogue codes */
} SamCase;

/* A consent as recorded on paper: who signed, for which agencies, what for
 * and for how long (DESIGN §2.4). */
typedef struct
{
  const char    *purpose;
  const char    *valid_from;           /* YYYY-MM-DD */
  const char    *valid_to;             /* YYYY-MM-DD, or NULL: until withdrawn */
  const gint64  *guardian_ids;         /* guardians who signed */
  guint          n_guardians;
  gboolean       young_person_signed;
  const char    *signed_on;            /* YYYY-MM-DD */
  const gint64  *agency_ids;           /* agencies that may share with each other */
  guint          n_agencies;
} SamConsentDraft;

const char  *sam_case_status_to_string          (SamCaseStatus        status);
gboolean     sam_case_status_from_string        (const char          *string,
                                                 SamCaseStatus       *out_status);
const char  *sam_case_status_get_label          (SamCaseStatus        status);
const char  *sam_prevention_level_to_string     (SamPreventionLevel   level);
gboolean     sam_case_status_can_change         (SamCaseStatus        from,
                                                 SamCaseStatus        to);

void         sam_case_free                      (SamCase             *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamCase, sam_case_free)

SamCase     *sam_case_store_create              (SamSession          *session,
                                                 gint64               person_id,
                                                 SamPreventionLevel   prevention_level,
                                                 const char * const  *target_areas,
                                                 GError             **error);
SamCase     *sam_case_store_get                 (SamSession          *session,
                                                 gint64               case_id,
                                                 GError             **error);
gboolean     sam_case_store_set_status          (SamSession          *session,
                                                 gint64               case_id,
                                                 SamCaseStatus        status,
                                                 const char          *closing_reason,
                                                 GError             **error);
gboolean     sam_case_store_set_coordinator     (SamSession          *session,
                                                 gint64               case_id,
                                                 gint64               user_id,
                                                 GError             **error);
gboolean     sam_case_store_add_team_member     (SamSession          *session,
                                                 gint64               case_id,
                                                 gint64               user_id,
                                                 GError             **error);
gboolean     sam_case_store_remove_team_member  (SamSession          *session,
                                                 gint64               case_id,
                                                 gint64               user_id,
                                                 GError             **error);

gint64       sam_case_store_record_consent      (SamSession          *session,
                                                 gint64               case_id,
                                                 const SamConsentDraft *draft,
                                                 GError             **error);
gboolean     sam_case_store_withdraw_consent    (SamSession          *session,
                                                 gint64               consent_id,
                                                 GError             **error);
gboolean     sam_case_store_is_shared           (SamSession          *session,
                                                 gint64               case_id);

gboolean     sam_case_store_break_glass         (SamSession          *session,
                                                 gint64               case_id,
                                                 const char          *reason,
                                                 GError             **error);
gboolean     sam_case_store_end_break_glass     (SamSession          *session,
                                                 gint64               case_id,
                                                 GError             **error);
guint        sam_case_store_break_glass_remaining (SamSession        *session,
                                                 gint64               case_id);

/* Emergency access lasts this long (DESIGN §3). */
#define SAM_BREAK_GLASS_MINUTES 60

G_END_DECLS
