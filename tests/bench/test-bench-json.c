/* test-bench-json.c: the benchmark runs at a small scale and reports
 * every measure, as JSON a machine can read
 *
 * No timing is asserted: only that each figure is there, with its plain
 * baseline and ratio where it has one, its target and whether it was met.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-bench-json"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sam-bench.h"

/* The samverka-bench program, from the command line. */
static const char *program;

static JsonObject *
find_measure (JsonArray  *measures,
              const char *id)
{
  for (guint i = 0; i < json_array_get_length (measures); i++)
    {
      JsonObject *measure = json_array_get_object_element (measures, i);

      if (g_strcmp0 (json_object_get_string_member (measure, "id"), id) == 0)
        return measure;
    }

  return NULL;
}

static void
assert_number (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_true (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
                 json_node_get_value_type (node) == G_TYPE_INT64);
  g_assert_cmpfloat (json_node_get_double (node), >=, 0);
}

static void
assert_met (JsonObject        *object,
            const char        *member,
            gboolean           expected)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  if (expected)
    g_assert_true (json_node_get_value_type (node) == G_TYPE_BOOLEAN);
  else
    g_assert_true (JSON_NODE_HOLDS_NULL (node));
}

static void
check_measure (JsonArray         *measures,
               const MeasureInfo *info,
               guint              runs)
{
  JsonObject *measure = find_measure (measures, info->id);
  JsonObject *samples;

  g_test_message ("measure %s", info->id);
  g_assert_nonnull (measure);
  assert_number (measure, "encrypted");
  g_assert_cmpstr (json_object_get_string_member (measure, "unit"), ==, info->unit);
  assert_met (measure, "met", info->target_kind != TARGET_NONE);
  if (info->has_plain)
    {
      assert_number (measure, "encrypted_cpu");
      assert_number (measure, "plain_cpu");
    }
  assert_met (measure, "ratio_met", info->has_plain);
  if (info->has_plain)
    {
      assert_number (measure, "plain");
      assert_number (measure, "ratio");
    }
  else
    {
      g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (measure, "plain")));
    }

  samples = json_object_get_object_member (measure, "samples");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (samples, "encrypted")), >=, 1);
  if (info->has_plain)
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (samples, "plain")), >=, runs);
}

static void
check_facts (JsonObject *root)
{
  JsonObject *machine = json_object_get_object_member (root, "machine");
  JsonObject *data = json_object_get_object_member (root, "data");
  JsonObject *rows = json_object_get_object_member (data, "rows");

  g_assert_cmpint (json_object_get_int_member (machine, "cores"), >=, 1);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (machine, "sqlcipher_version"), "4."));
  g_assert_cmpstr (json_object_get_string_member (data, "source"), ==, "generated");
  g_assert_cmpint (json_object_get_int_member (rows, "persons"), ==, 300);
  g_assert_cmpint (json_object_get_int_member (rows, "cases"), >, 0);
  g_assert_cmpint (json_object_get_int_member (data, "concerns_notes_events"), >, 0);
  g_assert_cmpint (json_object_get_int_member (data, "cases_listed"), ==,
                   json_object_get_int_member (rows, "cases"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (data, "search_query_kinds")),
                    ==, N_SEARCHES);
}

static void
test_small_run (void)
{
  g_autofree char *directory = g_dir_make_tmp ("test-bench-XXXXXX", NULL);
  g_autofree char *json = g_build_filename (directory, "bench.json", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) leftovers = NULL;
  JsonObject *root;
  JsonArray *measures;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, program, "--scale", "300",
                              "--runs", "2", "--json", json, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);

  json_parser_load_from_file (parser, json, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "runs"), ==, 2);
  check_facts (root);

  measures = json_object_get_array_member (root, "measures");
  g_assert_cmpuint (json_array_get_length (measures), ==, N_MEASURES);
  for (Measure m = 0; m < N_MEASURES; m++)
    check_measure (measures, &bench_measures[m], 2);

  g_unlink (json);
  g_rmdir (directory);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (argc != 2)
    {
      g_printerr ("Usage: %s PATH-TO-SAMVERKA-BENCH\n", argv[0]);
      return 2;
    }
  program = argv[1];
  g_test_add_func ("/bench/small-run", test_small_run);

  return g_test_run ();
}
