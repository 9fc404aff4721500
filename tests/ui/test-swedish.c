/* test-swedish.c: the app in Swedish under a Swedish locale
 *
 * Reads the catalogue the build compiled (po/sv/LC_MESSAGES/samverka.mo)
 * through $SAMVERKA_LOCALEDIR, which tests/meson.build sets, exactly as the
 * app binds it in main.c. build-aux/setup.sh generates sv_SE.UTF-8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-swedish"

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "sam-audit-page.h"
#include "sam-ui-test-util.h"
#include "sam-unlock-page.h"
#include "sam-window.h"
#include "sam-workspace.h"
#include "samverka-core.h"

#define SWEDISH_LOCALE  "sv_SE.UTF-8"
#define UNLOCK_TIMEOUT  60

#define ANNA_NAME       "anna"
#define ANNA_PASSPHRASE "anna passphrase 1"
#define ANNA_AGENCY     "Socialtjänsten Ryd"

#define BO_NAME         "bo"
#define BO_PASSPHRASE   "bo passphrase 1"
#define BO_AGENCY       "Rydskolan"

/* The msgstr of po/sv.po, spelled out: the test checks the catalogue, so it
 * must not ask gettext what it expects. */
#define SV_UNLOCK_TITLE       "Lås upp Samverka"
#define SV_UNLOCK_DESCRIPTION "Logga in med ditt användarnamn och din lösenfras."
#define SV_CASES              "Ärenden"
#define SV_MY_CASES           "Mina ärenden"
#define SV_CONCERN_INBOX      "Inkomna orosignaler"

static gboolean have_swedish;

static gboolean
skip_without_swedish (void)
{
  if (have_swedish)
    return FALSE;

  g_test_skip ("the locale " SWEDISH_LOCALE " is not available; "
               "build-aux/setup.sh generates it");
  return TRUE;
}

static SamWindow *
create_window (const char *database_path)
{
  SamWindow *window;

  window = g_object_new (SAM_TYPE_WINDOW, "database-path", database_path, NULL);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  sam_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (window)), 10);

  return window;
}

static void
destroy_window (SamWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static GtkWidget *
window_child (SamWindow  *window,
              const char *name)
{
  return sam_test_child (GTK_WIDGET (window), SAM_TYPE_WINDOW, name);
}

static GtkWidget *
unlock_child (SamWindow  *window,
              const char *name)
{
  return sam_test_child (window_child (window, "unlock_page"), SAM_TYPE_UNLOCK_PAGE, name);
}

static GtkWidget *
sidebar (SamWindow *window)
{
  return sam_test_child (window_child (window, "workspace"), SAM_TYPE_WORKSPACE, "sidebar_list");
}

static void
unlock (SamWindow  *window,
        const char *user_name,
        const char *passphrase)
{
  SamUnlockPage *page = SAM_UNLOCK_PAGE (window_child (window, "unlock_page"));

  gtk_editable_set_text (GTK_EDITABLE (unlock_child (window, "user_row")), user_name);
  gtk_editable_set_text (GTK_EDITABLE (unlock_child (window, "passphrase_row")), passphrase);
  g_signal_emit_by_name (unlock_child (window, "unlock_button"), "clicked");
  sam_test_wait_until (!sam_unlock_page_get_busy (page), UNLOCK_TIMEOUT);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (window_child (window, "stack"))),
                   ==, "session");
}

/* The unlock page, before anyone signs in. */
static void
assert_unlock_page_in_swedish (SamWindow *window)
{
  GtkWidget *root = GTK_WIDGET (window);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (window_child (window, "stack"))),
                   ==, "unlock");
  g_assert_true (sam_test_shows_text (root, SV_UNLOCK_TITLE));
  g_assert_true (sam_test_shows_text (root, SV_UNLOCK_DESCRIPTION));
  g_assert_false (sam_test_holds_text (root, "Unlock Samverka"));
  g_assert_false (sam_test_holds_text (root, "Sign in with your user name and passphrase."));
}

static void
test_swedish_social_worker (void)
{
  g_autoptr(SamTestDatabase) db = NULL;
  SamWindow *window;
  GtkWidget *list;

  if (skip_without_swedish ())
    return;

  db = sam_test_database_new (FALSE);
  sam_test_database_add_user (db, ANNA_NAME, "Anna Andersson", SAM_ROLE_SOCIAL,
                              ANNA_AGENCY, SAM_AGENCY_KIND_SOCIAL_SERVICES,
                              ANNA_PASSPHRASE, NULL);
  window = create_window (db->path);

  assert_unlock_page_in_swedish (window);

  unlock (window, ANNA_NAME, ANNA_PASSPHRASE);

  list = sidebar (window);
  g_assert_true (sam_test_shows_text (list, SV_CASES));
  g_assert_true (sam_test_shows_text (list, SV_CONCERN_INBOX));
  g_assert_false (sam_test_shows_text (GTK_WIDGET (window), "Cases"));
  g_assert_false (sam_test_shows_text (GTK_WIDGET (window), "Concern Inbox"));

  destroy_window (window);
}

static void
test_swedish_front_line (void)
{
  g_autoptr(SamTestDatabase) db = NULL;
  SamWindow *window;
  GtkWidget *list;

  if (skip_without_swedish ())
    return;

  db = sam_test_database_new (FALSE);
  sam_test_database_add_user (db, BO_NAME, "Bo Berg", SAM_ROLE_SCHOOL,
                              BO_AGENCY, SAM_AGENCY_KIND_SCHOOL,
                              BO_PASSPHRASE, NULL);
  window = create_window (db->path);

  assert_unlock_page_in_swedish (window);

  unlock (window, BO_NAME, BO_PASSPHRASE);

  list = sidebar (window);
  g_assert_true (sam_test_shows_text (list, SV_MY_CASES));
  g_assert_false (sam_test_shows_text (GTK_WIDGET (window), "My Cases"));

  destroy_window (window);
}

/* At 1280 pixels, beside the 300-pixel sidebar, the audit log's page must
 * fit without folding the sidebar away: its five section names in Swedish
 * take 1 217 pixels in one row. */
static void
test_swedish_audit_page_fits (void)
{
  g_autoptr(GtkWidget) page = NULL;
  GtkWindow *window;
  int min_width;

  if (skip_without_swedish ())
    return;

  page = g_object_ref_sink (sam_audit_page_new ());
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  sam_test_wait_until (gtk_widget_get_mapped (page), 10);

  g_assert_true (sam_test_holds_text (page, "Misslyckade inloggningar"));
  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 1280 - 300 - 1);

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  /* Before GTK starts, so that it too comes up Swedish; LANGUAGE beats any
   * language list the caller's environment holds. */
  g_setenv ("LC_ALL", SWEDISH_LOCALE, TRUE);
  g_setenv ("LANGUAGE", "sv", TRUE);

  sam_test_init (&argc, &argv);

  /* gtk_test_init() sets its own locale; take Swedish back. */
  have_swedish = setlocale (LC_ALL, SWEDISH_LOCALE) != NULL;
  sam_i18n_init ();

  g_test_add_func ("/swedish/social-worker", test_swedish_social_worker);
  g_test_add_func ("/swedish/front-line", test_swedish_front_line);
  g_test_add_func ("/swedish/audit-page-fits", test_swedish_audit_page_fits);

  return g_test_run ();
}
