/* sam-secret.h: bytes that must never reach the swap or a core dump
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * SamSecret:
 *
 * A buffer for a data key, a passphrase or a recovery code. It lives in
 * libsodium's guarded, locked memory and is wiped when freed. The bytes are
 * always followed by a NUL so that a passphrase can be read as a string.
 */
typedef struct _SamSecret SamSecret;

gboolean      sam_security_init            (GError          **error);

SamSecret    *sam_secret_new               (gsize             length);
SamSecret    *sam_secret_new_random        (gsize             length);
SamSecret    *sam_secret_new_from_string   (const char       *string);
SamSecret    *sam_secret_new_from_data     (const guint8     *data,
                                            gsize             length);
SamSecret    *sam_secret_copy              (const SamSecret  *secret);
const guint8 *sam_secret_get_data          (const SamSecret  *secret);
guint8       *sam_secret_get_mutable_data  (SamSecret        *secret);
gsize         sam_secret_get_length        (const SamSecret  *secret);
const char   *sam_secret_get_string        (const SamSecret  *secret);
gsize         sam_secret_get_string_length (const SamSecret  *secret);
gboolean      sam_secret_equal             (const SamSecret  *a,
                                            const SamSecret  *b);
void          sam_secret_free              (SamSecret        *secret);

SamSecret    *sam_secret_new_code          (guint             n_groups,
                                            gboolean          uppercase);
SamSecret    *sam_secret_normalize_code    (const SamSecret  *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamSecret, sam_secret_free)

G_END_DECLS
