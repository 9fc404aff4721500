/* sam-agencies-page.c: the administrator's Agencies section
 *
 * The agencies (name, kind, area) and the areas (districts) they work in,
 * with a form for each to add one. The core checks the policy, validates
 * and audits; its message names the field it refuses. Each form is an
 * AdwMessageDialog, which always closes on a response: when the core
 * refuses, the same form widget moves into a fresh dialog with the error,
 * so what the administrator typed is kept.
 *
 * Directory data only: no case content is read here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-agencies-page"

#include "config.h"

#include "sam-agencies-page.h"

#include <glib/gi18n.h>

#include "sam-workspace-page.h"

struct _SamAgenciesPage
{
  AdwBin            parent_instance;

  SamSession       *session;
  GPtrArray        *agencies;     /* SamAgency, by name */
  GPtrArray        *areas;        /* SamChoice, by name */

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkListBox       *agency_list;
  GtkListBox       *area_list;
};

static void sam_agencies_page_workspace_page_init (SamWorkspacePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SamAgenciesPage, sam_agencies_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (SAM_TYPE_WORKSPACE_PAGE,
                                                      sam_agencies_page_workspace_page_init))

/* A form's answer: %NULL when the core took it, or the core's message. */
typedef char * (*FormSubmit) (SamAgenciesPage *self,
                              GtkWidget       *form);

static void present_form (SamAgenciesPage *self,
                          const char      *heading,
                          const char      *message,
                          GtkWidget       *form,
                          FormSubmit       submit);

static void
show_toast (SamAgenciesPage *self,
            const char      *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names are text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
fill_agencies (SamAgenciesPage *self)
{
  for (guint i = 0; i < self->agencies->len; i++)
    {
      SamAgency *agency = g_ptr_array_index (self->agencies, i);
      g_autofree char *subtitle = NULL;

      if (agency->area != NULL)
        subtitle = g_strdup_printf ("%s · %s", sam_agency_kind_get_label (agency->kind), agency->area);
      else
        subtitle = g_strdup (sam_agency_kind_get_label (agency->kind));

      gtk_list_box_append (self->agency_list, text_row (agency->name, subtitle));
    }
}

/**
 * sam_agencies_page_refresh:
 * @self: a #SamAgenciesPage
 *
 * Reads the agencies and areas again from the directory.
 */
void
sam_agencies_page_refresh (SamAgenciesPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SAM_IS_AGENCIES_PAGE (self));

  clear_list (self->agency_list);
  clear_list (self->area_list);
  g_clear_pointer (&self->agencies, g_ptr_array_unref);
  g_clear_pointer (&self->areas, g_ptr_array_unref);
  if (self->session == NULL)
    return;

  self->agencies = sam_directory_list_agencies (self->session, &error);
  self->areas = self->agencies != NULL ? sam_choices_list_areas (self->session, &error) : NULL;
  if (self->areas == NULL)
    {
      g_clear_pointer (&self->agencies, g_ptr_array_unref);
      show_toast (self, error->message);
      return;
    }

  fill_agencies (self);
  for (guint i = 0; i < self->areas->len; i++)
    gtk_list_box_append (self->area_list,
                         text_row (((SamChoice *) g_ptr_array_index (self->areas, i))->name, NULL));
}

/**
 * sam_agencies_page_get_n_agencies:
 * @self: a #SamAgenciesPage
 *
 * Returns: how many agencies the page lists
 */
guint
sam_agencies_page_get_n_agencies (SamAgenciesPage *self)
{
  g_return_val_if_fail (SAM_IS_AGENCIES_PAGE (self), 0);

  return self->agencies != NULL ? self->agencies->len : 0;
}

/**
 * sam_agencies_page_get_n_areas:
 * @self: a #SamAgenciesPage
 *
 * Returns: how many areas the page lists
 */
guint
sam_agencies_page_get_n_areas (SamAgenciesPage *self)
{
  g_return_val_if_fail (SAM_IS_AGENCIES_PAGE (self), 0);

  return self->areas != NULL ? self->areas->len : 0;
}

/* Forms ------------------------------------------------------------------- */

static void
on_form_response (AdwMessageDialog *dialog,
                  const char       *response,
                  SamAgenciesPage  *self)
{
  FormSubmit submit = g_object_get_data (G_OBJECT (dialog), "sam-submit");
  g_autoptr(GtkWidget) form = NULL;
  g_autofree char *message = NULL;

  if (g_strcmp0 (response, "add") != 0 || self->session == NULL)
    return;

  form = g_object_ref (adw_message_dialog_get_extra_child (dialog));
  message = submit (self, form);
  if (message == NULL)
    {
      sam_agencies_page_refresh (self);
      return;
    }

  /* Keep the input: the form moves to a new dialog that says what to fix. */
  adw_message_dialog_set_extra_child (dialog, NULL);
  present_form (self, adw_message_dialog_get_heading (dialog), message, form, submit);
}

static void
present_form (SamAgenciesPage *self,
              const char      *heading,
              const char      *message,
              GtkWidget       *form,
              FormSubmit       submit)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, message);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), form);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_object_set_data (G_OBJECT (dialog), "sam-submit", submit);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_form_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
form_new (void)
{
  GtkWidget *form = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (form), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (form, "boxed-list");

  return form;
}

static GtkWidget *
form_add_entry (GtkWidget  *form,
                const char *name,
                const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_append (GTK_LIST_BOX (form), row);

  return row;
}

static GtkWidget *
form_add_combo (GtkWidget     *form,
                const char    *name,
                const char    *title,
                GtkStringList *choices)
{
  GtkWidget *row = adw_combo_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
  gtk_list_box_append (GTK_LIST_BOX (form), row);

  return row;
}

/* The form's row named @name. */
static GtkWidget *
form_row (GtkWidget  *form,
          const char *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (form); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (g_strcmp0 (gtk_widget_get_name (row), name) == 0)
        return row;
    }

  g_return_val_if_reached (NULL);
}

static char *
submit_agency (SamAgenciesPage *self,
               GtkWidget       *form)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamAgency) agency = NULL;
  GtkStringObject *area = adw_combo_row_get_selected_item (ADW_COMBO_ROW (form_row (form, "area")));
  guint area_index = adw_combo_row_get_selected (ADW_COMBO_ROW (form_row (form, "area")));

  /* The first area choice is "None". */
  agency = sam_directory_add_agency (self->session,
                                     gtk_editable_get_text (GTK_EDITABLE (form_row (form, "name"))),
                                     adw_combo_row_get_selected (ADW_COMBO_ROW (form_row (form, "kind"))),
                                     area_index > 0 ? gtk_string_object_get_string (area) : NULL,
                                     &error);

  return agency == NULL ? g_strdup (error->message) : NULL;
}

static char *
submit_area (SamAgenciesPage *self,
             GtkWidget       *form)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamChoice) area = NULL;

  area = sam_directory_add_area (self->session,
                                 gtk_editable_get_text (GTK_EDITABLE (form_row (form, "name"))),
                                 &error);

  return area == NULL ? g_strdup (error->message) : NULL;
}

static void
add_agency_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SamAgenciesPage *self = SAM_AGENCIES_PAGE (widget);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) areas = gtk_string_list_new (NULL);
  GtkWidget *form;

  if (self->session == NULL || self->areas == NULL)
    return;

  for (SamAgencyKind kind = 0; kind < SAM_N_AGENCY_KINDS; kind++)
    gtk_string_list_append (kinds, sam_agency_kind_get_label (kind));
  gtk_string_list_append (areas, _("None"));
  for (guint i = 0; i < self->areas->len; i++)
    gtk_string_list_append (areas, ((SamChoice *) g_ptr_array_index (self->areas, i))->name);

  form = form_new ();
  form_add_entry (form, "name", _("Agency name"));
  form_add_combo (form, "kind", _("Kind"), kinds);
  form_add_combo (form, "area", _("Area"), areas);
  present_form (self, _("Add Agency"), NULL, form, submit_agency);
}

static void
add_area_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SamAgenciesPage *self = SAM_AGENCIES_PAGE (widget);
  GtkWidget *form;

  if (self->session == NULL)
    return;

  form = form_new ();
  form_add_entry (form, "name", _("Area name"));
  present_form (self, _("Add Area"), _("An area is a district that agencies and cases belong to."),
                form, submit_area);
}

/* SamWorkspacePage -------------------------------------------------------- */

static void
sam_agencies_page_set_session (SamWorkspacePage *page,
                               SamSession       *session)
{
  SamAgenciesPage *self = SAM_AGENCIES_PAGE (page);

  g_set_object (&self->session, session);
  sam_agencies_page_refresh (self);
}

static void
sam_agencies_page_workspace_page_init (SamWorkspacePageInterface *iface)
{
  iface->set_session = sam_agencies_page_set_session;
}

static void
sam_agencies_page_dispose (GObject *object)
{
  SamAgenciesPage *self = (SamAgenciesPage *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->agencies, g_ptr_array_unref);
  g_clear_pointer (&self->areas, g_ptr_array_unref);

  G_OBJECT_CLASS (sam_agencies_page_parent_class)->dispose (object);
}

static void
sam_agencies_page_class_init (SamAgenciesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_agencies_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-agencies-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SamAgenciesPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SamAgenciesPage, agency_list);
  gtk_widget_class_bind_template_child (widget_class, SamAgenciesPage, area_list);

  gtk_widget_class_install_action (widget_class, "agencies.add-agency", NULL, add_agency_action);
  gtk_widget_class_install_action (widget_class, "agencies.add-area", NULL, add_area_action);
}

static void
sam_agencies_page_init (SamAgenciesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * sam_agencies_page_new:
 *
 * Returns: (transfer floating): a new, empty page; give it a session with
 *   sam_workspace_page_set_session()
 */
GtkWidget *
sam_agencies_page_new (void)
{
  return g_object_new (SAM_TYPE_AGENCIES_PAGE, NULL);
}
