/* sam-demo-work.c: the SSPF work on each demo case
 *
 * A case that got its consent follows the course of DESIGN §2, steps 5 to
 * 9: a first network meeting maps the risk and protective factors and
 * agrees a plan of goals and actions; follow-ups come every three months
 * or so, re-score the factors and rate each goal; a meeting goes with
 * most of them. What lies after SAM_DEMO_REFERENCE_DATE is planned or
 * scheduled, and a few follow-ups and actions are left overdue, so that
 * the Due page and the reminders have something to show.
 *
 * Scores drift: risk factors tend down and protective factors up, more
 * so in cases that were closed with their goals met, which is what the
 * managers' summaries of change over time should find.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-demo"

#include "config.h"

#include "sam-demo-private.h"

#include "sam-catalogue.h"

/* Factors scored per case, at most. */
#define MAX_FACTORS 8
/* Goals per plan, at most. */
#define MAX_GOALS 3

static const char * const places[] = {
  "Ekholmsskolan, konferensrummet",
  "Socialkontoret Ryd, rum 3",
  "Fritidsgården Ryd",
  "Familjens hem",
  "Skäggetorps skola, elevhälsans rum",
  "Polisstationen, samtalsrummet",
};

static const char * const agendas[] = {
  "1. Välkomna och syftet med mötet\n2. Kartläggning av risk- och skyddsfaktorer\n"
  "3. Mål och insatser\n4. Ansvar och nästa möte",
  "1. Uppföljning sedan förra mötet\n2. Hur går det i skolan och på fritiden?\n"
  "3. Justering av planen\n4. Nästa steg",
};

static const char * const minutes_texts[] = {
  "Alla närvarande presenterade sig. Den unge berättade om skolan och fritiden. "
  "Vårdnadshavarna delar oron och vill ha stöd.",
  "Närvaron i skolan har blivit bättre sedan förra mötet. Fritidsgården rapporterar "
  "regelbundet deltagande. Oro kvarstår för kamratkretsen.",
  "Mötet gick igenom planens insatser. Mentorn har träffat den unge varje vecka. "
  "Familjen har börjat i föräldrastödsgruppen.",
};

static const char * const decisions_texts[] = {
  "Planen antogs. Socialtjänsten samordnar. Nästa möte om tre månader.",
  "Insatserna fortsätter. Skolan anpassar schemat. Uppföljning enligt plan.",
  "Mentorskapet förlängs en termin. Polisen genomför ett oros-samtal med familjen.",
};

static const struct
{
  const char *goal;
  const char *indicator;
} goals[] = {
  { "Regelbunden skolgång", "Närvaro minst 90 % under en termin" },
  { "Meningsfull fritid", "Deltar i en ledarledd aktivitet varje vecka" },
  { "Bryta med den kriminella kamratkretsen", "Inga nya polisanmälningar under sex månader" },
  { "Stärkt föräldraskap", "Vårdnadshavarna har gått klart föräldrastödsprogrammet" },
  { "Godkända betyg i kärnämnena", "Godkänt i svenska, engelska och matematik" },
};

static const char * const follow_up_notes[] = {
  "Positiv utveckling. Den unge och familjen är nöjda med insatserna.",
  "Delvis förbättring. Skolnärvaron är ojämn; planen justeras.",
  "Oförändrat läge. Teamet föreslår fler insatser på fritiden.",
};

/* Actions as a team would write them, with the intervention each one is
 * and the staff member whose agency usually carries it out. */
static const struct
{
  const char *text;
  const char *intervention;
  guint       staff;
} actions[] = {
  { "Veckovisa samtal och stöd i vardagen med en mentor", "mentor", STAFF_SOCIAL },
  { "Anpassat schema och extra stöd i matematik", "school_adjustment", STAFF_SCHOOL },
  { "Ledarledd aktivitet två kvällar i veckan", "structured_leisure", STAFF_LEISURE },
  { "Föräldrastödsgrupp, tio träffar", "parenting_programme", STAFF_SOCIAL },
  { "Orossamtal med den unge och vårdnadshavarna", "worried_parent_conversation", STAFF_POLICE },
  { "Familjebehandling i hemmet", "fft", STAFF_SOCIAL },
  { "Kontaktperson två gånger i månaden", "contact_person", STAFF_SOCIAL },
};

/* A factor the case was mapped on, and its score as time goes. */
typedef struct
{
  const SamCatalogueEntry *entry;
  SamCatalogueKind         kind;
  int                      score;
} Factor;

typedef struct
{
  const Person *person;
  const Case   *kase;
  guint32       end;          /* the case's closing day, or the reference day */
  Factor        factors[MAX_FACTORS];
  guint         n_factors;
  gint64        goal_ids[MAX_GOALS];
  guint         n_goals;
  gboolean      improving;
} Work;

/* Helpers --------------------------------------------------------------------- */

/* Meetings start on the hour or the half hour, in office hours. */
static void
format_meeting_time (Generator *g,
                     guint32    julian,
                     char       out[21])
{
  char day[11];

  _sam_demo_format_day (julian, day);
  g_snprintf (out, 21, "%sT%02d:%02d:00Z", day, g_rand_int_range (g->rand, 7, 14),
              _sam_demo_chance (g, 50) ? 0 : 30);
}

static gint64
social_agency (Generator *g)
{
  return g->user_agencies[STAFF_SOCIAL];
}

/* Mapping ---------------------------------------------------------------------- */

static void
pick_factors (Generator *g,
              Work      *w)
{
  static const SamCatalogueKind kinds[] = {
    SAM_CATALOGUE_KIND_RISK_FACTOR, SAM_CATALOGUE_KIND_PROTECTIVE_FACTOR,
  };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      guint n_entries;
      const SamCatalogueEntry *entries = sam_catalogue_list (kinds[k], &n_entries);
      guint first = (guint) g_rand_int_range (g->rand, 0, (gint32) n_entries);
      guint n = _sam_demo_days (g, 2, MAX_FACTORS / 2);

      for (guint i = 0; i < MIN (n, n_entries); i++)
        {
          Factor *f = &w->factors[w->n_factors++];

          f->entry = &entries[(first + i * 3) % n_entries];
          f->kind = kinds[k];
          f->score = kinds[k] == SAM_CATALOGUE_KIND_RISK_FACTOR ? (int) _sam_demo_days (g, 1, 3)
                                                                : (int) _sam_demo_days (g, 0, 2);
        }
    }
}

/* Moves each score one step with some chance: the right way more often
 * when the case is going well. */
static void
drift_scores (Generator *g,
              Work      *w)
{
  for (guint i = 0; i < w->n_factors; i++)
    {
      Factor *f = &w->factors[i];
      int better = f->kind == SAM_CATALOGUE_KIND_RISK_FACTOR ? -1 : 1;
      guint roll = (guint) g_rand_int_range (g->rand, 0, 100);

      if (roll < (w->improving ? 45u : 20u))
        f->score = CLAMP (f->score + better, 0, 3);
      else if (roll > (w->improving ? 92u : 80u))
        f->score = CLAMP (f->score - better, 0, 3);
    }
}

static gint64
insert_mapping (Generator  *g,
                Work       *w,
                guint32     day,
                GError    **error)
{
  sqlite3_stmt *stmt = g->stmts[STMT_MAPPING];
  char scored_on[11], recorded_at[21];
  gint64 id;

  _sam_demo_format_day (day, scored_on);
  _sam_demo_format_time (g, day, recorded_at);
  sqlite3_bind_int64 (stmt, 1, w->kase->id);
  sqlite3_bind_text (stmt, 2, scored_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int64 (stmt, 4, g->user_ids[STAFF_SOCIAL]);
  sqlite3_bind_int64 (stmt, 5, social_agency (g));
  sqlite3_bind_text (stmt, 6, recorded_at, -1, SQLITE_TRANSIENT);
  if (!(id = _sam_demo_insert (g, STMT_MAPPING, error)))
    return 0;

  for (guint i = 0; i < w->n_factors; i++)
    {
      sqlite3_stmt *score = g->stmts[STMT_MAPPING_SCORE];

      sqlite3_bind_int64 (score, 1, id);
      sqlite3_bind_text (score, 2, sam_catalogue_kind_to_string (w->factors[i].kind), -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (score, 3, w->factors[i].entry->code, -1, SQLITE_STATIC);
      sqlite3_bind_int (score, 4, w->factors[i].score);
      if (!_sam_demo_insert (g, STMT_MAPPING_SCORE, error))
        return 0;
    }

  if (!_sam_demo_audit_created (g, "mapping", id, w->person->id, w->kase->id, error))
    return 0;

  g->counts.mappings++;
  return id;
}

/* Meetings ---------------------------------------------------------------------- */

static gboolean
insert_participants (Generator  *g,
                     const Work *w,
                     gint64      meeting_id,
                     GError    **error)
{
  sqlite3_stmt *stmt = g->stmts[STMT_PARTICIPANT];

  for (guint i = 0; i < N_STAFF; i++)
    {
      if (!w->kase->team[i])
        continue;
      sqlite3_bind_int64 (stmt, 1, meeting_id);
      sqlite3_bind_int64 (stmt, 2, g->user_ids[i]);
      sqlite3_bind_null (stmt, 3);
      sqlite3_bind_int (stmt, 4, 0);
      if (!_sam_demo_insert (g, STMT_PARTICIPANT, error))
        return FALSE;
    }

  for (guint i = 0; i < w->person->n_guardians; i++)
    {
      if (!w->person->custody[i])
        continue;
      sqlite3_bind_int64 (stmt, 1, meeting_id);
      sqlite3_bind_null (stmt, 2);
      sqlite3_bind_int64 (stmt, 3, w->person->guardian_ids[i]);
      sqlite3_bind_int (stmt, 4, 0);
      if (!_sam_demo_insert (g, STMT_PARTICIPANT, error))
        return FALSE;
    }

  sqlite3_bind_int64 (stmt, 1, meeting_id);
  sqlite3_bind_null (stmt, 2);
  sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int (stmt, 4, 1);
  return _sam_demo_insert (g, STMT_PARTICIPANT, error) != 0;
}

/* A meeting on @day: held if it lies before the reference day (now and
 * then cancelled instead), planned if after it. */
static gboolean
insert_meeting (Generator  *g,
                const Work *w,
                guint32     day,
                gboolean    first,
                GError    **error)
{
  sqlite3_stmt *stmt = g->stmts[STMT_MEETING];
  gboolean past = day < g->reference;
  gboolean cancelled = past && !first && _sam_demo_chance (g, 6);
  const char *status = !past ? "planned" : cancelled ? "cancelled" : "held";
  gboolean held = g_str_equal (status, "held");
  char starts_at[21], created_at[21];
  gint64 id;

  format_meeting_time (g, day, starts_at);
  /* Booked a week or two ahead, never before the case or after today. */
  _sam_demo_format_time (g, MIN (day - MIN (day - w->kase->opened, _sam_demo_days (g, 5, 14)),
                                 g->reference), created_at);

  sqlite3_bind_int64 (stmt, 1, w->kase->id);
  sqlite3_bind_text (stmt, 2, starts_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, _sam_demo_chance (g, 70) ? 60 : 90);
  sqlite3_bind_text (stmt, 4, PICK (g, places), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, agendas[first ? 0 : 1], -1, SQLITE_STATIC);
  _sam_demo_bind_text_or_null (stmt, 7, held ? PICK (g, minutes_texts) : NULL);
  _sam_demo_bind_text_or_null (stmt, 8, held ? PICK (g, decisions_texts) : NULL);
  sqlite3_bind_int64 (stmt, 9, g->user_ids[STAFF_SOCIAL]);
  sqlite3_bind_int64 (stmt, 10, social_agency (g));
  sqlite3_bind_text (stmt, 11, created_at, -1, SQLITE_TRANSIENT);

  if (!(id = _sam_demo_insert (g, STMT_MEETING, error)) ||
      !insert_participants (g, w, id, error) ||
      !_sam_demo_audit_created (g, "meeting", id, w->person->id, w->kase->id, error))
    return FALSE;

  g->counts.meetings++;
  return TRUE;
}

/* The plan ---------------------------------------------------------------------- */

static gboolean
insert_plan_change (Generator   *g,
                    const Work  *w,
                    gint64       goal_id,
                    gint64       action_id,
                    const char  *change,
                    guint        staff,
                    guint32      day,
                    GError     **error)
{
  sqlite3_stmt *stmt = g->stmts[STMT_PLAN_CHANGE];
  char changed_at[21];

  _sam_demo_format_time (g, day, changed_at);
  sqlite3_bind_int64 (stmt, 1, w->kase->id);
  _sam_demo_bind_id_or_null (stmt, 2, goal_id);
  _sam_demo_bind_id_or_null (stmt, 3, action_id);
  sqlite3_bind_text (stmt, 4, change, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, g->user_ids[staff]);
  sqlite3_bind_int64 (stmt, 6, g->user_agencies[staff]);
  sqlite3_bind_text (stmt, 7, changed_at, -1, SQLITE_TRANSIENT);

  return _sam_demo_insert (g, STMT_PLAN_CHANGE, error) != 0;
}

static gboolean
insert_goal (Generator  *g,
             Work       *w,
             guint       which,
             guint32     day,
             GError    **error)
{
  sqlite3_stmt *stmt = g->stmts[STMT_GOAL];
  char created_at[21];
  gint64 id;

  _sam_demo_format_time (g, day, created_at);
  sqlite3_bind_int64 (stmt, 1, w->kase->id);
  sqlite3_bind_text (stmt, 2, goals[which].goal, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, goals[which].indicator, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g->user_ids[STAFF_SOCIAL]);
  sqlite3_bind_int64 (stmt, 5, social_agency (g));
  sqlite3_bind_text (stmt, 6, created_at, -1, SQLITE_TRANSIENT);

  if (!(id = _sam_demo_insert (g, STMT_GOAL, error)) ||
      !insert_plan_change (g, w, id, 0, "created", STAFF_SOCIAL, day, error) ||
      !_sam_demo_audit_created (g, "plan_goal", id, w->person->id, w->kase->id, error))
    return FALSE;

  w->goal_ids[w->n_goals++] = id;
  return TRUE;
}

/* Where an action stands on the reference day, and the day it got there. */
static const char *
action_status (Generator *g,
               const Work *w,
               guint32    start,
               guint32    due,
               guint32   *out_day)
{
  *out_day = MIN (due, w->end);
  if (start > g->reference)
    return "planned";
  if (w->kase->status == SAM_CASE_STATUS_CLOSED)
    return _sam_demo_chance (g, 85) ? "done" : "cancelled";
  if (due < g->reference)
    return _sam_demo_chance (g, 75) ? "done" : _sam_demo_chance (g, 25) ? "cancelled" : "ongoing";

  return "ongoing";
}

static gboolean
insert_action (Generator  *g,
               Work       *w,
               gint64      goal_id,
               guint32     start,
               GError    **error)
{
  sqlite3_stmt *stmt = g->stmts[STMT_ACTION];
  guint which = (guint) g_rand_int_range (g->rand, 0, G_N_ELEMENTS (actions));
  /* The agency that usually carries it out, if it is on the team. */
  guint staff = w->kase->team[actions[which].staff] ? actions[which].staff : STAFF_SOCIAL;
  guint32 due = start + _sam_demo_days (g, 30, 180);
  guint32 status_day;
  const char *status = action_status (g, w, start, due, &status_day);
  char starts_on[11], due_on[11], created_at[21], updated_at[21];
  g_autofree char *change = NULL;
  gint64 id;

  _sam_demo_format_day (start, starts_on);
  _sam_demo_format_day (due, due_on);
  _sam_demo_format_time (g, MIN (start, g->reference), created_at);
  _sam_demo_format_time (g, MIN (status_day, g->reference), updated_at);

  sqlite3_bind_int64 (stmt, 1, w->kase->id);
  _sam_demo_bind_id_or_null (stmt, 2, goal_id);
  sqlite3_bind_text (stmt, 3, actions[which].text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, actions[which].intervention, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, g->user_agencies[staff]);
  sqlite3_bind_int64 (stmt, 6, g->user_ids[staff]);
  sqlite3_bind_text (stmt, 7, starts_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, due_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, status, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 10, g->user_ids[STAFF_SOCIAL]);
  sqlite3_bind_text (stmt, 11, created_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, updated_at, -1, SQLITE_TRANSIENT);

  if (!(id = _sam_demo_insert (g, STMT_ACTION, error)) ||
      !insert_plan_change (g, w, 0, id, "created", STAFF_SOCIAL, MIN (start, g->reference), error) ||
      !_sam_demo_audit_created (g, "plan_action", id, w->person->id, w->kase->id, error))
    return FALSE;
  g->counts.plan_actions++;

  if (g_str_equal (status, "planned"))
    return TRUE;

  /* The responsible agency reports its own action's progress. */
  change = g_strconcat ("status:", status, NULL);
  return insert_plan_change (g, w, 0, id, change, staff,
                             MIN (status_day, g->reference), error);
}

static gboolean
insert_plan (Generator  *g,
             Work       *w,
             guint32     day,
             GError    **error)
{
  guint first = (guint) g_rand_int_range (g->rand, 0, G_N_ELEMENTS (goals));
  guint n_goals = _sam_demo_days (g, 1, MAX_GOALS);

  for (guint i = 0; i < n_goals; i++)
    {
      if (!insert_goal (g, w, (first + i) % G_N_ELEMENTS (goals), day, error))
        return FALSE;

      for (guint a = 0, n = _sam_demo_days (g, 1, 2); a < n; a++)
        if (!insert_action (g, w, w->goal_ids[i], MIN (day + _sam_demo_days (g, 0, 14), w->end), error))
          return FALSE;
    }

  return TRUE;
}

/* Follow-ups --------------------------------------------------------------------- */

static gboolean
insert_attainment (Generator  *g,
                   const Work *w,
                   gint64      follow_up_id,
                   guint       round,
                   GError    **error)
{
  for (guint i = 0; i < w->n_goals; i++)
    {
      sqlite3_stmt *stmt = g->stmts[STMT_ATTAINMENT];
      /* Not inside CLAMP (), which would draw the random part twice. */
      int rating = (int) MIN (round, 3u) + (w->improving ? 1 : 0) + g_rand_int_range (g->rand, -1, 2);

      sqlite3_bind_int64 (stmt, 1, follow_up_id);
      sqlite3_bind_int64 (stmt, 2, w->goal_ids[i]);
      sqlite3_bind_int (stmt, 3, CLAMP (rating, 0, 4));
      if (!_sam_demo_insert (g, STMT_ATTAINMENT, error))
        return FALSE;
    }

  return TRUE;
}

/* A follow-up due on @due: held (with a new mapping and the goals rated)
 * when @held, else scheduled. */
static gboolean
insert_follow_up (Generator  *g,
                  Work       *w,
                  guint32     due,
                  gboolean    held,
                  guint       round,
                  GError    **error)
{
  sqlite3_stmt *stmt = g->stmts[STMT_FOLLOW_UP];
  guint32 held_day = MIN (due + _sam_demo_days (g, 0, 6), MIN (w->end, g->reference));
  char due_on[11], held_on[11], created_at[21], updated_at[21];
  gint64 mapping_id = 0, id;

  if (held)
    {
      drift_scores (g, w);
      if (!(mapping_id = insert_mapping (g, w, held_day, error)))
        return FALSE;
      _sam_demo_format_day (held_day, held_on);
    }

  _sam_demo_format_day (due, due_on);
  _sam_demo_format_time (g, MIN (due - 60, g->reference), created_at);
  _sam_demo_format_time (g, held ? held_day : MIN (due - 60, g->reference), updated_at);

  sqlite3_bind_int64 (stmt, 1, w->kase->id);
  sqlite3_bind_text (stmt, 2, due_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, held ? "held" : "scheduled", -1, SQLITE_STATIC);
  _sam_demo_bind_text_or_null (stmt, 4, held ? held_on : NULL);
  _sam_demo_bind_text_or_null (stmt, 5, held ? PICK (g, follow_up_notes) : NULL);
  _sam_demo_bind_id_or_null (stmt, 6, mapping_id);
  sqlite3_bind_int64 (stmt, 7, g->user_ids[STAFF_SOCIAL]);
  sqlite3_bind_int64 (stmt, 8, social_agency (g));
  sqlite3_bind_text (stmt, 9, created_at, -1, SQLITE_TRANSIENT);
  _sam_demo_bind_id_or_null (stmt, 10, held ? g->user_ids[STAFF_SOCIAL] : 0);
  sqlite3_bind_text (stmt, 11, updated_at, -1, SQLITE_TRANSIENT);

  if (!(id = _sam_demo_insert (g, STMT_FOLLOW_UP, error)) ||
      (held && !insert_attainment (g, w, id, round, error)) ||
      !_sam_demo_audit_created (g, "follow_up", id, w->person->id, w->kase->id, error))
    return FALSE;

  g->counts.follow_ups++;
  return TRUE;
}

/* Every 70 to 110 days after the first meeting until the case ends; the
 * next one after the reference day is scheduled, and an open case now and
 * then has one left overdue. */
static gboolean
insert_follow_ups (Generator  *g,
                   Work       *w,
                   guint32     first_meeting,
                   GError    **error)
{
  gboolean open = w->kase->status != SAM_CASE_STATUS_CLOSED;

  for (guint32 due = first_meeting + _sam_demo_days (g, 70, 110), round = 1;
       due <= w->end || open;
       due += _sam_demo_days (g, 70, 110), round++)
    {
      gboolean overdue = open && due < g->reference && _sam_demo_chance (g, 8);
      gboolean held = due <= w->end && due < g->reference && !overdue;

      if (!insert_follow_up (g, w, due, held, round, error))
        return FALSE;
      if (held && _sam_demo_chance (g, 70) &&
          !insert_meeting (g, w, MIN (due, w->end), FALSE, error))
        return FALSE;
      if (!held)
        break;
    }

  return TRUE;
}

/* Public to sam-demo.c ------------------------------------------------------------ */

/* The SSPF work on case @c of person @p. A case still waiting for consent
 * has at most a planned meeting to ask for it. */
gboolean
_sam_demo_insert_work (Generator     *g,
                       const Person  *p,
                       const Case    *c,
                       GError       **error)
{
  Work w = { .person = p, .kase = c };
  guint32 first_meeting = c->opened + _sam_demo_days (g, 7, 25);

  w.end = c->closed != 0 ? c->closed : g->reference;
  w.improving = g_strcmp0 (c->closing_reason, "goals_met") == 0 || _sam_demo_chance (g, 50);

  if (c->status == SAM_CASE_STATUS_PENDING_CONSENT)
    return !_sam_demo_chance (g, 50) ||
           insert_meeting (g, &w, g->reference + _sam_demo_days (g, 1, 21), TRUE, error);

  /* A case closed before its first meeting, such as one whose consent was
   * declined, has no SSPF work. */
  if (c->closed != 0 && first_meeting > c->closed)
    return TRUE;

  if (!insert_meeting (g, &w, first_meeting, TRUE, error))
    return FALSE;
  if (first_meeting >= g->reference)
    return TRUE;

  pick_factors (g, &w);
  if (!insert_mapping (g, &w, first_meeting, error) ||
      !insert_plan (g, &w, first_meeting, error) ||
      !insert_follow_ups (g, &w, first_meeting, error))
    return FALSE;

  /* Open cases have their next network meeting booked now and then. */
  if (c->status != SAM_CASE_STATUS_CLOSED && _sam_demo_chance (g, 40))
    return insert_meeting (g, &w, g->reference + _sam_demo_days (g, 1, 30), FALSE, error);

  return TRUE;
}
