/* sam-application.h: the Samverka application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SAM_TYPE_APPLICATION (sam_application_get_type ())

G_DECLARE_FINAL_TYPE (SamApplication, sam_application, SAM, APPLICATION, AdwApplication)

SamApplication *sam_application_new               (void);
const char     *sam_application_get_database_path (SamApplication *self);
void            sam_application_set_database_path (SamApplication *self,
                                                   const char     *database_path);

G_END_DECLS
