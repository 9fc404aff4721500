/* main.c: the entry point of the samverka binary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "samverka"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sam-application.h"
#include "sam-i18n.h"
#include "sam-log.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SamApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* $SAMVERKA_LOCALEDIR points an uninstalled build at its own catalogues. */
  sam_i18n_init ();

  /* The audit log's head goes to the system log at every lock. */
  g_log_set_writer_func (sam_log_writer, NULL, NULL);

  app = sam_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
