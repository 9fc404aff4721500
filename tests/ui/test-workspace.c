/* test-workspace.c: the role-aware workspace and the case list, on a demo
 * municipality
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-workspace"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sam-case-list-page.h"
#include "sam-case-list-row.h"
#include "sam-case-page.h"
#include "sam-database-private.h"
#include "sam-ui-test-util.h"
#include "sam-unlock-page.h"
#include "sam-window.h"
#include "sam-workspace-page.h"
#include "sam-workspace.h"
#include "samverka-core.h"

/* Enough young persons for more cases than one page of the list holds. */
#define DEMO_SCALE 700
#define DEMO_SEED  7

#define WAIT_SECONDS 30

static SamTestDatabase *demo;

/* A page for a section the app does not build yet, to test registration. */

#define TEST_TYPE_PAGE (test_page_get_type ())
G_DECLARE_FINAL_TYPE (TestPage, test_page, TEST, PAGE, AdwBin)

struct _TestPage
{
  AdwBin      parent_instance;
  SamSession *session;
  guint       n_set_session;
};

static void test_page_iface_init (SamWorkspacePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestPage, test_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (SAM_TYPE_WORKSPACE_PAGE, test_page_iface_init))

static void
test_page_set_session (SamWorkspacePage *page,
                       SamSession       *session)
{
  TestPage *self = TEST_PAGE (page);

  g_set_object (&self->session, session);
  self->n_set_session++;
}

static void
test_page_iface_init (SamWorkspacePageInterface *iface)
{
  iface->set_session = test_page_set_session;
}

static void
test_page_dispose (GObject *object)
{
  g_clear_object (&TEST_PAGE (object)->session);
  G_OBJECT_CLASS (test_page_parent_class)->dispose (object);
}

static void
test_page_class_init (TestPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = test_page_dispose;
}

static void
test_page_init (TestPage *self)
{
}

/* Helpers ------------------------------------------------------------------------------ */

static SamSession *
unlock_demo_user (const char *user)
{
  g_autofree char *text = g_strconcat (user, SAM_DEMO_PASSPHRASE_SUFFIX, NULL);
  g_autoptr(SamSecret) passphrase = sam_secret_new_from_string (text);
  g_autoptr(GError) error = NULL;
  SamSession *session = sam_session_unlock (demo->path, user, passphrase, &error);

  g_assert_no_error (error);
  return session;
}

static GtkWindow *
create_host (SamWorkspace *workspace,
             int           width)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  g_object_ref (window);
  gtk_window_set_default_size (window, width, 700);
  gtk_window_set_child (window, GTK_WIDGET (workspace));
  gtk_window_present (window);
  sam_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (workspace)), 10);

  return window;
}

static void
destroy_host (GtkWindow *window)
{
  gtk_window_destroy (window);
  g_assert_finalize_object (window);
}

static GtkWidget *
ws_child (SamWorkspace *workspace,
          const char   *name)
{
  return sam_test_child (GTK_WIDGET (workspace), SAM_TYPE_WORKSPACE, name);
}

/* The list is counted in a worker: waits for the count in flight. */
static void
wait_listed (SamCaseListPage *page)
{
  sam_test_wait_until (!_sam_case_list_page_is_listing (page), WAIT_SECONDS);
}

static SamCaseListPage *
case_page (SamWorkspace *workspace)
{
  GtkWidget *page = sam_workspace_get_page (workspace, SAM_WORKSPACE_SECTION_CASES);

  g_assert_true (SAM_IS_CASE_LIST_PAGE (page));
  wait_listed (SAM_CASE_LIST_PAGE (page));
  return SAM_CASE_LIST_PAGE (page);
}

static GtkWidget *
page_child (SamCaseListPage *page,
            const char      *name)
{
  return sam_test_child (GTK_WIDGET (page), SAM_TYPE_CASE_LIST_PAGE, name);
}

static const char *
page_view (SamCaseListPage *page)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (page_child (page, "view_stack")));
}

/* Rows still loading are placeholders, collected only when asked for. */
static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows,
              gboolean   placeholders)
{
  SamCaseRow *row = SAM_IS_CASE_LIST_ROW (widget)
                    ? sam_case_list_row_get_row (SAM_CASE_LIST_ROW (widget)) : NULL;

  if (row != NULL && gtk_widget_get_mapped (widget) &&
      sam_case_row_get_is_placeholder (row) == placeholders)
    g_ptr_array_add (rows, row);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows, placeholders);
}

/* The cases the list view shows on screen now, by what their rows hold. */
static GPtrArray *
shown_rows (SamCaseListPage *page)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect_rows (page_child (page, "list_view"), rows, FALSE);
  return rows;
}

/* Whether the list shows cases and none is still loading. */
static gboolean
rows_ready (SamCaseListPage *page)
{
  g_autoptr(GPtrArray) loading = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = shown_rows (page);

  collect_rows (page_child (page, "list_view"), loading, TRUE);
  return rows->len > 0 && loading->len == 0;
}

static guint
n_shown_rows (SamCaseListPage *page)
{
  g_autoptr(GPtrArray) rows = shown_rows (page);

  return rows->len;
}

static guint
n_list_box_rows (GtkWidget *list_box)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list_box), n) != NULL)
    n++;

  return n;
}

static gboolean
results_have_title (SamCaseListPage *page,
                    const char      *title)
{
  GtkListBox *list = GTK_LIST_BOX (page_child (page, "results_list"));
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      if (g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title))
        return TRUE;
    }

  return FALSE;
}

static sqlite3 *
handle_of (SamSession *session)
{
  return _sam_database_get_handle (sam_session_get_database (session));
}

static gint64
query_int (SamSession *session,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (session), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (SamSession *session,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (session), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
search (SamCaseListPage *page,
        const char      *text)
{
  g_autofree char *query = g_strstrip (g_strdup (text));

  gtk_editable_set_text (GTK_EDITABLE (page_child (page, "search_entry")), text);
  /* The field waits a moment after the last key, the search runs in a
   * worker; then its outcome shows, in one view or the other. */
  sam_test_wait_until (g_strcmp0 (_sam_case_list_page_get_shown_query (page), query) == 0,
                       WAIT_SECONDS);
  g_assert_true (g_strcmp0 (page_view (page), "results") == 0 ||
                 g_strcmp0 (page_view (page), "no-matches") == 0);
}

static void
select_choice (GtkDropDown *dropdown,
               const char  *text)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) string = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (string), text))
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }

  g_error ("No choice “%s”", text);
}

static void
on_case_activated (SamWorkspace *workspace,
                   gint64        case_id,
                   gint64       *out_case_id)
{
  *out_case_id = case_id;
}

/* Tests -------------------------------------------------------------------------------- */

static void
assert_sections (const char          *user,
                 const char * const  *expected,
                 const char          *first_title)
{
  SamWorkspace *workspace = SAM_WORKSPACE (g_object_ref_sink (sam_workspace_new ()));
  GtkWindow *window = create_host (workspace, 1000);
  g_autoptr(SamSession) session = unlock_demo_user (user);
  g_auto(GStrv) ids = NULL;
  GtkWidget *content_stack = ws_child (workspace, "content_stack");

  sam_workspace_add_page_type (workspace, SAM_WORKSPACE_SECTION_CONCERN_INBOX, TEST_TYPE_PAGE);
  sam_workspace_add_page_type (workspace, SAM_WORKSPACE_SECTION_SUMMARIES, TEST_TYPE_PAGE);
  sam_workspace_set_session (workspace, session);

  ids = sam_workspace_dup_section_ids (workspace);
  g_assert_cmpstrv (ids, expected);
  g_assert_cmpuint (n_list_box_rows (ws_child (workspace, "sidebar_list")), ==, g_strv_length (ids));

  if (first_title != NULL)
    {
      /* The first section is chosen, its page shown under its title. */
      g_assert_cmpstr (sam_workspace_get_section (workspace), ==, expected[0]);
      g_assert_true (gtk_stack_get_visible_child (GTK_STACK (content_stack)) ==
                     sam_workspace_get_page (workspace, expected[0]));
      g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (ws_child (workspace, "content_title"))),
                       ==, first_title);
      g_assert_true (sam_test_shows_text (GTK_WIDGET (workspace), first_title));
    }
  else
    {
      /* Nothing made up: no rows, and a page that says so. */
      g_assert_true (gtk_stack_get_visible_child (GTK_STACK (content_stack)) ==
                     ws_child (workspace, "empty_page"));
      sam_test_wait_until (gtk_widget_get_mapped (ws_child (workspace, "empty_page")), 10);
    }

  /* Who is signed in, with role and agency. */
  g_assert_true (sam_test_shows_text (GTK_WIDGET (workspace), sam_session_get_display_name (session)));
  g_assert_true (sam_test_shows_text (GTK_WIDGET (workspace), sam_role_get_label (sam_session_get_role (session))));
  g_assert_true (sam_test_shows_text (GTK_WIDGET (workspace), sam_session_get_agency_name (session)));

  sam_workspace_set_session (workspace, NULL);
  g_assert_null (sam_workspace_get_session (workspace));
  g_clear_pointer (&ids, g_strfreev);
  ids = sam_workspace_dup_section_ids (workspace);
  g_assert_cmpuint (g_strv_length (ids), ==, 0);
  g_assert_false (sam_test_holds_text (GTK_WIDGET (workspace), sam_session_get_display_name (session)));

  destroy_host (window);
  g_assert_finalize_object (workspace);
}

static void
test_workspace_sections (void)
{
  const char * const front_line[] = { SAM_WORKSPACE_SECTION_CASES, NULL };
  const char * const social[] = { SAM_WORKSPACE_SECTION_CONCERN_INBOX, SAM_WORKSPACE_SECTION_CASES, NULL };
  const char * const manager[] = { SAM_WORKSPACE_SECTION_SUMMARIES, NULL };
  const char * const none[] = { NULL };

  /* The concern inbox and summaries stand in for pages built elsewhere;
   * "My concerns", meetings, due, users and the audit log have no page,
   * so no role sees them. */
  assert_sections ("school", front_line, "My Cases");
  assert_sections ("leisure", front_line, "My Cases");
  assert_sections ("police", front_line, "My Cases");
  assert_sections ("social", social, "Concern Inbox");
  assert_sections ("coordinator", social, "Concern Inbox");
  assert_sections ("manager", manager, "Summaries");
  assert_sections ("admin", none, NULL);
}

static void
test_workspace_pages_per_session (void)
{
  SamWorkspace *workspace = SAM_WORKSPACE (g_object_ref_sink (sam_workspace_new ()));
  GtkWindow *window = create_host (workspace, 1000);
  g_autoptr(SamSession) session = unlock_demo_user ("social");
  TestPage *page;

  sam_workspace_add_page_type (workspace, SAM_WORKSPACE_SECTION_CONCERN_INBOX, TEST_TYPE_PAGE);
  sam_workspace_set_session (workspace, session);

  page = TEST_PAGE (sam_workspace_get_page (workspace, SAM_WORKSPACE_SECTION_CONCERN_INBOX));
  g_assert_true (page->session == session);
  g_assert_cmpuint (page->n_set_session, ==, 1);
  g_object_ref (page);

  /* Locking tells the page, then destroys it. */
  sam_workspace_set_session (workspace, NULL);
  g_assert_null (page->session);
  g_assert_cmpuint (page->n_set_session, ==, 2);
  g_assert_null (gtk_widget_get_parent (GTK_WIDGET (page)));
  g_assert_finalize_object (page);
  g_assert_null (sam_workspace_get_page (workspace, SAM_WORKSPACE_SECTION_CONCERN_INBOX));

  destroy_host (window);
  g_assert_finalize_object (workspace);
}

/* The Meetings, Due and inbox pages can each hold hundreds of rows while
 * another page is shown. A homogeneous stack would measure them on every
 * resize of the page in view (at 100 000 persons, seconds a frame while
 * the case list scrolled), so only the page shown may count. */
static void
test_workspace_hidden_pages_not_measured (void)
{
  SamWorkspace *workspace = SAM_WORKSPACE (g_object_ref_sink (sam_workspace_new ()));
  GtkWindow *window = create_host (workspace, 1000);
  g_autoptr(SamSession) session = unlock_demo_user ("social");
  GtkWidget *inbox;
  int min_width, min_height;

  sam_workspace_add_page_type (workspace, SAM_WORKSPACE_SECTION_CONCERN_INBOX, TEST_TYPE_PAGE);
  sam_workspace_set_session (workspace, session);
  inbox = sam_workspace_get_page (workspace, SAM_WORKSPACE_SECTION_CONCERN_INBOX);
  gtk_widget_set_size_request (inbox, 3000, 3000);

  g_assert_true (sam_workspace_set_section (workspace, SAM_WORKSPACE_SECTION_CASES));
  gtk_widget_measure (GTK_WIDGET (workspace), GTK_ORIENTATION_HORIZONTAL, -1,
                      &min_width, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (workspace), GTK_ORIENTATION_VERTICAL, -1,
                      &min_height, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <, 3000);
  g_assert_cmpint (min_height, <, 3000);

  /* Shown, the same page counts. */
  g_assert_true (sam_workspace_set_section (workspace, SAM_WORKSPACE_SECTION_CONCERN_INBOX));
  gtk_widget_measure (GTK_WIDGET (workspace), GTK_ORIENTATION_VERTICAL, -1,
                      &min_height, NULL, NULL, NULL);
  g_assert_cmpint (min_height, >=, 3000);

  sam_workspace_set_session (workspace, NULL);
  destroy_host (window);
  g_assert_finalize_object (workspace);
}

static void
test_workspace_case_list (void)
{
  SamWorkspace *workspace = SAM_WORKSPACE (g_object_ref_sink (sam_workspace_new ()));
  GtkWindow *window = create_host (workspace, 1000);
  g_autoptr(SamSession) session = unlock_demo_user ("coordinator");
  g_autoptr(GPtrArray) rows = NULL;
  SamCaseListPage *page;
  GListModel *cases;
  guint loaded;
  guint n_cases;

  sam_workspace_set_session (workspace, session);
  page = case_page (workspace);
  cases = sam_case_list_page_get_cases (page);
  g_assert_true (SAM_IS_CASE_LIST (cases));

  /* The coordinator sees every case, more than one page of them. */
  n_cases = g_list_model_get_n_items (cases);
  g_assert_cmpint (n_cases, ==, query_int (session, "SELECT count(*) FROM cases"));
  g_assert_cmpuint (n_cases, >, 2 * SAM_CASE_LIST_PAGE_SIZE);

  sam_test_wait_until (rows_ready (page), WAIT_SECONDS);
  g_assert_cmpstr (page_view (page), ==, "list");

  /* Only what is on screen was read: not every page. */
  _sam_case_list_get_page_stats (SAM_CASE_LIST (cases), &loaded, NULL, NULL);
  g_assert_cmpuint (loaded, >=, 1);
  g_assert_cmpuint (loaded, <, (n_cases + SAM_CASE_LIST_PAGE_SIZE - 1) / SAM_CASE_LIST_PAGE_SIZE);

  /* Each row shows what the model holds, the consent in words. */
  rows = shown_rows (page);
  for (guint i = 0; i < rows->len; i++)
    {
      SamCaseRow *row = g_ptr_array_index (rows, i);
      const char *consent = sam_case_row_get_consent_in_force (row) ? "Consent in force" : "No consent in force";

      g_assert_true (sam_test_shows_text (page_child (page, "list_view"), sam_case_row_get_number (row)));
      g_assert_true (sam_test_shows_text (page_child (page, "list_view"), consent));
    }
  g_assert_true (sam_test_shows_text (page_child (page, "list_view"),
                                      sam_case_row_get_person_name (g_ptr_array_index (rows, 0))));

  /* The filters a coordinator has. */
  g_assert_true (gtk_widget_get_visible (page_child (page, "coordinator_dropdown")));
  g_assert_true (gtk_widget_get_visible (page_child (page, "mine_button")));
  g_assert_true (gtk_widget_get_visible (page_child (page, "area_dropdown")));

  sam_workspace_set_session (workspace, NULL);
  destroy_host (window);
  g_assert_finalize_object (workspace);
}

static void
test_workspace_filter (void)
{
  SamWorkspace *workspace = SAM_WORKSPACE (g_object_ref_sink (sam_workspace_new ()));
  GtkWindow *window = create_host (workspace, 1000);
  g_autoptr(SamSession) session = unlock_demo_user ("coordinator");
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *sql = NULL;
  SamCaseListPage *page;
  GListModel *all;
  GListModel *active;
  GListModel *mine;
  gint64 expected;

  sam_workspace_set_session (workspace, session);
  page = case_page (workspace);
  all = sam_case_list_page_get_cases (page);
  sam_test_wait_until (rows_ready (page), WAIT_SECONDS);

  /* Status: Active (the dropdown's first item is "Any Status"). */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page_child (page, "status_dropdown")),
                              1 + SAM_CASE_STATUS_ACTIVE);
  /* The list shown stays until the new one is counted. */
  g_assert_true (sam_case_list_page_get_cases (page) == all);
  wait_listed (page);
  active = sam_case_list_page_get_cases (page);
  g_assert_true (active != all);
  sql = g_strdup_printf ("SELECT count(*) FROM cases WHERE status = '%s'",
                         sam_case_status_to_string (SAM_CASE_STATUS_ACTIVE));
  g_assert_cmpint (g_list_model_get_n_items (active), ==, query_int (session, sql));
  g_assert_cmpint (g_list_model_get_n_items (active), <, query_int (session, "SELECT count(*) FROM cases"));

  sam_test_wait_until (rows_ready (page), WAIT_SECONDS);
  rows = shown_rows (page);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpint (sam_case_row_get_status (g_ptr_array_index (rows, i)), ==, SAM_CASE_STATUS_ACTIVE);
  g_assert_true (sam_test_shows_text (page_child (page, "list_view"),
                                      sam_case_status_get_label (SAM_CASE_STATUS_ACTIVE)));
  g_assert_false (sam_test_shows_text (page_child (page, "list_view"),
                                       sam_case_status_get_label (SAM_CASE_STATUS_CLOSED)));

  /* Mine: the coordinator's own cases only. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (page_child (page, "mine_button")), TRUE);
  wait_listed (page);
  mine = sam_case_list_page_get_cases (page);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM cases c, users u WHERE u.name = 'coordinator'"
                         " AND c.status = '%s' AND (c.coordinator_id = u.id OR EXISTS"
                         " (SELECT 1 FROM case_team t WHERE t.case_id = c.id AND t.user_id = u.id))",
                         sam_case_status_to_string (SAM_CASE_STATUS_ACTIVE));
  g_assert_cmpint (g_list_model_get_n_items (mine), ==, query_int (session, sql));

  /* The coordinator filter: Maria Ek's cases, whatever their status. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (page_child (page, "mine_button")), FALSE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page_child (page, "status_dropdown")), 0);
  select_choice (GTK_DROP_DOWN (page_child (page, "coordinator_dropdown")), "Maria Ek (demo)");
  wait_listed (page);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup ("SELECT count(*) FROM cases c JOIN users u ON u.id = c.coordinator_id"
                  " WHERE u.name = 'social'");
  expected = query_int (session, sql);
  g_assert_cmpint (g_list_model_get_n_items (sam_case_list_page_get_cases (page)), ==, expected);
  if (expected == 0)
    {
      g_assert_cmpstr (page_view (page), ==, "empty");
      sam_test_wait_until (gtk_widget_get_mapped (page_child (page, "empty_page")), 10);
      g_assert_true (sam_test_shows_text (page_child (page, "empty_page"), "No Cases"));
    }
  else
    {
      g_assert_cmpstr (page_view (page), ==, "list");
    }

  sam_workspace_set_session (workspace, NULL);
  destroy_host (window);
  g_assert_finalize_object (workspace);
}

/* A young person whose cases the school user is not on and whom they never
 * reported, with a name no one else has. */
static char *
name_hidden_from_school (SamSession *session)
{
  return query_text (session,
                     "SELECT p.given_name || ' ' || p.family_name FROM persons p, users s"
                     " WHERE s.name = 'school'"
                     " AND EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id)"
                     " AND NOT EXISTS (SELECT 1 FROM cases c JOIN case_team t ON t.case_id = c.id"
                     "                 WHERE c.person_id = p.id AND t.user_id = s.id)"
                     " AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id"
                     "                 AND c.coordinator_id = s.id)"
                     " AND NOT EXISTS (SELECT 1 FROM concerns k WHERE k.person_id = p.id"
                     "                 AND k.reporter_id = s.id)"
                     " AND (SELECT count(*) FROM persons q WHERE q.given_name = p.given_name"
                     "      AND q.family_name = p.family_name) = 1"
                     " ORDER BY p.id LIMIT 1");
}

static void
test_workspace_search (void)
{
  SamWorkspace *workspace = SAM_WORKSPACE (g_object_ref_sink (sam_workspace_new ()));
  GtkWindow *window = create_host (workspace, 1000);
  g_autoptr(SamSession) coordinator = unlock_demo_user ("coordinator");
  g_autoptr(SamSession) school = unlock_demo_user ("school");
  g_autofree char *name = name_hidden_from_school (coordinator);
  GtkWidget *results;
  SamCaseListPage *page;

  /* The coordinator finds the young person. */
  sam_workspace_set_session (workspace, coordinator);
  page = case_page (workspace);
  search (page, name);
  g_assert_cmpstr (page_view (page), ==, "results");
  results = page_child (page, "results_list");
  sam_test_wait_until (gtk_widget_get_mapped (results), 10);
  g_assert_cmpuint (n_list_box_rows (results), >, 0);
  g_assert_true (results_have_title (page, name));

  /* Clearing the field brings the list back. */
  gtk_editable_set_text (GTK_EDITABLE (page_child (page, "search_entry")), "");
  sam_test_wait_until (g_strcmp0 (page_view (page), "list") == 0, WAIT_SECONDS);
  g_assert_cmpuint (n_list_box_rows (results), ==, 0);

  /* The school counsellor, on none of their cases, finds nothing. */
  sam_workspace_set_session (workspace, school);
  page = case_page (workspace);
  search (page, name);
  g_assert_false (results_have_title (page, name));
  g_assert_false (sam_test_holds_text (page_child (page, "results_list"), name));

  /* What the school counsellor does find is theirs to see. */
  search (page, "a");
  if (g_str_equal (page_view (page), "results"))
    g_assert_false (results_have_title (page, name));

  /* No match at all says so. */
  search (page, "zzqxqzz");
  g_assert_cmpstr (page_view (page), ==, "no-matches");
  sam_test_wait_until (gtk_widget_get_mapped (page_child (page, "no_matches_page")), 10);

  sam_workspace_set_session (workspace, NULL);
  destroy_host (window);
  g_assert_finalize_object (workspace);
}

static void
test_workspace_activate (void)
{
  SamWorkspace *workspace = SAM_WORKSPACE (g_object_ref_sink (sam_workspace_new ()));
  GtkWindow *window = create_host (workspace, 1000);
  g_autoptr(SamSession) session = unlock_demo_user ("social");
  g_autoptr(SamCaseRow) third = NULL;
  g_autofree char *number = NULL;
  gint64 activated = 0;
  SamCaseListPage *page;
  GtkListBoxRow *row;

  g_signal_connect (workspace, "case-activated", G_CALLBACK (on_case_activated), &activated);
  sam_workspace_set_session (workspace, session);
  page = case_page (workspace);
  sam_test_wait_until (rows_ready (page) && n_shown_rows (page) > 2, WAIT_SECONDS);

  /* Enter or a double click on a row: the list's activate-item action. */
  third = g_list_model_get_item (sam_case_list_page_get_cases (page), 2);
  gtk_widget_activate_action (page_child (page, "list_view"), "list.activate-item", "u", 2);
  g_assert_cmpint (activated, ==, sam_case_row_get_id (third));

  /* A search hit leads to its case. */
  activated = 0;
  number = g_strdup (sam_case_row_get_number (third));
  search (page, number);
  g_assert_cmpstr (page_view (page), ==, "results");
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (page_child (page, "results_list")), 0);
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (row));
  g_signal_emit_by_name (row, "activate");
  g_assert_cmpint (activated, ==, sam_case_row_get_id (third));

  /* Focus starts on the chosen section; Ctrl+F moves to the search field. */
  gtk_widget_grab_focus (GTK_WIDGET (workspace));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (window), ws_child (workspace, "sidebar_list")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.search", NULL));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (window), page_child (page, "search_entry")));

  sam_workspace_set_session (workspace, NULL);
  destroy_host (window);
  g_assert_finalize_object (workspace);
}

static void
test_workspace_folded (void)
{
  SamWorkspace *workspace = SAM_WORKSPACE (g_object_ref_sink (sam_workspace_new ()));
  GtkWindow *window = create_host (workspace, 360);
  g_autoptr(SamSession) session = unlock_demo_user ("social");
  AdwLeaflet *leaflet = ADW_LEAFLET (ws_child (workspace, "leaflet"));
  GtkWidget *back = ws_child (workspace, "back_button");
  GtkListBoxRow *row;

  sam_workspace_set_session (workspace, session);
  sam_test_wait_until (adw_leaflet_get_folded (leaflet), 10);

  /* Folded, the sidebar comes first, as wide as the window; choosing a
   * section goes forward. */
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");
  sam_test_wait_until (gtk_widget_get_width (ws_child (workspace, "sidebar_list")) > 300, 10);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (ws_child (workspace, "sidebar_list")), 0);
  g_signal_emit_by_name (row, "activate");
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  sam_test_wait_until (gtk_widget_get_mapped (back), 10);

  /* Back returns to the sidebar. */
  g_signal_emit_by_name (back, "clicked");
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");

  /* Wide again, no back button, and the sidebar back to its width
   * while the page takes the rest. */
  gtk_window_set_default_size (window, 1100, 700);
  sam_test_wait_until (!adw_leaflet_get_folded (leaflet), 10);
  g_assert_false (gtk_widget_get_visible (back));
  sam_test_wait_until (gtk_widget_get_width (ws_child (workspace, "sidebar_list")) <= 300 &&
                       gtk_widget_get_width (ws_child (workspace, "content_stack")) > 700, 10);

  sam_workspace_set_session (workspace, NULL);
  destroy_host (window);
  g_assert_finalize_object (workspace);
}

static void
test_workspace_detail (void)
{
  SamWorkspace *workspace = SAM_WORKSPACE (g_object_ref_sink (sam_workspace_new ()));
  GtkWindow *window = create_host (workspace, 1000);
  g_autoptr(SamSession) session = unlock_demo_user ("social");
  GtkWidget *back = ws_child (workspace, "back_button");
  GtkWidget *detail = gtk_label_new ("detail");

  sam_workspace_set_session (workspace, session);
  g_assert_false (gtk_widget_get_visible (back));

  g_object_ref (detail);
  sam_workspace_show_detail (workspace, detail, "SV-1");
  g_assert_true (sam_workspace_get_detail (workspace) == detail);
  sam_test_wait_until (gtk_widget_get_mapped (detail), 10);
  g_assert_true (gtk_widget_get_visible (back));

  /* Back drops it and shows the section again. */
  g_signal_emit_by_name (back, "clicked");
  g_assert_null (sam_workspace_get_detail (workspace));
  g_assert_null (gtk_widget_get_parent (detail));
  g_assert_finalize_object (detail);
  g_assert_false (gtk_widget_get_visible (back));
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (ws_child (workspace, "content_title"))),
                   ==, "Cases");

  sam_workspace_set_session (workspace, NULL);
  destroy_host (window);
  g_assert_finalize_object (workspace);
}

/* Through the real window: unlock as social, then Ctrl+L's action. */
static void
collect_names (GPtrArray *rows,
               GPtrArray *names)
{
  for (guint i = 0; i < rows->len; i++)
    {
      g_ptr_array_add (names, g_strdup (sam_case_row_get_person_name (g_ptr_array_index (rows, i))));
      g_ptr_array_add (names, g_strdup (sam_case_row_get_number (g_ptr_array_index (rows, i))));
    }
}

static void
test_workspace_lock (void)
{
  SamWindow *window = g_object_new (SAM_TYPE_WINDOW, "database-path", demo->path, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GListModel) cases = NULL;
  g_autofree char *first_number = NULL;
  GtkWidget *unlock_page;
  SamWorkspace *workspace;
  SamCaseListPage *page;
  gint64 first_id;

  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  sam_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (window)), 10);

  unlock_page = sam_test_child (GTK_WIDGET (window), SAM_TYPE_WINDOW, "unlock_page");
  sam_test_type (unlock_page, SAM_TYPE_UNLOCK_PAGE, "user_row", "social");
  sam_test_type (unlock_page, SAM_TYPE_UNLOCK_PAGE, "passphrase_row", "social" SAM_DEMO_PASSPHRASE_SUFFIX);
  g_signal_emit_by_name (sam_test_child (unlock_page, SAM_TYPE_UNLOCK_PAGE, "unlock_button"), "clicked");
  sam_test_wait_until (sam_window_get_session (window) != NULL, WAIT_SECONDS);

  workspace = SAM_WORKSPACE (sam_test_child (GTK_WIDGET (window), SAM_TYPE_WINDOW, "workspace"));
  /* Social services start in the concern inbox; the cases are one row down. */
  g_assert_true (sam_workspace_set_section (workspace, SAM_WORKSPACE_SECTION_CASES));
  page = case_page (workspace);
  cases = g_object_ref (sam_case_list_page_get_cases (page));
  sam_test_wait_until (rows_ready (page), WAIT_SECONDS);
  rows = shown_rows (page);
  collect_names (rows, names);
  first_id = sam_case_row_get_id (g_ptr_array_index (rows, 0));
  first_number = g_strdup (sam_case_row_get_number (g_ptr_array_index (rows, 0)));
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_true (sam_test_shows_text (GTK_WIDGET (window), g_ptr_array_index (names, 0)));

  /* The window's sections for social services, in order. */
  {
    static const char * const expected[] = { "concern-inbox", "cases", "meetings", "due", NULL };
    g_auto(GStrv) ids = sam_workspace_dup_section_ids (workspace);

    g_assert_cmpstrv (ids, expected);
  }

  /* A case activated in a section opens as the case page. */
  sam_workspace_page_emit_case_activated (SAM_WORKSPACE_PAGE (page), first_id);
  g_assert_true (SAM_IS_CASE_PAGE (sam_workspace_get_detail (workspace)));
  g_assert_cmpint (sam_case_page_get_case_id (SAM_CASE_PAGE (sam_workspace_get_detail (workspace))),
                   ==, first_id);
  sam_test_wait_until (sam_test_shows_text (GTK_WIDGET (window), first_number), WAIT_SECONDS);
  sam_workspace_close_detail (workspace);

  /* A search leaves its hits in the results list. */
  search (page, g_ptr_array_index (names, 0));
  g_assert_cmpstr (page_view (page), ==, "results");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL);

  /* The model is empty, the pages are gone, and no label or field holds
   * a name or case number that was on screen. */
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 0);
  g_assert_null (sam_workspace_get_page (workspace, SAM_WORKSPACE_SECTION_CASES));
  for (guint i = 0; i < names->len; i++)
    g_assert_false (sam_test_holds_text (GTK_WIDGET (window), g_ptr_array_index (names, i)));
  g_assert_false (sam_test_holds_text (GTK_WIDGET (window), "Maria Ek"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static int
row_height (GtkWidget *row)
{
  int natural = 0;

  gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, 400, NULL, &natural, NULL, NULL);
  return natural;
}

/* A row still loading says so, dimmed, at the height the case will have. */
static void
test_workspace_row_placeholder (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  SamCaseListRow *widget = SAM_CASE_LIST_ROW (sam_case_list_row_new ());
  g_autoptr(SamCaseRow) placeholder = _sam_case_row_new_placeholder ();
  g_autoptr(SamCaseRow) row = _sam_case_row_new (7, "SV-2026-0007", 3, "Familj", "Ung", 13,
                                                 SAM_CASE_STATUS_ACTIVE, 0,
                                                 "2026-01-01T08:00:00Z", TRUE);
  int loading_height;

  gtk_window_set_child (window, GTK_WIDGET (widget));
  gtk_window_present (window);
  sam_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (widget)), 10);

  sam_case_list_row_set_row (widget, placeholder);
  g_assert_true (sam_test_shows_text (GTK_WIDGET (widget), _("Loading…")));
  g_assert_false (sam_test_shows_text (GTK_WIDGET (widget), _("No consent in force")));
  loading_height = row_height (GTK_WIDGET (widget));
  g_assert_cmpint (loading_height, >, 0);

  sam_case_list_row_set_row (widget, row);
  g_assert_false (sam_test_shows_text (GTK_WIDGET (widget), _("Loading…")));
  g_assert_true (sam_test_shows_text (GTK_WIDGET (widget), "SV-2026-0007"));
  g_assert_cmpint (row_height (GTK_WIDGET (widget)), ==, loading_height);

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  sam_test_init (&argc, &argv);

  demo = g_new0 (SamTestDatabase, 1);
  demo->dir = g_dir_make_tmp ("samverka-ui-XXXXXX", &error);
  g_assert_no_error (error);
  demo->path = g_build_filename (demo->dir, "demo.db", NULL);
  g_assert_true (sam_demo_create_scaled (demo->path, DEMO_SCALE, DEMO_SEED, &error));
  g_assert_no_error (error);

  g_test_add_func ("/workspace/sections", test_workspace_sections);
  g_test_add_func ("/workspace/pages-per-session", test_workspace_pages_per_session);
  g_test_add_func ("/workspace/hidden-pages-not-measured", test_workspace_hidden_pages_not_measured);
  g_test_add_func ("/workspace/case-list", test_workspace_case_list);
  g_test_add_func ("/workspace/filter", test_workspace_filter);
  g_test_add_func ("/workspace/search", test_workspace_search);
  g_test_add_func ("/workspace/activate", test_workspace_activate);
  g_test_add_func ("/workspace/folded", test_workspace_folded);
  g_test_add_func ("/workspace/detail", test_workspace_detail);
  g_test_add_func ("/workspace/lock", test_workspace_lock);
  g_test_add_func ("/workspace/row-placeholder", test_workspace_row_placeholder);

  status = g_test_run ();
  sam_test_database_free (demo);

  return status;
}
