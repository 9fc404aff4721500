/* sam-users-page.c: the administrator's Users section
 *
 * Lists the users with their role, agency and whether they are disabled,
 * and runs the directory's calls on them: add (SamUserDialog), disable,
 * reset the passphrase and change the role. Every call is the core's,
 * which checks the policy and writes the audit row; the page only asks
 * and shows. It reads nothing but the directory, so an administrator sees
 * no case content here.
 *
 * A reset passphrase is shown once, like a new user's, and freed at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-users-page"

#include "config.h"

#include "sam-users-page.h"

#include <glib/gi18n.h>

#include "sam-user-dialog.h"
#include "sam-workspace-page.h"

struct _SamUsersPage
{
  AdwBin            parent_instance;

  SamSession       *session;
  GPtrArray        *users;        /* SamUser, by name */

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkListBox       *user_list;
};

static void sam_users_page_workspace_page_init (SamWorkspacePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SamUsersPage, sam_users_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (SAM_TYPE_WORKSPACE_PAGE,
                                                      sam_users_page_workspace_page_init))

static void
show_toast (SamUsersPage *self,
            const char   *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static GtkWindow *
parent_window (SamUsersPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static const SamUser *
find_user (SamUsersPage *self,
           const char   *name)
{
  for (guint i = 0; self->users != NULL && i < self->users->len; i++)
    {
      const SamUser *user = g_ptr_array_index (self->users, i);

      if (g_strcmp0 (user->name, name) == 0)
        return user;
    }

  return NULL;
}

static GMenuModel *
user_menu (const SamUser *user)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenuItem) role = g_menu_item_new (_("Change _Role…"), NULL);
  g_autoptr(GMenuItem) reset = g_menu_item_new (_("_Reset Passphrase…"), NULL);
  g_autoptr(GMenuItem) disable = g_menu_item_new (_("_Disable…"), NULL);

  g_menu_item_set_action_and_target (role, "users.change-role", "s", user->name);
  g_menu_item_set_action_and_target (reset, "users.reset-passphrase", "s", user->name);
  g_menu_item_set_action_and_target (disable, "users.disable", "s", user->name);
  g_menu_append_item (menu, role);
  g_menu_append_item (menu, reset);
  g_menu_append_item (menu, disable);

  return G_MENU_MODEL (menu);
}

static GtkWidget *
user_row (const SamUser *user)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s", user->name,
                                               sam_role_get_label (user->role), user->agency_name);

  /* Names are text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), user->display_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (user->disabled)
    {
      GtkWidget *label = gtk_label_new (_("Disabled"));

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  else
    {
      g_autoptr(GMenuModel) menu = user_menu (user);

      /* Tells the administrator a one-time passphrase is still out there. */
      if (user->must_change_passphrase)
        {
          GtkWidget *label = gtk_label_new (_("One-time passphrase not yet changed"));

          gtk_widget_add_css_class (label, "dim-label");
          gtk_widget_add_css_class (label, "caption");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
        }

      GtkWidget *button = gtk_menu_button_new ();

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Manage User"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Manage User"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  return row;
}

static void
clear_rows (SamUsersPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->user_list))) != NULL)
    gtk_list_box_remove (self->user_list, child);

  g_clear_pointer (&self->users, g_ptr_array_unref);
}

/**
 * sam_users_page_refresh:
 * @self: a #SamUsersPage
 *
 * Reads the users again from the directory.
 */
void
sam_users_page_refresh (SamUsersPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SAM_IS_USERS_PAGE (self));

  clear_rows (self);
  if (self->session == NULL)
    return;

  self->users = sam_directory_list_users (self->session, &error);
  if (self->users == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  for (guint i = 0; i < self->users->len; i++)
    gtk_list_box_append (self->user_list, user_row (g_ptr_array_index (self->users, i)));
}

/**
 * sam_users_page_get_n_users:
 * @self: a #SamUsersPage
 *
 * Returns: how many users the page lists
 */
guint
sam_users_page_get_n_users (SamUsersPage *self)
{
  g_return_val_if_fail (SAM_IS_USERS_PAGE (self), 0);

  return self->users != NULL ? self->users->len : 0;
}

/* Adding ------------------------------------------------------------------ */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SamUsersPage *self = SAM_USERS_PAGE (widget);
  SamUserDialog *dialog;

  if (self->session == NULL)
    return;

  dialog = sam_user_dialog_new (parent_window (self), self->session);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (sam_users_page_refresh), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Confirmed actions ------------------------------------------------------- */

/* A dialog's answer, with the user it is about. */
typedef void (*UserResponse) (SamUsersPage *self,
                              const char   *user_name,
                              GtkWidget    *extra);

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     SamUsersPage     *self)
{
  UserResponse done = g_object_get_data (G_OBJECT (dialog), "sam-done");
  const char *user_name = g_object_get_data (G_OBJECT (dialog), "sam-user-name");

  if (g_strcmp0 (response, "cancel") == 0 || g_strcmp0 (response, "close") == 0)
    return;

  done (self, user_name, adw_message_dialog_get_extra_child (dialog));
}

static AdwMessageDialog *
confirm (SamUsersPage          *self,
         const SamUser         *user,
         const char            *heading,
         const char            *body,
         const char            *response_label,
         AdwResponseAppearance  appearance,
         UserResponse           done)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "confirm", response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm", appearance);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "sam-user-name", g_strdup (user->name), g_free);
  g_object_set_data (G_OBJECT (dialog), "sam-done", done);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return ADW_MESSAGE_DIALOG (dialog);
}

static void
disable_done (SamUsersPage *self,
              const char   *user_name,
              GtkWidget    *extra)
{
  g_autoptr(GError) error = NULL;

  if (!sam_directory_disable_user (self->session, user_name, &error))
    show_toast (self, error->message);

  sam_users_page_refresh (self);
}

static void
reset_done (SamUsersPage *self,
            const char   *user_name,
            GtkWidget    *extra)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSecret) passphrase = NULL;

  if (!sam_directory_reset_passphrase (self->session, user_name, NULL, &passphrase, &error))
    {
      show_toast (self, error->message);
      return;
    }

  gtk_window_present (GTK_WINDOW (sam_user_dialog_show_passphrase (parent_window (self), user_name,
                                                                   passphrase)));
  sam_users_page_refresh (self);
}

static void
change_role_done (SamUsersPage *self,
                  const char   *user_name,
                  GtkWidget    *extra)
{
  g_autoptr(GError) error = NULL;
  SamRole role = (SamRole) gtk_drop_down_get_selected (GTK_DROP_DOWN (extra));

  if (!sam_directory_set_role (self->session, user_name, role, &error))
    show_toast (self, error->message);

  sam_users_page_refresh (self);
}

static const SamUser *
action_user (SamUsersPage *self,
             GVariant     *parameter)
{
  const SamUser *user = self->session != NULL
                        ? find_user (self, g_variant_get_string (parameter, NULL)) : NULL;

  if (user == NULL && self->session != NULL)
    show_toast (self, _("That user is no longer listed. The list has been refreshed."));

  return user;
}

static void
disable_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SamUsersPage *self = SAM_USERS_PAGE (widget);
  const SamUser *user = action_user (self, parameter);
  g_autofree char *heading = NULL;

  if (user == NULL)
    return;

  heading = g_strdup_printf (_("Disable “%s”?"), user->name);
  confirm (self, user, heading,
           _("Their passphrase will no longer open Samverka. The account stays in the record "
             "and in the audit log, and it cannot be opened again."),
           _("_Disable"), ADW_RESPONSE_DESTRUCTIVE, disable_done);
}

static void
reset_passphrase_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SamUsersPage *self = SAM_USERS_PAGE (widget);
  const SamUser *user = action_user (self, parameter);
  g_autofree char *heading = NULL;

  if (user == NULL)
    return;

  heading = g_strdup_printf (_("Reset the passphrase of “%s”?"), user->name);
  confirm (self, user, heading,
           _("Their current passphrase stops working. You get a one-time passphrase to give "
             "them, and they choose a new one at the next unlock."),
           _("_Reset"), ADW_RESPONSE_DESTRUCTIVE, reset_done);
}

static void
change_role_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SamUsersPage *self = SAM_USERS_PAGE (widget);
  const SamUser *user = action_user (self, parameter);
  g_autoptr(GtkStringList) roles = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *drop_down;

  if (user == NULL)
    return;

  roles = gtk_string_list_new (NULL);
  for (SamRole role = 0; role < SAM_N_ROLES; role++)
    gtk_string_list_append (roles, sam_role_get_label (role));
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&roles)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), user->role);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Role"), -1);

  heading = g_strdup_printf (_("Change the role of “%s”"), user->name);
  dialog = confirm (self, user, heading,
                    _("The role decides what the user may see and do. It must fit their agency, "
                      "and it takes effect at their next unlock."),
                    _("C_hange Role"), ADW_RESPONSE_SUGGESTED, change_role_done);
  adw_message_dialog_set_extra_child (dialog, drop_down);
}

/* SamWorkspacePage -------------------------------------------------------- */

static void
sam_users_page_set_session (SamWorkspacePage *page,
                            SamSession       *session)
{
  SamUsersPage *self = SAM_USERS_PAGE (page);

  g_set_object (&self->session, session);
  sam_users_page_refresh (self);
}

static void
sam_users_page_workspace_page_init (SamWorkspacePageInterface *iface)
{
  iface->set_session = sam_users_page_set_session;
}

static void
sam_users_page_dispose (GObject *object)
{
  SamUsersPage *self = (SamUsersPage *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->users, g_ptr_array_unref);

  G_OBJECT_CLASS (sam_users_page_parent_class)->dispose (object);
}

static void
sam_users_page_class_init (SamUsersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_users_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-users-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SamUsersPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SamUsersPage, user_list);

  gtk_widget_class_install_action (widget_class, "users.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "users.disable", "s", disable_action);
  gtk_widget_class_install_action (widget_class, "users.reset-passphrase", "s",
                                   reset_passphrase_action);
  gtk_widget_class_install_action (widget_class, "users.change-role", "s", change_role_action);
}

static void
sam_users_page_init (SamUsersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sam_users_page_new:
 *
 * Returns: (transfer floating): a new, empty page; give it a session with
 *   sam_workspace_page_set_session()
 */
GtkWidget *
sam_users_page_new (void)
{
  return g_object_new (SAM_TYPE_USERS_PAGE, NULL);
}
