/* sam-case-list-row.c
 *
 * A case as the list shows it: the young person's name and age, the case
 * number, its status, the next date and whether a consent is in force. The
 * consent badge says so in words, not only in colour. GtkListView recycles
 * rows, so a row is filled and emptied many times; set_row (NULL) leaves
 * no text behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-case-list-row"

#include "config.h"

#include "sam-case-list-row.h"

#include <glib/gi18n.h>

struct _SamCaseListRow
{
  AdwBin      parent_instance;

  SamCaseRow *row;

  /* Template widgets */
  GtkLabel   *name_label;
  GtkLabel   *age_label;
  GtkLabel   *number_label;
  GtkLabel   *status_label;
  GtkLabel   *next_date_label;
  GtkLabel   *consent_label;
};

enum {
  PROP_0,
  PROP_ROW,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (SamCaseListRow, sam_case_list_row, ADW_TYPE_BIN)

static void
sam_case_list_row_clear (SamCaseListRow *self)
{
  g_assert (SAM_IS_CASE_LIST_ROW (self));

  gtk_label_set_text (self->name_label, "");
  gtk_label_set_text (self->age_label, "");
  gtk_label_set_text (self->number_label, "");
  gtk_label_set_text (self->status_label, "");
  gtk_label_set_text (self->next_date_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->next_date_label), FALSE);
  gtk_label_set_text (self->consent_label, "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_label), "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (self->consent_label), "in-force");
  gtk_widget_remove_css_class (GTK_WIDGET (self->consent_label), "not-in-force");
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
sam_case_list_row_show_consent (SamCaseListRow *self,
                                gboolean        in_force)
{
  g_assert (SAM_IS_CASE_LIST_ROW (self));

  gtk_label_set_text (self->consent_label,
                      in_force ? _("Consent in force") : _("No consent in force"));
  gtk_widget_add_css_class (GTK_WIDGET (self->consent_label),
                            in_force ? "in-force" : "not-in-force");
}

/* One sentence for screen readers, in the order the row is read. */
static void
sam_case_list_row_update_accessible (SamCaseListRow *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert (SAM_IS_CASE_LIST_ROW (self));

  g_string_append_printf (text, "%s, %s, %s, %s",
                          gtk_label_get_text (self->name_label),
                          gtk_label_get_text (self->age_label),
                          gtk_label_get_text (self->number_label),
                          gtk_label_get_text (self->status_label));
  if (gtk_widget_get_visible (GTK_WIDGET (self->next_date_label)))
    g_string_append_printf (text, ", %s", gtk_label_get_text (self->next_date_label));
  g_string_append_printf (text, ", %s", gtk_label_get_text (self->consent_label));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text->str,
                                  -1);
}

/* A row whose page is still being read. The labels of the second line
 * keep a space, so that the row has its final height now and does not
 * jump when the case arrives. */
static void
sam_case_list_row_show_loading (SamCaseListRow *self)
{
  g_assert (SAM_IS_CASE_LIST_ROW (self));

  gtk_label_set_text (self->name_label, _("Loading…"));
  gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "dim-label");
  gtk_label_set_text (self->number_label, " ");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Loading…"),
                                  -1);
}

static void
sam_case_list_row_show (SamCaseListRow *self)
{
  g_autofree char *age = NULL;
  const char *next_date;

  g_assert (SAM_IS_CASE_LIST_ROW (self));
  g_assert (SAM_IS_CASE_ROW (self->row));

  gtk_label_set_text (self->name_label, sam_case_row_get_person_name (self->row));
  age = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u year", "%u years",
                                      sam_case_row_get_age (self->row)),
                         sam_case_row_get_age (self->row));
  gtk_label_set_text (self->age_label, age);
  gtk_label_set_text (self->number_label, sam_case_row_get_number (self->row));
  gtk_label_set_text (self->status_label, sam_case_row_get_status_label (self->row));

  next_date = sam_case_row_get_next_date (self->row);
  if (next_date != NULL)
    {
      /* Translators: %s is a date, YYYY-MM-DD: the case's next meeting or follow-up */
      g_autofree char *text = g_strdup_printf (_("Next: %s"), next_date);

      gtk_label_set_text (self->next_date_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->next_date_label), TRUE);
    }

  sam_case_list_row_show_consent (self, sam_case_row_get_consent_in_force (self->row));
  sam_case_list_row_update_accessible (self);
}

static void
sam_case_list_row_dispose (GObject *object)
{
  SamCaseListRow *self = (SamCaseListRow *)object;

  g_clear_object (&self->row);

  G_OBJECT_CLASS (sam_case_list_row_parent_class)->dispose (object);
}

static void
sam_case_list_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SamCaseListRow *self = SAM_CASE_LIST_ROW (object);

  switch (prop_id)
    {
    case PROP_ROW:
      g_value_set_object (value, self->row);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_case_list_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SamCaseListRow *self = SAM_CASE_LIST_ROW (object);

  switch (prop_id)
    {
    case PROP_ROW:
      sam_case_list_row_set_row (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_case_list_row_class_init (SamCaseListRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_case_list_row_dispose;
  object_class->get_property = sam_case_list_row_get_property;
  object_class->set_property = sam_case_list_row_set_property;

  /**
   * SamCaseListRow:row:
   *
   * The case shown, or %NULL.
   */
  properties [PROP_ROW] =
    g_param_spec_object ("row", NULL, NULL,
                         SAM_TYPE_CASE_ROW,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-case-list-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SamCaseListRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, SamCaseListRow, age_label);
  gtk_widget_class_bind_template_child (widget_class, SamCaseListRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, SamCaseListRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, SamCaseListRow, next_date_label);
  gtk_widget_class_bind_template_child (widget_class, SamCaseListRow, consent_label);
}

static void
sam_case_list_row_init (SamCaseListRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sam_case_list_row_new (void)
{
  return g_object_new (SAM_TYPE_CASE_LIST_ROW, NULL);
}

/**
 * sam_case_list_row_get_row:
 * @self: a #SamCaseListRow
 *
 * Returns: (transfer none) (nullable): the case shown
 */
SamCaseRow *
sam_case_list_row_get_row (SamCaseListRow *self)
{
  g_return_val_if_fail (SAM_IS_CASE_LIST_ROW (self), NULL);

  return self->row;
}

/**
 * sam_case_list_row_set_row:
 * @self: a #SamCaseListRow
 * @row: (nullable): the case to show, or %NULL to empty the row
 */
void
sam_case_list_row_set_row (SamCaseListRow *self,
                           SamCaseRow     *row)
{
  g_return_if_fail (SAM_IS_CASE_LIST_ROW (self));
  g_return_if_fail (!row || SAM_IS_CASE_ROW (row));

  if (!g_set_object (&self->row, row))
    return;

  sam_case_list_row_clear (self);
  if (self->row != NULL && sam_case_row_get_is_placeholder (self->row))
    sam_case_list_row_show_loading (self);
  else if (self->row != NULL)
    sam_case_list_row_show (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ROW]);
}
