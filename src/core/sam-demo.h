/* sam-demo.h: a demo database with one user per role
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

gboolean sam_demo_create (const char  *path,
                          GError     **error);

G_END_DECLS
