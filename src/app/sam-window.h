/* sam-window.h: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sam-application.h"
#include "sam-lock-monitor.h"
#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_WINDOW (sam_window_get_type ())

G_DECLARE_FINAL_TYPE (SamWindow, sam_window, SAM, WINDOW, AdwApplicationWindow)

SamWindow      *sam_window_new                          (SamApplication *application,
                                                         const char     *database_path);
const char     *sam_window_get_database_path            (SamWindow      *self);
SamSession     *sam_window_get_session                  (SamWindow      *self);
SamLockMonitor *sam_window_get_lock_monitor             (SamWindow      *self);
void            sam_window_reload_organisation_settings (SamWindow      *self);
void            sam_window_lock                         (SamWindow      *self);

G_END_DECLS
