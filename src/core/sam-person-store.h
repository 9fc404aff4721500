/* sam-person-store.h: young persons and their guardians
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-session.h"

G_BEGIN_DECLS

/**
 * SamGender:
 * @SAM_GENDER_UNKNOWN: not known or not stated
 * @SAM_GENDER_FEMALE: female
 * @SAM_GENDER_MALE: male
 * @SAM_GENDER_OTHER: another gender
 *
 * The gender the anonymised summaries count (DESIGN §6).
 */
typedef enum
{
  SAM_GENDER_UNKNOWN,
  SAM_GENDER_FEMALE,
  SAM_GENDER_MALE,
  SAM_GENDER_OTHER,
  SAM_N_GENDERS
} SamGender;

/**
 * SamPerson:
 * @id: the person's id
 * @personnummer: (nullable): twelve digits, `YYYYMMDDNNNC`
 * @given_name: given names
 * @family_name: family name
 * @birth_date: `YYYY-MM-DD`
 * @gender: see #SamGender
 * @address: (nullable): the address, or %NULL when none or hidden
 * @school_id: the school (an agency of kind school), or 0 when none or hidden
 * @school_name: (nullable): its name
 * @area_id: the area, or 0 when none or hidden
 * @area_name: (nullable): its name
 * @protected_identity: the person has a protected identity (skyddad
 *   identitet)
 * @hidden_protected: address, school and area were withheld from this
 *   viewer because of the protected identity
 * @demo: a made-up person (demo series number or demo database)
 *
 * A young person as one viewer may see them. Free with sam_person_free().
 */
typedef struct
{
  gint64     id;
  char      *personnummer;
  char      *given_name;
  char      *family_name;
  char      *birth_date;
  SamGender  gender;
  char      *address;
  gint64     school_id;
  char      *school_name;
  gint64     area_id;
  char      *area_name;
  gboolean   protected_identity;
  gboolean   hidden_protected;
  gboolean   demo;
} SamPerson;

/**
 * SamPersonDraft:
 * @personnummer: (nullable): the personnummer or samordningsnummer as typed,
 *   10 or 12 digits; %NULL or empty when not known
 * @given_name: given names, 1 to %SAM_NAME_MAX_CHARS characters on one line
 * @family_name: family name, likewise
 * @birth_date: (nullable): `YYYY-MM-DD`; required without a personnummer,
 *   and must agree with it when both are given
 * @gender: (nullable): "female", "male", "other" or "unknown"; %NULL or
 *   empty takes the legal sex the personnummer encodes, else "unknown"
 * @address: (nullable): up to %SAM_SHORT_TEXT_MAX_CHARS characters on one line
 * @school_id: an agency of kind school, or 0
 * @area_id: an area, or 0
 * @protected_identity: the person has a protected identity
 *
 * What the registration form hands in. Every pointer is borrowed.
 */
typedef struct
{
  const char *personnummer;
  const char *given_name;
  const char *family_name;
  const char *birth_date;
  const char *gender;
  const char *address;
  gint64      school_id;
  gint64      area_id;
  gboolean    protected_identity;
} SamPersonDraft;

/**
 * SamPersonMatchKind:
 * @SAM_PERSON_MATCH_PERSONNUMMER: the same personnummer
 * @SAM_PERSON_MATCH_NAME_AND_BIRTH_DATE: the same birth date, family name
 *   and a given name in common, ignoring case and accents
 *
 * Why a registered person was offered as a possible duplicate.
 */
typedef enum
{
  SAM_PERSON_MATCH_PERSONNUMMER,
  SAM_PERSON_MATCH_NAME_AND_BIRTH_DATE,
} SamPersonMatchKind;

/**
 * SamPersonMatch:
 * @id: the registered person's id
 * @given_name: their given names
 * @family_name: their family name
 * @birth_date: `YYYY-MM-DD`
 * @match: why they were offered
 *
 * A possible duplicate: just what a reporter needs to pick the right young
 * person, nothing more. Free with sam_person_match_free().
 */
typedef struct
{
  gint64              id;
  char               *given_name;
  char               *family_name;
  char               *birth_date;
  SamPersonMatchKind  match;
} SamPersonMatch;

/**
 * SamGuardian:
 * @id: the guardian's id
 * @person_id: the young person they are guardian of
 * @name: full name
 * @personnummer: (nullable): twelve digits
 * @phone: (nullable): phone number
 * @custody: whether they have custody (vårdnad); every guardian with
 *   custody must sign the consent
 *
 * A guardian (vårdnadshavare) or other parent. Free with sam_guardian_free().
 */
typedef struct
{
  gint64    id;
  gint64    person_id;
  char     *name;
  char     *personnummer;
  char     *phone;
  gboolean  custody;
} SamGuardian;

/**
 * SamGuardianDraft:
 * @name: full name, 1 to %SAM_NAME_MAX_CHARS characters on one line
 * @personnummer: (nullable): as typed, 10 or 12 digits
 * @phone: (nullable): up to 40 characters: digits, spaces, + and -
 * @custody: whether they have custody
 *
 * What the guardian form hands in. Every pointer is borrowed.
 */
typedef struct
{
  const char *name;
  const char *personnummer;
  const char *phone;
  gboolean    custody;
} SamGuardianDraft;

const char     *sam_gender_to_string              (SamGender               gender);
gboolean        sam_gender_from_string            (const char             *string,
                                                   SamGender              *out_gender);
const char     *sam_gender_get_label              (SamGender               gender);

void            sam_person_free                   (SamPerson              *person);
void            sam_person_match_free             (SamPersonMatch         *match);
void            sam_guardian_free                 (SamGuardian            *guardian);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamPerson, sam_person_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamPersonMatch, sam_person_match_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamGuardian, sam_guardian_free)

GPtrArray      *sam_person_store_find_duplicates  (SamSession             *session,
                                                   const char             *personnummer,
                                                   const char             *given_name,
                                                   const char             *family_name,
                                                   const char             *birth_date,
                                                   GError                **error);
SamPerson      *sam_person_store_create           (SamSession             *session,
                                                   const SamPersonDraft   *draft,
                                                   GError                **error);
SamPerson      *sam_person_store_get              (SamSession             *session,
                                                   gint64                  person_id,
                                                   GError                **error);
SamGuardian    *sam_person_store_add_guardian     (SamSession             *session,
                                                   gint64                  person_id,
                                                   const SamGuardianDraft *draft,
                                                   GError                **error);
GPtrArray      *sam_person_store_list_guardians   (SamSession             *session,
                                                   gint64                  person_id,
                                                   GError                **error);

G_END_DECLS
