/* sam-lock-monitor.h: decides when an unlocked database must lock by itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The reasons SamLockMonitor::lock-requested passes. */
#define SAM_LOCK_REASON_IDLE         "idle"
#define SAM_LOCK_REASON_SCREENSAVER  "screensaver"
#define SAM_LOCK_REASON_SESSION_LOCK "session-lock"
#define SAM_LOCK_REASON_SLEEP        "sleep"

#define SAM_TYPE_LOCK_MONITOR (sam_lock_monitor_get_type ())

G_DECLARE_FINAL_TYPE (SamLockMonitor, sam_lock_monitor, SAM, LOCK_MONITOR, GObject)

SamLockMonitor *sam_lock_monitor_new                   (GSettings       *settings,
                                                        GDBusConnection *session_bus,
                                                        GDBusConnection *system_bus);
SamLockMonitor *sam_lock_monitor_new_for_user          (GSettings       *settings);
void            sam_lock_monitor_activity              (SamLockMonitor  *self);
gboolean        sam_lock_monitor_get_armed             (SamLockMonitor  *self);
void            sam_lock_monitor_set_armed             (SamLockMonitor  *self,
                                                        gboolean         armed);
guint           sam_lock_monitor_get_idle_minutes      (SamLockMonitor  *self);
void            sam_lock_monitor_set_idle_minutes      (SamLockMonitor  *self,
                                                        guint            idle_minutes);
void            sam_lock_monitor_set_bounds            (SamLockMonitor  *self,
                                                        guint            min_minutes,
                                                        guint            max_minutes);
guint           sam_lock_monitor_get_effective_minutes (SamLockMonitor  *self);

G_END_DECLS
