/* sam-checkpointer.c: WAL checkpoints off the committing thread
 *
 * In WAL mode SQLite copies the log back into the database file once it
 * holds 1 000 pages, and does it in the commit that crosses that line,
 * with an fsync of the file: on the UI thread when the UI thread commits,
 * such as the audit row of opening a case. The frame bench at 100 000
 * persons measured that checkpoint at 22 ms, a frame and more, and at 2.3 s
 * on a file with much unwritten data in the page cache.
 *
 * So the database's connection hands the checkpoint to a thread of its
 * own, with a connection of its own to the same file. Its wal hook replaces
 * SQLite's automatic checkpoint: when a commit leaves the log at 1 000
 * pages or more and no checkpoint is running, it starts one and returns at
 * once. The thread runs a PASSIVE checkpoint, which copies what no reader
 * still needs and never waits for a lock, so it holds up neither the
 * connection's readers nor its writers; the connection's mutex is not
 * taken. A log it could not finish is taken up by the next commit's hook.
 *
 * The second connection is opened the first time it is needed, in the
 * thread, with the same raw key (no key derivation); the checkpointer keeps
 * a copy of the key, wiped when it is freed. If the thread cannot start or
 * the connection cannot be opened, the hook checkpoints on the committing
 * thread, as SQLite would have.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-database"

#include "config.h"

#include "sam-checkpointer.h"

#include "sam-database-private.h"

/* SQLite's own threshold for its automatic checkpoint. */
#define CHECKPOINT_PAGES 1000

struct _SamCheckpointer
{
  sqlite3   *handle;        /* the database's connection; not owned */
  char      *path;
  SamSecret *key;           /* NULL for a plain file (the benchmark's copy) */

  GThread   *thread;        /* the last one started; joined before the next */
  gint       running;       /* atomic: a checkpoint is under way */
  sqlite3   *own;           /* the thread's connection, opened on first use */
  gboolean   own_failed;    /* opening it failed: checkpoint inline from then on */

  guint      n_background;  /* atomic */
  guint      n_inline;      /* atomic */
};

static gboolean force_inline;

/**
 * _sam_checkpointer_set_inline:
 * @inline_only: whether to checkpoint on the committing thread
 *
 * For tests: the path taken when no thread can be started.
 */
void
_sam_checkpointer_set_inline (gboolean inline_only)
{
  g_atomic_int_set (&force_inline, inline_only);
}

static gpointer
checkpoint_thread (gpointer data)
{
  SamCheckpointer *self = data;
  g_autoptr(GError) error = NULL;

  if (self->own == NULL && !self->own_failed)
    {
      self->own = _sam_database_open_side_handle (self->path, self->key, SQLITE_OPEN_READWRITE, &error);
      /* Domain and code only: the message names the file. */
      if (self->own == NULL)
        g_debug ("No connection for checkpoints (%s %d); checkpointing on commit",
                 g_quark_to_string (error->domain), error->code);
      self->own_failed = self->own == NULL;
    }

  if (self->own != NULL)
    {
      sqlite3_wal_checkpoint_v2 (self->own, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      g_atomic_int_inc (&self->n_background);
    }

  g_atomic_int_set (&self->running, 0);
  return NULL;
}

static void
checkpoint_inline (SamCheckpointer *self,
                   sqlite3         *handle,
                   const char      *name)
{
  sqlite3_wal_checkpoint_v2 (handle, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  g_atomic_int_inc (&self->n_inline);
}

/* Runs on the committing thread, after each commit, inside SQLite's own
 * lock of @handle; it must return quickly and leave @handle alone, but for
 * the inline fallback, which is what SQLite's default hook does. */
static int
wal_hook_cb (void       *data,
             sqlite3    *handle,
             const char *name,
             int         n_pages)
{
  SamCheckpointer *self = data;

  if (n_pages < CHECKPOINT_PAGES || !g_atomic_int_compare_and_exchange (&self->running, 0, 1))
    return SQLITE_OK;

  if (self->own_failed || g_atomic_int_get (&force_inline))
    {
      checkpoint_inline (self, handle, name);
      g_atomic_int_set (&self->running, 0);
      return SQLITE_OK;
    }

  /* The last thread has finished (running was 0): joining it is at once. */
  g_clear_pointer (&self->thread, g_thread_join);
  self->thread = g_thread_try_new ("sam-checkpoint", checkpoint_thread, self, NULL);
  if (self->thread == NULL)
    {
      checkpoint_inline (self, handle, name);
      g_atomic_int_set (&self->running, 0);
    }

  return SQLITE_OK;
}

/**
 * _sam_checkpointer_new:
 * @handle: the database's connection, in WAL mode
 * @path: its file
 * @key: (nullable): its raw data key; %NULL for a plain file
 *
 * Takes over @handle's checkpoints until _sam_checkpointer_free(), which
 * must come before @handle is closed.
 *
 * Returns: (transfer full): the checkpointer
 */
SamCheckpointer *
_sam_checkpointer_new (sqlite3         *handle,
                       const char      *path,
                       const SamSecret *key)
{
  SamCheckpointer *self = g_new0 (SamCheckpointer, 1);

  self->handle = handle;
  self->path = g_strdup (path);
  self->key = key != NULL ? sam_secret_copy (key) : NULL;
  sqlite3_wal_hook (handle, wal_hook_cb, self);

  return self;
}

/**
 * _sam_checkpointer_free:
 * @self: a checkpointer
 *
 * Waits for a checkpoint under way, closes the second connection, wipes
 * the key and gives the connection's checkpoints back to SQLite.
 */
void
_sam_checkpointer_free (SamCheckpointer *self)
{
  sqlite3_wal_hook (self->handle, NULL, NULL);
  sqlite3_wal_autocheckpoint (self->handle, CHECKPOINT_PAGES);
  g_clear_pointer (&self->thread, g_thread_join);
  if (self->own != NULL)
    sqlite3_close_v2 (self->own);
  g_clear_pointer (&self->key, sam_secret_free);
  g_free (self->path);
  g_free (self);
}

/**
 * _sam_checkpointer_get_counts:
 * @self: a checkpointer
 * @out_background: (out): checkpoints run on its own thread
 * @out_inline: (out): checkpoints run on a committing thread
 *
 * For tests.
 */
void
_sam_checkpointer_get_counts (SamCheckpointer *self,
                              guint           *out_background,
                              guint           *out_inline)
{
  *out_background = (guint) g_atomic_int_get (&self->n_background);
  *out_inline = (guint) g_atomic_int_get (&self->n_inline);
}
