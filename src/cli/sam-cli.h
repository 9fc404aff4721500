/* sam-cli.h: what the commands of samverka-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_CLI_ERROR (sam_cli_error_quark ())

/**
 * SamCliError:
 * @SAM_CLI_ERROR_USAGE: an unknown command or option, or a missing argument
 * @SAM_CLI_ERROR_INPUT: an argument or a line of input is not acceptable
 */
typedef enum
{
  SAM_CLI_ERROR_USAGE,
  SAM_CLI_ERROR_INPUT,
} SamCliError;

typedef struct _SamCli SamCli;
typedef struct _SamCliCommand SamCliCommand;

typedef gboolean (*SamCliCommandFunc) (SamCli   *cli,
                                       char    **args,
                                       GError  **error);

struct _SamCliCommand
{
  const char        *name;        /* one or two words, e.g. "user add" */
  const char        *parameters;  /* positional arguments, e.g. "NAME" */
  const char        *summary;     /* N_() */
  guint              n_args;      /* how many positional arguments it takes */
  SamCliCommandFunc  run;
};

struct _SamCli
{
  char                *database_path;
  gboolean             database_is_default;
  char                *user_name;
  char                *passphrase_file;
  gboolean             stdin_is_terminal;
  const SamCliCommand *command;
};

/* How a new passphrase is asked for when standard input is a terminal. */
typedef enum
{
  SAM_CLI_NEW_PASSPHRASE_NO_PROMPT,   /* none given: the core generates one */
  SAM_CLI_NEW_PASSPHRASE_PROMPT,      /* ask twice; an empty answer means none */
} SamCliNewPassphrase;

GQuark      sam_cli_error_quark            (void);
const char *sam_cli_get_exit_status_help   (void);
char      **sam_cli_parse_command          (SamCli               *cli,
                                            char                **args,
                                            const GOptionEntry   *entries,
                                            GError              **error);
gboolean    sam_cli_require_option         (const char           *value,
                                            const char           *option,
                                            GError              **error);
gboolean    sam_cli_require_user           (SamCli               *cli,
                                            GError              **error);
gboolean    sam_cli_prepare_new_database   (SamCli               *cli,
                                            GError              **error);

SamSecret  *sam_cli_read_passphrase        (SamCli               *cli,
                                            const char           *prompt,
                                            GError              **error);
SamSecret  *sam_cli_read_chosen_passphrase (SamCli               *cli,
                                            const char           *user_name,
                                            GError              **error);
gboolean    sam_cli_read_new_passphrase    (SamCli               *cli,
                                            const char           *file,
                                            const char           *user_name,
                                            SamCliNewPassphrase   mode,
                                            SamSecret           **out_passphrase,
                                            GError              **error);
SamSession *sam_cli_unlock                 (SamCli               *cli,
                                            gboolean              may_change_own_passphrase,
                                            GError              **error);

/* The commands, one function each (sam-cli-database.c, sam-cli-directory.c,
 * sam-cli-audit.c, sam-cli-summary.c, sam-cli-settings.c). */
gboolean    sam_cli_command_init           (SamCli               *cli,
                                            char                **args,
                                            GError              **error);
gboolean    sam_cli_command_demo           (SamCli               *cli,
                                            char                **args,
                                            GError              **error);
gboolean    sam_cli_command_verify         (SamCli               *cli,
                                            char                **args,
                                            GError              **error);
gboolean    sam_cli_command_backup         (SamCli               *cli,
                                            char                **args,
                                            GError              **error);
gboolean    sam_cli_command_restore        (SamCli               *cli,
                                            char                **args,
                                            GError              **error);
gboolean    sam_cli_command_recover        (SamCli               *cli,
                                            char                **args,
                                            GError              **error);
gboolean    sam_cli_command_user_add       (SamCli               *cli,
                                            char                **args,
                                            GError              **error);
gboolean    sam_cli_command_user_list      (SamCli               *cli,
                                            char                **args,
                                            GError              **error);
gboolean    sam_cli_command_user_disable   (SamCli               *cli,
                                            char                **args,
                                            GError              **error);
gboolean    sam_cli_command_user_passwd    (SamCli               *cli,
                                            char                **args,
                                            GError              **error);
gboolean    sam_cli_command_user_role      (SamCli               *cli,
                                            char                **args,
                                            GError              **error);
gboolean    sam_cli_command_area_add       (SamCli               *cli,
                                            char                **args,
                                            GError              **error);
gboolean    sam_cli_command_area_list      (SamCli               *cli,
                                            char                **args,
                                            GError              **error);
gboolean    sam_cli_command_agency_add     (SamCli               *cli,
                                            char                **args,
                                            GError              **error);
gboolean    sam_cli_command_audit_head     (SamCli               *cli,
                                            char                **args,
                                            GError              **error);
gboolean    sam_cli_command_audit_verify   (SamCli               *cli,
                                            char                **args,
                                            GError              **error);
gboolean    sam_cli_command_audit_list     (SamCli               *cli,
                                            char                **args,
                                            GError              **error);
gboolean    sam_cli_command_audit_extract  (SamCli               *cli,
                                            char                **args,
                                            GError              **error);
gboolean    sam_cli_command_agency_list    (SamCli               *cli,
                                            char                **args,
                                            GError              **error);
gboolean    sam_cli_command_summary        (SamCli               *cli,
                                            char                **args,
                                            GError              **error);
gboolean    sam_cli_command_settings_list  (SamCli               *cli,
                                            char                **args,
                                            GError              **error);
gboolean    sam_cli_command_settings_set   (SamCli               *cli,
                                            char                **args,
                                            GError              **error);

G_END_DECLS
