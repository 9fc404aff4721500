/* samverka-core.h: the whole public API of the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sam-audit.h"
#include "sam-case-list.h"
#include "sam-case-row.h"
#include "sam-case-store.h"
#include "sam-catalogue.h"
#include "sam-choices.h"
#include "sam-chronology.h"
#include "sam-concern-store.h"
#include "sam-consent-expiry.h"
#include "sam-database.h"
#include "sam-demo.h"
#include "sam-directory.h"
#include "sam-error.h"
#include "sam-follow-up-store.h"
#include "sam-keyslot-file.h"
#include "sam-log.h"
#include "sam-maintenance.h"
#include "sam-mapping-store.h"
#include "sam-meeting-store.h"
#include "sam-note-store.h"
#include "sam-person-store.h"
#include "sam-personnummer.h"
#include "sam-plan-store.h"
#include "sam-policy.h"
#include "sam-reminder-planner.h"
#include "sam-role.h"
#include "sam-search.h"
#include "sam-secret.h"
#include "sam-session.h"
#include "sam-triage-cases.h"
#include "sam-validate.h"
