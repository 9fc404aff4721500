/* sam-maintenance.h: verify, backup, restore and recovery
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-session.h"

G_BEGIN_DECLS

gboolean sam_maintenance_verify   (SamSession       *session,
                                   GError          **error);
gboolean sam_maintenance_backup   (SamSession       *session,
                                   const char       *destination,
                                   GError          **error);
gboolean sam_maintenance_restore  (const char       *database_path,
                                   const char       *source_path,
                                   const char       *admin_name,
                                   const SamSecret  *admin_passphrase,
                                   char            **out_previous_path,
                                   GError          **error);
gboolean sam_maintenance_recover  (const char       *database_path,
                                   const SamSecret  *recovery_code,
                                   const char       *admin_name,
                                   const SamSecret  *new_passphrase,
                                   GError          **error);

G_END_DECLS
