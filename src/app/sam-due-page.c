/* sam-due-page.c: the Due section of the workspace
 *
 * What is due in the user's cases (DESIGN §7): plan actions still planned
 * or ongoing, scheduled follow-ups, planned meetings and expiring
 * consents, grouped as
 * Overdue, This week and Later. Actions and follow-ups are listed when
 * overdue or due within 14 days, meetings from a week back (a planned
 * meeting that has passed still needs its outcome recorded) to 7 days
 * ahead. The core decides which cases and items the user sees; the page
 * only sorts them. Activating a row opens its case.
 *
 * Consents that expire within 14 days are listed too: the case can no
 * longer be shared once they lapse, unless the family signs a new one.
 *
 * The listings run in a worker thread (DESIGN §9: at 100 000 cases they
 * take seconds), with a spinner meanwhile. Each group shows at most
 * DEFAULT_CAP rows, the earliest first, and says so when there are more.
 * The core lists each kind by date up to a limit; when a kind reaches
 * it, what comes after its last date is left out, so that the page never
 * shows a later item while an earlier one is missing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-due-page"

#include "config.h"

#include "sam-due-page-private.h"

#include <glib/gi18n.h>

#include "sam-meeting-format.h"
#include "sam-workspace-page.h"

#define DUE_WITHIN_DAYS      14
#define MEETINGS_AHEAD_DAYS  7
#define MEETINGS_BACK_DAYS   7
#define THIS_WEEK_DAYS       7

/* At most this many rows per group: at 100 000 cases thousands are due,
 * and GTK lays out every row of a list box. */
#define DEFAULT_CAP 200

/* One thing due, whatever its kind. */
typedef struct
{
  char   *kind;          /* "Plan action", "Follow-up", "Meeting" */
  char   *what;
  gint64  case_id;
  char   *case_number;
  char   *date;          /* local YYYY-MM-DD */
  char   *when;          /* as shown: the date, or a meeting's local time */
} DueItem;

struct _SamDuePage
{
  AdwBin            parent_instance;

  SamSession       *session;
  GPtrArray        *items;        /* DueItem, by date, as loaded */
  guint             n_shown;      /* of them, those with a row */
  guint             cap;
  GCancellable     *cancellable;  /* of the load in flight, or NULL */

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkStack         *stack;
  GtkSpinner       *spinner;
  GtkWidget        *overdue_label;
  GtkListBox       *overdue_list;
  GtkLabel         *overdue_note;
  GtkWidget        *week_label;
  GtkListBox       *week_list;
  GtkLabel         *week_note;
  GtkWidget        *later_label;
  GtkListBox       *later_list;
  GtkLabel         *later_note;
};

/* Loads whose callback has not run yet, of every page: tests wait for
 * none, as a load's worker and callback outlive a page that is gone. */
static guint n_running;

static void sam_due_page_workspace_page_init (SamWorkspacePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SamDuePage, sam_due_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (SAM_TYPE_WORKSPACE_PAGE,
                                                      sam_due_page_workspace_page_init))

/* Items ---------------------------------------------------------------------- */

static void
due_item_free (DueItem *item)
{
  g_free (item->kind);
  g_free (item->what);
  g_free (item->case_number);
  g_free (item->date);
  g_free (item->when);
  g_free (item);
}

static DueItem *
due_item_new (const char *kind,
              const char *what,
              gint64      case_id,
              const char *case_number,
              const char *date,
              const char *when)
{
  DueItem *item = g_new0 (DueItem, 1);

  item->kind = g_strdup (kind);
  item->what = g_strdup (what);
  item->case_id = case_id;
  item->case_number = g_strdup (case_number);
  item->date = g_strdup (date);
  item->when = g_strdup (when != NULL ? when : date);

  return item;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const DueItem *first = *(const DueItem * const *) a;
  const DueItem *second = *(const DueItem * const *) b;

  return g_strcmp0 (first->when, second->when);
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
  char       *before;         /* the day after the due window */
  char       *meetings_from;
  char       *meetings_to;

  GPtrArray  *items;          /* DueItem, by date */
  /* When a capped listing had more than cap, the date of the last it
   * returned: what it left out is due on that day or later, so the items
   * after it are not all known and are dropped. NULL when none had. */
  char       *cut_after;
  GError     *error;          /* the first listing that failed */
} Load;

static void
load_free (gpointer data)
{
  Load *load = data;

  g_weak_ref_clear (&load->page);
  g_weak_ref_clear (&load->session);
  g_free (load->before);
  g_free (load->meetings_from);
  g_free (load->meetings_to);
  g_clear_pointer (&load->items, g_ptr_array_unref);
  g_free (load->cut_after);
  g_clear_error (&load->error);
  g_free (load);
}

static Load *
load_new (SamDuePage *self)
{
  Load *load = g_new0 (Load, 1);

  g_weak_ref_init (&load->page, self);
  g_weak_ref_init (&load->session, self->session);
  load->cap = self->cap;
  load->before = sam_meeting_format_date_in_days (DUE_WITHIN_DAYS + 1);
  load->meetings_from = sam_meeting_format_iso_in_days (-MEETINGS_BACK_DAYS);
  load->meetings_to = sam_meeting_format_iso_in_days (MEETINGS_AHEAD_DAYS);
  load->items = g_ptr_array_new_with_free_func ((GDestroyNotify) due_item_free);

  return load;
}

/* A refused or failed listing is said once; the others still show. */
static void
keep_error (Load   *load,
            GError *error)
{
  if (error != NULL && load->error == NULL)
    load->error = g_error_copy (error);
}

/* In the worker: the session for one store call, or %NULL once it is
 * gone or the load was dropped. */
static SamSession *
session_for_call (Load         *load,
                  GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  SamSession *session;

  if (g_cancellable_is_cancelled (cancellable))
    return NULL;

  session = g_weak_ref_get (&load->session);
  if (session == NULL)
    {
      g_set_error_literal (&error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED,
                           _("The database is locked. Unlock it to go on."));
      keep_error (load, error);
    }

  return session;
}

/* A capped listing that returned more than cap: note where it stops. */
static void
note_cut (Load       *load,
          GPtrArray  *listed,
          const char *last_date)
{
  if (listed == NULL || listed->len <= load->cap)
    return;

  if (load->cut_after == NULL || g_strcmp0 (last_date, load->cut_after) < 0)
    {
      g_free (load->cut_after);
      load->cut_after = g_strdup (last_date);
    }
}

static void
add_actions (Load         *load,
             GCancellable *cancellable)
{
  g_autoptr(SamSession) session = session_for_call (load, cancellable);
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GError) error = NULL;

  if (session == NULL)
    return;

  /* The store takes the connection's mutex for its transaction. */
  actions = sam_plan_store_list_due_actions (session, load->before, load->cap + 1, &error);
  keep_error (load, error);
  for (guint i = 0; actions != NULL && i < actions->len; i++)
    {
      SamPlanAction *action = g_ptr_array_index (actions, i);

      g_ptr_array_add (load->items, due_item_new (_("Plan action"), action->description, action->case_id,
                                                  action->case_number, action->due_on, NULL));
    }
  if (actions != NULL && actions->len > 0)
    note_cut (load, actions, ((SamPlanAction *) g_ptr_array_index (actions, actions->len - 1))->due_on);
}

static void
add_follow_ups (Load         *load,
                GCancellable *cancellable)
{
  g_autoptr(SamSession) session = session_for_call (load, cancellable);
  g_autoptr(GPtrArray) follow_ups = NULL;
  g_autoptr(GError) error = NULL;

  if (session == NULL)
    return;

  follow_ups = sam_follow_up_store_list_due (session, load->before, load->cap + 1, &error);
  keep_error (load, error);
  for (guint i = 0; follow_ups != NULL && i < follow_ups->len; i++)
    {
      SamFollowUp *follow_up = g_ptr_array_index (follow_ups, i);

      g_ptr_array_add (load->items, due_item_new (_("Follow-up"), _("Follow up the case"), follow_up->case_id,
                                                  follow_up->case_number, follow_up->due_on, NULL));
    }
  if (follow_ups != NULL && follow_ups->len > 0)
    note_cut (load, follow_ups, ((SamFollowUp *) g_ptr_array_index (follow_ups, follow_ups->len - 1))->due_on);
}

static char *
meeting_day (const SamMeeting *meeting)
{
  g_autofree char *when = sam_meeting_format_local_time (meeting->starts_at);

  return g_strndup (when, 10);
}

static void
add_meetings (Load         *load,
              GCancellable *cancellable)
{
  g_autoptr(SamSession) session = session_for_call (load, cancellable);
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GError) error = NULL;

  if (session == NULL)
    return;

  meetings = sam_meeting_store_list_range (session, load->meetings_from, load->meetings_to,
                                           load->cap + 1, &error);
  keep_error (load, error);
  for (guint i = 0; meetings != NULL && i < meetings->len; i++)
    {
      SamMeeting *meeting = g_ptr_array_index (meetings, i);
      g_autofree char *when = NULL;
      g_autofree char *day = NULL;
      g_autofree char *what = NULL;

      if (meeting->status != SAM_MEETING_PLANNED)
        continue;

      when = sam_meeting_format_local_time (meeting->starts_at);
      day = meeting_day (meeting);
      /* Translators: %s is where a meeting takes place */
      what = g_strdup_printf (_("Network meeting at %s"), meeting->place);
      g_ptr_array_add (load->items, due_item_new (_("Meeting"), what, meeting->case_id,
                                                  meeting->case_number, day, when));
    }
  if (meetings != NULL && meetings->len > 0)
    {
      g_autofree char *last = meeting_day (g_ptr_array_index (meetings, meetings->len - 1));

      note_cut (load, meetings, last);
    }
}

/* The core has no cap for these: few consents expire in any fortnight. */
static void
add_consents (Load         *load,
              GCancellable *cancellable)
{
  g_autoptr(SamSession) session = session_for_call (load, cancellable);
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GError) error = NULL;

  if (session == NULL)
    return;

  consents = sam_case_store_list_expiring_consents (session, load->before, &error);
  keep_error (load, error);
  for (guint i = 0; consents != NULL && i < consents->len; i++)
    {
      SamExpiringConsent *consent = g_ptr_array_index (consents, i);

      g_ptr_array_add (load->items, due_item_new (_("Consent"), _("The consent expires; ask the family to renew it"),
                                                  consent->case_id, consent->case_number,
                                                  consent->valid_to, NULL));
    }
}

/* Drops what comes after a capped listing's last day: the page shows a
 * prefix, by date, of all that is due, never one with holes. */
static void
drop_after_cut (Load *load)
{
  guint kept = 0;

  if (load->cut_after == NULL)
    return;

  while (kept < load->items->len &&
         g_strcmp0 (((DueItem *) g_ptr_array_index (load->items, kept))->date, load->cut_after) <= 0)
    kept++;
  g_ptr_array_set_size (load->items, kept);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;

  /* A load already replaced is neither run nor logged. */
  if (g_task_return_error_if_cancelled (task))
    return;

  add_actions (load, cancellable);
  add_follow_ups (load, cancellable);
  add_meetings (load, cancellable);
  add_consents (load, cancellable);
  g_ptr_array_sort (load->items, compare_items);
  drop_after_cut (load);

  /* Also with load->error set: what the other listings found shows. */
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

/* Rows ----------------------------------------------------------------------- */

static GtkWidget *
due_row_new (const DueItem *item)
{
  /* Translators: what is due: its kind, the case's number and when */
  g_autofree char *meta = g_strdup_printf (_("%s · %s · %s"), item->kind, item->case_number, item->when);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);

  gtk_box_append (GTK_BOX (box), sam_meeting_format_label (item->what, "heading"));
  gtk_box_append (GTK_BOX (box), sam_meeting_format_label (meta, "dim-label"));
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "item", (gpointer) item);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, item->what,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, meta, -1);

  return row;
}

/* Listing -------------------------------------------------------------------- */

typedef enum
{
  GROUP_OVERDUE,
  GROUP_WEEK,
  GROUP_LATER,
  N_GROUPS
} Group;

static Group
group_of (const char *date,
          const char *today,
          const char *week_end)
{
  if (g_strcmp0 (date, today) < 0)
    return GROUP_OVERDUE;
  if (g_strcmp0 (date, week_end) < 0)
    return GROUP_WEEK;

  return GROUP_LATER;
}

static GtkListBox *
list_of (SamDuePage *self,
         Group       group)
{
  GtkListBox *lists[N_GROUPS] = { self->overdue_list, self->week_list, self->later_list };

  return lists[group];
}

static GtkLabel *
note_of (SamDuePage *self,
         Group       group)
{
  GtkLabel *notes[N_GROUPS] = { self->overdue_note, self->week_note, self->later_note };

  return notes[group];
}

static GtkWidget *
label_of (SamDuePage *self,
          Group       group)
{
  GtkWidget *labels[N_GROUPS] = { self->overdue_label, self->week_label, self->later_label };

  return labels[group];
}

static void
remove_all_rows (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

/* A newer load, a lock or the page's end: the one in flight is dropped. */
static void
cancel_load (SamDuePage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_spinner_set_spinning (self->spinner, FALSE);
}

static void
clear (SamDuePage *self)
{
  g_assert (SAM_IS_DUE_PAGE (self));

  cancel_load (self);
  for (Group group = 0; group < N_GROUPS; group++)
    {
      remove_all_rows (list_of (self, group));
      gtk_widget_set_visible (GTK_WIDGET (note_of (self, group)), FALSE);
    }
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->n_shown = 0;
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static char *
note_text (Group group,
           guint n_shown)
{
  if (group == GROUP_OVERDUE)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Showing the %u most overdue item only; more are due.",
                                         "Showing the %u most overdue items only; more are due.",
                                         n_shown), n_shown);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Showing the first %u item only; more are due.",
                                       "Showing the first %u items only; more are due.",
                                       n_shown), n_shown);
}

/* A group says so when it has more than it shows, or when a listing
 * stopped within its days, so that what it shows may not be all. */
static void
show_group (SamDuePage *self,
            Group       group,
            guint       n_items,
            gboolean    cut_within)
{
  guint n_shown = MIN (n_items, self->cap);
  GtkLabel *note = note_of (self, group);

  gtk_widget_set_visible (label_of (self, group), n_shown > 0);
  gtk_widget_set_visible (GTK_WIDGET (list_of (self, group)), n_shown > 0);
  if (n_shown > 0 && (n_items > self->cap || cut_within))
    {
      g_autofree char *text = note_text (group, n_shown);

      gtk_label_set_label (note, text);
      gtk_widget_set_visible (GTK_WIDGET (note), TRUE);
    }
}

/* On the page's thread: at most cap rows a group. */
static void
fill (SamDuePage *self,
      Load       *load)
{
  g_autofree char *today = sam_meeting_format_date_in_days (0);
  g_autofree char *week_end = sam_meeting_format_date_in_days (THIS_WEEK_DAYS);
  guint n_items[N_GROUPS] = { 0 };

  g_assert (SAM_IS_DUE_PAGE (self));

  self->items = g_steal_pointer (&load->items);
  for (guint i = 0; i < self->items->len; i++)
    {
      DueItem *item = g_ptr_array_index (self->items, i);
      Group group = group_of (item->date, today, week_end);

      if (n_items[group]++ >= self->cap)
        continue;

      gtk_list_box_append (list_of (self, group), due_row_new (item));
      self->n_shown++;
    }

  for (Group group = 0; group < N_GROUPS; group++)
    show_group (self, group, n_items[group],
                load->cut_after != NULL && group_of (load->cut_after, today, week_end) == group);
  gtk_stack_set_visible_child_name (self->stack, self->n_shown > 0 ? "list" : "empty");
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Load *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(SamDuePage) self = NULL;

  n_running--;

  /* Replaced, locked or disposed since it started: dropped. */
  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;

  self = g_weak_ref_get (&load->page);
  if (self == NULL || self->cancellable != g_task_get_cancellable (G_TASK (result)))
    return;

  g_clear_object (&self->cancellable);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  fill (self, load);
  if (load->error != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (load->error->message));
}

/* Empties the page and reads it again in a worker; a load in flight is
 * dropped. */
static void
reload (SamDuePage *self)
{
  g_autoptr(GTask) task = NULL;

  g_assert (SAM_IS_DUE_PAGE (self));

  clear (self);
  if (self->session == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  task = g_task_new (NULL, self->cancellable, loaded_cb, NULL);
  g_task_set_source_tag (task, reload);
  g_task_set_name (task, "[samverka] due page");
  g_task_set_task_data (task, load_new (self), load_free);
  g_task_run_in_thread (task, load_thread);
  n_running++;
}

/* Signal callbacks ----------------------------------------------------------- */

static void
row_activated_cb (SamDuePage    *self,
                  GtkListBoxRow *row)
{
  const DueItem *item = g_object_get_data (G_OBJECT (row), "item");

  g_assert (SAM_IS_DUE_PAGE (self));

  if (item != NULL && self->session != NULL)
    sam_workspace_page_emit_case_activated (SAM_WORKSPACE_PAGE (self), item->case_id);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  sam_due_page_refresh (SAM_DUE_PAGE (widget));
}

/* SamWorkspacePage ----------------------------------------------------------- */

static void
sam_due_page_set_session (SamWorkspacePage *page,
                          SamSession       *session)
{
  SamDuePage *self = SAM_DUE_PAGE (page);

  if (self->session == session)
    return;

  clear (self);
  g_set_object (&self->session, session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "due.refresh", session != NULL);
  reload (self);
}

static void
sam_due_page_workspace_page_init (SamWorkspacePageInterface *iface)
{
  iface->set_session = sam_due_page_set_session;
}

/* Life cycle ----------------------------------------------------------------- */

static void
sam_due_page_dispose (GObject *object)
{
  SamDuePage *self = SAM_DUE_PAGE (object);

  cancel_load (self);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sam_due_page_parent_class)->dispose (object);
}

static void
sam_due_page_class_init (SamDuePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_due_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-due-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SamDuePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SamDuePage, stack);
  gtk_widget_class_bind_template_child (widget_class, SamDuePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SamDuePage, overdue_label);
  gtk_widget_class_bind_template_child (widget_class, SamDuePage, overdue_list);
  gtk_widget_class_bind_template_child (widget_class, SamDuePage, overdue_note);
  gtk_widget_class_bind_template_child (widget_class, SamDuePage, week_label);
  gtk_widget_class_bind_template_child (widget_class, SamDuePage, week_list);
  gtk_widget_class_bind_template_child (widget_class, SamDuePage, week_note);
  gtk_widget_class_bind_template_child (widget_class, SamDuePage, later_label);
  gtk_widget_class_bind_template_child (widget_class, SamDuePage, later_list);
  gtk_widget_class_bind_template_child (widget_class, SamDuePage, later_note);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "due.refresh", NULL, refresh_action);
}

static void
sam_due_page_init (SamDuePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cap = DEFAULT_CAP;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "due.refresh", FALSE);
  clear (self);
}

/* Public API ----------------------------------------------------------------- */

/**
 * sam_due_page_new:
 *
 * Returns: (transfer floating): a new page, empty until it has a session
 */
GtkWidget *
sam_due_page_new (void)
{
  return g_object_new (SAM_TYPE_DUE_PAGE, NULL);
}

/**
 * sam_due_page_refresh:
 *
 * Reads what is due again from the core in a worker thread (four audited
 * listings); a reading still in flight is dropped. The page shows a
 * spinner until all is in.
 */
void
sam_due_page_refresh (SamDuePage *self)
{
  g_return_if_fail (SAM_IS_DUE_PAGE (self));

  reload (self);
}

/**
 * sam_due_page_get_n_items:
 *
 * Returns: how many things the page lists as due, a row each
 */
guint
sam_due_page_get_n_items (SamDuePage *self)
{
  g_return_val_if_fail (SAM_IS_DUE_PAGE (self), 0);

  return self->n_shown;
}

/**
 * sam_due_page_is_loading:
 *
 * Returns: whether the page is reading what is due
 */
gboolean
sam_due_page_is_loading (SamDuePage *self)
{
  g_return_val_if_fail (SAM_IS_DUE_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * _sam_due_page_set_cap:
 * @cap: the most rows a group shows, at least 1
 *
 * For tests, which cannot make 200 things due quickly. Takes effect at
 * the next load.
 */
void
_sam_due_page_set_cap (SamDuePage *self,
                       guint       cap)
{
  g_return_if_fail (SAM_IS_DUE_PAGE (self));
  g_return_if_fail (cap > 0);

  self->cap = cap;
}

/**
 * _sam_due_page_get_n_running:
 *
 * Returns: how many loads of any such page have not called back yet
 */
guint
_sam_due_page_get_n_running (void)
{
  return n_running;
}
