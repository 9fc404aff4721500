/* sam-error.h: the error domains of the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SAM_DATABASE_ERROR (sam_database_error_quark ())
#define SAM_KEYSLOT_ERROR  (sam_keyslot_error_quark ())
#define SAM_STORE_ERROR    (sam_store_error_quark ())
#define SAM_POLICY_ERROR   (sam_policy_error_quark ())

/**
 * SamDatabaseError:
 * @SAM_DATABASE_ERROR_NO_SQLCIPHER: the program was linked against plain SQLite
 * @SAM_DATABASE_ERROR_NOT_FOUND: there is no database at the given path
 * @SAM_DATABASE_ERROR_EXISTS: a database already exists at the given path
 * @SAM_DATABASE_ERROR_CORRUPT: the file is damaged
 * @SAM_DATABASE_ERROR_FOREIGN: the file is not a Samverka database, or its key
 *   file belongs to another database
 * @SAM_DATABASE_ERROR_TOO_NEW: the schema was written by a newer Samverka
 * @SAM_DATABASE_ERROR_INTEGRITY: an integrity check failed
 * @SAM_DATABASE_ERROR_LOCKED: the session has been locked
 * @SAM_DATABASE_ERROR_IO: reading or writing a file failed
 * @SAM_DATABASE_ERROR_FAILED: any other database failure
 */
typedef enum
{
  SAM_DATABASE_ERROR_NO_SQLCIPHER,
  SAM_DATABASE_ERROR_NOT_FOUND,
  SAM_DATABASE_ERROR_EXISTS,
  SAM_DATABASE_ERROR_CORRUPT,
  SAM_DATABASE_ERROR_FOREIGN,
  SAM_DATABASE_ERROR_TOO_NEW,
  SAM_DATABASE_ERROR_INTEGRITY,
  SAM_DATABASE_ERROR_LOCKED,
  SAM_DATABASE_ERROR_IO,
  SAM_DATABASE_ERROR_FAILED,
} SamDatabaseError;

/**
 * SamKeyslotError:
 * @SAM_KEYSLOT_ERROR_WRONG_PASSPHRASE: the passphrase does not open the slot
 * @SAM_KEYSLOT_ERROR_UNKNOWN_USER: there is no slot for that user
 * @SAM_KEYSLOT_ERROR_BACKED_OFF: too many failed attempts; wait and retry
 * @SAM_KEYSLOT_ERROR_MISSING: the key file does not exist
 * @SAM_KEYSLOT_ERROR_DAMAGED: the key file was edited, truncated or is not JSON
 * @SAM_KEYSLOT_ERROR_UNSUPPORTED: unknown format or version
 * @SAM_KEYSLOT_ERROR_WEAK_PARAMETERS: a slot's Argon2id memory limit is below
 *   the product minimum
 * @SAM_KEYSLOT_ERROR_WEAK_PASSPHRASE: a new passphrase is too short
 * @SAM_KEYSLOT_ERROR_IO: the key file could not be written
 */
typedef enum
{
  SAM_KEYSLOT_ERROR_WRONG_PASSPHRASE,
  SAM_KEYSLOT_ERROR_UNKNOWN_USER,
  SAM_KEYSLOT_ERROR_BACKED_OFF,
  SAM_KEYSLOT_ERROR_MISSING,
  SAM_KEYSLOT_ERROR_DAMAGED,
  SAM_KEYSLOT_ERROR_UNSUPPORTED,
  SAM_KEYSLOT_ERROR_WEAK_PARAMETERS,
  SAM_KEYSLOT_ERROR_WEAK_PASSPHRASE,
  SAM_KEYSLOT_ERROR_IO,
} SamKeyslotError;

/**
 * SamStoreError:
 * @SAM_STORE_ERROR_INVALID: bad input; the message names the field
 * @SAM_STORE_ERROR_EXISTS: the record already exists
 * @SAM_STORE_ERROR_NOT_FOUND: no such record
 * @SAM_STORE_ERROR_DISABLED: the user account is disabled
 */
typedef enum
{
  SAM_STORE_ERROR_INVALID,
  SAM_STORE_ERROR_EXISTS,
  SAM_STORE_ERROR_NOT_FOUND,
  SAM_STORE_ERROR_DISABLED,
} SamStoreError;

/**
 * SamPolicyError:
 * @SAM_POLICY_ERROR_DENIED: the signed-in role may not do this
 * @SAM_POLICY_ERROR_MUST_CHANGE_PASSPHRASE: the user must replace a one-time
 *   passphrase before doing anything else
 */
typedef enum
{
  SAM_POLICY_ERROR_DENIED,
  SAM_POLICY_ERROR_MUST_CHANGE_PASSPHRASE,
} SamPolicyError;

GQuark sam_database_error_quark (void);
GQuark sam_keyslot_error_quark  (void);
GQuark sam_store_error_quark    (void);
GQuark sam_policy_error_quark   (void);

G_END_DECLS
