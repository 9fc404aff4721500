/* sam-lock-monitor-private.h: testing hooks of SamLockMonitor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-lock-monitor.h"

G_BEGIN_DECLS

/* Replaces the idle time from the settings by @timeout_ms, so that a test
 * need not wait whole minutes; 0 goes back to the settings. */
void _sam_lock_monitor_set_timeout_ms (SamLockMonitor *self,
                                       guint           timeout_ms);

G_END_DECLS
