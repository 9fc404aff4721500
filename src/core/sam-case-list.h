/* sam-case-list.h: the cases a user may see, as a lazy list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sam-case-row.h"
#include "sam-case-store.h"
#include "sam-session.h"

G_BEGIN_DECLS

/**
 * SamCaseSort:
 * @SAM_CASE_SORT_NEWEST_FIRST: most recently opened first (the default)
 * @SAM_CASE_SORT_OLDEST_FIRST: longest open first
 *
 * The order of a #SamCaseList. Cases opened in the same second are ordered
 * by id, in the same direction.
 */
typedef enum
{
  SAM_CASE_SORT_NEWEST_FIRST,
  SAM_CASE_SORT_OLDEST_FIRST,
  SAM_N_CASE_SORTS
} SamCaseSort;

/**
 * SamCaseFilter:
 * @status: a #SamCaseStatus, or -1 for any
 * @area_id: only young persons living in this area, or 0 for any. A young
 *   person with a protected identity only matches for the coordinator of
 *   one of their cases, since the area may give away where they live
 * @coordinator_id: only cases this user coordinates, or 0 for any
 * @mine: only cases the viewer is on the team of or coordinates
 * @sort: the order
 *
 * Narrows what a #SamCaseList shows; it never widens what the viewer may
 * see. Start from sam_case_filter_init(), which sets "anything, newest
 * first".
 */
typedef struct
{
  int          status;
  gint64       area_id;
  gint64       coordinator_id;
  gboolean     mine;
  SamCaseSort  sort;
} SamCaseFilter;

#define SAM_TYPE_CASE_LIST (sam_case_list_get_type ())

G_DECLARE_FINAL_TYPE (SamCaseList, sam_case_list, SAM, CASE_LIST, GObject)

void           sam_case_filter_init          (SamCaseFilter        *filter);

SamCaseList   *sam_case_list_new             (SamSession           *session,
                                              const SamCaseFilter  *filter,
                                              GError              **error);
void           sam_case_list_new_async       (SamSession           *session,
                                              const SamCaseFilter  *filter,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
SamCaseList   *sam_case_list_new_finish      (GAsyncResult         *result,
                                              GError              **error);
SamSession    *sam_case_list_get_session     (SamCaseList          *self);
gboolean       sam_case_list_refresh         (SamCaseList          *self,
                                              GError              **error);
void           sam_case_list_refresh_async   (SamCaseList          *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean       sam_case_list_refresh_finish  (GAsyncResult         *result,
                                              GError              **error);
void           sam_case_list_clear           (SamCaseList          *self);

/* Rows per page, and pages kept at most (2 048 rows). Pages of 64 rows
 * showed the first page after unlocking about 8 ms sooner at 100 000
 * persons, but scrolling then loaded four times as many pages, each
 * replacing the rows' widgets, and had more long frames
 * (docs/performance.md). The tests hold for any size. */
#define SAM_CASE_LIST_PAGE_SIZE 256
#define SAM_CASE_LIST_MAX_PAGES 8

/* For tests: pages read since the list was made, how many of those were
 * read by OFFSET rather than from a neighbour's key, and pages held now. */
void           _sam_case_list_get_page_stats (SamCaseList          *self,
                                              guint                *out_loaded,
                                              guint                *out_by_offset,
                                              guint                *out_cached);
/* For tests and the UI's own tests: page loads in flight, and waiting
 * for them on the list's thread. */
gboolean       _sam_case_list_is_loading     (SamCaseList          *self);
void           _sam_case_list_wait_idle      (SamCaseList          *self);

G_END_DECLS
