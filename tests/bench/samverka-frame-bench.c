/* samverka-frame-bench.c: frame times of the real window on a large database
 *
 * Opens the app's own SamWindow on a copy of a database (or on a demo
 * database it generates), unlocks it through the unlock page as a person
 * would, shows the case list, and then:
 *
 *  1. scrolls the case list from top to bottom, a fixed number of pixels
 *     per frame from a tick callback, until the last row or --rows;
 *  2. types ten typical searches into the search field, a character per
 *     frame, waiting for each one's hits;
 *  3. opens a case from the list and goes back.
 *
 * Every frame's interval is taken from the GdkFrameClock (frame time
 * deltas), beside the wall-clock time between two ticks. The time the UI
 * thread spends on the database is taken from the core's probe
 * (_sam_database_set_probe()): each wait for and hold of the connection's
 * mutex, and each SQL statement the UI thread runs.
 *
 * The figures are reported per phase, as text and, with --json, as JSON.
 * Nothing here asserts a time: the bench measures, people judge.
 *
 * The database given is never written: the bench works on a copy in a
 * temporary directory (opening a case writes an audit row). No personal
 * data is printed, only counts and times.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "samverka-frame-bench"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>

#include "sam-bench-copy.h"
#include "sam-case-list-page.h"
#include "sam-case-page.h"
#include "sam-database-private.h"
#include "sam-unlock-page.h"
#include "sam-window.h"
#include "sam-workspace.h"
#include "samverka-core.h"

#define FRAME_USEC        16667   /* one frame at 60 Hz */
#define STEP_TIMEOUT_S    600     /* the longest any one step may take */
#define SETTLE_FRAMES     20      /* frames between two searches */

/* Typical searches on the demo data: surnames, first names, words of a
 * concern or a note, and two of them together. */
static const char * const queries[] = {
  "Andersson",
  "Maja",
  "frånvaro",
  "kniv",
  "Nguyen",
  "snatteri köpcentrumet",
  "fritidsgården",
  "Ebba Lindberg",
  "vårdnadshavare",
  "Hassan",
};

typedef enum
{
  PHASE_OPEN,     /* unlock to the first page of the case list */
  PHASE_SCROLL,
  PHASE_SEARCH,
  PHASE_CASE,     /* opening a case and going back */
  N_PHASES
} Phase;

static const char * const phase_names[] = { "open", "scroll", "search", "case" };

typedef struct
{
  GArray *intervals;      /* gint64 µs: frame clock frame-time deltas */
  GArray *ticks;          /* gint64 µs: wall clock between two ticks */
  gint64  longest_lock;   /* µs the UI thread waited for and held the mutex */
  gint64  longest_statement;
  guint   locks_over_frame;
  guint   statements_over_frame;
  guint   n_locks;
  guint   n_statements;
  gint64  longest_stall;  /* µs between two heartbeats */
  gint64  total_lock;
  gint64  total_statement;
  gint64  started;
  gint64  ended;
} PhaseStats;

typedef struct
{
  /* Options */
  char       *database;
  int         demo_scale;
  char       *user;
  char       *passphrase;
  int         rows;
  int         step;
  char       *json;
  gboolean    verbose;

  /* State */
  char       *dir;            /* the copy's temporary directory */
  char       *path;           /* the copy */
  SamWindow  *window;
  SamCaseListPage *list_page;
  GtkAdjustment *vadjustment;
  Phase       phase;
  PhaseStats  stats[N_PHASES];
  gint64      last_frame_time;
  gint64      last_tick;
  gint64      last_heartbeat;
  guint       tick_id;
  guint       n_items;
  guint       rows_reached;
  gboolean    scroll_done;

  /* Typing a query */
  const char *typing;         /* the query being typed, or NULL */
  glong       typed;          /* characters typed so far */
} Bench;

static Bench bench;

/* Recording ------------------------------------------------------------------- */

static void
probe_cb (SamDatabaseProbeKind  kind,
          gint64                usec,
          const char           *sql,
          gpointer              user_data)
{
  PhaseStats *stats = &bench.stats[bench.phase];

  /* The SQL text holds parameters, never their values: no personal data. */
  if (bench.verbose && usec > 2 * FRAME_USEC)
    g_print ("  UI thread on the database: %s, %.1f ms%s%.160s\n", phase_names[bench.phase],
             usec / 1000.0, sql != NULL ? ": " : " (lock)", sql != NULL ? sql : "");

  if (kind == SAM_DATABASE_PROBE_LOCK)
    {
      stats->n_locks++;
      stats->total_lock += usec;
      stats->longest_lock = MAX (stats->longest_lock, usec);
      stats->locks_over_frame += usec > FRAME_USEC;
    }
  else
    {
      stats->n_statements++;
      stats->total_statement += usec;
      stats->longest_statement = MAX (stats->longest_statement, usec);
      stats->statements_over_frame += usec > FRAME_USEC;
    }
}

static void
enter_phase (Phase phase)
{
  gint64 now = g_get_monotonic_time ();

  bench.stats[bench.phase].ended = now;
  bench.phase = phase;
  bench.stats[phase].started = now;
  /* The frame that spans the change counts for the phase it ends in:
   * what blocked it was that phase's first work. */
}

static void
record_frame (GdkFrameClock *clock)
{
  PhaseStats *stats = &bench.stats[bench.phase];
  gint64 frame_time = gdk_frame_clock_get_frame_time (clock);
  gint64 now = g_get_monotonic_time ();

  if (bench.last_frame_time != 0)
    {
      gint64 interval = frame_time - bench.last_frame_time;
      gint64 tick = now - bench.last_tick;

      g_array_append_val (stats->intervals, interval);
      g_array_append_val (stats->ticks, tick);
      if (bench.verbose && tick > 2 * FRAME_USEC)
        g_print ("  long frame: %s +%.3f s, %.1f ms\n", phase_names[bench.phase],
                 (now - stats->started) / (double) G_USEC_PER_SEC, tick / 1000.0);
    }
  bench.last_frame_time = frame_time;
  bench.last_tick = now;
}

/* A beat every 4 ms, above the frame clock's priority: the longest gap
 * between two is the longest the UI thread did not get back to its main
 * loop, whether the frame clock ran or not. */
static gboolean
heartbeat_cb (gpointer user_data)
{
  PhaseStats *stats = &bench.stats[bench.phase];
  gint64 now = g_get_monotonic_time ();

  if (bench.last_heartbeat != 0)
    stats->longest_stall = MAX (stats->longest_stall, now - bench.last_heartbeat);
  bench.last_heartbeat = now;

  return G_SOURCE_CONTINUE;
}

/* A notification sink ------------------------------------------------------------ */

/* At unlock the reminder service shows every reminder due, a notification
 * each; with no notification server on the bus, each of those waits for
 * D-Bus to time out, on the UI thread. Under dbus-run-session the bench
 * brings a server of its own that shows nothing, on its own thread, so
 * that what is measured is Samverka's and not that timeout. A real server
 * already on the bus keeps its name. */
static const char notify_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "  <method name='Notify'>"
  "    <arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "    <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "    <arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "    <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "    <arg type='u' direction='out'/>"
  "  </method>"
  "  <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "  <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "  <method name='GetServerInformation'>"
  "    <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "  </method>"
  "</interface></node>";

static void
sink_method_call (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  static guint next_id;
  const char *caps[] = { "actions", "body", NULL };

  if (g_str_equal (method_name, "Notify"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", ++next_id));
  else if (g_str_equal (method_name, "GetCapabilities"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", caps));
  else if (g_str_equal (method_name, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation,
                                           g_variant_new ("(ssss)", "sink", "Samverka bench",
                                                          "1.0", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static gpointer
sink_thread (gpointer data)
{
  static const GDBusInterfaceVTable vtable = { sink_method_call, NULL, NULL, { 0 } };
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (notify_xml, NULL);
  g_autoptr(GDBusConnection) connection = NULL;
  g_autofree char *address = NULL;

  g_main_context_push_thread_default (context);
  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (address != NULL)
    connection = g_dbus_connection_new_for_address_sync (
      address,
      G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
      NULL, NULL, NULL);
  if (connection == NULL)
    {
      g_printerr ("No session bus: run the bench under dbus-run-session.\n");
      return NULL;
    }

  g_dbus_connection_register_object (connection, "/org/freedesktop/Notifications",
                                     node->interfaces[0], &vtable, NULL, NULL, NULL);
  g_bus_own_name_on_connection (connection, "org.freedesktop.Notifications",
                                G_BUS_NAME_OWNER_FLAGS_NONE, NULL, NULL, NULL, NULL);
  g_main_loop_run (loop);

  return NULL;
}

/* Driving the window ------------------------------------------------------------ */

static gboolean
wake_up (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* One iteration that cannot block for more than 50 ms. */
static void
iterate (void)
{
  guint source = g_timeout_add (50, wake_up, NULL);

  g_main_context_iteration (NULL, TRUE);
  g_source_remove (source);
}

#define wait_until(condition) \
  G_STMT_START { \
    gint64 _deadline = g_get_monotonic_time () + (gint64) STEP_TIMEOUT_S * G_USEC_PER_SEC; \
    while (!(condition)) \
      { \
        if (g_get_monotonic_time () > _deadline) \
          g_error ("Timed out waiting for: %s", #condition); \
        iterate (); \
      } \
  } G_STMT_END

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *found = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  if (found == NULL)
    g_error ("No template child “%s”", name);

  return GTK_WIDGET (found);
}

static gboolean
list_is_ready (void)
{
  GListModel *cases = sam_case_list_page_get_cases (bench.list_page);
  g_autoptr(SamCaseRow) first = NULL;

  if (cases == NULL || g_list_model_get_n_items (cases) == 0)
    return FALSE;

  first = g_list_model_get_item (cases, 0);
  return first != NULL && !sam_case_row_get_is_placeholder (first);
}

static void
end_phase (void)
{
  bench.stats[bench.phase].ended = g_get_monotonic_time ();
}

static void
unlock (void)
{
  GtkWidget *unlock_page = child (bench.window, SAM_TYPE_WINDOW, "unlock_page");
  GtkWidget *workspace = child (bench.window, SAM_TYPE_WINDOW, "workspace");
  GtkWidget *page;

  gtk_editable_set_text (GTK_EDITABLE (child (unlock_page, SAM_TYPE_UNLOCK_PAGE, "user_row")),
                         bench.user);
  gtk_editable_set_text (GTK_EDITABLE (child (unlock_page, SAM_TYPE_UNLOCK_PAGE, "passphrase_row")),
                         bench.passphrase);

  enter_phase (PHASE_OPEN);
  g_signal_emit_by_name (child (unlock_page, SAM_TYPE_UNLOCK_PAGE, "unlock_button"), "clicked");
  wait_until (sam_window_get_session (bench.window) != NULL ||
              !sam_unlock_page_get_busy (SAM_UNLOCK_PAGE (unlock_page)));
  if (sam_window_get_session (bench.window) == NULL)
    g_error ("Could not unlock the database as “%s”", bench.user);

  sam_workspace_set_section (SAM_WORKSPACE (workspace), SAM_WORKSPACE_SECTION_CASES);
  page = sam_workspace_get_page (SAM_WORKSPACE (workspace), SAM_WORKSPACE_SECTION_CASES);
  if (!SAM_IS_CASE_LIST_PAGE (page))
    g_error ("“%s” has no case list", bench.user);

  bench.list_page = SAM_CASE_LIST_PAGE (page);
  wait_until (list_is_ready ());
  bench.n_items = g_list_model_get_n_items (sam_case_list_page_get_cases (bench.list_page));
  bench.vadjustment =
    gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (child (page, SAM_TYPE_CASE_LIST_PAGE,
                                                           "list_view")));
}

/* Where scrolling ends: the bottom, or --rows rows down. */
static gboolean
scrolled_far_enough (void)
{
  double upper = gtk_adjustment_get_upper (bench.vadjustment);
  double bottom = upper - gtk_adjustment_get_page_size (bench.vadjustment);
  double value = gtk_adjustment_get_value (bench.vadjustment);

  bench.rows_reached = upper > 0 ? (guint) (value / upper * bench.n_items) : 0;
  if (value >= bottom - 0.5)
    {
      bench.rows_reached = bench.n_items;
      return TRUE;
    }

  return bench.rows > 0 && bench.rows_reached >= (guint) bench.rows;
}

static void
type_next_character (void)
{
  GtkEditable *entry = GTK_EDITABLE (child (bench.list_page, SAM_TYPE_CASE_LIST_PAGE,
                                            "search_entry"));
  const char *end;

  if (bench.typing == NULL || g_utf8_strlen (bench.typing, -1) <= bench.typed)
    return;

  bench.typed++;
  end = g_utf8_offset_to_pointer (bench.typing, bench.typed);
  {
    g_autofree char *text = g_strndup (bench.typing, end - bench.typing);

    gtk_editable_set_text (entry, text);
  }
}

/* Every frame: record it, and move the scroll or the typing on by one. */
static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  record_frame (clock);

  if (bench.phase == PHASE_SCROLL && !bench.scroll_done)
    {
      gtk_adjustment_set_value (bench.vadjustment,
                                gtk_adjustment_get_value (bench.vadjustment) + bench.step);
      bench.scroll_done = scrolled_far_enough ();
    }
  else if (bench.phase == PHASE_SEARCH)
    type_next_character ();

  return G_SOURCE_CONTINUE;
}

static void
wait_frames (guint n)
{
  guint until = bench.stats[bench.phase].intervals->len + n;

  wait_until (bench.stats[bench.phase].intervals->len >= until);
}

/* The list has been laid out: its adjustment spans more than a screen. */
static gboolean
list_is_laid_out (void)
{
  return gtk_adjustment_get_page_size (bench.vadjustment) > 0 &&
         gtk_adjustment_get_upper (bench.vadjustment) > gtk_adjustment_get_page_size (bench.vadjustment);
}

static void
run_scroll (void)
{
  /* Not scrolled before the list is laid out, which would read as the end. */
  wait_until (list_is_laid_out () || bench.n_items < 10);
  enter_phase (PHASE_SCROLL);
  wait_until (bench.scroll_done);
  /* The last pages arrive and are drawn. */
  wait_until (!_sam_case_list_is_loading (SAM_CASE_LIST (sam_case_list_page_get_cases (bench.list_page))));
  wait_frames (SETTLE_FRAMES);
}

static void
run_searches (void)
{
  GtkEditable *entry = GTK_EDITABLE (child (bench.list_page, SAM_TYPE_CASE_LIST_PAGE,
                                            "search_entry"));

  enter_phase (PHASE_SEARCH);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      bench.typed = 0;
      bench.typing = queries[i];
      wait_until (g_strcmp0 (_sam_case_list_page_get_shown_query (bench.list_page),
                             queries[i]) == 0);
      bench.typing = NULL;
      gtk_editable_set_text (entry, "");
      wait_until (_sam_case_list_page_get_shown_query (bench.list_page) == NULL);
      wait_frames (SETTLE_FRAMES);
    }
}

static gboolean
row_is_loaded (GListModel *cases,
               guint       position)
{
  g_autoptr(SamCaseRow) row = g_list_model_get_item (cases, position);

  return row != NULL && !sam_case_row_get_is_placeholder (row);
}

/* Opens the case where scrolling stopped, as Enter would,
 * and waits for its page; then goes back to the list. */
static void
run_open_case (void)
{
  GtkWidget *workspace = child (bench.window, SAM_TYPE_WINDOW, "workspace");
  GtkWidget *list_view = child (bench.list_page, SAM_TYPE_CASE_LIST_PAGE, "list_view");
  GListModel *cases = sam_case_list_page_get_cases (bench.list_page);
  guint position = MIN (bench.rows_reached, bench.n_items - 1);

  enter_phase (PHASE_CASE);
  wait_until (row_is_loaded (cases, position));
  g_signal_emit_by_name (list_view, "activate", position);
  wait_until (SAM_IS_CASE_PAGE (sam_workspace_get_detail (SAM_WORKSPACE (workspace))));
  wait_frames (SETTLE_FRAMES);
  sam_workspace_close_detail (SAM_WORKSPACE (workspace));
  wait_frames (SETTLE_FRAMES);
}

/* Figures ------------------------------------------------------------------------ */

typedef struct
{
  guint  n;
  double worst_ms;
  double p50_ms;
  double p95_ms;
  double p99_ms;
  guint  over_one;        /* > 16.7 ms */
  guint  over_two;        /* > 33 ms */
} FrameFigures;

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static double
percentile_ms (GArray *sorted,
               double  p)
{
  guint i;

  if (sorted->len == 0)
    return 0;

  i = (guint) MIN (sorted->len - 1, (guint) (p / 100.0 * sorted->len));
  return g_array_index (sorted, gint64, i) / 1000.0;
}

/* Over 16.7 ms and over 33 ms, with 0.3 ms of slack for the clock's own
 * jitter: a frame of 16.70 ms is on time. */
static FrameFigures
frame_figures (GArray *intervals)
{
  g_autoptr(GArray) sorted = g_array_copy (intervals);
  FrameFigures figures = { 0 };

  g_array_sort (sorted, compare_int64);
  figures.n = sorted->len;
  figures.worst_ms = sorted->len > 0 ? g_array_index (sorted, gint64, sorted->len - 1) / 1000.0 : 0;
  figures.p50_ms = percentile_ms (sorted, 50);
  figures.p95_ms = percentile_ms (sorted, 95);
  figures.p99_ms = percentile_ms (sorted, 99);
  for (guint i = 0; i < sorted->len; i++)
    {
      gint64 usec = g_array_index (sorted, gint64, i);

      figures.over_one += usec > FRAME_USEC + 300;
      figures.over_two += usec > 2 * FRAME_USEC + 300;
    }

  return figures;
}

static GArray *
all_intervals (gboolean ticks)
{
  GArray *all = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (Phase phase = PHASE_SCROLL; phase < N_PHASES; phase++)
    {
      GArray *some = ticks ? bench.stats[phase].ticks : bench.stats[phase].intervals;

      g_array_append_vals (all, some->data, some->len);
    }

  return all;
}

static void
print_frames (const char   *name,
              FrameFigures *f)
{
  g_print ("  %-18s %6u frames  worst %7.1f ms  p50 %5.1f  p95 %5.1f  p99 %5.1f  "
           ">16.7 ms: %u  >33 ms: %u\n",
           name, f->n, f->worst_ms, f->p50_ms, f->p95_ms, f->p99_ms, f->over_one, f->over_two);
}

static void
print_report (void)
{
  g_autoptr(GArray) all = all_intervals (FALSE);
  g_autoptr(GArray) all_ticks = all_intervals (TRUE);
  FrameFigures figures;

  g_print ("Frame bench: %u cases listed, %u rows scrolled, %d px a frame, user %s\n",
           bench.n_items, bench.rows_reached, bench.step, bench.user);
  g_print ("Frame intervals (GdkFrameClock frame-time deltas):\n");
  for (Phase phase = 0; phase < N_PHASES; phase++)
    {
      figures = frame_figures (bench.stats[phase].intervals);
      print_frames (phase_names[phase], &figures);
    }
  figures = frame_figures (all);
  print_frames ("scroll+search+case", &figures);
  g_print ("Wall clock between ticks:\n");
  figures = frame_figures (all_ticks);
  print_frames ("scroll+search+case", &figures);

  g_print ("UI thread on the database (longest; count over one frame):\n");
  for (Phase phase = 0; phase < N_PHASES; phase++)
    {
      PhaseStats *s = &bench.stats[phase];

      g_print ("  %-8s longest main loop stall %7.1f ms\n", phase_names[phase],
               s->longest_stall / 1000.0);
      g_print ("  %-8s %6.1f s  lock %7.1f ms (%u of %u over, %.0f ms in all)  "
               "statement %7.1f ms (%u of %u over, %.0f ms in all)\n",
               phase_names[phase], (s->ended - s->started) / (double) G_USEC_PER_SEC,
               s->longest_lock / 1000.0, s->locks_over_frame, s->n_locks,
               s->total_lock / 1000.0,
               s->longest_statement / 1000.0, s->statements_over_frame, s->n_statements,
               s->total_statement / 1000.0);
    }
}

static void
json_frames (GString      *json,
             FrameFigures *f)
{
  g_string_append_printf (json,
                          "{\"frames\": %u, \"worst_ms\": %.2f, \"p50_ms\": %.2f, "
                          "\"p95_ms\": %.2f, \"p99_ms\": %.2f, \"over_16_7_ms\": %u, "
                          "\"over_33_ms\": %u}",
                          f->n, f->worst_ms, f->p50_ms, f->p95_ms, f->p99_ms,
                          f->over_one, f->over_two);
}

static char *
json_report (void)
{
  GString *json = g_string_new ("{\n");
  g_autoptr(GArray) all = all_intervals (FALSE);
  g_autoptr(GArray) all_ticks = all_intervals (TRUE);
  gint64 longest_lock = 0;
  FrameFigures figures;

  g_string_append_printf (json, "  \"cases\": %u,\n  \"rows_scrolled\": %u,\n"
                          "  \"step_px\": %d,\n  \"searches\": %u,\n  \"phases\": {\n",
                          bench.n_items, bench.rows_reached, bench.step,
                          (guint) G_N_ELEMENTS (queries));
  for (Phase phase = 0; phase < N_PHASES; phase++)
    {
      PhaseStats *s = &bench.stats[phase];

      figures = frame_figures (s->intervals);
      g_string_append_printf (json, "    \"%s\": {\"seconds\": %.3f, \"frame_clock\": ",
                              phase_names[phase],
                              (s->ended - s->started) / (double) G_USEC_PER_SEC);
      json_frames (json, &figures);
      g_string_append_printf (json, ", \"longest_stall_ms\": %.2f", s->longest_stall / 1000.0);
      g_string_append_printf (json, ", \"longest_db_lock_ms\": %.2f, \"db_locks\": %u, "
                              "\"db_locks_over_frame\": %u, \"longest_statement_ms\": %.2f, "
                              "\"statements\": %u, \"statements_over_frame\": %u, "
                              "\"db_lock_total_ms\": %.1f, \"statement_total_ms\": %.1f}%s\n",
                              s->longest_lock / 1000.0, s->n_locks, s->locks_over_frame,
                              s->longest_statement / 1000.0, s->n_statements,
                              s->statements_over_frame, s->total_lock / 1000.0,
                              s->total_statement / 1000.0, phase + 1 < N_PHASES ? "," : "");
      if (phase != PHASE_OPEN)
        longest_lock = MAX (longest_lock, MAX (s->longest_lock, s->longest_statement));
    }
  g_string_append (json, "  },\n  \"frame_clock\": ");
  figures = frame_figures (all);
  json_frames (json, &figures);
  g_string_append (json, ",\n  \"wall_clock\": ");
  figures = frame_figures (all_ticks);
  json_frames (json, &figures);
  g_string_append_printf (json, ",\n  \"longest_ui_db_block_ms\": %.2f\n}\n",
                          longest_lock / 1000.0);

  return g_string_free (json, FALSE);
}

/* Set-up ------------------------------------------------------------------------- */

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;

  if (!sam_bench_copy_file (from, to, &error))
    g_error ("Copying %s: %s", from, error->message);
}

/* The database and its key file, and its write-ahead log if any. */
static void
prepare_database (void)
{
  g_autoptr(GError) error = NULL;

  bench.dir = g_dir_make_tmp ("samverka-frame-bench-XXXXXX", &error);
  if (bench.dir == NULL)
    g_error ("%s", error->message);
  bench.path = g_build_filename (bench.dir, "bench.db", NULL);

  if (bench.database == NULL)
    {
      g_print ("Generating a demo database at scale %d…\n", bench.demo_scale);
      if (!sam_demo_create_scaled (bench.path, (guint) bench.demo_scale, 1, &error))
        g_error ("%s", error->message);
      return;
    }

  for (guint i = 0; i < 2; i++)
    {
      const char *suffix = i == 0 ? "" : "-wal";
      g_autofree char *from = g_strconcat (bench.database, suffix, NULL);
      g_autofree char *to = g_strconcat (bench.path, suffix, NULL);

      if (i == 0 || g_file_test (from, G_FILE_TEST_EXISTS))
        copy_file (from, to);
    }
  {
    g_autofree char *from = g_strconcat (bench.database, ".keys", NULL);
    g_autofree char *to = g_strconcat (bench.path, ".keys", NULL);

    copy_file (from, to);
  }
}

static void
remove_copy (void)
{
  const char *suffixes[] = { "", "-wal", "-shm", ".keys", ".keys.lock" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (bench.path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (bench.dir);
}

static void
parse_options (int    *argc,
               char ***argv)
{
  GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &bench.database,
      "The database to copy and open (with its .keys file)", "PATH" },
    { "demo-scale", 0, 0, G_OPTION_ARG_INT, &bench.demo_scale,
      "Generate a demo database of this scale instead", "N" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &bench.user,
      "Unlock as this user (default coordinator)", "NAME" },
    { "passphrase", 0, 0, G_OPTION_ARG_STRING, &bench.passphrase,
      "Their passphrase (default the demo one, NAME-demo)", "TEXT" },
    { "rows", 0, 0, G_OPTION_ARG_INT, &bench.rows,
      "Stop scrolling after this many rows (default all)", "N" },
    { "step", 0, 0, G_OPTION_ARG_INT, &bench.step,
      "Pixels scrolled a frame (default 1500)", "PX" },
    { "verbose", 0, 0, G_OPTION_ARG_NONE, &bench.verbose,
      "Print each frame longer than two, and when it came", NULL },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &bench.json,
      "Also write the figures as JSON to FILE", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- frame times of the case list");
  g_autoptr(GError) error = NULL;

  bench.step = 1500;
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (1);
    }
  if ((bench.database == NULL) == (bench.demo_scale <= 0) || bench.step <= 0 || bench.rows < 0)
    {
      g_printerr ("Give either --database PATH or --demo-scale N, and a positive --step.\n");
      exit (1);
    }
  if (bench.user == NULL)
    bench.user = g_strdup ("coordinator");
  if (bench.passphrase == NULL)
    bench.passphrase = g_strconcat (bench.user, SAM_DEMO_PASSPHRASE_SUFFIX, NULL);
}

static void
init_environment (void)
{
  g_autoptr(GError) error = NULL;

  /* Run by hand from the build tree as well as by meson test. */
  g_setenv ("GSETTINGS_SCHEMA_DIR", SAMVERKA_BUILD_DATA_DIR, FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);

  setlocale (LC_ALL, "");
  gtk_init ();
  adw_init ();
  if (!sam_security_init (&error))
    g_error ("%s", error->message);

  /* The bench gives no input for minutes on end: no auto-lock meanwhile. */
  {
    g_autoptr(GSettings) settings = g_settings_new ("se.samverka.Samverka");

    g_settings_set_uint (settings, "auto-lock-minutes", 120);
  }

  for (Phase phase = 0; phase < N_PHASES; phase++)
    {
      bench.stats[phase].intervals = g_array_new (FALSE, FALSE, sizeof (gint64));
      bench.stats[phase].ticks = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
}

int
main (int    argc,
      char **argv)
{
  parse_options (&argc, &argv);
  g_thread_unref (g_thread_new ("notification-sink", sink_thread, NULL));
  init_environment ();
  prepare_database ();

  /* Before the database opens, so that its statements are timed too. */
  _sam_database_set_probe (g_thread_self (), probe_cb, NULL);

  bench.window = g_object_new (SAM_TYPE_WINDOW, "database-path", bench.path, NULL);
  gtk_window_set_default_size (GTK_WINDOW (bench.window), 1200, 760);
  gtk_window_present (GTK_WINDOW (bench.window));
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (bench.window)));
  bench.tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (bench.window), tick_cb, NULL, NULL);

  g_timeout_add_full (G_PRIORITY_HIGH, 4, heartbeat_cb, NULL, NULL);
  unlock ();
  run_scroll ();
  run_searches ();
  run_open_case ();
  end_phase ();

  print_report ();
  if (bench.json != NULL)
    {
      g_autofree char *json = json_report ();
      g_autoptr(GError) error = NULL;

      if (!g_file_set_contents (bench.json, json, -1, &error))
        g_error ("%s", error->message);
    }

  gtk_widget_remove_tick_callback (GTK_WIDGET (bench.window), bench.tick_id);
  _sam_database_set_probe (NULL, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (bench.window));
  remove_copy ();

  return 0;
}
