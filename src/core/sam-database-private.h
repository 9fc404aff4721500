/* sam-database-private.h: for the core's own stores and for tests only
 *
 * The public API never exposes sqlite3, so that another backend can
 * implement it later.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "sam-audit.h"
#include "sam-database.h"
#include "sam-session.h"

G_BEGIN_DECLS

sqlite3     *_sam_database_get_handle      (SamDatabase      *self);
const SamSecret *sam_database_get_key      (SamDatabase      *self);
SamDatabase *_sam_database_open_with_key   (const char       *path,
                                            SamKeyslotFile   *keyslots,
                                            const SamSecret  *key,
                                            GError          **error);
sqlite3     *_sam_database_open_side_handle (const char      *path,
                                             const SamSecret *key,
                                             int              flags,
                                             GError         **error);
void         _sam_database_get_checkpoint_counts (SamDatabase *self,
                                                  guint       *out_background,
                                                  guint       *out_inline);
gboolean     _sam_database_exec            (SamDatabase      *self,
                                            const char       *sql,
                                            GError          **error);
gboolean     _sam_database_begin           (SamDatabase      *self,
                                            GError          **error);
gboolean     _sam_database_commit          (SamDatabase      *self,
                                            GError          **error);
void         _sam_database_rollback        (SamDatabase      *self);
void         _sam_database_lock            (SamDatabase      *self);
void         _sam_database_unlock          (SamDatabase      *self);
gboolean     _sam_database_in_transaction  (SamDatabase      *self);
sqlite3_stmt *_sam_database_prepare        (SamDatabase      *self,
                                            const char       *sql,
                                            GError          **error);
void         _sam_database_set_error       (SamDatabase      *self,
                                            GError          **error,
                                            int               rc,
                                            const char       *what);
gboolean     _sam_database_copy_to         (SamDatabase      *self,
                                            const char       *destination,
                                            char            **out_salt,
                                            GError          **error);
SamKdfParams _sam_database_new_slot_params (SamDatabase     *self);
gboolean     _sam_database_ensure_open     (SamDatabase      *self,
                                            GError          **error);

gboolean     _sam_schema_apply             (sqlite3            *db,
                                            const char * const *steps,
                                            guint               n_steps,
                                            GError            **error);
gboolean     _sam_schema_migrate           (sqlite3          *db,
                                            GError          **error);
guint        _sam_schema_get_latest_version (void);
gboolean     _sam_catalogue_sync           (sqlite3          *db,
                                            GError          **error);

SamKeyslotFile *_sam_database_reload_keyslots (SamDatabase  *self,
                                            GError          **error);

/* Appends one row to the audit log, in the caller's transaction.
 * @session may be NULL for an action without a signed-in user. */
gboolean     _sam_audit_append             (SamDatabase          *database,
                                            SamSession           *session,
                                            const SamAuditEvent  *event,
                                            GError              **error);
gboolean     _sam_audit_verify_chain       (SamDatabase          *database,
                                            const SamAuditAnchor *anchor,
                                            guint64              *out_n_rows,
                                            GError              **error);
void         _sam_audit_log_head           (SamDatabase          *database);
/* Rows per batch of the two-thread verification, 0 for the default: tests
 * make a short log take the threaded path. */
void         _sam_audit_set_verify_batch_rows (guint             rows);
/* For tests: split the verification after row @after_seq (0: the default,
 * half of a log of 131 072 rows or more; at or beyond the head: never);
 * with @reader_fails, act as if the second connection could not be opened. */
void         _sam_audit_set_verify_split   (guint64              after_seq,
                                            gboolean             reader_fails);
/* For tests: how many connections the last verification read on, 1 or 2. */
guint        _sam_audit_get_verify_ranges  (void);

/* Whether @session may act at all: unlocked, past its one-time passphrase. */
gboolean     _sam_policy_check_session     (SamSession           *session,
                                            GError              **error);
/* The SQL conditions under which consent `k` of a case whose young person
 * is row `p` is in force on the date @today (an SQL expression): not
 * withdrawn, valid that day, signed by every guardian with custody, and by
 * the young person from 15 (DESIGN §2, step 4). The policy and the case
 * list's consent badge both use it, so that they can never disagree. */
#define SAM_CONSENT_IN_FORCE_CONDITIONS(today) \
  "k.withdrawn_at IS NULL" \
  " AND k.valid_from <= " today " AND (k.valid_to IS NULL OR k.valid_to >= " today ")" \
  " AND NOT EXISTS (SELECT 1 FROM guardians g WHERE g.person_id = p.id AND g.custody = 1" \
  "                   AND NOT EXISTS (SELECT 1 FROM consent_signatories s" \
  "                                    WHERE s.consent_id = k.id AND s.guardian_id = g.id))" \
  " AND (date (p.birth_date, '+15 years') > " today \
  "      OR EXISTS (SELECT 1 FROM consent_signatories s" \
  "                  WHERE s.consent_id = k.id AND s.is_young_person = 1))"

/* Whether a consent is in force on @case_id; with two agency ids (not 0),
 * whether one covers both. */
gboolean     _sam_policy_consent_in_force  (SamSession           *session,
                                            gint64                case_id,
                                            gint64                agency_a,
                                            gint64                agency_b);

/* For the frame benchmark: time the given thread spends on the database. */
typedef enum
{
  SAM_DATABASE_PROBE_LOCK,
  SAM_DATABASE_PROBE_STATEMENT,
} SamDatabaseProbeKind;

typedef void (*SamDatabaseProbe) (SamDatabaseProbeKind  kind,
                                  gint64                usec,
                                  const char           *sql,
                                  gpointer              user_data);

void         _sam_database_set_probe       (GThread              *thread,
                                            SamDatabaseProbe      func,
                                            gpointer              user_data);

SamSession  *_sam_session_new              (SamDatabase      *database,
                                            const char       *user_name,
                                            guint             failed_attempts,
                                            GError          **error);
SamSession  *_sam_session_sign_in          (SamDatabase      *database,
                                            const char       *user_name,
                                            guint             failed_attempts,
                                            GError          **error);

/* For the benchmark only (tests/bench): a plain, unencrypted copy opened
 * through the same code as an encrypted database, so that the stores run
 * the very same SQL on it. Never used by the app or the CLI. */
SamDatabase *_sam_database_open_plain      (const char       *path,
                                            GError          **error);

/* A second, read-only connection to @self's file for reading in another
 * thread; no schema or catalogue upkeep. Plain when @self has no key. */
SamDatabase *_sam_database_open_reader     (SamDatabase      *self,
                                            GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
