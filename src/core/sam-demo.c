/* sam-demo.c: a demo database to try Samverka on
 *
 * The demo users' passphrases are public (README lists them), so demo slots
 * use the product's cheapest Argon2id parameters. The database is flagged
 * as a demo, and the app says DEMO in its title while it is open.
 *
 * With a scale, the demo also holds a made-up municipality's SSPF work:
 * young persons with guardians, concerns, cases in every status, consents
 * and notes, spread over the three years before SAM_DEMO_REFERENCE_DATE.
 * A #GRand seeded by the caller makes every choice, so a seed always gives
 * the same rows (the database's id, salt and audit times aside).
 *
 * Generation writes straight to the tables with prepared statements reused
 * over big transactions, not through the stores, which commit (and sync)
 * once per record; at scale 100 000 that would take hours. Each record
 * still gets its create row in the audit log in the same transaction, so
 * the chain is as complete as if the stores had written it.
 *
 * No personnummer can belong to a real person: every number comes from
 * sam_personnummer_generate_demo() (birth number 000, never assigned). That
 * series has two numbers per birth date, so once a date's are used, a
 * person has no number, which the schema allows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-demo"

#include "config.h"

#include "sam-demo.h"
#include "sam-demo-private.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sam-case-store.h"
#include "sam-catalogue.h"
#include "sam-database-private.h"
#include "sam-directory.h"
#include "sam-error.h"
#include "sam-personnummer.h"

/* Rows per transaction while generating. */
#define ROWS_PER_COMMIT 8000

/* Days of history before the reference date. */
#define HISTORY_DAYS (3 * 365)

/* Linköping-like areas, each with schools. The first four agencies are
 * those of the demo users. */
static const struct
{
  const char    *name;
  SamAgencyKind  kind;
  const char    *area;
} demo_agencies[] = {
  { "Ekholmsskolan", SAM_AGENCY_KIND_SCHOOL, "Ekholmen" },
  { "Socialtjänsten, barn och unga", SAM_AGENCY_KIND_SOCIAL_SERVICES, NULL },
  { "Lokalpolisområde Linköping", SAM_AGENCY_KIND_POLICE, NULL },
  { "Fritidsgården Skäggetorp", SAM_AGENCY_KIND_LEISURE, "Skäggetorp" },
  { "Skäggetorpsskolan", SAM_AGENCY_KIND_SCHOOL, "Skäggetorp" },
  { "Vikingaskolan", SAM_AGENCY_KIND_SCHOOL, "Skäggetorp" },
  { "Rydsskolan", SAM_AGENCY_KIND_SCHOOL, "Ryd" },
  { "Rydsgårdsskolan", SAM_AGENCY_KIND_SCHOOL, "Ryd" },
  { "Västerskolan", SAM_AGENCY_KIND_SCHOOL, "Ryd" },
  { "Bergaskolan", SAM_AGENCY_KIND_SCHOOL, "Berga" },
  { "Bergslidens skola", SAM_AGENCY_KIND_SCHOOL, "Berga" },
  { "Ekholmens södra skola", SAM_AGENCY_KIND_SCHOOL, "Ekholmen" },
  { "Lambohovsskolan", SAM_AGENCY_KIND_SCHOOL, "Lambohov" },
  { "Slestadsskolan", SAM_AGENCY_KIND_SCHOOL, "Lambohov" },
  { "Johannelundsskolan", SAM_AGENCY_KIND_SCHOOL, "Johannelund" },
  { "Ånestadsskolan", SAM_AGENCY_KIND_SCHOOL, "Johannelund" },
  { "Tornbyskolan", SAM_AGENCY_KIND_SCHOOL, "Tornby" },
  { "Tallbodaskolan", SAM_AGENCY_KIND_SCHOOL, "Tornby" },
  { "Gottfridsbergsskolan", SAM_AGENCY_KIND_SCHOOL, "Gottfridsberg" },
  { "Kungsbergsskolan", SAM_AGENCY_KIND_SCHOOL, "Gottfridsberg" },
  { "Hjulsbroskolan", SAM_AGENCY_KIND_SCHOOL, "Hjulsbro" },
  { "Ulrikaskolan", SAM_AGENCY_KIND_SCHOOL, "Hjulsbro" },
  { "Vallastadens skola", SAM_AGENCY_KIND_SCHOOL, "Vallastaden" },
  { "Kvarnbackens skola", SAM_AGENCY_KIND_SCHOOL, "Vallastaden" },
  { "Fritidsgården Ryd", SAM_AGENCY_KIND_LEISURE, "Ryd" },
  { "Fritidsgården Berga", SAM_AGENCY_KIND_LEISURE, "Berga" },
  { "Fritidsgården Ekholmen", SAM_AGENCY_KIND_LEISURE, "Ekholmen" },
  { "Fritidsgården Lambohov", SAM_AGENCY_KIND_LEISURE, "Lambohov" },
  { "Fältgruppen Linköping", SAM_AGENCY_KIND_LEISURE, NULL },
  { "Socialtjänsten, öppenvården", SAM_AGENCY_KIND_SOCIAL_SERVICES, NULL },
  { "Kvarterspolisen Skäggetorp", SAM_AGENCY_KIND_POLICE, "Skäggetorp" },
};

/* Every demo person is marked "(demo)" so no one mistakes them for staff. */
static const struct
{
  SamRole     role;
  const char *display_name;
  const char *agency;
} demo_users[] = {
  { SAM_ROLE_SCHOOL, "Sara Lind (demo)", "Ekholmsskolan" },
  { SAM_ROLE_LEISURE, "Ali Hassan (demo)", "Fritidsgården Skäggetorp" },
  { SAM_ROLE_POLICE, "Johan Berg (demo)", "Lokalpolisområde Linköping" },
  { SAM_ROLE_SOCIAL, "Maria Ek (demo)", "Socialtjänsten, barn och unga" },
  { SAM_ROLE_COORDINATOR, "Elin Norberg (demo)", "Socialtjänsten, barn och unga" },
  { SAM_ROLE_MANAGER, "Karin Holm (demo)", "Kommunledningsförvaltningen" },
};

/* Made-up people get names from these lists. */
static const char * const girls[] = {
  "Alice", "Maja", "Elsa", "Ella", "Wilma", "Ebba", "Alva", "Saga", "Olivia", "Astrid",
  "Freja", "Selma", "Vera", "Nora", "Ida", "Amira", "Sara", "Leila", "Yasmin", "Hanna",
  "Fatima", "Noor", "Zainab", "Mariam", "Aya", "Hiba", "Sofia", "Emilia", "Lejla", "Defne",
};

static const char * const boys[] = {
  "William", "Liam", "Noah", "Hugo", "Lucas", "Oliver", "Elias", "Adam", "Oscar", "Alexander",
  "Filip", "Theo", "Viktor", "Isak", "Leo", "Omar", "Ali", "Yusuf", "Ibrahim", "Mohammed",
  "Hamza", "Ahmed", "Mustafa", "Karim", "Milan", "Luka", "Emir", "Deniz", "Anton", "Axel",
};

static const char * const adults[] = {
  "Anna", "Maria", "Karin", "Lena", "Eva", "Fatima", "Amina", "Leyla", "Hodan", "Mona",
  "Jelena", "Ayse", "Linh", "Johan", "Peter", "Mikael", "Anders", "Ahmed", "Mohamed", "Abdi",
  "Mehmet", "Dragan", "Tomas", "Hassan", "Jonas", "Reza", "Samir", "Goran",
};

static const char * const families[] = {
  "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
  "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Lindberg", "Lindqvist", "Berglund",
  "Sandberg", "Holm", "Ek", "Hassan", "Mohammed", "Ali", "Ahmed", "Yusuf", "Abdi", "Omar",
  "Hussein", "Nguyen", "Kaya", "Yilmaz", "Demir", "Novak", "Kowalski", "Petrović", "Jovanović",
  "Haddad", "Khalil", "Rahimi", "Hosseini", "Mahmoud", "Warsame", "Farah", "Tesfaye",
};

static const char * const concern_texts[] = {
  "Hög frånvaro de senaste veckorna, ofta hela dagar.",
  "Har setts i sällskap med äldre ungdomar sent på kvällen vid centrumet.",
  "Konflikter med klasskamrater som vid två tillfällen blivit fysiska.",
  "Uppger att det är stökigt hemma och att hen inte vill gå hem.",
  "Misstänkt inblandad i snatteri i köpcentrumet.",
  "Verkar trött och okoncentrerad på lektionerna.",
  "Har slutat komma till fritidsgården, där hen tidigare var ofta.",
  "Påträffad av polis vid en plats där narkotika säljs.",
  "Vårdnadshavare har själv hört av sig och är oroliga.",
  "Har nya dyra kläder och kontanter som inte går att förklara.",
  "Bär kniv enligt uppgift från kamrater.",
  "Skolresultaten har sjunkit kraftigt sedan förra terminen.",
};

static const char * const note_texts[] = {
  "Samtal med den unge. Hen är positiv till att ha en kontaktperson.",
  "Möte med vårdnadshavare; de vill delta i planeringen.",
  "Frånvaron har minskat sedan förra veckan.",
  "Har börjat på fritidsgårdens fotbollsgrupp två kvällar i veckan.",
  "Ny händelse anmäld; följs upp på nästa möte.",
  "Studieplan upprättad tillsammans med mentor.",
  "Uteblev från avtalad tid. Ny tid bokad.",
  "Kontakt med kvarterspolisen om situationen i området.",
  "Den unge berättar att det går bättre i skolan.",
  "Utredningen fortsätter; bedömning om insats inom tre veckor.",
  "Familjebehandling har påbörjats.",
  "Sommarjobb via kommunen ordnat.",
};

/* What social services tell the reporter when a concern leads nowhere. */
static const char * const feedback_texts[] = {
  "Bedömd. Familjen har redan stöd; ingen ny insats behövs just nu.",
  "Bedömd. Ingen oro för brott; skolan fortsätter sitt eget stöd.",
  "Bedömd. Familjen tackade nej till SSPF; ärendet följs inom socialtjänsten.",
};

static const char * const consent_purposes[] = {
  "Samverkan inom SSPF kring skolgång, fritid och trygghet.",
  "Utbyte av uppgifter mellan skola, socialtjänst, polis och fritid inom SSPF.",
  "Gemensam planering och uppföljning inom SSPF.",
};

static const char * const stmt_sql[N_STMTS] = {
  [STMT_PERSON] = "INSERT INTO persons (personnummer, given_name, family_name, birth_date, gender,"
                  "  school_id, area_id, protected_identity, demo, created_at, created_by)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?10)",
  [STMT_GUARDIAN] = "INSERT INTO guardians (person_id, name, personnummer, phone, custody)"
                    " VALUES (?1, ?2, ?3, ?4, ?5)",
  [STMT_CASE] = "INSERT INTO cases (number, person_id, coordinator_id, prevention_level, status,"
                "  closing_reason, opened_at, closed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
  [STMT_TEAM] = "INSERT INTO case_team (case_id, user_id) VALUES (?1, ?2)",
  [STMT_TARGET_AREA] = "INSERT INTO case_target_areas (case_id, code) VALUES (?1, ?2)",
  [STMT_CONCERN] = "INSERT INTO concerns (person_id, case_id, reporter_id, agency_id, observed_on,"
                   "  urgency, description, report_to_social, status, created_at, updated_at, feedback)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11)",
  [STMT_CONCERN_CODE] = "INSERT OR IGNORE INTO concern_codes (concern_id, kind, code)"
                        " VALUES (?1, ?2, ?3)",
  [STMT_CONSENT] = "INSERT INTO consents (case_id, purpose, valid_from, valid_to, withdrawn_at,"
                   "  recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  [STMT_SIGNATORY] = "INSERT INTO consent_signatories (consent_id, guardian_id, is_young_person,"
                     "  signed_on) VALUES (?1, ?2, ?3, ?4)",
  [STMT_CONSENT_AGENCY] = "INSERT OR IGNORE INTO consent_agencies (consent_id, agency_id)"
                          " VALUES (?1, ?2)",
  [STMT_NOTE] = "INSERT INTO notes (case_id, author_id, agency_id, written_at, text, shared_in_sspf)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [STMT_CASE_NUMBER] = "INSERT INTO case_numbers (year, last) VALUES (?1, ?2)"
                       " ON CONFLICT (year) DO UPDATE SET last = max (last, excluded.last)",
  [STMT_MAPPING] = "INSERT INTO mappings (case_id, scored_on, comment, recorded_by, agency_id,"
                   "  recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [STMT_MAPPING_SCORE] = "INSERT INTO mapping_scores (mapping_id, kind, code, score)"
                         " VALUES (?1, ?2, ?3, ?4)",
  [STMT_MEETING] = "INSERT INTO meetings (case_id, starts_at, duration_minutes, place, status, agenda,"
                   "  minutes, decisions, created_by, agency_id, created_at, updated_at)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
  [STMT_PARTICIPANT] = "INSERT INTO meeting_participants (meeting_id, user_id, guardian_id,"
                       "  is_young_person) VALUES (?1, ?2, ?3, ?4)",
  [STMT_GOAL] = "INSERT INTO plan_goals (case_id, description, indicator, created_by, agency_id,"
                "  created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
  [STMT_ACTION] = "INSERT INTO plan_actions (case_id, goal_id, description, intervention_code,"
                  "  responsible_agency_id, responsible_user_id, starts_on, due_on, status,"
                  "  created_by, created_at, updated_at)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
  [STMT_PLAN_CHANGE] = "INSERT INTO plan_changes (case_id, goal_id, action_id, change, changed_by,"
                       "  agency_id, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  [STMT_FOLLOW_UP] = "INSERT INTO follow_ups (case_id, due_on, status, held_on, notes, mapping_id,"
                     "  created_by, agency_id, created_at, held_by, updated_at)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
  [STMT_ATTAINMENT] = "INSERT INTO goal_attainment (follow_up_id, goal_id, attainment)"
                      " VALUES (?1, ?2, ?3)",
};

static const SamRole staff_roles[N_STAFF] = {
  SAM_ROLE_SCHOOL, SAM_ROLE_LEISURE, SAM_ROLE_POLICE, SAM_ROLE_SOCIAL, SAM_ROLE_COORDINATOR,
};

/* Small helpers -------------------------------------------------------------- */

static SamSecret *
demo_passphrase (SamRole role)
{
  g_autofree char *text = g_strconcat (sam_role_to_string (role), SAM_DEMO_PASSPHRASE_SUFFIX, NULL);

  return sam_secret_new_from_string (text);
}

const char *
_sam_demo_pick (Generator          *g,
                const char * const *list,
                guint               n)
{
  return list[g_rand_int_range (g->rand, 0, (gint32) n)];
}

gboolean
_sam_demo_chance (Generator *g,
                  guint      percent)
{
  return (guint) g_rand_int_range (g->rand, 0, 100) < percent;
}

guint32
_sam_demo_days (Generator *g,
                guint      from,
                guint      to)
{
  return (guint32) g_rand_int_range (g->rand, (gint32) from, (gint32) to + 1);
}

/* Not MIN (): that would draw @day's random part twice. */
static guint32
not_after (guint32 day,
           guint32 last)
{
  return day <= last ? day : last;
}

void
_sam_demo_format_day (guint32  julian,
                      char     out[11])
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  g_snprintf (out, 11, "%04u-%02u-%02u", (guint) g_date_get_year (&date),
              (guint) g_date_get_month (&date), (guint) g_date_get_day (&date));
}

/* A time in office hours on @julian, as the stores write times. */
void
_sam_demo_format_time (Generator *g,
                       guint32    julian,
                       char       out[21])
{
  char day[11];

  _sam_demo_format_day (julian, day);
  g_snprintf (out, 21, "%sT%02d:%02d:%02dZ", day, g_rand_int_range (g->rand, 6, 16),
              g_rand_int_range (g->rand, 0, 60), g_rand_int_range (g->rand, 0, 60));
}

void
_sam_demo_bind_text_or_null (sqlite3_stmt *stmt,
                             int           index,
                             const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

void
_sam_demo_bind_id_or_null (sqlite3_stmt *stmt,
                           int           index,
                           gint64        id)
{
  if (id != 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

/* Runs a bound insert, resets it and returns the new row's id (0 on error). */
gint64
_sam_demo_insert (Generator  *g,
                  Stmt        which,
                  GError    **error)
{
  sqlite3_stmt *stmt = g->stmts[which];
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (g->database, error, rc, _("Generating demo data"));
      return 0;
    }

  g->rows_since_commit++;
  return MAX (sqlite3_last_insert_rowid (g->db), 1);
}

gboolean
_sam_demo_audit_created (Generator   *g,
                         const char  *object_type,
                         gint64       object_id,
                         gint64       person_id,
                         gint64       case_id,
                         GError     **error)
{
  SamAuditEvent event = {
    .action = SAM_AUDIT_CREATE,
    .object_type = object_type,
    .object_id = object_id,
    .person_id = person_id,
    .case_id = case_id,
    .reason = "demo",
    .outcome = SAM_AUDIT_OUTCOME_OK,
  };

  g->counts.audit_rows++;
  g->rows_since_commit++;
  return _sam_audit_append (g->database, NULL, &event, error);
}

/* A free number in the demo series for @birth, or FALSE when both of the
 * date's numbers are taken. */
static gboolean
demo_number (Generator *g,
             guint32    birth,
             char       out[13])
{
  SamPersonnummer pnr;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, birth);

  for (guint attempt = 0; attempt < 4; attempt++)
    {
      sam_personnummer_generate_demo (g->rand, &date, &pnr);
      g_assert (sam_personnummer_is_demo_series (&pnr));
      if (!g_hash_table_contains (g->used_numbers, pnr.normalized))
        {
          char *number = g_strdup (pnr.normalized);

          g_hash_table_add (g->used_numbers, number);
          memcpy (out, number, 13);
          return TRUE;
        }
    }

  return FALSE;
}

/* Setting up ----------------------------------------------------------------- */

static gboolean
populate (SamSession  *session,
          GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_agencies); i++)
    {
      g_autoptr(SamAgency) agency = NULL;

      agency = sam_directory_add_agency (session, demo_agencies[i].name, demo_agencies[i].kind,
                                         demo_agencies[i].area, error);
      if (agency == NULL)
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_users); i++)
    {
      g_autoptr(SamSecret) passphrase = demo_passphrase (demo_users[i].role);
      g_autoptr(SamUser) user = NULL;

      user = sam_directory_add_user (session, sam_role_to_string (demo_users[i].role),
                                     demo_users[i].display_name, demo_users[i].role,
                                     demo_users[i].agency, passphrase, NULL, error);
      if (user == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_directory (Generator  *g,
                GError    **error)
{
  g_autoptr(sqlite3_stmt) users = NULL;
  g_autoptr(sqlite3_stmt) areas = NULL;
  g_autoptr(sqlite3_stmt) schools = NULL;

  if (!(users = _sam_database_prepare (g->database, "SELECT id, agency_id FROM users WHERE name = ?1", error)) ||
      !(areas = _sam_database_prepare (g->database, "SELECT id FROM areas ORDER BY id", error)) ||
      !(schools = _sam_database_prepare (g->database, "SELECT id, area_id FROM agencies"
                                         " WHERE kind = 'school' ORDER BY id", error)))
    return FALSE;

  for (guint i = 0; i < N_STAFF; i++)
    {
      sqlite3_bind_text (users, 1, sam_role_to_string (staff_roles[i]), -1, SQLITE_STATIC);
      if (sqlite3_step (users) != SQLITE_ROW)
        {
          _sam_database_set_error (g->database, error, SQLITE_ERROR, _("Generating demo data"));
          return FALSE;
        }
      g->user_ids[i] = sqlite3_column_int64 (users, 0);
      g->user_agencies[i] = sqlite3_column_int64 (users, 1);
      sqlite3_reset (users);
    }

  while (sqlite3_step (areas) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (areas, 0);

      g_array_append_val (g->area_ids, id);
    }

  while (sqlite3_step (schools) == SQLITE_ROW)
    {
      School school = { sqlite3_column_int64 (schools, 0), sqlite3_column_int64 (schools, 1) };

      g_array_append_val (g->schools, school);
    }

  return TRUE;
}

static gboolean
generator_init (Generator    *g,
                SamDatabase  *database,
                guint32       seed,
                GError      **error)
{
  GDate reference;

  g->database = database;
  g->db = _sam_database_get_handle (database);
  g->rand = g_rand_new_with_seed (seed);
  g->area_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g->schools = g_array_new (FALSE, FALSE, sizeof (School));
  g->used_numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_date_clear (&reference, 1);
  g_date_set_parse (&reference, SAM_DEMO_REFERENCE_DATE);
  g_assert (g_date_valid (&reference));
  g->reference = g_date_get_julian (&reference);
  g->first_year = g_date_get_year (&reference) - (G_N_ELEMENTS (g->case_counters) - 1);

  for (guint i = 0; i < N_STMTS; i++)
    {
      g->stmts[i] = _sam_database_prepare (database, stmt_sql[i], error);
      if (g->stmts[i] == NULL)
        return FALSE;
    }

  return load_directory (g, error);
}

static void
generator_clear (Generator *g)
{
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&g->stmts[i], sqlite3_finalize);
  g_clear_pointer (&g->rand, g_rand_free);
  g_clear_pointer (&g->area_ids, g_array_unref);
  g_clear_pointer (&g->schools, g_array_unref);
  g_clear_pointer (&g->used_numbers, g_hash_table_unref);
}

/* One young person and everything about them --------------------------------- */

static guint
pick_reporter (Generator *g)
{
  static const guint weights[] = { 45, 15, 30, 10 };   /* school, leisure, police, social */
  guint roll = (guint) g_rand_int_range (g->rand, 0, 100);

  for (guint i = 0; i < G_N_ELEMENTS (weights); i++)
    {
      if (roll < weights[i])
        return i;
      roll -= weights[i];
    }

  return STAFF_SCHOOL;
}

static gboolean
insert_person (Generator  *g,
               Person     *p,
               GError    **error)
{
  sqlite3_stmt *stmt = g->stmts[STMT_PERSON];
  static const char * const genders[] = { "female", "male", "other", "unknown" };
  guint gender_roll = (guint) g_rand_int_range (g->rand, 0, 100);
  guint gender = gender_roll < 48 ? 0 : gender_roll < 96 ? 1 : gender_roll < 97 ? 2 : 3;
  const char *given = gender == 0 ? PICK (g, girls) : gender == 1 ? PICK (g, boys)
                      : _sam_demo_chance (g, 50) ? PICK (g, girls) : PICK (g, boys);
  gint64 area_id = g_array_index (g->area_ids, gint64, g_rand_int_range (g->rand, 0, (gint32) g->area_ids->len));
  gint64 school_id = 0;
  char number[13], birth[11], created[21];
  gboolean has_number;

  /* Newly arrived young people may have no number yet. */
  has_number = _sam_demo_chance (g, 95) && demo_number (g, p->birth, number);
  if (!has_number)
    g->counts.persons_without_number++;

  /* Most go to a school in their area; a few to none (e.g. left school). */
  if (_sam_demo_chance (g, 95))
    {
      guint start = (guint) g_rand_int_range (g->rand, 0, (gint32) g->schools->len);

      school_id = g_array_index (g->schools, School, start).id;
      for (guint i = 0; i < g->schools->len; i++)
        {
          const School *school = &g_array_index (g->schools, School, (start + i) % g->schools->len);

          if (school->area_id == area_id)
            {
              school_id = school->id;
              break;
            }
        }
    }

  _sam_demo_format_day (p->birth, birth);
  _sam_demo_format_time (g, p->first_day, created);
  _sam_demo_bind_text_or_null (stmt, 1, has_number ? number : NULL);
  sqlite3_bind_text (stmt, 2, given, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, PICK (g, families), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, birth, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, genders[gender], -1, SQLITE_STATIC);
  _sam_demo_bind_id_or_null (stmt, 6, school_id);
  sqlite3_bind_int64 (stmt, 7, area_id);
  sqlite3_bind_int (stmt, 8, _sam_demo_chance (g, 1) ? 1 : 0);
  sqlite3_bind_text (stmt, 9, created, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 10, g->user_ids[p->reporter]);

  if (!(p->id = _sam_demo_insert (g, STMT_PERSON, error)) ||
      !_sam_demo_audit_created (g, "person", p->id, p->id, 0, error))
    return FALSE;

  g->counts.persons++;
  return TRUE;
}

static gboolean
insert_guardians (Generator  *g,
                  Person     *p,
                  GError    **error)
{
  sqlite3_stmt *stmt = g->stmts[STMT_GUARDIAN];

  p->n_guardians = _sam_demo_chance (g, 60) ? 2 : 1;
  for (guint i = 0; i < p->n_guardians; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s", PICK (g, adults), PICK (g, families));
      guint32 birth = p->birth - _sam_demo_days (g, 20 * 365, 45 * 365);
      char number[13], phone[16];
      gboolean has_number = _sam_demo_chance (g, 90) && demo_number (g, birth, number);

      /* 070-174 06 05 to 99 are reserved by PTS for fiction. */
      g_snprintf (phone, sizeof phone, "070-174 06 %02d", g_rand_int_range (g->rand, 5, 100));
      p->custody[i] = i == 0 || _sam_demo_chance (g, 85);

      sqlite3_bind_int64 (stmt, 1, p->id);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      _sam_demo_bind_text_or_null (stmt, 3, has_number ? number : NULL);
      _sam_demo_bind_text_or_null (stmt, 4, _sam_demo_chance (g, 85) ? phone : NULL);
      sqlite3_bind_int (stmt, 5, p->custody[i] ? 1 : 0);

      if (!(p->guardian_ids[i] = _sam_demo_insert (g, STMT_GUARDIAN, error)) ||
          !_sam_demo_audit_created (g, "guardian", p->guardian_ids[i], p->id, 0, error))
        return FALSE;
      g->counts.guardians++;
    }

  return TRUE;
}

static const char *
pick_closing_reason (Generator *g)
{
  static const char * const reasons[] = {
    "goals_met", "goals_met", "goals_met", "goals_met", "consent_withdrawn", "consent_declined",
    "moved", "moved", "transferred", "aged_out", "aged_out", "other",
  };
  const char *reason = PICK (g, reasons);

  g_assert (sam_catalogue_lookup (SAM_CATALOGUE_KIND_CLOSING_REASON, reason) != NULL);
  return reason;
}

/* Decides the case's course; FALSE if the person gets no case. */
static gboolean
plan_case (Generator *g,
           Person    *p,
           Case      *c)
{
  guint roll;

  if (!_sam_demo_chance (g, 85))
    return FALSE;

  memset (c, 0, sizeof *c);
  c->opened = not_after (p->first_day + _sam_demo_days (g, 5, 30), g->reference);
  roll = (guint) g_rand_int_range (g->rand, 0, 100);
  c->status = roll < 12 ? SAM_CASE_STATUS_PENDING_CONSENT
              : roll < 50 ? SAM_CASE_STATUS_ACTIVE
              : roll < 65 ? SAM_CASE_STATUS_FOLLOW_UP
              : SAM_CASE_STATUS_CLOSED;

  if (c->status == SAM_CASE_STATUS_CLOSED)
    {
      c->closing_reason = pick_closing_reason (g);
      c->closed = c->opened + (g_str_equal (c->closing_reason, "consent_declined")
                               ? _sam_demo_days (g, 7, 40) : _sam_demo_days (g, 60, 540));
      if (c->closed > g->reference)
        {
          c->closed = 0;
          c->closing_reason = NULL;
          c->status = SAM_CASE_STATUS_ACTIVE;
        }
    }
  /* Follow-up comes after months of work: a case opened lately is at
   * most active. */
  if (c->status == SAM_CASE_STATUS_FOLLOW_UP && c->opened + 120 > g->reference)
    c->status = SAM_CASE_STATUS_ACTIVE;
  /* A case still waiting for consent after months would be odd. */
  if (c->status == SAM_CASE_STATUS_PENDING_CONSENT && c->opened + 60 < g->reference)
    c->opened = g->reference - _sam_demo_days (g, 0, 45);

  c->team[STAFF_COORDINATOR] = TRUE;
  c->team[STAFF_SOCIAL] = TRUE;
  c->team[STAFF_SCHOOL] = _sam_demo_chance (g, 75);
  c->team[STAFF_LEISURE] = _sam_demo_chance (g, 40);
  c->team[STAFF_POLICE] = _sam_demo_chance (g, 45);
  c->team[p->reporter] = TRUE;
  return TRUE;
}

static gboolean
insert_case (Generator  *g,
             Person     *p,
             Case       *c,
             GError    **error)
{
  sqlite3_stmt *stmt = g->stmts[STMT_CASE];
  g_autofree char *number = NULL;
  char opened[21], closed[21];
  guint n_areas;
  const SamCatalogueEntry *areas = sam_catalogue_list (SAM_CATALOGUE_KIND_TARGET_AREA, &n_areas);
  GDate date;
  guint year_slot;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, c->opened);
  year_slot = g_date_get_year (&date) - g->first_year;
  g_assert (year_slot < G_N_ELEMENTS (g->case_counters));
  number = g_strdup_printf ("SV-%04u-%04u", (guint) g_date_get_year (&date),
                            ++g->case_counters[year_slot]);

  _sam_demo_format_time (g, c->opened, opened);
  if (c->closed != 0)
    _sam_demo_format_time (g, c->closed, closed);

  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, p->id);
  _sam_demo_bind_id_or_null (stmt, 3, c->status == SAM_CASE_STATUS_PENDING_CONSENT && _sam_demo_chance (g, 30)
                            ? 0 : g->user_ids[STAFF_COORDINATOR]);
  sqlite3_bind_text (stmt, 4, _sam_demo_chance (g, 60) ? "selective" : "indicated", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, sam_case_status_to_string (c->status), -1, SQLITE_STATIC);
  _sam_demo_bind_text_or_null (stmt, 6, c->closing_reason);
  sqlite3_bind_text (stmt, 7, opened, -1, SQLITE_TRANSIENT);
  _sam_demo_bind_text_or_null (stmt, 8, c->closed != 0 ? closed : NULL);

  if (!(c->id = _sam_demo_insert (g, STMT_CASE, error)) ||
      !_sam_demo_audit_created (g, "case", c->id, p->id, c->id, error))
    return FALSE;
  g->counts.cases++;

  for (guint i = 0; i < N_STAFF; i++)
    {
      if (!c->team[i])
        continue;
      sqlite3_bind_int64 (g->stmts[STMT_TEAM], 1, c->id);
      sqlite3_bind_int64 (g->stmts[STMT_TEAM], 2, g->user_ids[i]);
      if (!_sam_demo_insert (g, STMT_TEAM, error))
        return FALSE;
    }

  for (guint i = 0, first = (guint) g_rand_int_range (g->rand, 0, (gint32) n_areas),
       n = _sam_demo_chance (g, 40) ? 2 : 1; i < MIN (n, n_areas); i++)
    {
      sqlite3_bind_int64 (g->stmts[STMT_TARGET_AREA], 1, c->id);
      sqlite3_bind_text (g->stmts[STMT_TARGET_AREA], 2, areas[(first + i) % n_areas].code, -1,
                         SQLITE_STATIC);
      if (!_sam_demo_insert (g, STMT_TARGET_AREA, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
insert_concern_codes (Generator         *g,
                      gint64             concern_id,
                      SamCatalogueKind   kind,
                      guint              min,
                      guint              max,
                      GError           **error)
{
  guint n_entries;
  const SamCatalogueEntry *entries = sam_catalogue_list (kind, &n_entries);
  guint n = _sam_demo_days (g, min, max);

  for (guint i = 0; i < n && n_entries > 0; i++)
    {
      sqlite3_stmt *stmt = g->stmts[STMT_CONCERN_CODE];

      sqlite3_bind_int64 (stmt, 1, concern_id);
      sqlite3_bind_text (stmt, 2, sam_catalogue_kind_to_string (kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, entries[g_rand_int_range (g->rand, 0, (gint32) n_entries)].code,
                         -1, SQLITE_STATIC);
      if (!_sam_demo_insert (g, STMT_CONCERN_CODE, error))
        return FALSE;
    }

  return TRUE;
}

/* The concern's status follows from the case, if any, and its age. */
static const char *
concern_status (Generator  *g,
                guint32     day,
                const Case *c,
                gint64     *out_case_id)
{
  *out_case_id = 0;
  if (c != NULL && day <= c->opened)
    {
      *out_case_id = c->id;
      return "led_to_case";
    }
  /* Later concerns about a young person with a case are linked to it. */
  if (c != NULL && (c->closed == 0 || day <= c->closed))
    {
      *out_case_id = c->id;
      return "led_to_case";
    }
  /* The inbox holds the last weeks' concerns, some already looked at;
   * older ones were closed with feedback to the reporter. */
  if (day + 14 > g->reference)
    return "received";
  if (day + 30 > g->reference && _sam_demo_chance (g, 50))
    return "assessed";
  return "no_action";
}

static gboolean
insert_concerns (Generator   *g,
                 Person      *p,
                 const Case  *c,
                 GError     **error)
{
  static const char * const urgencies[] = {
    "low", "low", "low", "medium", "medium", "medium", "medium", "high", "high", "acute",
  };
  sqlite3_stmt *stmt = g->stmts[STMT_CONCERN];
  guint n = _sam_demo_days (g, 2, 4);
  guint32 day = p->first_day;

  for (guint i = 0; i < n && day <= g->reference; i++)
    {
      g_autofree char *text = g_strdup_printf ("%s %s", PICK (g, concern_texts), PICK (g, concern_texts));
      guint reporter = i == 0 ? p->reporter : pick_reporter (g);
      char observed[11], created[21];
      gint64 case_id, id;
      const char *status = concern_status (g, day, c, &case_id);

      _sam_demo_format_day (day, observed);
      _sam_demo_format_time (g, not_after (day + _sam_demo_days (g, 0, 3), g->reference), created);
      sqlite3_bind_int64 (stmt, 1, p->id);
      _sam_demo_bind_id_or_null (stmt, 2, case_id);
      sqlite3_bind_int64 (stmt, 3, g->user_ids[reporter]);
      sqlite3_bind_int64 (stmt, 4, g->user_agencies[reporter]);
      sqlite3_bind_text (stmt, 5, observed, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, PICK (g, urgencies), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 8, _sam_demo_chance (g, reporter == STAFF_POLICE ? 70 : 25) ? 1 : 0);
      sqlite3_bind_text (stmt, 9, status, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, created, -1, SQLITE_TRANSIENT);
      _sam_demo_bind_text_or_null (stmt, 11, g_str_equal (status, "no_action")
                                             ? PICK (g, feedback_texts) : NULL);

      if (!(id = _sam_demo_insert (g, STMT_CONCERN, error)) ||
          !insert_concern_codes (g, id, SAM_CATALOGUE_KIND_CONCERN_CATEGORY, 1, 2, error) ||
          !insert_concern_codes (g, id, SAM_CATALOGUE_KIND_RISK_FACTOR, 0, 3, error) ||
          !insert_concern_codes (g, id, SAM_CATALOGUE_KIND_PROTECTIVE_FACTOR, 0, 2, error) ||
          !_sam_demo_audit_created (g, "concern", id, p->id, case_id, error))
        return FALSE;
      g->counts.concerns++;

      day += _sam_demo_days (g, 5, 120);
    }

  return TRUE;
}

static gboolean
insert_consent (Generator   *g,
                const Person *p,
                const Case  *c,
                guint32      from,
                guint32      to,          /* 0: until withdrawn */
                guint32      withdrawn,   /* 0: not withdrawn */
                GError     **error)
{
  sqlite3_stmt *stmt = g->stmts[STMT_CONSENT];
  char valid_from[11], valid_to[11], withdrawn_at[21], recorded[21];
  gint64 id;
  guint n_signatories = 0;

  _sam_demo_format_day (from, valid_from);
  if (to != 0)
    _sam_demo_format_day (to, valid_to);
  if (withdrawn != 0)
    _sam_demo_format_time (g, withdrawn, withdrawn_at);
  _sam_demo_format_time (g, from, recorded);

  sqlite3_bind_int64 (stmt, 1, c->id);
  sqlite3_bind_text (stmt, 2, PICK (g, consent_purposes), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, valid_from, -1, SQLITE_TRANSIENT);
  _sam_demo_bind_text_or_null (stmt, 4, to != 0 ? valid_to : NULL);
  _sam_demo_bind_text_or_null (stmt, 5, withdrawn != 0 ? withdrawn_at : NULL);
  sqlite3_bind_int64 (stmt, 6, g->user_ids[_sam_demo_chance (g, 70) ? STAFF_COORDINATOR : STAFF_SOCIAL]);
  sqlite3_bind_text (stmt, 7, recorded, -1, SQLITE_TRANSIENT);

  if (!(id = _sam_demo_insert (g, STMT_CONSENT, error)) ||
      !_sam_demo_audit_created (g, "consent", id, p->id, c->id, error))
    return FALSE;
  g->counts.consents++;

  /* Guardians with custody sign; a young person of 13 or more signs too. */
  for (guint i = 0; i <= p->n_guardians; i++)
    {
      gboolean young = i == p->n_guardians;
      sqlite3_stmt *sign = g->stmts[STMT_SIGNATORY];

      if (young ? (from - p->birth < 13 * 365 && n_signatories > 0) : !p->custody[i])
        continue;
      sqlite3_bind_int64 (sign, 1, id);
      _sam_demo_bind_id_or_null (sign, 2, young ? 0 : p->guardian_ids[i]);
      sqlite3_bind_int (sign, 3, young ? 1 : 0);
      sqlite3_bind_text (sign, 4, valid_from, -1, SQLITE_TRANSIENT);
      if (!_sam_demo_insert (g, STMT_SIGNATORY, error))
        return FALSE;
      n_signatories++;
    }

  for (guint i = 0; i < N_STAFF; i++)
    {
      if (!c->team[i])
        continue;
      sqlite3_bind_int64 (g->stmts[STMT_CONSENT_AGENCY], 1, id);
      sqlite3_bind_int64 (g->stmts[STMT_CONSENT_AGENCY], 2, g->user_agencies[i]);
      if (!_sam_demo_insert (g, STMT_CONSENT_AGENCY, error))
        return FALSE;
    }

  return TRUE;
}

/* Consents for a case past pending: in force while it runs, some of them
 * withdrawn or expired, and some renewed after expiry. */
static gboolean
insert_consents (Generator   *g,
                 const Person *p,
                 const Case  *c,
                 GError     **error)
{
  guint32 end = c->closed != 0 ? c->closed : g->reference;
  guint32 from = not_after (c->opened + _sam_demo_days (g, 3, 20), end);
  guint32 to = _sam_demo_chance (g, 50) ? from + 365 : 0;

  if (c->status == SAM_CASE_STATUS_PENDING_CONSENT ||
      g_strcmp0 (c->closing_reason, "consent_declined") == 0)
    return TRUE;

  if (g_strcmp0 (c->closing_reason, "consent_withdrawn") == 0)
    return insert_consent (g, p, c, from, to, c->closed, error);

  if (c->closed == 0 && to != 0 && to < g->reference && !_sam_demo_chance (g, 10))
    {
      /* Expired while the case ran on, and was renewed. */
      guint32 renewed = to - _sam_demo_days (g, 0, 20);

      return insert_consent (g, p, c, from, to, 0, error) &&
             insert_consent (g, p, c, renewed, _sam_demo_chance (g, 50) ? renewed + 365 : 0, 0, error);
    }

  if (c->closed == 0 && _sam_demo_chance (g, 5))
    {
      /* A guardian withdrew, then both signed a narrower consent. */
      guint32 withdrawn = from + (end - from) / 2;

      return insert_consent (g, p, c, from, to, withdrawn, error) &&
             insert_consent (g, p, c, MIN (withdrawn + 1, end), 0, 0, error);
    }

  return insert_consent (g, p, c, from, to, 0, error);
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
insert_notes (Generator   *g,
              const Person *p,
              const Case  *c,
              GError     **error)
{
  guint32 end = c->closed != 0 ? c->closed : g->reference;
  guint32 note_days[10];
  guint n = c->status == SAM_CASE_STATUS_PENDING_CONSENT ? _sam_demo_days (g, 0, 1) : _sam_demo_days (g, 2, 8);

  for (guint i = 0; i < n; i++)
    note_days[i] = c->opened + _sam_demo_days (g, 0, end - c->opened);
  qsort (note_days, n, sizeof note_days[0], compare_days);

  for (guint i = 0; i < n; i++)
    {
      sqlite3_stmt *stmt = g->stmts[STMT_NOTE];
      guint author;
      gboolean shared;
      char written[21];
      gint64 id;

      do
        author = (guint) g_rand_int_range (g->rand, 0, N_STAFF);
      while (!c->team[author]);

      /* Only social services keep notes internal (see sam-note-store.c). */
      shared = g->user_agencies[author] != g->user_agencies[STAFF_SOCIAL] || _sam_demo_chance (g, 45);
      _sam_demo_format_time (g, note_days[i], written);

      sqlite3_bind_int64 (stmt, 1, c->id);
      sqlite3_bind_int64 (stmt, 2, g->user_ids[author]);
      sqlite3_bind_int64 (stmt, 3, g->user_agencies[author]);
      sqlite3_bind_text (stmt, 4, written, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, PICK (g, note_texts), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 6, shared ? 1 : 0);

      if (!(id = _sam_demo_insert (g, STMT_NOTE, error)) ||
          !_sam_demo_audit_created (g, "note", id, p->id, c->id, error))
        return FALSE;
      g->counts.notes++;
    }

  return TRUE;
}

/* Persons come in the order of their first concern, so ids and case numbers
 * run roughly with time, as they would in a live database. */
static gboolean
generate_person (Generator  *g,
                 guint       index,
                 guint       scale,
                 GError    **error)
{
  guint32 start = g->reference - HISTORY_DAYS;
  Person p = { 0 };
  Case c;
  gboolean has_case;

  p.first_day = not_after (start + (guint32) ((guint64) index * (HISTORY_DAYS - 7) / scale) + _sam_demo_days (g, 0, 6),
                           g->reference);
  p.birth = p.first_day - _sam_demo_days (g, 10 * 365, 18 * 365);
  p.reporter = pick_reporter (g);

  if (!insert_person (g, &p, error) || !insert_guardians (g, &p, error))
    return FALSE;

  has_case = plan_case (g, &p, &c);
  if (has_case && !insert_case (g, &p, &c, error))
    return FALSE;

  return insert_concerns (g, &p, has_case ? &c : NULL, error) &&
         (!has_case || (insert_consents (g, &p, &c, error) && insert_notes (g, &p, &c, error) &&
                        _sam_demo_insert_work (g, &p, &c, error)));
}

static gboolean
save_case_numbers (Generator  *g,
                   GError    **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (g->case_counters); i++)
    {
      if (g->case_counters[i] == 0)
        continue;
      sqlite3_bind_int (g->stmts[STMT_CASE_NUMBER], 1, (int) (g->first_year + i));
      sqlite3_bind_int (g->stmts[STMT_CASE_NUMBER], 2, (int) g->case_counters[i]);
      if (!_sam_demo_insert (g, STMT_CASE_NUMBER, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
generate (Generator  *g,
          guint       scale,
          GError    **error)
{
  if (!_sam_database_begin (g->database, error))
    return FALSE;

  for (guint i = 0; i < scale; i++)
    {
      if (!generate_person (g, i, scale, error))
        goto failed;

      if (g->rows_since_commit >= ROWS_PER_COMMIT)
        {
          if (!_sam_database_commit (g->database, error) || !_sam_database_begin (g->database, error))
            goto failed;
          g->rows_since_commit = 0;
        }
    }

  if (!save_case_numbers (g, error) || !_sam_database_commit (g->database, error))
    goto failed;

  return TRUE;

failed:
  _sam_database_rollback (g->database);
  return FALSE;
}

/* The search index's triggers re-index a whole case for every member
 * added to its team, and a person for every case opened: at scale 100 000
 * most of the generation's time. So they are dropped while generating, and
 * the index is built once at the end from the same views the schema step
 * builds it from, then the triggers come back, exactly as they were. The
 * triggers of the kept concern counts (schema step 8) likewise: the counts
 * are recounted once at the end. */
static GPtrArray *
drop_search_triggers (SamDatabase  *database,
                      GError      **error)
{
  g_autoptr(GPtrArray) triggers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database,
                                "SELECT name, sql FROM sqlite_master"
                                " WHERE type = 'trigger' AND (name LIKE 'search\\_%' ESCAPE '\\'"
                                "  OR name LIKE 'concern\\_counts\\_%' ESCAPE '\\')",
                                error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *drop = g_strdup_printf ("DROP TRIGGER \"%s\"", sqlite3_column_text (stmt, 0));

      g_ptr_array_add (triggers, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      if (!_sam_database_exec (database, drop, error))
        return NULL;
    }

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database, error, rc, _("Preparing the search index"));
      return NULL;
    }

  return g_steal_pointer (&triggers);
}

static gboolean
rebuild_search_index (SamDatabase  *database,
                      GPtrArray    *triggers,
                      GError      **error)
{
  static const char * const rebuild[] = {
    "INSERT INTO search_index (search_index) VALUES ('delete-all')",
    "INSERT INTO search_index (rowid, text, scope) SELECT doc, text, scope FROM search_source_person",
    "INSERT INTO search_index (rowid, text, scope) SELECT doc, text, scope FROM search_source_case",
    "INSERT INTO search_index (rowid, text, scope) SELECT doc, text, scope FROM search_source_concern",
    "INSERT INTO search_index (rowid, text, scope) SELECT doc, text, scope FROM search_source_note",
    "DELETE FROM concern_counts",
    "INSERT INTO concern_counts (month, agency_id, scope, code, n)"
    " SELECT month, agency_id, scope, code, n FROM concern_counts_recount",
  };

  for (guint i = 0; i < G_N_ELEMENTS (rebuild); i++)
    {
      if (!_sam_database_exec (database, rebuild[i], error))
        return FALSE;
    }

  for (guint i = 0; i < triggers->len; i++)
    {
      if (!_sam_database_exec (database, g_ptr_array_index (triggers, i), error))
        return FALSE;
    }

  return TRUE;
}

/* Generates in its own transactions between dropping the triggers and
 * bringing them back with the index, each step a transaction. */
static gboolean
generate_indexed (Generator  *g,
                  guint       scale,
                  GError    **error)
{
  g_autoptr(GPtrArray) triggers = NULL;

  if (!_sam_database_begin (g->database, error))
    return FALSE;
  triggers = drop_search_triggers (g->database, error);
  if (triggers == NULL || !_sam_database_commit (g->database, error))
    {
      _sam_database_rollback (g->database);
      return FALSE;
    }

  if (!generate (g, scale, error) || !_sam_database_begin (g->database, error))
    return FALSE;

  if (!rebuild_search_index (g->database, triggers, error) ||
      !_sam_database_commit (g->database, error))
    {
      _sam_database_rollback (g->database);
      return FALSE;
    }

  return TRUE;
}

static gboolean
generate_cases (SamDatabase    *database,
                guint           scale,
                guint32         seed,
                SamDemoCounts  *out_counts,
                GError        **error)
{
  Generator g = { 0 };
  gboolean ok;

  /* Only while generating: a crash leaves a demo to delete, not records to
   * lose, and syncing every commit would double the time. Restored below. */
  if (!_sam_database_exec (database, "PRAGMA synchronous = NORMAL", error))
    return FALSE;

  ok = generator_init (&g, database, seed, error) && generate_indexed (&g, scale, error);
  if (out_counts != NULL)
    *out_counts = g.counts;
  generator_clear (&g);

  if (!_sam_database_exec (database, "PRAGMA synchronous = FULL", ok ? error : NULL))
    return FALSE;

  return ok;
}

static void
remove_demo_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", ".keys" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* Public API ----------------------------------------------------------------- */

/**
 * sam_demo_create:
 * @path: where to create the demo database (it must not exist)
 * @error: return location for a #GError
 *
 * Creates a demo database with its agencies and one user per role, and no
 * young persons. Each user is called by their role's id and has the
 * passphrase "ROLE-demo".
 *
 * Returns: %TRUE on success
 */
gboolean
sam_demo_create (const char  *path,
                 GError     **error)
{
  return sam_demo_create_full (path, 0, 1, NULL, error);
}

/**
 * sam_demo_create_scaled:
 * @path: where to create the demo database (it must not exist)
 * @scale: how many young persons to make up
 * @seed: the seed; the same seed and scale give the same records
 * @error: return location for a #GError
 *
 * Like sam_demo_create(), and fills it with @scale made-up young persons,
 * their guardians, concerns, cases, consents and notes.
 *
 * Returns: %TRUE on success
 */
gboolean
sam_demo_create_scaled (const char  *path,
                        guint        scale,
                        guint32      seed,
                        GError     **error)
{
  return sam_demo_create_full (path, scale, seed, NULL, error);
}

/**
 * sam_demo_create_full:
 * @path: where to create the demo database (it must not exist)
 * @scale: how many young persons to make up
 * @seed: the seed; the same seed and scale give the same records
 * @out_counts: (out) (optional): what was generated
 * @error: return location for a #GError
 *
 * Like sam_demo_create_scaled(), and says what it made. On failure, no
 * database is left behind.
 *
 * Returns: %TRUE on success
 */
gboolean
sam_demo_create_full (const char     *path,
                      guint           scale,
                      guint32         seed,
                      SamDemoCounts  *out_counts,
                      GError        **error)
{
  g_autoptr(SamSecret) admin_passphrase = demo_passphrase (SAM_ROLE_ADMIN);
  g_autoptr(SamDatabase) database = NULL;
  g_autoptr(SamSession) session = NULL;
  SamDemoCounts counts = { 0 };
  SamDatabaseCreateOptions options = {
    .admin_name = sam_role_to_string (SAM_ROLE_ADMIN),
    .admin_display_name = "Admin Demo (demo)",
    .admin_passphrase = admin_passphrase,
    .admin_agency_name = "Kommunledningsförvaltningen",
    .kdf = sam_kdf_params_minimum (),
    .demo = TRUE,
  };

  g_return_val_if_fail (path != NULL, FALSE);

  database = sam_database_create (path, &options, NULL, error);
  if (database == NULL)
    return FALSE;

  session = _sam_session_new (database, options.admin_name, 0, error);
  if (session == NULL || !populate (session, error) ||
      (scale > 0 && !generate_cases (database, scale, seed, &counts, error)))
    {
      if (session != NULL)
        sam_session_lock (session);
      sam_database_close (database);
      remove_demo_files (path);
      return FALSE;
    }

  sam_session_lock (session);
  if (out_counts != NULL)
    *out_counts = counts;
  return TRUE;
}
