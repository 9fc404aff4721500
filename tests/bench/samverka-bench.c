/* samverka-bench.c: Samverka's performance at municipal scale, against plain SQLite
 *
 *   samverka-bench --database PATH --user U --passphrase-file F [--json FILE] [--runs N]
 *   samverka-bench --scale N [--json FILE] [--runs N]
 *
 * Works on a copy: the database (and its key file) is copied, or a demo
 * database generated, into a private temporary folder (mode 0700), since
 * unlocking, opening a case and saving a concern all write audit rows.
 * The plain copy is exported there with sqlcipher_export(). The folder is
 * deleted at the end. docs/performance.md explains the figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "samverka-bench"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sam-bench-copy.h"
#include "sam-bench.h"
#include "sam-database-private.h"

#define DEFAULT_RUNS 5

typedef struct
{
  char    *database;
  char    *user;
  char    *passphrase_file;
  char    *json;
  int      runs;
  int      scale;
} Options;

/* What the report says besides the figures. */
typedef struct
{
  const char *source;
  double      generation_s;
  char       *sqlcipher_version;
  GPtrArray  *table_names;   /* char * */
  GArray     *table_counts;  /* gint64 */
} Facts;

static const char * const counted_tables[] = {
  "persons", "guardians", "cases", "concerns", "notes", "consents", "mappings", "meetings",
  "plan_changes", "follow_ups", "audit_log",
};

/* The rows that make a case's history: the "concerns, notes and
 * events". */
static const char * const history_tables[] = {
  "concerns", "notes", "consents", "mappings", "meetings", "plan_changes", "follow_ups",
};

/* Files ------------------------------------------------------------------------ */

static void
remove_directory (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_unlink (file);
    }
  g_rmdir (path);
}

/* The database, its write-ahead log if any, and its key file. */
static gboolean
copy_database (const char  *from,
               const char  *to,
               GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", ".keys" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *source = g_strconcat (from, suffixes[i], NULL);
      g_autofree char *destination = g_strconcat (to, suffixes[i], NULL);

      if (i == 1 && !g_file_test (source, G_FILE_TEST_EXISTS))
        continue;
      if (!sam_bench_copy_file (source, destination, error))
        return FALSE;
    }

  return TRUE;
}

static SamSecret *
read_passphrase (const char  *path,
                 GError     **error)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;

  g_strchomp (text);
  return sam_secret_new_from_string (text);
}

static gboolean
prepare_data (Bench    *bench,
              Options  *options,
              Facts    *facts,
              GError  **error)
{
  char *path = g_build_filename (bench->directory, "bench.db", NULL);

  bench->sides[SIDE_ENCRYPTED].path = path;
  bench->sides[SIDE_PLAIN].path = g_build_filename (bench->directory, "plain.db", NULL);

  if (options->scale > 0)
    {
      BenchClock start = bench_clock ();

      facts->source = "generated";
      if (!sam_demo_create_full (path, (guint) options->scale, 1, NULL, error))
        return FALSE;
      facts->generation_s = bench_elapsed (start).wall / 1000.0;
      bench->user = g_strdup (options->user != NULL ? options->user : "coordinator");
      bench->passphrase = sam_secret_new_from_string ("coordinator-demo");
      if (options->user != NULL)
        {
          g_autofree char *text = g_strconcat (options->user, SAM_DEMO_PASSPHRASE_SUFFIX, NULL);

          g_clear_pointer (&bench->passphrase, sam_secret_free);
          bench->passphrase = sam_secret_new_from_string (text);
        }
      return TRUE;
    }

  facts->source = "copied";
  bench->user = g_strdup (options->user);
  bench->passphrase = read_passphrase (options->passphrase_file, error);

  return bench->passphrase != NULL && copy_database (options->database, path, error);
}

/* The plain copy: SQLCipher's own export, an unencrypted database with the
 * same schema, rows and schema version. */
static gboolean
export_plain (Bench    *bench,
              GError  **error)
{
  SamDatabase *database = sam_session_get_database (bench->sides[SIDE_ENCRYPTED].session);
  g_autofree char *attach = g_strdup_printf ("ATTACH DATABASE '%s' AS plain KEY ''",
                                             bench->sides[SIDE_PLAIN].path);
  g_autofree char *version = g_strdup_printf ("PRAGMA plain.user_version = %u",
                                              sam_database_get_schema_version (database));
  gboolean ok;

  if (strchr (bench->sides[SIDE_PLAIN].path, '\'') != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                           "The temporary folder's name has a quote in it");
      return FALSE;
    }

  /* The connection was opened without SQLITE_OPEN_CREATE, and so is what
   * it attaches: the file must be there. An empty file is an empty
   * database. */
  if (!g_file_set_contents_full (bench->sides[SIDE_PLAIN].path, "", 0,
                                 G_FILE_SET_CONTENTS_NONE, 0600, error))
    return FALSE;

  _sam_database_lock (database);
  ok = _sam_database_exec (database, attach, error) &&
       _sam_database_exec (database, "SELECT sqlcipher_export ('plain')", error) &&
       _sam_database_exec (database, version, error);
  _sam_database_exec (database, "DETACH DATABASE plain", ok ? error : NULL);
  _sam_database_unlock (database);

  return ok;
}

static void
count_rows (Bench *bench,
            Facts *facts)
{
  SamDatabase *database = sam_session_get_database (bench->sides[SIDE_ENCRYPTED].session);
  sqlite3 *db = _sam_database_get_handle (database);

  _sam_database_lock (database);
  for (guint i = 0; i < G_N_ELEMENTS (counted_tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM %s", counted_tables[i]);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      gint64 count = -1;

      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
        count = sqlite3_column_int64 (stmt, 0);
      g_ptr_array_add (facts->table_names, g_strdup (counted_tables[i]));
      g_array_append_val (facts->table_counts, count);
    }
  _sam_database_unlock (database);

  facts->sqlcipher_version = sam_database_get_cipher_version (database);
}

static gint64
history_rows (Facts *facts)
{
  gint64 total = 0;

  for (guint i = 0; i < facts->table_names->len; i++)
    {
      for (guint j = 0; j < G_N_ELEMENTS (history_tables); j++)
        {
          if (g_str_equal (g_ptr_array_index (facts->table_names, i), history_tables[j]))
            total += g_array_index (facts->table_counts, gint64, i);
        }
    }

  return total;
}

/* Runs ------------------------------------------------------------------------- */

static void
sample_memory (Bench   *bench,
               Measure  rss,
               Measure  hwm)
{
  bench_add_sample (bench, rss, SIDE_ENCRYPTED, bench_read_status_kb ("VmRSS") / 1024.0);
  if (hwm < N_MEASURES)
    bench_add_sample (bench, hwm, SIDE_ENCRYPTED, bench_read_status_kb ("VmHWM") / 1024.0);
}

/* One unlock before the timed ones: it brings the copy's schema up to
 * date, which a real unlock does once after an upgrade, not every time.
 * It runs in a child process, so that the memory figures of the first
 * timed unlock are those of a fresh process. No thread runs yet here. */
static gboolean
warm_up (Bench    *bench,
         GError  **error)
{
  int status = 0;
  pid_t child;

  fflush (stdout);
  child = fork ();
  if (child == 0)
    {
      g_autoptr(GError) child_error = NULL;
      SamSession *session = sam_session_unlock (bench->sides[SIDE_ENCRYPTED].path, bench->user,
                                                bench->passphrase, &child_error);

      if (session == NULL)
        {
          g_printerr ("samverka-bench: %s\n", child_error->message);
          _exit (1);
        }
      sam_session_lock (session);
      _exit (0);
    }

  if (child < 0 || waitpid (child, &status, 0) != child || !WIFEXITED (status) ||
      WEXITSTATUS (status) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "The warm-up unlock of the copy failed");
      return FALSE;
    }

  return TRUE;
}

/* The first run's encrypted unlock comes before anything else, so that
 * the memory it reads is what opening costs; the plain copy is exported
 * from that session. */
static gboolean
first_unlock (Bench    *bench,
              Facts    *facts,
              GError  **error)
{
  if (!bench_unlock (bench, SIDE_ENCRYPTED, error))
    return FALSE;

  sample_memory (bench, MEASURE_RSS_AFTER_OPEN, MEASURE_HWM_AFTER_OPEN);
  count_rows (bench, facts);

  return bench_choose_inputs (bench, error) &&
         export_plain (bench, error) &&
         bench_open_helpers (bench, SIDE_ENCRYPTED, error) &&
         bench_open_helpers (bench, SIDE_PLAIN, error);
}

/* The two sides take turns in every run, so that whatever else the
 * machine does falls on both alike. */
static gboolean
run_all (Bench    *bench,
         Facts    *facts,
         GError  **error)
{
  for (guint run = 0; run < bench->runs; run++)
    {
      for (guint side = 0; side < N_SIDES; side++)
        {
          gboolean unlocked = run == 0 && side == SIDE_ENCRYPTED
                              ? first_unlock (bench, facts, error)
                              : bench_unlock (bench, side, error);

          if (!unlocked || !bench_run_measures (bench, side, error))
            return FALSE;
          if (run + 1 == bench->runs && side == SIDE_PLAIN)
            sample_memory (bench, MEASURE_RSS_AT_END, N_MEASURES);
          bench_lock (bench, side);
        }
      g_printerr ("run %u of %u done\n", run + 1, bench->runs);
    }

  return TRUE;
}

/* Figures ----------------------------------------------------------------------- */

typedef enum
{
  CLOCK_WALL,
  CLOCK_CPU,
} Clock;

static double
figure (Bench   *bench,
        Measure  measure,
        guint    side,
        Clock    clock)
{
  GArray *(*samples)[N_SIDES] = clock == CLOCK_CPU ? bench->cpu_samples : bench->samples;

  if (measure == MEASURE_SEARCH_P95)
    return bench_percentile (samples[MEASURE_SEARCH_MEDIAN][side], 95);

  return bench_median (samples[measure][side]);
}

/* Over CPU time, which the other programs on a shared machine disturb
 * less than the wall clock. */
static double
ratio (Bench   *bench,
       Measure  measure)
{
  double encrypted = figure (bench, measure, SIDE_ENCRYPTED, CLOCK_CPU);
  double plain = figure (bench, measure, SIDE_PLAIN, CLOCK_CPU);

  if (!bench_measures[measure].has_plain)
    return NAN;

  return bench_measures[measure].higher_better ? plain / encrypted : encrypted / plain;
}

/* -1: no target (or no figure on that clock), 0: missed, 1: met. */
static int
target_met (Bench   *bench,
            Measure  measure,
            Clock    clock)
{
  const MeasureInfo *info = &bench_measures[measure];
  double value = figure (bench, measure, SIDE_ENCRYPTED, clock);

  if (isnan (value))
    return -1;

  switch (info->target_kind)
    {
    case TARGET_BELOW:
      return value < info->target;
    case TARGET_AT_LEAST:
      return value >= info->target;
    case TARGET_NONE:
    default:
      return -1;
    }
}

static int
ratio_met (Bench   *bench,
           Measure  measure)
{
  double r = ratio (bench, measure);

  return isnan (r) ? -1 : r <= BENCH_RATIO_TARGET;
}

static const char *
met_text (int met)
{
  return met < 0 ? "" : met ? "yes" : "NO";
}

static char *
format_value (double      value,
              const char *unit)
{
  if (isnan (value))
    return g_strdup ("-");
  if (g_str_equal (unit, "rows/s"))
    return g_strdup_printf ("%.0f", value);

  return g_strdup_printf ("%.2f", value);
}

static char *
format_target (const MeasureInfo *info)
{
  switch (info->target_kind)
    {
    case TARGET_BELOW:
      return g_strdup_printf ("< %g", info->target);
    case TARGET_AT_LEAST:
      return g_strdup_printf (">= %g", info->target);
    case TARGET_NONE:
    default:
      return g_strdup ("");
    }
}

static void
print_table (Bench *bench,
             Facts *facts)
{
  g_print ("\n%-50s %-6s %10s %10s %10s %10s %6s %9s %4s %4s %5s\n", "figure (median)", "unit",
           "encrypted", "enc. CPU", "plain", "plain CPU", "ratio", "target", "met", "CPU", "ratio");
  for (Measure m = 0; m < N_MEASURES; m++)
    {
      const MeasureInfo *info = &bench_measures[m];
      double plain = info->has_plain ? figure (bench, m, SIDE_PLAIN, CLOCK_WALL) : NAN;
      double plain_cpu = info->has_plain ? figure (bench, m, SIDE_PLAIN, CLOCK_CPU) : NAN;
      g_autofree char *encrypted_text = format_value (figure (bench, m, SIDE_ENCRYPTED, CLOCK_WALL), info->unit);
      g_autofree char *encrypted_cpu_text = format_value (figure (bench, m, SIDE_ENCRYPTED, CLOCK_CPU), info->unit);
      g_autofree char *plain_text = format_value (plain, info->unit);
      g_autofree char *plain_cpu_text = format_value (plain_cpu, info->unit);
      g_autofree char *target = format_target (info);
      double r = ratio (bench, m);
      g_autofree char *ratio_text = isnan (r) ? g_strdup ("") : g_strdup_printf ("%.2f", r);

      g_print ("%-50.50s %-6s %10s %10s %10s %10s %6s %9s %4s %4s %5s\n", info->label, info->unit,
               encrypted_text, encrypted_cpu_text, plain_text, plain_cpu_text, ratio_text, target,
               met_text (target_met (bench, m, CLOCK_WALL)), met_text (target_met (bench, m, CLOCK_CPU)),
               met_text (ratio_met (bench, m)));
    }

  g_print ("\n%u runs; %u cases listed; longest chronology %u items; %" G_GINT64_FORMAT
           " concerns, notes and events\n",
           bench->runs, bench->n_cases_listed, bench->long_case_items, history_rows (facts));
}

/* JSON ---------------------------------------------------------------------------- */

static char *
first_line_with (const char *path,
                 const char *prefix)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return NULL;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], prefix))
        {
          const char *colon = strchr (lines[i], ':');

          return g_strstrip (g_strdup (colon != NULL ? colon + 1 : lines[i]));
        }
    }

  return NULL;
}

static void
add_machine (JsonBuilder *builder,
             Facts       *facts)
{
  g_autofree char *cpu = first_line_with ("/proc/cpuinfo", "model name");
  g_autofree char *memory = first_line_with ("/proc/meminfo", "MemTotal");
  struct utsname name;
  g_autofree char *kernel = NULL;

  if (uname (&name) == 0)
    kernel = g_strdup_printf ("%s %s %s", name.sysname, name.release, name.machine);

  json_builder_set_member_name (builder, "machine");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cpu_model");
  json_builder_add_string_value (builder, cpu != NULL ? cpu : "unknown");
  json_builder_set_member_name (builder, "cores");
  json_builder_add_int_value (builder, g_get_num_processors ());
  json_builder_set_member_name (builder, "ram_mb");
  json_builder_add_int_value (builder, memory != NULL ? g_ascii_strtoll (memory, NULL, 10) / 1024 : 0);
  json_builder_set_member_name (builder, "kernel");
  json_builder_add_string_value (builder, kernel != NULL ? kernel : "unknown");
  json_builder_set_member_name (builder, "sqlite_version");
  json_builder_add_string_value (builder, sqlite3_libversion ());
  json_builder_set_member_name (builder, "sqlcipher_version");
  json_builder_add_string_value (builder, facts->sqlcipher_version != NULL ? facts->sqlcipher_version : "");
  json_builder_end_object (builder);
}

static void
add_data (JsonBuilder *builder,
          Bench       *bench,
          Facts       *facts)
{
  json_builder_set_member_name (builder, "data");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, facts->source);
  json_builder_set_member_name (builder, "generation_seconds");
  json_builder_add_double_value (builder, facts->generation_s);
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, bench->user);
  json_builder_set_member_name (builder, "cases_listed");
  json_builder_add_int_value (builder, bench->n_cases_listed);
  json_builder_set_member_name (builder, "longest_chronology_items");
  json_builder_add_int_value (builder, bench->long_case_items);
  json_builder_set_member_name (builder, "concerns_notes_events");
  json_builder_add_int_value (builder, history_rows (facts));
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_object (builder);
  for (guint i = 0; i < facts->table_names->len; i++)
    {
      json_builder_set_member_name (builder, g_ptr_array_index (facts->table_names, i));
      json_builder_add_int_value (builder, g_array_index (facts->table_counts, gint64, i));
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "search_query_kinds");
  json_builder_begin_array (builder);
  for (guint i = 0; i < N_SEARCHES; i++)
    json_builder_add_string_value (builder, bench->queries[i].kind);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_number_or_null (JsonBuilder *builder,
                    const char  *name,
                    double       value)
{
  json_builder_set_member_name (builder, name);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_met (JsonBuilder *builder,
         const char  *name,
         int          met)
{
  json_builder_set_member_name (builder, name);
  if (met < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_boolean_value (builder, met);
}

static void
add_samples (JsonBuilder *builder,
             const char  *name,
             GArray      *samples)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; samples != NULL && i < samples->len; i++)
    json_builder_add_double_value (builder, g_array_index (samples, double, i));
  json_builder_end_array (builder);
}

static void
add_measure (JsonBuilder *builder,
             Bench       *bench,
             Measure      m)
{
  const MeasureInfo *info = &bench_measures[m];
  Measure sampled = m == MEASURE_SEARCH_P95 ? MEASURE_SEARCH_MEDIAN : m;
  g_autofree char *target = format_target (info);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, info->id);
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, info->label);
  json_builder_set_member_name (builder, "unit");
  json_builder_add_string_value (builder, info->unit);
  add_number_or_null (builder, "encrypted", figure (bench, m, SIDE_ENCRYPTED, CLOCK_WALL));
  add_number_or_null (builder, "encrypted_cpu", figure (bench, m, SIDE_ENCRYPTED, CLOCK_CPU));
  add_number_or_null (builder, "plain", info->has_plain ? figure (bench, m, SIDE_PLAIN, CLOCK_WALL) : NAN);
  add_number_or_null (builder, "plain_cpu", info->has_plain ? figure (bench, m, SIDE_PLAIN, CLOCK_CPU) : NAN);
  add_number_or_null (builder, "ratio", ratio (bench, m));
  json_builder_set_member_name (builder, "target");
  json_builder_add_string_value (builder, target);
  add_met (builder, "met", target_met (bench, m, CLOCK_WALL));
  add_met (builder, "met_cpu", target_met (bench, m, CLOCK_CPU));
  add_number_or_null (builder, "ratio_target", info->has_plain ? BENCH_RATIO_TARGET : NAN);
  add_met (builder, "ratio_met", ratio_met (bench, m));
  json_builder_set_member_name (builder, "samples");
  json_builder_begin_object (builder);
  add_samples (builder, "encrypted", bench->samples[sampled][SIDE_ENCRYPTED]);
  add_samples (builder, "encrypted_cpu", bench->cpu_samples[sampled][SIDE_ENCRYPTED]);
  add_samples (builder, "plain", bench->samples[sampled][SIDE_PLAIN]);
  add_samples (builder, "plain_cpu", bench->cpu_samples[sampled][SIDE_PLAIN]);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static gboolean
write_json (Bench       *bench,
            Facts       *facts,
            const char  *path,
            GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format_iso8601 (now);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "program");
  json_builder_add_string_value (builder, "samverka-bench " PACKAGE_VERSION);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, time);
  json_builder_set_member_name (builder, "runs");
  json_builder_add_int_value (builder, bench->runs);
  json_builder_set_member_name (builder, "notes");
  json_builder_add_string_value (builder,
                                 "Figures are medians over the runs. encrypted and plain are wall-clock;"
                                 " *_cpu are the process's CPU time over the same span, all threads."
                                 " met judges the wall clock, met_cpu the CPU time; ratio is encrypted"
                                 " over plain CPU time (plain over encrypted for a rate).");
  add_machine (builder, facts);
  add_data (builder, bench, facts);
  json_builder_set_member_name (builder, "measures");
  json_builder_begin_array (builder);
  for (Measure m = 0; m < N_MEASURES; m++)
    add_measure (builder, bench, m);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_file (generator, path, error);
}

/* Main ------------------------------------------------------------------------------ */

static void
bench_clear (Bench *bench)
{
  for (guint side = 0; side < N_SIDES; side++)
    {
      BenchSide *s = &bench->sides[side];

      bench_lock (bench, side);
      if (s->manager != NULL)
        sam_session_lock (s->manager);
      if (s->admin != NULL)
        sam_session_lock (s->admin);
      g_clear_object (&s->manager);
      g_clear_object (&s->admin);
      g_clear_pointer (&s->path, g_free);
      for (Measure m = 0; m < N_MEASURES; m++)
        {
          g_clear_pointer (&bench->samples[m][side], g_array_unref);
          g_clear_pointer (&bench->cpu_samples[m][side], g_array_unref);
        }
    }

  for (guint i = 0; i < N_SEARCHES; i++)
    g_clear_pointer (&bench->queries[i].text, g_free);
  g_clear_pointer (&bench->category, g_free);
  g_clear_pointer (&bench->user, g_free);
  g_clear_pointer (&bench->passphrase, sam_secret_free);
  if (bench->directory != NULL)
    remove_directory (bench->directory);
  g_clear_pointer (&bench->directory, g_free);
}

static gboolean
parse_options (Options   *options,
               int       *argc,
               char    ***argv,
               GError   **error)
{
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &options->database, "The database to measure (copied first)", "PATH" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &options->user, "Whose unlock and case list to measure", "USER" },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &options->passphrase_file, "The user's passphrase", "FILE" },
    { "scale", 0, 0, G_OPTION_ARG_INT, &options->scale, "Generate a demo database of N young persons instead", "N" },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &options->json, "Also write the figures as JSON", "FILE" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &options->runs, "Runs of each measure (default 5)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— Samverka's benchmark");

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;

  if ((options->scale > 0) == (options->database != NULL) ||
      (options->database != NULL && (options->user == NULL || options->passphrase_file == NULL)) ||
      options->runs < 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "Give either --scale N, or --database, --user and --passphrase-file");
      return FALSE;
    }

  if (options->runs == 0)
    options->runs = DEFAULT_RUNS;
  return TRUE;
}

static gboolean
bench_main (Bench    *bench,
            Options  *options,
            Facts    *facts,
            GError  **error)
{
  bench->runs = (guint) options->runs;
  bench->directory = g_dir_make_tmp ("samverka-bench-XXXXXX", error);
  if (bench->directory == NULL || !prepare_data (bench, options, facts, error) ||
      !warm_up (bench, error) || !run_all (bench, facts, error))
    return FALSE;

  print_table (bench, facts);

  return options->json == NULL || write_json (bench, facts, options->json, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  Options options = { 0 };
  Facts facts = { .source = "", .table_names = g_ptr_array_new_with_free_func (g_free),
                  .table_counts = g_array_new (FALSE, FALSE, sizeof (gint64)) };
  Bench bench = { 0 };
  gboolean ok;

  sam_i18n_init ();
  if (!parse_options (&options, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  for (Measure m = 0; m < N_MEASURES; m++)
    for (guint side = 0; side < N_SIDES; side++)
      {
        bench.samples[m][side] = g_array_new (FALSE, FALSE, sizeof (double));
        bench.cpu_samples[m][side] = g_array_new (FALSE, FALSE, sizeof (double));
      }
  bench.sides[SIDE_ENCRYPTED].name = "encrypted";
  bench.sides[SIDE_PLAIN].name = "plain";

  ok = bench_main (&bench, &options, &facts, &error);
  bench_clear (&bench);
  g_ptr_array_unref (facts.table_names);
  g_array_unref (facts.table_counts);
  g_free (facts.sqlcipher_version);
  g_free (options.database);
  g_free (options.user);
  g_free (options.passphrase_file);
  g_free (options.json);

  if (!ok)
    {
      g_printerr ("samverka-bench: %s\n", error->message);
      return 1;
    }

  return 0;
}
