/* sam-search.h: full-text search over what the viewer may see
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-session.h"

G_BEGIN_DECLS

/**
 * SamSearchHitKind:
 * @SAM_SEARCH_HIT_PERSON: a young person, found by name or personnummer
 * @SAM_SEARCH_HIT_CASE: a case, found by its number or its young person's name
 * @SAM_SEARCH_HIT_CONCERN: a concern, found by its description
 * @SAM_SEARCH_HIT_NOTE: a journal note, found by its text
 *
 * What a search hit points at.
 */
typedef enum
{
  SAM_SEARCH_HIT_PERSON,
  SAM_SEARCH_HIT_CASE,
  SAM_SEARCH_HIT_CONCERN,
  SAM_SEARCH_HIT_NOTE,
  SAM_N_SEARCH_HIT_KINDS
} SamSearchHitKind;

/**
 * SamSearchHit:
 * @kind: what was found
 * @object_id: the person's, case's, concern's or note's id
 * @case_id: the case it belongs to; for a person, a case of theirs that the
 *   viewer may open; 0 when there is none
 * @person_id: the young person it is about
 * @case_number: (nullable): the number of @case_id, such as SV-2026-0042,
 *   when the viewer may open that case
 * @person_name: the young person's given and family name
 * @snippet: (nullable): for concerns and notes, a short plain-text excerpt
 *   around the first matching word; %NULL for persons and cases
 *
 * One thing a search found that the viewer may see. Free with
 * sam_search_hit_free().
 */
typedef struct
{
  SamSearchHitKind  kind;
  gint64            object_id;
  gint64            case_id;
  gint64            person_id;
  char             *case_number;
  char             *person_name;
  char             *snippet;
} SamSearchHit;

/* The most characters a query may have. */
#define SAM_SEARCH_MAX_CHARS     200
/* The most words a query may have. */
#define SAM_SEARCH_MAX_WORDS     16
/* sam_search() with a limit of 0 returns at most this many hits. */
#define SAM_SEARCH_DEFAULT_LIMIT 50
/* Larger limits are cut to this. */
#define SAM_SEARCH_MAX_LIMIT     500

const char *sam_search_hit_kind_to_string (SamSearchHitKind   kind);
void        sam_search_hit_free           (SamSearchHit      *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamSearchHit, sam_search_hit_free)

GPtrArray  *sam_search                    (SamSession        *session,
                                           const char        *query,
                                           guint              limit,
                                           GError           **error);
void        sam_search_async              (SamSession          *session,
                                           const char          *query,
                                           guint                limit,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
GPtrArray  *sam_search_finish             (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
