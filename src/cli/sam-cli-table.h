/* sam-cli-table.h: listings in aligned text columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SamCliTable SamCliTable;

SamCliTable *sam_cli_table_new      (const char   *first_header,
                                     ...) G_GNUC_NULL_TERMINATED;
void         sam_cli_table_add_row  (SamCliTable  *self,
                                     const char   *first_cell,
                                     ...);
SamCliTable *sam_cli_table_new_strv (const char * const *headers);
void         sam_cli_table_add_strv (SamCliTable  *self,
                                     const char * const *cells);
void         sam_cli_table_print    (SamCliTable  *self);
void         sam_cli_table_free     (SamCliTable  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamCliTable, sam_cli_table_free)

G_END_DECLS
