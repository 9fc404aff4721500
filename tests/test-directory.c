/* test-directory.c: users, agencies and the role policy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sam-database-private.h"
#include "sam-test-util.h"

#define USER_PASSPHRASE "user passphrase 123"

/* The expected policy, written out independently of sam-policy.c:
 * rows are roles, columns operations, 1 = allowed. */
/* The administrative operations come first in SamOperation; the
 * person-level ones are tested as a matrix in test-policy.c. */
#define N_DIRECTORY_OPERATIONS (SAM_OPERATION_AREA_ADD + 1)
G_STATIC_ASSERT (N_DIRECTORY_OPERATIONS == 12);  /* a new one needs a column below */

static const gboolean expected_policy[SAM_N_ROLES][N_DIRECTORY_OPERATIONS] = {
  /*                     list add dis reset alist aadd verify backup restore audit role area */
  [SAM_ROLE_SCHOOL]      = { 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 },
  [SAM_ROLE_LEISURE]     = { 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 },
  [SAM_ROLE_POLICE]      = { 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 },
  [SAM_ROLE_SOCIAL]      = { 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 },
  [SAM_ROLE_COORDINATOR] = { 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 },
  [SAM_ROLE_MANAGER]     = { 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 },
  [SAM_ROLE_ADMIN]       = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 },
};

static const struct
{
  SamRole     role;
  const char *agency;
  SamAgencyKind kind;
} role_agencies[] = {
  { SAM_ROLE_SCHOOL, "Ekholmsskolan", SAM_AGENCY_KIND_SCHOOL },
  { SAM_ROLE_LEISURE, "Fritidsgården Ryd", SAM_AGENCY_KIND_LEISURE },
  { SAM_ROLE_POLICE, "Lokalpolisområde Linköping", SAM_AGENCY_KIND_POLICE },
  { SAM_ROLE_SOCIAL, "Socialtjänsten", SAM_AGENCY_KIND_SOCIAL_SERVICES },
  { SAM_ROLE_COORDINATOR, "Socialtjänsten", SAM_AGENCY_KIND_SOCIAL_SERVICES },
  { SAM_ROLE_MANAGER, "Kommunledningsförvaltningen", SAM_AGENCY_KIND_ADMINISTRATION },
  { SAM_ROLE_ADMIN, "Kommunledningsförvaltningen", SAM_AGENCY_KIND_ADMINISTRATION },
};

static void
add_role_users (SamTestFixture *fixture)
{
  g_autoptr(SamSession) admin = sam_test_unlock_admin (fixture->path);
  g_autoptr(SamSecret) passphrase = sam_secret_new_from_string (USER_PASSPHRASE);

  for (guint i = 0; i < G_N_ELEMENTS (role_agencies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SamAgency) agency = sam_directory_find_agency (admin, role_agencies[i].agency, NULL);
      g_autoptr(SamUser) user = NULL;
      g_autofree char *name = g_strconcat ("user-", sam_role_to_string (role_agencies[i].role), NULL);

      if (agency == NULL)
        {
          agency = sam_directory_add_agency (admin, role_agencies[i].agency, role_agencies[i].kind,
                                             NULL, &error);
          g_assert_no_error (error);
        }

      user = sam_directory_add_user (admin, name, "Test Person", role_agencies[i].role,
                                     role_agencies[i].agency, passphrase, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (user->role, ==, role_agencies[i].role);
      g_assert_false (user->must_change_passphrase);
    }

  /* The target of the reset and disable calls, so that the role users
   * keep their passphrases through the matrix. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SamUser) bystander = sam_directory_add_user (admin, "bystander", "Bystander",
                                                           SAM_ROLE_SCHOOL, "Ekholmsskolan",
                                                           passphrase, NULL, &error);
    g_assert_no_error (error);
  }
}

static SamSession *
unlock_role (SamTestFixture *fixture,
             SamRole         role)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strconcat ("user-", sam_role_to_string (role), NULL);
  SamSession *session = sam_test_unlock (fixture->path, name, USER_PASSPHRASE, &error);

  g_assert_no_error (error);
  return session;
}

/* Performs @operation for real and reports whether the policy let it. */
static gboolean
try_operation (SamTestFixture *fixture,
               SamSession     *session,
               SamOperation    operation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSecret) passphrase = sam_secret_new_from_string ("throwaway passphrase");
  g_autofree char *target = g_strdup_printf ("target-%u", g_random_int ());
  g_autofree char *backup = g_strdup_printf ("%s/backup-%u.db", fixture->directory, g_random_int ());
  gboolean done = FALSE;

  switch (operation)
    {
    case SAM_OPERATION_USER_LIST:
      {
        g_autoptr(GPtrArray) users = sam_directory_list_users (session, &error);
        done = users != NULL;
      }
      break;

    case SAM_OPERATION_USER_ADD:
      {
        g_autoptr(SamUser) user = sam_directory_add_user (session, target, "Target", SAM_ROLE_SCHOOL,
                                                          "Ekholmsskolan", passphrase, NULL, &error);
        done = user != NULL;
      }
      break;

    case SAM_OPERATION_USER_DISABLE:
      done = sam_directory_disable_user (session, "bystander", &error);
      break;

    case SAM_OPERATION_USER_RESET_PASSPHRASE:
      done = sam_directory_reset_passphrase (session, "bystander", passphrase, NULL, &error);
      break;

    case SAM_OPERATION_AGENCY_LIST:
      {
        g_autoptr(GPtrArray) agencies = sam_directory_list_agencies (session, &error);
        done = agencies != NULL;
      }
      break;

    case SAM_OPERATION_AGENCY_ADD:
      {
        g_autoptr(SamAgency) agency = sam_directory_add_agency (session, target, SAM_AGENCY_KIND_POLICE,
                                                                NULL, &error);
        done = agency != NULL;
      }
      break;

    case SAM_OPERATION_DATABASE_VERIFY:
      done = sam_maintenance_verify (session, &error);
      break;

    case SAM_OPERATION_DATABASE_BACKUP:
      done = sam_maintenance_backup (session, backup, &error);
      break;

    case SAM_OPERATION_AUDIT_REVIEW:
      {
        g_autoptr(GPtrArray) records = sam_audit_list (session, NULL, &error);
        done = records != NULL;
      }
      break;

    case SAM_OPERATION_USER_SET_ROLE:
      done = sam_directory_set_role (session, "bystander", SAM_ROLE_SCHOOL, &error);
      break;

    case SAM_OPERATION_AREA_ADD:
      {
        g_autoptr(SamChoice) area = sam_directory_add_area (session, target, &error);
        done = area != NULL;
      }
      break;

    case SAM_OPERATION_DATABASE_RESTORE:
      /* Restore has no session; it checks the role inside the backup. */
      return sam_policy_check (session, operation, NULL);

    default:
      g_assert_not_reached ();
    }

  if (!done)
    {
      g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
      g_assert_cmpstr (error->message, !=, "");
    }

  return done;
}

static void
test_policy_table (void)
{
  for (SamRole role = 0; role < SAM_N_ROLES; role++)
    for (SamOperation op = 0; op < N_DIRECTORY_OPERATIONS; op++)
      {
        if (sam_policy_allows (role, op) != expected_policy[role][op])
          g_error ("%s × %s: expected %s", sam_role_to_string (role), sam_operation_to_string (op),
                   expected_policy[role][op] ? "allowed" : "denied");
      }
}

static void
test_policy_matrix (SamTestFixture *fixture,
                    gconstpointer   data)
{
  add_role_users (fixture);

  for (SamRole role = 0; role < SAM_N_ROLES; role++)
    {
      g_autoptr(SamSession) session = unlock_role (fixture, role);

      /* Disabling comes last, so that the other calls still find their users. */
      for (SamOperation op = 0; op < N_DIRECTORY_OPERATIONS; op++)
        {
          if (op == SAM_OPERATION_USER_DISABLE)
            continue;
          if (try_operation (fixture, session, op) != expected_policy[role][op])
            g_error ("%s × %s did not do what the policy says",
                     sam_role_to_string (role), sam_operation_to_string (op));
        }
    }

  for (SamRole role = 0; role < SAM_N_ROLES; role++)
    {
      g_autoptr(SamSession) session = unlock_role (fixture, role);
      gboolean expected = expected_policy[role][SAM_OPERATION_USER_DISABLE];

      if (try_operation (fixture, session, SAM_OPERATION_USER_DISABLE) != expected)
        g_error ("%s × user-disable did not do what the policy says", sam_role_to_string (role));
      if (expected)
        break;
    }
}

static void
expect_invalid (GError     *error,
                GQuark      domain,
                int         code,
                const char *field)
{
  g_assert_error (error, domain, code);
  if (!g_str_has_prefix (error->message, field))
    g_error ("“%s” does not name the field “%s”", error->message, field);
}

static void
test_validation_names_the_field (SamTestFixture *fixture,
                                 gconstpointer   data)
{
  g_autoptr(SamSession) admin = sam_test_unlock_admin (fixture->path);
  g_autoptr(SamSecret) passphrase = sam_secret_new_from_string (USER_PASSPHRASE);
  g_autofree char *long_name = g_strnfill (121, 'x');
  static const char * const bad_names[] = {
    "", "a", "Anna", "1anna", "anna svensson", "anna@skolan", "ånna", NULL,
  };

  for (guint i = 0; bad_names[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SamUser) user = sam_directory_add_user (admin, bad_names[i], "Anna", SAM_ROLE_ADMIN,
                                                        "Kommunledningsförvaltningen", passphrase,
                                                        NULL, &error);
      g_assert_null (user);
      expect_invalid (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "User name");
    }

  {
    static const char * const bad_texts[] = { "", " Anna", "Anna ", "Anna\nSvensson", NULL };
    for (guint i = 0; bad_texts[i] != NULL; i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(SamUser) user = sam_directory_add_user (admin, "anna", bad_texts[i], SAM_ROLE_ADMIN,
                                                          "Kommunledningsförvaltningen", passphrase,
                                                          NULL, &error);
        g_assert_null (user);
        expect_invalid (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Display name");
      }
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SamUser) user = sam_directory_add_user (admin, "anna", long_name, SAM_ROLE_ADMIN,
                                                      "Kommunledningsförvaltningen", passphrase,
                                                      NULL, &error);
    expect_invalid (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Display name");
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SamAgency) agency = sam_directory_add_agency (admin, long_name, SAM_AGENCY_KIND_SCHOOL,
                                                            NULL, &error);
    expect_invalid (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Agency name");
    g_clear_error (&error);
    agency = sam_directory_add_agency (admin, "Rydsskolan", SAM_AGENCY_KIND_SCHOOL, "", &error);
    expect_invalid (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Area");
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SamUser) user = sam_directory_add_user (admin, "anna", "Anna", SAM_ROLE_SCHOOL,
                                                      "Ingen sådan skola", passphrase, NULL, &error);
    expect_invalid (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND, "Agency");
  }

  {
    /* A school worker cannot belong to the police. */
    g_autoptr(GError) error = NULL;
    g_autoptr(SamAgency) police = sam_directory_add_agency (admin, "Polisen", SAM_AGENCY_KIND_POLICE,
                                                            NULL, &error);
    g_autoptr(SamUser) user = NULL;

    g_assert_no_error (error);
    user = sam_directory_add_user (admin, "anna", "Anna", SAM_ROLE_SCHOOL, "Polisen", passphrase,
                                   NULL, &error);
    expect_invalid (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Agency");
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SamSecret) short_one = sam_secret_new_from_string ("short");
    g_autoptr(SamUser) user = sam_directory_add_user (admin, "anna", "Anna", SAM_ROLE_ADMIN,
                                                      "Kommunledningsförvaltningen", short_one,
                                                      NULL, &error);
    expect_invalid (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WEAK_PASSPHRASE, "Passphrase");
  }

  /* None of the failures left a user or a slot behind. */
  {
    g_autoptr(GPtrArray) users = sam_directory_list_users (admin, NULL);

    g_assert_cmpuint (users->len, ==, 1);
    g_assert_cmpuint (sam_keyslot_file_get_n_slots (sam_database_get_keyslots (
                        sam_session_get_database (admin))), ==, 2);
  }
}

static void
test_duplicates (SamTestFixture *fixture,
                 gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) admin = sam_test_unlock_admin (fixture->path);
  g_autoptr(SamSecret) passphrase = sam_secret_new_from_string (USER_PASSPHRASE);
  g_autoptr(SamAgency) first = NULL;
  g_autoptr(SamAgency) second = NULL;
  g_autoptr(SamAgency) by_id = NULL;
  g_autoptr(SamUser) user = NULL;
  g_autofree char *id = NULL;

  first = sam_directory_add_agency (admin, "Ekholmsskolan", SAM_AGENCY_KIND_SCHOOL, "Ekholmen", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first->area, ==, "Ekholmen");
  second = sam_directory_add_agency (admin, "ekholmsskolan", SAM_AGENCY_KIND_SCHOOL, NULL, &error);
  g_assert_null (second);
  expect_invalid (error, SAM_STORE_ERROR, SAM_STORE_ERROR_EXISTS, "Agency name");
  g_clear_error (&error);

  id = g_strdup_printf ("%" G_GINT64_FORMAT, first->id);
  by_id = sam_directory_find_agency (admin, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (by_id->name, ==, "Ekholmsskolan");

  user = sam_directory_add_user (admin, SAM_TEST_ADMIN, "Someone", SAM_ROLE_SCHOOL, id, passphrase,
                                 NULL, &error);
  g_assert_null (user);
  expect_invalid (error, SAM_STORE_ERROR, SAM_STORE_ERROR_EXISTS, "User name");

  /* The admin's own slot was not overwritten by the failed add. */
  g_clear_object (&admin);
  admin = sam_test_unlock_admin (fixture->path);
}

static void
test_one_time_passphrase (SamTestFixture *fixture,
                          gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) admin = sam_test_unlock_admin (fixture->path);
  g_autoptr(SamSession) session = NULL;
  g_autoptr(SamSecret) one_time = NULL;
  g_autoptr(SamSecret) chosen = sam_secret_new_from_string ("my own passphrase");
  g_autoptr(SamUser) user = NULL;
  g_autoptr(GPtrArray) agencies = NULL;

  user = sam_directory_add_user (admin, "maria", "Maria", SAM_ROLE_MANAGER,
                                 "Kommunledningsförvaltningen", NULL, &one_time, &error);
  g_assert_no_error (error);
  g_assert_true (user->must_change_passphrase);
  g_assert_nonnull (one_time);
  g_assert_cmpuint (sam_secret_get_string_length (one_time), ==, 19);

  session = sam_test_unlock (fixture->path, "maria", sam_secret_get_string (one_time), &error);
  g_assert_no_error (error);
  g_assert_true (sam_session_get_must_change_passphrase (session));

  /* Nothing but changing it is allowed. */
  agencies = sam_directory_list_agencies (session, &error);
  g_assert_null (agencies);
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_MUST_CHANGE_PASSPHRASE);
  g_clear_error (&error);

  g_assert_true (sam_session_change_passphrase (session, chosen, &error));
  g_assert_no_error (error);
  g_assert_false (sam_session_get_must_change_passphrase (session));
  agencies = sam_directory_list_agencies (session, &error);
  g_assert_no_error (error);
  g_clear_object (&session);

  session = sam_test_unlock (fixture->path, "maria", sam_secret_get_string (one_time), &error);
  g_assert_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  session = sam_test_unlock (fixture->path, "maria", "my own passphrase", &error);
  g_assert_no_error (error);
  g_assert_false (sam_session_get_must_change_passphrase (session));
  g_clear_object (&session);

  /* An administrator's reset makes it one-time again. */
  g_clear_pointer (&one_time, sam_secret_free);
  g_assert_true (sam_directory_reset_passphrase (admin, "maria", NULL, &one_time, &error));
  g_assert_no_error (error);
  session = sam_test_unlock (fixture->path, "maria", sam_secret_get_string (one_time), &error);
  g_assert_no_error (error);
  g_assert_true (sam_session_get_must_change_passphrase (session));
}

static void
test_change_rewraps_one_slot (SamTestFixture *fixture,
                              gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) admin = sam_test_unlock_admin (fixture->path);
  g_autoptr(SamSession) session = NULL;
  g_autoptr(SamSecret) passphrase = sam_secret_new_from_string (USER_PASSPHRASE);
  g_autoptr(SamSecret) renewed = sam_secret_new_from_string ("renewed passphrase");
  g_autofree char *keys = sam_keyslot_file_path_for_database (fixture->path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(SamUser) user = NULL;

  user = sam_directory_add_user (admin, "karin", "Karin", SAM_ROLE_MANAGER,
                                 "Kommunledningsförvaltningen", passphrase, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sam_keyslot_file_get_n_slots (sam_database_get_keyslots (
                      sam_session_get_database (admin))), ==, 3);
  before = sam_test_read_file (keys, NULL);

  session = sam_test_unlock (fixture->path, "karin", USER_PASSPHRASE, &error);
  g_assert_true (sam_session_change_passphrase (session, renewed, &error));
  g_assert_no_error (error);
  after = sam_test_read_file (keys, NULL);

  /* The admin's and the recovery slot are byte for byte the same: every
   * line of the old file that is not about karin's slot is still there. */
  {
    g_auto(GStrv) old_lines = g_strsplit (before, "\n", -1);
    guint unchanged = 0, changed = 0;

    for (guint i = 0; old_lines[i] != NULL; i++)
      {
        if (strstr (after, old_lines[i]) != NULL)
          unchanged++;
        else
          changed++;
      }
    /* karin's salt, nonce, wrapped key, and the checksum. */
    g_assert_cmpuint (changed, ==, 4);
    g_assert_cmpuint (unchanged, >, 20);
  }
}

static void
test_disable (SamTestFixture *fixture,
              gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) admin = sam_test_unlock_admin (fixture->path);
  g_autoptr(SamSession) session = NULL;
  g_autoptr(SamSecret) passphrase = sam_secret_new_from_string (USER_PASSPHRASE);
  g_autoptr(SamUser) user = NULL;
  g_autoptr(GPtrArray) users = NULL;
  SamKeyslotFile *keyslots = sam_database_get_keyslots (sam_session_get_database (admin));

  user = sam_directory_add_user (admin, "karin", "Karin", SAM_ROLE_MANAGER,
                                 "Kommunledningsförvaltningen", passphrase, NULL, &error);
  g_assert_no_error (error);
  keyslots = sam_database_get_keyslots (sam_session_get_database (admin));
  g_assert_cmpuint (sam_keyslot_file_get_n_slots (keyslots), ==, 3);

  g_assert_false (sam_directory_disable_user (admin, SAM_TEST_ADMIN, &error));
  expect_invalid (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "User name");
  g_clear_error (&error);
  g_assert_false (sam_directory_disable_user (admin, "nobody", &error));
  expect_invalid (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND, "User name");
  g_clear_error (&error);

  g_assert_true (sam_directory_disable_user (admin, "karin", &error));
  g_assert_no_error (error);
  keyslots = sam_database_get_keyslots (sam_session_get_database (admin));
  g_assert_cmpuint (sam_keyslot_file_get_n_slots (keyslots), ==, 2);
  g_assert_false (sam_keyslot_file_has_slot (keyslots, "karin"));

  session = sam_test_unlock (fixture->path, "karin", USER_PASSPHRASE, &error);
  g_assert_null (session);
  g_assert_error (error, SAM_KEYSLOT_ERROR, SAM_KEYSLOT_ERROR_UNKNOWN_USER);
  g_clear_error (&error);

  g_assert_false (sam_directory_reset_passphrase (admin, "karin", passphrase, NULL, &error));
  expect_invalid (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "User name");
  g_clear_error (&error);

  users = sam_directory_list_users (admin, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 2);
  g_assert_true (((SamUser *) g_ptr_array_index (users, 1))->disabled);
}

static void
test_two_writers_share_the_key_file (SamTestFixture *fixture,
                                     gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) first = sam_test_unlock_admin (fixture->path);
  g_autoptr(SamSession) second = sam_test_unlock_admin (fixture->path);
  g_autoptr(SamSecret) passphrase = sam_secret_new_from_string (USER_PASSPHRASE);
  g_autoptr(SamUser) karin = NULL;
  g_autoptr(SamUser) johan = NULL;
  g_autoptr(SamSession) check = NULL;

  /* As if the app and the CLI were open at once: each adds a user with the
   * key file it loaded at unlock. Neither slot may be lost. */
  karin = sam_directory_add_user (first, "karin", "Karin", SAM_ROLE_MANAGER,
                                  "Kommunledningsförvaltningen", passphrase, NULL, &error);
  g_assert_no_error (error);
  johan = sam_directory_add_user (second, "johan", "Johan", SAM_ROLE_MANAGER,
                                  "Kommunledningsförvaltningen", passphrase, NULL, &error);
  g_assert_no_error (error);

  check = sam_test_unlock (fixture->path, "karin", USER_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_clear_object (&check);
  check = sam_test_unlock (fixture->path, "johan", USER_PASSPHRASE, &error);
  g_assert_no_error (error);
}

static int
refuse_commit (void *data)
{
  return 1;
}

static gboolean
key_file_has_slot (SamTestFixture *fixture,
                   const char     *name)
{
  g_autofree char *keys = sam_keyslot_file_path_for_database (fixture->path);
  g_autoptr(SamKeyslotFile) file = sam_keyslot_file_load (keys, NULL);

  return sam_keyslot_file_has_slot (file, name);
}

static void
test_failed_commit_reverts_key_file (SamTestFixture *fixture,
                                     gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) admin = sam_test_unlock_admin (fixture->path);
  g_autoptr(SamSecret) passphrase = sam_secret_new_from_string (USER_PASSPHRASE);
  g_autoptr(SamUser) karin = NULL;
  g_autoptr(SamUser) bob = NULL;
  g_autoptr(SamSession) check = NULL;
  sqlite3 *handle = _sam_database_get_handle (sam_session_get_database (admin));

  karin = sam_directory_add_user (admin, "karin", "Karin", SAM_ROLE_MANAGER,
                                  "Kommunledningsförvaltningen", passphrase, NULL, &error);
  g_assert_no_error (error);

  /* As if the disk filled up at COMMIT: the key file must follow the
   * database back, or a slot and its user would disagree. */
  sqlite3_commit_hook (handle, refuse_commit, NULL);

  bob = sam_directory_add_user (admin, "bob", "Bob", SAM_ROLE_MANAGER,
                                "Kommunledningsförvaltningen", passphrase, NULL, &error);
  g_assert_null (bob);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (key_file_has_slot (fixture, "bob"));

  g_assert_false (sam_directory_disable_user (admin, "karin", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (key_file_has_slot (fixture, "karin"));

  sqlite3_commit_hook (handle, NULL, NULL);
  check = sam_test_unlock (fixture->path, "karin", USER_PASSPHRASE, &error);
  g_assert_no_error (error);
}

/* The last audit row other than a read names @action on @object_type
 * @object_id with @reason. */
static void
assert_last_audit (SamSession     *admin,
                   SamAuditAction  action,
                   const char     *object_type,
                   gint64          object_id,
                   const char     *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = sam_audit_list (admin, NULL, &error);
  SamAuditRecord *last = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    {
      SamAuditRecord *record = g_ptr_array_index (records, i);

      if (record->action != SAM_AUDIT_VIEW && (last == NULL || record->seq > last->seq))
        last = record;
    }

  g_assert_nonnull (last);
  g_assert_cmpint (last->action, ==, action);
  g_assert_cmpstr (last->object_type, ==, object_type);
  g_assert_cmpint (last->object_id, ==, object_id);
  g_assert_cmpstr (last->reason, ==, reason);
}

static void
test_set_role (SamTestFixture *fixture,
               gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) admin = sam_test_unlock_admin (fixture->path);
  g_autoptr(SamSession) session = NULL;
  g_autoptr(SamSecret) passphrase = sam_secret_new_from_string (USER_PASSPHRASE);
  g_autoptr(SamUser) user = NULL;
  g_autoptr(SamUser) changed = NULL;
  g_autoptr(SamAgency) social = NULL;

  social = sam_directory_add_agency (admin, "Socialtjänsten", SAM_AGENCY_KIND_SOCIAL_SERVICES,
                                     NULL, &error);
  g_assert_no_error (error);
  user = sam_directory_add_user (admin, "sara", "Sara", SAM_ROLE_SOCIAL, "Socialtjänsten",
                                 passphrase, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (sam_directory_set_role (admin, "sara", SAM_ROLE_COORDINATOR, &error));
  g_assert_no_error (error);
  assert_last_audit (admin, SAM_AUDIT_ROLE_CHANGE, "user", user->id, "coordinator");
  changed = sam_directory_find_user (admin, "sara", &error);
  g_assert_no_error (error);
  g_assert_cmpint (changed->role, ==, SAM_ROLE_COORDINATOR);

  session = sam_test_unlock (fixture->path, "sara", USER_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sam_session_get_role (session), ==, SAM_ROLE_COORDINATOR);

  /* A role must fit the agency, nobody changes their own, unknown users are named. */
  g_assert_false (sam_directory_set_role (admin, "sara", SAM_ROLE_POLICE, &error));
  expect_invalid (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Role");
  g_clear_error (&error);
  g_assert_false (sam_directory_set_role (admin, SAM_TEST_ADMIN, SAM_ROLE_MANAGER, &error));
  expect_invalid (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "User name");
  g_clear_error (&error);
  g_assert_false (sam_directory_set_role (admin, "nobody", SAM_ROLE_MANAGER, &error));
  expect_invalid (error, SAM_STORE_ERROR, SAM_STORE_ERROR_NOT_FOUND, "User name");
  g_clear_error (&error);
  g_clear_pointer (&changed, sam_user_free);
  changed = sam_directory_find_user (admin, "sara", &error);
  g_assert_no_error (error);
  g_assert_cmpint (changed->role, ==, SAM_ROLE_COORDINATOR);

  /* A coordinator may not change roles, not even back. */
  g_assert_false (sam_directory_set_role (session, "sara", SAM_ROLE_SOCIAL, &error));
  g_assert_error (error, SAM_POLICY_ERROR, SAM_POLICY_ERROR_DENIED);
  g_clear_error (&error);

  /* A disabled account keeps the role it had. */
  g_assert_true (sam_directory_disable_user (admin, "sara", &error));
  g_assert_no_error (error);
  g_assert_false (sam_directory_set_role (admin, "sara", SAM_ROLE_SOCIAL, &error));
  expect_invalid (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "User name");
}

static void
test_add_area (SamTestFixture *fixture,
               gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamSession) admin = sam_test_unlock_admin (fixture->path);
  g_autoptr(SamChoice) area = NULL;
  g_autoptr(SamChoice) again = NULL;
  g_autoptr(GPtrArray) areas = NULL;

  area = sam_directory_add_area (admin, "Ryd", &error);
  g_assert_no_error (error);
  g_assert_cmpint (area->id, >, 0);
  g_assert_cmpstr (area->name, ==, "Ryd");
  assert_last_audit (admin, SAM_AUDIT_CREATE, "area", area->id, NULL);

  again = sam_directory_add_area (admin, "ryd", &error);
  g_assert_null (again);
  expect_invalid (error, SAM_STORE_ERROR, SAM_STORE_ERROR_EXISTS, "Area name");
  g_clear_error (&error);
  again = sam_directory_add_area (admin, " Ryd", &error);
  g_assert_null (again);
  expect_invalid (error, SAM_STORE_ERROR, SAM_STORE_ERROR_INVALID, "Area name");
  g_clear_error (&error);

  areas = sam_choices_list_areas (admin, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (areas->len, ==, 1);
  g_assert_cmpstr (((SamChoice *) g_ptr_array_index (areas, 0))->name, ==, "Ryd");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (sam_security_init (NULL));

#define ADD(path, func) \
  g_test_add (path, SamTestFixture, NULL, sam_test_fixture_set_up, func, sam_test_fixture_tear_down)

  g_test_add_func ("/directory/policy-table", test_policy_table);
  ADD ("/directory/policy-matrix", test_policy_matrix);
  ADD ("/directory/validation", test_validation_names_the_field);
  ADD ("/directory/duplicates", test_duplicates);
  ADD ("/directory/one-time-passphrase", test_one_time_passphrase);
  ADD ("/directory/change-rewraps-one-slot", test_change_rewraps_one_slot);
  ADD ("/directory/disable", test_disable);
  ADD ("/directory/set-role", test_set_role);
  ADD ("/directory/add-area", test_add_area);
  ADD ("/directory/two-writers", test_two_writers_share_the_key_file);
  ADD ("/directory/failed-commit-reverts-key-file", test_failed_commit_reverts_key_file);

#undef ADD

  return g_test_run ();
}
