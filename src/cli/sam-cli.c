/* sam-cli.c: what the commands of samverka-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "samverka-cli"

#include "config.h"

#include "sam-cli.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "sam-cli-input.h"

G_DEFINE_QUARK (sam-cli-error-quark, sam_cli_error)

/**
 * sam_cli_get_exit_status_help:
 *
 * Returns: the paragraph of `--help` that documents the exit status
 */
const char *
sam_cli_get_exit_status_help (void)
{
  return _("Exit status:\n"
           "  0  success\n"
           "  1  usage: unknown command or option, missing argument\n"
           "  2  wrong passphrase or recovery key, unknown or disabled user,\n"
           "     or too many failed attempts (wait and try again)\n"
           "  3  damaged, foreign or unsupported database or key file,\n"
           "     or a failed integrity check\n"
           "  4  denied by policy, or a one-time passphrase must be changed first\n"
           "  5  bad input or any other error; the message says what and where");
}

static GOptionContext *
command_option_context (SamCli             *cli,
                        const GOptionEntry *entries)
{
  const SamCliCommand *command = cli->command;
  g_autofree char *prgname = g_strdup_printf ("samverka-cli %s", command->name);
  g_autofree char *description = NULL;
  GOptionContext *context;

  /* GOptionContext writes the program name into its usage line. */
  g_set_prgname (prgname);

  description = g_strdup_printf ("%s\n\n%s",
                                 _("Global options (--database, --user, --passphrase-file) "
                                   "go before the command; see “samverka-cli --help”."),
                                 sam_cli_get_exit_status_help ());

  context = g_option_context_new (command->parameters[0] != '\0' ? _(command->parameters) : NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(command->summary));
  g_option_context_set_description (context, description);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  return context;
}

static gboolean
check_argument_count (const SamCliCommand  *command,
                      char                **args,
                      GError              **error)
{
  guint n_args = g_strv_length (args);

  if (n_args < command->n_args)
    {
      g_set_error (error, SAM_CLI_ERROR, SAM_CLI_ERROR_USAGE,
                   _("“%s” is missing an argument: %s"),
                   command->name, _(command->parameters));
      return FALSE;
    }

  if (n_args > command->n_args)
    {
      g_set_error (error, SAM_CLI_ERROR, SAM_CLI_ERROR_USAGE,
                   _("“%s” does not take the argument “%s”."),
                   command->name, args[command->n_args]);
      return FALSE;
    }

  return TRUE;
}

/**
 * sam_cli_parse_command:
 * @cli: the command line
 * @args: the arguments after the command's name
 * @entries: (nullable): the command's options
 * @error: return location for a #GError
 *
 * Parses the command's options into @entries and checks that exactly as
 * many positional arguments remain as the command takes. `--help` prints
 * the command's help and exits.
 *
 * Returns: (transfer full): the positional arguments, or %NULL on a usage
 *   error
 */
char **
sam_cli_parse_command (SamCli              *cli,
                       char               **args,
                       const GOptionEntry  *entries,
                       GError             **error)
{
  g_autoptr(GOptionContext) context = command_option_context (cli, entries);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;

  g_strv_builder_add (builder, g_get_prgname ());
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);

  if (!g_option_context_parse_strv (context, &argv, error))
    return NULL;

  if (!check_argument_count (cli->command, argv + 1, error))
    return NULL;

  return g_strdupv (argv + 1);
}

/**
 * sam_cli_require_option:
 * @value: (nullable): the option's value
 * @option: the option, e.g. "--role"
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @value was given
 */
gboolean
sam_cli_require_option (const char  *value,
                        const char  *option,
                        GError     **error)
{
  if (value != NULL)
    return TRUE;

  g_set_error (error, SAM_CLI_ERROR, SAM_CLI_ERROR_USAGE,
               _("The option %s is required."), option);
  return FALSE;
}

/**
 * sam_cli_prepare_new_database:
 * @cli: the command line
 * @error: return location for a #GError
 *
 * Creates the folder of the default database, which may not exist yet on a
 * fresh account. A path given with --database is taken as it is.
 *
 * Returns: %TRUE on success
 */
gboolean
sam_cli_prepare_new_database (SamCli  *cli,
                              GError **error)
{
  g_autofree char *folder = NULL;

  if (!cli->database_is_default)
    return TRUE;

  folder = g_path_get_dirname (cli->database_path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"),
                   folder, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static SamSecret *
no_secret_given (const char  *what,
                 GError     **error)
{
  g_set_error (error, SAM_CLI_ERROR, SAM_CLI_ERROR_USAGE, "%s", what);
  return NULL;
}

/**
 * sam_cli_read_passphrase:
 * @cli: the command line
 * @prompt: what to ask on a terminal
 * @error: return location for a #GError
 *
 * Reads the signed-in user's passphrase (or a recovery key) from
 * --passphrase-file, else from the first line of standard input when it is
 * not a terminal, else from a prompt without echo.
 *
 * Returns: (transfer full): the passphrase, or %NULL on error
 */
SamSecret *
sam_cli_read_passphrase (SamCli      *cli,
                         const char  *prompt,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  SamSecret *secret;

  if (cli->passphrase_file != NULL)
    {
      secret = sam_cli_read_secret_file (cli->passphrase_file, &local_error);
      if (secret == NULL && local_error == NULL)
        g_set_error (&local_error, SAM_CLI_ERROR, SAM_CLI_ERROR_INPUT,
                     _("The passphrase file “%s” is empty."), cli->passphrase_file);
    }
  else if (!cli->stdin_is_terminal)
    {
      secret = sam_cli_read_secret_line (STDIN_FILENO, &local_error);
      if (secret == NULL && local_error == NULL)
        return no_secret_given (_("No passphrase was given: standard input is empty. "
                                  "Use --passphrase-file FILE or write it on the first line."),
                                error);
    }
  else
    {
      secret = sam_cli_prompt_secret (prompt, &local_error);
      if (secret == NULL && local_error == NULL)
        return no_secret_given (_("No passphrase was given."), error);
    }

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return secret;
}

/* Leaves *out_passphrase at %NULL when the first answer is empty. */
static gboolean
prompt_new_passphrase_twice (const char  *user_name,
                             SamSecret  **out_passphrase,
                             GError     **error)
{
  g_autofree char *prompt = g_strdup_printf (_("New passphrase for %s: "), user_name);
  g_autoptr(SamSecret) first = NULL;
  g_autoptr(SamSecret) second = NULL;
  g_autoptr(GError) local_error = NULL;

  first = sam_cli_prompt_secret (prompt, &local_error);
  if (local_error == NULL && (first == NULL || sam_secret_get_length (first) == 0))
    return TRUE;

  if (local_error == NULL)
    second = sam_cli_prompt_secret (_("Repeat the new passphrase: "), &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (second == NULL || !sam_secret_equal (first, second))
    {
      g_set_error (error, SAM_CLI_ERROR, SAM_CLI_ERROR_INPUT,
                   _("The two passphrases for %s do not match."), user_name);
      return FALSE;
    }

  *out_passphrase = g_steal_pointer (&first);
  return TRUE;
}

/**
 * sam_cli_read_chosen_passphrase:
 * @cli: the command line
 * @user_name: whose passphrase it will be
 * @error: return location for a #GError
 *
 * Reads a passphrase that a person chooses for themselves, as `init` does
 * for the first administrator: from the same sources as
 * sam_cli_read_passphrase(), but a terminal asks twice.
 *
 * Returns: (transfer full): the passphrase, or %NULL on error
 */
SamSecret *
sam_cli_read_chosen_passphrase (SamCli      *cli,
                                const char  *user_name,
                                GError     **error)
{
  g_autoptr(SamSecret) secret = NULL;

  if (cli->passphrase_file != NULL || !cli->stdin_is_terminal)
    return sam_cli_read_passphrase (cli, NULL, error);

  if (!prompt_new_passphrase_twice (user_name, &secret, error))
    return NULL;

  if (secret == NULL)
    return no_secret_given (_("No passphrase was given."), error);

  return g_steal_pointer (&secret);
}

/**
 * sam_cli_read_new_passphrase:
 * @cli: the command line
 * @file: (nullable): the value of --new-passphrase-file
 * @user_name: whose passphrase it will be
 * @mode: whether a terminal is asked
 * @out_passphrase: (out) (transfer full) (nullable): the new passphrase, or
 *   %NULL when none was given
 * @error: return location for a #GError
 *
 * Reads a new passphrase from @file, else from the next line of standard
 * input when it is not a terminal, else, if @mode says so, from two
 * prompts without echo.
 *
 * Returns: %TRUE unless reading failed; %TRUE with *@out_passphrase %NULL
 *   means that none was given
 */
gboolean
sam_cli_read_new_passphrase (SamCli               *cli,
                             const char           *file,
                             const char           *user_name,
                             SamCliNewPassphrase   mode,
                             SamSecret           **out_passphrase,
                             GError              **error)
{
  g_autoptr(GError) local_error = NULL;

  *out_passphrase = NULL;

  if (file != NULL)
    {
      *out_passphrase = sam_cli_read_secret_file (file, &local_error);
      if (*out_passphrase == NULL && local_error == NULL)
        g_set_error (&local_error, SAM_CLI_ERROR, SAM_CLI_ERROR_INPUT,
                     _("The new passphrase file “%s” is empty."), file);
    }
  else if (!cli->stdin_is_terminal)
    *out_passphrase = sam_cli_read_secret_line (STDIN_FILENO, &local_error);
  else if (mode == SAM_CLI_NEW_PASSPHRASE_PROMPT)
    return prompt_new_passphrase_twice (user_name, out_passphrase, error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static void
warn_about_failed_attempts (SamSession *session)
{
  guint failed = sam_session_get_failed_attempts (session);

  if (failed == 0)
    return;

  g_printerr (ngettext ("Warning: %u failed attempt to unlock as %s since the last unlock.\n",
                        "Warning: %u failed attempts to unlock as %s since the last unlock.\n",
                        failed),
              failed, sam_session_get_user_name (session));
}

/**
 * sam_cli_require_user:
 * @cli: the command line
 * @error: return location for a #GError
 *
 * Returns: %TRUE if --user was given
 */
gboolean
sam_cli_require_user (SamCli  *cli,
                      GError **error)
{
  if (cli->user_name != NULL)
    return TRUE;

  g_set_error (error, SAM_CLI_ERROR, SAM_CLI_ERROR_USAGE,
               _("“%s” needs a signed-in user: give --user NAME before the command."),
               cli->command->name);
  return FALSE;
}

/**
 * sam_cli_unlock:
 * @cli: the command line
 * @may_change_own_passphrase: %TRUE for the one command a user with a
 *   one-time passphrase may run: changing it
 * @error: return location for a #GError
 *
 * Signs in the user of --user with their passphrase.
 *
 * Returns: (transfer full): the session, or %NULL on error
 */
SamSession *
sam_cli_unlock (SamCli    *cli,
                gboolean   may_change_own_passphrase,
                GError   **error)
{
  g_autoptr(SamSecret) passphrase = NULL;
  g_autoptr(SamSession) session = NULL;
  g_autofree char *prompt = NULL;

  if (!sam_cli_require_user (cli, error))
    return NULL;

  prompt = g_strdup_printf (_("Passphrase for %s: "), cli->user_name);
  passphrase = sam_cli_read_passphrase (cli, prompt, error);
  if (passphrase == NULL)
    return NULL;

  session = sam_session_unlock (cli->database_path, cli->user_name, passphrase, error);
  if (session == NULL)
    return NULL;

  warn_about_failed_attempts (session);

  if (sam_session_get_must_change_passphrase (session) && !may_change_own_passphrase)
    {
      g_set_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_MUST_CHANGE_PASSPHRASE,
                   _("%s must choose a new passphrase before doing anything else: "
                     "run “samverka-cli user passwd %s” with the same --database and --user."),
                   cli->user_name, cli->user_name);
      return NULL;
    }

  return g_steal_pointer (&session);
}
