/* sam-choices.h: the short lists a filter chooses from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-session.h"

G_BEGIN_DECLS

/**
 * SamChoice:
 * @id: the area's or user's id
 * @name: the area's name, or the user's display name
 *
 * One entry of a filter's list. Free with sam_choice_free().
 */
typedef struct
{
  gint64  id;
  char   *name;
} SamChoice;

void        sam_choice_free                (SamChoice   *choice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamChoice, sam_choice_free)

GPtrArray  *sam_choices_list_areas         (SamSession  *session,
                                            GError     **error);
GPtrArray  *sam_choices_list_coordinators  (SamSession  *session,
                                            GError     **error);

G_END_DECLS
