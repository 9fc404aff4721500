/* sam-concern-format.h: how concerns read in the concern widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

char       *sam_concern_format_codes          (SamCatalogueKind     kind,
                                               const char * const  *codes);
char       *sam_concern_format_person         (const char          *given_name,
                                               const char          *family_name);
const char *sam_concern_status_css_class      (SamConcernStatus     status);
gboolean    sam_concern_error_is_field        (const GError        *error,
                                               const char          *field);
void        sam_concern_show_error            (GtkLabel            *label,
                                               const char          *message);
char       *sam_concern_today                 (void);

G_END_DECLS
