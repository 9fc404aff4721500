/* test-mnemonic-labels.c: what a screen reader reads for a mnemonic button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sam-mnemonic-labels.h"
#include "sam-ui-test-util.h"

static void
test_strip (void)
{
  const struct
  {
    const char *label;
    const char *read_out;
  } cases[] = {
    { "_Show", "Show" },
    { "_Programme Summary", "Programme Summary" },
    { "Save __as", "Save _as" },
    { "No mnemonic", "No mnemonic" },
    { "Ex_portera", "Exportera" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = sam_mnemonic_labels_strip (cases[i].label);

      g_assert_cmpstr (text, ==, cases[i].read_out);
    }
}

static GtkLabel *
label_of (GtkButton *button)
{
  return GTK_LABEL (gtk_button_get_child (button));
}

static void
test_button (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *mnemonic = gtk_button_new_with_mnemonic ("_Show");
  GtkWidget *plain = gtk_button_new_with_label ("Lock");

  sam_mnemonic_labels_init ();
  gtk_box_append (GTK_BOX (box), mnemonic);
  gtk_box_append (GTK_BOX (box), plain);
  gtk_window_set_child (GTK_WINDOW (window), box);

  /* As GTK 4.8 leaves it: the button's own accessible label keeps the
   * underscore and is read out before its label's. */
  gtk_test_accessible_assert_property (mnemonic, GTK_ACCESSIBLE_PROPERTY_LABEL, "_Show");

  gtk_window_present (GTK_WINDOW (window));
  sam_test_wait_until (gtk_widget_get_mapped (mnemonic), 10);

  /* Now the label alone names the button. */
  gtk_test_accessible_assert_property (label_of (GTK_BUTTON (mnemonic)), GTK_ACCESSIBLE_PROPERTY_LABEL, "Show");
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (mnemonic), GTK_ACCESSIBLE_PROPERTY_LABEL));
  /* A button without a mnemonic keeps its name. */
  gtk_test_accessible_assert_property (plain, GTK_ACCESSIBLE_PROPERTY_LABEL, "Lock");

  /* A new label is read out without its mark too. */
  gtk_button_set_label (GTK_BUTTON (mnemonic), "_Hide");
  gtk_test_accessible_assert_property (label_of (GTK_BUTTON (mnemonic)), GTK_ACCESSIBLE_PROPERTY_LABEL, "Hide");
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (mnemonic), GTK_ACCESSIBLE_PROPERTY_LABEL));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  sam_test_init (&argc, &argv);

  g_test_add_func ("/mnemonic-labels/strip", test_strip);
  g_test_add_func ("/mnemonic-labels/button", test_button);

  return g_test_run ();
}
