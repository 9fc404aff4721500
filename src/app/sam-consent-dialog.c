/* sam-consent-dialog.c
 *
 * Records a written consent (DESIGN §2.4): who signed, which agencies may
 * share, what for and for how long. Dates are checked as they are typed;
 * the core checks everything again when saving, and its message names the
 * field. A refused save keeps every field as the user left it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-consent-dialog"

#include "config.h"

#include "sam-consent-dialog.h"

#include <glib/gi18n.h>
#include <stdio.h>

/* The young person signs from this age (DESIGN §2.4). */
#define YOUNG_PERSON_SIGNS_FROM 15

struct _SamConsentDialog
{
  AdwWindow        parent_instance;

  SamSession      *session;
  gint64           case_id;
  GPtrArray       *guardian_checks;   /* GtkCheckButton, with "guardian-id" data */
  GPtrArray       *agency_checks;     /* GtkCheckButton, with "agency-id" data */
  GtkCheckButton  *young_person_check;

  /* Template widgets */
  GtkWidget            *save_button;
  GtkLabel             *error_label;
  AdwPreferencesGroup  *signatories_group;
  AdwPreferencesGroup  *agencies_group;
  AdwEntryRow          *purpose_row;
  AdwEntryRow          *signed_on_row;
  AdwEntryRow          *valid_from_row;
  AdwEntryRow          *valid_to_row;
};

enum {
  RECORDED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (SamConsentDialog, sam_consent_dialog, ADW_TYPE_WINDOW)

/* Helpers -------------------------------------------------------------------- */

static gboolean
is_fifteen (const char *birth_date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year, month, day;

  if (birth_date == NULL || sscanf (birth_date, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return FALSE;

  year += YOUNG_PERSON_SIGNS_FROM;
  return year < g_date_time_get_year (now) ||
         (year == g_date_time_get_year (now) &&
          (month < g_date_time_get_month (now) ||
           (month == g_date_time_get_month (now) && day <= g_date_time_get_day_of_month (now))));
}

/* A row with a check box in front; the whole row toggles it. */
static GtkCheckButton *
add_check_row (AdwPreferencesGroup *group,
               const char          *title,
               const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_preferences_group_add (group, row);

  return GTK_CHECK_BUTTON (check);
}

static void
add_signatories (SamConsentDialog *self,
                 const SamPerson  *person,
                 GPtrArray        *guardians)
{
  for (guint i = 0; guardians != NULL && i < guardians->len; i++)
    {
      SamGuardian *guardian = g_ptr_array_index (guardians, i);
      GtkCheckButton *check;

      if (!guardian->custody)
        continue;

      check = add_check_row (self->signatories_group, guardian->name, _("Guardian with custody"));
      g_object_set_data_full (G_OBJECT (check), "guardian-id", g_memdup2 (&guardian->id, sizeof (gint64)),
                              g_free);
      g_ptr_array_add (self->guardian_checks, check);
    }

  if (is_fifteen (person->birth_date))
    {
      g_autofree char *name = g_strdup_printf ("%s %s", person->given_name, person->family_name);

      self->young_person_check = add_check_row (self->signatories_group, name, _("The young person"));
    }
}

static void
add_agencies (SamConsentDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) agencies = sam_directory_list_agencies (self->session, &error);

  if (agencies == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  for (guint i = 0; i < agencies->len; i++)
    {
      SamAgency *agency = g_ptr_array_index (agencies, i);
      GtkCheckButton *check;

      /* The municipality's administration takes no part in SSPF work. */
      if (agency->kind == SAM_AGENCY_KIND_ADMINISTRATION)
        continue;

      check = add_check_row (self->agencies_group, agency->name, sam_agency_kind_get_label (agency->kind));
      g_object_set_data_full (G_OBJECT (check), "agency-id", g_memdup2 (&agency->id, sizeof (gint64)), g_free);
      g_ptr_array_add (self->agency_checks, check);
    }
}

static GArray *
checked_ids (GPtrArray  *checks,
             const char *key)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (checks, i);

      if (gtk_check_button_get_active (check))
        g_array_append_val (ids, *(gint64 *) g_object_get_data (G_OBJECT (check), key));
    }

  return ids;
}

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
clear_errors (SamConsentDialog *self)
{
  AdwEntryRow *rows[] = { self->purpose_row, self->signed_on_row, self->valid_from_row, self->valid_to_row };

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_label_set_text (self->error_label, "");
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");
}

/* The core's messages start with the field's name, "Valid from: …": mark
 * that field and move there. */
static void
show_error (SamConsentDialog *self,
            const char       *message)
{
  struct { const char *field; GtkWidget *row; } fields[] = {
    { _("Purpose"), GTK_WIDGET (self->purpose_row) },
    { _("Signed on"), GTK_WIDGET (self->signed_on_row) },
    { _("Valid from"), GTK_WIDGET (self->valid_from_row) },
    { _("Valid to"), GTK_WIDGET (self->valid_to_row) },
    { _("Signatories"), GTK_WIDGET (self->signatories_group) },
    { _("Agencies"), GTK_WIDGET (self->agencies_group) },
  };

  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *prefix = g_strconcat (fields[i].field, ":", NULL);

      if (g_str_has_prefix (message, prefix))
        {
          if (ADW_IS_ENTRY_ROW (fields[i].row))
            gtk_widget_add_css_class (fields[i].row, "error");
          gtk_widget_child_focus (fields[i].row, GTK_DIR_TAB_FORWARD);
          return;
        }
    }
}

/* Signal callbacks ----------------------------------------------------------- */

static void
on_date_row_changed (AdwEntryRow      *row,
                     SamConsentDialog *self)
{
  const char *text = row_text (row);
  GDate date;

  g_date_clear (&date, 1);
  if (text[0] == '\0' || sam_validate_date ("", text, &date, NULL))
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
}

/* Actions -------------------------------------------------------------------- */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SamConsentDialog *self = SAM_CONSENT_DIALOG (widget);
  g_autoptr(GArray) guardians = checked_ids (self->guardian_checks, "guardian-id");
  g_autoptr(GArray) agencies = checked_ids (self->agency_checks, "agency-id");
  g_autoptr(GError) error = NULL;
  SamConsentDraft draft = {
    .purpose = row_text (self->purpose_row),
    .valid_from = row_text (self->valid_from_row),
    .valid_to = row_text (self->valid_to_row)[0] != '\0' ? row_text (self->valid_to_row) : NULL,
    .guardian_ids = (const gint64 *) guardians->data,
    .n_guardians = guardians->len,
    .young_person_signed = self->young_person_check != NULL &&
                           gtk_check_button_get_active (self->young_person_check),
    .signed_on = row_text (self->signed_on_row),
    .agency_ids = (const gint64 *) agencies->data,
    .n_agencies = agencies->len,
  };
  gint64 consent_id;

  clear_errors (self);
  consent_id = sam_case_store_record_consent (self->session, self->case_id, &draft, &error);
  if (consent_id == 0)
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals [RECORDED], 0, consent_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Life cycle ----------------------------------------------------------------- */

static void
sam_consent_dialog_dispose (GObject *object)
{
  SamConsentDialog *self = (SamConsentDialog *)object;

  g_clear_pointer (&self->guardian_checks, g_ptr_array_unref);
  g_clear_pointer (&self->agency_checks, g_ptr_array_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sam_consent_dialog_parent_class)->dispose (object);
}

static void
sam_consent_dialog_class_init (SamConsentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_consent_dialog_dispose;

  /**
   * SamConsentDialog::recorded:
   * @self: the dialog
   * @consent_id: the new consent's id
   *
   * The consent was saved; the dialog closes right after.
   */
  signals [RECORDED] =
    g_signal_new ("recorded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-consent-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SamConsentDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, SamConsentDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SamConsentDialog, signatories_group);
  gtk_widget_class_bind_template_child (widget_class, SamConsentDialog, agencies_group);
  gtk_widget_class_bind_template_child (widget_class, SamConsentDialog, purpose_row);
  gtk_widget_class_bind_template_child (widget_class, SamConsentDialog, signed_on_row);
  gtk_widget_class_bind_template_child (widget_class, SamConsentDialog, valid_from_row);
  gtk_widget_class_bind_template_child (widget_class, SamConsentDialog, valid_to_row);
  gtk_widget_class_bind_template_callback (widget_class, on_date_row_changed);

  gtk_widget_class_install_action (widget_class, "consent.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "consent.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sam_consent_dialog_init (SamConsentDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  self->guardian_checks = g_ptr_array_new ();
  self->agency_checks = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Most consents are signed and start the day they are recorded. */
  gtk_editable_set_text (GTK_EDITABLE (self->signed_on_row), today);
  gtk_editable_set_text (GTK_EDITABLE (self->valid_from_row), today);
}

/* Public API ----------------------------------------------------------------- */

/**
 * sam_consent_dialog_new:
 * @parent: (nullable): the window to stay above
 * @session: the signed-in social worker or coordinator
 * @case_id: the case the consent is for
 * @person: the case's young person, as the core returned them
 * @guardians: (element-type SamGuardian): their guardians
 *
 * Offers every guardian with custody and, from 15, the young person as
 * signatories, and every SSPF agency. Emits #SamConsentDialog::recorded
 * once the core has saved the consent.
 *
 * Returns: (transfer none): the dialog, not yet shown
 */
SamConsentDialog *
sam_consent_dialog_new (GtkWindow       *parent,
                        SamSession      *session,
                        gint64           case_id,
                        const SamPerson *person,
                        GPtrArray       *guardians)
{
  SamConsentDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (person != NULL, NULL);

  self = g_object_new (SAM_TYPE_CONSENT_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->case_id = case_id;
  add_signatories (self, person, guardians);
  add_agencies (self);

  return self;
}
