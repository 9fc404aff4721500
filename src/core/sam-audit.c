/* sam-audit.c: the tamper-evident audit log (DESIGN §5)
 *
 * Each row is chained to the one before: hash = SHA-256 (prev_hash ‖
 * canonical row), where the canonical row encodes every column with its
 * length, so that no two different rows encode alike. The first row's
 * prev_hash is 32 zero bytes. seq has no gaps.
 *
 * Nothing inside the database can prove that its last rows were not cut
 * off. That is what the anchor is for: the head (SEQ:HASH) is written to
 * the system log at every lock, and can be exported and kept elsewhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-audit"

#include "config.h"

#include "sam-audit.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "sam-audit-hash.h"
#include "sam-database-private.h"
#include "sam-error.h"
#include "sam-policy.h"
#include "sam-store-private.h"

#define ROW_COLUMNS "seq, time, user_id, role, agency_id, action, object_type, object_id," \
                    " person_id, case_id, reason, outcome"

static const char * const action_ids[SAM_N_AUDIT_ACTIONS] = {
  [SAM_AUDIT_LOGIN] = "login",
  [SAM_AUDIT_LOGIN_FAILED] = "login_failed",
  [SAM_AUDIT_LOCK] = "lock",
  [SAM_AUDIT_VIEW] = "view",
  [SAM_AUDIT_SEARCH] = "search",
  [SAM_AUDIT_CREATE] = "create",
  [SAM_AUDIT_UPDATE] = "update",
  [SAM_AUDIT_DELETE] = "delete",
  [SAM_AUDIT_EXPORT] = "export",
  [SAM_AUDIT_PRINT] = "print",
  [SAM_AUDIT_CONSENT_CHANGE] = "consent_change",
  [SAM_AUDIT_BREAK_GLASS_START] = "break_glass_start",
  [SAM_AUDIT_BREAK_GLASS_END] = "break_glass_end",
  [SAM_AUDIT_USER_CHANGE] = "user_change",
  [SAM_AUDIT_ROLE_CHANGE] = "role_change",
  [SAM_AUDIT_BACKUP] = "backup",
  [SAM_AUDIT_RESTORE] = "restore",
  [SAM_AUDIT_RECOVER] = "recover",
  [SAM_AUDIT_VERIFY] = "verify",
  [SAM_AUDIT_PURGE] = "purge",
};

static const char * const outcome_ids[SAM_N_AUDIT_OUTCOMES] = {
  [SAM_AUDIT_OUTCOME_OK] = "ok",
  [SAM_AUDIT_OUTCOME_DENIED] = "denied",
  [SAM_AUDIT_OUTCOME_FAILED] = "failed",
};

/* A row as it is hashed: ids of 0 and NULL strings are SQL NULL. */
typedef struct
{
  guint64     seq;
  const char *time;
  gint64      user_id;
  const char *role;
  gint64      agency_id;
  const char *action;
  const char *object_type;
  gint64      object_id;
  gint64      person_id;
  gint64      case_id;
  const char *reason;
  const char *outcome;
} Row;

/* The canonical form is written straight into the buffer: verifying
 * formats a dozen fields for every row of the log, and a GString call per
 * piece (printf, before that) was a large part of its time. */

/* The most one number takes: a sign and 20 digits. */
#define DECIMAL_MAX 21
/* The most a field takes besides a text's bytes: a tag, a number, ':' and ';'. */
#define FIELD_MAX (DECIMAL_MAX + 3)
#define CANONICAL_PREFIX "samverka-audit-v1;I"

static char *
write_decimal (char   *out,
               gint64  value)
{
  char digits[DECIMAL_MAX];
  guint64 magnitude = value < 0 ? 0 - (guint64) value : (guint64) value;
  gsize i = sizeof digits;

  do
    {
      digits[--i] = (char) ('0' + magnitude % 10);
      magnitude /= 10;
    }
  while (magnitude > 0);

  if (value < 0)
    digits[--i] = '-';

  memcpy (out, digits + i, sizeof digits - i);
  return out + (sizeof digits - i);
}

/* An id of 0 is SQL NULL. */
static char *
write_int (char   *out,
           gint64  value)
{
  if (value == 0)
    {
      memcpy (out, "N;", 2);
      return out + 2;
    }

  *out++ = 'I';
  out = write_decimal (out, value);
  *out++ = ';';
  return out;
}

/* Length first, so that no two different rows encode alike. */
static char *
write_text (char       *out,
            const char *text,
            gsize       length)
{
  if (text == NULL)
    {
      memcpy (out, "N;", 2);
      return out + 2;
    }

  *out++ = 'T';
  out = write_decimal (out, (gint64) length);
  *out++ = ':';
  memcpy (out, text, length);
  out += length;
  *out++ = ';';
  return out;
}

/* Appends @row as it is hashed, DESIGN §5 and docs/audit.md. */
static void
put_canonical (GString   *canonical,
               const Row *row)
{
  const char *texts[] = { row->time, row->role, row->action, row->object_type, row->reason,
                          row->outcome };
  gsize lengths[G_N_ELEMENTS (texts)];
  gsize bound = strlen (CANONICAL_PREFIX) + 12 * FIELD_MAX;
  gsize start = canonical->len;
  char *out;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      lengths[i] = texts[i] != NULL ? strlen (texts[i]) : 0;
      bound += lengths[i];
    }

  g_string_set_size (canonical, start + bound);
  out = canonical->str + start;

  memcpy (out, CANONICAL_PREFIX, strlen (CANONICAL_PREFIX));
  out = write_decimal (out + strlen (CANONICAL_PREFIX), (gint64) row->seq);
  *out++ = ';';
  out = write_text (out, texts[0], lengths[0]);
  out = write_int (out, row->user_id);
  out = write_text (out, texts[1], lengths[1]);
  out = write_int (out, row->agency_id);
  out = write_text (out, texts[2], lengths[2]);
  out = write_text (out, texts[3], lengths[3]);
  out = write_int (out, row->object_id);
  out = write_int (out, row->person_id);
  out = write_int (out, row->case_id);
  out = write_text (out, texts[4], lengths[4]);
  out = write_text (out, texts[5], lengths[5]);

  g_string_truncate (canonical, (gsize) (out - canonical->str));
}

/* hash = SHA-256 (prev_hash || canonical row), DESIGN §5. */
static void
hash_row (const Row    *row,
          const guint8 *prev_hash,
          guint8       *out_hash)
{
  g_autoptr(GString) canonical = g_string_sized_new (256);

  put_canonical (canonical, row);
  _sam_audit_hash_row (prev_hash, (const guint8 *) canonical->str, canonical->len, out_hash);
}

static void
bind_optional_int (sqlite3_stmt *stmt,
                   int           index,
                   gint64        value)
{
  if (value == 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, value);
}

static void
bind_optional_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static gboolean
read_head (SamDatabase *database,
           guint64     *out_seq,
           guint8      *out_hash,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database,
                                "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      *out_seq = 0;
      memset (out_hash, 0, SAM_AUDIT_HASH_LENGTH);
      return TRUE;
    }
  if (rc != SQLITE_ROW || sqlite3_column_bytes (stmt, 1) != SAM_AUDIT_HASH_LENGTH)
    {
      _sam_database_set_error (database, error, rc, _("Reading the audit log"));
      return FALSE;
    }

  *out_seq = (guint64) sqlite3_column_int64 (stmt, 0);
  memcpy (out_hash, sqlite3_column_blob (stmt, 1), SAM_AUDIT_HASH_LENGTH);
  return TRUE;
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static void
fill_actor (Row        *row,
            SamSession *session)
{
  if (session == NULL)
    return;

  row->user_id = sam_session_get_user_id (session);
  row->role = sam_role_to_string (sam_session_get_role (session));
  row->agency_id = sam_session_get_agency_id (session);
}

static gboolean
insert_row (SamDatabase   *database,
            const Row     *row,
            const guint8  *prev_hash,
            const guint8  *hash,
            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database,
                                "INSERT INTO audit_log (" ROW_COLUMNS ", prev_hash, hash)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, (gint64) row->seq);
  sqlite3_bind_text (stmt, 2, row->time, -1, SQLITE_TRANSIENT);
  bind_optional_int (stmt, 3, row->user_id);
  bind_optional_text (stmt, 4, row->role);
  bind_optional_int (stmt, 5, row->agency_id);
  sqlite3_bind_text (stmt, 6, row->action, -1, SQLITE_STATIC);
  bind_optional_text (stmt, 7, row->object_type);
  bind_optional_int (stmt, 8, row->object_id);
  bind_optional_int (stmt, 9, row->person_id);
  bind_optional_int (stmt, 10, row->case_id);
  bind_optional_text (stmt, 11, row->reason);
  sqlite3_bind_text (stmt, 12, row->outcome, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 13, prev_hash, SAM_AUDIT_HASH_LENGTH, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 14, hash, SAM_AUDIT_HASH_LENGTH, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database, error, rc, _("Writing the audit log"));
      return FALSE;
    }

  return TRUE;
}

/**
 * _sam_audit_append:
 * @database: an open database, inside a write transaction
 * @session: (nullable): who acts
 * @event: what happened
 * @error: return location for a #GError
 *
 * Appends one chained row. It must run in the same transaction as the
 * action it records, so that neither exists without the other.
 *
 * Returns: %TRUE on success
 */
gboolean
_sam_audit_append (SamDatabase          *database,
                   SamSession           *session,
                   const SamAuditEvent  *event,
                   GError              **error)
{
  g_autofree char *time = now_iso8601 ();
  guint8 prev_hash[SAM_AUDIT_HASH_LENGTH];
  guint8 hash[SAM_AUDIT_HASH_LENGTH];
  guint64 head_seq;
  Row row = { 0 };

  g_return_val_if_fail (SAM_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);
  g_return_val_if_fail (event->action < SAM_N_AUDIT_ACTIONS, FALSE);
  g_return_val_if_fail (event->outcome < SAM_N_AUDIT_OUTCOMES, FALSE);

  if (!_sam_database_ensure_open (database, error))
    return FALSE;
  g_return_val_if_fail (!sqlite3_get_autocommit (_sam_database_get_handle (database)), FALSE);

  if (!read_head (database, &head_seq, prev_hash, error))
    return FALSE;

  row.seq = head_seq + 1;
  row.time = time;
  fill_actor (&row, session);
  row.action = action_ids[event->action];
  row.object_type = event->object_type;
  row.object_id = event->object_id;
  row.person_id = event->person_id;
  row.case_id = event->case_id;
  row.reason = event->reason;
  row.outcome = outcome_ids[event->outcome];

  hash_row (&row, prev_hash, hash);

  return insert_row (database, &row, prev_hash, hash, error);
}

/* Verification -------------------------------------------------------------- */

/* Numbers are formatted apart: xgettext cannot read G_GUINT64_FORMAT
 * inside a translatable string. */
static gboolean
broken (GError     **error,
        guint64      seq,
        const char  *what)
{
  g_autofree char *entry = g_strdup_printf ("%" G_GUINT64_FORMAT, seq);

  g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_INTEGRITY,
               _("The audit log is broken at entry %s: %s"), entry, what);
  return FALSE;
}

static void
row_from_statement (sqlite3_stmt *stmt,
                    Row          *row)
{
  row->seq = (guint64) sqlite3_column_int64 (stmt, 0);
  row->time = (const char *) sqlite3_column_text (stmt, 1);
  row->user_id = sqlite3_column_int64 (stmt, 2);
  row->role = (const char *) sqlite3_column_text (stmt, 3);
  row->agency_id = sqlite3_column_int64 (stmt, 4);
  row->action = (const char *) sqlite3_column_text (stmt, 5);
  row->object_type = (const char *) sqlite3_column_text (stmt, 6);
  row->object_id = sqlite3_column_int64 (stmt, 7);
  row->person_id = sqlite3_column_int64 (stmt, 8);
  row->case_id = sqlite3_column_int64 (stmt, 9);
  row->reason = (const char *) sqlite3_column_text (stmt, 10);
  row->outcome = (const char *) sqlite3_column_text (stmt, 11);
}

/* Verifying splits the work in two: the calling thread steps SQLite and
 * builds each row's canonical form into a batch; a worker hashes the
 * batches. A row's hash depends only on the row and its stored prev_hash,
 * which the reader has already checked against the row before, so the
 * worker needs nothing from other batches. A log shorter than one batch
 * is hashed in the calling thread: a thread would cost more than it saves. */
#define VERIFY_BATCH_ROWS 2048
#define VERIFY_BATCHES    4     /* in flight at most; bounds the memory */

static gint verify_batch_rows;  /* 0: VERIFY_BATCH_ROWS; tests set fewer */

typedef struct
{
  guint64 seq;
  gsize   offset;                          /* of its canonical form */
  gsize   length;
  guint8  prev_hash[SAM_AUDIT_HASH_LENGTH];
  guint8  hash[SAM_AUDIT_HASH_LENGTH];     /* as stored */
} BatchRow;

typedef struct
{
  GString  *canonical;   /* the rows' canonical forms, back to back */
  BatchRow *rows;
  guint     n_rows;
} Batch;

typedef struct
{
  const SamAuditAnchor *anchor;
  guint                 batch_rows;
  GPtrArray            *batches;      /* every batch, owned */
  Batch                *pending;      /* being filled by the reader */
  GAsyncQueue          *filled;       /* filled batches in chain order, then stop_marker */
  GAsyncQueue          *done;         /* hashed batches, to fill again */
  GThread              *worker;
  SamAuditHasher       *hasher;       /* the calling thread's, without a worker */

  const gint           *stop;         /* (nullable): set when an earlier range broke */

  /* Written by whichever thread hashes; read by the reader after the join. */
  guint64               changed_seq;  /* the first row whose hash differs, or 0 */
  gint                  changed;      /* set with it, so that reading stops early */
  gint                  failed;       /* some break found, by either thread */

  /* The reader's own. */
  guint64               expected;
  guint8                last_hash[SAM_AUDIT_HASH_LENGTH];  /* stored hash of the row before */
  guint64               broken_seq;
  const char           *broken_what;  /* the first break found without hashing */
} Verifier;

static Batch stop_marker;

/**
 * _sam_audit_set_verify_batch_rows:
 * @rows: rows per batch, or 0 for the default
 *
 * For tests: small batches make a short log take the two-thread path.
 */
void
_sam_audit_set_verify_batch_rows (guint rows)
{
  g_atomic_int_set (&verify_batch_rows, (gint) MIN (rows, (guint) G_MAXINT));
}

static Batch *
batch_new (guint rows)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->canonical = g_string_sized_new (rows * 200);
  batch->rows = g_new (BatchRow, rows);
  return batch;
}

static void
batch_free (Batch *batch)
{
  g_string_free (batch->canonical, TRUE);
  g_free (batch->rows);
  g_free (batch);
}

/* Returns: the seq of the first row whose stored hash is not the hash of
 * its contents, or 0 */
static guint64
hash_batch (SamAuditHasher *hasher,
            const Batch    *batch)
{
  guint8 computed[SAM_AUDIT_HASH_LENGTH];

  for (guint i = 0; i < batch->n_rows; i++)
    {
      const BatchRow *row = &batch->rows[i];

      _sam_audit_hasher_hash (hasher, row->prev_hash,
                              (const guint8 *) batch->canonical->str + row->offset, row->length,
                              computed);
      if (memcmp (computed, row->hash, SAM_AUDIT_HASH_LENGTH) != 0)
        return row->seq;
    }

  return 0;
}

/* Batches come in chain order, so the first difference found is the
 * earliest; after it, batches are only handed back. */
static void
hash_and_record (Verifier       *v,
                 SamAuditHasher *hasher,
                 const Batch    *batch)
{
  guint64 seq;

  if (g_atomic_int_get (&v->changed))
    return;

  seq = hash_batch (hasher, batch);
  if (seq != 0)
    {
      v->changed_seq = seq;
      g_atomic_int_set (&v->changed, 1);
      g_atomic_int_set (&v->failed, 1);
    }
}

static gpointer
verify_worker (gpointer data)
{
  Verifier *v = data;
  g_autoptr(SamAuditHasher) hasher = _sam_audit_hasher_new ();
  Batch *batch;

  while ((batch = g_async_queue_pop (v->filled)) != &stop_marker)
    {
      hash_and_record (v, hasher, batch);
      g_async_queue_push (v->done, batch);
    }

  return NULL;
}

/* A new batch while fewer than VERIFY_BATCHES exist, else the next one
 * the worker has finished with. */
static Batch *
take_batch (Verifier *v)
{
  Batch *batch;

  if (v->batches->len < VERIFY_BATCHES)
    {
      batch = batch_new (v->batch_rows);
      g_ptr_array_add (v->batches, batch);
    }
  else
    {
      batch = g_async_queue_pop (v->done);
    }

  g_string_truncate (batch->canonical, 0);
  batch->n_rows = 0;
  return batch;
}

/* The worker starts with the first full batch that has more rows after it.
 * Without a thread (a short log, or none could be made) the calling
 * thread hashes. */
static void
submit_batch (Verifier *v,
              Batch    *batch,
              gboolean  last)
{
  if (v->worker == NULL && !last)
    v->worker = g_thread_try_new ("sam-audit-verify", verify_worker, v, NULL);

  if (v->worker != NULL)
    {
      g_async_queue_push (v->filled, batch);
      return;
    }

  if (v->hasher == NULL)
    v->hasher = _sam_audit_hasher_new ();
  hash_and_record (v, v->hasher, batch);
  g_async_queue_push (v->done, batch);
}

static void
verifier_init (Verifier             *v,
               const SamAuditAnchor *anchor)
{
  guint rows = (guint) g_atomic_int_get (&verify_batch_rows);

  memset (v, 0, sizeof *v);
  v->anchor = anchor;
  v->batch_rows = rows > 0 ? rows : VERIFY_BATCH_ROWS;
  v->batches = g_ptr_array_new_with_free_func ((GDestroyNotify) batch_free);
  v->filled = g_async_queue_new ();
  v->done = g_async_queue_new ();
  v->expected = 1;
}

/* Hashes what the reader left, and joins the worker: after this, every
 * row read has been hashed, or skipped after an earlier difference. */
static void
verifier_finish (Verifier *v)
{
  if (v->pending != NULL && v->pending->n_rows > 0)
    submit_batch (v, v->pending, TRUE);
  v->pending = NULL;

  if (v->worker != NULL)
    {
      g_async_queue_push (v->filled, &stop_marker);
      g_thread_join (g_steal_pointer (&v->worker));
    }
}

static void
verifier_clear (Verifier *v)
{
  verifier_finish (v);
  g_clear_pointer (&v->hasher, _sam_audit_hasher_free);
  g_clear_pointer (&v->filled, g_async_queue_unref);
  g_clear_pointer (&v->done, g_async_queue_unref);
  g_clear_pointer (&v->batches, g_ptr_array_unref);
}

static gboolean
reader_broken (Verifier   *v,
               guint64     seq,
               const char *what)
{
  v->broken_seq = seq;
  v->broken_what = what;
  g_atomic_int_set (&v->failed, 1);
  return FALSE;
}

/* The checks that need no hash, in the order of the chain: the entry is
 * the next one, and it follows the one before. Then the row goes into
 * @batch for its hash. The anchor is checked against the stored hash:
 * where that differs from the computed one, the worker reports the row
 * first, as the old single-threaded check did. */
static gboolean
read_row (Verifier     *v,
          sqlite3_stmt *stmt,
          Batch        *batch)
{
  BatchRow *out;
  Row row = { 0 };

  row_from_statement (stmt, &row);

  if (row.seq != v->expected)
    return reader_broken (v, v->expected, _("this entry is missing; the log was cut or reordered."));

  if (sqlite3_column_bytes (stmt, 12) != SAM_AUDIT_HASH_LENGTH ||
      sqlite3_column_bytes (stmt, 13) != SAM_AUDIT_HASH_LENGTH ||
      memcmp (sqlite3_column_blob (stmt, 12), v->last_hash, SAM_AUDIT_HASH_LENGTH) != 0)
    return reader_broken (v, row.seq, _("it does not follow the entry before it."));

  out = &batch->rows[batch->n_rows++];
  out->seq = row.seq;
  out->offset = batch->canonical->len;
  put_canonical (batch->canonical, &row);
  out->length = batch->canonical->len - out->offset;
  memcpy (out->prev_hash, v->last_hash, SAM_AUDIT_HASH_LENGTH);
  memcpy (out->hash, sqlite3_column_blob (stmt, 13), SAM_AUDIT_HASH_LENGTH);
  memcpy (v->last_hash, out->hash, SAM_AUDIT_HASH_LENGTH);

  if (v->anchor != NULL && row.seq == v->anchor->seq &&
      memcmp (out->hash, v->anchor->hash, SAM_AUDIT_HASH_LENGTH) != 0)
    return reader_broken (v, row.seq, _("it does not match the anchor; the log was rewritten."));

  v->expected++;
  return TRUE;
}

/* Holds the connection's own mutex over each batch: SQLite takes it again
 * for every column read, some forty times a row, and a recursive lock
 * already held costs less than a free one taken. It is let go between
 * batches, while waiting for the worker.
 *
 * Returns: the last result of sqlite3_step() */
static int
read_chain (Verifier     *v,
            sqlite3_stmt *stmt)
{
  sqlite3_mutex *mutex = sqlite3_db_mutex (sqlite3_db_handle (stmt));
  int rc;

  v->pending = take_batch (v);
  sqlite3_mutex_enter (mutex);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!read_row (v, stmt, v->pending))
        break;
      if (v->pending->n_rows < v->batch_rows)
        continue;
      /* A break was already found earlier in the chain, by this range's
       * hashing or anywhere in an earlier range: reading on is wasted. */
      if (g_atomic_int_get (&v->changed) || (v->stop != NULL && g_atomic_int_get (v->stop)))
        break;
      sqlite3_mutex_leave (mutex);
      submit_batch (v, v->pending, FALSE);
      v->pending = take_batch (v);
      sqlite3_mutex_enter (mutex);
    }
  sqlite3_mutex_leave (mutex);

  return rc;
}

/* The first break in chain order within one range wins: a changed row the
 * hashing found lies before any break the reader stopped at, since the
 * reader stops at its first and hands on only rows before it (and an
 * anchor's row, whose contents are checked first). */
static gboolean
range_verdict (Verifier     *v,
               SamDatabase  *database,
               int           rc,
               GError      **error)
{
  if (v->changed_seq != 0)
    return broken (error, v->changed_seq, _("its contents were changed after it was written."));

  if (v->broken_what != NULL)
    return broken (error, v->broken_seq, v->broken_what);

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database, error, rc, _("Reading the audit log"));
      return FALSE;
    }

  return TRUE;
}

/* After the last range: the log must reach the anchor's entry. */
static gboolean
end_verdict (Verifier  *v,
             guint64   *out_n_rows,
             GError   **error)
{
  if (v->anchor != NULL && v->anchor->seq >= v->expected)
    {
      g_autofree char *last = g_strdup_printf ("%" G_GUINT64_FORMAT, v->expected - 1);
      g_autofree char *anchored = g_strdup_printf ("%" G_GUINT64_FORMAT, v->anchor->seq);

      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_INTEGRITY,
                   _("The audit log ends at entry %s, before the anchor’s entry %s: "
                     "entries were cut off."), last, anchored);
      return FALSE;
    }

  if (out_n_rows != NULL)
    *out_n_rows = v->expected - 1;

  return TRUE;
}

/* The whole chain on one connection, in the calling thread and a hashing
 * worker. */
static gboolean
verify_whole (SamDatabase           *database,
              const SamAuditAnchor  *anchor,
              guint64               *out_n_rows,
              GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  Verifier v;
  gboolean intact;
  int rc;

  stmt = _sam_database_prepare (database,
                                "SELECT " ROW_COLUMNS ", prev_hash, hash FROM audit_log ORDER BY seq",
                                error);
  if (stmt == NULL)
    return FALSE;

  verifier_init (&v, anchor);
  rc = read_chain (&v, stmt);
  verifier_finish (&v);
  intact = range_verdict (&v, database, rc, error) && end_verdict (&v, out_n_rows, error);
  verifier_clear (&v);

  return intact;
}

/* Two ranges on two connections ----------------------------------------------
 *
 * Reading sets the pace of a verification: SQLCipher decrypting and
 * checking pages and SQLite stepping rows take some 1.4 µs a row, hashing
 * 0.26 µs (docs/performance.md). A row's check needs only the row, its
 * stored prev_hash and the stored hash of the row before it, so a long log
 * is read as two ranges of seq, [1, mid] on the caller's connection and
 * (mid, head] on a second, read-only one in a thread of its own; the
 * second range starts from the stored hash of row mid.
 *
 * head is the last seq when the verification starts. Rows are only ever
 * appended (the audit_log triggers refuse UPDATE and DELETE), so rows up
 * to head read the same on both connections; rows appended meanwhile lie
 * beyond head and are left to the next verification. The row count is not
 * read: count(*) reads every page of the table, and an intact log holds
 * exactly the rows 1 to head anyway.
 *
 * The result is the one verify_whole() would give: every break in the first
 * range lies at or before mid and every break in the second after it, so the
 * first range's verdict comes first; a first range that ends before mid
 * (rows missing at its end) is a missing entry, as reading on into the
 * second range would have found; and the second range is checked as the
 * whole chain would go on after row mid. */

/* Below this many rows one connection verifies in a fifth of a second or
 * less; a second connection, its page cache and a thread are kept for logs
 * where halving the time is worth them. */
#define VERIFY_SPLIT_MIN_ROWS (2 * 65536)

/* For tests, which set them before verifying, never during. */
static guint64 verify_split_after;  /* the first range's last row; 0: half a long log;
                                     * the head or beyond: no split */
static gint verify_reader_fails;    /* as if the second connection could not be opened */
static gint verify_ranges;          /* how many ranges the last verification read */

/**
 * _sam_audit_set_verify_split:
 * @after_seq: the last row of the first range, or 0 for the default
 * @reader_fails: act as if the second connection could not be opened
 *
 * For tests: a short log read in two ranges, and the fallback to one.
 */
void
_sam_audit_set_verify_split (guint64  after_seq,
                             gboolean reader_fails)
{
  verify_split_after = after_seq;
  g_atomic_int_set (&verify_reader_fails, reader_fails ? 1 : 0);
}

/**
 * _sam_audit_get_verify_ranges:
 *
 * For tests: whether the last verification read one range or two.
 *
 * Returns: 1 or 2
 */
guint
_sam_audit_get_verify_ranges (void)
{
  return (guint) g_atomic_int_get (&verify_ranges);
}

typedef struct
{
  SamDatabase *reader;     /* the second connection */
  guint64      mid;
  guint64      head;
  Verifier     v;
  int          rc;         /* the last result of sqlite3_step () */
} SecondRange;

/* The stored hash of row mid, where the second range starts. If that row
 * is missing or malformed, the first range reports it (or an earlier
 * break), so the second range's verdict is never used and the zeros left in
 * last_hash do no harm. */
static int
read_link (SecondRange *second)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (second->reader, "SELECT hash FROM audit_log WHERE seq = ?1", NULL);
  if (stmt == NULL)
    return sqlite3_errcode (_sam_database_get_handle (second->reader));

  sqlite3_bind_int64 (stmt, 1, (sqlite3_int64) second->mid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == SAM_AUDIT_HASH_LENGTH)
    memcpy (second->v.last_hash, sqlite3_column_blob (stmt, 0), SAM_AUDIT_HASH_LENGTH);

  return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_DONE : rc;
}

static gpointer
second_range_run (gpointer data)
{
  SecondRange *second = data;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  second->rc = read_link (second);
  if (second->rc != SQLITE_DONE)
    return NULL;

  stmt = _sam_database_prepare (second->reader,
                                "SELECT " ROW_COLUMNS ", prev_hash, hash FROM audit_log"
                                " WHERE seq > ?1 AND seq <= ?2 ORDER BY seq", NULL);
  if (stmt == NULL)
    {
      second->rc = sqlite3_errcode (_sam_database_get_handle (second->reader));
      return NULL;
    }

  sqlite3_bind_int64 (stmt, 1, (sqlite3_int64) second->mid);
  sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) second->head);
  second->rc = read_chain (&second->v, stmt);
  verifier_finish (&second->v);

  return NULL;
}

/* The first range must reach row mid: if it ends before, the whole chain
 * read on would have met the second range's first row in place of the
 * entry expected. */
static gboolean
first_reaches_mid (Verifier  *first,
                   guint64    mid,
                   GError   **error)
{
  if (first->expected != mid + 1)
    return broken (error, first->expected, _("this entry is missing; the log was cut or reordered."));

  return TRUE;
}

/* The first range, in the calling thread, while the second runs.
 *
 * Returns: the last result of sqlite3_step (), or of preparing */
static int
read_first_range (SamDatabase *database,
                  Verifier    *first,
                  guint64      mid)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database,
                                "SELECT " ROW_COLUMNS ", prev_hash, hash FROM audit_log"
                                " WHERE seq <= ?1 ORDER BY seq", NULL);
  if (stmt == NULL)
    return sqlite3_errcode (_sam_database_get_handle (database));

  sqlite3_bind_int64 (stmt, 1, (sqlite3_int64) mid);
  rc = read_chain (first, stmt);
  verifier_finish (first);

  return rc;
}

/* Each range hashes in a worker of its own, as the single range does:
 * four threads. On two cores, hashing in each reading thread instead was
 * measured too (docs/performance.md): it spent about 6 % less CPU, and
 * was as fast on a quiet machine and slower on a loaded one, where four
 * threads get more of the cores than two; on four cores or more the
 * workers take the hashing (0.26 µs a row) off both readers' path. */
static gboolean
verify_halves (SamDatabase           *database,
               SamDatabase           *reader,
               const SamAuditAnchor  *anchor,
               guint64                mid,
               guint64                head,
               guint64               *out_n_rows,
               GError               **error)
{
  SecondRange second = { .reader = reader, .mid = mid, .head = head };
  GThread *thread;
  Verifier first;
  gboolean intact;
  int rc;

  verifier_init (&first, anchor);
  verifier_init (&second.v, anchor);
  second.v.expected = mid + 1;
  second.v.stop = &first.failed;

  thread = g_thread_try_new ("sam-audit-verify-2", second_range_run, &second, NULL);
  if (thread == NULL)
    {
      verifier_clear (&first);
      verifier_clear (&second.v);
      return verify_whole (database, anchor, out_n_rows, error);
    }

  g_atomic_int_set (&verify_ranges, 2);
  rc = read_first_range (database, &first, mid);
  if (rc != SQLITE_DONE)
    g_atomic_int_set (&first.failed, 1);  /* the second range's verdict will not be used */
  g_thread_join (thread);

  intact = range_verdict (&first, database, rc, error) &&
           first_reaches_mid (&first, mid, error) &&
           range_verdict (&second.v, reader, second.rc, error) &&
           end_verdict (&second.v, out_n_rows, error);

  verifier_clear (&first);
  verifier_clear (&second.v);
  return intact;
}

/* Where to split, or 0 to read the whole chain on one connection: a short
 * log, or a caller inside a transaction, whose rows a second connection
 * would not see. */
static gboolean
choose_split (SamDatabase *database,
              guint64     *out_mid,
              guint64     *out_head,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint64 after = verify_split_after;
  int rc;

  *out_mid = 0;
  if (!sqlite3_get_autocommit (_sam_database_get_handle (database)))
    return TRUE;

  /* The rowid's b-tree answers max () from its last page. */
  stmt = _sam_database_prepare (database, "SELECT max (seq) FROM audit_log", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _sam_database_set_error (database, error, rc, _("Reading the audit log"));
      return FALSE;
    }
  *out_head = (guint64) MAX (sqlite3_column_int64 (stmt, 0), 0);

  if (after == 0 && *out_head >= VERIFY_SPLIT_MIN_ROWS)
    after = *out_head / 2;
  if (after > 0 && after < *out_head)
    *out_mid = after;

  return TRUE;
}

/* A second connection that cannot be opened costs the speed, never the
 * verification. The reason is logged by its code only: a message would
 * name the file. */
static SamDatabase *
open_reader (SamDatabase *database)
{
  g_autoptr(GError) error = NULL;
  SamDatabase *reader;

  if (g_atomic_int_get (&verify_reader_fails))
    return NULL;

  reader = _sam_database_open_reader (database, &error);
  if (reader == NULL)
    g_debug ("Verifying the audit log on one connection: a second could not be opened (%s %d)",
             g_quark_to_string (error->domain), error->code);

  return reader;
}

/**
 * _sam_audit_verify_chain:
 * @database: an open database
 * @anchor: (nullable): a head recorded earlier
 * @out_n_rows: (out) (optional): how many rows were checked
 * @error: return location for a #GError
 *
 * Recomputes the whole chain. With @anchor, also checks that the log still
 * reaches the anchor's entry and that the entry is the same. A long log is
 * read in two ranges on two connections; the result is the same.
 *
 * Returns: %TRUE when the log is intact
 */
gboolean
_sam_audit_verify_chain (SamDatabase           *database,
                         const SamAuditAnchor  *anchor,
                         guint64               *out_n_rows,
                         GError               **error)
{
  g_autoptr(SamDatabase) reader = NULL;
  guint64 mid, head;

  g_atomic_int_set (&verify_ranges, 1);
  if (!_sam_database_ensure_open (database, error) ||
      !choose_split (database, &mid, &head, error))
    return FALSE;

  if (mid > 0)
    reader = open_reader (database);
  if (reader == NULL)
    return verify_whole (database, anchor, out_n_rows, error);

  return verify_halves (database, reader, anchor, mid, head, out_n_rows, error);
}

/**
 * _sam_audit_log_head:
 * @database: an open database
 *
 * Writes the chain head to the structured log, with no personal data, so
 * that a copy of it lives outside the database. sam_log_writer() sends it
 * to the system journal.
 */
void
_sam_audit_log_head (SamDatabase *database)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *anchor_text = NULL;
  SamAuditAnchor anchor;

  if (!read_head (database, &anchor.seq, anchor.hash, &error))
    {
      g_warning ("Could not read the audit log head: %s", error->message);
      return;
    }

  anchor_text = sam_audit_anchor_to_string (&anchor);
  /* Plain fields first; MESSAGE, with its format, must come last. */
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO,
                    SAM_AUDIT_LOG_FIELD_ANCHOR, anchor_text,
                    "SAMVERKA_DATABASE_ID", sam_database_get_id (database),
                    "MESSAGE", "Samverka audit log head %s for database %s",
                    anchor_text, sam_database_get_id (database));
}

/* Reading back ---------------------------------------------------------------- */

static SamAuditRecord *
record_from_statement (sqlite3_stmt *stmt)
{
  SamAuditRecord *record = g_new0 (SamAuditRecord, 1);
  Row row = { 0 };

  row_from_statement (stmt, &row);
  record->seq = row.seq;
  record->time = g_strdup (row.time);
  record->user_id = row.user_id;
  record->role = g_strdup (row.role);
  record->agency_id = row.agency_id;
  if (!sam_audit_action_from_string (row.action, &record->action))
    record->action = SAM_AUDIT_VIEW;
  record->object_type = g_strdup (row.object_type);
  record->object_id = row.object_id;
  record->person_id = row.person_id;
  record->case_id = row.case_id;
  record->reason = g_strdup (row.reason);
  record->outcome = g_strcmp0 (row.outcome, "denied") == 0 ? SAM_AUDIT_OUTCOME_DENIED
                  : g_strcmp0 (row.outcome, "failed") == 0 ? SAM_AUDIT_OUTCOME_FAILED
                  : SAM_AUDIT_OUTCOME_OK;
  record->user_name = g_strdup ((const char *) sqlite3_column_text (stmt, 12));

  return record;
}

static GPtrArray *
query_records (SamSession  *session,
               const char  *where,
               GPtrArray   *binds,
               guint        limit,
               GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_audit_record_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  SamDatabase *database = sam_session_get_database (session);
  int rc;

  sql = g_strdup_printf ("SELECT a.seq, a.time, a.user_id, a.role, a.agency_id, a.action,"
                         "       a.object_type, a.object_id, a.person_id, a.case_id, a.reason,"
                         "       a.outcome, u.name"
                         "  FROM audit_log a LEFT JOIN users u ON u.id = a.user_id"
                         " WHERE %s ORDER BY a.seq%s",
                         where, limit > 0 ? " DESC LIMIT ?99" : "");
  stmt = _sam_database_prepare (database, sql, error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < binds->len; i++)
    sqlite3_bind_text (stmt, (int) i + 1, g_ptr_array_index (binds, i), -1, SQLITE_TRANSIENT);
  if (limit > 0)
    sqlite3_bind_int64 (stmt, 99, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, record_from_statement (stmt));

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database, error, rc, _("Reading the audit log"));
      return NULL;
    }

  /* A limit keeps the newest rows; show them oldest first all the same. */
  for (guint i = 0; limit > 0 && i < records->len / 2; i++)
    {
      gpointer *items = records->pdata;
      gpointer swap = items[i];

      items[i] = items[records->len - 1 - i];
      items[records->len - 1 - i] = swap;
    }

  return g_steal_pointer (&records);
}

/* Public API -------------------------------------------------------------------- */

const char *
sam_audit_action_to_string (SamAuditAction action)
{
  g_return_val_if_fail (action < SAM_N_AUDIT_ACTIONS, NULL);

  return action_ids[action];
}

gboolean
sam_audit_action_from_string (const char     *string,
                              SamAuditAction *out_action)
{
  g_return_val_if_fail (out_action != NULL, FALSE);

  for (guint i = 0; string != NULL && i < SAM_N_AUDIT_ACTIONS; i++)
    {
      if (g_str_equal (string, action_ids[i]))
        {
          *out_action = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
sam_audit_outcome_to_string (SamAuditOutcome outcome)
{
  g_return_val_if_fail (outcome < SAM_N_AUDIT_OUTCOMES, NULL);

  return outcome_ids[outcome];
}

void
sam_audit_filter_init (SamAuditFilter *filter)
{
  g_return_if_fail (filter != NULL);

  memset (filter, 0, sizeof *filter);
  filter->action = -1;
}

void
sam_audit_record_free (SamAuditRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->time);
  g_free (record->user_name);
  g_free (record->role);
  g_free (record->object_type);
  g_free (record->reason);
  g_free (record);
}

/**
 * sam_audit_anchor_parse:
 * @text: an anchor as SEQ:HASH, the hash in 64 hex digits
 * @out_anchor: (out): the parsed anchor
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @text is a well-formed anchor
 */
gboolean
sam_audit_anchor_parse (const char      *text,
                        SamAuditAnchor  *out_anchor,
                        GError         **error)
{
  g_auto(GStrv) parts = NULL;
  guint64 seq = 0;
  gsize hash_length = 0;

  g_return_val_if_fail (out_anchor != NULL, FALSE);

  parts = text != NULL ? g_strsplit (text, ":", 2) : NULL;
  if (parts == NULL || g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXINT64, &seq, NULL) ||
      strlen (parts[1]) != SAM_AUDIT_HASH_LENGTH * 2 ||
      sodium_hex2bin (out_anchor->hash, sizeof out_anchor->hash, parts[1], strlen (parts[1]),
                      NULL, &hash_length, NULL) != 0 ||
      hash_length != SAM_AUDIT_HASH_LENGTH)
    {
      g_set_error_literal (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                           _("Anchor: write it as SEQ:HASH, an entry number, a colon and "
                             "64 hexadecimal digits."));
      return FALSE;
    }

  out_anchor->seq = seq;
  return TRUE;
}

char *
sam_audit_anchor_to_string (const SamAuditAnchor *anchor)
{
  char hex[SAM_AUDIT_HASH_LENGTH * 2 + 1];

  g_return_val_if_fail (anchor != NULL, NULL);

  sodium_bin2hex (hex, sizeof hex, anchor->hash, sizeof anchor->hash);

  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%s", anchor->seq, hex);
}

/**
 * sam_audit_get_head:
 * @session: the signed-in administrator
 * @out_anchor: (out): the newest entry's seq and hash
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
sam_audit_get_head (SamSession      *session,
                    SamAuditAnchor  *out_anchor,
                    GError         **error)
{
  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (out_anchor != NULL, FALSE);

  if (!sam_policy_check (session, SAM_OPERATION_AUDIT_REVIEW, error))
    return FALSE;

  return read_head (sam_session_get_database (session), &out_anchor->seq, out_anchor->hash, error);
}

/**
 * sam_audit_verify:
 * @session: the signed-in administrator
 * @anchor: (nullable): a head recorded earlier, to detect a cut-off tail
 * @out_n_rows: (out) (optional): how many entries were checked
 * @error: return location for a #GError
 *
 * Recomputes the whole chain. A break is reported as
 * %SAM_DATABASE_ERROR_INTEGRITY naming the first broken entry.
 *
 * Returns: %TRUE when the log is intact
 */
gboolean
sam_audit_verify (SamSession            *session,
                  const SamAuditAnchor  *anchor,
                  guint64               *out_n_rows,
                  GError               **error)
{
  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);

  if (!sam_policy_check (session, SAM_OPERATION_AUDIT_REVIEW, error))
    return FALSE;

  return _sam_audit_verify_chain (sam_session_get_database (session), anchor, out_n_rows, error);
}

/**
 * sam_audit_list:
 * @session: the signed-in administrator
 * @filter: (nullable): what to list; %NULL lists everything
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type SamAuditRecord): the
 *   matching entries, oldest first
 */
GPtrArray *
sam_audit_list (SamSession            *session,
                const SamAuditFilter  *filter,
                GError               **error)
{
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) where = g_string_new ("1");
  SamAuditFilter any;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);

  if (!sam_policy_check (session, SAM_OPERATION_AUDIT_REVIEW, error))
    return NULL;

  if (filter == NULL)
    {
      sam_audit_filter_init (&any);
      filter = &any;
    }

#define ADD_CONDITION(sql, value) \
  G_STMT_START { \
    g_ptr_array_add (binds, value); \
    g_string_append_printf (where, " AND " sql, binds->len); \
  } G_STMT_END

  if (filter->user_id != 0)
    ADD_CONDITION ("a.user_id = ?%u", g_strdup_printf ("%" G_GINT64_FORMAT, filter->user_id));
  if (filter->person_id != 0)
    ADD_CONDITION ("a.person_id = ?%u", g_strdup_printf ("%" G_GINT64_FORMAT, filter->person_id));
  if (filter->case_id != 0)
    ADD_CONDITION ("a.case_id = ?%u", g_strdup_printf ("%" G_GINT64_FORMAT, filter->case_id));
  /* The administrator knows a case by the number on a letter or a
   * request; only its id leaves the cases table. */
  if (filter->case_number != NULL)
    ADD_CONDITION ("a.case_id = (SELECT id FROM cases WHERE number = ?%u)",
                   g_strdup (filter->case_number));
  if (filter->action >= 0 && filter->action < SAM_N_AUDIT_ACTIONS)
    ADD_CONDITION ("a.action = ?%u", g_strdup (action_ids[filter->action]));
  if (filter->from_time != NULL)
    ADD_CONDITION ("a.time >= ?%u", g_strdup (filter->from_time));
  if (filter->to_time != NULL)
    ADD_CONDITION ("a.time < ?%u", g_strdup (filter->to_time));

#undef ADD_CONDITION

  return query_records (session, where->str, binds, filter->limit, error);
}

/**
 * sam_audit_extract:
 * @session: the signed-in administrator
 * @person_id: the young person
 * @error: return location for a #GError
 *
 * Answers "who has read my data" (GDPR art. 15): every entry about
 * @person_id, with who acted, their role and agency, oldest first.
 *
 * Returns: (transfer container) (element-type SamAuditRecord): the entries
 */
GPtrArray *
sam_audit_extract (SamSession  *session,
                   gint64       person_id,
                   GError     **error)
{
  SamAuditFilter filter;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (person_id > 0, NULL);

  sam_audit_filter_init (&filter);
  filter.person_id = person_id;

  return sam_audit_list (session, &filter, error);
}

/**
 * sam_audit_record_extract_export:
 * @session: the signed-in administrator
 * @person_id: the young person whose extract leaves the database
 * @error: return location for a #GError
 *
 * Records, in one EXPORT row (object "audit_extract", reason
 * "audit_extract"), that a person's log extract is written to a file or
 * paper. Call it before writing; when it fails, write nothing.
 *
 * Returns: %TRUE when recorded
 */
gboolean
sam_audit_record_extract_export (SamSession  *session,
                                 gint64       person_id,
                                 GError     **error)
{
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (person_id > 0, FALSE);

  if (!sam_policy_check (session, SAM_OPERATION_AUDIT_REVIEW, error))
    return FALSE;

  database = sam_session_get_database (session);
  if (!_sam_database_begin (database, error))
    return FALSE;

  if (!_sam_store_audit (session, SAM_AUDIT_EXPORT, "audit_extract", person_id, person_id, 0,
                         "audit_extract", error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return FALSE;
    }

  return TRUE;
}
