/* sam-i18n.c: where the app and the CLI find their translations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sam-i18n.h"

#include <glib/gi18n-lib.h>

/**
 * sam_i18n_get_localedir:
 *
 * The environment variable `SAMVERKA_LOCALEDIR` names another directory of
 * compiled catalogues (`LANG/LC_MESSAGES/samverka.mo`), so that an uninstalled
 * build and its tests find the build tree's own. Unset or empty, the
 * installed one is used.
 *
 * Returns: `$SAMVERKA_LOCALEDIR`, or the installed locale directory
 */
const char *
sam_i18n_get_localedir (void)
{
  const char *env = g_getenv ("SAMVERKA_LOCALEDIR");

  if (env != NULL && *env != '\0')
    return env;

  return LOCALEDIR;
}

/**
 * sam_i18n_init:
 *
 * Binds the text domain to sam_i18n_get_localedir() in UTF-8 and makes it
 * the default, which GtkBuilder's templates use too. Call it after
 * setlocale().
 */
void
sam_i18n_init (void)
{
  bindtextdomain (GETTEXT_PACKAGE, sam_i18n_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
