/* sam-case-row.c: one row of the case list
 *
 * What a case list shows of one case, read once when its page is loaded
 * and never changed afterwards: a fresh listing brings fresh rows. All
 * properties are read-only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-case-row"

#include "config.h"

#include "sam-case-row.h"

#include <glib/gi18n-lib.h>

struct _SamCaseRow
{
  GObject        parent_instance;

  gint64         id;
  char          *number;
  gint64         person_id;
  char          *person_name;
  guint          age;
  SamCaseStatus  status;
  gint64         coordinator_id;
  char          *opened_at;
  char          *next_date;
  guint          consent_in_force : 1;
  guint          placeholder : 1;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NUMBER,
  PROP_PERSON_ID,
  PROP_PERSON_NAME,
  PROP_AGE,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  PROP_COORDINATOR_ID,
  PROP_OPENED_AT,
  PROP_NEXT_DATE,
  PROP_CONSENT_IN_FORCE,
  PROP_PLACEHOLDER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (SamCaseRow, sam_case_row, G_TYPE_OBJECT)

static void
sam_case_row_finalize (GObject *object)
{
  SamCaseRow *self = (SamCaseRow *)object;

  g_clear_pointer (&self->number, g_free);
  g_clear_pointer (&self->person_name, g_free);
  g_clear_pointer (&self->opened_at, g_free);
  g_clear_pointer (&self->next_date, g_free);

  G_OBJECT_CLASS (sam_case_row_parent_class)->finalize (object);
}

static void
sam_case_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SamCaseRow *self = SAM_CASE_ROW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;

    case PROP_PERSON_ID:
      g_value_set_int64 (value, self->person_id);
      break;

    case PROP_PERSON_NAME:
      g_value_set_string (value, self->person_name);
      break;

    case PROP_AGE:
      g_value_set_uint (value, self->age);
      break;

    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;

    case PROP_STATUS_LABEL:
      g_value_set_string (value, sam_case_row_get_status_label (self));
      break;

    case PROP_COORDINATOR_ID:
      g_value_set_int64 (value, self->coordinator_id);
      break;

    case PROP_OPENED_AT:
      g_value_set_string (value, self->opened_at);
      break;

    case PROP_NEXT_DATE:
      g_value_set_string (value, self->next_date);
      break;

    case PROP_CONSENT_IN_FORCE:
      g_value_set_boolean (value, self->consent_in_force);
      break;

    case PROP_PLACEHOLDER:
      g_value_set_boolean (value, self->placeholder);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_case_row_class_init (SamCaseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = sam_case_row_finalize;
  object_class->get_property = sam_case_row_get_property;

  /**
   * SamCaseRow:id:
   *
   * The case's id.
   */
  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);

  /**
   * SamCaseRow:number:
   *
   * The case number, `SV-YYYY-NNNN`.
   */
  properties [PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL, NULL, flags);

  /**
   * SamCaseRow:person-id:
   *
   * The young person's id.
   */
  properties [PROP_PERSON_ID] =
    g_param_spec_int64 ("person-id", NULL, NULL, 0, G_MAXINT64, 0, flags);

  /**
   * SamCaseRow:person-name:
   *
   * The young person's name as lists show it: "Family, Given".
   */
  properties [PROP_PERSON_NAME] =
    g_param_spec_string ("person-name", NULL, NULL, NULL, flags);

  /**
   * SamCaseRow:age:
   *
   * The young person's age in whole years on the day the row was read.
   */
  properties [PROP_AGE] =
    g_param_spec_uint ("age", NULL, NULL, 0, G_MAXUINT, 0, flags);

  /**
   * SamCaseRow:status:
   *
   * The case's status, a #SamCaseStatus.
   */
  properties [PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL, 0, SAM_N_CASE_STATUSES - 1, 0, flags);

  /**
   * SamCaseRow:status-label:
   *
   * The status as a person reads it, translated.
   */
  properties [PROP_STATUS_LABEL] =
    g_param_spec_string ("status-label", NULL, NULL, NULL, flags);

  /**
   * SamCaseRow:coordinator-id:
   *
   * The user id of the case's coordinator, or 0 when it has none.
   */
  properties [PROP_COORDINATOR_ID] =
    g_param_spec_int64 ("coordinator-id", NULL, NULL, 0, G_MAXINT64, 0, flags);

  /**
   * SamCaseRow:opened-at:
   *
   * When the case was opened, ISO 8601 UTC: the list's sort key.
   */
  properties [PROP_OPENED_AT] =
    g_param_spec_string ("opened-at", NULL, NULL, NULL, flags);

  /**
   * SamCaseRow:next-date:
   *
   * The next date due on the case, `YYYY-MM-DD`. Always %NULL for now:
   * meetings and follow-ups, which set it, are not stored yet.
   */
  properties [PROP_NEXT_DATE] =
    g_param_spec_string ("next-date", NULL, NULL, NULL, flags);

  /**
   * SamCaseRow:consent-in-force:
   *
   * Whether a consent was in force on the case when the row was read,
   * for the consent badge. The same test as the access policy's.
   */
  properties [PROP_CONSENT_IN_FORCE] =
    g_param_spec_boolean ("consent-in-force", NULL, NULL, FALSE, flags);

  /**
   * SamCaseRow:placeholder:
   *
   * Whether the row stands in for one whose page is still being read. A
   * placeholder has id 0 and empty texts; the list replaces it with the
   * real row, emitting #GListModel::items-changed, once the page is in.
   */
  properties [PROP_PLACEHOLDER] =
    g_param_spec_boolean ("placeholder", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sam_case_row_init (SamCaseRow *self)
{
}

/**
 * _sam_case_row_new:
 * @id: the case
 * @number: its number
 * @person_id: the young person
 * @family_name: their family name
 * @given_name: their given names
 * @age: their age in years today
 * @status: the case's status
 * @coordinator_id: its coordinator, or 0
 * @opened_at: when it was opened
 * @consent_in_force: whether a consent is in force
 *
 * Returns: (transfer full): a new row
 */
SamCaseRow *
_sam_case_row_new (gint64         id,
                   const char    *number,
                   gint64         person_id,
                   const char    *family_name,
                   const char    *given_name,
                   guint          age,
                   SamCaseStatus  status,
                   gint64         coordinator_id,
                   const char    *opened_at,
                   gboolean       consent_in_force)
{
  SamCaseRow *self;

  g_return_val_if_fail (status < SAM_N_CASE_STATUSES, NULL);

  self = g_object_new (SAM_TYPE_CASE_ROW, NULL);
  self->id = id;
  self->number = g_strdup (number);
  self->person_id = person_id;
  /* Translators: a young person's name in the case list: family name,
   * then given names. */
  self->person_name = g_strdup_printf (C_("person name", "%s, %s"), family_name, given_name);
  self->age = age;
  self->status = status;
  self->coordinator_id = coordinator_id;
  self->opened_at = g_strdup (opened_at);
  self->consent_in_force = !!consent_in_force;

  return self;
}

gint64
sam_case_row_get_id (SamCaseRow *self)
{
  g_return_val_if_fail (SAM_IS_CASE_ROW (self), 0);

  return self->id;
}

const char *
sam_case_row_get_number (SamCaseRow *self)
{
  g_return_val_if_fail (SAM_IS_CASE_ROW (self), NULL);

  return self->number;
}

gint64
sam_case_row_get_person_id (SamCaseRow *self)
{
  g_return_val_if_fail (SAM_IS_CASE_ROW (self), 0);

  return self->person_id;
}

/**
 * sam_case_row_get_person_name:
 * @self: a #SamCaseRow
 *
 * Returns: the young person's name, "Family, Given"
 */
const char *
sam_case_row_get_person_name (SamCaseRow *self)
{
  g_return_val_if_fail (SAM_IS_CASE_ROW (self), NULL);

  return self->person_name;
}

guint
sam_case_row_get_age (SamCaseRow *self)
{
  g_return_val_if_fail (SAM_IS_CASE_ROW (self), 0);

  return self->age;
}

SamCaseStatus
sam_case_row_get_status (SamCaseRow *self)
{
  g_return_val_if_fail (SAM_IS_CASE_ROW (self), SAM_CASE_STATUS_PENDING_CONSENT);

  return self->status;
}

/**
 * sam_case_row_get_status_label:
 * @self: a #SamCaseRow
 *
 * Returns: the status, translated, as sam_case_status_get_label() gives it
 */
const char *
sam_case_row_get_status_label (SamCaseRow *self)
{
  g_return_val_if_fail (SAM_IS_CASE_ROW (self), NULL);

  return sam_case_status_get_label (self->status);
}

gint64
sam_case_row_get_coordinator_id (SamCaseRow *self)
{
  g_return_val_if_fail (SAM_IS_CASE_ROW (self), 0);

  return self->coordinator_id;
}

const char *
sam_case_row_get_opened_at (SamCaseRow *self)
{
  g_return_val_if_fail (SAM_IS_CASE_ROW (self), NULL);

  return self->opened_at;
}

/**
 * sam_case_row_get_next_date:
 * @self: a #SamCaseRow
 *
 * Returns: (nullable): the next date due, `YYYY-MM-DD`; %NULL until
 *   meetings and follow-ups are stored
 */
const char *
sam_case_row_get_next_date (SamCaseRow *self)
{
  g_return_val_if_fail (SAM_IS_CASE_ROW (self), NULL);

  return self->next_date;
}

/**
 * sam_case_row_get_consent_in_force:
 * @self: a #SamCaseRow
 *
 * Returns: whether a consent was in force when the row was read
 */
gboolean
sam_case_row_get_consent_in_force (SamCaseRow *self)
{
  g_return_val_if_fail (SAM_IS_CASE_ROW (self), FALSE);

  return self->consent_in_force;
}

/**
 * _sam_case_row_new_placeholder:
 *
 * Returns: (transfer full): a row that stands in for one not read yet
 */
SamCaseRow *
_sam_case_row_new_placeholder (void)
{
  SamCaseRow *self = g_object_new (SAM_TYPE_CASE_ROW, NULL);

  self->number = g_strdup ("");
  self->person_name = g_strdup ("");
  self->opened_at = g_strdup ("");
  self->placeholder = TRUE;

  return self;
}

/**
 * sam_case_row_get_is_placeholder:
 * @self: a #SamCaseRow
 *
 * Returns: whether @self stands in for a row whose page is being read
 */
gboolean
sam_case_row_get_is_placeholder (SamCaseRow *self)
{
  g_return_val_if_fail (SAM_IS_CASE_ROW (self), FALSE);

  return self->placeholder;
}
