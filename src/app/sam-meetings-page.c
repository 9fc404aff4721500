/* sam-meetings-page.c: the Meetings section of the workspace
 *
 * The network meetings of every case the user may open: the coming 60
 * days in time order, and the past 30 days, newest first, so that a
 * meeting whose minutes are still to be written is easy to find. A row
 * shows when, the case number, the place and the status in words;
 * activating it opens the case. What the core does not return is simply
 * not there.
 *
 * The listings run in a worker thread (DESIGN §9: at 100 000 cases they
 * take seconds), with a spinner meanwhile; each group shows at most
 * DEFAULT_CAP rows and says so when there are more. The core lists in
 * time order only, so for the past the page narrows the window (30, 7,
 * 1 days) until it fits, to keep the newest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-meetings-page"

#include "config.h"

#include "sam-meetings-page-private.h"

#include <glib/gi18n.h>

#include "sam-meeting-format.h"
#include "sam-workspace-page.h"

/* The window the page lists, in days from now. */
#define UPCOMING_DAYS 60
#define PAST_DAYS     30

/* At most this many rows per group: at 100 000 cases a window holds tens
 * of thousands of meetings, and GTK lays out every row of a list box. */
#define DEFAULT_CAP 200

/* The past windows tried, widest first, until one holds no more meetings
 * than the cap: the core lists in time order, so the newest of a wider
 * window cannot be asked for directly. */
static const int past_windows[] = { PAST_DAYS, 7, 1 };

struct _SamMeetingsPage
{
  AdwBin            parent_instance;

  SamSession       *session;
  GPtrArray        *upcoming;     /* SamMeeting, soonest first, at most cap */
  GPtrArray        *past;         /* SamMeeting, in time order, at most cap */
  guint             cap;
  GCancellable     *cancellable;  /* of the load in flight, or NULL */

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkStack         *stack;
  GtkSpinner       *spinner;
  GtkWidget        *upcoming_label;
  GtkListBox       *upcoming_list;
  GtkLabel         *upcoming_note;
  GtkWidget        *past_label;
  GtkListBox       *past_list;
  GtkLabel         *past_note;
};

/* Loads whose callback has not run yet, of every page: tests wait for
 * none, as a load's worker and callback outlive a page that is gone. */
static guint n_running;

static void sam_meetings_page_workspace_page_init (SamWorkspacePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SamMeetingsPage, sam_meetings_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (SAM_TYPE_WORKSPACE_PAGE,
                                                      sam_meetings_page_workspace_page_init))

/* Rows ----------------------------------------------------------------------- */

static GtkWidget *
meeting_row_new (const SamMeeting *meeting)
{
  g_autofree char *when = sam_meeting_format_when (meeting);
  /* Translators: a meeting's case number and place */
  g_autofree char *where = g_strdup_printf (_("%s · %s"), meeting->case_number, meeting->place);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), sam_meeting_format_label (when, "heading"));
  gtk_box_append (GTK_BOX (text), sam_meeting_format_label (where, "dim-label"));
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), sam_meeting_status_badge_new (meeting->status));
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "meeting", (gpointer) meeting);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, when,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, where, -1);

  return row;
}

/* Loading -------------------------------------------------------------------- */

/* One load: what the worker needs, copied on the page's thread, and what
 * it found. The worker holds the session only weakly, and strongly only
 * for each store call: locking the session is never held up by a load
 * waiting its turn, and frees the session at once. The page is held
 * weakly too, so that it goes when it is disposed. */
typedef struct
{
  GWeakRef    page;
  GWeakRef    session;
  guint       cap;
  char       *now;
  char       *upcoming_to;
  char       *past_from[G_N_ELEMENTS (past_windows)];

  GPtrArray  *upcoming;
  gboolean    upcoming_more;
  GPtrArray  *past;
  int         past_days;      /* the past window listed */
  gboolean    past_more;      /* more meetings than cap in that window */
} Load;

static void
load_free (gpointer data)
{
  Load *load = data;

  g_weak_ref_clear (&load->page);
  g_weak_ref_clear (&load->session);
  g_free (load->now);
  g_free (load->upcoming_to);
  for (guint i = 0; i < G_N_ELEMENTS (past_windows); i++)
    g_free (load->past_from[i]);
  g_clear_pointer (&load->upcoming, g_ptr_array_unref);
  g_clear_pointer (&load->past, g_ptr_array_unref);
  g_free (load);
}

static char *
iso_of (GDateTime *now,
        int        days)
{
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

static Load *
load_new (SamMeetingsPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  Load *load = g_new0 (Load, 1);

  g_weak_ref_init (&load->page, self);
  g_weak_ref_init (&load->session, self->session);
  load->cap = self->cap;
  load->now = iso_of (now, 0);
  load->upcoming_to = iso_of (now, UPCOMING_DAYS);
  for (guint i = 0; i < G_N_ELEMENTS (past_windows); i++)
    load->past_from[i] = iso_of (now, -past_windows[i]);

  return load;
}

/* In the worker: one audited listing, at most cap + 1 meetings, so that
 * the page knows whether there are more. */
static GPtrArray *
list_range (Load          *load,
            const char    *from,
            const char    *to,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(SamSession) session = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  session = g_weak_ref_get (&load->session);
  if (session == NULL)
    {
      g_set_error_literal (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED,
                           _("The database is locked. Unlock it to go on."));
      return NULL;
    }

  /* The store takes the connection's mutex for its transaction. */
  return sam_meeting_store_list_range (session, from, to, load->cap + 1, error);
}

static gboolean
read_past (Load          *load,
           GCancellable  *cancellable,
           GError       **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (past_windows); i++)
    {
      g_clear_pointer (&load->past, g_ptr_array_unref);
      load->past = list_range (load, load->past_from[i], load->now, cancellable, error);
      if (load->past == NULL)
        return FALSE;

      load->past_days = past_windows[i];
      load->past_more = load->past->len > load->cap;
      if (!load->past_more)
        return TRUE;
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

  load->upcoming = list_range (load, load->now, load->upcoming_to, cancellable, &error);
  if (load->upcoming != NULL)
    load->upcoming_more = load->upcoming->len > load->cap;

  if (load->upcoming != NULL && read_past (load, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* Listing -------------------------------------------------------------------- */

static void
remove_all_rows (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

/* A newer load, a lock or the page's end: the one in flight is dropped. */
static void
cancel_load (SamMeetingsPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_spinner_set_spinning (self->spinner, FALSE);
}

static void
clear (SamMeetingsPage *self)
{
  g_assert (SAM_IS_MEETINGS_PAGE (self));

  cancel_load (self);
  remove_all_rows (self->upcoming_list);
  remove_all_rows (self->past_list);
  gtk_widget_set_visible (GTK_WIDGET (self->upcoming_note), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->past_note), FALSE);
  g_clear_pointer (&self->upcoming, g_ptr_array_unref);
  g_clear_pointer (&self->past, g_ptr_array_unref);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
show_group (GtkWidget  *label,
            GtkListBox *list)
{
  gboolean any = gtk_list_box_get_row_at_index (list, 0) != NULL;

  gtk_widget_set_visible (label, any);
  gtk_widget_set_visible (GTK_WIDGET (list), any);
}

static void
show_note (GtkLabel   *note,
           const char *text)
{
  gtk_label_set_label (note, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (note), text != NULL);
}

static char *
upcoming_note_text (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Showing the next %u meeting only; there are more in the coming 60 days.",
                                       "Showing the next %u meetings only; there are more in the coming 60 days.",
                                       n), n);
}

static char *
past_note_text (guint    n,
                int      days,
                gboolean more)
{
  if (more)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Showing %u meeting of the past day only; there are more.",
                                         "Showing %u meetings of the past day only; there are more.",
                                         n), n);

  if (days < PAST_DAYS)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Showing the past %d day only; there are more meetings in the past 30 days.",
                                         "Showing the past %d days only; there are more meetings in the past 30 days.",
                                         days), days);

  return NULL;
}

static void
show_notes (SamMeetingsPage *self,
            Load            *load)
{
  g_autofree char *upcoming = load->upcoming_more ? upcoming_note_text (self->upcoming->len) : NULL;
  g_autofree char *past = past_note_text (self->past->len, load->past_days, load->past_more);

  show_note (self->upcoming_note, upcoming);
  show_note (self->past_note, past);
}

/* On the page's thread: at most cap rows a group, the past newest first. */
static void
fill (SamMeetingsPage *self,
      Load            *load)
{
  self->upcoming = g_steal_pointer (&load->upcoming);
  self->past = g_steal_pointer (&load->past);
  if (self->upcoming->len > self->cap)
    g_ptr_array_set_size (self->upcoming, self->cap);
  if (self->past->len > self->cap)
    g_ptr_array_set_size (self->past, self->cap);

  for (guint i = 0; i < self->upcoming->len; i++)
    gtk_list_box_append (self->upcoming_list, meeting_row_new (g_ptr_array_index (self->upcoming, i)));
  for (guint i = 0; i < self->past->len; i++)
    gtk_list_box_prepend (self->past_list, meeting_row_new (g_ptr_array_index (self->past, i)));

  show_group (self->upcoming_label, self->upcoming_list);
  show_group (self->past_label, self->past_list);
  show_notes (self, load);
  gtk_stack_set_visible_child_name (self->stack,
                                    self->upcoming->len + self->past->len > 0 ? "list" : "empty");
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Load *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(SamMeetingsPage) self = NULL;
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
    fill (self, load);
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
    }
}

/* Empties the page and reads it again in a worker; a load in flight is
 * dropped. */
static void
reload (SamMeetingsPage *self)
{
  g_autoptr(GTask) task = NULL;

  g_assert (SAM_IS_MEETINGS_PAGE (self));

  clear (self);
  if (self->session == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  task = g_task_new (NULL, self->cancellable, loaded_cb, NULL);
  g_task_set_source_tag (task, reload);
  g_task_set_name (task, "[samverka] meetings page");
  g_task_set_task_data (task, load_new (self), load_free);
  g_task_run_in_thread (task, load_thread);
  n_running++;
}

/* Signal callbacks ----------------------------------------------------------- */

static void
row_activated_cb (SamMeetingsPage *self,
                  GtkListBoxRow   *row)
{
  const SamMeeting *meeting = g_object_get_data (G_OBJECT (row), "meeting");

  g_assert (SAM_IS_MEETINGS_PAGE (self));

  if (meeting != NULL && self->session != NULL)
    sam_workspace_page_emit_case_activated (SAM_WORKSPACE_PAGE (self), meeting->case_id);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  sam_meetings_page_refresh (SAM_MEETINGS_PAGE (widget));
}

/* SamWorkspacePage ----------------------------------------------------------- */

/* %NULL, on lock, empties every row before the session goes. */
static void
sam_meetings_page_set_session (SamWorkspacePage *page,
                               SamSession       *session)
{
  SamMeetingsPage *self = SAM_MEETINGS_PAGE (page);

  if (self->session == session)
    return;

  clear (self);
  g_set_object (&self->session, session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.refresh", session != NULL);
  reload (self);
}

static void
sam_meetings_page_workspace_page_init (SamWorkspacePageInterface *iface)
{
  iface->set_session = sam_meetings_page_set_session;
}

/* Life cycle ----------------------------------------------------------------- */

static void
sam_meetings_page_dispose (GObject *object)
{
  SamMeetingsPage *self = SAM_MEETINGS_PAGE (object);

  cancel_load (self);
  g_clear_pointer (&self->upcoming, g_ptr_array_unref);
  g_clear_pointer (&self->past, g_ptr_array_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sam_meetings_page_parent_class)->dispose (object);
}

static void
sam_meetings_page_class_init (SamMeetingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_meetings_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-meetings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SamMeetingsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SamMeetingsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SamMeetingsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SamMeetingsPage, upcoming_label);
  gtk_widget_class_bind_template_child (widget_class, SamMeetingsPage, upcoming_list);
  gtk_widget_class_bind_template_child (widget_class, SamMeetingsPage, upcoming_note);
  gtk_widget_class_bind_template_child (widget_class, SamMeetingsPage, past_label);
  gtk_widget_class_bind_template_child (widget_class, SamMeetingsPage, past_list);
  gtk_widget_class_bind_template_child (widget_class, SamMeetingsPage, past_note);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "meetings.refresh", NULL, refresh_action);
}

static void
sam_meetings_page_init (SamMeetingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cap = DEFAULT_CAP;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "meetings.refresh", FALSE);
  clear (self);
}

/* Public API ----------------------------------------------------------------- */

/**
 * sam_meetings_page_new:
 *
 * Returns: (transfer floating): a new page, empty until it has a session
 */
GtkWidget *
sam_meetings_page_new (void)
{
  return g_object_new (SAM_TYPE_MEETINGS_PAGE, NULL);
}

/**
 * sam_meetings_page_refresh:
 *
 * Reads the meetings again from the core in a worker thread (two to four
 * audited listings); a reading still in flight is dropped. The page
 * shows a spinner until the meetings are in.
 */
void
sam_meetings_page_refresh (SamMeetingsPage *self)
{
  g_return_if_fail (SAM_IS_MEETINGS_PAGE (self));

  reload (self);
}

/**
 * sam_meetings_page_get_n_items:
 *
 * Returns: how many meetings the page lists
 */
guint
sam_meetings_page_get_n_items (SamMeetingsPage *self)
{
  g_return_val_if_fail (SAM_IS_MEETINGS_PAGE (self), 0);

  return (self->upcoming != NULL ? self->upcoming->len : 0) + (self->past != NULL ? self->past->len : 0);
}

/**
 * sam_meetings_page_is_loading:
 *
 * Returns: whether the page is reading its meetings
 */
gboolean
sam_meetings_page_is_loading (SamMeetingsPage *self)
{
  g_return_val_if_fail (SAM_IS_MEETINGS_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * _sam_meetings_page_set_cap:
 * @cap: the most rows a group shows, at least 1
 *
 * For tests, which cannot make 200 meetings quickly. Takes effect at the
 * next load.
 */
void
_sam_meetings_page_set_cap (SamMeetingsPage *self,
                            guint            cap)
{
  g_return_if_fail (SAM_IS_MEETINGS_PAGE (self));
  g_return_if_fail (cap > 0);

  self->cap = cap;
}

/**
 * _sam_meetings_page_get_n_running:
 *
 * Returns: how many loads of any such page have not called back yet
 */
guint
_sam_meetings_page_get_n_running (void)
{
  return n_running;
}
