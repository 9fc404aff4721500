/* sam-audit.h: the tamper-evident audit log (DESIGN §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-session.h"

G_BEGIN_DECLS

typedef enum
{
  SAM_AUDIT_LOGIN,
  SAM_AUDIT_LOGIN_FAILED,
  SAM_AUDIT_LOCK,
  SAM_AUDIT_VIEW,
  SAM_AUDIT_SEARCH,
  SAM_AUDIT_CREATE,
  SAM_AUDIT_UPDATE,
  SAM_AUDIT_DELETE,
  SAM_AUDIT_EXPORT,
  SAM_AUDIT_PRINT,
  SAM_AUDIT_CONSENT_CHANGE,
  SAM_AUDIT_BREAK_GLASS_START,
  SAM_AUDIT_BREAK_GLASS_END,
  SAM_AUDIT_USER_CHANGE,
  SAM_AUDIT_ROLE_CHANGE,
  SAM_AUDIT_BACKUP,
  SAM_AUDIT_RESTORE,
  SAM_AUDIT_RECOVER,
  SAM_AUDIT_VERIFY,
  SAM_AUDIT_PURGE,
  SAM_N_AUDIT_ACTIONS
} SamAuditAction;

typedef enum
{
  SAM_AUDIT_OUTCOME_OK,
  SAM_AUDIT_OUTCOME_DENIED,
  SAM_AUDIT_OUTCOME_FAILED,
  SAM_N_AUDIT_OUTCOMES
} SamAuditOutcome;

/**
 * SamAuditEvent:
 * @action: what happened
 * @object_type: (nullable): the kind of object, such as "case" or "user"
 * @object_id: its id, or 0
 * @person_id: the young person concerned, or 0
 * @case_id: the case concerned, or 0
 * @reason: (nullable): a code such as "closing:goals_met" or "attempts:3";
 *   never free text, which could hold a name
 * @outcome: whether it was done, denied or failed
 *
 * One row of the audit log, as the code that acts describes it. Who acted
 * comes from the session.
 */
typedef struct
{
  SamAuditAction   action;
  const char      *object_type;
  gint64           object_id;
  gint64           person_id;
  gint64           case_id;
  const char      *reason;
  SamAuditOutcome  outcome;
} SamAuditEvent;

/* One row as read back, for review and extracts. */
typedef struct
{
  guint64          seq;
  char            *time;
  gint64           user_id;
  char            *user_name;     /* nullable: no user, e.g. recovery */
  char            *role;
  gint64           agency_id;
  SamAuditAction   action;
  char            *object_type;
  gint64           object_id;
  gint64           person_id;
  gint64           case_id;
  char            *reason;
  SamAuditOutcome  outcome;
} SamAuditRecord;

/* What review filters on. Zero, NULL or -1 means "any". */
typedef struct
{
  gint64       user_id;
  gint64       person_id;
  gint64       case_id;
  int          action;        /* a SamAuditAction, or -1 */
  const char  *from_time;     /* ISO 8601, inclusive */
  const char  *to_time;       /* ISO 8601, exclusive */
  guint        limit;         /* 0: no limit */
  const char  *case_number;   /* e.g. SV-2026-0042; an unknown number matches nothing */
} SamAuditFilter;

#define SAM_AUDIT_HASH_LENGTH 32

/* The chain head (seq and hash), kept outside the database for safekeeping.
 * Written as SEQ:HASH, the hash in hex. */
typedef struct
{
  guint64 seq;
  guint8  hash[SAM_AUDIT_HASH_LENGTH];
} SamAuditAnchor;

const char *sam_audit_action_to_string      (SamAuditAction         action);
gboolean    sam_audit_action_from_string    (const char            *string,
                                             SamAuditAction        *out_action);
const char *sam_audit_outcome_to_string     (SamAuditOutcome        outcome);

void        sam_audit_filter_init           (SamAuditFilter        *filter);
void        sam_audit_record_free           (SamAuditRecord        *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamAuditRecord, sam_audit_record_free)

gboolean    sam_audit_anchor_parse          (const char            *text,
                                             SamAuditAnchor        *out_anchor,
                                             GError               **error);
char       *sam_audit_anchor_to_string      (const SamAuditAnchor  *anchor);

gboolean    sam_audit_get_head              (SamSession            *session,
                                             SamAuditAnchor        *out_anchor,
                                             GError               **error);
gboolean    sam_audit_verify                (SamSession            *session,
                                             const SamAuditAnchor  *anchor,
                                             guint64               *out_n_rows,
                                             GError               **error);
GPtrArray  *sam_audit_list                  (SamSession            *session,
                                             const SamAuditFilter  *filter,
                                             GError               **error);
GPtrArray  *sam_audit_extract               (SamSession            *session,
                                             gint64                 person_id,
                                             GError               **error);
gboolean    sam_audit_record_extract_export (SamSession            *session,
                                             gint64                 person_id,
                                             GError               **error);

/* The structured-log field that carries the anchor, for log writers. */
#define SAM_AUDIT_LOG_FIELD_ANCHOR "SAMVERKA_AUDIT_ANCHOR"

G_END_DECLS
