/* sam-bench.h: the benchmark's shared state and its list of measures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "samverka-core.h"

G_BEGIN_DECLS

/* Every figure the benchmark reports, in report order. The JSON check
 * (test-bench-json.c) asks for each of these ids. */
typedef enum
{
  MEASURE_UNLOCK_ARGON2ID,
  MEASURE_UNLOCK_REST,
  MEASURE_CASE_LIST_FIRST_PAGE,
  MEASURE_CASE_LIST_SCROLL,
  MEASURE_CASE_LIST_WORST_PAGE,
  MEASURE_SEARCH_MEDIAN,
  MEASURE_SEARCH_P95,
  MEASURE_CASE_OPEN,
  MEASURE_CONCERN_SAVE,
  MEASURE_SUMMARY_1,
  MEASURE_SUMMARY_2,
  MEASURE_SUMMARY_3,
  MEASURE_AUDIT_VERIFY,
  MEASURE_RSS_AFTER_OPEN,
  MEASURE_HWM_AFTER_OPEN,
  MEASURE_RSS_AT_END,
  N_MEASURES
} Measure;

typedef enum
{
  TARGET_NONE,
  TARGET_BELOW,       /* the figure must be smaller than the target */
  TARGET_AT_LEAST,    /* the figure must reach the target */
} TargetKind;

typedef struct
{
  const char *id;
  const char *label;
  const char *unit;
  TargetKind  target_kind;
  double      target;
  gboolean    has_plain;     /* a database operation, run on the plain copy too */
  gboolean    higher_better; /* a rate: the ratio is plain ÷ encrypted */
} MeasureInfo;

extern const MeasureInfo bench_measures[N_MEASURES];

/* The ratio encrypted ÷ plain that every database operation must keep. */
#define BENCH_RATIO_TARGET 1.5

enum { SIDE_ENCRYPTED, SIDE_PLAIN, N_SIDES };

#define N_SEARCHES 10

typedef struct
{
  const char *kind;      /* what the query is, never its text */
  char       *text;
} BenchQuery;

/* One database under test: the encrypted copy or its plain export. */
typedef struct
{
  const char  *name;
  char        *path;
  SamSession  *session;    /* the user's, from this run's unlock */
  SamSession  *manager;
  SamSession  *admin;
} BenchSide;

typedef struct
{
  char        *user;
  SamSecret   *passphrase;
  guint        runs;
  char        *directory;   /* private, 0700, deleted at the end */
  BenchSide    sides[N_SIDES];

  /* Chosen from the data once, the same for both sides. */
  gint64       long_case_id;
  guint        long_case_items;
  gint64       person_id;
  char        *category;
  BenchQuery   queries[N_SEARCHES];
  guint        n_cases_listed;

  /* Wall-clock figures, and the process's CPU time over the same span
   * (all threads, so page loads in the list's worker count too). */
  GArray      *samples[N_MEASURES][N_SIDES];       /* double */
  GArray      *cpu_samples[N_MEASURES][N_SIDES];   /* double */
} Bench;

/* A moment, on both clocks, in milliseconds. */
typedef struct
{
  double wall;
  double cpu;
} BenchClock;

BenchClock bench_clock            (void);
BenchClock bench_elapsed          (BenchClock   start);
void     bench_add_sample         (Bench       *bench,
                                   Measure      measure,
                                   guint        side,
                                   double       value);
void     bench_add_time           (Bench       *bench,
                                   Measure      measure,
                                   guint        side,
                                   BenchClock   elapsed);
void     bench_add_rate           (Bench       *bench,
                                   Measure      measure,
                                   guint        side,
                                   BenchClock   elapsed,
                                   double       count);
double   bench_median             (GArray      *samples);
double   bench_percentile         (GArray      *samples,
                                   double       percentile);
double   bench_read_status_kb     (const char  *field);

gboolean bench_unlock             (Bench       *bench,
                                   guint        side,
                                   GError     **error);
void     bench_lock               (Bench       *bench,
                                   guint        side);
gboolean bench_open_helpers       (Bench       *bench,
                                   guint        side,
                                   GError     **error);
gboolean bench_run_measures       (Bench       *bench,
                                   guint        side,
                                   GError     **error);
gboolean bench_choose_inputs      (Bench       *bench,
                                   GError     **error);

G_END_DECLS
