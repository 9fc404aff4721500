/* sam-cli-directory.c: the user and agency commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "samverka-cli"

#include "config.h"

#include "sam-cli.h"

#include <glib/gi18n.h>

#include "sam-cli-input.h"
#include "sam-cli-table.h"

static char *
list_roles (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (SamRole role = 0; role < SAM_N_ROLES; role++)
    g_strv_builder_add (builder, sam_role_to_string (role));
  ids = g_strv_builder_end (builder);

  return g_strjoinv (", ", ids);
}

static char *
list_agency_kinds (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (SamAgencyKind kind = 0; kind < SAM_N_AGENCY_KINDS; kind++)
    g_strv_builder_add (builder, sam_agency_kind_to_string (kind));
  ids = g_strv_builder_end (builder);

  return g_strjoinv (", ", ids);
}

static gboolean
parse_role (const char  *string,
            SamRole     *out_role,
            GError     **error)
{
  g_autofree char *roles = NULL;

  if (sam_role_from_string (string, out_role))
    return TRUE;

  roles = list_roles ();
  g_set_error (error, SAM_CLI_ERROR, SAM_CLI_ERROR_INPUT,
               _("Unknown role “%s” given with --role. The roles are: %s."),
               string, roles);
  return FALSE;
}

/* The same check for `user role NAME ROLE`, whose role is an argument. */
static gboolean
parse_role_argument (const char  *string,
                     SamRole     *out_role,
                     GError     **error)
{
  g_autofree char *roles = NULL;

  if (sam_role_from_string (string, out_role))
    return TRUE;

  roles = list_roles ();
  g_set_error (error, SAM_CLI_ERROR, SAM_CLI_ERROR_INPUT,
               _("Role: unknown role “%s”. The roles are: %s."),
               string, roles);
  return FALSE;
}

static gboolean
parse_agency_kind (const char     *string,
                   SamAgencyKind  *out_kind,
                   GError        **error)
{
  g_autofree char *kinds = NULL;

  if (sam_agency_kind_from_string (string, out_kind))
    return TRUE;

  kinds = list_agency_kinds ();
  g_set_error (error, SAM_CLI_ERROR, SAM_CLI_ERROR_INPUT,
               _("Unknown agency kind “%s” given with --kind. The kinds are: %s."),
               string, kinds);
  return FALSE;
}

static gboolean
print_one_time_passphrase (const char       *user_name,
                           const SamSecret  *passphrase,
                           GError          **error)
{
  g_print (_("One-time passphrase for %s, shown only once. Hand it over in person; "
             "%s must replace it at the first unlock:\n"),
           user_name, user_name);

  return sam_cli_print_secret (passphrase, error);
}

gboolean
sam_cli_command_user_add (SamCli  *cli,
                          char   **args,
                          GError **error)
{
  g_autofree char *role_string = NULL;
  g_autofree char *agency = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *new_passphrase_file = NULL;
  const GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_string,
      N_("The user’s role (required)"), N_("ROLE") },
    { "agency", 0, 0, G_OPTION_ARG_STRING, &agency,
      N_("The user’s agency, by id or exact name (required)"), N_("AGENCY") },
    { "display-name", 0, 0, G_OPTION_ARG_STRING, &display_name,
      N_("The user’s full name"), N_("TEXT") },
    { "new-passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &new_passphrase_file,
      N_("Read the user’s passphrase from the first line of FILE"), N_("FILE") },
    { NULL }
  };
  g_auto(GStrv) rest = NULL;
  g_autoptr(SamSession) session = NULL;
  g_autoptr(SamSecret) passphrase = NULL;
  g_autoptr(SamSecret) one_time_passphrase = NULL;
  g_autoptr(SamUser) user = NULL;
  SamRole role;

  if (!(rest = sam_cli_parse_command (cli, args, entries, error)) ||
      !sam_cli_require_option (role_string, "--role", error) ||
      !sam_cli_require_option (agency, "--agency", error) ||
      !sam_directory_validate_user_name (rest[0], error) ||
      !parse_role (role_string, &role, error) ||
      !(session = sam_cli_unlock (cli, FALSE, error)) ||
      !sam_cli_read_new_passphrase (cli, new_passphrase_file, rest[0],
                                    SAM_CLI_NEW_PASSPHRASE_NO_PROMPT, &passphrase, error))
    return FALSE;

  user = sam_directory_add_user (session, rest[0],
                                 display_name != NULL ? display_name : rest[0],
                                 role, agency, passphrase, &one_time_passphrase, error);
  if (user == NULL)
    return FALSE;

  g_print (_("Added the user %s (%s, %s).\n"),
           user->name, sam_role_get_label (user->role), user->agency_name);

  if (one_time_passphrase == NULL)
    return TRUE;

  return print_one_time_passphrase (user->name, one_time_passphrase, error);
}

static const char *
user_state (const SamUser *user)
{
  if (user->disabled)
    return _("disabled");

  if (user->must_change_passphrase)
    return _("must change passphrase");

  return _("active");
}

gboolean
sam_cli_command_user_list (SamCli  *cli,
                           char   **args,
                           GError **error)
{
  g_auto(GStrv) rest = NULL;
  g_autoptr(SamSession) session = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(SamCliTable) table = NULL;

  if (!(rest = sam_cli_parse_command (cli, args, NULL, error)) ||
      !(session = sam_cli_unlock (cli, FALSE, error)) ||
      !(users = sam_directory_list_users (session, error)))
    return FALSE;

  table = sam_cli_table_new (_("NAME"), _("DISPLAY NAME"), _("ROLE"), _("AGENCY"),
                             _("STATE"), NULL);
  for (guint i = 0; i < users->len; i++)
    {
      const SamUser *user = g_ptr_array_index (users, i);

      sam_cli_table_add_row (table, user->name, user->display_name,
                             sam_role_to_string (user->role), user->agency_name,
                             user_state (user));
    }
  sam_cli_table_print (table);

  return TRUE;
}

gboolean
sam_cli_command_user_disable (SamCli  *cli,
                              char   **args,
                              GError **error)
{
  g_auto(GStrv) rest = NULL;
  g_autoptr(SamSession) session = NULL;

  if (!(rest = sam_cli_parse_command (cli, args, NULL, error)) ||
      !(session = sam_cli_unlock (cli, FALSE, error)) ||
      !sam_directory_disable_user (session, rest[0], error))
    return FALSE;

  g_print (_("Disabled the user %s. They can no longer unlock the database.\n"), rest[0]);

  return TRUE;
}

static gboolean
change_own_passphrase (SamCli      *cli,
                       SamSession  *session,
                       const char  *new_passphrase_file,
                       GError     **error)
{
  const char *name = sam_session_get_user_name (session);
  g_autoptr(SamSecret) passphrase = NULL;

  if (!sam_cli_read_new_passphrase (cli, new_passphrase_file, name,
                                    SAM_CLI_NEW_PASSPHRASE_PROMPT, &passphrase, error))
    return FALSE;

  if (passphrase == NULL)
    {
      g_set_error (error, SAM_CLI_ERROR, SAM_CLI_ERROR_USAGE,
                   _("No new passphrase was given for %s: use --new-passphrase-file FILE, "
                     "or write it on the line after the current passphrase."),
                   name);
      return FALSE;
    }

  if (!sam_session_change_passphrase (session, passphrase, error))
    return FALSE;

  g_print (_("Changed the passphrase of %s.\n"), name);

  return TRUE;
}

static gboolean
reset_passphrase (SamCli      *cli,
                  SamSession  *session,
                  const char  *name,
                  const char  *new_passphrase_file,
                  GError     **error)
{
  g_autoptr(SamSecret) passphrase = NULL;
  g_autoptr(SamSecret) one_time_passphrase = NULL;

  /* Ask before prompting, so that nobody types a passphrase in vain. */
  if (!sam_policy_check (session, SAM_OPERATION_USER_RESET_PASSPHRASE, error))
    return FALSE;

  if (new_passphrase_file == NULL && cli->stdin_is_terminal)
    g_printerr (_("Leave the new passphrase empty to generate a one-time passphrase.\n"));

  if (!sam_cli_read_new_passphrase (cli, new_passphrase_file, name,
                                    SAM_CLI_NEW_PASSPHRASE_PROMPT, &passphrase, error) ||
      !sam_directory_reset_passphrase (session, name, passphrase, &one_time_passphrase, error))
    return FALSE;

  g_print (_("Set a new passphrase for %s.\n"), name);

  if (one_time_passphrase == NULL)
    return TRUE;

  return print_one_time_passphrase (name, one_time_passphrase, error);
}

gboolean
sam_cli_command_user_passwd (SamCli  *cli,
                             char   **args,
                             GError **error)
{
  g_autofree char *new_passphrase_file = NULL;
  const GOptionEntry entries[] = {
    { "new-passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &new_passphrase_file,
      N_("Read the new passphrase from the first line of FILE"), N_("FILE") },
    { NULL }
  };
  g_auto(GStrv) rest = NULL;
  g_autoptr(SamSession) session = NULL;
  gboolean own;

  if (!(rest = sam_cli_parse_command (cli, args, entries, error)))
    return FALSE;

  own = g_strcmp0 (rest[0], cli->user_name) == 0;
  if (!(session = sam_cli_unlock (cli, own, error)))
    return FALSE;

  if (own)
    return change_own_passphrase (cli, session, new_passphrase_file, error);

  return reset_passphrase (cli, session, rest[0], new_passphrase_file, error);
}

/* The core checks that the role fits the user's agency, refuses a change
 * of one's own role and writes the role-change audit row. */
gboolean
sam_cli_command_user_role (SamCli  *cli,
                           char   **args,
                           GError **error)
{
  g_auto(GStrv) rest = NULL;
  g_autoptr(SamSession) session = NULL;
  SamRole role;

  if (!(rest = sam_cli_parse_command (cli, args, NULL, error)) ||
      !parse_role_argument (rest[1], &role, error) ||
      !(session = sam_cli_unlock (cli, FALSE, error)) ||
      !sam_directory_set_role (session, rest[0], role, error))
    return FALSE;

  g_print (_("%s now has the role %s (%s).\n"),
           rest[0], sam_role_to_string (role), sam_role_get_label (role));

  return TRUE;
}

gboolean
sam_cli_command_agency_add (SamCli  *cli,
                            char   **args,
                            GError **error)
{
  g_autofree char *kind_string = NULL;
  g_autofree char *area = NULL;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_string,
      N_("The kind of agency (required)"), N_("KIND") },
    { "area", 0, 0, G_OPTION_ARG_STRING, &area,
      N_("The district the agency works in"), N_("AREA") },
    { NULL }
  };
  g_auto(GStrv) rest = NULL;
  g_autoptr(SamSession) session = NULL;
  g_autoptr(SamAgency) agency = NULL;
  g_autofree char *id = NULL;
  SamAgencyKind kind;

  if (!(rest = sam_cli_parse_command (cli, args, entries, error)) ||
      !sam_cli_require_option (kind_string, "--kind", error) ||
      !parse_agency_kind (kind_string, &kind, error) ||
      !(session = sam_cli_unlock (cli, FALSE, error)) ||
      !(agency = sam_directory_add_agency (session, rest[0], kind, area, error)))
    return FALSE;

  id = g_strdup_printf ("%" G_GINT64_FORMAT, agency->id);
  g_print (_("Added the agency %s with id %s.\n"), agency->name, id);

  return TRUE;
}

gboolean
sam_cli_command_agency_list (SamCli  *cli,
                             char   **args,
                             GError **error)
{
  g_auto(GStrv) rest = NULL;
  g_autoptr(SamSession) session = NULL;
  g_autoptr(GPtrArray) agencies = NULL;
  g_autoptr(SamCliTable) table = NULL;

  if (!(rest = sam_cli_parse_command (cli, args, NULL, error)) ||
      !(session = sam_cli_unlock (cli, FALSE, error)) ||
      !(agencies = sam_directory_list_agencies (session, error)))
    return FALSE;

  table = sam_cli_table_new (_("ID"), _("NAME"), _("KIND"), _("AREA"), NULL);
  for (guint i = 0; i < agencies->len; i++)
    {
      const SamAgency *agency = g_ptr_array_index (agencies, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, agency->id);

      sam_cli_table_add_row (table, id, agency->name,
                             sam_agency_kind_to_string (agency->kind), agency->area);
    }
  sam_cli_table_print (table);

  return TRUE;
}

gboolean
sam_cli_command_area_add (SamCli  *cli,
                          char   **args,
                          GError **error)
{
  g_auto(GStrv) rest = NULL;
  g_autoptr(SamSession) session = NULL;
  g_autoptr(SamChoice) area = NULL;
  g_autofree char *id = NULL;

  if (!(rest = sam_cli_parse_command (cli, args, NULL, error)) ||
      !(session = sam_cli_unlock (cli, FALSE, error)) ||
      !(area = sam_directory_add_area (session, rest[0], error)))
    return FALSE;

  id = g_strdup_printf ("%" G_GINT64_FORMAT, area->id);
  g_print (_("Added the area %s with id %s.\n"), area->name, id);

  return TRUE;
}

gboolean
sam_cli_command_area_list (SamCli  *cli,
                           char   **args,
                           GError **error)
{
  g_auto(GStrv) rest = NULL;
  g_autoptr(SamSession) session = NULL;
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(SamCliTable) table = NULL;

  if (!(rest = sam_cli_parse_command (cli, args, NULL, error)) ||
      !(session = sam_cli_unlock (cli, FALSE, error)) ||
      !(areas = sam_choices_list_areas (session, error)))
    return FALSE;

  table = sam_cli_table_new (_("ID"), _("NAME"), NULL);
  for (guint i = 0; i < areas->len; i++)
    {
      const SamChoice *area = g_ptr_array_index (areas, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, area->id);

      sam_cli_table_add_row (table, id, area->name);
    }
  sam_cli_table_print (table);

  return TRUE;
}
