/* sam-case-team.h: who works on a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-session.h"

G_BEGIN_DECLS

/**
 * SamTeamMember:
 * @user_id: the staff member
 * @display_name: their display name
 * @agency_id: their agency
 * @agency_name: that agency's name
 * @is_coordinator: they coordinate the case
 *
 * One staff member working on a case. Free with sam_team_member_free().
 */
typedef struct
{
  gint64    user_id;
  char     *display_name;
  gint64    agency_id;
  char     *agency_name;
  gboolean  is_coordinator;
} SamTeamMember;

void        sam_team_member_free  (SamTeamMember  *member);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamTeamMember, sam_team_member_free)

GPtrArray  *sam_case_team_list    (SamSession     *session,
                                   gint64          case_id,
                                   GError        **error);

G_END_DECLS
