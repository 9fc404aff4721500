/* test-demo.c: the generated demo municipality
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sam-database-private.h"
#include "sam-test-util.h"

#define SCALE 200

typedef struct
{
  char          *directory;
  char          *path;
  SamDemoCounts  counts;
  SamSession    *admin;
} Fixture;

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

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->directory = g_dir_make_tmp ("samverka-demo-XXXXXX", NULL);
  f->path = g_build_filename (f->directory, "demo.db", NULL);

  g_assert_true (sam_demo_create_full (f->path, SCALE, 7, &f->counts, &error));
  g_assert_no_error (error);
  f->admin = unlock_demo (f->path, "admin");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sam_session_lock (f->admin);
  g_clear_object (&f->admin);
  sam_test_rm_rf (f->directory);
  g_free (f->directory);
  g_free (f->path);
}

static sqlite3 *
handle (SamSession *session)
{
  return _sam_database_get_handle (sam_session_get_database (session));
}

static gint64
query_int (SamSession *session,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (handle (session), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static GPtrArray *
query_strings (SamSession *session,
               const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (sqlite3_prepare_v2 (handle (session), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (strings, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));

  return strings;
}

static void
test_shape (Fixture       *f,
            gconstpointer  data)
{
  static const char * const statuses[] = { "pending_consent", "active", "follow_up", "closed" };
  g_autoptr(GPtrArray) reasons = NULL;

  g_assert_cmpuint (f->counts.persons, ==, SCALE);
  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM persons"), ==, SCALE);
  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM persons WHERE demo != 1"), ==, 0);
  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM cases"), ==, f->counts.cases);
  g_assert_cmpuint (f->counts.cases, >=, SCALE * 7 / 10);
  g_assert_cmpuint (f->counts.cases, <, SCALE);
  g_assert_cmpuint (f->counts.concerns, >=, SCALE * 2 - SCALE / 10);
  g_assert_cmpuint (f->counts.concerns, <=, SCALE * 4);
  g_assert_cmpuint (f->counts.guardians, >=, SCALE);
  g_assert_cmpuint (f->counts.guardians, <=, SCALE * 2);
  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM guardians WHERE custody = 1"), >,
                   f->counts.guardians / 2);

  /* Every person has concerns, so some have concerns but no case. */
  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM persons p WHERE NOT EXISTS"
                                        " (SELECT 1 FROM concerns k WHERE k.person_id = p.id)"), ==, 0);
  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM persons p WHERE NOT EXISTS"
                                        " (SELECT 1 FROM cases c WHERE c.person_id = p.id)"), >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM cases WHERE status = '%s'",
                                              statuses[i]);

      g_assert_cmpint (query_int (f->admin, sql), >, 0);
    }

  reasons = query_strings (f->admin, "SELECT DISTINCT closing_reason FROM cases"
                                     " WHERE closing_reason IS NOT NULL");
  g_assert_cmpuint (reasons->len, >=, 3);
  for (guint i = 0; i < reasons->len; i++)
    g_assert_nonnull (sam_catalogue_lookup (SAM_CATALOGUE_KIND_CLOSING_REASON, reasons->pdata[i]));

  /* Consents: none on a case still waiting, some withdrawn, some expired. */
  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM consents k JOIN cases c ON c.id = k.case_id"
                                        " WHERE c.status = 'pending_consent'"), ==, 0);
  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM consents WHERE withdrawn_at IS NOT NULL"), >, 0);
  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM consents"
                                        " WHERE valid_to < '" SAM_DEMO_REFERENCE_DATE "'"), >, 0);
  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM consents k WHERE NOT EXISTS"
                                        " (SELECT 1 FROM consent_signatories s WHERE s.consent_id = k.id)"), ==, 0);
  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM consents k WHERE NOT EXISTS"
                                        " (SELECT 1 FROM consent_agencies a WHERE a.consent_id = k.id)"), ==, 0);

  /* Teams and notes span agencies; social services keep some notes internal. */
  g_assert_cmpint (query_int (f->admin, "SELECT count (DISTINCT u.agency_id) FROM case_team t"
                                        " JOIN users u ON u.id = t.user_id"), >=, 3);
  g_assert_cmpint (query_int (f->admin, "SELECT count (DISTINCT agency_id) FROM notes"), >=, 3);
  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM notes WHERE shared_in_sspf = 0"), >, 0);
  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM notes n JOIN agencies a ON a.id = n.agency_id"
                                        " WHERE n.shared_in_sspf = 0 AND a.kind != 'social_services'"), ==, 0);
  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM cases c WHERE NOT EXISTS"
                                        " (SELECT 1 FROM case_target_areas t WHERE t.case_id = c.id)"), ==, 0);

  /* Three years back from the reference date, never after it. */
  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM concerns WHERE observed_on > '"
                                        SAM_DEMO_REFERENCE_DATE "'"), ==, 0);
  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM notes WHERE written_at > '"
                                        SAM_DEMO_REFERENCE_DATE "T23:59:59Z'"), ==, 0);
  g_assert_cmpint (query_int (f->admin, "SELECT count (DISTINCT substr (opened_at, 1, 4)) FROM cases"), >=, 3);
  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM agencies WHERE kind = 'school'"), >=, 15);
}

static void
assert_demo_numbers (SamSession *session,
                     const char *sql)
{
  g_autoptr(GDateTime) today = g_date_time_new_utc (2026, 11, 1, 0, 0, 0);
  g_autoptr(GPtrArray) numbers = query_strings (session, sql);

  g_assert_cmpuint (numbers->len, >, 0);
  for (guint i = 0; i < numbers->len; i++)
    {
      g_autoptr(GError) error = NULL;
      SamPersonnummer pnr;

      g_assert_true (sam_personnummer_parse (numbers->pdata[i], today, &pnr, &error));
      g_assert_no_error (error);
      g_assert_true (sam_personnummer_is_demo_series (&pnr));
    }
}

static void
test_personnummer (Fixture       *f,
                   gconstpointer  data)
{
  assert_demo_numbers (f->admin, "SELECT personnummer FROM persons WHERE personnummer IS NOT NULL");
  assert_demo_numbers (f->admin, "SELECT personnummer FROM guardians WHERE personnummer IS NOT NULL");

  /* No number is used twice, by a young person or a guardian. */
  g_assert_cmpint (query_int (f->admin, "SELECT count (*) - count (DISTINCT n) FROM"
                                        " (SELECT personnummer AS n FROM persons WHERE personnummer IS NOT NULL"
                                        "  UNION ALL SELECT personnummer FROM guardians WHERE personnummer IS NOT NULL)"), ==, 0);
  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM persons WHERE personnummer IS NULL"), ==,
                   f->counts.persons_without_number);
  g_assert_cmpuint (f->counts.persons_without_number, <, SCALE / 4);
}

static void
test_audit (Fixture       *f,
            gconstpointer  data)
{
  static const char * const tables[][2] = {
    { "persons", "person" }, { "guardians", "guardian" }, { "cases", "case" },
    { "concerns", "concern" }, { "consents", "consent" }, { "notes", "note" },
    { "mappings", "mapping" }, { "meetings", "meeting" }, { "plan_goals", "plan_goal" },
    { "plan_actions", "plan_action" }, { "follow_ups", "follow_up" },
  };
  g_autoptr(GError) error = NULL;
  guint64 n_rows = 0;

  g_assert_true (sam_maintenance_verify (f->admin, &error));
  g_assert_no_error (error);
  g_assert_true (_sam_audit_verify_chain (sam_session_get_database (f->admin), NULL, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, >, f->counts.audit_rows);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM %s x WHERE NOT EXISTS"
                                              " (SELECT 1 FROM audit_log a WHERE a.action = 'create'"
                                              "  AND a.object_type = '%s' AND a.object_id = x.id"
                                              "  AND a.reason = 'demo')",
                                              tables[i][0], tables[i][1]);

      g_assert_cmpint (query_int (f->admin, sql), ==, 0);
    }

  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM audit_log WHERE reason = 'demo'"
                                        " AND action = 'create' AND object_type != 'database'"),
                   ==, (gint64) f->counts.audit_rows);
  g_assert_cmpuint (f->counts.audit_rows, ==,
                    f->counts.persons + f->counts.guardians + f->counts.cases +
                    f->counts.concerns + f->counts.consents + f->counts.notes +
                    f->counts.mappings + f->counts.meetings + f->counts.plan_actions +
                    f->counts.follow_ups +
                    (guint64) query_int (f->admin, "SELECT count (*) FROM plan_goals"));
}

/* The SSPF work of DESIGN §2, steps 5 to 9, on every case that got that far,
 * with something for the Due page and the reminders to show. */
static void
test_sspf_work (Fixture       *f,
                gconstpointer  data)
{
  static const struct
  {
    const char *what;
    const char *sql;
    gboolean    none;   /* TRUE: the count must be 0; FALSE: above 0 */
  } checks[] = {
    { "counts", "SELECT (SELECT count (*) FROM meetings) = 0 OR (SELECT count (*) FROM follow_ups) = 0", TRUE },
    { "work before consent",
      "SELECT count (*) FROM cases c WHERE c.status = 'pending_consent' AND"
      " (EXISTS (SELECT 1 FROM mappings m WHERE m.case_id = c.id) OR"
      "  EXISTS (SELECT 1 FROM plan_actions a WHERE a.case_id = c.id))", TRUE },
    { "held meetings without minutes",
      "SELECT count (*) FROM meetings WHERE status = 'held' AND (minutes IS NULL OR decisions IS NULL)", TRUE },
    { "meetings without the young person",
      "SELECT count (*) FROM meetings m WHERE NOT EXISTS (SELECT 1 FROM meeting_participants p"
      " WHERE p.meeting_id = m.id AND p.is_young_person = 1)", TRUE },
    { "staff participants off the team",
      "SELECT count (*) FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id"
      " WHERE p.user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM case_team t"
      " WHERE t.case_id = m.case_id AND t.user_id = p.user_id)", TRUE },
    { "guardians of another person",
      "SELECT count (*) FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id"
      " JOIN cases c ON c.id = m.case_id JOIN guardians g ON g.id = p.guardian_id"
      " WHERE g.person_id != c.person_id", TRUE },
    { "planned meetings in the past",
      "SELECT count (*) FROM meetings WHERE status = 'planned' AND starts_at < '" SAM_DEMO_REFERENCE_DATE "'", TRUE },
    { "planned meetings ahead",
      "SELECT count (*) FROM meetings WHERE status = 'planned'", FALSE },
    { "cancelled meetings", "SELECT count (*) FROM meetings WHERE status = 'cancelled'", FALSE },
    { "held follow-ups without a mapping",
      "SELECT count (*) FROM follow_ups WHERE status = 'held' AND mapping_id IS NULL", TRUE },
    { "held follow-ups with goals unrated",
      "SELECT count (*) FROM follow_ups f JOIN plan_goals g ON g.case_id = f.case_id"
      " WHERE f.status = 'held' AND NOT EXISTS (SELECT 1 FROM goal_attainment a"
      " WHERE a.follow_up_id = f.id AND a.goal_id = g.id)", TRUE },
    { "overdue follow-ups",
      "SELECT count (*) FROM follow_ups WHERE status = 'scheduled' AND due_on < '" SAM_DEMO_REFERENCE_DATE "'", FALSE },
    { "overdue actions",
      "SELECT count (*) FROM plan_actions WHERE status IN ('planned', 'ongoing')"
      " AND due_on < '" SAM_DEMO_REFERENCE_DATE "'", FALSE },
    { "open actions in closed cases",
      "SELECT count (*) FROM plan_actions a JOIN cases c ON c.id = a.case_id"
      " WHERE c.status = 'closed' AND a.status IN ('planned', 'ongoing')", TRUE },
    { "actions of an agency off the team",
      "SELECT count (*) FROM plan_actions a WHERE NOT EXISTS (SELECT 1 FROM case_team t"
      " WHERE t.case_id = a.case_id AND t.user_id = a.responsible_user_id)", TRUE },
    { "actions without their creation in the plan's history",
      "SELECT count (*) FROM plan_actions a WHERE NOT EXISTS (SELECT 1 FROM plan_changes c"
      " WHERE c.action_id = a.id AND c.change = 'created')", TRUE },
    { "status changes by the responsible agency",
      "SELECT count (*) FROM plan_changes c JOIN plan_actions a ON a.id = c.action_id"
      " WHERE c.change GLOB 'status:*' AND c.agency_id = a.responsible_agency_id", FALSE },
    { "cases in follow-up that opened in the last four months",
      "SELECT count (*) FROM cases WHERE status = 'follow_up'"
      " AND opened_at > date ('" SAM_DEMO_REFERENCE_DATE "', '-120 days')", TRUE },
    { "closed concerns without feedback to the reporter",
      "SELECT count (*) FROM concerns WHERE status = 'no_action' AND feedback IS NULL", TRUE },
    { "concerns of an open case left unlinked",
      "SELECT count (*) FROM concerns k JOIN cases c ON c.person_id = k.person_id"
      " WHERE c.status != 'closed' AND k.observed_on >= substr (c.opened_at, 1, 10) AND k.case_id IS NULL", TRUE },
    { "stale concerns in the inbox",
      "SELECT count (*) FROM concerns WHERE status IN ('received', 'assessed')"
      " AND observed_on < date ('" SAM_DEMO_REFERENCE_DATE "', '-31 days')", TRUE },
    { "work dated after the reference day",
      "SELECT (SELECT count (*) FROM mappings WHERE scored_on > '" SAM_DEMO_REFERENCE_DATE "')"
      " + (SELECT count (*) FROM plan_changes WHERE changed_at > '" SAM_DEMO_REFERENCE_DATE "T23:59:59Z')"
      " + (SELECT count (*) FROM follow_ups WHERE held_on > '" SAM_DEMO_REFERENCE_DATE "')", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      gint64 count = query_int (f->admin, checks[i].sql);

      if (checks[i].none ? count != 0 : count == 0)
        g_error ("%s: %" G_GINT64_FORMAT, checks[i].what, count);
    }

  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM meetings"), ==, f->counts.meetings);
  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM mappings"), ==, f->counts.mappings);
  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM plan_actions"), ==, f->counts.plan_actions);
  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM follow_ups"), ==, f->counts.follow_ups);

  /* Every catalogue code is one the app can label. */
  {
    g_autoptr(GPtrArray) codes = query_strings (f->admin, "SELECT DISTINCT intervention_code FROM plan_actions");

    g_assert_cmpuint (codes->len, >=, 5);
    for (guint i = 0; i < codes->len; i++)
      g_assert_nonnull (sam_catalogue_lookup (SAM_CATALOGUE_KIND_INTERVENTION, codes->pdata[i]));
  }
  {
    g_autoptr(GPtrArray) codes = query_strings (f->admin, "SELECT DISTINCT kind || ':' || code FROM mapping_scores");

    for (guint i = 0; i < codes->len; i++)
      {
        g_auto(GStrv) parts = g_strsplit (codes->pdata[i], ":", 2);
        SamCatalogueKind kind;

        g_assert_true (sam_catalogue_kind_from_string (parts[0], &kind));
        g_assert_nonnull (sam_catalogue_lookup (kind, parts[1]));
      }
  }
}

static gint64
count_search_triggers (SamSession *session)
{
  return query_int (session, "SELECT count (*) FROM sqlite_master"
                             " WHERE type = 'trigger' AND name LIKE 'search\\_%' ESCAPE '\\'");
}

static gint64
count_documents (SamSession *session)
{
  return query_int (session, "SELECT (SELECT count (*) FROM persons) + (SELECT count (*) FROM cases)"
                             " + (SELECT count (*) FROM concerns) + (SELECT count (*) FROM notes)");
}

/* The generator builds the search index once at the end instead of by
 * trigger: the index has every document, and the triggers are back and
 * keep it current. */
static void
test_search_index (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *empty_path = g_build_filename (f->directory, "empty.db", NULL);
  g_autoptr(SamSession) empty = NULL;
  g_autoptr(SamSession) coordinator = unlock_demo (f->path, "coordinator");
  g_autoptr(SamConcern) concern = NULL;
  g_autoptr(GError) error = NULL;
  const char *categories[] = { "school_absence", NULL };
  SamConcernDraft draft = {
    .person_id = query_int (f->admin, "SELECT min (id) FROM persons"),
    .observed_on = "2026-10-30",
    .urgency = SAM_CONCERN_URGENCY_LOW,
    .description = "Zyxwvutsrq appears in no other text.",
    .categories = categories,
  };
  g_autoptr(GPtrArray) hits = NULL;

  g_assert_true (sam_demo_create (empty_path, &error));
  g_assert_no_error (error);
  empty = unlock_demo (empty_path, "admin");
  g_assert_cmpint (count_search_triggers (empty), >, 0);
  g_assert_cmpint (count_search_triggers (f->admin), ==, count_search_triggers (empty));

  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM search_index"), ==, count_documents (f->admin));

  concern = sam_concern_store_create (coordinator, &draft, &error);
  g_assert_no_error (error);
  hits = sam_search (coordinator, "zyxwvutsrq", SAM_SEARCH_DEFAULT_LIMIT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (query_int (f->admin, "SELECT count (*) FROM search_index"), ==, count_documents (f->admin));

  sam_session_lock (coordinator);
  sam_session_lock (empty);
}

static void
test_users_see (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SamSession) coordinator = unlock_demo (f->path, "coordinator");
  g_autoptr(SamSession) leisure = unlock_demo (f->path, "leisure");
  g_autoptr(GPtrArray) case_ids = NULL;
  gint64 outside;
  guint opened = 0;

  g_assert_true (sam_session_is_demo (coordinator));

  case_ids = query_strings (f->admin, "SELECT id FROM cases ORDER BY id LIMIT 25");
  for (guint i = 0; i < case_ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SamCase) opened_case = sam_case_store_get (coordinator,
                                                           g_ascii_strtoll (case_ids->pdata[i], NULL, 10),
                                                           &error);

      g_assert_no_error (error);
      g_assert_nonnull (opened_case);
      g_assert_true (g_str_has_prefix (opened_case->number, "SV-"));
      opened++;
    }
  g_assert_cmpuint (opened, ==, 25);

  /* The leisure worker is not on every team, and may not open the others. */
  outside = query_int (f->admin, "SELECT min (c.id) FROM cases c JOIN users u ON u.name = 'leisure'"
                                 " WHERE NOT EXISTS (SELECT 1 FROM case_team t"
                                 "  WHERE t.case_id = c.id AND t.user_id = u.id)");
  g_assert_cmpint (outside, >, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SamCase) refused = sam_case_store_get (leisure, outside, &error);

    g_assert_null (refused);
    g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  }

  sam_session_lock (coordinator);
  sam_session_lock (leisure);
}

/* A digest of every generated row, in id order. */
static char *
digest_of (const char *path)
{
  static const char * const queries[] = {
    "SELECT * FROM persons ORDER BY id",
    "SELECT * FROM guardians ORDER BY id",
    "SELECT * FROM cases ORDER BY id",
    "SELECT * FROM case_team ORDER BY case_id, user_id",
    "SELECT * FROM case_target_areas ORDER BY case_id, code",
    "SELECT * FROM concerns ORDER BY id",
    "SELECT * FROM concern_codes ORDER BY concern_id, kind, code",
    "SELECT * FROM consents ORDER BY id",
    "SELECT * FROM consent_signatories ORDER BY rowid",
    "SELECT * FROM consent_agencies ORDER BY consent_id, agency_id",
    "SELECT * FROM notes ORDER BY id",
    "SELECT * FROM case_numbers ORDER BY year",
    "SELECT * FROM mappings ORDER BY id",
    "SELECT * FROM mapping_scores ORDER BY mapping_id, kind, code",
    "SELECT * FROM meetings ORDER BY id",
    "SELECT * FROM meeting_participants ORDER BY id",
    "SELECT * FROM plan_goals ORDER BY id",
    "SELECT * FROM plan_actions ORDER BY id",
    "SELECT * FROM plan_changes ORDER BY id",
    "SELECT * FROM follow_ups ORDER BY id",
    "SELECT * FROM goal_attainment ORDER BY follow_up_id, goal_id",
  };
  g_autoptr(SamSession) admin = unlock_demo (path, "admin");
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      guint n_rows = 0;

      g_assert_cmpint (sqlite3_prepare_v2 (handle (admin), queries[i], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int column = 0; column < sqlite3_column_count (stmt); column++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, column);

              g_checksum_update (checksum, (const guchar *) (text != NULL ? text : "\x01NULL"), -1);
              g_checksum_update (checksum, (const guchar *) "\x1f", 1);
            }
          g_checksum_update (checksum, (const guchar *) "\x1e", 1);
          n_rows++;
        }
      g_assert_cmpuint (n_rows, >, 0);
    }

  sam_session_lock (admin);
  return g_strdup (g_checksum_get_string (checksum));
}

static char *
create_and_digest (const char *directory,
                   const char *name,
                   guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (directory, name, NULL);

  g_assert_true (sam_demo_create_scaled (path, 120, seed, &error));
  g_assert_no_error (error);
  return digest_of (path);
}

static void
test_deterministic (void)
{
  g_autofree char *directory = g_dir_make_tmp ("samverka-demo-XXXXXX", NULL);
  g_autofree char *first = create_and_digest (directory, "a.db", 42);
  g_autofree char *again = create_and_digest (directory, "b.db", 42);
  g_autofree char *other = create_and_digest (directory, "c.db", 43);

  g_assert_cmpstr (first, ==, again);
  g_assert_cmpstr (first, !=, other);

  sam_test_rm_rf (directory);
}

static void
test_scale_zero (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = g_dir_make_tmp ("samverka-demo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (directory, "demo.db", NULL);
  g_autoptr(SamSession) admin = NULL;

  g_assert_true (sam_demo_create_scaled (path, 0, 1, &error));
  g_assert_no_error (error);
  admin = unlock_demo (path, "admin");
  g_assert_cmpint (query_int (admin, "SELECT count (*) FROM persons"), ==, 0);
  g_assert_cmpint (query_int (admin, "SELECT count (*) FROM users"), ==, 7);
  g_assert_cmpint (query_int (admin, "SELECT count (*) FROM agencies"), >, 20);

  g_assert_false (sam_demo_create_scaled (path, 10, 1, &error));
  g_assert_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_EXISTS);

  sam_session_lock (admin);
  sam_test_rm_rf (directory);
}

/* Not a limit, a measurement for the report: scale 100 000 must take
 * minutes, and generation is linear in the scale. */
static void
test_timing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = g_dir_make_tmp ("samverka-demo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (directory, "demo.db", NULL);
  SamDemoCounts counts;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  g_assert_true (sam_demo_create_full (path, 2000, 1, &counts, &error));
  g_assert_no_error (error);
  seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;

  g_assert_cmpuint (counts.persons, ==, 2000);
  g_test_message ("scale 2000: %.2f s, %" G_GUINT64_FORMAT " audit rows, %" G_GOFFSET_FORMAT
                  " bytes; scale 100000 extrapolated: %.0f s",
                  seconds, counts.audit_rows, sam_test_file_size (path), seconds * 50);

  sam_test_rm_rf (directory);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/demo/shape", Fixture, NULL, fixture_set_up, test_shape, fixture_tear_down);
  g_test_add ("/demo/personnummer", Fixture, NULL, fixture_set_up, test_personnummer, fixture_tear_down);
  g_test_add ("/demo/sspf-work", Fixture, NULL, fixture_set_up, test_sspf_work, fixture_tear_down);
  g_test_add ("/demo/audit", Fixture, NULL, fixture_set_up, test_audit, fixture_tear_down);
  g_test_add ("/demo/search-index", Fixture, NULL, fixture_set_up, test_search_index, fixture_tear_down);
  g_test_add ("/demo/users-see", Fixture, NULL, fixture_set_up, test_users_see, fixture_tear_down);
  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/scale-zero", test_scale_zero);
  g_test_add_func ("/demo/timing", test_timing);

  return g_test_run ();
}
