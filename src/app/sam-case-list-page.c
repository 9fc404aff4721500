/* sam-case-list-page.c
 *
 * The case list: a GtkListView over the core's SamCaseList, which reads
 * its rows from SQL a page at a time as the view asks for them. Nothing
 * here walks the model; the view only asks for the rows it shows.
 *
 * Filters (status, area, coordinator, "mine") make a new SamCaseList with
 * the new SamCaseFilter; the core narrows, and never widens, what the
 * viewer may see. The coordinator filter and "mine" are for the roles that
 * manage cases: for a front-line user every listed case is already theirs.
 *
 * Search replaces the list while the search field holds text:
 * sam_search_async() finds persons, cases, concerns and notes the viewer
 * may see, each leading to the case it belongs to when the viewer may open
 * one. The field waits 150 ms after the last key before searching. The
 * search runs in a worker, so the window never waits on the database; a
 * new text cancels the search before it, whose hits are then dropped. The
 * hits shown stay until the next ones arrive, so that typing does not
 * make the results blink.
 *
 * The list itself is counted the same way (sam_case_list_new_async(),
 * and sam_case_list_refresh_async() when the page is shown again): the
 * count and its audit row take longer than a frame at 100 000 cases. The
 * list shown stays until the new one arrives; a newer filter cancels the
 * count before it, whose list is then dropped.
 *
 * The list's rows arrive the same way: a row whose page is still being
 * read is a placeholder (sam_case_row_get_is_placeholder()), which
 * SamCaseListRow shows as a dim "Loading…" of the same height, until the
 * model replaces it.
 *
 * Activating a case (Enter, a double click) emits the #SamWorkspacePage
 * signal case-activated; opening it is the handler's business.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-case-list-page"

#include "config.h"

#include "sam-case-list-page.h"

#include <glib/gi18n.h>

#include "sam-case-list-row.h"
#include "sam-workspace-page.h"

struct _SamCaseListPage
{
  AdwBin              parent_instance;

  SamSession         *session;
  SamCaseList        *cases;
  GPtrArray          *hits;             /* SamSearchHit, one per results row */
  GArray             *area_ids;         /* gint64; the dropdown's item i + 1 */
  GArray             *coordinator_ids;  /* gint64; the dropdown's item i + 1 */
  GCancellable       *search_cancellable; /* of the search running, if any */
  GCancellable       *list_cancellable;   /* of the listing being counted, if any */
  char               *running_query;    /* what it searches for */
  char               *shown_query;      /* whose outcome is shown, or NULL */
  /* Set while the filters are filled in or reset, which must not list. */
  guint               populating : 1;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkToggleButton    *mine_button;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *area_dropdown;
  GtkDropDown        *coordinator_dropdown;
  GtkStack           *view_stack;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  GtkListBox         *results_list;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *no_matches_page;
  AdwStatusPage      *error_page;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void sam_case_list_page_workspace_page_init (SamWorkspacePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SamCaseListPage, sam_case_list_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (SAM_TYPE_WORKSPACE_PAGE,
                                                      sam_case_list_page_workspace_page_init))

/* Dropdowns -------------------------------------------------------------------------- */

static void
on_choice_factory_setup (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
on_choice_factory_bind (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      string != NULL ? gtk_string_object_get_string (string) : "");
}

static GtkListItemFactory *
choice_factory_new (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_choice_factory_setup),
                    GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (on_choice_factory_bind), NULL);

  return factory;
}

/* The button shows the choice cut short to fit a narrow window; the popup
 * shows every choice in full. */
static void
setup_dropdown (GtkDropDown *dropdown)
{
  g_autoptr(GtkListItemFactory) button_factory = choice_factory_new (TRUE);
  g_autoptr(GtkListItemFactory) popup_factory = choice_factory_new (FALSE);

  gtk_drop_down_set_factory (dropdown, button_factory);
  gtk_drop_down_set_list_factory (dropdown, popup_factory);
}

/* Sets @dropdown's choices to @any followed by the names of @choices, and
 * @ids to their ids. */
static void
fill_dropdown (GtkDropDown *dropdown,
               GArray      *ids,
               const char  *any,
               GPtrArray   *choices)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);

  g_array_set_size (ids, 0);
  gtk_string_list_append (strings, any);

  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      SamChoice *choice = g_ptr_array_index (choices, i);

      gtk_string_list_append (strings, choice->name);
      g_array_append_val (ids, choice->id);
    }

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (strings));
  gtk_drop_down_set_selected (dropdown, 0);
}

static gint64
selected_id (GtkDropDown *dropdown,
             GArray      *ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > ids->len)
    return 0;

  return g_array_index (ids, gint64, selected - 1);
}

static void
sam_case_list_page_fill_status (SamCaseListPage *self)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);

  g_assert (SAM_IS_CASE_LIST_PAGE (self));

  gtk_string_list_append (strings, _("Any Status"));
  for (SamCaseStatus status = 0; status < SAM_N_CASE_STATUSES; status++)
    gtk_string_list_append (strings, sam_case_status_get_label (status));

  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (strings));
}

/* A filter the person can clear again: the areas and coordinators come
 * from the core, which may refuse; then the filter is simply not offered. */
static void
sam_case_list_page_fill_choices (SamCaseListPage *self)
{
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(GPtrArray) coordinators = NULL;
  gboolean manages;

  g_assert (SAM_IS_CASE_LIST_PAGE (self));
  g_assert (SAM_IS_SESSION (self->session));

  areas = sam_choices_list_areas (self->session, NULL);
  fill_dropdown (self->area_dropdown, self->area_ids, _("Any Area"), areas);
  gtk_widget_set_visible (GTK_WIDGET (self->area_dropdown), areas != NULL && areas->len > 0);

  manages = sam_policy_allows (sam_session_get_role (self->session), SAM_OPERATION_CASE_MANAGE);
  if (manages)
    coordinators = sam_choices_list_coordinators (self->session, NULL);
  fill_dropdown (self->coordinator_dropdown, self->coordinator_ids, _("Any Coordinator"),
                 coordinators);
  gtk_widget_set_visible (GTK_WIDGET (self->coordinator_dropdown), coordinators != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->mine_button), manages);
}

static void
sam_case_list_page_reset_filters (SamCaseListPage *self)
{
  g_assert (SAM_IS_CASE_LIST_PAGE (self));

  fill_dropdown (self->area_dropdown, self->area_ids, _("Any Area"), NULL);
  fill_dropdown (self->coordinator_dropdown, self->coordinator_ids, _("Any Coordinator"), NULL);
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_toggle_button_set_active (self->mine_button, FALSE);
}

static gboolean
sam_case_list_page_is_filtered (SamCaseListPage *self)
{
  g_assert (SAM_IS_CASE_LIST_PAGE (self));

  return gtk_drop_down_get_selected (self->status_dropdown) > 0 ||
         gtk_drop_down_get_selected (self->area_dropdown) > 0 ||
         gtk_drop_down_get_selected (self->coordinator_dropdown) > 0 ||
         gtk_toggle_button_get_active (self->mine_button);
}

static void
sam_case_list_page_get_filter (SamCaseListPage *self,
                               SamCaseFilter   *filter)
{
  guint status;

  g_assert (SAM_IS_CASE_LIST_PAGE (self));

  sam_case_filter_init (filter);

  status = gtk_drop_down_get_selected (self->status_dropdown);
  if (status > 0 && status != GTK_INVALID_LIST_POSITION)
    filter->status = (int) status - 1;
  filter->area_id = selected_id (self->area_dropdown, self->area_ids);
  filter->coordinator_id = selected_id (self->coordinator_dropdown, self->coordinator_ids);
  filter->mine = gtk_toggle_button_get_active (self->mine_button);
}

/* Views -------------------------------------------------------------------------------- */

static gboolean
sam_case_list_page_is_searching (SamCaseListPage *self)
{
  g_assert (SAM_IS_CASE_LIST_PAGE (self));

  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0';
}

/* The list, or why there is nothing in it. */
static void
sam_case_list_page_update_view (SamCaseListPage *self)
{
  g_assert (SAM_IS_CASE_LIST_PAGE (self));

  if (sam_case_list_page_is_searching (self) || self->cases == NULL)
    return;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->cases)) > 0)
    {
      gtk_stack_set_visible_child_name (self->view_stack, "list");
      return;
    }

  adw_status_page_set_description (self->empty_page,
                                   sam_case_list_page_is_filtered (self)
                                   ? _("No case matches these filters.")
                                   : _("Cases you are on the team of or coordinate are listed here."));
  gtk_stack_set_visible_child_name (self->view_stack, "empty");
}

static void
sam_case_list_page_show_error (SamCaseListPage *self,
                               const GError    *error)
{
  g_assert (SAM_IS_CASE_LIST_PAGE (self));

  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->view_stack, "error");
}

static void
on_cases_items_changed (SamCaseListPage *self)
{
  g_assert (SAM_IS_CASE_LIST_PAGE (self));

  sam_case_list_page_update_view (self);
}

static void
sam_case_list_page_set_cases (SamCaseListPage *self,
                              SamCaseList     *cases)
{
  g_assert (SAM_IS_CASE_LIST_PAGE (self));

  if (self->cases != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->cases, on_cases_items_changed, self);
      sam_case_list_clear (self->cases);
    }

  g_set_object (&self->cases, cases);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (cases));

  if (cases != NULL)
    g_signal_connect_object (cases, "items-changed",
                             G_CALLBACK (on_cases_items_changed), self,
                             G_CONNECT_SWAPPED);
}

static void
sam_case_list_page_cancel_listing (SamCaseListPage *self)
{
  g_assert (SAM_IS_CASE_LIST_PAGE (self));

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
}

/* Back on the main thread. A cancelled listing was replaced by a newer one
 * (other filters, another session), which the view now waits for. */
static void
list_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SamCaseListPage) self = user_data;
  g_autoptr(SamCaseList) cases = NULL;
  g_autoptr(GError) error = NULL;

  cases = sam_case_list_new_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->list_cancellable);
  sam_case_list_page_set_cases (self, cases);
  if (cases == NULL)
    {
      if (!sam_case_list_page_is_searching (self))
        sam_case_list_page_show_error (self, error);
      return;
    }

  sam_case_list_page_update_view (self);
}

/* The count runs in a worker: the list shown stays until the new one is
 * counted, so that changing a filter does not make the view blink. */
static void
sam_case_list_page_reload (SamCaseListPage *self)
{
  SamCaseFilter filter;

  g_assert (SAM_IS_CASE_LIST_PAGE (self));

  if (self->populating || self->session == NULL)
    return;

  sam_case_list_page_cancel_listing (self);
  sam_case_list_page_get_filter (self, &filter);
  self->list_cancellable = g_cancellable_new ();
  sam_case_list_new_async (self->session, &filter, self->list_cancellable,
                           list_ready_cb, g_object_ref (self));
}

/* Search ------------------------------------------------------------------------------- */

static const char *
hit_kind_label (SamSearchHitKind kind)
{
  switch (kind)
    {
    case SAM_SEARCH_HIT_PERSON:
      return _("Young person");
    case SAM_SEARCH_HIT_CASE:
      return _("Case");
    case SAM_SEARCH_HIT_CONCERN:
      return _("Concern");
    case SAM_SEARCH_HIT_NOTE:
      return _("Note");
    case SAM_N_SEARCH_HIT_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static char *
hit_subtitle (const SamSearchHit *hit)
{
  GString *text = g_string_new (hit_kind_label (hit->kind));

  g_string_append (text, " · ");
  g_string_append (text, hit->case_number != NULL ? hit->case_number : _("No case you can open"));
  if (hit->snippet != NULL)
    g_string_append_printf (text, " · %s", hit->snippet);

  return g_string_free (text, FALSE);
}

static GtkWidget *
hit_row_new (const SamSearchHit *hit)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = hit_subtitle (hit);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hit->person_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), hit->case_id > 0);

  return row;
}

static void
sam_case_list_page_clear_results (SamCaseListPage *self)
{
  GtkWidget *row;

  g_assert (SAM_IS_CASE_LIST_PAGE (self));

  while ((row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->results_list, 0))) != NULL)
    gtk_list_box_remove (self->results_list, row);

  g_clear_pointer (&self->hits, g_ptr_array_unref);
}

static void
sam_case_list_page_show_hits (SamCaseListPage *self,
                              GPtrArray       *hits)
{
  g_assert (SAM_IS_CASE_LIST_PAGE (self));

  self->hits = g_ptr_array_ref (hits);
  for (guint i = 0; i < hits->len; i++)
    gtk_list_box_append (self->results_list, hit_row_new (g_ptr_array_index (hits, i)));

  if (hits->len > 0)
    {
      gtk_stack_set_visible_child_name (self->view_stack, "results");
      return;
    }

  adw_status_page_set_description (self->no_matches_page,
                                   _("Nothing you may see matches these words."));
  gtk_stack_set_visible_child_name (self->view_stack, "no-matches");
}

static void
sam_case_list_page_cancel_search (SamCaseListPage *self)
{
  g_assert (SAM_IS_CASE_LIST_PAGE (self));

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_pointer (&self->running_query, g_free);
}


/* Back on the main thread. A cancelled search was typed past: a newer one
 * runs or the field was emptied, and the view is theirs. */
static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SamCaseListPage) self = user_data;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  hits = sam_search_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->search_cancellable);
  sam_case_list_page_clear_results (self);
  g_free (self->shown_query);
  self->shown_query = g_steal_pointer (&self->running_query);
  if (hits == NULL)
    {
      adw_status_page_set_description (self->no_matches_page, error->message);
      gtk_stack_set_visible_child_name (self->view_stack, "no-matches");
      return;
    }

  sam_case_list_page_show_hits (self, hits);
}

static void
sam_case_list_page_search (SamCaseListPage *self)
{
  g_autofree char *query = NULL;

  g_assert (SAM_IS_CASE_LIST_PAGE (self));

  sam_case_list_page_cancel_search (self);
  if (self->session == NULL)
    {
      sam_case_list_page_clear_results (self);
      return;
    }

  query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  if (query[0] == '\0')
    {
      sam_case_list_page_clear_results (self);
      g_clear_pointer (&self->shown_query, g_free);
      if (self->cases != NULL)
        sam_case_list_page_update_view (self);
      else
        sam_case_list_page_reload (self);
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  self->running_query = g_strdup (query);
  sam_search_async (self->session, query, 0, self->search_cancellable,
                    search_done_cb, g_object_ref (self));
}

/* Signal callbacks --------------------------------------------------------------------- */

static void
on_filter_changed (SamCaseListPage *self)
{
  g_assert (SAM_IS_CASE_LIST_PAGE (self));

  sam_case_list_page_reload (self);
}

static void
on_search_entry_search_changed (SamCaseListPage *self)
{
  g_assert (SAM_IS_CASE_LIST_PAGE (self));

  sam_case_list_page_search (self);
}

static void
on_search_entry_stop_search (SamCaseListPage *self)
{
  g_assert (SAM_IS_CASE_LIST_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_case_factory_setup (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  user_data)
{
  gtk_list_item_set_child (item, sam_case_list_row_new ());
}

static void
on_case_factory_bind (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  sam_case_list_row_set_row (SAM_CASE_LIST_ROW (gtk_list_item_get_child (item)),
                             gtk_list_item_get_item (item));
}

static void
on_case_factory_unbind (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        gpointer                  user_data)
{
  sam_case_list_row_set_row (SAM_CASE_LIST_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
on_list_view_activate (SamCaseListPage *self,
                       guint            position)
{
  g_autoptr(SamCaseRow) row = NULL;

  g_assert (SAM_IS_CASE_LIST_PAGE (self));

  if (self->cases == NULL)
    return;

  /* A row still loading has no case to open yet. */
  row = g_list_model_get_item (G_LIST_MODEL (self->cases), position);
  if (row != NULL && !sam_case_row_get_is_placeholder (row))
    sam_workspace_page_emit_case_activated (SAM_WORKSPACE_PAGE (self), sam_case_row_get_id (row));
}

static void
on_results_list_row_activated (SamCaseListPage *self,
                               GtkListBoxRow   *row)
{
  int index = gtk_list_box_row_get_index (row);
  SamSearchHit *hit;

  g_assert (SAM_IS_CASE_LIST_PAGE (self));

  if (self->hits == NULL || index < 0 || (guint) index >= self->hits->len)
    return;

  hit = g_ptr_array_index (self->hits, index);
  if (hit->case_id > 0)
    sam_workspace_page_emit_case_activated (SAM_WORKSPACE_PAGE (self), hit->case_id);
}

static void
list_refreshed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SamCaseListPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean refreshed;

  refreshed = sam_case_list_refresh_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->list_cancellable);
  if (!refreshed && !sam_case_list_page_is_searching (self))
    sam_case_list_page_show_error (self, error);
}

/* Coming back to the list shows what others saved meanwhile; when nothing
 * changed this costs the core one PRAGMA, in a worker like the rest. */
static void
on_map (SamCaseListPage *self)
{
  g_assert (SAM_IS_CASE_LIST_PAGE (self));

  /* A listing being counted is as fresh as a refresh would be. */
  if (self->cases == NULL || self->session == NULL || self->list_cancellable != NULL)
    return;

  self->list_cancellable = g_cancellable_new ();
  sam_case_list_refresh_async (self->cases, self->list_cancellable,
                               list_refreshed_cb, g_object_ref (self));
}

/* SamWorkspacePage --------------------------------------------------------------------- */

static void
sam_case_list_page_set_session (SamWorkspacePage *page,
                                SamSession       *session)
{
  SamCaseListPage *self = SAM_CASE_LIST_PAGE (page);

  if (!g_set_object (&self->session, session))
    return;

  self->populating = TRUE;
  sam_case_list_page_cancel_listing (self);
  sam_case_list_page_set_cases (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  sam_case_list_page_cancel_search (self);
  sam_case_list_page_clear_results (self);
  g_clear_pointer (&self->shown_query, g_free);
  sam_case_list_page_reset_filters (self);
  gtk_stack_set_visible_child_name (self->view_stack, "list");

  if (self->session != NULL)
    sam_case_list_page_fill_choices (self);
  self->populating = FALSE;

  sam_case_list_page_reload (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}

static gboolean
sam_case_list_page_focus_search (SamWorkspacePage *page)
{
  SamCaseListPage *self = SAM_CASE_LIST_PAGE (page);

  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
sam_case_list_page_workspace_page_init (SamWorkspacePageInterface *iface)
{
  iface->set_session = sam_case_list_page_set_session;
  iface->focus_search = sam_case_list_page_focus_search;
}

/* GObject ------------------------------------------------------------------------------ */

static void
sam_case_list_page_dispose (GObject *object)
{
  SamCaseListPage *self = (SamCaseListPage *)object;

  sam_case_list_page_cancel_listing (self);
  if (self->cases != NULL)
    sam_case_list_page_set_cases (self, NULL);
  sam_case_list_page_cancel_search (self);
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sam_case_list_page_parent_class)->dispose (object);
}

static void
sam_case_list_page_finalize (GObject *object)
{
  SamCaseListPage *self = (SamCaseListPage *)object;

  g_clear_pointer (&self->area_ids, g_array_unref);
  g_clear_pointer (&self->coordinator_ids, g_array_unref);
  g_clear_pointer (&self->shown_query, g_free);

  G_OBJECT_CLASS (sam_case_list_page_parent_class)->finalize (object);
}

static void
sam_case_list_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SamCaseListPage *self = SAM_CASE_LIST_PAGE (object);

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
sam_case_list_page_class_init (SamCaseListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_case_list_page_dispose;
  object_class->finalize = sam_case_list_page_finalize;
  object_class->get_property = sam_case_list_page_get_property;

  /**
   * SamCaseListPage:session:
   *
   * The session whose cases are listed, or %NULL. Set it with
   * sam_workspace_page_set_session().
   */
  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         SAM_TYPE_SESSION,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SAM_TYPE_CASE_LIST_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-case-list-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SamCaseListPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SamCaseListPage, mine_button);
  gtk_widget_class_bind_template_child (widget_class, SamCaseListPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SamCaseListPage, area_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SamCaseListPage, coordinator_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SamCaseListPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SamCaseListPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, SamCaseListPage, selection);
  gtk_widget_class_bind_template_child (widget_class, SamCaseListPage, results_list);
  gtk_widget_class_bind_template_child (widget_class, SamCaseListPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SamCaseListPage, no_matches_page);
  gtk_widget_class_bind_template_child (widget_class, SamCaseListPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_case_factory_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_case_factory_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_case_factory_unbind);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_results_list_row_activated);
}

static void
sam_case_list_page_init (SamCaseListPage *self)
{
  self->area_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->coordinator_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->populating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  setup_dropdown (self->status_dropdown);
  setup_dropdown (self->area_dropdown);
  setup_dropdown (self->coordinator_dropdown);
  sam_case_list_page_fill_status (self);
  sam_case_list_page_reset_filters (self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
  self->populating = FALSE;
}

GtkWidget *
sam_case_list_page_new (void)
{
  return g_object_new (SAM_TYPE_CASE_LIST_PAGE, NULL);
}

/**
 * sam_case_list_page_get_session:
 * @self: a #SamCaseListPage
 *
 * Returns: (transfer none) (nullable): the session whose cases are listed
 */
SamSession *
sam_case_list_page_get_session (SamCaseListPage *self)
{
  g_return_val_if_fail (SAM_IS_CASE_LIST_PAGE (self), NULL);

  return self->session;
}

/**
 * sam_case_list_page_get_cases:
 * @self: a #SamCaseListPage
 *
 * Returns: (transfer none) (nullable): the core's list model the view
 *   shows, a #SamCaseList; %NULL while there is no session
 */
GListModel *
sam_case_list_page_get_cases (SamCaseListPage *self)
{
  g_return_val_if_fail (SAM_IS_CASE_LIST_PAGE (self), NULL);

  return self->cases != NULL ? G_LIST_MODEL (self->cases) : NULL;
}

/**
 * _sam_case_list_page_is_listing:
 * @self: a #SamCaseListPage
 *
 * For tests, which must wait for the list to be counted in a worker:
 * whether a new list or a refresh is under way.
 *
 * Returns: %TRUE while one is
 */
gboolean
_sam_case_list_page_is_listing (SamCaseListPage *self)
{
  g_return_val_if_fail (SAM_IS_CASE_LIST_PAGE (self), FALSE);

  return self->list_cancellable != NULL;
}

/**
 * _sam_case_list_page_get_shown_query:
 * @self: a #SamCaseListPage
 *
 * For tests, which must wait for a search in a worker: the stripped text
 * whose hits, or whose error, the page shows now.
 *
 * Returns: (nullable): the query, or %NULL when no search outcome shows
 */
const char *
_sam_case_list_page_get_shown_query (SamCaseListPage *self)
{
  g_return_val_if_fail (SAM_IS_CASE_LIST_PAGE (self), NULL);

  return self->shown_query;
}
