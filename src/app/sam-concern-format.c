/* sam-concern-format.c: how concerns read in the concern widgets
 *
 * The concern dialog, the concern lists and the triage dialog show the same
 * things the same way: catalogue codes as labels in the UI language, a
 * status as a coloured badge, and the core's errors beside the field they
 * name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-concern-format"

#include "config.h"

#include "sam-concern-format.h"

#include <glib/gi18n.h>
#include <string.h>

/**
 * sam_concern_format_codes:
 * @kind: the catalogue the codes come from
 * @codes: (nullable) (array zero-terminated=1): catalogue codes
 *
 * Returns: (transfer full): the codes' labels in the UI language, joined
 *   by commas; a code the catalogue lacks is shown as it is
 */
char *
sam_concern_format_codes (SamCatalogueKind     kind,
                          const char * const  *codes)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      const SamCatalogueEntry *entry = sam_catalogue_lookup (kind, codes[i]);

      if (text->len > 0)
        /* Translators: between the items of a list, such as categories */
        g_string_append (text, _(", "));
      g_string_append (text, entry != NULL ? sam_catalogue_entry_get_label (entry) : codes[i]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * sam_concern_format_person:
 *
 * Returns: (transfer full): the young person's name as shown in lists
 */
char *
sam_concern_format_person (const char *given_name,
                           const char *family_name)
{
  /* Translators: a young person's full name: given name(s), then family name */
  return g_strdup_printf (_("%s %s"), given_name != NULL ? given_name : "",
                          family_name != NULL ? family_name : "");
}

/**
 * sam_concern_status_css_class:
 *
 * Returns: the style class that colours a status badge
 */
const char *
sam_concern_status_css_class (SamConcernStatus status)
{
  switch (status)
    {
    case SAM_CONCERN_STATUS_RECEIVED:
      return "accent";
    case SAM_CONCERN_STATUS_ASSESSED:
      return "warning";
    case SAM_CONCERN_STATUS_LED_TO_CASE:
      return "success";
    case SAM_CONCERN_STATUS_NO_ACTION:
    case SAM_N_CONCERN_STATUSES:
    default:
      return "dim-label";
    }
}

/**
 * sam_concern_error_is_field:
 * @error: an error from a core store
 * @field: a field's name, translated, as the core names it
 *
 * The core's validation messages start with the field they are about
 * ("Description: …"), so that the form can show each next to its field.
 *
 * Returns: whether @error is about @field
 */
gboolean
sam_concern_error_is_field (const GError *error,
                            const char   *field)
{
  gsize length = strlen (field);

  return error != NULL &&
         g_str_has_prefix (error->message, field) &&
         error->message[length] == ':';
}

/**
 * sam_concern_show_error:
 * @label: an error label below a field
 * @message: (nullable): the message, or %NULL to hide the label
 */
void
sam_concern_show_error (GtkLabel   *label,
                        const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

/**
 * sam_concern_today:
 *
 * Returns: (transfer full): today's local date as `YYYY-MM-DD`, the day the
 *   core compares an observation date with
 */
char *
sam_concern_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}
