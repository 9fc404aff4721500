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
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-due-page"

#include "config.h"

#include "sam-due-page.h"

#include <glib/gi18n.h>

#include "sam-meeting-format.h"
#include "sam-workspace-page.h"

#define DUE_WITHIN_DAYS      14
#define MEETINGS_AHEAD_DAYS  7
#define MEETINGS_BACK_DAYS   7
#define THIS_WEEK_DAYS       7

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
  GPtrArray        *items;        /* DueItem, by date */

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkStack         *stack;
  GtkWidget        *overdue_label;
  GtkListBox       *overdue_list;
  GtkWidget        *week_label;
  GtkListBox       *week_list;
  GtkWidget        *later_label;
  GtkListBox       *later_list;
};

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

static void
add_actions (SamDuePage  *self,
             const char  *before,
             GError     **error)
{
  g_autoptr(GPtrArray) actions = sam_plan_store_list_due_actions (self->session, before, 0, error);

  for (guint i = 0; actions != NULL && i < actions->len; i++)
    {
      SamPlanAction *action = g_ptr_array_index (actions, i);

      g_ptr_array_add (self->items, due_item_new (_("Plan action"), action->description, action->case_id,
                                                  action->case_number, action->due_on, NULL));
    }
}

static void
add_follow_ups (SamDuePage  *self,
                const char  *before,
                GError     **error)
{
  g_autoptr(GPtrArray) follow_ups = sam_follow_up_store_list_due (self->session, before, 0, error);

  for (guint i = 0; follow_ups != NULL && i < follow_ups->len; i++)
    {
      SamFollowUp *follow_up = g_ptr_array_index (follow_ups, i);

      g_ptr_array_add (self->items, due_item_new (_("Follow-up"), _("Follow up the case"), follow_up->case_id,
                                                  follow_up->case_number, follow_up->due_on, NULL));
    }
}

static void
add_meetings (SamDuePage  *self,
              GError     **error)
{
  g_autofree char *from = sam_meeting_format_iso_in_days (-MEETINGS_BACK_DAYS);
  g_autofree char *to = sam_meeting_format_iso_in_days (MEETINGS_AHEAD_DAYS);
  g_autoptr(GPtrArray) meetings = sam_meeting_store_list_range (self->session, from, to, 0, error);

  for (guint i = 0; meetings != NULL && i < meetings->len; i++)
    {
      SamMeeting *meeting = g_ptr_array_index (meetings, i);
      g_autofree char *when = NULL;
      g_autofree char *day = NULL;
      g_autofree char *what = NULL;

      if (meeting->status != SAM_MEETING_PLANNED)
        continue;

      when = sam_meeting_format_local_time (meeting->starts_at);
      day = g_strndup (when, 10);
      /* Translators: %s is where a meeting takes place */
      what = g_strdup_printf (_("Network meeting at %s"), meeting->place);
      g_ptr_array_add (self->items, due_item_new (_("Meeting"), what, meeting->case_id,
                                                  meeting->case_number, day, when));
    }
}

static void
add_consents (SamDuePage  *self,
              const char  *before,
              GError     **error)
{
  g_autoptr(GPtrArray) consents = sam_case_store_list_expiring_consents (self->session, before, error);

  for (guint i = 0; consents != NULL && i < consents->len; i++)
    {
      SamExpiringConsent *consent = g_ptr_array_index (consents, i);

      g_ptr_array_add (self->items, due_item_new (_("Consent"), _("The consent expires; ask the family to renew it"),
                                                  consent->case_id, consent->case_number,
                                                  consent->valid_to, NULL));
    }
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

static GtkListBox *
group_of (SamDuePage    *self,
          const DueItem *item,
          const char    *today,
          const char    *week_end)
{
  if (g_strcmp0 (item->date, today) < 0)
    return self->overdue_list;
  if (g_strcmp0 (item->date, week_end) < 0)
    return self->week_list;

  return self->later_list;
}

/* Listing -------------------------------------------------------------------- */

static void
remove_all_rows (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void
clear (SamDuePage *self)
{
  g_assert (SAM_IS_DUE_PAGE (self));

  remove_all_rows (self->overdue_list);
  remove_all_rows (self->week_list);
  remove_all_rows (self->later_list);
  g_clear_pointer (&self->items, g_ptr_array_unref);
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

/* A refused or failed listing is said once; the others still show. */
static void
report (SamDuePage *self,
        GError     *error)
{
  if (error != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
collect (SamDuePage *self)
{
  g_autofree char *before = sam_meeting_format_date_in_days (DUE_WITHIN_DAYS + 1);
  g_autoptr(GError) actions_error = NULL;
  g_autoptr(GError) follow_ups_error = NULL;
  g_autoptr(GError) meetings_error = NULL;
  g_autoptr(GError) consents_error = NULL;

  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) due_item_free);
  add_actions (self, before, &actions_error);
  add_follow_ups (self, before, &follow_ups_error);
  add_meetings (self, &meetings_error);
  add_consents (self, before, &consents_error);
  report (self, actions_error != NULL ? actions_error
                : follow_ups_error != NULL ? follow_ups_error
                : meetings_error != NULL ? meetings_error : consents_error);
  g_ptr_array_sort (self->items, compare_items);
}

static void
fill (SamDuePage *self)
{
  g_autofree char *today = sam_meeting_format_date_in_days (0);
  g_autofree char *week_end = sam_meeting_format_date_in_days (THIS_WEEK_DAYS);

  g_assert (SAM_IS_DUE_PAGE (self));

  collect (self);
  for (guint i = 0; i < self->items->len; i++)
    {
      DueItem *item = g_ptr_array_index (self->items, i);

      gtk_list_box_append (group_of (self, item, today, week_end), due_row_new (item));
    }

  show_group (self->overdue_label, self->overdue_list);
  show_group (self->week_label, self->week_list);
  show_group (self->later_label, self->later_list);
  gtk_stack_set_visible_child_name (self->stack, self->items->len > 0 ? "list" : "empty");
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
  if (session != NULL)
    fill (self);
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
  gtk_widget_class_bind_template_child (widget_class, SamDuePage, overdue_label);
  gtk_widget_class_bind_template_child (widget_class, SamDuePage, overdue_list);
  gtk_widget_class_bind_template_child (widget_class, SamDuePage, week_label);
  gtk_widget_class_bind_template_child (widget_class, SamDuePage, week_list);
  gtk_widget_class_bind_template_child (widget_class, SamDuePage, later_label);
  gtk_widget_class_bind_template_child (widget_class, SamDuePage, later_list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "due.refresh", NULL, refresh_action);
}

static void
sam_due_page_init (SamDuePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

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
 * Reads what is due again from the core (three audited listings).
 */
void
sam_due_page_refresh (SamDuePage *self)
{
  g_return_if_fail (SAM_IS_DUE_PAGE (self));

  clear (self);
  if (self->session != NULL)
    fill (self);
}

/**
 * sam_due_page_get_n_items:
 *
 * Returns: how many things the page lists as due
 */
guint
sam_due_page_get_n_items (SamDuePage *self)
{
  g_return_val_if_fail (SAM_IS_DUE_PAGE (self), 0);

  return self->items != NULL ? self->items->len : 0;
}
