/* sam-directory.h: users and agencies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-choices.h"
#include "sam-session.h"

G_BEGIN_DECLS

typedef struct
{
  gint64         id;
  char          *name;
  SamAgencyKind  kind;
  char          *area;      /* nullable */
} SamAgency;

typedef struct
{
  gint64         id;
  char          *name;
  char          *display_name;
  SamRole        role;
  gint64         agency_id;
  char          *agency_name;
  gboolean       disabled;
  gboolean       must_change_passphrase;
} SamUser;

void       sam_agency_free              (SamAgency        *agency);
void       sam_user_free                (SamUser          *user);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamAgency, sam_agency_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamUser, sam_user_free)

GPtrArray *sam_directory_list_agencies  (SamSession       *session,
                                         GError          **error);
SamAgency *sam_directory_add_agency     (SamSession       *session,
                                         const char       *name,
                                         SamAgencyKind     kind,
                                         const char       *area,
                                         GError          **error);
SamAgency *sam_directory_find_agency    (SamSession       *session,
                                         const char       *id_or_name,
                                         GError          **error);

GPtrArray *sam_directory_list_users     (SamSession       *session,
                                         GError          **error);
SamUser   *sam_directory_add_user       (SamSession       *session,
                                         const char       *name,
                                         const char       *display_name,
                                         SamRole           role,
                                         const char       *agency_id_or_name,
                                         const SamSecret  *passphrase,
                                         SamSecret       **out_one_time_passphrase,
                                         GError          **error);
SamUser   *sam_directory_find_user      (SamSession       *session,
                                         const char       *name,
                                         GError          **error);
gboolean   sam_directory_disable_user   (SamSession       *session,
                                         const char       *name,
                                         GError          **error);
gboolean   sam_directory_reset_passphrase (SamSession     *session,
                                         const char       *name,
                                         const SamSecret  *passphrase,
                                         SamSecret       **out_one_time_passphrase,
                                         GError          **error);
gboolean   sam_directory_set_role       (SamSession       *session,
                                         const char       *name,
                                         SamRole           role,
                                         GError          **error);

SamChoice *sam_directory_add_area       (SamSession       *session,
                                         const char       *name,
                                         GError          **error);

gboolean   sam_directory_validate_user_name (const char   *name,
                                         GError          **error);
SamSecret *sam_directory_generate_passphrase (void);

G_END_DECLS
