/* test-catalogue.c: the seeded catalogues and their sync to the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "sam-catalogue-private.h"
#include "sam-database-private.h"
#include "sam-test-util.h"

/* Helpers ------------------------------------------------------------------- */

static sqlite3 *
handle_of (SamSession *session)
{
  return _sam_database_get_handle (sam_session_get_database (session));
}

static gint64
query_int (SamSession *session,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (session), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (SamSession *session,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle_of (session), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
exec_sql (SamSession *session,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (handle_of (session), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gboolean
exec_may_fail (SamSession *session,
               const char *sql)
{
  return sqlite3_exec (handle_of (session), sql, NULL, NULL, NULL) == SQLITE_OK;
}

/* Every entry, kind by kind, through the public list call. */
static GPtrArray *
all_entries (void)
{
  GPtrArray *entries = g_ptr_array_new ();

  for (guint k = 0; k < SAM_N_CATALOGUE_KINDS; k++)
    {
      guint n = 0;
      const SamCatalogueEntry *list = sam_catalogue_list ((SamCatalogueKind) k, &n);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (entries, (gpointer) &list[i]);
    }

  return entries;
}

static gint64
row_count (SamSession *session)
{
  return query_int (session, "SELECT count (*) FROM catalogue");
}

static gboolean
has_row (SamSession  *session,
         const char  *kind,
         const char  *code)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM catalogue WHERE kind = '%s'"
                                          " AND code = '%s'", kind, code);

  return query_int (session, sql) == 1;
}

/* Content --------------------------------------------------------------------- */

static void
test_every_kind_listed (void)
{
  g_autoptr(GPtrArray) entries = all_entries ();

  for (guint k = 0; k < SAM_N_CATALOGUE_KINDS; k++)
    {
      guint n = 0;
      const SamCatalogueEntry *list = sam_catalogue_list ((SamCatalogueKind) k, &n);

      g_assert_cmpuint (n, >, 0);
      g_assert_nonnull (list);
      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpint (list[i].kind, ==, k);
          /* Listed in their sort order, with no ties. */
          if (i > 0)
            g_assert_cmpuint (list[i - 1].sort, <, list[i].sort);
        }
    }

  /* The programme's three target areas and three long-term efforts; two
   * prevention levels, since a case is selective or indicated. */
  {
    guint n = 0;

    sam_catalogue_list (SAM_CATALOGUE_KIND_TARGET_AREA, &n);
    g_assert_cmpuint (n, ==, 3);
    sam_catalogue_list (SAM_CATALOGUE_KIND_LONG_TERM_EFFORT, &n);
    g_assert_cmpuint (n, ==, 3);
    sam_catalogue_list (SAM_CATALOGUE_KIND_PREVENTION_LEVEL, &n);
    g_assert_cmpuint (n, ==, 2);
  }

  g_assert_cmpuint (entries->len, >, 60);
}

static gboolean
is_code (const char *code)
{
  if (code == NULL || !g_ascii_islower (code[0]))
    return FALSE;

  for (const char *p = code; *p != '\0'; p++)
    {
      if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
        return FALSE;
    }

  return TRUE;
}

static void
test_codes (void)
{
  g_autoptr(GPtrArray) entries = all_entries ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      const SamCatalogueEntry *entry = g_ptr_array_index (entries, i);
      char *key = g_strconcat (sam_catalogue_kind_to_string (entry->kind), "/", entry->code, NULL);

      if (!is_code (entry->code))
        g_error ("“%s” is not a code", key);
      if (!g_hash_table_add (seen, key))
        g_error ("“%s” appears twice", entry->code);

      g_assert_true (sam_catalogue_lookup (entry->kind, entry->code) == entry);
    }

  g_assert_null (sam_catalogue_lookup (SAM_CATALOGUE_KIND_RISK_FACTOR, "no_such_code"));
  g_assert_null (sam_catalogue_lookup (SAM_CATALOGUE_KIND_RISK_FACTOR, NULL));
  /* A code belongs to its kind only. */
  g_assert_nonnull (sam_catalogue_lookup (SAM_CATALOGUE_KIND_INTERVENTION, "mst"));
  g_assert_null (sam_catalogue_lookup (SAM_CATALOGUE_KIND_RISK_FACTOR, "mst"));
}

static void
assert_label (const char *field,
              const char *label)
{
  g_autoptr(GError) error = NULL;

  if (!sam_validate_text (field, label, 1, SAM_SHORT_TEXT_MAX_CHARS, SAM_TEXT_SINGLE_LINE, &error))
    g_error ("%s", error->message);
}

static void
test_labels (void)
{
  g_autoptr(GPtrArray) entries = all_entries ();
  guint differs[SAM_N_CATALOGUE_KINDS] = { 0 };
  gboolean has_swedish_letter = FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      const SamCatalogueEntry *entry = g_ptr_array_index (entries, i);

      assert_label (entry->code, entry->label_en);
      assert_label (entry->code, entry->label_sv);
      if (!g_str_equal (entry->label_en, entry->label_sv))
        differs[entry->kind]++;
      if (strstr (entry->label_sv, "å") != NULL || strstr (entry->label_sv, "ä") != NULL ||
          strstr (entry->label_sv, "ö") != NULL)
        has_swedish_letter = TRUE;
    }

  /* The Swedish column is not a copy of the English one. */
  for (guint k = 0; k < SAM_N_CATALOGUE_KINDS; k++)
    g_assert_cmpuint (differs[k], >, 0);
  g_assert_true (has_swedish_letter);

  g_assert_cmpstr (sam_catalogue_lookup (SAM_CATALOGUE_KIND_TARGET_AREA, "public_places")->label_sv,
                   ==, "Allmänna platser");
  g_assert_cmpstr (sam_catalogue_lookup (SAM_CATALOGUE_KIND_PREVENTION_LEVEL, "indicated")->label_sv,
                   ==, "Indikerad prevention");
}

static void
test_evidence_levels (void)
{
  g_autoptr(GPtrArray) entries = all_entries ();

  for (guint i = 0; i < entries->len; i++)
    {
      const SamCatalogueEntry *entry = g_ptr_array_index (entries, i);

      if (entry->kind == SAM_CATALOGUE_KIND_INTERVENTION)
        {
          g_assert_cmpint (entry->evidence_level, !=, SAM_EVIDENCE_LEVEL_NONE);
          g_assert_cmpint (entry->evidence_level, <, SAM_N_EVIDENCE_LEVELS);
        }
      else
        {
          g_assert_cmpint (entry->evidence_level, ==, SAM_EVIDENCE_LEVEL_NONE);
        }
    }

  g_assert_cmpint (sam_catalogue_lookup (SAM_CATALOGUE_KIND_INTERVENTION, "mst")->evidence_level,
                   ==, SAM_EVIDENCE_LEVEL_ESTABLISHED);
  g_assert_cmpint (sam_catalogue_lookup (SAM_CATALOGUE_KIND_INTERVENTION, "fft")->evidence_level,
                   ==, SAM_EVIDENCE_LEVEL_ESTABLISHED);
  g_assert_cmpint (sam_catalogue_lookup (SAM_CATALOGUE_KIND_INTERVENTION, "mentor")->evidence_level,
                   ==, SAM_EVIDENCE_LEVEL_PROMISING);
  g_assert_cmpint (sam_catalogue_lookup (SAM_CATALOGUE_KIND_INTERVENTION,
                                         "worried_parent_conversation")->evidence_level,
                   ==, SAM_EVIDENCE_LEVEL_UNCERTAIN);

  g_assert_null (sam_evidence_level_to_string (SAM_EVIDENCE_LEVEL_NONE));
  g_assert_cmpstr (sam_evidence_level_to_string (SAM_EVIDENCE_LEVEL_ESTABLISHED), ==, "established");
  g_assert_cmpstr (sam_evidence_level_to_string (SAM_EVIDENCE_LEVEL_PROMISING), ==, "promising");
  g_assert_cmpstr (sam_evidence_level_to_string (SAM_EVIDENCE_LEVEL_UNCERTAIN), ==, "uncertain");
  g_assert_null (sam_evidence_level_get_label (SAM_EVIDENCE_LEVEL_NONE));
  g_assert_nonnull (sam_evidence_level_get_label (SAM_EVIDENCE_LEVEL_PROMISING));
}

static void
test_kind_strings (void)
{
  /* The schema's CHECK, written out independently. */
  static const char * const expected[SAM_N_CATALOGUE_KINDS] = {
    "concern_category", "risk_factor", "protective_factor", "intervention",
    "target_area", "long_term_effort", "prevention_level", "closing_reason",
  };
  SamCatalogueKind kind;

  for (guint k = 0; k < SAM_N_CATALOGUE_KINDS; k++)
    {
      g_assert_cmpstr (sam_catalogue_kind_to_string ((SamCatalogueKind) k), ==, expected[k]);
      g_assert_true (sam_catalogue_kind_from_string (expected[k], &kind));
      g_assert_cmpint (kind, ==, k);
      g_assert_nonnull (sam_catalogue_kind_get_label ((SamCatalogueKind) k));
    }

  g_assert_false (sam_catalogue_kind_from_string ("Risk_factor", &kind));
  g_assert_false (sam_catalogue_kind_from_string ("", &kind));
  g_assert_false (sam_catalogue_kind_from_string (NULL, &kind));
}

/* Labels follow the message locale. No translation is installed for the
 * test programs, so a Swedish locale must still give the Swedish label. */
static void
test_label_locale (void)
{
  const SamCatalogueEntry *entry = sam_catalogue_lookup (SAM_CATALOGUE_KIND_CONCERN_CATEGORY,
                                                         "school_absence");
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  g_unsetenv ("LANGUAGE");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  g_assert_cmpstr (sam_catalogue_entry_get_label (entry), ==, "School absence");

  if (setlocale (LC_ALL, "sv_SE.UTF-8") == NULL)
    {
      g_test_skip ("the sv_SE.UTF-8 locale is not installed");
    }
  else
    {
      g_setenv ("LC_ALL", "sv_SE.UTF-8", TRUE);
      g_assert_cmpstr (sam_catalogue_entry_get_label (entry), ==, "Skolfrånvaro");
    }

  g_unsetenv ("LC_ALL");
  setlocale (LC_ALL, saved);
}

/* Sync ------------------------------------------------------------------------- */

static void
test_sync_writes_table (SamTestFixture *fixture,
                        gconstpointer   data)
{
  g_autoptr(SamSession) admin = sam_test_unlock_admin (fixture->path);
  g_autoptr(GPtrArray) entries = all_entries ();
  g_autofree char *stored = query_text (admin, "SELECT value FROM meta WHERE key = 'catalogue_version'");

  g_assert_cmpint (row_count (admin), ==, entries->len);
  g_assert_cmpstr (stored, ==, _sam_catalogue_get_version ());

  for (guint i = 0; i < entries->len; i++)
    {
      const SamCatalogueEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *sql = NULL;
      g_autofree char *row = NULL;
      g_autofree char *expected = NULL;

      sql = g_strdup_printf ("SELECT label_en || '|' || label_sv || '|' || coalesce (evidence_level, '-')"
                             " || '|' || sort FROM catalogue WHERE kind = '%s' AND code = '%s'",
                             sam_catalogue_kind_to_string (entry->kind), entry->code);
      row = query_text (admin, sql);
      expected = g_strdup_printf ("%s|%s|%s|%u", entry->label_en, entry->label_sv,
                                  entry->evidence_level != SAM_EVIDENCE_LEVEL_NONE
                                    ? sam_evidence_level_to_string (entry->evidence_level) : "-",
                                  entry->sort);
      g_assert_cmpstr (row, ==, expected);
    }
}

static void
test_sync_idempotent (SamTestFixture *fixture,
                      gconstpointer   data)
{
  g_autoptr(SamSession) admin = sam_test_unlock_admin (fixture->path);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = handle_of (admin);
  int changes;
  g_autofree char *label = NULL;

  changes = sqlite3_total_changes (db);
  g_assert_true (_sam_catalogue_sync (db, &error));
  g_assert_no_error (error);
  g_assert_true (_sam_catalogue_sync (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_total_changes (db), ==, changes);

  /* An open while another process writes does not wait for its lock. */
  {
    g_autoptr(SamSession) writer = sam_test_unlock_admin (fixture->path);

    exec_sql (writer, "BEGIN IMMEDIATE");
    sqlite3_busy_timeout (db, 0);
    g_assert_true (_sam_catalogue_sync (db, &error));
    g_assert_no_error (error);
    sqlite3_busy_timeout (db, 5000);
    exec_sql (writer, "ROLLBACK");
  }

  /* The stored version decides: with it unchanged, nothing is rewritten,
   * not even a label edited behind the program's back… */
  exec_sql (admin, "UPDATE catalogue SET label_sv = 'Ändrad' WHERE kind = 'risk_factor'"
                   " AND code = 'criminal_peers'");
  g_assert_true (_sam_catalogue_sync (db, &error));
  g_assert_no_error (error);
  label = query_text (admin, "SELECT label_sv FROM catalogue WHERE code = 'criminal_peers'");
  g_assert_cmpstr (label, ==, "Ändrad");
  g_clear_pointer (&label, g_free);

  /* … and once it differs, the table is made equal to the program's. */
  exec_sql (admin, "UPDATE meta SET value = 'an older release' WHERE key = 'catalogue_version'");
  g_assert_true (_sam_catalogue_sync (db, &error));
  g_assert_no_error (error);
  label = query_text (admin, "SELECT label_sv FROM catalogue WHERE code = 'criminal_peers'");
  g_assert_cmpstr (label, ==, "Kriminella kamrater");
}

static void
test_sync_removes_retired (SamTestFixture *fixture,
                           gconstpointer   data)
{
  g_autoptr(SamSession) admin = sam_test_unlock_admin (fixture->path);
  g_autoptr(GPtrArray) entries = all_entries ();
  g_autoptr(GArray) release = g_array_new (FALSE, FALSE, sizeof (SamCatalogueEntry));
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *label = NULL;

  /* A later release retires the ART code and renames public places. */
  for (guint i = 0; i < entries->len; i++)
    {
      SamCatalogueEntry entry = *(const SamCatalogueEntry *) g_ptr_array_index (entries, i);

      if (g_str_equal (entry.code, "aggression_replacement_training"))
        continue;
      if (g_str_equal (entry.code, "public_places"))
        entry.label_sv = "Offentliga platser";
      g_array_append_val (release, entry);
    }

  version = _sam_catalogue_compute_version ((SamCatalogueEntry *) release->data, release->len);
  g_assert_cmpstr (version, !=, _sam_catalogue_get_version ());

  g_assert_true (_sam_catalogue_sync_entries (handle_of (admin), (SamCatalogueEntry *) release->data,
                                              release->len, &error));
  g_assert_no_error (error);
  g_assert_false (has_row (admin, "intervention", "aggression_replacement_training"));
  g_assert_cmpint (row_count (admin), ==, entries->len - 1);
  label = query_text (admin, "SELECT label_sv FROM catalogue WHERE code = 'public_places'");
  g_assert_cmpstr (label, ==, "Offentliga platser");
  stored = query_text (admin, "SELECT value FROM meta WHERE key = 'catalogue_version'");
  g_assert_cmpstr (stored, ==, version);

  /* Opening the database with this program brings its own table back. */
  sam_session_lock (admin);
  g_clear_object (&admin);
  admin = sam_test_unlock_admin (fixture->path);
  g_assert_true (has_row (admin, "intervention", "aggression_replacement_training"));
  g_assert_cmpint (row_count (admin), ==, entries->len);
  g_clear_pointer (&label, g_free);
  label = query_text (admin, "SELECT label_sv FROM catalogue WHERE code = 'public_places'");
  g_assert_cmpstr (label, ==, "Allmänna platser");
}

/* The codes a case stores are the ones the schema's CHECKs allow: every
 * catalogue closing reason and prevention level goes in, nothing else. */
static void
test_schema_accepts_codes (SamTestFixture *fixture,
                           gconstpointer   data)
{
  g_autoptr(SamSession) admin = sam_test_unlock_admin (fixture->path);
  guint n_levels = 0;
  guint n_reasons = 0;
  const SamCatalogueEntry *levels = sam_catalogue_list (SAM_CATALOGUE_KIND_PREVENTION_LEVEL, &n_levels);
  const SamCatalogueEntry *reasons = sam_catalogue_list (SAM_CATALOGUE_KIND_CLOSING_REASON, &n_reasons);
  guint number = 0;

  exec_sql (admin, "BEGIN");
  exec_sql (admin, "INSERT INTO persons (id, given_name, family_name, birth_date, created_at, created_by)"
                   " VALUES (1, 'Test', 'Testsson', '2011-03-15', '2025-01-01T00:00:00Z', 1)");

  for (guint i = 0; i < n_levels; i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO cases (number, person_id, prevention_level,"
                                              " opened_at) VALUES ('SV-2025-%04u', 1, '%s', '2025-01-01')",
                                              ++number, levels[i].code);
      exec_sql (admin, sql);
    }

  for (guint i = 0; i < n_reasons; i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO cases (number, person_id, prevention_level,"
                                              " status, closing_reason, opened_at, closed_at)"
                                              " VALUES ('SV-2025-%04u', 1, 'indicated', 'closed', '%s',"
                                              " '2025-01-01', '2025-06-01')",
                                              ++number, reasons[i].code);
      exec_sql (admin, sql);
    }

  /* The CHECKs are real: an unknown value fails. */
  g_assert_false (exec_may_fail (admin, "INSERT INTO cases (number, person_id, prevention_level, opened_at)"
                                        " VALUES ('SV-2025-9999', 1, 'universal', '2025-01-01')"));
  exec_sql (admin, "ROLLBACK");

  /* The schema allows exactly seven closing reasons. */
  g_assert_cmpuint (n_reasons, ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalogue/every-kind-listed", test_every_kind_listed);
  g_test_add_func ("/catalogue/codes", test_codes);
  g_test_add_func ("/catalogue/labels", test_labels);
  g_test_add_func ("/catalogue/evidence-levels", test_evidence_levels);
  g_test_add_func ("/catalogue/kind-strings", test_kind_strings);
  g_test_add_func ("/catalogue/label-locale", test_label_locale);
  g_test_add ("/catalogue/sync-writes-table", SamTestFixture, NULL,
              sam_test_fixture_set_up, test_sync_writes_table, sam_test_fixture_tear_down);
  g_test_add ("/catalogue/sync-idempotent", SamTestFixture, NULL,
              sam_test_fixture_set_up, test_sync_idempotent, sam_test_fixture_tear_down);
  g_test_add ("/catalogue/sync-removes-retired", SamTestFixture, NULL,
              sam_test_fixture_set_up, test_sync_removes_retired, sam_test_fixture_tear_down);
  g_test_add ("/catalogue/schema-accepts-codes", SamTestFixture, NULL,
              sam_test_fixture_set_up, test_schema_accepts_codes, sam_test_fixture_tear_down);

  return g_test_run ();
}
