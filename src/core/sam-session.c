/* sam-session.c
 *
 * A session is one signed-in user on one unlocked database. Every store
 * call takes it, so that the policy always knows who is asking.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-session"

#include "config.h"

#include "sam-session.h"

#include <glib/gi18n-lib.h>

#include "sam-database-private.h"
#include "sam-directory.h"
#include "sam-error.h"

struct _SamSession
{
  GObject        parent_instance;

  SamDatabase   *database;
  gint64         user_id;
  char          *user_name;
  char          *display_name;
  SamRole        role;
  gint64         agency_id;
  char          *agency_name;
  SamAgencyKind  agency_kind;
  guint          failed_attempts;
  gboolean       must_change_passphrase;

  /* Held by work that uses the connection and the key from a thread, so
   * that locking waits for it instead of pulling both from under it. */
  GMutex         operation_mutex;
};

enum {
  PROP_0,
  PROP_LOCKED,
  PROP_MUST_CHANGE_PASSPHRASE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (SamSession, sam_session, G_TYPE_OBJECT)

typedef struct
{
  char      *database_path;
  char      *user_name;
  SamSecret *passphrase;
} UnlockData;

static void
unlock_data_free (UnlockData *data)
{
  g_free (data->database_path);
  g_free (data->user_name);
  sam_secret_free (data->passphrase);
  g_free (data);
}

static gboolean
load_user (SamSession   *self,
           const char   *user_name,
           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (self->database,
                                "SELECT u.id, u.display_name, u.role, u.agency_id, a.name, a.kind,"
                                "       u.disabled, u.must_change_passphrase"
                                "  FROM users u JOIN agencies a ON a.id = u.agency_id"
                                " WHERE u.name = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, user_name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_UNKNOWN_USER,
                   _("There is no user “%s” in this database."), user_name);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      _sam_database_set_error (self->database, error, rc, _("Reading the user"));
      return FALSE;
    }

  if (sqlite3_column_int (stmt, 6) != 0)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_DISABLED,
                   _("The account “%s” is disabled. Ask your administrator."), user_name);
      return FALSE;
    }

  self->user_id = sqlite3_column_int64 (stmt, 0);
  self->user_name = g_strdup (user_name);
  self->display_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  self->agency_id = sqlite3_column_int64 (stmt, 3);
  self->agency_name = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  self->must_change_passphrase = sqlite3_column_int (stmt, 7) != 0;

  if (!sam_role_from_string ((const char *) sqlite3_column_text (stmt, 2), &self->role) ||
      !sam_agency_kind_from_string ((const char *) sqlite3_column_text (stmt, 5), &self->agency_kind))
    {
      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_INTEGRITY,
                   _("The user “%s” has an unknown role or agency kind."), user_name);
      return FALSE;
    }

  return TRUE;
}

/* The failed attempts the key file counted since the last unlock are
 * written now, the first moment the log can be written. */
static gboolean
audit_login (SamSession  *self,
             GError     **error)
{
  g_autofree char *attempts = g_strdup_printf ("attempts:%u", self->failed_attempts);
  SamAuditEvent failed = {
    .action = SAM_AUDIT_LOGIN_FAILED,
    .object_type = "user",
    .object_id = self->user_id,
    .reason = attempts,
    .outcome = SAM_AUDIT_OUTCOME_FAILED,
  };
  SamAuditEvent login = {
    .action = SAM_AUDIT_LOGIN,
    .object_type = "user",
    .object_id = self->user_id,
    .outcome = SAM_AUDIT_OUTCOME_OK,
  };

  if (!_sam_database_begin (self->database, error))
    return FALSE;

  if ((self->failed_attempts > 0 && !_sam_audit_append (self->database, self, &failed, error)) ||
      !_sam_audit_append (self->database, self, &login, error) ||
      !_sam_database_commit (self->database, error))
    {
      _sam_database_rollback (self->database);
      sam_database_close (self->database);
      return FALSE;
    }

  return TRUE;
}

static void
audit_lock (SamSession *self)
{
  g_autoptr(GError) error = NULL;
  SamAuditEvent lock = {
    .action = SAM_AUDIT_LOCK,
    .object_type = "user",
    .object_id = self->user_id,
    .outcome = SAM_AUDIT_OUTCOME_OK,
  };

  if (!_sam_database_begin (self->database, &error) ||
      !_sam_audit_append (self->database, self, &lock, &error) ||
      !_sam_database_commit (self->database, &error))
    {
      _sam_database_rollback (self->database);
      g_warning ("Could not log the lock: %s", error->message);
    }

  _sam_audit_log_head (self->database);
}

static void
unlock_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  UnlockData *data = task_data;
  g_autoptr(GError) error = NULL;
  SamSession *session;

  session = sam_session_unlock (data->database_path, data->user_name, data->passphrase, &error);
  if (session == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, session, g_object_unref);
}

static gboolean change_passphrase_locked (SamSession       *self,
                                          const SamSecret  *new_passphrase,
                                          GError          **error);

static gboolean
change_passphrase_guarded (SamSession       *self,
                           const SamSecret  *new_passphrase,
                           GError          **error)
{
  gboolean changed;

  g_mutex_lock (&self->operation_mutex);
  changed = change_passphrase_locked (self, new_passphrase, error);
  g_mutex_unlock (&self->operation_mutex);

  return changed;
}

/* On the main thread, where property notifications belong. */
static void
passphrase_changed (SamSession *self)
{
  if (self->must_change_passphrase)
    {
      self->must_change_passphrase = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MUST_CHANGE_PASSPHRASE]);
    }
}

static void
change_passphrase_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (!change_passphrase_guarded (source_object, task_data, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
sam_session_dispose (GObject *object)
{
  SamSession *self = (SamSession *)object;

  if (self->database != NULL && !sam_session_is_locked (self))
    sam_session_lock (self);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (sam_session_parent_class)->dispose (object);
}

static void
sam_session_finalize (GObject *object)
{
  SamSession *self = (SamSession *)object;

  g_clear_pointer (&self->user_name, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->agency_name, g_free);
  g_mutex_clear (&self->operation_mutex);

  G_OBJECT_CLASS (sam_session_parent_class)->finalize (object);
}

static void
sam_session_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SamSession *self = SAM_SESSION (object);

  switch (prop_id)
    {
    case PROP_LOCKED:
      g_value_set_boolean (value, sam_session_is_locked (self));
      break;

    case PROP_MUST_CHANGE_PASSPHRASE:
      g_value_set_boolean (value, self->must_change_passphrase);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_session_class_init (SamSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sam_session_dispose;
  object_class->finalize = sam_session_finalize;
  object_class->get_property = sam_session_get_property;

  properties [PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_MUST_CHANGE_PASSPHRASE] =
    g_param_spec_boolean ("must-change-passphrase", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sam_session_init (SamSession *self)
{
  g_mutex_init (&self->operation_mutex);
}

SamSession *
_sam_session_new (SamDatabase  *database,
                  const char   *user_name,
                  guint         failed_attempts,
                  GError      **error)
{
  g_autoptr(SamSession) self = NULL;

  g_return_val_if_fail (SAM_IS_DATABASE (database), NULL);
  g_return_val_if_fail (user_name != NULL, NULL);

  self = g_object_new (SAM_TYPE_SESSION, NULL);
  self->database = g_object_ref (database);
  self->failed_attempts = failed_attempts;

  if (!load_user (self, user_name, error))
    {
      /* The database is ours alone here; don't leave it open. */
      sam_database_close (self->database);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * _sam_session_sign_in:
 * @database: an open database
 * @user_name: the user whose slot opened it
 * @failed_attempts: failed attempts the key file counted before
 * @error: return location for a #GError
 *
 * What sam_session_unlock() does once the database is open: reads the
 * user and writes the LOGIN row. The benchmark calls it on a database it
 * opened itself, to time the unlock without the key derivation.
 *
 * Returns: (transfer full): the session, or %NULL
 */
SamSession *
_sam_session_sign_in (SamDatabase  *database,
                      const char   *user_name,
                      guint         failed_attempts,
                      GError      **error)
{
  g_autoptr(SamSession) session = _sam_session_new (database, user_name, failed_attempts, error);

  if (session == NULL || !audit_login (session, error))
    return NULL;

  return g_steal_pointer (&session);
}

/**
 * sam_session_unlock:
 * @database_path: the database file
 * @user_name: who signs in
 * @passphrase: their passphrase
 * @error: return location for a #GError
 *
 * Unlocks the database with the user's key slot and signs them in. This
 * runs Argon2id, which takes about a second: call it from a thread, or use
 * sam_session_unlock_async().
 *
 * Returns: (transfer full): the session, or %NULL
 */
SamSession *
sam_session_unlock (const char       *database_path,
                    const char       *user_name,
                    const SamSecret  *passphrase,
                    GError          **error)
{
  g_autoptr(SamDatabase) database = NULL;
  guint failed = 0;

  g_return_val_if_fail (database_path != NULL, NULL);
  g_return_val_if_fail (user_name != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  if (!sam_directory_validate_user_name (user_name, error))
    return NULL;

  database = sam_database_open (database_path, user_name, passphrase, &failed, error);
  if (database == NULL)
    return NULL;

  return _sam_session_sign_in (database, user_name, failed, error);
}

void
sam_session_unlock_async (const char          *database_path,
                          const char          *user_name,
                          const SamSecret     *passphrase,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  UnlockData *data;

  g_return_if_fail (database_path != NULL);
  g_return_if_fail (user_name != NULL);
  g_return_if_fail (passphrase != NULL);

  data = g_new0 (UnlockData, 1);
  data->database_path = g_strdup (database_path);
  data->user_name = g_strdup (user_name);
  data->passphrase = sam_secret_copy (passphrase);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sam_session_unlock_async);
  g_task_set_task_data (task, data, (GDestroyNotify) unlock_data_free);
  g_task_run_in_thread (task, unlock_thread);
}

SamSession *
sam_session_unlock_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sam_session_unlock_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sam_session_lock:
 * @self: a #SamSession
 *
 * Closes the database and wipes the key. The session cannot be used again;
 * unlocking starts over with a new one.
 */
void
sam_session_lock (SamSession *self)
{
  g_return_if_fail (SAM_IS_SESSION (self));

  g_mutex_lock (&self->operation_mutex);
  if (sam_session_is_locked (self))
    {
      g_mutex_unlock (&self->operation_mutex);
      return;
    }

  audit_lock (self);
  sam_database_close (self->database);
  g_mutex_unlock (&self->operation_mutex);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOCKED]);
}

gboolean
sam_session_is_locked (SamSession *self)
{
  g_return_val_if_fail (SAM_IS_SESSION (self), TRUE);

  return self->database == NULL || !sam_database_is_open (self->database);
}

SamDatabase *
sam_session_get_database (SamSession *self)
{
  g_return_val_if_fail (SAM_IS_SESSION (self), NULL);

  return self->database;
}

gint64
sam_session_get_user_id (SamSession *self)
{
  g_return_val_if_fail (SAM_IS_SESSION (self), 0);

  return self->user_id;
}

const char *
sam_session_get_user_name (SamSession *self)
{
  g_return_val_if_fail (SAM_IS_SESSION (self), NULL);

  return self->user_name;
}

const char *
sam_session_get_display_name (SamSession *self)
{
  g_return_val_if_fail (SAM_IS_SESSION (self), NULL);

  return self->display_name;
}

SamRole
sam_session_get_role (SamSession *self)
{
  g_return_val_if_fail (SAM_IS_SESSION (self), SAM_ROLE_SCHOOL);

  return self->role;
}

gint64
sam_session_get_agency_id (SamSession *self)
{
  g_return_val_if_fail (SAM_IS_SESSION (self), 0);

  return self->agency_id;
}

const char *
sam_session_get_agency_name (SamSession *self)
{
  g_return_val_if_fail (SAM_IS_SESSION (self), NULL);

  return self->agency_name;
}

SamAgencyKind
sam_session_get_agency_kind (SamSession *self)
{
  g_return_val_if_fail (SAM_IS_SESSION (self), SAM_AGENCY_KIND_SCHOOL);

  return self->agency_kind;
}

/**
 * sam_session_get_failed_attempts:
 * @self: a #SamSession
 *
 * Returns: the failed unlock attempts on this user's slot between their
 *   previous successful unlock and this one
 */
guint
sam_session_get_failed_attempts (SamSession *self)
{
  g_return_val_if_fail (SAM_IS_SESSION (self), 0);

  return self->failed_attempts;
}

gboolean
sam_session_get_must_change_passphrase (SamSession *self)
{
  g_return_val_if_fail (SAM_IS_SESSION (self), FALSE);

  return self->must_change_passphrase;
}

gboolean
sam_session_is_demo (SamSession *self)
{
  g_return_val_if_fail (SAM_IS_SESSION (self), FALSE);

  return self->database != NULL && sam_database_is_demo (self->database);
}

static gboolean
change_passphrase_locked (SamSession       *self,
                          const SamSecret  *new_passphrase,
                          GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  SamKdfParams params = _sam_database_new_slot_params (self->database);
  SamKeyslotFile *keyslots;

  if (!_sam_database_begin (self->database, error))
    return FALSE;

  stmt = _sam_database_prepare (self->database,
                                "UPDATE users SET must_change_passphrase = 0 WHERE id = ?1", error);
  keyslots = stmt != NULL ? _sam_database_reload_keyslots (self->database, error) : NULL;
  if (keyslots == NULL ||
      !sam_keyslot_file_set_slot (keyslots, self->user_name, new_passphrase,
                                  sam_database_get_key (self->database), &params, error))
    {
      _sam_database_rollback (self->database);
      return FALSE;
    }

  sqlite3_bind_int64 (stmt, 1, self->user_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _sam_database_set_error (self->database, error,
                               sqlite3_errcode (_sam_database_get_handle (self->database)),
                               _("Changing the passphrase"));
      _sam_database_rollback (self->database);
      return FALSE;
    }

  {
    SamAuditEvent event = {
      .action = SAM_AUDIT_USER_CHANGE,
      .object_type = "user",
      .object_id = self->user_id,
      .reason = "passphrase_changed",
      .outcome = SAM_AUDIT_OUTCOME_OK,
    };

    if (!_sam_audit_append (self->database, self, &event, error))
      {
        _sam_database_rollback (self->database);
        return FALSE;
      }
  }

  /* The key file is saved last, inside the transaction: if saving fails, the
   * flag stays set and the old passphrase keeps working. */
  if (!sam_keyslot_file_save (keyslots, error) ||
      !_sam_database_commit (self->database, error))
    {
      _sam_database_rollback (self->database);
      return FALSE;
    }

  return TRUE;
}

/**
 * sam_session_change_passphrase:
 * @self: a #SamSession
 * @new_passphrase: the new passphrase
 * @error: return location for a #GError
 *
 * Re-wraps the signed-in user's own key slot under @new_passphrase and
 * clears the one-time flag. The other slots are untouched.
 *
 * Returns: %TRUE on success
 */
gboolean
sam_session_change_passphrase (SamSession       *self,
                               const SamSecret  *new_passphrase,
                               GError          **error)
{
  gboolean changed;

  g_return_val_if_fail (SAM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (new_passphrase != NULL, FALSE);

  changed = change_passphrase_guarded (self, new_passphrase, error);
  if (changed)
    passphrase_changed (self);

  return changed;
}

void
sam_session_change_passphrase_async (SamSession          *self,
                                     const SamSecret     *new_passphrase,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SAM_IS_SESSION (self));
  g_return_if_fail (new_passphrase != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sam_session_change_passphrase_async);
  g_task_set_task_data (task, sam_secret_copy (new_passphrase), (GDestroyNotify) sam_secret_free);
  g_task_run_in_thread (task, change_passphrase_thread);
}

gboolean
sam_session_change_passphrase_finish (SamSession    *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (SAM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  passphrase_changed (self);
  return TRUE;
}
