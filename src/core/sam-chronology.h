/* sam-chronology.h: one time line of everything in a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-session.h"

G_BEGIN_DECLS

/**
 * SamChronologyKind:
 * @SAM_CHRONOLOGY_CASE_OPENED: the case was opened
 * @SAM_CHRONOLOGY_CONCERN: a concern linked to the case was logged
 * @SAM_CHRONOLOGY_CONSENT_RECORDED: a written consent was recorded
 * @SAM_CHRONOLOGY_CONSENT_WITHDRAWN: a consent was withdrawn
 * @SAM_CHRONOLOGY_NOTE: a journal note was written
 * @SAM_CHRONOLOGY_CASE_CLOSED: the case was closed
 * @SAM_CHRONOLOGY_PLAN_CHANGED: a goal or action of the plan was added or
 *   changed; @object_id is the plan change's id, @text says what changed
 * @SAM_CHRONOLOGY_MAPPING_RECORDED: the factors were scored (a mapping made
 *   at a follow-up shows as that follow-up instead)
 * @SAM_CHRONOLOGY_FOLLOW_UP_SCHEDULED: a follow-up was scheduled; the text
 *   gives its due date
 * @SAM_CHRONOLOGY_FOLLOW_UP_HELD: a follow-up was held; the text is its notes
 * @SAM_CHRONOLOGY_MEETING_SCHEDULED: a network meeting was scheduled; the
 *   text is its place
 * @SAM_CHRONOLOGY_MEETING_HELD: a meeting was held, at its start time; the
 *   text is its decisions
 * @SAM_CHRONOLOGY_MEETING_CANCELLED: a meeting was cancelled
 *
 * What a chronology item records. Items at the same time come in this
 * order.
 */
typedef enum
{
  SAM_CHRONOLOGY_CASE_OPENED,
  SAM_CHRONOLOGY_CONCERN,
  SAM_CHRONOLOGY_CONSENT_RECORDED,
  SAM_CHRONOLOGY_CONSENT_WITHDRAWN,
  SAM_CHRONOLOGY_NOTE,
  SAM_CHRONOLOGY_CASE_CLOSED,
  SAM_CHRONOLOGY_PLAN_CHANGED,
  SAM_CHRONOLOGY_MAPPING_RECORDED,
  SAM_CHRONOLOGY_FOLLOW_UP_SCHEDULED,
  SAM_CHRONOLOGY_FOLLOW_UP_HELD,
  SAM_CHRONOLOGY_MEETING_SCHEDULED,
  SAM_CHRONOLOGY_MEETING_HELD,
  SAM_CHRONOLOGY_MEETING_CANCELLED,
  SAM_N_CHRONOLOGY_KINDS
} SamChronologyKind;

/**
 * SamChronologyItem:
 * @kind: what happened
 * @object_id: the case's, concern's, consent's or note's id
 * @time: when, ISO 8601 UTC
 * @author_id: who wrote or recorded it, or 0 where that is not recorded
 *   (the case opening and closing, a withdrawal)
 * @author_name: (nullable): the author's display name
 * @agency_id: the agency it comes from, or 0 with no author
 * @agency_name: (nullable): that agency's name
 * @title: a translated heading, such as "Concern logged"; not to be freed
 * @text: (nullable): the concern's description, the note's text or the
 *   consent's purpose; %NULL for the other kinds
 *
 * One entry of a case's chronology. Free with sam_chronology_item_free().
 */
typedef struct
{
  SamChronologyKind  kind;
  gint64             object_id;
  char              *time;
  gint64             author_id;
  char              *author_name;
  gint64             agency_id;
  char              *agency_name;
  const char        *title;
  char              *text;
} SamChronologyItem;

const char *sam_chronology_kind_to_string (SamChronologyKind   kind);
const char *sam_chronology_kind_get_title (SamChronologyKind   kind);
void        sam_chronology_item_free      (SamChronologyItem  *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamChronologyItem, sam_chronology_item_free)

GPtrArray  *sam_chronology_for_case       (SamSession         *session,
                                           gint64              case_id,
                                           GError            **error);

G_END_DECLS
