/* sam-audit-hash.h: SHA-256 of the audit chain (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One thread's SHA-256 state, reused from row to row. */
typedef struct _SamAuditHasher SamAuditHasher;

SamAuditHasher *_sam_audit_hasher_new  (void);
void            _sam_audit_hasher_free (SamAuditHasher *hasher);
void            _sam_audit_hasher_hash (SamAuditHasher *hasher,
                                        const guint8   *prev_hash,
                                        const guint8   *canonical,
                                        gsize           length,
                                        guint8         *out_hash);

void            _sam_audit_hash_row    (const guint8   *prev_hash,
                                        const guint8   *canonical,
                                        gsize           length,
                                        guint8         *out_hash);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamAuditHasher, _sam_audit_hasher_free)

G_END_DECLS
