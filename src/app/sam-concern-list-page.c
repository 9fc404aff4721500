/* sam-concern-list-page.c: "My concerns" and the concern inbox
 *
 * In MINE mode a reporter sees the concerns they logged, each with the
 * status and feedback social services gave: the reporter's feedback loop
 * (DESIGN §2, step 1). In INBOX mode social services see the concerns
 * waiting for triage, and activating one opens the triage dialog.
 *
 * The young person's name is shown only where the core lets the viewer
 * open the person. Reporters who are not on a case of the person see the
 * concern without the name. The page asks the policy first
 * (sam_policy_may(), which logs nothing) so that listing does not fill the
 * audit log with refusals nobody asked for; the core still decides.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-concern-list-page"

#include "config.h"

#include "sam-concern-list-page.h"

#include <glib/gi18n.h>

#include "sam-concern-dialog.h"
#include "sam-concern-format.h"
#include "sam-triage-dialog.h"
#include "sam-workspace-page.h"

struct _SamConcernListPage
{
  AdwBin              parent_instance;

  SamSession         *session;
  SamConcernListMode  mode;
  GPtrArray          *concerns;
  GtkWindow          *dialog;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkLabel           *title_label;
  GtkButton          *new_concern_button;
  GtkStack           *stack;
  GtkListBox         *list_box;
  AdwStatusPage      *empty_page;
};

enum {
  PROP_0,
  PROP_MODE,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_ENUM_TYPE (SamConcernListMode, sam_concern_list_mode,
                    G_DEFINE_ENUM_VALUE (SAM_CONCERN_LIST_MINE, "mine"),
                    G_DEFINE_ENUM_VALUE (SAM_CONCERN_LIST_INBOX, "inbox"))

static void sam_concern_list_page_workspace_page_init (SamWorkspacePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SamConcernListPage, sam_concern_list_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (SAM_TYPE_WORKSPACE_PAGE,
                                                      sam_concern_list_page_workspace_page_init))

/* Rows --------------------------------------------------------------------- */

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static GtkWidget *
new_status_badge (SamConcernStatus status)
{
  GtkWidget *badge = gtk_label_new (sam_concern_status_get_label (status));

  gtk_widget_set_valign (badge, GTK_ALIGN_START);
  gtk_widget_add_css_class (badge, "caption-heading");
  gtk_widget_add_css_class (badge, sam_concern_status_css_class (status));
  gtk_widget_set_name (badge, "status");

  return badge;
}

/* "2026-03-01 · High · Tove Svensson": what, when, how urgent and who. */
static char *
format_meta (const SamConcern *concern,
             const char       *person_name)
{
  g_autoptr(GString) meta = g_string_new (NULL);

  /* Translators: %s is the day a concern was observed, YYYY-MM-DD */
  g_string_append_printf (meta, _("Observed %s"), concern->observed_on);
  /* Translators: %s is an urgency, such as “High” */
  g_string_append_printf (meta, _(" · Urgency: %s"), sam_concern_urgency_get_label (concern->urgency));
  if (concern->report_to_social)
    g_string_append (meta, _(" · Report of concern"));
  if (person_name != NULL)
    g_string_append_printf (meta, " · %s", person_name);

  return g_string_free (g_steal_pointer (&meta), FALSE);
}

static GtkWidget *
new_concern_row (const SamConcern *concern,
                 const char       *person_name)
{
  g_autofree char *categories = NULL;
  g_autofree char *meta = format_meta (concern, person_name);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  categories = sam_concern_format_codes (SAM_CATALOGUE_KIND_CONCERN_CATEGORY,
                                         (const char * const *) concern->categories);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), new_label (categories, "heading"));
  gtk_box_append (GTK_BOX (text), new_label (meta, "dim-label"));
  if (concern->feedback != NULL && concern->feedback[0] != '\0')
    {
      /* Translators: %s is social services' feedback to the reporter */
      g_autofree char *feedback = g_strdup_printf (_("Feedback: %s"), concern->feedback);

      gtk_box_append (GTK_BOX (text), new_label (feedback, NULL));
    }

  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), new_status_badge (concern->status));
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, categories,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, meta, -1);

  return row;
}

/* Listing ------------------------------------------------------------------ */

/* Asks the policy before asking the store, so that nobody's audit trail
 * fills with refusals the viewer never asked for. */
static gboolean
sam_concern_list_page_may_see_person (SamConcernListPage *self,
                                      const SamConcern   *concern)
{
  SamAccessTarget target = { .case_id = concern->case_id };

  g_assert (SAM_IS_CONCERN_LIST_PAGE (self));

  return sam_policy_may (self->session, SAM_OPERATION_PERSON_VIEW, &target);
}

static char *
sam_concern_list_page_dup_person_name (SamConcernListPage *self,
                                       GHashTable         *names,
                                       const SamConcern   *concern)
{
  g_autoptr(SamPerson) person = NULL;
  char *name;

  g_assert (SAM_IS_CONCERN_LIST_PAGE (self));

  if (g_hash_table_lookup_extended (names, &concern->person_id, NULL, (gpointer *) &name))
    return g_strdup (name);

  if (sam_concern_list_page_may_see_person (self, concern))
    person = sam_person_store_get (self->session, concern->person_id, NULL);

  name = person != NULL ? sam_concern_format_person (person->given_name, person->family_name) : NULL;
  g_hash_table_insert (names, g_memdup2 (&concern->person_id, sizeof (gint64)), g_strdup (name));

  return name;
}

static void
sam_concern_list_page_clear (SamConcernListPage *self)
{
  GtkWidget *child;

  g_assert (SAM_IS_CONCERN_LIST_PAGE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  g_clear_pointer (&self->concerns, g_ptr_array_unref);
}

static void
sam_concern_list_page_show_empty (SamConcernListPage *self)
{
  g_assert (SAM_IS_CONCERN_LIST_PAGE (self));

  if (self->mode == SAM_CONCERN_LIST_MINE)
    {
      adw_status_page_set_title (self->empty_page, _("No Concerns Logged"));
      adw_status_page_set_description (self->empty_page,
                                       _("Concerns you log appear here, with what social services "
                                         "decided."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("The Inbox Is Empty"));
      adw_status_page_set_description (self->empty_page, _("No concern is waiting for triage."));
    }

  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static GPtrArray *
sam_concern_list_page_list (SamConcernListPage  *self,
                            GError             **error)
{
  g_assert (SAM_IS_CONCERN_LIST_PAGE (self));

  if (self->mode == SAM_CONCERN_LIST_INBOX)
    return sam_concern_store_list_inbox (self->session, error);

  return sam_concern_store_list_mine (self->session, error);
}

static void
sam_concern_list_page_fill (SamConcernListPage *self)
{
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (SAM_IS_CONCERN_LIST_PAGE (self));

  self->concerns = sam_concern_list_page_list (self, &error);
  if (self->concerns == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      sam_concern_list_page_show_empty (self);
      return;
    }

  names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < self->concerns->len; i++)
    {
      SamConcern *concern = g_ptr_array_index (self->concerns, i);
      g_autofree char *name = sam_concern_list_page_dup_person_name (self, names, concern);

      gtk_list_box_append (self->list_box, new_concern_row (concern, name));
    }

  if (self->concerns->len == 0)
    sam_concern_list_page_show_empty (self);
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
sam_concern_list_page_close_dialog (SamConcernListPage *self)
{
  g_assert (SAM_IS_CONCERN_LIST_PAGE (self));

  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_clear_weak_pointer (&self->dialog);
}

static void
sam_concern_list_page_update_chrome (SamConcernListPage *self)
{
  gboolean mine = self->mode == SAM_CONCERN_LIST_MINE;

  g_assert (SAM_IS_CONCERN_LIST_PAGE (self));

  gtk_label_set_text (self->title_label, mine ? _("My Concerns") : _("Concern Inbox"));
  gtk_widget_set_visible (GTK_WIDGET (self->new_concern_button), mine);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "concerns.new",
                                 mine && self->session != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "concerns.refresh", self->session != NULL);
}

/* Dialogs ------------------------------------------------------------------ */

static GtkWindow *
sam_concern_list_page_get_window (SamConcernListPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
sam_concern_list_page_present (SamConcernListPage *self,
                               GtkWidget          *dialog)
{
  g_assert (SAM_IS_CONCERN_LIST_PAGE (self));

  sam_concern_list_page_close_dialog (self);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
concern_saved_cb (SamConcernListPage *self,
                  gint64              concern_id)
{
  sam_concern_list_page_refresh (self);
}

static void
concern_triaged_cb (SamConcernListPage *self,
                    gint64              concern_id,
                    gint64              case_id)
{
  sam_concern_list_page_refresh (self);
}

static void
sam_concern_list_page_open_triage (SamConcernListPage *self,
                                   const SamConcern   *concern)
{
  GtkWidget *dialog;

  g_assert (SAM_IS_CONCERN_LIST_PAGE (self));

  dialog = sam_triage_dialog_new (sam_concern_list_page_get_window (self), self->session,
                                  concern->id);
  g_signal_connect_object (dialog, "triaged", G_CALLBACK (concern_triaged_cb), self,
                           G_CONNECT_SWAPPED);
  sam_concern_list_page_present (self, dialog);
}

static void
row_activated_cb (SamConcernListPage *self,
                  GtkListBoxRow      *row)
{
  int index = gtk_list_box_row_get_index (row);
  SamConcern *concern;
  SamAccessTarget target = { 0 };

  g_assert (SAM_IS_CONCERN_LIST_PAGE (self));

  if (self->concerns == NULL || index < 0 || (guint) index >= self->concerns->len)
    return;

  concern = g_ptr_array_index (self->concerns, index);
  if (self->mode == SAM_CONCERN_LIST_INBOX)
    {
      sam_concern_list_page_open_triage (self, concern);
      return;
    }

  target.case_id = concern->case_id;
  if (concern->case_id > 0 && sam_policy_may (self->session, SAM_OPERATION_CASE_VIEW, &target))
    sam_workspace_page_emit_case_activated (SAM_WORKSPACE_PAGE (self), concern->case_id);
}

/* Actions ------------------------------------------------------------------ */

static void
new_concern_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SamConcernListPage *self = SAM_CONCERN_LIST_PAGE (widget);
  GtkWidget *dialog;

  if (self->session == NULL)
    return;

  dialog = sam_concern_dialog_new (sam_concern_list_page_get_window (self), self->session);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (concern_saved_cb), self, G_CONNECT_SWAPPED);
  sam_concern_list_page_present (self, dialog);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  sam_concern_list_page_refresh (SAM_CONCERN_LIST_PAGE (widget));
}

/* GObject ------------------------------------------------------------------ */

/* SamWorkspacePage ----------------------------------------------------------- */

/* A concern that led to a case the viewer may open emits the interface's
 * SamWorkspacePage::case-activated. */
static void
sam_concern_list_page_workspace_set_session (SamWorkspacePage *page,
                                             SamSession       *session)
{
  sam_concern_list_page_set_session (SAM_CONCERN_LIST_PAGE (page), session);
}

static void
sam_concern_list_page_workspace_page_init (SamWorkspacePageInterface *iface)
{
  iface->set_session = sam_concern_list_page_workspace_set_session;
}

static void
sam_concern_list_page_dispose (GObject *object)
{
  SamConcernListPage *self = SAM_CONCERN_LIST_PAGE (object);

  sam_concern_list_page_close_dialog (self);
  g_clear_pointer (&self->concerns, g_ptr_array_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sam_concern_list_page_parent_class)->dispose (object);
}

static void
sam_concern_list_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SamConcernListPage *self = SAM_CONCERN_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_concern_list_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  SamConcernListPage *self = SAM_CONCERN_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_MODE:
      self->mode = g_value_get_enum (value);
      sam_concern_list_page_update_chrome (self);
      break;
    case PROP_SESSION:
      sam_concern_list_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_concern_list_page_class_init (SamConcernListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_concern_list_page_dispose;
  object_class->get_property = sam_concern_list_page_get_property;
  object_class->set_property = sam_concern_list_page_set_property;

  /**
   * SamConcernListPage:mode:
   *
   * Whether the page lists the viewer's own concerns or the inbox.
   */
  properties [PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, SAM_TYPE_CONCERN_LIST_MODE, SAM_CONCERN_LIST_MINE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * SamConcernListPage:session:
   *
   * The signed-in user, or %NULL while locked.
   */
  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SAM_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/samverka/Samverka/sam-concern-list-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SamConcernListPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SamConcernListPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, SamConcernListPage, new_concern_button);
  gtk_widget_class_bind_template_child (widget_class, SamConcernListPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SamConcernListPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, SamConcernListPage, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "concerns.new", NULL, new_concern_action);
  gtk_widget_class_install_action (widget_class, "concerns.refresh", NULL, refresh_action);
}

static void
sam_concern_list_page_init (SamConcernListPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  sam_concern_list_page_update_chrome (self);
  sam_concern_list_page_show_empty (self);
}

/* Public API --------------------------------------------------------------- */

/**
 * sam_concern_list_page_new:
 * @mode: what to list
 *
 * Returns: (transfer floating): a new page, empty until it has a session
 */
GtkWidget *
sam_concern_list_page_new (SamConcernListMode mode)
{
  return g_object_new (SAM_TYPE_CONCERN_LIST_PAGE, "mode", mode, NULL);
}

SamConcernListMode
sam_concern_list_page_get_mode (SamConcernListPage *self)
{
  g_return_val_if_fail (SAM_IS_CONCERN_LIST_PAGE (self), SAM_CONCERN_LIST_MINE);

  return self->mode;
}

/**
 * sam_concern_list_page_get_session:
 *
 * Returns: (transfer none) (nullable): the session, or %NULL
 */
SamSession *
sam_concern_list_page_get_session (SamConcernListPage *self)
{
  g_return_val_if_fail (SAM_IS_CONCERN_LIST_PAGE (self), NULL);

  return self->session;
}

/**
 * sam_concern_list_page_set_session:
 * @self: a page
 * @session: (nullable): the signed-in user, or %NULL to lock
 *
 * Lists the concerns @session may see. %NULL empties the page and closes
 * any concern or triage dialog it opened, leaving no personal data behind.
 */
void
sam_concern_list_page_set_session (SamConcernListPage *self,
                                   SamSession         *session)
{
  g_return_if_fail (SAM_IS_CONCERN_LIST_PAGE (self));
  g_return_if_fail (session == NULL || SAM_IS_SESSION (session));

  if (self->session == session)
    return;

  sam_concern_list_page_close_dialog (self);
  g_set_object (&self->session, session);
  sam_concern_list_page_update_chrome (self);
  sam_concern_list_page_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}

/**
 * sam_concern_list_page_refresh:
 *
 * Reads the list again from the core (one audited listing).
 */
void
sam_concern_list_page_refresh (SamConcernListPage *self)
{
  g_return_if_fail (SAM_IS_CONCERN_LIST_PAGE (self));

  sam_concern_list_page_clear (self);
  if (self->session == NULL)
    {
      sam_concern_list_page_show_empty (self);
      return;
    }

  sam_concern_list_page_fill (self);
}

/**
 * sam_concern_list_page_get_n_items:
 *
 * Returns: how many concerns the page shows
 */
guint
sam_concern_list_page_get_n_items (SamConcernListPage *self)
{
  g_return_val_if_fail (SAM_IS_CONCERN_LIST_PAGE (self), 0);

  return self->concerns != NULL ? self->concerns->len : 0;
}
