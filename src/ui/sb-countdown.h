/* sb-countdown.h — how far the loop is: "today", "in 3 days"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-application.h"

G_BEGIN_DECLS

/* "today", "tomorrow", "in 3 days", "yesterday", "2 days ago"; NULL for
 * G_MININT (no date). */
char *sb_countdown_format          (int            days);
/* The local date now. */
void  sb_countdown_get_today       (GDate         *today);
/* "Acme · in 3 days", "Acme" without a date; the display name when the
 * company is empty. */
char *sb_countdown_describe        (SbApplication *application,
                                    GDate         *today);
/* Milliseconds until the next local midnight (at least one second). */
guint sb_countdown_ms_to_midnight  (void);

G_END_DECLS
