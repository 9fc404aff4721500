/* sam-mnemonic-labels.c: accessible names without mnemonic underscores
 *
 * GTK 4.8 gives a button with a mnemonic ("_Show") its label as written,
 * underscore and all, as its accessible label, and since its mnemonic label
 * labels it as well, screen readers read "_Show Show". Until the app
 * requires a GTK that fixes it, every button that is mapped drops that
 * accessible label and is named by its mnemonic label alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sam-mnemonic-labels.h"

#include <string.h>

/**
 * sam_mnemonic_labels_strip:
 * @label: a label with mnemonic marks, such as "_Save" or "Save __as"
 *
 * Returns: (transfer full): @label as read out: "Save", "Save _as"
 */
char *
sam_mnemonic_labels_strip (const char *label)
{
  GString *text;

  g_return_val_if_fail (label != NULL, NULL);

  text = g_string_sized_new (strlen (label));
  for (const char *p = label; *p != '\0'; p++)
    {
      /* "__" stands for one underscore; a lone one marks the next letter. */
      if (*p == '_' && p[1] == '_')
        p++;
      else if (*p == '_')
        continue;
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

/* The button is labelled by its mnemonic label as well, and GTK 4.8 reads
 * both out; the label alone names it. */
static void
update_button (GtkButton *button)
{
  const char *text = gtk_button_get_label (button);

  if (text == NULL || !gtk_button_get_use_underline (button) || strchr (text, '_') == NULL)
    return;

  gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
label_changed_cb (GtkButton  *button,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  update_button (button);
}

static gboolean
map_hook (GSignalInvocationHint *hint,
          guint                  n_values,
          const GValue          *values,
          gpointer               user_data)
{
  GObject *widget = g_value_get_object (&values[0]);

  if (GTK_IS_BUTTON (widget) && g_object_get_data (widget, "sam-mnemonic-label") == NULL)
    {
      /* GTK sets the accessible label again whenever the label changes. */
      g_object_set_data (widget, "sam-mnemonic-label", GINT_TO_POINTER (TRUE));
      g_signal_connect_after (widget, "notify::label", G_CALLBACK (label_changed_cb), NULL);
      g_signal_connect_after (widget, "notify::use-underline", G_CALLBACK (label_changed_cb), NULL);
      update_button (GTK_BUTTON (widget));
    }
  return TRUE;
}

/**
 * sam_mnemonic_labels_init:
 *
 * Watches every button that is mapped from now on. Call once, after
 * gtk_init().
 */
void
sam_mnemonic_labels_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* A signal is known only once its class exists. */
      gpointer widget_class = g_type_class_ref (GTK_TYPE_WIDGET);

      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, map_hook, NULL, NULL);
      g_type_class_unref (widget_class);
      g_once_init_leave (&done, 1);
    }
}
