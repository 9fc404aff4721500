/* samverka-cli.c: the core of Samverka from the command line (DESIGN §8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "samverka-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "sam-cli.h"

/* The exit status is part of the stable interface (DESIGN §8). */
typedef enum
{
  SAM_CLI_EXIT_OK = 0,
  SAM_CLI_EXIT_USAGE = 1,
  SAM_CLI_EXIT_UNLOCK = 2,
  SAM_CLI_EXIT_INTEGRITY = 3,
  SAM_CLI_EXIT_DENIED = 4,
  SAM_CLI_EXIT_INPUT = 5,
} SamCliExit;

/* Every error a command can end with, and the status it exits with.
 * A code of -1 stands for every code of its domain; whatever is not listed
 * exits with %SAM_CLI_EXIT_INPUT. */
static const struct
{
  GQuark     (*domain) (void);
  int          code;
  SamCliExit   status;
} exit_statuses[] = {
  { g_option_error_quark, -1, SAM_CLI_EXIT_USAGE },
  { sam_cli_error_quark, SAM_CLI_ERROR_USAGE, SAM_CLI_EXIT_USAGE },
  { sam_cli_error_quark, SAM_CLI_ERROR_INPUT, SAM_CLI_EXIT_INPUT },
  { sam_keyslot_error_quark, SAM_KEYSLOT_ERROR_WRONG_PASSPHRASE, SAM_CLI_EXIT_UNLOCK },
  { sam_keyslot_error_quark, SAM_KEYSLOT_ERROR_UNKNOWN_USER, SAM_CLI_EXIT_UNLOCK },
  { sam_keyslot_error_quark, SAM_KEYSLOT_ERROR_BACKED_OFF, SAM_CLI_EXIT_UNLOCK },
  { sam_store_error_quark, SAM_STORE_ERROR_DISABLED, SAM_CLI_EXIT_UNLOCK },
  { sam_database_error_quark, SAM_DATABASE_ERROR_CORRUPT, SAM_CLI_EXIT_INTEGRITY },
  { sam_database_error_quark, SAM_DATABASE_ERROR_FOREIGN, SAM_CLI_EXIT_INTEGRITY },
  { sam_database_error_quark, SAM_DATABASE_ERROR_INTEGRITY, SAM_CLI_EXIT_INTEGRITY },
  { sam_database_error_quark, SAM_DATABASE_ERROR_NO_SQLCIPHER, SAM_CLI_EXIT_INTEGRITY },
  { sam_database_error_quark, SAM_DATABASE_ERROR_TOO_NEW, SAM_CLI_EXIT_INTEGRITY },
  { sam_keyslot_error_quark, SAM_KEYSLOT_ERROR_DAMAGED, SAM_CLI_EXIT_INTEGRITY },
  { sam_keyslot_error_quark, SAM_KEYSLOT_ERROR_UNSUPPORTED, SAM_CLI_EXIT_INTEGRITY },
  { sam_keyslot_error_quark, SAM_KEYSLOT_ERROR_MISSING, SAM_CLI_EXIT_INTEGRITY },
  { sam_keyslot_error_quark, SAM_KEYSLOT_ERROR_WEAK_PARAMETERS, SAM_CLI_EXIT_INTEGRITY },
  { sam_policy_error_quark, -1, SAM_CLI_EXIT_DENIED },
  { sam_store_error_quark, SAM_STORE_ERROR_INVALID, SAM_CLI_EXIT_INPUT },
  { sam_store_error_quark, SAM_STORE_ERROR_EXISTS, SAM_CLI_EXIT_INPUT },
  { sam_store_error_quark, SAM_STORE_ERROR_NOT_FOUND, SAM_CLI_EXIT_INPUT },
  { sam_keyslot_error_quark, SAM_KEYSLOT_ERROR_WEAK_PASSPHRASE, SAM_CLI_EXIT_INPUT },
  { sam_database_error_quark, SAM_DATABASE_ERROR_NOT_FOUND, SAM_CLI_EXIT_INPUT },
  { sam_database_error_quark, SAM_DATABASE_ERROR_EXISTS, SAM_CLI_EXIT_INPUT },
  { sam_database_error_quark, SAM_DATABASE_ERROR_IO, SAM_CLI_EXIT_INPUT },
};

/* The names, arguments and summaries also make up `samverka-cli --help`. */
static const SamCliCommand commands[] = {
  { "init", "", N_("Create a database and its key file, with a first administrator. "
                   "Prints the recovery key once."),
    0, sam_cli_command_init },
  { "demo", "", N_("Create a demo database with one demo user per role and made-up young "
                   "persons, concerns, cases, consents, notes, meetings, plans and "
                   "follow-ups."),
    0, sam_cli_command_demo },
  { "user add", N_("NAME"), N_("Add a user. Without a new passphrase, prints a one-time "
                               "passphrase that must be changed at the first unlock."),
    1, sam_cli_command_user_add },
  { "user list", "", N_("List the users."),
    0, sam_cli_command_user_list },
  { "user disable", N_("NAME"), N_("Disable a user, who can then no longer unlock."),
    1, sam_cli_command_user_disable },
  { "user passwd", N_("NAME"), N_("Change your own passphrase, or set a new one for another "
                                  "user (administrators)."),
    1, sam_cli_command_user_passwd },
  { "user role", N_("NAME ROLE"), N_("Give a user another role; it must fit their agency."),
    2, sam_cli_command_user_role },
  { "agency add", N_("NAME"), N_("Add an agency."),
    1, sam_cli_command_agency_add },
  { "agency list", "", N_("List the agencies."),
    0, sam_cli_command_agency_list },
  { "area add", N_("NAME"), N_("Add an area (district) that agencies and summaries group by."),
    1, sam_cli_command_area_add },
  { "area list", "", N_("List the areas."),
    0, sam_cli_command_area_list },
  { "verify", "", N_("Check the cipher integrity, the SQLite integrity and the audit chain of "
                     "the database."),
    0, sam_cli_command_verify },
  { "audit head", "", N_("Print the head of the audit log as SEQ:HASH, to keep elsewhere as an "
                         "anchor."),
    0, sam_cli_command_audit_head },
  { "audit verify", "", N_("Recompute the audit chain; with --anchor, also detect entries cut off "
                           "after the anchor."),
    0, sam_cli_command_audit_verify },
  { "audit list", "", N_("List audit log entries, filtered by user, person, case, action or time."),
    0, sam_cli_command_audit_list },
  { "audit extract", N_("PERSON"), N_("List every entry about one person: who has read their "
                                      "data, and when."),
    1, sam_cli_command_audit_extract },
  { "backup", N_("DEST"), N_("Write an encrypted, verified copy of the database and its key "
                             "file to DEST."),
    1, sam_cli_command_backup },
  { "restore", N_("SRC"), N_("Replace the database with the backup SRC after verifying it. "
                             "--user signs in with the backup’s key file."),
    1, sam_cli_command_restore },
  { "recover", N_("NAME"), N_("Set a new passphrase for the administrator NAME with the "
                              "recovery key."),
    1, sam_cli_command_recover },
  { "summary", "", N_("Print an anonymised summary as a unit manager: counts, the consent rate "
                      "or the median days to the first meeting, by one or two dimensions, with "
                      "small numbers withheld."),
    0, sam_cli_command_summary },
  { "settings list", "", N_("List the organisation’s settings: the smallest number summaries show, "
                            "the bounds of the auto-lock and the default meeting reminders."),
    0, sam_cli_command_settings_list },
  { "settings set", N_("KEY VALUE"), N_("Change one of the organisation’s settings "
                                        "(administrators)."),
    2, sam_cli_command_settings_set },
};

/* The full synopsis of each command for `samverka-cli --help`; the option
 * names are part of the interface and are not translated. */
static const char *synopses[] = {
  "init --admin NAME [--display-name TEXT] [--agency NAME]",
  "demo [--scale N] [--seed S]",
  "user add NAME --role ROLE --agency AGENCY [--display-name TEXT] [--new-passphrase-file FILE]",
  "user list",
  "user disable NAME",
  "user passwd NAME [--new-passphrase-file FILE]",
  "user role NAME ROLE",
  "agency add NAME --kind KIND [--area AREA]",
  "agency list",
  "area add NAME",
  "area list",
  "verify",
  "audit head",
  "audit verify [--anchor SEQ:HASH]",
  "audit list [--user NAME] [--person ID] [--case ID] [--action ACTION] [--from DATE] [--to DATE] [--limit N]",
  "audit extract PERSON",
  "backup DEST",
  "restore SRC",
  "recover NAME [--new-passphrase-file FILE]",
  "summary --by DIM[,DIM] [--measure MEASURE] [--from DATE] [--to DATE] [--format text|csv|json]",
  "settings list",
  "settings set KEY VALUE",
};

G_STATIC_ASSERT (G_N_ELEMENTS (synopses) == G_N_ELEMENTS (commands));

static int
exit_status_for_error (const GError *error)
{
  for (guint i = 0; i < G_N_ELEMENTS (exit_statuses); i++)
    {
      if (error->domain == exit_statuses[i].domain () &&
          (exit_statuses[i].code == -1 || error->code == exit_statuses[i].code))
        return exit_statuses[i].status;
    }

  return SAM_CLI_EXIT_INPUT;
}

static void
sam_cli_clear (SamCli *cli)
{
  g_clear_pointer (&cli->database_path, g_free);
  g_clear_pointer (&cli->user_name, g_free);
  g_clear_pointer (&cli->passphrase_file, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SamCli, sam_cli_clear)

static char *
describe_commands (void)
{
  GString *text = g_string_new (_("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "\n  %s\n      %s", synopses[i], _(commands[i].summary));

  g_string_append_printf (text, "\n\n%s\n\n%s",
                          _("Passphrases are never taken from the command line. The signed-in "
                            "user’s passphrase (or the recovery key) is read from "
                            "--passphrase-file, else from the first line of standard input "
                            "when it is not a terminal, else from a prompt without echo. "
                            "A new passphrase is read from --new-passphrase-file, else from the "
                            "next line of standard input."),
                          sam_cli_get_exit_status_help ());

  return g_string_free (text, FALSE);
}

static GOptionContext *
global_option_context (SamCli   *cli,
                       gboolean *show_version)
{
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &cli->database_path,
      N_("The database (default: $SAMVERKA_DATABASE or $XDG_DATA_HOME/samverka/samverka.db)"),
      N_("PATH") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &cli->user_name,
      N_("Sign in as NAME"), N_("NAME") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &cli->passphrase_file,
      N_("Read the passphrase from the first line of FILE"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, show_version,
      N_("Show the version and exit"), NULL },
    { NULL }
  };
  g_autofree char *description = describe_commands ();
  GOptionContext *context;

  context = g_option_context_new (_("COMMAND [ARGUMENT…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Manage a Samverka database: users, agencies, "
                                  "integrity checks and backups."));
  g_option_context_set_description (context, description);
  /* Stop at the command, whose own options follow it. */
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  return context;
}

static gboolean
parse_global_options (SamCli    *cli,
                      char    ***args,
                      gboolean  *show_version,
                      GError   **error)
{
  g_autoptr(GOptionContext) context = global_option_context (cli, show_version);

  if (!g_option_context_parse_strv (context, args, error))
    return FALSE;

  cli->database_is_default = cli->database_path == NULL;
  if (cli->database_is_default)
    cli->database_path = sam_database_default_path ();
  cli->stdin_is_terminal = isatty (STDIN_FILENO);

  return TRUE;
}

static gboolean
command_matches (const SamCliCommand  *command,
                 char                **args,
                 guint                *out_n_words)
{
  g_auto(GStrv) words = g_strsplit (command->name, " ", -1);
  guint n_words = g_strv_length (words);

  for (guint i = 0; i < n_words; i++)
    {
      if (args[i] == NULL || !g_str_equal (args[i], words[i]))
        return FALSE;
    }

  *out_n_words = n_words;
  return TRUE;
}

static char *
list_subcommands (const char *group)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *prefix = g_strconcat (group, " ", NULL);
  g_auto(GStrv) names = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_has_prefix (commands[i].name, prefix))
        g_strv_builder_add (builder, commands[i].name + strlen (prefix));
    }
  names = g_strv_builder_end (builder);

  return names[0] != NULL ? g_strjoinv (", ", names) : NULL;
}

static const SamCliCommand *
find_command (char   **args,
              guint   *out_n_words,
              GError **error)
{
  g_autofree char *subcommands = NULL;

  if (args[0] == NULL)
    {
      g_set_error_literal (error, SAM_CLI_ERROR, SAM_CLI_ERROR_USAGE,
                           _("No command was given."));
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (command_matches (&commands[i], args, out_n_words))
        return &commands[i];
    }

  subcommands = list_subcommands (args[0]);
  if (subcommands != NULL)
    g_set_error (error, SAM_CLI_ERROR, SAM_CLI_ERROR_USAGE,
                 _("“%s” needs one of these commands: %s."), args[0], subcommands);
  else
    g_set_error (error, SAM_CLI_ERROR, SAM_CLI_ERROR_USAGE,
                 _("Unknown command “%s”."), args[0]);

  return NULL;
}

static int
fail (const SamCli *cli,
      const GError *error)
{
  int status = exit_status_for_error (error);

  g_printerr ("samverka-cli: %s\n", error->message);

  if (status == SAM_CLI_EXIT_USAGE && cli->command != NULL)
    g_printerr (_("Try “samverka-cli %s --help” for more information.\n"), cli->command->name);
  else if (status == SAM_CLI_EXIT_USAGE)
    g_printerr (_("Try “samverka-cli --help” for more information.\n"));

  return status;
}

static int
run (int    argc,
     char **argv)
{
  g_auto(SamCli) cli = { 0 };
  g_auto(GStrv) args = g_strdupv (argv);
  g_autoptr(GError) error = NULL;
  gboolean show_version = FALSE;
  guint n_words = 0;

  if (!parse_global_options (&cli, &args, &show_version, &error))
    return fail (&cli, error);

  if (show_version)
    {
      g_print ("samverka-cli %s\n", PACKAGE_VERSION);
      return SAM_CLI_EXIT_OK;
    }

  cli.command = find_command (args + 1, &n_words, &error);
  if (cli.command == NULL || !cli.command->run (&cli, args + 1 + n_words, &error))
    return fail (&cli, error);

  return SAM_CLI_EXIT_OK;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;

  /* Before anything else: no core dump may ever hold a key. */
  if (!sam_security_init (&error))
    {
      g_printerr ("samverka-cli: %s\n", error->message);
      return SAM_CLI_EXIT_INTEGRITY;
    }

  setlocale (LC_ALL, "");
  sam_i18n_init ();
  g_set_prgname ("samverka-cli");
  /* The audit log's head goes to the system log at every lock. */
  g_log_set_writer_func (sam_log_writer, NULL, NULL);

  return run (argc, argv);
}
