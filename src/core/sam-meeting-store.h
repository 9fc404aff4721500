/* sam-meeting-store.h: SSPF network meetings (nätverksmöten)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-session.h"

G_BEGIN_DECLS

/**
 * SamMeetingStatus:
 * @SAM_MEETING_PLANNED: scheduled, not yet held
 * @SAM_MEETING_HELD: took place; final
 * @SAM_MEETING_CANCELLED: called off; final
 *
 * A meeting's status (DESIGN §2, step 6). Only a planned meeting moves:
 * to held or to cancelled.
 */
typedef enum
{
  SAM_MEETING_PLANNED,
  SAM_MEETING_HELD,
  SAM_MEETING_CANCELLED,
  SAM_N_MEETING_STATUSES
} SamMeetingStatus;

/**
 * SamMeetingParticipantKind:
 * @SAM_MEETING_PARTICIPANT_USER: a staff member, from any agency on the team
 * @SAM_MEETING_PARTICIPANT_GUARDIAN: one of the young person's guardians
 * @SAM_MEETING_PARTICIPANT_YOUNG_PERSON: the young person themself
 */
typedef enum
{
  SAM_MEETING_PARTICIPANT_USER,
  SAM_MEETING_PARTICIPANT_GUARDIAN,
  SAM_MEETING_PARTICIPANT_YOUNG_PERSON,
} SamMeetingParticipantKind;

/**
 * SamMeetingParticipant:
 * @kind: staff, guardian or the young person
 * @user_id: the staff member, or 0
 * @guardian_id: the guardian, or 0
 * @display_name: the staff member's display name, the guardian's name or
 *   the young person's name
 * @agency_id: a staff member's agency, or 0
 * @agency_name: (nullable): that agency's name
 */
typedef struct
{
  SamMeetingParticipantKind  kind;
  gint64                     user_id;
  gint64                     guardian_id;
  char                      *display_name;
  gint64                     agency_id;
  char                      *agency_name;
} SamMeetingParticipant;

/**
 * SamMeeting:
 * @id: the meeting's id
 * @case_id: its case
 * @case_number: the case's number, SV-YYYY-NNNN
 * @starts_at: when it starts, ISO 8601 UTC `YYYY-MM-DDTHH:MM:SSZ`
 * @duration_minutes: how long, 5 to 600 minutes
 * @place: where
 * @status: planned, held or cancelled
 * @agenda: (nullable): the agenda
 * @minutes: (nullable): the minutes
 * @decisions: (nullable): what was decided
 * @created_by: who scheduled it
 * @created_by_name: their display name
 * @agency_id: their agency, which owns the meeting for the policy's agency rule
 * @agency_name: that agency's name
 * @created_at: when it was scheduled, ISO 8601 UTC
 * @updated_at: when it last changed, ISO 8601 UTC
 * @participants: (element-type SamMeetingParticipant): staff first, by
 *   name, then guardians, then the young person
 *
 * One meeting as read back. Free with sam_meeting_free().
 */
typedef struct
{
  gint64            id;
  gint64            case_id;
  char             *case_number;
  char             *starts_at;
  guint             duration_minutes;
  char             *place;
  SamMeetingStatus  status;
  char             *agenda;
  char             *minutes;
  char             *decisions;
  gint64            created_by;
  char             *created_by_name;
  gint64            agency_id;
  char             *agency_name;
  char             *created_at;
  char             *updated_at;
  GPtrArray        *participants;
} SamMeeting;

/**
 * SamMeetingDraft:
 * @starts_at: ISO 8601 with a time zone, such as `2026-03-14T13:00:00Z` or
 *   `2026-03-14T14:00:00+01:00`; stored in UTC
 * @duration_minutes: 5 to 600
 * @place: 1 to %SAM_SHORT_TEXT_MAX_CHARS characters, one line
 * @agenda: (nullable): up to %SAM_LONG_TEXT_MAX_CHARS characters
 * @user_ids: (array length=n_users) (nullable): staff on the case's team or
 *   its coordinator, enabled
 * @n_users: the number of @user_ids
 * @guardian_ids: (array length=n_guardians) (nullable): guardians of the
 *   case's young person
 * @n_guardians: the number of @guardian_ids
 * @include_young_person: whether the young person takes part
 *
 * A meeting to schedule. Repeated participants count once.
 */
typedef struct
{
  const char    *starts_at;
  guint          duration_minutes;
  const char    *place;
  const char    *agenda;
  const gint64  *user_ids;
  guint          n_users;
  const gint64  *guardian_ids;
  guint          n_guardians;
  gboolean       include_young_person;
} SamMeetingDraft;

const char *sam_meeting_status_to_string       (SamMeetingStatus        status);
gboolean    sam_meeting_status_from_string     (const char             *string,
                                                SamMeetingStatus       *out_status);
const char *sam_meeting_status_get_label       (SamMeetingStatus        status);
gboolean    sam_meeting_status_can_change      (SamMeetingStatus        from,
                                                SamMeetingStatus        to);

void        sam_meeting_participant_free       (SamMeetingParticipant  *participant);
void        sam_meeting_free                   (SamMeeting             *meeting);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamMeetingParticipant, sam_meeting_participant_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamMeeting, sam_meeting_free)

gint64      sam_meeting_store_schedule         (SamSession             *session,
                                                gint64                  case_id,
                                                const SamMeetingDraft  *draft,
                                                GError                **error);
gboolean    sam_meeting_store_reschedule       (SamSession             *session,
                                                gint64                  meeting_id,
                                                const char             *starts_at,
                                                guint                   duration_minutes,
                                                const char             *place,
                                                GError                **error);
gboolean    sam_meeting_store_update_agenda    (SamSession             *session,
                                                gint64                  meeting_id,
                                                const char             *agenda,
                                                GError                **error);
gboolean    sam_meeting_store_set_participants (SamSession             *session,
                                                gint64                  meeting_id,
                                                const SamMeetingDraft  *draft,
                                                GError                **error);
gboolean    sam_meeting_store_record_minutes   (SamSession             *session,
                                                gint64                  meeting_id,
                                                const char             *minutes,
                                                const char             *decisions,
                                                GError                **error);
gboolean    sam_meeting_store_set_status       (SamSession             *session,
                                                gint64                  meeting_id,
                                                SamMeetingStatus        status,
                                                GError                **error);

SamMeeting *sam_meeting_store_get              (SamSession             *session,
                                                gint64                  meeting_id,
                                                GError                **error);
GPtrArray  *sam_meeting_store_list_for_case    (SamSession             *session,
                                                gint64                  case_id,
                                                GError                **error);
GPtrArray  *sam_meeting_store_list_range       (SamSession             *session,
                                                const char             *from_iso,
                                                const char             *to_iso,
                                                guint                   limit,
                                                GError                **error);

G_END_DECLS
