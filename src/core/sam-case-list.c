/* sam-case-list.c: the cases a user may see, as a lazy list model
 *
 * A GListModel over the cases table. It counts its rows with one query,
 * then reads pages of SAM_CASE_LIST_PAGE_SIZE rows as they are asked for
 * and keeps at most SAM_CASE_LIST_MAX_PAGES of them, the least recently
 * used going first. Scrolling through 100 000 cases never holds more than
 * that many rows.
 *
 * Who sees what. The access policy's relation rule (DESIGN §3, rule 2) is
 * written into the SQL, so that a page only ever holds cases the viewer
 * may see: those they are on the team of, coordinate or hold an active
 * break-the-glass grant for; every case for the coordinator role.
 * Managers and administrators get no list at all: sam_case_list_new()
 * refuses them with %SAM_POLICY_ERROR_DENIED, rather than giving an empty
 * list that would read as "no cases". The tests check every row against
 * sam_policy_may(). The consent badge is the policy's consent test, in the
 * page query (see CONSENT_IN_FORCE); the tests hold it against the policy.
 *
 * Paging. A page is read by keyset on (opened_at, id), from where the page
 * before it ends or the page after it begins; only a jump into the middle
 * falls back to LIMIT/OFFSET, and then over the index alone, joining the
 * rest for the page's rows only. The keys are times and case ids, no
 * personal data. A viewer with few cases has them gathered first and
 * sorted; one with many has the index walked and each case's relation
 * checked, so neither sorts a large set for every page.
 *
 * A snapshot. The list shows the cases as of its creation or last refresh.
 * sam_case_list_refresh() costs one PRAGMA when nobody has written to the
 * database since, on the same day (ages and consents go by the date), and
 * no break-the-glass grant has run out. Otherwise it
 * counts again and reads again the pages it holds, hashing what their rows
 * show, badge and age included. It emits items-changed, replacing
 * everything, only when the count or one of those pages changed. Pages it
 * does not hold are read fresh when asked for. Opening a case, which
 * writes only an audit row, changes nothing. When a break-the-glass grant
 * runs out, the list refreshes itself, and locking the session empties it
 * (DESIGN §4).
 *
 * Audit (DESIGN §5). Making a list, and each refresh that changes it,
 * write one SEARCH row, object type `case_list`, reason `count:N`, in the
 * same transaction as the count: a listing is a query, logged by its
 * count, never by its filter values or its rows. Reading pages writes
 * nothing: a page only shows what the viewer may see anyway and what the
 * listing's row already accounts for, and DESIGN §5 logs a view per
 * opening, not per query. Opening a case from the list goes through
 * sam_case_store_get(), which checks the policy again and writes the VIEW
 * row.
 *
 * Threads. Pages load in a worker thread (GTask), so that scrolling never
 * waits on the database. get_item() for a row whose page is not held
 * returns a placeholder row at once (sam_case_row_get_is_placeholder())
 * and starts that page's load, unless one is in flight. The worker gets a
 * copy of everything the query needs (SQL, bindings, keyset) and a
 * reference on the database, never the list itself, and holds the
 * connection's mutex while it reads (see sam-database.c). Its result is
 * taken on the list's thread: the rows go into the cache, and
 * items-changed replaces exactly that page's range, removed equal to
 * added. Each listing has a generation; a load started for an earlier
 * one (before a refresh that changed the listing, a clear or a lock) is
 * dropped when it arrives. Counting, refreshing and the audit row run
 * in a worker too with sam_case_list_new_async() and
 * sam_case_list_refresh_async(), which the UI uses (at 100 000 cases the
 * count and the comparison of the pages held take longer than a frame,
 * and they wait for a page load running meanwhile): the worker gets a
 * copy of what they need (a Listing: the SQL, the held pages' first keys
 * and digests, the stamp) and holds the mutex for the whole transaction;
 * its result is applied on the list's thread under the same generation
 * rule as the pages. The synchronous sam_case_list_new() and
 * sam_case_list_refresh() run the same code on the calling thread. The
 * expiry timer and the workers' callbacks are attached to the main
 * context of the thread that made the list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-case-list"

#include "config.h"

#include "sam-case-list.h"

#include <glib/gi18n-lib.h>

#include "sam-audit.h"
#include "sam-database-private.h"
#include "sam-store-private.h"
#include "sam-error.h"
#include "sam-policy.h"

/* Above this many rows, a relation list walks the index rather than
 * sorting its cases for every page. */
#define DENSE_ROWS 2048

typedef enum
{
  SOURCE_ALL,       /* the coordinator role: every case */
  SOURCE_SPARSE,    /* the viewer's cases, gathered, then sorted */
  SOURCE_DENSE,     /* the index walked, the relation checked per case */
  N_SOURCES
} Source;

typedef enum
{
  BY_OFFSET,
  AFTER_KEY,        /* the rows that follow a key in list order */
  BEFORE_KEY,       /* the rows that precede it, read backwards */
  FROM_KEY,         /* a key's own row and those that follow it */
  N_PAGE_QUERIES
} PageQuery;

typedef struct
{
  guint      index;
  GPtrArray *rows;          /* SamCaseRow */
  guint64    digest;        /* of what the rows were read from */
} Page;

/* Where a page read earlier begins and ends, for its neighbours' keysets. */
typedef struct
{
  char   *first_at;
  gint64  first_id;
  char   *last_at;
  gint64  last_id;
} PageKeys;

/* What decides whether a listing may have changed, without reading it. */
typedef struct
{
  gint64  data_version;     /* commits by other connections */
  gint64  total_changes;    /* rows written by this one */
  char   *today;            /* ages and consents go by the date */
  char   *next_expiry;      /* the first active break-the-glass grant to end */
} Stamp;

struct _SamCaseList
{
  GObject        parent_instance;

  SamSession    *session;
  GMainContext  *context;
  gulong         locked_handler;
  GSource       *expiry_source;

  SamCaseFilter  filter;
  char          *count_sql;
  char          *page_sql[N_SOURCES][N_PAGE_QUERIES];

  guint          n_items;
  Source         source;
  gboolean       current;   /* FALSE once cleared: the next refresh reads */
  Stamp          stamp;

  GQueue         pages;     /* Page, most recently used first */
  GArray        *keys;      /* PageKeys, by page index */

  guint          n_loaded;
  guint          n_by_offset;

  guint          generation;  /* bumped whenever the listing is replaced */
  GHashTable    *loading;     /* indexes + 1 of the pages being loaded */
  GCancellable  *cancellable; /* of those loads */
  guint          n_tasks;     /* loads not yet returned, stale ones too */
};

/* What a worker needs to read one page, copied from the list, and what
 * it read. */
typedef struct
{
  SamDatabase   *database;
  guint          generation;
  guint          index;
  PageQuery      query;
  char          *sql;
  gint64         me;
  SamCaseFilter  filter;
  char          *now;
  char          *today;
  char          *key_at;
  gint64         key_id;

  GPtrArray     *rows;        /* SamCaseRow */
  guint64        digest;
} PageJob;

/* A held page as a listing's worker compares it: where it begins, what it
 * showed, and the SQL that reads it again from its first row on. */
typedef struct
{
  guint    index;
  char    *first_at;
  gint64   first_id;
  guint64  digest;
  guint    n_rows;
  char    *sql;
} HeldPage;

/* What counting and comparing the listing takes, copied from the list on
 * its thread so that a worker can do it (see listing_new()), and what the
 * worker found. */
typedef struct
{
  GWeakRef       session;         /* never keeps a locked session alive */
  SamDatabase   *database;
  guint          generation;
  gint64         me;
  SamCaseFilter  filter;
  char          *now;
  char          *today;
  char          *count_sql;
  char          *positions_sql;   /* for the pages held, if any */
  gboolean       current;         /* the list was current when this began */
  gboolean       check_stamp;     /* nothing to do while the stamp holds */
  guint          n_items;
  Stamp          old_stamp;
  GArray        *held;            /* HeldPage */

  gboolean       stamp_held;      /* found nothing to do */
  gint64         count;
  gboolean       changed;
  Stamp          stamp;
} Listing;

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SamCaseList, sam_case_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* SQL ------------------------------------------------------------------------------ */

/* Rule 2, gathered: for everyone but the coordinator role, and for "mine". */
#define TEAM_OR_COORDINATOR_CASES \
  "WITH visible (id) AS (" \
  "  SELECT case_id FROM case_team WHERE user_id = :me" \
  "  UNION SELECT id FROM cases WHERE coordinator_id = :me"
#define BREAK_GLASS_CASES \
  "  UNION SELECT case_id FROM break_glass" \
  "   WHERE user_id = :me AND ended_at IS NULL AND ends_at > :now"

/* Rule 2, checked case by case. */
#define TEAM_OR_COORDINATOR \
  " AND (c.coordinator_id = :me" \
  "      OR EXISTS (SELECT 1 FROM case_team t WHERE t.case_id = c.id AND t.user_id = :me)"
#define BREAK_GLASS \
  "      OR EXISTS (SELECT 1 FROM break_glass b WHERE b.case_id = c.id AND b.user_id = :me" \
  "                   AND b.ended_at IS NULL AND b.ends_at > :now)"

/* Age in whole years on :today; a birthday on 29 February counts from
 * 1 March, as the policy's date (birth_date, '+15 years') does. */
#define AGE_SQL \
  "max (0, substr (:today, 1, 4) - substr (p.birth_date, 1, 4)" \
  "        - (substr (:today, 6) < substr (p.birth_date, 6)))"

/* The consent badge, with the policy's own conditions. Asking
 * _sam_policy_consent_in_force() per row instead costs a statement of its
 * own, about 0.1 ms a row, which made a page take longer than a frame. */
#define CONSENT_IN_FORCE \
  "EXISTS (SELECT 1 FROM consents k WHERE k.case_id = c.id AND " \
  SAM_CONSENT_IN_FORCE_CONDITIONS (":today") ")"

/* Everything a row shows, and nothing else: a page's hash over these
 * columns changes exactly when what it shows does. */
#define ROW_COLUMNS \
  "c.id, c.number, c.person_id, p.family_name, p.given_name, " AGE_SQL ", c.status," \
  " c.coordinator_id, c.opened_at, " CONSENT_IN_FORCE

static gboolean
uses_relation (SamCaseList *self)
{
  return self->filter.mine || sam_session_get_role (self->session) != SAM_ROLE_COORDINATOR;
}

static void
append_with (SamCaseList *self,
             Source       source,
             GString     *sql)
{
  if (source != SOURCE_SPARSE)
    return;

  g_string_append (sql, TEAM_OR_COORDINATOR_CASES);
  if (!self->filter.mine)
    g_string_append (sql, BREAK_GLASS_CASES);
  g_string_append (sql, ") ");
}

static void
append_relation (SamCaseList *self,
                 GString     *sql)
{
  g_string_append (sql, TEAM_OR_COORDINATOR);
  if (!self->filter.mine)
    g_string_append (sql, BREAK_GLASS);
  g_string_append (sql, ")");
}

/* FROM and WHERE of the listing, with persons joined only when the filter
 * needs them. */
static void
append_from_where (SamCaseList *self,
                   Source       source,
                   GString     *sql)
{
  if (source == SOURCE_SPARSE)
    g_string_append (sql, " FROM visible v CROSS JOIN cases c ON c.id = v.id");
  else
    g_string_append (sql, " FROM cases c");

  if (self->filter.area_id > 0)
    g_string_append (sql, " JOIN persons p ON p.id = c.person_id");

  g_string_append (sql, " WHERE 1");
  if (source == SOURCE_DENSE)
    append_relation (self, sql);
  if (self->filter.status >= 0)
    g_string_append (sql, " AND c.status = :status");
  if (self->filter.coordinator_id > 0)
    g_string_append (sql, " AND c.coordinator_id = :coordinator");
  /* The area tells where a person with a protected identity lives: only the
   * coordinator of one of their cases may filter them by it (DESIGN §3). */
  if (self->filter.area_id > 0)
    g_string_append (sql, " AND p.area_id = :area"
                          " AND (p.protected_identity = 0 OR EXISTS (SELECT 1 FROM cases o"
                          "        WHERE o.person_id = p.id AND o.coordinator_id = :me))");
}

/* Counting gathers the viewer's cases even when they are many: one pass,
 * no order needed. */
static Source
count_source (SamCaseList *self)
{
  return uses_relation (self) ? SOURCE_SPARSE : SOURCE_ALL;
}

static char *
build_count_sql (SamCaseList *self)
{
  GString *sql = g_string_new (NULL);

  append_with (self, count_source (self), sql);
  g_string_append (sql, "SELECT count (*)");
  append_from_where (self, count_source (self), sql);

  return g_string_free (sql, FALSE);
}

/* For each of @n_keys keys, how many rows come before it in list order, in
 * one pass that stops at the last of them, :last_at and :last_id. */
static char *
build_positions_sql (SamCaseList *self,
                     guint        n_keys)
{
  const char *before = self->filter.sort == SAM_CASE_SORT_NEWEST_FIRST ? ">" : "<";
  GString *sql = g_string_new (NULL);

  append_with (self, count_source (self), sql);
  g_string_append (sql, "SELECT 0");
  for (guint i = 0; i < n_keys; i++)
    g_string_append_printf (sql, ", ifnull (sum ((c.opened_at, c.id) %s (:at%u, :id%u)), 0)",
                            before, i, i);
  append_from_where (self, count_source (self), sql);
  g_string_append_printf (sql, " AND (c.opened_at, c.id) %s (:last_at, :last_id)", before);

  return g_string_free (sql, FALSE);
}

static const char *
key_comparison (SamCaseList *self,
                PageQuery    query)
{
  gboolean newest = self->filter.sort == SAM_CASE_SORT_NEWEST_FIRST;

  switch (query)
    {
    case AFTER_KEY:
      return newest ? "<" : ">";
    case BEFORE_KEY:
      return newest ? ">" : "<";
    case FROM_KEY:
      return newest ? "<=" : ">=";
    case BY_OFFSET:
    case N_PAGE_QUERIES:
    default:
      g_assert_not_reached ();
      return NULL;
    }
}

/* The page's case ids come from the index alone, so that an OFFSET skips
 * index entries; the rows are then read for those ids only. */
static char *
build_page_sql (SamCaseList *self,
                Source       source,
                PageQuery    query)
{
  gboolean newest = self->filter.sort == SAM_CASE_SORT_NEWEST_FIRST;
  gboolean backwards = query == BEFORE_KEY;
  const char *direction = newest != backwards ? "DESC" : "ASC";
  GString *sql = g_string_new (NULL);

  append_with (self, source, sql);
  g_string_append (sql, "SELECT " ROW_COLUMNS " FROM (SELECT c.id AS id, c.opened_at AS at");
  append_from_where (self, source, sql);

  /* Row values compare (opened_at, id) as a pair, in the index's order. */
  if (query != BY_OFFSET)
    g_string_append_printf (sql, " AND (c.opened_at, c.id) %s (:key_at, :key_id)",
                            key_comparison (self, query));

  g_string_append_printf (sql, " ORDER BY c.opened_at %s, c.id %s LIMIT :limit%s) AS page"
                               " CROSS JOIN cases c ON c.id = page.id"
                               " JOIN persons p ON p.id = c.person_id"
                               " ORDER BY page.at %s, page.id %s",
                          direction, direction, query == BY_OFFSET ? " OFFSET :offset" : "",
                          direction, direction);

  return g_string_free (sql, FALSE);
}

static void
build_sql (SamCaseList *self)
{
  self->count_sql = build_count_sql (self);

  for (Source source = 0; source < N_SOURCES; source++)
    {
      if ((source == SOURCE_ALL) == uses_relation (self))
        continue;
      for (PageQuery query = 0; query < N_PAGE_QUERIES; query++)
        self->page_sql[source][query] = build_page_sql (self, source, query);
    }
}

static void
bind_text (sqlite3_stmt *stmt,
           const char   *name,
           const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static void
bind_int64 (sqlite3_stmt *stmt,
            const char   *name,
            gint64        value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

static char *
today_local (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Binds the viewer, the filter, today and now. Also used by the page
 * loads' worker, so it takes copies, not the list. */
static void
bind_listing (sqlite3_stmt        *stmt,
              gint64               me,
              const SamCaseFilter *filter,
              const char          *now,
              const char          *today)
{
  bind_int64 (stmt, ":me", me);
  bind_text (stmt, ":now", now);
  bind_text (stmt, ":today", today);
  if (filter->status >= 0)
    bind_text (stmt, ":status", sam_case_status_to_string (filter->status));
  bind_int64 (stmt, ":coordinator", filter->coordinator_id);
  bind_int64 (stmt, ":area", filter->area_id);
}

/* Prepares @sql with the viewer, the filter, today and now bound. */
static sqlite3_stmt *
prepare (Listing      *listing,
         const char   *sql,
         GError      **error)
{
  sqlite3_stmt *stmt = _sam_database_prepare (listing->database, sql, error);

  if (stmt != NULL)
    bind_listing (stmt, listing->me, &listing->filter, listing->now, listing->today);

  return stmt;
}

static gboolean
step_failed (Listing  *listing,
             int       rc,
             GError  **error)
{
  _sam_database_set_error (listing->database, error, rc, _("Reading the case list"));
  return FALSE;
}

/* Reads the one integer @sql returns. */
static gboolean
read_int64 (Listing     *listing,
            const char  *sql,
            gint64      *out_value,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (listing, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return step_failed (listing, rc, error);

  *out_value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Stamp ----------------------------------------------------------------------------- */

static void
stamp_clear (Stamp *stamp)
{
  g_clear_pointer (&stamp->today, g_free);
  g_clear_pointer (&stamp->next_expiry, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Stamp, stamp_clear)

static gboolean
read_stamp (Listing  *listing,
            Stamp    *out_stamp,
            GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!read_int64 (listing, "PRAGMA data_version", &out_stamp->data_version, error))
    return FALSE;

  stmt = prepare (listing,
                  "SELECT min (ends_at) FROM break_glass"
                  " WHERE user_id = :me AND ended_at IS NULL AND ends_at > :now", error);
  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return step_failed (listing, rc, error);

  out_stamp->next_expiry = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  out_stamp->total_changes = sqlite3_total_changes64 (_sam_database_get_handle (listing->database));
  out_stamp->today = g_strdup (listing->today);
  return TRUE;
}

/* Whether nothing the listing depends on can have changed since the list's
 * stamp: no commit by anyone, the same day, and no grant run out. */
static gboolean
stamp_is_current (Listing *listing)
{
  const Stamp *stamp = &listing->old_stamp;
  gint64 version;

  if (!read_int64 (listing, "PRAGMA data_version", &version, NULL))
    return FALSE;

  return version == stamp->data_version &&
         sqlite3_total_changes64 (_sam_database_get_handle (listing->database)) ==
           stamp->total_changes &&
         g_strcmp0 (listing->today, stamp->today) == 0 &&
         (stamp->next_expiry == NULL || g_strcmp0 (listing->now, stamp->next_expiry) < 0);
}

/* Pages ------------------------------------------------------------------------------- */

static void
page_free (gpointer data)
{
  Page *page = data;

  g_clear_pointer (&page->rows, g_ptr_array_unref);
  g_free (page);
}

static void
page_keys_clear (gpointer data)
{
  PageKeys *keys = data;

  g_clear_pointer (&keys->first_at, g_free);
  g_clear_pointer (&keys->last_at, g_free);
}

static void
drop_pages (SamCaseList *self)
{
  g_queue_clear_full (&self->pages, page_free);
  g_array_set_size (self->keys, 0);
}

static guint
n_pages (guint n_items)
{
  return (n_items + SAM_CASE_LIST_PAGE_SIZE - 1) / SAM_CASE_LIST_PAGE_SIZE;
}

static Page *
find_page (SamCaseList *self,
           guint        index)
{
  for (GList *link = self->pages.head; link != NULL; link = link->next)
    {
      Page *page = link->data;

      if (page->index == index)
        {
          g_queue_unlink (&self->pages, link);
          g_queue_push_head_link (&self->pages, link);
          return page;
        }
    }

  return NULL;
}

static void
keep_page (SamCaseList *self,
           Page        *page)
{
  g_queue_push_head (&self->pages, page);
  while (self->pages.length > SAM_CASE_LIST_MAX_PAGES)
    page_free (g_queue_pop_tail (&self->pages));
}

static void
remember_keys (SamCaseList *self,
               Page        *page)
{
  PageKeys *keys;
  SamCaseRow *first, *last;

  if (page->rows->len == 0 || page->index >= self->keys->len)
    return;

  keys = &g_array_index (self->keys, PageKeys, page->index);
  first = g_ptr_array_index (page->rows, 0);
  last = g_ptr_array_index (page->rows, page->rows->len - 1);

  page_keys_clear (keys);
  keys->first_at = g_strdup (sam_case_row_get_opened_at (first));
  keys->first_id = sam_case_row_get_id (first);
  keys->last_at = g_strdup (sam_case_row_get_opened_at (last));
  keys->last_id = sam_case_row_get_id (last);
}

/* Keys of pages no longer held may be stale once the cases have changed,
 * even when the pages held have not. */
static void
forget_keys_of_dropped_pages (SamCaseList *self)
{
  for (guint i = 0; i < self->keys->len; i++)
    {
      gboolean held = FALSE;

      for (GList *link = self->pages.head; link != NULL && !held; link = link->next)
        held = ((Page *) link->data)->index == i;
      if (!held)
        page_keys_clear (&g_array_index (self->keys, PageKeys, i));
    }
}

/* The cheapest way to reach page @index: from the key where the page
 * before it ends or the page after it begins, else by OFFSET. */
static PageQuery
choose_query (SamCaseList  *self,
              guint         index,
              const char  **out_key_at,
              gint64       *out_key_id)
{
  PageKeys *before = index > 0 && index - 1 < self->keys->len
                     ? &g_array_index (self->keys, PageKeys, index - 1) : NULL;
  PageKeys *after = index + 1 < self->keys->len
                    ? &g_array_index (self->keys, PageKeys, index + 1) : NULL;

  if (before != NULL && before->last_at != NULL)
    {
      *out_key_at = before->last_at;
      *out_key_id = before->last_id;
      return AFTER_KEY;
    }

  if (after != NULL && after->first_at != NULL)
    {
      *out_key_at = after->first_at;
      *out_key_id = after->first_id;
      return BEFORE_KEY;
    }

  return BY_OFFSET;
}

static const char *
page_sql (SamCaseList *self,
          guint        index,
          PageQuery    query)
{
  /* An OFFSET into many cases is cheaper over the gathered cases than
   * walking the index and checking each case on the way there. */
  Source source = query == BY_OFFSET && index > 0 && self->source == SOURCE_DENSE
                  ? SOURCE_SPARSE : self->source;

  return self->page_sql[source][query];
}

static void
bind_page (sqlite3_stmt *stmt,
           guint         index,
           const char   *key_at,
           gint64        key_id)
{
  bind_int64 (stmt, ":limit", SAM_CASE_LIST_PAGE_SIZE);
  bind_int64 (stmt, ":offset", (gint64) index * SAM_CASE_LIST_PAGE_SIZE);
  bind_text (stmt, ":key_at", key_at);
  bind_int64 (stmt, ":key_id", key_id);
}

/* FNV-1a over each column's text, the columns told apart by a separator. */
static guint64
hash_row (sqlite3_stmt *stmt)
{
  guint64 hash = G_GUINT64_CONSTANT (14695981039346656037);
  int n_columns = sqlite3_column_count (stmt);

  for (int i = 0; i < n_columns; i++)
    {
      const guchar *text = sqlite3_column_text (stmt, i);

      for (; text != NULL && *text != '\0'; text++)
        hash = (hash ^ *text) * G_GUINT64_CONSTANT (1099511628211);
      hash = (hash ^ 0x1f) * G_GUINT64_CONSTANT (1099511628211);
    }

  return hash;
}

/* The rows' hashes summed, the same whichever way the page was read: here
 * from its own first row on. */
static gboolean
hash_page (Listing   *listing,
           HeldPage  *page,
           guint64   *out_digest,
           guint     *out_n_rows,
           GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (listing, page->sql, error);
  guint64 digest = 0;
  guint n_rows = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_page (stmt, page->index, page->first_at, page->first_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      digest += hash_row (stmt);
      n_rows++;
    }
  if (rc != SQLITE_DONE)
    return step_failed (listing, rc, error);

  *out_digest = digest;
  *out_n_rows = n_rows;
  return TRUE;
}

static SamCaseRow *
row_from_stmt (sqlite3_stmt *stmt)
{
  SamCaseStatus status = SAM_CASE_STATUS_PENDING_CONSENT;

  sam_case_status_from_string ((const char *) sqlite3_column_text (stmt, 6), &status);

  return _sam_case_row_new (sqlite3_column_int64 (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1),
                            sqlite3_column_int64 (stmt, 2),
                            (const char *) sqlite3_column_text (stmt, 3),
                            (const char *) sqlite3_column_text (stmt, 4),
                            (guint) sqlite3_column_int (stmt, 5),
                            status,
                            sqlite3_column_int64 (stmt, 7),
                            (const char *) sqlite3_column_text (stmt, 8),
                            sqlite3_column_int (stmt, 9) != 0);
}

static void
reverse_rows (GPtrArray *rows)
{
  for (guint i = 0, j = rows->len; i + 1 < j; i++, j--)
    {
      gpointer swap = rows->pdata[i];

      rows->pdata[i] = rows->pdata[j - 1];
      rows->pdata[j - 1] = swap;
    }
}

static void
page_job_free (gpointer data)
{
  PageJob *job = data;

  g_clear_object (&job->database);
  g_clear_pointer (&job->sql, g_free);
  g_clear_pointer (&job->now, g_free);
  g_clear_pointer (&job->today, g_free);
  g_clear_pointer (&job->key_at, g_free);
  g_clear_pointer (&job->rows, g_ptr_array_unref);
  g_free (job);
}

/* Copies what reading page @index takes, on the list's thread. */
static PageJob *
page_job_new (SamCaseList *self,
              guint        index)
{
  PageJob *job = g_new0 (PageJob, 1);
  const char *key_at = NULL;

  job->database = g_object_ref (sam_session_get_database (self->session));
  job->generation = self->generation;
  job->index = index;
  job->query = choose_query (self, index, &key_at, &job->key_id);
  job->key_at = g_strdup (key_at);
  job->sql = g_strdup (page_sql (self, index, job->query));
  job->me = sam_session_get_user_id (self->session);
  job->filter = self->filter;
  job->now = _sam_store_now_utc ();
  job->today = today_local ();
  job->rows = g_ptr_array_new_full (SAM_CASE_LIST_PAGE_SIZE, g_object_unref);

  return job;
}

/* Runs in the worker, with the connection's mutex held. A database
 * closed by locking meanwhile gives %SAM_DATABASE_ERROR_LOCKED here. */
static gboolean
read_page (PageJob  *job,
           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = _sam_database_prepare (job->database, job->sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_listing (stmt, job->me, &job->filter, job->now, job->today);
  bind_page (stmt, job->index, job->key_at, job->key_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (job->rows, row_from_stmt (stmt));
      job->digest += hash_row (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (job->database, error, rc, _("Reading the case list"));
      return FALSE;
    }

  if (job->query == BEFORE_KEY)
    reverse_rows (job->rows);

  return TRUE;
}

static void
load_page_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  PageJob *job = task_data;
  g_autoptr(GError) error = NULL;
  gboolean read;

  if (g_task_return_error_if_cancelled (task))
    return;

  _sam_database_lock (job->database);
  read = read_page (job, &error);
  _sam_database_unlock (job->database);
  /* GTask may drop its last reference here, after the callback ran; the
   * database should not end its life on this thread. */
  g_clear_object (&job->database);

  if (read)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static gboolean
is_expected_failure (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED);
}

/* Back on the list's thread: the rows replace the placeholders of their
 * range, unless the listing was replaced since the load began. */
static void
page_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SamCaseList) self = user_data;
  PageJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean read = g_task_propagate_boolean (G_TASK (result), &error);
  Page *page;
  guint start, n;

  self->n_tasks--;
  if (job->generation != self->generation)
    return;

  g_hash_table_remove (self->loading, GUINT_TO_POINTER (job->index + 1));
  if (!read)
    {
      if (!is_expected_failure (error))
        g_warning ("Reading a page of the case list failed: %s", error->message);
      return;
    }

  page = g_new0 (Page, 1);
  page->index = job->index;
  page->rows = g_steal_pointer (&job->rows);
  page->digest = job->digest;
  self->n_loaded++;
  self->n_by_offset += job->query == BY_OFFSET && job->index > 0;
  remember_keys (self, page);
  keep_page (self, page);

  start = job->index * SAM_CASE_LIST_PAGE_SIZE;
  n = start < self->n_items ? MIN (SAM_CASE_LIST_PAGE_SIZE, self->n_items - start) : 0;
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), start, n, n);
}

static void
start_page_load (SamCaseList *self,
                 guint        index)
{
  g_autoptr(GTask) task = NULL;

  if (g_hash_table_contains (self->loading, GUINT_TO_POINTER (index + 1)))
    return;

  g_hash_table_add (self->loading, GUINT_TO_POINTER (index + 1));
  self->n_tasks++;
  /* Not the task's source object, which the worker thread may still
   * hold for a moment after the callback: the callback's own reference
   * is dropped when it returns, so the list's life ends on its thread. */
  task = g_task_new (NULL, self->cancellable, page_loaded_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_page_load);
  g_task_set_name (task, "[samverka] case list page");
  g_task_set_task_data (task, page_job_new (self, index), page_job_free);
  g_task_run_in_thread (task, load_page_thread);
}

/* The loads in flight belong to the listing being replaced: they are
 * cancelled, and dropped should they still arrive. */
static void
forget_page_loads (SamCaseList *self)
{
  self->generation++;
  g_hash_table_remove_all (self->loading);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

static void
bind_first_key (sqlite3_stmt   *stmt,
                const char     *at,
                const char     *id,
                const HeldPage *page)
{
  bind_text (stmt, at, page->first_at);
  bind_int64 (stmt, id, page->first_id);
}

/* How many rows come before each page held; a page whose first row moved
 * shows other rows, even when its own are the same. */
static gboolean
read_positions (Listing  *listing,
                gint64   *out_before,
                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (listing, listing->positions_sql, error);
  HeldPage *last = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < listing->held->len; i++)
    {
      HeldPage *page = &g_array_index (listing->held, HeldPage, i);
      g_autofree char *at = g_strdup_printf (":at%u", i);
      g_autofree char *id = g_strdup_printf (":id%u", i);

      bind_first_key (stmt, at, id, page);
      if (last == NULL || page->index > last->index)
        last = page;
    }
  bind_first_key (stmt, ":last_at", ":last_id", last);

  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return step_failed (listing, rc, error);

  for (guint i = 0; i < listing->held->len; i++)
    out_before[i] = sqlite3_column_int64 (stmt, i + 1);

  return TRUE;
}

static GPtrArray *
held_pages (SamCaseList *self)
{
  GPtrArray *held = g_ptr_array_new ();

  for (GList *link = self->pages.head; link != NULL; link = link->next)
    {
      Page *page = link->data;

      if (page->rows->len > 0)
        g_ptr_array_add (held, page);
    }

  return held;
}

/* Counts the listing, and tells whether the pages held would still read
 * the same: the same rows, at the same positions, showing the same. */
static gboolean
compare_held_pages (Listing  *listing,
                    GError  **error)
{
  gint64 before[SAM_CASE_LIST_MAX_PAGES];
  gboolean changed;

  if (!read_int64 (listing, listing->count_sql, &listing->count, error))
    return FALSE;

  changed = listing->count != listing->n_items;
  if (!changed && !read_positions (listing, before, error))
    return FALSE;

  for (guint i = 0; i < listing->held->len && !changed; i++)
    {
      HeldPage *page = &g_array_index (listing->held, HeldPage, i);
      guint64 digest;
      guint n_rows;

      if (!hash_page (listing, page, &digest, &n_rows, error))
        return FALSE;

      changed = before[i] != (gint64) page->index * SAM_CASE_LIST_PAGE_SIZE ||
                digest != page->digest || n_rows != page->n_rows;
    }

  listing->changed = changed;
  return TRUE;
}

/* Listing ----------------------------------------------------------------------------- */

static gboolean
audit_listing (SamSession       *session,
               SamAuditOutcome   outcome,
               const char       *reason,
               GError          **error)
{
  SamAuditEvent event = {
    .action = SAM_AUDIT_SEARCH,
    .object_type = "case_list",
    .reason = reason,
    .outcome = outcome,
  };

  return _sam_audit_append (sam_session_get_database (session), session, &event, error);
}

/* A refusal is logged too, in a transaction of its own unless the caller
 * holds one: someone tried. */
static void
audit_refusal (SamSession *session)
{
  g_autoptr(GError) error = NULL;
  SamDatabase *database = sam_session_get_database (session);
  gboolean own_transaction = !_sam_database_in_transaction (database);

  if ((own_transaction && !_sam_database_begin (database, &error)) ||
      !audit_listing (session, SAM_AUDIT_OUTCOME_DENIED, "operation:case-view", &error) ||
      (own_transaction && !_sam_database_commit (database, &error)))
    {
      if (own_transaction)
        _sam_database_rollback (database);
      g_warning ("Could not log a refused case list: %s", error->message);
    }
}

static void
cancel_expiry (SamCaseList *self)
{
  if (self->expiry_source != NULL)
    g_source_destroy (self->expiry_source);
  g_clear_pointer (&self->expiry_source, g_source_unref);
}

static void schedule_expiry (SamCaseList *self);

static void
expiry_refreshed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  SamCaseList *self = user_data;
  g_autoptr(GError) error = NULL;

  if (sam_case_list_refresh_finish (result, &error))
    {
      /* Unchanged, when another grant ends later: wait for that one. */
      if (self->expiry_source == NULL)
        schedule_expiry (self);
    }
  else if (!g_error_matches (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED))
    g_warning ("Refreshing the case list failed: %s", error->message);

  g_object_unref (self);
}

static gboolean
expiry_cb (gpointer data)
{
  SamCaseList *self = data;

  g_assert (SAM_IS_CASE_LIST (self));

  g_clear_pointer (&self->expiry_source, g_source_unref);
  /* The timer is the list's own, destroyed with it: the callback's
   * reference keeps it for the refresh's return. */
  sam_case_list_refresh_async (self, NULL, expiry_refreshed_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

/* When a break-the-glass grant runs out, its case leaves the list by
 * itself, half a second later. */
static void
schedule_expiry (SamCaseList *self)
{
  g_autoptr(GDateTime) ends = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GTimeSpan left;

  cancel_expiry (self);
  if (self->stamp.next_expiry == NULL ||
      !(ends = g_date_time_new_from_iso8601 (self->stamp.next_expiry, NULL)))
    return;

  left = g_date_time_difference (ends, now) / G_TIME_SPAN_MILLISECOND;
  self->expiry_source = g_timeout_source_new ((guint) CLAMP (left + 500, 1, G_MAXUINT32));
  g_source_set_static_name (self->expiry_source, "[samverka] case list break-the-glass expiry");
  g_source_set_callback (self->expiry_source, expiry_cb, self, NULL);
  g_source_attach (self->expiry_source, self->context);
}

/* Everything goes at once: positions may have moved anywhere. */
static void
replace_listing (SamCaseList *self,
                 guint        count)
{
  guint removed = self->n_items;

  forget_page_loads (self);
  drop_pages (self);
  self->n_items = count;
  self->source = !uses_relation (self) ? SOURCE_ALL
                 : count > DENSE_ROWS ? SOURCE_DENSE : SOURCE_SPARSE;
  self->current = TRUE;
  g_array_set_size (self->keys, n_pages (count));

  if (removed > 0 || count > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, count);
  if (removed != count)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
}

/* The count, and whether the listing changed. A list that holds no page
 * has shown nothing but its count. */
static gboolean
count_and_compare (Listing  *listing,
                   GError  **error)
{
  if (listing->current && listing->held->len > 0)
    return compare_held_pages (listing, error);

  if (!read_int64 (listing, listing->count_sql, &listing->count, error))
    return FALSE;

  listing->changed = !listing->current || listing->count != listing->n_items;
  return TRUE;
}

/* Counts, compares and stamps in one transaction, together with the audit
 * row when the listing changed: the count logged is the count shown. */
static gboolean
read_listing (Listing     *listing,
              SamSession  *session,
              GError     **error)
{
  g_autofree char *reason = NULL;

  if (!_sam_database_begin (listing->database, error))
    return FALSE;

  if (!count_and_compare (listing, error))
    goto failed;

  reason = g_strdup_printf ("count:%" G_GINT64_FORMAT, listing->count);
  if ((listing->changed &&
       !audit_listing (session, SAM_AUDIT_OUTCOME_OK, reason, error)) ||
      !read_stamp (listing, &listing->stamp, error) ||
      !_sam_database_commit (listing->database, error))
    goto failed;

  return TRUE;

failed:
  _sam_database_rollback (listing->database);
  return FALSE;
}

/* The whole of it, on whichever thread, holding the connection: a refresh
 * that finds the stamp unchanged stops at one PRAGMA. A session locked or
 * gone meanwhile gives %SAM_DATABASE_ERROR_LOCKED. The session is held
 * only while the connection is: locking waits for the connection, so a
 * session let go of after its lock is never kept alive by a worker. */
static gboolean
run_listing (Listing  *listing,
             GError  **error)
{
  SamSession *session;
  gboolean done;

  _sam_database_lock (listing->database);
  session = g_weak_ref_get (&listing->session);
  if (session == NULL)
    {
      g_set_error_literal (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED,
                           _("The database is locked. Unlock it to go on."));
      done = FALSE;
    }
  else if (!_sam_policy_check_session (session, error))
    done = FALSE;
  else if (listing->check_stamp && stamp_is_current (listing))
    done = listing->stamp_held = TRUE;
  else
    done = read_listing (listing, session, error);
  g_clear_object (&session);
  _sam_database_unlock (listing->database);

  return done;
}

static void
held_page_clear (gpointer data)
{
  HeldPage *page = data;

  g_clear_pointer (&page->first_at, g_free);
  g_clear_pointer (&page->sql, g_free);
}

static void
listing_free (gpointer data)
{
  Listing *listing = data;

  g_weak_ref_clear (&listing->session);
  g_clear_object (&listing->database);
  g_clear_pointer (&listing->now, g_free);
  g_clear_pointer (&listing->today, g_free);
  g_clear_pointer (&listing->count_sql, g_free);
  g_clear_pointer (&listing->positions_sql, g_free);
  g_clear_pointer (&listing->held, g_array_unref);
  stamp_clear (&listing->old_stamp);
  stamp_clear (&listing->stamp);
  g_free (listing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Listing, listing_free)

/* Copies what counting and comparing take, on the list's thread. */
static Listing *
listing_new (SamCaseList *self)
{
  Listing *listing = g_new0 (Listing, 1);
  g_autoptr(GPtrArray) held = held_pages (self);

  g_weak_ref_init (&listing->session, self->session);
  listing->database = g_object_ref (sam_session_get_database (self->session));
  listing->generation = self->generation;
  listing->me = sam_session_get_user_id (self->session);
  listing->filter = self->filter;
  listing->now = _sam_store_now_utc ();
  listing->today = today_local ();
  listing->count_sql = g_strdup (self->count_sql);
  listing->current = self->current;
  listing->check_stamp = self->current;
  listing->n_items = self->n_items;
  listing->old_stamp = (Stamp) {
    .data_version = self->stamp.data_version,
    .total_changes = self->stamp.total_changes,
    .today = g_strdup (self->stamp.today),
    .next_expiry = g_strdup (self->stamp.next_expiry),
  };

  listing->held = g_array_sized_new (FALSE, TRUE, sizeof (HeldPage), held->len);
  g_array_set_clear_func (listing->held, held_page_clear);
  for (guint i = 0; i < held->len; i++)
    {
      Page *page = g_ptr_array_index (held, i);
      SamCaseRow *first = g_ptr_array_index (page->rows, 0);
      HeldPage copy = {
        .index = page->index,
        .first_at = g_strdup (sam_case_row_get_opened_at (first)),
        .first_id = sam_case_row_get_id (first),
        .digest = page->digest,
        .n_rows = page->rows->len,
        .sql = g_strdup (page_sql (self, page->index, FROM_KEY)),
      };

      g_array_append_val (listing->held, copy);
    }
  if (held->len > 0)
    listing->positions_sql = build_positions_sql (self, held->len);

  return listing;
}

/* Back on the list's thread: what was found replaces the listing, unless
 * it was replaced, cleared or locked since the count began. */
static void
listing_apply (SamCaseList *self,
               Listing     *listing)
{
  if (listing->generation != self->generation || listing->stamp_held)
    return;

  stamp_clear (&self->stamp);
  self->stamp = listing->stamp;
  listing->stamp = (Stamp) { 0 };
  if (listing->changed)
    replace_listing (self, (guint) listing->count);
  else
    forget_keys_of_dropped_pages (self);
  schedule_expiry (self);
}

/* On the calling thread, which must be the list's. */
static gboolean
read_listing_now (SamCaseList  *self,
                  GError      **error)
{
  g_autoptr(Listing) listing = listing_new (self);

  if (!run_listing (listing, error))
    return FALSE;

  listing_apply (self, listing);
  return TRUE;
}

static void
listing_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Listing *listing = task_data;
  g_autoptr(GError) error = NULL;
  gboolean done;

  /* A listing already replaced is neither counted nor logged. */
  if (g_task_return_error_if_cancelled (task))
    return;

  done = run_listing (listing, &error);
  /* As for the page loads: the database should not end its life here. */
  g_clear_object (&listing->database);

  if (done)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* Counts and compares in a worker; @callback gets the Listing as the task's
 * data, to apply on the list's thread. */
static void
start_listing (SamCaseList         *self,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, start_listing);
  g_task_set_name (task, "[samverka] case list count");
  g_task_set_task_data (task, listing_new (self), listing_free);
  g_task_run_in_thread (task, listing_thread);
}

static gboolean
may_list (SamSession  *session,
          GError     **error)
{
  if (!_sam_policy_check_session (session, error))
    return FALSE;

  /* Rule 1: managers and administrators never see a case, not even an
   * empty list of them. */
  if (!sam_policy_allows (sam_session_get_role (session), SAM_OPERATION_CASE_VIEW))
    {
      audit_refusal (session);
      g_set_error_literal (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED,
                           _("Your role does not see individual cases. Managers see the "
                             "anonymised summaries instead."));
      return FALSE;
    }

  return TRUE;
}

/* Signal callbacks ------------------------------------------------------------------ */

static void
session_notify_locked_cb (SamCaseList *self,
                          GParamSpec  *pspec,
                          SamSession  *session)
{
  g_assert (SAM_IS_CASE_LIST (self));
  g_assert (SAM_IS_SESSION (session));

  if (sam_session_is_locked (session))
    sam_case_list_clear (self);
}

/* GListModel ------------------------------------------------------------------------ */

static GType
sam_case_list_get_item_type (GListModel *model)
{
  return SAM_TYPE_CASE_ROW;
}

static guint
sam_case_list_get_n_items (GListModel *model)
{
  return SAM_CASE_LIST (model)->n_items;
}

static gpointer
sam_case_list_get_item (GListModel *model,
                        guint       position)
{
  SamCaseList *self = SAM_CASE_LIST (model);
  guint index = position / SAM_CASE_LIST_PAGE_SIZE;
  guint offset = position % SAM_CASE_LIST_PAGE_SIZE;
  Page *page;

  if (position >= self->n_items)
    return NULL;

  /* The view gets a stand-in now and the row by items-changed. */
  page = find_page (self, index);
  if (page == NULL)
    {
      start_page_load (self, index);
      return _sam_case_row_new_placeholder ();
    }

  /* Cases went away since the count; the next refresh will say so. */
  if (offset >= page->rows->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (page->rows, offset));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = sam_case_list_get_item_type;
  iface->get_n_items = sam_case_list_get_n_items;
  iface->get_item = sam_case_list_get_item;
}

/* GObject ------------------------------------------------------------------------------ */

static void
sam_case_list_dispose (GObject *object)
{
  SamCaseList *self = (SamCaseList *)object;

  cancel_expiry (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_signal_handler (&self->locked_handler, self->session);
  g_queue_clear_full (&self->pages, page_free);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (sam_case_list_parent_class)->dispose (object);
}

static void
sam_case_list_finalize (GObject *object)
{
  SamCaseList *self = (SamCaseList *)object;

  g_clear_pointer (&self->count_sql, g_free);
  for (guint i = 0; i < N_SOURCES; i++)
    for (guint j = 0; j < N_PAGE_QUERIES; j++)
      g_clear_pointer (&self->page_sql[i][j], g_free);
  g_clear_pointer (&self->keys, g_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->loading, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  stamp_clear (&self->stamp);

  G_OBJECT_CLASS (sam_case_list_parent_class)->finalize (object);
}

static void
sam_case_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SamCaseList *self = SAM_CASE_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, SAM_TYPE_CASE_ROW);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_case_list_class_init (SamCaseListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sam_case_list_dispose;
  object_class->finalize = sam_case_list_finalize;
  object_class->get_property = sam_case_list_get_property;

  /**
   * SamCaseList:session:
   *
   * The signed-in user whose cases the list shows.
   */
  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SAM_TYPE_SESSION,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * SamCaseList:item-type:
   *
   * Always #SamCaseRow.
   */
  properties [PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * SamCaseList:n-items:
   *
   * The number of cases in the list, as of its last refresh.
   */
  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sam_case_list_init (SamCaseList *self)
{
  g_queue_init (&self->pages);
  self->keys = g_array_new (FALSE, TRUE, sizeof (PageKeys));
  g_array_set_clear_func (self->keys, page_keys_clear);
  self->context = g_main_context_ref_thread_default ();
  self->loading = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();
}

/* Public API ------------------------------------------------------------------------- */

/**
 * sam_case_filter_init:
 * @filter: a #SamCaseFilter
 *
 * Sets @filter to every case the viewer may see, newest first.
 */
void
sam_case_filter_init (SamCaseFilter *filter)
{
  g_return_if_fail (filter != NULL);

  *filter = (SamCaseFilter) {
    .status = -1,
    .sort = SAM_CASE_SORT_NEWEST_FIRST,
  };
}

static gboolean
filter_is_valid (const SamCaseFilter *filter)
{
  return filter->status >= -1 && filter->status < SAM_N_CASE_STATUSES &&
         filter->area_id >= 0 && filter->coordinator_id >= 0 &&
         (guint) filter->sort < SAM_N_CASE_SORTS;
}

static SamCaseList *
list_create (SamSession          *session,
             const SamCaseFilter *filter)
{
  SamCaseList *self = g_object_new (SAM_TYPE_CASE_LIST, NULL);
  SamCaseFilter everything;

  if (filter == NULL)
    {
      sam_case_filter_init (&everything);
      filter = &everything;
    }

  self->session = g_object_ref (session);
  self->filter = *filter;
  build_sql (self);
  self->locked_handler = g_signal_connect_object (session, "notify::locked",
                                                  G_CALLBACK (session_notify_locked_cb), self,
                                                  G_CONNECT_SWAPPED);

  return self;
}

/**
 * sam_case_list_new:
 * @session: the signed-in user
 * @filter: (nullable): what to narrow the list to; %NULL for everything
 *   the user may see, newest first
 * @error: return location for a #GError
 *
 * Lists the cases @session may see under the access policy's relation
 * rule: those they are on the team of, coordinate or hold an active
 * break-the-glass grant for, or every case for the coordinator role. The
 * list counts its rows now and reads them a page at a time as they are
 * asked for, in a worker thread: an item whose page is not held yet is a
 * placeholder row (sam_case_row_get_is_placeholder()) until
 * #GListModel::items-changed replaces that page's range with the real
 * rows. Writes one audit row, a SEARCH with the count.
 *
 * Managers and administrators are refused with %SAM_POLICY_ERROR_DENIED:
 * they see no person-level data at all (DESIGN §3).
 *
 * Returns: (transfer full): the list, or %NULL
 */
SamCaseList *
sam_case_list_new (SamSession           *session,
                   const SamCaseFilter  *filter,
                   GError              **error)
{
  g_autoptr(SamCaseList) self = NULL;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (filter == NULL || filter_is_valid (filter), NULL);

  if (!may_list (session, error))
    return NULL;

  self = list_create (session, filter);
  if (!read_listing_now (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* What a list being made waits with: not the list, which would keep the
 * session alive through a lock, but what makes it again. */
typedef struct
{
  GWeakRef       session;
  SamCaseFilter  filter;
} Making;

static void
making_free (gpointer data)
{
  Making *making = data;

  g_weak_ref_clear (&making->session);
  g_free (making);
}

static void
list_created_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Making *making = g_task_get_task_data (task);
  g_autoptr(SamSession) session = g_weak_ref_get (&making->session);
  g_autoptr(SamCaseList) self = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Locked while it counted: no list. */
  if (session == NULL || sam_session_is_locked (session))
    {
      g_task_return_new_error (task, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED,
                               "%s", _("The database is locked. Unlock it to go on."));
      return;
    }

  /* A new list of the same generation, 0, as the one counted. */
  self = list_create (session, &making->filter);
  listing_apply (self, g_task_get_task_data (G_TASK (result)));
  g_task_return_pointer (task, g_steal_pointer (&self), g_object_unref);
}

/**
 * sam_case_list_new_async:
 * @session: the signed-in user
 * @filter: (nullable): what to narrow the list to; %NULL for everything
 *   the user may see, newest first
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on this thread when the list is counted
 * @user_data: for @callback
 *
 * Like sam_case_list_new(), but the count and its audit row are done in a
 * worker thread, so that the calling thread, the UI's, never waits on the
 * database. A refusal (managers, administrators) is decided and logged at
 * once, as by sam_case_list_new(). Cancelling drops the list: a count the
 * worker has not begun is not made nor logged; one it has finished is
 * logged but not returned. Call it on the thread whose main context the
 * list is to use.
 */
void
sam_case_list_new_async (SamSession           *session,
                         const SamCaseFilter  *filter,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SamCaseList) self = NULL;
  Making *making;

  g_return_if_fail (SAM_IS_SESSION (session));
  g_return_if_fail (filter == NULL || filter_is_valid (filter));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sam_case_list_new_async);
  if (!may_list (session, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self = list_create (session, filter);
  making = g_new0 (Making, 1);
  g_weak_ref_init (&making->session, session);
  making->filter = self->filter;
  g_task_set_task_data (task, making, making_free);
  start_listing (self, cancellable, list_created_cb, g_steal_pointer (&task));
}

/**
 * sam_case_list_new_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the list, or %NULL with @error set:
 *   %G_IO_ERROR_CANCELLED when it was cancelled
 */
SamCaseList *
sam_case_list_new_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sam_case_list_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * sam_case_list_get_session:
 * @self: a #SamCaseList
 *
 * Returns: (transfer none): the session the list belongs to
 */
SamSession *
sam_case_list_get_session (SamCaseList *self)
{
  g_return_val_if_fail (SAM_IS_CASE_LIST (self), NULL);

  return self->session;
}

/**
 * sam_case_list_refresh:
 * @self: a #SamCaseList
 * @error: return location for a #GError
 *
 * Brings the list up to date. When nothing was written to the database
 * since the last count, on the same day, this costs one PRAGMA and changes
 * nothing. Otherwise the list counts again and reads again the pages it
 * holds. If the count changed, or one of those pages would now show other
 * rows, other values or begin at another position,
 * #GListModel::items-changed is emitted once, replacing every item (at 0,
 * the old count removed, the new count added), and one audit row is
 * written. Pages the list does not hold are read as they are when next
 * asked for.
 *
 * Cheap enough to call whenever the list is shown again or after a save.
 *
 * Once the session is locked, the list is emptied and
 * %SAM_DATABASE_ERROR_LOCKED returned.
 *
 * Returns: %TRUE on success, whether or not anything changed
 */
gboolean
sam_case_list_refresh (SamCaseList  *self,
                       GError      **error)
{
  g_return_val_if_fail (SAM_IS_CASE_LIST (self), FALSE);

  if (sam_session_is_locked (self->session))
    {
      sam_case_list_clear (self);
      g_set_error_literal (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED,
                           _("The database is locked. Unlock it to go on."));
      return FALSE;
    }

  return read_listing_now (self, error);
}

static void
list_refreshed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SamCaseList) self = g_weak_ref_get (g_task_get_task_data (task));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* As sam_case_list_refresh() does: a locked session empties it. */
      if (self != NULL && g_error_matches (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED))
        sam_case_list_clear (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (self != NULL)
    listing_apply (self, g_task_get_task_data (G_TASK (result)));
  g_task_return_boolean (task, TRUE);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/**
 * sam_case_list_refresh_async:
 * @self: a #SamCaseList
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the list's thread when done
 * @user_data: for @callback
 *
 * Does what sam_case_list_refresh() does, the database's part in a worker
 * thread, so that the list's thread never waits on it. What it finds is
 * applied when it returns, unless the list was cleared, locked, refreshed
 * into a new listing or finalized meanwhile: then it is dropped, as it is
 * when cancelled. The refresh does not keep the list, nor its session,
 * alive; its callback gets no source object.
 */
void
sam_case_list_refresh_async (SamCaseList         *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GWeakRef *list = g_new0 (GWeakRef, 1);

  g_return_if_fail (SAM_IS_CASE_LIST (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sam_case_list_refresh_async);
  g_weak_ref_init (list, self);
  g_task_set_task_data (task, list, weak_ref_free);
  if (sam_session_is_locked (self->session))
    {
      sam_case_list_clear (self);
      g_task_return_new_error (task, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_LOCKED,
                               "%s", _("The database is locked. Unlock it to go on."));
      return;
    }

  start_listing (self, cancellable, list_refreshed_cb, g_steal_pointer (&task));
}

/**
 * sam_case_list_refresh_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success, whether or not anything changed
 */
gboolean
sam_case_list_refresh_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sam_case_list_refresh_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sam_case_list_clear:
 * @self: a #SamCaseList
 *
 * Empties the list and drops every row it holds, emitting
 * #GListModel::items-changed when it had any. Locking the session does
 * this by itself (DESIGN §4). A later sam_case_list_refresh() on an
 * unlocked session fills it again.
 */
void
sam_case_list_clear (SamCaseList *self)
{
  guint removed;

  g_return_if_fail (SAM_IS_CASE_LIST (self));

  removed = self->n_items;
  cancel_expiry (self);
  forget_page_loads (self);
  drop_pages (self);
  self->n_items = 0;
  self->current = FALSE;
  stamp_clear (&self->stamp);

  if (removed > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
    }
}

void
_sam_case_list_get_page_stats (SamCaseList *self,
                               guint       *out_loaded,
                               guint       *out_by_offset,
                               guint       *out_cached)
{
  g_return_if_fail (SAM_IS_CASE_LIST (self));

  if (out_loaded != NULL)
    *out_loaded = self->n_loaded;
  if (out_by_offset != NULL)
    *out_by_offset = self->n_by_offset;
  if (out_cached != NULL)
    *out_cached = self->pages.length;
}

/**
 * _sam_case_list_is_loading:
 * @self: a #SamCaseList
 *
 * Returns: whether a page load is in flight, also one for a listing
 *   replaced since, which will be dropped
 */
gboolean
_sam_case_list_is_loading (SamCaseList *self)
{
  g_return_val_if_fail (SAM_IS_CASE_LIST (self), FALSE);

  return self->n_tasks > 0;
}

/**
 * _sam_case_list_wait_idle:
 * @self: a #SamCaseList
 *
 * For tests: iterates the list's main context until no page load is in
 * flight, so that every page asked for is in and announced. Call it on
 * the thread that made the list.
 */
void
_sam_case_list_wait_idle (SamCaseList *self)
{
  g_return_if_fail (SAM_IS_CASE_LIST (self));

  while (self->n_tasks > 0)
    g_main_context_iteration (self->context, TRUE);
}
