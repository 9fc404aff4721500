/* sam-cli-input.h: reading passphrases without leaving copies behind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "samverka-core.h"

G_BEGIN_DECLS

/* The longest passphrase or recovery code a line may hold, in bytes. */
#define SAM_CLI_SECRET_MAX_LENGTH 1024

SamSecret *sam_cli_read_secret_line  (int               fd,
                                      GError          **error);
SamSecret *sam_cli_read_secret_file  (const char       *path,
                                      GError          **error);
SamSecret *sam_cli_prompt_secret     (const char       *prompt,
                                      GError          **error);
gboolean   sam_cli_print_secret      (const SamSecret  *secret,
                                      GError          **error);

G_END_DECLS
