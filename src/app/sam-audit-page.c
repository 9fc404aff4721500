/* sam-audit-page.c: the administrator's review of the audit log
 *
 * The log holds ids and codes only (DESIGN §5), and so does this page: it
 * shows seq, local time, the staff user, action, object, ids, outcome and
 * reason code, never a young person's name or case text.
 *
 * Emergency access is listed from the log alone: a break_glass_start row
 * paired with the next break_glass_end row of the same user and case gives
 * the start, the end (its code, "ended" or "expired") and the duration. The
 * reason a user typed is free text that can name people; it stays in the
 * break_glass table, and the page only says that one was given (the core
 * refuses emergency access without a reason of at least ten characters).
 *
 * Verifying the chain runs on the main thread, after the spinner has been
 * drawn: the session's one SQLCipher connection is shared with every other
 * page and with the reminders, which may open a transaction on it at any
 * time, and SamSession is not made for use from two threads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-audit-page"

#include "config.h"

#include "sam-audit-page.h"

#include <glib/gi18n.h>

#include "sam-workspace-page.h"

#define PAGE_SIZE 100
#define LINES_PER_PAGE 48

struct _SamAuditPage
{
  AdwBin            parent_instance;

  SamSession       *session;
  guint             limit;
  char             *anchor;
  char             *verify_text;
  GPtrArray        *extract;         /* SamAuditRecord */
  gint64            extract_person;
  guint             verify_source;

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  AdwViewStack     *view_stack;
  GtkSpinner       *verify_spinner;
  GtkLabel         *verify_label;
  GtkLabel         *anchor_label;
  GtkEntry         *user_entry;
  GtkEntry         *person_entry;
  GtkEntry         *case_entry;
  GtkDropDown      *action_drop_down;
  GtkEntry         *from_entry;
  GtkEntry         *to_entry;
  GtkListBox       *log_list;
  GtkWidget        *more_button;
  GtkListBox       *break_glass_list;
  GtkListBox       *failed_list;
  GtkListBox       *exports_list;
  GtkEntry         *extract_entry;
  GtkListBox       *extract_list;
};

static void sam_audit_page_workspace_page_init (SamWorkspacePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SamAuditPage, sam_audit_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (SAM_TYPE_WORKSPACE_PAGE,
                                                      sam_audit_page_workspace_page_init))

static const char *action_labels[SAM_N_AUDIT_ACTIONS] = {
  [SAM_AUDIT_LOGIN] = N_("Login"),
  [SAM_AUDIT_LOGIN_FAILED] = N_("Failed login"),
  [SAM_AUDIT_LOCK] = N_("Lock"),
  [SAM_AUDIT_VIEW] = N_("View"),
  [SAM_AUDIT_SEARCH] = N_("Search"),
  [SAM_AUDIT_CREATE] = N_("Create"),
  [SAM_AUDIT_UPDATE] = N_("Update"),
  [SAM_AUDIT_DELETE] = N_("Delete"),
  [SAM_AUDIT_EXPORT] = N_("Export"),
  [SAM_AUDIT_PRINT] = N_("Print"),
  [SAM_AUDIT_CONSENT_CHANGE] = N_("Consent change"),
  [SAM_AUDIT_BREAK_GLASS_START] = N_("Emergency access start"),
  [SAM_AUDIT_BREAK_GLASS_END] = N_("Emergency access end"),
  [SAM_AUDIT_USER_CHANGE] = N_("User change"),
  [SAM_AUDIT_ROLE_CHANGE] = N_("Role change"),
  [SAM_AUDIT_BACKUP] = N_("Backup"),
  [SAM_AUDIT_RESTORE] = N_("Restore"),
  [SAM_AUDIT_RECOVER] = N_("Recovery"),
  [SAM_AUDIT_VERIFY] = N_("Verify"),
  [SAM_AUDIT_PURGE] = N_("Purge"),
};

static const char *outcome_labels[SAM_N_AUDIT_OUTCOMES] = {
  [SAM_AUDIT_OUTCOME_OK] = N_("done"),
  [SAM_AUDIT_OUTCOME_DENIED] = N_("denied"),
  [SAM_AUDIT_OUTCOME_FAILED] = N_("failed"),
};

/* Formatting ----------------------------------------------------------------- */

static char *
local_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M:%S") : g_strdup (iso);
}

static char *
id_text (gint64 id)
{
  return id != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : g_strdup ("–");
}

static const char *
user_text (const SamAuditRecord *record)
{
  return record->user_name != NULL ? record->user_name : _("(no user)");
}

/* The heading and the detail line of one record, ids and codes only. */
static char *
record_title (const SamAuditRecord *record)
{
  g_autofree char *seq = g_strdup_printf ("%" G_GUINT64_FORMAT, record->seq);
  g_autofree char *when = local_time (record->time);

  /* Translators: an audit entry: its number, local time, user and action */
  return g_strdup_printf (_("#%s · %s · %s · %s"), seq, when, user_text (record),
                          _(action_labels[record->action]));
}

static char *
record_detail (const SamAuditRecord *record)
{
  g_autofree char *object_id = id_text (record->object_id);
  g_autofree char *person = id_text (record->person_id);
  g_autofree char *case_id = id_text (record->case_id);

  /* Translators: an audit entry's object (kind and id), the person and case
   * ids, outcome and reason code */
  return g_strdup_printf (_("Object %s %s · person %s · case %s · %s · reason %s"),
                          record->object_type != NULL ? record->object_type : "–", object_id,
                          person, case_id, _(outcome_labels[record->outcome]),
                          record->reason != NULL ? record->reason : "–");
}

static GtkWidget *
row_new (const char *title,
         const char *detail,
         guint64     seq)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);
  g_object_set_data (G_OBJECT (row), "seq", GSIZE_TO_POINTER ((gsize) seq));

  return row;
}

static GtkWidget *
record_row_new (const SamAuditRecord *record)
{
  g_autofree char *title = record_title (record);
  g_autofree char *detail = record_detail (record);

  return row_new (title, detail, record->seq);
}

/* Lists ---------------------------------------------------------------------- */

static void
remove_all_rows (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void
report (SamAuditPage *self,
        const GError *error)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

/* Shows @records newest first. */
static void
show_records (GtkListBox *list,
              GPtrArray  *records)
{
  remove_all_rows (list);
  for (guint i = records->len; i > 0; i--)
    gtk_list_box_append (list, record_row_new (g_ptr_array_index (records, i - 1)));
}

static GPtrArray *
list_action (SamAuditPage    *self,
             SamAuditAction   action,
             GError         **error)
{
  SamAuditFilter filter;

  sam_audit_filter_init (&filter);
  filter.action = action;
  filter.limit = PAGE_SIZE;

  return sam_audit_list (self->session, &filter, error);
}

static int
compare_seq (gconstpointer a,
             gconstpointer b)
{
  const SamAuditRecord *first = *(const SamAuditRecord * const *) a;
  const SamAuditRecord *second = *(const SamAuditRecord * const *) b;

  return first->seq < second->seq ? -1 : first->seq > second->seq;
}

static void
fill_exports (SamAuditPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) exports = list_action (self, SAM_AUDIT_EXPORT, &error);
  g_autoptr(GPtrArray) prints = exports != NULL ? list_action (self, SAM_AUDIT_PRINT, &error) : NULL;

  if (prints == NULL)
    {
      report (self, error);
      return;
    }

  while (prints->len > 0)
    g_ptr_array_add (exports, g_ptr_array_steal_index (prints, prints->len - 1));
  g_ptr_array_sort (exports, compare_seq);
  show_records (self->exports_list, exports);
}

static void
fill_failed_logins (SamAuditPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) failed = list_action (self, SAM_AUDIT_LOGIN_FAILED, &error);

  if (failed == NULL)
    report (self, error);
  else
    show_records (self->failed_list, failed);
}

/* Emergency access ----------------------------------------------------------- */

static const SamAuditRecord *
find_end (GPtrArray            *ends,
          const SamAuditRecord *start)
{
  for (guint i = 0; i < ends->len; i++)
    {
      const SamAuditRecord *end = g_ptr_array_index (ends, i);

      if (end->seq > start->seq && end->user_id == start->user_id && end->case_id == start->case_id)
        return end;
    }

  return NULL;
}

static char *
duration_text (const SamAuditRecord *start,
               const SamAuditRecord *end)
{
  g_autoptr(GDateTime) from = g_date_time_new_from_iso8601 (start->time, NULL);
  g_autoptr(GDateTime) to = end != NULL ? g_date_time_new_from_iso8601 (end->time, NULL) : NULL;
  int minutes;

  if (from == NULL || to == NULL)
    return g_strdup (_("still in force or not ended"));

  minutes = (int) (g_date_time_difference (to, from) / G_TIME_SPAN_MINUTE);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", minutes), minutes);
}

static GtkWidget *
break_glass_row_new (const SamAuditRecord *start,
                     const SamAuditRecord *end)
{
  g_autofree char *case_id = id_text (start->case_id);
  g_autofree char *from = local_time (start->time);
  g_autofree char *to = end != NULL ? local_time (end->time) : g_strdup ("–");
  g_autofree char *duration = duration_text (start, end);
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;

  /* Translators: emergency access: the user and the case's id */
  title = g_strdup_printf (_("%s · case %s"), user_text (start), case_id);
  /* Translators: emergency access: start, end, duration, how it ended (a
   * code), and that the user wrote a reason (the text is not shown here) */
  detail = g_strdup_printf (_("From %s to %s (%s) · end %s · reason given"), from, to, duration,
                            end != NULL && end->reason != NULL ? end->reason : "–");

  return row_new (title, detail, start->seq);
}

static void
fill_break_glass (SamAuditPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) starts = list_action (self, SAM_AUDIT_BREAK_GLASS_START, &error);
  g_autoptr(GPtrArray) ends = starts != NULL ? list_action (self, SAM_AUDIT_BREAK_GLASS_END, &error) : NULL;

  if (ends == NULL)
    {
      report (self, error);
      return;
    }

  remove_all_rows (self->break_glass_list);
  for (guint i = starts->len; i > 0; i--)
    {
      const SamAuditRecord *start = g_ptr_array_index (starts, i - 1);

      gtk_list_box_append (self->break_glass_list, break_glass_row_new (start, find_end (ends, start)));
    }
}

/* Filters -------------------------------------------------------------------- */

static gboolean
parse_id (GtkEntry    *entry,
          const char  *field,
          gint64      *out_id,
          GError     **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  guint64 id = 0;

  *out_id = 0;
  if (*text == '\0')
    return TRUE;
  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
    {
      /* Translators: %s names the filter field, such as "Person id" */
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, _("%s: write a number."), field);
      return FALSE;
    }

  *out_id = (gint64) id;
  return TRUE;
}

static gboolean
parse_date (GtkEntry    *entry,
            const char  *field,
            gint         add_days,
            char       **out_time,
            GError     **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *midnight = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();

  *out_time = NULL;
  if (*text == '\0')
    return TRUE;

  midnight = g_strdup_printf ("%sT00:00:00", text);
  local = strlen (text) == 10 ? g_date_time_new_from_iso8601 (midnight, zone) : NULL;
  if (local == NULL)
    {
      /* Translators: %s names the filter field, such as "From" */
      g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, _("%s: write a date as YYYY-MM-DD."),
                   field);
      return FALSE;
    }

  later = g_date_time_add_days (local, add_days);
  utc = g_date_time_to_utc (later);
  *out_time = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  return TRUE;
}

static gboolean
find_user (SamAuditPage  *self,
           gint64        *out_id,
           GError       **error)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->user_entry));
  g_autoptr(GPtrArray) users = NULL;

  *out_id = 0;
  if (*name == '\0')
    return TRUE;

  users = sam_directory_list_users (self->session, error);
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      SamUser *user = g_ptr_array_index (users, i);

      if (g_str_equal (user->name, name))
        {
          *out_id = user->id;
          return TRUE;
        }
    }

  if (users != NULL)
    g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, _("User name: there is no such user."));
  return FALSE;
}

static void
fill_log (SamAuditPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  const char *case_text = gtk_editable_get_text (GTK_EDITABLE (self->case_entry));
  guint selected = gtk_drop_down_get_selected (self->action_drop_down);
  SamAuditFilter filter;

  sam_audit_filter_init (&filter);
  filter.limit = self->limit;
  filter.action = selected > 0 && selected != GTK_INVALID_LIST_POSITION ? (int) selected - 1 : -1;
  if (g_str_has_prefix (case_text, "SV-"))
    filter.case_number = case_text;

  if (find_user (self, &filter.user_id, &error) &&
      parse_id (self->person_entry, _("Person id"), &filter.person_id, &error) &&
      (filter.case_number != NULL ||
       parse_id (self->case_entry, _("Case id or number"), &filter.case_id, &error)) &&
      parse_date (self->from_entry, _("From"), 0, &from, &error) &&
      parse_date (self->to_entry, _("To"), 1, &to, &error))
    {
      filter.from_time = from;
      filter.to_time = to;
      records = sam_audit_list (self->session, &filter, &error);
    }

  remove_all_rows (self->log_list);
  if (records == NULL)
    {
      gtk_widget_set_visible (self->more_button, FALSE);
      report (self, error);
      return;
    }

  show_records (self->log_list, records);
  gtk_widget_set_visible (self->more_button, records->len == self->limit);
}

/* Anchor and verification ---------------------------------------------------- */

static void
fill_anchor (SamAuditPage *self)
{
  g_autoptr(GError) error = NULL;
  SamAuditAnchor anchor;

  g_clear_pointer (&self->anchor, g_free);
  if (sam_audit_get_head (self->session, &anchor, &error))
    self->anchor = sam_audit_anchor_to_string (&anchor);
  else
    report (self, error);

  gtk_label_set_text (self->anchor_label, self->anchor != NULL ? self->anchor : "");
}

static void
set_verify_text (SamAuditPage *self,
                 const char   *text)
{
  g_free (self->verify_text);
  self->verify_text = g_strdup (text);
  gtk_label_set_text (self->verify_label, text != NULL ? text : "");
}

static gboolean
verify_cb (gpointer user_data)
{
  SamAuditPage *self = SAM_AUDIT_PAGE (user_data);
  g_autoptr(GError) error = NULL;
  guint64 n_rows = 0;

  self->verify_source = 0;
  gtk_spinner_stop (self->verify_spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.verify", TRUE);

  if (sam_audit_verify (self->session, NULL, &n_rows, &error))
    {
      g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, n_rows);
      g_autofree char *text = NULL;

      /* Translators: %s is the number of entries checked */
      text = g_strdup_printf (_("The chain is intact: %s entries checked."), count);
      set_verify_text (self, text);
    }
  else
    {
      set_verify_text (self, error->message);
    }

  fill_anchor (self);
  return G_SOURCE_REMOVE;
}

/* Person extract ------------------------------------------------------------- */

static void
fill_extract (SamAuditPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 person_id = 0;

  g_clear_pointer (&self->extract, g_ptr_array_unref);
  self->extract_person = 0;
  remove_all_rows (self->extract_list);

  if (!parse_id (self->extract_entry, _("Person id"), &person_id, &error) || person_id == 0 ||
      (self->extract = sam_audit_extract (self->session, person_id, &error)) == NULL)
    {
      if (error != NULL)
        report (self, error);
      return;
    }

  self->extract_person = person_id;
  show_records (self->extract_list, self->extract);
}

static void
draw_extract_page (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   int                page_nr,
                   SamAuditPage      *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 8");
  g_autoptr(GString) text = g_string_new (NULL);
  guint first = (guint) page_nr * LINES_PER_PAGE / 2;

  if (page_nr == 0)
    {
      g_autofree char *person = id_text (self->extract_person);

      /* Translators: heading of a person's log extract; %s is the person id */
      g_string_append_printf (text, _("Who has read the data of person %s"), person);
      g_string_append (text, "\n\n");
    }

  for (guint i = first; i < self->extract->len && i < first + LINES_PER_PAGE / 2; i++)
    {
      g_autofree char *title = record_title (g_ptr_array_index (self->extract, i));
      g_autofree char *detail = record_detail (g_ptr_array_index (self->extract, i));

      g_string_append_printf (text, "%s\n    %s\n", title, detail);
    }

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (gtk_print_context_get_width (context) * PANGO_SCALE));
  pango_layout_set_text (layout, text->str, -1);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);
}

/* Actions -------------------------------------------------------------------- */

/* Reads the head, the filtered log and the three quick lists again. */
static void
fill_all (SamAuditPage *self)
{
  fill_anchor (self);
  fill_log (self);
  fill_break_glass (self);
  fill_failed_logins (self);
  fill_exports (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  fill_all (SAM_AUDIT_PAGE (widget));
}

static void
filter_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SamAuditPage *self = SAM_AUDIT_PAGE (widget);

  self->limit = PAGE_SIZE;
  fill_log (self);
}

static void
load_more_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SamAuditPage *self = SAM_AUDIT_PAGE (widget);

  self->limit += PAGE_SIZE;
  fill_log (self);
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SamAuditPage *self = SAM_AUDIT_PAGE (widget);

  if (self->verify_source != 0)
    return;

  set_verify_text (self, NULL);
  gtk_spinner_start (self->verify_spinner);
  gtk_widget_action_set_enabled (widget, "audit.verify", FALSE);
  /* Below the redraw priority, so that the spinner shows first. */
  self->verify_source = g_idle_add_full (G_PRIORITY_LOW, verify_cb, self, NULL);
}

static void
copy_anchor_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SamAuditPage *self = SAM_AUDIT_PAGE (widget);

  if (self->anchor == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->anchor);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Anchor copied")));
}

static void
extract_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  fill_extract (SAM_AUDIT_PAGE (widget));
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    SamAuditPage    *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = file != NULL ? g_file_get_path (file) : NULL;
      if (path != NULL && !sam_audit_page_export_extract (self, path, &error))
        report (self, error);
    }

  g_object_unref (dialog);
}

static void
export_extract_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SamAuditPage *self = SAM_AUDIT_PAGE (widget);
  GtkFileChooserNative *chooser;

  if (self->extract == NULL)
    fill_extract (self);
  if (self->extract == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Extract"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "audit-extract.pdf");
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* SamWorkspacePage ----------------------------------------------------------- */

static void
clear (SamAuditPage *self)
{
  g_clear_handle_id (&self->verify_source, g_source_remove);
  gtk_spinner_stop (self->verify_spinner);
  remove_all_rows (self->log_list);
  remove_all_rows (self->break_glass_list);
  remove_all_rows (self->failed_list);
  remove_all_rows (self->exports_list);
  remove_all_rows (self->extract_list);
  g_clear_pointer (&self->extract, g_ptr_array_unref);
  g_clear_pointer (&self->anchor, g_free);
  self->extract_person = 0;
  set_verify_text (self, NULL);
  gtk_label_set_text (self->anchor_label, "");
  gtk_widget_set_visible (self->more_button, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->user_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->person_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->case_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->extract_entry), "");
  gtk_drop_down_set_selected (self->action_drop_down, 0);
}

static const char *actions[] = {
  "audit.refresh", "audit.filter", "audit.load-more", "audit.verify", "audit.copy-anchor", "audit.extract",
  "audit.export-extract",
};

static void
sam_audit_page_set_session (SamWorkspacePage *page,
                            SamSession       *session)
{
  SamAuditPage *self = SAM_AUDIT_PAGE (page);

  if (self->session == session)
    return;

  clear (self);
  g_set_object (&self->session, session);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], session != NULL);

  if (session == NULL)
    return;

  self->limit = PAGE_SIZE;
  fill_all (self);
}

static void
sam_audit_page_workspace_page_init (SamWorkspacePageInterface *iface)
{
  iface->set_session = sam_audit_page_set_session;
}

/* Life cycle ----------------------------------------------------------------- */

static void
sam_audit_page_dispose (GObject *object)
{
  SamAuditPage *self = SAM_AUDIT_PAGE (object);

  g_clear_handle_id (&self->verify_source, g_source_remove);
  g_clear_pointer (&self->extract, g_ptr_array_unref);
  g_clear_pointer (&self->anchor, g_free);
  g_clear_pointer (&self->verify_text, g_free);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sam_audit_page_parent_class)->dispose (object);
}

static void
sam_audit_page_class_init (SamAuditPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_audit_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-audit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SamAuditPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SamAuditPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SamAuditPage, verify_spinner);
  gtk_widget_class_bind_template_child (widget_class, SamAuditPage, verify_label);
  gtk_widget_class_bind_template_child (widget_class, SamAuditPage, anchor_label);
  gtk_widget_class_bind_template_child (widget_class, SamAuditPage, user_entry);
  gtk_widget_class_bind_template_child (widget_class, SamAuditPage, person_entry);
  gtk_widget_class_bind_template_child (widget_class, SamAuditPage, case_entry);
  gtk_widget_class_bind_template_child (widget_class, SamAuditPage, action_drop_down);
  gtk_widget_class_bind_template_child (widget_class, SamAuditPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, SamAuditPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, SamAuditPage, log_list);
  gtk_widget_class_bind_template_child (widget_class, SamAuditPage, more_button);
  gtk_widget_class_bind_template_child (widget_class, SamAuditPage, break_glass_list);
  gtk_widget_class_bind_template_child (widget_class, SamAuditPage, failed_list);
  gtk_widget_class_bind_template_child (widget_class, SamAuditPage, exports_list);
  gtk_widget_class_bind_template_child (widget_class, SamAuditPage, extract_entry);
  gtk_widget_class_bind_template_child (widget_class, SamAuditPage, extract_list);

  gtk_widget_class_install_action (widget_class, "audit.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "audit.filter", NULL, filter_action);
  gtk_widget_class_install_action (widget_class, "audit.load-more", NULL, load_more_action);
  gtk_widget_class_install_action (widget_class, "audit.verify", NULL, verify_action);
  gtk_widget_class_install_action (widget_class, "audit.copy-anchor", NULL, copy_anchor_action);
  gtk_widget_class_install_action (widget_class, "audit.extract", NULL, extract_action);
  gtk_widget_class_install_action (widget_class, "audit.export-extract", NULL, export_extract_action);
}

static void
sam_audit_page_init (SamAuditPage *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (labels, _("Any action"));
  for (guint i = 0; i < SAM_N_AUDIT_ACTIONS; i++)
    gtk_string_list_append (labels, _(action_labels[i]));
  gtk_drop_down_set_model (self->action_drop_down, G_LIST_MODEL (labels));

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], FALSE);
  clear (self);
}

/* Public API ----------------------------------------------------------------- */

/**
 * sam_audit_page_new:
 *
 * Returns: (transfer floating): a new page, empty until it has a session
 */
GtkWidget *
sam_audit_page_new (void)
{
  return g_object_new (SAM_TYPE_AUDIT_PAGE, NULL);
}

static GtkListBox *
list_named (SamAuditPage *self,
            const char   *name)
{
  if (g_str_equal (name, "log"))
    return self->log_list;
  if (g_str_equal (name, "break-glass"))
    return self->break_glass_list;
  if (g_str_equal (name, "failed-logins"))
    return self->failed_list;
  if (g_str_equal (name, "exports"))
    return self->exports_list;
  g_return_val_if_fail (g_str_equal (name, "extract"), NULL);

  return self->extract_list;
}

/**
 * sam_audit_page_show_list:
 * @list_name: as for sam_audit_page_get_n_rows()
 *
 * Brings the view with that list to the front; the emergency access list
 * is read again first, so that a reminder of a new one finds it there.
 */
void
sam_audit_page_show_list (SamAuditPage *self,
                          const char   *list_name)
{
  g_return_if_fail (SAM_IS_AUDIT_PAGE (self));
  g_return_if_fail (list_named (self, list_name) != NULL);

  if (self->session != NULL && g_str_equal (list_name, "break-glass"))
    fill_break_glass (self);

  adw_view_stack_set_visible_child_name (self->view_stack, list_name);
}

/**
 * sam_audit_page_get_visible_list:
 *
 * Returns: (nullable): the name of the list in front, as for
 *   sam_audit_page_get_n_rows()
 */
const char *
sam_audit_page_get_visible_list (SamAuditPage *self)
{
  g_return_val_if_fail (SAM_IS_AUDIT_PAGE (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

/**
 * sam_audit_page_get_n_rows:
 * @list_name: "log", "break-glass", "failed-logins", "exports" or "extract"
 *
 * Returns: how many rows that list shows
 */
guint
sam_audit_page_get_n_rows (SamAuditPage *self,
                           const char   *list_name)
{
  GtkListBox *list;
  guint n = 0;

  g_return_val_if_fail (SAM_IS_AUDIT_PAGE (self), 0);

  list = list_named (self, list_name);
  while (list != NULL && gtk_list_box_get_row_at_index (list, (int) n) != NULL)
    n++;

  return n;
}

/**
 * sam_audit_page_get_row_seq:
 * @list_name: as for sam_audit_page_get_n_rows()
 * @index: the row, counted from the top (the newest)
 *
 * Returns: the seq of the entry the row shows (for emergency access, its
 *   start), or 0 when there is no such row
 */
guint64
sam_audit_page_get_row_seq (SamAuditPage *self,
                            const char   *list_name,
                            guint         index)
{
  GtkListBox *list;
  GtkListBoxRow *row;

  g_return_val_if_fail (SAM_IS_AUDIT_PAGE (self), 0);

  list = list_named (self, list_name);
  row = list != NULL ? gtk_list_box_get_row_at_index (list, (int) index) : NULL;

  return row != NULL ? (guint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "seq")) : 0;
}

/**
 * sam_audit_page_get_anchor:
 *
 * Returns: (nullable): the anchor shown, SEQ:HASH
 */
const char *
sam_audit_page_get_anchor (SamAuditPage *self)
{
  g_return_val_if_fail (SAM_IS_AUDIT_PAGE (self), NULL);

  return self->anchor;
}

/**
 * sam_audit_page_get_verify_text:
 *
 * Returns: (nullable): the result of the last Verify Chain, or %NULL
 *   before it has finished
 */
const char *
sam_audit_page_get_verify_text (SamAuditPage *self)
{
  g_return_val_if_fail (SAM_IS_AUDIT_PAGE (self), NULL);

  return self->verify_text;
}

/**
 * sam_audit_page_export_extract:
 * @path: the PDF file to write
 * @error: return location for a #GError
 *
 * Writes the person extract shown as PDF. The export is recorded in the
 * log first; when that fails, nothing is written.
 *
 * Returns: %TRUE when written
 */
gboolean
sam_audit_page_export_extract (SamAuditPage  *self,
                               const char    *path,
                               GError       **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  int n_pages;

  g_return_val_if_fail (SAM_IS_AUDIT_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->session == NULL || self->extract == NULL)
    {
      g_set_error_literal (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                           _("Person id: show a person’s readers first."));
      return FALSE;
    }

  if (!sam_audit_record_extract_export (self->session, self->extract_person, error))
    return FALSE;

  n_pages = MAX (1, (int) ((self->extract->len + LINES_PER_PAGE / 2 - 1) / (LINES_PER_PAGE / 2)));
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation, n_pages);
  gtk_print_operation_set_export_filename (operation, path);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_extract_page), self);

  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error) !=
         GTK_PRINT_OPERATION_RESULT_ERROR;
}
