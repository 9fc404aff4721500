/* sam-demo.c: a demo database to try Samverka on
 *
 * The demo users' passphrases are public (README lists them), so demo slots
 * use the product's cheapest Argon2id parameters. The database is flagged
 * as a demo, and the app says DEMO in its title while it is open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-demo"

#include "config.h"

#include "sam-demo.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sam-database-private.h"
#include "sam-directory.h"
#include "sam-error.h"

static const struct
{
  const char    *name;
  SamAgencyKind  kind;
  const char    *area;
} demo_agencies[] = {
  { "Ekholmsskolan", SAM_AGENCY_KIND_SCHOOL, "Ekholmen" },
  { "Socialtjänsten, barn och unga", SAM_AGENCY_KIND_SOCIAL_SERVICES, NULL },
  { "Lokalpolisområde Linköping", SAM_AGENCY_KIND_POLICE, NULL },
  { "Fritidsgården Skäggetorp", SAM_AGENCY_KIND_LEISURE, "Skäggetorp" },
};

/* Every demo person is marked "(demo)" so no one mistakes them for staff. */
static const struct
{
  SamRole     role;
  const char *display_name;
  const char *agency;
} demo_users[] = {
  { SAM_ROLE_SCHOOL, "Sara Lind (demo)", "Ekholmsskolan" },
  { SAM_ROLE_LEISURE, "Ali Hassan (demo)", "Fritidsgården Skäggetorp" },
  { SAM_ROLE_POLICE, "Johan Berg (demo)", "Lokalpolisområde Linköping" },
  { SAM_ROLE_SOCIAL, "Maria Ek (demo)", "Socialtjänsten, barn och unga" },
  { SAM_ROLE_COORDINATOR, "Elin Norberg (demo)", "Socialtjänsten, barn och unga" },
  { SAM_ROLE_MANAGER, "Karin Holm (demo)", "Kommunledningsförvaltningen" },
};

static SamSecret *
demo_passphrase (SamRole role)
{
  g_autofree char *text = g_strconcat (sam_role_to_string (role), SAM_DEMO_PASSPHRASE_SUFFIX, NULL);

  return sam_secret_new_from_string (text);
}

static gboolean
populate (SamSession  *session,
          GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_agencies); i++)
    {
      g_autoptr(SamAgency) agency = NULL;

      agency = sam_directory_add_agency (session, demo_agencies[i].name, demo_agencies[i].kind,
                                         demo_agencies[i].area, error);
      if (agency == NULL)
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_users); i++)
    {
      g_autoptr(SamSecret) passphrase = demo_passphrase (demo_users[i].role);
      g_autoptr(SamUser) user = NULL;

      user = sam_directory_add_user (session, sam_role_to_string (demo_users[i].role),
                                     demo_users[i].display_name, demo_users[i].role,
                                     demo_users[i].agency, passphrase, NULL, error);
      if (user == NULL)
        return FALSE;
    }

  return TRUE;
}

static void
remove_demo_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", ".keys" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/**
 * sam_demo_create:
 * @path: where to create the demo database (it must not exist)
 * @error: return location for a #GError
 *
 * Creates a demo database with four agencies and one user per role. Each
 * user is called by their role's id and has the passphrase "ROLE-demo".
 *
 * Returns: %TRUE on success
 */
gboolean
sam_demo_create (const char  *path,
                 GError     **error)
{
  g_autoptr(SamSecret) admin_passphrase = demo_passphrase (SAM_ROLE_ADMIN);
  g_autoptr(SamDatabase) database = NULL;
  g_autoptr(SamSession) session = NULL;
  SamDatabaseCreateOptions options = {
    .admin_name = sam_role_to_string (SAM_ROLE_ADMIN),
    .admin_display_name = "Admin Demo (demo)",
    .admin_passphrase = admin_passphrase,
    .admin_agency_name = "Kommunledningsförvaltningen",
    .kdf = sam_kdf_params_minimum (),
    .demo = TRUE,
  };

  g_return_val_if_fail (path != NULL, FALSE);

  database = sam_database_create (path, &options, NULL, error);
  if (database == NULL)
    return FALSE;

  session = _sam_session_new (database, options.admin_name, 0, error);
  if (session == NULL || !populate (session, error))
    {
      if (session != NULL)
        sam_session_lock (session);
      sam_database_close (database);
      remove_demo_files (path);
      return FALSE;
    }

  sam_session_lock (session);
  return TRUE;
}
