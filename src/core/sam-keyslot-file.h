/* sam-keyslot-file.h: the NAME.db.keys sidecar, documented in docs/keyslots.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sam-secret.h"

G_BEGIN_DECLS

/* Argon2id parameters of one slot. */
typedef struct
{
  guint64 opslimit;
  gsize   memlimit;
} SamKdfParams;

/* The product refuses to create or open a slot below this memory limit. */
#define SAM_KDF_MEMLIMIT_FLOOR ((gsize) 64 * 1024 * 1024)

/* The length of the database's data key, in bytes (256 bits). */
#define SAM_DATA_KEY_LENGTH 32

/* The slot that the recovery code opens. It can never be a user name, since
 * user names start with a letter. */
#define SAM_KEYSLOT_RECOVERY "@recovery"

/* Passphrases shorter than this are refused when a slot is written. */
#define SAM_PASSPHRASE_MIN_LENGTH 10

SamKdfParams sam_kdf_params_default        (void);
SamKdfParams sam_kdf_params_minimum        (void);
SamKdfParams sam_kdf_params_for_new_slots  (void);

#define SAM_TYPE_KEYSLOT_FILE (sam_keyslot_file_get_type ())

G_DECLARE_FINAL_TYPE (SamKeyslotFile, sam_keyslot_file, SAM, KEYSLOT_FILE, GObject)

SamKeyslotFile *sam_keyslot_file_new                  (const char          *path,
                                                       const char          *database_id,
                                                       const char          *database_salt);
SamKeyslotFile *sam_keyslot_file_load                 (const char          *path,
                                                       GError             **error);
SamKeyslotFile *sam_keyslot_file_load_for_update      (const char          *path,
                                                       GError             **error);
void            sam_keyslot_file_finish_update        (SamKeyslotFile      *self);
gboolean        sam_keyslot_file_revert_update        (SamKeyslotFile      *self,
                                                       GError             **error);
gboolean        sam_keyslot_file_save                 (SamKeyslotFile      *self,
                                                       GError             **error);
const char     *sam_keyslot_file_get_path             (SamKeyslotFile      *self);
void            sam_keyslot_file_set_path             (SamKeyslotFile      *self,
                                                       const char          *path);
const char     *sam_keyslot_file_get_database_id      (SamKeyslotFile      *self);
const char     *sam_keyslot_file_get_database_salt    (SamKeyslotFile      *self);
void            sam_keyslot_file_set_database_salt    (SamKeyslotFile      *self,
                                                       const char          *database_salt);
gboolean        sam_keyslot_file_has_slot             (SamKeyslotFile      *self,
                                                       const char          *name);
guint           sam_keyslot_file_get_n_slots          (SamKeyslotFile      *self);
gboolean        sam_keyslot_file_set_slot             (SamKeyslotFile      *self,
                                                       const char          *name,
                                                       const SamSecret     *passphrase,
                                                       const SamSecret     *data_key,
                                                       const SamKdfParams  *params,
                                                       GError             **error);
gboolean        sam_keyslot_file_remove_slot          (SamKeyslotFile      *self,
                                                       const char          *name,
                                                       GError             **error);
SamSecret      *sam_keyslot_file_unlock               (SamKeyslotFile      *self,
                                                       const char          *name,
                                                       const SamSecret     *passphrase,
                                                       guint               *out_failed_attempts,
                                                       GError             **error);
guint           sam_keyslot_file_get_failed_attempts  (SamKeyslotFile      *self,
                                                       const char          *name);
guint           sam_keyslot_file_get_backoff_seconds  (SamKeyslotFile      *self,
                                                       const char          *name);

guint           sam_keyslot_backoff_for_failures      (guint                failures);
char           *sam_keyslot_file_path_for_database    (const char          *database_path);

G_END_DECLS
