/* sam-mapping-store.c: the mapping of risk and protective factors
 *
 * A mapping (kartläggning, DESIGN §2 step 5) scores a case's risk and
 * protective factors from the catalogue, each 0 to 3, on one day. The
 * scoring is repeated at every follow-up (step 8), so a case holds a
 * series of mappings and each factor a series of scores: the change over
 * time is what the mapping view charts.
 *
 * Social services on the case's team record mappings (MAPPING_WRITE). A
 * mapping is its recording agency's information: who else sees it follows
 * the policy's item rule (CASE_ITEM_VIEW), so another agency on the team
 * sees it only while a consent in force covers both agencies. A mapping
 * the viewer may not see is not there at all, and neither are its points
 * in the series.
 *
 * Nothing is recorded on a closed case. A mapping is never changed after
 * it is recorded: a new scoring is a new mapping.
 *
 * Audit: recording is one CREATE row (object `mapping`, with the case and
 * the person); listing the mappings is one VIEW row (object `mapping`,
 * reason `count:N`), the series one VIEW row (object `mapping_series`,
 * reason `count:N`, the number of mappings it draws on).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-mapping-store"

#include "config.h"

#include "sam-mapping-store.h"
#include "sam-mapping-store-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sam-database-private.h"
#include "sam-error.h"
#include "sam-policy.h"
#include "sam-store-private.h"
#include "sam-validate.h"

/* A code is an ASCII identifier; anything longer is not one. */
#define CODE_MAX_CHARS 64

#define MAPPING_COLUMNS \
  "m.id, m.case_id, m.scored_on, m.comment, m.recorded_by, u.display_name, m.agency_id," \
  " a.name, m.recorded_at," \
  " (SELECT f.id FROM follow_ups f WHERE f.mapping_id = m.id)"

#define MAPPING_FROM \
  " FROM mappings m JOIN users u ON u.id = m.recorded_by JOIN agencies a ON a.id = m.agency_id"

enum
{
  COLUMN_ID,
  COLUMN_CASE_ID,
  COLUMN_SCORED_ON,
  COLUMN_COMMENT,
  COLUMN_RECORDED_BY,
  COLUMN_RECORDED_BY_NAME,
  COLUMN_AGENCY_ID,
  COLUMN_AGENCY_NAME,
  COLUMN_RECORDED_AT,
  COLUMN_FOLLOW_UP_ID,
};

/* Helpers ------------------------------------------------------------------ */

static SamDatabase *
database_of (SamSession *session)
{
  return sam_session_get_database (session);
}

static gboolean
is_factor_kind (SamCatalogueKind kind)
{
  return kind == SAM_CATALOGUE_KIND_RISK_FACTOR || kind == SAM_CATALOGUE_KIND_PROTECTIVE_FACTOR;
}

/* A stored code the running catalogue does not know (written by another
 * version) still reads back, labelled by its code. Interned, so that
 * every score's strings are static and nothing needs freeing. */
static void
describe_factor (SamCatalogueKind   kind,
                 const char        *code,
                 const char       **out_code,
                 const char       **out_label,
                 guint             *out_sort)
{
  const SamCatalogueEntry *entry = sam_catalogue_lookup (kind, code);

  if (entry != NULL)
    {
      *out_code = entry->code;
      *out_label = sam_catalogue_entry_get_label (entry);
      *out_sort = entry->sort;
      return;
    }

  *out_code = g_intern_string (code);
  *out_label = *out_code;
  *out_sort = G_MAXUINT;
}

/* Risk factors first, then each kind in catalogue order. */
static int
compare_factors (SamCatalogueKind  kind_a,
                 const char       *code_a,
                 SamCatalogueKind  kind_b,
                 const char       *code_b)
{
  const char *code, *label;
  guint sort_a, sort_b;

  if (kind_a != kind_b)
    return kind_a < kind_b ? -1 : 1;

  describe_factor (kind_a, code_a, &code, &label, &sort_a);
  describe_factor (kind_b, code_b, &code, &label, &sort_b);
  if (sort_a != sort_b)
    return sort_a < sort_b ? -1 : 1;

  return g_strcmp0 (code_a, code_b);
}

static int
compare_scores (gconstpointer a,
                gconstpointer b)
{
  const SamFactorScore *x = a;
  const SamFactorScore *y = b;

  return compare_factors (x->kind, x->code, y->kind, y->code);
}

static int
compare_series (gconstpointer a,
                gconstpointer b)
{
  const SamFactorSeries *x = *(SamFactorSeries * const *) a;
  const SamFactorSeries *y = *(SamFactorSeries * const *) b;

  return compare_factors (x->kind, x->code, y->kind, y->code);
}

/* The case's young person and status, for the audit row and the check that
 * the case is still open. */
static gboolean
read_case (SamSession  *session,
           gint64       case_id,
           gint64      *out_person_id,
           gboolean    *out_closed,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT person_id, status = 'closed' FROM cases WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return _sam_store_not_found (error, _("Case: there is no such case."));
  if (rc != SQLITE_ROW)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Reading a case"));
      return FALSE;
    }

  *out_person_id = sqlite3_column_int64 (stmt, 0);
  if (out_closed != NULL)
    *out_closed = sqlite3_column_int (stmt, 1) != 0;

  return TRUE;
}

/* Validation --------------------------------------------------------------- */

static gboolean
validate_score (const SamFactorScore  *score,
                GError               **error)
{
  const SamCatalogueEntry *entry;

  if (!is_factor_kind (score->kind))
    return _sam_store_invalid (error, _("Scores: a score must be for a risk factor or a "
                                        "protective factor."));

  if (!sam_validate_text (C_("mapping", "Scores"), score->code, 1, CODE_MAX_CHARS,
                          SAM_TEXT_SINGLE_LINE, error))
    return FALSE;

  entry = sam_catalogue_lookup (score->kind, score->code);
  if (entry == NULL && score->kind == SAM_CATALOGUE_KIND_RISK_FACTOR)
    return _sam_store_invalid (error, _("Scores: “%s” is not a risk factor in the catalogue. "
                                        "Choose from the list."), score->code);
  if (entry == NULL)
    return _sam_store_invalid (error, _("Scores: “%s” is not a protective factor in the "
                                        "catalogue. Choose from the list."), score->code);

  if (score->score < 0 || score->score > SAM_FACTOR_SCORE_MAX)
    return _sam_store_invalid (error, _("%s: the score must be from 0 to 3, not %d."),
                               sam_catalogue_entry_get_label (entry), score->score);

  return TRUE;
}

static gboolean
validate_no_repeat (const SamFactorScore  *scores,
                    guint                  index,
                    GError               **error)
{
  const SamFactorScore *score = &scores[index];

  for (guint i = 0; i < index; i++)
    {
      if (scores[i].kind == score->kind && g_str_equal (scores[i].code, score->code))
        return _sam_store_invalid (error, _("%s: the factor is scored twice. Keep one score."),
                                   sam_catalogue_entry_get_label (
                                     sam_catalogue_lookup (score->kind, score->code)));
    }

  return TRUE;
}

gboolean
_sam_mapping_validate_scores (const SamFactorScore  *scores,
                              guint                  n_scores,
                              GError               **error)
{
  if (n_scores == 0 || scores == NULL)
    return _sam_store_invalid (error, _("Scores: score at least one factor."));

  for (guint i = 0; i < n_scores; i++)
    {
      if (!validate_score (&scores[i], error) ||
          !validate_no_repeat (scores, i, error))
        return FALSE;
    }

  return TRUE;
}

/* The day of a scoring is a day that has been: "today" is the local
 * calendar day, the one the social worker lives in. */
static gboolean
validate_scored_on (const char  *scored_on,
                    GError     **error)
{
  g_autofree char *today = _sam_store_today ();

  if (!sam_validate_date (C_("mapping", "Scored on"), scored_on, NULL, error))
    return FALSE;

  if (strcmp (scored_on, today) > 0)
    return _sam_store_invalid (error, _("Scored on: the date lies in the future. Write the day "
                                        "the factors were scored."));

  return TRUE;
}

/* In the order the mapping form shows the fields. */
static gboolean
validate_mapping (const char            *scored_on,
                  const char            *comment,
                  const SamFactorScore  *scores,
                  guint                  n_scores,
                  GError               **error)
{
  return validate_scored_on (scored_on, error) &&
         _sam_mapping_validate_scores (scores, n_scores, error) &&
         sam_validate_text (C_("mapping", "Comment"), comment, 0, SAM_MAPPING_COMMENT_MAX_CHARS,
                            SAM_TEXT_MULTI_LINE, error);
}

/* Writing ------------------------------------------------------------------ */

static gboolean
insert_row (SamSession  *session,
            gint64       case_id,
            const char  *scored_on,
            const char  *comment,
            gint64      *out_id,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _sam_store_now_utc ();

  stmt = _sam_database_prepare (database_of (session),
                                "INSERT INTO mappings (case_id, scored_on, comment, recorded_by,"
                                "  agency_id, recorded_at)"
                                " VALUES (?1, ?2, nullif (?3, ''), ?4, ?5, ?6)",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, case_id);
  sqlite3_bind_text (stmt, 2, scored_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, comment, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, sam_session_get_user_id (session));
  sqlite3_bind_int64 (stmt, 5, sam_session_get_agency_id (session));
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);

  if (!_sam_store_step_done (session, stmt, _("Saving a mapping"), error))
    return FALSE;

  *out_id = sqlite3_last_insert_rowid (_sam_database_get_handle (database_of (session)));
  return TRUE;
}

static gboolean
insert_scores (SamSession            *session,
               gint64                 mapping_id,
               const SamFactorScore  *scores,
               guint                  n_scores,
               GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _sam_database_prepare (database_of (session),
                                "INSERT INTO mapping_scores (mapping_id, kind, code, score)"
                                " VALUES (?1, ?2, ?3, ?4)",
                                error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < n_scores; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, mapping_id);
      sqlite3_bind_text (stmt, 2, sam_catalogue_kind_to_string (scores[i].kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, scores[i].code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 4, scores[i].score);

      if (!_sam_store_step_done (session, stmt, _("Saving a mapping"), error))
        return FALSE;
    }

  return TRUE;
}

/* Writes the mapping, its scores and its CREATE row in the caller's
 * transaction. The caller has validated everything. */
gboolean
_sam_mapping_insert (SamSession            *session,
                     gint64                 case_id,
                     gint64                 person_id,
                     const char            *scored_on,
                     const char            *comment,
                     const SamFactorScore  *scores,
                     guint                  n_scores,
                     const char            *audit_reason,
                     gint64                *out_id,
                     GError               **error)
{
  return insert_row (session, case_id, scored_on, comment, out_id, error) &&
         insert_scores (session, *out_id, scores, n_scores, error) &&
         _sam_store_audit (session, SAM_AUDIT_CREATE, "mapping", *out_id, person_id, case_id,
                           audit_reason, error);
}

static gboolean
save_mapping (SamSession            *session,
              gint64                 case_id,
              const char            *scored_on,
              const char            *comment,
              const SamFactorScore  *scores,
              guint                  n_scores,
              gint64                *out_id,
              GError               **error)
{
  gint64 person_id = 0;
  gboolean closed = FALSE;

  if (!read_case (session, case_id, &person_id, &closed, error))
    return FALSE;

  if (closed)
    return _sam_store_invalid (error, _("Case: the case is closed; its factors can no longer "
                                        "be scored."));

  return _sam_mapping_insert (session, case_id, person_id, scored_on, comment, scores, n_scores,
                              NULL, out_id, error);
}

/* Reading ------------------------------------------------------------------ */

/* One reading of a case's mappings: the policy is asked once per agency. */
typedef struct
{
  SamSession *session;
  gint64      case_id;
  GHashTable *verdicts;   /* agency id → visible */
  GPtrArray  *mappings;
  GHashTable *by_id;      /* mapping id → SamMapping, borrowed */
} Reading;

static void
reading_clear (Reading *self)
{
  g_clear_pointer (&self->verdicts, g_hash_table_unref);
  g_clear_pointer (&self->mappings, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reading, reading_clear)

static gboolean
agency_visible (Reading *self,
                gint64   agency_id)
{
  SamAccessTarget target = { .case_id = self->case_id, .item_agency_id = agency_id };
  gpointer known;
  gboolean visible;

  if (g_hash_table_lookup_extended (self->verdicts, &agency_id, NULL, &known))
    return GPOINTER_TO_INT (known);

  visible = sam_policy_may (self->session, SAM_OPERATION_CASE_ITEM_VIEW, &target);
  g_hash_table_insert (self->verdicts, g_memdup2 (&agency_id, sizeof agency_id),
                       GINT_TO_POINTER (visible));

  return visible;
}

static SamMapping *
mapping_from_row (sqlite3_stmt *stmt)
{
  SamMapping *mapping = g_new0 (SamMapping, 1);

  mapping->id = sqlite3_column_int64 (stmt, COLUMN_ID);
  mapping->case_id = sqlite3_column_int64 (stmt, COLUMN_CASE_ID);
  mapping->scored_on = _sam_store_column_dup (stmt, COLUMN_SCORED_ON);
  mapping->comment = _sam_store_column_dup (stmt, COLUMN_COMMENT);
  mapping->recorded_by = sqlite3_column_int64 (stmt, COLUMN_RECORDED_BY);
  mapping->recorded_by_name = _sam_store_column_dup (stmt, COLUMN_RECORDED_BY_NAME);
  mapping->agency_id = sqlite3_column_int64 (stmt, COLUMN_AGENCY_ID);
  mapping->agency_name = _sam_store_column_dup (stmt, COLUMN_AGENCY_NAME);
  mapping->recorded_at = _sam_store_column_dup (stmt, COLUMN_RECORDED_AT);
  mapping->follow_up_id = sqlite3_column_int64 (stmt, COLUMN_FOLLOW_UP_ID);
  mapping->scores = g_array_new (FALSE, FALSE, sizeof (SamFactorScore));

  return mapping;
}

static gboolean
read_mappings (Reading  *self,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (self->session),
                                "SELECT " MAPPING_COLUMNS MAPPING_FROM
                                " WHERE m.case_id = ?1 ORDER BY m.scored_on, m.id",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, self->case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SamMapping *mapping;

      if (!agency_visible (self, sqlite3_column_int64 (stmt, COLUMN_AGENCY_ID)))
        continue;

      mapping = mapping_from_row (stmt);
      g_ptr_array_add (self->mappings, mapping);
      g_hash_table_insert (self->by_id, &mapping->id, mapping);
    }

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (self->session), error, rc, _("Reading the mapping"));
      return FALSE;
    }

  return TRUE;
}

static void
add_score (SamMapping   *mapping,
           sqlite3_stmt *stmt)
{
  SamFactorScore score = { 0 };
  guint sort;

  if (!sam_catalogue_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &score.kind))
    return;

  describe_factor (score.kind, (const char *) sqlite3_column_text (stmt, 2),
                   &score.code, &score.label, &sort);
  score.score = sqlite3_column_int (stmt, 3);
  g_array_append_val (mapping->scores, score);
}

/* All the case's scores in one query, handed to the visible mappings. */
static gboolean
read_scores (Reading  *self,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (self->session),
                                "SELECT s.mapping_id, s.kind, s.code, s.score"
                                "  FROM mapping_scores s JOIN mappings m ON m.id = s.mapping_id"
                                " WHERE m.case_id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, self->case_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 mapping_id = sqlite3_column_int64 (stmt, 0);
      SamMapping *mapping = g_hash_table_lookup (self->by_id, &mapping_id);

      if (mapping != NULL)
        add_score (mapping, stmt);
    }

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (self->session), error, rc, _("Reading the mapping"));
      return FALSE;
    }

  for (guint i = 0; i < self->mappings->len; i++)
    {
      SamMapping *mapping = g_ptr_array_index (self->mappings, i);

      g_array_sort (mapping->scores, compare_scores);
    }

  return TRUE;
}

static gboolean
audit_reading (Reading     *self,
               const char  *object_type,
               GError     **error)
{
  g_autofree char *reason = g_strdup_printf ("count:%u", self->mappings->len);
  gint64 person_id = 0;

  return read_case (self->session, self->case_id, &person_id, NULL, error) &&
         _sam_store_audit (self->session, SAM_AUDIT_VIEW, object_type, 0, person_id,
                           self->case_id, reason, error);
}

/* The visible mappings, read and audited in one transaction. */
static GPtrArray *
read_visible (SamSession  *session,
              gint64       case_id,
              const char  *audit_object,
              GError     **error)
{
  g_auto(Reading) reading = { 0 };
  SamDatabase *database = database_of (session);

  if (!sam_policy_check_target (session, SAM_OPERATION_CASE_VIEW,
                                &(SamAccessTarget) { .case_id = case_id }, error))
    return NULL;

  reading.session = session;
  reading.case_id = case_id;
  reading.verdicts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  reading.mappings = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_mapping_free);
  reading.by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (!_sam_database_begin (database, error))
    return NULL;

  if (!read_mappings (&reading, error) ||
      !read_scores (&reading, error) ||
      !audit_reading (&reading, audit_object, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return g_steal_pointer (&reading.mappings);
}

/* Series ------------------------------------------------------------------- */

static SamFactorSeries *
series_for (GPtrArray            *all,
            GHashTable           *index,
            const SamFactorScore *score)
{
  g_autofree char *key = g_strdup_printf ("%d:%s", score->kind, score->code);
  SamFactorSeries *series = g_hash_table_lookup (index, key);

  if (series != NULL)
    return series;

  series = g_new0 (SamFactorSeries, 1);
  series->kind = score->kind;
  series->code = score->code;
  series->label = score->label;
  series->points = g_array_new (FALSE, FALSE, sizeof (SamFactorPoint));
  g_ptr_array_add (all, series);
  g_hash_table_insert (index, g_steal_pointer (&key), series);

  return series;
}

/* The mappings come oldest first, so every series does too. */
static GPtrArray *
build_series (GPtrArray *mappings)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_factor_series_free);
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < mappings->len; i++)
    {
      const SamMapping *mapping = g_ptr_array_index (mappings, i);

      for (guint j = 0; j < mapping->scores->len; j++)
        {
          const SamFactorScore *score = &g_array_index (mapping->scores, SamFactorScore, j);
          SamFactorSeries *series = series_for (all, index, score);
          SamFactorPoint point = { .score = score->score, .mapping_id = mapping->id };

          g_strlcpy (point.date, mapping->scored_on, sizeof point.date);
          g_array_append_val (series->points, point);
        }
    }

  g_ptr_array_sort (all, compare_series);
  return g_steal_pointer (&all);
}

/* Public API --------------------------------------------------------------- */

/**
 * sam_mapping_free:
 * @mapping: (nullable): a mapping
 *
 * Frees @mapping and everything it holds.
 */
void
sam_mapping_free (SamMapping *mapping)
{
  if (mapping == NULL)
    return;

  g_free (mapping->scored_on);
  g_free (mapping->comment);
  g_free (mapping->recorded_by_name);
  g_free (mapping->agency_name);
  g_free (mapping->recorded_at);
  g_clear_pointer (&mapping->scores, g_array_unref);
  g_free (mapping);
}

/**
 * sam_factor_series_free:
 * @series: (nullable): a series
 *
 * Frees @series and its points.
 */
void
sam_factor_series_free (SamFactorSeries *series)
{
  if (series == NULL)
    return;

  g_clear_pointer (&series->points, g_array_unref);
  g_free (series);
}

/**
 * sam_factor_series_get_change:
 * @series: a factor's series
 * @out_first: (out) (optional): the first score
 * @out_latest: (out) (optional): the latest score
 * @out_change: (out) (optional): the latest score minus the first; for a
 *   risk factor a fall is an improvement, for a protective factor a rise
 *
 * The change in a factor's score from the first mapping to the latest.
 *
 * Returns: %FALSE when the series has no points, and nothing is set
 */
gboolean
sam_factor_series_get_change (const SamFactorSeries *series,
                              int                   *out_first,
                              int                   *out_latest,
                              int                   *out_change)
{
  const SamFactorPoint *first, *latest;

  g_return_val_if_fail (series != NULL, FALSE);

  if (series->points == NULL || series->points->len == 0)
    return FALSE;

  first = &g_array_index (series->points, SamFactorPoint, 0);
  latest = &g_array_index (series->points, SamFactorPoint, series->points->len - 1);

  if (out_first != NULL)
    *out_first = first->score;
  if (out_latest != NULL)
    *out_latest = latest->score;
  if (out_change != NULL)
    *out_change = latest->score - first->score;

  return TRUE;
}

/**
 * sam_mapping_store_record:
 * @session: social services on the case's team, its coordinator, or an
 *   SSPF coordinator
 * @case_id: the case, not closed
 * @scored_on: the day the factors were scored, `YYYY-MM-DD`, not in the
 *   future
 * @comment: (nullable): a comment, at most %SAM_MAPPING_COMMENT_MAX_CHARS
 *   characters
 * @scores: (array length=n_scores): the scores, at least one, each a
 *   catalogue risk or protective factor scored 0 to %SAM_FACTOR_SCORE_MAX,
 *   no factor twice
 * @n_scores: the number of @scores
 * @error: return location for a #GError
 *
 * Records one scoring of the case's factors under the recorder's agency.
 * A refusal by the policy is %SAM_POLICY_ERROR_DENIED; bad input is
 * %SAM_STORE_ERROR_INVALID with a message that starts with the field, and
 * nothing is saved. The mapping, its scores and its audit row (CREATE,
 * object `mapping`) are written in one transaction.
 *
 * Returns: the new mapping's id, or 0 with @error set
 */
gint64
sam_mapping_store_record (SamSession            *session,
                          gint64                 case_id,
                          const char            *scored_on,
                          const char            *comment,
                          const SamFactorScore  *scores,
                          guint                  n_scores,
                          GError               **error)
{
  SamDatabase *database;
  gint64 id = 0;

  g_return_val_if_fail (SAM_IS_SESSION (session), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!sam_policy_check_target (session, SAM_OPERATION_MAPPING_WRITE,
                                &(SamAccessTarget) { .case_id = case_id }, error) ||
      !validate_mapping (scored_on, comment, scores, n_scores, error))
    return 0;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return 0;

  if (!save_mapping (session, case_id, scored_on, comment, scores, n_scores, &id, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return 0;
    }

  return id;
}

/**
 * sam_mapping_store_list:
 * @session: someone who may open the case
 * @case_id: the case
 * @error: return location for a #GError
 *
 * The case's mappings the viewer may see (the recording agency's items:
 * the viewer's own agency's, or another's under a consent covering both),
 * by the day they were scored, oldest first. Audited as one VIEW row.
 *
 * Returns: (transfer container) (element-type SamMapping): the mappings,
 *   or %NULL with @error set
 */
GPtrArray *
sam_mapping_store_list (SamSession  *session,
                        gint64       case_id,
                        GError     **error)
{
  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_visible (session, case_id, "mapping", error);
}

/**
 * sam_mapping_store_get_series:
 * @session: someone who may open the case
 * @case_id: the case
 * @error: return location for a #GError
 *
 * Each factor ever scored in the mappings the viewer may see, with its
 * scores over time, oldest first; risk factors first, each kind in
 * catalogue order. For the mapping view's chart and table. Audited as
 * one VIEW row.
 *
 * Returns: (transfer container) (element-type SamFactorSeries): the
 *   series, or %NULL with @error set
 */
GPtrArray *
sam_mapping_store_get_series (SamSession  *session,
                              gint64       case_id,
                              GError     **error)
{
  g_autoptr(GPtrArray) mappings = NULL;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  mappings = read_visible (session, case_id, "mapping_series", error);
  if (mappings == NULL)
    return NULL;

  return build_series (mappings);
}
