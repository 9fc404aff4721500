/* sam-cli-settings.c: the municipality's settings from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "samverka-cli"

#include "config.h"

#include "sam-cli.h"

#include <glib/gi18n.h>

#include "sam-cli-table.h"

static char *
list_settings (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (SamSetting s = 0; s < SAM_N_SETTINGS; s++)
    g_strv_builder_add (builder, sam_setting_to_string (s));
  ids = g_strv_builder_end (builder);

  return g_strjoinv (", ", ids);
}

static gboolean
parse_setting (const char  *string,
               SamSetting  *out_setting,
               GError     **error)
{
  g_autofree char *known = NULL;

  if (sam_setting_from_string (string, out_setting))
    return TRUE;

  known = list_settings ();
  g_set_error (error, SAM_CLI_ERROR, SAM_CLI_ERROR_INPUT,
               _("There is no setting “%s”. Choose one of: %s."), string, known);
  return FALSE;
}

gboolean
sam_cli_command_settings_list (SamCli  *cli,
                               char   **args,
                               GError **error)
{
  g_auto(GStrv) rest = NULL;
  g_autoptr(SamSession) session = NULL;
  g_autoptr(SamCliTable) table = NULL;
  SamSettings settings;

  if (!(rest = sam_cli_parse_command (cli, args, NULL, error)) ||
      !(session = sam_cli_unlock (cli, FALSE, error)) ||
      !sam_settings_load (session, &settings, error))
    return FALSE;

  table = sam_cli_table_new (_("SETTING"), _("VALUE"), _("DEFAULT"), _("RANGE"), _("DESCRIPTION"), NULL);
  for (SamSetting s = 0; s < SAM_N_SETTINGS; s++)
    {
      g_autofree char *value = g_strdup_printf ("%u", settings.values[s]);
      g_autofree char *fallback = g_strdup_printf ("%u", sam_setting_get_default (s));
      g_autofree char *range = g_strdup_printf ("%u–%u", sam_setting_get_minimum (s),
                                                sam_setting_get_maximum (s));

      sam_cli_table_add_row (table, sam_setting_to_string (s), value, fallback, range,
                             sam_setting_get_label (s));
    }
  sam_cli_table_print (table);

  return TRUE;
}

gboolean
sam_cli_command_settings_set (SamCli  *cli,
                              char   **args,
                              GError **error)
{
  g_auto(GStrv) rest = NULL;
  g_autoptr(SamSession) session = NULL;
  SamSetting setting;
  guint value;

  /* Bad input is reported before the passphrase is asked for. */
  if (!(rest = sam_cli_parse_command (cli, args, NULL, error)) ||
      !parse_setting (rest[0], &setting, error) ||
      !sam_setting_parse (setting, rest[1], &value, error) ||
      !(session = sam_cli_unlock (cli, FALSE, error)) ||
      !sam_settings_set (session, setting, value, error))
    return FALSE;

  g_print (_("%s is now %s.\n"), sam_setting_to_string (setting), rest[1]);

  return TRUE;
}
