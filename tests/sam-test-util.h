/* sam-test-util.h: helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TEST_ADMIN            "admin"
#define SAM_TEST_ADMIN_PASSPHRASE "admin passphrase 1"

typedef struct
{
  char        *directory;
  char        *path;
  SamSecret   *recovery_code;
} SamTestFixture;

/* An SSPF municipality for the domain tests: one agency per kind, and one
 * user per role, called by the role's id, with SAM_TEST_USER_PASSPHRASE.
 * A second school, "Rydsskolan", has the user "school2". */
#define SAM_TEST_USER_PASSPHRASE "user passphrase 123"
#define SAM_TEST_SCHOOL          "Ekholmsskolan"
#define SAM_TEST_SOCIAL          "Socialtjänsten"
#define SAM_TEST_POLICE          "Lokalpolisen"
#define SAM_TEST_LEISURE         "Fritidsgården Ryd"
#define SAM_TEST_SCHOOL2         "Rydsskolan"

void         sam_test_populate_sspf           (const char      *path);
SamSession  *sam_test_unlock_user             (const char      *path,
                                               const char      *user);
gint64       sam_test_agency_id               (SamSession      *session,
                                               const char      *name);
void         sam_test_fixture_set_up          (SamTestFixture  *fixture,
                                               gconstpointer    data);
void         sam_test_fixture_tear_down       (SamTestFixture  *fixture,
                                               gconstpointer    data);
SamDatabase *sam_test_create_database         (const char      *path,
                                               SamSecret      **out_recovery_code);
SamSession  *sam_test_unlock                  (const char      *path,
                                               const char      *user,
                                               const char      *passphrase,
                                               GError         **error);
SamSession  *sam_test_unlock_admin            (const char      *path);
void         sam_test_flip_byte               (const char      *path,
                                               goffset          offset);
goffset      sam_test_file_size               (const char      *path);
void         sam_test_rm_rf                   (const char      *directory);
char        *sam_test_read_file               (const char      *path,
                                               gsize           *out_length);
void         sam_test_write_file              (const char      *path,
                                               const char      *contents,
                                               gssize           length);
void         sam_test_exec_sql                (SamSession      *session,
                                               const char      *sql);
gint64       sam_test_query_int               (SamSession      *session,
                                               const char      *sql);

G_END_DECLS
