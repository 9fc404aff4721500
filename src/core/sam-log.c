/* sam-log.c: where Samverka's log records go
 *
 * The audit log's head is the one record that must reach the system log
 * whatever the log level, because a copy outside the database is what
 * reveals a log whose tail was cut off (DESIGN §5). Everything else goes
 * where GLib would send it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-log"

#include "config.h"

#include "sam-log.h"

#include <syslog.h>

#include "sam-audit.h"

static const char *
find_field (const GLogField *fields,
            gsize            n_fields,
            const char      *key)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, key) && fields[i].length < 0)
        return fields[i].value;
    }

  return NULL;
}

/**
 * sam_log_writer:
 *
 * A #GLogWriterFunc for g_log_set_writer_func(). Records that carry an
 * audit anchor go to the systemd journal, or to syslog where there is no
 * journal; all others to g_log_writer_default().
 *
 * Returns: whether the record was handled
 */
GLogWriterOutput
sam_log_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  const char *message;

  if (find_field (fields, n_fields, SAM_AUDIT_LOG_FIELD_ANCHOR) == NULL)
    return g_log_writer_default (log_level, fields, n_fields, user_data);

  if (g_log_writer_journald (log_level, fields, n_fields, user_data) == G_LOG_WRITER_HANDLED)
    return G_LOG_WRITER_HANDLED;

  message = find_field (fields, n_fields, "MESSAGE");
  if (message != NULL)
    syslog (LOG_USER | LOG_INFO, "%s", message);

  return G_LOG_WRITER_HANDLED;
}
