/* sam-note-store.h: the case journal, written per agency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-session.h"

G_BEGIN_DECLS

/**
 * SamNote:
 * @id: the note's id
 * @case_id: the case whose journal it belongs to
 * @author_id: the user who wrote it
 * @author_name: the author's display name
 * @agency_id: the author's agency when it was written
 * @agency_name: that agency's name
 * @written_at: when it was written, ISO 8601 UTC
 * @text: the note, free text
 * @shared_in_sspf: for social services' notes, whether the author shared it
 *   with the SSPF team; always %TRUE for other agencies' notes, which
 *   consent alone governs
 *
 * One journal note as read back. Free with sam_note_free().
 */
typedef struct
{
  gint64    id;
  gint64    case_id;
  gint64    author_id;
  char     *author_name;
  gint64    agency_id;
  char     *agency_name;
  char     *written_at;
  char     *text;
  gboolean  shared_in_sspf;
} SamNote;

void       sam_note_free           (SamNote      *note);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamNote, sam_note_free)

SamNote   *sam_note_store_write    (SamSession   *session,
                                    gint64        case_id,
                                    const char   *text,
                                    gboolean      shared_in_sspf,
                                    GError      **error);
GPtrArray *sam_note_store_list     (SamSession   *session,
                                    gint64        case_id,
                                    GError      **error);

G_END_DECLS
