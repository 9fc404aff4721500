/* sam-cli-audit.c: the audit log from the command line (DESIGN §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "samverka-cli"

#include "config.h"

#include "sam-cli.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sam-cli-table.h"

static char *
format_id (gint64 id)
{
  return id != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : g_strdup ("");
}

static void
print_records (GPtrArray *records)
{
  g_autoptr(SamCliTable) table = NULL;

  table = sam_cli_table_new (_("SEQ"), _("TIME"), C_("column", "USER"), C_("column", "ROLE"),
                             _("ACTION"), _("OBJECT"), _("PERSON"), _("CASE"), _("REASON"),
                             _("OUTCOME"), NULL);

  for (guint i = 0; i < records->len; i++)
    {
      SamAuditRecord *record = g_ptr_array_index (records, i);
      g_autofree char *seq = g_strdup_printf ("%" G_GUINT64_FORMAT, record->seq);
      g_autofree char *object_id = format_id (record->object_id);
      g_autofree char *object = record->object_type != NULL
                                ? g_strdup_printf ("%s %s", record->object_type, object_id)
                                : g_strdup ("");
      g_autofree char *person = format_id (record->person_id);
      g_autofree char *case_id = format_id (record->case_id);

      sam_cli_table_add_row (table, seq, record->time,
                             record->user_name != NULL ? record->user_name : "",
                             record->role != NULL ? record->role : "",
                             sam_audit_action_to_string (record->action), g_strstrip (object),
                             person, case_id, record->reason != NULL ? record->reason : "",
                             sam_audit_outcome_to_string (record->outcome), NULL);
    }

  sam_cli_table_print (table);
}

static gboolean
parse_id (const char  *text,
          const char  *field,
          gint64      *out_id,
          GError     **error)
{
  guint64 id = 0;

  if (text == NULL)
    return TRUE;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_set_error (error, SAM_CLI_ERROR, SAM_CLI_ERROR_INPUT,
                   _("%s: write a positive whole number, not “%s”."), field, text);
      return FALSE;
    }

  *out_id = (gint64) id;
  return TRUE;
}

static gboolean
parse_time (const char  *text,
            const char  *field,
            GError     **error)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *with_zone = NULL;

  if (text == NULL)
    return TRUE;

  /* A plain date means midnight UTC; the log's times are UTC. */
  with_zone = strlen (text) == 10 ? g_strconcat (text, "T00:00:00Z", NULL) : g_strdup (text);
  time = g_date_time_new_from_iso8601 (with_zone, g_time_zone_new_utc ());
  if (time == NULL)
    {
      g_set_error (error, SAM_CLI_ERROR, SAM_CLI_ERROR_INPUT,
                   _("%s: write a date such as 2026-11-25, or a time such as "
                     "2026-11-25T14:30:00Z, not “%s”."), field, text);
      return FALSE;
    }

  return TRUE;
}

gboolean
sam_cli_command_audit_head (SamCli  *cli,
                            char   **args,
                            GError **error)
{
  g_auto(GStrv) rest = NULL;
  g_autoptr(SamSession) session = NULL;
  g_autofree char *text = NULL;
  SamAuditAnchor anchor;

  if (!(rest = sam_cli_parse_command (cli, args, NULL, error)) ||
      !(session = sam_cli_unlock (cli, FALSE, error)) ||
      !sam_audit_get_head (session, &anchor, error))
    return FALSE;

  text = sam_audit_anchor_to_string (&anchor);
  g_print ("%s\n", text);

  return TRUE;
}

gboolean
sam_cli_command_audit_verify (SamCli  *cli,
                              char   **args,
                              GError **error)
{
  g_autofree char *anchor_text = NULL;
  const GOptionEntry entries[] = {
    { "anchor", 0, 0, G_OPTION_ARG_STRING, &anchor_text,
      N_("A head printed earlier by “audit head”, to detect entries cut off after it"),
      N_("SEQ:HASH") },
    { NULL }
  };
  g_auto(GStrv) rest = NULL;
  g_autoptr(SamSession) session = NULL;
  g_autofree char *count = NULL;
  SamAuditAnchor anchor;
  guint64 n_rows = 0;

  if (!(rest = sam_cli_parse_command (cli, args, entries, error)) ||
      (anchor_text != NULL && !sam_audit_anchor_parse (anchor_text, &anchor, error)) ||
      !(session = sam_cli_unlock (cli, FALSE, error)) ||
      !sam_audit_verify (session, anchor_text != NULL ? &anchor : NULL, &n_rows, error))
    return FALSE;

  /* The count goes in as a string: xgettext cannot read G_GUINT64_FORMAT. */
  count = g_strdup_printf ("%" G_GUINT64_FORMAT, n_rows);
  if (anchor_text != NULL)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "The audit log is intact: %s entry checked, and it matches the anchor.\n",
                          "The audit log is intact: %s entries checked, and they match the anchor.\n",
                          (gulong) MIN (n_rows, G_MAXULONG)), count);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "The audit log is intact: %s entry checked.\n",
                          "The audit log is intact: %s entries checked.\n",
                          (gulong) MIN (n_rows, G_MAXULONG)), count);

  return TRUE;
}

gboolean
sam_cli_command_audit_list (SamCli  *cli,
                            char   **args,
                            GError **error)
{
  g_autofree char *user = NULL;
  g_autofree char *person = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *action = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  int limit = 0;
  const GOptionEntry entries[] = {
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("Only what this user did"), N_("NAME") },
    { "person", 0, 0, G_OPTION_ARG_STRING, &person, N_("Only entries about this person id"), N_("ID") },
    { "case", 0, 0, G_OPTION_ARG_STRING, &case_id, N_("Only entries about this case id"), N_("ID") },
    { "action", 0, 0, G_OPTION_ARG_STRING, &action, N_("Only this action, such as view or login_failed"), N_("ACTION") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("From this date or time (UTC)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Before this date or time (UTC)"), N_("DATE") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Only the newest N entries"), N_("N") },
    { NULL }
  };
  g_auto(GStrv) rest = NULL;
  g_autoptr(SamSession) session = NULL;
  g_autoptr(GPtrArray) records = NULL;
  SamAuditFilter filter;
  SamAuditAction parsed_action;

  sam_audit_filter_init (&filter);
  if (!(rest = sam_cli_parse_command (cli, args, entries, error)) ||
      !parse_id (person, "--person", &filter.person_id, error) ||
      !parse_id (case_id, "--case", &filter.case_id, error) ||
      !parse_time (from, "--from", error) ||
      !parse_time (to, "--to", error))
    return FALSE;

  if (action != NULL && !sam_audit_action_from_string (action, &parsed_action))
    {
      g_set_error (error, SAM_CLI_ERROR, SAM_CLI_ERROR_INPUT,
                   _("--action: “%s” is not an action of the audit log."), action);
      return FALSE;
    }
  if (limit < 0)
    {
      g_set_error_literal (error, SAM_CLI_ERROR, SAM_CLI_ERROR_INPUT,
                           _("--limit: write a positive whole number."));
      return FALSE;
    }

  if (!(session = sam_cli_unlock (cli, FALSE, error)))
    return FALSE;

  if (user != NULL)
    {
      g_autoptr(SamUser) found = sam_directory_find_user (session, user, error);

      if (found == NULL)
        return FALSE;
      filter.user_id = found->id;
    }

  filter.action = action != NULL ? (int) parsed_action : -1;
  filter.from_time = from;
  filter.to_time = to;
  filter.limit = (guint) limit;

  if (!(records = sam_audit_list (session, &filter, error)))
    return FALSE;

  print_records (records);
  return TRUE;
}

gboolean
sam_cli_command_audit_extract (SamCli  *cli,
                               char   **args,
                               GError **error)
{
  g_auto(GStrv) rest = NULL;
  g_autoptr(SamSession) session = NULL;
  g_autoptr(GPtrArray) records = NULL;
  gint64 person_id = 0;

  if (!(rest = sam_cli_parse_command (cli, args, NULL, error)) ||
      !parse_id (rest[0], _("Person"), &person_id, error) ||
      !(session = sam_cli_unlock (cli, FALSE, error)) ||
      !(records = sam_audit_extract (session, person_id, error)))
    return FALSE;

  print_records (records);
  return TRUE;
}
