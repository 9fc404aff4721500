/* sam-case-page.c
 *
 * One case: a header with the young person, the guardians and the consent
 * badge, and the views Chronology, Concerns, Consent and Notes. The page
 * never decides who sees what: it shows what the core returns, and what a
 * core call refuses is simply not there. Only the buttons that write ask
 * sam_policy_may() first, so that nobody is offered what will be refused.
 *
 * A case the user is not on is refused by the core. Social services may
 * then open it with emergency access (break-the-glass): the page asks for
 * the reason, and a banner counts down the minutes left.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-case-page"

#include "config.h"

#include "sam-case-page.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "sam-case-follow-ups-view.h"
#include "sam-case-mapping-view.h"
#include "sam-case-meetings-view.h"
#include "sam-case-plan-view.h"
#include "sam-consent-dialog.h"
#include "sam-workspace-page.h"

/* How often the emergency access banner counts down. */
#define BANNER_INTERVAL_SECONDS 30

struct _SamCasePage
{
  AdwBin            parent_instance;

  SamSession       *session;
  gint64            case_id;
  SamPerson        *person;
  GPtrArray        *guardians;
  guint             banner_source;
  GtkWindow        *dialog;           /* weak: an open dialog about this case */

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkStack         *stack;
  AdwStatusPage    *denied_page;
  AdwEntryRow      *reason_row;
  GtkLabel         *reason_hint_label;
  GtkLabel         *reason_error_label;
  GtkWidget        *glass_button;
  GtkWidget        *end_glass_button;
  GtkRevealer      *banner_revealer;
  GtkLabel         *banner_label;
  GtkLabel         *name_label;
  GtkLabel         *consent_badge;
  GtkLabel         *person_label;
  GtkGrid          *facts_grid;
  AdwViewStack     *view_stack;
  GtkListBox       *chronology_list;
  GtkListBox       *concerns_list;
  GtkWidget        *record_consent_button;
  GtkListBox       *consents_list;
  GtkWidget        *compose_box;
  GtkTextView      *note_view;
  GtkWidget        *shared_box;
  GtkSwitch        *shared_switch;
  GtkListBox       *notes_list;
  SamCaseMappingView   *mapping_view;
  SamCasePlanView      *plan_view;
  SamCaseFollowUpsView *follow_ups_view;
  SamCaseMeetingsView *meetings_view;
};

enum {
  PROP_0,
  PROP_CASE_ID,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void sam_case_page_workspace_page_init (SamWorkspacePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SamCasePage, sam_case_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (SAM_TYPE_WORKSPACE_PAGE,
                                                      sam_case_page_workspace_page_init))

/* Small helpers -------------------------------------------------------------- */

/* ISO 8601 UTC as the core writes it, shown in local time. */
static char *
format_local_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso != NULL ? iso : "");

  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static int
age_in_years (const char *birth_date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year, month, day, age;

  if (birth_date == NULL || sscanf (birth_date, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return -1;

  age = g_date_time_get_year (now) - year;
  if (g_date_time_get_month (now) < month ||
      (g_date_time_get_month (now) == month && g_date_time_get_day_of_month (now) < day))
    age--;

  return age;
}

/* 12 digits as YYYYMMDD-NNNN, the way people write them. */
static char *
format_personnummer (const char *digits)
{
  if (digits == NULL || strlen (digits) != 12)
    return g_strdup (digits);

  return g_strdup_printf ("%.8s-%s", digits, digits + 8);
}

static const char *
catalogue_label (SamCatalogueKind  kind,
                 const char       *code)
{
  const SamCatalogueEntry *entry = sam_catalogue_lookup (kind, code);

  return entry != NULL ? sam_catalogue_entry_get_label (entry) : code;
}

static char *
join_labels (SamCatalogueKind    kind,
             const char * const *codes)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, catalogue_label (kind, codes[i]));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
text_label (const char *text,
            const char *style_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);

  return label;
}

static void
remove_all_rows (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void
set_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *label = text_label (text, "dim-label");

  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_label_set_xalign (GTK_LABEL (label), 0.5);
  gtk_list_box_set_placeholder (list, label);
}

/* One item of a list: a heading with something aside (a time, a state),
 * a byline, and the text. */
static GtkWidget *
item_box_new (const char *heading,
              const char *aside,
              const char *byline,
              const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = text_label (heading, "heading");

  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (top), title);
  if (aside != NULL)
    gtk_box_append (GTK_BOX (top), text_label (aside, "dim-label"));
  gtk_box_append (GTK_BOX (box), top);
  if (byline != NULL && byline[0] != '\0')
    gtk_box_append (GTK_BOX (box), text_label (byline, "caption"));
  if (text != NULL && text[0] != '\0')
    gtk_box_append (GTK_BOX (box), text_label (text, NULL));

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  return box;
}

static GtkWidget *
item_row_new (GtkWidget *box)
{
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

static char *
byline (const char *author,
        const char *agency)
{
  if (author == NULL && agency == NULL)
    return NULL;
  if (agency == NULL)
    return g_strdup (author);
  if (author == NULL)
    return g_strdup (agency);

  /* Translators: who wrote an entry, and for which agency */
  return g_strdup_printf (_("%s, %s"), author, agency);
}

static void
show_toast (SamCasePage *self,
            const char  *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
may (SamCasePage  *self,
     SamOperation  operation)
{
  SamAccessTarget target = { .case_id = self->case_id };

  return self->session != NULL && sam_policy_may (self->session, operation, &target);
}

static void
set_case_id (SamCasePage *self,
             gint64       case_id)
{
  if (self->case_id == case_id)
    return;

  self->case_id = case_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CASE_ID]);
}

static void
close_dialog (SamCasePage *self)
{
  GtkWindow *dialog = self->dialog;

  if (dialog == NULL)
    return;

  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  self->dialog = NULL;
  gtk_window_destroy (dialog);
}

static void
watch_dialog (SamCasePage *self,
              GtkWindow   *dialog)
{
  close_dialog (self);
  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
}

static GtkWindow *
parent_window (SamCasePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Emptying ------------------------------------------------------------------- */

static void
stop_banner (SamCasePage *self)
{
  g_clear_handle_id (&self->banner_source, g_source_remove);
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  gtk_label_set_text (self->banner_label, "");
}

static void
clear_header (SamCasePage *self)
{
  GtkWidget *child;

  gtk_label_set_text (self->name_label, "");
  gtk_label_set_text (self->person_label, "");
  gtk_label_set_text (self->consent_badge, "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->consent_badge), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->consent_badge), "warning");
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->facts_grid))) != NULL)
    gtk_grid_remove (self->facts_grid, child);
}

/* Empties every widget that showed something of the case, and forgets the
 * person; the session and the case id stay. */
static void
drop_case (SamCasePage *self)
{
  g_assert (SAM_IS_CASE_PAGE (self));

  close_dialog (self);
  stop_banner (self);
  clear_header (self);
  remove_all_rows (self->chronology_list);
  remove_all_rows (self->concerns_list);
  remove_all_rows (self->consents_list);
  remove_all_rows (self->notes_list);
  sam_case_mapping_view_clear (self->mapping_view);
  sam_case_plan_view_clear (self->plan_view);
  sam_case_follow_ups_view_clear (self->follow_ups_view);
  sam_case_meetings_view_clear (self->meetings_view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), "", -1);
  gtk_switch_set_active (self->shared_switch, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_error_label), FALSE);
  gtk_label_set_text (self->reason_error_label, "");
  adw_status_page_set_description (self->denied_page, NULL);
  g_clear_pointer (&self->person, sam_person_free);
  g_clear_pointer (&self->guardians, g_ptr_array_unref);
}

/* The header ----------------------------------------------------------------- */

static void
add_fact (SamCasePage *self,
          const char  *key,
          const char  *value)
{
  int row = 0;
  GtkWidget *key_label, *value_label;

  if (value == NULL || value[0] == '\0')
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->facts_grid));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    row++;

  key_label = text_label (key, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (key_label), 1);
  gtk_widget_set_valign (key_label, GTK_ALIGN_START);
  value_label = text_label (value, NULL);
  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (value_label),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, key_label, NULL,
                                  -1);
  gtk_grid_attach (self->facts_grid, key_label, 0, row / 2, 1, 1);
  gtk_grid_attach (self->facts_grid, value_label, 1, row / 2, 1, 1);
}

static char *
describe_person (const SamPerson *person)
{
  g_autoptr(GString) text = g_string_new (NULL);
  int age = age_in_years (person->birth_date);

  if (age >= 0)
    {
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d year old", "%d years old", age), age);
      g_string_append (text, " · ");
    }
  /* Translators: %s is a birth date, YYYY-MM-DD */
  g_string_append_printf (text, _("born %s"), person->birth_date);
  if (person->personnummer != NULL)
    {
      g_autofree char *number = format_personnummer (person->personnummer);

      g_string_append (text, " · ");
      g_string_append (text, number);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
describe_guardians (GPtrArray *guardians)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; guardians != NULL && i < guardians->len; i++)
    {
      SamGuardian *guardian = g_ptr_array_index (guardians, i);

      if (text->len > 0)
        g_string_append (text, "\n");
      if (guardian->custody)
        /* Translators: a guardian's name, marked as having custody (vårdnad) */
        g_string_append_printf (text, _("%s (custody)"), guardian->name);
      else
        g_string_append (text, guardian->name);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_badge (SamCasePage *self)
{
  gboolean shared = sam_case_store_is_shared (self->session, self->case_id);

  /* The words carry the meaning; the colour only repeats it. */
  gtk_label_set_text (self->consent_badge, shared ? _("Consent in force") : _("No consent in force"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->consent_badge), shared ? "warning" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->consent_badge), shared ? "success" : "warning");
}

static void
show_header (SamCasePage   *self,
             const SamCase *current)
{
  g_autofree char *name = g_strdup_printf ("%s %s", self->person->given_name, self->person->family_name);
  g_autofree char *details = describe_person (self->person);
  g_autofree char *guardians = describe_guardians (self->guardians);
  g_autofree char *areas = join_labels (SAM_CATALOGUE_KIND_TARGET_AREA,
                                        (const char * const *) current->target_areas);

  clear_header (self);
  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->person_label, details);
  update_badge (self);

  add_fact (self, _("Case"), current->number);
  add_fact (self, _("Status"), sam_case_status_get_label (current->status));
  add_fact (self, _("Coordinator"), current->coordinator_name);
  add_fact (self, _("Prevention level"),
            catalogue_label (SAM_CATALOGUE_KIND_PREVENTION_LEVEL,
                             sam_prevention_level_to_string (current->prevention_level)));
  add_fact (self, _("Target areas"), areas);
  add_fact (self, _("Guardians"), guardians);
  add_fact (self, _("School"), self->person->school_name);
  add_fact (self, _("Address"), self->person->address);
  if (self->person->hidden_protected)
    add_fact (self, _("Protected identity"), _("Address and school are shown only to the case’s coordinator."));
}

/* The views ------------------------------------------------------------------ */

static void
refresh_chronology (SamCasePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = sam_chronology_for_case (self->session, self->case_id, &error);

  remove_all_rows (self->chronology_list);
  if (items == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  /* Newest first: what happened last is what a reader looks for. */
  for (guint i = items->len; i > 0; i--)
    {
      SamChronologyItem *item = g_ptr_array_index (items, i - 1);
      g_autofree char *time = format_local_time (item->time);
      g_autofree char *by = byline (item->author_name, item->agency_name);

      gtk_list_box_append (self->chronology_list,
                           item_row_new (item_box_new (item->title, time, by, item->text)));
    }
}

static GtkWidget *
concern_box_new (const SamConcern *concern)
{
  g_autofree char *by = byline (concern->reporter_name, concern->agency_name);
  g_autofree char *categories = join_labels (SAM_CATALOGUE_KIND_CONCERN_CATEGORY,
                                             (const char * const *) concern->categories);
  /* Translators: a concern's heading: the day it was observed and its urgency */
  g_autofree char *heading = g_strdup_printf (_("Observed %s · %s urgency"), concern->observed_on,
                                              sam_concern_urgency_get_label (concern->urgency));
  GtkWidget *box = item_box_new (heading, sam_concern_status_get_label (concern->status), by,
                                 concern->description);

  if (categories[0] != '\0')
    gtk_box_insert_child_after (GTK_BOX (box), text_label (categories, "dim-label"),
                                gtk_widget_get_first_child (box));
  if (concern->report_to_social)
    gtk_box_append (GTK_BOX (box), text_label (_("Report of concern to social services"), "caption"));

  return box;
}

static void
refresh_concerns (SamCasePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) concerns = sam_concern_store_list_for_case (self->session, self->case_id, &error);

  remove_all_rows (self->concerns_list);
  if (concerns == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  for (guint i = 0; i < concerns->len; i++)
    gtk_list_box_append (self->concerns_list,
                         item_row_new (concern_box_new (g_ptr_array_index (concerns, i))));
}

static char *
describe_signatories (const SamConsent *consent)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < consent->signatories->len; i++)
    {
      SamConsentSignatory *signatory = g_ptr_array_index (consent->signatories, i);

      if (text->len > 0)
        g_string_append (text, ", ");
      /* Translators: who signed a consent, and the day they signed */
      g_string_append_printf (text, _("%s (%s)"),
                              signatory->is_young_person ? _("the young person") : signatory->name,
                              signatory->signed_on);
    }

  /* Translators: %s lists who signed a consent */
  return g_strdup_printf (_("Signed by %s"), text->str);
}

static const char *
consent_state (const SamConsent *consent)
{
  if (consent->withdrawn_at != NULL)
    return _("Withdrawn");

  return consent->in_force ? _("In force") : _("Not in force");
}

static GtkWidget *
consent_box_new (SamCasePage      *self,
                 const SamConsent *consent)
{
  g_autofree char *agencies = g_strjoinv (", ", consent->agency_names);
  g_autofree char *shared = g_strdup_printf (_("Agencies: %s"), agencies);
  g_autofree char *signed_by = describe_signatories (consent);
  g_autofree char *validity = consent->valid_to != NULL
    ? g_strdup_printf (_("Valid from %s to %s"), consent->valid_from, consent->valid_to)
    : g_strdup_printf (_("Valid from %s until withdrawn"), consent->valid_from);
  g_autofree char *recorded = g_strdup_printf (_("Recorded by %s"),
                                               consent->recorded_by_name != NULL ? consent->recorded_by_name : "");
  GtkWidget *box = item_box_new (consent->purpose, consent_state (consent), validity, NULL);

  gtk_box_append (GTK_BOX (box), text_label (signed_by, NULL));
  gtk_box_append (GTK_BOX (box), text_label (shared, NULL));
  gtk_box_append (GTK_BOX (box), text_label (recorded, "dim-label"));
  if (consent->withdrawn_at != NULL)
    {
      g_autofree char *when = format_local_time (consent->withdrawn_at);
      g_autofree char *withdrawn = g_strdup_printf (_("Withdrawn %s"), when);

      gtk_box_append (GTK_BOX (box), text_label (withdrawn, "dim-label"));
    }
  else if (may (self, SAM_OPERATION_CONSENT_MANAGE))
    {
      GtkWidget *button = gtk_button_new_with_label (_("Withdraw…"));

      gtk_widget_set_halign (button, GTK_ALIGN_END);
      gtk_widget_add_css_class (button, "destructive-action");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "case.withdraw-consent");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", consent->id);
      gtk_widget_set_tooltip_text (button, _("Record that this consent was withdrawn"));
      gtk_box_append (GTK_BOX (box), button);
    }

  return box;
}

static void
refresh_consents (SamCasePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) consents = sam_case_store_list_consents (self->session, self->case_id, &error);

  remove_all_rows (self->consents_list);
  if (consents == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  for (guint i = 0; i < consents->len; i++)
    gtk_list_box_append (self->consents_list,
                         item_row_new (consent_box_new (self, g_ptr_array_index (consents, i))));
}

static GtkWidget *
note_box_new (const SamNote *note)
{
  g_autofree char *time = format_local_time (note->written_at);
  g_autofree char *by = byline (note->author_name, note->agency_name);
  GtkWidget *box = item_box_new (by, time, NULL, note->text);

  if (!note->shared_in_sspf)
    gtk_box_append (GTK_BOX (box), text_label (_("Within social services only"), "dim-label"));

  return box;
}

static void
refresh_notes (SamCasePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = sam_note_store_list (self->session, self->case_id, &error);

  remove_all_rows (self->notes_list);
  if (notes == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  for (guint i = notes->len; i > 0; i--)
    gtk_list_box_append (self->notes_list, item_row_new (note_box_new (g_ptr_array_index (notes, i - 1))));
}

/* What the user may change: asked of the policy, never decided here. */
static void
refresh_permissions (SamCasePage *self)
{
  gboolean manage_consent = may (self, SAM_OPERATION_CONSENT_MANAGE);
  gboolean write_note = may (self, SAM_OPERATION_NOTE_WRITE);
  gboolean social = self->session != NULL &&
                    sam_session_get_agency_kind (self->session) == SAM_AGENCY_KIND_SOCIAL_SERVICES;

  gtk_widget_set_visible (self->record_consent_button, manage_consent);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.record-consent", manage_consent);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.withdraw-consent", manage_consent);
  gtk_widget_set_visible (self->compose_box, write_note);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.write-note", write_note);
  /* Only social services' notes can be internal (DESIGN §3). */
  gtk_widget_set_visible (self->shared_box, social);
}

/* Emergency access ------------------------------------------------------------ */

static void end_access (SamCasePage *self);

static gboolean
update_banner (gpointer user_data)
{
  SamCasePage *self = SAM_CASE_PAGE (user_data);
  guint seconds = sam_case_store_break_glass_remaining (self->session, self->case_id);
  guint minutes = (seconds + 59) / 60;
  g_autofree char *text = NULL;

  if (seconds == 0)
    {
      self->banner_source = 0;
      end_access (self);
      return G_SOURCE_REMOVE;
    }

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Emergency access: %u minute left. Everything you open is logged.",
                                       "Emergency access: %u minutes left. Everything you open is logged.",
                                       minutes),
                          minutes);
  gtk_label_set_text (self->banner_label, text);

  return G_SOURCE_CONTINUE;
}

/* The banner shows only while the user's access comes from break-the-glass:
 * a team member opening the case sees none. */
static void
start_banner (SamCasePage *self)
{
  stop_banner (self);
  if (sam_case_store_break_glass_remaining (self->session, self->case_id) == 0)
    return;

  update_banner (self);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
  self->banner_source = g_timeout_add_seconds (BANNER_INTERVAL_SECONDS, update_banner, self);
}

static void
show_glass_form (SamCasePage *self)
{
  g_autofree char *hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "Write at least %u character.",
                                                        "Write at least %u characters.",
                                                        SAM_BREAK_GLASS_REASON_MIN_CHARS),
                                           SAM_BREAK_GLASS_REASON_MIN_CHARS);

  gtk_label_set_text (self->reason_hint_label, hint);
  gtk_stack_set_visible_child_name (self->stack, "glass");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.break-glass", TRUE);
}

/* Time ran out, or the user ended it: nothing of the case stays. */
static void
end_access (SamCasePage *self)
{
  drop_case (self);
  show_glass_form (self);
  show_toast (self, _("Emergency access has ended."));
}

static void
show_refusal (SamCasePage  *self,
              const GError *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  if (g_error_matches (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED) &&
      sam_policy_allows (sam_session_get_role (self->session), SAM_OPERATION_BREAK_GLASS))
    {
      show_glass_form (self);
      return;
    }

  adw_status_page_set_description (self->denied_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "denied");
}

/* Loading -------------------------------------------------------------------- */

static void
refresh_views (SamCasePage *self)
{
  update_badge (self);
  refresh_permissions (self);
  refresh_chronology (self);
  refresh_concerns (self);
  refresh_consents (self);
  refresh_notes (self);
  sam_case_mapping_view_refresh (self->mapping_view);
  sam_case_plan_view_refresh (self->plan_view);
  sam_case_follow_ups_view_refresh (self->follow_ups_view);
  sam_case_meetings_view_load (self->meetings_view, self->session, self->case_id);
}

static gboolean
show_case (SamCasePage  *self,
           GError      **error)
{
  g_autoptr(SamCase) current = NULL;

  if (!(current = sam_case_store_get (self->session, self->case_id, error)) ||
      !(self->person = sam_person_store_get (self->session, current->person_id, error)) ||
      !(self->guardians = sam_person_store_list_guardians (self->session, current->person_id, error)))
    return FALSE;

  show_header (self, current);
  sam_case_mapping_view_load (self->mapping_view, self->session, self->case_id);
  sam_case_plan_view_load (self->plan_view, self->session, self->case_id);
  sam_case_follow_ups_view_load (self->follow_ups_view, self->session, self->case_id, current->status);
  refresh_views (self);
  start_banner (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.break-glass", FALSE);
  gtk_stack_set_visible_child_name (self->stack, "case");

  return TRUE;
}

/* Signal callbacks ----------------------------------------------------------- */

static void
on_consent_recorded (SamCasePage      *self,
                     gint64            consent_id,
                     SamConsentDialog *dialog)
{
  g_assert (SAM_IS_CASE_PAGE (self));

  refresh_views (self);
  show_toast (self, _("Consent recorded."));
}

/* A view changed the case's work: its entry in the chronology is new. */
static void
on_view_changed (SamCasePage *self)
{
  refresh_chronology (self);
}

/* A follow-up re-scores the factors, so the mapping changes with it. */
static void
on_follow_ups_changed (SamCasePage *self)
{
  refresh_chronology (self);
  sam_case_mapping_view_refresh (self->mapping_view);
}

/* The case moved to follow-up or was closed: the header shows its status. */
static void
on_case_status_changed (SamCasePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamCase) current = sam_case_store_get (self->session, self->case_id, &error);

  if (current == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  show_header (self, current);
  sam_case_follow_ups_view_set_case_status (self->follow_ups_view, current->status);
  refresh_views (self);
}

static void
on_reason_row_entry_activated (SamCasePage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "case.break-glass", NULL);
}

static void
on_withdraw_response (AdwMessageDialog *dialog,
                      const char       *response,
                      SamCasePage      *self)
{
  g_autoptr(GError) error = NULL;
  gint64 *consent_id = g_object_get_data (G_OBJECT (dialog), "consent-id");

  if (g_strcmp0 (response, "withdraw") != 0 || self->session == NULL)
    return;

  if (!sam_case_store_withdraw_consent (self->session, *consent_id, &error))
    {
      show_toast (self, error->message);
      return;
    }

  refresh_views (self);
  show_toast (self, _("Consent withdrawn."));
}

/* Actions -------------------------------------------------------------------- */

static void
record_consent_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SamCasePage *self = SAM_CASE_PAGE (widget);
  SamConsentDialog *dialog;

  if (self->person == NULL)
    return;

  dialog = sam_consent_dialog_new (parent_window (self), self->session, self->case_id,
                                   self->person, self->guardians);
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (on_consent_recorded), self, G_CONNECT_SWAPPED);
  watch_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
withdraw_consent_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SamCasePage *self = SAM_CASE_PAGE (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent_window (self), _("Withdraw Consent?"),
                                   _("Sharing under this consent stops at once. The withdrawal is "
                                     "recorded in the chronology and cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "withdraw", _("_Withdraw"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "withdraw",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "consent-id",
                          g_memdup2 (&(gint64) { g_variant_get_int64 (parameter) }, sizeof (gint64)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_withdraw_response), self, 0);
  watch_dialog (self, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
write_note_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SamCasePage *self = SAM_CASE_PAGE (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  g_autoptr(GError) error = NULL;
  g_autoptr(SamNote) note = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  /* On failure the text stays where the user wrote it. */
  note = sam_note_store_write (self->session, self->case_id, text,
                               gtk_switch_get_active (self->shared_switch), &error);
  if (note == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  gtk_text_buffer_set_text (buffer, "", -1);
  gtk_switch_set_active (self->shared_switch, FALSE);
  refresh_chronology (self);
  refresh_notes (self);
}

static void
break_glass_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SamCasePage *self = SAM_CASE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->reason_row));

  if (self->session == NULL)
    return;

  if (!sam_case_store_break_glass (self->session, self->case_id, reason, &error) ||
      !show_case (self, &error))
    {
      /* Kept as typed, with the core's message right below it. */
      gtk_label_set_text (self->reason_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->reason_error_label), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));
      return;
    }

  /* The reason is the user's own words: not kept in the widget. */
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_error_label), FALSE);
}

static void
end_break_glass_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SamCasePage *self = SAM_CASE_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (!sam_case_store_end_break_glass (self->session, self->case_id, &error))
    {
      show_toast (self, error->message);
      return;
    }

  end_access (self);
}

/* Life cycle ----------------------------------------------------------------- */

/* SamWorkspacePage ------------------------------------------------------------ */

/* As a detail page of the workspace, the page learns of a lock through
 * here and empties itself, dialogs included. A session is given to it
 * with sam_case_page_load() instead, together with the case. */
static void
sam_case_page_workspace_set_session (SamWorkspacePage *page,
                                     SamSession       *session)
{
  if (session == NULL)
    sam_case_page_clear (SAM_CASE_PAGE (page));
}

static void
sam_case_page_workspace_page_init (SamWorkspacePageInterface *iface)
{
  iface->set_session = sam_case_page_workspace_set_session;
}

static void
sam_case_page_dispose (GObject *object)
{
  SamCasePage *self = (SamCasePage *)object;

  close_dialog (self);
  g_clear_handle_id (&self->banner_source, g_source_remove);
  g_clear_pointer (&self->person, sam_person_free);
  g_clear_pointer (&self->guardians, g_ptr_array_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sam_case_page_parent_class)->dispose (object);
}

static void
sam_case_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SamCasePage *self = SAM_CASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CASE_ID:
      g_value_set_int64 (value, self->case_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_case_page_class_init (SamCasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_case_page_dispose;
  object_class->get_property = sam_case_page_get_property;

  /**
   * SamCasePage:case-id:
   *
   * The case shown or asked for, or 0 when the page is empty.
   */
  properties [PROP_CASE_ID] =
    g_param_spec_int64 ("case-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SAM_TYPE_CASE_MAPPING_VIEW);
  g_type_ensure (SAM_TYPE_CASE_PLAN_VIEW);
  g_type_ensure (SAM_TYPE_CASE_FOLLOW_UPS_VIEW);
  g_type_ensure (SAM_TYPE_CASE_MEETINGS_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-case-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, stack);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, denied_page);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, reason_row);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, reason_hint_label);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, reason_error_label);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, glass_button);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, end_glass_button);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, banner_label);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, name_label);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, consent_badge);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, person_label);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, facts_grid);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, chronology_list);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, concerns_list);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, record_consent_button);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, consents_list);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, compose_box);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, note_view);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, shared_box);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, shared_switch);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, notes_list);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, mapping_view);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, plan_view);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, follow_ups_view);
  gtk_widget_class_bind_template_child (widget_class, SamCasePage, meetings_view);
  gtk_widget_class_bind_template_callback (widget_class, on_reason_row_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_follow_ups_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_case_status_changed);

  gtk_widget_class_install_action (widget_class, "case.record-consent", NULL, record_consent_action);
  gtk_widget_class_install_action (widget_class, "case.withdraw-consent", "x", withdraw_consent_action);
  gtk_widget_class_install_action (widget_class, "case.write-note", NULL, write_note_action);
  gtk_widget_class_install_action (widget_class, "case.break-glass", NULL, break_glass_action);
  gtk_widget_class_install_action (widget_class, "case.end-break-glass", NULL, end_break_glass_action);
}

static void
sam_case_page_init (SamCasePage *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  set_placeholder (self->chronology_list, _("Nothing recorded yet."));
  set_placeholder (self->concerns_list, _("No concerns you may read are linked to this case."));
  set_placeholder (self->consents_list, _("No consent has been recorded."));
  set_placeholder (self->notes_list, _("No notes you may read."));

  /* Ctrl+Enter saves the note from inside the text. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return"),
                                                          gtk_named_action_new ("case.write-note")));
  gtk_widget_add_controller (GTK_WIDGET (self->note_view), shortcuts);

  sam_case_page_clear (self);
}

/* Public API ----------------------------------------------------------------- */

/**
 * sam_case_page_new:
 *
 * Returns: (transfer floating): an empty case page
 */
SamCasePage *
sam_case_page_new (void)
{
  return g_object_new (SAM_TYPE_CASE_PAGE, NULL);
}

/**
 * sam_case_page_load:
 * @self: a #SamCasePage
 * @session: the signed-in session; the page keeps a reference until
 *   sam_case_page_clear()
 * @case_id: the case to open
 * @error: return location for a #GError
 *
 * Opens a case: the core writes its audit rows. When the core refuses, the
 * page shows why by itself: social services get the emergency access form,
 * everyone else a status page with the core's message. @error gets the
 * refusal too, for a caller that wants to know.
 *
 * Returns: %TRUE when the case is shown
 */
gboolean
sam_case_page_load (SamCasePage  *self,
                    SamSession   *session,
                    gint64        case_id,
                    GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SAM_IS_CASE_PAGE (self), FALSE);
  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  drop_case (self);
  g_set_object (&self->session, session);
  set_case_id (self, case_id);

  if (!show_case (self, &local_error))
    {
      drop_case (self);
      show_refusal (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * sam_case_page_refresh:
 * @self: a #SamCasePage
 *
 * Reads the badge and every view again, for when something changed
 * elsewhere. Does nothing while no case is shown.
 */
void
sam_case_page_refresh (SamCasePage *self)
{
  g_return_if_fail (SAM_IS_CASE_PAGE (self));

  if (self->session == NULL || self->person == NULL)
    return;

  refresh_views (self);
}

/**
 * sam_case_page_clear:
 * @self: a #SamCasePage
 *
 * Drops the session and empties every widget that showed personal data,
 * open dialogs included, as locking requires.
 */
void
sam_case_page_clear (SamCasePage *self)
{
  g_return_if_fail (SAM_IS_CASE_PAGE (self));

  drop_case (self);
  g_clear_object (&self->session);
  set_case_id (self, 0);
  refresh_permissions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.break-glass", FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/**
 * sam_case_page_get_case_id:
 * @self: a #SamCasePage
 *
 * Returns: the case shown or asked for, or 0
 */
gint64
sam_case_page_get_case_id (SamCasePage *self)
{
  g_return_val_if_fail (SAM_IS_CASE_PAGE (self), 0);

  return self->case_id;
}
