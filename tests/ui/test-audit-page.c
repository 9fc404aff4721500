/* test-audit-page.c: the administrator's audit log page on a demo database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sam-audit-page.h"
#include "sam-database-private.h"
#include "sam-ui-test-util.h"
#include "sam-workspace.h"
#include "sam-workspace-page.h"

#define DEMO_PERSONS 12
#define DEMO_SEED    7

static char *
demo_passphrase (const char *user)
{
  return g_strconcat (user, SAM_DEMO_PASSPHRASE_SUFFIX, NULL);
}

static SamSession *
unlock (const char  *path,
        const char  *user,
        const char  *passphrase_text,
        GError     **error)
{
  g_autofree char *fallback = demo_passphrase (user);
  g_autoptr(SamSecret) passphrase = sam_secret_new_from_string (passphrase_text != NULL ? passphrase_text
                                                                                        : fallback);

  return sam_session_unlock (path, user, passphrase, error);
}

static GtkWindow *
show_page (GtkWidget *page)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  g_object_ref (window);
  gtk_window_set_default_size (window, 1200, 760);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  sam_test_wait_until (gtk_widget_get_mapped (page), 10);

  return window;
}

static void
close_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  g_assert_finalize_object (window);
}

/* Each row shows the entry sam_audit_list() gives, newest first. */
static void
assert_rows_match (SamAuditPage   *page,
                   const char     *list_name,
                   GPtrArray      *records)
{
  g_assert_cmpuint (sam_audit_page_get_n_rows (page, list_name), ==, records->len);
  for (guint i = 0; i < records->len; i++)
    {
      SamAuditRecord *record = g_ptr_array_index (records, records->len - 1 - i);

      g_assert_cmpuint (sam_audit_page_get_row_seq (page, list_name, i), ==, record->seq);
    }
}

static const char *
verify (SamAuditPage *page)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "audit.verify", NULL));
  sam_test_wait_until (sam_audit_page_get_verify_text (page) != NULL, 60);

  return sam_audit_page_get_verify_text (page);
}

/* Filters by the user and action of the newest entry of someone other
 * than the administrator. */
static void
check_filters (SamAuditPage *page,
               SamSession   *admin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = sam_audit_list (admin, NULL, &error);
  g_autoptr(GPtrArray) records = NULL;
  SamAuditRecord *chosen = NULL;
  SamAuditFilter filter;

  g_assert_no_error (error);
  for (guint i = all->len; i > 0 && chosen == NULL; i--)
    {
      SamAuditRecord *record = g_ptr_array_index (all, i - 1);

      if (record->user_name != NULL && !g_str_equal (record->user_name, "admin"))
        chosen = record;
    }
  g_assert_nonnull (chosen);

  sam_test_type (GTK_WIDGET (page), SAM_TYPE_AUDIT_PAGE, "user_entry", chosen->user_name);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (sam_test_child (GTK_WIDGET (page), SAM_TYPE_AUDIT_PAGE,
                                                             "action_drop_down")),
                              chosen->action + 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "audit.filter", NULL));

  sam_audit_filter_init (&filter);
  filter.user_id = chosen->user_id;
  filter.action = chosen->action;
  filter.limit = 100;
  records = sam_audit_list (admin, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, >, 0);
  g_assert_cmpuint (records->len, <, all->len);
  assert_rows_match (page, "log", records);
}

static void
check_failed_login (SamAuditPage *page,
                    SamSession   *admin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  SamAuditFilter filter;
  SamAuditRecord *newest;

  sam_audit_filter_init (&filter);
  filter.action = SAM_AUDIT_LOGIN_FAILED;
  failed = sam_audit_list (admin, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (failed->len, >=, 1);
  newest = g_ptr_array_index (failed, failed->len - 1);
  g_assert_cmpstr (newest->user_name, ==, "admin");
  g_assert_cmpstr (newest->reason, ==, "attempts:1");
  g_assert_cmpuint (sam_audit_page_get_row_seq (page, "failed-logins", 0), ==, newest->seq);
}

static void
check_extract (SamAuditPage *page,
               SamSession   *admin,
               const char   *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) views = NULL;
  g_autoptr(GPtrArray) extract = NULL;
  g_autofree char *pdf = g_build_filename (dir, "extract.pdf", NULL);
  g_autofree char *person = NULL;
  g_autofree char *contents = NULL;
  SamAuditRecord *last;
  gint64 person_id = 0;
  SamAuditFilter filter;

  sam_audit_filter_init (&filter);
  views = sam_audit_list (admin, &filter, &error);
  g_assert_no_error (error);
  /* The person of the case social opened: social must be among the readers. */
  for (guint i = views->len; i > 0 && person_id == 0; i--)
    {
      SamAuditRecord *record = g_ptr_array_index (views, i - 1);

      if (record->action == SAM_AUDIT_VIEW && g_strcmp0 (record->user_name, "social") == 0)
        person_id = record->person_id;
    }
  g_assert_cmpint (person_id, >, 0);

  person = g_strdup_printf ("%" G_GINT64_FORMAT, person_id);
  sam_test_type (GTK_WIDGET (page), SAM_TYPE_AUDIT_PAGE, "extract_entry", person);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "audit.extract", NULL));
  extract = sam_audit_extract (admin, person_id, &error);
  g_assert_no_error (error);
  assert_rows_match (page, "extract", extract);
  {
    gboolean social_read = FALSE;

    for (guint i = 0; i < extract->len; i++)
      social_read |= g_strcmp0 (((SamAuditRecord *) g_ptr_array_index (extract, i))->user_name, "social") == 0;
    g_assert_true (social_read);
  }

  g_assert_true (sam_audit_page_export_extract (page, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));

  g_clear_pointer (&views, g_ptr_array_unref);
  filter.action = SAM_AUDIT_EXPORT;
  filter.limit = 1;
  views = sam_audit_list (admin, &filter, &error);
  last = g_ptr_array_index (views, 0);
  g_assert_cmpstr (last->object_type, ==, "audit_extract");
  g_assert_cmpint (last->person_id, ==, person_id);

  /* Refresh lists the export among the exports. */
  g_assert_cmpuint (sam_audit_page_get_row_seq (page, "exports", 0), !=, last->seq);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "audit.refresh", NULL));
  g_assert_cmpuint (sam_audit_page_get_row_seq (page, "exports", 0), ==, last->seq);
}

static void
assert_empty (SamAuditPage *page)
{
  const char *lists[] = { "log", "break-glass", "failed-logins", "exports", "extract" };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    g_assert_cmpuint (sam_audit_page_get_n_rows (page, lists[i]), ==, 0);
  g_assert_null (sam_audit_page_get_anchor (page));
  g_assert_null (sam_audit_page_get_verify_text (page));
  g_assert_false (sam_test_holds_text (GTK_WIDGET (page), "social"));
}

#define BREAK_GLASS_REASON "Urgent: the pupil said something worrying today"

/* Social unlocks and opens the first case it may (a login and a view),
 * then takes emergency access to it and ends it. */
static char *
use_cases (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) social = unlock (path, "social", NULL, &error);
  g_autofree char *number = NULL;
  gint64 opened = 0;

  g_assert_no_error (error);
  for (gint64 id = 1; id < 200 && opened == 0; id++)
    {
      g_autoptr(SamCase) found = sam_case_store_get (social, id, NULL);

      if (found != NULL)
        {
          opened = id;
          number = g_strdup (found->number);
        }
    }
  g_assert_cmpint (opened, >, 0);

  g_assert_true (sam_case_store_break_glass (social, opened, BREAK_GLASS_REASON, &error));
  g_assert_no_error (error);
  g_assert_true (sam_case_store_end_break_glass (social, opened, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&number);
}

/* A case number filters like its id; Load More shows the next hundred. */
static void
check_case_number_and_more (SamAuditPage *page,
                            SamSession   *admin,
                            const char   *number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  GtkWidget *more = sam_test_child (GTK_WIDGET (page), SAM_TYPE_AUDIT_PAGE, "more_button");
  SamAuditFilter filter;

  sam_test_type (GTK_WIDGET (page), SAM_TYPE_AUDIT_PAGE, "user_entry", "");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (sam_test_child (GTK_WIDGET (page), SAM_TYPE_AUDIT_PAGE,
                                                             "action_drop_down")), 0);
  sam_test_type (GTK_WIDGET (page), SAM_TYPE_AUDIT_PAGE, "case_entry", number);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "audit.filter", NULL));
  sam_audit_filter_init (&filter);
  filter.case_number = number;
  filter.limit = 100;
  records = sam_audit_list (admin, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, >=, 3);  /* the view and the emergency access */
  assert_rows_match (page, "log", records);
  for (guint i = 0; i < records->len; i++)
    g_assert_cmpint (((SamAuditRecord *) g_ptr_array_index (records, i))->case_id, ==,
                     ((SamAuditRecord *) g_ptr_array_index (records, 0))->case_id);

  sam_test_type (GTK_WIDGET (page), SAM_TYPE_AUDIT_PAGE, "case_entry", "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "audit.filter", NULL));
  g_assert_cmpuint (sam_audit_page_get_n_rows (page, "log"), ==, 100);
  g_assert_true (gtk_widget_get_visible (more));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "audit.load-more", NULL));
  g_assert_cmpuint (sam_audit_page_get_n_rows (page, "log"), ==, 200);
}

/* The emergency access row is the start entry, says how it ended, and
 * keeps the free-text reason to itself. */
static void
check_break_glass (SamAuditPage *page,
                   SamSession   *admin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) starts = NULL;
  SamAuditFilter filter;

  sam_audit_filter_init (&filter);
  filter.action = SAM_AUDIT_BREAK_GLASS_START;
  starts = sam_audit_list (admin, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (starts->len, >=, 1);
  assert_rows_match (page, "break-glass", starts);
  g_assert_true (sam_test_holds_text (GTK_WIDGET (page), "end ended"));
  g_assert_false (sam_test_holds_text (GTK_WIDGET (page), BREAK_GLASS_REASON));
}

static void
test_audit_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamTestDatabase) db = g_new0 (SamTestDatabase, 1);
  g_autoptr(SamSession) wrong = NULL;
  g_autoptr(SamSession) admin = NULL;
  g_autoptr(SamSession) social = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  g_autofree char *head = NULL;
  g_autofree char *number = NULL;
  SamAuditAnchor anchor;
  GtkWidget *page = sam_audit_page_new ();
  GtkWindow *window = show_page (page);
  const char *result;

  db->dir = g_dir_make_tmp ("samverka-audit-page-XXXXXX", &error);
  db->path = g_build_filename (db->dir, "demo.db", NULL);
  g_assert_true (sam_demo_create_scaled (db->path, DEMO_PERSONS, DEMO_SEED, &error));
  g_assert_no_error (error);

  /* A failed unlock is written at the next one. */
  wrong = unlock (db->path, "admin", "not the passphrase", &error);
  g_assert_null (wrong);
  g_clear_error (&error);
  admin = unlock (db->path, "admin", NULL, &error);
  g_assert_no_error (error);
  number = use_cases (db->path);

  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (page), admin);
  check_filters (SAM_AUDIT_PAGE (page), admin);
  check_failed_login (SAM_AUDIT_PAGE (page), admin);
  check_break_glass (SAM_AUDIT_PAGE (page), admin);
  check_case_number_and_more (SAM_AUDIT_PAGE (page), admin, number);

  result = verify (SAM_AUDIT_PAGE (page));
  g_assert_nonnull (strstr (result, "intact"));
  g_assert_true (sam_audit_get_head (admin, &anchor, &error));
  head = sam_audit_anchor_to_string (&anchor);
  g_assert_cmpstr (sam_audit_page_get_anchor (SAM_AUDIT_PAGE (page)), ==, head);
  g_assert_true (sam_test_shows_text (page, head));

  check_extract (SAM_AUDIT_PAGE (page), admin, db->dir);

  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (page), NULL);
  assert_empty (SAM_AUDIT_PAGE (page));

  social = unlock (db->path, "social", NULL, &error);
  g_assert_no_error (error);
  refused = sam_audit_list (social, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);

  close_window (window);
}

static void
copy_directory (const char *from,
                const char *to)
{
  g_autoptr(GDir) dir = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *source = g_build_filename (from, name, NULL);
      g_autofree char *target = g_build_filename (to, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (source, G_FILE_TEST_IS_REGULAR) &&
          g_file_get_contents (source, &contents, &length, NULL))
        g_assert_true (g_file_set_contents (target, contents, (gssize) length, NULL));
    }
}

/* On a copy of the file whose log entry 5 was edited behind the triggers,
 * Verify Chain names entry 5. */
static void
test_tampered_copy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamTestDatabase) db = g_new0 (SamTestDatabase, 1);
  g_autoptr(SamSession) admin = NULL;
  g_autofree char *copy_dir = NULL;
  g_autofree char *copy_path = NULL;
  GtkWidget *page = sam_audit_page_new ();
  GtkWindow *window = show_page (page);
  sqlite3 *handle;
  const char *result;

  db->dir = g_dir_make_tmp ("samverka-audit-page-XXXXXX", &error);
  db->path = g_build_filename (db->dir, "demo.db", NULL);
  g_assert_true (sam_demo_create_scaled (db->path, DEMO_PERSONS, DEMO_SEED, &error));
  g_assert_no_error (error);
  copy_dir = g_dir_make_tmp ("samverka-audit-copy-XXXXXX", &error);
  copy_path = g_build_filename (copy_dir, "demo.db", NULL);
  copy_directory (db->dir, copy_dir);

  admin = unlock (copy_path, "admin", NULL, &error);
  g_assert_no_error (error);
  handle = _sam_database_get_handle (sam_session_get_database (admin));
  g_assert_cmpint (sqlite3_exec (handle, "DROP TRIGGER audit_log_no_update;"
                                 "UPDATE audit_log SET reason = 'edited' WHERE seq = 5;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (page), admin);
  result = verify (SAM_AUDIT_PAGE (page));
  g_assert_nonnull (strstr (result, "entry 5"));
  g_assert_true (sam_test_shows_text (page, result));

  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (page), NULL);
  close_window (window);
  g_clear_object (&admin);
  {
    g_autoptr(SamTestDatabase) copy = g_new0 (SamTestDatabase, 1);

    copy->dir = g_steal_pointer (&copy_dir);
    copy->path = g_steal_pointer (&copy_path);
  }
}

/* The workspace's section table gives the page to the administrator only. */
static void
test_only_for_admin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamTestDatabase) db = g_new0 (SamTestDatabase, 1);
  const char *roles[] = { "admin", "social", "coordinator", "manager", "school", "police", "leisure" };

  db->dir = g_dir_make_tmp ("samverka-audit-page-XXXXXX", &error);
  db->path = g_build_filename (db->dir, "demo.db", NULL);
  g_assert_true (sam_demo_create_scaled (db->path, DEMO_PERSONS, DEMO_SEED, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autoptr(SamSession) session = unlock (db->path, roles[i], NULL, &error);
      SamWorkspace *workspace = SAM_WORKSPACE (sam_workspace_new ());
      GtkWindow *window = show_page (GTK_WIDGET (workspace));
      g_auto(GStrv) ids = NULL;
      gboolean is_admin = g_str_equal (roles[i], "admin");

      g_assert_no_error (error);
      sam_workspace_add_page_type (workspace, SAM_WORKSPACE_SECTION_AUDIT_LOG, SAM_TYPE_AUDIT_PAGE);
      sam_workspace_set_session (workspace, session);
      ids = sam_workspace_dup_section_ids (workspace);
      g_assert_cmpint (g_strv_contains ((const char * const *) ids, SAM_WORKSPACE_SECTION_AUDIT_LOG), ==,
                       is_admin);
      if (is_admin)
        g_assert_true (SAM_IS_AUDIT_PAGE (sam_workspace_get_page (workspace, SAM_WORKSPACE_SECTION_AUDIT_LOG)));
      sam_workspace_set_session (workspace, NULL);
      close_window (window);
    }
}

int
main (int   argc,
      char *argv[])
{
  sam_test_init (&argc, &argv);

  g_test_add_func ("/audit-page/review", test_audit_page);
  g_test_add_func ("/audit-page/tampered-copy", test_tampered_copy);
  g_test_add_func ("/audit-page/only-for-admin", test_only_for_admin);

  return g_test_run ();
}
