/* test-cli.c: samverka-cli as a person or a script uses it
 *
 * Every test drives the built binary (SAMVERKA_CLI) with GSubprocess in a
 * temporary folder of its own. Passphrases go in through standard input or
 * files, never through argv.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <poll.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ADMIN            "kerstin"
#define ADMIN_PASSPHRASE "kerstin-passphrase-1"

typedef struct
{
  char *dir;
  char *db;
  char *recovery_code;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Result;

static void
result_free (Result *result)
{
  g_free (result->out);
  g_free (result->err);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Result, result_free)

/* Helpers ----------------------------------------------------------------- */

static char *
fixture_path (Fixture    *f,
              const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static GSubprocessLauncher *
new_launcher (Fixture          *f,
              GSubprocessFlags  flags)
{
  GSubprocessLauncher *launcher;
  g_autofree char *xdg = fixture_path (f, "xdg");

  launcher = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_set_cwd (launcher, f->dir);
  /* Stable, untranslated messages, and nothing outside the test folder. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", f->dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", xdg, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", xdg, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", xdg, TRUE);
  g_subprocess_launcher_setenv (launcher, "TMPDIR", f->dir, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "SAMVERKA_DATABASE");

  return launcher;
}

static Result *
run_argv (Fixture    *f,
          const char *input,
          GPtrArray  *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command_line = NULL;
  g_autofree char *input_path = fixture_path (f, "stdin");
  Result *result = g_new0 (Result, 1);

  /* The input comes from a file, not a pipe: a command that stops before
   * reading it (a bad option) would otherwise leave the test writing into
   * a closed pipe, and SIGPIPE would end the test, not the command. */
  g_assert_true (g_file_set_contents_full (input_path, input != NULL ? input : "", -1,
                                           G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL));
  launcher = new_launcher (f, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_stdin_file_path (launcher, input_path);
  g_ptr_array_insert (args, 0, (char *) g_getenv ("SAMVERKA_CLI"));
  g_ptr_array_add (args, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);

  /* A crash is never an acceptable outcome, whatever the input. */
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);

  command_line = g_strjoinv (" ", (char **) args->pdata + 1);
  g_test_message ("samverka-cli %s → %d\nstdout:\n%s\nstderr:\n%s",
                  command_line, result->status, result->out, result->err);

  return result;
}

static GPtrArray *
collect_args (const char *first_arg,
              va_list     args)
{
  GPtrArray *array = g_ptr_array_new ();

  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (array, (char *) arg);

  return array;
}

/* Runs samverka-cli with exactly the given arguments. */
G_GNUC_NULL_TERMINATED static Result *
run (Fixture    *f,
     const char *input,
     const char *first_arg,
     ...)
{
  g_autoptr(GPtrArray) args = NULL;
  va_list ap;

  va_start (ap, first_arg);
  args = collect_args (first_arg, ap);
  va_end (ap);

  return run_argv (f, input, args);
}

/* Runs samverka-cli --database DB --user USER with the passphrase on the
 * first line of standard input and @more_input after it. */
G_GNUC_NULL_TERMINATED static Result *
run_as (Fixture    *f,
        const char *user,
        const char *passphrase,
        const char *more_input,
        const char *first_arg,
        ...)
{
  g_autoptr(GPtrArray) args = NULL;
  g_autofree char *input = NULL;
  va_list ap;

  va_start (ap, first_arg);
  args = collect_args (first_arg, ap);
  va_end (ap);

  g_ptr_array_insert (args, 0, "--database");
  g_ptr_array_insert (args, 1, f->db);
  g_ptr_array_insert (args, 2, "--user");
  g_ptr_array_insert (args, 3, (char *) user);
  input = g_strconcat (passphrase, "\n", more_input, NULL);

  return run_argv (f, input, args);
}

#define assert_status(result, expected)                                  \
  G_STMT_START {                                                         \
    if ((result)->status != (expected))                                  \
      g_printerr ("stdout: %s\nstderr: %s\n", (result)->out, (result)->err); \
    g_assert_cmpint ((result)->status, ==, (expected));                  \
  } G_STMT_END

/* The wording of a message is checked without stopping the other tests, so
 * that one unclear message does not hide what else fails. */
static void
check_mentions (const char *message,
                const char *expected)
{
  if (strstr (message, expected) != NULL)
    return;

  g_test_message ("Expected this message to mention “%s”:\n%s", expected, message);
  g_test_fail ();
}

/* Passphrases and recovery keys are printed on a line of their own,
 * indented by four spaces. */
static char *
find_secret (const char *output)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "    ") && lines[i][4] != ' ' && lines[i][4] != '\0')
        return g_strdup (lines[i] + 4);
    }

  return NULL;
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GBytes) bytes = read_file (from);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (to, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

static void
flip_byte (const char *path,
           gsize       offset)
{
  g_autoptr(GBytes) bytes = read_file (path);
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree guint8 *data = g_bytes_unref_to_data (g_bytes_ref (bytes), &length);

  g_assert_cmpuint (offset, <, length);
  data[offset] ^= 0x5a;
  g_file_set_contents (path, (const char *) data, length, &error);
  g_assert_no_error (error);
}

static gsize
file_size (const char *path)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  return buf.st_size;
}

static char *
keys_path (const char *db)
{
  return g_strconcat (db, ".keys", NULL);
}

static void
delete_recursively (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;
  GFile *child;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL &&
         g_file_enumerator_iterate (children, &info, &child, NULL, NULL) &&
         info != NULL)
    delete_recursively (child);

  g_file_delete (file, NULL, NULL);
}

static void
add_agency (Fixture    *f,
            const char *name,
            const char *kind)
{
  g_autoptr(Result) r = NULL;

  r = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "agency", "add", name, "--kind", kind, NULL);
  assert_status (r, 0);
}

/* Adds a user with a passphrase of their own, given through a file. */
static void
add_user (Fixture    *f,
          const char *name,
          const char *role,
          const char *agency,
          const char *passphrase)
{
  g_autofree char *file = fixture_path (f, "new-passphrase");
  g_autoptr(Result) r = NULL;

  write_file (file, passphrase);
  r = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "user", "add", name,
              "--role", role, "--agency", agency, "--new-passphrase-file", file, NULL);
  assert_status (r, 0);
  g_assert_null (find_secret (r->out));
  g_unlink (file);
}

/* Reads what the terminal shows until the program waits at a prompt ending
 * in ": " that was written after @from. */
static void
read_until_prompt (int      master,
                   GString *screen,
                   gsize    from)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!(screen->len > from &&
           g_str_has_suffix (screen->str, ": ") &&
           (from == 0 || memchr (screen->str + from, '\n', screen->len - from) != NULL)))
    {
      struct pollfd pfd = { master, POLLIN, 0 };
      char buffer[256];
      ssize_t n;

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (poll (&pfd, 1, 100) <= 0)
        continue;

      n = read (master, buffer, sizeof buffer);
      g_assert_cmpint (n, >, 0);
      g_string_append_len (screen, buffer, n);
    }
}

static void
drain_terminal (int      master,
                GString *screen)
{
  struct pollfd pfd = { master, POLLIN, 0 };
  char buffer[256];
  ssize_t n;

  while (poll (&pfd, 1, 0) > 0 && (n = read (master, buffer, sizeof buffer)) > 0)
    g_string_append_len (screen, buffer, n);
}

/* Runs samverka-cli with standard input and standard error on a
 * pseudo-terminal, and types each of @answers at a prompt. Result.err is
 * what the terminal showed. */
static Result *
run_on_terminal (Fixture            *f,
                 const char * const *answers,
                 const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (f, G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GString) screen = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  Result *result = g_new0 (Result, 1);
  int master, slave;

  master = posix_openpt (O_RDWR | O_NOCTTY);
  g_assert_cmpint (master, >=, 0);
  g_assert_cmpint (grantpt (master), ==, 0);
  g_assert_cmpint (unlockpt (master), ==, 0);
  slave = open (ptsname (master), O_RDWR | O_NOCTTY);
  g_assert_cmpint (slave, >=, 0);

  g_subprocess_launcher_take_stdin_fd (launcher, slave);
  g_subprocess_launcher_take_stderr_fd (launcher, dup (slave));
  g_ptr_array_add (args, (char *) g_getenv ("SAMVERKA_CLI"));
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  /* Only the child may hold the terminal open, so that it hangs up at exit. */
  g_clear_object (&launcher);

  for (guint i = 0; answers[i] != NULL; i++)
    {
      g_autofree char *line = g_strconcat (answers[i], "\n", NULL);

      read_until_prompt (master, screen, screen->len);
      g_assert_cmpint (write (master, line, strlen (line)), ==, strlen (line));
    }

  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);

  drain_terminal (master, screen);
  close (master);
  result->err = g_string_free (g_steal_pointer (&screen), FALSE);
  g_test_message ("on a terminal → %d\nstdout:\n%s\nterminal:\n%s",
                  result->status, result->out, result->err);

  return result;
}

/* Fixtures ---------------------------------------------------------------- */

static void
setup_empty (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("samverka-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = fixture_path (f, "samverka.db");
}

static void
setup_database (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Result) r = NULL;

  setup_empty (f, data);

  r = run (f, ADMIN_PASSPHRASE "\n", "--database", f->db,
           "init", "--admin", ADMIN, "--display-name", "Kerstin Ek", NULL);
  assert_status (r, 0);
  f->recovery_code = find_secret (r->out);
  g_assert_nonnull (f->recovery_code);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GFile) dir = g_file_new_for_path (f->dir);

  delete_recursively (dir);
  g_assert_false (g_file_test (f->dir, G_FILE_TEST_EXISTS));

  g_free (f->dir);
  g_free (f->db);
  g_free (f->recovery_code);
}

/* Tests -------------------------------------------------------------------- */

static void
test_init (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *keys = keys_path (f->db);
  g_autoptr(Result) r = NULL;
  g_autoptr(Result) again = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  r = run (f, ADMIN_PASSPHRASE "\n", "--database", f->db,
           "init", "--admin", ADMIN, "--display-name", "Kerstin Ek", NULL);
  assert_status (r, 0);
  f->recovery_code = find_secret (r->out);
  g_assert_nonnull (f->recovery_code);
  g_assert_cmpuint (strlen (f->recovery_code), >=, 16);
  g_assert_nonnull (strstr (r->out, "shown only once"));
  g_assert_nonnull (strstr (r->out, "offline"));
  g_assert_true (g_file_test (f->db, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (keys, G_FILE_TEST_IS_REGULAR));

  /* A second init refuses and leaves the first database alone. */
  before = read_file (f->db);
  again = run (f, "another-passphrase\n", "--database", f->db, "init", "--admin", "olof", NULL);
  assert_status (again, 5);
  check_mentions (again->err, "samverka.db");
  g_assert_null (find_secret (again->out));
  after = read_file (f->db);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_user_list (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Result) r = NULL;
  g_auto(GStrv) lines = NULL;

  r = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "user", "list", NULL);
  assert_status (r, 0);

  lines = g_strsplit (r->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);   /* heading, admin, "" */
  g_assert_true (g_str_has_prefix (lines[0], "NAME"));
  g_assert_true (g_str_has_prefix (lines[1], ADMIN " "));
  g_assert_nonnull (strstr (lines[1], "Kerstin Ek"));
  g_assert_nonnull (strstr (lines[1], "admin"));
  g_assert_nonnull (strstr (lines[1], "Kommunledningsförvaltningen"));
  g_assert_nonnull (strstr (lines[1], "active"));
  /* Aligned columns: each heading starts where its cells start. */
  g_assert_cmpint (strstr (lines[0], "DISPLAY NAME") - lines[0], ==,
                   strstr (lines[1], "Kerstin Ek") - lines[1]);
}

static void
test_passphrase_file (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *file = fixture_path (f, "admin-passphrase");
  g_autofree char *crlf = fixture_path (f, "crlf-passphrase");
  g_autoptr(Result) r = NULL;
  g_autoptr(Result) windows = NULL;
  g_autoptr(Result) missing = NULL;

  write_file (file, ADMIN_PASSPHRASE "\nsecond line is ignored\n");
  r = run (f, NULL, "--database", f->db, "--user", ADMIN, "--passphrase-file", file,
           "user", "list", NULL);
  assert_status (r, 0);
  g_assert_nonnull (strstr (r->out, "Kerstin Ek"));

  write_file (crlf, ADMIN_PASSPHRASE "\r\n");
  windows = run (f, NULL, "--database", f->db, "--user", ADMIN, "--passphrase-file", crlf,
                 "user", "list", NULL);
  assert_status (windows, 0);

  missing = run (f, NULL, "--database", f->db, "--user", ADMIN,
                 "--passphrase-file", "no-such-file", "user", "list", NULL);
  assert_status (missing, 5);
  check_mentions (missing->err, "no-such-file");
}

static void
test_wrong_passphrase (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Result) wrong = NULL;
  g_autoptr(Result) right = NULL;
  g_autoptr(Result) empty = NULL;

  wrong = run_as (f, ADMIN, "not-the-passphrase", NULL, "user", "list", NULL);
  assert_status (wrong, 2);
  g_assert_true (g_str_has_prefix (wrong->err, "samverka-cli: "));
  check_mentions (wrong->err, ADMIN);
  g_assert_cmpstr (wrong->out, ==, "");

  /* No input at all is a usage error, not a wrong passphrase. */
  empty = run (f, "", "--database", f->db, "--user", ADMIN, "user", "list", NULL);
  assert_status (empty, 1);

  right = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "user", "list", NULL);
  assert_status (right, 0);
  check_mentions (right->err, "failed attempt");
}

static void
test_backed_off (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Result) right = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(Result) wrong = NULL;

      wrong = run_as (f, ADMIN, "not-the-passphrase", NULL, "agency", "list", NULL);
      assert_status (wrong, 2);
    }

  /* Even the right passphrase has to wait now. */
  right = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "agency", "list", NULL);
  assert_status (right, 2);
  check_mentions (right->err, "Try again");
  g_assert_cmpstr (right->out, ==, "");
}

static void
test_unknown_user (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Result) r = NULL;

  r = run_as (f, "nobody", ADMIN_PASSPHRASE, NULL, "agency", "list", NULL);
  assert_status (r, 2);
  check_mentions (r->err, "nobody");
}

/* A flipped byte in any page past the first: verify must find it, whether
 * opening already trips over it or only the page-by-page check does. */
static void
test_flipped_byte (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *damaged = fixture_path (f, "damaged.db");
  g_autofree char *keys = keys_path (f->db);
  g_autofree char *damaged_keys = keys_path (damaged);
  g_autoptr(Result) verify = NULL;
  guint n_pages;

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("Fritidsgården nummer %u", i);

      add_agency (f, name, "leisure");
    }

  verify = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "verify", NULL);
  assert_status (verify, 0);

  n_pages = file_size (f->db) / 4096;
  g_assert_cmpuint (n_pages, >=, 4);

  for (guint page = 1; page < n_pages; page++)
    {
      g_autoptr(Result) r = NULL;

      copy_file (f->db, damaged);
      copy_file (keys, damaged_keys);
      flip_byte (damaged, page * 4096 + 2000);

      r = run (f, ADMIN_PASSPHRASE "\n", "--database", damaged, "--user", ADMIN, "verify", NULL);
      assert_status (r, 3);
      check_mentions (r->err, "damaged.db");
    }
}

static void
test_flipped_byte_first_page (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(Result) r = NULL;

  flip_byte (f->db, 2000);

  r = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "agency", "list", NULL);
  assert_status (r, 3);
  check_mentions (r->err, "samverka.db");
  g_assert_cmpstr (r->err, !=, "samverka-cli: file is not a database\n");
}

static void
assert_foreign (Fixture    *f,
                const char *path)
{
  g_autoptr(Result) r = NULL;
  g_autofree char *base = g_path_get_basename (path);

  r = run (f, ADMIN_PASSPHRASE "\n", "--database", path, "--user", ADMIN,
           "agency", "list", NULL);
  assert_status (r, 3);
  check_mentions (r->err, base);
  g_assert_cmpstr (r->err, !=, "samverka-cli: file is not a database\n");
}

static void
write_random_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  guint32 data[4096];

  for (guint i = 0; i < G_N_ELEMENTS (data); i++)
    data[i] = g_random_int ();

  g_file_set_contents (path, (const char *) data, sizeof data, &error);
  g_assert_no_error (error);
}

static void
write_plain_sqlite (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE person (name TEXT);"
                                     "INSERT INTO person VALUES ('plain text');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_foreign_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *random = fixture_path (f, "random.db");
  g_autofree char *plain = fixture_path (f, "plain.db");
  g_autofree char *keys = keys_path (f->db);
  g_autofree char *random_keys = keys_path (random);
  g_autofree char *plain_keys = keys_path (plain);

  write_random_file (random);
  write_plain_sqlite (plain);

  /* Without a key file of their own … */
  assert_foreign (f, random);
  assert_foreign (f, plain);

  /* … and with a genuine key file beside them. */
  copy_file (keys, random_keys);
  copy_file (keys, plain_keys);
  assert_foreign (f, random);
  assert_foreign (f, plain);
}

static void
test_keys_truncated (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *keys = keys_path (f->db);
  g_autoptr(GBytes) bytes = read_file (keys);
  g_autoptr(Result) r = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (keys, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes) / 2, &error);
  g_assert_no_error (error);

  r = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "agency", "list", NULL);
  assert_status (r, 3);
  check_mentions (r->err, "samverka.db.keys");
}

/* Changes the first digit of the value of @member in the key file. */
static void
edit_key_file (const char *keys,
               const char *member)
{
  g_autoptr(GBytes) bytes = read_file (keys);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", member);
  char *p = strstr (text, quoted);

  g_assert_nonnull (p);
  p += strlen (quoted);
  while (*p != '\0' && !g_ascii_isdigit (*p))
    p++;
  g_assert_true (g_ascii_isdigit (*p));
  *p = *p == '1' ? '2' : '1';

  write_file (keys, text);
}

static void
test_keys_edited (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *keys = keys_path (f->db);
  g_autoptr(GBytes) original = read_file (keys);
  g_autoptr(Result) memlimit = NULL;
  g_autoptr(Result) version = NULL;
  g_autoptr(GError) error = NULL;

  edit_key_file (keys, "memlimit");
  memlimit = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "agency", "list", NULL);
  assert_status (memlimit, 3);
  check_mentions (memlimit->err, "samverka.db.keys");

  g_file_set_contents (keys, g_bytes_get_data (original, NULL), g_bytes_get_size (original),
                       &error);
  g_assert_no_error (error);
  edit_key_file (keys, "version");
  version = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "agency", "list", NULL);
  assert_status (version, 3);
  check_mentions (version->err, "samverka.db.keys");
}

static void
test_missing_database (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *missing = fixture_path (f, "missing.db");
  g_autoptr(Result) r = NULL;

  r = run (f, ADMIN_PASSPHRASE "\n", "--database", missing, "--user", ADMIN,
           "agency", "list", NULL);
  g_assert_cmpint (r->status, !=, 0);
  check_mentions (r->err, "missing.db");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_policy (Fixture       *f,
             gconstpointer  data)
{
  const char *pass = "lisa-passphrase-1";
  g_autoptr(Result) add = NULL;
  g_autoptr(Result) verify = NULL;
  g_autoptr(Result) backup = NULL;
  g_autoptr(Result) list = NULL;
  g_autofree char *copy = fixture_path (f, "copy.db");

  add_agency (f, "Ekholmsskolan", "school");
  add_user (f, "lisa", "school", "Ekholmsskolan", pass);

  add = run_as (f, "lisa", pass, "olle-passphrase-1\n", "user", "add", "olle",
                "--role", "school", "--agency", "Ekholmsskolan", NULL);
  assert_status (add, 4);
  check_mentions (add->err, "administrator");

  verify = run_as (f, "lisa", pass, NULL, "verify", NULL);
  assert_status (verify, 4);

  backup = run_as (f, "lisa", pass, NULL, "backup", copy, NULL);
  assert_status (backup, 4);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));

  /* Agencies are a list every role may see. */
  list = run_as (f, "lisa", pass, NULL, "agency", "list", NULL);
  assert_status (list, 0);
  g_assert_nonnull (strstr (list->out, "Ekholmsskolan"));
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Result) name = NULL;
  g_autoptr(Result) role = NULL;
  g_autoptr(Result) kind = NULL;
  g_autoptr(Result) duplicate = NULL;
  g_autoptr(Result) agency = NULL;
  g_autoptr(Result) weak = NULL;
  g_autoptr(Result) list = NULL;

  add_agency (f, "Ekholmsskolan", "school");

  name = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "user", "add", "9 bad/name",
                 "--role", "school", "--agency", "Ekholmsskolan", NULL);
  assert_status (name, 5);
  check_mentions (name->err, "User name");

  role = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "user", "add", "olle",
                 "--role", "wizard", "--agency", "Ekholmsskolan", NULL);
  assert_status (role, 5);
  check_mentions (role->err, "--role");
  check_mentions (role->err, "wizard");

  kind = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "agency", "add", "Biblioteket",
                 "--kind", "library", NULL);
  assert_status (kind, 5);
  check_mentions (kind->err, "--kind");
  check_mentions (kind->err, "library");

  duplicate = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "agency", "add", "Ekholmsskolan",
                      "--kind", "school", NULL);
  assert_status (duplicate, 5);
  check_mentions (duplicate->err, "Ekholmsskolan");

  agency = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "user", "add", "olle",
                   "--role", "school", "--agency", "Ingenstans skola", NULL);
  assert_status (agency, 5);
  check_mentions (agency->err, "Ingenstans skola");

  weak = run_as (f, ADMIN, ADMIN_PASSPHRASE, "short\n", "user", "add", "olle",
                 "--role", "school", "--agency", "Ekholmsskolan", NULL);
  assert_status (weak, 5);
  check_mentions (weak->err, "Passphrase");

  /* Nothing was half-saved. */
  list = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "user", "list", NULL);
  assert_status (list, 0);
  g_assert_null (strstr (list->out, "olle"));
}

/* `user role`: the administrator changes a role, `user list` shows it,
 * and the core's audit log has the change. */
static void
test_user_role (Fixture       *f,
                gconstpointer  data)
{
  const char *pass = "sara-passphrase-1";
  g_autoptr(Result) role = NULL;
  g_autoptr(Result) list = NULL;
  g_autoptr(Result) audit = NULL;
  g_autoptr(Result) denied = NULL;
  g_autoptr(Result) unknown = NULL;
  g_autoptr(Result) unfit = NULL;
  g_autoptr(Result) missing = NULL;
  g_autoptr(Result) after = NULL;

  add_agency (f, "Socialtjänsten", "social_services");
  add_agency (f, "Ekholmsskolan", "school");
  add_user (f, "sara", "social", "Socialtjänsten", pass);
  add_user (f, "lisa", "school", "Ekholmsskolan", "lisa-passphrase-1");

  role = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "user", "role", "sara", "coordinator", NULL);
  assert_status (role, 0);
  check_mentions (role->out, "coordinator");

  list = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "user", "list", NULL);
  assert_status (list, 0);
  g_assert_true (g_regex_match_simple ("^sara .* coordinator ", list->out, G_REGEX_MULTILINE, 0));

  audit = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "audit", "list", "--action", "role_change", NULL);
  assert_status (audit, 0);
  g_assert_nonnull (strstr (audit->out, "role_change"));
  g_assert_nonnull (strstr (audit->out, "coordinator"));

  /* Not an administrator: denied, and nothing changes. */
  denied = run_as (f, "lisa", "lisa-passphrase-1", NULL, "user", "role", "sara", "social", NULL);
  assert_status (denied, 4);
  check_mentions (denied->err, "administrator");

  unknown = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "user", "role", "sara", "wizard", NULL);
  assert_status (unknown, 5);
  check_mentions (unknown->err, "Role");
  check_mentions (unknown->err, "wizard");

  /* The core refuses a role that does not fit the agency. */
  unfit = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "user", "role", "sara", "police", NULL);
  assert_status (unfit, 5);
  check_mentions (unfit->err, "Role");

  missing = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "user", "role", "nobody", "social", NULL);
  assert_status (missing, 5);
  check_mentions (missing->err, "nobody");

  after = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "user", "list", NULL);
  assert_status (after, 0);
  g_assert_true (g_regex_match_simple ("^sara .* coordinator ", after->out, G_REGEX_MULTILINE, 0));
}

/* `area add` and `area list`; a duplicate is refused with a clear error. */
static void
test_areas (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Result) add = NULL;
  g_autoptr(Result) second = NULL;
  g_autoptr(Result) list = NULL;
  g_autoptr(Result) duplicate = NULL;
  g_autoptr(Result) denied = NULL;
  g_autoptr(Result) empty = NULL;
  g_autoptr(Result) after = NULL;
  g_auto(GStrv) lines = NULL;

  add = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "area", "add", "Skäggetorp", NULL);
  assert_status (add, 0);
  check_mentions (add->out, "Skäggetorp");
  second = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "area", "add", "Ryd", NULL);
  assert_status (second, 0);

  list = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "area", "list", NULL);
  assert_status (list, 0);
  lines = g_strsplit (list->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);   /* heading, two areas, "" */
  g_assert_true (g_str_has_prefix (lines[0], "ID"));
  g_assert_nonnull (strstr (list->out, "Skäggetorp"));
  g_assert_nonnull (strstr (list->out, "Ryd"));

  duplicate = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "area", "add", "Ryd", NULL);
  assert_status (duplicate, 5);
  check_mentions (duplicate->err, "Area name");
  check_mentions (duplicate->err, "already");
  check_mentions (duplicate->err, "Ryd");

  empty = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "area", "add", " Berga", NULL);
  assert_status (empty, 5);
  check_mentions (empty->err, "Area name");

  add_agency (f, "Ekholmsskolan", "school");
  add_user (f, "lisa", "school", "Ekholmsskolan", "lisa-passphrase-1");
  denied = run_as (f, "lisa", "lisa-passphrase-1", NULL, "area", "add", "Berga", NULL);
  assert_status (denied, 4);

  /* Nothing was added by the refused calls. */
  after = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "area", "list", NULL);
  assert_status (after, 0);
  g_assert_cmpstr (after->out, ==, list->out);
}

static void
assert_usage (Fixture    *f,
              Result     *r,
              const char *mentioned)
{
  assert_status (r, 1);
  g_assert_true (g_str_has_prefix (r->err, "samverka-cli: "));
  check_mentions (r->err, "--help");
  if (mentioned != NULL)
    check_mentions (r->err, mentioned);
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Result) none = run (f, NULL, NULL, NULL);
  g_autoptr(Result) unknown = run (f, NULL, "frobnicate", NULL);
  g_autoptr(Result) group = run (f, NULL, "user", NULL);
  g_autoptr(Result) option = run (f, NULL, "--frob", "agency", "list", NULL);
  g_autoptr(Result) command_option = run (f, NULL, "agency", "list", "--frob", NULL);
  g_autoptr(Result) missing = run (f, NULL, "user", "disable", NULL);
  g_autoptr(Result) extra = run (f, NULL, "verify", "now", NULL);
  g_autoptr(Result) kind = run (f, NULL, "agency", "add", "Ryds skola", NULL);
  g_autoptr(Result) admin = run (f, NULL, "init", NULL);
  g_autoptr(Result) user = run (f, ADMIN_PASSPHRASE "\n", "--database", f->db,
                                "agency", "list", NULL);
  g_autoptr(Result) role = run (f, NULL, "user", "add", "olle", "--agency", "1", NULL);
  g_autoptr(Result) role_missing = run (f, NULL, "user", "role", "olle", NULL);
  g_autoptr(Result) area = run (f, NULL, "area", NULL);

  assert_usage (f, none, "command");
  assert_usage (f, unknown, "frobnicate");
  assert_usage (f, group, "add");
  assert_usage (f, option, "--frob");
  assert_usage (f, command_option, "--frob");
  assert_usage (f, missing, "NAME");
  assert_usage (f, extra, "now");
  assert_usage (f, kind, "--kind");
  assert_usage (f, admin, "--admin");
  assert_usage (f, user, "--user");
  assert_usage (f, role, "--role");
  assert_usage (f, role_missing, "ROLE");
  assert_usage (f, area, "list");
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(Result) help = run (f, NULL, "--help", NULL);
  g_autoptr(Result) command = run (f, NULL, "user", "add", "--help", NULL);
  g_autoptr(Result) version = run (f, NULL, "--version", NULL);
  const char *commands[] = { "init", "demo", "user add", "user list", "user disable",
                             "user passwd", "user role NAME ROLE", "agency add",
                             "agency list", "area add NAME", "area list", "verify",
                             "backup", "restore", "recover", "summary --by",
                             "settings list", "settings set KEY VALUE" };

  assert_status (help, 0);
  g_assert_nonnull (strstr (help->out, "Exit status"));
  g_assert_nonnull (strstr (help->out, "--passphrase-file"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_nonnull (strstr (help->out, commands[i]));

  assert_status (command, 0);
  g_assert_nonnull (strstr (command->out, "samverka-cli user add"));
  g_assert_nonnull (strstr (command->out, "--role"));
  g_assert_nonnull (strstr (command->out, "--new-passphrase-file"));
  g_assert_nonnull (strstr (command->out, "Exit status"));

  assert_status (version, 0);
  g_assert_cmpstr (version->out, ==, "samverka-cli " PACKAGE_VERSION "\n");
}

static void
test_one_time_passphrase (Fixture       *f,
                          gconstpointer  data)
{
  const char *own = "olle-own-passphrase";
  g_autoptr(Result) add = NULL;
  g_autoptr(Result) before = NULL;
  g_autoptr(Result) listed = NULL;
  g_autoptr(Result) none = NULL;
  g_autoptr(Result) change = NULL;
  g_autoptr(Result) after = NULL;
  g_autoptr(Result) old = NULL;
  g_autofree char *one_time = NULL;

  add_agency (f, "Ryds skola", "school");
  add = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "user", "add", "olle",
                "--role", "school", "--agency", "Ryds skola", "--display-name", "Olle Berg", NULL);
  assert_status (add, 0);
  one_time = find_secret (add->out);
  g_assert_nonnull (one_time);
  g_assert_nonnull (strstr (add->out, "shown only once"));

  before = run_as (f, "olle", one_time, NULL, "agency", "list", NULL);
  assert_status (before, 4);
  check_mentions (before->err, "samverka-cli user passwd olle");

  listed = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "user", "list", NULL);
  assert_status (listed, 0);
  g_assert_nonnull (strstr (listed->out, "must change passphrase"));

  /* Changing it needs a new one: none on standard input is a usage error. */
  none = run_as (f, "olle", one_time, NULL, "user", "passwd", "olle", NULL);
  assert_status (none, 1);

  change = run_as (f, "olle", one_time, "olle-own-passphrase\n", "user", "passwd", "olle", NULL);
  assert_status (change, 0);

  after = run_as (f, "olle", own, NULL, "agency", "list", NULL);
  assert_status (after, 0);
  g_assert_nonnull (strstr (after->out, "Ryds skola"));

  old = run_as (f, "olle", one_time, NULL, "agency", "list", NULL);
  assert_status (old, 2);
}

static void
test_new_passphrase_from_stdin (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *file = fixture_path (f, "admin-passphrase");
  g_autoptr(Result) add = NULL;
  g_autoptr(Result) unlock = NULL;

  write_file (file, ADMIN_PASSPHRASE "\n");
  add_agency (f, "Polisen Linköping", "police");

  /* The admin's passphrase from a file, so the first line of standard
   * input is the new user's. */
  add = run (f, "per-passphrase-12\n", "--database", f->db, "--user", ADMIN,
             "--passphrase-file", file, "user", "add", "per", "--role", "police",
             "--agency", "Polisen Linköping", NULL);
  assert_status (add, 0);
  g_assert_null (find_secret (add->out));

  unlock = run_as (f, "per", "per-passphrase-12", NULL, "agency", "list", NULL);
  assert_status (unlock, 0);
}

static void
test_reset_passphrase (Fixture       *f,
                       gconstpointer  data)
{
  const char *pass = "lisa-passphrase-1";
  g_autoptr(Result) reset = NULL;
  g_autoptr(Result) old = NULL;
  g_autoptr(Result) must = NULL;
  g_autoptr(Result) denied = NULL;
  g_autoptr(Result) chosen = NULL;
  g_autoptr(Result) unlock = NULL;
  g_autofree char *one_time = NULL;

  add_agency (f, "Ekholmsskolan", "school");
  add_user (f, "lisa", "school", "Ekholmsskolan", pass);
  add_user (f, "anna", "school", "Ekholmsskolan", "anna-passphrase-1");

  denied = run_as (f, "lisa", pass, "anna-new-passphrase\n", "user", "passwd", "anna", NULL);
  assert_status (denied, 4);

  reset = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "user", "passwd", "lisa", NULL);
  assert_status (reset, 0);
  one_time = find_secret (reset->out);
  g_assert_nonnull (one_time);

  old = run_as (f, "lisa", pass, NULL, "agency", "list", NULL);
  assert_status (old, 2);
  must = run_as (f, "lisa", one_time, NULL, "agency", "list", NULL);
  assert_status (must, 4);

  chosen = run_as (f, ADMIN, ADMIN_PASSPHRASE, "anna-new-passphrase\n",
                   "user", "passwd", "anna", NULL);
  assert_status (chosen, 0);
  g_assert_null (find_secret (chosen->out));
  /* A passphrase the administrator knows must be replaced, too. */
  unlock = run_as (f, "anna", "anna-new-passphrase", NULL, "agency", "list", NULL);
  assert_status (unlock, 4);
}

static void
test_disable (Fixture       *f,
              gconstpointer  data)
{
  const char *pass = "lisa-passphrase-1";
  g_autoptr(Result) works = NULL;
  g_autoptr(Result) disable = NULL;
  g_autoptr(Result) refused = NULL;
  g_autoptr(Result) list = NULL;
  g_autoptr(Result) unknown = NULL;

  add_agency (f, "Ekholmsskolan", "school");
  add_user (f, "lisa", "school", "Ekholmsskolan", pass);

  works = run_as (f, "lisa", pass, NULL, "agency", "list", NULL);
  assert_status (works, 0);

  disable = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "user", "disable", "lisa", NULL);
  assert_status (disable, 0);

  refused = run_as (f, "lisa", pass, NULL, "agency", "list", NULL);
  assert_status (refused, 2);
  check_mentions (refused->err, "lisa");

  list = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "user", "list", NULL);
  assert_status (list, 0);
  g_assert_nonnull (strstr (list->out, "disabled"));

  unknown = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "user", "disable", "nobody", NULL);
  assert_status (unknown, 5);
  check_mentions (unknown->err, "nobody");
}

static Result *
list_agencies (Fixture    *f,
               const char *db)
{
  return run (f, ADMIN_PASSPHRASE "\n", "--database", db, "--user", ADMIN,
              "agency", "list", NULL);
}

static void
test_backup_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *backup = fixture_path (f, "backup.db");
  g_autofree char *restored = fixture_path (f, "restored.db");
  g_autofree char *backup_keys = keys_path (backup);
  g_autoptr(Result) made = NULL;
  g_autoptr(Result) restore = NULL;
  g_autoptr(Result) original = NULL;
  g_autoptr(Result) copy = NULL;
  g_autoptr(Result) over = NULL;
  g_autoptr(Result) rolled_back = NULL;
  g_autofree char *before_prefix = g_strconcat (f->db, ".before-restore-", NULL);
  g_autofree char *before = NULL;
  const char *quoted;

  add_agency (f, "Ekholmsskolan", "school");
  add_agency (f, "Fältgruppen Skäggetorp", "leisure");

  made = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "backup", backup, NULL);
  assert_status (made, 0);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (backup_keys, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (strstr (made->out, backup_keys));

  restore = run (f, ADMIN_PASSPHRASE "\n", "--database", restored, "--user", ADMIN,
                 "restore", backup, NULL);
  assert_status (restore, 0);

  original = list_agencies (f, f->db);
  copy = list_agencies (f, restored);
  assert_status (original, 0);
  assert_status (copy, 0);
  g_assert_nonnull (strstr (copy->out, "Fältgruppen Skäggetorp"));
  g_assert_cmpstr (original->out, ==, copy->out);

  /* Restoring over a database sets the one it replaces aside. */
  add_agency (f, "Added after the backup", "police");
  over = run (f, ADMIN_PASSPHRASE "\n", "--database", f->db, "--user", ADMIN,
              "restore", backup, NULL);
  assert_status (over, 0);
  /* The output names the time-stamped copy; it must exist. */
  quoted = strstr (over->out, before_prefix);
  g_assert_nonnull (quoted);
  before = g_strndup (quoted, strcspn (quoted, "”\"\n"));
  g_assert_true (g_file_test (before, G_FILE_TEST_IS_REGULAR));
  rolled_back = list_agencies (f, f->db);
  assert_status (rolled_back, 0);
  g_assert_cmpstr (rolled_back->out, ==, copy->out);
}

static void
test_restore_damaged (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *backup = fixture_path (f, "backup.db");
  g_autofree char *keys = keys_path (f->db);
  g_autoptr(Result) made = NULL;
  g_autoptr(Result) restore = NULL;
  g_autoptr(Result) later = NULL;
  g_autoptr(GBytes) db_before = NULL;
  g_autoptr(GBytes) keys_before = NULL;
  g_autoptr(GBytes) db_after = NULL;
  g_autoptr(GBytes) keys_after = NULL;

  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("Skola %u", i);

      add_agency (f, name, "school");
    }

  made = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "backup", backup, NULL);
  assert_status (made, 0);
  flip_byte (backup, file_size (backup) / 2);

  db_before = read_file (f->db);
  keys_before = read_file (keys);

  restore = run (f, ADMIN_PASSPHRASE "\n", "--database", f->db, "--user", ADMIN,
                 "restore", backup, NULL);
  assert_status (restore, 3);
  check_mentions (restore->err, "backup.db");

  db_after = read_file (f->db);
  keys_after = read_file (keys);
  g_assert_true (g_bytes_equal (db_before, db_after));
  g_assert_true (g_bytes_equal (keys_before, keys_after));

  later = list_agencies (f, f->db);
  assert_status (later, 0);
  g_assert_nonnull (strstr (later->out, "Skola 3"));
}

static void
test_recover (Fixture       *f,
              gconstpointer  data)
{
  const char *fresh = "kerstin-new-passphrase";
  g_autofree char *input = g_strdup_printf ("%s\n%s\n", f->recovery_code, fresh);
  g_autoptr(Result) wrong = NULL;
  g_autoptr(Result) recover = NULL;
  g_autoptr(Result) old = NULL;
  g_autoptr(Result) works = NULL;

  wrong = run (f, "AAAA-BBBB-CCCC-DDDD\nsome-new-passphrase\n", "--database", f->db,
               "recover", ADMIN, NULL);
  assert_status (wrong, 2);

  recover = run (f, input, "--database", f->db, "recover", ADMIN, NULL);
  assert_status (recover, 0);

  old = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "user", "list", NULL);
  assert_status (old, 2);
  works = run_as (f, ADMIN, fresh, NULL, "user", "list", NULL);
  assert_status (works, 0);
  g_assert_nonnull (strstr (works->out, "Kerstin Ek"));
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(Result) demo = NULL;
  g_autoptr(Result) social = NULL;
  g_autoptr(Result) again = NULL;

  demo = run (f, NULL, "--database", f->db, "demo", NULL);
  assert_status (demo, 0);
  g_assert_nonnull (strstr (demo->out, "social-demo"));

  social = run_as (f, "social", "social-demo", NULL, "agency", "list", NULL);
  assert_status (social, 0);
  g_assert_true (g_str_has_prefix (social->out, "ID"));
  g_assert_cmpuint (strlen (social->out), >, strlen ("ID  NAME  KIND  AREA\n"));

  again = run (f, NULL, "--database", f->db, "demo", NULL);
  assert_status (again, 5);
}

static void
test_default_database (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *expected = g_build_filename (f->dir, "xdg", "samverka", "samverka.db", NULL);
  g_autoptr(Result) demo = NULL;
  g_autoptr(Result) list = NULL;

  demo = run (f, NULL, "demo", NULL);
  assert_status (demo, 0);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));

  list = run (f, "admin-demo\n", "--user", "admin", "user", "list", NULL);
  assert_status (list, 0);
  g_assert_nonnull (strstr (list->out, "social"));
}

static void
test_terminal (Fixture       *f,
               gconstpointer  data)
{
  const char *pass = "typed-on-a-terminal";
  const char *init_argv[] = { "--database", f->db, "init", "--admin", "anna", NULL };
  const char *init_answers[] = { pass, pass, NULL };
  const char *list_argv[] = { "--database", f->db, "--user", "anna", "user", "list", NULL };
  const char *list_answers[] = { pass, NULL };
  const char *mismatch_argv[] = { "--database", f->db, "--user", "anna",
                                  "user", "passwd", "anna", NULL };
  const char *mismatch_answers[] = { pass, "a-new-passphrase", "another-passphrase", NULL };
  g_autoptr(Result) init = NULL;
  g_autoptr(Result) list = NULL;
  g_autoptr(Result) mismatch = NULL;
  g_autofree char *recovery_code = NULL;

  init = run_on_terminal (f, init_answers, init_argv);
  assert_status (init, 0);
  check_mentions (init->err, "New passphrase for anna: ");
  check_mentions (init->err, "Repeat the new passphrase: ");
  g_assert_null (strstr (init->err, pass));   /* no echo */
  recovery_code = find_secret (init->out);
  g_assert_nonnull (recovery_code);

  list = run_on_terminal (f, list_answers, list_argv);
  assert_status (list, 0);
  check_mentions (list->err, "Passphrase for anna: ");
  g_assert_null (strstr (list->err, pass));
  g_assert_nonnull (strstr (list->out, "anna"));

  mismatch = run_on_terminal (f, mismatch_answers, mismatch_argv);
  assert_status (mismatch, 5);
  check_mentions (mismatch->err, "do not match");
  g_assert_null (strstr (mismatch->err, "a-new-passphrase"));
}

/* Summaries: the manager's alone, in three formats, nothing small shown. */
static void
test_summary (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Result) demo = run (f, NULL, "--database", f->db, "demo", "--scale", "150", NULL);
  g_autoptr(Result) text = NULL;
  g_autoptr(Result) csv = NULL;
  g_autoptr(Result) json = NULL;
  g_autoptr(Result) bad_dimension = NULL;
  g_autoptr(Result) no_by = NULL;
  g_autoptr(Result) bad_format = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *root;
  JsonArray *rows;
  const char *refused[] = { "social", "coordinator", "school", "admin" };

  assert_status (demo, 0);

  text = run_as (f, "manager", "manager-demo", NULL, "summary", "--by", "gender,status", NULL);
  assert_status (text, 0);
  g_assert_true (g_str_has_prefix (text->out, "Gender / Status"));
  check_mentions (text->out, "Total");
  check_mentions (text->out, "<5: withheld");

  csv = run_as (f, "manager", "manager-demo", NULL, "summary", "--by", "year",
                "--from", "2024-03-01", "--format", "csv", NULL);
  assert_status (csv, 0);
  lines = g_strsplit (csv->out, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "Year,Cases");
  g_assert_true (g_str_has_prefix (lines[1], "2024,"));
  g_assert_true (g_str_has_prefix (lines[g_strv_length (lines) - 2], "Total,"));

  json = run_as (f, "manager", "manager-demo", NULL, "summary", "--by", "area",
                 "--measure", "consent-rate", "--format", "json", NULL);
  assert_status (json, 0);
  g_assert_true (json_parser_load_from_data (parser, json->out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "measure"), ==, "consent-rate");
  g_assert_cmpint (json_object_get_int_member (root, "k"), ==, 5);
  rows = json_object_get_array_member (root, "rows");
  g_assert_cmpuint (json_array_get_length (rows), >, 1);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonArray *cells = json_object_get_array_member (json_array_get_object_element (rows, i), "cells");
      JsonNode *count = json_array_get_element (cells, 0);

      /* A count is a number of at least k, zero, or the withheld mark. */
      if (json_node_get_value_type (count) == G_TYPE_INT64)
        g_assert_true (json_node_get_int (count) == 0 || json_node_get_int (count) >= 5);
      else
        g_assert_cmpstr (json_node_get_string (count), ==, "<5");
    }

  bad_dimension = run_as (f, "manager", "manager-demo", NULL, "summary", "--by", "area,colour", NULL);
  assert_status (bad_dimension, 5);
  check_mentions (bad_dimension->err, "colour");
  no_by = run_as (f, "manager", "manager-demo", NULL, "summary", NULL);
  assert_status (no_by, 1);
  bad_format = run_as (f, "manager", "manager-demo", NULL, "summary", "--by", "area", "--format", "xml", NULL);
  assert_status (bad_format, 5);

  /* The outcome measures and the new dimensions by their ids. */
  {
    g_autoptr(Result) change = run_as (f, "manager", "manager-demo", NULL, "summary", "--by", "risk-factor",
                                       "--measure", "factor-change", "--format", "csv", NULL);
    g_autoptr(Result) levels = run_as (f, "manager", "manager-demo", NULL, "summary", "--by", "evidence-level",
                                       "--measure", "interventions", "--format", "csv", NULL);
    g_autoptr(Result) months = run_as (f, "manager", "manager-demo", NULL, "summary", "--by", "month",
                                       "--measure", "active-cases", "--from", "2025-01-01", "--to",
                                       "2025-12-31", "--format", "csv", NULL);
    g_autoptr(Result) help = run (f, NULL, "summary", "--help", NULL);

    assert_status (change, 0);
    g_assert_true (g_str_has_prefix (change->out, "Risk factor,Cases scored twice,Change in factor scores\r\n"));
    assert_status (levels, 0);
    g_assert_true (g_str_has_prefix (levels->out, "Evidence level,Plan actions\r\n"));
    assert_status (months, 0);
    g_assert_true (g_str_has_prefix (months->out, "Month,Active cases\r\n2025-01,"));
    check_mentions (help->out, "goal-attainment");
  }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *passphrase = g_strconcat (refused[i], "-demo", NULL);
      g_autoptr(Result) denied = run_as (f, refused[i], passphrase, NULL, "summary", "--by", "area", NULL);

      assert_status (denied, 4);
      g_assert_cmpstr (denied->out, ==, "");
    }
}

/* The value column of a setting's row in `settings list`. */
static void
assert_setting (const char *listing,
                const char *id,
                const char *value)
{
  g_auto(GStrv) lines = g_strsplit (listing, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;

      if (!g_str_has_prefix (lines[i], id) || lines[i][strlen (id)] != ' ')
        continue;

      words = g_regex_split_simple (" +", lines[i], 0, 0);
      g_assert_cmpstr (words[1], ==, value);
      return;
    }

  g_error ("No row for %s in:\n%s", id, listing);
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  const char *pass = "lisa-passphrase-1";
  g_autoptr(Result) list = NULL;
  g_autoptr(Result) set_max = NULL;
  g_autoptr(Result) set_k = NULL;
  g_autoptr(Result) denied = NULL;
  g_autoptr(Result) low_k = NULL;
  g_autoptr(Result) crossed = NULL;
  g_autoptr(Result) not_number = NULL;
  g_autoptr(Result) unknown = NULL;
  g_autoptr(Result) missing = NULL;
  g_autoptr(Result) after = NULL;

  add_agency (f, "Ekholmsskolan", "school");
  add_user (f, "lisa", "school", "Ekholmsskolan", pass);

  /* Every user may read them. */
  list = run_as (f, "lisa", pass, NULL, "settings", "list", NULL);
  assert_status (list, 0);
  check_mentions (list->out, "summary-k");
  check_mentions (list->out, "auto-lock-max-minutes");
  check_mentions (list->out, "Longest lock after idle");
  check_mentions (list->out, "meeting-reminder-second-minutes");

  set_max = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "settings", "set", "auto-lock-max-minutes", "15", NULL);
  assert_status (set_max, 0);
  set_k = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "settings", "set", "summary-k", "7", NULL);
  assert_status (set_k, 0);

  denied = run_as (f, "lisa", pass, NULL, "settings", "set", "summary-k", "3", NULL);
  assert_status (denied, 4);
  check_mentions (denied->err, "administrator");

  low_k = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "settings", "set", "summary-k", "2", NULL);
  assert_status (low_k, 5);
  check_mentions (low_k->err, "Smallest number shown in summaries");

  crossed = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "settings", "set", "auto-lock-min-minutes", "20", NULL);
  assert_status (crossed, 5);
  check_mentions (crossed->err, "Shortest lock after idle");

  not_number = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "settings", "set", "meeting-reminder-first-hours",
                       "ett dygn", NULL);
  assert_status (not_number, 5);
  check_mentions (not_number->err, "First meeting reminder");

  unknown = run_as (f, ADMIN, ADMIN_PASSPHRASE, NULL, "settings", "set", "colour", "7", NULL);
  assert_status (unknown, 5);
  check_mentions (unknown->err, "colour");
  check_mentions (unknown->err, "summary-k");

  missing = run (f, NULL, "settings", "set", "summary-k", NULL);
  assert_usage (f, missing, "KEY VALUE");

  /* The two that were allowed, and nothing of the refused ones. */
  after = run_as (f, "lisa", pass, NULL, "settings", "list", NULL);
  assert_status (after, 0);
  assert_setting (after->out, "summary-k", "7");
  assert_setting (after->out, "auto-lock-max-minutes", "15");
  assert_setting (after->out, "auto-lock-min-minutes", "1");
  assert_setting (after->out, "meeting-reminder-first-hours", "24");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* The program's messages are UTF-8; show them as they are in the log. */
  setlocale (LC_ALL, "C.UTF-8");

  g_assert_nonnull (g_getenv ("SAMVERKA_CLI"));

#define ADD(path, setup, func) \
  g_test_add (path, Fixture, NULL, setup, func, teardown)

  ADD ("/cli/init", setup_empty, test_init);
  ADD ("/cli/user-list", setup_database, test_user_list);
  ADD ("/cli/passphrase-file", setup_database, test_passphrase_file);
  ADD ("/cli/unlock/wrong-passphrase", setup_database, test_wrong_passphrase);
  ADD ("/cli/unlock/unknown-user", setup_database, test_unknown_user);
  ADD ("/cli/unlock/backed-off", setup_database, test_backed_off);
  ADD ("/cli/integrity/flipped-byte", setup_database, test_flipped_byte);
  ADD ("/cli/integrity/flipped-byte-first-page", setup_database, test_flipped_byte_first_page);
  ADD ("/cli/integrity/foreign-file", setup_database, test_foreign_file);
  ADD ("/cli/integrity/keys-truncated", setup_database, test_keys_truncated);
  ADD ("/cli/integrity/keys-edited", setup_database, test_keys_edited);
  ADD ("/cli/missing-database", setup_empty, test_missing_database);
  ADD ("/cli/policy", setup_database, test_policy);
  ADD ("/cli/bad-input", setup_database, test_bad_input);
  ADD ("/cli/user-role", setup_database, test_user_role);
  ADD ("/cli/areas", setup_database, test_areas);
  ADD ("/cli/usage", setup_empty, test_usage);
  ADD ("/cli/help", setup_empty, test_help);
  ADD ("/cli/passwd/one-time", setup_database, test_one_time_passphrase);
  ADD ("/cli/passwd/new-from-stdin", setup_database, test_new_passphrase_from_stdin);
  ADD ("/cli/passwd/reset", setup_database, test_reset_passphrase);
  ADD ("/cli/user-disable", setup_database, test_disable);
  ADD ("/cli/backup-restore", setup_database, test_backup_restore);
  ADD ("/cli/restore-damaged", setup_database, test_restore_damaged);
  ADD ("/cli/recover", setup_database, test_recover);
  ADD ("/cli/demo", setup_empty, test_demo);
  ADD ("/cli/default-database", setup_empty, test_default_database);
  ADD ("/cli/terminal", setup_empty, test_terminal);
  ADD ("/cli/summary", setup_empty, test_summary);
  ADD ("/cli/settings", setup_database, test_settings);

#undef ADD

  return g_test_run ();
}
