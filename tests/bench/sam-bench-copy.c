/* sam-bench-copy.c: copying the database a benchmark works on
 *
 * A benchmark never writes the database it is given: it copies it into
 * its private folder first. The copy is then flushed to disk before
 * anything is measured. Left in the page cache as 1.5 GB of dirty pages,
 * it made the first WAL checkpoint's fdatasync() take seconds, a stall no
 * user's database would show, and the frame bench reported it as a
 * frame of 2.3 s.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sam-bench-copy.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <unistd.h>

static gboolean
flush_file (const char  *path,
            GError     **error)
{
  int fd = g_open (path, O_RDWR | O_CLOEXEC, 0);
  int saved_errno;

  if (fd >= 0 && fsync (fd) == 0)
    return g_close (fd, error);

  saved_errno = errno;
  if (fd >= 0)
    g_close (fd, NULL);
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               "Flushing %s: %s", path, g_strerror (saved_errno));
  return FALSE;
}

/**
 * sam_bench_copy_file:
 * @from: the file to copy
 * @to: the copy, made readable by its owner only, and flushed to disk
 * @error: return location for a #GError
 *
 * Returns: whether the copy was made
 */
gboolean
sam_bench_copy_file (const char  *from,
                     const char  *to,
                     GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) destination = g_file_new_for_path (to);

  if (!g_file_copy (source, destination, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
    return FALSE;

  g_chmod (to, 0600);
  return flush_file (to, error);
}
