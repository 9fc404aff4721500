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
 * The listing and the name lookups run in a worker thread (DESIGN §9: at
 * 100 000 cases the inbox holds thousands and each name is a store call),
 * with a spinner meanwhile. The page shows at most DEFAULT_CAP concerns,
 * the first in the core's order, and says so when there are more.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-concern-list-page"

#include "config.h"

#include "sam-concern-list-page-private.h"

#include <glib/gi18n.h>

#include "sam-concern-dialog.h"
#include "sam-concern-format.h"
#include "sam-triage-dialog.h"
#include "sam-workspace-page.h"

/* At most this many rows: at 100 000 cases thousands of concerns wait in
 * the inbox, and GTK lays out every row of a list box. */
#define DEFAULT_CAP 200

struct _SamConcernListPage
{
  AdwBin              parent_instance;

  SamSession         *session;
  SamConcernListMode  mode;
  GPtrArray          *concerns;     /* SamConcern, a row each, at most cap */
  GtkWindow          *dialog;
  guint               cap;
  GCancellable       *cancellable;  /* of the load in flight, or NULL */

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkLabel           *title_label;
  GtkButton          *new_concern_button;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  GtkListBox         *list_box;
  GtkLabel           *more_note;
  AdwStatusPage      *empty_page;
};

/* Loads whose callback has not run yet, of every page: tests wait for
 * none, as a load's worker and callback outlive a page that is gone. */
static guint n_running;

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

/* Loading ------------------------------------------------------------------ */

/* One load: what the worker needs, copied on the page's thread, and what
 * it found. The worker holds the session only weakly, and strongly only
 * for each store call: locking the session is never held up by a load
 * waiting its turn, and frees the session at once. The page is held
 * weakly too, so that it goes when it is disposed. */
typedef struct
{
  GWeakRef            page;
  GWeakRef            session;
  SamConcernListMode  mode;
  guint               cap;

  GPtrArray          *concerns;  /* SamConcern, at most cap */
  GPtrArray          *names;     /* the person's name of each, or NULL */
  gboolean            more;      /* the core had more than cap */
} Load;

static void
load_free (gpointer data)
{
  Load *load = data;

  g_weak_ref_clear (&load->page);
  g_weak_ref_clear (&load->session);
  g_clear_pointer (&load->concerns, g_ptr_array_unref);
  g_clear_pointer (&load->names, g_ptr_array_unref);
  g_free (load);
}

static Load *
load_new (SamConcernListPage *self)
{
  Load *load = g_new0 (Load, 1);

  g_weak_ref_init (&load->page, self);
  g_weak_ref_init (&load->session, self->session);
  load->mode = self->mode;
  load->cap = self->cap;
  load->names = g_ptr_array_new_with_free_func (g_free);

  return load;
}

/* In the worker: the session for one store call, or %NULL with an error
 * once the load was dropped or the session is gone. */
static SamSession *
session_for_call (Load          *load,
                  GCancellable  *cancellable,
                  GError       **error)
{
  SamSession *session;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  session = g_weak_ref_get (&load->session);
  if (session == NULL)
    g_set_error_literal (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED,
                         _("The database is locked. Unlock it to go on."));

  return session;
}

/* One audited listing of at most cap + 1, so that the page knows whether
 * there are more; the one too many is dropped here. */
static gboolean
read_concerns (Load          *load,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(SamSession) session = session_for_call (load, cancellable, error);

  if (session == NULL)
    return FALSE;

  /* The store takes the connection's mutex for its transaction. */
  if (load->mode == SAM_CONCERN_LIST_INBOX)
    load->concerns = sam_concern_store_list_inbox (session, load->cap + 1, error);
  else
    load->concerns = sam_concern_store_list_mine (session, load->cap + 1, error);
  if (load->concerns == NULL)
    return FALSE;

  load->more = load->concerns->len > load->cap;
  if (load->more)
    g_ptr_array_set_size (load->concerns, load->cap);

  return TRUE;
}

/* Asks the policy before asking the store, so that nobody's audit trail
 * fills with refusals the viewer never asked for. NULL when the viewer
 * may not see whom the concern is about. */
static char *
dup_person_name (SamSession       *session,
                 const SamConcern *concern)
{
  SamAccessTarget target = { .case_id = concern->case_id };
  g_autoptr(SamPerson) person = NULL;

  if (sam_policy_may (session, SAM_OPERATION_PERSON_VIEW, &target))
    person = sam_person_store_get (session, concern->person_id, NULL);

  return person != NULL ? sam_concern_format_person (person->given_name, person->family_name) : NULL;
}

/* One store call a person, not a concern: a person often has several. */
static gboolean
read_names (Load          *load,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint i = 0; i < load->concerns->len; i++)
    {
      SamConcern *concern = g_ptr_array_index (load->concerns, i);
      char *name;

      if (!g_hash_table_lookup_extended (names, &concern->person_id, NULL, (gpointer *) &name))
        {
          g_autoptr(SamSession) session = session_for_call (load, cancellable, error);

          if (session == NULL)
            return FALSE;

          name = dup_person_name (session, concern);
          g_hash_table_insert (names, g_memdup2 (&concern->person_id, sizeof (gint64)), name);
        }
      g_ptr_array_add (load->names, g_strdup (name));
    }

  return TRUE;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  g_autoptr(GError) error = NULL;

  /* A load already replaced is neither run nor logged. */
  if (g_task_return_error_if_cancelled (task))
    return;

  if (read_concerns (load, cancellable, &error) && read_names (load, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* Listing ------------------------------------------------------------------ */

/* A newer load, a lock or the page's end: the one in flight is dropped. */
static void
sam_concern_list_page_cancel_load (SamConcernListPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_spinner_set_spinning (self->spinner, FALSE);
}

static void
sam_concern_list_page_clear (SamConcernListPage *self)
{
  GtkWidget *child;

  g_assert (SAM_IS_CONCERN_LIST_PAGE (self));

  sam_concern_list_page_cancel_load (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  gtk_widget_set_visible (GTK_WIDGET (self->more_note), FALSE);
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

/* The inbox is a queue, acute first and then oldest first; mine is
 * newest first: the note says which ones the page keeps. */
static char *
note_text (SamConcernListMode mode,
           guint              n)
{
  if (mode == SAM_CONCERN_LIST_INBOX)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Showing the first %u concern only; more are waiting.",
                                         "Showing the first %u concerns only; more are waiting.",
                                         n), n);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Showing your %u latest concern only.",
                                       "Showing your %u latest concerns only.",
                                       n), n);
}

/* On the page's thread: a row a concern, the note when there are more. */
static void
sam_concern_list_page_fill (SamConcernListPage *self,
                            Load               *load)
{
  g_assert (SAM_IS_CONCERN_LIST_PAGE (self));

  self->concerns = g_steal_pointer (&load->concerns);
  for (guint i = 0; i < self->concerns->len; i++)
    gtk_list_box_append (self->list_box, new_concern_row (g_ptr_array_index (self->concerns, i),
                                                          g_ptr_array_index (load->names, i)));

  if (load->more)
    {
      g_autofree char *note = note_text (self->mode, self->concerns->len);

      gtk_label_set_label (self->more_note, note);
      gtk_widget_set_visible (GTK_WIDGET (self->more_note), TRUE);
    }

  if (self->concerns->len == 0)
    sam_concern_list_page_show_empty (self);
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Load *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(SamConcernListPage) self = NULL;
  gboolean read = g_task_propagate_boolean (G_TASK (result), &error);

  n_running--;

  /* Replaced, locked or disposed since it started: dropped. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = g_weak_ref_get (&load->page);
  if (self == NULL || self->cancellable != g_task_get_cancellable (G_TASK (result)))
    return;

  g_clear_object (&self->cancellable);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (read)
    sam_concern_list_page_fill (self, load);
  else
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      sam_concern_list_page_show_empty (self);
    }
}

/* Empties the page and reads it again in a worker; a load in flight is
 * dropped. */
static void
sam_concern_list_page_reload (SamConcernListPage *self)
{
  g_autoptr(GTask) task = NULL;

  g_assert (SAM_IS_CONCERN_LIST_PAGE (self));

  sam_concern_list_page_clear (self);
  if (self->session == NULL)
    {
      sam_concern_list_page_show_empty (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  task = g_task_new (NULL, self->cancellable, loaded_cb, NULL);
  g_task_set_source_tag (task, sam_concern_list_page_reload);
  g_task_set_name (task, "[samverka] concern list page");
  g_task_set_task_data (task, load_new (self), load_free);
  g_task_run_in_thread (task, load_thread);
  n_running++;
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
  /* Not cancel_load(): dispose may run again after the template is gone. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
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
  gtk_widget_class_bind_template_child (widget_class, SamConcernListPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SamConcernListPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, SamConcernListPage, more_note);
  gtk_widget_class_bind_template_child (widget_class, SamConcernListPage, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "concerns.new", NULL, new_concern_action);
  gtk_widget_class_install_action (widget_class, "concerns.refresh", NULL, refresh_action);
}

static void
sam_concern_list_page_init (SamConcernListPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cap = DEFAULT_CAP;
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
 * Reads the list again from the core in a worker thread (one audited
 * listing, and a lookup of each person's name); a reading still in
 * flight is dropped. The page shows a spinner until it is in.
 */
void
sam_concern_list_page_refresh (SamConcernListPage *self)
{
  g_return_if_fail (SAM_IS_CONCERN_LIST_PAGE (self));

  sam_concern_list_page_reload (self);
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

/**
 * sam_concern_list_page_is_loading:
 *
 * Returns: whether the page is reading its concerns
 */
gboolean
sam_concern_list_page_is_loading (SamConcernListPage *self)
{
  g_return_val_if_fail (SAM_IS_CONCERN_LIST_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * _sam_concern_list_page_set_cap:
 * @cap: the most rows the page shows, at least 1
 *
 * For tests, which cannot make 200 concerns quickly. Takes effect at the
 * next load.
 */
void
_sam_concern_list_page_set_cap (SamConcernListPage *self,
                                guint               cap)
{
  g_return_if_fail (SAM_IS_CONCERN_LIST_PAGE (self));
  g_return_if_fail (cap > 0);

  self->cap = cap;
}

/**
 * _sam_concern_list_page_get_n_running:
 *
 * Returns: how many loads of any such page have not called back yet
 */
guint
_sam_concern_list_page_get_n_running (void)
{
  return n_running;
}
