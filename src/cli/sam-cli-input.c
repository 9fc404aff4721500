/* sam-cli-input.c: reading passphrases without leaving copies behind
 *
 * Passphrases are read one byte at a time with read(2), straight into
 * libsodium's guarded memory, so that no stdio buffer ever holds them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "samverka-cli"

#include "config.h"

#include "sam-cli-input.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sodium.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "sam-cli.h"

/* The terminal settings to put back if a signal arrives during a prompt. */
static struct termios saved_termios;

static gboolean
read_byte (int      fd,
           guint8  *out_byte,
           GError **error)
{
  ssize_t n;

  do
    n = read (fd, out_byte, 1);
  while (n < 0 && errno == EINTR);

  if (n < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not read a passphrase: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  return n == 1;
}

static SamSecret *
secret_from_buffer (SamSecret *buffer,
                    gsize      length)
{
  const guint8 *data = sam_secret_get_data (buffer);

  /* A line from a file written on Windows ends in "\r\n". */
  if (length > 0 && data[length - 1] == '\r')
    length--;

  return sam_secret_new_from_data (data, length);
}

/**
 * sam_cli_read_secret_line:
 * @fd: the file descriptor to read from
 * @error: return location for a #GError
 *
 * Reads one line, without its newline, into secure memory.
 *
 * Returns: (nullable): the line, or %NULL with @error unset at the end of
 *   the input
 */
SamSecret *
sam_cli_read_secret_line (int      fd,
                          GError **error)
{
  g_autoptr(SamSecret) buffer = sam_secret_new (SAM_CLI_SECRET_MAX_LENGTH);
  guint8 *data = sam_secret_get_mutable_data (buffer);
  g_autoptr(GError) local_error = NULL;
  gboolean got_any = FALSE;
  gsize length = 0;
  guint8 byte = 0;

  while (read_byte (fd, &byte, &local_error))
    {
      got_any = TRUE;
      if (byte == '\n')
        break;

      if (length == SAM_CLI_SECRET_MAX_LENGTH)
        {
          sodium_memzero (&byte, sizeof byte);
          g_set_error (error, SAM_CLI_ERROR, SAM_CLI_ERROR_INPUT,
                       _("A passphrase may be at most %d bytes long."),
                       SAM_CLI_SECRET_MAX_LENGTH);
          return NULL;
        }
      data[length++] = byte;
    }
  sodium_memzero (&byte, sizeof byte);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!got_any)
    return NULL;

  return secret_from_buffer (buffer, length);
}

/**
 * sam_cli_read_secret_file:
 * @path: a file whose first line is the secret
 * @error: return location for a #GError
 *
 * Returns: (nullable): the first line, or %NULL with @error unset when the
 *   file is empty
 */
SamSecret *
sam_cli_read_secret_file (const char  *path,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  SamSecret *secret;
  int fd;

  fd = g_open (path, O_RDONLY, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not open the passphrase file “%s”: %s"),
                   path, g_strerror (saved_errno));
      return NULL;
    }

  secret = sam_cli_read_secret_line (fd, &local_error);
  close (fd);

  if (local_error != NULL)
    g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                _("Passphrase file “%s”: "), path);

  return secret;
}

static void
restore_terminal_and_die (int signum)
{
  tcsetattr (STDIN_FILENO, TCSANOW, &saved_termios);
  signal (signum, SIG_DFL);
  raise (signum);
}

static void
set_prompt_signal_handlers (void (*handler) (int))
{
  struct sigaction action = { 0 };

  action.sa_handler = handler;
  sigemptyset (&action.sa_mask);
  sigaction (SIGINT, &action, NULL);
  sigaction (SIGTERM, &action, NULL);
  sigaction (SIGHUP, &action, NULL);
  sigaction (SIGQUIT, &action, NULL);
}

/**
 * sam_cli_prompt_secret:
 * @prompt: what to ask, written to standard error
 * @error: return location for a #GError
 *
 * Asks on the terminal of standard input, with echo turned off.
 *
 * Returns: (nullable): the answer, or %NULL with @error unset when the
 *   terminal reached the end of input (Ctrl+D)
 */
SamSecret *
sam_cli_prompt_secret (const char  *prompt,
                       GError     **error)
{
  struct termios quiet;
  SamSecret *secret;

  if (tcgetattr (STDIN_FILENO, &saved_termios) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not turn off echo on the terminal: %s"),
                   g_strerror (saved_errno));
      return NULL;
    }

  quiet = saved_termios;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  quiet.c_lflag |= ECHONL;

  set_prompt_signal_handlers (restore_terminal_and_die);
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
  g_printerr ("%s", prompt);

  secret = sam_cli_read_secret_line (STDIN_FILENO, error);

  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);
  set_prompt_signal_handlers (SIG_DFL);

  return secret;
}

static gboolean
write_all (const char  *data,
           gsize        length,
           GError     **error)
{
  while (length > 0)
    {
      ssize_t n = write (STDOUT_FILENO, data, length);

      if (n < 0 && errno == EINTR)
        continue;

      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("Could not write to standard output: %s"),
                       g_strerror (saved_errno));
          return FALSE;
        }

      data += n;
      length -= (gsize) n;
    }

  return TRUE;
}

/**
 * sam_cli_print_secret:
 * @secret: a one-time passphrase or a recovery code
 * @error: return location for a #GError
 *
 * Prints @secret on a line of its own, indented by four spaces, with
 * write(2), so that neither a stdio buffer nor a formatted copy keeps it.
 *
 * Returns: %TRUE if the whole line was written
 */
gboolean
sam_cli_print_secret (const SamSecret  *secret,
                      GError          **error)
{
  fflush (stdout);

  return write_all ("    ", 4, error) &&
         write_all (sam_secret_get_string (secret),
                    sam_secret_get_string_length (secret), error) &&
         write_all ("\n", 1, error);
}
