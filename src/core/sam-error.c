/* sam-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-error"

#include "config.h"

#include "sam-error.h"

G_DEFINE_QUARK (sam-database-error-quark, sam_database_error)
G_DEFINE_QUARK (sam-keyslot-error-quark, sam_keyslot_error)
G_DEFINE_QUARK (sam-store-error-quark, sam_store_error)
G_DEFINE_QUARK (sam-policy-error-quark, sam_policy_error)
