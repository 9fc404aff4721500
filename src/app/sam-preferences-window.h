/* sam-preferences-window.h: the preferences window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "samverka-core.h"

G_BEGIN_DECLS

#define SAM_TYPE_PREFERENCES_WINDOW (sam_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (SamPreferencesWindow, sam_preferences_window, SAM, PREFERENCES_WINDOW, AdwPreferencesWindow)

SamPreferencesWindow *sam_preferences_window_new          (GSettings            *settings,
                                                           SamSession           *session,
                                                           GtkWindow            *parent);
GSettings            *sam_preferences_window_get_settings (SamPreferencesWindow *self);

G_END_DECLS
