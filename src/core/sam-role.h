/* sam-role.h: the roles of DESIGN §1 and the kinds of agency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SAM_ROLE_SCHOOL,
  SAM_ROLE_LEISURE,
  SAM_ROLE_POLICE,
  SAM_ROLE_SOCIAL,
  SAM_ROLE_COORDINATOR,
  SAM_ROLE_MANAGER,
  SAM_ROLE_ADMIN,
  SAM_N_ROLES
} SamRole;

/* Agencies of kind %SAM_AGENCY_KIND_ADMINISTRATION hold the municipality's own
 * managers and IT administrators, who belong to no front-line agency. */
typedef enum
{
  SAM_AGENCY_KIND_SCHOOL,
  SAM_AGENCY_KIND_SOCIAL_SERVICES,
  SAM_AGENCY_KIND_POLICE,
  SAM_AGENCY_KIND_LEISURE,
  SAM_AGENCY_KIND_ADMINISTRATION,
  SAM_N_AGENCY_KINDS
} SamAgencyKind;

const char *sam_role_to_string              (SamRole        role);
gboolean    sam_role_from_string            (const char    *string,
                                             SamRole       *out_role);
const char *sam_role_get_label              (SamRole        role);

const char *sam_agency_kind_to_string       (SamAgencyKind  kind);
gboolean    sam_agency_kind_from_string     (const char    *string,
                                             SamAgencyKind *out_kind);
const char *sam_agency_kind_get_label       (SamAgencyKind  kind);

G_END_DECLS
