/* sam-database.c
 *
 * One SQLCipher 4 database, encrypted with a random 256-bit data key. The key
 * is unwrapped from the user's slot in the sidecar key file and handed to
 * SQLCipher as a raw key through sqlite3_key_v2(), never through a PRAGMA.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-database"

#include "config.h"

#include "sam-database.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "sam-checkpointer.h"
#include "sam-database-private.h"
#include "sam-directory.h"
#include "sam-error.h"

#define SALT_BYTES        16
#define SQLITE_HEADER     "SQLite format 3"
/* 64 MiB of page cache: the working set of a large municipality. */
#define CACHE_SIZE_PRAGMA "PRAGMA cache_size = -65536"

struct _SamDatabase
{
  GObject         parent_instance;

  char           *path;
  char           *id;
  sqlite3        *handle;
  SamSecret      *key;
  SamKeyslotFile *keyslots;
  gboolean        demo;
  SamCheckpointer *checkpointer;  /* see sam-checkpointer.c */

  /* Threads. The connection is one, shared by the main thread and the
   * workers of the async calls (sam_search_async(), the case list's page
   * loads). SQLite serialises single calls, but a transaction is a state
   * of the connection: a statement from another thread would run inside
   * it, and its ROLLBACK would undo the other thread's work. So every unit
   * of work that uses the connection holds this mutex: a transaction from
   * _sam_database_begin() to its commit or rollback, a worker for its whole
   * run, a read outside a transaction through _sam_database_lock(). It is
   * recursive, so that a worker holding it may begin transactions, and
   * sam_database_close() takes it too, so that closing waits for a running
   * worker instead of closing the connection under it. */
  GRecMutex       mutex;
  /* The thread whose transaction is open, or NULL. Written only by that
   * thread with the mutex held; read atomically, without the mutex, by a
   * thread that asks whether the transaction is its own, which it can
   * only be when that thread wrote it. */
  GThread        *transaction_owner;

  /* The probe's count of the probed thread's nested locks, and when it
   * asked for the outermost one. Only that thread touches them. */
  guint           probe_depth;
  gint64          probe_asked;
};

G_DEFINE_FINAL_TYPE (SamDatabase, sam_database, G_TYPE_OBJECT)

/* The probe (see _sam_database_set_probe()): one thread whose time spent on
 * the database is reported, for the frame benchmark. Unset, it costs one
 * atomic read per lock. */
static GThread          *probe_thread;
static SamDatabaseProbe  probe_func;
static gpointer          probe_data;

static gboolean
is_probed_thread (void)
{
  GThread *thread = g_atomic_pointer_get (&probe_thread);

  return thread != NULL && thread == g_thread_self ();
}

static void
probe_report (SamDatabaseProbeKind  kind,
              gint64                usec,
              const char           *sql)
{
  SamDatabaseProbe func = probe_func;

  if (func != NULL)
    func (kind, usec, sql, probe_data);
}

/* Every use of the connection's mutex goes through these two, so that the
 * probe sees the probed thread's wait for it and its hold, outermost lock
 * to last unlock. */
static void
mutex_lock (SamDatabase *self)
{
  gboolean probed = is_probed_thread ();
  gint64 asked = probed && self->probe_depth == 0 ? g_get_monotonic_time () : 0;

  g_rec_mutex_lock (&self->mutex);
  if (probed && self->probe_depth++ == 0)
    self->probe_asked = asked;
}

static void
mutex_unlock (SamDatabase *self)
{
  if (is_probed_thread () && self->probe_depth > 0 && --self->probe_depth == 0)
    probe_report (SAM_DATABASE_PROBE_LOCK, g_get_monotonic_time () - self->probe_asked, NULL);

  g_rec_mutex_unlock (&self->mutex);
}

/* SQLite's own timing of each statement, from its first step to its reset;
 * also statements run without the mutex. */
static int
probe_trace_cb (unsigned  type,
                void     *context,
                void     *statement,
                void     *nanoseconds)
{
  if (type == SQLITE_TRACE_PROFILE && is_probed_thread ())
    probe_report (SAM_DATABASE_PROBE_STATEMENT, *(sqlite3_int64 *) nanoseconds / 1000,
                  sqlite3_sql (statement));

  return 0;
}

static void
set_error_for_rc (GError     **error,
                  int          rc,
                  const char  *path,
                  const char  *detail)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_CORRUPT,
                   _("The database “%s” is damaged: a part of it fails its integrity check (%s). "
                     "Restore it from a backup with “samverka-cli restore”."),
                   path, detail);
      break;

    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_IO,
                   _("The database “%s” could not be read or written: %s"),
                   path, detail);
      break;

    default:
      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_FAILED,
                   _("The database “%s” reported an error: %s"), path, detail);
      break;
    }
}

/* SQLCipher takes a raw key as the string x'<64 hex digits>'. The string
 * is as secret as the key, so it lives in guarded memory too. */
static SamSecret *
raw_key_string (const SamSecret *key)
{
  gsize hex_length = SAM_DATA_KEY_LENGTH * 2;
  g_autoptr(SamSecret) raw = sam_secret_new (hex_length + 3);
  guint8 *data = sam_secret_get_mutable_data (raw);

  data[0] = 'x';
  data[1] = '\'';
  sodium_bin2hex ((char *) data + 2, hex_length + 1,
                  sam_secret_get_data (key), SAM_DATA_KEY_LENGTH);
  data[hex_length + 2] = '\'';

  return g_steal_pointer (&raw);
}

static char *
query_text (sqlite3    *handle,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW ||
      sqlite3_column_text (stmt, 0) == NULL)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gboolean
check_sqlcipher (sqlite3  *handle,
                 GError  **error)
{
  g_autofree char *version = query_text (handle, "PRAGMA cipher_version");

  /* Plain SQLite ignores the pragma and returns nothing. */
  if (version == NULL || *version == '\0' || !g_str_has_prefix (version, "4."))
    {
      g_set_error_literal (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_NO_SQLCIPHER,
                           _("Samverka requires SQLCipher 4, but it is running on a SQLite "
                             "library without it, so the database cannot be encrypted. "
                             "Install SQLCipher 4 (libsqlcipher from bookworm-backports)."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
exec_pragmas (sqlite3     *handle,
              const char  *path,
              GError     **error)
{
  static const char * const pragmas[] = {
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA synchronous = FULL",
    CACHE_SIZE_PRAGMA,
  };
  g_autofree char *mode = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (pragmas); i++)
    {
      int rc = sqlite3_exec (handle, pragmas[i], NULL, NULL, NULL);

      if (rc != SQLITE_OK)
        {
          set_error_for_rc (error, rc, path, sqlite3_errmsg (handle));
          return FALSE;
        }
    }

  mode = query_text (handle, "PRAGMA journal_mode = WAL");
  if (g_strcmp0 (mode, "wal") != 0)
    {
      set_error_for_rc (error, sqlite3_extended_errcode (handle), path, sqlite3_errmsg (handle));
      return FALSE;
    }

  return TRUE;
}

/* The first page decides whether the key fits: with the wrong key or a
 * damaged header SQLCipher reports SQLITE_NOTADB here. */
static gboolean
check_key_fits (sqlite3     *handle,
                const char  *path,
                GError     **error)
{
  int rc = sqlite3_exec (handle, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_error_for_rc (error, rc, path, sqlite3_errmsg (handle));
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_file_salt (const char  *path,
                char       **out_salt_hex,
                GError     **error)
{
  guint8 header[SALT_BYTES];
  char hex[SALT_BYTES * 2 + 1];
  FILE *file;
  gsize n_read;

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, SAM_DATABASE_ERROR,
                   saved_errno == ENOENT ? SAM_DATABASE_ERROR_NOT_FOUND : SAM_DATABASE_ERROR_IO,
                   _("The database “%s” could not be opened: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  n_read = fread (header, 1, sizeof header, file);
  fclose (file);

  if (n_read != sizeof header)
    {
      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_CORRUPT,
                   _("The database “%s” is damaged or empty: it is too short to be a "
                     "Samverka database."), path);
      return FALSE;
    }

  if (memcmp (header, SQLITE_HEADER, strlen (SQLITE_HEADER)) == 0)
    {
      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_FOREIGN,
                   _("“%s” is a plain, unencrypted SQLite file, not a Samverka database."),
                   path);
      return FALSE;
    }

  sodium_bin2hex (hex, sizeof hex, header, sizeof header);
  *out_salt_hex = g_strdup (hex);

  return TRUE;
}

/* SQLCipher keeps a random salt in the first bytes of the file. The key
 * file records it, so a key file placed beside the wrong database is named
 * as such instead of being taken for damage or a wrong passphrase. */
static gboolean
check_keyslots_match_file (const char      *path,
                           SamKeyslotFile  *keyslots,
                           GError         **error)
{
  g_autofree char *salt = NULL;

  if (!read_file_salt (path, &salt, error))
    return FALSE;

  if (g_ascii_strcasecmp (salt, sam_keyslot_file_get_database_salt (keyslots)) != 0)
    {
      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_FOREIGN,
                   _("The key file “%s” belongs to another database, not to “%s”, or the "
                     "database file is not a Samverka database."),
                   sam_keyslot_file_get_path (keyslots), path);
      return FALSE;
    }

  return TRUE;
}

/* Reads one value of the meta table. A missing row leaves *out_value NULL;
 * a page that cannot be read is an error, reported as damage. */
static gboolean
read_meta_value (SamDatabase  *self,
                 const char   *key,
                 char        **out_value,
                 GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *out_value = NULL;

  rc = sqlite3_prepare_v2 (self->handle, "SELECT value FROM meta WHERE key = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }

  if (rc == SQLITE_ROW)
    {
      *out_value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    return TRUE;

  set_error_for_rc (error, rc, self->path, sqlite3_errmsg (self->handle));
  return FALSE;
}

static gboolean
read_meta (SamDatabase  *self,
           GError      **error)
{
  g_autofree char *demo = NULL;

  if (!read_meta_value (self, "database_id", &self->id, error) ||
      !read_meta_value (self, "demo", &demo, error))
    return FALSE;

  self->demo = g_strcmp0 (demo, "1") == 0;

  if (self->id == NULL)
    {
      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_FOREIGN,
                   _("“%s” is not a Samverka database: it has no database id."), self->path);
      return FALSE;
    }

  if (self->keyslots != NULL &&
      !g_str_equal (self->id, sam_keyslot_file_get_database_id (self->keyslots)))
    {
      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_FOREIGN,
                   _("The key file “%s” belongs to another database than “%s”."),
                   sam_keyslot_file_get_path (self->keyslots), self->path);
      return FALSE;
    }

  return TRUE;
}

static sqlite3 *
open_keyed_handle (const char       *path,
                   const SamSecret  *key,
                   int               flags,
                   GError          **error)
{
  g_autoptr(SamSecret) raw = raw_key_string (key);
  sqlite3 *handle = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &handle, flags | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_for_rc (error, rc, path,
                        handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (rc));
      sqlite3_close_v2 (handle);
      return NULL;
    }

  sqlite3_extended_result_codes (handle, TRUE);
  sqlite3_busy_timeout (handle, 5000);
  if (g_atomic_pointer_get (&probe_thread) != NULL)
    sqlite3_trace_v2 (handle, SQLITE_TRACE_PROFILE, probe_trace_cb, NULL);
  /* SQLCipher logs HMAC failures to stderr by itself; we report them as
   * errors a person can act on instead. */
  sqlite3_exec (handle, "PRAGMA cipher_log_level = NONE", NULL, NULL, NULL);

  if (!check_sqlcipher (handle, error))
    {
      sqlite3_close_v2 (handle);
      return NULL;
    }

  rc = sqlite3_key_v2 (handle, "main", sam_secret_get_data (raw), (int) sam_secret_get_length (raw));
  if (rc != SQLITE_OK)
    {
      set_error_for_rc (error, rc, path, sqlite3_errmsg (handle));
      sqlite3_close_v2 (handle);
      return NULL;
    }

  return handle;
}

/* What every open does once the key is set: checks it fits, sets the
 * pragmas, brings the schema and catalogue up to date, reads the meta. */
static gboolean
prepare_handle (SamDatabase  *self,
                int           flags,
                GError      **error)
{
  if (!check_key_fits (self->handle, self->path, error) ||
      !exec_pragmas (self->handle, self->path, error))
    return FALSE;

  if (!_sam_schema_migrate (self->handle, error) ||
      !_sam_catalogue_sync (self->handle, error))
    {
      g_prefix_error (error, _("Database “%s”: "), self->path);
      return FALSE;
    }

  return (flags & SQLITE_OPEN_CREATE) != 0 || read_meta (self, error);
}

static SamDatabase *
open_with_key (const char       *path,
               SamKeyslotFile   *keyslots,
               const SamSecret  *key,
               int               flags,
               GError          **error)
{
  g_autoptr(SamDatabase) self = g_object_new (SAM_TYPE_DATABASE, NULL);

  self->path = g_strdup (path);
  self->key = sam_secret_copy (key);
  g_set_object (&self->keyslots, keyslots);

  self->handle = open_keyed_handle (path, key, flags, error);
  if (self->handle == NULL || !prepare_handle (self, flags, error))
    return NULL;

  self->checkpointer = _sam_checkpointer_new (self->handle, path, key);
  return g_steal_pointer (&self);
}

/**
 * _sam_database_open_plain:
 * @path: a plain, unencrypted copy of a Samverka database
 * @error: return location for a #GError
 *
 * For the benchmark only: opens the copy the way open_with_key() opens an
 * encrypted database, minus the key, so that every store runs the same SQL
 * on it with the same pragmas. The benchmark compares the two.
 *
 * Returns: (transfer full): the open copy, or %NULL
 */
SamDatabase *
_sam_database_open_plain (const char  *path,
                          GError     **error)
{
  g_autoptr(SamDatabase) self = g_object_new (SAM_TYPE_DATABASE, NULL);
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_for_rc (error, rc, path, sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_extended_result_codes (self->handle, TRUE);
  sqlite3_busy_timeout (self->handle, 5000);

  if (!prepare_handle (self, SQLITE_OPEN_READWRITE, error))
    return NULL;

  self->checkpointer = _sam_checkpointer_new (self->handle, path, NULL);
  return g_steal_pointer (&self);
}

/* A reader makes one pass over a table: its pages are not read twice, so a
 * page cache of SQLite's default size (2 MiB) does as well as 64 MiB. */
#define READER_CACHE_SIZE_PRAGMA "PRAGMA cache_size = -2048"

/**
 * _sam_database_open_reader:
 * @self: an open database
 * @error: return location for a #GError
 *
 * A second connection to the same file, read-only, for a caller that reads
 * one large table in two threads (the audit verification). It does none of
 * an open's upkeep: the first connection has already matched the key file,
 * migrated the schema, synced the catalogues and read the meta, and each
 * of those may take a write lock or write. It only checks that the key
 * fits (the first page decrypts) and sets its pragmas. The key is the raw
 * data key, so no key derivation runs; the benchmark's plain copy, which
 * has no key, is opened plain. Opened read-only, it can never write, and
 * in WAL mode it reads the committed state like any connection.
 *
 * Returns: (transfer full): the reader, or %NULL
 */
SamDatabase *
_sam_database_open_reader (SamDatabase  *self,
                           GError      **error)
{
  g_autoptr(SamDatabase) reader = NULL;

  g_return_val_if_fail (SAM_IS_DATABASE (self), NULL);

  if (!_sam_database_ensure_open (self, error))
    return NULL;

  reader = g_object_new (SAM_TYPE_DATABASE, NULL);
  reader->path = g_strdup (self->path);
  reader->id = g_strdup (self->id);
  reader->demo = self->demo;

  reader->handle = _sam_database_open_side_handle (self->path, self->key, SQLITE_OPEN_READONLY, error);
  if (reader->handle == NULL ||
      !_sam_database_exec (reader, "PRAGMA temp_store = MEMORY", error) ||
      !_sam_database_exec (reader, READER_CACHE_SIZE_PRAGMA, error))
    return NULL;

  return g_steal_pointer (&reader);
}

/**
 * _sam_database_open_side_handle:
 * @path: a database file that a #SamDatabase has open
 * @key: (nullable): its raw data key; %NULL for a plain file
 * @flags: SQLITE_OPEN_READONLY or SQLITE_OPEN_READWRITE
 * @error: return location for a #GError
 *
 * A bare second connection to an open database, for the audit
 * verification's reader and for the checkpointer: it only checks that the
 * key fits. The schema, the catalogue and the key
 * file are the first connection's business.
 *
 * Returns: (transfer full): the connection, or %NULL
 */
sqlite3 *
_sam_database_open_side_handle (const char       *path,
                                const SamSecret  *key,
                                int               flags,
                                GError          **error)
{
  sqlite3 *handle = NULL;

  if (key != NULL)
    {
      handle = open_keyed_handle (path, key, flags, error);
    }
  else
    {
      int rc = sqlite3_open_v2 (path, &handle, flags | SQLITE_OPEN_FULLMUTEX, NULL);

      if (rc != SQLITE_OK)
        {
          set_error_for_rc (error, rc, path, sqlite3_errstr (rc));
          g_clear_pointer (&handle, sqlite3_close_v2);
        }
      else
        {
          sqlite3_extended_result_codes (handle, TRUE);
          sqlite3_busy_timeout (handle, 5000);
        }
    }

  if (handle != NULL && !check_key_fits (handle, path, error))
    g_clear_pointer (&handle, sqlite3_close_v2);

  return handle;
}

/**
 * _sam_database_get_checkpoint_counts:
 * @self: an open database
 * @out_background: (out): WAL checkpoints run on the checkpointer's thread
 * @out_inline: (out): those run on a committing thread
 *
 * For tests.
 */
void
_sam_database_get_checkpoint_counts (SamDatabase *self,
                                     guint       *out_background,
                                     guint       *out_inline)
{
  g_return_if_fail (SAM_IS_DATABASE (self));

  *out_background = *out_inline = 0;
  mutex_lock (self);
  if (self->checkpointer != NULL)
    _sam_checkpointer_get_counts (self->checkpointer, out_background, out_inline);
  mutex_unlock (self);
}

static SamKeyslotFile *
load_matching_keyslots (const char  *path,
                        GError     **error)
{
  g_autofree char *keys_path = sam_keyslot_file_path_for_database (path);
  g_autoptr(SamKeyslotFile) keyslots = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_NOT_FOUND,
                   _("There is no database at “%s”."), path);
      return NULL;
    }

  keyslots = sam_keyslot_file_load (keys_path, error);
  if (keyslots == NULL || !check_keyslots_match_file (path, keyslots, error))
    return NULL;

  return g_steal_pointer (&keyslots);
}

/* Creation ---------------------------------------------------------------- */

static gboolean
insert_initial_rows (SamDatabase                     *self,
                     const SamDatabaseCreateOptions  *options,
                     GError                         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *agency = options->admin_agency_name != NULL ? options->admin_agency_name
                                                          : "Kommunledningsförvaltningen";
  const char *display = options->admin_display_name != NULL ? options->admin_display_name
                                                            : options->admin_name;
  gint64 agency_id;

  stmt = _sam_database_prepare (self,
                                "INSERT INTO meta (key, value) VALUES "
                                "  ('database_id', ?1), ('created_at', strftime ('%Y-%m-%dT%H:%M:%SZ', 'now')),"
                                "  ('demo', ?2);"
                                , error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, options->demo ? "1" : "0", -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto failed;
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _sam_database_prepare (self,
                                "INSERT INTO agencies (name, kind) VALUES (?1, 'administration')",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, agency, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto failed;
  agency_id = sqlite3_last_insert_rowid (self->handle);
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _sam_database_prepare (self,
                                "INSERT INTO users (name, display_name, role, agency_id) "
                                "VALUES (?1, ?2, 'admin', last_insert_rowid ())",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, options->admin_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, display, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto failed;

  {
    /* Nobody is signed in yet; the rows say what was made. */
    SamAuditEvent created[] = {
      { .action = SAM_AUDIT_CREATE, .object_type = "database",
        .reason = options->demo ? "demo" : NULL, .outcome = SAM_AUDIT_OUTCOME_OK },
      { .action = SAM_AUDIT_CREATE, .object_type = "agency", .object_id = agency_id,
        .outcome = SAM_AUDIT_OUTCOME_OK },
      { .action = SAM_AUDIT_CREATE, .object_type = "user",
        .object_id = sqlite3_last_insert_rowid (self->handle), .reason = "admin",
        .outcome = SAM_AUDIT_OUTCOME_OK },
    };

    for (guint i = 0; i < G_N_ELEMENTS (created); i++)
      {
        if (!_sam_audit_append (self, NULL, &created[i], error))
          return FALSE;
      }

    return TRUE;
  }

failed:
  _sam_database_set_error (self, error, sqlite3_extended_errcode (self->handle),
                           _("Creating the database"));
  return FALSE;
}

static gboolean
validate_create_options (const char                      *path,
                         const SamDatabaseCreateOptions  *options,
                         GError                         **error)
{
  g_autofree char *keys_path = sam_keyslot_file_path_for_database (path);

  if (g_file_test (path, G_FILE_TEST_EXISTS) || g_file_test (keys_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_EXISTS,
                   _("There is already a database at “%s”. Samverka never overwrites one."),
                   path);
      return FALSE;
    }

  if (options->admin_display_name != NULL &&
      (*options->admin_display_name == '\0' || g_utf8_strlen (options->admin_display_name, -1) > 120))
    {
      g_set_error_literal (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                           _("Display name: write between 1 and 120 characters."));
      return FALSE;
    }

  if (options->admin_agency_name != NULL &&
      (*options->admin_agency_name == '\0' || g_utf8_strlen (options->admin_agency_name, -1) > 120))
    {
      g_set_error_literal (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                           _("Agency name: write between 1 and 120 characters."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
create_database_file (SamDatabase                     *self,
                      const SamDatabaseCreateOptions  *options,
                      char                           **out_salt,
                      GError                         **error)
{
  if (!_sam_database_begin (self, error))
    return FALSE;

  if (!insert_initial_rows (self, options, error))
    {
      _sam_database_rollback (self);
      return FALSE;
    }

  /* Move the first pages from the WAL into the file, so that its header,
   * where the salt lives, is on disk before the key file names it. */
  if (!_sam_database_commit (self, error) ||
      !_sam_database_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", error))
    return FALSE;

  *out_salt = query_text (self->handle, "PRAGMA cipher_salt");
  if (*out_salt == NULL)
    {
      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_FAILED,
                   _("The database “%s” has no encryption salt."), self->path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
create_keyslots (SamDatabase                     *self,
                 const SamDatabaseCreateOptions  *options,
                 const char                      *salt,
                 SamSecret                      **out_recovery_code,
                 GError                         **error)
{
  g_autofree char *keys_path = sam_keyslot_file_path_for_database (self->path);
  g_autoptr(SamKeyslotFile) keyslots = sam_keyslot_file_new (keys_path, self->id, salt);
  g_autoptr(SamSecret) recovery = sam_secret_new_code (6, TRUE);
  g_autoptr(SamSecret) normalized = sam_secret_normalize_code (recovery);

  if (!sam_keyslot_file_set_slot (keyslots, options->admin_name, options->admin_passphrase,
                                  self->key, &options->kdf, error) ||
      !sam_keyslot_file_set_slot (keyslots, SAM_KEYSLOT_RECOVERY, normalized,
                                  self->key, &options->kdf, error) ||
      !sam_keyslot_file_save (keyslots, error))
    return FALSE;

  g_set_object (&self->keyslots, keyslots);
  if (out_recovery_code != NULL)
    *out_recovery_code = g_steal_pointer (&recovery);

  return TRUE;
}

/* Creates the empty file, failing if it exists, so that two programs that
 * create the same database at once cannot remove each other's work. */
static gboolean
claim_new_file (const char  *path,
                GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == EEXIST)
        g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_EXISTS,
                     _("There is already a database at “%s”. Samverka never overwrites one."),
                     path);
      else
        g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_IO,
                     _("The database “%s” could not be created: %s"),
                     path, g_strerror (saved_errno));
      return FALSE;
    }

  close (fd);
  return TRUE;
}

static void
remove_database_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal", ".keys" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* GObject ------------------------------------------------------------------ */

static void
sam_database_dispose (GObject *object)
{
  SamDatabase *self = (SamDatabase *)object;

  sam_database_close (self);
  g_clear_object (&self->keyslots);

  G_OBJECT_CLASS (sam_database_parent_class)->dispose (object);
}

static void
sam_database_finalize (GObject *object)
{
  SamDatabase *self = (SamDatabase *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->id, g_free);
  g_rec_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (sam_database_parent_class)->finalize (object);
}

static void
sam_database_class_init (SamDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sam_database_dispose;
  object_class->finalize = sam_database_finalize;
}

static void
sam_database_init (SamDatabase *self)
{
  g_rec_mutex_init (&self->mutex);
}

/* Private API -------------------------------------------------------------- */

sqlite3 *
_sam_database_get_handle (SamDatabase *self)
{
  g_return_val_if_fail (SAM_IS_DATABASE (self), NULL);

  return self->handle;
}

SamDatabase *
_sam_database_open_with_key (const char       *path,
                             SamKeyslotFile   *keyslots,
                             const SamSecret  *key,
                             GError          **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (keyslots != NULL && !check_keyslots_match_file (path, keyslots, error))
    return NULL;

  return open_with_key (path, keyslots, key, SQLITE_OPEN_READWRITE, error);
}

/**
 * _sam_database_new_slot_params:
 * @self: a #SamDatabase
 *
 * Returns: the Argon2id parameters for slots written from now on: the
 *   product floor in a demo database, whose passphrases are public anyway,
 *   and sam_kdf_params_for_new_slots() otherwise
 */
SamKdfParams
_sam_database_new_slot_params (SamDatabase *self)
{
  g_return_val_if_fail (SAM_IS_DATABASE (self), sam_kdf_params_default ());

  if (self->demo)
    return sam_kdf_params_minimum ();

  return sam_kdf_params_for_new_slots ();
}

gboolean
_sam_database_ensure_open (SamDatabase  *self,
                           GError      **error)
{
  g_return_val_if_fail (SAM_IS_DATABASE (self), FALSE);

  if (self->handle == NULL)
    {
      g_set_error_literal (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED,
                           _("The database is locked. Unlock it to go on."));
      return FALSE;
    }

  return TRUE;
}

void
_sam_database_set_error (SamDatabase  *self,
                         GError      **error,
                         int           rc,
                         const char   *what)
{
  g_autofree char *detail = NULL;

  g_return_if_fail (SAM_IS_DATABASE (self));

  detail = g_strdup_printf ("%s: %s", what,
                            self->handle != NULL ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc));
  set_error_for_rc (error, rc, self->path, detail);
}

gboolean
_sam_database_exec (SamDatabase  *self,
                    const char   *sql,
                    GError      **error)
{
  int rc = SQLITE_MISUSE;

  /* Under the mutex, like _sam_database_prepare(). */
  mutex_lock (self);
  if (_sam_database_ensure_open (self, error))
    {
      rc = sqlite3_exec (self->handle, sql, NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        _sam_database_set_error (self, error, rc, sql);
    }
  mutex_unlock (self);

  return rc == SQLITE_OK;
}

/**
 * _sam_database_set_probe:
 * @thread: (nullable): the thread to watch, or %NULL to stop
 * @func: (nullable): called on @thread for each time it spent, with the
 *   statement's SQL (its text with parameters, never their values)
 * @user_data: for @func
 *
 * For the frame benchmark, which must know how long the UI thread waits on
 * the database: from now on, @func is told on @thread how long @thread
 * waited for and held the connection's mutex (each outermost lock to its
 * unlock, %SAM_DATABASE_PROBE_LOCK), and, for connections opened from now
 * on, how long each statement it ran took (%SAM_DATABASE_PROBE_STATEMENT).
 * Set it before opening the database, and before any worker runs.
 */
void
_sam_database_set_probe (GThread          *thread,
                         SamDatabaseProbe  func,
                         gpointer          user_data)
{
  probe_func = func;
  probe_data = user_data;
  g_atomic_pointer_set (&probe_thread, thread);
}

/**
 * _sam_database_lock:
 * @self: a #SamDatabase
 *
 * Waits until no other thread uses the connection and keeps it for the
 * calling thread, until _sam_database_unlock(). Calls nest. Take it around
 * reads outside a transaction that may run while a worker does.
 */
void
_sam_database_lock (SamDatabase *self)
{
  g_return_if_fail (SAM_IS_DATABASE (self));

  mutex_lock (self);
}

void
_sam_database_unlock (SamDatabase *self)
{
  g_return_if_fail (SAM_IS_DATABASE (self));

  mutex_unlock (self);
}

/**
 * _sam_database_in_transaction:
 * @self: a #SamDatabase
 *
 * Whether the calling thread has a transaction open. Unlike
 * sqlite3_get_autocommit(), which tells it for the connection, so also
 * for a worker's transaction.
 */
gboolean
_sam_database_in_transaction (SamDatabase *self)
{
  g_return_val_if_fail (SAM_IS_DATABASE (self), FALSE);

  /* Without the mutex: asking must not wait for a worker's transaction. */
  return g_atomic_pointer_get (&self->transaction_owner) == g_thread_self ();
}

/* A transaction holds the mutex from its begin on; this lets it go. */
static void
end_transaction (SamDatabase *self)
{
  if (!_sam_database_in_transaction (self))
    return;

  g_atomic_pointer_set (&self->transaction_owner, NULL);
  mutex_unlock (self);
}

gboolean
_sam_database_begin (SamDatabase  *self,
                     GError      **error)
{
  mutex_lock (self);

  /* IMMEDIATE takes the write lock at once, so that two processes that
   * both change the key file and the database serialise here. */
  if (!_sam_database_exec (self, "BEGIN IMMEDIATE", error))
    {
      mutex_unlock (self);
      return FALSE;
    }

  /* Transactions do not nest: SQLite refuses a second BEGIN above, so an
   * owner set here is always a fresh one, holding the mutex once more. */
  g_atomic_pointer_set (&self->transaction_owner, g_thread_self ());
  return TRUE;
}

/* A change to the key file is saved just before its transaction commits.
 * If the transaction does not commit, the file goes back to what it was,
 * so that a slot and its user row always agree. */
static void
end_keyslot_update (SamDatabase *self,
                    gboolean     committed)
{
  g_autoptr(GError) error = NULL;

  if (self->keyslots == NULL)
    return;

  if (!committed && !sam_keyslot_file_revert_update (self->keyslots, &error))
    g_warning ("%s", error->message);

  sam_keyslot_file_finish_update (self->keyslots);
}

gboolean
_sam_database_commit (SamDatabase  *self,
                      GError      **error)
{
  gboolean committed;

  mutex_lock (self);
  committed = _sam_database_exec (self, "COMMIT", error);
  if (committed)
    {
      end_keyslot_update (self, TRUE);
      end_transaction (self);
    }
  else
    _sam_database_rollback (self);
  mutex_unlock (self);

  return committed;
}

/* Also called after a failed begin, when there is no transaction. Then it
 * must not roll back another thread's: taking the mutex waits for that
 * one to end, since a transaction holds the mutex throughout. */
void
_sam_database_rollback (SamDatabase *self)
{
  mutex_lock (self);
  if (self->handle != NULL && !sqlite3_get_autocommit (self->handle))
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);

  end_keyslot_update (self, FALSE);
  end_transaction (self);
  mutex_unlock (self);
}

sqlite3_stmt *
_sam_database_prepare (SamDatabase  *self,
                       const char   *sql,
                       GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_MISUSE;

  /* Under the mutex, so that a lock on another thread cannot close the
   * connection between the check and the call: a worker that has not
   * taken the mutex for its own reasons gets the locked error instead. */
  mutex_lock (self);
  if (_sam_database_ensure_open (self, error))
    {
      rc = sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL);
      if (rc != SQLITE_OK)
        _sam_database_set_error (self, error, rc, _("Preparing a query"));
    }
  mutex_unlock (self);

  return rc == SQLITE_OK ? stmt : NULL;
}

/**
 * _sam_database_reload_keyslots:
 * @self: a #SamDatabase
 * @error: return location for a #GError
 *
 * Reads the key file again before a change, so that a slot another process
 * added meanwhile is not lost, and holds the key file's lock until the
 * write transaction it must be called in commits or rolls back.
 *
 * Returns: (transfer none): the fresh key file, or %NULL
 */
SamKeyslotFile *
_sam_database_reload_keyslots (SamDatabase  *self,
                               GError      **error)
{
  g_autoptr(SamKeyslotFile) fresh = NULL;
  g_autofree char *keys_path = NULL;

  g_return_val_if_fail (SAM_IS_DATABASE (self), NULL);

  keys_path = sam_keyslot_file_path_for_database (self->path);
  fresh = sam_keyslot_file_load_for_update (keys_path, error);
  if (fresh == NULL)
    return NULL;

  if (!g_str_equal (sam_keyslot_file_get_database_id (fresh), self->id))
    {
      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_FOREIGN,
                   _("The key file “%s” belongs to another database than “%s”."),
                   keys_path, self->path);
      return NULL;
    }

  g_set_object (&self->keyslots, fresh);

  return self->keyslots;
}

/* Public API --------------------------------------------------------------- */

/**
 * sam_database_create:
 * @path: where the database goes; its key file goes to @path + ".keys"
 * @options: the first administrator and the key derivation parameters
 * @out_recovery_code: (out) (optional): the recovery code, to show once
 * @error: return location for a #GError
 *
 * Creates a new encrypted database with one agency (kind administration),
 * one administrator and a recovery slot. On failure nothing is left behind.
 *
 * Returns: (transfer full): the open database, or %NULL
 */
SamDatabase *
sam_database_create (const char                      *path,
                     const SamDatabaseCreateOptions  *options,
                     SamSecret                      **out_recovery_code,
                     GError                         **error)
{
  g_autoptr(SamSecret) key = NULL;
  g_autoptr(SamDatabase) self = NULL;
  g_autofree char *salt = NULL;
  g_autofree char *directory = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->admin_name != NULL, NULL);
  g_return_val_if_fail (options->admin_passphrase != NULL, NULL);

  if (!validate_create_options (path, options, error) ||
      !sam_directory_validate_user_name (options->admin_name, error))
    return NULL;

  directory = g_path_get_dirname (path);
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_IO,
                   _("The folder “%s” could not be created: %s"),
                   directory, g_strerror (saved_errno));
      return NULL;
    }

  if (!claim_new_file (path, error))
    return NULL;

  key = sam_secret_new_random (SAM_DATA_KEY_LENGTH);
  self = open_with_key (path, NULL, key, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (self == NULL)
    {
      remove_database_files (path);
      return NULL;
    }
  self->id = g_uuid_string_random ();
  self->demo = options->demo;

  if (!create_database_file (self, options, &salt, error) ||
      !create_keyslots (self, options, salt, out_recovery_code, error))
    {
      sam_database_close (self);
      remove_database_files (path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * sam_database_open:
 * @path: the database file
 * @slot_name: the user name, or %SAM_KEYSLOT_RECOVERY
 * @passphrase: the passphrase of that slot
 * @out_failed_attempts: (out) (optional): failed attempts since the slot
 *   was last opened
 * @error: return location for a #GError
 *
 * Unwraps the data key and opens the database: checks that SQLCipher 4 is
 * linked, sets the pragmas and brings the schema up to date.
 *
 * Returns: (transfer full): the open database, or %NULL
 */
SamDatabase *
sam_database_open (const char       *path,
                   const char       *slot_name,
                   const SamSecret  *passphrase,
                   guint            *out_failed_attempts,
                   GError          **error)
{
  g_autoptr(SamKeyslotFile) keyslots = NULL;
  g_autoptr(SamSecret) key = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (slot_name != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  keyslots = load_matching_keyslots (path, error);
  if (keyslots == NULL)
    return NULL;

  key = sam_keyslot_file_unlock (keyslots, slot_name, passphrase, out_failed_attempts, error);
  if (key == NULL)
    return NULL;

  return open_with_key (path, keyslots, key, SQLITE_OPEN_READWRITE, error);
}

/**
 * sam_database_close:
 * @self: a #SamDatabase
 *
 * Closes the connection and wipes the key. Closing twice is harmless.
 */
void
sam_database_close (SamDatabase *self)
{
  g_return_if_fail (SAM_IS_DATABASE (self));

  /* Waits for a worker that uses the connection. */
  mutex_lock (self);
  g_clear_pointer (&self->checkpointer, _sam_checkpointer_free);
  if (self->handle != NULL)
    {
      sqlite3_close_v2 (self->handle);
      self->handle = NULL;
    }

  g_clear_pointer (&self->key, sam_secret_free);
  mutex_unlock (self);
}

gboolean
sam_database_is_open (SamDatabase *self)
{
  g_return_val_if_fail (SAM_IS_DATABASE (self), FALSE);

  return self->handle != NULL;
}

const char *
sam_database_get_path (SamDatabase *self)
{
  g_return_val_if_fail (SAM_IS_DATABASE (self), NULL);

  return self->path;
}

const char *
sam_database_get_id (SamDatabase *self)
{
  g_return_val_if_fail (SAM_IS_DATABASE (self), NULL);

  return self->id;
}

gboolean
sam_database_is_demo (SamDatabase *self)
{
  g_return_val_if_fail (SAM_IS_DATABASE (self), FALSE);

  return self->demo;
}

SamKeyslotFile *
sam_database_get_keyslots (SamDatabase *self)
{
  g_return_val_if_fail (SAM_IS_DATABASE (self), NULL);

  return self->keyslots;
}

/**
 * sam_database_get_key:
 * @self: a #SamDatabase
 *
 * Returns: (nullable): the data key while the database is open
 */
const SamSecret *
sam_database_get_key (SamDatabase *self)
{
  g_return_val_if_fail (SAM_IS_DATABASE (self), NULL);

  return self->key;
}

guint
sam_database_get_schema_version (SamDatabase *self)
{
  g_autofree char *version = NULL;

  g_return_val_if_fail (SAM_IS_DATABASE (self), 0);

  if (self->handle == NULL)
    return 0;

  version = query_text (self->handle, "PRAGMA user_version");

  return version != NULL ? (guint) g_ascii_strtoull (version, NULL, 10) : 0;
}

char *
sam_database_get_cipher_version (SamDatabase *self)
{
  g_return_val_if_fail (SAM_IS_DATABASE (self), NULL);

  if (self->handle == NULL)
    return NULL;

  return query_text (self->handle, "PRAGMA cipher_version");
}

static gboolean
check_cipher_integrity (SamDatabase  *self,
                        GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = _sam_database_prepare (self, "PRAGMA cipher_integrity_check", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  /* Every row is a problem, such as an HMAC failure on one page. */
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_INTEGRITY,
                   _("The database “%s” failed its encryption integrity check: %s"),
                   self->path, (const char *) sqlite3_column_text (stmt, 0));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (self, error, rc, "cipher_integrity_check");
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_sqlite_integrity (SamDatabase  *self,
                        GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = _sam_database_prepare (self, "PRAGMA integrity_check", error);
  const char *result;
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_INTEGRITY,
                   _("The database “%s” failed its integrity check: %s"),
                   self->path, sqlite3_errmsg (self->handle));
      return FALSE;
    }

  result = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_INTEGRITY,
                   _("The database “%s” failed its integrity check: %s"),
                   self->path, result != NULL ? result : "?");
      return FALSE;
    }

  return TRUE;
}

/**
 * sam_database_check_integrity:
 * @self: a #SamDatabase
 * @error: return location for a #GError
 *
 * Runs SQLCipher's page-by-page HMAC check, then SQLite's own. Reads the
 * whole file, so call it on demand and before backups, not at every open.
 *
 * Returns: %TRUE when both pass
 */
gboolean
sam_database_check_integrity (SamDatabase  *self,
                              GError      **error)
{
  g_return_val_if_fail (SAM_IS_DATABASE (self), FALSE);

  /* Commit what the WAL holds, so the check covers every page. */
  if (!_sam_database_ensure_open (self, error) ||
      !_sam_database_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", error))
    return FALSE;

  return check_cipher_integrity (self, error) && check_sqlite_integrity (self, error);
}

guint
sam_database_get_latest_schema_version (void)
{
  return _sam_schema_get_latest_version ();
}

/**
 * sam_database_default_path:
 *
 * Returns: (transfer full): `$SAMVERKA_DATABASE`, or
 *   `$XDG_DATA_HOME/samverka/samverka.db`
 */
char *
sam_database_default_path (void)
{
  const char *env = g_getenv ("SAMVERKA_DATABASE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "samverka", "samverka.db", NULL);
}

/**
 * _sam_database_copy_to:
 * @self: an open database
 * @destination: a path that does not exist yet
 * @out_salt: (out): the copy's encryption salt, in hex
 * @error: return location for a #GError
 *
 * Copies every page into a new file encrypted with the same key, using
 * SQLite's online backup API between two connections with the same cipher
 * settings. Nothing unencrypted is written on the way.
 *
 * Returns: %TRUE on success
 */
gboolean
_sam_database_copy_to (SamDatabase  *self,
                       const char   *destination,
                       char        **out_salt,
                       GError      **error)
{
  sqlite3 *copy;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (SAM_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  if (!_sam_database_ensure_open (self, error))
    return FALSE;

  copy = open_keyed_handle (destination, self->key,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (copy == NULL)
    return FALSE;

  sqlite3_exec (copy, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
  backup = sqlite3_backup_init (copy, "main", self->handle, "main");
  if (backup == NULL)
    {
      set_error_for_rc (error, sqlite3_errcode (copy), destination, sqlite3_errmsg (copy));
      sqlite3_close_v2 (copy);
      return FALSE;
    }

  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      set_error_for_rc (error, rc, destination, sqlite3_errstr (rc));
      sqlite3_close_v2 (copy);
      return FALSE;
    }

  *out_salt = query_text (copy, "PRAGMA cipher_salt");
  sqlite3_close_v2 (copy);

  if (*out_salt == NULL)
    {
      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_FAILED,
                   _("The database “%s” has no encryption salt."), destination);
      return FALSE;
    }

  return TRUE;
}
