/* sam-demo.h: a demo database with one user per role and made-up cases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sam-role.h"

G_BEGIN_DECLS

/* Every demo user is called by the id of their role (e.g. "social") and has
 * the passphrase "ROLE-demo" (e.g. "social-demo"). README lists them. */
#define SAM_DEMO_PASSPHRASE_SUFFIX "-demo"

/* The day the generated history ends; fixed, so that a seed always gives
 * the same data. Everything generated lies in the three years before it. */
#define SAM_DEMO_REFERENCE_DATE "2026-11-01"

/**
 * SamDemoCounts:
 * @persons: young persons
 * @persons_without_number: young persons with no personnummer, because the
 *   demo series has only two numbers per birth date
 * @guardians: guardians
 * @cases: cases
 * @concerns: concerns
 * @consents: consents
 * @notes: notes
 * @mappings: factor mappings, the first of each case and those of its
 *   follow-ups
 * @meetings: SSPF meetings, held, planned or cancelled
 * @plan_actions: actions of the plans
 * @follow_ups: follow-ups, held or scheduled
 * @audit_rows: audit rows written for them
 *
 * What sam_demo_create_full() generated.
 */
typedef struct
{
  guint   persons;
  guint   persons_without_number;
  guint   guardians;
  guint   cases;
  guint   concerns;
  guint   consents;
  guint   notes;
  guint   mappings;
  guint   meetings;
  guint   plan_actions;
  guint   follow_ups;
  guint64 audit_rows;
} SamDemoCounts;

gboolean sam_demo_create        (const char     *path,
                                 GError        **error);
gboolean sam_demo_create_scaled (const char     *path,
                                 guint           scale,
                                 guint32         seed,
                                 GError        **error);
gboolean sam_demo_create_full   (const char     *path,
                                 guint           scale,
                                 guint32         seed,
                                 SamDemoCounts  *out_counts,
                                 GError        **error);

G_END_DECLS
