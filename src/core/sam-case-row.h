/* sam-case-row.h: one row of the case list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sam-case-store.h"

G_BEGIN_DECLS

#define SAM_TYPE_CASE_ROW (sam_case_row_get_type ())

G_DECLARE_FINAL_TYPE (SamCaseRow, sam_case_row, SAM, CASE_ROW, GObject)

gint64         sam_case_row_get_id                (SamCaseRow    *self);
const char    *sam_case_row_get_number            (SamCaseRow    *self);
gint64         sam_case_row_get_person_id         (SamCaseRow    *self);
const char    *sam_case_row_get_person_name       (SamCaseRow    *self);
guint          sam_case_row_get_age               (SamCaseRow    *self);
SamCaseStatus  sam_case_row_get_status            (SamCaseRow    *self);
const char    *sam_case_row_get_status_label      (SamCaseRow    *self);
gint64         sam_case_row_get_coordinator_id    (SamCaseRow    *self);
const char    *sam_case_row_get_opened_at         (SamCaseRow    *self);
const char    *sam_case_row_get_next_date         (SamCaseRow    *self);
gboolean       sam_case_row_get_consent_in_force  (SamCaseRow    *self);
gboolean       sam_case_row_get_is_placeholder    (SamCaseRow    *self);

/* For SamCaseList, which fills rows from its page queries. */
SamCaseRow    *_sam_case_row_new                  (gint64         id,
                                                   const char    *number,
                                                   gint64         person_id,
                                                   const char    *family_name,
                                                   const char    *given_name,
                                                   guint          age,
                                                   SamCaseStatus  status,
                                                   gint64         coordinator_id,
                                                   const char    *opened_at,
                                                   gboolean       consent_in_force);
SamCaseRow    *_sam_case_row_new_placeholder      (void);

G_END_DECLS
