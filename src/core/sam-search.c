/* sam-search.c: full-text search over what the viewer may see
 *
 * One FTS5 index, search_index (schema step 4), holds young persons' names
 * and personnummer, case numbers with their young person's name, concerns
 * and notes. Triggers keep it current. A search takes three steps:
 *
 * 1. The user's text becomes an FTS5 expression that can only ever be a
 *    conjunction of quoted words, each a prefix. OR, NOT, NEAR, column
 *    filters, stars and stray quotes are searched for as text, never
 *    obeyed, so a query cannot widen what it finds.
 * 2. The expression is narrowed to rows the viewer could reach at all (the
 *    `scope` tokens of the index): the cases whose team they are on, which
 *    they coordinate or have emergency access to, the concerns they
 *    reported and, for social services, every person and concern. This is
 *    a pre-filter, a superset of what the policy allows. It keeps a school
 *    counsellor's few cases from being crowded out of the window below by
 *    the rest of the municipality, and costs the same however many cases
 *    the viewer has.
 * 3. The newest SEARCH_WINDOW matches are ranked, and each is checked
 *    with sam_policy_may() in rank order until the limit is reached. A hit
 *    the viewer may not see is simply absent.
 *
 * Why a window: a common word matches hundreds of thousands of notes at
 * the scale of DESIGN §9, where a search must take less than 30 ms.
 * Newest-first by rowid puts persons and cases before concerns and notes
 * (see the rowid layout in sam-schema.c). Below SEARCH_WINDOW matches,
 * which is every search but a very common word, every match is ranked.
 *
 * Why not FTS5's bm25(): before its first row it counts the rows that
 * hold each phrase of the expression, over the whole index. For a common
 * word, and for the scope's "person" and "concern", that alone took 40 to
 * 110 ms at 1 000 000 rows. The rank here, sam_rank(), is bm25 with the
 * same k1 and b but without the inverse document frequency: all words
 * must match anyway, so it only changes how much each word weighs, and it
 * needs nothing beyond the row itself.
 *
 * Audit (DESIGN §5): one SEARCH row per search, object `search`, reason
 * `count:N` with the number of hits returned, in the same transaction as
 * the search. Never the query. A refusal is the policy's one denied row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-search"

#include "config.h"

#include "sam-search.h"

#include <glib/gi18n-lib.h>

#include "sam-audit.h"
#include "sam-database-private.h"
#include "sam-store-private.h"
#include "sam-error.h"
#include "sam-policy.h"
#include "sam-validate.h"

/* How many of the newest matches are ranked. */
#define SEARCH_WINDOW 2000

/* A snippet holds about this many characters, with up to
 * SNIPPET_WORDS_BEFORE words before the first matching one. */
#define SNIPPET_CHARS        100
#define SNIPPET_WORDS_BEFORE 4

/* The rowid layout of search_index; must match schema step 4. */
#define BAND_SHIFT 44
#define BAND_TEXT  1
#define BAND_NAMES 2

/* Cases the viewer has emergency access to. With the "u<id>" tokens of
 * team members and coordinators, this mirrors has_relation() in
 * sam-policy.c, and must stay a superset of it: a case missing here hides
 * hits, though it can never reveal one, since the policy decides each. */
#define BREAK_GLASS_CASES_SQL \
  "SELECT case_id FROM break_glass WHERE user_id = ?1 AND ended_at IS NULL AND ends_at > ?2"

/* bm25's constants, as FTS5 uses them. */
#define RANK_K1 1.2
#define RANK_B  0.75

#define RANK_FUNCTION "sam_rank"

/* ?3, the number of the query's words, tells sam_rank() which phrases are
 * the words; the scope's phrases follow them. */
#define WINDOW_SQL \
  "SELECT doc FROM (SELECT rowid AS doc, " RANK_FUNCTION " (search_index, ?3) AS score" \
  "                   FROM search_index WHERE search_index MATCH ?1" \
  "                  ORDER BY rowid DESC LIMIT ?2)" \
  " ORDER BY score, doc DESC"

/* The columns of lookup_sql: the young person first, then each kind's. */
enum
{
  COLUMN_PERSON_ID = 0,
  COLUMN_PERSON_NAME = 1,
  COLUMN_CASE_ID = 2,           /* cases, concerns and notes */
  COLUMN_CASE_NUMBER = 3,       /* cases */
  COLUMN_AGENCY_ID = 3,         /* concerns and notes */
  COLUMN_REPORTER_ID = 4,       /* concerns */
  COLUMN_SOCIAL_INTERNAL = 4,   /* notes */
  COLUMN_TEXT = 5,              /* concerns and notes */
};

static const char * const lookup_sql[SAM_N_SEARCH_HIT_KINDS] = {
  [SAM_SEARCH_HIT_PERSON] =
    "SELECT p.id, p.given_name || ' ' || p.family_name FROM persons p WHERE p.id = ?1",
  [SAM_SEARCH_HIT_CASE] =
    "SELECT c.person_id, p.given_name || ' ' || p.family_name, c.id, c.number"
    "  FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.id = ?1",
  [SAM_SEARCH_HIT_CONCERN] =
    "SELECT k.person_id, p.given_name || ' ' || p.family_name, k.case_id, k.agency_id,"
    "       k.reporter_id, k.description"
    "  FROM concerns k JOIN persons p ON p.id = k.person_id WHERE k.id = ?1",
  [SAM_SEARCH_HIT_NOTE] =
    "SELECT c.person_id, p.given_name || ' ' || p.family_name, n.case_id, n.agency_id,"
    "       a.kind = 'social_services' AND n.shared_in_sspf = 0, n.text"
    "  FROM notes n JOIN cases c ON c.id = n.case_id JOIN persons p ON p.id = c.person_id"
    "  JOIN agencies a ON a.id = n.agency_id WHERE n.id = ?1",
};

static const char * const kind_ids[SAM_N_SEARCH_HIT_KINDS] = {
  [SAM_SEARCH_HIT_PERSON] = "person",
  [SAM_SEARCH_HIT_CASE] = "case",
  [SAM_SEARCH_HIT_CONCERN] = "concern",
  [SAM_SEARCH_HIT_NOTE] = "note",
};

/* A word of the query, folded as the index folds it, for snippets. */
typedef struct
{
  char     *folded;
  gboolean  prefix;
} Word;

typedef struct
{
  const char *start;
  const char *end;
} Span;

/* One search in progress. */
typedef struct
{
  SamSession   *session;
  guint         n_words;
  GArray       *words;                          /* Word */
  GHashTable   *verdicts;                       /* target key → visible */
  sqlite3_stmt *lookups[SAM_N_SEARCH_HIT_KINDS];
  sqlite3_stmt *case_number;
  sqlite3_stmt *person_cases;
} Search;

/* Helpers ------------------------------------------------------------------ */

static void
word_clear (gpointer data)
{
  Word *word = data;

  g_clear_pointer (&word->folded, g_free);
}

static void
search_clear (Search *self)
{
  g_clear_pointer (&self->words, g_array_unref);
  g_clear_pointer (&self->verdicts, g_hash_table_unref);
  for (guint i = 0; i < SAM_N_SEARCH_HIT_KINDS; i++)
    g_clear_pointer (&self->lookups[i], sqlite3_finalize);
  g_clear_pointer (&self->case_number, sqlite3_finalize);
  g_clear_pointer (&self->person_cases, sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Search, search_clear)

static void
search_init (Search     *self,
             SamSession *session)
{
  self->session = session;
  self->words = g_array_new (FALSE, TRUE, sizeof (Word));
  g_array_set_clear_func (self->words, word_clear);
  self->verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static SamDatabase *
database_of (SamSession *session)
{
  return sam_session_get_database (session);
}

static gboolean
is_social (SamSession *session)
{
  SamRole role = sam_session_get_role (session);

  return role == SAM_ROLE_SOCIAL || role == SAM_ROLE_COORDINATOR;
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Lower case without diacritics, close to what unicode61 with
 * remove_diacritics 2 makes of a token. */
static char *
fold (const char *text,
      gssize      length)
{
  g_autofree char *lower = g_utf8_casefold (text, length);
  g_autofree char *decomposed = g_utf8_normalize (lower, -1, G_NORMALIZE_NFD);
  GString *folded = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (folded, c);
    }

  return g_string_free (folded, FALSE);
}

/* The runs of word characters in @text, in order. */
static GArray *
split_words (const char *text,
             const char *end)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));
  Span span = { NULL, NULL };

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gboolean word = is_word_char (g_utf8_get_char (p));

      if (word && span.start == NULL)
        span.start = p;
      else if (!word && span.start != NULL)
        {
          span.end = p;
          g_array_append_val (spans, span);
          span.start = NULL;
        }
    }

  if (span.start != NULL)
    {
      span.end = end;
      g_array_append_val (spans, span);
    }

  return spans;
}

/* Query ---------------------------------------------------------------------- */

/* Letters and digits in the last token of @chunk that has any. FTS5 applies
 * a trailing * to that token; a single character would make it a prefix of
 * a whole alphabet's worth of terms, which no prefix index covers. */
static guint
last_token_length (const char *chunk,
                   const char *end)
{
  g_autoptr(GArray) spans = split_words (chunk, end);
  guint length = 0;

  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);
      guint alnum = 0;

      for (const char *p = span->start; p < span->end; p = g_utf8_next_char (p))
        alnum += g_unichar_isalnum (g_utf8_get_char (p)) ? 1 : 0;
      if (alnum > 0)
        length = alnum;
    }

  return length;
}

static void
remember_words (Search     *self,
                const char *chunk,
                const char *end,
                gboolean    prefix)
{
  g_autoptr(GArray) spans = split_words (chunk, end);

  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);
      Word word = {
        .folded = fold (span->start, span->end - span->start),
        .prefix = prefix && i + 1 == spans->len,
      };

      g_array_append_val (self->words, word);
    }
}

/* One chunk of the query, between white space, as one quoted FTS5 string:
 * FTS5 tokenizes what is inside the quotes as it tokenizes the index, and
 * nothing inside them is syntax. */
static void
append_phrase (GString    *match,
               const char *chunk,
               const char *end,
               gboolean    prefix)
{
  g_string_append_c (match, '"');
  for (const char *p = chunk; p < end; p++)
    {
      if (*p == '"')
        g_string_append (match, "\"\"");
      else
        g_string_append_c (match, *p);
    }
  g_string_append (match, prefix ? "\"*" : "\"");
}

static const char *
skip_space (const char *p,
            gboolean    space)
{
  while (*p != '\0' && (g_unichar_isspace (g_utf8_get_char (p)) != FALSE) == space)
    p = g_utf8_next_char (p);

  return p;
}

/* The text part of the FTS5 expression, such as {text} : ("anna"* AND
 * "sv 2026"*), or "" when the query has no letter or digit at all. */
static char *
build_text_match (Search      *self,
                  const char  *query,
                  GError     **error)
{
  g_autoptr(GString) match = g_string_new (NULL);
  guint n_words = 0;

  for (const char *p = skip_space (query, TRUE); *p != '\0'; p = skip_space (p, TRUE))
    {
      const char *end = skip_space (p, FALSE);
      guint length = last_token_length (p, end);

      if (length > 0)
        {
          if (++n_words > SAM_SEARCH_MAX_WORDS)
            {
              g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID,
                           _("Search: use at most %d words."), SAM_SEARCH_MAX_WORDS);
              return NULL;
            }

          g_string_append (match, n_words == 1 ? "{text} : (" : " AND ");
          append_phrase (match, p, end, length >= 2);
          remember_words (self, p, end, length >= 2);
        }
      p = end;
    }

  if (n_words > 0)
    g_string_append_c (match, ')');
  self->n_words = n_words;

  return g_string_free (g_steal_pointer (&match), FALSE);
}

static char *
validate_query (const char  *query,
                GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (query != NULL ? query : ""));

  /* White space around a query is what typing leaves; it is no error. */
  if (!sam_validate_text (_("Search"), trimmed, 1, SAM_SEARCH_MAX_CHARS, SAM_TEXT_SINGLE_LINE,
                          error))
    return NULL;

  return g_steal_pointer (&trimmed);
}

/* Scope ---------------------------------------------------------------------- */

static gboolean
append_break_glass_cases (Search   *self,
                          GString  *scope,
                          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _sam_store_now_utc ();
  int rc;

  stmt = _sam_database_prepare (database_of (self->session), BREAK_GLASS_CASES_SQL, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, sam_session_get_user_id (self->session));
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (scope, " OR \"c%" G_GINT64_FORMAT "\"",
                            (gint64) sqlite3_column_int64 (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (self->session), error, rc, _("Searching"));
      return FALSE;
    }

  return TRUE;
}

/* The scope part of the expression, or %NULL when the viewer may reach
 * every row: a coordinator sees every SSPF case and all of social
 * services' inbox. */
static gboolean
build_scope (Search   *self,
             char    **out_scope,
             GError  **error)
{
  g_autoptr(GString) scope = g_string_new (NULL);

  g_assert (SAM_IS_SESSION (self->session));

  if (sam_session_get_role (self->session) == SAM_ROLE_COORDINATOR)
    {
      *out_scope = NULL;
      return TRUE;
    }

  /* The cases whose team the viewer is on or which they coordinate, and
   * the concerns they reported; social services also see every young
   * person and the whole concern inbox. */
  g_string_append_printf (scope, "\"u%" G_GINT64_FORMAT "\" OR \"r%" G_GINT64_FORMAT "\"",
                          sam_session_get_user_id (self->session),
                          sam_session_get_user_id (self->session));
  if (is_social (self->session))
    g_string_append (scope, " OR \"person\" OR \"concern\"");

  if (!append_break_glass_cases (self, scope, error))
    return FALSE;

  *out_scope = g_strdup_printf ("{scope} : (%s)", scope->str);
  return TRUE;
}

/* Ranking -------------------------------------------------------------------- */

/* How often the text column holds @phrase in the current row. */
static int
count_in_text (const Fts5ExtensionApi *api,
               Fts5Context            *fts,
               int                     phrase)
{
  Fts5PhraseIter iter;
  int column = -1, offset = -1;
  int count = 0;

  if (api->xPhraseFirst (fts, phrase, &iter, &column, &offset) != SQLITE_OK)
    return 0;

  for (; column >= 0; api->xPhraseNext (fts, &iter, &column, &offset))
    count += column == 0 ? 1 : 0;

  return count;
}

/* sam_rank (search_index, N): bm25 of the text column over the first N
 * phrases, each weighing the same; lower is better, as with bm25 (). */
static void
rank_function (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               sqlite3_context         *context,
               int                      n_values,
               sqlite3_value          **values)
{
  sqlite3_int64 n_rows = 0, total = 0;
  int n_words, length = 0;
  double average, norm, score = 0;

  n_words = n_values > 0 ? MIN (sqlite3_value_int (values[0]), api->xPhraseCount (fts)) : 0;
  if (api->xRowCount (fts, &n_rows) != SQLITE_OK ||
      api->xColumnTotalSize (fts, 0, &total) != SQLITE_OK ||
      api->xColumnSize (fts, 0, &length) != SQLITE_OK)
    {
      sqlite3_result_error (context, "sam_rank: no column statistics", -1);
      return;
    }

  average = n_rows > 0 && total > 0 ? (double) total / n_rows : 1.0;
  norm = RANK_K1 * (1.0 - RANK_B + RANK_B * length / average);
  for (int phrase = 0; phrase < n_words; phrase++)
    {
      int count = count_in_text (api, fts, phrase);

      score += count * (RANK_K1 + 1.0) / (count + norm);
    }

  sqlite3_result_double (context, -score);
}

/* FTS5 functions are the connection's: registered once, when the first
 * search finds sam_rank() missing. */
static gboolean
register_rank_function (SamDatabase  *database,
                        GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  fts5_api *api = NULL;

  stmt = _sam_database_prepare (database, "SELECT fts5 (?1)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  if (api == NULL ||
      api->xCreateFunction (api, RANK_FUNCTION, NULL, rank_function, NULL) != SQLITE_OK)
    {
      g_set_error_literal (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_FAILED,
                           _("Full-text search is not available in this build of SQLCipher."));
      return FALSE;
    }

  return TRUE;
}

static sqlite3_stmt *
prepare_window (Search  *self,
                GError **error)
{
  SamDatabase *database = database_of (self->session);
  sqlite3_stmt *stmt = _sam_database_prepare (database, WINDOW_SQL, NULL);

  if (stmt != NULL)
    return stmt;

  if (!register_rank_function (database, error))
    return NULL;

  return _sam_database_prepare (database, WINDOW_SQL, error);
}

static GArray *
rank_candidates (Search      *self,
                 const char  *match,
                 GError     **error)
{
  g_autoptr(GArray) docs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare_window (self, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, SEARCH_WINDOW);
  sqlite3_bind_int (stmt, 3, (int) self->n_words);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 doc = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (docs, doc);
    }

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (self->session), error, rc, _("Searching"));
      return NULL;
    }

  return g_steal_pointer (&docs);
}

static gboolean
decode_doc (gint64            doc,
            SamSearchHitKind *out_kind,
            gint64           *out_id)
{
  gint64 band = doc >> BAND_SHIFT;
  gboolean odd = (doc & 1) != 0;

  *out_id = (doc & ((G_GINT64_CONSTANT (1) << BAND_SHIFT) - 1)) >> 1;

  if (band == BAND_NAMES)
    *out_kind = odd ? SAM_SEARCH_HIT_CASE : SAM_SEARCH_HIT_PERSON;
  else if (band == BAND_TEXT)
    *out_kind = odd ? SAM_SEARCH_HIT_NOTE : SAM_SEARCH_HIT_CONCERN;
  else
    return FALSE;

  return TRUE;
}

/* Policy --------------------------------------------------------------------- */

/* sam_policy_may(), asked once per distinct question in one search: a
 * case's notes from one agency all get the same answer. */
static gboolean
may (Search                 *self,
     SamOperation            operation,
     const SamAccessTarget  *target)
{
  g_autofree char *key = NULL;
  gpointer known;
  gboolean verdict;

  key = g_strdup_printf ("%d:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%d:%" G_GINT64_FORMAT,
                         operation, target->case_id, target->item_agency_id,
                         target->item_is_social_internal ? 1 : 0, target->concern_reporter_id);
  if (g_hash_table_lookup_extended (self->verdicts, key, NULL, &known))
    return GPOINTER_TO_INT (known);

  verdict = sam_policy_may (self->session, operation, target);
  g_hash_table_insert (self->verdicts, g_steal_pointer (&key), GINT_TO_POINTER (verdict));

  return verdict;
}

static gboolean
may_open_case (Search *self,
               gint64  case_id)
{
  return case_id > 0 &&
         may (self, SAM_OPERATION_CASE_VIEW, &(SamAccessTarget) { .case_id = case_id });
}

/* Hits ----------------------------------------------------------------------- */

static sqlite3_stmt *
reuse (Search         *self,
       sqlite3_stmt  **slot,
       const char     *sql,
       GError        **error)
{
  if (*slot == NULL)
    *slot = _sam_database_prepare (database_of (self->session), sql, error);
  else
    {
      sqlite3_reset (*slot);
      sqlite3_clear_bindings (*slot);
    }

  return *slot;
}

/* Steps @stmt to its row: TRUE with a row, FALSE without one (the object
 * has gone since it was indexed) or on an error, which is set. */
static gboolean
step_row (Search        *self,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _sam_database_set_error (database_of (self->session), error, rc, _("Searching"));

  return rc == SQLITE_ROW;
}

static char *
case_number (Search  *self,
             gint64   case_id,
             GError **error)
{
  sqlite3_stmt *stmt;

  if (!may_open_case (self, case_id))
    return NULL;

  stmt = reuse (self, &self->case_number, "SELECT number FROM cases WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, case_id);
  if (!step_row (self, stmt, error))
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gboolean
word_matches (Search     *self,
              const Span *span)
{
  g_autofree char *folded = fold (span->start, span->end - span->start);

  for (guint i = 0; i < self->words->len; i++)
    {
      const Word *word = &g_array_index (self->words, Word, i);

      if (word->prefix ? g_str_has_prefix (folded, word->folded) : g_str_equal (folded, word->folded))
        return TRUE;
    }

  return FALSE;
}

static void
append_collapsed (GString    *snippet,
                  const char *start,
                  const char *end)
{
  gboolean space = FALSE;
  gboolean any = FALSE;

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        space = any;
      else
        {
          if (space)
            g_string_append_c (snippet, ' ');
          g_string_append_unichar (snippet, c);
          space = FALSE;
          any = TRUE;
        }
    }
}

static glong
chars_between (const Span *first,
               const Span *last)
{
  return g_utf8_strlen (first->start, last->end - first->start);
}

/* A short plain-text excerpt around the first word that matches. */
static char *
make_snippet (Search     *self,
              const char *text)
{
  g_autoptr(GArray) spans = split_words (text, text + strlen (text));
  GString *snippet;
  guint hit = 0, first, last;

  if (spans->len == 0)
    return NULL;

  while (hit < spans->len && !word_matches (self, &g_array_index (spans, Span, hit)))
    hit++;
  if (hit == spans->len)
    hit = 0;

  first = hit > SNIPPET_WORDS_BEFORE ? hit - SNIPPET_WORDS_BEFORE : 0;
  while (first < hit &&
         chars_between (&g_array_index (spans, Span, first), &g_array_index (spans, Span, hit)) >
         SNIPPET_CHARS / 2)
    first++;

  last = hit;
  while (last + 1 < spans->len &&
         chars_between (&g_array_index (spans, Span, first), &g_array_index (spans, Span, last + 1)) <=
         SNIPPET_CHARS)
    last++;

  /* Whole at either end, punctuation included; cut words marked. */
  snippet = g_string_new (first > 0 ? "…" : NULL);
  append_collapsed (snippet,
                    first > 0 ? g_array_index (spans, Span, first).start : text,
                    last + 1 < spans->len ? g_array_index (spans, Span, last).end : text + strlen (text));
  if (last + 1 < spans->len)
    g_string_append (snippet, "…");

  return g_string_free (snippet, FALSE);
}

static SamSearchHit *
hit_from_row (SamSearchHitKind  kind,
              gint64            object_id,
              sqlite3_stmt     *stmt)
{
  SamSearchHit *hit = g_new0 (SamSearchHit, 1);

  hit->kind = kind;
  hit->object_id = object_id;
  hit->person_id = sqlite3_column_int64 (stmt, COLUMN_PERSON_ID);
  hit->person_name = g_strdup ((const char *) sqlite3_column_text (stmt, COLUMN_PERSON_NAME));

  return hit;
}

/* A person is visible to social services, and to whoever relates to one
 * of their cases; the hit points at the newest case the viewer may open. */
static gboolean
resolve_person (Search        *self,
                SamSearchHit  *hit,
                GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = reuse (self, &self->person_cases,
                "SELECT id, number FROM cases WHERE person_id = ?1 ORDER BY id DESC", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, hit->person_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SamAccessTarget target = { .case_id = sqlite3_column_int64 (stmt, 0) };

      if (may (self, SAM_OPERATION_PERSON_VIEW, &target) && may_open_case (self, target.case_id))
        {
          hit->case_id = target.case_id;
          hit->case_number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          return TRUE;
        }
    }

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (self->session), error, rc, _("Searching"));
      return FALSE;
    }

  return may (self, SAM_OPERATION_PERSON_VIEW, &(SamAccessTarget) { 0 });
}

static gboolean
resolve_case (Search        *self,
              SamSearchHit  *hit,
              sqlite3_stmt  *stmt)
{
  hit->case_id = sqlite3_column_int64 (stmt, COLUMN_CASE_ID);
  if (!may_open_case (self, hit->case_id))
    return FALSE;

  hit->case_number = g_strdup ((const char *) sqlite3_column_text (stmt, COLUMN_CASE_NUMBER));
  return TRUE;
}

static gboolean
resolve_concern (Search        *self,
                 SamSearchHit  *hit,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  SamAccessTarget target = {
    .case_id = sqlite3_column_int64 (stmt, COLUMN_CASE_ID),
    .item_agency_id = sqlite3_column_int64 (stmt, COLUMN_AGENCY_ID),
    .concern_reporter_id = sqlite3_column_int64 (stmt, COLUMN_REPORTER_ID),
  };

  if (!may (self, SAM_OPERATION_CONCERN_VIEW, &target))
    return FALSE;

  hit->case_id = target.case_id;
  hit->snippet = make_snippet (self, (const char *) sqlite3_column_text (stmt, COLUMN_TEXT));
  hit->case_number = case_number (self, target.case_id, error);

  return error == NULL || *error == NULL;
}

static gboolean
resolve_note (Search        *self,
              SamSearchHit  *hit,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  SamAccessTarget target = {
    .case_id = sqlite3_column_int64 (stmt, COLUMN_CASE_ID),
    .item_agency_id = sqlite3_column_int64 (stmt, COLUMN_AGENCY_ID),
    .item_is_social_internal = sqlite3_column_int (stmt, COLUMN_SOCIAL_INTERNAL) != 0,
  };

  if (!may (self, SAM_OPERATION_CASE_ITEM_VIEW, &target))
    return FALSE;

  hit->case_id = target.case_id;
  hit->snippet = make_snippet (self, (const char *) sqlite3_column_text (stmt, COLUMN_TEXT));
  hit->case_number = case_number (self, target.case_id, error);

  return error == NULL || *error == NULL;
}

/* Reads the object behind @doc and asks the policy about it. Sets
 * @out_hit to %NULL when the viewer may not see it or it has gone. */
static gboolean
resolve (Search         *self,
         gint64          doc,
         SamSearchHit  **out_hit,
         GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SamSearchHit) hit = NULL;
  SamSearchHitKind kind;
  sqlite3_stmt *stmt;
  gint64 id;
  gboolean visible = FALSE;

  g_assert (SAM_IS_SESSION (self->session));

  *out_hit = NULL;
  if (!decode_doc (doc, &kind, &id))
    return TRUE;

  stmt = reuse (self, &self->lookups[kind], lookup_sql[kind], error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_row (self, stmt, &local_error))
    goto out;

  hit = hit_from_row (kind, id, stmt);
  switch (kind)
    {
    case SAM_SEARCH_HIT_PERSON:
      visible = resolve_person (self, hit, &local_error);
      break;
    case SAM_SEARCH_HIT_CASE:
      visible = resolve_case (self, hit, stmt);
      break;
    case SAM_SEARCH_HIT_CONCERN:
      visible = resolve_concern (self, hit, stmt, &local_error);
      break;
    case SAM_SEARCH_HIT_NOTE:
      visible = resolve_note (self, hit, stmt, &local_error);
      break;
    case SAM_N_SEARCH_HIT_KINDS:
    default:
      g_assert_not_reached ();
    }

out:
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (visible)
    *out_hit = g_steal_pointer (&hit);

  return TRUE;
}

static GPtrArray *
collect_hits (Search      *self,
              const char  *match,
              guint        limit,
              GError     **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_search_hit_free);
  g_autoptr(GArray) docs = rank_candidates (self, match, error);

  if (docs == NULL)
    return NULL;

  for (guint i = 0; i < docs->len && hits->len < limit; i++)
    {
      SamSearchHit *hit;

      if (!resolve (self, g_array_index (docs, gint64, i), &hit, error))
        return NULL;
      if (hit != NULL)
        g_ptr_array_add (hits, hit);
    }

  return g_steal_pointer (&hits);
}

static GPtrArray *
run_search (Search      *self,
            const char  *text_match,
            guint        limit,
            GError     **error)
{
  g_autofree char *scope = NULL;
  g_autofree char *match = NULL;

  /* No letter or digit: nothing to search for. */
  if (*text_match == '\0')
    return g_ptr_array_new_with_free_func ((GDestroyNotify) sam_search_hit_free);

  if (!build_scope (self, &scope, error))
    return NULL;

  match = scope != NULL ? g_strconcat (text_match, " AND ", scope, NULL) : g_strdup (text_match);

  return collect_hits (self, match, limit, error);
}

static gboolean
audit_search (SamSession  *session,
              guint        count,
              GError     **error)
{
  g_autofree char *reason = g_strdup_printf ("count:%u", count);
  SamAuditEvent event = {
    .action = SAM_AUDIT_SEARCH,
    .object_type = "search",
    .reason = reason,
    .outcome = SAM_AUDIT_OUTCOME_OK,
  };

  return _sam_audit_append (database_of (session), session, &event, error);
}

typedef struct
{
  char  *query;
  guint  limit;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_free (data->query);
  g_free (data);
}

/* Runs in a worker thread. The task holds a reference on the session, and
 * through it on the database, so neither goes away under it. The whole
 * search, policy check and audit row included, holds the connection's
 * mutex: locking the session meanwhile waits for it, and a search that
 * starts after the lock finds the database closed and returns
 * %SAM_DATABASE_ERROR_LOCKED. */
static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SamSession *session = source_object;
  SamDatabase *database = sam_session_get_database (session);
  SearchData *data = task_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = NULL;

  /* A search the user has typed past is neither run nor logged. */
  if (g_task_return_error_if_cancelled (task))
    return;

  _sam_database_lock (database);
  hits = sam_search (session, data->query, data->limit, &error);
  _sam_database_unlock (database);

  if (hits == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, hits, (GDestroyNotify) g_ptr_array_unref);
}

/* Public API ----------------------------------------------------------------- */

/**
 * sam_search_hit_kind_to_string:
 * @kind: a hit kind
 *
 * Returns: the kind's stable id: "person", "case", "concern" or "note"
 */
const char *
sam_search_hit_kind_to_string (SamSearchHitKind kind)
{
  g_return_val_if_fail (kind < SAM_N_SEARCH_HIT_KINDS, NULL);

  return kind_ids[kind];
}

/**
 * sam_search_hit_free:
 * @hit: (nullable): a hit
 *
 * Frees @hit and its strings.
 */
void
sam_search_hit_free (SamSearchHit *hit)
{
  if (hit == NULL)
    return;

  g_free (hit->case_number);
  g_free (hit->person_name);
  g_free (hit->snippet);
  g_free (hit);
}

/**
 * sam_search:
 * @session: the signed-in user; not a manager or an administrator, who
 *   never receive person-level data
 * @query: what the user typed: words, each matched as the start of a word,
 *   without regard to case or diacritics ("soder" finds "Söderström");
 *   FTS5 syntax in it is searched for as text
 * @limit: the most hits to return; 0 for %SAM_SEARCH_DEFAULT_LIMIT, and
 *   never more than %SAM_SEARCH_MAX_LIMIT
 * @error: return location for a #GError
 *
 * Searches young persons by name and personnummer, cases by number and
 * their young person's name, concerns and journal notes by their text.
 * Only what the viewer may see is returned; anything else is absent, not
 * marked. All words must match. Hits come best first (bm25 without its
 * word weights), among the newest matches when a query matches very many
 * rows: persons and cases before concerns and notes.
 *
 * A query with no letter or digit finds nothing. An empty query, one
 * longer than %SAM_SEARCH_MAX_CHARS characters or with more than
 * %SAM_SEARCH_MAX_WORDS words is refused with %SAM_STORE_ERROR_INVALID.
 * Each search writes one SEARCH row to the audit log with the number of
 * hits and never the query.
 *
 * Returns: (transfer container) (element-type SamSearchHit): the hits, or
 *   %NULL with @error set
 */
GPtrArray *
sam_search (SamSession  *session,
            const char  *query,
            guint        limit,
            GError     **error)
{
  g_auto(Search) search = { 0 };
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *text_match = NULL;
  SamDatabase *database;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Managers and administrators are refused here, and the refusal is
   * the search's one audit row. */
  if (!sam_policy_check (session, SAM_OPERATION_PERSON_FIND, error))
    return NULL;

  search_init (&search, session);
  if (!(trimmed = validate_query (query, error)) ||
      !(text_match = build_text_match (&search, trimmed, error)))
    return NULL;

  limit = limit == 0 ? SAM_SEARCH_DEFAULT_LIMIT : MIN (limit, SAM_SEARCH_MAX_LIMIT);

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  hits = run_search (&search, text_match, limit, error);
  /* No statement may still be reading when the transaction ends. */
  search_clear (&search);

  if (hits == NULL ||
      !audit_search (session, hits->len, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return g_steal_pointer (&hits);
}

/**
 * sam_search_async:
 * @session: the signed-in user
 * @query: what the user typed, as for sam_search()
 * @limit: the most hits, as for sam_search()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context when done
 * @user_data: data for @callback
 *
 * Runs sam_search() in a worker thread, so that the user interface never
 * waits on the database. A search cancelled before it starts is neither
 * run nor logged; one cancelled while it runs completes, its audit row
 * included, and reports %G_IO_ERROR_CANCELLED. Locking the session while
 * a search runs waits for it to finish.
 */
void
sam_search_async (SamSession          *session,
                  const char          *query,
                  guint                limit,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  g_return_if_fail (SAM_IS_SESSION (session));
  g_return_if_fail (query != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (SearchData, 1);
  data->query = g_strdup (query);
  data->limit = limit;

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, sam_search_async);
  g_task_set_name (task, "[samverka] search");
  g_task_set_task_data (task, data, (GDestroyNotify) search_data_free);
  /* Hits the user typed past are dropped, not delivered. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_check_cancellable (task, TRUE);
  g_task_run_in_thread (task, search_thread);
}

/**
 * sam_search_finish:
 * @result: the #GAsyncResult passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type SamSearchHit): the hits, as
 *   sam_search() returns them, or %NULL with @error set
 */
GPtrArray *
sam_search_finish (GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == sam_search_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
