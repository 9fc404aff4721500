/* sam-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-utils"

#include "config.h"

#include "sam-utils.h"

/**
 * sam_password_row_use_secure_buffer:
 * @row: a #AdwPasswordEntryRow
 *
 * Makes @row keep what is typed in GTK's secure memory, which is locked
 * against swapping and wiped when freed, instead of in the heap.
 */
void
sam_password_row_use_secure_buffer (AdwPasswordEntryRow *row)
{
  GtkEditable *delegate;
  g_autoptr(GtkEntryBuffer) buffer = NULL;

  g_return_if_fail (ADW_IS_PASSWORD_ENTRY_ROW (row));

  delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));
  g_return_if_fail (GTK_IS_TEXT (delegate));

  buffer = gtk_password_entry_buffer_new ();
  gtk_text_set_buffer (GTK_TEXT (delegate), buffer);
}

/**
 * sam_password_row_take_secret:
 * @row: a #AdwPasswordEntryRow
 *
 * Copies the text of @row into a #SamSecret and clears @row, so that the
 * passphrase lives on only in locked memory.
 *
 * Returns: (transfer full): the passphrase
 */
SamSecret *
sam_password_row_take_secret (AdwPasswordEntryRow *row)
{
  SamSecret *secret;

  g_return_val_if_fail (ADW_IS_PASSWORD_ENTRY_ROW (row), NULL);

  secret = sam_secret_new_from_string (gtk_editable_get_text (GTK_EDITABLE (row)));
  gtk_editable_set_text (GTK_EDITABLE (row), "");

  return secret;
}

/**
 * sam_widget_drop_focus:
 * @widget: a #GtkWidget
 *
 * Takes the keyboard focus away if it is inside @widget, so that the
 * focused child is told before it turns insensitive.
 */
void
sam_widget_drop_focus (GtkWidget *widget)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  root = gtk_widget_get_root (widget);
  if (root == NULL)
    return;

  focus = gtk_root_get_focus (root);
  if (focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)))
    gtk_root_set_focus (root, NULL);
}

/**
 * sam_settings_new:
 *
 * Opens the application's settings, schema %APPLICATION_ID.
 *
 * Returns: (transfer full) (nullable): the settings, or %NULL when the
 *   schema is not installed, as when the app runs from the build tree
 *   without GSETTINGS_SCHEMA_DIR
 */
GSettings *
sam_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* g_settings_new() would abort on a missing schema. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);

  if (schema == NULL)
    {
      g_message ("The GSettings schema %s is not installed", APPLICATION_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}
