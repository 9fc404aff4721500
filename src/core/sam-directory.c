/* sam-directory.c: users and agencies
 *
 * A user is a row in the database and a slot in the key file. The two are
 * changed inside one write transaction; the key file is saved just before
 * the commit, so a failure at any point leaves neither changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-directory"

#include "config.h"

#include "sam-directory.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sam-database-private.h"
#include "sam-error.h"
#include "sam-policy.h"

#define NAME_MAX_CHARS         120
#define AREA_MAX_CHARS         80
#define USER_NAME_MAX_CHARS    64

#define AGENCY_COLUMNS "a.id, a.name, a.kind, r.name"
#define AGENCY_FROM    " FROM agencies a LEFT JOIN areas r ON r.id = a.area_id"
#define USER_COLUMNS   "u.id, u.name, u.display_name, u.role, u.agency_id, a.name, " \
                       "u.disabled, u.must_change_passphrase"
#define USER_FROM      " FROM users u JOIN agencies a ON a.id = u.agency_id"

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
has_control_characters (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}

/* A single line of text, trimmed, within the limits. */
static gboolean
validate_text (const char  *text,
               guint        max_chars,
               const char  *message,
               GError     **error)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL) || has_control_characters (text))
    return invalid (error, message);

  if (*text == '\0' || g_unichar_isspace (g_utf8_get_char (text)) ||
      g_utf8_strlen (text, -1) > max_chars)
    return invalid (error, message);

  if (g_unichar_isspace (g_utf8_get_char (g_utf8_find_prev_char (text, text + strlen (text)))))
    return invalid (error, message);

  return TRUE;
}

static gboolean
role_fits_agency (SamRole       role,
                  SamAgencyKind kind)
{
  switch (role)
    {
    case SAM_ROLE_SCHOOL:
      return kind == SAM_AGENCY_KIND_SCHOOL;
    case SAM_ROLE_LEISURE:
      return kind == SAM_AGENCY_KIND_LEISURE;
    case SAM_ROLE_POLICE:
      return kind == SAM_AGENCY_KIND_POLICE;
    case SAM_ROLE_SOCIAL:
    case SAM_ROLE_COORDINATOR:
      return kind == SAM_AGENCY_KIND_SOCIAL_SERVICES;
    case SAM_ROLE_MANAGER:
    case SAM_ROLE_ADMIN:
    case SAM_N_ROLES:
    default:
      return TRUE;
    }
}

static gboolean
audit (SamSession      *session,
       SamAuditAction   action,
       const char      *object_type,
       gint64           object_id,
       const char      *reason,
       GError         **error)
{
  SamAuditEvent event = {
    .action = action,
    .object_type = object_type,
    .object_id = object_id,
    .reason = reason,
    .outcome = SAM_AUDIT_OUTCOME_OK,
  };

  return _sam_audit_append (sam_session_get_database (session), session, &event, error);
}

static SamAgency *
agency_from_row (sqlite3_stmt *stmt)
{
  SamAgency *agency = g_new0 (SamAgency, 1);

  agency->id = sqlite3_column_int64 (stmt, 0);
  agency->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  if (!sam_agency_kind_from_string ((const char *) sqlite3_column_text (stmt, 2), &agency->kind))
    agency->kind = SAM_AGENCY_KIND_ADMINISTRATION;
  agency->area = g_strdup ((const char *) sqlite3_column_text (stmt, 3));

  return agency;
}

static SamUser *
user_from_row (sqlite3_stmt *stmt)
{
  SamUser *user = g_new0 (SamUser, 1);

  user->id = sqlite3_column_int64 (stmt, 0);
  user->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  user->display_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  if (!sam_role_from_string ((const char *) sqlite3_column_text (stmt, 3), &user->role))
    user->role = SAM_ROLE_SCHOOL;
  user->agency_id = sqlite3_column_int64 (stmt, 4);
  user->agency_name = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  user->disabled = sqlite3_column_int (stmt, 6) != 0;
  user->must_change_passphrase = sqlite3_column_int (stmt, 7) != 0;

  return user;
}

static SamDatabase *
database_of (SamSession *session)
{
  return sam_session_get_database (session);
}

static gboolean
step_done (SamSession    *session,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (session), error, rc, what);
      return FALSE;
    }

  return TRUE;
}

static SamUser *
find_user (SamSession  *session,
           const char  *name,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT " USER_COLUMNS USER_FROM " WHERE u.name = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return user_from_row (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
                 _("User name: there is no user “%s”."), name);
  else
    _sam_database_set_error (database_of (session), error, rc, _("Reading a user"));

  return NULL;
}

static gboolean
ensure_area (SamSession  *session,
             const char  *area,
             gint64      *out_area_id,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) select = NULL;

  insert = _sam_database_prepare (database_of (session),
                                  "INSERT OR IGNORE INTO areas (name) VALUES (?1)", error);
  select = insert != NULL ? _sam_database_prepare (database_of (session),
                                                   "SELECT id FROM areas WHERE name = ?1", error)
                          : NULL;
  if (select == NULL)
    return FALSE;

  sqlite3_bind_text (insert, 1, area, -1, SQLITE_TRANSIENT);
  if (!step_done (session, insert, _("Adding an area"), error))
    return FALSE;

  sqlite3_bind_text (select, 1, area, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (select) != SQLITE_ROW)
    {
      _sam_database_set_error (database_of (session), error,
                               sqlite3_errcode (_sam_database_get_handle (database_of (session))),
                               _("Reading an area"));
      return FALSE;
    }

  *out_area_id = sqlite3_column_int64 (select, 0);
  return TRUE;
}

static gboolean
insert_agency (SamSession    *session,
               const char    *name,
               SamAgencyKind  kind,
               const char    *area,
               gint64        *out_id,
               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 area_id = 0;
  int rc;

  if (area != NULL && !ensure_area (session, area, &area_id, error))
    return FALSE;

  stmt = _sam_database_prepare (database_of (session),
                                "INSERT INTO agencies (name, kind, area_id) VALUES (?1, ?2, ?3)",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, sam_agency_kind_to_string (kind), -1, SQLITE_STATIC);
  if (area != NULL)
    sqlite3_bind_int64 (stmt, 3, area_id);
  else
    sqlite3_bind_null (stmt, 3);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_EXISTS,
                   _("Agency name: there is already an agency called “%s”."), name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Adding an agency"));
      return FALSE;
    }

  *out_id = sqlite3_last_insert_rowid (_sam_database_get_handle (database_of (session)));
  return TRUE;
}

static gboolean
insert_user (SamSession  *session,
             const char  *name,
             const char  *display_name,
             SamRole      role,
             gint64       agency_id,
             gboolean     must_change,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (session),
                                "INSERT INTO users (name, display_name, role, agency_id,"
                                "                   must_change_passphrase)"
                                " VALUES (?1, ?2, ?3, ?4, ?5)",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, display_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, sam_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, agency_id);
  sqlite3_bind_int (stmt, 5, must_change ? 1 : 0);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_EXISTS,
                   _("User name: there is already a user called “%s”."), name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Adding a user"));
      return FALSE;
    }

  return TRUE;
}

/* Writes @name's slot, under @passphrase or a fresh one-time passphrase,
 * and saves the key file. Runs inside the caller's transaction. */
static gboolean
write_slot (SamSession       *session,
            const char       *name,
            const SamSecret  *passphrase,
            SamSecret       **out_one_time_passphrase,
            GError          **error)
{
  SamDatabase *database = database_of (session);
  g_autoptr(SamSecret) generated = NULL;
  SamKdfParams params = _sam_database_new_slot_params (database);
  SamKeyslotFile *keyslots;

  if (passphrase == NULL)
    passphrase = generated = sam_directory_generate_passphrase ();

  keyslots = _sam_database_reload_keyslots (database, error);
  if (keyslots == NULL ||
      !sam_keyslot_file_set_slot (keyslots, name, passphrase,
                                  sam_database_get_key (database), &params, error) ||
      !sam_keyslot_file_save (keyslots, error))
    return FALSE;

  if (out_one_time_passphrase != NULL && generated != NULL)
    *out_one_time_passphrase = g_steal_pointer (&generated);

  return TRUE;
}

static gboolean
set_user_flags (SamSession  *session,
                gint64       user_id,
                const char  *sql,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _sam_database_prepare (database_of (session), sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, user_id);

  return step_done (session, stmt, _("Changing a user"), error);
}

static gboolean
validate_new_user (const char     *name,
                   const char     *display_name,
                   SamRole         role,
                   const SamAgency *agency,
                   GError        **error)
{
  if (!sam_directory_validate_user_name (name, error))
    return FALSE;

  if (!validate_text (display_name, NAME_MAX_CHARS,
                      _("Display name: write between 1 and 120 characters on one line, "
                        "without spaces at the ends."), error))
    return FALSE;

  if (!role_fits_agency (role, agency->kind))
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                   _("Agency: a user with the role “%s” cannot belong to “%s”, which is of "
                     "the kind “%s”."),
                   sam_role_get_label (role), agency->name, sam_agency_kind_get_label (agency->kind));
      return FALSE;
    }

  return TRUE;
}

static gboolean
set_role (SamSession  *session,
          gint64       user_id,
          SamRole      role,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _sam_database_prepare (database_of (session),
                                                        "UPDATE users SET role = ?2 WHERE id = ?1",
                                                        error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, sam_role_to_string (role), -1, SQLITE_STATIC);

  return step_done (session, stmt, _("Changing a user"), error);
}

/* A disabled account stays as it was; the new role must fit the agency. */
static gboolean
check_role_change (SamSession     *session,
                   const SamUser  *user,
                   SamRole         role,
                   GError        **error)
{
  g_autoptr(SamAgency) agency = NULL;
  g_autofree char *agency_id = NULL;

  if (user->disabled)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                   _("User name: the account “%s” is disabled."), user->name);
      return FALSE;
    }

  agency_id = g_strdup_printf ("%" G_GINT64_FORMAT, user->agency_id);
  agency = sam_directory_find_agency (session, agency_id, error);
  if (agency == NULL)
    return FALSE;

  if (!role_fits_agency (role, agency->kind))
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                   _("Role: a user of “%s”, which is of the kind “%s”, cannot have the role “%s”."),
                   agency->name, sam_agency_kind_get_label (agency->kind), sam_role_get_label (role));
      return FALSE;
    }

  return TRUE;
}

static gboolean
insert_area (SamSession  *session,
             const char  *name,
             gint64      *out_id,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _sam_database_prepare (database_of (session),
                                                        "INSERT INTO areas (name) VALUES (?1)",
                                                        error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_EXISTS,
                   _("Area name: there is already an area called “%s”."), name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Adding an area"));
      return FALSE;
    }

  *out_id = sqlite3_last_insert_rowid (_sam_database_get_handle (database_of (session)));
  return TRUE;
}

/* Public API --------------------------------------------------------------- */

void
sam_agency_free (SamAgency *agency)
{
  if (agency == NULL)
    return;

  g_free (agency->name);
  g_free (agency->area);
  g_free (agency);
}

void
sam_user_free (SamUser *user)
{
  if (user == NULL)
    return;

  g_free (user->name);
  g_free (user->display_name);
  g_free (user->agency_name);
  g_free (user);
}

/**
 * sam_directory_validate_user_name:
 * @name: a proposed user name
 * @error: return location for a #GError
 *
 * User names are 2–64 characters: lowercase ASCII letters, digits, dots,
 * dashes and underscores, starting with a letter.
 *
 * Returns: %TRUE when @name is valid
 */
gboolean
sam_directory_validate_user_name (const char  *name,
                                  GError     **error)
{
  gsize length = name != NULL ? strlen (name) : 0;
  gboolean valid = length >= 2 && length <= USER_NAME_MAX_CHARS && g_ascii_islower (name[0]);

  for (gsize i = 1; valid && i < length; i++)
    valid = g_ascii_islower (name[i]) || g_ascii_isdigit (name[i]) ||
            name[i] == '.' || name[i] == '-' || name[i] == '_';

  if (!valid)
    return invalid (error, _("User name: use 2 to 64 lowercase letters (a–z), digits, dots, "
                             "dashes or underscores, starting with a letter."));

  return TRUE;
}

/**
 * sam_directory_generate_passphrase:
 *
 * Returns: (transfer full): a random one-time passphrase such as
 *   `k7dp-2mxq-9rtf-hw3c` (80 bits)
 */
SamSecret *
sam_directory_generate_passphrase (void)
{
  return sam_secret_new_code (4, FALSE);
}

GPtrArray *
sam_directory_list_agencies (SamSession  *session,
                             GError     **error)
{
  g_autoptr(GPtrArray) agencies = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_agency_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);

  if (!sam_policy_check (session, SAM_OPERATION_AGENCY_LIST, error))
    return NULL;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT " AGENCY_COLUMNS AGENCY_FROM " ORDER BY a.name", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (agencies, agency_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Listing agencies"));
      return NULL;
    }

  return g_steal_pointer (&agencies);
}

/**
 * sam_directory_find_agency:
 * @session: the signed-in user
 * @id_or_name: an agency's numeric id or its exact name
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the agency, or %NULL with
 *   %SAM_STORE_ERROR_NOT_FOUND
 */
SamAgency *
sam_directory_find_agency (SamSession  *session,
                           const char  *id_or_name,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint64 id = 0;
  int rc;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (id_or_name != NULL, NULL);

  if (!sam_policy_check (session, SAM_OPERATION_AGENCY_LIST, error))
    return NULL;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT " AGENCY_COLUMNS AGENCY_FROM
                                " WHERE a.id = ?1 OR a.name = ?2 ORDER BY a.id = ?1 DESC LIMIT 1",
                                error);
  if (stmt == NULL)
    return NULL;

  if (g_ascii_string_to_unsigned (id_or_name, 10, 1, G_MAXINT64, &id, NULL))
    sqlite3_bind_int64 (stmt, 1, (gint64) id);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_text (stmt, 2, id_or_name, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return agency_from_row (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
                 _("Agency: there is no agency “%s”. Name it by its id or its exact name."),
                 id_or_name);
  else
    _sam_database_set_error (database_of (session), error, rc, _("Finding an agency"));

  return NULL;
}

/**
 * sam_directory_add_agency:
 * @session: the signed-in administrator
 * @name: the agency's name, such as "Ekholmsskolan"
 * @kind: what kind of agency it is
 * @area: (nullable): the district it works in
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the new agency, or %NULL
 */
SamAgency *
sam_directory_add_agency (SamSession    *session,
                          const char    *name,
                          SamAgencyKind  kind,
                          const char    *area,
                          GError       **error)
{
  SamDatabase *database;
  gint64 id = 0;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (kind < SAM_N_AGENCY_KINDS, NULL);

  if (!sam_policy_check (session, SAM_OPERATION_AGENCY_ADD, error))
    return NULL;

  if (!validate_text (name, NAME_MAX_CHARS,
                      _("Agency name: write between 1 and 120 characters on one line, "
                        "without spaces at the ends."), error) ||
      (area != NULL &&
       !validate_text (area, AREA_MAX_CHARS,
                       _("Area: write between 1 and 80 characters on one line, "
                         "without spaces at the ends."), error)))
    return NULL;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  if (!insert_agency (session, name, kind, area, &id, error) ||
      !audit (session, SAM_AUDIT_CREATE, "agency", id, NULL, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return sam_directory_find_agency (session, name, error);
}

GPtrArray *
sam_directory_list_users (SamSession  *session,
                          GError     **error)
{
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_user_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);

  if (!sam_policy_check (session, SAM_OPERATION_USER_LIST, error))
    return NULL;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT " USER_COLUMNS USER_FROM " ORDER BY u.name", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (users, user_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Listing users"));
      return NULL;
    }

  return g_steal_pointer (&users);
}

/**
 * sam_directory_add_user:
 * @session: the signed-in administrator
 * @name: the new user name
 * @display_name: the person's full name
 * @role: their role
 * @agency_id_or_name: their agency, by id or exact name
 * @passphrase: (nullable): their passphrase, or %NULL to generate a one-time
 *   passphrase that they must change at first unlock
 * @out_one_time_passphrase: (out) (optional): the generated passphrase
 * @error: return location for a #GError
 *
 * Adds the user and their key slot together.
 *
 * Returns: (transfer full): the new user, or %NULL
 */
SamUser *
sam_directory_add_user (SamSession       *session,
                        const char       *name,
                        const char       *display_name,
                        SamRole           role,
                        const char       *agency_id_or_name,
                        const SamSecret  *passphrase,
                        SamSecret       **out_one_time_passphrase,
                        GError          **error)
{
  g_autoptr(SamAgency) agency = NULL;
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (role < SAM_N_ROLES, NULL);
  g_return_val_if_fail (agency_id_or_name != NULL, NULL);

  if (!sam_policy_check (session, SAM_OPERATION_USER_ADD, error))
    return NULL;

  agency = sam_directory_find_agency (session, agency_id_or_name, error);
  if (agency == NULL || !validate_new_user (name, display_name, role, agency, error))
    return NULL;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  if (!insert_user (session, name, display_name, role, agency->id, passphrase == NULL, error) ||
      !audit (session, SAM_AUDIT_CREATE, "user",
              sqlite3_last_insert_rowid (_sam_database_get_handle (database)),
              sam_role_to_string (role), error) ||
      !write_slot (session, name, passphrase, out_one_time_passphrase, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return find_user (session, name, error);
}

/**
 * sam_directory_find_user:
 * @session: the signed-in administrator
 * @name: a user name
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the user, or %NULL with
 *   %SAM_STORE_ERROR_NOT_FOUND
 */
SamUser *
sam_directory_find_user (SamSession  *session,
                         const char  *name,
                         GError     **error)
{
  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!sam_policy_check (session, SAM_OPERATION_USER_LIST, error))
    return NULL;

  return find_user (session, name, error);
}

/**
 * sam_directory_disable_user:
 * @session: the signed-in administrator
 * @name: the user to disable
 * @error: return location for a #GError
 *
 * Marks the user disabled and removes their key slot, so that their
 * passphrase no longer opens the database. Their row stays for the record.
 *
 * Returns: %TRUE on success
 */
gboolean
sam_directory_disable_user (SamSession  *session,
                            const char  *name,
                            GError     **error)
{
  g_autoptr(SamUser) user = NULL;
  SamDatabase *database;
  SamKeyslotFile *keyslots;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!sam_policy_check (session, SAM_OPERATION_USER_DISABLE, error))
    return FALSE;

  if (g_strcmp0 (name, sam_session_get_user_name (session)) == 0)
    return invalid (error, _("User name: you cannot disable your own account."));

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return FALSE;

  user = find_user (session, name, error);
  keyslots = user != NULL ? _sam_database_reload_keyslots (database, error) : NULL;
  if (keyslots == NULL ||
      !set_user_flags (session, user->id, "UPDATE users SET disabled = 1 WHERE id = ?1", error) ||
      !audit (session, SAM_AUDIT_USER_CHANGE, "user", user->id, "disabled", error) ||
      (sam_keyslot_file_has_slot (keyslots, name) &&
       !sam_keyslot_file_remove_slot (keyslots, name, error)) ||
      !sam_keyslot_file_save (keyslots, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return FALSE;
    }

  return TRUE;
}

/**
 * sam_directory_reset_passphrase:
 * @session: the signed-in administrator
 * @name: whose passphrase to reset
 * @passphrase: (nullable): the new passphrase, or %NULL to generate one
 * @out_one_time_passphrase: (out) (optional): the generated passphrase
 * @error: return location for a #GError
 *
 * Re-wraps @name's slot under a passphrase the administrator knows, so the
 * user must choose their own at the next unlock. To change one's own
 * passphrase, use sam_session_change_passphrase().
 *
 * Returns: %TRUE on success
 */
gboolean
sam_directory_reset_passphrase (SamSession       *session,
                                const char       *name,
                                const SamSecret  *passphrase,
                                SamSecret       **out_one_time_passphrase,
                                GError          **error)
{
  g_autoptr(SamUser) user = NULL;
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!sam_policy_check (session, SAM_OPERATION_USER_RESET_PASSPHRASE, error))
    return FALSE;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return FALSE;

  user = find_user (session, name, error);
  if (user != NULL && user->disabled)
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                 _("User name: the account “%s” is disabled, and a disabled account cannot "
                   "be opened again. Add a new account instead."), name);

  if (user == NULL || user->disabled ||
      !set_user_flags (session, user->id,
                       "UPDATE users SET must_change_passphrase = 1 WHERE id = ?1", error) ||
      !audit (session, SAM_AUDIT_USER_CHANGE, "user", user->id, "passphrase_reset", error) ||
      !write_slot (session, name, passphrase, out_one_time_passphrase, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return FALSE;
    }

  return TRUE;
}

/**
 * sam_directory_set_role:
 * @session: the signed-in administrator
 * @name: whose role to change
 * @role: the new role, which must fit the user's agency
 * @error: return location for a #GError
 *
 * Changes a user's role. The new role takes effect at their next unlock.
 * Administrators cannot change their own role, so that the last one cannot
 * lock everyone out of running the system.
 *
 * Returns: %TRUE on success
 */
gboolean
sam_directory_set_role (SamSession  *session,
                        const char  *name,
                        SamRole      role,
                        GError     **error)
{
  g_autoptr(SamUser) user = NULL;
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (role < SAM_N_ROLES, FALSE);

  if (!sam_policy_check (session, SAM_OPERATION_USER_SET_ROLE, error))
    return FALSE;

  if (g_strcmp0 (name, sam_session_get_user_name (session)) == 0)
    return invalid (error, _("User name: you cannot change your own role."));

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return FALSE;

  user = find_user (session, name, error);
  if (user == NULL ||
      !check_role_change (session, user, role, error) ||
      !set_role (session, user->id, role, error) ||
      !audit (session, SAM_AUDIT_ROLE_CHANGE, "user", user->id, sam_role_to_string (role), error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return FALSE;
    }

  return TRUE;
}

/**
 * sam_directory_add_area:
 * @session: the signed-in administrator
 * @name: the area's (district's) name, such as "Ryd"
 * @error: return location for a #GError
 *
 * Adds an area that agencies and cases can belong to.
 *
 * Returns: (transfer full): the new area, or %NULL; %SAM_STORE_ERROR_EXISTS
 *   when an area of that name exists
 */
SamChoice *
sam_directory_add_area (SamSession  *session,
                        const char  *name,
                        GError     **error)
{
  SamDatabase *database;
  SamChoice *area;
  gint64 id = 0;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);

  if (!sam_policy_check (session, SAM_OPERATION_AREA_ADD, error))
    return NULL;

  if (!validate_text (name, AREA_MAX_CHARS,
                      _("Area name: write between 1 and 80 characters on one line, "
                        "without spaces at the ends."), error))
    return NULL;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  if (!insert_area (session, name, &id, error) ||
      !audit (session, SAM_AUDIT_CREATE, "area", id, NULL, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  area = g_new0 (SamChoice, 1);
  area->id = id;
  area->name = g_strdup (name);
  return area;
}
