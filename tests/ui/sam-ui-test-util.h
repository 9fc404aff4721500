/* sam-ui-test-util.h: helpers for the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

/* The first administrator of every test database. The display name holds
 * markup characters on purpose: a widget that parsed it as markup would
 * warn, and warnings are fatal in the tests. */
#define TEST_ADMIN_NAME         "admin"
#define TEST_ADMIN_DISPLAY_NAME "Åsa Adminsson & <Co>"
#define TEST_ADMIN_PASSPHRASE   "admin passphrase 1"
#define TEST_ADMIN_AGENCY       "Kommunledningskontoret"

typedef struct
{
  char *dir;
  char *path;
} SamTestDatabase;

SamTestDatabase *sam_test_database_new          (gboolean          demo);
void             sam_test_database_free         (SamTestDatabase  *db);
void             sam_test_database_add_user     (SamTestDatabase  *db,
                                                 const char       *name,
                                                 const char       *display_name,
                                                 SamRole           role,
                                                 const char       *agency,
                                                 SamAgencyKind     agency_kind,
                                                 const char       *passphrase,
                                                 char            **out_one_time_passphrase);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SamTestDatabase, sam_test_database_free)

/* Spins the main loop until @condition holds; fails the test after
 * @timeout_seconds. */
#define sam_test_wait_until(condition, timeout_seconds) \
  G_STMT_START { \
    gint64 _deadline = g_get_monotonic_time () + (gint64) (timeout_seconds) * G_USEC_PER_SEC; \
    while (!(condition)) \
      { \
        if (g_get_monotonic_time () > _deadline) \
          g_error ("%s:%d: timed out after %d s waiting for: %s", \
                   __FILE__, __LINE__, (int) (timeout_seconds), #condition); \
        sam_test_iterate (); \
      } \
  } G_STMT_END

void        sam_test_init                   (int              *argc,
                                             char           ***argv);
void        sam_test_iterate                (void);
void        sam_test_spin                   (guint             milliseconds);

gboolean    sam_test_shows_text             (GtkWidget        *root,
                                             const char       *text);
gboolean    sam_test_holds_text             (GtkWidget        *root,
                                             const char       *text);

GtkWidget  *sam_test_child                  (GtkWidget        *widget,
                                             GType             widget_type,
                                             const char       *name);
void        sam_test_type                   (GtkWidget        *widget,
                                             GType             widget_type,
                                             const char       *name,
                                             const char       *text);

G_END_DECLS
