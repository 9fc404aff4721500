/* sam-schema.c: the schema, as numbered migration steps
 *
 * PRAGMA user_version holds the number of steps applied. Each step runs in
 * one transaction together with the bump of user_version, so a crash leaves
 * the database at the previous version, never between two.
 *
 * Never edit a step that has shipped; append a new one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-schema"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sam-database-private.h"
#include "sam-error.h"

static const char * const migrations[] = {
  /* 1: the database's identity, areas, agencies and users. */
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE areas ("
  "  id   INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length (name) BETWEEN 1 AND 80)"
  ");"
  "CREATE TABLE agencies ("
  "  id         INTEGER PRIMARY KEY,"
  "  name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length (name) BETWEEN 1 AND 120),"
  "  kind       TEXT NOT NULL CHECK (kind IN ('school', 'social_services', 'police',"
  "                                           'leisure', 'administration')),"
  "  area_id    INTEGER REFERENCES areas (id),"
  "  created_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'))"
  ");"
  "CREATE TABLE users ("
  "  id                     INTEGER PRIMARY KEY,"
  "  name                   TEXT NOT NULL UNIQUE,"
  "  display_name           TEXT NOT NULL CHECK (length (display_name) BETWEEN 1 AND 120),"
  "  role                   TEXT NOT NULL CHECK (role IN ('school', 'leisure', 'police', 'social',"
  "                                                       'coordinator', 'manager', 'admin')),"
  "  agency_id              INTEGER NOT NULL REFERENCES agencies (id),"
  "  disabled               INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
  "  must_change_passphrase INTEGER NOT NULL DEFAULT 0 CHECK (must_change_passphrase IN (0, 1)),"
  "  created_at             TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%SZ', 'now'))"
  ");"
  "CREATE INDEX users_agency ON users (agency_id);",

  /* 2: the audit log (DESIGN §5). Ids and codes only, never names or text.
   * Rows are chained: hash = SHA-256 (prev_hash ‖ canonical row), see
   * sam-audit.c. The triggers are defence in depth: whoever holds the key
   * can drop them, but then the chain or an anchor gives them away. */
  "CREATE TABLE audit_log ("
  "  seq         INTEGER PRIMARY KEY,"
  "  time        TEXT NOT NULL,"
  "  user_id     INTEGER,"
  "  role        TEXT,"
  "  agency_id   INTEGER,"
  "  action      TEXT NOT NULL,"
  "  object_type TEXT,"
  "  object_id   INTEGER,"
  "  person_id   INTEGER,"
  "  case_id     INTEGER,"
  "  reason      TEXT,"
  "  outcome     TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),"
  "  prev_hash   BLOB NOT NULL CHECK (length (prev_hash) = 32),"
  "  hash        BLOB NOT NULL CHECK (length (hash) = 32)"
  ");"
  "CREATE INDEX audit_log_user ON audit_log (user_id, seq);"
  "CREATE INDEX audit_log_person ON audit_log (person_id, seq) WHERE person_id IS NOT NULL;"
  "CREATE INDEX audit_log_case ON audit_log (case_id, seq) WHERE case_id IS NOT NULL;"
  "CREATE INDEX audit_log_action ON audit_log (action, seq);"
  "CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log"
  "  WHEN NEW.seq IS NOT (SELECT coalesce (max (seq), 0) + 1 FROM audit_log)"
  "    OR NEW.prev_hash IS NOT coalesce ((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1),"
  "                                      zeroblob (32))"
  "BEGIN"
  "  SELECT RAISE (ABORT, 'audit rows are only appended, in order');"
  "END;"
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
  "BEGIN"
  "  SELECT RAISE (ABORT, 'the audit log cannot be changed');"
  "END;"
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
  "BEGIN"
  "  SELECT RAISE (ABORT, 'the audit log cannot be changed');"
  "END;",

  /* 3: the SSPF case flow (DESIGN §2): catalogues, young persons and their
   * guardians, concerns, cases with their team, consent, notes and
   * break-the-glass grants. Dates are YYYY-MM-DD, times ISO 8601 UTC. */
  "CREATE TABLE catalogue ("
  "  kind           TEXT NOT NULL CHECK (kind IN ('concern_category', 'risk_factor',"
  "                   'protective_factor', 'intervention', 'target_area', 'long_term_effort',"
  "                   'prevention_level', 'closing_reason')),"
  "  code           TEXT NOT NULL,"
  "  label_en       TEXT NOT NULL,"
  "  label_sv       TEXT NOT NULL,"
  "  evidence_level TEXT CHECK (evidence_level IS NULL OR"
  "                   evidence_level IN ('established', 'promising', 'uncertain')),"
  "  sort           INTEGER NOT NULL,"
  "  PRIMARY KEY (kind, code)"
  ") WITHOUT ROWID;"
  "CREATE TABLE persons ("
  "  id                 INTEGER PRIMARY KEY,"
  "  personnummer       TEXT UNIQUE CHECK (personnummer IS NULL OR length (personnummer) = 12),"
  "  given_name         TEXT NOT NULL CHECK (length (given_name) BETWEEN 1 AND 120),"
  "  family_name        TEXT NOT NULL CHECK (length (family_name) BETWEEN 1 AND 120),"
  "  birth_date         TEXT NOT NULL CHECK (length (birth_date) = 10),"
  "  gender             TEXT NOT NULL DEFAULT 'unknown'"
  "                       CHECK (gender IN ('female', 'male', 'other', 'unknown')),"
  "  address            TEXT CHECK (address IS NULL OR length (address) <= 200),"
  "  school_id          INTEGER REFERENCES agencies (id),"
  "  area_id            INTEGER REFERENCES areas (id),"
  "  protected_identity INTEGER NOT NULL DEFAULT 0 CHECK (protected_identity IN (0, 1)),"
  "  demo               INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),"
  "  created_at         TEXT NOT NULL,"
  "  created_by         INTEGER NOT NULL REFERENCES users (id)"
  ");"
  "CREATE INDEX persons_name_birth ON persons"
  "  (family_name COLLATE NOCASE, given_name COLLATE NOCASE, birth_date);"
  "CREATE INDEX persons_birth ON persons (birth_date);"
  "CREATE TABLE guardians ("
  "  id           INTEGER PRIMARY KEY,"
  "  person_id    INTEGER NOT NULL REFERENCES persons (id),"
  "  name         TEXT NOT NULL CHECK (length (name) BETWEEN 1 AND 120),"
  "  personnummer TEXT CHECK (personnummer IS NULL OR length (personnummer) = 12),"
  "  phone        TEXT CHECK (phone IS NULL OR length (phone) <= 40),"
  "  custody      INTEGER NOT NULL DEFAULT 1 CHECK (custody IN (0, 1))"
  ");"
  "CREATE INDEX guardians_person ON guardians (person_id);"
  "CREATE TABLE case_numbers ("
  "  year INTEGER PRIMARY KEY,"
  "  last INTEGER NOT NULL"
  ");"
  "CREATE TABLE cases ("
  "  id               INTEGER PRIMARY KEY,"
  "  number           TEXT NOT NULL UNIQUE CHECK (number GLOB 'SV-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]*'),"
  "  person_id        INTEGER NOT NULL REFERENCES persons (id),"
  "  coordinator_id   INTEGER REFERENCES users (id),"
  "  prevention_level TEXT NOT NULL CHECK (prevention_level IN ('selective', 'indicated')),"
  "  status           TEXT NOT NULL DEFAULT 'pending_consent'"
  "                     CHECK (status IN ('pending_consent', 'active', 'follow_up', 'closed')),"
  "  closing_reason   TEXT CHECK (closing_reason IS NULL OR closing_reason IN ('goals_met',"
  "                     'consent_declined', 'consent_withdrawn', 'moved', 'transferred',"
  "                     'aged_out', 'other')),"
  "  opened_at        TEXT NOT NULL,"
  "  closed_at        TEXT,"
  "  CHECK ((status = 'closed') = (closing_reason IS NOT NULL)),"
  "  CHECK ((status = 'closed') = (closed_at IS NOT NULL))"
  ");"
  "CREATE INDEX cases_person ON cases (person_id);"
  "CREATE INDEX cases_status ON cases (status, id);"
  "CREATE INDEX cases_coordinator ON cases (coordinator_id, id);"
  "CREATE TABLE case_target_areas ("
  "  case_id INTEGER NOT NULL REFERENCES cases (id),"
  "  code    TEXT NOT NULL,"
  "  PRIMARY KEY (case_id, code)"
  ") WITHOUT ROWID;"
  "CREATE TABLE case_team ("
  "  case_id INTEGER NOT NULL REFERENCES cases (id),"
  "  user_id INTEGER NOT NULL REFERENCES users (id),"
  "  PRIMARY KEY (case_id, user_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX case_team_user ON case_team (user_id, case_id);"
  "CREATE TABLE concerns ("
  "  id               INTEGER PRIMARY KEY,"
  "  person_id        INTEGER NOT NULL REFERENCES persons (id),"
  "  case_id          INTEGER REFERENCES cases (id),"
  "  reporter_id      INTEGER NOT NULL REFERENCES users (id),"
  "  agency_id        INTEGER NOT NULL REFERENCES agencies (id),"
  "  observed_on      TEXT NOT NULL CHECK (length (observed_on) = 10),"
  "  urgency          TEXT NOT NULL CHECK (urgency IN ('low', 'medium', 'high', 'acute')),"
  "  description      TEXT NOT NULL CHECK (length (description) BETWEEN 1 AND 20000),"
  "  report_to_social INTEGER NOT NULL CHECK (report_to_social IN (0, 1)),"
  "  status           TEXT NOT NULL DEFAULT 'received'"
  "                     CHECK (status IN ('received', 'assessed', 'led_to_case', 'no_action')),"
  "  feedback         TEXT CHECK (feedback IS NULL OR length (feedback) <= 200),"
  "  created_at       TEXT NOT NULL,"
  "  updated_at       TEXT NOT NULL"
  ");"
  "CREATE INDEX concerns_status ON concerns (status, id);"
  "CREATE INDEX concerns_reporter ON concerns (reporter_id, id);"
  "CREATE INDEX concerns_person ON concerns (person_id);"
  "CREATE INDEX concerns_case ON concerns (case_id);"
  "CREATE TABLE concern_codes ("
  "  concern_id INTEGER NOT NULL REFERENCES concerns (id),"
  "  kind       TEXT NOT NULL CHECK (kind IN ('concern_category', 'risk_factor', 'protective_factor')),"
  "  code       TEXT NOT NULL,"
  "  PRIMARY KEY (concern_id, kind, code)"
  ") WITHOUT ROWID;"
  "CREATE TABLE consents ("
  "  id           INTEGER PRIMARY KEY,"
  "  case_id      INTEGER NOT NULL REFERENCES cases (id),"
  "  purpose      TEXT NOT NULL CHECK (length (purpose) BETWEEN 1 AND 2000),"
  "  valid_from   TEXT NOT NULL CHECK (length (valid_from) = 10),"
  "  valid_to     TEXT CHECK (valid_to IS NULL OR (length (valid_to) = 10 AND valid_to >= valid_from)),"
  "  withdrawn_at TEXT,"
  "  recorded_by  INTEGER NOT NULL REFERENCES users (id),"
  "  recorded_at  TEXT NOT NULL"
  ");"
  "CREATE INDEX consents_case ON consents (case_id);"
  "CREATE TABLE consent_signatories ("
  "  consent_id      INTEGER NOT NULL REFERENCES consents (id),"
  "  guardian_id     INTEGER REFERENCES guardians (id),"
  "  is_young_person INTEGER NOT NULL DEFAULT 0 CHECK (is_young_person IN (0, 1)),"
  "  signed_on       TEXT NOT NULL CHECK (length (signed_on) = 10),"
  "  CHECK ((guardian_id IS NULL) = (is_young_person = 1))"
  ");"
  "CREATE INDEX consent_signatories_consent ON consent_signatories (consent_id);"
  "CREATE TABLE consent_agencies ("
  "  consent_id INTEGER NOT NULL REFERENCES consents (id),"
  "  agency_id  INTEGER NOT NULL REFERENCES agencies (id),"
  "  PRIMARY KEY (consent_id, agency_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE notes ("
  "  id             INTEGER PRIMARY KEY,"
  "  case_id        INTEGER NOT NULL REFERENCES cases (id),"
  "  author_id      INTEGER NOT NULL REFERENCES users (id),"
  "  agency_id      INTEGER NOT NULL REFERENCES agencies (id),"
  "  written_at     TEXT NOT NULL,"
  "  text           TEXT NOT NULL CHECK (length (text) BETWEEN 1 AND 20000),"
  "  shared_in_sspf INTEGER NOT NULL DEFAULT 0 CHECK (shared_in_sspf IN (0, 1))"
  ");"
  "CREATE INDEX notes_case ON notes (case_id, written_at);"
  "CREATE TABLE break_glass ("
  "  id         INTEGER PRIMARY KEY,"
  "  user_id    INTEGER NOT NULL REFERENCES users (id),"
  "  case_id    INTEGER NOT NULL REFERENCES cases (id),"
  "  reason     TEXT NOT NULL CHECK (length (reason) BETWEEN 10 AND 2000),"
  "  started_at TEXT NOT NULL,"
  "  ends_at    TEXT NOT NULL,"
  "  ended_at   TEXT"
  ");"
  "CREATE INDEX break_glass_user_case ON break_glass (user_id, case_id, ends_at);",

  /* 4: full-text search (DESIGN §8) over names, personnummer, case numbers,
   * concerns and notes, kept current by triggers, inside the encrypted
   * database. Contentless, so the index holds no second copy of any text;
   * contentless_delete lets the triggers remove a row by its id alone.
   *
   * A row's rowid says what it is: bit 44 up is the band (2: persons and
   * cases, 1: concerns and notes), bit 0 the kind within the band (0:
   * person or concern, 1: case or note), the bits between the object's id.
   * Newest-first by rowid thus lists names before free text.
   *
   * `text` is what users search; remove_diacritics 2 lets "soderstrom"
   * find "Söderström". Every word of a search is a prefix, and FTS5 reads
   * a prefix without an index of its length by merging the doclists of
   * every term it starts: 20 to 30 ms for "inte" or "skol" at 1 000 000
   * rows. Prefix indexes of 2 to 6 characters keep search-as-you-type
   * under 1 ms up to the sixth letter, for about 40 % more database.
   *
   * `scope` holds tokens that only sam-search.c queries, to narrow a
   * search to what the viewer can reach before the policy decides row by
   * row: the kind; "c<id>" for each case the row belongs to; "u<id>" for
   * each member of those cases' teams and their coordinators; "r<id>" for
   * a concern's reporter. So a change of team or coordinator refreshes
   * every row of the case. */
  /* The "u<id>" tokens of the team and the coordinator of case @c, an
   * SQL alias of cases, to append to a scope. */
#define SEARCH_MEMBERS(c) \
  " || coalesce (' u' || " c ".coordinator_id, '')" \
  " || coalesce ((SELECT ' ' || group_concat ('u' || t.user_id, ' ')" \
  "                 FROM case_team t WHERE t.case_id = " c ".id), '')"
  "CREATE VIRTUAL TABLE search_index USING fts5 ("
  "  text, scope,"
  "  content = '', contentless_delete = 1,"
  "  tokenize = 'unicode61 remove_diacritics 2',"
  "  prefix = '2 3 4 5 6'"
  ");"
  "CREATE VIEW search_source_person AS"
  "  SELECT (2 << 44) | (p.id << 1) AS doc, p.id AS id,"
  "         p.given_name || ' ' || p.family_name"
  "           || coalesce (' ' || p.personnummer || ' ' || substr (p.personnummer, 3)"
  "                        || ' ' || substr (p.personnummer, 1, 8) || '-' || substr (p.personnummer, 9)"
  "                        || ' ' || substr (p.personnummer, 3, 6) || '-' || substr (p.personnummer, 9),"
  "                        '') AS text,"
  "         'person' || coalesce ((SELECT ' ' || group_concat (token, ' ') FROM"
  "                                  (SELECT 'c' || c.id AS token FROM cases c WHERE c.person_id = p.id"
  "                                   UNION ALL SELECT 'u' || c.coordinator_id FROM cases c"
  "                                    WHERE c.person_id = p.id AND c.coordinator_id IS NOT NULL"
  "                                   UNION ALL SELECT 'u' || t.user_id FROM cases c"
  "                                     JOIN case_team t ON t.case_id = c.id WHERE c.person_id = p.id)),"
  "                               '') AS scope"
  "    FROM persons p;"
  "CREATE VIEW search_source_case AS"
  "  SELECT (2 << 44) | (c.id << 1) | 1 AS doc, c.id AS id, c.person_id AS person_id,"
  "         c.number || ' ' || p.given_name || ' ' || p.family_name AS text,"
  "         'case c' || c.id" SEARCH_MEMBERS ("c") " AS scope"
  "    FROM cases c JOIN persons p ON p.id = c.person_id;"
  "CREATE VIEW search_source_concern AS"
  "  SELECT (1 << 44) | (k.id << 1) AS doc, k.id AS id, k.case_id AS case_id, k.description AS text,"
  "         'concern r' || k.reporter_id || coalesce (' c' || k.case_id, '')"
  "           " SEARCH_MEMBERS ("c") " AS scope"
  "    FROM concerns k LEFT JOIN cases c ON c.id = k.case_id;"
  "CREATE VIEW search_source_note AS"
  "  SELECT (1 << 44) | (n.id << 1) | 1 AS doc, n.id AS id, n.case_id AS case_id, n.text AS text,"
  "         'note c' || n.case_id" SEARCH_MEMBERS ("c") " AS scope"
  "    FROM notes n LEFT JOIN cases c ON c.id = n.case_id;"
  "INSERT INTO search_index (rowid, text, scope) SELECT doc, text, scope FROM search_source_person;"
  "INSERT INTO search_index (rowid, text, scope) SELECT doc, text, scope FROM search_source_case;"
  "INSERT INTO search_index (rowid, text, scope) SELECT doc, text, scope FROM search_source_concern;"
  "INSERT INTO search_index (rowid, text, scope) SELECT doc, text, scope FROM search_source_note;"
  /* A person's row carries their cases' tokens and a case's row the
   * person's name, so each side refreshes the other. */
  "CREATE TRIGGER search_persons_insert AFTER INSERT ON persons BEGIN"
  "  INSERT INTO search_index (rowid, text, scope)"
  "    SELECT doc, text, scope FROM search_source_person WHERE id = NEW.id;"
  "END;"
  "CREATE TRIGGER search_persons_update"
  "  AFTER UPDATE OF id, given_name, family_name, personnummer ON persons BEGIN"
  "  DELETE FROM search_index WHERE rowid = (2 << 44) | (OLD.id << 1);"
  "  INSERT INTO search_index (rowid, text, scope)"
  "    SELECT doc, text, scope FROM search_source_person WHERE id = NEW.id;"
  "  DELETE FROM search_index WHERE rowid IN"
  "    (SELECT (2 << 44) | (id << 1) | 1 FROM cases WHERE person_id = NEW.id);"
  "  INSERT INTO search_index (rowid, text, scope)"
  "    SELECT doc, text, scope FROM search_source_case WHERE person_id = NEW.id;"
  "END;"
  "CREATE TRIGGER search_persons_delete AFTER DELETE ON persons BEGIN"
  "  DELETE FROM search_index WHERE rowid = (2 << 44) | (OLD.id << 1);"
  "END;"
  "CREATE TRIGGER search_cases_insert AFTER INSERT ON cases BEGIN"
  "  INSERT INTO search_index (rowid, text, scope)"
  "    SELECT doc, text, scope FROM search_source_case WHERE id = NEW.id;"
  "  DELETE FROM search_index WHERE rowid = (2 << 44) | (NEW.person_id << 1);"
  "  INSERT INTO search_index (rowid, text, scope)"
  "    SELECT doc, text, scope FROM search_source_person WHERE id = NEW.person_id;"
  "END;"
  /* Re-indexes every row of the case whose id is the SQL expression
   * @case_expr, in a trigger body: its case and person rows, its concerns
   * and notes. */
#define SEARCH_REFRESH_CASE(case_expr) \
  "  DELETE FROM search_index WHERE rowid = (2 << 44) | ((" case_expr ") << 1) | 1;" \
  "  INSERT INTO search_index (rowid, text, scope)" \
  "    SELECT doc, text, scope FROM search_source_case WHERE id = " case_expr ";" \
  "  DELETE FROM search_index WHERE rowid IN" \
  "    (SELECT (2 << 44) | (person_id << 1) FROM cases WHERE id = " case_expr ");" \
  "  INSERT INTO search_index (rowid, text, scope)" \
  "    SELECT doc, text, scope FROM search_source_person" \
  "     WHERE id IN (SELECT person_id FROM cases WHERE id = " case_expr ");" \
  "  DELETE FROM search_index WHERE rowid IN" \
  "    (SELECT (1 << 44) | (id << 1) FROM concerns WHERE case_id = " case_expr ");" \
  "  INSERT INTO search_index (rowid, text, scope)" \
  "    SELECT doc, text, scope FROM search_source_concern WHERE case_id = " case_expr ";" \
  "  DELETE FROM search_index WHERE rowid IN" \
  "    (SELECT (1 << 44) | (id << 1) | 1 FROM notes WHERE case_id = " case_expr ");" \
  "  INSERT INTO search_index (rowid, text, scope)" \
  "    SELECT doc, text, scope FROM search_source_note WHERE case_id = " case_expr ";"
  "CREATE TRIGGER search_cases_update"
  "  AFTER UPDATE OF number, person_id, coordinator_id ON cases BEGIN"
  "  DELETE FROM search_index WHERE rowid = (2 << 44) | (OLD.person_id << 1);"
  "  INSERT INTO search_index (rowid, text, scope)"
  "    SELECT doc, text, scope FROM search_source_person WHERE id = OLD.person_id;"
  SEARCH_REFRESH_CASE ("NEW.id")
  "END;"
  "CREATE TRIGGER search_cases_delete AFTER DELETE ON cases BEGIN"
  "  DELETE FROM search_index WHERE rowid = (2 << 44) | (OLD.id << 1) | 1;"
  "  DELETE FROM search_index WHERE rowid = (2 << 44) | (OLD.person_id << 1);"
  "  INSERT INTO search_index (rowid, text, scope)"
  "    SELECT doc, text, scope FROM search_source_person WHERE id = OLD.person_id;"
  "END;"
  "CREATE TRIGGER search_case_team_insert AFTER INSERT ON case_team BEGIN"
  SEARCH_REFRESH_CASE ("NEW.case_id")
  "END;"
  "CREATE TRIGGER search_case_team_delete AFTER DELETE ON case_team BEGIN"
  SEARCH_REFRESH_CASE ("OLD.case_id")
  "END;"
  "CREATE TRIGGER search_concerns_insert AFTER INSERT ON concerns BEGIN"
  "  INSERT INTO search_index (rowid, text, scope)"
  "    SELECT doc, text, scope FROM search_source_concern WHERE id = NEW.id;"
  "END;"
  "CREATE TRIGGER search_concerns_update"
  "  AFTER UPDATE OF id, description, case_id, reporter_id ON concerns BEGIN"
  "  DELETE FROM search_index WHERE rowid = (1 << 44) | (OLD.id << 1);"
  "  INSERT INTO search_index (rowid, text, scope)"
  "    SELECT doc, text, scope FROM search_source_concern WHERE id = NEW.id;"
  "END;"
  "CREATE TRIGGER search_concerns_delete AFTER DELETE ON concerns BEGIN"
  "  DELETE FROM search_index WHERE rowid = (1 << 44) | (OLD.id << 1);"
  "END;"
  "CREATE TRIGGER search_notes_insert AFTER INSERT ON notes BEGIN"
  "  INSERT INTO search_index (rowid, text, scope)"
  "    SELECT doc, text, scope FROM search_source_note WHERE id = NEW.id;"
  "END;"
  "CREATE TRIGGER search_notes_update AFTER UPDATE OF id, text, case_id ON notes BEGIN"
  "  DELETE FROM search_index WHERE rowid = (1 << 44) | (OLD.id << 1) | 1;"
  "  INSERT INTO search_index (rowid, text, scope)"
  "    SELECT doc, text, scope FROM search_source_note WHERE id = NEW.id;"
  "END;"
  "CREATE TRIGGER search_notes_delete AFTER DELETE ON notes BEGIN"
  "  DELETE FROM search_index WHERE rowid = (1 << 44) | (OLD.id << 1) | 1;"
  "END;",
#undef SEARCH_REFRESH_CASE
#undef SEARCH_MEMBERS

  /* 5: the case list pages by keyset on (opened_at, id); without this index
   * its first page at 100 000 cases takes 0.4 s instead of 3 ms. */
  "CREATE INDEX cases_opened ON cases (opened_at, id);",

  /* 6: the SSPF work itself (DESIGN §2, steps 5 to 8): mapping, network
   * meetings, the joint plan and its follow-ups. Every row records who
   * wrote it and for which agency, which is what the chronology shows and
   * what the policy's agency rule reads. */
  "CREATE TABLE mappings ("
  "  id          INTEGER PRIMARY KEY,"
  "  case_id     INTEGER NOT NULL REFERENCES cases (id),"
  "  scored_on   TEXT NOT NULL CHECK (length (scored_on) = 10),"
  "  comment     TEXT CHECK (comment IS NULL OR length (comment) <= 4000),"
  "  recorded_by INTEGER NOT NULL REFERENCES users (id),"
  "  agency_id   INTEGER NOT NULL REFERENCES agencies (id),"
  "  recorded_at TEXT NOT NULL"
  ");"
  "CREATE INDEX mappings_case ON mappings (case_id, scored_on);"
  "CREATE TABLE mapping_scores ("
  "  mapping_id INTEGER NOT NULL REFERENCES mappings (id),"
  "  kind       TEXT NOT NULL CHECK (kind IN ('risk_factor', 'protective_factor')),"
  "  code       TEXT NOT NULL,"
  "  score      INTEGER NOT NULL CHECK (score BETWEEN 0 AND 3),"
  "  PRIMARY KEY (mapping_id, kind, code)"
  ") WITHOUT ROWID;"
  "CREATE TABLE meetings ("
  "  id               INTEGER PRIMARY KEY,"
  "  case_id          INTEGER NOT NULL REFERENCES cases (id),"
  "  starts_at        TEXT NOT NULL CHECK (length (starts_at) = 20),"
  "  duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 600),"
  "  place            TEXT NOT NULL CHECK (length (place) BETWEEN 1 AND 200),"
  "  status           TEXT NOT NULL DEFAULT 'planned'"
  "                     CHECK (status IN ('planned', 'held', 'cancelled')),"
  "  agenda           TEXT CHECK (agenda IS NULL OR length (agenda) <= 20000),"
  "  minutes          TEXT CHECK (minutes IS NULL OR length (minutes) <= 20000),"
  "  decisions        TEXT CHECK (decisions IS NULL OR length (decisions) <= 20000),"
  "  created_by       INTEGER NOT NULL REFERENCES users (id),"
  "  agency_id        INTEGER NOT NULL REFERENCES agencies (id),"
  "  created_at       TEXT NOT NULL,"
  "  updated_at       TEXT NOT NULL"
  ");"
  "CREATE INDEX meetings_case ON meetings (case_id, starts_at);"
  "CREATE INDEX meetings_starts ON meetings (starts_at, id);"
  /* A participant is a staff member, a guardian or the young person. */
  "CREATE TABLE meeting_participants ("
  "  id              INTEGER PRIMARY KEY,"
  "  meeting_id      INTEGER NOT NULL REFERENCES meetings (id),"
  "  user_id         INTEGER REFERENCES users (id),"
  "  guardian_id     INTEGER REFERENCES guardians (id),"
  "  is_young_person INTEGER NOT NULL DEFAULT 0 CHECK (is_young_person IN (0, 1)),"
  "  CHECK ((user_id IS NOT NULL) + (guardian_id IS NOT NULL) + is_young_person = 1)"
  ");"
  "CREATE INDEX meeting_participants_meeting ON meeting_participants (meeting_id);"
  "CREATE UNIQUE INDEX meeting_participants_unique ON meeting_participants"
  "  (meeting_id, coalesce (user_id, 0), coalesce (guardian_id, 0), is_young_person);"
  "CREATE TABLE plan_goals ("
  "  id          INTEGER PRIMARY KEY,"
  "  case_id     INTEGER NOT NULL REFERENCES cases (id),"
  "  description TEXT NOT NULL CHECK (length (description) BETWEEN 1 AND 2000),"
  "  indicator   TEXT NOT NULL CHECK (length (indicator) BETWEEN 1 AND 2000),"
  "  created_by  INTEGER NOT NULL REFERENCES users (id),"
  "  agency_id   INTEGER NOT NULL REFERENCES agencies (id),"
  "  created_at  TEXT NOT NULL,"
  "  updated_at  TEXT NOT NULL"
  ");"
  "CREATE INDEX plan_goals_case ON plan_goals (case_id, id);"
  "CREATE TABLE plan_actions ("
  "  id                    INTEGER PRIMARY KEY,"
  "  case_id               INTEGER NOT NULL REFERENCES cases (id),"
  "  goal_id               INTEGER REFERENCES plan_goals (id),"
  "  description           TEXT NOT NULL CHECK (length (description) BETWEEN 1 AND 2000),"
  "  intervention_code     TEXT NOT NULL,"
  "  responsible_agency_id INTEGER NOT NULL REFERENCES agencies (id),"
  "  responsible_user_id   INTEGER REFERENCES users (id),"
  "  starts_on             TEXT NOT NULL CHECK (length (starts_on) = 10),"
  "  due_on                TEXT NOT NULL CHECK (length (due_on) = 10 AND due_on >= starts_on),"
  "  status                TEXT NOT NULL DEFAULT 'planned'"
  "                          CHECK (status IN ('planned', 'ongoing', 'done', 'cancelled')),"
  "  created_by            INTEGER NOT NULL REFERENCES users (id),"
  "  created_at            TEXT NOT NULL,"
  "  updated_at            TEXT NOT NULL"
  ");"
  "CREATE INDEX plan_actions_case ON plan_actions (case_id, id);"
  "CREATE INDEX plan_actions_due ON plan_actions (status, due_on);"
  "CREATE INDEX plan_actions_responsible ON plan_actions (responsible_user_id, due_on);"
  /* Plan changes as the chronology shows them: who changed which goal or
   * action, for which agency, and how ("created", "updated", "status:done"). */
  "CREATE TABLE plan_changes ("
  "  id         INTEGER PRIMARY KEY,"
  "  case_id    INTEGER NOT NULL REFERENCES cases (id),"
  "  goal_id    INTEGER REFERENCES plan_goals (id),"
  "  action_id  INTEGER REFERENCES plan_actions (id),"
  "  change     TEXT NOT NULL CHECK (length (change) BETWEEN 1 AND 40),"
  "  changed_by INTEGER NOT NULL REFERENCES users (id),"
  "  agency_id  INTEGER NOT NULL REFERENCES agencies (id),"
  "  changed_at TEXT NOT NULL,"
  "  CHECK ((goal_id IS NULL) <> (action_id IS NULL))"
  ");"
  "CREATE INDEX plan_changes_case ON plan_changes (case_id, changed_at);"
  "CREATE TABLE follow_ups ("
  "  id           INTEGER PRIMARY KEY,"
  "  case_id      INTEGER NOT NULL REFERENCES cases (id),"
  "  due_on       TEXT NOT NULL CHECK (length (due_on) = 10),"
  "  status       TEXT NOT NULL DEFAULT 'scheduled'"
  "                 CHECK (status IN ('scheduled', 'held', 'cancelled')),"
  "  held_on      TEXT CHECK (held_on IS NULL OR length (held_on) = 10),"
  "  notes        TEXT CHECK (notes IS NULL OR length (notes) <= 20000),"
  "  mapping_id   INTEGER REFERENCES mappings (id),"
  "  created_by   INTEGER NOT NULL REFERENCES users (id),"
  "  agency_id    INTEGER NOT NULL REFERENCES agencies (id),"
  "  created_at   TEXT NOT NULL,"
  "  held_by      INTEGER REFERENCES users (id),"
  "  updated_at   TEXT NOT NULL,"
  "  CHECK ((status = 'held') = (held_on IS NOT NULL))"
  ");"
  "CREATE INDEX follow_ups_case ON follow_ups (case_id, due_on);"
  "CREATE INDEX follow_ups_due ON follow_ups (status, due_on);"
  "CREATE TABLE goal_attainment ("
  "  follow_up_id INTEGER NOT NULL REFERENCES follow_ups (id),"
  "  goal_id      INTEGER NOT NULL REFERENCES plan_goals (id),"
  "  attainment   INTEGER NOT NULL CHECK (attainment BETWEEN 0 AND 4),"
  "  PRIMARY KEY (follow_up_id, goal_id)"
  ") WITHOUT ROWID;",

  /* 7: the chronology shows a mapping by itself only when no follow-up
   * holds it; without this index each of those checks read every
   * follow-up, and opening a case took 0.5 s at 100 000 cases. */
  "CREATE INDEX follow_ups_mapping ON follow_ups (mapping_id);",

  /* 8: the summary of concerns read every concern and its categories, 1.5 s
   * of CPU at 100 000 young persons. These counts per month, reporting
   * agency and category are what it needs, kept exact by triggers.
   *
   * Per month and agency, `scope` says what a row counts: 'all' every
   * concern once; 'none' the concerns without a category; 'code' the
   * concerns with category `code` (a concern counts once in each of its
   * categories). `code` is '' unless scope is 'code'. A row whose count
   * falls to 0 is deleted, so the table always equals
   * concern_counts_recount, which also fills it here.
   *
   * A concern's agency_id and observed_on are NOT NULL, so it always has
   * a month and an agency. Concerns join no person in the count: the
   * foreign key already keeps every concern's person. Codes of a concern that does not exist count
   * nowhere, as in the summary's join, whichever of the two rows is
   * written first. Neither table is written with INSERT OR REPLACE: its
   * implied delete would not fire the delete trigger. */
#define COUNTS_UPSERT " ON CONFLICT (month, agency_id, scope, code) DO UPDATE SET n = n + excluded.n;"
  /* Adds @sign (1 or -1) for concern row @r (NEW or OLD) as it stands
   * with the categories now in concern_codes. */
#define COUNT_CONCERN(r, sign) \
  "INSERT INTO concern_counts (month, agency_id, scope, code, n)" \
  "  VALUES (substr (" r ".observed_on, 1, 7), " r ".agency_id, 'all', '', " sign ")" COUNTS_UPSERT \
  "INSERT INTO concern_counts (month, agency_id, scope, code, n)" \
  "  SELECT substr (" r ".observed_on, 1, 7), " r ".agency_id, 'none', '', " sign \
  "   WHERE NOT EXISTS (SELECT 1 FROM concern_codes x" \
  "                      WHERE x.concern_id = " r ".id AND x.kind = 'concern_category')" COUNTS_UPSERT \
  "INSERT INTO concern_counts (month, agency_id, scope, code, n)" \
  "  SELECT substr (" r ".observed_on, 1, 7), " r ".agency_id, 'code', x.code, " sign \
  "   FROM concern_codes x WHERE x.concern_id = " r ".id AND x.kind = 'concern_category'" COUNTS_UPSERT
  /* Adds @sign for category code row @r of concern_codes, if a category. */
#define COUNT_CODE(r, sign) \
  "INSERT INTO concern_counts (month, agency_id, scope, code, n)" \
  "  SELECT substr (k.observed_on, 1, 7), k.agency_id, 'code', " r ".code, " sign \
  "   FROM concerns k WHERE k.id = " r ".concern_id AND " r ".kind = 'concern_category'" COUNTS_UPSERT
  /* Moves concern @id in or out of 'none' when its number of categories
   * went from 0 or to 0: @before is that number before the change, as an
   * expression in c, the number now. */
#define COUNT_NONE(id, before, condition) \
  "INSERT INTO concern_counts (month, agency_id, scope, code, n)" \
  "  SELECT substr (k.observed_on, 1, 7), k.agency_id, 'none', '', d" \
  "   FROM concerns k, (SELECT (c = 0) - ((" before ") = 0) AS d FROM" \
  "     (SELECT count (*) AS c FROM concern_codes" \
  "       WHERE concern_id = " id " AND kind = 'concern_category'))" \
  "   WHERE k.id = " id " AND d <> 0" condition COUNTS_UPSERT
#define DROP_ZEROS(month, agency) \
  "DELETE FROM concern_counts WHERE month = " month " AND agency_id = " agency " AND n = 0;"
#define DROP_ZEROS_OF(id) \
  "DELETE FROM concern_counts WHERE n = 0" \
  "  AND month = (SELECT substr (observed_on, 1, 7) FROM concerns WHERE id = " id ")" \
  "  AND agency_id = (SELECT agency_id FROM concerns WHERE id = " id ");"
  "CREATE TABLE concern_counts ("
  "  month     TEXT NOT NULL,"
  "  agency_id INTEGER NOT NULL,"
  "  scope     TEXT NOT NULL CHECK (scope IN ('all', 'none', 'code')),"
  "  code      TEXT NOT NULL,"
  "  n         INTEGER NOT NULL,"
  "  PRIMARY KEY (month, agency_id, scope, code)"
  ") WITHOUT ROWID;"
  /* One pass over the concerns, which are long rows: each concern with
   * each of its categories, or once with none; `first` marks one row per
   * concern, for the 'all' count. */
  "CREATE VIEW concern_counts_recount AS"
  "  WITH u AS MATERIALIZED ("
  "    SELECT substr (k.observed_on, 1, 7) AS month, k.agency_id AS agency_id, x.code AS code,"
  "           x.code IS NULL OR x.code = (SELECT min (y.code) FROM concern_codes y"
  "                                        WHERE y.concern_id = k.id AND y.kind = 'concern_category')"
  "             AS first"
  "      FROM concerns k"
  "      LEFT JOIN concern_codes x ON x.concern_id = k.id AND x.kind = 'concern_category')"
  "  SELECT month, agency_id, 'all' AS scope, '' AS code, sum (first) AS n FROM u GROUP BY 1, 2"
  "  UNION ALL"
  "  SELECT month, agency_id, CASE WHEN code IS NULL THEN 'none' ELSE 'code' END, coalesce (code, ''),"
  "         count (*) FROM u GROUP BY 1, 2, 3, 4;"
  "INSERT INTO concern_counts (month, agency_id, scope, code, n)"
  "  SELECT month, agency_id, scope, code, n FROM concern_counts_recount;"
  "CREATE TRIGGER concern_counts_concern_insert AFTER INSERT ON concerns BEGIN "
  COUNT_CONCERN ("NEW", "1")
  "END;"
  "CREATE TRIGGER concern_counts_concern_delete AFTER DELETE ON concerns BEGIN "
  COUNT_CONCERN ("OLD", "-1")
  DROP_ZEROS ("substr (OLD.observed_on, 1, 7)", "OLD.agency_id")
  "END;"
  "CREATE TRIGGER concern_counts_concern_update AFTER UPDATE OF id, observed_on, agency_id ON concerns"
  "  WHEN OLD.id IS NOT NEW.id OR OLD.agency_id IS NOT NEW.agency_id"
  "    OR substr (OLD.observed_on, 1, 7) IS NOT substr (NEW.observed_on, 1, 7) BEGIN "
  COUNT_CONCERN ("OLD", "-1")
  COUNT_CONCERN ("NEW", "1")
  DROP_ZEROS ("substr (OLD.observed_on, 1, 7)", "OLD.agency_id")
  "END;"
  "CREATE TRIGGER concern_counts_code_insert AFTER INSERT ON concern_codes"
  "  WHEN NEW.kind = 'concern_category' BEGIN "
  COUNT_CODE ("NEW", "1")
  COUNT_NONE ("NEW.concern_id", "c - 1", "")
  DROP_ZEROS_OF ("NEW.concern_id")
  "END;"
  "CREATE TRIGGER concern_counts_code_delete AFTER DELETE ON concern_codes"
  "  WHEN OLD.kind = 'concern_category' BEGIN "
  COUNT_CODE ("OLD", "-1")
  COUNT_NONE ("OLD.concern_id", "c + 1", "")
  DROP_ZEROS_OF ("OLD.concern_id")
  "END;"
  /* As a delete of OLD then an insert of NEW, in one step. */
  "CREATE TRIGGER concern_counts_code_update AFTER UPDATE ON concern_codes"
  "  WHEN OLD.kind = 'concern_category' OR NEW.kind = 'concern_category' BEGIN "
  COUNT_CODE ("OLD", "-1")
  COUNT_CODE ("NEW", "1")
  COUNT_NONE ("OLD.concern_id",
              "c - (NEW.kind = 'concern_category' AND NEW.concern_id = OLD.concern_id)"
              " + (OLD.kind = 'concern_category')", "")
  COUNT_NONE ("NEW.concern_id", "c - (NEW.kind = 'concern_category')",
              " AND NEW.concern_id IS NOT OLD.concern_id")
  DROP_ZEROS_OF ("OLD.concern_id")
  DROP_ZEROS_OF ("NEW.concern_id")
  "END;",
};

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error_literal (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_FAILED,
                           message != NULL ? message : sqlite3_errmsg (db));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_user_version (sqlite3  *db,
                   guint    *out_version,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_FAILED,
                           sqlite3_errmsg (db));
      return FALSE;
    }

  *out_version = (guint) MAX (sqlite3_column_int (stmt, 0), 0);
  return TRUE;
}

static gboolean
apply_step (sqlite3     *db,
            guint        version,
            const char  *sql,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u", version);
  guint current = 0;

  if (!exec_sql (db, "BEGIN IMMEDIATE", &local_error))
    goto failed;

  /* Another process may have applied this step while we waited for the
   * write lock: read the version again, now that we hold it. */
  if (!read_user_version (db, &current, &local_error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      goto failed;
    }
  if (current >= version)
    return exec_sql (db, "COMMIT", error);

  if (!exec_sql (db, sql, &local_error) ||
      !exec_sql (db, bump, &local_error) ||
      !exec_sql (db, "COMMIT", &local_error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      goto failed;
    }

  return TRUE;

failed:
  g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_FAILED,
               _("Updating the database to schema version %u failed: %s"),
               version, local_error->message);
  return FALSE;
}

/**
 * _sam_schema_apply:
 * @db: an open, keyed connection
 * @steps: migration steps; step i brings the schema to version i + 1
 * @n_steps: the number of steps
 * @error: return location for a #GError
 *
 * Applies the steps the database has not had yet.
 *
 * Returns: %TRUE on success
 */
gboolean
_sam_schema_apply (sqlite3            *db,
                   const char * const *steps,
                   guint               n_steps,
                   GError            **error)
{
  guint version;

  if (!read_user_version (db, &version, error))
    return FALSE;

  if (version > n_steps)
    {
      g_set_error (error, SAM_DATABASE_ERROR, SAM_DATABASE_ERROR_TOO_NEW,
                   _("The database has schema version %u, but this version of Samverka "
                     "only knows up to version %u. Update Samverka to open it."),
                   version, n_steps);
      return FALSE;
    }

  for (guint i = version; i < n_steps; i++)
    {
      if (!apply_step (db, i + 1, steps[i], error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_sam_schema_migrate (sqlite3  *db,
                     GError  **error)
{
  return _sam_schema_apply (db, migrations, G_N_ELEMENTS (migrations), error);
}

guint
_sam_schema_get_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}
