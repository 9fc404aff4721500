/* sam-bench-measures.c: what the benchmark times
 *
 * Every measure calls the core's own store functions, on the encrypted
 * database and then on its plain copy, which _sam_database_open_plain()
 * opens through the same code minus the key. So both sides run the very
 * same SQL, with the same pragmas, through the same policy checks and
 * audit rows; only the encryption differs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "samverka-bench"

#include "config.h"

#include "sam-bench.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "sam-database-private.h"

const MeasureInfo bench_measures[N_MEASURES] = {
  [MEASURE_UNLOCK_ARGON2ID] =
    { "unlock_argon2id", "Unlock: Argon2id key derivation", "ms", TARGET_NONE, 0, FALSE, FALSE },
  [MEASURE_UNLOCK_REST] =
    { "unlock_rest", "Unlock without Argon2id, to the first case page", "ms", TARGET_BELOW, 150, TRUE, FALSE },
  [MEASURE_CASE_LIST_FIRST_PAGE] =
    { "case_list_first_page", "Case list: count and first page", "ms", TARGET_NONE, 0, TRUE, FALSE },
  [MEASURE_CASE_LIST_SCROLL] =
    { "case_list_scroll", "Case list: every page, top to bottom", "ms", TARGET_NONE, 0, TRUE, FALSE },
  [MEASURE_CASE_LIST_WORST_PAGE] =
    { "case_list_worst_page", "Case list: slowest page while scrolling", "ms", TARGET_NONE, 0, TRUE, FALSE },
  [MEASURE_SEARCH_MEDIAN] =
    { "search_median", "Search: median of 10 queries", "ms", TARGET_BELOW, 30, TRUE, FALSE },
  [MEASURE_SEARCH_P95] =
    { "search_p95", "Search: 95th percentile of 10 queries", "ms", TARGET_BELOW, 30, TRUE, FALSE },
  [MEASURE_CASE_OPEN] =
    { "case_open", "Opening the case with the longest chronology", "ms", TARGET_NONE, 0, TRUE, FALSE },
  [MEASURE_CONCERN_SAVE] =
    { "concern_save", "Saving a concern with its audit row", "ms", TARGET_BELOW, 10, TRUE, FALSE },
  [MEASURE_SUMMARY_1] =
    { "summary_cases_by_year", "Summary: cases by year", "ms", TARGET_BELOW, 300, TRUE, FALSE },
  [MEASURE_SUMMARY_2] =
    { "summary_concerns_by_category_agency", "Summary: concerns by category and agency", "ms",
      TARGET_BELOW, 300, TRUE, FALSE },
  [MEASURE_SUMMARY_3] =
    { "summary_consent_rate_by_quarter", "Summary: consent rate by quarter", "ms",
      TARGET_BELOW, 300, TRUE, FALSE },
  [MEASURE_AUDIT_VERIFY] =
    { "audit_verify", "Audit verify", "rows/s", TARGET_AT_LEAST, 1000000, TRUE, TRUE },
  [MEASURE_RSS_AFTER_OPEN] =
    { "rss_after_open", "RSS after unlocking to the first case page", "MB", TARGET_BELOW, 200, FALSE, FALSE },
  [MEASURE_HWM_AFTER_OPEN] =
    { "hwm_after_open", "Peak RSS (VmHWM) after unlocking", "MB", TARGET_BELOW, 200, FALSE, FALSE },
  [MEASURE_RSS_AT_END] =
    { "rss_at_end", "RSS at the end, both databases and three sessions each open", "MB",
      TARGET_NONE, 0, FALSE, FALSE },
};

/* Helpers ------------------------------------------------------------------- */

BenchClock
bench_clock (void)
{
  struct timespec cpu;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &cpu);

  return (BenchClock) {
    .wall = (double) g_get_monotonic_time () / 1000.0,
    .cpu = (double) cpu.tv_sec * 1000.0 + (double) cpu.tv_nsec / 1e6,
  };
}

BenchClock
bench_elapsed (BenchClock start)
{
  BenchClock now = bench_clock ();

  return (BenchClock) { now.wall - start.wall, now.cpu - start.cpu };
}

void
bench_add_time (Bench      *bench,
                Measure     measure,
                guint       side,
                BenchClock  elapsed)
{
  g_array_append_val (bench->samples[measure][side], elapsed.wall);
  g_array_append_val (bench->cpu_samples[measure][side], elapsed.cpu);
}

void
bench_add_rate (Bench      *bench,
                Measure     measure,
                guint       side,
                BenchClock  elapsed,
                double      count)
{
  double wall = count / MAX (elapsed.wall / 1000.0, 1e-9);
  double cpu = count / MAX (elapsed.cpu / 1000.0, 1e-9);

  g_array_append_val (bench->samples[measure][side], wall);
  g_array_append_val (bench->cpu_samples[measure][side], cpu);
}

void
bench_add_sample (Bench   *bench,
                  Measure  measure,
                  guint    side,
                  double   value)
{
  g_array_append_val (bench->samples[measure][side], value);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Nearest rank, on a sorted copy. */
double
bench_percentile (GArray *samples,
                  double  percentile)
{
  g_autoptr(GArray) sorted = NULL;
  guint rank;

  if (samples == NULL || samples->len == 0)
    return NAN;

  sorted = g_array_copy (samples);
  g_array_sort (sorted, compare_doubles);
  rank = (guint) ceil (percentile / 100.0 * sorted->len);

  return g_array_index (sorted, double, CLAMP (rank, 1, sorted->len) - 1);
}

double
bench_median (GArray *samples)
{
  g_autoptr(GArray) sorted = NULL;
  guint n;

  if (samples == NULL || samples->len == 0)
    return NAN;

  sorted = g_array_copy (samples);
  g_array_sort (sorted, compare_doubles);
  n = sorted->len;

  if (n % 2 == 1)
    return g_array_index (sorted, double, n / 2);

  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

/* A "Vm…:  1234 kB" line of /proc/self/status, in kB, or NAN. */
double
bench_read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;
  gsize length = strlen (field);

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return NAN;

  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strncmp (lines[i], field, length) == 0 && lines[i][length] == ':')
        return g_ascii_strtod (lines[i] + length + 1, NULL);
    }

  return NAN;
}

static sqlite3 *
handle_of (SamSession *session)
{
  return _sam_database_get_handle (sam_session_get_database (session));
}

/* Unlocking ------------------------------------------------------------------ */

/* sam_database_open(), with the key derivation timed apart. */
static SamDatabase *
open_encrypted (Bench            *bench,
                const char       *path,
                const char       *user,
                const SamSecret  *passphrase,
                BenchClock       *out_argon,
                guint            *out_failed,
                GError          **error)
{
  g_autofree char *keys_path = sam_keyslot_file_path_for_database (path);
  g_autoptr(SamKeyslotFile) keyslots = sam_keyslot_file_load (keys_path, error);
  g_autoptr(SamSecret) key = NULL;
  BenchClock start;

  if (keyslots == NULL)
    return NULL;

  start = bench_clock ();
  key = sam_keyslot_file_unlock (keyslots, user, passphrase, out_failed, error);
  *out_argon = bench_elapsed (start);
  if (key == NULL)
    return NULL;

  return _sam_database_open_with_key (path, keyslots, key, error);
}

static SamSession *
sign_in (Bench            *bench,
         guint             side,
         const char       *user,
         const SamSecret  *passphrase,
         BenchClock       *out_argon,
         GError          **error)
{
  g_autoptr(SamDatabase) database = NULL;
  guint failed = 0;

  *out_argon = (BenchClock) { 0, 0 };
  if (side == SIDE_ENCRYPTED)
    database = open_encrypted (bench, bench->sides[side].path, user, passphrase,
                               out_argon, &failed, error);
  else
    database = _sam_database_open_plain (bench->sides[side].path, error);

  if (database == NULL)
    return NULL;

  return _sam_session_sign_in (database, user, failed, error);
}

/* As the app's case list does: make the list, ask for its first row and
 * wait for the page load that asking starts. */
static SamCaseList *
list_first_page (SamSession  *session,
                 GError     **error)
{
  g_autoptr(SamCaseList) list = NULL;
  g_autoptr(GObject) item = NULL;
  SamCaseFilter filter;

  sam_case_filter_init (&filter);
  list = sam_case_list_new (session, &filter, error);
  if (list == NULL)
    return NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (list)) > 0)
    {
      item = g_list_model_get_item (G_LIST_MODEL (list), 0);
      _sam_case_list_wait_idle (list);
      g_clear_object (&item);
      item = g_list_model_get_item (G_LIST_MODEL (list), 0);
      if (sam_case_row_get_is_placeholder (SAM_CASE_ROW (item)))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               "The case list's first page did not load");
          return NULL;
        }
    }

  return g_steal_pointer (&list);
}

/**
 * bench_unlock:
 *
 * Times an unlock to the first case page, and keeps the session for the
 * measures that follow.
 */
gboolean
bench_unlock (Bench    *bench,
              guint     side,
              GError  **error)
{
  g_autoptr(SamSession) session = NULL;
  g_autoptr(SamCaseList) list = NULL;
  BenchClock start = bench_clock ();
  BenchClock argon, total;

  session = sign_in (bench, side, bench->user, bench->passphrase, &argon, error);
  if (session == NULL || !(list = list_first_page (session, error)))
    return FALSE;

  total = bench_elapsed (start);
  bench_add_time (bench, MEASURE_UNLOCK_REST, side,
                  (BenchClock) { total.wall - argon.wall, total.cpu - argon.cpu });
  if (side == SIDE_ENCRYPTED)
    bench_add_time (bench, MEASURE_UNLOCK_ARGON2ID, side, argon);

  bench->sides[side].session = g_steal_pointer (&session);
  return TRUE;
}

void
bench_lock (Bench *bench,
            guint  side)
{
  BenchSide *s = &bench->sides[side];

  if (s->session == NULL)
    return;

  sam_session_lock (s->session);
  g_clear_object (&s->session);
}

static SamSession *
sign_in_demo_user (Bench       *bench,
                   guint        side,
                   const char  *user,
                   GError     **error)
{
  g_autofree char *text = g_strconcat (user, SAM_DEMO_PASSPHRASE_SUFFIX, NULL);
  g_autoptr(SamSecret) passphrase = sam_secret_new_from_string (text);
  BenchClock argon;

  return sign_in (bench, side, user, passphrase, &argon, error);
}

/**
 * bench_open_helpers:
 *
 * The manager's session for the summaries and the administrator's for the
 * audit verification: the demo users, with the demo passphrases.
 */
gboolean
bench_open_helpers (Bench    *bench,
                    guint     side,
                    GError  **error)
{
  BenchSide *s = &bench->sides[side];

  s->manager = sign_in_demo_user (bench, side, "manager", error);
  if (s->manager == NULL)
    return FALSE;

  s->admin = sign_in_demo_user (bench, side, "admin", error);
  return s->admin != NULL;
}

/* Choosing the inputs ----------------------------------------------------------- */

/* Binds @offset to ?1; a statement without ?1 ignores it. */
static char *
query_text (sqlite3     *db,
            const char  *sql,
            gint64       offset)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, offset);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_text (stmt, 0) == NULL)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gint64
query_int64 (sqlite3     *db,
             const char  *sql,
             gint64       offset)
{
  g_autofree char *text = query_text (db, sql, offset);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : -1;
}

/* The first @n characters of @text, a prefix as people type it. */
static char *
prefix (const char *text,
        glong       n)
{
  if (text == NULL)
    return NULL;

  return g_utf8_substring (text, 0, MIN (n, g_utf8_strlen (text, -1)));
}

/* The first five letters of the longest word of @text, or NULL. */
static char *
partial_word (const char *text)
{
  g_auto(GStrv) words = NULL;
  const char *longest = NULL;

  if (text == NULL)
    return NULL;

  words = g_strsplit_set (text, " \n.,;:!?()\"", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (longest == NULL || g_utf8_strlen (words[i], -1) > g_utf8_strlen (longest, -1))
        longest = words[i];
    }

  return longest != NULL && g_utf8_strlen (longest, -1) >= 6 ? prefix (longest, 5) : NULL;
}

#define PERSON_AT "SELECT %s FROM persons ORDER BY id LIMIT 1 OFFSET ?1"

static void
choose_queries (Bench   *bench,
                sqlite3 *db)
{
  gint64 persons = query_int64 (db, "SELECT count (*) FROM persons", 0);
  gint64 cases = query_int64 (db, "SELECT count (*) FROM cases", 0);
  gint64 notes = query_int64 (db, "SELECT count (*) FROM notes", 0);
  g_autofree char *surname_sql = g_strdup_printf (PERSON_AT, "family_name");
  g_autofree char *given_sql = g_strdup_printf (PERSON_AT, "given_name");
  g_autofree char *note = query_text (db, "SELECT text FROM notes ORDER BY id LIMIT 1 OFFSET ?1",
                                      notes / 2);
  BenchQuery chosen[N_SEARCHES] = {
    { "surname", query_text (db, surname_sql, persons / 7) },
    { "surname", query_text (db, surname_sql, persons / 3) },
    { "surname", query_text (db, surname_sql, persons * 2 / 3) },
    { "given name", query_text (db, given_sql, persons / 5) },
    { "given name", query_text (db, given_sql, persons * 4 / 5) },
    { "case number", query_text (db, "SELECT number FROM cases ORDER BY id LIMIT 1 OFFSET ?1", cases / 4) },
    { "case number", query_text (db, "SELECT number FROM cases ORDER BY id LIMIT 1 OFFSET ?1", cases * 3 / 4) },
    { "surname prefix", NULL },
    { "given name prefix", NULL },
    { "word prefix", partial_word (note) },
  };
  g_autofree char *surname = query_text (db, surname_sql, persons / 2);
  g_autofree char *given = query_text (db, given_sql, persons / 2);

  chosen[7].text = prefix (surname, 4);
  chosen[8].text = prefix (given, 3);

  for (guint i = 0; i < N_SEARCHES; i++)
    {
      bench->queries[i].kind = chosen[i].kind;
      /* A tiny database may lack notes: the surname stands in. */
      bench->queries[i].text = chosen[i].text != NULL ? chosen[i].text : g_strdup ("Andersson");
    }
}

/**
 * bench_choose_inputs:
 *
 * Picks, from the encrypted database, the case with the longest
 * chronology, a young person to report a concern about, a category and
 * the ten search queries. Untimed; the plain copy has the same rows.
 */
gboolean
bench_choose_inputs (Bench    *bench,
                     GError  **error)
{
  SamSession *session = bench->sides[SIDE_ENCRYPTED].session;
  SamDatabase *database = sam_session_get_database (session);
  sqlite3 *db = handle_of (session);

  _sam_database_lock (database);
  bench->long_case_id = query_int64 (db,
                                     "SELECT case_id FROM (SELECT case_id FROM notes"
                                     "  UNION ALL SELECT case_id FROM concerns WHERE case_id IS NOT NULL"
                                     "  UNION ALL SELECT case_id FROM consents)"
                                     " GROUP BY case_id ORDER BY count (*) DESC, case_id LIMIT 1",
                                     0);
  bench->person_id = query_int64 (db, "SELECT person_id FROM cases ORDER BY id LIMIT 1 OFFSET ?1",
                                  query_int64 (db, "SELECT count (*) / 2 FROM cases", 0));
  bench->category = query_text (db, "SELECT code FROM catalogue WHERE kind = 'concern_category'"
                                    " ORDER BY sort LIMIT 1 OFFSET ?1", 0);
  choose_queries (bench, db);
  _sam_database_unlock (database);

  if (bench->long_case_id < 0 || bench->person_id < 0 || bench->category == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "The database has no cases to measure: generate one with --scale");
      return FALSE;
    }

  return TRUE;
}

/* The measures ---------------------------------------------------------------- */

static gboolean
measure_first_page (Bench    *bench,
                    guint     side,
                    GError  **error)
{
  BenchClock start = bench_clock ();
  g_autoptr(SamCaseList) list = list_first_page (bench->sides[side].session, error);

  if (list == NULL)
    return FALSE;

  bench_add_time (bench, MEASURE_CASE_LIST_FIRST_PAGE, side, bench_elapsed (start));
  bench->n_cases_listed = g_list_model_get_n_items (G_LIST_MODEL (list));
  return TRUE;
}

/* As a view scrolled to the bottom asks: one row of each page in turn,
 * each page loaded in the list's worker, from a list just made. */
static gboolean
measure_scroll (Bench    *bench,
                guint     side,
                GError  **error)
{
  BenchClock start = bench_clock ();
  g_autoptr(SamCaseList) list = list_first_page (bench->sides[side].session, error);
  BenchClock worst;
  guint n_items;

  if (list == NULL)
    return FALSE;

  /* The first page counts as a page too. */
  worst = bench_elapsed (start);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint position = 0; position < n_items; position += SAM_CASE_LIST_PAGE_SIZE)
    {
      BenchClock page_start = bench_clock ();
      BenchClock page;
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), position);

      _sam_case_list_wait_idle (list);
      g_clear_object (&item);
      item = g_list_model_get_item (G_LIST_MODEL (list), position);
      if (item == NULL || sam_case_row_get_is_placeholder (SAM_CASE_ROW (item)))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "Page %u of the case list did not load", position / SAM_CASE_LIST_PAGE_SIZE);
          return FALSE;
        }
      page = bench_elapsed (page_start);
      if (page.wall > worst.wall)
        worst = page;
    }

  bench_add_time (bench, MEASURE_CASE_LIST_SCROLL, side, bench_elapsed (start));
  bench_add_time (bench, MEASURE_CASE_LIST_WORST_PAGE, side, worst);
  return TRUE;
}

/* Every query's time is a sample; the report takes the median and the
 * 95th percentile over all of them. */
static gboolean
measure_search (Bench    *bench,
                guint     side,
                GError  **error)
{
  for (guint i = 0; i < N_SEARCHES; i++)
    {
      BenchClock start = bench_clock ();
      g_autoptr(GPtrArray) hits = sam_search (bench->sides[side].session, bench->queries[i].text,
                                              SAM_SEARCH_DEFAULT_LIMIT, error);

      if (hits == NULL)
        return FALSE;
      bench_add_time (bench, MEASURE_SEARCH_MEDIAN, side, bench_elapsed (start));
    }

  return TRUE;
}

/* What the case page reads when it opens (sam-case-page.c): the case, with
 * its VIEW row, the young person, guardians, consent badge, chronology,
 * concerns, consents and journal. */
static gboolean
open_case (SamSession  *session,
           gint64       case_id,
           guint       *out_items,
           GError     **error)
{
  g_autoptr(SamCase) current = sam_case_store_get (session, case_id, error);
  g_autoptr(SamPerson) person = NULL;
  g_autoptr(GPtrArray) guardians = NULL;
  g_autoptr(GPtrArray) chronology = NULL;
  g_autoptr(GPtrArray) concerns = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GPtrArray) notes = NULL;

  if (current == NULL ||
      !(person = sam_person_store_get (session, current->person_id, error)) ||
      !(guardians = sam_person_store_list_guardians (session, current->person_id, error)))
    return FALSE;

  sam_case_store_is_shared (session, case_id);
  if (!(chronology = sam_chronology_for_case (session, case_id, error)) ||
      !(concerns = sam_concern_store_list_for_case (session, case_id, error)) ||
      !(consents = sam_case_store_list_consents (session, case_id, error)) ||
      !(notes = sam_note_store_list (session, case_id, error)))
    return FALSE;

  *out_items = chronology->len;
  return TRUE;
}

static gboolean
measure_case_open (Bench    *bench,
                   guint     side,
                   GError  **error)
{
  BenchClock start = bench_clock ();

  if (!open_case (bench->sides[side].session, bench->long_case_id, &bench->long_case_items, error))
    return FALSE;

  bench_add_time (bench, MEASURE_CASE_OPEN, side, bench_elapsed (start));
  return TRUE;
}

static gboolean
measure_concern_save (Bench    *bench,
                      guint     side,
                      GError  **error)
{
  const char *categories[] = { bench->category, NULL };
  SamConcernDraft draft = {
    .person_id = bench->person_id,
    .observed_on = "2026-10-30",
    .urgency = SAM_CONCERN_URGENCY_MEDIUM,
    .description = "Benchmark: a concern like those the demo holds, saved with its audit row.",
    .report_to_social = TRUE,
    .categories = categories,
  };
  BenchClock start = bench_clock ();
  g_autoptr(SamConcern) concern = sam_concern_store_create (bench->sides[side].session, &draft, error);

  if (concern == NULL)
    return FALSE;

  bench_add_time (bench, MEASURE_CONCERN_SAVE, side, bench_elapsed (start));
  return TRUE;
}

static gboolean
measure_summaries (Bench    *bench,
                   guint     side,
                   GError  **error)
{
  const SamStatsQuery queries[] = {
    { SAM_STATS_MEASURE_CASES, { SAM_STATS_DIMENSION_YEAR }, 1, NULL, NULL },
    { SAM_STATS_MEASURE_CONCERNS,
      { SAM_STATS_DIMENSION_CONCERN_CATEGORY, SAM_STATS_DIMENSION_AGENCY }, 2, NULL, NULL },
    { SAM_STATS_MEASURE_CONSENT_RATE, { SAM_STATS_DIMENSION_QUARTER }, 1, NULL, NULL },
  };
  const Measure measures[] = { MEASURE_SUMMARY_1, MEASURE_SUMMARY_2, MEASURE_SUMMARY_3 };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      BenchClock start = bench_clock ();
      g_autoptr(SamStatsTable) table = sam_stats_run (bench->sides[side].manager, &queries[i], error);

      if (table == NULL)
        return FALSE;
      bench_add_time (bench, measures[i], side, bench_elapsed (start));
    }

  return TRUE;
}

static gboolean
measure_audit_verify (Bench    *bench,
                      guint     side,
                      GError  **error)
{
  BenchClock start = bench_clock ();
  guint64 n_rows = 0;

  if (!sam_audit_verify (bench->sides[side].admin, NULL, &n_rows, error))
    return FALSE;

  bench_add_rate (bench, MEASURE_AUDIT_VERIFY, side, bench_elapsed (start), (double) n_rows);
  return TRUE;
}

/**
 * bench_run_measures:
 *
 * One run of every database measure but the unlock, on one side, with
 * the session of this run's unlock.
 */
gboolean
bench_run_measures (Bench    *bench,
                    guint     side,
                    GError  **error)
{
  return measure_first_page (bench, side, error) &&
         measure_scroll (bench, side, error) &&
         measure_search (bench, side, error) &&
         measure_case_open (bench, side, error) &&
         measure_concern_save (bench, side, error) &&
         measure_summaries (bench, side, error) &&
         measure_audit_verify (bench, side, error);
}
