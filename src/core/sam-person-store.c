/* sam-person-store.c: young persons and their guardians
 *
 * Every call asks the policy first, then runs in one transaction with its
 * audit row, so a record never exists without the row that tells who made
 * it, and a read is never shown without the row that tells who read it.
 * Audit rows carry ids and counts only, never a name or a number.
 *
 * Duplicates are the most common complaint about case systems (DESIGN §2),
 * so the store offers a search before registration and refuses a second
 * person with the same personnummer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-person-store"

#include "config.h"

#include "sam-person-store.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "sam-database-private.h"
#include "sam-store-private.h"
#include "sam-error.h"
#include "sam-personnummer.h"
#include "sam-policy.h"
#include "sam-validate.h"

#define ADDRESS_MAX_CHARS SAM_SHORT_TEXT_MAX_CHARS
#define PHONE_MAX_CHARS   40

#define PERSON_COLUMNS "p.id, p.personnummer, p.given_name, p.family_name, p.birth_date," \
                       " p.gender, p.address, p.school_id, s.name, p.area_id, r.name," \
                       " p.protected_identity, p.demo"
#define PERSON_FROM    " FROM persons p LEFT JOIN agencies s ON s.id = p.school_id" \
                       " LEFT JOIN areas r ON r.id = p.area_id"
#define GUARDIAN_COLUMNS "id, person_id, name, personnummer, phone, custody"

static const struct
{
  const char *id;
  const char *label;
} genders[SAM_N_GENDERS] = {
  [SAM_GENDER_UNKNOWN] = { "unknown", NC_("gender", "Unknown") },
  [SAM_GENDER_FEMALE] = { "female", NC_("gender", "Female") },
  [SAM_GENDER_MALE] = { "male", NC_("gender", "Male") },
  [SAM_GENDER_OTHER] = { "other", NC_("gender", "Other") },
};

/* A personnummer field: empty, or a checked number. */
typedef struct
{
  gboolean         given;
  SamPersonnummer  number;
} OptionalNumber;

/* What a search looks for, once checked. */
typedef struct
{
  OptionalNumber  personnummer;
  gboolean        by_name;
  char            birth_date[11];
} SearchKey;

/* What a registration adds to the draft, once checked. */
typedef struct
{
  OptionalNumber  personnummer;
  char            birth_date[11];
  SamGender       gender;
  const char     *address;     /* borrowed; NULL when empty */
  gboolean        demo;
} PersonFacts;

/* Helpers ------------------------------------------------------------------- */

static SamDatabase *
database_of (SamSession *session)
{
  return sam_session_get_database (session);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

static void
format_date (const GDate *date,
             char         out[11])
{
  g_snprintf (out, 11, "%04u-%02u-%02u", (guint) g_date_get_year (date),
              (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

/* Runs a query with two integer parameters and an optional text one, and
 * tells whether it returned a row. */
static gboolean
query_exists (SamSession   *session,
              const char   *sql,
              gint64        a,
              gint64        b,
              const char   *text,
              gboolean     *out_exists,
              GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = _sam_database_prepare (database_of (session), sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  if (text != NULL)
    sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Reading the register"));
      return FALSE;
    }

  *out_exists = rc == SQLITE_ROW;
  return TRUE;
}

static SamPerson *
person_from_row (sqlite3_stmt *stmt)
{
  SamPerson *person = g_new0 (SamPerson, 1);

  person->id = sqlite3_column_int64 (stmt, 0);
  person->personnummer = _sam_store_column_dup (stmt, 1);
  person->given_name = _sam_store_column_dup (stmt, 2);
  person->family_name = _sam_store_column_dup (stmt, 3);
  person->birth_date = _sam_store_column_dup (stmt, 4);
  if (!sam_gender_from_string ((const char *) sqlite3_column_text (stmt, 5), &person->gender))
    person->gender = SAM_GENDER_UNKNOWN;
  person->address = _sam_store_column_dup (stmt, 6);
  person->school_id = sqlite3_column_int64 (stmt, 7);
  person->school_name = _sam_store_column_dup (stmt, 8);
  person->area_id = sqlite3_column_int64 (stmt, 9);
  person->area_name = _sam_store_column_dup (stmt, 10);
  person->protected_identity = sqlite3_column_int (stmt, 11) != 0;
  person->demo = sqlite3_column_int (stmt, 12) != 0;

  return person;
}

static SamGuardian *
guardian_from_row (sqlite3_stmt *stmt)
{
  SamGuardian *guardian = g_new0 (SamGuardian, 1);

  guardian->id = sqlite3_column_int64 (stmt, 0);
  guardian->person_id = sqlite3_column_int64 (stmt, 1);
  guardian->name = _sam_store_column_dup (stmt, 2);
  guardian->personnummer = _sam_store_column_dup (stmt, 3);
  guardian->phone = _sam_store_column_dup (stmt, 4);
  guardian->custody = sqlite3_column_int (stmt, 5) != 0;

  return guardian;
}

static gboolean
not_found (GError **error,
           gint64   person_id)
{
  g_autofree char *id = _sam_store_id_to_string (person_id);

  g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND,
               _("Young person: there is no young person with the id %s."), id);
  return FALSE;
}

static SamPerson *
read_person (SamSession  *session,
             gint64       person_id,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT " PERSON_COLUMNS PERSON_FROM " WHERE p.id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, person_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return person_from_row (stmt);

  if (rc == SQLITE_DONE)
    not_found (error, person_id);
  else
    _sam_database_set_error (database_of (session), error, rc, _("Reading a young person"));

  return NULL;
}

static gboolean
ensure_person_exists (SamSession  *session,
                      gint64       person_id,
                      GError     **error)
{
  gboolean exists = FALSE;

  if (!query_exists (session, "SELECT 1 FROM persons WHERE id = ?1", person_id, 0, NULL,
                     &exists, error))
    return FALSE;

  return exists || not_found (error, person_id);
}

/* Access ---------------------------------------------------------------------- */

/* Whether it is worth looking at the person's cases at all. When not, the
 * policy refuses, writes the refusal, and says why (locked, one-time
 * passphrase, or a role that never sees persons). */
static gboolean
may_attempt (SamSession   *session,
             SamOperation  operation)
{
  return !sam_session_is_locked (session) &&
         !sam_session_get_must_change_passphrase (session) &&
         sam_policy_allows (sam_session_get_role (session), operation);
}

static GArray *
list_case_ids (SamSession  *session,
               gint64       person_id,
               GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT id FROM cases WHERE person_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, person_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Reading a young person’s cases"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/* A person may have several cases: the first one that lets the user in
 * decides, or else the first one at all, so that the refusal is logged
 * against a real case. */
static gint64
pick_case (SamSession    *session,
           SamOperation   operation,
           GArray        *case_ids)
{
  for (guint i = 0; i < case_ids->len; i++)
    {
      SamAccessTarget target = { .case_id = g_array_index (case_ids, gint64, i) };

      if (sam_policy_may (session, operation, &target))
        return target.case_id;
    }

  return case_ids->len > 0 ? g_array_index (case_ids, gint64, 0) : 0;
}

static gboolean
check_on_cases (SamSession    *session,
                SamOperation   operation,
                GArray        *case_ids,
                gint64        *out_case_id,
                GError       **error)
{
  SamAccessTarget target = { .case_id = pick_case (session, operation, case_ids) };

  if (!sam_policy_check_target (session, operation, &target, error))
    return FALSE;

  *out_case_id = target.case_id;
  return TRUE;
}

/* Checks @operation against the person's cases, audited, and tells which
 * case let the user in (0 when social services see the person without a
 * case). */
static gboolean
check_person_access (SamSession    *session,
                     SamOperation   operation,
                     gint64         person_id,
                     gint64        *out_case_id,
                     GError       **error)
{
  g_autoptr(GArray) case_ids = NULL;

  if (!may_attempt (session, operation))
    return sam_policy_check_target (session, operation, NULL, error);

  case_ids = list_case_ids (session, person_id, error);
  if (case_ids == NULL)
    return FALSE;

  return check_on_cases (session, operation, case_ids, out_case_id, error);
}

/* Guardians are added by social services on one of the person's cases.
 * Before there is a case, social services register them while they
 * triage, with the same right as opening a case. */
static gboolean
check_guardian_write (SamSession  *session,
                      gint64       person_id,
                      gint64      *out_case_id,
                      GError     **error)
{
  g_autoptr(GArray) case_ids = NULL;

  if (!may_attempt (session, SAM_OPERATION_CASE_MANAGE))
    return sam_policy_check (session, SAM_OPERATION_CASE_MANAGE, error);

  case_ids = list_case_ids (session, person_id, error);
  if (case_ids == NULL)
    return FALSE;

  if (case_ids->len > 0)
    return check_on_cases (session, SAM_OPERATION_CASE_MANAGE, case_ids, out_case_id, error);

  *out_case_id = 0;
  return sam_policy_check (session, SAM_OPERATION_CASE_CREATE, error);
}

/* Protected identity (DESIGN §3): address and school, and the area that
 * narrows down where they live, are for the case coordinator only. */
static gboolean
is_coordinator_of_person (SamSession  *session,
                          gint64       person_id,
                          gboolean    *out_coordinator,
                          GError     **error)
{
  return query_exists (session, "SELECT 1 FROM cases WHERE person_id = ?1 AND coordinator_id = ?2",
                       person_id, sam_session_get_user_id (session), NULL, out_coordinator, error);
}

static void
hide_protected (SamPerson *person)
{
  g_clear_pointer (&person->address, g_free);
  g_clear_pointer (&person->school_name, g_free);
  g_clear_pointer (&person->area_name, g_free);
  person->school_id = 0;
  person->area_id = 0;
  person->hidden_protected = TRUE;
}

static gboolean
protect (SamSession  *session,
         SamPerson   *person,
         GError     **error)
{
  gboolean coordinator = FALSE;

  if (!person->protected_identity)
    return TRUE;

  if (!is_coordinator_of_person (session, person->id, &coordinator, error))
    return FALSE;

  if (!coordinator)
    hide_protected (person);

  return TRUE;
}

/* Validation ------------------------------------------------------------------ */

static GDateTime *
today (void)
{
  return g_date_time_new_now_local ();
}

static gboolean
parse_optional_number (const char      *text,
                       OptionalNumber  *out,
                       GError         **error)
{
  g_autoptr(GDateTime) now = NULL;

  out->given = !is_blank (text);
  if (!out->given)
    return TRUE;

  now = today ();
  return sam_personnummer_parse (text, now, &out->number, error);
}

static gboolean
check_not_future (const char   *field,
                  const GDate  *date,
                  const char   *text,
                  GError      **error)
{
  g_autoptr(GDateTime) now = today ();
  GDate today_date;

  g_date_clear (&today_date, 1);
  g_date_set_dmy (&today_date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));

  if (g_date_compare (date, &today_date) > 0)
    return _sam_store_invalid (error, _("%s: %s is in the future."), field, text);

  return TRUE;
}

/* The birth date as typed, or the one the personnummer gives; when both are
 * there they must agree, since one of them is then mistyped. */
static gboolean
resolve_birth_date (const char            *text,
                    const OptionalNumber  *number,
                    char                   out[11],
                    GError               **error)
{
  const char *field = _("Birth date");
  char from_number[11] = "";
  GDate date;

  if (number->given)
    format_date (&number->number.birth_date, from_number);

  if (is_blank (text))
    {
      if (!number->given)
        return _sam_store_invalid (error, _("%s: this field is required when there is no personal identity "
                                 "number."),
                        field);
      memcpy (out, from_number, 11);
      return TRUE;
    }

  if (!sam_validate_date (field, text, &date, error) ||
      !check_not_future (field, &date, text, error))
    return FALSE;

  if (number->given && g_date_compare (&date, &number->number.birth_date) != 0)
    return _sam_store_invalid (error, _("%s: %s does not agree with the personal identity number, which "
                             "gives %s. Correct the one that is wrong."),
                    field, text, from_number);

  format_date (&date, out);
  return TRUE;
}

static gboolean
validate_name (const char  *field,
               const char  *text,
               GError     **error)
{
  return sam_validate_text (field, text, 1, SAM_NAME_MAX_CHARS, SAM_TEXT_SINGLE_LINE, error);
}

/* An explicit choice wins. Otherwise the legal sex of the number is the
 * best default the anonymised statistics have; the demo series carries
 * none (every demo number reads as female), so it stays unknown. */
static gboolean
resolve_gender (const char            *text,
                const OptionalNumber  *number,
                SamGender             *out,
                GError               **error)
{
  static const char * const allowed[] = { "female", "male", "other", "unknown", NULL };

  if (!is_blank (text))
    return sam_validate_choice (_("Gender"), text, allowed, error) &&
           sam_gender_from_string (text, out);

  *out = SAM_GENDER_UNKNOWN;
  if (number->given && !sam_personnummer_is_demo_series (&number->number))
    *out = number->number.legal_sex == SAM_LEGAL_SEX_MALE ? SAM_GENDER_MALE : SAM_GENDER_FEMALE;

  return TRUE;
}

static gboolean
validate_school (SamSession  *session,
                 gint64       school_id,
                 GError     **error)
{
  gboolean exists = FALSE;

  if (school_id == 0)
    return TRUE;

  if (!query_exists (session, "SELECT 1 FROM agencies WHERE id = ?1 AND kind = 'school'",
                     school_id, 0, NULL, &exists, error))
    return FALSE;

  if (!exists)
    {
      g_autofree char *id = _sam_store_id_to_string (school_id);

      return _sam_store_invalid (error, _("School: there is no school with the id %s."), id);
    }

  return TRUE;
}

static gboolean
validate_area (SamSession  *session,
               gint64       area_id,
               GError     **error)
{
  gboolean exists = FALSE;

  if (area_id == 0)
    return TRUE;

  if (!query_exists (session, "SELECT 1 FROM areas WHERE id = ?1", area_id, 0, NULL, &exists, error))
    return FALSE;

  if (!exists)
    {
      g_autofree char *id = _sam_store_id_to_string (area_id);

      return _sam_store_invalid (error, _("Area: there is no area with the id %s."), id);
    }

  return TRUE;
}

static gboolean
validate_person_draft (SamSession            *session,
                       const SamPersonDraft  *draft,
                       PersonFacts           *facts,
                       GError               **error)
{
  if (!validate_name (_("Given name"), draft->given_name, error) ||
      !validate_name (_("Family name"), draft->family_name, error) ||
      !parse_optional_number (draft->personnummer, &facts->personnummer, error) ||
      !resolve_birth_date (draft->birth_date, &facts->personnummer, facts->birth_date, error) ||
      !resolve_gender (draft->gender, &facts->personnummer, &facts->gender, error) ||
      !sam_validate_text (_("Address"), draft->address, 0, ADDRESS_MAX_CHARS,
                          SAM_TEXT_SINGLE_LINE, error) ||
      !validate_school (session, draft->school_id, error) ||
      !validate_area (session, draft->area_id, error))
    return FALSE;

  facts->address = is_blank (draft->address) ? NULL : draft->address;

  /* A demo number cannot belong to anyone real, so its person is made up,
   * even in a real database; in a demo database everyone is. */
  facts->demo = sam_session_is_demo (session) ||
                (facts->personnummer.given &&
                 sam_personnummer_is_demo_series (&facts->personnummer.number));
  return TRUE;
}

static gboolean
validate_phone (const char  *phone,
                GError     **error)
{
  const char *field = _("Phone");
  gboolean has_digit = FALSE;

  if (!sam_validate_text (field, phone, 0, PHONE_MAX_CHARS, SAM_TEXT_SINGLE_LINE, error))
    return FALSE;

  if (is_blank (phone))
    return TRUE;

  for (const char *p = phone; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p) && *p != ' ' && *p != '+' && *p != '-')
        return _sam_store_invalid (error, _("%s: use only digits, spaces, plus (+) and dashes (-)."), field);
      has_digit |= g_ascii_isdigit (*p);
    }

  if (!has_digit)
    return _sam_store_invalid (error, _("%s: write the number with its digits."), field);

  return TRUE;
}

static gboolean
validate_search (const char  *personnummer,
                 const char  *given_name,
                 const char  *family_name,
                 const char  *birth_date,
                 SearchKey   *key,
                 GError     **error)
{
  if (!parse_optional_number (personnummer, &key->personnummer, error))
    return FALSE;

  /* With a number, names are optional; without one they are the search. */
  key->by_name = !key->personnummer.given || !is_blank (given_name) || !is_blank (family_name);
  if (key->by_name &&
      (!validate_name (_("Given name"), given_name, error) ||
       !validate_name (_("Family name"), family_name, error)))
    return FALSE;

  return resolve_birth_date (birth_date, &key->personnummer, key->birth_date, error);
}

/* Duplicate search --------------------------------------------------------------- */

/* A name as a key that forgives what people get wrong when they type one:
 * case, accents (Åsa, Asa), hyphens and extra spaces. */
static char *
fold_name (const char *name)
{
  g_autofree char *decomposed = g_utf8_normalize (name, -1, G_NORMALIZE_NFKD);
  g_autoptr(GString) kept = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (kept, c);
      else if (!g_unichar_ismark (c) && kept->len > 0 && kept->str[kept->len - 1] != ' ')
        g_string_append_c (kept, ' ');
    }

  if (kept->len > 0 && kept->str[kept->len - 1] == ' ')
    g_string_truncate (kept, kept->len - 1);

  return g_utf8_casefold (kept->str, -1);
}

/* Given names match when they share one: many people have several given
 * names and go by one of them. */
static gboolean
given_names_match (const char *a,
                   const char *b)
{
  g_autofree char *folded_a = fold_name (a);
  g_autofree char *folded_b = fold_name (b);
  g_auto(GStrv) words_a = g_strsplit (folded_a, " ", -1);
  g_auto(GStrv) words_b = g_strsplit (folded_b, " ", -1);

  for (guint i = 0; words_a[i] != NULL; i++)
    {
      if (*words_a[i] != '\0' && g_strv_contains ((const char * const *) words_b, words_a[i]))
        return TRUE;
    }

  return FALSE;
}

static gboolean
family_names_match (const char *a,
                    const char *b)
{
  g_autofree char *folded_a = fold_name (a);
  g_autofree char *folded_b = fold_name (b);

  return *folded_a != '\0' && g_str_equal (folded_a, folded_b);
}

static SamPersonMatch *
match_from_row (sqlite3_stmt       *stmt,
                SamPersonMatchKind  kind)
{
  SamPersonMatch *match = g_new0 (SamPersonMatch, 1);

  match->id = sqlite3_column_int64 (stmt, 0);
  match->given_name = _sam_store_column_dup (stmt, 1);
  match->family_name = _sam_store_column_dup (stmt, 2);
  match->birth_date = _sam_store_column_dup (stmt, 3);
  match->match = kind;

  return match;
}

static gboolean
has_match (GPtrArray *matches,
           gint64     id)
{
  for (guint i = 0; i < matches->len; i++)
    {
      if (((SamPersonMatch *) g_ptr_array_index (matches, i))->id == id)
        return TRUE;
    }

  return FALSE;
}

static gboolean
find_by_personnummer (SamSession       *session,
                      const SearchKey  *key,
                      GPtrArray        *matches,
                      GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!key->personnummer.given)
    return TRUE;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT id, given_name, family_name, birth_date FROM persons"
                                " WHERE personnummer = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key->personnummer.number.normalized, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (matches, match_from_row (stmt, SAM_PERSON_MATCH_PERSONNUMMER));

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Searching young persons"));
      return FALSE;
    }

  return TRUE;
}

/* The birth date narrows the register to a handful of rows through its
 * index; the names are then compared here, where accents can be folded. */
static gboolean
find_by_name (SamSession       *session,
              const SearchKey  *key,
              const char       *given_name,
              const char       *family_name,
              GPtrArray        *matches,
              GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!key->by_name)
    return TRUE;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT id, given_name, family_name, birth_date FROM persons"
                                " WHERE birth_date = ?1 ORDER BY family_name, given_name, id",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key->birth_date, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (has_match (matches, sqlite3_column_int64 (stmt, 0)) ||
          !family_names_match (family_name, (const char *) sqlite3_column_text (stmt, 2)) ||
          !given_names_match (given_name, (const char *) sqlite3_column_text (stmt, 1)))
        continue;

      g_ptr_array_add (matches, match_from_row (stmt, SAM_PERSON_MATCH_NAME_AND_BIRTH_DATE));
    }

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Searching young persons"));
      return FALSE;
    }

  return TRUE;
}

/* Registration ---------------------------------------------------------------- */

static gboolean
already_registered (GError                **error,
                    const SamPersonnummer  *number)
{
  g_autofree char *formatted = sam_personnummer_format (number);

  g_set_error (error, SAM_STORE_ERROR, SAM_STORE_ERROR_EXISTS,
               _("Personal identity number: %s is already registered; pick the existing "
                 "person."),
               formatted);
  return FALSE;
}

static gboolean
ensure_number_free (SamSession          *session,
                    const PersonFacts   *facts,
                    GError             **error)
{
  gboolean exists = FALSE;

  if (!facts->personnummer.given)
    return TRUE;

  if (!query_exists (session, "SELECT 1 FROM persons WHERE personnummer = ?3", 0, 0,
                     facts->personnummer.number.normalized, &exists, error))
    return FALSE;

  return !exists || already_registered (error, &facts->personnummer.number);
}

static void
bind_optional_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_optional_id (sqlite3_stmt *stmt,
                  int           index,
                  gint64        id)
{
  if (id != 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
insert_person (SamSession            *session,
               const SamPersonDraft  *draft,
               const PersonFacts     *facts,
               gint64                *out_id,
               GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *created_at = _sam_store_now_utc ();
  int rc;

  stmt = _sam_database_prepare (database_of (session),
                                "INSERT INTO persons (personnummer, given_name, family_name,"
                                " birth_date, gender, address, school_id, area_id,"
                                " protected_identity, demo, created_at, created_by)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                                error);
  if (stmt == NULL)
    return FALSE;

  bind_optional_text (stmt, 1, facts->personnummer.given ? facts->personnummer.number.normalized
                                                         : NULL);
  sqlite3_bind_text (stmt, 2, draft->given_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, draft->family_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, facts->birth_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, sam_gender_to_string (facts->gender), -1, SQLITE_STATIC);
  bind_optional_text (stmt, 6, facts->address);
  bind_optional_id (stmt, 7, draft->school_id);
  bind_optional_id (stmt, 8, draft->area_id);
  sqlite3_bind_int (stmt, 9, draft->protected_identity ? 1 : 0);
  sqlite3_bind_int (stmt, 10, facts->demo ? 1 : 0);
  sqlite3_bind_text (stmt, 11, created_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 12, sam_session_get_user_id (session));

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    return already_registered (error, &facts->personnummer.number);
  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Registering a young person"));
      return FALSE;
    }

  *out_id = sqlite3_last_insert_rowid (_sam_database_get_handle (database_of (session)));
  return TRUE;
}

/* Guardians --------------------------------------------------------------------- */

static gboolean
validate_guardian_number (SamSession            *session,
                          gint64                 person_id,
                          const OptionalNumber  *number,
                          GError               **error)
{
  gboolean is_own = FALSE;
  gboolean is_known = FALSE;

  if (!number->given)
    return TRUE;

  if (!query_exists (session, "SELECT 1 FROM persons WHERE id = ?1 AND personnummer = ?3",
                     person_id, 0, number->number.normalized, &is_own, error) ||
      !query_exists (session, "SELECT 1 FROM guardians WHERE person_id = ?1 AND personnummer = ?3",
                     person_id, 0, number->number.normalized, &is_known, error))
    return FALSE;

  if (is_own)
    return _sam_store_invalid (error, _("Personal identity number: this is the young person’s own number, "
                             "not a guardian’s."));

  if (is_known)
    {
      g_set_error_literal (error, SAM_STORE_ERROR, SAM_STORE_ERROR_EXISTS,
                           _("Personal identity number: this guardian is already registered for "
                             "the young person."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
insert_guardian (SamSession              *session,
                 gint64                   person_id,
                 const SamGuardianDraft  *draft,
                 const OptionalNumber    *number,
                 gint64                  *out_id,
                 GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _sam_database_prepare (database_of (session),
                                "INSERT INTO guardians (person_id, name, personnummer, phone, custody)"
                                " VALUES (?1, ?2, ?3, ?4, ?5)",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_text (stmt, 2, draft->name, -1, SQLITE_TRANSIENT);
  bind_optional_text (stmt, 3, number->given ? number->number.normalized : NULL);
  bind_optional_text (stmt, 4, is_blank (draft->phone) ? NULL : draft->phone);
  sqlite3_bind_int (stmt, 5, draft->custody ? 1 : 0);

  if (!_sam_store_step_done (session, stmt, _("Registering a guardian"), error))
    return FALSE;

  *out_id = sqlite3_last_insert_rowid (_sam_database_get_handle (database_of (session)));
  return TRUE;
}

static GPtrArray *
read_guardians (SamSession  *session,
                gint64       person_id,
                gint64       guardian_id,
                GError     **error)
{
  g_autoptr(GPtrArray) guardians = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_guardian_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _sam_database_prepare (database_of (session),
                                "SELECT " GUARDIAN_COLUMNS " FROM guardians"
                                " WHERE person_id = ?1 AND (?2 = 0 OR id = ?2) ORDER BY id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_int64 (stmt, 2, guardian_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (guardians, guardian_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _sam_database_set_error (database_of (session), error, rc, _("Reading guardians"));
      return NULL;
    }

  return g_steal_pointer (&guardians);
}

/* Public API ------------------------------------------------------------------- */

/**
 * sam_gender_to_string:
 * @gender: a gender
 *
 * Returns: its id, as stored: "female", "male", "other" or "unknown"
 */
const char *
sam_gender_to_string (SamGender gender)
{
  g_return_val_if_fail (gender < SAM_N_GENDERS, NULL);

  return genders[gender].id;
}

/**
 * sam_gender_from_string:
 * @string: (nullable): a gender's id
 * @out_gender: (out): the gender
 *
 * Returns: %TRUE when @string is a gender's id
 */
gboolean
sam_gender_from_string (const char *string,
                        SamGender  *out_gender)
{
  g_return_val_if_fail (out_gender != NULL, FALSE);

  for (guint i = 0; i < SAM_N_GENDERS; i++)
    {
      if (g_strcmp0 (genders[i].id, string) == 0)
        {
          *out_gender = (SamGender) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * sam_gender_get_label:
 * @gender: a gender
 *
 * Returns: its name in the user's language
 */
const char *
sam_gender_get_label (SamGender gender)
{
  g_return_val_if_fail (gender < SAM_N_GENDERS, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, "gender", genders[gender].label);
}

void
sam_person_free (SamPerson *person)
{
  if (person == NULL)
    return;

  g_free (person->personnummer);
  g_free (person->given_name);
  g_free (person->family_name);
  g_free (person->birth_date);
  g_free (person->address);
  g_free (person->school_name);
  g_free (person->area_name);
  g_free (person);
}

void
sam_person_match_free (SamPersonMatch *match)
{
  if (match == NULL)
    return;

  g_free (match->given_name);
  g_free (match->family_name);
  g_free (match->birth_date);
  g_free (match);
}

void
sam_guardian_free (SamGuardian *guardian)
{
  if (guardian == NULL)
    return;

  g_free (guardian->name);
  g_free (guardian->personnummer);
  g_free (guardian->phone);
  g_free (guardian);
}

/**
 * sam_person_store_find_duplicates:
 * @session: the signed-in user
 * @personnummer: (nullable): a personnummer or samordningsnummer as typed
 * @given_name: (nullable): given names; required without @personnummer
 * @family_name: (nullable): family name; required without @personnummer
 * @birth_date: (nullable): `YYYY-MM-DD`; required without @personnummer,
 *   and must agree with it when both are given
 * @error: return location for a #GError
 *
 * Looks for young persons already registered, to run before registering
 * one: the same personnummer, or the same birth date and family name with
 * a given name in common, ignoring case, accents and hyphens. Writes one
 * audit row with the number of matches and nothing of what was searched.
 *
 * Returns: (transfer full) (element-type SamPersonMatch): the matches,
 *   those by personnummer first; empty when there are none, %NULL on error
 */
GPtrArray *
sam_person_store_find_duplicates (SamSession  *session,
                                  const char  *personnummer,
                                  const char  *given_name,
                                  const char  *family_name,
                                  const char  *birth_date,
                                  GError     **error)
{
  g_autoptr(GPtrArray) matches = NULL;
  g_autofree char *reason = NULL;
  SamDatabase *database;
  SearchKey key = { 0 };

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);

  if (!sam_policy_check (session, SAM_OPERATION_PERSON_FIND, error) ||
      !validate_search (personnummer, given_name, family_name, birth_date, &key, error))
    return NULL;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  matches = g_ptr_array_new_with_free_func ((GDestroyNotify) sam_person_match_free);
  if (!find_by_personnummer (session, &key, matches, error) ||
      !find_by_name (session, &key, given_name, family_name, matches, error))
    goto failed;

  reason = g_strdup_printf ("count:%u", matches->len);
  if (!_sam_store_audit (session, SAM_AUDIT_SEARCH, "person", 0, 0, 0, reason, error) ||
      !_sam_database_commit (database, error))
    goto failed;

  return g_steal_pointer (&matches);

failed:
  _sam_database_rollback (database);
  return NULL;
}

/**
 * sam_person_store_create:
 * @session: the signed-in user
 * @draft: the young person as entered
 * @error: return location for a #GError
 *
 * Registers a young person. Search with
 * sam_person_store_find_duplicates() first: a personnummer that is already
 * registered is refused with %SAM_STORE_ERROR_EXISTS. Bad input is refused
 * with %SAM_STORE_ERROR_INVALID and a message that starts with the field.
 *
 * Returns: (transfer full): the person as registered, or %NULL
 */
SamPerson *
sam_person_store_create (SamSession            *session,
                         const SamPersonDraft  *draft,
                         GError               **error)
{
  g_autoptr(SamPerson) person = NULL;
  PersonFacts facts = { 0 };
  SamDatabase *database;
  gint64 id = 0;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  if (!sam_policy_check (session, SAM_OPERATION_PERSON_CREATE, error) ||
      !validate_person_draft (session, draft, &facts, error))
    return NULL;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  if (!ensure_number_free (session, &facts, error) ||
      !insert_person (session, draft, &facts, &id, error) ||
      !_sam_store_audit (session, SAM_AUDIT_CREATE, "person", id, id, 0, NULL, error) ||
      (person = read_person (session, id, error)) == NULL ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return g_steal_pointer (&person);
}

/**
 * sam_person_store_get:
 * @session: the signed-in user
 * @person_id: the young person
 * @error: return location for a #GError
 *
 * Opens a young person's record. Social services may open any; others only
 * a person on one of whose cases they work. For a person with a protected
 * identity, address, school and area are withheld from everyone but the
 * coordinator of one of the person's cases, and @hidden_protected says so.
 *
 * Returns: (transfer full): the person, or %NULL
 */
SamPerson *
sam_person_store_get (SamSession  *session,
                      gint64       person_id,
                      GError     **error)
{
  g_autoptr(SamPerson) person = NULL;
  SamDatabase *database;
  gint64 case_id = 0;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);

  if (!check_person_access (session, SAM_OPERATION_PERSON_VIEW, person_id, &case_id, error))
    return NULL;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  person = read_person (session, person_id, error);
  if (person == NULL ||
      !protect (session, person, error) ||
      !_sam_store_audit (session, SAM_AUDIT_VIEW, "person", person_id, person_id, case_id, NULL, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return g_steal_pointer (&person);
}

/**
 * sam_person_store_add_guardian:
 * @session: the signed-in user
 * @person_id: the young person
 * @draft: the guardian as entered
 * @error: return location for a #GError
 *
 * Registers a guardian of a young person. Allowed to social services on
 * one of the person's cases, or to any social services user while the
 * person has no case yet.
 *
 * Returns: (transfer full): the guardian, or %NULL
 */
SamGuardian *
sam_person_store_add_guardian (SamSession              *session,
                               gint64                   person_id,
                               const SamGuardianDraft  *draft,
                               GError                 **error)
{
  g_autoptr(GPtrArray) added = NULL;
  OptionalNumber number = { 0 };
  SamDatabase *database;
  gint64 case_id = 0;
  gint64 id = 0;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  if (!check_guardian_write (session, person_id, &case_id, error) ||
      !validate_name (_("Name"), draft->name, error) ||
      !parse_optional_number (draft->personnummer, &number, error) ||
      !validate_phone (draft->phone, error))
    return NULL;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  if (!ensure_person_exists (session, person_id, error) ||
      !validate_guardian_number (session, person_id, &number, error) ||
      !insert_guardian (session, person_id, draft, &number, &id, error) ||
      !_sam_store_audit (session, SAM_AUDIT_CREATE, "guardian", id, person_id, case_id, NULL, error) ||
      (added = read_guardians (session, person_id, id, error)) == NULL ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  g_assert (added->len == 1);
  return g_ptr_array_steal_index (added, 0);
}

/**
 * sam_person_store_list_guardians:
 * @session: the signed-in user
 * @person_id: the young person
 * @error: return location for a #GError
 *
 * Lists a young person's guardians, to whoever may open the person.
 *
 * Returns: (transfer full) (element-type SamGuardian): the guardians in the
 *   order they were registered, or %NULL on error
 */
GPtrArray *
sam_person_store_list_guardians (SamSession  *session,
                                 gint64       person_id,
                                 GError     **error)
{
  g_autoptr(GPtrArray) guardians = NULL;
  SamDatabase *database;
  gint64 case_id = 0;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);

  if (!check_person_access (session, SAM_OPERATION_PERSON_VIEW, person_id, &case_id, error))
    return NULL;

  database = database_of (session);
  if (!_sam_database_begin (database, error))
    return NULL;

  if (!ensure_person_exists (session, person_id, error) ||
      (guardians = read_guardians (session, person_id, 0, error)) == NULL ||
      !_sam_store_audit (session, SAM_AUDIT_VIEW, "guardian", 0, person_id, case_id, NULL, error) ||
      !_sam_database_commit (database, error))
    {
      _sam_database_rollback (database);
      return NULL;
    }

  return g_steal_pointer (&guardians);
}
