/* sam-triage-dialog.c: social services' decision on one concern
 *
 * Triage (DESIGN §2.2) turns a concern into a new case, links it to a
 * case the young person already has, or closes it with feedback the
 * reporter reads. "Mark assessed" records that social services have
 * looked at it without deciding yet. The core's state machine
 * (sam_concern_store_assess()) decides what is allowed; this dialog only
 * offers the outcomes and shows the core's refusals beside them.
 *
 * Opening a case and linking the concern to it are two core calls. When
 * the link fails after the case was opened, the dialog remembers the new
 * case, so that trying again links it instead of opening a second one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-triage-dialog"

#include "config.h"

#include "sam-triage-dialog.h"

#include <glib/gi18n.h>

#include "sam-concern-format.h"

struct _SamTriageDialog
{
  AdwWindow          parent_instance;

  SamSession        *session;
  gint64             concern_id;
  SamConcern        *concern;
  GPtrArray         *open_cases;
  GPtrArray         *area_checks;
  gint64             opened_case_id;

  /* Template widgets */
  AdwToastOverlay   *toast_overlay;
  AdwActionRow      *person_row;
  AdwActionRow      *reporter_row;
  AdwActionRow      *observed_row;
  AdwActionRow      *urgency_row;
  AdwActionRow      *report_row;
  AdwActionRow      *categories_row;
  AdwActionRow      *risk_row;
  AdwActionRow      *protective_row;
  AdwActionRow      *status_row;
  GtkLabel          *description_label;
  AdwComboRow       *level_row;
  AdwExpanderRow    *areas_row;
  GtkLabel          *new_case_error_label;
  AdwPreferencesGroup *link_group;
  AdwComboRow       *case_row;
  GtkLabel          *link_error_label;
  AdwEntryRow       *feedback_row;
  GtkLabel          *feedback_length_label;
  GtkLabel          *feedback_error_label;
};

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CONCERN_ID,
  N_PROPS
};

enum {
  TRIAGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (SamTriageDialog, sam_triage_dialog, ADW_TYPE_WINDOW)

/* Helpers ------------------------------------------------------------------ */

static void
set_value (AdwActionRow *row,
           const char   *value)
{
  adw_action_row_set_subtitle (row, value != NULL && value[0] != '\0' ? value : _("None"));
}

static void
set_codes (AdwActionRow        *row,
           SamCatalogueKind     kind,
           const char * const  *codes)
{
  g_autofree char *labels = sam_concern_format_codes (kind, codes);

  set_value (row, labels);
}

static char *
dup_feedback (SamTriageDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->feedback_row))));
}

static void
sam_triage_dialog_set_enabled (SamTriageDialog *self,
                               gboolean         enabled)
{
  g_assert (SAM_IS_TRIAGE_DIALOG (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "triage.open-case", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "triage.link-case",
                                 enabled && self->open_cases != NULL && self->open_cases->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "triage.close", enabled);
  /* An assessed concern cannot be assessed again (the core's rule). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "triage.assess",
                                 enabled && self->concern->status == SAM_CONCERN_STATUS_RECEIVED);
}

static void
sam_triage_dialog_clear_errors (SamTriageDialog *self)
{
  g_assert (SAM_IS_TRIAGE_DIALOG (self));

  sam_concern_show_error (self->new_case_error_label, NULL);
  sam_concern_show_error (self->link_error_label, NULL);
  sam_concern_show_error (self->feedback_error_label, NULL);
}

/* A refusal that names no field of this dialog's part (a lock, a denial, a
 * database error) is also a toast, so that it is seen wherever one is. */
static void
sam_triage_dialog_show_error (SamTriageDialog *self,
                              GtkLabel        *label,
                              const GError    *error)
{
  g_assert (SAM_IS_TRIAGE_DIALOG (self));

  sam_concern_show_error (label, error->message);
  if (error->domain != SAM_STORE_ERROR)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

/* Showing the concern -------------------------------------------------------- */

static void
sam_triage_dialog_show_person (SamTriageDialog *self)
{
  g_autoptr(SamPerson) person = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  g_assert (SAM_IS_TRIAGE_DIALOG (self));

  person = sam_person_store_get (self->session, self->concern->person_id, &error);
  if (person == NULL)
    {
      /* A hidden item is simply not there. */
      set_value (self->person_row, NULL);
      return;
    }

  name = sam_concern_format_person (person->given_name, person->family_name);
  /* Translators: a young person's name, then their birth date */
  text = g_strdup_printf (_("%s, born %s"), name, person->birth_date);
  set_value (self->person_row, text);
}

static void
sam_triage_dialog_show_concern (SamTriageDialog *self)
{
  const SamConcern *concern = self->concern;
  g_autofree char *reporter = NULL;

  g_assert (SAM_IS_TRIAGE_DIALOG (self));

  sam_triage_dialog_show_person (self);
  /* Translators: who logged a concern, then their agency */
  reporter = g_strdup_printf (_("%s, %s"), concern->reporter_name, concern->agency_name);
  set_value (self->reporter_row, reporter);
  set_value (self->observed_row, concern->observed_on);
  set_value (self->urgency_row, sam_concern_urgency_get_label (concern->urgency));
  set_value (self->report_row, concern->report_to_social ? _("Yes") : _("No"));
  set_codes (self->categories_row, SAM_CATALOGUE_KIND_CONCERN_CATEGORY,
             (const char * const *) concern->categories);
  set_codes (self->risk_row, SAM_CATALOGUE_KIND_RISK_FACTOR,
             (const char * const *) concern->risk_factors);
  set_codes (self->protective_row, SAM_CATALOGUE_KIND_PROTECTIVE_FACTOR,
             (const char * const *) concern->protective_factors);
  set_value (self->status_row, sam_concern_status_get_label (concern->status));
  gtk_label_set_text (self->description_label, concern->description);
}

static void
sam_triage_dialog_show_open_cases (SamTriageDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert (SAM_IS_TRIAGE_DIALOG (self));

  self->open_cases = sam_triage_list_open_cases (self->session, self->concern->person_id, &error);
  if (self->open_cases == NULL)
    {
      sam_concern_show_error (self->link_error_label, error->message);
      return;
    }

  for (guint i = 0; i < self->open_cases->len; i++)
    {
      SamCase *open_case = g_ptr_array_index (self->open_cases, i);
      g_autofree char *label = NULL;

      /* Translators: a case number, then its status, e.g. “SV-2026-0042 (Active)” */
      label = g_strdup_printf (_("%s (%s)"), open_case->number,
                               sam_case_status_get_label (open_case->status));
      gtk_string_list_append (labels, label);
    }

  adw_combo_row_set_model (self->case_row, G_LIST_MODEL (labels));
  adw_preferences_group_set_description (self->link_group,
                                         self->open_cases->len == 0
                                         ? _("This young person has no open case.")
                                         : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->case_row), self->open_cases->len > 0);
}

static void
sam_triage_dialog_setup_new_case (SamTriageDialog *self)
{
  g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);
  const SamCatalogueEntry *entries;
  guint n_entries = 0;

  g_assert (SAM_IS_TRIAGE_DIALOG (self));

  /* The case store takes the level as SamPreventionLevel, whose order the
   * labels follow. */
  for (guint i = 0; i < SAM_N_PREVENTION_LEVELS; i++)
    {
      const SamCatalogueEntry *entry = sam_catalogue_lookup (SAM_CATALOGUE_KIND_PREVENTION_LEVEL,
                                                             sam_prevention_level_to_string (i));

      gtk_string_list_append (levels, entry != NULL ? sam_catalogue_entry_get_label (entry)
                                                    : sam_prevention_level_to_string (i));
    }
  adw_combo_row_set_model (self->level_row, G_LIST_MODEL (levels));
  adw_combo_row_set_selected (self->level_row, SAM_PREVENTION_INDICATED);

  entries = sam_catalogue_list (SAM_CATALOGUE_KIND_TARGET_AREA, &n_entries);
  for (guint i = 0; i < n_entries; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_name (check, entries[i].code);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      sam_catalogue_entry_get_label (&entries[i]), -1);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     sam_catalogue_entry_get_label (&entries[i]));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (self->areas_row, row);
      g_ptr_array_add (self->area_checks, check);
    }
}

static void
sam_triage_dialog_load (SamTriageDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (SAM_IS_TRIAGE_DIALOG (self));

  self->concern = sam_concern_store_get (self->session, self->concern_id, &error);
  if (self->concern == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "triage.open-case", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "triage.link-case", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "triage.close", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "triage.assess", FALSE);
      return;
    }

  sam_triage_dialog_show_concern (self);
  sam_triage_dialog_show_open_cases (self);
  sam_triage_dialog_set_enabled (self, TRUE);
}

/* Deciding ------------------------------------------------------------------- */

static gboolean
sam_triage_dialog_assess (SamTriageDialog  *self,
                          SamConcernStatus  outcome,
                          gint64            case_id,
                          const char       *feedback,
                          GError          **error)
{
  g_autoptr(SamConcern) triaged = NULL;

  g_assert (SAM_IS_TRIAGE_DIALOG (self));

  triaged = sam_concern_store_assess (self->session, self->concern_id, outcome, case_id,
                                      feedback != NULL && feedback[0] != '\0' ? feedback : NULL,
                                      error);
  if (triaged == NULL)
    return FALSE;

  g_signal_emit (self, signals [TRIAGED], 0, self->concern_id, case_id);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static GStrv
sam_triage_dialog_collect_areas (SamTriageDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_assert (SAM_IS_TRIAGE_DIALOG (self));

  for (guint i = 0; i < self->area_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->area_checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, gtk_widget_get_name (GTK_WIDGET (check)));
    }

  return g_strv_builder_end (builder);
}

static void
sam_triage_dialog_open_case (SamTriageDialog *self)
{
  g_auto(GStrv) areas = sam_triage_dialog_collect_areas (self);
  g_autoptr(GError) error = NULL;

  g_assert (SAM_IS_TRIAGE_DIALOG (self));

  sam_triage_dialog_clear_errors (self);
  if (self->opened_case_id == 0)
    {
      g_autoptr(SamCase) opened = NULL;

      opened = sam_case_store_create (self->session, self->concern->person_id,
                                      adw_combo_row_get_selected (self->level_row),
                                      (const char * const *) areas, &error);
      if (opened == NULL)
        {
          sam_triage_dialog_show_error (self, self->new_case_error_label, error);
          return;
        }
      self->opened_case_id = opened->id;
    }

  if (!sam_triage_dialog_assess (self, SAM_CONCERN_STATUS_LED_TO_CASE, self->opened_case_id,
                                 NULL, &error))
    sam_triage_dialog_show_error (self, self->new_case_error_label, error);
}

static void
sam_triage_dialog_link_case (SamTriageDialog *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (self->case_row);
  SamCase *chosen;

  g_assert (SAM_IS_TRIAGE_DIALOG (self));

  sam_triage_dialog_clear_errors (self);
  if (self->open_cases == NULL || selected >= self->open_cases->len)
    return;

  chosen = g_ptr_array_index (self->open_cases, selected);
  if (!sam_triage_dialog_assess (self, SAM_CONCERN_STATUS_LED_TO_CASE, chosen->id, NULL, &error))
    sam_triage_dialog_show_error (self, self->link_error_label, error);
}

static void
sam_triage_dialog_decide_without_case (SamTriageDialog  *self,
                                       SamConcernStatus  outcome)
{
  g_autofree char *feedback = dup_feedback (self);
  g_autoptr(GError) error = NULL;

  g_assert (SAM_IS_TRIAGE_DIALOG (self));

  sam_triage_dialog_clear_errors (self);
  if (!sam_triage_dialog_assess (self, outcome, 0, feedback, &error))
    {
      sam_triage_dialog_show_error (self, self->feedback_error_label, error);
      gtk_widget_add_css_class (GTK_WIDGET (self->feedback_row), "error");
    }
}

/* Signal callbacks ---------------------------------------------------------- */

static void
feedback_changed_cb (SamTriageDialog *self)
{
  g_autofree char *length = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *text = NULL;
  glong n_chars;

  g_assert (SAM_IS_TRIAGE_DIALOG (self));

  n_chars = g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (self->feedback_row)), -1);
  length = g_strdup_printf ("%ld", n_chars);
  limit = g_strdup_printf ("%d", SAM_SHORT_TEXT_MAX_CHARS);
  /* Translators: the feedback's length, e.g. “120 of 200 characters” */
  text = g_strdup_printf (_("%s of %s characters"), length, limit);
  gtk_label_set_text (self->feedback_length_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->feedback_row), "error");
  if (n_chars > SAM_SHORT_TEXT_MAX_CHARS)
    gtk_widget_add_css_class (GTK_WIDGET (self->feedback_row), "error");
}

static void
session_locked_cb (SamTriageDialog *self)
{
  g_assert (SAM_IS_TRIAGE_DIALOG (self));

  if (sam_session_is_locked (self->session))
    gtk_window_destroy (GTK_WINDOW (self));
}

/* Actions ----------------------------------------------------------------- */

static void
open_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  sam_triage_dialog_open_case (SAM_TRIAGE_DIALOG (widget));
}

static void
link_case_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  sam_triage_dialog_link_case (SAM_TRIAGE_DIALOG (widget));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  sam_triage_dialog_decide_without_case (SAM_TRIAGE_DIALOG (widget), SAM_CONCERN_STATUS_NO_ACTION);
}

static void
assess_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  sam_triage_dialog_decide_without_case (SAM_TRIAGE_DIALOG (widget), SAM_CONCERN_STATUS_ASSESSED);
}

/* GObject ------------------------------------------------------------------ */

static void
sam_triage_dialog_constructed (GObject *object)
{
  SamTriageDialog *self = SAM_TRIAGE_DIALOG (object);

  G_OBJECT_CLASS (sam_triage_dialog_parent_class)->constructed (object);

  g_assert (SAM_IS_SESSION (self->session));
  g_signal_connect_object (self->session, "notify::locked", G_CALLBACK (session_locked_cb), self,
                           G_CONNECT_SWAPPED);
  sam_triage_dialog_load (self);
}

static void
sam_triage_dialog_dispose (GObject *object)
{
  SamTriageDialog *self = SAM_TRIAGE_DIALOG (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (sam_triage_dialog_parent_class)->dispose (object);
}

static void
sam_triage_dialog_finalize (GObject *object)
{
  SamTriageDialog *self = SAM_TRIAGE_DIALOG (object);

  g_clear_pointer (&self->concern, sam_concern_free);
  g_clear_pointer (&self->open_cases, g_ptr_array_unref);
  g_clear_pointer (&self->area_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (sam_triage_dialog_parent_class)->finalize (object);
}

static void
sam_triage_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SamTriageDialog *self = SAM_TRIAGE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_CONCERN_ID:
      g_value_set_int64 (value, self->concern_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_triage_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SamTriageDialog *self = SAM_TRIAGE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_CONCERN_ID:
      self->concern_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_triage_dialog_class_init (SamTriageDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sam_triage_dialog_constructed;
  object_class->dispose = sam_triage_dialog_dispose;
  object_class->finalize = sam_triage_dialog_finalize;
  object_class->get_property = sam_triage_dialog_get_property;
  object_class->set_property = sam_triage_dialog_set_property;

  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SAM_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CONCERN_ID] =
    g_param_spec_int64 ("concern-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SamTriageDialog::triaged:
   * @self: the dialog
   * @concern_id: the concern
   * @case_id: the case it now leads to, or 0
   *
   * The concern was triaged; the dialog closes right after.
   */
  signals [TRIAGED] =
    g_signal_new ("triaged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/samverka/Samverka/sam-triage-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SamTriageDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SamTriageDialog, person_row);
  gtk_widget_class_bind_template_child (widget_class, SamTriageDialog, reporter_row);
  gtk_widget_class_bind_template_child (widget_class, SamTriageDialog, observed_row);
  gtk_widget_class_bind_template_child (widget_class, SamTriageDialog, urgency_row);
  gtk_widget_class_bind_template_child (widget_class, SamTriageDialog, report_row);
  gtk_widget_class_bind_template_child (widget_class, SamTriageDialog, categories_row);
  gtk_widget_class_bind_template_child (widget_class, SamTriageDialog, risk_row);
  gtk_widget_class_bind_template_child (widget_class, SamTriageDialog, protective_row);
  gtk_widget_class_bind_template_child (widget_class, SamTriageDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, SamTriageDialog, description_label);
  gtk_widget_class_bind_template_child (widget_class, SamTriageDialog, level_row);
  gtk_widget_class_bind_template_child (widget_class, SamTriageDialog, areas_row);
  gtk_widget_class_bind_template_child (widget_class, SamTriageDialog, new_case_error_label);
  gtk_widget_class_bind_template_child (widget_class, SamTriageDialog, link_group);
  gtk_widget_class_bind_template_child (widget_class, SamTriageDialog, case_row);
  gtk_widget_class_bind_template_child (widget_class, SamTriageDialog, link_error_label);
  gtk_widget_class_bind_template_child (widget_class, SamTriageDialog, feedback_row);
  gtk_widget_class_bind_template_child (widget_class, SamTriageDialog, feedback_length_label);
  gtk_widget_class_bind_template_child (widget_class, SamTriageDialog, feedback_error_label);
  gtk_widget_class_bind_template_callback (widget_class, feedback_changed_cb);

  gtk_widget_class_install_action (widget_class, "triage.open-case", NULL, open_case_action);
  gtk_widget_class_install_action (widget_class, "triage.link-case", NULL, link_case_action);
  gtk_widget_class_install_action (widget_class, "triage.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "triage.assess", NULL, assess_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sam_triage_dialog_init (SamTriageDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->area_checks = g_ptr_array_new ();
  sam_triage_dialog_setup_new_case (self);
  feedback_changed_cb (self);
}

/* Public API --------------------------------------------------------------- */

/**
 * sam_triage_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @session: a social worker's or coordinator's session
 * @concern_id: the concern to triage
 *
 * Creates the triage dialog for one concern, read through the core (an
 * audited view). It emits #SamTriageDialog::triaged and closes once the
 * concern is triaged, and closes by itself when @session locks.
 *
 * Returns: (transfer none): the dialog, owned by GTK's toplevel list
 */
GtkWidget *
sam_triage_dialog_new (GtkWindow  *parent,
                       SamSession *session,
                       gint64      concern_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);

  return g_object_new (SAM_TYPE_TRIAGE_DIALOG,
                       "session", session,
                       "concern-id", concern_id,
                       "transient-for", parent,
                       NULL);
}

/**
 * sam_triage_dialog_get_concern_id:
 *
 * Returns: the concern this dialog triages
 */
gint64
sam_triage_dialog_get_concern_id (SamTriageDialog *self)
{
  g_return_val_if_fail (SAM_IS_TRIAGE_DIALOG (self), 0);

  return self->concern_id;
}
