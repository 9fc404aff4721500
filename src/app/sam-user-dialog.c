/* sam-user-dialog.c
 *
 * Adds a user: user name, display name, role and agency. The core creates
 * the key slot and a one-time passphrase; the dialog shows that passphrase
 * once, in a dialog of its own, and keeps no copy: the secret is freed
 * (and wiped by libsodium) as soon as the label holds it, and the label
 * goes with its dialog. Nothing about the user is logged.
 *
 * The user name is checked as it is typed; the other fields are checked by
 * the core, whose message names the field. On an error every field keeps
 * what the administrator wrote.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-user-dialog"

#include "config.h"

#include "sam-user-dialog.h"

#include <glib/gi18n.h>

struct _SamUserDialog
{
  AdwWindow     parent_instance;

  SamSession   *session;
  GPtrArray    *agencies;       /* SamAgency, in the agency row's order */

  /* Template widgets */
  GtkLabel     *error_label;
  AdwEntryRow  *name_row;
  GtkLabel     *name_error_label;
  AdwEntryRow  *display_name_row;
  AdwComboRow  *role_row;
  AdwComboRow  *agency_row;
};

enum {
  SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (SamUserDialog, sam_user_dialog, ADW_TYPE_WINDOW)

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* Checks the user name as it is typed; an empty row is not yet an error. */
static gboolean
check_name (SamUserDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *name = row_text (self->name_row);
  gboolean valid = *name == '\0' || sam_directory_validate_user_name (name, &error);

  gtk_label_set_text (self->name_error_label, valid ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->name_error_label), !valid);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");

  return valid;
}

static void
on_name_changed (SamUserDialog *self)
{
  check_name (self);
}

static void
clear_errors (SamUserDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_label_set_text (self->error_label, "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->display_name_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->agency_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->role_row), "error");
}

/* The core's message starts with the field's name: mark that row. */
static void
show_error (SamUserDialog *self,
            const char    *message)
{
  static const struct { const char *field; gsize offset; } fields[] = {
    { N_("User name"), G_STRUCT_OFFSET (SamUserDialog, name_row) },
    { N_("Display name"), G_STRUCT_OFFSET (SamUserDialog, display_name_row) },
    { N_("Role"), G_STRUCT_OFFSET (SamUserDialog, role_row) },
    { N_("Agency"), G_STRUCT_OFFSET (SamUserDialog, agency_row) },
  };

  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *prefix = g_strconcat (_(fields[i].field), ":", NULL);
      GtkWidget *row = G_STRUCT_MEMBER (GtkWidget *, self, fields[i].offset);

      if (g_str_has_prefix (message, prefix))
        {
          gtk_widget_add_css_class (row, "error");
          gtk_widget_grab_focus (row);
          break;
        }
    }
}

static void
fill_roles (SamUserDialog *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);

  for (SamRole role = 0; role < SAM_N_ROLES; role++)
    gtk_string_list_append (roles, sam_role_get_label (role));

  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));
}

static void
fill_agencies (SamUserDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;

  self->agencies = sam_directory_list_agencies (self->session, &error);
  if (self->agencies == NULL)
    {
      self->agencies = g_ptr_array_new ();
      show_error (self, error->message);
    }

  for (guint i = 0; i < self->agencies->len; i++)
    gtk_string_list_append (names, ((SamAgency *) g_ptr_array_index (self->agencies, i))->name);

  adw_combo_row_set_model (self->agency_row, G_LIST_MODEL (names));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SamUserDialog *self = SAM_USER_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSecret) passphrase = NULL;
  g_autoptr(SamUser) user = NULL;
  g_autofree char *agency_id = NULL;
  guint agency = adw_combo_row_get_selected (self->agency_row);
  GtkWindow *parent;

  clear_errors (self);
  if (!check_name (self))
    return;

  if (agency >= self->agencies->len)
    {
      show_error (self, _("Agency: choose the agency the user works for."));
      return;
    }

  agency_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                               ((SamAgency *) g_ptr_array_index (self->agencies, agency))->id);
  user = sam_directory_add_user (self->session, row_text (self->name_row),
                                 row_text (self->display_name_row),
                                 (SamRole) adw_combo_row_get_selected (self->role_row),
                                 agency_id, NULL, &passphrase, &error);
  if (user == NULL)
    {
      show_error (self, error->message);
      return;
    }

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_signal_emit (self, signals [SAVED], 0, user->name);
  gtk_window_present (GTK_WINDOW (sam_user_dialog_show_passphrase (parent, user->name, passphrase)));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
sam_user_dialog_dispose (GObject *object)
{
  SamUserDialog *self = (SamUserDialog *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->agencies, g_ptr_array_unref);

  G_OBJECT_CLASS (sam_user_dialog_parent_class)->dispose (object);
}

static void
sam_user_dialog_class_init (SamUserDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_user_dialog_dispose;

  /**
   * SamUserDialog::saved:
   * @self: the dialog
   * @user_name: the new user's name
   *
   * The user was added; the dialog closes right after and the one-time
   * passphrase dialog opens.
   */
  signals [SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-user-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SamUserDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SamUserDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SamUserDialog, name_error_label);
  gtk_widget_class_bind_template_child (widget_class, SamUserDialog, display_name_row);
  gtk_widget_class_bind_template_child (widget_class, SamUserDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, SamUserDialog, agency_row);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);

  gtk_widget_class_install_action (widget_class, "user.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "user.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sam_user_dialog_init (SamUserDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_roles (self);
}

/**
 * sam_user_dialog_new:
 * @parent: (nullable): the window to stay above
 * @session: the signed-in administrator
 *
 * Emits #SamUserDialog::saved once the core has added the user, then shows
 * the one-time passphrase with sam_user_dialog_show_passphrase().
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
SamUserDialog *
sam_user_dialog_new (GtkWindow  *parent,
                     SamSession *session)
{
  SamUserDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);

  self = g_object_new (SAM_TYPE_USER_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  fill_agencies (self);

  return self;
}

static void
on_copy_clicked (GtkButton *button,
                 GtkLabel  *label)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), gtk_label_get_text (label));
  gtk_button_set_label (button, _("Copied"));
}

/**
 * sam_user_dialog_show_passphrase:
 * @parent: (nullable): the window to stay above
 * @user_name: whose passphrase it is
 * @passphrase: the one-time passphrase the core generated
 *
 * Shows a one-time passphrase once, with a button to copy it. The caller
 * frees @passphrase right after; only the dialog's label holds the text,
 * and it goes when the dialog closes. The passphrase label is named
 * "passphrase" (gtk_widget_get_name()).
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
AdwMessageDialog *
sam_user_dialog_show_passphrase (GtkWindow       *parent,
                                 const char      *user_name,
                                 const SamSecret *passphrase)
{
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *copy;

  g_return_val_if_fail (user_name != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  dialog = adw_message_dialog_new (parent, _("One-Time Passphrase"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Give this passphrase to “%s” in person or by phone, never "
                                    "by e-mail. It opens Samverka once: at the first unlock they "
                                    "must choose a passphrase of their own. It is shown only now "
                                    "and cannot be shown again; if it is lost, reset it."),
                                  user_name);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Done"));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  label = gtk_label_new (sam_secret_get_string (passphrase));
  gtk_widget_set_name (label, "passphrase");
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "title-3");
  gtk_widget_add_css_class (label, "monospace");
  copy = gtk_button_new_with_label (_("Copy"));
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  g_signal_connect_object (copy, "clicked", G_CALLBACK (on_copy_clicked), label, 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), copy);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  return ADW_MESSAGE_DIALOG (dialog);
}
