/* sam-catalogue.h: the seeded catalogues of the SSPF case flow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * SamCatalogueKind:
 * @SAM_CATALOGUE_KIND_CONCERN_CATEGORY: what a concern is about
 * @SAM_CATALOGUE_KIND_RISK_FACTOR: a risk factor, scored in the mapping
 * @SAM_CATALOGUE_KIND_PROTECTIVE_FACTOR: a protective factor, scored in the
 *   mapping
 * @SAM_CATALOGUE_KIND_INTERVENTION: a plan action's intervention type, with
 *   its evidence level
 * @SAM_CATALOGUE_KIND_TARGET_AREA: one of the crime-prevention programme's
 *   three target areas (målområden)
 * @SAM_CATALOGUE_KIND_LONG_TERM_EFFORT: one of the programme's prioritised
 *   long-term efforts (långsiktiga insatser)
 * @SAM_CATALOGUE_KIND_PREVENTION_LEVEL: selective or indicated prevention
 * @SAM_CATALOGUE_KIND_CLOSING_REASON: why a case was closed
 *
 * The kinds of catalogue. Their string forms are the values of the
 * `catalogue.kind` column.
 */
typedef enum
{
  SAM_CATALOGUE_KIND_CONCERN_CATEGORY,
  SAM_CATALOGUE_KIND_RISK_FACTOR,
  SAM_CATALOGUE_KIND_PROTECTIVE_FACTOR,
  SAM_CATALOGUE_KIND_INTERVENTION,
  SAM_CATALOGUE_KIND_TARGET_AREA,
  SAM_CATALOGUE_KIND_LONG_TERM_EFFORT,
  SAM_CATALOGUE_KIND_PREVENTION_LEVEL,
  SAM_CATALOGUE_KIND_CLOSING_REASON,
  SAM_N_CATALOGUE_KINDS
} SamCatalogueKind;

/**
 * SamEvidenceLevel:
 * @SAM_EVIDENCE_LEVEL_NONE: not an intervention; no level applies
 * @SAM_EVIDENCE_LEVEL_ESTABLISHED: effects shown in several controlled
 *   studies, summarised in systematic reviews
 * @SAM_EVIDENCE_LEVEL_PROMISING: some controlled studies show effects, but
 *   results are mixed or few
 * @SAM_EVIDENCE_LEVEL_UNCERTAIN: not evaluated well enough to say
 *
 * How well an intervention's effect on young people's norm-breaking
 * behaviour is known, as the catalogue's authors read the research.
 */
typedef enum
{
  SAM_EVIDENCE_LEVEL_NONE,
  SAM_EVIDENCE_LEVEL_ESTABLISHED,
  SAM_EVIDENCE_LEVEL_PROMISING,
  SAM_EVIDENCE_LEVEL_UNCERTAIN,
  SAM_N_EVIDENCE_LEVELS
} SamEvidenceLevel;

/**
 * SamCatalogueEntry:
 * @kind: the catalogue it belongs to
 * @code: a stable ASCII id (`[a-z0-9_]`), stored in records; never reused
 *   for another meaning
 * @label_en: the English label, marked for translation
 * @label_sv: the Swedish label, as written to the database and to exports
 * @evidence_level: for an intervention, its evidence level; otherwise
 *   %SAM_EVIDENCE_LEVEL_NONE
 * @sort: the position in lists of its kind, ascending
 *
 * One entry of a catalogue. Entries are static: never free them.
 */
typedef struct
{
  SamCatalogueKind  kind;
  const char       *code;
  const char       *label_en;
  const char       *label_sv;
  SamEvidenceLevel  evidence_level;
  guint             sort;
} SamCatalogueEntry;

const SamCatalogueEntry *sam_catalogue_lookup              (SamCatalogueKind          kind,
                                                            const char               *code);
const SamCatalogueEntry *sam_catalogue_list                (SamCatalogueKind          kind,
                                                            guint                    *n_entries);
const char              *sam_catalogue_entry_get_label     (const SamCatalogueEntry  *entry);

const char              *sam_catalogue_kind_to_string      (SamCatalogueKind          kind);
gboolean                 sam_catalogue_kind_from_string    (const char               *string,
                                                            SamCatalogueKind         *out_kind);
const char              *sam_catalogue_kind_get_label      (SamCatalogueKind          kind);

const char              *sam_evidence_level_to_string      (SamEvidenceLevel          level);
const char              *sam_evidence_level_get_label      (SamEvidenceLevel          level);

G_END_DECLS
