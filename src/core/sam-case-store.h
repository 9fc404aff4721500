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
  char               *coordinator_name; /* the coordinator's display name, or NULL */
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

/**
 * SamConsentSignatory:
 * @guardian_id: the guardian who signed, or 0 for the young person
 * @name: (nullable): the guardian's name; %NULL for the young person
 * @is_young_person: the young person signed
 * @signed_on: `YYYY-MM-DD`
 *
 * One signature on a consent.
 */
typedef struct
{
  gint64    guardian_id;
  char     *name;
  gboolean  is_young_person;
  char     *signed_on;
} SamConsentSignatory;

/**
 * SamConsent:
 * @id: the consent's id
 * @case_id: its case
 * @purpose: what it is for
 * @valid_from: `YYYY-MM-DD`
 * @valid_to: (nullable): `YYYY-MM-DD`, or %NULL: until withdrawn
 * @withdrawn_at: (nullable): when it was withdrawn, ISO 8601 UTC
 * @recorded_by: the user who recorded it
 * @recorded_by_name: (nullable): their display name
 * @recorded_at: when, ISO 8601 UTC
 * @signatories: (element-type SamConsentSignatory): who signed
 * @agency_ids: (element-type gint64): the agencies that may share
 * @agency_names: their names, in the same order
 * @in_force: it is in force today: not withdrawn, within its dates, and
 *   signed by every guardian with custody and, from 15, the young person
 *
 * A recorded consent as read back. Free with sam_consent_free().
 */
typedef struct
{
  gint64      id;
  gint64      case_id;
  char       *purpose;
  char       *valid_from;
  char       *valid_to;
  char       *withdrawn_at;
  gint64      recorded_by;
  char       *recorded_by_name;
  char       *recorded_at;
  GPtrArray  *signatories;
  GArray     *agency_ids;
  GStrv       agency_names;
  gboolean    in_force;
} SamConsent;

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
void         sam_consent_free                   (SamConsent          *consent);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamConsent, sam_consent_free)
GPtrArray   *sam_case_store_list_consents       (SamSession          *session,
                                                 gint64               case_id,
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
/* The shortest reason emergency access accepts, in characters. */
#define SAM_BREAK_GLASS_REASON_MIN_CHARS 10

G_END_DECLS
