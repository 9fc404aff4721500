/* test-admin-pages.c: the administrator's Users and Agencies pages
 *
 * Driven through the real pages, dialogs and actions on a real encrypted
 * database: the administrator adds an area, an agency and a user; the
 * one-time passphrase the dialog shows opens the database once and
 * demands a new one; a reset passphrase does the same; a role change is
 * applied and audited; a disabled user is refused. A refused input stays
 * in its field with the core's message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-admin-pages"

#include "config.h"

#include <adwaita.h>

#include "sam-agencies-page.h"
#include "sam-ui-test-util.h"
#include "sam-user-dialog.h"
#include "sam-users-page.h"
#include "sam-workspace-page.h"
#include "samverka-core.h"

#define NEW_USER    "lena.ek"
#define NEW_AGENCY  "Rydsskolan"
#define NEW_AREA    "Ryd"

typedef struct
{
  SamTestDatabase  *db;
  SamSession       *admin;
  GtkWindow        *users_window;
  GtkWindow        *agencies_window;
  SamUsersPage     *users;
  SamAgenciesPage  *agencies;
} Fixture;

static GtkWindow *
window_with (GtkWidget *page)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 800, 600);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  sam_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (window)), 10);

  return window;
}

static SamSession *
unlock (const char  *path,
        const char  *user,
        const char  *passphrase,
        GError     **error)
{
  g_autoptr(SamSecret) secret = sam_secret_new_from_string (passphrase);

  return sam_session_unlock (path, user, secret, error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->db = sam_test_database_new (FALSE);
  fixture->admin = unlock (fixture->db->path, TEST_ADMIN_NAME, TEST_ADMIN_PASSPHRASE, &error);
  g_assert_no_error (error);

  fixture->users = SAM_USERS_PAGE (sam_users_page_new ());
  fixture->agencies = SAM_AGENCIES_PAGE (sam_agencies_page_new ());
  fixture->users_window = window_with (GTK_WIDGET (fixture->users));
  fixture->agencies_window = window_with (GTK_WIDGET (fixture->agencies));
  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (fixture->users), fixture->admin);
  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (fixture->agencies), fixture->admin);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->users_window);
  gtk_window_destroy (fixture->agencies_window);
  g_clear_object (&fixture->admin);
  g_clear_pointer (&fixture->db, sam_test_database_free);
}

/* Dialogs ------------------------------------------------------------------ */

static GtkWindow *
find_toplevel (GType       type,
               const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (!G_TYPE_CHECK_INSTANCE_TYPE (window, type) || !gtk_widget_get_visible (GTK_WIDGET (window)))
        continue;
      if (heading == NULL ||
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return GTK_WINDOW (window);
    }

  return NULL;
}

static AdwMessageDialog *
message_dialog (const char *heading)
{
  GtkWindow *dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, heading);

  if (dialog == NULL)
    g_error ("no dialog “%s” is open", heading);

  return ADW_MESSAGE_DIALOG (dialog);
}

/* Answers as a click would, and closes the dialog as a click does. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_autoptr(GtkWindow) window = GTK_WINDOW (g_object_ref (dialog));

  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (window);
  sam_test_spin (20);
}

static GtkWidget *
named_descendant (GtkWidget  *widget,
                  const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = named_descendant (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Reads the one-time passphrase the dialog shows, and closes the dialog. */
static char *
take_passphrase (void)
{
  AdwMessageDialog *dialog = message_dialog ("One-Time Passphrase");
  GtkWidget *label = named_descendant (GTK_WIDGET (dialog), "passphrase");
  char *passphrase;

  g_assert_nonnull (label);
  passphrase = g_strdup (gtk_label_get_text (GTK_LABEL (label)));
  g_assert_cmpuint (strlen (passphrase), >=, 16);
  g_assert_true (sam_test_holds_text (GTK_WIDGET (dialog), NEW_USER));
  respond (dialog, "close");

  return passphrase;
}

static GtkWidget *
form_row (AdwMessageDialog *dialog,
          const char       *name)
{
  GtkWidget *row = named_descendant (adw_message_dialog_get_extra_child (dialog), name);

  g_assert_nonnull (row);
  return row;
}

/* Steps -------------------------------------------------------------------- */

static void
add_area_and_agency (Fixture *fixture)
{
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (fixture->agencies), "agencies.add-area", NULL);
  dialog = message_dialog ("Add Area");
  gtk_editable_set_text (GTK_EDITABLE (form_row (dialog, "name")), NEW_AREA);
  respond (dialog, "add");
  g_assert_cmpuint (sam_agencies_page_get_n_areas (fixture->agencies), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (fixture->agencies), "agencies.add-agency", NULL);
  dialog = message_dialog ("Add Agency");
  gtk_editable_set_text (GTK_EDITABLE (form_row (dialog, "name")), NEW_AGENCY);
  adw_combo_row_set_selected (ADW_COMBO_ROW (form_row (dialog, "kind")), SAM_AGENCY_KIND_SCHOOL);
  adw_combo_row_set_selected (ADW_COMBO_ROW (form_row (dialog, "area")), 1);
  respond (dialog, "add");
  g_assert_cmpuint (sam_agencies_page_get_n_agencies (fixture->agencies), ==, 2);
  g_assert_true (sam_test_shows_text (GTK_WIDGET (fixture->agencies), NEW_AGENCY));
  g_assert_true (sam_test_shows_text (GTK_WIDGET (fixture->agencies), NEW_AREA));
}

/* Picks @agency in the dialog's agency row. */
static void
choose_agency (SamUserDialog *dialog,
               const char    *agency)
{
  AdwComboRow *row = ADW_COMBO_ROW (sam_test_child (GTK_WIDGET (dialog), SAM_TYPE_USER_DIALOG,
                                                    "agency_row"));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), agency) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }

  g_error ("the dialog does not offer the agency “%s”", agency);
}

static SamUserDialog *
open_user_dialog (Fixture *fixture)
{
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (fixture->users), "users.add", NULL);
  dialog = find_toplevel (SAM_TYPE_USER_DIALOG, NULL);
  g_assert_nonnull (dialog);

  return SAM_USER_DIALOG (dialog);
}

static void
fill_user_dialog (SamUserDialog *dialog,
                  const char    *name)
{
  GtkWidget *widget = GTK_WIDGET (dialog);

  sam_test_type (widget, SAM_TYPE_USER_DIALOG, "name_row", name);
  sam_test_type (widget, SAM_TYPE_USER_DIALOG, "display_name_row", "Lena Ek");
  adw_combo_row_set_selected (ADW_COMBO_ROW (sam_test_child (widget, SAM_TYPE_USER_DIALOG, "role_row")),
                              SAM_ROLE_SCHOOL);
  choose_agency (dialog, NEW_AGENCY);
}

static char *
add_user (Fixture *fixture)
{
  SamUserDialog *dialog = open_user_dialog (fixture);

  fill_user_dialog (dialog, NEW_USER);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "user.save", NULL);
  sam_test_spin (20);
  g_assert_null (find_toplevel (SAM_TYPE_USER_DIALOG, NULL));
  g_assert_cmpuint (sam_users_page_get_n_users (fixture->users), ==, 2);

  return take_passphrase ();
}

static SamUser *
find_user (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  SamUser *user = sam_directory_find_user (fixture->admin, NEW_USER, &error);

  g_assert_no_error (error);
  return user;
}

/* Opens the database as the new user with @passphrase, who must then
 * choose their own. */
static void
assert_one_time_unlock (Fixture    *fixture,
                        const char *passphrase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) session = unlock (fixture->db->path, NEW_USER, passphrase, &error);

  g_assert_no_error (error);
  g_assert_true (sam_session_get_must_change_passphrase (session));
  g_assert_cmpint (sam_session_get_role (session), ==, SAM_ROLE_SCHOOL);
}

static void
assert_refused (Fixture    *fixture,
                const char *passphrase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) session = unlock (fixture->db->path, NEW_USER, passphrase, &error);

  g_assert_null (session);
  g_assert_nonnull (error);
}

static void
change_role (Fixture *fixture,
             SamRole  role)
{
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (fixture->users), "users.change-role", "s", NEW_USER);
  dialog = message_dialog ("Change the role of “" NEW_USER "”");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog)), role);
  respond (dialog, "confirm");
}

static void
assert_role_change_audited (Fixture *fixture,
                            gint64   user_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  SamAuditFilter filter;
  guint found = 0;

  sam_audit_filter_init (&filter);
  filter.action = SAM_AUDIT_ROLE_CHANGE;
  records = sam_audit_list (fixture->admin, &filter, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < records->len; i++)
    {
      SamAuditRecord *record = g_ptr_array_index (records, i);

      if (record->outcome != SAM_AUDIT_OUTCOME_OK)
        continue;
      g_assert_cmpint (record->object_id, ==, user_id);
      g_assert_cmpstr (record->reason, ==, "manager");
      found++;
    }

  /* The refused change to police wrote nothing. */
  g_assert_cmpuint (found, ==, 1);
}

/* Tests -------------------------------------------------------------------- */

static void
test_add_user_unlocks (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *reset = NULL;
  g_autoptr(SamUser) user = NULL;
  g_autoptr(SamUser) changed = NULL;
  g_autoptr(SamUser) disabled = NULL;

  add_area_and_agency (fixture);
  first = add_user (fixture);
  g_assert_true (sam_test_shows_text (GTK_WIDGET (fixture->users), "Lena Ek"));
  g_assert_true (sam_test_shows_text (GTK_WIDGET (fixture->users), "One-time passphrase not yet changed"));
  assert_one_time_unlock (fixture, first);

  /* Reset: the old one-time passphrase stops working, the new one opens. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->users), "users.reset-passphrase", "s", NEW_USER);
  respond (message_dialog ("Reset the passphrase of “" NEW_USER "”?"), "confirm");
  reset = take_passphrase ();
  g_assert_cmpstr (reset, !=, first);
  assert_refused (fixture, first);
  assert_one_time_unlock (fixture, reset);

  /* A role that does not fit a school is refused and changes nothing; one that does is applied. */
  user = find_user (fixture);
  change_role (fixture, SAM_ROLE_POLICE);
  g_assert_true (sam_test_holds_text (GTK_WIDGET (fixture->users), "Role:"));
  change_role (fixture, SAM_ROLE_MANAGER);
  changed = find_user (fixture);
  g_assert_cmpint (changed->role, ==, SAM_ROLE_MANAGER);
  g_assert_true (sam_test_shows_text (GTK_WIDGET (fixture->users), sam_role_get_label (SAM_ROLE_MANAGER)));
  assert_role_change_audited (fixture, user->id);

  /* Disable: confirmed, listed as disabled, and refused at unlock. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->users), "users.disable", "s", NEW_USER);
  respond (message_dialog ("Disable “" NEW_USER "”?"), "confirm");
  disabled = find_user (fixture);
  g_assert_true (disabled->disabled);
  g_assert_true (sam_test_shows_text (GTK_WIDGET (fixture->users), "Disabled"));
  assert_refused (fixture, reset);
}

static void
test_bad_input_is_kept (Fixture       *fixture,
                        gconstpointer  data)
{
  SamUserDialog *dialog;
  GtkWidget *name_row;
  GtkWidget *name_error;
  AdwMessageDialog *form;

  add_area_and_agency (fixture);
  dialog = open_user_dialog (fixture);
  name_row = sam_test_child (GTK_WIDGET (dialog), SAM_TYPE_USER_DIALOG, "name_row");
  name_error = sam_test_child (GTK_WIDGET (dialog), SAM_TYPE_USER_DIALOG, "name_error_label");

  /* Checked as typed. */
  fill_user_dialog (dialog, "Lena Ek");
  g_assert_true (gtk_widget_get_visible (name_error));
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (name_error)), "User name:"));

  /* Saving does nothing, and keeps every field. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "user.save", NULL);
  sam_test_spin (20);
  g_assert_true (find_toplevel (SAM_TYPE_USER_DIALOG, NULL) == GTK_WINDOW (dialog));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Lena Ek");
  g_assert_cmpuint (sam_users_page_get_n_users (fixture->users), ==, 1);

  /* The core's refusal (a role that does not fit the agency) names its field. */
  sam_test_type (GTK_WIDGET (dialog), SAM_TYPE_USER_DIALOG, "name_row", NEW_USER);
  g_assert_false (gtk_widget_get_visible (name_error));
  adw_combo_row_set_selected (ADW_COMBO_ROW (sam_test_child (GTK_WIDGET (dialog), SAM_TYPE_USER_DIALOG,
                                                             "role_row")), SAM_ROLE_POLICE);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "user.save", NULL);
  sam_test_spin (20);
  g_assert_true (find_toplevel (SAM_TYPE_USER_DIALOG, NULL) == GTK_WINDOW (dialog));
  g_assert_true (sam_test_shows_text (GTK_WIDGET (dialog), "Agency:"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, NEW_USER);
  g_assert_cmpuint (sam_users_page_get_n_users (fixture->users), ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A second agency of the same name: the form comes back with the message and the name. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->agencies), "agencies.add-agency", NULL);
  form = message_dialog ("Add Agency");
  gtk_editable_set_text (GTK_EDITABLE (form_row (form, "name")), NEW_AGENCY);
  respond (form, "add");
  form = message_dialog ("Add Agency");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (form), "Agency name:"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (form_row (form, "name"))), ==, NEW_AGENCY);
  respond (form, "cancel");
  g_assert_cmpuint (sam_agencies_page_get_n_agencies (fixture->agencies), ==, 2);
}

static void
test_no_session_empties (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *passphrase = NULL;

  add_area_and_agency (fixture);
  passphrase = add_user (fixture);
  g_assert_true (sam_test_holds_text (GTK_WIDGET (fixture->users), NEW_USER));

  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (fixture->users), NULL);
  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (fixture->agencies), NULL);
  g_assert_cmpuint (sam_users_page_get_n_users (fixture->users), ==, 0);
  g_assert_false (sam_test_holds_text (GTK_WIDGET (fixture->users), NEW_USER));
  g_assert_false (sam_test_holds_text (GTK_WIDGET (fixture->users), "Lena Ek"));
  g_assert_false (sam_test_holds_text (GTK_WIDGET (fixture->users), TEST_ADMIN_NAME " ·"));
  g_assert_false (sam_test_holds_text (GTK_WIDGET (fixture->agencies), NEW_AGENCY));
  g_assert_false (sam_test_holds_text (GTK_WIDGET (fixture->agencies), NEW_AREA));
}

/* A user who is not an administrator gets the core's refusal, not a list. */
static void
test_refused_for_others (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) school = NULL;
  g_autofree char *passphrase = NULL;
  g_autoptr(SamSecret) own = sam_secret_new_from_string ("lena's own passphrase 1");

  add_area_and_agency (fixture);
  passphrase = add_user (fixture);

  school = unlock (fixture->db->path, NEW_USER, passphrase, &error);
  g_assert_no_error (error);
  g_assert_true (sam_session_change_passphrase (school, own, &error));
  g_assert_no_error (error);

  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (fixture->users), school);
  g_assert_cmpuint (sam_users_page_get_n_users (fixture->users), ==, 0);
  g_assert_false (sam_test_holds_text (GTK_WIDGET (fixture->users), TEST_ADMIN_NAME " ·"));
  /* The core's refusal is shown as it is, in a toast. */
  sam_test_wait_until (sam_test_holds_text (GTK_WIDGET (fixture->users), "Only an administrator"), 10);
}

int
main (int   argc,
      char *argv[])
{
  sam_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/admin-pages/add-user-unlocks", test_add_user_unlocks);
  ADD ("/admin-pages/bad-input-is-kept", test_bad_input_is_kept);
  ADD ("/admin-pages/no-session-empties", test_no_session_empties);
  ADD ("/admin-pages/refused-for-others", test_refused_for_others);
#undef ADD

  return g_test_run ();
}
