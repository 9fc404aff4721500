/* sam-meetings-page.c: the Meetings section of the workspace
 *
 * The network meetings of every case the user may open: the coming 60
 * days in time order, and the past 30 days, newest first, so that a
 * meeting whose minutes are still to be written is easy to find. A row
 * shows when, the case number, the place and the status in words;
 * activating it opens the case. What the core does not return is simply
 * not there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-meetings-page"

#include "config.h"

#include "sam-meetings-page.h"

#include <glib/gi18n.h>

#include "sam-meeting-format.h"
#include "sam-workspace-page.h"

/* The window the page lists, in days from now. */
#define UPCOMING_DAYS 60
#define PAST_DAYS     30

struct _SamMeetingsPage
{
  AdwBin            parent_instance;

  SamSession       *session;
  GPtrArray        *meetings;

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkStack         *stack;
  GtkWidget        *upcoming_label;
  GtkListBox       *upcoming_list;
  GtkWidget        *past_label;
  GtkListBox       *past_list;
};

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

/* Listing -------------------------------------------------------------------- */

static void
remove_all_rows (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void
clear (SamMeetingsPage *self)
{
  g_assert (SAM_IS_MEETINGS_PAGE (self));

  remove_all_rows (self->upcoming_list);
  remove_all_rows (self->past_list);
  g_clear_pointer (&self->meetings, g_ptr_array_unref);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static gboolean
is_upcoming (const SamMeeting *meeting,
             GDateTime        *now)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (meeting->starts_at, NULL);

  return start != NULL && g_date_time_compare (start, now) >= 0;
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
fill (SamMeetingsPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *from = sam_meeting_format_iso_in_days (-PAST_DAYS);
  g_autofree char *to = sam_meeting_format_iso_in_days (UPCOMING_DAYS);

  g_assert (SAM_IS_MEETINGS_PAGE (self));

  self->meetings = sam_meeting_store_list_range (self->session, from, to, 0, &error);
  if (self->meetings == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  for (guint i = 0; i < self->meetings->len; i++)
    {
      SamMeeting *meeting = g_ptr_array_index (self->meetings, i);

      if (is_upcoming (meeting, now))
        gtk_list_box_append (self->upcoming_list, meeting_row_new (meeting));
      else
        gtk_list_box_prepend (self->past_list, meeting_row_new (meeting));
    }

  show_group (self->upcoming_label, self->upcoming_list);
  show_group (self->past_label, self->past_list);
  gtk_stack_set_visible_child_name (self->stack, self->meetings->len > 0 ? "list" : "empty");
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
  if (session != NULL)
    fill (self);
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

  g_clear_pointer (&self->meetings, g_ptr_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, SamMeetingsPage, upcoming_label);
  gtk_widget_class_bind_template_child (widget_class, SamMeetingsPage, upcoming_list);
  gtk_widget_class_bind_template_child (widget_class, SamMeetingsPage, past_label);
  gtk_widget_class_bind_template_child (widget_class, SamMeetingsPage, past_list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "meetings.refresh", NULL, refresh_action);
}

static void
sam_meetings_page_init (SamMeetingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

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
 * Reads the meetings again from the core (one audited listing).
 */
void
sam_meetings_page_refresh (SamMeetingsPage *self)
{
  g_return_if_fail (SAM_IS_MEETINGS_PAGE (self));

  clear (self);
  if (self->session != NULL)
    fill (self);
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

  return self->meetings != NULL ? self->meetings->len : 0;
}
