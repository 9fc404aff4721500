/* sam-secret.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-secret"

#include "config.h"

#include "sam-secret.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "sam-error.h"

struct _SamSecret
{
  gsize   length;
  guint8 *data;   /* sodium_malloc'ed, length + 1 bytes, NUL-terminated */
};

/**
 * sam_security_init:
 * @error: return location for a #GError
 *
 * Initialises libsodium and turns core dumps off, so that a crash can never
 * write a key or a passphrase to disk, and makes every file the process
 * creates readable by its user only. Call it before anything else.
 *
 * Returns: %TRUE on success
 */
gboolean
sam_security_init (GError **error)
{
  struct rlimit no_core = { 0, 0 };

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_FAILED,
                           _("The cryptography library could not be initialised."));
      return FALSE;
    }

  if (setrlimit (RLIMIT_CORE, &no_core) != 0)
    {
      g_set_error_literal (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_FAILED,
                           _("Core dumps could not be turned off, so secrets could leak to disk."));
      return FALSE;
    }

#if !defined (__SANITIZE_ADDRESS__)
  /* Also keeps other processes of the same user from reading our memory
   * through ptrace or /proc. LeakSanitizer needs ptrace, hence the guard. */
  prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif

  /* Every file we write (databases, WAL, backups, exports) is the
   * user's alone. */
  umask (0077);

  return TRUE;
}

SamSecret *
sam_secret_new (gsize length)
{
  SamSecret *secret;

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  secret = g_new0 (SamSecret, 1);
  secret->length = length;
  secret->data = sodium_malloc (length + 1);
  if (secret->data == NULL)
    g_error ("Out of secure memory");
  sodium_memzero (secret->data, length + 1);
  /* sodium_malloc already locks the pages where it can; a failure to lock is
   * not fatal on machines with a low RLIMIT_MEMLOCK. */
  sodium_mlock (secret->data, length + 1);

  return secret;
}

SamSecret *
sam_secret_new_random (gsize length)
{
  SamSecret *secret = sam_secret_new (length);

  randombytes_buf (secret->data, length);

  return secret;
}

SamSecret *
sam_secret_new_from_data (const guint8 *data,
                          gsize         length)
{
  SamSecret *secret;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  secret = sam_secret_new (length);
  if (length > 0)
    memcpy (secret->data, data, length);

  return secret;
}

SamSecret *
sam_secret_new_from_string (const char *string)
{
  g_return_val_if_fail (string != NULL, NULL);

  return sam_secret_new_from_data ((const guint8 *) string, strlen (string));
}

SamSecret *
sam_secret_copy (const SamSecret *secret)
{
  g_return_val_if_fail (secret != NULL, NULL);

  return sam_secret_new_from_data (secret->data, secret->length);
}

const guint8 *
sam_secret_get_data (const SamSecret *secret)
{
  g_return_val_if_fail (secret != NULL, NULL);

  return secret->data;
}

guint8 *
sam_secret_get_mutable_data (SamSecret *secret)
{
  g_return_val_if_fail (secret != NULL, NULL);

  return secret->data;
}

gsize
sam_secret_get_length (const SamSecret *secret)
{
  g_return_val_if_fail (secret != NULL, 0);

  return secret->length;
}

/**
 * sam_secret_get_string:
 * @secret: a #SamSecret
 *
 * Returns: the bytes as a NUL-terminated string. It stops at the first NUL,
 *   so a buffer filled only partly reads as what was written.
 */
const char *
sam_secret_get_string (const SamSecret *secret)
{
  g_return_val_if_fail (secret != NULL, NULL);

  return (const char *) secret->data;
}

gsize
sam_secret_get_string_length (const SamSecret *secret)
{
  g_return_val_if_fail (secret != NULL, 0);

  const guint8 *end = memchr (secret->data, '\0', secret->length);

  return end != NULL ? (gsize) (end - secret->data) : secret->length;
}

gboolean
sam_secret_equal (const SamSecret *a,
                  const SamSecret *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->length != b->length)
    return FALSE;

  return sodium_memcmp (a->data, b->data, a->length) == 0;
}

void
sam_secret_free (SamSecret *secret)
{
  if (secret == NULL)
    return;

  /* sodium_free wipes the region before it releases it. */
  sodium_munlock (secret->data, secret->length + 1);
  sodium_free (secret->data);
  g_free (secret);
}

/* Crockford's base32: no I, L, O or U, so a code read aloud or copied by
 * hand cannot be mistaken. Each character carries five bits. */
static const char code_alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";

/**
 * sam_secret_new_code:
 * @n_groups: the number of four-character groups
 * @uppercase: whether to use capitals
 *
 * Creates a random code such as `7K2M-Q9XD-…`, with 20 bits per group, for a
 * recovery key or a one-time passphrase.
 *
 * Returns: (transfer full): the code
 */
SamSecret *
sam_secret_new_code (guint    n_groups,
                     gboolean uppercase)
{
  SamSecret *secret;
  guint8 *out;

  g_return_val_if_fail (n_groups > 0, NULL);

  secret = sam_secret_new (n_groups * 5 - 1);
  out = secret->data;

  for (guint group = 0; group < n_groups; group++)
    {
      if (group > 0)
        *out++ = '-';
      for (guint i = 0; i < 4; i++)
        {
          char c = code_alphabet[randombytes_uniform (32)];

          *out++ = uppercase ? g_ascii_toupper (c) : c;
        }
    }

  return secret;
}

/**
 * sam_secret_normalize_code:
 * @code: a code as a person typed it
 *
 * Drops spaces and dashes and folds case, so that `7k2m q9xd` and
 * `7K2M-Q9XD` are the same code.
 *
 * Returns: (transfer full): the normalised code
 */
SamSecret *
sam_secret_normalize_code (const SamSecret *code)
{
  SamSecret *normalized;
  guint8 *out;

  g_return_val_if_fail (code != NULL, NULL);

  normalized = sam_secret_new (code->length);
  out = normalized->data;
  for (gsize i = 0; i < code->length && code->data[i] != '\0'; i++)
    {
      char c = (char) code->data[i];

      if (c == '-' || g_ascii_isspace (c))
        continue;
      *out++ = g_ascii_toupper (c);
    }

  return normalized;
}
