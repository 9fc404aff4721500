/* sam-demo-private.h: the demo generator's state, shared by sam-demo.c
 * (the directory, young persons, concerns, cases, consents and notes) and
 * sam-demo-work.c (the SSPF work on each case: mapping, meetings, plan and
 * follow-ups).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "sam-case-store.h"
#include "sam-database.h"
#include "sam-demo.h"

G_BEGIN_DECLS

typedef enum
{
  STMT_PERSON,
  STMT_GUARDIAN,
  STMT_CASE,
  STMT_TEAM,
  STMT_TARGET_AREA,
  STMT_CONCERN,
  STMT_CONCERN_CODE,
  STMT_CONSENT,
  STMT_SIGNATORY,
  STMT_CONSENT_AGENCY,
  STMT_NOTE,
  STMT_CASE_NUMBER,
  STMT_MAPPING,
  STMT_MAPPING_SCORE,
  STMT_MEETING,
  STMT_PARTICIPANT,
  STMT_GOAL,
  STMT_ACTION,
  STMT_PLAN_CHANGE,
  STMT_FOLLOW_UP,
  STMT_ATTAINMENT,
  N_STMTS
} Stmt;

/* The staff roles that report concerns, sit on teams and write notes. */
enum { STAFF_SCHOOL, STAFF_LEISURE, STAFF_POLICE, STAFF_SOCIAL, STAFF_COORDINATOR, N_STAFF };

typedef struct
{
  gint64   id;
  gint64   area_id;
} School;

typedef struct
{
  SamDatabase    *database;
  sqlite3        *db;
  GRand          *rand;
  sqlite3_stmt   *stmts[N_STMTS];
  guint32         reference;       /* Julian day */
  gint64          user_ids[N_STAFF];
  gint64          user_agencies[N_STAFF];
  GArray         *area_ids;        /* gint64 */
  GArray         *schools;         /* School */
  GHashTable     *used_numbers;    /* personnummer → itself */
  guint           first_year;      /* of case_counters */
  guint           case_counters[5];/* cases opened per year */
  guint           rows_since_commit;
  SamDemoCounts   counts;
} Generator;

typedef struct
{
  gint64       id;
  guint32      birth;
  guint32      first_day;
  guint        reporter;            /* the STAFF_ who reported first */
  gint64       guardian_ids[2];
  gboolean     custody[2];
  guint        n_guardians;
} Person;

typedef struct
{
  gint64         id;
  SamCaseStatus  status;
  const char    *closing_reason;
  guint32        opened;
  guint32        closed;            /* 0: open */
  gboolean       team[N_STAFF];
} Case;

const char *_sam_demo_pick               (Generator          *g,
                                         const char * const *list,
                                         guint               n);
#define PICK(g, list) _sam_demo_pick ((g), (list), G_N_ELEMENTS (list))
gboolean    _sam_demo_chance             (Generator          *g,
                                         guint               percent);
guint32     _sam_demo_days               (Generator          *g,
                                         guint               from,
                                         guint               to);
void        _sam_demo_format_day         (guint32             julian,
                                         char                out[11]);
void        _sam_demo_format_time        (Generator          *g,
                                         guint32             julian,
                                         char                out[21]);
void        _sam_demo_bind_text_or_null  (sqlite3_stmt       *stmt,
                                         int                 index,
                                         const char         *text);
void        _sam_demo_bind_id_or_null    (sqlite3_stmt       *stmt,
                                         int                 index,
                                         gint64              id);
gint64      _sam_demo_insert             (Generator          *g,
                                         Stmt                which,
                                         GError            **error);
gboolean    _sam_demo_audit_created      (Generator          *g,
                                         const char         *object_type,
                                         gint64              object_id,
                                         gint64              person_id,
                                         gint64              case_id,
                                         GError            **error);

gboolean    _sam_demo_insert_work        (Generator          *g,
                                         const Person       *p,
                                         const Case         *c,
                                         GError            **error);

G_END_DECLS
