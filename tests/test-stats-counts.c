/* test-stats-counts.c: summaries of concerns from the kept counts
 *
 * Schema step 8 keeps concern counts per month, reporting agency and
 * concern category in concern_counts, by triggers, and sam-stats.c reads
 * them for concerns broken down by those dimensions. These tests check on
 * a generated municipality that every such summary is what the query over
 * every concern gives, before suppression (the raw counts) and after (the
 * published table), both before and after concerns and their categories
 * change in every way the triggers watch; that the table always equals a
 * recount from scratch; and that a database at schema 7 gets the counts
 * when it is opened.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sam-database-private.h"
#include "sam-stats-private.h"
#include "sam-test-util.h"

#define SCALE 150

static char *demo_directory;
static char *demo_path;

/* The dimensions concern_counts holds. */
static const SamStatsDimension kept[] = {
  SAM_STATS_DIMENSION_CONCERN_CATEGORY, SAM_STATS_DIMENSION_AGENCY, SAM_STATS_DIMENSION_YEAR,
  SAM_STATS_DIMENSION_QUARTER, SAM_STATS_DIMENSION_MONTH,
};

static SamSession *
unlock_demo (const char *path,
             const char *user)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *passphrase = g_strconcat (user, SAM_DEMO_PASSPHRASE_SUFFIX, NULL);
  SamSession *session = sam_test_unlock (path, user, passphrase, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

static sqlite3 *
handle_of (SamSession *session)
{
  return _sam_database_get_handle (sam_session_get_database (session));
}

/* Everything a table shows, one line per row. */
static char *
table_text (SamStatsTable *table)
{
  GString *text = g_string_new (NULL);
  g_autofree char *codes = g_strjoinv ("|", table->column_codes);
  g_autofree char *columns = g_strjoinv ("|", table->columns);

  g_string_append_printf (text, "%s\n%s\n%s\n", table->row_heading, codes, columns);
  for (guint r = 0; r < table->rows->len; r++)
    {
      SamStatsRow *row = g_ptr_array_index (table->rows, r);
      g_autofree char *cells = g_strjoinv ("|", row->cells);

      g_string_append_printf (text, "%s|%s|%s\n", row->code != NULL ? row->code : "(null)", row->label, cells);
    }

  return g_string_free (text, FALSE);
}

static char *
run_text (SamSession          *manager,
          const SamStatsQuery *query,
          gboolean             kept_counts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamStatsTable) table = NULL;

  _sam_stats_set_use_counts (kept_counts);
  table = sam_stats_run (manager, query, &error);
  _sam_stats_set_use_counts (TRUE);
  g_assert_no_error (error);
  g_assert_nonnull (table);

  return table_text (table);
}

static char *
counts_text (SamSession          *manager,
             const SamStatsQuery *query,
             gboolean             kept_counts)
{
  g_autoptr(GError) error = NULL;
  char *text;

  _sam_stats_set_use_counts (kept_counts);
  text = _sam_stats_counts_text (manager, query, &error);
  _sam_stats_set_use_counts (TRUE);
  g_assert_no_error (error);
  g_assert_nonnull (text);

  return text;
}

/* Every shape the kept counts serve, one dimension or two in either
 * order, gives the same counts and the same table both ways. With
 * @ranges, also over one year and from a day on. */
static void
assert_same_summaries (SamSession *manager,
                       gboolean    ranges)
{
  static const char *from[] = { NULL, "2025-01-01", "2024-05-10" };
  static const char *to[] = { NULL, "2025-12-31", NULL };
  guint compared = 0;

  for (guint a = 0; a < G_N_ELEMENTS (kept); a++)
    for (int b = -1; b < (int) G_N_ELEMENTS (kept); b++)
      for (guint f = 0; f < (ranges ? G_N_ELEMENTS (from) : 1); f++)
        {
          SamStatsQuery query = { SAM_STATS_MEASURE_CONCERNS, { kept[a], b >= 0 ? kept[b] : kept[a] },
                                  b >= 0 ? 2 : 1, from[f], to[f] };
          g_autofree char *slow_counts = NULL, *fast_counts = NULL;
          g_autofree char *slow_table = NULL, *fast_table = NULL;

          if ((guint) b == a)
            continue;

          slow_counts = counts_text (manager, &query, FALSE);
          fast_counts = counts_text (manager, &query, TRUE);
          g_assert_cmpstr (fast_counts, ==, slow_counts);
          g_assert_cmpuint (strlen (slow_counts), >, 0);

          slow_table = run_text (manager, &query, FALSE);
          fast_table = run_text (manager, &query, TRUE);
          g_assert_cmpstr (fast_table, ==, slow_table);
          compared++;
        }

  g_assert_cmpuint (compared, ==, 25 * (ranges ? 3 : 1));
}

/* The kept counts are exactly a recount from scratch, without zeros. */
static void
assert_counts_exact (SamSession *admin)
{
  g_assert_cmpint (sam_test_query_int (admin, "SELECT count (*) FROM (SELECT * FROM concern_counts"
                                              " EXCEPT SELECT * FROM concern_counts_recount)"), ==, 0);
  g_assert_cmpint (sam_test_query_int (admin, "SELECT count (*) FROM (SELECT * FROM concern_counts_recount"
                                              " EXCEPT SELECT * FROM concern_counts)"), ==, 0);
  g_assert_cmpint (sam_test_query_int (admin, "SELECT count (*) FROM concern_counts WHERE n <= 0"), ==, 0);
  g_assert_cmpint (sam_test_query_int (admin, "SELECT sum (n) FROM concern_counts WHERE scope = 'all'"), ==,
                   sam_test_query_int (admin, "SELECT count (*) FROM concerns"));
}

static void
assert_all_same (SamSession *manager,
                 SamSession *admin)
{
  assert_counts_exact (admin);
  assert_same_summaries (manager, FALSE);
}

static void
test_same_as_units (void)
{
  g_autoptr(SamSession) manager = unlock_demo (demo_path, "manager");
  g_autoptr(SamSession) admin = unlock_demo (demo_path, "admin");

  /* The generator gives every concern one or two categories. */
  g_assert_cmpint (sam_test_query_int (admin, "SELECT count (*) FROM concern_counts WHERE scope = 'code'"), >, 0);
  assert_counts_exact (admin);
  assert_same_summaries (manager, TRUE);
}

/* The comparison can fail: with one count changed behind the triggers'
 * back, the kept counts no longer give the units' counts. */
static void
test_comparison_can_fail (void)
{
  g_autoptr(SamSession) manager = unlock_demo (demo_path, "manager");
  g_autoptr(SamSession) admin = unlock_demo (demo_path, "admin");
  SamStatsQuery query = { SAM_STATS_MEASURE_CONCERNS,
                          { SAM_STATS_DIMENSION_AGENCY, SAM_STATS_DIMENSION_MONTH }, 2, NULL, NULL };
  g_autofree char *slow = counts_text (manager, &query, FALSE);
  g_autofree char *fast = NULL;

  sam_test_exec_sql (admin, "UPDATE concern_counts SET n = n + 1"
                            " WHERE (month, agency_id, scope, code) ="
                            "   (SELECT month, agency_id, scope, code FROM concern_counts WHERE scope = 'all' LIMIT 1)");
  fast = counts_text (manager, &query, TRUE);
  g_assert_cmpstr (fast, !=, slow);

  sam_test_exec_sql (admin, "DELETE FROM concern_counts;"
                            "INSERT INTO concern_counts SELECT * FROM concern_counts_recount");
  g_clear_pointer (&fast, g_free);
  fast = counts_text (manager, &query, TRUE);
  g_assert_cmpstr (fast, ==, slow);
}

static gint64
first_person (SamSession *admin)
{
  return sam_test_query_int (admin, "SELECT min (id) FROM persons");
}

/* A concern through the store, as a school logs it: the concern first,
 * then its codes. */
static gint64
report (SamSession         *school,
        gint64              person_id,
        const char         *observed_on,
        const char * const *categories)
{
  g_autoptr(GError) error = NULL;
  SamConcernDraft draft = {
    .person_id = person_id,
    .observed_on = observed_on,
    .urgency = SAM_CONCERN_URGENCY_MEDIUM,
    .description = "Generated for the counts test.",
    .categories = categories,
  };
  SamConcern *concern = sam_concern_store_create (school, &draft, &error);
  gint64 id;

  g_assert_no_error (error);
  g_assert_nonnull (concern);
  id = concern->id;
  sam_concern_free (concern);
  return id;
}

static void
test_mutations (void)
{
  g_autoptr(SamSession) manager = unlock_demo (demo_path, "manager");
  g_autoptr(SamSession) admin = unlock_demo (demo_path, "admin");
  g_autoptr(SamSession) school = unlock_demo (demo_path, "school");
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 person = first_person (admin), one, three, bare;
  g_autofree char *sql = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (admin),
                                       "SELECT code FROM catalogue WHERE kind = 'concern_category'"
                                       " ORDER BY sort LIMIT 3", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (codes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_ptr_array_add (codes, NULL);
  g_assert_cmpuint (codes->len, ==, 4);

  /* One and three categories, through the store; one a month of its own. */
  {
    const char *single[] = { g_ptr_array_index (codes, 1), NULL };

    one = report (school, person, "2025-02-11", single);
    three = report (school, person, "2019-07-04", (const char * const *) codes->pdata);
  }
  assert_all_same (manager, admin);

  /* No category: a concern written before its codes, then given none. */
  sql = g_strdup_printf ("INSERT INTO concerns (person_id, reporter_id, agency_id, observed_on, urgency,"
                         "  description, report_to_social, created_at, updated_at)"
                         " SELECT person_id, reporter_id, agency_id, '2025-02-20', urgency, description,"
                         "  0, created_at, updated_at FROM concerns WHERE id = %" G_GINT64_FORMAT, one);
  sam_test_exec_sql (admin, sql);
  bare = sqlite3_last_insert_rowid (handle_of (admin));
  assert_all_same (manager, admin);

  /* Its first category takes it out of "No category"; a second, a risk
   * factor, and the first again removed. */
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO concern_codes VALUES (%" G_GINT64_FORMAT ", 'concern_category', '%s');",
                         bare, (const char *) g_ptr_array_index (codes, 0));
  sam_test_exec_sql (admin, sql);
  assert_all_same (manager, admin);
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO concern_codes VALUES (%" G_GINT64_FORMAT ", 'concern_category', '%s');"
                         "INSERT INTO concern_codes VALUES (%" G_GINT64_FORMAT ", 'risk_factor', 'x');"
                         "DELETE FROM concern_codes WHERE concern_id = %" G_GINT64_FORMAT " AND code = '%s';",
                         bare, (const char *) g_ptr_array_index (codes, 2), bare, bare,
                         (const char *) g_ptr_array_index (codes, 0));
  sam_test_exec_sql (admin, sql);
  assert_all_same (manager, admin);

  /* Codes changed in place: another category, then to a risk factor
   * (the concern is left without a category), then back. */
  g_free (sql);
  sql = g_strdup_printf ("UPDATE concern_codes SET code = '%s' WHERE concern_id = %" G_GINT64_FORMAT
                         " AND kind = 'concern_category'",
                         (const char *) g_ptr_array_index (codes, 1), bare);
  sam_test_exec_sql (admin, sql);
  assert_all_same (manager, admin);
  g_free (sql);
  sql = g_strdup_printf ("UPDATE concern_codes SET kind = 'risk_factor', code = 'y'"
                         " WHERE concern_id = %" G_GINT64_FORMAT " AND kind = 'concern_category'", bare);
  sam_test_exec_sql (admin, sql);
  g_assert_cmpint (sam_test_query_int (admin, "SELECT count (*) FROM concern_counts WHERE scope = 'none'"), >, 0);
  assert_all_same (manager, admin);
  g_free (sql);
  sql = g_strdup_printf ("UPDATE concern_codes SET kind = 'concern_category', code = '%s'"
                         " WHERE concern_id = %" G_GINT64_FORMAT " AND code = 'y'",
                         (const char *) g_ptr_array_index (codes, 0), bare);
  sam_test_exec_sql (admin, sql);
  assert_all_same (manager, admin);

  /* A category moved from one concern to another. */
  g_free (sql);
  sql = g_strdup_printf ("UPDATE concern_codes SET concern_id = %" G_GINT64_FORMAT
                         " WHERE concern_id = %" G_GINT64_FORMAT " AND kind = 'concern_category'"
                         " AND code = '%s'", bare, three, (const char *) g_ptr_array_index (codes, 2));
  sam_test_exec_sql (admin, sql);
  assert_all_same (manager, admin);

  /* The date (to another month and year, then within the month) and the
   * agency change. */
  g_free (sql);
  sql = g_strdup_printf ("UPDATE concerns SET observed_on = '2023-11-30' WHERE id = %" G_GINT64_FORMAT ";"
                         "UPDATE concerns SET observed_on = '2023-11-02' WHERE id = %" G_GINT64_FORMAT ";"
                         "UPDATE concerns SET agency_id ="
                         "  (SELECT max (id) FROM agencies WHERE id <> concerns.agency_id)"
                         " WHERE id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                         three, three, three, bare);
  sam_test_exec_sql (admin, sql);
  assert_all_same (manager, admin);

  /* A concern deleted with its codes, the codes first as the foreign key
   * requires; then every concern of a person, as an erasure would. */
  g_free (sql);
  sql = g_strdup_printf ("BEGIN;"
                         "DELETE FROM concern_codes WHERE concern_id = %" G_GINT64_FORMAT ";"
                         "DELETE FROM concerns WHERE id = %" G_GINT64_FORMAT ";"
                         "COMMIT", bare, bare);
  sam_test_exec_sql (admin, sql);
  assert_all_same (manager, admin);
  g_free (sql);
  sql = g_strdup_printf ("BEGIN;"
                         "DELETE FROM concern_codes WHERE concern_id IN"
                         "  (SELECT id FROM concerns WHERE person_id = %" G_GINT64_FORMAT ");"
                         "DELETE FROM concerns WHERE person_id = %" G_GINT64_FORMAT ";"
                         "COMMIT", person, person);
  sam_test_exec_sql (admin, sql);
  g_assert_cmpint (sam_test_query_int (admin, "SELECT count (*) FROM concern_counts WHERE month = '2019-07'"), ==, 0);
  assert_all_same (manager, admin);

  /* With the foreign keys off, codes may come before their concern and
   * outlive it; they count only while it exists, as in the join. */
  sam_test_exec_sql (admin, "PRAGMA foreign_keys = OFF;"
                            "INSERT INTO concern_codes VALUES (999999, 'concern_category', 'early');"
                            "INSERT INTO concerns (id, person_id, reporter_id, agency_id, observed_on, urgency,"
                            "  description, report_to_social, created_at, updated_at)"
                            " SELECT 999999, person_id, reporter_id, agency_id, '2025-06-01', urgency, description,"
                            "  0, created_at, updated_at FROM concerns LIMIT 1");
  assert_all_same (manager, admin);
  sam_test_exec_sql (admin, "DELETE FROM concerns WHERE id = 999999");
  assert_all_same (manager, admin);
  sam_test_exec_sql (admin, "DELETE FROM concern_codes WHERE concern_id = 999999;"
                            "PRAGMA foreign_keys = ON");
  assert_all_same (manager, admin);

  /* And after everything, every shape and range once more. */
  assert_same_summaries (manager, TRUE);
}

/* A database at schema 7 gets the table, filled, when it is opened. */
static void
test_migration (void)
{
  g_autofree char *directory = g_dir_make_tmp ("samverka-counts-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (directory, "old.db", NULL);
  g_autofree char *keys = g_strconcat (path, ".keys", NULL);
  g_autofree char *demo_keys = g_strconcat (demo_path, ".keys", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (demo_path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (demo_keys, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (keys, contents, (gssize) length, NULL));

  {
    g_autoptr(SamSession) admin = unlock_demo (path, "admin");

    /* Back to schema 7, with a concern without a category, which only
     * the recount can find. */
    sam_test_exec_sql (admin, "DROP TRIGGER concern_counts_concern_insert;"
                              "DROP TRIGGER concern_counts_concern_delete;"
                              "DROP TRIGGER concern_counts_concern_update;"
                              "DROP TRIGGER concern_counts_code_insert;"
                              "DROP TRIGGER concern_counts_code_delete;"
                              "DROP TRIGGER concern_counts_code_update;"
                              "DROP VIEW concern_counts_recount;"
                              "DROP TABLE concern_counts;"
                              "DELETE FROM concern_codes WHERE kind = 'concern_category'"
                              "  AND concern_id = (SELECT max (id) FROM concerns);"
                              "PRAGMA user_version = 7");
    sam_session_lock (admin);
  }

  {
    g_autoptr(SamSession) admin = unlock_demo (path, "admin");
    g_autoptr(SamSession) manager = unlock_demo (path, "manager");

    g_assert_cmpint (sam_test_query_int (admin, "PRAGMA user_version"), ==, _sam_schema_get_latest_version ());
    g_assert_cmpint (sam_test_query_int (admin, "SELECT count (*) FROM concern_counts WHERE scope = 'none'"), ==, 1);
    assert_counts_exact (admin);
    assert_same_summaries (manager, FALSE);
  }

  sam_test_rm_rf (directory);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (sam_security_init (NULL));

  demo_directory = g_dir_make_tmp ("samverka-stats-counts-XXXXXX", NULL);
  demo_path = g_build_filename (demo_directory, "demo.db", NULL);
  g_assert_true (sam_demo_create_scaled (demo_path, SCALE, 5, &error));
  g_assert_no_error (error);

  g_test_add_func ("/stats-counts/same-as-units", test_same_as_units);
  g_test_add_func ("/stats-counts/comparison-can-fail", test_comparison_can_fail);
  g_test_add_func ("/stats-counts/migration", test_migration);
  g_test_add_func ("/stats-counts/mutations", test_mutations);

  status = g_test_run ();

  sam_test_rm_rf (demo_directory);
  g_free (demo_directory);
  g_free (demo_path);
  return status;
}
