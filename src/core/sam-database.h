/* sam-database.h: one unlocked SQLCipher 4 database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sam-keyslot-file.h"
#include "sam-secret.h"

G_BEGIN_DECLS

#define SAM_TYPE_DATABASE (sam_database_get_type ())

G_DECLARE_FINAL_TYPE (SamDatabase, sam_database, SAM, DATABASE, GObject)

/* Options for sam_database_create(). */
typedef struct
{
  const char         *admin_name;
  const char         *admin_display_name;
  const SamSecret    *admin_passphrase;
  const char         *admin_agency_name;
  SamKdfParams        kdf;
  gboolean            demo;
} SamDatabaseCreateOptions;

SamDatabase *sam_database_create            (const char                      *path,
                                             const SamDatabaseCreateOptions  *options,
                                             SamSecret                      **out_recovery_code,
                                             GError                         **error);
SamDatabase *sam_database_open              (const char                      *path,
                                             const char                      *slot_name,
                                             const SamSecret                 *passphrase,
                                             guint                           *out_failed_attempts,
                                             GError                         **error);
void         sam_database_close             (SamDatabase                     *self);
gboolean     sam_database_is_open           (SamDatabase                     *self);
const char  *sam_database_get_path          (SamDatabase                     *self);
const char  *sam_database_get_id            (SamDatabase                     *self);
gboolean     sam_database_is_demo           (SamDatabase                     *self);
SamKeyslotFile *sam_database_get_keyslots   (SamDatabase                     *self);
guint        sam_database_get_schema_version (SamDatabase                    *self);
char        *sam_database_get_cipher_version (SamDatabase                    *self);
gboolean     sam_database_check_integrity   (SamDatabase                     *self,
                                             GError                         **error);

guint        sam_database_get_latest_schema_version (void);
char        *sam_database_default_path      (void);

G_END_DECLS
