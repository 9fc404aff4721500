/* sam-print-document.c: a document of headings and fields, printed or saved as PDF
 *
 * The minutes and the plan are short documents of headings, "label: value"
 * fields and paragraphs. They are collected as Pango markup in one layout,
 * which begin-print breaks into pages at line boundaries and draw-page
 * draws, so that a long paragraph of minutes runs on over the next page.
 *
 * Data leaving the database on paper or in a file is logged: a PDF export
 * is recorded (and asked of the policy) before the file is written, a
 * printout once the user has pressed Print in the dialog. A refused or
 * failed record stops the output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-print-document"

#include "config.h"

#include "sam-print-document.h"

#include <adwaita.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#define FONT "Sans 11"

struct _SamPrintDocument
{
  GObject      parent_instance;

  SamSession  *session;
  char        *job_name;
  GString     *markup;

  char        *object_type;
  gint64       object_id;
  gint64       case_id;
  char        *reason;

  PangoLayout *layout;
  GArray      *page_starts;   /* guint: the first line of each page */
  GError      *error;         /* why the output was stopped */
};

G_DEFINE_FINAL_TYPE (SamPrintDocument, sam_print_document, G_TYPE_OBJECT)

/* Helpers ------------------------------------------------------------------ */

/* Appends @text, escaped, between two pieces of markup. */
static void
append_escaped (SamPrintDocument *self,
                const char       *before,
                const char       *text,
                const char       *after)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (self->markup, before);
  g_string_append (self->markup, escaped);
  g_string_append (self->markup, after);
}

static int
line_height (PangoLayoutIter *iter)
{
  PangoRectangle logical;

  pango_layout_iter_get_line_extents (iter, NULL, &logical);
  return logical.height;
}

/* Where each page starts, filling pages of @page_height (Pango units). */
static void
paginate (SamPrintDocument *self,
          int               page_height)
{
  PangoLayoutIter *iter = pango_layout_get_iter (self->layout);
  guint line = 0;
  int used = 0;

  g_array_set_size (self->page_starts, 0);
  g_array_append_val (self->page_starts, line);
  do
    {
      int height = line_height (iter);

      if (used + height > page_height && used > 0)
        {
          g_array_append_val (self->page_starts, line);
          used = 0;
        }
      used += height;
      line++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static gboolean
record (SamPrintDocument  *self,
        SamAuditAction     action,
        GError           **error)
{
  return sam_export_record (self->session, action, self->object_type, self->object_id,
                            self->case_id, self->reason, error);
}

/* A file the user chose, created readable by its owner only before the
 * PDF is written into it. */
static gboolean
prepare_private_file (const char  *path,
                      GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  if (fd < 0 || g_chmod (path, 0600) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        g_close (fd, NULL);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("The file could not be created: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  return g_close (fd, error);
}

/* Signal callbacks ---------------------------------------------------------- */

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                SamPrintDocument  *self)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT);

  g_assert (SAM_IS_PRINT_DOCUMENT (self));

  g_clear_object (&self->layout);
  self->layout = gtk_print_context_create_pango_layout (context);
  pango_layout_set_font_description (self->layout, font);
  pango_layout_set_width (self->layout, (int) (gtk_print_context_get_width (context) * PANGO_SCALE));
  pango_layout_set_wrap (self->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (self->layout, self->markup->str, -1);

  paginate (self, (int) (gtk_print_context_get_height (context) * PANGO_SCALE));
  gtk_print_operation_set_n_pages (operation, (int) self->page_starts->len);
}

/* An interactive printout is recorded once the user has pressed Print. */
static void
begin_print_record_cb (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       SamPrintDocument  *self)
{
  g_assert (SAM_IS_PRINT_DOCUMENT (self));

  g_clear_error (&self->error);
  if (!record (self, SAM_AUDIT_PRINT, &self->error))
    gtk_print_operation_cancel (operation);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              SamPrintDocument  *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  guint first;
  guint end;
  PangoLayoutIter *iter;
  int top = -1;

  g_assert (SAM_IS_PRINT_DOCUMENT (self));

  first = g_array_index (self->page_starts, guint, page_nr);
  end = (guint) page_nr + 1 < self->page_starts->len
        ? g_array_index (self->page_starts, guint, page_nr + 1) : G_MAXUINT;
  iter = pango_layout_get_iter (self->layout);

  for (guint line = 0; line < end; line++)
    {
      PangoRectangle logical;
      int baseline;

      if (line >= first)
        {
          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          baseline = pango_layout_iter_get_baseline (iter);
          if (top < 0)
            top = logical.y;
          cairo_move_to (cr, (double) logical.x / PANGO_SCALE,
                         (double) (baseline - top) / PANGO_SCALE);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      if (!pango_layout_iter_next_line (iter))
        break;
    }
  pango_layout_iter_free (iter);
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         SamPrintDocument        *self)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = g_object_get_data (G_OBJECT (operation), "sam-parent");

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    gtk_print_operation_get_error (operation, &error);
  else if (self->error != NULL)
    error = g_error_copy (self->error);

  if (error != NULL)
    sam_print_show_error (parent, error);
}

static GtkPrintOperation *
create_operation (SamPrintDocument *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();

  gtk_print_operation_set_job_name (operation, self->job_name);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (begin_print_cb), self, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), self, 0);

  return operation;
}

/* GObject ------------------------------------------------------------------- */

static void
sam_print_document_dispose (GObject *object)
{
  SamPrintDocument *self = SAM_PRINT_DOCUMENT (object);

  g_clear_object (&self->session);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (sam_print_document_parent_class)->dispose (object);
}

static void
sam_print_document_finalize (GObject *object)
{
  SamPrintDocument *self = SAM_PRINT_DOCUMENT (object);

  g_clear_pointer (&self->job_name, g_free);
  g_string_free (self->markup, TRUE);
  g_clear_pointer (&self->object_type, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->page_starts, g_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (sam_print_document_parent_class)->finalize (object);
}

static void
sam_print_document_class_init (SamPrintDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sam_print_document_dispose;
  object_class->finalize = sam_print_document_finalize;
}

static void
sam_print_document_init (SamPrintDocument *self)
{
  self->markup = g_string_new (NULL);
  self->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* Public API ----------------------------------------------------------------- */

/**
 * sam_print_document_new:
 * @session: the signed-in user, whose printouts are logged
 * @job_name: the print job's name; shown in print queues, so a case number
 *   at most, never a name
 *
 * Returns: (transfer full): an empty document
 */
SamPrintDocument *
sam_print_document_new (SamSession *session,
                        const char *job_name)
{
  SamPrintDocument *self;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (job_name != NULL, NULL);

  self = g_object_new (SAM_TYPE_PRINT_DOCUMENT, NULL);
  self->session = g_object_ref (session);
  self->job_name = g_strdup (job_name);
  return self;
}

/**
 * sam_print_document_set_audit:
 * @self: a #SamPrintDocument
 * @object_type: what is printed, such as "meeting" or "plan"
 * @object_id: its id
 * @case_id: the case it belongs to
 * @reason: the kind of document, a code such as "minutes"
 *
 * What the audit row of a printout or export says. Must be set before
 * either.
 */
void
sam_print_document_set_audit (SamPrintDocument *self,
                              const char       *object_type,
                              gint64            object_id,
                              gint64            case_id,
                              const char       *reason)
{
  g_return_if_fail (SAM_IS_PRINT_DOCUMENT (self));

  g_free (self->object_type);
  self->object_type = g_strdup (object_type);
  self->object_id = object_id;
  self->case_id = case_id;
  g_free (self->reason);
  self->reason = g_strdup (reason);
}

/**
 * sam_print_document_add_title:
 * @self: a #SamPrintDocument
 * @text: the document's title
 */
void
sam_print_document_add_title (SamPrintDocument *self,
                              const char       *text)
{
  g_return_if_fail (SAM_IS_PRINT_DOCUMENT (self));

  append_escaped (self, "<span size=\"xx-large\" weight=\"bold\">", text, "</span>\n");
}

/**
 * sam_print_document_add_heading:
 * @self: a #SamPrintDocument
 * @text: a section's heading
 */
void
sam_print_document_add_heading (SamPrintDocument *self,
                                const char       *text)
{
  g_return_if_fail (SAM_IS_PRINT_DOCUMENT (self));

  append_escaped (self, "\n<span size=\"large\" weight=\"bold\">", text, "</span>\n");
}

/**
 * sam_print_document_add_subheading:
 * @self: a #SamPrintDocument
 * @text: the heading of one item in a section, such as one plan action
 */
void
sam_print_document_add_subheading (SamPrintDocument *self,
                                   const char       *text)
{
  g_return_if_fail (SAM_IS_PRINT_DOCUMENT (self));

  append_escaped (self, "\n<b>", text, "</b>\n");
}

/**
 * sam_print_document_add_field:
 * @self: a #SamPrintDocument
 * @label: what the value is, without a colon
 * @value: (nullable): the value; a missing one prints as a dash
 */
void
sam_print_document_add_field (SamPrintDocument *self,
                              const char       *label,
                              const char       *value)
{
  g_return_if_fail (SAM_IS_PRINT_DOCUMENT (self));

  append_escaped (self, "<b>", label, ":</b> ");
  append_escaped (self, "", value != NULL && *value != '\0' ? value : "–", "\n");
}

/**
 * sam_print_document_add_paragraph:
 * @self: a #SamPrintDocument
 * @text: (nullable): free text, printed as written; a missing one prints
 *   as a dash
 */
void
sam_print_document_add_paragraph (SamPrintDocument *self,
                                  const char       *text)
{
  g_return_if_fail (SAM_IS_PRINT_DOCUMENT (self));

  append_escaped (self, "", text != NULL && *text != '\0' ? text : "–", "\n");
}

/**
 * sam_print_document_get_markup:
 * @self: a #SamPrintDocument
 *
 * Returns: the document as Pango markup
 */
const char *
sam_print_document_get_markup (SamPrintDocument *self)
{
  g_return_val_if_fail (SAM_IS_PRINT_DOCUMENT (self), NULL);

  return self->markup->str;
}

/**
 * sam_print_document_get_case_id:
 * @self: a #SamPrintDocument
 *
 * Returns: the case the document belongs to, as set by
 *   sam_print_document_set_audit()
 */
gint64
sam_print_document_get_case_id (SamPrintDocument *self)
{
  g_return_val_if_fail (SAM_IS_PRINT_DOCUMENT (self), 0);

  return self->case_id;
}

/**
 * sam_print_document_export_pdf:
 * @self: a #SamPrintDocument with its audit set
 * @path: the file the user chose
 * @error: return location for a #GError
 *
 * Saves the document as PDF at @path, readable by its owner only. The
 * export is recorded first (one EXPORT row); when the policy refuses it,
 * nothing is written.
 *
 * Returns: %TRUE when saved
 */
gboolean
sam_print_document_export_pdf (SamPrintDocument  *self,
                               const char        *path,
                               GError           **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (SAM_IS_PRINT_DOCUMENT (self), FALSE);
  g_return_val_if_fail (self->object_type != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!record (self, SAM_AUDIT_EXPORT, error) || !prepare_private_file (path, error))
    return FALSE;

  operation = create_operation (self);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error);

  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}

/**
 * sam_print_document_print:
 * @self: a #SamPrintDocument with its audit set
 * @parent: (nullable): the window the print dialog belongs to
 *
 * Shows the print dialog. Once the user presses Print the printout is
 * recorded (one PRINT row); a refused record cancels it, and an error is
 * shown in a dialog.
 */
void
sam_print_document_print (SamPrintDocument *self,
                          GtkWindow        *parent)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_return_if_fail (SAM_IS_PRINT_DOCUMENT (self));
  g_return_if_fail (self->object_type != NULL);

  g_clear_error (&self->error);
  operation = create_operation (self);
  gtk_print_operation_set_allow_async (operation, TRUE);
  if (parent != NULL)
    g_object_set_data_full (G_OBJECT (operation), "sam-parent", g_object_ref (parent), g_object_unref);
  g_signal_connect_object (operation, "begin-print", G_CALLBACK (begin_print_record_cb), self,
                           G_CONNECT_AFTER);
  g_signal_connect_object (operation, "done", G_CALLBACK (done_cb), self, 0);
  g_object_set_data_full (G_OBJECT (operation), "sam-document", g_object_ref (self), g_object_unref);
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, NULL);
}

/**
 * sam_print_show_error:
 * @parent: (nullable): the window the message belongs to
 * @error: why printing or exporting failed
 *
 * Tells the user that a printout or an export did not happen, and why.
 */
void
sam_print_show_error (GtkWindow    *parent,
                      const GError *error)
{
  GtkWidget *dialog;

  g_return_if_fail (error != NULL);

  dialog = adw_message_dialog_new (parent, _("Printing Failed"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}
