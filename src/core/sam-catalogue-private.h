/* sam-catalogue-private.h: for sam-database.c and the tests only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "sam-catalogue.h"

G_BEGIN_DECLS

/* _sam_catalogue_sync() with another table than the compiled one, so that
 * a test can play a release that drops or changes entries. */
gboolean  _sam_catalogue_sync_entries     (sqlite3                  *db,
                                           const SamCatalogueEntry  *entries,
                                           guint                     n_entries,
                                           GError                  **error);
char     *_sam_catalogue_compute_version  (const SamCatalogueEntry  *entries,
                                           guint                     n_entries);
const char *_sam_catalogue_get_version    (void);

G_END_DECLS
