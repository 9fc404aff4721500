/* sam-mapping-store.h: the mapping of risk and protective factors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-catalogue.h"
#include "sam-session.h"

G_BEGIN_DECLS

/**
 * SAM_FACTOR_SCORE_MAX:
 *
 * The highest score a factor can have; the lowest is 0.
 */
#define SAM_FACTOR_SCORE_MAX          3

/**
 * SAM_MAPPING_COMMENT_MAX_CHARS:
 *
 * The longest comment on a mapping, in characters.
 */
#define SAM_MAPPING_COMMENT_MAX_CHARS 4000

/**
 * SamFactorScore:
 * @kind: %SAM_CATALOGUE_KIND_RISK_FACTOR or
 *   %SAM_CATALOGUE_KIND_PROTECTIVE_FACTOR
 * @code: the factor's catalogue code
 * @label: the factor's translated label; filled in when read back, ignored
 *   when recording
 * @score: 0 to %SAM_FACTOR_SCORE_MAX
 *
 * One factor's score. The strings are static or interned: never free them.
 */
typedef struct
{
  SamCatalogueKind  kind;
  const char       *code;
  const char       *label;
  int               score;
} SamFactorScore;

/**
 * SamMapping:
 * @id: the mapping's id
 * @case_id: the case it belongs to
 * @scored_on: the day the factors were scored, `YYYY-MM-DD`
 * @comment: (nullable): a comment on the scoring
 * @recorded_by: the user who recorded it
 * @recorded_by_name: that user's display name
 * @agency_id: the recorder's agency, whose information the mapping is
 * @agency_name: that agency's name
 * @recorded_at: when it was recorded, ISO 8601 UTC
 * @follow_up_id: the follow-up it was scored at, or 0
 * @scores: (element-type SamFactorScore): the scores, risk factors first,
 *   each kind in catalogue order
 *
 * One scoring of a case's factors. Free with sam_mapping_free().
 */
typedef struct
{
  gint64  id;
  gint64  case_id;
  char   *scored_on;
  char   *comment;
  gint64  recorded_by;
  char   *recorded_by_name;
  gint64  agency_id;
  char   *agency_name;
  char   *recorded_at;
  gint64  follow_up_id;
  GArray *scores;
} SamMapping;

/**
 * SamFactorPoint:
 * @date: the mapping's day, `YYYY-MM-DD`
 * @score: the factor's score that day
 * @mapping_id: the mapping it comes from
 *
 * One point of a factor's series.
 */
typedef struct
{
  char    date[11];
  int     score;
  gint64  mapping_id;
} SamFactorPoint;

/**
 * SamFactorSeries:
 * @kind: risk or protective factor
 * @code: the factor's catalogue code; static or interned
 * @label: the translated label; static or interned
 * @points: (element-type SamFactorPoint): the factor's scores, oldest first
 *
 * One factor's scores over time, across the mappings the viewer may see.
 * Free with sam_factor_series_free().
 */
typedef struct
{
  SamCatalogueKind  kind;
  const char       *code;
  const char       *label;
  GArray           *points;
} SamFactorSeries;

void        sam_mapping_free                (SamMapping            *mapping);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamMapping, sam_mapping_free)
void        sam_factor_series_free          (SamFactorSeries       *series);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamFactorSeries, sam_factor_series_free)

gboolean    sam_factor_series_get_change    (const SamFactorSeries *series,
                                             int                   *out_first,
                                             int                   *out_latest,
                                             int                   *out_change);

gint64      sam_mapping_store_record        (SamSession            *session,
                                             gint64                 case_id,
                                             const char            *scored_on,
                                             const char            *comment,
                                             const SamFactorScore  *scores,
                                             guint                  n_scores,
                                             GError               **error);
GPtrArray  *sam_mapping_store_list          (SamSession            *session,
                                             gint64                 case_id,
                                             GError               **error);
GPtrArray  *sam_mapping_store_get_series    (SamSession            *session,
                                             gint64                 case_id,
                                             GError               **error);

G_END_DECLS
