/* sam-audit-hash.c: SHA-256 of the audit chain (DESIGN §5, §9)
 *
 * The chain's hash is SHA-256 (prev_hash ‖ canonical row). It comes from
 * libcrypto rather than libsodium, for the audit chain only: libcrypto
 * uses the CPU's SHA extensions where there are some, which makes hashing
 * a ~190-byte row about 3.5 times faster, and verifying the whole log is
 * mostly hashing (docs/performance.md). SQLCipher links the same library.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-audit"

#include "config.h"

#include "sam-audit-hash.h"

#include <openssl/evp.h>

#include "sam-audit.h"

struct _SamAuditHasher
{
  EVP_MD_CTX *context;
};

/* Fetched once: looking "SHA256" up by name on every row would cost as
 * much as the hash itself. Kept for the life of the process. */
static EVP_MD *
sha256 (void)
{
  static EVP_MD *md;

  if (g_once_init_enter (&md))
    {
      EVP_MD *fetched = EVP_MD_fetch (NULL, "SHA256", NULL);

      /* Without SHA-256 no audit row can be written or checked; going on
       * would leave actions unrecorded. SQLCipher cannot open a database
       * with such a libcrypto either. */
      if (fetched == NULL)
        g_error ("libcrypto has no SHA-256");
      g_once_init_leave (&md, fetched);
    }

  return md;
}

SamAuditHasher *
_sam_audit_hasher_new (void)
{
  SamAuditHasher *hasher = g_new0 (SamAuditHasher, 1);

  hasher->context = EVP_MD_CTX_new ();
  if (hasher->context == NULL)
    g_error ("Out of memory for a SHA-256 context");

  return hasher;
}

void
_sam_audit_hasher_free (SamAuditHasher *hasher)
{
  if (hasher == NULL)
    return;

  EVP_MD_CTX_free (hasher->context);
  g_free (hasher);
}

/* Hashes @prev_hash (SAM_AUDIT_HASH_LENGTH bytes) followed by @canonical.
 * libcrypto's SHA-256 fails only for want of memory; an unhashed row must
 * never be written or passed, so that aborts. */
void
_sam_audit_hasher_hash (SamAuditHasher *hasher,
                        const guint8   *prev_hash,
                        const guint8   *canonical,
                        gsize           length,
                        guint8         *out_hash)
{
  unsigned int out_length = 0;

  if (!EVP_DigestInit_ex2 (hasher->context, sha256 (), NULL) ||
      !EVP_DigestUpdate (hasher->context, prev_hash, SAM_AUDIT_HASH_LENGTH) ||
      !EVP_DigestUpdate (hasher->context, canonical, length) ||
      !EVP_DigestFinal_ex (hasher->context, out_hash, &out_length) ||
      out_length != SAM_AUDIT_HASH_LENGTH)
    g_error ("SHA-256 of an audit row failed");
}

/* For a single row, as each write appends. */
void
_sam_audit_hash_row (const guint8 *prev_hash,
                     const guint8 *canonical,
                     gsize         length,
                     guint8       *out_hash)
{
  g_autoptr(SamAuditHasher) hasher = _sam_audit_hasher_new ();

  _sam_audit_hasher_hash (hasher, prev_hash, canonical, length, out_hash);
}
