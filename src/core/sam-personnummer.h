/* sam-personnummer.h: Swedish personal identity and coordination numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * SamLegalSex:
 * @SAM_LEGAL_SEX_FEMALE: the second-to-last digit is even
 * @SAM_LEGAL_SEX_MALE: the second-to-last digit is odd
 *
 * The legal sex registered with Skatteverket, as the number encodes it. It
 * is not the person's gender identity, and a person whose registered sex
 * changes gets a new number. Samverka uses it only for the anonymised
 * statistics of DESIGN §6; never show it as a fact about the person.
 */
typedef enum
{
  SAM_LEGAL_SEX_FEMALE,
  SAM_LEGAL_SEX_MALE,
} SamLegalSex;

/**
 * SamPersonnummer:
 * @normalized: twelve digits and a NUL, `YYYYMMDDNNNC`. A coordination
 *   number keeps its day + 60 here, the way Skatteverket stores it, so the
 *   two kinds of number never collide.
 * @birth_date: the birth date the number encodes (for a coordination
 *   number, the day with 60 taken off)
 * @is_coordination_number: %TRUE for a samordningsnummer, whose day of
 *   month is 61–91
 * @legal_sex: see #SamLegalSex
 *
 * A parsed, checked personnummer or samordningsnummer. It is a plain value:
 * copy it with `=`, and there is nothing to free.
 */
typedef struct
{
  char         normalized[13];
  GDate        birth_date;
  gboolean     is_coordination_number;
  SamLegalSex  legal_sex;
} SamPersonnummer;

gboolean  sam_personnummer_parse           (const char             *text,
                                            GDateTime              *today,
                                            SamPersonnummer        *out,
                                            GError                **error);
char     *sam_personnummer_format          (const SamPersonnummer  *pnr);
char     *sam_personnummer_format_short    (const SamPersonnummer  *pnr,
                                            GDateTime              *today);

gboolean  sam_personnummer_is_demo_series  (const SamPersonnummer  *pnr);
void      sam_personnummer_generate_demo   (GRand                  *rand,
                                            const GDate            *birth_date_in,
                                            SamPersonnummer        *out);

G_END_DECLS
