/* sam-cli-database.c: the commands that create, check and copy a database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "samverka-cli"

#include "config.h"

#include "sam-cli.h"

#include <glib/gi18n.h>

#include "sam-cli-input.h"
#include "sam-cli-table.h"

/* The first administrator's agency when init is given no --agency. It is a
 * name stored in the database, so it is not translated. */
#define DEFAULT_ADMIN_AGENCY "Kommunledningsförvaltningen"

static gboolean
print_recovery_code (const char       *admin_name,
                     const SamSecret  *recovery_code,
                     GError          **error)
{
  g_print ("\n%s\n", _("Recovery key:"));
  if (!sam_cli_print_secret (recovery_code, error))
    return FALSE;

  g_print ("\n");
  g_print (_("This recovery key is shown only once. Write it down or print it now and "
             "store it offline, locked away from this computer. It is the only way back "
             "in if every administrator passphrase is lost: "
             "“samverka-cli recover %s” sets a new passphrase with it.\n"),
           admin_name);

  return TRUE;
}

gboolean
sam_cli_command_init (SamCli  *cli,
                      char   **args,
                      GError **error)
{
  g_autofree char *admin = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *agency = NULL;
  const GOptionEntry entries[] = {
    { "admin", 0, 0, G_OPTION_ARG_STRING, &admin,
      N_("User name of the first administrator (required)"), N_("NAME") },
    { "display-name", 0, 0, G_OPTION_ARG_STRING, &display_name,
      N_("The administrator’s full name"), N_("TEXT") },
    { "agency", 0, 0, G_OPTION_ARG_STRING, &agency,
      N_("The administrator’s agency (default: Kommunledningsförvaltningen)"), N_("NAME") },
    { NULL }
  };
  g_auto(GStrv) rest = NULL;
  g_autoptr(SamSecret) passphrase = NULL;
  g_autoptr(SamSecret) recovery_code = NULL;
  g_autoptr(SamDatabase) database = NULL;
  SamDatabaseCreateOptions options = { 0 };

  if (!(rest = sam_cli_parse_command (cli, args, entries, error)) ||
      !sam_cli_require_option (admin, "--admin", error) ||
      !sam_directory_validate_user_name (admin, error) ||
      !sam_cli_prepare_new_database (cli, error) ||
      !(passphrase = sam_cli_read_chosen_passphrase (cli, admin, error)))
    return FALSE;

  options.admin_name = admin;
  options.admin_display_name = display_name != NULL ? display_name : admin;
  options.admin_passphrase = passphrase;
  options.admin_agency_name = agency != NULL ? agency : DEFAULT_ADMIN_AGENCY;
  options.kdf = sam_kdf_params_for_new_slots ();
  options.demo = FALSE;

  database = sam_database_create (cli->database_path, &options, &recovery_code, error);
  if (database == NULL)
    return FALSE;
  sam_database_close (database);

  g_print (_("Created the database “%s” with the administrator %s.\n"),
           cli->database_path, admin);

  return print_recovery_code (admin, recovery_code, error);
}

static void
print_demo_users (void)
{
  g_autoptr(SamCliTable) table = NULL;

  table = sam_cli_table_new (_("USER"), _("PASSPHRASE"), _("ROLE"), NULL);
  for (SamRole role = 0; role < SAM_N_ROLES; role++)
    {
      const char *name = sam_role_to_string (role);
      g_autofree char *passphrase = g_strconcat (name, SAM_DEMO_PASSPHRASE_SUFFIX, NULL);

      sam_cli_table_add_row (table, name, passphrase, sam_role_get_label (role));
    }

  sam_cli_table_print (table);
}

/* The default scale: enough to click around in, quick to make. */
#define DEFAULT_DEMO_SCALE 200

gboolean
sam_cli_command_demo (SamCli  *cli,
                      char   **args,
                      GError **error)
{
  gint scale = DEFAULT_DEMO_SCALE;
  gint64 seed = 1;
  const GOptionEntry entries[] = {
    { "scale", 0, 0, G_OPTION_ARG_INT, &scale,
      N_("How many young persons to make up, with their cases (default: 200; 0: users only)"),
      N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("The same seed gives the same data (default: 1)"), N_("S") },
    { NULL }
  };
  g_auto(GStrv) rest = NULL;
  SamDemoCounts counts = { 0 };

  if (!(rest = sam_cli_parse_command (cli, args, entries, error)))
    return FALSE;

  if (scale < 0 || seed < 0 || seed > G_MAXUINT32)
    {
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                   _("--scale must be 0 or more, and --seed from 0 to %u."), G_MAXUINT32);
      return FALSE;
    }

  if (!sam_cli_prepare_new_database (cli, error) ||
      !sam_demo_create_full (cli->database_path, (guint) scale, (guint32) seed, &counts, error))
    return FALSE;

  g_print (_("Created the demo database “%s”. It holds made-up data only.\n"
             "Its users, one per role, and their published passphrases:\n\n"),
           cli->database_path);
  print_demo_users ();
  if (scale > 0)
    g_print (_("\nYoung persons: %u (%u without a personnummer), guardians: %u, cases: %u, "
               "concerns: %u, consents: %u, notes: %u, mappings: %u, meetings: %u, "
               "plan actions: %u, follow-ups: %u.\n"),
             counts.persons, counts.persons_without_number, counts.guardians, counts.cases,
             counts.concerns, counts.consents, counts.notes, counts.mappings, counts.meetings,
             counts.plan_actions, counts.follow_ups);

  return TRUE;
}

gboolean
sam_cli_command_verify (SamCli  *cli,
                        char   **args,
                        GError **error)
{
  g_auto(GStrv) rest = NULL;
  g_autoptr(SamSession) session = NULL;

  if (!(rest = sam_cli_parse_command (cli, args, NULL, error)) ||
      !(session = sam_cli_unlock (cli, FALSE, error)) ||
      !sam_maintenance_verify (session, error))
    return FALSE;

  g_print (_("The database “%s” passed the cipher integrity check, the SQLite integrity check "
             "and the audit chain check.\n"),
           cli->database_path);

  return TRUE;
}

gboolean
sam_cli_command_backup (SamCli  *cli,
                        char   **args,
                        GError **error)
{
  g_auto(GStrv) rest = NULL;
  g_autoptr(SamSession) session = NULL;
  g_autofree char *keys = NULL;

  if (!(rest = sam_cli_parse_command (cli, args, NULL, error)) ||
      !(session = sam_cli_unlock (cli, FALSE, error)) ||
      !sam_maintenance_backup (session, rest[0], error))
    return FALSE;

  keys = sam_keyslot_file_path_for_database (rest[0]);
  g_print (_("Backed up “%s” to “%s”, with its key file “%s”. Keep the two files together: "
             "the backup cannot be opened without its key file.\n"),
           cli->database_path, rest[0], keys);

  return TRUE;
}

gboolean
sam_cli_command_restore (SamCli  *cli,
                         char   **args,
                         GError **error)
{
  g_auto(GStrv) rest = NULL;
  g_autoptr(SamSecret) passphrase = NULL;
  g_autofree char *prompt = NULL;
  g_autofree char *previous = NULL;

  if (!(rest = sam_cli_parse_command (cli, args, NULL, error)) ||
      !sam_cli_require_user (cli, error) ||
      !sam_cli_prepare_new_database (cli, error))
    return FALSE;

  prompt = g_strdup_printf (_("Passphrase for %s in the backup: "), cli->user_name);
  if (!(passphrase = sam_cli_read_passphrase (cli, prompt, error)) ||
      !sam_maintenance_restore (cli->database_path, rest[0], cli->user_name,
                                passphrase, &previous, error))
    return FALSE;

  g_print (_("Restored “%s” from the backup “%s”.\n"), cli->database_path, rest[0]);
  if (previous != NULL)
    g_print (_("The database it replaced is kept as “%s”, with its key file.\n"), previous);

  return TRUE;
}

gboolean
sam_cli_command_recover (SamCli  *cli,
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
  g_autoptr(SamSecret) recovery_code = NULL;
  g_autoptr(SamSecret) new_passphrase = NULL;

  if (!(rest = sam_cli_parse_command (cli, args, entries, error)) ||
      !(recovery_code = sam_cli_read_passphrase (cli, _("Recovery key: "), error)) ||
      !sam_cli_read_new_passphrase (cli, new_passphrase_file, rest[0],
                                    SAM_CLI_NEW_PASSPHRASE_PROMPT, &new_passphrase, error))
    return FALSE;

  if (new_passphrase == NULL)
    {
      g_set_error (error, SAM_CLI_ERROR, SAM_CLI_ERROR_USAGE,
                   _("No new passphrase was given for %s: use --new-passphrase-file FILE, "
                     "or write it on the line after the recovery key."),
                   rest[0]);
      return FALSE;
    }

  if (!sam_maintenance_recover (cli->database_path, recovery_code, rest[0],
                                new_passphrase, error))
    return FALSE;

  g_print (_("Set a new passphrase for %s with the recovery key.\n"), rest[0]);

  return TRUE;
}
