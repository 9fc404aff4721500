/* sam-checkpointer.h: WAL checkpoints off the committing thread (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "sam-secret.h"

G_BEGIN_DECLS

typedef struct _SamCheckpointer SamCheckpointer;

SamCheckpointer *_sam_checkpointer_new         (sqlite3          *handle,
                                                const char       *path,
                                                const SamSecret  *key);
void             _sam_checkpointer_free        (SamCheckpointer  *self);
void             _sam_checkpointer_get_counts  (SamCheckpointer  *self,
                                                guint            *out_background,
                                                guint            *out_inline);
void             _sam_checkpointer_set_inline  (gboolean          inline_only);

G_END_DECLS
