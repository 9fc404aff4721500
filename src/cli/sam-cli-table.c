/* sam-cli-table.c: listings in aligned text columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "samverka-cli"

#include "config.h"

#include "sam-cli-table.h"

#include <stdarg.h>

/* The space between two columns. */
#define COLUMN_GAP 2

struct _SamCliTable
{
  guint      n_columns;
  GPtrArray *rows;      /* of GStrv, the header first */
};

static char **
collect_cells (guint        n_columns,
               const char  *first_cell,
               va_list      args)
{
  char **cells = g_new0 (char *, n_columns + 1);
  const char *cell = first_cell;

  for (guint i = 0; i < n_columns; i++)
    {
      cells[i] = g_strdup (cell != NULL ? cell : "");
      if (i + 1 < n_columns)
        cell = va_arg (args, const char *);
    }

  return cells;
}

static guint
cell_width (const char *cell)
{
  return (guint) g_utf8_strlen (cell, -1);
}

static void
print_row (SamCliTable  *self,
           char        **cells,
           const guint  *widths)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; i < self->n_columns; i++)
    {
      g_string_append (line, cells[i]);
      if (i + 1 < self->n_columns)
        {
          guint padding = widths[i] - cell_width (cells[i]) + COLUMN_GAP;

          for (guint j = 0; j < padding; j++)
            g_string_append_c (line, ' ');
        }
    }

  /* An empty last column must not leave spaces at the end of the line. */
  while (line->len > 0 && line->str[line->len - 1] == ' ')
    g_string_truncate (line, line->len - 1);

  g_print ("%s\n", line->str);
}

/**
 * sam_cli_table_new:
 * @first_header: the heading of the first column
 * @...: the other headings, then %NULL
 *
 * Returns: (transfer full): a table with one column per heading
 */
SamCliTable *
sam_cli_table_new (const char *first_header,
                   ...)
{
  SamCliTable *self = g_new0 (SamCliTable, 1);
  va_list args;

  g_return_val_if_fail (first_header != NULL, NULL);

  va_start (args, first_header);
  self->n_columns = 1;
  while (va_arg (args, const char *) != NULL)
    self->n_columns++;
  va_end (args);

  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  va_start (args, first_header);
  g_ptr_array_add (self->rows, collect_cells (self->n_columns, first_header, args));
  va_end (args);

  return self;
}

/**
 * sam_cli_table_add_row:
 * @self: a #SamCliTable
 * @first_cell: (nullable): the first cell
 * @...: exactly one more cell per further column; %NULL prints as empty
 */
void
sam_cli_table_add_row (SamCliTable *self,
                       const char  *first_cell,
                       ...)
{
  va_list args;

  g_return_if_fail (self != NULL);

  va_start (args, first_cell);
  g_ptr_array_add (self->rows, collect_cells (self->n_columns, first_cell, args));
  va_end (args);
}

/**
 * sam_cli_table_new_strv:
 * @headers: the headings, at least one; for tables whose columns are only
 *   known at run time
 *
 * Returns: (transfer full): a table with one column per heading
 */
SamCliTable *
sam_cli_table_new_strv (const char * const *headers)
{
  SamCliTable *self;

  g_return_val_if_fail (headers != NULL && headers[0] != NULL, NULL);

  self = g_new0 (SamCliTable, 1);
  self->n_columns = g_strv_length ((char **) headers);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (self->rows, g_strdupv ((char **) headers));

  return self;
}

/**
 * sam_cli_table_add_strv:
 * @self: a #SamCliTable
 * @cells: exactly one cell per column
 */
void
sam_cli_table_add_strv (SamCliTable        *self,
                        const char * const *cells)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (g_strv_length ((char **) cells) == self->n_columns);

  g_ptr_array_add (self->rows, g_strdupv ((char **) cells));
}

/**
 * sam_cli_table_print:
 * @self: a #SamCliTable
 *
 * Prints the heading and every row to standard output, each column as wide
 * as its widest cell.
 */
void
sam_cli_table_print (SamCliTable *self)
{
  g_autofree guint *widths = NULL;

  g_return_if_fail (self != NULL);

  widths = g_new0 (guint, self->n_columns);
  for (guint r = 0; r < self->rows->len; r++)
    {
      char **cells = g_ptr_array_index (self->rows, r);

      for (guint i = 0; i < self->n_columns; i++)
        widths[i] = MAX (widths[i], cell_width (cells[i]));
    }

  for (guint r = 0; r < self->rows->len; r++)
    print_row (self, g_ptr_array_index (self->rows, r), widths);
}

void
sam_cli_table_free (SamCliTable *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self);
}
