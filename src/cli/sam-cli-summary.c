/* sam-cli-summary.c: anonymised summaries from the command line (DESIGN §6)
 *
 * Prints what sam_stats_run() returns and nothing else: the table has
 * already been through small-cell suppression in the core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "samverka-cli"

#include "config.h"

#include "sam-cli.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sam-cli-table.h"

static char *
dimension_ids (void)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < SAM_STATS_N_DIMENSIONS; i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "", sam_stats_dimension_to_string (i));

  return g_string_free (ids, FALSE);
}

static char *
measure_ids (void)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < SAM_STATS_N_MEASURES; i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "", sam_stats_measure_to_string (i));

  return g_string_free (ids, FALSE);
}

static gboolean
parse_by (const char     *by,
          SamStatsQuery  *query,
          GError        **error)
{
  g_auto(GStrv) parts = g_strsplit (by, ",", -1);
  guint n = g_strv_length (parts);

  if (n < 1 || n > 2)
    {
      g_set_error_literal (error, SAM_CLI_ERROR, SAM_CLI_ERROR_INPUT,
                           _("--by: name one dimension, or two separated by a comma."));
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    if (!sam_stats_dimension_from_string (g_strstrip (parts[i]), &query->dimensions[i]))
      {
        g_autofree char *known = dimension_ids ();

        g_set_error (error, SAM_CLI_ERROR, SAM_CLI_ERROR_INPUT,
                     _("--by: “%s” is not a dimension. Choose from: %s."), parts[i], known);
        return FALSE;
      }

  query->n_dimensions = n;
  return TRUE;
}

/* The heading row: the row heading, then the columns. */
static GStrv
heading_row (SamStatsTable *table)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add (builder, table->row_heading);
  g_strv_builder_addv (builder, (const char **) table->columns);
  return g_strv_builder_end (builder);
}

static GStrv
body_row (SamStatsRow *row)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add (builder, row->label);
  g_strv_builder_addv (builder, (const char **) row->cells);
  return g_strv_builder_end (builder);
}

static void
print_text (SamStatsTable *table)
{
  g_auto(GStrv) headings = heading_row (table);
  g_autoptr(SamCliTable) out = sam_cli_table_new_strv ((const char * const *) headings);
  g_autofree char *k = g_strdup_printf ("%u", table->k);

  for (guint r = 0; r < table->rows->len; r++)
    {
      g_auto(GStrv) cells = body_row (g_ptr_array_index (table->rows, r));

      sam_cli_table_add_strv (out, (const char * const *) cells);
    }

  if (table->from != NULL || table->to != NULL)
    /* TRANSLATORS: the range a summary counts, as two dates; "…" stands for an open end */
    g_print (_("From %s to %s\n"), table->from != NULL ? table->from : "…",
             table->to != NULL ? table->to : "…");
  sam_cli_table_print (out);
  g_print ("\n");
  g_print (_("%s: withheld, because it is below %s or could reveal a number below %s.\n"),
           table->withheld, k, k);
}

static void
print_csv_field (GString    *line,
                 const char *field)
{
  if (strpbrk (field, ",\"\n") == NULL)
    {
      g_string_append (line, field);
      return;
    }

  g_string_append_c (line, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static void
print_csv_row (char **cells)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; cells[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (line, ',');
      print_csv_field (line, cells[i]);
    }
  g_print ("%s\r\n", line->str);
}

static void
print_csv (SamStatsTable *table)
{
  g_auto(GStrv) headings = heading_row (table);

  print_csv_row (headings);
  for (guint r = 0; r < table->rows->len; r++)
    {
      g_auto(GStrv) cells = body_row (g_ptr_array_index (table->rows, r));

      print_csv_row (cells);
    }
}

/* A count goes out as a number, anything else (the withheld mark, a rate)
 * as the string shown. */
static void
add_cell (JsonBuilder *builder,
          const char  *cell)
{
  gint64 value;

  if (g_ascii_string_to_signed (cell, 10, 0, G_MAXINT64, &value, NULL))
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_string_value (builder, cell);
}

static void
add_nullable (JsonBuilder *builder,
              const char  *name,
              const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_rows (JsonBuilder   *builder,
          SamStatsTable *table)
{
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint r = 0; r < table->rows->len; r++)
    {
      SamStatsRow *row = g_ptr_array_index (table->rows, r);

      json_builder_begin_object (builder);
      add_nullable (builder, "code", row->code);
      json_builder_set_member_name (builder, "total");
      json_builder_add_boolean_value (builder, r + 1 == table->rows->len);
      add_nullable (builder, "label", row->label);
      json_builder_set_member_name (builder, "cells");
      json_builder_begin_array (builder);
      for (guint c = 0; row->cells[c] != NULL; c++)
        add_cell (builder, row->cells[c]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_json (SamStatsTable *table)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  add_nullable (builder, "measure", sam_stats_measure_to_string (table->measure));
  json_builder_set_member_name (builder, "dimensions");
  json_builder_begin_array (builder);
  for (guint i = 0; table->dimensions[i] != NULL; i++)
    json_builder_add_string_value (builder, table->dimensions[i]);
  json_builder_end_array (builder);
  add_nullable (builder, "from", table->from);
  add_nullable (builder, "to", table->to);
  json_builder_set_member_name (builder, "k");
  json_builder_add_int_value (builder, table->k);
  add_nullable (builder, "withheld", table->withheld);
  add_nullable (builder, "row_heading", table->row_heading);
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint c = 0; table->columns[c] != NULL; c++)
    {
      json_builder_begin_object (builder);
      add_nullable (builder, "code", table->column_codes[c][0] != '\0' ? table->column_codes[c] : NULL);
      add_nullable (builder, "label", table->columns[c]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_rows (builder, table);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static gboolean
parse_options (const char     *by,
               const char     *measure,
               const char     *format,
               SamStatsQuery  *query,
               GError        **error)
{
  if (!sam_cli_require_option (by, "--by", error) || !parse_by (by, query, error))
    return FALSE;

  if (measure != NULL && !sam_stats_measure_from_string (measure, &query->measure))
    {
      g_autofree char *known = measure_ids ();

      g_set_error (error, SAM_CLI_ERROR, SAM_CLI_ERROR_INPUT,
                   _("--measure: “%s” is not a measure. Choose from: %s."), measure, known);
      return FALSE;
    }

  if (format != NULL && strcmp (format, "text") != 0 && strcmp (format, "csv") != 0 &&
      strcmp (format, "json") != 0)
    {
      g_set_error (error, SAM_CLI_ERROR, SAM_CLI_ERROR_INPUT,
                   _("--format: write text, csv or json, not “%s”."), format);
      return FALSE;
    }

  return TRUE;
}

gboolean
sam_cli_command_summary (SamCli  *cli,
                         char   **args,
                         GError **error)
{
  g_autofree char *by = NULL;
  g_autofree char *measure = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *format = NULL;
  const GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("One or two dimensions, such as area or area,gender"),
      N_("DIM[,DIM]") },
    { "measure", 0, 0, G_OPTION_ARG_STRING, &measure,
      N_("cases (the default), concerns, consent-rate, days-to-meeting, active-cases, closed-cases,"
         " meetings-held, factor-change, goal-attainment or interventions"), N_("MEASURE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("From this date; widened to the start of its year"),
      N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("To this date; widened to the end of its year"), N_("DATE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text (the default), csv or json"), N_("FORMAT") },
    { NULL }
  };
  g_auto(GStrv) rest = NULL;
  g_autoptr(SamSession) session = NULL;
  g_autoptr(SamStatsTable) table = NULL;
  SamStatsQuery query = { SAM_STATS_MEASURE_CASES, { 0 }, 0, NULL, NULL };

  if (!(rest = sam_cli_parse_command (cli, args, entries, error)) ||
      !parse_options (by, measure, format, &query, error))
    return FALSE;

  query.from = from;
  query.to = to;
  if (!(session = sam_cli_unlock (cli, FALSE, error)) ||
      !(table = sam_stats_run (session, &query, error)))
    return FALSE;

  if (g_strcmp0 (format, "csv") == 0)
    print_csv (table);
  else if (g_strcmp0 (format, "json") == 0)
    print_json (table);
  else
    print_text (table);

  return TRUE;
}
