/* sam-keyslot-file.c
 *
 * The sidecar NAME.db.keys holds the database's data key once per user,
 * wrapped under a key derived from that user's passphrase. The format is
 * described in docs/keyslots.md; keep the two in step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-keyslot-file"

#include "config.h"

#include "sam-keyslot-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sodium.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "sam-error.h"

#define FORMAT_NAME        "samverka-keyslots"
#define FORMAT_VERSION     1
#define AAD_PREFIX         "samverka-keyslot-v1"
#define SLOT_ID_PREFIX     "samverka-slot-id-v1"
#define SLOT_ID_BYTES      16
#define SALT_BYTES         crypto_pwhash_argon2id_SALTBYTES
#define NONCE_BYTES        crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define WRAPPED_BYTES      (SAM_DATA_KEY_LENGTH + crypto_aead_xchacha20poly1305_ietf_ABYTES)
#define MAX_FILE_SIZE      (4 * 1024 * 1024)
#define BACKOFF_FREE_TRIES 2
#define BACKOFF_MAX_SECS   300

typedef struct
{
  char    *id;
  guint64  opslimit;
  gsize    memlimit;
  guint8   salt[SALT_BYTES];
  guint8   nonce[NONCE_BYTES];
  guint8   wrapped[WRAPPED_BYTES];
  guint    failed_attempts;
  gint64   last_failure;      /* seconds since the epoch, 0 for never */
} Slot;

struct _SamKeyslotFile
{
  GObject    parent_instance;

  char      *path;
  char      *database_id;
  char      *database_salt;
  GPtrArray *slots;           /* of Slot */
  int        lock_fd;         /* held between load_for_update and finish_update */
  char      *previous;        /* the file as it was when the lock was taken */
};

G_DEFINE_FINAL_TYPE (SamKeyslotFile, sam_keyslot_file, G_TYPE_OBJECT)

static void
slot_free (Slot *slot)
{
  g_free (slot->id);
  sodium_memzero (slot, sizeof *slot);
  g_free (slot);
}

static char *
hex_encode (const guint8 *data,
            gsize         length)
{
  char *hex = g_malloc (length * 2 + 1);

  sodium_bin2hex (hex, length * 2 + 1, data, length);

  return hex;
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Slot ids are a hash of the user name, so that the sidecar does not list
 * the staff's user names in the clear. */
static char *
slot_id_for_name (SamKeyslotFile *self,
                  const char     *name)
{
  g_autoptr(GString) input = g_string_new (SLOT_ID_PREFIX);
  guint8 digest[SLOT_ID_BYTES];

  g_string_append_len (input, "", 1);
  g_string_append (input, self->database_id);
  g_string_append_len (input, "", 1);
  g_string_append (input, name);

  crypto_generichash (digest, sizeof digest, (const guint8 *) input->str, input->len, NULL, 0);

  return hex_encode (digest, sizeof digest);
}

static GByteArray *
associated_data (SamKeyslotFile *self,
                 const char     *name)
{
  GByteArray *aad = g_byte_array_new ();

  g_byte_array_append (aad, (const guint8 *) AAD_PREFIX, sizeof AAD_PREFIX);
  g_byte_array_append (aad, (const guint8 *) self->database_id, strlen (self->database_id) + 1);
  g_byte_array_append (aad, (const guint8 *) name, strlen (name));

  return aad;
}

static Slot *
find_slot (SamKeyslotFile *self,
           const char     *name)
{
  g_autofree char *id = slot_id_for_name (self, name);

  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (self->slots, i);

      if (g_str_equal (slot->id, id))
        return slot;
    }

  return NULL;
}

static void
append_base64 (GString      *string,
               const guint8 *data,
               gsize         length)
{
  g_autofree char *encoded = g_base64_encode (data, length);

  g_string_append (string, encoded);
  g_string_append_c (string, '\n');
}

/* The checksum covers everything but the failure counters. It is no defence
 * against an attacker (the AEAD tag is), but it lets us tell a person that
 * the file was edited or damaged instead of blaming their passphrase. */
static char *
compute_checksum (SamKeyslotFile *self)
{
  g_autoptr(GString) canonical = g_string_new (NULL);
  guint8 digest[32];

  g_string_append_printf (canonical, "%s\n%d\n%s\n%s\n",
                          FORMAT_NAME, FORMAT_VERSION,
                          self->database_id, self->database_salt);

  for (guint i = 0; i < self->slots->len; i++)
    {
      Slot *slot = g_ptr_array_index (self->slots, i);

      g_string_append_printf (canonical, "%s\n%" G_GUINT64_FORMAT "\n%" G_GSIZE_FORMAT "\n",
                              slot->id, slot->opslimit, slot->memlimit);
      append_base64 (canonical, slot->salt, sizeof slot->salt);
      append_base64 (canonical, slot->nonce, sizeof slot->nonce);
      append_base64 (canonical, slot->wrapped, sizeof slot->wrapped);
    }

  crypto_generichash (digest, sizeof digest, (const guint8 *) canonical->str, canonical->len, NULL, 0);

  return hex_encode (digest, sizeof digest);
}

static gboolean
derive_wrapping_key (const SamSecret     *passphrase,
                     const guint8        *salt,
                     guint64              opslimit,
                     gsize                memlimit,
                     SamSecret          **out_key,
                     GError             **error)
{
  g_autoptr(SamSecret) key = sam_secret_new (crypto_aead_xchacha20poly1305_ietf_KEYBYTES);

  if (crypto_pwhash (sam_secret_get_mutable_data (key), sam_secret_get_length (key),
                     sam_secret_get_string (passphrase), sam_secret_get_string_length (passphrase),
                     salt, opslimit, memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_IO,
                           _("There is not enough memory to derive the key from the passphrase."));
      return FALSE;
    }

  *out_key = g_steal_pointer (&key);
  return TRUE;
}

static gboolean
check_parameters (guint64   opslimit,
                  gsize     memlimit,
                  GError  **error)
{
  if (memlimit < SAM_KDF_MEMLIMIT_FLOOR ||
      memlimit > crypto_pwhash_argon2id_MEMLIMIT_MAX ||
      opslimit < crypto_pwhash_argon2id_OPSLIMIT_MIN ||
      opslimit > crypto_pwhash_argon2id_OPSLIMIT_MAX)
    {
      g_set_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WEAK_PARAMETERS,
                   _("The key derivation parameters are outside what Samverka accepts "
                     "(at least %u MiB of memory)."),
                   (guint) (SAM_KDF_MEMLIMIT_FLOOR / (1024 * 1024)));
      return FALSE;
    }

  return TRUE;
}

/* Locking ------------------------------------------------------------------ */

/* Every change to the key file is a read-modify-write under an exclusive
 * lock on NAME.db.keys.lock, so that no writer can save an old copy over
 * another's change: a failed unlock counting while an administrator
 * disables someone, say. The lock file holds nothing. */
static int
acquire_lock (const char  *path,
              GError     **error)
{
  g_autofree char *lock_path = g_strconcat (path, ".lock", NULL);
  int fd;

  fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 || flock (fd, LOCK_EX) != 0)
    {
      int saved_errno = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_IO,
                   _("The key file “%s” could not be locked for a change: %s"),
                   path, g_strerror (saved_errno));
      return -1;
    }

  return fd;
}

static void
release_lock (SamKeyslotFile *self)
{
  if (self->lock_fd >= 0)
    {
      close (self->lock_fd);
      self->lock_fd = -1;
    }
  g_clear_pointer (&self->previous, g_free);
}

/* Parsing ---------------------------------------------------------------- */

static gboolean
damaged (SamKeyslotFile  *self,
         const char      *field,
         GError         **error)
{
  g_set_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_DAMAGED,
               _("The key file “%s” is damaged: the field “%s” is missing or wrong."),
               self->path, field);
  return FALSE;
}

static gboolean
read_string (SamKeyslotFile  *self,
             JsonObject      *object,
             const char      *field,
             const char     **out_value,
             GError         **error)
{
  JsonNode *node = json_object_get_member (object, field);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return damaged (self, field, error);

  *out_value = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_uint (SamKeyslotFile  *self,
           JsonObject      *object,
           const char      *field,
           guint64         *out_value,
           GError         **error)
{
  JsonNode *node = json_object_get_member (object, field);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0)
    return damaged (self, field, error);

  *out_value = (guint64) json_node_get_int (node);
  return TRUE;
}

static gboolean
read_bytes (SamKeyslotFile  *self,
            JsonObject      *object,
            const char      *field,
            guint8          *out_data,
            gsize            length,
            GError         **error)
{
  const char *encoded;
  g_autofree guint8 *decoded = NULL;
  gsize decoded_length = 0;

  if (!read_string (self, object, field, &encoded, error))
    return FALSE;

  decoded = g_base64_decode (encoded, &decoded_length);
  if (decoded_length != length)
    return damaged (self, field, error);

  memcpy (out_data, decoded, length);
  return TRUE;
}

static gboolean
parse_slot (SamKeyslotFile  *self,
            JsonNode        *node,
            GError         **error)
{
  Slot *slot;
  JsonObject *object, *kdf, *cipher;
  const char *id, *algorithm;
  guint64 memlimit, failed, last_failure;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return damaged (self, "slots", error);

  object = json_node_get_object (node);
  if (!json_object_has_member (object, "kdf") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "kdf")))
    return damaged (self, "kdf", error);
  if (!json_object_has_member (object, "cipher") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "cipher")))
    return damaged (self, "cipher", error);
  kdf = json_object_get_object_member (object, "kdf");
  cipher = json_object_get_object_member (object, "cipher");

  slot = g_new0 (Slot, 1);
  g_ptr_array_add (self->slots, slot);

  if (!read_string (self, object, "id", &id, error) ||
      !read_string (self, kdf, "algorithm", &algorithm, error))
    return FALSE;
  if (!g_str_equal (algorithm, "argon2id13"))
    return damaged (self, "kdf.algorithm", error);
  if (!read_string (self, cipher, "algorithm", &algorithm, error))
    return FALSE;
  if (!g_str_equal (algorithm, "xchacha20poly1305-ietf"))
    return damaged (self, "cipher.algorithm", error);

  slot->id = g_strdup (id);
  if (!read_uint (self, kdf, "opslimit", &slot->opslimit, error) ||
      !read_uint (self, kdf, "memlimit", &memlimit, error) ||
      !read_bytes (self, kdf, "salt", slot->salt, sizeof slot->salt, error) ||
      !read_bytes (self, cipher, "nonce", slot->nonce, sizeof slot->nonce, error) ||
      !read_bytes (self, cipher, "wrapped_key", slot->wrapped, sizeof slot->wrapped, error) ||
      !read_uint (self, object, "failed_attempts", &failed, error) ||
      !read_uint (self, object, "last_failure", &last_failure, error))
    return FALSE;

  slot->memlimit = (gsize) memlimit;
  slot->failed_attempts = (guint) MIN (failed, G_MAXUINT);
  slot->last_failure = (gint64) MIN (last_failure, (guint64) G_MAXINT64);

  return TRUE;
}

static gboolean
parse_root (SamKeyslotFile  *self,
            JsonNode        *root,
            GError         **error)
{
  JsonObject *object;
  JsonArray *slots;
  const char *format = NULL, *database_id, *database_salt, *checksum;
  g_autofree char *expected = NULL;
  guint64 version;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return damaged (self, "format", error);
  object = json_node_get_object (root);

  if (!json_object_has_member (object, "format") ||
      !read_string (self, object, "format", &format, NULL) ||
      !g_str_equal (format, FORMAT_NAME))
    {
      g_set_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_UNSUPPORTED,
                   _("“%s” is not a Samverka key file."), self->path);
      return FALSE;
    }
  if (!read_uint (self, object, "version", &version, error))
    return FALSE;
  if (version != FORMAT_VERSION)
    {
      g_set_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_UNSUPPORTED,
                   _("The key file “%s” has format version %u, but this version of "
                     "Samverka reads version %d."),
                   self->path, (guint) MIN (version, G_MAXUINT), FORMAT_VERSION);
      return FALSE;
    }

  if (!read_string (self, object, "database_id", &database_id, error) ||
      !read_string (self, object, "database_salt", &database_salt, error) ||
      !read_string (self, object, "checksum", &checksum, error))
    return FALSE;
  self->database_id = g_strdup (database_id);
  self->database_salt = g_strdup (database_salt);

  if (!json_object_has_member (object, "slots") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "slots")))
    return damaged (self, "slots", error);
  slots = json_object_get_array_member (object, "slots");
  for (guint i = 0; i < json_array_get_length (slots); i++)
    {
      if (!parse_slot (self, json_array_get_element (slots, i), error))
        return FALSE;
    }

  expected = compute_checksum (self);
  if (!g_str_equal (expected, checksum))
    {
      g_set_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_DAMAGED,
                   _("The key file “%s” has been edited or damaged: its checksum does not match."),
                   self->path);
      return FALSE;
    }

  return TRUE;
}

/* Writing ---------------------------------------------------------------- */

static void
build_bytes_member (JsonBuilder  *builder,
                    const char   *name,
                    const guint8 *data,
                    gsize         length)
{
  g_autofree char *encoded = g_base64_encode (data, length);

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, encoded);
}

static void
build_slot (JsonBuilder *builder,
            Slot        *slot)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, slot->id);

  json_builder_set_member_name (builder, "kdf");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "algorithm");
  json_builder_add_string_value (builder, "argon2id13");
  json_builder_set_member_name (builder, "opslimit");
  json_builder_add_int_value (builder, (gint64) slot->opslimit);
  json_builder_set_member_name (builder, "memlimit");
  json_builder_add_int_value (builder, (gint64) slot->memlimit);
  build_bytes_member (builder, "salt", slot->salt, sizeof slot->salt);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "cipher");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "algorithm");
  json_builder_add_string_value (builder, "xchacha20poly1305-ietf");
  build_bytes_member (builder, "nonce", slot->nonce, sizeof slot->nonce);
  build_bytes_member (builder, "wrapped_key", slot->wrapped, sizeof slot->wrapped);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "failed_attempts");
  json_builder_add_int_value (builder, slot->failed_attempts);
  json_builder_set_member_name (builder, "last_failure");
  json_builder_add_int_value (builder, slot->last_failure);
  json_builder_end_object (builder);
}

static char *
serialize (SamKeyslotFile *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *checksum = compute_checksum (self);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FORMAT_VERSION);
  json_builder_set_member_name (builder, "database_id");
  json_builder_add_string_value (builder, self->database_id);
  json_builder_set_member_name (builder, "database_salt");
  json_builder_add_string_value (builder, self->database_salt);
  json_builder_set_member_name (builder, "checksum");
  json_builder_add_string_value (builder, checksum);
  json_builder_set_member_name (builder, "slots");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->slots->len; i++)
    build_slot (builder, g_ptr_array_index (self->slots, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}

/* Writes @slot's failure counters into the file as it is on disk now,
 * not into this (possibly old) copy, and mirrors the result here. The
 * count must survive a restart, or the back-off means nothing. */
static void
store_counters (SamKeyslotFile *self,
                Slot           *slot,
                gboolean        failed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamKeyslotFile) fresh = NULL;
  Slot *current = NULL;

  fresh = sam_keyslot_file_load_for_update (self->path, &error);
  for (guint i = 0; fresh != NULL && i < fresh->slots->len; i++)
    {
      Slot *candidate = g_ptr_array_index (fresh->slots, i);

      if (g_str_equal (candidate->id, slot->id))
        current = candidate;
    }

  if (current != NULL)
    {
      current->failed_attempts = failed ? current->failed_attempts + 1 : 0;
      current->last_failure = failed ? now_seconds () : 0;
      if (sam_keyslot_file_save (fresh, &error))
        {
          slot->failed_attempts = current->failed_attempts;
          slot->last_failure = current->last_failure;
        }
    }

  if (error != NULL)
    g_warning ("Could not record the outcome of an unlock: %s", error->message);
}

static void
set_backoff_error (SamKeyslotFile  *self,
                   const char      *name,
                   guint            seconds,
                   GError         **error)
{
  g_set_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_BACKED_OFF,
               g_dngettext (GETTEXT_PACKAGE,
                            "Too many failed attempts for “%s”. Try again in %u second.",
                            "Too many failed attempts for “%s”. Try again in %u seconds.",
                            seconds),
               name, seconds);
}

/* GObject ----------------------------------------------------------------- */

static void
sam_keyslot_file_finalize (GObject *object)
{
  SamKeyslotFile *self = (SamKeyslotFile *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->database_id, g_free);
  g_clear_pointer (&self->database_salt, g_free);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  release_lock (self);

  G_OBJECT_CLASS (sam_keyslot_file_parent_class)->finalize (object);
}

static void
sam_keyslot_file_class_init (SamKeyslotFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sam_keyslot_file_finalize;
}

static void
sam_keyslot_file_init (SamKeyslotFile *self)
{
  self->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) slot_free);
  self->lock_fd = -1;
}

/* Public API --------------------------------------------------------------- */

SamKdfParams
sam_kdf_params_default (void)
{
  return (SamKdfParams) {
    .opslimit = crypto_pwhash_argon2id_OPSLIMIT_MODERATE,
    .memlimit = crypto_pwhash_argon2id_MEMLIMIT_MODERATE,
  };
}

/**
 * sam_kdf_params_minimum:
 *
 * The cheapest parameters the product accepts: 64 MiB, one pass. Used by the
 * demo database and the test suite, never for real users.
 */
SamKdfParams
sam_kdf_params_minimum (void)
{
  return (SamKdfParams) {
    .opslimit = crypto_pwhash_argon2id_OPSLIMIT_MIN,
    .memlimit = SAM_KDF_MEMLIMIT_FLOOR,
  };
}

/**
 * sam_kdf_params_for_new_slots:
 *
 * The parameters for slots the CLI creates: libsodium's MODERATE, unless
 * `SAMVERKA_KDF_PROFILE=minimum` asks for the product floor (the test suite
 * does, to stay fast).
 */
SamKdfParams
sam_kdf_params_for_new_slots (void)
{
  if (g_strcmp0 (g_getenv ("SAMVERKA_KDF_PROFILE"), "minimum") == 0)
    return sam_kdf_params_minimum ();

  return sam_kdf_params_default ();
}

/**
 * sam_keyslot_backoff_for_failures:
 * @failures: failed attempts in a row
 *
 * Returns: how many seconds to refuse further attempts after @failures
 *   failures: none for the first two, then doubling from 2 s up to 5 min.
 */
guint
sam_keyslot_backoff_for_failures (guint failures)
{
  if (failures <= BACKOFF_FREE_TRIES)
    return 0;
  if (failures - BACKOFF_FREE_TRIES >= 9)
    return BACKOFF_MAX_SECS;

  return MIN (1u << (failures - BACKOFF_FREE_TRIES), BACKOFF_MAX_SECS);
}

char *
sam_keyslot_file_path_for_database (const char *database_path)
{
  g_return_val_if_fail (database_path != NULL, NULL);

  return g_strconcat (database_path, ".keys", NULL);
}

SamKeyslotFile *
sam_keyslot_file_new (const char *path,
                      const char *database_id,
                      const char *database_salt)
{
  SamKeyslotFile *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (database_id != NULL, NULL);
  g_return_val_if_fail (database_salt != NULL, NULL);

  self = g_object_new (SAM_TYPE_KEYSLOT_FILE, NULL);
  self->path = g_strdup (path);
  self->database_id = g_strdup (database_id);
  self->database_salt = g_strdup (database_salt);

  return self;
}

SamKeyslotFile *
sam_keyslot_file_load (const char  *path,
                       GError     **error)
{
  g_autoptr(SamKeyslotFile) self = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_MISSING,
                     _("There is no key file “%s”. A Samverka database cannot be opened "
                       "without the key file beside it."), path);
      else
        g_set_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_IO,
                     _("The key file “%s” could not be read: %s"), path, local_error->message);
      return NULL;
    }

  self = g_object_new (SAM_TYPE_KEYSLOT_FILE, NULL);
  self->path = g_strdup (path);

  if (length > MAX_FILE_SIZE || !g_utf8_validate (contents, length, NULL) ||
      !json_parser_load_from_data (parser, contents, length, NULL))
    {
      g_set_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_DAMAGED,
                   _("The key file “%s” is damaged or truncated: it is not valid JSON."), path);
      return NULL;
    }

  if (!parse_root (self, json_parser_get_root (parser), error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * sam_keyslot_file_load_for_update:
 * @path: the key file
 * @error: return location for a #GError
 *
 * Takes the key file's lock, then loads it. Change it, save it, and call
 * sam_keyslot_file_finish_update(); until then, other writers wait. The
 * lock is also released when the object is freed.
 *
 * Returns: (transfer full): the key file, holding its lock, or %NULL
 */
SamKeyslotFile *
sam_keyslot_file_load_for_update (const char  *path,
                                  GError     **error)
{
  SamKeyslotFile *self;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  fd = acquire_lock (path, error);
  if (fd < 0)
    return NULL;

  self = sam_keyslot_file_load (path, error);
  if (self == NULL)
    {
      close (fd);
      return NULL;
    }

  self->lock_fd = fd;
  g_file_get_contents (path, &self->previous, NULL, NULL);

  return self;
}

/**
 * sam_keyslot_file_finish_update:
 * @self: a key file from sam_keyslot_file_load_for_update()
 *
 * Releases the lock. Harmless on a file that holds none.
 */
void
sam_keyslot_file_finish_update (SamKeyslotFile *self)
{
  g_return_if_fail (SAM_IS_KEYSLOT_FILE (self));

  release_lock (self);
}

/**
 * sam_keyslot_file_revert_update:
 * @self: a key file from sam_keyslot_file_load_for_update()
 * @error: return location for a #GError
 *
 * Puts back the file as it was when the lock was taken, for when the
 * database transaction that went with the change fails to commit.
 *
 * Returns: %TRUE on success
 */
gboolean
sam_keyslot_file_revert_update (SamKeyslotFile  *self,
                                GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SAM_IS_KEYSLOT_FILE (self), FALSE);

  if (self->previous == NULL)
    return TRUE;

  if (!g_file_set_contents_full (self->path, self->previous, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_IO,
                   _("The key file “%s” could not be put back: %s"),
                   self->path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

gboolean
sam_keyslot_file_save (SamKeyslotFile  *self,
                       GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;

  g_return_val_if_fail (SAM_IS_KEYSLOT_FILE (self), FALSE);

  data = serialize (self);

  /* Written to a temporary file, synced and renamed: a crash leaves either
   * the old or the new file, never half of one. */
  if (!g_file_set_contents_full (self->path, data, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_IO,
                   _("The key file “%s” could not be written: %s"),
                   self->path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

const char *
sam_keyslot_file_get_path (SamKeyslotFile *self)
{
  g_return_val_if_fail (SAM_IS_KEYSLOT_FILE (self), NULL);

  return self->path;
}

/**
 * sam_keyslot_file_set_path:
 * @self: a #SamKeyslotFile
 * @path: where sam_keyslot_file_save() writes from now on
 *
 * Used to write the key file of a backup beside it.
 */
void
sam_keyslot_file_set_path (SamKeyslotFile *self,
                           const char     *path)
{
  g_return_if_fail (SAM_IS_KEYSLOT_FILE (self));
  g_return_if_fail (path != NULL);

  g_free (self->path);
  self->path = g_strdup (path);
}

const char *
sam_keyslot_file_get_database_id (SamKeyslotFile *self)
{
  g_return_val_if_fail (SAM_IS_KEYSLOT_FILE (self), NULL);

  return self->database_id;
}

const char *
sam_keyslot_file_get_database_salt (SamKeyslotFile *self)
{
  g_return_val_if_fail (SAM_IS_KEYSLOT_FILE (self), NULL);

  return self->database_salt;
}

void
sam_keyslot_file_set_database_salt (SamKeyslotFile *self,
                                    const char     *database_salt)
{
  g_return_if_fail (SAM_IS_KEYSLOT_FILE (self));
  g_return_if_fail (database_salt != NULL);

  g_free (self->database_salt);
  self->database_salt = g_strdup (database_salt);
}

gboolean
sam_keyslot_file_has_slot (SamKeyslotFile *self,
                           const char     *name)
{
  g_return_val_if_fail (SAM_IS_KEYSLOT_FILE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return find_slot (self, name) != NULL;
}

guint
sam_keyslot_file_get_n_slots (SamKeyslotFile *self)
{
  g_return_val_if_fail (SAM_IS_KEYSLOT_FILE (self), 0);

  return self->slots->len;
}

/**
 * sam_keyslot_file_set_slot:
 * @self: a #SamKeyslotFile
 * @name: the user name, or %SAM_KEYSLOT_RECOVERY
 * @passphrase: the passphrase that will open the slot
 * @data_key: the database's data key
 * @params: the Argon2id parameters
 * @error: return location for a #GError
 *
 * Wraps @data_key for @name, replacing any slot @name had. The change is only
 * in memory until sam_keyslot_file_save().
 *
 * Returns: %TRUE on success
 */
gboolean
sam_keyslot_file_set_slot (SamKeyslotFile      *self,
                           const char          *name,
                           const SamSecret     *passphrase,
                           const SamSecret     *data_key,
                           const SamKdfParams  *params,
                           GError             **error)
{
  g_autoptr(SamSecret) wrapping_key = NULL;
  g_autoptr(GByteArray) aad = NULL;
  Slot *slot, *fresh;

  g_return_val_if_fail (SAM_IS_KEYSLOT_FILE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);
  g_return_val_if_fail (data_key != NULL, FALSE);
  g_return_val_if_fail (sam_secret_get_length (data_key) == SAM_DATA_KEY_LENGTH, FALSE);
  g_return_val_if_fail (params != NULL, FALSE);

  if (g_utf8_strlen (sam_secret_get_string (passphrase), -1) < SAM_PASSPHRASE_MIN_LENGTH)
    {
      g_set_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WEAK_PASSPHRASE,
                   _("Passphrase: use at least %d characters."), SAM_PASSPHRASE_MIN_LENGTH);
      return FALSE;
    }
  if (!check_parameters (params->opslimit, params->memlimit, error))
    return FALSE;

  /* Built aside, so that a failure leaves any old slot as it was. */
  fresh = g_new0 (Slot, 1);
  fresh->id = slot_id_for_name (self, name);
  fresh->opslimit = params->opslimit;
  fresh->memlimit = params->memlimit;
  randombytes_buf (fresh->salt, sizeof fresh->salt);
  randombytes_buf (fresh->nonce, sizeof fresh->nonce);

  if (!derive_wrapping_key (passphrase, fresh->salt, fresh->opslimit, fresh->memlimit,
                            &wrapping_key, error))
    {
      slot_free (fresh);
      return FALSE;
    }

  aad = associated_data (self, name);
  crypto_aead_xchacha20poly1305_ietf_encrypt (fresh->wrapped, NULL,
                                              sam_secret_get_data (data_key), SAM_DATA_KEY_LENGTH,
                                              aad->data, aad->len, NULL,
                                              fresh->nonce, sam_secret_get_data (wrapping_key));

  slot = find_slot (self, name);
  if (slot != NULL)
    g_ptr_array_remove (self->slots, slot);
  g_ptr_array_add (self->slots, fresh);

  return TRUE;
}

gboolean
sam_keyslot_file_remove_slot (SamKeyslotFile  *self,
                              const char      *name,
                              GError         **error)
{
  Slot *slot;

  g_return_val_if_fail (SAM_IS_KEYSLOT_FILE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  slot = find_slot (self, name);
  if (slot == NULL)
    {
      g_set_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_UNKNOWN_USER,
                   _("There is no key slot for “%s”."), name);
      return FALSE;
    }

  g_ptr_array_remove (self->slots, slot);
  return TRUE;
}

/**
 * sam_keyslot_file_unlock:
 * @self: a #SamKeyslotFile
 * @name: the user name, or %SAM_KEYSLOT_RECOVERY
 * @passphrase: the passphrase
 * @out_failed_attempts: (out) (optional): failed attempts since the last
 *   successful unlock, for the audit log
 * @error: return location for a #GError
 *
 * Unwraps the data key. A wrong passphrase is counted in the file, and after
 * a few failures further attempts are refused for a while without trying
 * the passphrase. The count goes back to zero on success.
 *
 * Returns: (transfer full): the data key, or %NULL
 */
SamSecret *
sam_keyslot_file_unlock (SamKeyslotFile   *self,
                         const char       *name,
                         const SamSecret  *passphrase,
                         guint            *out_failed_attempts,
                         GError          **error)
{
  g_autoptr(SamSecret) wrapping_key = NULL;
  g_autoptr(SamSecret) data_key = NULL;
  g_autoptr(GByteArray) aad = NULL;
  guint backoff;
  Slot *slot;

  g_return_val_if_fail (SAM_IS_KEYSLOT_FILE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  slot = find_slot (self, name);
  if (slot == NULL)
    {
      g_set_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_UNKNOWN_USER,
                   _("There is no user “%s” who can unlock this database."), name);
      return NULL;
    }

  /* An empty line is a slip, not a guess: don't count it. */
  if (sam_secret_get_string_length (passphrase) == 0)
    {
      g_set_error_literal (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WRONG_PASSPHRASE,
                           _("Passphrase: it is empty."));
      return NULL;
    }

  backoff = sam_keyslot_file_get_backoff_seconds (self, name);
  if (backoff > 0)
    {
      set_backoff_error (self, name, backoff, error);
      return NULL;
    }

  if (!check_parameters (slot->opslimit, slot->memlimit, error) ||
      !derive_wrapping_key (passphrase, slot->salt, slot->opslimit, slot->memlimit,
                            &wrapping_key, error))
    return NULL;

  aad = associated_data (self, name);
  data_key = sam_secret_new (SAM_DATA_KEY_LENGTH);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (sam_secret_get_mutable_data (data_key), NULL, NULL,
                                                  slot->wrapped, sizeof slot->wrapped,
                                                  aad->data, aad->len,
                                                  slot->nonce, sam_secret_get_data (wrapping_key)) != 0)
    {
      store_counters (self, slot, TRUE);
      g_set_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WRONG_PASSPHRASE,
                   _("Wrong passphrase for “%s”."), name);
      return NULL;
    }

  if (out_failed_attempts != NULL)
    *out_failed_attempts = slot->failed_attempts;

  if (slot->failed_attempts > 0)
    store_counters (self, slot, FALSE);

  return g_steal_pointer (&data_key);
}

guint
sam_keyslot_file_get_failed_attempts (SamKeyslotFile *self,
                                      const char     *name)
{
  Slot *slot;

  g_return_val_if_fail (SAM_IS_KEYSLOT_FILE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  slot = find_slot (self, name);

  return slot != NULL ? slot->failed_attempts : 0;
}

/**
 * sam_keyslot_file_get_backoff_seconds:
 * @self: a #SamKeyslotFile
 * @name: the user name
 *
 * Returns: how many seconds remain before @name may try again, or 0
 */
guint
sam_keyslot_file_get_backoff_seconds (SamKeyslotFile *self,
                                      const char     *name)
{
  gint64 until, now;
  Slot *slot;

  g_return_val_if_fail (SAM_IS_KEYSLOT_FILE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  slot = find_slot (self, name);
  if (slot == NULL || slot->failed_attempts == 0)
    return 0;

  until = slot->last_failure + sam_keyslot_backoff_for_failures (slot->failed_attempts);
  now = now_seconds ();

  /* A clock that was set back must not lock a person out for longer than
   * the back-off itself: then the failure time is in the future, and we
   * let them try. */
  if (until <= now || until - now > sam_keyslot_backoff_for_failures (slot->failed_attempts))
    return 0;

  return (guint) (until - now);
}
