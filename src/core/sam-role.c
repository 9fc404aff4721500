/* sam-role.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-role"

#include "config.h"

#include "sam-role.h"

#include <glib/gi18n-lib.h>

/* The ids are stored in the database and used on the command line; they
 * never change. The labels are what a person reads. */
static const struct
{
  const char *id;
  const char *label;
} roles[SAM_N_ROLES] = {
  [SAM_ROLE_SCHOOL] = { "school", N_("School welfare staff") },
  [SAM_ROLE_LEISURE] = { "leisure", N_("Leisure staff") },
  [SAM_ROLE_POLICE] = { "police", N_("Police") },
  [SAM_ROLE_SOCIAL] = { "social", N_("Social worker") },
  [SAM_ROLE_COORDINATOR] = { "coordinator", N_("SSPF coordinator") },
  [SAM_ROLE_MANAGER] = { "manager", N_("Manager") },
  [SAM_ROLE_ADMIN] = { "admin", N_("Administrator") },
};

static const struct
{
  const char *id;
  const char *label;
} agency_kinds[SAM_N_AGENCY_KINDS] = {
  [SAM_AGENCY_KIND_SCHOOL] = { "school", N_("School") },
  [SAM_AGENCY_KIND_SOCIAL_SERVICES] = { "social_services", N_("Social services") },
  [SAM_AGENCY_KIND_POLICE] = { "police", N_("Police") },
  [SAM_AGENCY_KIND_LEISURE] = { "leisure", N_("Leisure") },
  [SAM_AGENCY_KIND_ADMINISTRATION] = { "administration", N_("Municipal administration") },
};

const char *
sam_role_to_string (SamRole role)
{
  g_return_val_if_fail (role < SAM_N_ROLES, NULL);

  return roles[role].id;
}

gboolean
sam_role_from_string (const char *string,
                      SamRole    *out_role)
{
  g_return_val_if_fail (out_role != NULL, FALSE);

  for (guint i = 0; string != NULL && i < SAM_N_ROLES; i++)
    {
      if (g_str_equal (string, roles[i].id))
        {
          *out_role = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
sam_role_get_label (SamRole role)
{
  g_return_val_if_fail (role < SAM_N_ROLES, NULL);

  return _(roles[role].label);
}

const char *
sam_agency_kind_to_string (SamAgencyKind kind)
{
  g_return_val_if_fail (kind < SAM_N_AGENCY_KINDS, NULL);

  return agency_kinds[kind].id;
}

gboolean
sam_agency_kind_from_string (const char    *string,
                             SamAgencyKind *out_kind)
{
  g_return_val_if_fail (out_kind != NULL, FALSE);

  for (guint i = 0; string != NULL && i < SAM_N_AGENCY_KINDS; i++)
    {
      if (g_str_equal (string, agency_kinds[i].id))
        {
          *out_kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
sam_agency_kind_get_label (SamAgencyKind kind)
{
  g_return_val_if_fail (kind < SAM_N_AGENCY_KINDS, NULL);

  return _(agency_kinds[kind].label);
}
