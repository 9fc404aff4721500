/* sam-catalogue.c: the seeded catalogues of the SSPF case flow
 *
 * The table below is the single source of truth. At every open,
 * _sam_catalogue_sync() makes the database's `catalogue` table equal to it,
 * so that SQL can join on labels (exports, summaries) and a database keeps
 * the Swedish labels it was written with.
 *
 * The vocabulary follows the municipal crime-prevention programme (target
 * areas, long-term efforts, prevention levels) and the risk and protective
 * factor tables of Socialstyrelsen and Brå. Codes are stable: records store
 * them. Never give a code a new meaning; retire it and add another.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-catalogue"

#include "config.h"

#include "sam-catalogue.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sam-catalogue-private.h"
#include "sam-database-private.h"
#include "sam-error.h"

#define META_KEY "catalogue_version"

#define CONCERN(code, en, sv, sort)    { SAM_CATALOGUE_KIND_CONCERN_CATEGORY, code, en, sv, SAM_EVIDENCE_LEVEL_NONE, sort }
#define RISK(code, en, sv, sort)       { SAM_CATALOGUE_KIND_RISK_FACTOR, code, en, sv, SAM_EVIDENCE_LEVEL_NONE, sort }
#define PROTECTIVE(code, en, sv, sort) { SAM_CATALOGUE_KIND_PROTECTIVE_FACTOR, code, en, sv, SAM_EVIDENCE_LEVEL_NONE, sort }
#define INTERVENTION(code, en, sv, level, sort) \
  { SAM_CATALOGUE_KIND_INTERVENTION, code, en, sv, SAM_EVIDENCE_LEVEL_##level, sort }
#define TARGET_AREA(code, en, sv, sort) { SAM_CATALOGUE_KIND_TARGET_AREA, code, en, sv, SAM_EVIDENCE_LEVEL_NONE, sort }
#define EFFORT(code, en, sv, sort)     { SAM_CATALOGUE_KIND_LONG_TERM_EFFORT, code, en, sv, SAM_EVIDENCE_LEVEL_NONE, sort }
#define LEVEL(code, en, sv, sort)      { SAM_CATALOGUE_KIND_PREVENTION_LEVEL, code, en, sv, SAM_EVIDENCE_LEVEL_NONE, sort }
#define CLOSING(code, en, sv, sort)    { SAM_CATALOGUE_KIND_CLOSING_REASON, code, en, sv, SAM_EVIDENCE_LEVEL_NONE, sort }

/* Grouped by kind in enum order, and sorted within a kind: the lists are
 * slices of this array (test-catalogue checks it). */
static const SamCatalogueEntry catalogue[] = {
  /* What a reporter has seen. Several may apply to one concern. */
  CONCERN ("school_absence", N_("School absence"), "Skolfrånvaro", 10),
  CONCERN ("violence", N_("Violence"), "Våld", 20),
  CONCERN ("threats", N_("Threats or harassment"), "Hot eller trakasserier", 30),
  CONCERN ("theft", N_("Theft or shoplifting"), "Stöld eller snatteri", 40),
  CONCERN ("vandalism", N_("Vandalism"), "Skadegörelse", 50),
  CONCERN ("drugs_alcohol", N_("Drugs or alcohol"), "Narkotika eller alkohol", 60),
  CONCERN ("drug_dealing", N_("Selling or handling drugs"),
           "Försäljning eller hantering av narkotika", 70),
  CONCERN ("weapons", N_("Weapons"), "Vapen", 80),
  CONCERN ("criminal_network", N_("Crime in a group or contact with a criminal network"),
           "Brott i grupp eller kontakt med kriminellt nätverk", 90),
  CONCERN ("radicalisation", N_("Radicalisation or violent extremism"),
           "Radikalisering eller våldsbejakande extremism", 100),
  CONCERN ("honour_related", N_("Honour-related violence and oppression"),
           "Hedersrelaterat våld och förtryck", 110),
  CONCERN ("close_relationship_violence", N_("Violence in close relationships, suffered or witnessed"),
           "Våld i nära relationer, som utsatt eller vittne", 120),
  CONCERN ("worried_parent", N_("Worried parent or guardian"),
           "Oro från förälder eller vårdnadshavare", 130),
  CONCERN ("running_away", N_("Running away from home"), "Rymning från hemmet", 140),
  CONCERN ("online_exploitation", N_("Online exploitation or grooming"),
           "Utnyttjande eller grooming på nätet", 150),
  CONCERN ("sexual_exploitation", N_("Sexual exploitation"), "Sexuell exploatering", 160),
  CONCERN ("victim_of_crime", N_("Victim of crime"), "Utsatt för brott", 170),
  CONCERN ("public_disorder", N_("Disorder in public places"),
           "Ordningsstörning på allmän plats", 180),
  CONCERN ("mental_ill_health", N_("Mental ill-health or self-harm"),
           "Psykisk ohälsa eller självskadebeteende", 190),
  CONCERN ("other", N_("Other concern"), "Annan oro", 1000),

  /* Risk factors, after the tables of Socialstyrelsen and Brå: the
   * individual first, then family, school, peers and neighbourhood. The
   * masculinity norms come from the programme's first long-term effort. */
  RISK ("early_onset", N_("Early onset of norm-breaking behaviour"),
        "Tidig debut av normbrytande beteende", 10),
  RISK ("aggressive_behaviour", N_("Violence or aggressive behaviour"),
        "Våld eller aggressivt beteende", 20),
  RISK ("impulsivity", N_("Impulsivity or attention difficulties"),
        "Impulsivitet eller koncentrationssvårigheter", 30),
  RISK ("pro_criminal_attitudes", N_("Attitudes that favour crime"),
        "Attityder som är positiva till brott", 40),
  RISK ("destructive_masculinity_norms",
        N_("Destructive masculinity norms or attitudes that support violence"),
        "Destruktiva maskulinitetsnormer eller våldsbejakande attityder", 50),
  RISK ("substance_use", N_("Alcohol or drug use"), "Alkohol- eller narkotikabruk", 60),
  RISK ("mental_ill_health", N_("Mental ill-health"), "Psykisk ohälsa", 70),
  RISK ("family_conflict", N_("Family conflict"), "Konflikter i familjen", 80),
  RISK ("weak_parental_supervision", N_("Weak parental supervision"),
        "Bristande tillsyn från föräldrar", 90),
  RISK ("harsh_inconsistent_parenting", N_("Harsh or inconsistent parenting"),
        "Hårda eller inkonsekventa uppfostringsmetoder", 100),
  RISK ("parental_crime_or_abuse", N_("Parent with criminality or substance abuse"),
        "Förälder med kriminalitet eller missbruk", 110),
  RISK ("exposed_to_violence", N_("Exposed to violence or abuse"),
        "Utsatt för våld eller övergrepp", 120),
  RISK ("school_absence", N_("School absence"), "Skolfrånvaro", 130),
  RISK ("low_school_achievement", N_("Low school achievement"), "Svaga skolresultat", 140),
  RISK ("weak_school_attachment", N_("Weak attachment to school"),
        "Svag anknytning till skolan", 150),
  RISK ("criminal_peers", N_("Criminal peers"), "Kriminella kamrater", 160),
  RISK ("unstructured_leisure", N_("Unstructured leisure time without adults"),
        "Ostrukturerad fritid utan vuxna", 170),
  RISK ("neighbourhood_crime", N_("Neighbourhood with much crime"),
        "Närmiljö med hög brottslighet", 180),

  /* Protective factors, in the same order as the risk factors they offset. */
  PROTECTIVE ("self_control", N_("Good impulse control"), "God impulskontroll", 10),
  PROTECTIVE ("social_skills", N_("Social skills and problem solving"),
              "Social kompetens och problemlösningsförmåga", 20),
  PROTECTIVE ("rejects_violence", N_("Attitudes that reject crime and violence"),
              "Attityder som tar avstånd från brott och våld", 30),
  PROTECTIVE ("parental_support", N_("Parental support and warmth"),
              "Stöd och värme från föräldrar", 40),
  PROTECTIVE ("parental_involvement", N_("Parental supervision and involvement"),
              "Tillsyn och engagemang från föräldrar", 50),
  PROTECTIVE ("trusted_adult", N_("A trusted adult"),
              "Förtroendefull relation till en vuxen", 60),
  PROTECTIVE ("school_engagement", N_("Engagement in school"),
              "Engagemang och trivsel i skolan", 70),
  PROTECTIVE ("school_achievement", N_("Good school achievement"), "Goda skolresultat", 80),
  PROTECTIVE ("prosocial_peers", N_("Pro-social peers"), "Prosociala kamrater", 90),
  PROTECTIVE ("positive_leisure", N_("Positive, structured leisure activity"),
              "Meningsfull och strukturerad fritidsaktivitet", 100),
  PROTECTIVE ("future_plans", N_("Plans for work or further studies"),
              "Planer för arbete eller fortsatta studier", 110),

  /* Interventions. The levels are deliberately cautious; see
   * SamEvidenceLevel. MST and FFT have many controlled trials and reviews
   * behind them, though the Swedish MST trial (Sundell et al., 2008) found
   * no advantage over usual services. Parenting programmes are established
   * for younger children with conduct problems, less so for teenagers,
   * who are SSPF's group. Mentoring and structured leisure show modest,
   * mixed effects. The rest are common practice or required by law, but
   * not evaluated for this purpose; ART was found without effect in
   * Swedish reviews. */
  INTERVENTION ("mst", N_("Multisystemic therapy (MST)"), "Multisystemisk terapi (MST)",
                ESTABLISHED, 10),
  INTERVENTION ("fft", N_("Functional family therapy (FFT)"), "Funktionell familjeterapi (FFT)",
                ESTABLISHED, 20),
  INTERVENTION ("parenting_programme", N_("Parenting support programme (e.g. ABC, Komet)"),
                "Föräldrastödsprogram (t.ex. ABC, Komet)", PROMISING, 30),
  INTERVENTION ("mentor", N_("Mentor"), "Mentor", PROMISING, 40),
  INTERVENTION ("structured_leisure", N_("Structured leisure activity"),
                "Strukturerad fritidsaktivitet", PROMISING, 50),
  INTERVENTION ("substance_use_counselling",
                N_("Counselling for alcohol or drug use (e.g. MI, A-CRA)"),
                "Samtalsstöd vid alkohol- eller narkotikabruk (t.ex. MI, A-CRA)", PROMISING, 60),
  INTERVENTION ("contact_person", N_("Contact person"), "Kontaktperson", UNCERTAIN, 70),
  INTERVENTION ("school_adjustment", N_("School adjustments and special support"),
                "Anpassningar och särskilt stöd i skolan", UNCERTAIN, 80),
  INTERVENTION ("worried_parent_conversation", N_("Worried-parent conversation"),
                "Orossamtal med vårdnadshavare (föräldrasamtal)", UNCERTAIN, 90),
  INTERVENTION ("sspf_individual_plan", N_("SSPF individual plan"),
                "Individuell plan inom SSPF", UNCERTAIN, 100),
  INTERVENTION ("youth_outpatient_care", N_("Social services’ outpatient care for young people"),
                "Socialtjänstens öppenvård för ungdomar", UNCERTAIN, 110),
  INTERVENTION ("youth_service", N_("Youth service (ungdomstjänst)"), "Ungdomstjänst",
                UNCERTAIN, 120),
  INTERVENTION ("aggression_replacement_training", N_("Aggression Replacement Training (ART)"),
                "Aggression Replacement Training (ART)", UNCERTAIN, 130),
  INTERVENTION ("exit_support", N_("Support to leave a criminal environment"),
                "Stöd för att lämna en kriminell miljö (avhopparverksamhet)", UNCERTAIN, 140),
  INTERVENTION ("other", N_("Other intervention"), "Annan insats", UNCERTAIN, 1000),

  /* The programme's target areas (målområden), in its order. */
  TARGET_AREA ("organised_crime_extremism", N_("Organised crime and violent extremism"),
               "Organiserad brottslighet och våldsbejakande extremism", 10),
  TARGET_AREA ("close_relations_honour_violence",
               N_("Violence in close relationships and honour-related violence and oppression"),
               "Våld i nära relationer och hedersrelaterat våld och förtryck", 20),
  TARGET_AREA ("public_places", N_("Public places"), "Allmänna platser", 30),

  /* The programme's prioritised long-term efforts (långsiktiga insatser). */
  EFFORT ("destructive_masculinity_norms", N_("Preventing destructive masculinity norms and violence"),
          "Förebygga destruktiva maskulinitetsnormer och våldsutövande", 10),
  EFFORT ("unfavourable_development",
          N_("Preventing unfavourable development in children and young people"),
          "Förebygga ogynnsam utveckling hos barn och ungdomar", 20),
  EFFORT ("parallel_societal_structures", N_("Preventing parallel societal structures"),
          "Förebygga framväxt av parallella samhällsstrukturer", 30),

  /* The programme names universal prevention too, but it reaches everyone
   * and is not a case: Samverka holds individual young people, whose cases
   * are selective or indicated (the `cases` table refuses anything else). */
  LEVEL ("selective", N_("Selective prevention"), "Selektiv prevention", 10),
  LEVEL ("indicated", N_("Indicated prevention"), "Indikerad prevention", 20),

  /* Exactly the values the `cases.closing_reason` CHECK allows. */
  CLOSING ("goals_met", N_("Goals met"), "Målen är uppnådda", 10),
  CLOSING ("consent_declined", N_("Consent not given"), "Samtycke lämnades inte", 20),
  CLOSING ("consent_withdrawn", N_("Consent withdrawn"), "Samtycket återkallades", 30),
  CLOSING ("moved", N_("Moved from the municipality"), "Flyttat från kommunen", 40),
  CLOSING ("transferred", N_("Handed over to another service"),
           "Överlämnat till annan verksamhet", 50),
  CLOSING ("aged_out", N_("Older than the target group"), "Över målgruppens åldersgräns", 60),
  CLOSING ("other", N_("Other reason"), "Annat skäl", 1000),
};

static const struct
{
  const char *id;
  const char *label;
} kinds[SAM_N_CATALOGUE_KINDS] = {
  [SAM_CATALOGUE_KIND_CONCERN_CATEGORY] = { "concern_category", N_("Concern category") },
  [SAM_CATALOGUE_KIND_RISK_FACTOR] = { "risk_factor", N_("Risk factor") },
  [SAM_CATALOGUE_KIND_PROTECTIVE_FACTOR] = { "protective_factor", N_("Protective factor") },
  [SAM_CATALOGUE_KIND_INTERVENTION] = { "intervention", N_("Intervention") },
  [SAM_CATALOGUE_KIND_TARGET_AREA] = { "target_area", N_("Target area") },
  [SAM_CATALOGUE_KIND_LONG_TERM_EFFORT] = { "long_term_effort", N_("Long-term effort") },
  [SAM_CATALOGUE_KIND_PREVENTION_LEVEL] = { "prevention_level", N_("Prevention level") },
  [SAM_CATALOGUE_KIND_CLOSING_REASON] = { "closing_reason", N_("Closing reason") },
};

static const struct
{
  const char *id;
  const char *label;
} evidence_levels[SAM_N_EVIDENCE_LEVELS] = {
  [SAM_EVIDENCE_LEVEL_NONE] = { NULL, NULL },
  [SAM_EVIDENCE_LEVEL_ESTABLISHED] = { "established", N_("Established") },
  [SAM_EVIDENCE_LEVEL_PROMISING] = { "promising", N_("Promising") },
  [SAM_EVIDENCE_LEVEL_UNCERTAIN] = { "uncertain", N_("Uncertain") },
};

/* Helpers ------------------------------------------------------------------- */

static gboolean
messages_are_swedish (void)
{
  const char * const *languages = g_get_language_names_with_category ("LC_MESSAGES");
  const char *first = languages[0];

  return first != NULL && g_str_has_prefix (first, "sv") &&
         (first[2] == '\0' || first[2] == '_' || first[2] == '.' || first[2] == '@');
}

/* Every field with its length, so that no two different tables hash
 * alike. */
static void
put_field (GChecksum  *checksum,
           const char *text)
{
  char length[24];

  text = text != NULL ? text : "";
  g_snprintf (length, sizeof length, "%zu:", strlen (text));
  g_checksum_update (checksum, (const guchar *) length, -1);
  g_checksum_update (checksum, (const guchar *) text, -1);
}

/* The same error codes the rest of the open path gives, so that damage to
 * the meta or catalogue pages reads as damage, not as a failed update. */
static SamDatabaseError
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return SAM_DATABASE_ERROR_CORRUPT;

    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return SAM_DATABASE_ERROR_IO;

    default:
      return SAM_DATABASE_ERROR_FAILED;
    }
}

static gboolean
failed (GError     **error,
        sqlite3     *db,
        const char  *what)
{
  SamDatabaseError code = error_code_for (sqlite3_extended_errcode (db));

  if (code == SAM_DATABASE_ERROR_CORRUPT)
    g_set_error (error, SAM_DATABASE_ERROR, code,
                 _("it is damaged: its catalogues cannot be read (%s: %s). Restore it from a "
                   "backup with “samverka-cli restore”."),
                 what, sqlite3_errmsg (db));
  else
    g_set_error (error, SAM_DATABASE_ERROR, code,
                 _("Updating the catalogues failed: %s: %s"), what, sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return failed (error, db, sql);

  return TRUE;
}

static gboolean
read_stored_version (sqlite3  *db,
                     char    **out_version,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = '" META_KEY "'", -1,
                          &stmt, NULL) != SQLITE_OK)
    return failed (error, db, META_KEY);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return failed (error, db, META_KEY);

  *out_version = rc == SQLITE_ROW ? g_strdup ((const char *) sqlite3_column_text (stmt, 0)) : NULL;
  return TRUE;
}

static gboolean
is_current (sqlite3     *db,
            const char  *version,
            gboolean    *out_current,
            GError     **error)
{
  g_autofree char *stored = NULL;

  if (!read_stored_version (db, &stored, error))
    return FALSE;

  *out_current = g_strcmp0 (stored, version) == 0;
  return TRUE;
}

static gboolean
upsert_entries (sqlite3                  *db,
                const SamCatalogueEntry  *entries,
                guint                     n_entries,
                GError                  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          "INSERT OR REPLACE INTO catalogue"
                          " (kind, code, label_en, label_sv, evidence_level, sort)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return failed (error, db, "catalogue");

  for (guint i = 0; i < n_entries; i++)
    {
      const SamCatalogueEntry *entry = &entries[i];

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, sam_catalogue_kind_to_string (entry->kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, entry->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, entry->label_en, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, entry->label_sv, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, sam_evidence_level_to_string (entry->evidence_level), -1,
                         SQLITE_STATIC);
      sqlite3_bind_int (stmt, 6, (int) entry->sort);

      if (sqlite3_step (stmt) != SQLITE_DONE)
        return failed (error, db, entry->code);
    }

  return TRUE;
}

static gboolean
contains (const SamCatalogueEntry *entries,
          guint                    n_entries,
          const char              *kind,
          const char              *code)
{
  for (guint i = 0; i < n_entries; i++)
    {
      if (g_strcmp0 (sam_catalogue_kind_to_string (entries[i].kind), kind) == 0 &&
          g_strcmp0 (entries[i].code, code) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Rows whose code left the table go. Records that still hold such a code
 * keep it; they just lose its label, which is why codes are retired only
 * with care (see the top of this file). */
static gboolean
delete_retired (sqlite3                  *db,
                const SamCatalogueEntry  *entries,
                guint                     n_entries,
                GError                  **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) delete = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT kind, code FROM catalogue", -1, &select, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "DELETE FROM catalogue WHERE kind = ?1 AND code = ?2", -1,
                          &delete, NULL) != SQLITE_OK)
    return failed (error, db, "catalogue");

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (select, 0);
      const char *code = (const char *) sqlite3_column_text (select, 1);

      if (contains (entries, n_entries, kind, code))
        continue;

      sqlite3_reset (delete);
      sqlite3_bind_text (delete, 1, kind, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (delete, 2, code, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (delete) != SQLITE_DONE)
        return failed (error, db, code);
    }

  if (rc != SQLITE_DONE)
    return failed (error, db, "catalogue");

  return TRUE;
}

static gboolean
store_version (sqlite3     *db,
               const char  *version,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('" META_KEY "', ?1)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return failed (error, db, META_KEY);

  sqlite3_bind_text (stmt, 1, version, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return failed (error, db, META_KEY);

  return TRUE;
}

static gboolean
rewrite (sqlite3                  *db,
         const SamCatalogueEntry  *entries,
         guint                     n_entries,
         const char               *version,
         GError                  **error)
{
  return upsert_entries (db, entries, n_entries, error) &&
         delete_retired (db, entries, n_entries, error) &&
         store_version (db, version, error);
}

/* Internal API --------------------------------------------------------------- */

/**
 * _sam_catalogue_compute_version:
 * @entries: a catalogue table
 * @n_entries: its length
 *
 * The version is a digest of the whole table, so any edit to it (a label,
 * a sort order) reaches existing databases without anyone having to
 * remember to bump a number.
 *
 * Returns: (transfer full): the SHA-256 of the table, in hex
 */
char *
_sam_catalogue_compute_version (const SamCatalogueEntry *entries,
                                guint                    n_entries)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < n_entries; i++)
    {
      g_autofree char *sort = g_strdup_printf ("%u", entries[i].sort);

      put_field (checksum, sam_catalogue_kind_to_string (entries[i].kind));
      put_field (checksum, entries[i].code);
      put_field (checksum, entries[i].label_en);
      put_field (checksum, entries[i].label_sv);
      put_field (checksum, sam_evidence_level_to_string (entries[i].evidence_level));
      put_field (checksum, sort);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

/**
 * _sam_catalogue_get_version:
 *
 * Returns: the version of the compiled table
 */
const char *
_sam_catalogue_get_version (void)
{
  static char *version = NULL;

  if (g_once_init_enter (&version))
    g_once_init_leave (&version, _sam_catalogue_compute_version (catalogue,
                                                                 G_N_ELEMENTS (catalogue)));

  return version;
}

/**
 * _sam_catalogue_sync_entries:
 * @db: an open, keyed, migrated connection outside any transaction
 * @entries: the table the database should hold
 * @n_entries: its length
 * @error: return location for a #GError
 *
 * Makes the `catalogue` table equal to @entries, in one transaction,
 * unless `meta.catalogue_version` says it already is. The check runs once
 * without the write lock, so that an ordinary open never waits for it.
 *
 * Returns: %TRUE on success
 */
gboolean
_sam_catalogue_sync_entries (sqlite3                  *db,
                             const SamCatalogueEntry  *entries,
                             guint                     n_entries,
                             GError                  **error)
{
  g_autofree char *version = _sam_catalogue_compute_version (entries, n_entries);
  gboolean current = FALSE;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (entries != NULL || n_entries == 0, FALSE);

  if (!is_current (db, version, &current, error))
    return FALSE;
  if (current)
    return TRUE;

  if (!exec_sql (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Another process may have synced while we waited for the lock. */
  if (!is_current (db, version, &current, error) ||
      (!current && !rewrite (db, entries, n_entries, version, error)) ||
      !exec_sql (db, "COMMIT", error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

/**
 * _sam_catalogue_sync:
 * @db: an open, keyed, migrated connection outside any transaction
 * @error: return location for a #GError
 *
 * Brings the database's catalogues up to the compiled table. Runs at every
 * open, after the migrations. Like a migration it is part of upgrading the
 * program, not a user's action, so it writes no audit row.
 *
 * Returns: %TRUE on success
 */
gboolean
_sam_catalogue_sync (sqlite3  *db,
                     GError  **error)
{
  return _sam_catalogue_sync_entries (db, catalogue, G_N_ELEMENTS (catalogue), error);
}

/* Public API ------------------------------------------------------------------ */

/**
 * sam_catalogue_lookup:
 * @kind: the catalogue to look in
 * @code: (nullable): a code, such as "school_absence"
 *
 * Returns: (transfer none) (nullable): the entry, or %NULL when @kind has
 *   no such code
 */
const SamCatalogueEntry *
sam_catalogue_lookup (SamCatalogueKind  kind,
                      const char       *code)
{
  const SamCatalogueEntry *entries;
  guint n_entries = 0;

  g_return_val_if_fail (kind < SAM_N_CATALOGUE_KINDS, NULL);

  if (code == NULL)
    return NULL;

  entries = sam_catalogue_list (kind, &n_entries);
  for (guint i = 0; i < n_entries; i++)
    {
      if (g_str_equal (entries[i].code, code))
        return &entries[i];
    }

  return NULL;
}

/**
 * sam_catalogue_list:
 * @kind: a catalogue
 * @n_entries: (out): the number of entries
 *
 * Returns: (transfer none) (array length=n_entries): the entries of @kind,
 *   in their sort order
 */
const SamCatalogueEntry *
sam_catalogue_list (SamCatalogueKind  kind,
                    guint            *n_entries)
{
  guint first = 0;
  guint count = 0;

  g_return_val_if_fail (kind < SAM_N_CATALOGUE_KINDS, NULL);
  g_return_val_if_fail (n_entries != NULL, NULL);

  while (first < G_N_ELEMENTS (catalogue) && catalogue[first].kind != kind)
    first++;
  while (first + count < G_N_ELEMENTS (catalogue) && catalogue[first + count].kind == kind)
    count++;

  *n_entries = count;
  return count > 0 ? &catalogue[first] : NULL;
}

/**
 * sam_catalogue_entry_get_label:
 * @entry: an entry
 *
 * The label in the user's language: the translation of the English label.
 * Until a translation of it reaches the Swedish message catalogue, a Swedish
 * user still gets the entry's own Swedish label, never the English one.
 *
 * Returns: (transfer none): the label to show
 */
const char *
sam_catalogue_entry_get_label (const SamCatalogueEntry *entry)
{
  const char *translated;

  g_return_val_if_fail (entry != NULL, NULL);

  translated = _(entry->label_en);
  if (translated == entry->label_en && messages_are_swedish ())
    return entry->label_sv;

  return translated;
}

/**
 * sam_catalogue_kind_to_string:
 * @kind: a kind
 *
 * Returns: the kind's id, as stored in `catalogue.kind`
 */
const char *
sam_catalogue_kind_to_string (SamCatalogueKind kind)
{
  g_return_val_if_fail (kind < SAM_N_CATALOGUE_KINDS, NULL);

  return kinds[kind].id;
}

/**
 * sam_catalogue_kind_from_string:
 * @string: (nullable): a kind's id, such as "risk_factor"
 * @out_kind: (out): the kind
 *
 * Returns: %TRUE when @string names a kind
 */
gboolean
sam_catalogue_kind_from_string (const char       *string,
                                SamCatalogueKind *out_kind)
{
  g_return_val_if_fail (out_kind != NULL, FALSE);

  for (guint i = 0; i < SAM_N_CATALOGUE_KINDS; i++)
    {
      if (g_strcmp0 (kinds[i].id, string) == 0)
        {
          *out_kind = (SamCatalogueKind) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * sam_catalogue_kind_get_label:
 * @kind: a kind
 *
 * Returns: the kind's name in the user's language, such as "Risk factor"
 */
const char *
sam_catalogue_kind_get_label (SamCatalogueKind kind)
{
  g_return_val_if_fail (kind < SAM_N_CATALOGUE_KINDS, NULL);

  return _(kinds[kind].label);
}

/**
 * sam_evidence_level_to_string:
 * @level: an evidence level
 *
 * Returns: (nullable): the level's id, as stored in
 *   `catalogue.evidence_level`, or %NULL for %SAM_EVIDENCE_LEVEL_NONE
 */
const char *
sam_evidence_level_to_string (SamEvidenceLevel level)
{
  g_return_val_if_fail (level < SAM_N_EVIDENCE_LEVELS, NULL);

  return evidence_levels[level].id;
}

/**
 * sam_evidence_level_get_label:
 * @level: an evidence level
 *
 * Returns: (nullable): the level's name in the user's language, or %NULL
 *   for %SAM_EVIDENCE_LEVEL_NONE
 */
const char *
sam_evidence_level_get_label (SamEvidenceLevel level)
{
  g_return_val_if_fail (level < SAM_N_EVIDENCE_LEVELS, NULL);

  return evidence_levels[level].label != NULL ? _(evidence_levels[level].label) : NULL;
}
