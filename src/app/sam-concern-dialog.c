/* sam-concern-dialog.c: the quick concern form
 *
 * Logging a concern is the school counsellor's main task in Samverka and
 * must take under a minute (DESIGN §2.1). The form finds the pupil while
 * the counsellor types, so that nobody is registered twice, checks the
 * personnummer inline, and keeps every input when the core refuses to
 * save, showing the core's message next to the field it names.
 *
 * The database calls are quick, indexed single-row work (a duplicate
 * search, one insert), so they run on the main thread; the duplicate
 * search is debounced so that it runs once per pause in typing, not once
 * per key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-concern-dialog"

#include "config.h"

#include "sam-concern-dialog.h"

#include <glib/gi18n.h>

#include "sam-concern-format.h"

/* How long typing must pause before the duplicate search runs. */
#define SEARCH_DELAY_MS 200

struct _SamConcernDialog
{
  AdwWindow          parent_instance;

  SamSession        *session;
  guint              search_source;
  gint64             person_id;
  gboolean           personnummer_invalid;
  gboolean           confirmed_close;
  guint              n_guardians;
  GPtrArray         *category_checks;
  GPtrArray         *risk_checks;
  GPtrArray         *protective_checks;

  /* Template widgets */
  AdwToastOverlay   *toast_overlay;
  AdwActionRow      *chosen_row;
  AdwEntryRow       *given_name_row;
  AdwEntryRow       *family_name_row;
  AdwEntryRow       *personnummer_row;
  AdwEntryRow       *birth_date_row;
  GtkLabel          *person_error_label;
  GtkLabel          *search_hint_label;
  GtkListBox        *matches_list;
  GtkButton         *register_button;
  AdwPreferencesGroup *guardian_group;
  AdwEntryRow       *guardian_name_row;
  AdwEntryRow       *guardian_personnummer_row;
  AdwEntryRow       *guardian_phone_row;
  GtkSwitch         *guardian_custody_switch;
  GtkLabel          *guardian_error_label;
  GtkLabel          *guardians_added_label;
  AdwEntryRow       *observed_on_row;
  AdwComboRow       *urgency_row;
  GtkLabel          *when_error_label;
  GtkFlowBox        *categories_box;
  GtkLabel          *categories_error_label;
  AdwExpanderRow    *risk_row;
  AdwExpanderRow    *protective_row;
  GtkLabel          *factors_error_label;
  GtkFrame          *description_frame;
  GtkTextView       *description_view;
  GtkLabel          *length_label;
  GtkLabel          *description_error_label;
  GtkSwitch         *report_switch;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (SamConcernDialog, sam_concern_dialog, ADW_TYPE_WINDOW)

/* Helpers ------------------------------------------------------------------ */

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
row_dup_stripped (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (row_text (row)));
}

static gboolean
row_is_blank (AdwEntryRow *row)
{
  g_autofree char *text = row_dup_stripped (row);

  return text[0] == '\0';
}

static void
mark_invalid (GtkWidget *widget,
              gboolean   invalid)
{
  if (invalid)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

static char *
dup_description (SamConcernDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static GStrv
collect_codes (GPtrArray *checks)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, gtk_widget_get_name (GTK_WIDGET (check)));
    }

  return g_strv_builder_end (builder);
}

static gboolean
any_checked (GPtrArray *checks)
{
  g_auto(GStrv) codes = collect_codes (checks);

  return codes[0] != NULL;
}

/* Whether closing would throw away something the user typed or chose. The
 * default date alone is not input. */
static gboolean
sam_concern_dialog_has_input (SamConcernDialog *self)
{
  g_autofree char *description = dup_description (self);
  g_autofree char *today = sam_concern_today ();

  g_assert (SAM_IS_CONCERN_DIALOG (self));

  return self->person_id > 0 ||
         !row_is_blank (self->given_name_row) ||
         !row_is_blank (self->family_name_row) ||
         !row_is_blank (self->personnummer_row) ||
         !row_is_blank (self->birth_date_row) ||
         g_strcmp0 (row_text (self->observed_on_row), today) != 0 ||
         description[0] != '\0' ||
         any_checked (self->category_checks) ||
         any_checked (self->risk_checks) ||
         any_checked (self->protective_checks) ||
         gtk_switch_get_active (self->report_switch);
}

static void
sam_concern_dialog_update_actions (SamConcernDialog *self)
{
  gboolean chosen = self->person_id > 0;
  gboolean searchable;

  g_assert (SAM_IS_CONCERN_DIALOG (self));

  searchable = !row_is_blank (self->given_name_row) && !row_is_blank (self->family_name_row) &&
               (!row_is_blank (self->personnummer_row) || !row_is_blank (self->birth_date_row));

  /* A personnummer that cannot be right must be fixed before anything is
   * saved on its strength. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "concern.save",
                                 chosen || !self->personnummer_invalid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "concern.register-person",
                                 !chosen && searchable && !self->personnummer_invalid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "concern.change-person", chosen);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "concern.add-guardian", chosen);
}

static void
sam_concern_dialog_show_toast (SamConcernDialog *self,
                               const char       *message)
{
  AdwToast *toast = adw_toast_new (message);

  g_assert (SAM_IS_CONCERN_DIALOG (self));

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Catalogue ---------------------------------------------------------------- */

static GtkWidget *
new_code_check (const SamCatalogueEntry *entry)
{
  GtkWidget *check = gtk_check_button_new_with_label (sam_catalogue_entry_get_label (entry));

  /* The code travels with the widget; it is a static string. */
  gtk_widget_set_name (check, entry->code);
  return check;
}

/* Long labels wrap, so that two columns of categories fit the form. */
static GtkWidget *
new_category_check (const SamCatalogueEntry *entry)
{
  GtkWidget *check = new_code_check (entry);
  GtkWidget *label = gtk_label_new (sam_catalogue_entry_get_label (entry));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  sam_catalogue_entry_get_label (entry), -1);
  return check;
}

static void
sam_concern_dialog_add_categories (SamConcernDialog *self)
{
  const SamCatalogueEntry *entries;
  guint n_entries = 0;

  g_assert (SAM_IS_CONCERN_DIALOG (self));

  entries = sam_catalogue_list (SAM_CATALOGUE_KIND_CONCERN_CATEGORY, &n_entries);
  for (guint i = 0; i < n_entries; i++)
    {
      GtkWidget *check = new_category_check (&entries[i]);

      gtk_flow_box_append (self->categories_box, check);
      g_ptr_array_add (self->category_checks, check);
    }
}

static void
sam_concern_dialog_add_factors (SamConcernDialog *self,
                                SamCatalogueKind  kind,
                                AdwExpanderRow   *expander,
                                GPtrArray        *checks)
{
  const SamCatalogueEntry *entries;
  guint n_entries = 0;

  g_assert (SAM_IS_CONCERN_DIALOG (self));

  entries = sam_catalogue_list (kind, &n_entries);
  for (guint i = 0; i < n_entries; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = new_code_check (&entries[i]);

      gtk_check_button_set_label (GTK_CHECK_BUTTON (check), NULL);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      sam_catalogue_entry_get_label (&entries[i]), -1);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     sam_catalogue_entry_get_label (&entries[i]));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (expander, row);
      g_ptr_array_add (checks, check);
    }
}

static void
sam_concern_dialog_setup_urgency (SamConcernDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  g_assert (SAM_IS_CONCERN_DIALOG (self));

  for (guint i = 0; i < SAM_N_CONCERN_URGENCIES; i++)
    gtk_string_list_append (labels, sam_concern_urgency_get_label (i));

  adw_combo_row_set_model (self->urgency_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->urgency_row, SAM_CONCERN_URGENCY_MEDIUM);
}

/* Errors ------------------------------------------------------------------- */

static void
sam_concern_dialog_clear_person_errors (SamConcernDialog *self)
{
  g_assert (SAM_IS_CONCERN_DIALOG (self));

  sam_concern_show_error (self->person_error_label, NULL);
  mark_invalid (GTK_WIDGET (self->given_name_row), FALSE);
  mark_invalid (GTK_WIDGET (self->family_name_row), FALSE);
  mark_invalid (GTK_WIDGET (self->personnummer_row), FALSE);
  mark_invalid (GTK_WIDGET (self->birth_date_row), FALSE);
}

static void
sam_concern_dialog_clear_errors (SamConcernDialog *self)
{
  g_assert (SAM_IS_CONCERN_DIALOG (self));

  sam_concern_dialog_clear_person_errors (self);
  sam_concern_show_error (self->when_error_label, NULL);
  sam_concern_show_error (self->categories_error_label, NULL);
  sam_concern_show_error (self->factors_error_label, NULL);
  sam_concern_show_error (self->description_error_label, NULL);
  mark_invalid (GTK_WIDGET (self->observed_on_row), FALSE);
  mark_invalid (GTK_WIDGET (self->description_frame), FALSE);
}

/* Shows a person-field error under the person's fields and marks the row
 * it names. */
static void
sam_concern_dialog_show_person_error (SamConcernDialog *self,
                                      const GError     *error)
{
  g_assert (SAM_IS_CONCERN_DIALOG (self));

  sam_concern_show_error (self->person_error_label, error->message);
  mark_invalid (GTK_WIDGET (self->given_name_row),
                sam_concern_error_is_field (error, _("Given name")));
  mark_invalid (GTK_WIDGET (self->family_name_row),
                sam_concern_error_is_field (error, _("Family name")));
  mark_invalid (GTK_WIDGET (self->personnummer_row),
                sam_concern_error_is_field (error, _("Personal identity number")));
  mark_invalid (GTK_WIDGET (self->birth_date_row),
                sam_concern_error_is_field (error, _("Birth date")));
}

/* The core names the field first in every validation message; show the
 * message there. Anything else (a refusal, a database error) is a toast. */
static void
sam_concern_dialog_show_save_error (SamConcernDialog *self,
                                    const GError     *error)
{
  g_assert (SAM_IS_CONCERN_DIALOG (self));

  if (sam_concern_error_is_field (error, _("Young person")))
    sam_concern_show_error (self->person_error_label, error->message);
  else if (sam_concern_error_is_field (error, _("Observed on")))
    {
      sam_concern_show_error (self->when_error_label, error->message);
      mark_invalid (GTK_WIDGET (self->observed_on_row), TRUE);
    }
  else if (sam_concern_error_is_field (error, _("Urgency")))
    sam_concern_show_error (self->when_error_label, error->message);
  else if (sam_concern_error_is_field (error, _("Categories")))
    sam_concern_show_error (self->categories_error_label, error->message);
  else if (sam_concern_error_is_field (error, _("Description")))
    {
      sam_concern_show_error (self->description_error_label, error->message);
      mark_invalid (GTK_WIDGET (self->description_frame), TRUE);
    }
  else if (sam_concern_error_is_field (error, _("Risk factors")) ||
           sam_concern_error_is_field (error, _("Protective factors")))
    sam_concern_show_error (self->factors_error_label, error->message);
  else
    sam_concern_dialog_show_toast (self, error->message);
}

/* The duplicate search ------------------------------------------------------ */

static void
sam_concern_dialog_clear_matches (SamConcernDialog *self)
{
  GtkWidget *child;

  g_assert (SAM_IS_CONCERN_DIALOG (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->matches_list))) != NULL)
    gtk_list_box_remove (self->matches_list, child);

  gtk_widget_set_visible (GTK_WIDGET (self->matches_list), FALSE);
}

static GtkWidget *
new_match_row (const SamPersonMatch *match)
{
  g_autofree char *name = sam_concern_format_person (match->given_name, match->family_name);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("go-next-symbolic");

  if (match->match == SAM_PERSON_MATCH_PERSONNUMMER)
    /* Translators: %s is a birth date, YYYY-MM-DD */
    subtitle = g_strdup_printf (_("Born %s · same personal identity number"), match->birth_date);
  else
    /* Translators: %s is a birth date, YYYY-MM-DD */
    subtitle = g_strdup_printf (_("Born %s · same name and birth date"), match->birth_date);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Choose this young person"));
  g_object_set_data_full (G_OBJECT (row), "person-id", g_memdup2 (&match->id, sizeof match->id), g_free);
  g_object_set_data_full (G_OBJECT (row), "person-name", g_steal_pointer (&name), g_free);
  g_object_set_data_full (G_OBJECT (row), "birth-date", g_strdup (match->birth_date), g_free);

  return row;
}

static void
sam_concern_dialog_show_matches (SamConcernDialog *self,
                                 GPtrArray        *matches)
{
  g_autofree char *hint = NULL;

  g_assert (SAM_IS_CONCERN_DIALOG (self));

  for (guint i = 0; i < matches->len; i++)
    gtk_list_box_append (self->matches_list, new_match_row (g_ptr_array_index (matches, i)));

  gtk_widget_set_visible (GTK_WIDGET (self->matches_list), matches->len > 0);

  if (matches->len == 0)
    hint = g_strdup (_("Nobody registered matches. Check the spelling, or register the young person as new."));
  else
    hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u young person may be the one. Choose them if so.",
                                         "%u young persons may be the one. Choose the right one.",
                                         matches->len),
                            matches->len);
  gtk_label_set_text (self->search_hint_label, hint);
}

/* Checks the personnummer on its own, the way the core will, so that a
 * typing mistake shows before anything is searched or saved. */
static gboolean
sam_concern_dialog_check_personnummer (SamConcernDialog *self,
                                       const char       *personnummer)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  SamPersonnummer parsed;

  g_assert (SAM_IS_CONCERN_DIALOG (self));

  self->personnummer_invalid = personnummer[0] != '\0' &&
                               !sam_personnummer_parse (personnummer, now, &parsed, &error);
  if (self->personnummer_invalid)
    sam_concern_dialog_show_person_error (self, error);

  return !self->personnummer_invalid;
}

static void
sam_concern_dialog_search (SamConcernDialog *self)
{
  g_autofree char *personnummer = row_dup_stripped (self->personnummer_row);
  g_autofree char *given = row_dup_stripped (self->given_name_row);
  g_autofree char *family = row_dup_stripped (self->family_name_row);
  g_autofree char *birth = row_dup_stripped (self->birth_date_row);
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;
  gboolean by_number;
  gboolean by_name;

  g_assert (SAM_IS_CONCERN_DIALOG (self));

  sam_concern_dialog_clear_person_errors (self);
  sam_concern_dialog_clear_matches (self);
  gtk_label_set_text (self->search_hint_label, "");

  if (!sam_concern_dialog_check_personnummer (self, personnummer))
    return;

  by_number = personnummer[0] != '\0';
  by_name = given[0] != '\0' && family[0] != '\0';
  if (!by_number && !(by_name && birth[0] != '\0'))
    {
      gtk_label_set_text (self->search_hint_label,
                          _("Type the personal identity number, or the name and birth date, to search."));
      return;
    }

  /* With a number the number decides, and the birth date is in it. */
  matches = sam_person_store_find_duplicates (self->session,
                                              by_number ? personnummer : NULL,
                                              by_name ? given : NULL,
                                              by_name ? family : NULL,
                                              by_number ? NULL : birth,
                                              &error);
  if (matches == NULL)
    {
      sam_concern_dialog_show_person_error (self, error);
      return;
    }

  sam_concern_dialog_show_matches (self, matches);
}

static gboolean
search_timeout_cb (gpointer user_data)
{
  SamConcernDialog *self = SAM_CONCERN_DIALOG (user_data);

  self->search_source = 0;
  sam_concern_dialog_search (self);
  sam_concern_dialog_update_actions (self);

  return G_SOURCE_REMOVE;
}

/* Choosing the young person ------------------------------------------------ */

static void
sam_concern_dialog_set_person_fields_sensitive (SamConcernDialog *self,
                                                gboolean          sensitive)
{
  g_assert (SAM_IS_CONCERN_DIALOG (self));

  gtk_widget_set_visible (GTK_WIDGET (self->given_name_row), sensitive);
  gtk_widget_set_visible (GTK_WIDGET (self->family_name_row), sensitive);
  gtk_widget_set_visible (GTK_WIDGET (self->personnummer_row), sensitive);
  gtk_widget_set_visible (GTK_WIDGET (self->birth_date_row), sensitive);
  gtk_widget_set_visible (GTK_WIDGET (self->register_button), sensitive);
  gtk_widget_set_visible (GTK_WIDGET (self->search_hint_label), sensitive);
}

static void
sam_concern_dialog_choose_person (SamConcernDialog *self,
                                  gint64            person_id,
                                  const char       *name,
                                  const char       *birth_date)
{
  g_autofree char *subtitle = NULL;

  g_assert (SAM_IS_CONCERN_DIALOG (self));

  self->person_id = person_id;
  /* Translators: %s is a birth date, YYYY-MM-DD */
  subtitle = g_strdup_printf (_("Born %s"), birth_date);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->chosen_row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->chosen_row), subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->chosen_row), TRUE);

  sam_concern_dialog_clear_person_errors (self);
  sam_concern_dialog_clear_matches (self);
  sam_concern_dialog_set_person_fields_sensitive (self, FALSE);

  /* Guardians are registered by those the policy lets open cases. */
  gtk_widget_set_visible (GTK_WIDGET (self->guardian_group),
                          sam_policy_allows (sam_session_get_role (self->session),
                                             SAM_OPERATION_CASE_CREATE));
  sam_concern_dialog_update_actions (self);
}

static void
sam_concern_dialog_unchoose_person (SamConcernDialog *self)
{
  g_assert (SAM_IS_CONCERN_DIALOG (self));

  self->person_id = 0;
  self->n_guardians = 0;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->chosen_row), "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->chosen_row), "");
  gtk_widget_set_visible (GTK_WIDGET (self->chosen_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->guardian_group), FALSE);
  sam_concern_show_error (self->guardians_added_label, NULL);
  sam_concern_show_error (self->guardian_error_label, NULL);
  sam_concern_dialog_set_person_fields_sensitive (self, TRUE);
  sam_concern_dialog_search (self);
  sam_concern_dialog_update_actions (self);
}

static void
sam_concern_dialog_register_person (SamConcernDialog *self)
{
  g_autofree char *personnummer = row_dup_stripped (self->personnummer_row);
  g_autofree char *given = row_dup_stripped (self->given_name_row);
  g_autofree char *family = row_dup_stripped (self->family_name_row);
  g_autofree char *birth = row_dup_stripped (self->birth_date_row);
  g_autofree char *name = NULL;
  g_autoptr(SamPerson) person = NULL;
  g_autoptr(GError) error = NULL;
  SamPersonDraft draft = {
    .personnummer = personnummer[0] != '\0' ? personnummer : NULL,
    .given_name = given,
    .family_name = family,
    .birth_date = birth[0] != '\0' ? birth : NULL,
  };

  g_assert (SAM_IS_CONCERN_DIALOG (self));

  sam_concern_dialog_clear_person_errors (self);
  person = sam_person_store_create (self->session, &draft, &error);
  if (person == NULL)
    {
      sam_concern_dialog_show_person_error (self, error);
      return;
    }

  name = sam_concern_format_person (person->given_name, person->family_name);
  sam_concern_dialog_choose_person (self, person->id, name, person->birth_date);
}

static void
sam_concern_dialog_add_guardian (SamConcernDialog *self)
{
  g_autofree char *name = row_dup_stripped (self->guardian_name_row);
  g_autofree char *personnummer = row_dup_stripped (self->guardian_personnummer_row);
  g_autofree char *phone = row_dup_stripped (self->guardian_phone_row);
  g_autofree char *added = NULL;
  g_autoptr(SamGuardian) guardian = NULL;
  g_autoptr(GError) error = NULL;
  SamGuardianDraft draft = {
    .name = name,
    .personnummer = personnummer[0] != '\0' ? personnummer : NULL,
    .phone = phone[0] != '\0' ? phone : NULL,
    .custody = gtk_switch_get_active (self->guardian_custody_switch),
  };

  g_assert (SAM_IS_CONCERN_DIALOG (self));

  guardian = sam_person_store_add_guardian (self->session, self->person_id, &draft, &error);
  if (guardian == NULL)
    {
      sam_concern_show_error (self->guardian_error_label, error->message);
      return;
    }

  self->n_guardians++;
  added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u guardian registered.",
                                        "%u guardians registered.", self->n_guardians),
                           self->n_guardians);
  sam_concern_show_error (self->guardian_error_label, NULL);
  sam_concern_show_error (self->guardians_added_label, added);
  gtk_editable_set_text (GTK_EDITABLE (self->guardian_name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->guardian_personnummer_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->guardian_phone_row), "");
}

/* Saving and closing -------------------------------------------------------- */

static void
sam_concern_dialog_save (SamConcernDialog *self)
{
  g_autofree char *observed_on = row_dup_stripped (self->observed_on_row);
  g_autofree char *description = dup_description (self);
  g_auto(GStrv) categories = collect_codes (self->category_checks);
  g_auto(GStrv) risks = collect_codes (self->risk_checks);
  g_auto(GStrv) protectives = collect_codes (self->protective_checks);
  g_autoptr(SamConcern) concern = NULL;
  g_autoptr(GError) error = NULL;
  SamConcernDraft draft = {
    .person_id = self->person_id,
    .observed_on = observed_on,
    .urgency = adw_combo_row_get_selected (self->urgency_row),
    .description = description,
    .report_to_social = gtk_switch_get_active (self->report_switch),
    .categories = (const char * const *) categories,
    .risk_factors = (const char * const *) risks,
    .protective_factors = (const char * const *) protectives,
  };

  g_assert (SAM_IS_CONCERN_DIALOG (self));

  sam_concern_dialog_clear_errors (self);
  concern = sam_concern_store_create (self->session, &draft, &error);
  if (concern == NULL)
    {
      /* Everything typed stays where it is, to be fixed and saved again. */
      sam_concern_dialog_show_save_error (self, error);
      return;
    }

  self->confirmed_close = TRUE;
  g_signal_emit (self, signals [SAVED], 0, concern->id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  SamConcernDialog *self = SAM_CONCERN_DIALOG (user_data);

  if (g_strcmp0 (response, "discard") != 0)
    return;

  /* GTK lets go of a transient parent only when the child is finalized,
   * which here is after the form is gone: let go now. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  self->confirmed_close = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
sam_concern_dialog_ask_discard (SamConcernDialog *self)
{
  GtkWidget *dialog;

  g_assert (SAM_IS_CONCERN_DIALOG (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard This Concern?"),
                                   _("What you have written will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Signal callbacks ---------------------------------------------------------- */

static void
search_field_changed_cb (SamConcernDialog *self)
{
  g_assert (SAM_IS_CONCERN_DIALOG (self));

  if (self->person_id > 0)
    return;

  g_clear_handle_id (&self->search_source, g_source_remove);
  self->search_source = g_timeout_add (SEARCH_DELAY_MS, search_timeout_cb, self);
  sam_concern_dialog_update_actions (self);
}

static void
match_activated_cb (SamConcernDialog *self,
                    GtkListBoxRow    *row)
{
  gint64 *person_id = g_object_get_data (G_OBJECT (row), "person-id");

  g_assert (SAM_IS_CONCERN_DIALOG (self));

  sam_concern_dialog_choose_person (self, *person_id,
                                    g_object_get_data (G_OBJECT (row), "person-name"),
                                    g_object_get_data (G_OBJECT (row), "birth-date"));
}

static void
description_changed_cb (SamConcernDialog *self,
                        GtkTextBuffer    *buffer)
{
  g_autofree char *length = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *text = NULL;
  int n_chars = gtk_text_buffer_get_char_count (buffer);

  g_assert (SAM_IS_CONCERN_DIALOG (self));

  length = g_strdup_printf ("%d", n_chars);
  limit = g_strdup_printf ("%d", SAM_LONG_TEXT_MAX_CHARS);
  /* Translators: the description's length, e.g. “120 of 20000 characters” */
  text = g_strdup_printf (_("%s of %s characters"), length, limit);
  gtk_label_set_text (self->length_label, text);
  mark_invalid (GTK_WIDGET (self->length_label), n_chars > SAM_LONG_TEXT_MAX_CHARS);
  gtk_widget_set_visible (GTK_WIDGET (self->length_label), n_chars > 0);
}

static void
session_locked_cb (SamConcernDialog *self)
{
  g_assert (SAM_IS_CONCERN_DIALOG (self));

  /* Locking leaves no personal data on screen, typed or not. */
  if (sam_session_is_locked (self->session))
    {
      self->confirmed_close = TRUE;
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

static gboolean
sam_concern_dialog_close_request (GtkWindow *window)
{
  SamConcernDialog *self = SAM_CONCERN_DIALOG (window);

  if (!self->confirmed_close && sam_concern_dialog_has_input (self))
    {
      sam_concern_dialog_ask_discard (self);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (sam_concern_dialog_parent_class)->close_request (window);
}

/* Actions ----------------------------------------------------------------- */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sam_concern_dialog_save (SAM_CONCERN_DIALOG (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
register_person_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  sam_concern_dialog_register_person (SAM_CONCERN_DIALOG (widget));
}

static void
change_person_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  sam_concern_dialog_unchoose_person (SAM_CONCERN_DIALOG (widget));
}

static void
add_guardian_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  sam_concern_dialog_add_guardian (SAM_CONCERN_DIALOG (widget));
}

/* GObject ------------------------------------------------------------------ */

static void
sam_concern_dialog_constructed (GObject *object)
{
  SamConcernDialog *self = SAM_CONCERN_DIALOG (object);

  G_OBJECT_CLASS (sam_concern_dialog_parent_class)->constructed (object);

  g_assert (SAM_IS_SESSION (self->session));
  g_signal_connect_object (self->session, "notify::locked", G_CALLBACK (session_locked_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
sam_concern_dialog_dispose (GObject *object)
{
  SamConcernDialog *self = SAM_CONCERN_DIALOG (object);

  g_clear_handle_id (&self->search_source, g_source_remove);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sam_concern_dialog_parent_class)->dispose (object);
}

static void
sam_concern_dialog_finalize (GObject *object)
{
  SamConcernDialog *self = SAM_CONCERN_DIALOG (object);

  g_clear_pointer (&self->category_checks, g_ptr_array_unref);
  g_clear_pointer (&self->risk_checks, g_ptr_array_unref);
  g_clear_pointer (&self->protective_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (sam_concern_dialog_parent_class)->finalize (object);
}

static void
sam_concern_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SamConcernDialog *self = SAM_CONCERN_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_concern_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SamConcernDialog *self = SAM_CONCERN_DIALOG (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_concern_dialog_class_init (SamConcernDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = sam_concern_dialog_constructed;
  object_class->dispose = sam_concern_dialog_dispose;
  object_class->finalize = sam_concern_dialog_finalize;
  object_class->get_property = sam_concern_dialog_get_property;
  object_class->set_property = sam_concern_dialog_set_property;
  window_class->close_request = sam_concern_dialog_close_request;

  /**
   * SamConcernDialog:session:
   *
   * The signed-in user who logs the concern.
   */
  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SAM_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SamConcernDialog::saved:
   * @self: the dialog
   * @concern_id: the new concern's id
   *
   * A concern was saved; the dialog closes right after.
   */
  signals [SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/samverka/Samverka/sam-concern-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, chosen_row);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, given_name_row);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, family_name_row);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, personnummer_row);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, birth_date_row);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, person_error_label);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, search_hint_label);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, matches_list);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, register_button);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, guardian_group);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, guardian_name_row);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, guardian_personnummer_row);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, guardian_phone_row);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, guardian_custody_switch);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, guardian_error_label);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, guardians_added_label);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, observed_on_row);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, urgency_row);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, when_error_label);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, categories_box);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, categories_error_label);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, risk_row);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, protective_row);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, factors_error_label);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, description_frame);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, description_view);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, length_label);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, description_error_label);
  gtk_widget_class_bind_template_child (widget_class, SamConcernDialog, report_switch);
  /* Bound without a field, for the tests that look at it. */
  gtk_widget_class_bind_template_child_full (widget_class, "save_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, search_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, match_activated_cb);

  gtk_widget_class_install_action (widget_class, "concern.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "concern.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "concern.register-person", NULL,
                                   register_person_action);
  gtk_widget_class_install_action (widget_class, "concern.change-person", NULL,
                                   change_person_action);
  gtk_widget_class_install_action (widget_class, "concern.add-guardian", NULL,
                                   add_guardian_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "concern.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "concern.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "concern.cancel", NULL);
}

static void
sam_concern_dialog_init (SamConcernDialog *self)
{
  g_autofree char *today = sam_concern_today ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->category_checks = g_ptr_array_new ();
  self->risk_checks = g_ptr_array_new ();
  self->protective_checks = g_ptr_array_new ();

  sam_concern_dialog_add_categories (self);
  sam_concern_dialog_add_factors (self, SAM_CATALOGUE_KIND_RISK_FACTOR, self->risk_row,
                                  self->risk_checks);
  sam_concern_dialog_add_factors (self, SAM_CATALOGUE_KIND_PROTECTIVE_FACTOR,
                                  self->protective_row, self->protective_checks);
  sam_concern_dialog_setup_urgency (self);

  gtk_editable_set_text (GTK_EDITABLE (self->observed_on_row), today);
  g_signal_connect_object (gtk_text_view_get_buffer (self->description_view), "changed",
                           G_CALLBACK (description_changed_cb), self, G_CONNECT_SWAPPED);
  description_changed_cb (self, gtk_text_view_get_buffer (self->description_view));
  gtk_label_set_text (self->search_hint_label,
                      _("Type the personal identity number, or the name and birth date, to search."));
  sam_concern_dialog_update_actions (self);
}

/* Public API --------------------------------------------------------------- */

/**
 * sam_concern_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @session: the signed-in reporter
 *
 * Creates the quick concern form (Ctrl+N). It is modal to @parent; present
 * it with gtk_window_present(). It emits #SamConcernDialog::saved and
 * closes when a concern is saved, and closes by itself when @session locks.
 *
 * Returns: (transfer none): the dialog, owned by GTK's toplevel list
 */
GtkWidget *
sam_concern_dialog_new (GtkWindow  *parent,
                        SamSession *session)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);

  return g_object_new (SAM_TYPE_CONCERN_DIALOG,
                       "session", session,
                       "transient-for", parent,
                       NULL);
}

/**
 * sam_concern_dialog_get_session:
 *
 * Returns: (transfer none): the reporter's session
 */
SamSession *
sam_concern_dialog_get_session (SamConcernDialog *self)
{
  g_return_val_if_fail (SAM_IS_CONCERN_DIALOG (self), NULL);

  return self->session;
}

/**
 * sam_concern_dialog_get_person_id:
 *
 * Returns: the chosen young person's id, or 0 while none is chosen
 */
gint64
sam_concern_dialog_get_person_id (SamConcernDialog *self)
{
  g_return_val_if_fail (SAM_IS_CONCERN_DIALOG (self), 0);

  return self->person_id;
}
