/* sam-bench-copy.h: copying the database a benchmark works on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean sam_bench_copy_file (const char  *from,
                              const char  *to,
                              GError     **error);

G_END_DECLS
