/* test-keyslots.c: the NAME.db.keys sidecar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <sodium.h>
#include <sys/stat.h>

#include "sam-test-util.h"

typedef struct
{
  char      *directory;
  char      *path;
  SamSecret *key;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->directory = g_dir_make_tmp ("samverka-keyslots-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->directory, "test.db.keys", NULL);
  fixture->key = sam_secret_new_random (SAM_DATA_KEY_LENGTH);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  sam_test_rm_rf (fixture->directory);
  g_free (fixture->directory);
  g_free (fixture->path);
  sam_secret_free (fixture->key);
}

/* A saved key file with slots for anna and bob. */
static void
write_two_slots (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamKeyslotFile) file = NULL;
  g_autoptr(SamSecret) anna = sam_secret_new_from_string ("anna passphrase");
  g_autoptr(SamSecret) bob = sam_secret_new_from_string ("bob passphrase");
  SamKdfParams params = sam_kdf_params_minimum ();

  file = sam_keyslot_file_new (fixture->path, "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
                               "00112233445566778899aabbccddeeff");
  g_assert_true (sam_keyslot_file_set_slot (file, "anna", anna, fixture->key, &params, &error));
  g_assert_no_error (error);
  g_assert_true (sam_keyslot_file_set_slot (file, "bob", bob, fixture->key, &params, &error));
  g_assert_no_error (error);
  g_assert_true (sam_keyslot_file_save (file, &error));
  g_assert_no_error (error);
}

static SamSecret *
unlock (const char  *path,
        const char  *name,
        const char  *passphrase,
        GError     **error)
{
  g_autoptr(SamKeyslotFile) file = sam_keyslot_file_load (path, error);
  g_autoptr(SamSecret) secret = sam_secret_new_from_string (passphrase);

  if (file == NULL)
    return NULL;

  return sam_keyslot_file_unlock (file, name, secret, NULL, error);
}

static JsonNode *
read_json (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = sam_test_read_file (path, NULL);
  JsonNode *node = json_from_string (contents, &error);

  g_assert_no_error (error);
  return node;
}

static void
append_line (GString    *string,
             JsonObject *object,
             const char *member)
{
  g_string_append_printf (string, "%s\n", json_object_get_string_member (object, member));
}

/* Recomputes the checksum as docs/keyslots.md describes it, so that a test
 * can make an edit the checksum does not catch and see what catches it. */
static void
write_json_resealed (const char *path,
                     JsonNode   *root)
{
  JsonObject *object = json_node_get_object (root);
  JsonArray *slots = json_object_get_array_member (object, "slots");
  g_autoptr(GString) canonical = g_string_new (NULL);
  g_autofree char *json = NULL;
  guint8 digest[32];
  char hex[65];

  g_string_append_printf (canonical, "samverka-keyslots\n1\n");
  append_line (canonical, object, "database_id");
  append_line (canonical, object, "database_salt");
  for (guint i = 0; i < json_array_get_length (slots); i++)
    {
      JsonObject *slot = json_array_get_object_element (slots, i);
      JsonObject *kdf = json_object_get_object_member (slot, "kdf");
      JsonObject *cipher = json_object_get_object_member (slot, "cipher");

      append_line (canonical, slot, "id");
      g_string_append_printf (canonical, "%" G_GINT64_FORMAT "\n%" G_GINT64_FORMAT "\n",
                              json_object_get_int_member (kdf, "opslimit"),
                              json_object_get_int_member (kdf, "memlimit"));
      append_line (canonical, kdf, "salt");
      append_line (canonical, cipher, "nonce");
      append_line (canonical, cipher, "wrapped_key");
    }

  crypto_generichash (digest, sizeof digest, (const guint8 *) canonical->str, canonical->len, NULL, 0);
  sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);
  json_object_set_string_member (object, "checksum", hex);

  json = json_to_string (root, TRUE);
  sam_test_write_file (path, json, -1);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSecret) key = NULL;
  g_autoptr(SamKeyslotFile) file = NULL;
  g_autofree char *contents = NULL;
  struct stat buf;

  write_two_slots (fixture);

  key = unlock (fixture->path, "anna", "anna passphrase", &error);
  g_assert_no_error (error);
  g_assert_true (sam_secret_equal (key, fixture->key));
  g_clear_pointer (&key, sam_secret_free);

  key = unlock (fixture->path, "bob", "bob passphrase", &error);
  g_assert_no_error (error);
  g_assert_true (sam_secret_equal (key, fixture->key));

  file = sam_keyslot_file_load (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sam_keyslot_file_get_n_slots (file), ==, 2);
  g_assert_cmpstr (sam_keyslot_file_get_database_id (file), ==, "1b4e28ba-2fa1-11d2-883f-0016d3cca427");

  /* Only the owner may read it, and it does not list the user names. */
  g_assert_cmpint (stat (fixture->path, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  contents = sam_test_read_file (fixture->path, NULL);
  g_assert_null (strstr (contents, "anna"));
  g_assert_null (strstr (contents, "\"bob"));
  g_assert_nonnull (strstr (contents, "\"format\" : \"samverka-keyslots\""));
}

static void
test_wrong_passphrase (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSecret) key = NULL;
  g_autoptr(SamKeyslotFile) file = NULL;
  guint failed = 99;

  write_two_slots (fixture);

  key = unlock (fixture->path, "anna", "bob passphrase", &error);
  g_assert_null (key);
  g_assert_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WRONG_PASSPHRASE);
  g_assert_nonnull (strstr (error->message, "anna"));
  g_clear_error (&error);

  key = unlock (fixture->path, "carl", "anna passphrase", &error);
  g_assert_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_UNKNOWN_USER);
  g_clear_error (&error);

  /* The failure was written to the file, and the next success reports it. */
  file = sam_keyslot_file_load (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sam_keyslot_file_get_failed_attempts (file, "anna"), ==, 1);
  g_assert_cmpuint (sam_keyslot_file_get_failed_attempts (file, "bob"), ==, 0);
  {
    g_autoptr(SamSecret) right = sam_secret_new_from_string ("anna passphrase");

    key = sam_keyslot_file_unlock (file, "anna", right, &failed, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpuint (failed, ==, 1);
  g_clear_object (&file);

  file = sam_keyslot_file_load (fixture->path, &error);
  g_assert_cmpuint (sam_keyslot_file_get_failed_attempts (file, "anna"), ==, 0);
}

static void
test_backoff (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSecret) key = NULL;
  g_autoptr(SamKeyslotFile) file = NULL;

  g_assert_cmpuint (sam_keyslot_backoff_for_failures (0), ==, 0);
  g_assert_cmpuint (sam_keyslot_backoff_for_failures (2), ==, 0);
  g_assert_cmpuint (sam_keyslot_backoff_for_failures (3), ==, 2);
  g_assert_cmpuint (sam_keyslot_backoff_for_failures (4), ==, 4);
  g_assert_cmpuint (sam_keyslot_backoff_for_failures (10), ==, 256);
  g_assert_cmpuint (sam_keyslot_backoff_for_failures (11), ==, 300);
  g_assert_cmpuint (sam_keyslot_backoff_for_failures (G_MAXUINT), ==, 300);

  write_two_slots (fixture);
  for (guint i = 0; i < 3; i++)
    {
      key = unlock (fixture->path, "anna", "not her passphrase", &error);
      g_assert_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WRONG_PASSPHRASE);
      g_clear_error (&error);
    }

  /* Now even the right passphrase is refused until the back-off ends. */
  key = unlock (fixture->path, "anna", "anna passphrase", &error);
  g_assert_null (key);
  g_assert_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_BACKED_OFF);
  g_assert_nonnull (strstr (error->message, "anna"));
  g_clear_error (&error);

  file = sam_keyslot_file_load (fixture->path, &error);
  g_assert_cmpuint (sam_keyslot_file_get_backoff_seconds (file, "anna"), >, 0);
  g_assert_cmpuint (sam_keyslot_file_get_backoff_seconds (file, "anna"), <=, 2);
  g_assert_cmpuint (sam_keyslot_file_get_backoff_seconds (file, "bob"), ==, 0);

  /* Another user is not held back. */
  key = unlock (fixture->path, "bob", "bob passphrase", &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
}

static void
test_weak_passphrase_and_parameters (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamKeyslotFile) file = NULL;
  g_autoptr(SamSecret) short_one = sam_secret_new_from_string ("short");
  g_autoptr(SamSecret) good = sam_secret_new_from_string ("long enough passphrase");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(SamSecret) key = NULL;
  SamKdfParams cheap = { .opslimit = 1, .memlimit = 8 * 1024 * 1024 };
  SamKdfParams params = sam_kdf_params_minimum ();
  JsonObject *kdf;

  file = sam_keyslot_file_new (fixture->path, "id", "00");
  g_assert_false (sam_keyslot_file_set_slot (file, "anna", short_one, fixture->key, &params, &error));
  g_assert_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WEAK_PASSPHRASE);
  g_clear_error (&error);

  g_assert_false (sam_keyslot_file_set_slot (file, "anna", good, fixture->key, &cheap, &error));
  g_assert_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WEAK_PARAMETERS);
  g_clear_error (&error);
  g_assert_cmpuint (sam_keyslot_file_get_n_slots (file), ==, 0);

  /* A slot whose memory limit was lowered by hand is refused at unlock too. */
  write_two_slots (fixture);
  root = read_json (fixture->path);
  kdf = json_object_get_object_member (
          json_array_get_object_element (
            json_object_get_array_member (json_node_get_object (root), "slots"), 0), "kdf");
  json_object_set_int_member (kdf, "memlimit", 8 * 1024 * 1024);
  write_json_resealed (fixture->path, root);

  key = unlock (fixture->path, "anna", "anna passphrase", &error);
  g_assert_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WEAK_PARAMETERS);
}

static void
test_resealed_file_is_accepted (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(SamSecret) key = NULL;

  /* The checksum as documented matches the one the code writes. */
  write_two_slots (fixture);
  root = read_json (fixture->path);
  write_json_resealed (fixture->path, root);

  key = unlock (fixture->path, "anna", "anna passphrase", &error);
  g_assert_no_error (error);
  g_assert_true (sam_secret_equal (key, fixture->key));
}

static void
test_slot_bound_to_name (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(SamSecret) key = NULL;
  JsonArray *slots;
  JsonObject *anna, *bob;

  /* Give bob a copy of anna's slot: the associated data holds the user
   * name, so anna's passphrase must not open it as bob. */
  write_two_slots (fixture);
  root = read_json (fixture->path);
  slots = json_object_get_array_member (json_node_get_object (root), "slots");
  anna = json_array_get_object_element (slots, 0);
  bob = json_array_get_object_element (slots, 1);
  json_object_set_member (bob, "kdf", json_node_copy (json_object_get_member (anna, "kdf")));
  json_object_set_member (bob, "cipher", json_node_copy (json_object_get_member (anna, "cipher")));
  write_json_resealed (fixture->path, root);

  key = unlock (fixture->path, "bob", "anna passphrase", &error);
  g_assert_null (key);
  g_assert_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WRONG_PASSPHRASE);
}

static void
expect_load_error (const char *path,
                   GQuark      domain,
                   int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamKeyslotFile) file = sam_keyslot_file_load (path, &error);

  g_assert_null (file);
  g_assert_error (error, domain, code);
  /* The message names the file, so a person knows which one. */
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_damaged_files (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autofree char *edited = NULL;
  gsize length;
  char *wrapped;

  expect_load_error (fixture->path, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_MISSING);

  write_two_slots (fixture);
  contents = sam_test_read_file (fixture->path, &length);

  /* Truncated. */
  sam_test_write_file (fixture->path, contents, length / 2);
  expect_load_error (fixture->path, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_DAMAGED);

  /* Not JSON at all. */
  sam_test_write_file (fixture->path, "\x89PNG\r\n\x1a\n binary", -1);
  expect_load_error (fixture->path, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_DAMAGED);

  /* JSON of another kind. */
  sam_test_write_file (fixture->path, "{\"format\": \"something-else\", \"version\": 1}", -1);
  expect_load_error (fixture->path, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_UNSUPPORTED);

  /* A future version. */
  edited = g_strdup (contents);
  g_assert_nonnull (strstr (edited, "\"version\" : 1"));
  strstr (edited, "\"version\" : 1")[12] = '2';
  sam_test_write_file (fixture->path, edited, -1);
  expect_load_error (fixture->path, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_UNSUPPORTED);
  g_clear_pointer (&edited, g_free);

  /* One character of a wrapped key changed. */
  edited = g_strdup (contents);
  wrapped = strstr (edited, "\"wrapped_key\" : \"");
  g_assert_nonnull (wrapped);
  wrapped += strlen ("\"wrapped_key\" : \"");
  *wrapped = *wrapped == 'A' ? 'B' : 'A';
  sam_test_write_file (fixture->path, edited, -1);
  expect_load_error (fixture->path, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_DAMAGED);
  g_clear_pointer (&edited, g_free);

  /* The database id swapped for another one. */
  edited = g_strdup (contents);
  g_assert_nonnull (strstr (edited, "1b4e28ba"));
  memcpy (strstr (edited, "1b4e28ba"), "9c4e28ba", 8);
  sam_test_write_file (fixture->path, edited, -1);
  expect_load_error (fixture->path, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_DAMAGED);
  g_clear_pointer (&edited, g_free);

  /* A field of the wrong type. */
  edited = g_strdup (contents);
  g_assert_nonnull (strstr (edited, "\"failed_attempts\" : 0"));
  memcpy (strstr (edited, "\"failed_attempts\" : 0"), "\"failed_attempts\" : [", 21);
  sam_test_write_file (fixture->path, edited, -1);
  expect_load_error (fixture->path, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_DAMAGED);
}

static void
test_replace_and_remove (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamKeyslotFile) file = NULL;
  g_autoptr(SamSecret) key = NULL;
  g_autoptr(SamSecret) renewed = sam_secret_new_from_string ("anna's new passphrase");
  SamKdfParams params = sam_kdf_params_minimum ();

  write_two_slots (fixture);
  file = sam_keyslot_file_load (fixture->path, &error);
  g_assert_true (sam_keyslot_file_set_slot (file, "anna", renewed, fixture->key, &params, &error));
  g_assert_true (sam_keyslot_file_remove_slot (file, "bob", &error));
  g_assert_false (sam_keyslot_file_remove_slot (file, "bob", &error));
  g_assert_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_UNKNOWN_USER);
  g_clear_error (&error);
  g_assert_true (sam_keyslot_file_save (file, &error));
  g_assert_no_error (error);

  key = unlock (fixture->path, "anna", "anna passphrase", &error);
  g_assert_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  key = unlock (fixture->path, "anna", "anna's new passphrase", &error);
  g_assert_no_error (error);
  g_assert_true (sam_secret_equal (key, fixture->key));
  g_clear_pointer (&key, sam_secret_free);
  key = unlock (fixture->path, "bob", "bob passphrase", &error);
  g_assert_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_UNKNOWN_USER);
}

static void
test_stale_copy_does_not_overwrite (Fixture       *fixture,
                                    gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamKeyslotFile) stale = NULL;
  g_autoptr(SamKeyslotFile) current = NULL;
  g_autoptr(SamKeyslotFile) after = NULL;
  g_autoptr(SamSecret) wrong = sam_secret_new_from_string ("not anna's passphrase");
  g_autoptr(SamSecret) right = sam_secret_new_from_string ("anna passphrase");
  g_autoptr(SamSecret) key = NULL;

  write_two_slots (fixture);

  /* A program loads the key file, say to unlock as anna … */
  stale = sam_keyslot_file_load (fixture->path, &error);
  g_assert_no_error (error);

  /* … meanwhile an administrator disables bob … */
  current = sam_keyslot_file_load_for_update (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (sam_keyslot_file_remove_slot (current, "bob", &error));
  g_assert_true (sam_keyslot_file_save (current, &error));
  sam_keyslot_file_finish_update (current);

  /* … and the failed and the successful attempt must not bring bob back. */
  key = sam_keyslot_file_unlock (stale, "anna", wrong, NULL, &error);
  g_assert_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  after = sam_keyslot_file_load (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_false (sam_keyslot_file_has_slot (after, "bob"));
  g_assert_cmpuint (sam_keyslot_file_get_failed_attempts (after, "anna"), ==, 1);
  g_clear_object (&after);

  key = sam_keyslot_file_unlock (stale, "anna", right, NULL, &error);
  g_assert_no_error (error);
  after = sam_keyslot_file_load (fixture->path, &error);
  g_assert_false (sam_keyslot_file_has_slot (after, "bob"));
  g_assert_cmpuint (sam_keyslot_file_get_failed_attempts (after, "anna"), ==, 0);
}

static void
test_revert_update (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamKeyslotFile) file = NULL;
  g_autoptr(SamKeyslotFile) after = NULL;

  write_two_slots (fixture);
  file = sam_keyslot_file_load_for_update (fixture->path, &error);
  g_assert_true (sam_keyslot_file_remove_slot (file, "bob", &error));
  g_assert_true (sam_keyslot_file_save (file, &error));
  g_assert_true (sam_keyslot_file_revert_update (file, &error));
  g_assert_no_error (error);
  sam_keyslot_file_finish_update (file);

  after = sam_keyslot_file_load (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (sam_keyslot_file_has_slot (after, "bob"));
}

static char *
slot_id (const char *database_id,
         const char *name)
{
  g_autoptr(GString) input = g_string_new ("samverka-slot-id-v1");
  guint8 digest[16];
  char hex[33];

  g_string_append_len (input, "", 1);
  g_string_append (input, database_id);
  g_string_append_len (input, "", 1);
  g_string_append (input, name);
  crypto_generichash (digest, sizeof digest, (const guint8 *) input->str, input->len, NULL, 0);
  sodium_bin2hex (hex, sizeof hex, digest, sizeof digest);

  return g_strdup (hex);
}

static void
test_slot_bound_to_database (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(SamSecret) key = NULL;
  const char *other_id = "9c4e28ba-2fa1-11d2-883f-0016d3cca427";
  JsonObject *object;
  JsonArray *slots;

  /* Give the file another database's id, with slot ids and checksum to
   * match: only the associated data still ties the slot to its database. */
  write_two_slots (fixture);
  root = read_json (fixture->path);
  object = json_node_get_object (root);
  json_object_set_string_member (object, "database_id", other_id);
  slots = json_object_get_array_member (object, "slots");
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *id = slot_id (other_id, i == 0 ? "anna" : "bob");

      json_object_set_string_member (json_array_get_object_element (slots, i), "id", id);
    }
  write_json_resealed (fixture->path, root);

  key = unlock (fixture->path, "anna", "anna passphrase", &error);
  g_assert_null (key);
  g_assert_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WRONG_PASSPHRASE);
}

static void
test_empty_passphrase_not_counted (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamKeyslotFile) file = NULL;
  g_autoptr(SamSecret) key = NULL;

  write_two_slots (fixture);
  key = unlock (fixture->path, "anna", "", &error);
  g_assert_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WRONG_PASSPHRASE);
  g_assert_true (g_str_has_prefix (error->message, "Passphrase"));

  file = sam_keyslot_file_load (fixture->path, NULL);
  g_assert_cmpuint (sam_keyslot_file_get_failed_attempts (file, "anna"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (sam_security_init (NULL));

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/keyslots/round-trip", test_round_trip);
  ADD ("/keyslots/wrong-passphrase", test_wrong_passphrase);
  ADD ("/keyslots/backoff", test_backoff);
  ADD ("/keyslots/weak", test_weak_passphrase_and_parameters);
  ADD ("/keyslots/resealed", test_resealed_file_is_accepted);
  ADD ("/keyslots/bound-to-name", test_slot_bound_to_name);
  ADD ("/keyslots/damaged", test_damaged_files);
  ADD ("/keyslots/replace-and-remove", test_replace_and_remove);
  ADD ("/keyslots/stale-copy", test_stale_copy_does_not_overwrite);
  ADD ("/keyslots/revert-update", test_revert_update);
  ADD ("/keyslots/bound-to-database", test_slot_bound_to_database);
  ADD ("/keyslots/empty-passphrase", test_empty_passphrase_not_counted);

#undef ADD

  return g_test_run ();
}
