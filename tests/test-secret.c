/* test-secret.c: guarded memory and generated codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "samverka-core.h"

static void
test_secret_from_string (void)
{
  g_autoptr(SamSecret) secret = sam_secret_new_from_string ("correct horse");
  g_autoptr(SamSecret) copy = sam_secret_copy (secret);
  g_autoptr(SamSecret) other = sam_secret_new_from_string ("correct horsE");

  g_assert_cmpstr (sam_secret_get_string (secret), ==, "correct horse");
  g_assert_cmpuint (sam_secret_get_length (secret), ==, 13);
  g_assert_cmpuint (sam_secret_get_string_length (secret), ==, 13);
  g_assert_true (sam_secret_equal (secret, copy));
  g_assert_false (sam_secret_equal (secret, other));
}

static void
test_secret_random (void)
{
  g_autoptr(SamSecret) a = sam_secret_new_random (SAM_DATA_KEY_LENGTH);
  g_autoptr(SamSecret) b = sam_secret_new_random (SAM_DATA_KEY_LENGTH);

  g_assert_cmpuint (sam_secret_get_length (a), ==, SAM_DATA_KEY_LENGTH);
  g_assert_false (sam_secret_equal (a, b));
}

static void
test_secret_code (void)
{
  g_autoptr(SamSecret) code = sam_secret_new_code (6, TRUE);
  g_autoptr(SamSecret) typed = NULL;
  g_autoptr(SamSecret) normalized = NULL;
  g_autoptr(SamSecret) normalized_typed = NULL;
  g_autofree char *lower = NULL;
  const char *text = sam_secret_get_string (code);

  /* XXXX-XXXX-XXXX-XXXX-XXXX-XXXX */
  g_assert_cmpuint (strlen (text), ==, 29);
  for (guint i = 0; i < 29; i++)
    {
      if (i % 5 == 4)
        g_assert_cmpint (text[i], ==, '-');
      else
        g_assert_nonnull (strchr ("0123456789ABCDEFGHJKMNPQRSTVWXYZ", text[i]));
    }

  /* What a person types back, in lower case and with spaces, is the same code. */
  lower = g_ascii_strdown (text, -1);
  g_strdelimit (lower, "-", ' ');
  typed = sam_secret_new_from_string (lower);
  normalized = sam_secret_normalize_code (code);
  normalized_typed = sam_secret_normalize_code (typed);
  g_assert_cmpuint (sam_secret_get_string_length (normalized), ==, 24);
  g_assert_cmpstr (sam_secret_get_string (normalized), ==, sam_secret_get_string (normalized_typed));
}

static void
test_security_init (void)
{
  g_autoptr(GError) error = NULL;

  struct rlimit limit;
  mode_t mask;

  g_assert_true (sam_security_init (&error));
  g_assert_no_error (error);

  /* No core dumps, and new files for the user alone. */
  g_assert_cmpint (getrlimit (RLIMIT_CORE, &limit), ==, 0);
  g_assert_cmpuint (limit.rlim_cur, ==, 0);
  g_assert_cmpuint (limit.rlim_max, ==, 0);
  mask = umask (0077);
  g_assert_cmpuint (mask, ==, 0077);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secret/from-string", test_secret_from_string);
  g_test_add_func ("/secret/random", test_secret_random);
  g_test_add_func ("/secret/code", test_secret_code);
  g_test_add_func ("/secret/security-init", test_security_init);

  return g_test_run ();
}
